//! Functions: the functieboek.

use serde::{Deserialize, Serialize};

use super::FunctionId;

/// One task of a function, with its weight.
///
/// Weights are relative: a function with tasks weighing 3 and 1 spends three
/// quarters of its weight on the first. Task names are compared exactly when
/// functions are compared in a reorganisation, so use the same name for the
/// same task across the old and the new functieboek.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Task {
    /// The task's name (or code).
    pub name: String,
    /// Its weight, positive.
    pub weight: f64,
}

impl Task {
    /// A task with its name and weight.
    pub fn new(name: impl Into<String>, weight: f64) -> Self {
        Task { name: name.into(), weight }
    }
}

/// A function (job description) in the functieboek.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Function {
    /// The stable id, derived from the code.
    pub id: FunctionId,
    /// The function code, used as key in files.
    pub key: String,
    /// The title.
    pub title: String,
    /// The lowest salary scale of the function.
    pub scale_min: Option<u8>,
    /// The highest salary scale of the function (equal to `scale_min` for a single scale).
    pub scale_max: Option<u8>,
    /// The HR21 code (the VNG's standard function catalogue), if known.
    pub hr21: Option<String>,
    /// The tasks with their weights.
    pub tasks: Vec<Task>,
}

impl Function {
    /// A function with a code and title, and no tasks yet.
    pub fn new(key: impl Into<String>, title: impl Into<String>) -> Self {
        let key = key.into();
        Function {
            id: FunctionId::from_key(&key),
            key,
            title: title.into(),
            scale_min: None,
            scale_max: None,
            hr21: None,
            tasks: Vec::new(),
        }
    }

    /// The sum of the task weights.
    pub fn total_weight(&self) -> f64 {
        self.tasks.iter().map(|t| t.weight).sum()
    }
}

//! Errors from edits that would make a design invalid.

use thiserror::Error;

/// Which collection of a design an element belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum ElementKind {
    /// A unit.
    Unit,
    /// A post.
    Post,
    /// A person.
    Person,
    /// A function.
    Function,
    /// A custom role.
    Role,
    /// An appointment.
    Appointment,
    /// A horizontal steering assignment.
    Assignment,
    /// A community membership.
    Membership,
    /// A party outside the organisation.
    Party,
    /// A portfolio (aandachtsgebied).
    Portfolio,
}

impl ElementKind {
    /// The singular noun used in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            ElementKind::Unit => "unit",
            ElementKind::Post => "post",
            ElementKind::Person => "person",
            ElementKind::Function => "function",
            ElementKind::Role => "role",
            ElementKind::Appointment => "appointment",
            ElementKind::Assignment => "assignment",
            ElementKind::Membership => "membership",
            ElementKind::Party => "party",
            ElementKind::Portfolio => "portfolio",
        }
    }
}

impl std::fmt::Display for ElementKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// An edit that was refused because it would make the design invalid.
///
/// The design is unchanged when an edit returns this error.
#[derive(Clone, Debug, PartialEq, Error)]
#[non_exhaustive]
pub enum EditError {
    /// An element with this key already exists.
    #[error("{kind} `{key}` already exists")]
    DuplicateKey {
        /// The collection.
        kind: ElementKind,
        /// The key.
        key: String,
    },
    /// A field refers to an element that is not in the design.
    #[error("{kind} `{key}`: {field} refers to {target} `{reference}`, which is not in the design")]
    MissingReference {
        /// The collection of the element being edited.
        kind: ElementKind,
        /// The key of the element being edited.
        key: String,
        /// The field holding the reference.
        field: &'static str,
        /// The collection the reference points into.
        target: ElementKind,
        /// The missing reference, as a key where known or else an id.
        reference: String,
    },
    /// The edit would close a cycle in the reporting line.
    #[error("{}", line_cycle_message(post, manager))]
    LineCycle {
        /// The post whose line manager was being set.
        post: String,
        /// The proposed line manager.
        manager: String,
    },
    /// The edit would close a cycle in the placement of units.
    #[error("unit `{unit}` cannot be placed in `{parent}`: `{parent}` already lies within `{unit}`")]
    UnitCycle {
        /// The unit being placed.
        unit: String,
        /// The proposed parent.
        parent: String,
    },
    /// A value is out of its allowed range.
    #[error("{kind} `{key}`: {field} {message}")]
    InvalidValue {
        /// The collection of the element.
        kind: ElementKind,
        /// The key of the element.
        key: String,
        /// The field.
        field: &'static str,
        /// What is wrong, in plain words.
        message: String,
    },
    /// The element cannot be removed while others refer to it.
    #[error("{kind} `{key}` cannot be removed: {by} still refers to it")]
    StillReferenced {
        /// The collection of the element.
        kind: ElementKind,
        /// Its key.
        key: String,
        /// What still refers to it, in plain words.
        by: String,
    },
    /// The element to edit is not in the design.
    #[error("{kind} `{key}` is not in the design")]
    NotFound {
        /// The collection.
        kind: ElementKind,
        /// The key or id asked for.
        key: String,
    },
}

fn line_cycle_message(post: &str, manager: &str) -> String {
    if post == manager {
        format!("post `{post}` cannot report to itself")
    } else {
        format!(
            "post `{post}` cannot report to `{manager}`: `{manager}` already reports to `{post}`, directly or indirectly, so the line would form a cycle"
        )
    }
}

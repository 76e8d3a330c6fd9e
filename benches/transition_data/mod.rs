//! The generated reorganisation of the transition benches: 100,000 employees, 2,000
//! functions and 500 units, shared by `benches/transition.rs` (in process) and
//! `benches/transition_cli.rs` (the command line on the same designs as files).

use harkje::transition::{Statute, TransitionInput};
use harkje::{Appointment, Design, Function, FunctionId, Person, Post, Task, Unit, UnitId, UnitKind};
use jiff::civil::date;

pub const EMPLOYEES: usize = 100_000;
pub const FUNCTIONS: usize = 2_000;
pub const UNITS: usize = 500;

/// The two designs, the statute and the transition input.
#[allow(dead_code, reason = "the command-line bench writes the designs and its own input")]
pub struct Reorg {
    pub old: Design,
    pub new: Design,
    pub statute: Statute,
    pub input: TransitionInput,
}

pub fn task(name: String, weight: f64) -> Task {
    Task::new(name, weight)
}

/// Old function `F<i>` has four tasks; its successor `G<i>` keeps them all (7 in 10
/// functions), replaces the heaviest (2 in 10: 40% change, gewijzigd), or replaces
/// all but the shared `overleg` (1 in 10). Every function shares `overleg`, so the
/// inverted index has one task that hits all 2,000 new functions.
pub fn generate() -> Reorg {
    let mut old = Design::new("oud");
    let mut new = Design::new("nieuw");
    for u in 0..UNITS {
        old.add_unit(Unit::new(format!("u{u}"), format!("Unit {u}"), UnitKind::Team)).ok();
        new.add_unit(Unit::new(format!("u{u}"), format!("Unit {u}"), UnitKind::Team)).ok();
    }
    for i in 0..FUNCTIONS {
        let scale = 5 + (i % 8) as u8;
        let mut f = Function::new(format!("F{i}"), format!("Oude functie {i}"));
        f.scale_max = Some(scale);
        f.tasks = vec![
            task(format!("t{i}a"), 4.0),
            task(format!("t{i}b"), 3.0),
            task(format!("t{i}c"), 2.0),
            task("overleg".into(), 1.0),
        ];
        old.add_function(f).ok();
        let mut g = Function::new(format!("G{i}"), format!("Nieuwe functie {i}"));
        g.scale_max = Some(scale);
        g.tasks = match i % 10 {
            7 | 8 => vec![
                task(format!("n{i}a"), 4.0),
                task(format!("t{i}b"), 3.0),
                task(format!("t{i}c"), 2.0),
                task("overleg".into(), 1.0),
            ],
            9 => vec![task(format!("n{i}a"), 6.0), task(format!("n{i}b"), 3.0), task("overleg".into(), 1.0)],
            _ => vec![
                task(format!("t{i}a"), 4.0),
                task(format!("t{i}b"), 3.0),
                task(format!("t{i}c"), 2.0),
                task("overleg".into(), 1.0),
            ],
        };
        new.add_function(g).ok();
    }
    for k in 0..EMPLOYEES {
        let f = k % FUNCTIONS;
        let scale = 5 + (f % 8) as u8;
        let mut p = Post::new(format!("p{k}"), "Medewerker", "medewerker");
        p.function = Some(FunctionId::from_key(&format!("F{f}")));
        p.unit = Some(UnitId::from_key(&format!("u{}", k % UNITS)));
        p.scale = Some(scale);
        p.salary = Some(40_000.0 + 2_000.0 * f64::from(scale));
        let post = old.add_post(p).ok();
        let mut person = Person::new(format!("e{k}"));
        person.birth_date = Some(date(1955 + (k % 45) as i16, 1 + (k % 12) as i8, 1));
        person.service_start = Some(date(1980 + (k % 40) as i16, 1 + (k % 12) as i8, 1));
        person.scale = Some(scale);
        let person = old.add_person(person).ok();
        if let (Some(person), Some(post)) = (person, post) {
            old.add_appointment(Appointment::new(person, post, 1.0)).ok();
        }
        // One in 40 posts disappears, so about two thirds of the functions need a selection.
        if k % 40 != (f % 3) {
            let mut p = Post::new(format!("p{k}"), "Medewerker", "medewerker");
            p.function = Some(FunctionId::from_key(&format!("G{f}")));
            p.unit = Some(UnitId::from_key(&format!("u{}", (k + 1) % UNITS)));
            p.scale = Some(scale);
            p.salary = Some(40_000.0 + 2_000.0 * f64::from(scale));
            new.add_post(p).ok();
        }
    }
    let statute = Statute::preset("almelo-2018").unwrap_or_else(|| unreachable!());
    let input = TransitionInput { reference_date: Some(date(2020, 1, 1)), ..TransitionInput::default() };
    Reorg { old, new, statute, input }
}

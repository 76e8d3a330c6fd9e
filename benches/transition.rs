//! The transition engine on a generated reorganisation of 100,000 employees,
//! 2,000 functions and 500 units: diff, function comparison and placement.
//!
//! Run with `cargo bench --bench transition`.

use std::sync::LazyLock;

use harkje::transition::{KeyMapping, Statute, TransitionInput, compare, diff, transition};
use harkje::{Appointment, Design, Function, FunctionId, Person, Post, Task, Unit, UnitId, UnitKind};
use jiff::civil::date;

const EMPLOYEES: usize = 100_000;
const FUNCTIONS: usize = 2_000;
const UNITS: usize = 500;

fn main() {
    divan::main();
}

struct Reorg {
    old: Design,
    new: Design,
    statute: Statute,
    input: TransitionInput,
}

fn task(name: String, weight: f64) -> Task {
    Task::new(name, weight)
}

/// Old function `F<i>` has four tasks; its successor `G<i>` keeps them all (7 in 10
/// functions), replaces the heaviest (2 in 10: 40% change, gewijzigd), or replaces
/// all but the shared `overleg` (1 in 10). Every function shares `overleg`, so the
/// inverted index has one task that hits all 2,000 new functions.
fn generate() -> Reorg {
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

static REORG: LazyLock<Reorg> = LazyLock::new(generate);

#[divan::bench(sample_count = 5, sample_size = 1)]
fn transition_100k() -> usize {
    let r = &*REORG;
    let report = transition(&r.old, &r.new, &r.statute, &r.input).unwrap_or_else(|e| unreachable!("{e}"));
    report.employees.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn diff_100k() -> usize {
    let r = &*REORG;
    diff(&r.old, &r.new, &KeyMapping::default()).posts.len()
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn compare_2000_functions() -> usize {
    let r = &*REORG;
    compare(&r.old, &r.new, &r.statute, &r.input).map(|c| c.old.len()).unwrap_or(0)
}

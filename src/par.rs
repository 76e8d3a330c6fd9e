//! Two jobs at once, on the standard library's scoped threads.
//!
//! This is the crate's one way to use a second core: the flat CSV reader,
//! the measures and the check context split their work in two halves and
//! hand them to [`both`]; [`each_in_halves`] does so item by item (the
//! redaction of a shared transition report).

use std::sync::{Mutex, PoisonError};

/// Runs `a` on this thread and `b` on a second one, and returns both results.
///
/// - With `parallel` false, `b` simply runs after `a`, here.
/// - When no thread can be spawned (the system is out of threads or memory),
///   `b` runs after `a` on this thread: the result is the same, only later.
/// - A panic in either job is passed on to the caller: a panic of `a`
///   unwinds as usual (the scope first waits for `b`), and a panic of `b`
///   is resumed here with [`std::panic::resume_unwind`], its payload
///   intact. So the call behaves as if the two jobs had run one after the
///   other, and a bug in a job is never silently turned into a missing
///   result.
pub(crate) fn both<A, B, F>(a: impl FnOnce() -> A, b: F, parallel: bool) -> (A, B)
where
    B: Send,
    F: FnOnce() -> B + Send,
{
    if !parallel {
        let ra = a();
        return (ra, b());
    }
    // `spawn_scoped` uses the closure up even when the spawn fails, so `b`
    // waits in a shared slot that either thread can take it from. The slot
    // is taken exactly once: by the thread, or here when there is none.
    let job = Mutex::new(Some(b));
    let take = |job: &Mutex<Option<F>>| job.lock().unwrap_or_else(PoisonError::into_inner).take();
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new().spawn_scoped(scope, || take(&job).map(|f| f())).ok();
        let ra = a();
        let from_thread = match handle {
            Some(h) => match h.join() {
                Ok(rb) => rb,
                Err(payload) => std::panic::resume_unwind(payload),
            },
            None => None,
        };
        // `None` from the thread means it never took the job: run it here.
        let rb = match from_thread {
            Some(rb) => rb,
            None => match take(&job) {
                Some(f) => f(),
                // Unreachable: the job is taken once, and the thread that
                // took it returned its result above.
                None => unreachable_job(),
            },
        };
        (ra, rb)
    })
}

/// Calls `each` on every item of `items` with the matching item of `with` (the one at the
/// same place), the first half of the items on this thread and the second half on another
/// when `parallel` is true. Items past the end of `with` are left alone.
///
/// Each item is handled alone, so the result is the same with one thread or two.
pub(crate) fn each_in_halves<T: Send, W: Sync>(
    items: &mut [T],
    with: &[W],
    each: impl Fn(&mut T, &W) + Sync,
    parallel: bool,
) {
    let run = |items: &mut [T], with: &[W]| {
        for (item, w) in items.iter_mut().zip(with) {
            each(item, w);
        }
    };
    let half = items.len() / 2;
    let (first, second) = items.split_at_mut(half);
    let (with_first, with_second) = with.split_at(half.min(with.len()));
    both(|| run(first, with_first), || run(second, with_second), parallel);
}

#[cold]
fn unreachable_job() -> ! {
    std::panic::resume_unwind(Box::new("par::both: the second job ran but gave no result"))
}

#[cfg(test)]
mod tests {
    use super::{both, each_in_halves};

    #[test]
    fn each_item_meets_its_own_partner_in_either_mode() {
        for parallel in [false, true] {
            for n in 0..9usize {
                let mut items: Vec<usize> = (0..n).collect();
                let with: Vec<usize> = (0..n).map(|i| 100 * i).collect();
                each_in_halves(&mut items, &with, |item, w| *item += w, parallel);
                assert_eq!(items, (0..n).map(|i| 101 * i).collect::<Vec<_>>());
                // A shorter partner list leaves the items past its end alone.
                for short in [n / 3, n * 3 / 4] {
                    let mut items: Vec<usize> = (0..n).collect();
                    each_in_halves(&mut items, &with[..short], |item, w| *item += w, parallel);
                    assert_eq!(items, (0..n).map(|i| if i < short { 101 * i } else { i }).collect::<Vec<_>>());
                }
            }
        }
    }

    #[test]
    fn both_jobs_run_in_either_mode() {
        for parallel in [false, true] {
            let (a, b) = both(|| 1, || 2, parallel);
            assert_eq!((a, b), (1, 2));
        }
    }

    #[test]
    fn a_panic_of_the_second_job_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| both(|| 1, || -> u32 { panic!("second job") }, true));
        let payload = caught.err().and_then(|p| p.downcast_ref::<&str>().map(|s| (*s).to_owned()));
        assert_eq!(payload.as_deref(), Some("second job"));
    }

    #[test]
    fn a_panic_of_the_first_job_reaches_the_caller() {
        let caught = std::panic::catch_unwind(|| both(|| -> u32 { panic!("first job") }, || 2, true));
        assert!(caught.is_err());
    }
}

//! Two jobs at once, on the standard library's scoped threads.

use std::sync::Mutex;

/// Runs `a` here and `b` on a second thread when `parallel`, and returns
/// both results. When no thread can be had, `b` runs here after `a`. The
/// second result is `None` only if `b` panicked.
pub(crate) fn both<A, B, F>(a: impl FnOnce() -> A, b: F, parallel: bool) -> (A, Option<B>)
where
    B: Send,
    F: FnOnce() -> B + Send,
{
    if !parallel {
        return (a(), Some(b()));
    }
    // `spawn_scoped` uses the closure up even when the spawn fails, so `b`
    // waits in a shared slot that either thread can take it from.
    let job = Mutex::new(Some(b));
    let run = |job: &Mutex<Option<F>>| job.lock().ok().and_then(|mut j| j.take()).map(|f| f());
    std::thread::scope(|scope| {
        let handle = std::thread::Builder::new().spawn_scoped(scope, || run(&job)).ok();
        let a = a();
        let b = match handle {
            Some(h) => h.join().ok().flatten(),
            None => run(&job),
        };
        (a, b)
    })
}

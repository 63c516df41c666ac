//! A background thread that works on the newest value it is given. Values submitted while it
//! works replace one another, so a burst of submissions costs one more run, on the last of
//! them; submitting never waits for the work. The preview's search index is built this way,
//! beside the rebuild thread, which must be free for the next save at once.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use crate::diagnostics::Language;

use super::terminal::thread_failed;

/// The handle of the worker thread; dropping it stops the thread once its current run ends.
pub(crate) struct Coalescing<T> {
    inbox: Arc<Inbox<T>>,
}

struct Inbox<T> {
    state: Mutex<State<T>>,
    wake: Condvar,
}

struct State<T> {
    /// The newest value not yet taken; an older one is dropped when a newer one comes.
    next: Option<T>,
    stopped: bool,
}

impl<T> Inbox<T> {
    fn lock(&self) -> MutexGuard<'_, State<T>> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Waits for a value; `None` once the handle is gone.
    fn take(&self) -> Option<T> {
        let mut state = self.lock();
        loop {
            if state.stopped {
                return None;
            }
            if let Some(value) = state.next.take() {
                return Some(value);
            }
            state = self
                .wake
                .wait(state)
                .unwrap_or_else(PoisonError::into_inner);
        }
    }
}

impl<T: Send + 'static> Coalescing<T> {
    /// Starts the thread `name`, which runs `job` on each value it takes. A job that panics is
    /// reported and the thread goes on with the next value.
    pub(crate) fn start(
        name: &str,
        language: Language,
        mut job: impl FnMut(T) + Send + 'static,
    ) -> std::io::Result<Self> {
        let inbox = Arc::new(Inbox {
            state: Mutex::new(State {
                next: None,
                stopped: false,
            }),
            wake: Condvar::new(),
        });
        let worker = Arc::clone(&inbox);
        let thread = name.to_owned();
        std::thread::Builder::new()
            .name(name.to_owned())
            .spawn(move || {
                while let Some(value) = worker.take() {
                    if catch_unwind(AssertUnwindSafe(|| job(value))).is_err() {
                        eprintln!("{}", thread_failed(&thread, language));
                    }
                }
            })?;
        Ok(Self { inbox })
    }

    /// Hands `value` to the thread, replacing any value it has not started on yet.
    pub(crate) fn submit(&self, value: T) {
        let replaced = self.inbox.lock().next.replace(value);
        self.inbox.wake.notify_one();
        // Dropped outside the lock: the thread can take the new value meanwhile.
        drop(replaced);
    }
}

impl<T> Drop for Coalescing<T> {
    fn drop(&mut self) {
        self.inbox.lock().stopped = true;
        self.inbox.wake.notify_one();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::mpsc;
    use std::time::Duration;

    use super::*;

    const LONG: Duration = Duration::from_secs(10);

    /// A job that says which value it started on, then waits to be let go.
    fn gated() -> (
        Coalescing<u32>,
        mpsc::Receiver<u32>,
        mpsc::Sender<()>,
        mpsc::Receiver<u32>,
    ) {
        let (started_tx, started) = mpsc::channel();
        let (release, gate) = mpsc::channel::<()>();
        let (done_tx, done) = mpsc::channel();
        let worker = Coalescing::start("test-worker", Language::En, move |value| {
            started_tx.send(value).unwrap();
            gate.recv().unwrap();
            done_tx.send(value).unwrap();
        })
        .unwrap();
        (worker, started, release, done)
    }

    #[test]
    fn a_burst_while_working_runs_once_more_with_the_newest_value() {
        let (worker, started, release, done) = gated();
        worker.submit(1);
        assert_eq!(started.recv_timeout(LONG), Ok(1));
        // The job is held at its gate: these return without waiting for it.
        for value in 2..=5 {
            worker.submit(value);
        }
        release.send(()).unwrap();
        assert_eq!(done.recv_timeout(LONG), Ok(1));
        assert_eq!(started.recv_timeout(LONG), Ok(5));
        release.send(()).unwrap();
        assert_eq!(done.recv_timeout(LONG), Ok(5));
        // 2, 3 and 4 were replaced before the thread took them.
        assert!(started.recv_timeout(Duration::from_millis(200)).is_err());
    }

    #[test]
    fn a_panicking_job_does_not_stop_the_thread() {
        let (started_tx, started) = mpsc::channel();
        let (done_tx, done) = mpsc::channel();
        let worker = Coalescing::start("test-worker", Language::En, move |value: u32| {
            started_tx.send(value).unwrap();
            assert_ne!(value, 1, "the job fails on 1");
            done_tx.send(value).unwrap();
        })
        .unwrap();
        worker.submit(1);
        assert_eq!(started.recv_timeout(LONG), Ok(1));
        worker.submit(2);
        assert_eq!(done.recv_timeout(LONG), Ok(2));
    }

    #[test]
    fn dropping_the_handle_stops_the_thread() {
        let (worker, started, release, done) = gated();
        worker.submit(1);
        assert_eq!(started.recv_timeout(LONG), Ok(1));
        worker.submit(2);
        drop(worker);
        release.send(()).unwrap();
        assert_eq!(done.recv_timeout(LONG), Ok(1));
        // Stopped: 2 is never started, and the job (with its channels) is dropped.
        assert_eq!(
            started.recv_timeout(LONG),
            Err(mpsc::RecvTimeoutError::Disconnected)
        );
    }
}

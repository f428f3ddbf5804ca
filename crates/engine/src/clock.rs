//! Time: a monotonic clock for deadlines and `$SECONDS`, a wall clock for `$EPOCHSECONDS`,
//! both injected so that embedders (and wasm, where `std::time` has no clock) decide.

use std::fmt::Debug;

/// Where the engine gets the time.
pub trait Clock: Send + Sync + Debug {
    /// Milliseconds on a monotonic clock (any origin).
    fn monotonic_ms(&self) -> u64;
    /// Microseconds since the Unix epoch.
    fn epoch_us(&self) -> i64;
}

/// The host's clocks (native targets).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[derive(Debug)]
pub struct SystemClock {
    start: std::time::Instant,
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl Default for SystemClock {
    fn default() -> SystemClock {
        SystemClock {
            start: std::time::Instant::now(),
        }
    }
}

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl Clock for SystemClock {
    fn monotonic_ms(&self) -> u64 {
        self.start.elapsed().as_millis() as u64
    }

    fn epoch_us(&self) -> i64 {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_micros() as i64)
    }
}

/// A clock that does not move: deterministic runs, and the default where the platform has no
/// clock (the embedder should supply one to get timeouts).
#[derive(Debug, Default, Clone, Copy)]
pub struct FixedClock {
    /// The time it always reads, in microseconds since the epoch.
    pub epoch_us: i64,
}

impl Clock for FixedClock {
    fn monotonic_ms(&self) -> u64 {
        0
    }

    fn epoch_us(&self) -> i64 {
        self.epoch_us
    }
}

/// The default clock for this platform.
pub fn default_clock() -> std::sync::Arc<dyn Clock> {
    #[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
    {
        std::sync::Arc::new(SystemClock::default())
    }
    #[cfg(all(target_arch = "wasm32", target_os = "unknown"))]
    {
        std::sync::Arc::new(FixedClock::default())
    }
}

/// A future that lets the executor run other tasks (timers, an abort signal) once.
pub(crate) fn yield_now() -> impl std::future::Future<Output = ()> {
    let mut yielded = false;
    std::future::poll_fn(move |cx| {
        if yielded {
            std::task::Poll::Ready(())
        } else {
            yielded = true;
            cx.waker().wake_by_ref();
            std::task::Poll::Pending
        }
    })
}

//! Where filesystems get the time for modification stamps.

use std::fmt::Debug;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::metadata::Timestamp;

/// A source of the current time, injected so that tests and sandboxes control it (and because
/// `std::time::SystemTime::now` panics on `wasm32-unknown-unknown`).
pub trait Clock: Send + Sync + Debug {
    /// The current time.
    fn now(&self) -> Timestamp;
}

/// The host's clock (native targets only).
#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

#[cfg(not(all(target_arch = "wasm32", target_os = "unknown")))]
impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        let d = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap_or_default();
        Timestamp {
            secs: d.as_secs() as i64,
            nanos: d.subsec_nanos(),
        }
    }
}

/// A clock that stands still until told to move: deterministic stamps for tests.
#[derive(Debug, Default)]
pub struct ManualClock {
    secs: AtomicI64,
}

impl ManualClock {
    /// A clock reading `secs` seconds after the epoch.
    pub fn new(secs: i64) -> ManualClock {
        ManualClock {
            secs: AtomicI64::new(secs),
        }
    }

    /// Moves the clock forward by `secs` seconds.
    pub fn advance(&self, secs: i64) {
        self.secs.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> Timestamp {
        Timestamp::from_secs(self.secs.load(Ordering::SeqCst))
    }
}

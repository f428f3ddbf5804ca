//! Resource limits: every resource a script can consume is bounded, with a bash-style error.

/// Bounds on what one execution may consume. The defaults are generous enough for real
/// scripts (a 1,000,000-turn loop runs) and small enough to stop runaway ones.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Commands (simple and compound) run in one execution.
    pub max_commands: u64,
    /// Loop iterations in one execution.
    pub max_loop_iterations: u64,
    /// Nested function calls (bash's `FUNCNEST`).
    pub max_call_depth: usize,
    /// Bytes of output collected for the caller, and of one command substitution.
    pub max_output_bytes: usize,
    /// Bytes of one string value (variable, expansion result).
    pub max_string_bytes: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_commands: 10_000_000,
            max_loop_iterations: 10_000_000,
            max_call_depth: 1000,
            max_output_bytes: 64 << 20,
            max_string_bytes: 64 << 20,
        }
    }
}

//! `vbash`: the facade embedders use.
//!
//! Today it re-exports the parser ([`syntax`]). It will grow the `Bash` builder, `exec`,
//! `Session`, the sandbox verbs and the agent tools as the engine and filesystem land.

pub use vbash_syntax as syntax;

//! `trap`, and the bookkeeping of background jobs: `wait`, `jobs`.
//!
//! Background jobs (`cmd &`) run to completion before the next command for now (the engine
//! joins rather than spawns, and a job's future cannot outlive the command that started it);
//! `$!`, `wait` and statuses behave as in bash, so scripts that wait for their jobs work.

use crate::exec::{Flow, Interp};

/// The conditions `trap` knows, by number and name (as `trap -l` and `kill -l` list them).
const SIGNALS: &[(u32, &str)] = &[
    (1, "HUP"),
    (2, "INT"),
    (3, "QUIT"),
    (6, "ABRT"),
    (9, "KILL"),
    (10, "USR1"),
    (12, "USR2"),
    (13, "PIPE"),
    (14, "ALRM"),
    (15, "TERM"),
    (17, "CHLD"),
];

impl Interp {
    /// `trap [-lp] [[action] condition…]`.
    pub(crate) async fn builtin_trap(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let args: Vec<&Vec<u8>> = match args.first().map(|a| a.as_slice()) {
            Some(b"--") => args[1..].iter().collect(),
            _ => args.iter().collect(),
        };
        match args.first().map(|a| a.as_slice()) {
            None | Some(b"-p") => {
                let only: Vec<Vec<u8>> = args.iter().skip(1).map(|a| condition_name(a)).collect();
                let mut out = Vec::new();
                for (cond, action) in &self.state.traps {
                    if !only.is_empty() && !only.contains(cond) {
                        continue;
                    }
                    out.extend_from_slice(b"trap -- ");
                    out.extend(crate::quote::quote(action));
                    out.push(b' ');
                    out.extend_from_slice(cond);
                    out.push(b'\n');
                }
                self.out(&out).await?;
                return Ok(0);
            }
            Some(b"-l") => {
                let mut out = Vec::new();
                for (n, name) in SIGNALS {
                    out.extend_from_slice(format!("{n}) SIG{name}\n").as_bytes());
                }
                self.out(&out).await?;
                return Ok(0);
            }
            _ => {}
        }
        // One argument that is a condition resets it, as `trap - COND` does.
        let (action, conditions): (Option<&[u8]>, &[&Vec<u8>]) =
            if args.len() == 1 || args[0].as_slice() == b"-" {
                (
                    None,
                    if args.len() == 1 {
                        &args[..]
                    } else {
                        &args[1..]
                    },
                )
            } else {
                (Some(args[0]), &args[1..])
            };
        let mut status = 0;
        for cond in conditions {
            let name = condition_name(cond);
            if name.is_empty() {
                let mut msg = cond.to_vec();
                msg.extend_from_slice(b": invalid signal specification");
                status = self.builtin_error(b"trap", &msg, 1).await?;
                continue;
            }
            match action {
                None => {
                    self.state.traps.remove(&name);
                }
                Some(action) => {
                    self.state.traps.insert(name, action.to_vec());
                }
            }
        }
        Ok(status)
    }

    /// `wait [pid…]`: the status of the given jobs (the last one's), or 0 for all.
    pub(crate) async fn builtin_wait(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let pids: Vec<&Vec<u8>> = args.iter().filter(|a| !a.starts_with(b"-")).collect();
        if pids.is_empty() {
            self.state.jobs.clear();
            return Ok(0);
        }
        let mut status = 0;
        for pid in pids {
            let id = std::str::from_utf8(pid)
                .ok()
                .and_then(|s| s.trim_start_matches('%').parse::<u32>().ok());
            match id.and_then(|id| self.state.jobs.iter().find(|(p, _)| *p == id)) {
                Some((_, s)) => status = *s,
                None => {
                    let text = format!(
                        "pid {} is not a child of this shell",
                        String::from_utf8_lossy(pid)
                    );
                    status = self.builtin_error(b"wait", text.as_bytes(), 127).await?;
                }
            }
        }
        Ok(status)
    }

    /// Runs the trap set for `condition`, if any, keeping `$?` as it was.
    pub(crate) async fn run_trap(&mut self, condition: &[u8]) -> Result<(), Flow> {
        if self.state.in_trap {
            return Ok(());
        }
        let Some(action) = self.state.traps.get(condition).cloned() else {
            return Ok(());
        };
        let Ok(program) = vbash_syntax::parse(&action) else {
            return Ok(());
        };
        let status = self.state.last_status;
        self.state.in_trap = true;
        let r = self.run_program(&program).await;
        self.state.in_trap = false;
        self.state.last_status = status;
        match r {
            Ok(_) => Ok(()),
            Err(e) => Err(e),
        }
    }
}

/// The canonical name of a trap condition (`EXIT` for `0`/`exit`, `INT` for `SIGINT`/`2`);
/// empty for an unknown one.
fn condition_name(arg: &[u8]) -> Vec<u8> {
    let upper = arg.to_ascii_uppercase();
    let bare = upper.strip_prefix(b"SIG").unwrap_or(&upper);
    match bare {
        b"0" | b"EXIT" => b"EXIT".to_vec(),
        b"ERR" | b"DEBUG" | b"RETURN" => bare.to_vec(),
        _ => {
            if let Ok(n) = std::str::from_utf8(bare).unwrap_or("").parse::<u32>() {
                return SIGNALS
                    .iter()
                    .find(|(k, _)| *k == n)
                    .map(|(_, name)| name.as_bytes().to_vec())
                    .unwrap_or_default();
            }
            SIGNALS
                .iter()
                .find(|(_, name)| name.as_bytes() == bare)
                .map(|(_, name)| name.as_bytes().to_vec())
                .unwrap_or_default()
        }
    }
}

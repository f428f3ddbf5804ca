//! `vbash-syntax` against `bash -n` on the shell scripts installed on this machine.
//!
//! The corpus is every shell script found directly in /usr/bin and /usr/sbin and anywhere under
//! /usr/share and /etc (see `common::system_shell_scripts`: a `.sh` name or a `#!` line naming
//! sh, bash or dash; regular files up to 1 MiB; sorted). For each script, vbash must accept or
//! reject it exactly as `bash -n` does (same exit status: 0 when `parse` succeeds, else
//! `err.bash_n_status()`), and every script vbash parses must satisfy the round-trip property
//! (print the tree, parse the text again, same tree ignoring spans).
//!
//! Skipped, with a note, when /bin/bash is missing. Run with
//! `cargo test -p vbash-tests --test syntax_system_scripts -- --nocapture` to see the counts;
//! set `SYSTEM_SCRIPTS_LIMIT=N` to check only the first N scripts.

mod common;

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use common::{check_round_trip, clip, guarded, indent, is_warning_line, parallel_map, BashVerdict};

/// The most a single script may take (parse, print, re-parse) before it counts as a hang.
const TIMEOUT: Duration = Duration::from_secs(60);

/// What vbash made of a script.
struct VbashVerdict {
    /// 0 when `parse` succeeded, else `err.bash_n_status()`.
    status: i32,
    /// The rendered error, empty when `parse` succeeded.
    rendered: String,
    /// For a successful parse, the round-trip verdict.
    round_trip: Option<Result<(), String>>,
}

struct ScriptResult {
    path: PathBuf,
    bash: Result<BashVerdict, String>,
    /// `Err` when vbash panicked, hung, or the file could not be read.
    vbash: Result<VbashVerdict, String>,
}

fn check_script(path: &Path) -> ScriptResult {
    let bash = common::bash_n(path, None).map_err(|e| format!("cannot run {}: {e}", common::BASH));
    let vbash = match fs::read(path) {
        Err(e) => Err(format!("cannot read: {e}")),
        Ok(src) => guarded(TIMEOUT, move || match vbash_syntax::parse(&src) {
            Ok(program) => VbashVerdict {
                status: 0,
                rendered: String::new(),
                round_trip: Some(check_round_trip(&program)),
            },
            Err(err) => VbashVerdict {
                status: err.bash_n_status(),
                rendered: err.render(&format!("line {}: ", err.line)),
                round_trip: None,
            },
        }),
    };
    ScriptResult {
        path: path.to_path_buf(),
        bash,
        vbash,
    }
}

/// bash's stderr without warnings, shortened.
fn bash_errors(v: &BashVerdict) -> String {
    let errors: String = v
        .stderr
        .lines()
        .filter(|l| !is_warning_line(l))
        .take(3)
        .map(|l| format!("{l}\n"))
        .collect();
    if errors.is_empty() {
        "<nothing>\n".into()
    } else {
        errors
    }
}

#[test]
fn system_scripts_match_bash() {
    if !Path::new(common::BASH).exists() {
        println!(
            "note: {} is missing; skipping the system-script comparison",
            common::BASH
        );
        return;
    }
    let mut scripts = common::system_shell_scripts();
    if let Some(n) = std::env::var("SYSTEM_SCRIPTS_LIMIT")
        .ok()
        .and_then(|s| s.parse().ok())
    {
        scripts.truncate(n);
    }
    if scripts.is_empty() {
        println!("note: no shell scripts found on this machine; nothing to compare");
        return;
    }

    let results = parallel_map(&scripts, common::worker_count(), |p| check_script(p));

    let mut report = String::new();
    let (mut bash_accepts, mut status_agree, mut crashed) = (0, 0, 0);
    let (mut rt_checked, mut rt_ok, mut failing) = (0, 0, 0);
    let mut bash_failed_to_run = 0;
    for r in &results {
        let mut problems = Vec::new();
        match (&r.bash, &r.vbash) {
            (Err(e), _) => {
                bash_failed_to_run += 1;
                problems.push(e.clone());
            }
            (Ok(_), Err(e)) => {
                crashed += 1;
                problems.push(format!("vbash {e}"));
            }
            (
                Ok(b),
                Ok(VbashVerdict {
                    status,
                    rendered,
                    round_trip,
                }),
            ) => {
                if b.status == 0 {
                    bash_accepts += 1;
                }
                if b.status == *status {
                    status_agree += 1;
                } else {
                    problems.push(format!(
                        "status: bash -n {} vbash {}\n  bash:\n{}  vbash:\n{}",
                        b.status,
                        status,
                        indent(&bash_errors(b)),
                        indent(if rendered.is_empty() {
                            "<parsed>"
                        } else {
                            rendered
                        })
                    ));
                }
                if let Some(rt) = round_trip {
                    rt_checked += 1;
                    match rt {
                        Ok(()) => rt_ok += 1,
                        Err(e) => problems.push(format!("round trip: {e}")),
                    }
                }
            }
        }
        if !problems.is_empty() {
            failing += 1;
            let _ = writeln!(report, "--- {}", r.path.display());
            for p in problems {
                let _ = writeln!(report, "  {}", clip(&p, 3000).replace('\n', "\n  "));
            }
        }
    }

    let summary = format!(
        "system scripts: {} checked ({} accepted by bash -n); {} agree fully, {} failing\n  \
         accept/reject agrees: {}/{}\n  round trips ok: {}/{}\n  vbash panicked or hung: {}\n  \
         bash could not run: {}",
        results.len(),
        bash_accepts,
        results.len() - failing,
        failing,
        status_agree,
        results.len(),
        rt_ok,
        rt_checked,
        crashed,
        bash_failed_to_run,
    );
    println!("{summary}");
    if failing > 0 {
        panic!("{failing} system script(s) disagree with bash -n:\n{report}\n{summary}");
    }
}

//! Replays `fixtures/arith/expected.txt` (recorded from /bin/bash by
//! `scripts/record-arith-fixtures`) through the evaluator.

use std::collections::HashMap;
use std::path::Path;

use vbash_engine::arith::{evaluate, ArithFailure, ArithVars};
use vbash_syntax::arith::Var;

/// Variables in a map; `a[sub]` is stored under `a[N]` with the subscript evaluated, as for an
/// indexed array.
#[derive(Default)]
struct Vars(HashMap<Vec<u8>, Vec<u8>>);

impl Vars {
    fn key(&mut self, var: &Var) -> Result<Vec<u8>, ArithFailure> {
        let mut key = var.name.to_vec();
        if let Some(sub) = &var.subscript {
            let index = evaluate(sub, self)?;
            key.extend_from_slice(format!("[{index}]").as_bytes());
        }
        Ok(key)
    }
}

impl ArithVars for Vars {
    fn get(&mut self, var: &Var) -> Result<Option<Vec<u8>>, ArithFailure> {
        let key = self.key(var)?;
        Ok(self.0.get(&key).cloned())
    }

    fn set(&mut self, var: &Var, value: i64) -> Result<(), ArithFailure> {
        let key = self.key(var)?;
        self.0.insert(key, value.to_string().into_bytes());
        Ok(())
    }
}

/// `NAME=VALUE NAME='VALUE' …` as the recording script's bash reads it.
fn setup(vars: &mut Vars, text: &str) {
    let mut rest = text.trim();
    while !rest.is_empty() {
        let (name, after) = rest.split_once('=').expect("NAME=VALUE");
        let (value, after) = if let Some(quoted) = after.strip_prefix('\'') {
            let end = quoted.find('\'').expect("closing quote");
            (&quoted[..end], &quoted[end + 1..])
        } else {
            after.split_once(' ').unwrap_or((after, ""))
        };
        vars.0
            .insert(name.as_bytes().to_vec(), value.as_bytes().to_vec());
        rest = after.trim_start();
    }
}

#[test]
fn arithmetic_matches_bash() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures/arith/expected.txt");
    let text = std::fs::read_to_string(&path).expect("recorded fixtures");
    let lines: Vec<&str> = text.lines().collect();
    let mut failures = Vec::new();
    let mut count = 0;
    for chunk in lines.chunks(4) {
        let [case, status, stdout, stderr] = chunk else {
            panic!("truncated record: {chunk:?}");
        };
        count += 1;
        let line = case.split_once(": ").expect("case N: …").1;
        let (setup_text, expr) = line.split_once('|').expect("SETUP|EXPR");
        let want_status: i32 = status.strip_prefix("status ").unwrap().parse().unwrap();
        let want_out = stdout.strip_prefix("stdout ").unwrap_or("");
        let want_err = stderr.strip_prefix("stderr ").unwrap_or("");
        let mut vars = Vars::default();
        setup(&mut vars, setup_text);
        let (got_status, got_out, got_err) = match evaluate(expr.as_bytes(), &mut vars) {
            Ok(n) => (0, n.to_string(), String::new()),
            Err(e) => (1, String::new(), e.to_string()),
        };
        if (got_status, got_out.as_str(), got_err.as_str()) != (want_status, want_out, want_err) {
            failures.push(format!(
                "{line}\n  bash:  {want_status} {want_out:?} {want_err:?}\n  vbash: {got_status} {got_out:?} {got_err:?}"
            ));
        }
    }
    assert!(count >= 100, "only {count} cases");
    assert!(
        failures.is_empty(),
        "{} of {count} cases differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

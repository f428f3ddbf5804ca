//! The `parse` property and the tree comparison ignoring spans.
//!
//! This file depends only on `vbash-syntax` and `serde_json`: besides being part of the fuzz
//! crate, it is compiled (through `#[path]`) into `tests/tests/syntax_fuzz_corpus.rs`, which
//! replays `fuzz/corpus/parse/` through exactly these checks under plain `cargo test`, and into
//! `tests/tests/syntax_generated.rs`, whose generated scripts must pass [`check_script`].
//!
//! Input format of the `parse` target: the first byte chooses the parse options.
//!
//! - `0x00`: default options, the script is the rest of the input;
//! - `0x01`: `extglob` on, the script is the rest of the input;
//! - anything else: default options, the script is the whole input (so a plain `.sh` file is
//!   a valid corpus entry).

use std::fmt;

use vbash_syntax::ParseOptions;

/// A property violation found by a check (panics inside the parser or printer propagate as
/// panics and are not turned into this).
#[derive(Debug)]
pub struct Finding {
    /// What went wrong, with the printed text and where the trees differ.
    pub message: String,
}

impl fmt::Display for Finding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

/// The options and the script an input of the `parse` target stands for (see the module docs).
pub fn split_input(data: &[u8]) -> (ParseOptions, &[u8]) {
    let mut options = ParseOptions::default();
    match data.first() {
        Some(0) => (options, &data[1..]),
        Some(1) => {
            options.extglob = true;
            (options, &data[1..])
        }
        _ => (options, data),
    }
}

/// The `parse` property for one fuzz input: see [`check_script`].
pub fn check_parse(data: &[u8]) -> Result<(), Finding> {
    let (options, script) = split_input(data);
    check_script(script, &options)
}

/// The `parse` property: parsing never panics (a panic propagates); when the script parses,
/// printing the tree gives text that parses (with the same options) to the same tree,
/// ignoring spans. Errors render without panicking too.
pub fn check_script(script: &[u8], options: &ParseOptions) -> Result<(), Finding> {
    let program = match vbash_syntax::parse_with(script, options) {
        Ok(p) => p,
        Err(err) => {
            // Exercise the error's formatting paths.
            let _ = err.render(&format!("fuzz: line {}: ", err.line));
            let _ = err.bash_n_status();
            return Ok(());
        }
    };
    let ignore = active_ignore_classes();
    if ignore
        .iter()
        .any(|c| matches!(c, Ignore::Input(f) if f(script)))
    {
        return Ok(());
    }
    if ignore.iter().any(|c| matches!(c, Ignore::Tree(_))) {
        let mut tree = serde_json::to_value(&program).unwrap_or_default();
        strip_json_spans(&mut tree);
        if ignore
            .iter()
            .any(|c| matches!(c, Ignore::Tree(f) if f(&tree)))
        {
            return Ok(());
        }
    }
    let printed = vbash_syntax::print::program_bytes(&program);
    let reparsed = vbash_syntax::parse_with(&printed, options).map_err(|e| Finding {
        message: format!(
            "round trip: the printed text does not parse (extglob={}): line {}: {e}\n\
             --- input ---\n{}\n--- printed ---\n{}",
            options.extglob,
            e.line,
            script.escape_ascii(),
            printed.escape_ascii()
        ),
    })?;
    let (a, b) = (
        debug_without_spans(&program),
        debug_without_spans(&reparsed),
    );
    if a == b || ignored_difference(&ignore, &program, &reparsed) {
        return Ok(());
    }
    let at = json_difference(&program, &reparsed)
        .unwrap_or_else(|| format!("the debug forms differ from byte {}", common_prefix(&a, &b)));
    Err(Finding {
        message: format!(
            "round trip: the re-parsed tree differs (extglob={}) at {at}\n\
             --- input ---\n{}\n--- printed ---\n{}",
            options.extglob,
            script.escape_ascii(),
            printed.escape_ascii()
        ),
    })
}

/// How a class of known findings is recognised.
#[derive(Clone, Copy)]
pub enum Ignore {
    /// By the input: the round trip is not checked for scripts this returns `true` for.
    Input(fn(&[u8]) -> bool),
    /// By the tree (serialized, spans removed): the round trip is not checked for scripts
    /// whose tree this returns `true` for.
    Tree(fn(&serde_json::Value) -> bool),
    /// By the trees: a difference that goes away when this rewrites both trees (serialized,
    /// spans removed) is ignored.
    Normalize(fn(&mut serde_json::Value)),
}

/// Classes of known round-trip findings that `$VBASH_FUZZ_IGNORE` (a comma-separated list of
/// names) tells the fuzz targets to skip, so that a long run keeps finding new problems
/// instead of rediscovering known ones. Unset (as in CI and the corpus replay), nothing is
/// skipped. See `fuzz/README.md` for the findings behind them.
pub const IGNORE_CLASSES: &[(&str, Ignore)] = &[
    // The script does not end with a newline.
    (
        "no-final-newline",
        Ignore::Input(|s| !s.is_empty() && !s.ends_with(b"\n")),
    ),
    // A backslash-newline anywhere.
    (
        "continuation",
        Ignore::Input(|s| s.windows(2).any(|w| w == b"\\\n")),
    ),
    // Old-style `$[…]` arithmetic.
    (
        "dollar-bracket",
        Ignore::Input(|s| s.windows(2).any(|w| w == b"$[")),
    ),
    // A here-document operator anywhere.
    (
        "heredoc",
        Ignore::Input(|s| s.windows(2).any(|w| w == b"<<")),
    ),
    // A here-document body ended by the end of the text (or of a backquote body) lacks the
    // newline that bash adds, which the printed delimiter line then supplies.
    (
        "heredoc-eof-newline",
        Ignore::Normalize(|v| {
            for_each_heredoc(v, &mut |h| {
                let Some(parts) = h.get_mut("body").and_then(|b| b.get_mut("parts")) else {
                    return;
                };
                let Some(parts) = parts.as_array_mut() else {
                    return;
                };
                // Text that is not UTF-8 serializes escaped, its newlines as `\n`.
                let newline = |s: &str| if s.contains("\\x") { "\\n" } else { "\n" };
                let literal_end = parts
                    .last()
                    .map(|p| p.get("Literal").and_then(|l| l.as_str()));
                match literal_end {
                    Some(Some(s)) if !s.ends_with(newline(s)) => {
                        let s = format!("{s}{}", newline(s));
                        *parts.last_mut().expect("not empty") = serde_json::json!({ "Literal": s });
                    }
                    Some(None) => parts.push(serde_json::json!({ "Literal": "\n" })),
                    _ => {}
                }
            })
        }),
    ),
    // A here-document whose delimiter contains a newline can never be matched, so its body
    // runs to the end of the text; the printed delimiter line becomes part of the body.
    (
        "heredoc-newline-delimiter",
        Ignore::Tree(|v| {
            any_heredoc(v, &|h| {
                h.get("delimiter")
                    .and_then(|d| d.as_str())
                    .is_some_and(|d| d.contains('\n') || d.contains("\\n"))
            })
        }),
    ),
    // A here-document inside the body of another (in a substitution): the inner delimiter
    // line, once printed, can end the outer body.
    (
        "heredoc-in-heredoc",
        Ignore::Tree(|v| {
            any_heredoc(v, &|h| {
                h.get("body").is_some_and(|b| any_heredoc(b, &|_| true))
            })
        }),
    ),
];

/// The classes `$VBASH_FUZZ_IGNORE` names (read once).
fn active_ignore_classes() -> Vec<Ignore> {
    static ACTIVE: std::sync::OnceLock<Vec<Ignore>> = std::sync::OnceLock::new();
    ACTIVE
        .get_or_init(|| {
            let wanted = std::env::var("VBASH_FUZZ_IGNORE").unwrap_or_default();
            let wanted: Vec<&str> = wanted
                .split(',')
                .map(str::trim)
                .filter(|n| !n.is_empty())
                .collect();
            for name in &wanted {
                assert!(
                    IGNORE_CLASSES.iter().any(|(n, _)| n == name),
                    "VBASH_FUZZ_IGNORE: unknown class {name:?}"
                );
            }
            IGNORE_CLASSES
                .iter()
                .filter(|(n, _)| wanted.contains(n))
                .map(|&(_, c)| c)
                .collect()
        })
        .clone()
}

/// Whether the trees become equal once the active normalizing classes rewrite them.
fn ignored_difference(
    ignore: &[Ignore],
    a: &vbash_syntax::ast::Program,
    b: &vbash_syntax::ast::Program,
) -> bool {
    let normalizers: Vec<_> = ignore
        .iter()
        .filter_map(|c| match c {
            Ignore::Normalize(f) => Some(*f),
            Ignore::Input(_) | Ignore::Tree(_) => None,
        })
        .collect();
    if normalizers.is_empty() {
        return false;
    }
    let (Ok(mut a), Ok(mut b)) = (serde_json::to_value(a), serde_json::to_value(b)) else {
        return false;
    };
    for v in [&mut a, &mut b] {
        strip_json_spans(v);
        normalizers.iter().for_each(|f| f(v));
    }
    a == b
}

/// Whether `f` holds for some serialized `HereDoc` in `v`.
fn any_heredoc(
    v: &serde_json::Value,
    f: &dyn Fn(&serde_json::Map<String, serde_json::Value>) -> bool,
) -> bool {
    match v {
        serde_json::Value::Object(map) => map.iter().any(|(k, child)| {
            (k == "HereDoc" && child.as_object().is_some_and(f)) || any_heredoc(child, f)
        }),
        serde_json::Value::Array(items) => items.iter().any(|c| any_heredoc(c, f)),
        _ => false,
    }
}

/// Calls `f` on every serialized `HereDoc` (the object under a `"HereDoc"` key).
fn for_each_heredoc(
    v: &mut serde_json::Value,
    f: &mut dyn FnMut(&mut serde_json::Map<String, serde_json::Value>),
) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map.iter_mut() {
                if k == "HereDoc" {
                    if let serde_json::Value::Object(h) = child {
                        f(h);
                    }
                }
                for_each_heredoc(child, f);
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(|c| for_each_heredoc(c, f)),
        _ => {}
    }
}

/// `{:?}` of a tree with every `span: Span { … }` field removed.
///
/// `Debug` of `Text` escapes bytes exactly (`escape_ascii`), so unlike the JSON form two
/// different byte strings never print the same.
pub fn debug_without_spans<T: fmt::Debug>(tree: &T) -> String {
    strip_debug_spans(&format!("{tree:?}"))
}

/// Removes `span: Span { start: N, end: N, line: N }` fields (and the `, ` before them) from
/// a `Debug` string.
pub fn strip_debug_spans(s: &str) -> String {
    const FIELD: &str = "span: Span { ";
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find(FIELD) {
        let after = &rest[i + FIELD.len()..];
        let Some(close) = after.find(" }") else {
            break;
        };
        let inner = &after[..close];
        // Only a real field: `start: N, end: N, line: N`.
        let genuine = inner.split(", ").all(|kv| {
            kv.split_once(": ")
                .is_some_and(|(_, v)| v.bytes().all(|c| c.is_ascii_digit()))
        });
        if !genuine {
            out.push_str(&rest[..i + FIELD.len()]);
            rest = after;
            continue;
        }
        let head = &rest[..i];
        let tail = &after[close + 2..];
        match head.strip_suffix(", ") {
            Some(h) => {
                out.push_str(h);
                rest = tail;
            }
            None => {
                out.push_str(head);
                rest = tail.strip_prefix(", ").unwrap_or(tail);
            }
        }
    }
    out.push_str(rest);
    out
}

/// Where two serialized trees (spans removed) first differ, as `path: left != right`.
fn json_difference(
    a: &vbash_syntax::ast::Program,
    b: &vbash_syntax::ast::Program,
) -> Option<String> {
    let mut a = serde_json::to_value(a).ok()?;
    let mut b = serde_json::to_value(b).ok()?;
    strip_json_spans(&mut a);
    strip_json_spans(&mut b);
    first_difference(&a, &b)
}

/// Deletes every object key named `span`, recursively.
pub fn strip_json_spans(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.remove("span");
            map.values_mut().for_each(strip_json_spans);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_json_spans),
        _ => {}
    }
}

/// Where two JSON values first differ, as `path: left != right`; `None` when equal.
pub fn first_difference(a: &serde_json::Value, b: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    fn walk(a: &Value, b: &Value, path: &mut String) -> Option<String> {
        match (a, b) {
            (Value::Object(x), Value::Object(y)) => {
                for (k, va) in x {
                    let len = path.len();
                    path.push('.');
                    path.push_str(k);
                    let d = match y.get(k) {
                        Some(vb) => walk(va, vb, path),
                        None => Some(format!("{path}: only in the original tree")),
                    };
                    path.truncate(len);
                    if d.is_some() {
                        return d;
                    }
                }
                y.keys()
                    .find(|k| !x.contains_key(*k))
                    .map(|k| format!("{path}.{k}: only in the re-parsed tree"))
            }
            (Value::Array(x), Value::Array(y)) => {
                for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                    let len = path.len();
                    path.push_str(&format!("[{i}]"));
                    let d = walk(va, vb, path);
                    path.truncate(len);
                    if d.is_some() {
                        return d;
                    }
                }
                (x.len() != y.len()).then(|| {
                    format!(
                        "{path}: {} items in the original, {} after re-parsing",
                        x.len(),
                        y.len()
                    )
                })
            }
            _ if a == b => None,
            _ => Some(format!(
                "{}: {} != {}",
                if path.is_empty() { "<root>" } else { path },
                a,
                b
            )),
        }
    }
    walk(a, b, &mut String::new())
}

/// The length of the longest common prefix of two strings, in bytes.
pub fn common_prefix(a: &str, b: &str) -> usize {
    a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_debug_spans() {
        let s = "Word { parts: [Literal(\"x\")], span: Span { start: 0, end: 1, line: 1 } }";
        assert_eq!(strip_debug_spans(s), "Word { parts: [Literal(\"x\")] }");
        let s = "P { span: Span { start: 0, end: 1, line: 1 }, x: 1 }";
        assert_eq!(strip_debug_spans(s), "P { x: 1 }");
        let s = "Literal(\"span: Span { nope }\")";
        assert_eq!(strip_debug_spans(s), s);
    }

    #[test]
    fn input_options() {
        assert!(!split_input(b"echo").0.extglob);
        assert_eq!(split_input(b"echo").1, b"echo");
        assert!(split_input(b"\x01echo").0.extglob);
        assert_eq!(split_input(b"\x01echo").1, b"echo");
        assert!(!split_input(b"\x00echo").0.extglob);
        assert_eq!(split_input(b"\x00echo").1, b"echo");
    }
}

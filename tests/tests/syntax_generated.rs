//! Property tests over generated bash scripts.
//!
//! A proptest generator builds random but valid scripts from the grammar, to a bounded depth:
//! simple commands (words with every kind of quoting and expansion, assignments including
//! arrays, redirections, here-documents), pipelines, and-or lists, `if`/`while`/`until`/`for`/
//! `for ((…))`/`select`/`case`, functions, coprocesses, subshells, brace groups, `[[ … ]]`,
//! `(( … ))`, and nested `$(…)`, `<(…)` and backquotes. The properties:
//!
//! - `generated_scripts_parse`: vbash accepts every generated script. When it does not, `bash
//!   -n` decides: the property is "vbash accepts iff bash -n accepts" (bash runs on every
//!   rejection and on one accepted script in eight, so the test stays fast);
//! - `generated_scripts_round_trip`: printing the tree and parsing the text again gives the
//!   same tree, ignoring spans (the check of the fuzz target, `fuzz/src/checks.rs`);
//! - `arbitrary_bytes_never_panic` and `mutated_scripts_never_panic`: `parse` (and printing
//!   and re-parsing what parses) never panics, on random bytes and on generated scripts with a
//!   few bytes deleted, inserted or replaced.
//!
//! Runs are deterministic (a fixed seed, 256 cases per property); set `PROPTEST_RNG_SEED` and
//! `PROPTEST_CASES` to explore further. Failures are shrunk and printed, never persisted.

mod common;

#[allow(dead_code)]
#[path = "../../fuzz/src/checks.rs"]
mod checks;

use std::path::PathBuf;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};
use vbash_syntax::ParseOptions;

// ---------------------------------------------------------------------------------------------
// Script fragments
// ---------------------------------------------------------------------------------------------

/// A piece of script text with the here-document bodies it still owes: each body (with its
/// delimiter line) must be written after the next newline, in order.
#[derive(Clone, Debug, Default)]
struct Frag {
    text: String,
    pending: Vec<String>,
}

impl Frag {
    fn new(text: impl Into<String>) -> Frag {
        Frag {
            text: text.into(),
            pending: Vec::new(),
        }
    }

    fn push_str(&mut self, s: &str) {
        self.text.push_str(s);
    }

    fn push(&mut self, other: Frag) {
        self.text.push_str(&other.text);
        self.pending.extend(other.pending);
    }

    /// Ends the line: the owed here-document bodies follow.
    fn newline(&mut self) {
        self.text.push('\n');
        for body in self.pending.drain(..) {
            self.text.push_str(&body);
        }
    }

    /// The fragments joined by `sep` (which must not contain a newline).
    fn join(frags: Vec<Frag>, sep: &str) -> Frag {
        let mut out = Frag::default();
        for (i, f) in frags.into_iter().enumerate() {
            if i > 0 {
                out.push_str(sep);
            }
            out.push(f);
        }
        out
    }

    /// `open` + the fragment + `close`, with the owed bodies written before `close` (for
    /// `$(…)` and `<(…)`, whose here-documents must end inside them).
    fn enclosed(open: &str, mut inner: Frag, close: &str) -> Frag {
        let mut out = Frag::new(open);
        // `$((` would start arithmetic.
        if inner.text.starts_with('(') {
            out.push_str(" ");
        }
        if !inner.pending.is_empty() {
            inner.newline();
        }
        out.push(inner);
        out.push_str(close);
        out
    }
}

/// Renders a whole program: its text, then a final newline with any owed bodies.
fn finish(mut f: Frag) -> String {
    f.newline();
    f.text
}

// ---------------------------------------------------------------------------------------------
// Leaves
// ---------------------------------------------------------------------------------------------

const RESERVED: &[&str] = &[
    "if", "then", "else", "elif", "fi", "case", "esac", "for", "select", "while", "until", "do",
    "done", "in", "function", "time", "coproc",
];

/// An unquoted literal that is never a reserved word and holds no special character.
fn literal() -> BoxedStrategy<String> {
    "[a-zA-Z_][a-zA-Z0-9_./:%+-]{0,5}"
        .prop_map(|s| {
            if RESERVED.contains(&s.as_str()) {
                format!("{s}_")
            } else {
                s
            }
        })
        .boxed()
}

/// A variable name.
fn name() -> BoxedStrategy<String> {
    prop_oneof![
        Just("x".to_string()),
        Just("i".to_string()),
        Just("HOME".to_string()),
        "v[a-z0-9_]{0,4}",
    ]
    .boxed()
}

fn single_quoted() -> BoxedStrategy<String> {
    "[a-z $\"\\\\`*;&|<>(){}#~\n\t-]{0,8}"
        .prop_map(|s| format!("'{s}'"))
        .boxed()
}

fn ansi_c() -> BoxedStrategy<String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z \"$`]{1,3}",
            Just("\\n".to_string()),
            Just("\\t".to_string()),
            Just("\\\\".to_string()),
            Just("\\'".to_string()),
            Just("\\x41".to_string()),
            Just("\\101".to_string()),
            Just("\\u00e9".to_string()),
            Just("\\e".to_string()),
            Just("\\cA".to_string()),
        ],
        0..4,
    )
    .prop_map(|v| format!("$'{}'", v.concat()))
    .boxed()
}

/// A backslash-escaped character outside quotes.
fn escaped() -> BoxedStrategy<String> {
    prop::sample::select(vec![
        "\\*", "\\?", "\\[", "\\$", "\\\"", "\\'", "\\;", "\\&", "\\|", "\\<", "\\>", "\\(", "\\)",
        "\\ ", "\\{", "\\}", "\\#", "\\~", "\\\\", "\\a", "\\`", "\\!",
    ])
    .prop_map(str::to_string)
    .boxed()
}

fn glob() -> BoxedStrategy<String> {
    prop::sample::select(vec![
        "*",
        "?",
        "[ab]",
        "[!a]",
        "[a-z]",
        "[[:alpha:]]",
        "*.txt",
    ])
    .prop_map(str::to_string)
    .boxed()
}

/// `$x`, `${x}`, `$1`, `$@` and the other unbraced and plain braced forms.
fn simple_param() -> BoxedStrategy<String> {
    prop_oneof![
        name().prop_map(|n| format!("${n}")),
        name().prop_map(|n| format!("${{{n}}}")),
        "[0-9]".prop_map(|d| format!("${d}")),
        Just("${10}".to_string()),
        prop::sample::select(vec!["$@", "$*", "$#", "$?", "$$", "$!", "$-", "$_"])
            .prop_map(str::to_string),
    ]
    .boxed()
}

/// An arithmetic expression, as text.
fn arith() -> BoxedStrategy<String> {
    let leaf = prop_oneof![
        "[0-9]{1,3}",
        Just("0x1f".to_string()),
        Just("2#101".to_string()),
        name(),
        name().prop_map(|n| format!("${n}")),
        name().prop_map(|n| format!("{n}[1]")),
    ];
    leaf.prop_recursive(3, 12, 2, |inner| {
        prop_oneof![
            (
                inner.clone(),
                prop::sample::select(vec![
                    "+", "-", "*", "/", "%", "**", "<<", ">>", "<", "<=", ">", ">=", "==", "!=",
                    "&", "^", "|", "&&", "||", ",",
                ]),
                inner.clone(),
                any::<bool>()
            )
                .prop_map(|(a, op, b, sp)| if sp {
                    format!("{a} {op} {b}")
                } else {
                    format!("{a}{op}{b}")
                }),
            (prop::sample::select(vec!["-", "!", "~"]), inner.clone())
                .prop_map(|(op, a)| format!("{op}{a}")),
            inner.clone().prop_map(|a| format!("({a})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| format!("{c} ? {a} : {b}")),
            (
                name(),
                prop::sample::select(vec!["=", "+=", "-=", "*="]),
                inner
            )
                .prop_map(|(n, op, a)| format!("{n} {op} {a}")),
            name().prop_map(|n| format!("{n}++")),
            name().prop_map(|n| format!("--{n}")),
        ]
    })
    .boxed()
}

/// An array subscript that stays one word in an assignment (`a[i+1]=x`).
fn index() -> BoxedStrategy<String> {
    prop_oneof![
        "[0-9]{1,2}",
        name(),
        name().prop_map(|n| format!("${n}")),
        name().prop_map(|n| format!("{n}+1")),
        "[a-z]{1,3}".prop_map(|k| format!("\"{k}\"")),
    ]
    .boxed()
}

/// Text inside `${x…}` operators: no `}` or `/`, may be empty.
fn param_word() -> BoxedStrategy<String> {
    prop::collection::vec(
        prop_oneof![
            "[a-z0-9_.*?-]{1,3}",
            single_quoted(),
            simple_param(),
            "[a-z ]{0,3}".prop_map(|s| format!("\"{s}\"")),
        ],
        0..3,
    )
    .prop_map(|v| v.concat())
    .boxed()
}

/// `${…}` with an operator.
fn param_op() -> BoxedStrategy<String> {
    let w = param_word;
    prop_oneof![
        (
            name(),
            prop::sample::select(vec![":-", "-", ":=", "=", ":?", "?", ":+", "+"]),
            w()
        )
            .prop_map(|(n, op, w)| format!("${{{n}{op}{w}}}")),
        (
            name(),
            prop::sample::select(vec!["#", "##", "%", "%%"]),
            w()
        )
            .prop_map(|(n, op, w)| format!("${{{n}{op}{w}}}")),
        (
            name(),
            prop::sample::select(vec!["/", "//", "/#", "/%"]),
            w(),
            prop::option::of(w())
        )
            .prop_map(|(n, op, p, r)| match r {
                Some(r) => format!("${{{n}{op}{p}/{r}}}"),
                None => format!("${{{n}{op}{p}}}"),
            }),
        (
            name(),
            prop::sample::select(vec!["1", " -1", "(x+1)", "i", "$i"]),
            prop::option::of(prop::sample::select(vec!["2", "i", " -1", "(2)"]))
        )
            .prop_map(|(n, o, l)| match l {
                Some(l) => format!("${{{n}:{o}:{l}}}"),
                None => format!("${{{n}:{o}}}"),
            }),
        (
            name(),
            prop::sample::select(vec!["^", "^^", ",", ",,"]),
            prop::option::of(prop::sample::select(vec!["a", "[a-c]", "?"]))
        )
            .prop_map(|(n, op, p)| format!("${{{n}{op}{}}}", p.unwrap_or(""))),
        (
            name(),
            prop::sample::select(vec!["Q", "E", "P", "A", "a", "U", "u", "L", "K", "k"])
        )
            .prop_map(|(n, op)| format!("${{{n}@{op}}}")),
        name().prop_map(|n| format!("${{#{n}}}")),
        name().prop_map(|n| format!("${{!{n}}}")),
        name().prop_map(|n| format!("${{!{n}*}}")),
        name().prop_map(|n| format!("${{!{n}@}}")),
        name().prop_map(|n| format!("${{{n}[@]}}")),
        name().prop_map(|n| format!("${{{n}[*]}}")),
        name().prop_map(|n| format!("${{#{n}[@]}}")),
        name().prop_map(|n| format!("${{!{n}[@]}}")),
        (name(), arith()).prop_map(|(n, e)| format!("${{{n}[{e}]}}")),
        (name(), "[a-z]{1,3}", w()).prop_map(|(n, k, w)| format!("${{{n}[\"{k}\"]:-{w}}}")),
        Just("${#}".to_string()),
        Just("${@:2}".to_string()),
        Just("${#@}".to_string()),
    ]
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Words
// ---------------------------------------------------------------------------------------------

/// The strategies of one nesting level: words (possibly holding substitutions of the level
/// below) and lists of commands.
#[derive(Clone)]
struct Level {
    /// An ordinary word (argument position).
    word: BoxedStrategy<Frag>,
    /// A word for the elements of `a=(…)`: no backslash escapes outside quotes, which bash 5.2
    /// mishandles there inside `$(…)` (`$(a=(\<))` is a syntax error to it).
    element: BoxedStrategy<Frag>,
    /// A list of and-or chains, every item followed by its terminator (`;`, `&` or a newline),
    /// so a closing keyword may follow.
    body: BoxedStrategy<Frag>,
}

/// Parts usable inside double quotes at this level.
fn dq_parts(sub: Option<&Level>) -> BoxedStrategy<String> {
    let mut parts: Vec<BoxedStrategy<Frag>> = vec![
        "[a-z0-9 '#*?~{}();&|<>=,.:+-]{1,6}"
            .prop_map(Frag::new)
            .boxed(),
        prop::sample::select(vec!["\\\"", "\\\\", "\\$", "\\`", "\\a", "\\n"])
            .prop_map(Frag::new)
            .boxed(),
        simple_param().prop_map(Frag::new).boxed(),
        param_op().prop_map(Frag::new).boxed(),
        arith().prop_map(|e| Frag::new(format!("$(({e}))"))).boxed(),
    ];
    if let Some(sub) = sub {
        parts.push(
            sub.body
                .clone()
                .prop_map(|b| Frag::enclosed("$(", b, ")"))
                .boxed(),
        );
        parts.push(backquoted().prop_map(Frag::new).boxed());
    }
    prop::collection::vec(prop::strategy::Union::new(parts), 0..3)
        .prop_map(|v| {
            // Here-documents inside `$(…)` end inside it, so nothing is owed here.
            let f = Frag::join(v, "");
            debug_assert!(f.pending.is_empty());
            f.text
        })
        .boxed()
}

/// A backquoted command substitution with plain content (no backslashes or nested quotes).
fn backquoted() -> BoxedStrategy<String> {
    prop::collection::vec(prop_oneof![literal(), simple_param()], 0..3)
        .prop_map(|args| {
            let mut s = String::from("`echo");
            for a in args {
                s.push(' ');
                s.push_str(&a);
            }
            s.push('`');
            s
        })
        .boxed()
}

/// A word: a tilde prefix perhaps, then one or two parts; `escapes` allows backslash escapes
/// outside quotes.
fn word(sub: Option<&Level>, escapes: bool) -> BoxedStrategy<Frag> {
    let dq = dq_parts(sub);
    let mut parts: Vec<(u32, BoxedStrategy<Frag>)> = vec![
        (6, literal().prop_map(Frag::new).boxed()),
        (2, single_quoted().prop_map(Frag::new).boxed()),
        (
            3,
            dq.clone()
                .prop_map(|s| Frag::new(format!("\"{s}\"")))
                .boxed(),
        ),
        (1, dq.prop_map(|s| Frag::new(format!("$\"{s}\""))).boxed()),
        (1, ansi_c().prop_map(Frag::new).boxed()),
        (1, glob().prop_map(Frag::new).boxed()),
        (3, simple_param().prop_map(Frag::new).boxed()),
        (3, param_op().prop_map(Frag::new).boxed()),
        (
            1,
            arith().prop_map(|e| Frag::new(format!("$(({e}))"))).boxed(),
        ),
        (
            1,
            prop_oneof![
                (literal(), literal()).prop_map(|(a, b)| format!("{{{a},{b}}}")),
                (literal(), literal(), literal()).prop_map(|(a, b, c)| format!("{{{a},{b},{c}}}")),
                ("[a-z]{0,2}", "[a-z]{1,2}").prop_map(|(a, b)| format!("{{{a},'{b}'}}")),
                Just("{1..3}".to_string()),
                Just("{a..e..2}".to_string()),
                Just("{01..10}".to_string()),
            ]
            .prop_map(Frag::new)
            .boxed(),
        ),
    ];
    if escapes {
        parts.push((1, escaped().prop_map(Frag::new).boxed()));
    }
    if let Some(sub) = sub {
        parts.push((
            1,
            sub.body
                .clone()
                .prop_map(|b| Frag::enclosed("$(", b, ")"))
                .boxed(),
        ));
        parts.push((1, backquoted().prop_map(Frag::new).boxed()));
        parts.push((
            1,
            (any::<bool>(), sub.body.clone())
                .prop_map(|(out, b)| Frag::enclosed(if out { ">(" } else { "<(" }, b, ")"))
                .boxed(),
        ));
    }
    let tilde = prop_oneof![
        8 => Just(String::new()),
        1 => Just("~".to_string()),
        1 => Just("~/".to_string()),
        1 => Just("~root".to_string()),
    ];
    (
        tilde,
        prop::collection::vec(prop::strategy::Union::new_weighted(parts), 1..3),
    )
        .prop_map(|(t, parts)| {
            let mut f = Frag::new(t);
            // After a bare `~` a literal would become part of a user name: fine, still valid.
            f.push(Frag::join(parts, ""));
            f
        })
        .boxed()
}

/// A word for `[[ … ]]` and `case`: no substitutions that could hold operators unquoted.
fn plain_word() -> BoxedStrategy<String> {
    prop::collection::vec(
        prop_oneof![
            4 => literal(),
            1 => single_quoted(),
            2 => "[a-z *|&<>()]{0,4}".prop_map(|s| format!("\"{s}\"")),
            2 => simple_param(),
            1 => param_op(),
        ],
        1..3,
    )
    .prop_map(|v| v.concat())
    .boxed()
}

// ---------------------------------------------------------------------------------------------
// Commands
// ---------------------------------------------------------------------------------------------

fn heredoc() -> BoxedStrategy<Frag> {
    let delimiter = prop::sample::select(vec![
        ("EOF", "EOF", false),
        ("END", "END", false),
        ("E_1", "E_1", false),
        ("'EOF'", "EOF", true),
        ("\"END\"", "END", true),
        ("\\EOF", "EOF", true),
        ("E'O'F", "EOF", true),
    ]);
    let line = prop::collection::vec(
        prop_oneof![
            4 => "[a-zA-Z0-9 _.,:=+'\"#*?(){};&|<>-]{1,10}",
            2 => simple_param(),
            1 => param_op(),
            1 => arith().prop_map(|e| format!("$(({e}))")),
            1 => literal().prop_map(|l| format!("$(echo {l})")),
        ],
        0..4,
    )
    .prop_map(|v| v.concat());
    (
        delimiter,
        any::<bool>(),
        prop::collection::vec((line, any::<bool>()), 0..4),
        any::<bool>(),
    )
        .prop_map(|((written, delim, _quoted), strip, lines, space)| {
            let op = if strip { "<<-" } else { "<<" };
            let mut body = String::new();
            for (l, tab) in lines {
                // A line equal to the delimiter would end the body early.
                let l = if l.trim_start_matches('\t') == delim {
                    format!("{l}x")
                } else {
                    l
                };
                if strip && tab {
                    body.push('\t');
                }
                body.push_str(&l);
                body.push('\n');
            }
            if strip {
                body.push('\t');
            }
            body.push_str(delim);
            body.push('\n');
            Frag {
                text: format!("{op}{}{written}", if space { " " } else { "" }),
                pending: vec![body],
            }
        })
        .boxed()
}

fn redirect(word: BoxedStrategy<Frag>) -> BoxedStrategy<Frag> {
    prop_oneof![
        4 => (
            prop::sample::select(vec![
                ">", ">>", "<", ">|", "<>", "&>", "&>>", "2>", "2>>", "1<", "{fd}>", "{v}<", ">&",
            ]),
            word.clone(),
        )
            .prop_map(|(op, mut w)| {
                w.text.insert_str(0, &format!("{op} "));
                w
            }),
        2 => prop::sample::select(vec!["2>&1", ">&2", "<&0", ">&-", "3<&-", "4>&1-", "{fd}>&-"])
            .prop_map(Frag::new),
        1 => word.prop_map(|mut w| {
            w.text.insert_str(0, "<<< ");
            w
        }),
        2 => heredoc(),
    ]
    .boxed()
}

fn assignment(level: &Level) -> BoxedStrategy<Frag> {
    let value = prop_oneof![1 => Just(Frag::default()), 4 => level.word.clone()];
    let element = prop_oneof![
        3 => level.element.clone(),
        1 => ("[a-z0-9]{1,3}", level.element.clone()).prop_map(|(k, mut w)| {
            w.text.insert_str(0, &format!("[{k}]="));
            w
        }),
    ];
    prop_oneof![
        4 => (name(), prop::sample::select(vec!["=", "+="]), value.clone()).prop_map(
            |(n, op, mut v)| {
                v.text.insert_str(0, &format!("{n}{op}"));
                v
            }
        ),
        1 => (name(), index(), value).prop_map(|(n, i, mut v)| {
            v.text.insert_str(0, &format!("{n}[{i}]="));
            v
        }),
        2 => (name(), prop::collection::vec(element, 0..4)).prop_map(|(n, els)| {
            let mut f = Frag::new(format!("{n}=("));
            f.push(Frag::join(els, " "));
            f.push_str(")");
            f
        }),
    ]
    .boxed()
}

fn simple_command(level: &Level) -> BoxedStrategy<Frag> {
    let word = level.word.clone();
    let item = prop_oneof![
        4 => word.clone(),
        1 => redirect(word.clone()),
    ];
    let plain = (
        prop::collection::vec(assignment(level), 0..2),
        prop::sample::select(vec![
            "echo", "printf", "cat", "true", ":", "test", "read", "eval",
        ]),
        prop::collection::vec(item, 0..3),
    )
        .prop_map(|(assigns, cmd, items)| {
            let mut parts = assigns;
            parts.push(Frag::new(cmd));
            parts.extend(items);
            Frag::join(parts, " ")
        });
    let declaration = (
        prop::sample::select(vec!["declare", "local", "export", "readonly", "typeset"]),
        prop::option::of(prop::sample::select(vec![
            "-a", "-A", "-i", "-r", "-x", "-g",
        ])),
        prop::collection::vec(
            prop_oneof![2 => assignment(level), 1 => name().prop_map(Frag::new)],
            1..3,
        ),
    )
        .prop_map(|(cmd, flag, args)| {
            let mut parts = vec![Frag::new(cmd)];
            parts.extend(flag.map(Frag::new));
            parts.extend(args);
            Frag::join(parts, " ")
        });
    let bare = (
        prop::collection::vec(assignment(level), 1..3),
        prop::collection::vec(redirect(word), 0..2),
    )
        .prop_map(|(a, r)| {
            let mut parts = a;
            parts.extend(r);
            Frag::join(parts, " ")
        });
    prop_oneof![8 => plain, 2 => declaration, 1 => bare].boxed()
}

fn cond_expr() -> BoxedStrategy<String> {
    let w = plain_word;
    let leaf = prop_oneof![
        (
            prop::sample::select(vec!["-f", "-d", "-e", "-z", "-n", "-r", "-x", "-s", "-L"]),
            w()
        )
            .prop_map(|(op, w)| format!("{op} {w}")),
        name().prop_map(|n| format!("-v {n}")),
        (
            w(),
            prop::sample::select(vec!["==", "!=", "="]),
            prop_oneof![
                w(),
                glob(),
                Just("@(a|b)".to_string()),
                Just("!(*.o)".to_string()),
                Just("+([0-9])".to_string()),
            ]
        )
            .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
        (
            w(),
            prop::sample::select(vec![
                "^a.*b$",
                "^[0-9]+$",
                "(a|b)c",
                "\"lit\"",
                "$x",
                "^x\\ y$",
                "[[:space:]]",
            ])
        )
            .prop_map(|(a, re)| format!("{a} =~ {re}")),
        (
            w(),
            prop::sample::select(vec![
                "-eq", "-ne", "-lt", "-le", "-gt", "-ge", "<", ">", "-nt", "-ot", "-ef"
            ]),
            w()
        )
            .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
        w(),
    ];
    leaf.prop_recursive(2, 6, 2, |inner| {
        prop_oneof![
            inner.clone().prop_map(|e| format!("! {e}")),
            inner.clone().prop_map(|e| format!("( {e} )")),
            (inner.clone(), prop::sample::select(vec!["&&", "||"]), inner)
                .prop_map(|(a, op, b)| format!("{a} {op} {b}")),
        ]
    })
    .boxed()
}

/// Compound commands whose bodies come from `sub`.
fn compound(sub: &Level, word: BoxedStrategy<Frag>) -> BoxedStrategy<Frag> {
    let body = sub.body.clone();
    let words = prop::collection::vec(word.clone(), 0..3).prop_map(|w| Frag::join(w, " "));
    let sep = prop::sample::select(vec!["; ", "\n", ";\n"]);
    let for_in = (
        prop::sample::select(vec!["for", "select"]),
        name(),
        prop::option::of(words),
        sep.clone(),
        body.clone(),
    )
        .prop_map(|(kw, n, ws, sep, b)| {
            let mut f = Frag::new(format!("{kw} {n}"));
            if let Some(ws) = ws {
                f.push_str(" in ");
                if !ws.text.is_empty() {
                    f.push(ws);
                }
            }
            if sep.contains('\n') {
                if sep.starts_with(';') {
                    f.push_str(";");
                }
                f.newline();
            } else {
                f.push_str(sep);
            }
            f.push_str("do ");
            f.push(b);
            f.push_str(" done");
            f
        });
    let opt_arith = prop_oneof![1 => Just(String::new()), 3 => arith()];
    let arith_for = (
        opt_arith.clone(),
        opt_arith.clone(),
        opt_arith,
        body.clone(),
    )
        .prop_map(|(a, b, c, body)| {
            let mut f = Frag::new(format!("for (( {a}; {b}; {c} )); do "));
            f.push(body);
            f.push_str(" done");
            f
        });
    let if_cmd = (
        body.clone(),
        body.clone(),
        prop::collection::vec((body.clone(), body.clone()), 0..2),
        prop::option::of(body.clone()),
    )
        .prop_map(|(c, t, elifs, e)| {
            let mut f = Frag::new("if ");
            f.push(c);
            f.push_str(" then ");
            f.push(t);
            for (c, t) in elifs {
                f.push_str(" elif ");
                f.push(c);
                f.push_str(" then ");
                f.push(t);
            }
            if let Some(e) = e {
                f.push_str(" else ");
                f.push(e);
            }
            f.push_str(" fi");
            f
        });
    let while_cmd = (any::<bool>(), body.clone(), body.clone()).prop_map(|(until, c, b)| {
        let mut f = Frag::new(if until { "until " } else { "while " });
        f.push(c);
        f.push_str(" do ");
        f.push(b);
        f.push_str(" done");
        f
    });
    let pattern = prop_oneof![4 => plain_word(), 1 => glob()];
    let arm = (
        any::<bool>(),
        prop::collection::vec(pattern, 1..3),
        prop::option::of(body.clone()),
        prop::sample::select(vec![";;", ";&", ";;&"]),
    )
        .prop_map(|(paren, pats, b, term)| {
            let mut f = Frag::new(if paren { "(" } else { "" });
            f.push_str(&pats.join(" | "));
            f.push_str(") ");
            if let Some(b) = b {
                f.push(b);
                f.push_str(" ");
            }
            f.push_str(term);
            f
        });
    let case_cmd = (
        word.clone(),
        prop::collection::vec(arm, 0..3),
        any::<bool>(),
    )
        .prop_map(|(w, arms, newlines)| {
            let mut f = Frag::new("case ");
            f.push(w);
            f.push_str(" in");
            for a in arms {
                if newlines {
                    f.newline();
                } else {
                    f.push_str(" ");
                }
                f.push(a);
            }
            if newlines {
                f.newline();
            } else {
                f.push_str(" ");
            }
            f.push_str("esac");
            f
        });
    let group = body.clone().prop_map(|b| {
        let mut f = Frag::new("{ ");
        f.push(b);
        f.push_str(" }");
        f
    });
    let subshell = body.clone().prop_map(|b| {
        let mut f = Frag::new("( ");
        f.push(b);
        f.push_str(" )");
        f
    });
    let cond = cond_expr().prop_map(|e| Frag::new(format!("[[ {e} ]]")));
    let arith_cmd = arith().prop_map(|e| Frag::new(format!("(( {e} ))")));
    let plain = prop_oneof![
        3 => group.clone(),
        2 => subshell.clone(),
        3 => if_cmd,
        2 => while_cmd,
        2 => for_in,
        1 => arith_for,
        2 => case_cmd,
        2 => cond,
        2 => arith_cmd,
    ];
    let with_redirects = (plain, prop::collection::vec(redirect(word), 0..2)).prop_map(|(c, r)| {
        let mut parts = vec![c];
        parts.extend(r);
        Frag::join(parts, " ")
    });
    let fname = "f[a-z0-9_]{0,4}";
    let function = (
        fname,
        prop::sample::select(vec!["() ", "()", "function ", "function () "]),
        prop_oneof![3 => group.clone(), 1 => subshell],
    )
        .prop_map(|(n, style, body)| {
            let mut f = match style {
                "function " => Frag::new(format!("function {n} ")),
                "function () " => Frag::new(format!("function {n}() ")),
                s => Frag::new(format!("{n}{s}")),
            };
            f.push(body);
            f
        });
    let coproc = (prop::option::of(name()), group).prop_map(|(n, g)| {
        let mut f = Frag::new("coproc ");
        if let Some(n) = n {
            f.push_str(&format!("{} ", n.to_uppercase()));
        }
        f.push(g);
        f
    });
    prop_oneof![8 => with_redirects, 2 => function, 1 => coproc].boxed()
}

/// Pipelines, and-or chains and terminated lists over `command`.
///
/// `time` is only used when `top` (outside any substitution): bash 5.2 does not recognise
/// reserved words after a `time` that starts a `$(…)` or `<(…)` (`$(time { :; })` is a syntax
/// error there), which vbash does not copy.
fn body_of(command: BoxedStrategy<Frag>, top: bool) -> BoxedStrategy<Frag> {
    let prefixes = if top {
        vec!["", "", "", "", "! ", "time ", "time -p ", "! ! "]
    } else {
        vec!["", "", "", "", "! ", "! ! "]
    };
    let pipeline = (
        prop::sample::select(prefixes),
        command.clone(),
        prop::collection::vec(
            (prop::sample::select(vec![" | ", " |& ", " |\n"]), command),
            0..2,
        ),
    )
        .prop_map(|(prefix, first, rest)| {
            let mut f = Frag::new(prefix);
            f.push(first);
            for (op, c) in rest {
                f.push_str(op.trim_end_matches('\n'));
                if op.ends_with('\n') {
                    f.newline();
                }
                f.push(c);
            }
            f
        });
    let and_or = (
        pipeline.clone(),
        prop::collection::vec(
            (
                prop::sample::select(vec![" && ", " || ", " &&\n", " ||\n"]),
                pipeline,
            ),
            0..2,
        ),
    )
        .prop_map(|(first, rest)| {
            let mut f = first;
            for (op, p) in rest {
                f.push_str(op.trim_end_matches('\n'));
                if op.ends_with('\n') {
                    f.newline();
                }
                f.push(p);
            }
            f
        });
    prop::collection::vec(
        (
            and_or,
            prop::sample::select(vec![";", ";", "&", "\n", " # note\n"]),
        ),
        1..3,
    )
    .prop_map(|items| {
        let mut f = Frag::default();
        for (i, (item, term)) in items.into_iter().enumerate() {
            if i > 0 {
                f.push_str(" ");
            }
            f.push(item);
            if term.ends_with('\n') {
                f.push_str(term.trim_end_matches('\n'));
                f.newline();
            } else {
                f.push_str(term);
            }
        }
        f
    })
    .boxed()
}

/// The levels: 0 has simple commands only; level k nests compound commands and
/// substitutions whose contents come from level k-1.
fn level(depth: usize) -> Level {
    let mut lvl: Option<Level> = None;
    for k in 0..=depth {
        let element = word(lvl.as_ref(), false);
        let word = word(lvl.as_ref(), true);
        let partial = Level {
            word: word.clone(),
            element: element.clone(),
            body: Just(Frag::default()).boxed(),
        };
        let simple = simple_command(&partial);
        let command = match &lvl {
            None => simple,
            Some(sub) => prop_oneof![3 => simple, 2 => compound(sub, word.clone())].boxed(),
        };
        lvl = Some(Level {
            word,
            element,
            body: body_of(command, k == depth),
        });
    }
    lvl.expect("at least one level")
}

/// A whole script.
fn script() -> BoxedStrategy<String> {
    prop::collection::vec(level(2).body, 1..3)
        .prop_map(|lists| {
            let mut f = Frag::default();
            for (i, l) in lists.into_iter().enumerate() {
                if i > 0 {
                    f.newline();
                }
                f.push(l);
            }
            finish(f)
        })
        .boxed()
}

// ---------------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------------

/// 256 cases and a fixed seed unless `PROPTEST_CASES` / `PROPTEST_RNG_SEED` say otherwise;
/// failures are not persisted (the regressions belong in `fuzz/corpus/parse/`).
fn config() -> Config {
    let base = Config::default();
    Config {
        cases: if std::env::var_os("PROPTEST_CASES").is_some() {
            base.cases
        } else {
            256
        },
        rng_seed: match base.rng_seed {
            RngSeed::Random => RngSeed::Fixed(0x7661_7368),
            fixed => fixed,
        },
        failure_persistence: None,
        max_shrink_iters: 2000,
        ..base
    }
}

/// What `bash -n` says about `script`: `Some(true)` when it accepts it (status 0, no error
/// message), `None` when bash is not available.
fn bash_accepts(script: &str) -> Option<bool> {
    if !std::path::Path::new(common::BASH).exists() {
        return None;
    }
    let dir = std::env::temp_dir().join(format!("vbash-gen-{}", std::process::id()));
    std::fs::create_dir_all(&dir).ok()?;
    let path: PathBuf = dir.join("script.sh");
    std::fs::write(&path, script).ok()?;
    let verdict = common::bash_n(&path, None).ok()?;
    let errors = verdict
        .stderr
        .lines()
        .filter(|l| !common::is_warning_line(l))
        .count();
    Some(verdict.status == 0 && errors == 0)
}

/// Whether `script` is one of the one-in-eight accepted scripts also checked with bash.
fn sampled(script: &str) -> bool {
    // FNV-1a: deterministic across runs, unlike the standard library's hasher.
    let hash = script.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    });
    hash % 8 == 0
}

/// Parses, and for what parses prints and re-parses, checking only that nothing panics.
fn exercise(bytes: &[u8]) {
    for extglob in [false, true] {
        let options = ParseOptions {
            extglob,
            ..ParseOptions::default()
        };
        if let Ok(program) = vbash_syntax::parse_with(bytes, &options) {
            let printed = vbash_syntax::print::program_bytes(&program);
            let _ = vbash_syntax::parse_with(&printed, &options);
        }
    }
}

/// An edit of a byte string.
#[derive(Clone, Debug)]
enum Mutation {
    Delete(prop::sample::Index),
    Insert(prop::sample::Index, u8),
    Replace(prop::sample::Index, u8),
}

/// Bytes that matter to the parser, more often than the rest.
fn interesting_byte() -> BoxedStrategy<u8> {
    prop_oneof![
        3 => prop::sample::select(b"\n \t;&|<>()'\"`$\\{}[]#=!*?~-@+%/,:^0123456789aeifnd".to_vec()),
        1 => any::<u8>(),
    ]
    .boxed()
}

fn mutation() -> BoxedStrategy<Mutation> {
    prop_oneof![
        any::<prop::sample::Index>().prop_map(Mutation::Delete),
        (any::<prop::sample::Index>(), interesting_byte())
            .prop_map(|(i, b)| Mutation::Insert(i, b)),
        (any::<prop::sample::Index>(), interesting_byte())
            .prop_map(|(i, b)| Mutation::Replace(i, b)),
    ]
    .boxed()
}

fn apply(mut bytes: Vec<u8>, mutations: &[Mutation]) -> Vec<u8> {
    for m in mutations {
        match *m {
            Mutation::Delete(i) if !bytes.is_empty() => {
                let i = i.index(bytes.len());
                bytes.remove(i);
            }
            Mutation::Insert(i, b) => {
                let i = i.index(bytes.len() + 1);
                bytes.insert(i, b);
            }
            Mutation::Replace(i, b) if !bytes.is_empty() => {
                let i = i.index(bytes.len());
                bytes[i] = b;
            }
            _ => {}
        }
    }
    bytes
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn generated_scripts_parse(script in script()) {
        let parsed = vbash_syntax::parse(script.as_bytes());
        // A sample of the accepted scripts goes to bash too, for the other direction.
        if parsed.is_ok() && sampled(&script) {
            prop_assert!(
                bash_accepts(&script) != Some(false),
                "vbash accepts a script bash -n rejects:\n{}",
                common::indent(&script)
            );
        }
        if let Err(e) = parsed {
            match bash_accepts(&script) {
                // The generator made an invalid script and vbash agrees with bash: fine.
                Some(false) => {}
                Some(true) => prop_assert!(
                    false,
                    "vbash rejects a script bash -n accepts: line {}: {e}\n{}",
                    e.line,
                    common::indent(&script)
                ),
                None => prop_assert!(
                    false,
                    "vbash rejects a generated script (no bash to compare with): line {}: {e}\n{}",
                    e.line,
                    common::indent(&script)
                ),
            }
        }
    }

    #[test]
    fn generated_scripts_round_trip(script in script()) {
        if let Err(f) = checks::check_script(script.as_bytes(), &ParseOptions::default()) {
            prop_assert!(false, "{}\n--- script ---\n{}", f.message, common::indent(&script));
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in prop::collection::vec(interesting_byte(), 0..200)) {
        exercise(&bytes);
    }

    #[test]
    fn mutated_scripts_never_panic(
        script in script(),
        mutations in prop::collection::vec(mutation(), 1..4),
    ) {
        exercise(&apply(script.into_bytes(), &mutations));
    }
}

/// A sample of what the generator makes, for eyeballing:
/// `cargo test -p vbash-tests --test syntax_generated -- --ignored --nocapture sample`.
#[test]
#[ignore]
fn sample() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::new(config());
    for _ in 0..8 {
        let s = script().new_tree(&mut runner).expect("a script").current();
        println!("----\n{s}");
    }
}

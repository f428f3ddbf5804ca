//! The command line, read the way bash reads its own.
//!
//! `vbash [option …] [-c STRING [NAME [ARG …]] | FILE [ARG …] | -s [ARG …]]`. Options end at the
//! first operand, at `--` or at a lone `-`; everything after belongs to the script. `-c` is a flag
//! as in bash: it makes the first operand the command string. Options bash knows are accepted and
//! recorded for the interpreter (`-e`, `-u`, `-o pipefail`, `-O extglob`, …); options it does not
//! know are refused with bash's wording and status 2.

use std::ffi::OsString;

use crate::mounts::MountArg;

/// The shell's own name in its messages.
pub const SHELL_NAME: &str = "vbash";

/// What the command line asks for.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    /// Print the help text and exit 0.
    Help,
    /// Print the version and exit 0.
    Version,
    /// Read a script and check, dump or run it.
    Script(Invocation),
}

/// What to do with the script.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Run it (bash's default).
    Run,
    /// Parse only and report syntax errors (`-n`, `-o noexec`).
    Check,
    /// Parse and print the syntax tree as JSON (`--dump-ast`).
    DumpAst,
}

/// Where the script comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// `-c STRING`.
    Command(OsString),
    /// A script file, named as given on the command line.
    File(OsString),
    /// Standard input (no operand, `-s`, or a lone `-`).
    Stdin,
}

/// A script to read, and how to treat it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invocation {
    /// Check, dump or run.
    pub mode: Mode,
    /// Where the text comes from.
    pub source: Source,
    /// `$0` when the command line gives it (`-c STRING NAME`, or the script file's name).
    pub name: Option<OsString>,
    /// The positional parameters `$1 …`.
    pub args: Vec<OsString>,
    /// `set` options given as `-x`/`+x` or `-o NAME`/`+o NAME`, by long name, in order (`true`
    /// for on). `-n` is also reflected in [`Invocation::mode`].
    pub set_options: Vec<(String, bool)>,
    /// `shopt` options given as `-O NAME`/`+O NAME`, in order.
    pub shopt_options: Vec<(String, bool)>,
    /// `--mount` and `--overlay` options, in order, not yet checked.
    pub mounts: Vec<MountArg>,
    /// `--list-mounts`: print the mount table and exit.
    pub list_mounts: bool,
}

impl Invocation {
    /// Whether `set -o NAME` ends up on.
    pub fn set_option(&self, name: &str) -> bool {
        self.set_options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .is_some_and(|&(_, on)| on)
    }

    /// Whether `shopt NAME` ends up on.
    pub fn shopt_option(&self, name: &str) -> bool {
        self.shopt_options
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .is_some_and(|&(_, on)| on)
    }
}

/// A command line vbash refuses, with bash's message.
#[derive(Debug, PartialEq, Eq)]
pub struct UsageError {
    /// The message without the `vbash: ` prefix, e.g. `--foo: invalid option`.
    pub message: String,
    /// Whether bash follows this message with its usage text.
    pub show_usage: bool,
}

impl UsageError {
    fn invalid(option: &str) -> UsageError {
        UsageError {
            message: format!("{option}: invalid option"),
            show_usage: true,
        }
    }

    fn plain(message: String) -> UsageError {
        UsageError {
            message,
            show_usage: false,
        }
    }
}

/// The short usage lines, printed after an invalid option and at the top of `--help`.
pub const USAGE: &str = "\
Usage:\tvbash [option] ... [-c command_string [name [arg ...]]]
\tvbash [option] ... script-file [arg ...]
\tvbash [option] ... [-s] [arg ...]    (script read from standard input)
";

/// The `--help` text.
pub fn help() -> String {
    format!(
        "vbash {version}: a virtual bash sandbox (bash parsed and run in-process)\n\
         {USAGE}\
         Options:\n\
         \t-c\t\tread commands from the first operand (its next operand is $0)\n\
         \t-n\t\tread and check the script for syntax errors, run nothing\n\
         \t-s\t\tread the script from standard input\n\
         \t-v\t\tprint the script's lines as they are read\n\
         \t-abefhkmptuxBCEHPT, -o option, -O shopt_option (and + forms)\n\
         \t\t\tshell options, as for bash's set and shopt\n\
         \t--dump-ast\tparse the script and print its syntax tree as JSON\n\
         \t--mount MOUNTPOINT=URL\tmount memory://, file:///DIR or s3://BUCKET/PREFIX\n\
         \t--overlay MOUNTPOINT=DIR\tshow host DIR read-only, keep changes in memory\n\
         \t--list-mounts\tprint the mount table (MOUNTPOINT, KIND, SOURCE) and exit\n\
         \t--norc, --noprofile\taccepted; vbash reads no startup files\n\
         \t--help\t\tprint this help\n\
         \t--version\tprint the version\n",
        version = env!("CARGO_PKG_VERSION"),
    )
}

/// Bash's single-letter `set` options and their long names (`set -o`).
const SET_LETTERS: &[(char, &str)] = &[
    ('a', "allexport"),
    ('b', "notify"),
    ('e', "errexit"),
    ('f', "noglob"),
    ('h', "hashall"),
    ('k', "keyword"),
    ('m', "monitor"),
    ('n', "noexec"),
    ('p', "privileged"),
    ('t', "onecmd"),
    ('u', "nounset"),
    ('v', "verbose"),
    ('x', "xtrace"),
    ('B', "braceexpand"),
    ('C', "noclobber"),
    ('E', "errtrace"),
    ('H', "histexpand"),
    ('P', "physical"),
    ('T', "functrace"),
];

/// The names `set -o` accepts in bash 5.2.
#[rustfmt::skip]
const SET_NAMES: &[&str] = &[
    "allexport", "braceexpand", "emacs", "errexit", "errtrace", "functrace", "hashall",
    "histexpand", "history", "ignoreeof", "interactive-comments", "keyword", "monitor",
    "noclobber", "noexec", "noglob", "nolog", "notify", "nounset", "onecmd", "physical",
    "pipefail", "posix", "privileged", "verbose", "vi", "xtrace",
];

/// The names `shopt` accepts in bash 5.2.
#[rustfmt::skip]
const SHOPT_NAMES: &[&str] = &[
    "autocd", "assoc_expand_once", "cdable_vars", "cdspell", "checkhash", "checkjobs",
    "checkwinsize", "cmdhist", "compat31", "compat32", "compat40", "compat41", "compat42",
    "compat43", "compat44", "complete_fullquote", "direxpand", "dirspell", "dotglob", "execfail",
    "expand_aliases", "extdebug", "extglob", "extquote", "failglob", "force_fignore",
    "globasciiranges", "globskipdots", "globstar", "gnu_errfmt", "histappend", "histreedit",
    "histverify", "hostcomplete", "huponexit", "inherit_errexit", "interactive_comments",
    "lastpipe", "lithist", "localvar_inherit", "localvar_unset", "login_shell", "mailwarn",
    "no_empty_cmd_completion", "nocaseglob", "nocasematch", "noexpand_translation", "nullglob",
    "patsub_replacement", "progcomp", "progcomp_alias", "promptvars", "restricted_shell",
    "shift_verbose", "sourcepath", "varredir_close", "xpg_echo",
];

/// Reads the command line (without the program name).
pub fn parse<I>(args: I) -> Result<Action, UsageError>
where
    I: IntoIterator,
    I::Item: Into<OsString>,
{
    use lexopt::Arg::{Long, Short, Value};

    let mut parser = lexopt::Parser::from_args(args);
    let mut command = false;
    let mut stdin = false;
    let mut dump_ast = false;
    let mut set_options: Vec<(String, bool)> = Vec::new();
    let mut shopt_options: Vec<(String, bool)> = Vec::new();
    let mut operands: Vec<OsString> = Vec::new();
    let mut mounts: Vec<MountArg> = Vec::new();
    let mut list_mounts = false;

    loop {
        // `--`, a lone `-` and the `+` forms are looked at before lexopt sees them: lexopt reads
        // `+x` as a value, and `--` must stop the `+` handling too.
        if let Some(mut raw) = parser.try_raw_args() {
            let next = raw.peek().map(|a| a.as_encoded_bytes().to_vec());
            match next.as_deref() {
                Some(b"--" | b"-") => {
                    raw.next();
                    break;
                }
                Some([b'+', _, ..]) => {
                    let arg = raw.next().unwrap_or_default();
                    plus_options(&mut parser, &arg, &mut set_options, &mut shopt_options)?;
                    continue;
                }
                _ => {}
            }
        }
        let arg = match parser.next() {
            Ok(Some(arg)) => arg,
            Ok(None) => break,
            Err(e) => return Err(lexopt_error(e)),
        };
        match arg {
            Long("help") => return Ok(Action::Help),
            Long("version") => return Ok(Action::Version),
            Long("dump-ast") => dump_ast = true,
            Long(o @ ("mount" | "overlay")) => {
                let overlay = o == "overlay";
                let option = if overlay { "--overlay" } else { "--mount" };
                let spec = parser.value().map_err(|_| {
                    UsageError::plain(format!("{option}: option requires an argument"))
                })?;
                mounts.push(MountArg { overlay, spec });
            }
            Long("list-mounts") => list_mounts = true,
            Long("norc") | Long("noprofile") => {}
            Long("posix") => set_options.push(("posix".into(), true)),
            Long("verbose") => set_options.push(("verbose".into(), true)),
            Long(
                o @ ("debug" | "debugger" | "dump-po-strings" | "dump-strings" | "init-file"
                | "login" | "noediting" | "pretty-print" | "rcfile" | "restricted"),
            ) => return Err(UsageError::plain(format!("--{o}: option not supported"))),
            Long(other) => return Err(UsageError::invalid(&format!("--{other}"))),
            Short('c') => command = true,
            Short('s') => stdin = true,
            Short(c @ ('i' | 'l' | 'r' | 'D')) => {
                return Err(UsageError::plain(format!("-{c}: option not supported")))
            }
            Short('o') => {
                let name = option_value(&mut parser, "-o")?;
                set_options.push((set_name(&name)?, true));
            }
            Short('O') => {
                let name = option_value(&mut parser, "-O")?;
                shopt_options.push((shopt_name(&name)?, true));
            }
            Short(c) => match SET_LETTERS.iter().find(|&&(l, _)| l == c) {
                Some(&(_, name)) => set_options.push((name.to_owned(), true)),
                None => return Err(UsageError::invalid(&format!("-{c}"))),
            },
            Value(v) => {
                operands.push(v);
                break;
            }
        }
    }
    // Everything after the first operand (or `--`, or `-`) belongs to the script.
    operands.extend(parser.raw_args().map_err(lexopt_error)?);

    let check = set_options
        .iter()
        .rev()
        .find(|(n, _)| n == "noexec")
        .is_some_and(|o| o.1);
    let mode = if dump_ast {
        Mode::DumpAst
    } else if check {
        Mode::Check
    } else {
        Mode::Run
    };
    let mut operands = operands.into_iter();
    let (source, name) = if command {
        let Some(text) = operands.next() else {
            return Err(UsageError::plain("-c: option requires an argument".into()));
        };
        (Source::Command(text), operands.next())
    } else if stdin {
        (Source::Stdin, None)
    } else {
        match operands.next() {
            Some(file) => (Source::File(file.clone()), Some(file)),
            None => (Source::Stdin, None),
        }
    };
    Ok(Action::Script(Invocation {
        mode,
        source,
        name,
        args: operands.collect(),
        set_options,
        shopt_options,
        mounts,
        list_mounts,
    }))
}

/// `+x…`, `+o NAME`, `+O NAME`: options turned off.
fn plus_options(
    parser: &mut lexopt::Parser,
    arg: &OsString,
    set_options: &mut Vec<(String, bool)>,
    shopt_options: &mut Vec<(String, bool)>,
) -> Result<(), UsageError> {
    let text = arg.to_string_lossy();
    for c in text.chars().skip(1) {
        match c {
            'o' => {
                let name = option_value(parser, "+o")?;
                set_options.push((set_name(&name)?, false));
            }
            'O' => {
                let name = option_value(parser, "+O")?;
                shopt_options.push((shopt_name(&name)?, false));
            }
            c => match SET_LETTERS.iter().find(|&&(l, _)| l == c) {
                Some(&(_, name)) => set_options.push((name.to_owned(), false)),
                None => return Err(UsageError::invalid(&format!("+{c}"))),
            },
        }
    }
    Ok(())
}

fn option_value(parser: &mut lexopt::Parser, option: &str) -> Result<String, UsageError> {
    match parser.value() {
        Ok(v) => Ok(v.to_string_lossy().into_owned()),
        Err(_) => Err(UsageError::plain(format!(
            "{option}: option requires an argument"
        ))),
    }
}

fn set_name(name: &str) -> Result<String, UsageError> {
    if SET_NAMES.contains(&name) {
        Ok(name.to_owned())
    } else {
        Err(UsageError::plain(format!(
            "{SHELL_NAME}: {name}: invalid option name"
        )))
    }
}

fn shopt_name(name: &str) -> Result<String, UsageError> {
    if SHOPT_NAMES.contains(&name) {
        Ok(name.to_owned())
    } else {
        Err(UsageError::plain(format!(
            "{name}: invalid shell option name"
        )))
    }
}

fn lexopt_error(e: lexopt::Error) -> UsageError {
    match e {
        lexopt::Error::UnexpectedOption(o) => UsageError::invalid(&o),
        lexopt::Error::UnexpectedValue { option, .. } => UsageError::invalid(&option),
        lexopt::Error::MissingValue { option: Some(o) } => {
            UsageError::plain(format!("{o}: option requires an argument"))
        }
        other => UsageError::plain(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn script(args: &[&str]) -> Invocation {
        match parse(args.iter().copied()) {
            Ok(Action::Script(inv)) => inv,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    fn error(args: &[&str]) -> String {
        match parse(args.iter().copied()) {
            Err(e) => e.message,
            other => panic!("{args:?}: {other:?}"),
        }
    }

    #[test]
    fn command_string_name_and_args() {
        let inv = script(&["-n", "-c", "echo $0 $1", "me", "one", "-x"]);
        assert_eq!(inv.mode, Mode::Check);
        assert_eq!(inv.source, Source::Command("echo $0 $1".into()));
        assert_eq!(inv.name, Some("me".into()));
        assert_eq!(inv.args, vec![OsString::from("one"), OsString::from("-x")]);
    }

    #[test]
    fn clustered_flags_and_c_as_a_flag() {
        let inv = script(&["-nc", "true"]);
        assert_eq!(
            (inv.mode, inv.source),
            (Mode::Check, Source::Command("true".into()))
        );
        let inv = script(&["-c", "-n", "true"]);
        assert_eq!(
            (inv.mode, inv.source),
            (Mode::Check, Source::Command("true".into()))
        );
        assert_eq!(error(&["-c"]), "-c: option requires an argument");
        assert_eq!(error(&["-nc"]), "-c: option requires an argument");
    }

    #[test]
    fn options_end_at_the_first_operand() {
        let inv = script(&["t.sh", "-n", "--dump-ast"]);
        assert_eq!(inv.mode, Mode::Run);
        assert_eq!(inv.source, Source::File("t.sh".into()));
        assert_eq!(inv.name, Some("t.sh".into()));
        assert_eq!(
            inv.args,
            vec![OsString::from("-n"), OsString::from("--dump-ast")]
        );
        let inv = script(&["-n", "--", "-c"]);
        assert_eq!(inv.source, Source::File("-c".into()));
        // A lone `-` is `--`, as in bash.
        assert_eq!(script(&["-n", "-", "a"]).source, Source::File("a".into()));
        assert_eq!(script(&["-n", "-"]).source, Source::Stdin);
        assert_eq!(script(&["--", "+x"]).source, Source::File("+x".into()));
    }

    #[test]
    fn stdin_modes() {
        assert_eq!(script(&[]).source, Source::Stdin);
        let inv = script(&["-s", "a", "b"]);
        assert_eq!(inv.source, Source::Stdin);
        assert_eq!(inv.args.len(), 2);
    }

    #[test]
    fn shell_options() {
        let inv = script(&["-eu", "-o", "pipefail", "+u", "-O", "extglob", "-c", ":"]);
        assert!(inv.set_option("errexit") && inv.set_option("pipefail"));
        assert!(!inv.set_option("nounset"));
        assert!(inv.shopt_option("extglob"));
        assert_eq!(script(&["-o", "noexec", "-c", ":"]).mode, Mode::Check);
        assert_eq!(script(&["-n", "+n", "-c", ":"]).mode, Mode::Run);
        assert_eq!(script(&["--dump-ast", "-n", "-c", ":"]).mode, Mode::DumpAst);
        assert_eq!(error(&["-o", "nope"]), "vbash: nope: invalid option name");
        assert_eq!(error(&["-O", "nope"]), "nope: invalid shell option name");
        assert_eq!(error(&["-o"]), "-o: option requires an argument");
    }

    #[test]
    fn invalid_options() {
        assert_eq!(error(&["--foo"]), "--foo: invalid option");
        assert_eq!(error(&["--dump-ast=x"]), "--dump-ast: invalid option");
        assert_eq!(error(&["-z"]), "-z: invalid option");
        assert_eq!(error(&["-nz"]), "-z: invalid option");
        assert_eq!(error(&["+z"]), "+z: invalid option");
        assert!(parse(["--foo"]).unwrap_err().show_usage);
    }

    #[test]
    fn mount_options() {
        let inv = script(&[
            "--mount",
            "/a=memory://",
            "--overlay=/b=dir",
            "--list-mounts",
        ]);
        assert!(inv.list_mounts);
        let got: Vec<(bool, OsString)> = inv
            .mounts
            .into_iter()
            .map(|m| (m.overlay, m.spec))
            .collect();
        assert_eq!(
            got,
            vec![(false, "/a=memory://".into()), (true, "/b=dir".into())]
        );
        assert_eq!(error(&["--mount"]), "--mount: option requires an argument");
        assert_eq!(
            error(&["--overlay"]),
            "--overlay: option requires an argument"
        );
        // After the first operand they belong to the script.
        assert!(script(&["t.sh", "--mount", "x"]).mounts.is_empty());
    }

    #[test]
    fn help_and_version() {
        assert_eq!(parse(["--help"]), Ok(Action::Help));
        assert_eq!(parse(["--version", "-c"]), Ok(Action::Version));
    }
}

//! `help`, and the synopses bash prints in usage messages (`printf: usage: …`).
//!
//! The synopses and one-line descriptions are bash 5.2's own (`help -s`, `help -d`); the long
//! texts are not carried, so `help NAME` prints the synopsis and the description.

use super::getopt;
use crate::exec::{Flow, Interp};
use crate::pattern::{Pattern, PatternOptions, PatternPiece};

/// The synopsis of builtin `name` (`printf [-v var] format [arguments]`).
pub(crate) fn synopsis(name: &[u8]) -> Option<&'static str> {
    TOPICS.iter().find(|t| t.0.as_bytes() == name).map(|t| t.1)
}

/// Every help topic bash 5.2 knows, in its order: name, synopsis (`help -s`), one-line
/// description (`help -d`).
const TOPICS: &[(&str, &str, &str)] = &[
    ("%", "job_spec [&]", "Resume job in foreground."),
    ("(( ... ))", "(( expression ))", "Evaluate arithmetic expression."),
    (".", ". filename [arguments]", "Execute commands from a file in the current shell."),
    (":", ":", "Null command."),
    ("[", "[ arg... ]", "Evaluate conditional expression."),
    ("[[ ... ]]", "[[ expression ]]", "Execute conditional command."),
    ("alias", "alias [-p] [name[=value] ... ]", "Define or display aliases."),
    ("bg", "bg [job_spec ...]", "Move jobs to the background."),
    ("bind", "bind [-lpsvPSVX] [-m keymap] [-f filename] [-q name] [-u name] [-r keyseq] [-x keyseq:shell-command] [keyseq:readline-function or readline-command]", "Set Readline key bindings and variables."),
    ("break", "break [n]", "Exit for, while, or until loops."),
    ("builtin", "builtin [shell-builtin [arg ...]]", "Execute shell builtins."),
    ("caller", "caller [expr]", "Return the context of the current subroutine call."),
    ("case", "case WORD in [PATTERN [| PATTERN]...) COMMANDS ;;]... esac", "Execute commands based on pattern matching."),
    ("cd", "cd [-L|[-P [-e]] [-@]] [dir]", "Change the shell working directory."),
    ("command", "command [-pVv] command [arg ...]", "Execute a simple command or display information about commands."),
    ("compgen", "compgen [-abcdefgjksuv] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [word]", "Display possible completions depending on the options."),
    ("complete", "complete [-abcdefgjksuv] [-pr] [-DEI] [-o option] [-A action] [-G globpat] [-W wordlist] [-F function] [-C command] [-X filterpat] [-P prefix] [-S suffix] [name ...]", "Specify how arguments are to be completed by Readline."),
    ("compopt", "compopt [-o|+o option] [-DEI] [name ...]", "Modify or display completion options."),
    ("continue", "continue [n]", "Resume for, while, or until loops."),
    ("coproc", "coproc [NAME] command [redirections]", "Create a coprocess named NAME."),
    ("declare", "declare [-aAfFgiIlnrtux] [name[=value] ...] or declare -p [-aAfFilnrtux] [name ...]", "Set variable values and attributes."),
    ("dirs", "dirs [-clpv] [+N] [-N]", "Display directory stack."),
    ("disown", "disown [-h] [-ar] [jobspec ... | pid ...]", "Remove jobs from current shell."),
    ("echo", "echo [-neE] [arg ...]", "Write arguments to the standard output."),
    ("enable", "enable [-a] [-dnps] [-f filename] [name ...]", "Enable and disable shell builtins."),
    ("eval", "eval [arg ...]", "Execute arguments as a shell command."),
    ("exec", "exec [-cl] [-a name] [command [argument ...]] [redirection ...]", "Replace the shell with the given command."),
    ("exit", "exit [n]", "Exit the shell."),
    ("export", "export [-fn] [name[=value] ...] or export -p", "Set export attribute for shell variables."),
    ("false", "false", "Return an unsuccessful result."),
    ("fc", "fc [-e ename] [-lnr] [first] [last] or fc -s [pat=rep] [command]", "Display or execute commands from the history list."),
    ("fg", "fg [job_spec]", "Move job to the foreground."),
    ("for", "for NAME [in WORDS ... ] ; do COMMANDS; done", "Execute commands for each member in a list."),
    ("for ((", "for (( exp1; exp2; exp3 )); do COMMANDS; done", "Arithmetic for loop."),
    ("function", "function name { COMMANDS ; } or name () { COMMANDS ; }", "Define shell function."),
    ("getopts", "getopts optstring name [arg ...]", "Parse option arguments."),
    ("hash", "hash [-lr] [-p pathname] [-dt] [name ...]", "Remember or display program locations."),
    ("help", "help [-dms] [pattern ...]", "Display information about builtin commands."),
    ("history", "history [-c] [-d offset] [n] or history -anrw [filename] or history -ps arg [arg...]", "Display or manipulate the history list."),
    ("if", "if COMMANDS; then COMMANDS; [ elif COMMANDS; then COMMANDS; ]... [ else COMMANDS; ] fi", "Execute commands based on conditional."),
    ("jobs", "jobs [-lnprs] [jobspec ...] or jobs -x command [args]", "Display status of jobs."),
    ("kill", "kill [-s sigspec | -n signum | -sigspec] pid | jobspec ... or kill -l [sigspec]", "Send a signal to a job."),
    ("let", "let arg [arg ...]", "Evaluate arithmetic expressions."),
    ("local", "local [option] name[=value] ...", "Define local variables."),
    ("logout", "logout [n]", "Exit a login shell."),
    ("mapfile", "mapfile [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]", "Read lines from the standard input into an indexed array variable."),
    ("popd", "popd [-n] [+N | -N]", "Remove directories from stack."),
    ("printf", "printf [-v var] format [arguments]", "Formats and prints ARGUMENTS under control of the FORMAT."),
    ("pushd", "pushd [-n] [+N | -N | dir]", "Add directories to stack."),
    ("pwd", "pwd [-LP]", "Print the name of the current working directory."),
    ("read", "read [-ers] [-a array] [-d delim] [-i text] [-n nchars] [-N nchars] [-p prompt] [-t timeout] [-u fd] [name ...]", "Read a line from the standard input and split it into fields."),
    ("readarray", "readarray [-d delim] [-n count] [-O origin] [-s count] [-t] [-u fd] [-C callback] [-c quantum] [array]", "Read lines from a file into an array variable."),
    ("readonly", "readonly [-aAf] [name[=value] ...] or readonly -p", "Mark shell variables as unchangeable."),
    ("return", "return [n]", "Return from a shell function."),
    ("select", "select NAME [in WORDS ... ;] do COMMANDS; done", "Select words from a list and execute commands."),
    ("set", "set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]", "Set or unset values of shell options and positional parameters."),
    ("shift", "shift [n]", "Shift positional parameters."),
    ("shopt", "shopt [-pqsu] [-o] [optname ...]", "Set and unset shell options."),
    ("source", "source filename [arguments]", "Execute commands from a file in the current shell."),
    ("suspend", "suspend [-f]", "Suspend shell execution."),
    ("test", "test [expr]", "Evaluate conditional expression."),
    ("time", "time [-p] pipeline", "Report time consumed by pipeline's execution."),
    ("times", "times", "Display process times."),
    ("trap", "trap [-lp] [[arg] signal_spec ...]", "Trap signals and other events."),
    ("true", "true", "Return a successful result."),
    ("type", "type [-afptP] name [name ...]", "Display information about command type."),
    ("typeset", "typeset [-aAfFgiIlnrtux] name[=value] ... or typeset -p [-aAfFilnrtux] [name ...]", "Set variable values and attributes."),
    ("ulimit", "ulimit [-SHabcdefiklmnpqrstuvxPRT] [limit]", "Modify shell resource limits."),
    ("umask", "umask [-p] [-S] [mode]", "Display or set file mode mask."),
    ("unalias", "unalias [-a] name [name ...]", "Remove each NAME from the list of defined aliases."),
    ("unset", "unset [-f] [-v] [-n] [name ...]", "Unset values and attributes of shell variables and functions."),
    ("until", "until COMMANDS; do COMMANDS-2; done", "Execute commands as long as a test does not succeed."),
    ("variables", "variables - Names and meanings of some shell variables", "Common shell variable names and usage."),
    ("wait", "wait [-fn] [-p var] [id ...]", "Wait for job completion and return exit status."),
    ("while", "while COMMANDS; do COMMANDS-2; done", "Execute commands as long as a test succeeds."),
    ("{ ... }", "{ COMMANDS ; }", "Group commands as a unit."),
];

/// The header of bash's `help` listing.
const LISTING_HEADER: &str = "GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)
These shell commands are defined internally.  Type `help' to see this list.
Type `help name' to find out more about the function `name'.
Use `info bash' to find out more about the shell in general.
Use `man -k' or `info' to find out more about commands not in this list.

A star (*) next to a name means that the command is disabled.

";

impl Interp {
    /// `help [-dms] [pattern …]`.
    pub(crate) async fn builtin_help(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"dms") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"help", e).await,
        };
        let form = parsed.opts.last().map_or(b'l', |o| o.0);
        let patterns = &args[parsed.rest..];
        if patterns.is_empty() {
            let text = listing();
            self.out(text.as_bytes()).await?;
            return Ok(0);
        }
        let is_glob = |p: &[u8]| p.iter().any(|c| matches!(c, b'*' | b'?' | b'['));
        let mut out = Vec::new();
        if patterns.iter().any(|p| is_glob(p)) {
            let joined: Vec<String> = patterns
                .iter()
                .map(|p| String::from_utf8_lossy(p).into_owned())
                .collect();
            let plural = if patterns.len() > 1 { "s" } else { "" };
            out.extend_from_slice(
                format!(
                    "Shell commands matching keyword{plural} `{}'\n\n",
                    joined.join(", ")
                )
                .as_bytes(),
            );
        }
        let mut found = false;
        for pattern in patterns {
            // A topic named exactly is shown alone; otherwise the name is a prefix.
            let exact = !is_glob(pattern) && TOPICS.iter().any(|t| t.0.as_bytes() == &pattern[..]);
            let compiled =
                Pattern::compile(&[PatternPiece::Glob(pattern)], &PatternOptions::default()).ok();
            for (name, syn, desc) in TOPICS {
                let hit = if is_glob(pattern) {
                    compiled
                        .as_ref()
                        .is_some_and(|c| c.matches(name.as_bytes()).unwrap_or(false))
                } else if exact {
                    name.as_bytes() == &pattern[..]
                } else {
                    name.as_bytes().starts_with(pattern)
                };
                if !hit {
                    continue;
                }
                found = true;
                let text = match form {
                    b'd' => format!("{name} - {desc}\n"),
                    b's' => format!("{name}: {syn}\n"),
                    b'm' => format!("NAME\n    {name} - {desc}\n\nSYNOPSIS\n    {syn}\n\n"),
                    _ => format!("{name}: {syn}\n    {desc}\n"),
                };
                out.extend_from_slice(text.as_bytes());
            }
        }
        if !found {
            let p = String::from_utf8_lossy(patterns.last().map_or(&b""[..], |p| p));
            let msg = format!(
                "no help topics match `{p}'.  Try `help help' or `man -k {p}' or `info {p}'."
            );
            return self.builtin_error(b"help", msg.as_bytes(), 1).await;
        }
        self.out(&out).await?;
        Ok(0)
    }
}

/// bash's two-column `help` listing.
fn listing() -> String {
    let mut text = LISTING_HEADER.to_string();
    let n = TOPICS.len();
    let rows = n.div_ceil(2);
    let cut = |s: &str, max: usize| -> String {
        if s.len() > max {
            format!("{}>", &s[..max - 1])
        } else {
            s.to_string()
        }
    };
    for (i, topic) in TOPICS.iter().take(rows).enumerate() {
        let left = format!(" {}", cut(topic.1, 38));
        match TOPICS.get(i + rows) {
            Some(right) => {
                text.push_str(&format!("{left:<40} {}\n", cut(right.1, 37)));
            }
            None => {
                text.push_str(&left);
                text.push('\n');
            }
        }
    }
    text
}

//! The syntax tree of a bash script.
//!
//! The tree mirrors bash's grammar: a [`Program`] is a sequence of [`List`]s (complete
//! commands); a list holds and-or chains of [`Pipeline`]s; a pipeline holds [`Command`]s. Words
//! keep their quoting as [`WordPart`]s, so the engine can apply expansion, splitting and quote
//! removal exactly as bash does. Nothing here knows what a command does.
//!
//! Arithmetic (`$((…))`, `((…))`, `for ((…))`, array subscripts, `${x:off:len}`) is kept as a
//! [`Word`]: bash expands it first and parses the result as an expression at run time, so an
//! arithmetic syntax error is a run-time error, never a parse error. [`crate::arith`] parses the
//! expanded text.

use crate::span::Span;
use crate::text::Text;

#[cfg(feature = "serde")]
use serde::Serialize;

/// A whole script: the complete commands in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Program {
    /// Each complete command (one or more lines ending at an unescaped newline).
    pub commands: Vec<List>,
}

/// A sequence of and-or chains separated by `;`, `&` or newlines.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct List {
    /// The items in order.
    pub items: Vec<ListItem>,
}

/// One and-or chain of a [`List`] and how it is terminated.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ListItem {
    /// The chain.
    pub and_or: AndOr,
    /// `true` when the chain ends with `&` and runs in the background.
    pub background: bool,
}

/// Pipelines joined by `&&` and `||`, evaluated left to right with equal precedence.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct AndOr {
    /// The first pipeline.
    pub first: Pipeline,
    /// The following pipelines with the operator before each.
    pub rest: Vec<(AndOrOp, Pipeline)>,
}

/// The operator between two pipelines of an [`AndOr`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum AndOrOp {
    /// `&&`: run the next when the previous succeeded.
    And,
    /// `||`: run the next when the previous failed.
    Or,
}

/// Commands joined by `|` or `|&`, optionally negated with `!` and timed with `time`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Pipeline {
    /// `time` or `time -p` before the pipeline.
    pub time: Option<TimeFormat>,
    /// Number of `!` before the pipeline (bash allows several; an odd count negates).
    pub bang: u32,
    /// The stages, at least one (a bare `time` or `!` has one empty simple command).
    pub commands: Vec<Command>,
    /// For each joint between stages, `true` when it is `|&` (stderr joins stdout).
    pub pipe_stderr: Vec<bool>,
    /// Where the pipeline stands in the text.
    pub span: Span,
}

/// The output format asked of the `time` reserved word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum TimeFormat {
    /// `time`: bash's default format (or `$TIMEFORMAT`).
    Default,
    /// `time -p`: the POSIX format.
    Posix,
}

/// One stage of a pipeline.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Command {
    /// Assignments, words and redirections.
    Simple(SimpleCommand),
    /// A compound command with the redirections that follow it.
    Compound(Box<CompoundCommand>, Vec<Redirect>),
    /// `name() body` or `function name body`.
    Function(Box<FunctionDef>),
    /// `coproc [NAME] command`.
    Coproc(Box<Coproc>),
}

/// A simple command: `a=1 b=2 cmd arg >out`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct SimpleCommand {
    /// Assignments before the command name.
    pub assignments: Vec<Assignment>,
    /// The command name and its arguments.
    pub words: Vec<Argument>,
    /// Redirections, in the order written (wherever they stood among the words).
    pub redirects: Vec<Redirect>,
    /// Where the command stands in the text.
    pub span: Span,
}

/// A word of a simple command.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Argument {
    /// An ordinary word.
    Word(Word),
    /// An assignment given as an argument to a declaration builtin (`declare`, `typeset`,
    /// `local`, `export`, `readonly`), written as the literal first word. Bash parses these
    /// as assignments, so `declare a=(1 2)` is valid and `x=$y` is not word-split.
    Assignment(Assignment),
}

/// `name=value`, `name+=value`, `name[sub]=value`, `name=(…)`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Assignment {
    /// The variable name.
    pub name: Text,
    /// The subscript of `name[sub]=`, unexpanded.
    pub index: Option<Word>,
    /// `true` for `+=`.
    pub append: bool,
    /// The value.
    pub value: AssignValue,
    /// Where the assignment stands in the text.
    pub span: Span,
}

/// The right-hand side of an [`Assignment`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum AssignValue {
    /// A scalar value (possibly empty).
    Scalar(Word),
    /// A compound value `(…)`.
    Array(Vec<ArrayElement>),
}

/// One element of a compound array value.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum ArrayElement {
    /// A plain word, assigned to the next index (and subject to expansion and splitting).
    Value(Word),
    /// `[key]=value` or `[key]+=value`.
    Keyed {
        /// The key, unexpanded.
        key: Word,
        /// `true` for `+=`.
        append: bool,
        /// The value.
        value: Word,
    },
}

/// A compound command.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum CompoundCommand {
    /// `{ list; }`
    BraceGroup(List),
    /// `( list )`
    Subshell(List),
    /// `if c; then b; elif c; then b; else b; fi`
    If {
        /// The `if` and `elif` branches: condition and body.
        branches: Vec<(List, List)>,
        /// The `else` body.
        else_body: Option<List>,
    },
    /// `while c; do b; done` or `until c; do b; done`.
    While {
        /// `true` for `until`.
        until: bool,
        /// The condition.
        condition: List,
        /// The body.
        body: List,
    },
    /// `for name [in words]; do body; done`
    For {
        /// The loop variable.
        variable: Text,
        /// The words after `in`; `None` means `"$@"`.
        words: Option<Vec<Word>>,
        /// The body.
        body: List,
    },
    /// `for ((init; cond; step)); do body; done`
    ArithFor {
        /// The initialiser (may be empty).
        init: Word,
        /// The condition (empty means true).
        condition: Word,
        /// The step.
        step: Word,
        /// The body.
        body: List,
    },
    /// `select name [in words]; do body; done`
    Select {
        /// The variable.
        variable: Text,
        /// The words after `in`; `None` means `"$@"`.
        words: Option<Vec<Word>>,
        /// The body.
        body: List,
    },
    /// `case word in pattern) body;; esac`
    Case {
        /// The word matched.
        word: Word,
        /// The arms in order.
        arms: Vec<CaseArm>,
    },
    /// `[[ expression ]]`
    Conditional(CondExpr),
    /// `(( expression ))`, kept unexpanded.
    Arithmetic(Word),
}

/// One arm of a `case` command.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct CaseArm {
    /// The alternative patterns (`a|b)` has two).
    pub patterns: Vec<Word>,
    /// The body (possibly empty).
    pub body: List,
    /// How the arm ends.
    pub terminator: CaseTerminator,
}

/// What follows a `case` arm.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum CaseTerminator {
    /// `;;` (or the arm before `esac`): stop.
    Break,
    /// `;&`: run the next arm's body too.
    FallThrough,
    /// `;;&`: go on testing the following patterns.
    Continue,
}

/// A function definition.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct FunctionDef {
    /// The name (bash allows most bytes).
    pub name: Text,
    /// `true` when written with the `function` keyword.
    pub keyword: bool,
    /// The body: a compound command with its redirections.
    pub body: Command,
    /// Where the definition stands in the text.
    pub span: Span,
}

/// `coproc [NAME] command`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Coproc {
    /// The name; `None` means `COPROC`.
    pub name: Option<Text>,
    /// The command run as the coprocess.
    pub body: Command,
}

/// A `[[ … ]]` expression.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum CondExpr {
    /// `a && b`
    And(Box<CondExpr>, Box<CondExpr>),
    /// `a || b`
    Or(Box<CondExpr>, Box<CondExpr>),
    /// `! a`
    Not(Box<CondExpr>),
    /// `( a )`
    Group(Box<CondExpr>),
    /// `-op word`, e.g. `-f file`, `-z str`, `-v name`.
    Unary(Text, Word),
    /// `lhs op rhs`, e.g. `a == pat`, `a -lt b`, `a =~ re`, `a < b`.
    ///
    /// For `==`, `=` and `!=` the right side is a pattern; for `=~` it is a regular expression
    /// whose quoted parts match literally.
    Binary(Word, Text, Word),
    /// A single word: true when it expands to a non-empty string.
    Word(Word),
}

/// A redirection.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Redirect {
    /// The file descriptor written before the operator (`2>`, `{fd}>`).
    pub fd: Option<RedirectFd>,
    /// The operator.
    pub op: RedirectOp,
    /// The target word, or the here-document.
    pub target: RedirectTarget,
    /// Where the redirection stands in the text.
    pub span: Span,
}

/// The descriptor of a [`Redirect`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum RedirectFd {
    /// A number: `2>`.
    Number(u32),
    /// `{name}>`: allocate a descriptor and store it in `name`.
    Variable(Text),
}

/// The operator of a [`Redirect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum RedirectOp {
    /// `<`
    Read,
    /// `>`
    Write,
    /// `>>`
    Append,
    /// `>|`
    Clobber,
    /// `<>`
    ReadWrite,
    /// `<&` (the target may be a number, `-`, or `n-`).
    DupRead,
    /// `>&` (the target may be a number, `-`, `n-`, or a file name when no fd is given).
    DupWrite,
    /// `&>`
    WriteBoth,
    /// `&>>`
    AppendBoth,
    /// `<<` or `<<-`
    HereDoc,
    /// `<<<`
    HereString,
}

/// The target of a [`Redirect`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum RedirectTarget {
    /// A word (file name, descriptor, here-string).
    Word(Word),
    /// A here-document.
    HereDoc(HereDoc),
}

/// A here-document.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct HereDoc {
    /// The delimiter after quote removal.
    pub delimiter: Text,
    /// The delimiter as written (quotes kept), for printing.
    pub delimiter_raw: Text,
    /// `true` when any part of the delimiter was quoted: the body is then literal.
    pub quoted: bool,
    /// `true` for `<<-`: leading tabs are stripped from body lines and the delimiter line.
    pub strip_tabs: bool,
    /// The body, tabs already stripped for `<<-`. When `quoted` it is one literal part;
    /// otherwise it holds expansions as inside double quotes (but `"` is literal).
    pub body: Word,
}

/// A shell word: a sequence of parts, concatenated after expansion.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct Word {
    /// The parts in order.
    pub parts: Vec<WordPart>,
    /// Where the word stands in the text.
    pub span: Span,
}

/// A piece of a [`Word`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum WordPart {
    /// Unquoted text. Glob characters in it are active.
    Literal(Text),
    /// Backslash-escaped bytes outside quotes (`\*` is `Escaped("*")`): literal, never globbed.
    Escaped(Text),
    /// `'…'`
    SingleQuoted(Text),
    /// `"…"`: literal text and expansions, not split or globbed.
    DoubleQuoted(Vec<WordPart>),
    /// `$'…'`: the text with its ANSI-C escapes already decoded.
    AnsiC(Text),
    /// `$"…"`: a translatable string; vbash translates nothing, so it acts as `"…"`.
    Locale(Vec<WordPart>),
    /// `~` or `~user` at the start of a word (or after `=`/`:` in assignments).
    Tilde(Text),
    /// `$x`, `${…}`.
    Param(Box<ParamExpansion>),
    /// `$(…)` or `` `…` ``.
    CommandSub(Box<CommandSub>),
    /// A backquote substitution whose body does not parse, holding the body with the
    /// backquote escapes removed. Bash parses backquote bodies only when it runs them, so
    /// this is no syntax error; running it reports the error.
    UnparsedBackquote(Text),
    /// `$((…))`: the expression, unexpanded.
    Arithmetic(Box<Word>),
    /// `<(…)` or `>(…)`.
    ProcessSub(Box<ProcessSub>),
    /// `{a,b}` or `{1..9..2}`.
    Brace(Box<BraceExpansion>),
    /// An extended glob `?(…)`, `*(…)`, `+(…)`, `@(…)`, `!(…)`.
    ExtGlob(Box<ExtGlob>),
}

/// A command substitution.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct CommandSub {
    /// The commands inside.
    pub program: Program,
    /// `true` for the backquote form.
    pub backquoted: bool,
}

/// A process substitution.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ProcessSub {
    /// `true` for `>(…)` (the command reads what is written to the path).
    pub output: bool,
    /// The commands inside.
    pub program: Program,
}

/// A brace expansion.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum BraceExpansion {
    /// `{a,b,c}`: each alternative is a sequence of parts (possibly empty).
    List(Vec<Vec<WordPart>>),
    /// `{start..end[..step]}` with integers or single characters.
    Sequence {
        /// The start, as written.
        start: Text,
        /// The end, as written.
        end: Text,
        /// The step, as written.
        step: Option<Text>,
    },
}

/// An extended glob pattern.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ExtGlob {
    /// One of `?*+@!`.
    pub op: u8,
    /// The `|`-separated alternatives.
    pub alternatives: Vec<Vec<WordPart>>,
}

/// A parameter expansion: `$name`, `$1`, `$@`, `${…}`.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub struct ParamExpansion {
    /// The parameter.
    pub param: Parameter,
    /// `true` when written with braces.
    pub braced: bool,
    /// `true` for `${!name…}` indirection.
    pub indirect: bool,
    /// What to do with the value.
    pub op: ParamOp,
}

/// The parameter of a [`ParamExpansion`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Parameter {
    /// A variable, optionally subscripted.
    Named {
        /// The name.
        name: Text,
        /// The subscript.
        index: Option<Subscript>,
    },
    /// `$0`, `$1`, `${10}`.
    Positional(u32),
    /// One of `@ * # ? - $ !`.
    Special(u8),
}

/// An array subscript.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum Subscript {
    /// `[@]`
    At,
    /// `[*]`
    Star,
    /// Any other subscript, unexpanded (arithmetic for indexed arrays, a string for
    /// associative ones).
    Expr(Word),
}

/// The operation of a [`ParamExpansion`].
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum ParamOp {
    /// Just the value.
    None,
    /// `${#x}`
    Length,
    /// `${x-w}` / `${x:-w}`
    Default {
        /// `true` with the colon (empty counts as unset).
        colon: bool,
        /// The word.
        word: Word,
    },
    /// `${x=w}` / `${x:=w}`
    Assign {
        /// `true` with the colon.
        colon: bool,
        /// The word.
        word: Word,
    },
    /// `${x?w}` / `${x:?w}`
    Error {
        /// `true` with the colon.
        colon: bool,
        /// The message word.
        word: Word,
    },
    /// `${x+w}` / `${x:+w}`
    Alternative {
        /// `true` with the colon.
        colon: bool,
        /// The word.
        word: Word,
    },
    /// `${x#p}` / `${x##p}`
    RemovePrefix {
        /// `true` for `##`.
        longest: bool,
        /// The pattern.
        pattern: Word,
    },
    /// `${x%p}` / `${x%%p}`
    RemoveSuffix {
        /// `true` for `%%`.
        longest: bool,
        /// The pattern.
        pattern: Word,
    },
    /// `${x/p/r}`, `${x//p/r}`, `${x/#p/r}`, `${x/%p/r}`
    Replace {
        /// Which matches to replace.
        mode: ReplaceMode,
        /// The pattern.
        pattern: Word,
        /// The replacement; `None` when there was no second `/`.
        replacement: Option<Word>,
    },
    /// `${x:offset}` / `${x:offset:length}`, both arithmetic, unexpanded.
    Substring {
        /// The offset.
        offset: Word,
        /// The length.
        length: Option<Word>,
    },
    /// `${x^p}`, `${x^^p}`, `${x,p}`, `${x,,p}`, `${x~p}`, `${x~~p}`
    Case {
        /// Which conversion: `^`, `,` or `~`.
        conv: CaseConv,
        /// `true` for the doubled form.
        all: bool,
        /// The pattern of characters to convert (`None` means every character).
        pattern: Option<Word>,
    },
    /// `${x@Q}` and the other `@` operators (`U u L Q E P A K a k`).
    Transform(u8),
    /// `${!prefix*}` / `${!prefix@}`: names of variables starting with the prefix.
    PrefixNames {
        /// `true` for `*`.
        star: bool,
    },
    /// `${!name[@]}` / `${!name[*]}`: the keys of an array.
    Keys {
        /// `true` for `*`.
        star: bool,
    },
    /// A `${…}` bash accepts when parsing but rejects on expansion with `bad substitution`.
    /// The text between the braces is kept for the message.
    Bad(Text),
}

/// The conversion a case-modifying expansion applies to each selected character.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum CaseConv {
    /// `^`: to upper case.
    Upper,
    /// `,`: to lower case.
    Lower,
    /// `~`: upper to lower and lower to upper.
    Toggle,
}

impl CaseConv {
    /// The operator byte as written in the source.
    pub fn op(self) -> u8 {
        match self {
            CaseConv::Upper => b'^',
            CaseConv::Lower => b',',
            CaseConv::Toggle => b'~',
        }
    }
}

/// Which matches `${x/…/…}` replaces.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(Serialize))]
pub enum ReplaceMode {
    /// `/`: the first match.
    First,
    /// `//`: every match.
    All,
    /// `/#`: a match at the start.
    Prefix,
    /// `/%`: a match at the end.
    Suffix,
}

impl Word {
    /// A word of one unquoted literal.
    pub fn literal(text: &[u8], span: Span) -> Word {
        Word {
            parts: vec![WordPart::Literal(Text::from(text))],
            span,
        }
    }

    /// The word's text when it is one unquoted literal with no expansions.
    pub fn as_literal(&self) -> Option<&[u8]> {
        match self.parts.as_slice() {
            [WordPart::Literal(t)] => Some(t),
            [] => Some(b""),
            _ => None,
        }
    }
}

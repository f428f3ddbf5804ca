//! The parser's embedding API: incremental parsing, options, aliases, limits, positions.

use vbash_syntax::ast::{Argument, Command, List, WordPart};
use vbash_syntax::{AliasResolver, ParseErrorKind, ParseOptions, Parser};

/// The literal words of the first simple command of a list.
fn words(list: &List) -> Vec<String> {
    let Command::Simple(cmd) = &list.items[0].and_or.first.commands[0] else {
        panic!("not a simple command: {list:?}");
    };
    cmd.words
        .iter()
        .map(|a| match a {
            Argument::Word(w) => w
                .parts
                .iter()
                .map(|p| match p {
                    WordPart::Literal(t) => t.to_str_lossy().into_owned(),
                    other => format!("{other:?}"),
                })
                .collect::<String>(),
            Argument::Assignment(a) => format!("{}=…", a.name.to_str_lossy()),
        })
        .collect()
}

#[test]
fn commands_come_one_at_a_time_with_their_lines() {
    let mut p = Parser::new(
        b"echo a; echo b\n\n# comment\nif true\nthen x\nfi\necho c",
        ParseOptions::default(),
    );
    let first = p.next_command().unwrap().unwrap();
    assert_eq!(first.items.len(), 2);
    let second = p.next_command().unwrap().unwrap();
    let Command::Compound(..) = &second.items[0].and_or.first.commands[0] else {
        panic!("expected the if command");
    };
    assert_eq!(second.items[0].and_or.first.span.line, 4);
    let third = p.next_command().unwrap().unwrap();
    assert_eq!(words(&third), ["echo", "c"]);
    assert_eq!(third.items[0].and_or.first.span.line, 7);
    assert!(p.next_command().unwrap().is_none());
    assert!(p.next_command().unwrap().is_none());
}

#[test]
fn extglob_applies_from_the_next_command_on() {
    let src = b"echo @(a|b)\n";
    let err = Parser::new(src, ParseOptions::default())
        .next_command()
        .unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::UnexpectedToken("(".into()));

    let mut p = Parser::new(b"shopt -s extglob\necho @(a|b)\n", ParseOptions::default());
    p.next_command().unwrap().unwrap();
    p.set_extglob(true); // what the engine does after running `shopt -s extglob`
    let list = p.next_command().unwrap().unwrap();
    let Command::Simple(cmd) = &list.items[0].and_or.first.commands[0] else {
        panic!()
    };
    let Argument::Word(w) = &cmd.words[1] else {
        panic!()
    };
    assert!(matches!(w.parts[0], WordPart::ExtGlob(_)), "{w:?}");
}

struct Aliases(&'static [(&'static str, &'static str)]);

impl AliasResolver for Aliases {
    fn resolve(&self, name: &[u8]) -> Option<Vec<u8>> {
        self.0
            .iter()
            .find(|(n, _)| n.as_bytes() == name)
            .map(|(_, v)| v.as_bytes().to_vec())
    }
}

#[test]
fn aliases_expand_in_command_position_only() {
    let aliases = std::sync::Arc::new(Aliases(&[
        ("ll", "ls -l"),
        ("ls", "ls -F"),
        ("sudo", "sudo "),
        ("x", "echo x"),
    ]));
    let mut p = Parser::new(b"ll /tmp\necho ll\nsudo ll\nls\n", ParseOptions::default());
    p.set_aliases(Some(aliases));
    // `ll` → `ls -l`, and `ls` inside that value expands once more, but not again.
    assert_eq!(
        words(&p.next_command().unwrap().unwrap()),
        ["ls", "-F", "-l", "/tmp"]
    );
    // Not in argument position.
    assert_eq!(words(&p.next_command().unwrap().unwrap()), ["echo", "ll"]);
    // A value ending in a blank makes the next word a candidate too.
    assert_eq!(
        words(&p.next_command().unwrap().unwrap()),
        ["sudo", "ls", "-F", "-l"]
    );
    // `ls` → `ls -F` does not loop.
    assert_eq!(words(&p.next_command().unwrap().unwrap()), ["ls", "-F"]);
}

#[test]
fn aliases_can_hold_syntax() {
    let aliases = std::sync::Arc::new(Aliases(&[("loop", "for i in 1 2; do")]));
    let mut p = Parser::new(b"loop echo $i; done\n", ParseOptions::default());
    p.set_aliases(Some(aliases));
    let list = p.next_command().unwrap().unwrap();
    assert!(matches!(
        list.items[0].and_or.first.commands[0],
        Command::Compound(..)
    ));
}

#[test]
fn nesting_is_bounded_by_the_depth_limit() {
    let options = ParseOptions {
        max_depth: 50,
        ..ParseOptions::default()
    };
    let deep = format!("echo {}x{}", "$(".repeat(60), ")".repeat(60));
    let err = vbash_syntax::parse_with(deep.as_bytes(), &options).unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::TooDeep(50));
    let shallow = format!("echo {}x{}", "$(".repeat(10), ")".repeat(10));
    assert!(vbash_syntax::parse_with(shallow.as_bytes(), &options).is_ok());
}

#[test]
fn ten_thousand_nested_constructs_end_in_an_error_not_a_stack_overflow() {
    // A thread with a deliberately small stack: the parser must grow its own or stop.
    let handle = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(|| {
            let n = 10_000;
            let inputs = [
                format!("echo {}x{}", "$(".repeat(n), ")".repeat(n)),
                format!("echo {}1{}", "$((".repeat(n), "))".repeat(n)),
                format!("{}:;{}", "{ ".repeat(n), " }".repeat(n)),
                format!("{}:{}", "( ".repeat(n), " )".repeat(n)),
                format!("echo {}{}", "${x:-".repeat(n), "}".repeat(n)),
                format!("[[ {}a{} ]]", "( ".repeat(n), " )".repeat(n)),
                format!("echo {}{}", "{a,".repeat(n), "}".repeat(n)),
            ];
            for src in inputs {
                let r = vbash_syntax::parse(src.as_bytes());
                assert!(
                    matches!(&r, Err(e) if matches!(e.kind, ParseErrorKind::TooDeep(_))),
                    "{}: {r:?}",
                    &src[..20]
                );
            }
        })
        .unwrap();
    handle.join().unwrap();
}

#[test]
fn input_size_is_bounded() {
    let options = ParseOptions {
        max_input_bytes: 10,
        ..ParseOptions::default()
    };
    let err = vbash_syntax::parse_with(b"echo a long line", &options).unwrap_err();
    assert_eq!(err.kind, ParseErrorKind::TooLarge(10));
}

#[test]
fn here_documents_ended_by_the_end_of_text_warn() {
    let mut p = Parser::new(b"cat <<EOF\nhello\n", ParseOptions::default());
    let list = p.next_command().unwrap().unwrap();
    assert!(p.next_command().unwrap().is_none());
    let warnings = p.take_warnings();
    assert_eq!(warnings.len(), 1);
    assert_eq!(
        warnings[0].message,
        "here-document at line 1 delimited by end-of-file (wanted `EOF')"
    );
    assert_eq!(warnings[0].line, 2);
    let text = vbash_syntax::print::program(&vbash_syntax::ast::Program {
        commands: vec![list],
    });
    assert!(text.contains("hello"), "{text}");
}

#[test]
fn invalid_utf8_parses_as_bytes() {
    let src = b"echo \xff\xfe 'a\x80b'\n";
    let program = vbash_syntax::parse(src).unwrap();
    let printed = vbash_syntax::print::program_bytes(&program);
    assert_eq!(vbash_syntax::parse(&printed).unwrap().commands.len(), 1);
    assert!(printed.windows(2).any(|w| w == b"\xff\xfe"));
}

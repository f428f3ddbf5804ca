//! `source`/`.` (run a file in this shell) and `caller` (where the current function was called).

use vbash_syntax::{ParseOptions, Parser};

use super::{getopt, legal_number};
use crate::exec::{Flow, Interp};

impl Interp {
    /// `source filename [arguments]` and `. filename [arguments]`: reads the file from the
    /// filesystem and runs it here, one complete command at a time; `return` ends it. With
    /// arguments, they are the positional parameters while it runs (kept afterwards if the
    /// file changed them, as bash does).
    pub(crate) async fn builtin_source(
        &mut self,
        name: &[u8],
        args: &[Vec<u8>],
    ) -> Result<i32, Flow> {
        let parsed = match getopt(args, b"") {
            Ok(p) => p,
            Err(e) => return self.bad_option(name, e).await,
        };
        let args = &args[parsed.rest..];
        let Some(file) = args.first() else {
            self.builtin_error(name, b"filename argument required", 2)
                .await?;
            return self.usage(name).await;
        };
        let text = match self.find_sourced(file).await {
            Ok(text) => text,
            Err(msg) => {
                let status = if msg.ends_with(b": is a directory") {
                    self.builtin_error(name, &msg, 1).await?
                } else {
                    self.error(&msg).await?;
                    1
                };
                return Ok(status);
            }
        };
        let saved = (args.len() > 1).then(|| {
            let mine = std::sync::Arc::new(args[1..].to_vec());
            let old = std::mem::replace(&mut self.state.positional, mine.clone());
            (old, mine)
        });
        self.state.extra.source_depth += 1;
        let result = self.run_sourced(file, &text).await;
        self.state.extra.source_depth -= 1;
        if let Some((old, mine)) = saved {
            // bash keeps parameters the file changed with `set`; `shift`ing them does not
            // count. A tail of the arguments is taken for the work of `shift`.
            let now = &self.state.positional;
            if (0..=mine.len()).any(|k| now.as_slice() == &mine[k..]) {
                self.state.positional = old;
            }
        }
        match result {
            Err(Flow::Return(status)) => {
                self.state.last_status = status;
                Ok(status)
            }
            other => other,
        }
    }

    /// The text of the file `source` names: a name without `/` is looked for in `PATH`, then
    /// in the working directory.
    async fn find_sourced(&self, file: &[u8]) -> Result<Vec<u8>, Vec<u8>> {
        let mut candidates = Vec::new();
        if !file.contains(&b'/') {
            if let Some(path) = self.state.scalar(b"PATH") {
                for dir in path.split(|&c| c == b':').filter(|d| !d.is_empty()) {
                    let mut p = dir.to_vec();
                    p.push(b'/');
                    p.extend_from_slice(file);
                    candidates.push(self.state.cwd.resolve(&p));
                }
            }
        }
        let direct = self.state.cwd.resolve(file);
        for path in &candidates {
            if self.ctx.fs.metadata(path).await.is_ok_and(|m| m.is_file()) {
                if let Ok(data) = self.ctx.fs.read(path).await {
                    return Ok(data.to_vec());
                }
            }
        }
        let fail = |what: &str| {
            let mut msg = file.to_vec();
            msg.extend_from_slice(what.as_bytes());
            msg
        };
        match self.ctx.fs.metadata(&direct).await {
            Ok(m) if m.is_dir() => return Err(fail(": is a directory")),
            Ok(_) => {}
            Err(e) => {
                return Err(e.coreutils(&String::from_utf8_lossy(file)).into_bytes());
            }
        }
        match self.ctx.fs.read(&direct).await {
            Ok(data) => Ok(data.to_vec()),
            Err(e) => Err(e.coreutils(&String::from_utf8_lossy(file)).into_bytes()),
        }
    }

    /// Parses and runs a sourced file. bash reads one complete command at a time; the parser
    /// cannot be held across the commands it runs (it is not `Send`), so the file is parsed
    /// first, with `extglob` on if the file mentions it, and the commands before a syntax
    /// error run before the error is reported (status 2), as in bash.
    async fn run_sourced(&mut self, file: &[u8], text: &[u8]) -> Result<i32, Flow> {
        let (lists, warnings, error) = {
            let mut parser = Parser::new(text, ParseOptions::default());
            let mentions = memchr::memmem::find(text, b"extglob").is_some();
            parser.set_extglob(self.state.shopt.extglob || mentions);
            let mut lists = Vec::new();
            let error = loop {
                match parser.next_command() {
                    Ok(Some(list)) => lists.push(list),
                    Ok(None) => break None,
                    Err(e) => break Some(e),
                }
            };
            (lists, parser.take_warnings(), error)
        };
        let mut status = 0;
        for list in &lists {
            status = self.run_list(list).await?;
        }
        for w in warnings {
            let msg = format!("warning: {}", w.message);
            self.state.line = w.line;
            self.error(msg.as_bytes()).await?;
        }
        if let Some(e) = error {
            let prefix = format!("{}: line {}: ", String::from_utf8_lossy(file), e.line);
            self.err_raw(e.render(&prefix).as_bytes()).await?;
            return Ok(2);
        }
        Ok(status)
    }

    /// `caller [expr]`: `LINE FILE` of the current call, or `LINE FUNCTION FILE` of the call
    /// `expr` frames up; status 1 outside functions.
    pub(crate) async fn builtin_caller(&mut self, args: &[Vec<u8>]) -> Result<i32, Flow> {
        let stack = self.state.extra.call_stack.clone();
        if stack.is_empty() {
            return Ok(1);
        }
        let parsed = match getopt(args, b"") {
            Ok(p) => p,
            Err(e) => return self.bad_option(b"caller", e).await,
        };
        let line = match args.get(parsed.rest) {
            None => {
                let top = &stack[stack.len() - 1];
                format!("{} {}\n", top.line, String::from_utf8_lossy(&top.source))
            }
            Some(arg) => {
                let Some(n) = legal_number(arg).filter(|n| *n >= 0) else {
                    let mut msg = arg.clone();
                    msg.extend_from_slice(b": invalid number");
                    self.builtin_error(b"caller", &msg, 2).await?;
                    return self.usage(b"caller").await;
                };
                let n = n as usize;
                if n + 1 >= stack.len() {
                    return Ok(1);
                }
                let frame = &stack[stack.len() - 1 - n];
                let outer = &stack[stack.len() - 2 - n];
                format!(
                    "{} {} {}\n",
                    frame.line,
                    String::from_utf8_lossy(&outer.function),
                    String::from_utf8_lossy(&frame.source)
                )
            }
        };
        self.out(line.as_bytes()).await?;
        Ok(0)
    }
}

//! Shell state: variables with their attributes and scopes, functions, positional parameters,
//! options, the working directory and the last status.
//!
//! Subshells, `$(…)` and pipeline stages each work on a copy of the state. Agents run `$(…)` in
//! loops, so copying must be cheap: the big parts sit behind `Arc`s and are copied only when a
//! copy is changed (`Arc::make_mut`).

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use vbash_syntax::ast::FunctionDef;
use vbash_vfs::VfsPath;

/// Attributes set by `declare`, `export`, `readonly`, `local`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Attrs {
    /// `-x`: passed to commands' environments.
    pub export: bool,
    /// `-r`: cannot be assigned or unset.
    pub readonly: bool,
    /// `-i`: assignments are evaluated arithmetically.
    pub integer: bool,
    /// `-u`: values are upper-cased on assignment.
    pub upper: bool,
    /// `-l`: values are lower-cased on assignment.
    pub lower: bool,
    /// `-n`: a name reference; reads and writes go to the variable its value names.
    pub nameref: bool,
}

/// A variable's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Value {
    /// Declared (`declare x`, `local x`) but never assigned: unset for `${x-…}` and `-v`.
    Declared,
    /// A string.
    Scalar(Vec<u8>),
    /// An indexed array (sparse).
    Indexed(BTreeMap<i64, Vec<u8>>),
    /// An associative array (`declare -A`), in insertion order; [`assoc_order`] gives the
    /// order bash lists it in.
    Assoc(indexmap::IndexMap<Vec<u8>, Vec<u8>>),
}

/// The entries of an associative array in the order bash 5.2 lists them: by bucket of its
/// 1024-bucket FNV-1 hash table, newest first within a bucket.
pub fn assoc_order(map: &indexmap::IndexMap<Vec<u8>, Vec<u8>>) -> Vec<(&Vec<u8>, &Vec<u8>)> {
    let mut order: Vec<usize> = (0..map.len()).collect();
    // Bucket ascending; within a bucket the later insertion first.
    order.sort_by_key(|&i| {
        let (k, _) = map.get_index(i).expect("in range");
        (fnv1(k) & 1023, std::cmp::Reverse(i))
    });
    order
        .into_iter()
        .map(|i| map.get_index(i).expect("in range"))
        .collect()
}

/// Bash's string hash (FNV-1, 32 bits).
fn fnv1(s: &[u8]) -> u32 {
    s.iter().fold(2_166_136_261u32, |h, &c| {
        h.wrapping_mul(16_777_619) ^ u32::from(c)
    })
}

/// A variable: its value and attributes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variable {
    /// The value.
    pub value: Value,
    /// The attributes.
    pub attrs: Attrs,
}

impl Variable {
    /// A plain string variable.
    pub fn scalar(value: impl Into<Vec<u8>>) -> Variable {
        Variable {
            value: Value::Scalar(value.into()),
            attrs: Attrs::default(),
        }
    }

    /// The value as `$name` expands it: a scalar, or element 0 of an array.
    pub fn as_scalar(&self) -> Option<&[u8]> {
        match &self.value {
            Value::Declared => None,
            Value::Scalar(s) => Some(s),
            Value::Indexed(a) => a.get(&0).map(Vec::as_slice),
            Value::Assoc(m) => m.get(&b"0"[..]).map(Vec::as_slice),
        }
    }

    /// Whether this is an associative array.
    pub fn is_assoc(&self) -> bool {
        matches!(self.value, Value::Assoc(_))
    }
}

/// Why an assignment or unset was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum VarError {
    /// The variable is read-only (`NAME: readonly variable`).
    Readonly(Vec<u8>),
}

/// Variables in scopes: the global one, then one per active function call with `local`s.
#[derive(Clone, Debug, Default)]
pub struct Variables {
    /// Innermost last; never empty.
    frames: Vec<HashMap<Vec<u8>, Variable>>,
}

impl Variables {
    /// Global variables only.
    pub fn new() -> Variables {
        Variables {
            frames: vec![HashMap::new()],
        }
    }

    /// The variable `name` as seen from the innermost scope, following name references
    /// (`declare -n`).
    pub fn get(&self, name: &[u8]) -> Option<&Variable> {
        self.get_raw(&self.resolve(name))
    }

    /// The variable `name` itself, not following a name reference.
    pub fn get_raw(&self, name: &[u8]) -> Option<&Variable> {
        self.frames.iter().rev().find_map(|f| f.get(name))
    }

    /// The name `name` refers to: itself, or the end of its chain of name references (at most
    /// 8 links, as a guard against cycles).
    pub fn resolve<'n>(&self, name: &'n [u8]) -> std::borrow::Cow<'n, [u8]> {
        let mut current = std::borrow::Cow::Borrowed(name);
        for _ in 0..8 {
            match self.get_raw(&current) {
                Some(Variable {
                    value: Value::Scalar(target),
                    attrs: Attrs { nameref: true, .. },
                }) if !target.is_empty() && target.as_slice() != &*current => {
                    current = std::borrow::Cow::Owned(target.clone());
                }
                _ => break,
            }
        }
        current
    }

    /// Assigns a string to `name` in the scope where it is visible (global if nowhere),
    /// keeping its attributes; an array gets the value at index 0.
    pub fn set(&mut self, name: &[u8], value: Vec<u8>) -> Result<(), VarError> {
        let var = self.visible_mut(name);
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        match &mut var.value {
            Value::Indexed(a) => {
                a.insert(0, value);
            }
            Value::Assoc(m) => {
                m.insert(b"0".to_vec(), value);
            }
            v => *v = Value::Scalar(value),
        }
        Ok(())
    }

    /// Assigns `name[key]` of an associative array (making `name` one if it is not).
    pub fn set_key(
        &mut self,
        name: &[u8],
        key: Vec<u8>,
        value: Vec<u8>,
        append: bool,
    ) -> Result<(), VarError> {
        let var = self.visible_mut(name);
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        if !matches!(var.value, Value::Assoc(_)) {
            var.value = Value::Assoc(Default::default());
        }
        if let Value::Assoc(m) = &mut var.value {
            if append {
                m.entry(key).or_default().extend_from_slice(&value);
            } else {
                m.insert(key, value);
            }
        }
        Ok(())
    }

    /// Removes element `key` of an associative array or `index` of an indexed one
    /// (`unset 'a[k]'`).
    pub fn unset_element(
        &mut self,
        name: &[u8],
        key: &[u8],
        index: Option<i64>,
    ) -> Result<(), VarError> {
        let Some(depth) = self.frames.iter().rposition(|f| f.contains_key(name)) else {
            return Ok(());
        };
        let var = self.frames[depth].get_mut(name).expect("found above");
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        match (&mut var.value, index) {
            (Value::Assoc(m), _) => {
                m.shift_remove(key);
            }
            (Value::Indexed(a), Some(i)) => {
                let i = if i < 0 {
                    a.keys().next_back().map_or(i, |l| l + 1 + i)
                } else {
                    i
                };
                a.remove(&i);
            }
            (v @ Value::Scalar(_), Some(0 | -1)) => *v = Value::Declared,
            _ => {}
        }
        Ok(())
    }

    /// Assigns element `index` of the array `name` (making it an array).
    pub fn set_element(&mut self, name: &[u8], index: i64, value: Vec<u8>) -> Result<(), VarError> {
        let var = self.visible_mut(name);
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        match &mut var.value {
            Value::Indexed(a) => {
                a.insert(index, value);
            }
            v => {
                let mut a = BTreeMap::new();
                if let Value::Scalar(s) = std::mem::replace(v, Value::Declared) {
                    a.insert(0, s);
                }
                a.insert(index, value);
                *v = Value::Indexed(a);
            }
        }
        Ok(())
    }

    /// Appends to the string value of `name` in place (`name+=value`); for an array, to its
    /// element 0.
    pub fn append(&mut self, name: &[u8], value: &[u8]) -> Result<(), VarError> {
        let var = self.visible_mut(name);
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        match &mut var.value {
            Value::Scalar(s) => s.extend_from_slice(value),
            Value::Indexed(a) => a.entry(0).or_default().extend_from_slice(value),
            Value::Assoc(m) => m.entry(b"0".to_vec()).or_default().extend_from_slice(value),
            v => *v = Value::Scalar(value.to_vec()),
        }
        Ok(())
    }

    /// A compound assignment `name=(…)` or `name+=(…)`: each item is an optional explicit
    /// index, whether it appends to that element (`[i]+=v`), and the value. Items without an
    /// index go after the last one used (or after the array's end when appending).
    pub fn assign_array(
        &mut self,
        name: &[u8],
        append: bool,
        items: Vec<(Option<i64>, bool, Vec<u8>)>,
    ) -> Result<(), VarError> {
        let var = self.visible_mut(name);
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        let array = match (&mut var.value, append) {
            (Value::Indexed(a), true) => a,
            (v, _) => {
                let mut a = BTreeMap::new();
                if let (Value::Scalar(s), true) = (&mut *v, append) {
                    a.insert(0, std::mem::take(s));
                }
                *v = Value::Indexed(a);
                match v {
                    Value::Indexed(a) => a,
                    _ => unreachable!("just made an array"),
                }
            }
        };
        let mut next = array.keys().next_back().map_or(0, |k| k + 1);
        for (index, add, value) in items {
            let i = index.unwrap_or(next);
            if add {
                array.entry(i).or_default().extend_from_slice(&value);
            } else {
                array.insert(i, value);
            }
            next = i + 1;
        }
        Ok(())
    }

    /// Replaces the whole value of `name` (array assignment `a=(…)`).
    pub fn set_value(&mut self, name: &[u8], value: Value) -> Result<(), VarError> {
        let var = self.visible_mut(name);
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        var.value = value;
        Ok(())
    }

    /// Changes the attributes of `name`, creating it (declared, unset) if needed.
    pub fn set_attrs(&mut self, name: &[u8], f: impl FnOnce(&mut Attrs)) {
        f(&mut self.visible_mut(name).attrs);
    }

    /// Makes `name` itself a name reference to `target` (`declare -n name=target`), in the
    /// scope where `name` is visible; does not follow an existing reference.
    pub fn set_nameref(&mut self, name: &[u8], target: Option<Vec<u8>>) -> Result<(), VarError> {
        let depth = self
            .frames
            .iter()
            .rposition(|f| f.contains_key(name))
            .unwrap_or(0);
        let var = self.frames[depth].entry(name.to_vec()).or_insert(Variable {
            value: Value::Declared,
            attrs: Attrs::default(),
        });
        if var.attrs.readonly {
            return Err(VarError::Readonly(name.to_vec()));
        }
        var.attrs.nameref = true;
        if let Some(t) = target {
            var.value = Value::Scalar(t);
        }
        Ok(())
    }

    /// Removes `name` from the scope where it is visible.
    pub fn unset(&mut self, name: &[u8]) -> Result<(), VarError> {
        let name = &*self.resolve(name).into_owned();
        let frames = self.frames.len();
        for (depth, frame) in self.frames.iter_mut().enumerate().rev() {
            if let Some(v) = frame.get_mut(name) {
                if v.attrs.readonly {
                    return Err(VarError::Readonly(name.to_vec()));
                }
                // A function's local stays local when unset, hiding the global (as in bash).
                if depth > 0 && depth + 1 == frames {
                    *v = Variable {
                        value: Value::Declared,
                        attrs: Attrs::default(),
                    };
                } else {
                    frame.remove(name);
                }
                return Ok(());
            }
        }
        Ok(())
    }

    /// Removes `name` itself even when it is a name reference (`unset -n`).
    pub fn unset_reference(&mut self, name: &[u8]) {
        if let Some(frame) = self.frames.iter_mut().rev().find(|f| f.contains_key(name)) {
            frame.remove(name);
        }
    }

    /// Whether `name` is visible and read-only.
    pub fn is_readonly(&self, name: &[u8]) -> bool {
        self.get(name).is_some_and(|v| v.attrs.readonly)
    }

    /// Puts `name` back as it was (`None`: unset) in the scope where it is visible; used to end
    /// the prefix assignments of a command (`IFS=: read a b`).
    pub fn restore(&mut self, name: &[u8], previous: Option<Variable>) {
        let depth = self.frames.iter().rposition(|f| f.contains_key(name));
        match (depth, previous) {
            (Some(d), Some(v)) => {
                self.frames[d].insert(name.to_vec(), v);
            }
            (Some(d), None) => {
                self.frames[d].remove(name);
            }
            (None, Some(v)) => {
                self.frames[0].insert(name.to_vec(), v);
            }
            (None, None) => {}
        }
    }

    /// Makes `name` local to the innermost function scope (`local name`), unset until assigned.
    /// At global level it is an ordinary declaration.
    pub fn declare_local(&mut self, name: &[u8]) {
        let frame = self.frames.last_mut().expect("a global frame");
        frame.entry(name.to_vec()).or_insert(Variable {
            value: Value::Declared,
            attrs: Attrs::default(),
        });
    }

    /// Opens a function-call scope.
    pub fn push_scope(&mut self) {
        self.frames.push(HashMap::new());
    }

    /// Closes the innermost function-call scope.
    pub fn pop_scope(&mut self) {
        if self.frames.len() > 1 {
            self.frames.pop();
        }
    }

    /// The names of set variables starting with `prefix`, sorted (`${!prefix@}`).
    pub fn names_with_prefix(&self, prefix: &[u8]) -> Vec<Vec<u8>> {
        let mut names: Vec<Vec<u8>> = self
            .frames
            .iter()
            .flat_map(|f| f.iter())
            .filter(|(k, v)| k.starts_with(prefix) && v.value != Value::Declared)
            .map(|(k, _)| k.clone())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// The exported variables with values, as `NAME=VALUE` pairs sorted by name.
    pub fn exported(&self) -> Vec<(Vec<u8>, Vec<u8>)> {
        let mut seen: HashMap<&[u8], &Variable> = HashMap::new();
        for frame in &self.frames {
            for (k, v) in frame {
                seen.insert(k, v);
            }
        }
        let mut out: Vec<(Vec<u8>, Vec<u8>)> = seen
            .into_iter()
            .filter(|(_, v)| v.attrs.export)
            .filter_map(|(k, v)| v.as_scalar().map(|s| (k.to_vec(), s.to_vec())))
            .collect();
        out.sort();
        out
    }

    fn visible_mut(&mut self, name: &[u8]) -> &mut Variable {
        let name = self.resolve(name).into_owned();
        let depth = self
            .frames
            .iter()
            .rposition(|f| f.contains_key(&name))
            .unwrap_or(0);
        self.frames[depth].entry(name).or_insert(Variable {
            value: Value::Declared,
            attrs: Attrs::default(),
        })
    }
}

/// The `set -o` options the interpreter honours.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Options {
    /// `-e`
    pub errexit: bool,
    /// `-u`
    pub nounset: bool,
    /// `-x`
    pub xtrace: bool,
    /// `-f`
    pub noglob: bool,
    /// `-o pipefail`
    pub pipefail: bool,
    /// `-C`
    pub noclobber: bool,
    /// `-E`: the `ERR` trap also fires inside functions and subshells.
    pub errtrace: bool,
}

impl Options {
    /// Sets the option `set -o NAME` names; `false` for an unknown name.
    pub fn set_by_name(&mut self, name: &[u8], on: bool) -> bool {
        match name {
            b"errexit" => self.errexit = on,
            b"nounset" => self.nounset = on,
            b"xtrace" => self.xtrace = on,
            b"noglob" => self.noglob = on,
            b"pipefail" => self.pipefail = on,
            b"noclobber" => self.noclobber = on,
            b"errtrace" => self.errtrace = on,
            _ => return false,
        }
        true
    }
}

/// The `shopt` options the interpreter honours (bash's defaults for a non-interactive shell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shopt {
    /// `extglob`: `?(…)` `*(…)` `+(…)` `@(…)` `!(…)` in patterns.
    pub extglob: bool,
    /// `nullglob`: a glob that matches nothing expands to nothing.
    pub nullglob: bool,
    /// `failglob`: a glob that matches nothing is an error.
    pub failglob: bool,
    /// `dotglob`: globs match names starting with `.`.
    pub dotglob: bool,
    /// `globskipdots`: `.` and `..` never match (on by default in bash 5.2).
    pub globskipdots: bool,
    /// `nocaseglob`: pathname expansion ignores case.
    pub nocaseglob: bool,
    /// `nocasematch`: `case`, `[[ == ]]` and `${x/…}` ignore case.
    pub nocasematch: bool,
    /// `globstar`: `**` matches any depth of directories.
    pub globstar: bool,
    /// `lastpipe`: the last stage of a pipeline runs in this shell.
    pub lastpipe: bool,
    /// `expand_aliases`.
    pub expand_aliases: bool,
}

impl Shopt {
    /// Sets the option `shopt NAME` names; `false` for an unknown name.
    pub fn set_by_name(&mut self, name: &[u8], on: bool) -> bool {
        match name {
            b"extglob" => self.extglob = on,
            b"nullglob" => self.nullglob = on,
            b"failglob" => self.failglob = on,
            b"dotglob" => self.dotglob = on,
            b"globskipdots" => self.globskipdots = on,
            b"nocaseglob" => self.nocaseglob = on,
            b"nocasematch" => self.nocasematch = on,
            b"globstar" => self.globstar = on,
            b"lastpipe" => self.lastpipe = on,
            b"expand_aliases" => self.expand_aliases = on,
            _ => return false,
        }
        true
    }
}

impl Default for Shopt {
    fn default() -> Shopt {
        Shopt {
            extglob: false,
            nullglob: false,
            failglob: false,
            dotglob: false,
            globskipdots: true,
            nocaseglob: false,
            nocasematch: false,
            globstar: false,
            lastpipe: false,
            expand_aliases: false,
        }
    }
}

/// Everything a shell carries from one command to the next.
#[derive(Clone, Debug)]
pub struct ShellState {
    /// Variables.
    pub vars: Arc<Variables>,
    /// Functions by name.
    pub functions: Arc<HashMap<Vec<u8>, Arc<FunctionDef>>>,
    /// `$0`.
    pub arg0: Vec<u8>,
    /// `$1`, `$2`, …
    pub positional: Arc<Vec<Vec<u8>>>,
    /// `set` options.
    pub options: Options,
    /// `shopt` options.
    pub shopt: Shopt,
    /// The working directory (`$PWD`).
    pub cwd: VfsPath,
    /// `$?`.
    pub last_status: i32,
    /// `${PIPESTATUS[@]}` of the last pipeline.
    pub pipestatus: Vec<i32>,
    /// How many function calls are active (for `return` and `local`).
    pub call_depth: usize,
    /// How many loops enclose the current command (for `break` and `continue`).
    pub loop_depth: usize,
    /// The line of the command being run (`$LINENO`, and messages).
    pub line: u32,
    /// How many enclosing contexts exempt commands from `set -e` (conditions, the left of
    /// `&&`/`||`, negated pipelines).
    pub errexit_exempt: u32,
    /// The state of `$RANDOM`'s generator (set by assigning `RANDOM`).
    pub random_seed: u32,
    /// Whether the script was read from a file (messages then name the file even inside
    /// functions, where a `-c` string's say `environment`).
    pub script_is_file: bool,
    /// `trap` commands by condition (`EXIT`, `ERR`, `RETURN`, `DEBUG`, signal names).
    pub traps: std::collections::BTreeMap<Vec<u8>, Vec<u8>>,
    /// Background jobs started so far: their process ids (as `$!` shows them) and statuses.
    pub jobs: Vec<(u32, i32)>,
    /// Set while a trap runs, so a trap does not trigger itself.
    pub in_trap: bool,
    /// How many command substitutions enclose the current command (for `set -x`'s prefix).
    pub subst_depth: usize,
    /// Whether this shell is a subshell (`( … )`, `$( … )`, a pipeline stage, a job).
    pub in_subshell: bool,
    /// Command substitutions run so far (an assignment's status depends on whether one ran).
    pub substitutions_run: u64,
    /// Process substitutions of the command being run: the file standing for each, and for
    /// `>(…)` the commands that read it once the command is done.
    pub procsubs: Vec<(vbash_vfs::VfsPath, Option<Arc<vbash_syntax::ast::Program>>)>,
    /// Process substitutions made so far (for unique file names).
    pub procsub_count: u32,
    /// What the builtins keep between commands: aliases, the directory stack, `umask`,
    /// `getopts`' position, the options `shopt` lists but nothing honours yet, the call stack
    /// `caller` reads.
    pub extra: BuiltinState,
}

impl ShellState {
    /// A fresh state with no variables, at `cwd`.
    pub fn new(cwd: VfsPath) -> ShellState {
        ShellState {
            vars: Arc::new(Variables::new()),
            functions: Arc::new(HashMap::new()),
            arg0: b"bash".to_vec(),
            positional: Arc::new(Vec::new()),
            options: Options::default(),
            shopt: Shopt::default(),
            cwd,
            last_status: 0,
            pipestatus: vec![0],
            call_depth: 0,
            loop_depth: 0,
            line: 0,
            errexit_exempt: 0,
            random_seed: 1,
            script_is_file: false,
            traps: Default::default(),
            jobs: Vec::new(),
            in_trap: false,
            subst_depth: 0,
            in_subshell: false,
            substitutions_run: 0,
            procsubs: Vec::new(),
            procsub_count: 0,
            extra: BuiltinState::default(),
        }
    }

    /// `$-`: the letters of the set options, plus `h` and `B` that bash always shows.
    pub fn option_flags(&self) -> Vec<u8> {
        let o = &self.options;
        let mut flags = Vec::new();
        for (on, c) in [
            (o.errexit, b'e'),
            (o.noglob, b'f'),
            (true, b'h'),
            (o.nounset, b'u'),
            (o.xtrace, b'x'),
            (true, b'B'),
            (o.noclobber, b'C'),
            // Bash shows `c` when it runs a `-c` string.
            (!self.script_is_file, b'c'),
        ] {
            if on {
                flags.push(c);
            }
        }
        flags
    }

    /// The next `$RANDOM`: bash 5.2's generator (Park–Miller "minimal standard", the high
    /// and low 15 bits mixed), so a seeded `RANDOM=n` gives bash's sequence.
    pub fn next_random(&mut self) -> u16 {
        let mut x = i64::from(self.random_seed);
        if x == 0 {
            x = 123_459_876;
        }
        let (h, l) = (x / 127_773, x % 127_773);
        let mut t = 16_807 * l - 2_836 * h;
        if t < 0 {
            t += 0x7fff_ffff;
        }
        self.random_seed = t as u32;
        (((t >> 16) ^ t) & 0x7fff) as u16
    }

    /// Whether `extglob` is on.
    pub fn shopt_extglob(&self) -> bool {
        self.shopt.extglob
    }

    /// Whether `nocasematch` is on.
    pub fn shopt_nocasematch(&self) -> bool {
        self.shopt.nocasematch
    }

    /// The variables, for changing (copied first if shared with another shell).
    pub fn vars_mut(&mut self) -> &mut Variables {
        Arc::make_mut(&mut self.vars)
    }

    /// The text of `$name` if set (arrays give element 0).
    pub fn scalar(&self, name: &[u8]) -> Option<&[u8]> {
        self.vars.get(name).and_then(Variable::as_scalar)
    }
}

impl Shopt {
    /// The value of the option `shopt NAME` names, `None` for a name this struct does not hold.
    pub fn get_by_name(&self, name: &[u8]) -> Option<bool> {
        let mut probe = *self;
        // Setting an option to a value it has changes nothing: find the field by flipping it.
        if !probe.set_by_name(name, true) {
            return None;
        }
        Some(probe == *self)
    }
}

/// Aliases by name (`alias NAME=VALUE`); cheap to copy.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Aliases(pub Arc<BTreeMap<Vec<u8>, Vec<u8>>>);

impl vbash_syntax::AliasResolver for Aliases {
    fn resolve(&self, name: &[u8]) -> Option<Vec<u8>> {
        self.0.get(name).cloned()
    }
}

/// One active function call, for `caller` (pushed by the interpreter when it calls a function).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallFrame {
    /// The function's name.
    pub function: Vec<u8>,
    /// The line the call was made from.
    pub line: u32,
    /// The file the call was made from (`main`/`NULL` style names as `caller` prints them).
    pub source: Vec<u8>,
}

/// Where `getopts` stands between calls.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct GetoptsState {
    /// `OPTIND` as `getopts` last set it (a different value means the script reset it).
    pub optind: i64,
    /// The position inside the current option word (`-abc`), 0 when between words.
    pub charindex: usize,
}

/// State kept by the builtins (see [`ShellState::extra`]).
#[derive(Clone, Debug)]
pub struct BuiltinState {
    /// `alias` definitions.
    pub aliases: Aliases,
    /// The directory stack of `pushd`/`popd`/`dirs`, without the current directory (top first).
    pub dir_stack: Vec<Vec<u8>>,
    /// The file-creation mask `umask` shows and sets.
    pub umask: u32,
    /// `getopts`' position.
    pub getopts: GetoptsState,
    /// `shopt` options not in [`Shopt`] and `set -o` options not in [`Options`], with their
    /// values where they differ from bash's defaults.
    pub other_options: BTreeMap<Vec<u8>, bool>,
    /// How many `source`/`.` files are being read (so `return` may end one).
    pub source_depth: usize,
    /// The active function calls, innermost last, for `caller`.
    pub call_stack: Vec<CallFrame>,
}

impl Default for BuiltinState {
    fn default() -> BuiltinState {
        BuiltinState {
            aliases: Aliases::default(),
            dir_stack: Vec::new(),
            umask: 0o022,
            getopts: GetoptsState {
                optind: 1,
                charindex: 0,
            },
            other_options: BTreeMap::new(),
            source_depth: 0,
            call_stack: Vec::new(),
        }
    }
}

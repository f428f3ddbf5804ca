//! The matcher: images of position sets.
//!
//! Matching a sequence of nodes from a set of start positions gives the set of positions where
//! a match can end (forward), and from a set of end positions the set where it can start
//! (backward). Each node maps a set to a set, so there is no backtracking: a plain glob costs
//! one pass over the text per node, and `*` is one interval. Groups recurse into their
//! alternatives; `*(…)` and `+(…)` iterate to a fixed point; `!(…)` is computed per position
//! by its definition (every string that no alternative matches). Every step is counted.

use std::ops::Range;

use super::compile::{Group, GroupOp, Node, Program};
use super::set::PosSet;
use super::text::{fold, Subject};
use super::PatternError;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Dir {
    Forward,
    Backward,
}

/// One matching call: the text, the options that affect it, and the step count.
pub(crate) struct Exec<'a> {
    s: Subject<'a>,
    nocase: bool,
    steps: u64,
    limit: u64,
}

const SLASH: u32 = b'/' as u32;

impl<'a> Exec<'a> {
    /// `used` is the work already done by the same call (so a loop of matches shares one
    /// limit).
    pub fn new(s: Subject<'a>, nocase: bool, limit: u64, used: u64) -> Self {
        Exec {
            s,
            nocase,
            steps: used,
            limit,
        }
    }

    /// The work done so far, including what was passed to [`Exec::new`].
    pub fn steps(&self) -> u64 {
        self.steps
    }

    fn charge(&mut self, n: u64) -> Result<(), PatternError> {
        self.steps = self.steps.saturating_add(n);
        if self.steps > self.limit {
            Err(PatternError::StepLimit { limit: self.limit })
        } else {
            Ok(())
        }
    }

    /// Where matches of `nodes` starting at `start` end.
    pub fn forward_from(&mut self, nodes: &[Node], start: usize) -> Result<PosSet, PatternError> {
        self.seq(nodes, PosSet::point(start), Dir::Forward)
    }

    /// Where matches of `nodes` ending at `end` start.
    pub fn backward_from(&mut self, nodes: &[Node], end: usize) -> Result<PosSet, PatternError> {
        self.seq(nodes, PosSet::point(end), Dir::Backward)
    }

    /// The first character boundary in `set` at or after `from`.
    pub fn first(&self, set: &PosSet, from: usize) -> Option<usize> {
        set.runs().iter().find_map(|&(a, b)| {
            let mut p = a.max(from);
            while p <= b {
                if self.s.is_boundary(p) {
                    return Some(p);
                }
                p += 1;
            }
            None
        })
    }

    /// The last character boundary in `set`.
    pub fn last(&self, set: &PosSet) -> Option<usize> {
        set.runs().iter().rev().find_map(|&(a, b)| {
            let mut p = b;
            loop {
                if self.s.is_boundary(p) {
                    return Some(p);
                }
                if p == a {
                    return None;
                }
                p -= 1;
            }
        })
    }

    /// The leftmost match, longest at its start: first by trying starts one by one (cheap when
    /// most starts fail at once), and if that gets expensive, by one backward pass that finds
    /// every start that has a match.
    pub fn find_leftmost_longest(
        &mut self,
        prog: &Program,
        len: usize,
    ) -> Result<Option<Range<usize>>, PatternError> {
        if let Some(lit) = &prog.literal {
            let found = memchr::memmem::find(self.s.bytes, lit);
            // Charge for the bytes scanned, so that `${x//,/ }` stays linear overall.
            self.charge(found.unwrap_or(len) as u64 / 16 + 1)?;
            return Ok(found.map(|p| p..p + lit.len()));
        }
        let budget = self.steps + 4 * len as u64 + 64;
        let mut p = 0;
        loop {
            let ends = self.forward_from(&prog.nodes, p)?;
            if let Some(e) = self.last(&ends) {
                return Ok(Some(p..e));
            }
            if p >= len {
                return Ok(None);
            }
            p = self.s.next_boundary(p);
            if self.steps > budget {
                break;
            }
        }
        let starts = self.seq(&prog.nodes, PosSet::range(p, len), Dir::Backward)?;
        let Some(start) = self.first(&starts, p) else {
            return Ok(None);
        };
        let ends = self.forward_from(&prog.nodes, start)?;
        Ok(self.last(&ends).map(|e| start..e))
    }

    fn seq(&mut self, nodes: &[Node], set: PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        let mut cur = set;
        for i in 0..nodes.len() {
            if cur.is_empty() {
                break;
            }
            let node = match dir {
                Dir::Forward => &nodes[i],
                Dir::Backward => &nodes[nodes.len() - 1 - i],
            };
            cur = self.node(node, &cur, dir)?;
        }
        Ok(cur)
    }

    fn node(&mut self, node: &Node, set: &PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        self.charge(1)?;
        match node {
            Node::Star => self.star(set, dir),
            Node::Group(group) => self.group(group, set, dir),
            _ => self.single(node, set, dir),
        }
    }

    /// Whether the one-character node accepts character `u` starting at byte `p`.
    fn accepts(&self, node: &Node, u: u32, p: usize) -> bool {
        match node {
            Node::Char(c) => {
                if self.nocase {
                    fold(u, self.s.utf8) == *c
                } else {
                    u == *c
                }
            }
            Node::Exact(c) => u == *c,
            Node::Any => self.wildcard_may_match(u, p),
            Node::Bracket(b) => {
                self.wildcard_may_match(u, p) && b.matches(u, self.s.utf8, self.nocase)
            }
            Node::Star | Node::Group(_) => false,
        }
    }

    /// Whether `?` or a bracket may match character `u` at `p`: never a `/` in pathname mode,
    /// never a protected leading dot.
    fn wildcard_may_match(&self, u: u32, p: usize) -> bool {
        let slash = self.s.pathname && u == SLASH;
        !slash && !self.s.protected(p)
    }

    /// A byte that must start (forward) or end (backward) any character the node accepts,
    /// when there is one: then candidates are found with memchr instead of one by one.
    fn key_byte(&self, node: &Node) -> Option<u8> {
        let c = match node {
            Node::Char(c) if !self.nocase => *c,
            Node::Exact(c) => *c,
            _ => return None,
        };
        if c < 0x80 || (!self.s.utf8 && c < 0x100) {
            Some(c as u8)
        } else {
            None
        }
    }

    /// The image of a one-character node.
    fn single(&mut self, node: &Node, set: &PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        let mut out = PosSet::new();
        let len = self.s.len();
        let key = self.key_byte(node);
        for &(a, b) in set.runs() {
            if let Some(key) = key {
                // The character is the single byte `key`.
                let (lo, hi) = match dir {
                    Dir::Forward => (a, (b + 1).min(len)),
                    Dir::Backward => (a.max(1) - 1, b.min(len)),
                };
                if lo >= hi {
                    continue;
                }
                self.charge((hi - lo) as u64 / 32)?;
                for i in memchr::memchr_iter(key, &self.s.bytes[lo..hi]) {
                    self.charge(1)?;
                    let i = lo + i;
                    match dir {
                        Dir::Forward => out.push(i + 1, i + 1),
                        Dir::Backward => out.push(i, i),
                    }
                }
                continue;
            }
            let mut p = a;
            while p <= b && p <= len {
                if !self.s.is_boundary(p) {
                    p += 1;
                    continue;
                }
                self.charge(1)?;
                match dir {
                    Dir::Forward => {
                        let Some((u, l)) = self.s.char_at(p) else {
                            break;
                        };
                        if self.accepts(node, u, p) {
                            out.push(p + l, p + l);
                        }
                        p += l;
                    }
                    Dir::Backward => {
                        if let Some((u, l)) = self.s.char_before(p) {
                            if self.accepts(node, u, p - l) {
                                out.push(p - l, p - l);
                            }
                        }
                        if p >= len {
                            break;
                        }
                        p = self.s.next_boundary(p);
                    }
                }
            }
        }
        Ok(out)
    }

    /// The image of `*`: every position up to the end (or the next `/`), never starting at a
    /// protected leading dot (bash's `*` fails outright there, even for the empty string).
    fn star(&mut self, set: &PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        let (Some(min), Some(max)) = (set.min(), set.max()) else {
            return Ok(PosSet::new());
        };
        if !self.s.pathname {
            return Ok(match dir {
                Dir::Forward => PosSet::range(min, self.s.len()),
                Dir::Backward => PosSet::range(0, max),
            });
        }
        let mut out = PosSet::new();
        for &(a, b) in set.runs() {
            self.charge(1)?;
            match dir {
                Dir::Forward => {
                    // A protected position is a component start; the runs reached from the
                    // others are contiguous up to the component end.
                    let lo = if self.s.protected(a) { a + 1 } else { a };
                    let hi = if self.s.protected(b) && b > 0 {
                        b - 1
                    } else {
                        b
                    };
                    if lo > hi || lo > b {
                        continue;
                    }
                    out.push(lo, self.s.seg_end(hi).max(hi));
                }
                Dir::Backward => out.push(self.s.seg_start(a), b),
            }
        }
        self.remove_protected(&mut out)?;
        Ok(out)
    }

    /// Drops protected positions (component starts holding a `.`) from `set`.
    fn remove_protected(&mut self, set: &mut PosSet) -> Result<(), PatternError> {
        if !self.s.protect {
            return Ok(());
        }
        let mut hits = Vec::new();
        for &(a, b) in set.runs() {
            if self.s.protected(a) {
                hits.push(a);
            }
            let hi = b.min(self.s.len());
            if a >= hi {
                continue;
            }
            self.charge((hi - a) as u64 / 32)?;
            for i in memchr::memchr_iter(b'/', &self.s.bytes[a..hi]) {
                if self.s.protected(a + i + 1) {
                    hits.push(a + i + 1);
                }
            }
        }
        for p in hits {
            set.remove(p);
        }
        Ok(())
    }

    /// The union of the alternatives' images.
    fn alts(&mut self, group: &Group, set: &PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        let mut out = PosSet::new();
        for alt in &group.alts {
            let image = self.seq(alt, set.clone(), dir)?;
            out = out.union(&image);
        }
        Ok(out)
    }

    fn group(&mut self, group: &Group, set: &PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        match group.op {
            GroupOp::One => self.alts(group, set, dir),
            GroupOp::ZeroOrOne => Ok(set.union(&self.alts(group, set, dir)?)),
            GroupOp::ZeroOrMore => self.closure(group, set.clone(), dir),
            GroupOp::OneOrMore => {
                let once = self.alts(group, set, dir)?;
                self.closure(group, once, dir)
            }
            GroupOp::Not => self.not(group, set, dir),
        }
    }

    /// `set` plus everything reachable from it by repeating the alternatives.
    fn closure(&mut self, group: &Group, set: PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        let mut all = set.clone();
        let mut frontier = set;
        while !frontier.is_empty() {
            let next = self.alts(group, &frontier, dir)?.difference(&all);
            all = all.union(&next);
            frontier = next;
        }
        Ok(all)
    }

    /// `!(…)`: from each position, every reachable position the alternatives cannot reach.
    /// Never at a protected leading dot (bash refuses `!(…)` there).
    fn not(&mut self, group: &Group, set: &PosSet, dir: Dir) -> Result<PosSet, PatternError> {
        let len = self.s.len();
        let mut out = PosSet::new();
        let mut points = Vec::new();
        for &(a, b) in set.runs() {
            let mut p = a;
            while p <= b && p <= len {
                if self.s.is_boundary(p) {
                    points.push(p);
                }
                p += 1;
            }
        }
        self.charge(points.len() as u64)?;
        match dir {
            Dir::Forward => {
                for p in points {
                    // Everything from here on is already in: later starts add nothing new.
                    if out.covers(p, len) {
                        break;
                    }
                    if self.s.protected(p) {
                        continue;
                    }
                    let matched = self.alts(group, &PosSet::point(p), dir)?;
                    let mut reach = PosSet::range(p, len).difference(&matched);
                    self.charge(reach.runs().len() as u64)?;
                    reach = out.union(&reach);
                    out = reach;
                }
            }
            Dir::Backward => {
                for q in points.into_iter().rev() {
                    if out.covers(0, q) {
                        break;
                    }
                    let matched = self.alts(group, &PosSet::point(q), dir)?;
                    let mut reach = PosSet::range(0, q).difference(&matched);
                    self.remove_protected(&mut reach)?;
                    self.charge(reach.runs().len() as u64)?;
                    out = out.union(&reach);
                }
            }
        }
        Ok(out)
    }
}

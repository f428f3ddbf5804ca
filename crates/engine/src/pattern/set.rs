//! Sets of text positions, kept as sorted runs so that `*` (which reaches every position up to
//! the end) costs one interval instead of one entry per position.

/// A set of byte positions: sorted, disjoint, non-touching inclusive intervals. Only the
/// character boundaries inside an interval are members (the matcher never asks about others).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct PosSet {
    runs: Vec<(usize, usize)>,
}

impl PosSet {
    pub fn new() -> Self {
        PosSet { runs: Vec::new() }
    }

    pub fn point(p: usize) -> Self {
        PosSet { runs: vec![(p, p)] }
    }

    pub fn range(a: usize, b: usize) -> Self {
        let mut s = PosSet::new();
        s.push(a, b);
        s
    }

    pub fn runs(&self) -> &[(usize, usize)] {
        &self.runs
    }

    pub fn is_empty(&self) -> bool {
        self.runs.is_empty()
    }

    pub fn min(&self) -> Option<usize> {
        self.runs.first().map(|r| r.0)
    }

    pub fn max(&self) -> Option<usize> {
        self.runs.last().map(|r| r.1)
    }

    pub fn contains(&self, p: usize) -> bool {
        let i = self.runs.partition_point(|r| r.1 < p);
        self.runs.get(i).is_some_and(|r| r.0 <= p)
    }

    /// Whether every position of `a..=b` is in the set.
    pub fn covers(&self, a: usize, b: usize) -> bool {
        let i = self.runs.partition_point(|r| r.1 < a);
        self.runs.get(i).is_some_and(|r| r.0 <= a && r.1 >= b)
    }

    /// Adds `a..=b`, which must not start before the last run starts (the images the matcher
    /// builds come out in ascending order).
    pub fn push(&mut self, a: usize, b: usize) {
        if a > b {
            return;
        }
        if let Some(last) = self.runs.last_mut() {
            debug_assert!(a >= last.0, "PosSet::push out of order");
            if a <= last.1.saturating_add(1) {
                last.1 = last.1.max(b);
                return;
            }
        }
        self.runs.push((a, b));
    }

    pub fn union(&self, other: &PosSet) -> PosSet {
        if other.is_empty() {
            return self.clone();
        }
        if self.is_empty() {
            return other.clone();
        }
        let mut out = PosSet {
            runs: Vec::with_capacity(self.runs.len() + other.runs.len()),
        };
        let (mut i, mut j) = (0, 0);
        while i < self.runs.len() || j < other.runs.len() {
            let take_self =
                j >= other.runs.len() || (i < self.runs.len() && self.runs[i].0 <= other.runs[j].0);
            let r = if take_self {
                i += 1;
                self.runs[i - 1]
            } else {
                j += 1;
                other.runs[j - 1]
            };
            out.push(r.0, r.1);
        }
        out
    }

    /// The positions of `self` not in `other`.
    pub fn difference(&self, other: &PosSet) -> PosSet {
        if other.is_empty() {
            return self.clone();
        }
        let mut out = PosSet::new();
        let mut j = 0;
        for &(a, b) in &self.runs {
            let mut start = a;
            while j < other.runs.len() && other.runs[j].1 < start {
                j += 1;
            }
            let mut k = j;
            while start <= b {
                match other.runs.get(k) {
                    Some(&(oa, ob)) if oa <= b => {
                        if oa > start {
                            out.push(start, oa - 1);
                        }
                        if ob >= b {
                            start = b + 1;
                        } else {
                            start = start.max(ob + 1);
                            k += 1;
                        }
                    }
                    _ => {
                        out.push(start, b);
                        start = b + 1;
                    }
                }
            }
        }
        out
    }

    /// Removes one position (splitting its run).
    pub fn remove(&mut self, p: usize) {
        let i = self.runs.partition_point(|r| r.1 < p);
        let Some(&(a, b)) = self.runs.get(i) else {
            return;
        };
        if p < a {
            return;
        }
        match (p == a, p == b) {
            (true, true) => {
                self.runs.remove(i);
            }
            (true, false) => self.runs[i].0 = p + 1,
            (false, true) => self.runs[i].1 = p - 1,
            (false, false) => {
                self.runs[i].1 = p - 1;
                self.runs.insert(i + 1, (p + 1, b));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(runs: &[(usize, usize)]) -> PosSet {
        let mut s = PosSet::new();
        for &(a, b) in runs {
            s.push(a, b);
        }
        s
    }

    #[test]
    fn push_merges_touching_runs() {
        let s = set(&[(1, 2), (3, 5), (6, 9), (7, 7)]);
        assert_eq!(s.runs(), &[(1, 9)]);
        let s = set(&[(1, 2), (4, 5)]);
        assert_eq!(s.runs(), &[(1, 2), (4, 5)]);
    }

    #[test]
    fn union_and_difference() {
        let a = set(&[(0, 3), (10, 12)]);
        let b = set(&[(2, 5), (8, 8), (12, 20)]);
        assert_eq!(a.union(&b).runs(), &[(0, 5), (8, 8), (10, 20)]);
        assert_eq!(a.difference(&b).runs(), &[(0, 1), (10, 11)]);
        assert_eq!(b.difference(&a).runs(), &[(4, 5), (8, 8), (13, 20)]);
        let c = set(&[(0, 20)]);
        let holes = set(&[(3, 3), (5, 6), (20, 25)]);
        assert_eq!(c.difference(&holes).runs(), &[(0, 2), (4, 4), (7, 19)]);
    }

    #[test]
    fn membership() {
        let mut s = set(&[(2, 4), (8, 9)]);
        assert!(s.contains(3) && s.contains(8) && !s.contains(5) && !s.contains(10));
        assert!(s.covers(2, 4) && !s.covers(2, 8));
        s.remove(3);
        assert_eq!(s.runs(), &[(2, 2), (4, 4), (8, 9)]);
        s.remove(8);
        s.remove(2);
        assert_eq!(s.runs(), &[(4, 4), (9, 9)]);
    }
}

//! The intermediate form of word expansion: pieces of text that remember whether they were
//! quoted and whether they came from an expansion, then split into fields by `IFS`.

/// A run of expanded text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Piece {
    /// The bytes.
    pub text: Vec<u8>,
    /// Quoted text: never split, and literal in patterns.
    pub quoted: bool,
    /// The result of an unquoted expansion: split by `IFS` (and globbed).
    pub split: bool,
}

/// A word being expanded: pieces, with forced field breaks where `"$@"` separates its
/// elements.
#[derive(Clone, Debug, Default)]
pub struct Expansion {
    /// The pieces; [`Expansion::BREAK`]-marked entries separate fields.
    pub items: Vec<Item>,
}

/// One entry of an [`Expansion`].
#[derive(Clone, Debug)]
pub enum Item {
    /// Text.
    Piece(Piece),
    /// A field boundary from `"$@"` / `"${a[@]}"`.
    Break,
    /// A quoted expansion that produced nothing but still makes the word count (`""`).
    QuotedEmpty,
}

impl Expansion {
    /// Appends literal source text (unquoted, not split, glob-active).
    pub fn literal(&mut self, text: &[u8]) {
        self.push(text, false, false);
    }

    /// Appends quoted text.
    pub fn quoted(&mut self, text: &[u8]) {
        if text.is_empty() {
            self.items.push(Item::QuotedEmpty);
        } else {
            self.push(text, true, false);
        }
    }

    /// Appends the result of an expansion, quoted or not.
    pub fn expanded(&mut self, text: &[u8], quoted: bool) {
        if quoted {
            self.quoted(text);
        } else {
            self.push(text, false, true);
        }
    }

    /// Starts a new field (between `"$@"` elements).
    pub fn field_break(&mut self) {
        self.items.push(Item::Break);
    }

    fn push(&mut self, text: &[u8], quoted: bool, split: bool) {
        if let Some(Item::Piece(p)) = self.items.last_mut() {
            if p.quoted == quoted && p.split == split {
                p.text.extend_from_slice(text);
                return;
            }
        }
        self.items.push(Item::Piece(Piece {
            text: text.to_vec(),
            quoted,
            split,
        }));
    }

    /// All the text, ignoring quoting and breaks (for assignments and other places where bash
    /// neither splits nor globs; `"$@"` elements are joined with spaces).
    pub fn joined(&self) -> Vec<u8> {
        let mut out = Vec::new();
        for item in &self.items {
            match item {
                Item::Piece(p) => out.extend_from_slice(&p.text),
                Item::Break => out.push(b' '),
                Item::QuotedEmpty => {}
            }
        }
        out
    }

    /// Splits into fields by `ifs`, as bash does after expansion. Each field keeps its pieces
    /// so the caller can glob the unquoted parts.
    pub fn split(self, ifs: &[u8]) -> Vec<Vec<Piece>> {
        let is_ws = |c: u8| matches!(c, b' ' | b'\t' | b'\n') && ifs.contains(&c);
        let mut fields: Vec<Vec<Piece>> = Vec::new();
        let mut cur: Vec<Piece> = Vec::new();
        // Whether `cur` is a field even if empty (it holds quoted or literal text).
        let mut cur_counts = false;
        for item in self.items {
            match item {
                Item::Break => {
                    // An element that expanded to nothing unquoted makes no field.
                    if cur_counts || !cur.is_empty() {
                        fields.push(std::mem::take(&mut cur));
                    }
                    cur_counts = false;
                }
                Item::QuotedEmpty => cur_counts = true,
                Item::Piece(p) if !p.split || ifs.is_empty() => {
                    cur_counts = true;
                    cur.push(p);
                }
                Item::Piece(p) => {
                    let mut word: Vec<u8> = Vec::new();
                    let text = p.text;
                    let mut i = 0;
                    while i < text.len() {
                        let c = text[i];
                        if !ifs.contains(&c) {
                            word.push(c);
                            i += 1;
                            continue;
                        }
                        // A delimiter: whitespace runs count once; a non-whitespace IFS byte
                        // (with the whitespace around it) is one delimiter.
                        let mut j = i;
                        while j < text.len() && is_ws(text[j]) {
                            j += 1;
                        }
                        let mut hard = false;
                        if j < text.len() && ifs.contains(&text[j]) && !is_ws(text[j]) {
                            hard = true;
                            j += 1;
                            while j < text.len() && is_ws(text[j]) {
                                j += 1;
                            }
                        }
                        if !word.is_empty() {
                            cur.push(Piece {
                                text: std::mem::take(&mut word),
                                quoted: false,
                                split: true,
                            });
                            cur_counts = true;
                        }
                        if cur_counts || hard {
                            fields.push(std::mem::take(&mut cur));
                        }
                        cur_counts = false;
                        i = j;
                    }
                    if !word.is_empty() {
                        cur.push(Piece {
                            text: word,
                            quoted: false,
                            split: true,
                        });
                        cur_counts = true;
                    }
                }
            }
        }
        if cur_counts || !cur.is_empty() {
            fields.push(cur);
        }
        fields
    }
}

/// The bytes of a field's pieces.
pub fn field_text(pieces: &[Piece]) -> Vec<u8> {
    pieces.iter().flat_map(|p| p.text.iter().copied()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(e: Expansion, ifs: &[u8]) -> Vec<String> {
        e.split(ifs)
            .iter()
            .map(|f| String::from_utf8(field_text(f)).unwrap())
            .collect()
    }

    #[test]
    fn splits_like_bash() {
        // printf "[%s]" $x for x="  a  b  " → [a][b]
        let mut e = Expansion::default();
        e.expanded(b"  a  b  ", false);
        assert_eq!(fields(e, b" \t\n"), ["a", "b"]);
        // IFS=: x="a::b:" → [a][][b]
        let mut e = Expansion::default();
        e.expanded(b"a::b:", false);
        assert_eq!(fields(e, b":"), ["a", "", "b"]);
        // ""$x"" with x="  a  b  " → [][a][b][] in bash
        let mut e = Expansion::default();
        e.quoted(b"");
        e.expanded(b"  a  b  ", false);
        e.quoted(b"");
        assert_eq!(fields(e, b" \t\n"), ["", "a", "b", ""]);
        // An empty unquoted expansion vanishes; a quoted empty one stays.
        let mut e = Expansion::default();
        e.expanded(b"", false);
        assert!(fields(e, b" ").is_empty());
        let mut e = Expansion::default();
        e.quoted(b"");
        assert_eq!(fields(e, b" "), [""]);
    }
}

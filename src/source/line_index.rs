//! Byte offsets → 1-based line and column, computed once per file.

/// Start offsets of every line, so a lookup is a binary search.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    line_starts: Vec<usize>,
}

/// A 1-based line and column; the column counts characters, not bytes, so it
/// matches what an editor shows for Danish text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct LineCol {
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        // memchr finds the line ends with SIMD, many bytes a step; every file is indexed.
        let line_starts = std::iter::once(0)
            .chain(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1))
            .collect();
        Self { line_starts }
    }

    /// 0-based line number holding `offset`.
    pub(crate) fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next.saturating_sub(1),
        }
    }

    pub(crate) fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text[start..offset].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte range of the 0-based `line`, without its line ending (`\n` or `\r\n`).
    pub(crate) fn line_span(&self, text: &str, line: usize) -> std::ops::Range<usize> {
        let start = self.line_starts.get(line).copied().unwrap_or(text.len());
        let end = self
            .line_starts
            .get(line + 1)
            .map_or(text.len(), |next| next - 1);
        let end = if end > start && text.as_bytes().get(end - 1) == Some(&b'\r') {
            end - 1
        } else {
            end
        };
        start..end.max(start)
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while offset > 0 && !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_and_ignore_crlf() {
        let text = "ab\r\næøå x\r\nlast";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.line_col(text, x), LineCol { line: 2, column: 5 });
        assert_eq!(&text[index.line_span(text, 1)], "æøå x");
        assert_eq!(&text[index.line_span(text, 2)], "last");
        assert_eq!(index.line_col(text, text.len()).line, 3);
    }
}

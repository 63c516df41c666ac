//! The Markdown being written: front matter lines and each template section's blocks, kept
//! apart until the end so that sections can be filled in any order (the older template puts
//! *Nyt siden sidst* last, yet its marks go on the recommendations). Writing it out gives
//! every finding's anchor its line.

use rustc_hash::FxHashMap;

use super::finding::Anchor;
use super::headings::TEMPLATE;

#[derive(Debug, Default)]
pub(super) struct Draft {
    front_matter: Vec<(Option<&'static str>, String)>,
    sections: [Vec<(usize, String)>; 9],
    next_block: usize,
}

/// The written text and the line (1-based) of every anchor in it.
pub(super) struct Written {
    pub(crate) text: String,
    pub(crate) lines: FxHashMap<Anchor, usize>,
}

impl Draft {
    /// A front matter line; `key` names it for findings about that value.
    pub(super) fn front_line(&mut self, key: Option<&'static str>, line: impl Into<String>) {
        self.front_matter.push((key, line.into()));
    }

    /// An id for a block not yet written, so findings met while converting it can point at
    /// it.
    pub(super) fn reserve(&mut self) -> usize {
        self.next_block += 1;
        self.next_block
    }

    /// A block of Markdown (one or more lines, no blank line at its ends) in a section.
    pub(super) fn push(&mut self, section: usize, id: usize, markdown: String) {
        if let Some(blocks) = self.sections.get_mut(section) {
            blocks.push((id, markdown));
        }
    }

    pub(super) fn write(&self) -> Written {
        let mut text = String::from("+++\n");
        let mut lines = FxHashMap::default();
        let mut line = 2;
        for (key, value) in &self.front_matter {
            if let Some(key) = key {
                lines.entry(Anchor::Key(key)).or_insert(line);
            }
            text.push_str(value);
            text.push('\n');
            line += 1;
        }
        text.push_str("+++\n");
        line += 1;
        for (index, (title, blocks)) in TEMPLATE.iter().zip(&self.sections).enumerate() {
            text.push('\n');
            line += 1;
            lines.insert(Anchor::Section(index), line);
            text.push_str("# ");
            text.push_str(title);
            text.push('\n');
            line += 1;
            for (id, block) in blocks {
                text.push('\n');
                line += 1;
                lines.insert(Anchor::Block(*id), line);
                text.push_str(block);
                text.push('\n');
                line += block.matches('\n').count() + 1;
            }
        }
        Written { text, lines }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_get_their_lines() {
        let mut draft = Draft::default();
        draft.front_line(Some("title"), "title = \"T\"");
        let id = draft.reserve();
        draft.push(2, id, "To\nlinjer".to_owned());
        let later = draft.reserve();
        draft.push(2, later, "Efter".to_owned());
        let written = draft.write();
        let text_lines: Vec<&str> = written.text.lines().collect();
        let at = |anchor| text_lines[written.lines[&anchor] - 1];
        assert_eq!(at(Anchor::Key("title")), "title = \"T\"");
        assert_eq!(at(Anchor::Block(id)), "To");
        assert_eq!(at(Anchor::Block(later)), "Efter");
        assert_eq!(
            at(Anchor::Section(8)),
            "# 8. Om denne kliniske retningslinje"
        );
    }
}

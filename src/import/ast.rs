//! The parts of pandoc's JSON AST (pandoc-types API 1.22, as pandoc 2.11–2.19 write it; 1.23
//! adds `Figure`) that the importer reads. Values it never looks at are `IgnoredAny`, or `()`
//! read by [`skip`] where a tuple needs the place kept, so a field we do not need cannot make
//! a document unreadable.
//!
//! Our own types rather than the `pandoc_ast` crate: its 0.8 line models API 1.22 too, but
//! as a mutable tree for filters, and it has no `Figure` (pandoc 3).

use serde::Deserialize;
use serde::de::IgnoredAny;

/// Reads any value and keeps nothing: pandoc's arrays are positional, so a value retning
/// never reads (an element's attributes, say) still holds its place as a `()` field.
fn skip<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<(), D::Error> {
    IgnoredAny::deserialize(deserializer).map(|_| ())
}

/// The API versions these types read.
pub(crate) const SUPPORTED_API: [[u32; 2]; 2] = [[1, 22], [1, 23]];

#[derive(Debug, Deserialize)]
pub(crate) struct Document {
    #[serde(rename = "pandoc-api-version")]
    pub(crate) api_version: Vec<u32>,
    pub(crate) meta: Meta,
    pub(crate) blocks: Vec<Block>,
}

/// Only the title: a Word paragraph in the "Title" style becomes `meta.title`.
#[derive(Debug, Default, Deserialize)]
pub(crate) struct Meta {
    #[serde(default)]
    pub(crate) title: Option<MetaValue>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "t", content = "c")]
pub(crate) enum MetaValue {
    MetaInlines(Vec<Inline>),
    MetaString(String),
    #[serde(other)]
    Other,
}

/// `(identifier, classes, key-value pairs)`.
pub(crate) type Attr = (String, Vec<String>, Vec<(String, String)>);

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "t", content = "c")]
#[allow(
    clippy::enum_variant_names,
    reason = "pandoc's constructor names, which serde matches"
)]
pub(crate) enum Block {
    Plain(Vec<Inline>),
    Para(Vec<Inline>),
    LineBlock(Vec<Vec<Inline>>),
    CodeBlock(#[serde(deserialize_with = "skip")] (), String),
    RawBlock(String, String),
    BlockQuote(Vec<Block>),
    OrderedList(ListAttributes, Vec<Vec<Block>>),
    BulletList(Vec<Vec<Block>>),
    DefinitionList(Vec<(Vec<Inline>, Vec<Vec<Block>>)>),
    Header(u8, #[serde(deserialize_with = "skip")] (), Vec<Inline>),
    HorizontalRule,
    Table(Box<Table>),
    Figure(
        #[serde(deserialize_with = "skip")] (),
        #[serde(deserialize_with = "skip")] (),
        Vec<Block>,
    ),
    Div(Attr, Vec<Block>),
    Null,
}

/// `(start number, number style, delimiter)`.
pub(crate) type ListAttributes = (i64, IgnoredAny, IgnoredAny);

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Table(
    #[serde(deserialize_with = "skip")] (),
    pub Caption,
    #[serde(deserialize_with = "skip")] (),
    pub TableHead,
    pub Vec<TableBody>,
    pub TableFoot,
);

/// `(short caption, caption blocks)`.
pub(crate) type Caption = (Option<IgnoredAny>, Vec<Block>);

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TableHead(#[serde(deserialize_with = "skip")] (), pub Vec<Row>);

/// `(attr, row-head columns, intermediate head rows, body rows)`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TableBody(
    #[serde(deserialize_with = "skip")] (),
    pub IgnoredAny,
    pub Vec<Row>,
    pub Vec<Row>,
);

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct TableFoot(#[serde(deserialize_with = "skip")] (), pub Vec<Row>);

#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Row(#[serde(deserialize_with = "skip")] (), pub Vec<Cell>);

/// `(attr, alignment, row span, column span, content)`.
#[derive(Debug, Clone, Deserialize)]
pub(crate) struct Cell(
    #[serde(deserialize_with = "skip")] (),
    pub IgnoredAny,
    pub u32,
    pub u32,
    pub Vec<Block>,
);

impl Cell {
    pub(crate) fn row_span(&self) -> u32 {
        self.2.max(1)
    }
    pub(crate) fn col_span(&self) -> u32 {
        self.3.max(1)
    }
    pub(crate) fn blocks(&self) -> &[Block] {
        &self.4
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "t", content = "c")]
#[allow(
    clippy::enum_variant_names,
    reason = "pandoc's constructor names, which serde matches"
)]
pub(crate) enum Inline {
    Str(String),
    Emph(Vec<Inline>),
    Underline(Vec<Inline>),
    Strong(Vec<Inline>),
    Strikeout(Vec<Inline>),
    Superscript(Vec<Inline>),
    Subscript(Vec<Inline>),
    SmallCaps(Vec<Inline>),
    Quoted(QuoteType, Vec<Inline>),
    Cite(IgnoredAny, Vec<Inline>),
    Code(#[serde(deserialize_with = "skip")] (), String),
    Space,
    SoftBreak,
    LineBreak,
    Math(IgnoredAny, String),
    RawInline(String, String),
    Link(#[serde(deserialize_with = "skip")] (), Vec<Inline>, Target),
    Image(Attr, Vec<Inline>, Target),
    Note(Vec<Block>),
    Span(#[serde(deserialize_with = "skip")] (), Vec<Inline>),
}

/// `(url, title)`.
pub(crate) type Target = (String, String);

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(tag = "t")]
pub(crate) enum QuoteType {
    SingleQuote,
    DoubleQuote,
}

impl Document {
    pub(crate) fn is_supported_api(&self) -> bool {
        SUPPORTED_API
            .iter()
            .any(|[major, minor]| self.api_version.starts_with(&[*major, *minor]))
    }

    /// The text of a "Title"-style paragraph, if the document has one.
    pub(crate) fn title(&self) -> Option<String> {
        match self.meta.title.as_ref()? {
            MetaValue::MetaInlines(inlines) => Some(super::inlines::plain(inlines)),
            MetaValue::MetaString(text) => Some(text.clone()),
            MetaValue::Other => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_a_table_with_spans() {
        let json = r#"{"pandoc-api-version":[1,22,2,1],"meta":{},"blocks":[
          {"t":"Table","c":[["",[],[]],[null,[]],[[{"t":"AlignDefault"},{"t":"ColWidthDefault"}]],
            [["",[],[]],[]],
            [[["",[],[]],0,[],[[["",[],[]],[[["",[],[]],{"t":"AlignDefault"},2,1,[{"t":"Plain","c":[{"t":"Str","c":"x"}]}]]]]]]],
            [["",[],[]],[]]]},
          {"t":"HorizontalRule"}]}"#;
        let doc: Document = serde_json::from_str(json).unwrap();
        assert!(doc.is_supported_api());
        let Block::Table(table) = &doc.blocks[0] else {
            panic!("not a table: {:?}", doc.blocks[0]);
        };
        let cell = &table.4[0].3[0].1[0];
        assert_eq!((cell.row_span(), cell.col_span()), (2, 1));
        assert!(matches!(doc.blocks[1], Block::HorizontalRule));
    }
}

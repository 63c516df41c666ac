//! The parts of pandoc's JSON AST (pandoc-types API 1.22, as pandoc 2.11–2.19 write it; 1.23
//! adds `Figure`) that the importer reads. Values it never looks at are `IgnoredAny`, so a
//! field we do not need cannot make a document unreadable.
//!
//! Our own types rather than the `pandoc_ast` crate: its 0.8 line models API 1.22 too, but
//! as a mutable tree for filters, and it has no `Figure` (pandoc 3).

use serde::Deserialize;
use serde::de::IgnoredAny;

/// The API versions these types read.
pub const SUPPORTED_API: [[u32; 2]; 2] = [[1, 22], [1, 23]];

#[derive(Debug, Deserialize)]
pub struct Document {
    #[serde(rename = "pandoc-api-version")]
    pub api_version: Vec<u32>,
    pub meta: Meta,
    pub blocks: Vec<Block>,
}

/// Only the title: a Word paragraph in the "Title" style becomes `meta.title`.
#[derive(Debug, Default, Deserialize)]
pub struct Meta {
    #[serde(default)]
    pub title: Option<MetaValue>,
}

#[derive(Debug, Deserialize)]
#[serde(tag = "t", content = "c")]
pub enum MetaValue {
    MetaInlines(Vec<Inline>),
    MetaString(String),
    #[serde(other)]
    Other,
}

/// `(identifier, classes, key-value pairs)`.
pub type Attr = (String, Vec<String>, Vec<(String, String)>);

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "t", content = "c")]
pub enum Block {
    Plain(Vec<Inline>),
    Para(Vec<Inline>),
    LineBlock(Vec<Vec<Inline>>),
    CodeBlock(Attr, String),
    RawBlock(String, String),
    BlockQuote(Vec<Block>),
    OrderedList(ListAttributes, Vec<Vec<Block>>),
    BulletList(Vec<Vec<Block>>),
    DefinitionList(Vec<(Vec<Inline>, Vec<Vec<Block>>)>),
    Header(u8, Attr, Vec<Inline>),
    HorizontalRule,
    Table(Box<Table>),
    Figure(Attr, Caption, Vec<Block>),
    Div(Attr, Vec<Block>),
    Null,
}

/// `(start number, number style, delimiter)`.
pub type ListAttributes = (i64, IgnoredAny, IgnoredAny);

#[derive(Debug, Clone, Deserialize)]
pub struct Table(
    pub Attr,
    pub Caption,
    pub Vec<IgnoredAny>,
    pub TableHead,
    pub Vec<TableBody>,
    pub TableFoot,
);

/// `(short caption, caption blocks)`.
pub type Caption = (Option<IgnoredAny>, Vec<Block>);

#[derive(Debug, Clone, Deserialize)]
pub struct TableHead(pub Attr, pub Vec<Row>);

/// `(attr, row-head columns, intermediate head rows, body rows)`.
#[derive(Debug, Clone, Deserialize)]
pub struct TableBody(pub Attr, pub IgnoredAny, pub Vec<Row>, pub Vec<Row>);

#[derive(Debug, Clone, Deserialize)]
pub struct TableFoot(pub Attr, pub Vec<Row>);

#[derive(Debug, Clone, Deserialize)]
pub struct Row(pub Attr, pub Vec<Cell>);

/// `(attr, alignment, row span, column span, content)`.
#[derive(Debug, Clone, Deserialize)]
pub struct Cell(pub Attr, pub IgnoredAny, pub u32, pub u32, pub Vec<Block>);

impl Cell {
    pub fn row_span(&self) -> u32 {
        self.2.max(1)
    }
    pub fn col_span(&self) -> u32 {
        self.3.max(1)
    }
    pub fn blocks(&self) -> &[Block] {
        &self.4
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "t", content = "c")]
pub enum Inline {
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
    Code(Attr, String),
    Space,
    SoftBreak,
    LineBreak,
    Math(IgnoredAny, String),
    RawInline(String, String),
    Link(Attr, Vec<Inline>, Target),
    Image(Attr, Vec<Inline>, Target),
    Note(Vec<Block>),
    Span(Attr, Vec<Inline>),
}

/// `(url, title)`.
pub type Target = (String, String);

#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(tag = "t")]
pub enum QuoteType {
    SingleQuote,
    DoubleQuote,
}

impl Document {
    pub fn is_supported_api(&self) -> bool {
        SUPPORTED_API
            .iter()
            .any(|[major, minor]| self.api_version.starts_with(&[*major, *minor]))
    }

    /// The text of a "Title"-style paragraph, if the document has one.
    pub fn title(&self) -> Option<String> {
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

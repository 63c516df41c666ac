//! The front page → the front matter: title, version, both approvals with date and body, the
//! planned revision, keywords ("INDEKSERING"), the template version and the group, checked
//! against `--group`. Imports are always drafts.

use super::ast::Block;
use super::convert::Converter;
use super::dates::{self, DateRead};
use super::finding::{Anchor, Finding, WordPlace};
use super::inlines::plain;
use super::outline::Item;
use super::patterns::{PARENTHESISED, TEMPLATE_VERSION, VERSION};
use crate::diagnostics::{Message, codes, message};
use crate::model::Author;

/// A value read from the front page and where it stood.
#[derive(Debug, Clone)]
pub(super) struct Field {
    pub(crate) text: String,
    pub(crate) place: WordPlace,
}

#[derive(Debug, Default)]
pub(super) struct FrontPage {
    pub(crate) title: Option<Field>,
    /// The title was not marked as one; the first paragraph was taken.
    pub(crate) title_guessed: bool,
    pub(crate) version: Option<Field>,
    pub(crate) professional: Option<Field>,
    pub(crate) administrative: Option<Field>,
    pub(crate) planned: Option<Field>,
    pub(crate) keywords: Option<Field>,
    pub(crate) template_version: Option<Field>,
    /// Front page paragraphs that are none of the above.
    pub(crate) unused: Vec<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Label {
    Professional,
    Administrative,
    Planned,
    Keywords,
    /// Words of the template's layout with no value of their own.
    Layout,
}

fn label(text: &str) -> Option<(Label, &str)> {
    const LABELS: [(&str, Label); 8] = [
        ("faglig godkendelse", Label::Professional),
        ("administrativ godkendelse", Label::Administrative),
        ("planlagt", Label::Planned),
        ("indeksering", Label::Keywords),
        ("godkendt", Label::Layout),
        ("revision", Label::Layout),
        ("kliniske retningslinjer", Label::Layout),
        ("klinisk retningslinje", Label::Layout),
    ];
    let lower = text.to_lowercase();
    LABELS.iter().find_map(|(prefix, label)| {
        lower.starts_with(prefix).then(|| {
            let rest = text.get(prefix.len()..).unwrap_or_default();
            (
                *label,
                rest.trim_start_matches([':', '-', '–', ' ', '|']).trim(),
            )
        })
    })
}

/// A front page paragraph's text (a list's items joined by commas, for keywords).
fn item_text(block: &Block) -> Option<String> {
    match block {
        Block::Para(inlines) | Block::Plain(inlines) | Block::Header(_, _, inlines) => {
            Some(plain(inlines))
        }
        Block::BulletList(items) => Some(
            items
                .iter()
                .map(|item| super::inlines::blocks_plain(item))
                .collect::<Vec<_>>()
                .join(", "),
        ),
        _ => None,
    }
}

pub(super) fn read(items: &[Item], meta_title: Option<String>, everything: &[&Item]) -> FrontPage {
    let mut front = FrontPage::default();
    if let Some(title) = meta_title.filter(|t| !t.is_empty()) {
        let place = items.first().map(|i| i.place.clone()).unwrap_or_default();
        front.title = Some(Field { text: title, place });
    }
    let mut index = 0;
    while index < items.len() {
        let item = &items[index];
        index += 1;
        let Some(text) = item_text(&item.block).filter(|t| !t.is_empty()) else {
            continue;
        };
        let field = |text: String, place: &WordPlace| Field {
            text,
            place: place.clone(),
        };
        if let Some(captures) = VERSION.captures(&text) {
            front.version = Some(field(captures[1].to_owned(), &item.place));
            continue;
        }
        if TEMPLATE_VERSION.is_match(&text) {
            continue;
        }
        if let Some((label, rest)) = label(&text) {
            let mut value = rest.to_owned();
            // The value stands on the next line when the label has none of its own.
            if value.is_empty()
                && label != Label::Layout
                && let Some(next) = items.get(index)
                && let Some(next_text) = item_text(&next.block)
                && label_of(&next_text).is_none()
            {
                value = next_text;
                index += 1;
            }
            let value = Some(field(value, &item.place));
            match label {
                Label::Professional => front.professional = value,
                Label::Administrative => front.administrative = value,
                Label::Planned => front.planned = value,
                Label::Keywords => front.keywords = value,
                Label::Layout => {}
            }
            continue;
        }
        if front.title.is_none() {
            front.title_guessed = !matches!(item.block, Block::Header(..));
            front.title = Some(field(text, &item.place));
            continue;
        }
        front.unused.push(field(text, &item.place));
    }
    front.template_version = everything.iter().find_map(|item| {
        let text = item_text(&item.block)?;
        let captures = TEMPLATE_VERSION.captures(&text)?;
        Some(Field {
            text: captures[1].to_owned(),
            place: item.place.clone(),
        })
    });
    front
}

fn label_of(text: &str) -> Option<Label> {
    label(text).map(|(label, _)| label)
}

/// A TOML basic string, quoted and escaped.
pub(super) fn toml_string(value: &str) -> String {
    toml::Value::String(value.to_owned()).to_string()
}

/// What the front matter needs besides the front page.
pub(super) struct Context<'a> {
    pub(crate) group: &'a str,
    /// The group's name in `retning.toml`, for "Faglig godkendelse … (DLG)".
    pub(crate) group_name: &'a str,
    pub(crate) grading: Option<&'static str>,
    pub(crate) authors: &'a [Author],
}

impl Converter {
    pub(super) fn write_front_matter(&mut self, front: &FrontPage, context: &Context<'_>) {
        self.required("title", front.title.as_ref());
        if let Some(title) = &front.title
            && front.title_guessed
        {
            self.findings.push(
                Finding::warning(
                    codes::import::TITLE_GUESSED,
                    message!("import-title-guessed", title = title.text.as_str()),
                )
                .in_word(&title.place)
                .at(Anchor::Key("title")),
            );
        }
        self.required("version", front.version.as_ref());
        self.draft.front_line(None, "status = \"draft\"");
        self.required("template_version", front.template_version.as_ref());
        match context.grading {
            Some(grading) => self
                .draft
                .front_line(Some("grading"), format!("grading = \"{grading}\"")),
            None => self.findings.push(Finding::error(
                codes::import::MISSING_FIELD,
                message!("import-missing-field-grading"),
            )),
        }
        self.keywords(front.keywords.as_ref());
        self.write_aliases(context.group);
        self.draft.front_line(None, "");
        self.draft.front_line(None, "[approval]");
        self.approval(
            "approval.professional",
            "professional",
            "Faglig godkendelse",
            front.professional.as_ref(),
            context,
        );
        self.approval(
            "approval.administrative",
            "administrative",
            "Administrativ godkendelse",
            front.administrative.as_ref(),
            context,
        );
        self.draft.front_line(None, "");
        self.draft.front_line(None, "[revision]");
        let (value, finding) = date_value(front.planned.as_ref(), "planned");
        self.draft
            .front_line(Some("revision.planned"), format!("planned = {value}"));
        if let Some(finding) = finding {
            self.findings
                .push(finding.at(Anchor::Key("revision.planned")));
        }
        for author in context.authors {
            self.author(author);
        }
    }

    /// A string key; a missing value is a finding and the key is left out, so that
    /// `retning check` keeps reporting it until someone fills it in.
    /// `title`, `version` or `template_version`, which the catalogue names as the front page
    /// shows them.
    fn required(&mut self, key: &'static str, field: Option<&Field>) {
        match field {
            Some(field) => self
                .draft
                .front_line(Some(key), format!("{key} = {}", toml_string(&field.text))),
            None => self.findings.push(Finding::error(
                codes::import::MISSING_FIELD,
                message!("import-missing-field", key = key),
            )),
        }
    }

    fn keywords(&mut self, field: Option<&Field>) {
        let Some(field) = field else {
            self.findings.push(
                Finding::warning(
                    codes::import::MISSING_FIELD,
                    message!("import-missing-field-keywords"),
                )
                .at(Anchor::Key("keywords")),
            );
            self.draft.front_line(Some("keywords"), "keywords = []");
            return;
        };
        let words: Vec<String> = field
            .text
            .split([',', ';'])
            .map(str::trim)
            .filter(|w| !w.is_empty())
            .map(toml_string)
            .collect();
        self.draft.front_line(
            Some("keywords"),
            format!("keywords = [{}]", words.join(", ")),
        );
    }

    fn approval(
        &mut self,
        key: &'static str,
        name: &str,
        label: &str,
        field: Option<&Field>,
        context: &Context<'_>,
    ) {
        let Some(field) = field else {
            self.findings.push(
                Finding::warning(
                    codes::import::MISSING_FIELD,
                    message!("import-missing-field-approval", label = label, key = key),
                )
                .at(Anchor::Section(0)),
            );
            return;
        };
        let body = PARENTHESISED
            .captures(&field.text)
            .map(|c| c[1].trim().to_owned());
        // The date alone, without the body after it, for the report.
        let date_only = Field {
            text: PARENTHESISED.replace(&field.text, "").trim().to_owned(),
            place: field.place.clone(),
        };
        let (date, finding) = date_value(Some(&date_only), label);
        let by = match body.as_deref() {
            Some(code) if name == "professional" => {
                if code.eq_ignore_ascii_case(context.group) {
                    context.group_name.to_owned()
                } else {
                    self.findings.push(
                        Finding::warning(
                            codes::import::GROUP_MISMATCH,
                            message!("import-group-mismatch", named = code, group = context.group),
                        )
                        .in_word(&field.place)
                        .at(Anchor::Key(key)),
                    );
                    code.to_owned()
                }
            }
            Some(body) => body.to_owned(),
            None => {
                self.findings.push(
                    Finding::warning(
                        codes::import::MISSING_FIELD,
                        message!("import-missing-field-approving-body", label = label),
                    )
                    .in_word(&field.place)
                    .at(Anchor::Key(key)),
                );
                String::new()
            }
        };
        self.draft.front_line(
            Some(key),
            format!("{name} = {{ date = {date}, by = {} }}", toml_string(&by)),
        );
        if let Some(finding) = finding {
            self.findings
                .push(finding.in_word(&field.place).at(Anchor::Key(key)));
        }
    }

    fn author(&mut self, author: &Author) {
        self.draft.front_line(None, "");
        self.draft.front_line(Some("authors"), "[[authors]]");
        self.draft
            .front_line(None, format!("name = {}", toml_string(&author.name)));
        for (key, value) in [
            ("title", &author.title),
            ("affiliation", &author.affiliation),
            ("conflicts", &author.conflicts),
        ] {
            if let Some(value) = value {
                self.draft
                    .front_line(None, format!("{key} = {}", toml_string(value)));
            }
        }
    }
}

/// The TOML value for a date and the finding when it cannot be read with certainty. A date
/// that is not complete is written as a string, which `retning check` reports until someone
/// writes the real date. `field` is the front page's label, or `planned` for the planned
/// revision (the catalogue names it).
fn date_value(field: Option<&Field>, label: &str) -> (String, Option<Finding>) {
    let text = field.map_or("", |f| f.text.as_str());
    let place = field.map(|f| f.place.clone()).unwrap_or_default();
    let incomplete = |value: String, message: Message| {
        let message = message.arg("field", label).arg("text", text.trim());
        (
            value,
            Some(Finding::error(codes::import::DATE_INCOMPLETE, message).in_word(&place)),
        )
    };
    match dates::read(text) {
        DateRead::Exact(date) => (date.to_string(), None),
        DateRead::Irregular(date) => (
            date.to_string(),
            Some(
                Finding::warning(
                    codes::import::DATE_IRREGULAR,
                    message!(
                        "import-date-irregular",
                        field = label,
                        text = text.trim(),
                        date = date.to_string()
                    ),
                )
                .in_word(&place),
            ),
        ),
        DateRead::MonthOnly { year, month } => {
            let value = match month {
                Some(month) => format!("{year:04}-{month:02}"),
                None => format!("{year:04}"),
            };
            incomplete(
                toml_string(&value),
                message!("import-date-incomplete-month"),
            )
        }
        DateRead::Missing => {
            incomplete(toml_string(""), message!("import-date-incomplete-missing"))
        }
        DateRead::Unreadable => incomplete(
            toml_string(text.trim()),
            message!("import-date-incomplete-unreadable"),
        ),
    }
}

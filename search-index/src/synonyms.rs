//! Synonym groups (a site's `synonyms.toml`, or the shipped Danish oncology list): at query
//! time a word of a group also matches the other words of its group exactly (FORMAT.md,
//! "Query semantics"), in both engines. An entry of several words is a phrase, one term
//! ([`crate::phrases`]).

use std::collections::HashMap;
use std::ops::Range;

use serde::Deserialize;
use toml::Spanned;

use crate::analyzer::analyze;
use crate::phrases::{self, PhraseProblem, Phrases};

/// The list shipped with retning, used when a site has no `synonyms.toml`.
pub(crate) const DEFAULT_LIST: &str = include_str!("../synonyms.toml");

/// Groups of analyzed terms: each has at least two different terms, and no term is in two.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Synonyms {
    groups: Vec<Vec<String>>,
    group_of: HashMap<String, usize>,
    /// The terms of more than one word.
    phrases: Phrases,
}

/// What is wrong with a synonym file, and where (a byte range of its text).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{problem}")]
pub struct SynonymError {
    /// What is wrong.
    pub problem: SynonymProblem,
    /// Where in the file's text, in bytes.
    pub span: Range<usize>,
}

/// What is wrong, with the words it is about (the site shows it in the author's language;
/// the English here is for logs and tests).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SynonymProblem {
    /// The file is not TOML of the expected shape (the TOML parser's reason).
    #[error("{0}")]
    Toml(String),
    /// The word's term is in an earlier group, first given by another word.
    #[error("\"{word}\" is also in another group (as \"{first}\"): a word belongs to one group")]
    InAnotherGroup {
        /// The word as written in this group.
        word: String,
        /// The word of the earlier group with the same term.
        first: String,
    },
    /// A group has fewer than two words with different terms.
    #[error("a group needs at least two different words")]
    TooFewWords,
    /// The word has no term to search for.
    #[error("\"{0}\" is a stop word or has no letters")]
    NoTerm(String),
    /// A several-word entry is no valid phrase.
    #[error("\"{word}\" {problem}")]
    Phrase {
        /// The entry as written.
        word: String,
        /// Why it is no phrase.
        problem: PhraseProblem,
    },
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    groups: Vec<Spanned<Vec<Spanned<String>>>>,
}

impl Synonyms {
    /// Reads a synonym file (the format is in the shipped list's header).
    pub fn parse(text: &str) -> Result<Self, SynonymError> {
        let file: File = toml::from_str(text).map_err(|err| SynonymError {
            problem: SynonymProblem::Toml(err.message().to_owned()),
            span: err.span().unwrap_or(0..0),
        })?;
        // Each term with the word (and its place) that first gave it.
        let mut seen: HashMap<String, (usize, String)> = HashMap::new();
        let mut groups = Vec::new();
        for group in &file.groups {
            let mut terms: Vec<String> = Vec::new();
            for word in group.get_ref() {
                let term = one_term(word)?;
                if let Some((other, first_word)) = seen.get(&term)
                    && *other != groups.len()
                {
                    return Err(SynonymError {
                        problem: SynonymProblem::InAnotherGroup {
                            word: word.get_ref().clone(),
                            first: first_word.clone(),
                        },
                        span: word.span(),
                    });
                }
                seen.insert(term.clone(), (groups.len(), word.get_ref().clone()));
                if !terms.contains(&term) {
                    terms.push(term);
                }
            }
            if terms.len() < 2 {
                return Err(SynonymError {
                    problem: SynonymProblem::TooFewWords,
                    span: group.span(),
                });
            }
            groups.push(terms);
        }
        Ok(Self::from_groups(groups))
    }

    /// The shipped list.
    pub fn default_list() -> Self {
        // A test asserts that the shipped list parses.
        Self::parse(DEFAULT_LIST).unwrap_or_default()
    }

    /// Groups of terms as [`Self::groups`] gives them (from an index's files).
    pub(crate) fn from_groups(groups: Vec<Vec<String>>) -> Self {
        let group_of = groups
            .iter()
            .enumerate()
            .flat_map(|(i, terms)| terms.iter().map(move |t| (t.clone(), i)))
            .collect();
        let phrases = Phrases::of_terms(groups.iter().flatten().map(String::as_str));
        Self {
            groups,
            group_of,
            phrases,
        }
    }

    /// The groups' phrases: what an index makes one term of, wherever a text has them.
    pub fn phrases(&self) -> &Phrases {
        &self.phrases
    }

    /// The query words: analyzed (each phrase one word), duplicates removed, order kept.
    pub(crate) fn query_words(&self, query: &str) -> Vec<String> {
        let mut words: Vec<String> = Vec::new();
        for term in self.phrases.analyze(query) {
            if !words.contains(&term) {
                words.push(term);
            }
        }
        words
    }

    pub(crate) fn groups(&self) -> &[Vec<String>] {
        &self.groups
    }

    /// Whether `term` is in a group: a word the list knows, never taken for a typo ("nsclc"
    /// is not "sclc" misspelt).
    pub(crate) fn contains(&self, term: &str) -> bool {
        self.group_of.contains_key(term)
    }

    /// The other terms of `term`'s group (none when it is in no group).
    pub(crate) fn others<'a>(&'a self, term: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.group_of
            .get(term)
            .map_or(&[][..], |&g| self.groups[g].as_slice())
            .iter()
            .map(String::as_str)
            .filter(move |t| *t != term)
    }
}

/// The one term an entry analyzes to: a word's term, or a phrase's (its words' forms, stop
/// words included, joined by a space).
fn one_term(word: &Spanned<String>) -> Result<String, SynonymError> {
    let text = word.get_ref();
    let error = |problem: SynonymProblem| SynonymError {
        problem,
        span: word.span(),
    };
    if crate::analyzer::word_spans(text).nth(1).is_some() {
        return phrases::phrase_term(text).map_err(|problem| {
            error(SynonymProblem::Phrase {
                word: text.clone(),
                problem,
            })
        });
    }
    let mut terms = analyze(text);
    match terms.len() {
        1 => Ok(terms.remove(0)),
        _ => Err(error(SynonymProblem::NoTerm(text.clone()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The shipped list parses: every word is one analysable term, every group has two
    /// different terms, and no term is in two groups.
    #[test]
    fn the_shipped_list_is_valid_and_covers_the_issue_s_examples() {
        let synonyms = Synonyms::parse(DEFAULT_LIST).unwrap();
        assert!(synonyms.groups().len() >= 30);
        let term = |w: &str| crate::analyzer::term(w).unwrap();
        let mamma = term("mammacancer");
        let others: Vec<&str> = synonyms.others(&mamma).collect();
        assert!(others.contains(&term("brystkræft").as_str()), "{others:?}");
        let rektum = term("rektumcancer");
        let others: Vec<&str> = synonyms.others(&rektum).collect();
        assert!(others.contains(&term("endetarmskræft").as_str()));
        assert_eq!(synonyms.others("xyzzy").count(), 0);
    }

    #[test]
    fn bad_words_and_contradicting_groups_are_reported_where_they_are() {
        let err = |text: &str| Synonyms::parse(text).unwrap_err();
        let text = "groups = [[\"kemo\", \"og\"]]";
        let e = err(text);
        assert!(
            e.to_string().contains("\"og\" is a stop word"),
            "{}",
            e.to_string()
        );
        assert_eq!(&text[e.span], "\"og\"");
        let text = "groups = [[\"kemo\", \"PET/CT\"]]";
        let e = err(text);
        assert!(
            e.to_string().contains("joined by spaces or hyphens"),
            "{}",
            e.to_string()
        );
        assert_eq!(&text[e.span], "\"PET/CT\"");
        // A phrase and a word in the same group, or a phrase in two groups.
        let text = "groups = [[\"sclc\", \"småcellet lungekræft\"],\n [\"Småcellet-lungekræften\", \"x\"]]";
        assert!(err(text).to_string().contains("another group"));
        // "kræften" is "kræft" once analyzed: the second group contradicts the first.
        let text = "groups = [[\"kræft\", \"cancer\"],\n [\"kræften\", \"tumor\"]]";
        let e = err(text);
        assert!(e.to_string().contains("another group"), "{}", e.to_string());
        assert_eq!(&text[e.span], "\"kræften\"");
        let text = "groups = [[\"kemoterapi\", \"kemoterapien\"]]";
        assert!(err(text).to_string().contains("two different words"));
        assert!(err("groups = 3").to_string().contains("invalid type"));
        assert!(err("grups = []").to_string().contains("unknown field"));
    }

    #[test]
    fn a_group_repeating_a_term_is_one_group() {
        let synonyms = Synonyms::parse("groups = [[\"kemo\", \"kemoterapi\", \"Kemo\"]]").unwrap();
        assert_eq!(synonyms.groups(), [vec!["kemo", "kemoterapi"]]);
        assert_eq!(synonyms.others("kemo").collect::<Vec<_>>(), ["kemoterapi"]);
    }
}

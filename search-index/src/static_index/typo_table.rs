//! The static index's typo side table (FORMAT.md, "Typos"): every term filed under its
//! [`crate::typo::term_keys`], the keys spread over files `t<k>.json` by a hash, so a typo
//! looks at two or three small files, never the vocabulary.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::typo::{key_parts, part_file, unfiled};

/// The side table is cut into files of about this many bytes of filed terms.
const TYPO_FILE_BYTES: usize = 12 * 1024;

/// A side-table file as read: key → the terms filed under it (each without the key's part),
/// keys sorted, each key's terms in the order of the whole terms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct TypoFile {
    pub(crate) keys: BTreeMap<String, Vec<String>>,
}

/// A term filed under a key: the key's file, kind and part, and the term.
type Filed<'a> = (u32, u8, &'a str, &'a str);

/// A side table as encoded: file `k`'s JSON at index `k`, and the filed bytes its file count
/// was taken from ([`file_count`]), which the next build updates rather than counts again.
pub(super) struct TypoTable {
    pub(super) files: Vec<Vec<u8>>,
    pub(super) filed_bytes: u64,
}

/// The bytes `term` adds to the side table: the `rest` of each of its filings, with its
/// quotes and comma.
pub(super) fn filed_bytes(term: &str) -> u64 {
    key_parts(term)
        .map(|(_, part)| (term.len() - part.len() + 3) as u64)
        .sum()
}

/// The files of a table of `count` files that `term` is filed in.
pub(super) fn files_of(term: &str, count: usize) -> impl Iterator<Item = usize> + '_ {
    key_parts(term).map(move |(kind, part)| part_file(kind, part, count))
}

/// How many files a side table of `filed_bytes` bytes is cut into.
pub(super) fn file_count(filed_bytes: u64) -> usize {
    usize::try_from(filed_bytes.div_ceil(TYPO_FILE_BYTES as u64))
        .unwrap_or(usize::MAX)
        .max(1)
}

/// The side table of `terms`. Every key is a slice of its term, so filing allocates nothing
/// per key; the files are sorted and written in parallel.
pub(super) fn encode(terms: &[&str]) -> TypoTable {
    let filed_bytes: u64 = terms.par_iter().map(|term| filed_bytes(term)).sum();
    let count = file_count(filed_bytes);
    let mut filed: Vec<Filed<'_>> = terms
        .par_iter()
        .flat_map_iter(|term| {
            key_parts(term)
                .map(move |(kind, part)| (part_file(kind, part, count) as u32, kind, part, *term))
        })
        .collect();
    // By file, then key (`p:…` before `s:…`, then the part), then term.
    filed.par_sort_unstable();
    let mut files: Vec<&[Filed<'_>]> = Vec::with_capacity(count);
    let mut rest = filed.as_slice();
    for k in 0..count as u32 {
        let end = rest.partition_point(|f| f.0 == k);
        let (file, after) = rest.split_at(end);
        files.push(file);
        rest = after;
    }
    TypoTable {
        files: files.into_par_iter().map(file_json).collect(),
        filed_bytes,
    }
}

/// File `file` of a side table of `count` files, from its last build's JSON (`old`, of a
/// table of as many files) with the terms `added` filed and the terms `removed` taken out:
/// the bytes [`encode`] makes of the vocabulary now. `None` when `old` is not such a file.
pub(super) fn refile(
    old: &[u8],
    file: usize,
    count: usize,
    added: &[&str],
    removed: &[&str],
) -> Option<Vec<u8>> {
    let old: TypoFile = serde_json::from_slice(old).ok()?;
    let mut filed: Vec<(u32, u8, String, String)> = Vec::new();
    for (key, rests) in old.keys {
        let (kind, part) = key.split_once(':')?;
        let [kind] = kind.as_bytes() else {
            return None;
        };
        if part_file(*kind, part, count) != file {
            return None;
        }
        for rest in rests {
            let term = unfiled(&key, &rest);
            if removed.binary_search(&term.as_str()).is_err() {
                filed.push((file as u32, *kind, part.to_owned(), term));
            }
        }
    }
    for term in added {
        for (kind, part) in key_parts(term) {
            if part_file(kind, part, count) == file {
                filed.push((file as u32, kind, part.to_owned(), (*term).to_owned()));
            }
        }
    }
    filed.sort_unstable();
    let filed: Vec<Filed<'_>> = filed
        .iter()
        .map(|(file, kind, part, term)| (*file, *kind, part.as_str(), term.as_str()))
        .collect();
    Some(file_json(&filed))
}

/// A file's JSON, `{"keys":{"p:lym":["fom",…],…}}`, written straight from its sorted filings.
fn file_json(filed: &[Filed<'_>]) -> Vec<u8> {
    let mut out = Vec::with_capacity(TYPO_FILE_BYTES + TYPO_FILE_BYTES / 2);
    out.extend_from_slice(b"{\"keys\":{");
    let mut previous: Option<(u8, &str)> = None;
    for &(_, kind, part, term) in filed {
        let rest = match kind {
            b'p' => &term[part.len()..],
            _ => &term[..term.len() - part.len()],
        };
        if previous == Some((kind, part)) {
            out.push(b',');
        } else {
            if previous.is_some() {
                out.extend_from_slice(b"],");
            }
            out.push(b'"');
            out.push(kind);
            out.push(b':');
            push_escaped(&mut out, part);
            out.extend_from_slice(b"\":[");
            previous = Some((kind, part));
        }
        out.push(b'"');
        push_escaped(&mut out, rest);
        out.push(b'"');
    }
    if previous.is_some() {
        out.push(b']');
    }
    out.extend_from_slice(b"}}");
    out
}

/// `text` escaped as the inside of a JSON string (terms are letters, so this rarely escapes).
fn push_escaped(out: &mut Vec<u8>, text: &str) {
    if text.bytes().all(|b| b >= 0x20 && b != b'"' && b != b'\\') {
        out.extend_from_slice(text.as_bytes());
    } else {
        let quoted = serde_json::to_string(text).unwrap_or_default();
        out.extend_from_slice(quoted.trim_matches('"').as_bytes());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typo::{key_file, term_keys};

    #[test]
    fn each_key_lives_in_the_file_its_hash_names_with_its_terms_sorted() {
        let terms: Vec<String> = (0..400)
            .map(|i| format!("behandling{}", char::from(b'a' + (i % 26) as u8)).repeat(1 + i / 100))
            .chain(["lymfom".to_owned(), "2025".to_owned()])
            .collect();
        let files: Vec<TypoFile> = encode(&terms.iter().map(String::as_str).collect::<Vec<_>>())
            .files
            .iter()
            .map(|bytes| serde_json::from_slice(bytes).unwrap())
            .collect();
        assert!(files.len() > 1, "{} files", files.len());
        let mut seen = 0;
        for (k, file) in files.iter().enumerate() {
            for (key, filed) in &file.keys {
                assert_eq!(key_file(key, files.len()), k, "{key}");
                let whole: Vec<String> = filed.iter().map(|rest| unfiled(key, rest)).collect();
                assert!(whole.is_sorted(), "{key}");
                assert!(whole.iter().all(|t| terms.contains(t)), "{key}");
                seen += filed.len();
            }
        }
        let expected: usize = terms.iter().map(|t| term_keys(t).len()).sum();
        assert_eq!(seen, expected);
        // Under "p:lym" (a 6-letter word's first half), "lymfom" is filed as "fom".
        let lymfom = &files[key_file("p:lym", files.len())].keys["p:lym"];
        assert_eq!(lymfom, &["fom"]);
        assert!(
            files
                .iter()
                .all(|f| f.keys.values().flatten().all(|t| t != "2025"))
        );
    }
}

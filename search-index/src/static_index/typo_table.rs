//! The static index's typo side table (FORMAT.md, "Typos"): every term filed under its
//! [`crate::typo::term_keys`], the keys spread over files `t<k>.json` by a hash, so a typo
//! looks at two or three small files, never the vocabulary.

use std::collections::BTreeMap;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::typo::{filed_as, key_file, term_keys};

/// The side table is cut into about this many bytes of JSON a file.
const TYPO_FILE_BYTES: usize = 16 * 1024;

/// A side-table file: key → the terms filed under it (each without the key's part), keys and
/// terms sorted.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct TypoFile {
    pub keys: BTreeMap<String, Vec<String>>,
}

/// The side table of `terms`: its files, file `k` at index `k`.
pub fn encode<'a>(terms: impl IntoParallelIterator<Item = &'a String>) -> Vec<TypoFile> {
    let mut filed: Vec<(String, &str)> = terms
        .into_par_iter()
        .flat_map_iter(|term| {
            term_keys(term)
                .into_iter()
                .map(move |key| (key, term.as_str()))
        })
        .collect();
    // Key order, then term order: each key's terms come out sorted.
    filed.par_sort_unstable();
    // `"key":[` and `],`, each term with its quotes and comma.
    let mut bytes = 0;
    let mut previous: Option<&str> = None;
    for (key, term) in &filed {
        if previous != Some(key.as_str()) {
            bytes += key.len() + 6;
            previous = Some(key);
        }
        bytes += filed_as(key, term).len() + 3;
    }
    let count = bytes.div_ceil(TYPO_FILE_BYTES).max(1);
    let mut files = vec![TypoFile::default(); count];
    for (key, term) in filed {
        let file = &mut files[key_file(&key, count)];
        let rest = filed_as(&key, term).to_owned();
        file.keys.entry(key).or_default().push(rest);
    }
    files
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typo::unfiled;

    #[test]
    fn each_key_lives_in_the_file_its_hash_names_with_its_terms_sorted() {
        let terms: Vec<String> = (0..400)
            .map(|i| format!("behandling{}", char::from(b'a' + (i % 26) as u8)).repeat(1 + i / 100))
            .chain(["lymfom".to_owned(), "2025".to_owned()])
            .collect();
        let files = encode(&terms);
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

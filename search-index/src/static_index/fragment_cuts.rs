//! Which docs each fragment file holds. The files are cut by the docs they hold, not by
//! their ids: a doc added or removed moves the id of every doc after it, yet changes only
//! the file it is in, and the next build rewrites that file alone (FORMAT.md, "Files").

use std::ops::Range;

use crate::IndexDoc;

use super::chunks::stable_hash;

/// A fragment file holds at least this many docs (the last may hold fewer)…
pub(super) const MIN_DOCS: usize = 24;
/// …then each doc ends it with odds of one in this many…
pub(super) const SPREAD: u64 = 8;
/// …and it ends at this many in any case: 32 docs on average, few much larger, so that a
/// query's fragments weigh about what files of 32 docs did.
pub(super) const MAX_DOCS: usize = 48;

/// The docs of each fragment file, in order. A file ends after a doc once it holds
/// [`MIN_DOCS`] when the hash of the doc's address is a multiple of [`SPREAD`], and at
/// [`MAX_DOCS`] in any case. A doc added leaves the cuts where they were, unless its file
/// reaches [`MAX_DOCS`]; so does one removed, unless its file then holds too few.
pub(super) fn cut(docs: &[IndexDoc]) -> Vec<Range<usize>> {
    let mut files = Vec::with_capacity(docs.len() / 32 + 1);
    let mut start = 0;
    for (id, doc) in docs.iter().enumerate() {
        let held = id + 1 - start;
        if held >= MAX_DOCS || (held >= MIN_DOCS && stable_hash(&doc.url).is_multiple_of(SPREAD)) {
            files.push(start..id + 1);
            start = id + 1;
        }
    }
    if start < docs.len() {
        files.push(start..docs.len());
    }
    files
}

/// How many docs each of `files` holds, as the meta file and the record list them.
pub(super) fn sizes(files: &[Range<usize>]) -> Vec<u32> {
    files.iter().map(|file| file.len() as u32).collect()
}

/// The files `sizes` describe (each holding at least one doc), in order; `None` unless they
/// hold exactly `docs` docs.
pub(super) fn from_sizes(sizes: &[u32], docs: usize) -> Option<Vec<Range<usize>>> {
    let mut start = 0usize;
    let files = sizes
        .iter()
        .map(|&size| {
            let end = start.checked_add(size as usize).filter(|_| size > 0)?;
            let file = start..end;
            start = end;
            Some(file)
        })
        .collect::<Option<Vec<_>>>()?;
    (start == docs).then_some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn docs(urls: impl IntoIterator<Item = String>) -> Vec<IndexDoc> {
        urls.into_iter()
            .map(|url| IndexDoc::bare("g", &url))
            .collect()
    }

    fn urls(range: Range<usize>) -> Vec<String> {
        range
            .map(|i| format!("/g/{}/#afsnit-{i}", i / 40))
            .collect()
    }

    #[test]
    fn every_doc_is_in_one_file_of_the_allowed_size() {
        for n in [0, 1, 23, 24, 47, 48, 49, 1000, 5000] {
            let files = cut(&docs(urls(0..n)));
            let flat: Vec<usize> = files.iter().flat_map(Clone::clone).collect();
            assert_eq!(flat, (0..n).collect::<Vec<_>>(), "{n} docs");
            let (last, whole) = files
                .split_last()
                .map_or((None, &[][..]), |(l, w)| (Some(l), w));
            assert!(
                whole
                    .iter()
                    .all(|f| (MIN_DOCS..=MAX_DOCS).contains(&f.len()))
            );
            assert!(last.is_none_or(|f| (1..=MAX_DOCS).contains(&f.len())));
            assert_eq!(from_sizes(&sizes(&files), n), Some(files));
        }
        let files = cut(&docs(urls(0..5000)));
        let average = 5000 / files.len();
        assert!(
            (28..=36).contains(&average),
            "{average} docs a file on average"
        );
    }

    #[test]
    fn a_doc_added_or_removed_changes_only_the_files_around_it() {
        let before = urls(0..3000);
        let files_of = |urls: &[String]| -> Vec<Vec<String>> {
            cut(&docs(urls.to_vec()))
                .into_iter()
                .map(|file| urls[file].to_vec())
                .collect()
        };
        let old = files_of(&before);
        for at in [0, 17, 1500, 2999] {
            let mut added = before.clone();
            added.insert(at, "/ny/#afsnit".to_owned());
            let mut removed = before.clone();
            removed.remove(at);
            for now in [files_of(&added), files_of(&removed)] {
                let changed = now.iter().filter(|file| !old.contains(file)).count();
                assert!(changed <= 2, "{changed} files changed by a doc at {at}");
            }
        }
    }

    #[test]
    fn sizes_that_do_not_add_up_are_refused() {
        assert_eq!(from_sizes(&[24, 8], 32), Some(vec![0..24, 24..32]));
        assert_eq!(from_sizes(&[24, 8], 33), None);
        assert_eq!(from_sizes(&[24, 0, 8], 32), None);
        assert_eq!(from_sizes(&[u32::MAX, u32::MAX], 10), None);
    }
}

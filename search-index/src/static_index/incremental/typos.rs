//! The typo tables of a build that takes the last build's files (`super`): the last build's
//! where none of their terms came or went, the others filed again from their last bytes.

use std::collections::BTreeSet;

use super::super::chunks::terms_hash;
use super::super::record::Listed;
use super::super::{Files, IndexFile, typo_table};
use super::{Context, Plan};

impl Plan<'_> {
    /// The typo tables and the bytes they file: the last build's where none of their terms
    /// came or went, the others filed again from their last bytes; all made from the
    /// vocabulary when their count moves or a last file cannot be read. A term comes or goes
    /// only in a chunk that holds something touched or another count of terms, so only those
    /// are looked at (their vocabulary against their [`terms_hash`]).
    pub(super) fn typos<E, P: FnMut(&str, IndexFile<'_>) -> Result<(), E>>(
        &self,
        ctx: &Context<'_>,
        out: &mut Files<'_, P, E>,
        has_docs: impl Fn(u32) -> bool + Copy,
    ) -> Result<(Vec<Listed>, u64), E> {
        let terms = ctx.stats.terms();
        let vocabulary_in = |k: usize| {
            self.ranges[k]
                .clone()
                .filter(move |&t| has_docs(t))
                .map(|t| terms[t as usize].as_str())
        };
        let moved: Vec<usize> = (0..self.ranges.len())
            .filter(|&k| {
                self.dirty[k] && terms_hash(vocabulary_in(k)) != self.last.chunks[k].terms_hash
            })
            .collect();
        let refiled = if moved.is_empty() {
            Some((vec![None; self.last.typos.len()], self.last.typo_bytes))
        } else {
            self.refiled(&moved, vocabulary_in)
        };
        if let Some((files, bytes)) = refiled {
            let typos = files
                .iter()
                .zip(&self.last.typos)
                .map(|(new, old)| match new {
                    Some(bytes) => out.new_file("t", bytes),
                    None => out.kept_file("t", old),
                })
                .collect::<Result<Vec<_>, E>>()?;
            return Ok((typos, bytes));
        }
        let vocabulary: Vec<&str> = (0..terms.len() as u32)
            .filter(|&t| has_docs(t))
            .map(|t| terms[t as usize].as_str())
            .collect();
        let table = typo_table::encode(&vocabulary);
        let typos = table
            .files
            .iter()
            .map(|bytes| out.new_file("t", bytes))
            .collect::<Result<Vec<_>, E>>()?;
        Ok((typos, table.filed_bytes))
    }

    /// The typo tables after the vocabulary of the old chunks `moved` changed (each chunk's
    /// last terms read from its file): per table, its bytes filed again where a term came or
    /// went in it (`None` where none did), and the bytes all file. `None` when the tables'
    /// count moves or a last file is not the record's.
    #[allow(clippy::type_complexity)]
    fn refiled<'t, I: Iterator<Item = &'t str>>(
        &self,
        moved: &[usize],
        vocabulary_in: impl Fn(usize) -> I,
    ) -> Option<(Vec<Option<Vec<u8>>>, u64)> {
        let mut added: Vec<&str> = Vec::new();
        let mut removed: Vec<String> = Vec::new();
        for &k in moved {
            let chunk = self.read_chunk_file(k)?;
            let old: BTreeSet<&str> = chunk.terms.iter().map(|(term, _)| term.as_str()).collect();
            let now: BTreeSet<&str> = vocabulary_in(k).collect();
            added.extend(now.iter().filter(|t| !old.contains(**t)));
            removed.extend(
                old.iter()
                    .filter(|t| !now.contains(**t))
                    .map(|t| (*t).to_owned()),
            );
        }
        let mut removed: Vec<&str> = removed.iter().map(String::as_str).collect();
        removed.sort_unstable();
        let count = self.last.typos.len();
        let filed =
            |terms: &[&str]| -> u64 { terms.iter().map(|t| typo_table::filed_bytes(t)).sum() };
        let bytes = (self.last.typo_bytes + filed(&added)).checked_sub(filed(&removed))?;
        if typo_table::file_count(self.last.typo_bytes) != count
            || typo_table::file_count(bytes) != count
        {
            return None;
        }
        let touched: BTreeSet<usize> = added
            .iter()
            .chain(&removed)
            .flat_map(|term| typo_table::files_of(term, count))
            .collect();
        let mut files = vec![None; count];
        for file in touched {
            let old = self.read_listed("t", self.last.typos.get(file)?)?;
            files[file] = Some(typo_table::refile(&old, file, count, &added, &removed)?);
        }
        Some((files, bytes))
    }
}

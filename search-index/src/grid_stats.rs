//! BM25's global statistics, the number of docs and each field's total token count, moved
//! onto a coarse grid (FORMAT.md, "Weights"), so that an edit of a few sentences leaves them,
//! and so every weight of a term it does not touch, as they were. Both engines score with
//! them: the static index's weights (`term_stats::weights`) and tantivy's queries
//! ([`Gridded`]), so a static weight still equals tantivy's score.
//!
//! The grid is integers only, the same on every machine: 1, 2, 3, … and each point after
//! the previous plus a `1/divisor` of it (at least 1), so exact up to about `divisor`, then
//! geometric.

use tantivy::query::Bm25StatisticsProvider;
use tantivy::schema::Field;
use tantivy::{Searcher, Term};

/// The doc count's grid: steps of 1/50, 2 %.
const DOCS_DIVISOR: u64 = 50;
/// The token counts' grid: steps of 1/32, about 3 %, so an average field length is off
/// by at most about 1.6 %.
const TOKENS_DIVISOR: u64 = 32;

/// The next point of the grid after `point`.
fn next_point(point: u64, divisor: u64) -> u64 {
    point + (point / divisor).max(1)
}

/// The smallest grid point `>= x` (0 for 0).
fn grid_up(x: u64, divisor: u64) -> u64 {
    let mut point = 0;
    while point < x {
        point = next_point(point, divisor);
    }
    point
}

/// The grid point nearest `x` (the lower of two as near).
fn grid_nearest(x: u64, divisor: u64) -> u64 {
    let mut point = 0;
    loop {
        let next = next_point(point, divisor);
        if next > x {
            return if next - x < x - point { next } else { point };
        }
        point = next;
    }
}

/// The doc count BM25 uses for `docs` docs: rounded up, so it is never below a term's
/// doc frequency.
pub(crate) fn docs(docs: u64) -> u64 {
    grid_up(docs, DOCS_DIVISOR)
}

/// The total token count BM25 uses for a field of `tokens` tokens in `docs` docs: the
/// tokens that field would hold in [`self::docs`]`(docs)` docs of the same average length,
/// on the grid. The average length BM25 divides by is then this over `self::docs(docs)`.
pub(crate) fn tokens(tokens: u64, docs: u64) -> u64 {
    if docs == 0 {
        return 0;
    }
    let scaled = u128::from(tokens) * u128::from(self::docs(docs));
    // Rounded to the nearest; a field of u64 tokens in at most 2 % more docs fits in u64.
    let scaled = (scaled + u128::from(docs) / 2) / u128::from(docs);
    grid_nearest(u64::try_from(scaled).unwrap_or(u64::MAX), TOKENS_DIVISOR)
}

/// A field's average length as BM25 computes it (tantivy's arithmetic: the token count
/// over the doc count, in `f32`), from the gridded counts.
pub(crate) fn average(tokens: u64, docs: u64) -> f32 {
    self::tokens(tokens, docs) as f32 / self::docs(docs) as f32
}

/// A searcher's statistics on the grid: tantivy's scores with these are the static
/// index's weights.
pub(crate) struct Gridded<'a>(pub(crate) &'a Searcher);

impl Bm25StatisticsProvider for Gridded<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        let docs = self.0.total_num_docs()?;
        Ok(tokens(self.0.total_num_tokens(field)?, docs))
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(docs(self.0.total_num_docs()?))
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        self.0.doc_freq(term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_grid_is_exact_for_small_counts_then_geometric() {
        for n in 0..=50 {
            assert_eq!(docs(n), n);
        }
        let points: Vec<u64> = (0..200_000).map(docs).collect();
        for (n, &point) in points.iter().enumerate() {
            let n = n as u64;
            assert!(point >= n, "{n} -> {point}");
            // At most one step (2 %) above.
            assert!(point - n <= (n / DOCS_DIVISOR).max(1), "{n} -> {point}");
            // A grid point maps to itself.
            assert_eq!(docs(point), point);
        }
        // Few points: 200,000 doc counts take one of a few hundred values.
        let mut distinct = points.clone();
        distinct.dedup();
        assert!(distinct.len() < 700, "{}", distinct.len());
    }

    #[test]
    fn a_few_tokens_more_or_less_rarely_move_the_average() {
        let docs = 40_000;
        let total = 4_000_000;
        let base = average(total, docs);
        assert!((base / 100.0 - 1.0).abs() < 0.02, "{base}");
        // Of 1,000 edits of ±30 tokens around one total, nearly all keep the average.
        let moved = (0..1000u64)
            .filter(|i| average(total + i * 997 - 30, docs) != average(total + i * 997, docs))
            .count();
        assert!(moved < 10, "{moved}");
        assert!(
            (average(total, docs + 1) - base).abs() < 1e-6,
            "one doc more: the same N"
        );
    }

    #[test]
    fn tokens_round_to_the_nearest_point() {
        assert_eq!(grid_nearest(0, 32), 0);
        assert_eq!(grid_nearest(63, 32), 63);
        // 64, 66, 68, …: 65 is as near to both, and goes down.
        assert_eq!(grid_nearest(65, 32), 64);
        assert_eq!(grid_nearest(67, 32), 66);
        assert_eq!(tokens(0, 0), 0);
        assert_eq!(tokens(10, 4), 10);
    }
}

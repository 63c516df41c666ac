//! How hits rank: the boosted score, then the doc's global id, which a doc's stored id and
//! its group's first make.

use std::cmp::Reverse;
use std::sync::Arc;

use tantivy::{DocId, Score, SegmentReader};

use super::KIND_BOOST_FIELD;
use super::parts::Offsets;

/// How hits rank: by tantivy's score times the doc's kind boost, then by id (FORMAT.md,
/// "Weights"; the static index ranks the same way). Ranking the boosted score inside tantivy,
/// rather than boosting a pool of its best hits afterwards, makes the order exact, and the id
/// settles ties the same way in every build, whichever segment a doc was indexed into.
pub(super) type RankKey = (Score, Reverse<u64>);

pub(super) fn rank_by_boosted_score_then_id(
    offsets: Arc<Offsets>,
) -> impl Fn(&SegmentReader) -> SegmentRank + Send + Sync + 'static {
    move |segment| {
        let fast = segment.fast_fields();
        // Every index `build` writes has these columns; without them a doc ranks unboosted,
        // last among equals.
        let boosts = fast.f64(KIND_BOOST_FIELD).ok();
        let ids = fast.u64("id").ok();
        let firsts = group_firsts(segment, &offsets);
        Box::new(move |doc, score| {
            let boost = boosts.as_ref().and_then(|c| c.first(doc)).unwrap_or(1.0);
            let id = ids.as_ref().and_then(|c| c.first(doc));
            let id = id.map_or(u64::MAX, |id| id + firsts.first(doc));
            (score * boost as Score, Reverse(id))
        })
    }
}

/// How one segment's docs rank (`rank_by_boosted_score_then_id`).
type SegmentRank = Box<dyn Fn(DocId, Score) -> RankKey + Send + Sync>;

/// Each doc's group's first id, by the segment's `group` column: what its stored id
/// counts from.
pub(super) struct GroupFirsts {
    column: Option<tantivy::columnar::StrColumn>,
    /// By the column's term ordinal.
    firsts: Vec<u64>,
}

impl GroupFirsts {
    pub(super) fn first(&self, doc: DocId) -> u64 {
        let ord = self.column.as_ref().and_then(|c| c.term_ords(doc).next());
        ord.and_then(|ord| self.firsts.get(ord as usize).copied())
            .unwrap_or_default()
    }
}

pub(super) fn group_firsts(segment: &SegmentReader, offsets: &Offsets) -> GroupFirsts {
    let column = segment.fast_fields().str("group").ok().flatten();
    let mut firsts = Vec::new();
    if let Some(column) = &column {
        let mut code = String::new();
        for ord in 0..column.num_terms() as u64 {
            code.clear();
            let known = column.ord_to_str(ord, &mut code).unwrap_or(false);
            firsts.push(if known {
                offsets.get(&code).copied().unwrap_or_default()
            } else {
                0
            });
        }
    }
    GroupFirsts { column, firsts }
}

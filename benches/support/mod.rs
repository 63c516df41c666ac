//! Support code of the bench target: the corpus generator and its word lists, the search
//! benchmarks, edit → served in `retning serve`, and the statistics the tables print.

pub mod cached_build;
pub mod corpus;
pub mod search_bench;
pub mod serve_bench;
pub mod stats;
pub mod words;

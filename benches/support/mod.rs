//! Support code of the bench target: the corpus generator and its word lists, the search
//! benchmarks, and the statistics the tables print.

pub mod corpus;
pub mod search_bench;
pub mod stats;
pub mod words;

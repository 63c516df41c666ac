//! Support code of the bench target: the corpus generator and its word lists, the full
//! build timed by stage, the benchmark of one corpus size and its report, the search
//! benchmarks, one guideline saved, edit → served in `retning serve`, the profiling
//! commands, the self-test, and the statistics the tables print.

pub mod cached_build;
pub mod corpus;
pub mod full_build;
pub mod one_guideline;
pub mod profiling;
pub mod search_bench;
pub mod self_test;
pub mod serve_bench;
pub mod size_bench;
pub mod size_report;
pub mod stats;
pub mod terms_bench;
pub mod words;

pub type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// [`corpus::TODAY`] as a date: every bench and check runs on it.
pub fn today() -> Result<jiff::civil::Date> {
    Ok(corpus::TODAY.parse()?)
}

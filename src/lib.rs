//! retning: publishes Danish national clinical cancer guidelines, written in the DMCG
//! template, as a searchable static website.
//!
//! The pipeline: [`source`] reads files, [`parse`] turns them into the [`model`], [`site`]
//! holds every guideline, [`validate`] finds problems, [`render`] and the search index read
//! the model, and [`output`] writes the site atomically.

#![warn(unreachable_pub, missing_docs)]

pub(crate) mod assets;
pub(crate) mod build_cache;
pub(crate) mod changes;
pub mod cli;
pub(crate) mod collapsed_words;
pub(crate) mod config;
pub mod diagnostics;
pub mod history;
pub(crate) mod import;
pub mod link_safety;
pub mod model;
pub mod output;
pub mod parse;
pub(crate) mod pathway;
pub(crate) mod program;
pub mod publish;
pub mod render;
pub(crate) mod reports;
pub mod search;
pub(crate) mod serve;
pub mod site;
pub(crate) mod site_path;
pub mod source;
pub(crate) mod status;
pub(crate) mod streamed_build;
pub mod summary;
pub(crate) mod terminal;
#[cfg(test)]
mod test_site;
pub mod validate;

/// Every program built on this crate (the `retning` binary, the benchmarks, the tests)
/// allocates through jemalloc, so the benchmarks measure what `retning build` does. It takes
/// about a tenth off a build's CPU time (docs/performance.md, round six): glibc's thread
/// arenas grow a page at a time, one `mprotect` each.
#[cfg(not(target_env = "msvc"))]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

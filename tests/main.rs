//! The integration tests: one binary (each extra test binary would link retning again).
//! Every test builds a site in a temporary folder with `support`'s fixture builder and runs
//! the real `retning` binary on it.
//!
//! Cargo builds every `tests/*.rs` as a binary of its own, so the modules live in
//! `tests/suite/`, a folder Cargo does not build by itself.

// The workspace denies these in library code. Here a failed `expect` is a failed test with
// its reason, in helpers as much as in `#[test]` functions.
#![allow(clippy::expect_used, clippy::unwrap_used)]

#[path = "suite/app_budget.rs"]
mod app_budget;
#[path = "suite/bad_input.rs"]
mod bad_input;
#[path = "suite/build.rs"]
mod build;
#[path = "suite/build_cache.rs"]
mod build_cache;
#[path = "suite/check_output.rs"]
mod check_output;
#[path = "suite/check_rules/mod.rs"]
mod check_rules;
#[path = "suite/ci_docs.rs"]
mod ci_docs;
#[path = "suite/ci_formats.rs"]
mod ci_formats;
#[path = "suite/command_errors.rs"]
mod command_errors;
#[path = "suite/content.rs"]
mod content;
#[path = "suite/files_in_two_languages.rs"]
mod files_in_two_languages;
#[path = "suite/history/mod.rs"]
mod history;
#[path = "suite/hostile_links.rs"]
mod hostile_links;
#[path = "suite/hostile_text.rs"]
mod hostile_text;
#[path = "suite/import/mod.rs"]
mod import;
#[path = "suite/kept_terms.rs"]
mod kept_terms;
#[path = "suite/new_command.rs"]
mod new_command;
#[path = "suite/output_safety.rs"]
mod output_safety;
#[path = "suite/page_reuse.rs"]
mod page_reuse;
#[path = "suite/parser_languages.rs"]
mod parser_languages;
#[path = "suite/pathway.rs"]
mod pathway;
#[path = "suite/precompress.rs"]
mod precompress;
#[path = "suite/report/mod.rs"]
mod report;
#[path = "suite/robustness.rs"]
mod robustness;
#[path = "suite/search.rs"]
mod search;
#[path = "suite/search_files.rs"]
mod search_files;
#[path = "suite/search_index_reuse.rs"]
mod search_index_reuse;
#[path = "suite/serve/mod.rs"]
mod serve;
#[path = "suite/streamed_build.rs"]
mod streamed_build;
#[path = "suite/support/mod.rs"]
mod support;
#[path = "suite/theme_markup.rs"]
mod theme_markup;

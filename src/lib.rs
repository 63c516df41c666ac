//! retning: publishes Danish national clinical cancer guidelines, written in the DMCG
//! template, as a searchable static website.
//!
//! The pipeline: [`source`] reads files, [`parse`] turns them into the [`model`], [`site`]
//! holds every guideline, [`validate`] finds problems, [`render`] and the search index read
//! the model, and [`output`] writes the site atomically.

pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod model;
pub mod output;
pub mod parse;
pub mod publish;
pub mod render;
pub mod reports;
pub mod search;
pub mod serve;
pub mod site;
pub mod source;
pub mod status;
pub mod validate;

//! `retning serve`: the live preview for authors (see `crate::serve`).

use std::net::IpAddr;
use std::path::Path;

use clap::Args;
use jiff::civil::Date;

use crate::serve::{ServeOptions, run as serve};

use super::{Outcome, parse_today};

#[derive(Debug, Args)]
pub(crate) struct ServeArgs {
    /// The port to listen on; 0 picks a free one (the printed URL says which).
    #[arg(long, default_value_t = 1111)]
    pub(crate) port: u16,
    /// The address to listen on. The default serves this computer only; 0.0.0.0 serves the
    /// network too.
    #[arg(long, default_value = "127.0.0.1")]
    pub(crate) bind: IpAddr,
    /// Open the preview in the default browser.
    #[arg(long)]
    pub(crate) open: bool,
    /// The date statuses are computed for (default: today's local date).
    #[arg(long, value_parser = parse_today)]
    pub(crate) today: Option<Date>,
    /// Do not read the git history (no pages of earlier versions, no "Tidligere versioner").
    #[arg(long)]
    pub(crate) no_history: bool,
}

pub(super) fn run(
    root: &Path,
    args: ServeArgs,
    language: crate::diagnostics::Language,
) -> anyhow::Result<Outcome> {
    serve(ServeOptions {
        root: root.to_path_buf(),
        bind: args.bind,
        port: args.port,
        today: args.today,
        open: args.open,
        no_history: args.no_history,
        language,
    })?;
    Ok(Outcome::Clean)
}

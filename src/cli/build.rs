//! `retning build`: check, then render the site and write it atomically.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use std::time::Instant;

use anyhow::Context;
use clap::Args;
use jiff::civil::Date;

use crate::build_cache::{
    BuildCache, CACHE_DIR, Entries, InputKey, Settings, SiteListing, Summary, SurveyCache,
    TextHashes,
};
use crate::config::check_base_url;
use crate::diagnostics::catalogue::format;
use crate::diagnostics::{
    Arg, Counts, Diagnostic, Failure, Language, Message, message, render_human,
};
use crate::history::{SiteHistory, Unavailable};
use crate::output::OutputFolder;
use crate::publish::{Published, begin_staging, free_in_background};
use crate::render::{HistoryPages, RenderOptions, Theme};
use crate::search;
use crate::streamed_build::{FirstRender, PageReuse, Survey, publish_streamed, streamed_output};
use crate::validate::check_site;

use super::{BadValue, Outcome, parse_today, today_or_local};

#[derive(Debug, Args)]
pub(crate) struct BuildArgs {
    /// Include draft guidelines (each page carries a "Kladde" banner).
    #[arg(long)]
    pub(crate) drafts: bool,
    /// The date statuses are computed for (default: today's local date).
    #[arg(long, value_parser = parse_today)]
    pub(crate) today: Option<Date>,
    /// The output folder.
    #[arg(long, default_value = "public")]
    pub(crate) out: PathBuf,
    /// Override `base_url` from retning.toml (e.g. for a staging server).
    #[arg(long, value_parser = parse_base_url)]
    pub(crate) base_url: Option<String>,
    /// Replace the output folder even if it holds files that no build wrote. Never allowed
    /// for the site's sources, a folder that holds them, or a site or repository of its own.
    #[arg(long)]
    pub(crate) force: bool,
    /// Do not read the git history (no badge checks against the previous approved version,
    /// no pages for earlier versions).
    #[arg(long)]
    pub(crate) no_history: bool,
    /// Write a gzip (.gz) and a brotli (.br) copy beside every text file (HTML, CSS, JS,
    /// JSON, XML, SVG, TXT), for web servers that serve them as they are (docs/deploy.md).
    #[arg(long)]
    pub(crate) precompress: bool,
    /// Build in full even when nothing changed since the last build (the build cache under
    /// `.retning/build/` is not consulted; it is still written for the next build).
    #[arg(long)]
    pub(crate) no_cache: bool,
}

/// The reason a `--base-url` is refused is the catalogue's, so the usage error says it in the
/// reader's language.
fn parse_base_url(value: &str) -> Result<String, BadValue> {
    check_base_url(value).map_err(|problem| BadValue(problem.message()))?;
    Ok(value.to_owned())
}

pub(super) fn run(root: &Path, args: BuildArgs, language: Language) -> anyhow::Result<Outcome> {
    let started = Instant::now();
    // Before anything else: a wrong --out must fail fast and touch nothing.
    let out = output_folder(root, &args)?;
    let today = today_or_local(args.today);
    let index_dir = root.join(search::INDEX_DIR);
    let cache = BuildCache::of(root);
    let history_head = SiteHistory::head_unless(args.no_history, root);
    let keys = InputKey::with_texts(
        root,
        &settings(&args, today, &out, &index_dir, &history_head, language),
        !args.no_cache,
    );
    let (key, base, texts) = match keys {
        Some((key, base, texts)) => (Some(key), Some(base), texts),
        None => (None, None, TextHashes::new()),
    };
    if let Some(key) = key.filter(|_| !args.no_cache)
        && let Some(last) = cache.unchanged(&key, &[out.path(), &index_dir])
    {
        print_unchanged(&last, &history_head, out.path(), started, language);
        return Ok(Outcome::Clean);
    }
    if args.no_cache {
        search::forget_last_index(&index_dir);
    }
    let progress = Progress::new();
    let context = BuildContext {
        root,
        args: &args,
        today,
        out: &out,
        index_dir: &index_dir,
        cache: &cache,
        base,
        texts,
        history_head: &history_head,
        progress: &progress,
        language,
    };
    // The guidelines stream through the build (`streamed_build`), once the theme and the
    // synonyms are read (when they cannot be, `unstreamable` says why). The last build's page
    // record is read, and the site in place listed to vouch for it, and the history read,
    // while the theme's templates are parsed.
    let (streamable, reuse, history) = std::thread::scope(|scope| {
        let reuse = scope.spawn(|| page_reuse(&context));
        let history = scope.spawn(|| history(&context));
        let streamable = Theme::load(root).ok().zip(search::load_synonyms(root).ok());
        let reuse = reuse.join().ok().flatten();
        (streamable, reuse, history.join().ok().flatten())
    });
    let streamable = match streamable {
        Some(streamable) => streamable,
        None => match unstreamable(&context)? {
            Some(streamable) => streamable,
            None => return Ok(Outcome::Findings),
        },
    };
    let (theme, synonyms) = streamable;
    let built = build_streamed(&context, (&theme, synonyms), reuse, history.as_ref())?;
    if let Some(history) = &history {
        history.history().save_facts();
    }
    let Some((mut shown, published)) = built else {
        return Ok(Outcome::Findings);
    };
    let entries = std::mem::take(&mut shown.entries);
    let counts = Counts::of(&shown.findings);
    let summary = summary(&shown, &published, counts, language);
    let guidelines = summary.guidelines;
    print_messages(&summary);
    free_in_background(shown);
    if let Some(key) = key {
        let pages = (base.is_some() && !entries.is_empty()).then_some(&entries);
        let outputs = [out.path(), index_dir.as_path()];
        let outputs = (outputs.as_slice(), published.listing.as_ref());
        record(&cache, &key, outputs, summary, pages, language);
    }
    print_built(
        guidelines,
        &published,
        out.path(),
        counts,
        started,
        language,
    );
    Ok(Outcome::Clean)
}

/// The theme and the synonyms, which could not be read when the build began: the site is
/// checked first and its errors printed, as `check` prints them (`None`), then why the
/// theme or the synonyms cannot be read (an error). Both read now (changed since): the
/// build goes on with them.
fn unstreamable(context: &BuildContext) -> anyhow::Result<Option<(Theme, search_index::Synonyms)>> {
    let BuildContext {
        root,
        args,
        today,
        progress,
        language,
        ..
    } = *context;
    if stopped_by_check(root, today, args.no_history, progress, language) {
        return Ok(None);
    }
    let theme = load_theme(root, language)?;
    let synonyms = search::load_synonyms(root)
        .map_err(|finding| anyhow::anyhow!("{}", render_human(&[*finding], false, language)))?;
    Ok(Some((theme, synonyms)))
}

/// What a build has at hand from its start to its end.
struct BuildContext<'a> {
    root: &'a Path,
    args: &'a BuildArgs,
    today: Date,
    out: &'a OutputFolder,
    index_dir: &'a Path,
    cache: &'a BuildCache,
    /// The hash of the inputs but the guidelines' own text, when they could all be read.
    base: Option<blake3::Hash>,
    /// The hash of each guideline's text, read with the others (empty when `base` is none).
    texts: TextHashes,
    history_head: &'a Result<String, Unavailable>,
    progress: &'a Progress,
    language: Language,
}

/// The history at the HEAD the build's key holds, when there is one and it can be read (else
/// the build goes on without, and says why).
fn history(context: &BuildContext) -> Option<Arc<HistoryPages>> {
    context.history_head.as_ref().ok()?;
    match SiteHistory::load(context.root) {
        Ok(history) => Some(Arc::new(HistoryPages::new(Arc::new(history), context.root))),
        Err(why) => {
            eprintln!("{}", super::check::history_note(&why, context.language));
            None
        }
    }
}

/// The build with the guidelines streamed through it (with `history`'s earlier versions and
/// badge checks, when it has one), reusing the last build's pages that `reuse` records:
/// `None` when findings stopped it (they are printed).
fn build_streamed(
    context: &BuildContext,
    (theme, synonyms): (&Theme, search_index::Synonyms),
    reuse: Option<PageReuse>,
    history: Option<&Arc<HistoryPages>>,
) -> anyhow::Result<Option<(Shown, Published)>> {
    let BuildContext {
        args,
        progress,
        language,
        ..
    } = *context;
    let options = RenderOptions {
        drafts: args.drafts,
        today: context.today,
    };
    // The first pass renders each guideline it parses into the new site's staging folder.
    let staging = begin_staging(&streamed_output(context.out, reuse.as_ref()))?;
    let first = FirstRender {
        theme,
        options,
        staging: &staging,
        history,
    };
    let Some(survey) = survey(context, theme, synonyms, &first) else {
        // Nothing is published: the old site stays.
        let _ = staging.discard();
        return Ok(None);
    };
    let (drafts, published) = survey.counts();
    let terms = search::KeptTerms {
        dir: context.cache.terms_dir(),
        reuse: !args.no_cache,
    };
    let mut not_forgotten = None;
    let (built, findings, entries) = publish_streamed(
        survey,
        theme,
        options,
        context.out,
        context.index_dir,
        Some(staging),
        reuse.as_ref(),
        Some(&terms),
        |findings| {
            if Counts::of(findings).errors > 0 {
                return false;
            }
            // From here the output changes: the record of the last build no longer
            // describes it.
            not_forgotten = context.cache.forget().err();
            not_forgotten.is_none()
        },
        |stage| progress.step(&stage.label(), language),
    )?;
    if let Some(err) = not_forgotten {
        return Err(anyhow::Error::new(err).context(
            message!("error-cache-not-cleared", folder = CACHE_DIR).in_language(language),
        ));
    }
    progress.finish();
    let Some(built) = built else {
        eprint!(
            "{}",
            render_human(&findings, std::io::stderr().is_terminal(), language)
        );
        eprintln!("{}", format(language, "build-not-published", &[]));
        return Ok(None);
    };
    let shown = Shown {
        findings,
        published,
        drafts,
        entries,
    };
    Ok(Some((shown, built)))
}

/// The streamed build's first pass, unchanged guidelines taken from the build cache: `None`
/// when the configuration stops it (the finding is printed).
fn survey(
    context: &BuildContext,
    theme: &Theme,
    synonyms: search_index::Synonyms,
    first: &FirstRender,
) -> Option<Survey> {
    let BuildContext {
        root,
        args,
        progress,
        language,
        ..
    } = *context;
    progress.step(&message!("progress-checking"), language);
    // `--no-cache` parses every guideline but still keeps what it made, for the next build.
    let surveyed = context.base.map(|base| {
        SurveyCache::new(root, base, args.drafts, !args.no_cache)
            .with_text_hashes(context.texts.clone())
    });
    let survey = Survey::of(
        root,
        args.base_url.clone(),
        args.drafts,
        &search::SearchLabels::of(theme),
        synonyms,
        surveyed.as_ref(),
        Some(first),
    );
    if let Err(finding) = &survey {
        let shown = std::slice::from_ref(finding.as_ref());
        eprint!(
            "{}",
            render_human(shown, std::io::stderr().is_terminal(), language)
        );
    }
    if let Err(why) = context.history_head
        && !matches!(why, Unavailable::TurnedOff)
        && survey.is_ok()
    {
        eprintln!("{}", super::check::history_note(why, language));
    }
    survey.ok()
}

/// What the build may reuse of the last one's guideline pages: nothing when its inputs could
/// not all be read. `--no-cache` reuses nothing but still records what it made, for the next
/// build.
fn page_reuse(context: &BuildContext) -> Option<PageReuse> {
    context.base.map(|base| PageReuse {
        base,
        previous: if context.args.no_cache {
            Entries::new()
        } else {
            context.cache.pages().previous(context.out.path())
        },
    })
}

/// What a build says of the site: its findings, how many guidelines it published, and how
/// many there are in all.
struct Shown {
    findings: Vec<Diagnostic>,
    published: usize,
    drafts: usize,
    /// The files each guideline's pages made (a streamed build's only).
    entries: Entries,
}

/// The folder `--out` names, unless writing there could lose files no build wrote.
fn output_folder(root: &Path, args: &BuildArgs) -> anyhow::Result<OutputFolder> {
    let out = OutputFolder::choose(root, &args.out, args.force).map_err(|why| {
        let refused = message!(
            "error-build-refused",
            folder = args.out.display().to_string()
        );
        Failure::new(refused, Failure::alone(why.message()))
    })?;
    Ok(out.precompressed(args.precompress))
}

/// The site's theme. The search index reads `synonyms.toml` again while publishing; it is
/// read here too, so a bad file stops the build in the reader's language rather than the
/// site's, before anything is written.
fn load_theme(root: &Path, language: Language) -> anyhow::Result<Theme> {
    let theme = Theme::load(root)
        .with_context(|| message!("error-theme-unloadable").in_language(language))?;
    if root.join(search::SYNONYMS_FILE).exists()
        && let Err(finding) = search::load_synonyms(root)
    {
        anyhow::bail!("{}", render_human(&[*finding], false, language));
    }
    Ok(theme)
}

/// Notes the build in the cache, for the next build to see whether anything changed, and
/// with `pages` the files each guideline's pages made, for the next build to reuse. A build
/// that cannot record itself is still a build: the next one runs in full.
fn record(
    cache: &BuildCache,
    key: &InputKey,
    (outputs, listed): (&[&Path], Option<&SiteListing>),
    summary: Summary,
    pages: Option<&Entries>,
    language: Language,
) {
    if let Err(err) = cache.record_with_pages(key, outputs, listed, summary, pages) {
        let args = [
            ("folder", Arg::from(CACHE_DIR)),
            ("error", Arg::from(err.to_string())),
        ];
        eprintln!("{}", format(language, "build-cache-not-written", &args));
    }
}

/// The build's warnings and notes, in colour on a terminal.
fn print_messages(summary: &Summary) {
    eprint!(
        "{}",
        if std::io::stderr().is_terminal() {
            &summary.messages_color
        } else {
            &summary.messages_plain
        }
    );
}

/// The closing line of a published build: what it built and wrote, and how long it took.
fn print_built(
    guidelines: usize,
    published: &Published,
    out: &Path,
    counts: Counts,
    started: Instant,
    language: Language,
) {
    let built = format(
        language,
        "build-summary",
        &[
            ("guidelines", Arg::from(guidelines)),
            ("pages", Arg::from(published.pages)),
            ("written", Arg::from(published.write.written)),
            ("unchanged", Arg::from(published.write.unchanged)),
            ("out", Arg::from(out.display().to_string())),
            ("warnings", Arg::from(counts.warnings)),
            ("time", Arg::from(format!("{:.2?}", started.elapsed()))),
        ],
    );
    println!("{built}");
}

/// Checks the site and, unless told not to, its badges against the git history, as `check`
/// does: whether errors stop the build (they are printed).
fn stopped_by_check(
    root: &Path,
    today: Date,
    no_history: bool,
    progress: &Progress,
    language: Language,
) -> bool {
    progress.step(&message!("progress-checking"), language);
    let mut checked = match check_site(root, today) {
        Ok(checked) => checked,
        Err(finding) => {
            eprint!(
                "{}",
                render_human(&[*finding], std::io::stderr().is_terminal(), language)
            );
            return true;
        }
    };
    super::check::add_history_findings(root, &mut checked, no_history, language);
    if Counts::of(&checked.findings).errors > 0 {
        progress.finish();
        eprint!(
            "{}",
            render_human(&checked.findings, std::io::stderr().is_terminal(), language)
        );
        eprintln!("{}", format(language, "build-not-published", &[]));
        return true;
    }
    false
}

/// What a published build prints on standard error (its warnings, a note when nothing was
/// published) and the figures the build cache keeps to say it again.
fn summary(shown: &Shown, published: &Published, counts: Counts, language: Language) -> Summary {
    let guidelines = shown.published;
    let messages = |color: bool| {
        let mut text = String::new();
        if counts.warnings > 0 {
            text.push_str(&render_human(&shown.findings, color, language));
        }
        if guidelines == 0 {
            text.push_str(&nothing_published(shown.drafts).in_language(language));
            text.push('\n');
        }
        text
    };
    let (messages_plain, messages_color) = rayon::join(|| messages(false), || messages(true));
    Summary {
        guidelines,
        pages: published.pages,
        files: published.write.written + published.write.unchanged,
        warnings: counts.warnings,
        messages_plain,
        messages_color,
    }
}

/// What a build reads besides the site's files: its settings and the history's HEAD.
fn settings(
    args: &BuildArgs,
    today: Date,
    out: &OutputFolder,
    index_dir: &Path,
    history_head: &Result<String, Unavailable>,
    language: Language,
) -> Settings {
    Settings {
        drafts: args.drafts,
        language: format!("{language:?}"),
        today: today.to_string(),
        base_url: args.base_url.clone(),
        precompress: args.precompress,
        history: match history_head {
            Ok(head) => format!("at {head}"),
            Err(why) => format!("none: {why}"),
        },
        out: out.path().display().to_string(),
        index: index_dir.display().to_string(),
    }
}

/// A build skipped because its inputs and its output are as the last build left them: says
/// what that build said.
fn print_unchanged(
    last: &Summary,
    history_head: &Result<String, Unavailable>,
    out: &Path,
    started: Instant,
    language: Language,
) {
    if let Err(why) = history_head
        && !matches!(why, Unavailable::TurnedOff)
    {
        eprintln!("{}", super::check::history_note(why, language));
    }
    print_messages(last);
    let built = format(
        language,
        "build-summary-unchanged",
        &[
            ("guidelines", Arg::from(last.guidelines)),
            ("pages", Arg::from(last.pages)),
            ("unchanged", Arg::from(last.files)),
            ("out", Arg::from(out.display().to_string())),
            ("warnings", Arg::from(last.warnings)),
            ("time", Arg::from(format!("{:.2?}", started.elapsed()))),
        ],
    );
    println!("{built}");
}

/// Says why a build published no guideline page: an empty site, or only drafts.
fn nothing_published(drafts: usize) -> Message {
    if drafts == 0 {
        message!("build-no-guideline", folder = crate::site::GUIDELINES_DIR)
    } else {
        message!("build-only-drafts", drafts = drafts)
    }
}

/// A spinner on a terminal, nothing otherwise.
struct Progress(Option<indicatif::ProgressBar>);

impl Progress {
    fn new() -> Self {
        if std::io::stderr().is_terminal() {
            let bar = indicatif::ProgressBar::new_spinner();
            bar.enable_steady_tick(std::time::Duration::from_millis(120));
            Self(Some(bar))
        } else {
            Self(None)
        }
    }
    fn step(&self, label: &Message, language: Language) {
        if let Some(bar) = &self.0 {
            bar.set_message(label.in_language(language));
        }
    }
    fn finish(&self) {
        if let Some(bar) = &self.0 {
            bar.finish_and_clear();
        }
    }
}

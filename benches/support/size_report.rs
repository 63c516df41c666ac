//! How the benchmark of one size reports: the table of stages against the baseline, the
//! JSON figures, and the growth table across sizes.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::json;

use super::search_bench::{Downloads, print_downloads};
use super::size_bench::{Figures, SizeResult};
use super::stats::{ms, us};

fn row(name: &str, value: Duration, baseline: Duration, extra: &str) {
    let ratio = value.as_secs_f64() / baseline.as_secs_f64().max(1e-9);
    println!(
        "  {name:<34} {:>10.1} ms {:>9.1}× read  {extra}",
        ms(value),
        ratio
    );
}

/// The table of one size: every stage against the baseline, then the search figures.
pub fn print(f: &Figures) {
    print_build(f);
    print_rebuilds(f);
    print_search(f);
}

fn print_build(f: &Figures) {
    let (n, baseline, b) = (f.n, f.baseline, &f.build);
    println!(
        "  {:<34} {:>13} {:>15}",
        "stage (median)", "time", "vs read"
    );
    row("read the corpus files (baseline)", baseline, baseline, "");
    row("check (load+parse+validate)", f.check, baseline, "");
    row(
        "build: load + parse",
        b.load,
        baseline,
        &format!("{:.2} ms/guideline", ms(b.load) / n as f64),
    );
    row("build: validate", b.validate, baseline, "");
    row("build: search units (analyzed)", b.units, baseline, "");
    row("build: static index", b.static_index, baseline, "");
    row(
        "build: render",
        b.render,
        baseline,
        "guideline pages written too",
    );
    row(
        "build: tantivy (beside the two above)",
        b.tantivy,
        baseline,
        "own thread",
    );
    row("build: waiting for tantivy", b.waiting, baseline, "");
    row(
        "build: write (the rest)",
        b.write,
        baseline,
        &format!(
            "{} files, {:.1} MB in all",
            b.files,
            f.output_bytes as f64 / 1e6
        ),
    );
    println!(
        "  largest output files: HTML {:.1} KB ({}), JSON {:.1} KB ({}); limits 300 KB and 2,048 KB",
        f.largest.html.0 as f64 / 1024.0,
        f.largest.html.1,
        f.largest.json.0 as f64 / 1024.0,
        f.largest.json.1
    );
    row(
        "build: total",
        b.total,
        baseline,
        &format!("{:.2} ms/guideline", ms(b.total) / n as f64),
    );
    let m = &f.memory;
    row(
        "build in a fresh process",
        m.wall,
        baseline,
        &format!(
            "peak RSS {:.0} MiB (checked {:.0}, indexed {:.0}, rendered {:.0})",
            m.hwm_kib as f64 / 1024.0,
            m.resident_kib[0] as f64 / 1024.0,
            m.resident_kib[1] as f64 / 1024.0,
            m.resident_kib[2] as f64 / 1024.0,
        ),
    );
}

fn print_rebuilds(f: &Figures) {
    let (baseline, b, cached) = (f.baseline, &f.build, &f.cached);
    row(
        "no-change rebuild: total",
        b.rebuild,
        baseline,
        &format!("{} files unchanged", b.unchanged),
    );
    row("no-change rebuild: write", b.rebuild_write, baseline, "");
    row(
        "one guideline saved (serve)",
        f.one,
        baseline,
        &format!("p90 {:.1} ms", ms(f.one_p90)),
    );
    let vs_fresh = |d: Duration| {
        format!(
            "{:.2}x a fresh build",
            d.as_secs_f64() / cached.fresh.as_secs_f64()
        )
    };
    row(
        "retning build --no-cache (process)",
        cached.fresh,
        baseline,
        "",
    );
    row(
        "retning build, nothing changed",
        cached.nothing_changed,
        baseline,
        &vs_fresh(cached.nothing_changed),
    );
    row(
        "retning build, one guideline changed",
        cached.one_changed,
        baseline,
        &vs_fresh(cached.one_changed),
    );
    row(
        "retning build, a section added to one",
        cached.section_added,
        baseline,
        &vs_fresh(cached.section_added),
    );
}

fn print_search(f: &Figures) {
    let s = &f.search;
    println!(
        "  tantivy: open {:.1} ms; {} queries: p50 {:.0} µs, p99 {:.0} µs ({} with no hit)",
        ms(s.open),
        s.queries,
        us(s.p50),
        us(s.p99),
        s.empty
    );
    println!(
        "  static index: {} files, {:.1} MB; bytes a browser downloads per query (meta + chunks + top-10 fragments):",
        s.static_files,
        s.index_bytes as f64 / 1e6
    );
    print_downloads("", &s.downloads);

    println!(
        "  typos: {} two-word queries with a misspelt word, {} corrected, {} with no hit; tantivy p50 {:.0} µs, p99 {:.0} µs; typo side table {} files, {:.1} MB",
        s.typos,
        s.typo_corrected,
        s.typo_empty,
        us(s.typo_p50),
        us(s.typo_p99),
        s.typo_files,
        s.typo_bytes as f64 / 1e6
    );
    print_downloads("typo ", &s.typo_downloads);
}

/// (name, median) of every timed thing, for the growth table and the JSON `ms` figures.
pub fn scaling_figures(f: &Figures) -> Vec<(&'static str, Duration)> {
    let b = &f.build;
    vec![
        ("read the corpus files", f.baseline),
        ("check", f.check),
        ("build: load + parse", b.load),
        ("build: validate", b.validate),
        ("build: search units", b.units),
        ("build: static index", b.static_index),
        ("build: render", b.render),
        ("build: tantivy (own thread)", b.tantivy),
        ("build: write", b.write),
        ("build: total", b.total),
        ("no-change rebuild", b.rebuild),
    ]
}

fn downloads_json(downloads: &[Downloads]) -> Vec<serde_json::Value> {
    downloads
        .iter()
        .map(|d| {
            json!({
                "words": d.words, "queries": d.count,
                "raw_p50": d.raw_p50, "gzip_p50": d.gz_p50, "raw_p90": d.raw_p90, "gzip_p90": d.gz_p90,
            })
        })
        .collect()
}

/// The figures of one size as `RETNING_BENCH_JSON` keeps them.
pub fn json(f: &Figures) -> serde_json::Value {
    let (b, s, m, cached) = (&f.build, &f.search, &f.memory, &f.cached);
    json!({
        "guidelines": f.n,
        "words": f.corpus.words,
        "corpus_bytes": f.corpus.bytes,
        "output_files": b.files,
        "output_bytes": f.output_bytes,
        "largest_html": {"bytes": f.largest.html.0, "path": f.largest.html.1},
        "largest_json": {"bytes": f.largest.json.0, "path": f.largest.json.1},
        "ms": scaling_figures(f).iter().map(|(k, v)| (k.to_string(), ms(*v))).collect::<BTreeMap<_, _>>(),
        "fresh_process_build_ms": ms(m.wall),
        "peak_rss_mib": m.hwm_kib as f64 / 1024.0,
        "resident_mib": {
            "checked": m.resident_kib[0] as f64 / 1024.0,
            "indexed": m.resident_kib[1] as f64 / 1024.0,
            "rendered": m.resident_kib[2] as f64 / 1024.0,
        },
        "one_guideline_ms": {"p50": ms(f.one), "p90": ms(f.one_p90)},
        "cached_build_ms": {
            "fresh": ms(cached.fresh),
            "nothing_changed": ms(cached.nothing_changed),
            "one_changed": ms(cached.one_changed),
            "section_added": ms(cached.section_added),
        },
        "tantivy": {"open_ms": ms(s.open), "p50_us": us(s.p50), "p99_us": us(s.p99), "queries": s.queries, "no_hit": s.empty},
        "typos": {
            "queries": s.typos, "corrected": s.typo_corrected, "no_hit": s.typo_empty,
            "tantivy_p50_us": us(s.typo_p50), "tantivy_p99_us": us(s.typo_p99),
            "side_table_files": s.typo_files, "side_table_bytes": s.typo_bytes,
            "downloads": downloads_json(&s.typo_downloads),
        },
        "static_index": {
            "files": s.static_files,
            "bytes": s.index_bytes,
            "downloads": downloads_json(&s.downloads),
        },
    })
}

pub fn print_scaling(results: &[SizeResult]) {
    let (Some(small), Some(large)) = (results.first(), results.last()) else {
        return;
    };
    println!(
        "\n== growth from {} to {} guidelines (time per guideline, large ÷ small; 1.00 is linear) ==",
        small.n, large.n
    );
    for ((name, a), (_, b)) in small.figures.iter().zip(&large.figures) {
        let per_a = a.as_secs_f64() / small.n as f64;
        let per_b = b.as_secs_f64() / large.n as f64;
        println!(
            "  {name:<34} {:>8.1} ms → {:>8.1} ms   {:.2}",
            ms(*a),
            ms(*b),
            per_b / per_a.max(1e-12)
        );
    }
}

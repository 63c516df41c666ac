//! retning's pipeline benchmarks on a generated corpus (docs/performance.md).
//!
//! - `cargo bench` — every benchmark for 300 and 1,000 guidelines of ~8,000 words
//!   (`RETNING_BENCH_SIZES=300` or `=300,1000,3000,10000` for the growth table at scale:
//!   10,000 writes an 825 MB corpus to the temporary folder; `RETNING_BENCH_WORDS`,
//!   `RETNING_BENCH_RUNS`, and
//!   `RETNING_BENCH_JSON=FILE` to keep the figures as JSON), then edit → served in
//!   `retning serve` (`cargo bench --bench pipeline -- serve` alone: `support/serve_bench.rs`).
//! - `cargo test --benches` (or `cargo bench --bench pipeline -- check`) — the self-test: a
//!   small generated corpus passes `retning check` with no finding, builds, and is
//!   deterministic.
//! - `cargo bench --bench pipeline -- gen --guidelines N --words W --out DIR [--hugo DIR]` —
//!   writes a corpus (and the same text as Hugo pages); `benches/hugo.sh` uses it.
//!
//! - `cargo bench --bench pipeline -- terms ROOT [RUNS]` — the search units' analysis at its
//!   parts, fresh and reusing the last build's (`support/terms_bench.rs`).
//!
//! Timings are medians of several runs; each size also times reading the corpus files, the
//! baseline every stage is reported against, since the machine is shared and noisy.

mod support;

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use serde_json::json;

use support::Result;
use support::corpus::{Corpus, Options};
use support::full_build::child_build;
use support::profiling::{downloads, hot, parts};
use support::self_test::self_test;
use support::size_bench::bench_size;
use support::size_report::print_scaling;

fn main() -> ExitCode {
    let bench = std::env::args().any(|a| a == "--bench");
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let result = match args.first().map(String::as_str) {
        Some("gen") => generate(&args[1..]),
        Some("check" | "--check") => self_test(),
        Some("--child-build") => child_build(&args[1..]),
        Some("parts") => parts(&args[1..]),
        Some("hot") => hot(&args[1..]),
        Some("downloads") => downloads(&args[1..]),
        Some("terms") => support::terms_bench::terms(&args[1..]),
        Some("serve") => support::serve_bench::run(),
        _ if bench => benchmarks(),
        // `cargo test --benches` runs the binary without `--bench`: the self-test.
        _ => self_test(),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err}");
            ExitCode::FAILURE
        }
    }
}

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

// ---------------------------------------------------------------------------------------
// gen

fn generate(args: &[String]) -> Result<()> {
    let mut options = Options::default();
    let mut out = None;
    let mut hugo = None;
    let mut it = args.iter();
    while let Some(flag) = it.next() {
        let mut value = || it.next().cloned().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--guidelines" | "-n" => options.guidelines = value()?.parse()?,
            "--words" | "-w" => options.words = value()?.parse()?,
            "--seed" => options.seed = value()?.parse()?,
            "--out" => out = Some(PathBuf::from(value()?)),
            "--hugo" => hugo = Some(PathBuf::from(value()?)),
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    if out.is_none() && hugo.is_none() {
        return Err("give --out DIR (a retning site) and/or --hugo DIR (Hugo content)".into());
    }
    let started = Instant::now();
    let corpus = Corpus::generate(options);
    if let Some(out) = &out {
        corpus.write_retning(out)?;
    }
    if let Some(hugo) = &hugo {
        corpus.write_hugo(hugo)?;
    }
    eprintln!(
        "generated {} guidelines, {} words (seed {}) in {:.2?}",
        corpus.docs.len(),
        corpus.words(),
        options.seed,
        started.elapsed()
    );
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The benchmarks

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

fn benchmarks() -> Result<()> {
    let sizes: Vec<usize> = std::env::var("RETNING_BENCH_SIZES")
        .unwrap_or_else(|_| "300,1000".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let words: usize = env_or("RETNING_BENCH_WORDS", 8000);
    let runs: usize = env_or("RETNING_BENCH_RUNS", 5).max(1);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "retning pipeline benchmarks: sizes {sizes:?}, ~{words} words per guideline, median of {runs} runs, {cores} cores (load average {} at start; the machine may be shared)",
        loadavg()
    );
    let mut results = Vec::new();
    for &n in &sizes {
        results.push(bench_size(n, words, runs)?);
    }
    if results.len() > 1 {
        print_scaling(&results);
    }
    support::serve_bench::run()?;
    println!("load average at the end: {}", loadavg());
    if let Ok(path) = std::env::var("RETNING_BENCH_JSON") {
        let value = json!({
            "words": words,
            "runs": runs,
            "cores": cores,
            "sizes": results.iter().map(|r| &r.json).collect::<Vec<_>>(),
        });
        std::fs::write(&path, serde_json::to_vec_pretty(&value)?)?;
        println!("figures written to {path}");
    }
    Ok(())
}

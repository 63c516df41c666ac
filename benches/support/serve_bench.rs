//! Edit → served, end to end: `retning serve` on a generated corpus, one guideline saved again
//! and again at a fixed interval, and the time from the write to the first GET of its page
//! (over HTTP on 127.0.0.1, polled every millisecond) that has the new text.
//!
//! `cargo bench --bench pipeline -- serve` runs only this; `RETNING_BENCH_SERVE_BEFORE=BIN`
//! times another `retning` binary in the same run (say, one built at an earlier commit), turn
//! about with this one. `RETNING_BENCH_SAVES` (30) saves per interval,
//! `RETNING_BENCH_SAVE_INTERVALS` (`1500,300`, in ms), `RETNING_BENCH_SERVE_SIZE` (1,000
//! guidelines), `RETNING_BENCH_WORDS` (8,000 per guideline).

use std::error::Error;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use super::corpus::{Corpus, Options, TODAY};
use super::stats::{median, ms, percentile};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

/// The first build of 1,000 guidelines on a busy machine.
const STARTUP: Duration = Duration::from_secs(600);
/// A save not served by then counts as a failure of the run.
const SERVED_WITHIN: Duration = Duration::from_secs(30);
const POLL: Duration = Duration::from_millis(1);
/// How the server's line for the site-wide step after a save begins.
const SITE_WIDE: &str = "site-wide check:";

fn env_or<T: std::str::FromStr>(name: &str, default: T) -> T {
    std::env::var(name)
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_default()
}

/// Runs the benchmark with the sizes and counts from the environment.
pub fn run() -> Result<()> {
    let n: usize = env_or("RETNING_BENCH_SERVE_SIZE", 1000);
    let words: usize = env_or("RETNING_BENCH_WORDS", 8000);
    let saves: usize = env_or("RETNING_BENCH_SAVES", 30).max(1);
    let intervals: Vec<u64> = std::env::var("RETNING_BENCH_SAVE_INTERVALS")
        .unwrap_or_else(|_| "1500,300".to_owned())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let mut binaries = vec![(
        "this build".to_owned(),
        PathBuf::from(env!("CARGO_BIN_EXE_retning")),
    )];
    if let Ok(before) = std::env::var("RETNING_BENCH_SERVE_BEFORE") {
        binaries.insert(0, ("before".to_owned(), PathBuf::from(before)));
    }
    println!(
        "\n== edit → served, {n} guidelines, {saves} saves per interval (load average {} at start) ==",
        loadavg()
    );
    let dir = tempfile::tempdir()?;
    let root = dir.path().join("site");
    Corpus::generate(Options {
        guidelines: n,
        words,
        ..Options::default()
    })
    .write_retning(&root)?;
    for (name, binary) in &binaries {
        let server = Server::start(binary, &root)?;
        let (url_path, file) = pick_guideline(&root)?;
        let original = std::fs::read_to_string(&file)?;
        for &interval in &intervals {
            server.rebuild_times();
            let times = time_saves(&server, &file, &original, &url_path, saves, interval)?;
            let p90 = percentile(&times, 90.0).unwrap_or_default();
            let rebuilds = server.rebuild_times();
            println!(
                "  {name:<10} saves {interval:>4} ms apart: median {:>6.1} ms, p90 {:>6.1} ms, min {:.1}, max {:.1}; {} rebuilds, median {:.0} ms as the server reports it (load {})",
                ms(median(times.clone())),
                ms(p90),
                ms(times.iter().min().copied().unwrap_or_default()),
                ms(times.iter().max().copied().unwrap_or_default()),
                rebuilds.len(),
                ms(median(rebuilds)),
                loadavg()
            );
        }
        std::fs::write(&file, &original)?;
    }
    Ok(())
}

/// A guideline in the middle of the site: its page's path and its file.
fn pick_guideline(root: &Path) -> Result<(String, PathBuf)> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(root.join("guidelines"))
        .into_iter()
        .filter_map(|e| e.ok())
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    let file = files.get(files.len() / 2).ok_or("no guideline")?.clone();
    let group = file
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|n| n.to_str())
        .ok_or("no group")?;
    let slug = file.file_stem().and_then(|n| n.to_str()).ok_or("no slug")?;
    Ok((format!("/{group}/{slug}/"), file))
}

/// Saves `file` `saves` times, one save every `interval` ms, each with a sentence of its own;
/// the time from each write to its page being served.
fn time_saves(
    server: &Server,
    file: &Path,
    original: &str,
    url_path: &str,
    saves: usize,
    interval: u64,
) -> Result<Vec<Duration>> {
    let interval = Duration::from_millis(interval);
    let mut times = Vec::with_capacity(saves);
    for k in 0..saves {
        let marker = format!("Gemt i version {interval:?}-{k} af forfatteren.");
        let text = original.replacen(
            "### Rationale\n\n",
            &format!("### Rationale\n\n{marker} "),
            1,
        );
        if text == original {
            return Err("the guideline has no Rationale to edit".into());
        }
        let started = Instant::now();
        std::fs::write(file, text)?;
        loop {
            if server.get(url_path)?.contains(&marker) {
                times.push(started.elapsed());
                break;
            }
            if started.elapsed() > SERVED_WITHIN {
                return Err(format!("save {k} was not served within {SERVED_WITHIN:?}").into());
            }
            std::thread::sleep(POLL);
        }
        std::thread::sleep(interval.saturating_sub(started.elapsed()));
    }
    Ok(times)
}

/// A running `retning serve`; killed when dropped.
struct Server {
    child: Child,
    address: String,
    /// The server's stderr: one line per rebuild, `… in N ms`.
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(binary: &Path, root: &Path) -> Result<Self> {
        let mut child = Command::new(binary)
            .args(["serve", "--port", "0", "--today", TODAY])
            .current_dir(root)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        let stdout = child.stdout.take().ok_or("no stdout")?;
        let stderr = child.stderr.take().ok_or("no stderr")?;
        let (log_tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
                let _ = log_tx.send(line);
            }
        });
        let (lines_tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(|l| l.ok()) {
                let _ = lines_tx.send(line);
            }
        });
        let started = Instant::now();
        let line = lines
            .recv_timeout(STARTUP)
            .map_err(|_| format!("{} printed no URL", binary.display()))?;
        let address = line
            .split_whitespace()
            .find_map(|w| w.strip_prefix("http://"))
            .map(|a| a.trim_end_matches('/').to_owned())
            .ok_or_else(|| format!("no URL in {line:?}"))?;
        let server = Self {
            child,
            address,
            log,
        };
        // Times are of a steady preview: the first search index is built too.
        while !server
            .get("/api/search?q=behandling")?
            .starts_with("HTTP/1.1 200")
        {
            if started.elapsed() > STARTUP {
                return Err("the search index was not built".into());
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        println!(
            "  {}: first build served and indexed in {:.1} s",
            binary.display(),
            started.elapsed().as_secs_f64()
        );
        Ok(server)
    }

    /// The times of the saves' own rebuilds the server reported since the last call (not of
    /// the site-wide checks that follow them off the fast path).
    fn rebuild_times(&self) -> Vec<Duration> {
        self.log
            .try_iter()
            .filter(|line| !line.starts_with(SITE_WIDE))
            .filter_map(|line| {
                let (_, after) = line.rsplit_once(" in ")?;
                let ms = after.split_whitespace().next()?.parse().ok()?;
                Some(Duration::from_millis(ms))
            })
            .collect()
    }

    /// The whole response, status line and headers included.
    fn get(&self, path: &str) -> Result<String> {
        let mut stream = TcpStream::connect(&self.address)?;
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.address
        )?;
        let mut bytes = Vec::new();
        stream.read_to_end(&mut bytes)?;
        Ok(String::from_utf8_lossy(&bytes).into_owned())
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

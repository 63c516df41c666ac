//! The search benchmarks: typical queries, tantivy's query times, and what a browser downloads
//! from the static index per query.

use std::collections::{BTreeMap, HashMap};
use std::io::Write as _;
use std::path::Path;
use std::time::{Duration, Instant};

use search_index::Engine;
use search_index::static_index::{StaticFiles, StaticIndex};

use super::corpus::Rng;
use super::stats::percentile;
use super::words;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// ~`n` typical queries: single words (plain, inflected, compounds, drugs, prefixes as typed,
/// æøå written as ae/oe/aa), pairs and a few triples. Deterministic.
pub fn queries(n: usize) -> Vec<String> {
    let mut rng = Rng::new(42);
    let word = |rng: &mut Rng| -> String {
        match rng.below(8) {
            0 | 1 => rng.zipf(words::NOUNS).to_string(),
            2 => format!("{}{}", rng.zipf(words::HEADS), rng.zipf(words::TAILS)),
            3 => rng.zipf(words::DRUGS).to_string(),
            4 => rng.zipf(words::ADJECTIVES).to_string(),
            5 => {
                // Search-as-you-type: the first letters of a compound.
                let w = format!("{}{}", rng.zipf(words::HEADS), rng.zipf(words::TAILS));
                let cut = rng.range(4, 8);
                w.chars().take(cut).collect()
            }
            6 => rng
                .zipf(words::NOUNS)
                .replace('æ', "ae")
                .replace('ø', "oe")
                .replace('å', "aa"),
            _ => rng
                .pick(words::TOPICS)
                .split_whitespace()
                .next()
                .unwrap_or("kræft")
                .to_lowercase(),
        }
    };
    (0..n)
        .map(|i| {
            let count = match i % 10 {
                0..=4 => 1,
                5..=8 => 2,
                _ => 3,
            };
            (0..count)
                .map(|_| word(&mut rng))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect()
}

/// ~`n` two-word queries with a typo in a word of 5+ letters, as a phone makes them: a letter
/// replaced by its neighbour on the keyboard row, or dropped; two such edits in a word of 9+
/// letters. The typo fallback's worst case for downloads: one word must be corrected.
pub fn typo_queries(n: usize) -> Vec<String> {
    const ROW: &str = "qwertyuiopasdfghjklzxcvbnm";
    let mut rng = Rng::new(7);
    let mut out = Vec::new();
    let pairs = queries(n * 6)
        .into_iter()
        .filter(|q| q.split_whitespace().count() == 2);
    for q in pairs {
        let mut words: Vec<String> = q.split_whitespace().map(str::to_owned).collect();
        let Some(i) = (0..2).find(|&i| words[i].chars().count() >= 5) else {
            continue;
        };
        let mut letters: Vec<char> = words[i].chars().collect();
        let edits = if letters.len() >= 9 { 2 } else { 1 };
        for _ in 0..edits {
            let at = rng.range(1, letters.len() - 1);
            if rng.below(2) == 0 {
                letters.remove(at);
            } else if let Some(k) = ROW.find(letters[at]) {
                let neighbour = ROW.as_bytes()[(k + 1) % ROW.len()] as char;
                letters[at] = neighbour;
            } else {
                letters.remove(at);
            }
        }
        words[i] = letters.into_iter().collect();
        out.push(words.join(" "));
        if out.len() == n {
            break;
        }
    }
    out
}

/// How many of `queries` the static index corrects (a word that found nothing replaced).
pub fn corrected_count(files: &StaticFiles, queries: &[String]) -> Result<usize> {
    let index = StaticIndex::decode(&files.meta, |name| files.files.get(name).cloned())?;
    Ok(queries
        .iter()
        .filter(|q| index.query_corrected(q, None, 10).corrected_query.is_some())
        .count())
}

pub fn bench_tantivy(
    index: &Path,
    queries: &[String],
) -> Result<(Duration, Duration, Duration, usize)> {
    let t = Instant::now();
    let engine = Engine::open(index)?;
    let open = t.elapsed();
    let mut times = Vec::new();
    let mut empty = 0;
    for pass in 0..3 {
        for q in queries {
            let t = Instant::now();
            let hits = engine.search(q, None, 10)?;
            let elapsed = t.elapsed();
            // The first pass warms the caches.
            if pass > 0 {
                times.push(elapsed);
            } else if hits.is_empty() {
                empty += 1;
            }
        }
    }
    Ok((
        open,
        percentile(&times, 50.0).unwrap_or_default(),
        percentile(&times, 99.0).unwrap_or_default(),
        empty,
    ))
}

pub struct Downloads {
    pub words: usize,
    pub count: usize,
    pub raw_p50: usize,
    pub gz_p50: usize,
    pub raw_p90: usize,
    pub gz_p90: usize,
}

/// Bytes a browser downloads for a query (search-index/FORMAT.md): exactly the files the reader
/// fetches (`StaticIndex::files_for_query`: the meta file, the chunks each query word needs and
/// the fragment files of the top 10 results); raw and gzip-compressed, file by file as a
/// server sends them.
pub fn static_downloads(files: &StaticFiles, queries: &[String]) -> Result<Vec<Downloads>> {
    let index = StaticIndex::decode(&files.meta, |name| files.files.get(name).cloned())?;
    let mut gz_cache: HashMap<String, usize> = HashMap::new();
    let mut sizes = |name: &str| -> Result<(usize, usize)> {
        let bytes = files
            .files
            .get(name)
            .ok_or_else(|| format!("missing {name}"))?;
        if let Some(&size) = gz_cache.get(name) {
            return Ok((bytes.len(), size));
        }
        let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        encoder.write_all(bytes)?;
        let size = encoder.finish()?.len();
        gz_cache.insert(name.to_owned(), size);
        Ok((bytes.len(), size))
    };
    let mut by_words: BTreeMap<usize, Vec<(usize, usize)>> = BTreeMap::new();
    for q in queries {
        if index.query_words(q).is_empty() {
            continue;
        }
        let needed = index.files_for_query(q, None, 10);
        let (mut raw, mut compressed) = (0, 0);
        for f in &needed {
            let (r, c) = sizes(f)?;
            raw += r;
            compressed += c;
        }
        by_words
            .entry(q.split_whitespace().count())
            .or_default()
            .push((raw, compressed));
    }
    Ok(by_words
        .into_iter()
        .map(|(words, sizes)| {
            let raw: Vec<usize> = sizes.iter().map(|s| s.0).collect();
            let gz: Vec<usize> = sizes.iter().map(|s| s.1).collect();
            Downloads {
                words,
                count: sizes.len(),
                raw_p50: percentile(&raw, 50.0).unwrap_or(0),
                gz_p50: percentile(&gz, 50.0).unwrap_or(0),
                raw_p90: percentile(&raw, 90.0).unwrap_or(0),
                gz_p90: percentile(&gz, 90.0).unwrap_or(0),
            }
        })
        .collect())
}

//! `terms ROOT [RUNS]`: the search units' analysis at its parts, fresh and reusing the last
//! build's (one unit changed), in wall and process CPU time (medians).

use std::path::Path;
use std::time::{Duration, Instant};

use search_index::{KeptAnalysis, Synonyms, TermStats, static_index};

use retning::search::{self, SearchLabels};
use retning::site::Site;

use super::Result;
use super::stats::{median, ms};

/// This process's CPU time (user and system, every thread), from `/proc/self/stat`.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, r)| r.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<u64>().ok())
            .unwrap_or(0)
    };
    // utime and stime are fields 14 and 15 (the 12th and 13th after the name), in 1/100 s.
    Duration::from_millis((ticks(11) + ticks(12)) * 10)
}

pub fn terms(args: &[String]) -> Result<()> {
    let root = Path::new(args.first().ok_or("terms ROOT [RUNS]")?);
    let runs: usize = args.get(1).and_then(|r| r.parse().ok()).unwrap_or(5);
    let site = Site::load(root).map_err(|d| d.message.to_string())?.site;
    let labels = SearchLabels::of(&retning::render::Theme::load(root)?);
    let (docs, groups) = search::ordered_units(&site, false, &labels);
    let synonyms = Synonyms::default_list();
    let phrases = synonyms.phrases();
    let dir = tempfile::tempdir()?;
    let file = dir.path().join("terms");
    let mut changed = docs.clone();
    let middle = changed.len() / 2;
    changed[middle]
        .text
        .push_str(" Endnu en sætning om kvarkstjerner.");
    let mut times: Vec<(&str, Vec<Duration>, Vec<Duration>)> = Vec::new();
    let mut time = |name: &'static str, f: &mut dyn FnMut()| {
        let (t, c) = (Instant::now(), cpu());
        f();
        let (wall, cpu) = (t.elapsed(), cpu() - c);
        match times.iter_mut().find(|(n, _, _)| *n == name) {
            Some((_, w, c)) => {
                w.push(wall);
                c.push(cpu);
            }
            None => times.push((name, vec![wall], vec![cpu])),
        }
    };
    for _ in 0..runs {
        time("with_phrases (fresh, nothing kept)", &mut || {
            std::hint::black_box(TermStats::with_phrases(&docs, phrases));
        });
        let mut stats = None;
        time("reusing, nothing to reuse (fresh + keys)", &mut || {
            stats = Some(TermStats::reusing(
                &docs, None, &groups, phrases, "bench", None,
            ));
        });
        time("write_analysis", &mut || {
            if let Some(stats) = &stats {
                let _ = stats.write_analysis(&file);
            }
        });
        drop(stats);
        let mut kept = None;
        time("KeptAnalysis::read", &mut || {
            kept = KeptAnalysis::read(&file)
        });
        time("reusing, one unit changed (after read)", &mut || {
            std::hint::black_box(TermStats::reusing(
                &changed,
                None,
                &groups,
                phrases,
                "bench",
                kept.take(),
            ));
        });
        time("fragment_text of every unit (take_texts)", &mut || {
            for doc in &docs {
                std::hint::black_box(static_index::fragment_text(&doc.text));
            }
        });
    }
    println!("{:<44} {:>9} {:>9}", "part", "wall ms", "cpu ms");
    for (name, wall, cpu) in times {
        println!(
            "{name:<44} {:>9.1} {:>9.1}",
            ms(median(wall)),
            ms(median(cpu))
        );
    }
    Ok(())
}

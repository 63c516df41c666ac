//! `retning build` as a reader runs it, through the build cache (`.retning/build/`): a fresh
//! build (`--no-cache`), a build with nothing changed, a build after one guideline changed
//! (a sentence) and one after a section was added to it (its units, and every later unit's
//! id, move), each in a process of its own, timed in the same run so their ratios hold on a
//! shared machine.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use super::stats::median;

type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Medians of each kind of build.
pub struct CachedBuilds {
    pub fresh: Duration,
    pub nothing_changed: Duration,
    pub one_changed: Duration,
    pub section_added: Duration,
}

/// Times `retning build` on the site at `root` (writing into `out`), `runs` times each.
/// `guideline` is the file the "one changed" builds alternate between two versions of.
pub fn measure(
    root: &Path,
    out: &Path,
    guideline: &Path,
    today: &str,
    runs: usize,
) -> Result<CachedBuilds> {
    let build = |extra: &[&str]| -> Result<Duration> {
        let started = Instant::now();
        let output = Command::new(env!("CARGO_BIN_EXE_retning"))
            .arg("--root")
            .arg(root)
            .args(["build", "--no-history", "--today", today, "--out"])
            .arg(out)
            .args(extra)
            .output()?;
        let took = started.elapsed();
        if !output.status.success() {
            return Err(format!(
                "retning build failed: {}",
                String::from_utf8_lossy(&output.stderr)
            )
            .into());
        }
        Ok(took)
    };
    let runs = runs.max(3);
    let fresh = median(
        (0..runs)
            .map(|_| build(&["--no-cache"]))
            .collect::<Result<_>>()?,
    );
    let nothing_changed = median((0..runs).map(|_| build(&[])).collect::<Result<_>>()?);
    // One guideline changed, then changed back, and so on: every build sees one change.
    let original = std::fs::read_to_string(guideline)?;
    let alternating = |edited: &str| -> Result<Duration> {
        let mut took = Vec::new();
        for run in 0..runs {
            let text = if run % 2 == 0 { edited } else { &original };
            std::fs::write(guideline, text)?;
            took.push(build(&[])?);
        }
        std::fs::write(guideline, &original)?;
        Ok(median(took))
    };
    let one_changed = alternating(&format!(
        "{original}\nEn sætning tilføjet ved en rettelse.\n"
    ))?;
    let section = "## Nyt afsnit\n\nEt afsnit tilføjet ved en rettelse.\n\n## ";
    let with_section = original.replacen("\n## ", &format!("\n{section}"), 1);
    if with_section == original {
        return Err("the guideline has no section to add one before".into());
    }
    let section_added = alternating(&with_section)?;
    Ok(CachedBuilds {
        fresh,
        nothing_changed,
        one_changed,
        section_added,
    })
}

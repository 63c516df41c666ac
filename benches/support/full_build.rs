//! One full build, stage by stage (what `retning build` does), in this process or in a
//! fresh one that reports its memory.

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use retning::diagnostics::{self, Counts};
use retning::output::OutputFolder;
use retning::publish::{Timings, publish};
use retning::render::{RenderOptions, Theme};
use retning::site::Site;
use retning::validate::validate;

use super::{Result, today};

#[derive(Debug, Clone, Default)]
pub struct Stages {
    pub load: Duration,
    pub validate: Duration,
    /// `publish`'s own stages; `tantivy` runs beside `static_index` and `render`.
    pub timings: Timings,
    /// The whole build, wall time.
    pub total: Duration,
    pub files: usize,
    pub unchanged: usize,
}

impl Stages {
    pub fn total(&self) -> Duration {
        self.total
    }
}

/// `retning build`, timed by stage: load+parse and validate (`check_site`'s parts), then
/// `publish` (both search indexes, the pages, the atomic write) as `retning build` runs it.
/// `step` hears where the build is, as `retning build`'s progress line does: "checked", then
/// each of `publish`'s stages.
pub fn build_once(
    root: &Path,
    out: &Path,
    index_dir: &Path,
    step: impl Fn(&'static str),
) -> Result<Stages> {
    let today = today()?;
    let started = Instant::now();
    let t = Instant::now();
    let loaded = Site::load(root).map_err(|d| d.message.to_string())?;
    let load = t.elapsed();

    let t = Instant::now();
    let mut findings = loaded.findings;
    findings.extend(validate(&loaded.site, today));
    diagnostics::sort(&mut findings);
    let validate = t.elapsed();
    if Counts::of(&findings).errors > 0 {
        return Err("the corpus has errors".into());
    }
    let site = loaded.site;
    step("checked");
    let theme = Theme::load(root)?;
    let options = RenderOptions {
        drafts: false,
        today,
    };
    let out = OutputFolder::choose(root, out, false)?;
    let published = publish(
        &site,
        &theme,
        options,
        &retning::render::Archive::default(),
        &out,
        index_dir,
        |stage| step(stage.name()),
    )?;
    Ok(Stages {
        load,
        validate,
        timings: published.timings,
        total: started.elapsed(),
        files: published.files,
        unchanged: published.write.unchanged,
    })
}

/// Run in a child process: one full build, then its peak resident memory, and how much was
/// resident at three points: the site loaded and checked; the search units and the static
/// index made (tantivy indexing beside them); the pages rendered.
pub fn child_build(args: &[String]) -> Result<()> {
    let [root, out, index] = args else {
        return Err("--child-build ROOT OUT INDEX".into());
    };
    let started = Instant::now();
    let resident = std::sync::Mutex::new(Vec::new());
    build_once(Path::new(root), Path::new(out), Path::new(index), |stage| {
        let kib = memory_kib("VmRSS:").unwrap_or(0);
        if let Ok(mut resident) = resident.lock() {
            resident.push((stage, kib));
        }
    })?;
    let wall = started.elapsed();
    let hwm = memory_kib("VmHWM:")?;
    let stages = resident.into_inner().unwrap_or_default();
    let at = |stage: &str| {
        stages
            .iter()
            .find(|(s, _)| *s == stage)
            .map_or(0, |&(_, kib)| kib)
    };
    println!(
        "CHILD vmhwm_kib={hwm} wall_ms={} checked_kib={} indexed_kib={} rendered_kib={}",
        wall.as_millis(),
        at("checked"),
        at("Renderer sider"),
        at("Skriver"),
    );
    Ok(())
}

/// A figure of this process's memory from `/proc/self/status` (`VmRSS:`, `VmHWM:`), in KiB.
pub fn memory_kib(key: &str) -> Result<u64> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    status
        .lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .ok_or_else(|| format!("no {key} in /proc/self/status").into())
}

/// what was resident after the check, after both indexes were made and after the render.
pub struct Child {
    pub wall: Duration,
    pub hwm_kib: u64,
    pub checked_kib: u64,
    pub indexed_kib: u64,
    pub rendered_kib: u64,
}

/// A full build in a child process, into folders of its own (`run` numbers them).
pub fn peak_memory(root: &Path, scratch: &Path, run: usize) -> Result<Child> {
    let out = scratch.join(format!("child-public-{run}"));
    let index = scratch.join(format!("child-index-{run}"));
    let output = Command::new(std::env::current_exe()?)
        .arg("--child-build")
        .arg(root)
        .arg(&out)
        .arg(&index)
        .output()?;
    if !output.status.success() {
        return Err(format!(
            "the child build failed: {}",
            String::from_utf8_lossy(&output.stderr)
        )
        .into());
    }
    let stdout = String::from_utf8_lossy(&output.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("CHILD "))
        .ok_or("the child printed no figures")?;
    let field = |name: &str| -> Option<u64> {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(name))
            .and_then(|v| v.parse().ok())
    };
    Ok(Child {
        wall: Duration::from_millis(field("wall_ms=").ok_or("no wall")?),
        hwm_kib: field("vmhwm_kib=").ok_or("no vmhwm")?,
        checked_kib: field("checked_kib=").ok_or("no checked")?,
        indexed_kib: field("indexed_kib=").ok_or("no indexed")?,
        rendered_kib: field("rendered_kib=").ok_or("no rendered")?,
    })
}

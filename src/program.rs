//! What identifies this build of retning, for the caches under `.retning/`: what one build
//! of the program parsed or rendered is trusted only by the same build.

/// Its version and its executable's size and modification time; `None` when it cannot tell
/// (then nothing is cached).
pub(crate) fn identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(exe).ok()?;
    let modified = meta
        .modified()
        .ok()?
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    Some(format!(
        "retning {} {} {}",
        env!("CARGO_PKG_VERSION"),
        meta.len(),
        modified.as_nanos()
    ))
}

//! Any bytes as a guideline file: parsing and validating must never panic, and every finding
//! must point inside the text.

#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use retning::parse::parse_guideline;
use retning::source::SourceFile;

fuzz_target!(|data: &[u8]| {
    // Files that are not UTF-8 are refused before parsing (source.unreadable).
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let source = Arc::new(SourceFile::new(
        "guidelines/dlg/fuzz.md".into(),
        "guidelines/dlg/fuzz.md".to_owned(),
        text.to_owned(),
    ));
    let parsed = parse_guideline(source, "dlg", "fuzz");
    for finding in &parsed.findings {
        if let Some(position) = &finding.position {
            assert!(position.span.end <= text.len(), "{}", finding.code);
        }
    }
});

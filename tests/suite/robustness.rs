//! Mutated guidelines never make `check` panic, hang or point outside the file: the bundled
//! examples, damaged the ways real files get damaged (a flipped byte, a lost or doubled line,
//! a cut-off save, a pasted megabyte line, a Latin-1 export, a stray `:::` or `+++`), are
//! checked through the same loading and validation as `retning check`.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

use crate::support::{CONFIG, TODAY};

/// The bundled example guidelines, the starting points of every mutation.
fn examples() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("guidelines");
    let mut found = Vec::new();
    for group in std::fs::read_dir(&root).expect("guidelines/") {
        let group = group.expect("entry").path();
        for file in std::fs::read_dir(&group).expect("group folder") {
            let file = file.expect("entry").path();
            if file.extension().is_some_and(|e| e == "md") {
                found.push((
                    file.display().to_string(),
                    std::fs::read(&file).expect("read"),
                ));
            }
        }
    }
    found.sort();
    found
}

/// One way a file gets damaged.
#[derive(Debug, Clone)]
enum Mutation {
    FlipByte { at: usize, bits: u8 },
    DeleteLine(usize),
    DuplicateLine(usize),
    Truncate(usize),
    LongLine { at: usize, len: usize },
    Latin1,
    Insert { at: usize, text: &'static str },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1u8..=255).prop_map(|(at, bits)| Mutation::FlipByte { at, bits }),
        any::<usize>().prop_map(Mutation::DeleteLine),
        any::<usize>().prop_map(Mutation::DuplicateLine),
        any::<usize>().prop_map(Mutation::Truncate),
        (any::<usize>(), 1_000usize..200_000).prop_map(|(at, len)| Mutation::LongLine { at, len }),
        Just(Mutation::Latin1),
        (
            any::<usize>(),
            prop::sample::select(vec![
                ":::\n",
                "::: anbefaling 7 (B)\n",
                "::: anbefaling\n",
                "+++\n",
                "+++\ntitle = \"x\"\n",
                "[^x]: y\n",
                "# 3. Grundlag\n",
                "<table><tr><td rowspan=\"99999999999\">",
                "![](../../../etc/passwd)",
            ]),
        )
            .prop_map(|(at, text)| Mutation::Insert { at, text }),
    ]
}

fn apply(text: &[u8], mutation: &Mutation) -> Vec<u8> {
    let mut bytes = text.to_vec();
    let lines: Vec<&[u8]> = text.split_inclusive(|b| *b == b'\n').collect();
    match *mutation {
        Mutation::FlipByte { at, bits } if !bytes.is_empty() => {
            let i = at % bytes.len();
            bytes[i] ^= bits;
        }
        Mutation::DeleteLine(n) | Mutation::DuplicateLine(n) if !lines.is_empty() => {
            let n = n % lines.len();
            let mut out = Vec::new();
            for (i, line) in lines.iter().enumerate() {
                if i != n || matches!(mutation, Mutation::DuplicateLine(_)) {
                    out.extend_from_slice(line);
                }
                if i == n && matches!(mutation, Mutation::DuplicateLine(_)) {
                    out.extend_from_slice(line);
                }
            }
            bytes = out;
        }
        Mutation::Truncate(at) => bytes.truncate(at % (bytes.len() + 1)),
        Mutation::LongLine { at, len } => {
            let i = at % (bytes.len() + 1);
            let long: Vec<u8> = b"lang tekst [^ukendt] "
                .iter()
                .copied()
                .cycle()
                .take(len)
                .collect();
            bytes.splice(i..i, long);
        }
        Mutation::Latin1 => {
            // What a Windows-1252 export does to æ, ø and å: one byte each, not UTF-8.
            let text = String::from_utf8_lossy(text);
            bytes = text
                .chars()
                .map(|c| u8::try_from(u32::from(c)).unwrap_or(b'?'))
                .collect();
        }
        Mutation::Insert { at, text } => {
            let i = at % (bytes.len() + 1);
            bytes.splice(i..i, text.bytes());
        }
        _ => {}
    }
    bytes
}

/// Checks a site holding `bytes` as its only guideline on a thread of its own, and fails if it
/// panics, takes longer than `limit`, or points a finding outside the file.
fn check_in_time(bytes: Vec<u8>, limit: Duration) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().expect("temporary site");
    std::fs::write(dir.path().join("retning.toml"), CONFIG).expect("config");
    std::fs::create_dir_all(dir.path().join("guidelines/dlg")).expect("folder");
    std::fs::write(dir.path().join("guidelines/dlg/dlbcl.md"), &bytes).expect("guideline");
    let root = dir.path().to_path_buf();
    let (done, finished) = mpsc::channel();
    let worker = std::thread::spawn(move || {
        let today = TODAY.parse().expect("date");
        let outcome = retning::validate::check_site(&root, today);
        let _ = done.send(());
        outcome
    });
    if finished.recv_timeout(limit).is_err() && !worker.is_finished() {
        return Err(TestCaseError::fail(format!(
            "check took longer than {limit:?}"
        )));
    }
    let checked = match worker.join() {
        Ok(Ok(checked)) => checked,
        Ok(Err(config)) => return Err(TestCaseError::fail(format!("config: {config:?}"))),
        Err(_) => return Err(TestCaseError::fail("check panicked")),
    };
    for finding in &checked.findings {
        if let Some(position) = &finding.position {
            let text = &position.source.text;
            let lines = text.lines().count().max(1) + 1;
            prop_assert!(
                position.span.start <= position.span.end && position.span.end <= text.len(),
                "{} points at bytes {:?} of a {}-byte file",
                finding.code,
                position.span,
                text.len()
            );
            prop_assert!(
                position.line >= 1 && position.line <= lines && position.column >= 1,
                "{} points at {}:{} in a {lines}-line file",
                finding.code,
                position.line,
                position.column
            );
        }
    }
    Ok(())
}

#[test]
fn damaged_guidelines_never_panic_hang_or_point_outside_the_file() {
    let examples = examples();
    assert!(examples.len() >= 5, "the bundled examples are there");
    // A bounded number of cases with a fixed seed, so CI is quick and a failure repeats;
    // PROPTEST_CASES=5000 makes a longer hunt.
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(96);
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..Config::default()
    });
    let strategy = (0..examples.len(), prop::collection::vec(mutation(), 1..4));
    runner
        .run(&strategy, |(which, mutations)| {
            let mut bytes = examples[which].1.clone();
            for mutation in &mutations {
                bytes = apply(&bytes, mutation);
            }
            check_in_time(bytes, Duration::from_secs(20))
        })
        .unwrap_or_else(|failure| panic!("{failure}"));
}

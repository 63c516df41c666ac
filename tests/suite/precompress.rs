//! `retning build --precompress`: a `.gz` and a `.br` copy beside every text file, each
//! decompressing to the file's bytes; none for images and PDFs; none without the flag.

use std::io::Read;
use std::path::{Path, PathBuf};

use retning::output::TEXT_EXTENSIONS;

use crate::support::{Site, TODAY, site, stderr};

fn build(site: &Site, args: &[&str]) {
    let output = site
        .retning()
        .args(["build", "--no-history", "--today", TODAY])
        .args(args)
        .output()
        .expect("run retning build");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

fn files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_type().is_file())
        .map(|entry| entry.into_path())
        .collect()
}

fn has_extension(path: &Path, extensions: &[&str]) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| extensions.contains(&ext))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    PathBuf::from(format!("{}.{suffix}", path.display()))
}

fn gunzip(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    flate2::read::GzDecoder::new(bytes)
        .read_to_end(&mut out)
        .unwrap();
    out
}

fn unbrotli(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    brotli::BrotliDecompress(&mut &bytes[..], &mut out).unwrap();
    out
}

/// A PNG's header (all the image-size reader needs), padded with bytes that compress well.
fn png() -> Vec<u8> {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\x0dIHDR".to_vec();
    png.extend(640u32.to_be_bytes());
    png.extend(480u32.to_be_bytes());
    png.extend([8, 2, 0, 0, 0, 0, 0, 0, 0]);
    png.extend([0; 4096]);
    png
}

/// A site with a figure and an attachment, so there is something not to compress.
fn site_with_binaries() -> Site {
    site()
        .file("guidelines/dlg/dlbcl/flow.png", png())
        .file(
            "guidelines/dlg/dlbcl/protokol.pdf",
            "%PDF-1.4\n".repeat(500),
        )
        .replace(
            "# 7. Bilag\n",
            "# 7. Bilag\n\n![Flow](dlbcl/flow.png \"Figur 1: Flow\")\n\n\
             Se [protokollen](dlbcl/protokol.pdf).\n",
        )
        .build()
}

#[test]
fn every_text_file_gets_copies_that_decompress_to_its_bytes() {
    let site = site_with_binaries();
    build(&site, &["--precompress"]);
    let public = site.path("public");
    let all = files(&public);
    let text: Vec<&PathBuf> = all
        .iter()
        .filter(|path| has_extension(path, &TEXT_EXTENSIONS))
        .collect();
    assert!(text.len() > 10, "{all:?}");
    let mut compared = 0;
    for file in &text {
        let bytes = std::fs::read(file).unwrap();
        for (suffix, decode) in [("gz", gunzip as fn(&[u8]) -> Vec<u8>), ("br", unbrotli)] {
            let copy = with_suffix(file, suffix);
            match std::fs::read(&copy) {
                Ok(compressed) => {
                    assert!(compressed.len() < bytes.len(), "{}", copy.display());
                    assert_eq!(decode(&compressed), bytes, "{}", copy.display());
                    compared += 1;
                }
                // Only a copy that would not be smaller is left out.
                Err(_) => assert!(bytes.len() < 200, "{} has no .{suffix}", file.display()),
            }
        }
    }
    assert!(compared >= 2 * 10, "{compared}");
    let html = public.join("dlg/dlbcl/index.html");
    assert!(with_suffix(&html, "gz").is_file() && with_suffix(&html, "br").is_file());
    for binary in ["dlg/dlbcl/flow.png", "dlg/dlbcl/protokol.pdf"] {
        let binary = public.join(binary);
        assert!(binary.is_file(), "{}", binary.display());
        assert!(!with_suffix(&binary, "gz").exists() && !with_suffix(&binary, "br").exists());
    }
}

#[test]
fn without_the_flag_no_copy_is_written_and_a_rebuild_removes_them() {
    let site = site_with_binaries();
    build(&site, &["--precompress"]);
    let compressed = |site: &Site| {
        files(&site.path("public"))
            .into_iter()
            .filter(|path| has_extension(path, &["gz", "br"]))
            .count()
    };
    assert!(compressed(&site) > 0);
    build(&site, &[]);
    assert_eq!(compressed(&site), 0);
}

//! `build --precompress`: a gzip (`.gz`) and a brotli (`.br`) copy beside every text file of
//! the staged site, for web servers that serve a precompressed file as it is (nginx
//! `gzip_static`/`brotli_static`, Caddy `precompressed`, Apache rewrite rules; docs/deploy.md).
//!
//! Both near their highest settings: they are made once per build and read by every visitor.
//! A copy that is not smaller than its file is not written (the server then sends the file).
//! A file whose bytes did not change since the previous site takes that site's copies
//! (hard-linked), so a rebuild compresses only what changed.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// The file names that get compressed copies: text that compresses well. Images, PDFs and
/// fonts are compressed already.
pub const TEXT_EXTENSIONS: [&str; 8] = [
    "html",
    "css",
    "js",
    "json",
    "xml",
    "svg",
    "txt",
    "webmanifest",
];

/// brotli's quality (0–11). On the example site 10 gives copies 1.3 % larger than 11 in less
/// than half the time, 9 copies 10 % larger (docs/deploy.md has the figures).
const BROTLI_QUALITY: i32 = 10;

/// The two encodings, by file suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Encoding {
    Gzip,
    Brotli,
}

impl Encoding {
    const ALL: [Self; 2] = [Self::Gzip, Self::Brotli];

    fn suffix(self) -> &'static str {
        match self {
            Self::Gzip => "gz",
            Self::Brotli => "br",
        }
    }

    fn compress(self, bytes: &[u8]) -> io::Result<Vec<u8>> {
        match self {
            Self::Gzip => {
                let mut encoder = flate2::write::GzEncoder::new(
                    Vec::with_capacity(bytes.len() / 3),
                    flate2::Compression::best(),
                );
                encoder.write_all(bytes)?;
                encoder.finish()
            }
            Self::Brotli => {
                let mut out = Vec::with_capacity(bytes.len() / 3);
                let params = brotli::enc::BrotliEncoderParams {
                    quality: BROTLI_QUALITY,
                    lgwin: 22,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)?;
                Ok(out)
            }
        }
    }
}

/// What precompression did: copies made anew, and copies taken from the previous site.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Precompressed {
    pub(crate) written: usize,
    pub(crate) unchanged: usize,
}

/// Whether `path` names a file that gets compressed copies.
pub(super) fn is_text(path: &Path) -> bool {
    path.extension()
        .and_then(|ext| ext.to_str())
        .is_some_and(|ext| TEXT_EXTENSIONS.contains(&ext))
}

/// Writes the compressed copies of every text file under `staging`, on every core. `previous`
/// is the site being replaced (it may not exist): its copies of unchanged files are reused.
pub(super) fn precompress(staging: &Path, previous: &Path) -> io::Result<Precompressed> {
    let files = text_files(staging)?;
    let counts = files
        .par_iter()
        .map(|relative| precompress_file(staging, previous, relative))
        .collect::<io::Result<Vec<Precompressed>>>()?;
    Ok(counts
        .into_iter()
        .fold(Precompressed::default(), |sum, one| Precompressed {
            written: sum.written + one.written,
            unchanged: sum.unchanged + one.unchanged,
        }))
}

/// The text files under `root`, relative to it (symbolic links are not followed: a build
/// writes none).
fn text_files(root: &Path) -> io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in walkdir::WalkDir::new(root) {
        let entry = entry.map_err(io::Error::other)?;
        if entry.file_type().is_file() && is_text(entry.path()) {
            // Every entry is under the root it was walked from.
            if let Ok(relative) = entry.path().strip_prefix(root) {
                files.push(relative.to_path_buf());
            }
        }
    }
    Ok(files)
}

fn precompress_file(staging: &Path, previous: &Path, relative: &Path) -> io::Result<Precompressed> {
    let file = staging.join(relative);
    let bytes = fs::read(&file)?;
    let old = previous.join(relative);
    let unchanged = fs::read(&old).is_ok_and(|old_bytes| old_bytes == bytes);
    let mut counts = Precompressed::default();
    for encoding in Encoding::ALL {
        let copy = with_suffix(&file, encoding.suffix());
        if unchanged && fs::hard_link(with_suffix(&old, encoding.suffix()), &copy).is_ok() {
            counts.unchanged += 1;
            continue;
        }
        let compressed = encoding.compress(&bytes)?;
        if compressed.len() < bytes.len() {
            fs::write(&copy, compressed)?;
            counts.written += 1;
        }
    }
    Ok(counts)
}

/// `page.html` → `page.html.gz`.
fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

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

    #[test]
    fn text_files_get_both_copies_that_decompress_to_their_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let page = "<p>Anbefaling</p>\n".repeat(200);
        fs::create_dir(dir.path().join("a")).unwrap();
        fs::write(dir.path().join("a/index.html"), &page).unwrap();
        fs::write(dir.path().join("photo.png"), page.as_bytes()).unwrap();
        let counts = precompress(dir.path(), &dir.path().join("none")).unwrap();
        assert_eq!(
            counts,
            Precompressed {
                written: 2,
                unchanged: 0
            }
        );
        let gz = fs::read(dir.path().join("a/index.html.gz")).unwrap();
        let br = fs::read(dir.path().join("a/index.html.br")).unwrap();
        assert_eq!(gunzip(&gz), page.as_bytes());
        assert_eq!(unbrotli(&br), page.as_bytes());
        assert!(!dir.path().join("photo.png.gz").exists());
    }

    #[test]
    fn a_copy_that_is_not_smaller_is_not_written() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("robots.txt"), "x").unwrap();
        let counts = precompress(dir.path(), &dir.path().join("none")).unwrap();
        assert_eq!(counts, Precompressed::default());
        assert!(!dir.path().join("robots.txt.gz").exists());
        assert!(!dir.path().join("robots.txt.br").exists());
    }

    #[test]
    fn unchanged_files_reuse_the_previous_sites_copies() {
        use std::os::unix::fs::MetadataExt;
        let old = tempfile::tempdir().unwrap();
        let new = tempfile::tempdir().unwrap();
        let same = "body { color: black }\n".repeat(50);
        for dir in [old.path(), new.path()] {
            fs::write(dir.join("site.css"), &same).unwrap();
        }
        fs::write(old.path().join("index.html"), "<p>old</p>".repeat(50)).unwrap();
        fs::write(new.path().join("index.html"), "<p>new</p>".repeat(50)).unwrap();
        precompress(old.path(), &old.path().join("none")).unwrap();
        let counts = precompress(new.path(), old.path()).unwrap();
        assert_eq!(
            counts,
            Precompressed {
                written: 2,
                unchanged: 2
            }
        );
        let inode = |dir: &Path, name: &str| fs::metadata(dir.join(name)).unwrap().ino();
        assert_eq!(
            inode(old.path(), "site.css.br"),
            inode(new.path(), "site.css.br")
        );
        assert_ne!(
            inode(old.path(), "index.html.br"),
            inode(new.path(), "index.html.br")
        );
        let gz = fs::read(new.path().join("index.html.gz")).unwrap();
        assert_eq!(gunzip(&gz), "<p>new</p>".repeat(50).as_bytes());
    }
}

//! What a build reads, reduced to one hash: every file the site's output depends on (the
//! configuration, the synonyms, the guidelines and their assets, the theme), the settings of
//! the build, and the program itself. A file whose stamp is as the last build recorded it
//! is not read again (`input_stamps.rs`).

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;

use crate::config::CONFIG_FILE;
use crate::search::SYNONYMS_FILE;
use crate::site::GUIDELINES_DIR;

use super::input_stamps::{InputStamps, Stamp};

/// The folders whose every file is an input (the theme's whole folder, not only the files
/// the theme reads today: a file too many only costs a hash).
const INPUT_FOLDERS: [&str; 2] = [GUIDELINES_DIR, "themes"];
/// Single files at the site root that are inputs when they exist.
const INPUT_FILES: [&str; 2] = [CONFIG_FILE, SYNONYMS_FILE];

/// Everything of a build's command line and surroundings that changes what it writes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Settings {
    pub(crate) drafts: bool,
    /// The language of the messages a skipped build repeats.
    pub(crate) language: String,
    /// The date statuses are computed for.
    pub(crate) today: String,
    pub(crate) base_url: Option<String>,
    pub(crate) precompress: bool,
    /// The git HEAD the history is read at, or why there is none (`--no-history` included):
    /// the pages of earlier versions and the badge checks come from it.
    pub(crate) history: String,
    /// The output folder and the search index folder, as resolved.
    pub(crate) out: String,
    pub(crate) index: String,
}

impl Settings {
    /// The settings as the base of the page keys takes them: whether the history is read,
    /// not at which HEAD, since each guideline's key holds what it reads of the history
    /// (`SiteHistory::stamp`), and a commit that leaves a guideline's versions as they were
    /// leaves its pages too.
    fn without_head(&self) -> Self {
        let history = match self.history.strip_prefix("at ") {
            Some(_) => "read".to_owned(),
            None => self.history.clone(),
        };
        Self {
            history,
            ..self.clone()
        }
    }
}

/// The hash of each guideline's text, by its path (root-relative, `/`-separated).
pub(crate) type TextHashes = HashMap<String, blake3::Hash>;

/// The hash of every input of a build. Two builds with the same key write the same bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InputKey(pub blake3::Hash);

impl InputKey {
    /// Hashes the inputs of the site at `root`. `None` when any of them cannot be read: a
    /// build that cannot say what it read is never skipped.
    #[cfg(test)]
    pub(crate) fn of(root: &Path, settings: &Settings) -> Option<Self> {
        Self::with_base(root, settings).map(|(key, _)| key)
    }

    /// [`InputKey::of`], and the hash of every input but the guidelines' own files (their
    /// assets included): what a guideline's pages read besides its own text and the others'
    /// summaries.
    #[cfg(test)]
    pub(crate) fn with_base(root: &Path, settings: &Settings) -> Option<(Self, blake3::Hash)> {
        Self::with_texts(root, settings, true).map(|(key, base, _)| (key, base))
    }

    /// [`InputKey::with_base`], and the hash of each guideline's own text by its path
    /// (root-relative, `/`-separated), so that the build need not read and hash it again.
    /// With `consult`, a file whose stamp the last build recorded is not read again.
    pub(crate) fn with_texts(
        root: &Path,
        settings: &Settings,
        consult: bool,
    ) -> Option<(Self, blake3::Hash, TextHashes)> {
        let files = input_files(root)?;
        let stamps = InputStamps::of(root, consult);
        let stamped: Vec<(String, Stamp, blake3::Hash)> = files
            .into_par_iter()
            .map(|path| {
                let file = root.join(&path);
                // Stamped before it is read: a write in between moves the next stamp.
                let stamp = Stamp::of(&std::fs::metadata(&file).ok()?);
                let hash = match stamps.known(&path, &stamp) {
                    Some(hash) => hash,
                    None => blake3::hash(&std::fs::read(&file).ok()?),
                };
                Some((path, stamp, hash))
            })
            .collect::<Option<_>>()?;
        let hashed: Vec<(String, blake3::Hash)> = stamped
            .iter()
            .map(|(path, _, hash)| (path.clone(), *hash))
            .collect();
        stamps.record(&stamped);
        let (mut key, mut base) = (blake3::Hasher::new(), blake3::Hasher::new());
        // Length-prefixed fields, so that no two different inputs can run together.
        let field = |hasher: &mut blake3::Hasher, bytes: &[u8]| {
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        };
        let program = crate::program::identity()?;
        let root_path = std::fs::canonicalize(root).ok()?;
        let with_head = format!("{settings:?}");
        let without_head = format!("{:?}", settings.without_head());
        for (hasher, settings) in [(&mut key, with_head), (&mut base, without_head)] {
            field(hasher, program.as_bytes());
            field(hasher, root_path.to_string_lossy().as_bytes());
            field(hasher, settings.as_bytes());
        }
        for (path, hash) in &hashed {
            field(&mut key, path.as_bytes());
            field(&mut key, hash.as_bytes());
            if !is_guideline_text(path) {
                field(&mut base, path.as_bytes());
                field(&mut base, hash.as_bytes());
            }
        }
        let texts = hashed
            .into_iter()
            .filter(|(path, _)| is_guideline_text(path));
        Some((Self(key.finalize()), base.finalize(), texts.collect()))
    }
}

/// Whether `path` (root-relative, `/`-separated) is a guideline's own file,
/// `guidelines/<group>/<slug>.md`, rather than an asset beside it.
fn is_guideline_text(path: &str) -> bool {
    let parts: Vec<&str> = path.split('/').collect();
    matches!(parts.as_slice(), [GUIDELINES_DIR, _, file] if file.ends_with(".md"))
}

/// Every input file, root-relative and `/`-separated, sorted. Symbolic links are followed
/// (the site's loaders follow them); an unreadable folder is `None`.
fn input_files(root: &Path) -> Option<Vec<String>> {
    let mut files = Vec::new();
    for name in INPUT_FILES {
        if root.join(name).exists() {
            files.push(name.to_owned());
        }
    }
    for folder in INPUT_FOLDERS {
        let dir = root.join(folder);
        if !dir.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).follow_links(true) {
            let entry = entry.ok()?;
            if entry.file_type().is_dir() {
                continue;
            }
            let relative = entry.path().strip_prefix(root).ok()?;
            let parts: Vec<_> = relative
                .components()
                .map(|part| part.as_os_str().to_str())
                .collect::<Option<_>>()?;
            files.push(parts.join("/"));
        }
    }
    files.sort();
    Some(files)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        Settings {
            drafts: false,
            language: "Danish".to_owned(),
            today: "2026-01-15".to_owned(),
            base_url: None,
            precompress: false,
            history: "none".to_owned(),
            out: "/x/public".to_owned(),
            index: "/x/.retning/search-index".to_owned(),
        }
    }

    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("guidelines/dlg")).unwrap();
        std::fs::write(dir.path().join("retning.toml"), "title = \"x\"").unwrap();
        std::fs::write(dir.path().join("guidelines/dlg/a.md"), "+++").unwrap();
        dir
    }

    #[test]
    fn the_key_changes_with_every_input_and_setting() {
        let dir = site();
        let root = dir.path();
        let first = InputKey::of(root, &settings()).unwrap();
        assert_eq!(InputKey::of(root, &settings()).unwrap(), first);

        let drafts = Settings {
            drafts: true,
            ..settings()
        };
        assert_ne!(InputKey::of(root, &drafts).unwrap(), first);
        let english = Settings {
            language: "English".to_owned(),
            ..settings()
        };
        assert_ne!(InputKey::of(root, &english).unwrap(), first);

        std::fs::write(root.join("guidelines/dlg/a.md"), "+++ ").unwrap();
        let edited = InputKey::of(root, &settings()).unwrap();
        assert_ne!(edited, first);

        // A new asset, a theme override, the synonyms: each is an input.
        std::fs::create_dir_all(root.join("guidelines/dlg/a")).unwrap();
        std::fs::write(root.join("guidelines/dlg/a/fig.svg"), "<svg/>").unwrap();
        let asset = InputKey::of(root, &settings()).unwrap();
        assert_ne!(asset, edited);
        std::fs::create_dir_all(root.join("themes/default/static")).unwrap();
        std::fs::write(root.join("themes/default/static/retning.css"), "a{}").unwrap();
        let theme = InputKey::of(root, &settings()).unwrap();
        assert_ne!(theme, asset);
        std::fs::write(root.join("synonyms.toml"), "").unwrap();
        assert_ne!(InputKey::of(root, &settings()).unwrap(), theme);
    }

    #[test]
    fn the_base_leaves_out_only_the_guidelines_own_text() {
        let dir = site();
        let root = dir.path();
        let (_, base) = InputKey::with_base(root, &settings()).unwrap();
        std::fs::write(root.join("guidelines/dlg/a.md"), "+++ edited").unwrap();
        let (_, edited) = InputKey::with_base(root, &settings()).unwrap();
        assert_eq!(edited, base);
        std::fs::create_dir_all(root.join("guidelines/dlg/a")).unwrap();
        std::fs::write(root.join("guidelines/dlg/a/notes.md"), "x").unwrap();
        let (_, asset) = InputKey::with_base(root, &settings()).unwrap();
        assert_ne!(asset, base);
        std::fs::write(root.join("retning.toml"), "title = \"y\"").unwrap();
        assert_ne!(InputKey::with_base(root, &settings()).unwrap().1, asset);
        // The guidelines' own texts come with their hashes, their assets do not.
        let (_, _, texts) = InputKey::with_texts(root, &settings(), true).unwrap();
        let text = blake3::hash(b"+++ edited");
        assert_eq!(
            texts,
            TextHashes::from([("guidelines/dlg/a.md".to_owned(), text)])
        );
    }

    #[test]
    fn a_rename_changes_the_key_though_the_bytes_stay() {
        let dir = site();
        let root = dir.path();
        let before = InputKey::of(root, &settings()).unwrap();
        std::fs::rename(
            root.join("guidelines/dlg/a.md"),
            root.join("guidelines/dlg/b.md"),
        )
        .unwrap();
        assert_ne!(InputKey::of(root, &settings()).unwrap(), before);
    }
}

//! The output folder a build may replace, decided before anything is written.
//!
//! A build replaces its output folder whole, so a wrong `--out` would delete whatever is
//! there. An output folder is refused when it is, holds or sits inside one of the site's
//! sources (the site root, `retning.toml`, `guidelines/`, `themes/`, `.retning/`, `.git/`),
//! when it is the file-system root or the home folder, when it is not a folder, and when it
//! is a non-empty folder that no build wrote (no [`MARKER`] in it) — the last one only
//! unless `--force` is given.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::diagnostics::{Language, Message, message};

/// The file every build leaves in its output folder: a folder holding it was written by
/// retning and may be replaced by the next build.
pub(crate) const MARKER: &str = ".retning-output";

/// What the marker says to a person who opens it.
pub(super) const MARKER_TEXT: &str = "This folder was written by `retning build` and is replaced \
whole by the next build. Do not keep files of your own here.\n";

/// The site's own files and folders, relative to its root: never an output folder, never
/// inside one, never holding one.
const SOURCES: [&str; 5] = ["retning.toml", "guidelines", "themes", ".retning", ".git"];

/// Files whose presence says a folder is a site or a repository of its own: such a folder
/// is not replaced, even with `--force`.
const NEVER_REPLACED_IF_HOLDING: [&str; 3] = ["retning.toml", "guidelines", ".git"];

/// An output folder checked against the site's sources: the only kind of folder the output
/// module replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutputFolder {
    path: PathBuf,
    /// Whether each text file gets a `.gz` and a `.br` copy beside it (`build --precompress`).
    precompress: bool,
    /// Whether the site in place is, file for file, the one the last build left (the build
    /// cache checked its fingerprint): its files named by a hash of their bytes are then
    /// linked unread ([`Staging::put_named_by_content`](super::Staging)).
    as_left: bool,
}

/// Why a folder cannot be the output folder.
#[derive(Debug)]
pub enum UnsafeOutput {
    /// `out` is the site's root folder (`source` `None`) or one of its sources.
    IsSource {
        out: String,
        source: Option<&'static str>,
    },
    /// `out` holds the site's root folder `root`.
    HoldsSource {
        out: String,
        root: String,
    },
    /// `out` lies inside one of the site's sources.
    InsideSource {
        out: String,
        source: &'static str,
    },
    /// `out` is the file-system root, or (`home`) the user's home folder.
    Protected {
        out: String,
        home: bool,
    },
    NotAFolder {
        out: String,
    },
    NotOurs {
        out: String,
    },
    LooksLikeASite {
        out: String,
        holds: &'static str,
    },
    Unreadable {
        out: String,
        error: io::Error,
    },
}

impl UnsafeOutput {
    /// Why, in the catalogue's words (the OS's reason stays a value).
    pub(crate) fn message(&self) -> Message {
        match self {
            Self::IsSource { out, source: None } => message!("output-is-root", out = out),
            Self::IsSource {
                out,
                source: Some(source),
            } => message!("output-is-source", out = out, source = *source),
            Self::HoldsSource { out, root } => {
                message!("output-holds-root", out = out, root = root)
            }
            Self::InsideSource { out, source } => {
                message!("output-inside-source", out = out, source = *source)
            }
            Self::Protected { out, home: false } => {
                message!("output-is-file-system-root", out = out)
            }
            Self::Protected { out, home: true } => message!("output-is-home", out = out),
            Self::NotAFolder { out } => message!("output-not-a-folder", out = out),
            Self::NotOurs { out } => message!("output-not-ours", out = out, marker = MARKER),
            Self::LooksLikeASite { out, holds } => {
                message!("output-looks-like-a-site", out = out, holds = *holds)
            }
            Self::Unreadable { out, error } => {
                message!("output-unreadable", out = out, error = error.to_string())
            }
        }
    }
}

/// English where no language is known.
impl fmt::Display for UnsafeOutput {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().in_language(Language::En))
    }
}

impl std::error::Error for UnsafeOutput {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Unreadable { error, .. } => Some(error),
            _ => None,
        }
    }
}

impl OutputFolder {
    /// Decides whether `out` (relative paths are taken from `site_root`) may be the output
    /// folder of the site at `site_root`. `force` allows replacing a non-empty folder that
    /// no build wrote; nothing allows the other refusals.
    pub fn choose(site_root: &Path, out: &Path, force: bool) -> Result<Self, UnsafeOutput> {
        let shown = out.display().to_string();
        let unreadable = |error: io::Error| UnsafeOutput::Unreadable {
            out: shown.clone(),
            error,
        };
        let root = resolve(&std::env::current_dir().map_err(unreadable)?.join(site_root))
            .map_err(unreadable)?;
        let path = resolve(&root.join(out)).map_err(unreadable)?;

        if path.parent().is_none() {
            return Err(UnsafeOutput::Protected {
                out: shown,
                home: false,
            });
        }
        if let Some(home) = std::env::var_os("HOME").filter(|home| !home.is_empty())
            && resolve(Path::new(&home)).is_ok_and(|home| home == path)
        {
            return Err(UnsafeOutput::Protected {
                out: shown,
                home: true,
            });
        }
        if root.starts_with(&path) {
            return Err(if root == path {
                UnsafeOutput::IsSource {
                    out: shown,
                    source: None,
                }
            } else {
                UnsafeOutput::HoldsSource {
                    out: shown,
                    root: root.display().to_string(),
                }
            });
        }
        for source in SOURCES {
            let source_path = root.join(source);
            if path == source_path {
                return Err(UnsafeOutput::IsSource {
                    out: shown,
                    source: Some(source),
                });
            }
            if path.starts_with(&source_path) {
                return Err(UnsafeOutput::InsideSource { out: shown, source });
            }
        }
        check_existing(&path, &shown, force)?;
        Ok(Self {
            path,
            precompress: false,
            as_left: false,
        })
    }

    /// The same folder, written with (or without) a `.gz` and a `.br` copy beside each text
    /// file.
    pub(crate) fn precompressed(self, precompress: bool) -> Self {
        Self {
            precompress,
            ..self
        }
    }

    /// The same folder, its site in place vouched for (or not) as the one the last build left.
    pub(crate) fn left_by_last_build(self, as_left: bool) -> Self {
        Self { as_left, ..self }
    }

    /// Whether the build cache vouched for the site in place.
    pub(crate) fn as_left(&self) -> bool {
        self.as_left
    }

    /// Whether each text file gets compressed copies beside it.
    pub(crate) fn precompress(&self) -> bool {
        self.precompress
    }

    /// The folder, absolute and with symbolic links resolved.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

/// An existing `path` may be replaced when it is a folder that is empty or that a build
/// wrote, or, with `force`, any folder that does not look like a site of its own.
fn check_existing(path: &Path, shown: &str, force: bool) -> Result<(), UnsafeOutput> {
    let metadata = match fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(err) if err.kind() == io::ErrorKind::NotFound => return Ok(()),
        Err(error) => {
            return Err(UnsafeOutput::Unreadable {
                out: shown.to_owned(),
                error,
            });
        }
    };
    if !metadata.is_dir() {
        return Err(UnsafeOutput::NotAFolder {
            out: shown.to_owned(),
        });
    }
    if is_ours(path) {
        return Ok(());
    }
    if let Some(holds) = NEVER_REPLACED_IF_HOLDING
        .into_iter()
        .find(|name| path.join(name).exists())
    {
        return Err(UnsafeOutput::LooksLikeASite {
            out: shown.to_owned(),
            holds,
        });
    }
    let empty = fs::read_dir(path)
        .map_err(|error| UnsafeOutput::Unreadable {
            out: shown.to_owned(),
            error,
        })?
        .next()
        .is_none();
    if empty || force {
        Ok(())
    } else {
        Err(UnsafeOutput::NotOurs {
            out: shown.to_owned(),
        })
    }
}

/// Whether a build wrote `folder` (it holds the marker file).
pub(super) fn is_ours(folder: &Path) -> bool {
    fs::symlink_metadata(folder.join(MARKER)).is_ok_and(|m| m.is_file())
}

/// `path` made absolute with its existing part's symbolic links resolved, and `.`/`..`
/// taken away from the part that does not exist yet (where no link can hide).
fn resolve(path: &Path) -> io::Result<PathBuf> {
    let mut existing = path.to_path_buf();
    let mut missing: Vec<&OsStr> = Vec::new();
    let mut rest = path.components().rev();
    loop {
        match fs::canonicalize(&existing) {
            Ok(found) => {
                let mut resolved = found;
                for part in missing.into_iter().rev() {
                    match Path::new(part).components().next() {
                        Some(Component::ParentDir) => {
                            resolved.pop();
                        }
                        Some(Component::CurDir) | None => {}
                        Some(_) => resolved.push(part),
                    }
                }
                return Ok(resolved);
            }
            Err(err) if err.kind() == io::ErrorKind::NotFound => {
                let Some(last) = rest.next() else {
                    return Err(err);
                };
                missing.push(last.as_os_str());
                if !existing.pop() {
                    return Err(err);
                }
            }
            Err(err) => return Err(err),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A site with every source in place, and a folder of the user's own beside it.
    fn site() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        for folder in ["guidelines/dlg", "themes/default", ".retning", "docs"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        fs::write(root.join("retning.toml"), "title = \"x\"").unwrap();
        fs::write(root.join("guidelines/dlg/dlbcl.md"), "+++").unwrap();
        fs::write(root.join("docs/notes.txt"), "mine").unwrap();
        fs::write(root.join("report.docx"), "mine").unwrap();
        dir
    }

    fn choose(dir: &Path, out: &str, force: bool) -> Result<OutputFolder, UnsafeOutput> {
        OutputFolder::choose(&dir.join("site"), Path::new(out), force)
    }

    #[test]
    fn sources_and_what_holds_them_are_refused_even_with_force() {
        let dir = site();
        for out in [
            ".",
            "",
            "..",
            "guidelines",
            "guidelines/dlg",
            "guidelines/new-folder",
            "themes",
            "themes/default/x",
            ".retning",
            "retning.toml",
            "../..",
            "/",
            "guidelines/../guidelines",
            "public/../../site",
        ] {
            for force in [false, true] {
                let refused = choose(dir.path(), out, force);
                assert!(
                    refused.is_err(),
                    "--out {out:?} (force {force}) was allowed"
                );
            }
        }
    }

    #[test]
    fn a_folder_of_the_users_own_is_refused_unless_forced_and_a_file_always() {
        let dir = site();
        assert!(matches!(
            choose(dir.path(), "docs", false),
            Err(UnsafeOutput::NotOurs { .. })
        ));
        assert!(choose(dir.path(), "docs", true).is_ok());
        for force in [false, true] {
            assert!(matches!(
                choose(dir.path(), "report.docx", force),
                Err(UnsafeOutput::NotAFolder { .. })
            ));
        }
    }

    #[test]
    fn new_empty_and_built_folders_are_allowed() {
        let dir = site();
        let root = dir.path().join("site");
        let chosen = choose(dir.path(), "public", false).unwrap();
        assert_eq!(
            chosen.path(),
            fs::canonicalize(&root).unwrap().join("public")
        );
        fs::create_dir(root.join("empty")).unwrap();
        assert!(choose(dir.path(), "empty", false).is_ok());
        fs::create_dir(root.join("built")).unwrap();
        fs::write(root.join("built/index.html"), "site").unwrap();
        fs::write(root.join("built").join(MARKER), MARKER_TEXT).unwrap();
        assert!(choose(dir.path(), "built", false).is_ok());
        let outside = dir.path().join("elsewhere/public");
        assert!(choose(dir.path(), outside.to_str().unwrap(), false).is_ok());
    }

    #[test]
    fn a_folder_that_holds_a_site_or_repository_is_never_replaced() {
        let dir = site();
        let other = dir.path().join("other");
        fs::create_dir_all(other.join(".git")).unwrap();
        assert!(matches!(
            choose(dir.path(), other.to_str().unwrap(), true),
            Err(UnsafeOutput::LooksLikeASite { .. })
        ));
    }

    #[test]
    fn a_link_to_a_source_is_refused_as_the_source_itself() {
        let dir = site();
        let root = dir.path().join("site");
        std::os::unix::fs::symlink(root.join("guidelines"), root.join("looks-harmless")).unwrap();
        assert!(matches!(
            choose(dir.path(), "looks-harmless", true),
            Err(UnsafeOutput::IsSource { .. })
        ));
        // `..` after a link is taken from where the link leads (here the site root).
        let beside = choose(dir.path(), "looks-harmless/../public", false).unwrap();
        assert_eq!(
            beside.path(),
            fs::canonicalize(&root).unwrap().join("public")
        );
    }

    #[test]
    fn the_path_not_yet_there_is_resolved_without_its_dots() {
        let dir = tempfile::tempdir().unwrap();
        let base = fs::canonicalize(dir.path()).unwrap();
        assert_eq!(resolve(&base.join("a/./b/../c")).unwrap(), base.join("a/c"));
        assert_eq!(
            resolve(&base.join("a/../..")).unwrap(),
            base.parent().unwrap()
        );
    }
}

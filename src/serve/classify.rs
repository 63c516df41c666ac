//! What a batch of file events means for the preview: nothing, some guideline files, or
//! everything. A pure function of the events, so every editor quirk is a unit test.

use std::collections::BTreeSet;
use std::ffi::OsStr;
use std::path::{Component, Path, PathBuf};

use notify::EventKind;
use notify::event::{AccessKind, AccessMode, ModifyKind};

use crate::config::CONFIG_FILE;
use crate::site::GUIDELINES_DIR;

/// The folder (under the site root) whose files override the default theme
/// (`themes/default/`).
pub(crate) const THEMES_DIR: &str = "themes";

/// What must be rebuilt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) enum ChangeKind {
    /// Only files the site does not read (editor temp files, the output folder, …).
    #[default]
    Nothing,
    /// Guideline files, or folders under `guidelines/`, were created, changed, removed or
    /// renamed (absolute paths). The rebuild looks for guideline files again, so a folder
    /// rename is seen through the files it holds.
    Guidelines(BTreeSet<PathBuf>),
    /// `retning.toml` or a theme file changed, or the watcher lost events: rebuild everything.
    Everything,
}

impl ChangeKind {
    /// Both changes at once: what a rebuild must do when two batches arrive before it starts.
    pub(crate) fn merge(self, other: Self) -> Self {
        match (self, other) {
            (Self::Everything, _) | (_, Self::Everything) => Self::Everything,
            (Self::Nothing, other) | (other, Self::Nothing) => other,
            (Self::Guidelines(mut a), Self::Guidelines(b)) => {
                a.extend(b);
                Self::Guidelines(a)
            }
        }
    }

    pub(crate) fn is_nothing(&self) -> bool {
        *self == Self::Nothing
    }
}

/// Classifies file events under the site at `root` (the path the watcher was given, so
/// event paths start with it).
pub(crate) fn classify<'a>(
    root: &Path,
    events: impl IntoIterator<Item = &'a notify::Event>,
) -> ChangeKind {
    let mut change = ChangeKind::Nothing;
    for event in events {
        if event.need_rescan() {
            // The kernel dropped events (queue overflow): we no longer know what changed.
            return ChangeKind::Everything;
        }
        if !changes_content(&event.kind) {
            continue;
        }
        for path in &event.paths {
            change = change.merge(classify_path(root, path));
            if change == ChangeKind::Everything {
                return change;
            }
        }
    }
    change
}

/// Whether an event can mean different bytes at a path. Reads, opens and metadata changes
/// (`touch`, `chmod`) cannot; a rebuild would only find the same text again.
fn changes_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        EventKind::Modify(ModifyKind::Metadata(_)) => false,
        EventKind::Any
        | EventKind::Create(_)
        | EventKind::Modify(_)
        | EventKind::Remove(_)
        | EventKind::Other => true,
    }
}

fn classify_path(root: &Path, path: &Path) -> ChangeKind {
    let Ok(relative) = path.strip_prefix(root) else {
        return ChangeKind::Nothing;
    };
    let Some(name) = relative.file_name().and_then(|n| n.to_str()) else {
        return ChangeKind::Nothing;
    };
    if is_editor_temp(name) {
        return ChangeKind::Nothing;
    }
    let mut components = relative.components();
    let first = match components.next() {
        Some(Component::Normal(first)) => first,
        _ => return ChangeKind::Nothing,
    };
    let is_config = first == OsStr::new(CONFIG_FILE) && components.next().is_none();
    if first == OsStr::new(THEMES_DIR) || is_config {
        ChangeKind::Everything
    } else if first == OsStr::new(GUIDELINES_DIR) {
        // A guideline file, or a path with no extension: a folder (whose removal or rename
        // removes or moves guidelines). A file in a guideline's folder
        // (`guidelines/<group>/<slug>/<name>`) is a figure or attachment: it can change
        // every page that shows it, so everything is rebuilt. Other files are not read.
        let in_guideline_folder = relative.components().count() == 4;
        match Path::new(name).extension() {
            None => ChangeKind::Guidelines(BTreeSet::from([path.to_path_buf()])),
            Some(ext) if ext == "md" => {
                ChangeKind::Guidelines(BTreeSet::from([path.to_path_buf()]))
            }
            Some(_) if in_guideline_folder => ChangeKind::Everything,
            Some(_) => ChangeKind::Nothing,
        }
    } else {
        ChangeKind::Nothing
    }
}

/// Files editors write beside the real one while saving; never content.
pub(crate) fn is_editor_temp(name: &str) -> bool {
    // Emacs: `.#x.md` is a lock (a symlink to user@host), `#x.md#` the auto-save file.
    name.starts_with(".#")
        || (name.len() > 1 && name.starts_with('#') && name.ends_with('#'))
        // Emacs, vim with `backup`, gedit, nano: `x.md~` is the previous version.
        || name.ends_with('~')
        // vim: `4913` (and other all-digit names) is the probe it writes to test that the
        // folder is writable before saving.
        || (!name.is_empty() && name.bytes().all(|b| b.is_ascii_digit()))
        // gedit writes `.goutputstream-XXXXXX`, then renames it over the real file.
        || name.starts_with(".goutputstream-")
        // JetBrains "safe write": `x.md___jb_tmp___`, `x.md___jb_old___`.
        || name.ends_with("___jb_tmp___")
        || name.ends_with("___jb_old___")
        // Kate's swap file.
        || name.ends_with(".kate-swp")
        // macOS Finder and Windows Explorer metadata.
        || name == ".DS_Store"
        || name == "Thumbs.db"
        || Path::new(name).extension().and_then(|e| e.to_str()).is_some_and(|ext| {
            // vim swap files `.x.md.swp` (then .swo, .swn, … when one exists), `.swpx`
            // for its probe; `.tmp`/`.temp`/`.bak` from many tools and atomic writers.
            matches!(ext, "swp" | "swo" | "swn" | "swx" | "swpx" | "tmp" | "temp" | "bak")
        })
}

#[cfg(test)]
mod tests {
    use notify::Event;
    use notify::event::{CreateKind, DataChange, MetadataKind, RemoveKind, RenameMode};

    use super::*;

    const ROOT: &str = "/site";

    fn event(kind: EventKind, paths: &[&str]) -> Event {
        paths
            .iter()
            .fold(Event::new(kind), |e, p| e.add_path(PathBuf::from(p)))
    }

    fn modify(path: &str) -> Event {
        event(
            EventKind::Modify(ModifyKind::Data(DataChange::Content)),
            &[path],
        )
    }

    fn classify_all(events: &[Event]) -> ChangeKind {
        classify(Path::new(ROOT), events)
    }

    fn guidelines(paths: &[&str]) -> ChangeKind {
        ChangeKind::Guidelines(paths.iter().map(PathBuf::from).collect())
    }

    #[test]
    fn saving_a_figure_or_attachment_rebuilds_everything() {
        assert_eq!(
            classify_all(&[modify("/site/guidelines/dlg/dlbcl/flowchart.svg")]),
            ChangeKind::Everything
        );
        // A file the site does not read (not in a guideline's folder) changes nothing.
        assert_eq!(
            classify_all(&[modify("/site/guidelines/dlg/noter.txt")]),
            ChangeKind::Nothing
        );
    }

    #[test]
    fn saving_a_guideline_changes_that_guideline() {
        assert_eq!(
            classify_all(&[modify("/site/guidelines/dlg/dlbcl.md")]),
            guidelines(&["/site/guidelines/dlg/dlbcl.md"])
        );
    }

    #[test]
    fn an_atomic_save_is_a_change_of_the_real_name() {
        // vim (`backupcopy=no`), VS Code and most editors: write a temporary file, then
        // rename it over the real one.
        let events = [
            event(
                EventKind::Create(CreateKind::File),
                &["/site/guidelines/dlg/.dlbcl.md.swp"],
            ),
            event(
                EventKind::Create(CreateKind::File),
                &["/site/guidelines/dlg/4913"],
            ),
            event(
                EventKind::Remove(RemoveKind::File),
                &["/site/guidelines/dlg/4913"],
            ),
            modify("/site/guidelines/dlg/dlbcl.md.tmp"),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[
                    "/site/guidelines/dlg/dlbcl.md.tmp",
                    "/site/guidelines/dlg/dlbcl.md",
                ],
            ),
        ];
        assert_eq!(
            classify_all(&events),
            guidelines(&["/site/guidelines/dlg/dlbcl.md"])
        );
        // The same save as separate halves of the rename, and as a plain create.
        let halves = [
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::From)),
                &["/site/guidelines/dlg/.goutputstream-X1Y2Z3"],
            ),
            event(
                EventKind::Modify(ModifyKind::Name(RenameMode::To)),
                &["/site/guidelines/dlg/dlbcl.md"],
            ),
        ];
        assert_eq!(
            classify_all(&halves),
            guidelines(&["/site/guidelines/dlg/dlbcl.md"])
        );
        assert_eq!(
            classify_all(&[event(
                EventKind::Create(CreateKind::File),
                &["/site/guidelines/dlg/dlbcl.md"]
            )]),
            guidelines(&["/site/guidelines/dlg/dlbcl.md"])
        );
    }

    #[test]
    fn editor_temp_and_backup_files_are_nothing() {
        for name in [
            ".#dlbcl.md",
            "#dlbcl.md#",
            "dlbcl.md~",
            ".dlbcl.md.swp",
            ".dlbcl.md.swo",
            ".dlbcl.md.swx",
            "4913",
            "5036",
            "dlbcl.md.tmp",
            "dlbcl.md___jb_tmp___",
            "dlbcl.md___jb_old___",
            ".goutputstream-AB12CD",
            "dlbcl.md.kate-swp",
            ".DS_Store",
        ] {
            assert!(is_editor_temp(name), "{name}");
            let path = format!("/site/guidelines/dlg/{name}");
            assert_eq!(
                classify_all(&[modify(&path)]),
                ChangeKind::Nothing,
                "{name}"
            );
            // In the theme folder too: no full rebuild for a swap file.
            let path = format!("/site/themes/default/templates/{name}");
            assert_eq!(
                classify_all(&[modify(&path)]),
                ChangeKind::Nothing,
                "{name}"
            );
        }
        for name in ["dlbcl.md", "guideline.html", "retning.css", "dlg", "a-1.md"] {
            assert!(!is_editor_temp(name), "{name}");
        }
    }

    #[test]
    fn deleting_and_renaming_guidelines() {
        assert_eq!(
            classify_all(&[event(
                EventKind::Remove(RemoveKind::File),
                &["/site/guidelines/dlg/dlbcl.md"]
            )]),
            guidelines(&["/site/guidelines/dlg/dlbcl.md"])
        );
        assert_eq!(
            classify_all(&[event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[
                    "/site/guidelines/dlg/dlbcl.md",
                    "/site/guidelines/dlg/lymfom.md"
                ]
            )]),
            guidelines(&[
                "/site/guidelines/dlg/dlbcl.md",
                "/site/guidelines/dlg/lymfom.md"
            ])
        );
        // A renamed or removed group folder: the rebuild finds its files again.
        assert_eq!(
            classify_all(&[event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/site/guidelines/dlg", "/site/guidelines/lymfom"]
            )]),
            guidelines(&["/site/guidelines/dlg", "/site/guidelines/lymfom"])
        );
        // Renaming a guideline to a backup name leaves only the real name.
        assert_eq!(
            classify_all(&[event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &[
                    "/site/guidelines/dlg/dlbcl.md",
                    "/site/guidelines/dlg/dlbcl.md~"
                ]
            )]),
            guidelines(&["/site/guidelines/dlg/dlbcl.md"])
        );
    }

    #[test]
    fn the_theme_and_the_configuration_rebuild_everything() {
        for path in [
            "/site/retning.toml",
            "/site/themes/default/templates/guideline.html",
            "/site/themes/default/static/retning.css",
            "/site/themes",
        ] {
            assert_eq!(
                classify_all(&[modify(path)]),
                ChangeKind::Everything,
                "{path}"
            );
        }
        // An atomic save of the configuration.
        assert_eq!(
            classify_all(&[event(
                EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
                &["/site/retning.toml.tmp", "/site/retning.toml"]
            )]),
            ChangeKind::Everything
        );
        // Everything wins over guidelines in the same batch.
        assert_eq!(
            classify_all(&[
                modify("/site/guidelines/dlg/dlbcl.md"),
                modify("/site/retning.toml")
            ]),
            ChangeKind::Everything
        );
    }

    #[test]
    fn files_the_site_does_not_read_are_nothing() {
        for path in [
            "/site/public/index.html",
            "/site/.retning/search-index/meta.json",
            "/site/.git/index",
            "/site/README.md",
            "/site/retning.toml.bak",
            "/site/guidelines/dlg/figur.png",
            "/elsewhere/guidelines/dlg/dlbcl.md",
        ] {
            assert_eq!(classify_all(&[modify(path)]), ChangeKind::Nothing, "{path}");
        }
    }

    #[test]
    fn reads_and_metadata_changes_are_nothing_but_a_lost_event_is_everything() {
        let path = "/site/guidelines/dlg/dlbcl.md";
        assert_eq!(
            classify_all(&[
                event(EventKind::Access(AccessKind::Read), &[path]),
                event(
                    EventKind::Access(AccessKind::Close(AccessMode::Read)),
                    &[path]
                ),
                event(
                    EventKind::Modify(ModifyKind::Metadata(MetadataKind::WriteTime)),
                    &[path]
                ),
            ]),
            ChangeKind::Nothing
        );
        assert_eq!(
            classify_all(&[event(
                EventKind::Access(AccessKind::Close(AccessMode::Write)),
                &[path]
            )]),
            guidelines(&[path])
        );
        let rescan = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(classify_all(&[rescan]), ChangeKind::Everything);
    }

    #[test]
    fn a_burst_merges_into_one_change() {
        let events: Vec<Event> = (0..50)
            .map(|i| modify(&format!("/site/guidelines/dlg/g{i}.md")))
            .collect();
        let ChangeKind::Guidelines(paths) = classify_all(&events) else {
            panic!("guidelines expected")
        };
        assert_eq!(paths.len(), 50);
        let merged = ChangeKind::Nothing
            .merge(guidelines(&["/a.md"]))
            .merge(guidelines(&["/b.md"]));
        assert_eq!(merged, guidelines(&["/a.md", "/b.md"]));
        assert_eq!(merged.merge(ChangeKind::Everything), ChangeKind::Everything);
    }
}

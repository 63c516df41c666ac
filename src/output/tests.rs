use super::*;

/// `public/` in a fresh folder, as `build --out public` chooses it.
fn public(dir: &tempfile::TempDir) -> (PathBuf, OutputFolder) {
    let folder = OutputFolder::choose(dir.path(), Path::new("public"), false).unwrap();
    (folder.path().to_path_buf(), folder)
}

fn tree(files: &[(&str, &str)]) -> OutputTree {
    let mut tree = OutputTree::default();
    for (path, body) in files {
        tree.insert(*path, body.as_bytes().to_vec());
    }
    tree
}

#[test]
fn unchanged_files_keep_their_inode_and_removed_files_go() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    write_atomically(
        &tree(&[("a/index.html", "A"), ("b.html", "B"), ("gone.html", "x")]),
        &out,
    )
    .unwrap();
    let inode = fs::metadata(out_path.join("a/index.html")).unwrap().ino();
    let stats = write_atomically(&tree(&[("a/index.html", "A"), ("b.html", "B2")]), &out).unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 1,
            unchanged: 1
        }
    );
    assert_eq!(
        fs::metadata(out_path.join("a/index.html")).unwrap().ino(),
        inode
    );
    assert_eq!(fs::read_to_string(out_path.join("b.html")).unwrap(), "B2");
    assert!(!out_path.join("gone.html").exists());
    assert!(!dir.path().join(".public.tmp").exists());
    assert!(!dir.path().join(".public.old").exists());
}

#[test]
fn a_file_of_the_same_size_but_other_bytes_is_written_not_linked() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    write_atomically(&tree(&[("g/a/index.html", "AAAA"), ("b.html", "B")]), &out).unwrap();
    let inode = fs::metadata(out_path.join("g/a/index.html")).unwrap().ino();
    let stats =
        write_atomically(&tree(&[("g/a/index.html", "AAAB"), ("b.html", "B")]), &out).unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 1,
            unchanged: 1
        }
    );
    assert_eq!(
        fs::read_to_string(out_path.join("g/a/index.html")).unwrap(),
        "AAAB"
    );
    assert_ne!(
        fs::metadata(out_path.join("g/a/index.html")).unwrap().ino(),
        inode
    );
    assert!(
        !same_bytes(&out_path.join("g/a"), b""),
        "a folder is no file"
    );
    assert!(!same_bytes(&out_path.join("missing.html"), b""));
    assert!(same_bytes(&out_path.join("b.html"), b"B"));
}

#[test]
fn many_files_in_new_and_shared_folders_from_many_threads() {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    let staging = Staging::begin(&out).unwrap();
    (0..200).into_par_iter().for_each(|i| {
        let path = format!("g{}/s{i}/deep/index.html", i % 3);
        staging.put(&path, path.as_bytes()).unwrap();
        staging.put(&format!("g{}/p{i}.html", i % 3), b"x").unwrap();
    });
    let stats = staging.finish().swap().unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 400,
            unchanged: 0
        }
    );
    assert_eq!(
        fs::read_to_string(out_path.join("g1/s7/deep/index.html")).unwrap(),
        "g1/s7/deep/index.html"
    );
    assert!(out_path.join("g2/p197.html").is_file());
}

#[test]
fn a_discarded_site_leaves_the_old_one_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    write_atomically(&tree(&[("index.html", "old")]), &out).unwrap();
    let staged = stage(&tree(&[("index.html", "new")]), &out).unwrap();
    assert_eq!(
        fs::read_to_string(out_path.join("index.html")).unwrap(),
        "old"
    );
    staged.discard().unwrap();
    assert_eq!(
        fs::read_to_string(out_path.join("index.html")).unwrap(),
        "old"
    );
    assert!(!dir.path().join(".public.tmp").exists());
}

#[test]
fn files_put_one_by_one_join_the_tree_and_a_discarded_staging_goes() {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    write_atomically(
        &tree(&[("g/a/index.html", "A"), ("index.html", "home")]),
        &out,
    )
    .unwrap();
    let staging = Staging::begin(&out).unwrap();
    // From two threads at once, as the build's rayon threads do.
    std::thread::scope(|scope| {
        scope.spawn(|| staging.put("g/a/index.html", b"A").unwrap());
        scope.spawn(|| staging.put("g/b/index.html", b"B").unwrap());
    });
    staging
        .put_tree(&tree(&[("index.html", "new home")]))
        .unwrap();
    assert_eq!(
        fs::read_to_string(out_path.join("index.html")).unwrap(),
        "home"
    );
    let stats = staging.finish().swap().unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 2,
            unchanged: 1
        }
    );
    assert_eq!(
        fs::read_to_string(out_path.join("g/b/index.html")).unwrap(),
        "B"
    );
    assert_eq!(
        fs::read_to_string(out_path.join("index.html")).unwrap(),
        "new home"
    );

    let staging = Staging::begin(&out).unwrap();
    staging.put("g/c/index.html", b"C").unwrap();
    staging.discard().unwrap();
    assert!(!dir.path().join(".public.tmp").exists());
    assert!(!out_path.join("g/c").exists());
    assert_eq!(
        fs::read_to_string(out_path.join("g/a/index.html")).unwrap(),
        "A"
    );
}

#[test]
fn a_site_left_aside_by_a_killed_build_is_restored_but_no_folder_of_anyone_else() {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, _) = public(&dir);
    let previous = dir.path().join(".public.old");
    fs::create_dir_all(&previous).unwrap();
    fs::write(previous.join("index.html"), "old").unwrap();
    recover(&out_path, &previous).unwrap();
    assert!(
        !out_path.exists(),
        "a folder without the marker is not ours"
    );
    fs::write(previous.join(MARKER), folder::MARKER_TEXT).unwrap();
    recover(&out_path, &previous).unwrap();
    assert_eq!(
        fs::read_to_string(out_path.join("index.html")).unwrap(),
        "old"
    );
}

#[test]
fn every_site_carries_the_marker_and_a_stranger_in_the_staging_place_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    write_atomically(&tree(&[("index.html", "A")]), &out).unwrap();
    assert!(folder::is_ours(&out_path));

    let theirs = dir.path().join(".public.tmp");
    fs::create_dir(&theirs).unwrap();
    fs::write(theirs.join("notes.txt"), "mine").unwrap();
    let err = write_atomically(&tree(&[("index.html", "B")]), &out).unwrap_err();
    assert!(err.to_string().contains("not written by retning"), "{err}");
    assert_eq!(
        fs::read_to_string(theirs.join("notes.txt")).unwrap(),
        "mine"
    );
    assert_eq!(
        fs::read_to_string(out_path.join("index.html")).unwrap(),
        "A"
    );
}

#[test]
fn a_file_named_by_its_bytes_is_linked_unread_only_from_a_vouched_for_site() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    write_atomically(&tree(&[("search/f.1.json", "before")]), &out).unwrap();
    // Not vouched for: the bytes decide.
    let staging = Staging::begin(&out).unwrap();
    staging
        .put_named_by_content("search/f.1.json", b"change")
        .unwrap();
    staging.finish().swap().unwrap();
    assert_eq!(
        fs::read_to_string(out_path.join("search/f.1.json")).unwrap(),
        "change"
    );
    // Vouched for: the name decides, the file is linked unread; a new name is written.
    let inode = fs::metadata(out_path.join("search/f.1.json"))
        .unwrap()
        .ino();
    let staging = Staging::begin(&out.clone().left_by_last_build(true)).unwrap();
    staging
        .put_named_by_content("search/f.1.json", b"unread")
        .unwrap();
    staging
        .put_named_by_content("search/f.2.json", b"two")
        .unwrap();
    let stats = staging.finish().swap().unwrap();
    assert_eq!(
        stats,
        WriteStats {
            written: 1,
            unchanged: 1
        }
    );
    assert_eq!(
        fs::metadata(out_path.join("search/f.1.json"))
            .unwrap()
            .ino(),
        inode
    );
    assert_eq!(
        fs::read_to_string(out_path.join("search/f.2.json")).unwrap(),
        "two"
    );
    // A name of another size is no such file (a part of a hash may collide).
    let staging = Staging::begin(&out.clone().left_by_last_build(true)).unwrap();
    staging
        .put_named_by_content("search/f.2.json", b"three")
        .unwrap();
    staging.finish().swap().unwrap();
    assert_eq!(
        fs::read_to_string(out_path.join("search/f.2.json")).unwrap(),
        "three"
    );
}

#[test]
fn no_path_can_lead_a_file_outside_the_site() {
    let dir = tempfile::tempdir().unwrap();
    let (_, out) = public(&dir);
    let staging = Staging::begin(&out).unwrap();
    for path in [
        "../escaped.html",
        "/index.html",
        "a//b",
        "a/../../b",
        "",
        "a\\..\\b",
    ] {
        assert!(staging.put(path, b"x").is_err(), "{path:?} was written");
    }
    staging.discard().unwrap();
    assert!(!dir.path().join("escaped.html").exists());
}

#[test]
fn the_old_site_goes_whole_but_what_its_links_lead_to_stays() {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    let files: Vec<(String, String)> = (0..40)
        .map(|i| (format!("g{}/p{i}/index.html", i % 7), format!("page {i}")))
        .collect();
    let pairs: Vec<(&str, &str)> = files
        .iter()
        .map(|(p, b)| (p.as_str(), b.as_str()))
        .collect();
    write_atomically(&tree(&pairs), &out).unwrap();
    let outside = dir.path().join("outside");
    fs::create_dir(&outside).unwrap();
    fs::write(outside.join("keep.txt"), "mine").unwrap();
    std::os::unix::fs::symlink(&outside, out_path.join("g1/link")).unwrap();
    std::os::unix::fs::symlink(outside.join("keep.txt"), out_path.join("file-link")).unwrap();

    write_atomically(&tree(&[("index.html", "new")]), &out).unwrap();
    assert!(!dir.path().join(".public.old").exists());
    assert_eq!(
        fs::read_to_string(outside.join("keep.txt")).unwrap(),
        "mine"
    );
    let left: Vec<_> = fs::read_dir(&out_path)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
}

#[test]
fn a_folder_whose_removal_stopped_keeps_its_marker_and_is_removed_next_time() {
    // What a kill in the middle of removing the old site set aside, or a killed build's
    // staging folder, leaves: the marker (removed last) and some of the files.
    for left in [".public.old", ".public.tmp"] {
        let dir = tempfile::tempdir().unwrap();
        let (out_path, out) = public(&dir);
        write_atomically(&tree(&[("index.html", "A")]), &out).unwrap();
        let aside = dir.path().join(left);
        fs::create_dir_all(aside.join("g/a")).unwrap();
        fs::write(aside.join(MARKER), folder::MARKER_TEXT).unwrap();
        fs::write(aside.join("g/a/index.html"), "half").unwrap();
        write_atomically(&tree(&[("index.html", "B")]), &out).unwrap();
        assert!(!aside.exists(), "{left}");
        assert_eq!(
            fs::read_to_string(out_path.join("index.html")).unwrap(),
            "B"
        );
    }
}

#[test]
fn a_staging_folder_a_kill_left_before_its_marker_is_removed_if_empty() {
    let dir = tempfile::tempdir().unwrap();
    let (out_path, out) = public(&dir);
    write_atomically(&tree(&[("index.html", "A")]), &out).unwrap();
    // Made, not yet marked: the kill came between the two.
    let staging = dir.path().join(".public.tmp");
    fs::create_dir(&staging).unwrap();
    write_atomically(&tree(&[("index.html", "B")]), &out).unwrap();
    assert!(!staging.exists());
    assert_eq!(
        fs::read_to_string(out_path.join("index.html")).unwrap(),
        "B"
    );
}

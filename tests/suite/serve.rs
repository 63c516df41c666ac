//! `retning serve`: the real binary on an ephemeral loopback port, driven over HTTP while the
//! test edits the site's files. Every wait is a poll with a generous deadline (the machines
//! are small and shared), never a fixed sleep that hopes to be long enough.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{MAIN, Site, TODAY, VALID, site};

/// How long "eventually" may take.
const EVENTUALLY: Duration = Duration::from_secs(10);
/// The first build of a debug binary on a busy machine.
const STARTUP: Duration = Duration::from_secs(60);

/// A running `retning serve`; killed when dropped, also when a test fails.
struct Server {
    child: Child,
    address: String,
    /// What the server printed on stderr, for failure messages.
    log: mpsc::Receiver<String>,
}

impl Server {
    fn start(site: &Site) -> Self {
        Self::start_with(site, &[])
    }

    fn start_with(site: &Site, extra: &[&str]) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_retning"))
            .args(["serve", "--port", "0", "--today", TODAY])
            .args(extra)
            .current_dir(site.root())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start retning serve");
        let stdout = child.stdout.take().expect("stdout");
        let stderr = child.stderr.take().expect("stderr");
        let (lines_tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = lines_tx.send(line);
            }
        });
        let (log_tx, log) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                let _ = log_tx.send(line);
            }
        });
        let mut server = Self {
            child,
            address: String::new(),
            log,
        };
        let deadline = Instant::now() + STARTUP;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match lines.recv_timeout(left) {
                Ok(line) => {
                    if let Some(at) = line.find("http://") {
                        let url = line[at..].split_whitespace().next().unwrap_or_default();
                        let address = url
                            .trim_start_matches("http://")
                            .trim_end_matches('/')
                            .to_owned();
                        assert!(
                            address.starts_with("127.0.0.1:") && !address.ends_with(":0"),
                            "the URL names the real loopback port: {line}"
                        );
                        server.address = address;
                        return server;
                    }
                }
                Err(_) => panic!(
                    "retning serve printed no URL within {STARTUP:?}; stderr:\n{}",
                    server.log_text()
                ),
            }
        }
    }

    fn log_text(&self) -> String {
        self.log.try_iter().collect::<Vec<_>>().join("\n")
    }

    fn get(&self, path: &str) -> Response {
        get(&self.address, path)
    }

    fn page(&self, path: &str) -> String {
        let response = self.get(path);
        assert_eq!(response.status, 200, "GET {path}: {}", response.body);
        response.body
    }

    /// Polls `path` until `check` holds for the response.
    #[track_caller]
    fn eventually(&self, path: &str, what: &str, check: impl Fn(&Response) -> bool) -> Response {
        let deadline = Instant::now() + EVENTUALLY;
        loop {
            let response = self.get(path);
            if check(&response) {
                return response;
            }
            if Instant::now() > deadline {
                panic!(
                    "GET {path}: {what} did not happen within {EVENTUALLY:?}; last response {}:\n{}\nserver log:\n{}",
                    response.status,
                    response.body,
                    self.log_text()
                );
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    fn events(&self) -> Events {
        Events::open(&self.address)
    }

    fn assert_running(&mut self) {
        assert!(
            self.child.try_wait().expect("poll the server").is_none(),
            "the server exited; log:\n{}",
            self.log_text()
        );
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Response {
    status: u16,
    headers: Vec<(String, String)>,
    body: String,
}

impl Response {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// One HTTP/1.0 request (so the body ends when the connection closes). `path` is sent as
/// given, byte for byte: no client-side normalisation of `..`.
fn get(address: &str, path: &str) -> Response {
    let mut stream = connect(address);
    write!(stream, "GET {path} HTTP/1.0\r\nHost: {address}\r\n\r\n").expect("send request");
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).expect("read response");
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, body) = text
        .split_once("\r\n\r\n")
        .unwrap_or_else(|| panic!("no header end in {text:?}"));
    let mut lines = head.lines();
    let status = lines
        .next()
        .and_then(|l| l.split_whitespace().nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("no status in {head:?}"));
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_owned(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: body.to_owned(),
    }
}

fn connect(address: &str) -> TcpStream {
    let stream = TcpStream::connect(address).expect("connect to the server");
    stream
        .set_read_timeout(Some(EVENTUALLY))
        .expect("read timeout");
    stream
        .set_write_timeout(Some(EVENTUALLY))
        .expect("write timeout");
    stream
}

/// The server-sent events stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(address: &str) -> Self {
        let mut stream = connect(address);
        write!(
            stream,
            "GET /__retning/events HTTP/1.0\r\nHost: {address}\r\nAccept: text/event-stream\r\n\r\n"
        )
        .expect("send request");
        let mut reader = BufReader::new(stream);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            reader
                .read_line(&mut line)
                .expect("read the stream's header");
            if line.trim().is_empty() {
                break;
            }
            head.push_str(&line);
        }
        assert!(
            head.starts_with("HTTP/1.0 200") || head.starts_with("HTTP/1.1 200"),
            "{head}"
        );
        assert!(
            head.to_ascii_lowercase().contains("text/event-stream"),
            "{head}"
        );
        Self { reader }
    }

    /// The next event as (name, data), skipping keep-alive comments; fails after the deadline.
    #[track_caller]
    fn next(&mut self) -> (String, String) {
        let deadline = Instant::now() + EVENTUALLY;
        let (mut name, mut data) = (String::new(), String::new());
        loop {
            assert!(Instant::now() < deadline, "no event within {EVENTUALLY:?}");
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("read an event");
            assert!(read > 0, "the event stream closed");
            let line = line.trim_end_matches(['\r', '\n']);
            if line.is_empty() {
                if !name.is_empty() {
                    return (name, data);
                }
            } else if let Some(value) = line.strip_prefix("event:") {
                name = value.trim().to_owned();
            } else if let Some(value) = line.strip_prefix("data:") {
                data = value.trim().to_owned();
            }
        }
    }
}

/// Writes `text` the way most editors save: to a temporary file, renamed over the real one.
fn save_atomically(path: &Path, text: &str) {
    let name = path.file_name().expect("file name").to_string_lossy();
    let temporary = path.with_file_name(format!(".{name}.swp"));
    std::fs::write(&temporary, text).expect("write the temporary file");
    std::fs::rename(&temporary, path).expect("rename over the real file");
}

const SENTENCE: &str = "Alle patienter bør have udført PET/CT-skanning";
const EDITED: &str = "Alle patienter bør have udført REDIGERET PET/CT-skanning";

#[test]
fn serves_the_site_and_reloads_on_save() {
    let site = site().build();
    let server = Server::start(&site);
    let page = server.page("/dlg/dlbcl/");
    assert!(page.contains("Diffust storcellet B-celle lymfom"), "{page}");
    assert!(page.contains(SENTENCE));
    // Links are the preview's own, not the published base URL's.
    assert!(page.contains("href=\"/dlg/\""), "{page}");
    assert!(page.contains("/__retning/events"), "the live-reload script");
    assert!(
        !page.contains("retning-overlay"),
        "no overlay on a clean site"
    );
    for path in ["/", "/dlg/", "/revision/", "/soeg/", "/styrke/"] {
        assert!(server.page(path).contains("/__retning/events"), "{path}");
    }
    let feed = server.get("/feed.xml");
    assert_eq!(feed.status, 200);
    assert_eq!(feed.header("content-type"), Some("application/atom+xml"));
    assert!(
        !feed.body.contains("__retning"),
        "only HTML pages get the script"
    );
    let api = server.get("/api/guidelines.json");
    assert_eq!(api.header("content-type"), Some("application/json"));
    let redirect = server.get("/dlg/dlbcl");
    assert_eq!(redirect.status, 307);
    assert_eq!(redirect.header("location"), Some("/dlg/dlbcl/"));

    let mut events = server.events();
    let (name, generation) = events.next();
    assert_eq!(name, "hello");
    std::fs::write(site.path(MAIN), VALID.replace(SENTENCE, EDITED)).expect("edit");
    let (name, reloaded) = events.next();
    assert_eq!(name, "reload");
    assert_ne!(reloaded, generation);
    // The reload is sent once the new version is served.
    let page = server.page("/dlg/dlbcl/");
    assert!(page.contains(EDITED), "{page}");
    // That generation or a later one: the site-wide step after the save may publish again.
    let served = page
        .split("data-generation=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page names its generation");
    let number = |generation: &str| -> u64 {
        let (_, n) = generation.rsplit_once('-').expect("instance-number");
        n.parse().expect("a number")
    };
    assert_eq!(
        served.rsplit_once('-').map(|(i, _)| i),
        reloaded.rsplit_once('-').map(|(i, _)| i)
    );
    assert!(
        number(served) >= number(&reloaded),
        "{served} before {reloaded}"
    );

    // `retning build` output carries neither the script nor an overlay.
    let out = site.path("public");
    let build = site
        .retning()
        .args(["build", "--today", TODAY])
        .output()
        .expect("run retning build");
    assert!(build.status.success());
    let built = std::fs::read_to_string(out.join("dlg/dlbcl/index.html")).expect("built page");
    assert!(!built.contains("__retning") && !built.contains("retning-overlay"));
}

#[test]
fn a_broken_strength_shows_an_overlay_on_every_page_until_fixed() {
    let site = site().build();
    let server = Server::start(&site);
    let broken = VALID
        .replace("::: anbefaling 1 (B)", "::: anbefaling 1 (E)")
        .replace(SENTENCE, EDITED);
    let line = broken
        .lines()
        .position(|l| l.contains("anbefaling 1 (E)"))
        .expect("the broken line")
        + 1;
    std::fs::write(site.path(MAIN), &broken).expect("break the strength");

    let place = format!("guidelines/dlg/dlbcl.md:{line}:");
    let home = server.eventually("/", "the overlay", |r| r.body.contains("retning-overlay"));
    assert!(
        home.body.contains(&place),
        "the overlay names file and line: {}",
        home.body
    );
    assert!(home.body.contains("recommendation.bad-strength"));
    assert!(
        home.body.contains("::: anbefaling 1 (E)"),
        "the source line"
    );
    for path in ["/dlg/dlbcl/", "/revision/", "/dlg/", "/findes-ikke/"] {
        let body = server.get(path).body;
        assert!(body.contains("retning-overlay"), "{path} has the overlay");
        assert!(body.contains(&place), "{path}");
    }
    // The last good version stays readable under the overlay (which quotes the edited lines
    // around the finding).
    let page = server.page("/dlg/dlbcl/");
    let (page, overlay) = page
        .split_once("<div id=\"retning-overlay\"")
        .expect("the overlay");
    assert!(page.contains(SENTENCE) && !page.contains(EDITED), "{page}");
    assert!(overlay.contains(EDITED), "{overlay}");

    // Fixed (saved the way editors do): the overlay goes and the new text shows.
    save_atomically(
        &site.path(MAIN),
        &broken.replace("::: anbefaling 1 (E)", "::: anbefaling 1 (B)"),
    );
    let page = server.eventually("/dlg/dlbcl/", "the fix", |r| {
        r.status == 200 && !r.body.contains("retning-overlay")
    });
    assert!(page.body.contains(EDITED));
    assert!(!server.page("/").contains("retning-overlay"));
}

#[test]
fn deleted_and_renamed_guidelines() {
    let copy = |title: &str| VALID.replace("Diffust storcellet B-celle lymfom", title);
    let site = site()
        .file("guidelines/dlg/andet.md", copy("Anden retningslinje"))
        .file("guidelines/dbcg/tredje.md", copy("Tredje retningslinje"))
        .build();
    let server = Server::start(&site);
    assert!(server.page("/dlg/andet/").contains("Anden retningslinje"));
    assert!(
        server
            .page("/dbcg/tredje/")
            .contains("Tredje retningslinje")
    );

    std::fs::remove_file(site.path("guidelines/dbcg/tredje.md")).expect("delete");
    let gone = server.eventually("/dbcg/tredje/", "a 404", |r| r.status == 404);
    assert!(
        gone.body.contains("Siden findes ikke"),
        "the site's 404 page"
    );
    assert!(!server.page("/dbcg/").contains("Tredje retningslinje"));

    std::fs::rename(
        site.path("guidelines/dlg/andet.md"),
        site.path("guidelines/dlg/omdoebt.md"),
    )
    .expect("rename");
    let renamed = server.eventually("/dlg/omdoebt/", "the new URL", |r| r.status == 200);
    assert!(renamed.body.contains("Anden retningslinje"));
    assert_eq!(server.get("/dlg/andet/").status, 404);
    let home = server.page("/");
    assert!(home.contains("/dlg/omdoebt/") && !home.contains("/dlg/andet/"));
    assert!(!home.contains("retning-overlay"), "{home}");
}

#[test]
fn no_path_reaches_outside_the_site() {
    let site = site().build();
    let mut server = Server::start(&site);
    for path in [
        "/../retning.toml",
        "/%2e%2e/retning.toml",
        "/%2E%2E/retning.toml",
        "/..%2fretning.toml",
        "/..%2Fretning.toml",
        "/dlg/../../retning.toml",
        "/%2e%2e%2f%2e%2e%2fetc/passwd",
        "//etc/passwd",
        "/%2fetc/passwd",
        "/..\\retning.toml",
        "/%5c..%5cretning.toml",
        "/retning.toml",
        "/guidelines/dlg/dlbcl.md",
        "/dlg/dlbcl.md",
        "/public/",
        "/findes-ikke/",
    ] {
        let response = server.get(path);
        assert_eq!(response.status, 404, "{path}");
        assert!(
            response.body.contains("Siden findes ikke"),
            "{path}: the site's 404 page"
        );
        for secret in ["[groups]", "base_url", "root:x:0", "+++"] {
            assert!(!response.body.contains(secret), "{path} leaked {secret}");
        }
    }
    let response = server.get("/");
    assert_eq!(response.status, 200);
    server.assert_running();
}

#[test]
fn a_burst_of_50_changes_ends_with_all_50_new_versions() {
    let title = |i: usize, version: &str| format!("Retningslinje {i} version {version}");
    let text = |i: usize, version: &str| {
        VALID.replace("Diffust storcellet B-celle lymfom", &title(i, version))
    };
    let mut builder = site();
    for i in 0..50 {
        builder = builder.file(&format!("guidelines/dbcg/g{i:02}.md"), text(i, "en"));
    }
    let site = builder.build();
    let mut server = Server::start(&site);
    assert!(server.page("/dbcg/g49/").contains(&title(49, "en")));

    // As a `git checkout` does it: every file rewritten at once.
    for i in 0..50 {
        std::fs::write(
            site.path(&format!("guidelines/dbcg/g{i:02}.md")),
            text(i, "to"),
        )
        .expect("rewrite");
    }
    server.eventually("/dbcg/", "all 50 new titles", |r| {
        (0..50).all(|i| r.body.contains(&title(i, "to")))
    });
    for i in 0..50 {
        let page = server.page(&format!("/dbcg/g{i:02}/"));
        assert!(page.contains(&title(i, "to")), "g{i:02}");
        assert!(!page.contains("retning-overlay"), "g{i:02}");
    }
    assert!(!server.page("/").contains(&title(7, "en")));
    server.assert_running();
}

/// A measurement, not a test: the time from saving one guideline to the reload event on a
/// 300-guideline site, median of 20 saves. Run it on an optimised build:
///
/// ```sh
/// cargo test --release --test main save_to_reload -- --ignored --nocapture
/// ```
#[test]
#[ignore = "a measurement; run by hand with --release"]
fn save_to_reload_on_300_guidelines() {
    // 299 copies of the valid guideline beside it (their `@/dlg/dlbcl.md` links resolve).
    let mut builder = site();
    for i in 0..299 {
        let group = if i % 2 == 0 { "dlg" } else { "dbcg" };
        let text = VALID.replace(
            "Diffust storcellet B-celle lymfom",
            &format!("Retningslinje nr. {i}"),
        );
        builder = builder.file(&format!("guidelines/{group}/g{i:03}.md"), text);
    }
    let site = builder.build();
    let server = Server::start(&site);
    assert!(server.page("/dlg/g000/").contains("Retningslinje nr. 0"));
    let mut events = server.events();
    assert_eq!(events.next().0, "hello");
    let path = site.path("guidelines/dlg/g100.md");
    let mut times = Vec::new();
    for save in 0..20 {
        let text = VALID.replace(
            "Diffust storcellet B-celle lymfom",
            &format!("Retningslinje nr. 100, gemt {save} gange"),
        );
        let started = Instant::now();
        std::fs::write(&path, text).expect("save");
        let (name, _) = events.next();
        times.push(started.elapsed());
        assert_eq!(name, "reload");
        // Let the machine settle between saves, as between an author's keystrokes.
        std::thread::sleep(Duration::from_millis(250));
    }
    assert!(
        server
            .page("/dlg/g100/")
            .contains("Retningslinje nr. 100, gemt 19 gange")
    );
    let mut sorted = times.clone();
    sorted.sort();
    let ms = |d: &Duration| d.as_secs_f64() * 1000.0;
    println!(
        "save → reload event, 300 guidelines, 20 saves: median {:.1} ms (min {:.1}, max {:.1})",
        ms(&sorted[sorted.len() / 2]),
        ms(&sorted[0]),
        ms(&sorted[sorted.len() - 1])
    );
    println!(
        "each: {:?}",
        times.iter().map(|t| ms(t).round()).collect::<Vec<_>>()
    );
    println!("server log:\n{}", server.log_text());
}

#[test]
fn search_works_in_the_preview_with_tantivy_and_the_static_index_and_follows_edits() {
    let site = site().build();
    let server = Server::start(&site);
    // tantivy behind /api/search.
    let hits = server.eventually("/api/search?q=knoglemarv", "search answers", |r| {
        r.status == 200 && r.body.contains("#anbefaling-2")
    });
    assert!(hits.body.starts_with('['), "{}", hits.body);
    // The static reader's files: pages name a stable meta file, which names the hashed folder
    // of chunks and fragments.
    let home = server.page("/");
    assert!(
        home.contains("data-search-meta=\"/search/meta.json\""),
        "{home}"
    );
    let meta: serde_json::Value =
        serde_json::from_str(&server.page("/search/meta.json")).expect("meta.json");
    assert_eq!(
        meta["version"],
        search_index::static_index::VERSION,
        "{meta}"
    );
    let dir = meta["dir"].as_str().expect("dir");
    for file in ["c0.json", "f0.json"] {
        let response = server.get(&format!("/search/{dir}/{file}"));
        assert_eq!(response.status, 200, "{dir}/{file}");
        assert!(response.body.starts_with('{'), "{}", response.body);
    }
    // Only the index's own files: a lookup, never a path on disk.
    for path in [
        format!("/search/{dir}/c9999.json"),
        format!("/search/{dir}/../meta.json"),
        format!("/search/{dir}/%2e%2e/meta.json"),
        "/search/../index.html".to_owned(),
    ] {
        assert_ne!(server.get(&path).status, 200, "{path}");
    }
    // An edit reaches search too.
    let text = std::fs::read_to_string(site.path(crate::support::MAIN)).expect("read");
    std::fs::write(
        site.path(crate::support::MAIN),
        text.replace("PET/CT-skanning", "PET/CT-skanning og zebrafisk"),
    )
    .expect("write");
    server.eventually("/api/search?q=zebrafisk", "the new word is found", |r| {
        r.status == 200 && r.body.contains("#anbefaling-1")
    });
    assert_eq!(server.get("/search/findes-ikke.json").status, 404);
}

#[test]
fn a_script_link_in_a_file_with_errors_never_reaches_the_preview() {
    // Never without errors, so the preview renders the file as it is, links and all.
    let site = site()
        .replace(
            "[opfølgning](https://example.org/opfoelgning)",
            "[opfølgning](&#106;avascript:alert(1)) og ![figur](DATA:text/html,x)",
        )
        .replace(
            "url = \"https://example.org/beslutningshjaelper/dlbcl-aeldre\"",
            "url = \" javascript:alert(2)\"",
        )
        .build();
    let server = Server::start(&site);
    let page = server.page("/dlg/dlbcl/");
    let (content, overlay) = page
        .split_once("<div id=\"retning-overlay\"")
        .expect("the page has the overlay");
    assert!(overlay.contains("link.unsafe-scheme"), "{overlay}");
    // The link's text and the aid's title stay; the links do not.
    assert!(content.contains("opfølgning") && content.contains("figur"));
    assert!(content.contains("Beslutningshjælper: behandling af DLBCL hos ældre"));
    let lower = content.to_ascii_lowercase();
    assert!(!lower.contains("javascript:") && !lower.contains("data:text"));
    for value in crate::hostile_links::link_attributes(content) {
        assert!(retning::link_safety::is_allowed(&value), "{value:?}");
    }
}

#[test]
fn a_control_character_in_a_title_never_reaches_the_feed() {
    // Written as a TOML escape (TOML refuses it raw); an error, but the preview renders it.
    let site = site()
        .replace("title = \"Diffust", "title = \"\\u001B]0;x\\u0007Diffust")
        .build();
    let server = Server::start(&site);
    let feed = server.page("/feed.xml");
    assert!(feed.contains("Diffust storcellet"), "{feed}");
    assert!(
        !feed.contains(|c: char| c < ' ' && !matches!(c, '\t' | '\n' | '\r')),
        "{feed:?}"
    );
    let home = server.page("/");
    assert!(home.contains("frontmatter.control-character"), "{home}");
}

#[test]
fn the_preview_shows_earlier_versions_from_git_unless_told_not_to() {
    use crate::history::{REC1, history_site};
    let site = history_site();
    let server = Server::start(&site);
    assert!(server.page("/dlg/dlbcl/").contains("Tidligere versioner"));
    assert!(
        server
            .page("/dlg/dlbcl/version/1.0/")
            .contains("Erstattet af version 2.0")
    );
    let changes = "/dlg/dlbcl/version/2.0/aendringer/";
    assert!(
        server
            .page(changes)
            .contains("Ændringer fra version 2.0 til 2.1")
    );
    // An edit goes the fast path: the list stays, the page of the last changes follows.
    save_atomically(
        &site.path(MAIN),
        &VALID.replace(REC1, "Alle patienter skal have PET/CT."),
    );
    server.eventually(changes, "the changes follow the edit", |r| {
        r.body.contains(r#"[indsat: </span>skal"#)
    });
    assert!(server.page("/dlg/dlbcl/").contains("Tidligere versioner"));
    drop(server);

    let off = Server::start_with(&site, &["--no-history"]);
    assert!(!off.page("/dlg/dlbcl/").contains("Tidligere versioner"));
    assert_eq!(off.get("/dlg/dlbcl/version/1.0/").status, 404);
}

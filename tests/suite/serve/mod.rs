//! `retning serve`: the real binary on an ephemeral loopback port, driven over HTTP while the
//! test edits the site's files. Every wait is a poll with a generous deadline (the machines
//! are small and shared), never a fixed sleep that hopes to be long enough.

mod editing;
mod history;
mod safety;

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

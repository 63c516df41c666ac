//! The pipeline files of docs/ci.md (`docs/ci/*.yml`) are valid YAML, and every `retning`
//! command they run parses with retning's own command line, so the docs cannot drift from
//! the program.

use std::path::Path;

use clap::Parser;
use retning::cli::Cli;
use yaml_rust2::{Yaml, YamlLoader};

fn load(name: &str) -> Yaml {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("docs/ci")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let mut documents =
        YamlLoader::load_from_str(&text).unwrap_or_else(|err| panic!("{}: {err}", path.display()));
    assert_eq!(documents.len(), 1, "{name}");
    documents.remove(0)
}

/// Every shell line the file runs: GitHub's `run`, GitLab's `script` and `before_script`.
fn shell_lines(yaml: &Yaml) -> Vec<String> {
    let mut lines = Vec::new();
    collect_shell(yaml, &mut lines);
    lines
}

fn collect_shell(yaml: &Yaml, lines: &mut Vec<String>) {
    match yaml {
        Yaml::Hash(map) => {
            for (key, value) in map {
                let is_shell = matches!(
                    key.as_str(),
                    Some("run" | "script" | "before_script" | "after_script")
                );
                match value {
                    Yaml::String(text) if is_shell => {
                        lines.extend(text.lines().map(str::to_owned));
                    }
                    Yaml::Array(items) if is_shell => {
                        lines.extend(items.iter().filter_map(Yaml::as_str).map(str::to_owned));
                    }
                    other => collect_shell(other, lines),
                }
            }
        }
        Yaml::Array(items) => items.iter().for_each(|item| collect_shell(item, lines)),
        _ => {}
    }
}

/// The `retning …` commands of `lines`, as argument lists, up to the first shell operator.
fn retning_commands(lines: &[String]) -> Vec<Vec<String>> {
    lines
        .iter()
        .filter(|line| line.trim_start().starts_with("retning "))
        .map(|line| {
            let words = shlex::split(line.trim()).unwrap_or_else(|| panic!("{line}"));
            words
                .into_iter()
                .take_while(|word| !word.starts_with(['>', '<', '|', '&', ';']))
                .collect()
        })
        .collect()
}

/// Parses every `retning` command of `file` with the real command line; returns them.
fn checked_commands(file: &str) -> Vec<String> {
    let yaml = load(file);
    let commands = retning_commands(&shell_lines(&yaml));
    assert!(!commands.is_empty(), "{file} runs no retning command");
    commands
        .iter()
        .map(|args| {
            if let Err(err) = Cli::try_parse_from(args) {
                panic!(
                    "{file}: `{}` is not a retning command line:\n{err}",
                    args.join(" ")
                );
            }
            args.join(" ")
        })
        .collect()
}

fn key<'a>(yaml: &'a Yaml, path: &[&str]) -> &'a Yaml {
    path.iter().fold(yaml, |node, key| &node[*key])
}

#[test]
fn github_actions_runs_real_commands_on_every_pull_request_and_on_main() {
    let commands = checked_commands("github-actions.yml");
    for expected in [
        "retning check --format github",
        "retning build --precompress --out public",
        "retning report --format json",
    ] {
        assert!(
            commands.iter().any(|c| c == expected),
            "{expected}: {commands:?}"
        );
    }
    let yaml = load("github-actions.yml");
    assert!(!key(&yaml, &["on", "pull_request"]).is_badvalue());
    assert_eq!(
        key(&yaml, &["on", "push", "branches"])[0].as_str(),
        Some("main")
    );
    assert_eq!(
        key(&yaml, &["jobs", "build", "needs"]).as_str(),
        Some("check")
    );
    let uploads = key(&yaml, &["jobs", "build", "steps"])
        .as_vec()
        .unwrap()
        .iter()
        .filter_map(|step| step["with"]["name"].as_str())
        .collect::<Vec<_>>();
    assert_eq!(uploads, ["report", "site"]);
}

#[test]
fn gitlab_ci_runs_real_commands_on_every_merge_request_and_on_main() {
    let commands = checked_commands("gitlab-ci.yml");
    for expected in [
        "retning check --format gitlab",
        "retning check",
        "retning build --precompress --out public",
        "retning report --format json",
    ] {
        assert!(
            commands.iter().any(|c| c == expected),
            "{expected}: {commands:?}"
        );
    }
    let yaml = load("gitlab-ci.yml");
    let report = key(&yaml, &["check", "artifacts", "reports", "codequality"]);
    assert_eq!(report.as_str(), Some("gl-code-quality-report.json"));
    let artifacts = key(&yaml, &["build", "artifacts", "paths"])
        .as_vec()
        .unwrap();
    assert!(
        artifacts
            .iter()
            .any(|path| path.as_str() == Some("report/"))
    );
}

#[test]
fn both_deploy_with_the_atomic_swap_of_docs_deploy() {
    // The recipe e2e/web-servers.sh tests against real web servers.
    let deploy =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/deploy.md"))
            .unwrap();
    for file in ["github-actions.yml", "gitlab-ci.yml"] {
        let lines = shell_lines(&load(file));
        let swap = lines
            .iter()
            .find(|line| line.contains("mv -T current.new current"))
            .unwrap_or_else(|| panic!("{file} does not swap the link"));
        assert!(swap.contains("ln -sfn $release current.new"), "{swap}");
        assert!(deploy.contains("mv -T current.new current"));
    }
}

#[test]
fn a_command_that_does_not_exist_is_caught() {
    let lines = ["retning check --format gitlab-ci > x.json || true".to_owned()];
    let commands = retning_commands(&lines);
    assert_eq!(commands, [["retning", "check", "--format", "gitlab-ci"]]);
    assert!(Cli::try_parse_from(&commands[0]).is_err());
}

#[test]
fn the_nginx_block_shown_in_docs_deploy_is_the_tested_file() {
    let docs = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs");
    let page = std::fs::read_to_string(docs.join("deploy.md")).unwrap();
    let file = std::fs::read_to_string(docs.join("deploy/nginx.conf")).unwrap();
    let directives = |text: &str| -> Vec<String> {
        text.lines()
            .map(|line| line.split('#').next().unwrap_or("").trim().to_owned())
            .filter(|line| !line.is_empty())
            .collect()
    };
    let block = page
        .split("```nginx\n")
        .nth(1)
        .and_then(|rest| rest.split("```").next())
        .expect("docs/deploy.md shows the nginx block");
    assert_eq!(directives(block), directives(&file));
}

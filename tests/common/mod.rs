//! A fresh data folder per test, with files written in the test body, and the real binary run
//! in it. On failure the command, its output and exit code are shown.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub struct Workdir {
    dir: tempfile::TempDir,
}

impl Workdir {
    pub fn new() -> Workdir {
        Workdir {
            dir: tempfile::Builder::new()
                .prefix("xmtool-test")
                .tempdir()
                .expect("temp dir"),
        }
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes `contents` to `rel`, creating folders as needed.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) -> &Self {
        let path = self.dir.path().join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        std::fs::write(&path, contents).expect("write fixture");
        self
    }

    pub fn file(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    pub fn read(&self, rel: &str) -> Vec<u8> {
        std::fs::read(self.file(rel)).expect("read file")
    }

    /// Starts `xmtool check --dir THIS`, its standard output piped to the caller and its
    /// standard error let go.
    pub fn spawn_check(&self) -> std::process::Child {
        Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(["check", "--dir"])
            .arg(self.dir.path())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("start xmtool")
    }

    /// Runs `xmtool ARGS --dir THIS` in this folder (an output named by a relative path lands
    /// here, never in the project's own).
    pub fn run(&self, args: &[&str]) -> Run {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_xmtool"));
        cmd.args(args)
            .arg("--dir")
            .arg(self.dir.path())
            .current_dir(self.dir.path())
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .env_remove("XMTOOL_THREADS");
        let output = cmd.output().expect("run xmtool");
        Run {
            command: format!("xmtool {}", args.join(" ")),
            output,
        }
    }

    /// Runs xmtool as a user whom file permissions bind: this user, or when that is root (who
    /// reads any file) the unprivileged `nobody`, through `setpriv`. `None` when neither can be
    /// had, so that a test of an unreadable file has nothing to show.
    #[cfg(unix)]
    pub fn run_unprivileged(&self, args: &[&str]) -> Option<Run> {
        use std::os::unix::fs::{MetadataExt, PermissionsExt};
        let me = std::fs::metadata(self.path()).expect("temp dir").uid();
        if me != 0 {
            return Some(self.run(args));
        }
        // nobody must reach the folder: a temporary folder is made the owner's alone (0700),
        // which a test that sets the folder's mode on purpose has changed.
        let mode = std::fs::metadata(self.path()).unwrap().permissions().mode();
        if mode & 0o777 == 0o700 {
            std::fs::set_permissions(self.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let output = Command::new("setpriv")
            .args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_xmtool"))
            .args(args)
            .arg("--dir")
            .arg(self.path())
            .current_dir(self.path())
            .env("NO_COLOR", "1")
            .env_remove("COLUMNS")
            .env_remove("XMTOOL_THREADS")
            .output()
            .ok()?;
        if String::from_utf8_lossy(&output.stderr).starts_with("setpriv:") {
            eprintln!("skipped: setpriv cannot run xmtool as nobody here");
            return None;
        }
        Some(Run {
            command: format!("setpriv --reuid=65534 xmtool {}", args.join(" ")),
            output,
        })
    }
}

pub struct Run {
    pub command: String,
    pub output: Output,
}

impl Run {
    pub fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.output.stdout).into_owned()
    }

    pub fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.output.stderr).into_owned()
    }

    pub fn code(&self) -> i32 {
        self.output.status.code().unwrap_or(-1)
    }

    fn explain(&self) -> String {
        format!(
            "command: {}\nexit code: {}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.command,
            self.code(),
            self.stdout(),
            self.stderr()
        )
    }

    /// Asserts the exit code.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code(),
            code,
            "unexpected exit code\n{}",
            self.explain()
        );
        self
    }

    /// Asserts that stdout has a line containing `needle`.
    pub fn expect_line(&self, needle: &str) -> &Self {
        assert!(
            self.stdout().lines().any(|l| l.contains(needle)),
            "no line containing {needle:?}\n{}",
            self.explain()
        );
        self
    }

    /// Asserts that no line of stdout contains `needle`.
    pub fn expect_no_line(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout().lines().any(|l| l.contains(needle)),
            "unexpected line containing {needle:?}\n{}",
            self.explain()
        );
        self
    }

    /// Asserts that stdout has a line holding every one of `parts`, in order (a table row,
    /// whatever the column widths).
    pub fn expect_row(&self, parts: &[&str]) -> &Self {
        let found = self.stdout().lines().any(|line| {
            let mut rest = line;
            parts.iter().all(|p| match rest.find(p) {
                Some(at) => {
                    rest = &rest[at + p.len()..];
                    true
                }
                None => false,
            })
        });
        assert!(found, "no line with {parts:?}\n{}", self.explain());
        self
    }

    pub fn expect_stderr(&self, needle: &str) -> &Self {
        assert!(
            self.stderr().contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.explain()
        );
        self
    }

    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout())
            .unwrap_or_else(|e| panic!("stdout is not JSON: {e}\n{}", self.explain()))
    }
}

/// `xmtool report --format json ARGS` in `w`, which must succeed, as JSON.
pub fn report_json(w: &Workdir, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["report", "--format", "json"];
    all.extend_from_slice(args);
    let run = w.run(&all);
    run.expect_code(0);
    run.json()
}

/// A ranked group of a JSON bulletin, by name.
pub fn group<'a>(doc: &'a serde_json::Value, name: &str) -> &'a serde_json::Value {
    doc["ranking"]
        .as_array()
        .and_then(|groups| groups.iter().find(|g| g["group"] == name))
        .unwrap_or_else(|| panic!("no group {name} in {doc:#}"))
}

/// A project of a JSON bulletin, by id.
pub fn project<'a>(doc: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    doc["projects"]
        .as_array()
        .and_then(|projects| projects.iter().find(|p| p["id"] == id))
        .unwrap_or_else(|| panic!("no project {id}"))
}

/// A registry header with the columns most tests need.
pub const REGISTRY_HEADER: &str =
    "项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）,计划开工时间";

/// A report header with the columns most tests need.
pub const REPORT_HEADER: &str =
    "项目编号,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态,实际开工时间";

/// A small registry of three projects in two districts, plan year 2024.
pub fn small_registry() -> String {
    format!(
        "{REGISTRY_HEADER}\n\
         A1,金川路网,金川区,续建,10000,4000,2023-03\n\
         A2,金川学校,金川区,新建,5000,2000,2024-03\n\
         B1,河西园区,河西区,新建,8000,3000,2024-02\n"
    )
}

/// A folder with the small registry and clean January and February reports.
pub fn clean_folder() -> Workdir {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", small_registry())
        .write(
            "reports/2024-01.csv",
            format!(
                "{REPORT_HEADER}\n\
                 A1,2024-01,300,300,在建,\n\
                 A2,2024-01,0,0,前期,\n\
                 B1,2024-01,0,0,未开工,\n"
            ),
        )
        .write(
            "reports/2024-02.csv",
            format!(
                "{REPORT_HEADER}\n\
                 A1,2024-02,200,500,在建,\n\
                 A2,2024-02,0,0,前期,\n\
                 B1,2024-02,150,150,在建,2024-02\n"
            ),
        );
    w
}

/// A copy of the bundled example folder, `examples/demo`, to change as a test needs.
#[allow(dead_code)]
pub fn demo() -> Workdir {
    let w = Workdir::new();
    copy_tree(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo"),
        w.path(),
    );
    w
}

/// Copies a folder and everything below it.
#[allow(dead_code)]
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The SHA-256 of `bytes` in hex, as outputs record each input's.
pub fn sha256_hex(bytes: &[u8]) -> String {
    use sha2::Digest;
    sha2::Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

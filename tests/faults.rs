//! Faults: a full disk or a read-only target while writing, a report file that is gone when it
//! is read. Each gives a clear error, leaves the inputs as they were, and leaves no partial
//! output. Full and read-only disks are simulated with small tmpfs mounts, which needs root;
//! where mounting is not allowed those tests say so and skip.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Workdir;

fn demo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo")
}

/// A tmpfs mounted at `dir` with `options`, unmounted on drop.
struct Mount(PathBuf);

impl Mount {
    fn new(dir: &Path, options: &str) -> Option<Mount> {
        std::fs::create_dir_all(dir).ok()?;
        let ok = Command::new("mount")
            .args(["-t", "tmpfs", "-o", options, "tmpfs"])
            .arg(dir)
            .output()
            .is_ok_and(|o| o.status.success());
        ok.then(|| Mount(dir.to_path_buf()))
    }
}

impl Drop for Mount {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg(&self.0).output();
    }
}

fn xmtool(args: &[&str], target: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(args)
        .arg(target)
        .arg("--dir")
        .arg(demo())
        .output()
        .unwrap()
}

fn entries(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_full_disk_during_export_leaves_nothing_behind() {
    let w = Workdir::new();
    let Some(_mount) = Mount::new(&w.file("small"), "size=48k") else {
        eprintln!(
            "SKIPPED a_full_disk_during_export_leaves_nothing_behind: cannot mount tmpfs here"
        );
        return;
    };
    let out = w.file("small/out");
    let run = xmtool(&["export", "--month", "2024-06", "--out"], &out);
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("No space left on device"), "{stderr}");
    assert!(!out.exists(), "no partial output folder");
    assert!(
        entries(&w.file("small")).is_empty(),
        "no temporary files: {:?}",
        entries(&w.file("small"))
    );

    // Into an existing folder: the files already there are kept as they were.
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("overview.csv"), "old").unwrap();
    let run = xmtool(&["export", "--month", "2024-06", "--force", "--out"], &out);
    assert_eq!(run.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(out.join("overview.csv")).unwrap(),
        "old"
    );
    assert_eq!(entries(&out), ["overview.csv"], "no temporary files left");

    // report -o: the same.
    let target = w.file("small/bulletin.html");
    let big = Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(["report", "--month", "2024-06", "--format", "json", "-o"])
        .arg(&target)
        .arg("--dir")
        .arg(demo())
        .output()
        .unwrap();
    assert_eq!(
        big.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&big.stderr)
    );
    assert!(!target.exists());

    // template: the files written before the disk filled are taken away, and so are the
    // folders it made for them.
    let forms = w.file("small/forms");
    let run = xmtool(
        &[
            "template", "--month", "2024-07", "--format", "xlsx", "--out",
        ],
        &forms,
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("No space left on device") && !stderr.contains(".tmp"),
        "the error names the file, not a temporary one: {stderr}"
    );
    assert_eq!(
        entries(&w.file("small")),
        ["out"],
        "no folder or file left but the export's folder made above"
    );
    // Into a folder that was there: it stays, empty as it was.
    std::fs::create_dir(&forms).unwrap();
    let run = xmtool(
        &[
            "template", "--month", "2024-07", "--format", "xlsx", "--out",
        ],
        &forms,
    );
    assert_eq!(run.status.code(), Some(2));
    assert!(forms.is_dir());
    assert!(entries(&forms).is_empty(), "{:?}", entries(&forms));
}

/// A limit on the size of files written (`ulimit -f`, as a batch system may set) is a full disk
/// to xmtool: a clear error, and nothing left behind; not a process killed by SIGXFSZ with its
/// temporary file left where the output was to be.
#[cfg(unix)]
#[test]
fn a_file_size_limit_is_a_clear_error_and_leaves_nothing_behind() {
    let w = Workdir::new();
    // 4 blocks of 512 bytes (of 1 KiB in some shells): less than any of these outputs.
    let limited = |script: &str, args: &[&str]| {
        let run = Command::new("sh")
            .arg("-c")
            .arg(format!("ulimit -f 4 && exec \"$@\"{script}"))
            .arg("sh")
            .arg(env!("CARGO_BIN_EXE_xmtool"))
            .args(args)
            .arg("--dir")
            .arg(demo())
            .current_dir(w.path())
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr).into_owned();
        assert_eq!(run.status.code(), Some(2), "{args:?}: {stderr}");
        stderr
    };
    for args in [
        &["export", "--month", "2024-06", "--out", "out"][..],
        &[
            "report", "--month", "2024-06", "--format", "html", "-o", "b.html",
        ],
        &[
            "template", "--month", "2024-07", "--format", "xlsx", "--out", "forms",
        ],
    ] {
        let stderr = limited("", args);
        assert!(stderr.contains("File too large"), "{args:?}: {stderr}");
        assert!(
            entries(w.path()).is_empty(),
            "{args:?}: {:?}",
            entries(w.path())
        );
    }
    // Standard output too: an error, not a process killed part way.
    let args = ["report", "--month", "2024-06", "--format", "html"];
    let stderr = limited(" > bulletin.html", &args);
    assert!(
        stderr.contains("cannot write to standard output"),
        "{stderr}"
    );
}

#[test]
fn a_read_only_target_is_a_clear_error() {
    let w = Workdir::new();
    let Some(_mount) = Mount::new(&w.file("ro"), "ro,size=1m") else {
        eprintln!("SKIPPED a_read_only_target_is_a_clear_error: cannot mount tmpfs here");
        return;
    };
    let run = xmtool(
        &["export", "--month", "2024-06", "--out"],
        &w.file("ro/out"),
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("xmtool: cannot make a folder in"),
        "{stderr}"
    );
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    let run = xmtool(
        &["report", "--month", "2024-06", "-o"],
        &w.file("ro/bulletin.md"),
    );
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("Read-only file system"), "{stderr}");
    // The temporary file that could not be made is not named: it never was.
    assert!(!stderr.contains(".xmtool-"), "{stderr}");
    let run = xmtool(&["template", "--month", "2024-07", "--out"], &w.file("ro"));
    assert_eq!(run.status.code(), Some(2));
    assert!(entries(&w.file("ro")).is_empty());
}

#[test]
fn a_report_file_gone_when_read_is_a_finding() {
    // A dangling symbolic link is a file that was listed and is gone when it is read (said to
    // be a link to nothing, as it is).
    let w = common::clean_folder();
    #[cfg(unix)]
    std::os::unix::fs::symlink(
        w.file("reports/gone.csv.orig"),
        w.file("reports/2024-03.csv"),
    )
    .unwrap();
    let before = w.read("projects.csv");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-03.csv: error: cannot read: it is a link to ")
        .expect_line("gone.csv.orig, which is not there");
    w.run(&["report", "--month", "2024-02"]).expect_code(1);
    assert_eq!(w.read("projects.csv"), before, "inputs untouched");
}

/// A folder big enough that export takes a while: `n` projects, three months of reports.
fn big_folder(w: &Workdir, n: usize) {
    let mut registry =
        String::from("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n");
    for i in 0..n {
        registry.push_str(&format!(
            "P{i:05},项目{i},区{},续建,10000,{},2023-01\n",
            i % 20,
            1000 + i
        ));
    }
    w.write("projects.csv", registry);
    for m in 1..=3 {
        let mut report = String::from("项目编号,累计完成投资,项目状态\n");
        for i in 0..n {
            report.push_str(&format!("P{i:05},{},在建\n", m * (10 + i % 50)));
        }
        w.write(&format!("reports/2024-{m:02}.csv"), report);
    }
}

#[test]
fn an_interrupted_export_leaves_no_partial_output() {
    // strace sends the interrupt as the export makes its k-th write, for each of the first
    // twelve (twelve files are written before the folder is put in place, each in one write or
    // more): each run exits 130 with nothing at the target, or, where the folder was put in
    // place before the interrupt was seen (a busy machine), 0 with every file; no temporary file
    // or folder is left. Needs strace.
    let w = Workdir::new();
    big_folder(&w, 3000);
    let whole = w.file("exports/whole");
    w.run(&[
        "export",
        "--month",
        "2024-03",
        "--out",
        whole.to_str().unwrap(),
    ])
    .expect_code(0);
    let all_files = entries(&whole);
    let out = w.file("exports/out");
    let args = [
        "export",
        "--month",
        "2024-03",
        "--out",
        out.to_str().unwrap(),
    ];
    let mut interrupted = 0;
    for k in 1..=12 {
        let inject = format!("write:signal=INT:when={k}");
        let Some(run) = traced(&inject, None, w.path(), &args) else {
            return;
        };
        let stderr = String::from_utf8_lossy(&run.stderr);
        let leftovers: Vec<String> = entries(&w.file("exports"))
            .into_iter()
            .filter(|e| e.starts_with(".xmtool"))
            .collect();
        assert!(
            leftovers.is_empty(),
            "temporary files left at write {k}: {leftovers:?}"
        );
        if run.status.code() == Some(0) {
            assert!(stderr.contains("wrote 12 files"), "write {k}: {stderr}");
            assert_eq!(entries(&out), all_files, "interrupted at write {k}");
            std::fs::remove_dir_all(&out).unwrap();
            continue;
        }
        assert_eq!(run.status.code(), Some(130), "write {k}: {stderr}");
        assert!(
            stderr.contains("xmtool: interrupted"),
            "write {k}: {stderr}"
        );
        assert!(!out.exists(), "output left after an interrupt at write {k}");
        interrupted += 1;
    }
    // (At the first writes, with the rest of the files to write, the interrupt is seen.)
    assert!(interrupted > 0, "no run was interrupted");
    // The inputs are as they were: reading them still gives a clean check.
    w.run(&["check"]).expect_code(0);
}

#[test]
fn an_interrupt_while_files_are_put_in_place_leaves_them_all_new_or_all_old() {
    // strace sends the interrupt as the export renames its third file into place: the export
    // puts the rest in place before it stops, so the folder is June's throughout, never part
    // May's. Needs strace, and leave to trace.
    let w = Workdir::new();
    let out = w.file("out");
    xmtool(&["export", "--month", "2024-05", "--out"], &out);
    let june = w.file("june");
    xmtool(&["export", "--month", "2024-06", "--out"], &june);
    for (when, trace) in [(3, "rename,renameat,renameat2"), (1, "renameat2")] {
        let run = Command::new("strace")
            .args(["-f", "-o", "/dev/null", "-e"])
            .arg(format!("trace={trace}"))
            .arg("-e")
            .arg(format!("inject={trace}:signal=INT:when={when}"))
            .arg(env!("CARGO_BIN_EXE_xmtool"))
            .args(["export", "--month", "2024-06", "--force", "--out"])
            .arg(&out)
            .arg("--dir")
            .arg(demo())
            .output();
        let Ok(run) = run else {
            eprintln!("SKIPPED: strace cannot run here");
            return;
        };
        let stderr = String::from_utf8_lossy(&run.stderr);
        if stderr.contains("ptrace") {
            eprintln!("SKIPPED: tracing is not allowed here ({stderr})");
            return;
        }
        // The files are in place, so the export ends as it would have: 0, saying what it wrote
        // (it was 130, which a batch job takes for nothing written).
        assert_eq!(run.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("xmtool: wrote 22 files"), "{stderr}");
        assert!(!stderr.contains("interrupted"), "{stderr}");
        for name in entries(&june) {
            assert_eq!(
                std::fs::read(out.join(&name)).unwrap(),
                std::fs::read(june.join(&name)).unwrap(),
                "{name} after an interrupt at rename {when} of {trace}"
            );
        }
        let leftovers: Vec<String> = entries(&out)
            .into_iter()
            .filter(|e| e.starts_with(".xmtool"))
            .collect();
        assert!(leftovers.is_empty(), "temporary files left: {leftovers:?}");
    }
}

#[test]
fn a_closed_standard_error_is_no_crash() {
    // `xmtool … 2>&1 | head` whose reader has gone: messages to standard error are let go, and
    // the command ends as it would have, never in a panic (exit 101).
    let w = Workdir::new();
    let out = w.file("out");
    let out = out.to_str().unwrap();
    for (args, code) in [
        // "wrote 22 files" after writing them.
        (vec!["export", "--month", "2024-06", "--out", out], 0),
        // A warning that the month has no reports, then the bulletin on standard output.
        (vec!["report", "--month", "2024-09"], 0),
        // An error about the arguments.
        (vec!["report", "--month", "2024-13"], 2),
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(&args)
            .arg("--dir")
            .arg(demo())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Closed as soon as xmtool is started, long before it writes: every write to it fails.
        drop(child.stderr.take());
        let status = child.wait().unwrap();
        assert_eq!(status.code(), Some(code), "{args:?}");
    }
    assert!(
        !entries(Path::new(out)).is_empty(),
        "the export was written"
    );
}

#[test]
fn a_bulletin_to_a_reader_gone_ends_quietly_in_every_format() {
    // `xmtool report --format csv --table projects | head -1`: the reader gone is no error of
    // xmtool's (0), whichever format was being written.
    for format in ["table", "markdown", "csv", "json", "html"] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(["report", "--month", "2024-06", "--format", format])
            .args(if format == "csv" {
                &["--table", "projects"][..]
            } else {
                &[]
            })
            .arg("--dir")
            .arg(demo())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let run = child.wait_with_output().unwrap();
        assert_eq!(
            run.status.code(),
            Some(0),
            "{format}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
}

#[test]
fn completions_the_manual_and_help_to_a_reader_gone_or_a_full_disk_are_no_crash() {
    // A closed pipe (`xmtool completions zsh | true`) ends quietly (0); a full disk is an error
    // (2) that names standard output. Neither a panic (101).
    for args in [
        vec!["completions", "zsh"],
        vec!["completions", "bash"],
        vec!["completions", "fish"],
        vec!["man"],
        vec!["--help"],
        vec!["report", "--help"],
        vec!["--version"],
    ] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        assert_eq!(child.wait().unwrap().code(), Some(0), "{args:?} | true");
        if let Ok(full) = std::fs::OpenOptions::new().write(true).open("/dev/full") {
            let run = Command::new(env!("CARGO_BIN_EXE_xmtool"))
                .args(&args)
                .stdout(full)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&run.stderr);
            assert_eq!(run.status.code(), Some(2), "{args:?} > /dev/full: {stderr}");
            assert!(
                stderr.contains("cannot write to standard output: No space left on device"),
                "{stderr}"
            );
        }
    }
}

#[test]
fn check_with_its_output_unread_still_fails_a_folder_with_errors() {
    // `xmtool check | head -1`: the findings' reader goes, but the verdict stands (exit 1), for
    // output that is written at the end (one error) or as it goes (thousands).
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,甲区,续建,1000,100\n",
    );
    for unknown in [1, 5000] {
        let rows: String = (0..unknown).map(|i| format!("Z{i},50\n")).collect();
        w.write(
            "reports/2024-06.csv",
            format!("项目编号,累计完成投资\n{rows}"),
        );
        let mut child = w.spawn_check();
        drop(child.stdout.take());
        assert_eq!(
            child.wait().unwrap().code(),
            Some(1),
            "{unknown} unknown ids"
        );
    }
}

/// A template for more districts than the process may hold files open (`ulimit -n`): each
/// district's file is written and closed before the next, then all are put in place.
#[cfg(unix)]
#[test]
fn a_template_for_more_districts_than_open_files_allowed_is_written() {
    let w = Workdir::new();
    let mut registry =
        String::from("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n");
    for i in 0..150 {
        registry.push_str(&format!("P{i},项目{i},乡镇{i:03},续建,100,50,2023-01\n"));
    }
    w.write("data/xmtool.toml", "year = 2024\n")
        .write("data/projects.csv", registry)
        .write("data/reports/2024-06.csv", "项目编号,累计完成投资\nP0,10\n");
    let run = Command::new("sh")
        .arg("-c")
        .arg("ulimit -n 64 && exec \"$@\"")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_xmtool"))
        .args([
            "template", "--month", "2024-07", "--out", "forms", "--dir", "data",
        ])
        .current_dir(w.path())
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(0), "{stderr}");
    assert_eq!(entries(&w.path().join("forms/2024-07")).len(), 150);
}

/// `xmtool ARGS --dir DIR` under strace with `inject` (`getdents64:error=EIO:when=1`), on the
/// calls naming `on` alone where given (`-P`); `None`, said, where strace cannot run or trace
/// here.
fn traced(
    inject: &str,
    on: Option<&Path>,
    dir: &Path,
    args: &[&str],
) -> Option<std::process::Output> {
    let mut strace = Command::new("strace");
    strace.args(["-f", "-qq", "-o", "/dev/null"]);
    if let Some(on) = on {
        strace.arg("-P").arg(on);
    }
    let run = strace
        .arg("-e")
        .arg(format!("inject={inject}"))
        .arg(env!("CARGO_BIN_EXE_xmtool"))
        .args(args)
        .arg("--dir")
        .arg(dir)
        .output();
    let Ok(run) = run else {
        eprintln!("SKIPPED: strace cannot run here");
        return None;
    };
    let stderr = String::from_utf8_lossy(&run.stderr);
    if stderr.contains("ptrace") {
        eprintln!("SKIPPED: tracing is not allowed here ({stderr})");
        return None;
    }
    Some(run)
}

#[test]
fn a_folder_that_fails_as_it_is_listed_or_looked_at_is_an_error() {
    // A share dropping as a folder is listed (EIO from getdents64 or statx) left its files out
    // unsaid: June's two reports gone, their projects 未报送, the bulletin exit 0.
    let w = common::demo();
    let june = w.file("reports/2024-06");
    let json = ["report", "--month", "2024-06", "--format", "json"];
    let Some(run) = traced("getdents64:error=EIO:when=1", Some(&june), w.path(), &json) else {
        return;
    };
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains(
            "the first: reports/2024-06: error: cannot read the folder: Input/output error"
        ),
        "{stderr}"
    );
    for (on, said) in [
        (
            "reports",
            "reports: error: cannot read the folder: Input/output error",
        ),
        (
            "reports/2024-02",
            "reports/2024-02: error: cannot read: Input/output error",
        ),
        (
            "registry",
            "registry: error: cannot read the folder: Input/output error",
        ),
    ] {
        let run = traced(
            "statx,newfstatat,stat:error=EIO",
            Some(&w.file(on)),
            w.path(),
            &["check"],
        )
        .unwrap();
        let stdout = String::from_utf8_lossy(&run.stdout);
        assert_eq!(run.status.code(), Some(1), "{on}: {stdout}");
        assert!(
            stdout.lines().any(|l| l.starts_with(said)),
            "{on}: {stdout}"
        );
    }
    // A listing a signal interrupts is begun again: the bulletin as ever.
    let run = traced(
        "getdents64:error=EINTR:when=1",
        Some(&june),
        w.path(),
        &json,
    )
    .unwrap();
    assert_eq!(run.status.code(), Some(0));
    assert_eq!(run.stdout, w.run(&json).expect_code(0).stdout().as_bytes());
}

#[test]
fn a_thread_that_cannot_be_started_is_a_clear_error() {
    // At the system's limit on a user's threads (ulimit -u), starting one panicked (exit 101).
    let w = common::demo();
    let out = w.file("out");
    for when in [2, 3] {
        let inject = format!("clone,clone3:error=EAGAIN:when={when}");
        let args = [
            "export",
            "--month",
            "2024-06",
            "--out",
            out.to_str().unwrap(),
        ];
        let Some(run) = traced(&inject, None, w.path(), &args) else {
            return;
        };
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(2), "{stderr}");
        assert!(
            stderr.starts_with(
                "xmtool: cannot start a thread (Resource temporarily unavailable): the system's \
                 limit on this user's processes and threads (ulimit -u, or a container's), or its \
                 memory, is reached, and it stopped"
            ),
            "{stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
        assert!(!out.exists(), "when={when}");
    }
}

#[test]
fn a_report_sent_while_templates_are_put_into_reports_is_never_written_over() {
    // `template --force --out reports` looked for reports in the way once, as it began: one a
    // district sent while it ran (here, while it waits to put its files in place) was written
    // over with a blank form, exit 0.
    let w = common::demo();
    let month = w.file("reports/2024-07");
    let mut run = match Command::new("strace")
        .args(["-f", "-qq", "-o", "/dev/null", "-e"])
        .arg("inject=flock:delay_enter=3000000")
        .arg(env!("CARGO_BIN_EXE_xmtool"))
        .args([
            "template", "--month", "2024-07", "--out", "reports", "--force",
        ])
        .arg("--dir")
        .arg(w.path())
        .current_dir(w.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
    {
        Ok(run) => run,
        Err(_) => return eprintln!("SKIPPED: strace cannot run here"),
    };
    // Once its forms are written beside their places, a district's report comes in.
    let staged = || {
        std::fs::read_dir(&month).is_ok_and(|entries| {
            entries
                .flatten()
                .any(|e| e.file_name().to_string_lossy().starts_with(".xmtool"))
        })
    };
    while !staged() && run.try_wait().unwrap().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let sent = "项目编号,累计完成投资\nJC2024-001,123\n";
    let came_in = staged() && std::fs::write(month.join("金川区.csv"), sent).is_ok();
    let done = run.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&done.stderr);
    if stderr.contains("ptrace") {
        return eprintln!("SKIPPED: tracing is not allowed here ({stderr})");
    }
    assert!(came_in, "the forms were never seen staged: {stderr}");
    assert_eq!(done.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("金川区.csv") && stderr.contains("nothing was written"),
        "{stderr}"
    );
    assert_eq!(w.read("reports/2024-07/金川区.csv"), sent.as_bytes());
}

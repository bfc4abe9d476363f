//! The work is shared between threads (`--threads`, `XMTOOL_THREADS`); what comes out must not
//! depend on how: the same bytes on one thread (where every step runs in turn) as on several.

mod common;

use common::{REGISTRY_HEADER, Workdir};

/// A folder large enough that every step shares its work: 20,000 projects (registry rows are
/// made in batches on a helper thread, figures summed a batch at a time), three monthly files
/// (read side by side), one of them over 4 MB (read a block at a time) and one of more rows
/// than are handed on at once. Some rows are wrong in each file, so that findings come from
/// every thread too.
fn large_folder() -> Workdir {
    const PROJECTS: usize = 20_000;
    let mut registry = format!("{REGISTRY_HEADER},项目类别\n");
    for i in 0..PROJECTS {
        let district = ["金川区", "永昌县", "河西区", "东岗镇", "城关区"][i % 5];
        let nature = ["新建", "续建"][i % 2];
        let plan = if i % 997 == 0 {
            "abc".to_string()
        } else {
            format!("{}.{}", 1000 + i % 9000, i % 10)
        };
        let start = format!("2024-{:02}", 1 + i % 12);
        let category = ["交通", "产业", "民生", ""][i % 4];
        registry.push_str(&format!(
            "P{i:05},项目{i},{district},{nature},{},{plan},{start},{category}\n",
            20_000 + i
        ));
    }
    // A project listed twice; and twice under two ids, alike but for case, and with one name,
    // district, total and plan (found on a thread of their own).
    registry.push_str("P00042,重复项目,金川区,新建,100,50,2024-01,交通\n");
    registry.push_str("p00043,项目43,东岗镇,续建,100,50,2024-01,交通\n");
    registry.push_str("Q00044,项目44,城关区,新建,20044,1044.4,2024-09,交通\n");

    let header = "项目编号,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态,实际开工时间,形象进度";
    let month = |m: u32, rows: usize, progress: &str| {
        let mut text = format!("{header}\n");
        for i in 0..rows {
            let this = (i % 300) as u32 * m;
            let ytd: u32 = (1..=m).map(|k| (i % 300) as u32 * k).sum();
            let (status, started) = if i % 3 == 0 {
                ("前期", String::new())
            } else {
                ("在建", "2024-01".to_string())
            };
            match i % 1201 {
                // Year-to-date lower than the month's own figure says.
                7 => text.push_str(&format!(
                    "P{i:05},2024-{m:02},{this},1,{status},{started},{progress}\n"
                )),
                // A month that is not one.
                11 => text.push_str(&format!("P{i:05},2024-13,{this},{ytd},{status},,\n")),
                _ => text.push_str(&format!(
                    "P{i:05},2024-{m:02},{this},{ytd},{status},{started},{progress}{i}\n"
                )),
            }
        }
        text.push_str(&format!("X{m},2024-{m:02},1,1,在建,2024-01,不在名录\n"));
        text
    };
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", registry)
        .write("reports/2024-01.csv", month(1, 18_000, "进场"))
        .write(
            "reports/2024-02.csv",
            month(2, 20_000, &"主体施工".repeat(16)),
        )
        .write("reports/2024-03.csv", month(3, 19_000, "施工中"));
    assert!(
        w.read("reports/2024-02.csv").len() > 4 << 20,
        "a file read in blocks"
    );
    w
}

#[test]
fn every_output_is_the_same_on_any_number_of_threads() {
    let w = large_folder();
    let commands: [&[&str]; 3] = [
        &[
            "report",
            "--month",
            "2024-02",
            "--format",
            "json",
            "--allow-errors",
        ],
        &["check", "--format", "json"],
        &["report", "--month", "2024-03", "--allow-errors"],
    ];
    for args in commands {
        let outputs: Vec<(String, Vec<u8>)> = ["1", "2", "5"]
            .into_iter()
            .map(|n| {
                let mut with = args.to_vec();
                with.extend(["--threads", n]);
                let run = w.run(&with);
                assert!(run.code() <= 1, "{}: {}", run.command, run.stderr());
                (n.to_string(), run.output.stdout)
            })
            .collect();
        let (_, one) = &outputs[0];
        assert!(one.len() > 100_000, "{args:?} printed {} bytes", one.len());
        for (n, out) in &outputs[1..] {
            assert!(
                out == one,
                "{args:?} on {n} threads differs from on one thread"
            );
        }
    }
    // What was read: every project, and findings from every file.
    let run = w.run(&["check", "--format", "json", "--threads", "2"]);
    let findings: serde_json::Value = serde_json::from_slice(&run.output.stdout).unwrap();
    let findings = findings["findings"].as_array().unwrap();
    for file in [
        "projects.csv",
        "reports/2024-01.csv",
        "reports/2024-02.csv",
        "reports/2024-03.csv",
    ] {
        assert!(
            findings.iter().filter(|f| f["file"] == file).count() >= 2,
            "findings in {file}"
        );
    }
    let doc = common::report_json(
        &w,
        &["--month", "2024-03", "--allow-errors", "--threads", "3"],
    );
    // (The two listed twice under other ids are counted, as the warnings say.)
    assert_eq!(doc["overview"]["projects"], 20_002);
    for id in ["p00043", "Q00044"] {
        assert!(
            findings.iter().any(|f| f["message"]
                .as_str()
                .unwrap()
                .starts_with(&format!("{id} may be "))),
            "{id} listed twice"
        );
    }
}

#[test]
fn the_number_of_threads_is_checked() {
    let w = common::clean_folder();
    for bad in ["0", "257", "two"] {
        let run = w.run(&["check", "--threads", bad]);
        assert_eq!(run.code(), 2, "{bad}");
        assert!(run.stderr().contains("--threads"), "{}", run.stderr());
        run.expect_stderr("expected a number of threads from 1 to 256");
    }
    w.run(&["check", "--threads", "1"]).expect_code(0);
    w.run(&["check", "--threads", "256"]).expect_code(0);
    // XMTOOL_THREADS when the flag is not given; empty is unset.
    let with_env = |value: &str, args: &[&str]| {
        let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"));
        cmd.args(args)
            .arg("--dir")
            .arg(w.path())
            .env("XMTOOL_THREADS", value);
        cmd.output().unwrap()
    };
    for bad in ["0", "257", "two"] {
        let out = with_env(bad, &["check"]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("XMTOOL_THREADS"), "{stderr}");
    }
    for (value, args) in [
        ("3", &["check"][..]),
        ("", &["check"]),
        (" 2 ", &["check"]),
        ("0", &["check", "--threads", "2"]),
        // Commands that read no data let a bad value be.
        ("0", &["completions", "bash"]),
        ("0", &["man"]),
    ] {
        let out = with_env(value, args);
        assert_eq!(out.status.code(), Some(0), "{value:?} {args:?}");
    }
}

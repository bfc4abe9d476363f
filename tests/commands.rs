//! `trend`, `show`, `init`, `completions`, `man`, and `--help` on every subcommand.

mod common;

use common::Workdir;

fn monthly_folder() -> Workdir {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,项目类别,建设性质,总投资,年度计划投资,计划开工时间\n\
         A,甲项目,甲区,工业,续建,5000,1200,2023-01\n\
         B,乙项目,乙区,城建,新建,5000,1200,2024-02\n",
    );
    for m in 1..=4u32 {
        let (b_ytd, b_status, b_start) = if m >= 3 {
            (100 * (m - 2), "在建", "2024-03")
        } else {
            (0, "前期", "")
        };
        w.write(
            &format!("reports/2024-{m:02}.csv"),
            format!(
                "项目编号,累计完成投资,项目状态,实际开工时间,形象进度\n\
                 A,{},在建,,第{m}月进度\n\
                 B,{b_ytd},{b_status},{b_start},\n",
                100 * m
            ),
        );
    }
    w
}

#[test]
fn trend_shows_each_month_against_the_time_target() {
    let w = monthly_folder();
    let run = w.run(&["trend"]);
    run.expect_code(0)
        .expect_row(&["序时进度", "8.3%", "16.7%", "25.0%", "33.3%"])
        .expect_row(&["全部", "4.2%", "8.3%", "16.7%", "25.0%"])
        .expect_row(&["甲区", "8.3%", "16.7%", "25.0%", "33.3%"])
        .expect_row(&["乙区", "0.0%", "0.0%", "8.3%", "16.7%"]);
    let json = w.run(&[
        "trend", "--from", "2024-02", "--to", "2024-03", "--format", "json",
    ]);
    json.expect_code(0);
    let doc = json.json();
    assert_eq!(doc["months"], serde_json::json!(["2024-02", "2024-03"]));
    assert_eq!(doc["time_target"][0], 0.1667);
    // Groups in pinyin order: 甲 (jia) before 乙 (yi).
    assert_eq!(doc["groups"][1]["group"], "乙区");
    assert_eq!(doc["groups"][1]["completion_rate"][1], 0.0833);
    // Each rate's numerator and denominator beside it.
    let (ytd, plan) = (
        doc["groups"][1]["ytd_investment"][1].as_f64().unwrap(),
        doc["groups"][1]["annual_plan"][1].as_f64().unwrap(),
    );
    assert!(
        plan > 0.0 && (ytd / plan - 0.0833).abs() < 0.0001,
        "{ytd} / {plan}"
    );
    let (ytd, plan) = (
        doc["overall_ytd_investment"][1].as_f64().unwrap(),
        doc["overall_annual_plan"][1].as_f64().unwrap(),
    );
    assert_eq!(
        doc["overall"][1].as_f64().unwrap(),
        (ytd / plan * 1e4).round() / 1e4
    );
    assert_eq!(doc["data_findings"]["errors"], 0);
    w.run(&["trend", "--from", "2024-04", "--to", "2024-02"])
        .expect_code(2)
        .expect_stderr("--from 2024-04 is after --to 2024-02");
    // Without --to, the month it stands for is named as what it is.
    w.run(&["trend", "--from", "2024-12"])
        .expect_code(2)
        .expect_stderr(
            "--from 2024-12 is after 2024-04, the latest month with reports (give --to)",
        );
    // Months, not periods: the error names the form wanted, and only it.
    for (flag, value) in [("--to", "2024-Q2"), ("--from", "2024")] {
        w.run(&["trend", flag, value])
            .expect_code(2)
            .expect_stderr(&format!(
                "{flag} \"{value}\" is not a month (expected e.g. 2024-06, in the years 1990 to \
                 2100)"
            ));
    }
    // A month's form out of range is said alike by every command, naming the option.
    for args in [
        &["trend", "--to", "2024-13"][..],
        &["report", "--month", "2024-13"],
        &["check", "--month", "2024-13"],
        &["show", "B", "--month", "2024-13"],
    ] {
        w.run(args).expect_code(2).expect_stderr(&format!(
            "{} \"2024-13\" is not a month (months are 01 to 12, years 1990 to 2100)",
            args[args.len() - 2]
        ));
    }
    w.run(&["show", "B", "--month", "2024-Q1"])
        .expect_code(2)
        .expect_stderr("--month \"2024-Q1\" is not a month");
    // A period given as the month (the month left out): refused, naming --period.
    w.run(&["report", "--month", "2024"])
        .expect_code(2)
        .expect_stderr(
            "--month \"2024\" is a year, not a month: give --period 2024 for its bulletin, or \
             one month (e.g. 2024-12)",
        );
    w.run(&["report", "--month", "2024年上半年"])
        .expect_code(2)
        .expect_stderr(
            "--month \"2024年上半年\" is a half-year, not a month: give --period 2024-H1",
        );
    w.run(&["export", "--month", "2024-Q1", "--out", "o"])
        .expect_code(2)
        .expect_stderr("--month \"2024-Q1\" is a quarter, not a month: give --period 2024-Q1");
    assert!(!w.path().join("o").exists());
    w.run(&["report", "--month", "6/1/2024"])
        .expect_code(2)
        .expect_stderr(
            "\"6/1/2024\" is not a month: with its year last, it may be month 6 or month 1",
        );
    w.run(&["trend", "--by", "category", "--format", "csv"])
        .expect_code(0)
        .expect_line("工业,8.33%,16.67%,25.00%,33.33%");
}

#[test]
fn show_gives_a_projects_card_and_history_with_lights() {
    let w = monthly_folder();
    let run = w.run(&["show", "B"]);
    run.expect_code(0)
        .expect_line("B 乙项目")
        .expect_row(&["所属县区", "乙区"])
        .expect_row(&["计划开工", "2024-02"])
        .expect_row(&[
            "2024-01",
            "是",
            "0.00",
            "0.00",
            "0.0%",
            "前期",
            "绿",
            "落后序时进度8.3个百分点；计划2024-02开工，未到开工时间",
        ])
        .expect_row(&[
            "2024-02",
            "前期",
            "黄",
            "落后序时进度16.7个百分点；计划本月（2024-02）开工",
        ])
        .expect_row(&[
            "2024-03",
            "100.00",
            "100.00",
            "8.3%",
            "-16.7",
            "在建",
            "黄",
            "落后序时进度16.7个百分点",
        ])
        .expect_row(&["2024-04", "200.00", "16.7%", "在建", "黄"]);
    let json = w.run(&["show", "A", "--month", "2024-02", "--format", "json"]);
    json.expect_code(0);
    let doc = json.json();
    assert_eq!(doc["history"].as_array().unwrap().len(), 2);
    assert_eq!(doc["history"][1]["ytd_investment"], 200.0);
    assert_eq!(doc["history"][1]["progress"], "第2月进度");
    // -o's extension names the format, as for trend and report.
    let card = w.file("card.json");
    w.run(&[
        "show",
        "A",
        "--month",
        "2024-02",
        "-o",
        card.to_str().unwrap(),
    ])
    .expect_code(0);
    let written: serde_json::Value = serde_json::from_slice(&w.read("card.json")).unwrap();
    assert_eq!(written["history"][1]["ytd_investment"], 200.0);
    // A format asked for that the extension contradicts is refused, nothing written: CSV went
    // into a file named .xlsx, which Excel then would not open.
    let card = w.file("card.xlsx");
    w.run(&["show", "A", "--format", "csv", "-o", card.to_str().unwrap()])
        .expect_code(2)
        .expect_stderr(
            "--format csv writes no .xlsx file, but {} is named so (name it .csv; `xmtool \
             export` writes a workbook)"
                .replace("{}", card.to_str().unwrap())
                .as_str(),
        );
    assert!(!card.exists());
    let page = w.file("bulletin.html");
    w.run(&["report", "--format", "json", "-o", page.to_str().unwrap()])
        .expect_code(2)
        .expect_stderr("(name it .json; or leave out --format)");
    assert!(!page.exists());
    // Nor does show write into another command's format's file.
    let page = w.file("card.html");
    w.run(&["show", "A", "--format", "csv", "-o", page.to_str().unwrap()])
        .expect_code(2)
        .expect_stderr("--format csv writes no .html file");
    assert!(!page.exists());
    // An extension of no format takes any.
    let log = w.file("bulletin.log");
    w.run(&["report", "--format", "table", "-o", log.to_str().unwrap()])
        .expect_code(0);
    assert!(log.exists());
    w.run(&["show", "ZZ"])
        .expect_code(2)
        .expect_stderr("no project ZZ in the 2024 registry");
}

#[test]
fn show_says_why_a_project_listed_later_has_no_months() {
    // A project listed from August (纳入时间) had an empty history in June with no reason.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度,纳入时间\n\
         A1,甲,东区,续建,5000,1000,2024,\nA2,乙,东区,续建,500,100,2024,2024-08\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,100\n");
    w.run(&["show", "A2", "--month", "2024-06"])
        .expect_code(0)
        .expect_line("纳入时间为2024-08，2024-06尚未列入清单");
    w.run(&["show", "A2", "--month", "2024-06", "--lang", "en"])
        .expect_code(0)
        .expect_line("listed from 2024-08 (纳入时间): on no list in 2024-06");
    // Listed by then: its months from August, and no such line.
    w.write(
        "reports/2024-08.csv",
        "项目编号,累计完成投资\nA1,300\nA2,20\n",
    );
    w.run(&["show", "A2", "--month", "2024-08"])
        .expect_code(0)
        .expect_row(&["2024-08", "是"])
        .expect_no_line("尚未列入清单");
}

#[test]
fn show_marks_months_not_reported() {
    let w = monthly_folder();
    w.write("reports/2024-05.csv", "项目编号,累计完成投资\nA,600\n");
    w.run(&["show", "B"])
        .expect_code(0)
        .expect_row(&["2024-05", "未报送", "–", "200.00"]);
    // For spreadsheets, each row names its project (files of several projects can be put
    // together), and a month without a report has an empty cell, not a dash.
    let csv = w.run(&["show", "B", "--format", "csv"]);
    csv.expect_code(0);
    let text = csv.stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert!(
        lines[0].starts_with("项目编号,项目名称,月份,本月报送,本月完成(万元),累计完成(万元)"),
        "{}",
        lines[0]
    );
    assert!(
        lines[5].starts_with("B,乙项目,\"=\"\"2024-05\"\"\",未报送,,200,"),
        "{}",
        lines[5]
    );
}

#[test]
fn show_names_the_row_with_an_error_of_a_month_not_reported() {
    // B's May row was sent but its figure is not a number: show listed May as 未报送 with
    // nothing to say why, the one warning naming the data's first error, A's of February.
    let w = monthly_folder();
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资,项目状态\nA,二百,在建\nB,0,前期\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA,600\nB,三百\n",
    );
    w.run(&["check"]).expect_line(
        "未报送: B 乙项目 has no report for 2024-05 (its row, reports/2024-05.csv:3, has an error \
         and gives no figure)",
    );
    w.run(&["show", "B"])
        .expect_row(&["2024-05", "未报送", "–", "200.00"])
        .expect_line("2024-05的报送行（reports/2024-05.csv:3）有错误，未给出数字，计为未报送");
    w.run(&["show", "B", "--lang", "en"]).expect_line(
        "2024-05: its row, reports/2024-05.csv:3, has an error and gives no figure (not reported)",
    );
    let doc = w.run(&["show", "B", "--format", "json"]).json();
    let rows: Vec<&serde_json::Value> = doc["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| &h["row_with_error"])
        .collect();
    assert_eq!(rows[4], "reports/2024-05.csv:3", "{doc}");
    assert!(rows[..4].iter().all(|r| r.is_null()), "{doc}");
    // A month with no row at all is 未报送 with nothing more to say; A's February row with an
    // error is A's, not B's.
    std::fs::remove_file(w.file("reports/2024-05.csv")).unwrap();
    w.run(&["show", "B", "--month", "2024-04"])
        .expect_no_line("有错误");
    w.run(&["show", "A", "--month", "2024-04"])
        .expect_row(&["2024-02", "未报送"])
        .expect_line("2024-02的报送行（reports/2024-02.csv:2）有错误，未给出数字，计为未报送");
}

#[test]
fn init_makes_a_folder_that_passes_check() {
    let w = Workdir::new();
    let folder = w.file("2025重点项目");
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(["init", "--year", "2025"])
        .arg(&folder)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    for file in ["xmtool.toml", "projects.csv", "月报模板.csv"] {
        assert!(folder.join(file).is_file(), "{file}");
    }
    assert!(folder.join("reports").is_dir());
    let check = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(args)
            .arg("--dir")
            .arg(&folder)
            .output()
            .unwrap()
    };
    let out = check(&["check"]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    // Filled in, the registry and a copied report template are read and check clean.
    let mut registry = std::fs::read_to_string(folder.join("projects.csv")).unwrap();
    registry.push_str("A1,路网,金川区,市交通局,张明,基础设施,市级,续建,政府,1000,500,2024-05,2026-12,加快建设,,,\r\n");
    std::fs::write(folder.join("projects.csv"), registry).unwrap();
    let mut report = std::fs::read_to_string(folder.join("月报模板.csv")).unwrap();
    report.push_str("A1,路网,金川区,2025-01,40,40,,在建,,,,\r\n");
    std::fs::create_dir_all(folder.join("reports/2025-01")).unwrap();
    std::fs::write(folder.join("reports/2025-01/金川区.csv"), report).unwrap();
    let out = check(&["check"]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert!(
        stdout.contains("1 project, 1 report row (2025-01) in 2 files: 0 errors, 0 warnings"),
        "{stdout}"
    );
    // The settings file is valid and annotated.
    let toml = std::fs::read_to_string(folder.join("xmtool.toml")).unwrap();
    assert!(toml.contains("year = 2025") && toml.contains("# yellow_behind = 10"));
    // Never into a data folder, never over a file.
    let init = |dir: &std::path::Path| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(["init"])
            .arg(dir)
            .output()
            .unwrap()
    };
    let again = init(&folder);
    assert_eq!(again.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already holds a registry or reports"));
    // A reports/ of empty month folders and a hidden file holds no reports: a folder made ready
    // by hand is made a data folder.
    let ready = w.file("ready");
    std::fs::create_dir_all(ready.join("reports/2025-01")).unwrap();
    std::fs::write(ready.join("reports/.DS_Store"), "").unwrap();
    assert_eq!(init(&ready).status.code(), Some(0));
    assert!(ready.join("projects.csv").exists());
    let other = w.file("other");
    std::fs::create_dir_all(&other).unwrap();
    std::fs::write(other.join("xmtool.toml"), "year = 2020\n").unwrap();
    let clash = init(&other);
    assert_eq!(clash.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&clash.stderr).contains("init never overwrites a file"));
    assert_eq!(
        std::fs::read_to_string(other.join("xmtool.toml")).unwrap(),
        "year = 2020\n"
    );
    // Nor within another data folder's reports/ (a month's folder in it, or reports/ itself
    // once its files are gone): its files would be read as that folder's.
    for within in ["reports/2025-02", "reports"] {
        if within == "reports" {
            std::fs::remove_dir_all(folder.join("reports")).unwrap();
            std::fs::create_dir(folder.join("reports")).unwrap();
        }
        let nested = init(&folder.join(within));
        assert_eq!(nested.status.code(), Some(2), "{within}");
        let stderr = String::from_utf8_lossy(&nested.stderr);
        assert!(
            stderr.contains("is within reports/ of the data folder"),
            "{stderr}"
        );
        assert!(!folder.join(within).join("projects.csv").exists());
    }
    // A data folder whose registry is a folder of files, with no settings: its reports/ too.
    let split = w.file("split");
    std::fs::create_dir_all(split.join("registry")).unwrap();
    std::fs::create_dir_all(split.join("reports")).unwrap();
    std::fs::write(split.join("registry/东区.csv"), "项目编号\n").unwrap();
    let nested = init(&split.join("reports/new"));
    assert_eq!(nested.status.code(), Some(2));
    assert!(!split.join("reports/new/projects.csv").exists());
}

#[test]
fn init_takes_its_folder_from_dir_or_the_current_one() {
    let w = Workdir::new();
    let xmtool = || std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"));
    // --dir names the data folder for every command, init too.
    let by_dir = w.file("by-dir");
    let made = |run: std::process::Output| {
        let said = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(0), "{said}");
    };
    made(
        xmtool()
            .args(["init", "--year", "2025", "--dir"])
            .arg(&by_dir)
            .output()
            .unwrap(),
    );
    assert!(by_dir.join("projects.csv").is_file() && by_dir.join("reports").is_dir());
    // Without either, the current folder, as `git init` does.
    let here = w.file("here");
    std::fs::create_dir(&here).unwrap();
    made(
        xmtool()
            .args(["init", "--year", "2025"])
            .current_dir(&here)
            .output()
            .unwrap(),
    );
    assert!(here.join("xmtool.toml").is_file() && here.join("reports").is_dir());
    // Two different folders: which was meant is not guessed, and nothing is made.
    let run = xmtool()
        .arg("init")
        .arg(w.file("one"))
        .arg("--dir")
        .arg(w.file("two"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr).contains("init was given two folders"),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    assert!(!w.file("one").exists() && !w.file("two").exists());
    // A file where the folder or one above it would be: named, not "Not a directory".
    w.write("f", "");
    let run = xmtool()
        .arg("init")
        .arg(w.file("f/xmtool.toml"))
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&run.stderr);
    assert_eq!(run.status.code(), Some(2), "{said}");
    assert!(said.contains("is a file, not a folder"), "{said}");
    assert_eq!(w.read("f"), b"");
}

#[test]
fn force_without_an_output_file_is_refused() {
    // --force overwrites the -o file; with none, it would do nothing, and say nothing of it.
    let w = monthly_folder();
    for sub in ["report", "trend", "show"] {
        let mut args = vec![sub, "--force"];
        if sub == "show" {
            args.push("A");
        }
        w.run(&args).expect_code(2).expect_stderr(
            "the following required arguments were not provided:\n  --output <FILE>",
        );
    }
}

#[test]
fn completions_for_every_shell_and_a_man_page() {
    let w = Workdir::new();
    for (shell, marker) in [
        ("bash", "_xmtool()"),
        ("zsh", "#compdef xmtool"),
        ("fish", "complete -c xmtool"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let run = w.run(&["completions", shell]);
        run.expect_code(0);
        let text = run.stdout();
        assert!(text.contains(marker), "{shell}: no {marker}");
        for sub in [
            "check", "report", "export", "template", "trend", "show", "init",
        ] {
            assert!(text.contains(sub), "{shell} completes {sub}");
        }
    }
    let man = w.run(&["man"]);
    man.expect_code(0);
    let page = man.stdout();
    assert!(page.contains(".TH xmtool 1"));
    // Every page it lists is in it: `xmtool help` has none.
    assert!(!page.contains("xmtool\\-help(1)"), "{page}");
    for sub in [
        "check", "report", "export", "template", "trend", "show", "init",
    ] {
        assert!(
            page.contains(&format!(
                ".TH xmtool-{sub} 1  \"xmtool {}\"",
                env!("CARGO_PKG_VERSION")
            )),
            "a page for {sub}"
        );
        // Its synopsis is the command as typed, with the options every command takes.
        let synopsis = page
            .split(&format!(".TH xmtool-{sub} 1"))
            .nth(1)
            .and_then(|p| p.split(".SH SYNOPSIS\n").nth(1))
            .and_then(|p| p.lines().next())
            .unwrap_or_default();
        assert!(
            synopsis.starts_with(&format!("\\fBxmtool {sub}\\fR"))
                && synopsis.contains("\\-\\-dir"),
            "{sub}: {synopsis}"
        );
    }
    assert!(page.contains("\\-\\-allow\\-errors") || page.contains("allow-errors"));
    // Every command's exit status, as a batch job reads it (only check's was said).
    assert!(
        page.contains("Exit status, of every command"),
        "no exit status"
    );
    let help = std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&help.stdout);
    for code in [
        "0 done",
        "1 the data has",
        "2 the command could not",
        "130 interrupted",
    ] {
        assert!(help.contains(code), "{code}: {help}");
    }
}

#[test]
fn every_subcommand_has_help_with_examples() {
    let w = Workdir::new();
    for sub in [
        "check",
        "report",
        "export",
        "template",
        "trend",
        "show",
        "init",
        "completions",
        "man",
    ] {
        let run = std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args([sub, "--help"])
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&run.stdout);
        assert_eq!(run.status.code(), Some(0), "{sub}");
        assert!(text.contains("Examples:"), "{sub} --help has no examples");
    }
    let _ = w;
}

#[test]
fn no_progress_when_stderr_is_not_a_terminal() {
    // Tests capture stderr, so it is not a terminal: nothing but the result may appear there.
    let w = monthly_folder();
    let run = w.run(&["check"]);
    run.expect_code(0);
    assert_eq!(run.stderr(), "");
}

#[test]
fn a_plan_year_is_one_whose_months_are_read() {
    // Months are read from 1990 to 2100: a folder for 1989 could take no report.
    let w = Workdir::new();
    let init = |year: &str, folder: &str| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(["init", "--year", year])
            .arg(w.file(folder))
            .output()
            .unwrap()
    };
    let run = init("1989", "1989");
    assert_eq!(run.status.code(), Some(2));
    let said = String::from_utf8_lossy(&run.stderr);
    assert!(
        said.contains(
            "invalid value '1989' for '--year <YEAR>': expected a year from 1990 to 2100, e.g. \
             2025"
        ),
        "{said}"
    );
    assert!(!w.file("1989").exists());
    // A year as a folder names one, 2025年, is that year (it was "invalid digit found in string").
    assert_eq!(init("2025年", "2025").status.code(), Some(0));
    let settings = String::from_utf8(w.read("2025/xmtool.toml")).unwrap();
    assert!(settings.contains("\nyear = 2025\n"), "{settings}");
    w.write("xmtool.toml", "year = 2101\n");
    w.run(&["check"]).expect_code(2).expect_stderr(
        "year = 2101 is not a plan year (expected a year from 1990 to 2100, e.g. 2024)",
    );
}

#[test]
fn a_range_of_months_is_its_last_month_in_a_cell_and_refused_on_the_command_line() {
    let w = monthly_folder();
    // A half-year's report, in a file named for no month: its 报告月份 says January to June.
    w.write(
        "reports/上半年.csv",
        "项目编号,报告月份,累计完成投资,项目状态\nA,2024年1-6月,820,在建\n",
    );
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A")["ytd_investment"], 820.0);
    for command in [&["report"][..], &["export", "--out", "out"]] {
        w.run(&[command, &["--month", "2024年1-6月"]].concat())
            .expect_code(2)
            .expect_stderr(
                "\"2024年1-6月\" is a range of months: give the month it runs to (2024-06) for \
                 the bulletin to it, or the period 2024-H1",
            );
    }
    // Where a month alone is taken, both ends are named.
    w.run(&["template", "--out", "out", "--month", "2024年1-6月"])
        .expect_code(2)
        .expect_stderr(
            "--month \"2024年1-6月\" is a range of months (expected one month: 2024-01 or 2024-06)",
        );
    // Text after a month naming another month makes it no month; `--month` of no month says
    // so, not that it is no period.
    w.run(&["report", "--month", "2024-01 2024-06"])
        .expect_code(2)
        .expect_stderr("\"2024-01 2024-06\" is not a month (expected e.g. 2024-06");
    // A month of no year is said to be one, as a period too.
    for flag in ["--month", "--period"] {
        w.run(&["report", flag, "6月"])
            .expect_code(2)
            .expect_stderr("\"6月\" gives no year (expected the year and month, e.g. 2024-06");
    }
    // A quarter or a half of no year likewise, with the forms to write it in (it was "is not a
    // period", naming forms of a year but not why).
    for (asked, expected) in [
        ("Q2", "the quarter with its year, e.g. 2024-Q2 or 2024年Q2"),
        (
            "二季度",
            "the quarter with its year, e.g. 2024-Q2 or 2024年二季度",
        ),
        (
            "h1",
            "the half-year with its year, e.g. 2024-H1 or 2024年H1",
        ),
        (
            "上半年",
            "the half-year with its year, e.g. 2024-H1 or 2024年上半年",
        ),
    ] {
        w.run(&["report", "--period", asked])
            .expect_code(2)
            .expect_stderr(&format!(
                "--period \"{asked}\" gives no year (expected {expected})"
            ));
        // (Asked for as a month, it was "is not a month", naming no period.)
        w.run(&["report", "--month", asked])
            .expect_code(2)
            .expect_stderr(&format!(
                "--month \"{asked}\" gives no year, and is no month (expected a month with its \
                 year, e.g. 2024-06, or --period and {expected})"
            ));
    }
    w.write(
        "reports/上半年.csv",
        "项目编号,报告月份,累计完成投资,项目状态\nA,2024-01 至 06,820,在建\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/上半年.csv:2:2: error:");
}

#[test]
fn a_table_written_to_a_file_is_not_wrapped_to_the_terminal() {
    // Run from an 80-column terminal, a table written with -o is the table a pipe gets, not
    // one wrapped to the terminal it was run from (it is read somewhere else).
    let w = monthly_folder();
    let bin = env!("CARGO_BIN_EXE_xmtool");
    let dir = w.path().display().to_string();
    // (Wide enough to be wrapped on the terminal: show's history and the bulletin; trend's is not.)
    for (args, file, wide) in [
        ("show A", "show.txt", true),
        ("report --month 2024-04", "report.txt", true),
        ("trend", "trend.txt", false),
    ] {
        let shell = format!(
            "stty cols 80 && '{bin}' {args} --dir '{dir}' && '{bin}' {args} --dir '{dir}' -o '{dir}/{file}'"
        );
        let Ok(run) = std::process::Command::new("script")
            .args(["-qec", &shell, "/dev/null"])
            .output()
        else {
            eprintln!("SKIPPED: script (util-linux), which runs a terminal, is not here");
            return;
        };
        // (-e: xmtool's exit code.)
        assert!(run.status.success(), "{args}: {run:?}");
        let widest = |text: &str| {
            // (Tables' lines: notes under them are not wrapped, nor are stderr's.)
            text.lines()
                .filter(|l| l.starts_with(['|', '+']))
                .map(|l| {
                    l.chars()
                        .map(|c| if c.is_ascii() { 1 } else { 2 })
                        .sum::<usize>()
                })
                .max()
                .unwrap_or(0)
        };
        let on_terminal = String::from_utf8_lossy(&run.stdout).replace('\r', "");
        let written = String::from_utf8(w.read(file)).unwrap();
        let piped: Vec<&str> = args.split(' ').collect();
        assert_eq!(written, w.run(&piped).stdout(), "{args} -o {file}");
        if wide {
            // (Narrowed on the terminal, as far as the columns let it.)
            assert!(
                widest(&on_terminal) < widest(&written) && widest(&written) > 80,
                "{args} on the terminal:\n{on_terminal}\n-o {file}:\n{written}"
            );
        }
    }
}

#[test]
fn trend_lists_groups_in_pinyin_order() {
    // They were in code point order: 永宁县 (U+6C38) before 金川区 (U+91D1) before 高新区.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A,甲项目,永宁县,续建,5000,1000\nB,乙项目,金川区,续建,5000,1000\n\
         C,丙项目,高新区,续建,5000,1000\n",
    )
    .write(
        "reports/2024-01.csv",
        "项目编号,累计完成投资\nA,100\nB,300\nC,200\n",
    );
    let doc = w.run(&["trend", "--format", "json"]).json();
    let groups: Vec<&str> = doc["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["高新区", "金川区", "永宁县"], "{doc}");
}

#[test]
fn trend_says_how_many_projects_are_in_no_group() {
    // A project with no 包抓领导 is in 全部 but no group's row: trend said nothing of it, where
    // the bulletin's ranking counts it.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,包抓领导,建设性质,总投资,年度计划投资\n\
         A,甲项目,甲区,张三,续建,5000,1000\n\
         B,乙项目,乙区,,续建,5000,1000\n",
    )
    .write(
        "reports/2024-01.csv",
        "项目编号,累计完成投资\nA,100\nB,300\n",
    );
    w.run(&["trend", "--by", "leader"])
        .expect_code(0)
        .expect_row(&["全部", "20.0%"])
        .expect_row(&["张三", "10.0%"])
        .expect_line("另有1个项目未填包抓领导，计入全部，不在分组中。");
    let doc = w
        .run(&["trend", "--by", "leader", "--format", "json"])
        .json();
    assert_eq!(doc["unranked_projects"], 1);
    assert_eq!(doc["groups"].as_array().unwrap().len(), 1);
    // Grouped by district, every project has one: nothing to say.
    w.run(&["trend"]).expect_code(0).expect_no_line("另有");
    let doc = w.run(&["trend", "--format", "json"]).json();
    assert_eq!(doc["unranked_projects"], 0);
}

#[test]
fn trend_counts_a_project_in_no_group_of_any_month_shown() {
    // Only the last month's projects in no group were counted: B, without a 包抓领导 and taken
    // off the list in March, is in January's and February's 全部 but in no group, unsaid.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,包抓领导,建设性质,总投资,年度计划投资,调出时间\n\
         A,甲项目,甲区,张三,续建,5000,1000,\n\
         B,乙项目,乙区,,续建,5000,1000,2024-03\n\
         C,丙项目,丙区,,续建,5000,1000,2024-02\n",
    );
    for m in 1..=3 {
        let c = if m == 1 { "C,100\n" } else { "" };
        w.write(
            &format!("reports/2024-{m:02}.csv"),
            format!("项目编号,累计完成投资\nA,{}\nB,{}\n{c}", 100 * m, 300 * m),
        );
    }
    w.run(&["trend", "--by", "leader"])
        .expect_code(0)
        .expect_row(&["全部", "16.7%", "40.0%", "30.0%"])
        .expect_row(&["张三", "10.0%", "20.0%", "30.0%"])
        .expect_line("另有2个项目未填包抓领导，计入全部，不在分组中。");
    let doc = w
        .run(&["trend", "--by", "leader", "--format", "json"])
        .json();
    assert_eq!(doc["unranked_projects"], 2, "{doc}");
    // Each project once, though listed in two months; none where no month shown lists one.
    let doc = w
        .run(&[
            "trend", "--by", "leader", "--from", "2024-02", "--format", "json",
        ])
        .json();
    assert_eq!(doc["unranked_projects"], 1, "{doc}");
    let doc = w
        .run(&[
            "trend", "--by", "leader", "--from", "2024-03", "--format", "json",
        ])
        .json();
    assert_eq!(doc["unranked_projects"], 0, "{doc}");
}

#[test]
fn trend_warns_of_each_month_without_reports() {
    // Only the last month was warned of; a month between without reports carried every figure
    // forward without a word.
    let w = monthly_folder();
    std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
    std::fs::remove_file(w.file("reports/2024-03.csv")).unwrap();
    let run = w.run(&["trend"]);
    run.expect_code(0)
        .expect_row(&["全部", "4.2%", "4.2%", "4.2%", "25.0%"])
        .expect_stderr(
            "xmtool: warning: no reports for 2024-02, 2024-03; each one's column carries every \
             project's figure forward from its last report",
        );
    assert_eq!(run.stderr().matches("warning").count(), 1);
    w.run(&["trend", "--from", "2024-03", "--to", "2024-04"])
        .expect_stderr("no reports for 2024-03; its column carries");
    let run = w.run(&["trend", "--to", "2024-01"]);
    assert!(!run.stderr().contains("warning"), "{}", run.stderr());
}

#[test]
fn trend_warns_of_a_month_of_blank_templates_before_the_last() {
    // A month whose reports are blank templates alone was warned of only as the last month: one
    // before it carried every figure forward without a word, as it had files.
    let w = monthly_folder();
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资,项目状态\nA,,在建\nB,,前期\n",
    );
    std::fs::remove_file(w.file("reports/2024-03.csv")).unwrap();
    let run = w.run(&["trend"]);
    run.expect_code(0)
        .expect_row(&["全部", "4.2%", "4.2%", "4.2%", "25.0%"])
        .expect_stderr(
            "xmtool: warning: the reports for 2024-02 give no figure (blank templates?); its \
             column carries every project's figure forward from its last report",
        )
        .expect_stderr("xmtool: warning: no reports for 2024-03; its column carries");
    assert!(
        !run.stderr().contains("no reports for 2024-02"),
        "{}",
        run.stderr()
    );
    // As the last month it is warned of once, as before.
    let run = w.run(&["trend", "--to", "2024-02"]);
    assert_eq!(
        run.stderr()
            .matches("the reports for 2024-02 give no figure")
            .count(),
        1,
        "{}",
        run.stderr()
    );
}

#[test]
fn a_dash_for_the_output_is_standard_output() {
    // `-o -` wrote a file named `-`; `export --out -` made a folder `-`.
    let w = common::clean_folder();
    let doc = w
        .run(&[
            "report", "--month", "2024-06", "-o", "-", "--format", "json",
        ])
        .expect_code(0)
        .json();
    assert_eq!(doc["month"], "2024-06");
    assert!(!w.file("-").exists());
    for command in ["export", "template"] {
        w.run(&[command, "--month", "2024-06", "--out", "-"])
            .expect_code(2)
            .expect_stderr(&format!(
                "--out - is standard output, but {command} writes a folder of files"
            ));
        assert!(!w.file("-").exists());
    }
}

#[test]
fn a_gbk_export_refused_names_its_own_table_not_the_registry() {
    // "projects.csv: row 2, column 2 (项目名称)" read as the registry's projects.csv, where the
    // row and column are not the ones meant: it is the table the export writes.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A0,光伏项目,甲区,续建,100,50\nA1,光伏😀项目,甲区,续建,100,50\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA0,10\nA1,10\n",
    );
    let run = w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        "out/g12",
        "--encoding",
        "gbk",
    ]);
    run.expect_code(2).expect_stderr(
        "out/g12/projects.csv (the export's table): row 3, column 2 (项目名称): \"光伏😀项目\" has \
         the character '😀' (U+1F600), which GBK cannot hold (use --encoding utf8)",
    );
    assert!(!w.file("out/g12").exists(), "nothing written");
}

#[test]
fn a_workbook_named_for_a_table_and_a_month_of_no_year_are_said_so() {
    // `-o r.xlsx` said "or give --format", though every format was then refused; `template
    // --month 6月` said "is not a month", where `report` said it gives no year.
    let w = common::clean_folder();
    w.run(&["report", "--month", "2024-06", "-o", "r.xlsx"])
        .expect_code(2)
        .expect_stderr("r.xlsx is named as a workbook, which this command does not write (use ")
        .expect_stderr("`xmtool export` writes a workbook)");
    w.run(&["report", "--month", "2024-06", "-o", "r.xlsb"])
        .expect_code(2)
        .expect_stderr("r.xlsb is named as a workbook, which this command does not write");
    w.run(&["template", "--month", "6月", "--out", "t"])
        .expect_code(2)
        .expect_stderr("--month \"6月\" gives no year (expected the year and month, e.g. 2024-06");
    w.run(&["trend", "--to", "12"])
        .expect_code(2)
        .expect_stderr("--to \"12\" gives no year");
}

/// `xmtool ARGS` run in `cwd`, with no `--dir` added.
fn run_in(cwd: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run xmtool")
}

#[test]
fn a_folder_inside_the_data_folder_or_its_registry_given_for_it_names_the_data_folder() {
    let w = common::clean_folder();
    let stderr = |out: &std::process::Output| String::from_utf8_lossy(&out.stderr).into_owned();
    let stdout = |out: &std::process::Output| String::from_utf8_lossy(&out.stdout).into_owned();
    // The registry's file given for the folder: the folder holding it is named.
    let out = run_in(w.path(), &["check", "--dir", "projects.csv"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains(
            "projects.csv is a file, not a folder (expected the data folder, the one holding \
             projects.csv and reports/: --dir .?)"
        ),
        "{}",
        stderr(&out)
    );
    // A report's file, two folders down: the folder holding the registry is named.
    let out = run_in(w.path(), &["check", "--dir", "reports/2024-01.csv"]);
    assert!(
        stderr(&out).contains(
            "reports/2024-01.csv is a file, not a folder (expected the data \
             folder, the one holding projects.csv and reports/: --dir .?)"
        ),
        "{}",
        stderr(&out)
    );
    // reports/ given for the data folder, or a folder under it, or run in it: the folder
    // holding the registry is.
    let out = run_in(w.path(), &["check", "--dir", "reports"]);
    assert!(
        stdout(&out).contains(
            "no registry found (expected projects.csv or projects.xlsx in the data folder, or \
             files under registry/; . holds one: is it the data folder, --dir .?)"
        ),
        "{}",
        stdout(&out)
    );
    std::fs::create_dir(w.file("reports/2024-02")).unwrap();
    let out = run_in(w.path(), &["check", "--dir", "reports/2024-02"]);
    assert!(
        stdout(&out).contains("; . holds one: is it the data folder, --dir .?)"),
        "{}",
        stdout(&out)
    );
    let out = run_in(&w.path().join("reports"), &["check"]);
    assert!(
        stdout(&out).contains("; .. holds one: is it the data folder, --dir ..?)"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn a_folder_with_no_registry_gives_no_bulletin_even_with_errors_allowed() {
    // An empty folder (a share not mounted, the wrong folder): a bulletin of no projects, exit
    // 0, was made with --allow-errors.
    let w = Workdir::new();
    w.write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,100\n");
    for args in [
        &["report", "--month", "2024-06", "--allow-errors"][..],
        &[
            "export",
            "--month",
            "2024-06",
            "--out",
            "out",
            "--allow-errors",
        ],
    ] {
        w.run(args).expect_code(1).expect_stderr(
            "xmtool: no project was read (the first error: .: error: no registry found",
        );
    }
    assert!(!w.path().join("out").exists());
    // So for a registry that is not one (an empty file, a half-synced share); and template and
    // show, which go on whatever the errors, stop too.
    w.write("projects.csv", "");
    for args in [
        &["report", "--month", "2024-06", "--allow-errors"][..],
        &["template", "--month", "2024-07", "--out", "tpl"],
        &["show", "A1"],
    ] {
        w.run(args)
            .expect_code(1)
            .expect_stderr("xmtool: no project was read (the first error: projects.csv");
    }
}

#[test]
fn the_check_a_refused_report_points_to_is_of_the_same_folder() {
    let w = common::clean_folder();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,总投资,年度计划投资\nA1,路网,甲区,1000,2000\n",
    );
    let parent = w.path().parent().unwrap();
    let name = w.path().file_name().unwrap().to_str().unwrap();
    let out = run_in(parent, &["report", "--month", "2024-06", "--dir", name]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.contains(&format!("run `xmtool check --dir {name}` to see them all")),
        "{said}"
    );
}

#[test]
fn one_scripts_options_are_taken_by_every_command() {
    // `-o` for export's and template's folder, as for report's file; --allow-errors by
    // template and show, which go on whatever the errors (it was "unexpected argument").
    let w = common::demo();
    w.run(&["export", "--month", "2024-06", "-o", "out"])
        .expect_code(0);
    assert!(w.file("out/about.csv").is_file());
    w.run(&[
        "template",
        "--month",
        "2024-07",
        "-o",
        "tpl",
        "--allow-errors",
    ])
    .expect_code(0);
    assert!(w.file("tpl/2024-07").is_dir());
    w.run(&["show", "JC2024-001", "--allow-errors"])
        .expect_code(0);
}

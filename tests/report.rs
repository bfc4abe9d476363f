//! `xmtool report`: tests that pin each figure's definition, and published figures reproduced.

mod common;

use common::{Workdir, group, project, report_json};
use serde_json::{Value, json};

/// A project for a fixture: id, district, category, nature, total, plan, planned start.
struct P<'a> {
    id: &'a str,
    district: &'a str,
    category: &'a str,
    nature: &'a str,
    total: &'a str,
    plan: &'a str,
    start: &'a str,
}

fn p<'a>(id: &'a str, district: &'a str, nature: &'a str, plan: &'a str, start: &'a str) -> P<'a> {
    P {
        id,
        district,
        category: "工业",
        nature,
        total: "1000000",
        plan,
        start,
    }
}

fn registry(projects: &[P]) -> String {
    let mut s = String::from(
        "项目编号,项目名称,所属县区,项目类别,建设性质,总投资,年度计划投资,计划开工时间\n",
    );
    for p in projects {
        s.push_str(&format!(
            "{},{}项目,{},{},{},{},{},{}\n",
            p.id, p.id, p.district, p.category, p.nature, p.total, p.plan, p.start
        ));
    }
    s
}

/// Report rows: (id, month, ytd, status, actual start).
fn reports(rows: &[(&str, &str, &str, &str, &str)]) -> String {
    let mut s = String::from("项目编号,报告月份,累计完成投资,项目状态,实际开工时间\n");
    for (id, month, ytd, status, start) in rows {
        s.push_str(&format!("{id},{month},{ytd},{status},{start}\n"));
    }
    s
}

#[test]
fn completion_rate_is_a_ratio_of_sums_not_a_mean_of_rates() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("A", "甲", "续建", "100", "2023-01"),
            p("B", "甲", "续建", "900", "2023-01"),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("A", "2024-06", "100", "在建", ""),
            ("B", "2024-06", "0", "在建", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    // Σ ytd / Σ plan = 100 / 1000 = 10%; the mean of the rates would be (100% + 0%) / 2 = 50%.
    assert_eq!(doc["overview"]["completion_rate"], 0.1);
    assert_eq!(group(&doc, "甲")["completion_rate"], 0.1);
    assert_eq!(doc["overview"]["vs_time_target"], -40.0);
}

/// A folder of one project, A of 甲, planned 100 for the year, and June's report of it.
fn one_project(ytd: &str) -> Workdir {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[p("A", "甲", "续建", "100", "2023-01")]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[("A", "2024-06", ytd, "在建", "")]),
    );
    w
}

#[test]
fn json_records_each_input_with_its_size_and_sha256() {
    // (A bulletin for the terminal works out no SHA-256; JSON records them.)
    let w = one_project("10");
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_line("10.0%");
    let doc = report_json(&w, &["--month", "2024-06"]);
    let inputs = doc["inputs"].as_array().unwrap();
    assert_eq!(inputs.len(), 2, "{inputs:?}");
    for input in inputs {
        let bytes = w.read(input["path"].as_str().unwrap());
        assert_eq!(input["size"], bytes.len(), "{input}");
        assert_eq!(input["sha256"], common::sha256_hex(&bytes), "{input}");
    }
}

#[test]
fn missing_reports_carry_forward_and_lower_the_reporting_rate() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("A", "甲", "续建", "1000", "2023-01"),
            p("B", "甲", "续建", "1000", "2023-01"),
        ]),
    )
    .write(
        "reports/2024-04.csv",
        reports(&[
            ("A", "2024-04", "300", "在建", ""),
            ("B", "2024-04", "200", "在建", ""),
        ]),
    )
    .write(
        "reports/2024-05.csv",
        reports(&[("A", "2024-05", "400", "在建", "")]),
    );
    let doc = report_json(&w, &["--month", "2024-05"]);
    let b = project(&doc, "B");
    assert_eq!(
        b["ytd_investment"], 200.0,
        "B's April figure carried forward"
    );
    assert_eq!(b["reported"], false);
    assert_eq!(b["last_report"], "2024-04");
    // No report, no figure for the month: not a reported zero.
    assert_eq!(b["month_investment"], Value::Null);
    assert_eq!(
        b["period_investment"],
        Value::Null,
        "a month's period is the month"
    );
    assert_eq!(project(&doc, "A")["month_investment"], 100.0);
    assert_eq!(doc["overview"]["ytd_investment"], 600.0);
    assert_eq!(doc["overview"]["reported"], 1);
    assert_eq!(doc["overview"]["report_rate"], 0.5);
    // The table names it under 未报送.
    let run = w.run(&["report", "--month", "2024-05"]);
    run.expect_code(0)
        .expect_line("| B        | B项目    | 甲   | 2024-04  |");

    // A blank template row for May, its figures not filled in (and its status not either): no
    // report, so April stays B's last, and April's status stands.
    w.write(
        "reports/2024-05.csv",
        reports(&[
            ("A", "2024-05", "400", "在建", ""),
            ("B", "2024-05", "", "", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-05"]);
    let b = project(&doc, "B");
    assert_eq!(b["reported"], false);
    assert_eq!(b["last_report"], "2024-04");
    assert_eq!(b["status"], "在建");
    assert_eq!(b["ytd_investment"], 200.0);
    w.run(&["report", "--month", "2024-05"])
        .expect_code(0)
        .expect_line("| B        | B项目    | 甲   | 2024-04  |");
}

#[test]
fn month_investment_only_is_summed() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[p("A", "甲", "续建", "1000", "2023-01")]),
    )
    .write("reports/2024-01.csv", "项目编号,本月完成投资\nA,100\n")
    .write("reports/2024-02.csv", "项目编号,本月完成投资\nA,50\n")
    .write("reports/2024-04.csv", "项目编号,本月完成投资\nA,25.5\n");
    let doc = report_json(&w, &["--month", "2024-04"]);
    assert_eq!(project(&doc, "A")["ytd_investment"], 175.5);
    assert_eq!(project(&doc, "A")["month_investment"], 25.5);
}

#[test]
fn equal_scores_share_a_rank_then_order_by_name() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("A", "丁", "续建", "100", "2023-01"),
            p("B", "乙", "续建", "100", "2023-01"),
            p("C", "丙", "续建", "100", "2023-01"),
            p("D", "甲", "续建", "100", "2023-01"),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("A", "2024-06", "90", "在建", ""),
            ("B", "2024-06", "50", "在建", ""),
            ("C", "2024-06", "50", "在建", ""),
            ("D", "2024-06", "10", "在建", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    let ranks: Vec<(String, u64)> = doc["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| {
            (
                g["group"].as_str().unwrap().to_string(),
                g["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    // 乙 and 丙 tie for second; tied groups are listed by name in pinyin order, as Excel and WPS
    // sort Chinese (丙 bǐng before 乙 yǐ), and the next rank is 4.
    let expected: Vec<(String, u64)> = [("丁", 1), ("丙", 2), ("乙", 2), ("甲", 4)]
        .into_iter()
        .map(|(g, r)| (g.to_string(), r))
        .collect();
    assert_eq!(ranks, expected);
    // score = 0.7 × min(rate, 1.2) + 0.3 × start rate
    assert_eq!(group(&doc, "丁")["score"], 0.93);
}

#[test]
fn scores_equal_by_different_fractions_share_a_rank() {
    // 乙: 0.7 × 4/21 + 0.3 × 1 = 13/30; 甲: 0.7 × 1/3 + 0.3 × 2/3 = 13/30. Divided out, the two
    // differ in the 28th place; they are one score.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         X1,x1,甲区,续建,100,1,\n\
         X2,x2,甲区,新建,100,1,2024-01\n\
         X3,x3,甲区,新建,100,1,2024-07\n\
         Y1,y1,乙区,续建,100,21,\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nX1,1,在建\nX2,0,在建\nX3,0,前期\nY1,4,在建\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(group(&doc, "甲区")["rank"], 1);
    assert_eq!(group(&doc, "乙区")["rank"], 1);
}

#[test]
fn scores_shown_alike_share_a_rank_listed_in_pinyin_order() {
    // Completion rates 33.3334%, 33.3333…%, 33.3333% and 33.3328%, all started: every output
    // showed 53.33 for each, ranked 1, 2, 3, 4 by the places not shown. Tied, they were listed
    // in character order (乙 U+4E59 before 甲 U+7532), not as Excel sorts Chinese.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,a,甲区,续建,200000,100000\nB1,b,乙区,续建,200000,100000\n\
         C1,c,丙区,续建,10,3\nD1,d,丁区,续建,200000,100000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,33333.4,在建\nB1,33333.3,在建\nC1,1,在建\n\
         D1,33332.8,在建\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    let ranking: Vec<(String, u64, f64)> = (doc["ranking"].as_array().unwrap().iter())
        .map(|g| {
            let group = g["group"].as_str().unwrap().to_string();
            (
                group,
                g["rank"].as_u64().unwrap(),
                g["score"].as_f64().unwrap(),
            )
        })
        .collect();
    let expected: Vec<(String, u64, f64)> = ["丙区", "丁区", "甲区", "乙区"]
        .into_iter()
        .map(|g| (g.to_string(), 1, 0.5333))
        .collect();
    assert_eq!(ranking, expected);
    // A score of a half in the last place shown is rounded up as shown, and so ranked.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,a,甲区,续建,200000,100000\nB1,b,乙区,续建,200000,100000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,50150,在建\nB1,50160,在建\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    // 甲: 0.7 × 0.5015 + 0.3 = 0.65105, shown 65.11 (half away from zero, as Excel's ROUND);
    // 乙: 0.65112, shown 65.11.
    for g in ["甲区", "乙区"] {
        assert_eq!(group(&doc, g)["rank"], 1, "{g}");
        assert_eq!(group(&doc, g)["score"], 0.6511, "{g}");
    }
}

#[test]
fn idle_in_january_looks_at_last_years_december_when_its_reports_are_there() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA,a,甲区,续建,1000,300\n",
    )
    .write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA,0,0,在建\n",
    );
    let idle = |w: &Workdir| report_json(w, &["--month", "2024-01"])["overview"]["idle"].clone();
    // Without December's reports, the last two months' investment is not known: no project is
    // known to be idle or not (it was 0, as if none were), and the bulletin says why.
    assert_eq!(idle(&w), Value::Null);
    let table = w.run(&["report", "--month", "2024-01"]);
    table
        .expect_code(0)
        .expect_line("未判断：数据文件夹中没有2023-12的月报，该月投资无从得知");
    assert!(
        table
            .stdout()
            .lines()
            .any(|l| l.contains("开而不动") && l.contains("n/a")),
        "{}",
        table.stdout()
    );
    // The note, not （无）, under the idle projects' title: no project is known to be idle.
    assert!(
        table
            .stdout()
            .contains("开而不动项目\n未判断：数据文件夹中没有2023-12的月报"),
        "{}",
        table.stdout()
    );
    w.run(&["report", "--month", "2024-01", "--lang", "en"])
        .expect_line("not judged: the data folder has no reports for 2023-12");
    // December's 50 is within the last two months.
    w.write(
        "reports/2023-12.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA,50,300,在建\n",
    );
    assert_eq!(idle(&w), 0);
    // Nothing in December or January: idle.
    w.write(
        "reports/2023-12.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA,0,300,在建\n",
    );
    assert_eq!(idle(&w), 1);
}

#[test]
fn idle_judges_only_the_months_a_project_was_on_the_list() {
    // A project listed from May (纳入时间), its first report May's, was idle in May: April, before
    // it was on the list, counted as a month of no investment. So was a project new to the list
    // in January, of no report last December (the folder having others' December reports).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
         A,a,甲区,续建,1000,300,\nL,l,甲区,续建,1000,300,2024-05\n",
    );
    for (m, rows) in [
        ("2023-12", "A,0,300,在建\n"),
        ("2024-01", "A,0,0,在建\nL,0,0,在建\n"),
        ("2024-03", "A,10,10,在建\n"),
        ("2024-04", "A,0,10,在建\n"),
        ("2024-05", "A,0,10,在建\nL,0,0,在建\n"),
    ] {
        w.write(
            &format!("reports/{m}.csv"),
            format!("项目编号,本月完成投资,累计完成投资,项目状态\n{rows}"),
        );
    }
    let may = report_json(&w, &["--month", "2024-05"]);
    assert_eq!(project(&may, "A")["idle"], true);
    assert_eq!(project(&may, "L")["idle"], false);
    // In January (L listed all year now), A was on last year's list, its December report there:
    // idle; L has no report of last year, its December not known: not idle.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A,a,甲区,续建,1000,300\nL,l,甲区,续建,1000,300\n",
    );
    let january = report_json(&w, &["--month", "2024-01"]);
    assert_eq!(project(&january, "A")["idle"], true);
    assert_eq!(project(&january, "L")["idle"], false);
}

#[test]
fn idle_in_february_needs_no_report_of_last_year() {
    // The window of February (January and February) is this year's: a project of no report
    // last year was not called idle in it, the month before the window (December) taken for
    // one of the window's.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA,a,甲区,续建,1000,300\n",
    );
    for m in ["01", "02"] {
        w.write(
            &format!("reports/2024-{m}.csv"),
            "项目编号,本月完成投资,累计完成投资,项目状态\nA,0,0,在建\n",
        );
    }
    let doc = report_json(&w, &["--month", "2024-02"]);
    assert_eq!(doc["overview"]["idle"], 1);
    assert_eq!(project(&doc, "A")["idle"], true);
    // A window of one month, January's, is this year's too.
    w.write("xmtool.toml", "[thresholds]\nidle_months = 1\n");
    let doc = report_json(&w, &["--month", "2024-01"]);
    assert_eq!(project(&doc, "A")["idle"], true);
}

#[test]
fn an_idle_window_of_over_a_year_looks_at_every_year_in_it() {
    // `idle_months = 13` at 2024-01: the window 2023-01 to 2024-01 holds 2023's investment, but
    // only the year of the month before it, 2022, was looked at: idle.
    let w = Workdir::new();
    w.write("xmtool.toml", "[thresholds]\nidle_months = 13\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA,a,甲区,续建,10000,3000\n",
        );
    for month in 1..=12 {
        w.write(
            &format!("reports/2023-{month:02}.csv"),
            format!(
                "项目编号,本月完成投资,累计完成投资,项目状态\nA,100,{},在建\n",
                100 * month
            ),
        );
    }
    w.write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA,0,0,在建\n",
    );
    let doc = report_json(&w, &["--month", "2024-01"]);
    assert_eq!(project(&doc, "A")["idle"], false);
}

#[test]
fn a_rise_in_year_to_date_over_the_idle_window_is_investment_in_it() {
    // A1 gave 累计 100 in May, no report in June, and 本月 0 with 累计 150 in July: the 50 went
    // in in June, within July's window (June and July), yet A1 was called idle, its July's 本月
    // 0 alone weighed. A2's 累计 stood still: idle. B1's last report before the window is
    // April's: its rise may be May's, before the window, and is not taken for the window's; nor
    // is C1's, whose May report gives 本月 alone (its months before unreported, its year-to-date
    // at May's end not known). D1's May report gives 本月 0 alone on top of April's 累计 40:
    // 40 at May's end, known, so its 50 in July rose within the window (it was called idle).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,a,甲区,续建,5000,1200\nA2,b,甲区,续建,5000,1200\nB1,c,甲区,续建,5000,1200\n\
         C1,d,甲区,续建,5000,1200\nD1,e,甲区,续建,5000,1200\n",
    );
    for (m, rows) in [
        ("2024-04", "B1,,100\nD1,,40\n"),
        ("2024-05", "A1,,100\nA2,,100\nC1,0,\nD1,0,\n"),
        ("2024-06", "A2,,100\nC1,0,300\n"),
        (
            "2024-07",
            "A1,0,150\nA2,0,100\nB1,0,150\nC1,0,300\nD1,0,50\n",
        ),
    ] {
        w.write(
            &format!("reports/{m}.csv"),
            format!("项目编号,本月完成投资,累计完成投资\n{rows}"),
        );
    }
    let doc = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(project(&doc, "A1")["idle"], false);
    assert_eq!(project(&doc, "A2")["idle"], true);
    assert_eq!(project(&doc, "B1")["idle"], true);
    assert_eq!(project(&doc, "C1")["idle"], true);
    assert_eq!(project(&doc, "D1")["idle"], false);
    assert_eq!(doc["overview"]["idle"], 3);
    // A window from 1 January starts at 0: a first report in March of 本月 0 and 累计 100
    // invested the 100 within January to March.
    w.write("xmtool.toml", "[thresholds]\nidle_months = 3\n")
        .write(
            "reports/2024-03.csv",
            "项目编号,本月完成投资,累计完成投资\nA1,0,100\nA2,0,0\n",
        );
    for m in ["04", "05", "06", "07"] {
        std::fs::remove_file(w.file(&format!("reports/2024-{m}.csv"))).unwrap();
    }
    for m in ["01", "02"] {
        w.write(
            &format!("reports/2024-{m}.csv"),
            "项目编号,本月完成投资,累计完成投资\nA2,0,0\n",
        );
    }
    let doc = report_json(&w, &["--month", "2024-03"]);
    assert_eq!(project(&doc, "A1")["idle"], false);
    assert_eq!(project(&doc, "A2")["idle"], true);
}

#[test]
fn completion_above_the_cap_counts_as_the_cap() {
    let w = one_project("200");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(group(&doc, "甲")["completion_rate"], 2.0);
    assert_eq!(group(&doc, "甲")["score"], 1.14); // 0.7 × 1.2 + 0.3 × 1
}

fn start_rate_folder() -> Workdir {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("C", "甲", "续建", "100", "2023-01"),
            p("N1", "甲", "新建", "100", "2024-03"),
            p("N2", "甲", "新建", "100", "2024-05"),
            p("N3", "甲", "新建", "100", "2024-10"),
            p("N4", "甲", "新建", "100", "2024-11"),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("C", "2024-06", "50", "在建", ""),
            ("N1", "2024-06", "10", "在建", "2024-04"),
            ("N2", "2024-06", "0", "前期", ""),
            ("N3", "2024-06", "0", "前期", ""),
            // Started early: counts as started, and so in the planned denominator too.
            ("N4", "2024-06", "5", "", "2024-06-10"),
        ]),
    );
    w
}

#[test]
fn start_rate_over_all_projects_by_default() {
    let w = start_rate_folder();
    let doc = report_json(&w, &["--month", "2024-06"]);
    let o = &doc["overview"];
    assert_eq!(doc["start_rate_base"], "all");
    assert_eq!(
        (o["started"].clone(), o["start_base"].clone()),
        (3.into(), 5.into())
    );
    assert_eq!(o["start_rate"], 0.6);
    assert_eq!(
        (o["new_started"].clone(), o["new_projects"].clone()),
        (2.into(), 4.into())
    );
    assert_eq!(o["new_start_rate"], 0.5);
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_row(&["| 开工率 ", " 60.0% (3/5) |"])
        .expect_line("开工率分母：全部项目");
}

#[test]
fn start_rate_over_projects_planned_to_start_by_the_month() {
    let w = start_rate_folder();
    w.write("xmtool.toml", "start_rate_denominator = \"planned\"\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    let o = &doc["overview"];
    assert_eq!(doc["start_rate_base"], "planned");
    // C (continuing), N1 and N2 (planned by June), N4 (started early); not N3.
    assert_eq!(
        (o["started"].clone(), o["start_base"].clone()),
        (3.into(), 4.into())
    );
    assert_eq!(o["start_rate"], 0.75);
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "开工率分母：续建、计划于本月或之前开工、已开工及未注明建设性质和开工时间的项目",
        );
}

#[test]
fn a_start_nothing_dates_counts_in_the_planned_base() {
    // No 建设性质 and no 计划开工时间 (a registry without the columns): nothing says a start is
    // not yet due, so every project counts, as with "all"; a start rate over the started alone
    // would be 100% whatever the data.
    let w = Workdir::new();
    w.write("xmtool.toml", "start_rate_denominator = \"planned\"\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,总投资,年度计划投资\nA,a,甲区,100,10\nB,b,甲区,100,10\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资,项目状态\nA,5,在建\nB,0,前期\n",
        );
    let o = report_json(&w, &["--month", "2024-06"])["overview"].clone();
    assert_eq!(
        (o["started"].clone(), o["start_base"].clone()),
        (1.into(), 2.into())
    );
}

#[test]
fn each_light_and_its_reason() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("G", "甲", "续建", "100", "2023-01"), // 45% in June: 5 behind, green
            p("Y", "甲", "续建", "100", "2023-01"), // 40%: 10 behind, yellow
            p("Y2", "甲", "续建", "100", "2023-01"), // 20%: 30 behind, still yellow
            p("R", "甲", "续建", "100", "2023-01"), // 19.9%: 30.1 behind, red
            p("O1", "甲", "新建", "100", "2024-05"), // 1 month overdue: yellow (not judged on rate? no: judged)
            p("O3", "甲", "新建", "100", "2024-03"), // 3 months overdue: red
            p("F", "甲", "新建", "100", "2024-09"),  // not due: green
            p("Z", "甲", "续建", "0", "2023-01"),    // no plan
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("G", "2024-06", "45", "在建", ""),
            ("Y", "2024-06", "40", "在建", ""),
            ("Y2", "2024-06", "20", "在建", ""),
            ("R", "2024-06", "19.9", "在建", ""),
            ("O1", "2024-06", "0", "前期", ""),
            ("O3", "2024-06", "0", "前期", ""),
            ("F", "2024-06", "0", "前期", ""),
            ("Z", "2024-06", "0", "在建", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    let light = |id: &str| {
        let p = project(&doc, id);
        (
            p["light"].as_str().unwrap().to_string(),
            p["light_reason"].as_str().unwrap().to_string(),
        )
    };
    assert_eq!(
        light("G"),
        ("green".into(), "落后序时进度5.0个百分点".into())
    );
    assert_eq!(
        light("Y"),
        ("yellow".into(), "落后序时进度10.0个百分点".into())
    );
    assert_eq!(
        light("Y2"),
        ("yellow".into(), "落后序时进度30.0个百分点".into())
    );
    assert_eq!(
        light("R"),
        ("red".into(), "落后序时进度30.1个百分点".into())
    );
    assert_eq!(
        light("O1"),
        (
            "red".into(),
            "计划2024-05开工，逾期1个月未开工；落后序时进度50.0个百分点".into()
        ),
        "overdue one month is yellow, but 50 points behind makes it red"
    );
    assert_eq!(light("O3").0, "red");
    assert!(
        light("O3")
            .1
            .starts_with("计划2024-03开工，逾期3个月未开工")
    );
    // Not due yet, but judged on its completion rate like every project (the brief's rule),
    // its planned start named beside.
    assert_eq!(
        light("F"),
        (
            "red".into(),
            "落后序时进度50.0个百分点；计划2024-09开工，未到开工时间".into()
        )
    );
    assert_eq!(light("Z"), ("green".into(), "无年度计划投资".into()));
    assert_eq!(project(&doc, "O1")["overdue_months"], 1);
    assert_eq!(project(&doc, "F")["overdue_months"], Value::Null);
    let o = &doc["overview"];
    assert_eq!(
        (o["green"].clone(), o["yellow"].clone(), o["red"].clone()),
        (2.into(), 2.into(), 4.into())
    );
    assert_eq!(o["overdue"], 2);
    // On target: none of the seven with a plan is at 50% or more.
    assert_eq!(o["on_target"], 0);
    assert_eq!(o["on_target_share"], 0.0);
}

#[test]
fn overdue_alone_makes_yellow_then_red_after_three_months() {
    let w = Workdir::new();
    // With no annual plan the rate cannot be judged, so only the overdue rule speaks.
    w.write(
        "projects.csv",
        registry(&[
            p("O2", "甲", "新建", "0", "2024-04"),
            p("O3", "甲", "新建", "0", "2024-03"),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("O2", "2024-06", "0", "前期", ""),
            ("O3", "2024-06", "0", "前期", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "O2")["light"], "yellow");
    assert_eq!(project(&doc, "O3")["light"], "red");
    assert_eq!(
        project(&doc, "O3")["light_reason"],
        "计划2024-03开工，逾期3个月未开工；无年度计划投资"
    );
}

#[test]
fn a_project_of_no_nature_is_judged_on_its_rate_not_its_start() {
    // An empty 建设性质 may be a continuing project's, whose planned start is long past and whose
    // reports need not say 在建: it is not called late to start, as a new start is.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("N1", "甲", "新建", "1000", "2024-02"),
            p("U1", "甲", "", "1000", "2024-02"),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("N1", "2024-06", "500", "前期", ""),
            ("U1", "2024-06", "500", "前期", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "N1")["light"], "red");
    assert_eq!(project(&doc, "N1")["overdue_months"], 4);
    assert_eq!(project(&doc, "U1")["light"], "green");
    assert_eq!(project(&doc, "U1")["light_reason"], "达到序时进度");
    assert_eq!(
        project(&doc, "U1")["overdue_months"],
        serde_json::Value::Null
    );
    assert_eq!(doc["overview"]["overdue"], 1);
    w.run(&["check"]).expect_line(
        "projects.csv:3:5: warning: 建设性质 is empty: U1 counts as neither a new start nor \
         continuing, so as started only once a report says so, in no 新开工 figure, and is not \
         judged on its start (expected 新建, 续建, 改扩建 or 预备)",
    );
}

#[test]
fn started_but_idle() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("I", "甲", "续建", "100", "2023-01"),
            p("M", "甲", "续建", "100", "2023-01"),
            p("S", "甲", "新建", "100", "2024-05"),
            // Started with no actual start given: by its status in April (before the window),
            // in May (within it), or only as its reports begin in May.
            p("T", "甲", "新建", "100", "2024-04"),
            p("U", "甲", "新建", "100", "2024-04"),
            p("V", "甲", "新建", "100", "2024-04"),
        ]),
    )
    .write(
        "reports/2024-04.csv",
        reports(&[
            ("I", "2024-04", "30", "在建", ""),
            ("M", "2024-04", "30", "在建", ""),
            ("T", "2024-04", "0", "在建", ""),
            ("U", "2024-04", "0", "前期", ""),
        ]),
    )
    .write(
        "reports/2024-05.csv",
        reports(&[
            ("I", "2024-05", "30", "在建", ""),
            ("M", "2024-05", "30", "在建", ""),
            ("S", "2024-05", "0", "在建", "2024-05"),
            ("T", "2024-05", "0", "在建", ""),
            ("U", "2024-05", "0", "在建", ""),
            ("V", "2024-05", "0", "在建", ""),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("I", "2024-06", "30", "在建", ""),
            ("M", "2024-06", "31", "在建", ""),
            ("S", "2024-06", "0", "在建", "2024-05"),
            ("T", "2024-06", "0", "在建", ""),
            ("U", "2024-06", "0", "在建", ""),
            ("V", "2024-06", "0", "在建", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        project(&doc, "I")["idle"],
        true,
        "no investment in May and June"
    );
    assert_eq!(project(&doc, "M")["idle"], false, "invested in June");
    assert_eq!(project(&doc, "S")["idle"], false, "started only in May");
    assert_eq!(project(&doc, "T")["idle"], true, "在建 already in April");
    assert_eq!(
        project(&doc, "U")["idle"],
        false,
        "前期 in April, 在建 in May"
    );
    assert_eq!(
        project(&doc, "V")["idle"],
        false,
        "not known to have started before May"
    );
    assert_eq!(doc["overview"]["idle"], 2);
}

#[test]
fn projects_listed_mid_year_count_from_their_listing() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
         A,甲项目,甲,续建,1000,100,\n\
         L,新增项目,甲,续建,1000,100,2024-07\n",
    )
    .write(
        "reports/2024-06.csv",
        reports(&[("A", "2024-06", "50", "在建", "")]),
    )
    .write(
        "reports/2024-07.csv",
        reports(&[
            ("A", "2024-07", "60", "在建", ""),
            ("L", "2024-07", "10", "在建", ""),
        ]),
    );
    let june = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(june["overview"]["projects"], 1);
    assert_eq!(june["overview"]["annual_plan"], 100.0);
    let july = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(july["overview"]["projects"], 2);
    assert_eq!(july["overview"]["completion_rate"], 0.35);
}

#[test]
fn projects_taken_off_the_list_count_until_then() {
    // A project cancelled in August (调出时间 2024-08) is in the bulletins before August, with
    // its reports, and in none from August on; its old reports are no errors.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,调出时间\n\
         A,甲项目,甲,续建,1000,100,\n\
         C,取消项目,甲,续建,1000,300,2024-08\n",
    );
    for (m, a, c) in [("07", "60", "30"), ("08", "70", ""), ("09", "80", "50")] {
        let mut rows = vec![("A", m, a, "在建", "")];
        if !c.is_empty() {
            rows.push(("C", m, c, "在建", ""));
        }
        let rows: Vec<_> = rows
            .into_iter()
            .map(|(id, m, ytd, s, st)| (id, &*format!("2024-{m}").leak(), ytd, s, st))
            .collect();
        w.write(&format!("reports/2024-{m}.csv"), reports(&rows));
    }
    let july = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(july["overview"]["projects"], 2);
    assert_eq!(july["overview"]["annual_plan"], 400.0);
    assert_eq!(july["overview"]["ytd_investment"], 90.0);
    let august = report_json(&w, &["--month", "2024-08"]);
    assert_eq!(august["overview"]["projects"], 1);
    assert_eq!(august["overview"]["annual_plan"], 100.0);
    assert_eq!(august["overview"]["reported"], 1);
    assert_eq!(august["projects"].as_array().unwrap().len(), 1);
    // Its report after it left the list is named, and counts nowhere.
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-09.csv:3:3: warning: investment is reported for C for 2024-09, once it \
             is off the list: its 调出时间 is 2024-08 (projects.csv:3), so this figure is in no \
             bulletin",
        )
        .expect_no_line("未报送: C");
    let september = report_json(&w, &["--month", "2024-09"]);
    assert_eq!(september["overview"]["ytd_investment"], 80.0);
    // September's blank reports leave it out; July's have it.
    w.run(&["template", "--month", "2024-09", "--out", "forms"])
        .expect_code(0);
    assert!(!String::from_utf8_lossy(&w.read("forms/2024-09/甲.csv")).contains("取消项目"));
    w.run(&["template", "--month", "2024-07", "--out", "forms7"])
        .expect_code(0);
    assert!(String::from_utf8_lossy(&w.read("forms7/2024-07/甲.csv")).contains("取消项目"));
    // Its page says why its months stop at July.
    w.run(&["show", "C", "--month", "2024-09"])
        .expect_code(0)
        .expect_line("调出时间为2024-08，自2024-08起不在清单中");
    let page = w
        .run(&["show", "C", "--month", "2024-09", "--format", "json"])
        .json();
    assert_eq!(page["delisted"], "2024-08");
    assert_eq!(page["history"].as_array().unwrap().len(), 7);
    // Off the list by its first month: on no list of the year, and said so.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间,调出时间\n\
         A,甲项目,甲,续建,1000,100,,\n\
         C,取消项目,甲,续建,1000,300,2024-08,2024-08\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:3:8: warning: 调出时间 2024-08 is not after its 纳入时间 2024-08: C is on \
         no list of 2024 and in none of its figures (expected the month it left the list, after \
         2024-08)",
    );
}

/// A department still sending a dropped project's rows: an error in one (after its 调出时间) is
/// in no month's figures, and stops no bulletin; `check` still calls it an error, and an error
/// in a row of a month it was on the list still stops one.
#[test]
fn errors_in_rows_of_a_project_off_the_list_stop_no_bulletin() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,调出时间\n\
         A,甲项目,甲,续建,1000,100,\n\
         C,取消项目,甲,续建,1000,300,2024-05\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资,累计完成投资\nA,10,50\nC,abc,60\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资,累计完成投资\nA,10,60\nC,10,7O\n",
    );
    let said = "the data has 2 errors in report rows of projects off the list by their month \
                (调出时间), which are in no month's figures (the first: reports/2024-05.csv:3:2";
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_stderr(said);
    w.run(&["report"]).expect_code(0).expect_stderr(said);
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-05.csv:3:2: error: 本月完成投资 \"abc\" is not a number");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 60.0);
    let counted = &doc["data_findings"];
    assert_eq!(
        (&counted["errors"], &counted["off_list_errors"]),
        (&json!(0), &json!(2))
    );
    w.run(&["export", "--month", "2024-06", "--out", "out"])
        .expect_code(0);
    let about = String::from_utf8(w.read("out/about.csv")).unwrap();
    assert!(
        about.contains("0 个错误") && about.contains("另有 2 个错误在已调出项目调出后的月报行中"),
        "{about}"
    );
    // Listed in April, its row then counts: its error stops April's bulletin and June's.
    w.write(
        "reports/2024-04.csv",
        "项目编号,本月完成投资,累计完成投资\nA,10,40\nC,x,50\n",
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_code(1)
        .expect_stderr("the data has 1 error (the first: reports/2024-04.csv:3:2")
        .expect_stderr(", and 2 errors in report rows of projects off the list");
}

/// A row of a dropped project's id named as a project on the list (its id mistyped, most
/// likely): its error is that project's, and stops the bulletin (it was waived, the listed
/// project shown 未报送).
#[test]
fn an_error_in_a_dropped_projects_row_named_as_a_listed_one_stops_the_bulletin() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,调出时间\n\
         A,金川路网改造工程,甲,续建,10000,4000,\n\
         C,城东污水处理厂,甲,续建,8000,3000,2024-06\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,项目名称,本月完成投资,累计完成投资\nA,金川路网改造工程,100,500\n\
         C,城东污水处理厂,100,700\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,项目名称,本月完成投资,累计完成投资\nC,金川路网改造工程,200,700\n",
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_code(1)
        .expect_stderr("the data has 1 error (the first: reports/2024-06.csv:2:3");
}

/// 东区's A1 and C1, C1 taken off the list from June (调出时间), and 东区's files of May and June.
fn east_with_c1_dropped_in_june() -> Workdir {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,调出时间\n\
             A1,东一,东区,续建,10000,4000,2023-03,\n\
             C1,东三,东区,续建,8000,3000,2023-02,2024-06\n",
        )
        .write(
            "reports/2024-05/东区.csv",
            east_file("C1,100,700,在建\nA1,100,500,在建\n"),
        )
        .write(
            "reports/2024-06/东区.csv",
            east_file("C1,100,800,在建\nA1,100,600,在建\n"),
        );
    w
}

/// A report file of `rows` under the columns `east_with_c1_dropped_in_june`'s files have.
fn east_file(rows: &str) -> String {
    format!("项目编号,本月完成投资,累计完成投资,项目状态\n{rows}")
}

/// A department's file giving a dropped project's June row beside the district's, its figures
/// differing: the second report's error stopped the bulletin, though the first's would not.
#[test]
fn a_dropped_projects_differing_second_report_stops_no_bulletin() {
    let w = east_with_c1_dropped_in_june();
    w.write("reports/2024-06/住建局.csv", east_file("C1,150,850,在建\n"));
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06/住建局.csv:2:2: error: a second report for C1 in 2024-06, differing \
         from the first",
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_stderr(
            "the data has 1 error in report rows of projects off the list by their month \
             (调出时间), which are in no month's figures (the first: \
             reports/2024-06/住建局.csv:2:2",
        );
    // In May, before it was dropped, the same stops May's bulletin.
    w.write("reports/2024-05/住建局.csv", east_file("C1,150,750,在建\n"));
    w.run(&["report", "--month", "2024-05"])
        .expect_code(1)
        .expect_stderr("the data has 1 error (the first: reports/2024-05/住建局.csv:2:2");
}

/// 东区's June file sent again, alike but in the row of 东三, taken off the list from June: the
/// file's error stopped the bulletin, though every row that differs is in no month's figures.
/// It still stops it where a listed project's row differs too.
#[test]
fn a_file_sent_twice_differing_in_a_dropped_projects_rows_alone_stops_no_bulletin() {
    let w = east_with_c1_dropped_in_june();
    w.write(
        "reports/2024-06/东区2.csv",
        east_file("C1,150,850,在建\nA1,100,600,在建\n"),
    );
    let sent_twice = "reports/2024-06/东区2.csv:2: error: reports 2 projects for 2024-06 that \
                      reports/2024-06/东区.csv reports too";
    w.run(&["check"]).expect_code(1).expect_line(sent_twice);
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_stderr(
            "the data has 2 errors in report rows of projects off the list by their month \
             (调出时间), which are in no month's figures (the first: \
             reports/2024-06/东区2.csv:2:",
        );
    w.write(
        "reports/2024-06/东区2.csv",
        east_file("C1,150,850,在建\nA1,120,620,在建\n"),
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_code(1)
        .expect_stderr(&format!("(the first: {sent_twice}"));
}

fn period_folder() -> Workdir {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("A", "甲", "续建", "1200", "2023-01"),
            p("B", "乙", "续建", "1200", "2023-01"),
        ]),
    );
    for m in 1..=12 {
        let month = format!("2024-{m:02}");
        let a = (100 * m).to_string();
        let b = (50 * m).to_string();
        w.write(
            &format!("reports/{month}.csv"),
            reports(&[("A", &month, &a, "在建", ""), ("B", &month, &b, "在建", "")]),
        );
    }
    w
}

#[test]
fn quarter_half_and_year_periods() {
    let w = period_folder();
    let q2 = report_json(&w, &["--period", "2024-Q2"]);
    assert_eq!(q2["month"], "2024-06");
    assert_eq!(q2["period"], "2024-Q2");
    assert_eq!(q2["period_start"], "2024-04");
    assert_eq!(q2["overview"]["ytd_investment"], 900.0);
    // Completed within April–June: (600 − 300) + (300 − 150).
    assert_eq!(q2["overview"]["period_investment"], 450.0);
    assert_eq!(q2["compared_with"], "2024-Q1");
    let h2 = report_json(&w, &["--period", "2024-H2"]);
    assert_eq!(h2["month"], "2024-12");
    assert_eq!(h2["overview"]["period_investment"], 900.0);
    assert_eq!(
        h2["overview"]["required_pace"],
        Value::Null,
        "no months left in December"
    );
    let year = report_json(&w, &["--period", "2024"]);
    assert_eq!(year["overview"]["period_investment"], 1800.0);
    assert_eq!(year["overview"]["completion_rate"], 0.75);
    assert_eq!(year["compared_with"], Value::Null, "no 2023 reports");
    w.run(&["report", "--period", "2024-Q2"])
        .expect_code(0)
        .expect_line("本期完成投资");
    // The structure table has what was invested within the period too, as the ranking does (it
    // had the year-to-date alone).
    w.run(&[
        "report",
        "--period",
        "2024-Q2",
        "--format",
        "csv",
        "--table",
        "structure",
    ])
    .expect_code(0)
    .expect_line(
        "维度,分组,项目数,年度计划(万元),累计完成(万元),本期(2024-04至2024-06)完成(万元),完成率,",
    )
    .expect_line("建设性质,续建,2,2400,900,450,37.50%,");
    w.run(&[
        "report",
        "--month",
        "2024-06",
        "--format",
        "csv",
        "--table",
        "structure",
    ])
    .expect_code(0)
    .expect_line("维度,分组,项目数,年度计划(万元),累计完成(万元),完成率,");
}

#[test]
fn a_periods_figures_of_one_month_name_their_month() {
    // A quarter's bulletin gave 本月完成投资 and 报送率, June's alone, as a month's bulletin
    // does: a clerk reading it could not tell that 本月 was June's.
    let w = period_folder();
    let q2 = |more: &[&str]| w.run(&[&["report", "--period", "2024-Q2"], more].concat());
    q2(&[])
        .expect_code(0)
        .expect_row(&["2024-06完成投资", "150.00万元"])
        .expect_row(&["2024-06报送率", "100.0% (2/2)"])
        .expect_row(&["开工率", "2024-06报送率", "红/黄/绿"])
        .expect_no_line("本月");
    q2(&["--lang", "en"])
        .expect_row(&["invested in 2024-06", "150.00 万元"])
        .expect_row(&["reporting rate of 2024-06", "100.0% (2/2)"])
        .expect_row(&["start rate", "reported in 2024-06", "red/yellow/green"])
        .expect_no_line("this month");
    q2(&["--format", "markdown"])
        .expect_line("| 2024-06完成投资 | 150.00万元 |")
        .expect_line("| 2024-06报送率 | 100.0% (2/2) |");
    q2(&["--format", "csv", "--table", "projects"]).expect_line(
        "累计完成(万元),2024-06完成(万元),本期(2024-04至2024-06)完成(万元),完成率,较序时50.0%,已开工,项目状态,\
         2024-06报送,",
    );
    let html = q2(&["--format", "html"]).stdout();
    assert!(
        html.contains("<div class=\"k\">2024-06报送率</div>") && !html.contains("本月"),
        "{html}"
    );
    // A month's bulletin is as it was: all its figures are of its month.
    w.run(&["report", "--month", "2024-06"])
        .expect_row(&["本月完成投资", "150.00万元"])
        .expect_row(&["报送率", "100.0% (2/2)"])
        .expect_no_line("2024-06报送率");
}

#[test]
fn a_chinese_bulletin_names_its_period_as_chinese_bulletins_do() {
    // A quarter's bulletin was titled 重点项目推进情况通报（2024-Q2）.
    let w = period_folder();
    for (asked, name) in [
        ("2024-Q2", "2024年第二季度"),
        ("2024年4-6月", "2024年第二季度"),
        ("2024-H1", "2024年上半年"),
        ("2024-H2", "2024年下半年"),
        ("2024", "2024年度"),
    ] {
        w.run(&["report", "--period", asked])
            .expect_code(0)
            .expect_line(&format!("重点项目推进情况通报（{name}）"))
            .expect_row(&["通报期", name]);
    }
    w.run(&["report", "--period", "2024-Q2"])
        .expect_line("变化为较2024年第一季度名次。");
    let html = w
        .run(&["report", "--period", "2024-Q2", "--format", "html"])
        .stdout();
    assert!(
        html.contains("<title>重点项目推进情况通报（2024年第二季度）</title>")
            && html.contains("<p class=\"sub\">通报期 2024年第二季度 · "),
        "{html}"
    );
    // In English, and in JSON's fields, as `--period` takes it; a month's bulletin as it was.
    w.run(&["report", "--period", "2024-Q2", "--lang", "en"])
        .expect_line("Key projects bulletin (2024-Q2)")
        .expect_line("Change is against 2024-Q1.");
    let q2 = report_json(&w, &["--period", "2024-Q2"]);
    assert_eq!(
        (&q2["period"], &q2["compared_with"]),
        (&json!("2024-Q2"), &json!("2024-Q1"))
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_line("重点项目推进情况通报（2024-06）")
        .expect_line("变化为较2024-05名次。");
}

#[test]
fn a_periods_html_bulletin_has_a_card_of_what_was_invested_in_it() {
    // The table's overview had 本期完成投资; the HTML bulletin's key figures had no card of it.
    let w = period_folder();
    let card = |k: &str, v: &str, d: &str| {
        format!(
            "<div class=\"card\"><div class=\"k\">{k}</div><div class=\"v\">{v}</div>\
             <div class=\"d\">{d}</div></div>"
        )
    };
    let html = w
        .run(&["report", "--period", "2024-Q2", "--format", "html"])
        .stdout();
    assert!(
        html.contains(&card("本期完成投资", "450.00万元", "2024-04至2024-06")),
        "{html}"
    );
    let html = w
        .run(&[
            "report", "--period", "2024-H2", "--format", "html", "--lang", "en",
        ])
        .stdout();
    assert!(
        html.contains(&card(
            "invested in the period",
            "900.00 万元",
            "2024-07 to 2024-12"
        )),
        "{html}"
    );
    // A month's bulletin has its eight cards, as it had.
    let html = w
        .run(&["report", "--month", "2024-06", "--format", "html"])
        .stdout();
    assert!(!html.contains("本期"), "{html}");
}

#[test]
fn a_csv_of_the_ranking_says_what_its_period_and_rank_change_cover() {
    // `--format csv --table ranking` of a quarter headed its columns 变化 and 本期完成(万元): a
    // CSV opened later told neither the period nor what the ranks changed against, which the
    // bulletin's title and the ranking's note say. Its headers now say them, as the start
    // rate's denominator column says what it counts over.
    let w = period_folder();
    let csv = |args: &[&str]| {
        w.run(&[&["report", "--format", "csv", "--table", "ranking"], args].concat())
    };
    csv(&["--period", "2024-Q2"]).expect_code(0).expect_line(
        "排名,变化(较2024年第一季度),县区,项目数,年度计划(万元),累计完成(万元),\
         本期(2024-04至2024-06)完成(万元),完成率,",
    );
    csv(&["--period", "2024-Q2", "--lang", "en"]).expect_line(
        "rank,change (vs 2024-Q1),district,projects,annual plan (万元),year-to-date (万元),\
         in period 2024-04 to 2024-06 (万元),completion,",
    );
    // A month's, the same way: its 变化 is against the month before.
    csv(&["--month", "2024-06"])
        .expect_line("排名,变化(较2024-05),县区,项目数,年度计划(万元),累计完成(万元),完成率,");
    // With nothing to compare against there is no 变化 to say it of.
    csv(&["--period", "2024-Q1"]).expect_line(
        "排名,县区,项目数,年度计划(万元),累计完成(万元),本期(2024-01至2024-03)完成(万元),",
    );
    // The table for people keeps its headers short: the title and the note say them.
    w.run(&["report", "--period", "2024-Q2"])
        .expect_row(&["| 排名 | 变化 | 县区 |", "| 本期完成(万元) |"]);
}

#[test]
fn required_pace_spreads_the_rest_over_the_months_left() {
    let w = period_folder();
    let doc = report_json(&w, &["--month", "2024-06"]);
    // (2400 − 900) / 6 months.
    assert_eq!(doc["overview"]["required_pace"], 250.0);
    // (2400 − 750) / 7 months: a quotient, written to four places in CSV as in JSON.
    let doc = report_json(&w, &["--month", "2024-05"]);
    assert_eq!(doc["overview"]["required_pace"], 235.7143);
    w.run(&[
        "report", "--month", "2024-05", "--format", "csv", "--table", "overview",
    ])
    .expect_code(0)
    .expect_line("尚需月均完成投资,235.7143,,,万元");
    // December has no months left, and January's 开而不动 is not judged (no December reports):
    // no figure, its unit still said.
    for (month, line) in [
        ("2024-12", "尚需月均完成投资,,,,万元"),
        ("2024-01", "开而不动,,,,个"),
    ] {
        let args = [
            "report", "--month", month, "--format", "csv", "--table", "overview",
        ];
        w.run(&args).expect_code(0).expect_line(line);
    }
}

#[test]
fn year_on_year_growth_where_last_years_reports_are_there() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("A", "甲", "续建", "5000", "2023-01"),
            p("B", "乙", "续建", "5000", "2023-01"),
        ]),
    )
    .write("xmtool.toml", "year = 2024\n")
    .write(
        "reports/2023-06.csv",
        reports(&[
            ("A", "2023-06", "400", "在建", ""),
            ("B", "2023-06", "100", "在建", ""),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("A", "2024-06", "500", "在建", ""),
            ("B", "2024-06", "50", "在建", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["previous_year_ytd"], 500.0);
    assert_eq!(doc["overview"]["yoy_growth"], 0.1);
    assert_eq!(group(&doc, "甲")["yoy_growth"], 0.25);
    assert_eq!(group(&doc, "乙")["yoy_growth"], -0.5);
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_row(&["| 同比增长 ", " 10.0% |"]);

    // B's row last June left blank (a template never filled in): no figure to compare with,
    // not a figure of zero.
    w.write(
        "reports/2023-06.csv",
        reports(&[
            ("A", "2023-06", "400", "在建", ""),
            ("B", "2023-06", "", "", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        project(&doc, "B")["previous_year_ytd"],
        serde_json::Value::Null
    );
    assert_eq!(doc["overview"]["previous_year_ytd"], 400.0);
    assert_eq!(doc["overview"]["yoy_growth"], 0.25);
    assert_eq!(group(&doc, "乙")["yoy_growth"], serde_json::Value::Null);
    // The structure table has the columns too, as the ranking does: the rate with its two
    // sides (the year-to-date of the projects compared, theirs a year earlier), as the brief
    // asks of every rate.
    w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "--table", "structure",
    ])
    .expect_code(0)
    .expect_line("维度,分组,项目数,年度计划(万元),累计完成(万元),完成率,开工率,开工率(分子),开工率(分母：全部项目),可比累计(万元),上年同期(万元),同比")
    .expect_line("项目类别,工业,2,10000,550,5.50%,100.00%,2,2,500,400,25.00%");
    w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "--table", "ranking",
    ])
    .expect_code(0)
    .expect_line(",可比累计(万元),上年同期(万元),同比,得分");

    // Last year's reports run only to May: May's year-to-date was compared as June's (+100%),
    // with nothing said. No 同比 without the month a year before, and a warning says why.
    std::fs::remove_file(w.file("reports/2023-06.csv")).unwrap();
    w.write(
        "reports/2023-05.csv",
        reports(&[
            ("A", "2023-05", "300", "在建", ""),
            ("B", "2023-05", "100", "在建", ""),
        ]),
    );
    let run = w.run(&["report", "--month", "2024-06", "--format", "json"]);
    run.expect_code(0).expect_stderr(
        "xmtool: warning: no reports for 2023-06, a year before 2024-06, so no 同比 \
         (year-on-year) figures (the folder has last year's reports for 2023-05; add 2023-06's \
         to compare)",
    );
    let doc = run.json();
    assert_eq!(doc["overview"]["yoy_growth"], serde_json::Value::Null);
    assert_eq!(
        project(&doc, "A")["previous_year_ytd"],
        serde_json::Value::Null
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_no_line("同比增长");
    // show has no 同比 to speak of.
    let show = w.run(&["show", "A", "--month", "2024-06"]);
    show.expect_code(0);
    assert!(!show.stderr().contains("同比"), "{}", show.stderr());
    // May's 同比 compares with May: no warning.
    w.write(
        "reports/2024-05.csv",
        reports(&[
            ("A", "2024-05", "450", "在建", ""),
            ("B", "2024-05", "50", "在建", ""),
        ]),
    );
    let run = w.run(&["report", "--month", "2024-05", "--format", "json"]);
    assert_eq!(run.json()["overview"]["yoy_growth"], 0.25);
    assert!(!run.stderr().contains("同比"), "{}", run.stderr());
}

/// Last year's January and February reported together, `2024年1-2月.csv`, read as February's:
/// January's bulletin had no 同比, advised to "add 2024-01's to compare", which no file can
/// give. It names the file of the two months, and the month its 同比 is for; that month's
/// bulletin has it (advised to be asked for once that month has reports: before, its bulletin
/// would carry every figure forward, its 同比 meaningless).
#[test]
fn no_year_on_year_beside_last_years_two_months_file_names_the_month_to_compare() {
    let w = Workdir::new();
    let header = "项目编号,累计完成投资（万元）,项目状态\n";
    w.write("xmtool.toml", "year = 2025\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）\n\
             A1,金川路网,金川区,续建,10000,4000\nB1,河西园区,河西区,续建,8000,3000\n",
        )
        .write(
            "reports/2024年1-2月.csv",
            format!("{header}A1,300,在建\nB1,100,在建\n"),
        )
        .write(
            "reports/2025-01.csv",
            format!("{header}A1,200,在建\nB1,50,在建\n"),
        );
    w.run(&["report", "--month", "2025-01"])
        .expect_code(0)
        .expect_stderr(
            "xmtool: warning: no reports for 2024-01, a year before 2025-01, so no 同比 \
             (year-on-year) figures (the folder has last year's reports for 2024-02; \
             reports/2024年1-2月.csv gives 2024-01's and 2024-02's figures together, read as \
             2024-02's, none of 2024-01 alone: 2025-02's bulletin compares with it, once its \
             reports are in)",
        );
    w.write(
        "reports/2025-02.csv",
        format!("{header}A1,350,在建\nB1,150,在建\n"),
    );
    w.run(&["report", "--month", "2025-01"])
        .expect_code(0)
        .expect_stderr("none of 2024-01 alone: compare 2025-02 with it, --month 2025-02)");
    let run = w.run(&["report", "--month", "2025-02", "--format", "json"]);
    assert!(!run.stderr().contains("同比"), "{}", run.stderr());
    assert_eq!(run.json()["overview"]["yoy_growth"], 0.25);
}

#[test]
fn a_group_with_zero_plan_shows_na() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("A", "甲", "续建", "100", "2023-01"),
            p("Z", "乙", "续建", "0", "2023-01"),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("A", "2024-06", "50", "在建", ""),
            ("Z", "2024-06", "0", "在建", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(group(&doc, "乙")["completion_rate"], Value::Null);
    assert_eq!(group(&doc, "乙")["vs_time_target"], Value::Null);
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_line("| 乙   |      1 |           0.00 |           0.00 |    n/a |");
}

#[test]
fn rank_change_since_last_month() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[
            p("A", "甲", "续建", "100", "2023-01"),
            p("B", "乙", "续建", "100", "2023-01"),
        ]),
    )
    .write(
        "reports/2024-05.csv",
        reports(&[
            ("A", "2024-05", "50", "在建", ""),
            ("B", "2024-05", "10", "在建", ""),
        ]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[
            ("A", "2024-06", "50", "在建", ""),
            ("B", "2024-06", "70", "在建", ""),
        ]),
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["compared_with"], "2024-05");
    assert_eq!(group(&doc, "乙")["rank"], 1);
    assert_eq!(group(&doc, "乙")["rank_change"], 1);
    assert_eq!(group(&doc, "甲")["rank_change"], -1);
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_line("|    1 |   ↑1 | 乙")
        .expect_line("|    2 |   ↓1 | 甲");
    let may = report_json(&w, &["--month", "2024-05"]);
    assert_eq!(may["compared_with"], Value::Null, "no April data");
}

#[test]
fn grouping_by_category() {
    let w = start_rate_folder();
    let doc = report_json(&w, &["--month", "2024-06", "--by", "category"]);
    assert_eq!(doc["group_by"], "category");
    assert_eq!(doc["ranking"][0]["group"], "工业");
}

#[test]
fn placeholders_for_no_value_in_a_grouping_column_are_no_group() {
    // `N/A`, `NULL`, `（空）` and `(空)` in 包抓领导 or 责任单位 (a database's export, a clerk's
    // mark for a blank) were groups of their own, ranked beside the leaders; a `0`, what a
    // formula copying a blank cell shows, was a department `0`. Each is no group now, as `未填`
    // is; the `0` with a warning at its cell. (`待定`, to be decided, is a group the clerk may
    // want to see, and stays one.)
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导,责任单位,项目级别\n\
         A1,路网,甲区,续建,20000,4000,张三,交通局,N/A\n\
         A2,学校,甲区,续建,20000,4000,N/A,NULL,市级\n\
         A3,医院,乙区,续建,20000,4000,NULL,（空）,null\n\
         A4,桥,乙区,续建,20000,4000,（空）,(空),（空）\n\
         A5,站,乙区,续建,20000,4000,(空),0,市级\n\
         A6,馆,乙区,续建,20000,4000,待定,交通局,市级\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,1000\nA2,1000\nA3,1000\nA4,1000\nA5,1000\nA6,1000\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "projects.csv:6:8: warning: 责任单位 is \"0\", which names no group (a formula \
             copying a blank cell shows 0); read as empty (expected a name, or the cell left \
             empty)",
        )
        .expect_no_line("written another way");
    let ranked = |by: &str| {
        let doc = report_json(&w, &["--month", "2024-06", "--by", by]);
        let groups: Vec<String> = (doc["ranking"].as_array().unwrap().iter())
            .map(|g| g["group"].as_str().unwrap().to_string())
            .collect();
        (groups, doc["unranked_projects"].clone())
    };
    assert_eq!(
        ranked("leader"),
        (vec!["待定".into(), "张三".into()], json!(4))
    );
    assert_eq!(ranked("department"), (vec!["交通局".into()], json!(4)));
    assert_eq!(ranked("level"), (vec!["市级".into()], json!(3)));
    // A required 所属县区 so written is an error, as an empty one is.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,20000,4000\nA2,学校,N/A,续建,20000,4000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,1000\nA2,1000\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(1)
        .expect_line(
            "projects.csv:3:3: error: 所属县区 is \"N/A\", which says nothing (expected the \
             district (县区) it belongs to)",
        );
}

#[test]
fn same_as_above_in_a_grouping_column_is_no_group() {
    // 同上 or 〃 typed for the district or department above was ranked as a group `同上` of
    // its own, without a word. It is an error at its cell naming the name above, read as
    // empty: the project counts in the totals, in no group, as one with a damaged district.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,责任单位\n\
             A1,路网,东区,续建,20000,4000,同上\n\
             A2,学校,同上,续建,20000,4000,交通局\n\
             A3,医院,西区,续建,20000,4000,〃\n\
             A4,桥,〃,续建,20000,4000,同上。\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\nA1,1000\nA2,1000\nA3,1000\nA4,1000\n",
        );
    let said = |name: &str| {
        format!(
            "says \"same as above\" (同上, 〃), which is no name: read as empty, {name} is in no \
             group by it (expected the name itself"
        )
    };
    w.run(&["check", "--month", "2024-06"])
        .expect_code(1)
        .expect_line(&format!(
            "projects.csv:3:3: error: 所属县区 {}: \"东区\", as above)",
            said("A2")
        ))
        .expect_line(&format!(
            "projects.csv:5:3: error: 所属县区 {}: \"西区\", as above)",
            said("A4")
        ))
        .expect_line(&format!(
            "projects.csv:2:7: error: 责任单位 {} (no row above gives one))",
            said("A1")
        ))
        .expect_line(&format!(
            "projects.csv:4:7: error: 责任单位 {}: \"交通局\", as above)",
            said("A3")
        ))
        .expect_line(&format!(
            "projects.csv:5:7: error: 责任单位 {}: \"交通局\", as above)",
            said("A4")
        ));
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    let groups: Vec<&str> = (doc["ranking"].as_array().unwrap().iter())
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["东区", "西区"]);
    assert_eq!(doc["unranked_projects"], json!(2));
    assert_eq!(doc["overview"]["projects"], json!(4));
}

/// 66 projects, plan 39.1亿, 14.9亿 done at the end of June, in four groups of which three are
/// published: 7.9/13.34亿, 6.7/19.53亿, 0.25/5.81亿; the fourth holds the rest (0.05/0.42亿).
#[test]
fn published_completion_rates_are_reproduced() {
    let w = Workdir::new();
    let groups: [(&str, usize, u64, u64); 4] = [
        // (group, projects, plan 万元, done 万元)
        ("甲", 20, 133_400, 79_000),
        ("乙", 25, 195_300, 67_000),
        ("丙", 15, 58_100, 2_500),
        ("丁", 6, 4_200, 500),
    ];
    let mut reg = String::from("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n");
    let mut rep = String::from("项目编号,累计完成投资\n");
    let mut n = 0;
    for (g, count, plan, done) in groups {
        // Uneven shares, so a mean of rates would differ from the ratio of sums.
        let weights: Vec<u64> = (1..=count as u64).collect();
        let total: u64 = weights.iter().sum();
        let (mut plan_left, mut done_left) = (plan, done);
        for (i, wgt) in weights.iter().enumerate() {
            n += 1;
            let last = i + 1 == count;
            let pl = if last { plan_left } else { plan * wgt / total };
            let dn = if last {
                done_left
            } else {
                done * (count as u64 - i as u64) / total / 2
            };
            plan_left -= pl;
            done_left -= dn;
            reg.push_str(&format!("P{n:03},项目{n},{g},续建,{},{pl}\n", pl * 3));
            rep.push_str(&format!("P{n:03},{dn}\n"));
        }
    }
    w.write("projects.csv", reg)
        .write("reports/2024-06.csv", rep);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["projects"], 66);
    assert_eq!(doc["overview"]["annual_plan"], 391_000.0);
    assert_eq!(doc["overview"]["ytd_investment"], 149_000.0);
    assert_eq!(doc["overview"]["completion_rate"], 0.3811);
    let run = w.run(&["report", "--month", "2024-06"]);
    run.expect_code(0)
        .expect_row(&["| 投资完成率 ", " 38.1% |"]);
    for (g, rate, vs_target) in [
        ("甲", "59.2%", "+9.2"),
        ("乙", "34.3%", "-15.7"),
        ("丙", "4.3%", "-45.7"),
    ] {
        run.expect_row(&[
            &format!("| {g} "),
            &format!(" {rate} |"),
            &format!(" {vs_target} |"),
        ]);
    }
}

/// 56 projects with 37 started give 66.1%; by category 10/13 = 76.9%, 14/23 = 60.9%,
/// 4/7 = 57.1%, 2/4 = 50.0%, 7/9 = 77.8%.
#[test]
fn published_start_rates_are_reproduced() {
    let w = Workdir::new();
    let cats = [
        ("工业", 13, 10),
        ("基础设施", 23, 14),
        ("社会民生", 7, 4),
        ("文化旅游", 4, 2),
        ("农业", 9, 7),
    ];
    let mut reg = String::from(
        "项目编号,项目名称,所属县区,项目类别,建设性质,总投资,年度计划投资,计划开工时间\n",
    );
    let mut rep = String::from("项目编号,累计完成投资,项目状态\n");
    let mut n = 0;
    for (cat, count, started) in cats {
        for i in 0..count {
            n += 1;
            let status = if i < started { "在建" } else { "前期" };
            let ytd = if i < started { 10 } else { 0 };
            reg.push_str(&format!("S{n:02},项目{n},甲,{cat},新建,1000,100,2024-03\n"));
            rep.push_str(&format!("S{n:02},{ytd},{status}\n"));
        }
    }
    w.write("projects.csv", reg)
        .write("reports/2024-06.csv", rep);
    let run = w.run(&["report", "--month", "2024-06", "--by", "category"]);
    run.expect_code(0)
        .expect_row(&["| 开工率 ", " 66.1% (37/56) |"])
        .expect_row(&["| 新开工项目开工率 ", " 66.1% (37/56) |"]);
    for (cat, shown) in [
        ("工业", "76.9% (10/13)"),
        ("基础设施", "60.9% (14/23)"),
        ("社会民生", "57.1% (4/7)"),
        ("文化旅游", "50.0% (2/4)"),
        ("农业", "77.8% (7/9)"),
    ] {
        let line = run
            .stdout()
            .lines()
            .find(|l| l.contains(&format!("| {cat} ")) && l.contains('%'))
            .unwrap_or_else(|| panic!("no ranking line for {cat}"))
            .to_string();
        assert!(line.contains(shown), "{cat}: {line}");
    }
}

#[test]
fn default_month_is_the_latest_and_said() {
    let w = start_rate_folder();
    let run = w.run(&["report"]);
    run.expect_code(0)
        .expect_stderr("no --month given; using 2024-06, the latest month with reports")
        .expect_line("重点项目推进情况通报（2024-06）");
}

#[test]
fn data_errors_stop_the_bulletin_unless_allowed() {
    let w = start_rate_folder();
    w.write(
        "reports/2024-05.csv",
        reports(&[("ZZ", "2024-05", "1", "在建", "")]),
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_code(1)
        .expect_stderr("the data has 1 error (the first: reports/2024-05.csv:2:1: error: 项目编号 ZZ is not in the registry");
    w.run(&["report", "--month", "2024-06", "--allow-errors"])
        .expect_code(0)
        .expect_line("总体情况");
    // What is kept records that the data had errors: the JSON counts them, the page says so.
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(doc["data_findings"]["errors"], 1);
    let page = w.run(&[
        "report",
        "--month",
        "2024-06",
        "--allow-errors",
        "--format",
        "html",
    ]);
    page.expect_code(0).expect_line(
        "1 个错误，0 个警告，0 个提示（数据有错误时生成，据此算出的数字可能有误；xmtool check 列出全部）",
    );
    let w = start_rate_folder();
    let clean = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(clean["data_findings"]["errors"], 0);
}

#[test]
fn a_month_in_a_year_the_registry_has_no_projects_for_is_refused() {
    // The plan year is in the registry, not in xmtool.toml: 2025 has no projects, so a 2025
    // bulletin would be one of nothing.
    let w = common::clean_folder();
    w.write("xmtool.toml", "");
    w.write(
        "projects.csv",
        format!(
            "{},计划年度\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03,2024\n\
             A2,金川学校,金川区,新建,5000,2000,2024-03,2024\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,2024\n",
            common::REGISTRY_HEADER
        ),
    );
    for args in [
        &["report", "--month", "2025-03"][..],
        &["trend", "--to", "2025-03"],
        &["show", "A1", "--month", "2025-03"],
    ] {
        w.run(args).expect_code(2).expect_stderr(
            "the registry has no projects for 2025, the year of 2025-03 (it has projects for 2024)",
        );
    }
    w.run(&["report", "--month", "2024-02"]).expect_code(0);
}

#[test]
fn a_registry_of_no_projects_gives_no_bulletin() {
    // Of its header alone, as `init` makes it before the clerk fills it in: report and export
    // gave a bulletin of zeros, exit 0, where a month of a year of no projects is refused.
    let w = Workdir::new();
    let init = std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(["init", "--year", "2025"])
        .arg(w.path())
        .output()
        .unwrap();
    assert!(init.status.success());
    let refused = "the registry has no projects for 2025, the year of 2025-03 (projects.csv lists \
                   no project yet: fill in the year's projects)";
    for args in [
        &["report", "--month", "2025-03"][..],
        &["export", "--month", "2025-03", "--out", "out"],
        &["check", "--month", "2025-03"],
    ] {
        w.run(args).expect_code(2).expect_stderr(refused);
    }
    assert!(!w.file("out").exists());
    // `check` asked for no month passes it, as README says of `init`'s folder.
    w.run(&["check"]).expect_code(0);
    // Without a year in xmtool.toml too.
    let w = Workdir::new();
    w.write("projects.csv", format!("{}\n", common::REGISTRY_HEADER));
    w.run(&["report", "--month", "2024-06"])
        .expect_code(2)
        .expect_stderr("the registry has no projects for 2024");
}

#[test]
fn english_labels() {
    let w = start_rate_folder();
    w.run(&["report", "--month", "2024-06", "--lang", "en"])
        .expect_code(0)
        .expect_line("Key projects bulletin (2024-06)")
        .expect_row(&["| start rate ", "60.0% (3/5)"])
        .expect_line("planned to start 2024-05, not started 1 month later");
}

#[test]
fn csv_of_one_table_and_markdown() {
    let w = start_rate_folder();
    let run = w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "--table", "overview",
    ]);
    run.expect_code(0)
        .expect_line("指标,数值,数值(分子),数值(分母),单位")
        .expect_line("开工率(分母：全部项目),60.00%,3,5,%")
        .expect_line("年度计划投资,500,,,万元");
    w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "--table", "nonsense",
    ])
    .expect_code(2)
    .expect_stderr("--table nonsense is not a table");
    // Every other format holds every table: a --table there is a mistake, not ignored.
    w.run(&[
        "report", "--month", "2024-06", "--format", "json", "--table", "projects",
    ])
    .expect_code(2)
    .expect_stderr("--table picks the table for --format csv, but the format is json");
    let out = w.file("ranking.md");
    let out_arg = out.to_string_lossy();
    w.run(&[
        "report", "--month", "2024-06", "--table", "ranking", "-o", &out_arg,
    ])
    .expect_code(2)
    .expect_stderr("the format is markdown");
    assert!(!out.exists());
    w.run(&["report", "--month", "2024-06", "--format", "markdown"])
        .expect_code(0)
        .expect_line("# 重点项目推进情况通报（2024-06）")
        .expect_line("| 开工率 | 60.0% (3/5) |");
}

#[test]
fn output_file_is_written_once_and_the_format_follows_the_extension() {
    let w = start_rate_folder();
    let target = w.file("bulletin.json");
    let target = target.to_str().unwrap();
    w.run(&["report", "--month", "2024-06", "-o", target])
        .expect_code(0);
    let doc: Value = serde_json::from_slice(&w.read("bulletin.json")).unwrap();
    assert_eq!(doc["month"], "2024-06");
    w.run(&["report", "--month", "2024-05", "-o", target])
        .expect_code(2)
        .expect_stderr("already exists (pass --force to overwrite it)");
    let again: Value = serde_json::from_slice(&w.read("bulletin.json")).unwrap();
    assert_eq!(again["month"], "2024-06", "left alone");
    w.run(&["report", "--month", "2024-05", "-o", target, "--force"])
        .expect_code(0);
    let forced: Value = serde_json::from_slice(&w.read("bulletin.json")).unwrap();
    assert_eq!(forced["month"], "2024-05");
    let leftovers: Vec<_> = std::fs::read_dir(w.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "temporary files left behind");
}

/// `xmtool report --month 2024-06 -o TARGET`.
fn june_to(w: &Workdir, target: &std::path::Path) -> common::Run {
    w.run(&[
        "report",
        "--month",
        "2024-06",
        "-o",
        target.to_str().unwrap(),
    ])
}

#[test]
fn output_into_folders_not_yet_made_makes_them() {
    let w = start_rate_folder();
    june_to(&w, &w.file("通报/2024/2024-06.md")).expect_code(0);
    assert!(
        w.read("通报/2024/2024-06.md")
            .starts_with("# 重点项目推进情况通报".as_bytes())
    );
    // A file where a folder should be: named, and no folder is left half-made.
    w.write("块", "");
    june_to(&w, &w.file("块/下/2024-06.md"))
        .expect_code(2)
        .expect_stderr("cannot make the folder");
    std::fs::create_dir(w.file("新")).unwrap();
    w.write("新/块", "");
    june_to(&w, &w.file("新/块/下.md")).expect_code(2);
    assert!(w.file("新").is_dir(), "a folder that was there stays");
}

#[test]
fn an_output_named_as_a_folder_is_said_to_be_one() {
    // `-o nd/`, nd not there: "cannot write nd/: Not a directory (os error 20)".
    let w = start_rate_folder();
    for out in ["nd/", "新/nd/"] {
        w.run(&[
            "report", "--month", "2024-06", "-o", out, "--format", "json",
        ])
        .expect_code(2)
        .expect_stderr(&format!(
            "{out} ends in /, a folder's name (expected a file name)"
        ));
    }
    assert!(!w.file("nd").exists() && !w.file("新").exists());
    // With no --format, so too: "cannot tell the format of nd/ (… or give --format)" came first,
    // and given one, this.
    w.run(&["report", "--month", "2024-06", "-o", "nd/"])
        .expect_code(2)
        .expect_stderr("nd/ ends in /, a folder's name (expected a file name)");
    std::fs::create_dir(w.file("adir")).unwrap();
    w.run(&[
        "report", "--month", "2024-06", "-o", "adir/", "--format", "json",
    ])
    .expect_code(2)
    .expect_stderr("adir/ is a folder (expected a file name)");
}

/// `-o x/../nd/`, x not there, wrote a file `nd`: its `..` were taken out, and its last `/`
/// with them, before the name was weighed.
#[test]
fn an_output_named_as_a_folder_through_dot_dot_is_said_to_be_one() {
    let w = start_rate_folder();
    for out in ["x/../nd/", "新/../nd/"] {
        w.run(&[
            "report", "--month", "2024-06", "-o", out, "--format", "json",
        ])
        .expect_code(2)
        .expect_stderr(&format!(
            "{out} ends in /, a folder's name (expected a file name)"
        ));
    }
    assert!(!w.file("nd").exists() && !w.file("x").exists() && !w.file("新").exists());
    w.run(&["export", "--month", "2024-06", "--out", "x/../out/"])
        .expect_code(0);
    assert!(w.file("out/overview.csv").is_file());
}

#[test]
fn output_into_the_inputs_is_refused() {
    let w = start_rate_folder();
    june_to(&w, &w.file("reports/bulletin.csv"))
        .expect_code(2)
        .expect_stderr("is inside the input folder reports/");
    let registry = w.file("projects.csv");
    let before = w.read("projects.csv");
    w.run(&[
        "report",
        "--month",
        "2024-06",
        "-o",
        registry.to_str().unwrap(),
        "--force",
    ])
    .expect_code(2)
    .expect_stderr("is an input file");
    assert_eq!(w.read("projects.csv"), before);
    // Nor by a way round through a folder that is not there yet, which is not made either.
    let round = format!("{}/没有/../projects.csv", w.path().display());
    w.run(&["report", "--month", "2024-06", "-o", &round, "--force"])
        .expect_code(2)
        .expect_stderr("is an input file");
    june_to(&w, &w.path().join("没有/./../reports/2024-06/x.csv"))
        .expect_code(2)
        .expect_stderr("is inside the input folder reports/");
    assert_eq!(w.read("projects.csv"), before);
    assert!(!w.file("没有").exists());
}

#[test]
fn markdown_shows_the_datas_text_as_written() {
    // A name and a problem category holding a bar, a backslash and HTML: in cells and in the
    // note under the problems table that counts the categories, each shows as the text it is.
    let w = start_rate_folder();
    let markdown_of = |problem: &str, category: &str| {
        w.write(
            "reports/2024-06.csv",
            format!(
                "项目编号,报告月份,累计完成投资（万元）,存在问题,问题类别\n\
                 C,2024-06,50,{problem},{category}\n"
            ),
        );
        let args = [
            "--month",
            "2024-06",
            "--format",
            "markdown",
            "--allow-errors",
        ];
        w.run(&[&["report"][..], &args].concat())
    };
    markdown_of("资金|土地", "<img src=x>")
        .expect_line("| \\<img src=x> | C |")
        .expect_line("资金\\|土地 |")
        .expect_line("\\<img src=x> 1");
    // A category starting as a heading does, at the start of that note: no heading.
    let run = markdown_of("用地未批", "# 土地");
    run.expect_line("\\# 土地 1");
    assert!(!run.stdout().lines().any(|l| l.starts_with("# 土地")));
}

#[test]
fn json_amounts_are_the_nearest_double_past_fifteen_digits() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[p("A", "甲", "续建", "1000000", "2023-01")]),
    )
    .write(
        "reports/2024-06.csv",
        reports(&[("A", "2024-06", "927220.9463684743", "在建", "")]),
    );
    // Scaled in floating point, the amount came out as …742, a step off the nearest double.
    let json = w
        .run(&["report", "--month", "2024-06", "--format", "json"])
        .expect_code(0)
        .stdout();
    assert!(
        json.contains("\"ytd_investment\": 927220.9463684743"),
        "{json}"
    );
    let show = w
        .run(&["show", "A", "--month", "2024-06", "--format", "json"])
        .expect_code(0)
        .stdout();
    assert!(show.contains("927220.9463684743"), "{show}");
}

#[test]
fn a_reported_month_figure_is_the_months_investment_even_after_unreported_months() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry(&[p("A", "甲", "续建", "500", "2023-01")]),
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,报告月份,本月完成投资,累计完成投资\nA,2024-06,20,100\n",
    );
    // The first report of the year: 80 was invested in months that went unreported.
    let doc = report_json(&w, &["--month", "2024-06"]);
    let a = project(&doc, "A");
    assert_eq!(a["month_investment"], 20.0);
    assert_eq!(a["period_investment"], 20.0);
    assert_eq!(a["ytd_investment"], 100.0);
    assert_eq!(doc["overview"]["month_investment"], 20.0);
    // Over the quarter too: the report tells 80 invested before June, in months no report
    // places within the quarter (it was 100, the whole year-to-date, as if 0 at March's end).
    let doc = report_json(&w, &["--period", "2024-Q2"]);
    assert_eq!(project(&doc, "A")["period_investment"], 20.0);
}

#[test]
fn a_period_whose_first_report_gives_both_figures_counts_what_was_invested_before_it_out() {
    // A2, listed from July, first reports 本月 100 beside 累计 400: 300 was invested before July,
    // yet Q3's 本期完成投资 was 600, its whole year-to-date. So for B2, its id new in July (its
    // first half's 900 reported under the id it had before), and for C, listed all year, whose
    // March went unreported (its figure carried forward from February's).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间,调出时间\n\
         A1,甲,甲区,续建,5000,1200,,\nA2,乙,甲区,续建,4000,1000,2024-07,\n\
         B1,丙,乙区,续建,9000,2400,,2024-07\nB2,丙,乙区,续建,9000,2400,2024-07,\n\
         C,丁,乙区,续建,5000,1200,,\n",
    );
    for m in 1..=9 {
        let mut rows = format!("项目编号,本月完成投资,累计完成投资\nA1,100,{}\n", 100 * m);
        match m {
            ..=6 => rows.push_str(&format!("B1,150,{}\n", 150 * m)),
            _ => rows.push_str(&format!(
                "A2,100,{}\nB2,100,{}\n",
                100 * m - 300,
                100 * m + 300
            )),
        }
        match m {
            ..=2 => rows.push_str(&format!("C,100,{}\n", 100 * m)),
            3 | 8 => {}
            _ => rows.push_str(&format!("C,50,{}\n", 150 + 50 * m)),
        }
        w.write(&format!("reports/2024-{m:02}.csv"), rows);
    }
    let q3 = report_json(&w, &["--period", "2024-Q3"]);
    assert_eq!(project(&q3, "A1")["period_investment"], 300.0);
    assert_eq!(project(&q3, "A2")["ytd_investment"], 600.0);
    assert_eq!(project(&q3, "A2")["period_investment"], 300.0);
    assert_eq!(project(&q3, "B2")["period_investment"], 300.0);
    assert_eq!(q3["overview"]["period_investment"], 1050.0);
    assert_eq!(group(&q3, "甲区")["period_investment"], 600.0);
    // The half-year likewise, and a month's 本月 was the reported one already.
    let h2 = report_json(&w, &["--period", "2024-H2"]);
    assert_eq!(project(&h2, "A2")["period_investment"], 300.0);
    let july = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(project(&july, "A2")["month_investment"], 100.0);
    // C's 累计 350 with 本月 50 in April tells 300 at March's end, not February's 200 carried
    // forward: Q2 is 150, not 250.
    let q2 = report_json(&w, &["--period", "2024-Q2"]);
    assert_eq!(project(&q2, "C")["period_investment"], 150.0);
    // Where the month before the period is reported, a month skipped within it counts in as
    // the rise in 累计 tells it: C's August, in Q3's 150 from June's 450.
    assert_eq!(project(&q3, "C")["period_investment"], 150.0);
    assert!(
        !w.run(&["report", "--period", "2024-Q3"])
            .stderr()
            .contains("累计完成投资 alone")
    );
}

#[test]
fn a_first_report_of_ytd_alone_within_a_period_is_warned_of() {
    // A2, listed from July, first reports 累计 400 alone: July's 本月 and Q3's 本期 took in all
    // of it, without a word, as the folder has June's reports (of the others).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
         A1,甲,甲区,续建,5000,1200,\nA2,乙,甲区,续建,4000,1000,2024-07\n\
         A3,丙,甲区,续建,4000,1000,2024-07\nA4,丁,甲区,续建,4000,1000,2024-07\n",
    );
    for m in 1..=9 {
        let mut rows = format!("项目编号,本月完成投资,累计完成投资\nA1,100,{}\n", 100 * m);
        match m {
            7 => rows.push_str("A2,,400\nA4,,0\n"),
            8 => rows.push_str("A2,100,500\nA3,,200\nA4,0,0\n"),
            9 => rows.push_str("A2,100,600\nA3,50,250\nA4,0,0\n"),
            _ => {}
        }
        w.write(&format!("reports/2024-{m:02}.csv"), rows);
    }
    // The whole 累计 is counted, as nothing tells what of it was invested before, and said so.
    let july = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(project(&july, "A2")["month_investment"], 400.0);
    w.run(&["report", "--month", "2024-07"])
        .expect_code(0)
        .expect_stderr(
            "warning: the 本月完成投资 of 2024-07 of A2 counts everything since its last report \
             before (or since 1 January): no report for 2024-06 tells its 累计完成投资, and its \
             report for 2024-07 gives 累计完成投资 alone (give 本月完成投资 beside it for what was \
             invested within 2024-07)",
        );
    let q3 = report_json(&w, &["--period", "2024-Q3"]);
    assert_eq!(project(&q3, "A2")["period_investment"], 600.0);
    assert_eq!(project(&q3, "A3")["period_investment"], 250.0);
    // A4's 累计 0 takes nothing in.
    w.run(&["report", "--period", "2024-Q3"])
        .expect_code(0)
        .expect_stderr(
            "warning: the 本期完成投资 of 2024-Q3 of A2, A3 counts everything since their last \
             report before (or since 1 January): no report for 2024-06 tells their 累计完成投资, \
             and their first reports within 2024-Q3 give 累计完成投资 alone",
        );
    // In August, A3's alone: A2's 本月 is told by July's 累计. September's all are, and a period
    // from January starts from 0.
    let run = w.run(&["report", "--month", "2024-08"]);
    run.expect_code(0)
        .expect_stderr("the 本月完成投资 of 2024-08 of A3 counts everything");
    assert!(!run.stderr().contains("A2"), "{}", run.stderr());
    for args in [["--month", "2024-09"], ["--period", "2024"]] {
        let run = w.run(&[&["report"][..], &args[..]].concat());
        assert!(!run.stderr().contains("counts everything"), "{args:?}");
    }
}

#[test]
fn a_halted_project_has_started_and_a_postponed_one_not() {
    // 停工 after money was spent was counted as not started: 逾期3个月未开工, a red light.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            registry(&[
                p("A", "东区", "新建", "600", "2024-03"),
                p("B", "东区", "新建", "600", "2024-03"),
                p("C", "东区", "新建", "600", "2024-03"),
                p("D", "东区", "迁建", "600", "2024-03"),
            ]),
        )
        .write(
            "reports/2024-06.csv",
            reports(&[
                ("A", "2024-06", "300", "停工", ""),
                ("B", "2024-06", "0", "缓建", ""),
                ("C", "2024-06", "300", "", "已开工"),
                ("D", "2024-06", "0", "停建", ""),
            ]),
        );
    let run = w.run(&["check"]);
    // (已开工 in 实际开工时间 says the project started, not when: a note, and no warning that
    // nothing says it started.)
    run.expect_code(0)
        .expect_line(
            "reports/2024-06.csv:4:5: note: 实际开工时间 \"已开工\" says the project started, not \
             when: read as started, its month not known (give the month it started, e.g. 2024-03)",
        )
        .expect_no_line("says it has started");
    let doc = report_json(&w, &["--month", "2024-06"]);
    let kinds = |id| {
        let p = project(&doc, id);
        (
            p["started"].clone(),
            p["status"].clone(),
            p["status_kind"].clone(),
            p["light"].clone(),
        )
    };
    assert_eq!(
        kinds("A"),
        (json!(true), json!("停工"), json!("halted"), json!("green"))
    );
    assert_eq!(
        kinds("B"),
        (
            json!(false),
            json!("缓建"),
            json!("suspended"),
            json!("red")
        )
    );
    assert_eq!(
        kinds("C"),
        (json!(true), json!(null), json!("building"), json!("green"))
    );
    // (A new start by its 建设性质 of 迁建.)
    assert_eq!(
        kinds("D"),
        (json!(true), json!("停建"), json!("halted"), json!("red"))
    );
    assert_eq!(project(&doc, "D")["nature"], "new");
    assert_eq!(doc["overview"]["overdue"], 1);
    // Beside a status saying it has not started, the status stands, with a warning (the note
    // said "read as started" of a project counted as not started). Another status word in the
    // column (竣工) is no start, as before: an error.
    w.write(
        "reports/2024-06.csv",
        reports(&[
            ("C", "2024-06", "300", "前期", "已开工"),
            ("A", "2024-06", "300", "", "竣工"),
        ]),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:2:5: warning: 实际开工时间 \"已开工\" says the project started, but \
             项目状态 \"前期\" does not: read by the status, as not started",
        )
        .expect_line("reports/2024-06.csv:3:5: error: 实际开工时间 \"竣工\"");
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "C")["started"], false);
}

#[test]
fn json_gives_each_status_as_written_and_its_kind() {
    // (id, 项目状态 as written, its kind)
    let cases = [
        ("A", "在 建", Some("building")),
        ("B", "施工中", Some("building")),
        ("C", "暂未开工", Some("not_started")),
        ("D", "停工", Some("halted")),
        ("H", "缓建", Some("suspended")),
        ("I", "试运营", Some("operating")),
        ("J", "已开工建设", Some("building")),
        ("E", "试运行", Some("operating")),
        ("F", "正常推进", None),
        ("G", "", None),
    ];
    let projects: Vec<P> = (cases.iter())
        .map(|(id, ..)| p(id, "东区", "续建", "100", "2023-01"))
        .collect();
    let rows: Vec<_> = (cases.iter())
        .map(|&(id, status, _)| (id, "2024-06", "10", status, ""))
        .collect();
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", registry(&projects))
        .write("reports/2024-06.csv", reports(&rows));
    let doc = report_json(&w, &["--month", "2024-06"]);
    for (id, status, kind) in cases {
        let p = project(&doc, id);
        let written = (!status.is_empty()).then_some(status);
        assert_eq!(
            (p["status"].clone(), p["status_kind"].clone()),
            (Value::from(written), Value::from(kind)),
            "{id}"
        );
    }
}

#[test]
fn the_required_pace_is_one_figure_in_every_output() {
    // 1000.1249 ÷ 9 = 111.12498…, worked out to four places, 111.1250: shown 111.13 everywhere.
    // The HTML bulletin's card showed 111.12 (from the quotient's 28 places) beside its tables'
    // 111.13.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲项目,甲区,续建,2000,1000.1249\n",
    )
    .write("reports/2024-03.csv", "项目编号,报告月份,累计完成投资,项目状态\nA1,2024-03,0,在建\n");
    let doc = report_json(&w, &["--month", "2024-03"]);
    assert_eq!(doc["overview"]["required_pace"], 111.125);
    w.run(&["report", "--month", "2024-03"])
        .expect_code(0)
        .expect_line("111.13万元");
    w.run(&[
        "report", "--month", "2024-03", "--format", "csv", "--table", "overview",
    ])
    .expect_code(0)
    .expect_line("尚需月均完成投资,111.125,,,万元");
    let html = w.run(&["report", "--month", "2024-03", "--format", "html"]);
    let html = html.expect_code(0).stdout();
    assert!(html.contains("111.13"), "{html}");
    assert!(!html.contains("111.12"), "{html}");
}

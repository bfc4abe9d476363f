//! Regression tests, each named after a defect found in review and fixed.

mod common;

use common::{REPORT_HEADER, Workdir, clean_folder, project, report_json};
use rust_xlsxwriter::Workbook;
use serde_json::{Value, json};

#[test]
fn numeric_month_cells_in_workbooks_are_months_not_date_serials() {
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in [
        "项目编号",
        "项目名称",
        "所属县区",
        "建设性质",
        "总投资",
        "年度计划投资",
        "计划开工时间",
    ]
    .iter()
    .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "A1").unwrap();
    ws.write_string(1, 1, "学校").unwrap();
    ws.write_string(1, 2, "甲区").unwrap();
    ws.write_string(1, 3, "新建").unwrap();
    ws.write_number(1, 4, 1000).unwrap();
    ws.write_number(1, 5, 500).unwrap();
    ws.write_number(1, 6, 2024.3).unwrap(); // typed as 2024.3: March 2024
    let registry = book.save_to_buffer().unwrap();

    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["项目编号", "报告月份", "累计完成投资", "项目状态"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "A1").unwrap();
    ws.write_number(1, 1, 2024.06).unwrap();
    ws.write_number(1, 2, 0).unwrap();
    ws.write_string(1, 3, "前期").unwrap();
    let report = book.save_to_buffer().unwrap();

    let w = Workdir::new();
    w.write("projects.xlsx", registry)
        .write("reports/月报.xlsx", report);
    w.run(&["check"])
        .expect_code(0)
        .expect_line("1 project, 1 report row (2024-06) in 2 files");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["planned_start"], "2024-03");
    assert_eq!(project(&doc, "A1")["overdue_months"], 3);

    // A bare month number has no year: an error, never year 1900.
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["项目编号", "月份", "累计完成投资"].iter().enumerate() {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "A1").unwrap();
    ws.write_number(1, 1, 6).unwrap();
    ws.write_number(1, 2, 10).unwrap();
    w.write("reports/月报.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/月报.xlsx:B2: error: 月份 \"6\" gives no year, and neither the file's name nor \
         its folder's gives one",
    );
    // Where the file's folder gives the year, it is of that year, as 6月 is (so in a CSV).
    std::fs::remove_file(w.file("reports/月报.xlsx")).unwrap();
    w.write("reports/2024-06/月报.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 10.0);
    std::fs::remove_file(w.file("reports/2024-06/月报.xlsx")).unwrap();
    w.write(
        "reports/2024-06/月报.csv",
        "项目编号,月份,累计完成投资\nA1,６,10\n",
    );
    w.run(&["check"]).expect_code(0);
}

/// A1's total investment of 12.5 亿元 and plan of 3.2 亿元, read in 万元 whatever unit they
/// were written in.
fn assert_a1_in_wan(doc: &Value) {
    assert_eq!(project(doc, "A1")["total_investment"], 125000.0);
    assert_eq!(project(doc, "A1")["annual_plan"], 32000.0);
}

#[test]
fn a_unit_in_the_header_scales_the_column() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资（亿元）,年度计划投资（亿元）\n\
         A1,路网,甲区,续建,12.5,3.2\n\
         A2,学校,甲区,续建,1.5,800万\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（元）,本月完成投资（万元）\nA1,160000000,16000\nA2,4000000,400\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors, 0 warnings");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_a1_in_wan(&doc);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 16000.0);
    assert_eq!(project(&doc, "A1")["completion_rate"], 0.5);
    assert_eq!(
        project(&doc, "A2")["annual_plan"],
        800.0,
        "a cell's own unit wins"
    );
}

#[test]
fn cumulative_since_the_start_is_not_taken_for_year_to_date() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（自开工以来）,本年累计完成投资\nA1,560,60\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 60.0);
    // With both 累计完成投资 and 本年累计完成投资, the explicit 本年 is used.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,本年累计完成投资\nA1,560,60\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 60.0);
}

#[test]
fn other_units_convert_and_an_unknown_one_is_an_error_at_its_header() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资（百万元）,年度计划投资（千元）\n\
         A1,路网,甲区,续建,1250,320000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（单位：元人民币）\nA1,160000000\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors, 0 warnings");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_a1_in_wan(&doc);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 16000.0);
    // Read as 万元, figures in a unit xmtool does not convert would be wrong unseen.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（万美元）\nA1,2300\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:1:2: error: 累计完成投资（万美元）: the unit 万美元 is not one xmtool \
         converts (expected 万元, or 元, 百元, 千元, 十万元, 百万元, 千万元, 亿元; write the figures in one of them)",
    );
}

#[test]
fn a_unit_said_above_the_table_is_its_amounts_where_headers_say_none() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "金城市2024年重点项目计划表\n\
         填报单位：金城市发改委,,,,单位：亿元\n\
         项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资（万元）\n\
         A1,路网,甲区,续建,12.5,32000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（万元）\nA1,16000\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:2:5: note: 总投资: read as \"单位：亿元\" above the table says (their \
         headers give no unit)",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_a1_in_wan(&doc);
    // A unit xmtool does not convert is an error where it is said.
    w.write(
        "projects.csv",
        "单位：万美元\n项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,12.5,3.2\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:1:1: error: 单位：万美元: the unit 万美元 is not one xmtool converts",
    );
}

#[test]
fn a_unit_said_above_the_table_that_no_column_takes_is_named() {
    // The title says 亿元, every amount header 万元: one of them is wrong, and the figures may be
    // read 10,000 times too small or too large.
    let w = june(
        "单位：亿元,,\n项目编号,累计完成投资（万元）,本月完成投资（万元）\nA1,500,50\nA2,600,60\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:1:1: warning: \"单位：亿元\" above the table is the unit of no amount \
         column: 本月完成投资（万元）, 累计完成投资（万元） say another, which their figures are read \
         in (correct the title or the headers, whichever is wrong)",
    );
    assert_eq!(ytds(&w), (json!(500.0), json!(600.0)));
    // A header that says the title's unit, or one that says none and takes it: the form says
    // its units column by column.
    for header in ["累计完成投资（亿元）", "累计完成投资"] {
        w.write(
            "reports/2024-06.csv",
            format!("单位：亿元,,\n项目编号,{header},本月完成投资（万元）\nA1,5,50\nA2,6,60\n"),
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("is the unit of no amount column");
    }
}

#[test]
fn cumulative_over_other_years_is_not_taken_for_year_to_date() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（上年同期）,累计完成投资\nA1,300,60\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line("both name");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 60.0);
    // Alone, such a column is said to be why the file has no year-to-date.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（含以前年度）,项目状态\nA1,1060,在建\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:1: error: has neither 累计完成投资 nor 本月完成投资",
    ).expect_line(
        "; column 2 \"累计完成投资（含以前年度）\" counts from the project's start, or over other \
         years, not from 1 January of this one",
    );
    // With no other header read beside the id, the same is said of the lone header.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（含以前年度）\nA1,1060\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:1: error: 项目编号 is the only header here that xmtool reads, too few \
         for a header row (expected beside it headers such as 报告月份, 累计完成投资, 本月完成投资; \
         other names for a column can be added under [aliases] in xmtool.toml; column 2 \
         \"累计完成投资（含以前年度）\" counts from the project's start, or over other years, not \
         from 1 January of this one)",
    );
    // So too one whose words saying since when come first (开工以来累计完成投资): it was named
    // as a column to read as the year-to-date under [aliases], which is not read either.
    // (开累完成（万元）, 开累投资 and the others were offered, so, as 投资 or 累计 and 投资 or 完成
    // left out after the words, or a unit, were not tried.)
    for header in [
        "开工以来累计完成投资",
        "自开工累计完成",
        "开累完成投资",
        "开累完成（万元）",
        "开累投资（万元）",
        "开工累计完成",
        "总累计完成",
        "项目累计完成",
        "开工以来完成",
        "开工至今完成",
    ] {
        w.write(
            "reports/2024-06.csv",
            format!("项目编号,项目名称,{header}\nA1,路网,1060\n"),
        );
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!(
                "; column 3 \"{header}\" counts from the project's start, or over other years, \
                 not from 1 January of this one"
            ))
            .expect_no_line(&format!("ytd_investment = [\"{header}\"]"));
        // Beside 本月, it is said not to be read as such too, rather than as a header xmtool does
        // not know (whose advice, to name it under [aliases] or rename it 累计完成投资, would
        // leave it unread without a word, or read figures since the start as this year's).
        w.write(
            "reports/2024-06.csv",
            format!("项目编号,本月完成投资,{header}\nA1,60,1060\n"),
        );
        let said = format!(
            "reports/2024-06.csv:1:3: note: column 3 \"{header}\" is not read: it counts from \
             the project's start, or over other years, not from 1 January of this one, and with no 累计完成投资 column year-to-date is summed from 本月完成投资 alone"
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_line(&said)
            .expect_no_line("not a header xmtool knows");
        // So too where it is named under [aliases]: it is not read all the same.
        w.write(
            "xmtool.toml",
            format!("year = 2024\n\n[aliases]\nytd_investment = [\"{header}\"]\n"),
        );
        w.run(&["check"]).expect_code(0).expect_line(&said);
        w.write("xmtool.toml", "year = 2024\n");
    }
}

#[test]
fn a_halted_project_has_started_and_is_idle() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\nA1,园区,甲区,新建,1000,100,2024-02\n",
    );
    for (m, status, ytd) in [
        (1, "前期", 0),
        (2, "在建", 10),
        (3, "停工", 10),
        (4, "停工", 10),
        (5, "停工", 10),
        (6, "停工", 10),
    ] {
        w.write(
            &format!("reports/2024-{m:02}.csv"),
            format!("项目编号,累计完成投资,项目状态\nA1,{ytd},{status}\n"),
        );
    }
    let doc = report_json(&w, &["--month", "2024-06"]);
    let a1 = project(&doc, "A1");
    assert_eq!(a1["started"], true);
    assert_eq!(a1["overdue_months"], Value::Null);
    assert_eq!(a1["idle"], true);
}

#[test]
fn a_month_range_in_a_file_name_names_its_last_month() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\n",
    )
    .write(
        "reports/2024年1-6月进度.csv",
        "项目编号,累计完成投资\nA1,40\n",
    );
    w.run(&["check"]).expect_code(0).expect_line("(2024-06)");
    // Written otherwise, each was January's, silently.
    for name in ["2024年1月至6月", "2024年1月-6月", "2024年1月～6月"] {
        std::fs::remove_dir_all(w.file("reports")).unwrap();
        w.write(
            &format!("reports/{name}.csv"),
            "项目编号,累计完成投资\nA1,40\n",
        );
        w.run(&["check"]).expect_code(0).expect_line("(2024-06)");
    }
    // Two months: which is not known.
    std::fs::remove_dir_all(w.file("reports")).unwrap();
    w.write(
        "reports/2024年5月、6月.csv",
        "项目编号,累计完成投资\nA1,40\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("its name gives two months, 2024-05 and 2024-06");
    // A range's file of each month's rows: June's, so May's rows disagree, and the error says
    // how to name such a file (it said to move each row to its month's file); so named, read.
    std::fs::remove_dir_all(w.file("reports")).unwrap();
    let rows = "项目编号,报告月份,累计完成投资\nA1,2024-05,30\nA1,2024-06,40\n";
    w.write("reports/东区2024年1-6月.csv", rows);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/东区2024年1-6月.csv:2:2: error: 报告月份 2024-05 disagrees with the month \
         2024-06 in the file's name (expected 2024-06, or move the row to the right month's \
         file; a name of a range, 1-6月, is its last month's: if the file gives each month's \
         rows, name it for its year alone, reports/东区2024年.csv)",
    );
    std::fs::rename(
        w.file("reports/东区2024年1-6月.csv"),
        w.file("reports/东区2024年.csv"),
    )
    .unwrap();
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-05 to 2024-06)");
}

#[test]
fn a_range_of_no_year_in_a_file_name_is_its_last_months_as_one_with_its_year_is() {
    // `东区2024年1-6月.csv` is June's, and a row of May in it an error; `东区1-6月.csv` in no
    // month's folder read each row as its 报告月份 says, May's with a warning for the file.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\n",
    );
    let rows = "项目编号,报告月份,累计完成投资\nA1,2024-05,30\nA1,2024-06,40\n";
    // (The name advised keeps the district's, out of a month's folder: it was `2024年.csv` for
    // every district's, the second renamed over the first, and in June's folder still June's.)
    for (rel, named) in [
        ("reports/东区2024年1-6月.csv", "reports/东区2024年.csv"),
        (
            "reports/2024-07报送/东区1-6月.csv",
            "reports/2024-07报送/东区2024年.csv",
        ),
        ("reports/东区1-6月.csv", "reports/东区2024年.csv"),
    ] {
        std::fs::remove_dir_all(w.file("reports")).ok();
        w.write(rel, rows);
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!(
                "{rel}:2:2: error: 报告月份 2024-05 disagrees with the month 2024-06 in the file's \
                 name (expected 2024-06, or move the row to the right month's file; a name of a \
                 range, 1-6月, is its last month's: if the file gives each month's rows, name it \
                 for its year alone, {named})"
            ))
            .expect_line("1 report row (2024-06)")
            .expect_no_line("warning:");
    }
    // So named, each month's rows are read.
    std::fs::rename(
        w.file("reports/东区1-6月.csv"),
        w.file("reports/东区2024年.csv"),
    )
    .unwrap();
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-05 to 2024-06)");
    // Two districts' files in June's folder: each is told its own name, out of the folder.
    std::fs::remove_dir_all(w.file("reports")).unwrap();
    let west = "项目编号,报告月份,累计完成投资\nB1,2024-05,20\nB1,2024-06,50\n";
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,1000,100\nB1,园区,乙区,续建,1000,100\n",
    )
    .write("reports/2024-06/东区2024年1-6月.csv", rows)
    .write("reports/2024-06/西区2024年1-6月.csv", west);
    w.run(&["check"])
        .expect_code(1)
        .expect_line("if the file gives each month's rows, name it for its year alone, reports/东区2024年.csv)")
        .expect_line("if the file gives each month's rows, name it for its year alone, reports/西区2024年.csv)");
    for district in ["东区", "西区"] {
        std::fs::rename(
            w.file(&format!("reports/2024-06/{district}2024年1-6月.csv")),
            w.file(&format!("reports/{district}2024年.csv")),
        )
        .unwrap();
    }
    w.run(&["check"])
        .expect_code(0)
        .expect_line("2 projects, 4 report rows (2024-05 to 2024-06)");
}

#[test]
fn a_year_of_two_figures_in_a_file_name_is_read_as_in_a_cell() {
    // `24年6月` in a cell is 2024-06, but a file so named gave no month (an error with no 报告月份
    // column), and in July's folder was read as July's, silently.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\n",
    );
    let body = "项目编号,累计完成投资\nA1,40\n";
    for (name, month) in [
        ("东区24年6月", "(2024-06)"),
        ("2024-06/东区24年6月", "(2024-06)"),
        ("24年6月/东区", "(2024-06)"),
        ("东区24年1-2月", "(2024-02)"),
        ("2024年1-2月/东区24年2月", "(2024-02)"),
        ("东区24年六月份", "(2024-06)"),
        ("东区99年6月", "(1999-06)"),
    ] {
        std::fs::remove_dir_all(w.file("reports")).ok();
        w.write(&format!("reports/{name}.csv"), body);
        w.run(&["check"]).expect_code(0).expect_line(month);
    }
    std::fs::remove_dir_all(w.file("reports")).unwrap();
    w.write("reports/2024-07/东区24年6月.csv", body);
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-06)")
        .expect_line(
            "reports/2024-07/东区24年6月.csv: warning: is named for 2024-06 but is in a folder for \
         2024-07",
        );
    // Two months listed, as with the year in full: which is not known.
    std::fs::remove_dir_all(w.file("reports")).unwrap();
    w.write("reports/东区24年5、6月.csv", body);
    w.run(&["check"])
        .expect_code(1)
        .expect_line("its name gives two months, 2024-05 and 2024-06");
    // Two figures that are no year before a month: a building's number, a count, part of a
    // district's name.
    for name in ["东区24号楼6月", "东区24年10个项目6月", "东区124年6月"] {
        std::fs::remove_dir_all(w.file("reports")).unwrap();
        w.write(&format!("reports/{name}.csv"), body);
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "reports/{name}.csv:1: error: has no 报告月份 column"
        ));
    }
}

#[test]
fn a_year_to_date_header_for_another_month_is_an_error() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\n",
    )
    .write("reports/2024-05.csv", "项目编号,1-6月完成投资\nA1,40\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-05.csv:2:2: error: 1-6月完成投资 is the year-to-date to month 6, but the row is for 2024-05",
    );
}

#[test]
fn blank_template_rows_do_not_count_as_reported() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\nA2,学校,甲区,续建,1000,100\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,40\nA2,50\n");
    let out = w.file("reports");
    w.run(&[
        "template",
        "--month",
        "2024-07",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let doc = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(doc["overview"]["reported"], 0);
    assert_eq!(doc["overview"]["report_rate"], 0.0);
    assert_eq!(
        project(&doc, "A1")["ytd_investment"],
        40.0,
        "carried forward"
    );
    // Nor do they make July the month a bulletin is for when none is asked for, or the month
    // 未报送 is judged at: June is, until a July report has a figure.
    w.run(&["report"])
        .expect_code(0)
        .expect_stderr("using 2024-06, the latest month with reports");
    w.write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,40\n");
    w.run(&["check"])
        .expect_line("未报送: A2 学校 has no report for 2024-06");
    w.write(
        "reports/2024-07/甲区.csv",
        "项目编号,累计完成投资\nA1,45\nA2,\n",
    );
    w.run(&["report"])
        .expect_code(0)
        .expect_stderr("using 2024-07, the latest month with reports");
}

#[test]
fn projects_without_a_value_for_the_grouping_are_not_ranked() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,包抓领导,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,张明,续建,1000,100\n\
         A2,学校,甲区,,续建,1000,100\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,10\nA2,90\n",
    );
    let doc = report_json(&w, &["--month", "2024-06", "--by", "leader"]);
    let ranking = doc["ranking"].as_array().unwrap();
    assert_eq!(ranking.len(), 1);
    assert_eq!(ranking[0]["group"], "张明");
    assert_eq!(ranking[0]["rank"], 1);
    assert_eq!(doc["unranked_projects"], 1);
    assert_eq!(doc["overview"]["projects"], 2, "still in the totals");
    w.run(&["report", "--month", "2024-06", "--by", "leader"])
        .expect_code(0)
        .expect_line("另有1个项目未填包抓领导，计入合计，不参与排名。");
    // The table of each group's other figures says so too (it had the group alone).
    w.run(&["report", "--month", "2024-06", "--by", "leader"])
        .expect_code(0)
        .expect_line("剩余月数。另有1个项目未填包抓领导，计入总体，不在分组中。");
    // A leader written as (未填), the word the bulletin uses for one left empty, is one left
    // empty: not ranked, and counted as such (it was dropped from the ranking uncounted).
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,包抓领导,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,张明,续建,1000,100\n\
         A2,学校,甲区,(未填),续建,1000,100\n",
    );
    let doc = report_json(&w, &["--month", "2024-06", "--by", "leader"]);
    assert_eq!(doc["ranking"].as_array().unwrap().len(), 1);
    assert_eq!(doc["unranked_projects"], 1);
    // The CSV folder's record carries the note its ranking table cannot.
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--by",
        "leader",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let about = String::from_utf8(w.read("out/about.csv")).unwrap();
    assert!(
        about.contains("ranking-leader.csv：得分 = ") && about.contains("另有1个项目未填包抓领导"),
        "{about}"
    );
}

/// on_target_share's denominator is the projects with an annual plan, given beside it.
#[test]
fn the_on_target_share_gives_its_base() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,1000,100\n\
         A2,学校,甲区,续建,1000,0\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,60\nA2,90\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    let overview = &doc["overview"];
    assert_eq!(overview["on_target"], 1);
    assert_eq!(overview["on_target_base"], 1);
    assert_eq!(overview["projects"], 2);
    assert_eq!(overview["on_target_share"], 1.0);
    assert_eq!(doc["ranking"][0]["on_target_base"], 1);
}

#[test]
fn outputs_that_would_be_read_as_the_registry_are_refused() {
    let w = Workdir::new();
    let mut book = Workbook::new();
    let ws = book.add_worksheet();
    for (c, h) in ["项目编号", "项目名称", "所属县区", "总投资", "年度计划投资"]
        .iter()
        .enumerate()
    {
        ws.write_string(0, c as u16, *h).unwrap();
    }
    ws.write_string(1, 0, "A1").unwrap();
    ws.write_string(1, 1, "路网").unwrap();
    ws.write_string(1, 2, "甲区").unwrap();
    ws.write_number(1, 3, 1000).unwrap();
    ws.write_number(1, 4, 100).unwrap();
    w.write("projects.xlsx", book.save_to_buffer().unwrap())
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,10\n");
    let target = w.file("projects.csv");
    w.run(&[
        "report",
        "--month",
        "2024-06",
        "--format",
        "csv",
        "--table",
        "projects",
        "-o",
        target.to_str().unwrap(),
    ])
    .expect_code(2)
    .expect_stderr("would be read as the registry");
    assert!(!target.exists());
}

#[test]
fn spreadsheet_csv_keeps_codes_and_light_counts_as_they_are() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         007,路网,甲区,续建,1000,100\n\
         262030604030000000389157,学校,甲区,续建,1000,100\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\n007,10\n262030604030000000389157,90\n",
    );
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
        "--by",
        "district,district",
    ])
    .expect_code(0);
    let ranking = String::from_utf8(w.read("out/ranking-district.csv")).unwrap();
    assert!(ranking.contains(",红灯,黄灯,绿灯,"), "{ranking}");
    assert!(
        !ranking.contains("/"),
        "no 2/3/5 cells that turn into dates: {ranking}"
    );
    let projects = String::from_utf8(w.read("out/projects.csv")).unwrap();
    assert!(projects.contains("\"=\"\"007\"\"\""), "{projects}");
    assert!(projects.contains("\"=\"\"262030604030000000389157\"\"\""));

    // A template keeps them as text too, and reads back to the same ids.
    let tpl = w.file("tpl");
    w.run(&[
        "template",
        "--month",
        "2024-07",
        "--out",
        tpl.to_str().unwrap(),
    ])
    .expect_code(0);
    let blank = String::from_utf8(w.read("tpl/2024-07/甲区.csv")).unwrap();
    assert!(blank.contains("\"=\"\"007\"\"\""));
    let filled: Vec<String> = blank
        .lines()
        .map(|l| {
            if l.starts_with("\"=\"\"007") {
                l.replace(",\"=\"\"2024-07\"\"\",,,", ",\"=\"\"2024-07\"\"\",5,15,")
            } else {
                l.replace(",\"=\"\"2024-07\"\"\",,,", ",\"=\"\"2024-07\"\"\",0,90,")
            }
        })
        .collect();
    w.write("reports/2024-07/甲区.csv", filled.join("\r\n"));
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors, 0 warnings");
    let doc = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(project(&doc, "007")["ytd_investment"], 15.0);
}

#[test]
fn light_reasons_are_shown_on_the_right_side_of_the_thresholds() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,100000,10000\n",
    )
    // 19.998% at June: 30.002 points behind, red.
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1999.8\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["light"], "red");
    assert_eq!(
        project(&doc, "A1")["light_reason"],
        "落后序时进度30.002个百分点"
    );
}

#[test]
fn the_check_summary_counts_each_project_once() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,1000,100\nA1,路网,甲区,续建,1000,100\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("1 project, 0 report rows");
}

/// Runs xmtool on `w`'s folder under the umask `umask`.
#[cfg(unix)]
fn run_under_umask(w: &common::Workdir, umask: u32, args: &[&str]) {
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("umask {umask:03o} && exec \"$0\" \"$@\""))
        .arg(env!("CARGO_BIN_EXE_xmtool"))
        .args(args)
        .arg("--dir")
        .arg(w.path())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "{args:?} under umask {umask:03o}");
}

/// New outputs get the modes any new file and folder gets (read and write for all, less the
/// umask), not a temporary file's (its owner's only) nor a fixed one; an overwritten file keeps
/// its own, whatever the umask.
#[cfg(unix)]
#[test]
fn written_files_follow_the_umask_and_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let w = common::clean_folder();
    let mode = |p: &std::path::Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
    for umask in [0o022, 0o027, 0o002, 0o077] {
        let target = w.file(&format!("bulletin-{umask:o}.md"));
        let out = w.file(&format!("out-{umask:o}"));
        let (target_s, out_s) = (target.to_str().unwrap(), out.to_str().unwrap());
        run_under_umask(&w, umask, &["report", "--month", "2024-02", "-o", target_s]);
        assert_eq!(mode(&target), 0o666 & !umask, "umask {umask:03o}");
        run_under_umask(&w, umask, &["export", "--month", "2024-02", "--out", out_s]);
        assert_eq!(mode(&out), 0o777 & !umask, "umask {umask:03o}");
        assert_eq!(mode(&out.join("overview.csv")), 0o666 & !umask);
        // Overwritten: the file's own mode, even one the umask would narrow.
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o664)).unwrap();
        let again = ["report", "--month", "2024-02", "-o", target_s, "--force"];
        run_under_umask(&w, umask, &again);
        assert_eq!(mode(&target), 0o664, "an overwritten file keeps its mode");
    }
}

#[test]
fn trend_output_follows_the_extension_and_names_its_own_flag() {
    let w = common::clean_folder();
    let target = w.file("trend.csv");
    let run = w.run(&["trend", "-o", target.to_str().unwrap()]);
    run.expect_code(0)
        .expect_stderr("no --to given; using 2024-02");
    let text = String::from_utf8(w.read("trend.csv")).unwrap();
    assert!(text.starts_with("\u{feff}分组,"), "{text}");
    w.run(&["trend", "--to", "2024-05"])
        .expect_code(0)
        .expect_stderr("no reports for 2024-05");
}

#[test]
fn a_second_report_in_a_year_before_the_registry_is_still_named() {
    let w = clean_folder();
    w.write(
        "reports/2023-06.csv",
        format!("{REPORT_HEADER}\nA1,2023-06,10,500,在建,\nA1,2023-06,20,510,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2023-06.csv:2:2: note: 2 rows for 2023, before the plan year 2024")
        .expect_line(
            "reports/2023-06.csv:3:3: error: a second report for A1 in 2023-06, differing from \
             the first: 本月完成投资（万元） 20 here, 10 at reports/2023-06.csv:2:3; \
             累计完成投资（万元） 510 here, 500 at reports/2023-06.csv:2:4",
        );
}

/// A folder with a registry of A1 (plan 4000) and A2 (plan 6000), and `report` as June's.
fn june(report: &str) -> Workdir {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,20000,4000\nA2,学校,甲区,续建,30000,6000\n",
    )
    .write("reports/2024-06.csv", report);
    w
}

fn ytds(w: &Workdir) -> (Value, Value) {
    let doc = report_json(w, &["--month", "2024-06", "--allow-errors"]);
    (
        project(&doc, "A1")["ytd_investment"].clone(),
        project(&doc, "A2")["ytd_investment"].clone(),
    )
}

#[test]
fn a_unit_said_above_the_header_is_no_part_of_it() {
    // （单位：亿元） over 形象进度, and a title saying its unit over the header's first cells:
    // each was joined to the header below as its second row, and the amounts read as 万元.
    for report in [
        "金川市2024年重点项目6月进展情况表\n,,,（单位：亿元）\n\
         项目编号,本月完成投资,累计完成投资,形象进度\nA1,0.01,0.2,主体\nA2,0.02,0.3,主体\n",
        "金川区2024年6月重点项目进展情况表（单位：亿元）\n\
         项目编号,项目名称,本月完成投资,累计完成投资\nA1,路网,0.01,0.2\nA2,学校,0.02,0.3\n",
    ] {
        let w = june(report);
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("as one header row");
        assert_eq!(ytds(&w), (2000.0.into(), 3000.0.into()), "{report}");
    }
}

#[test]
fn a_group_header_over_other_years_keeps_saying_so() {
    // 上年同期 over 本月 and 累计 first: its 累计 was read as this year's.
    let w = june(
        "项目编号,上年同期完成投资（万元）,,本年完成投资（万元）,\n\
         ,本月,累计,本月,累计\nA1,50,900,100,2000\nA2,50,900,200,3000\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "read lines 1 and 2 as one header row: 本月完成投资（万元）（上年同期完成投资）, \
         累计完成投资（万元）（上年同期完成投资）, 本月完成投资（万元）, 累计完成投资（万元）",
    );
    assert_eq!(ytds(&w), (2000.0.into(), 3000.0.into()));
    // 累计 under 开工以来完成投资: counted from the project's start, so not read; the year's
    // 本月 figures are summed instead.
    let w = june(
        "项目编号,本月完成投资（万元）,开工以来完成投资（万元）\n,,累计\nA1,100,9000\nA2,200,9000\n",
    );
    assert_eq!(ytds(&w), (100.0.into(), 200.0.into()));
}

#[test]
fn names_beginning_like_headings_and_chinese_ids_are_not_section_rows() {
    // 第二污水处理厂… with no id is a project missing its id; 待赋码 an id not in the registry.
    let w = june(
        "项目编号,项目名称,累计完成投资（万元）\nA1,路网,2000\n,第二污水处理厂扩建项目,5000\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:3:1: error: 项目编号 is empty");
    let w = june("序号,项目编号,累计完成投资（万元）\n1,A1,2000\n2,待赋码,5000\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:3:2: error: 项目编号 待赋码 is not in the registry");
}

#[test]
fn a_header_of_two_rows_repeated_below_is_skipped_whole() {
    // Two tables, each with a title, a header and a units row; the second's header written with
    // half-width brackets.
    let w = june(
        "金川区重点项目6月进展表\n项目编号,本月完成投资,累计完成投资（万元）\n,万元,\nA1,100,2000\n\
         河西区重点项目6月进展表\n项目编号,本月完成投资,累计完成投资(万元)\n,万元,\nA2,200,3000\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:5: note: skipped the heading row \"河西区重点项目6月进展表\"",
        )
        .expect_line("reports/2024-06.csv:6: note: skipped a repeat of the header row")
        .expect_line("reports/2024-06.csv:7: note: skipped a repeat of the header row");
    assert_eq!(ytds(&w), (2000.0.into(), 3000.0.into()));
}

#[test]
fn a_units_row_with_other_units_and_two_units_said_at_once() {
    // % under 完成率 and 年.月 under 实际开工时间 beside 亿元: the usual form's units row.
    let w = june(
        "项目编号,本月完成投资,累计完成投资,完成率,实际开工时间\n,亿元,亿元,%,年.月\n\
         A1,0.01,0.2,50,2023.1\nA2,0.02,0.3,50,2023.1\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "read lines 1 and 2 as one header row: 本月完成投资（亿元）, 累计完成投资（亿元）",
    );
    assert_eq!(ytds(&w), (2000.0.into(), 3000.0.into()));
    // 亿元 in the header and 万元 under it: which the figures are in is not known.
    let w = june("项目编号,累计完成投资（亿元）\n,万元\nA1,2000\nA2,3000\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:2: error: 累计完成投资（亿元）（万元）: says two units, 亿元 and 万元 \
         (keep the one its figures are in)",
    );
}

#[test]
fn a_group_header_of_plan_or_another_year_is_not_read_as_this_years() {
    // 计划完成投资 and 2023年完成投资 over 本月 and 1-6月: their columns were joined as this
    // year's, and the plan's or last year's figures read. The plan's are not read: with no
    // other column of this year's, the file has none. Last year's are read as 2023年1-6月's,
    // an error in each row of June 2024's report.
    let w =
        june("序号,项目编号,计划完成投资（万元）,\n,,本月,1-6月\n1,A1,333,2000\n2,A2,333,3000\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:1: error:")
        .expect_line("0 report rows");
    let w =
        june("序号,项目编号,2023年完成投资（万元）,\n,,本月,1-6月\n1,A1,333,2000\n2,A2,333,3000\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:3:4: error: 2023年1-6月完成投资（万元） is the year-to-date to \
             2023年1-6月, but the row is for 2024-06",
    );
    // Beside this year's, that one is read.
    let w = june(
        "项目编号,计划完成投资（万元）,,实际完成投资（万元）,\n,本月,1-6月,本月,1-6月\n\
         A1,333,2000,100,1000\nA2,333,3000,200,2000\n",
    );
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()));
    // Beside a header of one row: the names under the plan's group are no data row (they
    // were: "项目编号 is empty"), and its columns are not read.
    let w = june(
        "项目编号,项目名称,计划完成投资,,累计完成投资\n,,本月,累计,\n\
         A1,路网,333,2000,1000\nA2,学校,333,3000,2000\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:1: note: read lines 1 and 2 as one header row; not read: the \
         columns under 计划完成投资",
    );
    assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()));
    // A title above the header (one cell, saying the unit) with a column of another's name
    // before the amounts is still a title: its unit is applied (it was taken as a group header
    // whose columns are not read, and the 亿元 figures read as 万元).
    let w = june(
        "河西区重点项目6月进展表（单位：亿元）,,,,,\n\
         序号,项目编号,项目名称,建设地点,累计完成投资,本月完成投资\n\
         1,A1,路网,城东,0.1,0.05\n2,A2,学校,城西,0.2,0.1\n",
    );
    w.run(&["check"])
        .expect_line("reports/2024-06.csv:1: note: skipped 1 title row above the header")
        .expect_no_line("one header row");
    assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()));
    // 上年同期 alone over 本月完成投资 and 累计完成投资, beside 本年 over the same: last year's
    // were read.
    let w = june(
        "项目编号,上年同期,,本年完成投资（万元）,\n\
         项目编号,本月完成投资,累计完成投资,本月,累计\nA1,50,900,100,1000\nA2,50,900,200,2000\n",
    );
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()));
}

#[test]
fn a_unit_in_a_units_row_goes_on_over_the_amount_columns_after_it() {
    // 亿元 merged across the two amount columns keeps its value in the first; 单位：亿元 under
    // 序号 says it for all. The second column was read as 万元.
    for units in [",,亿元,", "单位：亿元,,,"] {
        let w = june(&format!(
            "序号,项目编号,本月完成投资,累计完成投资\n{units}\n1,A1,0.01,0.1\n2,A2,0.02,0.2\n"
        ));
        w.run(&["check"]).expect_code(0);
        assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()), "{units}");
    }
}

/// Writes a registry's header on `row` of a sheet, and A1 with its total and plan below it.
fn registry_rows(sheet: &mut rust_xlsxwriter::Worksheet, row: u32, (total, plan): (f64, f64)) {
    let header = [
        "项目编号",
        "项目名称",
        "所属县区",
        "建设性质",
        "总投资",
        "年度计划投资",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(row, c as u16, *h).unwrap();
    }
    for (c, v) in ["A1", "路网", "甲区", "续建"].iter().enumerate() {
        sheet.write_string(row + 1, c as u16, *v).unwrap();
    }
    sheet.write_number(row + 1, 4, total).unwrap();
    sheet.write_number(row + 1, 5, plan).unwrap();
}

/// A folder with `book` as its registry and a June report of A1's.
fn with_registry_workbook(mut book: Workbook) -> Workdir {
    let w = Workdir::new();
    w.write("projects.xlsx", book.save_to_buffer().unwrap())
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,2000\n");
    w
}

#[test]
fn a_group_over_a_projects_particulars_does_not_hide_the_investment_groups_unit() {
    // 项目基本情况 over 项目编号 … and 投资情况（亿元） over 总投资 and 年度计划投资, in a
    // registry workbook: the unit was lost (the plan read as 0.4 万元).
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    sheet
        .merge_range(0, 0, 0, 3, "项目基本情况", &plain)
        .unwrap();
    sheet
        .merge_range(0, 4, 0, 5, "投资情况（亿元）", &plain)
        .unwrap();
    registry_rows(sheet, 1, (2.0, 0.4));
    let w = with_registry_workbook(book);
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 4000.0);
    assert_eq!(project(&doc, "A1")["total_investment"], 20000.0);
}

#[test]
fn a_registry_workbook_with_month_sheets_is_read() {
    // A sheet a month is an error for a report (which month is it?), not for the registry.
    let mut book = Workbook::new();
    for name in ["6月", "5月"] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        registry_rows(sheet, 0, (20000.0, 4000.0));
    }
    with_registry_workbook(book)
        .run(&["check"])
        .expect_code(0)
        .expect_line("projects.xlsx: warning: only its sheet \"6月\" is read");
}

#[test]
fn a_two_row_header_merged_down_and_repeated_below_is_skipped() {
    // 项目编号 merged down over the header's two rows, 万元 under the amounts; the whole
    // repeated under the first table.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = rust_xlsxwriter::Format::new();
    for top in [0u32, 3] {
        sheet
            .merge_range(top, 0, top + 1, 0, "项目编号", &plain)
            .unwrap();
        sheet.write_string(top, 1, "本月完成投资").unwrap();
        sheet.write_string(top, 2, "累计完成投资").unwrap();
        sheet.write_string(top + 1, 1, "万元").unwrap();
        sheet.write_string(top + 1, 2, "万元").unwrap();
    }
    for (row, id, ytd) in [(2u32, "A1", 1000), (5, "A2", 2000)] {
        sheet.write_string(row, 0, id).unwrap();
        sheet.write_number(row, 1, 100).unwrap();
        sheet.write_number(row, 2, ytd).unwrap();
    }
    let w = june("项目编号,累计完成投资\n");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.xlsx:4: note: skipped a repeat of the header row")
        .expect_line("reports/2024-06.xlsx:5: note: skipped a repeat of the header row");
    assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()));
}

#[test]
fn a_units_row_under_a_header_on_the_last_row_looked_at_is_read() {
    // The header on line 30, the last looked at; its units row on line 31 was left out of the
    // rows looked at, and skipped as a heading: the amounts read as 万元.
    let titles = "说明\n".repeat(29);
    let w = june(&format!(
        "{titles}项目编号,累计完成投资\n,亿元\nA1,0.2\nA2,0.3\n"
    ));
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:30: note: read lines 30 and 31 as one header row");
    assert_eq!(ytds(&w), (2000.0.into(), 3000.0.into()));
}

#[test]
fn this_years_figure_beside_one_since_the_start_is_the_year_to_date() {
    // The statistical form's pair: 累计完成投资 counting from the project's start, 本年完成投资
    // this year's. The first was read as year-to-date and 本年完成投资 left out, with no finding.
    let w = june("项目编号,累计完成投资,本年完成投资\nA1,14000,500\nA2,29000,600\n");
    w.run(&["check"]).expect_code(0).expect_no_line("differs");
    assert_eq!(ytds(&w), (json!(500.0), json!(600.0)));
}

#[test]
fn headers_with_a_year_or_an_amount_word_are_recognised() {
    // 2024年1-6月完成投资 and 本月完成投资额: "项目编号 is the only header" before.
    let w = june("项目编号,本月完成投资额（万元）,2024年1-6月完成投资\nA1,50,500\nA2,60,600\n");
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (json!(500.0), json!(600.0)));
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["month_investment"], 50.0);

    // Last year's beside this year's: this year's is read, whichever comes first.
    let w = june("项目编号,2024年1-6月完成投资,2023年1-6月完成投资\nA1,500,400\nA2,600,300\n");
    assert_eq!(ytds(&w), (json!(500.0), json!(600.0)));
    let w = june("项目编号,2023年1-6月完成投资,2024年1-6月完成投资\nA1,400,500\nA2,300,600\n");
    assert_eq!(ytds(&w), (json!(500.0), json!(600.0)));
    w.run(&["check"]).expect_code(0).expect_no_line("differs");

    // 1-6月 with no year beside last year's, and beside a plain 累计 (which may count from the
    // project's start): 1-6月 is read.
    for report in [
        "项目编号,1-6月完成投资,2023年1-6月完成投资\nA1,500,400\nA2,600,300\n",
        "项目编号,累计完成投资,2024年1-6月完成投资\nA1,3000,500\nA2,9000,600\n",
    ] {
        let w = june(report);
        assert_eq!(ytds(&w), (json!(500.0), json!(600.0)), "{report}");
    }
    // Two 累计 and a 本年: 本年 is read, and the two 累计 (not read) are not compared with it.
    let w = june(
        "项目编号,累计完成投资,累计完成投资,本年完成投资\nA1,3000,3000,500\nA2,9000,9000,600\n",
    );
    assert_eq!(ytds(&w), (json!(500.0), json!(600.0)));
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("differs")
        .expect_line("columns 2 \"累计完成投资\" and 4 \"本年完成投资\" both name 累计完成投资; using column 4")
        .expect_line("columns 3 \"累计完成投资\" and 4 \"本年完成投资\" both name 累计完成投资; using column 4");

    // Last year's alone, in June 2024's report: an error, never read as this year's.
    let w = june("项目编号,2023年1-6月完成投资\nA1,400\nA2,300\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:2: error: 2023年1-6月完成投资 is the year-to-date to 2023年1-6月, \
         but the row is for 2024-06 (expected a header 2024年1-6月完成投资, or the row in 2023-06's report)",
    );
}

#[test]
fn a_month_above_its_own_year_to_date_is_an_error() {
    // 本月 20 beside 累计 5, no month before to compare with: impossible, as the year-to-date
    // holds the month's investment (a formula saved with a result of 0 gives it too). It was
    // said only where last month's report was there.
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,20,5\nA2,60,600\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:2: error: 本月完成投资 20 is more than 累计完成投资 5, which \
         includes it (expected at most 5)",
    );
    // Equal is a first month's spending: nothing to say.
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,20,20\nA2,60,600\n");
    w.run(&["check"]).expect_code(0);
}

#[test]
fn a_name_with_a_date_and_a_month_is_the_months() {
    // 东区_20240705_2024-06.csv, sent on 5 July: it was read as July's (the first month in the
    // name), and the bulletin with no --month became July's, with no finding.
    let body = "项目编号,累计完成投资\nA1,500\nA2,600\n";
    for name in ["东区_20240705_2024-06.csv", "2024-05-31东区2024-06.csv"] {
        let w = june("项目编号,累计完成投资\n");
        std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
        w.write(&format!("reports/{name}"), body);
        w.run(&["check"])
            .expect_code(0)
            .expect_line("2 report rows (2024-06)");
        assert_eq!(ytds(&w), (json!(500.0), json!(600.0)), "{name}");
    }
    // Two months: an error, never a guess.
    let w = june("项目编号,累计完成投资\n");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write("reports/东区(编号202312)2024-06.csv", body);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/东区(编号202312)2024-06.csv:1: error: has no 报告月份 column and its name gives \
         two months, 2023-12 and 2024-06, so which it is for is not known",
    );
}

#[test]
fn a_month_of_blank_templates_tells_of_idleness_no_more_than_none() {
    // June's blank templates dropped in unfilled: A1 (300 in May, 300 in July) was called
    // 开而不动 over June and July, and was not with June's file absent. June, of no figures
    // either way, is told by July's 累计 over May's: A1 is idle either way, A2 (300 to 500) not.
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,,\nA2,,\n");
    w.write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,300\nA2,300\n",
    )
    .write(
        "reports/2024-07.csv",
        "项目编号,累计完成投资\nA1,300\nA2,500\n",
    );
    let idle = |w: &Workdir| {
        let doc = report_json(w, &["--month", "2024-07"]);
        (
            doc["overview"]["idle"].clone(),
            project(&doc, "A1")["idle"].clone(),
        )
    };
    assert_eq!(idle(&w), (json!(1), json!(true)));
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    assert_eq!(idle(&w), (json!(1), json!(true)));
    // Without July's 累计 (本月 alone), June's investment is known of no project: n/a.
    w.write(
        "reports/2024-07.csv",
        "项目编号,本月完成投资\nA1,0\nA2,200\n",
    );
    assert_eq!(idle(&w), (json!(null), json!(null)));
    // June reported by A2 alone: A1's blank row adds nothing, and A1 is idle.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,\nA2,400\n",
    );
    assert_eq!(idle(&w), (json!(1), json!(true)));
}

#[test]
fn two_columns_of_one_amount_that_differ_are_named() {
    // Last month's 累计完成投资 kept (hidden, say) before this month's: the first was read, with
    // a note that both name the field, and every figure was May's. Which is this month's
    // cannot be told: an error (it was a warning, and the bulletin given with exit code 0).
    let w = june("项目编号,累计完成投资,累计完成投资\nA1,400,500\nA2,600,600\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:2:3: error: 累计完成投资 500 differs from 累计完成投资 400 in \
             column 2, which is read (two columns name 累计完成投资: delete the one that is not \
             this file's figures)",
        )
        .expect_no_line("2024-06.csv:3:");
    // So too with a unit in one header alone (one column, as headers are matched); a figure
    // beside an empty cell is a warning, and a column chosen by its header (本年累计 over 累计)
    // is read with a note.
    let w = june("项目编号,累计完成投资,累计完成投资（万元）\nA1,400,500\nA2,600,600\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:2:3: error: 累计完成投资（万元） 500 differs");
    let w = june("项目编号,累计完成投资,累计完成投资\nA1,400,\nA2,600,600\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:2:3: warning: 累计完成投资 empty differs");
    // (The figure in the one not read beside an empty cell read would be lost: an error.)
    let w = june("项目编号,累计完成投资,累计完成投资\nA1,,500\nA2,600,600\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:2:3: error: 累计完成投资 500 differs");
    let w = june("项目编号,累计完成投资,本年累计完成投资\nA1,400,500\nA2,600,600\n");
    w.run(&["check"]).expect_code(0);
    // In their units, the same figures: nothing to say.
    let w = june("项目编号,累计完成投资（万元）,累计完成投资（亿元）\nA1,500,0.05\nA2,600,\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("2024-06.csv:2:")
        .expect_line("2024-06.csv:3:3: warning: 累计完成投资（亿元） empty differs from");
    // Differing in many rows (a stale column kept whole), one warning for the column, at its
    // first row, with the others' lines.
    let mut rows = String::from("项目编号,累计完成投资,累计完成投资\nA1,400,500\nA2,600,600\n");
    for i in 0..12 {
        rows.push_str(&format!("X{i},{i},{}\n", i + 1));
    }
    let w = june(&rows);
    let run = w.run(&["check"]);
    run.expect_line(
        "reports/2024-06.csv:2:3: error: 累计完成投资 differs from 累计完成投资 in column 2, \
         which is read, in 13 rows (lines 2, 4, 5, 6, 7 and 8 more; the first: 500 against \
         400) (two columns name 累计完成投资: delete the one that is not this file's figures)",
    );
    assert_eq!(run.stdout().matches("differs from").count(), 1);
}

#[test]
fn a_start_month_written_2024_point_1_is_said_to_be_maybe_october() {
    // 计划开工时间 2024.10 typed in a spreadsheet and saved as CSV is the text 2024.1: read as
    // January with no finding, the project went red as five months overdue. In a workbook the
    // number is an error; in CSV the text is read as written, with a warning.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
             A1,路网,甲区,新建,20000,4000,2024.1\nA2,学校,甲区,新建,30000,6000,2024-03\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资,实际开工时间\nA1,0,\nA2,600,2024.1\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:2:7: warning: 计划开工时间 2024.1 is read as 2024-01, but a spreadsheet \
             writes a cell of 2024.10 so too (write 2024-10 if October is meant, or 2024-01 to say \
             January)",
        )
        .expect_line("reports/2024-06.csv:3:3: warning: 实际开工时间 2024.1 is read as 2024-01");
    // 2024年6月份 in a cell is June, as in a file's name.
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024年6月份,0\nA2,2024年6月份,600\n",
    );
    w.run(&["check"]).expect_line("2 report rows (2024-06)");
}

#[test]
fn year_on_year_shows_the_amounts_it_compares() {
    // 同比 is over the projects with last year's figure (A1 here, not A2): 50% was shown beside
    // this year's whole 1,000 and last year's 100, which give 900%, with nothing to show 150.
    let w = june("项目编号,累计完成投资\nA1,150\nA2,850\n");
    w.write("reports/2023-06.csv", "项目编号,累计完成投资\nA1,100\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    let overview = &doc["overview"];
    assert_eq!(overview["ytd_investment"], 1000.0);
    assert_eq!(overview["yoy_ytd_investment"], 150.0);
    assert_eq!(overview["previous_year_ytd"], 100.0);
    assert_eq!(overview["yoy_growth"], 0.5);
    w.run(&["report", "--month", "2024-06"])
        .expect_line("可比项目累计完成投资")
        .expect_line("同比增长");
}

#[test]
fn zero_width_spaces_are_no_part_of_a_value_and_shown_in_messages() {
    // A zero-width space pasted from a web form before 500 made it "not a number", and the
    // message showed "​500", which looks like one.
    let w = june("项目编号,累计完成投资\nA1,\u{200b}500\nA2,6\u{200b}00\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:3:2: error: 累计完成投资 \"6\\u{200b}00\" is not a number",
    );
    let w = june("项目编号,累计完成投资\nA1,\u{200b}500\nA2,600\u{feff}\n");
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (json!(500.0), json!(600.0)));
}

#[test]
fn report_ids_under_a_registry_column_not_read_as_ids_are_told_so() {
    // The registry has both an office's 项目编号 and the national 项目代码 (its ids are the
    // first); a district reports by 项目代码.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目代码,项目名称,所属县区,总投资,年度计划投资\n\
         A1,2401-620000-04-01-000001,路网,甲区,1000,100\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目代码,累计完成投资\n2401-620000-04-01-000001,50\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:1: error: 项目代码 2401-620000-04-01-000001 is not in the registry \
         for 2024 (none of this file's ids is the registry's: they are under \"项目代码\", which \
         in projects.csv is column 2, not its ids' column 1 \"项目编号\"; give the report the \
         registry's 项目编号)",
    );
    // Under that header, the registry's ids but one: that one is mistyped. And one the
    // registry has for another year is said so.
    w.write(
        "projects.csv",
        "项目编号,项目代码,项目名称,所属县区,总投资,年度计划投资,计划年度\n\
         A1,2401-620000-04-01-000001,路网,甲区,1000,100,2024\n\
         A3,2301-620000-04-01-000003,桥梁,甲区,1000,100,2023\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目代码,累计完成投资\nA1,50\nA1x,60\nA3,10\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "项目代码 A1x is not in the registry for 2024 (expected an id from the registry)",
        )
        .expect_line(
            "项目代码 A3 is not in the registry for 2024 (it is in the registry for 2023)",
        );
    // Under the registry's own id header, an id not listed is just that.
    w.write("reports/2024-06.csv", "项目编号,累计完成投资\nA9,50\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "项目编号 A9 is not in the registry for 2024 (expected an id from the registry)",
    );
}

#[test]
fn checking_a_month_no_report_gives_a_figure_for_says_so() {
    // A batch job checks the month it will make the bulletin of: its files in a format not read
    // (or not yet come), the bulletin would count no project as reported.
    let w = june("项目编号,累计完成投资\nA1,500\nA2,600\n");
    w.write("reports/2024-07/甲区.numbers", "not read");
    let none = "reports: warning: no report for 2024-07, the month asked for, was read; the \
                latest with figures is 2024-06: its bulletin carries each project's figures \
                forward from its last report and counts none as reported";
    w.run(&["check", "--month", "2024-07"])
        .expect_code(0)
        .expect_line(none);
    w.run(&["check", "--month", "2024-07", "--strict"])
        .expect_code(1);
    let doc = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(doc["overview"]["reported"], 0);
    assert_eq!(doc["data_findings"]["warnings"], 1);
    // Blank templates alone.
    w.write("reports/2024-07.csv", "项目编号,累计完成投资\nA1,\nA2,\n");
    w.run(&["check", "--month", "2024-07"]).expect_line(
        "reports: warning: the reports for 2024-07, the month asked for, give no figure (blank \
         templates?); the latest with figures is 2024-06: its bulletin carries",
    );
    // The month reported, or none asked for: nothing to say.
    for asked in [&["--month", "2024-06"][..], &[]] {
        w.run(&[&["check"][..], asked].concat())
            .expect_no_line("the month asked for, was read")
            .expect_no_line("give no figure");
    }
    // A month before the first report, or the year's first month with no report read at all:
    // nothing to carry forward.
    w.run(&["check", "--month", "2024-05"]).expect_line(
        "reports: warning: no report for 2024-05, the month asked for, was read; its bulletin \
         counts no project as reported",
    );
    let w = june("项目编号,累计完成投资\nA1,500\nA2,600\n");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write("reports/2024-01/甲区.et", "not read");
    w.run(&["check", "--month", "2024-01", "--strict"])
        .expect_code(1)
        .expect_line(
            "reports: warning: no report for 2024-01, the month asked for, was read; its bulletin \
             counts no project as reported",
        );
}

#[test]
fn a_report_file_sent_again_under_another_name_is_named() {
    // May's file copied to June's name: its 累计 alone read as June's, unchanged, so no
    // investment in June, and nothing said.
    let may = "项目编号,累计完成投资\nA1,500\nA2,600\n";
    let w = june(may);
    w.write("reports/2024-05.csv", may);
    let copy = "reports/2024-06.csv: warning: is the same file, byte for byte, as \
                reports/2024-05.csv";
    w.run(&["check"]).expect_code(0).expect_line(copy);
    // (report compares the hashes it records.)
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["data_findings"]["warnings"], 1);
    // As large, other bytes: no finding.
    w.write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,400\nA2,600\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("byte for byte");
}

#[test]
fn a_title_naming_another_month_than_the_file_is_named() {
    // May's report under June's name, its title still May's: read as June's, silently.
    let w = june("金川市2024年1-5月重点项目进展情况表\n项目编号,累计完成投资\nA1,500\nA2,600\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:1:1: warning: the title \"金川市2024年1-5月重点项目进展情况表\" \
         names 2024-05, but the rows are read as 2024-06's, from the file's name",
    );
    // Its own month, a date it was filled in, a time it was sent, a year alone: no finding.
    for title in [
        "金川市2024年1-6月重点项目进展情况表",
        "2024年6月份重点项目进展,,填报日期：2024年7月5日",
        "重点项目进展,填报时间：2024年7月",
        "2024年重点项目进展情况表",
    ] {
        let w = june(&format!("{title}\n项目编号,累计完成投资\nA1,500\nA2,600\n"));
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("names 2024");
    }
}

#[test]
fn a_report_row_named_as_another_project_is_named() {
    // The ids sorted apart from the rest of the rows: A1's figures read as A2's and A2's as
    // A1's, with nothing said.
    let w = june("项目编号,项目名称,累计完成投资\nA2,路网,500\nA1,学校,600\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:2:2: warning: 项目名称 is the registry's name of A1 \"路网\" \
         (projects.csv:2), not of A2 \"学校\", whose 项目编号 the row has",
    );
    w.run(&["check"])
        .expect_line("reports/2024-06.csv:3:2: warning: 项目名称 is the registry's name of A2");
    // A name written otherwise (spaces, full-width letters), shortened, or one no other project
    // has: no finding.
    for names in ["路 网,学校", "路网,学校（一期）", "一号路,ＸＸ学校"] {
        let (a1, a2) = names.split_once(',').unwrap();
        let w = june(&format!(
            "项目编号,项目名称,累计完成投资\nA1,{a1},500\nA2,{a2},600\n"
        ));
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("registry's name");
    }
    // Written otherwise, another project's name is still its name: A2's row named 路网 with an
    // ideographic space in it.
    let w = june("项目编号,项目名称,累计完成投资\nA1,路网,500\nA2,路\u{3000}网,600\n");
    w.run(&["check"])
        .expect_line("reports/2024-06.csv:3:2: warning: 项目名称 is the registry's name of A1");
    // A1 renamed in its 2025 row: that name is A1's too, and A2's row with it is named.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
         A1,路网,甲区,续建,20000,4000,2024\nA2,学校,甲区,续建,30000,6000,2024\n\
         A1,路网改造,甲区,续建,20000,4000,2025\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,项目名称,累计完成投资\nA1,路网改造,500\nA2,路网改造,600\n",
    );
    let run = w.run(&["check"]);
    run.expect_line(
        "reports/2024-06.csv:3:2: warning: 项目名称 is the registry's name of A1 \"路网改造\" \
         (projects.csv:4), not of A2 \"学校\"",
    );
    assert_eq!(
        run.stdout().matches("registry's name").count(),
        1,
        "{}",
        run.stdout()
    );
}

#[test]
fn misnamed_rows_are_found_in_every_part_of_a_large_file_out_of_order() {
    // 20,000 rows in the reverse of the registry's order (matched a part at a time), names
    // swapped on two rows past the first part.
    let n = 20_000;
    let mut registry = String::from("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n");
    for i in 0..n {
        registry.push_str(&format!("P{i:05},项目{i},甲区,续建,100,50\n"));
    }
    let mut report = String::from("项目编号,项目名称,累计完成投资\n");
    for i in (0..n).rev() {
        let name = match i {
            1000 => 1001,
            1001 => 1000,
            i => i,
        };
        report.push_str(&format!("P{i:05},项目{name},1\n"));
    }
    let w = Workdir::new();
    w.write("projects.csv", &registry)
        .write("reports/2024-06.csv", &report);
    // P01001 is on line 2 + (n - 1 - 1001).
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line(&format!(
            "reports/2024-06.csv:{}:2: warning: 项目名称 is the registry's name of P01000",
            2 + n - 1 - 1001
        ))
        .expect_line(&format!(
            "reports/2024-06.csv:{}:2: warning: 项目名称 is the registry's name of P01001",
            2 + n - 1 - 1000
        ));
    assert_eq!(
        run.stdout().matches("registry's name").count(),
        2,
        "{}",
        run.stdout()
    );
}

#[test]
fn a_start_reported_last_year_still_counts_this_year() {
    // A new start copied into 2025's registry as it was (新建, planned 2024-03), started in
    // 2024's reports: January's, with 项目状态 and 实际开工时间 left blank, made it 10 months
    // overdue, red, and not started.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,计划年度\n\
         A1,道路改造,东区,新建,3000,600,2024-03,2024\n\
         A1,道路改造,东区,新建,3000,900,2024-03,2025\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,累计完成投资,项目状态,实际开工时间\nA1,50,在建,2024-03\n",
    )
    .write(
        "reports/2025-01.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,80,80\n",
    );
    let doc = report_json(&w, &["--month", "2025-01"]);
    let a1 = project(&doc, "A1");
    assert_eq!(a1["started"], true, "{a1}");
    assert_eq!(a1["overdue_months"], Value::Null, "{a1}");
    assert_eq!(a1["actual_start"], "2024-03", "{a1}");
    assert_eq!(a1["light"], "green", "{a1}");
    assert_eq!(doc["overview"]["start_rate"], 1.0);
}

#[test]
fn a_start_reported_last_year_makes_a_project_idle_all_year() {
    // A new start reported 在建 last year, without an actual start, and with nothing invested
    // this year: idle from February on. From March, when the window (2 months) lies within
    // this year, only this year's reports were looked at, and it was not idle again.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,计划年度\n\
         A1,道路改造,东区,新建,3000,600,2023-10,2023\n\
         A1,道路改造,东区,新建,3000,900,2023-10,2024\n\
         A2,学校,东区,新建,3000,600,2023-03,2023\n\
         A2,学校,东区,新建,3000,100,2023-03,2024\n",
    )
    .write(
        "reports/2023-12.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA1,50,150,在建\nA2,50,600,竣工\n",
    );
    for month in 1..=6 {
        w.write(
            &format!("reports/2024-{month:02}.csv"),
            "项目编号,本月完成投资,累计完成投资\nA1,0,0\nA2,0,0\n",
        );
    }
    for month in 1..=6 {
        let doc = report_json(&w, &["--month", &format!("2024-{month:02}")]);
        let a1 = project(&doc, "A1");
        assert_eq!(a1["started"], true, "2024-{month:02}: {a1}");
        // (January's window reaches back to December, which had investment.)
        assert_eq!(a1["idle"], month > 1, "2024-{month:02}: {a1}");
        // Finished last year, its status left blank this year: never idle.
        let a2 = project(&doc, "A2");
        assert_eq!(
            (&a2["started"], &a2["idle"]),
            (&true.into(), &false.into()),
            "{a2}"
        );
    }
}

#[test]
fn a_new_start_not_yet_due_is_judged_on_completion_unless_the_settings_spare_it() {
    // The brief judges every project on its completion rate. Before, a new start whose planned
    // start was the report month or later was never judged on it (green in June when planned
    // for September, with nothing invested); that is now a setting, off by default. Either way
    // a start reported on time never makes the light worse than no start.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         N1,按时开工,东区,新建,3000,600,2024-06\nN2,尚未开工,东区,新建,3000,600,2024-06\n\
         N3,提前开工,东区,新建,3000,600,2024-09\nN4,未到时间,东区,新建,3000,600,2024-09\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态,实际开工时间\nN1,50,在建,2024-06\nN2,0,前期,\n\
         N3,300,在建,2024-05\nN4,0,前期,\n",
    );
    let lights = |w: &Workdir| {
        let doc = report_json(w, &["--month", "2024-06"]);
        ["N1", "N2", "N3", "N4"].map(|id| {
            let p = project(&doc, id);
            format!(
                "{} {}",
                p["light"].as_str().unwrap(),
                p["light_reason"].as_str().unwrap()
            )
        })
    };
    assert_eq!(
        lights(&w),
        [
            "red 落后序时进度41.7个百分点；已开工，计划2024-06开工",
            "red 落后序时进度50.0个百分点；计划本月（2024-06）开工",
            "green 达到序时进度；已提前开工，计划2024-09开工",
            "red 落后序时进度50.0个百分点；计划2024-09开工，未到开工时间",
        ]
    );
    w.write("xmtool.toml", "[thresholds]\nspare_not_yet_due = true\n");
    assert_eq!(
        lights(&w),
        [
            "green 已开工，计划2024-06开工",
            "green 计划本月（2024-06）开工",
            "green 已提前开工，计划2024-09开工",
            "green 计划2024-09开工，未到开工时间",
        ]
    );
}

#[test]
fn january_ranks_change_against_last_december() {
    // The registry lists both years' projects and December's reports are in the folder: the
    // rank change was left out in January (and for Q1 against Q4).
    let w = Workdir::new();
    let registry = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
                    A1,甲,东区,续建,5000,1000,2024\nB1,乙,西区,续建,5000,1000,2024\n\
                    A1,甲,东区,续建,5000,1000,2025\nB1,乙,西区,续建,5000,1000,2025\n";
    w.write("projects.csv", registry)
        .write(
            "reports/2024-12.csv",
            "项目编号,累计完成投资\nA1,950\nB1,1050\n",
        )
        .write(
            "reports/2025-01.csv",
            "项目编号,累计完成投资\nA1,100\nB1,50\n",
        );
    let doc = report_json(&w, &["--month", "2025-01"]);
    assert_eq!(doc["compared_with"], "2024-12");
    let ranks: Vec<(Value, Value, Value)> = doc["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            (
                r["group"].clone(),
                r["rank"].clone(),
                r["rank_change"].clone(),
            )
        })
        .collect();
    assert_eq!(
        ranks,
        [
            (json!("东区"), json!(1), json!(1)),
            (json!("西区"), json!(2), json!(-1))
        ]
    );
    // Without last year's projects in the registry there are no ranks to compare with.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
         A1,甲,东区,续建,5000,1000,2025\nB1,乙,西区,续建,5000,1000,2025\n",
    );
    let doc = report_json(&w, &["--month", "2025-01"]);
    assert_eq!(doc["compared_with"], Value::Null);
}

#[test]
fn not_reported_names_the_last_month_with_a_figure() {
    // A2's March row is blank (a template not filled in): its last report is February's, as
    // the bulletin's 最近报送 says; check said March.
    let w = june("项目编号,累计完成投资\nA1,600\n");
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资\nA1,100\nA2,200\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,累计完成投资\nA1,200\nA2,\n",
    );
    w.run(&["check"]).expect_line(
        "未报送: A2 学校 has no report for 2024-06, the latest month reported (last report 2024-02)",
    );
}

#[test]
fn a_folder_for_a_range_or_for_when_files_came_gives_no_month() {
    // June's reports sent in July, in reports/2024-07报送/, were read as July's (README said
    // such a folder is no month's); so were several months' files in reports/2024年1-6月/.
    let w = june("项目编号,累计完成投资\nA1,100\nA2,200\n");
    for folder in ["2024-07报送", "2024年1-6月"] {
        w.write(
            &format!("reports/{folder}/东区.csv"),
            "项目编号,累计完成投资\nA1,500\n",
        );
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "reports/{folder}/东区.csv:1: error: has no 报告月份 column and no month in its \
             name, and its folder {folder} is named for a range of months or for when its files \
             came"
        ));
        std::fs::remove_dir_all(w.file(&format!("reports/{folder}"))).unwrap();
    }
    // A folder named for a month, in words or not, gives it.
    w.write(
        "reports/2024年5月份/东区.csv",
        "项目编号,累计完成投资\nA1,50\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-05 to 2024-06)");
}

#[test]
fn a_month_of_no_year_in_a_folder_for_a_quarter_or_a_half_is_of_its_year() {
    // `reports/2024年上半年/东区5月.csv` was "its name gives 5月 but no year", its rows unread,
    // though the folder gives its year as `2024年1-6月/` does.
    let w = june("项目编号,累计完成投资\nA1,100\nA2,200\n");
    for folder in ["2024年上半年", "2024年第二季度", "2024年二季度", "2024-Q2"] {
        w.write(
            &format!("reports/{folder}/东区5月.csv"),
            "项目编号,累计完成投资\nA1,50\n",
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_line("(2024-05 to 2024-06)");
        std::fs::remove_dir_all(w.file(&format!("reports/{folder}"))).unwrap();
    }
}

#[test]
fn a_folder_of_january_and_february_together_is_februarys() {
    // The districts' 春节 reports, one file each, in reports/2024年1-2月/: refused as a folder
    // for a range, though a file so named is February's.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,400\n");
    for folder in ["2024年1-2月", "2024年1-2月份", "2024年1至2月"] {
        w.write(
            &format!("reports/{folder}/东区.csv"),
            "项目编号,累计完成投资\nA1,150\nA2,80\n",
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_line("(2024-02 to 2024-06)");
        let doc = report_json(&w, &["--month", "2024-02"]);
        assert_eq!(doc["overview"]["ytd_investment"], json!(230.0), "{folder}");
        std::fs::remove_dir_all(w.file(&format!("reports/{folder}"))).unwrap();
    }
    // Its 本月 alone is the two months' together: no January missing (it was warned of).
    for name in ["reports/2024年1-2月/东区.csv", "reports/2024年1-2月.csv"] {
        w.write(name, "项目编号,本月完成投资\nA1,150\nA2,80\n");
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("missing from the year-to-date");
        let doc = report_json(&w, &["--month", "2024-02"]);
        assert_eq!(doc["overview"]["ytd_investment"], json!(230.0), "{name}");
        std::fs::remove_file(w.file(name)).unwrap();
    }
    // Or in a year's folder, `reports/2024年/1-2月.csv`, or named so in February's folder (the
    // range after a district's name was warned of).
    for name in [
        "reports/2024年/1-2月.csv",
        "reports/2024-02/东区1、2月.csv",
        "reports/2024-02/东区1-2月.csv",
        "reports/2024-02/东区2024年1-2月.csv",
    ] {
        w.write(name, "项目编号,本月完成投资\nA1,150\nA2,80\n");
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("missing from the year-to-date");
        std::fs::remove_dir_all(w.file(name).parent().unwrap()).unwrap();
    }
    // The folder's February gives way to what its files say: a 报告月份 column's January and
    // February (January's rows were refused as not February's), a name's month.
    w.write(
        "reports/2024年1-2月/东区.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024-01,60\nA1,2024-02,150\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-01 to 2024-06)");
    w.write(
        "reports/2024年1-2月/东区.csv",
        "项目编号,累计完成投资\nA1,150\n",
    )
    .write(
        "reports/2024年1-2月/西区1月.csv",
        "项目编号,累计完成投资\nA2,80\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-01 to 2024-06)");
    std::fs::remove_dir_all(w.file("reports/2024年1-2月")).unwrap();
    // A month of no year in the folder, in a name or a 报告月份, is of its year (they were
    // refused as giving no year).
    for (name, rows) in [
        ("东区2月.csv", "项目编号,累计完成投资\nA1,150\n"),
        ("东区1-2月.csv", "项目编号,累计完成投资\nA1,150\n"),
        ("东区二月.csv", "项目编号,累计完成投资\nA1,150\n"),
        (
            "东区.csv",
            "项目编号,报告月份,累计完成投资\nA1,1月,60\nA1,2月,150\n",
        ),
    ] {
        w.write(&format!("reports/2024年1-2月/{name}"), rows);
        w.run(&["check"]).expect_code(0).expect_no_line("no year");
        let doc = report_json(&w, &["--month", "2024-02"]);
        assert_eq!(doc["overview"]["ytd_investment"], json!(150.0), "{name}");
        std::fs::remove_dir_all(w.file("reports/2024年1-2月")).unwrap();
    }
    w.write(
        "reports/2024年1-6月/东区5月.csv",
        "项目编号,累计完成投资\nA1,500\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-05 to 2024-06)");
    std::fs::remove_dir_all(w.file("reports/2024年1-6月")).unwrap();
    // A February file of 本月 alone still is.
    w.write("reports/2024-02.csv", "项目编号,本月完成投资\nA1,150\n");
    w.run(&["check"])
        .expect_line("the investment of 2024-01 is missing from the year-to-date");
}

#[test]
fn a_name_listing_two_months_short_is_for_neither() {
    // `1、2月份`, 月 after the second month alone, was read as January's (exit 0), February's
    // bulletin showing every project 未报送; `2024年1月、2月` was already an error.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,400\n");
    for name in [
        "reports/东区2024年1、2月份.csv",
        "reports/2024年5，6月.csv",
        "reports/2024年/东区1、2月.csv",
    ] {
        w.write(name, "项目编号,累计完成投资\nA1,150\nA2,80\n");
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!("{name}:1: error: has no 报告月份 column"))
            .expect_line("its name gives two months");
        std::fs::remove_file(w.file(name)).unwrap();
        std::fs::remove_dir_all(w.file("reports/2024年")).ok();
    }
    // In another month's folder, neither is the folder's month: an error (they were read as
    // July's, without a word), unless a 报告月份 column says; in one of theirs, its month.
    for name in [
        "reports/2024-07/东区5、6月.csv",
        "reports/2024-07/东区2024年5月、6月.csv",
    ] {
        w.write(name, "项目编号,累计完成投资\nA1,150\nA2,80\n");
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!(
                "{name}:1: error: has no 报告月份 column, and its name"
            ))
            .expect_line("in a folder for 2024-07, so which it is for is not known");
        w.write(
            name,
            "项目编号,报告月份,累计完成投资\nA1,2024-05,150\nA2,2024-05,80\n",
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_line("(2024-05 to 2024-06)");
        std::fs::remove_dir_all(w.file("reports/2024-07")).unwrap();
    }
    // Three months listed are said as three (the message named the first two).
    w.write(
        "reports/2024-07/东区3、4、5月.csv",
        "项目编号,累计完成投资\nA1,150\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "its name gives 3 months, 3月, 4月 and 5月, in a folder for 2024-07, so which it is for \
         is not known",
    );
    std::fs::remove_dir_all(w.file("reports/2024-07")).unwrap();
    w.write(
        "reports/2024-05/东区4、5月.csv",
        "项目编号,累计完成投资\nA1,150\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-05 to 2024-06)");
    // In one of their folders, a 报告月份 column says each row's month: April's rows were errors
    // for not being the folder's May.
    w.write(
        "reports/2024-05/东区4、5月.csv",
        "项目编号,报告月份,累计完成投资\nA1,4月,100\nA1,5月,150\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-04 to 2024-06)");
    // ... one of theirs: a row of March (a slip for May) was read as March's without a word,
    // and one of no month said to have none in the file's name or folder's.
    w.write(
        "reports/2024-05/东区4、5月.csv",
        "项目编号,报告月份,累计完成投资\nA1,4月,100\nA1,3月,150\nA2,,80\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-05/东区4、5月.csv:3:2: error: 报告月份 2024-03 is none of the months the \
             file's name gives (expected 2024-04 or 2024-05, or move the row to the right \
             month's file)",
        )
        .expect_line(
            "reports/2024-05/东区4、5月.csv:4:2: error: 报告月份 is empty, and the file's name \
             gives more than one month (expected 2024-04 or 2024-05)",
        );
    std::fs::remove_dir_all(w.file("reports/2024-05")).unwrap();
    // So with the months' year in the name, in one of their folders.
    w.write(
        "reports/2024-06/东区2024年5月、6月.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024-05,500\nA2,2024-04,80\nA2,,90\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06/东区2024年5月、6月.csv:3:2: error: 报告月份 2024-04 is none of the \
             months the file's name gives (expected 2024-05 or 2024-06, or move the row to the \
             right month's file)",
        )
        .expect_line(
            "reports/2024-06/东区2024年5月、6月.csv:4:2: error: 报告月份 is empty, and the file's \
             name gives more than one month (expected 2024-05 or 2024-06)",
        );
    std::fs::remove_dir_all(w.file("reports/2024-06")).unwrap();
    // A numbered item's number before a month (`1、5月份进展`) lists no months: May's.
    w.write(
        "reports/2024年/1、5月份进展.csv",
        "项目编号,累计完成投资\nA1,150\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-05 to 2024-06)");
}

#[test]
fn a_name_listing_months_apart_is_for_neither() {
    // `东区4、6月` was read as June's, its `4、` taken for an item's number (in a year's folder
    // without a word; in none, "its name gives 6月 but no year").
    let w = june("项目编号,累计完成投资\nA1,600\nA2,400\n");
    for name in [
        "reports/东区4、6月.csv",
        "reports/2024年/东区4、6月.csv",
        "reports/2024年/东区4,6月.csv",
    ] {
        w.write(name, "项目编号,累计完成投资\nA1,150\nA2,80\n");
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!("{name}:1: error: has no 报告月份 column"))
            .expect_line("its name gives two months, 4月 and 6月, so which it is for is not known");
        std::fs::remove_file(w.file(name)).unwrap();
        std::fs::remove_dir_all(w.file("reports/2024年")).ok();
    }
    // In another month's folder, an error (it was read as June's, come late); with a 报告月份
    // column, its rows' months.
    let name = "reports/2024-07/东区4、6月.csv";
    w.write(name, "项目编号,累计完成投资\nA1,150\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "its name gives two months, 4月 and 6月, in a folder for 2024-07, so which it is for is \
         not known",
    );
    w.write(
        name,
        "项目编号,报告月份,累计完成投资\nA1,2024-04,100\nA2,2024-04,80\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-04 to 2024-06)");
    std::fs::remove_dir_all(w.file("reports/2024-07")).unwrap();
    // In June's folder, a row of none of the months is an error (it was read as February's).
    let name = "reports/2024-06/东区4、6月.csv";
    w.write(
        name,
        "项目编号,报告月份,累计完成投资\nA1,2024-04,100\nA2,2024-02,50\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("报告月份 2024-02 is none of the months the file's name gives");
    std::fs::remove_dir_all(w.file("reports/2024-06")).unwrap();
    // An appendix's number, 附1, lists no month either: June's.
    w.write(
        "reports/2024年/东区附1、6月份进展.csv",
        "项目编号,累计完成投资\nA1,600\nA2,400\n",
    );
    w.run(&["check"]).expect_code(0);
    std::fs::remove_dir_all(w.file("reports/2024年")).unwrap();
    // An attachment's number before a month lists no months: May's.
    w.write(
        "reports/2024年/附件1、5月份进展.csv",
        "项目编号,累计完成投资\nA1,150\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-05 to 2024-06)");
}

#[test]
fn a_month_between_the_months_apart_a_name_lists_is_none_of_them() {
    // A row of May in `东区4、6月` was read as May's, the name taken for April to June: it is
    // none of the months the name gives, as February is.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,400\n");
    let name = "reports/2024-06/东区4、6月.csv";
    w.write(
        name,
        "项目编号,报告月份,累计完成投资\nA1,2024-04,100\nA2,2024-05,50\nA1,2024-06,600\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(&format!(
        "{name}:3:2: error: 报告月份 2024-05 is none of the months the file's name gives \
         (expected 2024-04 or 2024-06, or move the row to the right month's file)"
    ));
    // Months one after the other, `东区4、5、6月`, give May too.
    std::fs::remove_file(w.file(name)).unwrap();
    w.write(
        "reports/2024-06/东区4、5、6月.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024-04,100\nA2,2024-05,50\nA1,2024-06,600\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("none of the months");
    std::fs::remove_file(w.file("reports/2024-06/东区4、5、6月.csv")).unwrap();
    // With their year, as without: April's rows were "2024-04 disagrees with the month 2024-06
    // in its folder's name", an error no-year names did not get.
    for name in [
        "reports/2024-06/东区2024年4、6月.csv",
        "reports/2024-06/东区2024年4月、6月.csv",
    ] {
        let rows = "项目编号,报告月份,累计完成投资
A1,2024-04,100
A1,2024-06,600
A2,2024-06,400
";
        w.write(name, rows);
        w.run(&["check"])
            .expect_code(0)
            .expect_line("(2024-04 to 2024-06)");
        w.write(
            name,
            format!(
                "{rows}A2,2024-05,50
"
            ),
        );
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "{name}:5:2: error: 报告月份 2024-05 is none of the months the file's name gives"
        ));
        std::fs::remove_file(w.file(name)).unwrap();
    }
}

#[test]
fn a_name_listing_december_and_january_lists_both() {
    // `2024-01/东区12、1月.csv` was read as January's alone (a list runs up, 12 before 1 none),
    // each December row "disagrees with the month 2024-01 in its folder's name".
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,路网,甲区,续建,20000,4000\nA2,学校,甲区,续建,30000,6000\n",
        )
        .write(
            "reports/2024-01/东区12、1月.csv",
            "项目编号,报告月份,累计完成投资\nA1,2023-12,3000\nA1,2024-01,100\nA2,2024-01,50\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("disagrees")
        .expect_line("(2023-12 to 2024-01)");
    // A month of neither is still an error.
    w.write(
        "reports/2024-01/东区12、1月.csv",
        "项目编号,报告月份,累计完成投资\nA1,2023-11,2900\nA1,2024-01,100\nA2,2024-01,50\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "报告月份 2023-11 is none of the months the file's name gives (expected 2023-12 or \
         2024-01",
    );
}

#[test]
fn a_month_missing_before_a_month_figure_alone_is_named() {
    // A district that reports 本月 only skipped April: May's 本月 added to March's year-to-date
    // left April's investment out for good, with nothing said.
    let w = june("项目编号,本月完成投资\nA1,100\n");
    for (m, spent) in [(1, 10), (2, 20), (3, 30), (5, 50)] {
        w.write(
            &format!("reports/2024-{m:02}.csv"),
            format!("项目编号,本月完成投资\nA1,{spent}\n"),
        );
    }
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-05.csv:2:2: warning: 本月完成投资 50 is 2024-05's alone, and there is no \
         report for 2024-04 since 2024-03's at reports/2024-03.csv:2: the investment of 2024-04 \
         is missing from the year-to-date",
    );
    // Named once, at the first month after the gap; none where 累计 is given.
    let run = w.run(&["check"]);
    assert_eq!(
        run.stdout().matches("is missing from").count(),
        1,
        "{}",
        run.stdout()
    );
    // In a file of 亿元, the figure is said in the 万元 it is held in, not as 亿元.
    w.write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资（亿元）\nA1,0.005\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-05.csv:2:2: warning: 本月完成投资（亿元） 50 万元 is 2024-05's alone",
    );
    w.write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,50,150\n",
    );
    w.run(&["check"]).expect_no_line("is missing from");
}

#[test]
fn the_year_setting_does_not_hold_back_a_registry_of_two_years() {
    // `init` writes year = 2024; a registry listing 2025's projects by 计划年度 then had
    // January 2025 refused, and `report` with no month made December's bulletin again.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
             A1,甲,东区,续建,5000,1200,2024\nA1,甲,东区,续建,5000,1500,2025\n",
        )
        .write("reports/2024-12.csv", "项目编号,累计完成投资\nA1,1100\n")
        .write("reports/2025-01.csv", "项目编号,累计完成投资\nA1,90\n");
    w.run(&["report", "--month", "2025-01"]).expect_code(0);
    w.run(&["report"])
        .expect_code(0)
        .expect_stderr("using 2025-01, the latest month with reports");
    // Without 2025's projects, December it is, and the later reports are named; their rows,
    // in none of December's figures, are no error then (they were: "after the plan year", and
    // the bulletin refused), as `check` (the whole folder, to 2025) still says they are.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,东区,续建,5000,1200\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("1 row for 2025, after the plan year 2024");
    w.run(&["report"]).expect_code(0).expect_stderr(
        "using 2024-12, the latest month with reports of a year the registry has projects for \
         (there are reports for 2025-01, but no projects of 2025",
    );
    // Next year's registry and this year's reports alone (January's bulletin asked for before
    // its reports are in): the latest report, of a year with no projects, was taken, and then
    // refused as such.
    w.write("xmtool.toml", "year = 2025\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,东区,续建,5000,1500\n",
    );
    std::fs::remove_file(w.file("reports/2025-01.csv")).unwrap();
    w.run(&["report"]).expect_code(2).expect_stderr(
        "xmtool: there are no reports of 2025, the year the registry has projects for, to take \
         the latest month from (the latest report is for 2024-12); give --month",
    );
}

#[test]
fn a_blank_plan_year_among_stated_ones_is_named() {
    // A1 and C1 appended without 计划年度: check read them as the latest report's year and
    // found nothing, while report for June read them as 2024's (A1 twice).
    let w = Workdir::new();
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n";
    w.write(
        "projects.csv",
        format!(
            "{header}A1,甲,东区,续建,5000,1200,2024\nB1,乙,东区,续建,5000,1200,2024\n\
             C1,丙,东区,续建,5000,1500,\n"
        ),
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,600\nB1,600\nC1,100\n",
    )
    .write("reports/2025-01.csv", "项目编号,累计完成投资\nA1,100\n");
    w.run(&["check"]).expect_line(
        "projects.csv:4:7: warning: 计划年度 is empty; read as 2024, the year the registry's other \
         rows give",
    );
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "C1")["annual_plan"], 1500.0);
    // Two years given: which is C1's is not known.
    w.write(
        "projects.csv",
        format!(
            "{header}A1,甲,东区,续建,5000,1200,2024\nA1,甲,东区,续建,5000,1500,2025\n\
             C1,丙,东区,续建,5000,1500,\n"
        ),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:4:7: error: 计划年度 is empty, and the registry's other rows give 2024 and \
         2025 (which year is C1's?",
    );
    // A year that cannot be read has its own error, not "is empty".
    w.write(
        "projects.csv",
        format!("{header}A1,甲,东区,续建,5000,1200,2024\nC1,丙,东区,续建,5000,1500,二〇二四\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:3:7: error: 计划年度 \"二〇二四\" is not a year")
        .expect_no_line("is empty");
}

#[test]
fn show_names_the_year_whose_registry_has_the_project() {
    // C1 is 2024's only; the latest month is 2025's: "no project C1 in the 2025 registry (did
    // you mean C1?)".
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
         A1,甲,东区,续建,5000,1000,2024\nC1,丙,东区,续建,100,50,2024\n\
         A1,甲,东区,续建,5000,1000,2025\n",
    )
    .write(
        "reports/2024-12.csv",
        "项目编号,累计完成投资\nA1,950\nC1,50\n",
    )
    .write("reports/2025-01.csv", "项目编号,累计完成投资\nA1,100\n");
    w.run(&["show", "C1"]).expect_code(2).expect_stderr(
        "C1 is in the 2024 registry, not in 2025's (give --month 2024-MM for its page)",
    );
    w.run(&["show", "C1", "--month", "2024-12"]).expect_code(0);
}

#[test]
fn show_as_csv_names_the_row_with_an_error_of_a_month_not_reported() {
    // May's row for A2 was sent, its figure no number: the table and JSON name it, but the CSV
    // had 未报送 alone, a month nothing came for to whoever reads it.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,甲,东区,续建,5000,1000\nA2,乙,东区,续建,5000,1000\n",
    )
    .write(
        "reports/2024-04.csv",
        "项目编号,累计完成投资\nA1,300\nA2,200\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,400\nA2,三百\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,500\n");
    let csv = w.run(&["show", "A2", "--format", "csv"]);
    csv.expect_code(0);
    let text = csv.stdout();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].ends_with(",存在问题,有错误的报送行"), "{text}");
    // (Months are written as text, `="2024-05"`, that a spreadsheet keeps as they are.)
    let month = |line: &str| line.split(',').nth(2).unwrap_or_default().to_string();
    let last = |line: &str| line.rsplit(',').next().unwrap_or_default().to_string();
    let may = lines.iter().find(|l| month(l).contains("2024-05")).unwrap();
    assert!(may.contains(",未报送,"), "{text}");
    assert_eq!(last(may), "reports/2024-05.csv:3", "{text}");
    // June, nothing sent, and April, reported, have nothing in it.
    for m in ["2024-04", "2024-06"] {
        let line = lines.iter().find(|l| month(l).contains(m)).unwrap();
        assert_eq!(last(line), "", "{text}");
    }
    w.run(&["show", "A2", "--format", "csv", "--lang", "en"])
        .expect_line(",problems,row with error");
}

#[test]
fn show_suggests_an_id_typed_loosely_once() {
    // `show jc2024-42` for JC2024-042 suggested nothing (case, dash and leading zero), and an id
    // in two years' registries was suggested twice.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
         JC2024-042,甲,东区,续建,5000,1000,2024\nJC2024-420,乙,东区,续建,100,50,2024\n\
         JC2024-042,甲,东区,续建,5000,1000,2025\nJC2024-007,丙,东区,续建,100,50,2024\n",
    )
    .write(
        "reports/2025-01.csv",
        "项目编号,累计完成投资\nJC2024-042,100\n",
    );
    w.run(&["show", "jc2024 42"])
        .expect_code(2)
        .expect_stderr("no project jc2024 42 in the 2025 registry (did you mean JC2024-042?)");
    // Ids holding it, of the year's registry only, each once.
    w.run(&["show", "JC2024-0"])
        .expect_code(2)
        .expect_stderr("no project JC2024-0 in the 2025 registry (did you mean JC2024-042?)");
}

#[test]
fn a_plan_year_taken_from_a_stray_report_is_said() {
    // No 计划年度, no year setting: a 2025-01 file sent early made the registry 2025's, and
    // the year's reports last year's (their unknown ids no longer errors), with nothing said.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,东区,续建,5000,1000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,500\nZ9,20\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("Z9")
        .expect_no_line("计划年度");
    w.write("reports/2025-01.csv", "项目编号,累计完成投资\nA1,100\n");
    w.run(&["check"]).expect_line(
        "projects.csv: warning: gives no 计划年度, and xmtool.toml no year: its projects are read \
         as 2025's, the year of the latest report (2025-01), and the reports for 2024 as last \
         year's, used for year-on-year comparison (同比) and what they say of a start (expected \
         a 计划年度 column, or year = 2025 or year = 2024 in xmtool.toml)",
    );
    // Last year's June beside this year's months, for 同比: the latest year is plainly this
    // one, nothing to say.
    let same = Workdir::new();
    same.write("projects.csv", w.read("projects.csv"))
        .write("reports/2023-06.csv", "项目编号,累计完成投资\nA1,400\n")
        .write("reports/2024-05.csv", "项目编号,累计完成投资\nA1,450\n")
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,500\n");
    same.run(&["check"])
        .expect_code(0)
        .expect_no_line("计划年度");
    // Stated, nothing to say.
    w.write("xmtool.toml", "year = 2024\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("Z9")
        .expect_no_line("计划年度");
}

#[test]
fn a_unit_said_above_the_table_beside_other_columns_units_is_applied() {
    // `单位：亿元、个` (the units of the amounts and of a count): read as no unit, every figure
    // 10,000 times too small, with nothing said.
    for said in ["单位：亿元、个", "单位：亿元/%", "（单位：亿元、个）"] {
        let w = june(&format!(
            "金川区重点项目6月进展情况表\n{said}\n\
             项目编号,本月完成投资,累计完成投资\nA1,0.01,0.2\nA2,0.02,0.3\n"
        ));
        w.run(&["check"]).expect_code(0).expect_line("read as \"");
        assert_eq!(ytds(&w), (2000.0.into(), 3000.0.into()), "{said}");
    }
}

#[test]
fn a_project_a_hair_off_the_time_target_is_not_said_to_be_on_it() {
    // 0.04 points behind read "落后序时进度0.0个百分点" (and ahead "领先…0.0"), beside
    // on_target false: as many places as it takes to differ from zero.
    let w = june("项目编号,累计完成投资\nA1,1998.4\nA2,3001.2\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        project(&doc, "A1")["light_reason"],
        "落后序时进度0.04个百分点"
    );
    assert_eq!(
        project(&doc, "A2")["light_reason"],
        "领先序时进度0.02个百分点"
    );
}

#[test]
fn a_nature_written_with_its_noun_is_read() {
    // 新建项目 / 续建项目 were "an unknown 建设性质" (errors).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,甲,东区,续建项目,5000,1000,\nA2,乙,东区,新建项目,5000,1000,2024-03\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,500\nA2,0\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["nature"], "continuing");
    assert_eq!(project(&doc, "A2")["nature"], "new");
}

#[test]
fn an_empty_registry_is_named_by_its_file() {
    // The warning named the data folder (".") rather than the file.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n",
    );
    w.run(&["check"]).expect_line(
        "projects.csv: warning: the registry has no projects yet (expected a row per project \
         under the header)",
    );
}

#[test]
fn short_year_to_date_headers_are_read() {
    // 1-6月累计 beside 本月完成投资 was passed over without a word: year-to-date summed from
    // 本月 alone (and a March file sent again as April's counted March twice, unseen).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲一,南屏县,续建,5000,1000\n",
    )
    .write(
        "reports/2024-05/南屏县.csv",
        "项目编号,本月完成投资,1-5月累计\nA1,100,500\n",
    )
    .write(
        "reports/2024-06/南屏县.csv",
        "项目编号,本月完成投资,1-6月累计\nA1,100,650\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "本月完成投资 100 disagrees with 1-6月累计 650 minus last month's 500 (expected 本月 150 to \
         fit the 累计, or 累计 600 to fit the 本月)",
    );
    let w = june("项目编号,本月完成,1-6月累计（万元）\nA1,100,600\nA2,200,900\n");
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (600.0.into(), 900.0.into()));
}

#[test]
fn an_unknown_investment_column_beside_month_figures_alone_is_named() {
    // Year-to-date is summed from 本月 where no year-to-date column is read: a column worded like
    // one that xmtool does not know is said, not passed over.
    let w = june(
        "项目编号,本月完成投资,自开工累计,投资完成率,备注\nA1,100,600,15%,\nA2,200,900,15%,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:1:3: warning: column 3 \"自开工累计\" is not read (not a \
             header xmtool knows), and with no 累计完成投资 column year-to-date is summed from \
             本月完成投资 alone",
        )
        .expect_no_line("投资完成率")
        .expect_no_line("备注");
    // Beside a year-to-date column read, it changes no figure: nothing is said.
    let w = june("项目编号,累计完成投资,自开工累计\nA1,600,600\nA2,900,900\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not read");
}

#[test]
fn months_missing_before_a_figure_of_the_month_alone_are_said() {
    // A continuing project's first report of the year in March, 本月 alone, and its next in June:
    // January, February, April and May were left out of its year-to-date without a word (the
    // gap was said only after January's report or one giving 累计).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,纳入时间\n\
         A1,甲,东区,续建,10000,1200,,\nA2,乙,东区,新建,5000,1200,2024-03,\n\
         A3,丙,东区,续建,5000,1200,,2024-03\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,项目状态\nA1,100,在建\nA2,10,在建\nA3,20,在建\n",
    )
    .write(
        "reports/2024-04.csv",
        "项目编号,本月完成投资,项目状态\nA2,1,在建\nA3,2,在建\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资,项目状态\nA2,1,在建\nA3,2,在建\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资,项目状态\nA1,50,在建\nA2,1,在建\nA3,2,在建\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line(
            "reports/2024-03.csv:2:2: warning: 本月完成投资 100 is 2024-03's alone, and there is \
             no report for 2024-01 to 2024-02 before it: the investment of 2024-01 to 2024-02 is \
             missing from the year-to-date",
        )
        .expect_line(
            "reports/2024-06.csv:2:2: warning: 本月完成投资 50 is 2024-06's alone, and there is no \
             report for 2024-04 to 2024-05 since 2024-03's at reports/2024-03.csv:2",
        );
    // A project listed from April whose first report, 本月 alone, is June's: April and May.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,纳入时间\n\
         A1,甲,东区,续建,10000,1200,,2024-04\n",
    )
    .write("reports/2024-03.csv", "项目编号,本月完成投资\nA9,1\n")
    .write("reports/2024-04.csv", "项目编号,本月完成投资\nA9,1\n")
    .write("reports/2024-05.csv", "项目编号,本月完成投资\nA9,1\n")
    .write("reports/2024-06.csv", "项目编号,本月完成投资\nA1,50\n");
    w.run(&["check"]).expect_line(
        "there is no report for 2024-04 to 2024-05 before it: the investment of 2024-04 to \
         2024-05 is missing",
    );
    // A new start's first report may be its first month of work; a project listed from March
    // has nothing before it on the list.
    assert_eq!(
        run.stdout()
            .matches("is missing from the year-to-date")
            .count(),
        2,
        "{}",
        run.stdout()
    );
}

#[test]
fn a_disagreement_in_a_file_in_yi_says_its_figures_are_in_wan() {
    // The figures of a file in 亿元 are named in 万元, as read: the message says so (0.37 亿元
    // is 3700).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,东区,续建,50000,20000\n",
    )
    .write(
        "reports/2024-05.csv",
        "单位：亿元\n项目编号,本月完成投资,累计完成投资\nA1,0.93,0.93\n",
    )
    .write(
        "reports/2024-06.csv",
        "单位：亿元\n项目编号,本月完成投资,累计完成投资\nA1,0.37,1.27\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "本月完成投资 3700 disagrees with 累计完成投资 12700 minus last month's 9300 (expected \
         本月 3400 to fit the 累计, or 累计 13000 to fit the 本月) (in 万元, as read from the \
         file's unit)",
    );
}

#[test]
fn a_new_start_with_investment_and_nothing_saying_it_started_is_named() {
    // Departments send id and figures alone: a new start reporting money was 逾期未开工 and red,
    // by the brief's rule, with nothing said by check.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,甲,甲区,续建,5000,1000,\nA2,乙,甲区,新建,1000,100,2024-02\n\
         A3,丙,甲区,新建,1000,100,2024-02\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,10,30\nA2,20,60\nA3,0,0\n",
    )
    .write(
        "reports/2024-04.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,10,40\nA2,20,80\nA3,0,0\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-03.csv:3:3: warning: investment is reported for A2, a new start, but no \
         项目状态 or 实际开工时间 says it has started: it counts as not started (开工率, 逾期未开工) \
         until one does",
    );
    // Once, not each month; not for the continuing project or the new start with nothing spent.
    assert_eq!(run.stdout().matches("a new start, but no").count(), 1);
    // A status saying it started: nothing to say.
    w.write(
        "reports/2024-04.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA1,10,40,在建\nA2,20,80,在建\nA3,0,0,前期\n",
    );
    w.write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资,实际开工时间\nA1,10,30,\nA2,20,60,2024-03\nA3,0,0,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("a new start, but no");
}

#[test]
fn a_row_without_a_figure_is_not_reported_in_check_as_in_the_bulletin() {
    // The bulletin listed A2 as 未报送 (a row without any figure is no report); check only said
    // it had no figure.
    let w = june("项目编号,累计完成投资,项目状态\nA1,100,在建\nA2,,在建\n");
    w.run(&["check"]).expect_line(
        "projects.csv:3:1: warning: 未报送: A2 学校 has no report for 2024-06 (its row gives no \
         figure), the latest month reported (no report this year)",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A2")["reported"], false);
}

#[test]
fn a_month_named_file_in_a_year_folder_is_that_years_month() {
    // Last year's archive dropped in for 同比 (reports/2023年/6月.csv): "has no 报告月份 column
    // and no month in its name".
    let w = june("项目编号,累计完成投资\nA1,1000\nA2,1500\n");
    w.write(
        "reports/2023年/6月.csv",
        "项目编号,累计完成投资\nA1,800\nA2,1200\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["previous_year_ytd"], 2000.0);
    // A district's file in a month's folder in a year's (reports/2024年/6月/东区.csv): "has no
    // 报告月份 column and no month in its name".
    let w = june("项目编号,累计完成投资\nA1,1000\n");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024年/6月/甲区.csv",
        "项目编号,累计完成投资\nA1,1000\n",
    )
    .write(
        "reports/2024年/6月份/乙区.csv",
        "项目编号,累计完成投资\nA2,1500\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 2500.0);
}

#[test]
fn a_months_figure_headed_with_its_month_is_read_as_the_months() {
    // 6月完成投资 in June's report was no header xmtool knew: 本月 was taken as the change in
    // 累计 (wrong where May's report was missing), and a file with it alone was refused.
    let w = june("项目编号,6月完成投资（万元）,1-6月完成投资（万元）\nA1,100,1000\nA2,60,1500\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["month_investment"], 160.0);
    assert_eq!(doc["overview"]["ytd_investment"], 2500.0);
    // Under a header of two rows, 6月份 over 完成投资 and 形象进度.
    w.write(
        "reports/2024-06.csv",
        "项目编号,6月份,,1-6月,\n,完成投资（万元）,形象进度,完成投资（万元）,形象进度\n\
         A1,100,主体,1000,x\nA2,60,基础,1500,y\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["month_investment"], 160.0);
    // Alone.
    w.write(
        "reports/2024-06.csv",
        "项目编号,6月份完成投资（万元）\nA1,100\nA2,60\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["month_investment"], 160.0);
    // Last month's kept beside this month's: this month's is read; alone in the wrong month's
    // file, an error.
    w.write(
        "reports/2024-06.csv",
        "项目编号,5月完成投资,6月完成投资\nA1,90,100\nA2,50,60\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:1:2: note: column 2 \"5月完成投资\" is the figure of an earlier month \
         than column 3 \"6月完成投资\"; using column 3",
    );
    w.write(
        "reports/2024-06.csv",
        "项目编号,5月完成投资\nA1,90\nA2,50\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:2: error: 5月完成投资 is the figure of month 5, but the row is for \
         2024-06 (expected a header 6月…, or the row in month 5's report)",
    );
    // Last year's month (同比) or last month's beside 累计: not read, 本月 being the change in
    // 累计 as before.
    w.write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,900\nA2,1400\n",
    );
    for other in ["2023年6月完成投资", "5月完成投资"] {
        w.write(
            "reports/2024-06.csv",
            format!("项目编号,累计完成投资,{other}\nA1,1000,3\nA2,1500,4\n"),
        );
        w.run(&["check"]).expect_code(0).expect_line(&format!(
            "reports/2024-06.csv:1:3: note: column 3 \"{other}\" is the figure of another month \
             or year than this file's 2024-06: not read"
        ));
        let doc = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(doc["overview"]["month_investment"], 200.0, "{other}");
    }
}

#[test]
fn a_month_of_no_year_beside_the_day_a_file_was_sent_is_its_month() {
    // 东区6月份重点项目进展表(2024.7.3): June's, sent on 3 July, was read as July's without a
    // word, and July's bulletin made of it.
    let w = june("项目编号,累计完成投资\nA1,1000\nA2,1500\n");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,500\nA2,900\n",
    )
    .write(
        "reports/甲区6月份重点项目进展表(2024.7.3).csv",
        "项目编号,累计完成投资\nA1,1000\nA2,1500\n",
    );
    let doc = report_json(&w, &[]);
    assert_eq!(doc["month"], "2024-06");
    assert_eq!(doc["overview"]["ytd_investment"], 2500.0);
    assert_eq!(doc["overview"]["month_investment"], 1100.0);
}

#[test]
fn a_section_numbered_in_the_serial_column_with_its_caption_as_the_id_is_skipped() {
    // 二、 in 序号 and 续建项目 in the 项目编号 column, with the section's subtotal: "项目编号 续建项目
    // is not in the registry", an error.
    let w = june(
        "序号,项目编号,项目名称,所属县区,累计完成投资\n二、,续建项目,,,300\n（二）,续建项目,,,300\n\
         1,A1,路网,甲区,100\n2,A2,学校,甲区,200\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:2: note: skipped the section row \"二、 续建项目\" (a heading with its \
         section's figures, not a project)",
    );
    // An id of Chinese words on a project's row (its name beside it) is still an id.
    let w = june("序号,项目编号,项目名称,所属县区,累计完成投资\n二、,待赋码,路网,甲区,300\n");
    w.run(&["check"]).expect_code(1).expect_line("待赋码");
}

#[test]
fn reports_beside_a_registry_with_no_projects_are_one_error_a_file() {
    // Each row was its own "not in the registry" error (904 of them for a month's file).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nA2,200\nA2,200\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line(
            "reports/2024-06.csv:2:1: error: 2 rows, and no project in the registry to match \
             their 项目编号",
        )
        .expect_no_line("is not in the registry");
    // (The second report for A2 is counted, not said: ids matter once there is a registry.)
    assert_eq!(
        run.stdout().matches(": error: ").count(),
        1,
        "{}",
        run.stdout()
    );
}

#[test]
fn this_years_column_beside_a_cumulative_one_is_read_or_named() {
    // Beside 累计完成投资 (which in statistical forms counts from the project's start), this
    // year's figure under another name was passed over without a word, and the since-start
    // figures read as year-to-date (completion 130%).
    for this_year in [
        "其中：本年完成投资",
        "今年以来完成投资",
        "2024年累计完成投资",
        "本年度1-6月完成投资",
        "其中：本年度完成",
    ] {
        let w = june(&format!(
            "项目编号,累计完成投资,{this_year}\nA1,5000,1000\nA2,9000,2000\n"
        ));
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line(": warning:");
        assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()), "{this_year}");
    }
    // A year's figure in another year's file is misfiled, as 1-5月 is in June's.
    let w = june("项目编号,2023年累计完成投资\nA1,5000\nA2,9000\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:2: error: 2023年累计完成投资 is the year-to-date to 2023, but the \
         row is for 2024-06",
    );
    // A header xmtool does not read that says this year's, beside a 累计 that may count from
    // the start: named, as the figures read may be the wrong ones.
    for unread in ["本年度已完成投资", "2024年完成投资"] {
        let w = june(&format!(
            "项目编号,累计完成投资,{unread}\nA1,5000,1000\nA2,9000,2000\n"
        ));
        w.run(&["check"]).expect_code(0).expect_line(&format!(
            "reports/2024-06.csv:1:3: warning: column 3 \"{unread}\" is not read (not a header \
             xmtool knows), and year-to-date is read from column 2 \"累计完成投资\", which may \
             count from the project's start"
        ));
    }
    // 本年累计 beside it says this year's already: nothing to warn of.
    let w = june("项目编号,本年累计完成投资,本年度已完成投资\nA1,1000,1000\nA2,2000,2000\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line(": warning:");
}

#[test]
fn last_months_year_to_date_beside_a_plain_cumulative_one_is_not_read() {
    // June's file keeps May's 1-5月 beside 累计完成投资: 1-5月 was read (a header saying the
    // months outranks a plain 累计), and every row was an error (the year-to-date to month 5).
    let w = june("项目编号,1-5月完成投资,累计完成投资\nA1,800,1000\nA2,1500,2000\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:1:2: note: column 2 \"1-5月完成投资\" is the year-to-date to another \
         month or year than this file's 2024-06; using column 3 \"累计完成投资\"",
    );
    assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()));
}

#[test]
fn a_cumulative_group_over_its_total_and_this_years_part() {
    // 累计完成投资 over 合计 and 其中：本年 (a form's header of two rows): the second row was
    // "a second header row" (an error), and the since-start 合计 read as year-to-date.
    let w = june(
        "项目编号,项目名称,累计完成投资（万元）,\n,,合计,其中：本年\nA1,路网,5000,1000\n\
         A2,学校,9000,2000\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:1: note: read lines 1 and 2 as one header row: 累计完成投资（万元）, \
             其中：本年累计完成投资（万元）",
        )
        .expect_no_line(": warning:");
    assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()));
}

#[test]
fn an_amounts_header_over_its_amount_and_its_share_of_the_plan() {
    // 累计完成投资 merged over 金额（万元） and 占年度计划（%）: the second row was data (项目编号
    // is empty, 累计完成投资 "金额（万元）" is not a number), the shares a column without a header.
    for (header, lower, rows) in [
        (
            "累计完成投资,",
            ",,金额（万元）,占年度计划（%）",
            "A1,路网,1000,50\nA2,学校,2000,40",
        ),
        (
            "累计完成投资（万元）,",
            ",,占年度计划,金额",
            "A1,路网,50,1000\nA2,学校,40,2000",
        ),
    ] {
        let w = june(&format!("项目编号,项目名称,{header}\n{lower}\n{rows}\n"));
        w.run(&["check"])
            .expect_code(0)
            .expect_line(
                "reports/2024-06.csv:1: note: read lines 1 and 2 as one header row: \
                 累计完成投资（万元）",
            )
            .expect_no_line(": warning:");
        assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()), "{lower}");
    }
    // The amount in another unit than the header's is an error at the cell, as on one row.
    let w = june("项目编号,项目名称,累计完成投资（亿元）,\n,,金额（万元）,占比\nA1,路网,1000,5\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:3: error: 累计完成投资（亿元）（万元）: says two units, 亿元 and 万元 \
         (keep the one its figures are in)",
    );
}

#[test]
fn a_forms_row_numbering_its_columns_is_skipped() {
    // Statistical forms number their columns under the header (栏次): the row was read as a
    // project (项目编号 乙 not in the registry, exit 1).
    for numbering in ["甲,乙,1,2", "1,2,3,4", "栏次,,1,2", "甲,乙,丙,1"] {
        let w = june(&format!(
            "项目名称,项目编号,本月完成投资,累计完成投资\n{numbering}\n路网,A1,100,1000\n\
             学校,A2,200,2000\n"
        ));
        w.run(&["check"]).expect_code(0).expect_line(
            "reports/2024-06.csv:2: note: skipped the row numbering the columns (栏次: 甲, 乙, 1, \
             2 …), not a project",
        );
        assert_eq!(ytds(&w), (1000.0.into(), 2000.0.into()), "{numbering}");
    }
    // Only the first row under the header numbers columns; and a run that is no run is data.
    let w = june("项目名称,项目编号,本月完成投资,累计完成投资\n路网,A1,100,1000\n1,2,3,4\n");
    w.run(&["check"]).expect_code(1).expect_no_line("栏次");
    let w = june("项目名称,项目编号,本月完成投资,累计完成投资\n1,A1,3,4\n学校,A2,200,2000\n");
    w.run(&["check"]).expect_code(0).expect_no_line("栏次");
}

#[test]
fn ranks_are_not_compared_with_a_month_of_blank_templates() {
    // May's files are blank templates dropped in: the rank change was given "against 2024-05",
    // from April's figures carried forward.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,甲,甲区,续建,5000,1000\nB1,乙,乙区,续建,5000,1000\n",
    )
    .write(
        "reports/2024-04.csv",
        "项目编号,累计完成投资\nA1,100\nB1,300\n",
    )
    .write("reports/2024-05.csv", "项目编号,累计完成投资\nA1,\nB1,\n")
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,600\nB1,400\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["compared_with"], Value::Null);
    assert_eq!(doc["ranking"][0]["rank_change"], Value::Null);
    // May itself: its figures are all carried forward, and the warning says why.
    w.run(&["report", "--month", "2024-05", "--allow-errors"])
        .expect_code(0)
        .expect_stderr("the reports for 2024-05 give no figure (blank templates?)");
}

#[test]
fn investment_within_a_period_with_nothing_before_it_is_warned_of() {
    // The folder begins in April, reports giving 累计 alone: Q2's 本期完成投资 (and April's
    // 本月) was the whole year-to-date, without a word.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,甲,甲区,续建,5000,1000\nB1,乙,乙区,续建,5000,1000\n",
    )
    .write(
        "reports/2024-04.csv",
        "项目编号,累计完成投资\nA1,400\nB1,100\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,450\nB1,200\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,500\nB1,300\n",
    );
    w.run(&["report", "--period", "2024-Q2"])
        .expect_code(0)
        .expect_stderr(
            "no report for 2024-03 gives a figure, so the 本期完成投资 of 2024-Q2 of a project \
             whose report gives 累计完成投资 alone counts everything since its last report before \
             (or since 1 January)",
        );
    w.run(&["report", "--month", "2024-04"])
        .expect_code(0)
        .expect_stderr("no report for 2024-03 gives a figure, so the 本月完成投资 of 2024-04");
    // `show`'s history has each month's 本月完成投资 too; `trend` shows rates of year-to-date
    // alone, to which it makes no difference.
    w.run(&["show", "A1", "--month", "2024-04"])
        .expect_code(0)
        .expect_stderr("no report for 2024-03 gives a figure");
    let run = w.run(&["trend", "--to", "2024-04"]);
    run.expect_code(0);
    assert!(!run.stderr().contains("gives a figure"), "{}", run.stderr());
    // With the month before in the folder, or 本月完成投资 given, or in January: nothing to say.
    for args in [["--month", "2024-05"], ["--period", "2024-Q1"]] {
        let run = w.run(&[&["report"][..], &args[..]].concat());
        assert!(!run.stderr().contains("gives a figure"), "{args:?}");
    }
    w.write(
        "reports/2024-04.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,100,400\nB1,50,100\n",
    );
    let run = w.run(&["report", "--month", "2024-04"]);
    assert!(!run.stderr().contains("gives a figure"));
}

#[test]
fn last_years_rows_without_last_years_registry_are_checked_too() {
    // Last year's reports, read for 同比, with only this year's registry: none of the checks
    // across a project's months ran on them (0 findings), and 同比 came from figures that
    // contradict each other.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
             Q1,甲,甲区,续建,3000,100,\nQ2,乙,甲区,新建,1500,500,2024-03\n",
        )
        .write(
            "reports/2023-05.csv",
            "项目编号,累计完成投资,本月完成投资\nQ1,250,\nQ2,100,\n",
        )
        .write(
            "reports/2023-06.csv",
            "项目编号,累计完成投资,本月完成投资\nQ1,10,\nQ2,150,20\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\nQ1,450\nQ2,120\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line(
            "reports/2023-06.csv:2:2: warning: 累计完成投资 10 is lower than 250 reported for \
             2023-05",
        )
        .expect_line(
            "reports/2023-06.csv:3:3: error: 本月完成投资 20 disagrees with 累计完成投资 150 minus \
             last month's 100 (expected 本月 50 to fit the 累计, or 累计 120 to fit the 本月)",
        );
    // Only what the months say together: not this year's plan (far above it), nor this year's
    // new start (no status saying it started).
    let last_years: Vec<String> = run
        .stdout()
        .lines()
        .filter(|l| l.starts_with("reports/2023"))
        .map(str::to_string)
        .collect();
    assert!(
        !last_years
            .iter()
            .any(|l| l.contains("annual plan") || l.contains("new start")),
        "{last_years:?}"
    );
    // 本月 alone, months missing before it: named, as this year's are.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nQ1,甲,甲区,续建,3000,1000\n",
        )
        .write("reports/2023-05.csv", "项目编号,本月完成投资\nQ1,50\n")
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nQ1,450\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2023-05.csv:2:2: warning: 本月完成投资 50 is 2023-05's alone, and there is no \
         report for 2023-01 to 2023-04 before it",
    );
}

#[test]
fn a_finding_about_the_folder_itself_is_placed_alike_in_text_and_json() {
    // Text said `.:`, JSON `"file": ""`. And `show` without reports spoke of a bulletin.
    let w = Workdir::new();
    w.write("reports/readme.txt", "");
    w.run(&["check"])
        .expect_code(1)
        .expect_line(".: error: no registry found");
    let doc = w.run(&["check", "--format", "json"]).json();
    assert_eq!(doc["findings"][0]["file"], ".");
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\nA1,甲,甲区,续建,5000,1000,2024\n",
    );
    w.run(&["show", "A1"]).expect_code(2).expect_stderr(
        "there are no reports in the folder to take the latest month from; give --month",
    );
}

#[test]
fn figures_in_yi_rounded_to_two_places_are_not_a_disagreement() {
    // A form in 亿元, each figure rounded to 0.01亿: June's 本月 0.33 beside 累计 1.57 and May's
    // 1.23 (0.34 apart, 100 万元) was an error though each figure is right to its places.
    let w = june("项目编号,本月完成投资（亿元）,累计完成投资（亿元）\nA1,0.33,1.57\nA2,0.1,0.2\n");
    w.write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资（亿元）,累计完成投资（亿元）\nA1,0.2,1.23\nA2,0.1,0.1\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line("disagrees");
    // Two hundredths apart is more than rounding, and 万元 figures keep a cent's tolerance (but
    // for whole ones a 万元 apart, which may be rounded to the whole unit: a warning).
    w.write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资（亿元）,累计完成投资（亿元）\nA1,0.32,1.57\nA2,0.1,0.2\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:2: error: 本月完成投资（亿元） 3200 disagrees with 累计完成投资（亿元） \
         15700 minus last month's 12300 (expected 本月 3400 to fit the 累计, or 累计 15500 to fit \
         the 本月) (in 万元, as read from the file's unit)",
    );
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,33,157\nA2,10,20\n");
    w.write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,20,123\nA2,10,10\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:2:2: warning: 本月完成投资 33 differs");
    w.write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,33.5,157\nA2,10,20\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:2:2: error: 本月完成投资 33.5 disagrees");
}

#[test]
fn a_dash_or_slash_in_a_text_column_says_nothing() {
    // A district written `-` was a group ranked first; a project with id `-` was listed; `/`
    // under 存在问题 was a problem.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,项目类别,总投资,年度计划投资\n\
         A1,甲,-,续建,/,10000,5000\nA2,乙,西区,续建,—,10000,5000\n-,丙,西区,续建,工业,10000,5000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,存在问题,问题类别\nA1,2500,/,-\nA2,2500,-,\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "projects.csv:2:3: error: 所属县区 is \"-\", which says nothing (expected the \
             district",
        )
        .expect_line("projects.csv:4:1: error: 项目编号 is \"-\", which says nothing");
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    let groups: Vec<&str> = doc["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["西区"]);
    assert_eq!(doc["overview"]["projects"], 2);
    assert_eq!(doc["problems"].as_array().unwrap().len(), 0);
    let doc = report_json(
        &w,
        &["--month", "2024-06", "--allow-errors", "--by", "category"],
    );
    assert_eq!(doc["ranking"].as_array().unwrap().len(), 0);
}

#[test]
fn a_registry_file_named_or_titled_for_a_year_is_that_years() {
    // registry/2023年重点项目.csv beside 2024's, neither with 计划年度: last year's projects were
    // counted in this year's bulletin (plan 12000, not 7000; an overdue start of 2023).
    let w = Workdir::new();
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n";
    w.write(
        "registry/2023年重点项目.csv",
        format!("{header}A9,旧项目,东区,新建,9000,5000,2023-03\n"),
    )
    .write(
        "registry/2024年重点项目.csv",
        format!("{header}A1,甲,东区,续建,9000,3000,\nA2,乙,西区,续建,9000,4000,\n"),
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,2500\nA2,1000\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "registry/2023年重点项目.csv:1: note: has no 计划年度 column: its projects are read as \
         2023's, the year its name gives",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["projects"], 2);
    assert_eq!(doc["overview"]["annual_plan"], 7000.0);
    assert_eq!(doc["overview"]["overdue"], 0);
    // A title saying the year does the same for a file named for none.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        format!("金城市2023年重点项目计划表\n{header}A9,旧项目,东区,新建,9000,5000,2023-03\n"),
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA9,2500\n");
    w.run(&["check"]).expect_line(
        "projects.csv:2: note: has no 计划年度 column: its projects are read as 2023's, the year \
         its title gives",
    );
    // Two years in a title say none.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        format!("2023—2025年重点项目\n{header}A1,甲,东区,续建,9000,3000,\n"),
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,2500\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("the year its");
}

#[test]
fn a_registry_file_in_a_years_folder_is_that_years() {
    // registry/2023/ and registry/2024/, each year's files in a folder of its own: both read as
    // the latest report's year, A1 was twice in 2024's registry and 2023's A2 not reported.
    let w = Workdir::new();
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n";
    w.write(
        "registry/2023/projects.csv",
        format!("{header}A1,甲,东区,续建,9000,5000\nA2,乙,西区,续建,9000,800\n"),
    )
    .write(
        "registry/2024年项目/东区.csv",
        format!("{header}A1,甲,东区,续建,9000,3000\n"),
    )
    .write(
        "registry/2024年项目/2023年续建.csv",
        format!("{header}A7,丁,东区,续建,9000,600\n"),
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "registry/2023/projects.csv:1: note: has no 计划年度 column: its projects are read as \
             2023's, the year its folder's name gives",
        )
        .expect_no_line("未报送: A2");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["projects"], 1);
    assert_eq!(doc["overview"]["annual_plan"], 3000.0);
    // The file's own name comes before its folder's.
    let doc = report_json(&w, &["--month", "2023-06"]);
    assert_eq!(doc["overview"]["projects"], 3);
    assert_eq!(doc["overview"]["annual_plan"], 6400.0);
    // A folder for a range of years gives none (its 2023- is no date's).
    let w = Workdir::new();
    w.write(
        "registry/2023-2024/projects.csv",
        format!("{header}A1,甲,东区,续建,9000,5000\n"),
    )
    .write("reports/2023-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("the year its")
        .expect_no_line("before the plan year");
    // A plan's header giving another year than the folder's name: the header's year, read
    // before without a word, is said to be in doubt.
    let w = Workdir::new();
    w.write(
        "registry/2023/projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2024年计划投资\nA1,甲,东区,续建,9000,5000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "registry/2023/projects.csv:1: warning: has no 计划年度 column: its projects are read as \
         2024's, the year its 2024年计划投资 header gives, though its folder's name gives 2023 (add \
         a 计划年度 column to say which year they are)",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["annual_plan"], 5000.0);
}

#[test]
fn a_plans_header_naming_a_year_is_read_as_that_years_plan() {
    // `2024年计划投资（万元）`, as registries often head the plan, was no header xmtool knew: the
    // registry lacked its required 年度计划投资 and nothing was reported.
    let w = Workdir::new();
    w.write(
        "registry/东区.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2024年计划投资（万元）\n\
         A1,甲,东区,续建,9000,3000\n",
    )
    .write(
        "registry/西区.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2023年度投资计划\nA9,旧,西区,续建,9000,5000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "registry/西区.csv:1: note: has no 计划年度 column: its projects are read as 2023's, the \
         year its 2023年度投资计划 header gives",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["projects"], 1);
    assert_eq!(doc["overview"]["annual_plan"], 3000.0);
    assert_eq!(doc["overview"]["completion_rate"], 0.5);
    // Of this year's and next year's plans, each project's is its 计划年度's; a 计划年度 no
    // column names is an error, as which year the plan is for cannot be told.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,计划年度,2024年计划投资,2025年计划投资\n\
         A1,甲,东区,续建,9000,2024,3000,4000\nA2,乙,东区,续建,9000,2025,3000,4000\n\
         A3,丙,东区,续建,9000,2026,3000,4000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "columns 8 \"2025年计划投资\" and 7 \"2024年计划投资\" are the plans of 2025 and \
             2024: each project's plan is read from its plan year's column",
        )
        .expect_line(
            "projects.csv:4:6: error: 计划年度 is 2026, but the plan's column 2024年计划投资 is \
             2024's (which year is A3's plan for? expected 2024, or a plan's header without a \
             year)",
        )
        .expect_no_line("projects.csv:2:")
        .expect_no_line("projects.csv:3:");
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,计划年度,2024年计划投资,2025年计划投资（亿元）\n\
         A1,甲,东区,续建,9000,2024,3000,0.4\nA2,乙,东区,续建,9000,2025,3000,0.4\n",
    )
    .write("reports/2025-01.csv", "项目编号,累计完成投资\nA2,100\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0);
    let doc = report_json(&w, &["--month", "2025-01"]);
    assert_eq!(
        project(&doc, "A2")["annual_plan"],
        4000.0,
        "2025's, in 亿元"
    );
}

#[test]
fn of_plan_columns_a_year_each_the_registrys_years_is_read() {
    // Last year's plan beside this year's, no 计划年度: the earlier year's was read, making the
    // registry 2023's and every report of 2024 an error, though `year = 2024` was set.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2023年计划投资,2024年计划投资\n\
         A1,甲,东区,续建,9000,2000,3000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    // With nothing naming a year but the report files' names, the latest report's.
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:1: note: has no 计划年度 column: its projects are read as 2024's, the year \
         its 2024年计划投资 header gives, the latest report's year",
    );
    // With nothing naming a year, the earliest, and how to read another.
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/东区.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024-06,1500\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:1: note: has no 计划年度 column: its projects are read as 2023's, the year \
         its 2023年计划投资 header gives, the earliest of its plan columns' (`year = 2024` in \
         xmtool.toml reads 2024's)",
    );
    // The year in settings.
    w.write("xmtool.toml", "year = 2024\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("has no 计划年度 column");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0);
    // The year the file's name gives.
    w.write("xmtool.toml", "");
    std::fs::remove_file(w.file("projects.csv")).unwrap();
    w.write(
        "registry/2024年重点项目.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2023年计划投资,2024年计划投资\n\
         A1,甲,东区,续建,9000,2000,3000\n",
    );
    w.run(&["check"]).expect_code(0);
    // (No --month: nothing but the name gives 2024.)
    let doc = report_json(&w, &[]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0);
    // A blank 计划年度 takes the year in settings, and that year's plan.
    w.write("xmtool.toml", "year = 2024\n");
    w.write(
        "registry/2024年重点项目.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,计划年度,2023年计划投资,2024年计划投资\n\
         A1,甲,东区,续建,9000,,2000,3000\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0);
    // With no year in settings, the year the file's name gives.
    w.write("xmtool.toml", "");
    let blank_a1 = "项目编号,项目名称,所属县区,建设性质,总投资,计划年度,2023年计划投资,2024年计划投资\n\
                    A1,甲,东区,续建,9000,,2000,3000\nA2,乙,东区,续建,9000,2024,2000,3000\n";
    w.write("registry/2024年重点项目.csv", blank_a1);
    let doc = report_json(&w, &[]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0);
    // With nothing naming a year, the blank row's year is the other rows' (2024), but its plan
    // was read before that was known, from the earliest column: an error, not 2023's plan as
    // 2024's.
    std::fs::remove_file(w.file("registry/2024年重点项目.csv")).unwrap();
    w.write("registry/重点项目.csv", blank_a1);
    w.run(&["check"]).expect_code(1).expect_line(
        "registry/重点项目.csv:2:6: error: 计划年度 is empty, read as 2024, but the plan's column \
         2023年计划投资 is 2023's",
    );
    // Last year's registry beside this year's, each with next year's plan: each file's name
    // says its year, before --month's.
    let w = Workdir::new();
    w.write(
        "registry/2023年重点项目.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2023年计划投资,2024年计划投资\n\
         A1,甲,东区,续建,9000,2000,3000\n",
    )
    .write(
        "registry/2024年重点项目.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2024年计划投资,2025年计划投资\n\
         A1,甲,东区,续建,9000,3100,1000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3100.0);
    // Two columns of 2023 beside 2024's: 2024's projects are not said to differ from 2023's; a
    // plan column in a unit not converted is an error, not passed over.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,计划年度,2023年计划投资,2023年度投资计划,\
         2024年计划投资,2025年计划投资（万美元）\n\
         A1,甲,东区,续建,9000,2024,2000,2000,3000,5\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_no_line("differs")
        .expect_line(
            "projects.csv:1:10: error: column 10 \"2025年计划投资（万美元）\" is 2025's plan in a unit \
             xmtool does not convert",
        );
    // Two columns of 2024 beside 2023's: the second was dropped unseen, and the note named
    // 2023's column as the one read. It is compared with 2024's first, for 2024's projects.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2023年计划投资,2024年计划投资,2024年度投资计划\n\
         A1,甲,东区,续建,9000,2000,3000,3500\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "projects.csv:1:8: note: columns 8 \"2024年度投资计划\" and 7 \"2024年计划投资\" both \
             name 年度计划投资; using column 7",
        )
        .expect_line(
            "projects.csv:2:8: warning: 2024年度投资计划 3500 differs from 2024年计划投资 3000 in \
             column 7, which is read",
        );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0);
}

#[test]
fn a_plans_year_in_brackets_is_its_year() {
    // `年度计划投资（2023年）` beside `（2024年）`: the bracket was passed over as a unit's, both
    // read as one plan, the first column's (2023's) used and every differing row an error.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资（2023年）,年度计划投资（2024年）\n\
             A1,甲,东区,续建,9000,2000,3000\n",
        )
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:1:7: note: columns 7 \"年度计划投资（2024年）\" and 6 \
             \"年度计划投资（2023年）\" are the plans of 2024 and 2023",
        )
        .expect_no_line("differs from");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0);
}

#[test]
fn a_plan_column_named_in_settings_is_read_before_plans_of_several_years() {
    // `[aliases] annual_plan = ["今年计划"]` beside 2023's and 2024's plan columns: each row's
    // year's column was read, and the note said 2023's was.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2023年计划投资,2024年计划投资,今年计划\n\
         A1,甲,东区,续建,9000,2000,3000,3300\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1500\n")
    .write(
        "xmtool.toml",
        "year = 2024\n[aliases]\nannual_plan = [\"今年计划\"]\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:1:6: note: columns 6 \"2023年计划投资\" and 8 \"今年计划\" both name \
             年度计划投资; using column 8",
        )
        .expect_line("projects.csv:1:7: note: columns 7 \"2024年计划投资\" and 8 \"今年计划\"")
        .expect_no_line("are the plans of");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3300.0);
    // Beside a plain 年度计划投资 too: the alias names the plan (调整后年度计划投资, the plan
    // adjusted mid-year). The plain one was read, and the clerk's word passed over with a note.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,今年计划\n\
         A1,甲,东区,续建,9000,3000,3300\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3300.0);
    // Not so for an id: `id = ["统一项目代码"]`, for files without 项目编号, leaves 项目编号 the id
    // of a file with both.
    w.write(
        "projects.csv",
        "项目编号,统一项目代码,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,2212-620306-04-01-123456,甲,东区,续建,9000,3000\n",
    )
    .write(
        "xmtool.toml",
        "year = 2024\n[aliases]\nid = [\"统一项目代码\"]\n",
    );
    w.run(&["check"]).expect_code(0);
}

#[test]
fn settings_that_cannot_work_are_refused_and_named() {
    let w = june("项目编号,累计完成投资\nA1,2000\nA2,3000\n");
    let refused = |toml: &[u8], said: &str| {
        w.write("xmtool.toml", toml);
        w.run(&["check"]).expect_code(2).expect_stderr(said);
    };
    // An alias that is another column's header took that column ("项目编号 is missing").
    refused(
        "[aliases]\nname = [\"项目编号\"]\n".as_bytes(),
        "aliases.name has \"项目编号\", which is already a header of id (项目编号)",
    );
    refused(
        "[aliases]\ndistrict = [\"地区\"]\ndepartment = [\"地区\"]\n".as_bytes(),
        "\"地区\" is an alias of both",
    );
    refused(
        "[aliases]\ndepartment = [\"（万元）\"]\n".as_bytes(),
        "which names nothing once brackets and spaces are set aside",
    );
    refused(b"sheet = \"\"\n", "sheet = \"\" names no sheet");
    // A number in quotes: "data did not match any variant of untagged enum Number".
    refused(
        b"[thresholds]\nyellow_behind = \"10\"\n",
        "line 2: thresholds.yellow_behind = \"10\" is not a number of percentage points from 0 \
         to 1000000, without quotes",
    );
    // Saved as GBK (Notepad on Chinese Windows): refused as "not UTF-8" at a byte index.
    let (gbk, _, _) = encoding_rs::GBK.encode("# 设置\nyear = 2024\n");
    w.write("xmtool.toml", &*gbk);
    w.run(&["check"]).expect_code(0);
}

#[test]
fn a_yellow_threshold_of_zero_leaves_a_project_on_target_green() {
    let w = june("项目编号,累计完成投资\nA1,2000\nA2,2900\n");
    w.write(
        "xmtool.toml",
        "[thresholds]\nyellow_behind = 0\nred_behind = 0\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["light"], "green");
    assert_eq!(project(&doc, "A1")["light_reason"], "达到序时进度");
    assert_eq!(project(&doc, "A2")["light"], "red");
}

#[test]
fn a_group_written_two_ways_is_named() {
    // 高新区 and 高 新 区 (spaces to align names), ＸＹ新区 and XY新区: two groups in the
    // ranking, each district's figures split, without a word.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,甲,高新区,续建,9000,1000\nA2,乙,高新区,续建,9000,1000\nA3,丙,高 新 区,续建,9000,1000\n\
         A4,丁,ＸＹ新区,续建,9000,1000\nA5,戊,XY新区,续建,9000,1000\nA6,己,XY新区,续建,9000,1000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,500\nA2,500\nA3,500\nA4,500\nA5,500\nA6,500\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:4:3: warning: 所属县区 \"高 新 区\" (1 project) is \"高新区\" written \
             another way (spaces or full-width characters): they are two groups in the rankings",
        )
        .expect_line("projects.csv:5:3: warning: 所属县区 \"ＸＹ新区\" (1 project) is \"XY新区\"");
}

#[test]
fn a_date_or_last_years_column_says_no_year_of_its_own() {
    // A registry named for the day it was exported, or titled with the day it was made, was
    // read as that year's; a 2023年累计 column (for 同比) in a file of no month in its name was
    // read before 累计完成投资; and 2023年同期累计 beside 累计 was warned of as this year's.
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n";
    for (file, text) in [
        (
            "registry/重点项目库2025-01-05.csv",
            format!("{header}A1,甲,东区,续建,9000,3000\n"),
        ),
        (
            "projects.csv",
            format!(
                "金城市重点项目计划表（制表日期：2023年12月28日）\n{header}A1,甲,东区,续建,9000,3000\n"
            ),
        ),
    ] {
        let w = Workdir::new();
        w.write("xmtool.toml", "year = 2024\n")
            .write(file, text)
            .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,2500\n");
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("the year its");
    }
    let w = june(
        "项目编号,月份,本月完成投资,累计完成投资,2023年累计完成投资\nA1,2024-06,100,600,500\n\
         A2,2024-06,100,300,500\n",
    );
    w.write("reports/all.csv", w.read("reports/2024-06.csv"));
    std::fs::remove_file(w.path().join("reports/2024-06.csv")).unwrap();
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (600.0.into(), 300.0.into()));
    let w = june(
        "项目编号,本月完成投资,累计完成投资,2023年同期累计完成投资\nA1,100,600,500\nA2,100,300,500\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line(": warning:");
}

#[test]
fn a_listing_month_that_leaves_figures_out_is_named() {
    // 纳入时间 after the plan year kept a project out of every figure of the year, and a report
    // before 纳入时间 was left out of the month's bulletin, both without a word.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间,计划年度\n\
         A1,甲,东区,续建,9000,5000,,2024\nA2,乙,东区,续建,9000,3000,2025-01,2024\n\
         A3,丙,东区,续建,9000,3000,2024-08,2024\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,2500\nA2,900\nA3,900\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:3:7: warning: 纳入时间 2025-01 is after the plan year 2024: A2 is on no \
             list of 2024",
        )
        .expect_line(
            "reports/2024-06.csv:4:2: warning: investment is reported for A3 for 2024-06, before \
             its 纳入时间 2024-08 (projects.csv:4): it is on the list only from 2024-08",
        );
}

/// 纳入时间 (and 调出时间) are read as 计划开工时间 is: a time within a month, `2024年8月上旬`,
/// is that month, and a month of no year, `8月`, the plan year's; they were "not a month", an
/// error a row. A quarter says no one month a project counts from: an error that says so.
#[test]
fn a_listing_month_is_read_as_a_planned_start_is() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间,调出时间,计划年度\n\
         A1,甲,东区,续建,9000,5000,,11月底,2024\nA2,乙,东区,续建,9000,3000,2024年8月上旬,,2024\n\
         A3,丙,东区,续建,9000,3000,8月,,2024\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,2500\nA2,900\nA3,900\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not a month")
        .expect_line(
            "reports/2024-06.csv:3:2: warning: investment is reported for A2 for 2024-06, before \
             its 纳入时间 2024-08 (projects.csv:3)",
        )
        .expect_line(
            "reports/2024-06.csv:4:2: warning: investment is reported for A3 for 2024-06, before \
             its 纳入时间 2024-08 (projects.csv:4)",
        );
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间,计划年度\n\
         A1,甲,东区,续建,9000,5000,二季度,2024\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,2500\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:2:7: error: 纳入时间 \"二季度\" is a time of several months: which one the \
         project counts from or up to is not said",
    );
}

#[test]
fn rows_breaking_a_total_down_are_skipped() {
    // 其中 rows under 合计 (the way statistical forms break a total down) were "项目编号 is
    // empty", errors that stopped the bulletin.
    let w = june(
        "序号,项目编号,项目名称,累计完成投资\n合计,,,2500\n其中：省级项目,,,1000\n其中,,甲区,2500\n\
         ,,其中：新建项目,0\n,其中：续建,,2500\n1,A1,路网,1000\n2,A2,学校,1500\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:3: note: skipped the 其中：省级项目 row (part of a total, not a \
             project)",
        )
        .expect_line("reports/2024-06.csv:4: note: skipped the 其中 row")
        .expect_line("reports/2024-06.csv:5: note: skipped the 其中：新建项目 row")
        .expect_line("reports/2024-06.csv:6: note: skipped the 其中：续建 row");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 2500.0);
    // 其中 in another column of a project's row (形象进度) is no label: the row is no total's.
    let w = june(
        "项目编号,项目名称,累计完成投资,形象进度\nA1,路网,1000,其中主体完工\n,学校,10,其中主体完工\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_no_line("part of a total")
        .expect_line("reports/2024-06.csv:3:1: error: 项目编号 is empty");
}

#[test]
fn signatures_in_cells_of_their_own_and_totals_with_dashes_are_skipped() {
    // A label in its own cell put the name under 项目编号: "张三 is not in the registry". A
    // total whose text cells hold dashes was "项目编号 is "—", which says nothing"; Excel's
    // total row of a table (汇总) was "not in the registry".
    let w = june(
        "序号,项目编号,项目名称,本月完成投资,累计完成投资,项目状态
         1,A1,路网,300,2600,在建
2,A2,学校,150,450,在建
         合计,—,—,450,3050,—
汇总,,,450,3050,
         填表人：,张三,,,联系电话：,13800000000
         单位负责人：,王五,,填报人：,张三,联系电话：
         填报单位（盖章）：,,审核人：,李四,填报人：,张三
         制表人：张三,审核：李四,分管领导：王五,,,
         主管领导：,,科室负责人：,,经办人：,
",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line(": error:")
        .expect_line("reports/2024-06.csv:4: note: skipped the 合计 row (a total, not a project)")
        .expect_line("reports/2024-06.csv:5: note: skipped the 汇总 row (a total, not a project)")
        .expect_line(
            "reports/2024-06.csv:6: note: skipped the row \"填表人： 张三 联系电话： \
             13800000000\" (who filled in the form, not a project)",
        )
        .expect_line("reports/2024-06.csv:7: note: skipped the row \"单位负责人： 王五")
        .expect_line("reports/2024-06.csv:8: note: skipped the row \"填报单位（盖章）：")
        .expect_line("reports/2024-06.csv:9: note: skipped the row \"审核：李四\"")
        .expect_line("reports/2024-06.csv:10: note: skipped the row \"主管领导：");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 3050.0);
    // A dash in a project's own id is still said; 无 beside 合计 (no placeholder) is skipped
    // as a total, with a warning.
    let w = june(
        "项目编号,项目名称,累计完成投资
—,路网,2600
A2,学校,450
",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:2:1: error: 项目编号 is \"—\", which says nothing");
    let w = june("项目名称,项目编号,累计完成投资\n合计,无,3050\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:2: warning: skipped the 合计 row as a total, though its 项目编号 \
         holds \"无\": a project's row does not say 合计",
    );
    // A row with no id whose name begins with 审核 is no signature: its 项目编号 is said.
    let w = june("项目名称,项目编号,累计完成投资\n审核中心,,2600\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:2:2: error: 项目编号 is empty");
    // A project's row whose first cell is its name, ending in a colon, is read.
    let w = june("项目名称,项目编号,累计完成投资\n审核:,A1,2600\n学校,A2,450\n");
    w.run(&["check"]).expect_no_line("who filled in");
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 2600.0);
    // A repeat of the header with its 项目编号 written otherwise is a repeat.
    let w = june(
        "项目编号,项目名称,累计完成投资\nA1,路网,2600\n项目编号（必填）,项目名称,累计完成投资\nA2,学校,450\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:3: note: skipped a repeat of the header row");
}

#[test]
fn a_district_written_without_its_suffix_is_named() {
    // 东川 beside 东川区 was ranked as two districts without a word.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,东川区,续建,20000,4000\nA2,学校,东川,续建,30000,6000\n\
         A3,医院,东川区,续建,30000,6000\nA4,公园,永宁县,续建,30000,6000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,1\nA2,1\nA3,1\nA4,1\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:3:3: warning: 所属县区 \"东川\" (1 project) may be \"东川区\" written \
             short: they are two groups in the rankings (if they are one, write it one way)",
        )
        .expect_no_line("永宁");
    // With its city before it, or as its government: ranked apart without a word too.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资
         A1,路网,东川区,续建,20000,4000
A2,学校,金城市东川区,续建,30000,6000
         A3,医院,东川区人民政府,续建,30000,6000
A4,公园,永宁县,续建,30000,6000
         A5,桥,东川区北片,续建,30000,6000
",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:3:3: warning: 所属县区 \"金城市东川区\" (1 project) may be \"东川区\" \
             written with more words",
        )
        .expect_line(
            "projects.csv:4:3: warning: 所属县区 \"东川区人民政府\" (1 project) may be \"东川区\" \
             written with more words",
        )
        .expect_no_line("东川区北片")
        .expect_no_line("永宁");
}

#[test]
fn a_district_renamed_part_way_with_another_ending_is_named() {
    // 河东县 made 河东区 in July (撤县设区), a project added then listed under the new name
    // while the others keep the old: ranked as two districts without a word.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
         A1,路网,河东县,续建,20000,4000,\nA2,学校,河东县,续建,30000,6000,\n\
         A3,医院,河东区,续建,30000,6000,2024-07\nA4,公园,河西县,续建,30000,6000,\n\
         A5,桥,城关镇,续建,30000,6000,\nA6,路,城关乡,续建,30000,6000,\n\
         A7,港,长沙县,续建,30000,6000,\nA8,站,长沙市,续建,30000,6000,\n",
    )
    .write(
        "reports/2024-07.csv",
        "项目编号,累计完成投资\nA1,1\nA2,1\nA3,1\nA4,1\nA5,1\nA6,1\nA7,1\nA8,1\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:4:3: warning: 所属县区 \"河东区\" (1 project) may be \"河东县\" (2 \
             projects, the first at projects.csv:2) with another ending (renamed part way \
             through the year, 撤县设区?): they are two groups in the rankings (if they are one, \
             write it one way)",
        )
        .expect_no_line("河西县")
        .expect_no_line("城关")
        // (A county named for its city, 长沙县 beside 长沙市, is two places: none a 区.)
        .expect_no_line("长沙");
}

#[test]
fn an_id_that_lost_its_leading_zeros_is_said_to_have() {
    // A report saved from a spreadsheet has 1 for the registry's 001: "not in the registry",
    // with nothing to say why.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         001,路网,甲区,续建,20000,4000\n2,学校,甲区,续建,30000,6000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\n1,100\n002,200\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:2:1: error: 项目编号 1 is not in the registry for 2024 (the \
             registry has 001: their leading zeros differ (a spreadsheet drops them unless the \
             column is text))",
        )
        .expect_line("项目编号 002 is not in the registry for 2024 (the registry has 2:");
}

#[test]
fn a_month_of_no_year_in_the_month_column_takes_the_files_year() {
    // 报告月份 6月 in 2024-06.csv was "is not a month".
    let w = june("项目编号,报告月份,累计完成投资\nA1,6月,1000\nA2,06月份,1500\n");
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 2500.0);
    // Another month than the file's, or no year anywhere, is an error.
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,累计完成投资\nA1,5月,1000\n",
    )
    .write(
        "reports/甲区.csv",
        "项目编号,报告月份,累计完成投资\nA2,6月,1500\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:2:2: error: 报告月份 \"5月\" disagrees with the month 2024-06",
        )
        .expect_line(
            "reports/甲区.csv:2:2: error: 报告月份 \"6月\" gives no year, and neither the file's \
             name nor its folder's gives one",
        );
    // A year alone in the name, or a folder's, gives it.
    std::fs::remove_file(w.file("reports/甲区.csv")).unwrap();
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,累计完成投资\nA1,6月,1000\n",
    )
    .write(
        "reports/2024年/甲区汇总.csv",
        "项目编号,报告月份,累计完成投资\nA2,6月,1500\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 2500.0);
    // So does the month of the folder it came late in, June's report of `6月` in July's
    // (it was "gives no year"; without the column it was read as June's); `12月` in January's
    // is last year's.
    std::fs::remove_dir_all(w.file("reports/2024年")).unwrap();
    w.write(
        "reports/2024-07/甲区6月.csv",
        "项目编号,报告月份,累计完成投资\nA2,6月,1500\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 2500.0);
    w.write(
        "reports/2025-01/甲区12月.csv",
        "项目编号,报告月份,累计完成投资\nA2,12月,1800\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-06 to 2024-12)");
    // So in a year's folder's January, `reports/2025年/1月/` (its rows were 2025-12's, the
    // bulletin 2025-12's); and a file of January's folder whose rows say 12月 names 2024-12
    // (it named 2025-12, a month not come).
    std::fs::remove_dir_all(w.file("reports/2025-01")).unwrap();
    w.write(
        "reports/2025年/1月/甲区12月.csv",
        "项目编号,报告月份,累计完成投资\nA2,12月,1800\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("(2024-06 to 2024-12)");
    std::fs::remove_dir_all(w.file("reports/2025年")).unwrap();
    w.write(
        "reports/2025-01/甲区.csv",
        "项目编号,报告月份,累计完成投资\nA2,12月,1800\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("error: 报告月份 \"12月\" disagrees with the month 2025-01");
}

#[test]
fn a_new_start_with_no_planned_start_column_names_the_start_column_not_read() {
    // A registry headed 开工时间 gave "计划开工时间 is missing for the new start A1", though a
    // start was there in a column xmtool does not read.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,开工时间\n\
         A1,路网,甲区,新建,20000,4000,2024-03\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,100,在建\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:2: error: the new start A1 has no planned start: the registry has no \
         计划开工时间 column (新建 projects need one, e.g. 2024-03; column 7 \"开工时间\" is not read \
         as one: name it 计划开工时间, or add it under [aliases] planned_start in xmtool.toml)",
    );
    // An actual start is not suggested as the planned one.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,实际开工时间\n\
         A1,路网,甲区,新建,20000,4000,2024-03\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "the registry has no 计划开工时间 column (新建 projects need one, e.g. 2024-03)",
        )
        .expect_no_line("is not read as one");
}

#[test]
fn free_text_under_the_stage_header_is_no_stage() {
    // A 年度目标 column of targets written out (完成主体结构施工) made each project a stage of
    // its own in the structure table and the ranking by stage.
    let targets = [
        "完成主体结构施工",
        "竣工投产类",
        "开展前期工作",
        " 加快 建设一批",
        "完成征地拆迁",
        "完成设备安装",
        "开工建设",
        "完成可研批复",
        "建成通车",
        "完成招标",
    ];
    let mut registry =
        String::from("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,年度目标\n");
    let mut report = String::from("项目编号,累计完成投资\n");
    for (i, target) in targets.iter().enumerate() {
        registry.push_str(&format!("A{i},项目{i},甲区,续建,20000,4000,{target}\n"));
        report.push_str(&format!("A{i},100\n"));
    }
    let w = Workdir::new();
    w.write("projects.csv", &registry)
        .write("reports/2024-06.csv", &report);
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:2:7: warning: 年度目标 in 8 rows (\"完成主体结构施工\" here, the first) is \
         not a stage: read as no stage (expected 竣工投产, 加快建设, 争取开工 or 加快前期; the \
         column has more than 8 different values, read as targets written out: only 四个一批's \
         are stages; a city's own are named by `stages` in xmtool.toml)",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    let stages: Vec<&Value> = ["A0", "A1", "A2", "A3"]
        .iter()
        .map(|id| &project(&doc, id)["stage"])
        .collect();
    assert_eq!(
        stages,
        [
            &Value::Null,
            &json!("竣工投产"),
            &Value::Null,
            &json!("加快建设")
        ]
    );
    let groups: Vec<&str> = doc["structure"]["stage"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["竣工投产", "加快建设", "(未填)"]);

    // A column of few values is one of stages, each as written (竣工, 新开工 in 推进类别).
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,推进类别\n\
         A1,路网,甲区,续建,20000,4000,竣工\nA2,学校,甲区,续建,30000,6000,新开工\n\
         A3,园区,乙区,续建,30000,6000,前期\nA4,水厂,乙区,续建,30000,6000,竣工投产类\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nA2,200\nA3,300\nA4,400\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("not a stage");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A2")["stage"], "新开工");
    assert_eq!(project(&doc, "A4")["stage"], "竣工投产");

    // A city's own stages, named in settings, are stages; 四个一批's are then not.
    w.write("xmtool.toml", "stages = [\"签约一批\", \"开工一批\"]\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,年度目标\n\
             A1,路网,甲区,续建,20000,4000,签约\nA2,学校,甲区,续建,30000,6000,开工一批\n\
             A3,园区,乙区,续建,30000,6000,竣工投产\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\nA1,100\nA2,200\nA3,300\n",
        );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:4:7: warning: 年度目标 \"竣工投产\" is not a stage: read as no stage \
         (expected 签约一批 or 开工一批;",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["stage"], "签约一批");
    assert_eq!(project(&doc, "A2")["stage"], "开工一批");

    // Stages that cannot work are refused.
    for (settings, said) in [
        ("stages = []", "stages = [] names no stage"),
        (
            "stages = [\"开工\", \"开工一批\"]",
            "stages has \"开工\" and \"开工一批\", which are one stage",
        ),
        ("stages = [\" \"]", "which names no stage"),
    ] {
        w.write("xmtool.toml", settings);
        w.run(&["check"]).expect_code(2).expect_stderr(said);
    }
}

#[test]
fn last_years_rows_whose_id_matches_no_project_are_said() {
    // An id mistyped in last year's report (P04 for P4) left P4 out of 同比 without a word.
    let w = june("项目编号,累计完成投资\nA1,600\nA02,900\n");
    w.write(
        "reports/2023-06.csv",
        "项目编号,累计完成投资\nA1,400\nA02,100\nZ9,50\nZ8,30\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2023-06.csv:3:1: warning: 项目编号 A02 is in no year of the registry (the \
             registry has A2: the zeros of their numbers differ): this row of 2023 is left out \
             of year-on-year comparison (同比)",
        )
        .expect_line(
            "reports/2023-06.csv:2: note: 4 rows for 2023, before the plan year 2024: used for \
             year-on-year comparison (同比) and what they say of a start; 2 rows' 项目编号 (Z9 at \
             line 4, the first) are in no year of the registry, so compared with nothing (a \
             project finished in 2023, or an id mistyped?)",
        )
        // This year's says how it differs too.
        .expect_line(
            "reports/2024-06.csv:3:1: error: 项目编号 A02 is not in the registry for 2024 (the \
             registry has A2: the zeros of their numbers differ)",
        );
    // One row alone, matching nothing.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,600\nA2,900\n",
    )
    .write("reports/2023-06.csv", "项目编号,累计完成投资\nZ9,50\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2023-06.csv:2: note: 1 row for 2023, before the plan year 2024: used for \
         year-on-year comparison (同比) and what they say of a start; its 项目编号 (Z9 at line \
         2) is in no year of the registry",
    );
}

#[test]
fn a_period_as_a_bulletin_names_it_is_that_period() {
    // `--period 2024年1-6月` was refused, naming 2024-H1; 2024年上半年 and 2024年第二季度 too.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    for (asked, period) in [
        ("2024年1-6月", "2024-H1"),
        ("2024年上半年", "2024-H1"),
        ("2024年第二季度", "2024-Q2"),
    ] {
        let doc = w
            .run(&["report", "--period", asked, "--format", "json"])
            .json();
        assert_eq!(doc["period"], period, "{asked}");
        assert_eq!(doc["month"], "2024-06", "{asked}");
    }
    w.run(&["report", "--month", "2024年1-6月"])
        .expect_code(2)
        .expect_stderr("is a range of months");
}

#[test]
fn period_help_names_the_forms_it_takes() {
    // `report --help` and `export --help` named 2024年第二季度 and 2024年上半年 but not
    // 2024年Q2 or 2024年H1, taken since, nor that a quarter of no year (Q2, 二季度) is refused.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    for command in ["report", "export"] {
        let help = w.run(&[command, "--help"]);
        help.expect_code(0);
        let text = help
            .stdout()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        for form in [
            "2024年二季度",
            "2024年Q2",
            "2024年H1",
            "Q2 or 二季度 alone is refused",
        ] {
            assert!(text.contains(form), "{command} --help: no {form}: {text}");
        }
    }
    for (asked, period) in [
        ("2024年Q2", "2024-Q2"),
        ("2024年H1", "2024-H1"),
        ("2024年二季度", "2024-Q2"),
    ] {
        let doc = w
            .run(&["report", "--period", asked, "--format", "json"])
            .json();
        assert_eq!(doc["period"], period, "{asked}");
    }
    for asked in ["Q2", "二季度"] {
        w.run(&["report", "--period", asked]).expect_code(2);
    }
}

#[test]
fn a_range_with_its_month_sign_left_off_is_that_range() {
    // `--period 2024年1-6` was read as a date, 6 January: January's bulletin. In a cell it is
    // still a date: 实际开工时间 2024年3-10 is 10 March, not March to October.
    let w = june("项目编号,实际开工时间,累计完成投资\nA1,2024年3-10,600\nA2,,900\n");
    w.run(&["check"]).expect_code(0);
    assert_eq!(
        project(&report_json(&w, &["--month", "2024-06"]), "A1")["actual_start"],
        "2024-03"
    );
    let doc = w
        .run(&["report", "--period", "2024年1-6", "--format", "json"])
        .json();
    assert_eq!(doc["period"], "2024-H1");
    assert_eq!(doc["month"], "2024-06");
    w.run(&["report", "--month", "2024年1-6"])
        .expect_code(2)
        .expect_stderr("is a range of months");
}

#[test]
fn a_csv_says_what_its_start_rate_counts_over() {
    // With `start_rate_denominator = "planned"`, the CSV ranking's 开工率(分母) did not say so: a
    // CSV has no note under its table.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    w.write("xmtool.toml", "start_rate_denominator = \"planned\"\n");
    let planned =
        "开工率(分母：续建、计划于本月或之前开工、已开工及未注明建设性质和开工时间的项目)";
    w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "--table", "ranking",
    ])
    .expect_code(0)
    .expect_line(&format!("开工率,开工率(分子),{planned},"));
    w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "--table", "overview",
    ])
    .expect_code(0)
    .expect_line(&format!("{planned},100.00%,2,2,%"));
}

#[test]
fn a_planned_finish_of_a_year_alone_stops_no_bulletin() {
    // 计划竣工时间 "2026年" or "2025年底" was an error, though the column counts in no figure;
    // 建设性质 "续 建", spaced out to fill its cell, was not known.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划竣工时间\n\
         A1,路网,甲区,续 建,20000,4000,2026年\nA2,学校,甲区,续建,30000,6000,2025年底\n\
         A3,园区,甲区,续建,30000,6000,明年\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nA2,200\nA3,300\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:4:7: warning: 计划竣工时间 \"明年\" is not a month: not read (it counts \
             in no figure;",
        )
        .expect_no_line("\"2026年\"");
    let show = w.run(&["show", "A2", "--format", "json"]).json();
    assert_eq!(show["planned_finish"], "2025-12", "{show}");
}

#[test]
fn a_planned_finish_before_the_planned_start_is_warned_of() {
    // 计划竣工时间 2023-12 beside 计划开工时间 2024-03 (a year mistyped, or the columns
    // swapped) was read without a word. A start said loosely, 二季度, is read as its last month
    // and so is not weighed by it: a finish in May is not said to come before it.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,计划竣工时间\n\
         A1,路网,甲区,新建,20000,4000,2024-03,2023-12\n\
         A2,学校,甲区,新建,30000,6000,2024年二季度,2024-05\n\
         A3,园区,甲区,新建,30000,6000,2024-03,2024年3月底\n\
         A4,水厂,甲区,新建,30000,6000,2024年二季度,2023年\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nA2,200\nA3,300\nA4,400\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:2:8: warning: 计划竣工时间 2023-12 is before 计划开工时间 2024-03 (a \
             year mistyped, or the two columns swapped?); it counts in no figure",
        )
        .expect_line(
            "projects.csv:5:8: warning: 计划竣工时间 2023-12 is before 计划开工时间 2024-06",
        )
        .expect_no_line("projects.csv:3:")
        .expect_no_line("projects.csv:4:");
}

#[test]
fn a_row_whose_figure_could_not_be_read_is_not_said_to_give_none() {
    // A row whose 累计 was "abc" (an error) was also "未报送 … (its row gives no figure)", as
    // if it were a blank template row.
    let w = june("项目编号,累计完成投资\nA1,abc\nA2,900\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:2:2: error: 累计完成投资 \"abc\" is not a number")
        .expect_line(
            "未报送: A1 路网 has no report for 2024-06 (its row, reports/2024-06.csv:2, has an \
             error and gives no figure)",
        )
        .expect_no_line("(its row gives no figure)");
}

#[test]
fn a_status_spaced_out_to_fill_its_cell_is_known() {
    // 项目状态 "在 建" was warned unknown, and its new project not counted as started.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,新建,20000,4000,2024-03\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,项目状态,累计完成投资\nA1,在 建,100\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line("项目状态");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["started"], true);
}

#[test]
fn a_planned_finish_by_a_months_end_or_within_a_half_is_its_last_month() {
    // 计划竣工时间 "2026年6月底", "2026年年底" and "2026年上半年" were warned "is not a month".
    let w = Workdir::new();
    let finishes = [
        ("2026年6月底", "2026-06"),
        ("2026年年底", "2026-12"),
        ("2026年上半年", "2026-06"),
        ("2026年第三季度", "2026-09"),
        ("2026年10月前", "2026-10"),
        ("2025年底前", "2025-12"),
        ("2026年6月以前", "2026-06"),
    ];
    let mut registry =
        String::from("项目编号,项目名称,所属县区,总投资,年度计划投资,计划竣工时间\n");
    let mut report = String::from("项目编号,累计完成投资\n");
    for (i, (finish, _)) in finishes.iter().enumerate() {
        registry.push_str(&format!("A{i},路网,甲区,20000,4000,{finish}\n"));
        report.push_str(&format!("A{i},100\n"));
    }
    w.write("projects.csv", &registry)
        .write("reports/2024-06.csv", &report);
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("计划竣工时间");
    for (i, (finish, month)) in finishes.iter().enumerate() {
        let show = w
            .run(&["show", &format!("A{i}"), "--format", "json"])
            .json();
        assert_eq!(show["planned_finish"], *month, "{finish}");
    }
}

#[test]
fn a_file_named_for_another_month_than_its_year_and_month_folders_is_said() {
    // reports/2024年/7月/东区2024-06.csv was read as June's without the warning that
    // reports/2024-07/东区2024-06.csv gets.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    w.write(
        "reports/2024年/7月/东区2024-05.csv",
        "项目编号,累计完成投资\nA1,500\nA2,800\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024年/7月/东区2024-05.csv: warning: is named for 2024-05 but is in a folder for \
         2024-07; its rows are read as 2024-05's",
    );
}

#[test]
fn a_file_named_for_a_month_of_no_year_in_another_months_folder_is_said() {
    // reports/2024-07/东区6月.csv and reports/2024年/7月/5月.csv were read as July's without a
    // word: a name of a month with no year was not compared with the folder's.
    let w = june("项目编号,累计完成投资\nA1,600\n");
    w.write(
        "reports/2024-07/东区6月.csv",
        "项目编号,累计完成投资\nA2,900\n",
    )
    .write(
        "reports/2024年/7月/5月.csv",
        "项目编号,累计完成投资\nA1,500\n",
    )
    .write("reports/2024-07/东区1-7月.csv", "项目编号,累计完成投资\n")
    .write(
        "reports/2024-07/西区6月5日报送.csv",
        "项目编号,累计完成投资\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-07/东区6月.csv: warning: is named for 6月 but is in a folder for \
             2024-07; its rows are read as 2024-06's (rename the file or move it to the right \
             month's folder)",
        )
        .expect_line(
            "reports/2024年/7月/5月.csv: warning: is named for 5月 but is in a folder for \
             2024-07; its rows are read as 2024-05's",
        )
        .expect_no_line("东区1-7月.csv: warning: is named")
        .expect_no_line("报送.csv: warning: is named");
}

#[test]
fn a_late_report_put_in_the_next_months_folder_is_read_as_its_names_month() {
    // June's report of a district, come after July's bulletin was made and put in July's
    // folder as 乙区6月.csv, was read as July's: the July bulletin had the district reported with
    // June's figures, and June's had it not reported, with no error.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,20000,4000\nB1,学校,乙区,续建,30000,6000\n",
    )
    .write(
        "reports/2024-06/甲区.csv",
        "项目编号,累计完成投资\nA1,600\n",
    )
    .write(
        "reports/2024-07/甲区.csv",
        "项目编号,累计完成投资\nA1,700\n",
    )
    .write(
        "reports/2024-07/乙区6月.csv",
        "项目编号,累计完成投资\nB1,900\n",
    );
    let june = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&june, "B1")["reported"], true);
    assert_eq!(project(&june, "B1")["ytd_investment"], 900.0);
    let july = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(project(&july, "B1")["reported"], false);
    // A month after the folder's by more than half a year is the year before's: 12月 in
    // 2025-01/ is 2024's December.
    w.write(
        "reports/2025-01/乙区12月.csv",
        "项目编号,累计完成投资\nB1,5000\n",
    );
    w.run(&["check"]).expect_line(
        "reports/2025-01/乙区12月.csv: warning: is named for 12月 but is in a folder for 2025-01; \
         its rows are read as 2024-12's",
    );
    // A month after the folder's cannot be a late report's: the folder's month, with the
    // warning (it was read as the name's, a month to come, and the bulletin went to it).
    w.write(
        "reports/2024-07/乙区12月.csv",
        "项目编号,累计完成投资\nB1,1000\n",
    );
    w.run(&["check"]).expect_line(
        "reports/2024-07/乙区12月.csv: warning: is named for 12月 but is in a folder for 2024-07; \
         its rows are read as 2024-07's",
    );
    std::fs::remove_file(w.file("reports/2024-07/乙区12月.csv")).unwrap();
    // A folder of a month of no year below the month's, 2024-07/6月/, is read as a name of one.
    std::fs::remove_file(w.file("reports/2024-07/乙区6月.csv")).unwrap();
    w.write(
        "reports/2024-07/6月/乙区.csv",
        "项目编号,累计完成投资\nB1,900\n",
    );
    let june = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&june, "B1")["ytd_investment"], 900.0);
    std::fs::remove_file(w.file("reports/2024-07/6月/乙区.csv")).unwrap();
    // A month's folder said with 份 or in Chinese numerals is named as just a month.
    for folder in ["2024年7月份", "2024年七月"] {
        let file = format!("reports/{folder}/乙区6月.csv");
        w.write(&file, "项目编号,累计完成投资\nB1,900\n");
        w.run(&["check"]).expect_line(&format!(
            "{file}: warning: is named for 6月 but is in a folder for 2024-07; its rows are read \
             as 2024-06's"
        ));
        std::fs::remove_file(w.file(&file)).unwrap();
    }
    // With a 报告月份 column, its rows say their months: July's in last month's file filled
    // in again, its name left as it was, or June's come late.
    w.write(
        "reports/2024-07/乙区6月.csv",
        "项目编号,报告月份,累计完成投资\nB1,2024-07,950\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-07/乙区6月.csv: warning: is named for 6月 but is in a folder for 2024-07; \
         its rows are read as the months their 报告月份 gives",
    );
    let july = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(project(&july, "B1")["ytd_investment"], 950.0);
    w.write(
        "reports/2024-07/乙区6月.csv",
        "项目编号,报告月份,累计完成投资\nB1,2024-06,900\n",
    );
    w.run(&["check"]).expect_code(0);
    let june = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&june, "B1")["ytd_investment"], 900.0);
    std::fs::remove_file(w.file("reports/2024-07/乙区6月.csv")).unwrap();
    // A name dated alone, in a folder of a month of no year below the month's: that month.
    w.write(
        "reports/2024-07/6月/乙区20240705.csv",
        "项目编号,累计完成投资\nB1,900\n",
    );
    let june = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&june, "B1")["ytd_investment"], 900.0);
    std::fs::remove_file(w.file("reports/2024-07/6月/乙区20240705.csv")).unwrap();
    // In a folder named with more than its month, the folder's month, as before.
    w.write(
        "reports/2024年8月重点项目/乙区6月.csv",
        "项目编号,累计完成投资\nB1,1000\n",
    );
    w.run(&["check"]).expect_line(
        "reports/2024年8月重点项目/乙区6月.csv: warning: is named for 6月 but is in a folder for \
         2024-08; its rows are read as 2024-08's",
    );
}

#[test]
fn a_unit_after_a_headers_name_outside_brackets_is_applied() {
    // `累计完成投资/亿元` and `本月完成投资 亿元` were not known; an alias naming them read
    // 0.06 (亿元) as 0.06 万元.
    let w = june("项目编号,本月完成投资/亿元,累计完成投资 亿元\nA1,0.01,0.06\nA2,0.02,0.09\n");
    w.run(&["check"]).expect_code(0);
    let (a1, a2) = ytds(&w);
    assert_eq!((a1, a2), (json!(600.0), json!(900.0)));
    w.write(
        "xmtool.toml",
        "[aliases]\nytd_investment = [\"年累计/亿元\"]\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,年累计/亿元\nA1,0.06\nA2,0.09\n",
    );
    let (a1, _) = ytds(&w);
    assert_eq!(a1, json!(600.0));
}

#[test]
fn nothing_said_in_words_is_nothing() {
    // 存在问题 "无" and "暂无" were listed as problems, 问题类别 "无" was a category, 包抓领导
    // "无" a leader ranked as one; 实际开工时间 "未开工" or "无" was an error; statuses such
    // as 施工中 and 竣工验收 were unknown.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,包抓领导\n\
         A1,路网,甲区,续建,20000,4000,,无\nA2,学校,甲区,新建,30000,6000,2024-03,暂无\n\
         A3,园区,乙区,新建,30000,6000,2024-09,张三\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态,实际开工时间,存在问题,问题类别\n\
         A1,100,施工中,无,无,无\nA2,200,竣工验收,2024-03,暂无,\nA3,0,尚未开工,未开工,无问题,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("项目状态")
        .expect_no_line("实际开工时间");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["problems"], json!([]), "{}", doc["problems"]);
    assert_eq!(project(&doc, "A2")["started"], true);
    assert_eq!(project(&doc, "A3")["started"], false);
    // In an amount's cell, 无 may mean 0: an error to mend, not a figure left out.
    let w2 = june("项目编号,本月完成投资\nA1,无\nA2,900\n");
    w2.run(&["check"])
        .expect_code(1)
        .expect_line("本月完成投资 \"无\" is not a number");
    let by_leader = report_json(&w, &["--month", "2024-06", "--by", "leader"]);
    let groups: Vec<&str> = by_leader["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["张三"]);
}

#[test]
fn a_required_amount_written_as_a_dash_is_named_as_written() {
    // 年度计划投资 "—" was "is empty".
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,总投资,年度计划投资\nA1,路网,甲区,20000,—\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,100\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("年度计划投资 is \"—\", which says nothing (expected");
}

#[test]
fn an_id_written_otherwise_than_the_registrys_is_named() {
    // jc2024-002, JC2024—003 and 1005.0 were "not in the registry (expected an id from the
    // registry)", with no word of the registry's JC2024-002, JC2024-003 and 1005.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,总投资,年度计划投资\n\
         JC2024-002,路网,甲区,20000,4000\nJC2024-003,学校,甲区,20000,4000\n\
         1005,园区,甲区,20000,4000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\njc2024-002,100\nJC2024—003,100\n1005.0,100\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "项目编号 jc2024-002 is not in the registry for 2024 (the registry has JC2024-002: \
             their letters differ in case)",
        )
        .expect_line("(the registry has JC2024-003: their spaces or marks differ)")
        .expect_line(
            "(the registry has 1005: a spreadsheet wrote the id as a number, with decimals)",
        );
}

#[test]
fn remarks_and_short_signatures_under_a_form_are_skipped() {
    // "备注：" under 序号 with its text under 项目编号 was "not in the registry", and a
    // signature said short, "制表：张三", "项目编号 is empty": each an error, the bulletin stopped.
    let w = june(
        "序号,项目编号,项目名称,累计完成投资\n1,A1,路网,600\n2,A2,学校,900\n\
         备注：,本表数据截至6月25日,,\n注1：,含省级项目,,\n说明,以上数据未经审核,,\n\
         制表：张三,,审核：李四,\n备注,A3项目已停工,,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:4: note: skipped the row \"备注： 本表数据截至6月25日\" (a remark \
             on the form, not a project)",
        )
        .expect_line("reports/2024-06.csv:5: note: skipped the row \"注1： 含省级项目\"")
        .expect_line("reports/2024-06.csv:6: note: skipped the row \"说明 以上数据未经审核\"")
        .expect_line(
            "reports/2024-06.csv:7: note: skipped the row \"制表：张三\" (who filled in the form",
        )
        .expect_line("reports/2024-06.csv:8: note: skipped the row \"备注 A3项目已停工\"");
    // A remark saying 汇总 is no total (it was "skipped the … row (a total, not a project)").
    w.write(
        "reports/2024-06.csv",
        "项目编号,项目名称,累计完成投资\nA1,路网,600\nA2,学校,900\n备注：本表由县发改局汇总,,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:4: note: skipped the row \"备注：本表由县发改局汇总\" (a remark on \
             the form, not a project)",
        )
        .expect_no_line("a total");
    // Not a remark: an id under 项目编号 (the row is read, and its id looked up), or a word
    // beginning so (说明书 …).
    w.write(
        "reports/2024-06.csv",
        "序号,项目编号,项目名称,累计完成投资\n1,A1,路网,600\n备注：,A9,学校,900\n\
         说明书印刷,,,5\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:3:2: error: 项目编号 A9 is not in the registry")
        .expect_no_line("a remark")
        .expect_line("reports/2024-06.csv:4:2: error: 项目编号 is empty");
    // A remark naming a unit in the cell beside its label is weighed as a unit under the
    // figures is: the one they are read in is no error, another is (it was "not in the
    // registry" either way).
    w.write(
        "reports/2024-06.csv",
        "序号,项目编号,项目名称,累计完成投资\n1,A1,路网,600\n注：,单位：万元,,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("skipped the row \"注： 单位：万元\" (a remark on the form, not a project)");
    w.write(
        "reports/2024-06.csv",
        "序号,项目编号,项目名称,累计完成投资\n1,A1,路网,600\n备注：,金额单位为亿元,,\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:3: error: \"备注： 金额单位为亿元\" comes after the header, where a \
         unit is not applied",
    );
}

#[test]
fn a_problem_of_several_categories_counts_under_each() {
    // "土地、资金" was a category of its own: 资金 counted once of twice, 土地 not at all.
    let w = june(
        "项目编号,累计完成投资,存在问题,问题类别\nA1,600,征地未完成；资金不到位,\"土地、资金\"\n\
         A2,900,资金紧张,资金\n",
    );
    let out = w.run(&["report", "--month", "2024-06"]);
    out.expect_code(0).expect_line("土地 1，资金 2");
    let stdout = out.stdout();
    let problems = stdout.split("存在问题（按类别）").nth(1).unwrap_or("");
    let rows = problems.lines().filter(|l| l.contains("| A1 ")).count();
    assert_eq!(rows, 2, "A1 under 土地 and under 资金:\n{}", out.stdout());
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["problems"][0]["category"], "土地、资金");
    assert_eq!(doc["problems"][0]["categories"], json!(["土地", "资金"]));
    assert_eq!(doc["problems"][1]["categories"], json!(["资金"]));
    // Not within brackets, nor into parts of one character.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,存在问题,问题类别\nA1,600,缺口,\"资金（融资、贷款）\"\n\
         A2,900,配套滞后,\"水、电、气配套\"\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        doc["problems"][0]["categories"],
        json!(["资金（融资、贷款）"])
    );
    assert_eq!(doc["problems"][1]["categories"], json!(["水、电、气配套"]));
}

#[test]
fn no_problem_written_out_is_no_problem() {
    // 暂无问题 and 无。 were listed as problems of (未填); a 问题类别 left beside 无 (last month's,
    // the problem solved) lists none.
    let w = june("项目编号,累计完成投资,存在问题,问题类别\nA1,600,暂无问题,\nA2,900,无,资金\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["problems"], json!([]));
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,存在问题\nA1,600,无。\nA2,900,目前暂无问题\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["problems"], json!([]));
}

#[test]
fn months_spaced_out_are_read_and_a_time_after_a_date_passed_over() {
    // "2024 年 6 月" was "not a month"; a first reading of it read "2024年6月1日 12:00" as no
    // month.
    let w = june(
        "项目编号,报告月份,累计完成投资,实际开工时间\nA1,2024 年 6 月,600,2023年 3月\n\
         A2,2024年6月1日 12:00,900,2023 年 5 月 1 日\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("2 report rows (2024-06)");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["actual_start"], "2023-03");
    assert_eq!(project(&doc, "A2")["actual_start"], "2023-05");
    // A year written short before 年, spaces around a dash or slash, a dash of another width:
    // each was "not a month".
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,累计完成投资,实际开工时间\nA1,24年6月,600,2024—03\n\
         A2,2024 - 06,900,23年5月1日\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("2 report rows (2024-06)");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["actual_start"], "2024-03");
    assert_eq!(project(&doc, "A2")["actual_start"], "2023-05");
}

#[test]
fn a_unit_said_under_the_figures_is_an_error_and_signatures_are_skipped() {
    // "单位：亿元" under the figures was skipped as a heading, and the figures read as 万元; a
    // row "单位负责人：李四" or a numbered note "2.金额单位：万元" was "not in the registry".
    let w = june("项目编号,累计完成投资\nA1,0.06\nA2,0.09\n单位：亿元,\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:4: error: \"单位：亿元\" comes after the header, where a unit is not \
         applied: the amounts are read in 万元",
    );
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,600\nA2,900\n单位负责人：李四,\n2.金额单位：万元,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("skipped the row \"单位负责人：李四\" (who filled in the form")
        .expect_line("skipped the heading row \"2.金额单位：万元\"")
        .expect_no_line(": error:");
    // A note under the figures naming the unit they are read in is no error; one naming
    // another is.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,600\nA2,900\n注：金额单位为万元,\n",
    );
    w.run(&["check"]).expect_code(0);
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,600\nA2,900\n注：金额单位为亿元,\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("\"注：金额单位为亿元\" comes after the header");
    // A unit said above the table and again under it agrees: no error.
    w.write(
        "reports/2024-06.csv",
        "单位：亿元\n项目编号,累计完成投资\nA1,0.06\nA2,0.09\n单位：亿元,\n",
    );
    w.run(&["check"]).expect_code(0);
    let (a1, _) = ytds(&w);
    assert_eq!(a1, json!(600.0));
}

#[test]
fn a_months_figure_above_what_its_year_to_date_rose_by_across_a_gap_is_an_error() {
    // With February missing, March's 本月 50 beside a 累计 that rose 20 since January's was
    // taken as it was; with February there, the same row is an error.
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,100,600\nA2,100,900\n");
    w.write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,100,100\nA2,100,100\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,50,120\nA2,0,90\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:2:2: error: 本月完成投资 50 is more than 累计完成投资 rose since \
             2024-01's report (100 to 120, 20), with no report between (expected at most 20, or \
             the missing months' reports)",
        )
        // (A 累计 that fell is a warning of its own.)
        .expect_no_line("reports/2024-03.csv:3:2: error")
        .expect_line("reports/2024-03.csv:3:3: warning: 累计完成投资 90 is lower than 100");
}

#[test]
fn a_name_dated_alone_is_its_folders_month() {
    // reports/2024-06/东区20240705.csv (sent on 5 July) was read as July's, leaving June's
    // bulletin with every project carried and 未报送; a dated name in no month's folder was
    // read as the date's month without a word.
    let w = june("项目编号,累计完成投资\nA1,600\n");
    w.write(
        "reports/2024-06/东区20240705.csv",
        "项目编号,累计完成投资\nA2,900\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("东区20240705.csv");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A2")["ytd_investment"], json!(900.0));
    assert_eq!(doc["overview"]["reported"], 2);
    // Dated before its folder's month, the date is no sending day: read as its, with the
    // name-vs-folder warning.
    let w = june("项目编号,累计完成投资\nA1,600\n");
    w.write(
        "reports/2024-07/西区20240630.csv",
        "项目编号,累计完成投资\nA2,900\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-07/西区20240630.csv: warning: is named for 2024-06 but is in a folder for \
         2024-07",
    );

    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    w.write(
        "reports/东区_2024-07-03.csv",
        "项目编号,累计完成投资\nA1,700\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/东区_2024-07-03.csv: warning: is named with a date alone, so its rows are read \
         as 2024-07's: if it is 2024-06's report sent that day, put 2024-06 in its name or put \
         it in reports/2024-06/",
    );
    // With a 报告月份 column, the column says the rows' months.
    w.write(
        "reports/东区_2024-07-03.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024-07,700\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("2024-07-03.csv");
}

#[test]
fn a_year_to_date_header_heading_its_month_and_year_to_date_is_a_group() {
    // 本年度完成投资 over 当月 and 累计 (and 本年完成, 当年完成投资 …) was not read as a group:
    // "项目编号 is empty", "'本月' is not a number", and under --allow-errors 本月 read as the
    // year-to-date. Only 本年完成投资 was.
    for group in [
        "本年度完成投资",
        "本年累计完成投资",
        "今年以来完成投资",
        "当年完成投资",
        "本年完成",
    ] {
        let w = june(&format!(
            "项目编号,{group},,项目状态\n,当月,累计,\nA1,100,600,在建\nA2,200,900,在建\n"
        ));
        w.run(&["check"])
            .expect_code(0)
            .expect_line("as one header row");
        let (a1, a2) = ytds(&w);
        assert_eq!((a1, a2), (json!(600.0), json!(900.0)), "{group}");
    }
}

#[test]
fn settings_that_cannot_work_are_findings_in_checks_json() {
    // `check --format json` of a folder whose xmtool.toml could not work printed nothing on
    // standard output: a script reading it had no JSON to read.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    w.write(
        "xmtool.toml",
        "year = 1800\n[ranking]\ncompletion_cap = 0\n",
    );
    let doc = w
        .run(&["check", "--format", "json"])
        .expect_code(2)
        .expect_stderr("2 settings cannot work")
        .json();
    let findings = doc["findings"].as_array().unwrap();
    assert_eq!(findings.len(), 2, "{doc}");
    assert_eq!(findings[0]["file"], "xmtool.toml");
    assert_eq!(findings[0]["line"], 1);
    assert_eq!(findings[0]["severity"], "error");
    assert!(
        findings[0]["message"]
            .as_str()
            .unwrap()
            .starts_with("year = 1800 is not a plan year")
    );
    assert_eq!(findings[1]["line"], 3);
    assert_eq!(doc["summary"]["errors"], 2);
    // Text that is no TOML: one finding, at its line and column.
    w.write(
        "xmtool.toml",
        "year = 2024\n[thresholds]\nyellow_behind = x\n",
    );
    let doc = w.run(&["check", "--format", "json"]).expect_code(2).json();
    assert_eq!(doc["findings"][0]["line"], 3, "{doc}");
    assert_eq!(doc["findings"][0]["column"], 17, "{doc}");
    // The text form is as it was.
    w.run(&["check"])
        .expect_code(2)
        .expect_stderr("TOML parse error at line 3");
}

#[test]
fn a_year_to_date_to_the_end_of_a_month_is_read() {
    // 截至6月底累计完成投资, the usual header of a month's year-to-date, was unknown: "has neither
    // 累计完成投资 nor 本月完成投资".
    for header in [
        "截至6月底累计完成投资（万元）",
        "截至6月底完成投资",
        "截止6月末累计完成",
        "截至2024年6月底累计完成投资",
        "截至本月底累计完成投资",
    ] {
        let w = june(&format!("项目编号,{header}\nA1,600\nA2,900\n"));
        w.run(&["check"]).expect_code(0);
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{header}");
    }
    // Another month's is checked as 1-5月's is.
    june("项目编号,截至5月底累计完成投资\nA1,600\nA2,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line(
            "截至5月底累计完成投资 is the year-to-date to month 5, but the row is for 2024-06",
        );
    // Over 计划 and 完成, the group reads 完成 as the year-to-date, and leaves 计划 unread.
    let w = june("项目编号,截至6月底,\n,计划,完成\nA1,2000,600\nA2,3000,900\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_line("as one header row: 截至6月底完成");
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
    // Not a month's end: no year-to-date (a registry's 截至2023年底累计完成投资, before the year).
    june("项目编号,截至2023年底累计完成投资\nA1,600\nA2,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("项目编号 is the only header here that xmtool reads");
}

#[test]
fn a_decembers_whole_year_completed_is_its_year_to_date() {
    // 全年完成投资, a December report's year-to-date, was refused ("has neither 累计完成投资 nor
    // 本月完成投资") and the bulletin stopped; not the plan beside it, 全年计划投资.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,20000,4000\nA2,学校,甲区,续建,30000,6000\n",
    )
    .write(
        "reports/2024-12.csv",
        "项目编号,全年计划投资（万元）,全年完成投资（万元）\nA1,4000,3900\nA2,6000,6100\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-12"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], json!(3900.0));
    assert_eq!(project(&doc, "A2")["ytd_investment"], json!(6100.0));
    // Beside a 累计 that may count from the project's start, the year's is read.
    w.write(
        "reports/2024-12.csv",
        "项目编号,累计完成投资,全年完成投资\nA1,15000,3900\nA2,16000,6100\n",
    );
    let doc = report_json(&w, &["--month", "2024-12"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], json!(3900.0));
}

#[test]
fn a_whole_year_column_in_junes_file_is_no_year_to_date_beside_one() {
    // 全年完成投资（计划） beside 累计 in June's file was read as the year-to-date (the bracket
    // dropped): the year's goal, a 100% completion rate, with a note alone.
    for header in [
        "累计完成投资,全年完成投资（计划）",
        "全年完成投资（预计）,累计完成投资",
        "累计完成投资,全年完成投资",
        "1-6月完成投资,全年完成投资",
        "累计完成投资,2024年全年完成投资",
    ] {
        let w = june(&format!("项目编号,{header}\nA1,600,4000\nA2,900,6000\n"));
        let w = if header.starts_with('全') {
            june(&format!("项目编号,{header}\nA1,4000,600\nA2,6000,900\n"))
        } else {
            w
        };
        w.run(&["check"]).expect_code(0);
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{header}");
    }
    // What a figure holds, in brackets, is no goal.
    for header in [
        "累计完成投资（含计划外）",
        "累计完成投资（计划内）",
        "累计完成投资（计划口径）",
    ] {
        let w = june(&format!("项目编号,{header}\nA1,600\nA2,900\n"));
        w.run(&["check"]).expect_code(0);
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{header}");
    }
    // Alone, a goal is no year-to-date.
    june("项目编号,全年完成投资（目标）\nA1,4000\nA2,6000\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("项目编号 is the only header here that xmtool reads");
}

#[test]
fn a_group_header_saying_its_year_heads_its_columns() {
    // 2024年完成投资 over 本月 and 累计 was refused ("has neither 累计完成投资 nor 本月完成投资").
    for group in ["2024年完成投资", "2024年度投资完成情况"] {
        let w = june(&format!(
            "项目编号,{group},\n,本月,累计\nA1,100,600\nA2,200,900\n"
        ));
        w.run(&["check"]).expect_code(0).expect_line("累计完成投资");
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{group}");
    }
    // Another year's group is that year's figures: an error in June 2024's report.
    june("项目编号,2023年完成投资,\n,本月,累计\nA1,100,600\nA2,200,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("2023年累计完成投资 is the year-to-date to 2023, but the row is for 2024-06");
    // A month's figure saying its year alone is read as 本月, in a file named for no month too.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,20000,4000\n",
    )
    .write(
        "reports/东区.csv",
        "项目编号,报告月份,2024年本月完成投资,累计完成投资\nA1,2024-06,100,600\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        project(&doc, "A1")["month_investment"],
        json!(100.0),
        "{doc}"
    );
    w.run(&["check"]).expect_code(0).expect_no_line("not read");
}

#[test]
fn plan_columns_of_two_years_are_read_for_the_latest_reports_year() {
    // A registry with 2024年 and 2025年 plan columns, no 计划年度 and no `year`: `check` and
    // `report` asked for no month read it as 2024's (the earliest) and failed on 2025's reports
    // ("rows for 2025, after the plan year 2024"), though the latest report's year is judged.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2024年计划投资,2025年计划投资\n\
         A1,甲,东区,续建,9000,3000,4000\n",
    )
    .write("reports/2024-12.csv", "项目编号,累计完成投资\nA1,2900\n")
    .write("reports/2025-01.csv", "项目编号,累计完成投资\nA1,300\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:1: note: has no 计划年度 column: its projects are read as 2025's, the year \
         its 2025年计划投资 header gives, the latest report's year",
    );
    let doc = report_json(&w, &[]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 4000.0, "{doc}");
    // Asked for December, 2024's; January 2025's rows are after the month asked for, in none
    // of its figures (they were an error: "after the plan year 2024").
    w.run(&["check", "--month", "2024-12"])
        .expect_code(0)
        .expect_line("reports/2025-01.csv:2: note: 1 row for 2025, after the month asked for");
    let doc = report_json(&w, &["--month", "2024-12"]);
    assert_eq!(project(&doc, "A1")["annual_plan"], 3000.0, "{doc}");
}

#[test]
fn not_reported_is_judged_for_the_month_asked_for() {
    // `check --month 2024-05` (and the findings `report --month 2024-05` counts) named projects
    // as 未报送 for June, the latest month in the folder, though May was asked for.
    let w = june("项目编号,累计完成投资\nA1,600\n");
    w.write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,500\nA2,800\n",
    );
    w.run(&["check", "--month", "2024-05"])
        .expect_code(0)
        .expect_no_line("未报送");
    let doc = report_json(&w, &["--month", "2024-05"]);
    assert_eq!(doc["data_findings"]["warnings"], 0, "{doc}");
    w.run(&["check"]).expect_line(
        "warning: 未报送: A2 学校 has no report for 2024-06, the latest month reported (last \
         report 2024-05)",
    );
    // A project missing from the month asked for is named for it.
    w.write("reports/2024-04.csv", "项目编号,累计完成投资\nA1,400\n");
    w.run(&["check", "--month", "2024-04"]).expect_line(
        "warning: 未报送: A2 学校 has no report for 2024-04, the month asked for (no report this \
         year)",
    );
}

#[test]
fn a_project_listed_twice_under_ids_apart_is_said() {
    // One project listed under `a2` and `A2`, `JC 05` and `JC05`, `007` and `7`, or under an
    // office's code beside its 项目代码: both rows counted, the district's plan and investment
    // doubled, and `check` said nothing.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         a2,学校,甲区,续建,20000,4000\nA2,学校,甲区,续建,20000,4000\n\
         JC 05,路网,甲区,续建,9000,3000\nJC05,路网二期,甲区,续建,9000,3000\n\
         007,医院,乙区,续建,9000,3000\n7,医院,乙区,续建,9000,3000\n\
         JC2024-010,水厂,乙区,续建,5000,2000.0\n2212-620306-04-01-123456,水厂,乙区,续建,5000,2000\n\
         B1,水厂,乙区,续建,5000,2100\nB2,水厂,丙区,续建,5000,2000\nB10,桥,丙区,续建,10,1\nB11,桥,丙区,续建,10,2\n\
         C-1,桥梁,甲区,续建,10,1\nc1,隧道,乙区,续建,10,1\nC 1,隧道二期,乙区,续建,10,1\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA2,100\n");
    let run = w.run(&["check"]);
    run.expect_code(0);
    for (line, first) in [
        (3, "a2 (projects.csv:2)"),
        (5, "JC 05 (projects.csv:4)"),
        (7, "007 (projects.csv:6)"),
    ] {
        run.expect_line(&format!(
            "projects.csv:{line}:1: warning: {} may be {first} listed again: their ids differ only \
             in case, spaces, marks or the zeros of their numbers; both are counted in the figures",
            ["A2", "JC05", "7"][(line - 3) / 2]
        ));
    }
    run.expect_line(
        "projects.csv:9:1: warning: 2212-620306-04-01-123456 may be JC2024-010 (projects.csv:8) \
         listed again: they have one name, district, total investment and plan",
    )
    // Ids alike in two districts are each district's own; the first of its own district named.
    .expect_line(
        "projects.csv:16:1: warning: C 1 may be c1 (projects.csv:15) listed again: their ids \
         differ only",
    )
    .expect_no_line("c1 may be")
    // Another plan, district or id apart in its digits: no finding.
    .expect_no_line("B1 may be")
    .expect_no_line("B2 may be")
    .expect_no_line("B11 may be");
}

#[test]
fn an_adjusted_plan_column_not_read_is_said() {
    // 调整后年度计划投资 beside 年度计划投资: the first plan was read without a word.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,调整后年度计划投资\n\
         P1,学校,甲区,续建,20000,4000,5000\nP2,水厂,乙区,续建,5000,2000,\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nP1,100\nP2,300\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:1:7: warning: column 7 \"调整后年度计划投资\" is not read (not a header \
         xmtool knows): the plan is read from column 6 \"年度计划投资\" (if the adjusted plan is \
         the one to judge by, add \"调整后年度计划投资\" under [aliases] annual_plan in \
         xmtool.toml: it is then read, and column 6 where it is empty)",
    );
    // So named, it is read, the first plan where it is empty.
    w.write(
        "xmtool.toml",
        "year = 2024\n[aliases]\nannual_plan = [\"调整后年度计划投资\"]\n",
    );
    w.run(&["check"])
        .expect_no_line("is not read (not a header");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["annual_plan"], json!(7000.0));
}

#[test]
fn a_table_beside_the_registry_in_the_data_folder_is_said_not_read() {
    // A revised registry saved beside projects.csv, dropping P2: the bulletin stayed on the
    // first, and check said "no problems".
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         P1,学校,甲区,续建,20000,4000\nP2,水厂,乙区,续建,5000,2000\n",
    )
    .write(
        "projects（调整后）.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         P1,学校,甲区,续建,20000,5000\n",
    )
    .write("通报.xlsx", "not read")
    .write("说明.txt.bak", "not a table")
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nP1,100\nP2,300\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects（调整后）.csv: warning: is not read: the data folder's registry is \
             projects.csv, and reports are read under reports/ (a revised registry? save it as \
             projects.csv in place of the first; a report? move it under reports/)",
        )
        .expect_line("通报.xlsx: note: is not read")
        .expect_no_line("说明.txt.bak");
    // Not the blank report `init` writes, a lock file or a hidden file (each was said); and
    // beside a registry/ folder too (nothing was said).
    for name in ["projects（调整后）.csv", "通报.xlsx"] {
        std::fs::remove_file(w.file(name)).unwrap();
    }
    w.write("月报模板.csv", "项目编号,累计完成投资\n")
        .write("~$projects.xlsx", "lock")
        .write("._projects.csv", "resource fork")
        .write(".项目.csv", "hidden");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not read");
    std::fs::create_dir(w.file("registry")).unwrap();
    std::fs::rename(w.file("projects.csv"), w.file("registry/2024.csv")).unwrap();
    w.write("项目调整后.csv", "项目编号,年度计划投资\nP1,5000\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "项目调整后.csv: warning: is not read: the data folder's registry is registry/, and \
         reports are read under reports/ (a revised registry? put it in registry/ in place of the \
         file it revises; a report? move it under reports/)",
    );
}

#[test]
fn a_project_whose_id_changed_mid_year_is_not_listed_twice() {
    // P4 taken off the list in July (调出月份, a header not read before: P4 stayed on it) and
    // listed again as P4-2024 from July (调入时间, not read either): never both on the list,
    // yet said to be "counted in the figures" twice, and to remove one.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,调出月份,调入时间\n\
         P1,学校,甲区,续建,20000,4000,,\n\
         P4,水厂,乙区,续建,5000,2000,2024-07,\n\
         P4-2024,水厂,乙区,续建,5000,2000,,2024-07\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nP1,100\nP4,300\n",
    )
    .write(
        "reports/2024-07.csv",
        "项目编号,累计完成投资\nP1,200\nP4-2024,400\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("listed again")
        .expect_no_line("未报送");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["projects"], 2);
    assert_eq!(doc["overview"]["annual_plan"], json!(6000.0));
    let doc = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(doc["overview"]["projects"], 2);
    assert_eq!(doc["overview"]["ytd_investment"], json!(600.0));
    // On the list together, they are said.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         P1,学校,甲区,续建,20000,4000\n\
         P4,水厂,乙区,续建,5000,2000\nP4-2024,水厂,乙区,续建,5000,2000\n",
    );
    w.run(&["check"])
        .expect_line("P4-2024 may be P4 (projects.csv:3) listed again");
}

#[test]
fn listed_and_delisted_months_are_read_under_every_verb_and_word_of_when() {
    // 调入月份, 取消月份, 撤销日期, 调出 … were passed over without a word: P2, cancelled in July,
    // stayed 未报送 in every later bulletin, and P3, added in July, counted in June's.
    // (入库时间 and 退库时间 are not: most often when a project entered the project library.)
    let headers = [
        ("调入月份", "取消月份"),
        ("新增月份", "移出月份"),
        ("列入月份", "调出年月"),
        ("纳入年月", "撤销日期"),
        ("纳入", "调出"),
    ];
    for (from, off) in headers {
        let w = Workdir::new();
        w.write(
            "projects.csv",
            format!(
                "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,{from},{off}\n\
                 P1,学校,甲区,续建,20000,4000,,\n\
                 P2,水厂,乙区,续建,5000,2000,,2024-07\n\
                 P3,园区,乙区,续建,8000,3000,2024-07,\n"
            ),
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\nP1,100\nP2,300\n",
        )
        .write(
            "reports/2024-08.csv",
            "项目编号,累计完成投资\nP1,200\nP3,400\n",
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("未报送")
            .expect_no_line("is not read");
        let june = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(june["overview"]["projects"], 2, "{from}");
        assert_eq!(june["overview"]["annual_plan"], json!(6000.0), "{from}");
        let august = report_json(&w, &["--month", "2024-08"]);
        assert_eq!(august["overview"]["projects"], 2, "{off}");
        assert_eq!(august["overview"]["reported"], 2, "{off}");
    }
    // A column of months under another header naming a verb of them is not read: said. (Not
    // one of marks: 取消 alone, holding 是, may say a project is cancelled, not when.)
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划调出月,取消\n\
         P1,学校,甲区,续建,20000,4000,,\n\
         P2,水厂,乙区,续建,5000,2000,2024年7月,是\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nP1,100\nP2,300\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:1:7: warning: column 7 \"计划调出月\" is not read (not a header xmtool \
             knows), but 1 of its 1 cells are months: a project taken off the list then stays on \
             it, 未报送 in every later bulletin (if it is the 调出时间, name it 调出时间 or add it \
             under [aliases] delisted in xmtool.toml)",
        )
        .expect_no_line("column 8");
    // A project library's 入库时间, and the month a project entered the statistics (纳入统计时间),
    // are no listing: not read, and not said to be one.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,入库时间,纳入统计时间\n\
         P1,学校,甲区,续建,20000,4000,2023-08,2024-06\n\
         P2,水厂,乙区,续建,5000,2000,2024-06,2024-06\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not read");
    let june = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(june["overview"]["projects"], 2);
}

#[test]
fn a_subtotal_labelled_in_brackets_is_skipped() {
    // `西区（小计）` was read as a project's row: "项目编号 is empty", exit 1.
    for label in ["西区（小计）", "西区(小计)", "（合计）"] {
        let w = june(&format!(
            "项目编号,项目名称,累计完成投资\nA1,路网,600\nA2,学校,900\n,{label},1500\n"
        ));
        w.run(&["check"])
            .expect_code(0)
            .expect_line(&format!("skipped the {label} row (a total, not a project)"));
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{label}");
    }
}

#[test]
fn a_start_said_within_a_month_is_that_month() {
    // 计划开工时间 `2024年5月底` was "not a month" (an error) though 计划竣工时间 `2026年6月底` was
    // read.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,新建,9000,3000,2024年5月底\nA2,学校,甲区,新建,9000,3000,2024年3月初\n\
         A3,桥,甲区,新建,9000,3000,2024年\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,实际开工时间\nA1,100,2024年4月中旬\nA2,100,2024年3月下旬\nA3,0,\n",
    );
    // (A year is no time to start by: too loose.)
    w.run(&["check"])
        .expect_code(1)
        .expect_line("计划开工时间 \"2024年\" is a whole year, too loose to be late by")
        .expect_no_line("2024年5月底")
        .expect_no_line("4月中旬");
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A1")["planned_start"], "2024-05", "{doc}");
    assert_eq!(project(&doc, "A1")["actual_start"], "2024-04", "{doc}");
    assert_eq!(project(&doc, "A2")["planned_start"], "2024-03", "{doc}");
}

#[test]
fn a_start_planned_for_a_whole_year_says_so() {
    // `2024年1-12月` was read as December while `2024年` was an error; both say only the year.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间
\
         A1,路网,甲区,新建,9000,3000,2024年1-12月\nA2,桥,甲区,新建,9000,3000,年内\n\
         A3,学校,甲区,新建,9000,3000,2024年4-6月\nA4,厂,甲区,新建,9000,3000,2024年1-12\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,0\nA2,0\nA3,0\nA4,0\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:2:7: error: 计划开工时间 \"2024年1-12月\" is a whole year")
        .expect_line("projects.csv:3:7: error: 计划开工时间 \"年内\" is a whole year")
        .expect_line("projects.csv:5:7: error: 计划开工时间 \"2024年1-12\" is a whole year")
        .expect_no_line("2024年4-6月");
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A3")["planned_start"], "2024-06", "{doc}");
}

#[test]
fn a_new_start_planned_for_a_whole_year_before_its_plan_year_says_both() {
    // A 新建 project's `2023年` in 2024's list was only "too loose", though 2023-09 there is
    // said to be before the plan year: it is both. (Its plan year's, or of no year, is not.)
    for year in ["", "year = 2024\n"] {
        let w = Workdir::new();
        w.write("xmtool.toml", year)
            .write(
                "projects.csv",
                "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
                 A1,路网,甲区,新建,9000,3000,2023年\nA2,桥,甲区,新建,9000,3000,2024年\n\
                 A3,学校,甲区,新建,9000,3000,年内\n",
            )
            .write(
                "reports/2024-06.csv",
                "项目编号,累计完成投资\nA1,0\nA2,0\nA3,0\n",
            );
        w.run(&["check"])
            .expect_code(1)
            .expect_line("projects.csv:2:7: error: 计划开工时间 \"2023年\" is a whole year")
            .expect_line(
                "projects.csv:2:7: warning: A1 is a new start (新建) but its 计划开工时间, the \
                 whole year 2023, is before its plan year 2024: it counts as not started, until \
                 a report says it started (expected 续建 if it started before 2024, or a planned \
                 start in 2024)",
            )
            .expect_line("projects.csv:3:7: error: 计划开工时间 \"2024年\" is a whole year")
            .expect_line("projects.csv:4:7: error: 计划开工时间 \"年内\" is a whole year")
            .expect_no_line("A2 is a new start")
            .expect_no_line("A3 is a new start");
    }
}

#[test]
fn a_start_planned_within_a_quarter_or_a_half_is_planned_by_its_last_month() {
    // 计划开工时间 `2024年一季度` and `2024年上半年` were "not a month" (errors, no bulletin)
    // though 计划竣工时间 took them.
    let w = Workdir::new();
    let starts = [
        ("2024年一季度", "2024-03"),
        ("2024年第二季度", "2024-06"),
        ("2024年上半年", "2024-06"),
        ("2024年三季度末", "2024-09"),
        // (A year's end is its last month; a quarter, a half or the year's end with no year is
        // the plan year's, as 5月 is.)
        ("2024年底", "2024-12"),
        ("2024年末前", "2024-12"),
        ("一季度", "2024-03"),
        ("上半年", "2024-06"),
        ("年底", "2024-12"),
    ];
    let mut registry =
        String::from("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n");
    let mut report = String::from("项目编号,累计完成投资,项目状态\n");
    for (i, (start, _)) in starts.iter().enumerate() {
        registry.push_str(&format!("A{i},路网,甲区,新建,9000,3000,{start}\n"));
        report.push_str(&format!("A{i},0,前期\n"));
    }
    w.write("projects.csv", &registry);
    for month in ["2024-03", "2024-04"] {
        w.write(&format!("reports/{month}.csv"), &report);
    }
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("计划开工时间");
    // Not started: late once the quarter's or half's last month is past, not before.
    let march = report_json(&w, &["--month", "2024-03"]);
    let april = report_json(&w, &["--month", "2024-04"]);
    for (i, (start, month)) in starts.iter().enumerate() {
        let id = format!("A{i}");
        assert_eq!(project(&march, &id)["planned_start"], *month, "{start}");
        assert_eq!(
            project(&march, &id)["overdue_months"],
            json!(null),
            "{start}"
        );
        let overdue = if *month == "2024-03" {
            json!(1)
        } else {
            json!(null)
        };
        assert_eq!(project(&april, &id)["overdue_months"], overdue, "{start}");
    }
}

#[test]
fn a_continuing_projects_planned_start_that_is_no_month_stops_nothing() {
    // A 续建 project's 计划开工时间 of 已开工, 续建 or 3月 (as registers write for projects
    // started years ago) was an error, and no bulletin, though it counts in no figure.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,续建,9000,3000,已开工\nA2,桥,甲区,续建,9000,3000,3月\n\
         A3,学校,甲区,续建,9000,3000,2023年\nA4,馆,甲区,续建,9000,3000,2023-05\n\
         A5,厂,甲区,新建,9000,3000,已开工\nA6,站,甲区,续建,9000,3000,2023年二季度\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,10\nA2,10\nA3,10\nA4,10\nA5,10\nA6,10\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "projects.csv:2:7: note: 计划开工时间 \"已开工\" of a continuing project (续建) is not \
             a month: not read (a continuing project's planned start counts in no figure)",
        )
        .expect_line("projects.csv:3:7: note: 计划开工时间 \"3月\" of a continuing project")
        .expect_line(
            "projects.csv:4:7: note: 计划开工时间 \"2023年\" of a continuing project (续建) is a \
             whole year: not read",
        )
        .expect_no_line("projects.csv:5:")
        // A new start's is still an error, which says where a start is told.
        .expect_line(
            "projects.csv:6:7: error: 计划开工时间 \"已开工\" is not a month (expected a month, \
             e.g. 2024-06, 2024/6, 2024年6月, 202406; that a project started is said by its \
             reports' 项目状态 or 实际开工时间)",
        );
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A1")["started"], json!(true), "{doc}");
    assert_eq!(project(&doc, "A1")["planned_start"], json!(null), "{doc}");
    assert_eq!(project(&doc, "A4")["planned_start"], "2023-05", "{doc}");
    // A time said loosely is read for it as for any project (the review's case: 2024年二季度
    // was not read, and the warning of a 续建 project planned to start in its plan year lost).
    assert_eq!(project(&doc, "A6")["planned_start"], "2023-06", "{doc}");
}

#[test]
fn a_start_planned_for_a_range_of_months_of_no_year_is_read_in_the_plan_year() {
    // 1-12月 and 年度内 were "not a month", where 2024年1-12月 and 2024年度内 were "a whole
    // year"; 4-6月 was not read as 2024年4-6月 is.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,新建,9000,3000,1-12月\nA2,桥,甲区,新建,9000,3000,年度内\n\
         A3,学校,甲区,新建,9000,3000,4-6月\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,0\nA2,0\nA3,0\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:2:7: error: 计划开工时间 \"1-12月\" is a whole year")
        .expect_line("projects.csv:3:7: error: 计划开工时间 \"年度内\" is a whole year")
        .expect_no_line("4-6月");
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A3")["planned_start"], "2024-06", "{doc}");
}

#[test]
fn an_id_given_to_another_project_last_year_takes_none_of_its_reports() {
    // Ids numbered afresh each year: last year's 1 (环城路, 在建, 300) made this year's 1 (食品厂,
    // a new start reported 前期) started, idle, and 100% down on last year, with nothing said.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,计划年度\n\
         1,环城路,甲区,续建,1000,500,2022-03,2023\n1,食品厂,甲区,新建,800,400,2024-09,2024\n\
         2,金川区第六小学建设项目,甲区,续建,1000,500,2022-03,2023\n\
         2,金川区第六小学及附属设施,甲区,续建,1000,500,2022-03,2024\n",
    )
    .write(
        "reports/2023-06.csv",
        "项目编号,项目名称,累计完成投资,项目状态\n1,环城路,300,在建\n2,第六小学,100,在建\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,项目名称,累计完成投资,项目状态\n1,食品厂,0,前期\n2,第六小学,50,在建\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,项目名称,累计完成投资,项目状态\n1,食品厂,0,前期\n2,第六小学,80,在建\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:3:1: warning: 项目编号 1 is \"食品厂\" here and \"环城路\" in 2023 \
             (projects.csv:2): read as two projects, 2023's reports and those before no part of \
             this one's figures (its start, 开而不动, 同比) (if they are one project, give it \
             one name and district in both years)",
        )
        // (A project renamed keeps most of its name: one project.)
        .expect_no_line("projects.csv:5:1");
    let doc = report_json(&w, &["--month", "2024-06"]);
    let p1 = project(&doc, "1");
    assert_eq!(p1["started"], json!(false), "{doc}");
    assert_eq!(p1["idle"], json!(false), "{doc}");
    assert_eq!(p1["previous_year_ytd"], json!(null), "{doc}");
    assert_eq!(
        project(&doc, "2")["previous_year_ytd"],
        json!(100.0),
        "{doc}"
    );
}

#[test]
fn a_file_sent_again_beside_the_first_is_said_once() {
    // A correction, 金川区6月（更正）.csv, beside the first: each row was "a second report" at
    // whichever file sorted second, and nothing said which file's rows were read.
    let w = june("");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024-06/金川区6月.csv",
        "项目编号,累计完成投资\nA1,6000\nA2,900\n",
    )
    .write(
        "reports/2024-06/金川区6月（更正）.csv",
        "项目编号,累计完成投资\nA1,600\nA2,900\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06/金川区6月（更正）.csv:2: error: reports 2 projects for 2024-06 that \
             reports/2024-06/金川区6月.csv reports too; those rows are read, not these (a file \
             sent twice, or a correction beside the first? its name says it corrects the other: \
             if so, move the other out of reports/)",
        )
        .expect_line(
            "reports/2024-06/金川区6月（更正）.csv:2:2: error: a second report for A1 in 2024-06, \
             differing from the first: 累计完成投资 600 here, 6000 at \
             reports/2024-06/金川区6月.csv:2:2 (expected one per project and month)",
        );
    // A department's name is no correction's (城市更新局 beside 住建局).
    let twice = june("");
    std::fs::remove_file(twice.file("reports/2024-06.csv")).unwrap();
    for (file, a1) in [("住建局", 600), ("城市更新局", 650)] {
        twice.write(
            &format!("reports/2024-06/{file}.csv"),
            format!("项目编号,累计完成投资\nA1,{a1}\nA2,{}\n", a1 + 300),
        );
    }
    twice.run(&["check"]).expect_line(
        "reports/2024-06/城市更新局.csv:2: error: reports 2 projects for 2024-06 that \
         reports/2024-06/住建局.csv reports too; those rows are read, not these (a file sent \
         twice, or a correction beside the first? keep the one that is right, and move the other \
         out of reports/)",
    );
    // Moved out, the correction is read.
    std::fs::remove_file(w.file("reports/2024-06/金川区6月.csv")).unwrap();
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
}

#[test]
fn a_file_sent_twice_from_a_dropped_projects_row_is_still_said() {
    // 东区's June file, its first row 东三's, taken off the list from June (a department still
    // sending it): a whole file's finding placed at that row is the file's, not the row's, and
    // is not passed over as the dropped project's.
    let w = Workdir::new();
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资,项目状态\n{rows}");
    let june = file("C1,100,800,在建\nA1,100,600,在建\nA2,100,600,在建\n");
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,调出时间\n\
             A1,东一,东区,续建,10000,4000,2023-03,\n\
             A2,东二,东区,续建,5000,2000,2023-03,\n\
             C1,东三,东区,续建,8000,3000,2023-02,2024-06\n\
             B1,西一,西区,续建,8000,3000,2023-02,\n",
        )
        .write(
            "reports/2024-05/东区.csv",
            file("C1,100,700,在建\nA1,100,500,在建\nA2,100,500,在建\n"),
        )
        .write("reports/2024-05/西区.csv", file("B1,100,500,在建\n"))
        .write("reports/2024-06/东区.csv", &june)
        .write("reports/2024-06/西区.csv", file("B1,100,600,在建\n"));
    // Byte for byte the same: said of the copy (its name marked so), the bulletin made.
    w.write("reports/2024-06/东区(1).csv", &june);
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06/东区(1).csv: warning: is the same file, byte for byte, as \
         reports/2024-06/东区.csv",
    );
    std::fs::remove_file(w.file("reports/2024-06/东区(1).csv")).unwrap();
    // Sent again with 东三's row changed, and 东一's: the file's error, at 东三's row, stops the
    // bulletin. (东三's alone differing, it stops none: `report.rs`.)
    w.write(
        "reports/2024-06/东区2.csv",
        june.replace("C1,100,800", "C1,150,850")
            .replace("A1,100,600", "A1,120,620"),
    );
    let sent_twice = "reports/2024-06/东区2.csv:2: error: reports 3 projects for 2024-06 that \
                      reports/2024-06/东区.csv reports too; those rows are read, not these (a \
                      file sent twice, or a correction beside the first? keep the one that is \
                      right, and move the other out of reports/)";
    w.run(&["check"]).expect_code(1).expect_line(sent_twice);
    w.run(&["report", "--month", "2024-06"])
        .expect_code(1)
        .expect_stderr(&format!("(the first: {sent_twice})"));
}

#[test]
fn a_year_file_repeating_the_months_files_is_said_once() {
    // A year's file holding every month's rows that the month's files give too: a warning a
    // row ("a second report for A1 in 2024-01, saying what the first says"), and nothing said
    // of the file.
    let w = clean_folder();
    let before = report_json(&w, &["--month", "2024-02"]);
    let year = format!(
        "{REPORT_HEADER}\n\
         A1,2024-01,300,300,在建,\nA2,2024-01,0,0,前期,\nB1,2024-01,0,0,未开工,\n\
         A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\nB1,2024-02,150,150,在建,2024-02\n"
    );
    // Sorted after the month's files, or before them: the same one warning, at the year's file.
    for file in ["reports/全市2024年.csv", "reports/(全年)全市2024年.csv"] {
        let w = clean_folder();
        w.write(file, &year);
        w.run(&["check"])
            .expect_code(0)
            .expect_line(&format!(
                "{file}:2: warning: its 6 rows say what 2 other files say, every row of each \
                 (reports/2024-01.csv and reports/2024-02.csv): read once (a year's file, or a \
                 summary, beside the files it repeats? expected each project's report of a month \
                 in one file: move it out of reports/, as it gives no other row)"
            ))
            .expect_no_line("a second report")
            .expect_line("0 errors, 1 warning");
        // The figures are as without it.
        let doc = report_json(&w, &["--month", "2024-02"]);
        assert_eq!(doc["overview"], before["overview"]);
    }
    // One row of its own (March's), said; one row differing is named as ever, the file not
    // said as repeating the month it differs in.
    w.write(
        "reports/全市2024年.csv",
        format!("{year}A1,2024-03,100,600,在建,\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/全市2024年.csv:2: warning: its 6 rows say what 2 other files say, every row of \
         each (reports/2024-01.csv and reports/2024-02.csv): read once (a year's file, or a \
         summary, beside the files it repeats? expected each project's report of a month in one \
         file: take those rows out of it, as moving it out of reports/ would leave its 1 other \
         row unread)",
    );
    w.write("reports/全市2024年.csv", year.replace("200,500", "250,550"));
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/全市2024年.csv:5:3: error: a second report for A1 in 2024-02, differing",
        )
        .expect_no_line("every row of each");
}

#[test]
fn a_file_repeating_others_is_said_alike_in_any_path_order() {
    // A year's file, or a summary of February, beside the files it repeats and a department's
    // file giving one of 金川区's projects too: weighed with the first file read alone, it was
    // said to repeat the wrong files, with more rows than it has ("its 7 rows" of 6), or not at
    // all, its rows said one by one, as the files' names sorted.
    let check = |w: &Workdir, repeating: &str, rows: usize, held: [&str; 3]| {
        let run = w.run(&["check"]);
        run.expect_code(0).expect_line("0 errors, 2 warnings");
        let out = run.stdout();
        let said = format!(
            "{repeating}:2: warning: its {rows} rows say what 3 other files say, every row of each"
        );
        let line = out.lines().find(|l| l.starts_with(&said));
        let line = line.unwrap_or_else(|| panic!("no line {said:?} in:\n{out}"));
        for file in held {
            assert!(line.contains(file), "{file} not named in {line}");
        }
        // (The department's row and the district's, each held whole, are said row by row.)
        assert_eq!(out.matches("a second report for").count(), 1, "{out}");
        assert_eq!(out.matches("a second report for A1 in 2024-02").count(), 1);
    };
    let department = format!("{REPORT_HEADER}\nA1,2024-02,200,500,在建,\n");
    let year = format!(
        "{REPORT_HEADER}\n\
         A1,2024-01,300,300,在建,\nA2,2024-01,0,0,前期,\nB1,2024-01,0,0,未开工,\n\
         A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\nB1,2024-02,150,150,在建,2024-02\n"
    );
    for file in ["reports/全市2024年.csv", "reports/(全年)全市2024年.csv"] {
        for dept in ["reports/交通局2024-02.csv", "reports/(交通局)2024-02.csv"] {
            let w = clean_folder();
            w.write(file, &year).write(dept, &department);
            let held = [dept, "reports/2024-01.csv", "reports/2024-02.csv"];
            check(&w, file, 6, held);
        }
    }
    let summary = format!(
        "{REPORT_HEADER}\n\
         A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\nB1,2024-02,150,150,在建,2024-02\n"
    );
    for file in ["reports/2024-02/全市.csv", "reports/2024-02/(全市).csv"] {
        for dept in ["reports/2024-02/交通局.csv", "reports/2024-02/(交通局).csv"] {
            let w = clean_folder();
            std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
            w.write(
                "reports/2024-02/金川区.csv",
                format!("{REPORT_HEADER}\nA1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\n"),
            )
            .write(
                "reports/2024-02/河西区.csv",
                format!("{REPORT_HEADER}\nB1,2024-02,150,150,在建,2024-02\n"),
            )
            .write(file, &summary)
            .write(dept, &department);
            let held = [
                dept,
                "reports/2024-02/河西区.csv",
                "reports/2024-02/金川区.csv",
            ];
            check(&w, file, 3, held);
        }
    }
}

/// Two districts' projects, 交通局 responsible for one of each; May's reports, and June's of
/// the districts and 交通局 (giving A1 and B1, as the districts do). C1 sent nothing in June.
fn districts_and_a_department() -> Workdir {
    let w = Workdir::new();
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资,项目状态\n{rows}");
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,责任单位,建设性质,总投资,年度计划投资,计划开工时间\n\
             A1,东一,东区,交通局,续建,10000,4000,2023-03\n\
             A2,东二,东区,东区住建局,续建,5000,2000,2023-03\n\
             B1,西一,西区,交通局,续建,8000,3000,2023-02\n\
             B2,西二,西区,西区住建局,续建,8000,3000,2023-02\n\
             C1,西三,西区,西区住建局,续建,8000,3000,2023-02\n",
        )
        .write(
            "reports/2024-05/东区.csv",
            file("A1,100,500,在建\nA2,100,500,在建\n"),
        )
        .write(
            "reports/2024-05/西区.csv",
            file("B1,100,500,在建\nB2,100,500,在建\nC1,100,700,在建\n"),
        )
        .write(
            "reports/2024-06/东区.csv",
            file("A1,100,600,在建\nA2,100,600,在建\n"),
        )
        .write(
            "reports/2024-06/西区.csv",
            file("B1,100,600,在建\nB2,100,600,在建\n"),
        )
        .write(
            "reports/2024-06/交通局.csv",
            file("A1,100,600,在建\nB1,100,600,在建\n"),
        );
    w
}

#[test]
fn a_summary_read_after_a_departments_file_sharing_its_projects_is_told() {
    // The office's 汇总表 of June among the reports, every project's row in it (C1's May 累计
    // again, with no 本月): named 全市汇总.csv, sorting after 交通局.csv, its B1 was weighed
    // with 交通局's alone (the first file giving it), not 西区's, so it held only 东区's file
    // whole and was read as reports, C1 counted as reported. Named to sort first, it was told.
    let summary = "项目编号,本月完成投资,累计完成投资,项目状态\n\
                   A1,100,600,在建\nA2,100,600,在建\nB1,100,600,在建\nB2,100,600,在建\n\
                   C1,,700,在建\n";
    for name in ["全市汇总", "2024年6月全市汇总"] {
        let w = districts_and_a_department();
        w.run(&["check"])
            .expect_code(0)
            .expect_line("warning: 未报送: C1 西三 has no report for 2024-06");
        let file = format!("reports/2024-06/{name}.csv");
        w.write(&file, summary);
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "{file}:6: error: reports 4 projects for 2024-06 that other files report too, and 1 \
             that no other file reports, each with no 本月 and the 累计 it had before (C1): a \
             summary of the month (汇总表) put among the reports?"
        ));
    }
}

#[test]
fn projects_of_nothing_yet_neither_make_a_summary_nor_are_left_out_of_one() {
    // 东二 and 西二 are 前期, 0 then and now, each given by its district's file and by its
    // department's (交通局, 教育局); 市发改委 gives both too, and its own 发改一, idle this month
    // with 本月 left empty. Holding 交通局's and 教育局's files whole by those rows alone, it was
    // taken for a summary of the month.
    let w = Workdir::new();
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资,项目状态\n{rows}");
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,责任单位,建设性质,总投资,年度计划投资,计划开工时间\n\
             A1,东一,东区,东区住建局,续建,10000,4000,2023-03\n\
             A2,东二,东区,交通局,新建,5000,2000,2024-10\n\
             B1,西一,西区,西区住建局,续建,8000,3000,2023-02\n\
             B2,西二,西区,教育局,新建,8000,3000,2024-10\n\
             F1,发改一,西区,发改委,续建,8000,3000,2023-02\n",
        )
        .write(
            "reports/2024-05/东区.csv",
            file("A1,100,500,在建\nA2,0,0,前期\n"),
        )
        .write(
            "reports/2024-05/西区.csv",
            file("B1,100,500,在建\nB2,0,0,前期\nF1,100,700,在建\n"),
        )
        .write(
            "reports/2024-06/东区.csv",
            file("A1,100,600,在建\nA2,0,0,前期\n"),
        )
        .write(
            "reports/2024-06/西区.csv",
            file("B1,100,600,在建\nB2,0,0,前期\n"),
        )
        .write("reports/2024-06/交通局.csv", file("A2,0,0,前期\n"))
        .write("reports/2024-06/教育局.csv", file("B2,0,0,前期\n"))
        .write(
            "reports/2024-06/市发改委.csv",
            file("A2,0,0,前期\nB2,0,0,前期\nF1,,700,在建\n"),
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("that no other file reports");
    // The office's summary, made partly of projects of nothing yet that sent nothing this
    // month (东二, 西二): told by 西一's 累计 again, it named 西一 alone, though it would count
    // all three as reported.
    for department in ["交通局", "教育局", "市发改委"] {
        std::fs::remove_file(w.file(&format!("reports/2024-06/{department}.csv"))).unwrap();
    }
    w.write("reports/2024-06/东区.csv", file("A1,100,600,在建\n"))
        .write("reports/2024-06/西区.csv", file("F1,100,800,在建\n"))
        .write(
            "reports/2024-06/全市汇总.csv",
            file("A1,100,600,在建\nA2,,0,前期\nB1,,500,在建\nB2,0,0,前期\nF1,100,800,在建\n"),
        );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06/全市汇总.csv:3: error: reports 2 projects for 2024-06 that other files \
         report too, and 3 that no other file reports, each with no 本月 and the 累计 it had \
         before (A2, B1, B2): a summary of the month (汇总表) put among the reports? it would \
         count those 3 as reported (报送率, 未报送)",
    );
}

/// Seven continuing projects of three districts (plan 1200 each), each reporting 100 a month
/// from January to May in the office's files.
fn seven_projects_to_may() -> Workdir {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,a1,东区,续建,100000,1200\nA2,a2,东区,续建,100000,1200\n\
         A3,a3,东区,续建,100000,1200\nB1,b1,西区,续建,100000,1200\n\
         B2,b2,西区,续建,100000,1200\nC1,c1,南区,续建,100000,1200\n\
         C2,c2,南区,续建,100000,1200\n",
    );
    for m in 1..=5 {
        let rows: String = ["A1", "A2", "A3", "B1", "B2", "C1", "C2"]
            .iter()
            .map(|id| format!("{id},100,{}\n", m * 100))
            .collect();
        w.write(
            &format!("reports/2024-0{m}.csv"),
            format!("项目编号,本月完成投资,累计完成投资\n{rows}"),
        );
    }
    w
}

#[test]
fn a_summary_of_every_project_writing_0_where_no_one_reported_is_told() {
    // June's files of 东区, 西区 and a department (市交通局, giving 南区's C1; 南区 sent
    // nothing), and the office's summary of every project, C2's May 累计 again with 本月 0: as
    // 南区 had "a file of its own" (the department's, or the summary itself), C2's 0 was read as
    // a report of nothing done, with no error, 报送率 7/7 where 6/7 is right. Whatever the
    // files' names.
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资\n{rows}");
    let (east, west) = (
        "A1,50,550\nA2,40,540\nA3,30,530\n",
        "B1,60,560\nB2,70,570\n",
    );
    let pairs = [
        ("reports/2024-06.csv", "reports/2024-06/市交通局.csv"),
        ("reports/2024-06/市交通局.csv", "reports/2024-06.csv"),
        ("reports/2024-06/zz.csv", "reports/2024-06/0交通局.csv"),
    ];
    for (summary, department) in pairs {
        let w = seven_projects_to_may();
        w.write("reports/2024-06/东区.csv", file(east))
            .write("reports/2024-06/西区.csv", file(west))
            .write(department, file("C1,80,580\n"))
            .write(summary, file(&format!("{east}{west}C1,80,580\nC2,0,500\n")));
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "{summary}:8: error: reports 6 projects for 2024-06 that other files report too, and \
             1 that no other file reports, each with no 本月 and the 累计 it had before (C2): a \
             summary of the month (汇总表) put among the reports?"
        ));
        w.run(&["report", "--month", "2024-06"]).expect_code(1);
        std::fs::remove_file(w.file(summary)).unwrap();
        let doc = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(doc["overview"]["reported"], json!(6), "{summary}");
    }
    // 东区's own file leaving A3 out, the summary writing 0 for it as for 南区's two.
    for summary in ["reports/2024-06.csv", "reports/2024-06/zz.csv"] {
        let w = seven_projects_to_may();
        w.write("reports/2024-06/东区.csv", file("A1,50,550\nA2,40,540\n"))
            .write("reports/2024-06/西区.csv", file(west))
            .write(
                summary,
                file(&format!(
                    "A1,50,550\nA2,40,540\nA3,0,500\n{west}C1,0,500\nC2,0,500\n"
                )),
            );
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "{summary}:4: error: reports 4 projects for 2024-06 that other files report too, and \
             3 that no other file reports, each with no 本月 and the 累计 it had before (A3, C1, \
             C2)"
        ));
        std::fs::remove_file(w.file(summary)).unwrap();
        let doc = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(doc["overview"]["reported"], json!(4), "{summary}");
    }
}

#[test]
fn a_summary_made_on_last_months_list_is_told_beside_a_project_new_this_month() {
    // A summary giving every project but D1, listed from June (纳入时间): no longer "every
    // project on the list", its 0s for 南区 were read as reports, 报送率 8/8 for 5/8. And where
    // 西区 reports D1: the summary no longer held 西区's file whole, and was not told at all.
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资\n{rows}");
    for new in ["", "D1,10,10\n"] {
        let w = seven_projects_to_may();
        w.write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
             A1,a1,东区,续建,100000,1200,\nA2,a2,东区,续建,100000,1200,\n\
             A3,a3,东区,续建,100000,1200,\nB1,b1,西区,续建,100000,1200,\n\
             B2,b2,西区,续建,100000,1200,\nC1,c1,南区,续建,100000,1200,\n\
             C2,c2,南区,续建,100000,1200,\nD1,d1,西区,续建,100000,1200,2024-06\n",
        )
        .write(
            "reports/2024-06/东区.csv",
            file("A1,50,550\nA2,40,540\nA3,30,530\n"),
        )
        .write(
            "reports/2024-06/西区.csv",
            file(&format!("B1,60,560\n{new}B2,70,570\n")),
        )
        .write(
            "reports/2024-06/zz.csv",
            file("A1,50,550\nA2,40,540\nA3,30,530\nB1,60,560\nB2,70,570\nC1,0,500\nC2,0,500\n"),
        );
        w.run(&["check"]).expect_code(1).expect_line(
            "reports/2024-06/zz.csv:7: error: reports 5 projects for 2024-06 that other files \
             report too, and 2 that no other file reports, each with no 本月 and the 累计 it had \
             before (C1, C2)",
        );
    }
}

#[test]
fn a_summary_made_on_last_months_list_beside_every_districts_file_is_said_once() {
    // Every district reported, 西区 D1 too, listed from June: the summary, lacking D1, no longer
    // held 西区's file whole, and each of its rows was a second report of its own (eight
    // warnings where one says it all).
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资\n{rows}");
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
         A1,a1,东区,续建,100000,1200,\nA2,a2,东区,续建,100000,1200,\n\
         B1,b1,西区,续建,100000,1200,\nB2,b2,西区,续建,100000,1200,\n\
         D1,d1,西区,续建,100000,1200,2024-06\n",
    )
    .write("reports/2024-06/东区.csv", file("A1,50,550\nA2,40,540\n"))
    .write(
        "reports/2024-06/西区.csv",
        file("B1,60,560\nD1,10,10\nB2,70,570\n"),
    )
    .write(
        "reports/2024-06/汇总.csv",
        file("A1,50,550\nA2,40,540\nB1,60,560\nB2,70,570\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06/汇总.csv:2: warning: its 4 rows say what 2 other files say, every row of \
         each (reports/2024-06/东区.csv and reports/2024-06/西区.csv)",
    );
    assert_eq!(
        run.stdout().matches(": warning:").count(),
        1,
        "{}",
        run.stdout()
    );
}
#[test]
fn a_departments_file_of_idle_projects_of_a_district_that_sent_nothing_is_no_summary() {
    // June's files of 东区 (A1) and 西区 (B1), and a department's (市交通局) giving A1 and B1
    // too, and 南区's C1 and C2, idle this month (本月 0): 南区 having sent no file of its own,
    // the department's 0s were read as a summary's formula, an error calling it one, and no
    // bulletin; moved out as advised, its reports were 未报送. Whatever the files' names.
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资\n{rows}");
    for department in [
        "reports/2024-06/市交通局.csv",
        "reports/2024-06.csv",
        "reports/2024-06/0交通局.csv",
    ] {
        let w = seven_projects_to_may();
        w.write("reports/2024-06/东区.csv", file("A1,50,550\n"))
            .write("reports/2024-06/西区.csv", file("B1,60,560\n"))
            .write(
                department,
                file("A1,50,550\nB1,60,560\nC1,0,500\nC2,0,500\n"),
            );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("that no other file reports")
            .expect_line("warning: 未报送: A2 a2 has no report for 2024-06");
        let doc = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(doc["overview"]["reported"], json!(4), "{department}");
        assert_eq!(project(&doc, "C2")["reported"], json!(true), "{department}");
    }
}

#[test]
fn rows_of_zeros_filled_down_past_the_projects_are_skipped() {
    // A 累计 formula (and 报告月份) filled down a form below its projects, saved as 0: a warning
    // a row ("skipped a row with \"0\" alone"), or with the month too an error a row, "项目编号
    // is empty", and no bulletin.
    let w = june(
        "项目编号,报告月份,本月完成投资,累计完成投资\nA1,2024-06,100,600\nA2,2024-06,200,900\n\
         ,2024-06,0,0\n,,,0\n,2024-06,0.00,0\n",
    );
    w.run(&["check", "--strict"]).expect_code(0).expect_line(
        "reports/2024-06.csv:4: note: skipped 3 rows with no 项目编号 and nothing but 0 or a \
         month (a form's formulas or months filled down past its projects) (lines 4, 5, 6)",
    );
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
    // So are rows whose rate formula shows 0% (as a workbook's percent format is read, and
    // saved to CSV).
    let w = june(
        "项目编号,报告月份,累计完成投资,完成率\nA1,2024-06,600,15%\nA2,2024-06,900,15.00%\n\
         ,2024-06,0,0%\n,,0,0.00%\n,2024-06,0,０％\n",
    );
    w.run(&["check", "--strict"]).expect_code(0).expect_line(
        "reports/2024-06.csv:4: note: skipped 3 rows with no 项目编号 and nothing but 0 or a \
         month (a form's formulas or months filled down past its projects) (lines 4, 5, 6)",
    );
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
    // A figure other than 0 with no 项目编号 is still an error.
    june("项目编号,报告月份,本月完成投资,累计完成投资\nA1,2024-06,100,600\n,2024-06,0,5\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:3:1: error: 项目编号 is empty");
}

#[test]
fn an_id_a_spreadsheet_turned_into_a_date_is_said_to_be_one() {
    // Ids `1-1` and `3-12` typed into a spreadsheet became dates: "项目编号 1月1日 is not in the
    // registry", with no word of why.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         1-1,甲,东区,续建,1000,500\n3/12,乙,东区,续建,1000,500\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\n1月1日,300\n2024-03-12,300\n5月1日,300\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:2:1: error: 项目编号 1月1日 is not in the registry for 2024 (the \
             registry has 1-1: a spreadsheet turned it into a date; make the 项目编号 column text \
             before typing ids in it)",
        )
        .expect_line("项目编号 2024-03-12 is not in the registry for 2024 (the registry has 3/12:")
        .expect_line(
            "项目编号 5月1日 is not in the registry for 2024 (expected an id from the registry)",
        );
}

#[test]
fn review_mends_of_headers_saying_a_months_end_and_ids_alike() {
    // 截至2023年12月底累计完成投资 (since the project's start, to last year's end) beside 本月 is
    // not last year's year-to-date: no error a row.
    june("项目编号,截至2023年12月底累计完成投资,本月完成投资\nA1,5000,50\nA2,0,20\n")
        .run(&["check"])
        .expect_code(0)
        .expect_line("column 2 \"截至2023年12月底累计完成投资\" is not read");
    // A header named in settings as the year-to-date is read so in another month's form too.
    let w = june("项目编号,截止6月底累计\nA1,600\nA2,900\n");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024-07.csv",
        "项目编号,截止6月底累计\nA1,700\nA2,1000\n",
    )
    .write(
        "xmtool.toml",
        "year = 2024\n[aliases]\nytd_investment = [\"截止6月底累计\"]\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line("month 6");
    // A month's figure of 2024 in rows of 2025 is misfiled.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,20000,4000\n",
    )
    .write(
        "reports/东区.csv",
        "项目编号,报告月份,2024年本月完成投资\nA1,2025-01,100\n",
    )
    .write("xmtool.toml", "year = 2025\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/东区.csv:2:3: error: 2024年本月完成投资 is the figure of 2024, but the row is for \
         2025-01",
    );
    // Ids numbered district then project (1-11, 11-1), or alike in other districts: no warning.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         1-11,甲,一区,续建,100,10\n11-1,乙,十一区,续建,100,20\n1-1,丙,一区,续建,100,30\n\
         11,丁,一区,续建,100,40\nb7,戊,二区,续建,100,50\nB7,己,三区,续建,100,60\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\n1-11,1\n");
    w.run(&["check"]).expect_no_line("listed again");
}

#[test]
fn a_report_row_of_another_district_than_the_registry_has() {
    // A neighbour's rows pasted into a district's report, or a project moved: counted for the
    // registry's district, with nothing said.
    let registry = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
                    A1,路网,甲区,续建,20000,4000\nA2,学校,甲区,续建,30000,6000\n\
                    A3,医院,乙区,续建,9000,3000\nA4,公园,金川区,续建,9000,1000\n";
    let w = Workdir::new();
    w.write("projects.csv", registry).write(
        "reports/2024-06.csv",
        "项目编号,所属县区,累计完成投资\nA1,乙区,500\nA2,乙区,600\nA3,甲区,700\nA4,金川区,100\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.csv:2:2: warning: 所属县区 \"乙区\" is not the registry's district of A1 \
         \"路网\" (甲区, projects.csv:2); so too 1 more row of this file, of 甲区's projects (line \
         3): the figures count for 甲区, as the registry says",
    );
    run.expect_line(
        "reports/2024-06.csv:4:2: warning: 所属县区 \"甲区\" is not the registry's district of A3",
    );
    run.expect_no_line(":5:2:");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::group(&doc, "甲区")["ytd_investment"], json!(1100.0));
    assert_eq!(common::group(&doc, "乙区")["ytd_investment"], json!(700.0));
    // So too where rows are read in full (amounts in 亿元).
    w.write(
        "reports/2024-06.csv",
        "项目编号,所属县区,累计完成投资（亿元）\nA1,甲区,0.05\nA2,乙区,0.06\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:3:2: warning: 所属县区 \"乙区\" is not the registry's")
        .expect_no_line(":2:2:");

    // The registry's district written with spaces, full-width, short, with its city or as its
    // government, or a cell left empty: nothing said.
    for (a1, a4) in [
        ("甲 区", "金川"),
        ("甲区", "金城市金川区"),
        ("", "金川区人民政府"),
        ("甲区", "金城市金川区人民政府"),
    ] {
        let w = Workdir::new();
        w.write("projects.csv", registry).write(
            "reports/2024-06.csv",
            format!("项目编号,所属县区,累计完成投资\nA1,{a1},500\nA4,{a4},100\n"),
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("registry's district");
    }

    // A district written with spaces in a row before: named as its key reads it, not as that
    // row wrote it (the review's case: "金 川 区" was quoted at A1's line, which says 金川区).
    let w = Workdir::new();
    w.write("projects.csv", registry).write(
        "reports/2024-06.csv",
        "项目编号,所属县区,累计完成投资\nA4,金 川 区,100\nA1,金川区,500\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:3:2: warning: 所属县区 \"金川区\" is not the registry's");
    // Last year's rows, kept for 同比, are not weighed against this year's districts (a
    // district since renamed, 永宁县 to 永宁区).
    w.write("xmtool.toml", "year = 2024\n").write(
        "reports/2023-06.csv",
        "项目编号,所属县区,累计完成投资\nA1,乙区,50\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_no_line("reports/2023-06.csv:2:2");

    // Rows of many lines: the first five named, and an ellipsis.
    let w = Workdir::new();
    let rows: String = (1..=8).map(|n| format!("B{n},乙区,{n}\n")).collect();
    let projects: String = (1..=8)
        .map(|n| format!("B{n},项目{n},甲区,续建,100,50\n"))
        .collect();
    w.write(
        "projects.csv",
        format!("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n{projects}"),
    )
    .write(
        "reports/2024-06.csv",
        format!("项目编号,所属县区,累计完成投资\n{rows}"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "so too 7 more rows of this file, of 甲区's projects (lines 3, 4, 5, 6, 7, …)",
    );

    // A project that moved in 2025, in a registry of two years: each year's rows weighed
    // against that year's district.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
         A1,路网,甲区,续建,20000,4000,2024\nA1,路网,乙区,续建,20000,4000,2025\n",
    )
    .write(
        "reports/2024-12.csv",
        "项目编号,所属县区,累计完成投资\nA1,乙区,500\n",
    )
    .write(
        "reports/2025-01.csv",
        "项目编号,所属县区,累计完成投资\nA1,乙区,50\n",
    );
    let run = w.run(&["check"]);
    run.expect_line("reports/2024-12.csv:2:2: warning: 所属县区 \"乙区\" is not the registry's")
        .expect_no_line("reports/2025-01.csv:2:2: warning: 所属县区");
    // And the other way (the review's case: a 2025 row saying 2024's district was weighed
    // against the id's first project, 2024's, and passed).
    w.write(
        "reports/2024-12.csv",
        "项目编号,所属县区,累计完成投资\nA1,甲区,500\n",
    )
    .write(
        "reports/2025-01.csv",
        "项目编号,所属县区,累计完成投资\nA1,甲区,50\n",
    );
    let run = w.run(&["check"]);
    run.expect_line("reports/2025-01.csv:2:2: warning: 所属县区 \"甲区\" is not the registry's")
        .expect_no_line("reports/2024-12.csv:2:2: warning: 所属县区");

    // Short or with more words, and spaced or full-width too (the review's case: `金 川` was
    // warned of, compared as written).
    for (own, a4) in [
        ("金川区", "金 川"),
        ("金川区", "金城市 金川区"),
        ("金川区", "金川区 人民政府"),
        ("AB区", "ＡＢ"),
    ] {
        let w = Workdir::new();
        w.write("projects.csv", registry.replace("金川区", own))
            .write(
                "reports/2024-06.csv",
                format!("项目编号,所属县区,累计完成投资\nA4,{a4},100\n"),
            );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("registry's district");
    }
}

#[test]
fn a_plan_column_named_in_settings_and_left_empty_reads_the_plain_plan() {
    // 调整后年度计划投资 filled in only for the projects whose plan was adjusted: each empty cell
    // was an error, and the project's plan 0.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资（亿元）,调整后年度计划投资\n\
         A1,路网,东区,续建,20000,0.4,\nA2,学校,东区,续建,30000,0.6,8000\n\
         A3,医院,西区,续建,9000,0.3,-\nA4,公园,西区,续建,9000,,\n\
         A5,广场,西区,续建,9000,1,\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nA2,200\nA3,300\nA4,1\nA5,1\n",
    )
    .write(
        "xmtool.toml",
        "[aliases]\nannual_plan = [\"调整后年度计划投资\"]\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line(
            "projects.csv:1:6: note: columns 6 \"年度计划投资（亿元）\" and 7 \"调整后年度计划投资\" \
             both name 年度计划投资; using column 7, and column 6 where it is empty",
        )
        // Both empty: the column named in settings is named.
        .expect_line("projects.csv:5:7: error: 调整后年度计划投资 is empty")
        // A plan read from the plain column is weighed against the total there.
        .expect_line("projects.csv:6:6: error: 年度计划投资（亿元） 10000 万元 is above 总投资 9000 万元");
    assert_eq!(
        run.stdout().matches("error:").count(),
        2,
        "{}",
        run.stdout()
    );
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    let plans: Vec<Value> = ["A1", "A2", "A3"]
        .iter()
        .map(|id| project(&doc, id)["annual_plan"].clone())
        .collect();
    assert_eq!(plans, [json!(4000.0), json!(8000.0), json!(3000.0)]);
    // Beside plan columns of two years, none is read for it: the first, 2023's, was (the
    // review's case; which year's a row is cannot be told from a column).
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,2023年计划投资,2024年计划投资,调整后年度计划投资\n\
         A1,路网,东区,续建,20000,111,222,\nA2,学校,东区,续建,30000,111,222,333\n",
    )
    .write("xmtool.toml", "year = 2024\n[aliases]\nannual_plan = [\"调整后年度计划投资\"]\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:2:8: error: 调整后年度计划投资 is empty")
        .expect_no_line("where it is empty");
}

#[test]
fn a_group_header_saying_its_months_heads_its_columns() {
    // 截至6月底完成投资 (or 1-6月完成投资) over 本月 and 累计 read as a whole header, the second
    // row as data: "项目编号 is empty", "\"本月\" is not a number".
    for group in [
        "截至6月底完成投资",
        "1-6月完成投资",
        "2024年1-6月完成投资（万元）",
        "截至2024年6月末投资完成情况",
        "截至6月30日完成投资",
    ] {
        let w = june(&format!(
            "项目编号,{group},\n,本月,累计\nA1,100,600\nA2,200,900\n"
        ));
        w.run(&["check"])
            .expect_code(0)
            .expect_line("read lines 1 and 2 as one header row")
            .expect_line("6月完成投资");
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{group}");
        let doc = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(
            project(&doc, "A1")["month_investment"],
            json!(100.0),
            "{group}"
        );
    }
    // May's form kept for June: its year-to-date is May's, an error a row as 1-5月 is.
    june("项目编号,截至5月底完成投资,\n,本月,累计\nA1,100,600\nA2,200,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("1-5月完成投资 is the year-to-date to month 5, but the row is for 2024-06");
    // To a month's last day, as a column: that month's year-to-date (it was unknown: "项目编号
    // is the only header here"); to a day within it, not read.
    let w = june("项目编号,截至6月30日累计完成投资\nA1,600\nA2,900\n");
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
    june("项目编号,截至5月31日累计完成投资\nA1,600\nA2,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("is the year-to-date to month 5, but the row is for 2024-06");
    june("项目编号,截至6月15日累计完成投资\nA1,600\nA2,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("项目编号 is the only header here");
}

#[test]
fn this_years_part_under_a_total_to_a_months_end_is_read() {
    // 截至6月底累计完成投资 over 合计 and 其中：本年: 合计, the total since the project's start,
    // was read as the year-to-date, and 其中：本年 not at all (1-6月累计完成投资 over them: 合计
    // read, with a warning a row that the two differ).
    // (So too with a year, and with 其中 spaced: the review's cases, where 合计 was read, with
    // no word or with a warning a row.)
    for group in [
        "累计完成投资",
        "截至6月底累计完成投资",
        "1-6月累计完成投资",
        "截至6月底完成投资",
        "截至2024年6月底累计完成投资",
        "截至2024年6月底完成投资",
        "2024年1-6月完成投资",
        "2024年1-6月累计完成投资",
    ] {
        for part in ["其中：本年", "其 中：本年"] {
            let w = june(&format!(
                "项目编号,{group},\n,合计,{part}\nA1,8000,600\nA2,9000,900\n"
            ));
            w.run(&["check"])
                .expect_code(0)
                .expect_line("using column 3")
                .expect_no_line("differs")
                .expect_no_line("far above");
            assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{group} {part}");
        }
    }
    // Last year's months over them: an error, as a column 2023年1-6月 is.
    june("项目编号,2023年1-6月累计完成投资,\n,合计,其中：本年\nA1,8000,600\nA2,9000,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("is the year-to-date to 2023年1-6月, but the row is for 2024-06");
}

#[test]
fn months_and_dates_in_chinese_numerals_are_read() {
    // 一至六月完成投资 was not read ("not a header xmtool knows"), nor 截至六月底累计完成投资; a
    // start written 二〇二四年三月十五日 (as Excel writes a date cell in a Chinese format to CSV)
    // was "not a month".
    for header in [
        "一至六月完成投资",
        "一月至六月累计完成投资",
        "截至六月底累计完成投资",
        "截至六月三十日完成投资",
    ] {
        let w = june(&format!(
            "项目编号,本月完成投资,{header}\nA1,100,600\nA2,200,900\n"
        ));
        w.run(&["check"]).expect_code(0).expect_no_line("not read");
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{header}");
    }
    let w = june(
        "项目编号,本月完成投资,累计完成投资,项目状态,实际开工时间\n\
         A1,100,600,在建,二〇二四年三月十五日\nA2,200,900,在建,2024年二月\n",
    );
    w.run(&["check"]).expect_code(0);
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["actual_start"], json!("2024-03"));
    assert_eq!(project(&doc, "A2")["actual_start"], json!("2024-02"));
    // May's months to date in June's file: the error 1-5月 gets.
    june("项目编号,本月完成投资,一至五月完成投资\nA1,100,600\nA2,200,900\n")
        .run(&["check"])
        .expect_code(1)
        .expect_line("is the year-to-date to month 5, but the row is for 2024-06");
}

#[test]
fn a_since_start_figure_under_a_group_of_months_to_date_is_passed_over() {
    // 开工以来累计 beside 本年累计 under 截至6月底完成投资: the group stopped at it, 本年累计 was
    // not read, and the year-to-date was summed from 本月 alone.
    for (group, below) in [
        ("截至6月底完成投资", "本月,开工以来累计,本年累计"),
        ("1-6月完成投资", "本月,开工以来累计,本年累计"),
        ("一至六月完成投资", "本月,本年累计,开工以来累计"),
    ] {
        let rows = if below.ends_with("本年累计") {
            "A1,100,8000,600\nA2,200,9000,900\n"
        } else {
            "A1,100,600,8000\nA2,200,900,9000\n"
        };
        let w = june(&format!("项目编号,{group},,\n,{below}\n{rows}"));
        w.run(&["check"])
            .expect_code(0)
            .expect_line("read lines 1 and 2 as one header row: 6月完成投资, 1-6月完成投资")
            .expect_no_line(": warning:");
        assert_eq!(ytds(&w), (json!(600.0), json!(900.0)), "{group} {below}");
    }
}

#[test]
fn starts_written_without_a_year_or_by_a_months_end_are_read() {
    // `3月`, `5月初` and `2024年2月底前` were "not a month", an error a row.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,新建,20000,4000,3月\nA2,学校,甲区,新建,30000,6000,2024年5月底前\n\
         A3,医院,甲区,新建,9000,3000,十月上旬\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态,实际开工时间\nA1,600,在建,5月初\nA2,900,在建,2月\n\
         A3,0,未开工,\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line(": error:");
    let doc = report_json(&w, &["--month", "2024-06"]);
    let starts = |id: &str| {
        let p = project(&doc, id);
        (p["planned_start"].clone(), p["actual_start"].clone())
    };
    assert_eq!(starts("A1"), (json!("2024-03"), json!("2024-05")));
    assert_eq!(starts("A2"), (json!("2024-05"), json!("2024-02")));
    assert_eq!(starts("A3"), (json!("2024-10"), Value::Null));
    // An actual start of no year after the row's month is an error, as a start after the report
    // month is (the review's case: 7月 in June's report, read as last July, counted the project
    // as started); a month that is none stays one.
    for (start, error) in [
        (
            "7月",
            "实际开工时间 \"7月\" gives no year: read as 2024-07, it is after the report month \
             2024-06 (expected a start at or before 2024-06; one in the year before is written \
             with its year, 2023-07)",
        ),
        ("13月", "实际开工时间 \"13月\" is not a month"),
    ] {
        w.write(
            "reports/2024-06.csv",
            format!("项目编号,累计完成投资,项目状态,实际开工时间\nA1,600,在建,{start}\n"),
        );
        w.run(&["check"]).expect_code(1).expect_line(error);
    }
    // A continuing project's planned start is in an earlier year, which a month of no year does
    // not say: not read (the review's case: 3月 was read as the plan year's, and then warned of
    // as a 续建 project's start in its plan year), and, counting in no figure, a note.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,续建,20000,4000,3月\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,600\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_line("note: 计划开工时间 \"3月\" of a continuing project (续建) is not a month");
    // A file named for a year's month in numerals before 报表: June's (the review's case).
    let w = june("");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024年六月报表.csv",
        "项目编号,累计完成投资\nA1,600\nA2,900\n",
    );
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
}

/// An actual start of no year more than half a year after its report's month is the year
/// before's: `12月` in January's report was an error, "after the report month", with no word
/// of last December. Within half a year after it, still an error, which now says how to write
/// the year before's.
#[test]
fn a_start_of_no_year_after_an_early_months_report_is_the_year_befores() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", common::small_registry())
        .write(
            "reports/2024-01.csv",
            "项目编号,累计完成投资,项目状态,实际开工时间\nA1,100,在建,\nA2,50,在建,12月\n\
             B1,80,在建,2024年1月\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-01.csv:3:4: note: 实际开工时间 \"12月\" gives no year: read as \
             2023-12, in the year before the report month 2024-01, as a start is not after its \
             report (write 2023-12 to say so)",
        )
        .expect_no_line(": error:");
    let doc = report_json(&w, &["--month", "2024-01"]);
    assert_eq!(project(&doc, "A2")["actual_start"], "2023-12");
    assert_eq!(project(&doc, "A2")["started"], true);
    // 2月 in January's report: a slip, or last February; an error saying how to write that.
    w.write(
        "reports/2024-01.csv",
        "项目编号,累计完成投资,项目状态,实际开工时间\nA2,50,在建,2月上旬\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-01.csv:2:4: error: 实际开工时间 \"2月上旬\" gives no year: read as 2024-02, \
         it is after the report month 2024-01 (expected a start at or before 2024-01; one in the \
         year before is written with its year, 2023-02)",
    );
}

/// A date serial pasted as the month asked for, `--month 45444`, was said in a column's words,
/// "format the column as dates or text": it names the month to give instead.
#[test]
fn a_date_serial_asked_for_as_the_month_names_the_month_to_give() {
    let w = clean_folder();
    let run = w.run(&["report", "--month", "45444"]);
    run.expect_code(2);
    assert!(
        run.stderr().contains(
            "--month \"45444\" is not a month: it may be the date 2024-06-01, as a spreadsheet \
             keeps dates, a number (expected the month itself, e.g. 2024-06)"
        ),
        "{}",
        run.stderr()
    );
    assert!(!run.stderr().contains("column"), "{}", run.stderr());
}

#[test]
fn amounts_in_a_currency_format_are_read() {
    // A sheet's amounts in a currency or accounting format, saved as CSV as they are shown:
    // "not a number", an error a cell.
    let w = june(
        "项目编号,本月完成投资,累计完成投资\nA1,¥100.00,\"¥600.00\"\nA2,\" ¥ -   \",\"￥1,900.50\"\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line(": error:");
    assert_eq!(ytds(&w), (json!(600.0), json!(1900.5)));
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A2")["month_investment"], json!(0.0));
}

#[test]
fn months_written_in_english_are_read_and_dates_with_the_year_last_say_why_not() {
    // A CSV saved by Excel in an English-language Windows: `Jul-24` (mmm-yy) and `1-Apr-24`
    // were errors ("is not a month"), as `7/1/2024` still is, but with its reason.
    let w = june(
        "项目编号,报告月份,累计完成投资,项目状态,实际开工时间\n\
         A1,Jun-24,1000,在建,1-Apr-24\nA2,June 2024,2000,在建,7/1/2024\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:3:5: error: 实际开工时间 \"7/1/2024\" is not a month: with its \
             year last, it may be month 7 or month 1 (write it with the year first, \
             2024-07-01 or 2024-01-07) (expected a month",
        )
        .expect_no_line("Jun-24")
        .expect_no_line("1-Apr-24");
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A1")["actual_start"], "2024-04", "{doc}");
    assert_eq!(project(&doc, "A2")["ytd_investment"], 2000.0, "{doc}");
}

#[test]
fn cells_naming_several_districts_or_leaders_are_said() {
    // `甲区、乙区` in 所属县区 and `张三、李四` in 包抓领导 made groups of their own in the
    // rankings, without a word. (Said where a name it lists is a group of its own elsewhere:
    // `市发改委/市粮食局`, one office of two names, and `王五（市委常委、副市长）` are not.)
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导,责任单位\n\
         A1,路网,甲区、乙区,续建,20000,4000,张三、李四,市发改委/市粮食局\n\
         A2,学校,甲区,续建,30000,6000,张三,住建局\n\
         A3,医院,乙区,续建,30000,6000,张三/王五,住建局\n\
         A4,桥,乙区,续建,30000,6000,王五（市委常委、副市长）,住建局\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,1000,在建\nA2,2000,在建\nA3,3000,在建\nA4,1,在建\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "projects.csv:2:3: warning: 所属县区 \"甲区、乙区\" names several (1 project in all): \
             such a cell is a group of its own in the rankings, not a part of each one it names",
        )
        .expect_line(
            "projects.csv:2:7: note: 包抓领导 \"张三、李四\" names several; so do \"张三/王五\" (2 \
             projects in all): such a cell is a group of its own when ranked by it (--by leader)",
        )
        .expect_no_line("责任单位")
        .expect_no_line("副市长");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::group(&doc, "甲区、乙区")["projects"], 1, "{doc}");
    // One name a cell: nothing to say.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导\n\
         A1,路网,甲区,续建,20000,4000,张三\nA2,学校,甲区,续建,30000,6000,张三\n\
         A3,医院,乙区,续建,30000,6000,王五\nA4,桥,乙区,续建,30000,6000,王五\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_no_line("names several");
}

#[test]
fn a_district_files_rows_of_another_districts_projects_are_said() {
    // A file a district sends, named for it and with no 所属县区 column, holding a neighbour's
    // project: read without a word (with the column, the row's district is compared).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,金川区,续建,20000,4000\nA2,学校,金川区,续建,30000,6000\n\
         B1,医院,龙首区,续建,30000,6000\nB2,桥,龙首区,续建,30000,6000\n",
    )
    .write(
        "reports/2024-06/金川区.csv",
        "项目编号,累计完成投资,项目状态\nA1,1000,在建\nB1,10,在建\nA2,2000,在建\nB2,20,在建\n",
    )
    // (Named short: 龙首 for 龙首区.)
    .write(
        "reports/2024-06/龙首.csv",
        "项目编号,累计完成投资,项目状态\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06/金川区.csv:3:1: warning: 2 rows of this file, named for 金川区, are of \
             another district's projects: B1 \"医院\" is 龙首区's (projects.csv:4); so too line 5 \
             (龙首区); the figures count for the registry's district",
        );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        common::group(&doc, "龙首区")["ytd_investment"],
        30.0,
        "{doc}"
    );
    // The rows in the neighbour's own file: nothing to say.
    w.write(
        "reports/2024-06/金川区.csv",
        "项目编号,累计完成投资,项目状态\nA1,1000,在建\nA2,2000,在建\n",
    )
    .write(
        "reports/2024-06/龙首.csv",
        "项目编号,累计完成投资,项目状态\nB1,10,在建\nB2,20,在建\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_no_line(": warning:");
    // A file for every district, named for none: nothing to say either.
    std::fs::remove_file(w.file("reports/2024-06/金川区.csv")).unwrap();
    std::fs::remove_file(w.file("reports/2024-06/龙首.csv")).unwrap();
    w.write(
        "reports/2024-06/全市.csv",
        "项目编号,累计完成投资,项目状态\nA1,1000,在建\nB1,10,在建\nA2,2000,在建\nB2,20,在建\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_no_line(": warning:");
}

#[test]
fn names_alike_but_for_their_digits_are_not_one_name() {
    // 县000492 and 县000419 once had one key (a hash too weakly mixed for such names): said to
    // be one district written two ways, and a report row's name said to be another project's.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,责任单位,建设性质,总投资,年度计划投资\n\
             A1,县000492,县000492,局000082,续建,1000,500\n\
             A2,县000555,县000419,局000009,续建,1000,500\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,项目名称,累计完成投资\nA1,县000492,100\nA2,县000419,100\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("written another way")
        .expect_no_line("is the registry's name of");
}

#[test]
fn a_month_file_in_a_districts_folder_under_a_years_takes_that_year() {
    // reports/2024年/甲区/6月.csv had no month (the year's folder was not its own): an error,
    // and no figures.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024年/甲区/6月.csv",
        "项目编号,累计完成投资\nA1,600\nA2,900\n",
    );
    w.run(&["check"]).expect_code(0);
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
}

/// Errors in reports of months after the one asked for are in none of its figures: the
/// bulletin is made, and they are said; errors in its months, or in rows of no known month,
/// stop it as before.
#[test]
fn errors_in_later_months_do_not_stop_an_earlier_bulletin() {
    const HEADER: &str = "项目编号,报告月份,本月完成投资,累计完成投资\n";
    let later = "of months after 2024-06, which are in none of 2024-06's figures";
    // July's file: a value not a number, an id not in the registry, a second report, 本月
    // disagreeing with the year-to-date, a start after the month; and a file of no header.
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,100,600\nA2,50,300\n");
    w.write(
        "reports/2024-07.csv",
        format!("{HEADER}A1,2024-07,abc,700\nA9,2024-07,1,1\nA1,2024-07,1,1\nA2,2024-07,10,999\n"),
    )
    .write("reports/2024-07/乙区.csv", "名称,金额\n路,1\n");
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_stderr(&format!(
            "has 5 errors in reports {later} (the first: reports/2024-07"
        ))
        .expect_line("A1");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], json!(600.0));
    // The outputs' record counts them apart: June's figures were made past no error (it said
    // they were, "figures built on them may be wrong").
    let counted = &doc["data_findings"];
    assert_eq!(
        (&counted["errors"], &counted["later_month_errors"]),
        (&json!(0), &json!(5))
    );
    w.run(&["export", "--month", "2024-06", "--out", "out"])
        .expect_code(0);
    let about = String::from_utf8(w.read("out/about.csv")).unwrap();
    assert!(
        about.contains("0 个错误") && about.contains("另有 5 个错误在 2024-06 以后月份的月报中"),
        "{about}"
    );
    assert!(!about.contains("可能有误"), "{about}");
    let july = report_json(&w, &["--month", "2024-07", "--allow-errors"]);
    assert_eq!(july["data_findings"]["errors"], 5);
    assert_eq!(july["data_findings"].get("later_month_errors"), None);
    w.run(&["report", "--month", "2024-07"])
        .expect_code(1)
        .expect_stderr("the data has 5 errors (the first: reports/2024-07");
    w.run(&["check"]).expect_code(1);
    // Asked for no month, or for months to the latest (`trend --from`), July is the month the
    // figures are at: its errors stop it, as they did.
    w.run(&["report"]).expect_code(1);
    w.run(&["trend", "--from", "2024-06"]).expect_code(1);
    w.run(&["trend", "--to", "2024-06"]).expect_code(0);

    // A row July's file says is another month's (报告月份 2024-06, or a 1-6月 column) may be
    // June's: its error stops June's bulletin.
    for july in [
        format!("{HEADER}A1,2024-06,100,600\n"),
        "项目编号,1-6月完成投资\nA1,600\n".to_string(),
    ] {
        let w = june("项目编号,本月完成投资,累计完成投资\nA1,100,600\nA2,50,300\n");
        w.write("reports/2024-07.csv", july);
        w.run(&["report", "--month", "2024-06"])
            .expect_code(1)
            .expect_stderr("the data has 1 error (the first: reports/2024-07.csv:2:2:");
    }

    // A file of every month: its July rows' errors are July's; a June row's error, or a row
    // whose month is not known, stops June's bulletin.
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,100,600\nA2,50,300\n");
    w.write(
        "reports/2024年.csv",
        format!("{HEADER}A1,2024-07,abc,700\n"),
    );
    w.run(&["report", "--month", "2024-06"])
        .expect_code(0)
        .expect_stderr(&format!("has 1 error in reports {later}"));
    for row in ["A2,2024-05,abc,250", "A2,2024-13,1,250", "A2,,1,250"] {
        w.write(
            "reports/2024年.csv",
            format!("{HEADER}A1,2024-07,abc,700\n{row}\n"),
        );
        w.run(&["report", "--month", "2024-06"])
            .expect_code(1)
            .expect_stderr("the data has 1 error (the first: reports/2024年.csv:3:")
            .expect_stderr(&format!(", and 1 error in reports {later}"));
    }

    // Asked for no month, the month taken is the latest of the registry's year: errors in
    // reports of a later year (next January's, sent early) stop it no more than with --month
    // (they did, where `--month 2024-06` gave the same bulletin, exit 0).
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,100,600\nA2,50,300\n");
    w.write("xmtool.toml", "year = 2024\n").write(
        "reports/2025-01.csv",
        format!("{HEADER}A1,2025-01,abc,700\n"),
    );
    for args in [
        &["report"][..],
        &["trend"],
        &["trend", "--from", "2024-06"],
        &["export", "--out", "out"],
    ] {
        w.run(args).expect_code(0).expect_stderr(
            "has 1 error in reports of a year after 2024, which are in none of its figures \
             (the first: reports/2025-01.csv:2:3:",
        );
    }
    let counted = &report_json(&w, &[])["data_findings"];
    assert_eq!(
        (&counted["errors"], &counted["later_month_errors"]),
        (&json!(0), &json!(1))
    );
}

/// A month of a year with no reports at all: nothing is carried forward, every year-to-date is 0;
/// with the year the asked month's alone and reports of another, the month may be mistyped.
#[test]
fn a_month_of_a_year_without_reports_is_said_to_be_one() {
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,100,600\nA2,50,300\n");
    w.run(&["report", "--month", "2024-08"])
        .expect_code(0)
        .expect_stderr(
            "no reports for 2024-08; every project's figure is carried forward from its last report",
        );
    w.run(&["report", "--month", "2025-01"])
        .expect_code(0)
        .expect_stderr(
            "no reports for 2025-01, nor any of 2025 before it, so every year-to-date is 0; the \
             registry has no 计划年度 and xmtool.toml no year, so its projects are taken as \
             2025's, the year asked for, while the latest reports are 2024-06's: is 2025-01 the \
             month meant? (if so, set year = 2025 in xmtool.toml)",
        );
    w.write("xmtool.toml", "year = 2025\n");
    let run = w.run(&["report", "--month", "2025-01"]);
    run.expect_code(0).expect_stderr(
        "no reports for 2025-01, nor any of 2025 before it, so every year-to-date is 0\n",
    );
}

#[test]
fn section_rows_numbered_without_a_mark_are_skipped() {
    // A bare 一 in 序号 (as many forms number their sections), its caption under 项目名称, was a
    // project with no id and no district: errors, and no bulletin.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "序号,项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         一,,工业项目（2个）,,,3000,1500\n1,A1,路网,甲区,续建,1000,500\n\
         2,A2,学校,甲区,续建,2000,1000\n二,,基础设施项目,,,,\n3,A3,水厂,甲区,续建,3000,1200\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nA2,50\nA3,600\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("projects.csv:2: note: skipped the section row \"一 工业项目（2个）\"")
        .expect_line("projects.csv:5: note: skipped the section row \"二 基础设施项目\"");
}

#[test]
fn a_file_named_for_a_month_of_no_year_with_rows_of_another_is_said() {
    // July's form filled in and named 甲区8月.csv, its 报告月份 still 2024-07, dropped into
    // reports/: read as July's with no finding (in reports/2024-07/ it was warned).
    let rows = "项目编号,报告月份,累计完成投资\nA1,2024-07,700\nA2,2024-07,1000\n";
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    w.write("reports/甲区8月.csv", rows);
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/甲区8月.csv:2:2: warning: is named for 8月, but 报告月份 says 2024-07 (2 rows, \
         this the first): they are read as 2024-07's",
    );
    let doc = report_json(&w, &["--month", "2024-07"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], json!(700.0));
    // Named for its rows' month, or for when it came, it is not said.
    for name in ["甲区7月.csv", "甲区8月3日报送.csv"] {
        let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
        w.write(&format!("reports/{name}"), rows);
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("is named for");
    }
}

#[test]
fn a_note_beside_a_csv_saved_from_a_sheet_is_said() {
    // A note typed right of the table, saved as CSV by Excel (every line padded to the width,
    // the header too, with an empty cell): dropped with no finding (a workbook's was warned).
    let w = june("项目编号,累计完成投资,\r\nA1,600,已电话核实\r\nA2,900,\r\n");
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:2:3: warning: column 3 has values but no header: they are not read \
         (line 2;",
    );
    assert_eq!(ytds(&w), (json!(600.0), json!(900.0)));
}

#[test]
fn last_months_figure_is_never_hinted_to_be_the_year_to_date() {
    // A form's 上月累计完成投资 (last month's, for reference) beside a 累计 header renamed to one
    // not known: both were said "if it is the year-to-date, name it 累计完成投资", which for the
    // form's own column would read last month's figures as this month's.
    let w = june(
        "项目编号,本月完成投资,累计完成,上月累计完成投资,上年同期累计完成投资,前月累计\n\
         A1,100,600,500,400,400\nA2,50,900,850,700,700\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:1:3: warning: column 3 \"累计完成\" is not read")
        .expect_no_line("column 4")
        .expect_no_line("column 5")
        .expect_no_line("column 6");
}

#[test]
fn januarys_file_come_early_does_not_stop_decembers_bulletin() {
    // A registry of no 计划年度 (the year the asked month's): reports/2024-01.csv, come in as
    // December's bulletin was made, was an error that stopped it (exit 1), though its rows are
    // in none of December's figures; with the year said, it was a note.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,20000,4000\n",
    )
    .write("reports/2023-12.csv", "项目编号,累计完成投资\nA1,3000\n")
    .write("reports/2024-01.csv", "项目编号,累计完成投资\nA1,100\n");
    w.run(&["report", "--month", "2023-12"])
        .expect_code(0)
        .expect_stderr("1 error in reports of months after 2023-12, which are in none of");
    // `check` judges every file.
    w.run(&["check", "--month", "2023-12"])
        .expect_code(1)
        .expect_line("1 row for 2024, after the plan year 2023");
}

#[test]
fn a_row_of_its_folders_month_in_a_file_named_for_another_says_to_rename_it() {
    // reports/2024-07/甲区2024年6月.csv with 报告月份 2024-07: each row's error said to make its
    // month June's, though the folder and the cells agree and the name is the slip.
    let w = june("项目编号,累计完成投资\nA1,600\nA2,900\n");
    w.write(
        "reports/2024-07/甲区2024年6月.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024-07,700\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-07/甲区2024年6月.csv:2:2: error: 报告月份 2024-07 disagrees with the month \
         2024-06 in the file's name (expected 2024-06, or move the row to the right month's \
         file; its folder is 2024-07's too: if the file is 2024-07's report, rename it)",
    );
    // Where the folder says neither, no such word.
    std::fs::remove_file(w.file("reports/2024-07/甲区2024年6月.csv")).unwrap();
    w.write(
        "reports/2024-08/甲区2024年6月.csv",
        "项目编号,报告月份,累计完成投资\nA1,2024-07,700\n",
    );
    w.run(&["check"])
        .expect_line("reports/2024-08/甲区2024年6月.csv:2:2: error: 报告月份 2024-07 disagrees")
        .expect_no_line("rename it");
}

#[test]
fn a_row_of_no_figure_that_says_something_is_a_report() {
    // A 前期 project sent with its amounts blank and its 形象进度 typed in was 未报送, its
    // district's 报送率 lowered, though the district reported it.
    let w = june(
        "项目编号,本月完成投资,累计完成投资,项目状态,形象进度,存在问题\n\
         A1,,,前期,正在办理用地手续,\n\
         A2,,,前期,,\n",
    );
    w.write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,0,100\nA2,0,200\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:2:3: note: no investment figure for A1 in 2024-06, but its row \
             says something",
        )
        .expect_line("未报送: A2 学校 has no report for 2024-06 (its row gives no figure)")
        .expect_no_line("未报送: A1");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["reported"], true, "{doc}");
    assert_eq!(project(&doc, "A1")["ytd_investment"], 100.0, "{doc}");
    assert_eq!(project(&doc, "A1")["month_investment"], 0.0, "{doc}");
    // (A status alone is a form's, filled in ahead: no report.)
    assert_eq!(project(&doc, "A2")["reported"], false, "{doc}");
    assert_eq!(doc["overview"]["reported"], 1, "{doc}");
    // A "-" typed for the amounts, or a 存在问题 of 无, says as much.
    w.write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态,形象进度,存在问题\n\
         A1,-,-,前期,,\n\
         A2,,,前期,,无\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["reported"], 2, "{doc}");
    assert_eq!(project(&doc, "A2")["last_report"], "2024-06", "{doc}");
}

#[test]
fn a_later_years_reports_do_not_say_to_set_year() {
    // With `year = 2024` in xmtool.toml, the note said "or set year in xmtool.toml", which
    // makes a registry's rows that year's, never the later one's.
    let w = june("项目编号,累计完成投资\nA1,100\nA2,200\n");
    w.write("reports/2025-01.csv", "项目编号,累计完成投资\nA1,10\n")
        .write("xmtool.toml", "year = 2024\n");
    let run = w.run(&["report"]);
    run.expect_stderr("no --month given; using 2024-06")
        .expect_stderr("add them to the registry, with 计划年度)");
    assert!(!run.stderr().contains("set year"), "{}", run.stderr());
}

#[test]
fn a_code_cut_short_in_the_registry_is_named_from_the_report() {
    // The registry's 24-digit 项目代码 kept as a number (15 digits), the report's typed whole:
    // "not in the registry", with no word of the registry's cell.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目代码,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             1.10101202400000E+23,路网,甲区,续建,1000,500\nA2,学校,甲区,续建,1000,500\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目代码,累计完成投资\n110101202400000000000011,100\nA2,50\n",
        );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:1: error: 项目代码 110101202400000000000011 is not in the registry \
         for 2024 (the registry has 1.10101202400000E+23 at projects.csv:2, which may be this code \
         with its last digits lost",
    );
    // So too from a workbook's number cell.
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (col, header) in [
        "项目代码",
        "项目名称",
        "所属县区",
        "建设性质",
        "总投资",
        "年度计划投资",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, col as u16, *header).unwrap();
    }
    sheet.write_number(1, 0, 1.101012024e23).unwrap();
    for (col, text) in ["路网", "甲区", "续建"].iter().enumerate() {
        sheet.write_string(1, col as u16 + 1, *text).unwrap();
    }
    sheet.write_number(1, 4, 1000.0).unwrap();
    sheet.write_number(1, 5, 500.0).unwrap();
    std::fs::remove_file(w.file("projects.csv")).unwrap();
    w.write("projects.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(1).expect_line(
        "项目代码 110101202400000000000011 is not in the registry for 2024 (the registry has \
         110101202400000000000000 at projects.xlsx:A2, which may be this code",
    );
}

#[test]
fn a_new_starts_missing_status_is_placed_at_its_investment() {
    // With no 项目状态 column, the warning had no column ("column": null in JSON).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,新建,1000,500,2024-03\n",
    )
    .write(
        "reports/2024-06.csv",
        "序号,项目编号,项目名称,1-6月累计完成投资\n1,A1,路网,100\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:2:4: warning: investment is reported for A1, a new start, but no \
         项目状态",
    );
}

#[test]
fn the_month_after_a_row_that_says_something_or_a_mended_one_is_weighed_right() {
    // After January's row of no figure but 春节停工, February's 本月 alone was said to leave
    // January's investment out; after February's 本月 and 累计 typed swapped, March's right
    // figures were an error "expected 110".
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,20000,4000\nA2,学校,甲区,续建,30000,6000\n",
    )
    .write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资,累计完成投资,形象进度\nA1,,,春节停工\nA2,100,100,\n",
    )
    .write(
        "reports/2024-02.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,50,\nA2,150,50\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,10,60\nA2,10,160\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-02.csv:3:2: error: 本月完成投资 150 disagrees")
        .expect_no_line("missing from the year-to-date")
        .expect_no_line("reports/2024-03.csv");
}

#[test]
fn a_downward_revision_is_a_negative_month_beside_the_lowered_ytd() {
    // 本月 -200 beside 累计 4800 after May's 5000 was "negative", 0 "disagrees": no figure said
    // the revision but a blank 本月.
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,-200,4800\nA2,-50,\n");
    w.write(
        "reports/2024-05.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,100,5000\nA2,100,1000\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_no_line("-200")
        .expect_line("reports/2024-06.csv:2:3: warning: 累计完成投资 4800 is lower than 5000")
        .expect_line(
            "reports/2024-06.csv:3:2: error: 本月完成投资 -50 is negative (expected an amount of 0 \
             or more; a downward revision is given with the lowered 累计完成投资 beside it)",
        );
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], 4800.0, "{doc}");
    assert_eq!(project(&doc, "A1")["month_investment"], -200.0, "{doc}");
}

#[test]
fn a_row_that_says_something_after_months_missing_leaves_them_missing() {
    // January 100, no February, March `停工` with no figure, April's 本月 alone: February's
    // investment is not known, and the warning of it was silenced by March's row.
    let w = june("");
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,100,100\nA2,0,0\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资,形象进度\nA1,,,停工\nA2,0,0,\n",
    )
    .write(
        "reports/2024-04.csv",
        "项目编号,本月完成投资\nA1,50\nA2,0\n",
    );
    w.run(&["check"])
        .expect_line("reports/2024-04.csv:2:2: warning: 本月完成投资 50 is 2024-04's alone")
        .expect_line("the investment of 2024-02 to 2024-03 is missing from the year-to-date");
}

#[test]
fn an_error_value_as_a_status_is_said_to_be_one() {
    // 项目状态 #N/A was "not known (expected 前期, …)", where every other column said it is a
    // spreadsheet's error value.
    let w = june("项目编号,累计完成投资,项目状态\nA1,100,#N/A\nA2,200,在建\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:2:3: warning: 项目状态 is \"#N/A\", a spreadsheet's error value",
        )
        .expect_no_line("is not known");
}

/// Groups and problem categories are in pinyin order, as Excel and WPS sort Chinese and as the
/// ranking's ties are (they were in code-point order: 农业 before 城建, 土地 before 拆迁); the
/// stages in their own order, from 竣工投产 to 加快前期.
#[test]
fn groups_and_categories_are_in_pinyin_order() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,项目类别,年度目标,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,农业,加快前期,续建,1000,100\n\
         A2,学校,甲区,城建,竣工投产,续建,1000,100\n\
         A3,工厂,乙区,工业,加快建设,续建,1000,100\n\
         A4,水厂,乙区,,加快建设,续建,1000,100\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,存在问题,问题类别\nA1,10,用地未批,土地\nA2,20,拆迁未完,拆迁\n\
         A3,30,,\nA4,40,资金不足,\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    let groups = |dim: &str| -> Vec<String> {
        doc["structure"][dim]
            .as_array()
            .unwrap()
            .iter()
            .map(|g| g["group"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(groups("category"), ["城建", "工业", "农业", "(未填)"]);
    assert_eq!(groups("stage"), ["竣工投产", "加快建设", "加快前期"]);
    let problems = w
        .run(&[
            "report", "--month", "2024-06", "--format", "csv", "--table", "problems",
        ])
        .expect_code(0)
        .stdout();
    let categories: Vec<&str> = problems
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(categories, ["拆迁", "土地", "(未填)"], "{problems}");
}

/// A 本月 alone after months whose rows are there but with an error (a figure that could not be
/// read) names those rows, not only that the months have no report (the clerk looked for a file
/// that was there).
#[test]
fn a_month_alone_after_a_figure_not_read_names_that_row() {
    let w = june("项目编号,本月完成投资,累计完成投资\nA1,100,600\nA2,100,900\n");
    w.write(
        "reports/2024-07.csv",
        "项目编号,本月完成投资\nA1,abc\nA2,50\n",
    )
    .write(
        "reports/2024-08.csv",
        "项目编号,本月完成投资\nA1,350\nA2,60\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-07.csv:2:2: error:")
        .expect_line(
            "reports/2024-08.csv:2:2: warning: 本月完成投资 350 is 2024-08's alone, and there is \
             no figure for 2024-07 since 2024-06's at reports/2024-06.csv:2 (the row at \
             reports/2024-07.csv:2 with an error): the investment of 2024-07 is missing from the \
             year-to-date (mend that row, or add a report missing, or give 累计完成投资 here)",
        )
        .expect_no_line("there is no report for 2024-07");
    // Two such months, and one of no report beside one such: each row is named.
    w.write(
        "reports/2024-08.csv",
        "项目编号,本月完成投资\nA1,xyz\nA2,60\n",
    )
    .write(
        "reports/2024-09.csv",
        "项目编号,本月完成投资\nA1,350\nA2,60\n",
    );
    w.run(&["check"]).expect_line(
        "there is no figure for 2024-07 to 2024-08 since 2024-06's at reports/2024-06.csv:2 (the \
         rows at reports/2024-07.csv:2, reports/2024-08.csv:2 with an error)",
    );
    w.write("reports/2024-08.csv", "项目编号,本月完成投资\nA2,60\n");
    w.run(&["check"]).expect_line(
        "there is no figure for 2024-07 to 2024-08 since 2024-06's at reports/2024-06.csv:2 (the \
         row at reports/2024-07.csv:2 with an error)",
    );
}

#[test]
fn an_amount_of_nothing_or_of_odd_separators_says_why_it_is_no_number() {
    // `无` and `12,5` were "is not a number", no more: 无 reads as nothing in a text column, and
    // 12,5 is a number where a comma is the decimal point. A one-cell remark (注：…) was called
    // a heading.
    let w = june("项目编号,累计完成投资\nA1,无\nA2,\"12,5\"\n注：本表由各县区填报,\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:2:2: error: 累计完成投资 \"无\" is not a number: it may mean 0 \
             (write 0 for none, or leave the cell empty where there is no figure)",
        )
        .expect_line(
            "reports/2024-06.csv:3:2: error: 累计完成投资 \"12,5\" is not a number: its thousands \
             separators do not group by three (is a decimal point meant?)",
        )
        .expect_line(
            "reports/2024-06.csv:4: note: skipped the row \"注：本表由各县区填报\" (a remark on \
             the form, not a project)",
        );
    // A value that must be given is not told it may be left empty (that is an error too).
    let registry = w.read("projects.csv");
    w.write(
        "projects.csv",
        String::from_utf8(registry).unwrap().replace(",6000", ",无"),
    );
    w.run(&["check"]).expect_line(
        "projects.csv:3:6: error: 年度计划投资 \"无\" is not a number: it may mean 0: write 0 for \
         none (expected",
    );
}

#[test]
fn a_start_rate_denominator_of_another_word_is_said_with_the_other_settings() {
    // It was said alone ("unknown variant `foo`, expected `all` or `planned`"), hiding the other
    // settings that cannot work until it was mended.
    let w = june("项目编号,累计完成投资\nA1,100\nA2,100\n");
    w.write(
        "xmtool.toml",
        "start_rate_denominator = \"foo\"\n[thresholds]\nidle_months = 0\n",
    );
    w.run(&["check"])
        .expect_code(2)
        .expect_stderr("2 settings cannot work:")
        .expect_stderr(
            "line 1: start_rate_denominator = \"foo\" is none of the two (expected \"all\", every \
             project, or \"planned\", those planned to start by the month)",
        )
        .expect_stderr("line 3: thresholds.idle_months = 0");
}

#[test]
fn a_date_with_its_year_last_is_the_month_of_its_file_where_it_may_be_that_month() {
    // LibreOffice writes a date to CSV in American order (`06/01/2024`): in a file named for
    // June it is June, though in Britain it is 6 January; in a file named for another month it
    // is still either, and said.
    let w = june("项目编号,报告月份,累计完成投资\nA1,06/01/2024,1000\nA2,6/1/2024 0:00,2000\n");
    w.run(&["check"]).expect_code(0).expect_no_line(": error:");
    assert_eq!(ytds(&w), (json!(1000.0), json!(2000.0)));
    // The 1st of a month is the reading taken: `06/01/2024` in January's file is June's row
    // (an error there), not 6 January. Of two readings neither a 1st, the file's is taken
    // (`12/06/2024`: 12 June), and in a file of neither month, both are said.
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write(
        "reports/2024-01.csv",
        "项目编号,报告月份,累计完成投资\nA1,06/01/2024,800\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,报告月份,累计完成投资\nA1,12/06/2024,1000\nA2,06/01/2024,2000\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-01.csv:2:2: error: ")
        .expect_no_line("reports/2024-06.csv");
    w.write(
        "reports/2024-01.csv",
        "项目编号,报告月份,累计完成投资\nA1,12/06/2024,800\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-01.csv:2:2: error: 报告月份 \"12/06/2024\" is not a month: with its year \
         last, it may be month 12 or month 6 (write it with the year first, 2024-12-06 or \
         2024-06-12) (expected a month",
    );
}

#[test]
fn a_total_row_with_a_count_under_the_id_is_no_project() {
    // A registry numbering its projects 1, 2, 3 and a report whose 合计 row gives the count of
    // its projects under 编号: the total was read as project 2's year-to-date, silently.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         1,路网,甲区,续建,20000,4000\n2,学校,乙区,续建,50000,8000\n3,医院,甲区,续建,9000,3000\n",
    )
    .write(
        "reports/2024-06.csv",
        "序号,编号,项目名称,所属县区,累计完成投资\n\
         1,1,路网,甲区,1000\n2,3,医院,甲区,500\n合计,2,,,1500\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:4: warning: skipped the 合计 row as a total, though its 编号 holds \
         \"2\": a project's row does not say 合计",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "2")["ytd_investment"], json!(0.0), "{doc}");
    assert_eq!(project(&doc, "2")["reported"], json!(false), "{doc}");
    assert_eq!(doc["overview"]["ytd_investment"], json!(1500.0));
    // So under 项目名称, where the count is beside it; a project whose name ends with 汇总 is one.
    w.write(
        "reports/2024-06.csv",
        "编号,项目名称,累计完成投资\n1,路网,1000\n3,政务数据汇总,500\n2,合计,1500\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:4: warning: skipped the 合计 row as a total, though its 编号 holds \
         \"2\": a project's row does not say 合计",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "3")["ytd_investment"], json!(500.0), "{doc}");
    assert_eq!(project(&doc, "2")["reported"], json!(false), "{doc}");
    // A label with its count in brackets, 合计（3个）.
    w.write(
        "reports/2024-06.csv",
        "编号,项目名称,所属县区,累计完成投资\n1,路网,甲区,1000\n2,合计（3个）,甲区,1500\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:3: warning: skipped the 合计（3个） row as a total");
    // Names that begin or end with a label, before the id's column, are projects'.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "序号,项目名称,项目编号,所属县区,建设性质,总投资,年度计划投资\n\
         1,政务数据汇总,A1,甲区,续建,20000,4000\n2,总计划,A2,甲区,续建,9000,3000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,10\nA2,20\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("2 projects, 2 report rows (2024-06) in 2 files");
}

#[test]
fn an_id_alike_to_each_of_its_latest_projects_before_is_one_of_them() {
    // A project is weighed against the 16 latest of its id in earlier years at most: thousands
    // of rows of one id named alike took a minute, each weighed against every one before it.
    let w = Workdir::new();
    let mut registry = String::from(
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,计划年度\n\
         1,食品厂,甲区,续建,1000,500,2022-03,2023\n",
    );
    for (i, c) in ('A'..='Z').take(16).enumerate() {
        registry.push_str(&format!(
            "1,环城路提升改造{c},甲区,续建,1000,{},2022-03,2023\n",
            i + 1
        ));
    }
    registry.push_str("1,环城路提升改造,甲区,续建,1000,500,2022-03,2024\n");
    w.write("projects.csv", registry);
    w.run(&["check"])
        .expect_line("projects.csv:3:1: error: 项目编号 1 appears twice in the 2023 registry")
        .expect_no_line("食品厂\" in 2023");
    // One not alike to the latest before it is weighed as ever.
    let registry = std::fs::read_to_string(w.file("projects.csv"))
        .unwrap()
        .replace(
            "1,环城路提升改造,甲区,续建,1000,500,2022-03,2024",
            "1,水厂,甲区,续建,1000,500,2022-03,2024",
        );
    w.write("projects.csv", registry);
    w.run(&["check"]).expect_line(
        "projects.csv:19:1: warning: 项目编号 1 is \"水厂\" here and \"环城路提升改造P\" in 2023",
    );
}

#[test]
fn a_count_of_projects_after_the_year_in_a_file_name_is_not_its_month() {
    // `2024年10个重点项目6月进展`: June's report, not October's (read as 2024-10, silently).
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）\n\
             A1,金川路网,金川区,续建,1000,500\n",
        )
        .write(
            "reports/金川区2024年10个重点项目6月进展.csv",
            "项目编号,本月完成投资（万元）,累计完成投资（万元）,项目状态\nA1,10,60,在建\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("1 project, 1 report row (2024-06) in 2 files");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], json!(60.0));
}

#[test]
fn a_registry_file_of_no_year_beside_last_years_is_the_asked_months_years() {
    // registry/2023年重点项目.csv kept beside this year's 重点项目库.csv, which names no year:
    // both were 2023's, A1 twice in 2023's registry, and June's bulletin was refused.
    let w = Workdir::new();
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n";
    w.write(
        "registry/2023年重点项目.csv",
        format!("{header}A1,甲,东区,续建,5000,1000\n"),
    )
    .write(
        "registry/重点项目库.csv",
        format!("{header}A1,甲,东区,续建,5000,1200\n"),
    )
    .write("reports/2023-06.csv", "项目编号,累计完成投资\nA1,300\n")
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,600\n");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["projects"], 1);
    assert_eq!(doc["overview"]["annual_plan"], json!(1200.0));
    assert_eq!(doc["overview"]["previous_year_ytd"], json!(300.0));
    let out = w.run(&["check", "--month", "2024-06"]);
    out.expect_code(0).expect_no_line("gives no year");
    // Asked for no month, it is the other file's year's, said with how to give its year.
    let out = w.run(&["check"]);
    out.expect_code(1).expect_line(
        "registry/重点项目库.csv:2: warning: gives no year (no 计划年度, and none in its name or \
         title), and lists projects of the registry's other files again: its projects are read \
         as 2023's, the year those files give, though the latest reports are 2024's (expected a \
         year in its name, registry/2024年重点项目库.csv, or year in xmtool.toml; asked for a \
         month, --month 2024-06, it is read as that month's year)",
    );
    assert_eq!(out.stdout().matches("gives no year").count(), 1);
    // Followed, the name is read for its year. (It named `2024年重点项目.csv`, with no folder:
    // a file so named beside projects.csv and registry/ is no registry's.)
    let (yearless, named) = (
        w.file("registry/重点项目库.csv"),
        w.file("registry/2024年重点项目库.csv"),
    );
    std::fs::rename(&yearless, &named).unwrap();
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("gives no year")
        .expect_no_line("lists 1 projects");
    std::fs::rename(&named, &yearless).unwrap();
    // A registry in two files, one named for its year, the other listing other projects: one
    // registry, of that year, whatever month is asked for.
    let two = Workdir::new();
    two.write(
        "registry/2024年东区.csv",
        format!("{header}A1,甲,东区,续建,5000,1000\n"),
    )
    .write(
        "registry/西区.csv",
        format!("{header}B1,乙,西区,续建,5000,1200\n"),
    )
    .write(
        "reports/2024-12.csv",
        "项目编号,累计完成投资\nA1,600\nB1,700\n",
    )
    .write(
        "reports/2025-01.csv",
        "项目编号,累计完成投资\nA1,100\nB1,100\n",
    );
    let doc = report_json(&two, &["--month", "2024-12"]);
    assert_eq!(doc["overview"]["projects"], 2);
    let out = two.run(&["check"]);
    out.expect_no_line("gives no year");
    two.run(&["report", "--month", "2025-01"])
        .expect_code(1)
        .expect_stderr("2 rows for 2025, after the plan year 2024");
    // A year in settings is the year of a file giving none, whatever month is asked for.
    w.write("xmtool.toml", "year = 2023\n");
    w.run(&["check", "--month", "2024-06"])
        .expect_code(2)
        .expect_stderr("the registry has no projects for 2024");
}

#[test]
fn a_report_month_of_januarys_and_februarys_together_is_februarys() {
    // 报告月份 `1-2月` in a file of a year's rows, as offices report both months together for
    // 春节, was "not a month" where `3月` beside it was read.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）\n\
             A1,东区大道,东区,续建,5000,1200\nB1,东区水厂,东区,续建,5000,1200\n",
        )
        .write(
            "reports/东区2024年.csv",
            "报告月份,项目编号,本月完成投资（万元）,累计完成投资（万元）\n\
             1-2月,A1,200,200\n1至2月份,B1,0,0\n3月,A1,100,300\n3月,B1,10,10\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("2 projects, 4 report rows (2024-02 to 2024-03)");
    let doc = report_json(&w, &["--month", "2024-02"]);
    assert_eq!(project(&doc, "A1")["ytd_investment"], json!(200.0));
}

#[test]
fn januarys_and_februarys_figures_reported_together_tell_who_is_idle() {
    // `2024年1-2月.csv`, January's and February's figures in one file, as offices send them for
    // 春节: February's 开而不动 was n/a, January having no files, though a 累计 of 0 on 1
    // January's 0 tells that nothing was invested in either.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）\n\
             A1,东区大道,东区,续建,5000,1200\nB1,西区水厂,西区,续建,8000,2400\n\
             C1,西区管网,西区,续建,8000,2400\n",
        )
        .write(
            "reports/2024年1-2月.csv",
            "项目编号,本月完成投资（万元）,累计完成投资（万元）\n\
             A1,200,200\nB1,0,0\nC1,0,\n",
        );
    let doc = report_json(&w, &["--month", "2024-02"]);
    assert_eq!(doc["overview"]["idle"], 1);
    assert_eq!(project(&doc, "B1")["idle"], true);
    assert_eq!(project(&doc, "A1")["idle"], false);
    // C1's 本月 alone tells nothing of January: not called idle.
    assert_eq!(project(&doc, "C1")["idle"], false);
    // With 本月 alone for every project, none is known to be idle or not: n/a.
    w.write(
        "reports/2024年1-2月.csv",
        "项目编号,本月完成投资（万元）\nA1,200\nB1,0\nC1,0\n",
    );
    let doc = report_json(&w, &["--month", "2024-02"]);
    assert_eq!(doc["overview"]["idle"], json!(null));
    assert_eq!(project(&doc, "B1")["idle"], json!(null));
    // A window reaching into a year of no reports stays not known: January's.
    w.write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资（万元）,累计完成投资（万元）\nA1,100,100\nB1,0,0\nC1,0,0\n",
    );
    let doc = report_json(&w, &["--month", "2024-01"]);
    assert_eq!(doc["overview"]["idle"], json!(null));
    // A month of no reports within the year, its investment told by the next month's 累计 over
    // a figure known before it.
    std::fs::remove_file(w.file("reports/2024年1-2月.csv")).unwrap();
    w.write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资（万元）,累计完成投资（万元）\nA1,0,100\nB1,0,30\nC1,0,0\n",
    );
    let doc = report_json(&w, &["--month", "2024-03"]);
    assert_eq!(doc["overview"]["idle"], 2);
    assert_eq!(project(&doc, "A1")["idle"], true);
    assert_eq!(project(&doc, "B1")["idle"], false);
    assert_eq!(project(&doc, "C1")["idle"], true);
    // A 累计 fallen across it is a revision: what February gave is not known.
    w.write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资（万元）,累计完成投资（万元）\nA1,0,90\nB1,0,30\nC1,0,0\n",
    );
    let doc = report_json(&w, &["--month", "2024-03", "--allow-errors"]);
    assert_eq!(project(&doc, "A1")["idle"], false);
    assert_eq!(project(&doc, "C1")["idle"], true);
    // Nor is a window known whose month before has no reports: only March's file.
    std::fs::remove_file(w.file("reports/2024-01.csv")).unwrap();
    let doc = report_json(&w, &["--month", "2024-03", "--allow-errors"]);
    assert_eq!(doc["overview"]["idle"], json!(null));
}

#[test]
fn januarys_year_to_date_run_on_from_last_year_is_said_so() {
    // A 累计 not started again in January (600 in December, 700 in January with 本月 100) was
    // "disagrees with 累计 700 minus last month's 0", a month before January that is none.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）\n\
             A1,东区大道,东区,续建,5000,1200\n",
        )
        .write(
            "reports/2023-12.csv",
            "项目编号,本月完成投资（万元）,累计完成投资（万元）\nA1,50,600\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,本月完成投资（万元）,累计完成投资（万元）\nA1,100,700\n",
        );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-01.csv:2:2: error: 本月完成投资（万元） 100 disagrees with 累计完成投资（万元） \
         700, January's, from 0 on 1 January (expected 本月 700 to fit the 累计, or 累计 100 to \
         fit the 本月: the 累计 is last December's and this 本月, but a year's 累计 starts from 0 \
         on 1 January)",
    );
}

#[test]
fn projects_in_preparation_are_read_and_are_no_new_starts() {
    // 建设性质 预备 (储备, 谋划, 前期), as every registry lists projects to start in a year to
    // come, was "not known", an error that stopped the bulletin; `新建（新开工）` too.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
             A1,甲,东区,续建,9000,3000,2023-03\n\
             A2,乙,东区,新建（新开工）,9000,2000,2024-03\n\
             A3,丙,东区,预备,9000,100,2025年\n\
             A4,丁,西区,储备项目,9000,0,2025-03\n\
             A5,戊,西区,前期,9000,50,\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,本月完成投资,累计完成投资,项目状态\n\
             A1,100,1500,在建\nA2,0,0,未开工\nA3,10,30,前期\nA4,0,0,前期\nA5,5,20,在建\n",
        );
    let out = w.run(&["check"]);
    out.expect_code(0)
        .expect_line(
            "projects.csv:4:7: note: 计划开工时间 \"2025年\" of a project in preparation (预备) is a \
             whole year: not read (a project in preparation's planned start counts in no figure)",
        )
        .expect_no_line("is not known")
        .expect_no_line("but investment is reported");
    let doc = report_json(&w, &["--month", "2024-06"]);
    let overview = &doc["overview"];
    // In every project's figure, in no new start's: A2 alone is a new start, overdue.
    assert_eq!(overview["projects"], 5);
    assert_eq!(overview["new_projects"], 1);
    assert_eq!(overview["new_started"], 0);
    assert_eq!(overview["overdue"], 1);
    // Started: A1 (continuing) and A5 (its report says 在建); of all five, as the brief counts.
    assert_eq!(overview["started"], 2);
    assert_eq!(overview["start_base"], 5);
    assert_eq!(project(&doc, "A3")["nature"], "reserve");
    assert_eq!(project(&doc, "A2")["nature"], "new");
    // Counting only projects due to start: those in preparation are in the base once started.
    w.write(
        "xmtool.toml",
        "year = 2024\nstart_rate_denominator = \"planned\"\n",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["started"], 2);
    assert_eq!(doc["overview"]["start_base"], 3);
}

#[test]
fn a_registry_kept_twice_is_said_once_for_the_file() {
    // A revised registry copied beside the first gave an error on each id, and nothing said
    // of the file.
    let w = Workdir::new();
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n";
    let rows = "A1,甲,东区,续建,5000,1000\nA2,乙,西区,续建,5000,800\n";
    w.write("xmtool.toml", "year = 2024\n")
        .write("registry/2024年重点项目.csv", format!("{header}{rows}"))
        .write(
            "registry/2024年重点项目（调整后）.csv",
            format!("{header}{rows}"),
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\nA1,100\nA2,100\n",
        );
    let out = w.run(&["check"]);
    out.expect_code(1)
        .expect_line(
            "registry/2024年重点项目（调整后）.csv:2: error: lists 2 projects of 2024 that \
             registry/2024年重点项目.csv lists too (a registry kept twice, or a revised one beside \
             the first, 调整后? keep the one that is right, and move the other out of the data \
             folder)",
        )
        .expect_line("项目编号 A2 appears twice in the 2024 registry");
    // One id listed again is a slip, said at its row alone.
    w.write(
        "registry/2024年重点项目（调整后）.csv",
        format!("{header}A1,甲,东区,续建,5000,1000\nA3,丙,西区,续建,5000,800\n"),
    );
    let out = w.run(&["check"]);
    out.expect_code(1)
        .expect_line("项目编号 A1 appears twice in the 2024 registry")
        .expect_no_line("lists 1 project");
    // So are two of a district's six, one of them twice: no copy of the other file.
    w.write(
        "registry/2024年重点项目（调整后）.csv",
        format!(
            "{header}A1,甲,东区,续建,5000,1000\nA1,甲,东区,续建,5000,1000\n\
             A2,乙,西区,续建,5000,800\nB1,丙,西区,续建,5000,800\nB2,丁,西区,续建,5000,800\n\
             B3,戊,西区,续建,5000,800\nB4,己,西区,续建,5000,800\n"
        ),
    );
    w.run(&["check"])
        .expect_line("项目编号 A2 appears twice in the 2024 registry")
        .expect_no_line("lists 2 projects");
}

/// This year's registry kept as `registry/重点项目库.csv`, as the README names it, beside last
/// year's `registry/2024年重点项目.csv`, listing its continuing projects again: asked for no
/// month, it is read as 2024's too, and was "a registry kept twice" whose advice, to move one
/// out, would lose a year's registry. The advice names the file giving no year, and the name
/// that gives it one; so renamed, nothing is listed twice.
#[test]
fn a_registry_of_no_year_beside_another_years_is_told_to_name_its_year() {
    let w = Workdir::new();
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n";
    w.write(
        "registry/2024年重点项目.csv",
        format!("{header}A1,甲,东区,续建,5000,1000\nA2,乙,西区,续建,5000,800\n"),
    )
    .write(
        "registry/重点项目库.csv",
        format!("{header}A1,甲,东区,续建,5000,2000\nA2,乙,西区,续建,5000,1500\n"),
    )
    .write(
        "reports/2025-01.csv",
        "项目编号,累计完成投资,项目状态\nA1,100,在建\nA2,50,在建\n",
    );
    let out = w.run(&["check"]);
    out.expect_code(1).expect_line(
        "registry/重点项目库.csv:2: error: lists 2 projects of 2024 that \
         registry/2024年重点项目.csv lists too (a registry kept twice, or a revised one beside \
         the first, 调整后? keep the one that is right, and move the other out of the data \
         folder; or, if registry/重点项目库.csv is another year's registry (it gives no year: no \
         计划年度, and none in its name or title), name it for its year \
         (registry/2025年重点项目库.csv for 2025's))",
    );
    // Followed as it reads: renamed to the name it gives.
    let stdout = out.stdout();
    let renamed = stdout
        .split_once("name it for its year (")
        .and_then(|(_, rest)| rest.split_once(" for "))
        .map(|(name, _)| name)
        .expect("a name given");
    std::fs::rename(w.file("registry/重点项目库.csv"), w.file(renamed)).expect("rename");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("lists 2 projects")
        .expect_no_line("appears twice");
    let doc = report_json(&w, &["--month", "2025-01"]);
    assert_eq!(doc["overview"]["annual_plan"], 3500.0, "{doc:#}");
}

#[test]
fn section_headings_naming_natures_give_their_projects_theirs() {
    // A registry of no 建设性质 column, its projects under 一、续建项目 and 二、新开工项目: every
    // project was of no nature, 开工率 0/2 and the overdue new start not named, without a word.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "序号,项目编号,项目名称,所属县区,总投资,年度计划投资,计划开工时间\n\
             一、续建项目（2个）,,,,,,\n\
             （一）工业项目,,,,,,\n\
             1,A1,甲医院,东区,50000,10000,2023-04\n\
             （二）城建项目,,,,,,\n\
             2,A2,乙路,东区,5000,1000,2023-05\n\
             二、新开工项目（1个）,,,,,,\n\
             3,A3,乙学校,东区,8000,4000,2024-03\n\
             三、其他项目,,,,,,\n\
             4,A4,丙,东区,8000,400,\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资,项目状态\nA1,6000,\nA2,600,\nA3,0,前期\nA4,10,\n",
        );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:2: note: has no 建设性质 column: 3 of its 4 projects are read as the \
         section headings above them say (\"一、续建项目（2个）\", \"二、新开工项目（1个）\"), the \
         others of no 建设性质",
    );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A1")["nature"], "continuing");
    assert_eq!(project(&doc, "A2")["nature"], "continuing");
    assert_eq!(project(&doc, "A3")["nature"], "new");
    assert_eq!(project(&doc, "A4")["nature"], json!(null));
    assert_eq!(doc["overview"]["started"], 2);
    assert_eq!(doc["overview"]["overdue"], 1);
    // A registry with the column reads it, whatever its headings say.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         一、续建项目,,,,,,\n\
         A1,甲医院,东区,新建,50000,10000,2024-04\n",
    );
    let doc = report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(project(&doc, "A1")["nature"], "new");
}

#[test]
fn an_unnumbered_section_row_with_its_subtotals_is_a_heading() {
    // `续建项目` in the 项目编号 column, its section's plan beside it and no name: read as a
    // project, of no name, district nor total (three errors), its nature given to none.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "序号,项目编号,项目名称,所属县区,总投资,年度计划投资,计划开工时间\n\
             ,续建项目,,,,11000,\n\
             1,A1,甲医院,东区,50000,10000,2023-04\n\
             2,A2,乙路,东区,5000,1000,2023-05\n\
             ,新开工项目,,,8000,4000,\n\
             3,A3,乙学校,东区,8000,4000,2024-03\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资,项目状态\nA1,6000,\nA2,600,\nA3,0,前期\n",
        );
    let out = w.run(&["check"]);
    out.expect_code(0)
        .expect_line(
            "projects.csv:2: note: skipped the section row \"续建项目\" (a heading with its \
             section's figures, not a project)",
        )
        .expect_line("projects.csv:5: note: skipped the section row \"新开工项目\"")
        .expect_line("3 projects");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A2")["nature"], "continuing");
    assert_eq!(project(&doc, "A3")["nature"], "new");
    assert_eq!(doc["overview"]["overdue"], 1);
    // An id of words alone beside a project's name is a project still.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,总投资,年度计划投资\n续建项目,甲医院,东区,50000,10000\n",
    );
    w.run(&["check"])
        .expect_no_line("section row")
        .expect_line("1 project");
}

#[test]
fn a_first_report_of_a_project_in_preparation_misses_no_month() {
    // A 预备 project's first report in June of 本月 alone: its work may begin then, as a new
    // start's does, and no earlier month is missing from its year-to-date.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,甲,东区,预备,9000,100\nB1,乙,东区,续建,9000,100\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,本月完成投资\nA1,10\nB1,10\n",
        );
    let out = w.run(&["check"]);
    out.expect_line("reports/2024-06.csv:3:2: warning:")
        .expect_no_line("reports/2024-06.csv:2:2: warning:");
}

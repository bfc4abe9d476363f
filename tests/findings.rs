//! Each kind of finding `xmtool check` gives, at its exact file:line:column.

mod common;

use common::{
    REGISTRY_HEADER, REPORT_HEADER, Workdir, clean_folder, project, report_json, small_registry,
};

#[test]
fn clean_folder_has_no_findings() {
    clean_folder()
        .run(&["check"])
        .expect_code(0)
        .expect_line("3 projects, 6 report rows (2024-01 to 2024-02) in 3 files: 0 errors, 0 warnings, 0 notes (no problems)");
}

#[test]
fn duplicate_project_id_names_both_rows() {
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{}A2,又一个学校,河西区,续建,100,50,2022-01\n",
            small_registry()
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:5:1: error: 项目编号 A2 appears twice in the 2024 registry (first at projects.csv:3;");
}

#[test]
fn ids_across_plan_years_are_told_apart() {
    // A3 is in 2025 and 2023 (listed in that order) and twice in 2025; a 2024 report for it
    // names the years it is in, in order; the second 2025 row names the first.
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},计划年度\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03,2024\n\
             A3,北站,金川区,续建,100,50,2022-01,2025\n\
             A3,北站,金川区,续建,100,50,2022-01,2023\n\
             A2,金川学校,金川区,新建,5000,2000,2024-03,2024\n\
             A3,北站二期,金川区,续建,100,50,2022-01,2025\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,2024\n"
        ),
    );
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,10,510,在建,\nA3,2024-03,1,1,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "projects.csv:6:1: error: 项目编号 A3 appears twice in the 2025 registry (first at projects.csv:3;",
        )
        .expect_line(
            "reports/2024-03.csv:3:1: error: 项目编号 A3 is not in the registry for 2024 (it is in the registry for 2023, 2025)",
        );
}

#[test]
fn report_for_a_project_not_in_the_registry() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,10,510,在建,\nZZ9,2024-03,1,1,在建,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-03.csv:3:1: error: 项目编号 ZZ9 is not in the registry for 2024",
    );
}

#[test]
fn a_project_deleted_from_the_registry_is_said_to_keep_its_row_with_the_month_taken_off() {
    // B1's row deleted from the registry to take it off the list: its reports of January and
    // February were each "not in the registry (expected an id from the registry)", and deleting
    // them, as that asks, takes its investment out of those months' bulletins.
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\nA1,金川路网,金川区,续建,10000,4000,2023-03\n\
                 A2,金川学校,金川区,新建,5000,2000,2024-03\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-01.csv:4:1: error: 项目编号 B1 is not in the registry for 2024 (it is \
             reported in 2 months, 2024-01 to 2024-02: if it was taken off the list, keep its \
             row in the registry, with the month it was taken off in a 调出时间 column, which \
             keeps its earlier reports; else expected an id from the registry)",
        )
        .expect_line("reports/2024-02.csv:4:1: error: 项目编号 B1 is not in the registry for 2024");
}

#[test]
fn an_id_changed_mid_year_is_mended_by_following_each_advice_in_turn() {
    // B1 reported as B9 from March. Keeping B1's row with a 调出时间, as "not in the registry"
    // asked, gave "B9 may be B1 … listed again (remove one)", and removing one brought the first
    // error back: what ends it, B9's 纳入时间, no message said.
    let w = clean_folder();
    let (a1, a2) = (
        "A1,金川路网,金川区,续建,10000,4000,2023-03",
        "A2,金川学校,金川区,新建,5000,2000,2024-03",
    );
    let march = format!(
        "{REPORT_HEADER}\nA1,2024-03,100,600,在建,\nA2,2024-03,0,0,前期,\n\
         B9,2024-03,50,200,在建,2024-02\n"
    );
    w.write(
        "projects.csv",
        format!("{REGISTRY_HEADER}\n{a1}\n{a2}\nB9,河西园区,河西区,新建,8000,3000,2024-02\n"),
    )
    .write("reports/2024-03.csv", &march);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-01.csv:4:1: error: 项目编号 B1 is not in the registry for 2024 (it is \
         reported in 2 months, 2024-01 to 2024-02: if it was taken off the list, keep its row in \
         the registry, with the month it was taken off in a 调出时间 column",
    );
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},调出时间\n{a1},\n{a2},\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,2024-03\n\
             B9,河西园区,河西区,新建,8000,3000,2024-02,\n"
        ),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:5:1: warning: B9 may be B1 (projects.csv:4) listed again: they have one \
         name, district, total investment and plan; both are counted in the figures (expected \
         each project once: remove one; if B9 replaced B1, give B9 a 纳入时间 of 2024-03, the \
         month B1's 调出时间 says)",
    );
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},调出时间,纳入时间\n{a1},,\n{a2},,\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,2024-03,\n\
             B9,河西园区,河西区,新建,8000,3000,2024-02,,2024-03\n"
        ),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors, 0 warnings");
    // The new id alone not in the registry, first reported after January: its row is asked
    // for, listed from then, and then the old one's 调出时间.
    let w = clean_folder();
    w.write("reports/2024-03.csv", &march);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-03.csv:4:1: error: 项目编号 B9 is not in the registry for 2024 (if it was \
         added to the list mid-year (or its id changed), add its row to the registry with a \
         纳入时间 of 2024-03, the month it is first reported; else expected an id from the \
         registry)",
    );
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},纳入时间\n{a1},\n{a2},\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,\n\
             B9,河西园区,河西区,新建,8000,3000,2024-02,2024-03\n"
        ),
    );
    w.run(&["check"]).expect_line(
        "projects.csv:5:1: warning: B9 may be B1 (projects.csv:4) listed again: they have one \
         name, district, total investment and plan; both are counted in the figures (expected \
         each project once: remove one; if B9 replaced B1, give B1 a 调出时间 of 2024-03, the \
         month B9's 纳入时间 says)",
    );
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},纳入时间,调出时间\n{a1},,\n{a2},,\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,,2024-03\n\
             B9,河西园区,河西区,新建,8000,3000,2024-02,2024-03,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors, 0 warnings");
}

#[test]
fn report_ids_a_registry_quote_left_open_took_in_are_named_as_inside_it() {
    // The quote opened before A2's id closes only in B3's row: A2's id (the cell's first line),
    // B2's and B3's (lines of the cell, B3's cut short) are no projects.
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03\n\
             \"A2,金川学校,金川区,新建,5000,2000,2024-03\n\
             B2,河西园区,河西区,新建,8000,3000,2024-02\n\
             B3,河西北路,河西区,续\"建,100,50,2022-01\n\
             B4,河西南路,河西区,续建,100,50,2022-01\n"
        ),
    );
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\nA1,2024-03,10,510,在建,\nA2,2024-03,1,1,在建,\nB2,2024-03,1,1,在建,\n\
             B3,2024-03,1,1,在建,\nZZ9,2024-03,1,1,在建,\n"
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(1);
    for (line, id) in [(3, "A2"), (4, "B2"), (5, "B3")] {
        run.expect_line(&format!(
            "reports/2024-03.csv:{line}:1: error: 项目编号 {id} is not in the registry for 2024 (it \
             is inside the quoted cell at projects.csv:3:1, which runs over lines 3-5: a quote \
             left open there took rows into the cell (close the quote where the cell ends, or \
             take it out))"
        ));
    }
    run.expect_line(
        "reports/2024-03.csv:6:1: error: 项目编号 ZZ9 is not in the registry for 2024 (if it was \
         added to the list mid-year (or its id changed), add its row to the registry with a \
         纳入时间 of 2024-03, the month it is first reported; else expected an id from the \
         registry)",
    );
    // The row whose id took the others in has its cell named, and is no project (not called
    // unreported, in no figure).
    run.expect_line("projects.csv:3:1: warning: this quoted cell runs over lines 3-5");
    run.expect_line(
        "projects.csv:3:1: error: 项目编号 runs over several lines (expected one id: was a quote \
         left open in it, taking in the rows below?); the row is not read",
    );
    assert!(!run.stdout().contains("未报送: A2"), "{}", run.stdout());
    run.expect_line("projects.csv:6:1: warning: 未报送: B4");
}

/// A registry header with a 序号 before the ids and a 备注 last, where quotes are left open.
const NOTED_REGISTRY: &str =
    "序号,项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,备注";

#[test]
fn report_ids_a_registry_quote_never_closed_took_in_are_named_as_inside_it() {
    // A quote at the very end of A2's line, never closed: the cell holds nothing of its own
    // line, and takes in the two lines below it.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        format!(
            "{NOTED_REGISTRY}\n\
             1,A1,项目一,东区,续建,100,50,2023-01,\n\
             2,A2,项目二,东区,续建,100,50,2023-01,\"\n\
             3,A3,项目三,西区,续建,100,50,2023-01,\n\
             4,A4,项目四,西区,续建,100,50,2023-01,\n"
        ),
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,10\nA3,10\nA4,10\n",
    );
    let run = w.run(&["check"]);
    run.expect_line(
        "projects.csv:3:9: error: a quote opens this cell and is never closed: the 2 lines after \
         it, to the end of the file,",
    );
    for (line, id) in [(3, "A3"), (4, "A4")] {
        run.expect_line(&format!(
            "reports/2024-06.csv:{line}:1: error: 项目编号 {id} is not in the registry for 2024 (it \
             is inside the quoted cell at projects.csv:3:9, which runs over lines 3-5:"
        ));
    }
}

#[test]
fn a_quoted_cell_after_a_cell_of_two_lines_runs_over_its_own_lines() {
    // A2's name is typed over lines 3-4; its 备注 opens a quote on line 4 that closes on line 6.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        format!(
            "{NOTED_REGISTRY}\n\
             1,A1,项目1,东区,续建,100,50,2023-01,\n\
             2,A2,\"项目\n二\",东区,续建,100,50,2023-01,\"备注开了\n\
             3,A3,项目3,西区,续建,100,50,2023-01,\n\
             4,A4,项目4,西区,续建,100,50,2023-01,\"\n"
        ),
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,10\nA3,10\n",
    );
    let run = w.run(&["check"]);
    run.expect_line("projects.csv:4:9: warning: this quoted cell runs over lines 4-6 and holds");
    run.expect_line(
        "reports/2024-06.csv:3:1: error: 项目编号 A3 is not in the registry for 2024 (it is inside \
         the quoted cell at projects.csv:4:9, which runs over lines 4-6:",
    );
}

#[test]
fn two_reports_for_one_month_in_two_files_name_both_places() {
    let w = clean_folder();
    w.write(
        "reports/2024-02/河西区.csv",
        format!("{REPORT_HEADER}\nB1,2024-02,140,140,在建,2024-02\n"),
    );
    // Paths are read in component order: the folder reports/2024-02/ before reports/2024-02.csv.
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02.csv:4:3: error: a second report for B1 in 2024-02, differing from the \
         first: 本月完成投资（万元） 150 here, 140 at reports/2024-02/河西区.csv:2:3; \
         累计完成投资（万元） 150 here, 140 at reports/2024-02/河西区.csv:2:4 (expected one per \
         project and month)",
    );
}

#[test]
fn a_second_report_saying_what_the_first_says_is_a_warning() {
    // A district's file and a department's both giving B1, alike (150 and 150.00 are one
    // figure): read once, a warning; where they differ in a figure, the status or the start,
    // an error, as which is right is not known.
    let w = clean_folder();
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{REPORT_HEADER}\nA1,2024-02,200,500,在建,\nB1,2024-02,150.00,150,在建,2024-02\n"),
    );
    // (Nor is the file said as one sent twice: which rows are read makes no difference.)
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-02.csv:4:1: warning: a second report for B1 in 2024-02, saying what the \
             first says (at reports/2024-02/住建局.csv:3): read once",
        )
        .expect_no_line("reports 2 projects");
    // Nor a second row in one file, nor one naming another project: another project's row under
    // a wrong id, most likely.
    w.write(
        "reports/2024-02/住建局.csv",
        format!(
            "{REPORT_HEADER}\nB1,2024-02,150,150,在建,2024-02\nB1,2024-02,150,150,在建,2024-02\n"
        ),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02/住建局.csv:3:1: error: a second report for B1 in 2024-02 (the first is at \
         reports/2024-02/住建局.csv:2;",
    );
    let named = "项目编号,项目名称,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态,实际开工时间";
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{named}\nB1,金川学校,2024-02,150,150,在建,2024-02\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02.csv:4:1: error: a second report for B1 in 2024-02 (the first is at \
         reports/2024-02/住建局.csv:2;",
    );
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{named}\nB1,河西园区,2024-02,150,150,在建,2024-02\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:4:1: warning: a second report for B1 in 2024-02, saying what the \
         first says",
    );
    // The error names what differs, each value beside the first's cell, at the cell that
    // differs. (A 本月 one row leaves empty beside the other's is a difference: figures are
    // what a bulletin adds up.)
    for (row, differs) in [
        (
            "B1,2024-02,150,150,停工,2024-02",
            "4:5: error: a second report for B1 in 2024-02, differing from the first: 项目状态 \
             在建 here, 停工 at reports/2024-02/住建局.csv:2:5",
        ),
        (
            "B1,2024-02,150,150,在建,2024-01",
            "4:6: error: a second report for B1 in 2024-02, differing from the first: 实际开工时间 \
             2024-02 here, 2024-01 at reports/2024-02/住建局.csv:2:6",
        ),
        (
            "B1,2024-02,,150,在建,2024-02",
            "4:3: error: a second report for B1 in 2024-02, differing from the first: \
             本月完成投资（万元） 150 here, empty at reports/2024-02/住建局.csv:2:3 (expected one \
             per project and month)",
        ),
    ] {
        w.write(
            "reports/2024-02/住建局.csv",
            format!("{REPORT_HEADER}\n{row}\n"),
        );
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!("reports/2024-02.csv:{differs}"));
    }
}

#[test]
fn a_second_report_without_a_status_or_start_says_nothing_against_the_firsts() {
    // A department's file of figures alone, no 项目状态 nor 实际开工时间 column, read before a
    // district's giving them: a file without the column says nothing of it, as an empty cell
    // says nothing of a blank row's. It was an error; now a warning, the district's status and
    // start kept where the first gives none.
    let w = clean_folder();
    let figures = "项目编号,报告月份,本月完成投资（万元）,累计完成投资（万元）";
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{figures}\nB1,2024-02,150,150\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:4:1: warning: a second report for B1 in 2024-02, agreeing with the \
         first (at reports/2024-02/住建局.csv:2): read once, its 项目状态 and 实际开工时间 kept, \
         as the first gives none",
    );
    let doc = report_json(&w, &["--month", "2024-02"]);
    let b1 = project(&doc, "B1");
    assert_eq!(b1["status"], "在建", "{b1}");
    assert_eq!(b1["actual_start"], "2024-02", "{b1}");
    assert_eq!(b1["started"], true, "{b1}");
    // So too for empty cells; a status both give, differently, is still an error.
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{REPORT_HEADER}\nB1,2024-02,150,150,,2024-02\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:4:1: warning: a second report for B1 in 2024-02, agreeing with the \
         first (at reports/2024-02/住建局.csv:2): read once, its 项目状态 kept",
    );
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{REPORT_HEADER}\nB1,2024-02,150,150,停工,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02.csv:4:5: error: a second report for B1 in 2024-02, differing from the \
         first: 项目状态 在建 here, 停工 at reports/2024-02/住建局.csv:2:5",
    );
}

#[test]
fn a_status_another_row_filled_in_is_named_where_it_is_said() {
    // Three files giving B1 for February: 住建局's of no 项目状态, read first, 发改局's saying
    // 停工 (which fills it in), then the district's saying 在建. The clash was named at 住建局's
    // empty cell, as if it said 停工; it is named at 发改局's, which says it.
    let w = clean_folder();
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{REPORT_HEADER}\nB1,2024-02,150,150,,2024-02\n"),
    )
    .write(
        "reports/2024-02/发改局.csv",
        format!("{REPORT_HEADER}\nB1,2024-02,150,150,停工,2024-02\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-02.csv:4:5: error: a second report for B1 in 2024-02, differing from \
             the first: 项目状态 在建 here, 停工 at reports/2024-02/发改局.csv:2:5 (expected one \
             per project and month)",
        )
        .expect_no_line("at reports/2024-02/住建局.csv:2:5");
}

#[test]
fn a_second_report_alike_keeps_the_free_text_the_first_leaves_empty() {
    // A department's file of figures alone (住建局, read first) and a district's with the
    // free text, alike in figures, status and start: the district's row was dropped whole, its
    // 形象进度 lost, and the warning said it said what the first says.
    let w = clean_folder();
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{REPORT_HEADER}\nB1,2024-02,150,150,在建,2024-02\n"),
    )
    .write(
        "reports/2024-02.csv",
        format!(
            "{REPORT_HEADER},形象进度,存在问题\n\
             A1,2024-02,200,500,在建,,路基施工,\n\
             A2,2024-02,0,0,前期,,,\n\
             B1,2024-02,150,150,在建,2024-02,\"厂房主体施工,完成60%\",资金未到位\n"
        ),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-02.csv:4:1: warning: a second report for B1 in 2024-02, agreeing with \
             the first (at reports/2024-02/住建局.csv:2): read once, its free text (形象进度, \
             存在问题) kept, as the first gives none",
        )
        .expect_no_line("saying what the first says");
    let doc = report_json(&w, &["--month", "2024-02"]);
    let b1 = project(&doc, "B1");
    assert_eq!(b1["progress"], "厂房主体施工,完成60%", "{b1}");
    // (Every month's, for one project's history, too.)
    let run = w.run(&["show", "B1", "--month", "2024-02", "--format", "json"]);
    run.expect_code(0);
    assert_eq!(run.json()["history"][1]["progress"], "厂房主体施工,完成60%");
    // Where the first gives free text of its own, it stands, and the second says what it says.
    w.write(
        "reports/2024-02/住建局.csv",
        format!("{REPORT_HEADER},形象进度\nB1,2024-02,150,150,在建,2024-02,设备安装\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:4:1: warning: a second report for B1 in 2024-02, saying what the \
         first says (at reports/2024-02/住建局.csv:2): read once",
    );
    let doc = report_json(&w, &["--month", "2024-02"]);
    assert_eq!(project(&doc, "B1")["progress"], "设备安装", "{doc}");
}

#[test]
fn a_file_sharing_some_of_anothers_projects_is_not_advised_to_move_it_out() {
    // A correction of two rows beside a district's file of three: "move the other out of
    // reports/" would leave the district's third project unreported. Only where this file gives
    // all the other's rows is moving it out advised; else the rows that clash are named.
    let w = clean_folder();
    std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
    let month = |rows: &str| format!("{REPORT_HEADER}\n{rows}");
    w.write(
        "reports/2024-02/金川区.csv",
        month("A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\nB1,2024-02,150,150,在建,2024-02\n"),
    )
    .write(
        "reports/2024-02/金川区（更正）.csv",
        month("A1,2024-02,210,510,在建,\nA2,2024-02,5,5,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-02/金川区（更正）.csv:2: error: reports 2 projects for 2024-02 that \
             reports/2024-02/金川区.csv reports too (A1, A2); those rows are read, not these (its \
             name says it corrects the other: if so, correct those rows in the other, or take \
             them out of it; the other gives 1 row more, which moving it out of reports/ would \
             leave unread)",
        )
        .expect_no_line("move the other out");
    // A department's file giving two of a district's three projects, read first: moving it out
    // loses nothing, moving the district's out loses B1.
    std::fs::remove_file(w.file("reports/2024-02/金川区（更正）.csv")).unwrap();
    w.write(
        "reports/2024-02/住建局.csv",
        month("A1,2024-02,210,510,在建,\nA2,2024-02,5,5,在建,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02/金川区.csv:2: error: reports 2 projects for 2024-02 that \
         reports/2024-02/住建局.csv reports too (A1, A2); those rows are read, not these (keep the \
         rows that are right: move the other out of reports/ if these are, or take these out of \
         this one if the other's are; this one gives 1 row more, which moving it out of \
         reports/ would leave unread)",
    );
    // A correction named so and read first (金川区-更正 sorts before 金川区): its rows are read,
    // as they should be; the file it corrects is the one to move out, where it gives no more.
    std::fs::remove_file(w.file("reports/2024-02/住建局.csv")).unwrap();
    w.write(
        "reports/2024-02/金川区-更正.csv",
        month("A1,2024-02,210,510,在建,\nA2,2024-02,5,5,在建,\nB1,2024-02,150,150,在建,2024-02\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02/金川区.csv:2: error: reports 3 projects for 2024-02 that \
         reports/2024-02/金川区-更正.csv reports too; those rows are read, not these (a file sent \
         twice, or a correction beside the first? the other's name says it corrects this one: if \
         so, its rows are rightly read; move this one out of reports/)",
    );
    w.write(
        "reports/2024-02/金川区-更正.csv",
        month("A1,2024-02,210,510,在建,\nA2,2024-02,5,5,在建,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02/金川区.csv:2: error: reports 2 projects for 2024-02 that \
         reports/2024-02/金川区-更正.csv reports too (A1, A2); those rows are read, not these (the \
         other's name says it corrects this one: if so, its rows are rightly read, and these can \
         be taken out of this one; this one gives 1 row more, which moving it out of reports/ \
         would leave unread)",
    );
}

#[test]
fn a_districts_report_holding_its_departments_files_of_the_month_is_no_year_file() {
    // 金川区's own February report beside two departments' files of February, each giving one
    // of its projects alike: it was warned of as "a year's file, or a summary", and the clerk
    // told to take those rows out of the district's own report. Each row shared is said, as
    // where it holds one department's file; files held of two districts are a summary's.
    let w = clean_folder();
    std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
    let month = |rows: &str| format!("{REPORT_HEADER}\n{rows}");
    w.write(
        "reports/2024-02/金川区.csv",
        month("A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\n"),
    )
    .write(
        "reports/2024-02/交通局.csv",
        month("A1,2024-02,200,500,在建,\n"),
    )
    .write(
        "reports/2024-02/教育局.csv",
        month("A2,2024-02,0,0,前期,\n"),
    )
    .write(
        "reports/2024-02/河西区.csv",
        month("B1,2024-02,150,150,在建,2024-02\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-02/金川区.csv:2:1: warning: a second report for A1 in 2024-02, saying \
             what the first says (at reports/2024-02/交通局.csv:2): read once",
        )
        .expect_line(
            "reports/2024-02/金川区.csv:3:1: warning: a second report for A2 in 2024-02, saying \
             what the first says (at reports/2024-02/教育局.csv:2): read once",
        )
        .expect_no_line("every row of each")
        .expect_line("0 errors, 2 warnings");
    // A file holding 金川区's and 河西区's files whole is a summary beside them.
    for department in ["交通局", "教育局"] {
        std::fs::remove_file(w.file(&format!("reports/2024-02/{department}.csv"))).unwrap();
    }
    w.write(
        "reports/2024-02/zz.csv",
        month("A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\nB1,2024-02,150,150,在建,2024-02\n"),
    );
    w.run(&["check"]).expect_line(
        "reports/2024-02/zz.csv:2: warning: its 3 rows say what 2 other files say, every row of \
         each (reports/2024-02/河西区.csv and reports/2024-02/金川区.csv): read once",
    );
}

#[test]
fn a_summary_of_the_month_among_the_reports_is_not_read_as_reports() {
    // The office's own 汇总表 of February, every project's 累计 in it, put in reports/ beside
    // 金川区's and a department's files: 河西区 sent nothing, and the summary's B1 row, its
    // January 累计 again with no 本月, counted B1 as reported (报送率 100%, no 未报送), with no
    // error.
    let w = clean_folder();
    std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
    let month = |rows: &str| format!("{REPORT_HEADER}\n{rows}");
    w.write(
        "reports/2024-01.csv",
        month("A1,2024-01,300,300,在建,\nA2,2024-01,0,0,前期,\nB1,2024-01,80,80,在建,2024-01\n"),
    )
    .write(
        "reports/2024-02/金川区.csv",
        month("A1,2024-02,200,500,在建,\n"),
    )
    .write(
        "reports/2024-02/市教育局.csv",
        month("A2,2024-02,0,0,前期,\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("warning: 未报送: B1 河西园区 has no report for 2024-02");
    let summary = "A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\nB1,2024-02,,80,在建,2024-01\n";
    w.write("reports/2024-02/全市汇总表.csv", month(summary));
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02/全市汇总表.csv:4: error: reports 2 projects for 2024-02 that other \
         files report too, and 1 that no other file reports, each with no 本月 and the 累计 it \
         had before (B1): a summary of the month (汇总表) put among the reports? it would count \
         that one as reported (报送率, 未报送); move it out of reports/",
    );
    w.run(&["report", "--month", "2024-02"]).expect_code(1);
    // With a 本月 of 0, where its name says it is a summary, it is still one.
    w.write(
        "reports/2024-02/全市汇总表.csv",
        month(&summary.replace(",,80,", ",0,80,")),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02/全市汇总表.csv:4: error: reports 2 projects for 2024-02 that other \
         files report too, and 1 that no other file reports",
    );
    std::fs::remove_file(w.file("reports/2024-02/全市汇总表.csv")).unwrap();
    // Named otherwise, it is one with no 本月, and with a 本月 of 0 where it gives every project
    // on the list (a summary's formula writes 0: B1 was counted as reported); where it gives
    // some, it is a department's report of a project that did nothing this month.
    w.write("reports/2024-02/转来.csv", month(summary));
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02/转来.csv:4: error: reports 2 projects for 2024-02 that other files \
         report too, and 1 that no other file reports",
    );
    w.write(
        "reports/2024-02/转来.csv",
        month(&summary.replace(",,80,", ",0,80,")),
    );
    // (Its error alone: the warning of a file repeating others told to cut the rows it holds.)
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-02/转来.csv:4: error: reports 2 projects for 2024-02 that other files \
             report too, and 1 that no other file reports",
        )
        .expect_no_line("other files say, every row of each");
    w.write(
        "projects.csv",
        format!(
            "{}B2,河西道路,河西区,续建,6000,2000,2023-05\n",
            small_registry()
        ),
    )
    .write(
        "reports/2024-02/河西区.csv",
        month("B2,2024-02,100,100,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("that no other file reports");
    std::fs::remove_file(w.file("reports/2024-02/河西区.csv")).unwrap();
    w.write("projects.csv", small_registry());
    // Where B1's row gives this month's figures, it is a report (a department's file of two
    // districts' projects, say): read, with no error.
    w.write(
        "reports/2024-02/转来.csv",
        month(&summary.replace(",,80,", ",70,150,")),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("that no other file reports");
    // Nor a department's file holding one district's file whole and a project of its own that
    // did nothing this month: no summary, which holds each reporting office's file.
    w.write("reports/2024-02/转来.csv", month(summary));
    w.write(
        "reports/2024-02/金川区.csv",
        month("A1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\n"),
    );
    std::fs::remove_file(w.file("reports/2024-02/市教育局.csv")).unwrap();
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("that no other file reports");
}

#[test]
fn a_summary_is_told_by_its_own_name_and_stops_the_bulletin_wherever_it_is_placed() {
    // Three districts' projects, the reports in a folder named for the city's; C1 is taken off
    // the list from June.
    let w = Workdir::new();
    let row = |id: &str, this_month: &str, ytd: &str| format!("{id},{this_month},{ytd},在建\n");
    let file = |rows: &[String]| {
        format!(
            "项目编号,本月完成投资,累计完成投资,项目状态\n{}",
            rows.concat()
        )
    };
    let month = "reports/全市重点项目月报/2024-06";
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,调出时间\n\
         A1,东一,东区,续建,10000,4000,2023-03,\n\
         A2,东二,东区,续建,5000,2000,2023-03,\n\
         B1,西一,西区,续建,8000,3000,2023-02,\n\
         B2,西二,西区,续建,8000,3000,2023-02,\n\
         C1,东三,东区,续建,8000,3000,2023-02,2024-06\n\
         D1,西三,西区,续建,8000,3000,2023-02,\n\
         E1,南一,南区,续建,8000,3000,2023-02,\n",
    );
    w.write(
        "reports/全市重点项目月报/2024-05/东区.csv",
        file(&[
            row("A1", "100", "500"),
            row("A2", "100", "500"),
            row("C1", "100", "700"),
        ]),
    )
    .write(
        "reports/全市重点项目月报/2024-05/西区.csv",
        file(&[
            row("B1", "100", "500"),
            row("B2", "100", "500"),
            row("D1", "100", "900"),
        ]),
    )
    .write(
        "reports/全市重点项目月报/2024-05/南区.csv",
        file(&[row("E1", "100", "700")]),
    )
    .write(
        &format!("{month}/东区.csv"),
        file(&[row("A1", "100", "600"), row("A2", "100", "600")]),
    )
    .write(
        &format!("{month}/西区.csv"),
        file(&[row("B1", "100", "600"), row("B2", "100", "600")]),
    );
    let shared = [
        row("A1", "100", "600"),
        row("A2", "100", "600"),
        row("B1", "100", "600"),
        row("B2", "100", "600"),
    ];
    // The city's summary, its first row the dropped C1's, May's 累计 again: the error for the
    // file is placed at that row, and still stops the bulletin (it would count D1 and E1 as
    // reported).
    let summary = [
        &[row("C1", "", "700")][..],
        &shared,
        &[row("D1", "", "900"), row("E1", "", "700")],
    ]
    .concat();
    w.write(&format!("{month}/全市汇总.csv"), file(&summary));
    w.run(&["check"]).expect_code(1).expect_line(&format!(
        "{month}/全市汇总.csv:2: error: reports 4 projects for 2024-06 that other files report \
         too, and 3 that no other file reports, each with no 本月 and the 累计 it had before (C1, \
         D1, E1)"
    ));
    w.run(&["report", "--month", "2024-06"])
        .expect_code(1)
        .expect_no_line("报送率");
    std::fs::remove_file(w.file(&format!("{month}/全市汇总.csv"))).unwrap();
    // A department's file giving the districts' projects and one of its own, idle (本月 0): a
    // report, read, whatever its folder's name says. (Giving E1 too, with 0 again, it would give
    // every project on the list: the office's summary, its formula writing 0 where no one
    // reported.)
    let department = [&shared[..], &[row("D1", "0", "900")]].concat();
    w.write(&format!("{month}/市交通局.csv"), file(&department));
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("that no other file reports");
    // Named 全市…, where one of its own gives June's figures, it is still a report.
    std::fs::remove_file(w.file(&format!("{month}/市交通局.csv"))).unwrap();
    let department = [
        &shared[..],
        &[row("D1", "0", "900"), row("E1", "50", "750")],
    ]
    .concat();
    w.write(&format!("{month}/全市交通重点项目.csv"), file(&department));
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("that no other file reports");
}

#[test]
fn last_months_report_sent_again_as_this_months_is_named_once() {
    // January's file copied, renamed and its 报告月份 edited to February: not the same byte
    // for byte, every 累计 January's, no 本月. It read as every project reported with nothing
    // invested, and nothing was said.
    let w = clean_folder();
    let january = "A1,2024-01,300,300,在建,\nA2,2024-01,100,100,在建,2024-01\nB1,2024-01,80,80,在建,2024-01\n";
    w.write("reports/2024-01.csv", format!("{REPORT_HEADER}\n{january}"));
    let february = |a1: &str| {
        format!(
            "项目编号,报告月份,累计完成投资（万元）\nA1,2024-02,{a1}\nA2,2024-02,100\nB1,2024-02,80\n"
        )
    };
    w.write("reports/2024-02.csv", february("300"));
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:2: warning: its 3 rows for 2024-02 each give the 累计 their project \
         had in 2024-01 and no 本月, though 3 of them invested in 2024-01: 2024-01's report sent \
         again as 2024-02's? (expected 2024-02's figures: replace it with the right one; if none \
         of these projects invested in 2024-02, leave it)",
    );
    // One project's 累计 risen: February's report, some projects idle.
    w.write("reports/2024-02.csv", february("450"));
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("report sent again as");
    // Nor where most of them invested nothing in January either: a district at a standstill.
    w.write(
        "reports/2024-01.csv",
        format!(
            "{REPORT_HEADER}\n{}",
            january.replace("100,100", "0,0").replace("80,80", "0,0")
        ),
    )
    .write(
        "reports/2024-02.csv",
        february("300")
            .replace(",100\n", ",0\n")
            .replace(",80\n", ",0\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("report sent again as");
}

#[test]
fn last_decembers_report_sent_again_as_januarys_is_named() {
    // The new year's first report a copy of December's, every 累计 December's: it read as
    // every project 100% done in January, with nothing said (within a year it is named).
    let w = Workdir::new();
    let registry = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
                    W1,一号,西区,续建,9000,1200\nW2,二号,西区,续建,9000,2400\n\
                    W3,三号,西区,续建,9000,3600\n";
    let file = |rows: &str| format!("项目编号,本月完成投资,累计完成投资\n{rows}");
    w.write("registry/2024年重点项目.csv", registry)
        .write("registry/2025年重点项目.csv", registry)
        .write(
            "reports/2024-11.csv",
            file("W1,100,1100\nW2,200,2200\nW3,300,3300\n"),
        )
        .write(
            "reports/2024-12.csv",
            file("W1,100,1200\nW2,200,2400\nW3,300,3600\n"),
        )
        .write(
            "reports/2025-01.csv",
            "项目编号,累计完成投资\nW1,1200\nW2,2400\nW3,3600\n",
        );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2025-01.csv:2: warning: its 3 rows for 2025-01 each give the 累计 their project \
         had in 2024-12 and no 本月, though 3 of them invested in 2024-12: 2024-12's report sent \
         again as 2025-01's? (expected 2025-01's figures: replace it with the right one; a 累计 \
         starts again in January)",
    );
    // January's own figures, a year-to-date from 0: nothing said.
    w.write(
        "reports/2025-01.csv",
        "项目编号,累计完成投资\nW1,100\nW2,200\nW3,0\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("report sent again as");
}

#[test]
fn januarys_year_to_date_counted_on_from_december_with_no_month_column_is_named() {
    // January's 累计 counted on from last year (开累) under a plain 累计 header and no 本月:
    // nothing said, and the bulletin had each project's last year counted as this year's.
    let w = Workdir::new();
    let registry = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
                    W1,一号,西区,续建,9000,1200\nW2,二号,西区,续建,9000,2400\n\
                    W3,三号,西区,续建,9000,3600\nW4,四号,西区,续建,9000,100\n";
    w.write("registry/2024年重点项目.csv", registry)
        .write("registry/2025年重点项目.csv", registry)
        .write(
            "reports/2024-12.csv",
            "项目编号,本月完成投资,累计完成投资\nW1,100,1200\nW2,200,2400\nW3,300,3600\n",
        );
    let january = |rows: &str| {
        w.write(
            "reports/2025-01.csv",
            format!("项目编号,累计完成投资\n{rows}"),
        );
        w.run(&["check"])
    };
    // W3 idle in January, W4 of no report in December: weighed are the three with its 累计.
    january("W4,10\nW1,1300\nW2,2600\nW3,3600\n")
        .expect_code(0)
        .expect_line(
        "reports/2025-01.csv:3: warning: its 3 rows for 2025-01 give no 本月, and each a 累计 at \
         or above its project's of 2024-12 (W1 1300 after 1200, W2 2600 after 2400, W3 3600 \
         after 3600): a 累计 counted on from last year, not started again in January? it would \
         count last year's investment as this year's (expected 2025-01's 累计 from 0 on 1 \
         January, January's alone; if each of these projects invested in 2025-01 as much as in \
         all of 2024, leave it)",
    );
    let run_on = "counted on from last year";
    // January's own figures; or one project's below its December's: nothing said.
    january("W1,100\nW2,200\nW3,0\n")
        .expect_code(0)
        .expect_no_line(run_on);
    january("W1,1300\nW2,2600\nW3,300\n").expect_no_line(run_on);
    // Two weighed rows are too few to tell a file from two projects that began late last year.
    january("W1,1300\nW2,2600\n").expect_no_line(run_on);
    // Every 累计 December's is December's report sent again, said as that alone.
    january("W1,1200\nW2,2400\nW3,3600\n")
        .expect_line("report sent again as 2025-01's?")
        .expect_no_line(run_on);
}

#[test]
fn a_month_of_nothing_invested_that_says_so_is_not_taken_for_last_months_sent_again() {
    // February after the Spring Festival: every project idle, each 累计 January's, no 本月;
    // but its rows say so in words of their own (or a project is now finished): a report,
    // not January's sent again. Taken for one, the clerk was told to replace the right file.
    let w = clean_folder();
    let header = "项目编号,报告月份,累计完成投资（万元）,项目状态,形象进度";
    let january =
        "A1,2024-01,300,在建,主体施工\nA2,2024-01,100,在建,基础施工\nB1,2024-01,80,在建,场地平整\n";
    w.write("reports/2024-01.csv", format!("{header}\n{january}"));
    let sent_again = "sent again as 2024-02's?";
    // January's rows under February's month: its words too.
    w.write(
        "reports/2024-02.csv",
        format!("{header}\n{}", january.replace("2024-01", "2024-02")),
    );
    w.run(&["check"]).expect_code(0).expect_line(sent_again);
    let february =
        "A1,2024-02,300,在建,春节停工\nA2,2024-02,100,在建,春节停工\nB1,2024-02,80,在建,春节停工\n";
    w.write("reports/2024-02.csv", format!("{header}\n{february}"));
    w.run(&["check"]).expect_code(0).expect_no_line(sent_again);
    // The same words, one project now finished: not January's either.
    let finished = january
        .replace("2024-01", "2024-02")
        .replace("80,在建", "80,竣工");
    w.write("reports/2024-02.csv", format!("{header}\n{finished}"));
    w.run(&["check"]).expect_code(0).expect_no_line(sent_again);
    // A form of fewer columns says nothing otherwise: its 累计 alone repeat January's; so too
    // with a row left blank beside them (it was counted as a row not repeating).
    let fewer =
        "项目编号,报告月份,累计完成投资（万元）\nA1,2024-02,300\nA2,2024-02,100\nB1,2024-02,80\n";
    w.write("reports/2024-02.csv", fewer);
    w.run(&["check"]).expect_code(0).expect_line(sent_again);
    let a3 = "A3,金川公园,金川区,新建,3000,1000,2024-06\n";
    w.write("projects.csv", format!("{}{a3}", small_registry()))
        .write("reports/2024-02.csv", format!("{fewer}A3,2024-02,\n"));
    w.run(&["check"]).expect_code(0).expect_line(sent_again);
}

#[test]
fn a_workbooks_month_of_nothing_invested_that_says_so_is_not_last_months_sent_again() {
    // As in CSV, a workbook's rows saying what is new in words of their own (or a status) are
    // no repeat of last month's; its rows saying last month's words are.
    let w = clean_folder();
    let workbook = |rows: &[[&str; 5]]| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        let header = [
            "项目编号",
            "报告月份",
            "累计完成投资（万元）",
            "项目状态",
            "形象进度",
        ];
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in (1..).zip(rows) {
            for (c, cell) in row.iter().enumerate() {
                match cell.parse::<f64>() {
                    Ok(n) if c == 2 => sheet.write_number(r, c as u16, n),
                    _ => sheet.write_string(r, c as u16, *cell),
                }
                .unwrap();
            }
        }
        book.save_to_buffer().unwrap()
    };
    let month = |m: &str, words: [&str; 3], b1: &str| {
        workbook(&[
            ["A1", m, "300", "在建", words[0]],
            ["A2", m, "100", "在建", words[1]],
            ["B1", m, "80", b1, words[2]],
        ])
    };
    for csv in ["reports/2024-01.csv", "reports/2024-02.csv"] {
        std::fs::remove_file(w.file(csv)).unwrap();
    }
    let january = ["主体施工", "基础施工", "场地平整"];
    w.write("reports/2024-01.xlsx", month("2024-01", january, "在建"));
    let sent_again = "sent again as 2024-02's?";
    w.write("reports/2024-02.xlsx", month("2024-02", january, "在建"));
    w.run(&["check"]).expect_code(0).expect_line(sent_again);
    let idle = ["春节停工"; 3];
    w.write("reports/2024-02.xlsx", month("2024-02", idle, "在建"));
    w.run(&["check"]).expect_code(0).expect_no_line(sent_again);
    w.write("reports/2024-02.xlsx", month("2024-02", january, "竣工"));
    w.run(&["check"]).expect_code(0).expect_no_line(sent_again);
}

#[test]
fn a_copy_sent_twice_is_the_one_whose_name_says_so() {
    // `金川区(1).csv` sorts before `金川区.csv` (`(` before `.`): the warning called the
    // original the copy of the file a mail client numbered.
    let w = clean_folder();
    let rows = format!("{REPORT_HEADER}\nA1,2024-02,200,500,在建,\nA2,2024-02,0,0,前期,\n");
    std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
    w.write("reports/2024-02/金川区.csv", &rows)
        .write("reports/2024-02/金川区(1).csv", &rows)
        .write("reports/2024-02/金川区 - 副本.csv", &rows);
    w.run(&["check"])
        .expect_line(
            "reports/2024-02/金川区(1).csv: warning: is the same file, byte for byte, as \
             reports/2024-02/金川区.csv (",
        )
        .expect_line(
            "reports/2024-02/金川区 - 副本.csv: warning: is the same file, byte for byte, as \
             reports/2024-02/金川区.csv (",
        )
        .expect_no_line("as reports/2024-02/金川区(1).csv");
}

#[test]
fn a_copy_sent_twice_is_the_later_months() {
    // December's report sent late, in January's folder (`东区12月.csv`), and January's the same
    // byte for byte: `东区.csv` sorts first, and December's, the right one, was called the copy.
    let w = clean_folder();
    let rows = "项目编号,累计完成投资\nA1,500\nA2,0\n";
    std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
    w.write("reports/2024-03/东区2月.csv", rows)
        .write("reports/2024-03/东区.csv", rows);
    w.run(&["check"])
        .expect_line(
            "reports/2024-03/东区.csv: warning: is the same file, byte for byte, as \
             reports/2024-03/东区2月.csv (",
        )
        .expect_no_line("东区2月.csv: warning: is the same file");
}

#[test]
fn a_file_named_for_another_month_than_its_folder_is_advised_renamed_not_moved_out() {
    // March's report saved as `reports/2024-03/2024-02.csv` clashes with February's own file:
    // "keep the one that is right, and move the other out of reports/" lost a month either
    // way. The misnamed file is to be renamed for its folder's month, whichever is read first.
    let header = "项目编号,本月完成投资（万元）,累计完成投资（万元）,项目状态,实际开工时间";
    let march = format!("{header}\nA1,100,600,在建,\nA2,0,0,前期,\nB1,50,200,在建,2024-02\n");
    let w = clean_folder();
    w.write("reports/2024-03/2024-02.csv", &march);
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03/2024-02.csv: warning: is named for 2024-02 but is in a folder for 2024-03",
        )
        .expect_line(
            "reports/2024-03/2024-02.csv:2: error: reports 3 projects for 2024-02 that \
             reports/2024-02.csv reports too; those rows are read, not these (is this one \
             2024-03's report, named for 2024-02 in a folder for 2024-03? if so, rename it for \
             2024-03; moving either file out of reports/ would leave a month unread)",
        )
        .expect_no_line("move the other out of reports/");
    // Read first (its folder sorts before the other file), it is the other one.
    let w = clean_folder();
    std::fs::remove_file(w.file("reports/2024-02.csv")).unwrap();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,10,510,在建,\nA2,2024-03,5,5,在建,\nB1,2024-03,1,151,在建,2024-02\n"),
    )
    .write(
        "reports/2024-02/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,200,500,在建,\nA2,2024-03,0,0,前期,\nB1,2024-03,150,150,在建,2024-02\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:2: error: reports 3 projects for 2024-03 that \
             reports/2024-02/2024-03.csv reports too; those rows are read, not these (is the \
             other 2024-02's report, named for 2024-03 in a folder for 2024-02? if so, rename it \
             for 2024-02, and these are read; moving either file out of reports/ would leave a \
             month unread)",
        )
        .expect_no_line("move the other out of reports/");
}

#[test]
fn a_correction_or_a_late_report_put_with_the_month_it_came_in_is_not_advised_renamed() {
    // `reports/2024-03/2024-02（更正）.csv`, February's corrected report filed with the month it
    // came in, and `reports/2024-03/2024-02.csv` beside March's own file, a late one: each was
    // advised renamed for March, which clashed with March's report, or took February's figures
    // for March's.
    let header = "项目编号,报告月份,本月完成投资（万元）,累计完成投资（万元）";
    let feb = format!("{header}\nA1,2024-02,100,520\nA2,2024-02,0,0\nB1,2024-02,50,150\n");
    let march = format!("{header}\nA1,2024-03,100,620\nA2,2024-03,0,0\nB1,2024-03,50,200\n");
    let corrected = "reports/2024-03/2024-02（更正）.csv";
    let w = clean_folder();
    w.write(corrected, &feb);
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!(
            "{corrected}:2: error: reports 3 projects for 2024-02 that reports/2024-02.csv \
             reports too; those rows are read, not these (a file sent twice, or a correction \
             beside the first? its name says it corrects the other: if so, move the other out of \
             reports/)"
        ))
        .expect_no_line("rename it for");
    let late = "reports/2024-03/2024-02.csv";
    let w = clean_folder();
    w.write(late, &feb)
        .write("reports/2024-03/金川区.csv", &march);
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!(
            "{late}:2: error: reports 3 projects for 2024-02 that reports/2024-02.csv reports \
             too; those rows are read, not these (a file sent twice, or a correction beside the \
             first? keep the one that is right, and move the other out of reports/)"
        ))
        .expect_no_line("rename it for");
}

#[test]
fn a_place_in_a_workbook_named_in_a_message_is_its_cell() {
    // "(at reports/2024-02/住建局.xlsx:2)" named a workbook's row by its line, where its
    // findings' places are cells: the row is named by its id's cell, a value by its own.
    let w = clean_folder();
    let workbook = |figure: f64| {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["序号", "项目编号", "报告月份"]
            .iter()
            .chain(&REPORT_HEADER.split(',').collect::<Vec<_>>()[2..])
            .enumerate()
        {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_number(1, 0, 1.0).unwrap();
        for (c, text) in ["B1", "2024-02"].iter().enumerate() {
            sheet.write_string(1, c as u16 + 1, *text).unwrap();
        }
        sheet.write_number(1, 3, figure).unwrap();
        sheet.write_number(1, 4, figure).unwrap();
        sheet.write_string(1, 5, "在建").unwrap();
        sheet.write_string(1, 6, "2024-02").unwrap();
        book.save_to_buffer().unwrap()
    };
    w.write("reports/2024-02/住建局.xlsx", workbook(150.0));
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:4:1: warning: a second report for B1 in 2024-02, saying what the \
         first says (at reports/2024-02/住建局.xlsx:B2)",
    );
    w.write("reports/2024-02/住建局.xlsx", workbook(140.5));
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02.csv:4:3: error: a second report for B1 in 2024-02, differing from the \
         first: 本月完成投资（万元） 150 here, 140.5 at reports/2024-02/住建局.xlsx:D2; \
         累计完成投资（万元） 150 here, 140.5 at reports/2024-02/住建局.xlsx:E2",
    );
}

#[test]
fn a_workbook_of_a_sheet_a_month_is_not_advised_the_setting_that_names_every_workbooks_sheet() {
    // A report workbook of a sheet a month, none for the file's month, was advised to name the
    // sheet to read with `sheet` in xmtool.toml: that names it in every workbook, and each
    // other one, without such a sheet, was then an error. What is advised works for this file.
    let w = clean_folder();
    let mut book = rust_xlsxwriter::Workbook::new();
    for (name, ytd) in [("1月", 300.0), ("2月", 500.0)] {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        for (c, h) in ["项目编号", "累计完成投资（万元）"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        sheet.write_string(1, 0, "A1").unwrap();
        sheet.write_number(1, 1, ytd).unwrap();
    }
    w.write("reports/金川区.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/金川区.xlsx: error: has a sheet a month (1月, 2月), and xmtool reads one \
             sheet a workbook, which would take 1月's rows for the file's month: give each month \
             a file of its own, named for its year and month, e.g. reports/2024-06/金川区.xlsx or \
             reports/金川区2024年6月.xlsx (a file named for the month of one of its sheets reads \
             that sheet; a name of a month of no year, 金川区6月.xlsx, is read so in a folder of \
             its year alone: reports/2024年/金川区6月.xlsx) (`sheet` in xmtool.toml would not do: \
             it names the sheet to read in every workbook)",
        )
        .expect_no_line("name the sheet to read with `sheet`");
    // Named for a month of no year in no year's folder (金川区2月.xlsx, followed the advice as
    // it was), the file was refused the same: each name the advice gives reads its sheet.
    let book = book.save_to_buffer().unwrap();
    std::fs::remove_file(w.file("reports/金川区.xlsx")).unwrap();
    w.write("reports/金川区2月.xlsx", &book);
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/金川区2月.xlsx: error: has a sheet a month (1月, 2月)")
        .expect_line("e.g. reports/2024-06/金川区.xlsx or reports/金川区2024年6月.xlsx");
    std::fs::remove_file(w.file("reports/金川区2月.xlsx")).unwrap();
    for name in [
        "reports/2024-02/金川区.xlsx",
        "reports/金川区2024年2月.xlsx",
        "reports/2024年/金川区2月.xlsx",
    ] {
        w.write(name, &book);
        w.run(&["check"])
            .expect_no_line("has a sheet a month")
            .expect_line(&format!("{name}: note: its sheet \"2月\" is read"));
        std::fs::remove_file(w.file(name)).unwrap();
    }
}

#[test]
fn values_that_are_not_numbers_or_months() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-03,\"12,5\",510,在建,\n\
             A2,2024-13,0,0,前期,\n\
             B1,2024-03,10,160,在建,去年\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-03.csv:2:3: error: 本月完成投资（万元） \"12,5\" is not a number: its thousands separators do not group by three (is a decimal point meant?) (expected 万元, e.g. 1234.5")
        .expect_line("reports/2024-03.csv:3:2: error: 报告月份 \"2024-13\" is not a month")
        .expect_line("reports/2024-03.csv:4:6: error: 实际开工时间 \"去年\" is not a month (expected a month, e.g. 2024-06");
}

#[test]
fn amounts_of_a_column_in_another_unit_are_said_in_it() {
    // A column in 千元 or 亿元 is read in its unit and held in 万元: a figure it cannot read
    // is expected in its unit, not in 万元, and one read is said with the 万元 it is held in.
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        "项目编号,报告月份,累计完成投资（千元）,本月完成投资（亿元）\n\
         A1,2024-03,x,0.01\nA2,2024-03,,-0.5\nB1,2024-03,1000,\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:2:3: error: 累计完成投资（千元） \"x\" is not a number \
             (expected a number in the unit the file gives, e.g. 1234.5 or 1,234.5)",
        )
        .expect_line("reports/2024-03.csv:3:4: error: 本月完成投资（亿元） -5000 万元 is negative")
        .expect_line(
            "reports/2024-03.csv:4:3: warning: 累计完成投资（千元） 100 万元 is lower than 150 万元 \
             reported for 2024-02",
        );
}

#[test]
fn negative_amounts_and_plan_above_total() {
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03\n\
             A2,金川学校,金川区,新建,5000,6000,2024-03\n\
             B1,河西园区,河西区,新建,-8000,3000,2024-02\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:3:6: error: 年度计划投资（万元） 6000 is above 总投资（万元） 5000")
        .expect_line("projects.csv:4:5: error: 总投资（万元） -8000 is negative (expected an amount of 0 or more)");
}

#[test]
fn ytd_above_total_or_far_above_plan_is_a_warning() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-03,9500,10000,在建,\n\
             A2,2024-03,5100,5100,在建,2024-03\n\
             B1,2024-03,4850,5000,在建,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-03.csv:3:4: warning: 累计完成投资（万元） 5100 is above the project's total investment 5000 (projects.csv:3)")
        .expect_line("reports/2024-03.csv:4:4: warning: 累计完成投资（万元） 5000 is far above the annual plan 3000 (more than 1.5×")
        .expect_line("reports/2024-03.csv:2:4: warning: 累计完成投资（万元） 10000 is far above the annual plan 4000");
}

#[test]
fn ytd_lower_than_last_month_and_month_figure_disagreeing() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-03,0,450,在建,\n\
             A2,2024-03,0,0,前期,\n\
             B1,2024-03,100,300,在建,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:4:3: error: 本月完成投资（万元） 100 disagrees with 累计完成投资（万元） \
             300 minus last month's 150 (expected 本月 150 to fit the 累计, or 累计 250 to fit the \
             本月)",
        );
    // Where the year-to-date fell, no 本月 agrees (it asked for -50, then said -50 is negative):
    // the month before's figure or this row's is to mend, said once.
    w.run(&["check"])
        .expect_line(
            "reports/2024-03.csv:2:3: error: 本月完成投资（万元） 0 disagrees with 累计完成投资（万元） \
             450 minus last month's 500 (the year-to-date fell by 50: correct 2024-02's \
             累计完成投资（万元） at reports/2024-02.csv:2 if it was too high, or this row's \
             figures: expected 累计 at least 2024-02's 500, and 500 to fit the 本月)",
        )
        .expect_no_line("450 is lower than 500");
    // Given alone, a 累计 that fell is a warning.
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,,450,在建,\nA2,2024-03,0,0,前期,\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-03.csv:2:4: warning: 累计完成投资（万元） 450 is lower than 500 reported for \
         2024-02 at reports/2024-02.csv:2 (year-to-date should not shrink: expected at least 500; \
         a downward revision?)",
    );
}

#[test]
fn a_ytd_that_fell_is_offered_the_figures_that_fit() {
    // It said what to correct, but no 累计 that would fit.
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-03,20,450,在建,\n\
             A2,2024-03,0,0,前期,\n\
             B1,2024-03,-20,100,在建,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:2:3: error: 本月完成投资（万元） 20 disagrees with 累计完成投资（万元） \
             450 minus last month's 500 (the year-to-date fell by 50: correct 2024-02's \
             累计完成投资（万元） at reports/2024-02.csv:2 if it was too high, or this row's \
             figures: expected 累计 at least 2024-02's 500, and 520 to fit the 本月)",
        )
        // A negative 本月, a downward revision, is offered both mends.
        .expect_line(
            "reports/2024-03.csv:4:3: error: 本月完成投资（万元） -20 disagrees with 累计完成投资（万元） \
             100 minus last month's 150 (the year-to-date fell by 50: correct 2024-02's \
             累计完成投资（万元） at reports/2024-02.csv:4 if it was too high, or this row's \
             figures: expected 本月 -50 to fit the 累计, or 累计 130 to fit the 本月)",
        );
}

#[test]
fn a_ytd_that_fell_below_one_summed_names_where_it_was_summed_from() {
    // February gave 本月 alone (its 累计 January's and it summed): "correct 2024-02's 累计 at
    // reports/2024-02.csv:2" named a cell of a column the file does not have.
    let w = clean_folder();
    w.write(
        "reports/2024-02.csv",
        "项目编号,报告月份,本月完成投资（万元）\nA1,2024-02,200\nA2,2024-02,0\nB1,2024-02,0\n",
    )
    .write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,0,450,在建,\nA2,2024-03,0,0,前期,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "at reports/2024-02.csv:2 (summed from 2024-01's at reports/2024-01.csv:2) if it was too \
         high, or this row's figures: expected 累计 at least 2024-02's 500",
    );
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,,450,在建,\nA2,2024-03,0,0,前期,\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "450 is lower than 500 reported for 2024-02 at reports/2024-02.csv:2 (summed from \
         2024-01's at reports/2024-01.csv:2)",
    );
}

#[test]
fn month_and_ytd_typed_swapped_or_in_yuan_are_said_to_be() {
    // Both asked to correct the month before, or gave an "expected" that, typed in, made a
    // bulletin of 141677%.
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-03,600,100,在建,\n\
             A2,2024-03,0,0,前期,\n\
             B1,2024-03,1000000,2500000,在建,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:2:3: error: 本月完成投资（万元） 600 disagrees with 累计完成投资（万元） \
             100 minus last month's 500 (the two the other way round agree: 本月完成投资（万元） 100 \
             and 累计完成投资（万元） 600; typed in each other's column?)",
        )
        .expect_no_line("100 is lower than 500")
        .expect_line(
            "reports/2024-03.csv:4:3: error: 本月完成投资（万元） 1000000 disagrees with \
             累计完成投资（万元） 2500000 minus last month's 150 (in 元 rather than 万元? As 100 and \
             250 万元 they agree)",
        );
    // A first figure above the project's whole cost, in a column naming no unit: 元?
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        "项目编号,报告月份,累计完成投资\nA2,2024-03,600000\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-03.csv:2:3: warning: 累计完成投资 600000 is above the project's total \
         investment 5000 (projects.csv:3; a figure in 元 instead of 万元?)",
    );
}

#[test]
fn january_month_figure_must_equal_ytd_and_small_rounding_passes() {
    let w = clean_folder();
    w.write(
        "reports/2024-01.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-01,300.01,300,在建,\n\
             A2,2024-01,0,0,前期,\n\
             B1,2024-01,5,0,未开工,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_no_line("reports/2024-01.csv:2:")
        .expect_line(
            "reports/2024-01.csv:4:3: error: 本月完成投资（万元） 5 disagrees with 累计完成投资（万元） \
             0, January's, from 0 on 1 January (expected 本月 0 to fit the 累计, or 累计 5 to fit \
             the 本月)",
        );
}

#[test]
fn month_column_disagreeing_with_the_file_name() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-04,10,510,在建,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-03.csv:2:2: error: 报告月份 2024-04 disagrees with the month 2024-03 in the file's name",
    );
}

#[test]
fn a_row_refused_for_its_month_names_its_unknown_id_too() {
    // The row is not read, yet its other mistakes are named in the same run, each at its cell:
    // the clerk mending the month learns of the mistyped id now, not on the next run.
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-03,10,510,在建,\n\
             Z9,2024-04,abc,510,在建,\n\
             A2,2024-04,0,0,前期,\n\
             b1,2024-04,0,0,前期,\n"
        ),
    )
    // (A row of no month at all is weighed against the plan year's registry.)
    .write(
        "reports/河西区.csv",
        format!("{REPORT_HEADER}\nB1,2024-03,0,150,在建,\nZ8,,0,0,前期,\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:3:1: error: 项目编号 Z9 is not in the registry for 2024 \
             (expected an id from the registry)",
        )
        .expect_line("reports/2024-03.csv:3:2: error: 报告月份 2024-04 disagrees with the month")
        .expect_line("reports/2024-03.csv:3:3: error: 本月完成投资（万元） \"abc\" is not a number")
        .expect_line(
            "reports/2024-03.csv:5:1: error: 项目编号 b1 is not in the registry for 2024 (the \
             registry has B1: their letters differ in case)",
        )
        .expect_line("reports/河西区.csv:3:2: error: 报告月份 is empty")
        .expect_line("reports/河西区.csv:3:1: error: 项目编号 Z8 is not in the registry for 2024")
        // (An id the registry has is no more than its month's error.)
        .expect_no_line("reports/2024-03.csv:4:1:");
}

#[test]
fn months_after_the_plan_year_are_errors_and_before_it_notes() {
    let w = clean_folder();
    w.write(
        "reports/2025-01.csv",
        format!("{REPORT_HEADER}\nA1,2025-01,10,10,在建,\nA2,2025-01,10,10,在建,\n"),
    )
    .write(
        "reports/2023-12.csv",
        format!("{REPORT_HEADER}\nA1,2023-12,10,900,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2025-01.csv:2:2: error: 2 rows for 2025, after the plan year 2024")
        .expect_line("reports/2023-12.csv:2:2: note: 1 row for 2023, before the plan year 2024: used for year-on-year comparison (同比) and what they say of a start");
}

#[test]
fn actual_start_after_the_report_month() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nB1,2024-03,10,160,在建,2024-05-02\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-03.csv:2:6: error: 实际开工时间 2024-05 is after the report month 2024-03",
    );
}

#[test]
fn an_actual_start_changed_from_an_earlier_months_report_is_a_warning() {
    // B1 started in 2024-02 by February's report, in 2024-03 by March's: read without a word.
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nB1,2024-03,10,160,在建,2024-03\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-03.csv:2:6: warning: 实际开工时间 2024-03 differs from 2024-02, given in \
         2024-02's report (at reports/2024-02.csv:4:6): a project starts once (expected the same \
         month in every report; mend the one that is wrong)",
    );
    // The same month written otherwise is the same start.
    for same in ["2024-2", "2024年2月", "2024/02/01", "2024-02-15"] {
        w.write(
            "reports/2024-03.csv",
            format!("{REPORT_HEADER}\nB1,2024-03,10,160,在建,{same}\n"),
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("differs from");
    }
}

/// An actual start was compared only within a year: December's report saying 2023-03 and the
/// next January's saying 2023-05 were read without a word. The first report of a year giving
/// one is compared with the latest of the year before, where that year's reports are here.
#[test]
fn an_actual_start_changed_from_last_years_december_is_a_warning() {
    let w = clean_folder();
    w.write(
        "reports/2023-12.csv",
        format!("{REPORT_HEADER}\nA1,2023-12,100,900,在建,2023-03\n"),
    )
    .write(
        "reports/2024-01.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-01,300,300,在建,2023-05\n\
             A2,2024-01,0,0,前期,\n\
             B1,2024-01,0,0,未开工,\n"
        ),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-01.csv:2:6: warning: 实际开工时间 2023-05 differs from 2023-03, given in \
         2023-12's report (at reports/2023-12.csv:2:6): a project starts once",
    );
    // The same month written otherwise is the same start; a month left empty says nothing.
    for same in ["2023年3月", ""] {
        w.write(
            "reports/2024-01.csv",
            format!(
                "{REPORT_HEADER}\n\
                 A1,2024-01,300,300,在建,{same}\n\
                 A2,2024-01,0,0,前期,\n\
                 B1,2024-01,0,0,未开工,\n"
            ),
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("differs from");
    }
}

#[test]
fn preliminary_status_with_investment_is_a_warning() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,10,510,在建,\nA2,2024-03,20,20,前期,\nB1,2024-03,10,160,在建,\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-03.csv:3:5: warning: 项目状态 is \"前期\" but investment is reported",
    );
}

#[test]
fn continuing_project_planned_to_start_this_year_and_new_start_without_plan() {
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             A1,金川路网,金川区,续建,10000,4000,2024-03\n\
             A2,金川学校,金川区,新建,5000,2000,\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:2:7: warning: A1 is continuing (续建) but its planned start 2024-03 is in its plan year 2024")
        .expect_line("projects.csv:3:7: error: 计划开工时间 is missing for the new start A2");
    // Beside another error of the row (it was said only once that was mended), not beside one
    // of the cell itself; so an empty 建设性质.
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             A1,金川路网,,续建,10000,4000,2023-03\n\
             A2,金川学校,,新建,5000,2000,\n\
             B1,河西园区,河西区,新建,800,3000,2024年\n\
             C1,城东园区,城东区,,800,3000,2024-02\n\
             C2,城东学校,城东区,新造,8000,3000,2024-02\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:3:3: error: 所属县区 is empty")
        .expect_line("projects.csv:3:7: error: 计划开工时间 is missing for the new start A2")
        .expect_line(
            "projects.csv:4:6: error: 年度计划投资（万元） 3000 is above 总投资（万元） 800",
        )
        .expect_line("projects.csv:4:7: error: 计划开工时间 \"2024年\"")
        .expect_no_line("is missing for the new start B1")
        .expect_line("projects.csv:5:4: warning: 建设性质 is empty: C1 counts as")
        .expect_line("projects.csv:6:4: error: 建设性质 \"新造\" is not known")
        .expect_no_line("projects.csv:6:4: warning:");
}

#[test]
fn a_new_start_planned_to_start_before_its_plan_year_is_a_warning() {
    // 新建 with a planned start in 2023 in the 2024 registry (continuing, or a year mistyped)
    // was read without a word, and the project counted overdue from January. A start said
    // loosely is weighed by its year alone; one in the plan year, or of another nature, is not
    // said.
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03\n\
             A2,金川学校,金川区,新建,5000,2000,2023-09\n\
             B1,河西园区,河西区,改扩建,8000,3000,2023年四季度\n\
             B2,河西水厂,河西区,新建,8000,3000,2024年一季度\n\
             B3,河西仓储,河西区,预备,8000,3000,2023-06\n"
        ),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:3:7: warning: A2 is a new start (新建) but its 计划开工时间 2023-09 is \
             before its plan year 2024: it counts as not started, and overdue (逾期未开工), until \
             a report says it started (expected 续建 if it started before 2024, or a planned \
             start in 2024)",
        )
        .expect_line(
            "projects.csv:4:7: warning: B1 is a new start (新建) but its 计划开工时间 2023-12 is \
             before its plan year 2024",
        )
        .expect_no_line("projects.csv:2:7:")
        .expect_no_line("projects.csv:5:7:")
        .expect_no_line("projects.csv:6:7:");
}

#[test]
fn a_new_start_copied_into_next_years_registry_is_said_to_count_as_started() {
    // 新建 planned for 2024, copied into 2025's list as it was: its 2024 reports say it started,
    // and it counts as started; the warning said "not started, and overdue".
    let w = Workdir::new();
    let registry = format!("{REGISTRY_HEADER}\nA5,食品加工厂,南区,新建,3000,1500,2024-06\n");
    let file = "项目编号,本月完成投资,累计完成投资,项目状态,实际开工时间";
    w.write("registry/2024年重点项目.csv", &registry)
        .write("registry/2025年重点项目.csv", &registry)
        .write(
            "reports/2024-12.csv",
            format!("{file}\nA5,150,1050,在建,2024-06\n"),
        )
        .write("reports/2025-01.csv", format!("{file}\nA5,100,100,,\n"));
    w.run(&["check"]).expect_line(
        "A5 is a new start (新建) but its 计划开工时间 2024-06 is before its plan year 2025: its \
         reports of 2024 say it started, and it counts as started (expected 续建, as it started \
         before 2025)",
    );
    let doc = report_json(&w, &["--month", "2025-01"]);
    assert_eq!(project(&doc, "A5")["started"], true);
    // Its start given as a whole year, none, or one in 2025: it counts as started all the same,
    // and January's figures without a status were "counts as not started until one does".
    for start in ["2024年", "", "2025-03"] {
        let registry = registry.replace("2024-06", start);
        w.write("registry/2025年重点项目.csv", &registry);
        let run = w.run(&["check"]);
        run.expect_no_line("counts as not started");
        if start == "2024年" {
            run.expect_line(
                "A5 is a new start (新建) but its 计划开工时间, the whole year 2024, is before its \
                 plan year 2025: its reports of 2024 say it started, and it counts as started",
            );
        }
        let doc = report_json(&w, &["--month", "2025-01", "--allow-errors"]);
        assert_eq!(project(&doc, "A5")["started"], true);
    }
    // A start after its report's month (an error) says it had not started by then: the warning
    // said "its reports of 2024 say it started" of a project the bulletin counts as not started.
    w.write("registry/2025年重点项目.csv", &registry).write(
        "reports/2024-12.csv",
        format!("{file}\nA5,0,0,前期,2025-03\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "its 计划开工时间 2024-06 is before its plan year 2025: it counts as not started",
        )
        .expect_no_line("say it started");
    let doc = report_json(&w, &["--month", "2025-01", "--allow-errors"]);
    assert_eq!(project(&doc, "A5")["started"], false);
}

#[test]
fn with_no_report_read_the_plan_year_is_the_report_files_names() {
    // No year set, and June's report of a header not read: the plan year was the clock's, and
    // each new start of 2024's registry "planned before its plan year", burying the one error.
    // (A year long past: the clock's is later, whenever the test runs.)
    let w = Workdir::new();
    w.write(
        "projects.csv",
        format!("{REGISTRY_HEADER}\nA1,金川学校,金川区,新建,5000,2000,2019-03\n"),
    )
    .write("reports/2019-06.csv", "项目编号,完成额\nA1,100\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2019-06.csv:1: error:")
        .expect_no_line("before its plan year");
}

#[test]
fn projects_without_a_report_for_the_latest_month() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,10,510,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("projects.csv:3:1: warning: 未报送: A2 金川学校 has no report for 2024-03, the latest month reported (last report 2024-02)")
        .expect_line("projects.csv:4:1: warning: 未报送: B1 河西园区 has no report for 2024-03");
}

#[test]
fn projects_listed_mid_year_are_not_missing_before_their_listing() {
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},纳入时间\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03,\n\
             A2,金川学校,金川区,新建,5000,2000,2024-03,\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,\n\
             C1,新增项目,河西区,新建,800,300,2024-05,2024-04\n"
        ),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("4 projects, 6 report rows")
        .expect_no_line("C1");
}

#[test]
fn a_stray_month_of_projects_off_the_list_is_not_the_latest_month() {
    // March's file holds only a row of A1, off the list from March (调出时间): the latest month
    // with reports of projects on the list is February, which `check` judges and `report`
    // takes, and the stray file is named.
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},调出时间\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03,2024-03\n\
             A2,金川学校,金川区,新建,5000,2000,2024-03,\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,\n"
        ),
    )
    .write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,100,600,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-03.csv: warning: its rows for 2024-03 are of no project on the list in \
             2024-03 (each off the list by then, or not in the registry): 2024-03 is not taken as \
             the latest month reported, 2024-02 is (a file sent by mistake? move it out of \
             reports/)",
        )
        .expect_no_line("未报送");
    let run = w.run(&["report", "--format", "json"]);
    run.expect_code(0).expect_stderr(
        "using 2024-02, the latest month with reports of projects on the list \
         (reports/2024-03.csv gives 2024-03's of none on the list then",
    );
    assert_eq!(run.json()["month"], "2024-02");
}

#[test]
fn missing_required_column_names_the_aliases() {
    let w = clean_folder();
    w.write(
        "projects.csv",
        "项目编号,项目名称,总投资,年度计划投资\nA1,路,100,50\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "projects.csv:1: error: required column 所属县区 is missing (looked for 所属县区, 县区, 县市区, 属地",
        )
        .expect_line(
            "县, 所属县, 所在县区, 所在区县, district; a column of another name is read as it \
             once named under [aliases] district in xmtool.toml)",
        )
        // The registry's error is enough: no word that it has no projects.
        .expect_no_line("no projects yet");
}

#[test]
fn no_header_row() {
    let w = clean_folder();
    w.write("reports/2024-03.csv", "1,2,3\n4,5,6\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-03.csv: error: no header row found in the first 30 rows");
}

#[test]
fn a_header_with_one_column_xmtool_reads_names_what_else_it_needs() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        "填报单位：金川区\n项目编号,完成额,备注\nA1,3,\n",
    );
    w.write("reports/2024-04.csv", "甲,累计完成投资（万元）\nA1,3\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-03.csv:2: error: 项目编号 is the only header here that xmtool reads, too \
             few for a header row (expected beside it headers such as 报告月份, 累计完成投资, \
             本月完成投资; other names for a column can be added under [aliases] in xmtool.toml)",
        )
        .expect_line(
            "reports/2024-04.csv:1: error: 累计完成投资（万元） is the only header here that xmtool \
             reads, too few for a header row (expected beside it headers such as 项目编号, 报告月份, \
             本月完成投资;",
        );
}

#[test]
fn report_without_any_investment_column() {
    let w = clean_folder();
    w.write("reports/2024-03.csv", "项目编号,项目状态\nA1,在建\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-03.csv:1: error: has neither 累计完成投资 nor 本月完成投资")
        .expect_line(
            "; a column of another name is read as the year-to-date once named under [aliases] \
             in xmtool.toml: ytd_investment = [\"…\"])",
        );
    // A column whose brackets say a goal is named as such, and offered (it was "…"): a report
    // due before the month's end may give what is expected. Named so, it is read.
    for (header, key) in [
        ("累计完成投资（预计）", "ytd_investment"),
        ("本月完成投资（计划）", "month_investment"),
    ] {
        w.write(
            "reports/2024-03.csv",
            format!("项目编号,项目状态,{header}\nA1,在建,100\n"),
        );
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "in xmtool.toml: {key} = [\"{header}\"]); column 3 \"{header}\" says a goal (计划, \
             预计), not what was done"
        ));
        w.write(
            "xmtool.toml",
            format!("year = 2024\n[aliases]\n{key} = [\"{header}\"]\n"),
        );
        w.run(&["check"]).expect_no_line("has neither");
        w.write("xmtool.toml", "year = 2024\n");
    }
    // A column worded like a figure, not read, is the example named.
    w.write(
        "reports/2024-03.csv",
        "项目编号,项目状态,完成额\nA1,在建,100\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("in xmtool.toml: ytd_investment = [\"完成额\"])");
    // Not a rate beside it (read as 万元, following the advice gave a completion rate of 0.1%),
    // and a header's quote written as TOML reads it.
    w.write(
        "reports/2024-03.csv",
        "项目编号,项目状态,投资完成率,完成进度,完成投资\nA1,在建,0.5,过半,100\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("in xmtool.toml: ytd_investment = [\"完成投资\"])");
    w.write(
        "reports/2024-03.csv",
        "项目编号,项目状态,\"完成\"\"实物量\"\"\"\nA1,在建,100\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("in xmtool.toml: ytd_investment = [\"完成\\\"实物量\\\"\"])");
}

#[test]
fn ragged_rows() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-03,10,510,在建,,1,234\n\
             A2,2024-03,0\n\
             B1,2024-03,10,160,在建,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-03.csv:2:7: error: row has 8 fields but the header has 6")
        .expect_line("reports/2024-03.csv:3:4: warning: row has 3 fields but the header has 6");
}

#[test]
fn undecodable_bytes_name_the_offset() {
    let w = clean_folder();
    let mut bytes = format!("{REPORT_HEADER}\nA1,2024-03,10,510,在建,\n").into_bytes();
    let offset = bytes.len() + 3;
    bytes.extend_from_slice(b"A2,\xFF\xFE,0,0,,\n");
    w.write("reports/2024-03.csv", bytes);
    w.run(&["check"]).expect_code(1).expect_line(&format!(
        "reports/2024-03.csv:3:2: error: undecodable bytes 0xFF 0xFE at byte offset {offset} in \
         this 报告月份 cell (the file read as UTF-8)"
    ));
    // In a quoted cell, after a quoted separator; and in a file of more separators than one
    // kind, where which is the file's is not known here: no column.
    let mut bytes = format!("{REPORT_HEADER}\n\"A,1\",2024-03,\"10").into_bytes();
    bytes.extend_from_slice(b"\xFF\",\n");
    w.write("reports/2024-03.csv", bytes);
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-03.csv:2:3: error: undecodable bytes");
    // (Bad bytes too many for so short a file to be read with them replaced.)
    w.write("reports/2024-03.csv", b"a,b;c,\xFF\xFF\xFF\xFF\xFF\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-03.csv:1: error: undecodable bytes");
}

/// A bad byte in a free-text cell (形象进度, 存在问题) of a UTF-8 or GBK report made the whole
/// file unreadable, its figures lost: the cell is read with `�` and warned of, and the file
/// read. One in a figure's cell is an error at that cell, its row alone not read.
#[test]
fn a_damaged_free_text_cell_is_warned_of_and_its_file_read() {
    let header = format!("{REPORT_HEADER},形象进度,存在问题");
    for encoding in ["UTF-8", "GBK/GB18030"] {
        let encode = |text: &str| match encoding {
            "UTF-8" => text.as_bytes().to_vec(),
            _ => encoding_rs::GBK.encode(text).0.into_owned(),
        };
        let w = clean_folder();
        let mut bytes = encode(&format!("{header}\nA1,2024-03,10,510,在建,,主体完工,资金"));
        let offset = bytes.len();
        bytes.extend_from_slice(b"\xFF");
        bytes.extend(encode(
            "缺口\nA2,2024-03,0,0,前期,,,\nB1,2024-03,5,155,在建,,,\n",
        ));
        w.write("reports/2024-03.csv", &bytes);
        w.run(&["check"]).expect_code(0).expect_line(&format!(
            "reports/2024-03.csv:2:8: warning: undecodable bytes 0xFF at byte offset {offset} \
             in this 存在问题 cell (the file read as {encoding}), read as \"\u{FFFD}\": the rest \
             of its text is kept, and the row read"
        ));
        let doc = common::report_json(&w, &["--month", "2024-03"]);
        assert_eq!(
            common::project(&doc, "A1")["ytd_investment"],
            510.0,
            "{encoding}"
        );
        assert_eq!(
            common::project(&doc, "B1")["ytd_investment"],
            155.0,
            "{encoding}"
        );
        assert_eq!(doc["problems"][0]["text"], "资金\u{FFFD}缺口", "{encoding}");

        // In B1's 累计完成投资: an error there, B1's row not read, A1's still.
        let mut bytes = encode(&format!(
            "{header}\nA1,2024-03,10,510,在建,,,\nB1,2024-03,5,1"
        ));
        let offset = bytes.len();
        bytes.extend_from_slice(b"\xFF");
        bytes.extend(encode("55,在建,,,\n"));
        w.write("reports/2024-03.csv", &bytes);
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!(
                "reports/2024-03.csv:3:4: error: undecodable bytes 0xFF at byte offset {offset} \
                 in this 累计完成投资（万元） cell (the file read as {encoding}), read as \
                 \"\u{FFFD}\": its value cannot be read (expected 万元, e.g. 1234.5, 1,234.5, \
                 3.2亿), and the row is not read"
            ))
            .expect_line("未报送: B1")
            .expect_no_line("未报送: A1")
            .expect_no_line("not a number");
    }
}

/// A report's damaged figure said its value could not be read, but not what the cell must hold,
/// as the registry's damaged figure and a report's figure that is no number do. It says so, in
/// the words of the "not a number" error beside it, in the unit its header gives.
#[test]
fn a_damaged_figure_in_a_report_says_what_it_must_hold() {
    let w = clean_folder();
    let mut bytes = "项目编号,报告月份,本月完成投资（亿元）,累计完成投资（亿元）,项目状态\n\
                     A1,2024-03,0.001,0.051,在建\nA2,2024-03,无效,0,前期\nB1,2024-03,0,0."
        .as_bytes()
        .to_vec();
    let offset = bytes.len();
    bytes.push(0xFF);
    bytes.extend_from_slice(",在建\n".as_bytes());
    w.write("reports/2024-03.csv", &bytes);
    let expected = "(expected a number in the unit the file gives, e.g. 1234.5 or 1,234.5)";
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!(
            "reports/2024-03.csv:3:3: error: 本月完成投资（亿元） \"无效\" is not a number {expected}"
        ))
        .expect_line(&format!(
            "reports/2024-03.csv:4:4: error: undecodable bytes 0xFF at byte offset {offset} in \
             this 累计完成投资（亿元） cell (the file read as UTF-8), read as \"\u{FFFD}\": its \
             value cannot be read {expected}, and the row is not read"
        ));
}

/// A report's damaged 项目编号, 项目状态 or 问题类别 said its value could not be read, but not
/// what the cell must hold, as a damaged figure does. Each says so, in the words of the other
/// errors of its column: an empty id's, an unknown status's.
#[test]
fn a_damaged_id_status_or_category_in_a_report_says_what_it_must_hold() {
    let w = clean_folder();
    let mut bytes =
        format!("{REPORT_HEADER},问题类别\nA1,2024-03,10,510,在建,,土地\nA").into_bytes();
    let mut offsets = Vec::new();
    for (bad, rest) in [
        ("2,2024-03,0,0,前", "期,,\nB1,2024-03,5,155,在建,,土"),
        ("地\nB2,2024-03,1,1,", "在建,,\n"),
    ] {
        offsets.push(bytes.len());
        bytes.push(0xFF);
        bytes.extend_from_slice(bad.as_bytes());
        offsets.push(bytes.len());
        bytes.push(0xFF);
        bytes.extend_from_slice(rest.as_bytes());
    }
    w.write("reports/2024-03.csv", &bytes);
    let damaged = |at: &str, offset: usize, header: &str, expected: &str| {
        format!(
            "reports/2024-03.csv:{at}: error: undecodable bytes 0xFF at byte offset {offset} in \
             this {header} cell (the file read as UTF-8), read as \"\u{FFFD}\": its value \
             cannot be read (expected {expected}), and the row is not read"
        )
    };
    let (id, statuses) = (
        "the project's id, e.g. JC2024-001",
        "前期, 未开工, 在建, 已开工, 竣工, 完工, 投产, 停工 or 缓建",
    );
    let categories =
        "a category, e.g. 土地, 拆迁, 资金, 审批, 配套, 环评 or 阻工, or several: 土地、资金";
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&damaged("3:1", offsets[0], "项目编号", id))
        .expect_line(&damaged("3:5", offsets[1], "项目状态", statuses))
        .expect_line(&damaged("4:7", offsets[2], "问题类别", categories))
        .expect_line(&damaged("5:5", offsets[3], "项目状态", statuses));
    // (The words of the other errors of those columns.)
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\n,2024-03,10,510,在建,\nA2,2024-03,0,0,规划中,\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!("项目编号 is empty (expected {id})"))
        .expect_line(&format!(
            "项目状态 \"规划中\" is not known (expected {statuses})"
        ));
}

/// A bad byte in a tab- or semicolon-separated file with a title line above its header was
/// placed by the title's separator (a comma, the title having none): at column 1, the id, and
/// its row not read. It is placed by the separator the file is split by.
#[test]
fn a_damaged_cell_below_a_title_is_placed_by_the_files_separator() {
    let gbk = |s: &str| encoding_rs::GBK.encode(s).0.into_owned();
    for separator in ["\t", ";"] {
        let w = clean_folder();
        let header = ["项目编号", "累计完成投资", "项目状态", "形象进度"].join(separator);
        let row = |cells: &[&str]| format!("{}\n", cells.join(separator));
        let mut bytes = gbk(&format!(
            "2024年3月重点项目进展表\n{header}\n{}A2{separator}0{separator}前期{separator}基础",
            row(&["A1", "510", "在建", "主体"])
        ));
        let offset = bytes.len();
        bytes.push(0xFF);
        bytes.extend(gbk(&format!(
            "施工\n{}",
            row(&["B1", "155", "在建", "完工"])
        )));
        w.write("reports/2024-03.csv", &bytes);
        w.run(&["check"])
            .expect_code(0)
            .expect_line(&format!(
                "reports/2024-03.csv:4:4: warning: undecodable bytes 0xFF at byte offset {offset} \
                 in this 形象进度 cell"
            ))
            .expect_no_line("未报送: A2");
    }
}

/// In a file whose lines end in `\r` alone (old Excel for Mac), lines were counted by `\n`: a
/// bad byte in row 3 was placed on line 1, "in this row, which is no project's". Lines are
/// counted as the rows are read, `\r`, `\n` and `\r\n` one each.
#[test]
fn a_damaged_cell_in_a_file_of_old_mac_line_ends_is_placed_at_its_row() {
    let header = format!("{REPORT_HEADER},形象进度");
    for end in ["\r", "\r\n"] {
        let w = clean_folder();
        let mut bytes =
            format!("{header}{end}A1,2024-03,10,510,在建,,{end}A2,2024-03,0,0,前期,,基础")
                .into_bytes();
        let offset = bytes.len();
        bytes.push(0xFF);
        bytes.extend_from_slice(format!("施工{end}B1,2024-03,5,155,在建,,{end}").as_bytes());
        w.write("reports/2024-03.csv", &bytes);
        w.run(&["check"])
            .expect_code(0)
            .expect_line(&format!(
                "reports/2024-03.csv:3:7: warning: undecodable bytes 0xFF at byte offset {offset} \
                 in this 形象进度 cell"
            ))
            .expect_no_line("no project's");
    }
}

/// A damaged 包抓领导 in the registry left the project out: its plan lost from every figure, and
/// each of its reports "not in the registry", advised to keep a row the registry has. The row
/// is read, the cell an error; a damaged id still leaves the row out.
#[test]
fn a_damaged_cell_in_the_registry_is_an_error_and_its_project_kept() {
    let w = clean_folder();
    let mut bytes =
        format!("{REGISTRY_HEADER},包抓领导\nA1,金川路网,金川区,续建,10000,4000,2023-03,张明\n")
            .into_bytes();
    bytes.extend_from_slice("A2,金川学校,金川区,新建,5000,2000,2024-03,李".as_bytes());
    let offset = bytes.len();
    bytes.extend_from_slice(b"\xFF\n");
    bytes.extend_from_slice("B1,河西园区,河西区,新建,8000,3000,2024-02,王五\n".as_bytes());
    w.write("projects.csv", &bytes);
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!(
            "projects.csv:3:8: error: undecodable bytes 0xFF at byte offset {offset} in this \
             包抓领导 cell (the file read as UTF-8), read as \"\u{FFFD}\": its text cannot be \
             read (expected a name, or the cell left empty), and it is read as empty; the rest \
             of the row is read"
        ))
        .expect_line("3 projects")
        .expect_no_line("is not in the registry");
    let mut bytes =
        format!("{REGISTRY_HEADER}\nA1,金川路网,金川区,续建,10000,4000,2023-03\nA").into_bytes();
    bytes.extend_from_slice(b"\xFF\xFE");
    bytes.extend_from_slice(
        "2,金川学校,金川区,新建,5000,2000,2024-03\nB1,河西园区,河西区,新建,8000,3000,2024-02\n"
            .as_bytes(),
    );
    w.write("projects.csv", &bytes);
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "cell (the file read as UTF-8), read as \"\u{FFFD}\u{FFFD}\": its value cannot \
            be read (expected the project's id, e.g. JC2024-001), and the row is not read",
        )
        .expect_line("2 projects");
}

/// A damaged 所属县区 in the registry was "an error to mend", not saying what the cell must hold,
/// and read with `�`: the project ranked under a district of its own, `金�区`. It is one error
/// naming what the cell must hold, and read as empty, as an empty district is: counted in the
/// totals, in no group. A damaged 项目名称, warned of as free text, is an error too, its text
/// kept as read.
#[test]
fn a_damaged_district_or_name_in_the_registry_is_an_error_and_no_group() {
    let w = clean_folder();
    let mut bytes =
        format!("{REGISTRY_HEADER}\nA1,金川路网,金川区,续建,10000,4000,2023-03\n").into_bytes();
    bytes.extend_from_slice("A2,金川学校,金".as_bytes());
    let district_offset = bytes.len();
    bytes.extend_from_slice(b"\xFF");
    bytes.extend_from_slice("区,新建,5000,2000,2024-03\nB1,河西".as_bytes());
    let name_offset = bytes.len();
    bytes.extend_from_slice(b"\xFF");
    bytes.extend_from_slice("园区,河西区,新建,8000,3000,2024-02\n".as_bytes());
    w.write("projects.csv", &bytes);
    let again = "; the rest of the row is read (type the cell again, or save the file again as \
                 \"CSV UTF-8\")";
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!(
            "projects.csv:3:3: error: undecodable bytes 0xFF at byte offset {district_offset} in \
             this 所属县区 cell (the file read as UTF-8), read as \"\u{FFFD}\": its text cannot be \
             read (expected the district (县区) it belongs to), and it is read as empty{again}"
        ))
        .expect_line(&format!(
            "projects.csv:4:2: error: undecodable bytes 0xFF at byte offset {name_offset} in \
             this 项目名称 cell (the file read as UTF-8), read as \"\u{FFFD}\": its text is kept \
             as read (expected the project's name){again}"
        ))
        .expect_line(
            "3 projects, 6 report rows (2024-01 to 2024-02) in 3 files: 2 errors, 0 warnings",
        )
        .expect_no_line("所属县区 is empty");
    let doc = common::report_json(&w, &["--month", "2024-02", "--allow-errors"]);
    let groups: Vec<_> = doc["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(groups, ["金川区", "河西区"], "{doc:#}");
    assert_eq!(doc["overview"]["projects"], 3, "{doc:#}");
    assert_eq!(
        common::project(&doc, "B1")["name"],
        "河西\u{FFFD}园区",
        "{doc:#}"
    );
}

/// A project whose 所属县区 was damaged, in no group, was said in the bulletin's note as one left
/// empty: "另有2个项目未填县区" of one left empty and one damaged. They are said apart, in every
/// form of the bulletin and in `trend`, in both languages, and counted apart in JSON.
#[test]
fn a_damaged_district_is_not_said_to_be_left_empty() {
    let w = clean_folder();
    // (A1's district as given, A2's damaged.)
    let registry = |a1: &str| {
        let mut bytes =
            format!("{REGISTRY_HEADER}\nA1,金川路网,{a1},续建,10000,4000,2023-03\nA2,金川学校,金")
                .into_bytes();
        bytes.push(0xFF);
        bytes.extend_from_slice(
            "区,新建,5000,2000,2024-03\nB1,河西园区,河西区,新建,8000,3000,\n".as_bytes(),
        );
        bytes
    };
    w.write("projects.csv", registry(""));
    let month = ["report", "--month", "2024-02", "--allow-errors"];
    let run = |more: &[&str]| w.run(&[&month[..], more].concat());
    let note = "另有1个项目未填县区、1个项目县区无法识别，计入合计，不参与排名。";
    run(&[]).expect_code(0).expect_line(note);
    run(&["--format", "markdown"])
        .expect_code(0)
        .expect_line(note);
    run(&["--format", "html"]).expect_code(0).expect_line(note);
    run(&["--lang", "en"]).expect_code(0).expect_line(
        "1 project without a district and 1 project whose district cannot be read count in the \
         totals but in no group.",
    );
    let doc = common::report_json(&w, &month[1..]);
    assert_eq!(doc["unranked_projects"], 2, "{doc:#}");
    assert_eq!(doc["unranked_unreadable"], 1, "{doc:#}");
    w.run(&["trend", "--allow-errors"])
        .expect_code(0)
        .expect_line("另有1个项目未填县区、1个项目县区无法识别，计入全部，不在分组中。");
    // Damaged alone, it is not said to be left empty; none so, JSON has no key for them.
    w.write("projects.csv", registry("金川区"));
    run(&[])
        .expect_code(0)
        .expect_line("另有1个项目县区无法识别，计入合计，不参与排名。")
        .expect_no_line("未填县区");
    w.write("projects.csv", common::small_registry());
    let doc = common::report_json(&w, &["--month", "2024-02"]);
    assert_eq!(doc["unranked_projects"], 0, "{doc:#}");
    assert!(doc.get("unranked_unreadable").is_none(), "{doc:#}");
}

/// A damaged 总投资 or 计划开工时间 in the registry was two errors at one cell: the damage, then
/// "not a number" or "not a month" for the text read with `�`. It is one, naming the damage and
/// what the cell must hold, as a report's damaged figure is.
#[test]
fn a_damaged_amount_or_month_in_the_registry_is_one_error() {
    let w = clean_folder();
    let mut bytes =
        format!("{REGISTRY_HEADER}\nA1,金川路网,金川区,续建,10000,4000,2023-03\n").into_bytes();
    bytes.extend_from_slice("A2,金川学校,金川区,新建,50".as_bytes());
    let amount_offset = bytes.len();
    bytes.extend_from_slice(b"\xFF0,2000,2024-03\n");
    bytes.extend_from_slice("B1,河西园区,河西区,新建,8000,3000,2024-0".as_bytes());
    let month_offset = bytes.len();
    bytes.extend_from_slice(b"\xFF\n");
    w.write("projects.csv", &bytes);
    let run = w.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let doc = run.json();
    let at = |line: u64, column: u64| -> Vec<String> {
        let findings = doc["findings"].as_array().unwrap().iter();
        findings
            .filter(|f| f["file"] == "projects.csv" && f["line"] == line && f["column"] == column)
            .map(|f| {
                format!(
                    "{}: {}",
                    f["severity"].as_str().unwrap(),
                    f["message"].as_str().unwrap()
                )
            })
            .collect()
    };
    let again = "; the rest of the row is read (type the cell again, or save the file again as \
                 \"CSV UTF-8\")";
    assert_eq!(
        at(3, 5),
        [format!(
            "error: undecodable bytes 0xFF at byte offset {amount_offset} in this 总投资（万元） \
             cell (the file read as UTF-8), read as \"\u{FFFD}\": its value cannot be read \
             (expected 万元, e.g. 1234.5, 1,234.5, 3.2亿){again}"
        )],
        "{doc:#}"
    );
    assert_eq!(
        at(4, 7),
        [format!(
            "error: undecodable bytes 0xFF at byte offset {month_offset} in this 计划开工时间 \
             cell (the file read as UTF-8), read as \"\u{FFFD}\": its value cannot be read \
             (expected a month, e.g. 2024-06, 2024/6, 2024年6月, 202406){again}"
        )],
        "{doc:#}"
    );
    assert_eq!(doc["summary"]["errors"], 2, "{doc:#}");
}

#[test]
fn unknown_status_is_a_warning() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,10,510,搞建设,\nA2,2024-03,0,0,前期,\nB1,2024-03,10,160,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-03.csv:2:5: warning: 项目状态 \"搞建设\" is not known");
}

#[test]
fn statuses_not_known_are_said_once_a_month_for_a_file() {
    // A 进展状态 column of the pace (正常推进, 滞后), not the stage: one warning for the file's
    // month, naming its rows, not one a row.
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资,进展状态\n\
         A1,10,510,正常推进\nA2,0,0,正常推进\nB1,10,160,滞后\n",
    );
    let out = w.run(&["check"]);
    out.expect_code(0).expect_line(
        "reports/2024-03.csv:2:4: warning: 进展状态 is not known in 3 rows (lines 2, 3, 4: \
         \"正常推进\", \"滞后\") (expected 前期, 未开工, 在建, 已开工, 竣工, 完工, 投产, 停工 or \
         缓建); the statuses are ignored",
    );
    assert_eq!(out.stdout().matches("is not known").count(), 1);

    // One for each month of a file of two months' rows, at its own first row; more than three
    // values are cut short.
    w.write(
        "reports/东区.csv",
        "项目编号,报告月份,本月完成投资,累计完成投资,项目状态\n\
         A1,2024-04,10,520,正常\nA2,2024-04,0,0,在建\n\
         A1,2024-05,10,530,甲\nA2,2024-05,0,0,乙\nB1,2024-05,10,170,丙\nB1,2024-04,0,160,丁\n",
    );
    let out = w.run(&["check"]);
    out.expect_code(0)
        .expect_line("reports/东区.csv:2:5: warning: 项目状态 is not known in 2 rows (lines 2, 7: \"正常\", \"丁\")")
        .expect_line("reports/东区.csv:4:5: warning: 项目状态 is not known in 3 rows (lines 4, 5, 6: \"甲\", \"乙\", \"丙\")");
    std::fs::remove_file(w.file("reports/东区.csv")).unwrap();
    w.write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\n\
         A1,10,510,甲\nA2,0,0,乙\nB1,10,160,丙\nA3,0,0,丁\n",
    );
    w.run(&["check"]).expect_line(
        "项目状态 is not known in 4 rows (lines 2, 3, 4, 5: \"甲\", \"乙\", \"丙\", …)",
    );
}

#[test]
fn no_registry_at_all() {
    let w = Workdir::new();
    w.write(
        "reports/2024-01.csv",
        format!("{REPORT_HEADER}\nA1,2024-01,1,1,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(".: error: no registry found (expected projects.csv or projects.xlsx");
}

#[test]
fn unknown_settings_key_is_a_usage_error_naming_it() {
    let w = clean_folder();
    w.write(
        "xmtool.toml",
        "year = 2024\n[thresholds]\nyelow_behind = 5\n",
    );
    w.run(&["check"])
        .expect_code(2)
        .expect_stderr("yelow_behind");
}

#[test]
fn missing_folder_is_an_io_error() {
    let w = Workdir::new();
    let run = std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(["check", "--dir"])
        .arg(w.path().join("nowhere"))
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&run.stderr).starts_with("xmtool: cannot open the data folder")
    );
}

#[test]
fn findings_are_all_reported_at_once() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,x,510,在建,\nZZ,2024-03,1,1,在建,\n"),
    )
    .write(
        "reports/2024-04.csv",
        format!("{REPORT_HEADER}\nA1,2024-04,1,-4,在建,\n"),
    );
    let run = w.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let doc = run.json();
    let errors = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["severity"] == "error")
        .count();
    assert_eq!(errors, 3, "{doc:#}");
    assert_eq!(doc["summary"]["errors"], 3);
}

#[test]
fn a_quote_never_closed_is_an_error_at_its_cell() {
    // The quote in A1's 存在问题 takes in every line after it: B1 and A2 are not read, and the
    // error says so, rather than the report quietly having one row.
    let w = clean_folder();
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资（万元）,存在问题\n\
         A1,500,\"资金未到位\n\
         B1,100,\n\
         A2,0,\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02.csv:2:3: error: a quote opens this cell and is never closed: the 2 \
         lines after it, to the end of the file, were read as part of this cell, and no row \
         there was read (close the quote, or take it out)",
    );
    // In a registry's last column, and in a row that would look like a heading.
    w.write(
        "projects.csv",
        format!(
            "{}\"说明\nB2,河西学校,河西区,新建,100,50,2024-05\n",
            small_registry()
        ),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:5:1: error: a quote opens this cell and is never closed: the 1 line after it",
    );
    // A quote at the very end takes in no line.
    w.write("projects.csv", format!("{}B2,\"", small_registry()));
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:5:2: error: a quote opens this cell and is never closed (close it, or take it out)",
    );
    // In a registry's 项目名称: the cells after it are none, not empty ones.
    w.write(
        "projects.csv",
        format!(
            "{}B2,\"河西学校,河西区,新建,100,50,2024-05\nB3,医院,河西区,续建,100,50,\n",
            small_registry()
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:5:2: error: a quote opens this cell and is never closed")
        .expect_no_line("is empty");
    // In an amount: the rest of the file, read into the cell, is not said again as no number.
    w.write("projects.csv", small_registry());
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资（万元）,存在问题\nA1,\"500,\nB1,100,\nA2,0,\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-02.csv:2:2: error: a quote opens this cell and is never closed")
        .expect_no_line("is not a number");
    // Nor in a 项目状态, as a status not known (a warning).
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资（万元）,项目状态\nA1,500,\"在建,x\nB1,100,在建\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-02.csv:2:3: error: a quote opens this cell and is never closed")
        .expect_no_line("is not known");
}

#[test]
fn a_quote_in_a_title_that_takes_in_the_header_is_pointed_at() {
    // The title's stray quote is closed by the first quoted amount, two lines down: the header
    // is read as part of the title's cell, and the error says so, not only "no header row".
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "\"金城市2024年重点项目计划表\n{REGISTRY_HEADER}\nB2,河西学校,河西区,新建,\"1,000\",50,2024-05\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "projects.csv:1:1: error: a quote opens this cell and is closed only 2 lines below, \
             taking the header row into the cell (take the quote out, or close it where the cell \
             ends)",
        )
        .expect_no_line("no header row found");
}

#[test]
fn rows_read_into_a_quoted_cell_are_pointed_at() {
    let w = clean_folder();
    // A stray quote closed by another in the same column two rows down: the row has the
    // header's width, but a line in its cell reads as a row.
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资（万元）,存在问题\n\
         A1,500,\"资金未到位\n\
         B1,100,\n\
         A2,0,\"x\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:2:3: warning: this quoted cell runs over lines 2-4 and holds a line \
         that looks like a row (\"B1,100,\"); if a quote was left open by mistake, the rows in it \
         were not read",
    );
    // Closed in another column: the row is too wide, and the message says why it may be.
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资（万元）,存在问题\n\
         A1,500,\"资金未到位\n\
         B1,100,\n\
         A2,\"0,x\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-02.csv:4:4: error: row has 4 fields but the header has 3: the values past \
         column 3 have no header (the row runs over lines 2-4 in quoted cells: is a quote not \
         closed where it was meant to be?)",
    );
    // A cell of several lines as Excel writes it (Alt+Enter) is no finding, even with a line
    // that lists things as a row would.
    w.write(
        "reports/2024-02.csv",
        "项目编号,累计完成投资（万元）,存在问题,项目状态\n\
         A1,500,\"资金未到位,\n资金,土地,审批\",在建\n\
         B1,100,,在建\n\
         A2,0,,前期\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("3 projects, 6 report rows (2024-01 to 2024-02) in 3 files: 0 errors, 0 warnings, 0 notes (no problems)");
}

#[test]
fn a_cell_after_a_cell_of_several_lines_is_named_at_its_own_line() {
    // Names typed with Alt+Enter run over lines: a cell after one starts further down the
    // file, and a finding names that line, whether made as the row is read or checked after.
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             A1,\"金川路网\r\n一期\",金川区,续建,10000,4000,2023-03\n\
             A2,\"金川学校\n(新校区)\n二期\",金川区,新建,5000,abc,2024-03\n\
             B1,\"河西\n园区\",河西区,新建,800,3000,2024-02\n"
        ),
    );
    w.write(
        "reports/2024-02.csv",
        "项目编号,存在问题,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态\n\
         A1,\"资金\n未到位\",2024-02,-100,200,在建\n\
         A2,,2024-02,0,0,前期\n\
         B1,,2024-02,0,0,未开工\n",
    );
    w.run(&["check"])
        .expect_code(1)
        // Read with the row: A2's plan is two lines below the row's first.
        .expect_line("projects.csv:6:6: error: 年度计划投资（万元） \"abc\" is not a number")
        // Checked after: B1's plan above its total, one line below its first; the id on the
        // row's first line.
        .expect_line(
            "projects.csv:8:6: error: 年度计划投资（万元） 3000 is above 总投资（万元） 800",
        )
        // (-100 beside a 累计 that fell by 100: a downward revision, no error.)
        .expect_no_line("-100 is negative")
        .expect_line("reports/2024-02.csv:3:5: warning: 累计完成投资（万元） 200 is lower");
}

#[test]
fn amounts_read_from_a_column_in_another_unit_are_shown_in_wan() {
    // 总投资 in 亿元 (0.08 亿元 = 800 万元) and 累计 in 元: messages show the amounts as held, in
    // 万元, and make no guess about a unit the column names.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资（亿元）,年度计划投资（万元）\n\
             A1,金川路网,金川区,续建,0.08,3000\n\
             B1,河西园区,河西区,续建,1,100\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资（元）\nA1,1000000\nB1,20000000\n",
        );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "projects.csv:2:6: error: 年度计划投资（万元） 3000 万元 is above 总投资（亿元） 800 万元 \
             (a year's plan cannot exceed the whole)",
        )
        .expect_line(
            "reports/2024-06.csv:3:2: warning: 累计完成投资（元） 2000 万元 is far above the annual \
             plan 100 万元 (more than 1.5×)",
        );
    // A year-to-date in 万元 above a total the registry gave in 亿元: both in 万元.
    w.write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资（万元）\nB1,12000\n",
    );
    w.run(&["check"]).expect_line(
        "reports/2024-06.csv:2:2: warning: 累计完成投资（万元） 12000 万元 is above the project's \
         total investment 10000 万元 (projects.csv:3)",
    );
}

#[test]
fn a_report_file_without_any_figure_is_named_once() {
    // A blank template dropped in: one warning for the file, not one a row.
    let w = clean_folder();
    w.write(
        "reports/2024-03/金川区.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,,,在建,\nA2,2024-03,,,前期,\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-03/金川区.csv:2:4: warning: no investment figure in any of its 2 rows \
         (expected 累计完成投资 or 本月完成投资; a blank template not filled in?); each project's \
         last figure is carried forward, and it is not reported (未报送) this month",
    );
    assert!(
        !run.stdout().contains("no investment figure for"),
        "{}",
        run.stdout()
    );
    // One row filled in: the others are named one by one.
    w.write(
        "reports/2024-03/金川区.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,,,在建,\nA2,2024-03,0,0,前期,\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-03/金川区.csv:2:4: warning: no investment figure for A1 in 2024-03, so it is \
         not reported (未报送) that month",
    );
    assert!(!run.stdout().contains("in any of its"), "{}", run.stdout());
    let doc = common::report_json(&w, &["--month", "2024-03"]);
    assert_eq!(common::project(&doc, "A1")["reported"], false);
    // A row with a value that could not be read is named for that, and makes no blank file.
    w.write(
        "reports/2024-03/金川区.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,,,在建,\nA2,2024-03,,一百,前期,\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line("reports/2024-03/金川区.csv:3:4: error:")
        .expect_line(
            "reports/2024-03/金川区.csv:2:4: warning: no investment figure for A1 in 2024-03",
        );
    assert!(!run.stdout().contains("in any of its"), "{}", run.stdout());
}

#[test]
fn a_forms_signature_row_is_skipped_with_a_note() {
    let w = clean_folder();
    w.write(
        "reports/2024-02.csv",
        format!(
            "{REPORT_HEADER}\n\
             A1,2024-02,200,500,在建,\n\
             A2,2024-02,0,0,前期,\n\
             B1,2024-02,150,150,在建,2024-02\n\
             填表人：张三,,,,审核人：李四,\n\
             ,联系电话：0935-1234567,,,,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-02.csv:5: note: skipped the row \"填表人：张三\" (who filled in the form, \
             not a project)",
        )
        .expect_line("reports/2024-02.csv:6: note: skipped the row \"联系电话：0935-1234567\"")
        .expect_line("0 errors, 0 warnings");
}

/// A finding made alike on many rows of a file (a month given nowhere) is shown on its first
/// four rows in text and tables, the fourth counting the rest; JSON lists every one, and the
/// summary counts every one.
#[test]
fn a_finding_alike_on_many_rows_is_shown_four_times_and_counted() {
    let w = clean_folder();
    let rows: String = (0..10).map(|_| "A1,,100,1000,在建,\n").collect();
    w.write("reports/河西区.csv", format!("{REPORT_HEADER}\n{rows}"));
    let run = w.run(&["check"]);
    let alike: Vec<String> = run
        .stdout()
        .lines()
        .filter(|l| l.starts_with("reports/河西区.csv:"))
        .map(str::to_string)
        .collect();
    assert_eq!(alike.len(), 4, "{alike:#?}");
    assert!(alike[0].starts_with("reports/河西区.csv:2:2: error: 报告月份 is empty"));
    assert!(
        alike[3].starts_with("reports/河西区.csv:5:2: error: 报告月份 is empty")
            && alike[3].ends_with(" (and on 6 more rows, to line 11)"),
        "{}",
        alike[3]
    );
    run.expect_code(1).expect_line(": 10 errors,");
    let table = w.run(&["check", "--format", "table"]);
    assert!(table.stdout().contains("(and on 6 more rows, to line 11)"));
    let doc: serde_json::Value =
        serde_json::from_str(&w.run(&["check", "--format", "json"]).stdout()).unwrap();
    let listed = doc["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["file"] == "reports/河西区.csv")
        .count();
    assert_eq!(listed, 10);
}

#[test]
fn missing_required_column_names_the_settings_aliases_first() {
    let w = clean_folder();
    w.write(
        "xmtool.toml",
        "year = 2024\n\n[aliases]\ndistrict = [\"所在片区\"]\n",
    );
    w.write(
        "projects.csv",
        "项目编号,项目名称,总投资,年度计划投资\nA1,路,100,50\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:1: error: required column 所属县区 is missing (looked for 所在片区, 所属县区, 县区",
    );
    // A report with neither investment column names the settings' aliases too.
    w.write(
        "xmtool.toml",
        "year = 2024\n\n[aliases]\nytd_investment = [\"开累完成\"]\n",
    );
    w.write(
        "reports/2024-03.csv",
        "项目编号,报告月份,项目名称\nA1,2024-03,路\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("(looked for 开累完成, ");
}

#[test]
fn investment_against_a_plan_of_zero_is_warned_of_once() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,甲,东区,续建,5000,0\nA2,乙,东区,续建,5000,0\nA3,丙,东区,续建,5000,100\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,累计完成投资\nA1,0\nA2,0\nA3,10\n",
        )
        .write(
            "reports/2024-02.csv",
            "项目编号,累计完成投资（亿元）\nA1,0.03\nA2,0\nA3,0.002\n",
        )
        .write(
            "reports/2024-03.csv",
            "项目编号,累计完成投资\nA1,400\nA2,0\nA3,30\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-02.csv:2:2: warning: 累计完成投资（亿元） 300 万元 is reported for A1, whose \
         年度计划投资 is 0 (projects.csv:2): it adds to its group's year-to-date with nothing \
         planned, raising the group's completion rate (expected the year's plan in the registry)",
    );
    assert_eq!(
        run.stdout().matches("is 0 (").count(),
        1,
        "{}",
        run.stdout()
    );
    // A file of 本月 alone: its column named, and the year-to-date said to be summed from it.
    w.write(
        "reports/2024-02.csv",
        "项目编号,本月完成投资\nA1,5\nA2,0\nA3,10\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-02.csv:2:2: warning: year-to-date 5 (summed from 本月完成投资) is reported \
         for A1, whose 年度计划投资 is 0",
    );
}

#[test]
fn a_reports_own_plan_other_than_the_registrys_is_warned_of_once_a_file() {
    // A district's form carrying 年度计划投资: where it is not the registry's (last year's plan,
    // or a typo), one warning for the file names its first such row with both figures, and the
    // other rows' lines. The bulletin judges by the registry's plan.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,甲,东区,续建,5000,1000\nA2,乙,东区,续建,5000,800\nA3,丙,东区,续建,5000,1234.56\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,项目名称,年度计划投资（万元）,累计完成投资\n\
             A1,甲,1200,10\nA2,乙,900,5\nA3,丙,1235,5\n",
        )
        // (In 亿元, the registry's plans; a plan of another year's column is not compared.)
        .write(
            "reports/2024-02.csv",
            "项目编号,年度计划投资（亿元）,2023年计划投资,累计完成投资\n\
             A1,0.1,1500,20\nA2,0.08,700,10\nA3,,,10\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-01.csv:2:3: warning: 年度计划投资（万元） 1200 for A1 is not the \
         registry's 1000 (projects.csv:2); so too 1 more row of this file (line 3): the bulletin \
         judges by the registry's plan (an old plan, or a typo? expected the registry's figure, \
         or the registry changed if the plan was adjusted)",
    );
    // (A3's 1235 is the registry's 1234.56 in whole 万元.)
    assert_eq!(
        run.stdout().matches("is not the registry's").count(),
        1,
        "{}",
        run.stdout()
    );
    let doc = report_json(&w, &["--month", "2024-01"]);
    assert_eq!(project(&doc, "A1")["annual_plan"].as_f64(), Some(1000.0));
}

#[test]
fn a_reports_plan_in_yi_is_compared_at_the_places_it_writes_and_said_as_written() {
    // `1.23` in a 年度计划投资（亿元） column for a registry plan of 12345.67 万元 was warned of
    // as "12300 万元 … is not the registry's 12345.67 万元": two places of 亿元 are the most
    // the form can say. A plan that differs is said as written, beside its header, and in 万元.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,甲,东区,续建,50000,12345.67\nA2,乙,东区,续建,50000,12355\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,年度计划投资（亿元）,累计完成投资（万元）\nA1,1.23,10\nA2,1.23,5\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-01.csv:3:2: warning: 年度计划投资（亿元） 1.23 (12300 万元) for A2 is \
             not the registry's 12355 万元 (projects.csv:3): the bulletin judges by the \
             registry's plan",
        )
        .expect_no_line("for A1")
        .expect_line("0 errors, 1 warning");
}

#[test]
fn rows_of_a_year_the_registry_does_not_list_are_not_said_to_have_a_plan_of_zero() {
    // A project listed only for 2023 (its file named for the year), reported in 2024 too: the
    // 2024 rows are errors (no registry for that year), and no plan of 0 is said of them (2023's
    // plan is 100; 2024's is not known).
    let w = Workdir::new();
    w.write(
        "registry/2023.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,东区,续建,1000,100\n",
    )
    .write(
        "reports/data.csv",
        "项目编号,报告月份,累计完成投资\nA1,2023-12,90\nA1,2024-01,5\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/data.csv:3:2: error: 1 row for 2024, after the plan year 2023")
        .expect_no_line("is 0 (");
}

#[test]
fn an_empty_nature_is_warned_of_where_the_registry_gives_one() {
    // 建设性质 decides 开工率: empty, the project is neither a new start nor continuing.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,甲,东区,续建,5000,100\nA2,乙,东区,,5000,100\nA3,丙,东区,-,5000,100\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,累计完成投资\nA1,10\nA2,10\nA3,10\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "projects.csv:3:4: warning: 建设性质 is empty: A2 counts as neither a new start nor \
         continuing, so as started only once a report says so, in no 新开工 figure, and is \
         not judged on its start (expected 新建, 续建, 改扩建 or 预备)",
    );
    run.expect_line("projects.csv:4:4: warning: 建设性质 is empty: A3 counts as neither");
    assert_eq!(run.stdout().matches("counts as neither").count(), 2);
    // Last year's rows, read for 同比 alone, are not this year's to count: no finding.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划年度\n\
         A1,甲,东区,续建,5000,100,2024\nA2,乙,东区,,5000,100,2023\n",
    )
    .write("reports/2024-01.csv", "项目编号,累计完成投资\nA1,10\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("counts as neither");
    // A registry with no such column says nothing of any project's nature: no finding.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,总投资,年度计划投资\nA1,甲,东区,5000,100\n\
         A2,乙,东区,5000,100\nA3,丙,东区,5000,100\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("counts as neither");
    // A file of a registry of several without the column, where another has it (a file per
    // district): its projects count as neither, as with the cells empty; said once for the
    // file. (Nothing was said, and 西区's start rate was 0.)
    std::fs::remove_file(w.file("projects.csv")).unwrap();
    w.write(
        "registry/东区.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,东区,续建,5000,100\n",
    )
    .write(
        "registry/西区.csv",
        "项目编号,项目名称,所属县区,总投资,年度计划投资\nB1,乙,西区,5000,100\nB2,丙,西区,5000,100\n",
    )
    .write("reports/2024-01.csv", "项目编号,累计完成投资\nA1,10\nB1,10\nB2,10\n");
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "registry/西区.csv: warning: has no 建设性质 column, which registry/东区.csv has: its 2 \
         projects of 2024 count as neither new starts nor continuing, so as started only once a \
         report says so, in no 新开工 figure, and are not judged on their start (expected a column \
         建设性质 of 新建, 续建, 改扩建 or 预备)",
    );
    assert_eq!(run.stdout().matches("counts as neither").count(), 0);
    assert_eq!(run.stdout().matches("count as neither").count(), 1);
}

#[test]
fn a_year_to_date_summed_from_this_months_figures_is_named_as_such() {
    // A file of 本月 alone: its year-to-date above the total, or far above the plan, was named
    // 累计完成投资, a column it does not have, with no column.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,甲,东区,续建,500,100\nA2,乙,东区,续建,5000,100\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,本月完成投资\nA1,600\nA2,200\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line(
            "reports/2024-01.csv:2:2: warning: year-to-date 600 (summed from 本月完成投资) is \
             above the project's total investment 500 (projects.csv:2)",
        )
        .expect_line(
            "reports/2024-01.csv:3:2: warning: year-to-date 200 (summed from 本月完成投资) is far \
             above the annual plan 100 (more than 1.5×)",
        );
    // In 元, a figure is some 10,000 times as large: asked about where it may be one.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,甲,东区,续建,500,100\nA2,乙,东区,续建,5000000,100\n",
    )
    .write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资\nA1,60\nA2,500000\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-01.csv:3:2: warning: year-to-date 500000 (summed from 本月完成投资) is far \
         above the annual plan 100 (more than 1.5×; a figure in 元 instead of 万元?)",
    );
    // A file with 累计, its cell left empty on one row: that row's year-to-date is summed from
    // 本月 too, and named so at its 本月 cell, not at the empty 累计.
    w.write(
        "reports/2024-01.csv",
        "项目编号,本月完成投资,累计完成投资\nA1,10,10\nA2,200,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-01.csv:3:2: warning: year-to-date 200 (summed from 本月完成投资) is far \
             above the annual plan 100",
        )
        .expect_no_line("累计完成投资 200");
}

#[test]
fn a_spreadsheets_error_value_in_a_text_cell_is_named() {
    // A VLOOKUP that found nothing, saved to CSV: `#N/A` as a district, a department, an id and
    // a report's 存在问题.
    let w = clean_folder();
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER},责任单位\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03,#REF!\n\
             A2,金川学校,#N/A,新建,5000,2000,2024-03,住建局\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02,住建局\n"
        ),
    );
    w.write(
        "reports/2024-02.csv",
        format!(
            "{REPORT_HEADER},存在问题\n\
             A1,2024-02,100,400,在建,,#n/a\n\
             #N/A,2024-02,0,0,前期,,\n\
             B1,2024-02,0,0,未开工,,\n"
        ),
    );
    // In a month whose free text is not kept, after a full-width space.
    w.write(
        "reports/2024-01.csv",
        format!(
            "{REPORT_HEADER},存在问题\n\
             A1,2024-01,300,300,在建,,\u{3000}#N/A\n\
             A2,2024-01,0,0,前期,,\n\
             B1,2024-01,0,0,未开工,,\n"
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line("reports/2024-01.csv:2:7: warning: 存在问题 is \"#N/A\"")
        .expect_line(
            "projects.csv:3:3: error: 所属县区 is \"#N/A\", a spreadsheet's error value (a formula \
             that could not be worked out), not the district (县区) it belongs to",
        )
        .expect_line(
            "projects.csv:2:8: warning: 责任单位 is \"#REF!\", a spreadsheet's error value (a \
             formula that could not be worked out); read as empty",
        )
        .expect_line("reports/2024-02.csv:3:1: error: 项目编号 is \"#N/A\"")
        .expect_line("reports/2024-02.csv:2:7: warning: 存在问题 is \"#n/a\"");
    // The bulletin gives the same findings, and ranks no group `#REF!`.
    let doc = common::report_json(
        &w,
        &["--month", "2024-02", "--by", "department", "--allow-errors"],
    );
    assert_eq!(doc["data_findings"]["errors"], 2);
    assert_eq!(doc["data_findings"]["warnings"], run_warnings(&run));
    let groups: Vec<&str> = doc["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|g| g["group"].as_str())
        .collect();
    assert_eq!(groups, ["住建局"]);
}

/// The number of warnings in `check`'s summary line.
fn run_warnings(run: &common::Run) -> u64 {
    let out = run.stdout();
    let summary = out.lines().last().unwrap_or_default();
    let before = summary.split(" warning").next().unwrap_or_default();
    before
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .parse()
        .unwrap_or(u64::MAX)
}

#[test]
fn rows_after_a_plan_year_taken_from_the_month_asked_for_say_so() {
    // No 计划年度, no year in xmtool.toml: the plan year is --month's, and reports of the year
    // after it are errors `check` (asked for no month) does not give; the error says why.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nP1,一号,甲区,续建,1000,100\n",
    )
    .write("reports/2024-01.csv", "项目编号,累计完成投资\nP1,10\n");
    w.run(&["check"]).expect_code(0);
    // `check --month` judges it as report does.
    w.run(&["check", "--month", "2023-12"])
        .expect_code(1)
        .expect_line("reports/2024-01.csv:2: error: 1 row for 2024, after the plan year 2023");
    // (Rows of a month after December's, in none of its figures: its bulletin is made.)
    w.run(&["report", "--month", "2023-12"])
        .expect_code(0)
        .expect_stderr(
            "1 error in reports of months after 2023-12, which are in none of 2023-12's figures \
             (the first: reports/2024-01.csv:2: error: 1 row for 2024, after the plan year 2023 \
             (expected months of 2023, or a registry for 2024; 2023 is the year of the month \
             asked for, as the registry has no 计划年度 and xmtool.toml no year: ask for a month \
             of 2024, or set year = 2023 in xmtool.toml))",
        );
    // A registry file named for its year gives the year: `check` judges the latest report's
    // year, 2024, which the registry lacks; December 2023 asked for is the registry's, and
    // January's rows are in none of its figures (they were an error, and December's bulletin
    // refused once January's reports came in).
    std::fs::remove_file(w.file("projects.csv")).unwrap();
    w.write(
        "registry/2023.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nP1,一号,甲区,续建,1000,100\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("1 row for 2024, after the plan year 2023 (expected months of 2023, or a registry for 2024)");
    w.run(&["check", "--month", "2023-12"])
        .expect_code(0)
        .expect_line(
            "reports/2024-01.csv:2: note: 1 row for 2024, after the month asked for, 2023-12: in \
             none of its figures, and not checked against the registry (ask for a month of 2024 \
             to check them)",
        );
    w.run(&["report", "--month", "2023-12"]).expect_code(0);
}

#[test]
fn check_for_a_month_judges_the_folder_as_report_for_that_month_does() {
    // A registry of two years: `check` judges the latest report's year, so last year's plan of 0
    // (counted in `report --month 2023-12`'s data findings) was shown by no command.
    let w = Workdir::new();
    let header = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n";
    w.write(
        "registry/2023.csv",
        format!("{header}A1,甲,东区,续建,1000,100\nB1,乙,西区,续建,1000,0\n"),
    )
    .write(
        "registry/2024.csv",
        format!("{header}A1,甲,东区,续建,1000,100\nB1,乙,西区,续建,1000,100\n"),
    )
    .write(
        "reports/2023-12.csv",
        "项目编号,累计完成投资\nA1,90\nB1,30\n",
    )
    .write(
        "reports/2024-01.csv",
        "项目编号,累计完成投资\nA1,10\nB1,10\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line("is 0 (");
    let run = w.run(&["check", "--month", "2023-12", "--format", "json"]);
    run.expect_code(0);
    let summary = &run.json()["summary"];
    let report = report_json(&w, &["--month", "2023-12"]);
    for key in ["errors", "warnings", "notes"] {
        assert_eq!(summary[key], report["data_findings"][key], "{key}");
    }
    w.run(&["check", "--month", "2023-12"])
        .expect_code(0)
        .expect_line(
            "reports/2023-12.csv:3:2: warning: 累计完成投资 30 is reported for B1, whose 年度计划投资 \
             is 0 (registry/2023.csv:3)",
        );
    w.run(&["check", "--month", "2023-13"])
        .expect_code(2)
        .expect_stderr("2023-13");
    // A period, as report takes it, is judged at its end; a year with no projects refused, as
    // report refuses it (it was judged by no plan, "no problems").
    w.run(&["check", "--month", "2023-Q4"])
        .expect_code(0)
        .expect_line("whose 年度计划投资 is 0");
    // So is a range of months, as `report --period` takes one (2023年10-12月), or not (10-11月);
    // not one running backwards.
    let at_end = |month: &str| w.run(&["check", "--month", month]).stdout();
    for (range, end) in [
        ("2023年10-12月", "2023-12"),
        ("2023年1-12月", "2023-12"),
        ("2023年10-11月", "2023-11"),
    ] {
        assert_eq!(at_end(range), at_end(end), "{range}");
    }
    w.run(&["check", "--month", "2023年12-10月"]).expect_code(2);
    w.run(&["check", "--month", "2022-06"])
        .expect_code(2)
        .expect_stderr("the registry has no projects for 2022, the year of 2022-06 (it has projects for 2023, 2024)");
}

#[test]
fn a_stray_quote_that_makes_a_row_short_is_named() {
    // A quote opening 形象进度 and closing in 存在问题's text took in the separator between:
    // the row is short, and the warning says which cell's quotes did it (text after a closing
    // quote, which no spreadsheet writes). A cell quoted to hold a separator, in a row short for
    // another reason, and a quoted amount are no stray quotes.
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        "项目编号,报告月份,本月完成投资,累计完成投资,项目状态,形象进度,存在问题,问题类别\n\
         A1,2024-03,10,510,在建,\"主体完工,无\"土地,\n\
         A2,2024-03,\"1,000\",\"2,000\",在建\n\
         B1,2024-03,10,160,在建,\"主体完工,无\",土地\n",
    );
    w.run(&["check"])
        .expect_line(
            "reports/2024-03.csv:2:8: warning: row has 7 fields but the header has 8 (the missing \
             ones are read as empty; column 6's quotes take in 1 separator (\"主体完工,无土地\"): a \
             stray quote?)",
        )
        .expect_line(
            "reports/2024-03.csv:3:6: warning: row has 5 fields but the header has 8 (the missing \
             ones are read as empty)",
        )
        .expect_line(
            "reports/2024-03.csv:4:8: warning: row has 7 fields but the header has 8 (the missing \
             ones are read as empty)",
        );
}

#[test]
fn a_total_row_is_known_by_its_name_or_district_cell_in_any_column() {
    // The form's 项目名称 is its 8th column and 所属县区 its 9th: the 小计 and 合计 rows there,
    // with no 项目编号, are totals (noted), not projects missing their ids.
    let w = clean_folder();
    w.write(
        "projects.csv",
        "序号,项目编号,建设性质,总投资,年度计划投资,计划开工时间,责任单位,项目名称,所属县区\n\
         1,A1,续建,10000,4000,2023-03,交通局,金川路网,金川区\n\
         2,A2,新建,5000,2000,2024-03,教育局,金川学校,金川区\n\
         ,,,15000,6000,,,金川区（小计）,\n\
         3,B1,新建,8000,3000,2024-02,园区办,河西园区,河西区\n\
         ,,,23000,9000,,,,全市合计\n",
    )
    .write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资,累计完成投资,报告月份,形象进度,存在问题,项目状态,项目名称\n\
         A1,10,510,2024-03,施工中,无,在建,金川路网\n\
         A2,0,0,2024-03,,,前期,金川学校\n\
         B1,0,150,2024-03,,,在建,河西园区\n\
         ,10,660,,,,,合计\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:4: note: skipped the 金川区（小计） row (a total, not a project)",
        )
        .expect_line("projects.csv:6: note: skipped the 全市合计 row (a total, not a project)")
        .expect_line("reports/2024-03.csv:5: note: skipped the 合计 row (a total, not a project)");
}

#[test]
fn an_id_is_named_by_its_files_own_header() {
    // A report headed 项目代码 was told of a 项目编号 it has no column of.
    let w = clean_folder();
    let header = REPORT_HEADER.replacen("项目编号", "项目代码", 1);
    assert_ne!(header, REPORT_HEADER);
    w.write(
        "reports/2024-03.csv",
        format!("{header}\nA1,2024-03,10,510,在建,\nZZ9,2024-03,1,1,在建,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-03.csv:3:1: error: 项目代码 ZZ9 is not in the registry for 2024",
    );
    // On one line, without a required column's mark, where the form wrote it over two.
    let header = REPORT_HEADER.replacen("项目编号", "\"*项目\n代码\"", 1);
    w.write(
        "reports/2024-03.csv",
        format!("{header}\nA1,2024-03,10,510,在建,\nZZ9,2024-03,1,1,在建,\n"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-03.csv:4:1: error: 项目代码 ZZ9 is not in the registry for 2024",
    );
}

#[test]
fn every_header_in_a_message_is_on_one_line_without_its_mark() {
    // A form's headers written over two lines, a required one marked `*`: each message says
    // the header as one line, as the id's do.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,\"*建设\n性质\",总投资（万元）,年度计划投资（万元）,\
             \"计划开工\n时间\"\n\
             A1,金川路网,金川区,,10000,4000,2023-03\n\
             A2,金川学校,金川区,新建,5000,2000,\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,\"*报告\n月份\",\"本月完成\n投资（万元）\",累计完成投资（万元）,\"项目\n状态\",\
             \"实际开工\n时间\"\n\
             A1,2024-01,300,300,在建,2024-03\nA2,2024-01,5,5,前期,\n",
        )
        .write(
            "reports/2024-03.csv",
            "项目编号,报告月份,\"本月完成\n投资（万元）\"\nA1,2024-03,10\n",
        );
    let out = w.run(&["check"]);
    out.expect_code(1)
        .expect_line("projects.csv:4:4: warning: 建设性质 is empty: A1 counts as neither")
        .expect_line("projects.csv:5:7: error: 计划开工时间 is missing for the new start A2")
        .expect_line(
            "reports/2024-01.csv:6:6: error: 实际开工时间 2024-03 is after the report month",
        )
        .expect_line("reports/2024-01.csv:7:5: warning: 项目状态 is \"前期\" but investment")
        .expect_line(
            "reports/2024-03.csv:3:3: warning: 本月完成投资（万元） 10 is 2024-03's alone",
        );
    assert!(!out.stdout().contains("\\n"), "{}", out.stdout());
}

#[test]
fn a_countys_towns_are_districts_written_short_or_with_more_words() {
    // A county's registry of towns (its 乡镇 column named as the district's in settings):
    // 河西乡人民政府, 青山县城关镇 and 东城 in a report are the registry's 河西乡, 城关镇 and
    // 东城街道 (each was "not the registry's district"); 城关 beside 城关镇 in the registry is
    // one place written two ways (two groups, unsaid before).
    let w = Workdir::new();
    w.write(
        "xmtool.toml",
        "year = 2024\n\n[aliases]\ndistrict = [\"乡镇\"]\n",
    )
    .write(
        "projects.csv",
        "项目编号,项目名称,乡镇,建设性质,总投资,年度计划投资\n\
         A1,一,河西乡,续建,1000,500\nA2,二,城关镇,续建,1000,500\n\
         A3,三,东城街道,续建,1000,500\nA4,四,城关,续建,100,50\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,乡镇,本月完成投资,累计完成投资,项目状态\n\
         A1,河西乡人民政府,10,100,在建\nA2,青山县城关镇,10,100,在建\n\
         A3,东城,10,100,在建\nA4,城关,1,1,在建\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv:5:3: warning: 乡镇 \"城关\" (1 project) may be \"城关镇\" written short",
        )
        .expect_no_line("is not the registry's district");
    // Two districts written together are neither (金川区龙首区 is no way of writing 龙首区).
    w.write(
        "projects.csv",
        "项目编号,项目名称,乡镇,建设性质,总投资,年度计划投资\n\
         A1,一,金川区,续建,1000,500\nA2,二,龙首区,续建,1000,500\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,乡镇,本月完成投资,累计完成投资,项目状态\nA1,金川区,10,100,在建\n\
         A2,金川区龙首区,10,100,在建\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:3:2: warning: 乡镇 \"金川区龙首区\" is not the registry's district of A2",
    );
}

#[test]
fn names_apart_by_a_space_or_a_line_break_are_several_names() {
    // `张三、李四` in 包抓领导 was noted as naming several, and `张三 李四` or `张三` Alt+Enter
    // `李四`, a group of its own just the same, was not.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导\n\
         A1,路网,甲区,续建,20000,4000,张三 李四\n\
         A2,学校,甲区,续建,30000,6000,张三\n\
         A3,医院,乙区,续建,30000,6000,\"王五\n张三\"\n\
         A4,桥,乙区,续建,30000,6000,王五\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,1000,在建\nA2,2000,在建\nA3,3000,在建\nA4,1,在建\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "projects.csv:2:7: note: 包抓领导 \"张三 李四\" names several; so do \"王五\\n张三\" (2 \
             projects in all): such a cell is a group of its own when ranked by it (--by leader)",
        );
    // A name spaced out to line up with longer ones (`张　三`) is one name.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导\n\
         A1,路网,甲区,续建,20000,4000,张　三\nA2,学校,甲区,续建,30000,6000,李四\n\
         A3,医院,乙区,续建,30000,6000,王五\nA4,桥,乙区,续建,30000,6000,王五\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_no_line("names several");
}

#[test]
fn a_leaders_title_after_the_name_is_no_name_of_its_own() {
    // `张明 副市长` in 包抓领导 (a name, a space, the title) was noted as naming several where
    // 张明 leads projects of his own: the title is the name's. Two names, each with a title,
    // still name several.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导\n\
         A1,路网,甲区,续建,20000,4000,张明 副市长\n\
         A2,学校,甲区,续建,30000,6000,张明\n\
         A3,医院,乙区,续建,30000,6000,市委常委 王五\n\
         A4,桥,乙区,续建,30000,6000,王五\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,1000,在建\nA2,2000,在建\nA3,3000,在建\nA4,1,在建\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_no_line("names several");
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导\n\
         A1,路网,甲区,续建,20000,4000,张明 副市长、王五 常务副县长\n\
         A2,学校,甲区,续建,30000,6000,张明\n\
         A3,医院,乙区,续建,30000,6000,王五\n\
         A4,桥,乙区,续建,30000,6000,王五\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "projects.csv:2:7: note: 包抓领导 \"张明 副市长、王五 常务副县长\" names several (1 \
             project in all)",
        );
}

#[test]
fn a_leader_written_with_a_title_and_without_is_said_to_be_two_groups() {
    // `张明 副市长` beside `张明` ranked as two leaders in `report --by leader`, said nowhere;
    // so too a title before the name. A name of its own beside a title, or two names, are not
    // one leader written two ways.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,包抓领导\n\
         A1,路网,甲区,续建,20000,4000,张明\n\
         A2,学校,甲区,续建,30000,6000,张明 副市长\n\
         A3,医院,乙区,续建,30000,6000,王五\n\
         A4,桥,乙区,续建,30000,6000,市委常委 王五\n\
         A5,站,乙区,续建,30000,6000,李华 王强\n\
         A6,园,乙区,续建,30000,6000,李华\n\
         A7,馆,乙区,续建,30000,6000,张明（副市长）\n\
         A8,塔,乙区,续建,30000,6000,李华副市长\n\
         A9,厂,乙区,续建,30000,6000,张明华\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\n\
         A1,1000,在建\nA2,2000,在建\nA3,3000,在建\nA4,1,在建\nA5,1,在建\nA6,1,在建\n\
         A7,1,在建\nA8,1,在建\nA9,1,在建\n",
    );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "projects.csv:3:7: warning: 包抓领导 \"张明 副市长\" (1 project) is \"张明\" written \
             with a title: they are two groups in the rankings (write it one way, the title in a \
             column xmtool does not read, such as 备注)",
        )
        .expect_line(
            "projects.csv:5:7: warning: 包抓领导 \"市委常委 王五\" (1 project) is \"王五\" \
             written with a title",
        )
        .expect_no_line("\"李华 王强\" (1 project)")
        // A title joined to the name, in brackets or not (these were said nowhere); not a
        // name of its own that begins with another's (`张明华`).
        .expect_line(
            "projects.csv:8:7: warning: 包抓领导 \"张明（副市长）\" (1 project) is \"张明\" \
             written with a title",
        )
        .expect_line(
            "projects.csv:9:7: warning: 包抓领导 \"李华副市长\" (1 project) is \"李华\" written \
             with a title",
        )
        .expect_no_line("\"张明华\"")
        .expect_line("0 errors, 4 warnings");
}

#[test]
fn group_names_apart_in_look_alike_dashes_dots_or_brackets_are_said() {
    // 金川区—东区, 金川区-东区 and 金川区－东区 (dashes of three input methods), 市发改委（能源局）
    // and 市发改委【能源局】, 阿布都·热合曼 and 阿布都•热合曼: each two groups in the rankings,
    // said as full-width and spaced names are, not merged.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,责任单位,包抓领导\n\
         A1,路网,金川区—东区,续建,20000,4000,市发改委（能源局）,阿布都·热合曼\n\
         A2,学校,金川区—东区,续建,30000,6000,市发改委（能源局）,阿布都·热合曼\n\
         A3,医院,金川区-东区,续建,30000,6000,市发改委【能源局】,阿布都•热合曼\n\
         A4,桥,金川区－东区,续建,30000,6000,市住建局,王五\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,1000,在建\nA2,2000,在建\nA3,3000,在建\nA4,1,在建\n",
    );
    let run = w.run(&["check", "--month", "2024-06"]);
    run.expect_code(0)
        .expect_line(
            "projects.csv:4:3: warning: 所属县区 \"金川区-东区\" (1 project) is \"金川区—东区\" \
             written another way (look-alike dashes, dots or brackets): they are two groups in the \
             rankings (write it one way)",
        )
        .expect_line(
            "projects.csv:5:3: warning: 所属县区 \"金川区－东区\" (1 project) is \"金川区—东区\" \
             written another way (look-alike dashes, dots or brackets)",
        )
        .expect_line(
            "projects.csv:4:7: warning: 责任单位 \"市发改委【能源局】\" (1 project) is \
             \"市发改委（能源局）\" written another way (look-alike dashes, dots or brackets)",
        )
        .expect_line(
            "projects.csv:4:8: warning: 包抓领导 \"阿布都•热合曼\" (1 project) is \"阿布都·热合曼\" \
             written another way (look-alike dashes, dots or brackets)",
        );
    // (Said, not merged: the three ways are three districts in the ranking.)
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["ranking"].as_array().map(Vec::len), Some(3), "{doc:#}");
}

#[test]
fn figures_rounded_to_whole_wan_apart_by_one_are_a_warning() {
    // A form kept in whole 万元 (150.4 invested in each of two months, shown 150, 150 and 301):
    // 本月 150 against 301 − 150 = 151 was an error, and the bulletin stopped. Whole figures
    // one 万元 apart are a warning; 150.4 before, or two apart, still an error.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             A1,一,东区,续建,10000,5000\nA2,二,东区,续建,10000,5000\n",
        )
        .write(
            "reports/2024-01.csv",
            "项目编号,本月完成投资,累计完成投资\nA1,150,150\nA2,150.4,150.4\n",
        )
        .write(
            "reports/2024-02.csv",
            "项目编号,本月完成投资,累计完成投资\nA1,150,301\nA2,150,301\n",
        )
        .write(
            "reports/2024-03.csv",
            "项目编号,本月完成投资,累计完成投资\nA1,150,303\nA2,150,451\n",
        )
        .write(
            "reports/2024-04.csv",
            "项目编号,本月完成投资,累计完成投资\nA1,0,302\n",
        );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-02.csv:2:2: warning: 本月完成投资 150 differs from 累计完成投资 301 minus \
             last month's 150 (151) by 1: as figures rounded to the whole unit do",
        )
        .expect_line(
            "reports/2024-02.csv:3:2: error: 本月完成投资 150 disagrees with 累计完成投资 301 minus \
             last month's 150.4 (expected 本月 150.6 to fit the 累计, or 累计 300.4 to fit the \
             本月)",
        )
        .expect_line(
            "reports/2024-03.csv:2:2: error: 本月完成投资 150 disagrees with 累计完成投资 303 minus \
             last month's 301 (expected 本月 2 to fit the 累计, or 累计 451 to fit the 本月)",
        )
        .expect_no_line("reports/2024-03.csv:3:")
        // A fall is no rounding's: figures rounded rise as theirs do.
        .expect_line(
            "reports/2024-04.csv:2:2: error: 本月完成投资 0 disagrees with 累计完成投资 302 minus \
             last month's 303 (the year-to-date fell by 1",
        );
    // In a form in 亿元, the whole unit is 1亿.
    w.write(
        "reports/2024-03.csv",
        "项目编号,本月完成投资（亿元）,累计完成投资（亿元）\nA1,1,3\n",
    )
    .write(
        "reports/2024-04.csv",
        "项目编号,本月完成投资（亿元）,累计完成投资（亿元）\nA1,1,5\n",
    );
    w.run(&["check"]).expect_line(
        "reports/2024-04.csv:2:2: warning: 本月完成投资（亿元） 10000 differs from 累计完成投资（亿元） \
         50000 minus last month's 30000 (20000) by 10000: as figures rounded to the whole unit do",
    );
}

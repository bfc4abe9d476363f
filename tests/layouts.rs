//! Every encoding and layout clerks send reads, and checks clean or with the right finding:
//! UTF-8 with and without a BOM, UTF-16 "Unicode text", GBK and GB18030; title, 合计 and blank
//! rows; header and value variants; months from columns, file and folder names; workbooks.

mod common;

use common::{
    REGISTRY_HEADER, REPORT_HEADER, Run, Workdir, clean_folder, project, report_json,
    small_registry,
};
use encoding_rs::{GB18030, GBK};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

#[test]
fn a_note_in_txt_among_the_reports_is_said_to_be_read_as_a_table() {
    let w = registry_only();
    w.write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,10\n")
        .write(
            "reports/说明.txt",
            "本月报表请于5日前报送。\n联系人：张三\n",
        );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/说明.txt: error: no header row found in the first 30 rows (expected a row with \
         headers such as 项目编号; a .txt file there is read as a table, as a .csv is: move a \
         note or readme out of the folder)",
    );
}

// ---------------------------------------------------------------------------------------------
// Fixtures and helpers
// ---------------------------------------------------------------------------------------------

/// May reports for the small registry: consistent with June's below.
const MAY: [&str; 3] = [
    "A1,2024-05,200,2000,在建,",
    "A2,2024-05,100,250,在建,2024-04",
    "B1,2024-05,0,0,前期,",
];

/// June reports for the small registry.
const JUNE: [&str; 3] = [
    "A1,2024-06,100,2100,在建,",
    "A2,2024-06,50,300,在建,2024-04",
    "B1,2024-06,0,0,前期,",
];

/// The summary line of a clean folder with the small registry and the May and June reports.
const CLEAN_SUMMARY: &str = "3 projects, 6 report rows (2024-05 to 2024-06) in 3 files: \
                             0 errors, 0 warnings, 0 notes (no problems)";

/// A report file: the common header and `rows`, each line ended by `eol`.
fn report_text(rows: &[&str], eol: &str) -> String {
    let mut s = format!("{REPORT_HEADER}{eol}");
    for r in rows {
        s.push_str(r);
        s.push_str(eol);
    }
    s
}

fn with_bom(text: &str) -> Vec<u8> {
    let mut v = b"\xEF\xBB\xBF".to_vec();
    v.extend_from_slice(text.as_bytes());
    v
}

fn utf16le_bom(text: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        v.extend_from_slice(&u.to_le_bytes());
    }
    v
}

fn utf16be_bom(text: &str) -> Vec<u8> {
    let mut v = vec![0xFE, 0xFF];
    for u in text.encode_utf16() {
        v.extend_from_slice(&u.to_be_bytes());
    }
    v
}

/// GBK bytes; panics if the text has a character GBK cannot write (encoding_rs would put an
/// HTML entity in its place).
fn gbk(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = GBK.encode(text);
    assert!(!unmappable, "{text:?} is not all GBK");
    bytes.into_owned()
}

fn gb18030(text: &str) -> Vec<u8> {
    let (bytes, _, unmappable) = GB18030.encode(text);
    assert!(!unmappable);
    bytes.into_owned()
}

/// A folder with xmtool.toml and the small registry, and no reports yet.
fn registry_only() -> Workdir {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", small_registry());
    w
}

/// The last line of stdout: the summary.
fn summary(run: &Run) -> String {
    run.stdout().lines().last().unwrap_or_default().to_string()
}

/// Asserts the exact summary line.
fn expect_summary(run: &Run, want: &str) {
    assert_eq!(
        summary(run),
        want,
        "summary line\n--- stdout ---\n{}\n--- stderr ---\n{}",
        run.stdout(),
        run.stderr()
    );
}

/// Asserts that stdout has no line with `: severity:` at all.
fn expect_no_severity(run: &Run, severity: &str) {
    run.expect_no_line(&format!(": {severity}: "));
}

/// The findings lines of stdout (all but the summary).
fn finding_lines(run: &Run) -> Vec<String> {
    let out = run.stdout();
    let lines: Vec<&str> = out.lines().collect();
    lines[..lines.len().saturating_sub(1)]
        .iter()
        .map(|l| l.to_string())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Encodings
// ---------------------------------------------------------------------------------------------

#[test]
fn reports_in_utf8_without_bom() {
    let w = registry_only();
    w.write("reports/2024-05.csv", report_text(&MAY, "\n"))
        .write("reports/2024-06.csv", report_text(&JUNE, "\n"));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

#[test]
fn reports_in_utf8_with_bom() {
    let w = registry_only();
    w.write("reports/2024-05.csv", with_bom(&report_text(&MAY, "\r\n")))
        .write("reports/2024-06.csv", with_bom(&report_text(&JUNE, "\r\n")));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

#[test]
fn registry_with_bom_reads_its_first_header() {
    // The BOM is glued to the first header cell; 项目编号 must still be recognised.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", with_bom(&small_registry()))
        .write("reports/2024-05.csv", report_text(&MAY, "\n"))
        .write("reports/2024-06.csv", report_text(&JUNE, "\n"));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

/// Excel's "Unicode text": UTF-16LE with a BOM, tab-separated, CRLF.
fn unicode_text(rows: &[&str]) -> Vec<u8> {
    utf16le_bom(&report_text(rows, "\r\n").replace(',', "\t"))
}

#[test]
fn reports_as_excel_unicode_text_with_txt_extension() {
    let w = registry_only();
    w.write("reports/2024-05.txt", unicode_text(&MAY))
        .write("reports/2024-06.txt", unicode_text(&JUNE));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

#[test]
fn reports_as_excel_unicode_text_with_csv_extension() {
    let w = registry_only();
    w.write("reports/2024-05.csv", unicode_text(&MAY))
        .write("reports/2024-06.csv", unicode_text(&JUNE));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

#[test]
fn unicode_text_keeps_thousands_separators_in_values() {
    // Tab-separated, so "1,234.5" is one value, not two fields.
    let w = registry_only();
    let text = format!(
        "{}\r\nA1\t2024-06\t1,234.5\t1,234.5\t在建\t\r\n",
        REPORT_HEADER.replace(',', "\t")
    );
    w.write("reports/2024-06.txt", utf16le_bom(&text));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_no_severity(&run, "error");
    assert!(summary(&run).starts_with("3 projects, 1 report row (2024-06)"));
}

/// The separator is the one that splits the header and rows alike, not the one most often in
/// the file: commas of 形象进度 in Excel's "Unicode text" (quoted or not), tabs in a quoted cell
/// of a comma-separated file, semicolons of a 存在问题 list.
#[test]
fn the_separator_is_the_tables_not_the_free_texts() {
    let w = registry_only();
    // (More of each in two rows than the header's and rows' seven separators in three.)
    let steps = "征地,拆迁,桩基,承台,墩柱,盖梁,箱梁,桥面,路基,路面,管网,绿化,照明";
    let header = format!("{REPORT_HEADER},形象进度,存在问题");
    let tabbed = |steps: &str| {
        let text = format!(
            "{header}\r\nA1,2024-06,10,400,在建,,{steps},无\r\nB1,2024-06,20,600,在建,,{steps},无\r\n"
        )
        .replace(',', "\t")
        .replace('\u{1}', ",");
        utf16le_bom(&text)
    };
    let commas = steps.replace(',', "\u{1}");
    let tab_files = [tabbed(&commas), tabbed(&format!("\"{commas}\""))];
    let tabs_quoted = steps.replace(',', "\t");
    let problems = steps.replace(',', ";");
    let comma_files = [
        format!(
            "{header}\nA1,2024-06,10,400,在建,,\"{tabs_quoted}\",无\nB1,2024-06,20,600,在建,,\"{tabs_quoted}\",无\n"
        ),
        format!(
            "{header}\nA1,2024-06,10,400,在建,,主体完工,{problems}\nB1,2024-06,20,600,在建,,完成,{problems}\n"
        ),
    ];
    let files = tab_files
        .into_iter()
        .chain(comma_files.into_iter().map(String::into_bytes));
    for file in files {
        w.write("reports/2024-06.csv", &file);
        w.run(&["check"]).expect_code(0).expect_no_line(": error:");
        let doc = common::report_json(&w, &["--month", "2024-06"]);
        assert_eq!(
            common::project(&doc, "A1")["ytd_investment"],
            400.0,
            "{doc}"
        );
        assert_eq!(
            common::project(&doc, "B1")["ytd_investment"],
            600.0,
            "{doc}"
        );
    }
}

/// A first line `sep=;`, which Excel reads as naming the separator and some systems write,
/// says it: here above a title whose comma would otherwise be taken for the header's.
#[test]
fn a_sep_line_names_the_separator() {
    let w = registry_only();
    let header = REPORT_HEADER.replace(',', ";");
    let text = format!(
        "sep=;\r\n2024年6月重点项目进展表（单位:万元,截至6月底）\r\n{header}\r\nA1;2024-06;10;1,400.5;在建;\r\nB1;2024-06;20;600;在建;\r\n"
    );
    w.write("reports/2024-06.csv", with_bom(&text));
    w.run(&["check"]).expect_code(0).expect_no_line(": error:");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        common::project(&doc, "A1")["ytd_investment"],
        1400.5,
        "{doc}"
    );
    assert_eq!(
        common::project(&doc, "B1")["ytd_investment"],
        600.0,
        "{doc}"
    );
}

#[test]
fn reports_in_utf16be_with_bom() {
    let w = registry_only();
    w.write(
        "reports/2024-05.csv",
        utf16be_bom(&report_text(&MAY, "\r\n")),
    )
    .write(
        "reports/2024-06.csv",
        utf16be_bom(&report_text(&JUNE, "\r\n")),
    );
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

/// UTF-16 with no byte order mark (as some systems export it): read where its first bytes show
/// it, small files and those read in blocks alike; a damaged one is named as UTF-16.
#[test]
fn reports_in_utf16_without_a_bom() {
    let without_bom = |bytes: Vec<u8>| bytes[2..].to_vec();
    let w = registry_only();
    w.write(
        "reports/2024-05.csv",
        without_bom(utf16le_bom(&report_text(&MAY, "\r\n"))),
    )
    .write(
        "reports/2024-06.csv",
        without_bom(utf16be_bom(&report_text(&JUNE, "\r\n"))),
    );
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
    // Read in blocks (above 4 MiB): the same.
    let large = format!("{}{}", report_text(&JUNE, "\r\n"), "\r\n".repeat(3 << 20));
    w.write("reports/2024-06.csv", without_bom(utf16le_bom(&large)));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
    // An odd byte at the end: UTF-16 that does not decode.
    let mut odd = without_bom(utf16le_bom(&report_text(&JUNE, "\r\n")));
    odd.push(b'x');
    w.write("reports/2024-06.csv", odd);
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv: error: undecodable bytes 0x78 at byte offset")
        .expect_line("(read as UTF-16LE;");
}

#[test]
fn registry_and_reports_in_gbk() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", gbk(&small_registry()))
        .write("reports/2024-05.csv", gbk(&report_text(&MAY, "\r\n")))
        .write("reports/2024-06.csv", gbk(&report_text(&JUNE, "\r\n")));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

#[test]
fn gbk_values_are_read_as_chinese() {
    // A status only readable when the GBK bytes are decoded right: 停工 is known, mojibake not.
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        gbk(&report_text(
            &[
                "A1,2024-06,0,2000,停工,",
                "A2,2024-06,0,0,缓建,",
                "B1,2024-06,0,0,未开工,",
            ],
            "\n",
        )),
    );
    let run = w.run(&["check"]);
    run.expect_code(0);
    run.expect_no_line("is not known");
    expect_no_severity(&run, "warning");
    assert!(summary(&run).starts_with("3 projects, 3 report rows (2024-06)"));
}

#[test]
fn reports_in_gb18030_with_four_byte_characters() {
    // 𠀀 (U+20000) needs GB18030's four-byte form; GBK cannot write it.
    assert!(GBK.encode("𠀀").2);
    assert_eq!(gb18030("𠀀").len(), 4);
    let rows_05: Vec<String> = MAY.iter().map(|r| format!("{r},䶮𠀀路基完成")).collect();
    let rows_06: Vec<String> = JUNE.iter().map(|r| format!("{r},䶮𠀀路面施工")).collect();
    let header = format!("{REPORT_HEADER},形象进度");
    let text = |rows: &[String]| format!("{header}\n{}\n", rows.join("\n"));
    let w = registry_only();
    w.write("reports/2024-05.csv", gb18030(&text(&rows_05)))
        .write("reports/2024-06.csv", gb18030(&text(&rows_06)));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

#[test]
fn gbk_registry_with_a_title_row() {
    let w = Workdir::new();
    let registry = format!("金川区2024年重点项目计划表\n{}", small_registry());
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", gbk(&registry))
        .write("reports/2024-06.csv", report_text(&JUNE, "\n"));
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("projects.csv:1: note: skipped 1 title row above the header (line 1)");
    expect_no_severity(&run, "error");
}

#[test]
fn gbk_registry_for_qibin_district_is_read_as_gbk() {
    // 淇滨区 (a district of 鹤壁市) in GBK is E4 BF B1 F5 C7 F8: its first three bytes are valid
    // UTF-8 for 俱, so decode() takes the file for damaged UTF-8. The whole file is valid GBK.
    let w = Workdir::new();
    let registry = "淇滨区2024年重点项目计划表\n\
                    项目编号,项目名称,所属县区,总投资（万元）,年度计划投资（万元）\n\
                    Q1,淇滨路网,淇滨区,100,50\n";
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", gbk(registry))
        .write("reports/2024-06.csv", gbk("项目编号,累计完成投资\nQ1,10\n"));
    let run = w.run(&["check"]);
    run.expect_code(0).expect_no_line("undecodable");
    assert!(summary(&run).starts_with("1 project, 1 report row (2024-06)"));
}

// ---------------------------------------------------------------------------------------------
// Line endings
// ---------------------------------------------------------------------------------------------

#[test]
fn lf_line_numbers_are_file_lines() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        report_text(
            &[
                "A1,2024-06,100,2100,在建,",
                "A2,2024-06,50,300,进行中,",
                "B1,2024-06,0,0,前期,",
            ],
            "\n",
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("reports/2024-06.csv:3:5: warning: 项目状态 \"进行中\" is not known");
}

#[test]
fn crlf_line_numbers_are_file_lines() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        report_text(
            &[
                "A1,2024-06,100,2100,在建,",
                "A2,2024-06,50,300,进行中,",
                "B1,2024-06,0,0,前期,",
            ],
            "\r\n",
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("reports/2024-06.csv:3:5: warning: 项目状态 \"进行中\" is not known");
}

#[test]
fn crlf_total_row_note_names_its_line() {
    let w = registry_only();
    let text = format!(
        "2024年6月重点项目进展表\r\n{}合计,,150,2400,,\r\n",
        report_text(&JUNE, "\r\n")
    );
    w.write("reports/2024-06.csv", text);
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("reports/2024-06.csv:6: note: skipped the 合计 row");
}

#[test]
fn cr_only_line_numbers_are_file_lines() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        report_text(
            &[
                "A1,2024-06,100,2100,在建,",
                "A2,2024-06,50,300,进行中,",
                "B1,2024-06,0,0,前期,",
            ],
            "\r",
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("reports/2024-06.csv:3:5: warning: 项目状态 \"进行中\" is not known");
}

#[test]
fn cr_only_files_are_still_read() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", small_registry().replace('\n', "\r"))
        .write("reports/2024-05.csv", report_text(&MAY, "\r"))
        .write("reports/2024-06.csv", report_text(&JUNE, "\r"));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(&run, CLEAN_SUMMARY);
}

// ---------------------------------------------------------------------------------------------
// Title, total and blank rows
// ---------------------------------------------------------------------------------------------

#[test]
fn an_id_that_begins_with_a_total_word_is_a_project() {
    // 总计划-01 begins with 总计 but is no total: its row is a project. 合计（万元）, 全市合计:
    // and 合计金额 are totals. 总计-2024-01 is taken for a total too, but with a name beside it
    // that is worth a warning.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             总计划-01,总计划项目,金川区,续建,1000,100,2023-03\n\
             小计划2,小计划项目,河西区,续建,2000,200,2023-03\n\
             合计（万元）,,,,3000,300,\n\
             全市合计:,,,,3000,300,\n\
             合计金额,,,,3000,300,\n\
             总计-2024-01,总计划二期,金川区,续建,1000,100,2023-03\n\
             合计2024,,金川区,,3000,300,\n"
        ),
    );
    let run = w.run(&["check"]);
    run.expect_line("projects.csv:4: note: skipped the 合计（万元） row (a total, not a project)")
        .expect_line(
            "projects.csv:7: warning: skipped the 总计-2024-01 row as a total, though it has a \
             项目名称: if it is a project, its 项目编号 must not begin with 合计, 总计 or 小计",
        )
        .expect_line("projects.csv:8: note: skipped the 合计2024 row (a total, not a project)")
        .expect_line("projects.csv:5: note: skipped the 全市合计: row (a total, not a project)")
        .expect_line("projects.csv:6: note: skipped the 合计金额 row (a total, not a project)")
        .expect_no_line("总计划-01 row")
        .expect_no_line("小计划2 row");
    assert!(
        summary(&run).starts_with("2 projects, "),
        "{}",
        summary(&run)
    );
}

#[test]
fn title_total_subtotal_and_blank_rows_are_skipped_with_notes() {
    let w = Workdir::new();
    let registry = format!(
        "金城市2024年重点项目计划表,,,,,,\n\
         {REGISTRY_HEADER}\n\
         A1,金川路网,金川区,续建,10000,4000,2023-03\n\
         A2,金川学校,金川区,新建,5000,2000,2024-03\n\
         金川区小计,,,,15000,6000,\n\
         B1,河西园区,河西区,新建,8000,3000,2024-02\n\
         合计,,,,23000,9000,\n"
    );
    let report = format!(
        "2024年6月重点项目进展情况表\n\
         {REPORT_HEADER}\n\
         A1,2024-06,100,2100,在建,\n\
         ,,,,,\n\
         A2,2024-06,50,300,在建,2024-04\n\
         小计,,150,2400,,\n\
         \n\
         B1,2024-06,0,0,前期,\n\
         ,,,,,\n\
         合计,,150,2400,,\n"
    );
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", registry)
        .write("reports/2024-06.csv", report);
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("projects.csv:1: note: skipped 1 title row above the header (line 1)")
        .expect_line("projects.csv:5: note: skipped the 金川区小计 row (a total, not a project)")
        .expect_line("projects.csv:7: note: skipped the 合计 row (a total, not a project)")
        .expect_line("reports/2024-06.csv:1: note: skipped 1 title row above the header (line 1)")
        .expect_line("reports/2024-06.csv:6: note: skipped the 小计 row (a total, not a project)")
        .expect_line("reports/2024-06.csv:10: note: skipped the 合计 row (a total, not a project)")
        .expect_line("reports/2024-06.csv:4: note: skipped 2 blank rows (lines 4, 9)");
    expect_no_severity(&run, "error");
    expect_no_severity(&run, "warning");
    assert!(
        summary(&run).starts_with("3 projects, 3 report rows (2024-06) in 2 files: 0 errors"),
        "{}",
        run.stdout()
    );
}

#[test]
fn several_title_rows_are_named() {
    let w = registry_only();
    let report = format!(
        "附件2\n2024年6月重点项目进展情况表\n填报单位：金川区发改局,,,,,2024-07-05\n{}",
        report_text(&JUNE, "\n")
    );
    w.write("reports/2024-06.csv", report);
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.csv:1: note: skipped 3 title rows above the header (lines 1, 2, 3)",
    );
    expect_no_severity(&run, "error");
}

#[test]
fn line_numbers_count_blank_lines_before_a_row() {
    let w = registry_only();
    let report =
        format!("{REPORT_HEADER}\n\nA1,2024-06,100,2100,在建,\n\n\nA2,2024-06,50,300,进行中,\n");
    w.write("reports/2024-06.csv", report);
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("reports/2024-06.csv:6:5: warning: 项目状态 \"进行中\" is not known");
}

// ---------------------------------------------------------------------------------------------
// Header variants
// ---------------------------------------------------------------------------------------------

#[test]
fn header_variants_split_registry_and_multiline_header() {
    let w = Workdir::new();
    // Half-width brackets, 工程名称, 序号 and 备注, and a header cell with a line break inside:
    // the header takes lines 1 and 2, so the data rows are lines 3 and 4.
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "registry/金川区.csv",
            "序号,项目编号,工程名称,所属县区,建设性质,总投资(万元),\"年度计划投资\n（万元）\",计划开工时间,备注\n\
             1,A1,金川路网,金川区,续建,10000,4000,2023-03,市级重点\n\
             2,A2,金川学校,金川区,续建,5000,2000,2024-03,\n",
        )
        // Full-width brackets, 县区, the unit bracket with spaces around the header.
        .write(
            "registry/河西区.csv",
            " 项目编号 ,项目名称,县区,建设性质, 总投资（万元） ,年度计划投资（万元）,计划开工时间\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02\n",
        )
        .write(
            "reports/2024-06.csv",
            "序号,项目编号,月份,本月完成投资(万元),1-6月完成投资（万元）,项目状态,备注\n\
             1,A1,2024-06,100,2100,在建,\n\
             2,A2,2024-06,50,12000,在建,超总投资\n\
             3,B1,2024-06,0,0,前期,无\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(0)
        // The multi-line header shifts the data rows by one line: A2 is on line 4.
        .expect_line(
            "registry/金川区.csv:4:8: warning: A2 is continuing (续建) but its planned start \
             2024-03 is in its plan year 2024",
        )
        // 1-6月完成投资 is the year-to-date column.
        .expect_line(
            "reports/2024-06.csv:3:5: warning: 1-6月完成投资（万元） 12000 is above the \
             project's total investment 5000",
        );
    expect_no_severity(&run, "error");
    expect_no_severity(&run, "note");
    assert_eq!(finding_lines(&run).len(), 2, "{}", run.stdout());
    assert!(
        summary(&run).starts_with("3 projects, 3 report rows (2024-06) in 3 files"),
        "{}",
        run.stdout()
    );
}

#[test]
fn english_keys_as_headers() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "id,name,district,total_investment,annual_plan\n\
             A1,金川路网,金川区,10000,4000\n\
             B1,河西园区,河西区,8000,3000\n",
        )
        .write(
            "reports/2024-06.csv",
            "ID,Month,Month_Investment,YTD_Investment\n\
             A1,2024-06,100,2100\n\
             B1,2024-06,50,7000\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.csv:3:4: warning: YTD_Investment 7000 is far above the annual plan 3000",
    );
    expect_no_severity(&run, "error");
    assert!(summary(&run).starts_with("2 projects, 2 report rows (2024-06)"));
}

#[test]
fn aliases_from_settings() {
    let w = Workdir::new();
    w.write(
        "xmtool.toml",
        "year = 2024\n[aliases]\nid = [\"统一代码\"]\nytd_investment = [\"截至本月完成\"]\n",
    )
    .write(
        "projects.csv",
        "统一代码,项目名称,所属县区,总投资（万元）,年度计划投资（万元）\n\
         2401-620300-04-01-512345,金川路网,金川区,10000,4000\n",
    )
    .write(
        "reports/2024-06.csv",
        "统一代码,报告月份,截至本月完成（万元）\n2401-620300-04-01-512345,2024-06,2100\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(
        &run,
        "1 project, 1 report row (2024-06) in 2 files: 0 errors, 0 warnings, 0 notes (no problems)",
    );
}

#[test]
fn a_grouping_asked_for_that_the_registry_has_no_column_for_is_said() {
    // `--by leader` of a registry without 包抓领导 printed an empty ranking, exit 0, and nothing
    // said the column was missing: a warning now, the bulletin as it was.
    let w = registry_only();
    w.write("reports/2024-06.csv", report_text(&JUNE, "\n"));
    let said = "xmtool: warning: the registry has no 包抓领导 column (looked for 包抓领导, 包联领导, \
                联系领导), so --by leader puts no project in a group: each counts in the totals \
                alone (add the column, or name its header under [aliases] leader in xmtool.toml)";
    w.run(&["report", "--month", "2024-06", "--by", "leader"])
        .expect_code(0)
        .expect_stderr(said)
        .expect_line("另有3个项目未填包抓领导，计入合计，不参与排名。");
    w.run(&["trend", "--to", "2024-06", "--by", "category"])
        .expect_code(0)
        .expect_stderr(
            "the registry has no 项目类别 column (looked for 项目类别, 行业类别, 产业类别)",
        );
    let out = w.file("out");
    let out = out.to_str().unwrap();
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--by",
        "district,leader",
        "--out",
        out,
    ])
    .expect_code(0)
    .expect_stderr(said);
    // Not of the groupings an export writes unasked (it leaves those out), nor of the district,
    // which every registry has.
    let run = w.run(&["export", "--month", "2024-06", "--out", out, "--force"]);
    run.expect_code(0);
    assert!(!run.stderr().contains("has no"), "{}", run.stderr());
    // The settings' header for it is named first.
    w.write(
        "xmtool.toml",
        "year = 2024\n[aliases]\nleader = [\"分管领导\"]\n",
    );
    w.run(&["report", "--month", "2024-06", "--by", "leader"])
        .expect_code(0)
        .expect_stderr("(looked for 分管领导, 包抓领导, 包联领导, 联系领导)");
    // A column left empty is the note's to say.
    w.write(
        "projects.csv",
        small_registry().replace("计划开工时间\n", "计划开工时间,包抓领导\n"),
    );
    let run = w.run(&["report", "--month", "2024-06", "--by", "leader"]);
    run.expect_code(0)
        .expect_line("另有3个项目未填包抓领导，计入合计，不参与排名。");
    assert!(!run.stderr().contains("has no"), "{}", run.stderr());
}

#[test]
fn without_the_alias_the_column_is_missing() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "统一代码,项目名称,所属县区,总投资（万元）,年度计划投资（万元）\n\
             X1,金川路网,金川区,10000,4000\n",
        )
        .write("reports/2024-06.csv", "项目编号,累计完成投资\n");
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line("projects.csv:1: error: required column 项目编号 is missing");
}

// ---------------------------------------------------------------------------------------------
// Values as spreadsheets write them
// ---------------------------------------------------------------------------------------------

#[test]
fn amounts_in_every_form() {
    // Each warning shows how a value was read: 3.2亿 = 32000, "1,234.5" = 1234.5, " 12 " = 12,
    // １２３４ = 1234, 1234.5万元 = 1234.5; `-` and empty are nothing.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            format!(
                "{REGISTRY_HEADER},计划竣工时间\n\
                 V1,甲,金川区,新建,3.2亿,\"1,234.5\",2024-03,-\n\
                 V2,乙,金川区,新建,1234.5万元, 12 ,2024-03,\n\
                 V3,丙,河西区,新建,１２３４,\"1,000\",2024-03,2026-12\n\
                 V4,丁,河西区,续建,800,100,-,\n"
            ),
        )
        .write(
            "reports/2024-06.csv",
            format!(
                "{REPORT_HEADER}\n\
                 V1,2024-06,-,3.2亿,在建,2024-03\n\
                 V2,2024-06, 12 ,100,在建,\n\
                 V3,2024-06,,\"1,300\",在建,-\n\
                 V4,2024-06,１２,1234.5万元,在建,\n"
            ),
        );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line(
            "reports/2024-06.csv:2:4: warning: 累计完成投资（万元） 32000 is far above the annual \
             plan 1234.5",
        )
        .expect_line(
            "reports/2024-06.csv:3:4: warning: 累计完成投资（万元） 100 is far above the annual \
             plan 12 ",
        )
        .expect_line(
            "reports/2024-06.csv:4:4: warning: 累计完成投资（万元） 1300 is above the project's \
             total investment 1234 ",
        )
        .expect_line(
            "reports/2024-06.csv:5:4: warning: 累计完成投资（万元） 1234.5 is above the project's \
             total investment 800 ",
        );
    expect_no_severity(&run, "error");
    assert_eq!(finding_lines(&run).len(), 4, "{}", run.stdout());
    assert!(summary(&run).starts_with("4 projects, 4 report rows (2024-06)"));
}

#[test]
fn unfilled_in_brackets_or_bare_is_an_empty_cell() {
    // xmtool names the group of projects that leave a column empty `(未填)`: a registry made
    // from its tables says so in the cell, and a clerk types it `（未填）` or `未填`. Each read as
    // the group of its own (`（未填）` ranked first), one said to be another written another way.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            format!(
                "{REGISTRY_HEADER},项目类别,责任单位\n\
                 U1,甲,金川区,续建,10000,4000,2023-01,工业,市住建局\n\
                 U2,乙,金川区,续建,10000,4000,2023-01,（未填）,（未填）\n\
                 U3,丙,河西区,续建,10000,4000,2023-01,(未填),未填\n\
                 U4,丁,河西区,续建,10000,4000,2023-01,,（ 未填 ）\n"
            ),
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\nU1,1000\nU2,3000\nU3,2000\nU4,（未填）\n",
        );
    let run = w.run(&["check", "--month", "2024-06"]);
    run.expect_code(0).expect_no_line("written another way");
    expect_no_severity(&run, "error");
    let doc = report_json(&w, &["--month", "2024-06", "--by", "department"]);
    let ranked: Vec<&str> = (doc["ranking"].as_array().unwrap().iter())
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(ranked, ["市住建局"], "{doc:#}");
    assert_eq!(doc["unranked_projects"], 3);
    let categories: Vec<(&str, u64)> = (doc["structure"]["category"].as_array().unwrap().iter())
        .map(|g| {
            (
                g["group"].as_str().unwrap(),
                g["projects"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(categories, [("工业", 1), ("(未填)", 3)]);
    // U4's report gives no figure, as an empty cell: not reported.
    assert_eq!(project(&doc, "U4")["reported"], false);
    // A required 所属县区 so written is an error, as an empty one is (it was a district named
    // （未填）, or, written as xmtool writes it, a project silently in no district).
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n\
             U1,甲,金川区,续建,10000,4000,2023-01\n\
             U2,乙,（未填）,续建,10000,4000,2023-01\n\
             U3,丙,(未填),续建,10000,4000,2023-01\n\
             U4,丁,,续建,10000,4000,2023-01\n"
        ),
    );
    let run = w.run(&["check", "--month", "2024-06"]);
    let expected = "(expected the district (县区) it belongs to)";
    run.expect_code(1)
        .expect_line(&format!(
            "projects.csv:3:3: error: 所属县区 is \"（未填）\", which says nothing {expected}"
        ))
        .expect_line(&format!(
            "projects.csv:4:3: error: 所属县区 is \"(未填)\", which says nothing {expected}"
        ))
        .expect_line(&format!(
            "projects.csv:5:3: error: 所属县区 is empty {expected}"
        ))
        .expect_no_line("written another way");
}

#[test]
fn a_group_written_in_letters_of_another_case_is_named_not_merged() {
    // ABC集团 and abc集团 were two groups without a word, where 高新区 and 高 新 区 are named.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            format!(
                "{REGISTRY_HEADER},责任单位\n\
                 C1,甲,金川区,续建,10000,4000,2023-01,ABC集团\n\
                 C2,乙,金川区,续建,10000,4000,2023-01,ABC集团\n\
                 C3,丙,河西区,续建,10000,4000,2023-01,abc集团\n\
                 C4,丁,河西区,续建,10000,4000,2023-01,ａｂｃ 集团\n"
            ),
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\nC1,1000\nC2,1000\nC3,1000\nC4,1000\n",
        );
    w.run(&["check", "--month", "2024-06"])
        .expect_code(0)
        .expect_line(
            "projects.csv:4:8: warning: 责任单位 \"abc集团\" (1 project) is \"ABC集团\" written \
             another way (letters in another case): they are two groups in the rankings (write it \
             one way)",
        )
        .expect_line(
            "projects.csv:5:8: warning: 责任单位 \"ａｂｃ 集团\" (1 project) is \"ABC集团\" written \
             another way (letters in another case, spaces or full-width characters)",
        );
    // Named, not merged: which is meant is the registry's to say.
    let doc = report_json(&w, &["--month", "2024-06", "--by", "department"]);
    assert_eq!(doc["ranking"].as_array().unwrap().len(), 3, "{doc:#}");
}

#[test]
fn xmtools_own_group_labels_are_in_english_with_lang_en() {
    // `--lang en` left (未填), 新建/续建/预备 and the size bands in Chinese, in every format.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            format!(
                "{REGISTRY_HEADER},项目类别\n\
                 E1,甲,金川区,新建,200000,4000,2024-03,工业\n\
                 E2,乙,金川区,续建,20000,4000,2023-01,\n\
                 E3,丙,河西区,预备,2000,1000,,工业\n"
            ),
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资,存在问题\nE1,1000,征地未完成\nE2,2000,\nE3,0,\n",
        );
    let en = ["report", "--month", "2024-06", "--lang", "en"];
    let run = w.run(&en);
    run.expect_code(0);
    for (dimension, group) in [
        ("category", "(none)"),
        ("nature", "new"),
        ("nature", "continuing"),
        ("nature", "reserve"),
        ("size", "10亿 or more"),
        ("size", "1亿 to 10亿"),
        ("size", "under 1亿"),
    ] {
        run.expect_row(&["| ", dimension, " | ", group, " |"]);
    }
    for zh in [
        "(未填)",
        "新建",
        "续建",
        "预备",
        "10亿元以上",
        "1亿-10亿元",
        "1亿元以下",
    ] {
        run.expect_no_line(zh);
    }
    // A problem of no category is of none.
    run.expect_row(&["| (none) ", "| E1 "])
        .expect_line("(none) 1");
    let csv = |table: &str| {
        let mut args = en.to_vec();
        args.extend(["--format", "csv", "--table", table]);
        let run = w.run(&args);
        run.expect_code(0);
        run.stdout()
    };
    let projects = csv("projects");
    assert!(
        projects.contains(",工业,new,") && projects.contains(",,continuing,"),
        "{projects}"
    );
    let structure = csv("structure");
    assert!(structure.contains("nature,reserve,1,"), "{structure}");
    let mut md = en.to_vec();
    md.extend(["--format", "markdown"]);
    w.run(&md)
        .expect_code(0)
        .expect_row(&["| size | 1亿 to 10亿 |"]);
    // The workbook's and the export's CSV files are the same tables.
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--lang",
        "en",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let exported = String::from_utf8(w.read("out/structure.csv")).unwrap();
    assert!(
        exported.contains("category,(none),1,") && exported.contains("size,under 1亿,1,"),
        "{exported}"
    );
    // JSON's values are the scripting interface: as they were.
    let mut json = en.to_vec();
    json.extend(["--format", "json"]);
    let run = w.run(&json);
    run.expect_code(0);
    let doc = run.json();
    let groups = |dimension: &str| -> Vec<String> {
        (doc["structure"][dimension].as_array().unwrap().iter())
            .map(|g| g["group"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(groups("nature"), ["新建", "续建", "预备"]);
    assert_eq!(groups("size"), ["10亿元以上", "1亿-10亿元", "1亿元以下"]);
    assert_eq!(groups("category"), ["工业", "(未填)"]);
    assert_eq!(project(&doc, "E2")["nature"], "continuing");
    assert_eq!(doc["problems"][0]["category"], "(未填)");
}

/// A registry's 建设性质 under a header saying so another way (建设类型, 新建/续建) is read; under
/// 项目性质, which in some offices says 政府投资 or 社会投资, it is not, and a column of natures so
/// headed is named with how to have it read, not passed over in silence (new starts all lost).
#[test]
fn a_nature_column_under_another_header_is_read_or_named() {
    let registry = |header: &str, nature: &str| {
        format!(
            "项目编号,项目名称,所属县区,{header},总投资,年度计划投资,计划开工时间\n\
             A1,金川路网,金川区,续建,10000,4000,2023-03\n\
             A2,金川学校,金川区,{nature},5000,2000,2024-03\n\
             B1,河西园区,河西区,新建,8000,3000,2024-02\n"
        )
    };
    for header in ["建设类型", "新建/续建", "新建或续建", "新建／续建"] {
        let w = Workdir::new();
        w.write("projects.csv", registry(header, "新建"));
        w.write(
            "reports/2024-06.csv",
            format!("{REPORT_HEADER}\nA1,2024-06,300,300,在建,\n"),
        );
        let doc = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(project(&doc, "A2")["nature"], "new", "{header}");
        assert_eq!(doc["overview"]["new_projects"], 2, "{header}");
    }
    let w = Workdir::new();
    w.write("projects.csv", registry("项目性质", "新建"));
    w.write(
        "reports/2024-06.csv",
        format!("{REPORT_HEADER}\nA1,2024-06,300,300,在建,\n"),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:1:4: warning: column 4 \"项目性质\" is not read, but 3 of its 3 cells are \
         新建 or 续建: with no 建设性质 column, no project of the file is a new start or \
         continuing, so none counts in 新开工 or 逾期未开工 (if it is the 建设性质, name it \
         建设性质 or add it under [aliases] nature in xmtool.toml)",
    );
    // Named under [aliases] nature, it is read.
    w.write("xmtool.toml", "[aliases]\nnature = [\"项目性质\"]\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not read");
    assert_eq!(
        report_json(&w, &["--month", "2024-06"])["overview"]["new_projects"],
        2
    );
    // Of investors (政府投资, 社会投资) mostly, it is no nature: nothing said.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        registry("项目性质", "政府投资").replace(",新建,", ",社会投资,"),
    );
    w.write(
        "reports/2024-06.csv",
        format!("{REPORT_HEADER}\nA1,2024-06,300,300,在建,\n"),
    );
    w.run(&["check"]).expect_code(0).expect_no_line("项目性质");
}

/// A 建设类型 of kinds of works (市政道路, 房屋建筑) beside a 项目性质 of 新建 and 续建 was read as
/// 建设性质, each of its cells an error that stopped `report`; named under [aliases] nature,
/// 项目性质 still lost to it. It is passed over, saying so, and a column named in settings wins.
#[test]
fn a_nature_alias_holding_no_natures_is_not_read_as_the_nature() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设类型,项目性质,总投资,年度计划投资,计划开工时间\n\
         A1,金川路网,金川区,市政道路,续建,10000,4000,2023-03\n\
         A2,金川学校,金川区,房屋建筑,新建,5000,2000,2024-03\n\
         B1,河西园区,河西区,园林绿化,新建,8000,3000,2024-02\n",
    );
    w.write(
        "reports/2024-06.csv",
        format!("{REPORT_HEADER}\nA1,2024-06,300,300,在建,\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not known")
        .expect_line(
            "projects.csv:1:4: note: column 4 \"建设类型\" is not read as 建设性质: 0 of its first 3 \
             cells are 新建, 续建, 改扩建 or 预备, the others such as 市政道路, 房屋建筑, 园林绿化 (if \
             it is the 建设性质, name it 建设性质 or add it under [aliases] nature in xmtool.toml)",
        )
        .expect_line("projects.csv:1:5: warning: column 5 \"项目性质\" is not read, but 3 of");
    w.write("xmtool.toml", "[aliases]\nnature = [\"项目性质\"]\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not known")
        .expect_no_line("项目性质\" is not read");
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["new_projects"], 2);
    assert_eq!(project(&doc, "A2")["nature"], "new");
    // Named in settings, a column holding other words is read as 建设性质 whatever it holds.
    w.write("xmtool.toml", "[aliases]\nnature = [\"建设类型\"]\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.csv:2:4: error: 建设类型 \"市政道路\" is not known (expected 新建, 续建, 改扩建 \
         or 预备; column \"建设类型\" is read as 建设性质: if it is not, rename it, or name the \
         建设性质 column under [aliases] nature in xmtool.toml)",
    );
    // A header naming natures, 新建/续建, holding statuses: its cells are errors, not the column
    // passed over with a note (开工率 and 新开工项目开工率 lost every nature, "no problems").
    w.write("xmtool.toml", "");
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,新建/续建,总投资,年度计划投资,计划开工时间\n\
         A1,金川路网,金川区,在建,10000,4000,2023-03\n\
         A2,金川学校,金川区,新建,5000,2000,2024-03\n\
         B1,河西园区,河西区,在建,8000,3000,2024-02\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_no_line("is not read as 建设性质")
        .expect_line("projects.csv:2:4: error: 新建/续建 \"在建\" is not known");
}

/// 实际开工 of 是 or 否, a column asking whether the project started, was an error on each row
/// (`实际开工 "是" is not a month`): 是 is read as 已开工 is, started in a month not known, and
/// 否 as not started.
#[test]
fn a_start_answered_yes_or_no_is_read_as_started_or_not() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资,累计完成投资,实际开工\nA2,100,100,是\nB1,0,0,否\nA1,300,300,\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("is not a month")
        .expect_line(
            "reports/2024-06.csv:2:4: note: 实际开工 \"是\" says the project started, not when",
        );
    let doc = report_json(&w, &["--month", "2024-06"]);
    assert_eq!(project(&doc, "A2")["started"], true);
    assert_eq!(project(&doc, "B1")["started"], false);
}

/// 实际开工时间 of 已开工 says when to give a month by an example of its form, not a month
/// written as if it were the answer.
#[test]
fn a_start_said_in_words_is_asked_for_by_an_example_month() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        format!("{REPORT_HEADER}\nA1,2024-06,300,300,,已开工\nB1,2024-06,0,0,前期,已开工\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:2:6: note: 实际开工时间 \"已开工\" says the project started, not \
             when: read as started, its month not known (give the month it started, e.g. 2024-03)",
        )
        .expect_line(
            "reports/2024-06.csv:3:6: warning: 实际开工时间 \"已开工\" says the project started, \
             but 项目状态 \"前期\" does not: read by the status, as not started (give the month it \
             started, e.g. 2024-03, or mend the status)",
        );
}

/// A start month under 实际开工日期 (or 实际开工年月, 实际开工) and a status under 建设状态 (or
/// 当前状态) are read: they were passed over, B1 called 逾期未开工 though its report said when it
/// started, and the warning named only 项目状态 and 实际开工时间.
#[test]
fn a_start_and_a_status_under_headers_offices_write_are_read() {
    for (status, start) in [
        ("建设状态", "实际开工日期"),
        ("当前状态", "实际开工年月"),
        ("项目状态", "实际开工"),
    ] {
        let w = registry_only();
        w.write(
            "reports/2024-06.csv",
            format!(
                "项目编号,本月完成投资,累计完成投资,{status},{start}\n\
                 A2,0,0,前期,\nB1,300,300,,2024-04\n"
            ),
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("is not read")
            .expect_no_line("says it has started");
        let doc = report_json(&w, &["--month", "2024-06"]);
        assert_eq!(project(&doc, "B1")["started"], true, "{start}");
        assert_eq!(project(&doc, "B1")["actual_start"], "2024-04", "{start}");
        assert_eq!(project(&doc, "A2")["status"], "前期", "{status}");
    }
}

/// December's bulletin made once January's reports came in, of a registry giving no year: the
/// check advised for January's errors asks for December, as `check` asked for no month judges
/// 2025 and shows none of them.
#[test]
fn the_check_advised_for_later_months_errors_asks_for_the_month() {
    let w = Workdir::new();
    w.write("projects.csv", small_registry())
        .write(
            "reports/2024-12.csv",
            format!("{REPORT_HEADER}\nA1,2024-12,300,300,在建,\n"),
        )
        .write(
            "reports/2025-01.csv",
            format!("{REPORT_HEADER}\nA1,2025-01,x,50,在建,\n"),
        );
    let run = w.run(&["report", "--month", "2024-12"]);
    run.expect_code(0)
        .expect_stderr("in reports of months after 2024-12")
        .expect_stderr(" --month 2024-12` to see them");
}

/// A data folder whose name begins with `-` is advised as `./-data`: `--dir -data` would be
/// read as options.
#[test]
fn a_folder_beginning_with_a_dash_is_advised_so_that_it_runs() {
    let w = Workdir::new();
    w.write("-data/projects.csv", small_registry()).write(
        "-data/reports/2024-06.csv",
        format!("{REPORT_HEADER}\nA1,2024-06,x,300,在建,\n"),
    );
    let run = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
            .args(args)
            .current_dir(w.path())
            .env("NO_COLOR", "1")
            .output()
            .unwrap()
    };
    let out = run(&["report", "--dir=-data", "--month", "2024-06"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("run `xmtool check --dir ./-data"),
        "{stderr}"
    );
    // The command advised runs.
    let out = run(&["check", "--dir", "./-data"]);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn month_in_every_form() {
    // Continuing projects with a planned start in the plan year get a warning that shows the
    // month read; the report month column in every form gives June.
    let forms = ["2024/6", "2024年6月", "202406", "2024-06-15", "2024/6/1"];
    let mut registry = format!("{REGISTRY_HEADER}\n");
    let mut report = format!("{REPORT_HEADER}\n");
    for (i, form) in forms.iter().enumerate() {
        registry.push_str(&format!("M{i},项目{i},金川区,续建,1000,500,{form}\n"));
        report.push_str(&format!("M{i},{form},10,100,在建,{form}\n"));
    }
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", registry)
        .write("reports/all.csv", report);
    let run = w.run(&["check"]);
    run.expect_code(0);
    for i in 0..forms.len() {
        run.expect_line(&format!(
            "projects.csv:{}:7: warning: M{i} is continuing (续建) but its planned start 2024-06 \
             is in its plan year 2024",
            i + 2
        ));
    }
    expect_no_severity(&run, "error");
    assert_eq!(finding_lines(&run).len(), forms.len(), "{}", run.stdout());
    assert!(
        summary(&run).starts_with("5 projects, 5 report rows (2024-06) in 2 files"),
        "{}",
        run.stdout()
    );
}

#[test]
fn full_width_month_and_id() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        format!("{REPORT_HEADER}\nＡ１,２０２４－０６,100,2100,在建,\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_no_severity(&run, "error");
    assert!(summary(&run).starts_with("3 projects, 1 report row (2024-06)"));
}

// ---------------------------------------------------------------------------------------------
// The month of a report: column, file name, folder name
// ---------------------------------------------------------------------------------------------

#[test]
fn month_from_file_and_folder_names() {
    // No month column anywhere: March from 202403.csv, April from 2024年4月.csv, May from the
    // folder 2024-05/, June from 2024-06.csv. Year-to-date rises month by month, so a file read
    // as the wrong month would give a duplicate or a shrinking figure.
    let header = "项目编号,累计完成投资（万元）,项目状态";
    let file = |ytd: [u32; 3]| {
        format!(
            "{header}\nA1,{},在建\nA2,{},在建\nB1,{},在建\n",
            ytd[0], ytd[1], ytd[2]
        )
    };
    let w = registry_only();
    w.write("reports/202403.csv", file([1000, 0, 10]))
        .write("reports/2024年4月.csv", file([1300, 100, 20]))
        .write(
            "reports/2024-05/金川区.csv",
            "项目编号,累计完成投资（万元）,项目状态\nA1,2000,在建\nA2,250,在建\n",
        )
        .write(
            "reports/2024-05/河西区.csv",
            "项目编号,累计完成投资（万元）,项目状态\nB1,30,在建\n",
        )
        .write("reports/2024-06.csv", file([2100, 300, 40]));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(
        &run,
        "3 projects, 12 report rows (2024-03 to 2024-06) in 6 files: 0 errors, 0 warnings, \
         0 notes (no problems)",
    );
}

#[test]
fn a_file_named_for_another_month_than_its_folder_is_read_as_named_and_said() {
    let w = registry_only();
    w.write(
        "reports/2024-06/2024-05.csv",
        "项目编号,累计完成投资（万元）\nA1,2000\n",
    )
    .write(
        "reports/2024/2024-06.csv",
        "项目编号,累计完成投资（万元）\nA1,2100\n",
    )
    .write(
        "reports/2024年1-6月/2024-04.csv",
        "项目编号,累计完成投资（万元）\nA2,100\n",
    )
    .write(
        "reports/2024-07/金川区/2024-03.csv",
        "项目编号,累计完成投资（万元）\nA2,50\n",
    )
    .write(
        "reports/金川区.csv",
        "项目编号,报告月份,累计完成投资（万元）\nA2,,300\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06/2024-05.csv: warning: is named for 2024-05 but is in a folder for \
             2024-06; its rows are read as 2024-05's",
        )
        // The month's folder need not be the file's own.
        .expect_line(
            "reports/2024-07/金川区/2024-03.csv: warning: is named for 2024-03 but is in a folder \
             for 2024-07",
        )
        // A folder naming a year, or a range of months, is no month's: nothing to say.
        .expect_no_line("reports/2024/2024-06.csv")
        .expect_no_line("2024年1-6月")
        .expect_line(
            "reports/金川区.csv:2:2: error: 报告月份 is empty and neither the file's name nor its \
             folder's gives a month",
        );
}

#[test]
fn month_column_agreeing_with_the_file_name_is_fine() {
    let w = registry_only();
    w.write("reports/2024-06/金川区.csv", report_text(&JUNE[..2], "\n"))
        .write("reports/2024-06/河西区.csv", report_text(&JUNE[2..], "\n"));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(
        &run,
        "3 projects, 3 report rows (2024-06) in 3 files: 0 errors, 0 warnings, 0 notes (no problems)",
    );
}

#[test]
fn month_column_disagreeing_with_the_file_or_folder_name_is_an_error_at_the_cell() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        report_text(
            &[
                "A1,2024-06,100,2100,在建,",
                "A2,2024-05,50,300,在建,2024-04",
                "B1,2024-06,0,0,前期,",
            ],
            "\n",
        ),
    )
    .write(
        "reports/2024-07/河西区.csv",
        "项目编号,项目名称,报告月份,累计完成投资\nB1,河西园区,2024年8月,10\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line(
            "reports/2024-06.csv:3:2: error: 报告月份 2024-05 disagrees with the month 2024-06 in \
             the file's name",
        )
        .expect_line(
            "reports/2024-07/河西区.csv:2:3: error: 报告月份 2024-08 disagrees with the month \
             2024-07 in its folder's name",
        );
}

#[test]
fn a_month_of_no_year_disagreeing_with_the_files_is_quoted_as_written() {
    // `8月` in January's file said "报告月份 2023-08 disagrees": the half-year rule put it in
    // the year before, a year the cell never gave.
    let w = registry_only();
    w.write(
        "reports/2024-01/东区.csv",
        report_text(&["A1,8月,100,100,在建,", "A2,1月,0,0,前期,"], "\n"),
    )
    .write(
        "reports/2024-06.csv",
        report_text(&["B1,5月,0,0,前期,"], "\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(1)
        .expect_line(
            "reports/2024-01/东区.csv:2:2: error: 报告月份 \"8月\" disagrees with the month \
             2024-01 in its folder's name (expected 1月 or 2024-01, or move the row to the right \
             month's file)",
        )
        .expect_line(
            "reports/2024-06.csv:2:2: error: 报告月份 \"5月\" disagrees with the month 2024-06 \
             in the file's name (expected 6月 or 2024-06,",
        )
        .expect_no_line("2023-08");
}

#[test]
fn no_month_anywhere_is_an_error_at_the_header() {
    let w = registry_only();
    w.write("reports/金川区.csv", "项目编号,累计完成投资\nA1,100\n");
    let run = w.run(&["check"]);
    run.expect_code(1).expect_line(
        "reports/金川区.csv:1: error: has no 报告月份 column and no month in its name",
    );
}

#[test]
fn a_month_of_no_year_in_a_name_is_read_in_a_year_folder_and_said_to_want_one() {
    // "东区6月.csv" was said to have "no month in its name".
    let w = registry_only();
    w.write("reports/东区6月.csv", "项目编号,累计完成投资\nA1,100\n")
        .write("reports/6月/西区.csv", "项目编号,累计完成投资\nA1,100\n");
    let want = "(expected a column 报告月份, 月份 or a name like reports/2024-06.csv or \
                reports/2024-06/金川区.xlsx; a month of no year is read in a folder named for its \
                year, reports/2024年/)";
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!(
            "reports/东区6月.csv:1: error: has no 报告月份 column and its name gives 6月 but no \
             year {want}"
        ))
        .expect_line(&format!(
            "reports/6月/西区.csv:1: error: has no 报告月份 column and its folder 6月 gives 6月 \
             but no year {want}"
        ));
    // In a folder named for its year, a name giving more than the month is that year's.
    std::fs::remove_dir_all(w.file("reports")).unwrap();
    w.write(
        "reports/2024年/东区6月.csv",
        "项目编号,累计完成投资\nA1,100\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line("1 report row (2024-06)");
}

#[test]
fn a_period_asked_for_of_a_registry_of_no_year_is_named_in_the_warning() {
    // `--period 2025-Q1` of a registry giving no year, beside 2024's reports, asked "is 2025-03
    // the month meant?", a month the clerk never asked for.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,20000,4000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,600\n");
    let run = w.run(&["report", "--period", "2025-Q1"]);
    run.expect_code(0).expect_stderr(
        "no reports for 2025-03, the last month of 2025-Q1, nor any of 2025 before it, so every \
         year-to-date is 0; the registry has no 计划年度 and xmtool.toml no year, so its projects \
         are taken as 2025's, the year asked for, while the latest reports are 2024-06's: is \
         2025-Q1 (2025年第一季度) the period meant? (if so, set year = 2025 in xmtool.toml)",
    );
    assert!(
        !run.stderr().contains("the month meant"),
        "{}",
        run.stderr()
    );
    // A month asked for is still asked about as the month.
    w.run(&["report", "--month", "2025-03"])
        .expect_code(0)
        .expect_stderr("while the latest reports are 2024-06's: is 2025-03 the month meant?");
}

// ---------------------------------------------------------------------------------------------
// Workbooks
// ---------------------------------------------------------------------------------------------

fn yyyy_mm() -> Format {
    Format::new().set_num_format("yyyy-mm")
}

fn date(year: u16, month: u8) -> ExcelDateTime {
    ExcelDateTime::from_ymd(year, month, 1).expect("date")
}

/// A figure typed in a cell formatted as a date is named by the date the spreadsheet shows, not
/// only by the serial number the cell holds.
#[test]
fn a_figure_in_a_date_cell_is_shown_as_its_date() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "累计完成投资（万元）"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "A1").unwrap();
    sheet
        .write_datetime_with_format(
            1,
            1,
            ExcelDateTime::from_ymd(2024, 6, 1).unwrap(),
            &Format::new().set_num_format("yyyy-mm-dd"),
        )
        .unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.xlsx:B2: error: 累计完成投资（万元） \"2024-06-01\" is a date in the \
         spreadsheet, the number 45444 in a cell formatted as a date",
    );
}

/// A date in a text column (形象进度 typed as the day a stage was reached) is the date the
/// spreadsheet shows, not its serial number.
#[test]
fn a_date_in_a_text_column_reads_as_the_date_shown() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "累计完成投资（万元）", "形象进度"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm");
    let clock = Format::new().set_num_format("hh:mm:ss");
    for (row, (id, when, format)) in [
        ("A1", ExcelDateTime::from_ymd(2024, 6, 30).unwrap(), &day),
        (
            "A2",
            ExcelDateTime::parse_from_str("2024-06-30 14:30").unwrap(),
            &stamp,
        ),
        ("B1", ExcelDateTime::from_hms(9, 5, 7).unwrap(), &clock),
    ]
    .into_iter()
    .enumerate()
    {
        let row = row as u32 + 1;
        sheet.write_string(row, 0, id).unwrap();
        sheet.write_number(row, 1, 100).unwrap();
        sheet
            .write_datetime_with_format(row, 2, when, format)
            .unwrap();
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    for (id, shown) in [
        ("A1", "2024-06-30"),
        ("A2", "2024-06-30 14:30"),
        ("B1", "09:05:07"),
    ] {
        assert_eq!(common::project(&doc, id)["progress"], shown, "{id}");
    }
}

#[test]
fn a_workbook_is_read_from_its_first_sheet_a_clerk_sees() {
    // A hidden list for drop-downs comes first, as forms often have it; the report is the first
    // visible sheet.
    let w = registry_only();
    let mut book = Workbook::new();
    let lists = book.add_worksheet();
    lists.set_name("下拉选项").unwrap();
    lists.write_string(0, 0, "在建").unwrap();
    lists.write_string(1, 0, "前期").unwrap();
    lists.set_hidden(true);
    let report = book.add_worksheet();
    report.set_name("6月").unwrap();
    report.set_active(true);
    for (c, h) in ["项目编号", "累计完成投资（万元）"].iter().enumerate() {
        report.write_string(0, c as u16, *h).unwrap();
    }
    report.write_string(1, 0, "A1").unwrap();
    report.write_number(1, 1, 2100).unwrap();
    w.write(
        "reports/2024-06/金川区.xlsx",
        book.save_to_buffer().unwrap(),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("1 report row (2024-06)");
}

/// A workbook of `names` (a chart sheet first, skipped as a hidden one is), each sheet with A1's
/// year-to-date.
/// Writes a header of two cells on a sheet's first row, and under it A1 with `ytd`.
fn a1_under(sheet: &mut Worksheet, headers: [&str; 2], ytd: i32) {
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_string(1, 0, "A1").unwrap();
    sheet.write_number(1, 1, ytd).unwrap();
}

fn workbook_of_sheets(names: &[(&str, i32)]) -> Vec<u8> {
    let mut book = Workbook::new();
    let mut chart = rust_xlsxwriter::Chart::new(rust_xlsxwriter::ChartType::Column);
    chart
        .add_series()
        .set_values(format!("'{}'!$B$2:$B$2", names[0].0).as_str());
    book.add_chartsheet().insert_chart(0, 0, &chart).unwrap();
    for &(name, ytd) in names {
        let sheet = book.add_worksheet();
        sheet.set_name(name).unwrap();
        a1_under(sheet, ["项目编号", "累计完成投资（万元）"], ytd);
    }
    book.add_worksheet().set_name("填表说明").unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_reports_one_sheet_named_for_another_month_is_said() {
    // June's file whose one sheet is 5月, May's report sent again: read as June's without a
    // word (a title naming May was warned of).
    let w = registry_only();
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("5月", 2000)]),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06/金川区.xlsx: warning: its sheet \"5月\" is named for 2024-05, but \
             its rows are read as 2024-06's, the month its name or folder gives: 2024-05's report \
             sent again, or come late? (rename the sheet, or the file, for the month its figures \
             are)",
        )
        .expect_line("1 report row (2024-06)");
    // Named for the file's month, or for the year to it, nothing is said.
    for name in ["6月", "1-6月"] {
        w.write(
            "reports/2024-06/金川区.xlsx",
            workbook_of_sheets(&[(name, 2000)]),
        );
        w.run(&["check"])
            .expect_code(0)
            .expect_no_line("is named for");
    }
}

#[test]
fn other_sheets_named_for_months_are_said_to_be_left_unread() {
    // The sheet read is no month's: the month sheets after it are named as not read.
    let w = registry_only();
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("进展情况", 2100), ("5月份", 2000)]),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06/金川区.xlsx: warning: only its sheet \"进展情况\" is read: its other \
             sheets named for months (5月份) are not (xmtool reads one sheet a workbook: give each \
             month a file of its own, named for its year and month, e.g. \
             reports/2024-06/金川区.xlsx; not `sheet` in xmtool.toml, which names the sheet to \
             read in every workbook)",
        )
        .expect_line("1 report row (2024-06)");
    // One of them the file's month's: it is the one to have read (`sheet` named it in every
    // workbook, which the other months' files have not).
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("进展情况", 2100), ("5月份", 2000), ("6月", 2100)]),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06/金川区.xlsx: warning: only its sheet \"进展情况\" is read: its other \
         sheets named for months (5月份, 6月) are not (xmtool reads one sheet a workbook: for 6月, \
         the file's month's, to be read, make it the first sheet, or give it a file of its own; \
         not `sheet` in xmtool.toml, which names the sheet to read in every workbook)",
    );

    // A sheet a month, none for the file's: the first, 1月, would be read as June's. An error,
    // and none read.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("1月", 100), ("2月", 200), ("5月", 2000)]),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06/金川区.xlsx: error: has a sheet a month (1月, 2月, 5月), none for \
             the file's month (2024-06), and xmtool reads one sheet a workbook, which would take \
             1月's rows for the file's month",
        )
        .expect_line("0 report rows");
    // A sheet a month, one the file's (a sheet added each month): that one is the report.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("1月", 100), ("2月", 200), ("六月", 2100)]),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06/金川区.xlsx: note: its sheet \"六月\" is read, the one for the \
             file's month; its sheets for other months (1月, 2月) are not (each month is read \
             from its own month's file)",
        )
        .expect_line("1 report row (2024-06)");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
    // A first sheet of January's and February's figures together (1-2月, for 春节) is
    // February's: March's file reads its 3月 sheet (it read 1-2月's figures as March's).
    w.write(
        "reports/2024-03/金川区.xlsx",
        workbook_of_sheets(&[("1-2月", 200), ("3月", 300)]),
    );
    w.run(&["check"]).expect_line(
        "reports/2024-03/金川区.xlsx: note: its sheet \"3月\" is read, the one for the file's \
         month; its sheets for other months (1-2月) are not",
    );
    let doc = common::report_json(&w, &["--month", "2024-03"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 300.0);
    std::fs::remove_file(w.file("reports/2024-03/金川区.xlsx")).unwrap();
    // A range is its last month's only where no sheet names that month itself: a 1-6月 sheet of
    // the year-to-date beside 5月 and 6月 in June's file is not June's report.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("5月", 2000), ("1-6月", 2100), ("6月", 2100)]),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("note: its sheet \"6月\" is read, the one for the file's month");
    // The newest sheet first, the file's month's: read, with the same note.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("2024年6月", 2100), ("2024年5月", 2000)]),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("note: its sheet \"2024年6月\" is read, the one for the file's month")
        .expect_line("1 report row (2024-06)");
    // Two sheets for the file's month (6月 and 6月份): which is the report is not known.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("5月", 2000), ("6月", 2100), ("6月份", 2100)]),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "error: has a sheet a month (5月, 6月, 6月份), 2 for the file's month (2024-06)",
    );
    // So too where the first is one of them.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("6月", 2100), ("六月", 2100), ("5月", 2000)]),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "error: has a sheet a month (6月, 六月, 5月), 2 for the file's month (2024-06)",
    );
    // Another year's month is not the file's.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("2023年5月", 2000), ("2023年6月", 2100)]),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("error: has a sheet a month (2023年5月, 2023年6月), none for");

    // A sheet named in settings is the clerk's choice: nothing to say.
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("1月", 100), ("2月", 200), ("6月", 2100)]),
    );
    w.write("xmtool.toml", "year = 2024\nsheet = \"6月\"\n");
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("sheet")
        .expect_line("1 report row (2024-06)");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
}

#[test]
fn a_workbook_of_several_sheets_names_the_one_read() {
    // 进展情况 then an empty 填表说明 (as Excel's Sheet2): nothing to say.
    let w = registry_only();
    w.write(
        "reports/2024-06/金川区.xlsx",
        workbook_of_sheets(&[("进展情况", 2100)]),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("sheet")
        .expect_line("1 report row (2024-06)");
    // 填表说明 with text: the findings' lines are 进展情况's, and a note says so.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet().set_name("进展情况").unwrap();
    a1_under(sheet, ["项目编号", "累计完成投资（万元）"], 2100);
    let notes = book.add_worksheet().set_name("填表说明").unwrap();
    notes.write_string(0, 0, "累计完成投资为1月至本月").unwrap();
    w.write(
        "reports/2024-06/金川区.xlsx",
        book.save_to_buffer().unwrap(),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06/金川区.xlsx: note: its sheet \"进展情况\" is read, the first of the 2 it \
             shows with cells; lines and columns are that sheet's (`sheet` in xmtool.toml names \
             another)",
        )
        .expect_line("1 report row (2024-06)");

    // One sheet shown (beside a chart): nothing to say.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    a1_under(sheet, ["项目编号", "累计完成投资（万元）"], 2100);
    book.add_worksheet()
        .set_name("下拉列表")
        .unwrap()
        .set_hidden(true);
    w.write(
        "reports/2024-06/金川区.xlsx",
        book.save_to_buffer().unwrap(),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("sheet")
        .expect_line("1 report row (2024-06)");
}

#[test]
fn another_sheet_holding_a_table_is_not_left_out_unseen() {
    // A registry in two sheets (续建项目, 新建项目): the second's projects were left out of
    // every figure, with no finding. Now an error naming the sheet.
    let sheet_of = |book: &mut Workbook, name: &str, header: &[&str], rows: &[&[&str]]| {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (c, h) in header.iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        for (r, row) in rows.iter().enumerate() {
            for (c, v) in row.iter().enumerate() {
                sheet.write_string(r as u32 + 1, c as u16, *v).unwrap();
            }
        }
    };
    let registry: Vec<&str> = REGISTRY_HEADER.split(',').collect();
    let w = Workdir::new();
    let mut book = Workbook::new();
    sheet_of(
        &mut book,
        "续建项目",
        &registry,
        &[&["A1", "路网", "甲区", "续建", "1000", "500"]],
    );
    sheet_of(
        &mut book,
        "新建项目",
        &registry,
        &[&["A2", "学校", "甲区", "续建", "1000", "500"]],
    );
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", book.save_to_buffer().unwrap())
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,100\n");
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.xlsx: error: only its sheet \"续建项目\" is read, but its sheet \"新建项目\" (its \
         header on row 1) holds a table too, whose rows are not read (xmtool reads one sheet a \
         workbook: put each table in a file of its own, under registry/)",
    );

    // A report workbook of a sheet a district (or 续建项目 and 新建项目): the second's rows left
    // out were a warning, its projects 未报送 and their investment missing.
    let report = ["项目编号", "累计完成投资"];
    let w = registry_only();
    let mut book = Workbook::new();
    sheet_of(&mut book, "甲区", &report, &[&["A1", "100"]]);
    sheet_of(&mut book, "乙区", &report, &[&["B1", "100"]]);
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.xlsx: error: only its sheet \"甲区\" is read, but its sheet \"乙区\" (its \
         header on row 1) holds a table too, whose rows are not read (xmtool reads one sheet a \
         workbook: put each table in a file of its own, or its rows in the first sheet)",
    );
    // A sheet of no figures (问题清单: ids and problems) leaves none out: a warning.
    let mut book = Workbook::new();
    sheet_of(&mut book, "甲区", &report, &[&["A1", "100"]]);
    sheet_of(
        &mut book,
        "问题清单",
        &["项目编号", "存在问题"],
        &[&["A1", "征地"]],
    );
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.xlsx: warning: only its sheet \"甲区\" is read, but its sheet \"问题清单\" \
         (its header on row 1) holds a table too",
    );

    // A blank form or instructions in the other sheet: nothing left out, only the sheet read
    // named.
    let mut book = Workbook::new();
    sheet_of(&mut book, "甲区", &report, &[&["A1", "100"]]);
    sheet_of(
        &mut book,
        "空表",
        &report,
        &[&["合计", "0"], &["填表人：", ""]],
    );
    sheet_of(
        &mut book,
        "填表说明",
        &["项目编号填写发改委赋码"],
        &[&["累计完成投资为1月至本月"]],
    );
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("holds a table")
        .expect_line("note: its sheet \"甲区\" is read, the first of the 3 it shows with cells");
}

/// A report workbook of one row: its 项目编号 a number cell, `id`, and its year-to-date.
fn id_in_a_number_cell(id: f64, ytd: f64) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "累计完成投资（万元）"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet.write_number(1, 0, id).unwrap();
    sheet.write_number(1, 1, ytd).unwrap();
    book.save_to_buffer().unwrap()
}

#[test]
fn a_long_code_in_a_number_cell_is_said_to_have_lost_digits() {
    // 18 digits typed into a number cell keep 15; saved as CSV, shown as 6.20321E+17.
    let w = registry_only();
    w.write(
        "reports/2024-06/金川区.xlsx",
        id_in_a_number_cell(620321202400000001.0, 50.0),
    )
    .write(
        "reports/2024-06/河西区.csv",
        "项目编号,累计完成投资（万元）\n6.20321E+17,60\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06/金川区.xlsx:A2: warning: 项目编号 620321202400000000 is a number cell, \
             which keeps only 15 digits: the code's last digits may be lost (format the column as \
             text in Excel or WPS and type the code again)",
        )
        // (Named where it fails to match the registry.)
        .expect_line(
            "reports/2024-06/河西区.csv:2:1: error: 项目编号 6.20321E+17 is not in the registry for \
             2024 (it is a long number as a spreadsheet shows it: the code's last digits may be \
             lost",
        );
}

#[test]
fn a_long_code_cut_short_that_could_be_two_projects_is_an_error() {
    // 甲's code as text in the registry, 乙's cut short in a number cell, and 甲's typed into a
    // number cell in the report: cut alike, 甲's 400 was published as 乙's, with exit 0.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         330102202400000011,甲,甲区,续建,1000,500\n330102202400000000,乙,甲区,续建,1000,500\n\
         330102202400001000,丙,甲区,续建,1000,500\n330102202400001001,丁,甲区,续建,1000,500\n",
    );
    w.write(
        "reports/2024-06/甲区.xlsx",
        id_in_a_number_cell(330102202400000011.0, 400.0),
    );
    // (A code as text is read whole: 丙's, which 丁's shares 15 digits with, is no error.)
    w.write(
        "reports/2024-06/乙区.csv",
        "项目编号,累计完成投资（万元）\n330102202400001000,60\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06/甲区.xlsx:A2: error: 项目编号 330102202400000000 is a number that \
             keeps only 15 digits of a longer code, and could be any of 330102202400000011 (甲, \
             projects.csv:2), 330102202400000000 (乙, projects.csv:3): which project it is is not \
             known",
        )
        .expect_no_line("乙区.csv:2:1: error");
    // With 乙 not in the registry, the row matches none: the registry's code it may be is named.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         330102202400000011,甲,甲区,续建,1000,500\n",
    )
    .write(
        "reports/2024-06/乙区.csv",
        "项目编号,累计完成投资（万元）\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06/甲区.xlsx:A2: error: 项目编号 330102202400000000 is not in the registry \
         for 2024 (the registry has 330102202400000011, which a number cell keeping 15 digits \
         shows as 330102202400000000: the code's last digits may be lost",
    );
    // Codes a number cell keeps whole (16 digits, below 2^53), or cuts to what is below them,
    // are no other's: …0010 is not …0008's or …0009's.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         3301022024000008,甲,甲区,续建,1000,500\n3301022024000009,乙,甲区,续建,1000,500\n\
         3301022024000010,丙,甲区,续建,1000,500\n",
    );
    w.write(
        "reports/2024-06/甲区.xlsx",
        id_in_a_number_cell(3301022024000010.0, 400.0),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("could be any of");
}

#[test]
fn a_row_of_units_under_a_header_of_two_rows_is_the_headers_third() {
    // 完成投资 over 本月 and 1-6月, over (亿元), the other headers merged down over the three
    // rows: the units row was read as a data row ("repeats its column's header", "a second
    // header row").
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 4, "金川区2024年6月重点项目进展情况表", &plain)
        .unwrap();
    for (c, h) in ["序号", "项目名称", "项目编号"].iter().enumerate() {
        sheet
            .merge_range(1, c as u16, 3, c as u16, h, &plain)
            .unwrap();
    }
    sheet.merge_range(1, 3, 1, 4, "完成投资", &plain).unwrap();
    sheet.write_string(2, 3, "本月").unwrap();
    sheet.write_string(2, 4, "1-6月").unwrap();
    sheet.write_string(3, 3, "(亿元)").unwrap();
    sheet.write_string(3, 4, "(亿元)").unwrap();
    sheet.merge_range(1, 5, 3, 5, "项目状态", &plain).unwrap();
    for (r, (id, month, ytd)) in [("A1", 0.01, 0.25), ("A2", 0.005, 0.02)].iter().enumerate() {
        let r = 4 + r as u32;
        sheet.write_number(r, 0, f64::from(r - 3)).unwrap();
        sheet.write_string(r, 1, "项目").unwrap();
        sheet.write_string(r, 2, *id).unwrap();
        sheet.write_number(r, 3, *month).unwrap();
        sheet.write_number(r, 4, *ytd).unwrap();
        sheet.write_string(r, 5, "在建").unwrap();
    }
    w.write(
        "reports/2024-06/金川区.xlsx",
        book.save_to_buffer().unwrap(),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors")
        .expect_line(
            "reports/2024-06/金川区.xlsx:2: note: read lines 2 to 4 as one header row: \
             本月完成投资（亿元）, 1-6月完成投资（亿元）",
        );
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2500.0);
    assert_eq!(common::project(&doc, "A2")["ytd_investment"], 200.0);
}

/// The registry as a workbook: a merged title row above the header, amounts as numbers, a
/// numeric id, a 24-character code as text, planned starts as real dates. `total_a2` is the
/// total investment of the second project, written as a number or as text.
fn registry_workbook(total_a2: Result<f64, &str>) -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("项目库").unwrap();
    sheet
        .merge_range(0, 0, 0, 7, "金城市2024年重点项目计划表", &Format::new())
        .unwrap();
    let header = [
        "序号",
        "项目编号",
        "项目名称",
        "所属县区",
        "建设性质",
        "总投资（万元）",
        "年度计划投资（万元）",
        "计划开工时间",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    // Row 3: numeric id.
    sheet.write_number(2, 0, 1).unwrap();
    sheet.write_number(2, 1, 1001).unwrap();
    sheet.write_string(2, 2, "金川路网").unwrap();
    sheet.write_string(2, 3, "金川区").unwrap();
    sheet.write_string(2, 4, "续建").unwrap();
    sheet.write_number(2, 5, 10000).unwrap();
    sheet.write_number(2, 6, 4000.5).unwrap();
    sheet
        .write_datetime_with_format(2, 7, date(2023, 3), &yyyy_mm())
        .unwrap();
    // Row 4: the 24-character code as text.
    sheet.write_number(3, 0, 2).unwrap();
    sheet
        .write_string(3, 1, "2401-620300-04-01-512345")
        .unwrap();
    sheet.write_string(3, 2, "金川学校").unwrap();
    sheet.write_string(3, 3, "金川区").unwrap();
    sheet.write_string(3, 4, "新建").unwrap();
    match total_a2 {
        Ok(n) => sheet.write_number(3, 5, n).unwrap(),
        Err(text) => sheet.write_string(3, 5, text).unwrap(),
    };
    sheet.write_number(3, 6, 2000).unwrap();
    // A date serial with a month format (2024-03-01).
    sheet
        .write_number_with_format(3, 7, 45352, &yyyy_mm())
        .unwrap();
    // Row 5.
    sheet.write_number(4, 0, 3).unwrap();
    sheet.write_string(4, 1, "B1").unwrap();
    sheet.write_string(4, 2, "河西园区").unwrap();
    sheet.write_string(4, 3, "河西区").unwrap();
    sheet.write_string(4, 4, "新建").unwrap();
    sheet.write_number(4, 5, 8000).unwrap();
    sheet.write_number(4, 6, 3000).unwrap();
    sheet
        .write_datetime_with_format(4, 7, date(2024, 2), &yyyy_mm())
        .unwrap();
    book.save_to_buffer().unwrap()
}

/// A June report as a workbook, with no month in its name: the month is a real date cell, the
/// number 202406, and a date serial in a General cell.
fn june_report_workbook() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet
        .merge_range(0, 0, 0, 5, "2024年6月重点项目进展情况", &Format::new())
        .unwrap();
    let header = [
        "项目编号",
        "报告月份",
        "本月完成投资（万元）",
        "累计完成投资（万元）",
        "项目状态",
        "实际开工时间",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    sheet.write_number(2, 0, 1001).unwrap();
    sheet
        .write_datetime_with_format(2, 1, date(2024, 6), &yyyy_mm())
        .unwrap();
    sheet.write_number(2, 2, 100.5).unwrap();
    sheet.write_number(2, 3, 2100.5).unwrap();
    sheet.write_string(2, 4, "在建").unwrap();

    sheet
        .write_string(3, 0, "2401-620300-04-01-512345")
        .unwrap();
    // The month as the number 202406 in a General cell.
    sheet.write_number(3, 1, 202406).unwrap();
    sheet.write_number(3, 2, 50).unwrap();
    sheet.write_number(3, 3, 300).unwrap();
    sheet.write_string(3, 4, "在建").unwrap();
    sheet
        .write_datetime_with_format(3, 5, date(2024, 4), &yyyy_mm())
        .unwrap();

    sheet.write_string(4, 0, "B1").unwrap();
    // The month as a date serial in a General cell (45444 = 2024-06-01).
    sheet.write_number(4, 1, 45444).unwrap();
    sheet.write_number(4, 2, 0).unwrap();
    sheet.write_number(4, 3, 0).unwrap();
    sheet.write_string(4, 4, "前期").unwrap();
    book.save_to_buffer().unwrap()
}

/// May's report as CSV text, with the workbook registry's ids written as text.
const MAY_FOR_WORKBOOK: &str = "项目编号,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态\n\
                                1001,2024-05,2000,2000,在建\n\
                                2401-620300-04-01-512345,2024-05,250,250,在建\n\
                                B1,2024-05,0,0,前期\n";

#[test]
fn workbook_registry_and_reports_check_clean() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", registry_workbook(Ok(5000.0)))
        .write("reports/2024-05.csv", MAY_FOR_WORKBOOK)
        .write("reports/全市.xlsx", june_report_workbook());
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("projects.xlsx:1: note: skipped 1 title row above the header (line 1)")
        .expect_line("reports/全市.xlsx:1: note: skipped 1 title row above the header (line 1)");
    expect_no_severity(&run, "error");
    expect_no_severity(&run, "warning");
    expect_summary(
        &run,
        "3 projects, 6 report rows (2024-05 to 2024-06) in 3 files: 0 errors, 0 warnings, \
         2 notes (no problems)",
    );
}

#[test]
fn the_sheet_setting_is_the_reports_a_registry_without_it_is_read_as_ever() {
    // `sheet = "月报"`, for the reports' workbooks, refused the registry's projects.xlsx ("has no
    // sheet named 月报"), leaving every report row unknown.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\nsheet = \"月报\"\n")
        .write("projects.xlsx", registry_workbook(Ok(5000.0)))
        .write("reports/2024-06.xlsx", workbook_with_instructions_first());
    // (Its ids are not the report's: what matters is that its projects are read.)
    w.run(&["check"])
        .expect_line(
            "projects.xlsx: note: has no sheet named \"月报\" (the setting `sheet`, read in the \
             reports' workbooks): read as a workbook is where no sheet is named",
        )
        .expect_no_line("projects.xlsx: error")
        .expect_line("3 projects, 3 report rows (2024-06)");
    // A report's workbook without it is refused, as before.
    w.write("reports/2024-06.xlsx", june_report_workbook());
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.xlsx: error: has no sheet named \"月报\" (the setting `sheet`)",
    );
}

#[test]
fn workbook_findings_name_sheet_rows_and_columns() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", registry_workbook(Err("约5000")))
        .write("reports/2024-05.csv", MAY_FOR_WORKBOOK)
        .write("reports/金川区.xlsx", june_report_workbook());
    let run = w.run(&["check"]);
    run.expect_code(1).expect_line(
        "projects.xlsx:F4: error: 总投资（万元） \"约5000\" is not a number (expected 万元",
    );
    assert_eq!(
        run.stdout().matches(": error: ").count(),
        1,
        "{}",
        run.stdout()
    );
}

#[test]
fn workbook_used_range_not_starting_at_a1_keeps_sheet_positions() {
    // The table starts at C3: rows 1-2 and columns A-B are empty. Findings still name the
    // sheet's own row and column.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = ["项目编号", "报告月份", "累计完成投资（万元）", "项目状态"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(2, 2 + c as u16, *h).unwrap();
    }
    let rows = [
        ("A1", "2024-06", "2100", "在建"),
        ("A2", "2024-06", "三百", "在建"),
        ("B1", "2024-06", "0", "前期"),
    ];
    for (r, (id, month, ytd, status)) in rows.iter().enumerate() {
        let row = 3 + r as u32;
        sheet.write_string(row, 2, *id).unwrap();
        sheet.write_string(row, 3, *month).unwrap();
        match ytd.parse::<f64>() {
            Ok(n) => sheet.write_number(row, 4, n).unwrap(),
            Err(_) => sheet.write_string(row, 4, *ytd).unwrap(),
        };
        sheet.write_string(row, 5, *status).unwrap();
    }
    let w = registry_only();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    let run = w.run(&["check"]);
    run.expect_code(1).expect_line(
        "reports/2024-06.xlsx:E5: error: 累计完成投资（万元） \"三百\" is not a number",
    );
}

/// A workbook with an instructions sheet first and the report on the sheet 月报.
fn workbook_with_instructions_first() -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("填报说明").unwrap();
    notes
        .write_string(0, 0, "请于每月5日前报送，金额单位：万元")
        .unwrap();
    let sheet: &mut Worksheet = book.add_worksheet();
    sheet.set_name("月报").unwrap();
    let header = ["项目编号", "报告月份", "本月完成投资", "累计完成投资"];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, m, ytd)) in [("A1", 100, 2100), ("A2", 50, 300), ("B1", 0, 0)]
        .iter()
        .enumerate()
    {
        let row = 1 + r as u32;
        sheet.write_string(row, 0, *id).unwrap();
        sheet.write_string(row, 1, "2024-06").unwrap();
        sheet.write_number(row, 2, *m).unwrap();
        sheet.write_number(row, 3, *ytd).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_sheet_holding_a_table_is_told_by_the_settings_aliases_too() {
    // Notes first, then a form headed 统一代码 and 截至本月完成, both aliases in settings: the
    // sheets were looked at with the built-in headers alone, the form was taken for no table,
    // and the notes were read ("no header row found").
    let w = Workdir::new();
    w.write(
        "xmtool.toml",
        "year = 2024\n[aliases]\nid = [\"统一代码\"]\nytd_investment = [\"截至本月完成\"]\n",
    )
    .write("projects.csv", small_registry());
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("填报说明")
        .unwrap()
        .write_string(0, 0, "请于每月5日前报送")
        .unwrap();
    let sheet = book.add_worksheet().set_name("月报").unwrap();
    a1_under(sheet, ["统一代码", "截至本月完成"], 2100);
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_line("so \"月报\", the first sheet holding a table, is read")
        .expect_line("1 report row (2024-06)");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
}

#[test]
fn a_first_sheet_of_lists_for_drop_downs_is_passed_over() {
    // A sheet of the lists a form's drop-downs take (项目状态, 问题类别) before the report: it
    // was read, and the report refused for its missing 项目编号.
    let w = registry_only();
    let mut book = Workbook::new();
    text_rows(
        book.add_worksheet().set_name("下拉选项").unwrap(),
        0,
        &[
            &["项目状态", "问题类别"],
            &["前期", "土地"],
            &["在建", "资金"],
        ],
    );
    let sheet = book.add_worksheet().set_name("月报").unwrap();
    a1_under(sheet, ["项目编号", "累计完成投资"], 2100);
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.xlsx: note: its first sheet \"下拉选项\" holds no table (text alone, \
             no 项目编号 nor figure: lists for drop-downs, or notes), so \"月报\", the first sheet \
             holding a table, is read",
        )
        .expect_line("1 report row (2024-06)");
    // A first sheet with figures under headers xmtool does not know is no list: it is read (and
    // its header said to be unknown), not passed over for another sheet's table unseen.
    let mut book = Workbook::new();
    for (name, id_header) in [("6月", "项目识别码"), ("汇总", "项目编号")] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        a1_under(sheet, [id_header, "累计完成投资"], 2100);
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.xlsx:1: error: 累计完成投资 is the only header here")
        .expect_no_line("the first sheet holding a table");
}

#[test]
fn a_first_sheet_summing_up_by_district_is_passed_over() {
    // 汇总 (districts and their totals) before 明细 (the projects): 汇总 was read, and the
    // report refused ("required column 项目编号 is missing").
    let w = registry_only();
    let mut book = Workbook::new();
    let summary = book.add_worksheet().set_name("汇总表").unwrap();
    summary.write_string(0, 0, "县区").unwrap();
    summary.write_string(0, 1, "累计完成投资").unwrap();
    summary.write_string(1, 0, "金川区").unwrap();
    summary.write_number(1, 1, 2100).unwrap();
    let sheet = book.add_worksheet().set_name("明细").unwrap();
    a1_under(sheet, ["项目编号", "累计完成投资"], 2100);
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.xlsx: note: its first sheet \"汇总表\" is a summary, with no 项目编号 \
             in its first rows, so \"明细\", the first sheet holding a table, is read",
        )
        .expect_line("1 report row (2024-06)");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
}

#[test]
fn sheet_setting_selects_the_sheet() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\nsheet = \"月报\"\n")
        .write("projects.csv", small_registry())
        .write("reports/2024-06.xlsx", workbook_with_instructions_first());
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(
        &run,
        // (The warning: A2, a new start, reports investment with no status saying it started.)
        "3 projects, 3 report rows (2024-06) in 2 files: 0 errors, 1 warning, 0 notes (no errors, \
         warnings only)",
    );
}

#[test]
fn a_first_sheet_of_numbered_notes_or_a_cover_is_passed_over() {
    // Notes numbered in a column of their own (1 | 本表由各县区填报), or a cover's labels and
    // values (联系电话 | 13800000000), were read as the report: "no header row found", and the
    // table on the next sheet named as not read.
    let w = registry_only();
    for (name, rows) in [
        ("说明", [("1", "本表由各县区填报"), ("2", "金额单位：万元")]),
        (
            "封面",
            [("填报单位", "金川区发改局"), ("联系电话", "13800000000")],
        ),
    ] {
        let mut book = Workbook::new();
        let first = book.add_worksheet().set_name(name).unwrap();
        for (r, (a, b)) in (0..).zip(rows) {
            match a.parse::<f64>() {
                Ok(n) => first.write_number(r, 0, n).unwrap(),
                Err(_) => first.write_string(r, 0, a).unwrap(),
            };
            match b.parse::<f64>() {
                Ok(n) => first.write_number(r, 1, n).unwrap(),
                Err(_) => first.write_string(r, 1, b).unwrap(),
            };
        }
        let sheet = book.add_worksheet().set_name("数据").unwrap();
        a1_under(sheet, ["项目编号", "累计完成投资（万元）"], 2100);
        w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
        w.run(&["check"])
            .expect_code(0)
            .expect_line(&format!(
                "reports/2024-06.xlsx: note: its first sheet \"{name}\" holds notes, no table (no \
                 header row), so \"数据\", the first sheet holding a table, is read"
            ))
            .expect_line("1 report row (2024-06)");
    }
    // A sheet named with such a word, 项目说明表, may be the table under headers xmtool does not
    // know: read, and its lack of a header said, not another sheet's rows taken in its place.
    let mut book = Workbook::new();
    let first = book.add_worksheet().set_name("项目说明表").unwrap();
    first.write_string(0, 0, "项目序号").unwrap();
    first.write_string(0, 1, "本年累计投资额").unwrap();
    first.write_string(1, 0, "A1").unwrap();
    first.write_number(1, 1, 200).unwrap();
    let sheet = book.add_worksheet().set_name("上年同期").unwrap();
    a1_under(sheet, ["项目编号", "累计完成投资（万元）"], 100);
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(1)
        .expect_no_line("holds notes");
}

#[test]
fn a_registrys_first_sheet_of_notes_under_a_name_of_its_own_is_passed_over() {
    // A registry workbook whose first sheet holds numbered notes under a name of its own
    // (填报要求, Sheet1) was refused: that sheet read ("no header row found"), the registry on
    // the next named as not read, and every project left out.
    let notes: &[&[&str]] = &[
        &["序号", "填报要求"],
        &["1", "项目编号按发改委赋码填写"],
        &["2", "金额单位：万元"],
    ];
    let header: Vec<&str> = REGISTRY_HEADER.split(',').collect();
    let a1 = [
        "A1",
        "金川路网",
        "金川区",
        "续建",
        "10000",
        "4000",
        "2023-03",
    ];
    let a2 = [
        "A2",
        "金川学校",
        "金川区",
        "续建",
        "5000",
        "2000",
        "2023-03",
    ];
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nA2,50\n",
    );
    for name in ["填报要求", "Sheet1"] {
        let mut book = Workbook::new();
        text_rows(book.add_worksheet().set_name(name).unwrap(), 0, notes);
        let sheet = book.add_worksheet().set_name("项目库").unwrap();
        text_rows(sheet, 0, &[&header, &a1, &a2]);
        w.write("projects.xlsx", book.save_to_buffer().unwrap());
        w.run(&["check"])
            .expect_code(0)
            .expect_line(&format!(
                "projects.xlsx: note: its first sheet \"{name}\" holds notes, no table (no \
                 header row, nor a row of figures), so \"项目库\", the first sheet holding a \
                 table, is read"
            ))
            .expect_line("2 projects, 2 report rows (2024-06)");
    }
    // Two registries after the notes: which to read is not known, and both are named.
    let mut book = Workbook::new();
    text_rows(book.add_worksheet().set_name("填报要求").unwrap(), 0, notes);
    for (name, row) in [("续建项目", a1), ("新建项目", a2)] {
        text_rows(
            book.add_worksheet().set_name(name).unwrap(),
            0,
            &[&header, &row],
        );
    }
    w.write("projects.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.xlsx: error: only its sheet \"续建项目\" is read, but its sheet \"新建项目\" \
         (its header on row 1) holds a table too, whose rows are not read",
    );
    // A first sheet of two figures a row, a registry under headers xmtool does not know, is
    // no notes: read, and its lack of a header said, not passed over for the other.
    let mut book = Workbook::new();
    let first = book.add_worksheet().set_name("计划表").unwrap();
    text_rows(
        first,
        0,
        &[
            &["项目识别码", "投资额", "本年计划"],
            &["A1", "10000", "4000"],
        ],
    );
    let sheet = book.add_worksheet().set_name("上年项目").unwrap();
    text_rows(sheet, 0, &[&header, &a1]);
    w.write("projects.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(1)
        .expect_no_line("holds notes");
}

#[test]
fn without_the_sheet_setting_a_first_sheet_holding_no_table_is_passed_over() {
    // Instructions first, the report on 月报: the report was refused for the instructions'
    // lack of a header ("no header row found").
    let w = registry_only();
    w.write("reports/2024-06.xlsx", workbook_with_instructions_first());
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.xlsx: note: its first sheet \"填报说明\" holds no table (no row of \
             two cells or more), so \"月报\", the first sheet holding a table, is read; lines \
             and columns are that sheet's (`sheet` in xmtool.toml names another)",
        )
        .expect_no_line("the first of the")
        .expect_line("3 report rows (2024-06)");
    // An empty Sheet1 before it: "is empty" was all a clerk was told.
    let mut book = Workbook::new();
    book.add_worksheet();
    let sheet = book.add_worksheet().set_name("金川区").unwrap();
    a1_under(sheet, ["项目编号", "累计完成投资（万元）"], 2100);
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.xlsx: note: its first sheet \"Sheet1\" is empty, so \"金川区\", the \
             first sheet holding a table, is read",
        )
        .expect_line("1 report row (2024-06)");
    // Notes first, then a sheet a month: the file's month's is read, with no note of the
    // notes passed over.
    let mut book = Workbook::new();
    book.add_worksheet()
        .write_string(0, 0, "请于每月5日前报送")
        .unwrap();
    for (name, ytd) in [("5月", 2000), ("6月", 2100)] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        a1_under(sheet, ["项目编号", "累计完成投资（万元）"], ytd);
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_line("note: its sheet \"6月\" is read, the one for the file's month")
        .expect_no_line("the first sheet holding a table");
    assert_eq!(
        common::project(&common::report_json(&w, &["--month", "2024-06"]), "A1")["ytd_investment"],
        2100.0
    );
    // A blank form first (its header, no project) is the report, of no project: read as it is.
    let mut book = Workbook::new();
    for (name, id) in [("本月", None), ("上月", Some("A1"))] {
        let sheet = book.add_worksheet().set_name(name).unwrap();
        for (c, h) in ["项目编号", "累计完成投资（万元）"].iter().enumerate() {
            sheet.write_string(0, c as u16, *h).unwrap();
        }
        if let Some(id) = id {
            sheet.write_string(1, 0, id).unwrap();
            sheet.write_number(1, 1, 2000).unwrap();
        }
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_no_line("the first sheet holding a table")
        .expect_line("only its sheet \"本月\" is read, but its sheet \"上月\"")
        .expect_line("0 report rows");
}

#[test]
fn a_missing_sheet_is_an_error_listing_the_sheets() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\nsheet = \"汇总\"\n")
        .write("projects.csv", small_registry())
        .write("reports/2024-06.xlsx", workbook_with_instructions_first());
    let run = w.run(&["check"]);
    run.expect_code(1).expect_line(
        "reports/2024-06.xlsx: error: has no sheet named \"汇总\" (the setting `sheet`); its \
         sheets are: \"填报说明\", \"月报\"",
    );
    // A sheet named with a space after it, as typed in its tab, is the sheet named without:
    // the error listed `月报 ` as one of the sheets, beside "has no sheet named 月报".
    w.write("xmtool.toml", "year = 2024\nsheet = \"月报\"\n");
    let mut book = Workbook::new();
    book.add_worksheet()
        .set_name("月报 ")
        .unwrap()
        .write_row(0, 0, ["项目编号", "累计完成投资"])
        .unwrap()
        .write_row(1, 0, ["A1", "100"])
        .unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_no_line("has no sheet named")
        .expect_line("1 report row (2024-06)");
}

#[test]
fn a_csv_that_is_really_a_workbook_is_read_as_one() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", registry_workbook(Ok(5000.0)))
        .write("reports/2024-05.csv", MAY_FOR_WORKBOOK)
        .write("reports/2024-06.csv", june_report_workbook());
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("projects.csv: note: is a workbook despite its name; read as one")
        .expect_line("reports/2024-06.csv: note: is a workbook despite its name; read as one");
    expect_no_severity(&run, "error");
    expect_no_severity(&run, "warning");
    assert!(
        summary(&run).starts_with("3 projects, 6 report rows (2024-05 to 2024-06) in 3 files"),
        "{}",
        run.stdout()
    );
}

#[test]
fn an_xls_that_is_really_text_is_read_as_text_and_a_web_page_is_named() {
    // Systems that export "Excel" often write tab-separated text in GBK, or an HTML table, under
    // an .xls name.
    let w = registry_only();
    let tsv = report_text(&JUNE, "\r\n").replace(',', "\t");
    w.write("reports/2024-06.xls", gbk(&tsv));
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.xls: note: is text, not a workbook, despite its name (as some systems \
         export tables); read as delimited text",
    );
    assert!(
        summary(&run).starts_with("3 projects, 3 report rows (2024-06)"),
        "{}",
        summary(&run)
    );

    let markup = "cannot read as a workbook: it is a web page or an XML spreadsheet (as some \
                  systems export tables), not a workbook (open it in Excel or WPS and save it \
                  as .xlsx)";
    for page in [
        "\u{feff}<html><head><meta charset=\"utf-8\"></head><body><table><tr><td>项目编号</td>\
         </tr></table></body></html>",
        "<?xml version=\"1.0\"?>\n<Workbook xmlns=\"urn:schemas-microsoft-com:office:spreadsheet\">",
    ] {
        w.write("reports/2024-06.xls", page);
        w.run(&["check"])
            .expect_code(1)
            .expect_line(&format!("reports/2024-06.xls: error: {markup}"));
    }
    // Text whose first cell starts with a `<` is no web page.
    w.write(
        "reports/2024-06.xls",
        gbk(&format!("<金城市重点项目进度表>\r\n{tsv}")),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.xls: note: is text, not a workbook, despite its name");
    // A damaged cell in it is mended as in a .csv (it was "cannot read as a workbook", the
    // file lost).
    let mut bytes = gbk("项目编号\t累计完成投资\t形象进度\r\nA1\t600\t主体");
    bytes.extend_from_slice(b"\xFF");
    bytes.extend(gbk("完工\r\nA2\t0\t\r\nB1\t300\t\r\n"));
    w.write("reports/2024-06.xls", &bytes);
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.xls: note: is text, not a workbook, despite its name")
        .expect_line("reports/2024-06.xls:2:3: warning: undecodable bytes 0xFF");
    // A UTF-8 header above GBK rows is two files joined, as in a .csv (it was "cannot read as
    // a workbook"). (Above one row of GBK, the rest ASCII, a cell typed in GBK: mended.)
    let bytes = [
        "项目编号\t累计完成投资\t形象进度\r\n".as_bytes(),
        &gbk("A1\t600\t主体完工\r\nA2\t0\t前期手续\r\n"),
    ]
    .concat();
    w.write("reports/2024-06.xls", &bytes);
    w.run(&["check"])
        .expect_code(1)
        .expect_line("the file is in two encodings")
        .expect_no_line("cannot read as a workbook");
    // Bytes that are no text are still a damaged workbook.
    w.write("reports/2024-06.xls", b"\x00\x01\x02binary\tjunk,\x03\x04");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.xls: error: cannot read as a workbook:");
}

// ---------------------------------------------------------------------------------------------
// Files that are not reports
// ---------------------------------------------------------------------------------------------

#[test]
fn a_registry_file_beside_registry_folder_is_read_with_it_and_said() {
    let w = clean_folder();
    w.write(
        "registry/2025.csv",
        format!("{REGISTRY_HEADER},计划年度\nX1,新路,金川区,新建,100,50,2025-03,2025\n"),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "projects.csv: note: is read together with the files under registry/, as one registry",
        )
        .expect_line("4 projects");
}

#[test]
fn lock_files_and_other_files_are_skipped_with_a_note() {
    let w = clean_folder();
    w.write("reports/~$2024-06.xlsx", b"\x0b\x00WPS user\x00")
        .write("reports/2024-06/~$金川区.xlsx", b"\x00\x00")
        .write("reports/readme.md", "# 说明\n每月5日前报送\n")
        .write("reports/.DS_Store", b"\x00\x00\x00\x01Bud1")
        .write("reports/._2024-02.csv", b"\x00\x05\x16\x07")
        .write("reports/.git/config", "[core]\n")
        .write("reports/.2024-03.csv", "项目编号,累计完成投资\nA1,1\n");
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("reports/~$2024-06.xlsx: note: skipped: a lock file")
        .expect_line("reports/2024-06/~$金川区.xlsx: note: skipped: a lock file")
        .expect_line(
            "reports/readme.md: note: skipped: not a CSV or spreadsheet file (expected .csv, .txt, \
             .tsv, .xlsx, .xlsm, .xls, .xlsb, .ods or .et)",
        )
        .expect_line("reports/.2024-03.csv: note: skipped: a hidden file")
        .expect_no_line(".DS_Store")
        .expect_no_line("._2024-02")
        .expect_no_line(".git");
    expect_no_severity(&run, "error");
    expect_no_severity(&run, "warning");
    expect_summary(
        &run,
        "3 projects, 6 report rows (2024-01 to 2024-02) in 3 files: 0 errors, 0 warnings, \
         4 notes (no problems)",
    );
}

#[test]
fn archives_workbooks_without_a_kind_and_web_pages_are_said_not_read() {
    // Reports sent zipped, and a workbook whose name lost its extension in a mail client, were
    // a note ("not a CSV or spreadsheet file"; for the workbook, untrue) and their districts
    // 未报送, exit 0; a web page saved as .csv was "no header row found".
    let w = clean_folder();
    w.write("reports/2024-06/6月报表.zip", b"PK\x03\x04\x14\x00")
        .write("reports/2024-06/金川区", june_report_workbook())
        .write("reports/2024-06/南屏县2024.6", june_report_workbook())
        .write("reports/2024-06/说明", "每月5日前报送\n")
        .write("reports/2024-06/说明.docx", b"PK\x03\x04\x14\x00");
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line(
            "reports/2024-06/6月报表.zip: warning: skipped: an archive, which xmtool does not \
             open (unpack it here if it holds reports)",
        )
        .expect_line(
            "reports/2024-06/金川区: warning: skipped: a workbook whose name says no kind \
             (rename it 金川区.xlsx to read it)",
        )
        .expect_line(
            "reports/2024-06/南屏县2024.6: warning: skipped: a workbook whose name says no kind \
             (rename it 南屏县2024.6.xlsx to read it)",
        )
        .expect_line("reports/2024-06/说明: note: skipped: not a CSV or spreadsheet file")
        // (A document is a zip as a workbook is: its kind is said by its name.)
        .expect_line("reports/2024-06/说明.docx: note: skipped: not a CSV or spreadsheet file");
    // (Read whole, or in blocks past 4 MiB.)
    let page = "\u{feff}\n<html><body><table><tr><td>项目编号</td></tr></table></body></html>";
    for page in [
        page.to_string(),
        format!("{page}{}", "<p>\n".repeat(2 << 20)),
    ] {
        w.write("reports/2024-06/web.csv", page);
        w.run(&["check"]).expect_code(1).expect_line(
            "reports/2024-06/web.csv: error: cannot read as delimited text: it is a web page or \
             an XML file (as some systems export tables), not CSV (open it in Excel or WPS and \
             save it as .xlsx or CSV)",
        );
    }
    // An old Excel file named .csv is told to be named .xls, not .xlsx.
    let mut xls = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    xls.resize(512, 0);
    w.write("reports/2024-06/web.csv", xls);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06/web.csv: note: is a workbook despite its name; read as one (rename it \
         to .xls to avoid confusion)",
    );
}

/// A minimal OpenDocument spreadsheet (as LibreOffice saves by default) of one sheet holding
/// `csv`'s cells, each as text.
fn ods_of(csv: &str) -> Vec<u8> {
    use std::io::Write;
    let rows: String = csv
        .lines()
        .map(|line| {
            let cells: String = line
                .split(',')
                .map(|c| {
                    format!(
                        "<table:table-cell office:value-type=\"string\"><text:p>{c}</text:p>\
                         </table:table-cell>"
                    )
                })
                .collect();
            format!("<table:table-row>{cells}</table:table-row>")
        })
        .collect();
    let content = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
         <office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" office:version=\"1.2\">\
         <office:body><office:spreadsheet><table:table table:name=\"Sheet1\">{rows}\
         </table:table></office:spreadsheet></office:body></office:document-content>"
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    zip.start_file("META-INF/manifest.xml", stored).unwrap();
    zip.write_all(
        b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\
          <manifest:manifest xmlns:manifest=\"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0\">\
          <manifest:file-entry manifest:full-path=\"content.xml\" manifest:media-type=\"text/xml\"/>\
          </manifest:manifest>",
    )
    .unwrap();
    zip.start_file("content.xml", stored).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.finish().unwrap().into_inner()
}

#[test]
fn a_registry_saved_by_libreoffice_reads() {
    // projects.ods, LibreOffice's own format, was "no registry found"; under registry/ it read.
    let w = clean_folder();
    std::fs::remove_file(w.file("projects.csv")).unwrap();
    w.write("projects.ods", ods_of(&small_registry()));
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("3 projects, 6 report rows (2024-01 to 2024-02) in 3 files");
}

#[test]
fn a_registry_workbooks_planned_start_of_2024_point_1_is_no_month() {
    // Excel keeps 2024.10 typed in a cell as the number 2024.1: read through the loose forms
    // (as a period's text) it became January, and the project five months overdue in June, with
    // nothing said.
    let w = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "项目编号",
        "项目名称",
        "所属县区",
        "建设性质",
        "总投资",
        "年度计划投资",
        "计划开工时间",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (c, v) in ["A1", "路网", "甲区", "新建"].iter().enumerate() {
        sheet.write_string(1, c as u16, *v).unwrap();
    }
    sheet.write_number(1, 4, 1000).unwrap();
    sheet.write_number(1, 5, 500).unwrap();
    sheet.write_number(1, 6, 2024.1).unwrap();
    w.write("projects.xlsx", book.save_to_buffer().unwrap())
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资,项目状态\nA1,0,前期\n",
        );
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.xlsx:G2: error: 计划开工时间 \"2024.1\" is a number, which could be 2024-01 or \
         2024-10",
    );
}

#[test]
fn a_start_planned_in_a_quarter_written_2024nian_q2_is_its_last_month() {
    // 计划开工时间 `2024年Q2` was "not a month" (an error, no bulletin), though `2024Q2`,
    // `2024-Q2` and `2024年二季度` were read as June; `2季度` and `Q2` of no year were too,
    // though `二季度` was the plan year's.
    let w = Workdir::new();
    let starts = [
        "2024年Q2",
        "2024Q2",
        "2024-Q2",
        "2024年二季度",
        "２０２４年ｑ２",
        "2024年H1",
        "2季度",
        "第2季度",
        "Q2",
    ];
    let mut registry =
        String::from("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n");
    let mut report = String::from("项目编号,累计完成投资,项目状态\n");
    for (i, start) in starts.iter().enumerate() {
        registry.push_str(&format!("A{i},路网,甲区,新建,9000,3000,{start}\n"));
        report.push_str(&format!("A{i},0,前期\n"));
    }
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", &registry)
        .write("reports/2024-06.csv", &report);
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("计划开工时间");
    let doc = report_json(&w, &["--month", "2024-06"]);
    for (i, start) in starts.iter().enumerate() {
        let planned = &project(&doc, &format!("A{i}"))["planned_start"];
        assert_eq!(planned, "2024-06", "{start}");
    }
    // Listed from a quarter so written names no one month, as 二季度 does not.
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
         A1,路网,甲区,续建,9000,3000,2024年Q2\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,10\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:2:7: error: 纳入时间 \"2024年Q2\" is a time of several months");
}

#[test]
fn workbooks_saved_by_wps_as_et_read() {
    // WPS's own .et was skipped as "not a CSV or spreadsheet file": its projects 未报送.
    let w = registry_only();
    let mut book = Workbook::new();
    june_sheet(&mut book);
    w.write("reports/2024-06.et", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(0).expect_no_line("skipped");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 51.0, "{doc}");
    // And as the registry.
    let w = clean_folder();
    std::fs::remove_file(w.file("projects.csv")).unwrap();
    w.write("projects.et", ods_of(&small_registry()));
    w.run(&["check"])
        .expect_code(0)
        .expect_line("3 projects, 6 report rows (2024-01 to 2024-02) in 3 files");
}

#[test]
fn a_registry_named_in_capitals_is_named() {
    // Copied from Windows as Projects.csv: on a system where names differ by case, the one
    // looked for is not there.
    let w = clean_folder();
    std::fs::rename(w.file("projects.csv"), w.file("Projects.csv")).unwrap();
    if w.file("projects.csv").exists() {
        return; // (A file system blind to case: the name is found.)
    }
    w.run(&["check"]).expect_code(1).expect_line(
        ".: error: no registry found (Projects.csv is not read, its letters in another case: \
         rename it projects.csv;",
    );
}

// ---------------------------------------------------------------------------------------------
// Output formats and --strict
// ---------------------------------------------------------------------------------------------

/// A folder with one error at a cell, one note with a line only, one note with no place.
fn folder_with_findings() -> Workdir {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!(
            "2024年3月进展\n{REPORT_HEADER}\nA1,2024-03,abc,700,在建,\nA2,2024-03,0,0,前期,\nB1,2024-03,50,200,在建,2024-02\n"
        ),
    )
    .write("reports/readme.md", "说明\n");
    w
}

#[test]
fn json_lists_every_finding_and_the_summary() {
    let w = folder_with_findings();
    let run = w.run(&["check", "--format", "json"]);
    run.expect_code(1);
    let doc = run.json();
    let top = doc.as_object().expect("an object");
    let mut keys: Vec<&str> = top.keys().map(String::as_str).collect();
    keys.sort();
    assert_eq!(keys, ["findings", "summary"]);

    let findings = doc["findings"].as_array().expect("findings array");
    for f in findings {
        let mut keys: Vec<&str> = f.as_object().unwrap().keys().map(String::as_str).collect();
        keys.sort();
        assert_eq!(
            keys,
            ["column", "file", "line", "message", "severity"],
            "{f}"
        );
        assert!(f["file"].is_string());
        assert!(f["line"].is_u64() || f["line"].is_null(), "{f}");
        assert!(f["column"].is_u64() || f["column"].is_null(), "{f}");
        assert!(
            ["error", "warning", "note"].contains(&f["severity"].as_str().unwrap()),
            "{f}"
        );
        assert!(f["message"].is_string());
    }
    let find = |needle: &str| {
        findings
            .iter()
            .find(|f| f["message"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no finding with {needle:?}\n{}", run.stdout()))
    };
    let error = find("\"abc\" is not a number");
    assert_eq!(error["file"], "reports/2024-03.csv");
    assert_eq!(error["line"], 3);
    assert_eq!(error["column"], 3);
    assert_eq!(error["severity"], "error");

    let title = find("title row");
    assert_eq!(title["file"], "reports/2024-03.csv");
    assert_eq!(title["line"], 1);
    assert!(title["column"].is_null());
    assert_eq!(title["severity"], "note");

    let readme = find("not a CSV or spreadsheet");
    assert_eq!(readme["file"], "reports/readme.md");
    assert!(readme["line"].is_null());
    assert!(readme["column"].is_null());

    let summary = &doc["summary"];
    assert_eq!(summary["projects"], 3);
    assert_eq!(summary["report_rows"], 9);
    assert_eq!(summary["first_month"], "2024-01");
    assert_eq!(summary["last_month"], "2024-03");
    let count = |sev: &str| findings.iter().filter(|f| f["severity"] == sev).count();
    assert_eq!(summary["errors"], count("error"));
    assert_eq!(summary["warnings"], count("warning"));
    assert_eq!(summary["notes"], count("note"));
    assert_eq!(summary["errors"], 1);
}

#[test]
fn json_of_a_clean_folder_has_no_findings() {
    let w = clean_folder();
    let run = w.run(&["check", "--format", "json"]);
    run.expect_code(0);
    let doc = run.json();
    assert_eq!(doc["findings"], serde_json::json!([]));
    assert_eq!(doc["summary"]["errors"], 0);
    assert_eq!(doc["summary"]["report_rows"], 6);
}

#[test]
fn table_shows_the_finding() {
    let w = folder_with_findings();
    let run = w.run(&["check", "--format", "table"]);
    run.expect_code(1)
        .expect_line("reports/2024-03.csv:3:3")
        .expect_line("本月完成投资（万元） \"abc\" is not a number")
        .expect_line("reports/readme.md");
    assert!(
        summary(&run)
            .starts_with("3 projects, 9 report rows (2024-01 to 2024-03) in 4 files: 1 error"),
        "{}",
        run.stdout()
    );
}

#[test]
fn strict_turns_warnings_into_a_failure() {
    let w = clean_folder();
    w.write(
        "reports/2024-03.csv",
        format!("{REPORT_HEADER}\nA1,2024-03,100,600,进行中,\nA2,2024-03,0,0,前期,\nB1,2024-03,0,150,在建,\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("reports/2024-03.csv:2:5: warning: 项目状态 \"进行中\" is not known");
    assert!(
        summary(&run).ends_with("(no errors, warnings only)"),
        "{}",
        run.stdout()
    );
    w.run(&["check", "--strict"]).expect_code(1);
    w.run(&["check", "--strict", "--format", "json"])
        .expect_code(1);
    // A clean folder passes --strict.
    clean_folder().run(&["check", "--strict"]).expect_code(0);
}

#[test]
fn notes_alone_do_not_fail_strict() {
    let w = clean_folder();
    w.write("reports/readme.md", "说明\n");
    w.run(&["check", "--strict"])
        .expect_code(0)
        .expect_line("reports/readme.md: note: skipped: not a CSV or spreadsheet file")
        .expect_line("1 note (no problems)");
}

#[test]
fn a_report_file_too_large_to_hold_is_read_in_blocks() {
    // Past 16 MiB a file is read a block at a time: rows after many blocks are read, with their
    // lines and a quoted line end among them, in UTF-8 and GBK alike.
    let blank_lines = 17_000_000;
    let text = format!(
        "{REPORT_HEADER}\n{}\n{}{}\n\"B1\",2024-06,x,\"0\n\",前期,\n",
        JUNE[0],
        "\n".repeat(blank_lines),
        JUNE[1]
    );
    let bad_line = blank_lines + 4;
    for bytes in [text.clone().into_bytes(), gbk(&text)] {
        let w = registry_only();
        w.write("reports/2024-06.csv", bytes);
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "reports/2024-06.csv:{bad_line}:3: error: 本月完成投资（万元） \"x\""
        ));
        let doc = common::report_json(&w, &["--month", "2024-06", "--allow-errors"]);
        assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
        assert_eq!(common::project(&doc, "A2")["ytd_investment"], 300.0);
    }
}

/// A report workbook whose 报告月份 cells are the number 2024.1 (as Excel keeps 2024.10 typed
/// in a cell), for the small registry.
fn report_workbook_with_month_number() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "报告月份", "累计完成投资（万元）"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, ytd)) in [("A1", 2600.0), ("A2", 500.0), ("B1", 0.0)]
        .into_iter()
        .enumerate()
    {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, id).unwrap();
        sheet.write_number(row, 1, 2024.1).unwrap();
        sheet.write_number(row, 2, ytd).unwrap();
    }
    book.save_to_buffer().unwrap()
}

#[test]
fn a_month_typed_as_2024_1_is_january_or_october_by_the_files_name_else_an_error() {
    let w = registry_only();
    // The file's name says October: the rows are October's.
    w.write("reports/2024-10.xlsx", report_workbook_with_month_number());
    let run = w.run(&["check"]);
    expect_no_severity(&run, "error");
    assert!(
        summary(&run).starts_with("3 projects, 3 report rows (2024-10)"),
        "{}",
        summary(&run)
    );
    // A name without a month cannot say: each such cell is an error, not January.
    std::fs::remove_file(w.file("reports/2024-10.xlsx")).unwrap();
    w.write("reports/报表.xlsx", report_workbook_with_month_number());
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/报表.xlsx:B2: error: 报告月份 \"2024.1\" is a number, which could be 2024-01 or \
         2024-10, as Excel keeps 2024.10 typed in a cell as 2024.1 (write the month as text, or \
         name the file for its month, e.g. 2024-10.xlsx)",
    );
}

#[test]
fn the_text_2024_1_in_a_csv_is_october_in_octobers_file_and_else_january() {
    // A spreadsheet writes the number 2024.10 to CSV as 2024.1: in a file named for October that
    // is October. Elsewhere the text is read as it is written.
    let w = registry_only();
    let rows = |month: &str| {
        format!("{REPORT_HEADER}\nA1,{month},100,100,在建,\nA2,{month},50,50,在建,2024-01\n")
    };
    w.write("reports/2024-10.csv", rows("2024.1"));
    let run = w.run(&["check"]);
    expect_no_severity(&run, "error");
    assert!(
        summary(&run).starts_with("3 projects, 2 report rows (2024-10)"),
        "{}",
        summary(&run)
    );
    std::fs::remove_file(w.file("reports/2024-10.csv")).unwrap();
    w.write("reports/报表.csv", rows("2024.1"));
    let run = w.run(&["check"]);
    expect_no_severity(&run, "error");
    assert!(
        summary(&run).starts_with("3 projects, 2 report rows (2024-01)"),
        "{}",
        summary(&run)
    );
    // A name of October of no year says so too (it was read as January, with warnings alone:
    // October's bulletin showed every project 未报送).
    std::fs::remove_file(w.file("reports/报表.csv")).unwrap();
    w.write("reports/东区10月.csv", rows("2024.1"));
    let run = w.run(&["check"]);
    expect_no_severity(&run, "error");
    assert!(
        summary(&run).starts_with("3 projects, 2 report rows (2024-10)"),
        "{}",
        summary(&run)
    );
    // In another month's file it is January, and disagrees.
    std::fs::remove_file(w.file("reports/东区10月.csv")).unwrap();
    w.write("reports/2024-11.csv", rows("2024.1"));
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-11.csv:2:2: error: 报告月份 2024-01 disagrees with the month 2024-11",
    );
}

/// The small registry as a workbook whose 所属县区 and 建设性质 are written once for the rows
/// they cover, merged down (as lists grouped by district often are), under a title merged
/// across the columns.
fn registry_workbook_with_merged_cells() -> Vec<u8> {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 6, "金城市2024年重点项目计划表", &plain)
        .unwrap();
    for (c, h) in REGISTRY_HEADER.split(',').enumerate() {
        sheet.write_string(1, c as u16, h).unwrap();
    }
    let rows = [
        ("A1", "金川路网", 10000.0, 4000.0, "2023-03"),
        ("A2", "金川学校", 5000.0, 2000.0, "2024-03"),
        ("B1", "河西园区", 8000.0, 3000.0, "2024-02"),
    ];
    for (r, (id, name, total, plan, start)) in rows.into_iter().enumerate() {
        let row = r as u32 + 2;
        sheet.write_string(row, 0, id).unwrap();
        sheet.write_string(row, 1, name).unwrap();
        sheet.write_number(row, 4, total).unwrap();
        sheet.write_number(row, 5, plan).unwrap();
        sheet.write_string(row, 6, start).unwrap();
    }
    // 金川区 over A1 and A2; 河西区 for B1 alone; 续建 over A1, and 新建 over A2 and B1.
    sheet.merge_range(2, 2, 3, 2, "金川区", &plain).unwrap();
    sheet.write_string(4, 2, "河西区").unwrap();
    sheet.write_string(2, 3, "续建").unwrap();
    sheet.merge_range(3, 3, 4, 3, "新建", &plain).unwrap();
    book.save_to_buffer().unwrap()
}

/// A header over two rows whose lower row is not read as one with it (计划时间 over 开工 and 竣工,
/// names xmtool does not join): the lower row is said to be the header's, not "a second table".
#[test]
fn a_header_row_below_not_joined_is_named_as_the_headers() {
    let w = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    // (The registry's required headers, each over both rows.)
    for (c, h) in REGISTRY_HEADER.split(',').take(6).enumerate() {
        sheet
            .merge_range(0, c as u16, 1, c as u16, h, &plain)
            .unwrap();
    }
    sheet.merge_range(0, 6, 0, 7, "计划时间", &plain).unwrap();
    sheet.write_string(1, 6, "开工").unwrap();
    sheet.write_string(1, 7, "竣工").unwrap();
    for (c, v) in ["A1", "路网", "甲区", "续建"].into_iter().enumerate() {
        sheet.write_string(2, c as u16, v).unwrap();
    }
    sheet.write_number(2, 4, 1000.0).unwrap();
    sheet.write_number(2, 5, 100.0).unwrap();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", book.save_to_buffer().unwrap())
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,50\n");
    w.run(&["check"])
        .expect_line(
            "projects.xlsx:2: note: skipped the header's second row, its cells merged down from \
             the header's: its own names (开工, 竣工) are not read as headers",
        )
        .expect_no_line("a second table");
}

#[test]
fn cells_merged_down_hold_their_value_in_each_row() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", registry_workbook_with_merged_cells())
        .write("reports/2024-06.csv", report_text(&JUNE, "\n"));
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("projects.xlsx:1: note: skipped 1 title row above the header (line 1)");
    expect_no_severity(&run, "error");
    expect_no_severity(&run, "warning");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::group(&doc, "金川区")["projects"], 2);
    assert_eq!(common::group(&doc, "河西区")["projects"], 1);
    assert_eq!(common::project(&doc, "A2")["district"], "金川区");
    assert_eq!(common::project(&doc, "B1")["nature"], "new");
}

#[test]
fn a_header_of_two_rows_with_cells_merged_down_is_read() {
    // 项目编号 … 建设性质 merged down over both header rows, 投资（万元） across the two below it.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    sheet
        .merge_range(0, 0, 0, 5, "金城市2024年重点项目计划表", &plain)
        .unwrap();
    for (c, h) in ["项目编号", "项目名称", "所属县区", "建设性质"]
        .iter()
        .enumerate()
    {
        sheet
            .merge_range(1, c as u16, 2, c as u16, h, &plain)
            .unwrap();
    }
    sheet
        .merge_range(1, 4, 1, 5, "投资（万元）", &plain)
        .unwrap();
    sheet.write_string(2, 4, "总投资").unwrap();
    sheet.write_string(2, 5, "年度计划投资").unwrap();
    for (r, (id, name, district, total, plan)) in [
        ("A1", "金川路网", "金川区", 10000.0, 4000.0),
        ("B1", "河西园区", "河西区", 8000.0, 3000.0),
    ]
    .into_iter()
    .enumerate()
    {
        let row = r as u32 + 3;
        for (c, text) in [id, name, district, "续建"].into_iter().enumerate() {
            sheet.write_string(row, c as u16, text).unwrap();
        }
        sheet.write_number(row, 4, total).unwrap();
        sheet.write_number(row, 5, plan).unwrap();
    }
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", book.save_to_buffer().unwrap());
    let run = w.run(&["check"]);
    run.expect_line("projects.xlsx:1: note: skipped 1 title row above the header (line 1)")
        .expect_line(
            "projects.xlsx:2: note: read lines 2 and 3 as one header row: 总投资（万元）, \
             年度计划投资（万元）",
        );
    expect_no_severity(&run, "error");
    assert!(
        summary(&run).starts_with("2 projects, 0 report rows"),
        "{}",
        summary(&run)
    );
}

#[test]
fn a_row_of_units_under_the_header_gives_the_columns_units() {
    // The units in a row of their own under the header, 累计 in 亿元; as data, they were errors.
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,本月完成投资,累计完成投资,项目状态,实际开工时间\n\
         ,,万元,（亿元）,,\n\
         A1,2024-06,100,0.21,在建,\n\
         A2,2024-06,50,0.03,在建,2024-04\n\
         B1,2024-06,0,0,前期,\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.csv:1: note: read lines 1 and 2 as one header row: 本月完成投资（万元）, \
         累计完成投资（亿元）",
    );
    expect_no_severity(&run, "error");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
    assert_eq!(common::project(&doc, "A2")["ytd_investment"], 300.0);
    assert_eq!(common::project(&doc, "A2")["month_investment"], 50.0);
}

#[test]
fn a_unit_on_the_lower_row_of_a_group_header_goes_at_the_end_of_the_header() {
    // 完成投资 over 本月（万元） and 1-6月（万元）: the unit on the lower row, once with a line
    // break before it; the whole file was unread.
    for (upper, lower) in [
        ("完成投资,", "本月（万元）,1-6月（万元）"),
        ("完成投资,", "\"本月\n（万元）\",\"1-6月\n(万元)\""),
        ("完成投资（万元）,", "本月（万元）,1-6月（万元）"),
        ("完成投资,", "本月[万元],1-6月【万元】"),
    ] {
        let w = registry_only();
        w.write(
            "reports/2024-06.csv",
            format!(
                "项目编号,报告月份,{upper},项目状态,实际开工时间\n\
                 ,,{lower},,\n\
                 A1,2024-06,100,2100,在建,\n\
                 A2,2024-06,50,300,在建,2024-04\n\
                 B1,2024-06,0,0,前期,\n"
            ),
        );
        let run = w.run(&["check"]);
        run.expect_code(0).expect_line(
            "reports/2024-06.csv:1: note: read lines 1 and 2 as one header row: 本月完成投资",
        );
        expect_no_severity(&run, "error");
        let doc = common::report_json(&w, &["--month", "2024-06"]);
        assert_eq!(
            common::project(&doc, "A1")["ytd_investment"],
            2100.0,
            "{lower}"
        );
        assert_eq!(
            common::project(&doc, "A1")["month_investment"],
            100.0,
            "{lower}"
        );
    }
    // A registry's 年度计划 over 投资（万元） and 形象进度: 年度计划投资（万元）, not the unit
    // "投资万元".
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划,\n\
         ,,,,,投资（万元）,形象进度\n\
         A1,金川路网,金川区,续建,10000,4000,路基\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "projects.csv:1: note: read lines 1 and 2 as one header row: 年度计划投资（万元）",
    );
}

#[test]
fn a_group_header_over_the_names_under_it_is_read_with_them() {
    // 完成投资（万元） over 本月 and 1-6月, written in the first of the two cells as a sheet
    // saved as text leaves a merged cell; the other headers on the first row alone.
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,完成投资（万元）,,项目状态,实际开工时间\n\
         ,,本月,1-6月,,\n\
         A1,2024-06,100,2100,在建,\n\
         A2,2024-06,50,300,在建,2024-04\n\
         B1,2024-06,0,0,前期,\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.csv:1: note: read lines 1 and 2 as one header row: \
         本月完成投资（万元）, 1-6月完成投资（万元）",
    );
    expect_no_severity(&run, "error");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
    assert_eq!(common::project(&doc, "A1")["month_investment"], 100.0);

    // In a workbook: the group merged across, in 亿元 and worded 投资完成情况, over 本月完成 and
    // 本年累计; the other headers merged down over both rows.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let plain = Format::new();
    for (c, h) in ["项目编号", "报告月份", "", "", "项目状态", "实际开工时间"]
        .iter()
        .enumerate()
        .filter(|(_, h)| !h.is_empty())
    {
        sheet
            .merge_range(0, c as u16, 1, c as u16, h, &plain)
            .unwrap();
    }
    sheet
        .merge_range(0, 2, 0, 3, "投资完成情况（亿元）", &plain)
        .unwrap();
    sheet.write_string(1, 2, "本月完成").unwrap();
    sheet.write_string(1, 3, "本年累计").unwrap();
    for (r, line) in JUNE.iter().enumerate() {
        let row = r as u32 + 2;
        for (c, cell) in line.split(',').enumerate() {
            match cell.parse::<f64>() {
                Ok(n) if c == 2 || c == 3 => sheet.write_number(row, c as u16, n / 10_000.0),
                _ => sheet.write_string(row, c as u16, cell),
            }
            .unwrap();
        }
    }
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.xlsx:1: note: read lines 1 and 2 as one header row: \
         本月完成（亿元）, 本年累计完成投资（亿元）",
    );
    expect_no_severity(&run, "error");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
    assert_eq!(common::project(&doc, "A2")["month_investment"], 50.0);
}

#[test]
fn a_row_under_the_header_that_is_not_part_of_it_is_data() {
    // A name under a header it makes nothing with is a row of data (here an id left empty), and
    // a title above the header is no part of it.
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        format!(
            "2024年6月重点项目进展\n\
             {REPORT_HEADER}\n\
             ,2024-06,本月,累计,在建,\n\
             A1,2024-06,100,2100,在建,\n"
        ),
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:1: note: skipped 1 title row above the header (line 1)")
        .expect_line("reports/2024-06.csv:3:1: error: 项目编号 is empty")
        .expect_no_line("as one header row");
}

#[test]
fn an_amount_merged_down_is_not_counted_in_each_row() {
    // 总投资 10000 merged over A1 and A2: one amount, not one a row. A2's is empty, and named.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in REGISTRY_HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, (id, name, plan)) in [("A1", "金川路网", 4000.0), ("A2", "金川学校", 2000.0)]
        .into_iter()
        .enumerate()
    {
        let row = r as u32 + 1;
        for (c, text) in [id, name, "金川区", "续建"].into_iter().enumerate() {
            sheet.write_string(row, c as u16, text).unwrap();
        }
        sheet.write_number(row, 5, plan).unwrap();
    }
    sheet.merge_range(1, 4, 2, 4, "", &Format::new()).unwrap();
    sheet.write_number(1, 4, 10000.0).unwrap();
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.xlsx:E3: error: 总投资（万元） is empty")
        .expect_line(
            "projects.xlsx:E2: warning: 总投资（万元） merged down over rows 2 to 3: one figure, \
             read in row 2 only",
        );
}

#[test]
fn an_amount_merged_down_beside_another_figure_is_named() {
    // 累计完成投资 1100 merged over A1 and A2, each with its 本月: A2's year-to-date became its
    // 本月 summed, with no finding (A2's row had a figure, so none was missing).
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "本月完成投资", "累计完成投资"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, month)) in [("A1", 10.0), ("A2", 20.0)].into_iter().enumerate() {
        sheet.write_string(r as u32 + 1, 0, id).unwrap();
        sheet.write_number(r as u32 + 1, 1, month).unwrap();
    }
    sheet.merge_range(1, 2, 2, 2, "", &Format::new()).unwrap();
    sheet.write_number(1, 2, 1100.0).unwrap();
    // A 序号 merged down (a column not read): nothing to say of it.
    sheet.write_string(0, 3, "序号").unwrap();
    sheet.merge_range(1, 3, 2, 3, "", &Format::new()).unwrap();
    sheet.write_number(1, 3, 1.0).unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_line(
            "reports/2024-06.xlsx:C2: warning: 累计完成投资 merged down over rows 2 to 3: one \
             figure, read in row 2 only, the rows below having none (unmerge it and give each \
             project's row its own)",
        )
        .expect_no_line("2024-06.xlsx:D2");
}

#[test]
fn a_header_cell_merged_down_into_the_rows_is_an_error_not_their_value() {
    // 所属县区 merged from the header over the two rows below it.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in REGISTRY_HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    sheet
        .merge_range(0, 2, 2, 2, "所属县区", &Format::new())
        .unwrap();
    for (r, (id, name)) in [("A1", "金川路网"), ("A2", "金川学校")]
        .into_iter()
        .enumerate()
    {
        let row = r as u32 + 1;
        sheet.write_string(row, 0, id).unwrap();
        sheet.write_string(row, 1, name).unwrap();
        sheet.write_string(row, 3, "续建").unwrap();
        sheet.write_number(row, 4, 1000.0).unwrap();
        sheet.write_number(row, 5, 100.0).unwrap();
    }
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(1).expect_line(
        "projects.xlsx:C3: error: this cell repeats its column's header \"所属县区\" (a header \
         cell merged down into the rows below it? merge it over the header's rows only)",
    );
}

#[test]
fn a_status_header_merged_down_into_the_first_row_is_no_unknown_status() {
    // 项目状态 merged from the header over the first row of data: that row's status is the
    // header's text, said as such, not a status not known.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "本月完成投资", "累计完成投资"]
        .iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    sheet
        .merge_range(0, 3, 1, 3, "项目状态", &Format::new())
        .unwrap();
    for (r, id) in (1..).zip(["A1", "A2"]) {
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_number(r, 1, 10).unwrap();
        sheet.write_number(r, 2, 50 + r).unwrap();
    }
    sheet.write_string(2, 3, "在建").unwrap();
    let w = registry_only();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.xlsx:D2: error: this cell repeats its column's header \"项目状态\"",
        )
        .expect_no_line("is not known");
    // In a CSV of such a header, the text in the first row is said to be a header's; a status
    // not known in another row still is.
    std::fs::remove_file(w.file("reports/2024-06.xlsx")).unwrap();
    w.write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA1,10,51,项目状态\nA2,10,52,进行中\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:2:4: warning: 项目状态 \"项目状态\" is a header, not a status (a \
             header cell over two rows, its text in this row of data? keep the header's rows \
             above the data); the status is ignored",
        )
        .expect_line("reports/2024-06.csv:3:4: warning: 项目状态 \"进行中\" is not known")
        .expect_no_line("\"项目状态\" is not known");
}

#[test]
fn a_template_hint_row_listing_statuses_is_no_unknown_status() {
    // A template's hint row under the header, its id and figures typed over and its list of
    // statuses left: it was "项目状态 \"（前期/在建/竣工）\" is not known".
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        "项目编号,本月完成投资,累计完成投资,项目状态\nA1,10,51,（前期/在建/竣工）\n\
         A2,10,52,(前期、在建、竣工)\nB1,10,53,进行中\n",
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line(
            "reports/2024-06.csv:2:4: warning: 项目状态 \"（前期/在建/竣工）\" lists the statuses to \
             choose from, not a status (the template's hint row? delete it, or write this \
             project's status in its place); the status is ignored",
        )
        .expect_line(
            "reports/2024-06.csv:3:4: warning: 项目状态 \"(前期、在建、竣工)\" lists the statuses",
        )
        // A status not known in another row still is.
        .expect_line("reports/2024-06.csv:4:4: warning: 项目状态 \"进行中\" is not known")
        .expect_no_line("竣工)\" is not known");
}

/// Two tables pasted one under the other: the second's header row is skipped with a note where
/// it is the first's again, and is an error where its columns differ.
#[test]
fn a_header_repeated_below_the_first_is_skipped_or_named() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        format!(
            "{REPORT_HEADER}\n{}\n\n重点项目进展情况（续表）\n{REPORT_HEADER}\n{}\n{}\n",
            JUNE[0], JUNE[1], JUNE[2]
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-06.csv:5: note: skipped a repeat of the header row (a second table pasted \
         under the first?)",
    );
    expect_no_severity(&run, "error");
    assert_eq!(
        common::report_json(&w, &["--month", "2024-06"])["overview"]["reported"],
        3
    );

    let other = REPORT_HEADER.replace("累计完成投资（万元）", "本年累计完成投资（亿元）");
    w.write(
        "reports/2024-06.csv",
        format!(
            "{REPORT_HEADER}\n{}\n{other}\n{}\n{}\n",
            JUNE[0], JUNE[1], JUNE[2]
        ),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:3:4: error: a second header row, with \"本年累计完成投资（亿元）\" \
         where the first has \"累计完成投资（万元）\": a second table with other columns?",
    );

    // A second table without the first's 序号: its header is in other columns, its 项目名称 under
    // 项目编号. It was "项目编号 项目名称 is not in the registry".
    w.write(
        "reports/2024-06.csv",
        "序号,项目编号,报告月份,累计完成投资（万元）\n1,A1,2024-06,2600\n\
         项目编号,报告月份,累计完成投资（万元）\nA2,2024-06,450\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/2024-06.csv:3:2: error: a second header row, with \"报告月份\" where the \
             first has \"项目编号\": a second table with other columns?",
        )
        .expect_no_line("项目编号 报告月份 is not in the registry");

    // Headers written as the English keys, which begin with a letter as ids do.
    let keys = "id,month,month_investment,ytd_investment,status,actual_start";
    w.write(
        "reports/2024-06.csv",
        format!("{keys}\n{}\n{keys}\n{}\n{}\n", JUNE[0], JUNE[1], JUNE[2]),
    );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-06.csv:3: note: skipped a repeat of the header row");
}

/// Section rows carrying their section's subtotals, and a 共计 row, are skipped; a row with a
/// project's name and district but no 项目编号 is still a project missing its id.
#[test]
fn section_rows_with_subtotals_are_skipped() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "序号,项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）,计划开工时间\n\
         一、续建项目（1个）,,,,,10000,4000,\n\
         1,A1,金川路网,金川区,续建,10000,4000,2023-03\n\
         （二）,,新建项目,,,13000,5000,\n\
         第三部分,,,,,0,0,\n\
         1,A2,金川学校,金川区,新建,5000,2000,2024-03\n\
         2,B1,河西园区,河西区,新建,8000,3000,2024-02\n\
         共计,,,,,23000,9000,\n",
    );
    w.write(
        "reports/2024-06.csv",
        "项目编号,项目名称,报告月份,本月完成投资（万元）,累计完成投资（万元）,项目状态\n\
         （一）续建项目,,,100,2100,\n\
         A1,金川路网,2024-06,100,2100,在建\n\
         二、新建项目,二、新建项目,2024-06,50,300,\n\
         A2,金川学校,2024-06,50,300,在建\n\
         B1,河西园区,2024-06,0,0,前期\n",
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line(
            "projects.csv:2: note: skipped the section row \"一、续建项目（1个）\" (a heading with \
             its section's figures, not a project)",
        )
        .expect_line("projects.csv:4: note: skipped the section row \"（二） 新建项目\"")
        .expect_line("projects.csv:5: note: skipped the section row \"第三部分\"")
        .expect_line("projects.csv:8: note: skipped the 共计 row (a total, not a project)")
        .expect_line("reports/2024-06.csv:2: note: skipped the section row \"（一）续建项目\"")
        .expect_line("reports/2024-06.csv:4: note: skipped the section row \"二、新建项目\"");
    expect_no_severity(&run, "error");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["projects"], 3);

    // A project's name and district beside a numbered first cell, or beside no id at all: a
    // project missing its id, as before.
    w.write(
        "projects.csv",
        "序号,项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）,计划开工时间\n\
         1,A1,金川路网,金川区,续建,10000,4000,2023-03\n\
         2,,金川新区,金川区,新建,100,50,2024-03\n\
         一、,,金川公园,金川区,新建,100,50,2024-03\n",
    );
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:3:2: error: 项目编号 is empty")
        .expect_line("projects.csv:4:2: error: 项目编号 is empty")
        .expect_no_line("section row");
}

/// A form numbered ahead (序号 filled down past the last project) leaves rows with a number
/// alone in the first column: skipped with a note that says so, not as a heading. A number alone
/// in another column (an amount with no 项目编号) is a figure whose project is not named: a
/// warning, as it is not read.
#[test]
fn a_numbered_empty_row_and_a_figure_without_an_id() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        format!(
            "序号,{REPORT_HEADER}\n1,{}\n2,{}\n3,{}\n4,,,,,,\n,,,,450,,\n,,,,,,30%\n,,,,,,-５ ％\n",
            JUNE[0], JUNE[1], JUNE[2]
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line(
            "reports/2024-06.csv:5: note: skipped the row numbered 4 (a number alone, no \
             项目编号: left empty)",
        )
        .expect_line(
            "reports/2024-06.csv:6: warning: skipped a row with \"450\" alone and no 项目编号 \
             (whose figure is it? give the row its 项目编号)",
        )
        // A rate is a figure too (as a workbook's percent format is read).
        .expect_line("reports/2024-06.csv:7: warning: skipped a row with \"30%\" alone")
        .expect_line("reports/2024-06.csv:8: warning: skipped a row with \"-５ ％\" alone")
        .expect_no_line("heading row");
}

/// Section headings in the 项目编号 column (no 序号 column before it) are headings, not projects;
/// a one-cell row whose cell reads as an id is still a project with its cells missing.
#[test]
fn section_headings_in_the_id_column_are_skipped() {
    let w = Workdir::new();
    let mut registry =
        small_registry().replace("A1,", "一、工业项目,,,,,,\n（二）城建项目,,,,,,\nA1,");
    registry.push_str("1、续建项目\n");
    w.write("projects.csv", registry).write(
        "reports/2024-06.csv",
        report_text(&["二、社会民生", JUNE[0], JUNE[1], JUNE[2]], "\n"),
    );
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("projects.csv:2: note: skipped the heading row \"一、工业项目\"")
        .expect_line("projects.csv:3: note: skipped the heading row \"（二）城建项目\"")
        .expect_line("projects.csv:7: note: skipped the heading row \"1、续建项目\"")
        .expect_line("reports/2024-06.csv:2: note: skipped the heading row \"二、社会民生\"");
    expect_no_severity(&run, "error");
    let w = registry_only();
    w.write("projects.csv", format!("{}A9\n", small_registry()));
    w.run(&["check"])
        .expect_code(1)
        .expect_line("projects.csv:5:2: error: 项目名称 is empty");
}

/// Writes rows of text cells from column A, the first in row `top` (0-based).
fn text_rows(sheet: &mut Worksheet, top: u32, rows: &[&[&str]]) {
    for (r, row) in (top..).zip(rows) {
        for (c, text) in (0..).zip(*row) {
            sheet.write_string(r, c, *text).unwrap();
        }
    }
}

/// A worksheet of `book` with the common report header in its first row.
fn report_sheet(book: &mut Workbook) -> &mut Worksheet {
    let sheet = book.add_worksheet();
    for (c, h) in REPORT_HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    sheet
}

/// `report_sheet` with June's reports of A1, A2 and B1 in rows 2 to 4: 本月 10, 累计 51 to 53.
fn june_sheet(book: &mut Workbook) -> &mut Worksheet {
    let sheet = report_sheet(book);
    for (r, id) in (1..).zip(["A1", "A2", "B1"]) {
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        sheet.write_number(r, 2, 10).unwrap();
        sheet.write_number(r, 3, 50 + r).unwrap();
    }
    sheet
}

/// `report_sheet` with 形象进度 after the rest, in column G (6).
fn report_sheet_with_progress(book: &mut Workbook) -> &mut Worksheet {
    let sheet = report_sheet(book);
    sheet.write_string(0, 6, "形象进度").unwrap();
    sheet
}

/// A place is a cell in what is read as a workbook, whatever its name says, and a line and
/// column in what is read as text.
#[test]
fn a_place_is_a_cell_where_the_file_is_read_as_a_workbook() {
    let w = registry_only();
    w.write("reports/2024-06.xls", "项目编号\t累计完成投资\nA1\tabc\n");
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.xls:2:2: error: 累计完成投资 \"abc\" is not a number");
    std::fs::remove_file(w.file("reports/2024-06.xls")).unwrap();
    let mut book = Workbook::new();
    text_rows(
        book.add_worksheet(),
        0,
        &[&["项目编号", "累计完成投资"], &["A1", "abc"]],
    );
    w.write("reports/2024-06.csv", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-06.csv:B2: error: 累计完成投资 \"abc\" is not a number");
}

/// A CSV form opened in LibreOffice, which by default does not work out formulas in a CSV it
/// opens, and saved as a workbook: its `="…"` cells and its apostrophes are text in the sheet.
/// They read as in the CSV (`="2024-06"` was "not a month", `'@N1` not in the registry).
#[test]
fn a_csv_forms_text_marks_kept_in_a_workbook_read_as_in_the_csv() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n@N1,甲,金川区,续建,10000,4000,2023-03\n\
             0012,乙,金川区,新建,5000,2000,2024-03\n"
        ),
    );
    let mut book = Workbook::new();
    text_rows(
        report_sheet(&mut book),
        1,
        &[
            &["'@N1", "=\"2024-06\"", "10", "60", "在建", ""],
            &[
                "=\"0012\"",
                "=\"2024-06\"",
                "5",
                "20",
                "在建",
                "=\"2024-03\"",
            ],
        ],
    );
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors, 0 warnings");
    let doc = w
        .run(&["report", "--month", "2024-06", "--format", "json"])
        .json();
    let ytd: Vec<(String, f64)> = doc["projects"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["id"].as_str().unwrap().to_string(),
                p["ytd_investment"].as_f64().unwrap(),
            )
        })
        .collect();
    assert_eq!(ytd, [("@N1".to_string(), 60.0), ("0012".to_string(), 20.0)]);
}

/// A 其中 row under a project whose 项目编号 is merged down over it (the project's figure broken
/// down, as by source of funds) is part of the project, not a second report of it.
#[test]
fn a_part_row_under_a_project_merged_down_is_skipped() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "项目名称", "累计完成投资（万元）", "项目状态"]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let plain = Format::new();
    for (r, (id, ytd)) in [("A1", 2600.0), ("A2", 450.0), ("B1", 0.0)]
        .into_iter()
        .enumerate()
    {
        let r = 2 * r as u32 + 1;
        sheet.merge_range(r, 0, r + 1, 0, id, &plain).unwrap();
        // (A project's own name may begin as a 其中 row's does: its row is the merge's top.)
        let name = if id == "B1" {
            "其中心广场改造"
        } else {
            "项目"
        };
        sheet.write_string(r, 1, name).unwrap();
        sheet.write_number(r, 2, ytd).unwrap();
        sheet.write_string(r, 3, "在建").unwrap();
        sheet
            .write_string(r + 1, 1, "其中：中央预算内资金")
            .unwrap();
        sheet.write_number(r + 1, 2, ytd / 2.0).unwrap();
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"])
        .expect_no_line("a second report")
        .expect_line(
            "reports/2024-06.xlsx:3: note: skipped the 其中：中央预算内资金 row (part of a total, \
             not a project)",
        );
    let doc = common::report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2600.0);
    assert_eq!(common::project(&doc, "A2")["ytd_investment"], 450.0);
    assert_eq!(common::project(&doc, "B1")["reported"], true);
}

/// A project whose cells are merged down over two rows of its own, for a 形象进度 in two lines:
/// one project, its figures read once and said of no other row, both lines kept.
#[test]
fn a_project_merged_down_over_rows_of_its_own_is_one_row_with_every_line() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet_with_progress(&mut book);
    let plain = Format::new();
    let merged_over = |sheet: &mut Worksheet, r: u32, rows: u32, values: [&str; 6]| {
        for (c, value) in (0..).zip(values) {
            match value.parse::<f64>() {
                Ok(n) if c >= 2 => sheet
                    .merge_range(r, c, r + rows - 1, c, "", &plain)
                    .and_then(|s| s.write_number(r, c, n)),
                _ => sheet.merge_range(r, c, r + rows - 1, c, value, &plain),
            }
            .unwrap();
        }
    };
    merged_over(sheet, 1, 2, ["A1", "2024-06", "100", "2000", "在建", ""]);
    sheet.write_string(1, 6, "主体施工至5层").unwrap();
    sheet.write_string(2, 6, "正在砌筑二次结构").unwrap();
    // Three rows, the last with nothing of its own: the project's row again.
    merged_over(sheet, 3, 3, ["A2", "2024-06", "50", "300", "在建", ""]);
    sheet.write_string(3, 6, "基础完工").unwrap();
    sheet.write_string(4, 6, "主体开工").unwrap();
    sheet.write_string(6, 0, "B1").unwrap();
    sheet.write_string(6, 1, "2024-06").unwrap();
    sheet.write_number(6, 3, 0.0).unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_no_line("merged down over rows")
        .expect_no_line("a second report");
    assert!(summary(&run).contains("3 report rows"), "{}", summary(&run));
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    let a1 = common::project(&doc, "A1");
    assert_eq!(a1["ytd_investment"], 2000.0, "{a1}");
    assert_eq!(a1["progress"], "主体施工至5层\n正在砌筑二次结构", "{a1}");
    let a2 = common::project(&doc, "A2");
    assert_eq!(a2["progress"], "基础完工\n主体开工", "{a2}");
    assert_eq!(a2["month_investment"], 50.0, "{a2}");
}

/// A value under no header is not read: said once for its column, with its rows. (A CSV row
/// wider than its header is an error, as its values may have moved; a workbook's cannot.)
#[test]
fn values_under_no_header_are_said_once_a_column() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = june_sheet(&mut book);
    sheet.write_string(1, 8, "已核实").unwrap();
    sheet.write_number(3, 8, 12).unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.xlsx:I2: warning: column 9 has values but no header: they are not \
         read (lines 2, 4; name the column, or delete them)",
    );
    // A column with no header before the header's last, in a CSV too.
    std::fs::remove_file(w.file("reports/2024-06.xlsx")).unwrap();
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,,累计完成投资\nA1,2024-06,x,50\nA2,2024-06,,60\nB1,2024-06,,0\n",
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:2:3: warning: column 3 has values but no header: they are not read \
         (line 2; name the column, or delete them)",
    );
    // Row numbers before the 项目编号, their 序号 header left empty, are no values lost.
    w.write(
        "reports/2024-06.csv",
        ",项目编号,报告月份,累计完成投资\n1,A1,2024-06,50\n2,A2,2024-06,60\n3,B1,2024-06,0\n",
    );
    w.run(&["check"]).expect_code(0).expect_no_line("no header");
}

/// Excel never writes a cell twice; a damaged file may (a row written again, say): its figures
/// are not to be trusted, and the cells are named, with both values.
#[test]
fn a_cell_given_twice_with_another_value_is_an_error() {
    let w = registry_only();
    let mut book = Workbook::new();
    june_sheet(&mut book);
    let book = book.save_to_buffer().unwrap();
    let part = "xl/worksheets/sheet1.xml";
    // A cell given again, the same: nothing lost, nothing said.
    let d2 = "<c r=\"D2\"><v>51</v></c>";
    let same = with_part_edited(&book, part, d2, &format!("{d2}{d2}"));
    w.write("reports/2024-06.xlsx", same);
    w.run(&["check"]).expect_code(0).expect_no_line("twice");
    // Once with another value.
    let cell = with_part_edited(&book, part, d2, &format!("{d2}<c r=\"D2\"><v>70</v></c>"));
    w.write("reports/2024-06.xlsx", cell);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.xlsx:D2: error: sheet \"Sheet1\" gives this cell twice, with different \
         values: \"51\", then \"70\", which is read; the workbook is damaged (open it in Excel or \
         WPS, check its figures, and save it again)",
    );
    // A row written again, over the one before.
    let text = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&book[..])).unwrap();
        let mut text = String::new();
        zip.by_name(part)
            .unwrap()
            .read_to_string(&mut text)
            .unwrap();
        text
    };
    let row3 = &text[text.find("<row r=\"3\"").unwrap()..];
    let row3 = &row3[..row3.find("</row>").unwrap() + "</row>".len()];
    let mut row2_again = row3.replace("r=\"3\"", "r=\"2\"");
    for column in ["A", "B", "C", "D"] {
        row2_again = row2_again.replace(&format!("{column}3"), &format!("{column}2"));
    }
    let again = with_part_edited(&book, part, row3, &format!("{row3}{row2_again}"));
    w.write("reports/2024-06.xlsx", again);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.xlsx:A2: error: sheet \"Sheet1\" gives 2 cells twice, with different \
         values (the first here: \"A1\", then \"A2\", which is read)",
    );
}

/// A formula's result is kept to 17 digits (12.1 + 0.2 as 12.299999999999999): read to the 15
/// Excel shows, as the clerk means it.
#[test]
fn workbook_numbers_are_read_as_excel_shows_them() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    let rows: [(&str, f64, f64); 3] = [
        ("A1", 0.1 + 0.2, 12.1 + 0.2),
        ("A2", 0.7 + 0.1, 1_234.567_8),
        ("B1", 0.0, 0.0),
    ];
    for (r, (id, month, ytd)) in rows.into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        sheet.write_number(r, 2, month).unwrap();
        sheet.write_number(r, 3, ytd).unwrap();
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    let a1 = common::project(&doc, "A1");
    assert_eq!(a1["ytd_investment"], 12.3);
    assert_eq!(a1["month_investment"], 0.3);
    assert_eq!(common::project(&doc, "A2")["month_investment"], 0.8);
    assert_eq!(doc["overview"]["ytd_investment"], 1246.8678);
}

/// `book` with the text of its part `part` (`xl/workbook.xml`) replaced, where it has `from`.
fn with_part_edited(book: &[u8], part: &str, from: &str, to: &str) -> Vec<u8> {
    use std::io::{Read, Write};
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(book)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().unwrap().to_string();
        let mut bytes = Vec::new();
        entry.read_to_end(&mut bytes).unwrap();
        if name == part {
            let text = String::from_utf8(bytes).unwrap();
            assert!(text.contains(from), "{text}");
            bytes = text.replace(from, to).into_bytes();
        }
        out.start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    out.finish().unwrap().into_inner()
}

/// `book` made over in the 1904 date system (Excel for Mac's old default): `date1904` on the
/// workbook's properties; its date serials count from 1904.
fn in_1904_system(book: &[u8]) -> Vec<u8> {
    with_part_edited(
        book,
        "xl/workbook.xml",
        "<workbookPr",
        "<workbookPr date1904=\"1\"",
    )
}

/// A formula with its result, as Excel saves it.
fn formula(f: &str, result: &str) -> rust_xlsxwriter::Formula {
    rust_xlsxwriter::Formula::new(f).set_result(result)
}

/// June's rows of A1, A2 and B1 in a report sheet, 累计 (D) of the first two worked out from the
/// month's figure by formulas (whose results `unworked_results` takes out).
fn rows_with_formulas(sheet: &mut Worksheet) {
    for (r, id) in ["A1", "A2", "B1"].into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        sheet.write_number(r, 2, 10).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
    }
    sheet
        .write_formula(1, 3, formula("=C2+1000", "1010"))
        .unwrap();
    sheet
        .write_formula(2, 3, formula("=C3+200", "210"))
        .unwrap();
}

/// A workbook of `rows_with_formulas` as a program that does not work formulas out saves it:
/// its two formulas with no result.
fn unworked_results(book: &[u8]) -> Vec<u8> {
    let part = "xl/worksheets/sheet1.xml";
    let unworked = with_part_edited(book, part, "</f><v>1010</v>", "</f>");
    with_part_edited(&unworked, part, "</f><v>210</v>", "</f>")
}

#[test]
fn a_workbook_protected_by_a_password_is_said_to_be() {
    // Excel keeps a workbook encrypted by a password to open in a compound file (as an .xls
    // is), its sheets in a stream named EncryptedPackage: it was "Cannot detect file format
    // (expected an .xlsx file saved by Excel or WPS)", though Excel saved it.
    let w = registry_only();
    let mut book = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
    book.resize(1024, 0);
    book.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
    book.resize(4096, 0);
    w.write("reports/2024-06.xlsx", book);
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.xlsx: error: is protected by a password to open (encrypted), which \
         xmtool cannot read (open it in Excel or WPS, take the password off",
    );
}

/// xlsxwriter and the like save each formula's result as 0 and mark the workbook to be worked out
/// when opened (`fullCalcOnLoad`): those 0s were read as figures, a year-to-date of 0 in every
/// row with no word. In such a workbook a formula's 0 is no result; one worked out is read.
#[test]
fn formulas_of_a_zero_put_in_place_of_a_result_are_said() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    for (r, id) in (1..).zip(["A1", "A2", "B1"]) {
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
    }
    sheet.write_formula(1, 3, "=1000+10").unwrap();
    sheet.write_formula(2, 3, "=200+10").unwrap();
    sheet.write_formula(3, 3, formula("=50+3", "53")).unwrap();
    let book = book.save_to_buffer().unwrap();
    w.write("reports/进度.xlsx", book.clone());
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/进度.xlsx:D2: error: 累计完成投资（万元） is a formula with no saved result",
        )
        .expect_line(
            "reports/进度.xlsx:D2: warning: 2 formula cells have no saved result, or a 0 put in \
             its place, the workbook asking for its formulas to be worked out when opened (the \
             first here)",
        )
        .expect_no_line("reports/进度.xlsx:D4");
    // Saved by Excel or WPS, which drop the mark (`with_part_edited` finds it): a 0 is the
    // formula's result.
    let saved = with_part_edited(&book, "xl/workbook.xml", " fullCalcOnLoad=\"1\"", "");
    w.write("reports/进度.xlsx", saved);
    w.run(&["check"]).expect_code(0).expect_no_line("formula");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["ytd_investment"], 53.0);
}

/// A workbook written by a program that does not work formulas out keeps them with no result:
/// such a cell reads as empty, and says why.
#[test]
fn formulas_with_no_saved_result_are_said() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    rows_with_formulas(sheet);
    // A third row's formula kept its result.
    sheet.write_formula(3, 3, formula("=C4", "10")).unwrap();
    let book = book.save_to_buffer().unwrap();
    let part = "xl/worksheets/sheet1.xml";
    w.write("reports/进度.xlsx", unworked_results(&book));
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/进度.xlsx:D2: warning: 2 formula cells have no saved result (the first here): the \
         workbook was written by a program that does not work formulas out (open it in Excel or \
         WPS and save it again); free text of one reads as empty, and an id, a month, a status or \
         an amount the row has no other of is an error",
    );
    // As Excel saves it, with results: nothing to say.
    w.write("reports/进度.xlsx", book.clone());
    w.run(&["check"]).expect_no_line("formula");
    // A 合计 row's sums with no result: the row is skipped, its formulas nothing lost (they
    // were counted, and --strict failed on them).
    let mut totals = Workbook::new();
    let sheet = report_sheet(&mut totals);
    for (r, id) in ["A1", "A2", "B1"].into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        sheet.write_number(r, 2, 10).unwrap();
        sheet.write_number(r, 3, 10).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
    }
    sheet.write_string(4, 0, "合  计").unwrap();
    sheet
        .write_formula(4, 2, formula("=SUM(C2:C4)", "30"))
        .unwrap();
    sheet
        .write_formula(4, 3, formula("=SUM(D2:D4)", "31"))
        .unwrap();
    let totals = totals.save_to_buffer().unwrap();
    let totals = with_part_edited(&totals, part, "</f><v>30</v>", "</f>");
    let totals = with_part_edited(&totals, part, "</f><v>31</v>", "</f>");
    w.write("reports/进度.xlsx", totals);
    w.run(&["check", "--strict"])
        .expect_code(0)
        .expect_no_line("formula");
    // A shared formula without its index, which calamine will not read as a formula: the
    // sheet's values are read all the same.
    let odd = with_part_edited(
        &book,
        "xl/worksheets/sheet1.xml",
        "<f>C4</f>",
        "<f t=\"shared\" ref=\"D4:D4\">C4</f>",
    );
    w.write("reports/进度.xlsx", odd);
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("cannot read")
        .expect_no_line("formula");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "B1")["ytd_investment"], 10.0);
    // Such a formula before those with no result: the formulas past it are not read, and the
    // cells of no value there are named as what they may be.
    w.write("reports/进度.xlsx", unreadable_before_unworked(&book));
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/进度.xlsx:D2: warning: its formulas cannot be read from here on (")
        .expect_line(
            "): 2 cells of no value here and after may be formulas with no saved result, read \
             as empty (open it in Excel or WPS and save it again)",
        );
}

/// An amount that is a formula with no saved result is no figure: where the row gives no other,
/// an error (a report of 累计 formulas alone, as a program wrote it, was read as every project
/// reported with nothing invested, and the bulletin given with exit code 0).
#[test]
fn an_amount_of_a_formula_with_no_saved_result_alone_is_an_error() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    for (r, id) in (1..).zip(["A1", "A2", "B1"]) {
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
    }
    // A1 gives its 累计 by a formula alone; A2 gives 本月 beside it.
    sheet.write_number(2, 2, 10).unwrap();
    sheet
        .write_formula(1, 3, formula("=1000+10", "1010"))
        .unwrap();
    sheet
        .write_formula(2, 3, formula("=C3+200", "210"))
        .unwrap();
    sheet.write_number(3, 3, 10).unwrap();
    let book = book.save_to_buffer().unwrap();
    let part = "xl/worksheets/sheet1.xml";
    let unworked = with_part_edited(&book, part, "</f><v>1010</v>", "</f>");
    let unworked = with_part_edited(&unworked, part, "</f><v>210</v>", "</f>");
    w.write("reports/进度.xlsx", unworked);
    w.run(&["check"])
        .expect_code(1)
        .expect_line(
            "reports/进度.xlsx:D2: error: 累计完成投资（万元） is a formula with no saved result, so no \
             value (the workbook was written by a program that does not work formulas out: open \
             it in Excel or WPS and save it again)",
        )
        .expect_no_line("reports/进度.xlsx:D3: error")
        .expect_line("reports/进度.xlsx:D2: warning: 2 formula cells have no saved result");
    let doc = common::report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(common::project(&doc, "A1")["reported"], false, "{doc}");
    assert_eq!(common::project(&doc, "A2")["ytd_investment"], 10.0, "{doc}");
    // Saved by Excel, with its results: read.
    w.write("reports/进度.xlsx", book);
    w.run(&["check"]).expect_code(0);
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        common::project(&doc, "A1")["ytd_investment"],
        1010.0,
        "{doc}"
    );
}

/// So is an id, a month, a status or an actual start: read as empty, the id's or month's error
/// hid why, and an actual start (with it the project's start) was lost with nothing said.
#[test]
fn other_cells_of_a_formula_with_no_saved_result_are_errors() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    for (r, id) in (1..).zip(["A1", "A2", "B1"]) {
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        sheet.write_number(r, 3, 10).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
    }
    sheet
        .write_formula(1, 5, formula("=DATE(2024,3,1)", "45352"))
        .unwrap();
    sheet
        .write_formula(2, 4, formula("=\"在\"&\"建\"", "在建"))
        .unwrap();
    sheet.write_formula(3, 0, formula("=\"B1\"", "B1")).unwrap();
    let book = book.save_to_buffer().unwrap();
    let part = "xl/worksheets/sheet1.xml";
    let mut unworked = book.clone();
    for result in ["<v>45352</v>", "<v>在建</v>", "<v>B1</v>"] {
        unworked = with_part_edited(&unworked, part, result, "");
    }
    w.write("reports/进度.xlsx", unworked);
    let unworked = "is a formula with no saved result, so no value";
    w.run(&["check"])
        .expect_code(1)
        .expect_line(&format!(
            "reports/进度.xlsx:F2: error: 实际开工时间 {unworked}"
        ))
        .expect_line(&format!("reports/进度.xlsx:E3: error: 项目状态 {unworked}"))
        .expect_line(&format!("reports/进度.xlsx:A4: error: 项目编号 {unworked}"));
    w.write("reports/进度.xlsx", book);
    w.run(&["check"]).expect_code(0);
}

/// `unworked_results` with the first formula's made one calamine cannot read (a shared formula
/// without its index), before the second's.
fn unreadable_before_unworked(book: &[u8]) -> Vec<u8> {
    with_part_edited(
        &unworked_results(book),
        "xl/worksheets/sheet1.xml",
        "<f>C2+1000</f>",
        "<f t=\"shared\" ref=\"D2:D2\">C2+1000</f>",
    )
}

/// A workbook with a percent (or padding) format is read a cell and its style at a time, which
/// gives no formulas: formulas with no saved result are said all the same, and a value written
/// before its formula (against the file format's order) is read.
#[test]
fn formulas_with_no_saved_result_are_said_in_a_workbook_with_percents() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet_with_progress(&mut book);
    rows_with_formulas(sheet);
    let percent = Format::new().set_num_format("0%");
    sheet.write_number_with_format(1, 6, 0.5, &percent).unwrap();
    // Blank cells with a border, as forms have (no value, and no formula: read as blanks, with
    // the sheet read again for its formulas).
    let bordered = Format::new().set_border(rust_xlsxwriter::FormatBorder::Thin);
    for r in 1..=3 {
        sheet.write_blank(r, 5, &bordered).unwrap();
    }
    sheet
        .write_formula_with_format(3, 3, formula("=C4*10", "1"), &percent)
        .unwrap();
    let book = book.save_to_buffer().unwrap();
    let part = "xl/worksheets/sheet1.xml";
    w.write("reports/进度.xlsx", unworked_results(&book));
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/进度.xlsx:D2: warning: 2 formula cells have no saved result (the first here)",
    );
    let doc = common::report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(common::project(&doc, "A1")["progress"], "50%", "{doc}");
    // A formula that cannot be read (a shared one without its index) before those with no
    // result: they are not looked at, and are named as what they may be.
    w.write("reports/进度.xlsx", unreadable_before_unworked(&book));
    w.run(&["check"])
        .expect_no_line("formula cells have no saved result")
        .expect_line("reports/进度.xlsx:D2: warning: its formulas cannot be read from here on (")
        .expect_line("): 5 cells of no value here and after may be formulas with no saved result");
    // (A percent of an amount is an error: the format was applied.)
    w.run(&["check"])
        .expect_line("reports/进度.xlsx:D4: error: 累计完成投资（万元） \"100%\" is a percentage");
    // The value before its formula: read, and shown as its format shows it.
    let backwards = with_part_edited(&book, part, "<f>C4*10</f><v>1</v>", "<v>1</v><f>C4*10</f>");
    w.write("reports/进度.xlsx", backwards.clone());
    w.run(&["check"])
        .expect_no_line("formula")
        .expect_line("reports/进度.xlsx:D4: error: 累计完成投资（万元） \"100%\" is a percentage");
    // So where the cell is written twice (the later one is the cell, as calamine reads it), the
    // first with a value of its own.
    let twice = with_part_edited(
        &backwards,
        part,
        "<c r=\"D4\"",
        "<c r=\"D4\"><v>5</v></c><c r=\"D4\"",
    );
    w.write("reports/进度.xlsx", twice);
    w.run(&["check"])
        .expect_no_line("formula")
        .expect_line("reports/进度.xlsx:D4: error: 累计完成投资（万元） \"100%\" is a percentage");
}

/// Dates in a workbook kept in the 1904 system are the dates it shows, not four years and a
/// day earlier.
#[test]
fn workbook_dates_in_the_1904_system() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    // 2024-06-01 and 2024-04-01 in the 1904 system: 1462 days fewer than in the 1900 one.
    let june = 45_444.0 - 1462.0;
    let april = 45_383.0 - 1462.0;
    for (r, id) in ["A1", "A2", "B1"].into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, id).unwrap();
        sheet
            .write_number_with_format(r, 1, june, &yyyy_mm())
            .unwrap();
        sheet.write_number(r, 3, 100).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
    }
    sheet
        .write_number_with_format(2, 5, april, &yyyy_mm())
        .unwrap();
    let book = in_1904_system(&book.save_to_buffer().unwrap());
    w.write("reports/进度.xlsx", book);
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(
        &run,
        "3 projects, 3 report rows (2024-06) in 2 files: 0 errors, 0 warnings, 0 notes (no problems)",
    );
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["reported"], 3);
    assert_eq!(common::project(&doc, "A2")["actual_start"], "2024-04");
}

/// A date serial typed in a General-formatted cell (a month column whose dates lost their
/// format) of a workbook kept in the 1904 date system is a date of that system too: it was read
/// as a 1900 serial, four years and a day early, June 2024 silently May 2020.
#[test]
fn general_number_serials_in_the_1904_system() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    // 2024-06-01 and 2024-04-01 in the 1904 system, as plain numbers.
    let june = 45_444.0 - 1462.0;
    let april = 45_383.0 - 1462.0;
    for (r, id) in ["A1", "A2", "B1"].into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_number(r, 1, june).unwrap();
        sheet.write_number(r, 3, 100).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
    }
    sheet.write_number(2, 5, april).unwrap();
    let book = in_1904_system(&book.save_to_buffer().unwrap());
    w.write("reports/进度.xlsx", book);
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_summary(
        &run,
        "3 projects, 3 report rows (2024-06) in 2 files: 0 errors, 0 warnings, 0 notes (no problems)",
    );
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(doc["overview"]["reported"], 3);
    assert_eq!(common::project(&doc, "A2")["actual_start"], "2024-04");
}

#[test]
fn last_months_year_to_date_beside_this_months_is_not_read() {
    // June's form keeps May's 1-5月 beside 本月 and 1-6月: the first of the two year-to-date
    // columns was read, every row then "the year-to-date to month 5" (an error) and A1 2000.
    // And 上月累计 under the group header made it no header at all (the file refused).
    for (header, note) in [
        (
            "项目编号,报告月份,1-5月完成投资（万元）,本月完成投资（万元）,1-6月完成投资（万元）,项目状态,实际开工时间\n",
            "reports/2024-06.csv:1:3: note: column 3 \"1-5月完成投资（万元）\" is the \
             year-to-date to an earlier month than column 5 \"1-6月完成投资（万元）\"; using \
             column 5",
        ),
        (
            "项目编号,报告月份,完成投资（万元）,,,项目状态,实际开工时间\n\
             ,,1-5月,本月,1-6月,,\n",
            "reports/2024-06.csv:2:3: note: column 3 \"1-5月完成投资（万元）\" is the \
             year-to-date to an earlier month",
        ),
        (
            "项目编号,报告月份,完成投资（万元）,,,项目状态,实际开工时间\n\
             ,,上月累计,当月,累计,,\n",
            "reports/2024-06.csv:1: note: read lines 1 and 2 as one header row: \
             当月完成投资（万元）, 累计完成投资（万元）",
        ),
    ] {
        let w = registry_only();
        w.write(
            "reports/2024-06.csv",
            format!(
                "{header}A1,2024-06,2000,100,2100,在建,\nA2,2024-06,250,50,300,在建,2024-04\n\
                 B1,2024-06,0,0,0,前期,\n"
            ),
        );
        let run = w.run(&["check"]);
        run.expect_code(0).expect_line(note);
        expect_no_severity(&run, "error");
        expect_no_severity(&run, "warning");
        let doc = common::report_json(&w, &["--month", "2024-06"]);
        assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
        assert_eq!(common::project(&doc, "A2")["ytd_investment"], 300.0);
        assert_eq!(common::project(&doc, "A2")["month_investment"], 50.0);
    }
}

#[test]
fn a_year_to_date_saying_no_month_is_not_passed_over_for_last_months() {
    // 本年累计 beside May's 1-5月: this year's is read (not May's, every row then an error).
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,本年累计完成投资,1-5月完成投资,本月完成投资
         A1,2024-06,2100,2000,100
A2,2024-06,300,250,50
B1,2024-06,0,0,0
",
    );
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_no_severity(&run, "error");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
}

/// A year-to-date column of another month's header is an error advising a header xmtool reads
/// (1-6月完成投资, not a bare 1-6月, which names no figure); renamed to the bare months, the
/// column is named as not read, not passed over in silence (year-to-date then summed from 本月).
#[test]
fn a_year_to_date_of_months_alone_is_named_not_passed_over() {
    let w = registry_only();
    let june = |header: &str| {
        format!(
            "项目编号,报告月份,本月完成投资（万元）,{header},项目状态\n\
             A1,2024-06,100,2100,在建\nA2,2024-06,50,300,在建\n"
        )
    };
    w.write("reports/2024-06.csv", june("1-5月完成投资（万元）"));
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:4: error: 1-5月完成投资（万元） is the year-to-date to month 5, \
         but the row is for 2024-06 (expected a header 1-6月完成投资, or the row in month 5's \
         report)",
    );
    for header in ["1-6月", "2024年1-6月", "1-6月（万元）", "1月至6月"] {
        w.write("reports/2024-06.csv", june(header));
        w.run(&["check"]).expect_code(0).expect_line(&format!(
            "reports/2024-06.csv:1:4: warning: column 4 \"{header}\" is not read (not a header \
             xmtool knows), and with no 累计完成投资 column year-to-date is summed from \
             本月完成投资 alone"
        ));
    }
    // As advised, it is read.
    w.write("reports/2024-06.csv", june("1-6月完成投资"));
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_no_severity(&run, "error");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
}

/// A period in a header's brackets was passed over as if it were a unit: June's
/// `累计完成投资（截至5月底）` was read as June's year-to-date, `本月完成投资（5月）` as June's
/// figure, and of `累计完成投资（上月）` beside `（本月）` last month's was read. They are read as the
/// same words written before the header are: `截至5月底累计完成投资`, `5月完成投资`, `上月累计完成投资`.
#[test]
fn a_period_in_brackets_is_read_as_the_same_words_unbracketed() {
    let w = registry_only();
    let june = |header: &str, a1: &str, a2: &str| {
        format!("项目编号,报告月份,项目状态,{header}\nA1,2024-06,在建,{a1}\nA2,2024-06,在建,{a2}\n")
    };
    w.write(
        "reports/2024-06.csv",
        june(
            "累计完成投资（截至5月底）,本月完成投资",
            "2000,100",
            "250,50",
        ),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:4: error: 累计完成投资（截至5月底） is the year-to-date to month 5, \
         but the row is for 2024-06 (expected a header 1-6月完成投资, or the row in month 5's \
         report)",
    );
    // Beside June's own, May's is not read, and says so.
    w.write(
        "reports/2024-06.csv",
        june(
            "累计完成投资（截至5月底）,本月完成投资,累计完成投资（截至6月底）",
            "2000,100,2100",
            "250,50,300",
        ),
    );
    w.run(&["check"]).expect_code(0).expect_line(
        "reports/2024-06.csv:1:4: note: column 4 \"累计完成投资（截至5月底）\" is the year-to-date \
         to an earlier month than column 6 \"累计完成投资（截至6月底）\"; using column 6",
    );
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
    w.write(
        "reports/2024-06.csv",
        june("本月完成投资（5月）", "100", "50"),
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.csv:2:4: error: 本月完成投资（5月） is the figure of month 5, but the row \
         is for 2024-06",
    );
    // Last month's, for reference, is not read; this month's is.
    w.write(
        "reports/2024-06.csv",
        june(
            "累计完成投资（上月）,累计完成投资（本月）",
            "2000,2100",
            "250,300",
        ),
    );
    let run = w.run(&["check"]);
    run.expect_code(0);
    expect_no_severity(&run, "error");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 2100.0);
    assert_eq!(common::project(&doc, "A2")["ytd_investment"], 300.0);
}

#[test]
fn year_to_date_said_in_other_words_is_read() {
    for header in [
        "年度累计完成投资",
        "今年累计完成投资",
        "自年初累计完成投资",
        "年初至今完成投资",
        "截至本月累计完成投资（万元）",
    ] {
        let w = registry_only();
        w.write(
            "reports/2024-06.csv",
            format!("项目编号,报告月份,{header}\nA1,2024-06,2100\nA2,2024-06,300\nB1,2024-06,0\n"),
        );
        let run = w.run(&["check"]);
        run.expect_code(0);
        expect_no_severity(&run, "error");
        let doc = common::report_json(&w, &["--month", "2024-06"]);
        assert_eq!(
            common::project(&doc, "A1")["ytd_investment"],
            2100.0,
            "{header}"
        );
    }
}

#[test]
fn a_month_typed_as_a_number_and_merged_down_holds_in_each_row() {
    // 报告月份 202406 (a number) merged over the three rows: the rows below were "empty" (an
    // error), where the same month as text was read in each.
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in ["项目编号", "报告月份", "累计完成投资"].iter().enumerate() {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, ytd)) in [("A1", 2100.0), ("A2", 300.0), ("B1", 0.0)]
        .into_iter()
        .enumerate()
    {
        sheet.write_string(r as u32 + 1, 0, id).unwrap();
        sheet.write_number(r as u32 + 1, 2, ytd).unwrap();
    }
    sheet.merge_range(1, 1, 3, 1, "", &Format::new()).unwrap();
    sheet.write_number(1, 1, 202406.0).unwrap();
    let w = registry_only();
    w.write("reports/东区.xlsx", book.save_to_buffer().unwrap());
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line("3 report rows (2024-06)");
    expect_no_severity(&run, "error");
    // (A2, a new start, reports investment with no status saying it started: that alone.)
    assert_eq!(
        run.stdout().matches(": warning: ").count(),
        1,
        "{}",
        run.stdout()
    );
    run.expect_line("warning: investment is reported for A2, a new start");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A2")["ytd_investment"], 300.0);
}

#[test]
fn sixteen_digit_ids_stored_in_full_keep_their_digits() {
    // A workbook written by a program other than a spreadsheet holds 2024320500012310 and
    // 2024320500012311 exactly: cut to 15 digits they were one id, "appears twice".
    let w = Workdir::new();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in [
        "项目编号",
        "项目名称",
        "所属县区",
        "建设性质",
        "总投资",
        "年度计划投资",
    ]
    .iter()
    .enumerate()
    {
        sheet.write_string(0, c as u16, *h).unwrap();
    }
    for (r, (id, name)) in [
        (2_024_320_500_012_310.0, "甲"),
        (2_024_320_500_012_311.0, "乙"),
    ]
    .into_iter()
    .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_number(r, 0, id).unwrap();
        sheet.write_string(r, 1, name).unwrap();
        sheet.write_string(r, 2, "东区").unwrap();
        sheet.write_string(r, 3, "续建").unwrap();
        sheet.write_number(r, 4, 5000.0).unwrap();
        sheet.write_number(r, 5, 1000.0).unwrap();
    }
    w.write("projects.xlsx", book.save_to_buffer().unwrap())
        .write(
            "reports/2024-06.csv",
            "项目编号,累计完成投资\n=\"2024320500012310\",100\n=\"2024320500012311\",200\n",
        );
    let run = w.run(&["check"]);
    run.expect_code(0).expect_no_line("appears twice");
    // The one ending in 0 may have been cut by a spreadsheet: still said.
    run.expect_line("projects.xlsx:A2: warning: 项目编号 2024320500012310 is a number cell");
    run.expect_no_line("2024320500012311 is a number cell");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        common::project(&doc, "2024320500012311")["ytd_investment"],
        200.0
    );
}

#[test]
fn section_headings_under_a_district_merged_down_are_skipped() {
    // 金川区 merged down over its section headings (（一）续建项目 in the merge's top row,
    // （二）新建项目 within it) and their projects: the headings held the district too, and were
    // read as projects with no id, no name and no figures (errors on each).
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in REGISTRY_HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    sheet.write_string(1, 1, "（一）续建项目").unwrap();
    sheet.write_string(3, 1, "（二）新建项目").unwrap();
    let projects = [
        (2, "A1", "金川路网", "续建", 10000.0, 4000.0, "2023-03"),
        (4, "A2", "金川学校", "新建", 5000.0, 2000.0, "2024-03"),
        (5, "B1", "河西园区", "新建", 8000.0, 3000.0, "2024-02"),
    ];
    for (row, id, name, nature, total, plan, start) in projects {
        sheet.write_string(row, 0, id).unwrap();
        sheet.write_string(row, 1, name).unwrap();
        sheet.write_string(row, 3, nature).unwrap();
        sheet.write_number(row, 4, total).unwrap();
        sheet.write_number(row, 5, plan).unwrap();
        sheet.write_string(row, 6, start).unwrap();
    }
    sheet
        .merge_range(1, 2, 4, 2, "金川区", &Format::new())
        .unwrap();
    sheet.write_string(5, 2, "河西区").unwrap();
    let bytes = book.save_to_buffer().unwrap();
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.xlsx", bytes)
        .write("reports/2024-06.csv", report_text(&JUNE, "\n"));
    let run = w.run(&["check"]);
    run.expect_code(0)
        .expect_line("projects.xlsx:2: note: skipped the heading row \"（一）续建项目\"")
        .expect_line("projects.xlsx:4: note: skipped the heading row \"（二）新建项目\"");
    expect_no_severity(&run, "error");
    expect_no_severity(&run, "warning");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::group(&doc, "金川区")["projects"], 2);
    assert_eq!(common::project(&doc, "A2")["district"], "金川区");
}

/// An amount whose number format shows a unit after it reads as the cell shows it, with that
/// unit, whatever its places and zeros, as a CSV file saved from the workbook does: 0.06 in
/// `0"亿"` is 600 万元 (it was 0.06, and 3 in `00"亿元"` 30000), 5000000 in `#,##0"元"` 500 万元.
#[test]
fn workbook_amounts_formatted_with_a_unit_are_read_in_it() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet_with_progress(&mut book);
    let rows: [(&str, f64, &str); 3] = [
        ("A1", 0.04, "0.00\"亿元\""),
        ("A2", 5_000_000.0, "#,##0\"元\""),
        ("B1", 0.06, "0\"亿\""),
    ];
    for (r, (id, ytd, code)) in (1..).zip(rows) {
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        let format = Format::new().set_num_format(code);
        sheet.write_number_with_format(r, 3, ytd, &format).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
        let percent_sign = Format::new().set_num_format("0\"%\"");
        sheet
            .write_number_with_format(r, 6, 12, &percent_sign)
            .unwrap();
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(0).expect_no_line(": error:");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    for (id, ytd) in [("A1", 400.0), ("A2", 500.0), ("B1", 600.0)] {
        assert_eq!(
            common::project(&doc, id)["ytd_investment"],
            ytd,
            "{id} {doc}"
        );
        assert_eq!(common::project(&doc, id)["progress"], "12%", "{id} {doc}");
    }
}

/// A cell naming its own unit, `5千` (of 元), is read in it, not in the header's as well.
#[test]
fn a_cell_in_thousands_under_a_header_in_yi_is_read_in_thousands() {
    let w = registry_only();
    w.write(
        "reports/2024-06.csv",
        "项目编号,报告月份,累计完成投资（亿元）\nA1,2024-06,5千\nB1,2024-06,0.5\n",
    );
    w.run(&["check"]).expect_no_line(": error:");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A1")["ytd_investment"], 0.5, "{doc}");
    assert_eq!(
        common::project(&doc, "B1")["ytd_investment"],
        5000.0,
        "{doc}"
    );
}

/// Formats that show a number otherwise than it is held read as shown, as a CSV file saved
/// from the workbook holds them; each was read as the number held, with no finding.
#[test]
fn workbook_amounts_in_formats_showing_them_otherwise_are_read_as_shown() {
    let cases: [(&str, f64, f64); 11] = [
        // 元 shown as 万元 by a point of the format's own: 12.3456, 12.3万 (read 10,000 times
        // over).
        ("0!.0000", 123_456.0, 12.3456),
        ("0\".\"0000", 123_456.0, 12.3456),
        ("0!.0,\"万\"", 123_456.0, 12.3456),
        // A section chosen by a condition: 12.3456万元, 5000元.
        ("[>=10000]0!.0000\"万元\";0\"元\"", 123_456.0, 12.3456),
        ("[>=10000]0!.0000\"万元\";0\"元\"", 5000.0, 0.5),
        // Units of thousands and millions: 5千元, 1.5百万元.
        ("#,##0\"千元\"", 5.0, 0.5),
        ("0.00\"百万元\"", 1.5, 150.0),
        // Thousands divided away by a comma: 123.456千 (元), 2.5 (万元, of 25,000 held).
        ("0.0,\"千\"", 123_456.0, 12.3456),
        ("0.0,", 2500.0, 2.5),
        // Chinese numerals: 三.二六亿元, 伍仟元.
        ("[DBNum1][$-804]0.00\"亿元\"", 3.256, 32560.0),
        ("[DBNum2][$-804]G/通用格式\"元\"", 5000.0, 0.5),
    ];
    let w = registry_only();
    for (code, held, read) in cases {
        let mut book = Workbook::new();
        let sheet = report_sheet_with_progress(&mut book);
        sheet.write_string(1, 0, "A1").unwrap();
        sheet.write_string(1, 1, "2024-06").unwrap();
        let format = Format::new().set_num_format(code);
        sheet.write_number_with_format(1, 3, held, &format).unwrap();
        sheet.write_string(1, 4, "在建").unwrap();
        w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
        w.run(&["check"]).expect_no_line(": error:");
        let doc = common::report_json(&w, &["--month", "2024-06"]);
        let got = &common::project(&doc, "A1")["ytd_investment"];
        assert_eq!(*got, read, "{held} in {code}");
    }
}

/// Codes typed as numbers in cells formatted to pad them (`000`, `"XM"0000`) are the codes the
/// clerk sees, 001 and XM0012, not 1 and 12: a registry in a workbook so matches reports that
/// write its codes as text, and the bulletin names them as the workbook shows them.
#[test]
fn workbook_codes_formatted_with_zeros_are_read_as_shown() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n");
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in REGISTRY_HEADER.split(',').enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    let padded = Format::new().set_num_format("000");
    let prefixed = Format::new().set_num_format("\"XM\"0000");
    let rows: [(f64, &Format, &str, f64); 2] = [
        (1.0, &padded, "东区", 1000.0),
        (12.0, &prefixed, "西区", 3000.0),
    ];
    for (r, (id, format, district, plan)) in rows.into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_number_with_format(r, 0, id, format).unwrap();
        sheet.write_string(r, 1, format!("项目{r}")).unwrap();
        sheet.write_string(r, 2, district).unwrap();
        sheet.write_string(r, 3, "续建").unwrap();
        sheet.write_number(r, 4, plan * 3.0).unwrap();
        sheet.write_number(r, 5, plan).unwrap();
    }
    w.write("projects.xlsx", book.save_to_buffer().unwrap())
        .write(
            "reports/2024-06.csv",
            format!("{REPORT_HEADER}\n001,2024-06,10,400,在建,\nXM0012,2024-06,20,600,在建,\n"),
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line(": error:")
        .expect_no_line(": warning:");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        common::project(&doc, "001")["ytd_investment"],
        400.0,
        "{doc}"
    );
    assert_eq!(
        common::project(&doc, "XM0012")["ytd_investment"],
        600.0,
        "{doc}"
    );
    // A report in a workbook, its codes formatted so too, against a registry of text codes.
    w.write(
        "projects.csv",
        format!(
            "{REGISTRY_HEADER}\n001,项目1,东区,续建,3000,1000,\nXM0012,项目2,西区,续建,9000,3000,\n"
        ),
    );
    std::fs::remove_file(w.file("projects.xlsx")).unwrap();
    std::fs::remove_file(w.file("reports/2024-06.csv")).unwrap();
    let mut book = Workbook::new();
    let sheet = report_sheet(&mut book);
    for (r, (id, format, ytd)) in [(1.0, &padded, 40.0), (12.0, &prefixed, 60.0)]
        .into_iter()
        .enumerate()
    {
        let r = r as u32 + 1;
        sheet.write_number_with_format(r, 0, id, format).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        // An amount formatted with zeros reads as the amount it is.
        sheet.write_number_with_format(r, 3, ytd, &padded).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
    }
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(0).expect_no_line(": error:");
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(
        common::project(&doc, "001")["ytd_investment"],
        40.0,
        "{doc}"
    );
    assert_eq!(
        common::project(&doc, "XM0012")["ytd_investment"],
        60.0,
        "{doc}"
    );
}

/// A cell typed `85%` holds 0.85 in a percent format: in 形象进度 it is the `85%` the clerk
/// wrote, as a CSV file saved from the workbook holds it, not 0.85. An amount so formatted is
/// no amount in 万元, as in a CSV file.
#[test]
fn workbook_percents_are_read_as_shown() {
    let w = registry_only();
    let mut book = Workbook::new();
    let sheet = report_sheet_with_progress(&mut book);
    let whole = Format::new().set_num_format("0%");
    let tenths = Format::new().set_num_format("0.0%");
    let rows: [(&str, f64, &Format); 2] = [("A1", 0.85, &whole), ("A2", 0.855, &tenths)];
    for (r, (id, progress, format)) in rows.into_iter().enumerate() {
        let r = r as u32 + 1;
        sheet.write_string(r, 0, id).unwrap();
        sheet.write_string(r, 1, "2024-06").unwrap();
        sheet.write_number(r, 2, 10.0).unwrap();
        sheet.write_number(r, 3, 100.0).unwrap();
        sheet.write_string(r, 4, "在建").unwrap();
        sheet
            .write_number_with_format(r, 6, progress, format)
            .unwrap();
    }
    sheet.write_string(3, 0, "B1").unwrap();
    sheet.write_string(3, 1, "2024-06").unwrap();
    sheet.write_number_with_format(3, 3, 0.4, &whole).unwrap();
    w.write("reports/2024-06.xlsx", book.save_to_buffer().unwrap());
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024-06.xlsx:D4: error: 累计完成投资（万元） \"40%\" is a percentage, not an \
             amount (a cell in a percent format, 百分比, shows its number times 100 with %: give \
             it the format 常规 or 数值, then type the amount)",
    );
    let doc = common::report_json(&w, &["--month", "2024-06", "--allow-errors"]);
    assert_eq!(common::project(&doc, "A1")["progress"], "85%", "{doc}");
    assert_eq!(common::project(&doc, "A2")["progress"], "85.5%", "{doc}");
}

#[test]
fn a_city_forms_usual_headers_are_read() {
    // 县（市、区） is the district column of most city forms (its bracket not compared: 县);
    // 计划总投资, 年度计划完成投资 and 项目编码 are the forms' words too. Each was a required
    // column missing.
    for (district, id) in [
        ("县（市、区）", "项目编码"),
        ("所属县（区）", "统一项目代码"),
    ] {
        let w = Workdir::new();
        w.write("xmtool.toml", "year = 2024\n")
            .write(
                "projects.csv",
                format!(
                    "{id},项目名称,{district},建设性质,计划总投资（万元）,年度计划完成投资（万元）\n\
                     A1,金川路网,金川区,续建,10000,4000\n"
                ),
            )
            .write(
                "reports/2024-06.csv",
                format!("{id},累计完成投资（万元）,项目状态\nA1,1000,在建\n"),
            );
        w.run(&["check"]).expect_code(0);
        let doc = report_json(&w, &["--month", "2024-06"]);
        let a1 = project(&doc, "A1");
        assert_eq!(a1["district"], "金川区", "{district}");
        assert_eq!(a1["annual_plan"], 4000.0, "{district}");
        assert_eq!(a1["ytd_investment"], 1000.0, "{district}");
    }
}

#[test]
fn a_months_number_in_a_years_folder_is_that_month() {
    // An archive kept as reports/2024/06/东区.csv or reports/2024/5.csv: each was "no month in
    // its name".
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", small_registry())
        .write(
            "reports/2024/06/金川区.csv",
            "项目编号,累计完成投资,项目状态\nA1,600,在建\nA2,0,前期\n",
        )
        .write(
            "reports/2024/5.csv",
            "项目编号,累计完成投资,项目状态\nA1,500,在建\nA2,0,前期\nB1,0,前期\n",
        );
    w.run(&["check"])
        .expect_code(0)
        .expect_line("3 projects, 5 report rows (2024-05 to 2024-06) in 3 files");
    // A number that is no month's is none.
    w.write(
        "reports/2024/13/金川区.csv",
        "项目编号,累计完成投资,项目状态\nA1,600,在建\n",
    );
    w.run(&["check"]).expect_code(1).expect_line(
        "reports/2024/13/金川区.csv:1: error: has no 报告月份 column and no month in its name",
    );
}

//! `xmtool export` and `xmtool template`: what they write opens in spreadsheets and reads back
//! to the same figures.

mod common;

use std::collections::HashMap;
use std::io::Cursor;

use calamine::{Data, Reader};
use common::{Workdir, demo};
use serde_json::Value;

/// Reads a CSV file xmtool wrote: UTF-8 with a BOM (or GBK), into records.
fn read_csv(bytes: &[u8], gbk: bool) -> Vec<Vec<String>> {
    let text = if gbk {
        encoding_rs::GBK
            .decode_without_bom_handling(bytes)
            .0
            .into_owned()
    } else {
        let rest = bytes
            .strip_prefix(b"\xEF\xBB\xBF")
            .expect("a byte-order mark");
        String::from_utf8(rest.to_vec()).unwrap()
    };
    assert!(text.contains("\r\n"), "CRLF line ends");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(as_excel_shows).collect())
        .collect()
}

/// A cell as Excel shows it: `="007"` is the text 007.
fn as_excel_shows(cell: &str) -> String {
    match cell.strip_prefix("=\"").and_then(|c| c.strip_suffix('"')) {
        Some(text) => text.to_string(),
        None => cell.to_string(),
    }
}

fn number(s: &str) -> f64 {
    if let Some(p) = s.strip_suffix('%') {
        p.parse::<f64>().unwrap() / 100.0
    } else {
        s.parse().unwrap_or_else(|_| panic!("not a number: {s:?}"))
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn report_json_by(w: &Workdir, by: &str) -> Value {
    let run = w.run(&[
        "report", "--month", "2024-06", "--format", "json", "--by", by,
    ]);
    run.expect_code(0);
    run.json()
}

#[test]
fn exported_csv_and_workbook_read_back_to_the_json_figures() {
    let w = demo();
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0)
    .expect_stderr("wrote 22 files");
    let doc = report_json_by(&w, "district");

    // progress-district.csv: each group's other figures, in the ranking's order.
    let progress = read_csv(&w.read("out/progress-district.csv"), false);
    let head = &progress[0];
    let at = |name: &str| {
        head.iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let groups = doc["ranking"].as_array().unwrap();
    assert_eq!(progress.len() - 1, groups.len());
    for (row, g) in progress[1..].iter().zip(groups) {
        assert_eq!(row[at("县区")], g["group"].as_str().unwrap());
        for (column, key) in [
            ("新开工项目开工率(分子)", "new_started"),
            ("新开工项目开工率(分母)", "new_projects"),
            ("逾期未开工", "overdue"),
            ("开而不动", "idle"),
            ("达到序时进度占比(分子)", "on_target"),
            ("达到序时进度占比(分母)", "on_target_base"),
        ] {
            assert_eq!(row[at(column)], g[key].to_string(), "{column}");
        }
        assert!(close(
            number(&row[at("尚需月均完成(万元)")]),
            g["required_pace"].as_f64().unwrap()
        ));
    }

    // ranking-district.csv: every group's figures equal the JSON's.
    let ranking = read_csv(&w.read("out/ranking-district.csv"), false);
    let header = &ranking[0];
    let col = |name: &str| {
        header
            .iter()
            .position(|h| h == name)
            .unwrap_or_else(|| panic!("{name}"))
    };
    let by_group: HashMap<&str, &Value> = doc["ranking"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["group"].as_str().unwrap(), g))
        .collect();
    assert_eq!(ranking.len() - 1, by_group.len());
    for row in &ranking[1..] {
        let g = by_group[row[col("县区")].as_str()];
        assert_eq!(row[col("排名")], g["rank"].to_string());
        assert!(close(
            number(&row[col("年度计划(万元)")]),
            g["annual_plan"].as_f64().unwrap()
        ));
        assert!(close(
            number(&row[col("累计完成(万元)")]),
            g["ytd_investment"].as_f64().unwrap()
        ));
        assert!(close(
            number(&row[col("完成率")]),
            g["completion_rate"].as_f64().unwrap()
        ));
        assert_eq!(row[col("开工率(分子)")], g["started"].to_string());
        assert_eq!(
            row[col("开工率(分母：全部项目)")],
            g["start_base"].to_string()
        );
        assert!(close(
            number(&row[col("开工率")]),
            g["start_rate"].as_f64().unwrap()
        ));
        assert!(close(
            number(&row[col("得分")]) / 100.0,
            g["score"].as_f64().unwrap()
        ));
    }

    // projects.csv: each project's year-to-date and light.
    let projects = read_csv(&w.read("out/projects.csv"), false);
    let ph = &projects[0];
    let pcol = |name: &str| ph.iter().position(|h| h == name).unwrap();
    let json_projects = doc["projects"].as_array().unwrap();
    assert_eq!(projects.len() - 1, json_projects.len());
    for (row, p) in projects[1..].iter().zip(json_projects) {
        assert_eq!(row[pcol("项目编号")], p["id"].as_str().unwrap());
        assert!(close(
            number(&row[pcol("累计完成(万元)")]),
            p["ytd_investment"].as_f64().unwrap()
        ));
        let light = match p["light"].as_str().unwrap() {
            "red" => "红",
            "yellow" => "黄",
            _ => "绿",
        };
        assert_eq!(row[pcol("灯")], light);
    }

    // The workbook: a sheet per table with numbers as numbers, codes as text, and 说明.
    let bytes = w.read("out/xmtool-2024-06.xlsx");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    for sheet in ["总体情况", "县区排名", "项目明细", "逾期未开工项目", "说明"]
    {
        assert!(
            names.iter().any(|n| n == sheet),
            "no sheet {sheet} in {names:?}"
        );
    }
    let sheet = book.worksheet_range("县区排名").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    let xcol = |name: &str| header.iter().position(|h| h == name).unwrap();
    for row in sheet.rows().skip(1).take(by_group.len()) {
        let g = by_group[row[xcol("县区")].to_string().as_str()];
        match (&row[xcol("累计完成(万元)")], &row[xcol("完成率")]) {
            (Data::Float(ytd), Data::Float(rate)) => {
                assert!(close(*ytd, g["ytd_investment"].as_f64().unwrap()));
                let json_rate = g["completion_rate"].as_f64().unwrap();
                assert!((rate - json_rate).abs() < 5e-5, "{rate} vs {json_rate}");
            }
            other => panic!("amounts and rates must be numbers: {other:?}"),
        }
    }
    let projects_sheet = book.worksheet_range("项目明细").unwrap();
    let codes: Vec<&Data> = projects_sheet.rows().skip(1).map(|r| &r[0]).collect();
    assert!(
        codes.iter().all(|c| matches!(c, Data::String(_))),
        "codes are text"
    );
    assert!(
        codes
            .iter()
            .any(|c| matches!(c, Data::String(s) if s == "2212-620306-04-03-389157"))
    );
    let about = book.worksheet_range("说明").unwrap();
    let about_text: Vec<String> = about
        .rows()
        .flat_map(|r| r.iter().map(|c| c.to_string()))
        .collect();
    assert!(about_text.iter().any(|t| t == "projects.csv"));
    assert!(
        about_text
            .iter()
            .any(|t| t.len() == 64 && t.chars().all(|c| c.is_ascii_hexdigit()))
    );
    assert!(about_text.iter().any(|t| t.starts_with("xmtool ")));
    // Each input's size is a number, as its header and the other files' say.
    let registry_row = about
        .rows()
        .find(|r| r[0] == Data::String("projects.csv".into()))
        .unwrap();
    assert_eq!(
        registry_row[2],
        Data::Float(w.read("projects.csv").len() as f64)
    );

    // overview.csv: each figure with its numerator and denominator.
    let overview = read_csv(&w.read("out/overview.csv"), false);
    let figure = |label: &str| {
        overview
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("no {label}"))
            .clone()
    };
    let o = &doc["overview"];
    assert!(close(
        number(&figure("年度计划投资")[1]),
        o["annual_plan"].as_f64().unwrap()
    ));
    assert!(close(
        number(&figure("累计完成投资")[1]),
        o["ytd_investment"].as_f64().unwrap()
    ));
    assert!(close(
        number(&figure("投资完成率")[1]),
        o["completion_rate"].as_f64().unwrap()
    ));
    // (The rate of amounts, too: its numerator and denominator were empty cells.)
    let completion = figure("投资完成率");
    assert!(close(
        number(&completion[2]),
        o["ytd_investment"].as_f64().unwrap()
    ));
    assert!(close(
        number(&completion[3]),
        o["annual_plan"].as_f64().unwrap()
    ));
    let overview_sheet = book.worksheet_range("总体情况").unwrap();
    let completion_row = overview_sheet
        .rows()
        .find(|r| r[0] == Data::String("投资完成率".into()))
        .unwrap();
    assert!(
        matches!(completion_row[2], Data::Float(x) if close(x, o["ytd_investment"].as_f64().unwrap())),
        "{completion_row:?}"
    );
    let start = figure("开工率(分母：全部项目)");
    assert_eq!((start[2].as_str(), start[3].as_str()), ("137", "151"));
    assert_eq!(figure("逾期未开工")[1], o["overdue"].to_string());
    assert_eq!(figure("红灯")[1], o["red"].to_string());

    // Every CSV reads back: a header and rows of the header's width.
    for entry in std::fs::read_dir(w.file("out")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "csv") {
            let records = read_csv(&std::fs::read(&path).unwrap(), false);
            assert!(!records.is_empty(), "{}", path.display());
            if !path.ends_with("about.csv") {
                assert!(
                    records.iter().all(|r| r.len() == records[0].len()),
                    "{}",
                    path.display()
                );
            }
        }
    }
    let red_sheet = book.worksheet_range("红灯项目").unwrap();
    assert_eq!(red_sheet.height() - 1, o["red"].as_u64().unwrap() as usize);

    // about.csv records the inputs with sizes and hashes, in one table: every row as wide.
    let about_csv = read_csv(&w.read("out/about.csv"), false);
    assert!(about_csv.iter().all(|row| row.len() == 4), "{about_csv:?}");
    let registry = about_csv.iter().find(|r| r[0] == "projects.csv").unwrap();
    assert_eq!(registry[2], w.read("projects.csv").len().to_string());
    assert_eq!(registry[3], common::sha256_hex(&w.read("projects.csv")));
    // The settings file among them, and the options the export was made with.
    let settings = about_csv.iter().find(|r| r[0] == "xmtool.toml").unwrap();
    assert_eq!(settings[1], "设置");
    assert_eq!(settings[2], w.read("xmtool.toml").len().to_string());
    assert_eq!(settings[3], common::sha256_hex(&w.read("xmtool.toml")));
    let options: Vec<&str> = about_csv
        .iter()
        .filter(|r| r[0] == "选项")
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(
        options,
        [
            "by = district,department,leader,category,level,stage",
            "encoding = utf8",
            "lang = zh"
        ]
    );
    // And what check finds in the data, counted.
    let check = about_csv.iter().find(|r| r[0] == "数据检查").unwrap();
    assert!(check[1].starts_with("0 个错误，"), "{check:?}");
    // Its period is text a spreadsheet keeps as text, not the date 2024-06-01.
    let about_text = String::from_utf8_lossy(&w.read("out/about.csv")).into_owned();
    assert!(
        about_text.contains("通报期,\"=\"\"2024-06\"\"\""),
        "{about_text}"
    );
}

#[test]
fn the_projects_table_has_the_registrys_grouping_columns() {
    // A ranking by 包抓领导 (or 项目级别, 年度目标) could not be traced to its projects in
    // projects.csv or the workbook's 项目明细: they had no such column, though JSON has them.
    // Each is there where the registry fills it in, beside the columns it groups with; a column
    // no project fills in is left out, and the columns there before keep their order.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,责任单位,包抓领导,项目类别,项目级别,建设性质,投资主体,年度目标,总投资,年度计划投资\n\
         A1,路网,甲区,交通局,张三,基础设施,省级,续建,政府,加快建设,3000,2000\n\
         A2,学校,乙区,教育局,李四,社会民生,市级,续建,,加快建设,3000,2000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1000\nA2,500\n");
    june_export(&w, "out", &[]);
    let projects = read_csv(&w.read("out/projects.csv"), false);
    assert_eq!(
        projects[0][..11],
        [
            "项目编号",
            "项目名称",
            "县区",
            "责任单位",
            "包抓领导",
            "项目类别",
            "项目级别",
            "建设性质",
            "投资主体",
            "年度目标",
            "总投资(万元)"
        ]
    );
    assert_eq!(
        projects[2][..10],
        [
            "A2",
            "学校",
            "乙区",
            "教育局",
            "李四",
            "社会民生",
            "市级",
            "续建",
            "",
            "加快建设"
        ]
    );
    // Each leader's ranked figures are the sum of the projects the table names for them.
    let ranking = read_csv(&w.read("out/ranking-leader.csv"), false);
    let at = |name: &str| ranking[0].iter().position(|h| h == name).unwrap();
    let zhang = ranking
        .iter()
        .find(|r| r[at("包抓领导")] == "张三")
        .unwrap();
    assert_eq!(zhang[at("累计完成(万元)")], "1000");
    // The workbook's sheet has them too.
    let bytes = w.read("out/xmtool-2024-06.xlsx");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("项目明细").unwrap();
    let header: Vec<String> = sheet
        .rows()
        .next()
        .unwrap()
        .iter()
        .map(|c| c.to_string())
        .collect();
    assert_eq!(header, projects[0]);
    // A registry without them: the table as before.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,甲区,续建,3000,2000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1000\n");
    june_export(&w, "out", &[]);
    let projects = read_csv(&w.read("out/projects.csv"), false);
    assert_eq!(
        projects[0][..7],
        [
            "项目编号",
            "项目名称",
            "县区",
            "责任单位",
            "项目类别",
            "建设性质",
            "总投资(万元)"
        ]
    );
}

#[test]
fn gbk_export_holds_the_same_text() {
    let w = demo();
    let (a, b) = (w.file("utf8"), w.file("gbk"));
    w.run(&["export", "--month", "2024-06", "--out", a.to_str().unwrap()])
        .expect_code(0);
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        b.to_str().unwrap(),
        "--encoding",
        "gbk",
    ])
    .expect_code(0);
    for name in [
        "overview.csv",
        "ranking-district.csv",
        "projects.csv",
        "problems.csv",
    ] {
        let utf8 = read_csv(&w.read(&format!("utf8/{name}")), false);
        let gbk = read_csv(&w.read(&format!("gbk/{name}")), true);
        assert_eq!(utf8, gbk, "{name}");
    }
}

#[test]
fn gbk_export_names_the_cell_it_cannot_hold_and_writes_nothing() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,光伏😀项目,甲区,续建,100,50\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,10\n");
    let out = w.file("out");
    w.run(&["export", "--month", "2024-06", "--out", out.to_str().unwrap(), "--encoding", "gbk"])
        .expect_code(2)
        .expect_stderr("projects.csv (the export's table): row 2, column 2 (项目名称): \"光伏😀项目\" has the character '😀' (U+1F600), which GBK cannot hold");
    assert!(!out.exists(), "nothing written");
}

#[test]
fn gbk_export_escapes_a_file_name_gbk_cannot_hold_in_its_record() {
    // The record names every input file: a district's file named with an emoji refused the
    // whole export, though no table holds the name.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,光伏项目,甲区,续建,100,50\n",
    )
    .write(
        "reports/2024-06/甲区✅.csv",
        "项目编号,累计完成投资\nA1,10\n",
    );
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
        "--encoding",
        "gbk",
    ])
    .expect_code(0);
    let about = std::fs::read(out.join("about.csv")).unwrap();
    let (about, _, bad) = encoding_rs::GBK.decode(&about);
    assert!(!bad);
    assert!(
        about.contains("reports/2024-06/甲区\\u{2705}.csv,月报,"),
        "{about}"
    );
}

#[test]
fn formula_like_text_is_inert_and_negative_numbers_stay_numbers() {
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,=HYPERLINK(\"http://x\"),甲区,续建,1000,500\n\
         A2,@SUM(1),+乙区,续建,1000,500\n",
    )
    .write(
        "reports/2024-05.csv",
        "项目编号,累计完成投资\nA1,300\nA2,100\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,250\nA2,120\n",
    );
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let projects = read_csv(&w.read("out/projects.csv"), false);
    let a1 = projects.iter().find(|r| r[0] == "A1").unwrap();
    assert_eq!(a1[1], "'=HYPERLINK(\"http://x\")");
    let month_col = projects[0]
        .iter()
        .position(|h| h == "本月完成(万元)")
        .unwrap();
    assert_eq!(a1[month_col], "-50", "a negative figure stays a number");
    let a2 = projects.iter().find(|r| r[0] == "A2").unwrap();
    assert_eq!((a2[1].as_str(), a2[2].as_str()), ("'@SUM(1)", "'+乙区"));
    let ranking = read_csv(&w.read("out/ranking-district.csv"), false);
    assert!(ranking.iter().any(|r| r[2] == "'+乙区"));
    // In the workbook the same texts are plain strings (never formulas).
    let bytes = w.read("out/xmtool-2024-06.xlsx");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("项目明细").unwrap();
    assert_eq!(
        sheet.get((1, 1)),
        Some(&Data::String("=HYPERLINK(\"http://x\")".into()))
    );
    // And stay text when the cell is edited (F2, Enter): with a quote prefix, as `'=` typed.
    let bytes = w.read("out/xmtool-2024-06.xlsx");
    assert!(quote_prefixed(&bytes, "项目明细", "B2"));
    assert!(!quote_prefixed(&bytes, "项目明细", "A2"));
    july_templates(&w, &["--format", "xlsx"]);
    let bytes = w.read("tpl/2024-07/+乙区.xlsx");
    assert!(quote_prefixed(&bytes, "月报", "B2"), "@SUM(1)");
    assert!(!quote_prefixed(&bytes, "月报", "A2"));
}

/// Whether a workbook's cell (`B2`) of a sheet has a quote prefix: it stays text when edited.
fn quote_prefixed(book: &[u8], sheet: &str, cell: &str) -> bool {
    let parts = Parts::of(book, sheet);
    let at = parts.sheet.find(&format!("<c r=\"{cell}\"")).unwrap();
    parts
        .style_at(at)
        .is_some_and(|xf| xf.contains("quotePrefix=\"1\""))
}

/// The number formats of a sheet's cells that hold `value` (as the workbook writes it, `0.04`).
fn formats_of(book: &[u8], sheet: &str, value: &str) -> Vec<String> {
    let parts = Parts::of(book, sheet);
    let held = format!("<v>{value}</v>");
    (parts.sheet.match_indices(&held))
        .map(|(end, _)| {
            let at = parts.sheet[..end].rfind("<c ").unwrap();
            let xf = parts.style_at(at).unwrap_or_default();
            let id = xf
                .split("numFmtId=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            let code = (parts.styles.split("<numFmt ").skip(1))
                .find(|f| f.starts_with(&format!("numFmtId=\"{id}\"")))
                .map_or(id, |f| {
                    f.split("formatCode=\"")
                        .nth(1)
                        .unwrap()
                        .split('"')
                        .next()
                        .unwrap()
                });
            code.replace("&quot;", "\"")
        })
        .collect()
}

/// A workbook's sheet and styles, as XML.
struct Parts {
    sheet: String,
    styles: String,
}

impl Parts {
    fn of(book: &[u8], sheet: &str) -> Parts {
        let mut zip = zip::ZipArchive::new(Cursor::new(book)).unwrap();
        let mut part = |name: &str| {
            let mut text = String::new();
            std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut text).unwrap();
            text
        };
        let named = format!("name=\"{sheet}\"");
        let workbook = part("xl/workbook.xml");
        let n = (workbook.split("<sheet ").skip(1))
            .position(|s| s.starts_with(&named))
            .unwrap();
        Parts {
            sheet: part(&format!("xl/worksheets/sheet{}.xml", n + 1)),
            styles: part("xl/styles.xml"),
        }
    }

    /// The style (`<xf …`) of the cell whose tag starts at `at` in the sheet, if it has one.
    fn style_at(&self, at: usize) -> Option<&str> {
        let tag = &self.sheet[at..at + self.sheet[at..].find('>').unwrap()];
        let (_, style) = tag.split_once(" s=\"")?;
        let style: usize = style.split('"').next().unwrap().parse().unwrap();
        let xfs = self.styles.split("<cellXfs").nth(1).unwrap();
        xfs.split("<xf ").nth(style + 1)
    }
}

#[test]
fn points_that_round_to_nothing_show_no_sign_in_the_workbook() {
    // 50.04% and 49.96% against June's time target of 50%: the workbook showed +0.0 and -0.0,
    // where every other form shows 0.0. (A format of one section, `0.0`, still shows a
    // negative value's sign: the second section says none.)
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资（万元）,年度计划投资（万元）\n\
             A-1,略低,甲区,续建,10000,2500\nB-1,略高,乙区,续建,10000,2500\n\
             C-1,多,丙区,续建,10000,2500\n",
        )
        .write(
            "reports/2024-06.csv",
            "项目编号,报告月份,累计完成投资,项目状态\n\
             A-1,2024-06,1249,在建\nB-1,2024-06,1251,在建\nC-1,2024-06,1500,在建\n",
        );
    june_export(&w, "out", &[]);
    let book = w.read("out/xmtool-2024-06.xlsx");
    assert_eq!(formats_of(&book, "县区排名", "0.04"), ["0.0;0.0"]);
    assert_eq!(formats_of(&book, "县区排名", "-0.04"), ["0.0;0.0"]);
    assert_eq!(formats_of(&book, "县区排名", "10"), ["+0.0;-0.0;0.0"]);
}

#[test]
fn existing_outputs_are_kept_without_force() {
    let w = demo();
    let out = w.file("out");
    let out = out.to_str().unwrap();
    w.run(&["export", "--month", "2024-06", "--out", out])
        .expect_code(0);
    let before = w.read("out/overview.csv");
    w.run(&["export", "--month", "2024-05", "--out", out])
        .expect_code(2)
        .expect_stderr("already has overview.csv");
    assert_eq!(w.read("out/overview.csv"), before);
    // June's workbook stays beside May's: named, so that no one takes it for this export's.
    w.run(&["export", "--month", "2024-05", "--out", out, "--force"])
        .expect_code(0)
        .expect_stderr("also has xmtool-2024-06.xlsx, not from this export");
    assert_ne!(w.read("out/overview.csv"), before);
    assert!(w.file("out/xmtool-2024-06.xlsx").exists());
    let stray: Vec<_> = std::fs::read_dir(w.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().starts_with(".xmtool"))
        .collect();
    assert!(stray.is_empty(), "temporary files left behind");
    // A way through a folder not there yet makes no such folder.
    let round = w.file("没有/../out-7");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        round.to_str().unwrap(),
    ])
    .expect_code(0);
    assert!(w.file("out-7/overview.csv").exists());
    assert!(!w.file("没有").exists());
}

#[test]
fn an_export_by_an_earlier_xmtool_is_one_to_write_over() {
    // Its about.csv's rows were as wide as each is (`项目,内容`), not padded to four columns: its
    // folder, which has a projects.csv (the table), is still taken for an export, not a data
    // folder.
    let w = demo();
    june_export(&w, "out", &[]);
    let about = String::from_utf8(w.read("out/about.csv")).unwrap();
    let unpadded: String = about
        .split_inclusive("\r\n")
        .map(|line| match line.strip_suffix("\r\n") {
            Some(cells) => format!("{}\r\n", cells.trim_end_matches(',')),
            None => line.to_string(),
        })
        .collect();
    assert!(unpadded.starts_with("\u{feff}项目,内容\r\n生成工具,xmtool "));
    w.write("out/about.csv", unpadded);
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-05",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ])
    .expect_code(0);
}

#[test]
fn export_into_the_inputs_is_refused() {
    let w = demo();
    for target in ["reports/out", "reports", "."] {
        let path = w.file(target);
        w.run(&[
            "export",
            "--month",
            "2024-06",
            "--out",
            path.to_str().unwrap(),
            "--force",
        ])
        .expect_code(2);
    }
    assert!(!w.file("reports/out").exists());
    assert!(!w.file("overview.csv").exists());
}

#[test]
fn english_headers() {
    let w = demo();
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "en",
        "--by",
        "district",
    ])
    .expect_code(0);
    let ranking = read_csv(&w.read("out/ranking-district.csv"), false);
    assert_eq!(ranking[0][0], "rank");
    assert!(
        !w.file("out/ranking-category.csv").exists(),
        "only the groupings asked for"
    );
}

fn fill_template(bytes: &[u8], add: f64) -> (String, usize) {
    let records = read_csv(bytes, false);
    let header = records[0].clone();
    let ytd = header
        .iter()
        .position(|h| h == "累计完成投资（万元）")
        .unwrap();
    let last = header
        .iter()
        .position(|h| h == "上月累计完成投资（万元）")
        .unwrap();
    let month = header
        .iter()
        .position(|h| h == "本月完成投资（万元）")
        .unwrap();
    let mut out = csv::WriterBuilder::new().from_writer(Vec::new());
    out.write_record(&header).unwrap();
    for r in &records[1..] {
        let mut r = r.clone();
        let before: f64 = r[last].parse().unwrap();
        r[month] = add.to_string();
        r[ytd] = (before + add).to_string();
        out.write_record(&r).unwrap();
    }
    (
        String::from_utf8(out.into_inner().unwrap()).unwrap(),
        records.len() - 1,
    )
}

/// `export --month 2024-06` into `w`'s folder `out`, with `more` arguments; it must succeed.
fn june_export(w: &Workdir, out: &str, more: &[&str]) {
    let out = w.file(out);
    let mut args = vec![
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(more);
    w.run(&args).expect_code(0);
}

/// July's blank reports written to `tpl/` (with `more` arguments), the run succeeding.
fn july_templates(w: &Workdir, more: &[&str]) -> common::Run {
    july_templates_in(w, "tpl", more)
}

/// The names of the files in `folder` of the workdir, sorted.
fn file_names(w: &Workdir, folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(w.file(folder))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// July's templates written to `folder` of the workdir (`reports` to drop them in).
fn july_templates_in(w: &Workdir, folder: &str, more: &[&str]) -> common::Run {
    let out = w.file(folder);
    let mut args = vec![
        "template",
        "--month",
        "2024-07",
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend(more);
    let run = w.run(&args);
    run.expect_code(0);
    run
}

#[test]
fn templates_made_past_errors_name_the_first() {
    // Made past errors, as templates always are, the warning counted them and named none: a
    // June file that could not be read left its projects' 上月累计 May's, unsaid.
    let w = demo();
    w.write("reports/2024-06/南屏县.csv", vec![0u8; 100]);
    july_templates(&w, &[]).expect_stderr(
        "xmtool: warning: the data has 1 error (the first: reports/2024-06/南屏县.csv:1: error: \
         the file ends in 100 zero bytes (NUL)",
    );
}

#[test]
fn a_filled_template_passes_check() {
    let w = demo();
    july_templates(&w, &[]).expect_stderr("wrote 12 blank reports for 2024-07");
    let blank = w.read("tpl/2024-07/金川区.csv");
    let records = read_csv(&blank, false);
    let first = &records[1];
    assert_eq!(
        &first[..4],
        [
            "JC2024-001",
            "金川区杨柳安置小区建设项目",
            "金川区",
            "2024-07"
        ]
    );
    assert_eq!(first[6], "2808.2", "last year-to-date");
    assert_eq!(first[7], "在建", "last status");

    let mut rows = 0;
    for entry in std::fs::read_dir(w.file("tpl/2024-07")).unwrap() {
        let entry = entry.unwrap();
        let (filled, n) = fill_template(&std::fs::read(entry.path()).unwrap(), 10.0);
        rows += n;
        w.write(
            &format!("reports/2024-07/{}", entry.file_name().to_string_lossy()),
            filled,
        );
    }
    assert_eq!(rows, 151);
    w.run(&["check"])
        .expect_code(0)
        .expect_line("151 projects, 1054 report rows (2024-01 to 2024-07)")
        .expect_no_line("未报送");
    let july = w.run(&["report", "--month", "2024-07", "--format", "json"]);
    let june = report_json_by(&w, "district");
    let july = july.json();
    let june_ytd = june["overview"]["ytd_investment"].as_f64().unwrap();
    assert!(close(
        july["overview"]["ytd_investment"].as_f64().unwrap(),
        june_ytd + 1510.0
    ));
}

#[test]
fn a_project_listed_from_the_month_is_prefilled_from_its_reports_before() {
    // 纳入时间 2024-07 with reports from June: July's form gave 上月累计 0 and no status, though
    // July's bulletin counts June's 600 (a clerk trusting the form got an error).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,纳入时间\n\
         A1,路网,甲区,续建,20000,4000,\nA2,学校,甲区,续建,30000,6000,2024-07\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资,项目状态\nA1,300,在建\nA2,600,在建\n",
    );
    july_templates(&w, &[]);
    let records = read_csv(&w.read("tpl/2024-07/甲区.csv"), false);
    let a2 = records.iter().find(|r| r[0] == "A2").unwrap();
    assert_eq!((a2[6].as_str(), a2[7].as_str()), ("600", "在建"), "{a2:?}");
}

#[test]
fn projects_of_no_district_get_a_form_named_so() {
    // A project whose 所属县区 is empty (an error of the registry's) went into a form `_.csv`.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,路网,甲区,续建,20000,4000\nA2,学校,,续建,30000,6000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,300\nA2,600\n",
    );
    july_templates(&w, &[]);
    assert_eq!(
        file_names(&w, "tpl/2024-07"),
        ["未填所属县区.csv", "甲区.csv"]
    );
    let records = read_csv(&w.read("tpl/2024-07/未填所属县区.csv"), false);
    assert_eq!(records[1][0], "A2");
}

#[test]
fn text_made_inert_reads_back_as_written() {
    // Ids and names a spreadsheet would run as formulas are written with a leading ' in CSV;
    // the filled-in template and the exported list read back to the same ids and names.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         -5,=甲项目,甲区,续建,1000,500\n\
         @A7,+乙项目,甲区,续建,1000,500\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\n-5,100\n@A7,200\n",
    );
    july_templates(&w, &[]);
    let blank = w.read("tpl/2024-07/甲区.csv");
    assert_eq!(read_csv(&blank, false)[1][0], "'-5");
    let (filled, rows) = fill_template(&blank, 10.0);
    assert_eq!(rows, 2);
    w.write("reports/2024-07/甲区.csv", filled);
    w.run(&["check"])
        .expect_code(0)
        .expect_line("0 errors, 0 warnings");
    let doc = common::report_json(&w, &["--month", "2024-07"]);
    assert_eq!(common::project(&doc, "-5")["ytd_investment"], 110.0);
    assert_eq!(common::project(&doc, "@A7")["ytd_investment"], 210.0);

    // The exported list, read as a registry, has the same ids and names.
    let exported = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-07",
        "--out",
        exported.to_str().unwrap(),
    ])
    .expect_code(0);
    let projects = read_csv(&w.read("out/projects.csv"), false);
    assert_eq!(&projects[1][..2], ["'-5", "'=甲项目"]);
    let again = Workdir::new();
    again
        .write("xmtool.toml", "year = 2024\n")
        .write("projects.csv", w.read("out/projects.csv"))
        .write(
            "reports/2024-07.csv",
            "项目编号,累计完成投资\n-5,1\n@A7,2\n",
        );
    again.run(&["check"]).expect_code(0);
    let names = |dir: &Workdir| {
        let doc = common::report_json(dir, &["--month", "2024-07"]);
        let mut names: Vec<String> = doc["projects"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| format!("{} {}", p["id"], p["name"]))
            .collect();
        names.sort();
        names
    };
    assert_eq!(names(&again), ["\"-5\" \"=甲项目\"", "\"@A7\" \"+乙项目\""]);
}

#[test]
fn a_template_never_overwrites_a_report() {
    let w = demo();
    let reports = w.file("reports");
    let reports = reports.to_str().unwrap();
    // June's reports are in: blank ones beside them would be duplicates.
    w.run(&["template", "--month", "2024-06", "--out", reports])
        .expect_code(2)
        .expect_stderr("reports for 2024-06 are already in the data folder");
    w.run(&["template", "--month", "2024-07", "--out", reports])
        .expect_code(0);
    w.run(&["template", "--month", "2024-07", "--out", reports])
        .expect_code(2)
        .expect_stderr("reports for 2024-07 are already in the data folder");
    // Elsewhere, an existing file is never overwritten either.
    let elsewhere = w.file("tpl");
    let elsewhere = elsewhere.to_str().unwrap();
    w.run(&["template", "--month", "2024-06", "--out", elsewhere])
        .expect_code(0);
    let before = w.read("tpl/2024-06/金川区.csv");
    std::fs::write(w.file("tpl/2024-06/金川区.csv"), "filled in").unwrap();
    w.run(&["template", "--month", "2024-06", "--out", elsewhere])
        .expect_code(2)
        .expect_stderr("金川区.csv")
        .expect_stderr("(pass --force to overwrite)");
    assert_eq!(w.read("tpl/2024-06/金川区.csv"), b"filled in");
    // With --force, they are written over: all of them, as made the first time.
    w.run(&[
        "template", "--month", "2024-06", "--out", elsewhere, "--force",
    ])
    .expect_code(0);
    assert_eq!(w.read("tpl/2024-06/金川区.csv"), before);
    // Under reports/, --force changes nothing: a file there is an input.
    w.run(&[
        "template", "--month", "2024-07", "--out", reports, "--force",
    ])
    .expect_code(2)
    .expect_stderr("reports for 2024-07 are already in the data folder");
    // Nor where the file there gives no report of the month.
    std::fs::create_dir_all(w.file("reports/2024-08")).unwrap();
    std::fs::write(w.file("reports/2024-08/金川区.csv"), "项目编号,报告月份\n").unwrap();
    w.run(&[
        "template", "--month", "2024-08", "--out", reports, "--force",
    ])
    .expect_code(2)
    .expect_stderr(
        "is an input file of the data folder; templates never overwrite one, even with --force",
    );
    assert_eq!(
        w.read("reports/2024-08/金川区.csv"),
        "项目编号,报告月份\n".as_bytes()
    );
    // Nor where reports/ reaches them through a link: a report file is an input, whatever name
    // the target gives it.
    #[cfg(unix)]
    {
        std::fs::create_dir(w.file("share")).unwrap();
        std::fs::rename(w.file("reports/2024-06"), w.file("share/2024-06")).unwrap();
        std::os::unix::fs::symlink(w.file("share/2024-06"), w.file("reports/2024-06")).unwrap();
        let before = w.read("share/2024-06/南屏县.csv");
        let share = w.file("share");
        w.run(&[
            "template",
            "--month",
            "2024-06",
            "--out",
            share.to_str().unwrap(),
            "--force",
        ])
        .expect_code(2)
        .expect_stderr(
            "南屏县.csv is an input file of the data folder; templates never overwrite one",
        );
        assert_eq!(w.read("share/2024-06/南屏县.csv"), before);
    }
    // Never among the registry's files.
    let registry = w.file("registry");
    w.run(&[
        "template",
        "--month",
        "2024-07",
        "--out",
        registry.to_str().unwrap(),
    ])
    .expect_code(2)
    .expect_stderr("inside registry/");
    // A template is for one month: neither a period nor a month that is none is taken, and the
    // error names only what is.
    for (month, expected) in [
        ("2024-13", "months are 01 to 12, years 1990 to 2100"),
        (
            "2024-Q3",
            "expected e.g. 2024-06, in the years 1990 to 2100",
        ),
    ] {
        w.run(&["template", "--month", month, "--out", elsewhere])
            .expect_code(2)
            .expect_stderr(&format!("--month \"{month}\" is not a month ({expected})"));
    }
}

/// January's form carries December's 项目状态 and 实际开工时间 (last month is last year's),
/// whether or not the registry lists last year's projects too, and starts 上月累计 from zero (a
/// new plan year).
#[test]
fn a_january_template_carries_decembers_status_and_start() {
    let last_year = "P2,乙厂,A区,新建,2000,500,2024-03,2024\n";
    for registry_lists_it in [true, false] {
        let w = Workdir::new();
        w.write(
            "projects.csv",
            format!(
                "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间,计划年度\n\
                 {}P2,乙厂,A区,续建,2000,1000,2024-03,2025\n",
                if registry_lists_it { last_year } else { "" }
            ),
        )
        .write(
            "reports/2024-12/a.csv",
            "项目编号,累计完成投资,项目状态,实际开工时间\nP2,400,在建,2024-06\n",
        );
        let out = w.file("tpl");
        w.run(&[
            "template",
            "--month",
            "2025-01",
            "--out",
            out.to_str().unwrap(),
        ])
        .expect_code(0);
        let records = read_csv(&w.read("tpl/2025-01/A区.csv"), false);
        let at = |name: &str| records[0].iter().position(|h| h.starts_with(name)).unwrap();
        let row = &records[1];
        assert_eq!(row[at("项目状态")], "在建", "{registry_lists_it}: {row:?}");
        assert_eq!(row[at("实际开工时间")], "2024-06", "{row:?}");
        assert_eq!(row[at("上月累计完成投资")], "0", "{row:?}");
    }
}

#[test]
fn districts_whose_names_make_one_file_name_get_one_each() {
    // x/y and x_y both make x_y; 甲区 and 甲区. (a dot Windows drops) both make 甲区; a name of
    // 90 characters makes a name too long for a file system unless shortened. A name that is a
    // file name as it is keeps it, whatever district comes before it (x_y's form is x_y.csv,
    // x_y-2's x_y-2.csv).
    let long = "长".repeat(90);
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        format!(
            "{}\nA1,甲,x/y,续建,500,100\nA2,乙,x_y,续建,500,100\nA3,丙,甲区,续建,500,100\n\
             A4,丁,甲区.,续建,500,100\nA5,戊,{long},续建,500,100\nA6,己,x_y-2,续建,500,100\n",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资"
        ),
    );
    july_templates(&w, &[]).expect_stderr("wrote 6 blank reports");
    let names = file_names(&w, "tpl/2024-07");
    let shortened = format!("{}.csv", "长".repeat(66));
    assert_eq!(
        names,
        [
            "x_y-2.csv",
            "x_y-3.csv",
            "x_y.csv",
            "甲区-2.csv",
            "甲区.csv",
            shortened.as_str()
        ]
    );
    let holds = |name: &str, id: &str| {
        let text = String::from_utf8(w.read(&format!("tpl/2024-07/{name}"))).unwrap();
        assert!(text.contains(&format!("\n{id},")), "{name}: {text}");
    };
    holds("x_y.csv", "A2");
    holds("x_y-2.csv", "A6");
    holds("x_y-3.csv", "A1");
    holds("甲区.csv", "A3");
    holds("甲区-2.csv", "A4");
}

/// A folder of 2024 whose registry lists a project in each of `districts`, A1 in the first.
fn a_project_in_each(districts: &[&str]) -> Workdir {
    let rows: String = (districts.iter().enumerate())
        .map(|(i, district)| format!("A{},项目{},{district},续建,500,100\n", i + 1, i + 1))
        .collect();
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        format!("项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n{rows}"),
    );
    w
}

#[test]
fn characters_that_show_as_nothing_or_turn_a_name_around_are_no_part_of_a_file_name() {
    // `\u{202e}vsc.exe` made a file a file manager shows as `exe.csv`, and `a\u{200b}b` one
    // that looks like `ab.csv`, beside it.
    let w = a_project_in_each(&["\u{202e}vsc.exe", "ab", "a\u{200b}b", "a\u{ad}b\u{e0041}"]);
    july_templates(&w, &[])
        .expect_stderr("xmtool: note: the form of 所属县区 \"\\u{202e}vsc.exe\" is _vsc.exe.csv\n")
        .expect_stderr("xmtool: note: the form of 所属县区 \"a\\u{200b}b\" is a_b.csv\n")
        .expect_stderr("xmtool: note: the form of 所属县区 \"a\\u{ad}b\\u{e0041}\" is a_b_.csv\n");
    assert_eq!(
        file_names(&w, "tpl/2024-07"),
        ["_vsc.exe.csv", "a_b.csv", "a_b_.csv", "ab.csv"]
    );
}

#[test]
fn district_names_read_as_a_month_or_a_lock_file_are_named_to_read_back() {
    // A district named like another month would be read as that month's report, and one
    // starting ~$ skipped as Excel's lock file: their templates are named so that neither is.
    let w = a_project_in_each(&["2024-03", "~$乙区", "2024-07区", "6月", "十二月", "7月"]);
    july_templates_in(&w, "reports", &[]);
    let names = file_names(&w, "reports/2024-07");
    // (A month of no year, 6月, is a late report's name: it was read as June's, with a warning.)
    assert_eq!(
        names,
        [
            "2024-07 2024-03.csv",
            "2024-07 6月.csv",
            "2024-07 十二月.csv",
            "2024-07区.csv",
            "7月.csv",
            "_$乙区.csv"
        ]
    );
    // Read back as July's reports: no month disagreeing, no file skipped.
    w.run(&["check"])
        .expect_code(0)
        .expect_no_line("disagrees with the month")
        .expect_no_line("is named for")
        .expect_no_line("lock file");
    // Each form not named as its district is is said, so that it goes to the right one.
    let run = w.run(&["template", "--month", "2024-07", "--out", "forms"]);
    run.expect_code(0)
        .expect_stderr("xmtool: note: the form of 所属县区 \"6月\" is 2024-07 6月.csv\n")
        .expect_stderr("xmtool: note: the form of 所属县区 \"~$乙区\" is _$乙区.csv\n");
    assert!(!run.stderr().contains("\"7月\""), "{}", run.stderr());
}

#[test]
fn text_longer_than_a_cell_holds_is_cut_and_said_to_be() {
    // A 存在问题 of 33,000 characters and a name of 40,000: the workbook and the template are
    // written, each such cell cut to what Excel holds (32,767 UTF-16 units), saying so.
    let w = Workdir::new();
    let name = "名".repeat(40_000);
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            format!(
                "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,{name},甲区,续建,500,100\n"
            ),
        )
        .write(
            "reports/2024-06.csv",
            format!("项目编号,累计完成投资,存在问题\nA1,10,{}\n", "问".repeat(33_000)),
        );
    let out = w.file("out");
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    let cut = "…（超出 Excel 单元格的 32767 字，余下已截去）";
    let book_path = out.join("xmtool-2024-06.xlsx");
    let mut book = calamine::open_workbook_auto(&book_path).unwrap();
    let longest: Vec<String> = book
        .worksheets()
        .into_iter()
        .flat_map(|(_, range)| {
            range
                .used_cells()
                .filter_map(|(_, _, c)| match c {
                    Data::String(s) if s.chars().count() > 30_000 => Some(s.clone()),
                    _ => None,
                })
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(!longest.is_empty(), "the long cells are there");
    for text in longest {
        assert!(text.ends_with(cut), "{}", &text[text.len() - 200..]);
        assert!(text.encode_utf16().count() <= 32_767);
    }
    // The CSV files keep the text whole.
    assert!(String::from_utf8_lossy(&w.read("out/projects.csv")).contains(&name));

    let tpl = w.file("tpl");
    w.run(&[
        "template",
        "--month",
        "2024-07",
        "--format",
        "xlsx",
        "--out",
        tpl.to_str().unwrap(),
    ])
    .expect_code(0);
    let mut book = calamine::open_workbook_auto(tpl.join("2024-07/甲区.xlsx")).unwrap();
    let sheet = book.worksheet_range("月报").unwrap();
    let cut_name = sheet
        .used_cells()
        .find_map(|(_, _, c)| match c {
            Data::String(s) if s.starts_with("名名") => Some(s.clone()),
            _ => None,
        })
        .unwrap();
    assert!(cut_name.ends_with(cut) && cut_name.encode_utf16().count() <= 32_767);
}

#[test]
fn xlsx_template_reads_back() {
    let w = demo();
    july_templates(&w, &["--format", "xlsx"]);
    let bytes = w.read("tpl/2024-07/金川区.xlsx");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("月报").unwrap();
    assert_eq!(sheet.get((1, 0)), Some(&Data::String("JC2024-001".into())));
    assert_eq!(sheet.get((1, 6)), Some(&Data::Float(2808.2)));
    // Dropped in unfilled, it is read, and warned of once for having no figure at all.
    std::fs::create_dir_all(w.file("reports/2024-07")).unwrap();
    std::fs::copy(
        w.file("tpl/2024-07/金川区.xlsx"),
        w.file("reports/2024-07/金川区.xlsx"),
    )
    .unwrap();
    let run = w.run(&["check"]);
    run.expect_code(0).expect_line(
        "reports/2024-07/金川区.xlsx:F2: warning: no investment figure in any of its 16 rows \
         (expected 累计完成投资 or 本月完成投资; a blank template not filled in?); each project's \
         last figure is carried forward",
    );
    assert!(
        !run.stdout().contains("no investment figure for"),
        "{}",
        run.stdout()
    );
}

/// Templates written under reports/ and a district's form sent back under another name: the
/// blank template rows are no reports, so they neither clash with the filled rows ("a second
/// report") nor stand in their way, in whichever order the files are read. Two rows with
/// figures still clash.
#[test]
fn a_blank_template_row_does_not_clash_with_a_filled_one() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n")
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
             P1,甲,A区,续建,5000,1000\nP2,乙,A区,续建,5000,1000\n",
        )
        .write(
            "reports/2024-06/a.csv",
            "项目编号,累计完成投资\nP1,400\nP2,300\n",
        );
    july_templates_in(&w, "reports", &[]);
    // Read before the template (A区.csv) and after it.
    for name in ["0.csv", "A区7月报.csv"] {
        w.write(
            &format!("reports/2024-07/{name}"),
            "项目编号,报告月份,累计完成投资,存在问题\nP1,2024-07,450,资金不足\n",
        );
        let run = w.run(&["check"]);
        run.expect_code(0)
            .expect_no_line("a second report")
            .expect_line("未报送: P2 乙 has no report for 2024-07");
        let doc = common::report_json(&w, &["--month", "2024-07"]);
        let p1 = common::project(&doc, "P1");
        assert_eq!(p1["ytd_investment"], 450.0, "{name}");
        assert_eq!(p1["reported"], true, "{name}");
        assert_eq!(doc["problems"][0]["text"], "资金不足", "{name}");
        std::fs::remove_file(w.file(&format!("reports/2024-07/{name}"))).unwrap();
    }
    w.write(
        "reports/2024-07/b.csv",
        "项目编号,报告月份,累计完成投资\nP1,2024-07,450\n",
    )
    .write(
        "reports/2024-07/c.csv",
        "项目编号,报告月份,累计完成投资\nP1,2024-07,460\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("reports/2024-07/c.csv:2:3: error: a second report for P1 in 2024-07");
}

/// A row without figures beside one with them, in either order of the files: its 项目状态,
/// 实际开工时间 and free text fill in what the row with figures leaves empty (they were dropped,
/// or kept only when read first), and what that row gives stands. Two rows without figures
/// that say different statuses still clash.
#[test]
fn a_row_without_figures_fills_in_what_the_other_leaves_empty() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
         A1,路网,甲区,新建,100000,50000,2024-06\nA2,学校,甲区,续建,100000,50000,\n",
    );
    let figures = "项目编号,累计完成投资,本月完成投资\nA1,500,500\nA2,900,100\n";
    let blank = "项目编号,累计完成投资,本月完成投资,项目状态,实际开工时间,存在问题\n\
                 A1,,,在建,2024-06,资金缺口2000万\nA2,,,已竣工,,\n";
    for (first, second) in [("a.csv", "z.csv"), ("z.csv", "a.csv")] {
        let _ = std::fs::remove_dir_all(w.file("reports"));
        w.write(&format!("reports/2024-06/{first}"), blank)
            .write(&format!("reports/2024-06/{second}"), figures);
        let run = w.run(&["check"]);
        run.expect_code(0)
            .expect_no_line("a second report")
            .expect_no_line("says it has started");
        let doc = common::report_json(&w, &["--month", "2024-06"]);
        let a1 = common::project(&doc, "A1");
        assert_eq!(a1["ytd_investment"], 500.0, "{first}");
        assert_eq!(a1["started"], true, "{first}");
        assert_eq!(a1["actual_start"], "2024-06", "{first}");
        assert_eq!(common::project(&doc, "A2")["status"], "已竣工", "{first}");
        assert_eq!(doc["problems"][0]["text"], "资金缺口2000万", "{first}");
    }
    // The row with figures says its own status: it stands.
    w.write(
        "reports/2024-06/a.csv",
        "项目编号,累计完成投资,项目状态\nA2,,停工\n",
    )
    .write(
        "reports/2024-06/z.csv",
        "项目编号,累计完成投资,项目状态\nA1,500,在建\nA2,900,在建\n",
    );
    let doc = common::report_json(&w, &["--month", "2024-06"]);
    assert_eq!(common::project(&doc, "A2")["status"], "在建");
    // Two rows without figures, saying different statuses: which is meant is not guessed.
    w.write(
        "reports/2024-06/z.csv",
        "项目编号,累计完成投资,项目状态\nA1,500,在建\nA2,,在建\n",
    );
    w.run(&["check"])
        .expect_code(1)
        .expect_line("error: a second report for A2 in 2024-06");
}

/// Two rows without figures saying different statuses clash whatever the order of the files:
/// a row with figures that leaves its 项目状态 empty, read before them or between them, took
/// the first one's status and the second was dropped unsaid.
#[test]
fn rows_without_figures_clash_across_a_row_with_figures() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,100000,50000\n",
    );
    let header = "项目编号,累计完成投资,项目状态";
    let figures = format!("{header}\nA1,500,\n");
    let building = format!("{header}\nA1,,在建\n");
    for [a, m] in [[&building, &figures], [&figures, &building]] {
        let _ = std::fs::remove_dir_all(w.file("reports"));
        w.write("reports/2024-06/a.csv", a)
            .write("reports/2024-06/m.csv", m)
            .write("reports/2024-06/z.csv", format!("{header}\nA1,,停工\n"));
        let first = if a == &building { "a" } else { "m" };
        w.run(&["check"]).expect_code(1).expect_line(&format!(
            "reports/2024-06/z.csv:2:3: error: a second report for A1 in 2024-06, differing from \
             the first: 项目状态 停工 here, 在建 at reports/2024-06/{first}.csv:2:3 (expected one \
             per project and month)"
        ));
        // Said in other words, 施工中 for 在建, it is one status.
        w.write("reports/2024-06/z.csv", format!("{header}\nA1,,施工中\n"));
        w.run(&["check"]).expect_code(0).expect_no_line("differing");
    }
}

/// The rows of one project and month (累计完成投资, 项目状态, 实际开工时间, 存在问题), each in a
/// file of its own, in every order of the files: `outcome` of each.
fn in_every_order<T>(w: &Workdir, rows: [&str; 3], outcome: impl Fn(&Workdir) -> T) -> Vec<T> {
    let header = "项目编号,累计完成投资,项目状态,实际开工时间,存在问题";
    let orders = [
        [0, 1, 2],
        [0, 2, 1],
        [1, 0, 2],
        [1, 2, 0],
        [2, 0, 1],
        [2, 1, 0],
    ];
    let mut outcomes = Vec::new();
    for order in orders {
        let _ = std::fs::remove_dir_all(w.file("reports"));
        for (name, &n) in ["a", "b", "c"].iter().zip(&order) {
            let file = format!("reports/2024-06/{name}.csv");
            w.write(&file, format!("{header}\nA1,{}\n", rows[n]));
        }
        outcomes.push(outcome(w));
    }
    outcomes
}

/// The exit code of `check` and, of each error naming a second report of A1, what it says
/// differs: a field and the two values, the pair sorted, its place left out.
fn second_reports(w: &Workdir) -> (i32, Vec<String>) {
    let run = w.run(&["check"]);
    let said = (run.stdout().lines())
        .filter_map(|line| {
            line.split_once("error: a second report for A1")?
                .1
                .split_once(": ")
        })
        .map(|(_, differs)| {
            let mut words: Vec<&str> = differs.split(' ').take(5).collect();
            // (`项目状态 竣工 here, 在建 at`: the field and its two values, in order.)
            words.retain(|w| !matches!(*w, "here," | "at"));
            words[1..].sort_unstable();
            words.join(" ")
        })
        .collect();
    (run.code(), said)
}

/// Whether rows of one project and month clash, and what is said to differ, does not hang on
/// the order their files are read in: rows without figures saying 在建 and 竣工 clash also
/// where a row with figures giving its own status is read between them (the first's status
/// was dropped unsaid, and the clash with it).
#[test]
fn rows_of_one_month_clash_alike_in_every_order() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,100000,50000\n",
    );
    let clash = |said: &str| vec![(1, vec![said.to_string()]); 6];
    let cases = [
        (
            [",在建,,", "500,施工中,,", ",竣工,,"],
            clash("项目状态 在建 竣工"),
        ),
        (
            [",在建,,", "500,竣工,,", ",竣工,,"],
            clash("项目状态 在建 竣工"),
        ),
        (
            [",,2024-03,", "500,,2024-04,", ",,2024-05,"],
            clash("实际开工时间 2024-03 2024-05"),
        ),
        // Said in other words, 施工中 for 在建, it is one status.
        ([",在建,,", "500,停工,,", ",施工中,,"], vec![(0, vec![]); 6]),
    ];
    for (rows, expected) in cases {
        assert_eq!(
            in_every_order(&w, rows, second_reports),
            expected,
            "{rows:?}"
        );
    }
}

/// A row without figures clashes with no row that has figures, whatever the order of the
/// files: a second report's status or start differing from one a row without figures filled
/// into the first was an error only where that row was read before it, and otherwise the row
/// without figures' stood. The status and start of a row with figures stand, in every order.
#[test]
fn a_status_filled_in_by_a_row_without_figures_gives_way_to_a_second_reports() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,100000,50000\n",
    );
    let read = |w: &Workdir| {
        let (code, said) = second_reports(w);
        let doc = common::report_json(w, &["--month", "2024-06"]);
        let a1 = common::project(&doc, "A1");
        (code, said, a1["status"].clone(), a1["actual_start"].clone())
    };
    let outcome = |status: &str, start: Option<&str>| (0, vec![], status.into(), start.into());
    let cases = [
        ([",在建,,", "500,,,", "500,竣工,,"], outcome("竣工", None)),
        (
            [",,2024-03,", "500,,,", "500,竣工,2024-05,"],
            outcome("竣工", Some("2024-05")),
        ),
    ];
    for (rows, expected) in cases {
        assert_eq!(
            in_every_order(&w, rows, read),
            vec![expected; 6],
            "{rows:?}"
        );
    }
}

/// Free text likewise: a second report's 存在问题 stands over one a row without figures filled
/// into the first, whatever the order of the files (read after the second report, the row
/// without figures' was dropped; read before, it stood, and the second report's was).
#[test]
fn free_text_filled_in_by_a_row_without_figures_gives_way_to_a_second_reports() {
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,路网,甲区,续建,100000,50000\n",
    );
    let rows = ["500,,,", ",,,资金缺口", "500,,,征地拆迁未完成"];
    let problems = |w: &Workdir| {
        let doc = common::report_json(w, &["--month", "2024-06"]);
        doc["problems"][0]["text"].clone()
    };
    assert_eq!(
        in_every_order(&w, rows, problems),
        vec![serde_json::Value::from("征地拆迁未完成"); 6]
    );
}

/// This month's year-to-date typed into the template's 上月累计 column (for reference, not
/// read): the blank-file warning says where the figure goes.
#[test]
fn a_figure_typed_into_the_reference_column_is_pointed_out() {
    let w = demo();
    july_templates(&w, &[]);
    let blank = String::from_utf8(w.read("tpl/2024-07/金川区.csv")).unwrap();
    let filled = blank.replace(",2808.2,", ",3100,");
    assert_ne!(filled, blank);
    w.write("reports/2024-07/金川区.csv", filled);
    w.run(&["check"]).expect_line(
        "each project's last figure is carried forward, and it is not reported (未报送) this month, \
         unless another file gives this month's; \
         上月累计完成投资（万元） is last month's, \
         for reference, and not read: this month's figure goes in 累计完成投资",
    );
}

/// A report written by xmtool, opened and saved again by a spreadsheet: re-encoded to GBK
/// without a BOM, months turned into dates, numbers given separators. It reads back the same.
#[test]
fn an_excel_mangled_copy_reads_back_to_the_same_figures() {
    let w = demo();
    july_templates(&w, &[]);
    let mut clean = Vec::new();
    for entry in std::fs::read_dir(w.file("tpl/2024-07")).unwrap() {
        let entry = entry.unwrap();
        let (filled, _) = fill_template(&std::fs::read(entry.path()).unwrap(), 1234.5);
        clean.push((entry.file_name().to_string_lossy().into_owned(), filled));
    }
    for (name, filled) in &clean {
        w.write(&format!("reports/2024-07/{name}"), filled);
    }
    let first = w.run(&["report", "--month", "2024-07", "--format", "json"]);
    first.expect_code(0);
    let first = first.json();

    for (name, filled) in &clean {
        let mangled: String = filled
            .replace(",2024-07,", ",2024/7/1,")
            .replace("1234.5,", "\"1,234.5\",");
        let gbk = encoding_rs::GBK.encode(&mangled).0.into_owned();
        w.write(&format!("reports/2024-07/{name}"), gbk);
    }
    w.run(&["check"]).expect_code(0);
    let second = w.run(&["report", "--month", "2024-07", "--format", "json"]);
    second.expect_code(0);
    // The figures are the same; only the record of the input files (their sizes and hashes)
    // differs, as it should.
    let figures = |mut doc: Value| {
        doc.as_object_mut().unwrap().remove("inputs");
        doc
    };
    let (first, second) = (figures(first), figures(second.json()));
    assert_eq!(first, second);
    assert!(first["overview"]["ytd_investment"].as_f64().unwrap() > 0.0);
}

#[test]
fn ids_of_twelve_digits_or_more_stay_text_in_csv() {
    // A spreadsheet shows a number of 12 digits or more as 1.23457E+14 and saves it so: a
    // template's ids written plain came back as ids not in the registry.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         12345678901,甲,甲区,续建,1000,500\n\
         123456789012,乙,甲区,续建,1000,500\n\
         123456789012345,丙,甲区,续建,1000,500\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\n12345678901,100\n123456789012,200\n123456789012345,300\n",
    );
    july_templates(&w, &[]);
    let blank = String::from_utf8(w.read("tpl/2024-07/甲区.csv")).unwrap();
    assert!(blank.contains("\n12345678901,"), "{blank}");
    assert!(blank.contains("\n\"=\"\"123456789012\"\"\","), "{blank}");
    assert!(blank.contains("\n\"=\"\"123456789012345\"\"\","), "{blank}");
    june_export(&w, "out", &[]);
    let projects = String::from_utf8(w.read("out/projects.csv")).unwrap();
    assert!(
        projects.contains("\n\"=\"\"123456789012345\"\"\","),
        "{projects}"
    );
}

#[test]
fn points_against_the_time_target_are_rounded_once_in_the_workbook() {
    // 0.2451 points ahead was stored as 0.25 and shown by the cell's format as +0.3, where
    // every other output says +0.2.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,甲区,续建,300000,200000\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100490.2\n",
    );
    june_export(&w, "out", &[]);
    let bytes = w.read("out/xmtool-2024-06.xlsx");
    let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    let sheet = book.worksheet_range("项目明细").unwrap();
    let mut rows = sheet.rows();
    let header = rows.next().unwrap();
    let at = header
        .iter()
        .position(|h| h.to_string().starts_with("较序时"))
        .unwrap();
    assert_eq!(rows.next().unwrap()[at], Data::Float(0.2451));
}

#[test]
fn a_ranking_of_no_groups_keeps_its_columns() {
    // No project has a 年度目标: the ranking by stage was written with the terminal's columns
    // (no numerator and denominator, the lights in one 红/黄/绿 column).
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,甲区,续建,3000,2000\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,1000\n");
    june_export(&w, "out", &["--by", "stage"]);
    june_export(&w, "by-district", &[]);
    let header = |file: &str| read_csv(&w.read(file), false).remove(0);
    let by_stage = header("out/ranking-stage.csv");
    assert_eq!(read_csv(&w.read("out/ranking-stage.csv"), false).len(), 1);
    let mut by_district = header("by-district/ranking-district.csv");
    by_district[1] = "年度目标".into();
    assert_eq!(by_stage, by_district);
    assert!(
        by_stage.contains(&"开工率(分母：全部项目)".to_string()),
        "{by_stage:?}"
    );
}

#[test]
fn outputs_among_another_data_folders_inputs_are_refused() {
    // A loop over folders, one's --dir given another's --out: the export, a template or a
    // bulletin went into the other folder's reports/ (or beside its registry/ as projects.csv),
    // with exit code 0, and that folder's next check failed.
    let w = demo();
    w.write(
        "other/projects.csv",
        "项目编号,项目名称,所属县区,总投资,年度计划投资\n",
    )
    .write("other/reports/2024-06.csv", "项目编号,累计完成投资\n")
    .write("split/registry/甲区.csv", "项目编号,项目名称\n");
    let path = |p: &str| w.file(p).to_str().unwrap().to_string();
    let within = "is within reports/ of the data folder";
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        &path("other/reports/2024-07"),
    ])
    .expect_code(2)
    .expect_stderr(within);
    w.run(&[
        "template",
        "--month",
        "2024-07",
        "--out",
        &path("other/reports"),
    ])
    .expect_code(2)
    .expect_stderr(within);
    let csv = path("other/reports/2024-07.csv");
    w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "-o", &csv,
    ])
    .expect_code(2)
    .expect_stderr(within);
    let registry = path("split/projects.csv");
    w.run(&[
        "report", "--month", "2024-06", "--format", "csv", "-o", &registry,
    ])
    .expect_code(2)
    .expect_stderr("would be read as the registry of the data folder");
    assert!(!w.file("other/reports/2024-07").exists());
    assert!(!w.file("other/reports/2024-07.csv").exists());
    assert!(!w.file("split/projects.csv").exists());
    // Its own reports/ still takes blank reports, and an export's folder is written over.
    w.run(&["template", "--month", "2024-07", "--out", "reports"])
        .expect_code(0);
    for _ in 0..2 {
        w.run(&[
            "export",
            "--month",
            "2024-06",
            "--out",
            &path("out"),
            "--force",
        ])
        .expect_code(0);
    }
}

#[test]
fn another_data_folder_is_no_target_even_with_force() {
    // Its registry is projects.csv, as the export's projects table is: --force wrote over it.
    let w = demo();
    let refused = |folder: &str, has: &str| {
        let before = std::fs::read(w.file(&format!("{folder}/projects.csv"))).ok();
        let out = w.file(folder);
        w.run(&[
            "export",
            "--month",
            "2024-06",
            "--out",
            out.to_str().unwrap(),
            "--force",
        ])
        .expect_code(2)
        .expect_stderr(&format!("is a data folder (it has {has})"));
        assert_eq!(
            std::fs::read(w.file(&format!("{folder}/projects.csv"))).ok(),
            before
        );
    };
    w.write("other/projects.csv", "项目编号,项目名称\n")
        .write("other/reports/2024-06.csv", "项目编号,累计完成投资\n");
    refused("other", "projects.csv");
    // Next year's folder with its registry alone, no reports yet.
    w.write("next/projects.csv", "项目编号,项目名称\n");
    refused("next", "projects.csv");
    w.write("settled/xmtool.toml", "year = 2024\n");
    refused("settled", "xmtool.toml");
    // A file named about.csv is no earlier export's, nor is a folder with reports/.
    w.write("stray/projects.csv", "项目编号,项目名称\n")
        .write("stray/about.csv", "x\n");
    refused("stray", "projects.csv");
    june_export(&w, "reported", &[]);
    w.write("reported/reports/2024-06.csv", "项目编号,累计完成投资\n");
    refused("reported", "projects.csv");
    // A pipe named about.csv, read to tell an earlier export's, was waited on for ever.
    #[cfg(unix)]
    {
        w.write("piped/projects.csv", "项目编号,项目名称\n");
        let made = std::process::Command::new("mkfifo")
            .arg(w.file("piped/about.csv"))
            .status();
        assert!(made.is_ok_and(|s| s.success()));
        refused("piped", "projects.csv");
    }
    // An earlier export's folder (its projects.csv beside its about.csv, in either language and
    // encoding) is written over with --force.
    june_export(&w, "earlier", &[]);
    june_export(&w, "earlier", &["--force"]);
    june_export(&w, "gbk", &["--encoding", "gbk"]);
    june_export(&w, "gbk", &["--force"]);
    june_export(&w, "english", &["--lang", "en"]);
    june_export(&w, "english", &["--force"]);
}

#[cfg(unix)]
#[test]
fn an_output_folder_that_is_a_file_or_a_pipe_is_said_to_be_one() {
    // A named pipe was called "a file".
    let w = demo();
    w.write("out.txt", "x\n");
    let made = std::process::Command::new("mkfifo")
        .arg(w.file("pipe"))
        .status();
    assert!(made.is_ok_and(|s| s.success()));
    for (out, what) in [
        ("out.txt", "a file"),
        ("pipe", "a pipe, a device or a socket"),
    ] {
        w.run(&["export", "--month", "2024-06", "--out", out])
            .expect_code(2)
            .expect_stderr(&format!(
                "{out} is {what} (expected a folder for the output)"
            ));
    }
}

#[test]
fn a_folder_in_a_tables_place_is_said_at_once() {
    // It was "already has overview.csv (pass --force to overwrite)", and with --force, "is a
    // folder".
    let w = demo();
    std::fs::create_dir_all(w.file("od/overview.csv")).unwrap();
    for more in [&[][..], &["--force"]] {
        let mut args = vec!["export", "--month", "2024-06", "--out", "od"];
        args.extend(more);
        w.run(&args)
            .expect_code(2)
            .expect_stderr("od/overview.csv is a folder (expected a file name)");
    }
    assert_eq!(file_names(&w, "od"), ["overview.csv"]);
}

#[cfg(unix)]
#[test]
fn an_input_under_another_name_is_no_target() {
    // A hard link of the registry (as a bind mount of the data folder would give): compared by
    // path alone, it was written over with --force.
    let w = demo();
    let before = w.read("projects.csv");
    std::fs::hard_link(w.file("projects.csv"), w.file("registry-copy.csv")).unwrap();
    forced_csv(&w, "registry-copy.csv")
        .expect_code(2)
        .expect_stderr("is an input file");
    assert_eq!(w.read("projects.csv"), before);
}

#[cfg(unix)]
#[test]
fn no_output_lands_in_a_share_linked_into_reports_or_registry() {
    // A district's share linked into reports/, and one holding the registry linked into
    // registry/: the loader reads through the links, so whatever is written there (named by
    // the link, or by the share's own path) would be read as an input the next time.
    let w = demo();
    std::fs::create_dir(w.file("share")).unwrap();
    std::fs::rename(
        w.file("reports/2024-06/南屏县.csv"),
        w.file("share/南屏县.csv"),
    )
    .unwrap();
    std::os::unix::fs::symlink(w.file("share"), w.file("reports/2024-06/南屏")).unwrap();
    std::fs::create_dir_all(w.file("registry")).unwrap();
    std::fs::create_dir(w.file("share2")).unwrap();
    std::fs::rename(w.file("projects.csv"), w.file("share2/2024.csv")).unwrap();
    std::os::unix::fs::symlink(w.file("share2"), w.file("registry/all")).unwrap();
    let before = w.run(&["check"]).stdout();
    for args in [
        &[
            "report",
            "--month",
            "2024-06",
            "-o",
            "reports/2024-06/南屏/b.csv",
        ][..],
        &["report", "--month", "2024-06", "-o", "share/b.csv"],
        &["export", "--month", "2024-06", "--out", "share/exp"],
    ] {
        w.run(args).expect_code(2).expect_stderr(
            "is inside reports/2024-06/南屏 (a link to a folder the data's inputs are read from,",
        );
    }
    for args in [
        &["report", "--month", "2024-06", "-o", "registry/all/b.csv"][..],
        &["template", "--month", "2024-07", "--out", "share2"],
    ] {
        w.run(args)
            .expect_code(2)
            .expect_stderr("is inside registry/all (a link to a folder");
    }
    assert_eq!(w.run(&["check"]).stdout(), before);
}

#[cfg(unix)]
#[test]
fn links_devices_and_pipes_are_no_targets() {
    // Renaming a file over them replaced them: `-o /dev/stdout --force` made /dev/stdout a file.
    let w = demo();
    w.write("kept.csv", "kept\n");
    std::os::unix::fs::symlink(w.file("kept.csv"), w.file("link.csv")).unwrap();
    std::os::unix::fs::symlink("/dev/null", w.file("null.csv")).unwrap();
    let run = |name: &str| forced_csv(&w, name);
    run("link.csv")
        .expect_code(2)
        .expect_stderr("is a link (name the file it leads to");
    run("null.csv")
        .expect_code(2)
        .expect_stderr("is not a regular file");
    // A link to nothing, said as what it is.
    std::os::unix::fs::symlink("/nonexistent", w.file("gone.csv")).unwrap();
    run("gone.csv")
        .expect_code(2)
        .expect_stderr("gone.csv is a link to /nonexistent, which is not there (remove the link)");
    assert!(
        std::fs::symlink_metadata(w.file("gone.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::symlink_metadata(w.file("link.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        std::fs::symlink_metadata(w.file("null.csv"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(w.read("kept.csv"), b"kept\n");
}

#[test]
fn the_record_names_the_rankings_written() {
    // With a registry that fills in the district alone, ranking-district.csv was the one ranking
    // written, and about.csv said `by = district,department,leader,category,level,stage`.
    let w = Workdir::new();
    w.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,甲,东区,续建,10000,1200\nB1,丙,西区,续建,8000,2400\n",
    )
    .write(
        "reports/2024-06.csv",
        "项目编号,累计完成投资\nA1,100\nB1,70\n",
    );
    june_export(&w, "out", &[]);
    assert!(w.file("out/ranking-district.csv").exists());
    assert!(!w.file("out/ranking-department.csv").exists());
    let about = read_csv(&w.read("out/about.csv"), false);
    let options: Vec<&str> = about
        .iter()
        .filter(|r| r[0] == "选项")
        .map(|r| r[1].as_str())
        .collect();
    assert_eq!(options[0], "by = district");
}

/// `report --month 2024-06 --format csv -o NAME --force` in `w`.
#[cfg(unix)]
fn forced_csv(w: &Workdir, name: &str) -> common::Run {
    let target = w.file(name);
    w.run(&[
        "report",
        "--month",
        "2024-06",
        "--format",
        "csv",
        "-o",
        target.to_str().unwrap(),
        "--force",
    ])
}

#[test]
fn district_names_windows_keeps_for_devices_get_an_underscore() {
    // CON.csv, aux.csv, COM1.csv, NUL.txt.csv cannot be files on Windows, where the forms go.
    let w = Workdir::new();
    w.write("xmtool.toml", "year = 2024\n").write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\n\
         A1,甲,CON,续建,500,100\nA2,乙,aux,续建,500,100\nA3,丙,COM1,续建,500,100\n\
         A4,丁,NUL.txt,续建,500,100\nA5,戊,CONSOLE,续建,500,100\nA6,己,LPT1区,续建,500,100\n\
         A7,庚,lpt¹,续建,500,100\nA8,辛,COM10,续建,500,100\n",
    );
    july_templates(&w, &[]).expect_stderr("wrote 8 blank reports");
    let names = file_names(&w, "tpl/2024-07");
    assert_eq!(
        names,
        [
            "COM10.csv",
            "COM1_.csv",
            "CONSOLE.csv",
            "CON_.csv",
            "LPT1区.csv",
            "NUL_.txt.csv",
            "aux_.csv",
            "lpt¹_.csv"
        ]
    );
}

#[test]
fn xlsx_templates_name_their_sheet_as_the_settings_read_it() {
    let w = Workdir::new();
    let settings = "year = 2024\nsheet = \"进度表\"\n";
    w.write("xmtool.toml", settings)
        .write(
            "projects.csv",
            "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,东区,续建,500,100\n",
        )
        .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,40\n");
    july_templates(&w, &["--format", "xlsx"]);
    let bytes = w.read("tpl/2024-07/东区.xlsx");
    let book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
    assert_eq!(book.sheet_names(), ["进度表"]);
    // Sent back, it is read (blank: warned of as such), not refused for want of the sheet.
    std::fs::create_dir_all(w.file("reports/2024-07")).unwrap();
    std::fs::copy(
        w.file("tpl/2024-07/东区.xlsx"),
        w.file("reports/2024-07/东区.xlsx"),
    )
    .unwrap();
    w.run(&["check"])
        .expect_code(0)
        .expect_line("reports/2024-07/东区.xlsx:F2: warning: no investment figure in its one row");
    // A sheet no workbook can have is said before anything is written. (A control character
    // made every form a workbook no spreadsheet opens, exit 0.)
    for (sheet, said) in [("6月:进度", "6月:进度"), ("月报\\u0001", "月报\\u{1}")] {
        w.write("xmtool.toml", format!("year = 2024\nsheet = \"{sheet}\"\n"));
        let out = w.file("tpl2");
        w.run(&[
            "template",
            "--month",
            "2024-07",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ])
        .expect_code(2)
        .expect_stderr(&format!(
            "sheet = \"{said}\" in xmtool.toml cannot name a workbook's sheet"
        ));
        assert!(!out.join("2024-07").exists());
    }
}

/// A link in a table's place was "a link (name the file it leads to, or remove the link)": an
/// export names no one file.
#[cfg(unix)]
#[test]
fn an_export_over_a_link_in_a_tables_place_is_told_to_remove_it() {
    let w = demo();
    std::fs::create_dir(w.file("out")).unwrap();
    w.write("kept.csv", "kept\n");
    std::os::unix::fs::symlink(w.file("kept.csv"), w.file("out/overview.csv")).unwrap();
    for force in [false, true] {
        let mut args = vec!["export", "--month", "2024-06", "--out", "out"];
        if force {
            args.push("--force");
        }
        w.run(&args)
            .expect_code(2)
            .expect_stderr(
                "out/overview.csv is a link; xmtool writes whole files only (remove the link, \
                 or export into another folder)",
            )
            .expect_no_line("name the file it leads to");
    }
    assert_eq!(w.read("kept.csv"), b"kept\n");
}

#[cfg(unix)]
#[test]
fn an_export_to_a_link_leading_nowhere_says_so() {
    // It said "cannot make out: Not a directory (os error 20)".
    let w = demo();
    let out = w.file("out");
    std::os::unix::fs::symlink(w.file("nothere"), &out).unwrap();
    w.run(&[
        "export",
        "--month",
        "2024-06",
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(2)
    .expect_stderr("out is a link to ")
    .expect_stderr(
        "nothere, which is not there (make that folder, name another, or remove the link)",
    );
    // A folder to be made under it, for templates or a report's file, alike.
    let md = out.join("2024-06.md");
    for args in [
        vec![
            "template",
            "--month",
            "2024-07",
            "--out",
            out.to_str().unwrap(),
        ],
        vec!["report", "--month", "2024-06", "-o", md.to_str().unwrap()],
    ] {
        w.run(&args)
            .expect_code(2)
            .expect_stderr("nothere, which is not there");
    }
    assert!(
        std::fs::symlink_metadata(&out)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(!w.file("nothere").exists());
}

/// Another run putting files into `folder`, as far as a run is concerned: its lock held until
/// told, or a minute has passed, so that a run not waiting fails rather than waits for ever.
/// Send to let go, then join.
#[cfg(unix)]
fn another_run_in(
    folder: &std::path::Path,
) -> (std::sync::mpsc::Sender<()>, std::thread::JoinHandle<()>) {
    let held = std::fs::File::open(folder).unwrap();
    held.lock().unwrap();
    let (release, released) = std::sync::mpsc::channel::<()>();
    let holder = std::thread::spawn(move || {
        let _ = released.recv_timeout(std::time::Duration::from_secs(60));
        drop(held);
    });
    (release, holder)
}

/// June's export into `out`, `more` arguments given, once it has said it waits for another
/// run: the run, and its standard error to read on.
#[cfg(unix)]
fn export_waiting(
    w: &Workdir,
    more: &[&str],
) -> (
    std::process::Child,
    std::io::BufReader<std::process::ChildStderr>,
) {
    use std::io::BufRead;
    let mut run = std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(["export", "--month", "2024-06", "--out", "out"])
        .args(more)
        .current_dir(w.path())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = std::io::BufReader::new(run.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert_eq!(
        first,
        "xmtool: waiting for another xmtool putting files into out\n"
    );
    (run, stderr)
}

/// A run that waits for another putting files into its folder says so: a batch job held up by
/// a run stopped or suspended was silent.
#[cfg(unix)]
#[test]
fn a_run_waiting_for_another_to_put_files_into_its_folder_says_so() {
    let w = demo();
    std::fs::create_dir(w.file("out")).unwrap();
    let (release, holder) = another_run_in(&w.file("out"));
    let (mut run, _) = export_waiting(&w, &["--force"]);
    assert!(!w.file("out/ranking-district.csv").exists());
    release.send(()).unwrap();
    holder.join().unwrap();
    assert!(run.wait().unwrap().success());
    assert!(w.file("out/ranking-district.csv").exists());
}

/// A run without --force that finds, once its turn comes, the files another run put into the
/// folder while it waited gives the advice to pass --force, as for files there before: it said
/// "cannot write out/about.csv: File exists (os error 17)".
#[cfg(unix)]
#[test]
fn a_run_finding_another_runs_files_once_its_turn_comes_is_told_to_pass_force() {
    let w = demo();
    std::fs::create_dir(w.file("out")).unwrap();
    let (release, holder) = another_run_in(&w.file("out"));
    let (mut run, mut stderr) = export_waiting(&w, &[]);
    w.write("out/overview.csv", "the other run's\n");
    release.send(()).unwrap();
    holder.join().unwrap();
    let mut rest = String::new();
    std::io::Read::read_to_string(&mut stderr, &mut rest).unwrap();
    assert_eq!(run.wait().unwrap().code(), Some(2));
    assert_eq!(
        rest,
        "xmtool: out already has overview.csv (pass --force to overwrite)\n"
    );
    assert_eq!(w.read("out/overview.csv"), b"the other run's\n");
    let names: Vec<_> = std::fs::read_dir(w.file("out")).unwrap().collect();
    assert_eq!(names.len(), 1, "{names:?}");
}

/// Exports of May and June started at once into `out`, a folder not there yet, `more` arguments
/// given to both: each run's exit code and standard error.
fn two_exports_at_once(w: &Workdir, out: &str, more: &[&str]) -> Vec<(i32, String)> {
    let runs: Vec<std::process::Child> = ["2024-05", "2024-06"]
        .iter()
        .map(|month| {
            std::process::Command::new(env!("CARGO_BIN_EXE_xmtool"))
                .args(["export", "--month", month, "--out", out])
                .args(more)
                .current_dir(w.path())
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    runs.into_iter()
        .map(|run| {
            let done = run.wait_with_output().unwrap();
            let stderr = String::from_utf8_lossy(&done.stderr).into_owned();
            (done.status.code().unwrap_or(-1), stderr)
        })
        .collect()
}

/// Two exports into one new folder take turns as into an existing one: the later found the
/// folder the earlier had made, and failed even with --force, telling it to pass --force.
#[test]
fn exports_at_once_into_a_new_folder_take_turns() {
    let w = demo();
    // (Started together, they fill their folders at once: a few rounds, as one may be done
    // before the other begins.)
    for round in 0..3 {
        let out = format!("forced-{round}/out");
        for (code, stderr) in two_exports_at_once(&w, &out, &["--force"]) {
            assert_eq!(code, 0, "{stderr}");
        }
        assert!(w.file(&format!("{out}/overview.csv")).exists());
        let out = format!("kept-{round}/out");
        let mut codes = Vec::new();
        for (code, stderr) in two_exports_at_once(&w, &out, &[]) {
            // Without --force, the later fails as into an existing folder, with advice that works.
            if code != 0 {
                assert!(
                    stderr.contains("already has")
                        && stderr.contains("(pass --force to overwrite)"),
                    "{stderr}"
                );
            }
            codes.push(code);
        }
        codes.sort();
        assert_eq!(codes, [0, 2]);
    }
    let stray = (std::fs::read_dir(w.path()).unwrap())
        .flat_map(|e| std::fs::read_dir(e.unwrap().path()).into_iter().flatten())
        .filter(|e| (e.as_ref()).is_ok_and(|e| e.file_name().to_string_lossy().starts_with('.')))
        .count();
    assert_eq!(stray, 0, "temporary folders left behind");
}

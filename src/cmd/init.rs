//! `xmtool init DIR`: a new data folder, ready for a registry and reports.

use std::path::Path;

use anyhow::bail;

use super::Outcome;
use crate::cli::InitArgs;
use crate::finding::Shown;
use crate::model::{FIRST_YEAR, LAST_YEAR};
use crate::output;
use crate::render::bulletin::write_csv;
use crate::render::template::HEADERS as REPORT_HEADERS;

/// The registry's columns, in the usual order.
const REGISTRY_HEADERS: [&str; 17] = [
    "项目编号",
    "项目名称",
    "所属县区",
    "责任单位",
    "包抓领导",
    "项目类别",
    "项目级别",
    "建设性质",
    "投资主体",
    "总投资（万元）",
    "年度计划投资（万元）",
    "计划开工时间",
    "计划竣工时间",
    "年度目标",
    "纳入时间",
    "调出时间",
    "备注",
];

fn settings_text(year: i32) -> String {
    format!(
        r#"# xmtool settings for this data folder. Every key is optional: a line left commented out
# keeps the default shown. An unknown key is an error, so a misspelling never goes unnoticed.

# The plan year (计划年度) of registry rows without a 计划年度 column, where their file's plan
# header (2024年计划投资), name, title or folder gives no year.
year = {year}

# The sheet to read in workbooks (default: the first sheet).
# sheet = "Sheet1"

# What 开工率 is counted over: "all" projects, or "planned" (continuing projects, those
# planned to start by the report month, and those started already).
# start_rate_denominator = "all"

# The values of 年度目标 that are stages (四个一批); other text there is no stage. Written
# with a 类, 项目 or 一批 after it, a stage is the same stage.
# stages = ["竣工投产", "加快建设", "争取开工", "加快前期"]

[thresholds]
# Percentage points behind the time target (序时进度) at which a project turns yellow, and
# beyond which it turns red.
# yellow_behind = 10
# red_behind = 30
# Months past its planned start, not started, at which a project turns red.
# red_months_overdue = 3
# A new start whose planned start is the report month or later is judged on its completion
# rate like every project (a light red in June for one planned to start in October); true
# judges it only on its start until its planned month has passed.
# spare_not_yet_due = false
# 开而不动: months without investment after which a started project counts as idle.
# idle_months = 2
# `check` warns when year-to-date exceeds this multiple of the annual plan.
# far_above_plan = 1.5

[ranking]
# Score = min(completion rate, cap) × completion_weight + start rate × start_weight.
# completion_weight = 0.7
# start_weight = 0.3
# completion_cap = 1.2

[aliases]
# Extra headers for a column, by its key (id, name, district, department, leader, category,
# level, nature, investor, total_investment, annual_plan, planned_start, planned_finish, stage,
# listed_from, delisted, year, month, month_investment, ytd_investment, status, actual_start,
# progress, problems, problem_category). For example:
# id = ["统一项目代码"]
"#
    )
}

fn csv_bytes(headers: &[&str]) -> anyhow::Result<Vec<u8>> {
    let mut bytes = crate::render::bulletin::UTF8_BOM.to_vec();
    write_csv(
        &mut bytes,
        &[headers.iter().map(|h| h.to_string()).collect::<Vec<_>>()],
    )?;
    Ok(bytes)
}

pub fn run(data_dir: &Path, args: &InitArgs) -> anyhow::Result<Outcome> {
    let year = args
        .year
        .unwrap_or_else(|| chrono::Datelike::year(&chrono::Local::now().date_naive()));
    if !crate::model::READ_YEARS.contains(&year) {
        bail!(
            "--year {year} is not a plan year (expected a year from {FIRST_YEAR} to {LAST_YEAR}, \
             e.g. 2025)"
        );
    }
    let dir = match &args.folder {
        // (`--dir` defaults to `.`: a folder named both ways is one folder, twice.)
        Some(folder) if data_dir != Path::new(".") && data_dir != folder => bail!(
            "init was given two folders, {} and --dir {}; give one",
            folder.shown(),
            data_dir.shown()
        ),
        Some(folder) => folder,
        None => data_dir,
    };
    // A folder that already holds a registry or reports is a data folder: a second, empty
    // registry beside its own would only confuse it.
    let has_files = |sub: &str| crate::load::holds_data_files(&dir.join(sub));
    let holds_registry_file = |dir: &Path| {
        crate::load::REGISTRY_NAMES
            .iter()
            .any(|name| dir.join(name).exists())
    };
    if holds_registry_file(dir) || has_files("registry") || has_files("reports") {
        bail!(
            "{} already holds a registry or reports; init makes a new data folder (give a new \
             folder's name)",
            dir.shown()
        );
    }
    // Inside another data folder's reports/ or registry/, its files would be read as that
    // folder's inputs.
    if let Some((parent, sub)) = crate::output::among_inputs_of(dir) {
        bail!(
            "{} is within {sub}/ of the data folder {}: its files would be read as that \
             folder's inputs (give a folder outside it)",
            dir.shown(),
            parent.shown()
        );
    }
    let files: Vec<(&str, Vec<u8>)> = vec![
        ("xmtool.toml", settings_text(year).into_bytes()),
        ("projects.csv", csv_bytes(&REGISTRY_HEADERS)?),
        (crate::load::REPORT_TEMPLATE, csv_bytes(&REPORT_HEADERS)?),
    ];
    let existing: Vec<String> = files
        .iter()
        .map(|(name, _)| dir.join(name))
        .filter(|p| p.exists())
        .map(|p| p.shown().to_string())
        .collect();
    if !existing.is_empty() {
        bail!(
            "{} already exist{}; init never overwrites a file",
            existing.join(", "),
            if existing.len() == 1 { "s" } else { "" }
        );
    }
    let made = output::make_folders(&dir.join("reports"))?;
    let targets: Vec<(std::path::PathBuf, &[u8])> = files
        .iter()
        .map(|(name, bytes)| (dir.join(name), bytes.as_slice()))
        .collect();
    output::write_files(&targets, false)?;
    made.keep();
    let made_where = if dir == Path::new(".") {
        "the current folder".to_string()
    } else {
        dir.shown().to_string()
    };
    crate::say!(
        "xmtool: {made_where} is a data folder now: fill in projects.csv, put monthly reports under reports/ (copy \
         月报模板.csv, e.g. to reports/{year}-01/金川区.csv), then run `{}`",
        super::check_command(dir, None)
    );
    Ok(Outcome::Clean)
}

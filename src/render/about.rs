//! Where an output came from: xmtool's version, the period, the settings used, and every input
//! file with its size and SHA-256. Every output a batch job keeps carries it.

use super::format::Lang;
use crate::load::{Dataset, Role};

/// A command-line option as given, for the record: `lang = zh` for `--lang zh`.
pub fn option<T: clap::ValueEnum>(name: &str, value: &T) -> String {
    let value = value
        .to_possible_value()
        .map_or_else(String::new, |v| v.get_name().to_string());
    format!("{name} = {value}")
}

/// The provenance of an output, as rows of (item, value …): `options` are the command's that
/// shaped it (`by = district`, `encoding = gbk`).
pub fn records(data: &Dataset, period: &str, options: &[String], lang: Lang) -> Vec<Vec<String>> {
    let mut rows = vec![
        vec![
            lang.tr("项目", "item").to_string(),
            lang.tr("内容", "value").to_string(),
        ],
        vec![
            lang.tr("生成工具", "made by").to_string(),
            format!("xmtool {}", env!("CARGO_PKG_VERSION")),
        ],
        vec![lang.tr("通报期", "period").to_string(), period.to_string()],
        vec![
            lang.tr("数据目录", "data folder").to_string(),
            crate::load::path_text(&data.dir),
        ],
    ];
    let tally = data.tally();
    let mut check = match lang {
        Lang::Zh => format!(
            "{} 个错误，{} 个警告，{} 个提示",
            tally.errors, tally.warnings, tally.notes
        ),
        Lang::En => tally.to_string(),
    };
    if tally.errors > 0 {
        check.push_str(lang.tr(
            "（数据有错误时生成，据此算出的数字可能有误；xmtool check 列出全部）",
            " (made despite the errors: figures built on them may be wrong; xmtool check lists them)",
        ));
    }
    if let (n @ 1.., Some(end)) = (tally.later_month_errors, data.figures_end) {
        check.push_str(&match lang {
            Lang::Zh => format!("；另有 {n} 个错误在 {end} 以后月份的月报中，不涉及本期数字"),
            Lang::En => format!(
                "; and {n} error{} in reports of months after {end}, in none of these figures",
                crate::finding::plural(n)
            ),
        });
    }
    if let n @ 1.. = tally.off_list_errors {
        check.push_str(&match lang {
            Lang::Zh => {
                format!("；另有 {n} 个错误在已调出项目调出后的月报行中，不涉及任何月份的数字")
            }
            Lang::En => format!(
                "; and {n} error{} in report rows of projects off the list by then, in no \
                 month's figures",
                crate::finding::plural(n)
            ),
        });
    }
    rows.push(vec![lang.tr("数据检查", "data check").to_string(), check]);
    for option in options {
        rows.push(vec![lang.tr("选项", "option").to_string(), option.clone()]);
    }
    for line in data.settings.describe() {
        rows.push(vec![lang.tr("设置", "setting").to_string(), line]);
    }
    rows.push(vec![
        lang.tr("输入文件", "input file").to_string(),
        lang.tr("用途", "role").to_string(),
        lang.tr("大小(字节)", "size (bytes)").to_string(),
        "SHA-256".to_string(),
    ]);
    for s in &data.sources {
        // (A name not UTF-8 is shown decoded, and its bytes beside it: the path that finds it.)
        let path = match &s.raw {
            Some(raw) => format!(
                "{} ({}{raw})",
                s.path,
                lang.tr("文件名字节：", "name's bytes: ")
            ),
            None => s.path.clone(),
        };
        rows.push(vec![
            path,
            match s.role {
                Role::Registry => lang.tr("项目库", "registry"),
                Role::Report => lang.tr("月报", "report"),
                Role::Settings => lang.tr("设置", "settings"),
            }
            .to_string(),
            s.size.to_string(),
            s.sha256.clone().unwrap_or_default(),
        ]);
    }
    rows
}

//! `xmtool show ID`: one project's card and its month-by-month history with its lights.

use std::io::Write;
use std::path::Path;

use anyhow::bail;
use serde_json::json;

use super::Outcome;
use crate::cli::{ShowArgs, TrendFormat};
use crate::compute::{nearest_f64, round, trend};
use crate::load::value::to_halfwidth;
use crate::model::reports::TextsFor;
use crate::render::bulletin::{csv, section_table};
use crate::render::format::Lang;
use crate::render::json::{POINTS_PLACES, RATE_PLACES};
use crate::render::sections::{Section, Value, light_text, reason_text};

pub fn run(dir: &Path, args: &ShowArgs, out: &mut dyn Write) -> anyhow::Result<Outcome> {
    let format = super::trend::format_of(args.format, &args.dest)?;
    let asked = args
        .month
        .as_deref()
        .map(|m| super::asked_month(m, "--month").map(crate::compute::Period::month))
        .transpose()?;
    let id = to_halfwidth(args.id.trim()).into_owned();
    if id.is_empty() {
        bail!("no project id given (expected one from the registry, e.g. xmtool show JC2024-001)");
    }
    // A project's page is wanted most when its data has problems: show it anyway.
    let texts_for = TextsFor::Project(id.as_str().into());
    let Some(data) =
        super::load_for_figures_with(dir, asked, asked.map(|p| p.end), texts_for, true, false)?
    else {
        return Ok(Outcome::DataErrors);
    };
    let to = super::resolve_period(&data, asked)?.end;
    let Some((p, history)) = trend::history(&data, &id, to) else {
        // The id in another year's registry: that year's month is wanted.
        let other_year = data
            .projects
            .iter()
            .filter(|p| *p.id == *id)
            .map(|p| p.year)
            .max();
        if let Some(year) = other_year {
            bail!(
                "{id} is in the {year} registry, not in {}'s (give --month {year}-MM for its \
                 page)",
                to.year()
            );
        }
        let of_the_year = data.projects.iter().filter(|p| p.year == to.year());
        let similar = similar_ids(of_the_year.map(|p| (&*p.id, &*p.name)), &id);
        if similar.is_empty() {
            bail!("no project {id} in the {} registry", to.year());
        }
        bail!(
            "no project {id} in the {} registry (did you mean {}?)",
            to.year(),
            similar.join(", ")
        );
    };
    let lang = args.lang;
    let for_csv = format == TrendFormat::Csv;
    let text = |s: &str| Value::Text(s.to_string());
    let opt = |s: Option<&str>| s.map_or(Value::Empty, |s| Value::Text(s.to_string()));
    let card = Section {
        key: "project",
        title: format!("{} {}", p.id, p.name),
        columns: vec![
            lang.tr("项目", "item").into(),
            lang.tr("内容", "value").into(),
        ],
        rows: vec![
            vec![text(lang.tr("所属县区", "district")), text(&p.district)],
            vec![
                text(lang.tr("责任单位", "department")),
                opt(p.department.as_deref()),
            ],
            vec![
                text(lang.tr("包抓领导", "leader")),
                opt(p.leader.as_deref()),
            ],
            vec![
                text(lang.tr("项目类别", "category")),
                opt(p.category.as_deref()),
            ],
            vec![text(lang.tr("项目级别", "level")), opt(p.level.as_deref())],
            vec![
                text(lang.tr("建设性质", "nature")),
                opt(p
                    .nature
                    .map(|n| crate::render::sections::nature_text(n, lang))),
            ],
            vec![
                text(lang.tr("投资主体", "investor")),
                opt(p.investor.as_deref()),
            ],
            vec![
                text(lang.tr("总投资(万元)", "total investment (万元)")),
                Value::Amount(p.total_investment),
            ],
            vec![
                text(lang.tr("年度计划(万元)", "annual plan (万元)")),
                Value::Amount(p.annual_plan),
            ],
            vec![
                text(lang.tr("计划开工", "planned start")),
                opt(p.planned_start.map(|m| m.to_string()).as_deref()),
            ],
            vec![
                text(lang.tr("计划竣工", "planned finish")),
                opt(p.planned_finish.map(|m| m.to_string()).as_deref()),
            ],
            vec![text(lang.tr("年度目标", "stage")), opt(p.stage.as_deref())],
            vec![
                text(lang.tr("纳入时间", "listed from")),
                opt(p.listed_from.map(|m| m.to_string()).as_deref()),
            ],
            vec![
                text(lang.tr("调出时间", "delisted")),
                opt(p.delisted.map(|m| m.to_string()).as_deref()),
            ],
            vec![
                text(lang.tr("项目库位置", "registry row")),
                text(&format!("{}:{}", p.origin.file(), p.origin.line)),
            ],
        ],
        note: None,
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    };
    // A month 未报送 whose row was sent but has an error and gives no figure: its row, as
    // `check`'s 未报送 warning names it (the data's first error, said on standard error, may be
    // another project's).
    let timeline = data.reports.timeline(p.id_no, to.year());
    let rows_with_error: Vec<Option<String>> = history
        .iter()
        .map(|pf| {
            let row = timeline.at(pf.at).filter(|r| !pf.reported && r.flawed())?;
            let at = row.origin();
            Some(format!("{}:{}", at.file(), at.line))
        })
        .collect();
    let mut notes: Vec<String> = history
        .iter()
        .zip(&rows_with_error)
        .filter_map(|(pf, row)| {
            let (m, row) = (pf.at, row.as_ref()?);
            Some(match lang {
                Lang::Zh => format!("{m}的报送行（{row}）有错误，未给出数字，计为未报送"),
                Lang::En => {
                    format!("{m}: its row, {row}, has an error and gives no figure (not reported)")
                }
            })
        })
        .collect();
    // A project listed later in the year (纳入时间) is in no bulletin before then, one taken off
    // the list (调出时间) in none from then on.
    notes.extend(match (p.listed_from, p.delisted) {
        (Some(from), _) if history.is_empty() && from > to => Some(match lang {
            Lang::Zh => format!("纳入时间为{from}，{to}尚未列入清单"),
            Lang::En => format!("listed from {from} (纳入时间): on no list in {to}"),
        }),
        (_, Some(off)) if off <= to => Some(match lang {
            Lang::Zh => format!("调出时间为{off}，自{off}起不在清单中"),
            Lang::En => format!("taken off the list in {off} (调出时间): on no list from then"),
        }),
        _ => None,
    });
    let history_section = Section {
        key: "history",
        title: lang.tr("逐月情况", "Month by month").to_string(),
        columns: [
            lang.tr("月份", "month"),
            lang.tr("本月报送", "reported"),
            lang.tr("本月完成(万元)", "this month (万元)"),
            lang.tr("累计完成(万元)", "year-to-date (万元)"),
            lang.tr("完成率", "completion"),
            lang.tr("较序时", "vs target"),
            lang.tr("项目状态", "status"),
            lang.tr("灯", "light"),
            lang.tr("原因", "reason"),
            lang.tr("形象进度", "progress"),
            lang.tr("存在问题", "problems"),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        rows: history
            .iter()
            .map(|pf| {
                vec![
                    text(&pf.at.to_string()),
                    text(if pf.reported {
                        lang.tr("是", "yes")
                    } else {
                        lang.tr("未报送", "not reported")
                    }),
                    // A month without a report has no figure of its own, not a reported zero: –
                    // to people, an empty cell in a spreadsheet.
                    pf.month_figure().map_or_else(
                        || if for_csv { Value::Empty } else { text("–") },
                        Value::Amount,
                    ),
                    Value::Amount(pf.ytd_investment),
                    Value::Rate(pf.completion_rate()),
                    Value::Points(
                        pf.completion_rate()
                            .points_over(&crate::compute::time_target(pf.at)),
                    ),
                    opt(pf.status_text),
                    text(light_text(pf.light, lang)),
                    text(&reason_text(&pf.reasons(), lang)),
                    opt(pf.free_text.and_then(|t| t.progress())),
                    opt(pf.free_text.and_then(|t| t.problems())),
                ]
            })
            .collect(),
        note: (!notes.is_empty()).then(|| notes.join(lang.tr("；", "; "))),
        key_value: false,
        start_base: None,
        shape: None,
        spreadsheet_columns: Vec::new(),
    };
    let mut bytes = Vec::new();
    let out_file = &mut bytes;
    match format {
        TrendFormat::Table => {
            let wrap = args.dest.file().is_none();
            section_table(out_file, &card, lang, wrap)?;
            writeln!(out_file)?;
            section_table(out_file, &history_section, lang, wrap)?;
        }
        TrendFormat::Csv => {
            // Each row says whose month it is: files of several projects can be put together.
            // A CSV has no line under its table: a month 未报送 whose row was sent with an error
            // names that row in a last column (empty for any other month), so that it is not
            // taken for a month nothing came for.
            let mut rows = history_section;
            rows.columns.splice(
                0..0,
                [lang.tr("项目编号", "id"), lang.tr("项目名称", "name")].map(String::from),
            );
            rows.columns
                .push(lang.tr("有错误的报送行", "row with error").to_string());
            for (row, with_error) in rows.rows.iter_mut().zip(&rows_with_error) {
                row.splice(0..0, [text(&p.id), text(&p.name)]);
                row.push(opt(with_error.as_deref()));
            }
            csv(out_file, &rows, lang)?
        }
        TrendFormat::Json => {
            let n = nearest_f64;
            let doc = json!({
                "id": p.id, "name": p.name, "district": p.district,
                "department": p.department, "leader": p.leader, "category": p.category,
                "level": p.level, "nature": p.nature, "investor": p.investor,
                "total_investment": n(p.total_investment), "annual_plan": n(p.annual_plan),
                "planned_start": p.planned_start.map(|m| m.to_string()),
                "planned_finish": p.planned_finish.map(|m| m.to_string()),
                "stage": p.stage, "listed_from": p.listed_from.map(|m| m.to_string()),
                "delisted": p.delisted.map(|m| m.to_string()),
                "registry_row": format!("{}:{}", p.origin.file(), p.origin.line),
                "history": history.iter().zip(&rows_with_error).map(|(pf, row_with_error)| json!({
                    "month": pf.at.to_string(),
                    "reported": pf.reported,
                    "row_with_error": row_with_error,
                    "month_investment": pf.month_figure().map(n),
                    "ytd_investment": n(pf.ytd_investment),
                    "completion_rate": pf.completion_rate().value().map(|v| nearest_f64(round(v, RATE_PLACES))),
                    "vs_time_target": pf
                        .completion_rate()
                        .points_over(&crate::compute::time_target(pf.at))
                        .map(|p| nearest_f64(round(p, POINTS_PLACES))),
                    "status": pf.status_text,
                    "status_kind": pf.status.map(crate::model::Status::key),
                    "started": pf.started,
                    "light": pf.light,
                    "light_reason": reason_text(&pf.reasons(), lang),
                    "progress": pf.free_text.and_then(|t| t.progress()),
                    "problems": pf.free_text.and_then(|t| t.problems()),
                })).collect::<Vec<_>>(),
                "data_findings": data.tally(),
            });
            serde_json::to_writer_pretty(&mut *out_file, &doc)?;
            writeln!(out_file)?;
        }
    }
    super::emit(&bytes, format == TrendFormat::Csv, &args.dest, &data, out)?;
    Ok(Outcome::Clean)
}

/// Up to five of the registry's ids (given with their projects' names) that `asked` may have
/// meant, each once, in the registry's order: those equal to it but for case, separators and
/// leading zeros (`p001`, `P-1` and `P0001` for `P001`), else those whose id holds it (in any
/// case) or whose name does.
fn similar_ids<'a>(
    projects: impl Iterator<Item = (&'a str, &'a str)> + Clone,
    asked: &str,
) -> Vec<&'a str> {
    let keys = |id: &str| (loose(id, false), loose(id, true));
    let (plain, unpadded) = keys(asked);
    let once = |ids: &mut dyn Iterator<Item = &'a str>| {
        let mut similar: Vec<&'a str> = Vec::new();
        for id in ids {
            if !similar.contains(&id) {
                similar.push(id);
            }
            if similar.len() == 5 {
                break;
            }
        }
        similar
    };
    let same = once(
        &mut projects
            .clone()
            .filter(|(id, _)| {
                let (p, u) = keys(id);
                (!plain.is_empty() && p == plain) || (!unpadded.is_empty() && u == unpadded)
            })
            .map(|(id, _)| id),
    );
    if !same.is_empty() {
        return same;
    }
    let upper = asked.to_uppercase();
    once(
        &mut projects
            .filter(|(id, name)| id.to_uppercase().contains(&upper) || name.contains(asked))
            .map(|(id, _)| id),
    )
}

/// An id as it may be typed loosely: upper case, without separators, and with `unpadded` each
/// run of digits without its leading zeros (`jc2024-042` and `JC2024 42` are both `JC202442`).
fn loose(id: &str, unpadded: bool) -> String {
    let mut out = String::with_capacity(id.len());
    // Whether a run of digits has begun (a zero before it is a leading one), and whether leading
    // zeros were passed over (a run of zeros alone is one 0).
    let (mut in_number, mut zeros) = (false, false);
    // (A space after the last character ends its run of digits.)
    for c in id.chars().chain([' ']) {
        if c.is_ascii_digit() {
            if unpadded && c == '0' && !in_number {
                zeros = true;
                continue;
            }
            (in_number, zeros) = (true, false);
            out.push(c);
            continue;
        }
        if zeros {
            out.push('0');
        }
        (in_number, zeros) = (false, false);
        if c.is_alphanumeric() {
            out.extend(c.to_uppercase());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_typed_loosely() {
        let same = |a: &str, b: &str| {
            loose(a, false) == loose(b, false) || loose(a, true) == loose(b, true)
        };
        for (typed, id) in [
            ("p001", "P001"),
            ("P1", "P001"),
            ("jc2024-42", "JC2024-042"),
            ("JC2024 042", "JC2024-042"),
            ("JC2024042", "JC2024-042"),
            ("W2", "W02"),
            ("A10", "A010"),
        ] {
            assert!(same(typed, id), "{typed}");
        }
        for (typed, id) in [
            ("A1", "A10"),
            ("JC2024042", "JC2024-42"),
            ("B1", "A1"),
            ("P00", "P"),
        ] {
            assert!(!same(typed, id), "{typed}");
        }
    }

    #[test]
    fn similar_ids_are_the_loosely_equal_first_each_once() {
        let projects = [
            ("P010", "城东污水处理厂"),
            ("P001", "城西道路"),
            ("P100", "P001配套工程"),
            ("P001", "城西道路"),
        ];
        assert_eq!(
            similar_ids(projects.iter().copied(), "p1"),
            ["P001"],
            "P010 and P100 are other ids"
        );
        assert_eq!(
            similar_ids(projects.iter().copied(), "P-0001"),
            ["P001"],
            "the same id of another year once"
        );
        assert_eq!(similar_ids(projects.iter().copied(), "污水"), ["P010"]);
        assert_eq!(
            similar_ids(projects.iter().copied(), "P00"),
            ["P001", "P100"],
            "ids and names holding it: P001 once"
        );
        assert!(similar_ids(projects.iter().copied(), "Q").is_empty());
    }
}

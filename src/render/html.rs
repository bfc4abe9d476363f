//! The bulletin as one self-contained HTML page that prints cleanly on A4: no scripts, no fonts
//! or images from elsewhere (government intranets are offline), charts as inline SVG.

use std::fmt::Write;

use rust_decimal::prelude::ToPrimitive;

use super::format::{self, Lang};
use super::sections::{Section, Value, bulletin_sections};
use super::svg::{self, Bar, Series, escape};
use crate::compute::trend::Trend;
use crate::compute::{Bulletin, Ratio, in_pinyin_order};

const STYLE: &str = r#"
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", "PingFang SC",
       "SimSun", sans-serif; color: #222; margin: 0 auto; max-width: 186mm; font-size: 10.5pt;
       line-height: 1.45; padding: 8mm 0; orphans: 1; widows: 1; }
h1 { font-size: 18pt; text-align: center; margin: 0 0 2mm; }
.sub { text-align: center; color: #555; margin: 0 0 6mm; }
h2 { font-size: 12.5pt; border-left: 4px solid #1f6fb2; padding-left: 6px; margin: 7mm 0 3mm;
     break-after: avoid; }
section { break-inside: avoid; }
section.long { break-inside: auto; }
/* A chart's section is one box: its heading stays on top of it, a chart taller than a page
   starting a fresh one. */
section.figure { display: inline-block; width: 100%; vertical-align: top; }
.cards { display: grid; grid-template-columns: repeat(4, 1fr); gap: 3mm; }
.card { border: 1px solid #ccd; border-radius: 3px; padding: 2.5mm 3mm; }
.card .k { color: #555; font-size: 9pt; }
.card .v { font-size: 15pt; font-weight: bold; }
.card .d { color: #555; font-size: 8.5pt; }
table { border-collapse: collapse; width: 100%; font-size: 9pt; }
thead { display: table-header-group; }
tr { break-inside: avoid; }
th, td { border: 1px solid #bbb; padding: 1.2mm 1.6mm; vertical-align: top; }
th { background: #eef2f7; font-weight: bold; }
td.n { text-align: right; white-space: nowrap; }
td.s { white-space: nowrap; }
table.wide { font-size: 8pt; }
table.wide td.s:nth-child(-n+3) { white-space: normal; min-width: calc(3em + 3.2mm + 1px); }
:lang(en) table.wide :is(th, td), table.wider :is(th, td) { padding: 1.2mm 0.8mm; white-space: normal; }
table.wider { font-size: 7.5pt; }
table.wider td.s:nth-child(-n+3) { min-width: calc(3em + 1.6mm + 1px); }
:lang(en) table.wider th { overflow-wrap: anywhere; }
.note { color: #555; font-size: 8.5pt; margin: 1.5mm 0 0; }
.chart { overflow-x: auto; }
.chart svg { max-width: 100%; height: auto; }
footer { margin-top: 8mm; border-top: 1px solid #bbb; padding-top: 2mm; color: #555; font-size: 8pt; }
footer table { font-size: 7.5pt; }
footer td { border: none; padding: 0.3mm 2mm 0.3mm 0; word-break: break-all; }
"#;

fn f64_of(r: &Ratio) -> Option<f64> {
    r.value().and_then(|v| v.to_f64())
}

fn table(out: &mut String, s: &Section, lang: Lang) {
    if s.rows.is_empty() && !s.note_says_why_empty() {
        let _ = write!(out, "<p>{}</p>", lang.tr("（无）", "(none)"));
    } else if !s.rows.is_empty() {
        // (Wide tables in smaller type; the widest, of 14 columns or more, smaller still and
        // wrapping, so that they fit A4's width.)
        let class = match s.columns.len() {
            14.. => " class=\"wide wider\"",
            11.. => " class=\"wide\"",
            _ => "",
        };
        let _ = write!(out, "<table{class}><thead><tr>");
        for c in &s.columns {
            let _ = write!(out, "<th>{}</th>", escape(c));
        }
        out.push_str("</tr></thead><tbody>");
        for row in &s.rows {
            out.push_str("<tr>");
            for v in row {
                let class = match v {
                    Value::Text(t) if t.chars().count() <= 12 => " class=\"s\"",
                    Value::Text(_) | Value::Empty => "",
                    _ => " class=\"n\"",
                };
                let _ = write!(out, "<td{class}>{}</td>", escape(&v.display(lang)));
            }
            out.push_str("</tr>");
        }
        out.push_str("</tbody></table>");
    }
    if let Some(note) = &s.note {
        let _ = write!(out, "<p class=\"note\">{}</p>", escape(note));
    }
}

fn card(out: &mut String, key: &str, value: &str, detail: &str) {
    let _ = write!(
        out,
        "<div class=\"card\"><div class=\"k\">{}</div><div class=\"v\">{}</div><div class=\"d\">{}</div></div>",
        escape(key),
        escape(value),
        escape(detail)
    );
}

/// A group's completion rate as its bar is labelled: to one decimal, or to two, cut rather than
/// rounded, where one decimal would show a rate below the time target as the target (49.998%
/// beside a target of 50% is `49.99%`, not `50.0%` beside an orange bar).
fn rate_beside(rate: &crate::compute::Ratio, target: &crate::compute::Ratio) -> String {
    let shown = format::rate(rate);
    match (rate.value(), target.value()) {
        (Some(v), Some(t)) if v < t && shown == format::rate(target) => {
            let hundredths = (v * rust_decimal::Decimal::from(10_000)).floor()
                / rust_decimal::Decimal::from(100);
            format!("{hundredths:.2}%")
        }
        _ => shown,
    }
}

/// The whole page.
pub fn page(b: &Bulletin, trend: Option<&Trend>, about: &[Vec<String>], lang: Lang) -> String {
    let o = &b.overview;
    let target_text = format::rate(&b.time_target);
    let start_base = super::sections::base_label(b.start_rate_base, lang);
    let title = lang.tr("重点项目推进情况通报", "Key projects bulletin");
    let mut h = String::new();
    let _ = write!(
        h,
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}{}{}{}</title><style>{STYLE}</style></head><body>",
        lang.tr("zh-CN", "en"),
        lang.tr("（", " ("),
        format::period(&b.period, lang),
        lang.tr("）", ")"),
    );
    let _ = write!(
        h,
        "<header><h1>{title}</h1><p class=\"sub\">{} {} · {} {target_text}</p></header>",
        lang.tr("通报期", "Period"),
        format::period(&b.period, lang),
        lang.tr("序时进度", "time target"),
    );

    // Key figures.
    let in_period = !b.period.is_month();
    // (A period's nine cards, 本期完成投资 besides a month's eight, three to a row: none alone
    // on the last.)
    h.push_str(match in_period {
        true => "<section><div class=\"cards\" style=\"grid-template-columns: repeat(3, 1fr)\">",
        false => "<section><div class=\"cards\">",
    });
    card(
        &mut h,
        lang.tr("投资完成率", "completion rate"),
        &format::rate(&o.completion_rate),
        &format!(
            "{} / {}",
            format::large(o.ytd_investment, lang),
            format::large(o.annual_plan, lang)
        ),
    );
    // (Of a period, what was invested within it, the figure its bulletin is for, with the
    // months it covers: the overview's 本期完成投资.)
    if in_period {
        card(
            &mut h,
            lang.tr("本期完成投资", "invested in the period"),
            &format::large(o.period_investment, lang),
            &format!(
                "{}{}{}",
                b.period.start,
                lang.tr("至", " to "),
                b.period.end
            ),
        );
    }
    card(
        &mut h,
        lang.tr("较序时进度", "vs time target"),
        &match o.completion_rate.points_over(&b.time_target) {
            Some(points) => format!(
                "{}{}",
                format::points(Some(points)),
                lang.tr("个百分点", " points")
            ),
            None => format::NA.to_string(),
        },
        &format!("{} {target_text}", lang.tr("序时进度", "time target")),
    );
    card(
        &mut h,
        lang.tr("开工率", "start rate"),
        &format::rate(&o.start_rate),
        &format!(
            "{}/{} · {}{}",
            o.start_rate.num,
            o.start_rate.den,
            lang.tr("分母：", "over "),
            start_base
        ),
    );
    card(
        &mut h,
        &super::sections::monthly_label(
            b,
            lang,
            ["报送率", "reporting rate"],
            ["{month}报送率", "reporting rate of {month}"],
        ),
        &format::rate(&o.report_rate),
        &format!("{}/{}", o.reported, o.projects),
    );
    card(
        &mut h,
        lang.tr("红灯 / 黄灯 / 绿灯", "red / yellow / green"),
        &format!("{} / {} / {}", o.red, o.yellow, o.green),
        lang.tr("个项目", "projects"),
    );
    card(
        &mut h,
        lang.tr("逾期未开工", "overdue starts"),
        &o.overdue.to_string(),
        &format!(
            "{} {}",
            lang.tr("开而不动", "idle"),
            match b.idle_not_known {
                Some(_) => "n/a".to_string(),
                None => o.idle.to_string(),
            }
        ),
    );
    card(
        &mut h,
        lang.tr("新开工项目开工率", "new-start start rate"),
        &format::rate(&o.new_start_rate),
        &format!("{}/{}", o.new_started, o.new_projects),
    );
    card(
        &mut h,
        lang.tr("尚需月均完成", "required monthly pace"),
        &o.required_pace
            .map_or(format::NA.to_string(), |p| format::large(p, lang)),
        lang.tr("年底完成计划", "to finish the plan"),
    );
    h.push_str("</div></section>");

    let sections: Vec<Section> = bulletin_sections(b, lang).collect();
    let find = |key: &str| sections.iter().find(|s| s.key == key);
    let group_title = find("ranking").map(|s| s.title.clone()).unwrap_or_default();

    // Charts.
    let completion_bars: Vec<Bar> = b
        .ranking
        .iter()
        .map(|r| Bar {
            label: r.group.clone(),
            value: f64_of(&r.figures.completion_rate),
            text: rate_beside(&r.figures.completion_rate, &b.time_target),
        })
        .collect();
    let target = f64_of(&b.time_target).unwrap_or_default();
    let target_label = format!("{} {target_text}", lang.tr("序时进度", "time target"));
    let _ = write!(
        h,
        "<section class=\"figure\"><h2>{}</h2><div class=\"chart\">{}</div><p class=\"note\">{}</p></section>",
        lang.tr(
            "投资完成率（按得分排名）",
            "Completion rate (in ranking order)"
        ),
        svg::bar_chart(
            &completion_bars,
            Some((target, &target_label)),
            "completion rate"
        ),
        lang.tr(
            "蓝色：达到或高于序时进度；橙色：低于序时进度。",
            "Blue: at or above the time target; orange: below it."
        )
    );
    let mut by_start: Vec<&crate::compute::Ranked> = b.ranking.iter().collect();
    by_start.sort_by_cached_key(|r| {
        (
            std::cmp::Reverse(r.figures.start_rate.value()),
            in_pinyin_order(&r.group),
            r.group.clone(),
        )
    });
    let start_bars: Vec<Bar> = by_start
        .iter()
        .map(|r| Bar {
            label: r.group.clone(),
            value: f64_of(&r.figures.start_rate),
            text: format::rate_of(&r.figures.start_rate),
        })
        .collect();
    let overall_start = f64_of(&o.start_rate).unwrap_or_default();
    let start_label = format!(
        "{} {}",
        lang.tr("总体", "overall"),
        format::rate(&o.start_rate)
    );
    let _ = write!(
        h,
        "<section class=\"figure\"><h2>{}</h2><div class=\"chart\">{}</div><p class=\"note\">{}{}{}</p></section>",
        lang.tr("开工率", "Start rate"),
        svg::bar_chart(
            &start_bars,
            Some((overall_start, &start_label)),
            "start rate"
        ),
        lang.tr(
            "蓝色：达到或高于总体开工率；橙色：低于总体开工率。开工率分母：",
            "Blue: at or above the overall start rate; orange: below it. Start rate over "
        ),
        escape(start_base),
        lang.tr("。", ".")
    );

    if let Some(s) = find("ranking") {
        let _ = write!(
            h,
            "<section class=\"long\"><h2>{}</h2>",
            escape(&group_title)
        );
        table(&mut h, s, lang);
        h.push_str("</section>");
    }
    if let Some(s) = find("progress") {
        let _ = write!(h, "<section class=\"long\"><h2>{}</h2>", escape(&s.title));
        table(&mut h, s, lang);
        h.push_str("</section>");
    }

    if let Some(t) = trend.filter(|t| t.months.len() > 1) {
        let months: Vec<String> = t.months.iter().map(|m| m.to_string()).collect();
        let mut series = vec![Series {
            name: lang.tr("全部", "all").to_string(),
            values: t.overall.iter().map(f64_of).collect(),
            emphasis: true,
        }];
        // A dozen lines can be told apart; with more groups, the five highest and five lowest
        // at the last month are drawn (the ranking table has them all).
        let mut groups: Vec<&(String, Vec<Option<Ratio>>)> = t.groups.iter().collect();
        let shown_all = groups.len() <= 12;
        if !shown_all {
            let last = |g: &(String, Vec<Option<Ratio>>)| {
                g.1.last()
                    .copied()
                    .flatten()
                    .as_ref()
                    .and_then(f64_of)
                    .unwrap_or(0.0)
            };
            groups.sort_by(|a, b| last(b).total_cmp(&last(a)));
            let n = groups.len();
            groups = groups
                .into_iter()
                .enumerate()
                .filter(|(i, _)| *i < 5 || *i >= n - 5)
                .map(|(_, g)| g)
                .collect();
        }
        series.extend(groups.iter().map(|(g, rates)| Series {
            name: g.clone(),
            values: rates.iter().map(|r| r.as_ref().and_then(f64_of)).collect(),
            emphasis: false,
        }));
        let targets: Vec<f64> = t.time_target.iter().filter_map(f64_of).collect();
        let _ = write!(
            h,
            "<section class=\"figure\"><h2>{}</h2><div class=\"chart\">{}</div></section>",
            if shown_all {
                lang.tr("投资完成率走势", "Completion rate by month")
            } else {
                lang.tr(
                    "投资完成率走势（末月最高与最低各5个）",
                    "Completion rate by month (the 5 highest and 5 lowest at the last month)",
                )
            },
            svg::line_chart(
                &months,
                &series,
                &targets,
                lang.tr("序时进度", "time target"),
                "trend"
            )
        );
    }

    for key in [
        "red",
        "overdue",
        "idle",
        "not_reported",
        "problems",
        "structure",
    ] {
        if let Some(s) = find(key) {
            let _ = write!(h, "<section class=\"long\"><h2>{}</h2>", escape(&s.title));
            table(&mut h, s, lang);
            h.push_str("</section>");
        }
    }
    if let Some(s) = find("overview") {
        let _ = write!(h, "<section><h2>{}</h2>", escape(&s.title));
        table(&mut h, s, lang);
        h.push_str("</section>");
    }

    // Provenance.
    let _ = write!(
        h,
        "<footer><p>{}</p><table>",
        lang.tr("数据来源", "Sources")
    );
    for row in about.iter().skip(1) {
        h.push_str("<tr>");
        for cell in row {
            let _ = write!(h, "<td>{}</td>", escape(cell));
        }
        h.push_str("</tr>");
    }
    h.push_str("</table></footer></body></html>\n");
    h
}

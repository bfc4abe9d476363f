//! Charts as inline SVG, written by hand so that Chinese labels fit: text width is measured in
//! display columns (a Chinese character is two, a Latin letter one), not guessed from Latin
//! letter widths as chart libraries do.

use std::fmt::Write;

use unicode_width::UnicodeWidthStr;

/// Pixel size of the chart font.
const FONT: f64 = 12.0;
/// Pixels per display column at that font: a Chinese character (two columns) is one em, and
/// Latin letters and digits, about 0.55 em, get the same half em plus a little to spare.
const COLUMN: f64 = FONT * 0.56;

/// The width in pixels that `text` takes at the chart font.
pub fn text_width(text: &str) -> f64 {
    text.width() as f64 * COLUMN
}

/// Escapes text for XML and HTML. Control characters other than white space (an ESC pasted
/// with a value) and noncharacters, which neither may hold, and characters that show as
/// nothing or turn the text around (`finding::unseen`) are shown as escapes (`\u{1b}`), as the
/// terminal and markdown tables show them.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if (c.is_control() && !matches!(c, '\t' | '\n' | '\r'))
                || crate::finding::unseen(c) =>
            {
                out.extend(c.escape_default())
            }
            c => out.push(c),
        }
    }
    out
}

/// One bar: its label, its value (a fraction; `None` is n/a), and the text shown at its end.
pub struct Bar {
    pub label: String,
    pub value: Option<f64>,
    pub text: String,
}

/// Geometry of the bar chart, for tests.
const BAR_AREA: f64 = 420.0;
const ROW: f64 = 22.0;
const BAR: f64 = 14.0;
const TOP: f64 = 28.0;

/// The highest the scale goes: 200%. A rate above it (a mis-keyed plan, say) is drawn to the
/// edge with its true value written beside it, rather than squashing every other bar.
const SCALE_CAP: f64 = 2.0;

/// The scale's top: 100%, or more when a value or the target is above it, rounded up to 10%,
/// and never above the cap.
fn scale_top(values: impl Iterator<Item = f64>) -> f64 {
    let max = values.filter(|v| v.is_finite()).fold(1.0_f64, f64::max);
    ((max * 10.0).ceil() / 10.0).min(SCALE_CAP)
}

/// Text drawn with a white halo, so it stays readable across lines and bars.
const HALO: &str = r##"stroke="#fff" stroke-width="3" paint-order="stroke""##;

/// A ranked horizontal bar chart with a vertical line at `target` (a fraction and its label).
/// Bars at or above the target are blue, below it orange.
pub fn bar_chart(bars: &[Bar], target: Option<(f64, &str)>, aria_label: &str) -> String {
    let label_w = bars
        .iter()
        .map(|b| text_width(&b.label))
        .fold(0.0, f64::max)
        .ceil()
        + 10.0;
    let text_w = bars
        .iter()
        .map(|b| text_width(&b.text))
        .fold(0.0, f64::max)
        .ceil()
        + 10.0;
    let top = scale_top(
        bars.iter()
            .filter_map(|b| b.value)
            .chain(target.map(|(t, _)| t)),
    );
    let target_half = target.map_or(0.0, |(_, l)| text_width(l) / 2.0 + 4.0);
    let width = label_w + BAR_AREA + text_w.max(target_half);
    let height = TOP + ROW * bars.len() as f64 + 22.0;
    let x_of = |v: f64| label_w + (v.clamp(0.0, top) / top) * BAR_AREA;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{}" font-size="{FONT}">"#,
        escape(aria_label)
    );
    // Grid lines and their labels every 20% of the scale.
    let steps = (top / 0.2 + 1e-9).floor() as usize;
    for i in 0..=steps {
        let v = i as f64 * 0.2;
        let x = x_of(v);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{TOP:.1}" x2="{x:.1}" y2="{:.1}" stroke="#ddd"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#666">{:.0}%</text>"##,
            height - 20.0,
            height - 6.0,
            v * 100.0
        );
    }
    // The target line goes under the bars' labels, which have a halo to stay readable.
    if let Some((t, label)) = target {
        let x = x_of(t);
        let _ = write!(
            s,
            r##"<line x1="{x:.1}" y1="{:.1}" x2="{x:.1}" y2="{:.1}" stroke="#c62828" stroke-width="1.5" stroke-dasharray="4 3"/><text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#c62828">{}</text>"##,
            TOP - 6.0,
            height - 20.0,
            TOP - 10.0,
            escape(label)
        );
    }
    for (i, b) in bars.iter().enumerate() {
        let y = TOP + ROW * i as f64;
        let mid = y + ROW / 2.0 + FONT * 0.35;
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{mid:.1}" text-anchor="end" fill="#222">{}</text>"##,
            label_w - 6.0,
            escape(&b.label)
        );
        let end = match b.value {
            Some(v) => {
                let behind = target.is_some_and(|(t, _)| v < t);
                let colour = if behind { "#e07b00" } else { "#1f6fb2" };
                let w = x_of(v) - label_w;
                let _ = write!(
                    s,
                    r#"<rect x="{label_w:.1}" y="{:.1}" width="{w:.1}" height="{BAR:.1}" fill="{colour}"/>"#,
                    y + (ROW - BAR) / 2.0
                );
                x_of(v)
            }
            None => label_w,
        };
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{mid:.1}" fill="#222" {HALO}>{}</text>"##,
            end + 4.0,
            escape(&b.text)
        );
    }
    s.push_str("</svg>");
    s
}

/// One line of a line chart: its name and a value per month (`None`: no point). An emphasised
/// line (the overall rate) is drawn black and thick.
pub struct Series {
    pub name: String,
    pub values: Vec<Option<f64>>,
    pub emphasis: bool,
}

const PALETTE: [&str; 12] = [
    "#1f6fb2", "#e07b00", "#2e7d32", "#6a1b9a", "#00838f", "#ad1457", "#5d4037", "#9e9d24",
    "#283593", "#ef6c00", "#558b2f", "#c2185b",
];
/// After the palette's twelve colours, lines are told apart by dashes too.
const DASHES: [&str; 3] = ["", "7 3", "2 2"];

/// The colour, width and dash of the `k`th line.
fn line_style(k: usize, emphasis: bool) -> (&'static str, f64, &'static str) {
    if emphasis {
        ("#111", 3.0, "")
    } else {
        (
            PALETTE[k % PALETTE.len()],
            1.8,
            DASHES[(k / PALETTE.len()) % DASHES.len()],
        )
    }
}

/// Completion rates by month as lines, with the time target as a dashed line, and a legend.
pub fn line_chart(
    months: &[String],
    series: &[Series],
    target: &[f64],
    target_label: &str,
    aria_label: &str,
) -> String {
    let plot_w = (months.len().max(2) as f64 - 1.0) * 56.0;
    let plot_h = 200.0;
    let left = 44.0;
    let top = 12.0;
    let legend_w = series
        .iter()
        .map(|s| text_width(&s.name))
        .chain(std::iter::once(text_width(target_label)))
        .fold(0.0, f64::max)
        .ceil()
        + 34.0;
    let width = left + plot_w + 36.0 + legend_w;
    // Tall enough for the plot and for every legend entry.
    let legend_h = top + 6.0 + 16.0 * (series.len() as f64 + 1.0) + 8.0;
    let height = (top + plot_h + 30.0).max(legend_h);
    let y_top = scale_top(
        series
            .iter()
            .flat_map(|s| s.values.iter().flatten().copied())
            .chain(target.iter().copied()),
    );
    let x_of = |i: usize| left + i as f64 * 56.0;
    let y_of = |v: f64| top + plot_h - (v.clamp(0.0, y_top) / y_top) * plot_h;
    let mut s = String::new();
    let _ = write!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{width:.0}" height="{height:.0}" viewBox="0 0 {width:.0} {height:.0}" role="img" aria-label="{}" font-size="{FONT}">"#,
        escape(aria_label)
    );
    let steps = (y_top / 0.2 + 1e-9).floor() as usize;
    for i in 0..=steps {
        let v = i as f64 * 0.2;
        let y = y_of(v);
        let _ = write!(
            s,
            r##"<line x1="{left:.1}" y1="{y:.1}" x2="{:.1}" y2="{y:.1}" stroke="#ddd"/><text x="{:.1}" y="{:.1}" text-anchor="end" fill="#666">{:.0}%</text>"##,
            left + plot_w,
            left - 6.0,
            y + 4.0,
            v * 100.0
        );
    }
    for (i, m) in months.iter().enumerate() {
        let _ = write!(
            s,
            r##"<text x="{:.1}" y="{:.1}" text-anchor="middle" fill="#666">{}</text>"##,
            x_of(i),
            top + plot_h + 18.0,
            escape(m)
        );
    }
    let points = |values: &mut dyn Iterator<Item = (usize, f64)>| -> String {
        values
            .map(|(i, v)| format!("{:.1},{:.1}", x_of(i), y_of(v)))
            .collect::<Vec<_>>()
            .join(" ")
    };
    let _ = write!(
        s,
        r##"<polyline points="{}" fill="none" stroke="#c62828" stroke-width="1.5" stroke-dasharray="4 3"/>"##,
        points(&mut target.iter().copied().enumerate())
    );
    let mut order: Vec<usize> = (0..series.len()).collect();
    // The emphasised line last, on top of the others.
    order.sort_by_key(|&k| series[k].emphasis);
    for k in order {
        let line = &series[k];
        let (colour, width, dash) = line_style(k, line.emphasis);
        let pts = points(
            &mut line
                .values
                .iter()
                .enumerate()
                .filter_map(|(i, v)| v.map(|v| (i, v))),
        );
        let _ = write!(
            s,
            r#"<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/>"#
        );
    }
    let lx = left + plot_w + 36.0;
    let mut ly = top + 6.0;
    let _ = write!(
        s,
        r##"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="#c62828" stroke-width="1.5" stroke-dasharray="4 3"/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
        lx + 22.0,
        lx + 28.0,
        ly + 4.0,
        escape(target_label)
    );
    for (k, line) in series.iter().enumerate() {
        ly += 16.0;
        let (colour, width, dash) = line_style(k, line.emphasis);
        let _ = write!(
            s,
            r##"<line x1="{lx:.1}" y1="{ly:.1}" x2="{:.1}" y2="{ly:.1}" stroke="{colour}" stroke-width="{width}" stroke-dasharray="{dash}"/><text x="{:.1}" y="{:.1}" fill="#222">{}</text>"##,
            lx + 22.0,
            lx + 28.0,
            ly + 4.0,
            escape(&line.name)
        );
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attr(svg: &str, tag_start: &str, name: &str) -> Vec<f64> {
        svg.match_indices(tag_start)
            .filter_map(|(at, _)| {
                let rest = &svg[at..];
                let end = rest.find('>')?;
                let tag = &rest[..end];
                let key = format!(" {name}=\"");
                let v = tag.find(&key)? + key.len();
                tag[v..].split('"').next()?.parse().ok()
            })
            .collect()
    }

    #[test]
    fn chinese_labels_are_measured_as_wide() {
        assert_eq!(text_width("高新区"), 3.0 * 2.0 * COLUMN);
        assert_eq!(text_width("abc"), 3.0 * COLUMN);
        assert!(
            text_width("高新区") >= 3.0 * FONT,
            "a Chinese glyph is one em wide"
        );
    }

    #[test]
    fn bars_are_proportional_to_rates_and_labels_fit() {
        let bars = vec![
            Bar {
                label: "高新技术产业开发区".into(),
                value: Some(0.8),
                text: "80.0%".into(),
            },
            Bar {
                label: "北山区".into(),
                value: Some(0.4),
                text: "40.0%".into(),
            },
            Bar {
                label: "青石县".into(),
                value: None,
                text: "n/a".into(),
            },
        ];
        let svg = bar_chart(&bars, Some((0.5, "序时进度 50.0%")), "completion");
        let widths = attr(&svg, "<rect", "width");
        assert_eq!(widths.len(), 2, "no bar for n/a");
        assert!(
            (widths[0] / widths[1] - 2.0).abs() < 1e-9,
            "80% is twice 40%: {widths:?}"
        );
        assert!((widths[0] - BAR_AREA * 0.8).abs() < 0.05, "scale is 0–100%");
        // The bars start right of the widest label: 9 Chinese characters.
        let x = attr(&svg, "<rect", "x");
        assert!(
            x[0] >= 9.0 * FONT,
            "label area {x:?} too narrow for 9 characters"
        );
        // The target line is at 50% of the bar area.
        assert!(svg.contains(&format!("x1=\"{:.1}\"", x[0] + BAR_AREA * 0.5)));
        assert!(svg.contains("序时进度 50.0%"));
        assert!(svg.contains("#e07b00"), "behind the target is orange");
    }

    #[test]
    fn rates_above_100_percent_widen_the_scale() {
        let bars = vec![Bar {
            label: "甲".into(),
            value: Some(1.25),
            text: "125.0%".into(),
        }];
        let svg = bar_chart(&bars, None, "x");
        let widths = attr(&svg, "<rect", "width");
        assert!(
            (widths[0] - BAR_AREA * 1.25 / 1.3).abs() < 0.05,
            "{widths:?}"
        );
        assert!(
            svg.contains(">120%<") && !svg.contains(">140%<"),
            "grid within the scale"
        );
    }

    #[test]
    fn an_absurd_rate_does_not_blow_up_the_scale() {
        let bars = vec![
            Bar {
                label: "甲".into(),
                value: Some(9000.0),
                text: "900000.0%".into(),
            },
            Bar {
                label: "乙".into(),
                value: Some(0.5),
                text: "50.0%".into(),
            },
        ];
        let svg = bar_chart(&bars, Some((0.5, "序时进度 50.0%")), "x");
        assert!(svg.len() < 10_000, "a small chart: {} bytes", svg.len());
        let widths = attr(&svg, "<rect", "width");
        assert!(
            (widths[0] - BAR_AREA).abs() < 0.05,
            "drawn to the edge: {widths:?}"
        );
        assert!(svg.contains("900000.0%"), "with its true value");
        assert!(svg.contains(">200%<") && !svg.contains(">220%<"));
    }

    #[test]
    fn every_legend_entry_fits_and_many_lines_differ() {
        let months: Vec<String> = (1..=6).map(|m| format!("2024-{m:02}")).collect();
        let series: Vec<Series> = (0..30)
            .map(|k| Series {
                name: format!("单位{k}"),
                values: vec![Some(0.1 * k as f64 / 30.0); 6],
                emphasis: k == 0,
            })
            .collect();
        let svg = line_chart(&months, &series, &[0.1; 6], "序时进度", "t");
        let height: f64 = svg
            .split("height=\"")
            .nth(1)
            .unwrap()
            .split('"')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let last_legend_y = 12.0 + 6.0 + 16.0 * 30.0 + 4.0;
        assert!(height >= last_legend_y, "{height} < {last_legend_y}");
        assert!(
            svg.contains("stroke-dasharray=\"7 3\""),
            "lines beyond the palette are dashed"
        );
        assert!(
            svg.contains("stroke=\"#111\" stroke-width=\"3\""),
            "the overall line stands out"
        );
    }

    #[test]
    fn text_is_escaped() {
        let bars = vec![Bar {
            label: "<script>&".into(),
            value: Some(0.1),
            text: "1".into(),
        }];
        let svg = bar_chart(&bars, None, "\"x\"");
        assert!(svg.contains("&lt;script&gt;&amp;"));
        assert_eq!(escape("甲\u{1b}[31m乙\u{7f}\t"), "甲\\u{1b}[31m乙\\u{7f}\t");
        assert_eq!(
            escape("甲\u{fffe}乙\u{202e}丙\u{1fffe}"),
            "甲\\u{fffe}乙\\u{202e}丙\\u{1fffe}"
        );
        assert!(!svg.contains("<script>"));
    }

    #[test]
    fn line_chart_draws_a_line_per_group_and_the_target() {
        let months = vec![
            "2024-01".to_string(),
            "2024-02".to_string(),
            "2024-03".to_string(),
        ];
        let series = vec![
            Series {
                name: "高新区".into(),
                values: vec![Some(0.1), Some(0.2), Some(0.3)],
                emphasis: false,
            },
            Series {
                name: "青石县".into(),
                values: vec![None, Some(0.05), Some(0.1)],
                emphasis: false,
            },
        ];
        let svg = line_chart(
            &months,
            &series,
            &[1.0 / 12.0, 2.0 / 12.0, 0.25],
            "序时进度",
            "t",
        );
        assert_eq!(svg.matches("<polyline").count(), 3);
        assert!(svg.contains("高新区") && svg.contains("青石县") && svg.contains("2024-03"));
    }
}

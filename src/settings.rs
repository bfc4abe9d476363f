//! Settings: the defaults of the brief, then `xmtool.toml` in the data folder, then flags.
//!
//! The file is optional and every key in it is too; an unknown key is an error that names it, so
//! a misspelt threshold is never silently ignored.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, bail};
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use toml::Spanned;

use crate::finding::Shown;
use crate::load::header::Field;
use crate::model::{FIRST_YEAR, LAST_YEAR};

/// The settings file's name, looked for in the data folder.
pub const FILE_NAME: &str = "xmtool.toml";

/// Which projects 开工率 (start rate) is counted over.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum StartRateBase {
    /// Every project on the list (the default).
    All,
    /// Projects that are continuing, planned to start by the report month, or started already.
    Planned,
}

/// The year's target stages (四个一批) that 年度目标 is read as, unless `stages` names others.
pub const STAGES: [&str; 4] = ["竣工投产", "加快建设", "争取开工", "加快前期"];

/// Validated settings, ready for work.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The plan year (计划年度) of registry rows that do not say; else the year of the month asked
    /// for, or of the latest report.
    pub year: Option<i32>,
    /// The sheet to read in workbooks; the first sheet when unset.
    pub sheet: Option<String>,
    /// What 开工率 is counted over.
    pub start_rate_base: StartRateBase,
    /// Percentage points behind the time target at which a project's light turns yellow.
    pub yellow_behind: Decimal,
    /// Percentage points behind the time target beyond which a project's light turns red.
    pub red_behind: Decimal,
    /// Months past its planned start, not started, at which a project's light turns red.
    pub red_months_overdue: u32,
    /// Whether a new start whose planned start is the report month or later is spared the
    /// completion-rate judgment of its light (the brief judges every project on it).
    pub spare_not_yet_due: bool,
    /// 开而不动: months without investment after which a started project counts as idle.
    pub idle_months: u32,
    /// Year-to-date above this multiple of the annual plan is flagged by `check`.
    pub far_above_plan: Decimal,
    /// Weight of the completion rate in a group's score.
    pub completion_weight: Decimal,
    /// Weight of the start rate in a group's score.
    pub start_weight: Decimal,
    /// Completion rates above this count as this in the score.
    pub completion_cap: Decimal,
    /// The values of 年度目标 that are stages: 四个一批's, else those settings name.
    pub stages: Vec<String>,
    /// Whether settings name the stages: then no other value is one (else a registry file's
    /// column of few values is read as stages, each as written).
    pub own_stages: bool,
    /// Extra header aliases, by field.
    pub aliases: Vec<(Field, Vec<String>)>,
    /// The record of `xmtool.toml` as read (size and SHA-256), for the inputs' record.
    pub file: Option<crate::load::Source>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            year: None,
            sheet: None,
            start_rate_base: StartRateBase::All,
            yellow_behind: Decimal::from(10),
            red_behind: Decimal::from(30),
            red_months_overdue: 3,
            spare_not_yet_due: false,
            idle_months: 2,
            far_above_plan: Decimal::new(15, 1),
            completion_weight: Decimal::new(7, 1),
            start_weight: Decimal::new(3, 1),
            completion_cap: Decimal::new(12, 1),
            stages: STAGES.iter().map(|s| s.to_string()).collect(),
            own_stages: false,
            aliases: Vec::new(),
            file: None,
        }
    }
}

/// A number in TOML, integer or float, read exactly as written; or a value of another kind
/// (text, `true`), refused with the file's other problems, not alone before them.
#[derive(Clone, Copy, Debug)]
enum Number {
    Int(i64),
    Float(f64),
    Wrong,
}

impl<'de> Deserialize<'de> for Number {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Number, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Number;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a number, e.g. 10 or 1.5, without quotes")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Number, E> {
                Ok(Number::Int(v))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Number, E> {
                i64::try_from(v)
                    .map(Number::Int)
                    .map_err(|_| E::custom("a number too large"))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Number, E> {
                Ok(Number::Float(v))
            }
            fn visit_str<E>(self, _: &str) -> Result<Number, E> {
                Ok(Number::Wrong)
            }
            fn visit_bool<E>(self, _: bool) -> Result<Number, E> {
                Ok(Number::Wrong)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// A whole number in TOML (a year, a count of months): a string or a fraction is refused in a
/// clerk's words, not a type's (`expected i32`), with the file's other problems (`None`).
#[derive(Clone, Copy, Debug)]
struct Whole(Option<i64>);

impl<'de> Deserialize<'de> for Whole {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Whole, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = Whole;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a whole number, e.g. 2024 or 3, without quotes")
            }
            fn visit_i64<E>(self, v: i64) -> Result<Whole, E> {
                Ok(Whole(Some(v)))
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Whole, E> {
                i64::try_from(v)
                    .map(|v| Whole(Some(v)))
                    .map_err(|_| E::custom("a number too large"))
            }
            fn visit_f64<E>(self, _: f64) -> Result<Whole, E> {
                Ok(Whole(None))
            }
            fn visit_str<E>(self, _: &str) -> Result<Whole, E> {
                Ok(Whole(None))
            }
            fn visit_bool<E>(self, _: bool) -> Result<Whole, E> {
                Ok(Whole(None))
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// `, without quotes` after what is expected of a number written in quotes (`"10"`), else
/// nothing.
fn without_quotes(written: &str) -> &'static str {
    match written.starts_with(['"', '\'']) {
        true => ", without quotes",
        false => "",
    }
}

impl Number {
    fn decimal(self) -> Option<Decimal> {
        match self {
            Number::Int(i) => Some(Decimal::from(i)),
            // The shortest text that reads back as the float is what the clerk typed.
            Number::Float(f) => f.to_string().parse().ok(),
            Number::Wrong => None,
        }
    }
}

/// The name of the `[section]` the line starting at `line_start` is in, without spaces in its
/// brackets or a comment after them; `None` above the first.
fn section_at(text: &str, line_start: usize) -> Option<&str> {
    let header = text[..line_start]
        .lines()
        .rev()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .find(|l| l.starts_with('['))?;
    Some(header.trim_matches(['[', ']', ' ']))
}

/// Where the line of the settings a TOML error is on starts, and the line.
fn line_in_error<'t>(text: &'t str, e: &toml::de::Error) -> Option<(usize, &'t str)> {
    let before = text.get(..e.span()?.start)?;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Some((line_start, text[line_start..].lines().next().unwrap_or("")))
}

/// What an error in the settings at a line under a `[section]` most likely means: a setting of
/// the whole file written after the section began (the file `init` writes ends with
/// `[aliases]`), or an alias given as text where a list is expected.
fn section_hint(text: &str, e: &toml::de::Error) -> Option<String> {
    let (line_start, line) = line_in_error(text, e)?;
    let (key, value) = line.split_once('=').unwrap_or((line, ""));
    let key = key.trim().trim_matches(['"', '\'']);
    let section = section_at(text, line_start)?;
    let aliases = section == "aliases";
    // (`year` is also a column aliases are given for: a number after it is the plan year.)
    let top_level = match key {
        "sheet" | "start_rate_denominator" | "stages" => true,
        "year" => !aliases || value.trim().parse::<i64>().is_ok(),
        _ => false,
    };
    if top_level {
        Some(format!(
            "(`{key}` here is read as part of [{section}], which begins above it: a setting of \
             the whole file goes above the first [section])"
        ))
    } else if aliases && e.message().contains("expected a sequence") {
        Some(format!(
            "(a column's aliases are a list of headers: {key} = [\"…\"])"
        ))
    } else {
        None
    }
}

/// What an error in a setting's value most likely means, where it is written as a spreadsheet
/// would show it: a percentage (`yellow_behind = 10%`), or with a full-width mark after it
/// (`year = 2024，`).
fn value_hint(text: &str, e: &toml::de::Error) -> Option<String> {
    let (_, line) = line_in_error(text, e)?;
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.split('#').next().unwrap_or("").trim());
    if let Some(number) = value.strip_suffix(['%', '％']) {
        let number = number.trim();
        let example = match key {
            "completion_cap" | "completion_weight" | "start_weight" | "far_above_plan" => {
                match number.parse::<f64>() {
                    Ok(n) => format!("{key} = {}", n / 100.0),
                    Err(_) => format!("{key} = 1.2 for 120%"),
                }
            }
            _ => format!("{key} = {number}"),
        };
        return Some(format!(
            "(a setting is a plain number, written without %: {example}; thresholds are \
             percentage points, weights and the cap fractions)"
        ));
    }
    if let Some(mark) = value.chars().find(|c| "，。；：、　".contains(*c)) {
        return Some(format!(
            "(the full-width \"{mark}\" after the value is not read in a setting: take it out)"
        ));
    }
    // A number followed by marks, `year = 2024;` (TOML takes it for text without quotes).
    let number = value.trim_end_matches([';', ',', '.']);
    if key != "sheet" && number.len() < value.len() && number.trim().parse::<f64>().is_ok() {
        let mark = &value[number.len()..];
        return Some(format!(
            "(the \"{mark}\" after the value is not read in a setting: take it out, \
             {key} = {})",
            number.trim()
        ));
    }
    match key.trim_matches(['"', '\'']) {
        "sheet" if value.parse::<f64>().is_ok() => Some(format!(
            "(a sheet's name is text, in quotes: sheet = \"{value}\")"
        )),
        _ => None,
    }
}

/// The settings of each section, for what a key written in the wrong place means.
const SECTIONS: [(&str, &[&str]); 2] = [
    (
        "thresholds",
        &[
            "yellow_behind",
            "red_behind",
            "red_months_overdue",
            "spare_not_yet_due",
            "idle_months",
            "far_above_plan",
        ],
    ),
    (
        "ranking",
        &["completion_weight", "start_weight", "completion_cap"],
    ),
];

/// What an unknown key most likely means: a setting of a section written above it, or in
/// another section (`idle_months` at the top, `completion_weight` under [thresholds]), or
/// `stages` written as a section of its own.
fn key_hint(text: &str, e: &toml::de::Error) -> Option<String> {
    let (line_start, line) = line_in_error(text, e)?;
    let line = line.split('#').next().unwrap_or("").trim();
    let key = line.split('=').next().unwrap_or("");
    let key = key.trim().trim_matches(['[', ']', '"', '\'', ' ']);
    // (`[stages]`, `[[stages]]`, `stages = "竣工投产"`: a list of text is expected.)
    if key == "stages" && e.message().contains("invalid type") {
        return Some(
            "(stages is a list of the year's targets, written above the first [section]: \
             stages = [\"竣工投产\", \"加快建设\", \"争取开工\", \"加快前期\"])"
                .to_string(),
        );
    }
    // (A second `[thresholds]`, written as a hint below said, where the file has one.)
    if line.starts_with('[') && e.message().contains("duplicate") {
        let first = section_line(text, key)?;
        return Some(format!(
            "(the file has a line [{key}] already, line {first}: write the settings under that \
             one, and take this one out)"
        ));
    }
    let (section, _) = SECTIONS.iter().find(|(_, keys)| keys.contains(&key))?;
    (section_at(text, line_start) != Some(section)).then(|| match section_line(text, section) {
        Some(n) => format!(
            "({key} is a setting of [{section}]: write it under the line [{section}], line {n})"
        ),
        None => format!(
            "({key} is a setting of [{section}]: write it under a line [{section}], as `xmtool \
             init` does)"
        ),
    })
}

/// The line of the settings a `[section]` begins on, the first if it is written twice.
fn section_line(text: &str, section: &str) -> Option<usize> {
    let header = |l: &str| {
        let l = l.split('#').next().unwrap_or("").trim();
        l.starts_with('[') && l.trim_matches(['[', ']', ' ']) == section
    };
    Some(text.lines().position(header)? + 1)
}

/// Full-width marks a Chinese input method types in place of TOML's (`“县区名称”`, `［…］`,
/// `＝`, `【aliases】`, and `，` between a list's items), with the mark to write instead.
fn full_width_hint(text: &str, e: &toml::de::Error) -> Option<String> {
    const MARKS: [(char, char); 9] = [
        ('“', '"'),
        ('”', '"'),
        ('‘', '\''),
        ('’', '\''),
        ('［', '['),
        ('］', ']'),
        ('【', '['),
        ('】', ']'),
        ('＝', '='),
    ];
    let (_, line) = line_in_error(text, e)?;
    let line = line.split('#').next().unwrap_or("");
    let (mark, instead) = MARKS
        .iter()
        .copied()
        .find(|(m, _)| line.contains(*m))
        .or_else(|| (line.contains('[') && line.contains('，')).then_some(('，', ',')))?;
    Some(format!(
        "(the full-width \"{mark}\" is not read in a setting: write {instead} in its place)"
    ))
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsFile {
    year: Option<Spanned<Whole>>,
    sheet: Option<Spanned<String>>,
    /// (Text, read below: a word that is none of the two said with the other settings that
    /// cannot work, not alone.)
    start_rate_denominator: Option<Spanned<String>>,
    stages: Option<Spanned<Vec<String>>>,
    #[serde(default)]
    thresholds: ThresholdsFile,
    #[serde(default)]
    ranking: RankingFile,
    #[serde(default)]
    aliases: BTreeMap<String, Spanned<Vec<String>>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a section [thresholds] of settings")]
struct ThresholdsFile {
    yellow_behind: Option<Spanned<Number>>,
    red_behind: Option<Spanned<Number>>,
    red_months_overdue: Option<Spanned<Whole>>,
    spare_not_yet_due: Option<bool>,
    idle_months: Option<Spanned<Whole>>,
    far_above_plan: Option<Spanned<Number>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a section [ranking] of settings")]
struct RankingFile {
    completion_weight: Option<Spanned<Number>>,
    start_weight: Option<Spanned<Number>>,
    completion_cap: Option<Spanned<Number>>,
}

/// The most bytes a settings file is read to: 1 MiB, a thousand times what `init` writes.
const LARGEST: u64 = 1 << 20;

impl Settings {
    /// Every setting as `key = value`, as xmtool.toml would write it, for the record an output
    /// keeps of how it was made.
    pub fn describe(&self) -> Vec<String> {
        let d = |v: Decimal| v.normalize().to_string();
        let mut lines = Vec::new();
        if let Some(year) = self.year {
            lines.push(format!("year = {year}"));
        }
        if let Some(sheet) = &self.sheet {
            lines.push(format!("sheet = {sheet:?}"));
        }
        let base = match self.start_rate_base {
            StartRateBase::All => "all",
            StartRateBase::Planned => "planned",
        };
        lines.extend([
            format!("start_rate_denominator = \"{base}\""),
            format!("thresholds.yellow_behind = {}", d(self.yellow_behind)),
            format!("thresholds.red_behind = {}", d(self.red_behind)),
            format!(
                "thresholds.red_months_overdue = {}",
                self.red_months_overdue
            ),
            format!("thresholds.spare_not_yet_due = {}", self.spare_not_yet_due),
            format!("thresholds.idle_months = {}", self.idle_months),
            format!("thresholds.far_above_plan = {}", d(self.far_above_plan)),
            format!("ranking.completion_weight = {}", d(self.completion_weight)),
            format!("ranking.start_weight = {}", d(self.start_weight)),
            format!("ranking.completion_cap = {}", d(self.completion_cap)),
            format!("stages = {:?}", self.stages),
        ]);
        for (field, aliases) in &self.aliases {
            lines.push(format!("aliases.{} = {aliases:?}", field.key()));
        }
        lines
    }

    /// The defaults overlaid with `DIR/xmtool.toml`, if there is one.
    ///
    /// (Settings run to a few hundred lines at most: a file of over `LARGEST` bytes is refused.)
    pub fn load(dir: &Path) -> anyhow::Result<Settings> {
        crate::load::data_folder(dir)?;
        let path = dir.join(FILE_NAME);
        // (None is fine: the defaults. A folder, pipe or device by that name is no settings, nor
        // a link to nothing: the settings meant are not there.)
        if let Some(link) = crate::load::dangling(&path) {
            bail!(
                "cannot read settings {}: it is {link} (mend the link, or remove it to use the \
                 defaults)",
                path.shown()
            );
        }
        match path.try_exists() {
            Ok(true) => {}
            Ok(false) => return Ok(Settings::default()),
            Err(e) => bail!("cannot read settings {}: {e}", path.shown()),
        }
        // (Read up to a byte past the most settings need: a file of more, left by a crash or
        // copied over it, is refused, not parsed.)
        let bytes = crate::load::open_regular(&path)
            .and_then(|file| {
                let mut bytes = Vec::new();
                std::io::Read::read_to_end(&mut std::io::Read::take(file, LARGEST + 1), &mut bytes)
                    .map(|_| bytes)
            })
            .with_context(|| format!("cannot read settings {}", path.shown()))?;
        if bytes.len() as u64 > LARGEST {
            bail!(
                "{}: is over 1 MiB, more than any settings need (expected a few lines of \
                 settings: is it another file?)",
                path.shown()
            );
        }
        let file = crate::load::Source::new(
            FILE_NAME.to_string(),
            &path,
            &bytes,
            crate::load::Role::Settings,
            true,
        );
        // (Saved from Notepad or WPS on Chinese Windows: GBK, or UTF-16 as "Unicode".)
        let text = crate::load::decode::decode(&bytes)
            .map(|d| d.text.into_owned())
            .map_err(|e| {
                anyhow::anyhow!(
                    "{}: {}",
                    path.shown(),
                    e.message_saving_as("UTF-8 text (in Notepad: 另存为, 编码 UTF-8)")
                )
            })?;
        // (No text holds a NUL: a file of them is what a crash can leave.)
        if let Some(at) = text.find('\0') {
            bail!(
                "{}: is no text: it holds a NUL character (line {}; expected settings written \
                 in a text editor, as `xmtool init` writes them)",
                path.shown(),
                text[..at].matches('\n').count() + 1
            );
        }
        let settings =
            Settings::from_toml(&text).with_context(|| format!("in settings {}", path.shown()))?;
        Ok(Settings {
            file: Some(file),
            ..settings
        })
    }

    /// The defaults overlaid with settings written as TOML.
    pub fn from_toml(text: &str) -> anyhow::Result<Settings> {
        let line_of = |at: usize| text.get(..at).unwrap_or(text).matches('\n').count() + 1;
        let file: SettingsFile = toml::from_str(text).map_err(|e| {
            let hint = (full_width_hint(text, &e))
                .or_else(|| key_hint(text, &e))
                .or_else(|| section_hint(text, &e))
                .or_else(|| value_hint(text, &e));
            let said = |whole: &str| match &hint {
                Some(hint) => format!("{}\n{hint}", whole.trim_end()),
                None => whole.to_string(),
            };
            let column = |at: usize| {
                let before = text.get(..at).unwrap_or(text);
                let line_start = before.rfind('\n').map_or(0, |i| i + 1);
                before[line_start..].chars().count() + 1
            };
            let (line, column) = (
                e.span().map(|at| line_of(at.start)),
                e.span().map(|at| column(at.start)),
            );
            Problems::Syntax {
                line,
                column,
                // (TOML's error quotes the line it is in with a mark under the place: a line
                // of thousands of characters is said by its number and column alone.)
                text: said(&match (e.to_string(), line, column) {
                    (whole, ..) if whole.lines().all(|l| l.chars().count() <= 200) => whole,
                    (_, Some(line), Some(column)) => format!(
                        "TOML parse error at line {line}, column {column}\n{}",
                        e.message()
                    ),
                    _ => e.message().to_string(),
                }),
                message: said(e.message()),
            }
        })?;
        let mut s = Settings::default();
        // Every setting that cannot work, each with its line: all said at once.
        let mut problems: Vec<(usize, String)> = Vec::new();
        let mut refuse = |at: &std::ops::Range<usize>, problem: String| {
            problems.push((line_of(at.start), problem));
        };
        // (What a whole number's place holds, as written, where it is none.)
        let not_whole = |name: &str, at: &std::ops::Range<usize>| {
            let written = text.get(at.clone()).unwrap_or("the value").trim();
            let quotes = without_quotes(written);
            format!("{name} = {written}: expected a whole number, e.g. 2024 or 3{quotes}")
        };
        if let Some(year) = file.year {
            match year.get_ref().0 {
                None => refuse(&year.span(), not_whole("year", &year.span())),
                Some(value)
                    if let Some(y) = i32::try_from(value)
                        .ok()
                        .filter(|y| crate::model::READ_YEARS.contains(y)) =>
                {
                    s.year = Some(y)
                }
                Some(value) => refuse(
                    &year.span(),
                    format!(
                        "year = {value} is not a plan year (expected a year from {FIRST_YEAR} \
                         to {LAST_YEAR}, e.g. 2024)"
                    ),
                ),
            }
        }
        if let Some(sheet) = file.sheet {
            if sheet.get_ref().trim().is_empty() {
                refuse(
                    &sheet.span(),
                    "sheet = \"\" names no sheet (expected a sheet's name, or no sheet line for \
                     the first)"
                        .into(),
                );
            }
            s.sheet = Some(sheet.into_inner());
        }
        if let Some(base) = file.start_rate_denominator {
            match base.get_ref().as_str() {
                "all" => s.start_rate_base = StartRateBase::All,
                "planned" => s.start_rate_base = StartRateBase::Planned,
                other => refuse(
                    &base.span(),
                    format!(
                        "start_rate_denominator = {other:?} is none of the two (expected \"all\", \
                         every project, or \"planned\", those planned to start by the month)"
                    ),
                ),
            }
        }
        if let Some(stages) = file.stages {
            let at = stages.span();
            let stages = stages.into_inner();
            if stages.is_empty() {
                refuse(
                    &at,
                    "stages = [] names no stage (expected the values of 年度目标 that are stages, \
                     e.g. [\"竣工投产\", \"加快建设\"], or no stages line for 四个一批's)"
                        .into(),
                );
            }
            let mut seen: Vec<String> = Vec::new();
            // (By key: each stage's key made once, a long list looked through once.)
            let mut keys: std::collections::HashMap<String, usize> = Default::default();
            for stage in &stages {
                let key = crate::load::value::stage_key(stage);
                if key.is_empty() {
                    refuse(
                        &at,
                        format!(
                            "stages has {stage:?}, which names no stage (expected a stage's name)"
                        ),
                    );
                } else if let Some(other) = keys.get(&key).map(|&i| &seen[i]) {
                    refuse(
                        &at,
                        format!(
                            "stages has {other:?} and {stage:?}, which are one stage once spaces \
                             and a 类, 项目 or 一批 after it are set aside (expected each once)"
                        ),
                    );
                } else {
                    keys.insert(key, seen.len());
                    seen.push(stage.trim().to_string());
                }
            }
            if !seen.is_empty() {
                s.stages = seen;
                s.own_stages = true;
            }
        }
        // A number from `least` to `most`, else the default; `None` (and said) where it was
        // written and is not such a number.
        let mut number = |name: &str,
                          n: Option<Spanned<Number>>,
                          default: Decimal,
                          (least, most): (Decimal, Decimal),
                          expected: &str| match n {
            None => Some(default),
            Some(n) => match n.get_ref().decimal() {
                Some(d) if d >= least && d <= most => Some(d),
                _ => {
                    let written = text.get(n.span()).unwrap_or("the number").trim();
                    let quotes = without_quotes(written);
                    refuse(
                        &n.span(),
                        format!("{name} = {written} is not {expected}{quotes}"),
                    );
                    None
                }
            },
        };
        let any = (Decimal::ZERO, Decimal::from(1_000_000));
        const POINTS: &str = "a number of percentage points from 0 to 1000000";
        let t = file.thresholds;
        let (yellow_at, red_at) = (
            t.yellow_behind.as_ref().map(Spanned::span),
            t.red_behind.as_ref().map(Spanned::span),
        );
        let yellow = number(
            "thresholds.yellow_behind",
            t.yellow_behind,
            s.yellow_behind,
            any,
            POINTS,
        );
        let red = number(
            "thresholds.red_behind",
            t.red_behind,
            s.red_behind,
            any,
            POINTS,
        );
        s.far_above_plan = number(
            "thresholds.far_above_plan",
            t.far_above_plan,
            s.far_above_plan,
            (Decimal::ONE, Decimal::from(1_000_000)),
            "a multiple of the annual plan from 1 to 1000000 (1.5: year-to-date above 150% of it)",
        )
        .unwrap_or(s.far_above_plan);
        let r = file.ranking;
        // (Weights that are no fractions, 70 and 30, are said by their sum, below.)
        const WEIGHT: &str = "a weight from 0 to 1000000 (the two add up to 1: 0.7 and 0.3)";
        let weights_at = (r.completion_weight.as_ref())
            .or(r.start_weight.as_ref())
            .map(Spanned::span);
        let completion_weight = number(
            "ranking.completion_weight",
            r.completion_weight,
            s.completion_weight,
            any,
            WEIGHT,
        );
        let start_weight = number(
            "ranking.start_weight",
            r.start_weight,
            s.start_weight,
            any,
            WEIGHT,
        );
        // (A clerk writing 120 for 120% would cap completion at 12000%, and 0 leave it out of
        // every score.)
        s.completion_cap = number(
            "ranking.completion_cap",
            r.completion_cap,
            s.completion_cap,
            (Decimal::new(1, 2), Decimal::from(10)),
            "a completion rate as a fraction from 0.01 to 10 (1.2 for 120%)",
        )
        .unwrap_or(s.completion_cap);
        // (Two values weighed together only where neither was refused on its own.)
        if let (Some(yellow), Some(red)) = (yellow, red) {
            (s.yellow_behind, s.red_behind) = (yellow, red);
            if yellow > red {
                refuse(
                    &red_at.or(yellow_at).unwrap_or(0..0),
                    format!(
                        "thresholds.yellow_behind ({yellow}) is above thresholds.red_behind \
                         ({red})"
                    ),
                );
            }
        }
        // A count of months, `least` to a century's.
        const MOST_MONTHS: u32 = 1200;
        let mut months = |name: &str, n: Option<Spanned<Whole>>, default: u32, least: u32| match n {
            None => default,
            Some(n) => {
                let Whole(Some(value)) = *n.get_ref() else {
                    refuse(&n.span(), not_whole(name, &n.span()));
                    return default;
                };
                match u32::try_from(value)
                    .ok()
                    .filter(|v| (least..=MOST_MONTHS).contains(v))
                {
                    Some(v) => v,
                    None => {
                        refuse(
                            &n.span(),
                            format!(
                                "{name} = {value} is not a number of months (expected {least} to \
                                 {MOST_MONTHS})"
                            ),
                        );
                        default
                    }
                }
            }
        };
        s.red_months_overdue = months(
            "thresholds.red_months_overdue",
            t.red_months_overdue,
            s.red_months_overdue,
            0,
        );
        s.spare_not_yet_due = t.spare_not_yet_due.unwrap_or(s.spare_not_yet_due);
        s.idle_months = months("thresholds.idle_months", t.idle_months, s.idle_months, 1);
        // The two weights share the score out: 70 and 30 (percent) would make scores 100 times
        // what the bulletin's readers know, and one weight changed alone would tilt it silently.
        if let (Some(completion), Some(start)) = (completion_weight, start_weight) {
            (s.completion_weight, s.start_weight) = (completion, start);
        }
        let sum = s.completion_weight + s.start_weight;
        if completion_weight.is_some() && start_weight.is_some() && sum != Decimal::ONE {
            refuse(
                &weights_at.unwrap_or(0..0),
                format!(
                    "ranking.completion_weight ({}) and ranking.start_weight ({}) add up to {}, \
                     not 1 (the score shares them out: set both, e.g. 0.6 and 0.4)",
                    s.completion_weight.normalize(),
                    s.start_weight.normalize(),
                    sum.normalize()
                ),
            );
        }
        for (key, aliases) in file.aliases {
            let at = aliases.span();
            let aliases = aliases.into_inner();
            let Some(field) = Field::from_key(&key) else {
                let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                // (`stages` is a list, as aliases are: written after [aliases], it is read as one.)
                let hint = match key.as_str() {
                    "stages" => {
                        " (`stages` here is read as part of [aliases], which begins above it: a \
                         setting of the whole file goes above the first [section])"
                    }
                    _ => "",
                };
                refuse(
                    &at,
                    format!(
                        "unknown column `{key}` in [aliases] (expected one of: {}){hint}",
                        keys.join(", ")
                    ),
                );
                continue;
            };
            for alias in &aliases {
                let said = crate::load::header::normalize(alias);
                // (An alias that is another column's header would take that column from it.)
                let builtin = crate::load::header::HeaderMatcher::built_in().named(alias);
                let twice = s.aliases.iter().find(|(f, list)| {
                    *f != field
                        && list
                            .iter()
                            .any(|a| crate::load::header::normalize(a) == said)
                });
                if said.is_empty() {
                    refuse(
                        &at,
                        format!(
                            "aliases.{key} has {alias:?}, which names nothing once brackets and \
                             spaces are set aside (expected a header as the files write it)"
                        ),
                    );
                } else if let Some(other) = builtin.filter(|&f| f != field) {
                    refuse(
                        &at,
                        format!(
                            "aliases.{key} has {alias:?}, which is already a header of {} ({}): \
                             it would read that column as {key} (expected a header of its own)",
                            other.key(),
                            other.label()
                        ),
                    );
                } else if let Some((other, _)) = twice {
                    refuse(
                        &at,
                        format!(
                            "{alias:?} is an alias of both {} and {key} in [aliases] (expected \
                             it under one)",
                            other.key()
                        ),
                    );
                }
            }
            s.aliases.push((field, aliases));
        }
        problems.sort_by_key(|&(line, _)| line);
        match problems.is_empty() {
            true => Ok(s),
            false => Err(Problems::Values(problems).into()),
        }
    }
}

/// Settings that cannot work: said as text, and listed as findings of `xmtool.toml` by `check
/// --format json`.
#[derive(Debug)]
pub enum Problems {
    /// Text that is no TOML, or keys and values of the wrong kind: the parser's say, as text
    /// (with the lines around) and as its message alone.
    Syntax {
        line: Option<usize>,
        column: Option<usize>,
        text: String,
        message: String,
    },
    /// Values that cannot work, each with its line, in the order of their lines.
    Values(Vec<(usize, String)>),
}

impl Problems {
    /// Each problem as a finding of the settings file.
    pub fn findings(&self) -> Vec<crate::finding::Finding> {
        let finding = |line: Option<usize>, column: Option<usize>, message: &str| {
            let finding = crate::finding::Finding::error(FILE_NAME, message.to_string());
            match line {
                Some(line) => finding.at(line as u64, column),
                None => finding,
            }
        };
        match self {
            Problems::Syntax {
                line,
                column,
                message,
                ..
            } => vec![finding(*line, *column, message)],
            Problems::Values(all) => (all.iter())
                .map(|(line, problem)| finding(Some(*line), None, problem))
                .collect(),
        }
    }
}

impl std::fmt::Display for Problems {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Problems::Syntax { text, .. } => f.write_str(text),
            Problems::Values(all) => {
                let lines = all.iter().map(|(line, p)| format!("line {line}: {p}"));
                match all.len() {
                    1 => write!(f, "{}", lines.collect::<String>()),
                    n => write!(
                        f,
                        "{n} settings cannot work:\n  {}",
                        lines.collect::<Vec<_>>().join("\n  ")
                    ),
                }
            }
        }
    }
}

impl std::error::Error for Problems {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_file_gives_the_defaults() {
        let s = Settings::from_toml("").unwrap();
        assert_eq!(s.yellow_behind, Decimal::from(10));
        assert_eq!(s.completion_weight, Decimal::new(7, 1));
        assert_eq!(s.start_rate_base, StartRateBase::All);
    }

    #[test]
    fn every_key_is_read() {
        let s = Settings::from_toml(
            r#"
            year = 2024
            sheet = "月报"
            start_rate_denominator = "planned"
            [thresholds]
            yellow_behind = 5
            red_behind = 20.5
            red_months_overdue = 2
            idle_months = 3
            far_above_plan = 2
            [ranking]
            completion_weight = 0.6
            start_weight = 0.4
            completion_cap = 1.5
            [aliases]
            id = ["统一代码"]
            "#,
        )
        .unwrap();
        assert_eq!(s.year, Some(2024));
        assert_eq!(s.sheet.as_deref(), Some("月报"));
        assert_eq!(s.start_rate_base, StartRateBase::Planned);
        assert_eq!(s.red_behind.to_string(), "20.5");
        assert_eq!(s.start_weight.to_string(), "0.4");
        assert_eq!(s.idle_months, 3);
        assert_eq!(s.aliases, vec![(Field::Id, vec!["统一代码".to_string()])]);
    }

    #[test]
    fn unknown_keys_are_named() {
        let err = Settings::from_toml("yaer = 2024").unwrap_err().to_string();
        assert!(err.contains("yaer"), "{err}");
        let err = Settings::from_toml("[thresholds]\nred = 3")
            .unwrap_err()
            .to_string();
        assert!(err.contains("red"), "{err}");
        let err = Settings::from_toml("[aliases]\nidd = [\"x\"]")
            .unwrap_err()
            .to_string();
        assert!(err.contains("idd"), "{err}");
    }

    #[test]
    fn a_setting_after_a_section_is_said_to_be_read_as_part_of_it() {
        // Appended to the file `init` writes, which ends with [aliases]: the error said only
        // "invalid type: string \"月报\", expected a sequence".
        let err = |text: &str| Settings::from_toml(text).unwrap_err().to_string();
        let init_like = "year = 2024\n\n[aliases]\nname = [\"工程名称\"]\n";
        for key in [
            "sheet = \"月报\"",
            "year = 2025",
            "start_rate_denominator = \"planned\"",
        ] {
            let said = err(&format!("{init_like}{key}\n"));
            let name = key.split(' ').next().unwrap();
            assert!(
                said.ends_with(&format!(
                    "expected a sequence\n(`{name}` here is read as part of [aliases], which \
                     begins above it: a setting of the whole file goes above the first [section])"
                )),
                "{said}"
            );
        }
        assert!(
            err("[thresholds]\nidle_months = 3\nyear = 2024\n").contains("part of [thresholds]")
        );
        assert!(
            err(&format!("{init_like}id = \"工程编号\"\n"))
                .ends_with("(a column's aliases are a list of headers: id = [\"…\"])")
        );
        // The section's name with spaces or a comment; a quoted key; `year` as a column.
        assert!(err("[ aliases ] # 列名\nsheet = \"月报\"\n").contains("part of [aliases],"));
        assert!(err("[aliases]\n\"sheet\" = \"月报\"\n").contains("(`sheet` here is read"));
        assert!(
            err("[aliases]\nyear = \"年度\"\n")
                .ends_with("(a column's aliases are a list of headers: year = [\"…\"])")
        );
        // A section given as a value is named as a section, not by the name of a type.
        assert!(err("thresholds = 3\n").contains("expected a section [thresholds] of settings"));
        assert!(err("ranking = \"x\"\n").contains("expected a section [ranking] of settings"));
        // Elsewhere, the error as it was.
        assert!(!err("year = \"x\"\n").contains("(`"));
    }

    #[test]
    fn whole_numbers_are_refused_in_a_clerks_words() {
        // `year = "2024"` said "expected i32"; a negative count of months "expected u32".
        let err = |text: &str| Settings::from_toml(text).unwrap_err().to_string();
        for text in [
            "year = \"2024\"\n",
            "year = 2024.5\n",
            "[thresholds]\nidle_months = \"2\"\n",
        ] {
            let said = err(text);
            let quoted = text.contains('"');
            assert!(
                said.ends_with(match quoted {
                    true => "expected a whole number, e.g. 2024 or 3, without quotes",
                    false => "expected a whole number, e.g. 2024 or 3",
                }),
                "{said}"
            );
        }
        assert!(
            err("year = 99999999999\n")
                .starts_with("line 1: year = 99999999999 is not a plan year")
        );
        for (text, said) in [
            (
                "[thresholds]\nred_months_overdue = -1\n",
                "line 2: thresholds.red_months_overdue = -1 is not a number of months (expected 0 \
                 to 1200)",
            ),
            (
                "[thresholds]\nidle_months = 0\n",
                "line 2: thresholds.idle_months = 0 is not a number of months (expected 1 to 1200)",
            ),
            (
                "[thresholds]\nidle_months = 4294967296\n",
                "line 2: thresholds.idle_months = 4294967296 is not a number of months (expected \
                 1 to 1200)",
            ),
            (
                "[thresholds]\nfar_above_plan = 1000001\n",
                "line 2: thresholds.far_above_plan = 1000001 is not a multiple of the annual plan \
                 from 1 to 1000000 (1.5: year-to-date above 150% of it)",
            ),
        ] {
            assert_eq!(err(text), said);
        }
        let s = Settings::from_toml("year = 2025\n[thresholds]\nred_months_overdue = 0\n").unwrap();
        assert_eq!((s.year, s.red_months_overdue), (Some(2025), 0));
    }

    #[test]
    fn every_setting_that_cannot_work_is_said_at_once_with_its_line() {
        // Only the first was said, with no line; a cap of 120 (for 120%) was taken as 12000%.
        let err = Settings::from_toml(
            "year = 2024\n[thresholds]\nyellow_behind = -1\nidle_months = 0\n\
             [ranking]\ncompletion_weight = 0.5\ncompletion_cap = 120\n",
        )
        .unwrap_err()
        .to_string();
        assert_eq!(
            err,
            "4 settings cannot work:\n  \
             line 3: thresholds.yellow_behind = -1 is not a number of percentage points from 0 \
             to 1000000\n  \
             line 4: thresholds.idle_months = 0 is not a number of months (expected 1 to 1200)\n  \
             line 6: ranking.completion_weight (0.5) and ranking.start_weight (0.3) add up to \
             0.8, not 1 (the score shares them out: set both, e.g. 0.6 and 0.4)\n  \
             line 7: ranking.completion_cap = 120 is not a completion rate as a fraction from \
             0.01 to 10 (1.2 for 120%)"
        );
        for (text, said) in [
            (
                "[ranking]\ncompletion_cap = 0\n",
                "line 2: ranking.completion_cap = 0 is not",
            ),
            (
                "[ranking]\ncompletion_cap = inf\n",
                "line 2: ranking.completion_cap = inf is not",
            ),
            (
                "[thresholds]\nfar_above_plan = 0.5\n",
                "line 2: thresholds.far_above_plan = 0.5 is not",
            ),
            ("\n\nsheet = \" \"\n", "line 3: sheet = \"\" names no sheet"),
        ] {
            let err = Settings::from_toml(text).unwrap_err().to_string();
            assert!(err.starts_with(said), "{err}");
        }
        // A value of the wrong kind is said with the others: it stopped the reading, alone.
        let (text, said) = (
            "year = \"2024\"\n[thresholds]\nyellow_behind = \"10\"\nidle_months = 2.5\n\
                 red_months_overdue = true\n[ranking]\ncompletion_cap = 120\n",
            "5 settings cannot work:\n  \
                 line 1: year = \"2024\": expected a whole number, e.g. 2024 or 3, without quotes\n  \
                 line 3: thresholds.yellow_behind = \"10\" is not a number of percentage points \
                 from 0 to 1000000, without quotes\n  \
                 line 4: thresholds.idle_months = 2.5: expected a whole number, e.g. 2024 or 3\n  \
                 line 5: thresholds.red_months_overdue = true: expected a whole number, e.g. 2024 \
                 or 3\n  \
                 line 7: ranking.completion_cap = 120 is not",
        );
        let err = Settings::from_toml(text).unwrap_err().to_string();
        assert!(err.starts_with(said), "{err}");
        let s = Settings::from_toml("[ranking]\ncompletion_cap = 1\n").unwrap();
        assert_eq!(s.completion_cap, Decimal::ONE);
        // Written as a spreadsheet shows it, a percentage or a full-width comma after it: TOML
        // says only that text must be quoted, and quoted it is another error.
        for (text, hint) in [
            (
                "[thresholds]\nyellow_behind = 10%\n",
                "(a setting is a plain number, written without %: yellow_behind = 10;",
            ),
            (
                "[ranking]\ncompletion_cap = 120%\n",
                "written without %: completion_cap = 1.2;",
            ),
            (
                "year = 2024，\n",
                "(the full-width \"，\" after the value is not read in a setting: take it out)",
            ),
            (
                "year = 2024;\n",
                "(the \";\" after the value is not read in a setting: take it out, year = 2024)",
            ),
            (
                "sheet = 5\n",
                "(a sheet's name is text, in quotes: sheet = \"5\")",
            ),
            // A key of a section written above it, or in the other section.
            (
                "idle_months = 3\n",
                "(idle_months is a setting of [thresholds]: write it under a line [thresholds]",
            ),
            (
                "[thresholds]\ncompletion_weight = 0.6\n",
                "(completion_weight is a setting of [ranking]: write it under a line [ranking]",
            ),
            (
                "[stages]\nx = 1\n",
                "(stages is a list of the year's targets, written above the first [section]: \
                 stages = [\"竣工投产\",",
            ),
            (
                "[stages] # 目标\nx = 1\n",
                "(stages is a list of the year's targets",
            ),
            (
                "stages = \"竣工投产\"\n",
                "(stages is a list of the year's targets",
            ),
            (
                "[[stages]]\nx = 1\n",
                "(stages is a list of the year's targets",
            ),
            (
                "[aliases]\nidle_months = 3\n",
                "(idle_months is a setting of [thresholds]",
            ),
            // Where the section is written already (as `init`'s file has it), that one; and a
            // second one written as told is said to be one.
            (
                "[thresholds]\nred_behind = 20\n[aliases]\nidle_months = 3\n",
                "(idle_months is a setting of [thresholds]: write it under the line \
                 [thresholds], line 1)",
            ),
            (
                "[thresholds]\nred_behind = 20\n[thresholds]\nidle_months = 3\n",
                "(the file has a line [thresholds] already, line 1: write the settings under \
                 that one, and take this one out)",
            ),
            // Marks a Chinese input method types: the one to write instead (`，` between a
            // list's items was to be taken out, which TOML then refused).
            (
                "[aliases]\ndistrict = [\"县区名称\"，\"区域\"]\n",
                "(the full-width \"，\" is not read in a setting: write , in its place)",
            ),
            (
                "[aliases]\ndistrict = [“县区名称”]\n",
                "(the full-width \"“\" is not read in a setting: write \" in its place)",
            ),
            (
                "year ＝ 2024\n",
                "(the full-width \"＝\" is not read in a setting: write = in its place)",
            ),
            (
                "【aliases】\ndistrict = [\"县区名称\"]\n",
                "(the full-width \"【\" is not read in a setting: write [ in its place)",
            ),
            (
                "\"sheet\" = 5\n",
                "(a sheet's name is text, in quotes: sheet = \"5\")",
            ),
            ("year = 2024..\n", "take it out, year = 2024)"),
        ] {
            let err = Settings::from_toml(text).unwrap_err().to_string();
            assert!(err.contains(hint), "{err}");
        }
        // A value refused on its own is not weighed with another, nor with a default.
        for text in [
            "[thresholds]\nyellow_behind = 50\nred_behind = -130\n",
            "[ranking]\ncompletion_weight = 1.3\nstart_weight = -0.3\n",
        ] {
            let err = Settings::from_toml(text).unwrap_err().to_string();
            assert!(
                !err.contains("is above") && !err.contains(", not 1 ("),
                "{err}"
            );
        }
        // Weighed together, at the line of the one written.
        let err = Settings::from_toml("\n[thresholds]\nyellow_behind = 50\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("line 3: thresholds.yellow_behind (50) is above"),
            "{err}"
        );
        // `stages` after [aliases] is said to be there.
        let err = Settings::from_toml("[aliases]\nstages = [\"签约\"]\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("(`stages` here is read as part of [aliases]"),
            "{err}"
        );
    }

    #[test]
    fn inconsistent_thresholds_are_refused() {
        assert!(Settings::from_toml("[thresholds]\nyellow_behind = 40").is_err());
        assert!(Settings::from_toml("[thresholds]\nidle_months = 0").is_err());
        assert!(Settings::from_toml("[ranking]\nstart_weight = -1").is_err());
        let err = Settings::from_toml("[ranking]\ncompletion_weight = 70\nstart_weight = 30")
            .unwrap_err()
            .to_string();
        assert!(err.contains("add up to 100, not 1"), "{err}");
        let err = Settings::from_toml("[ranking]\ncompletion_weight = 0.8")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("(0.8) and ranking.start_weight (0.3) add up to 1.1"),
            "{err}"
        );
        let zero = "[ranking]\ncompletion_weight = 0\nstart_weight = 0";
        assert!(Settings::from_toml(zero).is_err());
        let whole = "[ranking]\ncompletion_weight = 1\nstart_weight = 0";
        assert_eq!(
            Settings::from_toml(whole).unwrap().start_weight,
            Decimal::ZERO
        );
    }
}

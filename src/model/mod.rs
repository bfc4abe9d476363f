//! The domain's values: months, amounts, projects and their monthly reports.
//!
//! Everything here is plain data. Loading fills it from files (remembering where each row came
//! from, so a finding can name file, line and column); checking and computing only read it.

use std::borrow::Cow;
use std::fmt;
use std::sync::Arc;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::load::header::Field;

pub mod reports;

pub use reports::{IdNo, Report, Reports};

/// An amount of money in 万元 (ten thousand yuan), exact to the last digit.
pub type Amount = Decimal;

/// The places of `units`.
pub const UNIT_PLACES: u32 = 12;

/// An amount as a whole number of 10^-12 万元, if it has no more places than that (and fits:
/// any amount read does): exact, and compared and added as a plain integer, far faster than a
/// `Decimal` (whose values are built and moved a field at a time).
pub fn units(a: Amount) -> Option<i128> {
    a.mantissa()
        .checked_mul(*UNITS_PER_DIGIT.get(a.scale() as usize)?)
}

/// The units in one of a decimal's digits, by its scale: 10^(UNIT_PLACES - scale).
pub const UNITS_PER_DIGIT: [i128; UNIT_PLACES as usize + 1] = {
    let mut up = [1; UNIT_PLACES as usize + 1];
    let mut scale = UNIT_PLACES as usize;
    while scale > 0 {
        scale -= 1;
        up[scale] = up[scale + 1] * 10;
    }
    up
};

/// The first of the years a month is read in.
pub const FIRST_YEAR: i32 = 1990;
/// The last of the years a month is read in.
pub const LAST_YEAR: i32 = 2100;
/// The years a month is read in (and so a plan year can have reports): 1990 to 2100.
pub const READ_YEARS: std::ops::RangeInclusive<i32> = FIRST_YEAR..=LAST_YEAR;

/// Whether a year read as a number (`u32`) is one months are read in.
pub fn is_read_year(year: u32) -> bool {
    i32::try_from(year).is_ok_and(|y| READ_YEARS.contains(&y))
}

/// A calendar month, the unit every figure is reported in: its year × 16 + its month, in order
/// as months are. Two bytes, and two as an `Option` too: projects and their figures hold
/// several.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct YearMonth(std::num::NonZeroU16);

impl YearMonth {
    /// The month, if `month` is 1..=12 and the year is one a plan could be for.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        if !(1900..=2200).contains(&year) || !(1..=12).contains(&month) {
            return None;
        }
        let packed = u16::try_from(year * 16 + i32::try_from(month).ok()?).ok()?;
        Some(YearMonth(std::num::NonZeroU16::new(packed)?))
    }

    pub fn year(self) -> i32 {
        i32::from(self.0.get() >> 4)
    }

    /// 1 for January … 12 for December.
    pub fn month(self) -> u32 {
        u32::from(self.0.get() & 15)
    }

    /// The month as it is displayed (`2024-06`), written out digit by digit: there are several
    /// in each of a bulletin's projects. `None` for a year of other than four digits (years
    /// are 1900 to 2200), to be written the long way.
    pub fn digits(self) -> Option<[u8; 7]> {
        let year @ 1000..=9999 = self.0.get() >> 4 else {
            return None;
        };
        let digit = |n: u16| b'0' + (n % 10) as u8;
        let month = self.0.get() & 15;
        Some([
            digit(year / 1000),
            digit(year / 100),
            digit(year / 10),
            digit(year),
            b'-',
            digit(month / 10),
            digit(month),
        ])
    }

    /// Months since year 0, so that differences are month counts.
    pub fn index(self) -> i64 {
        i64::from(self.year()) * 12 + i64::from(self.month()) - 1
    }

    /// Whole months from `self` to `later` (negative when `later` is earlier).
    pub fn months_until(self, later: YearMonth) -> i64 {
        later.index() - self.index()
    }

    pub fn prev(self) -> Option<YearMonth> {
        match self.month() {
            1 => YearMonth::new(self.year() - 1, 12),
            m => YearMonth::new(self.year(), m - 1),
        }
    }

    pub fn next(self) -> Option<YearMonth> {
        match self.month() {
            12 => YearMonth::new(self.year() + 1, 1),
            m => YearMonth::new(self.year(), m + 1),
        }
    }

    /// The same month one year earlier (for 同比).
    pub fn year_before(self) -> Option<YearMonth> {
        YearMonth::new(self.year() - 1, self.month())
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year(), self.month())
    }
}

impl Serialize for YearMonth {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.digits() {
            Some(text) => s.serialize_str(std::str::from_utf8(&text).unwrap_or_default()),
            None => s.collect_str(self),
        }
    }
}

/// 建设性质: whether a project starts this year, carries on from an earlier one, or is being
/// prepared to start in a year to come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Nature {
    /// 新建 (and 改扩建, 迁建, 技改, which count as new): has to start, so has a planned start.
    New,
    /// 续建: started in an earlier year, so counts as started.
    Continuing,
    /// 预备 (储备, 谋划, 前期): in preparation, to start in a year to come. No new start: it is
    /// in no new start's figure (新开工项目开工率, 逾期未开工), and has started only where its
    /// reports say so; its planned start counts in no figure.
    Reserve,
}

impl Nature {
    /// A 建设性质 as written: `新建`, `续建`, `预备`, and forms saying the same (`新建项目`,
    /// `改扩建`, `储备项目`), also spaced out to fill a cell (`新 建`), or with a word more in
    /// brackets after it (`新建（新开工）`, as the word before them).
    pub fn parse(text: &str) -> Option<Nature> {
        let text = unspaced(text);
        match text.strip_suffix("项目").unwrap_or(&text) {
            "新建" | "改扩建" | "扩建" | "改建" | "新开工" | "迁建" | "技改" | "技术改造"
            | "改造" | "new" => Some(Nature::New),
            "续建" | "跨年续建" | "continuing" => Some(Nature::Continuing),
            "预备" | "储备" | "谋划" | "前期" | "加快前期" | "reserve" => {
                Some(Nature::Reserve)
            }
            _ => {
                let before = text.strip_suffix([')', '）'])?.rsplit_once(['(', '（'])?.0;
                (!before.is_empty())
                    .then(|| Nature::parse(before))
                    .flatten()
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Nature::New => "新建",
            Nature::Continuing => "续建",
            Nature::Reserve => "预备",
        }
    }

    /// The kind of project, as findings name it.
    pub fn kind(self) -> &'static str {
        match self {
            Nature::New => "a new start",
            Nature::Continuing => "a continuing project",
            Nature::Reserve => "a project in preparation",
        }
    }

    /// Whether its planned start counts in a figure: a new start's alone (a continuing
    /// project's is past, one in preparation's to come).
    pub fn start_counts(self) -> bool {
        self == Nature::New
    }
}

/// A word spaced out to fill its cell (`新 建`, `在 建`) as one.
fn unspaced(text: &str) -> Cow<'_, str> {
    use crate::load::value::is_space;
    match text.contains(is_space) {
        true => text
            .chars()
            .filter(|&c| !is_space(c))
            .collect::<String>()
            .into(),
        false => text.into(),
    }
}

/// 项目状态 as a monthly report states it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// 前期, 未开工: preparatory work, not started.
    NotStarted,
    /// 在建, 已开工: under construction.
    Building,
    /// 竣工, 完工: construction finished.
    Finished,
    /// 投产: in operation.
    Operating,
    /// 停工, 停建: halted; started, but not building now.
    Halted,
    /// 缓建: postponed; not building now, and perhaps never started.
    Suspended,
}

impl Status {
    /// The status as JSON names it: `not_started`, `building`, … (as serde names it).
    pub fn key(self) -> &'static str {
        match self {
            Status::NotStarted => "not_started",
            Status::Building => "building",
            Status::Finished => "finished",
            Status::Operating => "operating",
            Status::Halted => "halted",
            Status::Suspended => "suspended",
        }
    }

    /// A 项目状态 as written, also spaced out to fill a cell (`在 建`).
    pub fn parse(text: &str) -> Option<Status> {
        // (As written, mostly: the cell's text is looked through for spaces only if not.)
        Status::named(text)
            .or_else(|| match unspaced(text) {
                Cow::Owned(text) => Status::named(&text),
                Cow::Borrowed(_) => None,
            })
            .or_else(|| {
                let before = Status::before_brackets(text)?;
                Status::named(before).or_else(|| Status::named(&unspaced(before)))
            })
    }

    /// A status with a word more in brackets after it (`在建（主体完工）`, `未开工(前期)`,
    /// `在建（主体（一期）完工）`): the status before them.
    fn before_brackets(text: &str) -> Option<&str> {
        let text = text.trim_end();
        text.strip_suffix('）').or_else(|| text.strip_suffix(')'))?;
        let (before, _) = text.split_once(['（', '('])?;
        Some(before.trim_end()).filter(|b| !b.is_empty())
    }

    fn named(text: &str) -> Option<Status> {
        let status = match text {
            "前期" | "未开工" | "尚未开工" | "暂未开工" | "前期阶段" | "前期工作"
            | "前期工作中" | "项目前期" | "前期推进" | "前期推进中" | "筹建" | "筹建中"
            | "not_started" => Status::NotStarted,
            "在建" | "在建中" | "已开工" | "开工" | "开工建设" | "已开工建设" | "开工在建"
            | "已开工在建" | "新开工" | "续建" | "续建中" | "施工" | "施工中" | "正在施工"
            | "建设中" | "正在建设" | "主体完工" | "部分竣工" | "部分完工" | "building" => {
                Status::Building
            }
            "竣工" | "完工" | "已竣工" | "已完工" | "竣工验收" | "建成" | "已建成" | "基本建成"
            | "基本竣工" | "基本完工" | "finished" => Status::Finished,
            "投产" | "已投产" | "竣工投产" | "建成投产" | "部分投产" | "投产运营"
            | "已投产运营" | "试生产" | "试运行" | "试运营" | "运营" | "已运营" | "运营中"
            | "投入使用" | "已投入使用" | "operating" => Status::Operating,
            "停工" | "停建" | "已停工" | "暂停施工" | "halted" => Status::Halted,
            "缓建" | "suspended" => Status::Suspended,
            _ => return None,
        };
        Some(status)
    }

    /// Whether this status says a project has started (已开工): building, finished,
    /// operating, or halted (a halt is of work begun). 缓建 alone does not say so (an earlier
    /// report may have).
    pub fn shows_started(self) -> bool {
        matches!(
            self,
            Status::Building | Status::Finished | Status::Operating | Status::Halted
        )
    }
}

/// Where a value came from: the file (relative to the data folder) and its columns, shared by
/// every row of that file, and the row's line.
#[derive(Clone, Debug)]
pub struct Origin {
    pub layout: Arc<Layout>,
    pub line: u64,
}

impl Origin {
    pub fn file(&self) -> &str {
        &self.layout.file
    }

    /// The 1-based column a field was read from in this row's file.
    pub fn column(&self, field: Field) -> Option<usize> {
        self.layout.column(field)
    }

    /// The line the cell a field was read from starts on: the row's, unless quoted cells
    /// before it in a CSV row run over line ends.
    pub fn line_of(&self, field: Field) -> u64 {
        match self.column(field) {
            Some(column) => self.layout.line_of(self.line, column),
            None => self.line,
        }
    }
}

/// In the row on `line`, the cells from the 1-based `column` on start `past` lines below the
/// row's first (up to the next `Spread` of the row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Spread {
    pub line: u64,
    pub column: usize,
    pub past: u64,
}

/// `Differing` rows by their unread and read columns.
pub type DifferingRows = std::collections::BTreeMap<(usize, usize), Differing>;

/// Report rows whose 项目状态 is not known, by the month their findings are of (none for a row
/// of no month, or said to be misfiled): each row's line and status as written.
pub type UnknownStatuses = std::collections::BTreeMap<Option<YearMonth>, Vec<(u64, String)>>;

/// A report row not read for its month (a 报告月份 disagreeing with its file's name, or none
/// to be had): its id, which `check` weighs against the registry too, so that a clerk mending
/// the month does not learn of a mistyped id only on the next run. (Kept apart from the rows
/// read, in its file's `Layout`: few rows are refused.)
#[derive(Clone, Debug)]
pub struct RefusedRow {
    pub line: u64,
    /// The id as read (full-width characters made plain).
    pub id: String,
    /// The month the row was expected to be of (its file's), then the one its 报告月份 says,
    /// where known: the id is named where it is of neither month's plan year.
    pub months: [Option<YearMonth>; 2],
}

/// The rows of a file whose figure in a column left unread (`Layout::doubled`) differs from the
/// one read: the two columns, their headers, and the rows' lines, the first with its figures as
/// written (`1000` and `empty`).
#[derive(Debug)]
pub struct Differing {
    pub column: usize,
    pub header: String,
    pub read_column: usize,
    pub read_header: String,
    /// The field both name: 累计完成投资.
    pub label: &'static str,
    pub lines: Vec<u64>,
    pub first: (u64, String, String),
    /// Whether in a row of them the column not read gives a figure (not one empty beside the
    /// figure read): a figure then that is not read.
    pub figure_unread: bool,
}

/// The columns of one table in one file, as its header row named them.
#[derive(Clone, Debug)]
pub struct Layout {
    /// Path relative to the data folder, with `/` separators.
    pub file: String,
    /// 1-based column of each recognised field.
    pub columns: Vec<(Field, usize)>,
    /// The header text as written, by 1-based column.
    pub headers: Vec<String>,
    /// Amount columns whose header names a unit other than 万元 (`总投资（亿元）`), with the
    /// factor to 万元.
    pub scales: Vec<(Field, rust_decimal::Decimal)>,
    /// Amount columns left unread as another names the same field (two 累计完成投资 columns),
    /// with the factor from their unit to 万元 (none for a unit xmtool does not convert): a row
    /// whose figures in the two differ is named.
    pub doubled: Vec<(Field, usize, Option<rust_decimal::Decimal>)>,
    /// The year or month a year-to-date column's header says its figures are for
    /// (`2024年1-6月完成投资`, `1-6月完成投资`, `2024年累计完成投资`).
    pub ytd_through: Option<crate::load::header::YtdSaid>,
    /// The month, and year if it says one, a month's figure column's header names
    /// (`6月完成投资`, `2024年6月份完成`).
    pub month_of: Option<crate::load::header::YtdSaid>,
    /// Where, in rows of delimited text whose quoted cells run over line ends, the cells of
    /// the fields read start on a later line than the row: noted as the rows are read, in their
    /// order, for findings made after. (Few rows have any: cells of several lines are mostly
    /// free text in the last columns.)
    pub spread: std::sync::Arc<std::sync::Mutex<Vec<Spread>>>,
    /// Rows whose figure in a `doubled` column differs from the one read, noted as the rows
    /// are made (on several threads) and named once a column when the file is read
    /// (`take_differing`). Shared, as `spread` is, by the tables reading one file.
    pub differing: std::sync::Arc<std::sync::Mutex<DifferingRows>>,
    /// Report rows whose 项目状态 is not known, noted as the rows are made (on several threads)
    /// and named once a month for the file (`take_unknown_statuses`).
    pub unknown_statuses: std::sync::Arc<std::sync::Mutex<UnknownStatuses>>,
    /// Report rows not read for their month, noted as the rows are made (on several threads)
    /// and handed to `check` once the file is read (`take_refused`).
    pub refused: std::sync::Arc<std::sync::Mutex<Vec<RefusedRow>>>,
    /// A registry's plan columns naming years (`2024年计划投资` beside `2025年计划投资`), by
    /// year, with each one's year and factor to 万元 (none for a unit not converted): each
    /// project's plan is its plan year's first column, a second of that year compared with it.
    /// Empty where fewer than two years are named.
    pub plans: Vec<(i32, usize, Option<rust_decimal::Decimal>)>,
    /// The built-in 年度计划投资 column beside a plan column named under `[aliases]
    /// annual_plan` (`调整后年度计划投资`, filled in for the projects whose plan was adjusted),
    /// with its factor to 万元: read where the named column says nothing.
    pub plan_fallback: Option<(usize, rust_decimal::Decimal)>,
    /// Whether the file is read as a workbook: a place in it is a cell, `C5`, as a finding's
    /// is (`Finding::location`).
    pub workbook: bool,
    /// Whether the file is a workbook kept in the 1904 date system, whose date serials in
    /// General-formatted cells count 1462 days fewer (`grid::Book::date1904`).
    pub date1904: bool,
}

impl Layout {
    /// Notes where a row's cells start on later lines (see `spread`), rows in order.
    pub fn note_spread(&self, spread: impl IntoIterator<Item = Spread>) {
        if let Ok(mut noted) = self.spread.lock() {
            noted.extend(spread);
        }
    }

    /// Notes a row (on `line`) whose figure in the unread `column` (`unread`, as written)
    /// differs from the one read in `read_column` (`read`).
    pub fn note_differing(
        &self,
        (column, header): (usize, &str),
        (read_column, read_header): (usize, &str),
        label: &'static str,
        line: u64,
        (unread, read): (&str, &str),
        figure_unread: bool,
    ) {
        let Ok(mut noted) = self.differing.lock() else {
            return;
        };
        // (Rows come in no order, from several threads: the first is the one of the least line.)
        let first = || (line, unread.to_string(), read.to_string());
        match noted.entry((column, read_column)) {
            std::collections::btree_map::Entry::Occupied(mut d) => {
                let d = d.get_mut();
                d.lines.push(line);
                d.figure_unread |= figure_unread;
                if line < d.first.0 {
                    d.first = first();
                }
            }
            std::collections::btree_map::Entry::Vacant(at) => {
                at.insert(Differing {
                    column,
                    header: header.to_string(),
                    read_column,
                    read_header: read_header.to_string(),
                    label,
                    lines: vec![line],
                    first: first(),
                    figure_unread,
                });
            }
        }
    }

    /// Notes a report row (on `line`, of `month`'s findings) whose 项目状态 `text` is not known.
    pub fn note_unknown_status(&self, month: Option<YearMonth>, line: u64, text: String) {
        if let Ok(mut noted) = self.unknown_statuses.lock() {
            noted.entry(month).or_default().push((line, text));
        }
    }

    /// The rows noted by `note_unknown_status`, by month, each month's in line order; none are
    /// kept.
    pub fn take_unknown_statuses(&self) -> UnknownStatuses {
        let Ok(mut noted) = self.unknown_statuses.lock() else {
            return UnknownStatuses::new();
        };
        let mut all = std::mem::take(&mut *noted);
        for rows in all.values_mut() {
            rows.sort_unstable();
        }
        all
    }

    /// Notes a report row not read for its month.
    pub fn note_refused(&self, row: RefusedRow) {
        if let Ok(mut noted) = self.refused.lock() {
            noted.push(row);
        }
    }

    /// The rows noted by `note_refused`, in line order; none are kept.
    pub fn take_refused(&self) -> Vec<RefusedRow> {
        let Ok(mut noted) = self.refused.lock() else {
            return Vec::new();
        };
        let mut all = std::mem::take(&mut *noted);
        all.sort_unstable_by_key(|r| r.line);
        all
    }

    /// The rows noted by `note_differing`, each column's lines in order; none are kept.
    pub fn take_differing(&self) -> Vec<Differing> {
        let Ok(mut noted) = self.differing.lock() else {
            return Vec::new();
        };
        let mut all: Vec<Differing> = std::mem::take(&mut *noted).into_values().collect();
        for d in &mut all {
            d.lines.sort_unstable();
        }
        all.sort_by_key(|d| (d.first.0, d.column));
        all
    }

    /// The line the cell in a 1-based column of the row on `line` starts on.
    pub fn line_of(&self, line: u64, column: usize) -> u64 {
        let Ok(spread) = self.spread.lock() else {
            return line;
        };
        let row = spread.partition_point(|s| s.line < line);
        let past = spread[row..]
            .iter()
            .take_while(|s| s.line == line && s.column <= column)
            .last()
            .map_or(0, |s| s.past);
        line + past
    }

    pub fn column(&self, field: Field) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _)| *f == field)
            .map(|&(_, c)| c)
    }

    /// The factor to 万元 of an amount column whose header names another unit.
    pub fn scale(&self, field: Field) -> Option<rust_decimal::Decimal> {
        self.scales
            .iter()
            .find(|(f, _)| *f == field)
            .map(|&(_, k)| k)
    }

    /// " 万元" where any of these columns names another unit (亿元, 元), to follow amounts read
    /// from them and compared in a message (held in 万元, they are not in the header's unit);
    /// "" otherwise.
    pub fn in_wan(columns: &[(&Layout, Field)]) -> &'static str {
        match columns
            .iter()
            .any(|(layout, field)| layout.scale(*field).is_some())
        {
            true => " 万元",
            false => "",
        }
    }

    /// The header of a field as the file wrote it, or the field's main Chinese name.
    pub fn header(&self, field: Field) -> &str {
        self.column(field)
            .and_then(|c| self.headers.get(c - 1))
            .map(String::as_str)
            .unwrap_or(field.label())
    }

    /// `header` on one line, for a message: without a required column's mark (`*项目编号`) or
    /// the line breaks of a header written over two (`项目` over `编号` is 项目编号; `Project`
    /// over `ID` is `Project ID`).
    pub fn header_shown(&self, field: Field) -> String {
        let header = self.header(field).trim().trim_start_matches(['*', '＊']);
        let mut shown = String::with_capacity(header.len());
        for line in header.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(shown.chars().last()) && latin(line.chars().next()) {
                shown.push(' ');
            }
            shown.push_str(line);
        }
        shown
    }
}

/// A name many projects share (a district, a department, a category …), held once by each set
/// of `Names` that has it (one or two for a registry). One pointer wide (an `Arc<str>` is two): a project holds seven.
#[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(Arc<Box<str>>);

impl std::ops::Deref for Name {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::borrow::Borrow<str> for Name {
    fn borrow(&self) -> &str {
        &self.0
    }
}

impl From<&str> for Name {
    fn from(text: &str) -> Name {
        Name(Arc::new(text.into()))
    }
}

impl fmt::Debug for Name {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        fmt::Debug::fmt(&**self, f)
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(self)
    }
}

impl serde::Serialize for Name {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self)
    }
}

/// The names read so far, each held once however many projects have it.
#[derive(Debug, Default)]
pub struct Names(std::collections::HashSet<Name, std::hash::BuildHasherDefault<reports::FxHasher>>);

impl Names {
    pub fn get(&mut self, text: &str) -> Name {
        if let Some(name) = self.find(text) {
            return name;
        }
        let name: Name = text.into();
        self.0.insert(name.clone());
        name
    }

    /// The name of this text, if there is one already.
    pub fn find(&self, text: &str) -> Option<Name> {
        self.0.get(text).cloned()
    }
}

/// Ids seen, by number (ids are numbered from 0, so a flag each rather than a hash set).
#[derive(Debug, Default)]
pub struct SeenIds(Vec<bool>);

impl SeenIds {
    /// Whether `id` is seen for the first time (it is seen from now on).
    pub fn first(&mut self, id: IdNo) -> bool {
        let i = id as usize;
        if i >= self.0.len() {
            self.0.resize(i + 1, false);
        }
        !std::mem::replace(&mut self.0[i], true)
    }
}

/// One row of the registry (项目库): a project in a plan year.
#[derive(Clone, Debug)]
pub struct Project {
    pub id: Box<str>,
    pub name: Box<str>,
    pub district: Name,
    pub department: Option<Name>,
    pub leader: Option<Name>,
    pub category: Option<Name>,
    pub level: Option<Name>,
    pub nature: Option<Nature>,
    pub investor: Option<Name>,
    /// 总投资, 万元.
    pub total_investment: Amount,
    /// 年度计划投资, 万元.
    pub annual_plan: Amount,
    pub planned_start: Option<YearMonth>,
    pub planned_finish: Option<YearMonth>,
    pub stage: Option<Name>,
    /// 纳入时间: a project added mid-year counts only from this month on.
    pub listed_from: Option<YearMonth>,
    /// 调出时间: a project taken off the list mid-year (cancelled, moved out) counts only in the
    /// months before this one.
    pub delisted: Option<YearMonth>,
    /// 计划年度.
    pub year: i32,
    /// The id's number in `Reports`.
    pub id_no: IdNo,
    /// How many years before this one the registry last lists another project under this id (of
    /// another district, or named unlike this one: `one_project`, as ids numbered afresh each
    /// year are given; 0 for none, 255 at most): the id's reports of that year and before are
    /// none of this project's. (A byte: a project is held a registry row, and its size kept.)
    pub id_reused_back: u8,
    pub origin: Origin,
    /// A value of this row could not be read; it has been reported, and checks that would only
    /// repeat it are skipped.
    pub flawed: bool,
    /// Its cells that could not be read (said so, or inside a quoted cell never closed), a bit
    /// each (`Project::NATURE_UNREAD`, `START_UNREAD`): empty for that, they are not said to be
    /// empty too, as one of a row with an error in another cell is. (Bits, not a `bool` each:
    /// 100,000 projects are held.)
    pub unread: u8,
    /// The groupings (`GroupBy::bit`, one each) whose cell (所属县区, 责任单位 …) held undecodable
    /// bytes, an error said, and was read as empty: in no group, as one left empty is, but said
    /// apart from it (县区无法识别, not 未填县区).
    pub groups_unread: u8,
    /// The last month of the year a 计划开工时间 gives as a whole (`2023年`), an error as too
    /// loose to be late by and not read: weighed against the plan year all the same.
    pub start_whole_year: Option<YearMonth>,
    /// The cells naming a group that said "as the row above" (同上, 〃), a bit each in the order
    /// of `Field::GROUPS`: read as empty, in no group, and said where the row above is known.
    pub ditto: u8,
}

impl Project {
    /// `unread`'s bit for its 建设性质.
    pub const NATURE_UNREAD: u8 = 1;
    /// `unread`'s bit for its 计划开工时间.
    pub const START_UNREAD: u8 = 2;

    /// Whether its 建设性质 could not be read (`unread`).
    pub fn nature_unread(&self) -> bool {
        self.unread & Project::NATURE_UNREAD != 0
    }

    /// Whether its 计划开工时间 could not be read (`unread`).
    pub fn start_unread(&self) -> bool {
        self.unread & Project::START_UNREAD != 0
    }

    /// The group it is in by a field naming one (`Field::GROUPS`); `None` where the cell is
    /// empty (or the field names no group).
    pub fn named_in(&self, field: Field) -> Option<&str> {
        match field {
            Field::District => Some(&*self.district).filter(|d| !d.is_empty()),
            Field::Department => self.department.as_deref(),
            Field::Leader => self.leader.as_deref(),
            Field::Category => self.category.as_deref(),
            Field::Level => self.level.as_deref(),
            Field::Investor => self.investor.as_deref(),
            Field::Stage => self.stage.as_deref(),
            _ => None,
        }
    }

    pub fn is_new_start(&self) -> bool {
        self.nature == Some(Nature::New)
    }

    /// Whether the project is on the list in month `m`: 纳入时间 at or before it, 调出时间
    /// after it.
    pub fn is_listed_in(&self, m: YearMonth) -> bool {
        self.listed_from.is_none_or(|from| from <= m) && self.delisted.is_none_or(|off| m < off)
    }

    /// Whether its id's reports of `year` are this project's: not those of a year its id was
    /// another project's, or before (`id_reused_back`).
    pub fn owns_reports_of(&self, year: i32) -> bool {
        self.id_reused_back == 0 || year > self.year - i32::from(self.id_reused_back)
    }
}

/// Whether two projects listed under one id in two years may be one project: of one district
/// (or one written within the other, `经开区` and `金昌经开区`), and named alike (`names_alike`).
pub fn one_project(earlier: &Project, later: &Project) -> bool {
    let (a, b) = (&*earlier.district, &*later.district);
    (a.contains(b) || b.contains(a)) && names_alike(&earlier.name, &later.name, b)
}

/// Whether two names of projects listed under one id in two years may name one project: a
/// project renamed (`金川区杨柳安置小区建设项目` and `杨柳安置小区及配套设施`) keeps most of its
/// name, one id given to another project (`环城路` and `食品厂`) little, and one of a series
/// (`第一小学` and `第二小学`, `城南` and `城北`, `一期` and `二期`) differs in a number or a
/// direction. Compared without the `district`'s name, case, spaces, marks and the words every
/// name has (项目, 工程, 建设): alike where each has no number or direction the other has not
/// (one may have some the other has none of: `人民医院` and `人民医院一期`, `物流园` and
/// `西部物流园`), and more than half the shorter's pairs of characters are the longer's too (a
/// name grown, `环城路` to `环城路提升改造工程`, keeps them all); names of fewer than two
/// characters so are alike only where equal.
pub fn names_alike(a: &str, b: &str, district: &str) -> bool {
    /// Characters that tell one of a series from another.
    const SERIES: &str = "0123456789〇零一二三四五六七八九十百千东南西北甲乙丙丁ⅠⅡⅢⅣⅤ";
    // (One name, as most ids' each year, is alike at once.)
    if a == b {
        return true;
    }
    fn core(name: &str, district: &str) -> Vec<char> {
        let mut name = crate::load::value::to_halfwidth(name).to_lowercase();
        let district = crate::load::value::to_halfwidth(district).to_lowercase();
        for word in [
            &district,
            "有限责任公司",
            "有限公司",
            "项目",
            "工程",
            "建设",
        ] {
            if !word.is_empty() {
                name = name.replace(word, "");
            }
        }
        name.chars().filter(|c| c.is_alphanumeric()).collect()
    }
    let (a, b) = (core(a, district), core(b, district));
    if a.len() < 2 || b.len() < 2 {
        return a == b;
    }
    // (Each name's characters of a series looked for once: a name may be long.)
    let of_series =
        |x: &[char]| -> Vec<char> { SERIES.chars().filter(|c| x.contains(c)).collect() };
    let (sa, sb) = (of_series(&a), of_series(&b));
    let series = |x: &[char], y: &[char]| x.iter().any(|c| !y.contains(c));
    if series(&sa, &sb) && series(&sb, &sa) {
        return false;
    }
    let pairs = |chars: &[char]| -> Vec<(char, char)> {
        let mut pairs: Vec<_> = chars.windows(2).map(|w| (w[0], w[1])).collect();
        pairs.sort_unstable();
        pairs
    };
    let (pa, pb) = (pairs(&a), pairs(&b));
    // (Shared pairs counted with their repeats: both lists sorted, walked together.)
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < pa.len() && j < pb.len() {
        match pa[i].cmp(&pb[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2 * shared > pa.len().min(pb.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_alike_across_years() {
        for (a, b, alike) in [
            ("环城路", "食品厂", false),
            ("金川区第六小学建设项目", "金川区城乡配送中心项目", false),
            ("金川区杨柳安置小区建设项目", "杨柳安置小区及配套设施", true),
            ("金川区人民医院门诊楼", "金川区人民医院门诊综合楼", true),
            // (A name grown, or given a phase or a direction it had none of: the review's.)
            ("金川区人民医院", "金川区人民医院一期", true),
            ("物流园", "西部物流园", true),
            ("新能源汽车零部件", "年产10万套新能源汽车零部件", true),
            ("环城路", "环城路提升改造及地下管网配套工程", true),
            ("人民医院门诊楼", "人民医院门诊综合楼及附属设施改造", true),
            // (One of a series, or a name shared in part only: the review's cases.)
            ("杨柳安置小区（一期）", "杨柳安置小区（二期）", false),
            ("环城东路改造工程", "环城西路改造工程", false),
            ("金川区第一小学改扩建", "金川区第二小学改扩建", false),
            ("城南工业园标准化厂房", "城北工业园标准化厂房", false),
            ("金城市环城路", "金城市食品厂", false),
            ("人民医院门诊楼", "人民医院住院楼", false),
            ("金川区第六小学建设项目", "金川区第六小学", true),
            ("金川区 第六小学", "金川区第六小学建设工程", true),
            ("A1", "a1", true),
            ("项目", "工程", true),
            ("路", "桥", false),
        ] {
            assert_eq!(names_alike(a, b, "金川区"), alike, "{a} {b}");
            assert_eq!(names_alike(b, a, "金川区"), alike, "{b} {a}");
        }
    }

    #[test]
    fn statuses_in_the_words_reports_use() {
        use Status::*;
        for (text, status) in [
            ("已开工在建", Some(Building)),
            ("新开工", Some(Building)),
            ("续建", Some(Building)),
            ("前期工作中", Some(NotStarted)),
            ("项目前期", Some(NotStarted)),
            ("建成", Some(Finished)),
            ("部分投产", Some(Operating)),
            // (Part of it finished, the rest building; as good as finished.)
            ("部分竣工", Some(Building)),
            ("基本建成", Some(Finished)),
            ("已投产运营", Some(Operating)),
            ("未开工（前期）", Some(NotStarted)),
            ("在建（主体完工）", Some(Building)),
            ("在建 (主体完工) ", Some(Building)),
            ("在 建（基础施工）", Some(Building)),
            ("在建（主体（一期）完工）", Some(Building)),
            ("（前期）", None),
            ("()", None),
            ("在建（", None),
            ("加快建设", None),
        ] {
            assert_eq!(Status::parse(text), status, "{text}");
        }
    }

    #[test]
    fn a_status_key_is_its_name_as_serde_writes_it() {
        // (JSON's projects are written field by field with `key`; `show`'s through serde.)
        for status in [
            Status::NotStarted,
            Status::Building,
            Status::Finished,
            Status::Operating,
            Status::Suspended,
        ] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.key());
        }
    }

    #[test]
    fn projects_and_their_figures_stay_small() {
        // Memory is, besides the reports, a project and its figures per registry row.
        assert_eq!(std::mem::size_of::<Name>(), 8);
        assert_eq!(std::mem::size_of::<Option<YearMonth>>(), 2);
        assert!(std::mem::size_of::<Project>() <= 160);
        // (A bulletin holds every project's figures beside all that was read: 100,000 of them
        // are 12 MB.)
        assert!(std::mem::size_of::<crate::compute::ProjectFigures>() <= 120);
    }

    #[test]
    fn names_are_held_once_and_read_as_text() {
        let mut names = Names::default();
        let a = names.get("金川区");
        let b = names.get("金川区");
        assert!(Arc::ptr_eq(&a.0, &b.0));
        assert_eq!(&*a, "金川区");
        assert_eq!(format!("{a} {a:?}"), "金川区 \"金川区\"");
        assert_eq!(serde_json::to_string(&a).unwrap(), "\"金川区\"");
        assert!(names.get("金昌市") > a);
    }

    #[test]
    fn year_month_steps_across_years() {
        let jan = YearMonth::new(2024, 1).unwrap();
        assert_eq!(jan.prev().unwrap().to_string(), "2023-12");
        assert_eq!(YearMonth::new(2023, 12).unwrap().next(), Some(jan));
        assert_eq!(
            jan.months_until(YearMonth::new(2024, 6).unwrap()),
            5,
            "January to June"
        );
        assert_eq!(YearMonth::new(2024, 13), None);
        assert_eq!(YearMonth::new(2024, 0), None);
    }

    #[test]
    fn year_months_are_written_in_json_as_displayed() {
        for (year, month) in [(2024, 6), (1900, 1), (1990, 12), (2200, 12)] {
            let m = YearMonth::new(year, month).unwrap();
            assert_eq!(
                serde_json::to_string(&m).unwrap(),
                format!("\"{m}\""),
                "{year}-{month}"
            );
        }
    }
}

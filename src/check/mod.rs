//! Checks across rows and files: what no single cell shows, such as a project id twice in the
//! registry, a report for a project that is not on it, two reports for one month, or a
//! year-to-date figure that shrinks.
//!
//! Every check reads the loaded dataset and adds findings; none changes the data.

use std::collections::BTreeMap;
use std::sync::Arc;

use rust_decimal::Decimal;

use crate::finding::Finding;
use crate::load::Dataset;
use crate::load::header::Field;
use crate::model::reports::{Duplicate, FxMap, FxSet, Reports, Timeline};
use crate::model::{
    IdNo, Layout, Nature, Origin, Project, Report, SeenIds, Status, YearMonth, units,
};

/// The largest difference, in 万元, between 本月完成投资 and the change in 累计完成投资 that is
/// taken as rounding (`month_tolerance` of a file in another unit).
const MONTH_TOLERANCE: Decimal = Decimal::from_parts(1, 0, 0, false, 2);

/// 元 in a 万元.
const YUAN_IN_WAN: Decimal = Decimal::from_parts(10_000, 0, 0, false, 0);

/// `MONTH_TOLERANCE` for a row: a hundredth of the unit its file gives 本月 and 累计 in where
/// that is larger than 万元 (a 亿元 form's figures, each rounded to 0.01亿, differ by 0.01亿,
/// 100 万元, from their own sums).
fn month_tolerance(r: Report) -> Decimal {
    let layout = r.layout();
    [Field::MonthInvestment, Field::YtdInvestment]
        .into_iter()
        .filter_map(|f| layout.scale(f))
        .fold(MONTH_TOLERANCE, |t, k| t.max(MONTH_TOLERANCE * k))
}

/// The whole unit a row's file gives 本月 and 累计 in, in 万元: 1, or 10000 for 亿元 (a hundred
/// times `month_tolerance`).
fn whole_unit(r: Report) -> Decimal {
    month_tolerance(r) * Decimal::ONE_HUNDRED
}

/// Whether 本月, 累计 and last month's 累计 (each with the whole unit of its file) may be
/// figures rounded to that unit, their disagreement `gap` the rounding's: each is whole in its
/// unit (`150`, `301`, not `150.4`), and `gap` is one unit at most (three figures each rounded
/// by up to half a unit, whole numbers apart).
fn rounded_apart(figures: [(Decimal, Decimal); 3], gap: Decimal) -> bool {
    figures
        .iter()
        .all(|&(value, unit)| (value / unit).fract().is_zero())
        && figures.iter().any(|&(_, unit)| gap.abs() <= unit)
}

/// Every finding about a loaded dataset: what loading found, taken out of `data` (not copied:
/// a folder of bad rows has millions), and what the cross-row checks find, in order of place.
pub fn take_all(data: &mut Dataset) -> Vec<Finding> {
    // (Checked first: the checks look at what loading found.)
    let checked = run(data);
    let mut findings = std::mem::take(&mut data.findings);
    findings.extend(checked);
    mark_off_list(data, &mut findings);
    // (A workbook's places are its cells: known by how the file was read, not by its name.)
    let workbooks: std::collections::HashSet<&str> = (data.sources.iter())
        .filter(|s| s.workbook)
        .map(|s| s.path.as_str())
        .collect();
    if !workbooks.is_empty() {
        for f in &mut findings {
            f.in_workbook = workbooks.contains(f.file.as_str());
        }
    }
    // (A file whose name is not UTF-8 is also given by its bytes, to be followed.)
    let raw: std::collections::HashMap<&str, &str> = (data.sources.iter())
        .filter_map(|s| Some((s.path.as_str(), s.raw.as_deref()?)))
        .collect();
    if !raw.is_empty() {
        for f in &mut findings {
            f.raw = raw.get(f.file.as_str()).map(|raw| raw.to_string());
        }
    }
    crate::finding::sort(&mut findings);
    // (Each file's first findings by place listed, the rest counted: sorted again, as they go
    // at its first left out.)
    if findings.len() > crate::finding::KEPT_A_FILE {
        crate::finding::fold(&mut findings);
        crate::finding::sort(&mut findings);
    }
    findings
}

/// Marks the errors at report rows (second reports too) of the plan year's projects off the list
/// in the rows' months (调出时间 at or before them: a department still sending a dropped
/// project's rows), which are in no month's figures (`Finding::off_list`): they stop no
/// bulletin. (Not last year's rows of a project dropped then: read for 同比, a project listed
/// again compares with them; nor a row named as another project, which may be that one's.)
fn mark_off_list(data: &Dataset, findings: &mut [Finding]) {
    let mut rows: std::collections::HashSet<(&str, u64)> = Default::default();
    // (A row named as another project, `Misnamed`, may be that one's with its id mistyped: its
    // errors are not waived.)
    let misnamed: std::collections::HashSet<(u32, u64)> = (data.reports.misnamed().iter())
        .map(|m| (m.file_no(), m.line()))
        .collect();
    let mut dropped: FxMap<&str, YearMonth> = FxMap::default();
    for p in (data.projects.iter()).filter(|p| p.year == data.plan_year) {
        let Some(off) = p.delisted else {
            continue;
        };
        dropped.entry(&p.id).or_insert(off);
        let timeline = data.reports.timeline_of(p, p.year);
        for r in timeline.iter().filter(|r| r.month() >= off) {
            if !misnamed.contains(&(r.file_no(), r.line())) {
                rows.insert((r.file(), r.line()));
            }
        }
    }
    // (A second report of such a row, another file giving the project that month, is in no
    // month's figures either: differing from the first, it stops no bulletin, as the first's
    // own errors do not.)
    let reports = &data.reports;
    for d in reports.duplicates() {
        let off = dropped.get(reports.id(d.id));
        if d.month.year() != data.plan_year || off.is_none_or(|&off| d.month < off) {
            continue;
        }
        let line = d.origin(reports).line;
        if !misnamed.contains(&(d.file_nos().0, line)) {
            rows.insert((d.file(reports), line));
        }
    }
    if rows.is_empty() {
        return;
    }
    let errors = findings.iter_mut();
    for f in errors.filter(|f| f.severity == crate::finding::Severity::Error && !f.of_file) {
        if let Some(line) = f.line
            && rows.contains(&(f.file.as_str(), line))
        {
            f.off_list = true;
        }
    }
}

/// Whether a second report is of a plan year's project off the list in its month (its 调出时间
/// at or before it), not named as another project: in no month's figures, as `mark_off_list`
/// weighs it.
fn off_list(data: &Dataset, registry: &Registry, d: &Duplicate) -> bool {
    let year = d.month.year();
    year == data.plan_year
        && !d.misnamed()
        && (registry.get(year, d.id)).is_some_and(|p| p.delisted.is_some_and(|off| d.month >= off))
}

/// All cross-row findings for a loaded dataset, in the order the checks make them (findings at
/// one place keep it when sorted).
pub fn run(data: &Dataset) -> Vec<Finding> {
    // `listed_twice` sorts every project twice, on one core: on a thread of its own while the
    // rest is checked, its findings put where it would have made them.
    let mut findings = Vec::new();
    groups_written_apart(data, &mut findings);
    groups_of_several(data, &mut findings);
    if !crate::par::worth_a_thread(data.projects.len()) {
        listed_twice(data, &mut findings);
        let registry = registry_checks(data, &mut findings);
        report_checks(data, &registry, &mut findings);
        return findings;
    }
    std::thread::scope(|scope| {
        let twice = scope.spawn(|| {
            let mut found = Vec::new();
            listed_twice(data, &mut found);
            found
        });
        let at = findings.len();
        let registry = registry_checks(data, &mut findings);
        report_checks(data, &registry, &mut findings);
        match twice.join() {
            Ok(twice) => drop(findings.splice(at..at, twice)),
            Err(e) => std::panic::resume_unwind(e),
        }
        findings
    })
}

fn at(origin: &Origin, field: Field) -> (String, u64, Option<usize>) {
    // (A finding of a column the file does not have is placed at the cell it speaks of: a
    // year-to-date summed from 本月 at 本月, investment with no 项目状态 to say it started at
    // the investment.)
    let stand_ins: &[Field] = match field {
        Field::YtdInvestment => &[Field::MonthInvestment],
        Field::MonthInvestment => &[Field::YtdInvestment],
        Field::Status => &[Field::YtdInvestment, Field::MonthInvestment],
        _ => &[],
    };
    let field = std::iter::once(field)
        .chain(stand_ins.iter().copied())
        .find(|&f| origin.column(f).is_some())
        .unwrap_or(field);
    (
        origin.file().to_string(),
        origin.line_of(field),
        origin.column(field),
    )
}

fn error(origin: &Origin, field: Field, message: String) -> Finding {
    let (file, line, column) = at(origin, field);
    Finding::error(file, message).at(line, column)
}

fn warning(origin: &Origin, field: Field, message: String) -> Finding {
    let (file, line, column) = at(origin, field);
    Finding::warning(file, message).at(line, column)
}

fn note(origin: &Origin, field: Field, message: String) -> Finding {
    let (file, line, column) = at(origin, field);
    Finding::note(file, message).at(line, column)
}

/// A file's second reports of another file's projects for a month: the first one's line, how
/// many, how many differ from the first (and of those, how many are of a project off the list),
/// the first few ids, and how many rows the two files give (`Duplicate::rows_of_files`).
struct SentTwice {
    line: u64,
    rows: usize,
    differing: usize,
    /// Of those differing, how many are of a project off the list in the month (`off_list`).
    differing_off_list: usize,
    ids: Vec<String>,
    of_files: (usize, usize),
    /// Whether another file gives one of its projects for the month of the folder this file,
    /// and the first's, is in, where that is not the month it is named for: it is then no
    /// report of its folder's month misnamed (`sent_twice_finding`).
    folder_month_given: (bool, bool),
}

/// A file whose rows give, saying the same, every row of two other files or more: a year's
/// file beside the month's files it repeats (`东区2024年.csv` beside `2024-01/东区.csv` …),
/// or a summary of districts that all reported. Its rows are read once, as any second report
/// saying what the first says; what is said is said once for the file, not a warning a row.
struct Repeats {
    /// The files it holds whole, by number, in path order.
    others: Vec<u32>,
    /// How many of its rows they give too, its first such row's line, and the earliest month.
    rows: usize,
    line: u64,
    month: Option<YearMonth>,
    /// Of those rows, how many give what the other leaves empty (`Duplicate::kept`), kept.
    kept: usize,
}

/// The month and district (the registry's, of the row's plan year) of the rows two files share,
/// and whether they are of more than one month or district: files held whole that span more
/// than one are a year's or a summary's; of one month and district, a district's own report
/// beside its departments'.
#[derive(Clone, Copy, Default)]
struct Span<'a> {
    first: Option<(YearMonth, &'a str)>,
    wider: bool,
}

impl<'a> Span<'a> {
    fn add(&mut self, month: YearMonth, district: &'a str) {
        match self.first {
            None => self.first = Some((month, district)),
            Some((m, d)) => self.wider |= m != month || d != district,
        }
    }

    fn join(&mut self, other: &Span<'a>) {
        if let Some((month, district)) = other.first {
            self.add(month, district);
        }
        self.wider |= other.wider;
    }
}

/// A file's row of a project and month that other files give too: its line, what it says
/// otherwise than the first read (`Duplicate::differences`: nothing, of the first and a row
/// saying what it says; None where that is not known), and whether what it gives where the
/// first gives nothing is kept (`Duplicate::kept`).
struct Given {
    file: u32,
    line: u64,
    says: Option<Vec<(Field, Option<String>)>>,
    kept: bool,
}

impl Given {
    /// Whether the two rows say the same: each saying what the first read says, or each saying
    /// the same otherwise (a department's file read first, differing from both a district's row
    /// and a summary's that say the same).
    fn alike(&self, other: &Given) -> bool {
        self.says.is_some() && self.says == other.says
    }
}

/// The projects and months two report files or more give, with each file's row of each
/// (`rows_given_twice`), and each file's rows of a month that it alone gives of projects listed
/// from that month (`fresh_rows`): weighed by `files_repeating_others` and
/// `summaries_among_reports` alike.
struct GivenTwice {
    rows: Vec<(IdNo, YearMonth, Vec<Given>)>,
    shared: FxSet<(IdNo, YearMonth)>,
    fresh: FxMap<(u32, YearMonth), usize>,
}

impl GivenTwice {
    fn of(data: &Dataset) -> GivenTwice {
        let rows = rows_given_twice(&data.reports);
        let shared = rows.iter().map(|(id, month, _)| (*id, *month)).collect();
        let fresh = fresh_rows(data, &shared);
        GivenTwice {
            rows,
            shared,
            fresh,
        }
    }
}

/// Each project and month two files or more give, with each file's row of it (its first, the
/// first read first): every file giving it weighed with every other, not with the first alone.
fn rows_given_twice(reports: &Reports) -> Vec<(IdNo, YearMonth, Vec<Given>)> {
    let mut given: Vec<(IdNo, YearMonth, Vec<Given>)> = Vec::new();
    let mut at: FxMap<(IdNo, YearMonth), usize> = FxMap::default();
    for d in reports.duplicates() {
        let (here, first) = d.file_nos();
        if here == first {
            continue;
        }
        let i = *at.entry((d.id, d.month)).or_insert_with(|| {
            given.push((d.id, d.month, Vec::new()));
            given.len() - 1
        });
        let rows = &mut given[i].2;
        if !rows.iter().any(|g| g.file == first) {
            let line = d.first(reports).line;
            rows.push(Given {
                file: first,
                line,
                says: Some(Vec::new()),
                kept: false,
            });
        }
        if !rows.iter().any(|g| g.file == here) {
            let says = match d.same {
                true => Some(Vec::new()),
                false => {
                    let differences = d.differences(reports);
                    let says = differences.into_iter().map(|f| (f.field, f.here));
                    Some(says.collect::<Vec<_>>()).filter(|says| !says.is_empty())
                }
            };
            rows.push(Given {
                file: here,
                line: d.origin(reports).line,
                says,
                kept: d.kept.status || d.kept.start || d.kept.text,
            });
        }
    }
    given
}

/// The files whose second reports saying what the first says hold two other files or more
/// whole (`Repeats`), by number, where the files held are of more than one month or district.
/// A pair of files whose rows differ in one is none (that is said row by row, and as a file
/// sent twice); nor is a department's file sharing a project or two with a district's (it holds
/// no two files whole), nor a district's file of a month holding its departments' files of that
/// month (each row shared is said, row by row: nothing of the file is to be taken out). Where
/// two files hold each other whole (copies), the first in path order is the one said to repeat
/// the others. Every file giving a project and month is weighed with every other giving it, so
/// that what is found is the same in any path order (a department's file giving a project of a
/// district's, read first, is the first of both the district's row and a summary's).
fn files_repeating_others<'a>(
    reports: &Reports,
    registry: &Registry<'a>,
    given: &GivenTwice,
) -> FxMap<u32, Repeats> {
    // Each pair of files' rows of a project and month both give (the lower number first): alike,
    // differing, and the months and districts of those alike.
    let mut pairs: FxMap<(u32, u32), (usize, usize, Span<'a>)> = FxMap::default();
    for (id, month, rows) in &given.rows {
        let district = registry.get(month.year(), *id).map_or("", |p| &*p.district);
        for (i, a) in rows.iter().enumerate() {
            for b in &rows[i + 1..] {
                let pair = pairs.entry((a.file.min(b.file), a.file.max(b.file)));
                let pair = pair.or_default();
                match a.alike(b) {
                    true => {
                        pair.0 += 1;
                        pair.2.add(*month, district);
                    }
                    false => pair.1 += 1,
                }
            }
        }
    }
    // (A file's rows of projects newly listed that it alone gives aside: a summary made on last
    // month's list lacks them, and holds it whole all the same.)
    let mut fresh: FxMap<u32, usize> = FxMap::default();
    for (&(file, _), &n) in &given.fresh {
        *fresh.entry(file).or_default() += n;
    }
    let rows = |file: u32| {
        let fresh = fresh.get(&file).copied().unwrap_or(0);
        reports.rows_of_file(file).saturating_sub(fresh)
    };
    let mut holds: BTreeMap<u32, Vec<u32>> = BTreeMap::new();
    for (&(a, b), &(same, differing, _)) in &pairs {
        if differing > 0 {
            continue;
        }
        for (file, other) in [(a, b), (b, a)] {
            if same == rows(other) {
                holds.entry(file).or_default().push(other);
            }
        }
    }
    let mut found: FxMap<u32, Repeats> = FxMap::default();
    let mut held: FxSet<u32> = FxSet::default();
    for (file, mut others) in holds {
        if held.contains(&file) {
            continue;
        }
        others.retain(|o| !found.contains_key(o));
        if others.len() < 2 {
            continue;
        }
        let mut span = Span::default();
        for &other in &others {
            if let Some((_, _, of)) = pairs.get(&(file.min(other), file.max(other))) {
                span.join(of);
            }
        }
        if !span.wider {
            continue;
        }
        others.sort_unstable();
        held.extend(others.iter().copied());
        found.insert(
            file,
            Repeats {
                others,
                rows: 0,
                line: u64::MAX,
                month: None,
                kept: 0,
            },
        );
    }
    if found.is_empty() {
        return found;
    }
    // Each of a repeating file's rows that a file it holds gives too, once.
    for (_, month, rows) in &given.rows {
        for row in rows {
            let Some(repeats) = found.get_mut(&row.file) else {
                continue;
            };
            let held = |g: &&Given| row.alike(g) && repeats.others.contains(&g.file);
            if !rows.iter().any(|g| held(&g)) {
                continue;
            }
            let kept = row.kept || rows.iter().filter(held).any(|g| g.kept);
            repeats.rows += 1;
            repeats.kept += usize::from(kept);
            repeats.line = repeats.line.min(row.line);
            repeats.month = Some(repeats.month.map_or(*month, |m| m.min(*month)));
        }
    }
    found
}

/// Each report file's rows of a month that it alone gives (none of `shared`, the projects and
/// months other files give too) of projects listed from that month (纳入时间), by file and month:
/// a summary made on last month's list lacks them, and holds the file whole all the same.
fn fresh_rows(data: &Dataset, shared: &FxSet<(IdNo, YearMonth)>) -> FxMap<(u32, YearMonth), usize> {
    let mut fresh: FxMap<(u32, YearMonth), usize> = Default::default();
    for p in data.projects.iter() {
        let Some(from) = p.listed_from else { continue };
        let timeline = data.reports.timeline_of(p, p.year);
        for r in timeline.iter().filter(|r| r.month() == from) {
            if !shared.contains(&(p.id_no, from)) {
                *fresh.entry((r.file_no(), from)).or_default() += 1;
            }
        }
    }
    fresh
}

/// Whether `file` is one of `repeating` that holds `other` whole.
fn holds_whole(repeating: &FxMap<u32, Repeats>, file: u32, other: u32) -> bool {
    repeating
        .get(&file)
        .is_some_and(|r| r.others.contains(&other))
}

/// Whether a second report is one of a file's said once (`Repeats`).
fn repeated_whole(repeating: &FxMap<u32, Repeats>, d: &Duplicate) -> bool {
    let (here, first) = d.file_nos();
    d.same && (holds_whole(repeating, here, first) || holds_whole(repeating, first, here))
}

/// The warning, once for a file, that its rows give every row of two other files or more,
/// saying what they say (`Repeats`), and what moving it out of `reports/` would leave unread.
fn repeats_finding(reports: &Reports, file: u32, r: &Repeats) -> Finding {
    let origin = reports.origin_of_file(file, r.line);
    let name = |n: u32| reports.file_of(n).to_string();
    let mut named: Vec<String> = r.others.iter().take(3).map(|&n| name(n)).collect();
    if r.others.len() > named.len() {
        named.push(format!("{} more", r.others.len() - named.len()));
    }
    let list = crate::finding::listed(&named, "and");
    let rows = reports.rows_of_file(file);
    let what = match rows.saturating_sub(r.rows) {
        0 => "move it out of reports/, as it gives no other row".to_string(),
        more => format!(
            "take those rows out of it, as moving it out of reports/ would leave its {more} \
             other row{} unread",
            crate::finding::plural(more)
        ),
    };
    let kept = match r.kept {
        0 => String::new(),
        n => format!(
            ", what {n} of them give where the other gives nothing (项目状态, 实际开工时间, free \
             text) kept"
        ),
    };
    let finding = Finding::warning(
        origin.file(),
        format!(
            "its {} rows say what {} other files say, every row of each ({list}): read \
             once{kept} (a year's file, or a summary, beside the files it repeats? expected each \
             project's report of a month in one file: {what})",
            r.rows,
            r.others.len()
        ),
    )
    .at(r.line, None);
    match r.month {
        Some(month) => finding.in_month(month),
        None => finding,
    }
}

/// Words a file's name says it corrects another with.
const CORRECTION_WORDS: [&str; 5] = ["更正", "修正", "订正", "修改", "修订"];

/// The error for a file with two or more second reports of `first`'s projects for `month`,
/// one differing: which file's rows are read, and what to do. Moving a file out of
/// `reports/` is advised only where the other gives all its rows too (a file sent twice, a
/// correction of it all): else its other projects would go unreported, and the rows that
/// clash are named, to be kept in one file.
fn sent_twice_finding(file: &str, first: &str, month: YearMonth, twice: &SentTwice) -> Finding {
    let n = twice.rows;
    let (here, there) = twice.of_files;
    // (Either name may say it corrects the other: 更正, 修改 …, the correction sorted first.)
    let says_correction = |name: &str, other: &str| {
        CORRECTION_WORDS
            .iter()
            .any(|word| name.contains(word) && !other.contains(word))
    };
    let (corrects, corrected) = (says_correction(file, first), says_correction(first, file));
    // What moving either file out would lose: the rows it gives besides these (of other
    // projects, or months).
    let (this_more, other_more) = (here.saturating_sub(n), there.saturating_sub(n));
    let lost = |which: &str, k: usize| {
        format!(
            "{which} gives {k} row{} more, which moving it out of reports/ would leave unread",
            crate::finding::plural(k)
        )
    };
    const TWICE: &str = "a file sent twice, or a correction beside the first?";
    // (A file named for this month in another month's folder, warned of already, is likely
    // that month's report misnamed: moving either file out would leave a month unread. Not
    // one whose name says it corrects, nor one whose folder's month another file gives its
    // projects for: a correction, or a report come late, put with the month it came in.)
    let (given_here, given_there) = twice.folder_month_given;
    let misnamed = |name: &str, given: bool| {
        (!given && !CORRECTION_WORDS.iter().any(|word| name.contains(word)))
            .then(|| crate::load::named_for_another_folders_month(name))
            .flatten()
            .filter(|&(named, _)| named == month)
            .map(|(_, filed)| filed)
    };
    // (Whether a whole file is to be moved out; else the rows that clash are named.)
    let (moved, what) = match (corrects, corrected) {
        (true, false) if other_more == 0 => (
            true,
            format!(
                "{TWICE} its name says it corrects the other: if so, move the other out of reports/"
            ),
        ),
        (true, false) => (
            false,
            format!(
                "its name says it corrects the other: if so, correct those rows in the other, or \
                 take them out of it; {}",
                lost("the other", other_more)
            ),
        ),
        (false, true) if this_more == 0 => (
            true,
            format!(
                "{TWICE} the other's name says it corrects this one: if so, its rows are rightly \
                 read; move this one out of reports/"
            ),
        ),
        (false, true) => (
            false,
            format!(
                "the other's name says it corrects this one: if so, its rows are rightly read, \
                 and these can be taken out of this one; {}",
                lost("this one", this_more)
            ),
        ),
        _ => match (this_more, other_more) {
            (0, 0) => (
                true,
                format!("{TWICE} keep the one that is right, and move the other out of reports/"),
            ),
            (more, 0) => (
                false,
                format!(
                    "keep the rows that are right: move the other out of reports/ if these are, \
                     or take these out of this one if the other's are; {}",
                    lost("this one", more)
                ),
            ),
            (0, more) => (
                false,
                format!(
                    "keep the rows that are right: move this one out of reports/ if the other's \
                     are, or take those out of the other if these are; {}",
                    lost("the other", more)
                ),
            ),
            _ => (
                false,
                "projects given in two files? keep each project's report in one file, taking the \
                 rows that are wrong out of the other (moving either file out of reports/ would \
                 leave its other rows unread)"
                    .to_string(),
            ),
        },
    };
    let (moved, what) = match (misnamed(file, given_here), misnamed(first, given_there)) {
        (Some(filed), _) => (
            true,
            format!(
                "is this one {filed}'s report, named for {month} in a folder for {filed}? if so, \
                 rename it for {filed}; moving either file out of reports/ would leave a month \
                 unread"
            ),
        ),
        (None, Some(filed)) => (
            true,
            format!(
                "is the other {filed}'s report, named for {month} in a folder for {filed}? if so, \
                 rename it for {filed}, and these are read; moving either file out of reports/ \
                 would leave a month unread"
            ),
        ),
        (None, None) => (moved, what),
    };
    let ids = match (moved, n.saturating_sub(twice.ids.len())) {
        (true, _) => String::new(),
        (false, 0) => format!(" ({})", twice.ids.join(", ")),
        (false, left) => format!(" ({} and {left} more)", twice.ids.join(", ")),
    };
    Finding::error(
        file,
        format!(
            "reports {n} projects for {month} that {first} reports too{ids}; those rows are \
             read, not these ({what})"
        ),
    )
    .at(twice.line, None)
    .in_month(month)
    .of_the_file()
}

/// Words a file's name says it is the month's summary with (汇总表, 全市…总表), not a report.
/// (Not 统计 nor 合计: `乙县重点项目统计表` is a district's report.)
const SUMMARY_WORDS: [&str; 4] = ["汇总", "总表", "全市", "全县"];

/// A file's rows of a month, weighed as a summary of the month (汇总表) put among the reports:
/// how many of its projects other files give too, the projects it alone gives and which of
/// those repeat what was reported before, and the districts its projects are of.
#[derive(Default)]
struct Summary<'a> {
    shared: FxSet<IdNo>,
    /// For each other file it shares projects with: how many, how many rows that file has, and
    /// how many of those shared are not of a project of nothing yet (0 then and now).
    with: FxMap<u32, (usize, usize, usize)>,
    /// How many projects it alone gives (but those of 0 then and now).
    alone: usize,
    /// The projects it alone gives with no 本月 and the 累计 last reported, not 0: where each is,
    /// and whether its 本月 is written 0 (nothing done, as a report says: stale only in a file
    /// whose name says it is a summary, or that gives every project on the list).
    stale: Vec<(&'a str, u64, bool)>,
    /// The projects of nothing yet it alone gives, as `stale`: weighed as neither, but counted
    /// as reported all the same where it is a summary.
    nothing_yet: Vec<(&'a str, u64, bool)>,
    districts: FxSet<&'a str>,
    /// The projects it alone gives (those of nothing yet too).
    alone_given: FxSet<IdNo>,
}

impl Summary<'_> {
    /// Whether it gives every project on the list in `month` (one at least), as the office's
    /// summary of the month does, a row for each: its formula writes 0 for one no one reported.
    /// (Those listed from `month`, 纳入时间, may be missing: a form made on last month's list.)
    fn gives_the_whole_list(&self, data: &Dataset, month: YearMonth) -> bool {
        let mut listed = data
            .projects
            .iter()
            .filter(|p| p.year == month.year() && p.is_listed_in(month))
            .filter(|p| p.listed_from != Some(month))
            .peekable();
        let gives = |id| self.shared.contains(id) || self.alone_given.contains(id);
        listed.peek().is_some() && listed.all(|p| gives(&p.id_no))
    }
}

/// Each project and month two files or more give, in order, with those files by number, in
/// order, each once: the first one read and every other giving a second report of it.
fn files_giving_twice(given: &GivenTwice) -> Vec<(IdNo, YearMonth, Vec<u32>)> {
    let mut giving: Vec<(IdNo, YearMonth, Vec<u32>)> = (given.rows.iter())
        .map(|(id, month, rows)| {
            let mut files: Vec<u32> = rows.iter().map(|g| g.file).collect();
            files.sort_unstable();
            (*id, *month, files)
        })
        .collect();
    giving.sort_unstable_by_key(|&(id, month, _)| (id, month));
    giving
}

/// The error for a whole-city summary of a month (the office's own 汇总表, every project's
/// 累计 in it) put in `reports/` beside the districts' files: its rows of the projects that did
/// not report repeat their last 累计 with no 本月, and would count them as reported, the
/// 报送率 and 未报送 list wrong with nothing else said. A file is taken for one where it gives
/// projects of two districts or more, every row of two other files or more (as a summary
/// holds each district's report; a department's file sharing some of a district's projects
/// holds none whole), half its rows or more other files' too, and of the projects it alone
/// gives, every one repeats its last 累计, not 0, with no 本月 (a 本月 of 0 written counts as
/// none only where the file's name says it is a summary, or where it gives every project on
/// the list, as the office's summary does, its formula writing 0 where no one reported; one
/// of 0 then and now, a project of nothing yet, is weighed as neither). A file
/// shares a project of nothing yet with another as a department's file of its 前期 projects
/// does with a district's: of the files it holds whole, one at least is held by a row of a
/// project of something. A whole-city report that is the month's only source shares no rows,
/// and is read as ever. The files so taken are returned.
fn summaries_among_reports<'a>(
    data: &Dataset,
    registry: &Registry<'a>,
    given: &GivenTwice,
    findings: &mut Vec<Finding>,
) -> FxSet<u32> {
    let mut found = FxSet::default();
    let reports = &data.reports;
    let district = |id: IdNo, year: i32| registry.get(year, id).map(|p| &*p.district);
    // Each file's projects of a month that another file gives too, each weighed with every
    // other file giving it: a second report names only the first file's row, and a summary
    // read after a department's file giving one of a district's projects holds that
    // district's file whole all the same, whatever the files' path order.
    let mut files: FxMap<(u32, YearMonth), Summary> = Default::default();
    let giving_twice = files_giving_twice(given);
    let (shared, fresh) = (&given.shared, &given.fresh);
    for (id, month, giving) in &giving_twice {
        for &file in giving {
            let summary = files.entry((file, *month)).or_default();
            summary.shared.insert(*id);
            summary.districts.extend(district(*id, month.year()));
            for &other in giving.iter().filter(|&&other| other != file) {
                let fresh = fresh.get(&(other, *month)).copied().unwrap_or(0);
                let rows = reports.rows_of_file(other).saturating_sub(fresh);
                summary.with.entry(other).or_insert((0, rows, 0)).0 += 1;
            }
        }
    }
    // (Weighed first with every shared row; below, one file at least is held by a row of a
    // project of something, not by those of nothing yet alone.)
    let holds_two_files = |s: &Summary, told: bool| {
        let held = || s.with.values().filter(|(n, rows, _)| n == rows);
        held().count() >= 2 && (!told || held().any(|&(.., of_something)| of_something > 0))
    };
    files.retain(|_, s| s.shared.len() >= 2 && holds_two_files(s, false));
    if files.is_empty() {
        return found;
    }
    // The projects and months shared, each of nothing yet: 0 then and now.
    let mut shared_of_nothing: FxSet<(IdNo, YearMonth)> = Default::default();
    for timeline in reports.timelines() {
        let Some(id) = timeline.id() else { continue };
        let mut before = Decimal::ZERO;
        for r in timeline.iter() {
            let last = before;
            before = r.ytd_investment().unwrap_or(before);
            if !r.has_a_figure() {
                continue;
            }
            let this_month = r.month_investment();
            let nothing_this_month = this_month.is_none_or(|a| a.is_zero());
            let same = r.ytd_investment() == Some(last);
            // (A project of nothing yet, 0 then and now, tells nothing: a 前期 one reports so.)
            let of_nothing = nothing_this_month && same && last.is_zero();
            if shared.contains(&(id, r.month())) {
                if of_nothing {
                    shared_of_nothing.insert((id, r.month()));
                }
                continue;
            }
            let Some(summary) = files.get_mut(&(r.file_no(), r.month())) else {
                continue;
            };
            summary.districts.extend(district(id, r.month().year()));
            summary.alone_given.insert(id);
            let zero_written = this_month.is_some();
            if of_nothing {
                summary.nothing_yet.push((r.id(), r.line(), zero_written));
                continue;
            }
            summary.alone += 1;
            if nothing_this_month && same {
                summary.stale.push((r.id(), r.line(), zero_written));
            }
        }
    }
    // How many rows of a project of something each file shares with each other.
    for (id, month, giving) in &giving_twice {
        if shared_of_nothing.contains(&(*id, *month)) {
            continue;
        }
        for &file in giving {
            let Some(summary) = files.get_mut(&(file, *month)) else {
                continue;
            };
            for &other in giving.iter().filter(|&&other| other != file) {
                if let Some(with) = summary.with.get_mut(&other) {
                    with.2 += 1;
                }
            }
        }
    }
    for ((file, month), mut summary) in files {
        if !holds_two_files(&summary, true) {
            continue;
        }
        // (The file's own name: `reports/全市重点项目月报/东区.csv` is a district's report.)
        let name = reports.file_of(file).rsplit('/').next().unwrap_or_default();
        let named = SUMMARY_WORDS.iter().any(|word| name.contains(word));
        // (A summary leaves 本月 empty, or writes 0 where its name says what it is, or where it
        // gives every project on the list: a department's file of some writes 0 of a project
        // idle this month.)
        let zero_is_stale = named || summary.gives_the_whole_list(data, month);
        summary
            .stale
            .retain(|&(_, _, zero_written)| zero_is_stale || !zero_written);
        let (n, alone, stale) = (summary.shared.len(), summary.alone, summary.stale.len());
        // (Every project it alone gives repeats what it had: a file giving one this month's
        // figures is a report of its own, whatever it shares.)
        if stale == 0 || n < alone || summary.districts.len() < 2 || stale < alone {
            continue;
        }
        // (Its rows of projects of nothing yet would count them as reported too: named with
        // the others, a 0 in 本月 as theirs is.)
        summary
            .nothing_yet
            .retain(|&(_, _, zero_written)| zero_is_stale || !zero_written);
        summary.stale.append(&mut summary.nothing_yet);
        summary.stale.sort_by_key(|&(_, line, _)| line);
        let Some(&(_, line, _)) = summary.stale.first() else {
            continue;
        };
        let stale = summary.stale.len();
        found.insert(file);
        let origin = reports.origin_of_file(file, line);
        let ids: Vec<&str> = summary.stale.iter().take(3).map(|(id, ..)| *id).collect();
        let more = match stale - ids.len() {
            0 => String::new(),
            left => format!(" and {left} more"),
        };
        findings.push(
            Finding::error(
                origin.file(),
                format!(
                    "reports {n} projects for {month} that other files report too, and {stale} \
                     that no other file reports, each with no 本月 and the 累计 it had before \
                     ({}{more}): a summary of the month (汇总表) put among the reports? it would \
                     count {} as reported (报送率, 未报送); move it out of reports/ (expected \
                     each district's report once, and a project that did not report left out)",
                    ids.join(", "),
                    match stale {
                        1 => "that one".to_string(),
                        _ => format!("those {stale}"),
                    }
                ),
            )
            .at(line, None)
            .in_month(month)
            .of_the_file(),
        );
    }
    found
}

/// A file's rows of a month weighed against its projects' reports of the month before.
#[derive(Default)]
struct Repeating {
    rows: usize,
    /// Rows giving the 累计 the month before gave, and no 本月, saying nothing else.
    repeating: usize,
    /// Of those, rows whose project invested in the month before.
    invested_before: usize,
    line: u64,
}

/// Of one project's months, each row giving the 累计 its report of the month before gave and no
/// 本月, and no other 项目状态 (as written), 实际开工时间 or free text (by its digest) than that
/// report where both give one, by file and month, with whether the project invested in the
/// month before: the rows `last_months_sent_again` weighs, found on every core with the
/// project's other checks. January's row is weighed against the year before's December, of
/// the same id: a 累计 starts again in January, and December's sent as January's is the copy
/// a new year's first report most often is.
fn rows_repeating<'a>(
    timeline: Timeline<'a>,
    reports: &'a Reports,
    found: &mut Vec<((u32, YearMonth), bool)>,
    januaries: &mut Vec<((u32, YearMonth), JanuaryRow<'a>)>,
) {
    // The report before, and the 累计 before that one.
    let mut before: Option<(Report, Decimal)> = None;
    let mut ytd = Decimal::ZERO;
    let january = timeline.iter().next().filter(|r| r.month().month() == 1);
    if let (Some(_), Some(id), Some(year)) = (january, timeline.id(), timeline.year()) {
        for r in reports.timeline(id, year.saturating_sub(1)).iter() {
            before = Some((r, ytd));
            ytd = r.ytd_investment().unwrap_or(ytd);
        }
        // (Only December's, of a figure: `Some(last.month()) == r.month().prev()` below.)
        ytd = Decimal::ZERO;
    }
    for r in timeline.iter() {
        let this_ytd = r.ytd_investment();
        let last = before.replace((r, ytd));
        ytd = this_ytd.unwrap_or(ytd);
        let Some((last, earlier)) = last else {
            continue;
        };
        let then = last.ytd_investment();
        if r.month().month() == 1
            && Some(last.month()) == r.month().prev()
            && let (Some(december), Some(january)) = (then, this_ytd)
            && december > Decimal::ZERO
            && r.month_investment().is_none()
        {
            let row = JanuaryRow {
                id: r.id(),
                line: r.line(),
                december,
                january,
            };
            januaries.push(((r.file_no(), r.month()), row));
        }
        // (Nor saying otherwise where both say: a month of nothing invested says so, 春节停工,
        // in words of its own.)
        fn differ<T: PartialEq>(a: Option<T>, b: Option<T>) -> bool {
            a.is_some() && b.is_some() && a != b
        }
        if Some(last.month()) == r.month().prev()
            && then.is_some()
            && this_ytd == then
            && r.month_investment().is_none_or(|a| a.is_zero())
            && r.has_a_figure()
            && !differ(r.status_text(), last.status_text())
            && !differ(r.actual_start(), last.actual_start())
            && !differ(r.texts_digest(), last.texts_digest())
        {
            found.push(((r.file_no(), r.month()), then > Some(earlier)));
        }
    }
}

/// A January row of no 本月 whose project's report of the December before gave a 累计 above 0,
/// with both 累计: what `januarys_run_on` weighs.
struct JanuaryRow<'a> {
    id: &'a str,
    line: u64,
    december: Decimal,
    january: Decimal,
}

/// A warning, once for a file, where each of its January rows of no 本月 whose project invested
/// the year before (three or more) gives a 累计 at or above the project's of the December
/// before, not all the same: a 累计 counted on from the year before (开累, since the project
/// began), not started again on 1 January, which would read as a year's work done in a month.
/// A project investing in January as much as in the whole year before is rare; three in one
/// file, and none less, rarer; the warning says what to do if it is so. (Rows all giving
/// December's 累计 are `last_months_sent_again`'s; rows giving 本月 are weighed against it by
/// `sequence_checks`.)
fn januarys_run_on(
    reports: &Reports,
    januaries: Vec<((u32, YearMonth), JanuaryRow)>,
    findings: &mut Vec<Finding>,
) {
    let mut files: BTreeMap<(u32, YearMonth), Vec<JanuaryRow>> = BTreeMap::new();
    for (key, row) in januaries {
        files.entry(key).or_default().push(row);
    }
    for ((file, month), mut rows) in files {
        let run_on = |r: &JanuaryRow| r.january >= r.december;
        if rows.len() < 3
            || !rows.iter().all(run_on)
            || rows.iter().all(|r| r.january == r.december)
        {
            continue;
        }
        rows.sort_by_key(|r| r.line);
        let Some(before) = month.prev() else { continue };
        let shown: Vec<String> = (rows.iter().take(3))
            .map(|r| format!("{} {} after {}", r.id, r.january, r.december))
            .collect();
        let more = match rows.len() - shown.len() {
            0 => String::new(),
            left => format!(" and {left} more"),
        };
        let origin = reports.origin_of_file(file, rows[0].line);
        findings.push(
            Finding::warning(
                origin.file(),
                format!(
                    "its {} rows for {month} give no 本月, and each a 累计 at or above its \
                     project's of {before} ({}{more}): a 累计 counted on from last year, not \
                     started again in January? it would count last year's investment as this \
                     year's (expected {month}'s 累计 from 0 on 1 January, January's alone; if each of \
                     these projects invested in {month} as much as in all of {}, leave it)",
                    rows.len(),
                    shown.join(", "),
                    before.year()
                ),
            )
            .at(rows[0].line, None)
            .in_month(month),
        );
    }
}

/// A warning, once for a file, where each of its rows of a month (three or more) gives the
/// 累计 its project had the month before and no 本月, though half of them or more invested then:
/// last month's report copied, renamed and sent as this month's (a 报告月份 edited, so not the
/// same byte for byte), which would read as every project reported with nothing invested. A
/// district whose projects all did nothing in a month, after half of them did something in the
/// month before, is rare; the warning says what to do if it is so. `files` has the rows
/// repeating the month before's by file and month (`rows_repeating`); every row of the files
/// where two or more of them invested then (`rows >= 3` needs it) is counted here.
fn last_months_sent_again(
    timelines: &[Timeline],
    reports: &Reports,
    mut files: crate::model::reports::FxMap<(u32, YearMonth), Repeating>,
    findings: &mut Vec<Finding>,
) {
    files.retain(|_, f| f.invested_before >= 2);
    if files.is_empty() {
        return;
    }
    // (Rows of no figure, a project left blank, are not weighed: `rows_repeating` never
    // counts them.)
    for r in timelines.iter().flat_map(|t| t.iter()) {
        if !r.has_a_figure() {
            continue;
        }
        if let Some(file) = files.get_mut(&(r.file_no(), r.month())) {
            let line = r.line();
            file.line = if file.rows == 0 {
                line
            } else {
                file.line.min(line)
            };
            file.rows += 1;
        }
    }
    let mut found: Vec<((u32, YearMonth), Repeating)> = files
        .into_iter()
        .filter(|(_, f)| f.rows >= 3 && f.repeating == f.rows && 2 * f.invested_before >= f.rows)
        .collect();
    found.sort_by_key(|&((file, month), _)| (file, month));
    for ((file, month), f) in found {
        let Some(before) = month.prev() else { continue };
        let origin = reports.origin_of_file(file, f.line);
        findings.push(
            Finding::warning(
                origin.file(),
                format!(
                    "its {} rows for {month} each give the 累计 their project had in {before} \
                     and no 本月, though {} of them invested in {before}: {before}'s \
                     report sent again as {month}'s? (expected {month}'s figures: replace it \
                     with the right one; {})",
                    f.rows,
                    f.invested_before,
                    match month.month() {
                        1 => "a 累计 starts again in January".to_string(),
                        _ => format!("if none of these projects invested in {month}, leave it"),
                    }
                ),
            )
            .at(f.line, None)
            .in_month(month),
        );
    }
}

/// The finding for a second report of a project and month, at `origin`: a warning where it
/// says what the first says (naming what of it is kept where the first gives nothing), else an
/// error naming what differs, each value beside the first's cell, at the row's cell of the
/// first field that differs. `first` is the first's row (`Duplicate::first`), or, of a row
/// saying what it says, the row of another file it is said beside.
fn second_report(d: &Duplicate, reports: &Reports, origin: &Origin, first: &Origin) -> Finding {
    let id = reports.id(d.id);
    const ONE: &str = "expected one per project and month";
    const BOTH: &str = "a district's and a department's file both giving it? keep it in one";
    if d.same {
        let kept: Vec<String> = [
            (d.kept.status, origin.layout.header_shown(Field::Status)),
            (d.kept.start, origin.layout.header_shown(Field::ActualStart)),
            (
                d.kept.text,
                format!("free text ({})", free_text_headers(&origin.layout)),
            ),
        ]
        .into_iter()
        .filter_map(|(kept, what)| kept.then_some(what))
        .collect();
        let message = match kept.as_slice() {
            [] => format!(
                "a second report for {id} in {}, saying what the first says (at {}): read once \
                 ({ONE}: {BOTH})",
                d.month,
                place(first)
            ),
            // (It says more than the first: what the first gives none of is kept.)
            [.., last] => {
                let what = match &kept[..kept.len() - 1] {
                    [] => last.clone(),
                    init => format!("{} and {last}", init.join(", ")),
                };
                format!(
                    "a second report for {id} in {}, agreeing with the first (at {}): read \
                     once, its {what} kept, as the first gives none ({ONE}: {BOTH})",
                    d.month,
                    place(first)
                )
            }
        };
        return warning(origin, Field::Id, message);
    }
    let differences = d.differences(reports);
    let Some(at) = differences.first() else {
        return error(
            origin,
            Field::Id,
            format!(
                "a second report for {id} in {} (the first is at {}; {ONE})",
                d.month,
                place(first)
            ),
        );
    };
    let said: Vec<String> = differences
        .iter()
        .map(|difference| {
            let field = difference.field;
            // (Named where it is said: another row may have filled in the first's status or
            // start, the first leaving it empty.)
            let given = d.first_given(field, reports);
            let first = given.as_ref().unwrap_or(first);
            let header = match origin.column(field) {
                Some(_) => origin.layout.header_shown(field),
                None => first.layout.header_shown(field),
            };
            let unit = match field {
                Field::MonthInvestment | Field::YtdInvestment => {
                    Layout::in_wan(&[(&origin.layout, field), (&first.layout, field)])
                }
                _ => "",
            };
            // (A value not given: an empty cell, or a column the file does not have.)
            let shown = |value: &Option<String>, at: &Origin| match value {
                Some(v) => format!("{v}{unit}"),
                None if at.column(field).is_some() => "empty".to_string(),
                None => "not given (no column)".to_string(),
            };
            format!(
                "{header} {} here, {} at {}",
                shown(&difference.here, origin),
                shown(&difference.first, first),
                cell(first, field)
            )
        })
        .collect();
    error(
        origin,
        at.field,
        format!(
            "a second report for {id} in {}, differing from the first: {} ({ONE})",
            d.month,
            said.join("; ")
        ),
    )
}

/// The free-text columns (形象进度, 存在问题, 问题类别) a file has, by its headers: "形象进度,
/// 存在问题".
fn free_text_headers(layout: &Layout) -> String {
    [Field::Progress, Field::Problems, Field::ProblemCategory]
        .into_iter()
        .filter(|&f| layout.column(f).is_some())
        .map(|f| layout.header_shown(f))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Where a row is, for a message naming another place: `file:line`, or in a workbook the cell
/// of its id, `金川区.xlsx:A18`, as a finding's place is its cell (the row's line where the
/// file has no id column).
fn place(origin: &Origin) -> String {
    match origin.layout.workbook {
        true => cell(origin, Field::Id),
        false => format!("{}:{}", origin.file(), origin.line),
    }
}

/// Where a field of a row is, as a finding's place is written: `file:line:column`, or in a
/// workbook its cell, `金川区.xlsx:C5`; the row's line where the file has no such column.
fn cell(origin: &Origin, field: Field) -> String {
    let line = origin.line_of(field);
    match (origin.column(field), origin.layout.workbook) {
        (Some(column), true) => format!(
            "{}:{}{line}",
            origin.file(),
            crate::finding::letters(column)
        ),
        (Some(column), false) => format!("{}:{line}:{column}", origin.file()),
        (None, _) => format!("{}:{line}", origin.file()),
    }
}

/// Projects by id and plan year, the first of each kept: each id's projects chained through
/// its years (an id is in a year or two), found by the id's number rather than by hashing.
struct Registry<'a> {
    projects: &'a [Project],
    /// Each id's first project, by index; `NONE` for an id no project has.
    first: Vec<u32>,
    /// Each project's next with its id, in another year; `NONE` at a chain's end.
    next: Vec<u32>,
}

const NONE: u32 = u32::MAX;

impl<'a> Registry<'a> {
    /// The project with `id` in `year`.
    fn get(&self, year: i32, id: IdNo) -> Option<&'a Project> {
        self.chain(id).find(|p| p.year == year)
    }

    fn contains(&self, year: i32, id: IdNo) -> bool {
        self.get(year, id).is_some()
    }

    /// The projects with `id`, one a year, the last listed first.
    fn chain(&self, id: IdNo) -> impl Iterator<Item = &'a Project> + '_ {
        let mut at = self.first.get(id as usize).copied().unwrap_or(NONE);
        std::iter::from_fn(move || {
            let p = self.projects.get(at as usize)?;
            at = self.next[at as usize];
            Some(p)
        })
    }
}

/// A project of a plan year listed twice under two ids: ids of one district written apart only
/// in case, spaces, marks or zeros (`a2` and `A2`, `JC 05` and `JC05`, `007` and `7`), or any
/// two ids with one name, district, total investment and plan (an office's own code beside the
/// 项目代码).
/// Both are counted, so its group's plan and investment twice.
fn listed_twice(data: &Dataset, findings: &mut Vec<Finding>) {
    use crate::model::reports::FxHasher;
    use std::hash::{Hash, Hasher};
    // (Projects are sorted by a hash of what is compared, and only those of one hash compared
    // whole: at 100,000 projects, a few milliseconds, where maps of every id's key took ten
    // times that.)
    let hashed = |hash: &dyn Fn(&mut FxHasher)| {
        let mut h = FxHasher::default();
        hash(&mut h);
        h.finish()
    };
    let sorted = |key: &dyn Fn(&Project) -> Option<u64>| {
        let mut keys: Vec<(i32, u64, usize)> = (data.projects.iter().enumerate())
            .filter(|(_, p)| !p.flawed)
            .filter_map(|(at, p)| Some((p.year, key(p)?, at)))
            .collect();
        keys.sort_unstable();
        keys
    };
    // Each project: 0 compared by what it is; 1 an id twice, an error already; 2 said here.
    let mut state = vec![0u8; data.projects.len()];
    let mut said = |p: &Project, first: &Project, why: &str| {
        // (Never on the list in one month, one taken off as the other is listed: an id changed
        // mid-year, 调出时间 2024-07 on one and 纳入时间 2024-07 on the other, not counted twice.)
        let before = |a: &Project, b: &Project| matches!((a.delisted, b.listed_from), (Some(off), Some(from)) if off <= from);
        if before(p, first) || before(first, p) {
            return;
        }
        // (Removing one, as asked, of an id changed mid-year leaves the other's reports "not in
        // the registry": the new one is listed from the month the old one is taken off.)
        let listed = |p: &Project| p.origin.layout.header_shown(Field::ListedFrom);
        let delisted = |p: &Project| p.origin.layout.header_shown(Field::Delisted);
        // The old one taken off the list, the new one not: the new one's 纳入时间 to give.
        let listed_then = |old: &Project, new: &Project| match (old.delisted, new.delisted) {
            (Some(off), None) => Some(format!(
                "; if {} replaced {}, give {} a {} of {off}, the month {}'s {} says",
                new.id,
                old.id,
                new.id,
                listed(new),
                old.id,
                delisted(old)
            )),
            _ => None,
        };
        // The new one listed from a month, the old one from the year's start: its 调出时间.
        let delisted_then = |old: &Project, new: &Project| match (old.listed_from, new.listed_from)
        {
            (None, Some(from)) => Some(format!(
                "; if {} replaced {}, give {} a {} of {from}, the month {}'s {} says",
                new.id,
                old.id,
                old.id,
                delisted(old),
                new.id,
                listed(new)
            )),
            _ => None,
        };
        let if_replaced = (listed_then(p, first))
            .or_else(|| listed_then(first, p))
            .or_else(|| delisted_then(p, first))
            .or_else(|| delisted_then(first, p))
            .unwrap_or_else(|| {
                format!(
                    "; if one replaced the other mid-year, give the old one a {} and the new \
                     one a {} of the same month",
                    Field::Delisted.label(),
                    Field::ListedFrom.label()
                )
            });
        findings.push(warning(
            &p.origin,
            Field::Id,
            format!(
                "{} may be {} ({}) listed again: {why}; both are counted in the figures \
                 (expected each project once: remove one{if_replaced})",
                p.id,
                first.id,
                place(&first.origin)
            ),
        ));
    };
    let by_id = sorted(&|p| Some(hashed(&|h| id_key_chars(&p.id, |c| c.hash(h)))));
    for run in by_id
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter(|r| r.len() > 1)
    {
        let keys: Vec<String> = run
            .iter()
            .map(|&(.., at)| id_key(&data.projects[at].id))
            .collect();
        // The first project of each key and id, and of each key and district (by its place in
        // the run): one compared with each earlier one of its key took seconds at thousands.
        let mut first_of_id = std::collections::HashMap::<(&str, &str), usize>::new();
        let mut first_in_district = std::collections::HashMap::<(&str, &str), usize>::new();
        for (i, &(.., at)) in run.iter().enumerate() {
            let p = &data.projects[at];
            let key = keys[i].as_str();
            // (The same id twice is an error of its own; ids alike, of projects of other
            // districts, are most likely numbered so.)
            let of_id = *first_of_id.entry((key, &*p.id)).or_insert(i);
            let in_district = *first_in_district.entry((key, &*p.district)).or_insert(i);
            let j = of_id.min(in_district);
            if j == i {
                continue;
            }
            let first = &data.projects[run[j].2];
            if p.id == first.id {
                state[at] = 1;
                continue;
            }
            state[at] = 2;
            said(
                p,
                first,
                "their ids differ only in case, spaces, marks or the zeros of their numbers",
            );
        }
    }
    // (A `Decimal` hashes as it compares: 2000 and 2000.0 alike.)
    fn what(p: &Project) -> (&str, &str, Decimal, Decimal) {
        (&p.name, &p.district, p.total_investment, p.annual_plan)
    }
    let by_what = sorted(&|p| (!p.name.is_empty()).then(|| hashed(&|h| what(p).hash(h))));
    for run in by_what
        .chunk_by(|a, b| (a.0, a.1) == (b.0, b.1))
        .filter(|r| r.len() > 1)
    {
        let run: Vec<usize> = run
            .iter()
            .map(|&(.., at)| at)
            .filter(|&at| state[at] != 1)
            .collect();
        for (i, &at) in run.iter().enumerate().skip(1) {
            let p = &data.projects[at];
            if state[at] != 0 {
                continue;
            }
            let first = run[..i]
                .iter()
                .map(|&j| &data.projects[j])
                .find(|first| what(first) == what(p));
            if let Some(first) = first {
                said(
                    p,
                    first,
                    "they have one name, district, total investment and plan",
                );
            }
        }
    }
}

/// An id as compared for being another written apart: its letters and digits in lower case,
/// each number without its leading zeros, two numbers kept apart (`JC 05`, `jc05` and `JC-5`
/// are all `jc5`; `JC2024-010` is `jc2024-10`).
fn id_key(id: &str) -> String {
    let mut key = String::with_capacity(id.len());
    id_key_chars(id, |c| key.push(c));
    key
}

/// `id_key`, a character at a time.
fn id_key_chars(id: &str, mut push: impl FnMut(char)) {
    // (Two numbers apart stay apart: `1-11` is not `11-1`.)
    let mut after_number = false;
    for word in id
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if after_number && word.starts_with(|c: char| c.is_ascii_digit()) {
            push('-');
        }
        after_number = word.ends_with(|c: char| c.is_ascii_digit());
        // (Zeros leading a number are held back, and dropped where a digit follows.)
        let (mut in_number, mut held_zero) = (false, false);
        for c in word.chars().flat_map(char::to_lowercase) {
            match c {
                '0' if !in_number => {
                    held_zero = true;
                    continue;
                }
                '0'..='9' => in_number = true,
                _ => {
                    if held_zero {
                        push('0');
                    }
                    in_number = false;
                }
            }
            held_zero = false;
            push(c);
        }
        if held_zero {
            push('0');
        }
    }
}

/// A grouping's names, each with its projects and the first of them. Names are held once (or
/// once a reading thread): counted by where they are held, a few hundred names over any number
/// of projects, so one text may be in two entries.
fn names_held(
    data: &Dataset,
    by: crate::compute::GroupBy,
) -> crate::model::reports::FxMap<usize, (&str, usize, usize)> {
    let mut held = crate::model::reports::FxMap::default();
    for (at, p) in data.projects.iter().enumerate() {
        if let Some(name) = by.of(p) {
            held.entry(name.as_ptr() as usize)
                .or_insert((name, 0, at))
                .1 += 1;
        }
    }
    held
}

/// A group named two ways in the registry, apart only in spaces, full-width characters, the
/// case of letters or look-alike marks (`高新区` and `高 新 区`, `XY新区` and `ＸＹ新区`, `ABC集团`
/// and `abc集团`, `金川区—东区` and `金川区-东区`, as `group_key` sets aside), or a district written short or with more words (`东川`,
/// `金城市东川区` beside `东川区`): ranked as two groups. Named at the first project of each way
/// but the most used.
fn groups_written_apart(data: &Dataset, findings: &mut Vec<Finding>) {
    use crate::model::reports::FxMap;
    for &by in <crate::compute::GroupBy as clap::ValueEnum>::value_variants() {
        let Some(field) = Field::from_key(by.key()) else {
            continue;
        };
        // Each name (held once a reading thread, so perhaps in two entries): its projects
        // and the first of them.
        let mut by_name: FxMap<&str, (usize, usize)> = FxMap::default();
        for (name, n, at) in names_held(data, by).into_values() {
            let (count, first) = by_name.entry(name).or_insert((0, at));
            (*count, *first) = (*count + n, (*first).min(at));
        }
        // By the name's key: each way it is written.
        let mut ways: FxMap<u64, Vec<(&str, usize, usize)>> = FxMap::default();
        for (name, (n, at)) in by_name {
            ways.entry(group_key(name)).or_default().push((name, n, at));
        }
        // A district written with its 区, 县, 市 or 旗 and without (`东川区` and `东川`).
        if matches!(by, crate::compute::GroupBy::District) {
            let mut names: Vec<(&str, usize, usize)> = ways.values().flatten().copied().collect();
            names.sort_unstable();
            // (Looked up by name, not compared pair by pair: a registry may have tens of
            // thousands of districts, a village's name in 属地.) The first by name of each.
            let mut by_short: FxMap<&str, &str> = FxMap::default();
            for &(full, ..) in &names {
                if let Some(short) = short_name(full) {
                    by_short.entry(short).or_insert(full);
                }
            }
            let known: std::collections::HashSet<&str> =
                names.iter().map(|&(name, ..)| name).collect();
            for &(short, count, at) in &names {
                let Some(&full) = by_short.get(short) else {
                    continue;
                };
                findings.push(written_apart(
                    data,
                    field,
                    (short, count, at),
                    format!("may be \"{full}\" written short"),
                    "if they are one, write it one way",
                ));
            }
            // A district written with another of 区, 县, 市 or 旗 (`河东县` and `河东区`): a
            // county renamed part way through the year (撤县设区, 撤县设市), a project added since
            // listed under its new name while the others keep the old. Named at the first
            // project of the less used way, with the other's count and first project.
            let mut by_stem: FxMap<&str, Vec<(&str, usize, usize)>> = FxMap::default();
            for &way @ (name, ..) in &names {
                if let Some(stem) = county_stem(name) {
                    by_stem.entry(stem).or_default().push(way);
                }
            }
            // (One of them a 区: a county and a city of one name, 长沙县 and 长沙市, are two
            // places, as many cities have a county named for them.)
            let a_district =
                |w: &Vec<(&str, usize, usize)>| w.iter().any(|(n, ..)| n.ends_with('区'));
            for written in (by_stem.values_mut()).filter(|w| w.len() > 1 && a_district(w)) {
                written.sort_by_key(|&(name, count, _)| (std::cmp::Reverse(count), name));
                let (usual, usual_count, usual_at) = written[0];
                for &way in &written[1..] {
                    let first = place(&data.projects[usual_at].origin);
                    findings.push(written_apart(
                        data,
                        field,
                        way,
                        format!(
                            "may be \"{usual}\" ({usual_count} project{}, the first at {first}) \
                             with another ending (renamed part way through the year, 撤县设区?)",
                            crate::finding::plural(usual_count)
                        ),
                        "if they are one, write it one way",
                    ));
                }
            }
            // A district written with its city or province before it (`金城市金川区`), or as its
            // government (`金川区人民政府`, `金川区管委会`), beside `金川区`.
            for &(long, count, at) in &names {
                let Some(place) = places_within(long)
                    .filter(|&place| known.contains(place) && with_more_words(long, place))
                    .min()
                else {
                    continue;
                };
                findings.push(written_apart(
                    data,
                    field,
                    (long, count, at),
                    format!("may be \"{place}\" written with more words"),
                    "if they are one, write it one way",
                ));
            }
        }
        for written in ways.values_mut() {
            written.sort_by_key(|&(name, count, _)| (std::cmp::Reverse(count), name));
        }
        for written in ways.values().filter(|w| w.len() > 1) {
            let (usual, ..) = written[0];
            for &way in &written[1..] {
                findings.push(written_apart(
                    data,
                    field,
                    way,
                    format!(
                        "is \"{usual}\" written another way ({})",
                        how_apart(usual, way.0)
                    ),
                    "write it one way",
                ));
            }
        }
        // A leader written with a title beside the name (`张明 副市长`, `市委常委 王五`, or
        // joined to it, `张明（副市长）`, `李华副市长`) and without: the title is the name's
        // (`parts_named`), yet two groups when ranked by leader.
        if matches!(by, crate::compute::GroupBy::Leader) {
            let mut titled: Vec<(&str, usize, usize)> = ways.values().flatten().copied().collect();
            titled.sort_unstable();
            for way @ (name, ..) in titled {
                let mut parts = parts_named(name);
                let (Some(part), None) = (parts.next(), parts.next()) else {
                    continue;
                };
                // (A title joined to a name is one only where that name is a leader's too:
                // `王主任` and `张明华` are no one's name with a title.)
                let names = match parts_and_titles(name).any(is_title) {
                    true => vec![part],
                    false => names_before_a_title(part),
                };
                let Some(&(usual, ..)) = (names.iter())
                    .find_map(|&n| ways.get(&group_key(n)))
                    .and_then(|w| w.first())
                else {
                    continue;
                };
                findings.push(written_apart(
                    data,
                    field,
                    way,
                    format!("is \"{usual}\" written with a title"),
                    "write it one way, the title in a column xmtool does not read, such as 备注",
                ));
            }
        }
    }
}

/// A group's name as `groups_written_apart` compares names: its `name_key` in lower case, its
/// look-alike marks as one (`one_look_alike`), so that `ABC集团` and `abc集团`, a name typed again
/// with Caps Lock on, or `金川区—东区` and `金川区-东区`, are one name written two ways (and not
/// one group: which is meant is the registry's to say).
fn group_key(name: &str) -> u64 {
    let name = one_look_alike(name);
    match name.chars().any(char::is_uppercase) {
        true => crate::model::reports::name_key(&name.to_lowercase()),
        false => crate::model::reports::name_key(&name),
    }
}

/// A name with each look-alike mark written as one of its kind: the dashes (`—`, `–`, `－`, `‐`,
/// `−`, `―`, `ー` …) as `-`, the middle dots and points (`•`, `・`, `．`, `.`, `∙` …) as `·`, and
/// brackets of every form (`〔〕`, `【】`, `［］`, `﹙﹚`) as `()`. Typed with one input method or
/// another, they look alike in a cell. (Full-width letters, digits and `（）` are half-width
/// in `name_key` already.)
fn one_look_alike(name: &str) -> std::borrow::Cow<'_, str> {
    let mark = |c: char| match c {
        '\u{2010}'..='\u{2015}'
        | '\u{2212}'
        | '\u{2E3A}'
        | '\u{2E3B}'
        | '\u{30FC}'
        | '\u{FE58}'
        | '\u{FE63}'
        | '\u{FF0D}' => Some('-'),
        '.' | '\u{2022}' | '\u{2024}' | '\u{2027}' | '\u{2219}' | '\u{22C5}' | '\u{30FB}'
        | '\u{FF0E}' | '\u{FF65}' => Some('·'),
        '[' | '〔' | '【' | '〖' | '［' | '﹙' | '（' => Some('('),
        ']' | '〕' | '】' | '〗' | '］' | '﹚' | '）' => Some(')'),
        _ => None,
    };
    match name.chars().any(|c| mark(c).is_some()) {
        true => name.chars().map(|c| mark(c).unwrap_or(c)).collect(),
        false => std::borrow::Cow::Borrowed(name),
    }
}

/// What two names of one `group_key` differ in, as a finding says it.
fn how_apart(usual: &str, other: &str) -> String {
    use crate::model::reports::name_key;
    let (lower, one) = (
        |s: &str| s.to_lowercase(),
        |s: &str| one_look_alike(s).into_owned(),
    );
    // (Apart still with one case, with one way of each mark, with both.)
    let in_marks = name_key(&lower(usual)) != name_key(&lower(other));
    let in_case = name_key(&one(usual)) != name_key(&one(other));
    let in_more = one(&lower(usual)) != one(&lower(other));
    let ways: Vec<&str> = [
        (in_case, "letters in another case"),
        (in_more, "spaces or full-width characters"),
        (in_marks, "look-alike dashes, dots or brackets"),
    ]
    .into_iter()
    .filter_map(|(apart, way)| apart.then_some(way))
    .collect();
    match ways.is_empty() {
        true => "spaces or full-width characters".to_string(),
        false => ways.join(", "),
    }
}

/// How many lines of a file's other rows a finding said once for them names.
const LINES_SHOWN: usize = 5;

/// What a finding said once for a file adds of its other rows so found (`more`, their lines):
/// `; so too 2 more rows of this file{what} (lines 7, 9)`, the first `LINES_SHOWN` named.
fn more_rows(more: &[u64], what: &str) -> String {
    let n = more.len();
    if n == 0 {
        return String::new();
    }
    let mut lines: Vec<String> = more.iter().take(LINES_SHOWN).map(u64::to_string).collect();
    if n > LINES_SHOWN {
        lines.push("…".into());
    }
    format!(
        "; so too {n} more row{} of this file{what} (line{} {})",
        crate::finding::plural(n),
        crate::finding::plural(n),
        lines.join(", ")
    )
}

/// Report rows whose 所属县区 is not their project's district in the registry (of the row's
/// year; not a row of a year the registry does not list, nor one whose project has no district):
/// a neighbour's rows in a district's file, or a project moved.
/// Their figures count for the registry's district. One warning a file and pair of districts,
/// at its first row, with the lines of the others; a district written short or with more
/// words (`东川` for `东川区`) is that district.
fn misplaced_rows(
    reports: &crate::model::reports::Reports,
    registry: &Registry,
    findings: &mut Vec<Finding>,
) {
    use crate::model::reports::FxMap;
    // (Each file and pair of districts, in the order first found: the first row and project,
    // and the other rows' lines.)
    let mut groups: Vec<(Origin, &Project, String, Vec<u64>)> = Vec::new();
    let mut group_of: FxMap<(u32, u64, &str), usize> = FxMap::default();
    // (Whether a district as written is the registry's, once each pair: a folder writing every
    // row's district short, `金川`, has each row here.)
    let mut elsewhere: FxMap<(u64, &str), bool> = FxMap::default();
    for m in reports.misplaced() {
        // (Not a row of a year the registry does not list: last year's, kept for 同比, may
        // name a district since renamed.)
        let Some(project) = registry.get(m.month.year(), m.id) else {
            continue;
        };
        let written = reports.district_text(m.key);
        let place = &*project.district;
        let other = *elsewhere.entry((m.key, place)).or_insert_with(|| {
            !written.is_empty() && !place.trim().is_empty() && !one_place(written, place)
        });
        if !other {
            continue;
        }
        let origin = m.origin(reports);
        match group_of.entry((m.file_no(), m.key, &*project.district)) {
            std::collections::hash_map::Entry::Occupied(at) => {
                groups[*at.get()].3.push(origin.line);
            }
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(groups.len());
                // (As its key reads it, spaces set aside: the text is the first of the file's
                // rows written with that key, which may be spaced otherwise than this one.)
                let written = crate::load::value::without_spaces(written);
                groups.push((origin, project, written, Vec::new()));
            }
        }
    }
    for (origin, project, written, more) in groups {
        let header = origin.layout.header_shown(Field::District);
        let district = &project.district;
        let others = more_rows(&more, &format!(", of {district}'s projects"));
        findings.push(warning(
            &origin,
            Field::District,
            format!(
                "{header} \"{written}\" is not the registry's district of {} \"{}\" ({district}, {}){others}: \
                 the figures count for {district}, as the registry says (another district's rows \
                 in this file? or a project that moved, to change in the registry)",
                project.id,
                project.name,
                place(&project.origin)
            ),
        ));
    }
}

/// Report rows whose own 年度计划投资 is not their project's in the registry (of the row's
/// year; not a row of a year the registry does not list, nor a project whose plan could not be
/// read): a district reporting against last year's plan, or a typo. The registry's is the plan
/// the bulletin judges by, so a warning, not an error: one a file, at its first such row, with
/// the lines of a few others (a form keeping an old plan differs in most of its rows).
fn replanned_rows(
    reports: &crate::model::reports::Reports,
    registry: &Registry,
    findings: &mut Vec<Finding>,
) {
    use crate::model::reports::{FxMap, same_plan};
    // (Each file, in the order first found: its first row, its plan and project, and the other
    // rows' lines.)
    let mut files: Vec<(Origin, Decimal, &Project, Vec<u64>)> = Vec::new();
    let mut file_of: FxMap<u32, usize> = FxMap::default();
    for r in reports.replanned() {
        let Some(project) = registry.get(r.month.year(), r.id) else {
            continue;
        };
        let scale = r.origin(reports).layout.scale(Field::AnnualPlan);
        if project.flawed || same_plan(r.plan, project.annual_plan, scale) {
            continue;
        }
        match file_of.entry(r.file_no()) {
            std::collections::hash_map::Entry::Occupied(at) => {
                files[*at.get()].3.push(r.origin(reports).line);
            }
            std::collections::hash_map::Entry::Vacant(at) => {
                at.insert(files.len());
                files.push((r.origin(reports), r.plan, project, Vec::new()));
            }
        }
    }
    for (origin, plan, project, more) in files {
        let header = origin.layout.header_shown(Field::AnnualPlan);
        let unit = Layout::in_wan(&[
            (&origin.layout, Field::AnnualPlan),
            (&project.origin.layout, Field::AnnualPlan),
        ]);
        let others = more_rows(&more, "");
        // (In a column of another unit, the plan as written beside its header, then in 万元.)
        let plan = match origin.layout.scale(Field::AnnualPlan) {
            Some(scale) => format!(
                "{} ({plan}{unit})",
                crate::model::reports::as_written(plan, scale)
            ),
            None => format!("{plan}{unit}"),
        };
        findings.push(warning(
            &origin,
            Field::AnnualPlan,
            format!(
                "{header} {plan} for {} is not the registry's {}{unit} ({}){others}: the \
                 bulletin judges by the registry's plan (an old plan, or a typo? expected the \
                 registry's figure, or the registry changed if the plan was adjusted)",
                project.id,
                project.annual_plan,
                place(&project.origin)
            ),
        ));
    }
}

/// Report rows, in a file without a 所属县区 column but named for a district of the registry
/// (`reports/2024-06/金川区.xlsx`, `reports/金川区/6月.csv`), whose project is another
/// district's: a neighbour's rows sent in this district's file, or a project moved. Their figures
/// count for the registry's district. One warning a file, at its first such row, with the lines
/// of a few others.
fn rows_of_other_districts(
    data: &Dataset,
    registry: &Registry,
    timelines: &[crate::model::reports::Timeline],
    findings: &mut Vec<Finding>,
) {
    use crate::model::reports::FxMap;
    // The registry's districts, each once.
    let mut districts: Vec<&str> = (names_held(data, crate::compute::GroupBy::District))
        .into_values()
        .map(|(district, ..)| district)
        .filter(|d| !d.trim().is_empty())
        .collect();
    districts.sort_unstable();
    districts.dedup();
    let districts = DistrictNames::new(&districts);
    // Each report file's district, where its path names one alone.
    let named: FxMap<&str, &str> = (data.sources.iter())
        .filter(|s| s.role == crate::load::Role::Report)
        .filter_map(|s| Some((&*s.path, district_named(&s.path, &districts)?)))
        .collect();
    if named.is_empty() {
        return;
    }
    // By file: its district, and the rows of other districts' projects; and how many rows are
    // of its own district's (a file most of whose rows are others' is no district's own).
    type Rows<'a> = Vec<(Origin, &'a Project)>;
    let mut elsewhere: FxMap<&str, (&str, Rows)> = FxMap::default();
    let mut own: FxMap<&str, usize> = FxMap::default();
    let mut same: FxMap<(&str, usize), bool> = FxMap::default();
    for t in timelines {
        let (Some(id), Some(year)) = (t.id(), t.year()) else {
            continue;
        };
        let Some(project) = registry.get(year, id) else {
            continue;
        };
        for r in t.iter() {
            let Some(&district) = named.get(r.file()) else {
                continue;
            };
            if r.layout().column(Field::District).is_some() {
                continue;
            }
            let place = &*project.district;
            let one = *same
                .entry((district, place.as_ptr() as usize))
                .or_insert_with(|| place.trim().is_empty() || one_place(district, place));
            match one {
                true => *own.entry(r.file()).or_default() += 1,
                false => (elsewhere
                    .entry(r.file())
                    .or_insert((district, Vec::new()))
                    .1)
                    .push((r.origin(), project)),
            }
        }
    }
    let mut files: Vec<_> = (elsewhere.into_iter())
        .filter(|(file, (_, rows))| own.get(file).is_some_and(|&n| n >= rows.len()))
        .collect();
    files.sort_unstable_by_key(|&(file, _)| file);
    for (_, (district, mut rows)) in files {
        rows.sort_unstable_by(|(a, p), (b, q)| (a.line, &p.id).cmp(&(b.line, &q.id)));
        let (origin, first) = &rows[0];
        let n = rows.len();
        let others = match n {
            1 => String::new(),
            _ => {
                let mut lines: Vec<String> = (rows[1..].iter().take(LINES_SHOWN))
                    .map(|(origin, p)| format!("{} ({})", origin.line, p.district))
                    .collect();
                if n - 1 > LINES_SHOWN {
                    lines.push("…".into());
                }
                format!(
                    "; so too line{} {}",
                    crate::finding::plural(n - 1),
                    lines.join(", ")
                )
            }
        };
        findings.push(warning(
            origin,
            Field::Id,
            format!(
                "{n} row{} of this file, named for {district}, {} of another district's \
                 project{}: {} \"{}\" is {}'s ({}){others}; the figures count for the \
                 registry's district (another district's rows sent in this file? or a project \
                 that moved, to change in the registry)",
                crate::finding::plural(n),
                if n == 1 { "is" } else { "are" },
                crate::finding::plural(n),
                first.id,
                first.name,
                first.district,
                place(&first.origin),
            ),
        ));
    }
}

/// The district of `districts` a report file's path names alone: a folder below `reports/` or
/// the file's own name that, past a date before it (`2024年6月`, `2024-06_`), begins with a
/// district's name (`金川区.xlsx`, `金川区6月报表.csv`, `reports/金川区/6月.csv`), or is it
/// written short with nothing but a date or marks after it (`金川.csv`, `金川-06.csv`, for
/// 金川区). A name that begins with two (`金川区` where the registry has 金川区 and 金川) is
/// the longer one's; `None` where no part of the path names one, or two parts name two.
fn district_named<'d>(path: &str, districts: &DistrictNames<'d>) -> Option<&'d str> {
    let path = crate::load::value::without_spaces(path);
    let path = path.strip_prefix("reports/").unwrap_or(&path);
    let stem = |part: &'_ str| -> String {
        let part = part.rsplit_once('.').map_or(part, |(stem, _)| stem);
        let dated = |c: char| c.is_ascii_digit() || "年月份日号-_.~/ ".contains(c);
        part.trim_start_matches(dated).to_string()
    };
    let mut named: Option<&str> = None;
    for part in path.split('/') {
        let part = stem(part);
        let full = (districts.prefixes(&part))
            .filter_map(|start| districts.full.get(start).copied())
            .last();
        let short = || {
            let dated = |c: char| !c.is_alphabetic() || "年月份日号期".contains(c);
            let mut short = (districts.prefixes(&part))
                .filter(|start| part[start.len()..].chars().all(dated))
                .filter_map(|start| districts.short.get(start))
                .flatten();
            // (One district alone: 金川 is no one place where the registry has 金川区 and 金川县.)
            match (short.next(), short.next()) {
                (Some(&d), None) => Some(d),
                _ => None,
            }
        };
        let Some(district) = full.or_else(short) else {
            continue;
        };
        // (A name of two districts, `金川区、龙首区.csv` or `金川区龙首区汇总.csv`, is no one's.)
        let rest = part.strip_prefix(district).unwrap_or("");
        let another = |name: &str| {
            districts.full.get(name).is_some_and(|&d| d != district)
                || (districts.short.get(name)).is_some_and(|ds| ds.iter().any(|&d| d != district))
        };
        if (rest.char_indices()).any(|(at, _)| districts.prefixes(&rest[at..]).any(another)) {
            return None;
        }
        match named {
            Some(before) if before != district => return None,
            _ => named = Some(district),
        }
    }
    named
}

/// The registry's districts, looked up by name and by name written short (`short_name`): a
/// report file's path is weighed against thousands of districts at once.
struct DistrictNames<'d> {
    full: std::collections::HashSet<&'d str>,
    /// Each short name's districts (金川 of 金川区 and 金川县).
    short: std::collections::HashMap<&'d str, Vec<&'d str>>,
    /// The most characters of any name, full or short.
    longest: usize,
}

impl<'d> DistrictNames<'d> {
    fn new(districts: &[&'d str]) -> DistrictNames<'d> {
        let mut short = std::collections::HashMap::<_, Vec<_>>::new();
        for &d in districts {
            if let Some(s) = short_name(d) {
                short.entry(s).or_default().push(d);
            }
        }
        DistrictNames {
            full: districts.iter().copied().collect(),
            short,
            longest: (districts.iter())
                .map(|d| d.chars().count())
                .max()
                .unwrap_or(0),
        }
    }

    /// The beginnings of `text` as long as a name may be, shortest first.
    fn prefixes<'t>(&self, text: &'t str) -> impl Iterator<Item = &'t str> {
        (text.char_indices().skip(1).map(|(at, _)| at))
            .chain([text.len()])
            .take(self.longest)
            .filter(|&end| end > 0)
            .map(move |end| &text[..end])
    }
}

/// The words a district's name ends with: a city's or a county's (区, 县, 市, 旗), or a town's
/// where a county's districts are its towns (乡, 镇, 街道).
const PLACE_ENDS: [&str; 7] = ["区", "县", "市", "旗", "乡", "镇", "街道"];

/// The words that end the name of a place a district is within, written before it
/// (`金城市金川区`).
const WITHIN_ENDS: [char; 4] = ['省', '市', '州', '盟'];

/// The words that end the name of a place a town (乡, 镇, 街道) is within besides
/// `WITHIN_ENDS` (`青山县城关镇`); not a district's (`金川区龙首区` is two).
const TOWN_WITHIN_ENDS: [char; 2] = ['县', '区'];

/// Whether a place is a town: its name ends with 乡, 镇 or 街道.
fn is_town(place: &str) -> bool {
    place.ends_with(['乡', '镇']) || place.ends_with("街道")
}

/// A district's name without its 区, 县, 市, 旗, 乡, 镇 or 街道, where two characters or more are
/// left (`金川` of 金川区, `城关` of 城关镇).
fn short_name(district: &str) -> Option<&str> {
    PLACE_ENDS
        .iter()
        .find_map(|end| district.strip_suffix(end))
        .filter(|s| s.chars().count() >= 2)
}

/// A county's or a city's district without its 区, 县, 市 or 旗 (`河东` of `河东县` and of
/// `河东区`), of two characters or more: one name with another of these endings may be the
/// place renamed (撤县设区). (Not a town's 乡, 镇 or 街道: `城关镇` and `城关乡` are two places.)
fn county_stem(district: &str) -> Option<&str> {
    ["区", "县", "市", "旗"]
        .iter()
        .find_map(|end| district.strip_suffix(end))
        .filter(|s| s.chars().count() >= 2)
}

/// Whether `short` is the district `full` written without its 区, 县, 市 … (`PLACE_ENDS`;
/// `东川` for `东川区`; of two characters or more: 市 and 市区 are no one place).
fn written_short(short: &str, full: &str) -> bool {
    short_name(full) == Some(short)
}

/// The words after a district's name that make it its government's (`金川区人民政府`), looked
/// for in this order.
const GOVERNMENT: [&str; 4] = ["人民政府", "政府", "管委会", "管理委员会"];

/// Whether `long` is the district `place` written with its city or province before it
/// (`金城市金川区`; a town with its county or district too, `青山县城关镇`), as its government
/// (`金川区人民政府`, `河西乡人民政府`), or both.
fn with_more_words(long: &str, place: &str) -> bool {
    let government = GOVERNMENT
        .iter()
        .find_map(|g| long.strip_suffix(g))
        .filter(|rest| rest.ends_with(place));
    let (rest, governed) = match government {
        Some(rest) => (rest, true),
        None => (long, false),
    };
    place.chars().count() >= 2
        && PLACE_ENDS.iter().any(|end| place.ends_with(end))
        && (governed && rest == place
            || rest.strip_suffix(place).is_some_and(|city| {
                city.chars().count() >= 2
                    && (city.ends_with(WITHIN_ENDS)
                        || is_town(place) && city.ends_with(TOWN_WITHIN_ENDS))
            }))
}

/// The places `with_more_words` may find `long` to be written with more words: the rest of it
/// after a city, province or county (`金川区` of `金城市金川区`), and without a government's
/// words (`金川区` of `金川区人民政府`), each looked at no further than its first 64 characters.
fn places_within(long: &str) -> impl Iterator<Item = &str> {
    let government = GOVERNMENT.iter().find_map(|g| long.strip_suffix(g));
    fn after_cities(text: &str) -> impl Iterator<Item = &str> {
        text.char_indices()
            .take(64)
            .filter(|&(_, c)| WITHIN_ENDS.contains(&c) || TOWN_WITHIN_ENDS.contains(&c))
            .map(|(i, c)| &text[i + c.len_utf8()..])
    }
    let mut places: Vec<&str> = after_cities(long).collect();
    if let Some(rest) = government {
        places.push(rest);
        places.extend(after_cities(rest));
    }
    places.into_iter()
}

/// Whether two ways of writing a district are one place, as `groups_written_apart` warns
/// (apart only in spaces or full-width characters, written short or with more words).
fn one_place(a: &str, b: &str) -> bool {
    use crate::load::value::without_spaces;
    let (a, b) = (&*without_spaces(a), &*without_spaces(b));
    a == b
        || written_short(a, b)
        || written_short(b, a)
        || with_more_words(a, b)
        || with_more_words(b, a)
}

/// The warning on a group's name (with its projects and the first of them) that is another
/// written apart from it, as `said`: named at that first project.
fn written_apart(
    data: &Dataset,
    field: Field,
    (name, count, at): (&str, usize, usize),
    said: String,
    fix: &str,
) -> Finding {
    let first = &data.projects[at];
    let header = first.origin.layout.header_shown(field);
    warning(
        &first.origin,
        field,
        format!(
            "{header} \"{name}\" ({count} project{}) {said}: they are two groups in the rankings \
             ({fix})",
            crate::finding::plural(count)
        ),
    )
}

/// A registry file without 建设性质 beside one of the same plan year with it (a file per
/// district, one made from another template): its projects count as those with the cell empty
/// do, which the registry's other files would have warned of; said once for the file.
fn nature_missing_in_a_file(data: &Dataset, findings: &mut Vec<Finding>) {
    let planned = || data.projects.iter().filter(|p| p.year == data.plan_year);
    let Some(with) = planned().find(|p| p.origin.column(Field::Nature).is_some()) else {
        return;
    };
    // (Each file once, in the order first met, found by its layout's place: thousands of files.)
    let mut without: Vec<(&Arc<Layout>, usize)> = Vec::new();
    let mut at = std::collections::HashMap::new();
    for p in planned().filter(|p| p.origin.column(Field::Nature).is_none()) {
        let i = *at.entry(Arc::as_ptr(&p.origin.layout)).or_insert_with(|| {
            without.push((&p.origin.layout, 0));
            without.len() - 1
        });
        without[i].1 += 1;
    }
    for (layout, n) in without {
        findings.push(Finding::warning(
            &layout.file,
            format!(
                "has no 建设性质 column, which {} has: its {n} project{} of {} count{} as \
                 neither new starts nor continuing, so as started only once a report says so, \
                 in no 新开工 figure, and {} not judged on {} start (expected a column 建设性质 \
                 of 新建, 续建, 改扩建 or 预备)",
                with.origin.file(),
                crate::finding::plural(n),
                data.plan_year,
                if n == 1 { "s" } else { "" },
                if n == 1 { "is" } else { "are" },
                if n == 1 { "its" } else { "their" }
            ),
        ));
    }
}

/// Whether a report file, or a folder it is in, is named for a range of months from January to
/// `month` (`reports/2024年1-2月.csv`, `reports/2024年1-2月/东区.csv`, `reports/2024年/1-2月.csv`,
/// `reports/2024-02/东区1-2月.csv`) or for January and February listed
/// (`reports/2024-02/东区1、2月.csv`): January's and February's figures reported together, its
/// 本月 theirs.
fn named_from_january(file: &str, month: YearMonth) -> bool {
    use crate::load::value;
    let name = |part: &str| {
        part.rsplit_once('.')
            .map_or(part, |(stem, _)| stem)
            .to_string()
    };
    file.split('/').any(|part| {
        let part = name(part);
        let of_another_year = value::one_year_in(&part, false).is_some_and(|y| y != month.year())
            || value::range_months(&part).is_some_and(|(first, _)| first.year() != month.year());
        let months = value::months_of_no_year_listed(&part);
        !of_another_year
            && (value::months_of_range_in_name(&part) == Some((1, month.month()))
                || months.is_some_and(|m| {
                    // (Each month from January: `1、3月` is no two months' together.)
                    m.first() == Some(&1)
                        && m.last() == Some(&month.month())
                        && m.len() == month.month() as usize
                }))
    })
}

/// Cells of 所属县区, 责任单位 or 包抓领导 that name several groups of the registry (`甲区、乙区`
/// where 甲区 and 乙区 are districts of other projects; `张三、李四` where 张三 leads projects of
/// his own): each such cell is a group of its own in the rankings, not a part of each group it
/// names. (A cell whose parts are no group elsewhere, `市发改委/市粮食局` or `王五（市委常委、
/// 副市长）`, is one name.) One finding a column, at its first such project: a warning for the
/// district (every bulletin ranks by it), a note for the others (ranked by them only when
/// asked).
fn groups_of_several(data: &Dataset, findings: &mut Vec<Finding>) {
    use crate::compute::GroupBy;
    use crate::model::reports::FxMap;
    const SHOWN: usize = 3;
    for by in [GroupBy::District, GroupBy::Department, GroupBy::Leader] {
        let Some(field) = Field::from_key(by.key()) else {
            continue;
        };
        // (By their text: a name is held once a reading thread.)
        let held = names_held(data, by);
        if !held
            .values()
            .any(|(name, ..)| parts_named(name).nth(1).is_some())
        {
            continue;
        }
        let mut names: FxMap<&str, (usize, usize)> = FxMap::default();
        for (name, n, at) in held.into_values() {
            let (count, first) = names.entry(name).or_insert((0, at));
            (*count, *first) = (*count + n, (*first).min(at));
        }
        let mut several: Vec<(&str, usize, usize)> = (names.iter())
            .filter(|(name, _)| {
                let mut parts = parts_named(name);
                parts.clone().nth(1).is_some() && parts.any(|part| names.contains_key(part))
            })
            .map(|(&name, &(n, first))| (name, n, first))
            .collect();
        if several.is_empty() {
            continue;
        }
        several.sort_by_key(|&(name, _, first)| (first, name));
        let projects: usize = several.iter().map(|&(_, n, _)| n).sum();
        let (name, _, first) = several[0];
        let origin = &data.projects[first].origin;
        let header = origin.layout.header_shown(field);
        let mut others: Vec<String> = (several[1..].iter().take(SHOWN))
            .map(|(name, ..)| format!("\"{name}\""))
            .collect();
        if several.len() > SHOWN + 1 {
            others.push("…".into());
        }
        let others = match others.is_empty() {
            true => String::new(),
            false => format!("; so do {}", others.join(", ")),
        };
        let ranked = match by {
            GroupBy::District => "in the rankings".to_string(),
            _ => format!("when ranked by it (--by {})", by.key()),
        };
        let message = format!(
            "{header} \"{name}\" names several{others} ({projects} project{} in all): such a \
             cell is a group of its own {ranked}, not a part of each one it names (give the one \
             whose figures they are, and the others in a column xmtool does not read, such as \
             备注)",
            crate::finding::plural(projects),
        );
        findings.push(match by {
            GroupBy::District => warning(origin, field, message),
            _ => {
                let (file, line, column) = at(origin, field);
                Finding::note(file, message).at(line, column)
            }
        });
    }
}

/// The names a name cell lists, apart by `、`, a comma, a semicolon, a slash, a space or a line
/// break outside brackets (`王五（市委常委、副市长）` is one), trimmed, empty ones and titles
/// (`张明 副市长`: a leader's title after the name, `is_title`) left out.
/// (`张三 李四` and `张三` Alt+Enter `李四` list two as `张三、李四` does: a cell whose parts are
/// no group elsewhere, `张　三` spaced to line up with longer names, is still one name.)
fn parts_named(name: &str) -> impl Iterator<Item = &str> + Clone {
    parts_and_titles(name).filter(|p| !is_title(p))
}

/// The parts of a name cell as `parts_named` splits it, titles among them.
fn parts_and_titles(name: &str) -> impl Iterator<Item = &str> + Clone {
    let mut depth = 0u32;
    name.split(move |c: char| {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ => {}
        }
        depth == 0
            && (matches!(c, '、' | ',' | '，' | ';' | '；' | '/' | '／') || c.is_whitespace())
    })
    .map(str::trim)
    .filter(|p| !p.is_empty())
}

/// The names a part of a name cell may be with a title joined to it: before a title in brackets
/// (`张明（副市长）`, `王五(市委常委、副市长)`), or before a title written on (`李华副市长`: `李华`,
/// a name of two to four characters). None for a part with no title so joined.
fn names_before_a_title(part: &str) -> Vec<&str> {
    if let Some(inner) = part.strip_suffix([')', '）'])
        && let Some(open) = inner.rfind(['(', '（'])
    {
        let name = inner[..open].trim();
        let bracketed = &inner[open..];
        let all_titles = bracketed[bracketed.chars().next().map_or(0, char::len_utf8)..]
            .split(['、', ',', '，', '/', '／'])
            .map(str::trim)
            .all(|t| !t.is_empty() && is_title(t));
        return match all_titles && !name.is_empty() && !name.contains(['(', '（']) {
            true => vec![name],
            false => Vec::new(),
        };
    }
    (part.char_indices().skip(2).take(3))
        .filter(|&(at, _)| is_title(&part[at..]))
        .map(|(at, _)| &part[..at])
        .collect()
}

/// Whether a part of a name cell is an official's title (`副市长`, `市长`, `常务副县长`, `市委
/// 书记`, `主任`, `局长`, `市人大常委会主任`), written after a leader's name (`张明 副市长`): the
/// name's, no name of its own. A title is one of `TITLES`, after any of `BEFORE` (what office or
/// rank it is of).
fn is_title(part: &str) -> bool {
    const TITLES: [&str; 39] = [
        "书记",
        "常委",
        "主任",
        "主席",
        "秘书长",
        "专员",
        "调研员",
        "巡视员",
        "助理",
        "经理",
        "总经理",
        "董事长",
        "指挥长",
        "组长",
        "省长",
        "市长",
        "州长",
        "盟长",
        "县长",
        "区长",
        "旗长",
        "镇长",
        "乡长",
        "厅长",
        "局长",
        "部长",
        "处长",
        "科长",
        "院长",
        "校长",
        "行长",
        "所长",
        "站长",
        "委员",
        "市长助理",
        "县长助理",
        "区长助理",
        "主任委员",
        "党组成员",
    ];
    const BEFORE: [&str; 27] = [
        "人大常委会",
        "管委会",
        "党工委",
        "市政府",
        "县政府",
        "区政府",
        "市政协",
        "县政协",
        "区政协",
        "市人大",
        "县人大",
        "区人大",
        "市委",
        "县委",
        "区委",
        "州委",
        "省委",
        "党委",
        "党组",
        "政协",
        "人大",
        "常务",
        "执行",
        "副",
        "市",
        "县",
        "区",
    ];
    let mut rest = part;
    loop {
        if TITLES.contains(&rest) {
            return true;
        }
        match BEFORE.iter().find_map(|b| rest.strip_prefix(b)) {
            Some(after) if !after.is_empty() => rest = after,
            _ => return false,
        }
    }
}

/// The registry's checks but those of `run` (groups written apart or naming several, projects
/// listed twice), and the registry made for the reports' checks.
fn registry_checks<'a>(data: &'a Dataset, findings: &mut Vec<Finding>) -> Registry<'a> {
    nature_missing_in_a_file(data, findings);
    let ids = data.projects.iter().map(|p| p.id_no as usize + 1).max();
    let mut registry = Registry {
        projects: &data.projects,
        first: vec![NONE; ids.unwrap_or(0)],
        next: vec![NONE; data.projects.len()],
    };
    // Ids listed again in another file, by the file, the first one's and the year: how many,
    // and the first row.
    let mut again: BTreeMap<(&str, &str, i32), (Vec<IdNo>, &Origin)> = BTreeMap::new();
    // Each file's rows of each year.
    let mut rows: BTreeMap<(&str, i32), usize> = BTreeMap::new();
    for (at, p) in data.projects.iter().enumerate() {
        *rows.entry((p.origin.file(), p.year)).or_default() += 1;
        if let Some(first) = registry.get(p.year, p.id_no) {
            if p.origin.file() != first.origin.file() {
                let seen = again.entry((p.origin.file(), first.origin.file(), p.year));
                seen.or_insert((Vec::new(), &p.origin)).0.push(p.id_no);
            }
            findings.push(error(
                &p.origin,
                Field::Id,
                format!(
                    "{} {} appears twice in the {} registry (first at {}; expected each \
                     project once per plan year)",
                    p.origin.layout.header_shown(Field::Id),
                    p.id,
                    p.year,
                    place(&first.origin)
                ),
            ));
            continue;
        }
        // Put at the head of its id's chain. (A registry of 4 billion projects would not fit
        // in memory.)
        let first = &mut registry.first[p.id_no as usize];
        registry.next[at] = *first;
        *first = u32::try_from(at).unwrap_or(NONE);

        // Listed from after its plan year: on no list of that year, and in no figure.
        if let Some(from) = p.listed_from.filter(|f| f.year() > p.year) {
            let header = p.origin.layout.header_shown(Field::ListedFrom);
            findings.push(warning(
                &p.origin,
                Field::ListedFrom,
                format!(
                    "{header} {from} is after the plan year {}: {} is on no list of {} and in \
                     none of its figures (expected a month of {})",
                    p.year, p.id, p.year, p.year
                ),
            ));
        }
        // Taken off the list (调出时间) by the first month it is on it: on no list either.
        let first_listed = YearMonth::new(p.year, 1)
            .max(p.listed_from)
            .filter(|first| first.year() == p.year);
        if let (Some(off), Some(first)) = (p.delisted, first_listed)
            && off <= first
        {
            let header = p.origin.layout.header_shown(Field::Delisted);
            let since = match p.listed_from.filter(|from| *from == first) {
                Some(from) => {
                    let h = p.origin.layout.header_shown(Field::ListedFrom);
                    format!("its {h} {from}")
                }
                None => format!("the plan year {}'s first month", p.year),
            };
            findings.push(warning(
                &p.origin,
                Field::Delisted,
                format!(
                    "{header} {off} is not after {since}: {} is on no list of {} and in none \
                     of its figures (expected the month it left the list, after {first})",
                    p.id, p.year
                ),
            ));
        }
        // An empty 建设性质 where the registry has the column: it decides 开工率. (Of the plan
        // year's projects: last year's are read for 同比 alone.)
        if p.nature.is_none()
            && p.year == data.plan_year
            && !p.nature_unread()
            && p.origin.column(Field::Nature).is_some()
        {
            let header = p.origin.layout.header_shown(Field::Nature);
            findings.push(warning(
                &p.origin,
                Field::Nature,
                format!(
                    "{header} is empty: {} counts as neither a new start nor continuing, so as \
                     started only once a report says so, in no 新开工 figure, and is not judged \
                     on its start (expected 新建, 续建, 改扩建 or 预备)",
                    p.id
                ),
            ));
        }
        if p.is_new_start() && p.planned_start.is_none() && !p.start_unread() {
            let layout = &p.origin.layout;
            let header = layout.header_shown(Field::PlannedStart);
            // Without the column, a start column xmtool does not read (开工时间, not 实际开工时间)
            // is named.
            let unread = layout.headers.iter().enumerate().find(|&(i, h)| {
                h.contains("开工")
                    && !h.contains("实际")
                    && ["时间", "日期", "年月"].iter().any(|w| h.contains(w))
                    && !layout.columns.iter().any(|&(_, c)| c == i + 1)
            });
            let id = &p.id;
            let message = match (layout.column(Field::PlannedStart), unread) {
                (Some(_), _) => format!(
                    "{header} is missing for the new start {id} (新建 projects need a planned \
                     start month, e.g. 2024-03)"
                ),
                (None, unread) => format!(
                    "the new start {id} has no planned start: the registry has no {header} column \
                     (新建 projects need one, e.g. 2024-03{})",
                    unread.map_or(String::new(), |(i, h)| format!(
                        "; column {} \"{h}\" is not read as one: name it {header}, or add it \
                         under [aliases] planned_start in xmtool.toml",
                        i + 1
                    ))
                ),
            };
            findings.push(error(&p.origin, Field::PlannedStart, message));
        }
        if p.nature == Some(crate::model::Nature::Continuing)
            && let Some(start) = p.planned_start
            && start.year() >= p.year
        {
            findings.push(warning(
                &p.origin,
                Field::PlannedStart,
                format!(
                    "{} is continuing (续建) but its planned start {start} is in its plan year {} \
                     (expected 新建, or a start in an earlier year)",
                    p.id, p.year
                ),
            ));
        }
        // A new start planned to start before its plan year: started then, so continuing, or
        // a year mistyped. (A start said loosely, 2023年四季度, is read as its last month: the
        // whole of it is before the plan year.) Of the plan year's projects: last year's are
        // read for 同比 alone.
        if p.is_new_start()
            && p.year == data.plan_year
            && let Some(start) = p.planned_start
            && start.year() < p.year
        {
            let header = p.origin.layout.header_shown(Field::PlannedStart);
            findings.push(warning(
                &p.origin,
                Field::PlannedStart,
                format!(
                    "{} is a new start (新建) but its {header} {start} is before its plan year \
                     {}: {}",
                    p.id,
                    p.year,
                    counts_as_started(data, p, true)
                ),
            ));
        }
        // So too one given as a whole year before it (2023年), too loose to be read, and an
        // error as such: a year mistyped, or a project started then.
        if p.is_new_start()
            && p.year == data.plan_year
            && let Some(start) = p.start_whole_year
            && start.year() < p.year
        {
            let header = p.origin.layout.header_shown(Field::PlannedStart);
            findings.push(warning(
                &p.origin,
                Field::PlannedStart,
                format!(
                    "{} is a new start (新建) but its {header}, the whole year {}, is before its \
                     plan year {}: {}",
                    p.id,
                    start.year(),
                    p.year,
                    counts_as_started(data, p, false)
                ),
            ));
        }
    }
    // A file listing many of another's projects again: one kept twice, or a revised registry
    // beside the first, said once for the file besides each id.
    // (Of its projects, two or more, and half its rows or more: not a stray row or two.)
    // (Where one of the two gives no year of its own, it may be another year's registry, of
    // the same projects continuing: moved out, that year's would be lost. Its example year is
    // the latest reports', where they are of another, else the next.)
    let latest = data.reports.latest_month(None).map(|m| m.year());
    for ((file, other, year), (mut ids, origin)) in again {
        ids.sort_unstable();
        ids.dedup();
        let n = ids.len();
        if n >= 2 && 2 * n >= rows.get(&(file, year)).copied().unwrap_or(0) {
            let keep = "keep the one that is right, and move the other out of the data folder";
            let yearless = [file, other]
                .into_iter()
                .find(|f| data.yearless.iter().any(|y| y == f));
            let advice = match yearless {
                Some(f) => {
                    let example = latest.filter(|&y| y != year).unwrap_or(year + 1);
                    format!(
                        "{keep}; or, if {f} is another year's registry (it gives no year: no \
                         计划年度, and none in its name or title), name it for its year \
                         ({} for {example}'s)",
                        crate::load::named_for_year(f, example)
                    )
                }
                None => keep.to_string(),
            };
            findings.push(
                Finding::error(
                    file,
                    format!(
                        "lists {n} projects of {year} that {other} lists too (a registry kept \
                         twice, or a revised one beside the first, 调整后? {advice})"
                    ),
                )
                .at(origin.line, None),
            );
        }
    }
    registry
}

fn report_checks(data: &Dataset, registry: &Registry, findings: &mut Vec<Finding>) {
    // (A file of a million rows each found wrong is not held as a million findings.)
    let mut folding = crate::finding::Folding::default();
    let reports = &data.reports;
    let registry_years = data.plan_years();
    let latest_plan_year = registry_years
        .iter()
        .copied()
        .max()
        .unwrap_or(data.plan_year);
    let covered = |year: i32| registry_years.is_empty() || registry_years.contains(&year);
    // The registry's ids ending in digits, by year and their digits' zeros set aside, made at the
    // first id not in the registry: a report's 1 for the registry's 001 (or 001 for 1) lost or
    // gained its zeros in a spreadsheet; P04 for P4 was typed so.
    let zeros_ids = std::cell::OnceCell::new();
    // The registry's id of `year` that `text` is but for the zeros of its number, and what the
    // difference says.
    let zeros_differ = |text: &str, year: i32| {
        let ids = zeros_ids.get_or_init(|| {
            (data.projects.iter())
                .filter_map(|p| Some(((p.year, zeros_key(&p.id)?), &*p.id)))
                .collect::<FxMap<_, &str>>()
        });
        let listed = *ids.get(&(year, zeros_key(text)?))?;
        Some(match text.bytes().all(|b| b.is_ascii_digit()) {
            true => format!(
                "the registry has {listed}: their leading zeros differ (a spreadsheet drops them \
                 unless the column is text)"
            ),
            false => format!("the registry has {listed}: the zeros of their numbers differ"),
        })
    };
    // The registry's ids of each year by their letters and digits alone, in lower case, made at
    // the first id not in the registry: `jc2024-002` or `JC2024—002` for `JC2024-002`, and
    // `1005.0` (a number's decimals a spreadsheet wrote) for `1005`.
    let plain = |id: &str| -> String {
        id.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_lowercase)
            .collect()
    };
    let made = std::cell::OnceCell::new();
    let plain_ids = || {
        made.get_or_init(|| {
            (data.projects.iter())
                .map(|p| ((p.year, plain(&p.id)), &*p.id))
                .collect::<FxMap<_, &str>>()
        })
    };
    let written_otherwise = |text: &str, year: i32| {
        let ids = plain_ids();
        let whole = text.split_once('.').filter(|(number, decimals)| {
            !number.is_empty()
                && number.bytes().all(|b| b.is_ascii_digit())
                && !decimals.is_empty()
                && decimals.bytes().all(|b| b == b'0')
        });
        if let Some((number, _)) = whole
            && let Some(listed) = ids.get(&(year, number.to_string()))
        {
            return Some(format!(
                "the registry has {listed}: a spreadsheet wrote the id as a number, with decimals"
            ));
        }
        let listed = ids.get(&(year, plain(text)))?;
        Some(match listed.to_lowercase() == text.to_lowercase() {
            true => format!("the registry has {listed}: their letters differ in case"),
            false => format!("the registry has {listed}: their spaces or marks differ"),
        })
    };
    // An id a spreadsheet turned into a date (`1-1` or `3/12` typed in a cell of General
    // format): the date as its cell gives it (`2024-01-01`), or as its CSV does (`1月1日`).
    let turned_into_a_date = |text: &str, year: i32| {
        let (month, day) = month_and_day(text)?;
        let ids = plain_ids();
        let listed = ["-", "/", "."]
            .iter()
            .map(|mark| format!("{month}{mark}{day}"))
            .find_map(|id| {
                ids.get(&(year, plain(&id)))
                    .filter(|&&listed| *listed == id)
            })?;
        Some(format!(
            "the registry has {listed}: a spreadsheet turned it into a date; make the 项目编号 \
             column text before typing ids in it"
        ))
    };
    // The registry files' layouts, each once (a registry is a file or a few), made at the first
    // id not in the registry.
    let registry_layouts = std::cell::OnceCell::new();
    // The report files any of whose rows' ids are the registry's, made at the first id not in
    // it under a header the registry has for another column.
    let matching = std::cell::OnceCell::new();
    // Where none of a report's ids are the registry's, and they are under a header the registry
    // has for a column not read as ids (项目代码 beside the registry's 项目编号): that column,
    // named. (A report whose other ids match has an id mistyped.)
    let another_column = |report: &crate::model::Layout| {
        let layouts = registry_layouts.get_or_init(|| {
            let mut seen = std::collections::HashSet::new();
            (data.projects.iter())
                .map(|p| &p.origin.layout)
                .filter(|l| seen.insert(Arc::as_ptr(l)))
                .collect::<Vec<_>>()
        });
        let header = report.header(Field::Id).trim();
        let (registry_file, column, ids) = layouts.iter().find_map(|registry| {
            let ids = registry.column(Field::Id)?;
            let column = 1 + registry.headers.iter().position(|h| h.trim() == header)?;
            (column != ids).then_some((registry, column, ids))
        })?;
        let matching = matching.get_or_init(|| {
            let mut files = std::collections::HashSet::new();
            for t in reports.timelines() {
                if let (Some(id), Some(year)) = (t.id(), t.year())
                    && registry.contains(year, id)
                {
                    files.extend(t.iter().map(|r| r.file()));
                }
            }
            files
        });
        (!matching.contains(report.file.as_str())).then(|| {
            let (file, id_header) = (&registry_file.file, registry_file.header(Field::Id));
            format!(
                "none of this file's ids is the registry's: they are under \"{header}\", which \
                 in {file} is column {column}, not its ids' column {ids} \"{id_header}\"; give \
                 the report the registry's {id_header}"
            )
        })
    };
    // The registry's ids that are numbers of 16 digits or more, by the text a number cell
    // keeping 15 digits shows them as, made at the first report id that may be such a number.
    let long_ids = std::cell::OnceCell::new();
    // The report rows whose id was a number cell keeping 15 digits of a longer one, as loading
    // said (a CSV's text 330102202400001000 is a code read whole), by file and line.
    let cut_short = std::cell::OnceCell::new();
    let id_cut_short = |origin: &Origin| {
        cut_short
            .get_or_init(|| {
                (data.findings.iter())
                    .filter(|f| f.message.contains(crate::load::rows::KEEPS_15_DIGITS))
                    .filter_map(|f| Some((f.file.as_str(), f.line?)))
                    .collect::<std::collections::HashSet<_>>()
            })
            .contains(&(origin.file(), origin.line))
    };
    // The registry's projects of `year` that a number cell, keeping 15 digits, shows as `text`
    // (330102202400000000 of 330102202400000011 and of 330102202400000000), where `text` is
    // such a number: 16 digits or more, the 16th and on all 0.
    let kept_alike = |text: &str, year: i32| -> Vec<&Project> {
        if text.len() < 16 || !text.bytes().all(|b| b.is_ascii_digit()) {
            return Vec::new();
        }
        if text.bytes().skip(15).any(|b| b != b'0') {
            return Vec::new();
        }
        let ids = long_ids.get_or_init(|| {
            let mut by_text: crate::model::reports::FxMap<(i32, String), Vec<&Project>> =
                Default::default();
            for p in &data.projects {
                for shown in shown_in_a_number_cell(&p.id) {
                    by_text.entry((p.year, shown)).or_default().push(p);
                }
            }
            by_text
        });
        ids.get(&(year, text.to_string()))
            .cloned()
            .unwrap_or_default()
    };
    // The registry's ids that look cut to 15 digits by a number cell (16 digits or more, the
    // 16th and on all 0), by year and id, made at the first report id of 16 digits or more
    // not in the registry.
    let cut_ids = std::cell::OnceCell::new();
    // The project of `year` whose id is what a number cell keeping 15 digits shows `text` as,
    // where the registry's cell kept the 15 and `text` is the code whole.
    let cut_in_registry = |text: &str, year: i32| -> Option<&Project> {
        let shown = shown_in_a_number_cell(text);
        if shown.is_empty() {
            return None;
        }
        let ids = cut_ids.get_or_init(|| {
            let mut by_id: crate::model::reports::FxMap<(i32, String), &Project> =
                Default::default();
            for p in &data.projects {
                // (A CSV's `1.10101202400000E+23` is the number a spreadsheet kept, in full.)
                let id = match crate::load::rows::in_scientific_notation(&p.id) {
                    true => match Decimal::from_scientific(&p.id) {
                        Ok(n) if n.fract().is_zero() => n.trunc().to_string(),
                        _ => continue,
                    },
                    false => p.id.to_string(),
                };
                if id.len() >= 16
                    && id.bytes().all(|b| b.is_ascii_digit())
                    && id.bytes().skip(15).all(|b| b == b'0')
                {
                    by_id.entry((p.year, id)).or_insert(p);
                }
            }
            by_id
        });
        (shown.iter())
            .filter(|s| s.as_str() != text)
            .find_map(|s| ids.get(&(year, s.clone())).copied())
    };
    // (An id reported in two months or more of the year was likely the registry's: a project
    // taken off the list by deleting its row leaves its earlier reports unknown, and deleting
    // them as the error asks would take its investment out of those months' bulletins.)
    // (An id first reported after the year's first month reported may be a project added to
    // the list mid-year, or an id changed mid-year: its row belongs in the registry, counted
    // from that month on.)
    let first_month_of = |year: i32| reports.months().find(|m| m.year() == year);
    let reported_in_months = |id: IdNo, year: i32| {
        let timeline = reports.timeline(id, year);
        let mut months = timeline.iter().map(|r| r.month());
        let first = months.next()?;
        let added = match first_month_of(year) {
            Some(start) if first > start => format!(
                "if it was added to the list mid-year (or its id changed), add its row to the \
                 registry with a {} of {first}, the month it is first reported; ",
                Field::ListedFrom.label()
            ),
            _ => String::new(),
        };
        let Some(last) = months.next_back() else {
            return (!added.is_empty())
                .then(|| format!("{added}else expected an id from the registry"));
        };
        let n = 2 + months.count();
        Some(format!(
            "it is reported in {n} months, {first} to {last}: {added}if it was taken off the \
             list, keep its row in the registry, with the month it was taken off in a {} \
             column, which keeps its earlier reports; else expected an id from the registry",
            Field::Delisted.label()
        ))
    };
    // The ids in registry rows a quoted cell took in, by id (the first cell to hold one).
    let swallowed = std::cell::OnceCell::new();
    // (`id` is the text's number, where any row or project has it: a row refused for its
    // month may give an id nothing else does.)
    let unknown = |text: &str, id: Option<IdNo>, year: i32, origin: &Origin| {
        let mut years: Vec<i32> = (id.into_iter())
            .flat_map(|id| registry.chain(id))
            .map(|p| p.year)
            .collect();
        years.sort_unstable();
        let elsewhere: Vec<String> = years.iter().map(i32::to_string).collect();
        let swallowed = swallowed.get_or_init(|| {
            let mut by_id = std::collections::HashMap::new();
            for s in &data.swallowed {
                for id in &s.ids {
                    by_id.entry(id.as_str()).or_insert(s);
                }
            }
            by_id
        });
        let hint = if let Some(s) = swallowed.get(text) {
            format!(
                "it is inside the quoted cell at {}:{}:{}, which runs over lines {}-{}: a \
                 quote left open there took rows into the cell (close the quote where the cell \
                 ends, or take it out)",
                s.file, s.line, s.column, s.line, s.last_line
            )
        } else if crate::load::rows::in_scientific_notation(text) {
            format!(
                "it {}: {}",
                crate::load::rows::LONG_NUMBER,
                crate::load::rows::LOST_DIGITS
            )
        } else if let [listed] = kept_alike(text, year)[..] {
            format!(
                "the registry has {}, which a number cell keeping 15 digits shows as {text}: {}",
                listed.id,
                crate::load::rows::LOST_DIGITS
            )
        } else if let Some(listed) = cut_in_registry(text, year) {
            format!(
                "the registry has {} at {}, which may be this code with its last digits lost, \
                 as a number cell keeps 15: format the registry's column as text in Excel or \
                 WPS and type the code again",
                listed.id,
                place(&listed.origin)
            )
        } else if let Some(hint) = zeros_differ(text, year) {
            hint
        } else if let Some(hint) = written_otherwise(text, year) {
            hint
        } else if let Some(hint) = turned_into_a_date(text, year) {
            hint
        } else if !elsewhere.is_empty() {
            format!("it is in the registry for {}", elsewhere.join(", "))
        } else if let Some(hint) = another_column(&origin.layout) {
            hint
        } else if let Some(hint) = id.and_then(|id| reported_in_months(id, year)) {
            hint
        } else {
            "expected an id from the registry".to_string()
        };
        error(
            origin,
            Field::Id,
            format!(
                "{} {text} is not in the registry for {year} ({hint})",
                origin.layout.header_shown(Field::Id)
            ),
        )
    };
    let not_in_registry = |id: IdNo, month: YearMonth, origin: &Origin| {
        unknown(reports.id(id), Some(id), month.year(), origin).in_month(month)
    };

    // A row refused for its month is not read, but an id of it in the registry for neither the
    // month expected nor the one it says (for a row of no month, the plan year) is named now,
    // not only once the month is mended and the file sent again.
    for (layout, rows) in data.refused.iter().filter(|_| !registry_years.is_empty()) {
        for row in rows {
            folding.now_and_then(findings);
            let mut years: Vec<i32> = row.months.iter().flatten().map(|m| m.year()).collect();
            if years.is_empty() {
                years.push(data.plan_year);
            }
            years.retain(|&y| covered(y));
            let id = reports.id_no(&row.id);
            let listed = id.is_some_and(|id| years.iter().any(|&y| registry.contains(y, id)));
            if let (Some(&year), false) = (years.first(), listed) {
                let origin = Origin {
                    layout: layout.clone(),
                    line: row.line,
                };
                findings.push(unknown(&row.id, id, year, &origin));
            }
        }
    }
    // A file with no figure in any row is a blank template, most likely: one finding for it,
    // not one a row.
    for (origin, rows) in reports.files_without_figures() {
        // The template's reference column is where a clerk may have typed this month's figure.
        let reference = origin
            .layout
            .headers
            .iter()
            .find(|h| h.starts_with("上月"))
            .map(|h| {
                format!(
                    "; {h} is last month's, for reference, and not read: this month's figure \
                     goes in {}",
                    Field::YtdInvestment.label()
                )
            })
            .unwrap_or_default();
        findings.push(warning(
            &origin,
            Field::YtdInvestment,
            format!(
                "no investment figure in {} (expected {} or {}; a blank template not filled \
                 in?); each project's last figure is carried forward, and it is not reported \
                 (未报送) this month, unless another file gives this month's{reference}",
                if rows == 1 {
                    "its one row".to_string()
                } else {
                    format!("any of its {rows} rows")
                },
                Field::YtdInvestment.label(),
                Field::MonthInvestment.label()
            ),
        ));
    }
    // Rows for years the registry does not cover: one finding per file and year, at the
    // file's first such row; and of them, those whose id is in no year of the registry.
    let mut outside: Outside = BTreeMap::new();
    let mut matched_by_none: BTreeMap<(&str, i32), (Origin, usize, &str)> = BTreeMap::new();
    // With no project in the registry (empty, or not read), every row's id is not in it: one
    // finding a file, not one a row.
    let mut unlisted: Outside = BTreeMap::new();
    let timelines: Vec<Timeline> = reports.timelines().collect();
    for t in &timelines {
        let (Some(id), Some(year)) = (t.id(), t.year()) else {
            continue;
        };
        if registry_years.is_empty() {
            for r in t.iter() {
                note_outside(&mut unlisted, r.file(), year, r.origin());
            }
        } else if !covered(year) {
            for r in t.iter() {
                note_outside(&mut outside, r.file(), year, r.origin());
            }
            // (Last year's row of a project finished then, on no list of this year, is compared
            // with nothing; one whose id was mistyped leaves its project out of 同比.)
            if registry.chain(id).next().is_none() {
                let text = reports.id(id);
                let near = registry_years.iter().find_map(|&y| zeros_differ(text, y));
                for r in t.iter() {
                    match &near {
                        Some(hint) => {
                            let origin = r.origin();
                            let header = origin.layout.header_shown(Field::Id);
                            findings.push(warning(
                                &origin,
                                Field::Id,
                                format!(
                                    "{header} {text} is in no year of the registry ({hint}): \
                                     this row of {year} is left out of year-on-year comparison \
                                     (同比)"
                                ),
                            ))
                        }
                        None => {
                            let origin = r.origin();
                            let (at, n, id) = (matched_by_none.entry((r.file(), year)))
                                .or_insert_with(|| (origin.clone(), 0, text));
                            *n += 1;
                            if origin.line < at.line {
                                (*at, *id) = (origin, text);
                            }
                        }
                    }
                }
            }
        } else if !registry.contains(year, id) {
            findings.extend(
                t.iter()
                    .map(|r| not_in_registry(id, r.month(), &r.origin())),
            );
        } else if let alike = kept_alike(reports.id(id), year)
            && alike.len() > 1
        {
            let text = reports.id(id);
            let named: Vec<String> = (alike.iter())
                .map(|p| format!("{} ({}, {})", p.id, p.name, place(&p.origin)))
                .collect();
            for r in t.iter().filter(|r| id_cut_short(&r.origin())) {
                let origin = r.origin();
                findings.push(
                    error(
                        &origin,
                        Field::Id,
                        format!(
                            "{} {text} is a number that keeps only 15 digits of a longer code, \
                             and could be any of {}: which project it is is not known (its \
                             figures are read as {text}'s; format the column as text in Excel or \
                             WPS and type the code again)",
                            origin.layout.header_shown(Field::Id),
                            named.join(", ")
                        ),
                    )
                    .in_month(r.month()),
                );
            }
        }
    }
    // Each project's months on its own: on every core, a batch of projects at a time.
    let mut resent: crate::model::reports::FxMap<(u32, YearMonth), Repeating> = Default::default();
    let mut januaries_found = Vec::new();
    crate::par::in_order(
        &timelines,
        crate::par::BATCH,
        |run| {
            let mut found = Vec::new();
            let mut repeats = Vec::new();
            let mut januaries = Vec::new();
            for t in run {
                rows_repeating(*t, reports, &mut repeats, &mut januaries);
                let (Some(id), Some(year)) = (t.id(), t.year()) else {
                    continue;
                };
                // Rows of a year the registry does not list (last year's, read for 同比) are
                // checked as the project's in a year it lists, taken as continuing with no plan
                // and listed all year: only what the months say together is judged (本月 against
                // 累计, a 累计 that shrinks, months missing, above the total investment).
                let unlisted_year;
                let (project, listed) = match registry.get(year, id) {
                    Some(project) => (project, true),
                    None if !covered(year) => match registry.chain(id).next() {
                        Some(project) => {
                            unlisted_year = Project {
                                year,
                                nature: Some(Nature::Continuing),
                                annual_plan: Decimal::ZERO,
                                planned_start: None,
                                listed_from: None,
                                delisted: None,
                                ..project.clone()
                            };
                            (&unlisted_year, false)
                        }
                        None => continue,
                    },
                    None => continue,
                };
                if sequence_is_clean(data, project, listed, *t) != Some(true) {
                    sequence_checks(data, project, listed, *t, &mut found);
                }
                // A figure reported before the project is listed (纳入时间): not counted.
                if let Some(from) = project.listed_from
                    && let Some(r) = t.iter().find(|r| r.month() < from && r.has_investment())
                {
                    let header = project.origin.layout.header_shown(Field::ListedFrom);
                    found.push(warning(
                        &r.origin(),
                        Field::YtdInvestment,
                        format!(
                            "investment is reported for {} for {}, before its {header} {from} \
                             ({}): it is on the list only from {from}, so this figure is in no \
                             bulletin before then",
                            r.id(),
                            r.month(),
                            place(&project.origin)
                        ),
                    ));
                }
                // A figure reported once the project is off the list (调出时间): not counted.
                if let Some(off) = project.delisted
                    && let Some(r) = t.iter().find(|r| r.month() >= off && r.has_investment())
                {
                    let header = project.origin.layout.header_shown(Field::Delisted);
                    found.push(warning(
                        &r.origin(),
                        Field::YtdInvestment,
                        format!(
                            "investment is reported for {} for {}, once it is off the list: \
                             its {header} is {off} ({}), so this figure is in no bulletin",
                            r.id(),
                            r.month(),
                            place(&project.origin)
                        ),
                    ));
                }
            }
            (found, repeats, januaries)
        },
        |(found, repeats, januaries)| {
            findings.extend(found);
            januaries_found.extend(januaries);
            for (key, invested) in repeats {
                let file = resent.entry(key).or_default();
                file.repeating += 1;
                file.invested_before += usize::from(invested);
            }
            folding.now_and_then(findings);
            true
        },
    );
    for ((file, _), (first, n)) in unlisted {
        findings.push(
            Finding::error(
                file,
                format!(
                    "{n} row{}, and no project in the registry to match their {} (fill in the \
                     registry, or mend what stops it being read, first)",
                    crate::finding::plural(n),
                    first.layout.header_shown(Field::Id)
                ),
            )
            .at(first.line, first.column(Field::Id)),
        );
    }
    // Second reports by the files they are in and the first's, and the month: a file sent twice,
    // or a correction beside the first, is said once besides its rows, where one of them differs
    // from the first (a district's file and a department's may both give a project alike).
    let mut sent_twice: BTreeMap<(String, String, YearMonth), SentTwice> = BTreeMap::new();
    let given_twice = GivenTwice::of(data);
    let repeating = files_repeating_others(reports, registry, &given_twice);
    let mut held_first: FxMap<(IdNo, YearMonth), Origin> = FxMap::default();
    for d in reports.duplicates() {
        folding.now_and_then(findings);
        let year = d.month.year();
        let origin = d.origin(reports);
        if registry_years.is_empty() {
            continue;
        }
        if !covered(year) {
            // Counted with the year's other rows, and still a second report.
            note_outside(&mut outside, d.file(reports), year, origin.clone());
        } else if !registry.contains(year, d.id) {
            findings.push(not_in_registry(d.id, d.month, &origin));
            continue;
        }
        // (A file repeating others whole is said once, below, not a row at a time.)
        if repeated_whole(&repeating, d) {
            // (Where it is read first, two files it holds giving the project and month are
            // said as where it is read after them: the later of them, at the earlier's row.)
            let (here, first) = d.file_nos();
            if holds_whole(&repeating, first, here) && d.same {
                match held_first.get(&(d.id, d.month)) {
                    Some(earlier) => {
                        let finding = second_report(d, reports, &origin, earlier);
                        findings.push(finding.in_month(d.month));
                    }
                    None => {
                        held_first.insert((d.id, d.month), origin);
                    }
                }
            }
            continue;
        }
        let finding = second_report(d, reports, &origin, &d.first(reports));
        findings.push(finding.in_month(d.month));
        let first = d.first(reports);
        if first.file() != origin.file() {
            let at = sent_twice
                .entry((origin.file().to_string(), first.file().to_string(), d.month))
                .or_insert_with(|| SentTwice {
                    line: origin.line,
                    rows: 0,
                    differing: 0,
                    differing_off_list: 0,
                    ids: Vec::new(),
                    of_files: d.rows_of_files(reports),
                    folder_month_given: (false, false),
                });
            // (Whether the project's report of the month of the folder either file is in, where
            // it is named for another, is another file's.)
            let given = |file: &str, file_no: u32| {
                crate::load::named_for_another_folders_month(file).is_some_and(|(_, filed)| {
                    reports
                        .timeline(d.id, filed.year())
                        .at(filed)
                        .is_some_and(|r| r.file_no() != file_no)
                })
            };
            let (here, there) = d.file_nos();
            at.folder_month_given.0 |= given(origin.file(), here);
            at.folder_month_given.1 |= given(first.file(), there);
            at.line = at.line.min(origin.line);
            at.rows += 1;
            at.differing += usize::from(!d.same);
            at.differing_off_list += usize::from(!d.same && off_list(data, registry, d));
            if at.ids.len() < 3 {
                at.ids.push(reports.id(d.id).to_string());
            }
        }
    }
    for ((file, first, month), twice) in sent_twice {
        if twice.rows >= 2 && twice.differing > 0 {
            let mut finding = sent_twice_finding(&file, &first, month, &twice);
            // (Where every row that differs is of a project off the list, the rows that count
            // say what the first's say: the file's error, as theirs, is in no month's figures.)
            finding.off_list = twice.differing == twice.differing_off_list;
            findings.push(finding);
        }
    }
    let summaries = summaries_among_reports(data, registry, &given_twice, findings);
    let mut repeating: Vec<(u32, Repeats)> = repeating.into_iter().collect();
    repeating.sort_by_key(|(file, _)| *file);
    // (Not of a summary: its error says to move it out, where this would say to cut rows.)
    for (file, r) in repeating
        .iter()
        .filter(|(file, _)| !summaries.contains(file))
    {
        findings.push(repeats_finding(reports, *file, r));
    }
    last_months_sent_again(&timelines, reports, resent, findings);
    januarys_run_on(reports, januaries_found, findings);
    // A row named as another project is named in the registry: its figures are read as its
    // id's, which may be out of step with the rest of the row.
    for m in reports.misnamed() {
        // (The id's project of the row's year, and the other's so named.)
        let year = m.month.year();
        let own = registry
            .get(year, m.id)
            .or_else(|| registry.chain(m.id).next());
        let named = registry
            .chain(m.named)
            .find(|p| crate::model::reports::name_key(&p.name) == m.key);
        let (Some(own), Some(named)) = (own, named) else {
            continue;
        };
        let origin = m.origin(reports);
        let header = origin.layout.header_shown(Field::Name);
        let id_header = origin.layout.header_shown(Field::Id);
        findings.push(warning(
            &origin,
            Field::Name,
            format!(
                "{header} is the registry's name of {} \"{}\" ({}), not of {} \"{}\", whose \
                 {id_header} the row has (ids sorted or pasted apart from their rows? the row's \
                 figures are read as {}'s)",
                named.id,
                named.name,
                place(&named.origin),
                own.id,
                own.name,
                own.id
            ),
        ));
    }
    misplaced_rows(reports, registry, findings);
    replanned_rows(reports, registry, findings);
    rows_of_other_districts(data, registry, &timelines, findings);
    for ((file, year), (first, count)) in outside {
        let rows = if count == 1 {
            "1 row".to_string()
        } else {
            format!("{count} rows")
        };
        // (Rows of a year after the month asked for are in none of its figures: a registry
        // that says its year, read for a month of it, is no registry of theirs to be said
        // missing. Where the year is the asked month's alone, they may say it is another.)
        let after_asked = data
            .asked
            .filter(|m| !data.year_only_asked && year > m.year());
        let finding = if let Some(asked) = after_asked {
            Finding::note(
                file,
                format!(
                    "{rows} for {year}, after the month asked for, {asked}: in none of its \
                     figures, and not checked against the registry (ask for a month of {year} \
                     to check them)"
                ),
            )
        } else if year > latest_plan_year {
            let why = if data.year_only_asked {
                format!(
                    "; {latest_plan_year} is the year of the month asked for, as the registry \
                     has no 计划年度 and xmtool.toml no year: ask for a month of {year}, or set \
                     year = {latest_plan_year} in xmtool.toml"
                )
            } else {
                String::new()
            };
            // (Rows of that year, after any month of the plan year: December's bulletin is not
            // stopped by January's file come in early.)
            let error = Finding::error(
                file,
                format!(
                    "{rows} for {year}, after the plan year {latest_plan_year} (expected months of \
                     {latest_plan_year}, or a registry for {year}{why})"
                ),
            );
            match YearMonth::new(year, 1) {
                Some(january) => error.in_month(january),
                None => error,
            }
        } else {
            // (Of them, those whose id matches no project: named by the first.)
            let unmatched = match matched_by_none.get(&(file, year)) {
                Some((first, n, id)) => format!(
                    "; {} ({} at line {}{}) {} in no year of the registry, so compared with \
                     nothing (a project finished in {year}, or an id mistyped?)",
                    match ((*n, count), first.layout.header_shown(Field::Id)) {
                        ((1, 1), header) => format!("its {header}"),
                        ((1, _), header) => format!("1 row's {header}"),
                        ((n, c), header) if n == c => format!("their {header}"),
                        ((n, _), header) => format!("{n} rows' {header}"),
                    },
                    id,
                    first.line_of(Field::Id),
                    if *n == 1 { "" } else { ", the first" },
                    if *n == 1 { "is" } else { "are" },
                ),
                None => String::new(),
            };
            Finding::note(
                file,
                format!(
                    "{rows} for {year}, before the plan year {latest_plan_year}: used for \
                     year-on-year comparison (同比) and what they say of a start{unmatched}"
                ),
            )
        };
        findings.push(finding.at(first.line_of(Field::Month), first.column(Field::Month)));
    }

    not_reported(data, findings);
}

/// What a report's number cell may show a registry's code of 16 digits or more as: the code
/// itself (cut short in the registry too, or stored whole), its 16th digit and on made 0 (Excel
/// keeps 15 typed digits), and the nearest float's 15 digits (another program's number, where
/// the code is beyond 2^53: a float holds every whole number below exactly).
fn shown_in_a_number_cell(id: &str) -> Vec<String> {
    if id.len() < 16 || !id.bytes().all(|b| b.is_ascii_digit()) {
        return Vec::new();
    }
    let zeros = std::iter::repeat_n('0', id.len() - 15);
    let cut: String = id.chars().take(15).chain(zeros).collect();
    let mut shown = vec![id.to_string(), cut];
    if let Ok(n) = id.parse::<f64>()
        && n >= crate::load::grid::EXACT_WHOLE
    {
        shown.push(crate::load::grid::number_text(n));
    }
    shown.sort_unstable();
    shown.dedup();
    shown
}

/// Rows for years the registry does not cover, by file and year: how many, and the first.
type Outside<'r> = BTreeMap<(&'r str, i32), (Origin, usize)>;

/// The month and day of a date as a spreadsheet gives one: `2024-01-01` (a date cell's text) or
/// `1月1日` (a CSV saved from it).
fn month_and_day(text: &str) -> Option<(u32, u32)> {
    let number = |t: &str| {
        (!t.is_empty() && t.len() <= 2 && t.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t.parse::<u32>().ok())
            .flatten()
    };
    let (month, day) = match text.strip_suffix('日') {
        Some(date) => {
            let (month, day) = date.split_once('月')?;
            (number(month)?, number(day)?)
        }
        None => {
            let mut parts = text.split('-');
            let year = parts.next()?;
            if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
                return None;
            }
            let (month, day) = (number(parts.next()?)?, number(parts.next()?)?);
            if parts.next().is_some() {
                return None;
            }
            (month, day)
        }
    };
    ((1..=12).contains(&month) && (1..=31).contains(&day)).then_some((month, day))
}

/// An id ending in a number, as compared for zeros typed or lost: the text before the number,
/// and the number without its leading zeros (`P04` and `P4` are `("P", "4")`, `001` is
/// `("", "1")`). `None` for an id not ending in a digit.
fn zeros_key(id: &str) -> Option<(&str, &str)> {
    let start = id.len() - id.bytes().rev().take_while(u8::is_ascii_digit).count();
    (start < id.len()).then(|| (&id[..start], id[start..].trim_start_matches('0')))
}

fn note_outside<'r>(outside: &mut Outside<'r>, file: &'r str, year: i32, origin: Origin) {
    match outside.get_mut(&(file, year)) {
        Some((first, n)) => {
            *n += 1;
            if origin.line < first.line {
                *first = origin;
            }
        }
        None => {
            outside.insert((file, year), (origin, 1));
        }
    }
}

/// Whether `sequence_checks` finds nothing in a project's year, worked out on amounts in
/// `units` rather than `Decimal`s: the same comparisons of the same exact values, about twice
/// as fast, so that only a project with something to say goes through `sequence_checks` (and
/// its messages are made one way only). `None` when an amount cannot be in units, or is too
/// large to be packed in its slot. Its rules are `sequence_checks`': a change to one is made to
/// both (a property test in `tests` holds them to the same verdict).
fn sequence_is_clean(
    data: &Dataset,
    project: &Project,
    listed: bool,
    timeline: Timeline,
) -> Option<bool> {
    let base_tolerance = units(MONTH_TOLERANCE)?;
    let total = units(project.total_investment)?;
    let far_above = match project.annual_plan > Decimal::ZERO {
        true => Some(units(project.annual_plan * data.settings.far_above_plan)?),
        false => None,
    };
    let unplanned = without_plan(data, project, listed);
    // (With the tolerance of the row it comes from.)
    let mut previous: Option<(YearMonth, i128, i128)> = None;
    let mut last_figure = None;
    let mut started = !counts_starts(project);
    let mut start_before = None;
    for r in timeline.iter() {
        let month = r.month();
        if let Some(start) = r.actual_start().filter(|&start| start <= month) {
            let before = start_before.or_else(|| {
                start_the_year_before(data, project, month.year()).and_then(|r| r.actual_start())
            });
            if before.is_some_and(|before| before != start) {
                return Some(false);
            }
            start_before = Some(start);
        }
        let (this_month, ytd) = r.investment_units()?;
        // (`month_tolerance`, converted only for a file in another unit than 万元.)
        let tolerance = match r.layout().scales.is_empty() {
            true => base_tolerance,
            false => units(month_tolerance(r))?,
        };
        let after_gap = missing_before(project, month, last_figure);
        if this_month.is_some() || ytd.is_some() {
            last_figure = Some(month);
        }
        let spent = this_month.is_some_and(|a| a > 0) || ytd.is_some_and(|a| a > 0);
        started |= shows_started(r);
        if r.actual_start().is_some_and(|start| start > month)
            || (r.status() == Some(Status::NotStarted) && spent)
            || (spent && !started && r.status().is_none())
        {
            return Some(false);
        }
        let expected_from_previous = match previous {
            Some((m, ytd, t)) if m.next() == Some(month) => Some((ytd, t)),
            None if month.month() == 1 => Some((0, base_tolerance)),
            _ => None,
        };
        let ytd = match (ytd, this_month) {
            (Some(ytd), Some(this_month)) => {
                let disagree = match (expected_from_previous, previous) {
                    (Some((before, t)), _) => {
                        (this_month - (ytd - before)).abs() > tolerance.max(t)
                    }
                    // (Months missing between: the year-to-date rose by at least this month's.)
                    (None, Some((_, before, t))) => {
                        ytd >= before && this_month - (ytd - before) > tolerance.max(t)
                    }
                    (None, None) => this_month - ytd > tolerance,
                };
                if disagree {
                    return Some(false);
                }
                ytd
            }
            (Some(ytd), None) => ytd,
            (None, Some(this_month)) => match expected_from_previous {
                Some((before, _)) => before + this_month,
                None if after_gap => return Some(false),
                None => continue,
            },
            (None, None) if r.flawed() || r.in_file_without_figures() => continue,
            (None, None) => return Some(false),
        };
        if previous.is_some_and(|(_, before, _)| ytd < before)
            || (ytd > total && !project.flawed)
            || far_above.is_some_and(|far| ytd > far)
            || (unplanned && ytd > 0)
        {
            return Some(false);
        }
        previous = Some((month, ytd, tolerance));
    }
    Some(true)
}

/// The latest report of the year before `year` giving the project's actual start by its month
/// (December's, most often): the start the first of `year`'s to give one is compared with, as
/// a project starts once, whichever year its reports are of.
fn start_the_year_before<'a>(
    data: &'a Dataset,
    project: &Project,
    year: i32,
) -> Option<Report<'a>> {
    let timeline = data.reports.timeline_of(project, year.checked_sub(1)?);
    timeline
        .iter()
        .rev()
        .find(|r| r.actual_start().is_some_and(|start| start <= r.month()))
}

/// The latest year before its plan year whose reports say the project `p` started (a 实际开工时间
/// by the report's month, or a 项目状态 saying so): a new start copied into the next year's
/// registry as it was counts as started then (`compute::standing`), though that year's reports
/// leave both blank. (A start after its report's month, an error, says it had not started.)
fn started_in_a_year_before(data: &Dataset, p: &Project) -> Option<i32> {
    data.reports.earlier_of(p, p.year).iter().find_map(|t| {
        let started = |r: Report| {
            r.actual_start().is_some_and(|start| start <= r.month())
                || r.status().is_some_and(Status::shows_started)
        };
        t.iter().any(started).then(|| t.year()).flatten()
    })
}

/// What a new start planned before its plan year counts as, for the warning saying so: started,
/// where its reports of a year before say so, else not started (and overdue, where its planned
/// start is read: `overdue`) until a report says it started.
fn counts_as_started(data: &Dataset, p: &Project, overdue: bool) -> String {
    let year = p.year;
    match started_in_a_year_before(data, p) {
        Some(then) => format!(
            "its reports of {then} say it started, and it counts as started (expected 续建, as \
             it started before {year})"
        ),
        None => format!(
            "it counts as not started{}, until a report says it started (expected 续建 if it \
             started before {year}, or a planned start in {year})",
            if overdue {
                ", and overdue (逾期未开工)"
            } else {
                ""
            }
        ),
    }
}

/// Whether `project` is of the plan year with an annual plan of 0 (read as such: not one whose
/// plan could not be read): investment reported for it adds to its group's year-to-date with
/// nothing planned, so a warning says so (once). Only of a project the registry lists in that
/// year (`listed`; else `project` is its listing of another year, taken as with no plan).
fn without_plan(data: &Dataset, project: &Project, listed: bool) -> bool {
    listed && project.year == data.plan_year && project.annual_plan.is_zero() && !project.flawed
}

/// Whether a new start's reports are to say it started: one planned to start in its plan year
/// or with no planned start (one planned before it may have started last year, as last year's
/// reports say).
fn counts_starts(project: &Project) -> bool {
    project.is_new_start()
        && project
            .planned_start
            .is_none_or(|start| start.year() >= project.year)
}

/// A project's 累计 in the December report of `year`, where it gives one.
fn december_ytd(data: &Dataset, project: &Project, year: i32) -> Option<Decimal> {
    let december = YearMonth::new(year, 12)?;
    data.reports
        .timeline_of(project, year)
        .at(december)?
        .ytd_investment()
}

/// Whether a report says the project started by its month: a status of building, finished or
/// operating, or an actual start at or before it.
fn shows_started(r: Report) -> bool {
    r.status().is_some_and(Status::shows_started)
        || r.actual_start().is_some_and(|start| start <= r.month())
}

/// Whether months are missing before a report in `month`, for a figure of 本月 alone: since
/// the project's report before with a figure (`last_figure`) where that is not the month
/// before, or since January where it is the first, unless the project is a new start (whose
/// first report may be its first month of work) or was listed only from this month on.
fn missing_before(project: &Project, month: YearMonth, last_figure: Option<YearMonth>) -> bool {
    match last_figure {
        Some(m) => m.next() != Some(month),
        None => {
            // (Nor one in preparation, 预备: its first report may be its first month of work.)
            month.month() > 1
                && !matches!(project.nature, Some(Nature::New | Nature::Reserve))
                && project.listed_from.is_none_or(|from| from < month)
        }
    }
}

/// Checks of one project's reports through the year, month by month (`sequence_is_clean` says
/// first whether any will find something). `listed`: whether the registry lists the project in
/// the timeline's year (`without_plan`).
fn sequence_checks(
    data: &Dataset,
    project: &Project,
    listed: bool,
    timeline: Timeline,
    findings: &mut Vec<Finding>,
) {
    // The latest earlier report with a year-to-date figure, and that figure.
    let mut previous: Option<(YearMonth, Decimal, Report)> = None;
    // The latest row giving a 累计 of its own: a row of 本月 alone after it is summed from it,
    // and a fall below the sum is to be mended there.
    let mut told: Option<Report> = None;
    // Where a row's 累计 is, to mend: its own cell, or where the one it was summed from is.
    let ytd_place = |prev: &Report, told: Option<Report>| match (prev.ytd_investment(), told) {
        (None, Some(t)) => format!(
            "{} (summed from {}'s at {})",
            place(&prev.origin()),
            t.month(),
            place(&t.origin())
        ),
        _ => place(&prev.origin()),
    };
    // Above this a year-to-date figure is far above the plan (none without a plan).
    let far_above = (project.annual_plan > Decimal::ZERO)
        .then(|| project.annual_plan * data.settings.far_above_plan);
    // Until said once: investment reported with an annual plan of 0.
    let mut unplanned = without_plan(data, project, listed);
    // The latest earlier report with a figure, and its month.
    let mut last_figure: Option<(YearMonth, Report)> = None;
    // The reports since that one with an error (a figure that could not be read, most likely).
    let mut flawed_since: Vec<Report> = Vec::new();
    // Whether a report so far says the project started (or it need not say: last year's did).
    let mut started = !counts_starts(project) || started_in_a_year_before(data, project).is_some();
    // The latest earlier report giving an actual start by its month.
    let mut start_before: Option<Report> = None;
    for r in timeline.iter() {
        let month = r.month();
        started |= shows_started(r);
        if !started && r.status().is_none() && r.has_investment() {
            // (Said once: the months after, until one says it started, are as this one.)
            started = true;
            let origin = r.origin();
            findings.push(warning(
                &origin,
                Field::Status,
                format!(
                    "investment is reported for {}, a new start, but no {} or {} says it has \
                     started: it counts as not started (开工率, 逾期未开工) until one does \
                     (give {} 在建, or {})",
                    r.id(),
                    Field::Status.label(),
                    Field::ActualStart.label(),
                    Field::Status.label(),
                    Field::ActualStart.label(),
                ),
            ));
        }
        // Months missing before this report, since the one before with a figure or since
        // January.
        let after_gap =
            missing_before(project, month, last_figure.as_ref().map(|(m, _)| *m)).then(|| {
                last_figure
                    .as_ref()
                    .map(|(m, before)| (*m, before.origin()))
            });
        // (A row of no figure that says something, a report of nothing invested, counts as the
        // last report too, but not after months missing: it does not give their investment.)
        let flawed_before = match r.has_a_figure() || (r.is_a_report() && after_gap.is_none()) {
            true => {
                last_figure = Some((month, r));
                std::mem::take(&mut flawed_since)
            }
            false => {
                if r.flawed() {
                    flawed_since.push(r);
                }
                Vec::new()
            }
        };
        if let Some(start) = r.actual_start()
            && start > month
        {
            let origin = r.origin();
            let header = origin.layout.header_shown(Field::ActualStart);
            findings.push(error(
                &origin,
                Field::ActualStart,
                format!(
                    "{header} {start} is after the report month {month} (expected a start at or \
                     before {month})"
                ),
            ).in_month(month));
        }
        // An actual start that another month's report gives otherwise: a project starts once.
        // (Not one after its report's month, an error above; written otherwise, 2024年3月 for
        // 2024-03, it is the same month.)
        if let Some(start) = r.actual_start().filter(|&start| start <= month) {
            if let Some(before) =
                start_before.or_else(|| start_the_year_before(data, project, month.year()))
                && let Some(then) = before.actual_start()
                && then != start
            {
                let origin = r.origin();
                let header = origin.layout.header_shown(Field::ActualStart);
                findings.push(
                    warning(
                        &origin,
                        Field::ActualStart,
                        format!(
                            "{header} {start} differs from {then}, given in {}'s report (at \
                             {}): a project starts once (expected the same month in every \
                             report; mend the one that is wrong)",
                            before.month(),
                            cell(&before.origin(), Field::ActualStart)
                        ),
                    )
                    .in_month(month),
                );
            }
            start_before = Some(r);
        }
        // (A project in preparation, 预备, spends on its 前期 work before it starts.)
        if r.status() == Some(Status::NotStarted)
            && r.has_investment()
            && project.nature != Some(Nature::Reserve)
        {
            let origin = r.origin();
            let header = origin.layout.header_shown(Field::Status);
            findings.push(warning(
                &origin,
                Field::Status,
                format!(
                    "{header} is \"{}\" but investment is reported (expected 在建 once money is \
                     spent)",
                    r.status_text().unwrap_or("前期")
                ),
            ));
        }

        // The year-to-date figure of this row: reported, or last month's plus this month's.
        let expected_from_previous = match previous {
            Some((m, ytd, _)) if m.next() == Some(month) => Some(ytd),
            None if month.month() == 1 => Some(Decimal::ZERO),
            _ => None,
        };
        // (A row's 累计 left empty beside its 本月 is summed, though its file has the column.)
        let summed = r.ytd_investment().is_none();
        // Whether an error on this row's 本月 says already that the year-to-date fell.
        let mut fall_said = false;
        // The year-to-date the row's figures give once mended, where its error says how (本月
        // and 累计 swapped, or in 元): the next month's 本月 is weighed against that.
        let mut mended = None;
        let ytd = match (r.ytd_investment(), r.month_investment()) {
            (Some(ytd), Some(this_month)) => {
                let origin = r.origin();
                let h_month = origin.layout.header_shown(Field::MonthInvestment);
                let h_ytd = origin.layout.header_shown(Field::YtdInvestment);
                // (Figures are in 万元: a file in 亿元 gives them ×10000.)
                let scaled = |f| origin.layout.scales.iter().any(|(s, _)| *s == f);
                let in_wan = if scaled(Field::MonthInvestment) || scaled(Field::YtdInvestment) {
                    " (in 万元, as read from the file's unit)"
                } else {
                    ""
                };
                // (January's is from 0 on 1 January: no month before it.)
                let less = match (previous, expected_from_previous) {
                    (None, Some(_)) => ", January's, from 0 on 1 January".to_string(),
                    (_, before) => format!(" minus last month's {}", before.unwrap_or_default()),
                };
                let tolerance = match previous {
                    Some((_, _, before)) => month_tolerance(r).max(month_tolerance(before)),
                    None => month_tolerance(r),
                };
                match expected_from_previous {
                    Some(before) if (this_month - (ytd - before)).abs() > tolerance => {
                        let diff = ytd - before;
                        // (Two figures typed in each other's column agree the other way round;
                        // two typed in 元 agree to the 元 with last month's in 万元, unless the
                        // file's unit was converted: 亿元 or 元 in its headers.)
                        let swapped = (ytd - (this_month - before)).abs() <= tolerance;
                        let in_yuan = in_wan.is_empty()
                            && before > Decimal::ZERO
                            && (ytd - this_month - before * YUAN_IN_WAN).abs() <= tolerance;
                        if swapped {
                            mended = Some(this_month);
                        } else if in_yuan {
                            mended = Some(ytd / YUAN_IN_WAN);
                        }
                        // A form kept in whole 万元 (150.4 shown 150): a warning, its 累计 read.
                        // (Not a fall: figures rounded so rise as theirs do.)
                        let unit = whole_unit(r);
                        let before_unit = previous.map_or(Decimal::ONE, |(.., b)| whole_unit(b));
                        let figures = [(this_month, unit), (ytd, unit), (before, before_unit)];
                        if !swapped
                            && !in_yuan
                            && diff >= Decimal::ZERO
                            && rounded_apart(figures, this_month - diff)
                        {
                            findings.push(
                                warning(
                                    &origin,
                                    Field::MonthInvestment,
                                    format!(
                                        "{h_month} {this_month} differs from {h_ytd} \
                                         {ytd}{less} ({diff}) by {}: as figures rounded to \
                                         the whole unit do (the 累计 is read; give them to \
                                         two places if they are not rounded){in_wan}",
                                        (this_month - diff).abs()
                                    ),
                                )
                                .in_month(month),
                            );
                        } else {
                            // Either figure may be the wrong one: the 本月 the 累计 gives, and
                            // the 累计 the 本月 gives, are both offered (asked for the 本月
                            // alone, a clerk would keep a wrong 累计).
                            let mends = format!(
                                "expected 本月 {diff} to fit the 累计, or 累计 {} to fit the 本月",
                                before + this_month
                            );
                            // (Where the year-to-date fell, no 本月 agrees: a negative one is an
                            // error too. The month before's figure, or this row's, is to mend.)
                            let expected = match previous {
                                _ if swapped => {
                                    fall_said = diff < Decimal::ZERO;
                                    format!(
                                        "the two the other way round agree: {h_month} {ytd} and \
                                     {h_ytd} {this_month}; typed in each other's column?"
                                    )
                                }
                                _ if in_yuan => format!(
                                    "in 元 rather than 万元? As {} and {} 万元 they agree",
                                    (this_month / YUAN_IN_WAN).normalize(),
                                    (ytd / YUAN_IN_WAN).normalize()
                                ),
                                Some((m, _, prev)) if diff < Decimal::ZERO => {
                                    fall_said = true;
                                    let at = prev.origin();
                                    // (As that month's file names the column.)
                                    let h_before = at.layout.header_shown(Field::YtdInvestment);
                                    // The 累计 that would fit: at least last month's, and the
                                    // one this 本月 gives. (A negative 本月, a downward
                                    // revision, gives one below it: both mends, as above.)
                                    let fits = match this_month < Decimal::ZERO {
                                        true => mends,
                                        false => format!(
                                            "expected 累计 at least {m}'s {before}, and {} to \
                                             fit the 本月",
                                            before + this_month
                                        ),
                                    };
                                    format!(
                                        "the year-to-date fell by {}: correct {m}'s {h_before} at {} \
                                     if it was too high, or this row's figures: {fits}",
                                        -diff,
                                        ytd_place(&prev, told)
                                    )
                                }
                                // (January's 累计 that last December's and its 本月 make:
                                // last year's run on.)
                                None if december_ytd(data, project, month.year() - 1)
                                    .is_some_and(|d| (ytd - d - this_month).abs() <= tolerance) =>
                                {
                                    format!(
                                        "{mends}: the 累计 is last December's and this 本月, but \
                                         a year's 累计 starts from 0 on 1 January"
                                    )
                                }
                                _ => mends,
                            };
                            findings.push(
                                error(
                                    &origin,
                                    Field::MonthInvestment,
                                    format!(
                                        "{h_month} {this_month} disagrees with {h_ytd} \
                                         {ytd}{less} ({expected}){in_wan}"
                                    ),
                                )
                                .in_month(month),
                            );
                        }
                    }
                    // With months missing since the report before: the year-to-date rose by
                    // at least this month's (where it fell, a warning below says so).
                    None if let Some((m, before, _)) = previous
                        && ytd >= before
                        && this_month - (ytd - before) > tolerance =>
                    {
                        let rise = ytd - before;
                        findings.push(
                            error(
                                &origin,
                                Field::MonthInvestment,
                                format!(
                                    "{h_month} {this_month} is more than {h_ytd} rose since {m}'s \
                                 report ({before} to {ytd}, {rise}), with no report between \
                                 (expected at most {rise}, or the missing months' reports){in_wan}"
                                ),
                            )
                            .in_month(month),
                        );
                    }
                    // With no month before to compare with: the year-to-date holds the month's.
                    None if this_month - ytd > month_tolerance(r) => {
                        findings.push(error(
                            &origin,
                            Field::MonthInvestment,
                            format!(
                                "{h_month} {this_month} is more than {h_ytd} {ytd}, which includes \
                                 it (expected at most {ytd}){in_wan}"
                            ),
                        ).in_month(month));
                    }
                    _ => {}
                }
                Some(ytd)
            }
            (Some(ytd), None) => Some(ytd),
            (None, Some(this_month)) => {
                // A 本月 alone after months missing leaves their investment out of the
                // year-to-date, for good: the months after add theirs to it.
                // (Not a first report in a file or folder named for a range from January,
                // `2024年1-2月.csv` of 春节: its 本月 is the months' together.)
                if let (None, Some(before)) = (expected_from_previous, &after_gap)
                    && !(before.is_none() && named_from_january(r.origin().file(), month))
                {
                    let origin = r.origin();
                    let h_month = origin.layout.header_shown(Field::MonthInvestment);
                    // (Since January, or since the month it was listed from, if later.)
                    let first = match before {
                        Some((m, _)) => m.next(),
                        None => YearMonth::new(month.year(), 1)
                            .max(project.listed_from.filter(|f| f.year() == month.year())),
                    };
                    let missing = match (first, month.prev()) {
                        (Some(first), Some(last)) if first == last => first.to_string(),
                        (Some(first), Some(last)) => format!("{first} to {last}"),
                        _ => "the months between".to_string(),
                    };
                    let since = match before {
                        Some((m, at)) => format!("since {m}'s at {}", place(at)),
                        None => "before it".to_string(),
                    };
                    // (A row there with an error, a figure that could not be read most
                    // likely, is named: the clerk would look for a report that is there.)
                    let (none, mend) = match &flawed_before[..] {
                        [] => (
                            format!("there is no report for {missing} {since}"),
                            "add the missing report",
                        ),
                        flawed => {
                            let places: Vec<String> =
                                flawed.iter().map(|f| place(&f.origin())).collect();
                            let (rows, mend) = match flawed.len() {
                                1 => ("the row at", "mend that row, or add a report missing"),
                                _ => ("the rows at", "mend those rows, or add a report missing"),
                            };
                            (
                                format!(
                                    "there is no figure for {missing} {since} ({rows} {} with an \
                                     error)",
                                    places.join(", ")
                                ),
                                mend,
                            )
                        }
                    };
                    findings.push(warning(
                        &origin,
                        Field::MonthInvestment,
                        format!(
                            "{h_month} {this_month}{} is {month}'s alone, and {none}: the \
                             investment of {missing} is missing from the year-to-date ({mend}, \
                             or give {} here)",
                            Layout::in_wan(&[(&origin.layout, Field::MonthInvestment)]),
                            Field::YtdInvestment.label()
                        ),
                    ));
                }
                expected_from_previous.map(|b| b + this_month)
            }
            // A row of no figure that says something is a report of nothing invested.
            (None, None) if r.said_without_figure() => {
                findings.push(note(
                    &r.origin(),
                    Field::YtdInvestment,
                    format!(
                        "no investment figure for {} in {month}, but its row says something \
                         (形象进度, 存在问题 or a \"-\"): read as reported with nothing invested \
                         this month (give 0 to say so, or the month's figure)",
                        r.id(),
                    ),
                ));
                // (The year-to-date stays as it was, for the months after: 0 in January. After
                // months missing, it is not known.)
                if let Some(before) = expected_from_previous {
                    previous = Some((month, before, r));
                }
                None
            }
            (None, None) => {
                // (A file with no figure at all is named once, by `report_checks`.)
                if !r.flawed() && !r.in_file_without_figures() {
                    findings.push(warning(
                        &r.origin(),
                        Field::YtdInvestment,
                        format!(
                            "no investment figure for {} in {month}, so it is not reported \
                             (未报送) that month (expected {} or {}; the last figure is carried \
                             forward)",
                            r.id(),
                            Field::YtdInvestment.label(),
                            Field::MonthInvestment.label()
                        ),
                    ));
                }
                None
            }
        };
        let Some(ytd) = ytd else {
            continue;
        };
        if let Some((m, before, prev)) = previous
            && ytd < before
            && !fall_said
        {
            let origin = r.origin();
            let header = origin.layout.header_shown(Field::YtdInvestment);
            let unit = Layout::in_wan(&[
                (&origin.layout, Field::YtdInvestment),
                (&prev.origin().layout, Field::YtdInvestment),
            ]);
            findings.push(warning(
                &origin,
                Field::YtdInvestment,
                format!(
                    "{header} {ytd}{unit} is lower than {before}{unit} reported for {m} at {} \
                     (year-to-date should not shrink: expected at least {before}{unit}; a downward \
                     revision?)",
                    ytd_place(&prev, told)
                ),
            ));
        }
        if unplanned && ytd > Decimal::ZERO {
            unplanned = false;
            let origin = r.origin();
            let plan = project.origin.layout.header_shown(Field::AnnualPlan);
            let (field, shown) = ytd_as_shown(&origin, ytd, summed, None);
            findings.push(warning(
                &origin,
                field,
                format!(
                    "{shown} is reported for {}, whose {plan} is 0 ({}): it adds to its group's \
                     year-to-date with nothing planned, raising the group's completion rate \
                     (expected the year's plan in the registry)",
                    project.id,
                    place(&project.origin)
                ),
            ));
        }
        if ytd > project.total_investment && !project.flawed {
            let origin = r.origin();
            let registry = (&*project.origin.layout, Field::TotalInvestment);
            let (field, shown) = ytd_as_shown(&origin, ytd, summed, Some(registry));
            let unit = Layout::in_wan(&[(&origin.layout, field), registry]);
            // (A column whose unit was converted was read in it: no guess about the unit then.
            // In 元, a figure is 10,000 times as large: one 100 times the whole cost, and within
            // it once in 万元, may be.)
            let guess = match Layout::in_wan(&[(&origin.layout, field)]) {
                "" if ytd > project.total_investment * Decimal::ONE_HUNDRED
                    && ytd / YUAN_IN_WAN <= project.total_investment =>
                {
                    "; a figure in 元 instead of 万元?"
                }
                _ => "",
            };
            findings.push(warning(
                &origin,
                field,
                format!(
                    "{shown} is above the project's total investment {}{unit} ({}{guess})",
                    project.total_investment,
                    place(&project.origin)
                ),
            ));
        } else if far_above.is_some_and(|far| ytd > far) {
            let origin = r.origin();
            let registry = (&*project.origin.layout, Field::AnnualPlan);
            let (field, shown) = ytd_as_shown(&origin, ytd, summed, Some(registry));
            let unit = Layout::in_wan(&[(&origin.layout, field), registry]);
            // (A column that names its unit was read in it: no guess about the unit then. In
            // 元, a figure is 10,000 times as large: one 100 times the plan, and not far above
            // it in 万元, may be; twice the plan is no such slip.)
            let guess = match Layout::in_wan(&[(&origin.layout, field)]) {
                "" if ytd > project.annual_plan * Decimal::ONE_HUNDRED
                    && far_above.is_some_and(|far| ytd / YUAN_IN_WAN <= far) =>
                {
                    "; a figure in 元 instead of 万元?"
                }
                _ => "",
            };
            findings.push(warning(
                &origin,
                field,
                format!(
                    "{shown} is far above the annual plan {}{unit} (more than {}×{guess})",
                    project.annual_plan,
                    data.settings.far_above_plan.normalize()
                ),
            ));
        }
        previous = Some((month, mended.unwrap_or(ytd), r));
        if r.ytd_investment().is_some() {
            told = Some(r);
        }
    }
}

/// The column a report row's year-to-date `ytd` is read from (its 累计, else its 本月, `summed`
/// with the months before) and `ytd` as a message shows it: under its header, or as summed from
/// 本月; with 万元 where its column's unit, or that of the registry column it is compared with,
/// is another.
fn ytd_as_shown(
    origin: &Origin,
    ytd: Decimal,
    summed: bool,
    registry: Option<(&Layout, Field)>,
) -> (Field, String) {
    let field = match summed {
        false => Field::YtdInvestment,
        true => Field::MonthInvestment,
    };
    let header = origin.layout.header_shown(field);
    let mut columns = vec![(&*origin.layout, field)];
    columns.extend(registry);
    let unit = Layout::in_wan(&columns);
    let shown = match field {
        Field::YtdInvestment => format!("{header} {ytd}{unit}"),
        _ => format!("year-to-date {ytd}{unit} (summed from {header})"),
    };
    (field, shown)
}

/// 未报送: projects on the list with no report for the latest month anyone reported, or the
/// month asked for if it is before that. A month asked for that no report gives a figure for
/// (after the latest, or its files not read) is one warning: its bulletin counts no project as
/// reported.
fn not_reported(data: &Dataset, findings: &mut Vec<Finding>) {
    let reports = &data.reports;
    if let Some(asked) = data.asked
        && asked.year() == data.plan_year
        && !reports.has_figures(asked)
        && !data.projects.is_empty()
    {
        let none = match reports.has_month(asked) {
            true => format!(
                "the reports for {asked}, the month asked for, give no figure (blank templates?)"
            ),
            false => format!("no report for {asked}, the month asked for, was read"),
        };
        let latest = reports
            .latest_month(Some(data.plan_year))
            .filter(|&m| reports.has_figures(m));
        let bulletin = match latest {
            Some(m) if m < asked => format!(
                "; the latest with figures is {m}: its bulletin carries each project's figures \
                 forward from its last report and counts none as reported"
            ),
            _ => "; its bulletin counts no project as reported".to_string(),
        };
        findings.push(Finding::warning("reports", format!("{none}{bulletin}")));
    }
    let Some(reported) = data.latest_listed_month(Some(data.plan_year)) else {
        return;
    };
    // (A later month's reports of no project on the list then, a stray file of a project
    // dropped after its 调出时间, are no month reported: each file is named.)
    for (month, file) in data.months_off_the_list(reported) {
        findings.push(Finding::warning(
            file,
            format!(
                "its rows for {month} are of no project on the list in {month} (each off the \
                 list by then, or not in the registry): {month} is not taken as the latest month \
                 reported, {reported} is (a file sent by mistake? move it out of reports/)"
            ),
        ));
    }
    let (judged, which) = match data.asked {
        Some(asked) if asked < reported => (asked, "the month asked for"),
        _ => (reported, "the latest month reported"),
    };
    let mut seen = SeenIds::default();
    for p in &data.projects {
        if p.year != data.plan_year || !p.is_listed_in(judged) || !seen.first(p.id_no) {
            continue;
        }
        let timeline = data.reports.timeline(p.id_no, p.year);
        // (A row without any figure or word is no report, as in the bulletin.)
        let row = timeline.at(judged);
        if !row.is_some_and(|r| r.is_a_report()) {
            // (As the bulletin's 最近报送: a blank template row is no report, nor one after.)
            let last = timeline
                .upto(judged)
                .rev()
                .find(|r| r.is_a_report())
                .map_or("no report this year".to_string(), |r| {
                    format!("last report {}", r.month())
                });
            findings.push(warning(
                &p.origin,
                Field::Id,
                format!(
                    "未报送: {} has no report for {judged}{}, {which} ({last})",
                    if p.name.is_empty() {
                        p.id.to_string()
                    } else {
                        format!("{} {}", p.id, p.name)
                    },
                    match row {
                        // (Its error names what could not be read.)
                        Some(r) if r.flawed() => {
                            let at = r.origin();
                            format!(
                                " (its row, {}:{}, has an error and gives no figure)",
                                at.file(),
                                at.line
                            )
                        }
                        Some(_) => " (its row gives no figure)".to_string(),
                        None => String::new(),
                    }
                ),
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn a_district_written_short_or_with_more_words_is_one_place() {
        for (a, b, one) in [
            ("金川区", "金川区", true),
            ("金川", "金川区", true),
            ("金城市金川区", "金川区", true),
            ("金川区人民政府", "金川区", true),
            ("金城市金川区管委会", "金川区", true),
            ("金 川 区", "金川区", true),
            // A county's towns: written short, with the county before, as the government.
            ("城关", "城关镇", true),
            ("河西", "河西乡", true),
            ("东城", "东城街道", true),
            ("河西乡人民政府", "河西乡", true),
            ("青山县城关镇", "城关镇", true),
            ("金川区东城街道", "东城街道", true),
            // Not one place: a name of one character left, another place, a name within.
            ("市", "市区", false),
            ("河", "河东区", false),
            ("高新区", "新区", false),
            ("老城区", "城区", false),
            ("河西乡", "河西镇", false),
            ("城关镇", "城北镇", false),
            ("经济开发区", "开发区", false),
            // Two districts written together are not the second.
            ("金川区龙首区", "龙首区", false),
            ("青山县工业园区", "工业园区", false),
        ] {
            assert_eq!(one_place(a, b), one, "{a} and {b}");
            assert_eq!(one_place(b, a), one, "{b} and {a}");
        }
    }

    #[test]
    fn a_name_with_a_title_joined_to_it() {
        let cases: &[(&str, &[&str])] = &[
            ("张明（副市长）", &["张明"]),
            ("张明(副市长)", &["张明"]),
            ("王五（市委常委、副市长）", &["王五"]),
            ("李华副市长", &["李华", "李华副"]),
            ("欧阳明华常务副县长", &["欧阳明华"]),
            // (No title: a name of its own, or words in brackets that are none.)
            ("张明华", &[]),
            ("张明", &[]),
            ("张明（牵头）", &[]),
            ("（副市长）", &[]),
            ("副市长", &[]),
        ];
        for (part, names) in cases {
            assert_eq!(names_before_a_title(part), *names, "{part}");
        }
    }

    #[test]
    fn files_named_for_a_district() {
        let districts = [
            "金川区",
            "金川县",
            "龙首区",
            "城区",
            "矿区",
            "新区",
            "高新区",
        ];
        let districts = DistrictNames::new(&districts);
        let named = |path: &str| district_named(path, &districts);
        assert_eq!(named("reports/2024-06/金川区.xlsx"), Some("金川区"));
        assert_eq!(named("reports/2024-06/金川县.csv"), Some("金川县"));
        assert_eq!(named("reports/2024年6月金川区进度.csv"), Some("金川区"));
        assert_eq!(named("reports/金川区/6月.csv"), Some("金川区"));
        assert_eq!(named("reports/2024-06/龙首.csv"), Some("龙首区"));
        assert_eq!(named("reports/2024-06/龙首-06.csv"), Some("龙首区"));
        assert_eq!(named("reports/2024-06/高新区.csv"), Some("高新区"));
        // 金川 is 金川区 or 金川县; 主城区 and 更新区 name no district; two parts, two districts.
        assert_eq!(named("reports/2024-06/金川.csv"), None);
        assert_eq!(named("reports/2024-06/主城区汇总.csv"), None);
        assert_eq!(named("reports/更新区县.csv"), None);
        assert_eq!(named("reports/金川区/龙首区.csv"), None);
        assert_eq!(named("reports/2024-06.csv"), None);
        assert_eq!(named("reports/龙首区县报表.csv"), Some("龙首区"));
        assert_eq!(named("reports/2024-06/龙首6月.csv"), Some("龙首区"));
        assert_eq!(named("reports/2024-06/金川区、龙首区.csv"), None);
        assert_eq!(named("reports/2024-06/金川区龙首汇总.csv"), None);
    }

    #[test]
    fn names_listed_in_a_cell() {
        let parts = |name: &'static str| parts_named(name).collect::<Vec<_>>();
        assert_eq!(parts("张三、李四"), ["张三", "李四"]);
        assert_eq!(parts("甲区 / 乙区"), ["甲区", "乙区"]);
        assert_eq!(
            parts("王五（市委常委、副市长）"),
            ["王五（市委常委、副市长）"]
        );
        assert_eq!(
            parts("王五(常委,副市长)、赵六"),
            ["王五(常委,副市长)", "赵六"]
        );
        assert_eq!(parts("张三、"), ["张三"]);
        assert_eq!(parts("张三 李四"), ["张三", "李四"]);
        assert_eq!(parts("张三\r\n李四"), ["张三", "李四"]);
        assert_eq!(parts("张三　李四"), ["张三", "李四"]);
        assert_eq!(
            parts("王五（市委常委 副市长）"),
            ["王五（市委常委 副市长）"]
        );
        assert_eq!(parts("住建局）、交通局"), ["住建局）", "交通局"]);
    }

    #[test]
    fn ids_written_apart_share_a_key() {
        for (a, b) in [
            ("a2", "A2"),
            ("JC 05", "jc5"),
            ("007", "7"),
            ("JC2024-010", "jc2024 10"),
            ("1-1", "1/01"),
            ("P04", "P4"),
            ("0", "00"),
            ("A0B", "a-0-b"),
        ] {
            assert_eq!(id_key(a), id_key(b), "{a} {b}");
        }
        for (a, b) in [
            ("A10", "A1"),
            ("0", ""),
            ("100", "10"),
            ("A0B", "AB"),
            ("B12", "B13"),
            ("1-11", "11-1"),
            ("1-1", "11"),
            ("JC-1-2", "JC-12"),
        ] {
            assert_ne!(id_key(a), id_key(b), "{a} {b}");
        }
    }

    /// Thousandths of a 万元 as written: `12.345`, `0.010`.
    fn written(thousandths: i64) -> String {
        let sign = if thousandths < 0 { "-" } else { "" };
        let t = thousandths.abs();
        format!("{sign}{}.{:03}", t / 1000, t % 1000)
    }

    /// What is done to a month's row of a project whose figures add up: mostly nothing, else
    /// a figure off by just within or just past the tolerance, a year-to-date a little lower
    /// than the month before, a figure left out or given more places than `units` keeps (with
    /// few digits, or too many to pack), one that cannot be read (with the other figure or
    /// without), 前期 with money spent, a start in the month or after it, or no row at all.
    #[derive(Clone, Copy, Debug)]
    enum Change {
        None,
        MonthOff(i64),
        Shrunk,
        NoMonth,
        NoYtd,
        Neither,
        ManyPlaces,
        TinyMonth,
        Unreadable,
        UnreadableAlone,
        NotStarted,
        NotStartedNoYtd,
        StartsNow,
        StartsLater,
        Missing,
    }

    fn change() -> impl Strategy<Value = Change> {
        prop_oneof![
            20 => Just(Change::None),
            4 => prop::sample::select(vec![-11, -10, 10, 11]).prop_map(Change::MonthOff),
            1 => Just(Change::Shrunk),
            1 => Just(Change::NoMonth),
            1 => Just(Change::NoYtd),
            1 => Just(Change::Neither),
            1 => Just(Change::ManyPlaces),
            1 => Just(Change::TinyMonth),
            1 => Just(Change::Unreadable),
            1 => Just(Change::UnreadableAlone),
            1 => Just(Change::NotStarted),
            1 => Just(Change::NotStartedNoYtd),
            1 => Just(Change::StartsNow),
            1 => Just(Change::StartsLater),
            2 => Just(Change::Missing),
        ]
    }

    /// How a project's 总投资 or plan sits against the figure its check compares with.
    #[derive(Clone, Copy, Debug)]
    enum Registered {
        /// Thousandths off it (-1, 0, 1, or far).
        Off(i64),
        /// Zero (a plan of zero has no "far above"), or negative or unreadable (an error: the
        /// project is flawed).
        Zero,
        Negative,
        Unreadable,
    }

    fn registered() -> impl Strategy<Value = Registered> {
        prop_oneof![
            8 => prop::sample::select(vec![-1i64, 0, 1, 1_000_000_000]).prop_map(Registered::Off),
            1 => Just(Registered::Zero),
            1 => Just(Registered::Negative),
            1 => Just(Registered::Unreadable),
        ]
    }

    impl Registered {
        /// As written in the registry, for a figure `at` thousandths.
        fn text(self, at: i64) -> String {
            match self {
                Registered::Off(off) => written((at + off).max(1)),
                Registered::Zero => "0".into(),
                Registered::Negative => "-5".into(),
                Registered::Unreadable => "五千".into(),
            }
        }
    }

    /// A row's 项目状态 as written: often 在建 or blank (a blank one says nothing of a start),
    /// else one saying not started (前期, 未开工), halted (停工, which does not say it started),
    /// finished (竣工), or one not known (ignored, as blank).
    fn status() -> impl Strategy<Value = &'static str> {
        prop_oneof![
            10 => Just("在建"),
            10 => Just(""),
            1 => Just("前期"),
            1 => Just("未开工"),
            3 => Just("停工"),
            1 => Just("竣工"),
            2 => Just("筹备"),
        ]
    }

    /// What the registry says of a project besides its figures: its 建设性质 (blank: none),
    /// its 纳入时间 (a month of the plan year or of the year before), its 计划开工时间 (before, in
    /// or after the plan year), whether its rows before the month it was listed from (else
    /// planned to start) in the plan year are there, and whether its first row gives 本月
    /// alone (its first month listed or of work, or months missing before it); and the month
    /// it started, if it did, which its rows give as 实际开工时间 from then on.
    #[derive(Clone, Debug)]
    struct Listing {
        nature: &'static str,
        listed_from: Option<(i32, usize)>,
        rows_before: bool,
        planned_start: Option<(i32, usize)>,
        first_alone: bool,
        started: Option<(i32, usize)>,
    }

    fn listing() -> impl Strategy<Value = Listing> {
        let month_of = |year: i32| (1usize..=12).prop_map(move |m| Some((year, m)));
        (
            prop::sample::select(vec!["新建", "新建", "续建", ""]),
            prop_oneof![2 => Just(None), 2 => month_of(2024), 1 => month_of(2023)],
            any::<bool>(),
            prop_oneof![2 => Just(None), 1 => month_of(2023), 2 => month_of(2024), 1 => month_of(2025)],
            prop::bool::weighted(0.25),
            prop_oneof![2 => Just(None), 1 => month_of(2023), 2 => month_of(2024)],
        )
            .prop_map(
                |(nature, listed_from, rows_before, planned_start, first_alone, started)| {
                    Listing {
                        nature,
                        listed_from,
                        rows_before,
                        planned_start,
                        first_alone,
                        started,
                    }
                },
            )
    }

    /// A month as the registry writes it, or blank.
    fn month_text(month: Option<(i32, usize)>) -> String {
        month.map_or(String::new(), |(y, m)| format!("{y}-{m:02}"))
    }

    /// A project: its monthly spending in thousandths, what is done to each month's row and
    /// the row's status, how its total investment and plan sit against its year-to-date, and
    /// what else the registry says of it.
    type Generated = (
        Vec<(i64, Change, &'static str)>,
        Registered,
        Registered,
        Listing,
    );

    fn project() -> impl Strategy<Value = Generated> {
        (
            prop::collection::vec(
                (prop_oneof![Just(0i64), 0i64..50_000], change(), status()),
                1..=12,
            ),
            registered(),
            registered(),
            listing(),
        )
    }

    proptest::proptest! {
        #![proptest_config(ProptestConfig::with_cases(128))]

        /// The quick check in units says "clean" exactly when `sequence_checks` finds nothing,
        /// and answers for every project whose amounts have no more places than units keep.
        #[test]
        fn a_sequence_is_clean_when_its_checks_find_nothing(
            projects in prop::collection::vec(project(), 1..6),
            yi in proptest::bool::ANY,
        ) {
            let dir = tempfile::tempdir().unwrap();
            // Every amount in 亿元 or every one in 万元: the tolerance of 本月 against 累计 is a
            // hundredth of the unit.
            let unit = if yi { "亿元" } else { "万元" };
            let mut registry = format!(
                "项目编号,项目名称,所属县区,总投资（{unit}）,年度计划投资（{unit}）,建设性质,\
                 计划开工时间,纳入时间\n",
            );
            let mut months = vec![String::new(); 12];
            let mut places = vec![true; projects.len()];
            for (i, (spending, total, plan, listing)) in projects.iter().enumerate() {
                // The month its rows start (January's 0): all there, or from the month of
                // the plan year it is listed from, else from its planned start.
                let first_row = match (listing.listed_from, listing.planned_start) {
                    _ if listing.rows_before => 0,
                    (Some((2024, m)), _) | (_, Some((2024, m))) => m - 1,
                    _ => 0,
                };
                let (mut ytd, mut first_alone) = (0, listing.first_alone);
                for (m, &(spent, change, status)) in spending.iter().enumerate() {
                    ytd += spent;
                    if m < first_row {
                        continue;
                    }
                    let (mut this_month, mut ytd_text) = (written(spent), written(ytd));
                    // (A start given on its month's row and after.)
                    let mut start = match listing.started {
                        Some((y, s)) if y < 2024 || s <= m + 1 => month_text(listing.started),
                        _ => String::new(),
                    };
                    let mut status = status;
                    match change {
                        Change::None => {}
                        Change::MonthOff(off) => this_month = written(spent + off),
                        Change::Shrunk => ytd_text = written(ytd - spent - 1),
                        Change::NoMonth => this_month.clear(),
                        Change::NoYtd => ytd_text.clear(),
                        Change::Neither => (this_month, ytd_text) = (String::new(), String::new()),
                        Change::ManyPlaces => {
                            ytd_text += "0000000001";
                            places[i] = false;
                        }
                        Change::TinyMonth => {
                            this_month = "0.0000000000001".into();
                            places[i] = false;
                        }
                        Change::Unreadable => ytd_text = "x".into(),
                        Change::UnreadableAlone => (this_month, ytd_text) = (String::new(), "x".into()),
                        Change::NotStarted => status = "前期",
                        Change::NotStartedNoYtd => (status, ytd_text) = ("前期", String::new()),
                        Change::StartsNow => start = format!("2024-{:02}", m + 1),
                        // The month after (m is January's 0).
                        Change::StartsLater => start = format!("2024-{:02}", m + 2).replace("2024-13", "2025-01"),
                        Change::Missing => continue,
                    }
                    if std::mem::take(&mut first_alone) {
                        ytd_text.clear();
                    }
                    months[m] += &format!("P{i},{this_month},{ytd_text},{status},{start}\n");
                }
                // 总投资 against the last year-to-date; 1.5 × the plan (the default "far above")
                // against it too, where thousandths allow.
                registry += &format!(
                    "P{i},项目{i},金川区,{},{},{},{},{}\n",
                    total.text(ytd),
                    plan.text(ytd * 2 / 3),
                    listing.nature,
                    month_text(listing.planned_start),
                    month_text(listing.listed_from)
                );
            }
            std::fs::write(dir.path().join("projects.csv"), registry).unwrap();
            std::fs::create_dir(dir.path().join("reports")).unwrap();
            for (m, rows) in months.iter().enumerate() {
                let text = format!(
                    "项目编号,本月完成投资（{unit}）,累计完成投资（{unit}）,项目状态,实际开工时间\n{rows}"
                );
                let file = dir.path().join(format!("reports/2024-{:02}.csv", m + 1));
                std::fs::write(file, text).unwrap();
            }
            let settings = crate::settings::Settings::load(dir.path()).unwrap();
            let data = crate::load::load_for_check(dir.path(), settings, None).unwrap();
            let registry = registry_checks(&data, &mut Vec::new());
            for t in data.reports.timelines() {
                let (Some(id), Some(year)) = (t.id(), t.year()) else { continue };
                let Some(project) = registry.get(year, id) else { continue };
                let mut found = Vec::new();
                sequence_checks(&data, project, true, t, &mut found);
                let clean = sequence_is_clean(&data, project, true, t);
                let i: usize = data.reports.id(id)[1..].parse().unwrap();
                // (A project with more places may still be found unclean before them.)
                prop_assert!(clean.is_some() || !places[i]);
                if let Some(clean) = clean {
                    prop_assert_eq!(clean, found.is_empty(), "{:?}", found);
                }
            }
        }
    }

    #[test]
    fn units_are_exact_to_twelve_places() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        assert_eq!(units(d("1.5")), Some(1_500_000_000_000));
        assert_eq!(units(d("-0.000000000001")), Some(-1));
        assert_eq!(units(d("0.0000000000001")), None);
        assert_eq!(units(MONTH_TOLERANCE), Some(10_000_000_000));
    }
}

//! Compute: pure functions from loaded rows to a bulletin (月通报) for a month or period.
//!
//! Each figure is defined once, here, as the brief defines it: year-to-date investment with
//! carry-forward, completion rate as a ratio of sums, start rate, lights, ranking. Renderers only
//! format what this module computed.

pub mod period;
pub mod ratio;
pub mod trend;

use std::collections::HashMap;
use std::num::NonZeroU16;

use crate::model::reports::{FreeText, FxMap, Report, Timeline};

use rust_decimal::Decimal;
use serde::Serialize;

use crate::load::Dataset;
use crate::model::{Amount, Nature, Project, SeenIds, Status, YearMonth};
use crate::settings::{Settings, StartRateBase};
pub use period::Period;
pub use ratio::{Ratio, nearest_f64, percent_of, points_between, round};

/// What groups are ranked by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum GroupBy {
    District,
    Department,
    Leader,
    Category,
    Level,
    Stage,
}

impl GroupBy {
    pub fn key(self) -> &'static str {
        match self {
            GroupBy::District => "district",
            GroupBy::Department => "department",
            GroupBy::Leader => "leader",
            GroupBy::Category => "category",
            GroupBy::Level => "level",
            GroupBy::Stage => "stage",
        }
    }

    /// The group a project is in by this grouping; `None` where it leaves the column empty.
    pub fn of(self, p: &Project) -> Option<&str> {
        (self.group_key())(p)
    }

    /// This grouping's bit in `Project::groups_unread`.
    pub fn bit(self) -> u8 {
        1 << self as u8
    }

    /// Whether a project is in no group by this grouping for its cell's undecodable bytes
    /// (`Project::groups_unread`), rather than for a cell left empty.
    pub fn unread(self, p: &Project) -> bool {
        p.groups_unread & self.bit() != 0
    }

    /// What group a project is in by this grouping.
    fn group_key(self) -> GroupKey {
        match self {
            // (Empty only in a row with an error, read on with --allow-errors: no group.)
            GroupBy::District => |p| Some(&*p.district).filter(|d| !d.is_empty()),
            GroupBy::Department => |p| p.department.as_deref(),
            GroupBy::Leader => |p| p.leader.as_deref(),
            GroupBy::Category => |p| p.category.as_deref(),
            GroupBy::Level => |p| p.level.as_deref(),
            GroupBy::Stage => |p| p.stage.as_deref(),
        }
    }
}

/// The group of projects that left a grouping column empty.
pub const UNSPECIFIED: &str = "(未填)";

/// The places the required pace (尚需月均完成投资), a quotient, is worked out to.
const PACE_PLACES: u32 = 4;

/// The projects in no group by a grouping: counted in the totals, ranked in none.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Unranked {
    /// All of them: those that leave the grouping's column empty (no 包抓领导, or `UNSPECIFIED`
    /// written in its place, which reads as none) and those whose cell could not be read.
    pub projects: u64,
    /// Those of them whose cell held undecodable bytes, read as empty (`GroupBy::unread`): not
    /// left empty, so not said to be (县区无法识别, not 未填县区).
    pub unread: u64,
}

impl Unranked {
    /// Counts a project in no group, whose cell could not be read or not.
    pub fn count(&mut self, unread: bool) {
        self.projects += 1;
        self.unread += u64::from(unread);
    }
}

/// The projects of `projects` with no value for the grouping `by`: counted in the totals, in no
/// group.
pub fn unranked(projects: &[ProjectFigures], by: GroupBy) -> Unranked {
    let mut unranked = Unranked::default();
    for pf in projects.iter().filter(|pf| by.of(pf.project).is_none()) {
        unranked.count(by.unread(pf.project));
    }
    unranked
}

/// 红黄绿灯: a project's warning light.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Light {
    Green,
    Yellow,
    Red,
}

/// Why a project has its light.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Percentage points behind (negative: ahead of) the time target, and the decimal places
    /// that show it on the right side of the light's thresholds (30.004 is not "30.0").
    Behind { points: Decimal, places: u8 },
    /// A new start not started, this many months past its planned start.
    Overdue { months: u16, planned: YearMonth },
    /// A new start whose planned start has not passed (it may be this month), started (on time
    /// or early) or not: beside its completion rate, or in its place where the settings spare
    /// such projects (`spare_not_yet_due`).
    NotDue {
        planned: YearMonth,
        this_month: bool,
        started: bool,
    },
    /// No annual plan this year, so no completion rate to judge.
    NoPlan,
}

/// Why a project has its light: overdue, when it is, then where its completion rate stands.
/// Two at most, kept in place (there may be hundreds of thousands of projects).
#[derive(Clone, Copy, Debug)]
pub struct Reasons {
    items: [Reason; 2],
    len: u8,
}

impl Default for Reasons {
    fn default() -> Reasons {
        Reasons {
            items: [Reason::NoPlan; 2],
            len: 0,
        }
    }
}

impl Reasons {
    fn push(&mut self, reason: Reason) {
        debug_assert!(self.len < 2, "a light has two reasons at most");
        if let Some(slot) = self.items.get_mut(usize::from(self.len)) {
            *slot = reason;
            self.len += 1;
        }
    }
}

impl std::ops::Deref for Reasons {
    type Target = [Reason];

    fn deref(&self) -> &[Reason] {
        &self.items[..usize::from(self.len)]
    }
}

/// One project's figures at the report month.
#[derive(Clone, Debug)]
pub struct ProjectFigures<'a> {
    pub project: &'a Project,
    /// The month these figures are at.
    pub at: YearMonth,
    /// 累计完成投资 at the month, carried forward from the last report.
    pub ytd_investment: Amount,
    /// 本月完成投资: the change in year-to-date over the month.
    pub month_investment: Amount,
    /// Completed within the period (quarter, half, year); the month's for a month.
    pub period_investment: Amount,
    pub started: bool,
    /// Counted in the start rate's denominator (always, unless settings count only projects
    /// continuing, planned to start by the month or started already).
    pub in_start_base: bool,
    /// Reported for the month (报送).
    pub reported: bool,
    pub last_report: Option<YearMonth>,
    pub status: Option<Status>,
    pub status_text: Option<&'a str>,
    pub actual_start: Option<YearMonth>,
    /// 逾期未开工: months past the planned start, when overdue. (Years are 1900 to 2200: the
    /// months between fit in 16 bits, and an overdue start is one month late at least.)
    pub overdue_months: Option<NonZeroU16>,
    /// 开而不动: started, yet no investment in the last N months.
    pub idle: bool,
    /// Whether the project's investment over the 开而不动 window is known where some of its
    /// months have no reports (`IdleWindow::gaps`): always where none lacks them, never where
    /// the window is not known.
    pub idle_told: bool,
    pub light: Light,
    /// A new start not yet due, judged not on its completion rate where the settings spare such
    /// projects (`spare_not_yet_due`).
    spared: bool,
    /// The decimal places that show how far it is behind the time target on the right side of
    /// the light's thresholds (`Reason::Behind`).
    behind_places: u8,
    /// At or ahead of the time target; `None` without an annual plan.
    pub on_target: Option<bool>,
    /// Year-to-date at the same month a year earlier, when reports of last year have it.
    pub previous_year_ytd: Option<Amount>,
    /// The free text of this month's report, when there is one and it has any.
    pub free_text: Option<FreeText<'a>>,
    /// The size band of its total investment.
    pub size: Size,
}

impl ProjectFigures<'_> {
    /// 投资完成率: year-to-date over the annual plan.
    /// 本月完成投资 as the month's own figure: none without a report for the month (no
    /// figure, not a reported zero; sums count it as zero).
    pub fn month_figure(&self) -> Option<Amount> {
        self.reported.then_some(self.month_investment)
    }

    pub fn completion_rate(&self) -> Ratio {
        Ratio::new(self.ytd_investment, self.project.annual_plan)
    }

    /// Why it has its light: overdue, when it is, then where its completion rate stands. Worked
    /// out from its figures when asked for, not held beside them (there may be hundreds of
    /// thousands of projects).
    pub fn reasons(&self) -> Reasons {
        self.reasons_given(time_target(self.at).value(), self.completion_rate().value())
    }

    /// `reasons`, given the values of its month's time target and of its completion rate, where
    /// they are worked out already (a bulletin's projects share one time target).
    pub fn reasons_given(
        &self,
        target: Option<Decimal>,
        completion_rate: Option<Decimal>,
    ) -> Reasons {
        self.reasons_behind(points_between(completion_rate, target).map(|over| -over))
    }

    /// `reasons`, given the percentage points it is behind the time target (negative: ahead),
    /// `None` where it has no completion rate.
    fn reasons_behind(&self, behind: Option<Decimal>) -> Reasons {
        let p = self.project;
        let mut reasons = Reasons::default();
        if let (Some(months), Some(planned)) = (self.overdue_months, p.planned_start) {
            let months = months.get();
            reasons.push(Reason::Overdue { months, planned });
        }
        let not_due = due_later(p, self.at).map(|planned| Reason::NotDue {
            planned,
            this_month: planned == self.at,
            started: self.started,
        });
        // By the brief, every project is judged on its completion rate; a new start not yet
        // due is spared that only where the settings say so, and is named as not due either way.
        match (behind, not_due.filter(|_| self.spared)) {
            (_, Some(reason)) => reasons.push(reason),
            (None, None) => reasons.push(Reason::NoPlan),
            (Some(points), None) => reasons.push(Reason::Behind {
                points,
                places: self.behind_places,
            }),
        }
        if let (Some(reason), false) = (not_due, self.spared) {
            reasons.push(reason);
        }
        reasons
    }
}

/// The planned start of a new start not yet due at month `m` (it may be `m`). (Started or not:
/// a start in its planned month is judged no more than none.)
fn due_later(p: &Project, m: YearMonth) -> Option<YearMonth> {
    p.planned_start
        .filter(|&planned| p.is_new_start() && planned >= m)
}

/// A project's light by its reasons and the settings' thresholds: the worst of theirs.
fn light_of(reasons: &[Reason], settings: &Settings) -> Light {
    let light = |reason: &Reason| match *reason {
        Reason::Overdue { months, .. } if u32::from(months) >= settings.red_months_overdue => {
            Light::Red
        }
        Reason::Overdue { .. } => Light::Yellow,
        Reason::Behind { points, .. } if points > settings.red_behind => Light::Red,
        // (Behind at all: at the target, a threshold of 0 turns nothing yellow.)
        Reason::Behind { points, .. }
            if points >= settings.yellow_behind && points > Decimal::ZERO =>
        {
            Light::Yellow
        }
        Reason::Behind { .. } | Reason::NotDue { .. } | Reason::NoPlan => Light::Green,
    };
    reasons.iter().map(light).max().unwrap_or(Light::Green)
}

/// A group's figures: the overview is the group of all projects.
#[derive(Clone, Debug, Default)]
pub struct Figures {
    pub projects: u64,
    pub annual_plan: Amount,
    pub ytd_investment: Amount,
    pub month_investment: Amount,
    pub period_investment: Amount,
    /// 投资完成率 = Σ year-to-date / Σ annual plan.
    pub completion_rate: Ratio,
    pub started: u64,
    /// 开工率 = started / the start base (all projects, or those continuing, planned to start by
    /// the month or started already).
    pub start_rate: Ratio,
    pub new_projects: u64,
    pub new_started: u64,
    /// 新开工项目开工率 = started new starts / new starts.
    pub new_start_rate: Ratio,
    pub reported: u64,
    /// 报送率 = projects that reported for the month / projects.
    pub report_rate: Ratio,
    pub overdue: u64,
    pub idle: u64,
    pub green: u64,
    pub yellow: u64,
    pub red: u64,
    /// 达到序时进度占比 = projects at or ahead of the time target / projects with a plan.
    pub on_target_share: Ratio,
    /// Required pace: (annual plan − year-to-date) / months left, per month, to four places (a
    /// quotient: every output shows this figure, not the quotient's 28 places); `None` in
    /// December.
    pub required_pace: Option<Amount>,
    /// Projects of 1亿 (10000 万元) and 10亿 or more of total investment.
    pub over_100m: u64,
    pub over_1b: u64,
    /// Σ year-to-date of the projects with last year's figure (those 同比 compares).
    pub yoy_ytd_investment: Option<Amount>,
    /// Σ year-to-date a year earlier, over projects with last year's figure.
    pub previous_year_ytd: Option<Amount>,
    /// 同比 = (Σ year-to-date − the same a year earlier) / the same a year earlier, over the
    /// projects that have last year's figure.
    pub yoy_growth: Option<Ratio>,
}

/// A ranked group.
#[derive(Clone, Debug)]
pub struct Ranked {
    pub rank: u32,
    pub group: String,
    /// Rank a period earlier minus rank now: positive is up. `None` when there is no earlier
    /// ranking or the group was not in it.
    pub rank_change: Option<i64>,
    /// weighted min(completion rate, cap) + weighted start rate.
    pub score: Decimal,
    pub figures: Figures,
}

/// One dimension of the structure (结构) tables.
#[derive(Clone, Debug)]
pub struct StructureRow {
    pub group: String,
    pub figures: Figures,
}

/// A problem reported for the month.
#[derive(Clone, Debug)]
pub struct Problem {
    pub id: String,
    pub name: String,
    pub district: String,
    /// The 问题类别 as written (`土地、资金`), or `UNSPECIFIED`.
    pub category: String,
    /// Each category it names (`categories_of`).
    pub categories: Vec<String>,
    pub text: String,
}

/// The bulletin (月通报) for a period.
#[derive(Clone, Debug)]
pub struct Bulletin<'a> {
    pub period: Period,
    /// The month figures are at: the period's last month.
    pub month: YearMonth,
    pub plan_year: i32,
    /// 序时进度 = month number / 12.
    pub time_target: Ratio,
    pub by: GroupBy,
    pub start_rate_base: StartRateBase,
    pub overview: Figures,
    pub ranking: Vec<Ranked>,
    /// The period the rank changes compare with, when its data is there.
    pub compared_with: Option<Period>,
    pub projects: Vec<ProjectFigures<'a>>,
    pub structure: Vec<(&'static str, Vec<StructureRow>)>,
    pub problems: Vec<Problem>,
    /// Whether last year's reports are in the folder for 同比.
    pub has_previous_year: bool,
    /// The first of the 开而不动 window's months the folder has no reports with figures for:
    /// where there is one, no project is known to be idle or not (`idle_window`).
    pub idle_not_known: Option<YearMonth>,
    /// Projects in no group, the grouping's column left empty or unreadable: counted in every
    /// total, ranked in no group.
    pub unranked: Unranked,
    /// The score's weights and cap, from settings.
    pub weights: Weights,
}

/// How a group's score is made.
#[derive(Clone, Copy, Debug)]
pub struct Weights {
    pub completion_weight: Decimal,
    pub start_weight: Decimal,
    pub completion_cap: Decimal,
}

/// A project's year-to-date at the end of each month of a year: the latest reported figure at
/// or before the month, with 本月完成投资 added up where only that is given; zero before the
/// first report.
fn ytd_by_month(timeline: &Timeline) -> [Amount; 12] {
    let mut out = [Decimal::ZERO; 12];
    let mut running = Decimal::ZERO;
    // The first month not yet filled in.
    let mut next = 0;
    for r in timeline.iter() {
        let i = r.month().month() as usize - 1;
        // Months without a report carry the figure before them forward.
        if let Some(gap) = out.get_mut(next..i) {
            gap.fill(running);
        }
        if let Some(ytd) = r.ytd_investment() {
            running = ytd;
        } else if let Some(this_month) = r.month_investment() {
            running += this_month;
        }
        if let Some(slot) = out.get_mut(i) {
            *slot = running;
        }
        next = i + 1;
    }
    if let Some(rest) = out.get_mut(next..) {
        rest.fill(running);
    }
    out
}

/// Whether a timeline tells its year-to-date at the end of `month` for sure: that month's
/// report gives its 累计, or its 本月 on top of a month before known so, or of 1 January's 0 (a
/// 本月 alone tells none where a month before it went unreported).
fn ytd_known_at(timeline: &Timeline, month: YearMonth) -> bool {
    let mut at = month;
    loop {
        let Some(r) = timeline.at(at) else {
            return false;
        };
        if r.ytd_investment().is_some() {
            return true;
        }
        if r.month_investment().is_none() {
            return false;
        }
        match at.prev() {
            Some(prev) if prev.year() == month.year() => at = prev,
            _ => return true,
        }
    }
}

/// The investment of a report's month: its 本月完成投资, else the change in year-to-date since
/// the month before. (They differ where the months before went unreported: a first report of
/// 累计 100 and 本月 20 invested 20 this month, the rest before it.)
fn invested_in(r: Report<'_>, by_month: &[Amount; 12]) -> Amount {
    r.month_investment()
        .unwrap_or_else(|| ytd_at(by_month, r.month()) - ytd_before(by_month, r.month()))
}

/// Year-to-date at the end of month `m` (of the year `by_month` is for).
fn ytd_at(by_month: &[Amount; 12], m: YearMonth) -> Amount {
    by_month[m.month() as usize - 1]
}

/// Year-to-date at the end of the month before `m`, in `m`'s year (zero for January).
fn ytd_before(by_month: &[Amount; 12], m: YearMonth) -> Amount {
    match m.month() {
        1 => Decimal::ZERO,
        n => by_month[n as usize - 2],
    }
}

/// Year-to-date at the end of the month before `period` (0 for one starting in January), as the
/// project's reports tell it: that month's report (`ytd_known_at`); else, where none does (its
/// first report of the year comes within the period, as a project listed mid-year, one whose id
/// changed or one that sent nothing before, or it skipped the month before), its first report
/// with a figure within the period, where that gives both: 累计 − 本月, what was invested before
/// that report's month; else the figure carried forward from its last report before it (0 with
/// none), on which a 本月 alone adds up, and which a 累计 alone above it may take months before
/// the period in with (`base_not_told`).
fn ytd_before_period(timeline: &Timeline, by_month: &[Amount; 12], period: Period) -> Amount {
    let carried = ytd_before(by_month, period.start);
    match first_untold_report(timeline, period) {
        Some(r) => match (r.ytd_investment(), r.month_investment()) {
            (Some(ytd), Some(this_month)) => ytd - this_month,
            _ => carried,
        },
        None => carried,
    }
}

/// Where no report tells a project's year-to-date at the end of the month before `period` (of
/// its year: 1 January's 0 is known), the first of its reports within the period with a figure.
fn first_untold_report<'a>(timeline: &Timeline<'a>, period: Period) -> Option<Report<'a>> {
    let before = period
        .start
        .prev()
        .filter(|b| b.year() == period.start.year())?;
    if ytd_known_at(timeline, before) {
        return None;
    }
    timeline
        .upto(period.end)
        .find(|r| r.month() >= period.start && r.has_a_figure())
}

/// The projects of `period`'s bulletin whose 本期完成投资 (本月 for a month) takes in months before
/// the period: no report tells their year-to-date at the end of the month before it, and their
/// first report within it gives 累计完成投资 alone, above the figure carried forward from their
/// last report before it (or 1 January's 0), all of which is counted as the period's
/// (`ytd_before_period`).
pub fn base_not_told(data: &Dataset, period: Period) -> Vec<&Project> {
    listed(data, period.end)
        .into_iter()
        .filter(|p| {
            let timeline = data.reports.timeline(p.id_no, period.end.year());
            first_untold_report(&timeline, period).is_some_and(|r| {
                let by_month = ytd_by_month(&timeline);
                r.month_investment().is_none()
                    && r.ytd_investment()
                        .is_some_and(|ytd| ytd > ytd_before(&by_month, period.start))
            })
        })
        .collect()
}

/// Months of the year to go after `m` (6 in June, 0 in December).
fn months_left(m: YearMonth) -> u32 {
    12 - m.month()
}

/// The time target (序时进度) at month `m`: `m / 12`.
pub fn time_target(m: YearMonth) -> Ratio {
    Ratio::new(m.month(), 12)
}

/// The bulletin for `period`, ranked by `by`.
pub fn bulletin<'a>(data: &'a Dataset, period: Period, by: GroupBy) -> Bulletin<'a> {
    let mut one = bulletins(data, period, &[by]);
    one.swap_remove(0)
}

/// The bulletin for `period` once per grouping in `bys` (at least one): the projects' figures,
/// overview, structure and problems are computed once and shared, only the rankings differ.
pub fn bulletins<'a>(data: &'a Dataset, period: Period, bys: &[GroupBy]) -> Vec<Bulletin<'a>> {
    let settings = &data.settings;
    let month = period.end;
    // The ranks a period earlier, for rank changes: worked out first, and their projects'
    // figures let go before this period's are made.
    // (Across a year's end, where the registry lists last year's projects too: January against
    // December.)
    // (A month of blank templates alone is no month reported: its ranks would be the month
    // before's, carried forward.)
    let compared_with = period.previous().filter(|p| {
        let year = p.end.year();
        data.reports.has_figures(p.end)
            && (year == month.year() || data.plan_years().contains(&year))
    });
    let earlier: Vec<Option<HashMap<String, u32>>> = match compared_with {
        None => vec![None; bys.len()],
        Some(previous) => earlier_ranks(data, previous, bys)
            .into_iter()
            .map(|ranks| Some(ranks.into_iter().map(|r| (r.group, r.rank)).collect()))
            .collect(),
    };
    let mut projects = project_figures(data, period);
    let has_previous_year = year_before_reported(data, month).is_some();
    // Every grouping's sums, on two cores: the overview's (one group of all), each ranking's
    // and the structure tables'.
    let dims = structure_dims();
    let keys: Vec<GroupKey> = std::iter::once(all as GroupKey)
        .chain(bys.iter().map(|by| by.group_key()))
        .chain(dims.iter().map(|&(_, key)| key))
        .collect();
    let mut groups = group_figures(&projects, &keys, month, has_previous_year).into_iter();
    let overview = groups.next().and_then(|mut all| all.pop()).map_or_else(
        || Sums::default().finish(month, has_previous_year),
        |(_, f)| f,
    );
    let rankings: Vec<(Vec<Ranked>, Unranked)> = bys
        .iter()
        .zip(earlier)
        .zip(groups.by_ref())
        .map(|((&by, earlier), groups)| {
            let mut ranking = ranked(groups, settings);
            if let Some(earlier) = earlier {
                for r in &mut ranking {
                    r.rank_change = earlier
                        .get(&r.group)
                        .map(|&was| i64::from(was) - i64::from(r.rank));
                }
            }
            (ranking, unranked(&projects, by))
        })
        .collect();
    let structure = structure_rows(&dims, groups, &settings.stages);
    let problems = problems_of(&projects);
    // (A window whose months without reports no project's 累计 tells, 本月 alone given or no
    // figure known at its start, is not known either.)
    let idle_not_known = idle_not_known(data, month).or_else(|| {
        let told = projects.iter().any(|f| f.idle_told);
        idle_window(data, month)
            .filter(|w| w.gaps && !told)
            .and_then(|w| idle_gap(data, w.before, month))
    });

    let mut out = Vec::with_capacity(bys.len());
    for (i, (&by, (ranking, unranked))) in bys.iter().zip(rankings).enumerate() {
        out.push(Bulletin {
            period,
            month,
            plan_year: month.year(),
            time_target: time_target(month),
            by,
            start_rate_base: settings.start_rate_base,
            overview: overview.clone(),
            ranking,
            compared_with,
            // The shared parts are cloned for all but the last grouping, which takes them.
            projects: if i + 1 < bys.len() {
                projects.clone()
            } else {
                std::mem::take(&mut projects)
            },
            structure: structure.clone(),
            problems: problems.clone(),
            has_previous_year,
            idle_not_known,
            unranked,
            weights: Weights {
                completion_weight: settings.completion_weight,
                start_weight: settings.start_weight,
                completion_cap: settings.completion_cap,
            },
        });
    }
    out
}

/// The problems reported for the month, project by project: each 存在问题 text. (A 问题类别
/// beside no text is none: most often last month's left beside a 无.)
fn problems_of(projects: &[ProjectFigures]) -> Vec<Problem> {
    projects
        .iter()
        .filter_map(|pf| {
            let free = pf.free_text?;
            let text = free.problems()?.to_string();
            let category = free.problem_category().unwrap_or(UNSPECIFIED);
            Some(Problem {
                id: pf.project.id.to_string(),
                name: pf.project.name.to_string(),
                district: pf.project.district.to_string(),
                category: category.to_string(),
                categories: categories_of(category),
                text,
            })
        })
        .collect()
}

/// The categories a 问题类别 names, as districts write one or several (`土地、资金`, `土地/资金`):
/// each once, in order; `UNSPECIFIED` where it names none. Not split within brackets
/// (`资金（融资、贷款）`), nor where a part would be one character (`水、电、气配套` is one).
pub fn categories_of(written: &str) -> Vec<String> {
    let mut parts: Vec<&str> = Vec::new();
    let (mut depth, mut from) = (0usize, 0);
    for (at, c) in written.char_indices() {
        match c {
            '（' | '(' | '【' | '[' => depth += 1,
            '）' | ')' | '】' | ']' => depth = depth.saturating_sub(1),
            '、' | '，' | ',' | '；' | ';' | '/' | '／' if depth == 0 => {
                parts.push(&written[from..at]);
                from = at + c.len_utf8();
            }
            _ => {}
        }
    }
    parts.push(&written[from..]);
    let parts: Vec<&str> = parts
        .iter()
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() {
        return vec![UNSPECIFIED.to_string()];
    }
    if parts.iter().any(|p| p.chars().count() < 2) {
        return vec![written.trim().to_string()];
    }
    // (Each once, by a set: a cell may list thousands.)
    let mut seen = std::collections::HashSet::new();
    (parts.into_iter())
        .filter(|part| seen.insert(*part))
        .map(str::to_string)
        .collect()
}

/// Every listed project's figures at the period's end.
pub(crate) fn project_figures(data: &Dataset, period: Period) -> Vec<ProjectFigures<'_>> {
    projects_listed_in(data, period.end, period)
}

/// The figures at `period`'s end of the projects on the list in `m`, which may be later: a form
/// for `m` shows the month before's figures of each of its projects, of one listed from `m`
/// (纳入时间) too, as `m`'s bulletin counts them.
pub fn projects_listed_in(data: &Dataset, m: YearMonth, period: Period) -> Vec<ProjectFigures<'_>> {
    // The time target's value, worked out once (a division of 28 digits).
    let target = time_target(period.end).value();
    let window = idle_window(data, period.end);
    let year_before = year_before_reported(data, period.end);
    crate::par::map(&listed(data, m), |p| {
        figures_of(data, p, period, target, window, year_before)
    })
}

/// The month a year before `m`, if the folder has reports with figures for it: 同比 compares
/// with it then (a project's figure carried forward from its last report before it, as this
/// year's are), and not at all without it (last year's reports running only to an earlier
/// month would be compared as if they were the same month's).
pub fn year_before_reported(data: &Dataset, m: YearMonth) -> Option<YearMonth> {
    m.year_before()
        .filter(|&before| data.reports.has_figures(before))
}

/// The 开而不动 window ending at `m` (its last N months), where the folder's reports tell of
/// it (`idle_not_known`).
#[derive(Clone, Copy, Debug)]
struct IdleWindow {
    /// The month before the window.
    before: YearMonth,
    /// Whether some of its months have no reports with figures, told only by `m`'s 累计.
    gaps: bool,
}

/// The 开而不动 window ending at `m`, if the folder's reports tell a project's investment in
/// it: each of its months has reports with figures, or is of `m`'s year before `m`, which has
/// some (January's and February's reported together in February's file, as offices do for
/// 春节: a project's 累计 then tells its investment over both). (January's window reaches into
/// December, of which there may be no files; a month of blank templates dropped in tells no
/// more than none.)
fn idle_window(data: &Dataset, m: YearMonth) -> Option<IdleWindow> {
    let before = (0..data.settings.idle_months).try_fold(m, |acc, _| acc.prev())?;
    let gaps = idle_gap(data, before, m).is_some();
    idle_not_known(data, m)
        .is_none()
        .then_some(IdleWindow { before, gaps })
}

/// The first month of the 开而不动 window after `before` and ending at `m` of no reports with
/// figures.
fn idle_gap(data: &Dataset, before: YearMonth, m: YearMonth) -> Option<YearMonth> {
    std::iter::successors(before.next(), |w| w.next())
        .take_while(|w| *w <= m)
        .find(|&w| !data.reports.has_figures(w))
}

/// The first month of the 开而不动 window ending at `m` that the folder's reports do not tell
/// (`idle_window`).
pub fn idle_not_known(data: &Dataset, m: YearMonth) -> Option<YearMonth> {
    let months = data.settings.idle_months;
    // (A window reaching before the first month held, 1900-01, is not known either.)
    let Some(first) = (1..months).try_fold(m, |acc, _| acc.prev()) else {
        return YearMonth::new(1900, 1);
    };
    let told_by_m = |w: YearMonth| w.year() == m.year() && w < m && data.reports.has_figures(m);
    std::iter::successors(Some(first), |w| w.next())
        .take_while(|w| *w <= m)
        .find(|&w| !data.reports.has_figures(w) && !told_by_m(w))
}

/// The projects on the list in month `m`: a project listed twice in a year counts once, as it
/// first appears.
fn listed(data: &Dataset, m: YearMonth) -> Vec<&Project> {
    let mut seen = SeenIds::default();
    data.projects
        .iter()
        .filter(|p| p.year == m.year() && p.is_listed_in(m) && seen.first(p.id_no))
        .collect()
}

/// Whether a report up to month `m` gave a status that shows the project started.
fn shows_started(timeline: &Timeline, m: YearMonth) -> bool {
    timeline
        .upto(m)
        .any(|r| r.status().is_some_and(Status::shows_started))
}

/// Where a project stands at month `m`: its year-to-date month by month (from its reports of
/// `m`'s year, `timeline`), when it started, whether it has, and whether it counts in the start
/// rate's denominator. What a group's score needs of it, and where its other figures start.
struct Standing {
    by_month: [Amount; 12],
    actual_start: Option<YearMonth>,
    started: bool,
    in_start_base: bool,
}

fn standing(data: &Dataset, p: &Project, timeline: &Timeline, m: YearMonth) -> Standing {
    let settings = &data.settings;
    let by_month = ytd_by_month(timeline);
    let mut actual_start = timeline.upto(m).rev().find_map(|r| r.actual_start());
    // Once started, always started: a project reported 在建 in March and 停工 in June has
    // started all the same.
    let mut started = p.nature == Some(Nature::Continuing)
        || shows_started(timeline, m)
        || actual_start.is_some_and(|s| s <= m);
    // So too across years: a new start copied into next year's registry as it was (新建, its
    // planned start last year's) started when last year's reports said it did, though this
    // year's leave 项目状态 and 实际开工时间 blank.
    if !started || actual_start.is_none() {
        for earlier in data.reports.earlier_of(p, m.year()) {
            let start = earlier.iter().rev().find_map(|r| r.actual_start());
            actual_start = actual_start.or(start);
            started |= start.is_some_and(|s| s <= m) || shows_started(&earlier, m);
            if actual_start.is_some() {
                break;
            }
        }
    }
    let in_start_base = match settings.start_rate_base {
        StartRateBase::All => true,
        StartRateBase::Planned => {
            started
                || p.nature == Some(Nature::Continuing)
                || p.planned_start.is_some_and(|s| s <= m) && p.nature != Some(Nature::Reserve)
                || (p.nature.is_none() && p.planned_start.is_none())
        }
    };
    Standing {
        by_month,
        actual_start,
        started,
        in_start_base,
    }
}

/// The groups' ranks a period earlier, for each grouping in `bys`, worked out from each
/// project's standing alone (a score is its group's completion and start rates): the same
/// ranks as its full bulletin's, without the rest of its figures.
fn earlier_ranks(data: &Dataset, period: Period, bys: &[GroupBy]) -> Vec<Vec<Ranked>> {
    let m = period.end;
    let listed = listed(data, m);
    let keys: Vec<GroupKey> = bys.iter().map(|by| by.group_key()).collect();
    // (plan, year-to-date, started in the base, base) by group, for each grouping: added up on
    // this thread in the projects' order as their standings are worked out on every core.
    type Tally = (Amount, Amount, u64, u64);
    let mut sums: Vec<FxMap<&str, Tally>> = keys.iter().map(|_| FxMap::default()).collect();
    let mut taken = 0;
    crate::par::in_order(
        &listed,
        crate::par::BATCH,
        |batch| {
            batch
                .iter()
                .map(|p| {
                    let timeline = data.reports.timeline(p.id_no, m.year());
                    let s = standing(data, p, &timeline, m);
                    (ytd_at(&s.by_month, m), s.started, s.in_start_base)
                })
                .collect::<Vec<_>>()
        },
        |standings| {
            let projects = listed.get(taken..).unwrap_or(&[]);
            taken += standings.len();
            for (p, (ytd, started, in_base)) in projects.iter().zip(standings) {
                for (key, sums) in keys.iter().zip(&mut sums) {
                    let s = sums.entry(key(p).unwrap_or(UNSPECIFIED)).or_default();
                    s.0 += p.annual_plan;
                    s.1 += ytd;
                    s.2 += u64::from(in_base && started);
                    s.3 += u64::from(in_base);
                }
            }
            true
        },
    );
    sums.into_iter()
        .map(|sums| {
            let groups = sums.into_iter().map(|(group, (plan, ytd, started, base))| {
                let figures = Figures {
                    completion_rate: Ratio::new(ytd, plan),
                    start_rate: Ratio::new(started, base),
                    ..Figures::default()
                };
                (group, figures)
            });
            ranked(groups, &data.settings)
        })
        .collect()
}

/// One project's figures at the period's end, `target` the value of its month's time target,
/// `window` its `idle_window`, `year_before` its `year_before_reported`.
fn figures_of<'a>(
    data: &'a Dataset,
    p: &'a Project,
    period: Period,
    target: Option<Decimal>,
    window: Option<IdleWindow>,
    year_before: Option<YearMonth>,
) -> ProjectFigures<'a> {
    let settings = &data.settings;
    let m = period.end;
    {
        let timeline = data.reports.timeline(p.id_no, m.year());
        let Standing {
            by_month,
            actual_start,
            started,
            in_start_base,
        } = standing(data, p, &timeline, m);
        // A row without any figure or word (a blank template dropped in) is not a report.
        let latest = timeline.upto(m).rev().find(|r| r.is_a_report());
        // The status is the last one given, carried over rows that leave it out (one of no
        // text is an actual start's 已开工).
        let with_status =
            (timeline.upto(m).rev()).find(|r| r.status_text().is_some() || r.status().is_some());
        let report = timeline.at(m);
        let ytd = ytd_at(&by_month, m);
        let month_investment = match report {
            Some(r) => invested_in(r, &by_month),
            None => Decimal::ZERO,
        };
        // (A period of one month is the month: its reported 本月完成投资 where given.)
        let period_investment = if period.start == m {
            month_investment
        } else {
            ytd - ytd_before_period(&timeline, &by_month, period)
        };
        let status = with_status.and_then(|r| r.status());
        let completion_rate = Ratio::new(ytd, p.annual_plan).value();

        let overdue_months = match p.planned_start {
            // (Years are 1900 to 2200: any count of months between fits, and is one or more.)
            Some(planned) if p.is_new_start() && !started && planned < m => Some(
                u16::try_from(planned.months_until(m))
                    .ok()
                    .and_then(NonZeroU16::new)
                    .unwrap_or(NonZeroU16::MAX),
            ),
            _ => None,
        };
        let spared = settings.spare_not_yet_due && due_later(p, m).is_some();
        // Percentage points behind the time target (negative: ahead), shown to the places that
        // keep it on the right side of the light's thresholds.
        let behind = points_between(completion_rate, target).map(|over| -over);
        let behind_places = match behind {
            Some(behind) if !spared => places_beside(
                behind,
                &[Decimal::ZERO, settings.yellow_behind, settings.red_behind],
            ),
            _ => 1,
        };

        // 开而不动: no investment over the last N months, for a project started before them
        // and not finished. A month's investment is its reported 本月完成投资, else the change in
        // year-to-date since the month before; a month without a report adds nothing, but a
        // rise in year-to-date over the window, from a figure known at its start, is
        // investment in it (a month gone unreported, or a first report's 累计 above its 本月,
        // invested the difference within it). Only
        // months the folder has reports for tell (`idle_window`), and the project's only where
        // it was on the list.
        // (Finished by the last status given, this year's, else the latest year's before it: a
        // project finished last year and listed again, its reports leaving 项目状态 blank.)
        let finished =
            |status: Option<Status>| matches!(status, Some(Status::Finished | Status::Operating));
        // Where some of the window's months have no reports, the project's investment in them
        // is told only by its 累计 at `m` over a figure known at the window's start, not
        // below it (a fall is a revision: what the months between gave is not known).
        let idle_told = window.is_some_and(|IdleWindow { before, gaps }| {
            let start = match before.year() < m.year() {
                true => Some(Decimal::ZERO),
                false => ytd_known_at(&timeline, before).then(|| ytd_at(&by_month, before)),
            };
            !gaps
                || ytd_known_at(&timeline, m)
                    && start.is_some_and(|start| ytd_at(&by_month, m) >= start)
        });
        let idle = started
            && !finished(status)
            && (status.is_some()
                || !finished(
                    data.reports
                        .earlier_of(p, m.year())
                        .first()
                        .and_then(|t| t.iter().rev().find_map(|r| r.status())),
                ))
            && window.is_some_and(|IdleWindow { before, .. }| {
                // Without an actual start, a project started before the window if a report by
                // then said so (one that first says 在建 within it started within it), in the
                // window's year or a year before it (as `started` looks across years).
                let started_before = p.nature == Some(Nature::Continuing)
                    || match actual_start {
                        Some(s) => s <= before,
                        None if before.year() == m.year() => shows_started(&timeline, before),
                        None => shows_started(&data.reports.timeline_of(p, before.year()), before),
                    }
                    || actual_start.is_none()
                        && data
                            .reports
                            .earlier_of(p, before.year())
                            .iter()
                            .any(|earlier| shows_started(earlier, before));
                // Whether year-to-date rose over the window's months of the year `timeline` is
                // of, where its figure at their start is known: 0 on 1 January, else as the
                // month before the window's report tells it (`ytd_known_at`). (From an earlier
                // report, the rise may be of the months between, before the window.)
                let rises = |timeline: &Timeline, by_month: &[Amount; 12], year: i32| {
                    let start = match year == before.year() {
                        true if ytd_known_at(timeline, before) => ytd_at(by_month, before),
                        true => return false,
                        false => Decimal::ZERO,
                    };
                    let end = match year == m.year() {
                        true => ytd_at(by_month, m),
                        false => by_month[11],
                    };
                    end > start
                };
                let invested = timeline
                    .upto(m)
                    .filter(|r| r.month() > before)
                    .any(|r| invested_in(r, &by_month) > Decimal::ZERO)
                    || rises(&timeline, &by_month, m.year())
                    || (before.year()..m.year()).any(|year| {
                        // The window's months of years before, in their reports (of last year
                        // alone but for a window of over a year).
                        let earlier = data.reports.timeline_of(p, year);
                        let earlier_by_month = ytd_by_month(&earlier);
                        earlier
                            .iter()
                            .filter(|r| r.month() > before)
                            .any(|r| invested_in(r, &earlier_by_month) > Decimal::ZERO)
                            || rises(&earlier, &earlier_by_month, year)
                    });
                // Each of the window's months tells of this project only where it was on the
                // list then (纳入时间 by the window's first month) and, in a year before, where
                // it has reports of that year: else its investment then is not known.
                // (`before` is the month before the window: December's year is no window's
                // year in February's.)
                let first = before.next().unwrap_or(m);
                let known = p.listed_from.is_none_or(|from| from <= first)
                    && (first.year()..m.year())
                        .all(|year| data.reports.timeline_of(p, year).iter().next().is_some())
                    && idle_told;
                known && started_before && !invested
            });

        let previous_year_ytd = year_before.and_then(|before| {
            let earlier = data.reports.timeline_of(p, before.year());
            // (A blank row, no figure in it, is no report: no figure to compare with.)
            earlier.upto(before).find(|r| r.has_a_figure())?;
            Some(ytd_at(&ytd_by_month(&earlier), before))
        });

        let mut figures = ProjectFigures {
            project: p,
            at: m,
            ytd_investment: ytd,
            month_investment,
            period_investment,
            started,
            in_start_base,
            reported: report.is_some_and(|r| r.is_a_report()),
            last_report: latest.map(|r| r.month()),
            status,
            status_text: with_status.and_then(|r| r.status_text()),
            actual_start,
            overdue_months,
            idle,
            idle_told,
            // (Judged below, by its reasons.)
            light: Light::Green,
            spared,
            behind_places,
            on_target: completion_rate.map(|rate| target.is_some_and(|t| rate >= t)),
            previous_year_ytd,
            free_text: report.and_then(|r| r.free_text()),
            size: Size::of(p.total_investment),
        };
        figures.light = light_of(&figures.reasons_behind(behind), settings);
        figures
    }
}

/// Decimal places for showing `points` so that, rounded, it does not land on a threshold it is
/// not equal to (zero among them: a project a hair behind is not shown "0.0 points behind"):
/// one place, or as many more as that takes near a threshold (at most its own, at which it is
/// shown exactly).
fn places_beside(points: Decimal, thresholds: &[Decimal]) -> u8 {
    let mut places = 1;
    while places < points.scale()
        && thresholds
            .iter()
            .any(|&t| round(points, places) == t && points != t)
    {
        places += 1;
    }
    // (A decimal has at most 28 places.)
    u8::try_from(places).unwrap_or(u8::MAX)
}

/// A group's figures in the making: its projects added one at a time.
#[derive(Clone, Debug, Default)]
struct Sums {
    f: Figures,
    start_base: u64,
    rated: u64,
    on_target: u64,
    previous: Decimal,
    ytd_with_previous: Decimal,
    any_previous: bool,
}

impl Sums {
    fn add(&mut self, pf: &ProjectFigures) {
        let (f, p) = (&mut self.f, pf.project);
        f.projects += 1;
        f.annual_plan += p.annual_plan;
        f.ytd_investment += pf.ytd_investment;
        f.month_investment += pf.month_investment;
        f.period_investment += pf.period_investment;
        if pf.in_start_base {
            self.start_base += 1;
            f.started += u64::from(pf.started);
        }
        if p.is_new_start() {
            f.new_projects += 1;
            f.new_started += u64::from(pf.started);
        }
        f.reported += u64::from(pf.reported);
        f.overdue += u64::from(pf.overdue_months.is_some());
        f.idle += u64::from(pf.idle);
        match pf.light {
            Light::Green => f.green += 1,
            Light::Yellow => f.yellow += 1,
            Light::Red => f.red += 1,
        }
        if let Some(on) = pf.on_target {
            self.rated += 1;
            self.on_target += u64::from(on);
        }
        f.over_100m += u64::from(pf.size >= Size::Over100m);
        f.over_1b += u64::from(pf.size >= Size::Over1b);
        if let Some(prev) = pf.previous_year_ytd {
            self.any_previous = true;
            self.previous += prev;
            self.ytd_with_previous += pf.ytd_investment;
        }
    }

    fn finish(self, m: YearMonth, with_yoy: bool) -> Figures {
        let mut f = self.f;
        f.completion_rate = Ratio::new(f.ytd_investment, f.annual_plan);
        f.start_rate = Ratio::new(f.started, self.start_base);
        f.new_start_rate = Ratio::new(f.new_started, f.new_projects);
        f.report_rate = Ratio::new(f.reported, f.projects);
        f.on_target_share = Ratio::new(self.on_target, self.rated);
        f.required_pace = match months_left(m) {
            0 => None,
            left => {
                let rest = (f.annual_plan - f.ytd_investment).max(Decimal::ZERO);
                Some(round(rest / Decimal::from(left), PACE_PLACES))
            }
        };
        if with_yoy && self.any_previous {
            f.yoy_ytd_investment = Some(self.ytd_with_previous);
            f.previous_year_ytd = Some(self.previous);
            f.yoy_growth = Some(Ratio::new(
                self.ytd_with_previous - self.previous,
                self.previous,
            ));
        }
        f
    }
}

/// A group's figures from its projects' figures.
pub fn aggregate<'p, 'a: 'p>(
    projects: impl IntoIterator<Item = &'p ProjectFigures<'a>>,
    m: YearMonth,
    with_yoy: bool,
) -> Figures {
    let mut sums = Sums::default();
    for pf in projects {
        sums.add(pf);
    }
    sums.finish(m, with_yoy)
}

/// What groups a project is in, by one grouping.
type GroupKey = for<'x> fn(&'x Project) -> Option<&'x str>;

/// The one group of every project, for the overview.
fn all(_: &Project) -> Option<&str> {
    Some("")
}

/// One grouping's sums as they are added up, found by a group's text. Names are held in one or
/// two places (`Names`), so a text is looked up by where it is in memory first: no hashing of the
/// text nor comparing it, for all but the first project of each place. Every project of a
/// text adds into the same sums, in the projects' order, wherever its text is held.
#[derive(Default)]
struct Groups<'a> {
    sums: Vec<(&'a str, Sums)>,
    by_text: FxMap<&'a str, usize>,
    by_place: FxMap<(usize, usize), usize>,
}

impl<'a> Groups<'a> {
    fn of(&mut self, group: &'a str) -> &mut Sums {
        let place = (group.as_ptr() as usize, group.len());
        let i = match self.by_place.get(&place) {
            Some(&i) => i,
            None => {
                let sums = &mut self.sums;
                let i = *self.by_text.entry(group).or_insert_with(|| {
                    sums.push((group, Sums::default()));
                    sums.len() - 1
                });
                self.by_place.insert(place, i);
                i
            }
        };
        &mut self.sums[i].1
    }
}

/// Each grouping's groups' figures, in the order each group first comes among the projects
/// (`ranked` and `structure_rows` put them in theirs); an empty key is its own group
/// (`UNSPECIFIED`). The groupings are shared between two threads, each summing its groupings in
/// one pass over the projects in their order: a sum that needs more digits than a decimal holds
/// is rounded at the same steps however the work is shared.
fn group_figures<'a>(
    projects: &[ProjectFigures<'a>],
    keys: &[GroupKey],
    m: YearMonth,
    with_yoy: bool,
) -> Vec<Vec<(&'a str, Figures)>> {
    let sum = |keys: &[GroupKey]| {
        let mut sums: Vec<Groups<'a>> = std::iter::repeat_with(Groups::default)
            .take(keys.len())
            .collect();
        for pf in projects {
            for (key, groups) in keys.iter().zip(&mut sums) {
                groups.of(key(pf.project).unwrap_or(UNSPECIFIED)).add(pf);
            }
        }
        sums
    };
    let (these, those) = keys.split_at(keys.len() / 2);
    let sums = if crate::par::worth_a_thread(projects.len()) && !these.is_empty() {
        std::thread::scope(|scope| {
            let other = scope.spawn(|| sum(those));
            let mut sums = sum(these);
            match other.join() {
                Ok(more) => sums.extend(more),
                Err(e) => std::panic::resume_unwind(e),
            }
            sums
        })
    } else {
        sum(keys)
    };
    sums.into_iter()
        .map(|groups| {
            groups
                .sums
                .into_iter()
                .map(|(group, sums)| (group, sums.finish(m, with_yoy)))
                .collect()
        })
        .collect()
}

/// A group's score: weighted capped completion rate plus weighted start rate; a rate that is
/// n/a counts as zero. As it is shown, to `SHOWN_SCORE_PLACES`: groups are ranked by the score
/// a reader sees, so that two shown alike (53.33) share a rank.
pub fn score(f: &Figures, settings: &Settings) -> Decimal {
    let completion = f
        .completion_rate
        .value()
        .unwrap_or_default()
        .min(settings.completion_cap);
    let start = f.start_rate.value().unwrap_or_default();
    let exact = settings.completion_weight * completion + settings.start_weight * start;
    // (To `SCORE_PLACES` first: a score of a half in the last place shown, divided out as
    // …4999…, is rounded as the half it is.)
    round(exact.round_dp(SCORE_PLACES), SHOWN_SCORE_PLACES)
}

/// The places a score is shown to: a fraction to four places, 53.33 of 100.
const SHOWN_SCORE_PLACES: u32 = 4;

/// The places of a score that the data decide. Rates are divided out to 28 significant digits,
/// and the last of them are the division's rounding: 4/21 × 0.7 + 1 × 0.3 and 1/3 × 0.7 + 2/3 ×
/// 0.3, both 13/30, came out one in the 28th place apart and were ranked 1 and 2. Two scores that
/// truly differ do so well before the 24th place unless the plans they divide by run past 10^12
/// of the smallest unit written each.
const SCORE_PLACES: u32 = 24;

/// Groups ranked by score, highest first; equal scores share a rank (1, 2, 2, 4) and are
/// ordered by name in pinyin order (`in_pinyin_order`). Projects without a value for the grouping
/// are in no group.
pub fn rank(
    projects: &[ProjectFigures],
    by: GroupBy,
    m: YearMonth,
    settings: &Settings,
    with_yoy: bool,
) -> Vec<Ranked> {
    let groups = group_figures(projects, &[by.group_key()], m, with_yoy)
        .pop()
        .unwrap_or_default();
    ranked(groups, settings)
}

/// Groups with their figures, ranked by score (see `rank`).
fn ranked<'a>(
    groups: impl IntoIterator<Item = (&'a str, Figures)>,
    settings: &Settings,
) -> Vec<Ranked> {
    let mut ranked: Vec<Ranked> = groups
        .into_iter()
        .filter(|(group, _)| *group != UNSPECIFIED)
        .map(|(group, figures)| Ranked {
            rank: 0,
            score: score(&figures, settings),
            group: group.to_string(),
            rank_change: None,
            figures,
        })
        .collect();
    // (The name itself last: a character of the private use area has no bytes of its own.)
    ranked.sort_by_cached_key(|r| {
        let name = r.group.clone();
        (std::cmp::Reverse(r.score), in_pinyin_order(&name), name)
    });
    // A group's rank is one more than the groups scoring above it: sorted so, the place of the
    // first of its score (1, 2, 2, 4).
    let mut above: Option<(Decimal, u32)> = None;
    for (at, r) in ranked.iter_mut().enumerate() {
        r.rank = match above {
            Some((score, rank)) if score == r.score => rank,
            _ => at as u32 + 1,
        };
        above = Some((r.score, r.rank));
    }
    ranked
}

/// A name's place near the order Excel and WPS sort Chinese in, by pinyin: its GB18030 bytes,
/// which put GB2312's 3755 common characters in pinyin order (甲区 before 乙区) and ASCII before
/// them; its 3008 less common ones follow, by radical, and rarer ones have places of their own.
pub(crate) fn in_pinyin_order(name: &str) -> Vec<u8> {
    encoding_rs::GB18030.encode(name).0.into_owned()
}

/// The structure tables' groupings: by category, nature, investor, level, stage and size.
fn structure_dims() -> [(&'static str, GroupKey); 6] {
    [
        ("category", |p| p.category.as_deref()),
        ("nature", |p| p.nature.map(|n| n.label())),
        ("investor", |p| p.investor.as_deref()),
        ("level", |p| p.level.as_deref()),
        ("stage", |p| p.stage.as_deref()),
        ("size", |p| Some(size_band(p.total_investment))),
    ]
}

/// The structure tables from their groupings' figures (in pinyin order): the stages in the
/// order settings give them (四个一批's from 竣工投产 to 加快前期), others after them (the sizes'
/// labels are in order, from the largest, as they are); the projects of no group
/// (`UNSPECIFIED`) last.
fn structure_rows<'a>(
    dims: &[(&'static str, GroupKey)],
    groups: impl IntoIterator<Item = Vec<(&'a str, Figures)>>,
    stages: &[String],
) -> Vec<(&'static str, Vec<StructureRow>)> {
    dims.iter()
        .zip(groups)
        .map(|(&(name, _), mut groups)| {
            groups.sort_by_cached_key(|&(group, _)| (in_pinyin_order(group), group));
            if name == "stage" {
                groups.sort_by_key(|&(group, _)| {
                    stages.iter().position(|s| s == group).unwrap_or(usize::MAX)
                });
            }
            groups.sort_by_key(|&(group, _)| group == UNSPECIFIED);
            let rows = groups
                .into_iter()
                .map(|(group, figures)| StructureRow {
                    group: group.to_string(),
                    figures,
                })
                .collect();
            (name, rows)
        })
        .collect()
}

/// Size bands of total investment (1亿 = 10000 万元).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Size {
    /// 1亿元以下.
    Under100m,
    /// 1亿-10亿元.
    Over100m,
    /// 10亿元以上.
    Over1b,
}

impl Size {
    pub fn of(total: Amount) -> Size {
        if total >= Decimal::from(100_000) {
            Size::Over1b
        } else if total >= Decimal::from(10_000) {
            Size::Over100m
        } else {
            Size::Under100m
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Size::Over1b => "10亿元以上",
            Size::Over100m => "1亿-10亿元",
            Size::Under100m => "1亿元以下",
        }
    }
}

/// The size band of a total investment, as the structure table names it.
pub fn size_band(total: Amount) -> &'static str {
    Size::of(total).label()
}

#[cfg(test)]
mod tests {
    use super::{Groups, Light, Reason, Reasons, light_of, places_beside};
    use crate::model::YearMonth;
    use crate::settings::Settings;
    use rust_decimal::Decimal;

    #[test]
    fn points_near_a_threshold_are_shown_with_the_places_that_keep_them_off_it() {
        let d = |s: &str| s.parse::<Decimal>().unwrap();
        let thresholds = [d("0"), d("10"), d("30")];
        for (points, places) in [
            // Behind or ahead by less than 0.05: not 0.0.
            ("0.04", 2),
            ("-0.04", 2),
            ("0.0001", 4),
            ("0", 1),
            ("12.34", 1),
            ("30", 1),
            ("29.96", 2),
            ("9.995", 3),
            // Red, a hair past 30: never shown as 30.0000.
            ("30.00002", 5),
            ("30.0000000000000000000000001", 25),
        ] {
            assert_eq!(places_beside(d(points), &thresholds), places, "{points}");
        }
    }

    #[test]
    fn a_light_is_the_worst_its_reasons_give() {
        // (Thresholds by default: yellow 10 points behind, red over 30 or 3 months overdue.)
        let settings = Settings::default();
        let planned = YearMonth::new(2024, 3).unwrap();
        let behind = |points: i64| Reason::Behind {
            points: Decimal::from(points),
            places: 1,
        };
        let overdue = |months| Reason::Overdue { months, planned };
        let not_due = Reason::NotDue {
            planned,
            this_month: true,
            started: false,
        };
        for (given, light) in [
            (vec![behind(-5)], Light::Green),
            (vec![behind(0)], Light::Green),
            (vec![behind(10)], Light::Yellow),
            (vec![behind(30)], Light::Yellow),
            (vec![behind(31)], Light::Red),
            (vec![Reason::NoPlan], Light::Green),
            (vec![behind(40), not_due], Light::Red),
            (vec![not_due], Light::Green),
            (vec![overdue(2), behind(-5)], Light::Yellow),
            (vec![overdue(2), behind(31)], Light::Red),
            (vec![overdue(3), Reason::NoPlan], Light::Red),
        ] {
            let mut reasons = Reasons::default();
            for &reason in &given {
                reasons.push(reason);
            }
            assert_eq!(light_of(&reasons, &settings), light, "{given:?}");
        }
    }

    #[test]
    fn a_group_is_one_however_many_places_hold_its_text() {
        let (a, b) = (String::from("金川区"), String::from("金川区"));
        let other = String::from("永昌县");
        let mut groups = Groups::default();
        groups.of(&a).start_base += 1;
        groups.of(&b).start_base += 1;
        groups.of(&other).start_base += 1;
        groups.of(&a).start_base += 1;
        let counts: Vec<(&str, u64)> = groups
            .sums
            .iter()
            .map(|(g, s)| (*g, s.start_base))
            .collect();
        assert_eq!(counts, [("金川区", 3), ("永昌县", 1)]);
    }
}

//! Figures across months: completion rate per group month by month (`trend`), and one project's
//! history with its light each month (`show`).

use std::collections::HashMap;

use super::{GroupBy, Period, ProjectFigures, Ratio, Unranked, project_figures, rank, time_target};
use crate::load::Dataset;
use crate::model::{Project, YearMonth};

/// Completion rates per month.
#[derive(Clone, Debug)]
pub struct Trend {
    pub by: GroupBy,
    pub months: Vec<YearMonth>,
    /// 序时进度 of each month.
    pub time_target: Vec<Ratio>,
    /// The completion rate of all projects, each month.
    pub overall: Vec<Ratio>,
    /// Each group's completion rate each month; `None` where the group had no project listed.
    pub groups: Vec<(String, Vec<Option<Ratio>>)>,
    /// Projects without a value for the grouping (no 包抓领导) listed in any of the months, each
    /// once: in `overall` those months, in no group. (Not the last month's alone: a project taken
    /// off the list before it is in the earlier months' `overall` too.)
    pub unranked: Unranked,
}

/// The months from `from` to `to`, inclusive.
pub fn months(from: YearMonth, to: YearMonth) -> Vec<YearMonth> {
    let mut out = Vec::new();
    let mut m = Some(from);
    while let Some(month) = m {
        if month > to {
            break;
        }
        out.push(month);
        m = month.next();
    }
    out
}

pub fn trend(data: &Dataset, from: YearMonth, to: YearMonth, by: GroupBy) -> Trend {
    let months = months(from, to);
    let mut groups: HashMap<String, Vec<Option<Ratio>>> = HashMap::new();
    let mut overall = Vec::new();
    // (Each registry row once, by its place, however many months it is listed in; with whether
    // its cell could not be read.)
    let mut unranked: HashMap<(&str, u64), bool> = HashMap::new();
    for (i, &m) in months.iter().enumerate() {
        let projects = project_figures(data, Period::month(m));
        overall.push(super::aggregate(&projects, m, false).completion_rate);
        unranked.extend(
            projects
                .iter()
                .filter(|pf| by.of(pf.project).is_none())
                .map(|pf| {
                    let at = (pf.project.origin.file(), pf.project.origin.line);
                    (at, by.unread(pf.project))
                }),
        );
        for r in rank(&projects, by, m, &data.settings, false) {
            groups
                .entry(r.group)
                .or_insert_with(|| vec![None; months.len()])[i] = Some(r.figures.completion_rate);
        }
    }
    // (Groups in the order a ranking lists ties in, by pinyin: 甲区 before 乙区.)
    let mut groups: Vec<_> = groups.into_iter().collect();
    groups.sort_by_cached_key(|(name, _)| (super::in_pinyin_order(name), name.clone()));
    Trend {
        by,
        time_target: months.iter().map(|&m| time_target(m)).collect(),
        months,
        overall,
        groups,
        unranked: unranked
            .into_values()
            .fold(Unranked::default(), |mut all, unread| {
                all.count(unread);
                all
            }),
    }
}

/// A project's figures each month from January of its plan year to `to`; `None` when the
/// project is not in the registry for `to`'s year.
pub fn history<'a>(
    data: &'a Dataset,
    id: &str,
    to: YearMonth,
) -> Option<(&'a Project, Vec<ProjectFigures<'a>>)> {
    let project = data
        .projects
        .iter()
        .find(|p| *p.id == *id && p.year == to.year())?;
    let jan = YearMonth::new(to.year(), 1)?;
    let rows = months(jan, to)
        .into_iter()
        .filter_map(|m| {
            project_figures(data, Period::month(m))
                .into_iter()
                .find(|pf| *pf.project.id == *id)
        })
        .collect();
    Some((project, rows))
}

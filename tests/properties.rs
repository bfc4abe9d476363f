//! Property tests of the figures: whatever the projects and reports, group totals are the sums
//! of their projects, the overall completion rate is the ratio of the summed amounts, ranks are
//! a competition ranking (1, 2, 2, 4), and an amount written out reads back equal.

use std::path::PathBuf;
use std::sync::Arc;

use proptest::prelude::*;
use rust_decimal::Decimal;
use xmtool::compute::{self, GroupBy, Period, round};
use xmtool::load::header::Field;
use xmtool::load::value::parse_amount;
use xmtool::load::{Dataset, Role, Source};
use xmtool::model::reports::{FileRows, Numbered, ReportRow, TextsFor};
use xmtool::model::{Layout, Nature, Origin, Project, Reports, Status, YearMonth};
use xmtool::settings::Settings;

fn origin(file: &str, line: u64) -> Origin {
    Origin {
        layout: Arc::new(Layout {
            file: file.to_string(),
            columns: vec![(Field::Id, 1)],
            headers: vec!["项目编号".to_string()],
            scales: Vec::new(),
            doubled: Vec::new(),
            ytd_through: None,
            month_of: None,
            spread: Default::default(),
            differing: Default::default(),
            unknown_statuses: Default::default(),
            refused: Default::default(),
            plans: Vec::new(),
            plan_fallback: None,
            workbook: false,
            date1904: false,
        }),
        line,
    }
}

/// A project: district index, new start?, plan and total in tenths of 万元, planned start month.
type ProjectSpec = (u8, bool, u32, u32, u8);
/// A report: project index, month, year-to-date in tenths, status.
type ReportSpec = (usize, u8, u32, u8);

fn dataset(projects: &[ProjectSpec], reports: &[ReportSpec]) -> Dataset {
    dataset_with(projects, reports, 0)
}

/// Whether project `i` reports 本月完成投资 alone (no 累计), by `month_only`'s bit `i % 64`.
fn reports_months_alone(month_only: u64, i: usize) -> bool {
    month_only >> (i % 64) & 1 == 1
}

/// `dataset`, the projects `month_only` says (`reports_months_alone`) reporting each month's
/// figure alone: a report's amount is their 本月完成投资, not a 累计.
fn dataset_with(projects: &[ProjectSpec], reports: &[ReportSpec], month_only: u64) -> Dataset {
    let districts = ["甲区", "乙区", "丙县", "丁县", "戊区"];
    let statuses = [
        None,
        Some(Status::NotStarted),
        Some(Status::Building),
        Some(Status::Suspended),
    ];
    let mut ids = Numbered::default();
    let ps: Vec<Project> = projects
        .iter()
        .enumerate()
        .map(|(i, &(d, new, plan, extra, start))| Project {
            id: format!("P{i}").into(),
            id_no: ids.number(&format!("P{i}")),
            id_reused_back: 0,
            name: format!("项目{i}").into(),
            district: districts[d as usize % districts.len()].into(),
            department: None,
            leader: None,
            category: Some(["工业", "城建"][i % 2].into()),
            level: None,
            nature: Some(if new { Nature::New } else { Nature::Continuing }),
            investor: None,
            total_investment: Decimal::new(i64::from(plan) + i64::from(extra), 1),
            annual_plan: Decimal::new(i64::from(plan), 1),
            planned_start: YearMonth::new(2024, u32::from(start % 12) + 1),
            planned_finish: None,
            stage: None,
            listed_from: None,
            delisted: None,
            year: 2024,
            origin: origin("projects.csv", i as u64 + 2),
            flawed: false,
            unread: 0,
            groups_unread: 0,
            start_whole_year: None,
            ditto: 0,
        })
        .collect();
    let mut rs = Reports::new(ids.into(), TextsFor::Latest);
    let mut rows = FileRows::new(origin("reports/r.csv", 1).layout, &rs.rows_for());
    for (i, &(p, m, ytd, status)) in reports.iter().enumerate() {
        if p >= ps.len() {
            continue;
        }
        let amount = Some(Decimal::new(i64::from(ytd), 1));
        let months_alone = reports_months_alone(month_only, p);
        rows.push(&ReportRow {
            id: format!("P{p}").into(),
            name: None,
            district: None,
            annual_plan: None,
            month: YearMonth::new(2024, u32::from(m % 12) + 1).unwrap(),
            month_investment: amount.filter(|_| months_alone),
            ytd_investment: amount.filter(|_| !months_alone),
            status: statuses[status as usize % statuses.len()],
            status_text: None,
            actual_start: None,
            progress: None,
            problems: None,
            problem_category: None,
            line: i as u64 + 2,
            flawed: false,
            said: false,
            worded: false,
            texts_digest: 0,
        });
    }
    rs.add(rows);
    Dataset {
        dir: PathBuf::from("."),
        settings: Settings::default(),
        plan_year: 2024,
        year_only_asked: false,
        asked: None,
        projects: ps,
        reports: rs,
        sources: vec![Source {
            path: "projects.csv".into(),
            size: 0,
            sha256: None,
            role: Role::Registry,
            raw: None,
            found: "projects.csv".into(),
            workbook: false,
        }],
        findings: Vec::new(),
        figures_end: None,
        swallowed: Vec::new(),
        refused: Vec::new(),
        yearless: Vec::new(),
    }
}

fn specs() -> impl Strategy<Value = (Vec<ProjectSpec>, Vec<ReportSpec>, u8)> {
    (
        prop::collection::vec(
            (
                0u8..5,
                any::<bool>(),
                0u32..5_000_000,
                0u32..1_000_000,
                0u8..12,
            ),
            0..40,
        ),
        prop::collection::vec((0usize..40, 0u8..12, 0u32..6_000_000, 0u8..4), 0..120),
        0u8..12,
    )
}

/// Groupings are summed on two threads: each group's figures (the overview's, the ranking's and
/// the structure tables') are still those of its projects summed one by one in order, even where
/// a sum needs more digits than a decimal holds and is rounded along the way.
#[test]
fn groups_are_their_projects_summed_in_order() {
    let projects: Vec<ProjectSpec> = (0..20_000u32)
        .map(|i| {
            let plan = i * 37 % 5_000_000;
            ((i % 7) as u8, i % 3 == 0, plan, i % 1_000, (i % 12) as u8)
        })
        .collect();
    let reports: Vec<ReportSpec> = (0..40_000usize)
        .map(|i| {
            (
                i % 20_000,
                (i / 20_000 * 5) as u8,
                (i * 7919 % 6_000_000) as u32,
                (i % 4) as u8,
            )
        })
        .collect();
    let mut data = dataset(&projects, &reports);
    // Plans of 28 digits, 24 of them decimals: their sums are rounded at every step.
    for (i, p) in data.projects.iter_mut().enumerate() {
        let whole = 1 + i as i128 % 9_999;
        let decimals = (i as i128 * 7_919_000_000_007) % 10i128.pow(24);
        p.annual_plan = Decimal::from_i128_with_scale(whole * 10i128.pow(24) + decimals, 24);
    }
    let month = YearMonth::new(2024, 6).unwrap();
    let b = compute::bulletin(&data, Period::month(month), GroupBy::District);
    assert!(b.overview.annual_plan.scale() < 24, "the sum was rounded");
    let at_once = |keep: &dyn Fn(&Project) -> bool| {
        let mine = b.projects.iter().filter(|pf| keep(pf.project));
        format!("{:?}", compute::aggregate(mine, month, b.has_previous_year))
    };
    assert_eq!(format!("{:?}", b.overview), at_once(&|_| true));
    assert!(b.ranking.len() == 5 && b.overview.projects == 20_000);
    for r in &b.ranking {
        assert_eq!(
            format!("{:?}", r.figures),
            at_once(&|p| *p.district == *r.group)
        );
    }
    let (_, by_category) = b
        .structure
        .iter()
        .find(|(name, _)| *name == "category")
        .unwrap();
    assert_eq!(by_category.len(), 2);
    for row in by_category {
        let same = |p: &Project| p.category.as_deref() == Some(row.group.as_str());
        assert_eq!(format!("{:?}", row.figures), at_once(&same));
    }
}

/// Rank changes over projects enough for several batches on each core: the earlier ranks'
/// sums are taken a batch at a time, in order, as the cores work the batches out.
#[test]
fn rank_changes_agree_with_the_earlier_bulletin_over_many_batches() {
    let projects: Vec<ProjectSpec> = (0..5000u32)
        .map(|i| {
            (
                (i % 5) as u8,
                i % 3 == 0,
                1000 + i * 7 % 5000,
                i % 100,
                (i % 12) as u8,
            )
        })
        .collect();
    let reports: Vec<ReportSpec> = (0..5000usize)
        .flat_map(|p| {
            let (a, b) = (
                (p as u32 * 13) % 4000,
                (p as u32 * 29 + p as u32 % 5 * 900) % 6000,
            );
            [(p, 4, a, (p % 4) as u8), (p, 5, a + b, ((p + 1) % 4) as u8)]
        })
        .collect();
    let data = dataset(&projects, &reports);
    let month = |m| Period::month(YearMonth::new(2024, m).unwrap());
    let now = compute::bulletin(&data, month(6), GroupBy::District);
    let before = compute::bulletin(&data, month(5), GroupBy::District);
    assert_eq!(now.ranking.len(), 5);
    for r in &now.ranking {
        let was = before.ranking.iter().find(|e| e.group == r.group).unwrap();
        assert_eq!(r.rank_change, Some(i64::from(was.rank) - i64::from(r.rank)));
    }
    assert!(
        now.ranking.iter().any(|r| r.rank_change != Some(0)),
        "ranks moved"
    );
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// A group's rank change is its rank in the bulletin a month earlier, worked out in full,
    /// less its rank now (the earlier ranks are worked out from what a score needs alone).
    #[test]
    fn rank_changes_agree_with_the_earlier_bulletin(
        (projects, reports, m) in specs(),
        planned in any::<bool>(),
        by_category in any::<bool>(),
    ) {
        let mut data = dataset(&projects, &reports);
        if planned {
            data.settings.start_rate_base = xmtool::settings::StartRateBase::Planned;
        }
        let by = if by_category { GroupBy::Category } else { GroupBy::District };
        let month = YearMonth::new(2024, u32::from(m) + 1).unwrap();
        let b = compute::bulletin(&data, Period::month(month), by);
        match month.prev().filter(|p| p.year() == 2024 && data.reports.has_month(*p)) {
            None => prop_assert!(b.ranking.iter().all(|r| r.rank_change.is_none())),
            Some(prev) => {
                let before = compute::bulletin(&data, Period::month(prev), by);
                for r in &b.ranking {
                    let was = before.ranking.iter().find(|e| e.group == r.group);
                    prop_assert_eq!(
                        r.rank_change,
                        was.map(|e| i64::from(e.rank) - i64::from(r.rank))
                    );
                }
            }
        }
    }

    #[test]
    fn group_totals_are_the_sums_of_their_projects((projects, reports, m) in specs()) {
        let data = dataset(&projects, &reports);
        let month = YearMonth::new(2024, u32::from(m) + 1).unwrap();
        let b = compute::bulletin(&data, Period::month(month), GroupBy::District);
        let sum = |f: fn(&compute::Figures) -> Decimal| -> Decimal {
            b.ranking.iter().map(|r| f(&r.figures)).sum()
        };
        let count = |f: fn(&compute::Figures) -> u64| -> u64 {
            b.ranking.iter().map(|r| f(&r.figures)).sum()
        };
        prop_assert_eq!(sum(|f| f.annual_plan), b.overview.annual_plan);
        prop_assert_eq!(sum(|f| f.ytd_investment), b.overview.ytd_investment);
        prop_assert_eq!(count(|f| f.projects), b.overview.projects);
        prop_assert_eq!(count(|f| f.started), b.overview.started);
        prop_assert_eq!(count(|f| f.red + f.yellow + f.green), b.overview.projects);
        prop_assert_eq!(count(|f| f.overdue), b.overview.overdue);
        // The project rows add up to the overview too.
        let plan: Decimal = b.projects.iter().map(|p| p.project.annual_plan).sum();
        let ytd: Decimal = b.projects.iter().map(|p| p.ytd_investment).sum();
        prop_assert_eq!(plan, b.overview.annual_plan);
        prop_assert_eq!(ytd, b.overview.ytd_investment);
    }

    /// Each project's year-to-date and whether it reported, worked out here from the brief's
    /// rule (the 累计 of its latest report at or before the month, its first row where a month
    /// has two; the 本月 figures to the month summed where it gives those alone), and the
    /// overall completion rate their sum over the summed plans.
    #[test]
    fn the_overall_rate_is_the_ratio_of_the_summed_amounts(
        (projects, reports, m) in specs(),
        month_only in any::<u64>(),
    ) {
        let data = dataset_with(&projects, &reports, month_only);
        let month = YearMonth::new(2024, u32::from(m) + 1).unwrap();
        let b = compute::bulletin(&data, Period::month(month), GroupBy::District);
        // Each project's first row of each month, by month number.
        let mut firsts = vec![std::collections::BTreeMap::new(); projects.len()];
        for &(p, month, ytd, _) in &reports {
            if p < projects.len() {
                firsts[p].entry(u32::from(month % 12) + 1).or_insert(Decimal::new(i64::from(ytd), 1));
            }
        }
        let mut total = Decimal::ZERO;
        for (i, rows) in firsts.iter().enumerate() {
            let upto = rows.range(..=month.month());
            let ytd = match reports_months_alone(month_only, i) {
                true => upto.map(|(_, a)| *a).sum(),
                false => upto.last().map_or(Decimal::ZERO, |(_, a)| *a),
            };
            let figures = b.projects.iter().find(|f| *f.project.id == *format!("P{i}"));
            let figures = figures.expect("every project is in the bulletin");
            prop_assert_eq!(figures.ytd_investment, ytd, "P{}", i);
            prop_assert_eq!(figures.reported, rows.contains_key(&month.month()), "P{}", i);
            total += ytd;
        }
        let plan: Decimal = data.projects.iter().map(|p| p.annual_plan).sum();
        prop_assert_eq!(b.overview.completion_rate.num, total);
        prop_assert_eq!(b.overview.completion_rate.den, plan);
        prop_assert_eq!(b.overview.completion_rate.value(), if plan.is_zero() {
            None
        } else {
            Some(total / plan)
        });
    }

    #[test]
    fn ranks_are_a_competition_ranking((projects, reports, m) in specs()) {
        let data = dataset(&projects, &reports);
        let month = YearMonth::new(2024, u32::from(m) + 1).unwrap();
        for by in [GroupBy::District, GroupBy::Category] {
            let b = compute::bulletin(&data, Period::month(month), by);
            let r = &b.ranking;
            for (i, g) in r.iter().enumerate() {
                let higher = r.iter().filter(|o| o.score > g.score).count() as u32;
                prop_assert_eq!(g.rank, higher + 1);
                if i > 0 {
                    // Highest score first; ties in pinyin order (by GB18030 bytes).
                    let pinyin = |name: &str| encoding_rs::GB18030.encode(name).0.into_owned();
                    prop_assert!(r[i - 1].score > g.score
                        || (r[i - 1].score == g.score && pinyin(&r[i - 1].group) < pinyin(&g.group)));
                }
            }
            if let Some(first) = r.first() {
                prop_assert_eq!(first.rank, 1);
            }
            let mut names: Vec<&str> = r.iter().map(|g| g.group.as_str()).collect();
            names.sort();
            names.dedup();
            prop_assert_eq!(names.len(), r.len(), "each group once");
        }
    }

    #[test]
    fn a_written_amount_reads_back_equal(units in -1_000_000_000_000i64..1_000_000_000_000, scale in 0u32..5) {
        let amount = Decimal::new(units, scale);
        // As CSV writes it: plain.
        prop_assert_eq!(parse_amount(&amount.normalize().to_string()), Ok(Some(amount)));
        // As people see it: grouped and rounded to 2 places.
        let shown = xmtool::render::format::amount(amount);
        prop_assert_eq!(parse_amount(&shown), Ok(Some(round(amount, 2).normalize())));
        // In 亿 with its unit.
        let yi = amount / Decimal::from(10_000);
        prop_assert_eq!(parse_amount(&format!("{}亿", yi.normalize())), Ok(Some(amount.normalize())));
    }
}

//! A data folder generator at any size, in the layout of the brief, for benchmarks and tests at
//! scale:
//!
//! ```sh
//! cargo run --release --example gen -- DIR --projects 100000 --months 12 [--year 2024] [--seed 1]
//!     [--per-district] [--xlsx]
//! ```
//!
//! It writes DIR/xmtool.toml, DIR/projects.csv and DIR/reports/YEAR-MM.csv (one file per month,
//! every project reporting year-to-date and this month's investment, with a few projects missing
//! each month). `--per-district` writes a file per district and month instead
//! (DIR/reports/YEAR-MM/<district>.csv), and `--xlsx` writes the reports as .xlsx workbooks (amounts
//! as numbers, as Excel keeps them) instead of CSV: the same rows in the same order either way. The figures follow the same patterns as the bundled example: new and continuing
//! projects, late starts, and districts ahead of and behind the time target.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::PathBuf;

/// A small, fast, deterministic generator (SplitMix64): the same seed gives the same folder.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

const CATEGORIES: [&str; 9] = [
    "工业",
    "基础设施",
    "社会民生",
    "城建",
    "现代服务业",
    "农业",
    "文化旅游",
    "物流",
    "生态环保",
];
const LEVELS: [&str; 3] = ["省级", "市级", "县级"];
const INVESTORS: [&str; 4] = ["政府", "民间", "国企", "PPP"];
const DISTRICT_SUFFIX: [&str; 3] = ["区", "县", "市"];
const SYLLABLES: [&str; 16] = [
    "金", "河", "新", "东", "北", "南", "永", "青", "白", "安", "高", "经", "兴", "平", "宁", "川",
];

struct Args {
    dir: PathBuf,
    projects: u64,
    months: u32,
    year: i32,
    seed: u64,
    per_district: bool,
    xlsx: bool,
}

const USAGE: &str =
    "usage: gen DIR [--projects N] [--months M] [--year Y] [--seed S] [--per-district] [--xlsx]";

fn parse_args() -> Result<Args, String> {
    let mut args = std::env::args().skip(1);
    let mut dir = None;
    let (mut projects, mut months, mut year, mut seed) = (1000, 12, 2024, 1);
    let (mut per_district, mut xlsx) = (false, false);
    while let Some(a) = args.next() {
        let mut value = |name: &str| -> Result<u64, String> {
            args.next()
                .and_then(|v| v.parse().ok())
                .ok_or(format!("{name} needs a number"))
        };
        match a.as_str() {
            "--projects" => projects = value("--projects")?,
            "--months" => months = value("--months")? as u32,
            "--year" => year = value("--year")? as i32,
            "--seed" => seed = value("--seed")?,
            "--per-district" => per_district = true,
            "--xlsx" => xlsx = true,
            "-h" | "--help" => return Err(USAGE.into()),
            _ if dir.is_none() && !a.starts_with('-') => dir = Some(PathBuf::from(a)),
            _ => return Err(format!("unexpected argument {a}")),
        }
    }
    let dir = dir.ok_or(USAGE)?;
    if !(1..=12).contains(&months) {
        return Err("--months must be 1 to 12".into());
    }
    Ok(Args {
        dir,
        projects,
        months,
        year,
        seed,
        per_district,
        xlsx,
    })
}

struct Project {
    id: String,
    district: usize,
    new_start: bool,
    plan_tenths: u64,
    /// Month the project starts investing (1 for continuing projects); 13 = never this year.
    start_month: u32,
    /// How fast it invests relative to the time target, in percent.
    pace: u64,
}

fn main() -> std::io::Result<()> {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let mut rng = Rng(args.seed);
    std::fs::create_dir_all(args.dir.join("reports"))?;
    std::fs::write(
        args.dir.join("xmtool.toml"),
        format!("year = {}\n", args.year),
    )?;

    let districts = (args.projects / 800).clamp(12, 400) as usize;
    let names: Vec<String> = (0..districts)
        .map(|i| {
            let a = SYLLABLES[i % SYLLABLES.len()];
            let b = SYLLABLES[(i / SYLLABLES.len() + 3 * i) % SYLLABLES.len()];
            let suffix = DISTRICT_SUFFIX[i % DISTRICT_SUFFIX.len()];
            format!(
                "{a}{b}{}{suffix}",
                i / (SYLLABLES.len() * SYLLABLES.len()) + 1
            )
        })
        .collect();
    // Each district's pace: most near the time target, some well ahead or behind.
    let district_pace: Vec<u64> = (0..districts).map(|_| 50 + rng.below(90)).collect();

    let mut projects = Vec::with_capacity(args.projects as usize);
    let mut registry = BufWriter::new(File::create(args.dir.join("projects.csv"))?);
    writeln!(
        registry,
        "项目编号,项目名称,所属县区,责任单位,项目类别,项目级别,建设性质,投资主体,总投资（万元）,年度计划投资（万元）,计划开工时间,年度目标"
    )?;
    for n in 0..args.projects {
        let district = rng.below(districts as u64) as usize;
        let new_start = rng.chance(55);
        let total_tenths = 20_000 + rng.below(6_000_000);
        let plan_tenths = (total_tenths * (20 + rng.below(50)) / 100).max(10);
        let planned = if new_start {
            1 + rng.below(10) as u32
        } else {
            0
        };
        let start_month = if !new_start {
            1
        } else if rng.chance(8) {
            13
        } else {
            planned + rng.below(3) as u32
        };
        let id = format!("P{}-{n:07}", args.year);
        let category = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
        writeln!(
            registry,
            "{id},{}{category}项目{n},{},{}发展和改革局,{category},{},{},{},{},{},{},{}",
            names[district],
            names[district],
            names[district],
            LEVELS[rng.below(3) as usize],
            if new_start { "新建" } else { "续建" },
            INVESTORS[rng.below(4) as usize],
            tenths(total_tenths),
            tenths(plan_tenths),
            if new_start {
                format!("{}-{planned:02}", args.year)
            } else {
                format!(
                    "{}-{:02}",
                    args.year - 1 - rng.below(2) as i32,
                    1 + rng.below(12)
                )
            },
            if new_start {
                "争取开工"
            } else {
                "加快建设"
            },
        )?;
        projects.push(Project {
            id,
            district,
            new_start,
            plan_tenths,
            start_month,
            pace: (district_pace[district] * (70 + rng.below(60)) / 100).min(130),
        });
    }
    registry.flush()?;

    let mut ytd = vec![0u64; projects.len()];
    for month in 1..=args.months {
        let name = format!("{}-{month:02}", args.year);
        let mut sheets: Vec<Sheet> = if args.per_district {
            std::fs::create_dir_all(args.dir.join("reports").join(&name))?;
            let sheets = names
                .iter()
                .map(|d| Sheet::new(&args, &format!("{name}/{d}")));
            sheets.collect::<std::io::Result<_>>()?
        } else {
            vec![Sheet::new(&args, &name)?]
        };
        for (i, p) in projects.iter().enumerate() {
            // About 1% of projects miss a month; their figure is carried forward.
            if rng.chance(1) {
                continue;
            }
            let started = month >= p.start_month;
            let this_month = if started {
                let target = p.plan_tenths * p.pace / 100 * u64::from(month) / 12;
                target.saturating_sub(ytd[i]).min(p.plan_tenths * 2)
            } else {
                0
            };
            ytd[i] += this_month;
            let (status, start) = match (started, p.new_start) {
                (false, _) => ("前期", String::new()),
                (true, true) => ("在建", format!("{}-{:02}", 2024, p.start_month)),
                (true, false) => ("在建", String::new()),
            };
            let progress = if started {
                "施工中"
            } else {
                "前期手续办理中"
            };
            let sheet = if args.per_district {
                &mut sheets[p.district]
            } else {
                &mut sheets[0]
            };
            sheet.row(&[
                Cell::Text(&p.id),
                Cell::Text(&name),
                Cell::Tenths(this_month),
                Cell::Tenths(ytd[i]),
                Cell::Text(status),
                Cell::Text(&start),
                Cell::Text(progress),
            ])?;
        }
        for sheet in sheets {
            sheet.finish()?;
        }
    }
    eprintln!(
        "wrote {} projects in {districts} districts and {} months of reports to {}",
        projects.len(),
        args.months,
        args.dir.display()
    );
    Ok(())
}

const REPORT_HEADER: [&str; 7] = [
    "项目编号",
    "报告月份",
    "本月完成投资（万元）",
    "累计完成投资（万元）",
    "项目状态",
    "实际开工时间",
    "形象进度",
];

enum Cell<'a> {
    Text(&'a str),
    /// An amount in tenths of 万元.
    Tenths(u64),
}

/// One report file being written: CSV, or an .xlsx workbook saved when finished.
enum Sheet {
    Csv(BufWriter<File>),
    Xlsx {
        workbook: Box<rust_xlsxwriter::Workbook>,
        path: PathBuf,
        row: u32,
    },
}

impl Sheet {
    /// A report file at DIR/reports/NAME.csv (or .xlsx), its header written.
    fn new(args: &Args, name: &str) -> std::io::Result<Sheet> {
        let path = args.dir.join("reports").join(name);
        let mut sheet = if args.xlsx {
            let mut workbook = Box::new(rust_xlsxwriter::Workbook::new());
            workbook.add_worksheet();
            Sheet::Xlsx {
                workbook,
                path: path.with_extension("xlsx"),
                row: 0,
            }
        } else {
            Sheet::Csv(BufWriter::new(File::create(path.with_extension("csv"))?))
        };
        sheet.row(&REPORT_HEADER.map(Cell::Text))?;
        Ok(sheet)
    }

    fn row(&mut self, cells: &[Cell]) -> std::io::Result<()> {
        match self {
            Sheet::Csv(out) => {
                for (i, cell) in cells.iter().enumerate() {
                    if i > 0 {
                        out.write_all(b",")?;
                    }
                    match cell {
                        Cell::Text(t) => out.write_all(t.as_bytes())?,
                        Cell::Tenths(t) => out.write_all(tenths(*t).as_bytes())?,
                    }
                }
                out.write_all(b"\n")
            }
            Sheet::Xlsx { workbook, row, .. } => {
                let sheet = workbook.worksheet_from_index(0).map_err(io_error)?;
                for (col, cell) in (0u16..).zip(cells) {
                    match cell {
                        Cell::Text("") => continue,
                        Cell::Text(t) => sheet.write_string(*row, col, *t),
                        Cell::Tenths(t) => sheet.write_number(*row, col, *t as f64 / 10.0),
                    }
                    .map_err(io_error)?;
                }
                *row += 1;
                Ok(())
            }
        }
    }

    fn finish(self) -> std::io::Result<()> {
        match self {
            Sheet::Csv(mut out) => out.flush(),
            Sheet::Xlsx {
                mut workbook, path, ..
            } => workbook.save(&path).map_err(io_error),
        }
    }
}

fn io_error(e: rust_xlsxwriter::XlsxError) -> std::io::Error {
    std::io::Error::other(e)
}

/// Tenths of 万元 as text: 12345 → "1234.5".
fn tenths(t: u64) -> String {
    if t.is_multiple_of(10) {
        (t / 10).to_string()
    } else {
        format!("{}.{}", t / 10, t % 10)
    }
}

//! `check` on a whole folder: a fixed registry and any bytes as a monthly report (the first
//! byte picks CSV or workbook), loaded, checked and made into a bulletin, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use xmtool::compute::{self, GroupBy, Period};
use xmtool::model::YearMonth;
use xmtool::settings::Settings;

const REGISTRY: &str = "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资,计划开工时间\n\
    A1,路网,甲区,续建,1000,400,2023-03\nA2,学校,甲区,新建,500,200,2024-03\nB1,园区,乙区,新建,800,300,2024-02\n";

fuzz_target!(|data: &[u8]| {
    let Some((&kind, report)) = data.split_first() else {
        return;
    };
    let Ok(dir) = tempfile::tempdir() else {
        return;
    };
    let name = if kind % 2 == 0 {
        "reports/2024-06.csv"
    } else {
        "reports/2024-06.xlsx"
    };
    if std::fs::create_dir(dir.path().join("reports")).is_err()
        || std::fs::write(dir.path().join("projects.csv"), REGISTRY).is_err()
        || std::fs::write(dir.path().join(name), report).is_err()
    {
        return;
    }
    if let Ok(data) = xmtool::load::load(
        dir.path(),
        Settings::default(),
        xmtool::model::YearMonth::new(2024, 6),
    ) {
        let _ = xmtool::check::run(&data);
        if let Some(m) = YearMonth::new(2024, 6) {
            let _ = compute::bulletin(&data, Period::month(m), GroupBy::District);
        }
    }
});

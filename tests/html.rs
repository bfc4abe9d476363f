//! The printable HTML bulletin: self-contained, and rendered by a real browser (headless
//! Chromium) to PNG and PDF with the expected names and figures on the page.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::Workdir;

fn demo_html(w: &Workdir) -> String {
    let target = w.file("bulletin.html");
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let run = Command::new(env!("CARGO_BIN_EXE_xmtool"))
        .args(["report", "--month", "2024-06", "-o"])
        .arg(&target)
        .arg("--dir")
        .arg(&demo)
        .output()
        .unwrap();
    assert_eq!(
        run.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    std::fs::read_to_string(target).unwrap()
}

#[test]
fn the_page_is_self_contained_and_printable() {
    let w = Workdir::new();
    let html = demo_html(&w);
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(!html.contains("<script"), "no scripts");
    for (at, _) in html.match_indices("http") {
        let rest = &html[at..];
        assert!(
            rest.starts_with("http://www.w3.org/2000/svg"),
            "nothing fetched from elsewhere: {}",
            &rest[..rest.len().min(60)]
        );
    }
    assert!(!html.contains("<link"), "no external stylesheets");
    assert!(html.contains("@page { size: A4;"));
    // Title and month, the time target, both charts with the target line, tables, provenance.
    assert!(html.contains("<h1>重点项目推进情况通报</h1>"));
    assert!(html.contains("通报期 2024-06 · 序时进度 50.0%"));
    assert_eq!(
        html.matches("<svg").count(),
        3,
        "completion, start rate, trend"
    );
    assert!(html.contains(">序时进度 50.0%</text>"));
    for name in [
        "高新区",
        "青石县",
        "JC2024-042",
        "逾期未开工项目",
        "存在问题（按类别）",
        // Each group's other figures and the structure tables, as the other formats have.
        "<h2>县区推进情况</h2>",
        "<th>达到序时进度占比</th>",
        "<h2>项目结构</h2>",
        "<th>维度</th>",
    ] {
        assert!(html.contains(name), "{name}");
    }
    assert!(html.contains(">52.2%<"), "overall completion rate");
    // The charts' colours said under them; 南屏县's 49.998%, orange below the time target of
    // 50%, labelled so (it was `50.0%`, the target's own label).
    assert!(html.contains("蓝色：达到或高于序时进度；橙色：低于序时进度。"));
    assert!(html.contains("蓝色：达到或高于总体开工率；橙色：低于总体开工率。开工率分母："));
    assert!(html.contains(">49.99%</text>"), "南屏县's bar");
    assert!(
        html.contains("projects.csv") && html.contains("SHA-256"),
        "provenance footer"
    );
    let demo = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/demo");
    let registry = std::fs::read(demo.join("projects.csv")).unwrap();
    assert!(
        html.contains(&common::sha256_hex(&registry)),
        "the registry's SHA-256"
    );
}

#[test]
fn the_start_rates_denominator_is_stated_on_its_card_and_chart() {
    // With the start rate over the projects due to start, the card and the chart say so (they
    // said 137/145 alone), as the tables do.
    let w = common::demo();
    let settings = String::from_utf8(w.read("xmtool.toml")).unwrap();
    w.write(
        "xmtool.toml",
        format!("{settings}\nstart_rate_denominator = \"planned\"\n"),
    );
    let run = w.run(&["report", "--month", "2024-06", "--format", "html"]);
    run.expect_code(0);
    let html = run.stdout();
    let base = "续建、计划于本月或之前开工、已开工及未注明建设性质和开工时间的项目";
    assert!(
        html.contains(&format!("<div class=\"k\">开工率</div><div class=\"v\">94.5%</div><div class=\"d\">137/145 · 分母：{base}</div>")),
        "the card"
    );
    assert!(
        html.contains(&format!(
            "</div><p class=\"note\">蓝色：达到或高于总体开工率；橙色：低于总体开工率。开工率分母：{base}。</p></section>"
        )),
        "the chart"
    );
    // With no plan, the card against the time target says n/a, no "n/a个百分点".
    let w0 = Workdir::new();
    w0.write(
        "projects.csv",
        "项目编号,项目名称,所属县区,建设性质,总投资,年度计划投资\nA1,甲,甲区,续建,1000,0\n",
    )
    .write("reports/2024-06.csv", "项目编号,累计完成投资\nA1,0\n");
    let page = w0
        .run(&["report", "--month", "2024-06", "--format", "html"])
        .stdout();
    assert!(
        page.contains("<div class=\"k\">较序时进度</div><div class=\"v\">n/a</div>"),
        "{page}"
    );
    // In English, the title's brackets are ASCII.
    let run = w.run(&[
        "report", "--month", "2024-06", "--format", "html", "--lang", "en",
    ]);
    assert!(
        run.stdout()
            .contains("<title>Key projects bulletin (2024-06)</title>")
    );
}

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .flat_map(|name| {
            std::env::var_os("PATH")
                .map(|p| {
                    std::env::split_paths(&p)
                        .map(|d| d.join(name))
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .find(|p| p.is_file())
}

fn headless(browser: &Path, profile: &Path, args: &[&str], page: &Path) -> std::process::Output {
    Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--hide-scrollbars",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium")
}

#[test]
fn chromium_renders_the_bulletin_to_png_and_pdf() {
    let Some(browser) = chromium() else {
        eprintln!(
            "SKIPPED chromium_renders_the_bulletin_to_png_and_pdf: no chromium on PATH \
             (.ci/run installs Debian's chromium; install it with `apt-get install chromium fonts-noto-cjk`)"
        );
        return;
    };
    let w = Workdir::new();
    demo_html(&w);
    let page = w.file("bulletin.html");
    let profile = w.file("profile");

    let dom = headless(&browser, &profile, &["--dump-dom"], &page);
    let dom = String::from_utf8_lossy(&dom.stdout);
    for expected in ["高新区", "青石县", "52.2%", "80.0%", "22.5%", "JC2024-042"] {
        assert!(dom.contains(expected), "the rendered page lacks {expected}");
    }

    let png = w.file("bulletin.png");
    headless(
        &browser,
        &profile,
        &[
            &format!("--screenshot={}", png.display()),
            "--window-size=900,1800",
        ],
        &page,
    );
    let bytes = std::fs::read(&png).expect("a screenshot");
    assert!(bytes.starts_with(b"\x89PNG\r\n\x1a\n"), "a PNG");
    assert!(bytes.len() > 50_000, "a PNG with something on it");

    let pdf = w.file("bulletin.pdf");
    headless(
        &browser,
        &profile,
        &[
            &format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer",
        ],
        &page,
    );
    let bytes = std::fs::read(&pdf).expect("a PDF");
    assert!(bytes.starts_with(b"%PDF"), "a PDF");
    let text = String::from_utf8_lossy(&bytes);
    let pages = text.matches("/Type /Page").count() - text.matches("/Type /Pages").count();
    assert!(pages >= 2, "several pages: {pages}");
    // A4 is 595 × 842 points.
    assert!(text.contains("/MediaBox [0 0 594.9"), "A4 pages");
    // Chinese drawn in a Chinese font, not boxes (the page's text is the same either way).
    let fonts: Vec<&str> = (text.split("/FontName /").skip(1))
        .map(|f| {
            f.split(|c: char| c.is_whitespace() || c == '/')
                .next()
                .unwrap_or("")
        })
        .collect();
    assert!(
        fonts.iter().any(|f| f.contains("CJK")),
        "no CJK font in the PDF (install fonts-noto-cjk): {fonts:?}"
    );

    if std::env::var_os("XMTOOL_BLESS").is_some() {
        let keep = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/bulletin-2024-06.png");
        std::fs::copy(&png, keep).unwrap();
    }
}

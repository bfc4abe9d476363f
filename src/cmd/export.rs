//! `xmtool export`: every table of the bulletin as CSV files and one workbook, in a folder.
//!
//! Everything is rendered in memory first, so a problem (a character GBK cannot hold) stops the
//! export before any file is written. A new folder is filled under a temporary name and renamed
//! into place; into an existing folder each file is written atomically, and existing files are
//! kept unless `--force`.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use super::Outcome;
use crate::cli::{Encoding, ExportArgs};
use crate::compute::{self, GroupBy};
use crate::finding::Shown;
use crate::output;
use crate::render::about;
use crate::render::bulletin::{csv_records, spreadsheet_text, write_csv};
use crate::render::sections::{Section, progress, ranking, sections};
use crate::render::xlsx;

const ALL_GROUPINGS: [GroupBy; 6] = [
    GroupBy::District,
    GroupBy::Department,
    GroupBy::Leader,
    GroupBy::Category,
    GroupBy::Level,
    GroupBy::Stage,
];

pub fn run(dir: &Path, args: &ExportArgs) -> anyhow::Result<Outcome> {
    super::out_folder(&args.out, "export")?;
    let asked = super::asked_period(&args.when)?;
    let Some(data) = super::load_for_figures(dir, asked, args.allow_errors, true)? else {
        return Ok(Outcome::DataErrors);
    };
    let period = super::resolve_period(&data, asked)?;
    super::note_no_year_before(&data, period.end);
    // (Not of the groupings written by default: those the registry has no column for are left
    // out.)
    for &by in &args.by {
        super::note_no_grouping_column(&data, period.end.year(), by);
    }
    let lang = args.lang;

    let mut groupings: Vec<GroupBy> = Vec::new();
    for &by in if args.by.is_empty() {
        &ALL_GROUPINGS[..]
    } else {
        &args.by[..]
    } {
        if !groupings.contains(&by) {
            groupings.push(by);
        }
    }
    let bulletins = compute::bulletins(&data, period, &groupings);
    let mut tables: Vec<(String, Section)> = Vec::new();
    // The groupings whose rankings are written, as the record says (by default, those the
    // registry fills in).
    let mut by: Vec<&str> = Vec::new();
    for s in sections(&bulletins[0], lang) {
        // (The tables of a grouping: one for each grouping written.)
        let of_grouping = match s.key {
            "ranking" => ranking,
            "progress" => progress,
            _ => {
                tables.push((s.key.to_string(), s));
                continue;
            }
        };
        for b in &bulletins {
            if b.ranking.is_empty() && !args.by.contains(&b.by) {
                continue;
            }
            if s.key == "ranking" {
                by.push(b.by.key());
            }
            tables.push((format!("{}-{}", s.key, b.by.key()), of_grouping(b, lang)));
        }
    }

    let options = [
        format!("by = {}", by.join(",")),
        about::option("encoding", &args.encoding),
        about::option("lang", &lang),
    ];
    let about_rows = about::records(&data, &period.to_string(), &options, lang);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for (stem, section) in &tables {
        let name = format!("{stem}.csv");
        files.push((
            name.clone(),
            encode(&args.out, &name, &csv_records(section, lang), args.encoding)?,
        ));
    }
    // (Its cells are text a spreadsheet must not turn into a date or run: the period, the
    // data folder's path.)
    let mut about_cells: Vec<Vec<String>> = about_rows
        .iter()
        .map(|row| row.iter().map(|c| spreadsheet_text(c)).collect())
        .collect();
    // A CSV table has no line under it: the notes that qualify its figures (what 开工率 counts,
    // projects in no group) go in the record, before the input files, as the workbook shows
    // them under its sheets.
    let inputs = lang.tr("输入文件", "input file");
    let at = about_cells
        .iter()
        .position(|row| row.first().is_some_and(|c| c == inputs))
        .unwrap_or(about_cells.len());
    let notes = files
        .iter()
        .zip(&tables)
        .filter_map(|((name, _), (_, section))| {
            let note = section.note.as_ref()?;
            Some(vec![
                lang.tr("说明", "note").to_string(),
                spreadsheet_text(&format!("{name}{}{note}", lang.tr("：", ": "))),
            ])
        });
    about_cells.splice(at..at, notes.collect::<Vec<_>>());
    // (In GBK, a character of the record GBK cannot hold, in an input file's name most often,
    // `南屏县✅.csv`, is written as its escape, `\u{2705}`: the record still names the file, and
    // the export is not refused for a name.)
    if matches!(args.encoding, Encoding::Gbk) {
        for cell in about_cells.iter_mut().flatten() {
            if cell.chars().any(|ch| !in_gbk(ch)) {
                *cell = cell
                    .chars()
                    .map(|ch| match in_gbk(ch) {
                        true => ch.to_string(),
                        false => ch.escape_unicode().to_string(),
                    })
                    .collect();
            }
        }
    }
    // (One table, every row as wide as the widest, the input files' four columns: a program
    // reading it as one, pandas say, was refused at the first input file.)
    let widest = about_cells.iter().map(Vec::len).max().unwrap_or(0);
    for row in &mut about_cells {
        row.resize(widest, String::new());
    }
    files.push((
        "about.csv".to_string(),
        encode(&args.out, "about.csv", &about_cells, args.encoding)?,
    ));
    let sheets: Vec<Section> = tables.into_iter().map(|(_, s)| s).collect();
    files.push((
        format!("xmtool-{period}.xlsx"),
        xlsx::workbook(&sheets, &about_rows, lang)?,
    ));

    write_folder(&args.out, &files, args.force, &data)?;
    crate::say!(
        "xmtool: wrote {} files to {}",
        files.len(),
        args.out.shown()
    );
    super::leave(data);
    Ok(Outcome::Clean)
}

/// Names the tables in `out` that this export did not write (an earlier export's, for another
/// month or grouping), so that no one takes them for this one's. They are left as they are.
fn note_others(out: &Path, files: &[(String, Vec<u8>)]) {
    let Ok(entries) = std::fs::read_dir(out) else {
        return;
    };
    let mut others: Vec<String> = entries
        .filter_map(|e| e.ok())
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .filter(|name| {
            let lower = name.to_lowercase();
            (lower.ends_with(".csv") || lower.ends_with(".xlsx"))
                && !name.starts_with('.')
                && !files.iter().any(|(written, _)| written == name)
        })
        .collect();
    if others.is_empty() {
        return;
    }
    others.sort();
    let shown = match others.len() {
        n if n > 5 => format!("{} and {} more", others[..5].join(", "), n - 5),
        _ => others.join(", "),
    };
    crate::say!(
        "xmtool: note: {} also has {shown}, not from this export (left as they are)",
        out.shown()
    );
}

/// CSV bytes in the chosen encoding: UTF-8 with a byte-order mark (so Excel and WPS show
/// Chinese), or GBK, refusing with the cell's place any character GBK cannot hold. The cell is
/// placed in the table `name` to be written in `out`, said to be the export's: `projects.csv` is
/// the registry's name too, where a clerk would look for it in vain.
fn encode(
    out: &Path,
    name: &str,
    records: &[Vec<String>],
    encoding: Encoding,
) -> anyhow::Result<Vec<u8>> {
    let mut text = Vec::new();
    write_csv(&mut text, records)?;
    match encoding {
        Encoding::Utf8 => {
            let mut bytes = crate::render::bulletin::UTF8_BOM.to_vec();
            bytes.extend_from_slice(&text);
            Ok(bytes)
        }
        Encoding::Gbk => {
            for (r, record) in records.iter().enumerate() {
                for (c, cell) in record.iter().enumerate() {
                    if let Some(ch) = cell.chars().find(|&ch| !in_gbk(ch)) {
                        let header = records
                            .first()
                            .and_then(|h| h.get(c))
                            .map_or(String::new(), |h| format!(" ({h})"));
                        bail!(
                            "{} (the export's table): row {}, column {}{header}: \"{cell}\" has the \
                             character '{ch}' (U+{:04X}), which GBK cannot hold (use --encoding \
                             utf8)",
                            out.join(name).shown(),
                            r + 1,
                            c + 1,
                            ch as u32
                        );
                    }
                }
            }
            let text = String::from_utf8(text).context("CSV text")?;
            Ok(encoding_rs::GBK.encode(&text).0.into_owned())
        }
    }
}

/// Whether GBK holds the character.
fn in_gbk(ch: char) -> bool {
    !encoding_rs::GBK.encode(ch.encode_utf8(&mut [0; 4])).2
}

/// Whether `path` is the about.csv of an export: it starts as `about::records` starts (in
/// either language, in UTF-8 or GBK), not merely a file of that name.
fn written_by_an_export(path: &Path) -> bool {
    use std::io::Read;
    let mut head = Vec::new();
    // (Opened as an input is: a pipe by that name is not waited on.)
    let read = crate::load::open_regular(path).and_then(|f| f.take(256).read_to_end(&mut head));
    if read.is_err() {
        return false;
    }
    let head = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let text = match std::str::from_utf8(head) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        // (Cut at 256 bytes, maybe in a character.)
        Err(e) if e.error_len().is_none() => String::from_utf8_lossy(&head[..e.valid_up_to()]),
        Err(_) => encoding_rs::GBK.decode_without_bom_handling(head).0,
    };
    let mut lines = text.lines();
    let (first, second) = (lines.next().unwrap_or(""), lines.next().unwrap_or(""));
    [
        ("项目,内容", "生成工具,xmtool "),
        ("item,value", "made by,xmtool "),
    ]
    .iter()
    // (Its rows as wide as its widest, `项目,内容,,`, as exports write it now.)
    .any(|(header, made)| first.trim_end_matches(',') == *header && second.starts_with(made))
}

/// Writes the files into `out`: a new folder whole (filled under a temporary name, then renamed),
/// an existing one file by file, keeping existing files unless `force`.
fn write_folder(
    out: &Path,
    files: &[(String, Vec<u8>)],
    force: bool,
    data: &crate::load::Dataset,
) -> anyhow::Result<()> {
    // (As files are written: `new/../out` makes no folder `new` only to pass through it.)
    let out = &*output::as_written(out);
    output::guard(out, data)?;
    if output::same_entry(out, &data.dir) {
        bail!(
            "{} is the data folder; write outputs to a folder of their own (e.g. --out out/2024-06)",
            out.shown()
        );
    }
    // Another data folder: its registry is projects.csv, as the export's projects table is. (An
    // earlier export's folder has its projects.csv too, and its about.csv beside it; never a
    // reports/ folder.)
    let registry = crate::load::REGISTRY_NAMES
        .iter()
        .find(|name| out.join(name).is_file());
    let reports = out.join("reports").is_dir();
    let said = if out.join(crate::settings::FILE_NAME).is_file() {
        Some(crate::settings::FILE_NAME)
    } else if out.join("registry").is_dir() {
        Some("registry/")
    } else if let Some(name) = registry
        && (reports || !written_by_an_export(&out.join("about.csv")))
    {
        Some(*name)
    } else if reports {
        Some("reports/")
    } else {
        None
    };
    if let Some(said) = said {
        bail!(
            "{} is a data folder (it has {said}); write outputs to a folder of their own, not \
             over its files (e.g. --out out/2024-06)",
            out.shown(),
        );
    }
    for (name, _) in files {
        output::guard_in_guarded(&out.join(name), data)?;
    }
    // (The folder is made by renaming one to its name, which a link there stops.)
    output::no_link_to_nothing(out)?;
    if out.exists() {
        if !out.is_dir() {
            let what = match out.is_file() {
                true => "a file",
                false => "a pipe, a device or a socket",
            };
            bail!(
                "{} is {what} (expected a folder for the output)",
                out.shown()
            );
        }
        // (A folder or a link in a table's place is said at once: --force, which the advice to
        // write over existing files gives, would not write over it either.)
        // (A link to a file is said without "name the file it leads to": an export names
        // its folder alone.)
        for (name, _) in files {
            let target = out.join(name);
            if target.is_symlink() && target.is_file() {
                bail!(
                    "{} is a link; xmtool writes whole files only (remove the link, or export \
                     into another folder)",
                    target.shown()
                );
            }
            output::check_target(&target, true)?;
        }
        let existing: Vec<&str> = files
            .iter()
            .filter(|(name, _)| out.join(name).exists())
            .map(|(name, _)| name.as_str())
            .collect();
        if !existing.is_empty() && !force {
            bail!(
                "{} already has {} (pass --force to overwrite)",
                out.shown(),
                existing.join(", ")
            );
        }
        let targets: Vec<(PathBuf, &[u8])> = files
            .iter()
            .map(|(name, bytes)| (out.join(name), bytes.as_slice()))
            .collect();
        // (Without --force, a file another run put there meanwhile is not written over, and
        // the advice is the same as for one there before.)
        output::write_files(&targets, force).map_err(|e| match e.downcast_ref() {
            Some(output::Taken(taken)) => {
                let names: Vec<String> = (taken.iter())
                    .filter_map(|path| path.file_name())
                    .map(|name| Path::new(name).shown().to_string())
                    .collect();
                anyhow::anyhow!(
                    "{} already has {} (pass --force to overwrite)",
                    out.shown(),
                    names.join(", ")
                )
            }
            None => e,
        })?;
        note_others(out, files);
        return Ok(());
    }
    match write_new_folder(out, files)? {
        NewFolder::Made => Ok(()),
        // (Made meanwhile, another run's export most likely: written into as the folder it
        // now is, in turn with that run, over its files with --force, refused without.)
        NewFolder::MadeMeanwhile => write_folder(out, files, force, data),
    }
}

/// How `write_new_folder` went.
enum NewFolder {
    /// The folder was made, with the files in it.
    Made,
    /// Nothing was written: a folder of that name was made meanwhile, by another run.
    MadeMeanwhile,
}

/// Writes the files into a new folder `out`, filled under a temporary name and renamed into
/// place whole (folders missing above it are made, and taken away again if it fails).
fn write_new_folder(out: &Path, files: &[(String, Vec<u8>)]) -> anyhow::Result<NewFolder> {
    let parent = output::folder_of(out);
    let made = output::make_folders(parent)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".xmtool-export-");
    // All for everyone, less what the umask takes away, as any new folder (a temporary folder
    // alone would be its owner's only).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o777));
    }
    let tmp = output::Pending::make(|| builder.tempdir_in(parent))
        .map_err(|e| output::cannot_make_in("folder", parent, &e))?;
    for (name, bytes) in files {
        tmp.write_in(|folder| output::write_synced(&folder.join(name), bytes))
            .with_context(|| format!("cannot write {}", out.join(name).shown()))?;
    }
    output::sync_folder(tmp.get().path());
    let renamed = output::commit(|| {
        let tmp_path = tmp.into_inner().keep();
        std::fs::rename(&tmp_path, out).map_err(|e| {
            let _ = std::fs::remove_dir_all(&tmp_path);
            anyhow::Error::new(e)
        })
    });
    if let Err(e) = renamed {
        // (Made meanwhile, with files in it: another run's export, most likely.)
        let taken = e.downcast_ref::<std::io::Error>().is_some_and(|e| {
            use std::io::ErrorKind::{AlreadyExists, DirectoryNotEmpty};
            matches!(e.kind(), DirectoryNotEmpty | AlreadyExists)
        });
        if taken && out.is_dir() {
            made.keep();
            return Ok(NewFolder::MadeMeanwhile);
        }
        return Err(e.context(format!("cannot make {}", out.shown())));
    }
    output::sync_folder(parent);
    made.keep();
    Ok(NewFolder::Made)
}

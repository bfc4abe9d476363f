//! Workbooks are read in a helper process, so that no workbook, however damaged, can take xmtool
//! down with it.
//!
//! calamine, which reads workbooks, trusts what a file claims: counts, sizes, chains of sectors,
//! repeats. A damaged or hostile file can have it ask for terabytes (an allocation that fails
//! aborts the process, which no panic handler catches) or work for minutes on a file of a few
//! kilobytes. So the binary reads workbooks in helpers: itself again (`xmtool __read-workbooks`,
//! not in its help), one per reading thread, started when the thread first needs one and kept
//! for the run, reading workbook after workbook sent down a pipe and sending back their rows and
//! findings. On Unix a helper reads each workbook under a limit on its CPU time, and on Linux on
//! its memory too, both set by the workbook's size ([`limits`]). A helper that dies, is stopped
//! or goes over a limit takes only the workbook it was reading with it: that workbook is an error,
//! and the next one gets a new helper. Where no helper can be started (or outside the binary:
//! tests, fuzzing) workbooks are read in the process, as before.

use std::cell::RefCell;
use std::io::{self, BufReader, BufWriter, Read, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::sync::OnceLock;

use super::grid::{Asked, Book, Cell, LAST_ROW, Row, Typed};
use super::header::Field;
use crate::finding::{Finding, Severity};

/// The argument that makes the binary a helper.
pub const SUBCOMMAND: &str = "__read-workbooks";

/// The program helpers run, once the binary has asked for them.
static PROGRAM: OnceLock<PathBuf> = OnceLock::new();

/// Reads workbooks in helpers running `program` (the binary itself) from now on.
pub fn use_helpers(program: PathBuf) {
    let _ = PROGRAM.set(program);
}

/// The memory (bytes) and CPU time (seconds) reading a workbook of `len` bytes may take, before
/// its contents are looked at: far more than a workbook Excel or WPS wrote needs (a sheet's text
/// is compressed about ten times in a workbook, and its cells are held a few times over, a
/// shared string once for each cell it is in; calamine reads about 10 MB of workbook a second),
/// far less than a damaged one may ask for.
pub fn base_limits(len: usize) -> (u64, u64) {
    let len = len as u64;
    ((512 << 20) + 128 * len, 10 + 2 * (len >> 20))
}

/// `base_limits`, and for an old .xls the memory of the grids its records say calamine will lay
/// its sheets out in.
pub fn limits(bytes: &[u8]) -> (u64, u64) {
    let (memory, seconds) = base_limits(bytes.len());
    (memory + super::grid::laid_out_bytes(bytes), seconds)
}

thread_local! {
    /// This thread's helper, once started.
    static HELPER: RefCell<Option<Helper>> = const { RefCell::new(None) };
}

/// Reads a workbook in this thread's helper: `None` where there is no helper to read it (the
/// caller reads it itself), else what reading it gave, as `grid::workbook::read_workbook` gives it.
pub fn read(
    file: &str,
    bytes: &[u8],
    asked: Asked,
    findings: &mut Vec<Finding>,
) -> Option<Option<Book>> {
    let program = PROGRAM.get()?;
    HELPER.with_borrow_mut(|slot| {
        if slot.is_none() {
            *slot = Helper::start(program).ok();
        }
        let helper = slot.as_mut()?;
        // The helper tells the limits it reads under; until it has, they are the base ones.
        let mut limits = base_limits(bytes.len());
        match helper.ask(file, bytes, asked, &mut limits) {
            Ok((found, rows)) => {
                findings.extend(found);
                Some(rows)
            }
            Err(_) => {
                let stopped = slot.take().map(|mut helper| helper.stopped());
                let (memory, seconds) = limits;
                let why = match stopped {
                    Some(Stopped::OutOfTime) => format!(
                        "took more than {seconds} s of CPU (it is damaged; open it in Excel or \
                         WPS and save it again)"
                    ),
                    _ => format!(
                        "needed more than {} MB of memory, or failed: it is damaged or larger \
                         than xmtool can read (open it in Excel or WPS and save it again, or \
                         split it)",
                        memory >> 20
                    ),
                };
                findings.push(Finding::error(
                    file,
                    format!("cannot read as a workbook: reading it {why}"),
                ));
                Some(None)
            }
        }
    })
}

/// How a helper stopped.
#[cfg_attr(not(unix), allow(dead_code))]
enum Stopped {
    /// Over its limit of CPU time.
    OutOfTime,
    /// Out of memory, or anything else.
    Other,
}

struct Helper {
    child: Child,
    /// Its input, until closed.
    to: Option<BufWriter<ChildStdin>>,
    from: BufReader<ChildStdout>,
    /// The part of an answer being read, its buffer kept from answer to answer.
    part: Vec<u8>,
}

impl Helper {
    fn start(program: &PathBuf) -> io::Result<Helper> {
        let mut child = Command::new(program)
            .arg(SUBCOMMAND)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?;
        let (Some(to), Some(from)) = (child.stdin.take(), child.stdout.take()) else {
            let _ = child.kill();
            let _ = child.wait();
            return Err(io::Error::other("helper without pipes"));
        };
        Ok(Helper {
            child,
            to: Some(BufWriter::with_capacity(1 << 16, to)),
            from: BufReader::with_capacity(1 << 16, from),
            part: Vec::new(),
        })
    }

    /// Sends a workbook and reads back the limits it is read under (into `limits`), then its
    /// findings and rows.
    fn ask(
        &mut self,
        file: &str,
        bytes: &[u8],
        asked: Asked,
        limits: &mut (u64, u64),
    ) -> io::Result<(Vec<Finding>, Option<Book>)> {
        let to = self.to.as_mut().ok_or(io::ErrorKind::BrokenPipe)?;
        write_text(to, file)?;
        write_text(to, asked.sheet.unwrap_or(""))?;
        to.write_all(&[u8::from(asked.sheet.is_some())])?;
        write_aliases(to, asked.aliases)?;
        write_bytes(to, bytes)?;
        to.flush()?;
        *limits = (read_u64(&mut self.from)?, read_u64(&mut self.from)?);
        let answer = read_answer(&mut self.from, file, &mut self.part);
        let_go_if_large(&mut self.part);
        answer
    }

    /// Stops a helper that stopped answering, and tells how it stopped.
    fn stopped(&mut self) -> Stopped {
        self.to = None;
        let _ = self.child.kill();
        match self.child.wait() {
            #[cfg(unix)]
            Ok(status) => {
                use std::os::unix::process::ExitStatusExt;
                if status.signal() == Some(libc::SIGXCPU) {
                    Stopped::OutOfTime
                } else {
                    Stopped::Other
                }
            }
            _ => Stopped::Other,
        }
    }
}

impl Drop for Helper {
    fn drop(&mut self) {
        // Between workbooks a helper has nothing to lose: it is stopped (even one part way
        // through an answer no one will read) and waited for, so that none is left behind.
        self.to = None;
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The helper's side: reads workbooks from standard input until it closes, answering each on
/// standard output.
pub fn serve() -> io::Result<()> {
    outlive_no_parent();
    let mut from = BufReader::with_capacity(1 << 16, io::stdin().lock());
    let mut to = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut part = Vec::new();
    loop {
        let file = match read_text(&mut from) {
            Ok(file) => file,
            Err(e) if e.kind() == io::ErrorKind::UnexpectedEof => return Ok(()),
            Err(e) => return Err(e),
        };
        let sheet = read_text(&mut from)?;
        let mut has_sheet = [0u8];
        from.read_exact(&mut has_sheet)?;
        let sheet = (has_sheet[0] == 1).then_some(sheet);
        let aliases = read_aliases(&mut from)?;
        let bytes = read_bytes(&mut from)?;
        // The base limits first, under which the .xls records (if any) are walked for the rest.
        limit(base_limits(bytes.len()));
        let (memory, seconds) = limits(&bytes);
        write_u64(&mut to, memory)?;
        write_u64(&mut to, seconds)?;
        to.flush()?;
        limit((memory, seconds));
        let mut findings = Vec::new();
        let asked = Asked {
            sheet: sheet.as_deref(),
            aliases: &aliases,
        };
        let book = super::grid::read_workbook_here(&file, &bytes, asked, &mut findings);
        drop(bytes);
        let book = book.as_ref().map(|b| (&b.rows[..], b.date1904));
        write_answer(&mut to, &findings, book, &mut part)?;
        to.flush()?;
        let_go_if_large(&mut part);
    }
}

/// Lets go of a part's buffer made large by one large row (a row of thousands of long texts),
/// rather than keep it for the run.
fn let_go_if_large(part: &mut Vec<u8>) {
    if part.capacity() > 4 * PART {
        *part = Vec::new();
    }
}

/// Limits this process's CPU time and (on Linux) memory (bytes, seconds) beyond what it has used
/// so far.
#[cfg(unix)]
fn limit((memory, seconds): (u64, u64)) {
    let set = |resource, more: u64, used: u64| {
        let mut now = libc::rlimit {
            rlim_cur: 0,
            rlim_max: 0,
        };
        // SAFETY: getrlimit and setrlimit read and write the struct given, nothing else.
        unsafe {
            if libc::getrlimit(resource, &mut now) == 0 {
                let wanted = libc::rlim_t::try_from(used.saturating_add(more))
                    .unwrap_or(libc::RLIM_INFINITY);
                now.rlim_cur = wanted.min(now.rlim_max);
                libc::setrlimit(resource, &now);
            }
        }
    };
    // SAFETY: getrusage writes the struct given.
    let cpu_used = unsafe {
        let mut usage: libc::rusage = std::mem::zeroed();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + 1) as u64
    };
    // (Memory first: once the CPU limit is seen set, both are.)
    #[cfg(target_os = "linux")]
    if let Some(mapped) = address_space() {
        set(libc::RLIMIT_AS, memory, mapped);
    }
    set(libc::RLIMIT_CPU, seconds, cpu_used);
}

#[cfg(not(unix))]
fn limit(_limits: (u64, u64)) {}

/// Sets what a helper should not do once its parent is gone, or at all: leave a core file when
/// a limit stops it (an aborted allocation would dump gigabytes into the user's folder), or run
/// on after the process that started it dies without closing its input (Linux).
#[cfg(unix)]
fn outlive_no_parent() {
    let none = libc::rlimit {
        rlim_cur: 0,
        rlim_max: 0,
    };
    // SAFETY: setrlimit reads the struct given; prctl(PR_SET_PDEATHSIG) only sets a signal.
    unsafe {
        libc::setrlimit(libc::RLIMIT_CORE, &none);
        #[cfg(target_os = "linux")]
        libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL);
    }
}

#[cfg(not(unix))]
fn outlive_no_parent() {}

/// The bytes of address space this process has mapped (Linux).
#[cfg(target_os = "linux")]
fn address_space() -> Option<u64> {
    let statm = std::fs::read_to_string("/proc/self/statm").ok()?;
    let pages: u64 = statm.split_whitespace().next()?.parse().ok()?;
    // SAFETY: sysconf only reads a setting.
    let page = unsafe { libc::sysconf(libc::_SC_PAGESIZE) };
    Some(pages * u64::try_from(page).ok()?)
}

// The wire: lengths and numbers little-endian. A request is the file's name, the sheet asked
// for, whether one is, and the bytes; an answer the limits read under, then parts (see
// `write_answer`). A finding is its severity, line and column (0 for none) and message; a row
// its line, how many cells, the length of their text, and the cells, each a tag and its value.

fn write_u64(to: &mut impl Write, n: u64) -> io::Result<()> {
    to.write_all(&n.to_le_bytes())
}

fn read_u64(from: &mut impl Read) -> io::Result<u64> {
    let mut b = [0u8; 8];
    from.read_exact(&mut b)?;
    Ok(u64::from_le_bytes(b))
}

fn write_bytes(to: &mut impl Write, bytes: &[u8]) -> io::Result<()> {
    write_u64(to, bytes.len() as u64)?;
    to.write_all(bytes)
}

fn read_bytes(from: &mut impl Read) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    read_part(from, &mut bytes)?;
    Ok(bytes)
}

fn write_text(to: &mut impl Write, text: &str) -> io::Result<()> {
    write_bytes(to, text.as_bytes())
}

/// The settings' aliases: their count, then each key and its aliases' count and texts.
fn write_aliases(to: &mut impl Write, aliases: &[(Field, Vec<String>)]) -> io::Result<()> {
    write_u64(to, aliases.len() as u64)?;
    for (field, texts) in aliases {
        write_text(to, field.key())?;
        write_u64(to, texts.len() as u64)?;
        for text in texts {
            write_text(to, text)?;
        }
    }
    Ok(())
}

fn read_aliases(from: &mut impl Read) -> io::Result<Vec<(Field, Vec<String>)>> {
    let mut aliases = Vec::new();
    for _ in 0..read_u64(from)? {
        let field = Field::from_key(&read_text(from)?).ok_or_else(not_an_answer)?;
        let texts = (0..read_u64(from)?)
            .map(|_| read_text(from))
            .collect::<io::Result<_>>()?;
        aliases.push((field, texts));
    }
    Ok(aliases)
}

fn read_text(from: &mut impl Read) -> io::Result<String> {
    String::from_utf8(read_bytes(from)?).map_err(io::Error::other)
}

/// Bytes of rows an answer's part holds before it is sent on: rows are put in memory a part at
/// a time (no write per cell), and read back a part at a time (the parent holds one part's bytes
/// beside the rows, not the whole answer's).
const PART: usize = 1 << 16;

/// An answer is parts, each its length and bytes, ending with an empty one. The first part has
/// the findings, whether there are rows (and whether the workbook counts its dates from 1904)
/// and how many; every part holds whole rows.
fn write_answer(
    to: &mut impl Write,
    findings: &[Finding],
    book: Option<(&[Row], bool)>,
    part: &mut Vec<u8>,
) -> io::Result<()> {
    part.clear();
    write_u64(part, findings.len() as u64)?;
    for f in findings {
        part.push(match f.severity {
            Severity::Error => 0,
            Severity::Warning => 1,
            Severity::Note => 2,
        });
        write_u64(part, f.line.unwrap_or(0))?;
        write_u64(part, f.column.map_or(0, |c| c as u64))?;
        write_text(part, &f.message)?;
    }
    // (0: no rows; 1: rows, of a workbook in the 1900 date system; 2: in the 1904 one.)
    part.push(match book {
        None => 0,
        Some((_, false)) => 1,
        Some((_, true)) => 2,
    });
    let rows = book.map_or(&[][..], |(rows, _)| rows);
    write_u64(part, rows.len() as u64)?;
    for row in rows {
        write_u64(part, row.line)?;
        // How many cells and the length of their text, filled in once the cells are written.
        let counts = part.len();
        part.extend_from_slice(&[0; 16]);
        let (mut width, mut text) = (0u64, 0u64);
        for cell in row.typed_cells() {
            width += 1;
            match cell {
                Cell::Empty => part.push(0),
                Cell::Text(t) => {
                    part.push(1);
                    write_text(part, t)?;
                    text += t.len() as u64;
                }
                Cell::Number(n) => {
                    part.push(2);
                    part.extend_from_slice(&n.to_le_bytes());
                }
                Cell::Date(n) => {
                    part.push(3);
                    part.extend_from_slice(&n.to_le_bytes());
                }
                Cell::Unworked => part.push(4),
            }
        }
        part[counts..counts + 8].copy_from_slice(&width.to_le_bytes());
        part[counts + 8..counts + 16].copy_from_slice(&text.to_le_bytes());
        for columns in [row.merged_columns(), row.merged_tops()] {
            write_u64(part, columns.len() as u64)?;
            for &column in columns {
                write_u64(part, u64::from(column))?;
            }
        }
        write_u64(part, u64::from(row.joined()))?;
        if part.len() >= PART {
            write_bytes(to, part)?;
            part.clear();
        }
    }
    if !part.is_empty() {
        write_bytes(to, part)?;
    }
    write_u64(to, 0)
}

/// Reads an answer a part at a time into `part`.
fn read_answer(
    from: &mut impl Read,
    file: &str,
    part: &mut Vec<u8>,
) -> io::Result<(Vec<Finding>, Option<Book>)> {
    read_part(from, part)?;
    let mut wire = Wire(part);
    let count = wire.u64()?;
    let mut findings = Vec::with_capacity(count.min(1 << 10) as usize);
    for _ in 0..count {
        let severity = match wire.byte()? {
            0 => Severity::Error,
            1 => Severity::Warning,
            2 => Severity::Note,
            _ => return Err(not_an_answer()),
        };
        let line = wire.u64()?;
        let column = wire.u64()?;
        let mut finding = Finding::new(severity, file, wire.text()?.to_owned());
        if line > 0 {
            finding = finding.at(line, (column > 0).then_some(column as usize));
        }
        findings.push(finding);
    }
    let (has_rows, date1904) = match wire.byte()? {
        0 => (false, false),
        1 => (true, false),
        2 => (true, true),
        _ => return Err(not_an_answer()),
    };
    let count = wire.u64()?;
    let mut rows = Vec::with_capacity(count.min(1 << 16) as usize);
    let mut at = part.len() - wire.0.len();
    loop {
        let mut wire = Wire(&part[at..]);
        while !wire.0.is_empty() {
            let row = wire.row()?;
            // Rows come in order of line, within a sheet's (the blank rows between are made
            // as they are handed out: a garbled line would have them made without end).
            let after = rows.last().map_or(0, |r: &Row| r.line);
            if row.line <= after || row.line > u64::from(LAST_ROW) {
                return Err(not_an_answer());
            }
            rows.push(row);
        }
        read_part(from, part)?;
        if part.is_empty() {
            break;
        }
        at = 0;
    }
    if rows.len() as u64 != count {
        return Err(not_an_answer());
    }
    Ok((findings, has_rows.then_some(Book { rows, date1904 })))
}

fn not_an_answer() -> io::Error {
    io::Error::other("not an answer")
}

/// Reads a part (its length, then its bytes) into `part`.
fn read_part(from: &mut impl Read, part: &mut Vec<u8>) -> io::Result<()> {
    let len = read_u64(from)?;
    part.clear();
    // Made room for at once up to a megabyte; beyond, as the bytes come (a length read from a
    // broken pipe should not ask for more memory than the bytes that follow).
    part.reserve(len.min(1 << 20) as usize);
    from.take(len).read_to_end(part)?;
    if part.len() as u64 != len {
        return Err(io::ErrorKind::UnexpectedEof.into());
    }
    Ok(())
}

/// The part of an answer's part not yet read.
struct Wire<'a>(&'a [u8]);

impl<'a> Wire<'a> {
    fn take(&mut self, n: u64) -> io::Result<&'a [u8]> {
        let n = usize::try_from(n).map_err(|_| not_an_answer())?;
        if n > self.0.len() {
            return Err(io::ErrorKind::UnexpectedEof.into());
        }
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        Ok(taken)
    }

    fn byte(&mut self) -> io::Result<u8> {
        Ok(self.take(1)?[0])
    }

    fn u64(&mut self) -> io::Result<u64> {
        read_u64(&mut self.0)
    }

    fn text(&mut self) -> io::Result<&'a str> {
        let len = self.u64()?;
        let bytes = self.take(len)?;
        std::str::from_utf8(bytes).map_err(io::Error::other)
    }

    fn row(&mut self) -> io::Result<Row> {
        let line = self.u64()?;
        let width = self.u64()?;
        let text = self.u64()?;
        // Each cell is at least a byte, and its text is in the part too.
        if width > self.0.len() as u64 || text > self.0.len() as u64 {
            return Err(not_an_answer());
        }
        let mut cells = Typed::with_capacity(width as usize, text as usize);
        for _ in 0..width {
            let cell = match self.byte()? {
                0 => Cell::Empty,
                1 => Cell::Text(self.text()?),
                2 => Cell::Number(f64::from_bits(self.u64()?)),
                3 => Cell::Date(f64::from_bits(self.u64()?)),
                4 => Cell::Unworked,
                _ => return Err(not_an_answer()),
            };
            cells.push(cell).map_err(|_| not_an_answer())?;
        }
        // (A length that is not the text's would have made room for more than the answer.)
        if cells.text_len() as u64 != text {
            return Err(not_an_answer());
        }
        // The columns merged down, then those of them at their region's top: each a cell of the
        // row's.
        for tops in [false, true] {
            let merged = self.u64()?;
            if merged > width {
                return Err(not_an_answer());
            }
            for _ in 0..merged {
                let column = u32::try_from(self.u64()?).map_err(|_| not_an_answer())?;
                if u64::from(column) >= width {
                    return Err(not_an_answer());
                }
                match tops {
                    true => cells.mark_top(column),
                    false => cells.mark_merged(column),
                }
            }
        }
        // The lines joined into it.
        let joined = u32::try_from(self.u64()?).map_err(|_| not_an_answer())?;
        cells.join_lines(joined);
        Ok(Row::typed(line, cells))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(line: u64, cells: &[Cell]) -> Row {
        let mut typed = Typed::default();
        for &cell in cells {
            typed.push(cell).unwrap();
        }
        Row::typed(line, typed)
    }

    fn lines_and_cells(rows: &[Row]) -> Vec<(u64, Vec<Cell<'_>>)> {
        rows.iter()
            .map(|r| (r.line, r.typed_cells().collect()))
            .collect()
    }

    #[test]
    fn aliases_read_back_as_written() {
        let aliases = vec![
            (Field::Id, vec!["统一代码".to_string(), String::new()]),
            (Field::AnnualPlan, vec![]),
            (Field::Id, vec!["代码\n（新）".to_string()]),
        ];
        let mut wire = Vec::new();
        write_aliases(&mut wire, &aliases).unwrap();
        assert_eq!(read_aliases(&mut wire.as_slice()).unwrap(), aliases);
        // A key that is none: not an answer.
        let mut wire = Vec::new();
        write_u64(&mut wire, 1).unwrap();
        write_text(&mut wire, "nothing").unwrap();
        assert!(read_aliases(&mut wire.as_slice()).is_err());
    }

    #[test]
    fn an_answer_reads_back_as_written() {
        let findings = vec![
            Finding::note("a.xlsx", "skipped 2 blank rows").at(3, None),
            Finding::error("a.xlsx", "a value").at(4, Some(2)),
            Finding::warning("a.xlsx", "the whole file"),
        ];
        let rows = vec![
            row(1, &[Cell::Text("项目编号"), Cell::Empty]),
            row(7, &[]),
            row(
                8,
                &[
                    Cell::Number(1234.5),
                    Cell::Date(45444.0),
                    Cell::Number(-0.0),
                    Cell::Unworked,
                ],
            ),
        ];
        // A row whose first cell is part of a region merged down.
        let mut rows = rows;
        let mut merged = Typed::default();
        merged.push(Cell::Text("金川区")).unwrap();
        merged.push(Cell::Text("（一）续建项目")).unwrap();
        merged.mark_merged(0);
        merged.mark_top(1);
        merged.join_lines(2);
        rows.push(Row::typed(9, merged));
        let mut wire = Vec::new();
        write_answer(&mut wire, &findings, Some((&rows, false)), &mut Vec::new()).unwrap();
        let (found, read) = read_answer(&mut wire.as_slice(), "a.xlsx", &mut Vec::new()).unwrap();
        assert_eq!(found, findings);
        let read = read.unwrap();
        assert!(!read.date1904);
        let read = read.rows;
        assert_eq!(lines_and_cells(&read), lines_and_cells(&rows));
        let merged: Vec<&[u32]> = read.iter().map(Row::merged_columns).collect();
        assert_eq!(merged, [&[][..], &[], &[], &[0, 1]]);
        let tops: Vec<&[u32]> = read.iter().map(Row::merged_tops).collect();
        assert_eq!(tops, [&[][..], &[], &[], &[1]]);
        assert!(read[3].merged_from_above(1) && !read[3].merged_from_above(2));
        assert_eq!(
            read.iter().map(Row::last_line).collect::<Vec<_>>(),
            [1, 7, 8, 11]
        );
        // A sheet not read: findings, no rows.
        let mut wire = Vec::new();
        write_answer(&mut wire, &findings[..1], None, &mut Vec::new()).unwrap();
        let (found, read) = read_answer(&mut wire.as_slice(), "a.xlsx", &mut Vec::new()).unwrap();
        assert_eq!((found.len(), read.is_none()), (1, true));
        // A workbook kept in the 1904 date system says so.
        let mut wire = Vec::new();
        write_answer(&mut wire, &[], Some((&rows, true)), &mut Vec::new()).unwrap();
        let (_, read) = read_answer(&mut wire.as_slice(), "a.xlsx", &mut Vec::new()).unwrap();
        assert!(read.is_some_and(|book| book.date1904));
        // An answer cut short is an error, not a shorter answer.
        let mut wire = Vec::new();
        write_answer(&mut wire, &findings, Some((&rows, false)), &mut Vec::new()).unwrap();
        for end in [0, 9, wire.len() / 2, wire.len() - 9, wire.len() - 1] {
            let read = read_answer(&mut &wire[..end], "a.xlsx", &mut Vec::new());
            assert!(read.is_err(), "{end}");
        }
    }

    #[test]
    fn a_long_answer_is_sent_in_parts_and_read_back_whole() {
        let rows: Vec<Row> = (1..=20_000)
            .map(|line| {
                let text = "施工中".repeat(line as usize % 7);
                row(
                    line,
                    &[Cell::Text(&text), Cell::Number(line as f64), Cell::Empty],
                )
            })
            .collect();
        let mut wire = Vec::new();
        let mut part = Vec::new();
        write_answer(&mut wire, &[], Some((&rows, false)), &mut part).unwrap();
        // (Two answers down one pipe, as a helper sends them, each read whole.)
        write_answer(&mut wire, &[], Some((&rows[..3], false)), &mut part).unwrap();
        let mut from = wire.as_slice();
        let parts = {
            let mut count = 0;
            let mut rest = from;
            loop {
                let len = read_u64(&mut rest).unwrap() as usize;
                if len == 0 {
                    break count;
                }
                assert!(len < PART + 100, "a part of {len} bytes");
                rest = &rest[len..];
                count += 1;
            }
        };
        assert!(parts > 3, "{parts} parts");
        let mut part = Vec::new();
        for expected in [&rows[..], &rows[..3]] {
            let (_, read) = read_answer(&mut from, "a.xlsx", &mut part).unwrap();
            assert_eq!(
                lines_and_cells(&read.unwrap().rows),
                lines_and_cells(expected)
            );
        }
        assert!(from.is_empty());
        // Garbled: a flag for rows that is neither, a row's text said to be longer than it is,
        // rows out of order or below a sheet's last: errors, not a shorter answer or rows made
        // without end.
        let answer = |rows: &[Row]| {
            let mut wire = Vec::new();
            write_answer(&mut wire, &[], Some((rows, false)), &mut Vec::new()).unwrap();
            wire
        };
        let mut flag = answer(&rows[..1]);
        flag[16] = 7;
        let mut text = answer(&rows[..1]);
        text[41] += 1;
        for garbled in [
            flag,
            text,
            answer(&[row(5, &[]), row(3, &[])]),
            answer(&[row(5, &[]), row(5, &[])]),
            answer(&[row(u64::from(LAST_ROW) + 1, &[])]),
        ] {
            let read = read_answer(&mut garbled.as_slice(), "a.xlsx", &mut Vec::new());
            assert!(read.is_err(), "{garbled:?}");
        }
        // Cut at a part's end, before the empty part that ends the answer: an error.
        let mut wire = Vec::new();
        write_answer(&mut wire, &[], Some((&rows, false)), &mut Vec::new()).unwrap();
        let cut = &wire[..wire.len() - 8];
        assert!(read_answer(&mut &cut[..], "a.xlsx", &mut Vec::new()).is_err());
    }

    #[test]
    fn a_part_made_large_by_one_large_row_is_let_go_of_after_its_answer() {
        // A row of long texts makes the part as large as the row.
        let long = "长".repeat(100_000);
        let rows = [row(1, &[Cell::Text(&long), Cell::Text(&long)])];
        let mut part = Vec::new();
        write_answer(&mut Vec::new(), &[], Some((&rows, false)), &mut part).unwrap();
        assert!(part.capacity() > 4 * PART, "{}", part.capacity());
        let_go_if_large(&mut part);
        assert_eq!(part.capacity(), 0);
        // Read back, the same: the parent's part is let go of too.
        let mut wire = Vec::new();
        write_answer(&mut wire, &[], Some((&rows, false)), &mut Vec::new()).unwrap();
        let mut read = Vec::new();
        read_answer(&mut wire.as_slice(), "a.xlsx", &mut read).unwrap();
        assert!(read.capacity() > 4 * PART, "{}", read.capacity());
        let_go_if_large(&mut read);
        assert_eq!(read.capacity(), 0);
        // A part of ordinary rows is kept for the next answer.
        let rows: Vec<Row> = (1..=5_000)
            .map(|l| row(l, &[Cell::Text("施工中")]))
            .collect();
        let mut part = Vec::new();
        write_answer(&mut Vec::new(), &[], Some((&rows, false)), &mut part).unwrap();
        let kept = part.capacity();
        assert!(kept > 0 && kept <= 4 * PART, "{kept}");
        let_go_if_large(&mut part);
        assert_eq!(part.capacity(), kept);
    }

    #[test]
    fn limits_grow_with_the_workbook() {
        assert_eq!(limits(&[]), (512 << 20, 10));
        let (memory, seconds) = limits(&vec![0; 5 << 20]);
        assert_eq!((memory, seconds), ((512 << 20) + 128 * (5 << 20), 20));
    }
}

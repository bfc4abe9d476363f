//! An .xlsx file's worksheet parts, looked through before calamine reads them: for merged cells,
//! and for error values calamine does not know.
//!
//! calamine knows Excel's first seven error values (`#N/A`, `#DIV/0!` …); a cell holding a newer
//! one (`#SPILL!`, `#CALC!`, `#FIELD!` …) or LibreOffice's (`Err:502`) makes it refuse the whole
//! sheet. Such cells are given to it as the text they show, in a copy of the file: the rows read
//! then name each one at its line and column, as they do an `#N/A`.

use std::io::{Cursor, Read, Write};

use memchr::memmem::Finder;

/// The error values calamine reads as such in an .xlsx sheet.
const KNOWN: [&[u8]; 7] = [
    b"#DIV/0!", b"#N/A", b"#NAME?", b"#NULL!", b"#NUM!", b"#REF!", b"#VALUE!",
];

/// What an .xlsx file's worksheet parts hold, as far as reading them needs to know.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(super) struct Held {
    /// A merged cell (`<mergeCell `).
    pub merged: bool,
    /// Perhaps a cell of an error value, known to calamine or not: an attribute's value of
    /// "e", as a cell's `t="e"` is.
    pub errors: bool,
    /// The workbook asks for its formulas to be worked out when it is opened
    /// (`<calcPr fullCalcOnLoad="1"/>`), as programs that do not work them out write it, with
    /// a 0 in place of each result (Excel and WPS drop the mark when they save).
    pub worked_out_on_opening: bool,
}

/// The worksheet parts of a ZIP archive, by name.
fn worksheet_parts<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> Vec<String> {
    zip.file_names()
        .filter_map(Result::ok)
        .filter(|name| name.starts_with("xl/worksheets/") && name.ends_with(".xml"))
        .map(|name| name.to_string())
        .collect()
}

/// What the worksheet parts of an .xlsx file hold: a look through each part's text as it is
/// decompressed, a block at a time. (Not an .xlsx file: nothing.)
pub(super) fn held(bytes: &[u8]) -> Held {
    // (An error cell's type, however spaced, `t="e"` or `t = 'e'`, as a value of "e": any
    // other attribute of that value costs a look through the parts for error cells, no more.)
    const NEEDLES: [&[u8]; 3] = [b"mergeCell ", b"\"e\"", b"'e'"];
    let mut held = Held::default();
    let Ok(mut zip) = zip::ZipArchive::new(Cursor::new(bytes)) else {
        return held;
    };
    held.worked_out_on_opening = worked_out_on_opening(&mut zip);
    let finders = NEEDLES.map(Finder::new);
    // (The longest needle's length less one is kept from each block, in case one is cut there.)
    let keep = NEEDLES.iter().map(|n| n.len()).max().unwrap_or(1) - 1;
    let mut block = vec![0; 64 * 1024];
    for part in worksheet_parts(&mut zip) {
        let Ok(mut entry) = zip.by_name(&part) else {
            continue;
        };
        let mut kept = 0;
        loop {
            let n = match entry.read(&mut block[kept..]) {
                Ok(0) | Err(_) => break,
                Ok(n) => n,
            };
            let filled = kept + n;
            let seen = |i: usize| finders[i].find(&block[..filled]).is_some();
            held.merged |= seen(0);
            held.errors |= (1..NEEDLES.len()).any(seen);
            if held.merged && held.errors {
                return held;
            }
            kept = filled.min(keep);
            block.copy_within(filled - kept..filled, 0);
        }
    }
    held
}

/// Whether the workbook part's `calcPr` says `fullCalcOnLoad="1"` (or `"true"`). (A part of
/// over a megabyte, which no workbook's list of sheets and names needs, is not looked through.)
fn worked_out_on_opening<R: Read + std::io::Seek>(zip: &mut zip::ZipArchive<R>) -> bool {
    let Ok(entry) = zip.by_name("xl/workbook.xml") else {
        return false;
    };
    let mut xml = Vec::new();
    if entry.take(1 << 20).read_to_end(&mut xml).is_err() {
        return false;
    }
    let mut from = 0;
    while let Some(tag) = memchr::memchr(b'<', &xml[from..]).map(|i| from + i) {
        let Some(end) = memchr::memchr(b'>', &xml[tag..]).map(|i| tag + i) else {
            break;
        };
        from = end + 1;
        if let Some((start, end)) = attribute_of(&xml[tag..end], b"calcPr", b"fullCalcOnLoad") {
            let value = &xml[tag + start..tag + end];
            return value == b"1" || value.eq_ignore_ascii_case(b"true");
        }
    }
    false
}

/// A copy of an .xlsx file whose cells of an error value calamine does not know are cells of
/// text (`t="str"`) showing it; `None` where there are none (or the file is no ZIP archive, or a
/// part cannot be read: calamine then says what it finds).
pub(super) fn unknown_errors_as_text(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).ok()?;
    let mut changed = Vec::new();
    for part in worksheet_parts(&mut zip) {
        let mut xml = Vec::new();
        zip.by_name(&part).ok()?.read_to_end(&mut xml).ok()?;
        if let Some(xml) = errors_as_text(&xml) {
            changed.push((part, xml));
        }
    }
    if changed.is_empty() {
        return None;
    }
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let stored = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(true);
    for i in 0..zip.len() {
        let entry = zip.by_index_raw(i).ok()?;
        let name = entry.name().ok()?;
        match changed.iter().find(|(part, _)| *part == name) {
            Some((part, xml)) => {
                let part = part.clone();
                drop(name);
                drop(entry);
                out.start_file(part, stored).ok()?;
                out.write_all(xml).ok()?;
            }
            None => {
                drop(name);
                out.raw_copy_file(entry).ok()?
            }
        }
    }
    Some(out.finish().ok()?.into_inner())
}

/// A worksheet part's text with each cell of an error value calamine does not know made a cell
/// of text (`t="e"` made `t="str"`, the value kept); `None` where there is none.
fn errors_as_text(xml: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    let mut copied = 0;
    let mut from = 0;
    while let Some(tag) = memchr::memchr(b'<', &xml[from..]).map(|i| from + i) {
        let Some(end) = memchr::memchr(b'>', &xml[tag..]).map(|i| tag + i) else {
            break;
        };
        from = end + 1;
        let Some(t) = error_type_in_cell_tag(&xml[tag..end]).map(|i| tag + i) else {
            continue;
        };
        // (A cell of no value, `<c r="A1" t="e"/>`, reads as empty.)
        if xml[end - 1] == b'/' {
            continue;
        }
        let Some(value) = value_of_cell(&xml[from..]) else {
            continue;
        };
        if KNOWN.contains(&value) {
            continue;
        }
        out.extend_from_slice(&xml[copied..t]);
        out.extend_from_slice(b"str");
        copied = t + 1;
    }
    if copied == 0 {
        return None;
    }
    out.extend_from_slice(&xml[copied..]);
    Some(out)
}

/// Where, in a start tag's text (from its `<`, without its `>`), the `e` of a cell's `t="e"` is:
/// only in a cell's tag (`<c …>`, or `<x:c …>` in a part written with a prefix).
fn error_type_in_cell_tag(tag: &[u8]) -> Option<usize> {
    attribute_of(tag, b"c", b"t")
        .filter(|&(start, end)| &tag[start..end] == b"e")
        .map(|(start, _)| start)
}

/// Where, in a start tag's text (from its `<`, without its `>`), the value of its attribute
/// `attribute` is (from its first byte to the quote after it): only in an element named
/// `element` (or `x:element`, written with a prefix).
fn attribute_of(tag: &[u8], element: &[u8], attribute: &[u8]) -> Option<(usize, usize)> {
    let name_end = tag
        .iter()
        .position(|b| b.is_ascii_whitespace() || *b == b'/')
        .unwrap_or(tag.len());
    let name = tag.get(1..name_end)?;
    if name != element
        && !(name.ends_with(element) && name[..name.len() - element.len()].ends_with(b":"))
    {
        return None;
    }
    // (Attributes one by one, spaced as XML allows: `t="e"`, `t = 'e'`, on a line of its own.)
    let mut at = name_end;
    let space = |at: &mut usize| {
        while tag.get(*at).is_some_and(u8::is_ascii_whitespace) {
            *at += 1;
        }
    };
    loop {
        space(&mut at);
        let name_start = at;
        while tag
            .get(at)
            .is_some_and(|&b| b != b'=' && !b.is_ascii_whitespace())
        {
            at += 1;
        }
        let name = &tag[name_start..at];
        space(&mut at);
        if tag.get(at) != Some(&b'=') {
            return None;
        }
        at += 1;
        space(&mut at);
        let quote = *tag.get(at).filter(|&&q| q == b'"' || q == b'\'')?;
        let value_start = at + 1;
        let value_end = value_start + memchr::memchr(quote, tag.get(value_start..)?)?;
        if name == attribute {
            return Some((value_start, value_end));
        }
        at = value_end + 1;
    }
}

/// The text of a cell's value (`<v>…</v>`), from just after the cell's start tag; `None` where
/// the cell ends first.
fn value_of_cell(rest: &[u8]) -> Option<&[u8]> {
    let mut from = 0;
    loop {
        let tag = from + memchr::memchr(b'<', &rest[from..])?;
        let end = tag + memchr::memchr(b'>', &rest[tag..])?;
        let tag_text = &rest[tag + 1..end];
        let (closing, tag_text) = match tag_text.strip_prefix(b"/") {
            Some(after) => (true, after),
            None => (false, tag_text),
        };
        let name = tag_text
            .split(|b| b.is_ascii_whitespace())
            .next()
            .unwrap_or_default();
        let local = name.rsplit(|&b| b == b':').next().unwrap_or_default();
        match (closing, local) {
            (false, b"v") => {
                let close = end + 1 + memchr::memchr(b'<', &rest[end + 1..])?;
                return Some(&rest[end + 1..close]);
            }
            // (Nor past the next cell or row, in a part whose cell is never closed: each
            // cell's look stays within it.)
            (_, b"c" | b"row") => return None,
            _ => from = end + 1,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn as_text(xml: &str) -> Option<String> {
        errors_as_text(xml.as_bytes()).map(|x| String::from_utf8(x).unwrap())
    }

    #[test]
    fn merged_cells_are_found_past_many_blocks() {
        // A sheet of some hundreds of KB (several blocks of the look), with its merged cells,
        // listed after all the cells, or without any.
        let book = |merged: bool| {
            let mut book = rust_xlsxwriter::Workbook::new();
            let sheet = book.add_worksheet();
            for row in 0..20_000 {
                sheet.write_string(row, 0, format!("项目{row}")).unwrap();
                sheet.write_number(row, 1, f64::from(row)).unwrap();
            }
            if merged {
                let plain = rust_xlsxwriter::Format::new();
                sheet
                    .merge_range(20_000, 2, 20_003, 2, "金川区", &plain)
                    .unwrap();
            }
            book.save_to_buffer().unwrap()
        };
        assert!(held(&book(true)).merged);
        // (rust_xlsxwriter asks for formulas to be worked out when the workbook is opened.)
        let unmerged = Held {
            worked_out_on_opening: true,
            ..Held::default()
        };
        assert_eq!(held(&book(false)), unmerged);
        assert_eq!(held(b"not a zip"), Held::default());
    }

    /// A copy of a ZIP archive with each part's text changed by `change`.
    fn changed(bytes: &[u8], change: impl Fn(&str, String) -> String) -> Vec<u8> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).unwrap();
        let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
        for i in 0..zip.len() {
            let mut entry = zip.by_index(i).unwrap();
            let name = entry.name().unwrap().to_string();
            let mut text = String::new();
            entry.read_to_string(&mut text).unwrap();
            let options = zip::write::SimpleFileOptions::default()
                .compression_method(zip::CompressionMethod::Stored);
            out.start_file(name.clone(), options).unwrap();
            out.write_all(change(&name, text).as_bytes()).unwrap();
        }
        out.finish().unwrap().into_inner()
    }

    #[test]
    fn a_workbook_of_newer_error_values_is_read_with_them_as_text() {
        use calamine::{Data, Reader};
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "项目编号").unwrap();
        sheet.write_number(1, 0, 7.0).unwrap();
        let na = |formula: &str| rust_xlsxwriter::Formula::new(formula).set_result("#N/A");
        sheet.write_formula(1, 1, na("=NA()")).unwrap();
        sheet.write_formula(1, 2, na("=NA()+1")).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        assert_eq!(unknown_errors_as_text(&bytes), None);
        // (The second made a #SPILL!, as Excel 365 writes it.)
        let spilled = changed(&bytes, |name, text| match name {
            "xl/worksheets/sheet1.xml" => {
                let was = "<f>NA()+1</f><v>#N/A</v>";
                assert_eq!(text.matches(was).count(), 1, "{text}");
                text.replace(was, "<f>NA()+1</f><v>#SPILL!</v>")
            }
            _ => text,
        });
        assert!(held(&spilled).errors);
        let read = |bytes: &[u8]| {
            let mut book = calamine::open_workbook_auto_from_rs(Cursor::new(bytes)).unwrap();
            book.worksheet_range("Sheet1")
        };
        assert!(read(&spilled).is_err(), "calamine has come to know #SPILL!");
        let patched = unknown_errors_as_text(&spilled).unwrap();
        let range = read(&patched).unwrap();
        assert_eq!(range.get_value((1, 0)), Some(&Data::Float(7.0)));
        assert_eq!(
            range.get_value((1, 1)),
            Some(&Data::Error(calamine::CellErrorType::NA))
        );
        assert_eq!(
            range.get_value((1, 2)),
            Some(&Data::String("#SPILL!".to_string()))
        );
    }

    #[test]
    fn only_errors_calamine_does_not_know_become_text() {
        let xml = "<sheetData><row r=\"2\"><c r=\"A2\" t=\"e\"><f>1/0</f><v>#DIV/0!</v></c>\
                   <c r=\"B2\" s=\"3\" t=\"e\"><f>SEQUENCE(2)</f><v>#SPILL!</v></c>\
                   <c r=\"C2\" t='e'><v>Err:502</v></c><c r=\"D2\" t=\"e\"/>\
                   <c r=\"E2\" t=\"s\"><v>0</v></c></row></sheetData>";
        assert_eq!(
            as_text(xml).unwrap(),
            xml.replace("s=\"3\" t=\"e\"", "s=\"3\" t=\"str\"")
                .replace("t='e'", "t='str'")
        );
        let known = "<c r=\"A2\" t=\"e\"><v>#N/A</v></c><c r=\"B2\"><v>1</v></c>";
        assert_eq!(as_text(known), None);
    }

    #[test]
    fn a_type_spaced_as_xml_allows_is_found() {
        for tag in [
            "<c r=\"A1\"\nt=\"e\">",
            "<c\tr=\"A1\"\tt=\"e\">",
            "<c r=\"A1\" t = 'e'>",
            "<c r=\"A1\" t\t=\n\"e\">",
            "<c r=\"A1\" t  =  \"e\">",
        ] {
            let xml = format!("{tag}<v>#SPILL!</v></c>");
            let text = as_text(&xml).unwrap_or_else(|| panic!("{xml}"));
            assert!(text.contains("str"), "{text}");
            assert!(held_in(&xml).errors, "{xml}");
        }
        // (Another attribute's value of "e" is no error type.)
        assert_eq!(as_text("<c r=\"A1\" s=\"e\"><v>#SPILL!</v></c>"), None);
    }

    #[test]
    fn cells_never_closed_are_looked_at_one_by_one() {
        // A cell's look for its value stops at the next cell or row: 200,000 cells never
        // closed were each looked through to the part's end (10 s).
        assert_eq!(value_of_cell(b"<c r=\"B2\"><v>#SPILL!</v></c>"), None);
        assert_eq!(
            value_of_cell(b"</row><row r=\"3\"><c><v>#SPILL!</v></c>"),
            None
        );
        assert_eq!(
            value_of_cell(b"<f>X()</f><v>#SPILL!</v>"),
            Some(&b"#SPILL!"[..])
        );
        let xml = "<c r=\"A2\" t=\"e\">".repeat(200_000);
        assert_eq!(as_text(&xml), None);
    }

    /// `held` of a workbook whose one sheet part is `xml`.
    fn held_in(xml: &str) -> Held {
        let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Stored);
        zip.start_file("xl/worksheets/sheet1.xml", options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
        held(&zip.finish().unwrap().into_inner())
    }

    #[test]
    fn cells_written_with_a_prefix_are_cells() {
        let xml = "<x:c r=\"A1\" t=\"e\"><x:f>X()</x:f><x:v>#CALC!</x:v></x:c>";
        assert_eq!(as_text(xml).unwrap(), xml.replace("t=\"e\"", "t=\"str\""));
    }

    #[test]
    fn text_that_looks_like_an_error_type_is_left() {
        // (Only a cell's own tag: not an inline string's text, nor another element.)
        let xml = "<c r=\"A1\" t=\"inlineStr\"><is><t> t=\"e\"</t></is></c>\
                   <f t=\"e\">x</f><cell t=\"e\"><v>#SPILL!</v></cell>";
        assert_eq!(as_text(xml), None);
        // (A cell with no value before it ends.)
        assert_eq!(
            as_text("<c r=\"A1\" t=\"e\"></c><c r=\"B1\"><v>#SPILL!</v></c>"),
            None
        );
    }

    #[test]
    fn a_part_with_no_closing_bracket_is_left() {
        assert_eq!(as_text("<c r=\"A1\" t=\"e\"><v>#SPILL!"), None);
        assert_eq!(as_text("<c r=\"A1\" t=\"e\""), None);
        assert_eq!(as_text(""), None);
    }
}

//! Renderers: values in, text out. Only this room knows comfy-table, csv writers and JSON
//! layouts.

pub mod about;
pub mod bulletin;
pub mod findings;
pub mod format;
pub mod html;
pub mod json;
pub mod sections;
pub mod svg;
pub mod template;
pub mod xlsx;

use comfy_table::{ContentArrangement, Table, presets};

/// A table in the house style: ASCII borders (they survive any terminal, pipe or e-mail),
/// wrapped to `width` columns where one is given. A width of 0 is none: a terminal that gives
/// its width as 0 does not know it (a pseudo-terminal never sized, as under `script` or on a
/// serial console), and a table wrapped to it would be squeezed to its narrowest, so it is left
/// as a pipe gets it.
pub fn new_table(width: Option<u16>) -> Table {
    let mut t = Table::new();
    // (The width is decided here alone: comfy-table is not to ask the terminal again.)
    t.load_style(presets::ASCII_FULL_CONDENSED).force_no_tty();
    match width.filter(|&w| w > 0) {
        Some(w) => t
            .set_width(w)
            .set_content_arrangement(ContentArrangement::Dynamic),
        None => t.set_content_arrangement(ContentArrangement::Disabled),
    };
    t
}

/// The width to wrap a table to: the terminal's, when standard output is one and `wrap` allows
/// it. A table written to a file is never wrapped, as in a pipe: the terminal it was run from is
/// not where it will be read.
pub fn terminal_width(wrap: bool) -> Option<u16> {
    if wrap { Table::new().width() } else { None }
}

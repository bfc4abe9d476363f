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
/// wrapped to the terminal's width when standard output is one and `wrap` allows it. A table
/// written to a file is never wrapped, as in a pipe: the terminal it was run from is not where
/// it will be read.
pub fn new_table(wrap: bool) -> Table {
    let mut t = Table::new();
    t.load_style(presets::ASCII_FULL_CONDENSED)
        .set_content_arrangement(if wrap {
            ContentArrangement::Dynamic
        } else {
            ContentArrangement::Disabled
        });
    t
}

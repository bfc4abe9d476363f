//! xmtool: a city's key projects (重点项目), month by month, from a folder of files.
//!
//! The work flows load → check → compute → render: [`load`] turns the data folder into typed
//! rows with their origin, [`check`] finds what is wrong with them, and the commands in [`cmd`]
//! put the pieces together.

/// `eprintln!` that never panics: a message standard error cannot take (closed, or a pipe whose
/// reader has gone, as in `xmtool … 2>&1 | head`) is let go, as a closed pipe on standard output
/// is.
#[macro_export]
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        // (What is said may hold text from the data or the command line: an id, a name, a file
        // name. Its control characters are written as escapes, never sent to the terminal.)
        let said = format!($($arg)*);
        let _ = writeln!(std::io::stderr(), "{}", $crate::finding::printable(&said, true));
    }};
}

pub mod check;
pub mod cli;
pub mod cmd;
pub mod compute;
pub mod finding;
pub mod load;
pub mod model;
pub mod output;
pub mod par;
pub mod render;
pub mod settings;

//! One module per subcommand, each with a `run` taking the data folder, its arguments and where
//! to write, and returning how it went.

pub mod check;
pub mod report;

/// How a command ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done; the data has no errors.
    Clean,
    /// Done, but the data has errors (or warnings, when strict).
    DataErrors,
}

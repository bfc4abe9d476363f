//! xmtool: a city's key projects (重点项目), month by month, from a folder of files.
//!
//! The work flows load → check → compute → render: [`load`] turns the data folder into typed
//! rows with their origin, [`check`] finds what is wrong with them, and the commands in [`cmd`]
//! put the pieces together.

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

//! intake: a terminal intake assistant for health coverage.
//!
//! content/ + rules/ --load+validate--> Pack; answers --> Intake;
//! engine::assess(&Pack, &Intake, as_of) --> Assessment --> front ends.

pub mod cli;
pub mod content;
pub mod dates;
pub mod engine;
pub mod error;
pub mod interview;
pub mod model;
pub mod money;
pub mod plain;
pub mod report;
pub mod rescreen;
pub mod rules;
pub mod safe;
pub mod store;
pub mod suggest;
pub mod synth;
pub mod tui;
pub mod yamlnest;
pub mod yamlpos;

//! The floor every way out of the program stands on: one function that
//! makes text safe for a terminal, and one way to write a file. Nothing
//! here knows about eligibility, records or front ends.

pub mod fs;
pub mod text;

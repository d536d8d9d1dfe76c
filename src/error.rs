//! One error type for everything a user can get wrong: a file, a line when we
//! know it, and a plain sentence. Every command turns it into exit status 2.

use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: Option<String>,
    pub line: Option<usize>,
    /// Path of the offending field in the input (`people[1].birth_date`),
    /// so a caller holding the text can find the line.
    pub path: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn new(message: impl Into<String>) -> Self {
        Problem {
            file: None,
            line: None,
            path: None,
            message: message.into(),
        }
    }
    pub fn at(file: impl Into<String>, line: Option<usize>, message: impl Into<String>) -> Self {
        Problem {
            file: Some(file.into()),
            line,
            path: None,
            message: message.into(),
        }
    }
    /// A problem with a field of an input record, named by its path.
    pub fn field(path: impl Into<String>, message: impl Into<String>) -> Self {
        let path = path.into();
        Problem {
            file: None,
            line: None,
            message: format!("{path}: {}", message.into()),
            path: Some(path),
        }
    }
    /// Attach the file and, from the path, the line.
    pub fn locate(mut self, file: &str, text: &str) -> Self {
        if self.file.is_none() {
            self.file = Some(file.to_string());
        }
        if self.line.is_none()
            && let Some(p) = &self.path
        {
            self.line = crate::yamlpos::line_of(text, p);
        }
        self
    }
    pub fn in_file(mut self, file: impl Into<String>) -> Self {
        if self.file.is_none() {
            self.file = Some(file.into());
        }
        self
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (&self.file, self.line) {
            (Some(file), Some(line)) => write!(f, "{file}:{line}: {}", self.message),
            (Some(file), None) => write!(f, "{file}: {}", self.message),
            _ => write!(f, "{}", self.message),
        }
    }
}

impl std::error::Error for Problem {}

/// Turn a serde_yaml error into a Problem that names the file and the line.
/// serde_yaml already puts the field path in its message; we move the
/// "at line N column M" part into the `file:line:` prefix so every message
/// reads the same way.
pub fn from_yaml(file: &str, err: &serde_yaml::Error) -> Problem {
    let line = err.location().map(|l| l.line());
    let mut message = err.to_string();
    if let Some(idx) = message.find(" at line ") {
        message.truncate(idx);
    }
    Problem::at(file, line, message)
}

pub type Result<T> = std::result::Result<T, Problem>;

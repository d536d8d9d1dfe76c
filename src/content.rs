//! content/: everything said to a person, per language. Each file is a map
//! from an id to words (a string, or a mapping with `name`, `help`, ...).
//! Rules refer to things by id; `rules check` makes sure each id has words.

use crate::error::{Problem, Result};
use crate::rules::{FileSet, parse_yaml};
use serde_yaml::{Mapping, Value};
use std::collections::BTreeMap;
use std::path::Path;

#[derive(Debug, Clone, Default)]
pub struct Content {
    pub lang: String,
    /// section (file stem) -> (file path, entries)
    sections: BTreeMap<String, (String, Mapping)>,
    /// section -> the file's text, for `file:line` in messages.
    texts: BTreeMap<String, String>,
}

impl Content {
    /// The embedded content for a language, or a directory of YAML files.
    pub fn open(lang_or_dir: &str) -> Result<Content> {
        let fs = if Path::new(lang_or_dir).is_dir() && lang_or_dir.contains(['/', '.']) {
            FileSet::from_dir(Path::new(lang_or_dir))?
        } else {
            let fs = FileSet::embedded(&format!("content/{lang_or_dir}"));
            if fs.files.is_empty() {
                return Err(Problem::new(format!(
                    "no content for language '{lang_or_dir}'; available: {}",
                    FileSet::names_available("content").join(", ")
                )));
            }
            fs
        };
        Content::load(lang_or_dir, &fs)
    }

    pub fn load(lang: &str, fs: &FileSet) -> Result<Content> {
        let mut sections = BTreeMap::new();
        let mut texts = BTreeMap::new();
        for (file, text) in &fs.files {
            let map: Mapping = parse_yaml(file, text)?;
            let stem = Path::new(file)
                .file_stem()
                .and_then(|s| s.to_str())
                .unwrap_or("")
                .to_string();
            texts.insert(stem.clone(), text.clone());
            sections.insert(stem, (file.clone(), map));
        }
        Ok(Content {
            lang: lang.to_string(),
            sections,
            texts,
        })
    }

    pub fn file_for(&self, section: &str) -> String {
        self.sections
            .get(section)
            .map(|(f, _)| f.clone())
            .unwrap_or_else(|| format!("content/{}/{section}.yaml", self.lang))
    }

    /// The text of a section's file (for line numbers).
    pub fn text_of(&self, section: &str) -> Option<&str> {
        self.texts.get(section).map(String::as_str)
    }

    /// A string from any section with `{placeholders}` filled in (the
    /// key itself when missing, so a gap shows rather than vanishes).
    pub fn say(&self, section: &str, key: &str, args: &[(&str, &str)]) -> String {
        placeholders(self.field(section, key, "name").unwrap_or(key), args)
    }

    pub fn get(&self, section: &str, id: &str) -> Option<&Value> {
        self.sections.get(section)?.1.get(id)
    }

    pub fn section(&self, section: &str) -> Option<&Mapping> {
        self.sections.get(section).map(|(_, m)| m)
    }

    /// The entry's `field` (or the entry itself when it is a plain string
    /// and `field` is "name").
    pub fn field(&self, section: &str, id: &str, field: &str) -> Option<&str> {
        match self.get(section, id)? {
            Value::String(s) if field == "name" => Some(s),
            Value::Mapping(m) => m.get(field).and_then(|v| v.as_str()),
            _ => None,
        }
    }

    /// A whole section as a mapping (for lists such as contacts).
    pub fn field_map(&self, section: &str) -> Option<&Mapping> {
        self.section(section)
    }

    /// A name for an id, falling back to the id itself.
    pub fn name<'a>(&'a self, section: &str, id: &'a str) -> &'a str {
        self.field(section, id, "name").unwrap_or(id)
    }

    /// Problems for the keys of `section` a front end needs and content
    /// lacks (checked when content loads, so a gap is never shown as a key).
    pub fn require(&self, section: &str, keys: &[&str]) -> Vec<Problem> {
        keys.iter()
            .filter(|k| self.field(section, k, "name").is_none())
            .map(|k| {
                Problem::at(
                    self.file_for(section),
                    None,
                    format!("no words for '{k}' ({section}: {k})"),
                )
            })
            .collect()
    }

    /// A user-interface string with `{placeholders}` filled in.
    pub fn ui(&self, key: &str, args: &[(&str, &str)]) -> String {
        self.say("ui", key, args)
    }
}

/// `template` with each `{name}` replaced by its value in `args`.
pub fn placeholders(template: &str, args: &[(&str, &str)]) -> String {
    let mut s = template.to_string();
    for (k, v) in args {
        s = s.replace(&format!("{{{k}}}"), v);
    }
    s
}

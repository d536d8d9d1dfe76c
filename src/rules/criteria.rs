//! Criteria are data: `all` / `any` / `not` of comparisons between a fact
//! (computed in Rust, see engine::facts) and a literal or a parameter, or a
//! test of another program's status. Parsed by hand from YAML so that each
//! mistake is reported with its path (and so its line).

use super::Reference;
use rust_decimal::Decimal;
use serde::{Deserialize, Serialize};
use serde_yaml::Value as Y;
use std::str::FromStr;
use std::sync::Arc;

#[derive(Debug, Clone)]
pub enum Node {
    All(Vec<Node>),
    Any(Vec<Node>),
    Not(Box<Node>),
    Leaf(Box<Leaf>),
}

#[derive(Debug, Clone)]
pub struct Leaf {
    pub id: Arc<str>,
    /// Position among the leaves of its tree (set by `number`), so the
    /// engine keeps leaf results in a vector rather than a map.
    pub index: usize,
    /// What the reason names: the fact, or `program:<id>`.
    pub label: Arc<str>,
    /// Under an odd number of `not`s: the criterion is met when the test
    /// fails (set by `number`).
    pub negated: bool,
    pub test: Test,
    pub reference: Option<Reference>,
    pub note: Option<String>,
    /// Where it was written, as a YAML path (for file:line).
    pub path: String,
}

#[derive(Debug, Clone)]
pub enum Test {
    Fact {
        fact: String,
        fact_index: usize,
        op: Op,
        rhs: Operand,
    },
    Program {
        program: String,
        /// Position of the program in the pack's evaluation order.
        program_index: usize,
        status_in: Arc<Vec<String>>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    In,
    NotIn,
}

impl std::fmt::Display for Op {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl Op {
    pub const ALL: [(&'static str, Op); 8] = [
        ("eq", Op::Eq),
        ("ne", Op::Ne),
        ("lt", Op::Lt),
        ("le", Op::Le),
        ("gt", Op::Gt),
        ("ge", Op::Ge),
        ("in", Op::In),
        ("not_in", Op::NotIn),
    ];
    pub fn name(self) -> &'static str {
        Op::ALL
            .iter()
            .find(|(_, o)| *o == self)
            .map(|(n, _)| *n)
            .unwrap_or("?")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Bool(bool),
    Num(Decimal),
    Text(String),
    List(Arc<Vec<String>>),
    Param {
        name: String,
        /// The parameter's slot in the pack (resolved at load).
        slot: usize,
        /// The slot of `column_from` (resolved at load).
        column_slot: usize,
        column: Option<String>,
        /// Name of a parameter whose value picks the column (e.g. 300 -> "300").
        column_from: Option<String>,
    },
}

pub type ParseError = (String, String); // (yaml path, message)

const LEAF_KEYS: [&str; 6] = ["id", "fact", "program", "status_in", "reference", "note"];

pub fn parse_node(v: &Y, path: &str) -> Result<Node, ParseError> {
    let m = v.as_mapping().ok_or_else(|| {
        (
            path.to_string(),
            "a criterion must be a mapping (all, any, not, or a test)".to_string(),
        )
    })?;
    let get = |k: &str| m.get(Y::String(k.to_string()));
    for key in ["all", "any"] {
        if let Some(list) = get(key) {
            if m.len() != 1 {
                return Err((
                    path.into(),
                    format!("'{key}' must stand alone in its mapping"),
                ));
            }
            let seq = list
                .as_sequence()
                .ok_or_else(|| (format!("{path}.{key}"), format!("'{key}' takes a list")))?;
            if seq.is_empty() {
                return Err((
                    format!("{path}.{key}"),
                    format!("'{key}' has an empty list"),
                ));
            }
            let mut nodes = Vec::new();
            for (i, item) in seq.iter().enumerate() {
                nodes.push(parse_node(item, &format!("{path}.{key}[{i}]"))?);
            }
            return Ok(if key == "all" {
                Node::All(nodes)
            } else {
                Node::Any(nodes)
            });
        }
    }
    if let Some(inner) = get("not") {
        if m.len() != 1 {
            return Err((path.into(), "'not' must stand alone in its mapping".into()));
        }
        return Ok(Node::Not(Box::new(parse_node(
            inner,
            &format!("{path}.not"),
        )?)));
    }
    // A leaf.
    let text = |k: &str| -> Result<Option<String>, ParseError> {
        match get(k) {
            None => Ok(None),
            Some(Y::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err((format!("{path}.{k}"), format!("'{k}' must be text"))),
        }
    };
    let id =
        text("id")?.ok_or_else(|| (path.to_string(), "this criterion has no 'id'".to_string()))?;
    for (k, _) in m {
        let k = k.as_str().unwrap_or("");
        if !LEAF_KEYS.contains(&k) && !Op::ALL.iter().any(|(n, _)| *n == k) {
            return Err((
                format!("{path}.{k}"),
                format!("criterion '{id}' has an unknown key '{k}'"),
            ));
        }
    }
    let reference = match get("reference") {
        None => None,
        Some(r) => Some(serde_yaml::from_value::<Reference>(r.clone()).map_err(|e| {
            (
                format!("{path}.reference"),
                format!("criterion '{id}': reference: {e}"),
            )
        })?),
    };
    let note = text("note")?;
    let test = if let Some(program) = text("program")? {
        let status_in = match get("status_in") {
            Some(Y::Sequence(s)) => s
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect(),
            _ => {
                return Err((
                    path.into(),
                    format!("criterion '{id}' tests a program but has no 'status_in' list"),
                ));
            }
        };
        Test::Program {
            program,
            program_index: usize::MAX,
            status_in: Arc::new(status_in),
        }
    } else {
        let fact = text("fact")?.ok_or_else(|| {
            (
                path.to_string(),
                format!("criterion '{id}' has neither 'fact' nor 'program'"),
            )
        })?;
        let ops: Vec<(Op, &Y)> = Op::ALL
            .iter()
            .filter_map(|(n, o)| get(n).map(|v| (*o, v)))
            .collect();
        if ops.len() != 1 {
            return Err((
                path.into(),
                format!(
                    "criterion '{id}' needs exactly one comparison (eq, ne, lt, le, gt, ge, in, not_in)"
                ),
            ));
        }
        let (op, rhs) = ops[0];
        let rhs = parse_operand(rhs, &format!("{path}.{}", op.name()), &id)?;
        Test::Fact {
            fact,
            fact_index: usize::MAX,
            op,
            rhs,
        }
    };
    let label: Arc<str> = match &test {
        Test::Fact { fact, .. } => fact.as_str().into(),
        Test::Program { program, .. } => format!("program:{program}").into(),
    };
    Ok(Node::Leaf(Box::new(Leaf {
        id: id.into(),
        index: 0,
        negated: false,
        label,
        test,
        reference,
        note,
        path: path.to_string(),
    })))
}

fn parse_operand(v: &Y, path: &str, id: &str) -> Result<Operand, ParseError> {
    match v {
        Y::Bool(b) => Ok(Operand::Bool(*b)),
        Y::Number(n) => Decimal::from_str(&n.to_string())
            .map(Operand::Num)
            .map_err(|_| {
                (
                    path.to_string(),
                    format!("criterion '{id}': {n} is not a usable number"),
                )
            }),
        Y::String(s) => Ok(Operand::Text(s.clone())),
        Y::Sequence(items) => Ok(Operand::List(Arc::new(
            items
                .iter()
                .map(|x| match x {
                    Y::String(s) => Ok(s.clone()),
                    Y::Number(n) => Ok(n.to_string()),
                    _ => Err((
                        path.to_string(),
                        format!("criterion '{id}': list items must be words"),
                    )),
                })
                .collect::<Result<_, _>>()?,
        ))),
        Y::Mapping(m) => {
            let name = m
                .get(Y::String("param".into()))
                .and_then(|x| x.as_str())
                .ok_or_else(|| {
                    (
                        path.to_string(),
                        format!("criterion '{id}': a mapping operand needs 'param'"),
                    )
                })?;
            for (k, _) in m {
                let k = k.as_str().unwrap_or("");
                if !["param", "column", "column_from"].contains(&k) {
                    return Err((
                        format!("{path}.{k}"),
                        format!("criterion '{id}': unknown key '{k}' in the parameter reference"),
                    ));
                }
            }
            let s = |k: &str| {
                m.get(Y::String(k.into())).map(|x| match x {
                    Y::Number(n) => n.to_string(),
                    other => other.as_str().unwrap_or_default().to_string(),
                })
            };
            Ok(Operand::Param {
                name: name.to_string(),
                slot: usize::MAX,
                column_slot: usize::MAX,
                column: s("column"),
                column_from: s("column_from"),
            })
        }
        _ => Err((
            path.to_string(),
            format!("criterion '{id}': cannot compare with this value"),
        )),
    }
}

/// Number the leaves of a tree and resolve fact names to their index in
/// `facts::FACTS` (usize::MAX when unknown; `rules check` reports those).
/// Returns the number of leaves.
pub fn number(node: &mut Node) -> usize {
    fn walk(n: &mut Node, next: &mut usize, negated: bool) {
        match n {
            Node::All(v) | Node::Any(v) => v.iter_mut().for_each(|c| walk(c, next, negated)),
            Node::Not(c) => walk(c, next, !negated),
            Node::Leaf(l) => {
                l.index = *next;
                l.negated = negated;
                *next += 1;
                if let Test::Fact {
                    fact, fact_index, ..
                } = &mut l.test
                {
                    *fact_index = crate::engine::facts::index_of(fact).unwrap_or(usize::MAX);
                }
            }
        }
    }
    let mut next = 0;
    walk(node, &mut next, false);
    next
}

impl Node {
    /// Visit every leaf mutably (to resolve names to positions after load).
    pub fn for_each_leaf_mut(&mut self, f: &mut dyn FnMut(&mut Leaf)) {
        match self {
            Node::All(v) | Node::Any(v) => v.iter_mut().for_each(|n| n.for_each_leaf_mut(f)),
            Node::Not(n) => n.for_each_leaf_mut(f),
            Node::Leaf(l) => f(l),
        }
    }

    pub fn leaves(&self) -> Vec<&Leaf> {
        let mut out = Vec::new();
        self.collect(&mut out);
        out
    }
    fn collect<'a>(&'a self, out: &mut Vec<&'a Leaf>) {
        match self {
            Node::All(v) | Node::Any(v) => v.iter().for_each(|n| n.collect(out)),
            Node::Not(n) => n.collect(out),
            Node::Leaf(l) => out.push(l),
        }
    }
}

//! Where each key of a configuration file is written, so that an error can name the key it
//! is about. The text is read by the `toml` crate; this only walks what it found.

use std::ops::Range;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use toml::Spanned;

/// Every key of a TOML text: its path (`["limits", "max_files"]`) and the bytes it is written
/// at, in the order of the text.
pub(super) struct Keys(Vec<(Vec<String>, Range<usize>)>);

/// A TOML value, reduced to its tables' keys.
enum Node {
    Table(Vec<(Spanned<String>, Node)>),
    Array(Vec<Node>),
    Leaf,
}

impl Keys {
    /// The keys of `text`; `None` when the `toml` crate does not read it.
    pub(super) fn of(text: &str) -> Option<Keys> {
        let root: Node = toml::from_str(text).ok()?;
        let mut keys = Vec::new();
        walk(&root, &[], &mut keys);
        keys.sort_by_key(|(_, span)| span.start);
        Some(Keys(keys))
    }

    /// The key written at `offset`.
    pub(super) fn at(&self, offset: usize) -> Option<&[String]> {
        self.0
            .iter()
            .find(|(_, span)| span.start == offset)
            .map(|(path, _)| path.as_slice())
    }

    /// Where `path` is first written.
    pub(super) fn find(&self, path: &[&str]) -> Option<usize> {
        self.0
            .iter()
            .find(|(p, _)| p.iter().map(String::as_str).eq(path.iter().copied()))
            .map(|(_, span)| span.start)
    }

    /// The key a value written at `span` belongs to: for a table that starts a line (a
    /// `[header]`), its own name; otherwise the last key written before the value.
    pub(super) fn owning(&self, text: &str, span: &Range<usize>) -> Option<&[String]> {
        let before = text.get(..span.start)?;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        if before[line_start..].trim().is_empty() {
            let header = self
                .0
                .iter()
                .filter(|(_, s)| span.contains(&s.start))
                .min_by_key(|(path, _)| path.len());
            if let Some((path, _)) = header {
                return Some(path);
            }
        }
        self.0
            .iter()
            .rev()
            .find(|(_, s)| s.start <= span.start)
            .map(|(path, _)| path.as_slice())
    }
}

fn walk(node: &Node, prefix: &[String], out: &mut Vec<(Vec<String>, Range<usize>)>) {
    match node {
        Node::Table(entries) => {
            for (key, value) in entries {
                let mut path = prefix.to_vec();
                path.push(key.get_ref().clone());
                out.push((path.clone(), key.span()));
                walk(value, &path, out);
            }
        }
        Node::Array(items) => items.iter().for_each(|item| walk(item, prefix, out)),
        Node::Leaf => {}
    }
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(NodeVisitor)
    }
}

struct NodeVisitor;

impl<'de> Visitor<'de> for NodeVisitor {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("any TOML value")
    }

    fn visit_bool<E>(self, _: bool) -> Result<Node, E> {
        Ok(Node::Leaf)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Node, E> {
        Ok(Node::Leaf)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Node, E> {
        Ok(Node::Leaf)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Node, E> {
        Ok(Node::Leaf)
    }

    fn visit_str<E>(self, _: &str) -> Result<Node, E> {
        Ok(Node::Leaf)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Spanned<String>>()? {
            entries.push((key, map.next_value::<Node>()?));
        }
        Ok(Node::Table(entries))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Node::Array(items))
    }
}

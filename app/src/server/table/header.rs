//! Finding the header row and the columns an import needs, by name.

use super::{Cell, Table};
use crate::error::Problem;

/// A column's letters as a spreadsheet shows them: 0 → A, 26 → AA.
pub fn column_letters(mut col: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// One column an import looks for: its field, and the header texts that
/// name it, the preferred first.
pub struct Column {
    pub field: &'static str,
    pub names: &'static [&'static str],
    pub required: bool,
}

/// Where the header row is and which column holds each field.
#[derive(Debug, PartialEq)]
pub struct Header {
    /// Index of the header row in the table.
    pub row: usize,
    /// (field, column index, the header text as the file has it).
    pub columns: Vec<(&'static str, usize, String)>,
}

impl Header {
    pub fn column(&self, field: &str) -> Option<usize> {
        self.columns
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, c, _)| *c)
    }

    /// "C（身份证号码）": the column's letters and its header (cut short).
    pub fn label(&self, field: &str) -> String {
        self.columns
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, c, h)| {
                let h: String = h.chars().take(20).collect();
                format!("{}（{h}）", column_letters(*c))
            })
            .unwrap_or_default()
    }
}

/// A header text reduced to what names it: no spaces, no required-field
/// marks, no note in brackets ("手机号（必填）"), full-width letters folded.
pub fn header_key(raw: &str) -> String {
    let folded: String = crate::domain::fold_width(raw)
        .chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '*' | ':' | '：'))
        .collect::<String>()
        .to_lowercase();
    let cut = folded.find(['(', '（']).unwrap_or(folded.len());
    let key = &folded[..cut];
    if key.is_empty() {
        folded
    } else {
        key.to_owned()
    }
}

/// Finds the header among the first rows (titles may stand above it): the
/// row naming the most of `columns`, at least two. Each field takes the
/// column whose header is its most preferred name. Required fields without
/// a column are named in the problem.
pub fn find_header(table: &Table, columns: &[Column]) -> Result<Header, Problem> {
    let matches = |row: &[Cell]| -> Vec<(&'static str, usize, String, usize)> {
        let mut found: Vec<(&'static str, usize, String, usize)> = Vec::new();
        for (c, cell) in row.iter().enumerate() {
            let key = header_key(&cell.text());
            if key.is_empty() {
                continue;
            }
            for col in columns {
                let Some(rank) = col.names.iter().position(|n| header_key(n) == key) else {
                    continue;
                };
                match found.iter_mut().find(|(f, ..)| *f == col.field) {
                    Some(existing) if existing.3 <= rank => {}
                    Some(existing) => *existing = (col.field, c, cell.text(), rank),
                    None => found.push((col.field, c, cell.text(), rank)),
                }
            }
        }
        found
    };
    let best = table
        .rows
        .iter()
        .take(20)
        .enumerate()
        .map(|(i, row)| (i, matches(row)))
        .filter(|(_, m)| m.len() >= 2)
        .max_by_key(|(i, m)| (m.len(), std::cmp::Reverse(*i)));
    let Some((row, found)) = best else {
        return Err(Problem::NoHeaderRow);
    };
    let missing: Vec<String> = columns
        .iter()
        .filter(|c| c.required && !found.iter().any(|(f, ..)| *f == c.field))
        .map(|c| c.field.to_owned())
        .collect();
    if !missing.is_empty() {
        return Err(Problem::MissingColumns { fields: missing });
    }
    Ok(Header {
        row,
        columns: found.into_iter().map(|(f, c, h, _)| (f, c, h)).collect(),
    })
}

//! .xlsx: a zip measured before it is opened, then the first sheet read
//! cell by cell, each position checked, never built as a grid.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xlsx};

use super::{text_cell, too_large, Cell, Table, MAX_COLS, MAX_ROWS};
use crate::error::Problem;

/// An .xlsx may inflate to this much per part, and in all.
const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;
const MAX_INFLATED_BYTES: u64 = 32 * 1024 * 1024;

/// Inflates every part of the zip into nothing, counting, so that a small
/// file claiming (or hiding) a huge part is refused before calamine keeps
/// any of it in memory. The sizes the zip declares are not trusted.
fn measure_zip(bytes: &[u8]) -> Result<(), Problem> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|_| Problem::NotASpreadsheet)?;
    let mut total = 0u64;
    for i in 0..zip.len() {
        let part = zip.by_index(i).map_err(|_| Problem::NotASpreadsheet)?;
        let inflated = std::io::copy(&mut part.take(MAX_PART_BYTES + 1), &mut std::io::sink())
            .map_err(|_| Problem::NotASpreadsheet)?;
        total += inflated;
        if inflated > MAX_PART_BYTES || total > MAX_INFLATED_BYTES {
            return Err(too_large());
        }
    }
    Ok(())
}

pub fn read(bytes: &[u8]) -> Result<Table, Problem> {
    measure_zip(bytes)?;
    let mut book = Xlsx::new(Cursor::new(bytes)).map_err(|_| Problem::NotASpreadsheet)?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or(Problem::NotASpreadsheet)?;
    let mut cells = book
        .worksheet_cells_reader(&name)
        .map_err(|_| Problem::NotASpreadsheet)?;
    // The size the sheet declares, before a single cell is read.
    let end = cells.dimensions().end;
    if end.0 >= MAX_ROWS || end.1 >= MAX_COLS {
        return Err(too_large());
    }
    let mut table = Table::default();
    // Every cell's own position too: the declaration may be missing or lie.
    while let Some(cell) = cells.next_cell().map_err(|_| Problem::NotASpreadsheet)? {
        let (row, col) = cell.get_position();
        let value = match cell.get_value() {
            DataRef::Empty | DataRef::Error(_) => continue,
            DataRef::Int(i) => Cell::Number(*i as f64),
            DataRef::Float(f) => Cell::Number(*f),
            DataRef::String(s) => text_cell(s),
            DataRef::SharedString(s) => text_cell(s),
            DataRef::Bool(b) => text_cell(if *b { "TRUE" } else { "FALSE" }),
            DataRef::DateTime(d) => text_cell(&d.to_string()),
            DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => text_cell(s),
        };
        if value != Cell::Empty {
            table.put(row, col, value)?;
        }
    }
    Ok(table)
}

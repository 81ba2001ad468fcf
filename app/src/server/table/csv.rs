//! CSV, as Excel and WPS save it on a Chinese system.

use super::{text_cell, too_large, Cell, Table, MAX_ROWS};
use crate::error::Problem;

/// UTF-8 (with or without a byte-order mark), else GB18030, as Excel and
/// WPS save "CSV" on a Chinese system.
fn decode(bytes: &[u8]) -> Result<String, Problem> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.contains(&0) {
        return Err(Problem::NotASpreadsheet);
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok(s.to_owned());
    }
    let (text, _, had_errors) = encoding_rs::GB18030.decode(bytes);
    if had_errors {
        return Err(Problem::NotASpreadsheet);
    }
    Ok(text.into_owned())
}

pub fn read(bytes: &[u8]) -> Result<Table, Problem> {
    let text = decode(bytes)?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut table = Table::default();
    for (row, record) in reader.records().enumerate() {
        let record = record.map_err(|_| Problem::NotASpreadsheet)?;
        let row = u32::try_from(row).map_err(|_| too_large())?;
        for (col, value) in record.iter().enumerate() {
            let col = u32::try_from(col).map_err(|_| too_large())?;
            let cell = text_cell(value);
            if cell != Cell::Empty {
                table.put(row, col, cell)?;
            }
        }
        if row >= MAX_ROWS {
            return Err(too_large());
        }
    }
    Ok(table)
}

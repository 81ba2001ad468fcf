//! An uploaded spreadsheet as a small table of cells, whatever it came as
//! (.xlsx, .xls, or CSV in UTF-8 or GB18030, told apart by content, not by
//! name), within fixed limits checked before anything large is allocated:
//! an .xlsx is measured inflated entry by entry before it is opened, a
//! sheet's declared size and every cell's position are checked against the
//! limits, and no reader builds a grid larger than they allow. Every import
//! reads its file here, before its write transaction opens.

use std::io::{Cursor, Read};

use calamine::{DataRef, Reader, Xls, Xlsx};

use crate::error::Problem;

/// At most this many rows (title rows and the header included) …
pub const MAX_ROWS: u32 = 1000;
/// … and this many columns are read.
pub const MAX_COLS: u32 = 64;
/// An .xlsx may inflate to this much per part, and in all.
const MAX_PART_BYTES: u64 = 16 * 1024 * 1024;
const MAX_INFLATED_BYTES: u64 = 32 * 1024 * 1024;
/// Longer cell texts are cut here; no field takes more.
const MAX_CELL_CHARS: usize = 500;

#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    Empty,
    Text(String),
    /// A number as the spreadsheet stored it (an identity number typed
    /// into a number cell has lost its last digits).
    Number(f64),
}

impl Cell {
    /// The cell as text: numbers without a needless ".0", texts trimmed.
    pub fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(s) => s.trim().to_owned(),
            Cell::Number(n) if n.fract() == 0.0 && n.abs() < 1e15 => format!("{n:.0}"),
            Cell::Number(n) => n.to_string(),
        }
    }

    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(s) => s.trim().is_empty(),
            Cell::Number(_) => false,
        }
    }
}

/// Rows of cells, row 0 being the sheet's first row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    fn put(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Problem> {
        if row >= MAX_ROWS || col >= MAX_COLS {
            return Err(too_large());
        }
        let (row, col) = (row as usize, col as usize);
        if self.rows.len() <= row {
            self.rows.resize(row + 1, Vec::new());
        }
        let r = &mut self.rows[row];
        if r.len() <= col {
            r.resize(col + 1, Cell::Empty);
        }
        r[col] = cell;
        Ok(())
    }
}

fn too_large() -> Problem {
    Problem::SheetTooLarge {
        rows: MAX_ROWS,
        cols: MAX_COLS,
    }
}

fn text_cell(s: &str) -> Cell {
    let s = s.trim();
    if s.is_empty() {
        Cell::Empty
    } else {
        Cell::Text(s.chars().take(MAX_CELL_CHARS).collect())
    }
}

/// Reads the first sheet of a spreadsheet or a CSV file.
pub fn read(bytes: &[u8]) -> Result<Table, Problem> {
    if bytes.starts_with(b"PK\x03\x04") {
        read_xlsx(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        read_xls(bytes)
    } else {
        read_csv(bytes)
    }
}

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

fn read_xlsx(bytes: &[u8]) -> Result<Table, Problem> {
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

/// BIFF records that hold one cell: row at byte 0, column at byte 2.
const CELL_RECORDS: [u16; 8] = [
    0x0006, // FORMULA
    0x00FD, // LABELSST
    0x0201, // BLANK
    0x0203, // NUMBER
    0x0204, // LABEL
    0x0205, // BOOLERR
    0x027E, // RK
    0x0207, // STRING (no position; skipped below)
];
/// Records that hold a run of cells in one row: row, first column, …, last
/// column in the final two bytes.
const RUN_RECORDS: [u16; 2] = [0x00BD /* MULRK */, 0x00BE /* MULBLANK */];
const DIMENSIONS: u16 = 0x0200;

/// Checks every sheet of an .xls against the limits, from its records,
/// before calamine (which reserves the declared size of every sheet and
/// builds each as a grid) is given the file.
fn check_xls(bytes: &[u8]) -> Result<(), Problem> {
    let mut file =
        cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| Problem::NotASpreadsheet)?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or(Problem::NotASpreadsheet)?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(|_| Problem::NotASpreadsheet)?
        .take(bytes.len() as u64 * 2)
        .read_to_end(&mut stream)
        .map_err(|_| Problem::NotASpreadsheet)?;
    let u16_at = |d: &[u8], i: usize| d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]));
    let u32_at = |d: &[u8], i: usize| {
        d.get(i..i + 4)
            .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
    };
    let mut at = 0;
    while let (Some(kind), Some(len)) = (u16_at(&stream, at), u16_at(&stream, at + 2)) {
        let data = stream
            .get(at + 4..at + 4 + len as usize)
            .ok_or(Problem::NotASpreadsheet)?;
        at += 4 + len as usize;
        let (rows, cols) = if kind == DIMENSIONS {
            // BIFF8: first row, last row + 1 (u32 each), first col, last col + 1.
            let (Some(rows), Some(cols)) = (u32_at(data, 4), u16_at(data, 10)) else {
                continue;
            };
            (rows, u32::from(cols))
        } else if CELL_RECORDS.contains(&kind) && kind != 0x0207 {
            let (Some(row), Some(col)) = (u16_at(data, 0), u16_at(data, 2)) else {
                continue;
            };
            (u32::from(row) + 1, u32::from(col) + 1)
        } else if RUN_RECORDS.contains(&kind) && data.len() >= 6 {
            let (Some(row), Some(last)) = (u16_at(data, 0), u16_at(data, data.len() - 2)) else {
                continue;
            };
            (u32::from(row) + 1, u32::from(last) + 1)
        } else {
            continue;
        };
        if rows > MAX_ROWS || cols > MAX_COLS {
            return Err(too_large());
        }
    }
    Ok(())
}

fn read_xls(bytes: &[u8]) -> Result<Table, Problem> {
    check_xls(bytes)?;
    let mut book = Xls::new(Cursor::new(bytes)).map_err(|_| Problem::NotASpreadsheet)?;
    let range = match book.worksheet_range_at(0) {
        Some(Ok(r)) => r,
        _ => return Err(Problem::NotASpreadsheet),
    };
    let mut table = Table::default();
    for (row, col, value) in range.used_cells() {
        let cell = match value {
            calamine::Data::Empty | calamine::Data::Error(_) => continue,
            calamine::Data::Int(i) => Cell::Number(*i as f64),
            calamine::Data::Float(f) => Cell::Number(*f),
            calamine::Data::String(s) => text_cell(s),
            calamine::Data::Bool(b) => text_cell(if *b { "TRUE" } else { "FALSE" }),
            calamine::Data::DateTime(d) => text_cell(&d.to_string()),
            calamine::Data::DateTimeIso(s) | calamine::Data::DurationIso(s) => text_cell(s),
        };
        let (Ok(row), Ok(col)) = (u32::try_from(row), u32::try_from(col)) else {
            return Err(too_large());
        };
        // `used_cells` counts from the range's first cell, not from A1.
        let (r0, c0) = range.start().unwrap_or((0, 0));
        table.put(row + r0, col + c0, cell)?;
    }
    Ok(table)
}

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

fn read_csv(bytes: &[u8]) -> Result<Table, Problem> {
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

    /// "C（身份证号码）": the column's letters and its header.
    pub fn label(&self, field: &str) -> String {
        self.columns
            .iter()
            .find(|(f, _, _)| *f == field)
            .map(|(_, c, h)| format!("{}（{h}）", column_letters(*c)))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_spreadsheets_show_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(63), "BL");
    }

    #[test]
    fn header_texts_are_compared_without_marks_and_notes() {
        assert_eq!(header_key(" 手机号（必填）*"), "手机号");
        assert_eq!(header_key("身份证 号码"), "身份证号码");
        assert_eq!(header_key("ＩＤ　Number"), "idnumber");
    }

    #[test]
    fn utf8_and_gb18030_csv_read_alike() {
        let utf8 = "姓名,身份证号\n张三,11010519491231002X\n";
        let (gb, _, _) = encoding_rs::GB18030.encode(utf8);
        let a = read(utf8.as_bytes()).unwrap();
        let b = read(&gb).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.cell(1, 0).text(), "张三");
        let bom = [b"\xEF\xBB\xBF".as_slice(), utf8.as_bytes()].concat();
        assert_eq!(read(&bom).unwrap(), a);
    }

    #[test]
    fn a_csv_past_the_limits_is_refused_by_size() {
        let wide = format!("{}\n", vec!["x"; MAX_COLS as usize + 1].join(","));
        assert!(matches!(
            read(wide.as_bytes()),
            Err(Problem::SheetTooLarge { .. })
        ));
        let long = "x\n".repeat(MAX_ROWS as usize + 1);
        assert!(matches!(
            read(long.as_bytes()),
            Err(Problem::SheetTooLarge { .. })
        ));
        assert_eq!(read(b"\x00\x01binary"), Err(Problem::NotASpreadsheet));
    }
}

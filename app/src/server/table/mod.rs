//! An uploaded spreadsheet as a small table of cells, whatever it came as
//! (.xlsx, .xls, or CSV in UTF-8 or GB18030, told apart by content, not by
//! name), within fixed limits checked before anything large is allocated:
//! an .xlsx is measured inflated part by part before it is opened and read
//! cell by cell; an .xls is read by this module's own record reader, not
//! by a library that builds every sheet as a grid; every cell's position
//! and the table's total text are checked as they come. Every import reads
//! its file here, before its write transaction opens.

mod csv;
mod header;
mod xls;
mod xlsx;

pub use header::{column_letters, find_header, header_key, Column, Header};

use crate::error::Problem;

/// At most this many rows (title rows and the header included) …
pub const MAX_ROWS: u32 = 1000;
/// … and this many columns are read.
pub const MAX_COLS: u32 = 64;
/// Longer cell texts are cut here; no field takes more.
const MAX_CELL_CHARS: usize = 500;
/// The characters of all cells together: a file of a few kilobytes can
/// point thousands of cells at one long shared text.
const MAX_TOTAL_CHARS: usize = 1_000_000;

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

    fn chars(&self) -> usize {
        match self {
            Cell::Text(s) => s.chars().count(),
            _ => 1,
        }
    }
}

/// Rows of cells, row 0 being the sheet's first row.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Table {
    pub rows: Vec<Vec<Cell>>,
    chars: usize,
}

impl Table {
    pub fn cell(&self, row: usize, col: usize) -> &Cell {
        self.rows
            .get(row)
            .and_then(|r| r.get(col))
            .unwrap_or(&Cell::Empty)
    }

    /// Places a cell, refusing one beyond the limits before anything grows.
    fn put(&mut self, row: u32, col: u32, cell: Cell) -> Result<(), Problem> {
        if row >= MAX_ROWS || col >= MAX_COLS {
            return Err(too_large());
        }
        self.chars += cell.chars();
        if self.chars > MAX_TOTAL_CHARS {
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
        xlsx::read(bytes)
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        xls::read(bytes)
    } else {
        csv::read(bytes)
    }
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

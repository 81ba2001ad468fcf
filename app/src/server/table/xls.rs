//! .xls (BIFF8, Excel 97-2003), read by this module's own record reader:
//! the workbook stream is taken from the compound file by the `cfb` crate,
//! then the shared strings and the first worksheet's cell records are read
//! one by one, each cell placed in the bounded table as it comes. Nothing
//! the file declares (sizes, counts, offsets) makes anything grow beyond
//! what the file's own bytes and the table's limits allow. (A library
//! that reserves every sheet's declared size let a 6 KB file abort the
//! process.)

use std::io::{Cursor, Read};

use super::{text_cell, Cell, Table};
use crate::error::Problem;

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const BOOLERR: u16 = 0x0205;
const BIFF8: u16 = 0x0600;

fn bad() -> Problem {
    Problem::NotASpreadsheet
}

fn u16_at(d: &[u8], i: usize) -> Option<u16> {
    d.get(i..i + 2).map(|b| u16::from_le_bytes([b[0], b[1]]))
}

fn u32_at(d: &[u8], i: usize) -> Option<u32> {
    d.get(i..i + 4)
        .map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The records of a stream from `at`: (type, data), until the stream ends
/// or a record claims more bytes than remain.
fn records(stream: &[u8], mut at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    std::iter::from_fn(move || {
        let kind = u16_at(stream, at)?;
        let len = usize::from(u16_at(stream, at + 2)?);
        let data = stream.get(at + 4..at + 4 + len)?;
        at += 4 + len;
        Some((kind, data))
    })
}

/// The workbook stream of the compound file.
fn workbook_stream(bytes: &[u8]) -> Result<Vec<u8>, Problem> {
    let mut file = cfb::CompoundFile::open(Cursor::new(bytes)).map_err(|_| bad())?;
    let name = ["/Workbook", "/Book"]
        .into_iter()
        .find(|n| file.is_stream(n))
        .ok_or_else(bad)?;
    let mut stream = Vec::new();
    file.open_stream(name)
        .map_err(|_| bad())?
        // A stream cannot hold more than the file that carries it.
        .take(bytes.len() as u64)
        .read_to_end(&mut stream)
        .map_err(|_| bad())?;
    Ok(stream)
}

/// Bytes read across a record and its CONTINUE records.
struct Pieces<'a> {
    pieces: Vec<&'a [u8]>,
    piece: usize,
    at: usize,
}

impl<'a> Pieces<'a> {
    fn byte(&mut self) -> Option<u8> {
        loop {
            let p = self.pieces.get(self.piece)?;
            if let Some(b) = p.get(self.at) {
                self.at += 1;
                return Some(*b);
            }
            self.piece += 1;
            self.at = 0;
        }
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([
            self.byte()?,
            self.byte()?,
            self.byte()?,
            self.byte()?,
        ]))
    }

    fn skip(&mut self, n: usize) -> Option<()> {
        for _ in 0..n {
            self.byte()?;
        }
        Some(())
    }

    fn at_piece_end(&self) -> bool {
        self.pieces
            .get(self.piece)
            .is_some_and(|p| self.at >= p.len())
    }

    /// One XLUnicodeRichExtendedString of the shared string table. When
    /// its characters run into the next CONTINUE record, that record
    /// starts with a new flag byte saying whether they are one or two
    /// bytes wide.
    fn shared_string(&mut self) -> Option<String> {
        let count = usize::from(self.u16()?);
        let flags = self.byte()?;
        let mut wide = flags & 0x01 != 0;
        let runs = if flags & 0x08 != 0 { self.u16()? } else { 0 };
        let ext = if flags & 0x04 != 0 { self.u32()? } else { 0 };
        let mut units: Vec<u16> = Vec::with_capacity(count.min(1024));
        for _ in 0..count {
            if self.at_piece_end() {
                self.piece += 1;
                self.at = 0;
                wide = self.byte()? & 0x01 != 0;
            }
            units.push(if wide {
                self.u16()?
            } else {
                u16::from(self.byte()?)
            });
        }
        self.skip(usize::from(runs) * 4)?;
        self.skip(ext as usize)?;
        Some(String::from_utf16_lossy(&units))
    }
}

/// An XLUnicodeString in one record (LABEL, STRING): count, flag, chars.
fn unicode_string(d: &[u8]) -> Option<String> {
    let count = usize::from(u16_at(d, 0)?);
    let wide = d.get(2)? & 0x01 != 0;
    let chars = d.get(3..)?;
    if wide {
        let units: Vec<u16> = chars
            .chunks_exact(2)
            .take(count)
            .map(|b| u16::from_le_bytes([b[0], b[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        Some(chars.iter().take(count).map(|b| char::from(*b)).collect())
    }
}

/// An RK number: a shortened float or a 30-bit integer, maybe over 100.
fn rk(v: u32) -> f64 {
    let n = if v & 0x02 != 0 {
        f64::from((v as i32) >> 2)
    } else {
        f64::from_bits(u64::from(v & 0xFFFF_FFFC) << 32)
    };
    if v & 0x01 != 0 {
        n / 100.0
    } else {
        n
    }
}

fn number(n: f64) -> Cell {
    if n.is_finite() {
        Cell::Number(n)
    } else {
        Cell::Empty
    }
}

/// Reads the first worksheet of an .xls file into a bounded table.
pub fn read(bytes: &[u8]) -> Result<Table, Problem> {
    let stream = workbook_stream(bytes)?;
    let mut globals = records(&stream, 0);
    match globals.next() {
        Some((BOF, d)) if u16_at(d, 0) == Some(BIFF8) => {}
        // Excel 95 and older, or not a workbook: asked to be saved anew.
        _ => return Err(bad()),
    }
    let mut sheet_at: Option<usize> = None;
    let mut shared: Vec<&[u8]> = Vec::new();
    let mut in_sst = false;
    for (kind, d) in globals {
        match kind {
            FILEPASS => return Err(bad()),
            BOUNDSHEET if sheet_at.is_none() && d.get(5) == Some(&0) => {
                sheet_at = u32_at(d, 0).map(|o| o as usize);
            }
            SST => {
                shared = vec![d];
                in_sst = true;
                continue;
            }
            CONTINUE if in_sst => {
                shared.push(d);
                continue;
            }
            EOF => break,
            _ => {}
        }
        in_sst = false;
    }
    let strings = shared_strings(shared)?;
    let sheet_at = sheet_at.ok_or_else(bad)?;
    let mut sheet = records(&stream, sheet_at);
    if !matches!(sheet.next(), Some((BOF, _))) {
        return Err(bad());
    }
    let mut table = Table::default();
    let mut pending_formula: Option<(u32, u32)> = None;
    for (kind, d) in sheet {
        let position = || Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)));
        let cell = match kind {
            EOF => break,
            LABELSST => u32_at(d, 6)
                .and_then(|i| strings.get(i as usize))
                .map(|s| text_cell(s)),
            LABEL => d.get(6..).and_then(unicode_string).map(|s| text_cell(&s)),
            NUMBER => d
                .get(6..14)
                .map(|b| number(f64::from_le_bytes(b.try_into().unwrap_or_default()))),
            RK => u32_at(d, 6).map(|v| number(rk(v))),
            BOOLERR => match (d.get(6), d.get(7)) {
                (Some(b), Some(0)) => Some(text_cell(if *b != 0 { "TRUE" } else { "FALSE" })),
                _ => None,
            },
            MULRK => {
                let (Some((row, first)), Some(_)) =
                    (position(), u16_at(d, d.len().saturating_sub(2)))
                else {
                    continue;
                };
                let body = d.get(4..d.len().saturating_sub(2)).unwrap_or_default();
                for (i, pair) in body.chunks_exact(6).enumerate() {
                    let v = u32::from_le_bytes([pair[2], pair[3], pair[4], pair[5]]);
                    let col = first + u32::try_from(i).map_err(|_| super::too_large())?;
                    table.put(row, col, number(rk(v)))?;
                }
                continue;
            }
            FORMULA => match d.get(6..14) {
                // A text result follows in a STRING record.
                Some(v) if v[6] == 0xFF && v[7] == 0xFF && v[0] == 0 => {
                    pending_formula = position();
                    continue;
                }
                Some(v) if v[6] == 0xFF && v[7] == 0xFF && v[0] == 1 => {
                    Some(text_cell(if v[2] != 0 { "TRUE" } else { "FALSE" }))
                }
                Some(v) if v[6] == 0xFF && v[7] == 0xFF => None,
                Some(v) => Some(number(f64::from_le_bytes(v.try_into().unwrap_or_default()))),
                None => None,
            },
            STRING => {
                if let (Some((row, col)), Some(s)) = (pending_formula.take(), unicode_string(d)) {
                    table.put(row, col, text_cell(&s))?;
                }
                continue;
            }
            _ => continue,
        };
        if let (Some((row, col)), Some(cell)) = (position(), cell) {
            if cell != Cell::Empty {
                table.put(row, col, cell)?;
            }
        }
    }
    Ok(table)
}

/// The shared string table, as far as the file really holds it (its
/// declared count is not trusted).
fn shared_strings(pieces: Vec<&[u8]>) -> Result<Vec<String>, Problem> {
    let Some(first) = pieces.first() else {
        return Ok(Vec::new());
    };
    let declared = u32_at(first, 4).unwrap_or(0) as usize;
    let mut reader = Pieces {
        pieces,
        piece: 0,
        at: 8,
    };
    let mut strings = Vec::new();
    while strings.len() < declared {
        match reader.shared_string() {
            Some(s) => strings.push(s),
            None => break,
        }
    }
    Ok(strings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rk_numbers_decode_as_excel_writes_them() {
        // 13600001111 does not fit 30 bits: stored as NUMBER; small ones as RK.
        assert_eq!(rk((42 << 2) | 0x02), 42.0);
        assert_eq!(rk((1234 << 2) | 0x03), 12.34);
        let one = (1.0f64.to_bits() >> 32) as u32;
        assert_eq!(rk(one), 1.0);
    }

    #[test]
    fn a_shared_string_may_change_width_at_a_continue_record() {
        // "ab" one byte wide in the SST record, "中" two bytes wide in
        // the CONTINUE record that follows.
        let sst = [0, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, b'a', b'b'];
        let cont = [1, 0x2D, 0x4E];
        let strings = shared_strings(vec![&sst, &cont]).unwrap();
        assert_eq!(strings, vec!["ab中".to_string()]);
    }

    #[test]
    fn records_stop_where_the_stream_ends() {
        let stream = [0x09, 0x08, 2, 0, 0, 6, 0x0A, 0, 200, 0];
        let kinds: Vec<u16> = records(&stream, 0).map(|(k, _)| k).collect();
        assert_eq!(kinds, vec![BOF]);
        assert_eq!(
            read(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 not really"),
            Err(Problem::NotASpreadsheet)
        );
    }

    mod props {
        use proptest::prelude::*;

        use super::super::*;

        const ROSTER: &[u8] = include_bytes!("../../../tests/fixtures/roster.xls");

        proptest! {
            #![proptest_config(ProptestConfig { cases: 1000, ..ProptestConfig::default() })]

            /// A real .xls with bytes changed anywhere is read or refused,
            /// never a panic, never a table past the limits.
            #[test]
            fn a_damaged_xls_is_read_or_refused(
                changes in proptest::collection::vec((0usize..5632, any::<u8>()), 1..40)
            ) {
                let mut bytes = ROSTER.to_vec();
                for (at, b) in changes {
                    if let Some(x) = bytes.get_mut(at) {
                        *x = b;
                    }
                }
                if let Ok(t) = read(&bytes) {
                    prop_assert!(t.rows.len() <= super::super::super::MAX_ROWS as usize);
                }
            }
        }
    }
}

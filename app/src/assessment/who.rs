//! Whom a row of an imported sheet names, and finding them among the
//! programme's admitted trainees: by the trainee number (with the name,
//! so a wrong number is caught), else the identity number, else a name
//! no one else has. The assessment sheet and the ministry's certificate
//! numbers use it alike.

use crate::domain::assessment::Refusal;
use crate::domain::{fold_width, IdNumber};
use crate::error::{Problem, RowError};
use crate::server::table::{Cell, Column, Header, Table};

pub const NUMBER: Column = Column {
    field: "number",
    names: &["学员编号", "编号", "number"],
    required: false,
};
pub const NAME: Column = Column {
    field: "name",
    names: &["姓名", "学员姓名", "名字", "name"],
    required: true,
};
pub const ID_NUMBER: Column = Column {
    field: "id_number",
    names: &[
        "身份证号",
        "身份证号码",
        "身份证",
        "公民身份号码",
        "证件号码",
        "idnumber",
    ],
    required: false,
};

/// An admitted trainee: enrollment, name, keyed hash of the identity
/// number.
pub type Person = (i64, String, Option<String>);

#[derive(Debug)]
pub struct Who {
    pub number: Option<i64>,
    pub id_number: Option<String>,
    pub name: String,
}

pub fn error(header: &Header, row: u32, field: &str, problem: Problem) -> RowError {
    RowError {
        row,
        column: header.label(field),
        field: field.into(),
        problem,
    }
}

/// A cell's text with full-width letters and digits folded, trimmed.
pub fn text(t: &Table, header: &Header, index: usize, field: &str) -> String {
    let cell = header
        .column(field)
        .map_or(&Cell::Empty, |c| t.cell(index, c));
    fold_width(&cell.text()).trim().to_owned()
}

/// Whom row `index` names; its problems go to `errors`.
pub fn read(t: &Table, header: &Header, index: usize, errors: &mut Vec<RowError>) -> Who {
    let row = index as u32 + 1;
    let number = match text(t, header, index, "number") {
        n if n.is_empty() => None,
        n => match n.parse::<i64>() {
            Ok(n) => Some(n),
            Err(_) => {
                errors.push(error(header, row, "number", Problem::NotANumber));
                None
            }
        },
    };
    let id_number = match text(t, header, index, "id_number") {
        n if n.is_empty() => None,
        n => match IdNumber::parse(&n) {
            Ok(id) => Some(id.as_str().to_owned()),
            Err(p) => {
                errors.push(error(header, row, "id_number", p));
                None
            }
        },
    };
    let name = text(t, header, index, "name");
    if name.is_empty() {
        errors.push(error(header, row, "name", Problem::Required));
    }
    Who {
        number,
        id_number,
        name,
    }
}

impl Who {
    /// The trainee among `people` this names, or the field at fault.
    pub fn find<'a>(
        &self,
        people: &'a [Person],
        hash: impl Fn(&str) -> String,
    ) -> Result<&'a Person, (&'static str, Refusal)> {
        // A row that gives an identity number must agree with it, so a
        // sheet whose columns slipped cannot give one person's line to
        // another.
        let id = self.id_number.as_deref().map(&hash);
        let agrees = |p: &Person| id.is_none() || p.2.is_none() || p.2 == id;
        if let Some(n) = self.number {
            let p = people
                .iter()
                .find(|p| p.0 == n && p.1 == self.name)
                .ok_or(("number", Refusal::NotOnList))?;
            if agrees(p) {
                Ok(p)
            } else {
                Err(("id_number", Refusal::NotOnList))
            }
        } else if let Some(h) = &id {
            people
                .iter()
                .find(|p| p.2.as_ref() == Some(h) && p.1 == self.name)
                .ok_or(("id_number", Refusal::NotOnList))
        } else {
            let mut same = people.iter().filter(|p| p.1 == self.name);
            match (same.next(), same.next()) {
                (Some(p), None) => Ok(p),
                (Some(_), Some(_)) => Err(("name", Refusal::SameName)),
                _ => Err(("name", Refusal::NotOnList)),
            }
        }
    }
}

/// At most this many problems are listed.
pub const MAX_REPORTED: usize = 200;

/// Refuses a sheet longer than any programme's list of trainees.
pub fn bounded(rows: usize) -> Result<(), Vec<RowError>> {
    let max = crate::enrollment::roster::MAX_TRAINEES;
    if rows > max {
        return Err(crate::enrollment::roster::whole(Problem::TooManyRows {
            max: max as u32,
        }));
    }
    Ok(())
}

/// The rows read, or the problems (the first `MAX_REPORTED`); a sheet
/// with no row to read is refused as a whole.
pub fn gathered<T>(lines: Vec<T>, mut errors: Vec<RowError>) -> Result<Vec<T>, Vec<RowError>> {
    if lines.is_empty() && errors.is_empty() {
        return Err(crate::enrollment::roster::whole(Problem::Required));
    }
    errors.truncate(MAX_REPORTED);
    if errors.is_empty() {
        Ok(lines)
    } else {
        Err(errors)
    }
}

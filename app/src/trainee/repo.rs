//! Trainee accounts: one per person, found by the keyed hash of the
//! identity number an institution admitted; made at admission when the
//! person has none, with a one-time activation code instead of a password.

use sqlx::AnyConnection;

use crate::domain::{ActivationCode, CODE_DAYS};
use crate::server::crypto::{DataKeys, Purpose};

/// What admitting an enrollment did to accounts.
#[derive(Debug, PartialEq, Eq)]
pub enum Linked {
    /// The enrollment already had an account (the trainee applied signed
    /// in); `bound` when this admission first gave it an identity.
    Own { account: i64, bound: bool },
    /// The person's account from another programme.
    Found(i64),
    /// A new account awaiting activation.
    Made(i64),
}

/// Gives an admitted enrollment its person's account. The identity hash is
/// bound to an account here only, on an institution's admission: what an
/// applicant types never claims someone else's account.
pub async fn ensure_account(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    enrollment: i64,
    now: i64,
) -> Result<Linked, sqlx::Error> {
    let (account, hash, name, mobile_sealed): (
        Option<i64>,
        Option<String>,
        String,
        Option<String>,
    ) = sqlx::query_as(
        "SELECT account_id, id_number_hash, name, mobile_sealed FROM enrollments WHERE id = $1",
    )
    .bind(enrollment)
    .fetch_one(&mut *conn)
    .await?;
    let Some(hash) = hash else {
        // Not sealed yet (start-up seals every row before serving).
        return Err(sqlx::Error::RowNotFound);
    };
    let holder: Option<i64> = sqlx::query_scalar("SELECT id FROM accounts WHERE person_hash = $1")
        .bind(&hash)
        .fetch_optional(&mut *conn)
        .await?;
    if let Some(own) = account {
        let mut bound = false;
        if holder.is_none() {
            let done = sqlx::query(
                "UPDATE accounts SET person_hash = $1 WHERE id = $2 AND person_hash IS NULL",
            )
            .bind(&hash)
            .bind(own)
            .execute(&mut *conn)
            .await?;
            bound = done.rows_affected() == 1;
        }
        return Ok(Linked::Own {
            account: own,
            bound,
        });
    }
    if let Some(found) = holder {
        link(conn, enrollment, found).await?;
        return Ok(Linked::Found(found));
    }
    let mobile = match mobile_sealed {
        Some(m) => keys.open_column(&m)?,
        None => String::new(),
    };
    let mut username = free_username(conn, &mobile, enrollment).await?;
    // Two admissions of one person (or of two people with one mobile) at
    // once on PostgreSQL: the unique keys decide; the loser reads the
    // winner's account, or takes the other name.
    let made = loop {
        let made: Option<i64> = sqlx::query_scalar(
            "INSERT INTO accounts (username, display_name, role, password_hash, person_hash, \
             made_for_enrollment, created_at, updated_at) \
             VALUES ($1, $2, 'trainee', '', $3, $4, $5, $5) ON CONFLICT DO NOTHING RETURNING id",
        )
        .bind(&username)
        .bind(&name)
        .bind(&hash)
        .bind(enrollment)
        .bind(now)
        .fetch_optional(&mut *conn)
        .await?;
        if let Some(made) = made {
            break made;
        }
        let holder: Option<i64> =
            sqlx::query_scalar("SELECT id FROM accounts WHERE person_hash = $1")
                .bind(&hash)
                .fetch_optional(&mut *conn)
                .await?;
        if let Some(found) = holder {
            link(conn, enrollment, found).await?;
            return Ok(Linked::Found(found));
        }
        if username.starts_with('t') {
            return Err(sqlx::Error::RowNotFound);
        }
        username = free_username(conn, "", enrollment).await?;
    };
    link(conn, enrollment, made).await?;
    Ok(Linked::Made(made))
}

async fn link(conn: &mut AnyConnection, enrollment: i64, account: i64) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE enrollments SET account_id = $1 WHERE id = $2")
        .bind(account)
        .bind(enrollment)
        .execute(conn)
        .await?;
    Ok(())
}

/// The identity hash an account was admitted with, if any.
pub async fn person_of(
    conn: &mut AnyConnection,
    account: i64,
) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar::<_, Option<String>>("SELECT person_hash FROM accounts WHERE id = $1")
        .bind(account)
        .fetch_optional(conn)
        .await
        .map(Option::flatten)
}

/// The mobile number, as trainees are told to sign in with; when another
/// account has it as its name, `t` and the enrollment number. (Sign-in
/// answers an unknown name like a wrong password, so neither tells anyone
/// who is a trainee.)
async fn free_username(
    conn: &mut AnyConnection,
    mobile: &str,
    enrollment: i64,
) -> Result<String, sqlx::Error> {
    let mut name = if mobile.is_empty() {
        format!("t{enrollment}")
    } else {
        mobile.to_owned()
    };
    let mut n = 1;
    loop {
        let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM accounts WHERE username = $1")
            .bind(&name)
            .fetch_one(&mut *conn)
            .await?;
        if taken == 0 {
            return Ok(name);
        }
        name = if n == 1 {
            format!("t{enrollment}")
        } else {
            format!("t{enrollment}-{n}")
        };
        n += 1;
    }
}

/// A fresh code for an account awaiting activation; earlier unused codes
/// stop working.
pub async fn issue_code(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    account: i64,
    by: Option<i64>,
    now: i64,
) -> Result<(ActivationCode, i64), sqlx::Error> {
    use chacha20poly1305::aead::{rand_core::RngCore, OsRng};
    let mut bytes = [0u8; crate::domain::CODE_LEN];
    OsRng.fill_bytes(&mut bytes);
    let code = ActivationCode::from_random(bytes);
    let expires = now + CODE_DAYS * 86_400;
    sqlx::query(
        "UPDATE activation_codes SET expires_at = $1 WHERE account_id = $2 AND used_at IS NULL \
         AND expires_at > $1",
    )
    .bind(now)
    .bind(account)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO activation_codes (account_id, code_hash, code_sealed, expires_at, \
         created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(account)
    .bind(keys.lookup(Purpose::ActivationCode, code.as_str()))
    .bind(keys.seal(code.as_str()))
    .bind(expires)
    .bind(by)
    .bind(now)
    .execute(conn)
    .await?;
    Ok((code, expires))
}

/// One admitted trainee's slip.
pub struct SlipRow {
    pub enrollment: i64,
    pub name: String,
    pub kind: SlipKind,
}

pub enum SlipKind {
    /// The account this admission made, awaiting activation.
    Code {
        username: String,
        code: ActivationCode,
        expires: i64,
    },
    /// Made by this admission and activated: the holder signs in with it.
    Active { username: String },
    /// The person's account from elsewhere (or their own from applying):
    /// they sign in as before; its name and any code are not this
    /// programme's to show.
    Existing,
}

/// Slips for a programme's admitted trainees. Accounts this programme's
/// admissions made that still await activation without a live code get
/// one now; returns the rows and the enrollments whose codes were issued.
pub async fn slips(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    programme: i64,
    by: i64,
    now: i64,
) -> Result<(Vec<SlipRow>, Vec<i64>), sqlx::Error> {
    type Row = (
        i64,
        String,
        i64,
        String,
        String,
        Option<i64>,
        Option<String>,
        Option<i64>,
    );
    let rows: Vec<Row> = sqlx::query_as(
        "SELECT e.id, e.name, a.id, a.username, a.password_hash, a.made_for_enrollment, \
         c.code_sealed, c.expires_at \
         FROM enrollments e JOIN accounts a ON a.id = e.account_id \
         LEFT JOIN activation_codes c ON c.account_id = a.id AND c.used_at IS NULL \
           AND c.expires_at > $2 \
         WHERE e.programme_id = $1 AND e.status = 'admitted' ORDER BY e.id, c.id DESC",
    )
    .bind(programme)
    .bind(now)
    .fetch_all(&mut *conn)
    .await?;
    let mut out: Vec<SlipRow> = Vec::new();
    let mut issued = Vec::new();
    for (enrollment, name, account, username, password, made_for, sealed, expires) in rows {
        if out.last().is_some_and(|s| s.enrollment == enrollment) {
            continue;
        }
        let kind = if made_for != Some(enrollment) {
            SlipKind::Existing
        } else if !password.is_empty() {
            SlipKind::Active { username }
        } else {
            let (code, expires) = match (sealed, expires) {
                (Some(sealed), Some(expires)) => {
                    let plain = keys.open_column(&sealed)?;
                    let code = ActivationCode::parse(&plain)
                        .map_err(|_| sqlx::Error::Decode("activation code".into()))?;
                    (code, expires)
                }
                _ => {
                    issued.push(enrollment);
                    issue_code(conn, keys, account, Some(by), now).await?
                }
            };
            SlipKind::Code {
                username,
                code,
                expires,
            }
        };
        out.push(SlipRow {
            enrollment,
            name,
            kind,
        });
    }
    Ok((out, issued))
}

/// The account a live code activates: (account, user name). Does not use
/// the code (see `activate`).
pub async fn code_holder(
    conn: &mut AnyConnection,
    keys: &DataKeys,
    code: &ActivationCode,
    now: i64,
) -> Result<Option<(i64, i64, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT c.id, a.id, a.username FROM activation_codes c JOIN accounts a \
         ON a.id = c.account_id WHERE c.code_hash = $1 AND c.used_at IS NULL \
         AND c.expires_at > $2 AND a.password_hash = '' AND a.active = 1",
    )
    .bind(keys.lookup(Purpose::ActivationCode, code.as_str()))
    .bind(now)
    .fetch_optional(conn)
    .await
}

/// Uses the code and sets the password, if both are still as `code_holder`
/// found them (two phones with one code: one wins). Returns the account's
/// new session generation.
pub async fn activate(
    conn: &mut AnyConnection,
    code_id: i64,
    account: i64,
    password_hash: &str,
    now: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let used = sqlx::query(
        "UPDATE activation_codes SET used_at = $1 WHERE id = $2 AND used_at IS NULL \
         AND expires_at > $1",
    )
    .bind(now)
    .bind(code_id)
    .execute(&mut *conn)
    .await?;
    if used.rows_affected() != 1 {
        return Ok(None);
    }
    sqlx::query_scalar(
        "UPDATE accounts SET password_hash = $1, must_change_password = 0, \
         session_generation = session_generation + 1, updated_at = $2, version = version + 1 \
         WHERE id = $3 AND password_hash = '' RETURNING session_generation",
    )
    .bind(password_hash)
    .bind(now)
    .bind(account)
    .fetch_optional(conn)
    .await
}

/// After a key rotation re-hashes identity numbers, each account takes the
/// new hash from the enrollment it was made for, else an admitted one
/// linked to it (all hold one person's number).
pub async fn rehash_people(conn: &mut AnyConnection) -> Result<u64, sqlx::Error> {
    // Two statements: SQLite cannot name the outer row in a subquery's
    // ORDER BY.
    let made = sqlx::query(
        "UPDATE accounts SET person_hash = (SELECT e.id_number_hash FROM enrollments e \
         WHERE e.id = accounts.made_for_enrollment) \
         WHERE person_hash IS NOT NULL AND EXISTS (SELECT 1 FROM enrollments e \
         WHERE e.id = accounts.made_for_enrollment AND e.id_number_hash IS NOT NULL)",
    )
    .execute(&mut *conn)
    .await?;
    let own = sqlx::query(
        "UPDATE accounts SET person_hash = COALESCE((SELECT e.id_number_hash \
         FROM enrollments e WHERE e.account_id = accounts.id AND e.id_number_hash IS NOT NULL \
         ORDER BY CASE WHEN e.status = 'admitted' THEN 0 ELSE 1 END, e.id LIMIT 1), person_hash) \
         WHERE person_hash IS NOT NULL AND made_for_enrollment IS NULL",
    )
    .execute(conn)
    .await?;
    Ok(made.rows_affected() + own.rows_affected())
}

/// Codes sealed under a previous key, sealed and hashed again under the
/// current one (at start-up, during a rotation).
pub async fn reseal_codes(conn: &mut AnyConnection, keys: &DataKeys) -> Result<u64, sqlx::Error> {
    let rows: Vec<(i64, String)> = sqlx::query_as(
        "SELECT id, code_sealed FROM activation_codes WHERE used_at IS NULL \
         AND code_sealed NOT LIKE $1",
    )
    .bind(keys.current_pattern())
    .fetch_all(&mut *conn)
    .await?;
    let n = rows.len() as u64;
    for (id, sealed) in rows {
        let plain = keys.open_column(&sealed)?;
        sqlx::query("UPDATE activation_codes SET code_sealed = $1, code_hash = $2 WHERE id = $3")
            .bind(keys.seal(&plain))
            .bind(keys.lookup(Purpose::ActivationCode, &plain))
            .bind(id)
            .execute(&mut *conn)
            .await?;
    }
    Ok(n)
}

//! Sealed identities: a person's identity sealed for its complaint with the hub's key (never in
//! the database in clear, never in the complaint's row, history or the feed), read only by the
//! handling agency, each reading recorded.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::seal::Sealer;
use tdc_kernel::text::clean;

use super::complaints;
use crate::model::{IdentityReveal, Person};
use crate::schema::{complaint_identities as sealed, identity_reveals as reveals};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = reveals)]
struct RevealRow {
    id: String,
    complaint_id: String,
    agency_code: String,
    client_id: String,
    reason: String,
    revealed_at: NaiveDateTime,
}

impl RevealRow {
    fn to_api(&self) -> IdentityReveal {
        IdentityReveal {
            id: self.id.clone(),
            agency_code: self.agency_code.clone(),
            client_id: self.client_id.clone(),
            reason: self.reason.clone(),
            revealed_at: self.revealed_at.and_utc(),
        }
    }
}

/// Seals `person` for complaint `complaint_id`.
pub fn seal(conn: &mut AnyConnection, sealer: &Sealer, complaint_id: &str, person: &Person) -> Result<(), ApiError> {
    let plain = serde_json::to_vec(person).map_err(|e| ApiError::Internal(e.to_string()))?;
    let value = sealer.seal(&plain, complaint_id)?;
    diesel::insert_into(sealed::table)
        .values((sealed::complaint_id.eq(complaint_id), sealed::key_id.eq(sealer.key_id()), sealed::sealed.eq(value)))
        .execute(conn)?;
    Ok(())
}

/// The identity sealed for complaint `id`, for its handling agency only (403
/// `not_handling_agency` for anyone else, administrators too; 404 when none is held), recorded
/// with `reason` in the same transaction.
pub fn reveal(
    conn: &mut AnyConnection,
    sealer: &Sealer,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    reason: &str,
) -> Result<Person, ApiError> {
    let complaint = complaints::load(conn, writer, id)?;
    if !matches!(writer, Reader::Agency { code, .. } if *code == complaint.lead_agency) {
        let detail = "only the handling agency's clients read a sealed identity";
        return Err(ApiError::Forbidden { code: "not_handling_agency", detail: detail.into() });
    }
    let value: Option<String> = sealed::table.find(id).select(sealed::sealed).first(conn).optional()?;
    let value = value.ok_or_else(|| ApiError::NotFound(format!("complaint {id} holds no identity")))?;
    let plain = sealer.open(&value, id)?;
    let person: Person =
        serde_json::from_slice(&plain).map_err(|_| ApiError::Internal("a sealed identity does not parse".into()))?;
    let row = RevealRow {
        id: tdc_kernel::ids::new_id(),
        complaint_id: id.to_owned(),
        agency_code: actor.agency_code.clone(),
        client_id: actor.client_id.clone(),
        reason: clean(reason),
        revealed_at: now(),
    };
    diesel::insert_into(reveals::table).values(&row).execute(conn)?;
    Ok(person)
}

/// A page of the recorded readings of complaint `id`'s identity (to whoever may see the
/// complaint), oldest first; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<IdentityReveal>, ApiError> {
    complaints::load(conn, reader, id)?;
    let mut query = reveals::table
        .filter(reveals::complaint_id.eq(id))
        .select(RevealRow::as_select())
        .order(reveals::id.asc())
        .into_boxed();
    if let Some(after) = after {
        query = query.filter(reveals::id.gt(after));
    }
    let rows: Vec<RevealRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(RevealRow::to_api).collect())
}

//! A certificate's expiry, recorded by the hub the day after its last day of validity: the change
//! feed and the transition log say so when it happens (not only when someone reads it), other
//! provinces are told, and what rests on the body's registration follows it.

use crate::schema::cab_certificates as cc;
use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Step};
use tdc_kernel::resource::rows;
use tdc_kernel::{ApiError, HomeProvince};

use super::{CertificateRow, ENTITY, follow_registration};
use crate::store::{bodies, notifications};

/// The most certificates one run records (one transaction).
pub const EXPIRY_BATCH: usize = 100;

/// The client id the hub's own acts are recorded under.
pub const HUB_CLIENT: &str = "tdc-hub";

/// Records the expiry of at most [`EXPIRY_BATCH`] active certificates whose last day is before
/// `today` and whose expiry is not yet recorded; answers how many.
pub fn record_expiries(conn: &mut AnyConnection, home: &HomeProvince, today: NaiveDate) -> Result<usize, ApiError> {
    let due: Vec<CertificateRow> = cc::table
        .filter(cc::status.eq("active"))
        .filter(cc::valid_until.lt(today))
        .filter(cc::expiry_recorded.eq(false))
        .order(cc::id.asc())
        .limit(EXPIRY_BATCH as i64)
        .select(CertificateRow::as_select())
        .load(conn)?;
    for existing in &due {
        record_one(conn, home, existing)?;
    }
    Ok(due.len())
}

fn record_one(conn: &mut AnyConnection, home: &HomeProvince, existing: &CertificateRow) -> Result<(), ApiError> {
    let actor = Actor { client_id: HUB_CLIENT.into(), agency_code: existing.lead_agency.clone() };
    let mut row = existing.clone();
    row.expiry_recorded = true;
    rows::save(conn, &actor, "expire", existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: &row.id, action: "expire", from: "active", to: "expired" };
    lifecycle::record(conn, &actor, step, &serde_json::json!({ "valid_until": row.valid_until }))?;
    let body = bodies::load(conn, &row.body_id)?;
    notifications::tell_provinces(conn, &actor, home, &body, &row, "expire", None)?;
    let until = row.valid_until.map(|d| d.to_string()).unwrap_or_default();
    follow_registration(conn, &actor, &row, &format!("certificate {} expired after {until}", row.number))
}

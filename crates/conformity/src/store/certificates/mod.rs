//! Registration certificates in the database: the certificate as it stands (`cab_certificates`)
//! and every version an action made (`cab_certificate_versions`), each linked to its predecessor.

mod actions;
mod expiry;
pub(crate) mod issue;

pub use actions::apply;
pub use expiry::{EXPIRY_BATCH, record_expiries};
pub use issue::{issue, load_existing};

use crate::schema::{cab_certificate_versions as cv, cab_certificates as cc};
use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_kernel::access::Access;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::stored;
use tdc_kernel::text::{contains_pattern, fold};
use tdc_kernel::{ApiError, calendar};

use super::{catalogue_designation, from_json};
use crate::model::{
    Activity, Certificate, CertificateActionName, CertificateListQuery, CertificateStatus, CertificateSummary,
    CertificateVersion, ScopeItem, ScopeOnDate, utc,
};
use crate::rules::CERTIFICATE_LIFECYCLE;
use tdc_kernel::names::name_of;

/// The entity name of certificates in history, transitions and the change feed.
pub const ENTITY: &str = "cab_certificate";

#[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = cc, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct CertificateRow {
    pub id: String,
    pub body_id: String,
    pub number: String,
    pub activity: String,
    pub status: String,
    pub issuing_agency: String,
    pub first_issued_on: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub current_version: i32,
    pub scope: String,
    pub scope_text: String,
    pub dossier_ref: Option<String>,
    pub lead_agency: String,
    pub sharing: String,
    pub coordinating: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
    pub issuing_authority: String,
    pub signed_by: Option<String>,
    pub revocation: Option<String>,
    pub expiry_recorded: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = cv)]
pub(crate) struct VersionRow {
    pub id: String,
    pub certificate_id: String,
    pub version_no: i32,
    pub action: String,
    pub predecessor_id: Option<String>,
    pub number: String,
    pub status: String,
    pub effective_from: NaiveDate,
    pub valid_until: Option<NaiveDate>,
    pub scope: String,
    pub decision: Option<String>,
    pub dossier_ref: Option<String>,
    pub reason: Option<String>,
    pub agency_code: String,
    pub client_id: String,
    pub recorded_at: chrono::NaiveDateTime,
}

/// The status a stored status means today: an active certificate past its last day is expired.
pub(crate) fn status_on(stored_name: &str, valid_until: Option<NaiveDate>, today: NaiveDate) -> CertificateStatus {
    match stored::<CertificateStatus>(stored_name) {
        CertificateStatus::Active if valid_until.is_some_and(|d| d < today) => CertificateStatus::Expired,
        other => other,
    }
}

/// The folded text a scope is searched by.
pub(crate) fn scope_text(scope: &[ScopeItem]) -> String {
    let parts: Vec<String> = scope
        .iter()
        .map(|s| format!("{} {} {} {}", s.field, s.products.join(" "), s.standards.join(" "), s.test_methods.join(" ")))
        .collect();
    fold(&parts.join(" | "))
}

impl CertificateRow {
    pub(crate) fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    pub(crate) fn status_now(&self) -> CertificateStatus {
        status_on(&self.status, self.valid_until, calendar::today())
    }

    pub(crate) fn activity(&self) -> Activity {
        stored(&self.activity)
    }

    pub(crate) fn to_api(&self) -> Certificate {
        let status = self.status_now();
        Certificate {
            id: self.id.clone(),
            body_id: self.body_id.clone(),
            number: self.number.clone(),
            activity: self.activity(),
            status,
            issuing_agency: self.issuing_agency.clone(),
            issuing_authority: self.issuing_authority.clone(),
            signed_by: self.signed_by.clone(),
            revocation: self.revocation(),
            first_issued_on: self.first_issued_on,
            valid_until: self.valid_until,
            current_version: self.current_version,
            scope: from_json(&self.scope),
            dossier_ref: self.dossier_ref.clone(),
            next_actions: CERTIFICATE_LIFECYCLE.actions_from(status.as_str()),
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }

    fn summary(&self) -> CertificateSummary {
        CertificateSummary {
            id: self.id.clone(),
            number: self.number.clone(),
            activity: self.activity(),
            status: self.status_now(),
            valid_until: self.valid_until,
            scope: from_json(&self.scope),
            revocation: self.revocation(),
        }
    }

    pub(crate) fn revocation(&self) -> Option<crate::model::Revocation> {
        self.revocation.as_deref().and_then(|r| serde_json::from_str(r).ok())
    }
}

impl VersionRow {
    fn to_api(&self, predecessor_version_no: Option<i32>) -> CertificateVersion {
        CertificateVersion {
            version_no: self.version_no,
            action: stored(&self.action),
            predecessor_version_no,
            number: self.number.clone(),
            status: stored(&self.status),
            effective_from: self.effective_from,
            valid_until: self.valid_until,
            scope: from_json(&self.scope),
            decision: self.decision.as_deref().and_then(|d| serde_json::from_str(d).ok()),
            dossier_ref: self.dossier_ref.clone(),
            reason: self.reason.clone(),
            agency_code: self.agency_code.clone(),
            recorded_at: utc(self.recorded_at),
        }
    }
}

/// What an action does to the certificate, for [`write_version`].
pub(crate) struct VersionFacts {
    pub action: CertificateActionName,
    pub effective_from: NaiveDate,
    pub decision: Option<String>,
    pub reason: Option<String>,
}

/// Stores the certificate's current state as its next version, linked to the one before.
pub(crate) fn write_version(
    conn: &mut AnyConnection,
    actor: &Actor,
    row: &CertificateRow,
    predecessor: Option<String>,
    facts: VersionFacts,
) -> Result<String, ApiError> {
    let version = VersionRow {
        id: tdc_kernel::ids::new_id(),
        certificate_id: row.id.clone(),
        version_no: row.current_version,
        action: name_of(facts.action),
        predecessor_id: predecessor,
        number: row.number.clone(),
        status: row.status.clone(),
        effective_from: facts.effective_from,
        valid_until: row.valid_until,
        scope: row.scope.clone(),
        decision: facts.decision,
        dossier_ref: row.dossier_ref.clone(),
        reason: facts.reason,
        agency_code: actor.agency_code.clone(),
        client_id: actor.client_id.clone(),
        recorded_at: tdc_kernel::db::now(),
    };
    diesel::insert_into(cv::table).values(&version).execute(conn)?;
    Ok(version.id)
}

pub(crate) fn load(conn: &mut AnyConnection, id: &str) -> Result<CertificateRow, ApiError> {
    let row: Option<CertificateRow> = cc::table.find(id).select(CertificateRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no certificate {id}")))
}

/// One certificate (the registry is public).
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Certificate, ApiError> {
    load(conn, id).map(|r| r.to_api())
}

/// The certificates of each of these bodies, revoked ones with their revocation (the registry
/// publishes revocations), as the registry shows them (one query for a whole page of bodies).
pub(crate) fn summaries(
    conn: &mut AnyConnection,
    body_ids: &[String],
) -> Result<std::collections::HashMap<String, Vec<CertificateSummary>>, ApiError> {
    let rows: Vec<CertificateRow> = cc::table
        .filter(cc::body_id.eq_any(body_ids))
        .order((cc::body_id.asc(), cc::id.asc()))
        .select(CertificateRow::as_select())
        .load(conn)?;
    let mut by_body: std::collections::HashMap<String, Vec<CertificateSummary>> = std::collections::HashMap::new();
    for row in &rows {
        by_body.entry(row.body_id.clone()).or_default().push(row.summary());
    }
    Ok(by_body)
}

/// A body's certificates of `activity` that are active today.
pub(crate) fn active_of(
    conn: &mut AnyConnection,
    body_id: &str,
    activity: Activity,
) -> Result<Vec<CertificateRow>, ApiError> {
    let rows: Vec<CertificateRow> = cc::table
        .filter(cc::body_id.eq(body_id))
        .filter(cc::activity.eq(activity.as_str()))
        .select(CertificateRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().filter(|r| r.status_now() == CertificateStatus::Active).collect())
}

/// The certificates of `activity` a body holds that are not active today (revoked, suspended, expired).
pub(crate) fn inactive_of(
    conn: &mut AnyConnection,
    body_id: &str,
    activity: Activity,
) -> Result<Vec<CertificateRow>, ApiError> {
    let rows: Vec<CertificateRow> = cc::table
        .filter(cc::body_id.eq(body_id))
        .filter(cc::activity.eq(activity.as_str()))
        .select(CertificateRow::as_select())
        .load(conn)?;
    Ok(rows.into_iter().filter(|r| r.status_now() != CertificateStatus::Active).collect())
}

/// A page of certificates by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &CertificateListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Certificate>, ApiError> {
    let mut query = cc::table.select(CertificateRow::as_select()).order(cc::id.asc()).into_boxed();
    if let Some(body) = &filter.body_id {
        query = query.filter(cc::body_id.eq(body.clone()));
    }
    if let Some(activity) = filter.activity {
        query = query.filter(cc::activity.eq(activity.as_str()));
    }
    let today = calendar::today();
    match filter.status {
        Some(CertificateStatus::Active) => {
            query =
                query.filter(cc::status.eq("active")).filter(cc::valid_until.is_null().or(cc::valid_until.ge(today)));
        }
        Some(CertificateStatus::Expired) => {
            query = query.filter(cc::status.eq("active")).filter(cc::valid_until.lt(today))
        }
        Some(other) => query = query.filter(cc::status.eq(other.as_str())),
        None => {}
    }
    if let Some(standard) = filter.standard.as_deref().filter(|s| !s.trim().is_empty()) {
        let Some(designation) = catalogue_designation(conn, standard)? else { return Ok(Vec::new()) };
        query = query.filter(cc::scope_text.like(contains_pattern(&designation)).escape('\\'));
    }
    if let Some(after) = after {
        query = query.filter(cc::id.gt(after));
    }
    let rows: Vec<CertificateRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(CertificateRow::to_api).collect())
}

fn versions_of(conn: &mut AnyConnection, certificate_id: &str) -> Result<Vec<VersionRow>, ApiError> {
    Ok(cv::table
        .filter(cv::certificate_id.eq(certificate_id))
        .order(cv::version_no.asc())
        .select(VersionRow::as_select())
        .load(conn)?)
}

fn with_predecessors(rows: &[VersionRow]) -> Vec<CertificateVersion> {
    rows.iter()
        .map(|v| {
            let predecessor =
                v.predecessor_id.as_ref().and_then(|p| rows.iter().find(|r| &r.id == p)).map(|r| r.version_no);
            v.to_api(predecessor)
        })
        .collect()
}

/// A page of a certificate's versions after version `after`, oldest first; `limit + 1` rows.
pub fn versions(
    conn: &mut AnyConnection,
    id: &str,
    after: Option<i32>,
    limit: i64,
) -> Result<Vec<CertificateVersion>, ApiError> {
    load(conn, id)?;
    let all = with_predecessors(&versions_of(conn, id)?);
    let skip = after.unwrap_or(0);
    Ok(all.into_iter().filter(|v| v.version_no > skip).take(usize::try_from(limit + 1).unwrap_or(usize::MAX)).collect())
}

/// The version in effect on `on`: the last one that took effect on or before it (404 before the first).
pub fn scope_on(conn: &mut AnyConnection, id: &str, on: NaiveDate) -> Result<ScopeOnDate, ApiError> {
    load(conn, id)?;
    let all = with_predecessors(&versions_of(conn, id)?);
    let version = all
        .into_iter()
        .filter(|v| v.effective_from <= on)
        .max_by_key(|v| (v.effective_from, v.version_no))
        .ok_or_else(|| ApiError::NotFound(format!("certificate {id} was not yet issued on {on}")))?;
    Ok(ScopeOnDate { on, version })
}

/// Keeps what rests on a body's registration for certification in step with it after `row` (a
/// certification certificate) changed status: designations lapse or resume, declarations are
/// flagged or unflagged. `reason` says what happened, e.g. `certificate 15/2024/GCN revoked`.
pub(crate) fn follow_registration(
    conn: &mut AnyConnection,
    actor: &Actor,
    row: &CertificateRow,
    reason: &str,
) -> Result<(), ApiError> {
    if row.activity() != Activity::Certification {
        return Ok(());
    }
    let registered = !active_of(conn, &row.body_id, Activity::Certification)?.is_empty();
    super::designations::follow_body(conn, actor, &row.body_id, registered, reason)?;
    super::declarations::follow_certifier(conn, actor, &row.body_id, registered)
}

tdc_kernel::recorded!(CertificateRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(CertificateRow, cc);

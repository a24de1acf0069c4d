//! Designations of certification bodies for QCĐPs: DOST records the People's Committee's decision
//! and its revocation.

use crate::schema::cab_designations as cd;
use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_kernel::access::{Access, Reader};
use tdc_kernel::changes::{Actor, record_row};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::resource::rows;
use tdc_kernel::{ApiError, calendar};

use super::{bodies, certificates, to_json};
use crate::model::{
    Activity, Designation, DesignationAction, DesignationListQuery, DesignationStatus, NewDesignation, utc,
};
use crate::rules::DESIGNATION_LIFECYCLE;

/// The entity name of designations in history, transitions and the change feed.
pub const ENTITY: &str = "cab_designation";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = cd, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct DesignationRow {
        id: String,
        body_id: String,
        technical_regulation_id: String,
        regulation_code: String,
        decision: String,
        scope: Option<String>,
        valid_from: NaiveDate,
        valid_until: Option<NaiveDate>,
        status: String,
        revocation: Option<String>,
        lapse: Option<String>,
    }
}

impl DesignationRow {
    fn status_now(&self) -> DesignationStatus {
        match self.status.as_str() {
            "revoked" => DesignationStatus::Revoked,
            "lapsed" => DesignationStatus::Lapsed,
            _ if self.valid_until.is_some_and(|d| d < calendar::today()) => DesignationStatus::Expired,
            _ => DesignationStatus::Active,
        }
    }

    fn to_api(&self) -> Designation {
        let status = self.status_now();
        let status_name = super::name_of(status);
        Designation {
            id: self.id.clone(),
            body_id: self.body_id.clone(),
            technical_regulation_id: self.technical_regulation_id.clone(),
            regulation_code: self.regulation_code.clone(),
            decision: serde_json::from_str(&self.decision).unwrap_or_else(|_| placeholder_decision()),
            scope: self.scope.clone(),
            valid_from: self.valid_from,
            valid_until: self.valid_until,
            status,
            revocation: self.revocation.as_deref().and_then(|r| serde_json::from_str(r).ok()),
            lapse: self.lapse.as_deref().and_then(|r| serde_json::from_str(r).ok()),
            next_actions: DESIGNATION_LIFECYCLE.actions_from(&status_name),
            lead_agency: self.lead_agency.clone(),
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }
}

/// A stored decision that no longer parses reads as an empty one rather than failing the read.
fn placeholder_decision() -> tdc_regulations::model::DecisionRef {
    tdc_regulations::model::DecisionRef {
        number: String::new(),
        date: NaiveDate::MIN,
        title: None,
        issued_by: None,
        url: None,
    }
}

/// Records a designation: DOST for any QCĐP, a department for the QCĐPs of its field (those it
/// leads; seed 000 Art. 8.2.b), else 403 `not_in_field`. The body must do certification and hold
/// an active certification registration (409 `not_registered_for_certification`).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &NewDesignation,
) -> Result<Designation, ApiError> {
    let regulation = super::regulation_in_force(conn, &input.technical_regulation)?;
    let mover = Mover::of(conn, writer, &regulation.record.lead_agency)?;
    if !(mover.is_dost || mover.admin || mover.is_lead) {
        let detail = format!(
            "{} belongs to {}'s field; DOST or that department designates bodies for it",
            regulation.code.as_deref().unwrap_or("this regulation"),
            regulation.record.lead_agency
        );
        return Err(ApiError::Forbidden { code: "not_in_field", detail });
    }
    let body = bodies::load(conn, &input.body_id).map_err(|_| {
        ApiError::invalid_field("/body_id", "unknown_body", format!("no conformity body {}", input.body_id))
    })?;
    if !body.activities().contains(&Activity::Certification)
        || certificates::active_of(conn, &body.id, Activity::Certification)?.is_empty()
    {
        let detail = format!("{} holds no active registration for certification", body.name);
        return Err(ApiError::conflict("not_registered_for_certification", detail));
    }
    let valid_from = input.valid_from.unwrap_or(input.decision.date);
    if input.valid_until.is_some_and(|u| u <= valid_from) {
        return Err(ApiError::invalid_field("/valid_until", "before_start", "a designation ends after it starts"));
    }
    let at = now();
    let row = DesignationRow {
        id: tdc_kernel::ids::new_id(),
        body_id: body.id.clone(),
        technical_regulation_id: regulation.record.id.clone(),
        regulation_code: regulation.code.clone().unwrap_or_default(),
        decision: to_json(&input.decision),
        scope: tdc_kernel::text::clean_opt(input.scope.as_deref()),
        valid_from,
        valid_until: input.valid_until,
        status: "active".into(),
        revocation: None,
        lead_agency: actor.agency_code.clone(),
        sharing: "public".into(),
        coordinating: "[]".into(),
        version: 1,
        created_at: at,
        updated_at: at,
        lapse: None,
    };
    diesel::insert_into(cd::table).values(&row).execute(conn)?;
    record_row(conn, actor, "created", None, &row)?;
    let step = Step { entity: ENTITY, entity_id: &row.id, action: "designate", from: "new", to: "active" };
    lifecycle::record(conn, actor, step, &serde_json::json!({ "decision": input.decision }))?;
    Ok(row.to_api())
}

fn load(conn: &mut AnyConnection, id: &str) -> Result<DesignationRow, ApiError> {
    let row: Option<DesignationRow> = cd::table.find(id).select(DesignationRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no designation {id}")))
}

/// One designation (public).
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Designation, ApiError> {
    load(conn, id).map(|r| r.to_api())
}

/// Revokes a designation (DOST).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &DesignationAction,
) -> Result<(Designation, Transition), ApiError> {
    let existing = load(conn, id)?;
    let mover = Mover::of(conn, writer, &existing.lead_agency)?;
    let from = super::name_of(existing.status_now());
    let name = super::name_of(action.action);
    let to = DESIGNATION_LIFECYCLE.step(&from, &name, &mover)?;
    let mut row = existing.clone();
    row.status = to.into();
    row.lapse = None;
    row.revocation = Some(to_json(&crate::model::DesignationRevocation {
        reason: action.reason.clone(),
        decision: action.decision.clone(),
    }));
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &from, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

/// A page of designations by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &DesignationListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Designation>, ApiError> {
    let mut query = cd::table.select(DesignationRow::as_select()).order(cd::id.asc()).into_boxed();
    if let Some(body) = &filter.body_id {
        query = query.filter(cd::body_id.eq(body.clone()));
    }
    if let Some(reference) = filter.technical_regulation.as_deref().filter(|r| !r.is_empty()) {
        match tdc_kernel::ids::parse_id(reference) {
            Some(id) => query = query.filter(cd::technical_regulation_id.eq(id)),
            None => match tdc_regulations::rules::parse_code(reference) {
                Ok(code) => query = query.filter(cd::regulation_code.eq(code.text)),
                Err(_) => return Ok(Vec::new()),
            },
        }
    }
    let today = calendar::today();
    match filter.status {
        Some(DesignationStatus::Revoked) => query = query.filter(cd::status.eq("revoked")),
        Some(DesignationStatus::Lapsed) => query = query.filter(cd::status.eq("lapsed")),
        Some(DesignationStatus::Expired) => {
            query = query.filter(cd::status.eq("active")).filter(cd::valid_until.lt(today))
        }
        Some(DesignationStatus::Active) => {
            query =
                query.filter(cd::status.eq("active")).filter(cd::valid_until.is_null().or(cd::valid_until.ge(today)));
        }
        None => {}
    }
    if let Some(after) = after {
        query = query.filter(cd::id.gt(after));
    }
    let rows: Vec<DesignationRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(DesignationRow::to_api).collect())
}

/// Whether `body_id` holds an active designation for the QCĐP `regulation_id` today.
pub(crate) fn is_designated(conn: &mut AnyConnection, body_id: &str, regulation_id: &str) -> Result<bool, ApiError> {
    let rows: Vec<DesignationRow> = cd::table
        .filter(cd::body_id.eq(body_id))
        .filter(cd::technical_regulation_id.eq(regulation_id))
        .select(DesignationRow::as_select())
        .load(conn)?;
    Ok(rows.iter().any(|r| r.status_now() == DesignationStatus::Active))
}

/// Keeps a body's designations in step with its registration for certification: when it holds
/// none active any more (revoked, suspended, expired), its active designations lapse with
/// `reason`; when one is active again (a suspension lifted), lapsed ones are active again. Each
/// change is recorded (history, change feed, transition log) as `lapse` or `resume`.
pub(crate) fn follow_body(
    conn: &mut AnyConnection,
    actor: &Actor,
    body_id: &str,
    registered: bool,
    reason: &str,
) -> Result<(), ApiError> {
    let (from, to, action) = if registered { ("lapsed", "active", "resume") } else { ("active", "lapsed", "lapse") };
    let rows: Vec<DesignationRow> = cd::table
        .filter(cd::body_id.eq(body_id))
        .filter(cd::status.eq(from))
        .select(DesignationRow::as_select())
        .load(conn)?;
    let lapse = crate::model::DesignationLapse { on: calendar::today(), reason: reason.to_owned() };
    for existing in rows.iter().filter(|r| registered || r.status_now() == DesignationStatus::Active) {
        let mut row = existing.clone();
        row.status = to.into();
        row.lapse = if registered { None } else { Some(to_json(&lapse)) };
        rows::save(conn, actor, action, existing, &mut row)?;
        let step = Step { entity: ENTITY, entity_id: &row.id, action, from, to };
        lifecycle::record(conn, actor, step, &serde_json::json!({ "reason": reason }))?;
    }
    Ok(())
}

tdc_kernel::recorded!(
    DesignationRow,
    ENTITY,
    |row| row.to_api(),
    access = |row| Access::from_columns(&row.lead_agency, &row.sharing, &row.coordinating)
);
tdc_kernel::stored!(DesignationRow, cd);

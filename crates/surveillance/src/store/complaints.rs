//! Complaints in the database: taken in by an agency or from the public, routed, due in working
//! days, moved by the handling agency. The person's identity never enters this table (see
//! `identities.rs`).

use chrono::{Duration, NaiveDate};
use diesel::prelude::*;

use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::seal::Sealer;
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use super::{identities, routes};
use crate::model::{
    Channel, Complaint, ComplaintAction, ComplaintActionName, ComplaintKind, ComplaintListQuery, ComplaintStatus,
    PublicComplaintInput,
};
use crate::rules::complaint_lifecycle::{COMPLAINT_LIFECYCLE, OPEN, PUBLIC_PER_DAY, working_days};
use crate::schema::complaints;

/// The entity name of complaints in history, transitions and the change feed.
pub const ENTITY: &str = "complaint";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = complaints, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct ComplaintRow {
        pub(crate) id: String,
        ack_number: String,
        kind: String,
        channel: String,
        subject: String,
        description: String,
        product_name: Option<String>,
        gtin: Option<String>,
        business_tax_code: Option<String>,
        business_name: Option<String>,
        category_code: Option<String>,
        sector: Option<String>,
        commune_code: Option<String>,
        received_on: NaiveDate,
        due_on: NaiveDate,
        state: String,
        transfers: i32,
        outcome: Option<String>,
        closed_on: Option<NaiveDate>,
        pub(crate) has_identity: bool,
        source_key: Option<String>,
    }
}

impl ComplaintRow {
    fn open_past_due(&self) -> bool {
        OPEN.contains(&self.state.as_str()) && self.due_on < tdc_kernel::calendar::today()
    }

    fn to_api(&self) -> Complaint {
        Complaint {
            record: self.meta(),
            ack_number: self.ack_number.clone(),
            kind: stored(&self.kind),
            channel: stored(&self.channel),
            subject: self.subject.clone(),
            description: self.description.clone(),
            product_name: self.product_name.clone(),
            gtin: self.gtin.clone(),
            business_tax_code: self.business_tax_code.clone(),
            business_name: self.business_name.clone(),
            category_code: self.category_code.clone(),
            sector: self.sector.clone(),
            commune_code: self.commune_code.clone(),
            received_on: self.received_on,
            due_on: self.due_on,
            overdue: self.open_past_due(),
            state: stored(&self.state),
            next_actions: COMPLAINT_LIFECYCLE.actions_from(&self.state),
            transfers: self.transfers,
            outcome: self.outcome.clone(),
            closed_on: self.closed_on,
            has_identity: self.has_identity,
        }
    }
}

/// A fresh acknowledgement number: the year and ten characters no one can guess (about 50 bits).
fn ack_number(year: i32) -> Result<String, ApiError> {
    const ALPHABET: &[u8] = b"ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    let mut bytes = [0u8; 10];
    getrandom::fill(&mut bytes).map_err(|e| ApiError::Internal(format!("no randomness: {e}")))?;
    let code: String = bytes.iter().map(|b| ALPHABET[usize::from(*b) % ALPHABET.len()] as char).collect();
    Ok(format!("PA-{year}-{}-{}", &code[..5], &code[5..]))
}

/// Where an intake comes from and who handles it.
pub struct Intake {
    /// How it arrived.
    pub channel: Channel,
    /// The day it was received.
    pub received_on: NaiveDate,
    /// The competent agency, if the intake names it (else: the routing rules').
    pub handler: Option<String>,
    /// The agency that took it in (it coordinates), if not the public.
    pub taken_by: Option<String>,
    /// A keyed digest of the public source address (the daily cap), if from the public.
    pub source_key: Option<String>,
}

/// Records a complaint and seals its person's identity, in the caller's transaction.
pub fn intake(
    conn: &mut AnyConnection,
    sealer: &Sealer,
    content: &PublicComplaintInput,
    intake: Intake,
) -> Result<Complaint, ApiError> {
    use chrono::Datelike;
    if !(2000..=2100).contains(&intake.received_on.year()) {
        let message = "a day from 2000 to 2100";
        return Err(ApiError::Invalid(vec![FieldError::new("/received_on", "date_range", message)]));
    }
    if matches!(content.kind, ComplaintKind::Complaint | ComplaintKind::Denunciation) && content.person.is_none() {
        let message = "a complaint or denunciation names the person who brings it (it stays sealed)";
        return Err(ApiError::Invalid(vec![FieldError::new("/person", "required", message)]));
    }
    if let Some(key) = &intake.source_key {
        let since = now() - Duration::days(1);
        let today: i64 = complaints::table
            .filter(complaints::source_key.eq(key))
            .filter(complaints::created_at.gt(since))
            .count()
            .get_result(conn)?;
        if today >= PUBLIC_PER_DAY {
            let detail = format!("at most {PUBLIC_PER_DAY} complaints a day from one address; call the hotline");
            return Err(ApiError::TooManyRequests { code: "too_many_complaints", detail, retry_after_seconds: 3600 });
        }
    }
    let handler = match &intake.handler {
        Some(code) if tdc_directory::api::agency_exists(conn, code)? => code.clone(),
        Some(code) => {
            let message = format!("no agency {code} is recorded");
            return Err(ApiError::Invalid(vec![FieldError::new("/handling_agency", "unknown_agency", message)]));
        }
        None => routes::route(conn, content)?,
    };
    let coordinating: Vec<String> = intake.taken_by.iter().filter(|a| **a != handler).cloned().collect();
    let row = ComplaintRow {
        ack_number: ack_number(intake.received_on.year())?,
        kind: name_of(content.kind),
        channel: name_of(intake.channel),
        subject: clean(&content.subject),
        description: clean(&content.description),
        product_name: clean_opt(content.product_name.as_deref()),
        gtin: content.gtin.as_deref().map(tdc_directory::rules::gtin14_stored),
        business_tax_code: content.business_tax_code.clone(),
        business_name: clean_opt(content.business_name.as_deref()),
        category_code: content.category_code.clone(),
        sector: clean_opt(content.sector.as_deref()),
        commune_code: content.commune_code.clone(),
        received_on: intake.received_on,
        due_on: tdc_kernel::calendar::Calendar::load(conn)?
            .add_working_days(intake.received_on, working_days(content.kind)),
        state: "received".into(),
        has_identity: content.person.is_some(),
        source_key: intake.source_key,
        coordinating: Access::coordinating_column(&coordinating),
        lead_agency: handler.clone(),
        sharing: "restricted".into(),
        ..rows::fresh()
    };
    let actor = Actor {
        client_id: intake.taken_by.as_ref().map_or("public", |_| "agency-intake").into(),
        agency_code: intake.taken_by.unwrap_or(handler),
    };
    let row = rows::create(conn, &actor, row, "/subject", "this complaint is recorded already")?;
    if let Some(person) = &content.person {
        identities::seal(conn, sealer, &row.id, person)?;
    }
    Ok(row.to_api())
}

fn readable(reader: &Reader) -> Option<access::Condition<complaints::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "complaints.id"))
}

/// Complaint `id` if `reader` may see it (404 otherwise).
pub(crate) fn load(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<ComplaintRow, ApiError> {
    let mut query = complaints::table.find(id).select(ComplaintRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<ComplaintRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no complaint {id}")))
}

/// One complaint, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Complaint, ApiError> {
    load(conn, reader, id).map(|r| r.to_api())
}

/// Where the complaint with acknowledgement number `ack` stands (404 for any other number).
pub fn status(conn: &mut AnyConnection, ack: &str) -> Result<ComplaintStatus, ApiError> {
    let row: Option<ComplaintRow> = complaints::table
        .filter(complaints::ack_number.eq(ack.trim().to_uppercase()))
        .select(ComplaintRow::as_select())
        .first(conn)
        .optional()?;
    let row = row.ok_or_else(|| ApiError::NotFound("no complaint has this acknowledgement number".into()))?;
    Ok(ComplaintStatus {
        ack_number: row.ack_number,
        kind: stored(&row.kind),
        state: stored(&row.state),
        received_on: row.received_on,
        due_on: row.due_on,
        closed_on: row.closed_on,
    })
}

/// A page of the complaints the reader may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &ComplaintListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Complaint>, ApiError> {
    let mut query = complaints::table.select(ComplaintRow::as_select()).order(complaints::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(kind) = filter.kind {
        query = query.filter(complaints::kind.eq(name_of(kind)));
    }
    if let Some(state) = filter.state {
        query = query.filter(complaints::state.eq(name_of(state)));
    }
    if filter.overdue == Some(true) {
        let today = tdc_kernel::calendar::today();
        query = query.filter(complaints::state.eq_any(OPEN)).filter(complaints::due_on.lt(today));
    }
    if let Some(after) = after {
        query = query.filter(complaints::id.gt(after));
    }
    let rows: Vec<ComplaintRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(ComplaintRow::to_api).collect())
}

/// Takes a lifecycle action on a complaint (its handling agency).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &ComplaintAction,
    expected: Option<Expected>,
) -> Result<(Complaint, Transition), ApiError> {
    let existing = load(conn, writer, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = COMPLAINT_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, writer, &existing.lead_agency)?)?;
    let mut row = existing.clone();
    row.state = to.into();
    apply(conn, &mut row, action)?;
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

fn apply(conn: &mut AnyConnection, row: &mut ComplaintRow, action: &ComplaintAction) -> Result<(), ApiError> {
    let required = |pointer: &str, message: &str| ApiError::invalid_field(pointer, "required", message);
    let today = tdc_kernel::calendar::today();
    let mut coordinating: Vec<String> = tdc_kernel::columns::parsed(&row.coordinating);
    match action.action {
        ComplaintActionName::Accept => {}
        ComplaintActionName::Transfer => {
            let to = action.to_agency.as_deref().ok_or_else(|| required("/to_agency", "name the competent agency"))?;
            action.reason.as_deref().ok_or_else(|| required("/reason", "say why it is transferred"))?;
            if to == row.lead_agency || !tdc_directory::api::agency_exists(conn, to)? {
                let message = format!("{to} is not another recorded agency");
                return Err(ApiError::invalid_field("/to_agency", "unknown_agency", &message));
            }
            coordinating.retain(|a| a != to);
            coordinating.push(std::mem::replace(&mut row.lead_agency, to.to_owned()));
            row.transfers += 1;
            row.received_on = today;
            row.due_on =
                tdc_kernel::calendar::Calendar::load(conn)?.add_working_days(today, working_days(stored(&row.kind)));
        }
        ComplaintActionName::Resolve | ComplaintActionName::Dismiss => {
            let outcome =
                action.outcome.as_deref().ok_or_else(|| required("/outcome", "give the result or the reason"))?;
            row.outcome = Some(clean(outcome));
            row.closed_on = Some(today);
            if action.action == ComplaintActionName::Resolve {
                let dost = tdc_directory::api::first_agency_of_kind(conn, tdc_directory::model::AgencyKind::Dost)?;
                coordinating.extend(dost.filter(|d| *d != row.lead_agency && !coordinating.contains(d)));
            }
        }
    }
    row.coordinating = Access::coordinating_column(&coordinating);
    Ok(())
}

tdc_kernel::recorded!(ComplaintRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(ComplaintRow, complaints);

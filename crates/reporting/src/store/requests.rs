//! Coordination requests in the database: sent by a lead agency, read by its parties, moved
//! through their lifecycle. The agencies asked are part of the row (`addressees`, JSON); their
//! replies and checks are in `replies.rs`, the watch over deadlines in `overdue.rs`.

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::calendar::{Calendar, today};
use tdc_kernel::changes::Actor;
use tdc_kernel::columns::{json, parsed};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::clean;
use tdc_kernel::versions::{Expected, check_version};

use crate::model::{
    Addressee, AddresseeStatus, CoordinationAction, CoordinationActionName, CoordinationListQuery, CoordinationRequest,
    CoordinationRequestInput, CoordinationRole,
};
use crate::rules::coordination_lifecycle::{COORDINATION_LIFECYCLE, DEFAULT_WORKING_DAYS};
use crate::schema::coordination_requests as cr;

/// The entity name of coordination requests in history, transitions and the change feed.
pub const ENTITY: &str = "coordination_request";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = cr, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct RequestRow {
        pub(crate) id: String,
        subject: String,
        body: String,
        documents: String,
        related: String,
        addressees: String,
        pub(crate) received_on: NaiveDate,
        first_due_on: Option<NaiveDate>,
        unnoticed_due_on: Option<NaiveDate>,
        pub(crate) state: String,
        proceeded_on: Option<NaiveDate>,
        escalated_on: Option<NaiveDate>,
        referred_on: Option<NaiveDate>,
        closed_on: Option<NaiveDate>,
        outcome: Option<String>,
    }
}

/// Where an agency's part stands on `day`.
fn status_on(a: &Addressee, day: NaiveDate) -> AddresseeStatus {
    match a.replied_on {
        Some(on) if on > a.due_on => AddresseeStatus::RepliedLate,
        Some(_) => AddresseeStatus::Replied,
        None if day > a.due_on => AddresseeStatus::Overdue,
        None => AddresseeStatus::Awaiting,
    }
}

impl RequestRow {
    /// The agencies asked, each with its status on `day`.
    pub(crate) fn addressees(&self, day: NaiveDate) -> Vec<Addressee> {
        let mut list: Vec<Addressee> = parsed(&self.addressees);
        list.iter_mut().for_each(|a| a.status = status_on(a, day));
        list
    }

    /// Stores the agencies asked, and the two deadlines the queries look for.
    pub(crate) fn set_addressees(&mut self, list: &[Addressee]) {
        let silent = || list.iter().filter(|a| a.replied_on.is_none());
        self.first_due_on = silent().map(|a| a.due_on).min();
        self.unnoticed_due_on = silent().filter(|a| a.overdue_noticed_on.is_none()).map(|a| a.due_on).min();
        self.addressees = json(&list);
    }

    fn to_api(&self) -> CoordinationRequest {
        let day = today();
        CoordinationRequest {
            record: self.meta(),
            subject: self.subject.clone(),
            body: self.body.clone(),
            documents: parsed(&self.documents),
            related: parsed(&self.related),
            received_on: self.received_on,
            addressees: self.addressees(day),
            overdue: self.state == "open" && self.first_due_on.is_some_and(|d| d < day),
            state: stored(&self.state),
            next_actions: COORDINATION_LIFECYCLE.actions_from(&self.state),
            proceeded_on: self.proceeded_on,
            escalated_on: self.escalated_on,
            referred_on: self.referred_on,
            closed_on: self.closed_on,
            outcome: self.outcome.clone(),
        }
    }
}

/// The agencies asked as first recorded: each known, not the lead, once; its period and deadline.
fn addressees_of(
    conn: &mut AnyConnection,
    input: &CoordinationRequestInput,
    lead: &str,
    received_on: NaiveDate,
) -> Result<Vec<Addressee>, ApiError> {
    let calendar = Calendar::load(conn)?;
    let mut list: Vec<Addressee> = Vec::with_capacity(input.addressees.len());
    for (i, asked) in input.addressees.iter().enumerate() {
        let at = |field: &str| format!("/addressees/{i}/{field}");
        if asked.agency == lead || list.iter().any(|a| a.agency == asked.agency) {
            let message = "each agency once, and not the requesting agency itself";
            return Err(ApiError::invalid_field(&at("agency"), "duplicate_addressee", message));
        }
        if !tdc_directory::api::agency_exists(conn, &asked.agency)? {
            return Err(ApiError::invalid_field(
                &at("agency"),
                "unknown_agency",
                format!("no agency {} is recorded", asked.agency),
            ));
        }
        let working_days = asked.working_days.unwrap_or(DEFAULT_WORKING_DAYS);
        if working_days != DEFAULT_WORKING_DAYS && asked.period_basis.is_none() {
            let message = "another period than 5 working days needs the specialised law that sets it";
            return Err(ApiError::invalid_field(&at("period_basis"), "required", message));
        }
        list.push(Addressee {
            agency: asked.agency.clone(),
            working_days,
            period_basis: asked.period_basis.as_deref().map(clean),
            in_depth_reason: None,
            due_on: calendar.add_working_days(received_on, working_days),
            status: AddresseeStatus::Awaiting,
            replied_on: None,
            position: None,
            reply: None,
            reply_documents: Vec::new(),
            responsible_for_delay: false,
            overdue_noticed_on: None,
        });
    }
    Ok(list)
}

/// Refuses a related record that does not exist or that `reader` may not see.
fn check_related(conn: &mut AnyConnection, reader: &Reader, input: &CoordinationRequestInput) -> Result<(), ApiError> {
    for (i, related) in input.related.iter().enumerate() {
        let entity = name_of(related.entity);
        if !tdc_kernel::changes::recorded(conn, reader, &entity, &related.id)? {
            let message = format!("no {entity} {} that the requesting agency may read", related.id);
            return Err(ApiError::invalid_field(&format!("/related/{i}/id"), "unknown_record", &message));
        }
    }
    Ok(())
}

/// Records a request led by the writer's agency, in the caller's transaction.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &CoordinationRequestInput,
) -> Result<CoordinationRequest, ApiError> {
    use chrono::Datelike;
    let received_on = input.received_on.unwrap_or_else(today);
    if received_on > today() || received_on.year() < 2000 {
        return Err(ApiError::invalid_field("/received_on", "date_range", "a day from 2000 to today"));
    }
    let lead = access::lead_for(writer, None)?;
    let list = addressees_of(conn, input, &lead, received_on)?;
    check_related(conn, writer, input)?;
    let mut row = RequestRow {
        subject: clean(&input.subject),
        body: clean(&input.body),
        documents: json(&input.documents),
        related: json(&input.related),
        received_on,
        state: "open".into(),
        coordinating: Access::coordinating_column(&list.iter().map(|a| a.agency.clone()).collect::<Vec<_>>()),
        lead_agency: lead,
        sharing: "restricted".into(),
        ..rows::fresh()
    };
    row.set_addressees(&list);
    let row = rows::create(conn, actor, row, "/subject", "this request is recorded already")?;
    Ok(row.to_api())
}

fn readable(reader: &Reader) -> Option<access::Condition<cr::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "coordination_requests.id"))
}

/// Request `id` if `reader` may see it (404 otherwise).
pub(crate) fn load(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<RequestRow, ApiError> {
    let mut query = cr::table.find(id).select(RequestRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<RequestRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no coordination request {id}")))
}

/// One request, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<CoordinationRequest, ApiError> {
    load(conn, reader, id).map(|r| r.to_api())
}

/// A page of the requests the reader may see, by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &CoordinationListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<CoordinationRequest>, ApiError> {
    let mut query = cr::table.select(RequestRow::as_select()).order(cr::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let (Some(role), Reader::Agency { code, .. }) = (filter.role, reader) {
        query = match role {
            CoordinationRole::Sent => query.filter(cr::lead_agency.eq(code.clone())),
            CoordinationRole::Received => query.filter(cr::lead_agency.ne(code.clone())),
        };
    }
    if let Some(state) = filter.state {
        query = query.filter(cr::state.eq(name_of(state)));
    }
    if filter.overdue == Some(true) {
        query = query.filter(cr::state.eq("open")).filter(cr::first_due_on.lt(today()));
    }
    if let Some(after) = after {
        query = query.filter(cr::id.gt(after));
    }
    let rows: Vec<RequestRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(RequestRow::to_api).collect())
}

/// Saves `row` (a changed copy of `existing`) as the next version, recording `action`.
pub(crate) fn save(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    existing: &RequestRow,
    row: &mut RequestRow,
) -> Result<CoordinationRequest, ApiError> {
    rows::save(conn, actor, action, existing, row)?;
    Ok(row.to_api())
}

/// Takes a lifecycle action on a request.
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &CoordinationAction,
    expected: Option<Expected>,
) -> Result<(CoordinationRequest, Transition), ApiError> {
    let existing = load(conn, writer, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let mut mover = Mover::of(conn, writer, &existing.lead_agency)?;
    let day = today();
    mover.is_party |= existing.addressees(day).iter().any(|a| a.agency == actor.agency_code);
    let to = COORDINATION_LIFECYCLE.step(&existing.state, &name, &mover)?;
    let mut row = existing.clone();
    row.state = to.into();
    apply(conn, &mut row, action, day)?;
    let request = save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((request, logged))
}

fn apply(
    conn: &mut AnyConnection,
    row: &mut RequestRow,
    action: &CoordinationAction,
    day: NaiveDate,
) -> Result<(), ApiError> {
    let required = |pointer: &str, message: &str| ApiError::invalid_field(pointer, "required", message);
    let reason = || action.reason.as_deref().map(clean).ok_or_else(|| required("/reason", "say why"));
    let outcome = || action.outcome.as_deref().map(clean).ok_or_else(|| required("/outcome", "say how it ended"));
    let mut list = row.addressees(day);
    match action.action {
        CoordinationActionName::Proceed => {
            let silent: Vec<&mut Addressee> =
                list.iter_mut().filter(|a| a.status == AddresseeStatus::Overdue).collect();
            if silent.is_empty() {
                let detail = "every agency asked has replied or is still within its period";
                return Err(ApiError::conflict("not_overdue", detail));
            }
            silent.into_iter().for_each(|a| a.responsible_for_delay = true);
            row.proceeded_on = Some(day);
            row.outcome = action.reason.as_deref().map(clean);
        }
        CoordinationActionName::Escalate => {
            row.outcome = Some(reason()?);
            row.escalated_on = Some(day);
            let dost = tdc_directory::api::first_agency_of_kind(conn, tdc_directory::model::AgencyKind::Dost)?;
            let mut coordinating: Vec<String> = parsed(&row.coordinating);
            coordinating.extend(dost.filter(|d| *d != row.lead_agency));
            row.coordinating = Access::coordinating_column(&coordinating);
        }
        CoordinationActionName::Refer => {
            row.outcome = Some(reason()?);
            row.referred_on = Some(day);
        }
        CoordinationActionName::Settle => {
            row.outcome = Some(outcome()?);
            row.closed_on = Some(day);
        }
        CoordinationActionName::Close => {
            if row.proceeded_on.is_none() && list.iter().any(|a| a.replied_on.is_none()) {
                let detail = "agencies have not all replied: wait, or proceed once a period has passed";
                return Err(ApiError::conflict("replies_awaited", detail));
            }
            row.outcome = Some(outcome()?);
            row.closed_on = Some(day);
        }
        CoordinationActionName::Withdraw => {
            row.outcome = Some(reason()?);
            row.closed_on = Some(day);
        }
    }
    row.set_addressees(&list);
    Ok(())
}

tdc_kernel::recorded!(RequestRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(RequestRow, cr);

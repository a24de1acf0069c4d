//! Disclosures: written from a final violation without personal data, public until withdrawn.

use chrono::NaiveDate;
use diesel::prelude::*;
use tdc_directory::api::business_identity;
use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::Mover;
use tdc_kernel::resource::rows;
use tdc_kernel::versions::{Expected, check_version};

use super::{provisions, violations};
use crate::model::{Disclosure, DisclosureInput, DisclosureListQuery, DisclosureWithdrawal, SanctionDecision};
use crate::schema::disclosures;

/// The entity name of disclosures in history and the change feed.
pub const ENTITY: &str = "disclosure";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = disclosures, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct DisclosureRow {
        id: String,
        violation_id: String,
        business_name: String,
        tax_code: Option<String>,
        product_name: Option<String>,
        gtin: Option<String>,
        provision_code: String,
        article: String,
        act: String,
        decision_number: String,
        decision_date: NaiveDate,
        authority: String,
        fine_vnd: i64,
        final_on: NaiveDate,
        published_on: NaiveDate,
        withdrawn_on: Option<NaiveDate>,
        withdrawal_reason: Option<String>,
    }
}

impl DisclosureRow {
    fn to_api(&self) -> Disclosure {
        Disclosure {
            record: self.meta(),
            violation_id: self.violation_id.clone(),
            business_name: self.business_name.clone(),
            tax_code: self.tax_code.clone(),
            product_name: self.product_name.clone(),
            gtin: self.gtin.clone(),
            provision_code: self.provision_code.clone(),
            article: self.article.clone(),
            act: self.act.clone(),
            decision_number: self.decision_number.clone(),
            decision_date: self.decision_date,
            authority: self.authority.clone(),
            fine_vnd: self.fine_vnd,
            final_on: self.final_on,
            published_on: self.published_on,
            withdrawn_on: self.withdrawn_on,
            withdrawal_reason: self.withdrawal_reason.clone(),
        }
    }
}

/// Whether a tax code is a person's identification number (a household business's, 12 digits).
fn personal(tax_code: &str) -> bool {
    tax_code.len() == 12 && tax_code.bytes().all(|b| b.is_ascii_digit())
}

fn may_publish(conn: &mut AnyConnection, writer: &Reader, lead: &str) -> Result<(), ApiError> {
    let mover = Mover::of(conn, writer, lead)?;
    if mover.is_lead || mover.is_dost || mover.admin {
        return Ok(());
    }
    let detail = "only the violation's lead agency or DOST publishes and withdraws its disclosure";
    Err(ApiError::Forbidden { code: "not_lead_agency", detail: detail.into() })
}

/// Publishes violation `violation_id` — once its sanctioning decision is final (409 `not_final`)
/// — by its lead agency or DOST: 409 `duplicate_key` when it was disclosed before.
pub fn publish(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    violation_id: &str,
    input: &DisclosureInput,
) -> Result<Disclosure, ApiError> {
    let violation = violations::load(conn, writer, violation_id)?;
    may_publish(conn, writer, &violation.lead_agency)?;
    let (Some(final_on), Some(sanction)) = (violation.final_on, violation.sanction.as_deref()) else {
        let detail = "a violation is disclosed only once its sanctioning decision is final";
        return Err(ApiError::conflict("not_final", detail));
    };
    let sanction: SanctionDecision = serde_json::from_str(sanction).map_err(|e| ApiError::Internal(e.to_string()))?;
    let provision = provisions::find(conn, &violation.provision_code)?
        .ok_or_else(|| ApiError::Internal(format!("provision {} is gone", violation.provision_code)))?;
    let (name, _) = business_identity(conn, &violation.tax_code)?
        .ok_or_else(|| ApiError::Internal(format!("business {} is gone", violation.tax_code)))?;
    let row = DisclosureRow {
        violation_id: violation.id.clone(),
        business_name: name,
        tax_code: Some(violation.tax_code.clone()).filter(|t| !personal(t)),
        product_name: violation.product_name.clone(),
        gtin: violation.gtin.clone(),
        provision_code: violation.provision_code.clone(),
        article: provision.article.clone(),
        act: provision.title.clone(),
        decision_number: sanction.decision.number.clone(),
        decision_date: sanction.decision.date,
        authority: sanction.authority.clone(),
        fine_vnd: sanction.fine_vnd,
        final_on,
        published_on: input.published_on.unwrap_or_else(tdc_kernel::calendar::today),
        lead_agency: actor.agency_code.clone(),
        coordinating: "[]".into(),
        sharing: "public".into(),
        ..rows::fresh()
    };
    let row = rows::create(conn, actor, row, "/violation_id", "this violation was disclosed already")?;
    Ok(row.to_api())
}

fn readable(reader: &Reader) -> Option<access::Condition<disclosures::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "disclosures.id"))
}

fn load_visible(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<DisclosureRow, ApiError> {
    let mut query = disclosures::table.find(id).select(DisclosureRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<DisclosureRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no disclosure {id}")))
}

/// Withdraws a disclosure: it leaves the public list and the public feed; agencies keep reading it.
pub fn withdraw(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &DisclosureWithdrawal,
    expected: Option<Expected>,
) -> Result<Disclosure, ApiError> {
    let existing = load_visible(conn, writer, id)?;
    let lead = violations::load(conn, writer, &existing.violation_id)?.lead_agency;
    may_publish(conn, writer, &lead)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    if existing.withdrawn_on.is_some() {
        return Err(ApiError::conflict("already_withdrawn", format!("disclosure {id} was withdrawn already")));
    }
    let mut row = existing.clone();
    row.withdrawn_on = Some(input.withdrawn_on.unwrap_or_else(tdc_kernel::calendar::today));
    row.withdrawal_reason = Some(tdc_kernel::text::clean(&input.reason));
    row.sharing = "shared".into();
    rows::save(conn, actor, "withdraw", &existing, &mut row)?;
    Ok(row.to_api())
}

/// One disclosure the reader may see (the public: a published one).
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Disclosure, ApiError> {
    load_visible(conn, reader, id).map(|r| r.to_api())
}

/// A page of the disclosures the reader may see (the public: the published ones), by id.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &DisclosureListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Disclosure>, ApiError> {
    let mut query = disclosures::table.select(DisclosureRow::as_select()).order(disclosures::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(tax_code) = &filter.tax_code {
        query = query.filter(disclosures::tax_code.eq(tax_code.clone()));
    }
    if let Some(from) = filter.published_from {
        query = query.filter(disclosures::published_on.ge(from));
    }
    if let Some(after) = after {
        query = query.filter(disclosures::id.gt(after));
    }
    let rows: Vec<DisclosureRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(DisclosureRow::to_api).collect())
}

tdc_kernel::recorded!(DisclosureRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(DisclosureRow, disclosures);

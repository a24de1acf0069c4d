//! Warnings in the database: reported by any agency, handled by their lead, public once published.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::columns::{json, parsed};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{
    Warning, WarningAction, WarningActionName, WarningInput, WarningListQuery, WarningProduct, WarningSource,
};
use crate::rules::WARNING_LIFECYCLE;
use crate::schema::warnings;

/// The entity name of warnings in history, transitions and the change feed.
pub const ENTITY: &str = "warning";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = warnings, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct WarningRow {
        pub(crate) id: String,
        title: String,
        product_name: String,
        brand: Option<String>,
        pub(crate) gtin: Option<String>,
        pub(crate) lots: String,
        category_code: Option<String>,
        photos: String,
        hazards: String,
        hazard_description: String,
        risk_level: String,
        source_kind: String,
        source_reference: Option<String>,
        source_party: Option<String>,
        test_report: Option<String>,
        reported_by: String,
        measures: String,
        pub(crate) state: String,
        published_at: Option<NaiveDateTime>,
        resolved_at: Option<NaiveDateTime>,
        outcome: Option<String>,
    }
}

impl WarningRow {
    pub(crate) fn to_api(&self) -> Warning {
        Warning {
            record: self.meta(),
            title: self.title.clone(),
            product: WarningProduct {
                name: self.product_name.clone(),
                brand: self.brand.clone(),
                gtin: self.gtin.clone(),
                lots: parsed(&self.lots),
                category_code: self.category_code.clone(),
                photos: parsed(&self.photos),
            },
            hazards: parsed(&self.hazards),
            hazard_description: self.hazard_description.clone(),
            risk_level: stored(&self.risk_level),
            source: WarningSource {
                kind: stored(&self.source_kind),
                reference: self.source_reference.clone(),
                party: self.source_party.clone(),
                test_report: self.test_report.clone(),
            },
            reported_by: self.reported_by.clone(),
            measures: parsed(&self.measures),
            state: stored(&self.state),
            next_actions: WARNING_LIFECYCLE.actions_from(&self.state),
            published_at: self.published_at.map(|t| t.and_utc()),
            resolved_at: self.resolved_at.map(|t| t.and_utc()),
            outcome: self.outcome.clone(),
        }
    }
}

/// What the hub checks of a reported warning beyond its fields' shapes; the GTIN as 14 digits.
fn checked(conn: &mut AnyConnection, input: &WarningInput, handler: &str) -> Result<Option<String>, ApiError> {
    let mut errors = Vec::new();
    let p = &input.product;
    if !p.lots.is_empty() && p.gtin.is_none() {
        errors.push(FieldError::new("/product/gtin", "required", "name the GTIN whose lots are affected"));
    }
    for (i, lot) in p.lots.iter().enumerate() {
        if lot.trim().is_empty() || lot.chars().count() > 20 {
            errors.push(FieldError::new(
                format!("/product/lots/{i}"),
                "lot_format",
                "a lot number is 1 to 20 characters",
            ));
        }
    }
    for (i, photo) in p.photos.iter().enumerate() {
        if !(photo.starts_with("https://") || photo.starts_with("http://")) || photo.len() > 2000 {
            errors.push(FieldError::new(format!("/product/photos/{i}"), "url_format", "a photo is an http(s) address"));
        }
    }
    if let Some(code) = &p.category_code
        && tdc_directory::api::category_risk_class(conn, code)?.is_none()
    {
        errors.push(FieldError::new(
            "/product/category_code",
            "unknown_category",
            format!("no product category {code}"),
        ));
    }
    if input.source.kind == crate::model::SourceKind::ConsumerAssociation && input.source.test_report.is_none() {
        let message = "the consumer association's warning comes with its test report";
        errors.push(FieldError::new("/source/test_report", "required", message));
    }
    if !tdc_directory::api::agency_exists(conn, handler)? {
        errors.push(FieldError::new("/handling_agency", "unknown_agency", format!("no agency {handler} is recorded")));
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    Ok(p.gtin.as_deref().map(tdc_directory::rules::gtin14_stored))
}

/// Records a warning reported by the caller's agency, handled by `handling_agency` (default: the
/// reporter), shared with every agency until it is published.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &WarningInput,
) -> Result<Warning, ApiError> {
    let reporter = access::lead_for(writer, None)?;
    let handler = input.handling_agency.clone().unwrap_or_else(|| reporter.clone());
    Ok(insert(conn, actor, input, reporter, handler)?.to_api())
}

/// Records a warning `reporter` reports and `handler` handles (a survey's drafted warning too).
pub(crate) fn insert(
    conn: &mut AnyConnection,
    actor: &Actor,
    input: &WarningInput,
    reporter: String,
    handler: String,
) -> Result<WarningRow, ApiError> {
    let gtin = checked(conn, input, &handler)?;
    let coordinating: Vec<String> = (handler != reporter).then(|| reporter.clone()).into_iter().collect();
    let p = &input.product;
    let row = WarningRow {
        title: clean(&input.title),
        product_name: clean(&p.name),
        brand: clean_opt(p.brand.as_deref()),
        gtin,
        lots: json(&p.lots.iter().map(|l| l.trim().to_owned()).collect::<Vec<_>>()),
        category_code: p.category_code.clone(),
        photos: json(&p.photos),
        hazards: json(&input.hazards),
        hazard_description: clean(&input.hazard_description),
        risk_level: name_of(input.risk_level),
        source_kind: name_of(input.source.kind),
        source_reference: clean_opt(input.source.reference.as_deref()),
        source_party: clean_opt(input.source.party.as_deref()),
        test_report: clean_opt(input.source.test_report.as_deref()),
        reported_by: reporter,
        measures: json(&input.measures),
        state: "received".into(),
        coordinating: Access::coordinating_column(&coordinating),
        lead_agency: handler,
        sharing: "shared".into(),
        ..rows::fresh()
    };
    rows::create(conn, actor, row, "/title", "this warning is recorded already")
}

fn readable(reader: &Reader) -> Option<access::Condition<warnings::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "warnings.id"))
}

/// Warning `id` if `reader` may see it (404 otherwise).
pub(crate) fn load(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<WarningRow, ApiError> {
    let mut query = warnings::table.find(id).select(WarningRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<WarningRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no warning {id}")))
}

/// One warning, if the reader may see it (the public: a published one).
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Warning, ApiError> {
    load(conn, reader, id).map(|r| r.to_api())
}

/// A page of the warnings the reader may see, by id (oldest first); fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &WarningListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Warning>, ApiError> {
    let mut query = warnings::table.select(WarningRow::as_select()).order(warnings::id.asc()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(state) = filter.state {
        query = query.filter(warnings::state.eq(name_of(state)));
    }
    if let Some(level) = filter.risk_level {
        query = query.filter(warnings::risk_level.eq(name_of(level)));
    }
    if let Some(kind) = filter.source_kind {
        query = query.filter(warnings::source_kind.eq(name_of(kind)));
    }
    if let Some(gtin) = &filter.gtin {
        query = query.filter(warnings::gtin.eq(tdc_traceability::epcis::keys::gtin(gtin, "/query/gtin")?));
    }
    if let Some(agency) = &filter.lead_agency {
        query = query.filter(warnings::lead_agency.eq(agency.clone()));
    }
    if let Some(after) = after {
        query = query.filter(warnings::id.gt(after));
    }
    let rows: Vec<WarningRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(WarningRow::to_api).collect())
}

/// The `n` most recently published warnings, newest first (the public alert feed).
pub fn latest_published(conn: &mut AnyConnection, n: i64) -> Result<Vec<Warning>, ApiError> {
    let rows: Vec<WarningRow> = warnings::table
        .select(WarningRow::as_select())
        .filter(warnings::published_at.is_not_null())
        .filter(warnings::sharing.eq("public"))
        .order((warnings::published_at.desc(), warnings::id.desc()))
        .limit(n)
        .load(conn)?;
    Ok(rows.iter().map(WarningRow::to_api).collect())
}

/// The public notices of the published warnings on `gtin` whose measures are not done yet — those
/// on lot `lot` or on no lot in particular, when a lot is asked for — newest first (a
/// [`NoticeSource`](tdc_kernel::notices::NoticeSource): the QR stamp's page shows them).
pub fn public_notices(
    conn: &mut AnyConnection,
    gtin: &str,
    lot: Option<&str>,
) -> Result<Vec<tdc_kernel::notices::Notice>, ApiError> {
    let rows: Vec<WarningRow> = warnings::table
        .select(WarningRow::as_select())
        .filter(warnings::gtin.eq(gtin))
        .filter(warnings::sharing.eq("public"))
        .filter(warnings::state.eq_any(["published", "measures_under_way"]))
        .order(warnings::published_at.desc())
        .load(conn)?;
    let on_lot = |r: &WarningRow| {
        let lots: Vec<String> = parsed(&r.lots);
        lot.is_none_or(|l| lots.is_empty() || lots.iter().any(|x| x == l))
    };
    let notice = |r: &WarningRow| tdc_kernel::notices::Notice {
        title: r.title.clone(),
        since: r.published_at.map(|t| tdc_kernel::calendar::day_of(t.and_utc())).unwrap_or_default(),
        link: format!("/api/v1/warnings/{}", r.id),
    };
    Ok(rows.iter().filter(|r| on_lot(r)).map(notice).collect())
}

/// Takes a lifecycle action on a warning (its handling agency or DOST).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &WarningAction,
    expected: Option<Expected>,
) -> Result<(Warning, Transition), ApiError> {
    let existing = load(conn, writer, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = WARNING_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, writer, &existing.lead_agency)?)?;
    let mut row = existing.clone();
    row.state = to.into();
    apply(&mut row, action)?;
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

fn apply(row: &mut WarningRow, action: &WarningAction) -> Result<(), ApiError> {
    let required = |pointer: &str, message: &str| ApiError::invalid_field(pointer, "required", message);
    match action.action {
        WarningActionName::Verify => {}
        WarningActionName::Reject => {
            let reason = action.reason.as_deref().ok_or_else(|| required("/reason", "say why it is rejected"))?;
            row.outcome = Some(clean(reason));
        }
        WarningActionName::Publish => {
            row.sharing = "public".into();
            row.published_at = Some(now());
        }
        WarningActionName::StartMeasures => {
            let measures = action.measures.as_ref().ok_or_else(|| required("/measures", "give the measures"))?;
            row.measures = json(measures);
        }
        WarningActionName::Resolve => {
            let resolution =
                action.resolution.as_deref().ok_or_else(|| required("/resolution", "say how it was resolved"))?;
            row.outcome = Some(clean(resolution));
            row.resolved_at = Some(now());
        }
    }
    Ok(())
}

tdc_kernel::recorded!(WarningRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(WarningRow, warnings);

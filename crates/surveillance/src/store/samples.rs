//! Survey samples in the database: taken while the survey samples, tested by a laboratory; a
//! non-conforming result drafts a warning for the sector agency in the same transaction.

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::{ApiError, FieldError};

use super::{surveys, warnings};
use crate::model::{
    Hazard, RiskLevel, SampleInput, SampleResult, SampleResultInput, SourceKind, SurveySample, WarningInput,
    WarningProduct, WarningSource,
};
use crate::schema::survey_samples as samples;

/// The entity name of samples in history and the change feed.
pub const ENTITY: &str = "survey_sample";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = samples, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct SampleRow {
        id: String,
        survey_id: String,
        code: String,
        product_name: String,
        brand: Option<String>,
        gtin: Option<String>,
        lot: Option<String>,
        taken_on: NaiveDate,
        place_kind: String,
        place: String,
        tax_code: Option<String>,
        commune_code: Option<String>,
        laboratory_id: String,
        tested_against: String,
        sector_agency: String,
        result: String,
        report_number: Option<String>,
        findings: Option<String>,
        warning_id: Option<String>,
    }
}

impl SampleRow {
    fn to_api(&self) -> SurveySample {
        SurveySample {
            record: self.meta(),
            survey_id: self.survey_id.clone(),
            code: self.code.clone(),
            product_name: self.product_name.clone(),
            brand: self.brand.clone(),
            gtin: self.gtin.clone(),
            lot: self.lot.clone(),
            taken_on: self.taken_on,
            place_kind: stored(&self.place_kind),
            place: self.place.clone(),
            tax_code: self.tax_code.clone(),
            commune_code: self.commune_code.clone(),
            laboratory_id: self.laboratory_id.clone(),
            tested_against: self.tested_against.clone(),
            sector_agency: self.sector_agency.clone(),
            result: stored(&self.result),
            report_number: self.report_number.clone(),
            findings: self.findings.clone(),
            warning_id: self.warning_id.clone(),
        }
    }
}

fn require_sampling(survey: &surveys::SurveyRow) -> Result<(), ApiError> {
    if survey.state == "sampling" {
        return Ok(());
    }
    let detail =
        format!("quality survey {} is {}: samples are taken and tested while it samples", survey.id, survey.state);
    Err(ApiError::conflict("not_sampling", detail))
}

/// What the hub checks of a sample beyond its fields' shapes.
fn check(conn: &mut AnyConnection, reader: &Reader, input: &SampleInput) -> Result<(), ApiError> {
    let mut errors = Vec::new();
    match tdc_conformity::api::body(conn, reader, &input.laboratory_id) {
        Ok(body) if body.activities.contains(&tdc_conformity::model::Activity::Testing) => {}
        Ok(_) => {
            errors.push(FieldError::new("/laboratory_id", "not_a_laboratory", "this conformity body does not test"))
        }
        Err(ApiError::NotFound(_)) => {
            let message = format!("no conformity body {}", input.laboratory_id);
            errors.push(FieldError::new("/laboratory_id", "unknown_body", message));
        }
        Err(e) => return Err(e),
    }
    if !tdc_directory::api::agency_exists(conn, &input.sector_agency)? {
        let message = format!("no agency {} is recorded", input.sector_agency);
        errors.push(FieldError::new("/sector_agency", "unknown_agency", message));
    }
    if let Some(tax) = &input.tax_code
        && tdc_directory::api::business_access(conn, tax)?.is_none()
    {
        let message = format!("no business with tax code {tax} is in the hub; record it first");
        errors.push(FieldError::new("/tax_code", "unknown_business", message));
    }
    match errors.is_empty() {
        true => Ok(()),
        false => Err(ApiError::Invalid(errors)),
    }
}

/// Records a sample of survey `survey_id` (its agency, while it samples); the sector agency
/// coordinates it.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    survey_id: &str,
    input: &SampleInput,
) -> Result<SurveySample, ApiError> {
    let survey = surveys::load(conn, survey_id)?;
    access::require_lead(writer, &Access::shared_by(&survey.lead_agency))?;
    require_sampling(&survey)?;
    check(conn, writer, input)?;
    let row = SampleRow {
        survey_id: survey.id.clone(),
        code: clean(&input.code),
        product_name: clean(&input.product_name),
        brand: clean_opt(input.brand.as_deref()),
        gtin: input.gtin.as_deref().map(tdc_directory::rules::gtin14_stored),
        lot: clean_opt(input.lot.as_deref()),
        taken_on: input.taken_on,
        place_kind: name_of(input.place_kind),
        place: clean(&input.place),
        tax_code: input.tax_code.clone(),
        commune_code: input.commune_code.clone(),
        laboratory_id: input.laboratory_id.clone(),
        tested_against: clean(&input.tested_against),
        sector_agency: input.sector_agency.clone(),
        result: "pending".into(),
        coordinating: Access::coordinating_column(std::slice::from_ref(&input.sector_agency)),
        lead_agency: survey.lead_agency.clone(),
        sharing: "shared".into(),
        ..rows::fresh()
    };
    Ok(rows::create(conn, actor, row, "/code", "the survey has a sample with this code")?.to_api())
}

fn readable(reader: &Reader) -> Option<access::Condition<samples::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "survey_samples.id"))
}

fn load(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<SampleRow, ApiError> {
    let mut query = samples::table.find(id).select(SampleRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<SampleRow> = query.first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no survey sample {id}")))
}

/// One sample.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<SurveySample, ApiError> {
    load(conn, reader, id).map(|r| r.to_api())
}

/// A page of survey `survey_id`'s samples (404 when there is no such survey), by id.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    survey_id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<SurveySample>, ApiError> {
    surveys::load(conn, survey_id)?;
    let mut query = samples::table
        .select(SampleRow::as_select())
        .filter(samples::survey_id.eq(survey_id))
        .order(samples::id.asc())
        .into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(after) = after {
        query = query.filter(samples::id.gt(after));
    }
    let rows: Vec<SampleRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(SampleRow::to_api).collect())
}

/// The warning a non-conforming sample drafts.
fn drafted(row: &SampleRow, survey: &surveys::SurveyRow, input: &SampleResultInput, findings: &str) -> WarningInput {
    WarningInput {
        title: format!("Mẫu {} không đạt {}: {}", row.code, row.tested_against, row.product_name),
        product: WarningProduct {
            name: row.product_name.clone(),
            brand: row.brand.clone(),
            gtin: row.gtin.clone(),
            lots: row.lot.iter().filter(|_| row.gtin.is_some()).cloned().collect(),
            category_code: survey.category_code.clone(),
            photos: vec![],
        },
        hazards: if input.hazards.is_empty() { vec![Hazard::Health] } else { input.hazards.clone() },
        hazard_description: findings.to_owned(),
        risk_level: input.risk_level.unwrap_or(RiskLevel::Medium),
        source: WarningSource {
            kind: SourceKind::Survey,
            reference: Some(format!("{}/{}", survey.id, row.code)),
            party: None,
            test_report: Some(input.report_number.clone()),
        },
        measures: vec![],
        handling_agency: Some(row.sector_agency.clone()),
    }
}

/// Records a sample's result, once (409 `result_recorded`), while its survey samples: a
/// non-conforming one drafts a warning (state `received`) that the sector agency handles and the
/// survey's agency coordinates.
pub fn record_result(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    input: &SampleResultInput,
) -> Result<SurveySample, ApiError> {
    let existing = load(conn, writer, id)?;
    access::require_lead(writer, &existing.access())?;
    let survey = surveys::load(conn, &existing.survey_id)?;
    require_sampling(&survey)?;
    if existing.result != "pending" {
        return Err(ApiError::conflict("result_recorded", format!("sample {} has its result already", existing.code)));
    }
    let mut row = existing.clone();
    row.result = name_of(input.result);
    row.report_number = Some(clean(&input.report_number));
    row.findings = clean_opt(input.findings.as_deref());
    match input.result {
        SampleResult::Pending => {
            return Err(ApiError::invalid_field("/result", "pending", "record `conforming` or `non_conforming`"));
        }
        SampleResult::Conforming => {}
        SampleResult::NonConforming => {
            let findings = row.findings.clone().ok_or_else(|| {
                ApiError::invalid_field(
                    "/findings",
                    "required",
                    "say what the test found: it becomes the warning's hazard",
                )
            })?;
            let draft = drafted(&row, &survey, input, &findings);
            let warning = warnings::insert(conn, actor, &draft, survey.lead_agency.clone(), row.sector_agency.clone())?;
            row.warning_id = Some(warning.id);
        }
    }
    rows::save(conn, actor, "result", &existing, &mut row)?;
    Ok(row.to_api())
}

tdc_kernel::recorded!(SampleRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(SampleRow, samples);

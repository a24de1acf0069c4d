//! Quality surveys in the database: planned and run by an agency, shared with every agency.

use diesel::prelude::*;

use tdc_kernel::access::{self, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::lifecycle::{self, Mover, Step, Transition};
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::clean;
use tdc_kernel::versions::{Expected, check_version};
use tdc_kernel::{ApiError, FieldError};

use crate::model::{Survey, SurveyAction, SurveyActionName, SurveyInput, SurveyListQuery};
use crate::rules::SURVEY_LIFECYCLE;
use crate::schema::{quality_surveys as surveys, survey_samples as samples};

/// The entity name of surveys in history, transitions and the change feed.
pub const ENTITY: &str = "quality_survey";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = surveys, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct SurveyRow {
        pub(crate) id: String,
        pub(crate) year: i32,
        title: String,
        product_group: String,
        pub(crate) category_code: Option<String>,
        planned_products: i32,
        program_target_id: Option<String>,
        pub(crate) state: String,
        summary: Option<String>,
    }
}

impl SurveyRow {
    fn to_api(&self) -> Survey {
        Survey {
            record: self.meta(),
            year: self.year,
            title: self.title.clone(),
            product_group: self.product_group.clone(),
            category_code: self.category_code.clone(),
            planned_products: self.planned_products,
            program_target_id: self.program_target_id.clone(),
            state: stored(&self.state),
            next_actions: SURVEY_LIFECYCLE.actions_from(&self.state),
            summary: self.summary.clone(),
        }
    }
}

/// Plans a survey run by the caller's agency.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    input: &SurveyInput,
) -> Result<Survey, ApiError> {
    let lead = access::lead_for(writer, None)?;
    let mut errors = Vec::new();
    if let Some(code) = &input.category_code
        && tdc_directory::api::category_risk_class(conn, code)?.is_none()
    {
        errors.push(FieldError::new("/category_code", "unknown_category", format!("no product category {code}")));
    }
    if let Some(target) = &input.program_target_id {
        match tdc_regulations::api::program_target(conn, target) {
            Err(ApiError::NotFound(_)) => errors.push(FieldError::new(
                "/program_target_id",
                "unknown_target",
                format!("no program target {target}"),
            )),
            other => drop(other?),
        }
    }
    if !errors.is_empty() {
        return Err(ApiError::Invalid(errors));
    }
    let row = SurveyRow {
        year: input.year,
        title: clean(&input.title),
        product_group: clean(&input.product_group),
        category_code: input.category_code.clone(),
        planned_products: input.planned_products,
        program_target_id: input.program_target_id.clone(),
        state: "planned".into(),
        lead_agency: lead,
        coordinating: "[]".into(),
        sharing: "shared".into(),
        ..rows::fresh()
    };
    Ok(rows::create(conn, actor, row, "/title", "this survey is recorded already")?.to_api())
}

/// Survey `id` (404 when there is none; every agency reads surveys).
pub(crate) fn load(conn: &mut AnyConnection, id: &str) -> Result<SurveyRow, ApiError> {
    let row: Option<SurveyRow> = surveys::table.find(id).select(SurveyRow::as_select()).first(conn).optional()?;
    row.ok_or_else(|| ApiError::NotFound(format!("no quality survey {id}")))
}

/// One survey.
pub fn get(conn: &mut AnyConnection, id: &str) -> Result<Survey, ApiError> {
    load(conn, id).map(|r| r.to_api())
}

/// A page of surveys by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &SurveyListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Survey>, ApiError> {
    let mut query = surveys::table.select(SurveyRow::as_select()).order(surveys::id.asc()).into_boxed();
    if let Some(year) = filter.year {
        query = query.filter(surveys::year.eq(year));
    }
    if let Some(state) = filter.state {
        query = query.filter(surveys::state.eq(name_of(state)));
    }
    if let Some(after) = after {
        query = query.filter(surveys::id.gt(after));
    }
    let rows: Vec<SurveyRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(SurveyRow::to_api).collect())
}

/// Takes a lifecycle action on a survey: `complete` once no sample is pending (409
/// `samples_pending`).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    id: &str,
    action: &SurveyAction,
    expected: Option<Expected>,
) -> Result<(Survey, Transition), ApiError> {
    let existing = load(conn, id)?;
    if let Some(expected) = &expected {
        check_version(expected, existing.version)?;
    }
    let name = name_of(action.action);
    let to = SURVEY_LIFECYCLE.step(&existing.state, &name, &Mover::of(conn, writer, &existing.lead_agency)?)?;
    let mut row = existing.clone();
    row.state = to.into();
    let required = |message: &str| ApiError::invalid_field("/summary", "required", message);
    match action.action {
        SurveyActionName::StartSampling => {}
        SurveyActionName::Complete => {
            let pending: i64 = samples::table
                .filter(samples::survey_id.eq(id))
                .filter(samples::result.eq("pending"))
                .count()
                .get_result(conn)?;
            if pending > 0 {
                let detail = format!("{pending} samples have no result yet");
                return Err(ApiError::conflict("samples_pending", detail));
            }
            row.summary = Some(clean(action.summary.as_deref().ok_or_else(|| required("give the conclusion"))?));
        }
        SurveyActionName::Cancel => {
            row.summary = Some(clean(action.summary.as_deref().ok_or_else(|| required("say why"))?));
        }
    }
    rows::save(conn, actor, &name, &existing, &mut row)?;
    let step = Step { entity: ENTITY, entity_id: id, action: &name, from: &existing.state, to };
    let logged = lifecycle::record(conn, actor, step, &serde_json::to_value(action).unwrap_or_default())?;
    Ok((row.to_api(), logged))
}

tdc_kernel::recorded!(SurveyRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(SurveyRow, surveys);

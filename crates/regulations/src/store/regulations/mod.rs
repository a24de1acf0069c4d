//! Local technical regulations (QCĐP) in the database: the row, reads, and who sees what.
//!
//! Every regulation is shared with all authenticated agencies; published texts (issued, registered,
//! in force, replaced, repealed) are public, and so is a draft while its consultation is open —
//! a condition on dates, so it is checked in the query rather than kept in `sharing`.

pub(crate) mod comments;
mod transitions;
mod write;

pub use comments::{add_comment, add_public_comment, answer_comment, list_comments};
pub use transitions::apply;
pub use write::{create, update, upsert_by_code};

use crate::schema::technical_regulations as tr;
use chrono::NaiveDate;
use diesel::dsl::sql;
use diesel::prelude::*;
use diesel::sql_types::{Bool, Date};
use tdc_kernel::access::{Access, Reader};
use tdc_kernel::db::{AnyConnection, MultiBackend};
use tdc_kernel::names::stored;
use tdc_kernel::resource::RecordMeta;
use tdc_kernel::text::{escape_like, fold};
use tdc_kernel::{ApiError, calendar};

use crate::model::{RegulationDocument, RegulationLifecycle, RegulationListQuery, TechnicalRegulation};
use crate::rules::{LIFECYCLE, is_published};

/// The entity name of QCĐPs in history, transitions and the change feed.
pub const ENTITY: &str = "technical_regulation";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = tr, treat_none_as_null = true, treat_none_as_default_value = false)]
pub(crate) struct RegulationRow {
    pub id: String,
    pub code: Option<String>,
    pub code_key: Option<String>,
    pub origin: Option<String>,
    pub title_vi: String,
    pub title_en: Option<String>,
    pub sector: String,
    pub scope: Option<String>,
    pub lead_agency: String,
    pub coordinating: String,
    pub sharing: String,
    pub state: String,
    pub consultation_opens: Option<NaiveDate>,
    pub consultation_closes: Option<NaiveDate>,
    pub effective_date: Option<NaiveDate>,
    pub program_id: Option<String>,
    pub cited_standards: String,
    pub documents: String,
    pub lifecycle: String,
    pub search_text: String,
    pub version: i32,
    pub created_at: chrono::NaiveDateTime,
    pub updated_at: chrono::NaiveDateTime,
}

impl RegulationRow {
    pub(crate) fn access(&self) -> Access {
        Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
    }

    /// Whether agencies may comment today: in consultation, between its opening and closing days.
    pub(crate) fn open_for_comments(&self, today: NaiveDate) -> bool {
        self.state == "consultation"
            && self.consultation_opens.is_some_and(|d| d <= today)
            && self.consultation_closes.is_some_and(|d| today <= d)
    }

    fn public(&self, today: NaiveDate) -> bool {
        is_published(&self.state) || self.open_for_comments(today)
    }

    pub(crate) fn may_read(&self, reader: &Reader) -> bool {
        matches!(reader, Reader::Agency { .. }) || self.public(calendar::today())
    }

    pub(crate) fn lifecycle(&self) -> RegulationLifecycle {
        serde_json::from_str(&self.lifecycle).unwrap_or_default()
    }

    /// The documents given, then those the lifecycle's decisions make.
    fn documents(&self, lifecycle: &RegulationLifecycle) -> Vec<RegulationDocument> {
        let mut documents: Vec<RegulationDocument> = serde_json::from_str(&self.documents).unwrap_or_default();
        for made in lifecycle.documents() {
            if !documents.iter().any(|d| d.kind == made.kind && d.number == made.number) {
                documents.push(made);
            }
        }
        documents
    }

    pub(crate) fn to_api(&self) -> TechnicalRegulation {
        let lifecycle = self.lifecycle();
        TechnicalRegulation {
            record: RecordMeta::of(&self.id, self.access(), self.version, self.created_at, self.updated_at),
            code: self.code.clone(),
            origin: self.origin.clone(),
            title_vi: self.title_vi.clone(),
            title_en: self.title_en.clone(),
            sector: self.sector.clone(),
            scope: self.scope.clone(),
            state: stored(&self.state),
            next_actions: LIFECYCLE.actions_from(&self.state),
            public: self.public(calendar::today()),
            cited_standards: serde_json::from_str(&self.cited_standards).unwrap_or_default(),
            documents: self.documents(&lifecycle),
            lifecycle,
        }
    }
}

/// The sharing level kept for a state: public for published texts, shared otherwise.
pub(crate) fn sharing_for(state: &str) -> &'static str {
    if is_published(state) { "public" } else { "shared" }
}

pub(crate) fn load(conn: &mut AnyConnection, id: &str) -> Result<Option<RegulationRow>, ApiError> {
    Ok(tr::table.find(id).select(RegulationRow::as_select()).first(conn).optional()?)
}

pub(crate) fn load_by_code_key(conn: &mut AnyConnection, key: &str) -> Result<Option<RegulationRow>, ApiError> {
    Ok(tr::table.filter(tr::code_key.eq(key)).select(RegulationRow::as_select()).first(conn).optional()?)
}

fn not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("no technical regulation {id}"))
}

/// The row `reader` may see, or 404 (also for one it may not see).
/// A regulation by id or by code, whoever may read it.
pub(crate) fn find_by_reference(conn: &mut AnyConnection, reference: &str) -> Result<Option<RegulationRow>, ApiError> {
    if let Some(id) = tdc_kernel::ids::parse_id(reference) {
        return load(conn, &id);
    }
    match crate::rules::parse_code(reference) {
        Ok(code) => load_by_code_key(conn, &code.key),
        Err(_) => Ok(None),
    }
}

pub(crate) fn visible_row(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<RegulationRow, ApiError> {
    load(conn, id)?.filter(|r| r.may_read(reader)).ok_or_else(|| not_found(id))
}

/// One regulation by id.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<TechnicalRegulation, ApiError> {
    visible_row(conn, reader, id).map(|r| r.to_api())
}

/// One regulation by code (`QCDP` and spacing accepted).
pub fn get_by_code(conn: &mut AnyConnection, reader: &Reader, code: &str) -> Result<TechnicalRegulation, ApiError> {
    let missing = || ApiError::NotFound(format!("no technical regulation {code}"));
    let parsed = crate::rules::parse_code(code).map_err(|_| missing())?;
    load_by_code_key(conn, &parsed.key)?.filter(|r| r.may_read(reader)).map(|r| r.to_api()).ok_or_else(missing)
}

type Condition = Box<dyn BoxableExpression<tr::table, MultiBackend, SqlType = Bool>>;

/// What the public sees: published texts, and drafts whose consultation is open today.
fn public_condition(today: NaiveDate) -> Condition {
    Box::new(
        sql::<Bool>("(sharing = 'public' OR (state = 'consultation' AND consultation_opens <= ")
            .bind::<Date, _>(today)
            .sql(" AND consultation_closes >= ")
            .bind::<Date, _>(today)
            .sql("))"),
    )
}

/// A page of regulations by id (creation order); fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &RegulationListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<TechnicalRegulation>, ApiError> {
    let mut query = tr::table.select(RegulationRow::as_select()).order(tr::id.asc()).into_boxed();
    if *reader == Reader::Public {
        query = query.filter(public_condition(calendar::today()));
    }
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        query = query.filter(tdc_kernel::search::contains(conn.backend(), "technical_regulations", q));
    }
    if let Some(state) = filter.state {
        query = query.filter(tr::state.eq(state.as_str()));
    }
    if let Some(origin) = filter.origin.as_deref().filter(|o| !o.is_empty()) {
        query = query.filter(tr::origin.eq(origin.trim().to_uppercase()));
    }
    if let Some(sector) = filter.sector.as_deref().filter(|s| !s.is_empty()) {
        query = query.filter(tr::sector.eq(tdc_kernel::text::clean(sector)));
    }
    if let Some(lead) = &filter.lead_agency {
        query = query.filter(tr::lead_agency.eq(lead.clone()));
    }
    if let Some(cites) = filter.cites.as_deref().filter(|c| !c.trim().is_empty()) {
        let designation = match crate::store::standards::get_by_designation(conn, cites) {
            Ok(standard) => standard.designation,
            Err(ApiError::NotFound(_)) => return Ok(Vec::new()),
            Err(e) => return Err(e),
        };
        let pattern = format!("%\"designation\":\"{}\"%", escape_like(&designation));
        query = query.filter(tr::cited_standards.like(pattern).escape('\\'));
    }
    if let Some(after) = after {
        query = query.filter(tr::id.gt(after));
    }
    let rows: Vec<RegulationRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(RegulationRow::to_api).collect())
}

/// The text searched by `q`: code and titles, folded.
pub(crate) fn search_text(row: &RegulationRow) -> String {
    let parts = [row.code.as_deref().unwrap_or(""), &row.title_vi, row.title_en.as_deref().unwrap_or("")];
    fold(&parts.join(" "))
}

tdc_kernel::recorded!(RegulationRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(RegulationRow, tr);

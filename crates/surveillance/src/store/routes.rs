//! Complaint routing rules: DOST names which agency is competent for a product category, a sector
//! or a commune; a complaint goes to the most specific rule that matches it, else to DOST.

use chrono::NaiveDateTime;
use diesel::prelude::*;

use tdc_directory::model::AgencyKind;
use tdc_kernel::access::Reader;
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::lifecycle::Mover;
use tdc_kernel::text::fold;
use tdc_kernel::{ApiError, FieldError};

use crate::model::{PublicComplaintInput, Route, RouteInput};
use crate::schema::complaint_routes as routes;

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = routes)]
struct RouteRow {
    id: String,
    category_code: Option<String>,
    sector: Option<String>,
    commune_code: Option<String>,
    agency: String,
    created_at: NaiveDateTime,
}

impl RouteRow {
    fn to_api(&self) -> Route {
        Route {
            id: self.id.clone(),
            category_code: self.category_code.clone(),
            sector: self.sector.clone(),
            commune_code: self.commune_code.clone(),
            agency: self.agency.clone(),
            created_at: self.created_at.and_utc(),
        }
    }

    /// How many of its fields match the complaint; `None` when one it names does not.
    fn matches(&self, c: &PublicComplaintInput) -> Option<usize> {
        let fields = [
            (&self.category_code, c.category_code.as_ref().map(|s| fold(s))),
            (&self.sector, c.sector.as_ref().map(|s| fold(s))),
            (&self.commune_code, c.commune_code.as_ref().map(|s| fold(s))),
        ];
        let mut named = 0;
        for (rule, given) in fields {
            if let Some(rule) = rule {
                if given.as_deref() != Some(fold(rule).as_str()) {
                    return None;
                }
                named += 1;
            }
        }
        Some(named)
    }
}

fn dost_only(conn: &mut AnyConnection, writer: &Reader) -> Result<(), ApiError> {
    let mover = Mover::of(conn, writer, "")?;
    if mover.is_dost || mover.admin {
        return Ok(());
    }
    let detail = "only DOST keeps the complaint routing rules";
    Err(ApiError::Forbidden { code: "dost_only", detail: detail.into() })
}

/// Records a rule (DOST).
pub fn create(conn: &mut AnyConnection, writer: &Reader, input: &RouteInput) -> Result<Route, ApiError> {
    dost_only(conn, writer)?;
    if !tdc_directory::api::agency_exists(conn, &input.agency)? {
        let message = format!("no agency {} is recorded", input.agency);
        return Err(ApiError::Invalid(vec![FieldError::new("/agency", "unknown_agency", message)]));
    }
    if input.category_code.is_none() && input.sector.is_none() && input.commune_code.is_none() {
        let message = "a rule names a product category, a sector or a commune";
        return Err(ApiError::Invalid(vec![FieldError::new("/category_code", "required", message)]));
    }
    let row = RouteRow {
        id: tdc_kernel::ids::new_id(),
        category_code: input.category_code.clone(),
        sector: input.sector.clone(),
        commune_code: input.commune_code.clone(),
        agency: input.agency.clone(),
        created_at: now(),
    };
    diesel::insert_into(routes::table).values(&row).execute(conn)?;
    Ok(row.to_api())
}

/// Deletes a rule (DOST); 404 when there is none.
pub fn delete(conn: &mut AnyConnection, writer: &Reader, id: &str) -> Result<(), ApiError> {
    dost_only(conn, writer)?;
    match diesel::delete(routes::table.find(id)).execute(conn)? {
        0 => Err(ApiError::NotFound(format!("no complaint route {id}"))),
        _ => Ok(()),
    }
}

/// A page of the rules, oldest first; fetches `limit + 1` rows.
pub fn list(conn: &mut AnyConnection, after: Option<String>, limit: i64) -> Result<Vec<Route>, ApiError> {
    let mut query = routes::table.select(RouteRow::as_select()).order(routes::id.asc()).into_boxed();
    if let Some(after) = after {
        query = query.filter(routes::id.gt(after));
    }
    let rows: Vec<RouteRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(RouteRow::to_api).collect())
}

/// The competent agency for a complaint: the rule naming the most matching fields (the older on a
/// tie), else DOST (500 when no DOST is recorded).
pub fn route(conn: &mut AnyConnection, complaint: &PublicComplaintInput) -> Result<String, ApiError> {
    let rules: Vec<RouteRow> = routes::table.select(RouteRow::as_select()).order(routes::id.asc()).load(conn)?;
    let best = rules.iter().filter_map(|r| r.matches(complaint).map(|n| (n, r))).fold(
        None::<(usize, &RouteRow)>,
        |best, (n, r)| match best {
            Some((m, _)) if m >= n => best,
            _ => Some((n, r)),
        },
    );
    match best {
        Some((_, rule)) => Ok(rule.agency.clone()),
        None => tdc_directory::api::first_agency_of_kind(conn, AgencyKind::Dost)?
            .ok_or_else(|| ApiError::Internal("no DOST agency is recorded to route complaints to".into())),
    }
}

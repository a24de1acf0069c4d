//! Reactions in the database: each agency's follow-up to a published warning.

use std::collections::BTreeSet;

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_kernel::access::{self, Access, Coordinated, Reader};
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::{name_of, stored};
use tdc_kernel::resource::rows;
use tdc_kernel::text::{clean, clean_opt};
use tdc_kernel::{ApiError, FieldError};

use super::warnings;
use crate::model::{WarningReaction, WarningReactionInput};
use crate::rules::REACTABLE_STATES;
use crate::schema::warning_reactions as reactions;

/// The entity name of reactions in history and the change feed.
pub const ENTITY: &str = "warning_reaction";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = reactions, treat_none_as_null = true, treat_none_as_default_value = false)]
    struct ReactionRow {
        id: String,
        warning_id: String,
        reacted_on: NaiveDate,
        outlets_checked: i32,
        outlets_found: i32,
        quantity_withdrawn: Option<f64>,
        unit: Option<String>,
        measure: String,
        note: String,
    }
}

impl ReactionRow {
    fn to_api(&self) -> WarningReaction {
        WarningReaction {
            record: self.meta(),
            warning_id: self.warning_id.clone(),
            reacted_on: self.reacted_on,
            outlets_checked: self.outlets_checked,
            outlets_found: self.outlets_found,
            quantity_withdrawn: self.quantity_withdrawn,
            unit: self.unit.clone(),
            measure: stored(&self.measure),
            note: self.note.clone(),
        }
    }
}

/// Records the caller's agency's reaction to published warning `warning_id`; the warning's
/// handling agency coordinates it.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    warning_id: &str,
    input: &WarningReactionInput,
) -> Result<WarningReaction, ApiError> {
    let agency = access::lead_for(writer, None)?;
    let warning = warnings::load(conn, writer, warning_id)?;
    if !REACTABLE_STATES.contains(&warning.state.as_str()) {
        let detail = format!("warning {warning_id} is {}: reactions follow a published warning", warning.state);
        return Err(ApiError::conflict("not_published", detail));
    }
    if input.outlets_found > input.outlets_checked {
        let message = "the goods were found in at most the outlets checked";
        return Err(ApiError::Invalid(vec![FieldError::new("/outlets_found", "more_than_checked", message)]));
    }
    if input.quantity_withdrawn.is_some() != input.unit.is_some() {
        let message = "a quantity goes with its unit";
        return Err(ApiError::Invalid(vec![FieldError::new("/unit", "required", message)]));
    }
    let coordinating: Vec<String> =
        (warning.lead_agency != agency).then(|| warning.lead_agency.clone()).into_iter().collect();
    let row = ReactionRow {
        warning_id: warning.id.clone(),
        reacted_on: input.reacted_on.unwrap_or_else(tdc_kernel::calendar::today),
        outlets_checked: input.outlets_checked,
        outlets_found: input.outlets_found,
        quantity_withdrawn: input.quantity_withdrawn,
        unit: clean_opt(input.unit.as_deref()),
        measure: name_of(input.measure),
        note: clean(&input.note),
        coordinating: Access::coordinating_column(&coordinating),
        lead_agency: agency,
        sharing: "shared".into(),
        ..rows::fresh()
    };
    let row = rows::create(conn, actor, row, "/note", "this reaction is recorded already")?;
    Ok(row.to_api())
}

fn readable(reader: &Reader) -> Option<access::Condition<reactions::table>> {
    access::visible(reader, Coordinated::Record(ENTITY, "warning_reactions.id"))
}

/// One reaction, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<WarningReaction, ApiError> {
    let mut query = reactions::table.find(id).select(ReactionRow::as_select()).into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    let row: Option<ReactionRow> = query.first(conn).optional()?;
    row.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no warning reaction {id}")))
}

/// A page of the reactions to warning `warning_id` (404 when the reader may not see it), by id.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    warning_id: &str,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<WarningReaction>, ApiError> {
    warnings::load(conn, reader, warning_id)?;
    let mut query = reactions::table
        .select(ReactionRow::as_select())
        .filter(reactions::warning_id.eq(warning_id))
        .order(reactions::id.asc())
        .into_boxed();
    if let Some(condition) = readable(reader) {
        query = query.filter(condition);
    }
    if let Some(after) = after {
        query = query.filter(reactions::id.gt(after));
    }
    let rows: Vec<ReactionRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(ReactionRow::to_api).collect())
}

/// The agencies that have reacted to warning `warning_id`.
pub fn agencies_reacted(conn: &mut AnyConnection, warning_id: &str) -> Result<BTreeSet<String>, ApiError> {
    let agencies: Vec<String> = reactions::table
        .filter(reactions::warning_id.eq(warning_id))
        .select(reactions::lead_agency)
        .distinct()
        .load(conn)?;
    Ok(agencies.into_iter().collect())
}

tdc_kernel::recorded!(ReactionRow, ENTITY, |row| row.to_api());
tdc_kernel::stored!(ReactionRow, reactions);

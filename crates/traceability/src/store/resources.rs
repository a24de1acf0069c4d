//! The binding's resource collections (`/eventTypes`, `/bizSteps`, `/bizLocations`, `/readPoints`,
//! `/dispositions`, `/epcs`): the values the repository knows, a page at a time, by value.

use diesel::dsl::not;
use diesel::prelude::*;
use tdc_kernel::ApiError;
use tdc_kernel::db::AnyConnection;

use crate::epcis::vocab::{self, Vocabulary};
use crate::schema::{epcis_event_ids as ids, epcis_events as events};

/// The five standard event types (the hub defines no other).
pub const EVENT_TYPES: [&str; 5] =
    ["AggregationEvent", "AssociationEvent", "ObjectEvent", "TransactionEvent", "TransformationEvent"];

/// The roles of instance-level identifiers (EPCs), as `/epcs` lists them.
const EPC_ROLES: [&str; 5] = ["epc", "parent", "child", "input", "output"];

/// A resource collection of the binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// `/eventTypes`.
    EventTypes,
    /// `/bizSteps`.
    BizSteps,
    /// `/bizLocations`.
    BizLocations,
    /// `/readPoints`.
    ReadPoints,
    /// `/dispositions`.
    Dispositions,
    /// `/epcs`.
    Epcs,
}

impl Resource {
    /// The query parameter its `…/{value}/events` adds.
    pub fn parameter(self) -> &'static str {
        match self {
            Resource::EventTypes => "eventType",
            Resource::BizSteps => "EQ_bizStep",
            Resource::BizLocations => "EQ_bizLocation",
            Resource::ReadPoints => "EQ_readPoint",
            Resource::Dispositions => "EQ_disposition",
            Resource::Epcs => "MATCH_anyEPC",
        }
    }
}

/// The CBV's words of `vocabulary` and the stored values outside it, sorted.
fn vocabulary_members(conn: &mut AnyConnection, vocabulary: &Vocabulary) -> Result<Vec<String>, ApiError> {
    let outside = format!("{}%", vocabulary.web_prefix);
    let customs: Vec<Option<String>> = if vocabulary.web_prefix == vocab::BIZ_STEPS.web_prefix {
        let query = events::table.select(events::biz_step).filter(not(events::biz_step.like(&outside)));
        query.filter(events::biz_step.is_not_null()).distinct().load(conn)?
    } else {
        let query = events::table.select(events::disposition).filter(not(events::disposition.like(&outside)));
        query.filter(events::disposition.is_not_null()).distinct().load(conn)?
    };
    let mut all: Vec<String> =
        vocabulary.words.iter().map(|w| (*w).to_owned()).chain(customs.into_iter().flatten()).collect();
    all.sort();
    all.dedup();
    Ok(all)
}

fn after_and_limit(all: Vec<String>, after: Option<&str>, per_page: i64) -> Vec<String> {
    all.into_iter().filter(|v| after.is_none_or(|a| v.as_str() > a)).take(per_page as usize + 1).collect()
}

/// Up to `per_page + 1` members after `after`, by value.
pub fn members(
    conn: &mut AnyConnection,
    r: Resource,
    after: Option<&str>,
    per_page: i64,
) -> Result<Vec<String>, ApiError> {
    let limit = per_page + 1;
    let after_value = after.unwrap_or_default().to_owned();
    Ok(match r {
        Resource::EventTypes => after_and_limit(EVENT_TYPES.map(str::to_owned).to_vec(), after, per_page),
        Resource::BizSteps => after_and_limit(vocabulary_members(conn, &vocab::BIZ_STEPS)?, after, per_page),
        Resource::Dispositions => after_and_limit(vocabulary_members(conn, &vocab::DISPOSITIONS)?, after, per_page),
        Resource::BizLocations => {
            let query = events::table.select(events::biz_location).filter(events::biz_location.gt(after_value));
            let found: Vec<Option<String>> =
                query.distinct().order(events::biz_location.asc()).limit(limit).load(conn)?;
            found.into_iter().flatten().collect()
        }
        Resource::ReadPoints => {
            let query = events::table.select(events::read_point).filter(events::read_point.gt(after_value));
            let found: Vec<Option<String>> =
                query.distinct().order(events::read_point.asc()).limit(limit).load(conn)?;
            found.into_iter().flatten().collect()
        }
        Resource::Epcs => {
            let query =
                ids::table.select(ids::value).filter(ids::role.eq_any(EPC_ROLES)).filter(ids::value.gt(after_value));
            query.distinct().order(ids::value.asc()).limit(limit).load(conn)?
        }
    })
}

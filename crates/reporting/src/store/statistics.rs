//! Counting every domain's recorded work from the change log, grouped as asked.

use std::collections::{BTreeMap, HashMap};

use tdc_kernel::ApiError;
use tdc_kernel::calendar::utc_span;
use tdc_kernel::db::AnyConnection;

use crate::model::{Statistics, StatisticsGroup, StatisticsQuery, StatisticsRow};

/// The groups each agency counts in, for `group`.
fn groups_of(conn: &mut AnyConnection, group: StatisticsGroup) -> Result<HashMap<String, Vec<String>>, ApiError> {
    let agencies = tdc_directory::api::all_agencies(conn)?;
    Ok(agencies
        .into_iter()
        .map(|a| {
            let groups = match group {
                StatisticsGroup::AgencyKind => vec![a.kind.as_str().to_owned()],
                StatisticsGroup::Sector if a.sectors.is_empty() => vec!["(none)".to_owned()],
                StatisticsGroup::Sector => a.sectors.clone(),
                _ => vec![a.code.clone()],
            };
            (a.code, groups)
        })
        .collect())
}

/// The period's changes counted by group, entity and action.
pub fn statistics(conn: &mut AnyConnection, q: &StatisticsQuery) -> Result<Statistics, ApiError> {
    use chrono::Datelike;
    if q.to < q.from || (q.to - q.from).num_days() > 3 * 366 || !(2000..=2100).contains(&q.from.year()) {
        let detail = "`from` from 2000 on, `to` on or after it and at most three years later";
        return Err(ApiError::Malformed { detail: detail.into(), errors: vec![] });
    }
    let group = q.group_by.unwrap_or_default();
    let (from, to) = utc_span(q.from, q.to);
    let tallies = tdc_kernel::changes::tally(conn, from, to)?;
    let groups = match group {
        StatisticsGroup::AgencyKind | StatisticsGroup::Sector => Some(groups_of(conn, group)?),
        _ => None,
    };
    let mut counted: BTreeMap<(String, String, String), i64> = BTreeMap::new();
    let mut total = 0;
    for t in tallies.into_iter().filter(|t| q.entity.as_ref().is_none_or(|e| *e == t.entity)) {
        total += t.count;
        let keys = match (group, &groups) {
            (StatisticsGroup::Month, _) => vec![t.month.clone()],
            (_, Some(map)) => map.get(&t.agency_code).cloned().unwrap_or_else(|| vec!["(unknown)".to_owned()]),
            _ => vec![t.agency_code.clone()],
        };
        for key in keys {
            *counted.entry((key, t.entity.clone(), t.action.clone())).or_insert(0) += t.count;
        }
    }
    let rows = counted
        .into_iter()
        .map(|((group, entity, action), count)| StatisticsRow { group, entity, action, count })
        .collect();
    Ok(Statistics { from: q.from, to: q.to, group_by: group, rows, total })
}

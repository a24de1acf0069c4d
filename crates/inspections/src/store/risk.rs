//! Risk scores computed from what the hub holds: the products' risk classes (directory), the
//! violations and the concluded inspections.

use std::collections::HashMap;

use chrono::NaiveDate;
use diesel::dsl::max;
use diesel::prelude::*;
use tdc_directory::api::{business_identities, business_identity, highest_risk_by_business};
use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;

use crate::model::RiskScore;
use crate::rules::{RiskFacts, RiskRules, score};
use crate::schema::{inspections, violations};

/// What the hub knows of these businesses (or of every business with products or violations).
fn facts(conn: &mut AnyConnection, only: Option<&[String]>) -> Result<HashMap<String, RiskFacts>, ApiError> {
    let mut known: HashMap<String, RiskFacts> = HashMap::new();
    for (tax, risk) in highest_risk_by_business(conn, only)? {
        known.entry(tax).or_default().product_risk = Some(risk);
    }
    let mut query = violations::table.select((violations::tax_code, violations::committed_on)).into_boxed();
    if let Some(codes) = only {
        query = query.filter(violations::tax_code.eq_any(codes.to_vec()));
    }
    for (tax, day) in query.load::<(String, NaiveDate)>(conn)? {
        known.entry(tax).or_default().violations.push(day);
    }
    if let Some(codes) = only {
        for code in codes {
            known.entry(code.clone()).or_default();
        }
    }
    let codes: Vec<String> = known.keys().cloned().collect();
    for chunk in codes.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let last: Vec<(Option<String>, Option<NaiveDate>)> = inspections::table
            .filter(inspections::state.eq("concluded"))
            .filter(inspections::tax_code.eq_any(chunk))
            .group_by(inspections::tax_code)
            .select((inspections::tax_code, max(inspections::concluded_on)))
            .load(conn)?;
        for (tax, day) in last {
            if let Some(facts) = tax.and_then(|t| known.get_mut(&t)) {
                facts.last_inspected_on = day;
            }
        }
    }
    Ok(known)
}

fn scored(rules: &RiskRules, tax: String, name: String, facts: &RiskFacts, on: NaiveDate, explain: bool) -> RiskScore {
    let (total, factors) = score(rules, facts, on);
    RiskScore {
        tax_code: tax,
        business_name: name,
        score: total,
        max_score: rules.max_score(),
        on,
        product_risk: facts.product_risk,
        violations: facts.violations.len(),
        last_inspected_on: facts.last_inspected_on,
        rank: None,
        factors: explain.then_some(factors),
    }
}

/// One business's score on `on` (404 for a business the hub does not hold or `reader` may not see).
pub fn one(
    conn: &mut AnyConnection,
    reader: &Reader,
    rules: &RiskRules,
    tax_code: &str,
    (on, explain): (NaiveDate, bool),
) -> Result<RiskScore, ApiError> {
    let found = business_identity(conn, tax_code)?.filter(|(_, access)| reader.may_read(access));
    let (name, _) = found.ok_or_else(|| ApiError::NotFound(format!("no business {tax_code}")))?;
    let known = facts(conn, Some(&[tax_code.to_owned()]))?;
    let facts = known.get(tax_code).cloned().unwrap_or_default();
    Ok(scored(rules, tax_code.to_owned(), name, &facts, on, explain))
}

/// A page of the ranking of the businesses with products or violations on record that `reader`
/// may see, highest score first (ties by tax code), from rank `after + 1`; fetches `limit + 1`.
pub fn ranking(
    conn: &mut AnyConnection,
    reader: &Reader,
    rules: &RiskRules,
    (on, min_score, explain): (NaiveDate, Option<f64>, bool),
    after: Option<usize>,
    limit: i64,
) -> Result<Vec<RiskScore>, ApiError> {
    let known = facts(conn, None)?;
    let codes: Vec<String> = known.keys().cloned().collect();
    let mut named: HashMap<String, String> = business_identities(conn, &codes)?
        .into_iter()
        .filter(|(_, (_, access))| reader.may_read(access))
        .map(|(tax, (name, _))| (tax, name))
        .collect();
    let mut ranked: Vec<(f64, String)> = known
        .iter()
        .filter(|(tax, _)| named.contains_key(*tax))
        .map(|(tax, f)| (score(rules, f, on).0, tax.clone()))
        .collect();
    ranked.retain(|(s, _)| min_score.is_none_or(|m| *s >= m));
    ranked.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let skip = after.unwrap_or(0);
    let take = usize::try_from(limit + 1).unwrap_or(usize::MAX);
    let mut page = Vec::new();
    for (index, (_, tax)) in ranked.into_iter().enumerate().skip(skip).take(take) {
        let name = named.remove(&tax).unwrap_or_default();
        let mut entry = scored(rules, tax.clone(), name, &known[&tax], on, explain);
        entry.rank = Some(index + 1);
        page.push(entry);
    }
    Ok(page)
}

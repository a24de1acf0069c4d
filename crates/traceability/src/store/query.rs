//! The EPCIS query parameters, checked and put in the form the stored columns hold (CBV values as
//! web URIs, GS1 identifiers as canonical Digital Links), and the page token.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDateTime;
use serde::{Deserialize, Serialize};
use tdc_kernel::FieldError;

use crate::epcis::index::{cbv_value, gtin_and_lot, identifier};
use crate::epcis::{hash, validate, vocab};
use crate::model::EventQuery;

/// How identifiers of some roles must match one of the given values.
#[derive(Debug)]
pub struct Match {
    /// The roles an identifier may have.
    pub roles: &'static [&'static str],
    /// Canonical identifiers matched exactly.
    pub exact: Vec<String>,
    /// GTINs whose every instance and class matches (from `urn:epc:idpat:sgtin:…*` patterns).
    pub gtins: Vec<String>,
}

/// The quantity parameters: one listed quantity must meet them all.
#[derive(Debug, Default)]
pub struct Quantity {
    pub eq: Option<Vec<f64>>,
    pub gt: Option<f64>,
    pub ge: Option<f64>,
    pub lt: Option<f64>,
    pub le: Option<f64>,
}

impl Quantity {
    /// Whether any condition is asked.
    pub fn asked(&self) -> bool {
        self.eq.is_some() || self.gt.is_some() || self.ge.is_some() || self.lt.is_some() || self.le.is_some()
    }
}

/// Where a page resumes: after this event in the chosen order.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Position {
    /// The sort time of the last event sent.
    pub t: NaiveDateTime,
    /// Its id.
    pub i: String,
    /// How many events `eventCountLimit` still allows, if it was given.
    pub n: Option<i64>,
}

/// A checked query.
#[derive(Debug, Default)]
pub struct Filter {
    pub types: Option<Vec<String>>,
    pub ge_event_time: Option<NaiveDateTime>,
    pub lt_event_time: Option<NaiveDateTime>,
    pub ge_record_time: Option<NaiveDateTime>,
    pub lt_record_time: Option<NaiveDateTime>,
    pub actions: Option<Vec<String>>,
    pub biz_steps: Option<Vec<String>>,
    pub dispositions: Option<Vec<String>>,
    pub read_points: Option<Vec<String>>,
    pub biz_locations: Option<Vec<String>>,
    pub event_ids: Option<Vec<String>>,
    /// Only events that declare an error.
    pub declared_only: bool,
    /// Conditions one listed quantity meets together.
    pub quantity: Quantity,
    pub matches: Vec<Match>,
    /// Order by `recordTime` rather than `eventTime`.
    pub by_record_time: bool,
    pub descending: bool,
    pub per_page: i64,
    /// Events still allowed by `eventCountLimit`.
    pub remaining: Option<i64>,
    pub after: Option<Position>,
}

/// The longest value of one query parameter, in characters: lists of identifiers run long.
pub const LONGEST_PARAMETER: usize = 65_536;

/// Reads a query string into the standard query's parameters — refusing, as every query of the
/// hub does, a value holding a control character or too long — or says what is wrong.
pub fn parse(query_string: &str) -> Result<EventQuery, Vec<FieldError>> {
    tdc_kernel::extract::parse_query_within(query_string, LONGEST_PARAMETER).map_err(|e| match e {
        tdc_kernel::ApiError::Malformed { errors, detail } if errors.is_empty() => {
            vec![FieldError::new("/query", "invalid_parameter", detail)]
        }
        tdc_kernel::ApiError::Malformed { errors, .. } => errors,
        other => vec![FieldError::new("/query", "invalid_parameter", other.to_string())],
    })
}

struct Errors(Vec<FieldError>);

impl Errors {
    fn bad(&mut self, name: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(format!("/query/{name}"), "invalid_parameter", message));
    }

    fn time(&mut self, name: &str, raw: &Option<String>) -> Option<NaiveDateTime> {
        let raw = raw.as_deref()?;
        let parsed = hash::parse_time(raw).map(|t| t.naive_utc());
        if parsed.is_none() {
            self.bad(name, "a date-time (RFC 3339), e.g. 2026-03-01T00:00:00+07:00");
        }
        parsed
    }

    fn decimals(&mut self, name: &str, raw: &Option<String>) -> Option<Vec<f64>> {
        let raw = raw.as_deref()?;
        let values: Option<Vec<f64>> =
            raw.split('|').map(|v| v.trim().parse::<f64>().ok().filter(|n| n.is_finite())).collect();
        if values.is_none() {
            self.bad(name, "a decimal number (pipe-separated for EQ_quantity)");
        }
        values
    }

    fn number(&mut self, name: &str, raw: &Option<String>, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
        let raw = raw.as_deref()?;
        let n = raw.parse::<i64>().ok().filter(|n| range.contains(n));
        if n.is_none() {
            self.bad(name, format!("a whole number from {} to {}", range.start(), range.end()));
        }
        n
    }
}

fn list(raw: &Option<String>, form: impl Fn(&str) -> String) -> Option<Vec<String>> {
    raw.as_deref().map(|r| r.split('|').map(|v| form(v.trim())).collect())
}

fn matcher(roles: &'static [&'static str], raw: &Option<String>) -> Option<Match> {
    let mut m = Match { roles, exact: Vec::new(), gtins: Vec::new() };
    for value in raw.as_deref()?.split('|').map(str::trim) {
        let canonical = identifier(value);
        match gtin_and_lot(&canonical) {
            (Some(gtin), None) if value.starts_with("urn:epc:idpat:") => m.gtins.push(gtin),
            _ => m.exact.push(canonical),
        }
    }
    Some(m)
}

/// The page token of a position.
pub fn token(position: &Position) -> String {
    URL_SAFE_NO_PAD.encode(serde_json::to_vec(position).unwrap_or_default())
}

/// The filter `q` asks for, or its refusals.
pub fn filter(q: &EventQuery) -> Result<Filter, Vec<FieldError>> {
    let mut e = Errors(Vec::new());
    let after = q.next_page_token.as_deref().and_then(|t| {
        let position = URL_SAFE_NO_PAD.decode(t).ok().and_then(|b| serde_json::from_slice::<Position>(&b).ok());
        if position.is_none() {
            e.bad("nextPageToken", "not a token this hub gave; start again without it");
        }
        position
    });
    let types = list(&q.event_type, str::to_owned);
    if let Some(t) = types.iter().flatten().find(|t| !validate::EVENT_TYPES.contains(&t.as_str())) {
        e.bad("eventType", format!("`{t}` is not an EPCIS event type"));
    }
    let actions = list(&q.eq_action, str::to_owned);
    if let Some(a) = actions.iter().flatten().find(|a| !["ADD", "OBSERVE", "DELETE"].contains(&a.as_str())) {
        e.bad("EQ_action", format!("`{a}` is not ADD, OBSERVE or DELETE"));
    }
    let by_record_time = match q.order_by.as_deref() {
        None | Some("eventTime") => false,
        Some("recordTime") => true,
        Some(_) => {
            e.bad("orderBy", "`eventTime` or `recordTime`");
            false
        }
    };
    let descending = match q.order_direction.as_deref() {
        None | Some("ASC") => false,
        Some("DESC") => true,
        Some(_) => {
            e.bad("orderDirection", "`ASC` or `DESC`");
            false
        }
    };
    let per_page = e.number("perPage", &q.per_page, 1..=1000).unwrap_or(30);
    let limit = e.number("eventCountLimit", &q.event_count_limit, 1..=1_000_000);
    let places = |a: &Option<String>, b: &Option<String>| {
        let mut all: Vec<String> = list(a, identifier).unwrap_or_default();
        all.extend(list(b, identifier).unwrap_or_default());
        (a.is_some() || b.is_some()).then_some(all)
    };
    let filter = Filter {
        types,
        ge_event_time: e.time("GE_eventTime", &q.ge_event_time),
        lt_event_time: e.time("LT_eventTime", &q.lt_event_time),
        ge_record_time: e.time("GE_recordTime", &q.ge_record_time),
        lt_record_time: e.time("LT_recordTime", &q.lt_record_time),
        actions,
        biz_steps: list(&q.eq_biz_step, |v| cbv_value(v, &vocab::BIZ_STEPS)),
        dispositions: list(&q.eq_disposition, |v| cbv_value(v, &vocab::DISPOSITIONS)),
        read_points: places(&q.eq_read_point, &q.wd_read_point),
        biz_locations: places(&q.eq_biz_location, &q.wd_biz_location),
        event_ids: list(&q.eq_event_id, str::to_owned),
        declared_only: q.exists_error_declaration.is_some(),
        quantity: Quantity {
            eq: e.decimals("EQ_quantity", &q.eq_quantity),
            gt: e.decimals("GT_quantity", &q.gt_quantity).and_then(|v| v.first().copied()),
            ge: e.decimals("GE_quantity", &q.ge_quantity).and_then(|v| v.first().copied()),
            lt: e.decimals("LT_quantity", &q.lt_quantity).and_then(|v| v.first().copied()),
            le: e.decimals("LE_quantity", &q.le_quantity).and_then(|v| v.first().copied()),
        },
        matches: [
            matcher(&["epc", "child"], &q.match_epc),
            matcher(&["parent"], &q.match_parent_id),
            matcher(&["input"], &q.match_input_epc),
            matcher(&["output"], &q.match_output_epc),
            matcher(&["epc", "child", "parent", "input", "output"], &q.match_any_epc),
            matcher(&["class", "child_class"], &q.match_epc_class),
            matcher(&["input_class"], &q.match_input_epc_class),
            matcher(&["output_class"], &q.match_output_epc_class),
            matcher(&["class", "child_class", "input_class", "output_class"], &q.match_any_epc_class),
        ]
        .into_iter()
        .flatten()
        .collect(),
        by_record_time,
        descending,
        per_page,
        remaining: after.as_ref().and_then(|p| p.n).or(limit),
        after,
    };
    if e.0.is_empty() { Ok(filter) } else { Err(e.0) }
}

//! The binding's resource endpoints: `/eventTypes`, `/bizSteps`, `/bizLocations`, `/readPoints`,
//! `/dispositions` and `/epcs` list what the repository knows, `…/{value}` lists a value's
//! sub-resources (`events`), and `…/{value}/events` is the standard query narrowed to the value.

use actix_web::HttpResponse;
use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use serde_json::json;
use tdc_kernel::resource::Call;
use tdc_kernel::{ApiError, FieldError, db};

use super::events::{answer_query, next_link, path_value};
use super::{EpcisError, check_versions, versions};
use crate::store::events::EPCIS_CONTEXT;
use crate::store::resources::{self, EVENT_TYPES, Resource};

pub(super) fn per_page_and_after(call: &Call) -> Result<(i64, Option<String>), EpcisError> {
    let pairs: std::collections::BTreeMap<String, String> =
        tdc_kernel::extract::parse_query_within(call.req.query_string(), crate::store::query::LONGEST_PARAMETER)
            .map_err(|e| match e {
                ApiError::Malformed { errors, .. } => EpcisError::query(errors),
                other => other.into(),
            })?;
    let refuse = |name: &str, message: &str| {
        EpcisError::query(vec![FieldError::new(format!("/query/{name}"), "invalid_parameter", message)])
    };
    let mut per_page = 30;
    let mut after = None;
    for (name, value) in pairs {
        match name.as_str() {
            "perPage" => {
                per_page = value
                    .parse()
                    .ok()
                    .filter(|n| (1..=1000).contains(n))
                    .ok_or_else(|| refuse("perPage", "1 to 1000"))?
            }
            "nextPageToken" => {
                let bytes =
                    URL_SAFE_NO_PAD.decode(&value).map_err(|_| refuse("nextPageToken", "not a token this hub gave"))?;
                let text = String::from_utf8(bytes).ok().filter(|t| !t.chars().any(char::is_control));
                after = Some(text.ok_or_else(|| refuse("nextPageToken", "not a token this hub gave"))?);
            }
            other => return Err(refuse(other, "a collection takes only perPage and nextPageToken")),
        }
    }
    Ok((per_page, after))
}

/// A page of a collection, the next in `Link`.
pub(super) async fn collection(call: Call, r: Resource) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    let (per_page, after) = per_page_and_after(&call)?;
    let mut members = db::read(&call.pool, move |c| resources::members(c, r, after.as_deref(), per_page)).await?;
    let mut res = next_page(&call, &mut members, per_page, String::as_str);
    Ok(res.json(json!({"@context": EPCIS_CONTEXT, "type": "Collection", "member": members})))
}

/// The answer to a page of `found` (read `per_page + 1` at most), with the binding's headers and,
/// while more follow, the next page in `Link` (`nextPageToken` the last one's `key`).
pub(super) fn next_page<T>(
    call: &Call,
    found: &mut Vec<T>,
    per_page: i64,
    key: fn(&T) -> &str,
) -> actix_web::HttpResponseBuilder {
    let mut res = HttpResponse::Ok();
    versions(&mut res);
    if found.len() as i64 > per_page {
        found.truncate(per_page as usize);
        let token = URL_SAFE_NO_PAD.encode(found.last().map(key).unwrap_or_default());
        res.insert_header(("Link", next_link(&call.req, &token)));
    }
    res
}

/// A value's sub-resources: its `events`.
pub(super) async fn item(call: Call, r: Resource, value: String) -> Result<HttpResponse, EpcisError> {
    check_versions(&call.req)?;
    let value = path_value(&value);
    if r == Resource::EventTypes && !EVENT_TYPES.contains(&value.as_str()) {
        return Err(ApiError::NotFound(format!("no event type {value}; the hub knows the five standard ones")).into());
    }
    let mut res = HttpResponse::Ok();
    versions(&mut res);
    Ok(res.json(json!({"@context": EPCIS_CONTEXT, "type": "Collection", "member": ["events"]})))
}

/// The standard query narrowed to the value.
pub(super) async fn events_of(call: Call, r: Resource, value: String) -> Result<HttpResponse, EpcisError> {
    let value = path_value(&value);
    let mut query = call.req.query_string().to_owned();
    if !query.is_empty() {
        query.push('&');
    }
    query.push_str(&form_urlencoded::Serializer::new(String::new()).append_pair(r.parameter(), &value).finish());
    answer_query(call, &query).await
}

/// Three handlers for one resource: the collection, a value, a value's events.
macro_rules! resource {
    ($module:ident, $resource:expr, $list:tt, $one:tt, $events:tt, $param:tt, $what:tt, $id_list:tt, $id_one:tt, $id_events:tt) => {
        #[allow(missing_docs)]
        pub mod $module {
            use actix_web::{HttpResponse, web};
            use tdc_kernel::Problem;
            use tdc_kernel::resource::Call;

            use crate::http::{EpcisError, TAG};
            use crate::scopes::TRACEABILITY_READ;

            /// Lists what the repository knows (a page of `perPage`, default 30; the next page's
            /// address in `Link`, with `nextPageToken`).
            #[utoipa::path(get, path = $list, tag = TAG, operation_id = $id_list, description = $what,
                params(("perPage" = Option<u32>, Query, description = "Members per page, 1 to 1000 (30)."),
                    ("nextPageToken" = Option<String>, Query, description = "The token from the previous page's `Link`.")),
                security(("bearer" = [TRACEABILITY_READ])),
                responses((status = 200, description = "`{\"@context\", \"type\": \"Collection\", \"member\": [...]}`.", body = Object,
                        headers(("Link" = String, description = "The next page, while there is one."))),
                    (status = 400, description = "A parameter other than perPage and nextPageToken (`epcisException:QueryParameterException`).", body = Problem, content_type = "application/problem+json")))]
            pub async fn list(call: Call) -> Result<HttpResponse, EpcisError> {
                super::collection(call, $resource).await
            }

            /// The value's sub-resources (HATEOAS discovery): `events`.
            #[utoipa::path(get, path = $one, tag = TAG, operation_id = $id_one,
                params(($param = String, Path, description = "The value, percent-encoded.")), security(("bearer" = [TRACEABILITY_READ])),
                responses((status = 200, description = "`{\"type\": \"Collection\", \"member\": [\"events\"]}`.", body = Object),
                    (status = 404, description = "An event type the hub does not know (`epcisException:NoSuchResourceException`).", body = Problem, content_type = "application/problem+json")))]
            pub async fn one(call: Call, value: web::Path<String>) -> Result<HttpResponse, EpcisError> {
                super::item(call, $resource, value.into_inner()).await
            }

            /// The events with the value: the standard query (`GET /epcis/v2/events`, every
            /// parameter of it) narrowed to the value; paged the same way.
            #[utoipa::path(get, path = $events, tag = TAG, operation_id = $id_events,
                params(($param = String, Path, description = "The value, percent-encoded."), crate::model::EventQuery),
                security(("bearer" = [TRACEABILITY_READ])),
                responses((status = 200, description = "One page of events.", body = crate::model::EpcisDocument, content_type = "application/ld+json",
                        headers(("Link" = String, description = "The next page, while more events match."))),
                    (status = 400, description = "A parameter the hub does not know, or a value it cannot read (`epcisException:QueryParameterException`).", body = Problem, content_type = "application/problem+json")))]
            pub async fn events(call: Call, value: web::Path<String>) -> Result<HttpResponse, EpcisError> {
                super::events_of(call, $resource, value.into_inner()).await
            }
        }
    };
}

resource!(
    event_types,
    super::Resource::EventTypes,
    "/epcis/v2/eventTypes",
    "/epcis/v2/eventTypes/{eventType}",
    "/epcis/v2/eventTypes/{eventType}/events",
    "eventType",
    "The five standard EPCIS event types (the hub defines no other).",
    "epcis_list_event_types",
    "epcis_get_event_type",
    "epcis_event_type_events"
);
resource!(
    biz_steps,
    super::Resource::BizSteps,
    "/epcis/v2/bizSteps",
    "/epcis/v2/bizSteps/{bizStep}",
    "/epcis/v2/bizSteps/{bizStep}/events",
    "bizStep",
    "The CBV 2.0 business steps (bare words) and every other business step captured events name (URIs).",
    "epcis_list_biz_steps",
    "epcis_get_biz_step",
    "epcis_biz_step_events"
);
resource!(
    biz_locations,
    super::Resource::BizLocations,
    "/epcis/v2/bizLocations",
    "/epcis/v2/bizLocations/{bizLocation}",
    "/epcis/v2/bizLocations/{bizLocation}/events",
    "bizLocation",
    "Every business location captured events name, as canonical GS1 Digital Links.",
    "epcis_list_biz_locations",
    "epcis_get_biz_location",
    "epcis_biz_location_events"
);
resource!(
    read_points,
    super::Resource::ReadPoints,
    "/epcis/v2/readPoints",
    "/epcis/v2/readPoints/{readPoint}",
    "/epcis/v2/readPoints/{readPoint}/events",
    "readPoint",
    "Every read point captured events name, as canonical GS1 Digital Links.",
    "epcis_list_read_points",
    "epcis_get_read_point",
    "epcis_read_point_events"
);
resource!(
    dispositions,
    super::Resource::Dispositions,
    "/epcis/v2/dispositions",
    "/epcis/v2/dispositions/{disposition}",
    "/epcis/v2/dispositions/{disposition}/events",
    "disposition",
    "The CBV 2.0 dispositions (bare words) and every other disposition captured events name (URIs).",
    "epcis_list_dispositions",
    "epcis_get_disposition",
    "epcis_disposition_events"
);
resource!(
    epcs,
    super::Resource::Epcs,
    "/epcis/v2/epcs",
    "/epcis/v2/epcs/{epc}",
    "/epcis/v2/epcs/{epc}/events",
    "epc",
    "Every instance-level identifier (EPC) captured events name, as canonical GS1 Digital Links; `…/{epc}/events` matches it in any role (`MATCH_anyEPC`), in any of its forms.",
    "epcis_list_epcs",
    "epcis_get_epc",
    "epcis_epc_events"
);

//! The public alert feed (Atom, for people's feed readers), a warning's recall scope and the
//! warnings' figures per period.

use actix_web::HttpResponse;
use actix_web::web;
use maud::{PreEscaped, html};
use tdc_kernel::Problem;
use tdc_kernel::db;
use tdc_kernel::extract::Query;
use tdc_kernel::names::name_of;
use tdc_kernel::resource::{Call, IdPath, PublicCall, Reply};

use super::warnings::TAG;
use crate::model::{FiguresQuery, RecallScope, Warning, WarningFigures};
use crate::scopes::SURVEILLANCE_READ;
use crate::store::{figures, recall, warnings};

/// How many warnings the Atom feed holds.
const FEED_SIZE: i64 = 50;

/// One entry's text: the risk, the hazard, the lots and the measures.
fn summary(w: &Warning) -> String {
    let mut text = format!("Mức rủi ro / risk: {}. {}", name_of(w.risk_level), w.hazard_description);
    if !w.product.lots.is_empty() {
        text.push_str(&format!(" Lô / lots: {}.", w.product.lots.join(", ")));
    }
    for m in &w.measures {
        let by = m.deadline.map(|d| format!(" (hạn / by {d})")).unwrap_or_default();
        text.push_str(&format!(" {}: {}{by}.", name_of(m.kind), m.description));
    }
    text
}

/// The Atom document of `published` (newest first), its links under `base`.
fn atom(base: &str, published: &[Warning]) -> String {
    let updated = published.iter().map(|w| w.record.updated_at).max().unwrap_or_default();
    let markup = html! {
        (PreEscaped("<?xml version=\"1.0\" encoding=\"utf-8\"?>"))
        feed xmlns="http://www.w3.org/2005/Atom" {
            title { "Cảnh báo sản phẩm, hàng hóa không an toàn — TĐC Hub" }
            id { (base) "/api/v1/warnings/feed.atom" }
            link rel="self" href={ (base) "/api/v1/warnings/feed.atom" } {}
            updated { (updated.to_rfc3339()) }
            author { name { "TĐC Hub" } }
            @for w in published {
                entry {
                    title { (w.title) " — " (w.product.name) }
                    id { "urn:uuid:" (w.record.id) }
                    link rel="alternate" type="application/json" href={ (base) "/api/v1/warnings/" (w.record.id) } {}
                    @if let Some(at) = w.published_at { published { (at.to_rfc3339()) } }
                    updated { (w.record.updated_at.to_rfc3339()) }
                    category term=(name_of(w.state)) {}
                    summary { (summary(w)) }
                }
            }
        }
    };
    markup.into_string()
}

/// The public alert feed as Atom: the 50 most recently published warnings, newest first, each
/// with its risk, hazard, lots and measures and a link to its JSON. No token; for feed readers
/// (the JSON list is `GET /api/v1/warnings` without a token).
#[utoipa::path(get, path = "/api/v1/warnings/feed.atom", tag = TAG, operation_id = "warnings_atom_feed",
    security(()), responses(
        (status = 200, description = "The feed (RFC 4287).", content_type = "application/atom+xml", body = String),
        (status = 503, description = "The database is unavailable (`unavailable`).", body = Problem),
    ))]
pub async fn atom_feed(call: PublicCall) -> Reply {
    let info = call.req.connection_info().clone();
    let base = format!("{}://{}", info.scheme(), info.host());
    let published = db::read(&call.pool, |c| warnings::latest_published(c, FEED_SIZE)).await?;
    Ok(HttpResponse::Ok().content_type("application/atom+xml; charset=utf-8").body(atom(&base, &published)))
}

/// A warning's recall scope (seed 001 Art. 10.1.h): each affected lot traced forward through the
/// captured EPCIS events to every holder — shops, warehouses, plants it was made into something
/// else at — with the agency responsible for each and whether that agency has reacted.
#[utoipa::path(get, path = "/api/v1/warnings/{id}/recall-scope", tag = TAG, operation_id = "get_warning_recall_scope",
    params(IdPath), security(("bearer" = [SURVEILLANCE_READ])), responses(
        (status = 200, description = "The scope.", body = RecallScope),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
        (status = 404, description = "No such warning.", body = Problem),
        (status = 409, description = "The warning names no GTIN and lot (`nothing_to_trace`).", body = Problem),
    ))]
pub async fn recall_scope(call: Call, id: web::Path<IdPath>) -> Reply {
    let (id, reader) = (id.into_inner().of("warning")?, call.reader());
    let scope = db::read(&call.pool, move |c| recall::scope(c, &reader, &id)).await?;
    Ok(HttpResponse::Ok().json(scope))
}

/// The warnings published in a period (Vietnam's dates) and how many are resolved: the
/// resolution rate seed 003 §II.1.e targets at 100 %.
#[utoipa::path(get, path = "/api/v1/warnings/figures", tag = TAG, operation_id = "get_warning_figures",
    params(FiguresQuery), security(("bearer" = [SURVEILLANCE_READ])), responses(
        (status = 200, description = "The figures.", body = WarningFigures),
        (status = 400, description = "A missing or malformed date, or `to` before `from` (`invalid_parameter`).", body = Problem),
        (status = 401, description = "No valid token (`unauthorized`).", body = Problem),
        (status = 403, description = "The token lacks the scope (`insufficient_scope`).", body = Problem),
    ))]
pub async fn figures(call: Call, q: Query<FiguresQuery>) -> Reply {
    let (from, to) = (q.0.from, q.0.to);
    let found = db::read(&call.pool, move |c| figures::figures(c, from, to)).await?;
    Ok(HttpResponse::Ok().json(found))
}

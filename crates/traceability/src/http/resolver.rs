//! The GS1 Digital Link resolver: `/01/{gtin}`, with `/10/{lot}` and `/21/{serial}`. Public: a QR
//! stamp printed in the province resolves here, so a phone's browser gets the product's page by
//! default; `linkType=all` (or `Accept: application/linkset+json`) answers the RFC 9264 linkset;
//! `linkType=gs1:epcis` redirects to the EPCIS query of the lot or item.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;
use tdc_kernel::ApiError;
use tdc_kernel::db;
use tdc_kernel::extract::Query;
use tdc_kernel::notices::PublicNotices;
use tdc_kernel::resource::{PublicCall, Reply};
use utoipa::IntoParams;

use crate::resolver::page::{Lang, not_found, render};
use crate::resolver::{Keys, linkset};
use crate::store::page;

const TAG: &str = "Digital Link resolver";

/// What a Digital Link's query asks. Other GS1 attributes (`17`, `11`, …) may follow; they do not
/// change the answer.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ResolverQuery {
    /// `all` for the linkset; `gs1:pip` (the default) or `gs1:certificationInfo` for the product's
    /// page; `gs1:epcis` for a redirect to the EPCIS query. Another type answers the default.
    #[serde(rename = "linkType")]
    #[param(rename = "linkType")]
    pub link_type: Option<String>,
    /// The page's language: `vi` (the default) or `en`; without it the browser's `Accept-Language`.
    pub lang: Option<String>,
}

/// What a resolver answers: the page (HTML) or the linkset, a redirect for `gs1:epcis`, 400 for a
/// malformed key, 404 when the hub knows nothing public of it.
pub struct Resolved;

impl utoipa::IntoResponses for Resolved {
    fn responses() -> std::collections::BTreeMap<String, utoipa::openapi::RefOr<utoipa::openapi::Response>> {
        use utoipa::openapi::{ContentBuilder, ObjectBuilder, RefOr, ResponseBuilder, Type};
        let text = || ContentBuilder::new().schema(Some(ObjectBuilder::new().schema_type(Type::String))).build();
        let object = ContentBuilder::new().schema(Some(ObjectBuilder::new().schema_type(Type::Object))).build();
        let page = ResponseBuilder::new()
            .description("The page (HTML, with a `Link` to the linkset), or with `linkType=all` or `Accept: application/linkset+json` the RFC 9264 linkset.")
            .content("text/html", text())
            .content("application/linkset+json", object);
        let moved = ResponseBuilder::new()
            .description("`linkType=gs1:epcis`: to the EPCIS query of the lot or item (`Location`).");
        let problem = tdc_kernel::resource::responses::problem;
        [
            ("200", RefOr::T(page.build())),
            ("307", RefOr::T(moved.build())),
            ("400", problem("A malformed GTIN (`gtin_format`, `gtin_checksum`), lot (`lot_format`) or serial (`serial_format`).")),
            ("404", problem("The hub knows nothing public of the keys (an HTML page when the browser asks for HTML).")),
        ]
        .into_iter()
        .map(|(status, answer)| (status.to_owned(), answer))
        .collect()
    }
}

/// Whether the request's `Accept` names `media`.
fn accepts(req: &HttpRequest, media: &str) -> bool {
    req.headers().get(header::ACCEPT).and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains(media))
}

fn base_of(req: &HttpRequest) -> String {
    let info = req.connection_info();
    format!("{}://{}", info.scheme(), info.host())
}

async fn resolve(call: PublicCall, keys: Keys, q: ResolverQuery) -> Reply {
    let links = linkset::of(&keys, &base_of(&call.req));
    if q.link_type.as_deref() == Some("all") || accepts(&call.req, "application/linkset+json") {
        return Ok(HttpResponse::Ok().content_type("application/linkset+json").body(links.to_string()));
    }
    if q.link_type.as_deref() == Some("gs1:epcis") {
        let to = links["linkset"][0]["https://gs1.org/voc/epcis"][0]["href"].as_str().unwrap_or_default().to_owned();
        return Ok(HttpResponse::TemporaryRedirect().insert_header((header::LOCATION, to)).finish());
    }
    let accept_language =
        call.req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let lang = Lang::choose(q.lang.as_deref(), accept_language.as_deref());
    let today = tdc_kernel::calendar::today();
    let wanted = keys.clone();
    let notices = call.req.app_data::<web::Data<PublicNotices>>().map(|n| n.get_ref().clone()).unwrap_or_default();
    let found = db::read(&call.pool, move |c| page::gather(c, &wanted, today, &notices)).await;
    let found = match found {
        Err(ApiError::NotFound(_)) if accepts(&call.req, "text/html") => {
            return Ok(HttpResponse::NotFound().content_type("text/html; charset=utf-8").body(not_found(&keys, lang)));
        }
        other => other?,
    };
    let link = format!("<{}?linkType=all>; rel=\"linkset\"; type=\"application/linkset+json\"", keys.path());
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::LINK, link))
        .insert_header((header::CACHE_CONTROL, "public, max-age=60"))
        .body(render(&found, lang)))
}

/// A GTIN's public page (every lot): the product and its maker and its conformity declarations.
#[utoipa::path(get, path = "/01/{gtin}", tag = TAG, operation_id = "resolve_gtin",
    params(("gtin" = String, Path, description = "The GTIN (8, 12, 13 or 14 digits)."), ResolverQuery),
    responses(Resolved))]
pub async fn gtin(call: PublicCall, path: web::Path<String>, q: Query<ResolverQuery>) -> Reply {
    resolve(call, Keys::parse(&path.into_inner(), None, None)?, q.0).await
}

/// A lot's public page: the product, the lot (made where, when, how much, its dates), its journey
/// through the province's supply chain, the conformity declarations, and a banner when the lot was
/// recalled or has expired.
#[utoipa::path(get, path = "/01/{gtin}/10/{lot}", tag = TAG, operation_id = "resolve_lot",
    params(("gtin" = String, Path, description = "The GTIN."), ("lot" = String, Path, description = "The lot, percent-encoded."), ResolverQuery),
    responses(Resolved))]
pub async fn lot(call: PublicCall, path: web::Path<(String, String)>, q: Query<ResolverQuery>) -> Reply {
    let (gtin, lot) = path.into_inner();
    resolve(call, Keys::parse(&gtin, Some(lot), None)?, q.0).await
}

/// A serialised item's public page: as a lot's, following the item itself.
#[utoipa::path(get, path = "/01/{gtin}/21/{serial}", tag = TAG, operation_id = "resolve_serial",
    params(("gtin" = String, Path, description = "The GTIN."), ("serial" = String, Path, description = "The serial, percent-encoded."), ResolverQuery),
    responses(Resolved))]
pub async fn serial(call: PublicCall, path: web::Path<(String, String)>, q: Query<ResolverQuery>) -> Reply {
    let (gtin, serial) = path.into_inner();
    resolve(call, Keys::parse(&gtin, None, Some(serial))?, q.0).await
}

/// A serialised item of a lot: the item's page, with its lot's record.
#[utoipa::path(get, path = "/01/{gtin}/10/{lot}/21/{serial}", tag = TAG, operation_id = "resolve_lot_serial",
    params(("gtin" = String, Path, description = "The GTIN."), ("lot" = String, Path, description = "The lot, percent-encoded."),
        ("serial" = String, Path, description = "The serial, percent-encoded."), ResolverQuery),
    responses(Resolved))]
pub async fn lot_serial(call: PublicCall, path: web::Path<(String, String, String)>, q: Query<ResolverQuery>) -> Reply {
    let (gtin, lot, serial) = path.into_inner();
    resolve(call, Keys::parse(&gtin, Some(lot), Some(serial))?, q.0).await
}

//! What a product's public page shows, as the public may see it: the product and its maker, the
//! lot as the events describe it, the journey (the places the lot went through, from a trace both
//! ways), the conformity declarations of the product, and the alerts a buyer must see first.

use chrono::NaiveDate;
use tdc_conformity::model::Declaration;
use tdc_directory::model::Product;
use tdc_kernel::ApiError;
use tdc_kernel::access::Reader;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::notices::PublicNotices;

use super::trace::{self, Start};
use crate::model::{Holder, Lot, TraceDirection};
use crate::resolver::Keys;

/// The CBV disposition of goods recalled.
const RECALLED: &str = "https://ref.gs1.org/cbv/Disp-recalled";

/// Something a buyer must see before anything else.
#[derive(Debug, Clone, PartialEq)]
pub enum Alert {
    /// An event on the lot's trail says it was recalled (CBV disposition `recalled`), on this day.
    Recalled(NaiveDate),
    /// The lot's expiry date has passed.
    Expired(NaiveDate),
    /// A published warning names the product (and the lot, or no lot in particular).
    Warning(tdc_kernel::notices::Notice),
}

/// Everything the page shows.
#[derive(Debug, Clone)]
pub struct ProductPage {
    /// The keys the stamp names.
    pub keys: Keys,
    /// The product recorded with the GTIN, if public.
    pub product: Option<Product>,
    /// Its maker's name, if the business is public.
    pub maker: Option<String>,
    /// The lot, if the stamp names one that events describe.
    pub lot: Option<Lot>,
    /// The places the goods went through, in order.
    pub journey: Vec<Holder>,
    /// The product's conformity declarations the public may see.
    pub declarations: Vec<Declaration>,
    /// What the buyer must see first.
    pub alerts: Vec<Alert>,
}

/// The page for `keys` as the public sees it; 404 when the hub knows nothing of them (no public
/// product with the GTIN, and no event naming the lot or item).
pub fn gather(
    conn: &mut AnyConnection,
    keys: &Keys,
    today: NaiveDate,
    notices: &PublicNotices,
) -> Result<ProductPage, ApiError> {
    let reader = Reader::Public;
    let product = tdc_directory::api::product_by_gtin(conn, &reader, &keys.gtin)?;
    let maker = match product.as_ref().and_then(|p| p.manufacturer_tax_code.clone()) {
        Some(tax_code) => tdc_directory::api::business_identities(conn, std::slice::from_ref(&tax_code))?
            .remove(&tax_code)
            .filter(|(_, access)| reader.may_read(access))
            .map(|(name, _)| name),
        None => None,
    };
    let lot = match &keys.lot {
        Some(lot) => super::lots::find(conn, &reader, &keys.gtin, lot)?,
        None => None,
    };
    let trail = match keys.traced() {
        Some(value) => Some(trace::trace(conn, &reader, &Start { value }, TraceDirection::Both, 10)?),
        None => None,
    };
    if product.is_none() && lot.is_none() && trail.as_ref().is_none_or(|t| t.events.is_empty()) {
        return Err(ApiError::NotFound(format!("the hub knows nothing public of {}", keys.path())));
    }
    let mut alerts: Vec<Alert> =
        notices.about(conn, &keys.gtin, keys.lot.as_deref())?.into_iter().map(Alert::Warning).collect();
    let recalled = trail.iter().flat_map(|t| &t.events).filter(|e| e.disposition.as_deref() == Some(RECALLED));
    if let Some(first) = recalled.map(|e| tdc_kernel::calendar::day_of(e.event_time)).min() {
        alerts.push(Alert::Recalled(first));
    }
    if let Some(expiry) = lot.as_ref().and_then(|l| l.expiry_date).filter(|d| *d < today) {
        alerts.push(Alert::Expired(expiry));
    }
    let declarations = tdc_conformity::api::declarations_of_gtin(conn, &reader, &keys.gtin)?;
    let journey = trail.map(|t| t.holders).unwrap_or_default();
    Ok(ProductPage { keys: keys.clone(), product, maker, lot, journey, declarations, alerts })
}

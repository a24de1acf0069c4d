//! Lots: what the captured events say of one GTIN and lot number.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A lot (batch) of a product, as the captured EPCIS events describe it: kept up to date by every
/// capture that names it — where and when it was made (the first event that creates it: an
/// `ObjectEvent` with `action: ADD`, or a transformation's output), how much was made, its dates
/// from the events' ILMD (`cbvmda:itemExpirationDate`, `cbvmda:bestBeforeDate`).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Lot {
    /// The GTIN, 14 digits.
    pub gtin: String,
    /// The lot number.
    pub lot: String,
    /// The lot as a canonical GS1 Digital Link (`https://id.gs1.org/01/<gtin>/10/<lot>`).
    pub epc_class: String,
    /// The product recorded with this GTIN (`/api/v1/products`), when the caller may see it.
    pub product_id: Option<String>,
    /// The product's name.
    pub product_name: Option<String>,
    /// When it was made: the time of the first event that creates it.
    pub produced_at: Option<DateTime<Utc>>,
    /// Where it was made: that event's business location, as a canonical Digital Link.
    pub producer_location: Option<String>,
    /// The tax code of the business that made it, when that location is registered.
    pub producer_tax_code: Option<String>,
    /// How much was made: the quantities the creating events name, summed.
    pub quantity: Option<f64>,
    /// The quantity's unit (UN/ECE Rec. 20); none for a count of items.
    pub uom: Option<String>,
    /// The expiry date (ILMD `itemExpirationDate`).
    pub expiry_date: Option<NaiveDate>,
    /// The best-before date (ILMD `bestBeforeDate`).
    pub best_before_date: Option<NaiveDate>,
    /// The first event that named it.
    pub first_event_id: String,
    /// When the first event naming it happened.
    pub first_seen: DateTime<Utc>,
    /// When the last event naming it happened.
    pub last_seen: DateTime<Utc>,
    /// How many events name it.
    pub events: i32,
}

impl tdc_kernel::resource::Record for Lot {
    fn id(&self) -> &str {
        &self.epc_class
    }
    /// A lot changes with each event that names it.
    fn version(&self) -> i32 {
        self.events
    }
    /// A GTIN's lots page by lot number.
    fn cursor(&self) -> String {
        self.lot.clone()
    }
}

/// Filters of the lots.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LotListQuery {
    /// The GTIN (8 to 14 digits) whose lots to list, by lot number.
    pub gtin: String,
}

tdc_kernel::page!(LotPage of Lot, "A page of lots.", "The lots on this page, by lot number.");

//! Trace locations: which business a GS1 Global Location Number (GLN) stands for.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// What kind of place a location is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum LocationKind {
    /// A farm, orchard, pond or other primary producer's site.
    Farm,
    /// A processing or manufacturing plant.
    Plant,
    /// A warehouse or distribution centre.
    Warehouse,
    /// A shop or supermarket.
    Shop,
    /// A market stall or wholesale market.
    Market,
    /// A port or border gate.
    Port,
    /// An office (a party's GLN rather than a site's).
    Office,
    /// Anything else.
    Other,
}

/// A location the province's supply chains name by GLN, and the business it belongs to: how an
/// EPCIS event's `bizLocation` (a GLN, or an SGLN — the GLN with an extension) leads to a business
/// and the agency that leads it. Read by every agency.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct TraceLocation {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The GLN: 13 digits with a valid GS1 check digit.
    pub gln: String,
    /// The tax code of the business it belongs to.
    pub tax_code: String,
    /// The location's name, e.g. `Vùng trồng nhãn xã Hàm Tử`.
    pub name: String,
    /// What kind of place it is.
    pub kind: LocationKind,
    /// Its address.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The commune it lies in (an administrative unit's code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commune_code: Option<String>,
    /// The agency that registered it.
    pub lead_agency: String,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was registered.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl tdc_kernel::resource::Record for TraceLocation {
    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> i32 {
        self.version
    }
    /// Locations page by GLN.
    fn cursor(&self) -> String {
        self.gln.clone()
    }
}

/// A location's content (`PUT /api/v1/traceability/locations/by-gln/{gln}`; a batch item also
/// names its `gln`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct TraceLocationInput {
    /// The GLN (required in a batch; must equal the path's in a `PUT`).
    pub gln: Option<String>,
    /// The tax code of the business it belongs to (a recorded business).
    #[validate(length(min = 10, max = 14))]
    pub tax_code: String,
    /// The location's name.
    #[validate(length(min = 1, max = 300))]
    pub name: String,
    /// What kind of place it is.
    pub kind: LocationKind,
    /// Its address.
    #[validate(length(max = 500))]
    pub address: Option<String>,
    /// The commune it lies in (a current administrative unit's code).
    #[validate(length(min = 1, max = 20))]
    pub commune_code: Option<String>,
}

/// Filters of the locations.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct LocationListQuery {
    /// Only this business's locations.
    pub tax_code: Option<String>,
    /// Only the locations in this commune.
    pub commune_code: Option<String>,
}

tdc_kernel::page!(TraceLocationPage of TraceLocation, "A page of trace locations.", "The locations on this page, by GLN.");

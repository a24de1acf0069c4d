//! Request and response types of the directory: serde + validator + utoipa, documented per field.

mod agency;
mod business;
mod client;
mod product;
mod token;
mod unit;

pub use agency::{Agency, AgencyKind, AgencyListQuery, AgencyPage, AgencyPatch, Contact, NewAgency};
pub use business::{Business, BusinessInput, BusinessListQuery, BusinessPage, BusinessStatus};
pub use client::{
    ApiClient, ApiClientPage, ClientAction, ClientListQuery, ClientPatch, ClientSecret, ClientTransition, NewApiClient,
};
pub use product::{
    Product, ProductCategory, ProductCategoryInput, ProductCategoryPage, ProductInput, ProductListQuery, ProductPage,
    RiskClass,
};
pub use token::{OAuthError, TokenRequest, TokenResponse};
pub use unit::{AdministrativeUnit, AdministrativeUnitInput, AdministrativeUnitPage, UnitKind, UnitListQuery};

use chrono::{DateTime, NaiveDateTime, Utc};

/// A stored UTC timestamp as the API shows it.
pub(crate) fn utc(t: NaiveDateTime) -> DateTime<Utc> {
    DateTime::from_naive_utc_and_offset(t, Utc)
}

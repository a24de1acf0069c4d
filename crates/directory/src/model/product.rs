//! Product categories (with their risk class) and products.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::access::Sharing;
use tdc_kernel::resource::RecordMeta;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// A product risk class, from the ministries' lists (seed 001, Art. 3.3–3.4): it decides,
/// with a business's history, where inspections go.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum RiskClass {
    /// Low risk (sản phẩm, hàng hóa nhóm 1 / rủi ro thấp).
    Low,
    /// Medium risk (rủi ro trung bình).
    Medium,
    /// High risk (sản phẩm, hàng hóa nhóm 2 / rủi ro cao).
    High,
}

impl RiskClass {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            RiskClass::Low => "low",
            RiskClass::Medium => "medium",
            RiskClass::High => "high",
        }
    }

    /// Parses a stored name.
    pub fn parse(s: &str) -> Option<RiskClass> {
        tdc_kernel::names::parse_name(s)
    }
}

/// A product category.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProductCategory {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// Unique code, e.g. `toys`, `helmets`, `fuel`.
    #[schema(example = "helmets")]
    pub code: String,
    /// Vietnamese name.
    #[schema(example = "Mũ bảo hiểm cho người đi mô tô, xe máy")]
    pub name_vi: String,
    /// English name.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name_en: Option<String>,
    /// The category's risk class.
    pub risk_class: RiskClass,
    /// Where the class comes from: the ministry list (e.g. a circular's number).
    #[schema(example = "Thông tư 01/2009/TT-BKHCN, Phụ lục (nhóm 2)")]
    pub risk_source: String,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(ProductCategory, key = code);

/// A category's content (`PUT /api/v1/product-categories/by-code/{code}`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProductCategoryInput {
    /// Vietnamese name.
    #[validate(length(min = 1, max = 300))]
    pub name_vi: String,
    /// English name.
    #[validate(length(min = 1, max = 300))]
    pub name_en: Option<String>,
    /// Risk class.
    pub risk_class: RiskClass,
    /// Where the class comes from (the ministry list).
    #[validate(length(min = 1, max = 300))]
    pub risk_source: String,
}

tdc_kernel::page!(ProductCategoryPage of ProductCategory, "A page of categories.", "The categories on this page, by code.");

/// A product.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Product {
    /// Who leads it, who may read it, its version and times.
    #[serde(flatten)]
    pub record: RecordMeta,
    /// GTIN as 14 digits (a GTIN-8, -12 or -13 is stored zero-padded, as GS1 recommends).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "08934563138165")]
    pub gtin: Option<String>,
    /// Product name.
    pub name: String,
    /// Brand.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    /// Model or type designation.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    /// The category's code.
    pub category_code: String,
    /// HS code (4 to 10 digits).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hs_code: Option<String>,
    /// Manufacturer's tax code (a business in the hub).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub manufacturer_tax_code: Option<String>,
    /// Importer's tax code (a business in the hub).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub importer_tax_code: Option<String>,
    /// Country of origin (ISO 3166-1 alpha-2).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub origin_country: Option<String>,
    /// The effective risk class: the override if there is one, else the category's.
    pub risk_class: RiskClass,
    /// The override of the category's risk class, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_override: Option<RiskClass>,
    /// Why the risk class was overridden.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub risk_override_reason: Option<String>,
}

tdc_kernel::shared_record!(Product);

/// A product's content, for `POST`, `PUT …/by-gtin/{gtin}` and batches.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ProductInput {
    /// GTIN-8, -12, -13 or -14 with a valid GS1 check digit. `PUT` takes it from the path.
    #[validate(custom(function = "crate::rules::gtin"))]
    pub gtin: Option<String>,
    /// Product name.
    #[validate(length(min = 1, max = 500))]
    pub name: String,
    /// Brand.
    #[validate(length(min = 1, max = 200))]
    pub brand: Option<String>,
    /// Model or type designation.
    #[validate(length(min = 1, max = 200))]
    pub model: Option<String>,
    /// An existing category's code.
    #[validate(custom(function = "crate::rules::category_code"))]
    pub category_code: String,
    /// HS code (4, 6, 8 or 10 digits).
    #[validate(custom(function = "crate::rules::hs_code"))]
    pub hs_code: Option<String>,
    /// Manufacturer's tax code: a business already in the hub.
    #[validate(custom(function = "crate::rules::tax_code"))]
    pub manufacturer_tax_code: Option<String>,
    /// Importer's tax code: a business already in the hub.
    #[validate(custom(function = "crate::rules::tax_code"))]
    pub importer_tax_code: Option<String>,
    /// Country of origin (ISO 3166-1 alpha-2, e.g. `VN`).
    #[validate(custom(function = "crate::rules::country"))]
    pub origin_country: Option<String>,
    /// Overrides the category's risk class; needs `risk_override_reason`.
    pub risk_override: Option<RiskClass>,
    /// Why the risk class is overridden.
    #[validate(length(min = 1, max = 1000))]
    pub risk_override_reason: Option<String>,
    /// Who may read the record (default `shared`). A product is never more visible than the
    /// businesses it names: under a `shared` maker or importer it is at most `shared`; under a
    /// `restricted` one it is restricted to that business's readers (the answer shows the result).
    #[serde(default)]
    pub sharing: Sharing,
    /// Agencies that also read a `restricted` record.
    #[serde(default)]
    #[validate(length(max = 50))]
    pub coordinating_agencies: Vec<String>,
    /// The lead agency's code (default: the caller's; only administrators may name another).
    #[validate(length(min = 2, max = 32))]
    pub lead_agency: Option<String>,
}

/// Filters of the product list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProductListQuery {
    /// Search name, brand, model and GTIN, ignoring case and Vietnamese diacritics.
    pub q: Option<String>,
    /// Only products of this category.
    pub category_code: Option<String>,
    /// Only products made by this business (tax code).
    pub manufacturer_tax_code: Option<String>,
}

tdc_kernel::page!(ProductPage of Product, "A page of products.", "The products on this page, oldest first.");

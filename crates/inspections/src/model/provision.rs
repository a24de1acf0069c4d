//! The catalogue of sanctioning provisions (the decree articles a violation cites).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// An article of a sanctioning decree (Decree 119/2017/NĐ-CP as amended by Decree 126/2021/NĐ-CP,
/// and the decrees that replace them), with the days it was in force. Public.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct LegalProvision {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The catalogue's key, e.g. `119/2017/NĐ-CP Đ.22.1.a`.
    pub code: String,
    /// The decree, e.g. `119/2017/NĐ-CP`.
    pub decree: String,
    /// The decrees that amended the article as catalogued, e.g. `["126/2021/NĐ-CP"]`.
    pub amended_by: Vec<String>,
    /// The article, clause and point, e.g. `Điều 22 khoản 1 điểm a`.
    pub article: String,
    /// The act it sanctions.
    pub title: String,
    /// The lowest fine for an individual, in VND (an organisation's is twice).
    pub fine_min_vnd: i64,
    /// The highest fine for an individual, in VND (an organisation's is twice).
    pub fine_max_vnd: i64,
    /// The first day it applied.
    pub effective_from: NaiveDate,
    /// The last day it applied, once replaced or repealed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_to: Option<NaiveDate>,
    /// The agency that keeps the entry (DOST).
    pub lead_agency: String,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl tdc_kernel::resource::Record for LegalProvision {
    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> i32 {
        self.version
    }
    /// The catalogue pages by code.
    fn cursor(&self) -> String {
        self.code.clone()
    }
}

/// A provision's content (`PUT /api/v1/legal-provisions/by-code/{code}`; a batch item also names
/// its `code`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct LegalProvisionInput {
    /// The catalogue's key (required in a batch; must equal the path's in a `PUT`).
    #[validate(length(min = 1, max = 100))]
    pub code: Option<String>,
    /// The decree.
    #[validate(length(min = 1, max = 100))]
    pub decree: String,
    /// The decrees that amended it.
    #[serde(default)]
    #[validate(length(max = 20))]
    pub amended_by: Vec<String>,
    /// The article, clause and point.
    #[validate(length(min = 1, max = 200))]
    pub article: String,
    /// The act it sanctions.
    #[validate(length(min = 1, max = 2000))]
    pub title: String,
    /// The lowest fine for an individual, in VND.
    #[validate(range(min = 0, max = 10_000_000_000_i64))]
    pub fine_min_vnd: i64,
    /// The highest fine for an individual, in VND (not below the lowest).
    #[validate(range(min = 0, max = 10_000_000_000_i64))]
    pub fine_max_vnd: i64,
    /// The first day it applied.
    pub effective_from: NaiveDate,
    /// The last day it applied (not before the first).
    pub effective_to: Option<NaiveDate>,
}

/// Filters of the catalogue.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ProvisionListQuery {
    /// Only this decree's articles.
    pub decree: Option<String>,
    /// Only the articles in force on this day.
    pub in_force_on: Option<NaiveDate>,
}

tdc_kernel::page!(LegalProvisionPage of LegalProvision, "A page of the catalogue.", "The provisions on this page, by code.");

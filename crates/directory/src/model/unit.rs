//! Administrative units: the province, its communes, and the units they replaced.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// The kind of an administrative unit. Since 2025-07-01 local government has two levels,
/// province and commune; districts remain only as former units.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum UnitKind {
    /// A province or centrally-run city (tỉnh, thành phố trực thuộc trung ương).
    Province,
    /// A commune (xã).
    Commune,
    /// A ward (phường).
    Ward,
    /// A special zone (đặc khu), e.g. Cát Hải, Bạch Long Vĩ.
    SpecialZone,
    /// A former district-level unit (huyện, quận, thị xã, thành phố thuộc tỉnh), abolished 2025-07-01.
    FormerDistrict,
    /// A former commune-level unit merged into a new one.
    FormerCommune,
    /// A former province merged into another (e.g. Hải Dương into Hải Phòng).
    FormerProvince,
}

impl UnitKind {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitKind::Province => "province",
            UnitKind::Commune => "commune",
            UnitKind::Ward => "ward",
            UnitKind::SpecialZone => "special_zone",
            UnitKind::FormerDistrict => "former_district",
            UnitKind::FormerCommune => "former_commune",
            UnitKind::FormerProvince => "former_province",
        }
    }

    /// The kind a stored name stands for (an unknown one fails loudly: [`tdc_kernel::names::stored`]).
    pub fn parse(s: &str) -> UnitKind {
        tdc_kernel::names::stored(s)
    }
}

/// An administrative unit.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct AdministrativeUnit {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The official code (mã đơn vị hành chính).
    #[schema(example = "11311")]
    pub code: String,
    /// The official name.
    #[schema(example = "Phường Hồng Bàng")]
    pub name: String,
    /// Kind of unit.
    pub kind: UnitKind,
    /// The code of the unit it belongs to (a commune's province).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent_code: Option<String>,
    /// The district it was part of before 2025-07-01 (name).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub former_district: Option<String>,
    /// The province it was part of before a merger (name), e.g. `Hải Dương`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub former_province: Option<String>,
    /// First day the unit existed in this form.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<NaiveDate>,
    /// Last day the unit existed; absent while it exists.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub valid_to: Option<NaiveDate>,
    /// The units that took over from it (for a former unit).
    pub successor_codes: Vec<String>,
    /// Whether the unit exists today.
    pub current: bool,
    /// Today's units that this one resolves to: itself if current, else its successors' current
    /// units (so a 2023 record's commune finds today's commune).
    pub current_codes: Vec<String>,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

tdc_kernel::record!(AdministrativeUnit, key = code);

/// A unit's content, for `PUT …/by-code/{code}` and batches (which also need `code`).
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct AdministrativeUnitInput {
    /// The official code; required in a batch, taken from the path by `PUT`.
    #[validate(length(min = 1, max = 16))]
    pub code: Option<String>,
    /// The official name.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Kind of unit.
    pub kind: UnitKind,
    /// The code of the unit it belongs to.
    #[validate(length(min = 1, max = 16))]
    pub parent_code: Option<String>,
    /// The district it was part of before 2025-07-01 (name).
    #[validate(length(min = 1, max = 200))]
    pub former_district: Option<String>,
    /// The province it was part of before a merger (name).
    #[validate(length(min = 1, max = 200))]
    pub former_province: Option<String>,
    /// First day the unit existed in this form.
    pub valid_from: Option<NaiveDate>,
    /// Last day it existed (required when it has successors).
    pub valid_to: Option<NaiveDate>,
    /// Codes of the units that took over from it; each must already be recorded.
    #[serde(default)]
    #[validate(length(max = 100))]
    pub successor_codes: Vec<String>,
}

/// Filters of the unit list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct UnitListQuery {
    /// Search names and codes, ignoring case and Vietnamese diacritics.
    pub q: Option<String>,
    /// Only units of this kind.
    pub kind: Option<UnitKind>,
    /// Only units under this parent code.
    pub parent_code: Option<String>,
    /// `true`: only units that exist today; `false`: only former ones.
    pub current: Option<bool>,
    /// Only units that came from this former province (name, diacritics ignored), e.g. `hai duong`.
    pub former_province: Option<String>,
}

tdc_kernel::page!(AdministrativeUnitPage of AdministrativeUnit, "A page of administrative units.", "The units on this page, by code.");

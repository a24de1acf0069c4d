//! Standards: national (TCVN), international (ISO, IEC, Codex…), regional and foreign.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// Whether a standard is in force.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum StandardStatus {
    /// In force (còn hiệu lực).
    #[default]
    Current,
    /// Withdrawn without replacement (hủy bỏ).
    Withdrawn,
    /// Replaced by another standard (`replaced_by`) (được thay thế).
    Replaced,
}

impl StandardStatus {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            StandardStatus::Current => "current",
            StandardStatus::Withdrawn => "withdrawn",
            StandardStatus::Replaced => "replaced",
        }
    }
}

/// What a catalogue entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum StandardKind {
    /// A standard (TCVN, ISO, IEC, Codex, regional or foreign): voluntary unless a regulation cites it.
    Standard,
    /// A national technical regulation (QCVN, quy chuẩn kỹ thuật quốc gia), issued by a ministry:
    /// mandatory. Its designation is `QCVN <number>:<year>/<ministry>`.
    NationalRegulation,
}

/// A standard or national technical regulation in the catalogue (public).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Standard {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The designation as published.
    #[schema(example = "TCVN 6238-1:2017")]
    pub designation: String,
    /// A standard, or a national technical regulation (QCVN), from the designation.
    pub kind: StandardKind,
    /// The issuing body, e.g. `TCVN`, `ISO`, `ISO/IEC`, `CODEX`, `QCVN`.
    #[schema(example = "TCVN")]
    pub issuing_body: String,
    /// Year of publication.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = 2017)]
    pub year: Option<i32>,
    /// Vietnamese title.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "An toàn đồ chơi trẻ em - Phần 1: Các yêu cầu an toàn liên quan đến tính chất cơ lý")]
    pub title_vi: Option<String>,
    /// English title.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title_en: Option<String>,
    /// Whether it is in force.
    pub status: StandardStatus,
    /// The designation of the standard that replaced it (when `replaced`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub replaced_by: Option<String>,
    /// ICS codes (International Classification for Standards).
    pub ics_codes: Vec<String>,
    /// The agency that recorded it and keeps it current.
    pub lead_agency: String,
    /// Version; also the `ETag`.
    pub version: i32,
    /// When it was recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

/// A standard's content, for `POST`, `PUT …/by-designation/{designation}` and batches.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct StandardInput {
    /// The designation as published (required by `POST` and batches; `PUT` takes it from the path).
    /// TCVN, ISO, IEC, EN and JIS designations carry `:` and the year; a national technical
    /// regulation's is `QCVN 03:2019/BKHCN`.
    #[validate(custom(function = "crate::rules::designation"))]
    #[schema(example = "ISO 8124-1:2022")]
    pub designation: Option<String>,
    /// Vietnamese title (a title in at least one language is required).
    #[validate(length(min = 1, max = 1000))]
    pub title_vi: Option<String>,
    /// English title.
    #[validate(length(min = 1, max = 1000))]
    pub title_en: Option<String>,
    /// The issuing body; default: the designation's first word.
    #[validate(length(min = 1, max = 64))]
    pub issuing_body: Option<String>,
    /// Year of publication; default: the year after the designation's `:`, which it must match.
    #[validate(range(min = 1900, max = 2100))]
    pub year: Option<i32>,
    /// Whether it is in force (default `current`).
    #[serde(default)]
    pub status: StandardStatus,
    /// Designation of the replacing standard, already in the catalogue; required when `replaced`.
    pub replaced_by: Option<String>,
    /// ICS codes, e.g. `97.200.50`.
    #[serde(default)]
    #[validate(length(max = 20), custom(function = "crate::rules::ics_codes"))]
    pub ics_codes: Vec<String>,
}

/// Filters of the catalogue.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct StandardListQuery {
    /// Search designations and titles, ignoring case and Vietnamese diacritics.
    pub q: Option<String>,
    /// Only standards in this status.
    pub status: Option<StandardStatus>,
    /// Only standards of this issuing body, e.g. `TCVN`.
    pub issuing_body: Option<String>,
    /// Only standards, or only national technical regulations (QCVN).
    pub kind: Option<StandardKind>,
    /// Only standards with an ICS code starting with this, e.g. `97.200`.
    pub ics: Option<String>,
}

tdc_kernel::page!(StandardPage of Standard, "A page of standards.", "The standards on this page, by designation.");

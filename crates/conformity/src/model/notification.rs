//! What other provinces are told: a body with sites in their province had a certificate action.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

/// A notification addressed to another province.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ProvinceNotification {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The province told (two-digit code).
    pub province_code: String,
    /// The kind of record that changed, e.g. `cab_certificate`.
    pub entity: String,
    /// Its id.
    pub entity_id: String,
    /// The action taken, e.g. `revoke`.
    pub action: String,
    /// The body concerned.
    #[schema(format = "uuid")]
    pub body_id: String,
    /// What happened, in a few fields: body name and tax code, certificate number, activity,
    /// status, decision, and the sites in the province told.
    #[schema(value_type = Object)]
    pub summary: serde_json::Value,
    /// When.
    pub created_at: DateTime<Utc>,
}

/// Filters of the notifications.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct NotificationQuery {
    /// Only those addressed to this province (two-digit code).
    pub province: Option<String>,
}

tdc_kernel::page!(ProvinceNotificationPage of ProvinceNotification, "A page of notifications, oldest first.", "The notifications on this page.");

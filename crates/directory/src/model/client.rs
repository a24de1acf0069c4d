//! API clients: the systems that call the hub on an agency's behalf.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use tdc_kernel::auth::Role;
use utoipa::{IntoParams, ToSchema};
use validator::Validate;

/// An API client (its secret is never shown again after creation or rotation).
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ApiClient {
    /// The client's id, used as the OAuth2 `client_id`.
    #[schema(example = "sct-inspections")]
    pub client_id: String,
    /// What the client is: the system's name.
    #[schema(example = "Sở Công Thương — inspection system")]
    pub name: String,
    /// Code of the agency the client acts for.
    #[schema(example = "SCT")]
    pub agency_code: String,
    /// Roles; each grants a set of scopes.
    pub roles: Vec<Role>,
    /// The scopes the client's tokens carry.
    pub scopes: Vec<String>,
    /// A disabled client gets no tokens, and the tokens it has stop working at once.
    pub disabled: bool,
    /// Version for optimistic concurrency; also the `ETag`.
    pub version: i32,
    /// When the client was created.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
    /// When its secret was last set.
    pub secret_rotated_at: DateTime<Utc>,
}

tdc_kernel::record!(ApiClient, id = client_id);

/// A client with its secret: answered once, on creation or rotation. Store the secret now.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct ClientSecret {
    /// The client.
    #[serde(flatten)]
    pub client: ApiClient,
    /// The client secret. It is kept only as a hash: it cannot be shown again.
    pub client_secret: String,
}

/// A new API client.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct NewApiClient {
    /// The id: 3 to 64 characters of `a–z`, `0–9`, `.`, `_`, `-`, starting with a letter or digit.
    #[validate(custom(function = "crate::rules::client_id"))]
    #[schema(example = "sct-inspections")]
    pub client_id: String,
    /// The system's name.
    #[validate(length(min = 1, max = 200))]
    pub name: String,
    /// Code of an existing agency the client acts for.
    #[validate(length(min = 1, max = 32))]
    pub agency_code: String,
    /// At least one role.
    #[validate(length(min = 1, max = 4))]
    pub roles: Vec<Role>,
}

/// Changes to a client (JSON merge patch).
#[derive(Debug, Clone, Default, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ClientPatch {
    /// New name.
    #[validate(length(min = 1, max = 200))]
    pub name: Option<String>,
    /// New roles (replace the old ones); takes effect on the client's next token.
    #[validate(length(min = 1, max = 4))]
    pub roles: Option<Vec<Role>>,
}

/// A lifecycle action on a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ClientAction {
    /// Stop the client: no new tokens, and its current tokens are refused at once.
    Disable,
    /// Let a disabled client get tokens again.
    Enable,
}

/// A request to move a client through its lifecycle.
#[derive(Debug, Clone, Deserialize, ToSchema, Validate)]
#[serde(deny_unknown_fields)]
pub struct ClientTransition {
    /// What to do.
    pub action: ClientAction,
}

/// Filters of the client list.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct ClientListQuery {
    /// Only clients of this agency.
    pub agency_code: Option<String>,
    /// Only disabled (`true`) or only active (`false`) clients.
    pub disabled: Option<bool>,
}

tdc_kernel::page!(ApiClientPage of ApiClient, "A page of API clients.", "The clients on this page, ordered by `client_id`.");

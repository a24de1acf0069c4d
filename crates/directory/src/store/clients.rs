//! API clients in the database.

use diesel::prelude::*;
use tdc_kernel::ApiError;
use tdc_kernel::access::{Access, Sharing};
use tdc_kernel::auth::{Grants, Role};
use tdc_kernel::changes::{Actor, Recorded, record_row};
use tdc_kernel::db::{AnyConnection, now, schema::api_clients};
use tdc_kernel::text::clean;
use tdc_kernel::versions::check_updated;

use tdc_kernel::lifecycle::{self, Machine, Move, Mover, Step, Who};

use crate::model::{ApiClient, ClientAction, ClientListQuery, ClientPatch, ClientSecret, NewApiClient, utc};
use crate::secrets;

/// A client as stored.
#[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = api_clients)]
pub struct ClientRow {
    client_id: String,
    name: String,
    agency_code: String,
    roles: String,
    secret_hash: String,
    disabled: bool,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
    secret_rotated_at: chrono::NaiveDateTime,
}

/// What the token endpoint needs to know about a client.
#[derive(Debug, Clone)]
pub struct Credentials {
    /// The Argon2 hash of the secret.
    pub secret_hash: String,
    /// The client's agency.
    pub agency_code: String,
    /// The client's roles.
    pub roles: Vec<Role>,
    /// Whether the client is disabled.
    pub disabled: bool,
}

impl ClientRow {
    fn roles(&self) -> Vec<Role> {
        let names: Vec<String> = serde_json::from_str(&self.roles).unwrap_or_default();
        names.iter().filter_map(|n| Role::parse(n)).collect()
    }

    fn to_api(&self) -> ApiClient {
        let roles = self.roles();
        ApiClient {
            client_id: self.client_id.clone(),
            name: self.name.clone(),
            agency_code: self.agency_code.clone(),
            scopes: Grants::installed().for_roles(&roles).into_iter().map(str::to_owned).collect(),
            roles,
            disabled: self.disabled,
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
            secret_rotated_at: utc(self.secret_rotated_at),
        }
    }
}

/// A client's record is read by its own agency and DOST's administrators only.
fn access(agency_code: &str) -> Access {
    Access { lead_agency: agency_code.to_owned(), sharing: Sharing::Restricted, coordinating: vec![] }
}

/// The entity name of API clients in history and the change feed.
pub const ENTITY: &str = "api_client";

fn roles_json(roles: &[Role]) -> String {
    let mut names: Vec<&str> = roles.iter().map(|r| r.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    serde_json::to_string(&names).unwrap_or_else(|_| "[]".into())
}

/// Creates a client with `secret` (or a generated one); answers the secret once. 422 for an
/// unknown agency, 409 for a taken client id.
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    new: &NewApiClient,
    secret: Option<String>,
) -> Result<ClientSecret, ApiError> {
    if !super::agencies::code_exists(conn, &new.agency_code)? {
        return Err(ApiError::invalid_field(
            "/agency_code",
            "unknown_agency",
            format!("no agency has the code {}", new.agency_code),
        ));
    }
    let secret = secret.unwrap_or_else(secrets::generate);
    let at = now();
    let row = ClientRow {
        client_id: new.client_id.clone(),
        name: clean(&new.name),
        agency_code: new.agency_code.clone(),
        roles: roles_json(&new.roles),
        secret_hash: secrets::hash(&secret),
        disabled: false,
        version: 1,
        created_at: at,
        updated_at: at,
        secret_rotated_at: at,
    };
    tdc_kernel::db::unique(
        diesel::insert_into(api_clients::table).values(&row).execute(conn),
        "/client_id",
        format!("the client id {} is taken", new.client_id),
    )?;
    let client = row.to_api();
    record_row(conn, actor, "created", None, &client)?;
    Ok(ClientSecret { client, client_secret: secret })
}

fn find_row(conn: &mut AnyConnection, client_id: &str) -> Result<ClientRow, ApiError> {
    api_clients::table
        .find(client_id)
        .select(ClientRow::as_select())
        .first(conn)
        .optional()?
        .ok_or_else(|| ApiError::NotFound(format!("no API client {client_id}")))
}

/// One client.
pub fn get(conn: &mut AnyConnection, client_id: &str) -> Result<ApiClient, ApiError> {
    find_row(conn, client_id).map(|r| r.to_api())
}

/// Whether a client with this id exists.
pub fn exists(conn: &mut AnyConnection, client_id: &str) -> Result<bool, ApiError> {
    let n: i64 = api_clients::table.filter(api_clients::client_id.eq(client_id)).count().get_result(conn)?;
    Ok(n > 0)
}

/// The credentials of a client, if it exists.
pub fn credentials(conn: &mut AnyConnection, client_id: &str) -> Result<Option<Credentials>, ApiError> {
    let row = api_clients::table.find(client_id).select(ClientRow::as_select()).first(conn).optional()?;
    Ok(row.map(|r| Credentials {
        roles: r.roles(),
        secret_hash: r.secret_hash,
        agency_code: r.agency_code,
        disabled: r.disabled,
    }))
}

/// A page of clients ordered by id; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &ClientListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ApiClient>, ApiError> {
    let mut query = api_clients::table.select(ClientRow::as_select()).order(api_clients::client_id.asc()).into_boxed();
    if let Some(agency) = &filter.agency_code {
        query = query.filter(api_clients::agency_code.eq(agency.clone()));
    }
    if let Some(disabled) = filter.disabled {
        query = query.filter(api_clients::disabled.eq(disabled));
    }
    if let Some(after) = after {
        query = query.filter(api_clients::client_id.gt(after));
    }
    let rows: Vec<ClientRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(ClientRow::to_api).collect())
}

fn save(
    conn: &mut AnyConnection,
    actor: &Actor,
    action: &str,
    mut row: ClientRow,
    expected_version: i32,
) -> Result<ApiClient, ApiError> {
    let before = find_row(conn, &row.client_id)?.to_api();
    row.version = expected_version + 1;
    row.updated_at = now();
    check_updated(
        diesel::update(
            api_clients::table.find(row.client_id.clone()).filter(api_clients::version.eq(expected_version)),
        )
        .set(&row)
        .execute(conn)?,
    )?;
    let after = row.to_api();
    record_row(conn, actor, action, Some(&before), &after)?;
    Ok(after)
}

/// Renames a client or changes its roles, if `expected` accepts the current version.
pub fn update(
    conn: &mut AnyConnection,
    actor: &Actor,
    client_id: &str,
    expected: tdc_kernel::versions::Expected,
    patch: &ClientPatch,
) -> Result<ApiClient, ApiError> {
    let mut row = find_row(conn, client_id)?;
    tdc_kernel::versions::check_version(&expected, row.version)?;
    let current = row.version;
    if let Some(name) = &patch.name {
        row.name = clean(name);
    }
    if let Some(roles) = &patch.roles {
        row.roles = roles_json(roles);
    }
    save(conn, actor, "updated", row, current)
}

/// An API client's lifecycle: enabled or disabled. Only DOST's administrators manage clients (the
/// scope `clients:write`), and they may make every move.
const CLIENT_MOVES: &[Move] = &[
    Move { action: "disable", from: &["enabled"], to: Some("disabled"), who: Who::Dost },
    Move { action: "enable", from: &["disabled"], to: Some("enabled"), who: Who::Dost },
];

/// The state table of API clients.
pub const CLIENT_LIFECYCLE: Machine = Machine { noun: "client", moves: CLIENT_MOVES };

/// Disables or enables a client. A client may not disable itself (it would lock itself out).
pub fn transition(
    conn: &mut AnyConnection,
    actor: &Actor,
    client_id: &str,
    action: ClientAction,
) -> Result<ApiClient, ApiError> {
    let mut row = find_row(conn, client_id)?;
    let from = if row.disabled { "disabled" } else { "enabled" };
    let name = if action == ClientAction::Disable { "disable" } else { "enable" };
    let administrator = Mover { is_lead: true, is_dost: true, is_inspectorate: false, admin: true, is_party: false };
    let to = CLIENT_LIFECYCLE.step(from, name, &administrator)?;
    if to == "disabled" && actor.client_id == client_id {
        return Err(ApiError::conflict(
            "self_disable",
            "a client cannot disable itself; use another administrator client",
        ));
    }
    row.disabled = to == "disabled";
    let version = row.version;
    let client = save(conn, actor, if row.disabled { "disabled" } else { "enabled" }, row, version)?;
    let step = Step { entity: ENTITY, entity_id: client_id, action: name, from, to };
    lifecycle::record(conn, actor, step, &serde_json::json!({}))?;
    Ok(client)
}

/// Gives a client a new secret (or `secret`); the old one stops working. Answers it once.
pub fn rotate_secret(
    conn: &mut AnyConnection,
    actor: &Actor,
    client_id: &str,
    secret: Option<String>,
) -> Result<ClientSecret, ApiError> {
    let mut row = find_row(conn, client_id)?;
    let secret = secret.unwrap_or_else(secrets::generate);
    row.secret_hash = secrets::hash(&secret);
    row.secret_rotated_at = now();
    let version = row.version;
    let client = save(conn, actor, "secret_rotated", row, version)?;
    Ok(ClientSecret { client, client_secret: secret })
}

impl Recorded for ApiClient {
    const ENTITY: &'static str = ENTITY;
    fn record_id(&self) -> &str {
        &self.client_id
    }
    fn record_version(&self) -> i32 {
        self.version
    }
    fn record_access(&self, _: &Actor) -> Access {
        access(&self.agency_code)
    }
    fn snapshot(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".into())
    }
}

//! First start: an empty database gets the province's DOST agency and the `admin` client.

use tdc_kernel::ApiError;
use tdc_kernel::auth::Role;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::{DbPool, write_blocking};

use crate::model::{AdministrativeUnitInput, AgencyKind, AgencyListQuery, NewAgency, NewApiClient, UnitKind};
use crate::store::{Replace, agencies, clients, units};

/// The code of the DOST agency created at first start.
pub const DOST_CODE: &str = "SKHCN";
/// The id of the administrator client created at first start.
pub const ADMIN_CLIENT_ID: &str = "admin";

/// What the first start needs to know about the province.
#[derive(Debug, Clone)]
pub struct Province {
    /// The province's administrative code (e.g. `31` for Hải Phòng).
    pub code: String,
    /// The province's name (e.g. `Hải Phòng`).
    pub name: String,
}

/// What the first start did.
#[derive(Debug, Default)]
pub struct Bootstrapped {
    /// Whether the DOST agency was created now.
    pub created_dost: bool,
    /// The admin client's secret, when the client was created now with a generated secret
    /// (the caller prints it once; it is never logged).
    pub generated_admin_secret: Option<String>,
    /// Whether the admin client was created now.
    pub created_admin: bool,
    /// Whether the province's administrative unit was created now.
    pub created_province_unit: bool,
}

/// Creates what an empty database lacks, in one transaction (safe when two instances start
/// together: the loser's transaction fails on the unique keys and changes nothing).
pub fn bootstrap(pool: &DbPool, province: &Province, admin_secret: Option<String>) -> Result<Bootstrapped, ApiError> {
    let actor = system_actor();
    write_blocking(pool, |conn| {
        let mut done = Bootstrapped::default();
        let any_dost =
            !agencies::list(conn, &AgencyListQuery { kind: Some(AgencyKind::Dost), ..Default::default() }, None, 1)?
                .is_empty();
        if !any_dost && !agencies::code_exists(conn, DOST_CODE)? {
            agencies::create(conn, &actor, &dost_agency(province))?;
            done.created_dost = true;
        }
        if !units::exists(conn, &province.code)? {
            units::upsert(conn, &actor, &province.code, &province_unit(province), Replace::IfIdentical)?;
            done.created_province_unit = true;
        }
        if !clients::exists(conn, ADMIN_CLIENT_ID)? {
            let generated = admin_secret.is_none();
            let owner = dost_code(conn)?;
            let admin = NewApiClient {
                client_id: ADMIN_CLIENT_ID.into(),
                name: "DOST administrator".into(),
                agency_code: owner,
                roles: vec![Role::Admin],
            };
            let created = clients::create(conn, &actor, &admin, admin_secret.clone())?;
            done.created_admin = true;
            done.generated_admin_secret = generated.then_some(created.client_secret);
        }
        Ok(done)
    })
}

/// The hub itself, as the author of what it does on its own (the first start).
pub fn system_actor() -> Actor {
    Actor { client_id: "tdc-hub".into(), agency_code: DOST_CODE.into() }
}

/// The command line, as the author of what an operator does with it.
pub fn operator_actor() -> Actor {
    Actor { client_id: "tdc-hub-cli".into(), agency_code: DOST_CODE.into() }
}

fn dost_code(conn: &mut tdc_kernel::db::AnyConnection) -> Result<String, ApiError> {
    let filter = AgencyListQuery { kind: Some(AgencyKind::Dost), ..Default::default() };
    let found = agencies::list(conn, &filter, None, 1)?;
    Ok(found.first().map(|a| a.code.clone()).unwrap_or_else(|| DOST_CODE.into()))
}

fn province_unit(province: &Province) -> AdministrativeUnitInput {
    AdministrativeUnitInput {
        code: Some(province.code.clone()),
        name: province.name.clone(),
        kind: UnitKind::Province,
        parent_code: None,
        former_district: None,
        former_province: None,
        valid_from: None,
        valid_to: None,
        successor_codes: vec![],
    }
}

fn dost_agency(province: &Province) -> NewAgency {
    NewAgency {
        code: DOST_CODE.into(),
        name_vi: format!("Sở Khoa học và Công nghệ {}", province.name),
        name_en: Some(format!(
            "{} Department of Science and Technology",
            tdc_kernel::text::strip_diacritics(&province.name)
        )),
        kind: AgencyKind::Dost,
        sectors: vec!["science_technology".into()],
        contact: None,
    }
}

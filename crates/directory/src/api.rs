//! The directory's door: what other domains and the gateway call. Its `store` and `http` modules
//! are private; everything another crate needs of master data is here, so the directory can
//! change how it stores things without touching its neighbours.

pub use crate::official_units::{OfficialUnitsReport, load as load_official_units};
pub use crate::store::agencies::{
    all as all_agencies, check_codes as check_agency_codes, code_exists as agency_exists, kind_of as agency_kind,
};
pub use crate::store::businesses::{
    access_of as business_access, identities_of as business_identities, identity_of as business_identity,
    places_of as business_places,
};
pub use crate::store::categories::risk_class as category_risk_class;
pub use crate::store::clients::{
    create as create_client, list as list_clients, rotate_secret as rotate_client_secret, transition as move_client,
};
pub use crate::store::products::highest_risk_by_business;

/// The product recorded with this GTIN (14 digits), if `reader` may see it.
pub fn product_by_gtin(
    conn: &mut tdc_kernel::db::AnyConnection,
    reader: &tdc_kernel::access::Reader,
    gtin: &str,
) -> Result<Option<crate::model::Product>, tdc_kernel::ApiError> {
    match crate::store::products::get_by_gtin(conn, reader, gtin) {
        Ok(product) => Ok(Some(product)),
        Err(tdc_kernel::ApiError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}
pub use crate::store::units::{
    codes_resolving_to as unit_codes_resolving_to, exists as unit_exists, kind_of as unit_kind,
};

/// The condition keeping the rows of `T` whose business — the one whose tax code is the SQL
/// expression `named_by`, e.g. `conformity_declarations.tax_code` — `reader` may see today
/// (see [`tdc_kernel::access::visible_through`]); the row's own lead agency (`own_lead`) keeps
/// seeing it.
pub fn business_visible<T: 'static>(
    reader: &tdc_kernel::access::Reader,
    named_by: &'static str,
    own_lead: &'static str,
) -> Option<tdc_kernel::access::Condition<T>> {
    tdc_kernel::access::visible_through(
        reader,
        ("businesses", crate::store::businesses::ENTITY),
        "tax_code",
        named_by,
        own_lead,
    )
}

/// The code of the first agency (by code) of `kind`, e.g. the provincial inspectorate's; `None`
/// when no agency of that kind is recorded.
pub fn first_agency_of_kind(
    conn: &mut tdc_kernel::db::AnyConnection,
    kind: crate::model::AgencyKind,
) -> Result<Option<String>, tdc_kernel::ApiError> {
    crate::store::agencies::first_of_kind(conn, kind)
}

/// The code a record should keep for administrative unit `code`: its own while it is current, its
/// successor's once it was merged into exactly one unit (a former code taken as today's), as given
/// when it was split among several; `None` when no such unit is recorded.
pub fn current_unit_code(
    conn: &mut tdc_kernel::db::AnyConnection,
    code: &str,
) -> Result<Option<String>, tdc_kernel::ApiError> {
    match crate::store::units::get(conn, code) {
        Ok(unit) if unit.current_codes.len() == 1 => Ok(unit.current_codes.into_iter().next()),
        Ok(_) => Ok(Some(code.to_owned())),
        Err(tdc_kernel::ApiError::NotFound(_)) => Ok(None),
        Err(e) => Err(e),
    }
}

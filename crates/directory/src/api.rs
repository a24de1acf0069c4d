//! The directory's door: what other domains and the gateway call. Its `store` and `http` modules
//! are private; everything another crate needs of master data is here, so the directory can
//! change how it stores things without touching its neighbours.

pub use crate::official_units::{OfficialUnitsReport, load as load_official_units};
pub use crate::store::agencies::{
    check_codes as check_agency_codes, code_exists as agency_exists, kind_of as agency_kind,
};
pub use crate::store::businesses::{
    access_of as business_access, identities_of as business_identities, identity_of as business_identity,
};
pub use crate::store::categories::risk_class as category_risk_class;
pub use crate::store::clients::{
    create as create_client, list as list_clients, rotate_secret as rotate_client_secret, transition as move_client,
};
pub use crate::store::products::highest_risk_by_business;
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

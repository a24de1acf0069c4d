//! What a business must satisfy besides its fields, checked against what the hub holds — read
//! once for a whole batch ([`Known`]).

use std::collections::{HashMap, HashSet};

use tdc_kernel::ApiError;
use tdc_kernel::access::Sharing;
use tdc_kernel::db::AnyConnection;

use crate::model::{BusinessInput, UnitKind};

/// What the checks look up: every agency's code, and the kinds of the units the inputs name.
pub(super) struct Known {
    agencies: HashSet<String>,
    units: HashMap<String, UnitKind>,
}

impl Known {
    /// What `inputs` name, read in two queries.
    pub(super) fn load(conn: &mut AnyConnection, inputs: &[&BusinessInput]) -> Result<Known, ApiError> {
        let communes: Vec<&str> = inputs.iter().filter_map(|i| i.commune_code.as_deref()).collect();
        let units = crate::store::units::kinds_of(conn, &communes)?;
        Ok(Known { agencies: crate::store::agencies::all_codes(conn)?, units })
    }

    /// Checks a business led by `lead`: a known commune, known agencies, a household never
    /// public. Pointers start at `base`.
    pub(super) fn check(&self, tax_code: &str, input: &BusinessInput, lead: &str, base: &str) -> Result<(), ApiError> {
        check_personal(tax_code, input, base)?;
        crate::store::agencies::check_known_codes(&self.agencies, lead, &input.coordinating_agencies, base)?;
        let Some(code) = &input.commune_code else { return Ok(()) };
        check_commune(code, self.units.get(code).copied(), input.historical, &format!("{base}/commune_code"))
    }
}

/// A business is filed under a commune-level unit: `unknown_unit` for no unit, `not_a_commune`
/// for a province, or a former district unless the record is `historical` (districts no longer
/// exist).
fn check_commune(code: &str, kind: Option<UnitKind>, historical: bool, pointer: &str) -> Result<(), ApiError> {
    match kind {
        None => {
            Err(ApiError::invalid_field(pointer, "unknown_unit", format!("no administrative unit has the code {code}")))
        }
        Some(UnitKind::Province | UnitKind::FormerProvince) => {
            Err(ApiError::invalid_field(pointer, "not_a_commune", format!("{code} is a province; name the commune")))
        }
        Some(UnitKind::FormerDistrict) if !historical => Err(ApiError::invalid_field(
            pointer,
            "not_a_commune",
            format!(
                "{code} is a former district (districts were abolished on 2025-07-01); name today's commune, or mark the record `historical`"
            ),
        )),
        Some(_) => Ok(()),
    }
}

/// Refuses to make public a household business, whose tax code is a person's identification number
/// (422 `personal_identifier_public`).
fn check_personal(tax_code: &str, input: &BusinessInput, base: &str) -> Result<(), ApiError> {
    if crate::rules::is_personal_id(tax_code) && input.sharing == Sharing::Public {
        return Err(ApiError::invalid_field(
            &format!("{base}/sharing"),
            "personal_identifier_public",
            "a household business's tax code is its owner's personal identification number; it is `shared` or `restricted`, never `public`",
        ));
    }
    Ok(())
}

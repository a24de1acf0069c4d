//! The official administrative units the project carries (`data/units-vn-2025.json`, derived by
//! `data/derive_units.py` from the PyPI packages `vietnam-provinces` and `vietnamadminunits`):
//! loading the hub's province — its communes since 2025-07-01, the former districts, communes and
//! provinces they replaced, and every province of the country — safe to rerun.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use tdc_kernel::ApiError;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::versions::Replace;
use utoipa::ToSchema;

use crate::model::{AdministrativeUnitInput, UnitKind};
use crate::store::units;

/// The file, embedded in the binary.
const OFFICIAL: &str = include_str!("../data/units-vn-2025.json");

#[derive(Deserialize)]
struct OfficialFile {
    source: String,
    units: Vec<AdministrativeUnitInput>,
}

/// What loading the official units did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct OfficialUnitsReport {
    /// Where the data comes from (packages, versions, the conversion table, the cross-check).
    pub source: String,
    /// The province loaded (the hub's).
    #[schema(example = "31")]
    pub province_code: String,
    /// Units recorded for the first time.
    pub created: usize,
    /// Units already recorded whose data changed.
    pub updated: usize,
    /// Units already recorded as the file has them.
    pub unchanged: usize,
}

fn official() -> Result<OfficialFile, ApiError> {
    serde_json::from_str(OFFICIAL)
        .map_err(|e| ApiError::Internal(format!("the official units file does not parse: {e}")))
}

/// The units of the file that concern `province`, in loading order: every province (today's and
/// the former), the province's communes, and the former districts and communes whose successors
/// are among them.
fn selection(file: &OfficialFile, province: &str) -> Result<Vec<AdministrativeUnitInput>, ApiError> {
    let communes: HashSet<&str> = file
        .units
        .iter()
        .filter(|u| u.parent_code.as_deref() == Some(province) && is_commune(u.kind))
        .filter_map(|u| u.code.as_deref())
        .collect();
    if communes.is_empty() {
        let detail = format!("{province} is not one of the 34 provinces the official file has (since 2025-07-01)");
        return Err(ApiError::invalid_field("/province_code", "unknown_province", detail));
    }
    let wanted = |u: &AdministrativeUnitInput| match u.kind {
        UnitKind::Province | UnitKind::FormerProvince => true,
        UnitKind::FormerDistrict | UnitKind::FormerCommune => {
            u.successor_codes.iter().any(|s| communes.contains(s.as_str()))
        }
        UnitKind::Commune | UnitKind::Ward | UnitKind::SpecialZone => {
            u.code.as_deref().is_some_and(|c| communes.contains(c))
        }
    };
    Ok(file.units.iter().filter(|u| wanted(u)).cloned().collect())
}

/// Whether a unit is one of today's commune-level units.
fn is_commune(kind: UnitKind) -> bool {
    matches!(kind, UnitKind::Commune | UnitKind::Ward | UnitKind::SpecialZone)
}

/// Loads the official units of `province` (upsert by code: a rerun changes nothing, a corrected
/// file updates what changed), in one transaction.
pub fn load(conn: &mut AnyConnection, actor: &Actor, province: &str) -> Result<OfficialUnitsReport, ApiError> {
    let file = official()?;
    let mut report = OfficialUnitsReport {
        source: file.source.clone(),
        province_code: province.to_owned(),
        created: 0,
        updated: 0,
        unchanged: 0,
    };
    for input in selection(&file, province)? {
        let code = input.code.clone().unwrap_or_default();
        let before = units::version_of(conn, &code)?;
        let (unit, _) = units::upsert(conn, actor, &code, &input, Replace::Always)?;
        match before {
            None => report.created += 1,
            Some(v) if v == unit.version => report.unchanged += 1,
            Some(_) => report.updated += 1,
        }
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_file_parses_and_hai_phong_has_its_communes_and_hai_duongs_former_units() {
        let file = official().unwrap();
        let units = selection(&file, "31").unwrap();
        let by_code = |code: &str| units.iter().find(|u| u.code.as_deref() == Some(code));
        assert_eq!(by_code("11560").map(|u| u.name.as_str()), Some("Phường Thủy Nguyên"));
        assert_eq!(by_code("11914").map(|u| u.name.as_str()), Some("Đặc khu Cát Hải"));
        assert_eq!(by_code("30").map(|u| u.successor_codes.clone()), Some(vec!["31".to_string()]));
        assert_eq!(by_code("288").map(|u| u.kind), Some(UnitKind::FormerDistrict), "Thành phố Hải Dương");
        assert!(by_code("00004").is_none(), "Hà Nội's communes are not Hải Phòng's");
        assert!(selection(&file, "99").is_err());
    }
}

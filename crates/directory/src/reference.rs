//! Every enumeration of the API with its Vietnamese and English labels, so an integrator's form
//! shows the right words. Values come from the enums themselves, so they cannot drift.

use serde::{Deserialize, Serialize};
use tdc_kernel::access::Sharing;
use tdc_kernel::auth::Role;
use utoipa::ToSchema;

use crate::model::{AgencyKind, BusinessStatus, RiskClass, UnitKind};

/// One allowed value and its labels.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EnumValue {
    /// The value as the API sends and accepts it.
    pub value: String,
    /// Vietnamese label.
    pub label_vi: String,
    /// English label.
    pub label_en: String,
}

/// One enumeration.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct Enumeration {
    /// The enumeration's name, as the schema names it in snake case (e.g. `agency_kind`).
    pub name: String,
    /// Its values, in a sensible display order.
    pub values: Vec<EnumValue>,
}

/// Every enumeration.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
pub struct EnumerationCatalogue {
    /// The enumerations, by name.
    pub enumerations: Vec<Enumeration>,
}

fn values(list: &[(&str, &str, &str)]) -> Vec<EnumValue> {
    list.iter()
        .map(|(v, vi, en)| EnumValue { value: (*v).into(), label_vi: (*vi).into(), label_en: (*en).into() })
        .collect()
}

fn enumeration(name: &str, list: &[(&str, &str, &str)]) -> Enumeration {
    Enumeration { name: name.into(), values: values(list) }
}

/// All enumerations with their labels.
pub fn all() -> EnumerationCatalogue {
    use AgencyKind as A;
    use UnitKind as U;
    EnumerationCatalogue {
        enumerations: vec![
            enumeration(
                "agency_kind",
                &[
                    (A::Dost.as_str(), "Sở Khoa học và Công nghệ", "Department of Science and Technology"),
                    (A::Department.as_str(), "Sở, ban, ngành", "Sector department"),
                    (A::Commune.as_str(), "Ủy ban nhân dân cấp xã", "Commune People's Committee"),
                    (A::Inspectorate.as_str(), "Thanh tra", "Inspectorate"),
                    (A::Customs.as_str(), "Hải quan", "Customs"),
                    (
                        A::ConsumerAssociation.as_str(),
                        "Hội bảo vệ quyền lợi người tiêu dùng",
                        "Consumer protection association",
                    ),
                    (A::PeopleCommittee.as_str(), "Ủy ban nhân dân tỉnh, thành phố", "Provincial People's Committee"),
                    (A::Police.as_str(), "Công an", "Police"),
                    (A::Other.as_str(), "Khác", "Other"),
                ],
            ),
            enumeration(
                "sharing",
                &[
                    (Sharing::Public.as_str(), "Công khai", "Public"),
                    (Sharing::Shared.as_str(), "Chia sẻ giữa các cơ quan", "Shared with every agency"),
                    (Sharing::Restricted.as_str(), "Hạn chế", "Restricted"),
                ],
            ),
            enumeration(
                "role",
                &[
                    (Role::Admin.as_str(), "Quản trị (Sở KH&CN)", "Administrator (DOST)"),
                    (Role::AgencyOfficer.as_str(), "Hệ thống của cơ quan", "Agency system"),
                    (
                        Role::Connector.as_str(),
                        "Kết nối (CSDL quốc gia, tỉnh khác)",
                        "Connector (national database, other provinces)",
                    ),
                    (Role::Viewer.as_str(), "Chỉ xem", "Viewer"),
                ],
            ),
            enumeration(
                "business_status",
                &[
                    (BusinessStatus::Active.as_str(), "Đang hoạt động", "Active"),
                    (BusinessStatus::Suspended.as_str(), "Tạm ngừng kinh doanh", "Suspended"),
                    (BusinessStatus::Dissolved.as_str(), "Đã giải thể, chấm dứt hoạt động", "Dissolved"),
                ],
            ),
            enumeration(
                "risk_class",
                &[
                    (RiskClass::Low.as_str(), "Rủi ro thấp", "Low risk"),
                    (RiskClass::Medium.as_str(), "Rủi ro trung bình", "Medium risk"),
                    (RiskClass::High.as_str(), "Rủi ro cao", "High risk"),
                ],
            ),
            enumeration(
                "unit_kind",
                &[
                    (U::Province.as_str(), "Tỉnh, thành phố", "Province or city"),
                    (U::Commune.as_str(), "Xã", "Commune"),
                    (U::Ward.as_str(), "Phường", "Ward"),
                    (U::SpecialZone.as_str(), "Đặc khu", "Special zone"),
                    (
                        U::FormerDistrict.as_str(),
                        "Huyện, quận, thị xã (trước 01/7/2025)",
                        "Former district (before 2025-07-01)",
                    ),
                    (U::FormerCommune.as_str(), "Xã, phường, thị trấn cũ", "Former commune"),
                    (U::FormerProvince.as_str(), "Tỉnh cũ (đã hợp nhất)", "Former province (merged)"),
                ],
            ),
            enumeration(
                "client_action",
                &[("disable", "Tạm dừng", "Disable"), ("enable", "Cho hoạt động lại", "Enable")],
            ),
        ],
    }
}

/// The labels of every enumeration in the API (Vietnamese and English), for integrators' forms.
#[utoipa::path(
    get, path = "/api/v1/reference/enumerations", tag = "Reference", operation_id = "list_enumerations",
    responses((status = 200, description = "Every enumeration with its values' labels.", body = EnumerationCatalogue))
)]
pub async fn list() -> actix_web::HttpResponse {
    actix_web::HttpResponse::Ok().insert_header(("Cache-Control", "public, max-age=3600")).json(all())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ClientAction;
    use serde::de::DeserializeOwned;

    fn parses<T: DeserializeOwned>(e: &Enumeration) {
        for v in &e.values {
            let parsed: Result<T, _> = serde_json::from_value(serde_json::Value::String(v.value.clone()));
            assert!(parsed.is_ok(), "{} has no value {}", e.name, v.value);
        }
    }

    #[test]
    fn every_listed_value_is_a_real_value_and_every_variant_is_listed() {
        let all = all();
        let by_name = |n: &str| all.enumerations.iter().find(|e| e.name == n).unwrap().clone();
        parses::<AgencyKind>(&by_name("agency_kind"));
        parses::<Sharing>(&by_name("sharing"));
        parses::<Role>(&by_name("role"));
        parses::<BusinessStatus>(&by_name("business_status"));
        parses::<RiskClass>(&by_name("risk_class"));
        parses::<UnitKind>(&by_name("unit_kind"));
        parses::<ClientAction>(&by_name("client_action"));
        assert_eq!(by_name("role").values.len(), Role::ALL.len());
        assert_eq!(by_name("agency_kind").values.len(), 9);
        assert_eq!(by_name("unit_kind").values.len(), 7);
    }
}

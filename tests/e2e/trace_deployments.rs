//! The deployment registry: who uses barcodes and traceability, the stamps issued with their
//! subsidy, connection to the national portal; each entry checked, only its agency changes it, and
//! the province's figures by sector and by commune.

use serde_json::{Value, json};

use crate::support::{Hub, valid_tax_codes};

fn stamps(from: &str, to: &str, quantity: u32) -> Value {
    json!({"serial_from": from, "serial_to": to, "quantity": quantity, "issued_on": "2026-03-01",
           "subsidy_vnd_per_stamp": 300, "program": "Nghị quyết 15/2021/NQ-HĐND"})
}

#[test]
fn the_registry_counts_who_traces_what_by_sector_and_commune() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let snnmt = hub.client_with_role("SKHCN", "dost-system", "agency_officer").0;
    let taxes = valid_tax_codes(4);
    let commune = json!({"name": "Xã Hàm Tử", "kind": "commune"});
    assert_eq!(hub.put(&admin, "/api/v1/administrative-units/by-code/10507", None, &commune).status, 201);
    let businesses = [
        json!({"tax_code": taxes[0], "name": "HTX Nhãn lồng", "sectors": ["agriculture"], "commune_code": "10507"}),
        json!({"tax_code": taxes[1], "name": "Công ty Thủy sản", "sectors": ["agriculture", "food"]}),
        json!({"tax_code": taxes[2], "name": "Công ty Bánh kẹo", "sectors": ["food"], "commune_code": "10507"}),
    ];
    for b in &businesses {
        let r = hub.post(&admin, "/api/v1/businesses", b);
        assert_eq!(r.status, 201, "{}", r.body);
    }
    let entries = json!([
        {"tax_code": taxes[0], "gs1_company_prefix": "8934567", "uses_barcodes": true, "traceability_solution": "iCheck",
         "portal_connected_on": "2025-06-01", "products": [{"gtin": "8934567890120", "portal_connected_on": "2025-06-01"}, {"gtin": "08934567890137"}],
         "stamp_issues": [stamps("HY26-000001", "HY26-001000", 1000)]},
        {"tax_code": taxes[1], "uses_barcodes": true, "stamp_issues": [stamps("HP-1", "HP-300", 300)]},
        {"tax_code": taxes[2], "uses_barcodes": false, "traceability_solution": "Te-Food"}
    ]);
    let r = hub.post(&snnmt, "/api/v1/traceability/deployments/batch", &entries);
    assert_eq!(r.status, 200, "{}", r.body);
    let first = hub.get(&snnmt, &format!("/api/v1/traceability/deployments/by-tax-code/{}", taxes[0])).json();
    assert_eq!(first["products"][0]["gtin"], "08934567890120", "kept as 14 digits");

    let by_sector = hub.get(&snnmt, "/api/v1/traceability/deployments/statistics").json();
    let total = &by_sector["total"];
    assert_eq!(
        (total["businesses"].clone(), total["with_barcodes"].clone(), total["with_traceability"].clone()),
        (json!(3), json!(2), json!(2))
    );
    assert_eq!(
        (total["connected_to_portal"].clone(), total["products"].clone(), total["products_connected"].clone()),
        (json!(1), json!(2), json!(1))
    );
    assert_eq!((total["stamps"].clone(), total["stamp_subsidy_vnd"].clone()), (json!(1300), json!(390_000)));
    let groups: Vec<(&str, u64)> = by_sector["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["group"].as_str().unwrap(), g["businesses"].as_u64().unwrap()))
        .collect();
    assert_eq!(groups, [("agriculture", 2), ("food", 2)]);
    let by_commune = hub.get(&snnmt, "/api/v1/traceability/deployments/statistics?by=commune").json();
    let communes: Vec<(&str, i64)> = by_commune["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| (g["group"].as_str().unwrap(), g["stamps"].as_i64().unwrap()))
        .collect();
    assert_eq!(communes, [("10507", 1000), ("unknown", 300)]);

    let connected = hub.get(&snnmt, "/api/v1/traceability/deployments?portal_connected=true").json();
    assert_eq!(connected["items"].as_array().unwrap().len(), 1);
    let path = format!("/api/v1/traceability/deployments/by-tax-code/{}", taxes[1]);
    let more = json!({"uses_barcodes": true, "stamp_issues": [stamps("HP-1", "HP-300", 300), stamps("HP-301", "HP-500", 200)]});
    hub.put(&snnmt, &path, None, &more).assert_problem(428, "precondition_required");
    assert_eq!(hub.put(&snnmt, &path, Some("\"1\""), &more).json()["version"], 2);
    let other = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    hub.put(&other, &path, Some("\"2\""), &more).assert_problem(403, "not_lead_agency");
    let id = first["id"].as_str().unwrap();
    assert_eq!(
        hub.get(&snnmt, &format!("/api/v1/traceability/deployments/{id}/history")).json()["items"]
            .as_array()
            .unwrap()
            .len(),
        1
    );

    let wrong = json!({"uses_barcodes": true, "gs1_company_prefix": "89A", "products": [{"gtin": "8934567890121"}, {"gtin": "8934567890120"}, {"gtin": "08934567890120"}],
                       "stamp_issues": [stamps("X-1", "X-10", 9)]});
    let p = hub
        .put(&snnmt, &format!("/api/v1/traceability/deployments/by-tax-code/{}", taxes[3]), None, &wrong)
        .assert_problem(422, "validation_failed");
    let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["unknown_business", "prefix_format", "gtin_checksum", "duplicate_gtin", "stamp_range"]);
    assert_eq!(hub.get(&snnmt, "/api/v1/traceability/deployments/statistics").json()["total"]["stamps"], 1500);
}

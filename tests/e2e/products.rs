//! Product categories and products: GTIN rules, risk class and its override, references.

use serde_json::json;

use crate::support::{Hub, Resp};

const GTIN13: &str = "8934563138165";
const GTIN14: &str = "08934563138165";
const MAKER: &str = "0100233488";

fn put(hub: &Hub, token: &str, path: &str, if_match: Option<&str>, body: &serde_json::Value) -> Resp {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    if let Some(tag) = if_match {
        headers.push(("If-Match", tag));
    }
    hub.send("PUT", path, &headers, Some(&body.to_string()))
}

fn category(risk: &str) -> serde_json::Value {
    json!({"name_vi": "Mũ bảo hiểm cho người đi mô tô, xe máy", "risk_class": risk,
           "risk_source": "Thông tư 01/2009/TT-BKHCN (nhóm 2)"})
}

fn helmet() -> serde_json::Value {
    json!({"name": "Mũ bảo hiểm nửa đầu", "brand": "Sơn", "model": "A1", "category_code": "helmets",
           "hs_code": "650610", "manufacturer_tax_code": MAKER, "origin_country": "VN"})
}

fn seed(hub: &Hub, admin: &str) {
    assert_eq!(put(hub, admin, "/api/v1/product-categories/by-code/helmets", None, &category("high")).status, 201);
    let maker = json!({"name": "Công ty Mũ bảo hiểm Sơn"});
    assert_eq!(put(hub, admin, &format!("/api/v1/businesses/by-tax-code/{MAKER}"), None, &maker).status, 201);
}

#[test]
fn categories_are_public_and_only_administrators_change_them() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    seed(&hub, &admin);
    let listed = hub.send("GET", "/api/v1/product-categories?q=mu%20bao%20hiem", &[], None).json();
    assert_eq!(listed["items"][0]["code"], "helmets");
    assert_eq!(listed["items"][0]["risk_class"], "high");
    let (officer, _) = hub.client_with_role("SCT", "sct-officer", "agency_officer");
    put(&hub, &officer, "/api/v1/product-categories/by-code/toys", None, &category("low"))
        .assert_problem(403, "insufficient_scope");
    put(&hub, &admin, "/api/v1/product-categories/by-code/helmets", None, &category("medium"))
        .assert_problem(428, "precondition_required");
    let r = put(&hub, &admin, "/api/v1/product-categories/by-code/helmets", Some("\"1\""), &category("medium"));
    assert_eq!((r.status, r.header("etag")), (200, Some("\"2\"")));
    let p = put(&hub, &admin, "/api/v1/product-categories/by-code/Bad%20Code", None, &category("low"))
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/path/code");
}

#[test]
fn a_product_takes_its_categorys_risk_class_unless_overridden_with_a_reason() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    seed(&hub, &admin);
    let r = put(&hub, &admin, &format!("/api/v1/products/by-gtin/{GTIN13}"), None, &helmet());
    assert_eq!(r.status, 201, "{}", r.body);
    let product = r.json();
    assert_eq!(product["gtin"], GTIN14, "stored as GTIN-14");
    assert_eq!(product["risk_class"], "high");
    assert!(product.get("risk_override").is_none());
    let by_14 = hub.get(&admin, &format!("/api/v1/products/by-gtin/{GTIN14}")).json();
    assert_eq!(by_14["id"], product["id"], "GTIN-13 and GTIN-14 name the same product");

    let mut overridden = helmet();
    overridden["risk_override"] = json!("medium");
    let p = put(&hub, &admin, &format!("/api/v1/products/by-gtin/{GTIN13}"), Some("\"1\""), &overridden)
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/risk_override_reason");
    overridden["risk_override_reason"] = json!("Kiểm tra 3 năm liền đạt, theo đề xuất của Sở KH&CN");
    let r = put(&hub, &admin, &format!("/api/v1/products/by-gtin/{GTIN13}"), Some("\"1\""), &overridden);
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!((r.json()["risk_class"].as_str(), r.json()["risk_override"].as_str()), (Some("medium"), Some("medium")));
    put(&hub, &admin, &format!("/api/v1/products/by-gtin/{GTIN13}"), None, &overridden);
    let history = hub.get(&admin, &format!("/api/v1/products/{}/history", product["id"].as_str().unwrap())).json();
    assert_eq!(history["items"].as_array().unwrap().len(), 2, "the identical resend made no change");
}

#[test]
fn bad_gtins_and_unknown_references_are_refused_naming_the_field() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    seed(&hub, &admin);
    let p = put(&hub, &admin, "/api/v1/products/by-gtin/8934563138166", None, &helmet())
        .assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/path/gtin"), Some("gtin_checksum"))
    );
    let mut bad = helmet();
    bad["gtin"] = json!("12345");
    let p = hub.post(&admin, "/api/v1/products", &bad).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "gtin_format");
    let mut unknown = helmet();
    unknown["category_code"] = json!("nothing");
    unknown["importer_tax_code"] = json!("0312687878");
    let p = hub.post(&admin, "/api/v1/products", &unknown).assert_problem(422, "validation_failed");
    let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, vec!["unknown_category", "unknown_business"]);
    let mut country = helmet();
    country["origin_country"] = json!("Vietnam");
    let p = hub.post(&admin, "/api/v1/products", &country).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/origin_country");
    assert!(hub.get(&admin, "/api/v1/products").json()["items"].as_array().unwrap().is_empty(), "nothing stored");
    let mut first = helmet();
    first["gtin"] = json!(GTIN13);
    assert_eq!(hub.post(&admin, "/api/v1/products", &first).status, 201);
    first["gtin"] = json!(GTIN14);
    assert_eq!(
        hub.post(&admin, "/api/v1/products", &first).assert_problem(409, "duplicate_key")["errors"][0]["pointer"],
        "/gtin"
    );
}

#[test]
fn products_without_gtin_search_and_batches() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    seed(&hub, &admin);
    let mut no_gtin = helmet();
    no_gtin["name"] = json!("Mũ bảo hiểm trẻ em Đông Á");
    assert_eq!(hub.post(&admin, "/api/v1/products", &no_gtin).status, 201);
    let found = hub.get(&admin, "/api/v1/products?q=dong%20a").json();
    assert_eq!(found["items"].as_array().unwrap().len(), 1);
    let mut item = helmet();
    item["gtin"] = json!("96385074");
    let auth = format!("Bearer {admin}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    let body = json!([item.clone(), {"name": "no gtin", "category_code": "helmets"}]).to_string();
    let r = hub.send("POST", "/api/v1/products/batch", &headers, Some(&body)).json();
    assert_eq!(r["results"][0]["status"], 201);
    assert_eq!(r["results"][1]["problem"]["errors"][0]["pointer"], "/1/gtin");
    let again = hub.send("POST", "/api/v1/products/batch", &headers, Some(&json!([item]).to_string())).json();
    assert_eq!(again["results"][0]["status"], 200);
    let by_maker = hub.get(&admin, &format!("/api/v1/products?manufacturer_tax_code={MAKER}")).json();
    assert_eq!(by_maker["items"].as_array().unwrap().len(), 2);
}

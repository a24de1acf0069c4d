//! Risk-based targeting: a business's score adds up from its explained factors, the ranking puts
//! the riskiest first, and the weights are configuration.

use serde_json::{Value, json};

use crate::inspection_plans::{Desk, desk};
use crate::support::Hub;

fn product(hub: &Hub, d: &Desk, category: &str, risk: &str, maker: &str, gtin: &str) {
    let body = json!({"name_vi": category, "risk_class": risk, "risk_source": "Thông tư 01/2009/TT-BKHCN"});
    let r = hub.put(&d.admin, &format!("/api/v1/product-categories/by-code/{category}"), None, &body);
    assert!(r.status == 201 || r.status == 200, "{}", r.body);
    let body = json!({"name": format!("Sản phẩm {category}"), "gtin": gtin, "category_code": category, "manufacturer_tax_code": maker});
    assert_eq!(hub.post(&d.admin, "/api/v1/products", &body).status, 201);
}

fn seed(hub: &Hub, d: &Desk) {
    product(hub, d, "helmets", "high", &d.taxes[0], "8934563138165");
    product(hub, d, "notebooks", "low", &d.taxes[1], "8935001800019");
    let entry = json!({"decree": "119/2017/NĐ-CP", "article": "Điều 17 khoản 1", "title": "Vi phạm chất lượng",
                       "fine_min_vnd": 1_000_000, "fine_max_vnd": 3_000_000, "effective_from": "2017-12-15"});
    assert_eq!(hub.put(&d.dost, "/api/v1/legal-provisions/by-code/Đ.17.1", None, &entry).status, 201);
    let violation = json!({"tax_code": d.taxes[0], "offender": "organisation", "committed_on": "2026-10-01",
                           "description": "Mũ bảo hiểm không đạt", "provision_code": "Đ.17.1"});
    assert_eq!(hub.post(&d.sct, "/api/v1/violations", &violation).status, 201);
    let inspection = json!({"kind": "production", "origin": "request", "trigger_ref": "CV-12", "tax_code": d.taxes[1],
                            "decision": {"number": "1/QĐ", "date": "2026-09-01"}, "period_from": "2026-09-01", "period_to": "2026-09-05"});
    let inspection = hub.post(&d.sct, "/api/v1/inspections", &inspection).json();
    let path = format!("/api/v1/inspections/{}/transitions", inspection["id"].as_str().unwrap());
    assert_eq!(hub.post(&d.sct, &path, &json!({"action": "start"})).status, 200);
    let conclusion = json!({"concluded_on": "2026-09-05", "outcome": "compliant", "summary": "Đạt"});
    assert_eq!(hub.post(&d.sct, &path, &json!({"action": "conclude", "conclusion": conclusion})).status, 200);
}

fn sum_of(factors: &Value) -> f64 {
    factors.as_array().unwrap().iter().map(|f| f["contribution"].as_f64().unwrap()).sum()
}

#[test]
fn a_score_adds_up_from_its_factors_and_the_ranking_puts_the_riskiest_first() {
    let hub = Hub::start();
    let d = desk(&hub);
    seed(&hub, &d);
    let a = &d.taxes[0];
    let risk = hub.get(&d.syt, &format!("/api/v1/risk/businesses/{a}?explain=true&on=2026-12-01"));
    assert_eq!(risk.status, 200, "{}", risk.body);
    let risk = risk.json();
    assert_eq!(
        (risk["product_risk"].as_str(), risk["violations"].as_i64(), risk["max_score"].as_f64()),
        (Some("high"), Some(1), Some(100.0))
    );
    assert!(
        (sum_of(&risk["factors"]) - risk["score"].as_f64().unwrap()).abs() < 0.011,
        "the explanation adds up: {risk}"
    );
    assert_eq!(risk["factors"][2]["value"], Value::Null, "never inspected counts in full");
    assert_eq!(risk["factors"][2]["contribution"], 20.0);
    let plain = hub.get(&d.syt, &format!("/api/v1/risk/businesses/{a}?on=2026-12-01")).json();
    assert!(plain.get("factors").is_none() && plain["score"] == risk["score"]);
    hub.get(&d.syt, &format!("/api/v1/risk/businesses/{}", d.taxes[3])).assert_problem(404, "not_found");

    let first = hub.get(&d.dost, "/api/v1/risk/businesses?on=2026-12-01&limit=1").json();
    assert_eq!(
        (first["items"][0]["tax_code"].as_str(), first["items"][0]["rank"].as_i64()),
        (Some(a.as_str()), Some(1))
    );
    let cursor = first["next_cursor"].as_str().expect("more is waiting");
    let second = hub.get(&d.dost, &format!("/api/v1/risk/businesses?on=2026-12-01&limit=1&cursor={cursor}")).json();
    assert_eq!(
        (second["items"][0]["tax_code"].as_str(), second["items"][0]["rank"].as_i64()),
        (Some(d.taxes[1].as_str()), Some(2))
    );
    assert_eq!(second["items"][0]["last_inspected_on"], "2026-09-05");
    let high = hub.get(&d.dost, "/api/v1/risk/businesses?on=2026-12-01&min_score=50").json();
    assert_eq!(high["items"].as_array().unwrap().len(), 1);
}

#[test]
fn the_weights_are_configuration() {
    let hub = Hub::start_with(|c| c.risk_weights = "violations=100".into());
    let d = desk(&hub);
    seed(&hub, &d);
    let risk = hub.get(&d.syt, &format!("/api/v1/risk/businesses/{}?explain=true&on=2026-12-01", d.taxes[0])).json();
    assert_eq!((risk["max_score"].as_f64(), risk["factors"][0]["weight"].as_f64()), (Some(100.0), Some(0.0)));
    assert!((sum_of(&risk["factors"]) - risk["score"].as_f64().unwrap()).abs() < 0.011);
}

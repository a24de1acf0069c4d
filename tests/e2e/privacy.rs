//! Contract-wide: a restricted record shows nowhere to a caller outside it. A restricted business,
//! a product it makes and a declaration it filed are recorded; then every list the OpenAPI
//! document offers, the change feed, the exports and the records' own reads are walked as the
//! public and as another agency, and neither finds the business's tax code or name anywhere.

use serde_json::{Value, json};

use crate::support::{Hub, Resp};

const TAX: &str = "0312345673";
const NAME: &str = "Hộ kinh doanh Kín Đáo";

struct Seen {
    business_id: String,
    product_id: String,
    declaration_id: String,
}

/// The lead (SCT) records the restricted business (SYT coordinates), a product it makes (asked to
/// be public) and a declaration of it (public by default): both narrow to the business's readers.
fn restricted_records(hub: &Hub, sct: &str, admin: &str) -> Seen {
    let category =
        json!({"name_vi": "Đồ chơi trẻ em", "risk_class": "medium", "risk_source": "Thông tư 01/2009/TT-BKHCN"});
    assert_eq!(hub.put(admin, "/api/v1/product-categories/by-code/toys", None, &category).status, 201);
    let standard = json!({"designation": "TCVN 6238-1:2017", "title_vi": "An toàn đồ chơi trẻ em"});
    assert_eq!(hub.post(admin, "/api/v1/standards", &standard).status, 201);
    let business = json!({"name": NAME, "sharing": "restricted", "coordinating_agencies": ["SYT"],
                          "representative": "Nguyễn Văn A", "phone": "0912345678"});
    let b = hub.put(sct, &format!("/api/v1/businesses/by-tax-code/{TAX}"), None, &business);
    assert_eq!(b.status, 201, "{}", b.body);
    let product =
        json!({"name": "Búp bê vải", "category_code": "toys", "manufacturer_tax_code": TAX, "sharing": "public"});
    let p = hub.post(sct, "/api/v1/products", &product);
    assert_eq!(p.status, 201, "{}", p.body);
    assert_eq!(
        (p.json()["sharing"].clone(), p.json()["coordinating_agencies"].clone()),
        (json!("restricted"), json!(["SYT"]))
    );
    let declaration = json!({"kind": "standard", "tax_code": TAX, "product_name": "Búp bê vải",
                             "standard": "TCVN 6238-1:2017", "basis": "self_assessment", "receipt_number": "01/2026/TNCB"});
    let d = hub.post(sct, "/api/v1/conformity-declarations", &declaration);
    assert_eq!(d.status, 201, "{}", d.body);
    assert_eq!(d.json()["sharing"], "restricted", "a declaration is never more visible than its business");
    let id = |r: &Resp| r.json()["id"].as_str().unwrap().to_owned();
    Seen { business_id: id(&b), product_id: id(&p), declaration_id: id(&d) }
}

fn get(hub: &Hub, token: Option<&str>, path: &str) -> Resp {
    let auth = token.map(|t| format!("Bearer {t}"));
    let headers: Vec<(&str, &str)> = auth.iter().map(|a| ("Authorization", a.as_str())).collect();
    hub.send("GET", path, &headers, None)
}

/// Every `GET` path of the document that needs no path parameter, with the filters that name the
/// business, plus the change feed walked to its end.
fn everything_listed(hub: &Hub, token: Option<&str>) -> Vec<(String, Resp)> {
    let document = get(hub, None, "/api/v1/openapi.json").json();
    let mut paths: Vec<String> = document["paths"]
        .as_object()
        .unwrap()
        .iter()
        .filter(|(path, item)| !path.contains('{') && item.get("get").is_some() && !path.ends_with("openapi.json"))
        .map(|(path, _)| path.clone())
        .collect();
    paths.extend([
        format!("/api/v1/products?manufacturer_tax_code={TAX}"),
        format!("/api/v1/conformity-declarations?tax_code={TAX}"),
        "/api/v1/businesses?q=kin%20dao".into(),
        "/api/v1/conformity-bodies/export?format=ndjson".into(),
    ]);
    let mut seen: Vec<(String, Resp)> = paths.into_iter().map(|p| (p.clone(), get(hub, token, &p))).collect();
    let mut after = 0;
    loop {
        let path = format!("/api/v1/changes?after={after}&limit=1000");
        let page = get(hub, token, &path);
        let body = if page.status == 200 { page.json() } else { Value::Null };
        seen.push((path, page));
        match body["next_after"].as_i64() {
            Some(next) if next > after => after = next,
            _ => break,
        }
    }
    seen
}

fn reveals(r: &Resp) -> bool {
    r.body.contains(TAX) || r.body.contains(NAME)
}

#[test]
fn a_restricted_business_shows_nowhere_to_the_public_or_another_agency() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let (sct, _) = hub.client_with_role("SCT", "sct-system", "agency_officer");
    let (syt, _) = hub.client_with_role("SYT", "syt-system", "agency_officer");
    let (sxd, _) = hub.client_with_role("SXD", "sxd-system", "agency_officer");
    let seen = restricted_records(&hub, &sct, &admin);

    // The lead's own walk finds the records: the walk below would see them if they leaked.
    let lead_view = everything_listed(&hub, Some(&sct));
    for wanted in ["/api/v1/businesses", "/api/v1/products", "/api/v1/conformity-declarations"] {
        assert!(lead_view.iter().any(|(p, r)| p == wanted && reveals(r)), "the lead sees its records in {wanted}");
    }
    assert!(lead_view.iter().any(|(p, r)| p.starts_with("/api/v1/changes") && reveals(r)));

    for (who, token) in [("the public", None), ("another agency", Some(sxd.as_str()))] {
        for (path, r) in everything_listed(&hub, token) {
            assert!(r.status < 500, "{who}: {path} answered {}", r.status);
            assert!(!reveals(&r), "{who} finds the restricted business in {path}: {}", r.body);
        }
        let reads = [
            format!("/api/v1/businesses/{}", seen.business_id),
            format!("/api/v1/businesses/by-tax-code/{TAX}"),
            format!("/api/v1/businesses/{}/history", seen.business_id),
            format!("/api/v1/products/{}", seen.product_id),
            format!("/api/v1/products/{}/history", seen.product_id),
            format!("/api/v1/conformity-declarations/{}", seen.declaration_id),
        ];
        for path in reads {
            let r = get(&hub, token, &path);
            assert!(matches!(r.status, 401 | 403 | 404), "{who}: {path} answered {}: {}", r.status, r.body);
            assert!(!r.body.contains(NAME), "{who}: {path}: {}", r.body);
        }
    }

    // The coordinating agency reads the declaration; another agency cannot move it.
    let path = format!("/api/v1/conformity-declarations/{}", seen.declaration_id);
    assert_eq!(get(&hub, Some(&syt), &path).json()["tax_code"], TAX);
    let withdraw = json!({"action": "withdraw", "reason": "Doanh nghiệp đề nghị."});
    hub.post(&sxd, &format!("{path}/transitions"), &withdraw).assert_problem(404, "not_found");
}

#[test]
fn the_public_registry_refuses_a_body_whose_business_is_not_public() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let (sct, _) = hub.client_with_role("SCT", "sct-system", "agency_officer");
    let business = json!({"name": NAME, "sharing": "restricted"});
    assert_eq!(hub.put(&sct, &format!("/api/v1/businesses/by-tax-code/{TAX}"), None, &business).status, 201);
    let body = json!({"tax_code": TAX, "activities": ["testing"], "fields": ["đồ chơi"]});
    let refused = hub.post(&admin, "/api/v1/conformity-bodies", &body).assert_problem(422, "validation_failed");
    assert_eq!(refused["errors"][0]["code"], "business_not_public");
}

#[test]
fn records_follow_a_business_narrowed_after_they_were_written() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let (sct, _) = hub.client_with_role("SCT", "sct-system", "agency_officer");
    let (syt, _) = hub.client_with_role("SYT", "syt-system", "agency_officer");
    let (sxd, _) = hub.client_with_role("SXD", "sxd-system", "agency_officer");
    let category =
        json!({"name_vi": "Đồ chơi trẻ em", "risk_class": "medium", "risk_source": "Thông tư 01/2009/TT-BKHCN"});
    assert_eq!(hub.put(&admin, "/api/v1/product-categories/by-code/toys", None, &category).status, 201);
    let standard = json!({"designation": "TCVN 6238-1:2017", "title_vi": "An toàn đồ chơi trẻ em"});
    assert_eq!(hub.post(&admin, "/api/v1/standards", &standard).status, 201);
    let path = format!("/api/v1/businesses/by-tax-code/{TAX}");
    assert_eq!(hub.put(&sct, &path, None, &json!({"name": NAME})).status, 201, "shared at first");
    let product = hub.post(
        &sct,
        "/api/v1/products",
        &json!({"name": "Búp bê vải", "category_code": "toys", "manufacturer_tax_code": TAX}),
    );
    let declaration = json!({"kind": "standard", "tax_code": TAX, "product_name": "Búp bê vải",
                             "standard": "TCVN 6238-1:2017", "basis": "self_assessment", "receipt_number": "02/2026/TNCB"});
    let declared = hub.post(&syt, "/api/v1/conformity-declarations", &declaration);
    assert_eq!((product.status, declared.status), (201, 201), "{} {}", product.body, declared.body);
    let product = format!("/api/v1/products/{}", product.json()["id"].as_str().unwrap());
    let declared = format!("/api/v1/conformity-declarations/{}", declared.json()["id"].as_str().unwrap());
    assert_eq!((get(&hub, Some(&sxd), &product).status, get(&hub, Some(&sxd), &declared).status), (200, 200));

    // The business's lead narrows it; what names it narrows too, at once.
    let narrowed = hub.put(&sct, &path, Some("\"1\""), &json!({"name": NAME, "sharing": "restricted"}));
    assert_eq!(narrowed.status, 200, "{}", narrowed.body);
    for (who, token) in [("another agency", Some(sxd.as_str())), ("the public", None)] {
        assert_eq!(get(&hub, token, &product).status, 404, "{who} reads the product");
        assert_eq!(get(&hub, token, &declared).status, 404, "{who} reads the declaration");
        for list in ["/api/v1/products", "/api/v1/conformity-declarations"] {
            assert!(!reveals(&get(&hub, token, list)), "{who} lists it in {list}");
        }
    }
    assert_eq!(get(&hub, Some(&syt), &declared).status, 200, "the receiving agency keeps its declaration");
    assert_eq!(get(&hub, Some(&sct), &product).status, 200, "the product's lead keeps its product");
}

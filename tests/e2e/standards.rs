//! The standards catalogue: designations, replacement links, public reading, search, batches.

use serde_json::json;

use crate::support::{Hub, Resp};

fn put(hub: &Hub, token: &str, designation: &str, if_match: Option<&str>, body: &serde_json::Value) -> Resp {
    let auth = format!("Bearer {token}");
    let mut headers = vec![("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    if let Some(tag) = if_match {
        headers.push(("If-Match", tag));
    }
    let path = format!("/api/v1/standards/by-designation/{}", designation.replace(' ', "%20").replace(':', "%3A"));
    hub.send("PUT", &path, &headers, Some(&body.to_string()))
}

fn toys_2017() -> serde_json::Value {
    json!({"title_vi": "An toàn đồ chơi trẻ em - Phần 1: Các yêu cầu an toàn liên quan đến tính chất cơ lý",
           "ics_codes": ["97.200.50"]})
}

#[test]
fn a_standard_is_recorded_by_designation_and_read_without_a_token() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let r = put(&hub, &admin, "TCVN 6238-1:2017", None, &toys_2017());
    assert_eq!(r.status, 201, "{}", r.body);
    let s = r.json();
    assert_eq!(
        (s["issuing_body"].as_str(), s["year"].as_i64(), s["status"].as_str()),
        (Some("TCVN"), Some(2017), Some("current"))
    );
    let public = hub.send("GET", "/api/v1/standards/by-designation/tcvn%20%206238-1%3A2017", &[], None);
    assert_eq!((public.status, public.json()["id"].clone()), (200, s["id"].clone()), "spacing and case do not matter");
    let slash = put(
        &hub,
        &admin,
        "ISO/IEC 17025:2017",
        None,
        &json!({"title_en": "General requirements for the competence of testing and calibration laboratories"}),
    );
    assert_eq!(slash.status, 201, "{}", slash.body);
    let read = hub.send("GET", "/api/v1/standards/by-designation/ISO/IEC%2017025%3A2017", &[], None).json();
    assert_eq!(read["issuing_body"], "ISO/IEC");
    assert_eq!(put(&hub, &admin, "TCVN 6238-1:2017", None, &toys_2017()).status, 200, "an identical resend");
    let auth = format!("Bearer {admin}");
    let mut again = toys_2017();
    again["designation"] = json!("TCVN 6238-1:2017");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    let r = hub.send("POST", "/api/v1/standards", &headers, Some(&again.to_string()));
    assert_eq!(r.assert_problem(409, "duplicate_key")["errors"][0]["pointer"], "/designation");
}

#[test]
fn a_replaced_standard_links_to_its_replacement() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let mut replaced =
        json!({"title_en": "Safety of toys - Part 1", "status": "replaced", "replaced_by": "ISO 8124-1:2022"});
    let p = put(&hub, &admin, "ISO 8124-1:2018", None, &replaced).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/replaced_by"), Some("unknown_standard"))
    );
    assert_eq!(put(&hub, &admin, "ISO 8124-1:2022", None, &json!({"title_en": "Safety of toys - Part 1"})).status, 201);
    let r = put(&hub, &admin, "ISO 8124-1:2018", None, &replaced);
    assert_eq!((r.status, r.json()["replaced_by"].as_str()), (201, Some("ISO 8124-1:2022")), "{}", r.body);
    replaced["replaced_by"] = json!(null);
    let p = put(&hub, &admin, "ISO 8124-1:2018", Some("\"1\""), &replaced).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/replaced_by");
    let current = hub.send("GET", "/api/v1/standards?status=current", &[], None).json();
    assert_eq!(current["items"].as_array().unwrap().len(), 1);
}

#[test]
fn bad_designations_years_and_ics_codes_are_refused() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let p = put(&hub, &admin, "TCVN", None, &toys_2017()).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "designation_format");
    let mut wrong_year = toys_2017();
    wrong_year["year"] = json!(2016);
    put(&hub, &admin, "TCVN 6238-1:2017", None, &wrong_year).assert_problem(422, "validation_failed");
    let mut bad_ics = toys_2017();
    bad_ics["ics_codes"] = json!(["97.2"]);
    let p = put(&hub, &admin, "TCVN 6238-1:2017", None, &bad_ics).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["pointer"], "/ics_codes");
    put(&hub, &admin, "TCVN 6238-1:2017", None, &json!({})).assert_problem(422, "validation_failed");
    let (viewer, _) = hub.client_with_role("SCT", "sct-viewer", "viewer");
    put(&hub, &viewer, "TCVN 6238-1:2017", None, &toys_2017()).assert_problem(403, "insufficient_scope");
    assert!(hub.send("GET", "/api/v1/standards", &[], None).json()["items"].as_array().unwrap().is_empty());
}

#[test]
fn the_catalogue_searches_pages_and_loads_in_batches() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let auth = format!("Bearer {admin}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    let items = json!([
        {"designation": "TCVN 6238-1:2017", "title_vi": "An toàn đồ chơi trẻ em", "ics_codes": ["97.200.50"]},
        {"designation": "TCVN 5502:2003", "title_vi": "Nước cấp sinh hoạt - Yêu cầu chất lượng", "ics_codes": ["13.060.20"]},
        {"designation": "CODEX STAN 193-1995", "title_en": "General Standard for Contaminants and Toxins in Food and Feed"},
        {"designation": "TCVN 7878", "title_vi": "Thiếu năm"},
    ]);
    let r = hub.send("POST", "/api/v1/standards/batch", &headers, Some(&items.to_string())).json();
    assert_eq!(r["succeeded"], 3, "{r}");
    assert_eq!(
        r["results"][3]["problem"]["errors"][0]["code"], "designation_year_required",
        "TCVN dates every designation"
    );
    let found = hub.send("GET", "/api/v1/standards?q=nuoc%20cap%20sinh%20hoat", &[], None).json();
    assert_eq!(found["items"][0]["designation"], "TCVN 5502:2003");
    let by_ics = hub.send("GET", "/api/v1/standards?ics=97.200", &[], None).json();
    assert_eq!(by_ics["items"].as_array().unwrap().len(), 1);
    let first = hub.send("GET", "/api/v1/standards?limit=2", &[], None).json();
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = hub.send("GET", &format!("/api/v1/standards?limit=2&cursor={cursor}"), &[], None).json();
    let all: Vec<&str> = first["items"]
        .as_array()
        .unwrap()
        .iter()
        .chain(second["items"].as_array().unwrap())
        .map(|s| s["designation"].as_str().unwrap())
        .collect();
    assert_eq!(all, vec!["CODEX STAN 193-1995", "TCVN 5502:2003", "TCVN 6238-1:2017"]);
    let id = found["items"][0]["id"].as_str().unwrap();
    let history = hub.get(&admin, &format!("/api/v1/standards/{id}/history")).json();
    assert_eq!(history["items"][0]["action"], "created");
}

#[test]
fn national_technical_regulations_are_recorded_searched_and_cited_like_standards() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let body = json!({"designation": "qcvn 03:2019/bkhcn", "title_vi": "Quy chuẩn kỹ thuật quốc gia về an toàn của đồ chơi trẻ em"});
    let r = hub.post(&admin, "/api/v1/standards", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    let created = r.json();
    assert_eq!(
        (created["designation"].as_str(), created["kind"].as_str(), created["year"].as_i64()),
        (Some("QCVN 03:2019/BKHCN"), Some("national_regulation"), Some(2019))
    );
    let bad = json!({"designation": "QCVN 03:2019", "title_vi": "x"});
    let p = hub.post(&admin, "/api/v1/standards", &bad).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "designation_format");
    let toy = json!({"designation": "TCVN 6238-1:2017", "title_vi": "An toàn đồ chơi trẻ em"});
    assert_eq!(hub.post(&admin, "/api/v1/standards", &toy).status, 201);
    let qcvn = hub.send("GET", "/api/v1/standards?kind=national_regulation", &[], None).json();
    let designations: Vec<&str> =
        qcvn["items"].as_array().unwrap().iter().map(|s| s["designation"].as_str().unwrap()).collect();
    assert_eq!(designations, ["QCVN 03:2019/BKHCN"]);
    let standards = hub.send("GET", "/api/v1/standards?kind=standard&q=do%20choi", &[], None).json();
    assert_eq!(standards["items"][0]["designation"], "TCVN 6238-1:2017");
    let read = hub.send("GET", "/api/v1/standards/by-designation/QCVN%2003%3A2019%2FBKHCN", &[], None);
    assert_eq!((read.status, read.json()["kind"].as_str()), (200, Some("national_regulation")), "{}", read.body);
    let (drafter, _) = hub.client_with_role("SCT", "sct-system", "agency_officer");
    let proposal = json!({"title_vi": "Đồ chơi trẻ em bán tại chợ", "sector": "công thương",
                          "cited_standards": [{"designation": "QCVN 03:2019/BKHCN", "clauses": "2.1"}]});
    let r = hub.post(&drafter, "/api/v1/technical-regulations", &proposal);
    assert_eq!(
        (r.status, r.json()["cited_standards"][0]["designation"].as_str()),
        (201, Some("QCVN 03:2019/BKHCN")),
        "{}",
        r.body
    );
}

#[test]
fn a_batch_may_record_a_replacement_before_the_standard_it_replaces() {
    let hub = Hub::start();
    let admin = hub.admin_token();
    let auth = format!("Bearer {admin}");
    let headers = [("Authorization", auth.as_str()), ("Content-Type", "application/json")];
    let items = json!([
        {"designation": "TCVN 5502:2025", "title_vi": "Nước cấp sinh hoạt"},
        {"designation": "TCVN 5502:2003", "title_vi": "Nước cấp sinh hoạt (cũ)", "status": "replaced", "replaced_by": "TCVN 5502:2025"},
    ]);
    let r = hub.send("POST", "/api/v1/standards/batch", &headers, Some(&items.to_string())).json();
    let statuses: Vec<i64> = r["results"].as_array().unwrap().iter().map(|x| x["status"].as_i64().unwrap()).collect();
    assert_eq!(statuses, vec![201, 201], "the second item sees the first: {r}");
    let old = hub.send("GET", "/api/v1/standards/by-designation/TCVN%205502:2003", &[], None).json();
    assert_eq!(old["replaced_by"], "TCVN 5502:2025");
    let again = hub.send("POST", "/api/v1/standards/batch", &headers, Some(&items.to_string())).json();
    assert_eq!(again["succeeded"], 2, "a resend changes nothing: {again}");
    let versions = hub.send("GET", "/api/v1/standards", &[], None).json();
    assert!(versions["items"].as_array().unwrap().iter().all(|s| s["version"] == 1), "{versions}");
}

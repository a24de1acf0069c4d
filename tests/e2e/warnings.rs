//! Rapid warnings: the consumer association's warning on a toy lot is verified, published (public,
//! in the Atom feed), its recall scope lists the shops that hold the lot and the agency responsible
//! for each, two agencies record their follow-ups, and it is resolved; the period's figures count it.

use serde_json::{Value, json};

use crate::support::{Hub, Resp, valid_tax_codes};
use crate::traceability::{capture, place};

const TOY: &str = "08934567800129";
const FACTORY: &str = "8934567891004";
const WAREHOUSE: &str = "8934567891011";
const SHOP_A: &str = "8934567891028";
const SHOP_B: &str = "8934567891035";

struct Desk {
    admin: String,
    association: String,
    sct: String,
    syt: String,
    dost: String,
}

/// The agencies and the supply chain: the factory and the warehouse recorded by DOST, shop A by the
/// Department of Industry and Trade, shop B by the Department of Health; their GLNs registered.
fn desk(hub: &Hub) -> Desk {
    let admin = hub.admin_token();
    let agency =
        json!({"code": "HBVNTD", "name_vi": "Hội Bảo vệ quyền lợi người tiêu dùng", "kind": "consumer_association"});
    assert_eq!(hub.post(&admin, "/api/v1/agencies", &agency).status, 201);
    let d = Desk {
        association: hub.client_with_role("HBVNTD", "hbvntd-system", "agency_officer").0,
        sct: hub.client_with_role("SCT", "sct-system", "agency_officer").0,
        syt: hub.client_with_role("SYT", "syt-system", "agency_officer").0,
        dost: hub.client_with_role("SKHCN", "skhcn-officer", "agency_officer").0,
        admin,
    };
    let taxes = valid_tax_codes(4);
    let owners = [&d.dost, &d.dost, &d.sct, &d.syt];
    for (i, (tax, owner)) in taxes.iter().zip(owners).enumerate() {
        let body = json!({"tax_code": tax, "name": format!("Cơ sở đồ chơi {i}")});
        assert_eq!(hub.post(owner, "/api/v1/businesses", &body).status, 201);
    }
    let places: Vec<Value> = [FACTORY, WAREHOUSE, SHOP_A, SHOP_B]
        .iter()
        .zip(&taxes)
        .map(|(gln, tax)| json!({"gln": gln, "tax_code": tax, "name": format!("Điểm {gln}"), "kind": "other"}))
        .collect();
    let r = hub.post(&d.dost, "/api/v1/traceability/locations/batch", &json!(places));
    assert_eq!(r.status, 200, "{}", r.body);
    d
}

fn toys(lot: &str, quantity: u32) -> Value {
    json!([{"epcClass": format!("https://id.gs1.org/01/{TOY}/10/{lot}"), "quantity": quantity}])
}

fn event(time: &str, step: &str, at: &str, fields: Value) -> Value {
    let mut e = json!({"type": "ObjectEvent", "eventTime": format!("2026-09-{time}:00+07:00"), "eventTimeZoneOffset": "+07:00",
                       "bizStep": step, "bizLocation": {"id": place(at)}});
    e.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    e
}

/// Lot L2409 made at the factory, shipped to the warehouse, then to shop A (received) and shop B
/// (not yet received); lot L2410 never leaves the factory.
fn supply_chain() -> Value {
    let to = |gln: &str| json!([{"type": "location", "destination": place(gln)}]);
    let events = vec![
        event("01T08:00", "commissioning", FACTORY, json!({"action": "ADD", "quantityList": toys("L2409", 500)})),
        event("01T09:00", "commissioning", FACTORY, json!({"action": "ADD", "quantityList": toys("L2410", 300)})),
        event(
            "02T08:00",
            "shipping",
            FACTORY,
            json!({"action": "OBSERVE", "quantityList": toys("L2409", 500), "destinationList": to(WAREHOUSE)}),
        ),
        event("02T16:00", "receiving", WAREHOUSE, json!({"action": "OBSERVE", "quantityList": toys("L2409", 500)})),
        event(
            "03T08:00",
            "shipping",
            WAREHOUSE,
            json!({"action": "OBSERVE", "quantityList": toys("L2409", 200), "destinationList": to(SHOP_A)}),
        ),
        event(
            "03T09:00",
            "shipping",
            WAREHOUSE,
            json!({"action": "OBSERVE", "quantityList": toys("L2409", 100), "destinationList": to(SHOP_B)}),
        ),
        event("03T15:00", "receiving", SHOP_A, json!({"action": "OBSERVE", "quantityList": toys("L2409", 200)})),
    ];
    json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
           "schemaVersion": "2.0", "creationDate": "2026-09-04T08:00:00+07:00", "epcisBody": {"eventList": events}})
}

fn warning() -> Value {
    json!({"title": "Gấu bông chứa phthalate vượt giới hạn",
           "product": {"name": "Gấu bông Teddy 30 cm", "brand": "ToyVui", "gtin": &TOY[1..], "lots": ["L2409"],
                       "photos": ["https://hbvntd.example.vn/anh/gau-bong.jpg"]},
           "hazards": ["health"], "risk_level": "serious",
           "hazard_description": "DEHP 0,8 % khối lượng, vượt giới hạn 0,1 % của QCVN 3:2019/BKHCN",
           "source": {"kind": "consumer_association", "reference": "CB-07/2026"},
           "handling_agency": "SCT"})
}

fn act(hub: &Hub, token: &str, id: &str, body: Value) -> Resp {
    hub.post(token, &format!("/api/v1/warnings/{id}/transitions"), &body)
}

fn anonymous(hub: &Hub, path: &str) -> Resp {
    hub.send("GET", path, &[], None)
}

#[test]
fn a_consumer_association_warning_is_published_traced_to_the_shops_followed_up_and_resolved() {
    let hub = Hub::start();
    let d = desk(&hub);
    capture(&hub, &d.dost, &supply_chain());

    let p = hub.post(&d.association, "/api/v1/warnings", &warning()).assert_problem(422, "validation_failed");
    assert_eq!(
        (p["errors"][0]["pointer"].as_str(), p["errors"][0]["code"].as_str()),
        (Some("/source/test_report"), Some("required"))
    );
    let mut unknown = warning();
    unknown["source"]["test_report"] = json!("PKN-2026/118");
    unknown["handling_agency"] = json!("NOPE");
    unknown["product"]["gtin"] = Value::Null;
    let p = hub.post(&d.association, "/api/v1/warnings", &unknown).assert_problem(422, "validation_failed");
    let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["required", "unknown_agency"]);

    let mut body = warning();
    body["source"]["test_report"] = json!("PKN-2026/118");
    let r = hub.post(&d.association, "/api/v1/warnings", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    let w = r.json();
    let id = w["id"].as_str().unwrap().to_owned();
    assert_eq!(r.header("Location"), Some(format!("/api/v1/warnings/{id}").as_str()));
    assert_eq!(
        (
            w["lead_agency"].as_str(),
            w["coordinating_agencies"].clone(),
            w["reported_by"].as_str(),
            w["product"]["gtin"].as_str()
        ),
        (Some("SCT"), json!(["HBVNTD"]), Some("HBVNTD"), Some(TOY))
    );
    assert_eq!((w["state"].as_str(), w["sharing"].as_str()), (Some("received"), Some("shared")));

    anonymous(&hub, &format!("/api/v1/warnings/{id}")).assert_problem(404, "not_found");
    assert_eq!(anonymous(&hub, "/api/v1/warnings").json()["items"], json!([]));
    act(&hub, &d.syt, &id, json!({"action": "verify"})).assert_problem(403, "not_lead_agency");
    act(&hub, &d.sct, &id, json!({"action": "publish"})).assert_problem(409, "illegal_transition");
    let reaction = json!({"outlets_checked": 12, "outlets_found": 3, "quantity_withdrawn": 41.0, "unit": "chiếc",
                          "measure": "withdrawn", "note": "Tìm thấy tại 3 cửa hàng, đã thu hồi 41 sản phẩm"});
    let path = format!("/api/v1/warnings/{id}/reactions");
    hub.post(&d.syt, &path, &reaction).assert_problem(409, "not_published");

    assert_eq!(act(&hub, &d.sct, &id, json!({"action": "verify"})).status, 200);
    let r = act(&hub, &d.dost, &id, json!({"action": "publish"}));
    assert_eq!(r.status, 200, "{}", r.body);
    assert_eq!(r.json()["warning"]["sharing"], "public");

    let public = anonymous(&hub, &format!("/api/v1/warnings/{id}"));
    assert_eq!((public.status, public.json()["state"].as_str()), (200, Some("published")));
    let feed = anonymous(&hub, "/api/v1/warnings/feed.atom");
    assert_eq!(feed.status, 200);
    assert!(feed.header("Content-Type").unwrap().starts_with("application/atom+xml"));
    assert!(feed.body.starts_with("<?xml") && feed.body.contains(&format!("<id>urn:uuid:{id}</id>")), "{}", feed.body);
    assert!(feed.body.contains("Gấu bông chứa phthalate vượt giới hạn — Gấu bông Teddy 30 cm"));

    let stamp = |lot: &str| hub.send("GET", &format!("/01/{TOY}/10/{lot}"), &[("Accept", "text/html")], None).body;
    let banner = "CẢNH BÁO của cơ quan quản lý: Gấu bông chứa phthalate vượt giới hạn";
    assert!(stamp("L2409").contains(banner), "the QR stamp's page shows the warning first");
    assert!(!stamp("L2410").contains(banner), "not on a lot the warning does not name");
    let csv = anonymous(&hub, "/api/v1/warnings/export?risk_level=serious").body;
    assert!(csv.starts_with("id,lead_agency,title") && csv.contains(&id) && csv.contains("L2409"), "{csv}");
    let scope = hub.get(&d.syt, &format!("/api/v1/warnings/{id}/recall-scope"));
    assert_eq!(scope.status, 200, "{}", scope.body);
    let scope = scope.json();
    let holders: Vec<(&str, &str, bool)> = scope["lots"][0]["holders"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            (
                h["gln"].as_str().unwrap(),
                h["responsible_agency"].as_str().unwrap(),
                h["destination_only"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        holders,
        [(FACTORY, "SKHCN", false), (WAREHOUSE, "SKHCN", false), (SHOP_A, "SCT", false), (SHOP_B, "SYT", true)]
    );
    let agencies: Vec<(&str, u64, bool)> = scope["agencies"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| (a["agency"].as_str().unwrap(), a["holders"].as_u64().unwrap(), a["reacted"].as_bool().unwrap()))
        .collect();
    assert_eq!(agencies, [("SCT", 1, false), ("SKHCN", 2, false), ("SYT", 1, false)]);

    let r = hub.post(&d.syt, &path, &reaction);
    assert_eq!(r.status, 201, "{}", r.body);
    let reacted = r.json();
    assert_eq!(
        (reacted["lead_agency"].as_str(), reacted["coordinating_agencies"].clone()),
        (Some("SYT"), json!(["SCT"]))
    );
    let got = hub.get(&d.dost, r.header("Location").unwrap());
    assert_eq!((got.status, got.json()["outlets_found"].as_i64()), (200, Some(3)));
    let mut wrong = reaction.clone();
    wrong["outlets_found"] = json!(13);
    let p = hub.post(&d.sct, &path, &wrong).assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "more_than_checked");
    let own =
        json!({"outlets_checked": 5, "outlets_found": 1, "measure": "sale_banned", "note": "Cấm bán tại cửa hàng A"});
    assert_eq!(hub.post(&d.sct, &path, &own).status, 201);
    let listed = hub.get(&d.dost, &path).json();
    let by: Vec<&str> =
        listed["items"].as_array().unwrap().iter().map(|r| r["lead_agency"].as_str().unwrap()).collect();
    assert_eq!(by, ["SYT", "SCT"]);
    let scope = hub.get(&d.dost, &format!("/api/v1/warnings/{id}/recall-scope")).json();
    let reacted: Vec<bool> =
        scope["agencies"].as_array().unwrap().iter().map(|a| a["reacted"].as_bool().unwrap()).collect();
    assert_eq!(reacted, [true, false, true]);

    let measures = json!([{"kind": "withdrawal", "nature": "compulsory", "deadline": "2026-09-20",
                           "description": "Thu hồi toàn bộ lô L2409 khỏi các cửa hàng"}]);
    act(&hub, &d.sct, &id, json!({"action": "start_measures"})).assert_problem(422, "validation_failed");
    assert_eq!(act(&hub, &d.sct, &id, json!({"action": "start_measures", "measures": measures})).status, 200);
    let resolved = act(&hub, &d.sct, &id, json!({"action": "resolve", "resolution": "Đã thu hồi 300 sản phẩm"}));
    assert_eq!(resolved.status, 200, "{}", resolved.body);
    let resolved = resolved.json();
    assert_eq!(
        (resolved["warning"]["state"].as_str(), resolved["warning"]["next_actions"].clone()),
        (Some("resolved"), json!([]))
    );
    hub.post(&d.syt, &path, &reaction).assert_problem(409, "not_published");
    assert!(!stamp("L2409").contains(banner), "a resolved warning leaves the page");
    let moves = hub.get(&d.admin, &format!("/api/v1/warnings/{id}/transitions")).json();
    let actions: Vec<&str> = moves["items"].as_array().unwrap().iter().map(|m| m["action"].as_str().unwrap()).collect();
    assert_eq!(actions, ["verify", "publish", "start_measures", "resolve"]);

    let today = tdc_kernel::calendar::today();
    let figures = hub.get(&d.dost, &format!("/api/v1/warnings/figures?from={today}&to={today}")).json();
    assert_eq!((figures["published"].as_i64(), figures["resolved"].as_i64()), (Some(1), Some(1)));
    assert_eq!(figures["resolution_rate"].as_f64(), Some(100.0));
    let p = hub.get(&d.dost, &format!("/api/v1/warnings/figures?from={today}&to=2020-01-01"));
    assert_eq!(p.assert_problem(400, "malformed_request")["errors"][0]["code"], "invalid_parameter");
}

#[test]
fn a_rejected_warning_never_becomes_public_and_one_without_lots_has_nothing_to_trace() {
    let hub = Hub::start();
    let d = desk(&hub);
    let body = json!({"title": "Phản ánh qua đường dây nóng", "product": {"name": "Nồi cơm điện không nhãn"},
                      "hazards": ["property"], "risk_level": "medium", "hazard_description": "Chập điện khi sử dụng",
                      "source": {"kind": "hotline", "reference": "DN-2026-0042"}});
    let r = hub.post(&d.sct, "/api/v1/warnings", &body);
    assert_eq!(r.status, 201, "{}", r.body);
    let id = r.json()["id"].as_str().unwrap().to_owned();
    hub.get(&d.syt, &format!("/api/v1/warnings/{id}/recall-scope")).assert_problem(409, "nothing_to_trace");
    act(&hub, &d.sct, &id, json!({"action": "reject"})).assert_problem(422, "validation_failed");
    let r = act(&hub, &d.dost, &id, json!({"action": "reject", "reason": "Không xác minh được sản phẩm"}));
    assert_eq!(r.status, 200, "{}", r.body);
    anonymous(&hub, &format!("/api/v1/warnings/{id}")).assert_problem(404, "not_found");
    let feed = anonymous(&hub, "/api/v1/warnings/feed.atom").body;
    assert!(!feed.contains(&id) && feed.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\">"), "{feed}");
    let listed = hub.get(&d.syt, "/api/v1/warnings?state=rejected&source_kind=hotline").json();
    assert_eq!(listed["items"][0]["outcome"], "Không xác minh được sản phẩm");
    let p = hub.get(&d.syt, "/api/v1/warnings?gtin=123").assert_problem(400, "malformed_request");
    assert_eq!(p["errors"][0]["code"], "gtin_format");
    let today = tdc_kernel::calendar::today();
    let figures = hub.get(&d.sct, &format!("/api/v1/warnings/figures?from={today}&to={today}")).json();
    assert_eq!((figures["published"].as_i64(), figures["rejected"].as_i64()), (Some(0), Some(1)));
    assert!(figures.get("resolution_rate").is_none());
}

//! The province's traceability over the captured EPCIS events: a lot of longan traced from the farm
//! through the drying plant (a transformation) and a pallet (packed, shipped, unpacked) to the shop
//! and back; lots joined to products; locations joined to businesses and their agencies.

use serde_json::{Value, json};

use crate::support::{Hub, valid_tax_codes};

pub const FARM: &str = "8934567000017";
pub const PLANT: &str = "8934567000024";
pub const SHOP: &str = "8934567000031";
const MARKET: &str = "8934567000048";
const ELSEWHERE: &str = "8934567000055";
pub const FRESH: &str = "08934567890120";
pub const DRIED: &str = "08934567890137";
pub const PALLET: &str = "https://id.gs1.org/00/089345670000000994";

pub fn place(gln: &str) -> String {
    format!("https://id.gs1.org/414/{gln}")
}

pub fn class(gtin: &str, lot: &str) -> String {
    format!("https://id.gs1.org/01/{gtin}/10/{lot}")
}

pub fn amount(gtin: &str, lot: &str, quantity: u32) -> Value {
    json!({"epcClass": class(gtin, lot), "quantity": quantity, "uom": "KGM"})
}

pub fn event(kind: &str, time: &str, step: &str, at: &str, fields: Value) -> Value {
    let mut e = json!({"type": kind, "eventTime": format!("2026-08-{time}:00+07:00"), "eventTimeZoneOffset": "+07:00",
                       "bizStep": step, "bizLocation": {"id": place(at)}});
    e.as_object_mut().unwrap().extend(fields.as_object().unwrap().clone());
    e
}

fn sent_to(gln: &str) -> Value {
    json!([{"type": "location", "destination": place(gln)}])
}

/// The longan's journey: harvested at the farm (1,000 kg of lot N1), 600 kg shipped to and received
/// at the plant, dried into 200 kg of lot S1, packed on a pallet, shipped to the shop, received and
/// unpacked there, 5 kg sold; later the other 400 kg leave the farm for a market that has not
/// reported, and the pallet, reused, carries something else elsewhere.
pub fn journey() -> Value {
    let events = vec![
        event(
            "ObjectEvent",
            "01T06:00",
            "commissioning",
            FARM,
            json!({"action": "ADD",
            "quantityList": [amount(FRESH, "N1", 1000)], "ilmd": {"cbvmda:bestBeforeDate": "2026-08-20"}}),
        ),
        event(
            "ObjectEvent",
            "02T07:00",
            "shipping",
            FARM,
            json!({"action": "OBSERVE",
            "quantityList": [amount(FRESH, "N1", 600)], "destinationList": sent_to(PLANT)}),
        ),
        event(
            "ObjectEvent",
            "02T15:00",
            "receiving",
            PLANT,
            json!({"action": "OBSERVE", "quantityList": [amount(FRESH, "N1", 600)]}),
        ),
        event(
            "TransformationEvent",
            "03T08:00",
            "commissioning",
            PLANT,
            json!({"inputQuantityList": [amount(FRESH, "N1", 600)],
            "outputQuantityList": [amount(DRIED, "S1", 200)], "ilmd": {"cbvmda:itemExpirationDate": "2027-08-03"}}),
        ),
        event(
            "AggregationEvent",
            "04T08:00",
            "packing",
            PLANT,
            json!({"action": "ADD", "parentID": PALLET,
            "childQuantityList": [amount(DRIED, "S1", 200)]}),
        ),
        event(
            "ObjectEvent",
            "04T10:00",
            "shipping",
            PLANT,
            json!({"action": "OBSERVE", "epcList": [PALLET], "destinationList": sent_to(SHOP)}),
        ),
        event("ObjectEvent", "05T09:00", "receiving", SHOP, json!({"action": "OBSERVE", "epcList": [PALLET]})),
        event(
            "AggregationEvent",
            "05T09:30",
            "unpacking",
            SHOP,
            json!({"action": "DELETE", "parentID": PALLET,
            "childQuantityList": [amount(DRIED, "S1", 200)]}),
        ),
        event(
            "ObjectEvent",
            "06T18:00",
            "retail_selling",
            SHOP,
            json!({"action": "OBSERVE", "quantityList": [amount(DRIED, "S1", 5)]}),
        ),
        event(
            "ObjectEvent",
            "07T07:00",
            "shipping",
            FARM,
            json!({"action": "OBSERVE",
            "quantityList": [amount(FRESH, "N1", 400)], "destinationList": sent_to(MARKET)}),
        ),
        event("ObjectEvent", "09T07:00", "shipping", ELSEWHERE, json!({"action": "OBSERVE", "epcList": [PALLET]})),
    ];
    json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
           "schemaVersion": "2.0", "creationDate": "2026-08-10T08:00:00+07:00", "epcisBody": {"eventList": events}})
}

struct Chain {
    officer: String,
    viewer: String,
    taxes: Vec<String>,
}

fn chain(hub: &Hub) -> Chain {
    let admin = hub.admin_token();
    let officer = hub.client_with_role("SKHCN", "trace-officer", "agency_officer").0;
    let viewer = hub.client_with_role("SYT", "syt-viewer", "viewer").0;
    let taxes = valid_tax_codes(3);
    for (tax, name) in
        taxes.iter().zip(["HTX Nhãn lồng Hàm Tử", "Công ty Chế biến Nông sản Phố Hiến", "Siêu thị Hưng Yên"])
    {
        assert_eq!(hub.post(&admin, "/api/v1/businesses", &json!({"tax_code": tax, "name": name})).status, 201);
    }
    let category = json!({"name_vi": "Nông sản", "risk_class": "low", "risk_source": "Thông tư 01/2009/TT-BKHCN"});
    assert_eq!(hub.put(&admin, "/api/v1/product-categories/by-code/farm", None, &category).status, 201);
    let product =
        json!({"name": "Long nhãn sấy", "gtin": DRIED, "category_code": "farm", "manufacturer_tax_code": taxes[1]});
    assert_eq!(hub.post(&admin, "/api/v1/products", &product).status, 201);
    let batch: Vec<Value> = [(FARM, 0, "farm"), (PLANT, 1, "plant"), (SHOP, 2, "shop")]
        .iter()
        .map(|(gln, i, kind)| json!({"gln": gln, "tax_code": taxes[*i], "name": format!("Điểm {kind}"), "kind": kind}))
        .collect();
    let r = hub.post(&officer, "/api/v1/traceability/locations/batch", &json!(batch));
    assert_eq!(r.status, 200, "{}", r.body);
    Chain { officer, viewer, taxes }
}

pub fn capture(hub: &Hub, token: &str, document: &Value) {
    let auth = format!("Bearer {token}");
    let headers = [("Content-Type", "application/ld+json"), ("Authorization", auth.as_str())];
    let r = hub.send("POST", "/epcis/v2/capture", &headers, Some(&document.to_string()));
    assert_eq!(r.status, 202, "{}", r.body);
}

fn trace(hub: &Hub, token: &str, query: &str) -> Value {
    let r = hub.get(token, &format!("/api/v1/traceability/trace?{query}"));
    assert_eq!(r.status, 200, "{}", r.body);
    r.json()
}

fn steps(trace: &Value) -> Vec<String> {
    let events = trace["events"].as_array().unwrap();
    events
        .iter()
        .map(|e| e["biz_step"].as_str().unwrap().trim_start_matches("https://ref.gs1.org/cbv/BizStep-").to_owned())
        .collect()
}

fn holders(trace: &Value) -> Vec<(String, bool)> {
    let holders = trace["holders"].as_array().unwrap();
    holders.iter().map(|h| (h["gln"].as_str().unwrap().to_owned(), h["destination_only"].as_bool().unwrap())).collect()
}

#[test]
fn a_lot_is_traced_from_the_farm_to_the_shop_and_back_through_the_plant_and_a_pallet() {
    let hub = Hub::start();
    let c = chain(&hub);
    capture(&hub, &c.officer, &journey());

    let forward = trace(&hub, &c.viewer, &format!("gtin={}&lot=N1&direction=forward", &FRESH[1..]));
    let followed: Vec<(&str, &str, u64)> = forward["identifiers"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["value"].as_str().unwrap(), i["relation"].as_str().unwrap(), i["hop"].as_u64().unwrap()))
        .collect();
    let (n1, s1) = (class(FRESH, "N1"), class(DRIED, "S1"));
    assert_eq!(followed, [(n1.as_str(), "start", 0), (s1.as_str(), "made_from", 1), (PALLET, "packed_in", 2)]);
    let expected = [
        "commissioning",
        "shipping",
        "receiving",
        "commissioning",
        "packing",
        "shipping",
        "receiving",
        "unpacking",
        "retail_selling",
        "shipping",
    ];
    assert_eq!(steps(&forward), expected, "the reused pallet's later journey is not the lot's");
    let reached = [(FARM, false), (PLANT, false), (SHOP, false), (MARKET, true)].map(|(g, d)| (g.to_owned(), d));
    assert_eq!(holders(&forward), reached);
    assert_eq!((forward["hops"].clone(), forward["truncated"].clone()), (json!(2), json!(false)));

    let shop = &forward["holders"][2];
    assert_eq!(shop["business_name"], "Siêu thị Hưng Yên");
    assert_eq!(shop["registered"]["tax_code"], c.taxes[2].as_str());
    let business = hub.get(&c.viewer, &format!("/api/v1/businesses/by-tax-code/{}", c.taxes[2])).json();
    assert_eq!(shop["responsible_agency"], business["lead_agency"]);
    assert_eq!(shop["epcs"], 1, "the pallet was received there");
    let sold = shop["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["biz_step"].as_str().unwrap().ends_with("retail_selling"));
    assert_eq!(sold.unwrap()["quantity"], 5.0);
    let farm = &forward["holders"][0];
    let produced = farm["quantities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["biz_step"].as_str().unwrap().ends_with("commissioning"));
    assert_eq!(
        (produced.unwrap()["quantity"].clone(), produced.unwrap()["uom"].clone()),
        (json!(1000.0), json!("KGM"))
    );
    assert_eq!(forward["holders"][3]["responsible_agency"], Value::Null, "the market's GLN is not registered");

    let backward = trace(&hub, &c.viewer, &format!("epc={}&direction=backward", urlencoding(&s1)));
    let expected = [
        "commissioning",
        "shipping",
        "receiving",
        "commissioning",
        "packing",
        "shipping",
        "receiving",
        "unpacking",
        "retail_selling",
    ];
    assert_eq!(steps(&backward), expected, "the rest of the fresh lot, shipped after drying, is not a source");
    assert_eq!(backward["identifiers"][1]["relation"], "input_of");
    assert_eq!(holders(&backward), [(FARM, false), (PLANT, false), (SHOP, false)].map(|(g, d)| (g.to_owned(), d)));

    let short = trace(&hub, &c.viewer, &format!("gtin={FRESH}&lot=N1&direction=forward&max_hops=1"));
    assert_eq!((short["hops"].clone(), short["truncated"].clone()), (json!(1), json!(true)));
    let both = trace(&hub, &c.viewer, &format!("gtin={DRIED}&lot=S1"));
    assert_eq!(both["lot"]["product_name"], "Long nhãn sấy");
    assert_eq!(steps(&both).len(), 9, "both ways: the sources and where the lot went");
    let nothing = trace(&hub, &c.viewer, "epc=urn:epc:id:sgtin:8934567.089012.NEVER");
    assert_eq!(
        (nothing["events"].clone(), nothing["holders"].clone(), nothing["lot"].clone()),
        (json!([]), json!([]), Value::Null)
    );
}

fn urlencoding(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

#[test]
fn a_trace_refuses_an_unclear_question() {
    let hub = Hub::start();
    let viewer = hub.client_with_role("SYT", "syt-viewer", "viewer").0;
    let refused = |query: &str, code: &str| {
        let r = hub.get(&viewer, &format!("/api/v1/traceability/trace?{query}"));
        let p = r.assert_problem(400, "malformed_request");
        assert_eq!(p["errors"][0]["code"], code, "{query}: {p}");
    };
    refused("lot=N1", "trace_start");
    refused(&format!("gtin={FRESH}&lot=N1&epc=x"), "trace_start");
    refused("gtin=08934567890121&lot=N1", "gtin_checksum");
    refused("gtin=12ab&lot=N1", "gtin_format");
    refused(&format!("gtin={FRESH}&lot=ABCDEFGHIJKLMNOPQRSTU"), "lot_format");
    refused(&format!("gtin={FRESH}&lot=N1&max_hops=21"), "invalid_parameter");
    hub.get(&viewer, "/api/v1/traceability/trace?epc=x&direction=sideways").assert_problem(400, "malformed_request");
    hub.send("GET", "/api/v1/traceability/trace?epc=x", &[], None).assert_problem(401, "unauthorized");
}

#[test]
fn lots_are_kept_from_the_events_and_joined_to_their_product() {
    let hub = Hub::start();
    let c = chain(&hub);
    capture(&hub, &c.officer, &journey());
    capture(&hub, &c.officer, &journey());
    let fresh = hub.get(&c.viewer, &format!("/api/v1/traceability/lots/{FRESH}/N1"));
    assert_eq!(fresh.status, 200, "{}", fresh.body);
    let fresh = fresh.json();
    assert_eq!(
        (fresh["quantity"].clone(), fresh["uom"].clone(), fresh["events"].clone()),
        (json!(1000.0), json!("KGM"), json!(5))
    );
    assert_eq!(
        (fresh["producer_location"].as_str(), fresh["producer_tax_code"].as_str()),
        (Some(place(FARM).as_str()), Some(c.taxes[0].as_str()))
    );
    assert_eq!((fresh["best_before_date"].clone(), fresh["product_id"].clone()), (json!("2026-08-20"), Value::Null));
    assert_eq!(fresh["produced_at"], "2026-07-31T23:00:00Z");

    let dried = hub.get(&c.viewer, &format!("/api/v1/traceability/lots/{DRIED}/S1")).json();
    assert_eq!(
        (dried["quantity"].clone(), dried["producer_tax_code"].as_str()),
        (json!(200.0), Some(c.taxes[1].as_str()))
    );
    assert_eq!(
        (dried["expiry_date"].clone(), dried["product_name"].clone()),
        (json!("2027-08-03"), json!("Long nhãn sấy"))
    );
    assert_eq!(dried["events"], 4, "made, packed, unpacked, sold; captured twice, counted once");

    let more = json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
        "schemaVersion": "2.0", "creationDate": "2026-08-11T08:00:00+07:00", "epcisBody": {"eventList": [
            event("ObjectEvent", "11T06:00", "commissioning", FARM, json!({"action": "ADD", "quantityList": [amount(FRESH, "N2", 300)]})),
            event("ObjectEvent", "11T07:00", "commissioning", FARM, json!({"action": "ADD", "eventID": "urn:uuid:00000000-0000-4000-8000-00000000e001",
                "quantityList": [amount(FRESH, "N1", 50)]}))]}});
    capture(&hub, &c.officer, &more);
    let fresh = hub.get(&c.viewer, &format!("/api/v1/traceability/lots/{FRESH}/N1")).json();
    assert_eq!((fresh["quantity"].clone(), fresh["events"].clone()), (json!(1050.0), json!(6)));
    let page = hub.get(&c.viewer, &format!("/api/v1/traceability/lots?gtin={FRESH}&limit=1")).json();
    assert_eq!(page["items"][0]["lot"], "N1");
    let cursor = page["next_cursor"].as_str().unwrap();
    let next = hub.get(&c.viewer, &format!("/api/v1/traceability/lots?gtin={FRESH}&limit=1&cursor={cursor}")).json();
    assert_eq!((next["items"][0]["lot"].clone(), next.get("next_cursor")), (json!("N2"), None));
    hub.get(&c.viewer, &format!("/api/v1/traceability/lots/{FRESH}/NONE")).assert_problem(404, "not_found");

    let mut mistaken = more.clone();
    let list = mistaken["epcisBody"]["eventList"].as_array_mut().unwrap();
    list.remove(0);
    list[0]["errorDeclaration"] = json!({"declarationTime": "2026-08-12T08:00:00+07:00", "reason": "incorrect_data"});
    capture(&hub, &c.officer, &mistaken);
    let fresh = hub.get(&c.viewer, &format!("/api/v1/traceability/lots/{FRESH}/N1")).json();
    assert_eq!(
        (fresh["quantity"].clone(), fresh["events"].clone()),
        (json!(1000.0), json!(5)),
        "the event declared in error no longer counts"
    );
    hub.get(&c.viewer, "/api/v1/traceability/lots?gtin=123").assert_problem(400, "malformed_request");
}

#[test]
fn a_location_names_its_business_and_only_its_agency_changes_it() {
    let hub = Hub::start();
    let c = chain(&hub);
    let path = format!("/api/v1/traceability/locations/by-gln/{FARM}");
    let first = hub.get(&c.viewer, &path).json();
    assert_eq!(
        (first["kind"].clone(), first["lead_agency"].clone(), first["version"].clone()),
        (json!("farm"), json!("SKHCN"), json!(1))
    );
    let same = json!({"tax_code": c.taxes[0], "name": "Điểm farm", "kind": "farm"});
    assert_eq!(hub.put(&c.officer, &path, None, &same).status, 200, "an identical resend changes nothing");
    let moved = json!({"tax_code": c.taxes[0], "name": "Vùng trồng nhãn Hàm Tử", "kind": "farm"});
    hub.put(&c.officer, &path, None, &moved).assert_problem(428, "precondition_required");
    let r = hub.put(&c.officer, &path, Some("\"1\""), &moved);
    assert_eq!((r.status, r.json()["version"].clone()), (200, json!(2)));
    let other = hub.client_with_role("SCT", "sct-system", "agency_officer").0;
    hub.put(&other, &path, Some("\"2\""), &moved).assert_problem(403, "not_lead_agency");
    let id = first["id"].as_str().unwrap();
    let history = hub.get(&c.viewer, &format!("/api/v1/traceability/locations/{id}/history")).json();
    assert_eq!(history["items"].as_array().unwrap().len(), 2);

    let unknown =
        json!({"tax_code": valid_tax_codes(4)[3], "name": "Kho", "kind": "warehouse", "commune_code": "nowhere"});
    let p = hub
        .put(&c.officer, &format!("/api/v1/traceability/locations/by-gln/{MARKET}"), None, &unknown)
        .assert_problem(422, "validation_failed");
    let codes: Vec<&str> = p["errors"].as_array().unwrap().iter().map(|e| e["code"].as_str().unwrap()).collect();
    assert_eq!(codes, ["unknown_business", "unknown_unit"]);
    let p = hub
        .put(&c.officer, "/api/v1/traceability/locations/by-gln/8934567000010", None, &same)
        .assert_problem(422, "validation_failed");
    assert_eq!(p["errors"][0]["code"], "gln_checksum");
    hub.put(&c.viewer, &path, Some("\"2\""), &moved).assert_problem(403, "insufficient_scope");
    let list = hub.get(&c.viewer, &format!("/api/v1/traceability/locations?tax_code={}", c.taxes[1])).json();
    assert_eq!(list["items"][0]["gln"], PLANT);
}

#[test]
fn captures_naming_the_same_lots_at_once_all_land_and_count_every_event() {
    let hub = Hub::start();
    let officer = hub.client_with_role("SKHCN", "trace-officer", "agency_officer").0;
    let document = |writer: usize| {
        let mut events: Vec<Value> = (0..200)
            .map(|i| {
                let time = format!("{:02}T{:02}:{:02}", 10 + writer, i / 60, i % 60);
                event(
                    "ObjectEvent",
                    &time,
                    "receiving",
                    SHOP,
                    json!({"action": "OBSERVE", "quantityList": [amount(FRESH, &format!("L{}", i % 50), 1)]}),
                )
            })
            .collect();
        if writer % 2 == 1 {
            events.reverse();
        }
        json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"], "type": "EPCISDocument",
               "schemaVersion": "2.0", "creationDate": "2026-08-10T08:00:00+07:00", "epcisBody": {"eventList": events}})
    };
    std::thread::scope(|s| {
        for writer in 0..4 {
            let (hub, officer, document) = (&hub, &officer, document(writer));
            s.spawn(move || capture(hub, officer, &document));
        }
    });
    for lot in ["L0", "L49"] {
        let found = hub.get(&officer, &format!("/api/v1/traceability/lots/{FRESH}/{lot}")).json();
        assert_eq!((found["events"].clone(), found["quantity"].clone()), (json!(16), Value::Null), "{lot}: {found}");
    }
}

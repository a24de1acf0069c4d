//! EPCIS 2.0 conformance, as `../shared/testdata/epcis/README.md` says a test should run: every GS1
//! example captured and returned field by field, every invalid document refused with nothing
//! stored, events without an `eventID` identified by their CBV 2.0 hash and stored once; then the
//! query parameters, paging and the binding's errors. The files are read where they are (GS1's,
//! never copied here; see [`testdata`]).

use std::path::PathBuf;

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use serde_json::{Value, json};
use tdc_traceability::epcis::{document::Document, hash};

use crate::support::{Hub, Resp};

/// Where the kit is: `TDC_EPCIS_TESTDATA`, else `shared/testdata/epcis` beside the checkout, else
/// beside the workspace the project lives in (`/work/shared`). Missing, the test fails.
fn testdata() -> PathBuf {
    let beside = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/testdata/epcis");
    let places = [
        std::env::var_os("TDC_EPCIS_TESTDATA").map(PathBuf::from),
        Some(beside),
        Some("/work/shared/testdata/epcis".into()),
    ];
    let found = places.into_iter().flatten().find(|p| p.join("README.md").exists());
    found.expect("the EPCIS test data (../shared/testdata/epcis beside the checkout, or TDC_EPCIS_TESTDATA)")
}

fn files(folder: &str) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut dirs = vec![testdata().join(folder)];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "jsonld") {
                found.push(path);
            }
        }
    }
    found.sort();
    found
}

const LD: (&str, &str) = ("Content-Type", "application/ld+json");

fn capture(hub: &Hub, token: &str, document: &Value, behaviour: &str) -> Resp {
    let auth = format!("Bearer {token}");
    let headers = [
        LD,
        ("Authorization", auth.as_str()),
        ("GS1-EPCIS-Version", "2.0"),
        ("GS1-Capture-Error-Behaviour", behaviour),
    ];
    hub.send("POST", "/epcis/v2/capture", &headers, Some(&document.to_string()))
}

fn events_of(document: &Value) -> Vec<Value> {
    let body = &document["epcisBody"];
    let list = body.get("eventList").or_else(|| body["queryResults"]["resultsBody"].get("eventList"));
    list.and_then(Value::as_array).cloned().unwrap_or_default()
}

/// The document with fresh eventIDs (the examples reuse theirs), corrective references following.
fn with_fresh_ids(document: &Value, tag: usize) -> Value {
    let text = document.to_string();
    let mut text = text.clone();
    for (i, event) in events_of(document).iter().enumerate() {
        if let Some(id) = event["eventID"].as_str() {
            text = text.replace(&format!("\"{id}\""), &format!("\"urn:uuid:00000000-0000-4000-8000-{tag:06}{i:06}\""));
        }
    }
    serde_json::from_str(&text).unwrap()
}

fn query(hub: &Hub, token: &str, params: &str) -> Value {
    let r = hub.get(token, &format!("/epcis/v2/events?{params}"));
    assert_eq!(r.status, 200, "{params}: {}", r.body);
    r.json()
}

fn listed(document: &Value) -> Vec<Value> {
    document["epcisBody"]["queryResults"]["resultsBody"]["eventList"].as_array().cloned().unwrap_or_default()
}

fn encoded(id: &str) -> String {
    utf8_percent_encode(id, NON_ALPHANUMERIC).to_string()
}

/// The event as returned, without what the server sets (`recordTime`, an assigned `eventID`).
fn as_captured(mut returned: Value, sent: &Value) -> Value {
    let object = returned.as_object_mut().unwrap();
    object.remove("recordTime");
    object.remove("@context");
    if sent.get("eventID").is_none() {
        object.remove("eventID");
    }
    returned
}

#[test]
fn every_gs1_example_is_captured_and_returned_field_by_field_and_once() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    for (tag, path) in files("examples").iter().enumerate() {
        let raw = std::fs::read(path).unwrap();
        let document = with_fresh_ids(&serde_json::from_slice(&raw).unwrap(), tag);
        let sent = events_of(&document);
        let r = capture(&hub, &token, &document, "rollback");
        assert_eq!(r.status, 202, "{}: {}", path.display(), r.body);
        assert_eq!(r.header("GS1-EPCIS-Version"), Some("2.0.0"));
        let job = hub.get(&token, r.header("Location").unwrap()).json();
        assert_eq!(
            (job["running"].clone(), job["success"].clone(), job["stored"].clone()),
            (json!(false), json!(true), json!(sent.len())),
            "{}",
            path.display()
        );
        let parsed = Document::parse(document.to_string().as_bytes()).unwrap();
        let hashes = hash::event_ids(&parsed.events, parsed.context.as_ref());
        for (event, hashed) in sent.iter().zip(hashes) {
            let id = event["eventID"].as_str().map_or(hashed, str::to_owned);
            let answer = query(&hub, &token, &format!("EQ_eventID={}", encoded(&id)));
            let found = listed(&answer);
            assert_eq!(found.len(), 1, "{} {id}", path.display());
            assert_eq!(found[0]["eventID"], json!(id));
            let mut expected = event.clone();
            expected.as_object_mut().unwrap().remove("recordTime");
            assert_eq!(as_captured(found[0].clone(), event), expected, "{}", path.display());
            assert!(found[0]["recordTime"].is_string());
        }
        let again = capture(&hub, &token, &document, "rollback");
        assert_eq!(again.status, 202, "{}", again.body);
        assert_eq!(
            (again.json()["stored"].clone(), again.json()["repeated"].clone()),
            (json!(0), json!(sent.len())),
            "{} twice",
            path.display()
        );
    }
}

#[test]
fn every_invalid_document_is_refused_and_nothing_of_it_is_stored() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    for path in files("invalid") {
        let document: Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
        let r = capture(&hub, &token, &document, "rollback");
        assert_eq!(r.status, 400, "{}: {}", path.display(), r.body);
        assert_eq!(r.json()["type"], "epcisException:ValidationException", "{}", path.display());
        assert!(r.json()["errors"][0]["pointer"].as_str().unwrap().starts_with("/epcisBody/eventList/"), "{}", r.body);
        assert_eq!(listed(&query(&hub, &token, "perPage=1000")).len(), 0, "{} stored something", path.display());
    }
    let second_bad = files("invalid").into_iter().find(|p| p.to_string_lossy().contains("duplicate-epc")).unwrap();
    let document: Value = serde_json::from_slice(&std::fs::read(second_bad).unwrap()).unwrap();
    let r = capture(&hub, &token, &document, "proceed");
    assert_eq!(r.status, 202, "{}", r.body);
    let job = r.json();
    assert_eq!((job["success"].clone(), job["stored"].clone()), (json!(false), json!(1)));
    assert_eq!(job["errors"][0]["code"], "unique_items");
    assert_eq!(job["errors"][0]["pointer"], "/epcisBody/eventList/1/epcList/1");
    assert_eq!(listed(&query(&hub, &token, "perPage=1000")).len(), 1);
}

fn province_document() -> Value {
    json!({
        "@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld", {"hp": "https://tdc.haiphong.gov.vn/epcis/"}],
        "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-03-01T08:00:00+07:00",
        "epcisBody": {"eventList": [
            {"type": "ObjectEvent", "eventTime": "2026-03-01T08:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "ADD",
             "bizStep": "commissioning", "disposition": "active", "bizLocation": {"id": "urn:epc:id:sgln:8934567.00001.0"},
             "epcList": ["https://id.gs1.org/01/08934567890120/21/S1", "https://id.gs1.org/01/08934567890120/21/S2"],
             "quantityList": [{"epcClass": "https://id.gs1.org/01/08934567890120/10/LOT7", "quantity": 100, "uom": "KGM"}],
             "ilmd": {"hp:harvestedIn": "Kiến Thụy"}},
            {"type": "ObjectEvent", "eventID": "urn:uuid:5a1e0000-0000-4000-8000-000000000002", "eventTime": "2026-03-02T09:00:00+07:00",
             "eventTimeZoneOffset": "+07:00", "action": "OBSERVE", "bizStep": "urn:epcglobal:cbv:bizstep:shipping",
             "readPoint": {"id": "urn:epc:id:sgln:8934567.00001.0"}, "epcList": ["urn:epc:id:sgtin:8934567.089012.S1"]},
            {"type": "AggregationEvent", "eventTime": "2026-03-03T10:00:00+07:00", "eventTimeZoneOffset": "+07:00", "action": "ADD",
             "bizStep": "packing", "parentID": "urn:epc:id:sscc:8934567.0000000001", "childEPCs": ["https://id.gs1.org/01/08934567890120/21/S2"]}
        ]}
    })
}

fn ids(document: &Value) -> Vec<String> {
    listed(document).iter().map(|e| e["eventID"].as_str().unwrap().to_owned()).collect()
}

#[test]
fn the_standard_query_finds_events_by_any_form_of_their_identifiers_and_pages_them() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    let document = province_document();
    let r = capture(&hub, &token, &document, "rollback");
    assert_eq!(r.status, 202, "{}", r.body);
    let parsed = Document::parse(document.to_string().as_bytes()).unwrap();
    let hashed = hash::event_ids(&parsed.events, parsed.context.as_ref());
    let (first, second, third) =
        (hashed[0].clone(), "urn:uuid:5a1e0000-0000-4000-8000-000000000002".to_owned(), hashed[2].clone());
    assert!(first.starts_with("ni:///sha-256;") && first.ends_with("?ver=CBV2.0"));

    let by = |params: &str| ids(&query(&hub, &token, params));
    assert_eq!(by("MATCH_epc=urn:epc:id:sgtin:8934567.089012.S1"), [first.clone(), second.clone()]);
    assert_eq!(by("MATCH_epc=https://id.gs1.org/01/08934567890120/21/S2"), [first.clone(), third.clone()]);
    assert_eq!(by("MATCH_epc=urn:epc:idpat:sgtin:8934567.089012.*"), [first.clone(), second.clone(), third.clone()]);
    assert_eq!(by("MATCH_epcClass=urn:epc:class:lgtin:8934567.089012.LOT7"), vec![first.clone()]);
    assert_eq!(by("MATCH_parentID=https://id.gs1.org/00/089345670000000017"), vec![third.clone()]);
    assert_eq!(by("EQ_bizStep=shipping"), vec![second.clone()]);
    assert_eq!(by("EQ_bizStep=https://ref.gs1.org/cbv/BizStep-packing|commissioning"), [first.clone(), third.clone()]);
    assert_eq!(by("eventType=AggregationEvent"), vec![third.clone()]);
    assert_eq!(by("GT_quantity=50"), vec![first.clone()]);
    assert_eq!(by("EQ_quantity=7|100&LE_quantity=100"), vec![first.clone()]);
    assert!(by("GT_quantity=50&LT_quantity=100").is_empty(), "the one listed quantity meets both or nothing matches");
    let p = hub.get(&token, "/epcis/v2/events?GE_quantity=lots");
    assert_eq!((p.status, p.json()["errors"][0]["pointer"].clone()), (400, json!("/query/GE_quantity")));
    assert_eq!(by("EQ_action=OBSERVE"), vec![second.clone()]);
    assert_eq!(by("EQ_readPoint=https://id.gs1.org/414/8934567000017"), vec![second.clone()]);
    assert_eq!(by("GE_eventTime=2026-03-02T00:00:00%2B07:00&LT_eventTime=2026-03-03T00:00:00Z"), vec![second.clone()]);
    assert_eq!(by("orderDirection=DESC"), [third.clone(), second.clone(), first.clone()]);
    assert_eq!(by("orderBy=recordTime&MATCH_anyEPC=urn:epc:id:sscc:8934567.0000000001"), vec![third.clone()]);

    let mut seen = Vec::new();
    let mut next = Some("/epcis/v2/events?perPage=1&eventCountLimit=2".to_owned());
    while let Some(path) = next {
        let r = hub.get(&token, &path);
        assert_eq!(r.status, 200, "{}", r.body);
        seen.extend(ids(&r.json()));
        next = r.header("Link").map(|l| l.trim_start_matches('<').split('>').next().unwrap().to_owned());
    }
    assert_eq!(seen, [first.clone(), second.clone()]);

    let answer = query(&hub, &token, &format!("EQ_eventID={}", encoded(&first)));
    assert_eq!(answer["@context"][1]["hp"], "https://tdc.haiphong.gov.vn/epcis/");
    assert_eq!(listed(&answer)[0]["ilmd"]["hp:harvestedIn"], "Kiến Thụy");
    let one = hub.get(&token, &format!("/epcis/v2/events/{}", encoded(&first)));
    assert_eq!((one.status, ids(&one.json())), (200, vec![first.clone()]));
    let p = hub.get(&token, "/epcis/v2/events/urn%3Auuid%3Anothing");
    assert_eq!((p.status, p.json()["type"].clone()), (404, json!("epcisException:NoSuchResourceException")));
    let p = hub.get(&token, "/epcis/v2/events?EQ_somethingElse=1");
    assert_eq!((p.status, p.json()["type"].clone()), (400, json!("epcisException:QueryParameterException")));
    let p = hub.get(&token, "/epcis/v2/events?GE_eventTime=yesterday");
    assert_eq!(p.json()["errors"][0]["pointer"], "/query/GE_eventTime");
}

#[test]
fn one_event_is_captured_alone_and_a_changed_event_needs_an_error_declaration() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    let viewer = hub.client_with_role("SYT", "syt-viewer", "viewer").0;
    let options = hub.send("OPTIONS", "/epcis/v2/capture", &[], None);
    assert_eq!((options.status, options.header("GS1-EPCIS-Capture-Limit")), (204, Some("10000")));
    assert!(options.header("GS1-EPCIS-Capture-File-Size-Limit").is_some());

    let mut event = events_of(&province_document())[1].clone();
    event["@context"] = json!("https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld");
    let auth = format!("Bearer {token}");
    let post = |body: &Value, auth: &str| {
        hub.send("POST", "/epcis/v2/events", &[LD, ("Authorization", auth)], Some(&body.to_string()))
    };
    let r = post(&event, &auth);
    assert_eq!(r.status, 201, "{}", r.body);
    let location = r.header("Location").unwrap().to_owned();
    assert_eq!(location, format!("/epcis/v2/events/{}", encoded("urn:uuid:5a1e0000-0000-4000-8000-000000000002")));
    assert_eq!(post(&event, &auth).json()["repeated"], 1);
    let got = hub.get(&viewer, &location);
    assert_eq!(listed(&got.json())[0]["bizStep"], "urn:epcglobal:cbv:bizstep:shipping");
    assert_eq!(post(&event, &format!("Bearer {viewer}")).status, 403);

    let mut changed = event.clone();
    changed["action"] = json!("ADD");
    let p = post(&changed, &auth);
    assert_eq!((p.status, p.json()["errors"][0]["code"].clone()), (400, json!("event_id_taken")));
    changed["errorDeclaration"] = json!({"declarationTime": "2026-03-05T08:00:00+07:00", "reason": "incorrect_data"});
    assert_eq!(post(&changed, &auth).status, 201);
    let declared = listed(&hub.get(&token, &location).json())[0].clone();
    assert_eq!(declared["errorDeclaration"]["reason"], "incorrect_data");
    assert_eq!(capture(&hub, &token, &province_document(), "proceed").status, 202, "two more events, not declared");
    assert_eq!(listed(&query(&hub, &token, "perPage=10")).len(), 3);
    let only = listed(&query(&hub, &token, "EXISTS_errorDeclaration="));
    assert_eq!(only.len(), 1, "only the declared event");
    assert_eq!(only[0]["eventID"], "urn:uuid:5a1e0000-0000-4000-8000-000000000002");

    let old = [LD, ("Authorization", auth.as_str()), ("GS1-EPCIS-Version", "1.2")];
    let p = hub.send("POST", "/epcis/v2/capture", &old, Some(&province_document().to_string()));
    assert_eq!((p.status, p.json()["type"].clone()), (406, json!("epcisException:NotAcceptableException")));
    let p = hub.send(
        "POST",
        "/epcis/v2/capture",
        &[LD, ("Authorization", auth.as_str())],
        Some("{\"type\": \"EPCISDocument\"}"),
    );
    assert_eq!((p.status, p.json()["type"].clone()), (400, json!("epcisException:ValidationException")));
}

fn members(hub: &Hub, token: &str, path: &str) -> (Vec<String>, Option<String>) {
    let r = hub.get(token, path);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    let list = r.json()["member"].as_array().unwrap().iter().map(|m| m.as_str().unwrap().to_owned()).collect();
    (list, r.header("Link").map(|l| l.trim_start_matches('<').split('>').next().unwrap().to_owned()))
}

#[test]
fn the_binding_resources_list_what_is_known_and_narrow_the_query() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    assert_eq!(capture(&hub, &token, &province_document(), "rollback").status, 202);
    let (types, _) = members(&hub, &token, "/epcis/v2/eventTypes");
    assert_eq!(
        types,
        ["AggregationEvent", "AssociationEvent", "ObjectEvent", "TransactionEvent", "TransformationEvent"]
    );
    let (steps, _) = members(&hub, &token, "/epcis/v2/bizSteps?perPage=1000");
    assert!(steps.contains(&"shipping".to_owned()) && steps.contains(&"commissioning".to_owned()) && steps.len() > 30);
    let (places, _) = members(&hub, &token, "/epcis/v2/bizLocations");
    assert_eq!(places, ["https://id.gs1.org/414/8934567000017"]);
    let (first, next) = members(&hub, &token, "/epcis/v2/epcs?perPage=2");
    assert_eq!(first.len(), 2);
    let (rest, last) = members(&hub, &token, &next.expect("a next page"));
    assert_eq!((rest.len(), last), (1, None), "two serials and the pallet");

    let sub = hub.get(&token, "/epcis/v2/bizSteps/shipping").json();
    assert_eq!(sub["member"], json!(["events"]));
    let p = hub.get(&token, "/epcis/v2/eventTypes/BirthdayEvent");
    assert_eq!((p.status, p.json()["type"].clone()), (404, json!("epcisException:NoSuchResourceException")));
    assert_eq!(ids(&query_path(&hub, &token, "/epcis/v2/bizSteps/shipping/events")).len(), 1);
    assert_eq!(ids(&query_path(&hub, &token, "/epcis/v2/eventTypes/AggregationEvent/events")).len(), 1);
    let by_epc = query_path(
        &hub,
        &token,
        &format!("/epcis/v2/epcs/{}/events?EQ_action=ADD", encoded("urn:epc:id:sgtin:8934567.089012.S2")),
    );
    assert_eq!(ids(&by_epc).len(), 2, "commissioned, then packed: any role, any form");
    let link = encoded("https://id.gs1.org/01/08934567890120/21/S2");
    let by_link = query_path(&hub, &token, &format!("/epcis/v2/epcs/{link}/events"));
    assert_eq!(ids(&by_link), ids(&by_epc), "the Digital Link in the path finds the same events");
    for refused in [
        "/epcis/v2/events?EQ_disposition=a%00b",
        "/epcis/v2/bizSteps/shipping/events?MATCH_epc=%01",
        "/epcis/v2/bizSteps?nextPageToken=AA",
    ] {
        let p = hub.get(&token, refused);
        assert_eq!(
            (p.status, p.json()["type"].clone()),
            (400, json!("epcisException:QueryParameterException")),
            "{refused}"
        );
    }
    let p = hub.get(&token, "/epcis/v2/bizSteps?colour=red");
    assert_eq!((p.status, p.json()["type"].clone()), (400, json!("epcisException:QueryParameterException")));
}

fn query_path(hub: &Hub, token: &str, path: &str) -> Value {
    let r = hub.get(token, path);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    r.json()
}

#[test]
fn a_named_query_is_defined_once_and_run_by_its_name() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    let other = hub.client_with_role("SYT", "syt-system", "agency_officer").0;
    assert_eq!(capture(&hub, &token, &province_document(), "rollback").status, 202);
    let definition = json!({"name": "lot7-moves", "query": {"MATCH_anyEPC": ["urn:epc:idpat:sgtin:8934567.089012.*"], "EQ_bizStep": ["shipping", "packing"]}});
    let r = hub.post(&token, "/epcis/v2/queries", &definition);
    assert_eq!((r.status, r.header("Location")), (201, Some("/epcis/v2/queries/lot7-moves")), "{}", r.body);
    let p = hub.post(&other, "/epcis/v2/queries", &definition);
    assert_eq!((p.status, p.json()["type"].clone()), (409, json!("epcisException:ResourceAlreadyExistsException")));
    let bad = json!({"name": "bad", "query": {"EQ_colour": ["red"]}});
    let p = hub.post(&token, "/epcis/v2/queries", &bad);
    assert_eq!((p.status, p.json()["type"].clone()), (400, json!("epcisException:QueryParameterException")));
    assert_eq!(hub.get(&token, "/epcis/v2/queries/lot7-moves").json(), definition);

    let all = ids(&query_path(&hub, &token, "/epcis/v2/queries/lot7-moves/events"));
    assert_eq!(all.len(), 2, "the shipping and the packing");
    let first = query_path(&hub, &token, "/epcis/v2/queries/lot7-moves/events?perPage=1");
    assert_eq!(ids(&first), all[..1]);
    let listed = hub.get(&other, "/epcis/v2/queries").json();
    assert_eq!(listed[0]["name"], "lot7-moves");
    let p = hub.send("DELETE", "/epcis/v2/queries/lot7-moves", &[("Authorization", &format!("Bearer {other}"))], None);
    assert_eq!((p.status, p.json()["type"].clone()), (403, json!("epcisException:SecurityException")));
    let r = hub.send("DELETE", "/epcis/v2/queries/lot7-moves", &[("Authorization", &format!("Bearer {token}"))], None);
    assert_eq!(r.status, 204);
    let p = hub.get(&token, "/epcis/v2/queries/lot7-moves/events");
    assert_eq!((p.status, p.json()["type"].clone()), (404, json!("epcisException:NoSuchResourceException")));
}

/// Every event of every page from `path` on, following `Link`.
fn every_page(hub: &Hub, token: &str, path: &str) -> Vec<String> {
    let (mut seen, mut next) = (Vec::new(), Some(path.to_owned()));
    while let Some(path) = next {
        let r = hub.get(token, &path);
        assert_eq!(r.status, 200, "{}", r.body);
        seen.extend(ids(&r.json()));
        next = r.header("Link").map(|l| l.trim_start_matches('<').split('>').next().unwrap().to_owned());
    }
    seen
}

#[test]
fn a_page_by_identifier_reads_a_window_of_its_index_and_looks_beyond_when_other_conditions_thin_it() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    let class = "https://id.gs1.org/01/08934567890120/10/WINDOW";
    let events: Vec<Value> = (0..30)
        .map(|i| {
            json!({"type": "ObjectEvent", "eventTime": format!("2026-04-01T08:{i:02}:00+07:00"), "eventTimeZoneOffset": "+07:00",
                   "action": "OBSERVE", "bizStep": if i < 25 { "receiving" } else { "shipping" },
                   "quantityList": [{"epcClass": class, "quantity": 1}]})
        })
        .collect();
    let document = json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-01T08:00:00+07:00",
        "epcisBody": {"eventList": events}});
    assert_eq!(capture(&hub, &token, &document, "rollback").status, 202);
    let parsed = Document::parse(document.to_string().as_bytes()).unwrap();
    let hashed = hash::event_ids(&parsed.events, parsed.context.as_ref());
    let by_class = format!("MATCH_epcClass={}", encoded(class));

    let all = every_page(&hub, &token, &format!("/epcis/v2/events?perPage=4&{by_class}"));
    assert_eq!(all, hashed, "page after page, each read within its window, in time order");
    let backwards = every_page(&hub, &token, &format!("/epcis/v2/events?perPage=4&orderDirection=DESC&{by_class}"));
    assert_eq!(backwards, hashed.iter().rev().cloned().collect::<Vec<_>>());
    // The first window holds the four earliest events, none of them shipped: the page looks beyond it.
    let shipped = every_page(&hub, &token, &format!("/epcis/v2/events?perPage=3&EQ_bizStep=shipping&{by_class}"));
    assert_eq!(shipped, hashed[25..].to_vec());
    let late =
        every_page(&hub, &token, &format!("/epcis/v2/events?perPage=3&GE_eventTime=2026-04-01T01:20:00Z&{by_class}"));
    assert_eq!(late, hashed[20..].to_vec());
}

#[test]
fn a_document_over_the_capture_limit_is_refused_whole_with_413() {
    let hub = Hub::start();
    let token = hub.client_with_role("SKHCN", "epcis-system", "agency_officer").0;
    let event = json!({"type": "ObjectEvent", "eventTime": "2026-04-01T08:00:00+07:00", "eventTimeZoneOffset": "+07:00",
        "action": "OBSERVE", "epcList": ["urn:epc:id:sgtin:8934567.089012.LIMIT"]});
    let document = json!({"@context": ["https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld"],
        "type": "EPCISDocument", "schemaVersion": "2.0", "creationDate": "2026-04-01T08:00:00+07:00",
        "epcisBody": {"eventList": vec![event; 10_001]}});
    let limit = hub.send("OPTIONS", "/epcis/v2/capture", &[], None);
    assert_eq!(limit.header("GS1-EPCIS-Capture-Limit"), Some("10000"));
    let r = capture(&hub, &token, &document, "proceed");
    assert_eq!((r.status, r.json()["type"].clone()), (413, json!("epcisException:CaptureLimitExceededException")));
    assert!(ids(&query(&hub, &token, "MATCH_epc=urn:epc:id:sgtin:8934567.089012.LIMIT")).is_empty(), "nothing stored");
}

//! The GS1 Digital Link resolver: a QR stamp's URL answers a phone's browser with the lot's public
//! page (the product, the lot, its journey, its declarations, a banner when recalled), systems
//! with the RFC 9264 linkset; malformed keys are 400. The page is also opened in a real headless
//! browser at phone width (`the_page_renders_at_phone_width_in_chromium`, run by CI with
//! `--ignored` once Debian's `chromium` is installed), which saves its screenshot under `target/`.

use serde_json::{Value, json};

use crate::support::{Hub, valid_tax_codes};
use crate::traceability::{DRIED, FARM, FRESH, PLANT, SHOP, amount, capture, event, journey};

/// A public maker and product, the journey captured, a self-assessed declaration; with `recall`,
/// the shop withdraws the dried lot as recalled.
fn stamp(hub: &Hub, recall: bool) -> String {
    let admin = hub.admin_token();
    let officer = hub.client_with_role("SKHCN", "trace-officer", "agency_officer").0;
    let taxes = valid_tax_codes(3);
    for (tax, name) in
        taxes.iter().zip(["HTX Nhãn lồng Hàm Tử", "Công ty Chế biến Nông sản Phố Hiến", "Siêu thị Hưng Yên"])
    {
        let body = json!({"tax_code": tax, "name": name, "sharing": "public"});
        assert_eq!(hub.post(&admin, "/api/v1/businesses", &body).status, 201);
    }
    let category = json!({"name_vi": "Nông sản", "risk_class": "low", "risk_source": "Thông tư 01/2009/TT-BKHCN"});
    assert_eq!(hub.put(&admin, "/api/v1/product-categories/by-code/farm", None, &category).status, 201);
    let product = json!({"name": "Long nhãn sấy Hưng Yên", "brand": "Phố Hiến", "gtin": DRIED, "category_code": "farm",
                         "manufacturer_tax_code": taxes[1], "origin_country": "VN", "sharing": "public"});
    let r = hub.post(&admin, "/api/v1/products", &product);
    assert_eq!(r.status, 201, "{}", r.body);
    let places: Vec<Value> = [
        (FARM, 0, "farm", "Vùng trồng nhãn Hàm Tử"),
        (PLANT, 1, "plant", "Xưởng sấy Phố Hiến"),
        (SHOP, 2, "shop", "Siêu thị Hưng Yên"),
    ]
    .iter()
    .map(|(gln, i, kind, name)| json!({"gln": gln, "tax_code": taxes[*i], "name": name, "kind": kind}))
    .collect();
    assert_eq!(hub.post(&officer, "/api/v1/traceability/locations/batch", &json!(places)).status, 200);
    let mut document = journey();
    if recall {
        let withdrawn = event(
            "ObjectEvent",
            "08T08:00",
            "removing",
            SHOP,
            json!({"action": "OBSERVE", "disposition": "recalled",
            "quantityList": [amount(DRIED, "S1", 195)]}),
        );
        document["epcisBody"]["eventList"].as_array_mut().unwrap().push(withdrawn);
    }
    capture(hub, &officer, &document);
    let standard = json!({"designation": "TCVN 1871:2007", "title_vi": "Long nhãn sấy"});
    assert_eq!(hub.post(&admin, "/api/v1/standards", &standard).status, 201);
    let declaration = json!({"kind": "standard", "tax_code": taxes[1], "product_name": "Long nhãn sấy", "gtin": DRIED,
        "standard": "TCVN 1871:2007", "basis": "self_assessment", "receipt_number": "HY-2026-015", "received_on": "2026-07-01", "sharing": "public"});
    let r = hub.post(&admin, "/api/v1/conformity-declarations", &declaration);
    assert_eq!(r.status, 201, "{}", r.body);
    format!("/01/{DRIED}/10/S1")
}

fn page(hub: &Hub, path: &str, headers: &[(&str, &str)]) -> String {
    let r = hub.send("GET", path, headers, None);
    assert_eq!(r.status, 200, "{path}: {}", r.body);
    assert_eq!(r.header("Content-Type"), Some("text/html; charset=utf-8"));
    r.body
}

#[test]
fn a_stamp_resolves_to_the_lots_public_page_and_systems_get_the_linkset() {
    let hub = Hub::start();
    let path = stamp(&hub, true);
    let html = page(&hub, &path, &[("Accept", "text/html")]);
    for shown in [
        "<html lang=\"vi\"",
        "id=\"warning\"",
        "đã bị thu hồi từ ngày 08/08/2026",
        "Long nhãn sấy Hưng Yên",
        "Công ty Chế biến Nông sản Phố Hiến",
        "Lô hàng S1</h2>",
        "Ngày sản xuất</dt><dd>03/08/2026",
        "01/08/2026 – 02/08/2026",
        "03/08/2027",
        "Vùng trồng nhãn Hàm Tử",
        "Xưởng sấy Phố Hiến",
        "Siêu thị Hưng Yên",
        "Công bố hợp chuẩn",
        "HY-2026-015",
    ] {
        assert!(html.contains(shown), "the page lacks {shown}: {html}");
    }
    assert!(!html.contains("<script"), "no script on the page");
    let farm = html.find("Vùng trồng nhãn Hàm Tử").unwrap();
    assert!(farm < html.find("Siêu thị Hưng Yên</strong>").unwrap(), "the journey runs from the farm to the shop");
    let english = page(&hub, &format!("{path}?lang=en"), &[]);
    assert!(english.contains("<html lang=\"en\"") && english.contains("WARNING: this lot was recalled on 08/08/2026"));
    let preferred = page(&hub, &path, &[("Accept-Language", "en-GB,en;q=0.9")]);
    assert!(preferred.contains("<html lang=\"en\""));

    let r = hub.send("GET", &format!("{path}?linkType=all"), &[], None);
    assert_eq!((r.status, r.header("Content-Type")), (200, Some("application/linkset+json")));
    let linkset: Value = r.json();
    let set = &linkset["linkset"][0];
    assert_eq!(set["anchor"], format!("https://id.gs1.org/01/{DRIED}/10/S1"));
    assert!(set["https://gs1.org/voc/pip"][0]["href"].as_str().unwrap().ends_with(&format!("{path}?linkType=gs1:pip")));
    let same = hub.send("GET", &path, &[("Accept", "application/linkset+json")], None);
    assert_eq!(same.json(), linkset);
    let epcis = hub.send("GET", &format!("{path}?linkType=gs1:epcis"), &[], None);
    assert_eq!(epcis.status, 307);
    assert!(epcis.header("Location").unwrap().contains("/epcis/v2/events?MATCH_epcClass=https%3A%2F%2Fid%2Egs1%2Eorg"));

    let product = page(&hub, &format!("/01/{}", &DRIED[1..]), &[]);
    assert!(
        product.contains("Long nhãn sấy Hưng Yên") && !product.contains("id=\"warning\""),
        "a GTIN alone: no lot, no banner"
    );
}

#[test]
fn a_malformed_or_unknown_stamp_is_refused_clearly() {
    let hub = Hub::start();
    stamp(&hub, false);
    let html = page(&hub, &format!("/01/{DRIED}/10/S1"), &[]);
    assert!(!html.contains("id=\"warning\""), "no recall, no expiry: no banner");
    let refused = |path: &str, code: &str| {
        let p = hub.send("GET", path, &[], None).assert_problem(400, "malformed_request");
        assert_eq!(p["errors"][0]["code"], code, "{path}: {p}");
    };
    refused("/01/08934567890121", "gtin_checksum");
    refused("/01/12345", "gtin_format");
    refused(&format!("/01/{DRIED}/10/ABCDEFGHIJKLMNOPQRSTUVWXYZ"), "lot_format");
    refused(&format!("/01/{DRIED}/21/a%20b"), "serial_format");
    hub.send("GET", "/01/08934567890144", &[], None).assert_problem(404, "not_found");
    let r = hub.send("GET", "/01/08934567890144/10/X", &[("Accept", "text/html,application/xhtml+xml")], None);
    assert_eq!((r.status, r.header("Content-Type")), (404, Some("text/html; charset=utf-8")), "{}", r.body);
    assert!(r.body.contains("Không tìm thấy sản phẩm"));
    let fresh = page(&hub, &format!("/01/{FRESH}/10/N1"), &[]);
    assert!(
        fresh.contains("Sản phẩm chưa được đăng ký công khai"),
        "events but no product: the lot's page still tells its journey"
    );
    assert!(fresh.contains("1000 kg"));
}

/// Chromium, or the test fails saying how to get it.
fn chromium() -> String {
    let names = [std::env::var("TDC_CHROMIUM").ok(), Some("chromium".into()), Some("chromium-browser".into())];
    let found = names
        .into_iter()
        .flatten()
        .find(|n| std::process::Command::new(n).arg("--version").output().is_ok_and(|o| o.status.success()));
    found.expect("a headless browser: `apt-get install chromium` (Debian), or TDC_CHROMIUM=<path>")
}

#[test]
#[ignore = "needs Debian's chromium; CI installs it and runs this with --ignored"]
fn the_page_renders_at_phone_width_in_chromium() {
    let hub = Hub::start();
    let url = format!("{}{}", hub.base, stamp(&hub, true));
    let browser = chromium();
    let profile =
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("chromium-profile-{}", std::process::id()));
    let common = [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--hide-scrollbars",
        "--window-size=390,844",
        "--accept-lang=vi-VN,vi",
    ];
    let run = |extra: &[String]| {
        let out = std::process::Command::new(&browser)
            .args(common)
            .arg(format!("--user-data-dir={}", profile.display()))
            .args(extra)
            .arg(&url)
            .output()
            .unwrap();
        assert!(out.status.success(), "chromium failed: {}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let dom = run(&["--dump-dom".to_owned()]);
    assert!(dom.contains("id=\"warning\"") && dom.contains("đã bị thu hồi"), "the banner renders: {dom}");
    assert!(dom.contains("Long nhãn sấy Hưng Yên"));
    let shot = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("resolver-page-390x844.png");
    let _ = std::fs::remove_file(&shot);
    run(&[format!("--screenshot={}", shot.display())]);
    let png = std::fs::read(&shot).expect("chromium saved the screenshot");
    assert!(png.starts_with(b"\x89PNG") && png.len() > 10_000, "a real picture: {} bytes", png.len());
    let _ = std::fs::remove_dir_all(&profile);
    println!("the page at phone width: {}", shot.display());
}

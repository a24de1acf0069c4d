//! The RFC 9264 linkset (`application/linkset+json`) a resolver answers for `linkType=all`: what
//! the hub offers for the keys, by GS1 link type.

use serde_json::{Value, json};

use super::Keys;

/// The linkset of `keys` at the hub whose public address is `base` (`https://hub.example`).
pub fn of(keys: &Keys, base: &str) -> Value {
    let page = format!("{base}{}", keys.path());
    let pip = json!([
        {"href": format!("{page}?linkType=gs1:pip"), "title": "Thông tin sản phẩm", "type": "text/html", "hreflang": ["vi"]},
        {"href": format!("{page}?linkType=gs1:pip&lang=en"), "title": "Product information", "type": "text/html", "hreflang": ["en"]},
    ]);
    let class = keys.traced().unwrap_or_else(|| format!("https://id.gs1.org/01/{}", keys.gtin));
    let query = if keys.serial.is_some() { "MATCH_epc" } else { "MATCH_epcClass" };
    let epcis = format!(
        "{base}/epcis/v2/events?{query}={}",
        percent_encoding::utf8_percent_encode(&class, percent_encoding::NON_ALPHANUMERIC)
    );
    json!({"linkset": [{
        "anchor": format!("https://id.gs1.org{}", keys.path()),
        "https://gs1.org/voc/defaultLink": [{"href": format!("{page}?linkType=gs1:pip"), "title": "Thông tin sản phẩm", "type": "text/html"}],
        "https://gs1.org/voc/pip": pip,
        "https://gs1.org/voc/certificationInfo": [{"href": format!("{page}?linkType=gs1:certificationInfo"), "title": "Công bố hợp quy, chứng nhận", "type": "text/html", "hreflang": ["vi"]}],
        "https://gs1.org/voc/epcis": [{"href": epcis, "title": "EPCIS 2.0 events (a bearer token with traceability:read)", "type": "application/ld+json"}],
    }]})
}

//! GS1 identifiers in one canonical form: an EPC URI, EPC class URI, EPC pattern URI or GS1 Digital
//! Link URI becomes the constrained canonical Digital Link (`https://id.gs1.org/…`, the finest level
//! only, no query). The CBV 2.0 event hash (§8.9) compares identifiers in this form; the hub indexes
//! them in it, so a query by URN finds an event captured with the Digital Link and the reverse. The
//! rules follow the reference implementation (`epcis-event-hash-generator`, its `dl_normaliser`).

use std::sync::LazyLock;

use regex::{Regex, RegexSet};

/// A character of an EPC serial or reference (GS1 AI encodable character set 82, %-escaped).
const C: &str =
    r"(?:%2[125-9A-Fa-f]|%3[0-9A-Fa-f]|%4[1-9A-Fa-f]|%5[0-9AaFf]|%6[1-9A-Fa-f]|%7[0-9Aa]|[!')(*+,.0-9:;=A-Za-z_-])";
/// A character of a component/part reference (CPI).
const P: &str = r"(?:%2[3dfDF]|%3[0-9]|%4[1-9A-Fa-f]|%5[0-9Aa]|[0-9A-Z-])";
/// A character the canonical Digital Link allows in a serial, lot or reference.
const X: &str = r#"[\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]"#;

/// Company prefix and item reference together hold 13 digits (GTIN-based keys) …
fn p13() -> String {
    (6..=12).map(|n| format!(r"\d{{{n}}}\.\d{{{}}}", 13 - n)).collect::<Vec<_>>().join("|")
}

/// … or 12 (GLN-based keys; a 12-digit prefix leaves the reference empty).
fn p12(empty_last: &str) -> String {
    let mut parts: Vec<String> = (6..=11).map(|n| format!(r"\d{{{n}}}\.\d{{{}}}", 12 - n)).collect();
    parts.push(format!(r"\d{{12}}\.{empty_last}"));
    parts.join("|")
}

/// A prefix of 6 to 12 digits followed by a reference of `per(n)` characters of class `class`.
fn variable(class: &str, total: usize) -> String {
    (6..=12).map(|n| format!(r"\d{{{n}}}\.{class}{{1,{}}}", total - n)).collect::<Vec<_>>().join("|")
}

fn fixed(total: usize) -> String {
    (6..=12).map(|n| format!(r"\d{{{n}}}\.\d{{{}}}$", total - n)).collect::<Vec<_>>().join("|")
}

fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("a valid identifier pattern")
}

/// The kinds of EPC URI, in the order the reference tries them, with the regular expression each must match.
static EPC: LazyLock<Vec<(&'static str, Regex)>> = LazyLock::new(|| {
    vec![
        ("sgtin", re(&format!(r"^urn:epc:id:sgtin:(?:{})\.{C}{{1,20}}$", p13()))),
        (
            "sscc",
            re(&format!(
                r"^urn:epc:id:sscc:(?:{})",
                (6..=12).map(|n| format!(r"\d{{{n}}}\.\d{{{}}}$", 17 - n)).collect::<Vec<_>>().join("|")
            )),
        ),
        ("sgln", re(&format!(r"^urn:epc:id:sgln:(?:{})\.{C}{{1,20}}$", p12("")))),
        ("grai", re(&format!(r"^urn:epc:id:grai:(?:{})\.{C}{{1,16}}$", p12(r"\.")))),
        ("giai", re(&format!(r"^urn:epc:id:giai:(?:{})$", variable(C, 30)))),
        ("gsrn", re(&format!(r"^urn:epc:id:gsrn:(?:{})", fixed(17)))),
        ("gsrnp", re(&format!(r"^urn:epc:id:gsrnp:(?:{})", fixed(17)))),
        ("gdti", re(&format!(r"^urn:epc:id:gdti:(?:{}){C}{{1,20}}$", p12(r"\.")))),
        ("cpi", re(&format!(r"^urn:epc:id:cpi:(?:{})\.\d{{1,12}}$", variable(P, 30)))),
        ("sgcn", re(&format!(r"^urn:epc:id:sgcn:(?:{})\.\d{{1,12}}$", p12("")))),
        ("ginc", re(&format!(r"^urn:epc:id:ginc:(?:{})$", variable(C, 30)))),
        ("gsin", re(&format!(r"^urn:epc:id:gsin:(?:{})", fixed(16)))),
        ("itip", re(&format!(r"^urn:epc:id:itip:(?:{})\.\d{{2}}\.\d{{2}}\.{C}{{1,20}}$", p13()))),
        ("upui", re(&format!(r"^urn:epc:id:upui:(?:{})\.{C}{{1,28}}$", p13()))),
        ("pgln", re(&format!(r"^urn:epc:id:pgln:(?:{})$", p12("")))),
        ("lgtin", re(&format!(r"^urn:epc:class:lgtin:(?:{})\.{C}{{1,20}}$", p13()))),
        ("pat-sgtin", re(&format!(r"^urn:epc:idpat:sgtin:(?:{})\.\*$", p13()))),
        ("pat-grai", re(&format!(r"^urn:epc:idpat:grai:(?:{})\.\*$", p12(r"\.")))),
        ("pat-gdti", re(&format!(r"^urn:epc:idpat:gdti:(?:{})\.\*$", p12(r"\.")))),
        ("pat-sgcn", re(&format!(r"^urn:epc:idpat:sgcn:(?:{})\.\*$", p12(r"\.")))),
        ("pat-cpi", re(&format!(r"^urn:epc:idpat:cpi:(?:{})\.\*$", variable(P, 30)))),
        ("pat-itip", re(&format!(r"^urn:epc:idpat:itip:(?:{})\.\d{{2}}\.\d{{2}}\.\*$", p13()))),
        ("pat-upui", re(&format!(r"^urn:epc:idpat:upui:(?:{})\.\*$", p13()))),
    ]
});

const KEYS: &str = "01|gtin|8006|itip|8010|cpid|414|gln|417|party|8017|gsrnp|8018|gsrn|255|gcn|00|sscc|253|gdti|401|ginc|402|gsin|8003|grai|8004|giai";

static DL_SYNTAX: LazyLock<Regex> = LazyLock::new(|| {
    re(&format!(
        r"^https?:(//((([^/?#]*)@)?([^/?#:]*)(:([^/?#]*))?))?((([^?#]*)(/({KEYS})/)(\d{{4}}[^/]+)(/[^/]+/[^/]+)?[/]?(\?([^?\n]*))?(#([^\n]*))?)|(/[A-Za-z_-]{{10}}$))"
    ))
});

static CANONICAL_HOST: LazyLock<Regex> = LazyLock::new(|| {
    re(
        r"^(?:https://id.gs1.org/(01|8006|8010|414|417|8017|8018|255|00|253|401|402|8003|8004)/(\d{4}[^/]+)(/[^/]+/[^/]+)?[/]?(\?([^?\n]*))?(#([^\n]*))?|(/[A-Za-z_-]{10}$))",
    )
});

static CPV_ONLY: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        re(&format!(r"^https://id.gs1.org/8006/\d{{18}}/22/({X}{{0,20}})$")),
        re(&format!(r"^https://id.gs1.org/01/\d{{14}}/22/({X}{{0,20}})$")),
    ]
});

static CPV_THEN: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    let x = r#"[\x2F\x22\x27\x2D\x2E\x30-\x39\x3B-\x3F\x41-\x5A\x5F\x61-\x7A]"#;
    [
        re(&format!(r"^https://id.gs1.org/8006/\d{{18}}/22/({x}{{0,20}})$")),
        re(&format!(r"^https://id.gs1.org/01/\d{{14}}/22/({x}{{0,20}})$")),
    ]
});

static LOT_AND_SERIAL: LazyLock<[Regex; 2]> = LazyLock::new(|| {
    [
        re(&format!(r"^https://id.gs1.org/8006/\d{{18}}/10/({X}{{0,20}})/21/({X}{{0,20}})$")),
        re(&format!(r"^https://id.gs1.org/01/(\d{{14}})/10/({X}{{0,20}})/21/({X}{{0,20}})$")),
    ]
});

static VALID: LazyLock<RegexSet> = LazyLock::new(|| {
    let host = r"^https://id.gs1.org";
    let patterns = [
        r"/00/(\d{18})$".to_owned(),
        format!(r"/01/(\d{{14}})/21/({X}{{0,20}})$"),
        format!(r"/01/(\d{{14}})/10/({X}{{0,20}})$"),
        r"/01/(\d{14})$".to_owned(),
        format!(r"/01/(\d{{14}})/235/({X}{{0,28}})$"),
        format!(r"/253/(\d{{13}})({X}{{0,17}})$"),
        r"/255/(\d{13})(\d{0,12})$".to_owned(),
        format!(r"/401/({X}{{0,30}})$"),
        r"/402/(\d{17})$".to_owned(),
        r"/414/(\d{13})$".to_owned(),
        format!(r"/414/(\d{{13}})/254/({X}{{0,20}})$"),
        r"/417/(\d{13})$".to_owned(),
        format!(r"/8003/(\d{{14}})({X}{{0,16}})$"),
        format!(r"/8004/({X}{{0,30}})$"),
        format!(r"/8006/(\d{{18}})/21/({X}{{0,20}})$"),
        format!(r"/8006/(\d{{18}})/10/({X}{{0,20}})$"),
        r"/8006/(\d{18})$".to_owned(),
        r"/8010/([\x23\x2D\x2F\x30-\x39\x41-\x5A]{0,30})/8011/(\d{0,12})$".to_owned(),
        r"/8010/([\x23\x2D\x2F\x30-\x39\x41-\x5A]{0,30})$".to_owned(),
        r"/8017/(\d{18})$".to_owned(),
        r"/8018/(\d{18})$".to_owned(),
    ]
    .iter()
    .map(|p| format!("{host}{p}"))
    .collect::<Vec<_>>();
    RegexSet::new(patterns).expect("valid canonical link patterns")
});

/// The GS1 check digit of a key's other digits (GS1 General Specifications §7.9.1).
pub fn check_digit(digits: &str) -> u32 {
    let sum: u32 =
        digits.bytes().rev().enumerate().map(|(i, b)| u32::from(b - b'0') * if i % 2 == 0 { 3 } else { 1 }).sum();
    (10 - sum % 10) % 10
}

/// Percent-encodes what a Digital Link path segment may not hold (GS1 Digital Link Table 7-1).
fn encode(s: &str) -> String {
    if !s.contains(['!', '(', ')', '*', '+', ',', ':']) {
        return s.to_owned();
    }
    s.replace('!', "%21")
        .replace('(', "%28")
        .replace(')', "%29")
        .replace('*', "%2A")
        .replace('+', "%2B")
        .replace(',', "%2C")
        .replace(':', "%3A")
}

fn slice(s: &str, from: usize, to: usize) -> &str {
    s.get(from.min(s.len())..to.min(s.len()).max(from.min(s.len()))).unwrap_or("")
}

fn with_check(raw: &str) -> String {
    format!("{raw}{}", check_digit(raw))
}

/// The GTIN of a 13-digit company prefix + item reference (the indicator digit goes first).
fn gtin_of(uri: &str, prefix_at: usize, dot: usize) -> String {
    let prefix = slice(uri, prefix_at, dot);
    let item = slice(uri, dot + 1, dot + 1 + 13usize.saturating_sub(prefix.len()));
    with_check(&format!("{}{prefix}{}", slice(item, 0, 1), slice(item, 1, item.len())))
}

/// The 12-digit company prefix + reference of a GLN-based key, with its check digit.
fn key12_of(uri: &str, prefix_at: usize, dot: usize, lead: &str) -> String {
    let prefix = slice(uri, prefix_at, dot);
    let reference = slice(uri, dot + 1, dot + 1 + 12usize.saturating_sub(prefix.len()));
    with_check(&format!("{lead}{prefix}{reference}"))
}

fn from_epc(kind: &str, uri: &str, dot: usize) -> String {
    let rest = |at: usize| slice(uri, at, uri.len());
    let id = "https://id.gs1.org";
    match kind {
        "sgtin" => format!("{id}/01/{}/21/{}", gtin_of(uri, 17, dot), encode(rest(32))),
        "sscc" => {
            let raw = format!("{}{}{}", slice(uri, dot + 1, dot + 2), slice(uri, 16, dot), rest(dot + 2));
            format!("{id}/00/{}", with_check(&raw))
        }
        "sgln" => match rest(30) {
            "0" => format!("{id}/414/{}", key12_of(uri, 16, dot, "")),
            ext => format!("{id}/414/{}/254/{}", key12_of(uri, 16, dot, ""), encode(ext)),
        },
        "grai" => format!("{id}/8003/{}{}", key12_of(uri, 16, dot, "0"), encode(rest(30))),
        "giai" => format!("{id}/8004/{}{}", slice(uri, 16, dot), encode(rest(dot + 1))),
        "gsrn" => format!("{id}/8018/{}", with_check(&format!("{}{}", slice(uri, 16, dot), rest(dot + 1)))),
        "gsrnp" => format!("{id}/8017/{}", with_check(&format!("{}{}", slice(uri, 17, dot), rest(dot + 1)))),
        "gdti" => format!("{id}/253/{}{}", key12_of(uri, 16, dot, ""), encode(rest(30))),
        "cpi" => {
            let last = uri.rfind('.').unwrap_or(uri.len());
            let raw = format!("{}{}", slice(uri, 15, dot), slice(uri, dot + 1, last));
            format!("{id}/8010/{}/8011/{}", encode(&raw), rest(last + 1))
        }
        "sgcn" => format!("{id}/255/{}{}", key12_of(uri, 16, dot, ""), rest(30)),
        "ginc" => format!("{id}/401/{}{}", slice(uri, 16, dot), encode(rest(dot + 1))),
        "gsin" => format!("{id}/402/{}", with_check(&format!("{}{}", slice(uri, 16, dot), rest(dot + 1)))),
        "itip" => {
            let (piece, total) = (slice(uri, 31, 33), slice(uri, 34, 36));
            format!("{id}/8006/{}{piece}{total}/21/{}", gtin_of(uri, 16, dot), encode(rest(37)))
        }
        "upui" => format!("{id}/01/{}/235/{}", gtin_of(uri, 16, dot), encode(rest(31))),
        "pgln" => format!("{id}/417/{}", key12_of(uri, 16, dot, "")),
        "lgtin" => format!("{id}/01/{}/10/{}", gtin_of(uri, 20, dot), encode(rest(35))),
        "pat-sgtin" => format!("{id}/01/{}", gtin_of(uri, 20, dot)),
        "pat-grai" => format!("{id}/8003/{}", key12_of(uri, 19, dot, "0")),
        "pat-gdti" => format!("{id}/253/{}", key12_of(uri, 19, dot, "")),
        "pat-sgcn" => format!("{id}/255/{}", key12_of(uri, 19, dot, "")),
        "pat-cpi" => {
            let last = uri.rfind('.').unwrap_or(uri.len());
            format!("{id}/8010/{}", encode(&format!("{}{}", slice(uri, 18, dot), slice(uri, dot + 1, last))))
        }
        "pat-itip" => format!("{id}/8006/{}{}{}", gtin_of(uri, 19, dot), slice(uri, 34, 36), slice(uri, 37, 39)),
        _ => format!("{id}/01/{}", gtin_of(uri, 19, dot)),
    }
}

const SHORT_NAMES: [(&str, &str); 17] = [
    ("/gtin/", "/01/"),
    ("/itip/", "/8006/"),
    ("/cpid/", "/8010/"),
    ("/gln/", "/414/"),
    ("/party/", "/417/"),
    ("/gsrnp/", "/8017/"),
    ("/gsrn/", "/8018/"),
    ("/gcn/", "/255/"),
    ("/sscc/", "/00/"),
    ("/gdti/", "/253/"),
    ("/ginc/", "/401/"),
    ("/gsin/", "/402/"),
    ("/grai/", "/8003/"),
    ("/giai/", "/8004/"),
    ("/cpv/", "/22/"),
    ("/lot/", "/10/"),
    ("/ser/", "/21/"),
];

const PRIMARY_KEYS: [&str; 14] = [
    "/00/", "/01/", "/253/", "/255/", "/401/", "/402/", "/414/", "/417/", "/8003/", "/8004/", "/8006/", "/8010/",
    "/8017/", "/8018/",
];

fn from_digital_link(uri: &str) -> Option<String> {
    if !DL_SYNTAX.is_match(uri) {
        return None;
    }
    let mut uri = uri.split('?').next().unwrap_or(uri).to_owned();
    let short_name = |segment: &str| {
        segment.len() <= 5 && SHORT_NAMES.iter().any(|(short, _)| &short[1..short.len() - 1] == segment)
    };
    if uri.split('/').any(short_name) {
        for (short, ai) in SHORT_NAMES {
            uri = uri.replace(short, ai);
        }
    }
    if !CANONICAL_HOST.is_match(&uri)
        && let Some(at) = PRIMARY_KEYS.iter().find_map(|k| uri.find(k))
    {
        uri = format!("https://id.gs1.org{}", &uri[at..]);
    }
    uri = padded_gtin(uri);
    if let Some(at) = uri.find("/22/") {
        let after = uri[at + 4..].to_owned();
        if CPV_ONLY.iter().any(|r| r.is_match(&uri)) {
            uri.truncate(at);
        } else if CPV_THEN.iter().any(|r| r.is_match(&uri)) {
            let tail = after.find('/').map_or(&after[after.len().saturating_sub(1)..], |s| &after[s..]).to_owned();
            uri = format!("{}{tail}", &uri[..at]);
        }
    }
    if let Some(at) = uri.find("/10/")
        && uri.contains("/21/")
        && LOT_AND_SERIAL.iter().any(|r| r.is_match(&uri))
    {
        let after = uri[at + 4..].to_owned();
        let tail = after.find('/').map_or("", |s| &after[s..]).to_owned();
        uri = format!("{}{tail}", &uri[..at]);
    }
    VALID.is_match(&uri).then_some(uri)
}

static GTIN_DIGITS: LazyLock<[Regex; 4]> =
    LazyLock::new(|| [14, 13, 12, 8].map(|n| re(&format!(r"^https://id.gs1.org/01/\d{{{n}}}"))));

/// A GTIN-8, -12 or -13 in a canonical link becomes a GTIN-14.
fn padded_gtin(uri: String) -> String {
    let [d14, d13, d12, d8] = &*GTIN_DIGITS;
    if d14.is_match(&uri) {
        uri
    } else if d13.is_match(&uri) {
        uri.replace("/01/", "/01/0")
    } else if d12.is_match(&uri) {
        uri.replace("/01/", "/01/00")
    } else if d8.is_match(&uri) {
        uri.replace("/01/", "/01/000000")
    } else {
        uri
    }
}

/// The kind an EPC URI names (`sgtin`, `lgtin`, `pat-sgtin`, …): each kind's pattern starts with
/// its own scheme, so only that pattern can match.
fn epc_kind(uri: &str) -> Option<String> {
    let (scheme, rest) = uri.strip_prefix("urn:epc:")?.split_once(':')?;
    let kind = rest.split(':').next()?;
    match scheme {
        "id" | "class" => Some(kind.to_owned()),
        "idpat" => Some(format!("pat-{kind}")),
        _ => None,
    }
}

/// The canonical GS1 Digital Link of an identifier, or `None` when it is not a GS1 key in a form
/// the hub knows (a private URI, a UUID, free text).
pub fn canonical(uri: &str) -> Option<String> {
    let dot = uri.find('.')?;
    if uri.starts_with("urn:epc:") {
        let kind = epc_kind(uri)?;
        return EPC.iter().find(|(k, r)| *k == kind && r.is_match(uri)).map(|(kind, _)| from_epc(kind, uri, dot));
    }
    from_digital_link(uri)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epc_uris_and_links_meet_in_one_form() {
        let sgtin = canonical("urn:epc:id:sgtin:0614141.107346.2017").unwrap();
        assert_eq!(sgtin, "https://id.gs1.org/01/10614141073464/21/2017");
        assert_eq!(canonical("https://example.com/gtin/10614141073464/ser/2017?x=1").unwrap(), sgtin);
        assert_eq!(
            canonical("urn:epc:id:sgln:0614141.07346.1234").unwrap(),
            "https://id.gs1.org/414/0614141073467/254/1234"
        );
        assert_eq!(canonical("urn:epc:id:sgln:0614141.07346.0").unwrap(), "https://id.gs1.org/414/0614141073467");
        assert_eq!(
            canonical("urn:epc:class:lgtin:4012345.012345.998877").unwrap(),
            "https://id.gs1.org/01/04012345123456/10/998877"
        );
        assert_eq!(canonical("urn:epc:idpat:sgtin:4012345.098765.*").unwrap(), "https://id.gs1.org/01/04012345987652");
        assert_eq!(
            canonical("urn:epc:id:sscc:0614141.1234567890").unwrap(),
            "https://id.gs1.org/00/106141412345678908"
        );
        assert_eq!(
            canonical("https://id.gs1.org/01/09520123456788/10/ABC/21/12345").unwrap(),
            "https://id.gs1.org/01/09520123456788/21/12345"
        );
        assert_eq!(canonical("urn:uuid:374d95fc-9457-4a51-bd6a-0bba133845a8"), None);
        assert_eq!(check_digit("893456789012"), 0);
    }
}

//! Property tests of the kernel's parsers: cursors, `If-Match`, query strings and the text policy
//! answer whatever arrives (never panic), and what they encode they decode.

use proptest::prelude::*;

use crate::paging::{PageQuery, encode_cursor};
use crate::text::{fold, json_may_hold_refused, refused_in_json};
use crate::versions::Expected;

proptest! {
    #[test]
    fn any_cursor_gets_an_answer(s in "\\PC{0,80}") {
        let q = PageQuery { limit: None, cursor: Some(s) };
        let _ = (q.after::<String>(), q.after::<i64>());
    }

    #[test]
    fn a_cursor_decodes_to_the_key_it_encodes(key in "\\PC{0,40}", n in any::<i64>()) {
        let q = PageQuery { limit: None, cursor: Some(encode_cursor(&key)) };
        prop_assert_eq!(q.after::<String>().unwrap(), Some(key));
        let q = PageQuery { limit: None, cursor: Some(encode_cursor(&n)) };
        prop_assert_eq!(q.after::<i64>().unwrap(), Some(n));
    }

    #[test]
    fn any_if_match_gets_an_answer(s in "\\PC{0,40}", v in 1i32..1000) {
        if let Ok(expected) = Expected::parse(&s) {
            let _ = expected.allows(v);
        }
        let tag = crate::versions::etag(v);
        prop_assert!(Expected::parse(&tag).unwrap().allows(v));
    }

    #[test]
    fn any_query_string_gets_an_answer(s in "\\PC{0,80}") {
        let _ = crate::extract::parse_query::<PageQuery>(&s);
    }

    #[test]
    fn the_quick_scan_never_misses_a_refused_character(s in "\\PC{0,20}", c in any::<char>()) {
        let text = format!("{s}{c}");
        let json = serde_json::json!({"field": text}).to_string();
        if refused_in_json(&serde_json::json!({"field": text})).is_some() {
            prop_assert!(json_may_hold_refused(json.as_bytes()), "{:?}", json);
        }
    }

    #[test]
    fn folding_is_idempotent(s in "\\PC{0,40}") {
        prop_assert_eq!(fold(&fold(&s)), fold(&s));
    }
}

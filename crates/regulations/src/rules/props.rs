//! Property tests of the designation and QCĐP code parsers: whatever text arrives they answer
//! (never panic), and a designation's key does not depend on case or spacing.

use proptest::prelude::*;

use super::regulation_code::parse_code;
use super::standards::parse_designation;

proptest! {
    #[test]
    fn any_text_gets_an_answer(s in "\\PC{0,60}") {
        let _ = (parse_designation(&s), parse_code(&s));
    }

    #[test]
    fn a_tcvn_designation_parses_and_its_key_ignores_case_and_spacing(number in 1u32..20000, part in 0u32..5, year in 1990i32..2030) {
        let text = if part == 0 { format!("TCVN {number}:{year}") } else { format!("TCVN {number}-{part}:{year}") };
        let parsed = parse_designation(&text).expect("a TCVN designation with a year");
        prop_assert_eq!(parsed.year, Some(year));
        let loose = text.to_lowercase().replace(' ', "  ");
        prop_assert_eq!(parse_designation(&loose).map(|d| d.key).ok(), Some(parsed.key));
    }
}

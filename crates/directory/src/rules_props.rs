//! Property tests of the directory's parsers: whatever text arrives, they answer (never panic),
//! and they accept exactly the codes whose check digits hold.

use proptest::prelude::*;

use crate::rules::{agency_code, category_code, client_id, gtin14, tax_code};

const TAX_WEIGHTS: [u32; 9] = [31, 29, 23, 19, 17, 13, 7, 5, 3];

fn tax_check(nine: &[u32]) -> u32 {
    10 - nine.iter().zip(TAX_WEIGHTS).map(|(d, w)| d * w).sum::<u32>() % 11
}

fn gs1_check(body: &[u32]) -> u32 {
    let sum: u32 = body.iter().rev().enumerate().map(|(i, d)| if i % 2 == 0 { d * 3 } else { *d }).sum();
    (10 - sum % 10) % 10
}

fn text(digits: &[u32]) -> String {
    digits.iter().map(|d| char::from_digit(*d, 10).unwrap()).collect()
}

proptest! {
    #[test]
    fn any_text_gets_an_answer(s in "\\PC{0,40}") {
        let _ = (tax_code(&s), gtin14(&s), agency_code(&s), category_code(&s), client_id(&s));
    }

    #[test]
    fn a_tax_code_is_valid_exactly_when_its_check_digit_holds(nine in prop::collection::vec(0u32..10, 9), last in 0u32..10) {
        let code = format!("{}{last}", text(&nine));
        prop_assert_eq!(tax_code(&code).is_ok(), tax_check(&nine) == last);
    }

    #[test]
    fn a_branch_keeps_its_head_valid(nine in prop::collection::vec(0u32..10, 9), branch in 1u32..1000) {
        let check = tax_check(&nine);
        prop_assume!(check < 10);
        let head = format!("{}{check}", text(&nine));
        let (with_branch, zero) = (format!("{head}-{branch:03}"), format!("{head}-000"));
        prop_assert!(tax_code(&with_branch).is_ok());
        prop_assert!(tax_code(&zero).is_err());
    }

    #[test]
    fn a_gtin_is_kept_as_14_digits_exactly_when_its_check_digit_holds(
        body in prop::collection::vec(0u32..10, 12), last in 0u32..10
    ) {
        let code = format!("{}{last}", text(&body));
        match gtin14(&code) {
            Ok(stored) => {
                prop_assert_eq!(gs1_check(&body), last);
                prop_assert_eq!(stored, format!("0{code}"));
            }
            Err(_) => prop_assert_ne!(gs1_check(&body), last),
        }
    }
}

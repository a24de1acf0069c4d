//! Entry checks and flags.

use std::borrow::Cow;

use chrono::{Duration, NaiveDate};
use validator::ValidationError;

use crate::model::{Accreditation, AccreditationStatus, Activity, Flag};

fn fail(code: &'static str, message: &'static str) -> ValidationError {
    let mut e = ValidationError::new(code);
    e.message = Some(Cow::Borrowed(message));
    e
}

/// A province's administrative code: two digits, `01` to `99`.
pub fn province_code(code: &str) -> Result<(), ValidationError> {
    if code.len() == 2 && code.chars().all(|c| c.is_ascii_digit()) && code != "00" {
        Ok(())
    } else {
        Err(fail("province_code_format", "a province code is two digits, e.g. 01 (Hà Nội), 31 (Hải Phòng)"))
    }
}

/// Fields: each 1 to 200 characters.
pub fn fields(list: &[String]) -> Result<(), ValidationError> {
    if list.iter().all(|f| !f.trim().is_empty() && f.len() <= 200) {
        Ok(())
    } else {
        Err(fail("field_format", "each field is 1 to 200 characters"))
    }
}

/// Whether an accreditation is against a standard that fits one of the activities.
pub fn accreditation_fits(accreditation: &Accreditation, activities: &[Activity]) -> bool {
    activities.iter().any(|a| a.accreditation_standards().contains(&accreditation.standard))
}

/// How many days before the end of a validity a flag is raised.
const EXPIRY_WARNING_DAYS: i64 = 60;

/// What an agency should look at about a body on `today`: its accreditation, and certificates
/// (number, last day) about to expire.
pub fn flags(
    accreditation: Option<&Accreditation>,
    certificates: &[(String, Option<NaiveDate>)],
    today: NaiveDate,
) -> Vec<Flag> {
    let mut out = Vec::new();
    let flag = |code: &str, message: String| Flag { code: code.into(), message };
    if let Some(a) = accreditation {
        if a.valid_until < today {
            out.push(flag("accreditation_expired", format!("accreditation {} ended on {}", a.number, a.valid_until)));
        } else if a.status != AccreditationStatus::Active {
            out.push(flag("accreditation_not_active", format!("accreditation {} is not active", a.number)));
        } else if a.valid_until < today + Duration::days(EXPIRY_WARNING_DAYS) {
            out.push(flag("accreditation_expiring", format!("accreditation {} ends on {}", a.number, a.valid_until)));
        }
    }
    for (number, until) in certificates {
        if let Some(until) = until.filter(|u| *u >= today && *u < today + Duration::days(EXPIRY_WARNING_DAYS)) {
            out.push(flag("certificate_expiring", format!("certificate {number} ends on {until}")));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AccreditationStandard;

    fn accreditation(until: &str, status: AccreditationStatus) -> Accreditation {
        Accreditation {
            accreditation_body: "BoA".into(),
            number: "VILAS 1234".into(),
            standard: AccreditationStandard::Iso17025,
            valid_from: None,
            valid_until: until.parse().unwrap(),
            status,
        }
    }

    #[test]
    fn provinces_and_accreditations() {
        assert!(province_code("01").is_ok() && province_code("1").is_err() && province_code("00").is_err());
        let a = accreditation("2030-01-01", AccreditationStatus::Active);
        assert!(accreditation_fits(&a, &[Activity::Testing]));
        assert!(!accreditation_fits(&a, &[Activity::Certification]));
    }

    #[test]
    fn flags_name_what_to_look_at() {
        let today: NaiveDate = "2026-11-23".parse().unwrap();
        let codes = |f: Vec<Flag>| f.into_iter().map(|f| f.code).collect::<Vec<_>>();
        assert_eq!(
            codes(flags(Some(&accreditation("2026-01-01", AccreditationStatus::Active)), &[], today)),
            ["accreditation_expired"]
        );
        assert_eq!(
            codes(flags(Some(&accreditation("2026-12-01", AccreditationStatus::Active)), &[], today)),
            ["accreditation_expiring"]
        );
        assert_eq!(
            codes(flags(Some(&accreditation("2030-01-01", AccreditationStatus::Suspended)), &[], today)),
            ["accreditation_not_active"]
        );
        let certificates = [("1/GCN".to_owned(), Some("2026-12-20".parse().unwrap())), ("2/GCN".to_owned(), None)];
        assert_eq!(codes(flags(None, &certificates, today)), ["certificate_expiring"]);
    }
}

//! What an event says of lots beyond naming them: the quantity of each class it lists, and the
//! dates its ILMD (instance/lot master data) gives the lots it creates.

use chrono::NaiveDate;

use super::index::identifier;
use super::json::{Json, items};

/// A quantity an event lists of one class.
#[derive(Debug, Clone, PartialEq)]
pub struct ClassQuantity {
    /// `class`, `child_class`, `input_class` or `output_class`.
    pub role: &'static str,
    /// The class, canonical.
    pub class: String,
    /// The quantity (none: an unstated amount).
    pub quantity: Option<f64>,
    /// Its unit (UN/ECE Rec. 20 code); none for a count.
    pub uom: Option<String>,
}

/// The quantities an event lists, class by class.
pub fn quantities(event: &Json) -> Vec<ClassQuantity> {
    let lists = [
        ("quantityList", "class"),
        ("childQuantityList", "child_class"),
        ("inputQuantityList", "input_class"),
        ("outputQuantityList", "output_class"),
    ];
    let mut found = Vec::new();
    for (list, role) in lists {
        for q in items(event.get(list)) {
            let Some(class) = q.get("epcClass").and_then(Json::as_str) else { continue };
            let quantity = match q.get("quantity") {
                Some(Json::Number(n)) => n.as_f64(),
                _ => None,
            };
            let uom = q.get("uom").and_then(Json::as_str).map(str::to_owned);
            found.push(ClassQuantity { role, class: identifier(class), quantity, uom });
        }
    }
    found
}

/// Whether an event of `event_type` and `action` creates the classes it names in `role`: an
/// `ObjectEvent` that adds them, or a transformation's outputs.
pub fn creates(event_type: &str, action: Option<&str>, role: &str) -> bool {
    match event_type {
        "ObjectEvent" => action == Some("ADD") && (role == "class" || role == "epc"),
        "TransformationEvent" => role == "output_class" || role == "output",
        _ => false,
    }
}

/// The dates an event's ILMD gives the lots it creates.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct IlmdDates {
    /// `cbvmda:itemExpirationDate`.
    pub expiry: Option<NaiveDate>,
    /// `cbvmda:bestBeforeDate`.
    pub best_before: Option<NaiveDate>,
}

const MDA: &str = "urn:epcglobal:cbv:mda:";

fn ilmd_date(ilmd: &Json, name: &str) -> Option<NaiveDate> {
    let Json::Object(members) = ilmd else { return None };
    members.iter().find_map(|(key, value)| {
        let local = key.strip_prefix("cbvmda:").or_else(|| key.strip_prefix(MDA))?;
        let text = value.as_str().filter(|_| local == name)?;
        NaiveDate::parse_from_str(text.get(..10)?, "%Y-%m-%d").ok()
    })
}

/// The ILMD dates of an event (none without ILMD).
pub fn ilmd_dates(event: &Json) -> IlmdDates {
    let Some(ilmd) = event.get("ilmd") else { return IlmdDates::default() };
    IlmdDates { expiry: ilmd_date(ilmd, "itemExpirationDate"), best_before: ilmd_date(ilmd, "bestBeforeDate") }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(text: &str) -> Json {
        serde_json::from_str(text).unwrap()
    }

    #[test]
    fn quantities_are_read_class_by_class_canonical() {
        let e = event(
            r#"{"quantityList":[{"epcClass":"urn:epc:class:lgtin:4012345.012345.998877","quantity":200,"uom":"KGM"}],
               "outputQuantityList":[{"epcClass":"https://id.gs1.org/01/04012345123456/10/L1"}]}"#,
        );
        let q = quantities(&e);
        assert_eq!(q.len(), 2);
        assert_eq!(q[0].class, "https://id.gs1.org/01/04012345123456/10/998877");
        assert_eq!((q[0].quantity, q[0].uom.as_deref()), (Some(200.0), Some("KGM")));
        assert_eq!((q[1].role, q[1].quantity), ("output_class", None));
    }

    #[test]
    fn ilmd_dates_take_the_cbv_master_data_names_only() {
        let e = event(
            r#"{"ilmd":{"cbvmda:itemExpirationDate":"2027-03-01","urn:epcglobal:cbv:mda:bestBeforeDate":"2027-02-01","example:bestBeforeDate":"2014-12-10"}}"#,
        );
        let d = ilmd_dates(&e);
        assert_eq!(d.expiry, NaiveDate::from_ymd_opt(2027, 3, 1));
        assert_eq!(d.best_before, NaiveDate::from_ymd_opt(2027, 2, 1));
        assert_eq!(ilmd_dates(&event(r#"{"ilmd":{"example:bestBeforeDate":"2014-12-10"}}"#)), IlmdDates::default());
    }

    #[test]
    fn adding_objects_and_transformation_outputs_create_lots() {
        assert!(creates("ObjectEvent", Some("ADD"), "class"));
        assert!(!creates("ObjectEvent", Some("OBSERVE"), "class"));
        assert!(creates("TransformationEvent", None, "output_class"));
        assert!(!creates("TransformationEvent", None, "input_class"));
        assert!(!creates("AggregationEvent", Some("ADD"), "child_class"));
    }
}

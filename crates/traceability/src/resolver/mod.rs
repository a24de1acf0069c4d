//! The GS1 Digital Link resolver (GS1 Digital Link 1.2, GS1-Conformant Resolver 1.1): the keys a
//! QR stamp's path carries, the RFC 9264 linkset of what the hub offers for them, and the
//! product's public page a phone's browser is sent to by default.

pub mod linkset;
pub mod page;

use tdc_kernel::ApiError;

/// The keys a Digital Link path names: a GTIN, and optionally a lot and a serial.
#[derive(Debug, Clone, PartialEq)]
pub struct Keys {
    /// The GTIN, 14 digits.
    pub gtin: String,
    /// The lot (AI 10).
    pub lot: Option<String>,
    /// The serial (AI 21).
    pub serial: Option<String>,
}

/// GS1's AI encodable character set 82, of which lots and serials are made.
fn in_set_82(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!\"%&'()*+,-./:;<=>?_".contains(c)
}

fn enc(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

fn part(value: Option<String>, at: &str, name: &str) -> Result<Option<String>, ApiError> {
    match value {
        Some(v) if v.is_empty() || v.chars().count() > 20 || !v.chars().all(in_set_82) => {
            Err(ApiError::malformed_field(
                at,
                &format!("{name}_format"),
                format!("a {name} is 1 to 20 of GS1's characters (letters, digits and !\"%&'()*+,-./:;<=>?_)"),
            ))
        }
        other => Ok(other),
    }
}

impl Keys {
    /// The keys of a path's values, checked (400 `gtin_format`, `gtin_checksum`, `lot_format`,
    /// `serial_format`).
    pub fn parse(gtin: &str, lot: Option<String>, serial: Option<String>) -> Result<Keys, ApiError> {
        let gtin = crate::epcis::keys::gtin(gtin, "/path/gtin")?;
        Ok(Keys { gtin, lot: part(lot, "/path/lot", "lot")?, serial: part(serial, "/path/serial", "serial")? })
    }

    /// The Digital Link path of these keys (`/01/<gtin>[/10/<lot>][/21/<serial>]`), percent-encoded.
    pub fn path(&self) -> String {
        let mut path = format!("/01/{}", self.gtin);
        if let Some(lot) = &self.lot {
            path.push_str(&format!("/10/{}", enc(lot)));
        }
        if let Some(serial) = &self.serial {
            path.push_str(&format!("/21/{}", enc(serial)));
        }
        path
    }

    /// The identifier a trace starts from: the serialised item, else the lot's class, else none
    /// (a GTIN alone is every lot).
    pub fn traced(&self) -> Option<String> {
        let id = match (&self.lot, &self.serial) {
            (_, Some(serial)) => format!("https://id.gs1.org/01/{}/21/{}", self.gtin, enc(serial)),
            (Some(lot), None) => format!("https://id.gs1.org/01/{}/10/{}", self.gtin, enc(lot)),
            (None, None) => return None,
        };
        Some(crate::epcis::index::identifier(&id))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_is_checked_and_its_keys_canonical() {
        let k = Keys::parse("8934567890120", Some("N1".into()), None).unwrap();
        assert_eq!(k.gtin, "08934567890120");
        assert_eq!(k.path(), "/01/08934567890120/10/N1");
        assert_eq!(k.traced().unwrap(), "https://id.gs1.org/01/08934567890120/10/N1");
        let s = Keys::parse("08934567890120", Some("N1".into()), Some("S 1".into()));
        assert!(s.is_err(), "a space is not in GS1's character set");
        let s = Keys::parse("08934567890120", Some("N1".into()), Some("S1".into())).unwrap();
        assert_eq!(s.traced().unwrap(), "https://id.gs1.org/01/08934567890120/21/S1");
        assert!(Keys::parse("08934567890121", None, None).is_err());
        assert_eq!(Keys::parse("08934567890120", None, None).unwrap().traced(), None);
    }
}

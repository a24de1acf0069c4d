//! Public notices about a product: what one domain publishes (a warning on a lot) and another
//! shows (the QR stamp's public page), without either knowing the other. Each domain may offer a
//! [`NoticeSource`] in its `Domain`; the gateway gathers them into [`PublicNotices`], which the
//! showing domain reads from the application data.

use chrono::NaiveDate;

use crate::ApiError;
use crate::db::AnyConnection;

/// A notice the public must see about a product or one of its lots.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    /// What it says, in one line (the source's own words).
    pub title: String,
    /// The day it was published (Vietnam's date).
    pub since: NaiveDate,
    /// Where the whole notice is read (a path of the hub's API, public).
    pub link: String,
}

/// The public notices a domain holds about GTIN `gtin` (14 digits) and, when given, its lot `lot`.
pub type NoticeSource = fn(&mut AnyConnection, &str, Option<&str>) -> Result<Vec<Notice>, ApiError>;

/// Every domain's notice source.
#[derive(Clone, Default)]
pub struct PublicNotices(pub Vec<NoticeSource>);

impl PublicNotices {
    /// Every notice about `gtin` (and `lot`), in the sources' order.
    pub fn about(&self, conn: &mut AnyConnection, gtin: &str, lot: Option<&str>) -> Result<Vec<Notice>, ApiError> {
        let mut all = Vec::new();
        for source in &self.0 {
            all.extend(source(conn, gtin, lot)?);
        }
        Ok(all)
    }
}

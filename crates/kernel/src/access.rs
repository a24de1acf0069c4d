//! Row-level rules: every record has one lead agency and a sharing level; only the lead agency
//! (or DOST's administrators) changes it, and reads are filtered by the level in the query.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::{MaybePrincipal, Principal};

use crate::db::SqlRule;
use crate::problem::ApiError;

/// Who may read a record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema, Default)]
#[serde(rename_all = "snake_case")]
pub enum Sharing {
    /// Anyone, without a token.
    Public,
    /// Every authenticated agency.
    #[default]
    Shared,
    /// The lead agency and the named coordinating agencies (and DOST's administrators).
    Restricted,
}

impl Sharing {
    /// The stored name.
    pub fn as_str(self) -> &'static str {
        match self {
            Sharing::Public => "public",
            Sharing::Shared => "shared",
            Sharing::Restricted => "restricted",
        }
    }

    /// Parses a stored name (an unknown one reads as the safe `restricted`).
    pub fn parse(s: &str) -> Sharing {
        crate::names::parse_name(s).unwrap_or(Sharing::Restricted)
    }
}

/// The lead agency and sharing of one record.
#[derive(Debug, Clone, PartialEq)]
pub struct Access {
    /// The one agency that leads the record and may change it.
    pub lead_agency: String,
    /// Who may read it.
    pub sharing: Sharing,
    /// Agencies that also read a restricted record.
    pub coordinating: Vec<String>,
}

impl Access {
    /// A public record (reference data) that `lead_agency` changes.
    pub fn public_by(lead_agency: &str) -> Access {
        Access { lead_agency: lead_agency.to_owned(), sharing: Sharing::Public, coordinating: vec![] }
    }

    /// A record every agency reads and `lead_agency` changes.
    pub fn shared_by(lead_agency: &str) -> Access {
        Access { lead_agency: lead_agency.to_owned(), sharing: Sharing::Shared, coordinating: vec![] }
    }

    /// The access kept in a record's columns `lead_agency`, `sharing` and `coordinating`.
    pub fn from_columns(lead_agency: &str, sharing: &str, coordinating: &str) -> Access {
        Access {
            lead_agency: lead_agency.to_owned(),
            sharing: Sharing::parse(sharing),
            coordinating: serde_json::from_str(coordinating).unwrap_or_default(),
        }
    }

    /// This access narrowed so that the record is never more visible than `named` (the access of
    /// a record it names, e.g. the business a declaration or product names): `public` becomes
    /// `shared` under a shared record; under a restricted one the record becomes restricted to
    /// the readers of both (this record's lead agency always reads its own record).
    pub fn within(&self, named: &Access) -> Access {
        let mut narrowed = self.clone();
        match named.sharing {
            Sharing::Public => {}
            Sharing::Shared => {
                if self.sharing == Sharing::Public {
                    narrowed.sharing = Sharing::Shared;
                }
            }
            Sharing::Restricted => {
                let readers: Vec<String> =
                    std::iter::once(named.lead_agency.clone()).chain(named.coordinating.iter().cloned()).collect();
                narrowed.coordinating = match self.sharing {
                    Sharing::Restricted => self.coordinating.iter().filter(|c| readers.contains(c)).cloned().collect(),
                    _ => readers,
                };
                narrowed.coordinating.retain(|c| *c != self.lead_agency);
                narrowed.coordinating.sort();
                narrowed.coordinating.dedup();
                narrowed.sharing = Sharing::Restricted;
            }
        }
        narrowed
    }

    /// The `coordinating` column's value: the codes sorted, without repeats, as a JSON array.
    pub fn coordinating_column(codes: &[String]) -> String {
        let mut sorted = codes.to_vec();
        sorted.sort();
        sorted.dedup();
        serde_json::to_string(&sorted).unwrap_or_else(|_| "[]".into())
    }
}

/// Who is reading: the public, or an agency (administrators read everything).
#[derive(Debug, Clone, PartialEq)]
pub enum Reader {
    /// No token: public records only.
    Public,
    /// An authenticated agency.
    Agency {
        /// The agency's code.
        code: String,
        /// Whether the caller is one of DOST's administrators.
        admin: bool,
    },
}

impl Reader {
    /// The reader behind an authenticated principal.
    pub fn of(p: &Principal) -> Reader {
        Reader::Agency { code: p.agency_code.clone(), admin: p.is_admin() }
    }

    /// The reader behind an optional principal.
    pub fn of_maybe(p: &MaybePrincipal) -> Reader {
        p.0.as_ref().map(Reader::of).unwrap_or(Reader::Public)
    }

    /// Whether this reader may see a record with this access.
    pub fn may_read(&self, access: &Access) -> bool {
        match (self, access.sharing) {
            (_, Sharing::Public) => true,
            (Reader::Public, _) => false,
            (Reader::Agency { .. }, Sharing::Shared) => true,
            (Reader::Agency { code, admin }, Sharing::Restricted) => {
                *admin || *code == access.lead_agency || access.coordinating.contains(code)
            }
        }
    }
}

/// The public's reading rule over the columns of `prefix` (`""`, or a table alias such as `"n."`):
/// the row is `public`.
fn public_rule(prefix: &str) -> String {
    format!("{prefix}sharing = 'public'")
}

/// How a table's rows name the record whose coordinating agencies the reading rule looks up (in
/// `record_coordinators`, which the database keeps from the change log).
#[derive(Debug, Clone, Copy)]
pub enum Coordinated {
    /// Rows of one kind of record: its entity name in the change log, and its id column, e.g.
    /// `Coordinated::Record("business", "businesses.id")`.
    Record(&'static str, &'static str),
    /// Rows of the change log: each names its record by `entity` and `entity_id`.
    Changes,
}

/// An agency's reading rule over the columns of `prefix` (`""`, or an alias such as `"n."`): the
/// row is shared or public, or the agency leads it, or coordinates its record.
fn agency_rule(prefix: &str, whose: Coordinated, code: &str) -> SqlRule {
    let rule = SqlRule::text(format!("({prefix}sharing IN ('public', 'shared') OR {prefix}lead_agency = "))
        .bind(code, " OR EXISTS (SELECT 1 FROM record_coordinators rc WHERE rc.agency_code = ");
    match whose {
        Coordinated::Record(entity, id) => {
            rule.bind(code, " AND rc.entity = ").bind(entity, format!(" AND rc.record_id = {id}))"))
        }
        Coordinated::Changes => {
            rule.bind(code, format!(" AND rc.entity = {prefix}entity AND rc.record_id = {prefix}entity_id))"))
        }
    }
}

/// The condition, for a query on any table with the columns `sharing` and `lead_agency`, that
/// keeps the rows `reader` may see (`whose` says how a row names its record, for its coordinating
/// agencies); `None` when the reader sees every row. Put in the query itself, so paging stays right.
pub fn visible<T: 'static>(reader: &Reader, whose: Coordinated) -> Option<Condition<T>> {
    match reader {
        Reader::Public => Some(Box::new(SqlRule::text(public_rule("")))),
        Reader::Agency { admin: true, .. } => None,
        Reader::Agency { code, .. } => Some(Box::new(agency_rule("", whose, code))),
    }
}

/// A boxed SQL condition on table `T`.
pub type Condition<T> =
    Box<dyn diesel::BoxableExpression<T, crate::db::MultiBackend, SqlType = diesel::sql_types::Bool>>;

/// The condition that keeps the rows of `T` whose *named* record `reader` may see today: the row
/// of `table` (records named `entity` in the change log, e.g. `("businesses", "business")`) whose
/// `key` equals the SQL expression `named_by` (e.g. `products.manufacturer_tax_code`),
/// read by the same rule as [`visible`]. A record that names a business stays hidden when that
/// business is narrowed after the record was written — except from the record's own lead agency
/// (its column `own_lead`), as [`Access::within`] has it. A null `named_by` names nothing and
/// passes; `None` when the reader sees every row. Table and column names are the caller's
/// constants, never input.
pub fn visible_through<T: 'static>(
    reader: &Reader,
    (table, entity): (&'static str, &'static str),
    key: &'static str,
    named_by: &'static str,
    own_lead: &'static str,
) -> Option<Condition<T>> {
    let named = format!("({named_by} IS NULL OR EXISTS (SELECT 1 FROM {table} n WHERE n.{key} = {named_by} AND ");
    match reader {
        Reader::Public => Some(Box::new(SqlRule::text(format!("{named}{}))", public_rule("n."))))),
        Reader::Agency { admin: true, .. } => None,
        Reader::Agency { code, .. } => {
            let rule = SqlRule::text(named).and(agency_rule("n.", Coordinated::Record(entity, "n.id"), code));
            Some(Box::new(rule.then(format!(") OR {own_lead} = ")).bind(code, ")")))
        }
    }
}

/// Refuses (403 `not_lead_agency`) a change by anyone but the lead agency or an administrator
/// (401 for the public).
pub fn require_lead(writer: &Reader, access: &Access) -> Result<(), ApiError> {
    match writer {
        Reader::Agency { admin: true, .. } => Ok(()),
        Reader::Agency { code, .. } if *code == access.lead_agency => Ok(()),
        Reader::Agency { .. } => Err(ApiError::Forbidden {
            code: "not_lead_agency",
            detail: format!(
                "only the lead agency ({}) or DOST's administrators may change this record",
                access.lead_agency
            ),
        }),
        Reader::Public => Err(ApiError::Unauthorized("a bearer token is required".into())),
    }
}

/// The lead agency a writer may give a new record: its own (the default), or any other for
/// DOST's administrators (403 `not_lead_agency` for anyone else).
pub fn lead_for(writer: &Reader, requested: Option<&str>) -> Result<String, ApiError> {
    let Reader::Agency { code, admin } = writer else {
        return Err(ApiError::Unauthorized("a bearer token is required".into()));
    };
    match requested {
        Some(other) if other != code && !admin => Err(ApiError::Forbidden {
            code: "not_lead_agency",
            detail: format!(
                "only DOST's administrators may make {other} the lead agency; leave it out to lead the record yourself"
            ),
        }),
        Some(other) => Ok(other.to_owned()),
        None => Ok(code.clone()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn access(sharing: Sharing) -> Access {
        Access { lead_agency: "SCT".into(), sharing, coordinating: vec!["SYT".into()] }
    }

    #[test]
    fn reading_rules() {
        let public = Reader::Public;
        let sct = Reader::Agency { code: "SCT".into(), admin: false };
        let syt = Reader::Agency { code: "SYT".into(), admin: false };
        let other = Reader::Agency { code: "SXD".into(), admin: false };
        let admin = Reader::Agency { code: "SKHCN".into(), admin: true };
        assert!(public.may_read(&access(Sharing::Public)));
        assert!(!public.may_read(&access(Sharing::Shared)));
        assert!(other.may_read(&access(Sharing::Shared)));
        let restricted = access(Sharing::Restricted);
        assert!(sct.may_read(&restricted) && syt.may_read(&restricted) && admin.may_read(&restricted));
        assert!(!other.may_read(&restricted));
    }

    #[test]
    fn a_record_is_never_more_visible_than_what_it_names() {
        let own = |sharing, coordinating: &[&str]| Access {
            lead_agency: "SCT".into(),
            sharing,
            coordinating: coordinating.iter().map(|c| c.to_string()).collect(),
        };
        let business = |sharing| Access { lead_agency: "SYT".into(), sharing, coordinating: vec!["SXD".into()] };
        assert_eq!(own(Sharing::Public, &[]).within(&business(Sharing::Public)), own(Sharing::Public, &[]));
        assert_eq!(own(Sharing::Public, &[]).within(&business(Sharing::Shared)), own(Sharing::Shared, &[]));
        assert_eq!(
            own(Sharing::Public, &[]).within(&business(Sharing::Restricted)),
            own(Sharing::Restricted, &["SXD", "SYT"])
        );
        assert_eq!(
            own(Sharing::Restricted, &["SNN", "SXD"]).within(&business(Sharing::Restricted)),
            own(Sharing::Restricted, &["SXD"])
        );
        assert_eq!(
            own(Sharing::Restricted, &["SNN"]).within(&business(Sharing::Shared)),
            own(Sharing::Restricted, &["SNN"])
        );
    }

    #[test]
    fn writing_rules() {
        let sct = Reader::Agency { code: "SCT".into(), admin: false };
        let other = Reader::Agency { code: "SXD".into(), admin: false };
        let admin = Reader::Agency { code: "SKHCN".into(), admin: true };
        let record = access(Sharing::Shared);
        assert!(require_lead(&sct, &record).is_ok() && require_lead(&admin, &record).is_ok());
        assert!(matches!(require_lead(&other, &record), Err(ApiError::Forbidden { .. })));
        assert_eq!(lead_for(&sct, None).unwrap(), "SCT");
        assert!(lead_for(&sct, Some("SXD")).is_err());
        assert_eq!(lead_for(&admin, Some("SXD")).unwrap(), "SXD");
    }
}

//! The resource kit: what a plain resource's handlers call so that each states only what is
//! particular to it.
//!
//! - [`Call`] / [`AnyCall`] / [`PublicCall`]: the caller, the request and the pool in one extractor, with the
//!   common answers (`read`, `page`, `create`, `upsert`, `write`, `history`, `batch`);
//! - [`responses`]: the documented answers shared by operations (`Read<T>`, `Created<T>`,
//!   `Upserted<T>`, `Updated<T>`, `Listed<P>`, `History`, `Batch`);
//! - [`RecordMeta`]: the metadata every shared record carries, flattened into its API type;
//! - [`IdPath`]: the `{id}` path parameter;
//! - [`rows`]: a row's insert, next version and upsert by natural key, recorded ([`stored!`](crate::stored)).

mod call;
mod meta;
pub mod responses;
pub mod rows;
mod writes;

pub use call::{AnyCall, Call, CallOf, Caller, Nobody, PublicCall, Reply};
pub use meta::RecordMeta;
pub use rows::{Planned, Saved, Stored};

/// What a batch answers of a record it stored: its id and version (not the whole record).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Kept {
    /// The record's id.
    pub id: String,
    /// Its version.
    pub version: i32,
}

crate::record!(Kept);

/// An API record with an id and a version: what the kit answers with `ETag` and `Location`.
pub trait Record: serde::Serialize + Send + 'static {
    /// Its id (a batch's results name it).
    fn id(&self) -> &str;
    /// Its version, the `ETag`.
    fn version(&self) -> i32;
    /// The key its read operation's path takes and its list is ordered by: its id, or a natural
    /// key such as a unit's code.
    fn key(&self) -> &str {
        self.id()
    }
    /// Where its list resumes after it (the cursor's key): its [`key`](Record::key) unless the list
    /// is ordered otherwise.
    fn cursor(&self) -> String {
        self.key().to_owned()
    }
}

/// Implements [`Record`] for API types whose `id` and `version` are fields of their own:
/// `record!(Agency)`; `record!(AdministrativeUnit, key = code)` for one read and listed by a
/// natural key; `record!(ApiClient, id = client_id)` for one whose id is that key;
/// `record!(RegulationMoved, via = regulation)` for an answer that carries a record.
#[macro_export]
macro_rules! record {
    ($t:ident) => {
        $crate::record!($t, id = id, key = id);
    };
    ($t:ident, key = $key:ident) => {
        $crate::record!($t, id = id, key = $key);
    };
    ($t:ident, via = $inner:ident) => {
        impl $crate::resource::Record for $t {
            fn id(&self) -> &str {
                $crate::resource::Record::id(&self.$inner)
            }
            fn version(&self) -> i32 {
                $crate::resource::Record::version(&self.$inner)
            }
        }
    };
    ($t:ident, id = $id:ident) => {
        $crate::record!($t, id = $id, key = $id);
    };
    ($t:ident, id = $id:ident, key = $key:ident) => {
        impl $crate::resource::Record for $t {
            fn id(&self) -> &str {
                &self.$id
            }
            fn version(&self) -> i32 {
                self.version
            }
            fn key(&self) -> &str {
                &self.$key
            }
        }
    };
}

/// `If-Match` on an upsert: the version being replaced, not needed to create nor to resend
/// identical data.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IfMatch {
    /// The `ETag` of the version being replaced; not needed to create, nor to resend identical data.
    #[param(rename = "If-Match")]
    pub if_match: Option<String>,
}

/// `If-Match` on a lifecycle move: optional; when sent it must name the current version.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IfMatchOptional {
    /// The `ETag` of the version being moved (optional).
    #[param(rename = "If-Match")]
    pub if_match: Option<String>,
}

/// `If-Match` on a change: the version being changed. The request is well-formed without it, but
/// the change is refused with 428 `precondition_required` (RFC 6585): read the record first.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Header)]
pub struct IfMatchRequired {
    /// The `ETag` of the version being changed, e.g. `"3"`; without it the answer is 428.
    #[param(rename = "If-Match")]
    pub if_match: Option<String>,
}

/// The `{id}` of a record in a path: a handler takes `web::Path<IdPath>` and the document names the
/// parameter from it.
#[derive(utoipa::IntoParams, serde::Deserialize)]
#[into_params(parameter_in = Path)]
pub struct IdPath {
    /// The record's id (UUID).
    #[param(format = "uuid")]
    pub id: String,
}

impl IdPath {
    /// The id, once it is found to be a UUID (404 naming `entity` otherwise).
    pub fn of(self, entity: &str) -> Result<String, crate::ApiError> {
        crate::ids::path_id(&self.id, entity)
    }
}

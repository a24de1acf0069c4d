//! The resource kit: what a plain resource's handlers call so that each states only what is
//! particular to it.
//!
//! - [`Call`] / [`AnyCall`]: the caller, the request and the pool in one extractor, with the
//!   common answers (`read`, `page`, `create`, `upsert`, `write`, `history`, `batch`);
//! - [`responses`]: the documented answers shared by operations (`Read<T>`, `Created<T>`,
//!   `Upserted<T>`, `Updated<T>`, `Listed<P>`, `History`, `Batch`);
//! - [`RecordMeta`]: the metadata every shared record carries, flattened into its API type;
//! - [`IdPath`]: the `{id}` path parameter.

mod call;
mod meta;
pub mod responses;

pub use call::{AnyCall, Call, Reply};
pub use meta::RecordMeta;

/// An API record with an id and a version: what the kit answers with `ETag` and `Location`.
pub trait Record: serde::Serialize + Send + 'static {
    /// Its id, as its read operation's path takes it.
    fn id(&self) -> &str;
    /// Its version, the `ETag`.
    fn version(&self) -> i32;
}

/// Implements [`Record`] for API types whose `id` and `version` are fields of their own.
#[macro_export]
macro_rules! record {
    ($($t:ty),+ $(,)?) => {
        $(impl $crate::resource::Record for $t {
            fn id(&self) -> &str {
                &self.id
            }
            fn version(&self) -> i32 {
                self.version
            }
        })+
    };
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

//! The metadata every shared record carries, one type flattened into each record's API type.

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::access::{Access, Sharing};

/// Who leads a shared record, who may read it, its version and when it was recorded and changed.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema, PartialEq)]
pub struct RecordMeta {
    /// Identifier (UUIDv7).
    #[schema(format = "uuid")]
    pub id: String,
    /// The agency that leads this record and alone (with DOST's administrators) may change it.
    pub lead_agency: String,
    /// Who may read the record.
    pub sharing: Sharing,
    /// Agencies that also read the record when it is `restricted`.
    pub coordinating_agencies: Vec<String>,
    /// Version for optimistic concurrency; also the `ETag`.
    pub version: i32,
    /// When it was first recorded.
    pub created_at: DateTime<Utc>,
    /// When it last changed.
    pub updated_at: DateTime<Utc>,
}

impl RecordMeta {
    /// The metadata of a stored row: its id, its access, its version and its times (stored in UTC).
    pub fn of(
        id: &str,
        access: Access,
        version: i32,
        created_at: NaiveDateTime,
        updated_at: NaiveDateTime,
    ) -> RecordMeta {
        RecordMeta {
            id: id.to_owned(),
            lead_agency: access.lead_agency,
            sharing: access.sharing,
            coordinating_agencies: access.coordinating,
            version,
            created_at: created_at.and_utc(),
            updated_at: updated_at.and_utc(),
        }
    }

    /// Who may read the record.
    pub fn access(&self) -> Access {
        Access {
            lead_agency: self.lead_agency.clone(),
            sharing: self.sharing,
            coordinating: self.coordinating_agencies.clone(),
        }
    }
}

/// Implements [`Record`](super::Record) for API types that flatten a [`RecordMeta`] as `record`.
#[macro_export]
macro_rules! shared_record {
    ($($t:ty),+ $(,)?) => {
        $(impl $crate::resource::Record for $t {
            fn id(&self) -> &str {
                &self.record.id
            }
            fn version(&self) -> i32 {
                self.record.version
            }
        })+
    };
}

/// Declares the row of a shared record's table: its own columns, then the metadata columns every
/// shared table ends with (`lead_agency`, `coordinating`, `sharing`, `version`, `created_at`,
/// `updated_at`), with `access()` and `meta()` over them —
/// `shared_row! { #[derive(…)] #[diesel(table_name = t, …)] struct TRow { id: String, … } }`.
#[macro_export]
macro_rules! shared_row {
    ($(#[$attr:meta])* $vis:vis struct $name:ident { $($fvis:vis $field:ident : $ty:ty),+ $(,)? }) => {
        $(#[$attr])*
        $vis struct $name {
            $($fvis $field: $ty,)+
            pub(crate) lead_agency: String,
            pub(crate) coordinating: String,
            pub(crate) sharing: String,
            pub(crate) version: i32,
            pub(crate) created_at: $crate::__chrono::NaiveDateTime,
            pub(crate) updated_at: $crate::__chrono::NaiveDateTime,
        }

        #[allow(dead_code)]
        impl $name {
            /// Who leads the record and who may read it.
            pub(crate) fn access(&self) -> $crate::access::Access {
                $crate::access::Access::from_columns(&self.lead_agency, &self.sharing, &self.coordinating)
            }

            /// The record's metadata as the API shows it.
            pub(crate) fn meta(&self) -> $crate::resource::RecordMeta {
                $crate::resource::RecordMeta::of(&self.id, self.access(), self.version, self.created_at, self.updated_at)
            }
        }
    };
}

//! Businesses in the database: the row and the reads here, the checks in [`checks`], the
//! writes (one, or a batch set-wise) in [`write`].

mod checks;
mod write;

pub use write::{create, upsert, upsert_many};

use crate::schema::businesses;
use diesel::prelude::*;
use tdc_kernel::ApiError;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::stored;
use tdc_kernel::text::{clean, clean_opt, fold};

use crate::model::{Business, BusinessInput, BusinessListQuery};

/// The entity name of businesses in history and the change feed.
pub const ENTITY: &str = "business";

tdc_kernel::shared_row! {
    /// A business as stored.
    #[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = businesses, treat_none_as_null = true, treat_none_as_default_value = false)]
    pub(crate) struct BusinessRow {
        id: String,
        tax_code: String,
        name: String,
        short_name: Option<String>,
        address: Option<String>,
        commune_code: Option<String>,
        sectors: String,
        status: String,
        representative: Option<String>,
        phone: Option<String>,
        email: Option<String>,
        search_text: String,
        historical: bool,
    }
}

impl BusinessRow {
    /// The business as `reader` may see it: personal data only for the lead agency and admins.
    fn to_api(&self, reader: &Reader) -> Business {
        let personal = match reader {
            Reader::Agency { code, admin } => *admin || *code == self.lead_agency,
            Reader::Public => false,
        };
        Business {
            record: self.meta(),
            tax_code: self.tax_code.clone(),
            household: crate::rules::is_personal_id(&self.tax_code),
            name: self.name.clone(),
            short_name: self.short_name.clone(),
            address: self.address.clone(),
            commune_code: self.commune_code.clone(),
            historical: self.historical,
            sectors: serde_json::from_str(&self.sectors).unwrap_or_default(),
            status: stored(&self.status),
            representative: self.representative.clone().filter(|_| personal),
            phone: self.phone.clone().filter(|_| personal),
            email: self.email.clone(),
        }
    }

    /// Sets every content field from `input` (the tax code, id and bookkeeping stay).
    fn fill(&mut self, input: &BusinessInput, lead: &str) {
        self.name = clean(&input.name);
        self.short_name = clean_opt(input.short_name.as_deref());
        self.address = clean_opt(input.address.as_deref());
        self.commune_code = input.commune_code.clone();
        self.historical = input.historical;
        let sectors: Vec<String> = input.sectors.iter().map(|s| clean(s)).collect();
        self.sectors = serde_json::to_string(&sectors).unwrap_or_else(|_| "[]".into());
        self.status = input.status.as_str().into();
        self.representative = clean_opt(input.representative.as_deref());
        self.phone = clean_opt(input.phone.as_deref());
        self.email = clean_opt(input.email.as_deref());
        self.search_text =
            fold(&format!("{} {} {}", self.name, self.short_name.as_deref().unwrap_or(""), self.tax_code));
        self.lead_agency = lead.to_owned();
        self.sharing = input.sharing.as_str().into();
        self.coordinating = Access::coordinating_column(&input.coordinating_agencies);
    }
}

fn find_by_tax_code(conn: &mut AnyConnection, tax_code: &str) -> Result<Option<BusinessRow>, ApiError> {
    Ok(businesses::table
        .filter(businesses::tax_code.eq(tax_code))
        .select(BusinessRow::as_select())
        .first(conn)
        .optional()?)
}

/// One business by id, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Business, ApiError> {
    // One statement of a fixed shape (prepared once per connection), the rule applied to the row.
    let row: Option<BusinessRow> =
        businesses::table.find(id).select(BusinessRow::as_select()).first(conn).optional()?;
    let row = row.filter(|r| reader.may_read(&r.access()));
    row.map(|r| r.to_api(reader)).ok_or_else(|| ApiError::NotFound(format!("no business {id}")))
}

/// One business by tax code, if the reader may see it.
pub fn get_by_tax_code(conn: &mut AnyConnection, reader: &Reader, tax_code: &str) -> Result<Business, ApiError> {
    let row = find_by_tax_code(conn, tax_code)?.filter(|r| reader.may_read(&r.access()));
    row.map(|r| r.to_api(reader)).ok_or_else(|| ApiError::NotFound(format!("no business with tax code {tax_code}")))
}

/// The registered name of the business with this tax code and who may read it, whoever asks (for
/// other domains' checks that a business is known, without showing its record).
pub fn identity_of(conn: &mut AnyConnection, tax_code: &str) -> Result<Option<(String, Access)>, ApiError> {
    Ok(find_by_tax_code(conn, tax_code)?.map(|r| {
        let access = r.access();
        (r.name, access)
    }))
}

/// The registered names of the businesses with these tax codes and who may read each, by tax code
/// (a query per 500 codes): [`identity_of`] for many.
pub fn identities_of(
    conn: &mut AnyConnection,
    tax_codes: &[String],
) -> Result<std::collections::HashMap<String, (String, Access)>, ApiError> {
    let mut found = std::collections::HashMap::new();
    for chunk in tax_codes.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let rows: Vec<BusinessRow> =
            businesses::table.filter(businesses::tax_code.eq_any(chunk)).select(BusinessRow::as_select()).load(conn)?;
        for row in rows {
            let access = row.access();
            found.insert(row.tax_code.clone(), (row.name, access));
        }
    }
    Ok(found)
}

/// A business's commune (if recorded) and sectors.
pub type Place = (Option<String>, Vec<String>);

/// The commune and sectors of the businesses with these tax codes, by tax code (a query per 500
/// codes), whoever asks: for statistics by commune and sector.
pub fn places_of(
    conn: &mut AnyConnection,
    tax_codes: &[String],
) -> Result<std::collections::HashMap<String, Place>, ApiError> {
    let mut found = std::collections::HashMap::new();
    for chunk in tax_codes.chunks(tdc_kernel::db::INSERT_CHUNK) {
        let query = businesses::table.filter(businesses::tax_code.eq_any(chunk));
        let rows: Vec<(String, Option<String>, String)> =
            query.select((businesses::tax_code, businesses::commune_code, businesses::sectors)).load(conn)?;
        for (tax_code, commune, sectors) in rows {
            found.insert(tax_code, (commune, serde_json::from_str(&sectors).unwrap_or_default()));
        }
    }
    Ok(found)
}

/// Who may read the business with this tax code (for other domains' records that name it: such a
/// record is never more visible than the business, see [`Access::within`]).
pub fn access_of(conn: &mut AnyConnection, tax_code: &str) -> Result<Option<Access>, ApiError> {
    Ok(find_by_tax_code(conn, tax_code)?.map(|r| r.access()))
}

/// A page of the businesses the reader may see (keyset on id); fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &BusinessListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Business>, ApiError> {
    let mut query = businesses::table.select(BusinessRow::as_select()).order(businesses::id.asc()).into_boxed();
    if let Some(condition) =
        access::visible::<businesses::table>(reader, access::Coordinated::Record(ENTITY, "businesses.id"))
    {
        query = query.filter(condition);
    }
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        query = query.filter(tdc_kernel::search::contains(conn.backend(), "businesses", q));
    }
    if let Some(status) = filter.status {
        query = query.filter(businesses::status.eq(status.as_str()));
    }
    if let Some(lead) = &filter.lead_agency {
        query = query.filter(businesses::lead_agency.eq(lead.clone()));
    }
    if let Some(commune) = &filter.commune_code {
        let codes = super::units::codes_resolving_to(conn, commune)?;
        query = query.filter(businesses::commune_code.eq_any(codes));
    }
    if let Some(after) = after {
        query = query.filter(businesses::id.gt(after));
    }
    let rows: Vec<BusinessRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(|r| r.to_api(reader)).collect())
}

tdc_kernel::recorded!(BusinessRow, ENTITY, |row| row.to_api(&Reader::Public));
tdc_kernel::stored!(BusinessRow, businesses);

//! Product categories in the database: public reference data kept by DOST's administrators.

use crate::schema::product_categories;
use diesel::prelude::*;
use tdc_kernel::ApiError;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::names::stored;
use tdc_kernel::resource::{Planned, rows};
use tdc_kernel::text::{clean, clean_opt, fold};

use super::Replace;
use crate::model::{ProductCategory, ProductCategoryInput, RiskClass, utc};

/// The entity name of categories in history and the change feed.
pub const ENTITY: &str = "product_category";

#[derive(Debug, Clone, Default, PartialEq, Queryable, Selectable, Insertable, AsChangeset)]
#[diesel(table_name = product_categories, treat_none_as_null = true, treat_none_as_default_value = false)]
struct CategoryRow {
    id: String,
    code: String,
    name_vi: String,
    name_en: Option<String>,
    risk_class: String,
    risk_source: String,
    search_text: String,
    version: i32,
    created_at: chrono::NaiveDateTime,
    updated_at: chrono::NaiveDateTime,
}

impl CategoryRow {
    fn to_api(&self) -> ProductCategory {
        ProductCategory {
            id: self.id.clone(),
            code: self.code.clone(),
            name_vi: self.name_vi.clone(),
            name_en: self.name_en.clone(),
            risk_class: stored(&self.risk_class),
            risk_source: self.risk_source.clone(),
            version: self.version,
            created_at: utc(self.created_at),
            updated_at: utc(self.updated_at),
        }
    }

    fn fill(&mut self, input: &ProductCategoryInput) {
        self.name_vi = clean(&input.name_vi);
        self.name_en = clean_opt(input.name_en.as_deref());
        self.risk_class = input.risk_class.as_str().into();
        self.risk_source = clean(&input.risk_source);
        self.search_text = fold(&format!("{} {} {}", self.code, self.name_vi, self.name_en.as_deref().unwrap_or("")));
    }
}

fn find(conn: &mut AnyConnection, code: &str) -> Result<Option<CategoryRow>, ApiError> {
    Ok(product_categories::table
        .filter(product_categories::code.eq(code))
        .select(CategoryRow::as_select())
        .first(conn)
        .optional()?)
}

/// One category by code.
pub fn get(conn: &mut AnyConnection, code: &str) -> Result<ProductCategory, ApiError> {
    find(conn, code)?.map(|r| r.to_api()).ok_or_else(|| ApiError::NotFound(format!("no product category {code}")))
}

/// The risk class of a category, if it exists.
pub fn risk_class(conn: &mut AnyConnection, code: &str) -> Result<Option<RiskClass>, ApiError> {
    Ok(find(conn, code)?.map(|r| r.to_api().risk_class))
}

/// Creates or replaces a category, as `replace` allows; returns it and whether it was created.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    code: &str,
    input: &ProductCategoryInput,
    replace: Replace,
) -> Result<(ProductCategory, bool), ApiError> {
    let existing = find(conn, code)?;
    let mut row = existing.clone().unwrap_or_else(|| CategoryRow { code: code.to_owned(), ..rows::fresh() });
    row.fill(input);
    let (row, created) = rows::write_one(conn, actor, Planned { existing, row }, &replace)?;
    Ok((row.to_api(), created))
}

/// A page of categories by code; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    q: Option<&str>,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ProductCategory>, ApiError> {
    let mut query =
        product_categories::table.select(CategoryRow::as_select()).order(product_categories::code.asc()).into_boxed();
    if let Some(q) = q.filter(|q| !q.trim().is_empty()) {
        query = query.filter(tdc_kernel::search::contains(conn.backend(), "product_categories", q));
    }
    if let Some(after) = after {
        query = query.filter(product_categories::code.gt(after));
    }
    let rows: Vec<CategoryRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(CategoryRow::to_api).collect())
}

tdc_kernel::recorded!(CategoryRow, ENTITY, public, |row| row.to_api());
tdc_kernel::stored!(CategoryRow, product_categories);

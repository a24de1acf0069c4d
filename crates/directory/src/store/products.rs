//! Products in the database.

use std::collections::HashMap;

use crate::schema::products;
use diesel::prelude::*;
use tdc_kernel::access::{self, Access, Reader};
use tdc_kernel::changes::{Actor, Recorded, record_row};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::resource::RecordMeta;
use tdc_kernel::text::{clean, clean_opt, fold};
use tdc_kernel::versions::check_updated;
use tdc_kernel::{ApiError, FieldError};

use super::{Replace, businesses, categories};
use crate::model::{Product, ProductInput, ProductListQuery, RiskClass};

/// The entity name of products in history and the change feed.
pub const ENTITY: &str = "product";

tdc_kernel::shared_row! {
    #[derive(Debug, Clone, Queryable, Selectable, Insertable, AsChangeset)]
    #[diesel(table_name = products, treat_none_as_null = true)]
    struct ProductRow {
        id: String,
        gtin: Option<String>,
        name: String,
        brand: Option<String>,
        model: Option<String>,
        category_code: String,
        hs_code: Option<String>,
        manufacturer_tax_code: Option<String>,
        importer_tax_code: Option<String>,
        origin_country: Option<String>,
        risk_override: Option<String>,
        risk_override_reason: Option<String>,
        search_text: String,
    }
}

impl ProductRow {
    fn to_api(&self, category_risk: RiskClass) -> Product {
        let access = self.access();
        let risk_override = self.risk_override.as_deref().and_then(RiskClass::parse);
        Product {
            record: RecordMeta::of(&self.id, access, self.version, self.created_at, self.updated_at),
            gtin: self.gtin.clone(),
            name: self.name.clone(),
            brand: self.brand.clone(),
            model: self.model.clone(),
            category_code: self.category_code.clone(),
            hs_code: self.hs_code.clone(),
            manufacturer_tax_code: self.manufacturer_tax_code.clone(),
            importer_tax_code: self.importer_tax_code.clone(),
            origin_country: self.origin_country.clone(),
            risk_class: risk_override.unwrap_or(category_risk),
            risk_override,
            risk_override_reason: self.risk_override_reason.clone(),
        }
    }

    /// Sets every content field from `input`; the product is never more visible than the
    /// businesses it names (`named`).
    fn fill(&mut self, input: &ProductInput, lead: &str, named: &[Access]) {
        self.name = clean(&input.name);
        self.brand = clean_opt(input.brand.as_deref());
        self.model = clean_opt(input.model.as_deref());
        self.category_code = input.category_code.clone();
        self.hs_code = input.hs_code.clone();
        self.manufacturer_tax_code = input.manufacturer_tax_code.clone();
        self.importer_tax_code = input.importer_tax_code.clone();
        self.origin_country = input.origin_country.clone();
        self.risk_override = input.risk_override.map(|r| r.as_str().to_owned());
        self.risk_override_reason = clean_opt(input.risk_override_reason.as_deref());
        let words = [Some(self.name.as_str()), self.brand.as_deref(), self.model.as_deref(), self.gtin.as_deref()];
        self.search_text = fold(&words.iter().flatten().copied().collect::<Vec<_>>().join(" "));
        let requested = Access {
            lead_agency: lead.to_owned(),
            sharing: input.sharing,
            coordinating: input.coordinating_agencies.clone(),
        };
        let access = named.iter().fold(requested, |access, business| access.within(business));
        self.lead_agency = access.lead_agency;
        self.sharing = access.sharing.as_str().into();
        self.coordinating = Access::coordinating_column(&access.coordinating);
    }

    fn content(&self) -> impl PartialEq + use<> {
        (
            (
                self.name.clone(),
                self.brand.clone(),
                self.model.clone(),
                self.category_code.clone(),
                self.hs_code.clone(),
            ),
            (self.manufacturer_tax_code.clone(), self.importer_tax_code.clone(), self.origin_country.clone()),
            (self.risk_override.clone(), self.risk_override_reason.clone()),
            (self.lead_agency.clone(), self.sharing.clone(), self.coordinating.clone()),
        )
    }
}

/// What a product's input refers to, checked: its category's risk class and who may read the
/// businesses it names.
struct References {
    risk: RiskClass,
    businesses: Vec<Access>,
}

/// Checks what the input refers to: the category, the businesses, the agencies, the override's reason.
fn check_references(conn: &mut AnyConnection, input: &ProductInput, lead: &str) -> Result<References, ApiError> {
    let mut errors = Vec::new();
    let mut named = Vec::new();
    let risk = categories::risk_class(conn, &input.category_code)?;
    if risk.is_none() {
        let message = format!("no product category has the code {}", input.category_code);
        errors.push(FieldError::new("/category_code", "unknown_category", message));
    }
    for (field, tax_code) in
        [("manufacturer_tax_code", &input.manufacturer_tax_code), ("importer_tax_code", &input.importer_tax_code)]
    {
        let Some(tax_code) = tax_code else { continue };
        match businesses::access_of(conn, tax_code)? {
            Some(access) => named.push(access),
            None => {
                let message = format!("no business with tax code {tax_code} is in the hub; record it first");
                errors.push(FieldError::new(format!("/{field}"), "unknown_business", message));
            }
        }
    }
    if input.risk_override.is_some() && input.risk_override_reason.is_none() {
        errors.push(FieldError::new("/risk_override_reason", "required", "overriding the risk class needs a reason"));
    }
    if let Err(ApiError::Invalid(more)) = super::agencies::check_codes(conn, lead, &input.coordinating_agencies, "") {
        errors.extend(more);
    }
    match risk {
        Some(risk) if errors.is_empty() => Ok(References { risk, businesses: named }),
        _ => Err(ApiError::Invalid(errors)),
    }
}

fn new_row(gtin: Option<String>) -> ProductRow {
    let at = now();
    ProductRow {
        id: tdc_kernel::ids::new_id(),
        gtin,
        name: String::new(),
        brand: None,
        model: None,
        category_code: String::new(),
        hs_code: None,
        manufacturer_tax_code: None,
        importer_tax_code: None,
        origin_country: None,
        risk_override: None,
        risk_override_reason: None,
        search_text: String::new(),
        lead_agency: String::new(),
        sharing: String::new(),
        coordinating: "[]".into(),
        version: 1,
        created_at: at,
        updated_at: at,
    }
}

/// Records a new product (`gtin` already normalized to 14 digits, if any).
pub fn create(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    gtin: Option<String>,
    input: &ProductInput,
) -> Result<Product, ApiError> {
    let lead = access::lead_for(writer, input.lead_agency.as_deref())?;
    let References { risk, businesses: named } = check_references(conn, input, &lead)?;
    let mut row = new_row(gtin);
    row.fill(input, &lead, &named);
    let inserted = diesel::insert_into(products::table).values(&row).execute(conn);
    tdc_kernel::db::unique(inserted, "/gtin", "a product with this GTIN exists")?;
    let created = row.to_api(risk);
    record_row(conn, actor, "created", None, &created)?;
    Ok(created)
}

fn find_by_gtin(conn: &mut AnyConnection, gtin: &str) -> Result<Option<ProductRow>, ApiError> {
    Ok(products::table.filter(products::gtin.eq(gtin)).select(ProductRow::as_select()).first(conn).optional()?)
}

/// Creates or replaces a product by GTIN (14 digits), as `replace` allows.
pub fn upsert(
    conn: &mut AnyConnection,
    actor: &Actor,
    writer: &Reader,
    gtin: &str,
    input: &ProductInput,
    replace: Replace,
) -> Result<(Product, bool), ApiError> {
    let Some(existing) = find_by_gtin(conn, gtin)? else {
        return create(conn, actor, writer, Some(gtin.to_owned()), input).map(|p| (p, true));
    };
    if !writer.may_read(&existing.access()) {
        return Err(ApiError::duplicate("/gtin", "a product with this GTIN exists"));
    }
    access::require_lead(writer, &existing.access())?;
    let lead = input.lead_agency.clone().unwrap_or_else(|| existing.lead_agency.clone());
    let lead = if lead == existing.lead_agency { lead } else { access::lead_for(writer, Some(&lead))? };
    let References { risk, businesses: named } = check_references(conn, input, &lead)?;
    let old_risk = categories::risk_class(conn, &existing.category_code)?.unwrap_or(risk);
    let mut row = existing.clone();
    row.fill(input, &lead, &named);
    if !replace.allows(row.content() == existing.content(), existing.version)? {
        return Ok((existing.to_api(old_risk), false));
    }
    row.version = existing.version + 1;
    row.updated_at = now();
    check_updated(
        diesel::update(products::table.find(&row.id).filter(products::version.eq(existing.version)))
            .set(&row)
            .execute(conn)?,
    )?;
    let after = row.to_api(risk);
    record_row(conn, actor, "updated", Some(&existing.to_api(old_risk)), &after)?;
    Ok((after, false))
}

fn with_risk(conn: &mut AnyConnection, rows: Vec<ProductRow>) -> Result<Vec<Product>, ApiError> {
    let mut risks: HashMap<String, RiskClass> = HashMap::new();
    for row in &rows {
        if !risks.contains_key(&row.category_code) {
            let risk = categories::risk_class(conn, &row.category_code)?.unwrap_or(RiskClass::High);
            risks.insert(row.category_code.clone(), risk);
        }
    }
    Ok(rows.iter().map(|r| r.to_api(risks[&r.category_code])).collect())
}

/// One product by id, if the reader may see it.
pub fn get(conn: &mut AnyConnection, reader: &Reader, id: &str) -> Result<Product, ApiError> {
    let mut query = products::table.find(id).select(ProductRow::as_select()).into_boxed();
    for condition in readable(reader) {
        query = query.filter(condition);
    }
    let rows: Vec<ProductRow> = query.limit(1).load(conn)?;
    with_risk(conn, rows)?.pop().ok_or_else(|| ApiError::NotFound(format!("no product {id}")))
}

/// The conditions that keep the products `reader` may see: their own sharing, narrowed to their
/// maker's and importer's as those businesses stand today (the product's lead keeps seeing it).
fn readable(reader: &Reader) -> Vec<access::Condition<products::table>> {
    let through = |named_by| crate::api::business_visible(reader, named_by, "products.lead_agency");
    let own = access::visible::<products::table>(reader, access::Coordinated::Record(ENTITY, "products.id"));
    let maker = through("products.manufacturer_tax_code");
    let importer = through("products.importer_tax_code");
    [own, maker, importer].into_iter().flatten().collect()
}

/// One product by GTIN (14 digits), if the reader may see it.
pub fn get_by_gtin(conn: &mut AnyConnection, reader: &Reader, gtin: &str) -> Result<Product, ApiError> {
    let mut query = products::table.filter(products::gtin.eq(gtin)).select(ProductRow::as_select()).into_boxed();
    for condition in readable(reader) {
        query = query.filter(condition);
    }
    let rows: Vec<ProductRow> = query.limit(1).load(conn)?;
    with_risk(conn, rows)?.pop().ok_or_else(|| ApiError::NotFound(format!("no product with GTIN {gtin}")))
}

/// A page of the products the reader may see (keyset on id); fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    reader: &Reader,
    filter: &ProductListQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<Product>, ApiError> {
    let mut query = products::table.select(ProductRow::as_select()).order(products::id.asc()).into_boxed();
    for condition in readable(reader) {
        query = query.filter(condition);
    }
    if let Some(q) = filter.q.as_deref().filter(|q| !q.trim().is_empty()) {
        query = query.filter(tdc_kernel::search::contains(conn.backend(), "products", q));
    }
    if let Some(category) = &filter.category_code {
        query = query.filter(products::category_code.eq(category.clone()));
    }
    if let Some(maker) = &filter.manufacturer_tax_code {
        query = query.filter(products::manufacturer_tax_code.eq(maker.clone()));
    }
    if let Some(after) = after {
        query = query.filter(products::id.gt(after));
    }
    let rows: Vec<ProductRow> = query.limit(limit + 1).load(conn)?;
    with_risk(conn, rows)
}

impl Recorded for Product {
    const ENTITY: &'static str = ENTITY;
    fn record_id(&self) -> &str {
        &self.record.id
    }
    fn record_version(&self) -> i32 {
        self.record.version
    }
    fn record_access(&self, _: &Actor) -> Access {
        self.record.access()
    }
    fn snapshot(&self) -> String {
        serde_json::to_string(self).unwrap_or_else(|_| "null".into())
    }
}

/// A product's maker, importer, risk override and its category's risk class.
type NamedRisk = (Option<String>, Option<String>, Option<String>, String);

/// The highest risk class of the products each business makes or imports (an override counts
/// over its category's class): of the businesses in `only`, or of every business.
pub fn highest_risk_by_business(
    conn: &mut AnyConnection,
    only: Option<&[String]>,
) -> Result<HashMap<String, RiskClass>, ApiError> {
    use crate::schema::product_categories as pc;
    let mut query = products::table
        .inner_join(pc::table.on(pc::code.eq(products::category_code)))
        .select((products::manufacturer_tax_code, products::importer_tax_code, products::risk_override, pc::risk_class))
        .into_boxed();
    if let Some(codes) = only {
        let named = products::manufacturer_tax_code
            .eq_any(codes.to_vec())
            .or(products::importer_tax_code.eq_any(codes.to_vec()));
        query = query.filter(named.assume_not_null());
    }
    let rows: Vec<NamedRisk> = query.load(conn)?;
    let mut highest: HashMap<String, RiskClass> = HashMap::new();
    for (maker, importer, over, class) in rows {
        let risk =
            over.as_deref().and_then(RiskClass::parse).or_else(|| RiskClass::parse(&class)).unwrap_or(RiskClass::High);
        for tax in [maker, importer].into_iter().flatten() {
            let entry = highest.entry(tax).or_insert(risk);
            if rank(risk) > rank(*entry) {
                *entry = risk;
            }
        }
    }
    Ok(highest)
}

fn rank(risk: RiskClass) -> u8 {
    match risk {
        RiskClass::Low => 0,
        RiskClass::Medium => 1,
        RiskClass::High => 2,
    }
}

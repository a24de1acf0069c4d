//! Notifications to other provinces (seed 000 Art. 9.1.d): when a body with branches or laboratories
//! elsewhere has a certificate action, each of those provinces gets a notification, carried by the
//! change feed (entity `province_notification`) and listed at `/api/v1/province-notifications`.

use crate::schema::province_notifications as pn;
use diesel::prelude::*;
use tdc_kernel::access::{Access, Sharing};
use tdc_kernel::changes::{self, Actor, Change};
use tdc_kernel::db::{AnyConnection, now};
use tdc_kernel::{ApiError, HomeProvince};
use tdc_regulations::model::DecisionRef;

use super::bodies::BodyRow;
use super::certificates::CertificateRow;
use crate::model::{NotificationQuery, ProvinceNotification, utc};

/// The entity name of notifications in the change feed.
pub const ENTITY: &str = "province_notification";

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pn)]
struct NotificationRow {
    id: String,
    province_code: String,
    entity: String,
    entity_id: String,
    action: String,
    body_id: String,
    summary: String,
    created_at: chrono::NaiveDateTime,
}

impl NotificationRow {
    fn to_api(&self) -> ProvinceNotification {
        ProvinceNotification {
            id: self.id.clone(),
            province_code: self.province_code.clone(),
            entity: self.entity.clone(),
            entity_id: self.entity_id.clone(),
            action: self.action.clone(),
            body_id: self.body_id.clone(),
            summary: serde_json::from_str(&self.summary).unwrap_or_default(),
            created_at: utc(self.created_at),
        }
    }
}

/// Records one notification per province other than `home` where the body has a site.
pub(crate) fn tell_provinces(
    conn: &mut AnyConnection,
    actor: &Actor,
    home: &HomeProvince,
    body: &BodyRow,
    certificate: &CertificateRow,
    action: &str,
    decision: Option<&DecisionRef>,
) -> Result<(), ApiError> {
    let sites = body.sites();
    let mut provinces: Vec<&str> = sites.iter().map(|s| s.province_code.as_str()).filter(|p| *p != home.code).collect();
    provinces.sort_unstable();
    provinces.dedup();
    for province in provinces {
        let there: Vec<_> = sites.iter().filter(|s| s.province_code == province).collect();
        let summary = serde_json::json!({
            "from_province": home.code, "body_name": body.name, "tax_code": body.tax_code,
            "certificate_number": certificate.number, "activity": certificate.activity,
            "status": certificate.status_now(), "decision": decision, "sites": there,
        });
        let row = NotificationRow {
            id: tdc_kernel::ids::new_id(),
            province_code: province.to_owned(),
            entity: super::certificates::ENTITY.into(),
            entity_id: certificate.id.clone(),
            action: action.to_owned(),
            body_id: body.id.clone(),
            summary: summary.to_string(),
            created_at: now(),
        };
        diesel::insert_into(pn::table).values(&row).execute(conn)?;
        let access = Access { lead_agency: body.lead_agency.clone(), sharing: Sharing::Public, coordinating: vec![] };
        let after = serde_json::to_string(&row.to_api()).unwrap_or_else(|_| "null".into());
        let change = Change {
            entity: ENTITY,
            entity_id: &row.id,
            action: "created",
            version: 1,
            access: &access,
            before: None,
            after: Some(after),
        };
        changes::record(actor, change);
    }
    Ok(())
}

/// A page of notifications (oldest first), for one province or all; fetches `limit + 1` rows.
pub fn list(
    conn: &mut AnyConnection,
    filter: &NotificationQuery,
    after: Option<String>,
    limit: i64,
) -> Result<Vec<ProvinceNotification>, ApiError> {
    let mut query = pn::table.select(NotificationRow::as_select()).order(pn::id.asc()).into_boxed();
    if let Some(province) = &filter.province {
        query = query.filter(pn::province_code.eq(province.clone()));
    }
    if let Some(after) = after {
        query = query.filter(pn::id.gt(after));
    }
    let rows: Vec<NotificationRow> = query.limit(limit + 1).load(conn)?;
    Ok(rows.iter().map(NotificationRow::to_api).collect())
}

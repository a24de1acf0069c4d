//! The watch over deadlines: once an agency's period passes without its reply, the request is
//! marked by itself — a new version whose change the lead agency and every agency asked read in
//! their change feed — without anyone asking. Run by the gateway's scheduler on every instance;
//! a race loses one transaction, which the next run repeats.

use chrono::NaiveDate;
use diesel::prelude::*;

use tdc_kernel::ApiError;
use tdc_kernel::changes::Actor;
use tdc_kernel::db::AnyConnection;
use tdc_kernel::resource::rows;

use super::requests::RequestRow;
use crate::model::AddresseeStatus;
use crate::schema::coordination_requests as cr;

/// The most requests one run marks (one transaction).
pub const OVERDUE_BATCH: usize = 100;

/// The client the hub's own changes are recorded under.
const HUB_CLIENT: &str = "tdc-hub";

/// Marks the open requests with an agency silent past its deadline that nobody was told of yet;
/// answers how many.
pub fn record_overdue(conn: &mut AnyConnection, today: NaiveDate) -> Result<usize, ApiError> {
    let due: Vec<RequestRow> = cr::table
        .filter(cr::state.eq("open"))
        .filter(cr::unnoticed_due_on.lt(today))
        .order(cr::id.asc())
        .limit(OVERDUE_BATCH as i64)
        .select(RequestRow::as_select())
        .load(conn)?;
    for existing in &due {
        let actor = Actor { client_id: HUB_CLIENT.into(), agency_code: existing.lead_agency.clone() };
        let mut list = existing.addressees(today);
        for part in list.iter_mut().filter(|a| a.status == AddresseeStatus::Overdue && a.overdue_noticed_on.is_none()) {
            part.overdue_noticed_on = Some(today);
        }
        let mut row = existing.clone();
        row.set_addressees(&list);
        rows::save(conn, &actor, "overdue", existing, &mut row)?;
    }
    Ok(due.len())
}

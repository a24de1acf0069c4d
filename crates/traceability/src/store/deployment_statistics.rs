//! The deployment registry counted by sector or commune: how many businesses use barcodes and
//! traceability, how many reach the national portal, the stamps issued and the subsidy paid —
//! the figures DOST follows (seed 001 Art. 9.1.d) and reports (seed 002 §II.2).

use std::collections::BTreeMap;

use tdc_kernel::ApiError;
use tdc_kernel::db::AnyConnection;

use crate::model::{Deployment, DeploymentFigures, DeploymentGrouping, DeploymentStatistics};

impl DeploymentFigures {
    fn add(&mut self, d: &Deployment) {
        self.businesses += 1;
        self.with_barcodes += u64::from(d.uses_barcodes);
        self.with_traceability += u64::from(d.traceability_solution.is_some());
        self.connected_to_portal += u64::from(d.portal_connected_on.is_some());
        self.products += d.products.len() as u64;
        self.products_connected += d.products.iter().filter(|p| p.portal_connected_on.is_some()).count() as u64;
        self.stamps += d.stamp_issues.iter().map(|s| s.quantity).sum::<i64>();
        self.stamp_subsidy_vnd += d.stamp_issues.iter().map(|s| s.quantity * s.subsidy_vnd_per_stamp).sum::<i64>();
    }
}

/// The groups a business counts in.
fn groups_of(place: Option<&(Option<String>, Vec<String>)>, by: DeploymentGrouping) -> Vec<String> {
    let unknown = || vec!["unknown".to_owned()];
    match (place, by) {
        (Some((Some(commune), _)), DeploymentGrouping::Commune) => vec![commune.clone()],
        (Some((_, sectors)), DeploymentGrouping::Sector) if !sectors.is_empty() => sectors.clone(),
        _ => unknown(),
    }
}

/// The registry's figures grouped `by` sector or commune, with the province's total.
pub fn statistics(conn: &mut AnyConnection, by: DeploymentGrouping) -> Result<DeploymentStatistics, ApiError> {
    let all = super::deployments::all(conn)?;
    let tax_codes: Vec<String> = all.iter().map(|d| d.tax_code.clone()).collect();
    let places = tdc_directory::api::business_places(conn, &tax_codes)?;
    let mut groups: BTreeMap<String, DeploymentFigures> = BTreeMap::new();
    let mut total = DeploymentFigures { group: "total".into(), ..Default::default() };
    for d in &all {
        total.add(d);
        for group in groups_of(places.get(&d.tax_code), by) {
            groups.entry(group.clone()).or_insert_with(|| DeploymentFigures { group, ..Default::default() }).add(d);
        }
    }
    Ok(DeploymentStatistics { by, groups: groups.into_values().collect(), total })
}

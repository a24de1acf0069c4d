//! Risk-based targeting (seed 001 Art. 3.3–3.4: from pre-control to post-market control, on
//! high-risk goods and violation history): a score per business from three factors, each
//! normalised to 0–1 and weighted by configuration, so that the contributions add up to the score.

use chrono::NaiveDate;
use tdc_directory::model::RiskClass;

use crate::model::{RiskFactor, RiskFactorName};

/// Recency-weighted violations that count in full (more add nothing).
pub const VIOLATIONS_SATURATION: f64 = 2.0;
/// Months without an inspection after which that factor counts in full.
pub const INSPECTION_HORIZON_MONTHS: f64 = 36.0;
const DAYS_PER_MONTH: f64 = 30.436_875;

/// The weights of the factors and the half-life of a violation (configuration:
/// `TDC_RISK_WEIGHTS`, `TDC_RISK_VIOLATION_HALF_LIFE_MONTHS`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct RiskRules {
    /// Weight of the highest risk class of the products the business makes or imports.
    pub product_risk: f64,
    /// Weight of its recency-weighted violations.
    pub violations: f64,
    /// Weight of the time since its last concluded inspection.
    pub since_inspection: f64,
    /// Months after which a violation counts half.
    pub violation_half_life_months: f64,
}

impl Default for RiskRules {
    fn default() -> RiskRules {
        RiskRules { product_risk: 40.0, violations: 40.0, since_inspection: 20.0, violation_half_life_months: 24.0 }
    }
}

impl RiskRules {
    /// Reads `product_risk=40,violations=40,since_inspection=20` (each weight 0–1000, any order,
    /// missing ones 0) over the half-life given.
    pub fn parse(weights: &str, half_life_months: f64) -> Result<RiskRules, String> {
        let mut rules = RiskRules {
            product_risk: 0.0,
            violations: 0.0,
            since_inspection: 0.0,
            violation_half_life_months: half_life_months,
        };
        for part in weights.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, value) = part.split_once('=').ok_or_else(|| format!("`{part}` is not name=weight"))?;
            let value: f64 = value.trim().parse().map_err(|_| format!("`{value}` is not a number"))?;
            if !(0.0..=1000.0).contains(&value) {
                return Err(format!("the weight of {name} must be between 0 and 1000"));
            }
            match name.trim() {
                "product_risk" => rules.product_risk = value,
                "violations" => rules.violations = value,
                "since_inspection" => rules.since_inspection = value,
                other => {
                    return Err(format!("no factor is called `{other}` (product_risk, violations, since_inspection)"));
                }
            }
        }
        if !(1.0..=240.0).contains(&half_life_months) {
            return Err("the half-life must be between 1 and 240 months".into());
        }
        Ok(rules)
    }

    /// The highest score the weights allow.
    pub fn max_score(&self) -> f64 {
        self.product_risk + self.violations + self.since_inspection
    }
}

/// What the hub knows of a business on the day the score is computed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RiskFacts {
    /// The highest risk class of its products.
    pub product_risk: Option<RiskClass>,
    /// The days its violations were committed.
    pub violations: Vec<NaiveDate>,
    /// The day its last inspection was concluded.
    pub last_inspected_on: Option<NaiveDate>,
}

fn months_between(from: NaiveDate, to: NaiveDate) -> f64 {
    ((to - from).num_days().max(0) as f64) / DAYS_PER_MONTH
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// The score on day `on` and its factors: each contribution is the weight times the normalised
/// value, rounded to hundredths, and the score is their sum.
pub fn score(rules: &RiskRules, facts: &RiskFacts, on: NaiveDate) -> (f64, Vec<RiskFactor>) {
    let class = match facts.product_risk {
        None => 0.0,
        Some(RiskClass::Low) => 1.0,
        Some(RiskClass::Medium) => 2.0,
        Some(RiskClass::High) => 3.0,
    };
    let weighted: f64 =
        facts.violations.iter().map(|d| 0.5f64.powf(months_between(*d, on) / rules.violation_half_life_months)).sum();
    let months = facts.last_inspected_on.map(|d| months_between(d, on));
    let factor = |name, value: Option<f64>, normalized: f64, weight: f64| {
        let normalized = round2(normalized.clamp(0.0, 1.0));
        RiskFactor { name, value: value.map(round2), normalized, weight, contribution: round2(weight * normalized) }
    };
    let factors = vec![
        factor(RiskFactorName::ProductRisk, Some(class), class / 3.0, rules.product_risk),
        factor(RiskFactorName::Violations, Some(weighted), weighted / VIOLATIONS_SATURATION, rules.violations),
        factor(
            RiskFactorName::SinceInspection,
            months,
            months.map_or(1.0, |m| m / INSPECTION_HORIZON_MONTHS),
            rules.since_inspection,
        ),
    ];
    (round2(factors.iter().map(|f| f.contribution).sum()), factors)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn contributions_add_up_and_old_violations_weigh_less() {
        let rules = RiskRules::default();
        let on = day("2026-12-01");
        let fresh = RiskFacts {
            product_risk: Some(RiskClass::High),
            violations: vec![day("2026-11-01")],
            last_inspected_on: None,
        };
        let (score, factors) = score(&rules, &fresh, on);
        assert_eq!(score, round2(factors.iter().map(|f| f.contribution).sum()));
        assert!(score > 75.0 && score <= rules.max_score(), "{score}");
        let old = RiskFacts { violations: vec![day("2022-12-01")], ..fresh.clone() };
        assert!(self::score(&rules, &old, on).0 < score);
        let inspected = RiskFacts { last_inspected_on: Some(on), ..fresh };
        assert_eq!(self::score(&rules, &inspected, on).1[2].contribution, 0.0);
    }

    #[test]
    fn weights_are_read_from_configuration() {
        let rules = RiskRules::parse("violations=70, product_risk=30", 12.0).unwrap();
        assert_eq!((rules.product_risk, rules.violations, rules.since_inspection), (30.0, 70.0, 0.0));
        assert!(RiskRules::parse("colour=1", 12.0).is_err());
        assert!(RiskRules::parse("violations=x", 12.0).is_err());
        assert!(RiskRules::parse("violations=10", 0.0).is_err());
    }
}

//! The province's rules for a draft's public consultation, from the hub's configuration.

/// How long a consultation lasts at least, and how many comments the public may file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ConsultationRules {
    /// The shortest consultation window in days, both ends counted (`TDC_CONSULTATION_MIN_DAYS`;
    /// default 60, the period the Law on Standards and Technical Regulations gives for comments on
    /// a draft technical regulation).
    pub min_days: u32,
    /// The most comments one source address files on one draft in a day without a token
    /// (`TDC_PUBLIC_COMMENTS_PER_DAY`; default 20).
    pub public_comments_per_day: u32,
}

impl Default for ConsultationRules {
    fn default() -> Self {
        ConsultationRules { min_days: 60, public_comments_per_day: 20 }
    }
}

impl ConsultationRules {
    /// Whether a window from `opens` to `closes` (both included) is long enough.
    pub fn long_enough(&self, opens: chrono::NaiveDate, closes: chrono::NaiveDate) -> bool {
        (closes - opens).num_days() + 1 >= i64::from(self.min_days)
    }
}

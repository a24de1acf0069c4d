//! What the hub sends out, as configured: the push to the national traceability portal and the
//! webhooks' rounds and retries.

use std::time::Duration;

use crate::config::Config;

impl Config {
    /// The push to the national traceability portal, as configured (`None`: not configured).
    pub fn portal(&self) -> Result<Option<tdc_traceability::api::PortalSettings>, String> {
        let Some(url) = &self.portal_url else { return Ok(None) };
        if !url.starts_with("http://") {
            return Err(
                "must be an http:// address (put a TLS-terminating egress proxy before an https:// portal)".into()
            );
        }
        if !(1..=100).contains(&self.portal_max_attempts) || !(10..=3_600_000).contains(&self.portal_interval_ms) {
            return Err("TDC_PORTAL_MAX_ATTEMPTS must be 1 to 100 and TDC_PORTAL_INTERVAL_MS 10 to 3600000".into());
        }
        let lot_fields = tdc_traceability::api::PortalSettings::lot_fields(&self.portal_lot_fields)?;
        let retry = tdc_kernel::queue::Retry {
            max_attempts: self.portal_max_attempts,
            first_delay: Duration::from_millis(self.portal_retry_ms),
            longest_delay: Duration::from_secs(3600),
        };
        let every = Duration::from_millis(self.portal_interval_ms);
        Ok(Some(tdc_traceability::api::PortalSettings {
            url: url.clone(),
            token: self.portal_token.clone(),
            lot_fields,
            every,
            retry,
        }))
    }

    /// How webhooks are pushed, as configured.
    pub fn webhooks(&self) -> Result<tdc_kernel::webhooks::WebhookSettings, String> {
        if !(1..=100).contains(&self.webhook_max_attempts) || !(10..=3_600_000).contains(&self.webhook_interval_ms) {
            return Err("TDC_WEBHOOK_MAX_ATTEMPTS must be 1 to 100 and TDC_WEBHOOK_INTERVAL_MS 10 to 3600000".into());
        }
        let retry = tdc_kernel::queue::Retry {
            max_attempts: self.webhook_max_attempts,
            first_delay: Duration::from_millis(self.webhook_retry_ms),
            longest_delay: Duration::from_secs(3600),
        };
        Ok(tdc_kernel::webhooks::WebhookSettings { every: Duration::from_millis(self.webhook_interval_ms), retry })
    }

    /// The connector to the national TĐC database, as configured (`None`: not configured).
    pub fn national(&self) -> Result<Option<tdc_reporting::api::NationalSettings>, String> {
        let Some(url) = &self.national_url else { return Ok(None) };
        if !url.starts_with("http://") {
            return Err("TDC_NATIONAL_URL must be an http:// address (put a TLS-terminating egress proxy before an https:// one)".into());
        }
        if self.national_feed.as_ref().is_some_and(|f| !f.starts_with('/')) {
            return Err("TDC_NATIONAL_FEED must be a path beginning with `/`, e.g. `/changes`".into());
        }
        let pushes = self.webhooks()?;
        Ok(Some(tdc_reporting::api::NationalSettings {
            url: url.clone(),
            token: self.national_token.clone(),
            events: self
                .national_events
                .split(',')
                .map(str::trim)
                .filter(|e| !e.is_empty())
                .map(str::to_owned)
                .collect(),
            fields: tdc_reporting::api::NationalSettings::pairs(&self.national_fields)?,
            province: self.province_code.clone(),
            feed: self.national_feed.clone(),
            every: pushes.every,
            retry: pushes.retry,
        }))
    }
}

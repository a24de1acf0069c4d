//! Import jobs as configured: where files are spooled, how large they may be, and how soon a job
//! an instance stopped holding is taken up by another.

use std::time::Duration;

use crate::config::Config;

impl Config {
    /// The import jobs' settings.
    pub fn imports(&self) -> Result<tdc_kernel::imports::ImportSettings, String> {
        if !(1..=1_048_576).contains(&self.import_max_mb) || !(1..=3600).contains(&self.import_lease_seconds) {
            return Err("TDC_IMPORT_MAX_MB must be 1 to 1048576 and TDC_IMPORT_LEASE_SECONDS 1 to 3600".into());
        }
        Ok(tdc_kernel::imports::ImportSettings {
            dir: self.data_dir.join("imports"),
            max_bytes: self.import_max_mb * 1024 * 1024,
            lease: Duration::from_secs(self.import_lease_seconds),
            every: (self.import_interval_ms > 0).then(|| Duration::from_millis(self.import_interval_ms)),
        })
    }
}

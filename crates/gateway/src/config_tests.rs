//! The configuration's tests: defaults, the file, the environment, refusals.
use super::*;
use std::collections::HashMap;

fn load(env: &[(&str, &str)]) -> Result<Config, ConfigError> {
    let map: HashMap<String, String> = env.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
    Config::load_from(None, |k| map.get(k).cloned())
}

#[test]
fn defaults_need_nothing() {
    let c = load(&[]).unwrap();
    assert_eq!(c.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(c.database_url, "sqlite://./data/tdc-hub.db");
    assert_eq!(c.province_name, "Hải Phòng");
    assert_eq!(c.log_format, LogFormat::Pretty);
}

#[test]
fn environment_overrides_and_bad_values_name_the_setting() {
    let c = load(&[("TDC_DATA_DIR", "/tmp/x"), ("TDC_POOL_SIZE", "3")]).unwrap();
    assert_eq!(c.database_url, "sqlite:///tmp/x/tdc-hub.db");
    assert_eq!(c.pool_size, 3);
    let e = load(&[("TDC_POOL_SIZE", "many")]).unwrap_err();
    assert_eq!(e.setting, "TDC_POOL_SIZE");
    let e = load(&[("DATABASE_URL", "mysql://x")]).unwrap_err();
    assert_eq!(e.setting, "DATABASE_URL");
    assert!(load(&[("TDC_LOG_FORMAT", "xml")]).is_err());
    assert!(load(&[("TDC_LISTEN", "nowhere")]).is_err());
}

#[test]
fn file_then_environment() {
    let path = std::env::temp_dir().join(format!("tdc-config-{}.toml", tdc_kernel::ids::new_id()));
    std::fs::write(&path, "pool_size = 4\nprovince_name = \"Nghệ An\"\n").unwrap();
    let c = Config::load_from(Some(&path), |k| (k == "TDC_POOL_SIZE").then(|| "6".to_string())).unwrap();
    assert_eq!((c.pool_size, c.province_name.as_str()), (6, "Nghệ An"));
    std::fs::write(&path, "pool_sise = 4\n").unwrap();
    assert!(Config::load_from(Some(&path), |_| None).is_err());
}

//! The migrated, bootstrapped database every test hub starts from, built once per set of
//! migrations and copied per test: a SQLite file copied, or a PostgreSQL database created with
//! `CREATE DATABASE … TEMPLATE`. Building it takes a second; copying it, milliseconds.

use std::hash::{Hash, Hasher};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use diesel::{Connection, RunQueryDsl};

/// Where the template is.
pub enum Template {
    /// A SQLite file to copy.
    Sqlite(PathBuf),
    /// A PostgreSQL database to create others from.
    Postgres(String),
}

static TEMPLATE: OnceLock<Template> = OnceLock::new();

/// The template for this run's backend (built on first use, or found from an earlier run).
pub fn template(admin_url: Option<&str>) -> &'static Template {
    TEMPLATE.get_or_init(|| match admin_url {
        None => Template::Sqlite(sqlite_template()),
        Some(url) => Template::Postgres(postgres_template(url)),
    })
}

/// A name that changes whenever a migration does.
fn migrations_key() -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../migrations");
    let mut files: Vec<PathBuf> = ["sqlite", "postgres"]
        .iter()
        .flat_map(|tree| std::fs::read_dir(root.join(tree)).expect("migrations").flatten())
        .flat_map(|dir| std::fs::read_dir(dir.path()).expect("migration").flatten().map(|f| f.path()))
        .collect();
    files.sort();
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    for file in files {
        file.file_name().hash(&mut hasher);
        std::fs::read(&file).expect("migration file").hash(&mut hasher);
    }
    format!("{:016x}", hasher.finish())
}

/// Migrates and bootstraps a database as a test hub's first start would.
fn prepare(database_url: &str) {
    let data_dir = std::env::temp_dir().join(format!("tdc-e2e-template-keys-{}", uuid::Uuid::now_v7().simple()));
    let mut config = super::config_over(data_dir.clone(), database_url.to_owned());
    config.schedule_interval_seconds = 0;
    drop(tdc_gateway::server::prepare(&config, true).expect("the template migrates and bootstraps"));
    let _ = std::fs::remove_dir_all(data_dir);
}

fn sqlite_template() -> PathBuf {
    let path = std::env::temp_dir().join(format!("tdc-e2e-template-{}.db", migrations_key()));
    if !path.exists() {
        let building = path.with_extension(format!("building-{}", std::process::id()));
        prepare(&format!("sqlite://{}", building.display()));
        std::fs::rename(&building, &path).expect("the template is in place");
    }
    path
}

fn postgres_template(admin_url: &str) -> String {
    let name = format!("tdc_e2e_tpl_{}", migrations_key());
    let mut admin = diesel::PgConnection::establish(admin_url).expect("PostgreSQL reachable");
    diesel::sql_query("SELECT pg_advisory_lock(770917)").execute(&mut admin).expect("template lock");
    let templates: Vec<String> = diesel::dsl::sql::<diesel::sql_types::Text>(
        "SELECT datname FROM pg_database WHERE datname LIKE 'tdc\\_e2e\\_tpl\\_%'",
    )
    .load(&mut admin)
    .expect("look for the template");
    if !templates.contains(&name) {
        // Another checkout's run may still be copying an older template: drop those past a day.
        let stale: Vec<String> = diesel::dsl::sql::<diesel::sql_types::Text>(
            "SELECT datname FROM pg_database WHERE datname LIKE 'tdc\\_e2e\\_tpl\\_%' AND \
             COALESCE(substring(shobj_description(oid, 'pg_database') FROM '^[0-9]+$'), '0')::bigint \
             < extract(epoch FROM now())::bigint - 86400",
        )
        .load(&mut admin)
        .expect("look for stale templates");
        for old in stale {
            let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {old} WITH (FORCE)")).execute(&mut admin);
        }
        let building = format!("{name}_building");
        let _ = diesel::sql_query(format!("DROP DATABASE IF EXISTS {building} WITH (FORCE)")).execute(&mut admin);
        diesel::sql_query(format!("CREATE DATABASE {building}")).execute(&mut admin).expect("create the template");
        prepare(&super::database::replace_database(admin_url, &building));
        diesel::sql_query(format!("ALTER DATABASE {building} RENAME TO {name}")).execute(&mut admin).expect("name it");
        let built = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
        diesel::sql_query(format!("COMMENT ON DATABASE {name} IS '{built}'")).execute(&mut admin).expect("date it");
    }
    diesel::sql_query("SELECT pg_advisory_unlock(770917)").execute(&mut admin).expect("template unlock");
    name
}

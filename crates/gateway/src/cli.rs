//! The command line: `serve` (default), `migrate`, `openapi`, `clients …`, `keys …`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tdc_directory::model::{ClientAction, ClientListQuery, NewApiClient};
use tdc_kernel::auth::{KeySet, Role};
use validator::Validate;

use crate::config::Config;
use crate::server;

/// TĐC Hub: the province's shared data system for standards, metrology and product quality.
#[derive(Debug, Parser)]
#[command(
    name = "tdc-hub",
    version,
    about = "TĐC Hub: the province's shared data system for standards, metrology and product quality."
)]
pub struct Cli {
    /// A TOML configuration file; environment variables override it.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// What to do (default: serve).
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server (the default).
    Serve {
        /// Do not apply pending migrations at start.
        #[arg(long)]
        no_migrate: bool,
    },
    /// Apply pending database migrations and report what was applied.
    Migrate,
    /// Print the OpenAPI document to standard output.
    Openapi,
    /// Manage API clients.
    #[command(subcommand)]
    Clients(ClientsCommand),
    /// Load reference data the project carries.
    #[command(subcommand)]
    Units(UnitsCommand),
    /// Manage the token signing keys.
    #[command(subcommand)]
    Keys(KeysCommand),
    /// Check the tamper-evident audit trail, and print its head to keep elsewhere.
    #[command(subcommand)]
    Audit(AuditCommand),
    /// Print the CBV 2.0 event hash ID of each event of an EPCIS 2.0 JSON-LD document, one a line
    /// (what the hub assigns an event captured without an `eventID`); `--pre-hash` prints the
    /// canonical pre-hash strings instead.
    EpcisHash {
        /// The document.
        file: PathBuf,
        /// Print the pre-hash strings.
        #[arg(long)]
        pre_hash: bool,
    },
}

/// `tdc-hub audit …`
#[derive(Debug, Subcommand)]
pub enum AuditCommand {
    /// Walk the change log and check its hash chains, and that every head kept in FILE (lines
    /// `<time> <seq> <hash>`, as `head` prints them) is still in it; exits 1 when broken.
    Verify {
        /// A file of heads kept earlier.
        #[arg(long)]
        heads: Option<PathBuf>,
    },
    /// Print the chain's head as `<time> <seq> <hash>`; append it to a file kept elsewhere (the
    /// deploy's timer does, hourly) and give that file to `verify --heads`.
    Head,
}

/// `tdc-hub clients …`
#[derive(Debug, Subcommand)]
pub enum ClientsCommand {
    /// Create a client; prints its secret once.
    Create {
        /// The client id (a–z, 0–9, `.`, `_`, `-`).
        #[arg(long)]
        client_id: String,
        /// The system's name.
        #[arg(long)]
        name: String,
        /// The code of the agency it acts for.
        #[arg(long)]
        agency: String,
        /// A role: admin, agency_officer, connector, viewer (repeat for several).
        #[arg(long = "role", required = true)]
        roles: Vec<String>,
    },
    /// List the clients.
    List,
    /// Disable a client: its tokens stop working at once.
    Disable {
        /// The client id.
        client_id: String,
    },
    /// Enable a disabled client.
    Enable {
        /// The client id.
        client_id: String,
    },
    /// Give a client a new secret; prints it once.
    RotateSecret {
        /// The client id.
        client_id: String,
    },
}

/// `tdc-hub units …`
#[derive(Debug, Subcommand)]
pub enum UnitsCommand {
    /// Load the province's official administrative units (its communes since 2025-07-01 and the
    /// units they replaced, and every province); safe to rerun.
    LoadOfficial,
}

/// `tdc-hub keys …`
#[derive(Debug, Subcommand)]
pub enum KeysCommand {
    /// List the signing keys (the last one signs).
    List,
    /// Add a new signing key; tokens signed by older keys stay valid until those are removed.
    Rotate,
    /// Remove a key: tokens it signed stop verifying.
    Remove {
        /// The key id.
        kid: String,
    },
}

/// Runs the command line; the exit code is 0 on success, 1 on failure, 2 for bad configuration.
pub fn run(cli: Cli) -> ExitCode {
    let config = match Config::load(cli.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("tdc-hub: configuration error: {e}");
            return ExitCode::from(2);
        }
    };
    crate::logging::init(&config);
    let result = match cli.command.unwrap_or(Command::Serve { no_migrate: false }) {
        Command::Serve { no_migrate } => serve(&config, !no_migrate),
        Command::Migrate => migrate(&config),
        Command::Openapi => {
            print!("{}", crate::openapi::document_json());
            Ok(())
        }
        Command::Clients(cmd) => run_clients(&config, cmd),
        Command::Keys(cmd) => run_keys(&config, cmd),
        Command::Units(UnitsCommand::LoadOfficial) => load_official_units(&config),
        Command::Audit(cmd) => run_audit(&config, cmd),
        Command::EpcisHash { file, pre_hash } => epcis_hash(&file, pre_hash),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("tdc-hub: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_audit(config: &Config, cmd: AuditCommand) -> Result<(), String> {
    let pool = server::open_database(config)?;
    let heads = match &cmd {
        AuditCommand::Verify { heads: Some(path) } => read_heads(path)?,
        _ => Vec::new(),
    };
    let report = tdc_kernel::db::write_blocking(&pool, move |c| tdc_kernel::changes::verify(c, &heads))
        .map_err(|e| e.to_string())?;
    if let AuditCommand::Head = cmd {
        println!("{} {} {}", chrono::Utc::now().to_rfc3339(), report.head_seq, report.head_hash);
        return Ok(());
    }
    for b in &report.breaks {
        let record = b.entity.as_ref().map(|e| format!(" ({e} {})", b.entity_id.clone().unwrap_or_default()));
        println!("change {}: {}{}", b.seq, b.kind, record.unwrap_or_default());
    }
    println!("{} changes walked; head {} {}", report.entries, report.head_seq, report.head_hash);
    if report.intact { Ok(()) } else { Err("the audit trail is broken (see above)".into()) }
}

fn read_heads(path: &std::path::Path) -> Result<Vec<(i64, String)>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let parse = |line: &str| {
        let mut words = line.split_whitespace().skip(1);
        Some((words.next()?.parse().ok()?, words.next()?.to_owned()))
    };
    text.lines().filter(|l| !l.trim().is_empty()).map(|l| parse(l).ok_or(format!("not a head: `{l}`"))).collect()
}

fn serve(config: &Config, migrate_now: bool) -> Result<(), String> {
    let (shared, done) = server::prepare(config, migrate_now)?;
    if let Some(secret) = &done.generated_admin_secret {
        print_first_start(config, secret);
    }
    actix_web::rt::System::new().block_on(async {
        let (server, addrs) = server::start(config.listen, config.workers, shared)?;
        tracing::info!(addresses = ?addrs, database = config.backend().name(), "TĐC Hub listening");
        server.await.map_err(|e| e.to_string())
    })
}

fn print_first_start(config: &Config, secret: &str) {
    let url = format!("http://{}/api/v1/auth/token", config.listen);
    println!("TĐC Hub first start: created the administrator API client `admin`.");
    println!("Its secret is shown only this once; store it now: {secret}");
    println!("Get a token: curl -s -u 'admin:{secret}' -d grant_type=client_credentials {url}");
}

fn migrate(config: &Config) -> Result<(), String> {
    let pool = server::open_database(config)?;
    let applied = server::migrate(&pool)?;
    if applied.is_empty() {
        println!("The database is up to date; no migration applied.");
    } else {
        println!("Applied {} migration(s): {}", applied.len(), applied.join(", "));
    }
    Ok(())
}

fn run_clients(config: &Config, cmd: ClientsCommand) -> Result<(), String> {
    let pool = server::open_database(config)?;
    let mut conn = pool.get().map_err(|e| format!("cannot reach the database: {e}"))?;
    let conn = &mut *conn;
    let actor = tdc_directory::bootstrap::operator_actor();
    let shown = |e: tdc_kernel::ApiError| describe_error(&e);
    match cmd {
        ClientsCommand::Create { client_id, name, agency, roles } => {
            let roles = roles
                .iter()
                .map(|r| {
                    Role::parse(r)
                        .ok_or_else(|| format!("unknown role `{r}`: use admin, agency_officer, connector or viewer"))
                })
                .collect::<Result<Vec<_>, _>>()?;
            let new = NewApiClient { client_id, name, agency_code: agency, roles };
            new.validate().map_err(|e| describe_error(&e.into()))?;
            let created = tdc_directory::api::create_client(conn, &actor, &new, None).map_err(shown)?;
            println!("Created client `{}` for agency {}.", created.client.client_id, created.client.agency_code);
            println!("Its secret is shown only this once; store it now: {}", created.client_secret);
        }
        ClientsCommand::List => {
            let all =
                tdc_directory::api::list_clients(conn, &ClientListQuery::default(), None, 10_000).map_err(shown)?;
            println!("{:<32} {:<12} {:<9} ROLES", "CLIENT_ID", "AGENCY", "STATE");
            for c in all {
                let roles: Vec<&str> = c.roles.iter().map(|r| r.as_str()).collect();
                let state = if c.disabled { "disabled" } else { "active" };
                println!("{:<32} {:<12} {:<9} {}", c.client_id, c.agency_code, state, roles.join(","));
            }
        }
        ClientsCommand::Disable { client_id } => {
            tdc_directory::api::move_client(conn, &actor, &client_id, ClientAction::Disable).map_err(shown)?;
            println!("Disabled client `{client_id}`; its tokens are refused from now on.");
        }
        ClientsCommand::Enable { client_id } => {
            tdc_directory::api::move_client(conn, &actor, &client_id, ClientAction::Enable).map_err(shown)?;
            println!("Enabled client `{client_id}`.");
        }
        ClientsCommand::RotateSecret { client_id } => {
            let rotated = tdc_directory::api::rotate_client_secret(conn, &actor, &client_id, None).map_err(shown)?;
            println!("New secret for `{client_id}` (shown only this once): {}", rotated.client_secret);
        }
    }
    Ok(())
}

fn load_official_units(config: &Config) -> Result<(), String> {
    let pool = server::open_database(config)?;
    let actor = tdc_directory::bootstrap::operator_actor();
    let province = config.province_code.clone();
    let report =
        tdc_kernel::db::write_blocking(&pool, move |c| tdc_directory::api::load_official_units(c, &actor, &province))
            .map_err(|e| describe_error(&e))?;
    println!(
        "Province {}: {} units created, {} updated, {} unchanged.\nSource: {}",
        report.province_code, report.created, report.updated, report.unchanged, report.source
    );
    Ok(())
}

fn describe_error(e: &tdc_kernel::ApiError) -> String {
    let p = e.to_problem();
    let mut text = format!("{} ({})", p.detail.unwrap_or(p.title), p.code);
    for f in p.errors {
        text.push_str(&format!("\n  {}: {}", f.pointer, f.message));
    }
    text
}

fn run_keys(config: &Config, cmd: KeysCommand) -> Result<(), String> {
    let dir = config.keys_dir();
    match cmd {
        KeysCommand::List => {
            let keys = KeySet::list(&dir)?;
            for (i, k) in keys.iter().enumerate() {
                let role = if i + 1 == keys.len() { "signs and verifies" } else { "verifies" };
                println!("{}  {}", k.kid, role);
            }
        }
        KeysCommand::Rotate => {
            let kid = KeySet::rotate(&dir)?;
            println!("New signing key {kid}; running instances pick it up within a minute.");
        }
        KeysCommand::Remove { kid } => {
            KeySet::remove(&dir, &kid)?;
            println!("Removed key {kid}; tokens it signed no longer verify.");
        }
    }
    Ok(())
}

/// `tdc-hub epcis-hash FILE`: the event hash IDs (or pre-hash strings) of a document's events.
fn epcis_hash(file: &std::path::Path, pre_hash: bool) -> Result<(), String> {
    use tdc_traceability::epcis::{document::Document, hash};
    let body = std::fs::read(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let document = Document::parse(&body).map_err(|e| format!("{}: {}", file.display(), e.0))?;
    let pre_hashes = hash::pre_hashes(&document.events, document.context.as_ref());
    for p in pre_hashes {
        println!("{}", if pre_hash { p } else { hash::hash_id(&p) });
    }
    Ok(())
}

//! `tdc-bench`: loads seeded businesses through the hub's HTTP API (batches, then an import job of
//! as many again) and prints each figure beside its floor measured in the same run — `COPY` into
//! the same indexed table for writes, the hub's own `/healthz` for reads — with p50/p99 latencies
//! and the hub's memory.
//!
//! `cargo run --release -p tdc-bench -- --rows 100000` (SQLite in a scratch directory), or
//! `… -- --rows 100000 --db postgres://postgres@127.0.0.1:5432/test` (a scratch database is
//! created on that server and dropped afterwards).

mod copy;
mod data;
mod epcis;
mod hub;
mod import;
mod load;
mod report;
mod scratch;
mod setup;
mod trace;

use std::time::Duration;

use clap::Parser;

/// The benchmark's settings.
#[derive(Debug, Parser)]
#[command(name = "tdc-bench", about = "Figures of TĐC Hub beside their floors, in one run")]
struct Args {
    /// Businesses to load through the batch endpoint.
    #[arg(long, default_value_t = 100_000)]
    rows: usize,
    /// A PostgreSQL server's URL (a scratch database is created on it); SQLite when absent.
    #[arg(long)]
    db: Option<String>,
    /// Seconds each read measurement runs.
    #[arg(long, default_value_t = 5)]
    seconds: u64,
    /// Threads uploading batches of 1,000 at once.
    #[arg(long, default_value_t = 2)]
    uploaders: usize,
    /// EPCIS events to capture in documents of 1,000 (0: none).
    #[arg(long, default_value_t = 100_000)]
    events: usize,
    /// The hub's HTTP workers (0: one per core).
    #[arg(long, default_value_t = 0)]
    workers: usize,
}

fn main() -> std::process::ExitCode {
    if std::env::args().nth(1).as_deref() == Some("--hub") {
        return tdc_gateway::cli::run(tdc_gateway::cli::Cli::parse_from(["tdc-hub", "serve"]));
    }
    let args = Args::parse();
    let scratch = scratch::Scratch::create(args.db.as_deref());
    let hub = hub::HubProcess::start(&scratch.database_url, &scratch.dir, args.workers);
    let mut table = report::Table::new(scratch.backend(), args.rows, hub.ready_after);
    table.memory("idle", hub.rss_mib());
    let world = setup::World::prepare(&hub.base);
    let items = world.businesses(args.rows);
    let bodies: Vec<String> = items.chunks(1000).map(|c| serde_json::Value::from(c.to_vec()).to_string()).collect();
    let written = load::batches(&hub.base, "/api/v1/businesses/batch", &world.admin, &bodies, args.uploaders);
    let floor = scratch.postgres().map(|url| copy::rate(url, &items));
    table.write("bulk create, batches of 1,000", written, floor);
    table.memory("after the load", hub.rss_mib());
    let (imported, peak) = import::file(&hub, &world.admin, &world.businesses_after(args.rows, args.rows));
    table.write("bulk create, one import job of an NDJSON file", imported, floor);
    table.memory("at most while importing", peak);
    scratch.analyze();
    let (followed, events) = load::follow(&hub.base, &world.admin);
    table.stream(&format!("follow the change feed from its start ({events} events), pages of 1,000"), followed);
    let seconds = Duration::from_secs(args.seconds);
    for connections in [16, 64] {
        let floor = load::gets(&hub.base, &["/healthz".to_owned()], None, connections, seconds);
        table.floor(connections, floor);
        let ids = world.business_ids(&hub.base);
        let by_id: Vec<String> = ids.iter().map(|id| format!("/api/v1/businesses/{id}")).collect();
        let got = load::gets(&hub.base, &by_id, Some(&world.reader), connections, seconds);
        table.read(format!("get by id, {connections} connections"), got, floor);
        let lists = world.lead_filters();
        let listed = load::gets(&hub.base, &lists, Some(&world.reader), connections, seconds);
        table.read(format!("list of 50 by lead agency, {connections} connections"), listed, floor);
        let found = load::gets(&hub.base, &world.searches(args.rows), Some(&world.reader), connections, seconds);
        table.read(format!("search `q` by part of a tax code, {connections} connections"), found, floor);
        table.memory(&format!("under {connections} connections"), hub.rss_mib());
    }
    if args.events > 0 {
        epcis_figures(&hub.base, &world, &scratch, &mut table, &args);
    }
    table.print();
    std::process::ExitCode::SUCCESS
}

/// EPCIS capture beside `COPY` into `epcis_events`' shape; a page by class and a trace through five
/// transformations beside `/healthz`.
fn epcis_figures(base: &str, world: &setup::World, scratch: &scratch::Scratch, table: &mut report::Table, args: &Args) {
    let bodies = epcis::documents(args.events);
    let captured = epcis::capture(base, &world.admin, &bodies, args.uploaders);
    let floor = scratch.postgres().map(|url| epcis::copy_rate(url, &bodies));
    table.write("EPCIS capture, documents of 1,000 events (events/s)", captured, floor);
    scratch.analyze();
    let seconds = Duration::from_secs(args.seconds);
    let pages = format!("EPCIS page of 100 by MATCH_epcClass over {} events", args.events);
    latencies(base, &world.reader, &epcis::class_queries(), &pages, seconds, table);
    let chains = trace::documents();
    epcis::capture(base, &world.admin, &chains, args.uploaders);
    scratch.analyze();
    let traces = "trace forward through 5 transformations (16 events, 6 holders)";
    latencies(base, &world.reader, &trace::traces(), traces, seconds, table);
}

/// `paths` read at one connection (the latency a caller sees) and at 16 (what two cores serve),
/// each beside `/healthz` at as many connections.
fn latencies(base: &str, token: &str, paths: &[String], what: &str, seconds: Duration, table: &mut report::Table) {
    for connections in [1, 16] {
        let floor = load::gets(base, &["/healthz".to_owned()], None, connections, seconds);
        let read = load::gets(base, paths, Some(token), connections, seconds);
        table.read(format!("{what}, {connections} connection(s)"), read, floor);
    }
}

//! The one table a run prints: each figure, its floor, the ratio, latencies and memory.

use std::time::Duration;

use crate::load::Figures;

/// The run's findings, in the order measured.
pub struct Table {
    heading: String,
    rows: Vec<String>,
    memory: Vec<String>,
}

impl Table {
    /// A table for a run on `backend` with `rows` businesses; the hub was ready after `ready`.
    pub fn new(backend: &str, rows: usize, ready: Duration) -> Table {
        let cpus = std::thread::available_parallelism().map_or(1, |n| n.get());
        let heading = format!(
            "TĐC Hub benchmark — {backend}, {rows} businesses, {cpus} cores; ready {:.0} ms after start; reads after VACUUM ANALYZE (PostgreSQL)",
            ready.as_secs_f64() * 1000.0
        );
        Table { heading, rows: vec![], memory: vec![] }
    }

    /// A write rate beside its `COPY` floor, if measured.
    pub fn write(&mut self, what: &str, rate: f64, floor: Option<f64>) {
        let (floor_text, ratio) = match floor {
            Some(f) => (format!("COPY {f:>9.0} rows/s"), format!("{:>5.1} %", rate / f * 100.0)),
            None => ("(COPY: PostgreSQL only)".to_owned(), "—".to_owned()),
        };
        self.rows.push(format!("| {what} | {rate:.0} rows/s | {floor_text} | {ratio} | | |"));
    }

    /// A rate of events read by one follower.
    pub fn stream(&mut self, what: &str, rate: f64) {
        self.rows.push(format!("| {what} | {rate:.0} events/s | (one follower) | | | |"));
    }

    /// The `/healthz` floor at `connections`.
    pub fn floor(&mut self, connections: usize, f: Figures) {
        self.read(format!("/healthz (the floor), {connections} connections"), f, f);
    }

    /// A read's figures beside the `/healthz` floor measured at the same concurrency.
    pub fn read(&mut self, what: String, f: Figures, floor: Figures) {
        let errors = if f.errors > 0 { format!(" ({} errors)", f.errors) } else { String::new() };
        self.rows.push(format!(
            "| {what} | {:.0} req/s{errors} | /healthz {:.0} req/s | {:.1} % | {:.2} ms | {:.2} ms |",
            f.rate,
            floor.rate,
            f.rate / floor.rate * 100.0,
            f.p50_ms,
            f.p99_ms
        ));
    }

    /// The hub's resident memory at a moment of the run.
    pub fn memory(&mut self, when: &str, mib: f64) {
        self.memory.push(format!("{when}: {mib:.1} MiB"));
    }

    /// Prints the table (Markdown, for the README).
    pub fn print(&self) {
        println!("{}\n", self.heading);
        println!("| operation | hub | floor | ratio | p50 | p99 |");
        println!("| --- | --- | --- | --- | --- | --- |");
        for row in &self.rows {
            println!("{row}");
        }
        println!("\nHub RSS — {}", self.memory.join("; "));
    }
}

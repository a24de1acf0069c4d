//! The write floor on PostgreSQL: `COPY` of the same rows into a table built like the hub's
//! `businesses` (`LIKE … INCLUDING ALL`: the same columns, keys and indexes).

use std::io::Write;
use std::time::Instant;

use diesel::pg::CopyFormat;
use diesel::prelude::*;
use serde_json::Value;

diesel::table! {
    /// A copy of `businesses`' shape, for the floor only.
    bench_copy (id) {
        id -> Text,
        tax_code -> Text,
        name -> Text,
        short_name -> Nullable<Text>,
        address -> Nullable<Text>,
        commune_code -> Nullable<Text>,
        sectors -> Text,
        status -> Text,
        representative -> Nullable<Text>,
        phone -> Nullable<Text>,
        email -> Nullable<Text>,
        search_text -> Text,
        lead_agency -> Text,
        sharing -> Text,
        coordinating -> Text,
        version -> Integer,
        created_at -> Timestamp,
        updated_at -> Timestamp,
        historical -> Bool,
    }
}

/// Rows a second that `COPY` stores of `items` (businesses as the API takes them, turned into
/// the columns the hub would store) into an empty copy of the `businesses` table.
pub fn rate(database_url: &str, items: &[Value]) -> f64 {
    timed(database_url, "businesses", ("bench_copy", bench_copy::table), &csv_rows(items))
}

/// Rows a second that `COPY` (CSV) stores of `csv` into `table` (its name and its diesel table),
/// created for the run as a copy of the hub's table `like` with its keys and indexes
/// (`LIKE … INCLUDING ALL`) and dropped after.
pub fn timed<T>(database_url: &str, like: &str, (target, table): (&str, T), csv: &[u8]) -> f64
where
    T: diesel::Table + diesel::pg::CopyTarget<Table = T> + Copy,
{
    let mut conn = PgConnection::establish(database_url).expect("connect for COPY");
    diesel::sql_query(format!("DROP TABLE IF EXISTS {target}")).execute(&mut conn).expect("drop");
    diesel::sql_query(format!("CREATE TABLE {target} (LIKE {like} INCLUDING ALL)")).execute(&mut conn).expect("create");
    let started = Instant::now();
    let copied = diesel::copy_from(table)
        .from_raw_data(table, |w: &mut dyn Write| {
            // A megabyte a message: libpq takes at most 2 GiB in one (5,000,000 rows are more).
            let sent = csv.chunks(1 << 20).try_for_each(|chunk| w.write_all(chunk));
            sent.map_err(|e| diesel::result::Error::SerializationError(Box::new(e)))
        })
        .with_format(CopyFormat::Csv)
        .execute(&mut conn)
        .expect("COPY");
    let rate = copied as f64 / started.elapsed().as_secs_f64();
    diesel::sql_query(format!("DROP TABLE {target}")).execute(&mut conn).expect("drop");
    rate
}

/// The rows in the column order of `businesses`, as CSV.
fn csv_rows(items: &[Value]) -> Vec<u8> {
    let mut out = Vec::with_capacity(items.len() * 400);
    for (i, b) in items.iter().enumerate() {
        let s = |k: &str| b[k].as_str().unwrap_or_default().replace('"', "\"\"");
        let search = format!("{} {}", s("name"), s("tax_code")).to_lowercase();
        let _ = writeln!(
            out,
            "\"bench-{i:012}\",\"{}\",\"{}\",,\"{}\",\"{}\",\"[\"\"{}\"\"]\",active,\"{}\",\"{}\",\"{}\",\"{search}\",\"{}\",\"{}\",[],1,2026-11-30 00:00:00,2026-11-30 00:00:00,false",
            s("tax_code"),
            s("name"),
            s("address"),
            s("commune_code"),
            b["sectors"][0].as_str().unwrap_or_default(),
            s("representative"),
            s("phone"),
            s("email"),
            s("lead_agency"),
            s("sharing"),
        );
    }
    out
}

//! Search (`q`): a record's folded search column holding the folded query anywhere, found by index
//! on both databases — PostgreSQL's trigram GIN index serves `LIKE '%…%'`; on SQLite the table's
//! FTS5 trigram index (`<table>_search`, kept by triggers; migration 16) serves the same `LIKE`
//! when it has no `ESCAPE` clause.

use crate::access::Condition;
use crate::db::{Backend, SqlRule};
use crate::text::{contains_pattern, fold};

/// The condition that keeps the rows of `table` (the caller's constant, never input) whose
/// `search_text` holds `q`. On SQLite a query of fewer than three characters (no trigram to look
/// up) or with a literal `%`, `_` or `\` (the index takes no `ESCAPE`) scans the column instead.
pub fn contains<T: 'static>(backend: Backend, table: &'static str, q: &str) -> Condition<T> {
    let needle = fold(q);
    match backend {
        Backend::Sqlite if indexable(&needle) => Box::new(
            SqlRule::text(format!(
                "{table}.id IN (SELECT k.id FROM {table}_search_ids k WHERE k.n IN \
                 (SELECT rowid FROM {table}_search WHERE search_text LIKE "
            ))
            .bind(format!("%{needle}%"), "))"),
        ),
        _ => Box::new(SqlRule::text(format!("{table}.search_text LIKE ")).bind(contains_pattern(q), " ESCAPE '\\'")),
    }
}

/// Whether SQLite's trigram index can answer a search for `needle`.
fn indexable(needle: &str) -> bool {
    needle.chars().count() >= 3 && !needle.contains(['%', '_', '\\'])
}

#[cfg(test)]
mod tests {
    use super::indexable;

    #[test]
    fn short_needles_and_wildcards_scan() {
        assert!(indexable("cat hai"));
        assert!(!indexable("ca"));
        assert!(!indexable("50%"));
        assert!(!indexable("a_b"));
    }
}

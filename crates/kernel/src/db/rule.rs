//! A boolean condition of the hub's own SQL text around text binds, which — unlike diesel's
//! `sql()` literal — lets the statement that holds it be prepared once per connection and reused:
//! its text comes from the hub's constants, never from input, so the same text is the same
//! statement. The reading rules (`access::visible`) are written with it.

use diesel::expression::{AppearsOnTable, Expression, SelectableExpression, ValidGrouping, is_aggregate};
use diesel::query_builder::{AstPass, QueryFragment, QueryId};
use diesel::sql_types::{Bool, Text};

use super::MultiBackend;

/// `pieces[0] binds[0] pieces[1] … binds[n-1] pieces[n]`: one piece more than binds.
#[derive(Debug, Clone)]
pub struct SqlRule {
    pieces: Vec<String>,
    binds: Vec<String>,
}

impl SqlRule {
    /// A rule of constant text alone.
    pub fn text(sql: impl Into<String>) -> SqlRule {
        SqlRule { pieces: vec![sql.into()], binds: vec![] }
    }

    /// The rule followed by a text bind, then more constant text.
    pub fn bind(mut self, value: impl Into<String>, then: impl Into<String>) -> SqlRule {
        self.binds.push(value.into());
        self.pieces.push(then.into());
        self
    }

    /// The rule followed by more constant text.
    pub fn then(mut self, text: impl AsRef<str>) -> SqlRule {
        if let Some(last) = self.pieces.last_mut() {
            last.push_str(text.as_ref());
        }
        self
    }

    /// The rule followed by another (its text and binds, in order).
    pub fn and(self, next: SqlRule) -> SqlRule {
        let mut pieces = next.pieces.into_iter();
        let mut joined = self.then(pieces.next().unwrap_or_default());
        joined.binds.extend(next.binds);
        joined.pieces.extend(pieces);
        joined
    }
}

impl Expression for SqlRule {
    type SqlType = Bool;
}

impl<QS> AppearsOnTable<QS> for SqlRule {}

impl<QS> SelectableExpression<QS> for SqlRule {}

impl ValidGrouping<()> for SqlRule {
    type IsAggregate = is_aggregate::Never;
}

impl QueryId for SqlRule {
    type QueryId = ();
    const HAS_STATIC_QUERY_ID: bool = false;
}

impl QueryFragment<MultiBackend> for SqlRule {
    fn walk_ast<'b>(&'b self, mut out: AstPass<'_, 'b, MultiBackend>) -> diesel::QueryResult<()> {
        out.push_sql(&self.pieces[0]);
        for (bind, piece) in self.binds.iter().zip(&self.pieces[1..]) {
            out.push_bind_param::<Text, String>(bind)?;
            out.push_sql(piece);
        }
        Ok(())
    }
}

//! The answers operations share, named once: `responses(Read<Business>)` in a handler's annotation
//! documents a versioned read (200 with `ETag`, 304, 404). A handler adds only what is particular
//! to it; a tuple it writes for a status replaces the set's.

use std::collections::BTreeMap;
use std::marker::PhantomData;

use utoipa::openapi::header::HeaderBuilder;
use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder, Type};
use utoipa::{IntoResponses, ToSchema};

use crate::batch::BatchResult;
use crate::changes::HistoryPage;
use crate::lifecycle::TransitionPage;
use crate::problem::{PROBLEM_JSON, Problem};
use crate::routing::uses_schema;

type Answers = BTreeMap<String, RefOr<Response>>;

fn header(description: &str) -> utoipa::openapi::header::Header {
    let text = utoipa::openapi::ObjectBuilder::new().schema_type(Type::String);
    HeaderBuilder::new().schema(Some(text)).description(Some(description)).build()
}

fn body<T: ToSchema>(description: &str, headers: &[&str]) -> RefOr<Response> {
    uses_schema::<T>();
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name(T::name()))).build();
    let mut response = ResponseBuilder::new().description(description).content("application/json", content);
    for name in headers {
        response = match *name {
            "ETag" => response.header("ETag", header("The record's version, for `If-Match` and `If-None-Match`.")),
            "Location" => response.header("Location", header("The record's own address.")),
            _ => response.header(*name, header("The next page: `<…>; rel=\"next\"`, absent on the last page.")),
        };
    }
    RefOr::T(response.build())
}

/// A refusal with its code, as `application/problem+json`.
pub fn problem(description: &str) -> RefOr<Response> {
    uses_schema::<Problem>();
    let content = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
    RefOr::T(ResponseBuilder::new().description(description).content(PROBLEM_JSON, content).build())
}

fn answers<const N: usize>(list: [(&str, RefOr<Response>); N]) -> Answers {
    list.into_iter().map(|(status, response)| (status.to_owned(), response)).collect()
}

const NOT_FOUND: &str = "No such record, or not one the caller may see (`not_found`).";

/// A versioned read: 200 with the record and its `ETag`, 304 when `If-None-Match` names it, 404.
pub struct Read<T>(PhantomData<T>);

impl<T: ToSchema> IntoResponses for Read<T> {
    fn responses() -> Answers {
        let unchanged =
            RefOr::T(ResponseBuilder::new().description("Unchanged since the `If-None-Match` version.").build());
        answers([
            ("200", body::<T>("The record, with its `ETag`.", &["ETag"])),
            ("304", unchanged),
            ("404", problem(NOT_FOUND)),
        ])
    }
}

/// A creation: 201 with the record, its `Location` and `ETag`.
pub struct Created<T>(PhantomData<T>);

impl<T: ToSchema> IntoResponses for Created<T> {
    fn responses() -> Answers {
        answers([("201", body::<T>("Created, with `Location` and `ETag`.", &["Location", "ETag"]))])
    }
}

/// A change of an existing record under `If-Match`: 200, 404, 412, 428.
pub struct Updated<T>(PhantomData<T>);

impl<T: ToSchema> IntoResponses for Updated<T> {
    fn responses() -> Answers {
        answers([
            ("200", body::<T>("Changed, with its new `ETag`.", &["ETag"])),
            ("404", problem(NOT_FOUND)),
            ("412", problem("The record changed since that version (`version_mismatch`).")),
            ("428", problem("`If-Match` is missing (`precondition_required`): read the record, then send its `ETag`.")),
        ])
    }
}

/// An upsert by natural key: 201 when created, 200 when replaced or unchanged, 403, 412, 428.
pub struct Upserted<T>(PhantomData<T>);

impl<T: ToSchema> IntoResponses for Upserted<T> {
    fn responses() -> Answers {
        answers([
            ("200", body::<T>("Replaced, or unchanged (an identical resend), with its `ETag`.", &["ETag"])),
            ("201", body::<T>("Created, with `Location` and `ETag`.", &["Location", "ETag"])),
            (
                "403",
                problem(
                    "Another agency leads this record (`not_lead_agency`), or the token lacks the scope (`insufficient_scope`).",
                ),
            ),
            ("412", problem("The record changed since that version (`version_mismatch`).")),
            (
                "428",
                problem("The record exists and the data differs, but `If-Match` is missing (`precondition_required`)."),
            ),
        ])
    }
}

/// A page of a list: 200 with `Link: <…>; rel="next"` when more is waiting.
pub struct Listed<P>(PhantomData<P>);

impl<P: ToSchema> IntoResponses for Listed<P> {
    fn responses() -> Answers {
        answers([("200", body::<P>("A page, oldest first; `next_cursor` and `Link` lead to the next.", &["Link"]))])
    }
}

/// A record's history: 200 with a page of its changes, oldest first, or 404.
pub struct History;

impl IntoResponses for History {
    fn responses() -> Answers {
        answers([
            ("200", body::<HistoryPage>("The record's changes, oldest first.", &["Link"])),
            ("404", problem(NOT_FOUND)),
        ])
    }
}

/// A record's lifecycle moves: 200 with a page of them, oldest first, or 404.
pub struct Moves;

impl IntoResponses for Moves {
    fn responses() -> Answers {
        answers([("200", body::<TransitionPage>("Its moves, oldest first.", &["Link"])), ("404", problem(NOT_FOUND))])
    }
}

/// A batch: 200 with one result per item, 413 beyond 1000 items, 422 when an atomic batch failed.
pub struct Batch;

impl IntoResponses for Batch {
    fn responses() -> Answers {
        answers([
            ("200", body::<BatchResult>("One result per item: `{index, status, id | problem}`.", &[])),
            ("413", problem("More than 1000 items (`payload_too_large`).")),
            (
                "422",
                problem(
                    "With `atomic=true`: an item was refused and nothing was stored; `errors[]` points at each bad field as `/<index>/<field>`.",
                ),
            ),
        ])
    }
}

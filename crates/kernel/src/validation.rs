//! Turning `validator` errors into field errors with JSON Pointers, and small shared checks.

use validator::{ValidationErrors, ValidationErrorsKind};

use crate::problem::FieldError;

/// Flattens nested validator errors into field errors whose pointers start at `prefix`.
pub fn field_errors(prefix: &str, errors: &ValidationErrors) -> Vec<FieldError> {
    let mut out = Vec::new();
    collect(prefix, errors, &mut out);
    out.sort_by(|a, b| a.pointer.cmp(&b.pointer));
    out
}

fn collect(prefix: &str, errors: &ValidationErrors, out: &mut Vec<FieldError>) {
    for (field, kind) in errors.errors() {
        let pointer = format!("{prefix}/{field}");
        match kind {
            ValidationErrorsKind::Field(list) => {
                for e in list {
                    let message =
                        e.message.as_ref().map(|m| m.to_string()).unwrap_or_else(|| default_message(field, e));
                    out.push(FieldError::new(pointer.clone(), e.code.to_string(), message));
                }
            }
            ValidationErrorsKind::Struct(inner) => collect(&pointer, inner, out),
            ValidationErrorsKind::List(items) => {
                for (i, inner) in items {
                    collect(&format!("{pointer}/{i}"), inner, out);
                }
            }
        }
    }
}

fn default_message(field: &str, e: &validator::ValidationError) -> String {
    let param = |k: &str| e.params.get(k).map(|v| v.to_string());
    match e.code.as_ref() {
        "length" => match (param("min"), param("max")) {
            (Some(min), Some(max)) => format!("{field} must be {min} to {max} characters long"),
            (Some(min), None) => format!("{field} must be at least {min} characters long"),
            (None, Some(max)) => format!("{field} must be at most {max} characters long"),
            _ => format!("{field} has the wrong length"),
        },
        "email" => format!("{field} must be an e-mail address"),
        "url" => format!("{field} must be a URL"),
        "regex" => format!("{field} has the wrong format"),
        "range" => format!("{field} is out of range"),
        code => format!("{field} is invalid ({code})"),
    }
}

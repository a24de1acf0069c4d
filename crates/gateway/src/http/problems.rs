//! `/problems`: what each problem code means and how to fix it — where a problem's `type` URI
//! (`/problems/{code}`) leads. A page for people (HTML) or JSON for programs, as `Accept` asks.

use actix_web::{HttpRequest, HttpResponse, web};
use tdc_kernel::problem_types::ProblemType;
use tdc_kernel::{ApiError, Problem};

/// Every problem code the hub answers: the kernel's and each domain's, by code.
pub struct ProblemCatalogue(pub Vec<ProblemType>);

impl ProblemCatalogue {
    /// The catalogue of `domains`' codes.
    pub fn of(domains: &[tdc_kernel::routing::Domain]) -> ProblemCatalogue {
        let mut all: Vec<ProblemType> = domains.iter().flat_map(|d| d.problems.iter().copied()).collect();
        all.sort_by_key(|p| p.code);
        ProblemCatalogue(all)
    }
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

fn wants_html(req: &HttpRequest) -> bool {
    req.headers().get("accept").and_then(|v| v.to_str().ok()).is_some_and(|a| a.contains("text/html"))
}

fn section(p: &ProblemType) -> String {
    format!(
        "<section id=\"{code}\"><h2><code>{code}</code> — {status} {title}</h2><p>{meaning}</p><p><b>How to fix it:</b> {fix}</p></section>",
        code = escape(p.code),
        status = p.status,
        title = escape(p.title),
        meaning = escape(p.meaning),
        fix = escape(p.fix)
    )
}

fn page(title: &str, body: String) -> HttpResponse {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head><body><h1>{}</h1>{body}<p><a href=\"/problems\">Every problem</a> · <a href=\"/docs\">API documentation</a></p></body></html>",
        escape(title),
        escape(title)
    );
    HttpResponse::Ok().content_type("text/html; charset=utf-8").body(html)
}

/// Every problem code the hub answers, with what it means and how to fix it.
#[utoipa::path(get, path = "/problems", tag = "Operations", operation_id = "list_problem_types",
    responses((status = 200, description = "Every problem code (JSON), or a page of them when `Accept` asks for HTML.",
        content((Vec<ProblemType> = "application/json"), (String = "text/html")))))]
pub async fn list(req: HttpRequest, catalogue: web::Data<ProblemCatalogue>) -> HttpResponse {
    if wants_html(&req) {
        return page("TĐC Hub: problems", catalogue.0.iter().map(section).collect());
    }
    HttpResponse::Ok().json(&catalogue.0)
}

/// What problem `code` means and how to fix it: where a problem's `type` leads.
#[utoipa::path(get, path = "/problems/{code}", tag = "Operations", operation_id = "get_problem_type",
    params(("code" = String, Path, description = "The problem's `code`.")),
    responses(
        (status = 200, description = "The code (JSON), or its page when `Accept` asks for HTML.",
            content((ProblemType = "application/json"), (String = "text/html"))),
        (status = 404, description = "The hub answers no such code (`not_found`).", body = Problem),
    ))]
pub async fn get(
    req: HttpRequest,
    code: web::Path<String>,
    catalogue: web::Data<ProblemCatalogue>,
) -> Result<HttpResponse, ApiError> {
    let code = code.into_inner();
    let found = catalogue
        .0
        .iter()
        .find(|p| p.code == code)
        .ok_or_else(|| ApiError::NotFound(format!("no problem `{code}`")))?;
    if wants_html(&req) {
        return Ok(page(&format!("TĐC Hub: {}", found.code), section(found)));
    }
    Ok(HttpResponse::Ok().json(found))
}

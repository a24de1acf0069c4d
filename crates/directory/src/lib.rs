//! The directory: master data every agency shares — agencies, administrative units, businesses,
//! product categories and products, the reference enumerations — and the API clients that act
//! for agencies, with the token endpoint that turns a client's secret into a JWT.

pub mod api;
pub mod bootstrap;
mod http;
pub mod model;
mod official_units;
pub mod reference;
pub mod rules;
pub mod secrets;
mod store;

use actix_web::web;

/// Registers the directory's routes.
pub fn routes(cfg: &mut web::ServiceConfig) {
    use http::{agencies, businesses, categories, clients, products, token, units};
    cfg.service(web::resource("/api/v1/auth/token").route(web::post().to(token::issue)))
        .service(
            web::resource("/api/v1/agencies")
                .route(web::get().to(agencies::list))
                .route(web::post().to(agencies::create)),
        )
        .service(
            web::resource("/api/v1/agencies/{id}")
                .route(web::get().to(agencies::get))
                .route(web::patch().to(agencies::update)),
        )
        .service(web::resource("/api/v1/agencies/{id}/history").route(web::get().to(agencies::history)))
        .service(
            web::resource("/api/v1/businesses")
                .route(web::get().to(businesses::list))
                .route(web::post().to(businesses::create)),
        )
        .service(web::resource("/api/v1/businesses/batch").route(web::post().to(businesses::batch_upsert)))
        .service(
            web::resource("/api/v1/businesses/by-tax-code/{tax_code}")
                .route(web::get().to(businesses::get_by_tax_code))
                .route(web::put().to(businesses::upsert)),
        )
        .service(web::resource("/api/v1/businesses/{id}").route(web::get().to(businesses::get)))
        .service(web::resource("/api/v1/businesses/{id}/history").route(web::get().to(businesses::history)))
        .service(web::resource("/api/v1/reference/enumerations").route(web::get().to(reference::list)))
        .service(web::resource("/api/v1/administrative-units").route(web::get().to(units::list)))
        .service(web::resource("/api/v1/administrative-units/batch").route(web::post().to(units::batch_upsert)))
        .service(
            web::resource("/api/v1/administrative-units/load-official").route(web::post().to(units::load_official)),
        )
        .service(
            web::resource("/api/v1/administrative-units/by-code/{code}")
                .route(web::get().to(units::get))
                .route(web::put().to(units::upsert)),
        )
        .service(web::resource("/api/v1/product-categories").route(web::get().to(categories::list)))
        .service(
            web::resource("/api/v1/product-categories/by-code/{code}")
                .route(web::get().to(categories::get))
                .route(web::put().to(categories::upsert)),
        )
        .service(
            web::resource("/api/v1/products")
                .route(web::get().to(products::list))
                .route(web::post().to(products::create)),
        )
        .service(web::resource("/api/v1/products/batch").route(web::post().to(products::batch_upsert)))
        .service(
            web::resource("/api/v1/products/by-gtin/{gtin}")
                .route(web::get().to(products::get_by_gtin))
                .route(web::put().to(products::upsert)),
        )
        .service(web::resource("/api/v1/products/{id}").route(web::get().to(products::get)))
        .service(web::resource("/api/v1/products/{id}/history").route(web::get().to(products::history)))
        .service(
            web::resource("/api/v1/clients").route(web::get().to(clients::list)).route(web::post().to(clients::create)),
        )
        .service(
            web::resource("/api/v1/clients/{client_id}")
                .route(web::get().to(clients::get))
                .route(web::patch().to(clients::update)),
        )
        .service(web::resource("/api/v1/clients/{client_id}/history").route(web::get().to(clients::history)))
        .service(
            web::resource("/api/v1/clients/{client_id}/transitions")
                .route(web::get().to(clients::transitions))
                .route(web::post().to(clients::transition)),
        )
        .service(web::resource("/api/v1/clients/{client_id}/secret").route(web::post().to(clients::rotate_secret)));
}

/// The directory's part of the OpenAPI document.
#[derive(utoipa::OpenApi)]
#[openapi(
    paths(
        http::token::issue,
        http::agencies::list, http::agencies::create, http::agencies::get, http::agencies::update,
        http::agencies::history, http::clients::history, http::clients::transitions,
        http::businesses::list, http::businesses::create, http::businesses::get,
        http::businesses::get_by_tax_code, http::businesses::upsert, http::businesses::history,
        http::businesses::batch_upsert,
        reference::list,
        http::units::list, http::units::get, http::units::upsert, http::units::batch_upsert, http::units::load_official,
        http::categories::list, http::categories::get, http::categories::upsert,
        http::products::list, http::products::create, http::products::get, http::products::get_by_gtin,
        http::products::upsert, http::products::batch_upsert, http::products::history,
        http::clients::list, http::clients::create, http::clients::get, http::clients::update,
        http::clients::transition, http::clients::rotate_secret,
    ),
    tags(
        (name = "Authentication", description = "OAuth2 client credentials: a client's id and secret for a signed, short-lived JWT."),
        (name = "Agencies", description = "The agencies that take part in TĐC management: DOST, departments, communes, the inspectorate, customs…"),
        (name = "Businesses", description = "Businesses by tax code (mã số thuế): entered once, shared by every agency. Personal data (a representative's name, a phone number) is shown only to the lead agency."),
        (name = "Reference", description = "Enumerations with their Vietnamese and English labels."),
        (name = "Administrative units", description = "The province and its communes since 2025-07-01, and the districts, communes and provinces they replaced: old codes keep resolving to today's units."),
        (name = "Products", description = "Products (by GTIN when they have one) and product categories with their risk class, which targets inspections."),
        (name = "API clients", description = "The systems that call the hub on an agency's behalf, their roles and secrets (DOST's administrators)."),
    )
)]
pub struct DirectoryApi;

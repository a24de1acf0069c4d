//! End-to-end tests of TĐC Hub over HTTP. One binary (linking the app once); a module per
//! area. The backend is SQLite unless `TDC_TEST_DATABASE_URL` names a PostgreSQL server.

mod support;

mod agencies;
mod audit;
mod auth;
mod bad_text;
mod businesses;
mod calendar;
mod changes;
mod clients;
mod complaints;
mod conformity;
mod conformity_registry;
mod contract;
mod crash;
mod epcis;
mod idempotency;
mod import_lots;
mod inspection_plans;
mod inspection_year;
mod inspections;
mod instruments;
mod limits;
mod matrix;
mod ops;
mod portal;
mod privacy;
mod problems;
mod products;
mod programs;
mod protocol;
mod public_consultation;
mod registry_follows;
mod regulation_loading;
mod regulations;
mod resolver;
mod risk;
mod scale_out;
mod standards;
mod surveys;
mod trace_deployments;
mod traceability;
mod units;
mod violations;
mod warnings;

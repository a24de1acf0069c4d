//! What a run needs in the hub before it measures: the official administrative units, the lead
//! agencies, a reading agency's token, and the data to load.

use std::time::Duration;

use serde_json::{Value, json};

use crate::data::{Seeded, business, tax_codes};
use crate::hub::ADMIN_SECRET;

/// The agencies that lead the loaded businesses (besides DOST's `SKHCN`).
const AGENCIES: [&str; 4] = ["SCT", "SYT", "SNN", "SXD"];

/// The hub as a run finds it after preparing.
pub struct World {
    /// An administrator's token (it loads the data).
    pub admin: String,
    /// The token of an officer of the Department of Industry and Trade (`SCT`), who reads.
    pub reader: String,
    agencies: Vec<String>,
    communes: Vec<String>,
}

impl World {
    /// Loads the units, records the agencies and a reading client, and collects commune codes.
    pub fn prepare(base: &str) -> World {
        let admin = token(base, "admin", ADMIN_SECRET);
        send(base, &admin, "POST", "/api/v1/administrative-units/load-official", None, 200);
        for code in AGENCIES {
            let agency = json!({"code": code, "name_vi": format!("Sở {code}"), "kind": "department"});
            send(base, &admin, "POST", "/api/v1/agencies", Some(&agency), 201);
        }
        let client =
            json!({"client_id": "sct-bench", "name": "SCT", "agency_code": "SCT", "roles": ["agency_officer"]});
        let created = send(base, &admin, "POST", "/api/v1/clients", Some(&client), 201);
        let reader = token(base, "sct-bench", created["client_secret"].as_str().expect("a secret"));
        let units =
            send(base, &admin, "GET", "/api/v1/administrative-units?kind=commune&current=true&limit=1000", None, 200);
        let communes: Vec<String> = units["items"]
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(|u| u["code"].as_str().map(str::to_owned))
            .collect();
        assert!(!communes.is_empty(), "no communes loaded");
        let mut agencies: Vec<String> = AGENCIES.iter().map(|a| (*a).to_owned()).collect();
        agencies.push("SKHCN".into());
        World { admin, reader, agencies, communes }
    }

    /// `n` businesses, seeded.
    pub fn businesses(&self, n: usize) -> Vec<Value> {
        let mut rng = Seeded::new(20_261_130);
        let codes = tax_codes(n);
        codes.iter().enumerate().map(|(i, code)| business(&mut rng, i, code, &self.agencies, &self.communes)).collect()
    }

    /// `n` businesses after the first `skip` (other tax codes), seeded.
    pub fn businesses_after(&self, skip: usize, n: usize) -> Vec<Value> {
        let mut rng = Seeded::new(20_261_201);
        let codes = tax_codes(skip + n);
        let codes = &codes[skip..];
        codes
            .iter()
            .enumerate()
            .map(|(i, code)| business(&mut rng, skip + i, code, &self.agencies, &self.communes))
            .collect()
    }

    /// Up to 1,000 ids of businesses the reader sees.
    pub fn business_ids(&self, base: &str) -> Vec<String> {
        let page = send(base, &self.reader, "GET", "/api/v1/businesses?limit=1000", None, 200);
        page["items"].as_array().into_iter().flatten().filter_map(|b| b["id"].as_str().map(str::to_owned)).collect()
    }

    /// Searches (`q`) for the last seven digits of a loaded business's tax code, as an officer
    /// looks one up from a document: 200 of them, spread over the rows loaded.
    pub fn searches(&self, rows: usize) -> Vec<String> {
        let codes = crate::data::tax_codes(rows);
        let step = (rows / 200).max(1);
        codes.iter().step_by(step).take(200).map(|c| format!("/api/v1/businesses?q={}&limit=50", &c[3..])).collect()
    }

    /// The list filtered by each lead agency, 50 a page.
    pub fn lead_filters(&self) -> Vec<String> {
        self.agencies.iter().map(|a| format!("/api/v1/businesses?lead_agency={a}&limit=50")).collect()
    }
}

fn token(base: &str, client_id: &str, secret: &str) -> String {
    let answer = ureq::post(&format!("{base}/api/v1/auth/token"))
        .send_form(&[("grant_type", "client_credentials"), ("client_id", client_id), ("client_secret", secret)])
        .expect("a token");
    let body: Value = answer.into_json().expect("a token answer");
    body["access_token"].as_str().expect("access_token").to_owned()
}

fn send(base: &str, token: &str, method: &str, path: &str, body: Option<&Value>, status: u16) -> Value {
    let agent = ureq::AgentBuilder::new().timeout(Duration::from_secs(300)).build();
    let req = agent.request(method, &format!("{base}{path}")).set("Authorization", &format!("Bearer {token}"));
    let answer = match body {
        Some(b) => req.send_json(b.clone()),
        None => req.call(),
    };
    let r = match answer {
        Ok(r) => r,
        Err(ureq::Error::Status(_, r)) => r,
        Err(e) => panic!("{method} {path}: {e}"),
    };
    assert_eq!(r.status(), status, "{method} {path}");
    r.into_json().unwrap_or(Value::Null)
}

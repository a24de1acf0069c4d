//! A small HTTP client for the hub's API: tokens, and requests with a bearer token.

use super::{ADMIN_SECRET, Resp, http};

/// Requests to one address: a hub, or a proxy in front of several.
pub struct Client {
    /// `http://127.0.0.1:<port>`
    pub base: String,
    agent: ureq::Agent,
}

impl Client {
    /// A client of the hub (or proxy) at `base`.
    pub fn new(base: &str) -> Client {
        Client { base: base.to_owned(), agent: ureq::AgentBuilder::new().redirects(0).build() }
    }

    /// An admin token (all scopes).
    pub fn admin_token(&self) -> String {
        self.token_for("admin", ADMIN_SECRET)
    }

    /// A token for a client, through the form-encoded OAuth2 request.
    pub fn token_for(&self, client_id: &str, secret: &str) -> String {
        let form = format!("grant_type=client_credentials&client_id={client_id}&client_secret={secret}");
        let r = self.send(
            "POST",
            "/api/v1/auth/token",
            &[("Content-Type", "application/x-www-form-urlencoded")],
            Some(&form),
        );
        assert_eq!(r.status, 200, "token for {client_id}: {}", r.body);
        r.json()["access_token"].as_str().unwrap().to_owned()
    }

    /// Creates an agency and a client with `role` for it; returns the client's token.
    pub fn client_with_role(&self, agency: &str, client_id: &str, role: &str) -> (String, String) {
        let admin = self.admin_token();
        let a = self.post(
            &admin,
            "/api/v1/agencies",
            &serde_json::json!({"code": agency, "name_vi": agency, "kind": "department"}),
        );
        assert!(a.status == 201 || a.status == 409, "agency: {}", a.body);
        let body =
            serde_json::json!({"client_id": client_id, "name": client_id, "agency_code": agency, "roles": [role]});
        let c = self.post(&admin, "/api/v1/clients", &body);
        assert_eq!(c.status, 201, "client: {}", c.body);
        let secret = c.json()["client_secret"].as_str().unwrap().to_owned();
        (self.token_for(client_id, &secret), secret)
    }

    /// Sends a request with headers and an optional body.
    pub fn send(&self, method: &str, path: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        http::send(&self.agent, method, &format!("{}{path}", self.base), headers, body)
    }

    /// GET with a bearer token.
    pub fn get(&self, token: &str, path: &str) -> Resp {
        self.send("GET", path, &[("Authorization", &format!("Bearer {token}"))], None)
    }

    /// POST JSON with a bearer token.
    pub fn post(&self, token: &str, path: &str, body: &serde_json::Value) -> Resp {
        let auth = format!("Bearer {token}");
        self.send(
            "POST",
            path,
            &[("Authorization", &auth), ("Content-Type", "application/json")],
            Some(&body.to_string()),
        )
    }

    /// PUT JSON with a bearer token and an optional `If-Match`.
    pub fn put(&self, token: &str, path: &str, if_match: Option<&str>, body: &serde_json::Value) -> Resp {
        self.send_versioned("PUT", "application/json", token, path, if_match, body)
    }

    /// PATCH JSON with a bearer token and an optional `If-Match`.
    pub fn patch(&self, token: &str, path: &str, if_match: Option<&str>, body: &serde_json::Value) -> Resp {
        self.send_versioned("PATCH", "application/merge-patch+json", token, path, if_match, body)
    }

    fn send_versioned(
        &self,
        method: &str,
        content_type: &str,
        token: &str,
        path: &str,
        if_match: Option<&str>,
        body: &serde_json::Value,
    ) -> Resp {
        let auth = format!("Bearer {token}");
        let mut headers = vec![("Authorization", auth.as_str()), ("Content-Type", content_type)];
        if let Some(tag) = if_match {
            headers.push(("If-Match", tag));
        }
        self.send(method, path, &headers, Some(&body.to_string()))
    }
}

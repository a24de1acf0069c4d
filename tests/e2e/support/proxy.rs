//! Debian's nginx as the reverse proxy in front of several hub instances, as a deployment runs
//! them (`deploy/`): started by the test on a free port, stopped when dropped.

use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running nginx spreading requests over the instances round robin.
pub struct Proxy {
    /// `http://127.0.0.1:<port>`
    pub base: String,
    child: Child,
    dir: PathBuf,
}

/// Where nginx is, if it is installed (CI installs it; a developer's machine may not have it).
fn nginx() -> Option<PathBuf> {
    ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"].into_iter().map(PathBuf::from).find(|p| p.exists())
}

impl Proxy {
    /// Starts nginx in front of `upstreams` (`http://host:port` each); `None` without nginx,
    /// except under CI (`CI` set), where a missing nginx fails the test.
    pub fn start(upstreams: &[&str]) -> Option<Proxy> {
        let Some(nginx) = nginx() else {
            assert!(std::env::var_os("CI").is_none(), "CI must install nginx (.ci/run does)");
            eprintln!("nginx is not installed: the proxy test is skipped here");
            return None;
        };
        let dir = std::env::temp_dir().join(format!("tdc-proxy-{}", uuid::Uuid::now_v7().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
        std::fs::write(dir.join("nginx.conf"), config(&dir, port, upstreams)).unwrap();
        let child = Command::new(nginx)
            .args(["-p", dir.to_str().unwrap(), "-c", "nginx.conf", "-g", "daemon off;"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("nginx starts");
        let proxy = Proxy { base: format!("http://127.0.0.1:{port}"), child, dir };
        proxy.wait_ready();
        Some(proxy)
    }

    fn wait_ready(&self) {
        let started = Instant::now();
        while ureq::get(&format!("{}/healthz", self.base)).call().is_err() {
            let log = std::fs::read_to_string(self.dir.join("error.log")).unwrap_or_default();
            assert!(started.elapsed() < Duration::from_secs(10), "nginx did not come up: {log}");
            std::thread::sleep(Duration::from_millis(50));
        }
    }
}

impl Drop for Proxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A minimal configuration: every temporary path in `dir`, keep-alive to the instances, the
/// caller's address forwarded.
fn config(dir: &std::path::Path, port: u16, upstreams: &[&str]) -> String {
    let dir = dir.display();
    let servers: String =
        upstreams.iter().map(|u| format!("    server {};\n", u.trim_start_matches("http://"))).collect();
    format!(
        "worker_processes 1;\npid {dir}/nginx.pid;\nerror_log {dir}/error.log;\nevents {{ worker_connections 512; }}\n\
         http {{\n  access_log off;\n  client_body_temp_path {dir}/body;\n  proxy_temp_path {dir}/proxy;\n  \
         fastcgi_temp_path {dir}/fastcgi;\n  uwsgi_temp_path {dir}/uwsgi;\n  scgi_temp_path {dir}/scgi;\n  \
         upstream hub {{\n{servers}    keepalive 32;\n  }}\n  \
         server {{\n    listen 127.0.0.1:{port};\n    client_max_body_size 20m;\n    location / {{\n      \
         proxy_pass http://hub;\n      proxy_http_version 1.1;\n      proxy_set_header Connection \"\";\n      \
         proxy_set_header Host $host;\n      proxy_set_header X-Forwarded-For $remote_addr;\n      \
         proxy_read_timeout 60s;\n    }}\n  }}\n}}\n"
    )
}

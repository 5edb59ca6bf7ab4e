//! The PostgreSQL test server (scripts/pg-server.sh, started by .ci/run) and fresh databases on
//! it. A test asks for the server with [`server`]; where none is configured it skips with one
//! printed line (and fails under CI=true, through `support::skip`).

#![allow(dead_code)]

use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

use percent_encoding::{NON_ALPHANUMERIC, utf8_percent_encode};
use relaties::store::postgres::connect::{Target, connect};

use crate::support::skip;

/// The server's coordinates, from the variables `scripts/pg-server.sh start` exports.
#[derive(Clone, Debug)]
pub struct PgServer {
    /// The superuser over the Unix socket (trust authentication).
    pub admin: String,
    pub socket: PathBuf,
    pub port: u16,
    /// The CA that signed the server's certificate (made out to localhost, 127.0.0.1, ::1).
    pub ca: PathBuf,
    /// An unrelated CA.
    pub other_ca: PathBuf,
}

/// The test server, or `None` after printing why the calling test skips.
pub fn server(test: &str) -> Option<PgServer> {
    let Some(admin) = std::env::var("RELATIES_TEST_PG")
        .ok()
        .filter(|v| !v.is_empty())
    else {
        skip(
            test,
            "no PostgreSQL test server (RELATIES_TEST_PG is unset; start one with \
             eval \"$(scripts/pg-server.sh start)\")",
        );
        return None;
    };
    let var = |name: &str| {
        std::env::var(name)
            .ok()
            .filter(|v| !v.is_empty())
            .unwrap_or_else(|| {
                panic!("RELATIES_TEST_PG is set but {name} is not: use scripts/pg-server.sh")
            })
    };
    Some(PgServer {
        admin,
        socket: PathBuf::from(var("RELATIES_TEST_PG_SOCKET")),
        port: var("RELATIES_TEST_PG_PORT")
            .parse()
            .expect("RELATIES_TEST_PG_PORT"),
        ca: PathBuf::from(var("RELATIES_TEST_PG_CA")),
        other_ca: PathBuf::from(var("RELATIES_TEST_PG_OTHER_CA")),
    })
}

/// A target read without this process's PG* variables (a developer's PGPASSWORD or PGSSLMODE
/// must not change what a test sees), with `vars` as the only environment.
pub fn target(url: &str, vars: &[(&str, &str)]) -> anyhow::Result<Target> {
    let vars: Vec<(String, String)> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Target::parse_with_vars(url, &move |name: &str| {
        vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    })
}

impl PgServer {
    /// A superuser session over the socket.
    pub fn admin(&self) -> postgres::Client {
        let t = target(&self.admin, &[]).expect("admin URL");
        connect(&t).expect("connect as the test server's superuser")
    }

    /// A fresh database owned by a fresh login role with CREATEROLE (what `team init` needs),
    /// both dropped when the returned value is.
    pub fn fresh_database(&self) -> PgDb {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let name = format!(
            "rt_{}_{}_{}",
            std::process::id(),
            COUNTER.fetch_add(1, Ordering::Relaxed),
            nanos % 100_000
        );
        let login = format!("{name}_login");
        // Characters that must be percent-encoded in a URL and escaped in a password file.
        let password = format!("pw:@/\\ {}", fastrand::u64(..));
        let mut admin = self.admin();
        // Identifiers are our own lower-case ASCII; the password is quoted as a literal.
        let literal = password.replace('\'', "''");
        // Two statements: CREATE DATABASE may not share a (multi-statement) transaction.
        admin
            .batch_execute(&format!(
                "CREATE ROLE {login} LOGIN CREATEROLE PASSWORD '{literal}'"
            ))
            .expect("create a test login");
        admin
            .batch_execute(&format!("CREATE DATABASE {name} OWNER {login}"))
            .expect("create a test database");
        PgDb {
            server: self.clone(),
            name,
            login,
            password,
        }
    }
}

/// A database of its own for one test, owned by `login`.
pub struct PgDb {
    pub server: PgServer,
    pub name: String,
    pub login: String,
    pub password: String,
}

fn enc(s: &str) -> String {
    utf8_percent_encode(s, NON_ALPHANUMERIC).to_string()
}

impl PgDb {
    /// The owner over the Unix socket (no password needed there).
    pub fn url(&self) -> String {
        format!(
            "postgres://{}@/{}?host={}&port={}",
            self.login,
            self.name,
            enc(&self.server.socket.display().to_string()),
            self.server.port
        )
    }

    /// A superuser session in this database (for what only a superuser may set, such as
    /// `deadlock_timeout`).
    pub fn superuser(&self) -> postgres::Client {
        let mut t = target(&self.server.admin, &[]).expect("admin URL");
        t.dbname = self.name.clone();
        connect(&t).expect("connect as the test server's superuser")
    }

    /// The owner over TCP to `host` with the password in the URL; `query` is appended as it is
    /// (e.g. `sslmode=verify-full&sslrootcert=...`).
    pub fn tcp_url(&self, host: &str, query: &str) -> String {
        self.tcp_url_with(host, Some(&self.password), query)
    }

    /// As [`PgDb::tcp_url`], with another password or none.
    pub fn tcp_url_with(&self, host: &str, password: Option<&str>, query: &str) -> String {
        let auth = match password {
            Some(p) => format!("{}:{}", self.login, enc(p)),
            None => self.login.clone(),
        };
        let mut url = format!(
            "postgres://{auth}@{host}:{}/{}",
            self.server.port, self.name
        );
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        // Best effort: the database (closing any session still in it), then every role named
        // after it (the login, and the roles `team init` makes).
        let Ok(t) = target(&self.server.admin, &[]) else {
            return;
        };
        let Ok(mut admin) = connect(&t) else {
            return;
        };
        let _ = admin.batch_execute(&format!(
            "DROP DATABASE IF EXISTS {} WITH (FORCE)",
            self.name
        ));
        let roles = admin
            .query(
                "SELECT rolname::text FROM pg_roles WHERE starts_with(rolname, $1)",
                &[&self.name],
            )
            .unwrap_or_default();
        for row in roles {
            let role: String = row.get(0);
            let _ = admin.batch_execute(&format!(
                "DROP ROLE IF EXISTS \"{}\"",
                role.replace('"', "\"\"")
            ));
        }
    }
}

impl PgDb {
    /// A new login role on the server, `<database>_who_<suffix>` (dropped with the database), with
    /// no role in any ledger yet; returns its name.
    pub fn new_login(&self, suffix: &str) -> String {
        let login = format!("{}_who_{suffix}", self.name);
        self.server
            .admin()
            .batch_execute(&format!("CREATE ROLE {login} LOGIN"))
            .expect("create a test login");
        login
    }

    /// `login` over the Unix socket (trust authentication there).
    pub fn url_as(&self, login: &str) -> String {
        format!(
            "postgres://{login}@/{}?host={}&port={}",
            self.name,
            enc(&self.server.socket.display().to_string()),
            self.server.port
        )
    }

    /// The real binary as `login` on this database's ledger, with `args`.
    pub fn run_as(&self, login: &str, args: &[&str]) -> crate::support::Run {
        crate::support::relaties()
            .arg("--db")
            .arg(self.url_as(login))
            .args(args)
            .output()
            .expect("runs")
            .into()
    }

    /// As [`PgDb::run_as`], expecting success; returns stdout.
    pub fn ok_as(&self, login: &str, args: &[&str]) -> String {
        let r = self.run_as(login, args);
        assert_eq!(r.code, 0, "{login} {args:?} failed: {}", r.stderr);
        r.stdout
    }

    /// `psql` as `login` over the socket running `sql` (stops at the first error); `None`
    /// after printing why the calling test skips when there is no psql.
    pub fn psql(&self, test: &str, login: &str, sql: &str) -> Option<crate::support::Run> {
        if !crate::support::have("psql") {
            skip(test, "no psql client on this machine");
            return None;
        }
        let out = std::process::Command::new("psql")
            .args(["-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1"])
            .arg("-h")
            .arg(&self.server.socket)
            .arg("-p")
            .arg(self.server.port.to_string())
            .args(["-U", login, "-d", &self.name, "-c"])
            .arg(format!("SET search_path = relaties; {sql}"))
            .env_remove("PGPASSWORD")
            .env_remove("PGSERVICE")
            .output()
            .expect("psql runs");
        Some(out.into())
    }
}

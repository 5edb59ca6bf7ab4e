//! Where a team ledger lives and how to reach it: a `postgres://` URL completed as libpq
//! completes it (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`, `PGDATABASE`, `PGSSLMODE`,
//! `PGSSLROOTCERT`, `PGCONNECT_TIMEOUT` and the password file), and a connection to it over a
//! Unix socket or TCP with TLS by rustls.
//!
//! A password is never shown: every message names the target by [`Target::masked`].
//!
//! TLS follows libpq's `sslmode`, with one difference for safety: a host that is not local gets
//! `verify-full` when nothing asks for another mode (libpq's default is `prefer`), and `prefer`
//! may fall back to plain text only on a local host (on another host it requires TLS). TLS is not
//! used over a Unix socket, as in libpq.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{CertificateError, DigitallySignedStruct, RootCertStore, SignatureScheme};

use crate::i18n::connect::{ConnMsg, io_cause, io_cause_in};
use crate::i18n::{Lang, t, t_in};
use crate::store::StoreError;

/// The name the server shows for our sessions (`pg_stat_activity.application_name`).
pub const APPLICATION_NAME: &str = "relaties";

/// PostgreSQL's default port.
pub const DEFAULT_PORT: u16 = 5432;

/// The operating-system user, libpq's default login name.
fn os_user() -> Option<String> {
    #[cfg(unix)]
    {
        uzers::get_effective_username().and_then(|n| n.into_string().ok())
    }
    #[cfg(not(unix))]
    {
        std::env::var("USERNAME").ok()
    }
}

/// Whether `s` is a PostgreSQL URL (`postgres://` or `postgresql://`) rather than a file path.
pub fn is_url(s: &str) -> bool {
    let lower = |prefix: &str| {
        s.get(..prefix.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(prefix))
    };
    lower("postgres://") || lower("postgresql://")
}

/// libpq's `sslmode`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SslMode {
    /// Plain text only.
    Disable,
    /// TLS when the server offers it, without checking its certificate; plain text otherwise
    /// (on a local host only: elsewhere this acts as `Require`).
    Prefer,
    /// TLS or nothing; the certificate is not checked (unless a root certificate file is
    /// named, by the URL or PGSSLROOTCERT: then as `VerifyCa`, as libpq does).
    Require,
    /// TLS, with a certificate signed by a trusted root; its host name is not checked.
    VerifyCa,
    /// TLS, with a certificate signed by a trusted root and made out to the host.
    VerifyFull,
}

impl SslMode {
    pub fn parse(s: &str) -> Result<SslMode> {
        Ok(match s {
            "disable" => SslMode::Disable,
            "prefer" => SslMode::Prefer,
            "require" => SslMode::Require,
            "verify-ca" => SslMode::VerifyCa,
            "verify-full" => SslMode::VerifyFull,
            // libpq's "allow" tries plain text first: never what a shared ledger wants.
            other => {
                return Err(StoreError::said(
                    ConnMsg::InvalidSslmode,
                    &[("value", &format!("{other:?}"))],
                )
                .into());
            }
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            SslMode::Disable => "disable",
            SslMode::Prefer => "prefer",
            SslMode::Require => "require",
            SslMode::VerifyCa => "verify-ca",
            SslMode::VerifyFull => "verify-full",
        }
    }
}

/// The server's address: a folder holding its Unix socket, or a host name or IP address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Host {
    Socket(PathBuf),
    Tcp(String),
}

impl Host {
    /// A socket folder, `localhost`, `127.0.0.1` or `::1`: traffic that never leaves the
    /// machine. Any other name or address counts as remote, even one that happens to lead back
    /// here (another 127.x.y.z address, the machine's own name): TLS is then verified.
    pub fn is_local(&self) -> bool {
        match self {
            Host::Socket(_) => true,
            Host::Tcp(name) => {
                name.eq_ignore_ascii_case("localhost")
                    || name.parse::<IpAddr>().is_ok_and(|ip| {
                        ip == IpAddr::from([127, 0, 0, 1])
                            || ip == IpAddr::from([0u16, 0, 0, 0, 0, 0, 0, 1])
                    })
            }
        }
    }
}

/// Where the trusted root certificates come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RootCerts {
    /// A PEM file (`sslrootcert`, `PGSSLROOTCERT`, or `~/.postgresql/root.crt` when it exists).
    File(PathBuf),
    /// The operating system's store (`sslrootcert=system`, and the default when no file is
    /// named and `~/.postgresql/root.crt` does not exist).
    System,
}

/// Where the password came from, for the messages when it is missing or refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PasswordSource {
    Url,
    Env,
    PassFile(PathBuf),
}

/// A connection target, complete: every part libpq would fill in is filled in.
#[derive(Clone, PartialEq, Eq)]
pub struct Target {
    pub host: Host,
    pub port: u16,
    pub user: String,
    pub dbname: String,
    password: Option<String>,
    pub password_source: Option<PasswordSource>,
    /// The mode asked for (URL, `PGSSLMODE`), else the default for the host.
    pub sslmode: SslMode,
    pub root_certs: RootCerts,
    /// Whether the root certificate file was named (URL or `PGSSLROOTCERT`) rather than found
    /// in its default place or taken from the system.
    root_certs_named: bool,
    pub connect_timeout: Option<Duration>,
    pub application_name: String,
    /// Why the password file was not read, when it exists but could not be used (libpq warns
    /// the same way); shown when the server then asks for a password.
    pub passfile_note: Option<String>,
}

impl fmt::Debug for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Target")
            .field("url", &self.masked())
            .finish_non_exhaustive()
    }
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// What parsing reads from outside the URL: the environment, the home folder, the OS user and
/// the files (a seam for the unit tests).
pub(crate) struct Env<'a> {
    pub var: &'a dyn Fn(&str) -> Option<String>,
    pub home: Option<PathBuf>,
    pub os_user: Option<String>,
    pub default_socket: PathBuf,
    pub read_passfile: &'a dyn Fn(&Path) -> PassFile,
    pub exists: &'a dyn Fn(&Path) -> bool,
}

/// The password file as found on disk.
pub(crate) enum PassFile {
    Missing,
    /// Present but not to be read: not a regular file, or readable by others.
    Refused(String),
    Text(String),
    Unreadable(String),
}

/// The socket folder libpq uses when no host is given: Debian's and most distributions'
/// `/run/postgresql` (as `/var/run/postgresql`) when it exists, else upstream's `/tmp`.
fn default_socket_folder() -> PathBuf {
    let debian = Path::new("/var/run/postgresql");
    if debian.is_dir() {
        debian.to_path_buf()
    } else {
        PathBuf::from("/tmp")
    }
}

fn read_passfile(path: &Path) -> PassFile {
    use std::os::unix::fs::PermissionsExt;
    let meta = match std::fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return PassFile::Missing,
        Err(e) => return PassFile::Unreadable(unreadable(path, &e)),
    };
    if !meta.is_file() {
        return PassFile::Refused(t(ConnMsg::PassfileNotPlain, &[("path", &path.display())]));
    }
    if meta.permissions().mode() & 0o077 != 0 {
        return PassFile::Refused(t(ConnMsg::PassfileShared, &[("path", &path.display())]));
    }
    match std::fs::read(path) {
        Ok(bytes) => PassFile::Text(String::from_utf8_lossy(&bytes).into_owned()),
        Err(e) => PassFile::Unreadable(unreadable(path, &e)),
    }
}

/// Why the password file could not be read.
fn unreadable(path: &Path, e: &std::io::Error) -> String {
    t(
        ConnMsg::PassfileUnreadable,
        &[("path", &path.display()), ("cause", &io_cause(e))],
    )
}

impl Target {
    /// The target of `url`, completed from this process's environment as libpq would.
    pub fn parse(url: &str) -> Result<Target> {
        Target::parse_with_vars(url, &|name: &str| std::env::var(name).ok())
    }

    /// As [`Target::parse`], with the environment variables read through `var` instead of
    /// this process's environment (the home folder and OS user are still this process's).
    pub fn parse_with_vars(url: &str, var: &dyn Fn(&str) -> Option<String>) -> Result<Target> {
        let exists = |p: &Path| p.exists();
        let env = Env {
            var,
            home: dirs::home_dir(),
            os_user: os_user(),
            default_socket: default_socket_folder(),
            read_passfile: &read_passfile,
            exists: &exists,
        };
        Target::parse_in(url, &env)
    }

    pub(crate) fn parse_in(url: &str, env: &Env<'_>) -> Result<Target> {
        let given = UrlParts::parse(url)?;
        let var = |name: &str| (env.var)(name).filter(|v| !v.is_empty());

        let host = match given.host.or_else(|| var("PGHOST")) {
            None => Host::Socket(env.default_socket.clone()),
            Some(h) if h.starts_with('/') => Host::Socket(PathBuf::from(h)),
            Some(h) if h.contains(',') => {
                return Err(StoreError::said(ConnMsg::SeveralHosts, &[("hosts", &h)]).into());
            }
            Some(h) => Host::Tcp(h),
        };
        let port = match given.port.or_else(|| var("PGPORT")) {
            None => DEFAULT_PORT,
            Some(p) => p.parse::<u16>().ok().filter(|&p| p != 0).ok_or_else(|| {
                anyhow::Error::from(StoreError::said(
                    ConnMsg::InvalidPort,
                    &[("value", &format!("{p:?}"))],
                ))
            })?,
        };
        let user = given
            .user
            .or_else(|| var("PGUSER"))
            .or_else(|| env.os_user.clone())
            .ok_or_else(|| anyhow::Error::from(StoreError::said(ConnMsg::NoUser, &[])))?;
        let dbname = given
            .dbname
            .or_else(|| var("PGDATABASE"))
            .unwrap_or_else(|| user.clone());

        let sslmode = match given.sslmode.or_else(|| var("PGSSLMODE")) {
            Some(mode) => SslMode::parse(&mode)?,
            None if host.is_local() => SslMode::Prefer,
            None => SslMode::VerifyFull,
        };
        let (root_certs, root_certs_named) =
            match given.sslrootcert.or_else(|| var("PGSSLROOTCERT")) {
                Some(s) if s == "system" => (RootCerts::System, false),
                Some(s) => (RootCerts::File(PathBuf::from(s)), true),
                None => {
                    let default = env
                        .home
                        .as_ref()
                        .map(|h| h.join(".postgresql").join("root.crt"))
                        .filter(|p| (env.exists)(p));
                    match default {
                        Some(p) => (RootCerts::File(p), false),
                        None => (RootCerts::System, false),
                    }
                }
            };
        let connect_timeout = match given.connect_timeout.or_else(|| var("PGCONNECT_TIMEOUT")) {
            None => None,
            Some(s) => {
                let secs: i64 = s.trim().parse().map_err(|_| {
                    anyhow::Error::from(StoreError::said(
                        ConnMsg::InvalidTimeout,
                        &[("value", &format!("{s:?}"))],
                    ))
                })?;
                // As libpq: zero or less waits forever; under 2 seconds counts as 2.
                (secs > 0).then(|| Duration::from_secs(secs.max(2).unsigned_abs()))
            }
        };
        let application_name = given
            .application_name
            .or_else(|| var("PGAPPNAME"))
            .unwrap_or_else(|| APPLICATION_NAME.to_string());

        let mut target = Target {
            host,
            port,
            user,
            dbname,
            password: None,
            password_source: None,
            sslmode,
            root_certs,
            root_certs_named,
            connect_timeout,
            application_name,
            passfile_note: None,
        };

        if let Some(p) = given.password {
            target.password = Some(p);
            target.password_source = Some(PasswordSource::Url);
        } else if let Some(p) = var("PGPASSWORD") {
            target.password = Some(p);
            target.password_source = Some(PasswordSource::Env);
        } else {
            let path = var("PGPASSFILE")
                .map(PathBuf::from)
                .or_else(|| env.home.as_ref().map(|h| h.join(".pgpass")));
            if let Some(path) = path {
                match (env.read_passfile)(&path) {
                    PassFile::Missing => {}
                    PassFile::Refused(note) | PassFile::Unreadable(note) => {
                        target.passfile_note = Some(note);
                    }
                    PassFile::Text(text) => {
                        let host = target.passfile_host(&env.default_socket);
                        let port = target.port.to_string();
                        if let Some(p) =
                            passfile_lookup(&text, &host, &port, &target.dbname, &target.user)
                        {
                            target.password = Some(p);
                            target.password_source = Some(PasswordSource::PassFile(path));
                        }
                    }
                }
            }
        }
        Ok(target)
    }

    /// The host as the password file names it: libpq matches a connection over the default
    /// socket folder as `localhost`, and another socket folder by its path.
    fn passfile_host(&self, default_socket: &Path) -> String {
        match &self.host {
            Host::Socket(dir) if dir == default_socket => "localhost".to_string(),
            Host::Socket(dir) => dir.display().to_string(),
            Host::Tcp(name) => name.clone(),
        }
    }

    pub fn password(&self) -> Option<&str> {
        self.password.as_deref()
    }

    /// The TLS mode in force: none over a socket; `prefer` means `require` on a host that is
    /// not local; `require` with a named root certificate file means `verify-ca`, as in libpq.
    pub fn effective_sslmode(&self) -> SslMode {
        match (&self.host, self.sslmode) {
            (Host::Socket(_), _) => SslMode::Disable,
            (_, SslMode::Prefer) if !self.host.is_local() => SslMode::Require,
            (_, SslMode::Require) if self.root_certs_named => SslMode::VerifyCa,
            (_, mode) => mode,
        }
    }

    /// The target as a URL, with the password (if any) shown as `***`: what every message,
    /// `doctor` and `--json` show.
    pub fn masked(&self) -> String {
        let mut url = String::from("postgres://");
        url.push_str(&encode(&self.user));
        if self.password.is_some() {
            url.push_str(":***");
        }
        url.push('@');
        let mut query = Vec::new();
        match &self.host {
            Host::Socket(dir) => {
                query.push(("host", dir.display().to_string()));
                if self.port != DEFAULT_PORT {
                    query.push(("port", self.port.to_string()));
                }
            }
            Host::Tcp(name) => {
                if name.contains(':') {
                    url.push_str(&format!("[{name}]"));
                } else {
                    url.push_str(&encode(name));
                }
                if self.port != DEFAULT_PORT {
                    url.push_str(&format!(":{}", self.port));
                }
            }
        }
        url.push('/');
        url.push_str(&encode(&self.dbname));
        if let Host::Tcp(_) = self.host {
            query.push(("sslmode", self.sslmode.as_str().to_string()));
            if let RootCerts::File(p) = &self.root_certs
                && self.root_certs_named
            {
                query.push(("sslrootcert", p.display().to_string()));
            }
        }
        for (i, (key, value)) in query.iter().enumerate() {
            url.push(if i == 0 { '?' } else { '&' });
            url.push_str(key);
            url.push('=');
            url.push_str(&encode(value));
        }
        url
    }
}

/// Percent-encoding for the masked URL: everything but RFC 3986's unreserved characters and
/// `/` (so socket folders stay readable).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'/');

fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// The parts a URL gives, percent-decoded; `None` for a part it leaves out.
#[derive(Debug, Default, PartialEq, Eq)]
struct UrlParts {
    host: Option<String>,
    port: Option<String>,
    user: Option<String>,
    password: Option<String>,
    dbname: Option<String>,
    sslmode: Option<String>,
    sslrootcert: Option<String>,
    connect_timeout: Option<String>,
    application_name: Option<String>,
}

fn decode(part: ConnMsg, s: &str) -> Result<String> {
    percent_decode_str(s)
        .decode_utf8()
        .map(|c| c.into_owned())
        .map_err(|_| {
            anyhow::Error::from(StoreError::said(
                ConnMsg::NotUtf8,
                &[("part", &t(part, &[]))],
            ))
        })
}

/// What a PostgreSQL URL looks like, for the refusals.
fn form() -> String {
    t(ConnMsg::UrlForm, &[])
}

impl UrlParts {
    fn parse(input: &str) -> Result<UrlParts> {
        // Errors here never quote the input: it may hold a password.
        if !is_url(input) {
            return Err(StoreError::said(ConnMsg::NotAUrl, &[("form", &form())]).into());
        }
        // Split as libpq does (conninfo_uri_parse_options): the `url` crate refuses libpq's
        // `postgres://user@/db?host=/socket` (a user without a host) and would normalise paths.
        let rest = input.split_once("://").map_or("", |(_, rest)| rest);
        if rest.contains('#') {
            return Err(StoreError::said(ConnMsg::Fragment, &[("form", &form())]).into());
        }
        let (before_query, query) = rest.split_once('?').unwrap_or((rest, ""));
        let (authority, path) = match before_query.find('/') {
            Some(i) => (&before_query[..i], &before_query[i + 1..]),
            None => (before_query, ""),
        };
        let mut parts = UrlParts::default();
        let hostport = match authority.rsplit_once('@') {
            Some((userinfo, hostport)) => {
                let (user, password) = match userinfo.split_once(':') {
                    Some((u, p)) => (u, Some(p)),
                    None => (userinfo, None),
                };
                if !user.is_empty() {
                    parts.user = Some(decode(ConnMsg::PartUser, user)?);
                }
                if let Some(p) = password {
                    parts.password = Some(decode(ConnMsg::PartPassword, p)?);
                }
                hostport
            }
            None => authority,
        };
        if hostport.contains(',') {
            return Err(StoreError::said(ConnMsg::SeveralHostsInUrl, &[]).into());
        }
        let (host, port) = if let Some(bracketed) = hostport.strip_prefix('[') {
            let (host, after) = bracketed.split_once(']').ok_or_else(|| {
                anyhow::Error::from(StoreError::said(
                    ConnMsg::Ipv6Unclosed,
                    &[("form", &form())],
                ))
            })?;
            let port = match after {
                "" => None,
                _ => Some(after.strip_prefix(':').ok_or_else(|| {
                    anyhow::Error::from(StoreError::said(
                        ConnMsg::Ipv6Trailing,
                        &[("form", &form())],
                    ))
                })?),
            };
            (host, port)
        } else {
            match hostport.split_once(':') {
                Some((h, p)) => (h, Some(p)),
                None => (hostport, None),
            }
        };
        if !host.is_empty() {
            parts.host = Some(decode(ConnMsg::PartHost, host)?);
        }
        if let Some(p) = port.filter(|p| !p.is_empty()) {
            parts.port = Some(decode(ConnMsg::PartPort, p)?);
        }
        if !path.is_empty() {
            parts.dbname = Some(decode(ConnMsg::PartDatabase, path)?);
        }
        // Split by hand and decode with percent-decoding alone: form decoding would turn `+`
        // into a space, which libpq does not.
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let (key, value) = pair.split_once('=').ok_or_else(|| {
                anyhow::Error::from(StoreError::said(ConnMsg::NoValue, &[("form", &form())]))
            })?;
            let key = decode(ConnMsg::PartParamName, key)?;
            let value = decode(ConnMsg::PartParamValue, value)?;
            let slot = match key.as_str() {
                "host" => &mut parts.host,
                "port" => &mut parts.port,
                "user" => &mut parts.user,
                "password" => &mut parts.password,
                "dbname" => &mut parts.dbname,
                "sslmode" => &mut parts.sslmode,
                "sslrootcert" => &mut parts.sslrootcert,
                "connect_timeout" => &mut parts.connect_timeout,
                "application_name" => &mut parts.application_name,
                other => {
                    return Err(StoreError::said(
                        ConnMsg::UnsupportedParam,
                        &[("name", &format!("{other:?}"))],
                    )
                    .into());
                }
            };
            *slot = Some(value).filter(|v| !v.is_empty());
        }
        Ok(parts)
    }
}

/// The password for `host:port:database:user` in a libpq password file: the first matching
/// line; `*` matches anything, `\:` and `\\` stand for `:` and `\`, lines starting with `#` are
/// comments.
pub fn passfile_lookup(
    text: &str,
    host: &str,
    port: &str,
    dbname: &str,
    user: &str,
) -> Option<String> {
    let wanted = [host, port, dbname, user];
    for line in text.lines() {
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let Some((fields, password)) = passfile_fields(line) else {
            continue;
        };
        let matches = fields.iter().zip(wanted).all(|(field, want)| match field {
            Field::Any => true,
            Field::Is(s) => s == want,
        });
        if matches {
            return Some(password).filter(|p| !p.is_empty());
        }
    }
    None
}

#[derive(Debug, PartialEq, Eq)]
enum Field {
    Any,
    Is(String),
}

/// A password file line's four fields and its password; `None` for a line with fewer fields.
fn passfile_fields(line: &str) -> Option<([Field; 4], String)> {
    let mut chars = line.chars();
    let mut fields = Vec::with_capacity(4);
    for _ in 0..4 {
        let mut value = String::new();
        let mut raw_star = false;
        let mut ended = false;
        let mut first = true;
        while let Some(c) = chars.next() {
            match c {
                '\\' => match chars.next() {
                    Some(next) => value.push(next),
                    None => value.push('\\'),
                },
                ':' => {
                    ended = true;
                    break;
                }
                '*' if first => {
                    raw_star = true;
                    value.push('*');
                }
                c => value.push(c),
            }
            first = false;
        }
        if !ended {
            return None;
        }
        fields.push(if raw_star && value == "*" {
            Field::Any
        } else {
            Field::Is(value)
        });
    }
    // The password: up to an unescaped `:` (libpq ignores anything after it).
    let mut password = String::new();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(next) => password.push(next),
                None => password.push('\\'),
            },
            ':' => break,
            c => password.push(c),
        }
    }
    let fields: [Field; 4] = fields.try_into().ok()?;
    Some((fields, password))
}

/// Connects to the target, one line of error when it cannot: the masked URL and what went
/// wrong, with the server's own message where it sent one.
pub fn connect(target: &Target) -> Result<postgres::Client> {
    let mut config = postgres::Config::new();
    config
        .user(&target.user)
        .dbname(&target.dbname)
        .port(target.port)
        .application_name(&target.application_name);
    if let Some(p) = &target.password {
        config.password(p);
    }
    if let Some(d) = target.connect_timeout {
        config.connect_timeout(d);
    }
    let mode = target.effective_sslmode();
    let result = match &target.host {
        Host::Socket(dir) => {
            config
                .host_path(dir)
                .ssl_mode(postgres::config::SslMode::Disable);
            config.connect(postgres::NoTls)
        }
        Host::Tcp(name) => {
            config.host(name);
            match mode {
                SslMode::Disable => {
                    config.ssl_mode(postgres::config::SslMode::Disable);
                    config.connect(postgres::NoTls)
                }
                _ => {
                    config.ssl_mode(if mode == SslMode::Prefer {
                        postgres::config::SslMode::Prefer
                    } else {
                        postgres::config::SslMode::Require
                    });
                    let tls = tls_config(target, mode).with_context(|| {
                        StoreError::said(ConnMsg::CannotConnect, &[("target", &target.masked())])
                    })?;
                    config.connect(tokio_postgres_rustls::MakeRustlsConnect::new(tls))
                }
            }
        }
    };
    result.map_err(|e| {
        anyhow::Error::from(StoreError::said(
            ConnMsg::CannotConnectBecause,
            &[
                ("target", &target.masked()),
                ("why", &explain(target, mode, &e)),
            ],
        ))
    })
}

/// Whether the session runs over TLS (what `doctor` shows), as the server sees it.
pub fn tls_in_use(client: &mut postgres::Client) -> Result<bool> {
    let row = client
        .query_opt(
            "SELECT ssl FROM pg_catalog.pg_stat_ssl WHERE pid = pg_catalog.pg_backend_pid()",
            &[],
        )
        .with_context(|| StoreError::said(ConnMsg::TlsUnknown, &[]))?;
    Ok(match row {
        Some(row) => row
            .try_get::<_, bool>(0)
            .with_context(|| StoreError::said(ConnMsg::TlsUnknown, &[]))?,
        None => false,
    })
}

/// What went wrong, in one line, for a failed connection.
fn explain(target: &Target, mode: SslMode, e: &postgres::Error) -> String {
    if let Some(db) = e.as_db_error() {
        let mut msg = db.message().to_string();
        if db.code() == &postgres::error::SqlState::INVALID_PASSWORD
            && let Some(source) = &target.password_source
        {
            let from = match source {
                PasswordSource::Url => t(ConnMsg::FromUrl, &[]),
                PasswordSource::Env => "PGPASSWORD".to_string(),
                PasswordSource::PassFile(p) => p.display().to_string(),
            };
            msg = t(ConnMsg::WrongPassword, &[("detail", &msg), ("from", &from)]);
        }
        return one_line(&msg);
    }
    // The source chain: tokio-postgres's own words, then the I/O or TLS error under them.
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            if let Some(tls) = io
                .get_ref()
                .and_then(|inner| inner.downcast_ref::<rustls::Error>())
            {
                return explain_tls(target, mode, tls);
            }
            return one_line(&explain_io(target, io));
        }
        if let Some(tls) = s.downcast_ref::<rustls::Error>() {
            return explain_tls(target, mode, tls);
        }
        source = s.source();
    }
    // tokio-postgres shows only the kind of error; what happened is in its source.
    let mut text = e.to_string();
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    if text.contains("password missing") {
        return match &target.passfile_note {
            Some(note) => t(ConnMsg::PasswordMissingNote, &[("note", note)]),
            None => t(ConnMsg::PasswordMissing, &[]),
        };
    }
    if text.contains("server does not support TLS") {
        return t(ConnMsg::NoTls, &[("mode", &mode.as_str())]);
    }
    t(ConnMsg::Driver, &[("detail", &one_line(&text))])
}

/// A failure the server did not word (a broken or closed connection) in `l`'s words, as
/// `server_words` shows it in Dutch: the driver's own text is left only for what it alone
/// knows.
pub fn driver_words_in(l: Lang, e: &postgres::Error) -> String {
    if e.is_closed() {
        return t_in(l, ConnMsg::Closed, &[]);
    }
    let mut source: Option<&(dyn std::error::Error + 'static)> = std::error::Error::source(e);
    while let Some(s) = source {
        if let Some(io) = s.downcast_ref::<std::io::Error>() {
            return t_in(l, ConnMsg::Broken, &[("cause", &io_cause_in(l, io))]);
        }
        source = s.source();
    }
    let mut text = e.to_string();
    if let Some(s) = std::error::Error::source(e) {
        text.push_str(&format!(": {s}"));
    }
    t_in(l, ConnMsg::Driver, &[("detail", &text)])
}

fn explain_io(target: &Target, io: &std::io::Error) -> String {
    use std::io::ErrorKind;
    let socket = match &target.host {
        Host::Socket(dir) => Some(dir.join(format!(".s.PGSQL.{}", target.port))),
        Host::Tcp(_) => None,
    };
    match (io.kind(), socket) {
        (ErrorKind::NotFound | ErrorKind::ConnectionRefused, Some(path)) => t(
            ConnMsg::NoSocket,
            &[("path", &path.display()), ("cause", &io_cause(io))],
        ),
        (ErrorKind::ConnectionRefused, None) => t(ConnMsg::Refused, &[("cause", &io_cause(io))]),
        (ErrorKind::TimedOut, _) => t(ConnMsg::TimedOut, &[("cause", &io_cause(io))]),
        _ => io_cause(io),
    }
}

fn explain_tls(target: &Target, mode: SslMode, e: &rustls::Error) -> String {
    let roots = || match &target.root_certs {
        RootCerts::File(p) => t(ConnMsg::RootFile, &[("path", &p.display())]),
        RootCerts::System => t(ConnMsg::RootSystem, &[]),
    };
    match e {
        rustls::Error::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => {
            let host = match &target.host {
                Host::Tcp(h) => h.as_str(),
                Host::Socket(_) => "",
            };
            t(
                ConnMsg::NotForHost,
                &[
                    ("host", &host),
                    ("mode", &mode.as_str()),
                    ("detail", &tls_detail(e)),
                ],
            )
        }
        rustls::Error::InvalidCertificate(_) => t(
            ConnMsg::NotVerified,
            &[
                ("roots", &roots()),
                ("mode", &mode.as_str()),
                ("detail", &tls_detail(e)),
            ],
        ),
        other => t(ConnMsg::Handshake, &[("detail", &tls_detail(other))]),
    }
}

/// What rustls said of the server's certificate: its words in English; in Dutch the usual
/// causes in Dutch (the names the certificate holds kept), anything else as rustls said it.
fn tls_detail(e: &rustls::Error) -> String {
    if crate::i18n::lang() == Lang::En {
        return e.to_string();
    }
    tls_detail_nl(e)
}

fn tls_detail_nl(e: &rustls::Error) -> String {
    use CertificateError as C;
    let rustls::Error::InvalidCertificate(c) = e else {
        return e.to_string();
    };
    let msg = match c {
        C::NotValidForNameContext { presented, .. } if !presented.is_empty() => {
            return t_in(
                Lang::Nl,
                ConnMsg::CertOnlyFor,
                &[("names", &names_nl(presented))],
            );
        }
        C::UnknownIssuer => ConnMsg::CertUnknownIssuer,
        C::Expired | C::ExpiredContext { .. } => ConnMsg::CertExpired,
        C::NotValidYet | C::NotValidYetContext { .. } => ConnMsg::CertNotYetValid,
        C::NotValidForName | C::NotValidForNameContext { .. } => ConnMsg::CertOtherName,
        C::Revoked => ConnMsg::CertRevoked,
        C::BadSignature => ConnMsg::CertBadSignature,
        C::BadEncoding => ConnMsg::CertBadEncoding,
        _ => return e.to_string(),
    };
    t_in(Lang::Nl, msg, &[])
}

/// The names a certificate holds, as rustls lists them (`DnsName("localhost")`,
/// `IpAddress(127.0.0.1)`), plainly: `localhost, 127.0.0.1 of ::1`.
fn names_nl(presented: &[String]) -> String {
    let plain: Vec<&str> = presented
        .iter()
        .map(|p| {
            p.strip_prefix("DnsName(\"")
                .and_then(|r| r.strip_suffix("\")"))
                .or_else(|| {
                    p.strip_prefix("IpAddress(")
                        .and_then(|r| r.strip_suffix(')'))
                })
                .unwrap_or(p)
        })
        .collect();
    match plain.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} of {last}", rest.join(", ")),
        _ => plain.join(""),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The rustls configuration for a mode that uses TLS.
fn tls_config(target: &Target, mode: SslMode) -> Result<rustls::ClientConfig> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
        .with_safe_default_protocol_versions()
        .with_context(|| StoreError::said(ConnMsg::TlsSetup, &[]))?;
    let verifier: Arc<dyn ServerCertVerifier> = match mode {
        SslMode::Disable | SslMode::Prefer | SslMode::Require => {
            Arc::new(AnyCertificate { provider })
        }
        SslMode::VerifyCa | SslMode::VerifyFull => {
            let roots = root_store(&target.root_certs)?;
            let webpki = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider)
                .build()
                .with_context(|| StoreError::said(ConnMsg::TlsSetup, &[]))?;
            if mode == SslMode::VerifyCa {
                Arc::new(AnyName { inner: webpki })
            } else {
                webpki
            }
        }
    };
    Ok(builder
        .dangerous()
        .with_custom_certificate_verifier(verifier)
        .with_no_client_auth())
}

fn root_store(roots: &RootCerts) -> Result<RootCertStore> {
    let mut store = RootCertStore::empty();
    match roots {
        RootCerts::File(path) => {
            let certs: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(path)
                .and_then(|it| it.collect())
                .map_err(|e| {
                    anyhow::Error::from(StoreError::said(
                        ConnMsg::ReadRootFile,
                        &[("path", &path.display()), ("detail", &e)],
                    ))
                })?;
            let (added, _) = store.add_parsable_certificates(certs);
            if added == 0 {
                return Err(
                    StoreError::said(ConnMsg::NoUsableCert, &[("path", &path.display())]).into(),
                );
            }
        }
        RootCerts::System => {
            let found = rustls_native_certs::load_native_certs();
            store.add_parsable_certificates(found.certs);
            if store.is_empty() {
                return Err(StoreError::said(ConnMsg::NoSystemRoots, &[]).into());
            }
        }
    }
    Ok(store)
}

/// `verify-ca`: the chain must lead to a trusted root; the name on the certificate is not
/// checked.
#[derive(Debug)]
struct AnyName {
    inner: Arc<WebPkiServerVerifier>,
}

impl ServerCertVerifier for AnyName {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        match self
            .inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp, now)
        {
            Err(rustls::Error::InvalidCertificate(
                CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
            )) => Ok(ServerCertVerified::assertion()),
            other => other,
        }
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.inner.supported_verify_schemes()
    }
}

/// `prefer` and `require`: encryption without checking who is at the other end (libpq's
/// meaning of these modes); the handshake's signatures are still checked.
#[derive(Debug)]
struct AnyCertificate {
    provider: Arc<CryptoProvider>,
}

impl ServerCertVerifier for AnyCertificate {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.provider.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.provider
            .signature_verification_algorithms
            .supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    struct Fake {
        vars: HashMap<&'static str, String>,
        passfile: Option<(PathBuf, String)>,
        passfile_refused: bool,
        existing: Vec<PathBuf>,
    }

    impl Fake {
        fn new() -> Fake {
            Fake {
                vars: HashMap::new(),
                passfile: None,
                passfile_refused: false,
                existing: Vec::new(),
            }
        }
        fn var(mut self, k: &'static str, v: &str) -> Fake {
            self.vars.insert(k, v.to_string());
            self
        }
        fn pgpass(mut self, text: &str) -> Fake {
            self.passfile = Some((PathBuf::from("/home/ann/.pgpass"), text.to_string()));
            self
        }
        fn parse(&self, url: &str) -> Result<Target> {
            let var = |k: &str| self.vars.get(k).cloned();
            let read = |p: &Path| match &self.passfile {
                Some((path, _)) if self.passfile_refused && path == p => {
                    PassFile::Refused("refused".into())
                }
                Some((path, text)) if path == p => PassFile::Text(text.clone()),
                _ => PassFile::Missing,
            };
            let exists = |p: &Path| self.existing.iter().any(|e| e == p);
            let env = Env {
                var: &var,
                home: Some(PathBuf::from("/home/ann")),
                os_user: Some("ann".into()),
                default_socket: PathBuf::from("/run/postgresql"),
                read_passfile: &read,
                exists: &exists,
            };
            Target::parse_in(url, &env)
        }
    }

    fn parse(url: &str) -> Target {
        Fake::new().parse(url).unwrap()
    }

    #[test]
    fn recognises_urls() {
        assert!(is_url("postgres://h/db"));
        assert!(is_url("postgresql://h/db"));
        assert!(is_url("POSTGRES:///db"));
        assert!(!is_url("ledger.db"));
        assert!(!is_url("postgres:/db"));
        assert!(!is_url("/srv/postgres://x"));
        assert!(!is_url("pg"));
    }

    #[test]
    fn full_url() {
        let t =
            parse("postgresql://bob:s%40cr%3At@db.example.com:6543/sales%20team?sslmode=require");
        assert_eq!(t.host, Host::Tcp("db.example.com".into()));
        assert_eq!(t.port, 6543);
        assert_eq!(t.user, "bob");
        assert_eq!(t.password(), Some("s@cr:t"));
        assert_eq!(t.password_source, Some(PasswordSource::Url));
        assert_eq!(t.dbname, "sales team");
        assert_eq!(t.sslmode, SslMode::Require);
        assert_eq!(t.application_name, "relaties");
    }

    #[test]
    fn defaults_like_libpq() {
        let t = parse("postgres://");
        assert_eq!(t.host, Host::Socket("/run/postgresql".into()));
        assert_eq!(t.port, 5432);
        assert_eq!(t.user, "ann");
        assert_eq!(t.dbname, "ann", "the database defaults to the user");
        assert_eq!(t.password(), None);
        let t = parse("postgres://carl@");
        assert_eq!(t.dbname, "carl");
        let t = parse("postgresql://carl:pw@/ledger?host=/run/pg");
        assert_eq!(t.host, Host::Socket("/run/pg".into()));
        assert_eq!((t.user.as_str(), t.password()), ("carl", Some("pw")));
        let t = parse("postgres://h:/db");
        assert_eq!((t.host, t.port), (Host::Tcp("h".into()), 5432));
    }

    #[test]
    fn socket_folder_in_the_query_or_encoded_host() {
        let t = parse("postgres:///ledger?host=/run/pg%20x&port=5433");
        assert_eq!(t.host, Host::Socket("/run/pg x".into()));
        assert_eq!(t.port, 5433);
        assert_eq!(t.dbname, "ledger");
        let t = parse("postgresql://%2Fvar%2Flib%2Fpg/ledger");
        assert_eq!(t.host, Host::Socket("/var/lib/pg".into()));
        // The query overrides the URL's own parts, as in libpq.
        let t = parse("postgres://a@h/x?user=b&dbname=y");
        assert_eq!((t.user.as_str(), t.dbname.as_str()), ("b", "y"));
    }

    #[test]
    fn plus_is_not_a_space() {
        let t = parse("postgres://h/db?password=a+b");
        assert_eq!(t.password(), Some("a+b"));
    }

    #[test]
    fn ipv6_host() {
        let t = parse("postgres://[::1]:5433/db");
        assert_eq!(t.host, Host::Tcp("::1".into()));
        assert!(t.host.is_local());
        assert_eq!(t.masked(), "postgres://ann@[::1]:5433/db?sslmode=prefer");
    }

    #[test]
    fn environment_fills_the_gaps_and_the_url_wins() {
        let f = Fake::new()
            .var("PGHOST", "pg.internal")
            .var("PGPORT", "6000")
            .var("PGUSER", "env_user")
            .var("PGPASSWORD", "envpw")
            .var("PGDATABASE", "envdb")
            .var("PGSSLMODE", "verify-ca")
            .var("PGSSLROOTCERT", "/etc/ca.pem");
        let t = f.parse("postgres://").unwrap();
        assert_eq!(t.host, Host::Tcp("pg.internal".into()));
        assert_eq!(t.port, 6000);
        assert_eq!(t.user, "env_user");
        assert_eq!(t.password(), Some("envpw"));
        assert_eq!(t.password_source, Some(PasswordSource::Env));
        assert_eq!(t.dbname, "envdb");
        assert_eq!(t.sslmode, SslMode::VerifyCa);
        assert_eq!(t.root_certs, RootCerts::File("/etc/ca.pem".into()));
        let t = f
            .parse("postgres://u:urlpw@other:7000/db?sslmode=disable")
            .unwrap();
        assert_eq!(t.host, Host::Tcp("other".into()));
        assert_eq!(t.port, 7000);
        assert_eq!(t.user, "u");
        assert_eq!(t.password(), Some("urlpw"));
        assert_eq!(t.dbname, "db");
        assert_eq!(t.sslmode, SslMode::Disable);
        // An empty variable counts as unset.
        let t = Fake::new().var("PGHOST", "").parse("postgres://").unwrap();
        assert_eq!(t.host, Host::Socket("/run/postgresql".into()));
        let t = Fake::new()
            .var("PGHOST", "/tmp/sock")
            .parse("postgres:///x")
            .unwrap();
        assert_eq!(t.host, Host::Socket("/tmp/sock".into()));
    }

    #[test]
    fn bad_urls_are_refused_without_quoting_the_password() {
        for url in [
            "postgres://u:hunter2@h:99999/db",
            "postgres://u:hunter2@h:port/db",
            "postgres://u:hunter2@h/db?sslmode=sometimes",
            "postgres://u:hunter2@h/db?colour=blue",
            "postgres://u:hunter2@h/db?novalue",
            "postgres://u:hunter2@h/db#frag",
            "postgres://u:hunter2@h1,h2/db",
            "postgres://u:hunter2@h1:5432,h2:5433/db",
            "postgres://u:hunter2@h/db?port=0",
            "postgres://u:hunter2@h/db?connect_timeout=soon",
            "postgres://u:hunter2@h/%FF",
            "postgres://u:hunter2@[::1/db",
            "postgres://u:hunter2@[::1]x/db",
        ] {
            let err = format!("{:#}", Fake::new().parse(url).unwrap_err());
            assert!(!err.contains("hunter2"), "{url}: {err}");
            assert!(!err.contains('\n'), "{url}: {err}");
        }
        let err = Fake::new()
            .parse("postgres://h1:5432,h2:5433/db")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("several hosts"), "{err}");
        let err = Fake::new().parse("mysql://h/db").unwrap_err().to_string();
        assert!(err.starts_with("not a PostgreSQL URL"), "{err}");
        let err = Fake::new()
            .parse("postgres://h/db?sslmode=allow")
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid sslmode \"allow\""), "{err}");
        let err = Fake::new()
            .var("PGPORT", "abc")
            .parse("postgres://h/db")
            .unwrap_err()
            .to_string();
        assert!(err.contains("invalid port \"abc\""), "{err}");
    }

    #[test]
    fn masked_never_shows_the_password() {
        let t = parse(
            "postgres://bob:hunter2@db.example.com/sales?sslmode=verify-ca&sslrootcert=/etc/ca.pem",
        );
        let m = t.masked();
        assert_eq!(
            m,
            "postgres://bob:***@db.example.com/sales?sslmode=verify-ca&sslrootcert=/etc/ca.pem"
        );
        assert!(!format!("{t:?}").contains("hunter2"));
        assert!(!t.to_string().contains("hunter2"));
        // From the environment too, and with characters that need encoding.
        let t = Fake::new()
            .var("PGPASSWORD", "pw")
            .parse("postgres://b%40x@/le%20dger?host=/run/pg")
            .unwrap();
        assert_eq!(t.masked(), "postgres://b%40x:***@/le%20dger?host=/run/pg");
        // No password: no `:***`.
        assert_eq!(
            parse("postgres://localhost:5433/db").masked(),
            "postgres://ann@localhost:5433/db?sslmode=prefer"
        );
        // The masked URL parses back to the same target (less the password).
        let t = parse("postgres://b%40x@h%C3%A9:6000/l%2Fdg?sslmode=require");
        let back = parse(&t.masked());
        assert_eq!(
            (back.host, back.port, back.user, back.dbname),
            (t.host, t.port, t.user, t.dbname)
        );
    }

    #[test]
    fn sslmode_decisions() {
        // Local hosts: libpq's default, prefer, which may fall back to plain text.
        for url in [
            "postgres://localhost/db",
            "postgres://127.0.0.1/db",
            "postgres://[::1]/db",
            "postgres://LocalHost/db",
        ] {
            let t = parse(url);
            assert_eq!(t.sslmode, SslMode::Prefer, "{url}");
            assert_eq!(t.effective_sslmode(), SslMode::Prefer, "{url}");
        }
        // A socket: no TLS at all.
        let t = parse("postgres:///db?host=/run/pg&sslmode=verify-full");
        assert_eq!(t.effective_sslmode(), SslMode::Disable);
        // Any other host: verify-full unless told otherwise.
        for url in [
            "postgres://db.example.com/db",
            "postgres://10.0.0.5/db",
            "postgres://127.example/db",
            "postgres://127.0.0.2/db",
            "postgres://[::2]/db",
        ] {
            let t = parse(url);
            assert_eq!(t.sslmode, SslMode::VerifyFull, "{url}");
            assert_eq!(t.effective_sslmode(), SslMode::VerifyFull, "{url}");
        }
        let t = Fake::new()
            .var("PGHOST", "db.example.com")
            .parse("postgres:///db")
            .unwrap();
        assert_eq!(t.effective_sslmode(), SslMode::VerifyFull);
        // Told otherwise: by the URL or PGSSLMODE.
        assert_eq!(
            parse("postgres://db.example.com/db?sslmode=disable").effective_sslmode(),
            SslMode::Disable
        );
        let t = Fake::new()
            .var("PGSSLMODE", "require")
            .parse("postgres://db.example.com/db")
            .unwrap();
        assert_eq!(t.effective_sslmode(), SslMode::Require);
        // prefer on a remote host never falls back to plain text.
        assert_eq!(
            parse("postgres://db.example.com/db?sslmode=prefer").effective_sslmode(),
            SslMode::Require
        );
        // require with a named root certificate checks the chain, as in libpq.
        assert_eq!(
            parse("postgres://db.example.com/db?sslmode=require&sslrootcert=/ca.pem")
                .effective_sslmode(),
            SslMode::VerifyCa
        );
    }

    #[test]
    fn root_certificates() {
        assert_eq!(parse("postgres://h/db").root_certs, RootCerts::System);
        assert_eq!(
            parse("postgres://h/db?sslrootcert=system").root_certs,
            RootCerts::System
        );
        let mut f = Fake::new();
        f.existing.push("/home/ann/.postgresql/root.crt".into());
        let t = f.parse("postgres://h/db").unwrap();
        assert_eq!(
            t.root_certs,
            RootCerts::File("/home/ann/.postgresql/root.crt".into())
        );
        // Found in its default place, not named: the masked URL does not add it.
        assert_eq!(t.masked(), "postgres://ann@h/db?sslmode=verify-full");
    }

    #[test]
    fn connect_timeout_as_libpq() {
        assert_eq!(parse("postgres://h/db").connect_timeout, None);
        assert_eq!(
            parse("postgres://h/db?connect_timeout=10").connect_timeout,
            Some(Duration::from_secs(10))
        );
        assert_eq!(
            parse("postgres://h/db?connect_timeout=1").connect_timeout,
            Some(Duration::from_secs(2))
        );
        assert_eq!(
            parse("postgres://h/db?connect_timeout=0").connect_timeout,
            None
        );
    }

    #[test]
    fn passfile_matching() {
        let text = "\
# comment:with:colons:and:pw
other.host:5432:*:ann:wrong
db.example.com:5432:sales:*:salespw
*:6543:*:ann:anyhost
db.example.com:*:*:ann:c\\:olon\\\\back
/run/pg:5432:ledger:ann:socketpw
localhost:5432:ledger:ann:defaultsocketpw
";
        let look = |h, p, d, u| passfile_lookup(text, h, p, d, u);
        assert_eq!(
            look("db.example.com", "5432", "sales", "zed").as_deref(),
            Some("salespw")
        );
        assert_eq!(
            look("anything", "6543", "x", "ann").as_deref(),
            Some("anyhost")
        );
        assert_eq!(
            look("db.example.com", "5433", "x", "ann").as_deref(),
            Some("c:olon\\back")
        );
        assert_eq!(look("db.example.com", "5433", "x", "bob"), None);
        // The first match wins.
        assert_eq!(
            look("db.example.com", "5432", "sales", "ann").as_deref(),
            Some("salespw")
        );
        // `#` lines are comments.
        assert_eq!(look("# comment", "with", "colons", "and"), None);
    }

    #[test]
    fn passfile_escapes_and_odd_lines() {
        // An escaped colon in a field, an escaped star is a literal star, CRLF endings, short
        // lines skipped, text after the password's unescaped colon ignored.
        let text = "short:line\r\nh\\:x:1:d:u:pw1\r\n\\*:1:d:u:literalstar\nh:1:d:u:pw2:ignored\n";
        assert_eq!(
            passfile_lookup(text, "h:x", "1", "d", "u").as_deref(),
            Some("pw1")
        );
        assert_eq!(
            passfile_lookup(text, "*", "1", "d", "u").as_deref(),
            Some("literalstar")
        );
        assert_eq!(passfile_lookup(text, "other", "1", "d", "u"), None);
        assert_eq!(
            passfile_lookup(text, "h", "1", "d", "u").as_deref(),
            Some("pw2")
        );
        // A star inside a field is literal too.
        assert_eq!(passfile_lookup("h*:1:d:u:p\n", "hx", "1", "d", "u"), None);
        assert_eq!(
            passfile_lookup("h*:1:d:u:p\n", "h*", "1", "d", "u").as_deref(),
            Some("p")
        );
        // An empty password is no password.
        assert_eq!(passfile_lookup("h:1:d:u:\n", "h", "1", "d", "u"), None);
    }

    #[test]
    fn passfile_supplies_the_password_last() {
        let f = Fake::new().pgpass(
            "/run/pg:5432:ledger:ann:socketpw\nlocalhost:5432:ledger:ann:defaultpw\ndb.example.com:5432:ledger:ann:tcppw\n",
        );
        let t = f.parse("postgres://db.example.com/ledger").unwrap();
        assert_eq!(t.password(), Some("tcppw"));
        assert_eq!(
            t.password_source,
            Some(PasswordSource::PassFile("/home/ann/.pgpass".into()))
        );
        // A socket folder is matched by its path; the default folder as localhost.
        let t = f.parse("postgres:///ledger?host=/run/pg").unwrap();
        assert_eq!(t.password(), Some("socketpw"));
        let t = f.parse("postgres:///ledger").unwrap();
        assert_eq!(t.password(), Some("defaultpw"));
        // The URL and PGPASSWORD come first.
        let t = f
            .parse("postgres://ann:urlpw@db.example.com/ledger")
            .unwrap();
        assert_eq!(t.password(), Some("urlpw"));
        let f = f.var("PGPASSWORD", "envpw");
        assert_eq!(
            f.parse("postgres://db.example.com/ledger")
                .unwrap()
                .password(),
            Some("envpw")
        );
        // PGPASSFILE moves it.
        let f = Fake::new()
            .pgpass("*:*:*:*:moved\n")
            .var("PGPASSFILE", "/elsewhere");
        assert_eq!(f.parse("postgres://h/db").unwrap().password(), None);
        let mut f = Fake::new().var("PGPASSFILE", "/elsewhere");
        f.passfile = Some(("/elsewhere".into(), "*:*:*:*:moved\n".into()));
        assert_eq!(
            f.parse("postgres://h/db").unwrap().password(),
            Some("moved")
        );
        // A file others may read is not read, and the note says why.
        let mut f = Fake::new().pgpass("*:*:*:*:pw\n");
        f.passfile_refused = true;
        let t = f.parse("postgres://h/db").unwrap();
        assert_eq!(t.password(), None);
        assert_eq!(t.passfile_note.as_deref(), Some("refused"));
    }

    #[test]
    fn passfile_permissions_on_disk() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:pw\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(matches!(read_passfile(&path), PassFile::Text(t) if t == "*:*:*:*:pw\n"));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o640)).unwrap();
        assert!(
            matches!(read_passfile(&path), PassFile::Refused(note) if note.contains("group or world"))
        );
        assert!(matches!(
            read_passfile(&dir.path().join("none")),
            PassFile::Missing
        ));
        assert!(matches!(read_passfile(dir.path()), PassFile::Refused(_)));
    }

    #[test]
    fn a_certificates_names_plainly_in_dutch() {
        let names = |v: &[&str]| names_nl(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            names(&[
                "DnsName(\"localhost\")",
                "IpAddress(127.0.0.1)",
                "IpAddress(0::1)"
            ]),
            "localhost, 127.0.0.1 of 0::1"
        );
        assert_eq!(names(&["DnsName(\"db.example.com\")"]), "db.example.com");
        assert_eq!(names(&["URI(x)", "DnsName(\"a\")"]), "URI(x) of a");
        let e = rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer);
        assert_eq!(
            tls_detail_nl(&e),
            "ongeldig certificaat: uitgegeven door een onbekende uitgever"
        );
        // English keeps rustls's words.
        assert_eq!(tls_detail(&e), e.to_string());
    }

    /// Every refusal of a URL, word for word as it always was in English (the Dutch ones come
    /// from the same catalogue; tests/cli/nl_pg.rs runs them).
    #[test]
    fn the_english_refusals_are_worded_as_before() {
        const FORM: &str =
            "expected postgres://[user[:password]@][host][:port][/database][?param=value&...]";
        type Case = (&'static str, Vec<(&'static str, &'static str)>, String);
        let cases: Vec<Case> = vec![
            (
                "mysql://h/db",
                vec![],
                format!("not a PostgreSQL URL: {FORM}"),
            ),
            (
                "postgres://h/db#x",
                vec![],
                format!("invalid PostgreSQL URL (it has a #fragment): {FORM}"),
            ),
            (
                "postgres://h1,h2/db",
                vec![],
                "several hosts in one URL are not supported: give one host".into(),
            ),
            (
                "postgres:///db",
                vec![("PGHOST", "h1,h2")],
                "several hosts (h1,h2) are not supported: give one host".into(),
            ),
            (
                "postgres://[::1/db",
                vec![],
                format!("invalid PostgreSQL URL (an IPv6 address without its closing ]): {FORM}"),
            ),
            (
                "postgres://[::1]x/db",
                vec![],
                format!("invalid PostgreSQL URL (text after the IPv6 address): {FORM}"),
            ),
            (
                "postgres://h/db?novalue",
                vec![],
                format!("invalid PostgreSQL URL: a query parameter without a value: {FORM}"),
            ),
            (
                "postgres://h/db?colour=blue",
                vec![],
                "unsupported URL parameter \"colour\": relaties understands host, port, user, \
                 password, dbname, sslmode, sslrootcert, connect_timeout and application_name"
                    .into(),
            ),
            (
                "postgres://h:0/db",
                vec![],
                "invalid port \"0\": expected a number from 1 to 65535".into(),
            ),
            (
                "postgres://h/db?sslmode=allow",
                vec![],
                "invalid sslmode \"allow\": expected disable, prefer, require, verify-ca or \
                 verify-full"
                    .into(),
            ),
            (
                "postgres://h/db?connect_timeout=soon",
                vec![],
                "invalid connect_timeout \"soon\": expected a number of seconds".into(),
            ),
            (
                "postgres://h/%FF",
                vec![],
                "the URL's database name is not valid UTF-8 once decoded".into(),
            ),
            (
                "postgres://u:%FF@h/db",
                vec![],
                "the URL's password is not valid UTF-8 once decoded".into(),
            ),
            (
                "postgres://h/db?%FF=1",
                vec![],
                "the URL's parameter name is not valid UTF-8 once decoded".into(),
            ),
        ];
        for (url, vars, want) in cases {
            let mut f = Fake::new();
            for (k, v) in vars {
                f = f.var(k, v);
            }
            let err = format!("{:#}", f.parse(url).unwrap_err());
            assert_eq!(err, want, "{url}");
        }
        // No user name anywhere.
        let var = |_: &str| None;
        let read = |_: &Path| PassFile::Missing;
        let exists = |_: &Path| false;
        let env = Env {
            var: &var,
            home: None,
            os_user: None,
            default_socket: PathBuf::from("/run/postgresql"),
            read_passfile: &read,
            exists: &exists,
        };
        assert_eq!(
            Target::parse_in("postgres://h/db", &env)
                .unwrap_err()
                .to_string(),
            "no user name: give one in the URL (postgres://USER@host/db) or PGUSER"
        );
        // The password file's notes.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:pw\n").unwrap();
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        }
        assert!(matches!(
            read_passfile(&path),
            PassFile::Refused(n) if n == format!(
                "password file {} has group or world access; it was not read (chmod 600 it)",
                path.display()
            )
        ));
        assert!(matches!(
            read_passfile(dir.path()),
            PassFile::Refused(n) if n == format!(
                "password file {} is not a plain file; it was not read",
                dir.path().display()
            )
        ));
    }
}

//! Connecting to a team ledger's server (issue #17, "Using it" and "Proof: TLS"): the library's
//! `connect` against the test server of scripts/pg-server.sh; no ledger schema is needed.

use std::os::unix::fs::PermissionsExt;

use relaties::store::postgres::connect::{SslMode, Target, connect, tls_in_use};

use crate::pg_support::{PgDb, server, target};

fn error_of(t: &Target) -> String {
    match connect(t) {
        Ok(_) => panic!("connecting to {} should have failed", t.masked()),
        Err(e) => format!("{e:#}"),
    }
}

/// An error is one line, names the target with its password masked, and never holds the
/// password itself.
fn check_masked(err: &str, db: &PgDb, password: &str) {
    assert!(!err.contains('\n'), "one line: {err}");
    assert!(!err.contains(password), "the password leaked: {err}");
    let encoded =
        percent_encoding::utf8_percent_encode(password, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    assert!(!err.contains(&encoded), "the password leaked: {err}");
    assert!(
        err.contains(&format!("postgres://{}:***@", db.login)),
        "the masked URL: {err}"
    );
}

fn session(client: &mut postgres::Client) -> (String, String, String) {
    let row = client
        .query_one(
            "SELECT current_user::text, current_database()::text, current_setting('application_name')",
            &[],
        )
        .unwrap();
    (row.get(0), row.get(1), row.get(2))
}

#[test]
fn verify_full_with_the_right_root_certificate_connects() {
    let Some(pg) = server("verify_full_with_the_right_root_certificate_connects") else {
        return;
    };
    let db = pg.fresh_database();
    let ca = pg.ca.display().to_string();
    for host in ["localhost", "127.0.0.1"] {
        let t = target(
            &db.tcp_url(host, &format!("sslmode=verify-full&sslrootcert={ca}")),
            &[],
        )
        .unwrap();
        assert_eq!(t.effective_sslmode(), SslMode::VerifyFull);
        let mut client = connect(&t).unwrap_or_else(|e| panic!("{host}: {e:#}"));
        assert!(tls_in_use(&mut client).unwrap(), "{host}: TLS in use");
        assert_eq!(
            session(&mut client),
            (db.login.clone(), db.name.clone(), "relaties".to_string())
        );
    }
}

#[test]
fn a_wrong_root_certificate_fails_clearly() {
    let Some(pg) = server("a_wrong_root_certificate_fails_clearly") else {
        return;
    };
    let db = pg.fresh_database();
    let other = pg.other_ca.display().to_string();
    for mode in ["verify-full", "verify-ca"] {
        let t = target(
            &db.tcp_url("localhost", &format!("sslmode={mode}&sslrootcert={other}")),
            &[],
        )
        .unwrap();
        let err = error_of(&t);
        assert!(
            err.contains(&format!(
                "the server's certificate does not verify against the root certificate {other} (sslmode {mode})"
            )),
            "{err}"
        );
        check_masked(&err, &db, &db.password);
    }
}

#[test]
fn verify_full_checks_the_name_and_verify_ca_does_not() {
    let Some(pg) = server("verify_full_checks_the_name_and_verify_ca_does_not") else {
        return;
    };
    let db = pg.fresh_database();
    let ca = pg.ca.display().to_string();
    // 127.0.0.2 reaches the same server, but the certificate is not made out to it.
    let t = target(
        &db.tcp_url(
            "127.0.0.2",
            &format!("sslmode=verify-full&sslrootcert={ca}"),
        ),
        &[],
    )
    .unwrap();
    let err = error_of(&t);
    assert!(
        err.contains("the server's certificate is not made out to 127.0.0.2 (sslmode verify-full)"),
        "{err}"
    );
    check_masked(&err, &db, &db.password);
    let t = target(
        &db.tcp_url("127.0.0.2", &format!("sslmode=verify-ca&sslrootcert={ca}")),
        &[],
    )
    .unwrap();
    let mut client = connect(&t).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(tls_in_use(&mut client).unwrap());
}

#[test]
fn a_wrong_password_fails_with_the_password_masked() {
    let Some(pg) = server("a_wrong_password_fails_with_the_password_masked") else {
        return;
    };
    let db = pg.fresh_database();
    let wrong = "not-the:password@all";
    let t = target(
        &db.tcp_url_with(
            "localhost",
            Some(wrong),
            &format!("sslmode=verify-full&sslrootcert={}", pg.ca.display()),
        ),
        &[],
    )
    .unwrap();
    let err = error_of(&t);
    assert!(
        err.contains(&format!(
            "password authentication failed for user \"{}\" (the password came from the URL)",
            db.login
        )),
        "{err}"
    );
    check_masked(&err, &db, wrong);
    // From PGPASSWORD: masked too, and the message says where it came from.
    let t = target(
        &db.tcp_url_with("127.0.0.1", None, "sslmode=require"),
        &[("PGPASSWORD", wrong)],
    )
    .unwrap();
    let err = error_of(&t);
    assert!(err.contains("(the password came from PGPASSWORD)"), "{err}");
    check_masked(&err, &db, wrong);
}

#[test]
fn the_password_file_supplies_the_password() {
    let Some(pg) = server("the_password_file_supplies_the_password") else {
        return;
    };
    let db = pg.fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pgpass");
    let escaped = db.password.replace('\\', "\\\\").replace(':', "\\:");
    std::fs::write(
        &file,
        format!(
            "# the test server\nlocalhost:{port}:other_db:*:wrong\nlocalhost:{port}:{}:{}:{escaped}\n",
            db.name,
            db.login,
            port = pg.port
        ),
    )
    .unwrap();
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o600)).unwrap();
    let url = db.tcp_url_with("localhost", None, "sslmode=require");
    let passfile = file.display().to_string();
    let t = target(&url, &[("PGPASSFILE", &passfile)]).unwrap();
    assert!(t.password().is_some(), "found in the file");
    let mut client = connect(&t).unwrap_or_else(|e| panic!("{e:#}"));
    assert_eq!(session(&mut client).0, db.login);

    // Without the file there is no password to give.
    let t = target(&url, &[]).unwrap();
    let err = error_of(&t);
    assert!(
        err.contains("the server asks for a password and none was given"),
        "{err}"
    );
    // A file others may read is not read (as libpq), and the error says why.
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o644)).unwrap();
    let t = target(&url, &[("PGPASSFILE", &passfile)]).unwrap();
    assert_eq!(t.password(), None);
    let err = error_of(&t);
    assert!(
        err.contains(&format!(
            "password file {passfile} has group or world access; it was not read"
        )),
        "{err}"
    );
    assert!(!err.contains(&db.password), "{err}");
}

#[test]
fn a_remote_looking_host_without_sslmode_gets_verify_full() {
    let Some(pg) = server("a_remote_looking_host_without_sslmode_gets_verify_full") else {
        return;
    };
    let db = pg.fresh_database();
    // 127.0.0.2 is not one of localhost, 127.0.0.1 and ::1: relaties treats it as remote.
    let t = target(&db.tcp_url("127.0.0.2", ""), &[]).unwrap();
    assert_eq!(t.sslmode, SslMode::VerifyFull);
    assert!(
        t.masked().ends_with("?sslmode=verify-full"),
        "{}",
        t.masked()
    );
    // The test CA is in no system store: the connection is refused, not made in plain text.
    let err = error_of(&t);
    assert!(
        err.contains("sslmode=verify-full") || err.contains("sslmode verify-full"),
        "{err}"
    );
    assert!(
        err.contains("does not verify against the system's root certificates")
            || err.contains("no root certificates found on this system"),
        "{err}"
    );
    check_masked(&err, &db, &db.password);
    // With the CA from PGSSLROOTCERT, verify-full still checks the name.
    let ca = pg.ca.display().to_string();
    let t = target(&db.tcp_url("127.0.0.2", ""), &[("PGSSLROOTCERT", &ca)]).unwrap();
    assert!(error_of(&t).contains("not made out to 127.0.0.2"));
    // prefer asked for on a remote host still requires TLS, which this server offers.
    let t = target(&db.tcp_url("127.0.0.2", "sslmode=prefer"), &[]).unwrap();
    assert_eq!(t.effective_sslmode(), SslMode::Require);
    let mut client = connect(&t).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(tls_in_use(&mut client).unwrap());
    // Plain text only when asked for.
    let t = target(&db.tcp_url("127.0.0.2", ""), &[("PGSSLMODE", "disable")]).unwrap();
    let mut client = connect(&t).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(!tls_in_use(&mut client).unwrap());
}

#[test]
fn local_hosts_and_sockets() {
    let Some(pg) = server("local_hosts_and_sockets") else {
        return;
    };
    let db = pg.fresh_database();
    // localhost without sslmode: prefer, and this server offers TLS.
    let t = target(&db.tcp_url("localhost", ""), &[]).unwrap();
    assert_eq!(t.effective_sslmode(), SslMode::Prefer);
    let mut client = connect(&t).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(tls_in_use(&mut client).unwrap());
    // The socket folder: no TLS, no password (trust), the database named in the URL.
    let t = target(&db.url(), &[]).unwrap();
    let mut client = connect(&t).unwrap_or_else(|e| panic!("{e:#}"));
    assert!(!tls_in_use(&mut client).unwrap());
    assert_eq!(session(&mut client).1, db.name);
    // The socket folder from PGHOST, the port from PGPORT.
    let socket = pg.socket.display().to_string();
    let port = pg.port.to_string();
    let t = target(
        &format!("postgres://{}@/{}", db.login, db.name),
        &[("PGHOST", &socket), ("PGPORT", &port)],
    )
    .unwrap();
    connect(&t).unwrap_or_else(|e| panic!("{e:#}"));
}

#[test]
fn the_server_says_what_is_wrong() {
    let Some(pg) = server("the_server_says_what_is_wrong") else {
        return;
    };
    let db = pg.fresh_database();
    let socket = pg.socket.display().to_string();
    // No such database: the server's own words.
    let t = target(
        &format!(
            "postgres://{}@/no_such_db?host={socket}&port={}",
            db.login, pg.port
        ),
        &[],
    )
    .unwrap();
    let err = error_of(&t);
    assert!(
        err.contains("database \"no_such_db\" does not exist"),
        "{err}"
    );
    // Nothing listening: on a port, and in a socket folder.
    let unused = tempfile::tempdir().unwrap();
    let t = target(
        &format!(
            "postgres://{}:pw@/x?host={}&port={}",
            db.login,
            unused.path().display(),
            pg.port
        ),
        &[],
    )
    .unwrap();
    let err = error_of(&t);
    assert!(err.contains("no server is listening on socket"), "{err}");
    assert!(
        err.contains(&format!("postgres://{}:***@/x?host=", db.login)),
        "{err}"
    );
    let closed = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let t = target(
        &format!(
            "postgres://{}:secret@127.0.0.1:{closed}/x?sslmode=disable",
            db.login
        ),
        &[],
    )
    .unwrap();
    let err = error_of(&t);
    assert!(err.contains("connection refused"), "{err}");
    assert!(!err.contains("secret"), "{err}");
}

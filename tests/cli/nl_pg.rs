//! Dutch (#16) on a team ledger (#17): why the server cannot be reached, or holds no ledger, in
//! Dutch with `--lang nl`; the same runs without it still say it in English. The real binary
//! against the test server of scripts/pg-server.sh (the refusals of a URL and an empty socket
//! folder need no server).

use std::os::unix::fs::PermissionsExt;

use crate::pg_support::{PgDb, server};
use crate::support::{Run, assert_failed, relaties};

const LANG_VARS: &[&str] = &["RELATIES_LANG", "LC_ALL", "LC_MESSAGES", "LANG"];

/// `relaties [--lang nl] --db URL client list` with `envs` and no language from the
/// environment.
fn list(url: &str, dutch: bool, envs: &[(&str, &str)]) -> Run {
    let mut args = vec![];
    if dutch {
        args.extend(["--lang", "nl"]);
    }
    args.extend(["--db", url, "client", "list"]);
    let mut c = relaties();
    for var in LANG_VARS {
        c.env_remove(var);
    }
    for (k, v) in envs {
        c.env(k, v);
    }
    let r = Run::from(c.args(&args).output().expect("run relaties"));
    assert_failed(&r, 1, &args);
    assert_eq!(r.stdout, "", "{args:?}");
    r
}

/// The one line after `error: `.
fn said(r: &Run) -> &str {
    r.stderr
        .trim_end()
        .strip_prefix("error: ")
        .unwrap_or_else(|| panic!("error: expected: {}", r.stderr))
}

/// No English sentence left in a Dutch line (the server's and the TLS library's own words
/// aside, which the tests cut off before this).
fn no_english(line: &str) {
    for word in [
        "cannot",
        "connect to",
        "the server",
        "password",
        "certificate",
        "listening",
        "refused",
        "no such",
        "holds no",
        "expected",
        "unsupported",
    ] {
        assert!(!line.contains(word), "English {word:?} in: {line}");
    }
}

fn no_password(r: &Run, db: &PgDb, password: &str) {
    assert!(
        !r.stderr.contains(password),
        "the password leaked: {}",
        r.stderr
    );
    let encoded =
        percent_encoding::utf8_percent_encode(password, percent_encoding::NON_ALPHANUMERIC)
            .to_string();
    assert!(
        !r.stderr.contains(&encoded),
        "the password leaked: {}",
        r.stderr
    );
    assert!(
        r.stderr.contains(&format!("postgres://{}:***@", db.login)),
        "masked: {}",
        r.stderr
    );
}

#[test]
fn nl_pg_a_wrong_password_is_refused_in_dutch_with_the_password_masked() {
    let Some(pg) = server("nl_pg_a_wrong_password_is_refused_in_dutch_with_the_password_masked")
    else {
        return;
    };
    let db = pg.fresh_database();
    let ca = pg.ca.display().to_string();
    let wrong = "verkeerd:@/ wachtwoord";
    let query = format!("sslmode=verify-full&sslrootcert={ca}");
    let url = db.tcp_url_with("localhost", Some(wrong), &query);
    let shown = format!(
        "postgres://{}:***@localhost:{}/{}?sslmode=verify-full&sslrootcert={ca}",
        db.login, pg.port, db.name
    );

    let r = list(&url, true, &[]);
    let line = said(&r);
    let head = format!("kan geen verbinding maken met {shown}: ");
    assert!(line.starts_with(&head), "{line}");
    // The server's own words stay as it sends them; what relaties adds is Dutch.
    assert!(
        line.ends_with(" (het wachtwoord kwam uit de URL)"),
        "{line}"
    );
    no_password(&r, &db, wrong);
    no_english(&head);

    // From PGPASSWORD: the line says so.
    let url = db.tcp_url_with("localhost", None, &query);
    let r = list(&url, true, &[("PGPASSWORD", wrong)]);
    assert!(
        said(&r).ends_with(" (het wachtwoord kwam uit PGPASSWORD)"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(wrong), "{}", r.stderr);

    // English as it was.
    let url = db.tcp_url_with("localhost", Some(wrong), &query);
    let r = list(&url, false, &[]);
    let line = said(&r);
    assert!(
        line.starts_with(&format!("cannot connect to {shown}: ")),
        "{line}"
    );
    assert!(
        line.ends_with(" (the password came from the URL)"),
        "{line}"
    );
}

#[test]
fn nl_pg_no_password_and_a_password_file_others_may_read() {
    let Some(pg) = server("nl_pg_no_password_and_a_password_file_others_may_read") else {
        return;
    };
    let db = pg.fresh_database();
    let dir = tempfile::tempdir().unwrap();
    let passfile = dir.path().join("pgpass");
    std::fs::write(&passfile, "*:*:*:*:nietgelezen\n").unwrap();
    std::fs::set_permissions(&passfile, std::fs::Permissions::from_mode(0o644)).unwrap();
    let url = db.tcp_url_with(
        "localhost",
        None,
        &format!("sslmode=verify-full&sslrootcert={}", pg.ca.display()),
    );
    let envs = [("PGPASSFILE", passfile.to_str().unwrap())];
    let r = list(&url, true, &envs);
    let line = said(&r);
    assert!(
        line.ends_with(&format!(
            ": de server vraagt om een wachtwoord en er is er geen gegeven (in de URL, \
             PGPASSWORD of het wachtwoordbestand); wachtwoordbestand {} is toegankelijk voor de \
             groep of voor iedereen; het is niet gelezen (maak het privé met chmod 600)",
            passfile.display()
        )),
        "{line}"
    );
    assert!(
        line.starts_with("kan geen verbinding maken met postgres://"),
        "{line}"
    );
    no_english(line);
    let r = list(&url, false, &envs);
    assert!(
        said(&r).ends_with(&format!(
            ": the server asks for a password and none was given (in the URL, PGPASSWORD or \
             the password file); password file {} has group or world access; it was not read \
             (chmod 600 it)",
            passfile.display()
        )),
        "{}",
        r.stderr
    );
}

#[test]
fn nl_pg_a_wrong_root_certificate_in_dutch() {
    let Some(pg) = server("nl_pg_a_wrong_root_certificate_in_dutch") else {
        return;
    };
    let db = pg.fresh_database();
    let other = pg.other_ca.display().to_string();
    for mode in ["verify-full", "verify-ca"] {
        let url = db.tcp_url("localhost", &format!("sslmode={mode}&sslrootcert={other}"));
        let r = list(&url, true, &[]);
        let line = said(&r);
        let shown = format!(
            "postgres://{}:***@localhost:{}/{}?sslmode={mode}&sslrootcert={other}",
            db.login, pg.port, db.name
        );
        let want = format!(
            "kan geen verbinding maken met {shown}: het certificaat van de server is niet te \
             controleren met het rootcertificaat {other} (sslmode {mode}): "
        );
        assert_eq!(
            line,
            format!("{want}ongeldig certificaat: uitgegeven door een onbekende uitgever")
        );
        no_english(line);
        no_password(&r, &db, &db.password);
        let r = list(&url, false, &[]);
        assert!(
            said(&r).starts_with(&format!(
                "cannot connect to {shown}: the server's certificate does not verify against \
                 the root certificate {other} (sslmode {mode}): "
            )),
            "{}",
            r.stderr
        );
    }
    // Not made out to the host.
    let ca = pg.ca.display().to_string();
    let url = db.tcp_url(
        "127.0.0.2",
        &format!("sslmode=verify-full&sslrootcert={ca}"),
    );
    let r = list(&url, true, &[]);
    assert!(
        said(&r).ends_with(
            ": het certificaat van de server staat niet op naam van 127.0.0.2 (sslmode \
             verify-full): ongeldig certificaat: het geldt alleen voor localhost, 127.0.0.1 of \
             0::1"
        ),
        "{}",
        r.stderr
    );
    no_english(said(&r));
}

#[test]
fn nl_pg_nothing_listening_in_dutch() {
    // A socket folder with no server in it: no test server needed.
    let dir = tempfile::tempdir().unwrap();
    let url = format!("postgres://anna@/ledger?host={}", dir.path().display());
    let r = list(&url, true, &[]);
    assert_eq!(
        said(&r),
        format!(
            "kan geen verbinding maken met {url}: er luistert geen server op socket {}/.s.PGSQL.5432 \
             (bestand of map bestaat niet (os-fout 2))",
            dir.path().display()
        )
    );
    let r = list(&url, false, &[]);
    assert_eq!(
        said(&r),
        format!(
            "cannot connect to {url}: no server is listening on socket {}/.s.PGSQL.5432 \
             (No such file or directory (os error 2))",
            dir.path().display()
        )
    );
    // A TCP port nobody listens on (free a moment ago).
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap();
    let url = format!("postgres://anna@127.0.0.1:{port}/ledger?sslmode=disable");
    let r = list(&url, true, &[]);
    assert_eq!(
        said(&r),
        format!(
            "kan geen verbinding maken met {url}: verbinding geweigerd: draait de server, en \
             neemt hij TCP-verbindingen aan op die host en poort? (verbinding geweigerd (os-fout \
             111))"
        )
    );
}

#[test]
fn nl_pg_url_refusals_in_dutch() {
    // Refused before any connection: no server needed, and the password never shown.
    let cases = [
        (
            "postgres://u:geheim@h/db?colour=blue",
            "niet-ondersteunde URL-parameter \"colour\": relaties kent host, port, user, \
             password, dbname, sslmode, sslrootcert, connect_timeout en application_name",
            "unsupported URL parameter \"colour\": relaties understands host, port, user, \
             password, dbname, sslmode, sslrootcert, connect_timeout and application_name",
        ),
        (
            "postgres://u:geheim@h:99999/db",
            "ongeldige poort \"99999\": verwacht een getal van 1 tot en met 65535",
            "invalid port \"99999\": expected a number from 1 to 65535",
        ),
        (
            "postgres://u:geheim@h/db?sslmode=allow",
            "ongeldige sslmode \"allow\": verwacht disable, prefer, require, verify-ca of \
             verify-full",
            "invalid sslmode \"allow\": expected disable, prefer, require, verify-ca or \
             verify-full",
        ),
        (
            "postgres://u:geheim@h1,h2/db",
            "meerdere hosts in één URL worden niet ondersteund: geef één host",
            "several hosts in one URL are not supported: give one host",
        ),
        (
            "postgres://u:geheim@h/%FF",
            "de databasenaam in de URL is na het decoderen geen geldige UTF-8",
            "the URL's database name is not valid UTF-8 once decoded",
        ),
        (
            "postgres://u:geheim@h/db?connect_timeout=straks",
            "ongeldige connect_timeout \"straks\": verwacht een aantal seconden",
            "invalid connect_timeout \"straks\": expected a number of seconds",
        ),
    ];
    // The form a URL should have, in the reader's language.
    let nl_form = "verwacht postgres://[gebruiker[:wachtwoord]@][host][:poort][/database]\
                   [?parameter=waarde&...]";
    let en_form = "expected postgres://[user[:password]@][host][:port][/database]\
                   [?param=value&...]";
    let r = list("postgres://u:geheim@h/db#deel", true, &[]);
    assert_eq!(
        said(&r),
        format!("ongeldige PostgreSQL-URL (er staat een #fragment in): {nl_form}")
    );
    let r = list("postgres://u:geheim@h/db#deel", false, &[]);
    assert_eq!(
        said(&r),
        format!("invalid PostgreSQL URL (it has a #fragment): {en_form}")
    );
    let r = list("postgres://u:geheim@[::1/db", true, &[]);
    assert_eq!(
        said(&r),
        format!("ongeldige PostgreSQL-URL (een IPv6-adres zonder afsluitende ]): {nl_form}")
    );
    assert!(!r.stderr.contains("geheim"), "{}", r.stderr);
    for (url, nl, en) in cases {
        let r = list(url, true, &[]);
        assert_eq!(said(&r), nl, "{url}");
        assert!(!r.stderr.contains("geheim"), "{}", r.stderr);
        let r = list(url, false, &[]);
        assert_eq!(said(&r), en, "{url}");
    }
}

#[test]
fn nl_pg_a_database_without_a_ledger_in_dutch() {
    let Some(pg) = server("nl_pg_a_database_without_a_ledger_in_dutch") else {
        return;
    };
    let db = pg.fresh_database();
    let url = db.url();
    // The URL as every message shows it (the socket folder is plain ASCII here).
    let shown = format!(
        "postgres://{}@/{}?host={}&port={}",
        db.login,
        db.name,
        pg.socket.display(),
        pg.port
    );
    let r = list(&url, true, &[]);
    assert_eq!(
        said(&r),
        format!(
            "{shown} bevat nog geen grootboek; de eigenaar maakt er een met `relaties --db URL \
             team init`"
        )
    );
    let r = list(&url, false, &[]);
    assert_eq!(
        said(&r),
        format!(
            "{shown} holds no relaties ledger yet; its owner makes one with `relaties --db URL \
             team init`"
        )
    );
}

#[test]
fn nl_pg_a_closed_connection_in_dutch() {
    use relaties::i18n::Lang;
    use relaties::store::postgres::connect::{connect, driver_words_in};
    let Some(pg) = server("nl_pg_a_closed_connection_in_dutch") else {
        return;
    };
    let db = pg.fresh_database();
    let t = crate::pg_support::target(&db.url(), &[]).unwrap();
    let mut client = connect(&t).unwrap();
    let pid: i32 = client
        .query_one("SELECT pg_backend_pid()", &[])
        .unwrap()
        .get(0);
    pg.admin()
        .query_one("SELECT pg_terminate_backend($1)", &[&pid])
        .unwrap();
    // The first statement after may still read the server's farewell (its own words); then
    // the connection is closed or broken, which the driver alone can tell.
    let mut broken = None;
    for _ in 0..5 {
        match client.batch_execute("SELECT 1") {
            Err(e) if e.as_db_error().is_none() => {
                broken = Some(e);
                break;
            }
            _ => {}
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let e = broken.expect("the connection breaks");
    let dutch = driver_words_in(Lang::Nl, &e);
    if e.is_closed() {
        assert_eq!(dutch, "de server heeft de verbinding gesloten");
        // English keeps the driver's words.
        assert_eq!(e.to_string(), "connection closed");
    } else {
        assert!(
            dutch.starts_with("de verbinding met de server is verbroken ("),
            "{dutch} ({e})"
        );
        assert!(!dutch.contains("error"), "{dutch}");
    }
}

#[test]
fn nl_pg_the_servers_words_without_the_drivers_english() {
    let Some(pg) = server("nl_pg_the_servers_words_without_the_drivers_english") else {
        return;
    };
    let db = pg.fresh_database();
    // Something that is not a ledger where one would be: the server refuses the query.
    let t = crate::pg_support::target(&db.url(), &[]).unwrap();
    relaties::store::postgres::connect::connect(&t)
        .unwrap()
        .batch_execute("CREATE SCHEMA relaties; CREATE TABLE relaties.meta (key text)")
        .unwrap();
    let r = list(&db.url(), true, &[]);
    assert_eq!(
        said(&r),
        "kan de schemaversie van het grootboek niet lezen: column \"value\" does not exist"
    );
    let r = list(&db.url(), false, &[]);
    assert_eq!(
        said(&r),
        "cannot read the ledger's schema version: db error: ERROR: column \"value\" does not exist"
    );
}

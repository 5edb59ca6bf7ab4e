//! What reaching a team ledger's server says, in English and Dutch: a `postgres://` URL that
//! cannot be used, the password file, and why a connection failed (src/store/postgres/connect.rs).
//! The English texts are today's, byte for byte. What the server, the system or the TLS library
//! said comes in `{detail}` as they said it (the system's usual causes are put in Dutch by
//! [`io_cause`]).
//!
//! Every message is built only when something failed: `ok_or_else`, `map_err`, `bail!`.

use super::store::system_cause;
use super::{Lang, lang, t_in};

crate::catalogue! { ConnMsg {
    // ---- the URL and what completes it ----
    InvalidSslmode { en: "invalid sslmode {value}: expected disable, prefer, require, verify-ca or verify-full", nl: "ongeldige sslmode {value}: verwacht disable, prefer, require, verify-ca of verify-full" }
    SeveralHosts { en: "several hosts ({hosts}) are not supported: give one host", nl: "meerdere hosts ({hosts}) worden niet ondersteund: geef één host" }
    SeveralHostsInUrl { en: "several hosts in one URL are not supported: give one host", nl: "meerdere hosts in één URL worden niet ondersteund: geef één host" }
    InvalidPort { en: "invalid port {value}: expected a number from 1 to 65535", nl: "ongeldige poort {value}: verwacht een getal van 1 tot en met 65535" }
    NoUser { en: "no user name: give one in the URL (postgres://USER@host/db) or PGUSER", nl: "geen gebruikersnaam: geef er een in de URL (postgres://GEBRUIKER@host/db) of in PGUSER" }
    InvalidTimeout { en: "invalid connect_timeout {value}: expected a number of seconds", nl: "ongeldige connect_timeout {value}: verwacht een aantal seconden" }
    NotUtf8 { en: "the URL's {part} is not valid UTF-8 once decoded", nl: "{part} in de URL is na het decoderen geen geldige UTF-8" }
    PartUser { en: "user name", nl: "de gebruikersnaam" }
    PartPassword { en: "password", nl: "het wachtwoord" }
    PartHost { en: "host", nl: "de host" }
    PartPort { en: "port", nl: "de poort" }
    PartDatabase { en: "database name", nl: "de databasenaam" }
    PartParamName { en: "parameter name", nl: "de naam van een parameter" }
    PartParamValue { en: "parameter value", nl: "de waarde van een parameter" }
    UrlForm { en: "postgres://[user[:password]@][host][:port][/database][?param=value&...]", nl: "postgres://[gebruiker[:wachtwoord]@][host][:poort][/database][?parameter=waarde&...]" }
    NotAUrl { en: "not a PostgreSQL URL: expected {form}", nl: "geen PostgreSQL-URL: verwacht {form}" }
    Fragment { en: "invalid PostgreSQL URL (it has a #fragment): expected {form}", nl: "ongeldige PostgreSQL-URL (er staat een #fragment in): verwacht {form}" }
    Ipv6Unclosed { en: "invalid PostgreSQL URL (an IPv6 address without its closing ]): expected {form}", nl: "ongeldige PostgreSQL-URL (een IPv6-adres zonder afsluitende ]): verwacht {form}" }
    Ipv6Trailing { en: "invalid PostgreSQL URL (text after the IPv6 address): expected {form}", nl: "ongeldige PostgreSQL-URL (tekst na het IPv6-adres): verwacht {form}" }
    NoValue { en: "invalid PostgreSQL URL: a query parameter without a value: expected {form}", nl: "ongeldige PostgreSQL-URL: een queryparameter zonder waarde: verwacht {form}" }
    UnsupportedParam { en: "unsupported URL parameter {name}: relaties understands host, port, user, password, dbname, sslmode, sslrootcert, connect_timeout and application_name", nl: "niet-ondersteunde URL-parameter {name}: relaties kent host, port, user, password, dbname, sslmode, sslrootcert, connect_timeout en application_name" }

    // ---- the password file ----
    PassfileNotPlain { en: "password file {path} is not a plain file; it was not read", nl: "wachtwoordbestand {path} is geen gewoon bestand; het is niet gelezen" }
    PassfileShared { en: "password file {path} has group or world access; it was not read (chmod 600 it)", nl: "wachtwoordbestand {path} is toegankelijk voor de groep of voor iedereen; het is niet gelezen (maak het privé met chmod 600)" }
    PassfileUnreadable { en: "{path}: {cause}", nl: "wachtwoordbestand {path}: {cause}" }

    // ---- connecting ----
    CannotConnect { en: "cannot connect to {target}", nl: "kan geen verbinding maken met {target}" }
    CannotConnectBecause { en: "cannot connect to {target}: {why}", nl: "kan geen verbinding maken met {target}: {why}" }
    TlsUnknown { en: "cannot tell whether the connection uses TLS", nl: "kan niet nagaan of de verbinding TLS gebruikt" }
    WrongPassword { en: "{detail} (the password came from {from})", nl: "{detail} (het wachtwoord kwam uit {from})" }
    FromUrl { en: "the URL", nl: "de URL" }
    PasswordMissing { en: "the server asks for a password and none was given (in the URL, PGPASSWORD or the password file)", nl: "de server vraagt om een wachtwoord en er is er geen gegeven (in de URL, PGPASSWORD of het wachtwoordbestand)" }
    PasswordMissingNote { en: "the server asks for a password and none was given (in the URL, PGPASSWORD or the password file); {note}", nl: "de server vraagt om een wachtwoord en er is er geen gegeven (in de URL, PGPASSWORD of het wachtwoordbestand); {note}" }
    NoTls { en: "the server does not offer TLS, and sslmode {mode} requires it (sslmode=disable to connect in plain text)", nl: "de server biedt geen TLS aan, en sslmode {mode} vereist dat (sslmode=disable om onversleuteld te verbinden)" }
    NoSocket { en: "no server is listening on socket {path} ({cause})", nl: "er luistert geen server op socket {path} ({cause})" }
    Refused { en: "connection refused: is the server running and accepting TCP connections on that host and port? ({cause})", nl: "verbinding geweigerd: draait de server, en neemt hij TCP-verbindingen aan op die host en poort? ({cause})" }
    TimedOut { en: "timed out ({cause})", nl: "geen antwoord binnen de tijd ({cause})" }

    // ---- a connection that breaks (Dutch only: English keeps the driver's words) ----
    Closed { en: "connection closed", nl: "de server heeft de verbinding gesloten" }
    Broken { en: "error communicating with the server: {cause}", nl: "de verbinding met de server is verbroken ({cause})" }
    Driver { en: "{detail}", nl: "fout van het stuurprogramma voor PostgreSQL: {detail}" }

    // ---- TLS (the certificate's faults: English keeps rustls's own words) ----
    RootFile { en: "the root certificate {path}", nl: "het rootcertificaat {path}" }
    RootSystem { en: "the system's root certificates", nl: "de rootcertificaten van het systeem" }
    NotForHost { en: "the server's certificate is not made out to {host} (sslmode {mode}): {detail}", nl: "het certificaat van de server staat niet op naam van {host} (sslmode {mode}): {detail}" }
    NotVerified { en: "the server's certificate does not verify against {roots} (sslmode {mode}): {detail}", nl: "het certificaat van de server is niet te controleren met {roots} (sslmode {mode}): {detail}" }
    Handshake { en: "TLS handshake failed: {detail}", nl: "TLS-handshake mislukt: {detail}" }
    CertUnknownIssuer { en: "invalid peer certificate: UnknownIssuer", nl: "ongeldig certificaat: uitgegeven door een onbekende uitgever" }
    CertExpired { en: "invalid peer certificate: Expired", nl: "ongeldig certificaat: verlopen" }
    CertNotYetValid { en: "invalid peer certificate: NotValidYet", nl: "ongeldig certificaat: nog niet geldig" }
    CertOtherName { en: "invalid peer certificate: NotValidForName", nl: "ongeldig certificaat: voor een andere naam" }
    CertOnlyFor { en: "invalid peer certificate: certificate is only valid for {names}", nl: "ongeldig certificaat: het geldt alleen voor {names}" }
    CertRevoked { en: "invalid peer certificate: Revoked", nl: "ongeldig certificaat: ingetrokken" }
    CertBadSignature { en: "invalid peer certificate: BadSignature", nl: "ongeldig certificaat: de handtekening klopt niet" }
    CertBadEncoding { en: "invalid peer certificate: BadEncoding", nl: "ongeldig certificaat: onleesbaar" }
    TlsSetup { en: "TLS setup failed", nl: "TLS instellen mislukt" }
    ReadRootFile { en: "cannot read the root certificate file {path}: {detail}", nl: "kan het rootcertificaatbestand {path} niet lezen: {detail}" }
    NoUsableCert { en: "the root certificate file {path} holds no usable certificate", nl: "het rootcertificaatbestand {path} bevat geen bruikbaar certificaat" }
    NoSystemRoots { en: "no root certificates found on this system to check the server's certificate; name one with sslrootcert=FILE (or PGSSLROOTCERT)", nl: "geen rootcertificaten gevonden op dit systeem om het certificaat van de server te controleren; noem er een met sslrootcert=BESTAND (of PGSSLROOTCERT)" }

    // ---- the system's causes of a failed connection (shown in Dutch only; English keeps the system's) ----
    CauseRefused { en: "connection refused", nl: "verbinding geweigerd" }
    CauseTimedOut { en: "timed out", nl: "tijd verstreken" }
    CauseReset { en: "connection reset", nl: "verbinding verbroken" }
    CauseHostUnreachable { en: "host unreachable", nl: "host onbereikbaar" }
    CauseNetworkUnreachable { en: "network unreachable", nl: "netwerk onbereikbaar" }
    CauseUnknownHost { en: "failed to lookup address information: {detail}", nl: "de hostnaam is niet gevonden ({detail})" }
    CauseBrokenPipe { en: "broken pipe", nl: "verbinding verbroken" }
} }

/// What the system said about a connection or a file: as it said it in English; in Dutch in
/// Dutch words, with its error number.
pub fn io_cause(e: &std::io::Error) -> String {
    io_cause_in(lang(), e)
}

/// `io_cause` in a given language.
pub fn io_cause_in(l: Lang, e: &std::io::Error) -> String {
    use std::io::ErrorKind as K;
    if l == Lang::En {
        return e.to_string();
    }
    let msg = match e.kind() {
        K::ConnectionRefused => ConnMsg::CauseRefused,
        K::TimedOut => ConnMsg::CauseTimedOut,
        K::ConnectionReset | K::ConnectionAborted => ConnMsg::CauseReset,
        K::HostUnreachable => ConnMsg::CauseHostUnreachable,
        K::NetworkUnreachable => ConnMsg::CauseNetworkUnreachable,
        K::BrokenPipe => ConnMsg::CauseBrokenPipe,
        // The resolver's failure (getaddrinfo) comes without a kind of its own.
        _ if e.raw_os_error().is_none() => {
            let text = e.to_string();
            return match text.strip_prefix("failed to lookup address information: ") {
                Some(detail) => t_in(l, ConnMsg::CauseUnknownHost, &[("detail", &detail)]),
                // A library's own words (the driver's, the TLS stack's).
                None => t_in(l, ConnMsg::Driver, &[("detail", &text)]),
            };
        }
        _ => return system_cause(l, e),
    };
    let cause = t_in(l, msg, &[]);
    match e.raw_os_error() {
        Some(n) => t_in(
            l,
            super::store::StoreMsg::CauseOsError,
            &[("cause", &cause), ("n", &n)],
        ),
        None => cause,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_connection_message_has_both_languages_with_the_same_variables() {
        crate::i18n::tests::check_catalogue(ConnMsg::ALL);
    }

    #[test]
    fn the_systems_causes_in_dutch_and_as_they_were_in_english() {
        let refused = std::io::Error::from_raw_os_error(111);
        assert_eq!(io_cause_in(Lang::En, &refused), refused.to_string());
        assert_eq!(
            io_cause_in(Lang::Nl, &refused),
            "verbinding geweigerd (os-fout 111)"
        );
        let missing = std::io::Error::from_raw_os_error(2);
        assert_eq!(
            io_cause_in(Lang::Nl, &missing),
            "bestand of map bestaat niet (os-fout 2)"
        );
        // The resolver's failure, as tokio words it.
        let lookup = std::io::Error::other(
            "failed to lookup address information: Name or service not known",
        );
        assert_eq!(io_cause_in(Lang::En, &lookup), lookup.to_string());
        assert_eq!(
            io_cause_in(Lang::Nl, &lookup),
            "de hostnaam is niet gevonden (Name or service not known)"
        );
        // A library's own words: said to be the driver's.
        let odd = std::io::Error::other("bytes remaining on stream");
        assert_eq!(io_cause_in(Lang::En, &odd), "bytes remaining on stream");
        assert_eq!(
            io_cause_in(Lang::Nl, &odd),
            "fout van het stuurprogramma voor PostgreSQL: bytes remaining on stream"
        );
    }
}

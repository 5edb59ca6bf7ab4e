//! What a team ledger on PostgreSQL says, in English and Dutch: `team` confirmations, refusals
//! that name the role needed, the server's side of `client forget`, and `doctor`'s labels.
//! The server's own words (in `{detail}`) come as the server sends them.

crate::catalogue! { TeamMsg {
    NotATeam { en: "{path} is a ledger file of one person; a team ledger lives on a PostgreSQL server: relaties --db postgres://HOST/DATABASE team …", nl: "{path} is het grootboek van één persoon; een gedeeld grootboek staat op een PostgreSQL-server: relaties --db postgres://HOST/DATABASE team …" }
    Made { en: "made a team ledger at {ledger}, with the roles {reader}, {member} and {owner} (you are its owner); give people access with `relaties team grant LOGIN member`", nl: "gedeeld grootboek gemaakt op {ledger}, met de rollen {reader}, {member} en {owner} (u bent de eigenaar); geef anderen toegang met `relaties team grant LOGIN member`" }
    AlreadyThere { en: "{ledger} already holds a relaties ledger; nothing was changed", nl: "{ledger} bevat al een grootboek; er is niets veranderd" }
    CannotMake { en: "cannot make the ledger at {ledger}: {detail} (team init needs a login that owns the database and may create roles: CREATEROLE); nothing was changed", nl: "kan het grootboek op {ledger} niet maken: {detail} (team init vraagt een login die de database bezit en rollen mag maken: CREATEROLE); er is niets veranderd" }
    NoLedgerThere { en: "{ledger} holds no relaties ledger yet; its owner makes one with `relaties --db URL team init`", nl: "{ledger} bevat nog geen grootboek; de eigenaar maakt er een met `relaties --db URL team init`" }
    MayNotRead { en: "this login may not read the ledger at {ledger}; an owner gives access with `relaties team grant LOGIN reader`", nl: "deze login mag het grootboek op {ledger} niet lezen; een eigenaar geeft toegang met `relaties team grant LOGIN reader`" }
    Newer { en: "{ledger} was made by a newer relaties (schema version {v}; this one knows {current}); upgrade relaties", nl: "{ledger} is gemaakt door een nieuwere relaties (schemaversie {v}; deze kent {current}); werk relaties bij" }
    NeedsRole { en: "this needs the {role} role in the team ledger, which this login does not have ({detail}); nothing was changed", nl: "hiervoor is de rol {role} in het gedeelde grootboek nodig, en die heeft deze login niet ({detail}); er is niets veranderd" }
    NeedsRoleHere { en: "this needs the {role} role in the team ledger, which this login does not have; nothing was changed", nl: "hiervoor is de rol {role} in het gedeelde grootboek nodig, en die heeft deze login niet; er is niets veranderd" }
    GrantNeedsOwner { en: "granting and revoking needs the owner role in the team ledger, which {login} does not have; nothing was changed", nl: "rollen geven en afnemen vraagt de rol owner in het gedeelde grootboek, en die heeft {login} niet; er is niets veranderd" }
    NoSuchLogin { en: "the server has no login named {login}; a database administrator makes one with CREATE ROLE {ident} LOGIN", nl: "de server heeft geen login {login}; een databasebeheerder maakt die met CREATE ROLE {ident} LOGIN" }
    LastOwner { en: "{login} is the ledger's last owner; grant owner to someone else first", nl: "{login} is de laatste eigenaar van het grootboek; geef eerst iemand anders de rol owner" }
    NoRole { en: "{login} holds no role in this ledger", nl: "{login} heeft geen rol in dit grootboek" }
    Granted { en: "{login} is now {role} of this ledger", nl: "{login} is nu {role} van dit grootboek" }
    Revoked { en: "{login} no longer has a role in this ledger", nl: "{login} heeft geen rol meer in dit grootboek" }
    Login { en: "login", nl: "login" }
    Role { en: "role", nl: "rol" }
    OthersChangedSince { en: "cannot undo {summary} ({at}): {who} changed the same rows since ({what}, {when}); nothing was changed", nl: "kan {summary} ({at}) niet ongedaan maken: {who} heeft dezelfde rijen daarna gewijzigd ({what}, {when}); er is niets veranderd" }
    Someone { en: "someone", nl: "iemand" }
    RowOfOthers { en: "cannot undo: the {table} row is {who}'s, and only an owner may remove it; nothing was changed", nl: "kan dit niet ongedaan maken: de rij in {table} is van {who}, en alleen een eigenaar mag die verwijderen; er is niets veranderd" }
    SomeoneElse { en: "someone else", nl: "iemand anders" }
    ContactOfOthers { en: "only an owner, or the person who added them, may remove contact person #{id}; nothing was changed", nl: "alleen een eigenaar, of wie contactpersoon #{id} toevoegde, mag die verwijderen; er is niets veranderd" }
    ServerRemains { en: "On the server, old versions of the erased rows stay in its data files until VACUUM FULL, and in its WAL archives and backups until they expire (see docs/TEAM.md).", nl: "Op de server blijven oude versies van de gewiste rijen in de databestanden tot VACUUM FULL, en in WAL-archieven en back-ups tot die verlopen (zie docs/TEAM.md)." }
    Engine { en: "engine", nl: "opslag" }
    Ledger { en: "ledger", nl: "grootboek" }
    ServerVersion { en: "server version", nl: "serverversie" }
    TooOld { en: "{version} (too old: 14 or newer is needed)", nl: "{version} (te oud: 14 of nieuwer is nodig)" }
    SchemaVersion { en: "schema version", nl: "schemaversie" }
    Database { en: "database", nl: "database" }
    Tls { en: "TLS", nl: "TLS" }
    NoTls { en: "no", nl: "nee" }
    Grants { en: "grants", nl: "rechten" }
    GrantsAsMade { en: "as team init made them", nl: "zoals team init ze maakte" }
    GrantsChanged { en: "changed: {list}", nl: "gewijzigd: {list}" }
    Clients { en: "clients", nl: "klanten" }
    Entries { en: "entries", nl: "regels" }
    Contacts { en: "contact persons", nl: "contactpersonen" }
    NoRoleHeld { en: "none", nl: "geen" }
    ReadJournalRow { en: "cannot read a row for the undo journal", nl: "kan een rij voor het logboek van wijzigingen niet lezen" }
    ReadIdentities { en: "cannot read the identities", nl: "kan de identiteiten niet lezen" }
    AskServer { en: "cannot ask the server", nl: "kan het de server niet vragen" }
    ChangeRoles { en: "cannot change the roles", nl: "kan de rollen niet wijzigen" }
    MakeLedger { en: "cannot make the ledger", nl: "kan het grootboek niet maken" }
    ReadRoles { en: "cannot read the roles", nl: "kan de rollen niet lezen" }
    NoSuchRole { en: "no role {role}: use reader, member or owner", nl: "geen rol {role}: gebruik reader, member of owner" }
    WriteBackup { en: "cannot write the backup {path}", nl: "kan de reservekopie {path} niet schrijven" }
    ConnectionBusy { en: "the ledger's connection is busy", nl: "de verbinding met het grootboek is bezet" }
    OpenedForReading { en: "this ledger was opened for reading", nl: "dit grootboek is geopend om te lezen" }
} }

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_both_languages_with_the_same_variables() {
        crate::i18n::tests::check_catalogue(TeamMsg::ALL);
    }
}

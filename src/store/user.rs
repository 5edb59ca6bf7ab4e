//! Who is writing: the name every write records as `recorded_by` on the entries and clients
//! it adds or changes. On SQLite that is the operating-system user, worked out once per
//! process and never an error: a write must not fail over who made it.

use std::sync::OnceLock;

/// The variable that names the writer instead of the operating-system user: for tests and
/// scripts (a shared service account that records for a named person). A value that is not a
/// valid name (empty, a control character, over [`MAX_CHARS`]) is ignored.
pub const OVERRIDE: &str = "RELATIES_USER";

/// The longest name kept, in characters (the same limit as a client's name).
pub const MAX_CHARS: usize = 200;

/// Whether `name` may be stored as who made a change: one line of 1 to [`MAX_CHARS`]
/// characters, not only spaces. A name from an import file is checked the same way.
pub fn valid(name: &str) -> bool {
    !name.trim().is_empty()
        && !name.chars().any(char::is_control)
        && name.chars().count() <= MAX_CHARS
}

/// The writer's name: `RELATIES_USER` when it is set to a valid name, else the session's
/// login name (`LOGNAME`, else `USER`), else the effective user's name in the system's user
/// database, else their numeric user id (a container's user without a passwd entry), as
/// `ls -l` shows it.
pub fn current() -> &'static str {
    static USER: OnceLock<String> = OnceLock::new();
    USER.get_or_init(|| {
        std::env::var(OVERRIDE)
            .ok()
            .filter(|n| valid(n))
            .unwrap_or_else(os_user)
    })
}

#[cfg(unix)]
fn os_user() -> String {
    // The login name the session gives (login, sshd, su and sudo set LOGNAME and USER), as
    // Python's getpass and Mercurial take it: asking the system's user database instead
    // (nsswitch.conf, /etc/passwd, nscd) costs a `log-gift` a tenth of a millisecond. Only
    // where neither is set, the effective user: whose rights the write is made with.
    ["LOGNAME", "USER"]
        .into_iter()
        .find_map(|v| std::env::var(v).ok().filter(|n| valid(n)))
        .unwrap_or_else(effective_user)
}

#[cfg(unix)]
fn effective_user() -> String {
    uzers::get_effective_username()
        .and_then(|n| n.into_string().ok())
        .filter(|n| valid(n))
        .unwrap_or_else(|| uzers::get_effective_uid().to_string())
}

#[cfg(not(unix))]
fn os_user() -> String {
    std::env::var("USERNAME")
        .ok()
        .filter(|n| valid(n))
        .unwrap_or_else(|| "unknown".to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_one_line_and_not_empty() {
        assert!(valid("anna"));
        assert!(valid("Anna de Vries"));
        assert!(valid("1000"));
        assert!(!valid(""));
        assert!(!valid("   "));
        assert!(!valid("anna\n"));
        assert!(!valid("\x1b[31manna"));
        assert!(valid(&"a".repeat(MAX_CHARS)));
        assert!(!valid(&"a".repeat(MAX_CHARS + 1)));
    }

    #[cfg(unix)]
    #[test]
    fn the_operating_system_user_has_a_name_or_a_number() {
        let name = os_user();
        assert!(valid(&name), "{name:?}");
        if let Some(login) = uzers::get_effective_username() {
            assert_eq!(name, login.to_string_lossy());
        } else {
            assert_eq!(name, uzers::get_effective_uid().to_string());
        }
    }
}

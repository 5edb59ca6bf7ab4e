//! The ledger's files on disk: what may be opened as a ledger, the files SQLite keeps beside
//! it (`-wal`, `-shm`), and creating new ones privately. Nothing here changes the mode of a
//! file this program did not create.

use crate::i18n::store::StoreMsg;
use crate::i18n::t;
use std::ffi::OsString;
use std::fs;
use std::io::ErrorKind;
use std::path::{Path, PathBuf};

use crate::store::StoreError;
use anyhow::{Context, Result};

/// What is at the ledger's path.
#[derive(Debug, PartialEq, Eq)]
pub enum Found {
    /// Nothing yet: a writing command may create the ledger there.
    Nothing,
    /// A regular file (through a link, maybe) with something in it.
    Ledger,
    /// A regular file with nothing in it, private to its owner: taken as a new ledger.
    EmptyFile,
}

/// Checks what is at `path` before anything opens it: a regular file (a link to one is
/// followed) or nothing. A folder, a device, a FIFO (opening one would hang), a socket, a
/// dangling link, or an empty file that others may read is refused with what to do.
pub fn inspect(path: &Path) -> Result<Found> {
    let link = match fs::symlink_metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound => return Ok(Found::Nothing),
        Err(e) => {
            return Err(e).with_context(|| {
                StoreError::said(StoreMsg::ReadLedgerAt, &[("path", &path.display())])
            });
        }
    };
    let meta = match fs::metadata(path) {
        Ok(m) => m,
        Err(e) if e.kind() == ErrorKind::NotFound && link.file_type().is_symlink() => {
            let target = fs::read_link(path)
                .map(|t| t.display().to_string())
                .unwrap_or_else(|_| "?".into());
            return Err(StoreError::said(
                StoreMsg::LedgerDanglingLink,
                &[("path", &path.display()), ("target", &target)],
            )
            .into());
        }
        Err(e) => {
            return Err(e).with_context(|| {
                StoreError::said(StoreMsg::ReadLedgerAt, &[("path", &path.display())])
            });
        }
    };
    if let Some(kind) = not_regular(&meta) {
        return Err(StoreError::said(
            StoreMsg::LedgerNotRegular,
            &[
                ("path", &path.display()),
                ("kind", &crate::i18n::commands::file_kind(kind)),
            ],
        )
        .into());
    }
    if meta.len() > 0 {
        return Ok(Found::Ledger);
    }
    if let Some(m) = mode(&meta).filter(|m| m & 0o077 != 0) {
        return Err(StoreError::said(
            StoreMsg::LedgerEmptyShared,
            &[("path", &path.display()), ("mode", &format!("{m:o}"))],
        )
        .into());
    }
    Ok(Found::EmptyFile)
}

/// "a folder", "a FIFO"…: what a non-regular file is, in words; None for a regular file.
pub fn not_regular(meta: &fs::Metadata) -> Option<&'static str> {
    let t = meta.file_type();
    if t.is_file() {
        return None;
    }
    if t.is_dir() {
        return Some("a folder");
    }
    if t.is_symlink() {
        return Some("a symbolic link");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if t.is_char_device() {
            return Some("a character device");
        }
        if t.is_block_device() {
            return Some("a block device");
        }
        if t.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if t.is_socket() {
            return Some("a socket");
        }
    }
    Some("not a regular file")
}

/// The permission bits (Unix), or None elsewhere.
pub fn mode(meta: &fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        Some(meta.permissions().mode() & 0o7777)
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The owner's user id (Unix), or None elsewhere.
pub fn owner(meta: &fs::Metadata) -> Option<u32> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        Some(meta.uid())
    }
    #[cfg(not(unix))]
    {
        let _ = meta;
        None
    }
}

/// The path of one of the files SQLite keeps beside the ledger (`-wal`, `-shm`).
pub fn sidecar(path: &Path, suffix: &str) -> PathBuf {
    let mut p: OsString = path.as_os_str().to_owned();
    p.push(suffix);
    PathBuf::from(p)
}

/// The ledger's `-wal` and `-shm` files hold its latest changes: before writing, each that
/// exists must be a regular file (not a link) owned by the ledger's owner, open to nobody
/// the ledger itself is not open to. In a shared folder another user could otherwise plant one and read every change.
pub fn check_sidecars(path: &Path) -> Result<()> {
    let ledger = fs::metadata(path).ok();
    let ledger_owner = ledger.as_ref().and_then(owner);
    // SQLite gives these files the ledger's own mode: only access beyond the ledger's is
    // suspect (`doctor` flags a ledger that others may read).
    let ledger_open = ledger.as_ref().and_then(mode).unwrap_or(0) & 0o066;
    for suffix in ["-wal", "-shm"] {
        let file = sidecar(path, suffix);
        let meta = match fs::symlink_metadata(&file) {
            Ok(m) => m,
            Err(e) if e.kind() == ErrorKind::NotFound => continue,
            Err(e) => {
                return Err(e).with_context(|| {
                    StoreError::said(StoreMsg::CheckFile, &[("path", &file.display())])
                });
            }
        };
        let refuse = |why: String, fix: &str| {
            anyhow::Error::from(StoreError::said(
                StoreMsg::RefuseSidecar,
                &[("path", &file.display()), ("why", &why), ("fix", &fix)],
            ))
        };
        if let Some(kind) = not_regular(&meta) {
            return Err(refuse(
                t(
                    StoreMsg::SidecarIs,
                    &[("kind", &crate::i18n::commands::file_kind(kind))],
                ),
                &t(StoreMsg::FixRemove, &[]),
            ));
        }
        if let (Some(o), Some(l)) = (owner(&meta), ledger_owner)
            && o != l
        {
            return Err(refuse(
                t(StoreMsg::SidecarOwner, &[("owner", &o), ("ledger", &l)]),
                &t(StoreMsg::FixRemove, &[]),
            ));
        }
        if let Some(m) = mode(&meta).filter(|m| m & 0o066 & !ledger_open != 0) {
            return Err(refuse(
                t(StoreMsg::SidecarOpen, &[("mode", &format!("{m:o}"))]),
                &t(StoreMsg::FixChmod, &[("path", &file.display())]),
            ));
        }
    }
    Ok(())
}

/// The folder a ledger file lives in ("." for a bare file name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Creates `folder` (mode 0700) when it does not exist. An existing folder is left as it is.
pub fn create_private_folder(folder: &Path) -> Result<()> {
    if folder.exists() {
        return Ok(());
    }
    let mut b = fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        b.mode(0o700);
    }
    b.create(folder).with_context(|| {
        StoreError::said(StoreMsg::CreateFolder, &[("path", &folder.display())])
    })?;
    #[cfg(unix)]
    {
        // The mode given to mkdir is masked by the umask; set it outright on what we made.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(folder, fs::Permissions::from_mode(0o700)).with_context(|| {
            StoreError::said(StoreMsg::ProtectFolder, &[("path", &folder.display())])
        })?;
    }
    Ok(())
}

/// Creates `path` as a new empty file readable by its owner only. Fails when something is
/// there already: the mode of a file someone else made is never changed.
pub fn create_private_file(path: &Path) -> Result<()> {
    create_private_folder(folder_of(path))?;
    let mut o = fs::OpenOptions::new();
    o.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        o.mode(0o600);
    }
    o.open(path)
        .with_context(|| StoreError::said(StoreMsg::CreateLedger, &[("path", &path.display())]))?;
    #[cfg(unix)]
    {
        // The umask may have taken bits away, never added them; this file is ours.
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o600)).with_context(|| {
            StoreError::said(StoreMsg::ProtectLedger, &[("path", &path.display())])
        })?;
    }
    Ok(())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn what_is_at_the_path() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("l.db");
        assert_eq!(inspect(&p)?, Found::Nothing);
        fs::write(&p, "")?;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600))?;
        assert_eq!(inspect(&p)?, Found::EmptyFile);
        fs::set_permissions(&p, fs::Permissions::from_mode(0o644))?;
        let e = format!("{:#}", inspect(&p).expect_err("world-readable"));
        assert!(e.contains("chmod 600") && e.contains("mode 644"), "{e}");
        // Refused, and its mode left alone.
        assert_eq!(fs::metadata(&p)?.permissions().mode() & 0o777, 0o644);
        fs::write(&p, "x")?;
        assert_eq!(inspect(&p)?, Found::Ledger);
        let e = format!("{:#}", inspect(dir.path()).expect_err("folder"));
        assert!(e.contains("is a folder"), "{e}");
        let e = format!("{:#}", inspect(Path::new("/dev/null")).expect_err("device"));
        assert!(e.contains("character device"), "{e}");
        let link = dir.path().join("link.db");
        std::os::unix::fs::symlink(dir.path().join("gone.db"), &link)?;
        let e = format!("{:#}", inspect(&link).expect_err("dangling"));
        assert!(e.contains("gone.db") && e.contains("does not exist"), "{e}");
        assert!(!dir.path().join("gone.db").exists());
        let good = dir.path().join("good.db");
        std::os::unix::fs::symlink(&p, &good)?;
        assert_eq!(inspect(&good)?, Found::Ledger);
        Ok(())
    }

    #[test]
    fn sidecars_must_be_private_regular_files() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let p = dir.path().join("l.db");
        fs::write(&p, "x")?;
        fs::set_permissions(&p, fs::Permissions::from_mode(0o600))?;
        check_sidecars(&p)?;
        let wal = sidecar(&p, "-wal");
        fs::write(&wal, "")?;
        fs::set_permissions(&wal, fs::Permissions::from_mode(0o644))?;
        let e = format!("{:#}", check_sidecars(&p).expect_err("readable wal"));
        assert!(e.contains("l.db-wal") && e.contains("mode 644"), "{e}");
        fs::set_permissions(&wal, fs::Permissions::from_mode(0o600))?;
        check_sidecars(&p)?;
        fs::remove_file(&wal)?;
        std::os::unix::fs::symlink("/tmp/elsewhere", sidecar(&p, "-shm"))?;
        let e = format!("{:#}", check_sidecars(&p).expect_err("link"));
        assert!(e.contains("l.db-shm") && e.contains("symbolic link"), "{e}");
        Ok(())
    }
}

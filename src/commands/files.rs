//! Files that `export -o` and `backup` write. They never write over the ledger itself or its
//! `-wal`/`-shm`/`-journal` files (compared by device and inode, so through any link too, and
//! by name for those that do not exist at the moment), never replace a folder, FIFO, socket
//! or device, and replace an existing file only with `--force`. A file is written whole: a
//! temporary file beside it (readable by the owner only), renamed over it at the end.

use std::fs::{self, FileType};
use std::io::{BufWriter, Write};
use std::os::unix::fs::{FileTypeExt, MetadataExt};
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};

/// The files SQLite keeps beside a ledger, by suffix, with what they are.
const COMPANIONS: [(&str, &str); 4] = [
    ("", "the ledger itself"),
    ("-wal", "the ledger's write-ahead log"),
    ("-shm", "the ledger's shared-memory index"),
    ("-journal", "the ledger's rollback journal"),
];

/// What a file that is not a regular file is, in words; `None` for a regular file.
fn special(t: FileType) -> Option<&'static str> {
    if t.is_dir() {
        Some("a folder")
    } else if t.is_fifo() {
        Some("a FIFO (named pipe)")
    } else if t.is_socket() {
        Some("a socket")
    } else if t.is_block_device() || t.is_char_device() {
        Some("a device")
    } else if !t.is_file() {
        Some("not a regular file")
    } else {
        None
    }
}

/// `path` with its folder resolved (links and `..`), the last component kept as it is;
/// `None` when the folder does not exist.
fn resolved_name(path: &Path) -> Option<PathBuf> {
    let name = path.file_name()?;
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    Some(fs::canonicalize(folder).ok()?.join(name))
}

/// Which of the ledger's own files (see [`COMPANIONS`]) a file is: by identity (device and
/// inode) when it exists, by resolved name always (the ledger as given and as resolved
/// through links: SQLite keeps its -wal beside the real file).
fn ledger_file(
    id: Option<(u64, u64)>,
    name: Option<&PathBuf>,
    ledger: Option<&Path>,
) -> Option<&'static str> {
    // A team ledger on a server has no file here to overwrite.
    let ledger = ledger?;
    let mut bases: Vec<PathBuf> = Vec::new();
    bases.extend(resolved_name(ledger));
    bases.extend(fs::canonicalize(ledger).ok());
    for base in &bases {
        for (suffix, what) in COMPANIONS {
            let mut companion = base.clone().into_os_string();
            companion.push(suffix);
            let companion = PathBuf::from(companion);
            let same_file = id.is_some()
                && fs::metadata(&companion).is_ok_and(|m| Some((m.dev(), m.ino())) == id);
            if same_file || name == Some(&companion) {
                return Some(what);
            }
        }
    }
    None
}

/// Refuses `target` as the destination of a file written beside the ledger at `ledger`.
pub fn check_target(target: &Path, ledger: Option<&Path>, force: bool) -> Result<()> {
    let shown = target.display();
    let id = fs::metadata(target).ok().map(|m| (m.dev(), m.ino()));
    if let Some(what) = ledger_file(id, resolved_name(target).as_ref(), ledger) {
        bail!(
            "{}",
            crate::i18n::t(
                crate::i18n::commands::CmdMsg::TargetIsLedger,
                &[
                    ("path", &shown),
                    ("what", &crate::i18n::commands::ledger_file(what))
                ]
            )
        );
    }
    match fs::symlink_metadata(target) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e).with_context(|| {
            crate::i18n::t(
                crate::i18n::commands::CmdMsg::CheckPath,
                &[("path", &shown)],
            )
        }),
        Ok(link) => {
            // A link counts as what it points to; a dangling one as a file.
            let meta = fs::metadata(target).unwrap_or(link);
            if let Some(what) = special(meta.file_type()) {
                bail!(
                    "{}",
                    crate::i18n::t(
                        crate::i18n::commands::CmdMsg::TargetIsSpecial,
                        &[
                            ("path", &shown),
                            ("kind", &crate::i18n::commands::file_kind(what))
                        ]
                    )
                );
            }
            if !force {
                bail!(
                    "{}",
                    crate::i18n::t(
                        crate::i18n::commands::CmdMsg::TargetExists,
                        &[("path", &shown)]
                    )
                );
            }
            Ok(())
        }
    }
}

/// Refuses to print an export when standard output is one of the ledger's own files
/// (`relaties export >> ledger.db`).
pub fn check_stdout(ledger: Option<&Path>) -> Result<()> {
    use std::os::fd::AsFd;
    let Ok(fd) = std::io::stdout().as_fd().try_clone_to_owned() else {
        return Ok(());
    };
    let Ok(meta) = fs::File::from(fd).metadata() else {
        return Ok(());
    };
    if meta.is_file()
        && let Some(what) = ledger_file(Some((meta.dev(), meta.ino())), None, ledger)
    {
        bail!(
            "{}",
            crate::i18n::t(
                crate::i18n::commands::CmdMsg::StdoutIsLedger,
                &[("what", &crate::i18n::commands::ledger_file(what))]
            )
        );
    }
    Ok(())
}

/// The folder `path` is in ("." for a bare name).
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// Counts what goes through.
struct Counting<W> {
    inner: W,
    bytes: u64,
}

impl<W: Write> Write for Counting<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.bytes += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.inner.flush()
    }
}

/// Writes `path` whole with `fill` (buffered): a temporary file beside it, readable by the
/// owner only (exports hold client data), synced and renamed over it. Returns the bytes
/// written. Check the target with [`check_target`] first.
pub fn write_whole(path: &Path, fill: impl FnOnce(&mut dyn Write) -> Result<()>) -> Result<u64> {
    let dir = folder_of(path);
    let tmp = tempfile::Builder::new()
        .prefix(".relaties-export-")
        .tempfile_in(dir)
        .with_context(|| {
            crate::i18n::t(
                crate::i18n::commands::CmdMsg::WriteIn,
                &[("path", &dir.display())],
            )
        })?;
    let mut w = Counting {
        inner: BufWriter::with_capacity(1 << 16, tmp.as_file()),
        bytes: 0,
    };
    fill(&mut w).with_context(|| {
        crate::i18n::t(
            crate::i18n::commands::CmdMsg::WriteFile,
            &[("path", &path.display())],
        )
    })?;
    w.flush()
        .and_then(|_| tmp.as_file().sync_all())
        .with_context(|| {
            crate::i18n::t(
                crate::i18n::commands::CmdMsg::WriteFile,
                &[("path", &path.display())],
            )
        })?;
    let bytes = w.bytes;
    drop(w);
    tmp.persist(path).with_context(|| {
        crate::i18n::t(
            crate::i18n::commands::CmdMsg::WriteFile,
            &[("path", &path.display())],
        )
    })?;
    Ok(bytes)
}

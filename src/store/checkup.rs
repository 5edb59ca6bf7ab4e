//! What `doctor` is told about a ledger by the engine that holds it: plain facts, worded and
//! judged by the command. A SQLite file reports its structure, its counts and the files on
//! disk (the ledger, the companions SQLite keeps beside it, the folder, leftovers of killed
//! imports); a server reports (key, value) lines.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Health, Leftover, Store, files};

/// A ledger's checkup.
pub enum Checkup {
    File(Box<FileCheckup>),
    Server(Vec<(String, String)>),
}

/// A SQLite ledger file, checked.
pub struct FileCheckup {
    pub path: PathBuf,
    pub health: Health,
    /// Entries whose stored facts no longer match what they say.
    pub stale_facts: Vec<i64>,
    /// Whether the write-ahead log was copied into the file completely (no reader held it).
    pub checkpoint_complete: bool,
    pub file: FileFacts,
    /// The folder the ledger is in.
    pub folder: PathBuf,
    pub folder_mode: Option<u32>,
    /// The bytes waiting in the write-ahead log before the checkup copied them.
    pub log_bytes: u64,
    /// The companions SQLite keeps beside the ledger (`-wal`, `-shm`).
    pub companions: Vec<Companion>,
    pub leftovers: Vec<Leftover>,
}

/// Size, owner and mode of the ledger file.
pub struct FileFacts {
    pub bytes: u64,
    pub owner: Option<u32>,
    pub mode: Option<u32>,
}

/// One companion file: its suffix (`-wal`), its path, and what is there (not following a
/// link), if anything.
pub struct Companion {
    pub suffix: &'static str,
    pub path: PathBuf,
    pub found: Option<CompanionFacts>,
}

pub struct CompanionFacts {
    pub owner: Option<u32>,
    pub mode: Option<u32>,
    /// What it is when it is not a regular file (a link, a folder, …).
    pub not_regular: Option<&'static str>,
}

fn mode(path: &Path) -> Option<u32> {
    std::fs::metadata(path).ok().as_ref().and_then(files::mode)
}

fn size(path: &Path) -> u64 {
    std::fs::metadata(path).map(|m| m.len()).unwrap_or(0)
}

impl Store {
    /// Checks the ledger and the files around it. Also copies into the main file what a
    /// reader held up earlier (after `client forget`, say), without waiting for readers.
    pub fn file_checkup(&self) -> Result<FileCheckup> {
        let path = self.path.clone();
        let log_bytes = size(&files::sidecar(&path, "-wal"));
        let checkpoint_complete = self.checkpoint_passive()?;
        let health = self.health()?;
        let stale_facts = self.stale_facts()?;
        let folder = files::folder_of(&path).to_path_buf();
        let companions = ["-wal", "-shm"]
            .into_iter()
            .map(|suffix| {
                let at = files::sidecar(&path, suffix);
                let found = std::fs::symlink_metadata(&at).ok().map(|m| CompanionFacts {
                    owner: files::owner(&m),
                    mode: files::mode(&m),
                    not_regular: files::not_regular(&m),
                });
                Companion {
                    suffix,
                    path: at,
                    found,
                }
            })
            .collect();
        Ok(FileCheckup {
            file: FileFacts {
                bytes: size(&path),
                owner: std::fs::metadata(&path)
                    .ok()
                    .as_ref()
                    .and_then(files::owner),
                mode: mode(&path),
            },
            folder_mode: mode(&folder),
            leftovers: super::leftovers(&path),
            path,
            health,
            stale_facts,
            checkpoint_complete,
            folder,
            log_bytes,
            companions,
        })
    }
}

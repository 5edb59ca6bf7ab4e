//! Integration tests: the real `relaties` binary on a temporary ledger.

mod support;

mod clients;
mod completion;
mod config;
mod correct;
mod crash;
mod data;
mod errors;
mod files;
mod help;
mod hostile;
mod ledger;
mod lists;
mod privacy;
mod read;
mod record;
mod report;
mod score;
mod tty;
mod typing;

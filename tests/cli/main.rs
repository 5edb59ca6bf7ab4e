//! Integration tests: the real `relaties` binary on a temporary ledger.

mod pg_support;
mod support;

mod clients;
mod completion;
mod config;
mod contacts;
mod correct;
mod crash;
mod data;
mod errors;
mod files;
mod help;
mod hostile;
mod identity;
mod ledger;
mod lists;
mod nl_commands;
mod nl_help;
mod nl_screens;
mod occasions;
mod outputs;
mod pg_connect;
mod pg_import;
mod privacy;
mod read;
mod record;
mod recorded_by;
mod report;
mod score;
mod screens;
mod tour;
mod tty;
mod typing;

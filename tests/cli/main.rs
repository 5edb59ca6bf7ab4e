//! Integration tests: the real `relaties` binary on a temporary ledger.

mod support;

mod clients;
mod config;
mod correct;
mod data;
mod errors;
mod ledger;
mod read;
mod record;
mod report;
mod score;

//! Team ledgers on PostgreSQL.

pub mod connect;

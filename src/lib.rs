//! relaties as a library: the binary (`src/main.rs`) is a thin shell over `commands::run`.
//! The modules are public so that fuzz targets and benchmarks can reach the pure parts
//! (parsers, scoring, report building) directly.

pub mod cli;
pub mod commands;
pub mod config;
pub mod demo;
pub mod export;
pub mod formats;
pub mod i18n;
pub mod model;
pub mod occasions;
pub mod parse;
pub mod render;
pub mod report;
pub mod score;
pub mod store;
pub mod words;

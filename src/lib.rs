//! backup-tui: a terminal replica of the AWS Backup console (library half; `main.rs` wires it up).
#![forbid(unsafe_code)]

pub mod action;
pub mod app;
pub mod audit;
pub mod backend;
pub mod cli;
pub mod clipboard;
pub mod config;
pub mod domain;
pub mod effect;
pub mod keymap;
pub mod listing;
pub mod logging;
pub mod palette;
pub mod remote;
pub mod runtime;
pub mod theme;
pub mod tracker;
pub mod ui;
pub mod wizard;

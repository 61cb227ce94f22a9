//! Reusable drawing pieces: tables, field lists, the chrome and overlays.

pub mod chrome;
pub mod fields;
pub mod form;
pub mod messages;
pub mod overlay;
pub mod table;

//! Reusable drawing pieces: tables, field lists, the confirmation dialog, the chrome and
//! overlays.

pub mod chrome;
pub mod dialog;
pub mod fields;
pub mod form;
pub mod messages;
pub mod overlay;
pub mod table;

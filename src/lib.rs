//! Spotlight interviews a company's power users in a chat, keeps their answers verbatim,
//! turns them into short success stories in their own voice, asks them to approve, and
//! posts approved stories on a schedule.
//!
//! Reading order: `domain` (the pure core), `store` (SQLite), `app` (the engine that
//! ties them together), then the adapters: `console`. `config` holds the settings.

pub mod app;
pub mod chart;
pub mod config;
pub mod console;
pub mod delivery;
pub mod destinations;
pub mod domain;
pub mod publish_files;
pub mod slack;
pub mod store;
pub mod usage_import;

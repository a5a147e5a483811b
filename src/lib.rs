//! Spotlight interviews a company's power users in a chat, keeps their answers verbatim,
//! turns them into short success stories in their own voice, asks them to approve, and
//! posts approved stories on a schedule.
//!
//! Reading order: `domain` (the pure core), `config` (the settings), `store` (SQLite,
//! and the part replicas share on Postgres), `delivery` (the port through which every
//! message and story leaves), `app` (the engine that ties them together), then the
//! adapters behind the port and around the engine: `destinations` (Chatter, email, and
//! the router of every destination), `slack`, `console`; and the tools beside them:
//! `usage_import`, `chart`, `publish_files`.

// The pure core and what the engine stands on.
pub mod domain;

pub mod config;

// Secrets kept at rest (the OAuth install's tokens).
pub mod sealed;

pub mod store;

// The port, then the engine, which depends on it.
pub mod delivery;

pub mod app;

// The adapters: `destinations` depends on the port alone; `slack` and `console`
// deliver through it too, and drive the engine.
pub mod destinations;

pub mod slack;

pub mod console;

// Tools around the engine: imports, charts, documents.
pub mod usage_import;

pub mod chart;

pub mod publish_files;

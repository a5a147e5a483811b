//! Every workspace one `spotlight serve` serves, and the request's way to its own.
//!
//! The workspace whose data the database itself holds (the one of `SLACK_BOT_TOKEN`, or
//! the first installed) is served from start, as it always was. In OAuth mode every
//! other installed workspace has its data in a partition of its own beside the database
//! (`store::workspace`) and its own `Shared`: its store, its bot token (`Tokens` of its
//! installation), its admins (Spotlight's, its workspace admins, and whoever installed
//! it), its prompts (`prompts/<ID>/` where that folder has an interview.toml) and its
//! own engine (dispatcher, sender, scheduler; on Postgres its own lead). The front
//! hands each request to the workspace its `team_id` names (`serving`), opening a
//! workspace installed meanwhile, by this replica or another. An uninstall that erases
//! stops that workspace's engine and drops its partition.
//!
//! On Postgres, where other replicas install, renew and uninstall too, `upkeep` reads
//! the installations every few seconds: a workspace installed elsewhere is opened, one
//! erased elsewhere closed, and tokens renewed or replaced elsewhere read again.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::sync::{mpsc, watch};

use super::{install::Install, metrics::Metrics, unpoisoned, Shared, SlackHyperClient, Tokens};
use crate::config::Settings;
use crate::store::{workspace, InstallationRow, Store};

/// How often a replica on Postgres reads the installations again.
const UPKEEP_EVERY: Duration = Duration::from_secs(3);

/// What opening a workspace needs, the same for every workspace.
pub(super) struct Kit {
    pub settings: Settings,
    pub client: Arc<SlackHyperClient>,
    /// The front thread's runtime, where each store's writer runs.
    pub front: tokio::runtime::Handle,
    /// The main runtime, where the engines run.
    pub workers: tokio::runtime::Handle,
    pub install: Option<Arc<Install>>,
    pub metrics: Arc<Metrics>,
    pub metrics_token: Option<crate::config::Secret>,
    /// The database's own store: the installations, and the first workspace's data.
    pub registry: Store,
    /// Told when a workspace's engine lost its lead (this replica then stops).
    pub lost: mpsc::UnboundedSender<()>,
    /// Told the workspace whose data an uninstall erases (`tokens_gone`).
    pub gone: mpsc::UnboundedSender<String>,
}

/// A workspace's engine, running until told to stop.
pub(super) struct Engine {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<Option<String>>,
}

/// Opens the store at `url` from the front thread: its writer thread is started from
/// there (and so shares its priority), and its hot writer runs on the front runtime, so
/// recording a request never waits for a busy worker.
pub(super) async fn open_store(
    front: &tokio::runtime::Handle,
    url: String,
) -> anyhow::Result<Store> {
    front
        .spawn(async move { Store::open(&url).await })
        .await
        .context("the front thread stopped")?
}

impl Kit {
    /// Serves a workspace: its `Shared` and its engine, started.
    pub fn serve(
        &self,
        store: Store,
        tokens: Tokens,
        settings: &Settings,
        team: Option<String>,
    ) -> (Arc<Shared>, Engine) {
        let (retry, retries) = mpsc::unbounded_channel();
        let shared = Arc::new(Shared::new(super::Parts {
            store,
            settings,
            transport: super::SlackTransport::with_tokens(self.client.clone(), tokens),
            install: self.install.clone(),
            metrics: self.metrics.clone(),
            registry: self.registry.clone(),
            team,
            gone: self.gone.clone(),
            retry,
            workers: self.workers.clone(),
        }));
        let (stop, stop_rx) = watch::channel(false);
        let task = self.workers.spawn(super::run_engine(
            shared.clone(),
            stop_rx,
            retries,
            self.lost.clone(),
        ));
        (shared, Engine { stop, task })
    }

    /// Opens workspace `row`'s partition and serves it.
    async fn serve_apart(&self, row: &InstallationRow) -> anyhow::Result<(Arc<Shared>, Engine)> {
        let team = row.team_id.as_str();
        let install = self
            .install
            .as_ref()
            .context("workspaces are installed through OAuth")?;
        let mut settings = self.settings.clone();
        settings.prompts = self
            .settings
            .prompts
            .for_workspace(team)
            .with_context(|| format!("the prompts of workspace {team}"))?;
        if let Some(by) = &row.installed_by {
            if !settings.admins.contains(by) {
                settings.admins.push(by.clone());
            }
        }
        settings.database_url = workspace::workspace_url(&self.settings.database_url, team)?;
        let tokens = Tokens::installed_for(
            self.registry.clone(),
            &install.settings,
            install.slack.clone(),
            Some(team.to_string()),
        )
        .await?;
        let store = open_store(&self.front, settings.database_url.clone())
            .await
            .with_context(|| format!("failed to open workspace {team}'s data"))?;
        tracing::info!(team, name = %row.team_name, "serving a workspace whose data is kept apart");
        Ok(self.serve(store, tokens, &settings, Some(team.to_string())))
    }
}

/// Whose a workspace's requests are.
pub(crate) enum Opened {
    /// Its own engine's: its data is kept apart.
    Apart(Arc<Shared>),
    /// The main workspace's: its data is the database's own.
    Main,
    /// Nobody's: it has no installation.
    NotInstalled,
}

/// Every workspace served.
pub(crate) struct Workspaces {
    pub(super) kit: Kit,
    /// The workspace whose data the database itself holds.
    main: Arc<Shared>,
    /// The others, by team.
    apart: std::sync::RwLock<HashMap<String, Arc<Shared>>>,
    /// Every workspace's engine, by team ("" for the main one).
    engines: std::sync::Mutex<HashMap<String, Engine>>,
    /// One workspace opened or closed at a time.
    opening: tokio::sync::Mutex<()>,
    /// The generation of each installation's tokens as last read, by team (Postgres).
    seen: std::sync::Mutex<HashMap<String, i64>>,
}

impl Workspaces {
    pub fn new(kit: Kit, main: (Arc<Shared>, Engine)) -> Workspaces {
        Workspaces {
            kit,
            main: main.0,
            apart: Default::default(),
            engines: std::sync::Mutex::new(HashMap::from([(String::new(), main.1)])),
            opening: Default::default(),
            seen: Default::default(),
        }
    }

    /// The workspace whose data the database itself holds.
    pub fn main(&self) -> &Arc<Shared> {
        &self.main
    }

    /// Every workspace served, the main one first.
    pub fn all(&self) -> Vec<Arc<Shared>> {
        let apart = self.apart.read().unwrap_or_else(|e| e.into_inner());
        let mut all = vec![self.main.clone()];
        let mut teams: Vec<&String> = apart.keys().collect();
        teams.sort();
        all.extend(teams.into_iter().map(|t| apart[t].clone()));
        all
    }

    fn apart(&self, team: &str) -> Option<Arc<Shared>> {
        self.apart
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .get(team)
            .cloned()
    }

    /// The workspace a request from `team` is for: one kept apart, opened now if it was
    /// installed meanwhile (here or by another replica); else the main one. None, in
    /// OAuth mode, for a workspace with no installation (erased meanwhile): nobody's.
    pub async fn serving(&self, team: Option<&str>) -> anyhow::Result<Option<Arc<Shared>>> {
        let Some(team) = team.filter(|t| !t.is_empty()) else {
            return Ok(Some(self.main.clone()));
        };
        if let Some(shared) = self.apart(team) {
            return Ok(Some(shared));
        }
        if self.kit.install.is_none() || self.main.slack().tokens().team().as_deref() == Some(team)
        {
            return Ok(Some(self.main.clone()));
        }
        Ok(match self.open(team).await? {
            Opened::Apart(shared) => Some(shared),
            Opened::Main => Some(self.main.clone()),
            Opened::NotInstalled => None,
        })
    }

    /// Opens every workspace installed with its data apart (at start).
    pub async fn open_installed(&self) -> anyhow::Result<()> {
        if self.kit.install.is_none() {
            return Ok(());
        }
        for row in self.kit.registry.installations().await? {
            self.note_seen(&row);
            if row.data_apart {
                self.open(&row.team_id).await?;
            }
        }
        Ok(())
    }

    /// Serves workspace `team` if its data is kept apart (opening it if it is not open
    /// yet); else says whose it is.
    pub async fn open(&self, team: &str) -> anyhow::Result<Opened> {
        let _one = self.opening.lock().await;
        if let Some(shared) = self.apart(team) {
            return Ok(Opened::Apart(shared));
        }
        let Some(row) = self.kit.registry.installation_of(team).await? else {
            return Ok(Opened::NotInstalled);
        };
        if !row.data_apart {
            return Ok(Opened::Main);
        }
        let (shared, engine) = self.kit.serve_apart(&row).await?;
        self.note_seen(&row);
        unpoisoned(&self.engines).insert(team.to_string(), engine);
        self.apart
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(team.to_string(), shared.clone());
        Ok(Opened::Apart(shared))
    }

    fn note_seen(&self, row: &InstallationRow) {
        unpoisoned(&self.seen).insert(row.team_id.clone(), row.generation);
    }

    /// Stops serving workspace `team` (kept apart): its engine finishes the request in
    /// hand and stops, its store closes. With `erase`, its partition is dropped and its
    /// installation forgotten.
    pub async fn close(&self, team: &str, erase: bool) -> anyhow::Result<()> {
        let _one = self.opening.lock().await;
        let shared = self
            .apart
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .remove(team);
        let engine = unpoisoned(&self.engines).remove(team);
        if let Some(engine) = engine {
            let _ = engine.stop.send(true);
            let _ = engine.task.await;
        }
        if let Some(shared) = shared {
            shared.app.store().close().await;
        }
        unpoisoned(&self.seen).remove(team);
        if erase {
            let row = self.kit.registry.installation_of(team).await?;
            workspace::drop_partition(&self.kit.registry, &self.kit.settings.database_url, team)
                .await?;
            if let Some(row) = row.filter(|r| r.data_apart) {
                self.kit
                    .registry
                    .forget_installation(&row.enterprise_id, team)
                    .await?;
            }
        }
        Ok(())
    }

    /// Erases the workspaces uninstalls name (`gone`) and, on Postgres, follows what
    /// other replicas change, until `stop`.
    pub async fn upkeep(
        self: Arc<Self>,
        mut gone: mpsc::UnboundedReceiver<String>,
        mut stop: watch::Receiver<bool>,
    ) {
        let shared_database = self.kit.registry.replica().is_some() && self.kit.install.is_some();
        let mut every = tokio::time::interval(UPKEEP_EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            tokio::select! {
                team = gone.recv() => {
                    let Some(team) = team else { return };
                    match self.close(&team, true).await {
                        Ok(()) => tracing::warn!(
                            team,
                            "erased the workspace's data (SPOTLIGHT_ERASE_ON_UNINSTALL): its partition is dropped"
                        ),
                        Err(e) => tracing::error!(
                            team,
                            error = format!("{e:#}"),
                            "failed to erase an uninstalled workspace's data"
                        ),
                    }
                }
                _ = every.tick(), if shared_database => {
                    if let Err(e) = self.follow_the_registry().await {
                        tracing::warn!(error = format!("{e:#}"), "failed to read the installations");
                    }
                }
                _ = stop.changed() => return,
            }
        }
    }

    /// Catches up with the installations as other replicas left them: workspaces
    /// installed are opened, those erased closed, and changed tokens read again.
    async fn follow_the_registry(&self) -> anyhow::Result<()> {
        let rows = self.kit.registry.installations().await?;
        for row in &rows {
            let before = unpoisoned(&self.seen).get(&row.team_id).copied();
            if row.data_apart && self.apart(&row.team_id).is_none() {
                if row.bot_token.is_some() {
                    self.open(&row.team_id).await?;
                }
                continue;
            }
            if before != Some(row.generation) {
                let shared = if row.data_apart {
                    self.apart(&row.team_id)
                } else {
                    Some(self.main.clone())
                };
                if let Some(shared) = shared {
                    let tokens = shared.slack().tokens();
                    tokens.reload().await?;
                    if tokens.is_ready() {
                        shared.wake_scheduler.notify_one();
                    }
                }
                self.note_seen(row);
            }
        }
        // The main workspace's data erased elsewhere: its installation is gone too.
        if let Some(team) = self.main.slack().tokens().team() {
            if !rows.iter().any(|r| !r.data_apart && r.team_id == team) {
                self.main.slack().tokens().reload().await?;
            }
        }
        let open: Vec<String> = self
            .apart
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect();
        for team in open {
            if !rows.iter().any(|r| r.team_id == team && r.data_apart) {
                tracing::warn!(team, "the workspace's data was erased by another replica");
                self.close(&team, false).await?;
            }
        }
        Ok(())
    }

    /// Stops every workspace's engine (each finishes the request in hand) and closes
    /// every store. Returns why a lead was lost, if one was.
    pub async fn stop_all(&self) -> Option<String> {
        let engines: Vec<Engine> = unpoisoned(&self.engines)
            .drain()
            .map(|(_, engine)| engine)
            .collect();
        for engine in &engines {
            let _ = engine.stop.send(true);
        }
        let mut lost = None;
        for engine in engines {
            if let Ok(Some(why)) = engine.task.await {
                lost.get_or_insert(why);
            }
        }
        let apart: Vec<Arc<Shared>> = self
            .apart
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .drain()
            .map(|(_, shared)| shared)
            .collect();
        for shared in apart {
            shared.app.store().close().await;
        }
        self.main.app.store().close().await;
        lost
    }
}

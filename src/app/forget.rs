//! Forgetting a person: `/spotlight forget @person` (admins) or `forget me` shows what
//! goes and asks to confirm; the confirmation removes it all in one transaction and
//! queues the deletion of the published posts (`Store::forget`); the scheduler deletes
//! them through the port (`Publish::retract`) outside the engine's lock, tries again with
//! growing waits, and tells the admins (and the person, if they asked) what became of
//! them.

use super::*;
use crate::domain::command::Whom;
use crate::domain::forget::{self, Failure, Retracted, Who, FORGET_ACTION};
use crate::store::RetractionRow;

/// How long a failed deletion waits before the next try, by the tries made so far; after
/// the last, it is given up (and the admins told to delete the post by hand).
const RETRY_WAITS: [i64; 5] = [5, 30, 120, 600, 1800];

impl<T: Port> App<T> {
    /// Whether `user` may forget `person`; else why not, in `lang`.
    fn forgettable(&self, lang: &str, user: &UserId, person: &UserId) -> Result<(), Refused> {
        if person == user || self.is_admin(user) {
            Ok(())
        } else {
            Err(refuse(self.text(lang, "forget-admins-only", &[])))
        }
    }

    /// `/spotlight forget`: what would be removed, and the button that confirms it.
    pub(super) async fn forget_preview(
        &self,
        user: &UserId,
        whom: &Whom,
    ) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let t = |id: &str, args: &[(&str, Arg)]| self.text(lang, id, args);
        let person = match whom {
            Whom::Me => user.clone(),
            Whom::Person(p) => p.clone(),
        };
        let mention = person.mention();
        let who = match whom {
            Whom::Me => Who::You,
            Whom::Person(_) => Who::Person(&mention),
        };
        if let Err(e) = self.forgettable(lang, user, &person) {
            return Ok(Err(e));
        }
        let footprint = self.store.footprint(&person).await?;
        if footprint.is_empty() {
            return Ok(Err(refuse(match who {
                Who::You => t("forget-nothing-of-you", &[]),
                Who::Person(p) => t("forget-nothing", &[("who", Arg::from(p))]),
            })));
        }
        if let Some(post) = footprint.in_flight() {
            return Ok(Err(refuse(t(
                "forget-not-yet",
                &[("place", Arg::from(&post.label))],
            ))));
        }
        self.reply_with(
            user,
            footprint.preview(&self.prompts.texts, lang, who),
            vec![
                Button::new(t("forget-button", &[]), FORGET_ACTION, person.as_str()),
                Button::new(
                    t("forget-button-keep", &[]),
                    "forget_cancel",
                    person.as_str(),
                ),
            ],
        )
        .await?;
        Ok(Ok(()))
    }

    /// The confirmation: everything removed in one transaction, the deletions queued.
    /// The reply never names the person (it is kept in the outbox like any message).
    pub(super) async fn forget_confirmed(
        &self,
        user: &UserId,
        value: &str,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Outcome> {
        let lang = self.language_of(user).await?;
        let Ok(person) = UserId::parse(value) else {
            return Ok(Err(refuse(self.text(lang, "forget-no-one", &[]))));
        };
        if let Err(e) = self.forgettable(lang, user, &person) {
            return Ok(Err(e));
        }
        let by_themselves = &person == user;
        // The admins hear how the deletions went, and whoever asked.
        let mut notify = self.admins();
        if !notify.contains(user) {
            notify.push(user.clone());
        }
        let footprint = match self.store.forget(&person, &notify, now).await? {
            Err(post) => {
                return Ok(Err(refuse(self.text(
                    lang,
                    "forget-nothing-removed",
                    &[("place", Arg::from(&post.label))],
                ))))
            }
            Ok(f) if f.is_empty() => {
                return Ok(Err(refuse(self.text(lang, "forget-nothing-any-more", &[]))))
            }
            Ok(f) => f,
        };
        tracing::info!(
            stories = footprint.stories.len(),
            revisions = footprint.revisions,
            usage_figures = footprint.usage_figures,
            by_themselves,
            "a person was forgotten"
        );
        self.reply(user, footprint.result(&self.prompts.texts, lang))
            .await?;
        // The admins' App Home lists the pipeline: shown anew, without her stories.
        for admin in self.admins() {
            crate::delivery::refresh_home(&admin);
        }
        if by_themselves {
            for admin in self.admins().iter().filter(|a| *a != user) {
                let lang = self.language_of(admin).await?;
                let text = format!(
                    "{}\n{}",
                    self.text(lang, "forget-someone-asked", &[]),
                    footprint.result(&self.prompts.texts, lang)
                );
                self.dm(admin, text, vec![]).await?;
            }
        }
        Ok(Ok(()))
    }

    /// Deletes, records and reports every deletion due at `now` in one go (the console,
    /// which has no scheduler running beside it).
    pub async fn retract_due(&self, now: DateTime<Utc>) -> anyhow::Result<()> {
        let claimed = self.claim_retractions(now).await?;
        if claimed.is_empty() {
            return Ok(());
        }
        let sent = self.send_claimed(claimed).await;
        self.record_sent(sent, now).await
    }

    /// The deletions due at `now`, claimed for `send_claimed`.
    pub(super) async fn claim_retractions(
        &self,
        now: DateTime<Utc>,
    ) -> anyhow::Result<Vec<Claimed>> {
        Ok(self
            .store
            .claim_retractions(now)
            .await?
            .into_iter()
            .map(Claimed::retraction)
            .collect())
    }

    /// Deletes one post through the port: reads nothing, so it needs no engine lock.
    pub(super) async fn send_retraction(&self, r: &RetractionRow) -> anyhow::Result<String> {
        self.transport
            .retract(&r.reference(), &r.message_ref)
            .await
            .map(|()| String::new())
    }

    /// Records what became of one deletion: done; failed this time (tried again later,
    /// the admins told); or given up. Once its forgetting's deletions are all settled,
    /// whoever is to hear gets the report.
    pub(super) async fn record_retraction(
        &self,
        r: &RetractionRow,
        result: anyhow::Result<String>,
        now: DateTime<Utc>,
    ) -> anyhow::Result<()> {
        let reference = r.reference();
        match result {
            Ok(_) => {
                self.store
                    .record_retraction(r.id, "done", None, now)
                    .await?
            }
            Err(e) => {
                tracing::warn!(
                    error = format!("{e:#}"),
                    retraction = r.id,
                    "deleting a post failed"
                );
                let (retry, why) = match e.downcast_ref::<SendError>() {
                    Some(SendError::Rejected { code, fixable }) => {
                        let fix = self.transport.fix_for(&reference, code, &e.to_string());
                        let why = Failure::Refused {
                            code: code.clone(),
                            fix: fix.filter(|_| *fixable),
                            error: e.to_string(),
                        };
                        (*fixable, why)
                    }
                    Some(SendError::Uncertain(why)) => {
                        (true, Failure::Unclear { why: why.clone() })
                    }
                    None => (true, Failure::Other { why: e.to_string() }),
                };
                let wait = usize::try_from(r.attempts - 1)
                    .ok()
                    .and_then(|i| RETRY_WAITS.get(i))
                    .filter(|_| retry)
                    .map(|s| Duration::seconds(*s));
                // The report, once the batch is settled, says to delete it by hand.
                let status = if wait.is_some() { "pending" } else { "failed" };
                let next = now + wait.unwrap_or_default();
                self.store
                    .record_retraction(r.id, status, Some(&why.stored()), next)
                    .await?;
                if let Some(wait) = wait {
                    for person in r.notify() {
                        let lang = self.language_of(&person).await?;
                        let text = forget::retraction_failed(
                            &self.prompts.texts,
                            lang,
                            reference.kind,
                            &r.label,
                            &why,
                            wait,
                        );
                        self.dm(&person, text, vec![]).await?;
                    }
                }
            }
        }
        if let Some(rows) = self.store.take_settled_batch(&r.batch).await? {
            let done: Vec<Retracted> = rows
                .iter()
                .map(|row| Retracted {
                    kind: row.reference().kind,
                    label: row.label.clone(),
                    failure: (row.status != "done")
                        .then(|| Failure::read(row.error.as_deref().unwrap_or_default())),
                })
                .collect();
            for person in rows[0].notify() {
                let lang = self.language_of(&person).await?;
                let text = forget::retractions_report(
                    &self.prompts.texts,
                    lang,
                    &done,
                    rows[0].created_at,
                );
                self.dm(&person, text, vec![]).await?;
            }
        }
        Ok(())
    }
}

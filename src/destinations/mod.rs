//! Destinations beyond Slack: a Salesforce Chatter group's feed and an email list, and
//! `Router`, every destination as set up behind the one delivery port. Each is an edge
//! adapter like `slack`: it implements `delivery::Publish`, is handed one `Delivery`
//! (one story for one destination, from the outbox) and gives back the proof of posting
//! (a feed element id, a Message-ID), or an error with a `delivery::SendError` in its
//! chain that says whether the story certainly did not arrive (`Rejected`) or may have
//! (`Uncertain`, settled later with `find`). Nothing here depends on the engine.

pub mod chatter;
pub mod email;

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, Utc};

pub use crate::delivery::Delivery;
use crate::delivery::{Outgoing, Publish, SendError, Transport};
use crate::domain::destination::{DestinationKind, DestinationRef, Fix};
use crate::domain::picture::Attached;
use crate::domain::texts::Texts;

/// The destinations beyond Slack that are set up (from the environment).
#[derive(Clone, Default)]
pub struct Publishers {
    pub chatter: Option<chatter::ChatterClient>,
    pub email: Option<email::EmailSender>,
}

impl std::fmt::Debug for Publishers {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Publishers")
            .field("chatter", &self.chatter.is_some())
            .field("email", &self.email.is_some())
            .finish()
    }
}

impl Publishers {
    /// Reads the settings of every destination beyond Slack; one that is half set up
    /// stops start-up with a message naming the setting.
    pub fn from_env() -> anyhow::Result<Publishers> {
        let get = |k: &str| std::env::var(k).ok();
        Ok(Publishers {
            chatter: chatter::ChatterSettings::from_env(get)?
                .map(chatter::ChatterClient::new)
                .transpose()?,
            email: email::EmailSettings::from_env(get)?
                .map(email::EmailSender::new)
                .transpose()?,
        })
    }

    /// Whether destinations of `kind` can be used, and if not, what to set up.
    pub fn missing_setup(&self, kind: DestinationKind) -> Option<Fix> {
        let set_up = match kind {
            DestinationKind::SlackChannel => true,
            DestinationKind::Chatter => self.chatter.is_some(),
            DestinationKind::Email => self.email.is_some(),
        };
        (!set_up).then_some(Fix::NotSetUp(kind))
    }

    /// A refusal of a story for a kind of destination that is not set up: an admin can
    /// fix it, and the message says how.
    fn not_set_up(&self, kind: DestinationKind) -> anyhow::Error {
        anyhow::Error::new(SendError::Rejected {
            code: "not_configured".into(),
            fixable: true,
        })
        .context(Fix::NotSetUp(kind))
    }
}

/// Every destination as set up, behind the one port: Slack channels (and messages to
/// people) through the chat adapter `S` (Slack or the console), Chatter groups and email
/// lists through their clients, refused with what to set up when they have none. The
/// only place that picks an adapter by the destination's kind.
///
/// What an admin can do about a refusal (`fix_for`, `check`'s errors) is said in the
/// language of the person whose request is being handled (`delivery::reader_language`),
/// else in the workspace's: each adapter names its fixes as a `Fix` (in its error's
/// chain, or by the refusal's code), which the router remembers per destination until
/// the engine asks what to do about it.
#[derive(Debug)]
pub struct Router<S> {
    chat: S,
    others: Publishers,
    texts: Arc<Texts>,
    /// The last refusal of each destination that came with a `Fix`.
    refusals: Mutex<HashMap<DestinationRef, Fix>>,
}

impl<S> Router<S> {
    pub fn new(chat: S, others: Publishers, texts: Arc<Texts>) -> Router<S> {
        let others = Publishers {
            email: others.email.map(|e| e.with_texts(texts.clone())),
            ..others
        };
        Router {
            chat,
            others,
            texts,
            refusals: Mutex::default(),
        }
    }

    /// A fix in the words of the person being answered (else the workspace's).
    fn say(&self, fix: &Fix) -> String {
        let lang = crate::delivery::reader_language();
        let lang = lang.as_deref().unwrap_or(self.texts.default_language());
        fix.text(&self.texts, lang)
    }

    /// Keeps the fix a destination's refusal came with (or forgets the last one, for a
    /// refusal without), for `fix_for`.
    fn remember<T>(&self, to: &DestinationRef, result: anyhow::Result<T>) -> anyhow::Result<T> {
        if let Err(e) = &result {
            let mut refusals = self.refusals.lock().unwrap_or_else(|e| e.into_inner());
            match e.downcast_ref::<Fix>() {
                Some(fix) => refusals.insert(to.clone(), fix.clone()),
                None => refusals.remove(to),
            };
        }
        result
    }

    /// The chat adapter (what Slack needs beyond the port: its client, its DMs).
    pub fn chat(&self) -> &S {
        &self.chat
    }
}

impl<S: Transport> Transport for Router<S> {
    async fn send(&self, msg: Outgoing) -> anyhow::Result<String> {
        self.chat.send(msg).await
    }

    async fn read_file(&self, file_id: &str) -> anyhow::Result<Option<Vec<u8>>> {
        self.chat.read_file(file_id).await
    }
}

impl<S: Transport> Router<S> {
    /// The story with its pictures' bytes, read through the chat adapter (Slack's files,
    /// with the bot token), for a destination that carries pictures itself; a picture
    /// that cannot be read is left out.
    async fn with_bytes(&self, story: &Delivery) -> anyhow::Result<Delivery> {
        let mut story = story.clone();
        story.attached.clear();
        for p in &story.pictures {
            if let Some(bytes) = self.chat.read_file(&p.file_id).await? {
                story.attached.push(Attached {
                    alt: p.alt.clone(),
                    mimetype: p.mimetype.clone(),
                    bytes,
                });
            }
        }
        Ok(story)
    }
}

impl<S: Publish + Transport> Router<S> {
    /// Hands the story to its kind's adapter.
    async fn publish_any(&self, story: &Delivery) -> anyhow::Result<String> {
        match (story.kind, &self.others.chatter, &self.others.email) {
            (DestinationKind::SlackChannel, _, _) => self.chat.publish(story).await,
            (DestinationKind::Chatter, Some(c), _) => {
                Publish::publish(c, &self.with_bytes(story).await?).await
            }
            (DestinationKind::Email, _, Some(e)) => {
                Publish::publish(e, &self.with_bytes(story).await?).await
            }
            (kind, _, _) => Err(self.others.not_set_up(kind)),
        }
    }

    /// Asks the story's kind's adapter for a post in doubt.
    async fn find_any(
        &self,
        story: &Delivery,
        since: DateTime<Utc>,
    ) -> anyhow::Result<Option<String>> {
        match (story.kind, &self.others.chatter, &self.others.email) {
            (DestinationKind::SlackChannel, _, _) => self.chat.find(story, since).await,
            (DestinationKind::Chatter, Some(c), _) => Publish::find(c, story, since).await,
            (DestinationKind::Email, _, Some(e)) => Publish::find(e, story, since).await,
            (kind, _, _) => Err(self.others.not_set_up(kind)),
        }
    }
}

impl<S: Publish + Transport> Publish for Router<S> {
    /// A refusal that says what to fix is said in the asker's words.
    async fn check(&self, to: &DestinationRef) -> anyhow::Result<Option<String>> {
        let checked = match (to.kind, &self.others.chatter, &self.others.email) {
            (DestinationKind::SlackChannel, _, _) => self.chat.check(to).await,
            (DestinationKind::Chatter, Some(c), _) => Publish::check(c, to).await,
            (DestinationKind::Email, _, Some(e)) => Publish::check(e, to).await,
            (kind, _, _) => Err(anyhow::Error::msg(Fix::NotSetUp(kind))),
        };
        checked.map_err(|e| match e.downcast_ref::<Fix>() {
            Some(fix) => anyhow::anyhow!(self.say(fix)),
            None => e,
        })
    }

    async fn publish(&self, story: &Delivery) -> anyhow::Result<String> {
        let to = story.destination();
        let published = self.publish_any(story).await;
        self.remember(&to, published)
    }

    async fn find(&self, story: &Delivery, since: DateTime<Utc>) -> anyhow::Result<Option<String>> {
        let to = story.destination();
        let found = self.find_any(story, since).await;
        self.remember(&to, found)
    }

    /// The fix the refusal came with, else the one its kind knows by its code, else (for
    /// Chatter and email, whose clients write their refusals for admins) the refusal's
    /// own words.
    fn fix_for(&self, to: &DestinationRef, code: &str, explanation: &str) -> Option<String> {
        let remembered = self
            .refusals
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(to);
        let fix =
            remembered.or_else(
                || match (to.kind, &self.others.chatter, &self.others.email) {
                    (DestinationKind::SlackChannel, _, _) => self.chat.fix(to, code),
                    (DestinationKind::Chatter, Some(c), _) => Publish::fix(c, to, code),
                    (DestinationKind::Email, _, Some(e)) => Publish::fix(e, to, code),
                    (kind, _, _) => self.others.missing_setup(kind),
                },
            );
        match (fix, to.kind) {
            (Some(fix), _) => Some(self.say(&fix)),
            (None, DestinationKind::SlackChannel) => self.chat.fix_for(to, code, explanation),
            (None, _) => Some(explanation.to_string()),
        }
    }

    async fn retract(&self, to: &DestinationRef, message_ref: &str) -> anyhow::Result<()> {
        let retracted = match (to.kind, &self.others.chatter, &self.others.email) {
            (DestinationKind::SlackChannel, _, _) => self.chat.retract(to, message_ref).await,
            (DestinationKind::Chatter, Some(c), _) => Publish::retract(c, to, message_ref).await,
            (DestinationKind::Email, _, Some(e)) => Publish::retract(e, to, message_ref).await,
            (DestinationKind::Email, _, None) => Err(crate::delivery::not_recallable(to)),
            (kind, _, _) => Err(self.others.not_set_up(kind)),
        };
        self.remember(to, retracted)
    }

    async fn reach(&self, to: &DestinationRef) -> anyhow::Result<Option<u64>> {
        match (to.kind, &self.others.chatter, &self.others.email) {
            (DestinationKind::SlackChannel, _, _) => self.chat.reach(to).await,
            (DestinationKind::Chatter, Some(c), _) => Publish::reach(c, to).await,
            (DestinationKind::Email, _, Some(e)) => Publish::reach(e, to).await,
            (_, _, _) => Ok(None),
        }
    }

    async fn engagement(
        &self,
        to: &DestinationRef,
        message_ref: &str,
    ) -> anyhow::Result<Option<Vec<(String, String, String)>>> {
        match (to.kind, &self.others.chatter, &self.others.email) {
            (DestinationKind::SlackChannel, _, _) => self.chat.engagement(to, message_ref).await,
            (DestinationKind::Chatter, Some(c), _) => Publish::engagement(c, to, message_ref).await,
            (DestinationKind::Email, _, Some(e)) => Publish::engagement(e, to, message_ref).await,
            (_, _, _) => Ok(None),
        }
    }

    async fn permalink(
        &self,
        to: &DestinationRef,
        message_ref: &str,
    ) -> anyhow::Result<Option<String>> {
        match (to.kind, &self.others.chatter, &self.others.email) {
            (DestinationKind::SlackChannel, _, _) => self.chat.permalink(to, message_ref).await,
            (DestinationKind::Chatter, Some(c), _) => Publish::permalink(c, to, message_ref).await,
            (DestinationKind::Email, _, Some(e)) => Publish::permalink(e, to, message_ref).await,
            (_, _, _) => Ok(None),
        }
    }
}

/// Settings read from these pairs instead of the process's environment (the
/// `from_env` tests of each destination).
#[cfg(test)]
pub(crate) fn test_env(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
    let map: std::collections::HashMap<String, String> = pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    move |k| map.get(k).cloned()
}

#[cfg(test)]
mod tests {
    use std::sync::Mutex;

    use super::*;
    use crate::domain::publication::Names;

    /// A chat adapter that records the channel stories it is handed.
    #[derive(Default)]
    struct Channels {
        posted: Mutex<Vec<(String, i64)>>,
    }

    /// Its own messages to people are not what these tests look at.
    impl Transport for Channels {
        async fn send(&self, _msg: Outgoing) -> anyhow::Result<String> {
            Ok(String::new())
        }
    }

    impl Publish for Channels {
        async fn check(&self, to: &DestinationRef) -> anyhow::Result<Option<String>> {
            Ok(Some(format!("name of {}", to.target)))
        }

        async fn publish(&self, story: &Delivery) -> anyhow::Result<String> {
            let channel = story.channel()?;
            self.posted
                .lock()
                .unwrap()
                .push((channel.as_str().to_string(), story.outbox_id));
            Ok(format!("{}:1", channel.as_str()))
        }

        async fn find(
            &self,
            story: &Delivery,
            _since: DateTime<Utc>,
        ) -> anyhow::Result<Option<String>> {
            Ok(Some(format!("{}:found", story.target)))
        }

        fn fix_for(&self, to: &DestinationRef, code: &str, _: &str) -> Option<String> {
            Some(format!("fix {code} in {}", to.target))
        }

        async fn retract(&self, to: &DestinationRef, message_ref: &str) -> anyhow::Result<()> {
            self.posted
                .lock()
                .unwrap()
                .retain(|(c, id)| !(c == &to.target && format!("{c}:{id}") == message_ref));
            Ok(())
        }
    }

    fn story(kind: DestinationKind, target: &str) -> Delivery {
        Delivery {
            outbox_id: 7,
            story_id: 3,
            kind,
            target: target.to_string(),
            text: "the story".to_string(),
            names: Names::default(),
            hero_name: "Maria".to_string(),
            hero_email: None,
            pictures: vec![],
            attached: vec![],
        }
    }

    fn refusal(error: &anyhow::Error) -> Option<&SendError> {
        error.downcast_ref::<SendError>()
    }

    #[tokio::test]
    async fn a_channel_story_goes_to_the_chat_adapter_and_the_rest_are_refused_with_what_to_set_up()
    {
        let router = Router::new(
            Channels::default(),
            Publishers::default(),
            crate::config::Prompts::builtin().texts,
        );
        let channel = story(DestinationKind::SlackChannel, "C1");
        assert_eq!(router.publish(&channel).await.unwrap(), "C1:1");
        assert_eq!(
            router.find(&channel, Utc::now()).await.unwrap().as_deref(),
            Some("C1:found")
        );
        assert_eq!(
            router.chat().posted.lock().unwrap().clone(),
            [("C1".to_string(), 7)]
        );

        for (kind, target, setting) in [
            (
                DestinationKind::Chatter,
                "0F9000000000001",
                "SPOTLIGHT_SALESFORCE_URL",
            ),
            (
                DestinationKind::Email,
                "news@acme.com",
                "SPOTLIGHT_SMTP_HOST",
            ),
        ] {
            let s = story(kind, target);
            for error in [
                router.publish(&s).await.unwrap_err(),
                router.find(&s, Utc::now()).await.unwrap_err(),
            ] {
                assert_eq!(
                    refusal(&error),
                    Some(&SendError::Rejected {
                        code: "not_configured".into(),
                        fixable: true
                    })
                );
                assert!(error.to_string().contains(setting), "{error:#}");
                // What the admin is told to do is the refusal's own message.
                assert_eq!(
                    router.fix_for(&s.destination(), "not_configured", &error.to_string()),
                    Some(error.to_string())
                );
            }
            let checked = router.check(&s.destination()).await.unwrap_err();
            assert!(checked.to_string().contains(setting), "{checked:#}");
        }
        // Nothing for other kinds reached the chat adapter.
        assert_eq!(router.chat().posted.lock().unwrap().len(), 1);

        // Deleting goes the same way: a channel's post to the chat adapter, an email is
        // never recalled, Chatter not set up says what to set up.
        router
            .retract(&channel.destination(), "C1:7")
            .await
            .unwrap();
        assert!(router.chat().posted.lock().unwrap().is_empty());
        let email = router
            .retract(
                &story(DestinationKind::Email, "news@acme.com").destination(),
                "<m@x>",
            )
            .await
            .unwrap_err();
        assert_eq!(
            refusal(&email),
            Some(&SendError::Rejected {
                code: "not_recallable".into(),
                fixable: false
            })
        );
        let chatter = router
            .retract(
                &story(DestinationKind::Chatter, "0F9000000000001").destination(),
                "0D5",
            )
            .await
            .unwrap_err();
        assert!(
            chatter.to_string().contains("SPOTLIGHT_SALESFORCE_URL"),
            "{chatter:#}"
        );
    }

    #[tokio::test]
    async fn a_channel_is_checked_and_its_refusals_explained_by_the_chat_adapter() {
        let router = Router::new(
            Channels::default(),
            Publishers::default(),
            crate::config::Prompts::builtin().texts,
        );
        let wins = DestinationRef::parse("#wins").unwrap();
        assert_eq!(
            router.check(&wins).await.unwrap().as_deref(),
            Some("name of wins")
        );
        assert_eq!(
            router.fix_for(&wins, "not_in_channel", "chat.postMessage failed"),
            Some("fix not_in_channel in wins".to_string())
        );
        assert_eq!(router.reach(&wins).await.unwrap(), None);
    }

    #[tokio::test]
    async fn what_to_fix_is_said_in_the_askers_language_else_the_workspaces() {
        let texts = crate::config::Prompts::builtin().texts;
        let french = std::sync::Arc::new(texts.with_default("fr").unwrap());
        let router = Router::new(Channels::default(), Publishers::default(), texts);
        let email = story(DestinationKind::Email, "news@acme.com");
        // Outside anyone's request (the scheduler), the workspace's language.
        let error = router.publish(&email).await.unwrap_err();
        assert!(
            error.to_string().starts_with("email isn't set up"),
            "{error:#}"
        );
        let fix = router.fix_for(&email.destination(), "not_configured", &error.to_string());
        assert_eq!(fix, Some(error.to_string()));
        // In a French admin's request, French; the refusal in the log stays English.
        let (said, _) = crate::delivery::deciding(None, || async {
            crate::delivery::set_reader_language(Some("fr".into()));
            let error = router.publish(&email).await.unwrap_err();
            assert!(error.to_string().starts_with("email isn't set up"));
            let fix = router.fix_for(&email.destination(), "not_configured", &error.to_string());
            let checked = router.check(&email.destination()).await.unwrap_err();
            (fix, checked.to_string())
        })
        .await;
        assert_eq!(
            said.0.as_deref(),
            Some("l'e-mail n'est pas configuré : définissez SPOTLIGHT_SMTP_HOST et SPOTLIGHT_EMAIL_FROM (README : « Email ») puis redémarrez Spotlight")
        );
        assert!(
            said.1.starts_with("l'e-mail n'est pas configuré"),
            "{}",
            said.1
        );
        // A French workspace's scheduler says it in French.
        let router = Router::new(Channels::default(), Publishers::default(), french);
        let error = router.publish(&email).await.unwrap_err();
        let fix = router.fix_for(&email.destination(), "not_configured", &error.to_string());
        assert!(fix.unwrap().starts_with("l'e-mail n'est pas configuré"));
        // Slack's own refusals by code, for a channel.
        assert_eq!(
            Fix::slack("is_archived", "C1").unwrap().text(&router.texts, "fr"),
            "<#C1> est archivé : désarchivez-le, ou mettez-le en pause avec `/spotlight pause <#C1>`"
        );
        assert_eq!(Fix::slack("ratelimited", "C1"), None);
        assert_eq!(
            Fix::chatter("INSUFFICIENT_ACCESS", "0F9").unwrap().to_string(),
            "Spotlight's Run As user may not post in Chatter group 0F9: add them to the group as a member"
        );
    }

    #[tokio::test]
    async fn a_channel_adapter_handed_another_kind_of_story_refuses_it() {
        let error = story(DestinationKind::Email, "news@acme.com")
            .post()
            .unwrap_err();
        assert!(error.to_string().contains("email address"), "{error:#}");
    }
}

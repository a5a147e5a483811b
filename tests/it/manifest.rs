//! The Slack app manifests in `slack/` are valid for Slack and ask for just what Spotlight uses.
//!
//! Both manifests are checked against Slack's own JSON Schema for app manifests
//! (`tests/data/slack-specs/manifest.schema.1.0.0.json`, draft-07), and against each other:
//! the Socket Mode manifest is the HTTP one with Socket Mode on and no request URLs.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use serde_json::Value;

/// The HTTP Events API manifest, then the Socket Mode one (paths relative to the crate).
const HTTP_MANIFEST: &str = "slack/manifest.yml";
const SOCKET_MODE_MANIFEST: &str = "slack/manifest.socket-mode.yml";
const MANIFESTS: [&str; 2] = [HTTP_MANIFEST, SOCKET_MODE_MANIFEST];

/// Slack's manifest schema and Events API spec, shipped next to the repository.
const SCHEMA: &str = "tests/data/slack-specs/manifest.schema.1.0.0.json";
const EVENTS_SPEC: &str = "tests/data/slack-specs/slack_events_api_async_v1.json";

/// Every bot scope Spotlight uses, and what for. Nothing else may be asked for.
const BOT_SCOPES: [(&str, &str); 11] = [
    ("chat:write", "post DMs, drafts and published stories"),
    ("im:write", "open a DM with a hero"),
    ("im:history", "read the hero's answers (message.im)"),
    ("commands", "the /spotlight slash command"),
    ("users:read", "resolve nominees' names and time zones"),
    ("users:read.email", "look a hero up by email"),
    ("reactions:read", "count reactions on published stories"),
    (
        "channels:history",
        "thread replies and reconciliation in public channels",
    ),
    (
        "groups:history",
        "thread replies and reconciliation in private channels",
    ),
    (
        "files:read",
        "download a usage export an admin sends in a DM",
    ),
    (
        "files:write",
        "share the report's chart and CSV in an admin's DM",
    ),
];

/// Every bot event Spotlight subscribes to, with the scope Slack requires for it.
const BOT_EVENTS: [(&str, Option<&str>); 8] = [
    ("message.im", Some("im:history")),
    ("app_home_opened", None),
    ("reaction_added", Some("reactions:read")),
    ("reaction_removed", Some("reactions:read")),
    ("message.channels", Some("channels:history")),
    ("message.groups", Some("groups:history")),
    // The OAuth install's end: the tokens deleted (and the data erased, if asked).
    ("app_uninstalled", None),
    ("tokens_revoked", None),
];

fn crate_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

fn read(relative: &str) -> String {
    let path = crate_path(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()))
}

/// A manifest file, parsed from YAML into the JSON value Slack's schema describes.
fn manifest(relative: &str) -> Value {
    serde_norway::from_str(&read(relative))
        .unwrap_or_else(|e| panic!("{relative} is not valid YAML for a manifest: {e}"))
}

/// A spec from `tests/data/slack-specs`, failing clearly when it is absent.
fn slack_spec(relative: &str) -> Value {
    let path = crate_path(relative);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "Slack's spec {} is missing ({e}); it ships in tests/data/slack-specs \
             and these manifest tests need it",
            path.display()
        )
    });
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

fn schema() -> Value {
    let schema = slack_spec(SCHEMA);
    assert_eq!(
        schema["$schema"], "http://json-schema.org/draft-07/schema#",
        "Slack's manifest schema changed draft; validate it with the matching jsonschema draft"
    );
    schema
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft7::new(&schema()).expect("Slack's manifest schema compiles")
}

/// The schema's complaints about `instance`, one line each (empty when it is valid).
fn violations(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| format!("at '{}': {e}", e.instance_path()))
        .collect()
}

fn strings(value: &Value, what: &str) -> Vec<String> {
    value
        .as_array()
        .unwrap_or_else(|| panic!("{what} is not a list: {value}"))
        .iter()
        .map(|v| {
            v.as_str()
                .unwrap_or_else(|| panic!("{what} holds a non-string: {v}"))
                .to_owned()
        })
        .collect()
}

fn bot_scopes(manifest: &Value) -> Vec<String> {
    strings(
        &manifest["oauth_config"]["scopes"]["bot"],
        "oauth_config.scopes.bot",
    )
}

fn bot_events(manifest: &Value) -> Vec<String> {
    strings(
        &manifest["settings"]["event_subscriptions"]["bot_events"],
        "settings.event_subscriptions.bot_events",
    )
}

#[test]
fn each_manifest_parses_as_yaml_and_satisfies_slacks_manifest_schema() {
    let validator = validator();
    let schema = schema();
    // `background_color` is constrained by a non-standard `regex` keyword that validators
    // ignore, so check it by hand.
    let color_pattern = schema["definitions"]["app-manifests.v1.display_information.schema"]
        ["properties"]["background_color"]["regex"]
        .as_str()
        .expect("the schema gives a pattern for background_color");
    let color_pattern = regex::Regex::new(color_pattern).expect("the colour pattern compiles");

    for file in MANIFESTS {
        let manifest = manifest(file);
        let problems = violations(&validator, &manifest);
        assert!(
            problems.is_empty(),
            "{file} does not satisfy Slack's manifest schema:\n{}",
            problems.join("\n")
        );
        assert_eq!(manifest["_metadata"]["major_version"], 1, "{file}");
        assert_eq!(manifest["_metadata"]["minor_version"], 1, "{file}");
        assert_eq!(
            manifest["display_information"]["name"], "Spotlight",
            "{file}"
        );
        assert_eq!(
            manifest["features"]["bot_user"]["display_name"], "Spotlight",
            "{file}"
        );
        let color = manifest["display_information"]["background_color"]
            .as_str()
            .unwrap_or_else(|| panic!("{file} has no background_color"));
        assert!(
            color_pattern.is_match(color),
            "{file}: background_color {color:?} is not a #rgb or #rrggbb colour"
        );
    }
}

#[test]
fn a_broken_manifest_is_rejected_by_the_schema_validator() {
    let validator = validator();
    let good = manifest(HTTP_MANIFEST);
    assert!(validator.is_valid(&good), "the unbroken manifest is valid");

    type Break = fn(&mut Value);
    let breakages: [(&str, Break); 5] = [
        ("a bot scope that is not a string", |m| {
            m["oauth_config"]["scopes"]["bot"][0] = Value::from(42);
        }),
        ("no display_information.name", |m| {
            m["display_information"]
                .as_object_mut()
                .expect("display_information is a map")
                .remove("name");
        }),
        ("an unknown settings key", |m| {
            m["settings"]["socket_mode"] = Value::Bool(true);
        }),
        ("a slash command without a leading slash", |m| {
            m["features"]["slash_commands"][0]["command"] = Value::from("spotlight");
        }),
        ("a request URL that is not http(s)", |m| {
            m["settings"]["event_subscriptions"]["request_url"] = Value::from("YOUR-HOST/events");
        }),
    ];
    for (what, break_it) in breakages {
        let mut broken = good.clone();
        break_it(&mut broken);
        assert!(
            !validator.is_valid(&broken),
            "a manifest with {what} was accepted by the schema validator"
        );
    }
}

#[test]
fn the_manifest_asks_for_exactly_the_scopes_the_bot_uses() {
    let wanted: BTreeSet<&str> = BOT_SCOPES.iter().map(|(scope, _)| *scope).collect();
    for file in MANIFESTS {
        let manifest = manifest(file);
        let asked = bot_scopes(&manifest);
        let asked_set: BTreeSet<&str> = asked.iter().map(String::as_str).collect();
        assert_eq!(
            asked_set.len(),
            asked.len(),
            "{file} lists a bot scope twice"
        );
        let unneeded: Vec<_> = asked_set.difference(&wanted).collect();
        let missing: Vec<_> = wanted.difference(&asked_set).collect();
        assert!(
            unneeded.is_empty() && missing.is_empty(),
            "{file}: bot scopes asked for but unused: {unneeded:?}; used but not asked for: {missing:?}"
        );
        let scopes = &manifest["oauth_config"]["scopes"];
        for key in ["user", "user_optional", "bot_optional"] {
            assert!(
                scopes.get(key).is_none(),
                "{file}: Spotlight acts only as its bot; no {key} scopes"
            );
        }
    }
}

#[test]
fn the_oauth_install_asks_for_the_manifests_scopes_and_comes_back_to_its_route() {
    let manifest = manifest(HTTP_MANIFEST);
    assert_eq!(
        bot_scopes(&manifest),
        spotlight::slack::BOT_SCOPES,
        "/slack/install asks for the scopes of {HTTP_MANIFEST}, in its order"
    );
    assert_eq!(
        strings(
            &manifest["oauth_config"]["redirect_urls"],
            "oauth_config.redirect_urls"
        ),
        ["https://YOUR-HOST/slack/oauth_redirect"]
    );
}

#[test]
fn every_subscribed_event_has_its_required_scope_granted() {
    // Slack's Events API spec names each event's scope (with '.' for '_' in topic names);
    // it predates some events (app_home_opened), so the table above is the reference.
    let events_spec = slack_spec(EVENTS_SPEC);
    let expected: BTreeSet<&str> = BOT_EVENTS.iter().map(|(event, _)| *event).collect();
    for file in MANIFESTS {
        let manifest = manifest(file);
        let granted = bot_scopes(&manifest);
        let events = bot_events(&manifest);
        let subscribed: BTreeSet<&str> = events.iter().map(String::as_str).collect();
        assert_eq!(
            subscribed, expected,
            "{file}: the bot events differ from the ones Spotlight handles"
        );
        for event in &events {
            let (_, scope) = BOT_EVENTS
                .iter()
                .find(|(known, _)| known == event)
                .expect("checked above");
            if let Some(scope) = scope {
                assert!(
                    granted.iter().any(|g| g == scope),
                    "{file}: event {event} needs the {scope} bot scope, which is not granted"
                );
            }
            let topic = &events_spec["topics"][event.replace('_', ".")];
            if let Some(required) = topic["subscribe"]["x-scopes-required"].as_array() {
                for scope in required {
                    let scope = scope.as_str().expect("scope names are strings");
                    assert!(
                        granted.iter().any(|g| g == scope),
                        "{file}: Slack's Events API spec says {event} needs {scope}, not granted"
                    );
                    assert_eq!(
                        Some(scope),
                        BOT_EVENTS
                            .iter()
                            .find(|(e, _)| e == event)
                            .and_then(|(_, s)| *s),
                        "the table of event scopes disagrees with Slack's spec for {event}"
                    );
                }
            }
        }
    }
}

#[test]
fn the_slash_command_is_spotlight_and_escapes_mentions() {
    for file in MANIFESTS {
        let manifest = manifest(file);
        let commands = manifest["features"]["slash_commands"]
            .as_array()
            .unwrap_or_else(|| panic!("{file} has no slash commands"));
        assert_eq!(commands.len(), 1, "{file}: exactly one slash command");
        let command = &commands[0];
        assert_eq!(command["command"], "/spotlight", "{file}");
        assert_eq!(
            command["should_escape"], true,
            "{file}: /spotlight must receive <@U…> ids, not bare names, to nominate someone"
        );
        assert_eq!(
            command["usage_hint"],
            "help | nominate @person | status | queue | drafts | approve <story>",
            "{file}"
        );
    }
}

#[test]
fn the_http_manifest_sends_events_commands_and_interactions_to_spotlights_routes() {
    let manifest = manifest(HTTP_MANIFEST);
    let settings = &manifest["settings"];
    assert_eq!(settings["socket_mode_enabled"], false);
    assert_eq!(settings["interactivity"]["is_enabled"], true);
    let urls = [
        (
            "settings.event_subscriptions.request_url",
            &settings["event_subscriptions"]["request_url"],
            "/slack/events",
        ),
        (
            "features.slash_commands[0].url",
            &manifest["features"]["slash_commands"][0]["url"],
            "/slack/commands",
        ),
        (
            "settings.interactivity.request_url",
            &settings["interactivity"]["request_url"],
            "/slack/interactions",
        ),
    ];
    for (key, url, route) in urls {
        let url = url
            .as_str()
            .unwrap_or_else(|| panic!("{HTTP_MANIFEST}: {key} is missing"));
        assert!(
            url.starts_with("https://YOUR-HOST/") && url.ends_with(route),
            "{HTTP_MANIFEST}: {key} is {url:?}, expected https://YOUR-HOST{route}"
        );
    }
}

#[test]
fn the_socket_mode_manifest_is_the_same_app_without_request_urls() {
    let socket = manifest(SOCKET_MODE_MANIFEST);
    assert_eq!(socket["settings"]["socket_mode_enabled"], true);
    assert_eq!(socket["settings"]["interactivity"]["is_enabled"], true);
    assert!(
        !read(SOCKET_MODE_MANIFEST)
            .lines()
            .filter(|line| !line.trim_start().starts_with('#'))
            .any(|line| line.contains("url:")),
        "{SOCKET_MODE_MANIFEST} sets a URL, but Socket Mode does not use them"
    );

    let mut http = manifest(HTTP_MANIFEST);
    http["settings"]["socket_mode_enabled"] = Value::Bool(true);
    for (map, key) in [
        ("/settings/event_subscriptions", "request_url"),
        ("/settings/interactivity", "request_url"),
        ("/features/slash_commands/0", "url"),
        ("/oauth_config", "redirect_urls"),
    ] {
        http.pointer_mut(map)
            .and_then(Value::as_object_mut)
            .unwrap_or_else(|| panic!("{HTTP_MANIFEST} has no {map}"))
            .remove(key)
            .unwrap_or_else(|| panic!("{HTTP_MANIFEST} has no {map}/{key}"));
    }
    assert_eq!(
        socket, http,
        "{SOCKET_MODE_MANIFEST} must be {HTTP_MANIFEST} with Socket Mode on and no URLs"
    );
}

#[test]
fn heroes_can_answer_in_the_messages_tab_and_admins_get_a_home_tab() {
    for file in MANIFESTS {
        let manifest = manifest(file);
        let home = &manifest["features"]["app_home"];
        assert_eq!(home["home_tab_enabled"], true, "{file}");
        assert_eq!(home["messages_tab_enabled"], true, "{file}");
        assert_eq!(
            home["messages_tab_read_only_enabled"], false,
            "{file}: heroes type their answers in the Messages tab"
        );
        assert_eq!(
            manifest["features"]["bot_user"]["always_online"], true,
            "{file}"
        );
    }
}

//! The requests Slack sends a Slack app, as bodies: signed the way Slack signs them.
//! Shared by the Slack tests and the load benchmark (`bench/load.rs` includes this file).

use hmac::{Hmac, KeyInit, Mac};
use serde_json::{json, Value};
use sha2::Sha256;

/// `v0=` + HMAC-SHA256 of `v0:{ts}:{body}`, as Slack signs requests.
pub fn sign(secret: &str, ts: &str, body: &str) -> String {
    let mut mac = Hmac::<Sha256>::new_from_slice(secret.as_bytes()).expect("any key length");
    mac.update(format!("v0:{ts}:{body}").as_bytes());
    format!("v0={}", hex::encode(mac.finalize().into_bytes()))
}

/// Slack escapes `&`, `<` and `>` in message text.
pub fn slack_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An `application/x-www-form-urlencoded` body.
pub fn form(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{k}={}", urlencode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

fn urlencode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() * 3);
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

/// A trigger id for request `n`, carrying when it was issued (the simulator lets a
/// trigger id open a modal for 3 seconds, as Slack does).
pub fn trigger_id(n: u64) -> String {
    let ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis())
        .unwrap_or(0);
    format!("trigger.{n}.{ms}")
}

/// A direct message from `user` with files attached (a screenshot), as Slack sends it:
/// a `message` event with subtype `file_share`, its text (maybe empty) and `files`.
pub fn im_file_share(user: &str, text: &str, ts: &str) -> Value {
    json!({
        "type": "message",
        "subtype": "file_share",
        "channel": format!("D{user}"),
        "channel_type": "im",
        "user": user,
        "text": slack_escape(text),
        "ts": ts,
        "upload": false,
        "display_as_bot": false,
        "files": [{
            "id": "F0SCREEN1",
            "created": 1_800_000_000,
            "timestamp": 1_800_000_000,
            "name": "pipeline-view.png",
            "title": "pipeline-view.png",
            "mimetype": "image/png",
            "filetype": "png",
            "pretty_type": "PNG",
            "user": user,
            "size": 48213,
            "mode": "hosted",
            "is_external": false,
            "is_public": false,
            "url_private": "https://files.slack.com/files-pri/T0001-F0SCREEN1/pipeline-view.png",
            "url_private_download": "https://files.slack.com/files-pri/T0001-F0SCREEN1/download/pipeline-view.png",
            "permalink": "https://sim.slack.com/files/U0/F0SCREEN1/pipeline-view.png"
        }],
    })
}

/// An Events API `event_callback` wrapping `event`.
pub fn event_body(event: Value, event_id: &str) -> String {
    json!({
        "token": "unused",
        "team_id": "T0001",
        "api_app_id": "A0001",
        "event": event,
        "type": "event_callback",
        "event_id": event_id,
        "event_time": 1_700_000_000,
    })
    .to_string()
}

/// A direct message from `user` to the bot, as a `message` event.
pub fn im_message(user: &str, text: &str, ts: &str) -> Value {
    json!({
        "type": "message",
        "channel": format!("D{user}"),
        "channel_type": "im",
        "user": user,
        "text": slack_escape(text),
        "ts": ts,
    })
}

/// `/spotlight <text>` run by `user`; `n` makes its trigger and response URL unique, and
/// the reply goes to the simulator at `sim_base`.
pub fn command_body(sim_base: &str, user: &str, text: &str, n: u64) -> String {
    form(&[
        ("token", "unused"),
        ("team_id", "T0001"),
        ("team_domain", "sim"),
        ("channel_id", "CGENERAL"),
        ("channel_name", "general"),
        ("user_id", user),
        ("user_name", "someone"),
        ("command", "/spotlight"),
        ("text", text),
        ("api_app_id", "A0001"),
        ("response_url", &format!("{sim_base}/response/cmd{n}")),
        ("trigger_id", &trigger_id(n)),
    ])
}

/// `user` pressing a button under a DM (a `block_actions` payload).
pub fn click_body(sim_base: &str, user: &str, action_id: &str, value: &str, n: u64) -> String {
    click_body_with_trigger(sim_base, user, action_id, value, n, &trigger_id(n))
}

/// `click_body` with the trigger id given (an old one, say).
pub fn click_body_with_trigger(
    sim_base: &str,
    user: &str,
    action_id: &str,
    value: &str,
    n: u64,
    trigger: &str,
) -> String {
    let payload = json!({
        "type": "block_actions",
        "team": {"id": "T0001", "domain": "sim"},
        "user": {"id": user, "username": "someone", "team_id": "T0001"},
        "api_app_id": "A0001",
        "container": {"type": "message", "message_ts": "1.0", "channel_id": format!("D{user}"), "is_ephemeral": false},
        "trigger_id": trigger,
        "channel": {"id": format!("D{user}"), "name": "directmessage"},
        "response_url": format!("{sim_base}/response/act{n}"),
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b1",
                     "text": {"type": "plain_text", "text": "x"}, "value": value,
                     "action_ts": format!("1800000000.{n:06}")}],
    });
    form(&[("payload", &payload.to_string())])
}

//! The Chatter destination against the local Salesforce stand-in: the sign-in, the request
//! shapes Salesforce documents, a renewed token, refusals an admin can fix, outages that are
//! retried later, and posts in doubt found again rather than sent twice.

use chrono::{Duration, Utc};
use serde_json::{json, Value};
use spotlight::app::SendError;
use spotlight::destinations::chatter::ChatterClient;
use spotlight::destinations::Delivery;
use spotlight::domain::destination::DestinationKind;
use spotlight::domain::publication::Names;

use crate::chatter_standin::{
    ChatterStandIn, PostFault, API_VERSION, CLIENT_ID, CLIENT_SECRET, GROUP_ID, GROUP_NAME,
    PRIVATE_GROUP_ID,
};

const STORY: &str = "*Two hours back every week*\n\n*The habit:* “I sort my pipeline by close date &amp; call the top five first.”\n\n*The payoff:* “Two hours back.\n  And a forecast I trust.”\n\n*Try this tomorrow:* “Open <https://acme.my.salesforce.com/lightning/o/Opportunity/list|the pipeline view> and sort it.”\n\n— Maria. Questions for <@U1>? Ask in the thread.";

const MARIA_SF: &str = "005000000000042AAA";

fn delivery(story_id: i64, group: &str) -> Delivery {
    Delivery {
        outbox_id: story_id * 10,
        story_id,
        kind: DestinationKind::Chatter,
        target: group.to_string(),
        text: STORY.to_string(),
        names: Names::new([("U1".to_string(), "Maria Rossi".to_string())]),
        hero_name: "Maria Rossi".to_string(),
        hero_email: None,
        pictures: vec![],
        attached: vec![],
    }
}

fn send_error(error: &anyhow::Error) -> SendError {
    error
        .downcast_ref::<SendError>()
        .unwrap_or_else(|| panic!("no SendError in {error:#}"))
        .clone()
}

fn rejected(code: &str, fixable: bool) -> SendError {
    SendError::Rejected {
        code: code.to_string(),
        fixable,
    }
}

async fn standin_and_client() -> (ChatterStandIn, ChatterClient) {
    let standin = ChatterStandIn::start().await;
    let client = ChatterClient::new(standin.settings()).unwrap();
    (standin, client)
}

fn segments_of(body: &Value) -> Vec<Value> {
    body["body"]["messageSegments"]
        .as_array()
        .cloned()
        .unwrap_or_default()
}

#[tokio::test]
async fn a_story_is_posted_to_the_group_with_the_request_shapes_salesforce_documents() {
    let (standin, client) = standin_and_client().await;

    let id = client.deliver(&delivery(42, GROUP_ID)).await.unwrap();

    // The sign-in: the client credentials flow, form-encoded, once.
    let tokens = standin.token_requests();
    assert_eq!(tokens.len(), 1);
    let token = &tokens[0];
    assert_eq!(token.method, "POST");
    assert!(token
        .content_type
        .as_deref()
        .unwrap()
        .starts_with("application/x-www-form-urlencoded"));
    assert_eq!(
        token.form("grant_type").as_deref(),
        Some("client_credentials")
    );
    assert_eq!(token.form("client_id").as_deref(), Some(CLIENT_ID));
    assert_eq!(token.form("client_secret").as_deref(), Some(CLIENT_SECRET));

    // The post: a FeedItem for the group, as JSON, with the token just handed out.
    let posts = standin.post_requests();
    assert_eq!(posts.len(), 1);
    let post = &posts[0];
    assert_eq!(
        post.path,
        format!("/services/data/v{API_VERSION}/chatter/feed-elements")
    );
    assert_eq!(
        post.authorization.as_deref(),
        Some("Bearer 00Dstandin!token1")
    );
    assert!(post
        .content_type
        .as_deref()
        .unwrap()
        .starts_with("application/json"));
    let body = post.json();
    assert_eq!(body["feedElementType"], "FeedItem");
    assert_eq!(body["subjectId"], GROUP_ID);
    let segments = segments_of(&body);
    assert_eq!(
        segments[0],
        json!({"type": "MarkupBegin", "markupType": "Paragraph"})
    );
    assert_eq!(
        segments[1],
        json!({"type": "MarkupBegin", "markupType": "Bold"})
    );
    assert!(segments.contains(&json!({
        "type": "MarkupBegin",
        "markupType": "Hyperlink",
        "url": "https://acme.my.salesforce.com/lightning/o/Opportunity/list"
    })));

    // What the group sees: the hero's words verbatim, mentions as names, the marker last.
    let posted = standin.posted_to(GROUP_ID);
    assert_eq!(posted.len(), 1);
    assert_eq!(posted[0].id, id);
    let text = &posted[0].text;
    assert!(text.starts_with("Two hours back every week\n \n"), "{text}");
    assert!(
        text.contains("The habit: “I sort my pipeline by close date & call the top five first.”"),
        "{text}"
    );
    assert!(
        text.contains("“Two hours back.\n  And a forecast I trust.”"),
        "{text}"
    );
    assert!(
        text.contains("Open the pipeline view and sort it."),
        "{text}"
    );
    assert!(
        text.contains("Questions for Maria Rossi? Ask in the thread."),
        "{text}"
    );
    assert!(
        text.ends_with("\n \nSpotlight story 42, featuring Maria Rossi"),
        "{text}"
    );

    // A second story reuses the token.
    let second = client.deliver(&delivery(43, GROUP_ID)).await.unwrap();
    assert_ne!(second, id);
    assert_eq!(standin.tokens_issued(), 1);
    assert_eq!(standin.posted_to(GROUP_ID).len(), 2);
    assert_eq!(
        standin.post_requests()[1].authorization.as_deref(),
        Some("Bearer 00Dstandin!token1")
    );
}

#[tokio::test]
async fn the_hero_is_mentioned_when_salesforce_knows_their_email() {
    let (standin, client) = standin_and_client().await;
    standin.add_user(MARIA_SF, "Maria Rossi", "maria@acme.com");
    let mut d = delivery(42, GROUP_ID);
    d.hero_email = Some("Maria@Acme.com".to_string());

    client.deliver(&d).await.unwrap();

    let queries: Vec<_> = standin
        .requests()
        .into_iter()
        .filter(|r| r.path == format!("/services/data/v{API_VERSION}/query"))
        .collect();
    assert_eq!(queries.len(), 1);
    assert_eq!(
        queries[0].param("q").as_deref(),
        Some("SELECT Id FROM User WHERE Email = 'Maria@Acme.com' AND IsActive = true LIMIT 1")
    );
    let segments = segments_of(&standin.post_requests()[0].json());
    assert!(segments.contains(&json!({"type": "Mention", "id": MARIA_SF})));
    let text = standin.posted_to(GROUP_ID)[0].text.clone();
    assert!(
        text.ends_with("Spotlight story 42, featuring @Maria Rossi"),
        "{text}"
    );

    // The user is remembered: the next story asks no question.
    d.story_id = 43;
    client.deliver(&d).await.unwrap();
    let query_count = |s: &ChatterStandIn| {
        s.requests()
            .iter()
            .filter(|r| r.path.ends_with("/query"))
            .count()
    };
    assert_eq!(query_count(&standin), 1);

    // Someone Salesforce does not know is named, and that is remembered too; the quote in
    // the address is escaped.
    d.story_id = 44;
    d.hero_email = Some("o'brien@acme.com".to_string());
    client.deliver(&d).await.unwrap();
    d.story_id = 45;
    client.deliver(&d).await.unwrap();
    assert_eq!(query_count(&standin), 2);
    let last_query = standin
        .requests()
        .into_iter()
        .rfind(|r| r.path.ends_with("/query"))
        .unwrap();
    assert_eq!(last_query.status, 200);
    assert!(last_query
        .param("q")
        .unwrap()
        .contains(r"Email = 'o\'brien@acme.com'"));
    let posted = standin.posted_to(GROUP_ID);
    assert_eq!(posted.len(), 4);
    assert!(posted[3]
        .text
        .ends_with("Spotlight story 45, featuring Maria Rossi"));
    assert!(!segments_of(&standin.post_requests()[3].json())
        .iter()
        .any(|s| s["type"] == "Mention"));
}

#[tokio::test]
async fn an_expired_token_is_renewed_and_the_post_is_sent_once_more_only() {
    let (standin, client) = standin_and_client().await;
    client.deliver(&delivery(1, GROUP_ID)).await.unwrap();
    standin.expire_tokens();

    let id = client.deliver(&delivery(2, GROUP_ID)).await.unwrap();

    assert_eq!(standin.tokens_issued(), 2);
    let statuses: Vec<u16> = standin.post_requests().iter().map(|r| r.status).collect();
    assert_eq!(statuses, vec![201, 401, 201]);
    let posts = standin.post_requests();
    assert_eq!(
        posts[1].authorization.as_deref(),
        Some("Bearer 00Dstandin!token1")
    );
    assert_eq!(
        posts[2].authorization.as_deref(),
        Some("Bearer 00Dstandin!token2")
    );
    let story_two: Vec<_> = standin
        .posted_to(GROUP_ID)
        .into_iter()
        .filter(|e| e.text.contains("Spotlight story 2,"))
        .collect();
    assert_eq!(story_two.len(), 1);
    assert_eq!(story_two[0].id, id);
}

#[tokio::test]
async fn a_session_refused_even_after_renewal_is_a_rejection_an_admin_can_fix() {
    let (standin, client) = standin_and_client().await;
    standin.refuse_sessions(true);

    let error = client.deliver(&delivery(1, GROUP_ID)).await.unwrap_err();

    assert_eq!(send_error(&error), rejected("invalid_session", true));
    assert!(format!("{error:#}").contains("Run As user"), "{error:#}");
    assert_eq!(standin.post_requests().len(), 2, "one retry, no more");
    assert_eq!(standin.tokens_issued(), 2);
    assert!(standin.posted().is_empty());
}

#[tokio::test]
async fn a_503_is_a_rejection_retried_later_and_nothing_is_posted_twice() {
    let (standin, client) = standin_and_client().await;
    standin.fail_next_posts(1, PostFault::Unavailable);

    let error = client.deliver(&delivery(7, GROUP_ID)).await.unwrap_err();
    assert_eq!(send_error(&error), rejected("unavailable", false));
    assert!(
        format!("{error:#}").contains("tried again later"),
        "{error:#}"
    );
    assert_eq!(standin.post_requests().len(), 1, "no retry on the spot");
    assert!(standin.posted().is_empty());

    // The engine's later retry goes through, once.
    client.deliver(&delivery(7, GROUP_ID)).await.unwrap();
    assert_eq!(standin.posted_to(GROUP_ID).len(), 1);

    standin.fail_next_posts(
        1,
        PostFault::Refuse {
            status: 403,
            code: "REQUEST_LIMIT_EXCEEDED".into(),
        },
    );
    let error = client.deliver(&delivery(8, GROUP_ID)).await.unwrap_err();
    assert_eq!(
        send_error(&error),
        rejected("REQUEST_LIMIT_EXCEEDED", false)
    );
    assert_eq!(standin.posted_to(GROUP_ID).len(), 1);
}

#[tokio::test]
async fn a_post_stored_before_an_error_is_uncertain_and_found_instead_of_resent() {
    let (standin, client) = standin_and_client().await;
    let since = Utc::now();
    // Older posts that must not be taken for this one: the same story long before (outside
    // the window) and story 420.
    standin.add_post(
        GROUP_ID,
        "Spotlight story 42, featuring Maria",
        since - Duration::hours(2),
    );
    standin.add_post(GROUP_ID, "Spotlight story 420, featuring Ana", since);
    standin.fail_next_posts(1, PostFault::StoreThenError);

    let error = client.deliver(&delivery(42, GROUP_ID)).await.unwrap_err();
    assert!(
        matches!(send_error(&error), SendError::Uncertain(_)),
        "{error:#}"
    );
    let stored = standin.posted_to(GROUP_ID).last().unwrap().clone();
    assert!(stored.text.contains("Spotlight story 42,"));
    // Enough newer posts to push it to the feed's second page.
    for i in 0..120 {
        standin.add_post(GROUP_ID, &format!("unrelated post {i}"), Utc::now());
    }

    let found = client.find(&delivery(42, GROUP_ID), since).await.unwrap();
    assert_eq!(found.as_deref(), Some(stored.id.as_str()));
    assert_eq!(
        client.find(&delivery(43, GROUP_ID), since).await.unwrap(),
        None
    );
    let feed_reads: Vec<_> = standin
        .requests()
        .into_iter()
        .filter(|r| {
            r.path
                .ends_with(&format!("/feeds/record/{GROUP_ID}/feed-elements"))
        })
        .collect();
    assert_eq!(
        feed_reads[0].param("sort").as_deref(),
        Some("CreatedDateDesc")
    );
    assert!(feed_reads.len() >= 2, "the second page was read");
    assert_eq!(
        standin
            .posted_to(GROUP_ID)
            .iter()
            .filter(|e| e.text.contains("Spotlight story 42,"))
            .count(),
        2,
        "the old post and the one in doubt; nothing resent"
    );
}

#[tokio::test]
async fn a_connection_dropped_after_storing_is_uncertain_and_found() {
    let (standin, client) = standin_and_client().await;
    let since = Utc::now();
    standin.fail_next_posts(1, PostFault::StoreThenDrop);

    let error = client.deliver(&delivery(5, GROUP_ID)).await.unwrap_err();

    assert!(
        matches!(send_error(&error), SendError::Uncertain(_)),
        "{error:#}"
    );
    let stored = standin.posted_to(GROUP_ID);
    assert_eq!(stored.len(), 1);
    assert_eq!(
        client.find(&delivery(5, GROUP_ID), since).await.unwrap(),
        Some(stored[0].id.clone())
    );
}

#[tokio::test]
async fn wrong_credentials_are_a_clear_rejection_an_admin_can_fix() {
    let standin = ChatterStandIn::start().await;
    let client = ChatterClient::new(standin.settings_with_secret("not-the-secret")).unwrap();

    let error = client.deliver(&delivery(1, GROUP_ID)).await.unwrap_err();

    assert_eq!(send_error(&error), rejected("invalid_client", true));
    let message = format!("{error:#}");
    assert!(message.contains("consumer key and secret"), "{message}");
    assert!(message.contains("client credentials flow"), "{message}");
    assert!(!message.contains("not-the-secret"), "{message}");
    assert!(standin.post_requests().is_empty());

    // A connected app without the flow enabled.
    standin.refuse_sign_in(Some((
        "invalid_grant",
        "no client credentials user enabled",
    )));
    let client = ChatterClient::new(standin.settings()).unwrap();
    let error = client.deliver(&delivery(1, GROUP_ID)).await.unwrap_err();
    assert_eq!(send_error(&error), rejected("invalid_grant", true));
    assert!(format!("{error:#}").contains("Run As user"), "{error:#}");

    // An org that cannot be reached: certainly not posted, tried again later.
    let mut settings = standin.settings();
    settings.instance_url = "http://127.0.0.1:9".to_string();
    let client = ChatterClient::new(settings).unwrap();
    let error = client.deliver(&delivery(1, GROUP_ID)).await.unwrap_err();
    assert_eq!(send_error(&error), rejected("unreachable", false));
    assert!(standin.posted().is_empty());
}

#[tokio::test]
async fn a_group_spotlight_cannot_post_in_is_a_rejection_an_admin_can_fix() {
    let (standin, client) = standin_and_client().await;

    let error = client
        .deliver(&delivery(1, PRIVATE_GROUP_ID))
        .await
        .unwrap_err();
    assert_eq!(send_error(&error), rejected("INSUFFICIENT_ACCESS", true));
    assert!(
        format!("{error:#}").contains("add them to the group"),
        "{error:#}"
    );

    let error = client
        .deliver(&delivery(1, "0F9000000000099AAA"))
        .await
        .unwrap_err();
    assert_eq!(send_error(&error), rejected("NOT_FOUND", true));
    assert!(
        format!("{error:#}").contains("check the group ID"),
        "{error:#}"
    );
    assert!(standin.posted().is_empty());
}

#[tokio::test]
async fn check_names_the_group_or_says_what_is_wrong() {
    let (standin, client) = standin_and_client().await;

    assert_eq!(client.check(GROUP_ID).await.unwrap(), GROUP_NAME);
    let groups: Vec<_> = standin
        .requests()
        .into_iter()
        .filter(|r| r.path.contains("/chatter/groups/"))
        .collect();
    assert_eq!(
        groups[0].path,
        format!("/services/data/v{API_VERSION}/chatter/groups/{GROUP_ID}")
    );

    let unknown = client.check("0F9000000000099AAA").await.unwrap_err();
    assert!(
        format!("{unknown:#}").contains("was not found"),
        "{unknown:#}"
    );

    let private = client.check(PRIVATE_GROUP_ID).await.unwrap_err();
    assert!(
        format!("{private:#}").contains("not a member"),
        "{private:#}"
    );

    let malformed = client.check("12345").await.unwrap_err();
    assert!(format!("{malformed:#}").contains("0F9"), "{malformed:#}");
    assert_eq!(
        standin
            .requests()
            .iter()
            .filter(|r| r.path.ends_with("/12345"))
            .count(),
        0,
        "a malformed ID is refused before asking Salesforce"
    );
}

#[tokio::test]
async fn api_calls_go_to_the_instance_the_sign_in_names() {
    let (standin, client) = standin_and_client().await;
    let port = standin.base_url().rsplit(':').next().unwrap().to_string();
    standin.answer_instance_url(Some(&format!("http://localhost:{port}")));

    client.deliver(&delivery(1, GROUP_ID)).await.unwrap();

    let token = &standin.token_requests()[0];
    assert_eq!(
        token.host.as_deref(),
        Some(format!("127.0.0.1:{port}").as_str())
    );
    let post = &standin.post_requests()[0];
    assert_eq!(
        post.host.as_deref(),
        Some(format!("localhost:{port}").as_str())
    );
}

#[tokio::test]
async fn a_story_post_is_deleted_with_a_delete_request_and_another_persons_post_is_refused() {
    let (standin, client) = standin_and_client().await;
    let others = standin.add_post(GROUP_ID, "Someone else's news", Utc::now());
    let ours = client.deliver(&delivery(7, GROUP_ID)).await.unwrap();
    assert_eq!(standin.posted_to(GROUP_ID).len(), 2);

    client.delete(GROUP_ID, &ours).await.unwrap();
    let left = standin.posted_to(GROUP_ID);
    assert_eq!(left.len(), 1);
    assert_eq!(left[0].id, others);
    let deletes: Vec<_> = standin
        .requests()
        .into_iter()
        .filter(|r| r.method == "DELETE")
        .collect();
    assert_eq!(deletes.len(), 1);
    assert!(
        deletes[0]
            .path
            .ends_with(&format!("/chatter/feed-elements/{ours}")),
        "{}",
        deletes[0].path
    );
    // Deleting it again finds it gone: that is what was wanted.
    client.delete(GROUP_ID, &ours).await.unwrap();

    let refused = client.delete(GROUP_ID, &others).await.unwrap_err();
    assert_eq!(send_error(&refused), rejected("INSUFFICIENT_ACCESS", true));
    assert_eq!(standin.posted_to(GROUP_ID).len(), 1);
    // A reference that is no feed element ID is refused before any request.
    let malformed = client.delete(GROUP_ID, "../groups").await.unwrap_err();
    assert_eq!(send_error(&malformed), rejected("MALFORMED_ID", false));
}

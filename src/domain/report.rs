//! The results report: per published story, its reach, the conversation it started, and
//! where usage data exists, its audience's activity before and after publication (a
//! comparison, not a claim of cause).

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};

use super::usage::UsageRecord;

/// What is known of one published story.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryFacts {
    pub story: i64,
    pub hero: String,
    pub headline: String,
    pub published_at: DateTime<Utc>,
    /// Channel names and the audience group tied to each, if any.
    pub channels: Vec<(String, Option<String>)>,
    /// How many people the posts could reach (channel members), where known.
    pub members: Option<i64>,
    pub reactions: i64,
    pub replies: i64,
    pub people: i64,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub facts: StoryFacts,
    /// (group, activity per person in the last period before, in the latest period since).
    pub audiences: Vec<(String, Option<f64>, Option<f64>)>,
}

/// Activity per person of `group` in each period, in period order.
pub fn per_person(records: &[UsageRecord], group: &str) -> BTreeMap<String, f64> {
    let mut sums: BTreeMap<String, (f64, BTreeMap<String, ()>)> = BTreeMap::new();
    for r in records.iter().filter(|r| r.group == group) {
        let e = sums.entry(r.period.clone()).or_default();
        e.0 += r.value;
        e.1.insert(r.user.clone(), ());
    }
    sums.into_iter()
        .map(|(p, (sum, people))| (p, sum / people.len().max(1) as f64))
        .collect()
}

/// Whether `period` (a date `2026-10-05` or month `2026-10`, compared on its own length)
/// is before the day of `at`.
pub fn before(period: &str, at: DateTime<Utc>) -> bool {
    let day = at.format("%Y-%m-%d").to_string();
    let n = period.len().min(day.len());
    period[..n] < day[..n]
}

/// Builds the report rows, newest story first.
pub fn rows(mut stories: Vec<StoryFacts>, usage: &[UsageRecord]) -> Vec<ReportRow> {
    stories.sort_by(|a, b| {
        b.published_at
            .cmp(&a.published_at)
            .then(b.story.cmp(&a.story))
    });
    stories
        .into_iter()
        .map(|facts| {
            let mut groups: Vec<String> = facts
                .channels
                .iter()
                .filter_map(|(_, a)| a.clone())
                .collect();
            groups.sort();
            groups.dedup();
            let audiences = groups
                .into_iter()
                .map(|g| {
                    let series = per_person(usage, &g);
                    let pre = series
                        .iter()
                        .rev()
                        .find(|(p, _)| before(p, facts.published_at))
                        .map(|(_, v)| *v);
                    let post = series
                        .iter()
                        .rev()
                        .find(|(p, _)| !before(p, facts.published_at))
                        .map(|(_, v)| *v);
                    (g, pre, post)
                })
                .collect();
            ReportRow { facts, audiences }
        })
        .collect()
}

fn num(v: Option<f64>) -> String {
    v.map_or_else(|| "n/a".to_string(), |v| format!("{v:.1}"))
}

fn audience_text(row: &ReportRow) -> String {
    if row.audiences.is_empty() {
        return "no audience tied to its channels".to_string();
    }
    row.audiences
        .iter()
        .map(|(g, pre, post)| format!("{g}: {} before → {} since", num(*pre), num(*post)))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report as a Markdown table.
pub fn markdown(rows: &[ReportRow]) -> String {
    let mut out = String::from(
        "| Story | Hero | Headline | Published | Channels | Members | Reactions | Replies | People | Audience activity per person |\n|---|---|---|---|---|---|---|---|---|---|\n",
    );
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for r in rows {
        let f = &r.facts;
        let channels: Vec<String> = f.channels.iter().map(|(c, _)| format!("#{c}")).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            f.story,
            cell(&f.hero),
            cell(&f.headline),
            f.published_at.format("%Y-%m-%d"),
            channels.join(", "),
            f.members
                .map_or_else(|| "n/a".to_string(), |m| m.to_string()),
            f.reactions,
            f.replies,
            f.people,
            cell(&audience_text(r))
        ));
    }
    out.push_str("\nAudience figures compare the group's activity per person in the last period before publication with the latest period since; they show a change, not its cause.\n");
    out
}

/// The report as CSV, one line per story and audience (a story without one has an empty group).
pub fn csv(rows: &[ReportRow]) -> String {
    let mut w = csv::Writer::from_writer(Vec::new());
    let header = [
        "story",
        "hero",
        "headline",
        "published",
        "channels",
        "members",
        "reactions",
        "replies",
        "people",
        "audience",
        "before",
        "since",
    ];
    w.write_record(header).expect("writing to memory");
    for r in rows {
        let f = &r.facts;
        let channels: Vec<String> = f.channels.iter().map(|(c, _)| format!("#{c}")).collect();
        let base = [
            f.story.to_string(),
            f.hero.clone(),
            f.headline.clone(),
            f.published_at.format("%Y-%m-%d").to_string(),
            channels.join(" "),
            f.members.map(|m| m.to_string()).unwrap_or_default(),
            f.reactions.to_string(),
            f.replies.to_string(),
            f.people.to_string(),
        ];
        let audiences: Vec<(String, String, String)> = if r.audiences.is_empty() {
            vec![(String::new(), String::new(), String::new())]
        } else {
            r.audiences
                .iter()
                .map(|(g, pre, post)| {
                    let v = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_default();
                    (g.clone(), v(*pre), v(*post))
                })
                .collect()
        };
        for (g, pre, post) in audiences {
            let mut rec: Vec<String> = base.to_vec();
            rec.extend([g, pre, post]);
            w.write_record(&rec).expect("writing to memory");
        }
    }
    String::from_utf8(w.into_inner().expect("flushing to memory")).expect("csv output is UTF-8")
}

/// The report as Slack mrkdwn lines, for `/spotlight report` and the App Home.
pub fn mrkdwn_lines(rows: &[ReportRow]) -> Vec<String> {
    rows.iter()
        .map(|r| {
            let f = &r.facts;
            let channels: Vec<String> = f.channels.iter().map(|(c, _)| format!("<#{c}>")).collect();
            format!(
                "• Story {} ({}), {}: “{}” in {}{}: {} reactions, {} replies, {} people; {}",
                f.story,
                super::mrkdwn::escape(&f.hero),
                f.published_at.format("%Y-%m-%d"),
                super::mrkdwn::escape(&f.headline),
                channels.join(", "),
                f.members
                    .map(|m| format!(" (reach {m})"))
                    .unwrap_or_default(),
                f.reactions,
                f.replies,
                f.people,
                super::mrkdwn::escape(&audience_text(r))
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rec(user: &str, group: &str, period: &str, value: f64) -> UsageRecord {
        UsageRecord {
            line: 0,
            user: user.into(),
            group: group.into(),
            period: period.into(),
            metric: "logins".into(),
            value,
        }
    }

    fn facts() -> StoryFacts {
        StoryFacts {
            story: 1,
            hero: "Maria".into(),
            headline: "Two hours back | every Friday".into(),
            published_at: Utc.with_ymd_and_hms(2026, 10, 15, 9, 0, 0).unwrap(),
            channels: vec![("wins".into(), Some("APAC".into())), ("sales".into(), None)],
            members: Some(120),
            reactions: 5,
            replies: 2,
            people: 4,
        }
    }

    #[test]
    fn the_audience_is_compared_before_and_after_publication() {
        let usage = vec![
            rec("a", "APAC", "2026-08", 2.0),
            rec("b", "APAC", "2026-09", 4.0),
            rec("c", "APAC", "2026-09", 6.0),
            rec("b", "APAC", "2026-10", 8.0),
            rec("c", "APAC", "2026-11", 10.0),
            rec("d", "APAC", "2026-11", 20.0),
            rec("x", "EMEA", "2026-11", 99.0),
        ];
        let rows = rows(vec![facts()], &usage);
        // Before: September (the last month before 15 October), 5 per person.
        // Since: November, the latest period from October on, 15 per person.
        assert_eq!(
            rows[0].audiences,
            vec![("APAC".to_string(), Some(5.0), Some(15.0))]
        );
        let md = markdown(&rows);
        assert!(md.contains("APAC: 5.0 before → 15.0 since"), "{md}");
        assert!(
            md.contains("Two hours back \\| every Friday"),
            "pipes escaped: {md}"
        );
        let csv = csv(&rows);
        assert!(csv.contains("1,Maria,Two hours back | every Friday,2026-10-15,#wins #sales,120,5,2,4,APAC,5.00,15.00"), "{csv}");
    }

    #[test]
    fn a_story_without_an_audience_or_data_says_so() {
        let mut f = facts();
        f.channels = vec![("wins".into(), None)];
        let rows = rows(
            vec![
                f.clone(),
                StoryFacts {
                    story: 2,
                    channels: vec![("x".into(), Some("LATAM".into()))],
                    ..f
                },
            ],
            &[],
        );
        assert!(markdown(&rows).contains("no audience tied to its channels"));
        assert!(markdown(&rows).contains("LATAM: n/a before → n/a since"));
    }
}

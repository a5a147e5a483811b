//! The results report: per published story, its reach, the conversation it started, and
//! where usage data exists, an honest before/after of its audience.
//!
//! Invariants: a story's publication splits the audience's periods (time ranges) into
//! wholly before, the one containing it, and wholly after; the containing period is
//! shown apart and counts on neither side. "Before" is the mean of the last few wholly
//! before; "after" the mean of those wholly after (up to the next story to the same
//! group), with how many; with none after, the answer is "not enough data yet", never a
//! number. Beside each change stands the change of the groups that had no story in
//! that window (difference in differences). A group is measured in one length of period
//! (the kind most of its periods have), never weeks and months mixed. Metrics are
//! combined only once normalised, each by its own average. It shows a change, not its
//! cause, and says so. Cells a spreadsheet would run as formulas are neutralised in the
//! CSV.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{DateTime, Utc};

use super::period::{Kind, Period, Relation};
use super::texts::{english, Arg, Texts};
use super::usage::{is_system_account, UsageRecord};

/// How many wholly-before periods make the baseline.
pub const BASELINE_PERIODS: usize = 3;

/// The name of the combined, normalised measure.
pub const COMBINED: &str = "Combined (normalised)";

/// What is known of one published story.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryFacts {
    pub story: i64,
    pub hero: String,
    pub headline: String,
    pub published_at: DateTime<Utc>,
    /// Where it was posted.
    pub channels: Vec<Place>,
    /// How many people the posts could reach (channel members), where known.
    pub members: Option<i64>,
    pub reactions: i64,
    pub replies: i64,
    pub people: i64,
}

/// A destination a story was posted to.
#[derive(Debug, Clone, PartialEq)]
pub struct Place {
    /// As documents name it: `#wins`, the Chatter group “Sales”, news@acme.com.
    pub plain: String,
    /// As Slack shows it (mrkdwn): `<#C0123>`, …
    pub mrkdwn: String,
    /// The usage group tied to it, if any.
    pub audience: Option<String>,
}

impl Place {
    pub fn new(plain: &str, mrkdwn: &str, audience: Option<&str>) -> Place {
        Place {
            plain: plain.to_string(),
            mrkdwn: mrkdwn.to_string(),
            audience: audience.map(str::to_string),
        }
    }
}

/// One measure (a metric, or all combined) before, during and after a publication.
#[derive(Debug, Clone, PartialEq)]
pub struct Change {
    pub measure: String,
    /// Per person, mean of the baseline periods.
    pub before: Option<f64>,
    /// Per person, in the period containing the publication.
    pub during: Option<f64>,
    /// Per person, mean of the periods wholly after.
    pub after: Option<f64>,
    /// The same for the groups without a story in the window.
    pub others_before: Option<f64>,
    pub others_after: Option<f64>,
}

impl Change {
    pub fn change(&self) -> Option<f64> {
        Some(self.after? - self.before?)
    }

    pub fn others_change(&self) -> Option<f64> {
        Some(self.others_after? - self.others_before?)
    }

    /// The group's change beyond the others' (difference in differences).
    pub fn difference(&self) -> Option<f64> {
        Some(self.change()? - self.others_change()?)
    }
}

/// An audience's before/after around one story.
#[derive(Debug, Clone, PartialEq)]
pub struct AudienceChange {
    pub group: String,
    /// The baseline: the last wholly-before periods, oldest first.
    pub before: Vec<Period>,
    /// The period containing the publication, shown apart.
    pub during: Option<Period>,
    /// The wholly-after periods counted, oldest first.
    pub after: Vec<Period>,
    /// The groups compared with: no story for them in the window.
    pub others: Vec<String>,
    /// One per metric, then the combined measure last.
    pub changes: Vec<Change>,
}

impl AudienceChange {
    pub fn combined(&self) -> Option<&Change> {
        self.changes.iter().find(|c| c.measure == COMBINED)
    }
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq)]
pub struct ReportRow {
    pub facts: StoryFacts,
    pub audiences: Vec<AudienceChange>,
}

/// Per period: how many people, and each metric's total.
type Series = BTreeMap<Period, (usize, BTreeMap<String, f64>)>;

/// Usage figures summed per period for the groups `in_group` accepts (system accounts
/// left out).
fn series(usage: &[UsageRecord], in_group: impl Fn(&str) -> bool) -> Series {
    let mut acc: BTreeMap<Period, (BTreeSet<&str>, BTreeMap<String, f64>)> = BTreeMap::new();
    for r in usage
        .iter()
        .filter(|r| in_group(&r.group) && !is_system_account(&r.user))
    {
        let e = acc.entry(r.period).or_default();
        e.0.insert(&r.user);
        *e.1.entry(r.metric.clone()).or_default() += r.value;
    }
    acc.into_iter()
        .map(|(p, (people, sums))| (p, (people.len(), sums)))
        .collect()
}

/// A series kept to one length of period: the kind most of its periods have (the shorter
/// on a tie). Figures imported by week and by month overlap; mixing them would count
/// the same activity twice and compare a week with a month.
fn one_kind(mut series: Series) -> Series {
    let mut counts: BTreeMap<Kind, usize> = BTreeMap::new();
    for p in series.keys() {
        *counts.entry(p.kind()).or_default() += 1;
    }
    if let Some((kind, _)) = counts
        .iter()
        .max_by_key(|(k, n)| (**n, std::cmp::Reverse(**k)))
    {
        let kind = *kind;
        series.retain(|p, _| p.kind() == kind);
    }
    series
}

/// Each metric's average per person and period, over everyone: what a metric is divided
/// by before metrics are combined.
pub fn scales(usage: &[UsageRecord]) -> BTreeMap<String, f64> {
    let mut sums: BTreeMap<&str, f64> = BTreeMap::new();
    let mut person_periods: BTreeSet<(Period, &str)> = BTreeSet::new();
    for r in usage.iter().filter(|r| !is_system_account(&r.user)) {
        *sums.entry(&r.metric).or_default() += r.value;
        person_periods.insert((r.period, &r.user));
    }
    let n = person_periods.len().max(1) as f64;
    sums.into_iter()
        .filter(|(_, s)| *s > 0.0)
        .map(|(m, s)| (m.to_string(), s / n))
        .collect()
}

/// A measure per person in one period of a series.
fn per_person(
    series: &Series,
    period: &Period,
    measure: &str,
    scales: &BTreeMap<String, f64>,
) -> Option<f64> {
    let (people, sums) = series.get(period)?;
    let people = (*people).max(1) as f64;
    if measure == COMBINED {
        if scales.is_empty() {
            return None;
        }
        let total: f64 = scales
            .iter()
            .map(|(m, scale)| sums.get(m).copied().unwrap_or(0.0) / people / scale)
            .sum();
        Some(total / scales.len() as f64)
    } else {
        Some(sums.get(measure).copied().unwrap_or(0.0) / people)
    }
}

fn mean_over(
    series: &Series,
    periods: &[Period],
    measure: &str,
    scales: &BTreeMap<String, f64>,
) -> Option<f64> {
    let values: Vec<f64> = periods
        .iter()
        .filter_map(|p| per_person(series, p, measure, scales))
        .collect();
    (!values.is_empty()).then(|| values.iter().sum::<f64>() / values.len() as f64)
}

/// The combined, normalised activity per person of every group in each period: what the
/// chart draws.
pub fn combined_by_group(usage: &[UsageRecord]) -> BTreeMap<String, BTreeMap<Period, f64>> {
    let scales = scales(usage);
    let groups: BTreeSet<&str> = usage
        .iter()
        .map(|r| r.group.as_str())
        .filter(|g| !g.is_empty())
        .collect();
    groups
        .into_iter()
        .map(|g| {
            let s = one_kind(series(usage, |x| x == g));
            let values = s
                .keys()
                .filter_map(|p| per_person(&s, p, COMBINED, &scales).map(|v| (*p, v)))
                .collect();
            (g.to_string(), values)
        })
        .collect()
}

/// The audience `group` around a story published `at`; `stories` are every story's
/// publication and groups (to cut "after" at the next story to this group, and to choose
/// the groups to compare with).
fn compare(
    group: &str,
    at: DateTime<Utc>,
    usage: &[UsageRecord],
    stories: &[(DateTime<Utc>, Vec<String>)],
    scales: &BTreeMap<String, f64>,
) -> AudienceChange {
    let mine = one_kind(series(usage, |g| g == group));
    let instant = at.naive_utc();
    let next = stories
        .iter()
        .filter(|(t, gs)| *t > at && gs.iter().any(|g| g == group))
        .map(|(t, _)| t.naive_utc())
        .min();
    let mut before: Vec<Period> = Vec::new();
    let mut during = None;
    let mut after = Vec::new();
    for p in mine.keys() {
        match p.relation(instant) {
            Relation::WhollyBefore => before.push(*p),
            Relation::Contains => during = during.or(Some(*p)),
            Relation::WhollyAfter => {
                if next.is_none_or(|n| p.relation(n) == Relation::WhollyBefore) {
                    after.push(*p);
                }
            }
        }
    }
    before.sort_by_key(|p| (p.end(), p.start()));
    let before = before.split_off(before.len().saturating_sub(BASELINE_PERIODS));
    // The window the comparison covers; a group with a story inside it is no comparison.
    let from = before
        .first()
        .or(during.as_ref())
        .map(|p| p.start().and_hms_opt(0, 0, 0).expect("midnight exists"));
    let to = after
        .iter()
        .map(|p| p.end())
        .max()
        .map(|d| d.and_hms_opt(0, 0, 0).expect("midnight exists"));
    let all_groups: BTreeSet<&str> = usage
        .iter()
        .map(|r| r.group.as_str())
        .filter(|g| !g.is_empty() && *g != group)
        .collect();
    let others: Vec<String> = all_groups
        .into_iter()
        .filter(|g| {
            !stories.iter().any(|(t, gs)| {
                let t = t.naive_utc();
                gs.iter().any(|x| x == g)
                    && from.is_none_or(|f| t >= f)
                    && t < to.unwrap_or(instant)
            })
        })
        .map(str::to_string)
        .collect();
    let theirs = series(usage, |g| others.iter().any(|o| o == g));
    let mut measures: Vec<String> = mine
        .values()
        .flat_map(|(_, sums)| sums.keys().cloned())
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    measures.push(COMBINED.to_string());
    let changes = measures
        .into_iter()
        .map(|m| Change {
            before: mean_over(&mine, &before, &m, scales),
            during: during.and_then(|p| per_person(&mine, &p, &m, scales)),
            after: mean_over(&mine, &after, &m, scales),
            others_before: mean_over(&theirs, &before, &m, scales),
            others_after: mean_over(&theirs, &after, &m, scales),
            measure: m,
        })
        .collect();
    AudienceChange {
        group: group.to_string(),
        before,
        during,
        after,
        others,
        changes,
    }
}

/// Builds the report rows, newest story first.
pub fn rows(mut stories: Vec<StoryFacts>, usage: &[UsageRecord]) -> Vec<ReportRow> {
    stories.sort_by(|a, b| {
        b.published_at
            .cmp(&a.published_at)
            .then(b.story.cmp(&a.story))
    });
    let scales = scales(usage);
    let timeline: Vec<(DateTime<Utc>, Vec<String>)> = stories
        .iter()
        .map(|s| (s.published_at, audience_groups(s)))
        .collect();
    stories
        .into_iter()
        .map(|facts| {
            let audiences = audience_groups(&facts)
                .into_iter()
                .map(|g| compare(&g, facts.published_at, usage, &timeline, &scales))
                .collect();
            ReportRow { facts, audiences }
        })
        .collect()
}

fn audience_groups(facts: &StoryFacts) -> Vec<String> {
    let mut groups: Vec<String> = facts
        .channels
        .iter()
        .filter_map(|p| p.audience.clone())
        .collect();
    groups.sort();
    groups.dedup();
    groups
}

/// The report's words in one language: the texts and the language.
#[derive(Clone, Copy)]
pub struct Words<'a> {
    pub texts: &'a Texts,
    pub lang: &'a str,
}

impl<'a> Words<'a> {
    pub fn new(texts: &'a Texts, lang: &'a str) -> Words<'a> {
        Words { texts, lang }
    }

    /// The shipped English.
    pub fn english() -> Words<'static> {
        Words {
            texts: english(),
            lang: "en",
        }
    }

    fn get(&self, id: &str, args: &[(&str, Arg)]) -> String {
        self.texts.get(self.lang, id, args)
    }

    /// What stands where there is no number.
    fn none(&self) -> String {
        self.get("report-no-number", &[])
    }

    /// A number written as the language writes it (`12,5` in French).
    fn written(&self, number: String) -> String {
        number.replace('.', &self.get("decimal-point", &[]))
    }

    fn num(&self, v: Option<f64>, measure: &str) -> String {
        match v {
            None => self.none(),
            Some(v) if measure == COMBINED => self.written(format!("{v:.2}")),
            Some(v) => self.written(format!("{v:.1}")),
        }
    }

    fn signed(&self, v: Option<f64>, measure: &str) -> String {
        match v {
            None => self.none(),
            Some(v) if measure == COMBINED => self.written(format!("{v:+.2}")),
            Some(v) => self.written(format!("{v:+.1}")),
        }
    }

    /// A measure's name: a metric as the file named it, or the combined measure's.
    fn measure(&self, measure: &str) -> String {
        if measure == COMBINED {
            self.get("report-combined", &[])
        } else {
            measure.to_string()
        }
    }

    /// A list of labels, or the word for none.
    fn or_none(&self, s: &str) -> String {
        if s.is_empty() {
            self.get("report-none", &[])
        } else {
            s.to_string()
        }
    }
}

fn labels(periods: &[Period]) -> String {
    periods
        .iter()
        .map(Period::label)
        .collect::<Vec<_>>()
        .join(", ")
}

/// One audience in a sentence: the combined measure, or why there is no number.
pub fn audience_summary(a: &AudienceChange, w: Words) -> String {
    let group = Arg::from(&a.group);
    let during = a
        .during
        .map(|p| p.label())
        .filter(|l| !l.is_empty())
        .map(|l| w.get("report-during", &[("period", Arg::from(&l))]))
        .unwrap_or_default();
    let during = Arg::from(&during);
    if a.after.is_empty() || a.before.is_empty() {
        let missing = if a.after.is_empty() {
            "after"
        } else {
            "before"
        };
        return w.get(
            "report-audience-too-soon",
            &[
                ("group", group),
                ("missing", missing.into()),
                ("during", during),
            ],
        );
    }
    let Some(c) = a.combined() else {
        return w.get("report-audience-no-activity", &[("group", group)]);
    };
    let others = match c.others_change() {
        Some(o) => w.get(
            "report-others",
            &[
                ("change", Arg::from(&w.signed(Some(o), COMBINED))),
                ("difference", Arg::from(&w.signed(c.difference(), COMBINED))),
            ],
        ),
        None => w.get("report-no-others", &[]),
    };
    w.get(
        "report-audience",
        &[
            ("group", group),
            ("before", Arg::from(&w.num(c.before, COMBINED))),
            ("periods-before", Arg::from(a.before.len())),
            ("after", Arg::from(&w.num(c.after, COMBINED))),
            ("periods-after", Arg::from(a.after.len())),
            ("change", Arg::from(&w.signed(c.change(), COMBINED))),
            ("others", Arg::from(&others)),
            ("during", during),
        ],
    )
}

fn audience_text(row: &ReportRow, w: Words) -> String {
    if row.audiences.is_empty() {
        return w.get("report-no-audience", &[]);
    }
    row.audiences
        .iter()
        .map(|a| audience_summary(a, w))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The report as Markdown in the shipped English (`markdown_in` says it in a language).
pub fn markdown(rows: &[ReportRow]) -> String {
    markdown_in(rows, Words::english())
}

/// The report as Markdown: a table of stories, then each audience's measures.
pub fn markdown_in(rows: &[ReportRow], w: Words) -> String {
    let mut out = w.get("report-table-head", &[]);
    out.push_str("\n|---|---|---|---|---|---|---|---|---|---|\n");
    let cell = |s: &str| s.replace('|', "\\|").replace('\n', " ");
    for r in rows {
        let f = &r.facts;
        let channels: Vec<&str> = f.channels.iter().map(|p| p.plain.as_str()).collect();
        out.push_str(&format!(
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
            f.story,
            cell(&f.hero),
            cell(&f.headline),
            f.published_at.format("%Y-%m-%d"),
            channels.join(", "),
            f.members.map_or_else(|| w.none(), |m| m.to_string()),
            f.reactions,
            f.replies,
            f.people,
            cell(&audience_text(r, w))
        ));
    }
    for r in rows {
        for a in r.audiences.iter().filter(|a| !a.changes.is_empty()) {
            let during = a.during.map(|p| p.label()).filter(|l| !l.is_empty());
            let published = r
                .facts
                .published_at
                .format("%Y-%m-%d %H:%M UTC")
                .to_string();
            out.push_str(&format!(
                "\n### {}\n\n{}\n\n",
                w.get(
                    "report-audience-heading",
                    &[
                        ("story", Arg::from(r.facts.story)),
                        ("group", Arg::from(&cell(&a.group))),
                    ],
                ),
                w.get(
                    "report-audience-periods",
                    &[
                        ("baseline", Arg::from(BASELINE_PERIODS)),
                        ("before", Arg::from(&w.or_none(&labels(&a.before)))),
                        ("published", Arg::from(&published)),
                        ("during", Arg::from(&w.or_none(&during.unwrap_or_default()))),
                        ("after-count", Arg::from(a.after.len())),
                        ("after", Arg::from(&w.or_none(&labels(&a.after)))),
                        ("others", Arg::from(&w.or_none(&a.others.join(", ")))),
                    ],
                ),
            ));
            out.push_str(&w.get("report-measures-head", &[]));
            out.push_str("\n|---|---|---|---|---|---|---|\n");
            for c in &a.changes {
                let m = c.measure.as_str();
                let (after, change) = if a.after.is_empty() {
                    (w.get("report-too-soon", &[]), w.none())
                } else {
                    (w.num(c.after, m), w.signed(c.change(), m))
                };
                out.push_str(&format!(
                    "| {} | {} | {} | {after} | {change} | {} | {} |\n",
                    cell(&w.measure(m)),
                    w.num(c.before, m),
                    w.num(c.during, m),
                    w.signed(c.others_change(), m),
                    w.signed(c.difference(), m)
                ));
            }
        }
    }
    out.push_str(&format!("\n{}\n", w.get("report-caveat", &[])));
    out
}

/// A text cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading apostrophe (OWASP's advice for CSV injection).
pub fn spreadsheet_safe(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

/// The report as CSV in the shipped English (`csv_in` says it in a language).
pub fn csv(rows: &[ReportRow]) -> String {
    csv_in(rows, Words::english())
}

/// The report as CSV: one line per story, audience and measure (a story without an
/// audience has one line with those cells empty). The header names the columns for
/// programs and stays the same in every language; the cells' words are in `w`'s.
pub fn csv_in(rows: &[ReportRow], words: Words) -> String {
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
        "measure",
        "periods_before",
        "before",
        "publication_period",
        "during",
        "periods_after",
        "after",
        "change",
        "others",
        "others_change",
        "difference",
    ];
    w.write_record(header).expect("writing to memory");
    let v = |x: Option<f64>| x.map(|v| format!("{v:.2}")).unwrap_or_default();
    for r in rows {
        let f = &r.facts;
        let channels: Vec<&str> = f.channels.iter().map(|p| p.plain.as_str()).collect();
        let base = [
            f.story.to_string(),
            spreadsheet_safe(&f.hero),
            spreadsheet_safe(&f.headline),
            f.published_at.format("%Y-%m-%d").to_string(),
            spreadsheet_safe(&channels.join(" ")),
            f.members.map(|m| m.to_string()).unwrap_or_default(),
            f.reactions.to_string(),
            f.replies.to_string(),
            f.people.to_string(),
        ];
        let mut lines: Vec<Vec<String>> = Vec::new();
        for a in &r.audiences {
            for c in &a.changes {
                let after = if a.after.is_empty() {
                    words.get("report-too-soon", &[])
                } else {
                    v(c.after)
                };
                lines.push(vec![
                    spreadsheet_safe(&a.group),
                    spreadsheet_safe(&words.measure(&c.measure)),
                    a.before
                        .iter()
                        .map(Period::label)
                        .collect::<Vec<_>>()
                        .join(" "),
                    v(c.before),
                    a.during.map(|p| p.label()).unwrap_or_default(),
                    v(c.during),
                    a.after.len().to_string(),
                    after,
                    v(c.change()),
                    spreadsheet_safe(&a.others.join(" ")),
                    v(c.others_change()),
                    v(c.difference()),
                ]);
            }
        }
        if lines.is_empty() {
            lines.push(vec![String::new(); header.len() - base.len()]);
        }
        for line in lines {
            let mut rec: Vec<String> = base.to_vec();
            rec.extend(line);
            w.write_record(&rec).expect("writing to memory");
        }
    }
    String::from_utf8(w.into_inner().expect("flushing to memory")).expect("csv output is UTF-8")
}

/// The report as Slack mrkdwn lines in the shipped English (`mrkdwn_lines_in` says it
/// in the reader's language).
pub fn mrkdwn_lines(rows: &[ReportRow]) -> Vec<String> {
    mrkdwn_lines_in(rows, Words::english())
}

/// The report as Slack mrkdwn lines, for `/spotlight report` and the App Home.
pub fn mrkdwn_lines_in(rows: &[ReportRow], w: Words) -> Vec<String> {
    use super::mrkdwn::escape;
    rows.iter()
        .map(|r| {
            let f = &r.facts;
            let channels: Vec<&str> = f.channels.iter().map(|p| p.mrkdwn.as_str()).collect();
            w.get(
                "report-story-line",
                &[
                    ("story", Arg::from(f.story)),
                    ("hero", Arg::from(&escape(&f.hero))),
                    (
                        "date",
                        Arg::from(&f.published_at.format("%Y-%m-%d").to_string()),
                    ),
                    ("headline", Arg::from(&escape(&f.headline))),
                    ("channels", Arg::from(&channels.join(", "))),
                    (
                        "reached",
                        Arg::from(if f.members.is_some() { "yes" } else { "no" }),
                    ),
                    ("reach", Arg::from(f.members.unwrap_or_default())),
                    ("reactions", Arg::from(f.reactions)),
                    ("replies", Arg::from(f.replies)),
                    ("people", Arg::from(f.people)),
                    ("audiences", Arg::from(&escape(&audience_text(r, w)))),
                ],
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn rec(user: &str, group: &str, period: &str, metric: &str, value: f64) -> UsageRecord {
        UsageRecord {
            line: 0,
            user: user.into(),
            group: group.into(),
            period: Period::from_label(period).unwrap(),
            metric: metric.into(),
            value,
        }
    }

    fn facts() -> StoryFacts {
        StoryFacts {
            story: 1,
            hero: "Maria".into(),
            headline: "Two hours back | every Friday".into(),
            published_at: Utc.with_ymd_and_hms(2026, 10, 15, 9, 0, 0).unwrap(),
            channels: vec![
                Place::new("#wins", "#wins", Some("APAC")),
                Place::new("#sales", "#sales", None),
            ],
            members: Some(120),
            reactions: 5,
            replies: 2,
            people: 4,
        }
    }

    /// APAC: 2 per person in June–September, 50 in October (the publication's month),
    /// 8 in November and December. EMEA, no story: 10 throughout, 12 after.
    fn usage() -> Vec<UsageRecord> {
        let mut u = vec![];
        for (month, apac, emea) in [
            ("2026-06", 2.0, 10.0),
            ("2026-07", 2.0, 10.0),
            ("2026-08", 2.0, 10.0),
            ("2026-09", 2.0, 10.0),
            ("2026-10", 50.0, 10.0),
            ("2026-11", 8.0, 12.0),
            ("2026-12", 8.0, 12.0),
        ] {
            for who in ["a", "b"] {
                u.push(rec(who, "APAC", month, "logins", apac));
                u.push(rec(&format!("e{who}"), "EMEA", month, "logins", emea));
            }
        }
        u
    }

    #[test]
    fn the_period_containing_the_publication_counts_on_neither_side() {
        let rows = rows(vec![facts()], &usage());
        let a = &rows[0].audiences[0];
        assert_eq!(labels(&a.before), "2026-07, 2026-08, 2026-09");
        assert_eq!(a.during.unwrap().label(), "2026-10");
        assert_eq!(labels(&a.after), "2026-11, 2026-12");
        assert_eq!(a.others, ["EMEA"]);
        let logins = &a.changes[0];
        assert_eq!(
            (logins.before, logins.during, logins.after),
            (Some(2.0), Some(50.0), Some(8.0))
        );
        assert_eq!(logins.change(), Some(6.0));
        assert_eq!(logins.others_change(), Some(2.0));
        assert_eq!(logins.difference(), Some(4.0));
        let md = markdown(&rows);
        assert!(
            md.contains("| logins | 2.0 | 50.0 | 8.0 | +6.0 | +2.0 | +4.0 |"),
            "{md}"
        );
        assert!(
            md.contains("Two hours back \\| every Friday"),
            "pipes escaped: {md}"
        );
        assert!(md.contains("not its cause"), "{md}");
    }

    #[test]
    fn without_a_period_wholly_after_the_answer_is_not_enough_data_yet() {
        let early: Vec<UsageRecord> = usage()
            .into_iter()
            .filter(|r| r.period.label().as_str() <= "2026-10")
            .collect();
        let rows = rows(vec![facts()], &early);
        let a = &rows[0].audiences[0];
        assert!(a.after.is_empty());
        let text = audience_summary(a, Words::english());
        assert!(text.starts_with("APAC: not enough data yet"), "{text}");
        assert!(!text.contains("50"), "{text}");
        let md = markdown(&rows);
        assert!(
            md.contains("| logins | 2.0 | 50.0 | not enough data yet | n/a |"),
            "{md}"
        );
    }

    #[test]
    fn after_stops_at_the_next_story_to_the_same_group_and_busy_groups_are_no_comparison() {
        let mut emea = facts();
        emea.story = 2;
        emea.published_at = Utc.with_ymd_and_hms(2026, 11, 10, 9, 0, 0).unwrap();
        emea.channels = vec![Place::new("#emea", "#emea", Some("EMEA"))];
        let mut third = facts();
        third.story = 3;
        third.published_at = Utc.with_ymd_and_hms(2026, 12, 3, 9, 0, 0).unwrap();
        let rows = rows(vec![facts(), emea, third], &usage());
        let first = &rows[2].audiences[0];
        assert_eq!(rows[2].facts.story, 1);
        assert_eq!(labels(&first.after), "2026-11", "December holds story 2");
        assert!(
            first.others.is_empty(),
            "EMEA had story 2 in the window: {first:?}"
        );
        assert_eq!(first.changes[0].others_change(), None);
    }

    #[test]
    fn weeks_imported_beside_months_are_not_mixed_into_the_comparison() {
        let mut u = usage();
        for week in ["2026-W46", "2026-W49", "2026-W50"] {
            u.push(rec("a", "APAC", week, "logins", 1000.0));
        }
        let rows = rows(vec![facts()], &u);
        let a = &rows[0].audiences[0];
        assert_eq!(labels(&a.after), "2026-11, 2026-12");
        assert_eq!(a.changes[0].after, Some(8.0));
        let chart = combined_by_group(&u);
        assert!(chart["APAC"].keys().all(|p| p.kind() == Kind::Month));
    }

    #[test]
    fn metrics_are_combined_only_once_normalised() {
        let mut u = usage();
        for r in u.clone() {
            // A second metric counted in hundreds, flat for everyone.
            u.push(UsageRecord {
                metric: "views".into(),
                value: 500.0,
                ..r
            });
        }
        let rows = rows(vec![facts()], &u);
        let c = rows[0].audiences[0].combined().unwrap().clone();
        // Logins average 296 over 28 person-periods; views 500, so they weigh 1 each.
        let scale = (2.0 * 4.0 + 50.0 + 16.0 + 40.0 + 10.0 + 24.0) / 14.0;
        let expect = |logins: f64| (logins / scale + 1.0) / 2.0;
        assert!((c.before.unwrap() - expect(2.0)).abs() < 1e-9);
        assert!((c.after.unwrap() - expect(8.0)).abs() < 1e-9);
    }

    #[test]
    fn formula_like_cells_are_neutralised_in_the_csv() {
        let mut f = facts();
        f.hero = "=HYPERLINK(\"http://x\")".into();
        f.headline = "+1 for Fridays".into();
        f.channels = vec![Place::new("-wins@x.com", "-wins@x.com", Some("@APAC"))];
        let csv = csv(&rows(vec![f], &usage()));
        assert!(
            csv.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'+1 for Fridays"),
            "{csv}"
        );
        assert!(csv.contains(",'@APAC,Combined (normalised),"), "{csv}");
        assert!(csv.contains(",'-wins@x.com,"), "{csv}");
        assert!(
            !csv.contains(",=") && !csv.contains(",+1") && !csv.contains(",@"),
            "{csv}"
        );
        assert_eq!(spreadsheet_safe("-3"), "'-3");
        assert_eq!(spreadsheet_safe("Maria"), "Maria");
    }

    #[test]
    fn a_story_without_an_audience_or_data_says_so() {
        let mut f = facts();
        f.channels = vec![Place::new("#wins", "#wins", None)];
        let rows = rows(
            vec![
                f.clone(),
                StoryFacts {
                    story: 2,
                    channels: vec![Place::new("#x", "#x", Some("LATAM"))],
                    ..f
                },
            ],
            &[],
        );
        assert!(markdown(&rows).contains("no audience tied to its channels"));
        assert!(markdown(&rows).contains("LATAM: not enough data yet"));
        assert!(csv(&rows).lines().all(|l| l.split(',').count() >= 21));
    }
}

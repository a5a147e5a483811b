//! Usage data from the company tool: reading an exported CSV, and finding likely power
//! users (candidates) and the groups whose adoption lags (audiences).
//!
//! Reading is all-or-nothing: a file with any bad line is reported line by line and
//! nothing from it is used.

use std::collections::{BTreeMap, BTreeSet, HashSet};

/// Which column holds what, found from the header row (or given by the admin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub user: usize,
    pub group: Option<usize>,
    pub period: Option<usize>,
    /// Numeric activity columns: (index, name).
    pub metrics: Vec<(usize, String)>,
}

/// Column names the admin sets explicitly (by header name), overriding detection.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnHints {
    pub user: Option<String>,
    pub group: Option<String>,
    pub period: Option<String>,
    pub metrics: Vec<String>,
}

/// One usage figure: a person's value of one metric in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageRecord {
    pub line: usize,
    /// As written in the file: an email, a Slack user ID or a @handle.
    pub user: String,
    pub group: String,
    pub period: String,
    pub metric: String,
    pub value: f64,
}

/// A line that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub message: String,
}

const USER_NAMES: &[&str] = &[
    "email",
    "e-mail",
    "user email",
    "user",
    "user id",
    "slack id",
    "slack user",
    "owner",
    "owner email",
];
const GROUP_NAMES: &[&str] = &[
    "group",
    "team",
    "region",
    "role",
    "department",
    "division",
    "office",
    "business unit",
];
const PERIOD_NAMES: &[&str] = &["date", "period", "month", "week", "day", "quarter"];

fn norm(s: &str) -> String {
    s.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '.'], " ")
}

fn find(
    headers: &[String],
    wanted: Option<&String>,
    names: &[&str],
) -> Result<Option<usize>, String> {
    if let Some(w) = wanted {
        return headers
            .iter()
            .position(|h| norm(h) == norm(w))
            .map(Some)
            .ok_or_else(|| {
                format!(
                    "there is no column named \"{w}\"; the columns are: {}",
                    headers.join(", ")
                )
            });
    }
    Ok(names
        .iter()
        .find_map(|n| headers.iter().position(|h| norm(h) == *n)))
}

/// Reads a usage export. Metrics are, unless named, every other column whose values
/// are all numbers (blank counts as 0).
pub fn parse_csv(
    text: &str,
    hints: &ColumnHints,
) -> Result<(Columns, Vec<UsageRecord>), Vec<LineError>> {
    let text = text.trim_start_matches('\u{feff}');
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .from_reader(text.as_bytes());
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(str::to_string).collect(),
        Err(e) => {
            return Err(vec![LineError {
                line: 1,
                message: format!("the header row cannot be read: {e}"),
            }])
        }
    };
    let whole = |message: String| vec![LineError { line: 1, message }];
    let user = match find(&headers, hints.user.as_ref(), USER_NAMES) {
        Ok(Some(i)) => i,
        Ok(None) => {
            return Err(whole(format!(
                "no user column found (looked for {}); name it with --user-column",
                USER_NAMES.join(", ")
            )))
        }
        Err(e) => return Err(whole(e)),
    };
    let group = find(&headers, hints.group.as_ref(), GROUP_NAMES).map_err(whole)?;
    let period = find(&headers, hints.period.as_ref(), PERIOD_NAMES).map_err(whole)?;

    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut errors = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let line = i + 2;
        match record {
            Ok(r) => {
                let fields: Vec<String> = r.iter().map(|f| f.trim().to_string()).collect();
                if fields.iter().all(String::is_empty) {
                    continue;
                }
                let line = r.position().map_or(line, |p| p.line() as usize);
                rows.push((line, fields));
            }
            Err(e) => errors.push(LineError {
                line,
                message: format!("cannot be read: {e}"),
            }),
        }
    }
    let taken: BTreeSet<usize> = [Some(user), group, period].into_iter().flatten().collect();
    let metrics: Vec<(usize, String)> = if hints.metrics.is_empty() {
        headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !taken.contains(i) && !h.trim().is_empty())
            .filter(|(i, _)| {
                rows.iter().all(|(_, f)| {
                    f.get(*i)
                        .is_none_or(|v| v.is_empty() || number(v).is_some())
                }) && rows
                    .iter()
                    .any(|(_, f)| f.get(*i).is_some_and(|v| number(v).is_some()))
            })
            .map(|(i, h)| (i, h.trim().to_string()))
            .collect()
    } else {
        let mut m = Vec::new();
        for name in &hints.metrics {
            match find(&headers, Some(name), &[]) {
                Ok(Some(i)) => m.push((i, headers[i].trim().to_string())),
                Ok(None) => unreachable!("a named column is found or an error"),
                Err(e) => return Err(whole(e)),
            }
        }
        m
    };
    if metrics.is_empty() {
        return Err(whole(
            "no numeric activity column found; name them with --metric".to_string(),
        ));
    }
    let mut records = Vec::new();
    for (line, fields) in rows {
        let get = |i: usize| fields.get(i).map(String::as_str).unwrap_or("");
        let who = get(user);
        if who.is_empty() {
            errors.push(LineError {
                line,
                message: format!("the user ({}) is empty", headers[user]),
            });
            continue;
        }
        for (i, name) in &metrics {
            let raw = get(*i);
            let value = if raw.is_empty() {
                Some(0.0)
            } else {
                number(raw)
            };
            match value {
                Some(value) => records.push(UsageRecord {
                    line,
                    user: who.to_string(),
                    group: group.map(get).unwrap_or("").to_string(),
                    period: period.map(get).unwrap_or("").to_string(),
                    metric: name.clone(),
                    value,
                }),
                None => errors.push(LineError {
                    line,
                    message: format!("{name} is \"{raw}\", not a number"),
                }),
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    Ok((
        Columns {
            user,
            group,
            period,
            metrics,
        },
        records,
    ))
}

/// A number as exports write them: `1,234.5`, `12`, `-3`, `45%`.
fn number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .trim()
        .trim_end_matches('%')
        .chars()
        .filter(|c| *c != ',' && *c != ' ')
        .collect();
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// A likely power user, with the numbers that justify it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub user: String,
    pub group: String,
    /// Periods in which they were in the top quarter of everyone.
    pub top_periods: usize,
    pub periods: usize,
    /// Their average share of the period's best value, 0–100.
    pub score: f64,
}

/// A group and its adoption: the average per-person activity, latest period.
#[derive(Debug, Clone, PartialEq)]
pub struct Audience {
    pub group: String,
    pub people: usize,
    pub average: f64,
}

/// Sums the chosen metrics per (user, period), so several metrics count together.
fn totals(records: &[UsageRecord]) -> BTreeMap<(String, String), (String, f64)> {
    let mut out: BTreeMap<(String, String), (String, f64)> = BTreeMap::new();
    for r in records {
        let e = out
            .entry((r.period.clone(), r.user.clone()))
            .or_insert((r.group.clone(), 0.0));
        e.1 += r.value;
    }
    out
}

/// Ranks people who are consistently near the top, leaving out those already featured.
pub fn candidates(
    records: &[UsageRecord],
    featured: &HashSet<String>,
    limit: usize,
) -> Vec<Candidate> {
    let totals = totals(records);
    let periods: BTreeSet<&String> = totals.keys().map(|(p, _)| p).collect();
    let mut per_user: BTreeMap<String, (String, usize, usize, f64)> = BTreeMap::new();
    for period in &periods {
        let mut values: Vec<(&String, &String, f64)> = totals
            .iter()
            .filter(|((p, _), _)| p == *period)
            .map(|((_, u), (g, v))| (u, g, *v))
            .collect();
        values.sort_by(|a, b| b.2.total_cmp(&a.2));
        let best = values.first().map_or(0.0, |v| v.2).max(f64::MIN_POSITIVE);
        let top_n = values.len().div_ceil(4);
        for (rank, (user, group, v)) in values.iter().enumerate() {
            let e = per_user
                .entry((*user).clone())
                .or_insert(((*group).clone(), 0, 0, 0.0));
            e.0 = (*group).clone();
            e.1 += usize::from(rank < top_n && *v > 0.0);
            e.2 += 1;
            e.3 += 100.0 * v / best;
        }
    }
    let mut out: Vec<Candidate> = per_user
        .into_iter()
        .filter(|(u, _)| !featured.contains(u))
        .map(|(user, (group, top, n, sum))| Candidate {
            user,
            group,
            top_periods: top,
            periods: n,
            score: sum / n as f64,
        })
        .filter(|c| c.score > 0.0)
        .collect();
    out.sort_by(|a, b| {
        b.top_periods
            .cmp(&a.top_periods)
            .then(b.score.total_cmp(&a.score))
            .then(a.user.cmp(&b.user))
    });
    out.truncate(limit);
    out
}

/// Groups by adoption, lowest first, in the latest period.
pub fn audiences(records: &[UsageRecord]) -> Vec<Audience> {
    let totals = totals(records);
    let Some(latest) = totals.keys().map(|(p, _)| p.clone()).max() else {
        return vec![];
    };
    let mut groups: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for ((p, _), (g, v)) in &totals {
        if *p == latest && !g.is_empty() {
            let e = groups.entry(g.clone()).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += v;
        }
    }
    let mut out: Vec<Audience> = groups
        .into_iter()
        .map(|(group, (people, sum))| Audience {
            group,
            people,
            average: sum / people as f64,
        })
        .collect();
    out.sort_by(|a, b| a.average.total_cmp(&b.average).then(a.group.cmp(&b.group)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const EXPORT: &str = "\u{feff}Email,Team,Month,Logins,Opportunities Updated,Notes\n\
        ana@x.com,EMEA,2026-09,20,\"1,200\",likes dashboards\n\
        bo@x.com,EMEA,2026-09,2,10,\n\
        \n\
        cy@x.com,APAC,2026-09,15,800,\"quoted, with comma\"\n\
        di@x.com,APAC,2026-09,1,5,\n\
        ana@x.com,EMEA,2026-10,22,1300,\n\
        bo@x.com,EMEA,2026-10,3,12,\n\
        cy@x.com,APAC,2026-10,4,40,\n\
        di@x.com,APAC,2026-10,0,0,\n";

    #[test]
    fn columns_are_detected_from_common_header_names_despite_a_bom_and_extra_columns() {
        let (cols, records) = parse_csv(EXPORT, &ColumnHints::default()).unwrap();
        assert_eq!(cols.user, 0);
        assert_eq!(cols.group, Some(1));
        assert_eq!(cols.period, Some(2));
        let names: Vec<&str> = cols.metrics.iter().map(|(_, n)| n.as_str()).collect();
        assert_eq!(
            names,
            ["Logins", "Opportunities Updated"],
            "free-text Notes is not a metric"
        );
        assert_eq!(records.len(), 8 * 2);
        assert!(records.iter().any(|r| r.user == "ana@x.com"
            && r.metric == "Opportunities Updated"
            && r.value == 1200.0));
    }

    #[test]
    fn a_file_with_bad_lines_is_refused_line_by_line() {
        let bad = "email,team,month,logins\nana@x.com,EMEA,2026-09,20\n,EMEA,2026-09,3\nbo@x.com,EMEA,2026-09,lots\n";
        let hints = ColumnHints {
            metrics: vec!["logins".into()],
            ..ColumnHints::default()
        };
        let errors = parse_csv(bad, &hints).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4]);
        assert!(
            errors[1].message.contains("\"lots\", not a number"),
            "{errors:?}"
        );
    }

    #[test]
    fn a_file_without_a_user_column_says_how_to_name_it() {
        let errors = parse_csv("who,logins\nana,3\n", &ColumnHints::default()).unwrap_err();
        assert!(errors[0].message.contains("--user-column"), "{errors:?}");
        let hints = ColumnHints {
            user: Some("who".into()),
            ..ColumnHints::default()
        };
        assert!(parse_csv("who,logins\nana,3\n", &hints).is_ok());
    }

    #[test]
    fn candidates_are_the_consistent_top_performers_not_yet_featured() {
        let (_, records) = parse_csv(EXPORT, &ColumnHints::default()).unwrap();
        let ranked = candidates(&records, &HashSet::new(), 10);
        let users: Vec<&str> = ranked.iter().map(|c| c.user.as_str()).collect();
        // Ana leads both months; Cy was strong in September only; Di did nothing in October.
        assert_eq!(users, ["ana@x.com", "cy@x.com", "bo@x.com", "di@x.com"]);
        assert_eq!(ranked[0].top_periods, 2);
        assert!((ranked[0].score - 100.0).abs() < 1e-9);
        let featured: HashSet<String> = ["ana@x.com".to_string()].into();
        let ranked = candidates(&records, &featured, 10);
        assert_eq!(ranked[0].user, "cy@x.com");
    }

    #[test]
    fn audiences_are_ranked_lowest_adoption_first_in_the_latest_period() {
        let (_, records) = parse_csv(EXPORT, &ColumnHints::default()).unwrap();
        let groups = audiences(&records);
        assert_eq!(groups[0].group, "APAC");
        assert_eq!(groups[0].people, 2);
        assert!((groups[0].average - 22.0).abs() < 1e-9, "(4+40+0+0)/2");
        assert_eq!(groups[1].group, "EMEA");
    }
}

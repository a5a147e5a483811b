//! Usage data from the company tool: reading an export as the tools really write it
//! (Salesforce report exports with their footer, `Owner: Email` headers, Excel's
//! semicolons, Windows-1252 and UTF-16), and finding likely power users (candidates),
//! the groups whose adoption lags (audiences) and each lagging group's best peers.
//!
//! Invariants: reading is all-or-nothing: a file with any bad line is reported line by
//! line (the line numbers of the file as an editor shows them) and nothing from it is
//! used; what is skipped on purpose (a report footer) is said in a note. Metrics are
//! compared as shares of the period's best, per metric, before they are combined, so a
//! column counted in hundreds doesn't hide one counted in tens. System accounts
//! (integration users, bots) are never candidates and never count in a group.

use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::sync::OnceLock;

use regex::Regex;

use super::period::{self, ColumnProblem, DateOrder, Period};
use super::texts::{Arg, Texts};

/// Which column holds what, found from the header row (or given by the admin).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Columns {
    pub user: usize,
    pub group: Option<usize>,
    pub period: Option<usize>,
    /// Numeric activity columns: (index, name).
    pub metrics: Vec<(usize, String)>,
}

/// What the admin says about the file, overriding detection: columns by header name, and
/// how to read slash dates when the file leaves it open.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ColumnHints {
    pub user: Option<String>,
    pub group: Option<String>,
    pub period: Option<String>,
    pub metrics: Vec<String>,
    pub date_order: Option<DateOrder>,
}

/// One usage figure: a person's value of one metric in one period.
#[derive(Debug, Clone, PartialEq)]
pub struct UsageRecord {
    pub line: usize,
    /// As written in the file: an email, a Slack user ID, a @handle or a name.
    pub user: String,
    pub group: String,
    pub period: Period,
    pub metric: String,
    pub value: f64,
}

/// A line that could not be read, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineError {
    pub line: usize,
    pub problem: Problem,
}

impl LineError {
    /// `line N: what is wrong`, in `lang`.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        texts.get(
            lang,
            "usage-line",
            &[
                ("line", Arg::from(self.line)),
                ("problem", Arg::from(&self.problem.text(texts, lang))),
            ],
        )
    }
}

/// What is wrong with a line of an export, or with the whole file (its first line).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// The header row is not CSV (the reader's own words).
    HeaderUnreadable(String),
    /// The admin named a column the file does not have.
    NoSuchColumn {
        name: String,
        columns: Vec<String>,
    },
    /// No column names the person.
    NoUserColumn {
        columns: Vec<String>,
    },
    /// No column holds numbers to count.
    NoMetric,
    /// The line is not CSV (the reader's own words).
    Unreadable(String),
    EmptyUser {
        column: String,
    },
    NotANumber {
        column: String,
        value: String,
    },
    EmptyPeriod {
        column: String,
    },
    NotAPeriod {
        column: String,
        value: String,
    },
    /// The column's slash dates read both ways; `example` is one of them.
    DatesAmbiguous {
        column: String,
        example: String,
    },
    /// Some dates can only be month/day, others only day/month: (value, line) of each.
    DatesMixed {
        column: String,
        month_first: (String, usize),
        day_first: (String, usize),
    },
}

impl Problem {
    /// What is wrong, in `lang`; the file's own words (columns, values) as they are.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        use Problem as P;
        let (month_line, day_line, joined);
        let (id, args): (&str, Vec<(&str, Arg)>) = match self {
            P::HeaderUnreadable(e) => ("usage-header-unreadable", vec![("error", e.into())]),
            P::NoSuchColumn { name, columns } => {
                joined = columns.join(", ");
                (
                    "usage-no-such-column",
                    vec![("name", name.into()), ("columns", (&joined).into())],
                )
            }
            P::NoUserColumn { columns } => {
                joined = columns.join(", ");
                ("usage-no-user-column", vec![("columns", (&joined).into())])
            }
            P::NoMetric => ("usage-no-metric", vec![]),
            P::Unreadable(e) => ("usage-line-unreadable", vec![("error", e.into())]),
            P::EmptyUser { column } => ("usage-empty-user", vec![("column", column.into())]),
            P::NotANumber { column, value } => (
                "usage-not-a-number",
                vec![("column", column.into()), ("value", value.into())],
            ),
            P::EmptyPeriod { column } => ("usage-empty-period", vec![("column", column.into())]),
            P::NotAPeriod { column, value } => (
                "usage-not-a-period",
                vec![("column", column.into()), ("value", value.into())],
            ),
            P::DatesAmbiguous { column, example } => (
                "usage-dates-ambiguous",
                vec![("column", column.into()), ("example", example.into())],
            ),
            P::DatesMixed {
                column,
                month_first,
                day_first,
            } => {
                (month_line, day_line) = (month_first.1, day_first.1);
                (
                    "usage-dates-mixed",
                    vec![
                        ("column", column.into()),
                        ("month-first", (&month_first.0).into()),
                        ("month-line", month_line.into()),
                        ("day-first", (&day_first.0).into()),
                        ("day-line", day_line.into()),
                    ],
                )
            }
        };
        texts.get(lang, id, &args)
    }
}

/// What was skipped or assumed while reading a file, for the admin.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Note {
    /// Decoded as the encoding its byte order mark names (`UTF-16LE`).
    ReadAs(String),
    /// Not UTF-8: read as Windows-1252.
    NotUtf8,
    /// Columns separated by tabs, or by semicolons (numbers then have a decimal comma).
    Separated { tabs: bool },
    /// The report's footer, lines `first` to `last`, skipped.
    Footer {
        first: usize,
        last: usize,
        lines: Vec<String>,
    },
    /// The footer counts `stated` records where the file has `found`.
    FooterCount { stated: usize, found: usize },
}

impl Note {
    /// The note in `lang`; the file's own words as they are.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        let t = |id: &str, args: &[(&str, Arg)]| texts.get(lang, id, args);
        match self {
            Note::ReadAs(encoding) => t("usage-note-read-as", &[("encoding", encoding.into())]),
            Note::NotUtf8 => t("usage-note-not-utf8", &[]),
            Note::Separated { tabs } => t(
                "usage-note-separated",
                &[("by", Arg::from(if *tabs { "tabs" } else { "semicolons" }))],
            ),
            Note::Footer { first, last, lines } => t(
                "usage-note-footer",
                &[
                    ("first", Arg::from(*first)),
                    ("last", Arg::from(*last)),
                    ("lines", Arg::from(&lines.join("; "))),
                ],
            ),
            Note::FooterCount { stated, found } => t(
                "usage-note-footer-count",
                &[("stated", Arg::from(*stated)), ("found", Arg::from(*found))],
            ),
        }
    }
}

/// A file read whole: its columns, its figures, and what was skipped or assumed.
#[derive(Debug, Clone, PartialEq)]
pub struct Parsed {
    pub columns: Columns,
    pub records: Vec<UsageRecord>,
    /// For the admin: a footer skipped, an encoding or separator assumed.
    pub notes: Vec<Note>,
}

/// Bytes as text: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode
/// Text"), else Windows-1252 (Excel's "CSV" on Western Windows). The note says which was
/// assumed when it was not plain UTF-8.
pub fn decode(bytes: &[u8]) -> (String, Option<Note>) {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        let note = (encoding != encoding_rs::UTF_8).then(|| Note::ReadAs(encoding.name().into()));
        return (text.into_owned(), note);
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), None),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            (text.into_owned(), Some(Note::NotUtf8))
        }
    }
}

const USER_EMAIL: &[&str] = &[
    "email",
    "e-mail",
    "email address",
    "user email",
    "owner email",
];
const USER_ID: &[&str] = &[
    "user",
    "user id",
    "slack id",
    "slack user",
    "username",
    "user name",
];
const USER_NAME: &[&str] = &["owner", "full name", "owner name", "user full name"];
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
const PERIOD_NAMES: &[&str] = &[
    "date",
    "period",
    "month",
    "week",
    "day",
    "quarter",
    "fiscal period",
];

fn norm(s: &str) -> String {
    s.trim()
        .trim_start_matches('\u{feff}')
        .to_lowercase()
        .replace(['_', '.'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A header split as Salesforce names related fields: `Owner: Email` → ("owner", "email").
fn related(header: &str) -> (String, String) {
    let n = norm(header);
    match n.split_once(':') {
        Some((object, field)) => (object.trim().to_string(), field.trim().to_string()),
        None => (String::new(), n),
    }
}

fn ends_with_word(field: &str, names: &[&str]) -> bool {
    names.iter().any(|n| field.ends_with(&format!(" {n}")))
}

/// How well a header names the person (lower is better), if at all: an email first (it
/// matches Slack users), then an ID, then a name; a related object that isn't the
/// record's owner or user (`Contact: Email`) after those.
fn user_score(header: &str) -> Option<u32> {
    let (object, field) = related(header);
    let kind = if USER_EMAIL.contains(&field.as_str()) || field.ends_with(" email") {
        0
    } else if USER_ID.contains(&field.as_str()) {
        1
    } else if USER_NAME.contains(&field.as_str())
        || field.ends_with(" owner")
        || field.ends_with("assigned to")
    {
        2
    } else {
        return None;
    };
    let ours = object.is_empty()
        || ["owner", "user", "created by", "assigned"]
            .iter()
            .any(|w| object.contains(w));
    Some(kind + if ours { 0 } else { 10 })
}

fn group_score(header: &str) -> Option<u32> {
    let (_, field) = related(header);
    if GROUP_NAMES.contains(&field.as_str()) {
        Some(0)
    } else if ends_with_word(&field, GROUP_NAMES) {
        Some(1)
    } else {
        None
    }
}

fn period_score(header: &str) -> Option<u32> {
    let (_, field) = related(header);
    if PERIOD_NAMES.contains(&field.as_str()) {
        Some(0)
    } else if ends_with_word(&field, PERIOD_NAMES) {
        Some(1)
    } else if field.starts_with("date ") {
        Some(2)
    } else {
        None
    }
}

/// The column the admin named, or the best-scoring one not already taken.
fn find(
    headers: &[String],
    wanted: Option<&String>,
    score: fn(&str) -> Option<u32>,
    taken: &[usize],
) -> Result<Option<usize>, Problem> {
    if let Some(w) = wanted {
        return headers
            .iter()
            .position(|h| norm(h) == norm(w))
            .map(Some)
            .ok_or_else(|| Problem::NoSuchColumn {
                name: w.clone(),
                columns: headers.to_vec(),
            });
    }
    Ok(headers
        .iter()
        .enumerate()
        .filter(|(i, _)| !taken.contains(i))
        .filter_map(|(i, h)| score(h).map(|s| (s, i)))
        .min()
        .map(|(_, i)| i))
}

/// The separator of the header line: the most frequent of `,`, `;` and tab outside quotes.
fn sniff_delimiter(header: &str) -> u8 {
    let mut quoted = false;
    let mut counts = [0usize; 3];
    for c in header.chars() {
        match c {
            '"' => quoted = !quoted,
            ',' if !quoted => counts[0] += 1,
            ';' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    [b',', b';', b'\t'][best]
}

fn footer_patterns() -> &'static (Regex, Regex) {
    static P: OnceLock<(Regex, Regex)> = OnceLock::new();
    P.get_or_init(|| {
        (
            Regex::new(r"(?i)^grand totals?\s*\((\d[\d,.\s]*)\s+records?\)$").expect("a valid pattern"),
            Regex::new(
                r"(?i)^(confidential information\b.*|copyright\s*(\(c\)|©).*|generated by\b.*|filtered by\b.*)$",
            )
            .expect("a valid pattern"),
        )
    })
}

/// A report footer line (Salesforce's "Grand Totals (12 records)", "Confidential
/// Information - Do Not Distribute", "Copyright (c) … salesforce.com …"): its text, and
/// the record count it states.
fn footer_line(fields: &[String]) -> Option<(String, Option<usize>)> {
    let filled: Vec<&String> = fields.iter().filter(|f| !f.is_empty()).collect();
    let (totals, other) = footer_patterns();
    let first = filled.first()?;
    if let Some(c) = totals.captures(first) {
        let n = c[1]
            .chars()
            .filter(char::is_ascii_digit)
            .collect::<String>()
            .parse()
            .ok();
        // A totals line may carry the column sums beside it.
        return Some((first.to_string(), n));
    }
    (filled.len() == 1 && other.is_match(first)).then(|| (first.to_string(), None))
}

/// Reads a usage export. Metrics are, unless named, every other column whose values are
/// all numbers (blank counts as 0).
pub fn parse_csv(text: &str, hints: &ColumnHints) -> Result<Parsed, Vec<LineError>> {
    let mut notes = Vec::new();
    let text = text.trim_start_matches('\u{feff}');
    // Excel writes `sep=;` as a first line when asked to name the separator.
    let first_line = text.lines().next().unwrap_or("");
    let (body, offset, delimiter) = match first_line.trim().strip_prefix("sep=") {
        Some(sep) if sep.len() == 1 => (
            text[first_line.len()..].trim_start_matches(['\r', '\n']),
            1,
            sep.as_bytes()[0],
        ),
        _ => (text, 0, sniff_delimiter(first_line)),
    };
    // Where the list separator is `;`, the decimal separator is `,` (Excel follows the locale).
    let decimal_comma = delimiter == b';';
    if delimiter != b',' {
        notes.push(Note::Separated {
            tabs: delimiter == b'\t',
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(body.as_bytes());
    let whole = |problem: Problem| {
        vec![LineError {
            line: 1 + offset,
            problem,
        }]
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim().to_string()).collect(),
        Err(e) => return Err(whole(Problem::HeaderUnreadable(e.to_string()))),
    };
    let user = match find(&headers, hints.user.as_ref(), user_score, &[]) {
        Ok(Some(i)) => i,
        Ok(None) => {
            return Err(whole(Problem::NoUserColumn {
                columns: headers.clone(),
            }))
        }
        Err(e) => return Err(whole(e)),
    };
    let group = find(&headers, hints.group.as_ref(), group_score, &[user]).map_err(whole)?;
    let taken: Vec<usize> = [Some(user), group].into_iter().flatten().collect();
    let period = find(&headers, hints.period.as_ref(), period_score, &taken).map_err(whole)?;

    let mut rows: Vec<(usize, Vec<String>)> = Vec::new();
    let mut errors = Vec::new();
    // The csv crate counts a record from the end of the one before, blank lines included;
    // an editor's line number is that of its first character.
    let (mut seen, mut line_at_seen) = (0usize, 1usize);
    let mut line_of = |byte: usize| {
        let bytes = body.as_bytes();
        let mut start = byte.min(bytes.len());
        while start < bytes.len() && matches!(bytes[start], b'\r' | b'\n') {
            start += 1;
        }
        line_at_seen += bytes[seen.min(start)..start]
            .iter()
            .filter(|b| **b == b'\n')
            .count();
        seen = seen.max(start);
        line_at_seen
    };
    for (i, record) in reader.records().enumerate() {
        match record {
            Ok(r) => {
                let line = r.position().map_or(i + 2, |p| line_of(p.byte() as usize)) + offset;
                rows.push((line, r.iter().map(|f| f.trim().to_string()).collect()));
            }
            Err(e) => errors.push(LineError {
                line: i + 2 + offset,
                problem: Problem::Unreadable(e.to_string()),
            }),
        }
    }
    // The report's footer: blank and footer lines at the end.
    let mut footer = Vec::new();
    let mut stated = None;
    while let Some((line, fields)) = rows.last() {
        if fields.iter().all(String::is_empty) {
            rows.pop();
        } else if let Some((text, n)) = footer_line(fields) {
            footer.push((*line, text));
            stated = stated.or(n);
            rows.pop();
        } else {
            break;
        }
    }
    rows.retain(|(_, f)| !f.iter().all(String::is_empty));
    if !footer.is_empty() {
        footer.reverse();
        notes.push(Note::Footer {
            first: footer[0].0,
            last: footer[footer.len() - 1].0,
            lines: footer.iter().map(|(_, t)| t.clone()).collect(),
        });
        if let Some(n) = stated.filter(|n| *n != rows.len()) {
            notes.push(Note::FooterCount {
                stated: n,
                found: rows.len(),
            });
        }
    }

    let taken: BTreeSet<usize> = [Some(user), group, period].into_iter().flatten().collect();
    let metrics: Vec<(usize, String)> = if hints.metrics.is_empty() {
        headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !taken.contains(i) && !h.trim().is_empty())
            .filter(|(i, _)| {
                let value = |f: &Vec<String>| f.get(*i).cloned().unwrap_or_default();
                rows.iter().all(|(_, f)| {
                    let v = value(f);
                    v.is_empty() || number(&v, decimal_comma).is_some()
                }) && rows
                    .iter()
                    .any(|(_, f)| number(&value(f), decimal_comma).is_some())
            })
            .map(|(i, h)| (i, h.trim().to_string()))
            .collect()
    } else {
        let mut m = Vec::new();
        for name in &hints.metrics {
            match find(&headers, Some(name), |_| None, &[]) {
                Ok(Some(i)) => m.push((i, headers[i].trim().to_string())),
                Ok(None) => unreachable!("a named column is found or an error"),
                Err(e) => return Err(whole(e)),
            }
        }
        m
    };
    if metrics.is_empty() {
        return Err(whole(Problem::NoMetric));
    }

    let get = |fields: &[String], i: usize| fields.get(i).cloned().unwrap_or_default();
    let periods: Vec<Option<Period>> = match period {
        None => vec![Some(Period::whole()); rows.len()],
        Some(col) => read_periods(&rows, col, &headers[col], hints.date_order, &mut errors)?,
    };
    let mut records = Vec::new();
    for ((line, fields), period) in rows.iter().zip(periods) {
        let who = get(fields, user);
        if who.is_empty() {
            errors.push(LineError {
                line: *line,
                problem: Problem::EmptyUser {
                    column: headers[user].clone(),
                },
            });
            continue;
        }
        for (i, name) in &metrics {
            let raw = get(fields, *i);
            let value = if raw.is_empty() {
                Some(0.0)
            } else {
                number(&raw, decimal_comma)
            };
            match (value, period) {
                (Some(value), Some(period)) => records.push(UsageRecord {
                    line: *line,
                    user: who.clone(),
                    group: group.map(|g| get(fields, g)).unwrap_or_default(),
                    period,
                    metric: name.clone(),
                    value,
                }),
                (Some(_), None) => {}
                (None, _) => errors.push(LineError {
                    line: *line,
                    problem: Problem::NotANumber {
                        column: name.clone(),
                        value: raw.clone(),
                    },
                }),
            }
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| e.line);
        return Err(errors);
    }
    Ok(Parsed {
        columns: Columns {
            user,
            group,
            period,
            metrics,
        },
        records,
        notes,
    })
}

/// The period of each row (None where it is bad, with the error added), or the whole
/// file refused when the column's dates read both ways.
fn read_periods(
    rows: &[(usize, Vec<String>)],
    col: usize,
    name: &str,
    order: Option<DateOrder>,
    errors: &mut Vec<LineError>,
) -> Result<Vec<Option<Period>>, Vec<LineError>> {
    let values: Vec<&str> = rows
        .iter()
        .map(|(_, f)| f.get(col).map_or("", String::as_str))
        .collect();
    let filled: Vec<usize> = (0..values.len())
        .filter(|&i| !values[i].is_empty())
        .collect();
    for (i, (line, _)) in rows.iter().enumerate() {
        if values[i].is_empty() {
            errors.push(LineError {
                line: *line,
                problem: Problem::EmptyPeriod {
                    column: name.to_string(),
                },
            });
        }
    }
    let column: Vec<&str> = filled.iter().map(|&i| values[i]).collect();
    let mut out = vec![None; rows.len()];
    match period::parse_column(&column, order) {
        Ok(ps) => {
            for (k, p) in ps.into_iter().enumerate() {
                out[filled[k]] = Some(p);
            }
        }
        Err(ColumnProblem::Unreadable(bad)) => {
            for (k, v) in bad {
                errors.push(LineError {
                    line: rows[filled[k]].0,
                    problem: Problem::NotAPeriod {
                        column: name.to_string(),
                        value: v,
                    },
                });
            }
        }
        Err(ColumnProblem::Ambiguous { example }) => {
            let line = rows[filled[column.iter().position(|v| *v == example).unwrap_or(0)]].0;
            return Err(vec![LineError {
                line,
                problem: Problem::DatesAmbiguous {
                    column: name.to_string(),
                    example,
                },
            }]);
        }
        Err(ColumnProblem::Mixed {
            month_first: (m, mv),
            day_first: (d, dv),
        }) => {
            return Err(vec![LineError {
                line: rows[filled[m]].0.min(rows[filled[d]].0),
                problem: Problem::DatesMixed {
                    column: name.to_string(),
                    month_first: (mv, rows[filled[m]].0),
                    day_first: (dv, rows[filled[d]].0),
                },
            }]);
        }
    }
    Ok(out)
}

/// A number as exports write them: `1,234.5`, `12`, `-3`, `45%`, `$1,200.00`, and with
/// `decimal_comma`, `1.234,5` or `1 234,5`. A value with both marks says itself which is
/// the decimal point (the last).
fn number(s: &str, decimal_comma: bool) -> Option<f64> {
    let t = s
        .trim()
        .trim_end_matches('%')
        .trim_start_matches(['$', '€', '£', '¥'])
        .trim_end_matches(['€', '£'])
        .trim();
    let kept: String = t
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '\''))
        .collect();
    // With both marks the last one is the decimal point, whatever the file's habit.
    let comma_is_decimal = match (kept.rfind(','), kept.rfind('.')) {
        (Some(comma), Some(dot)) => comma > dot,
        _ => decimal_comma,
    };
    let cleaned = if comma_is_decimal {
        kept.replace('.', "").replace(',', ".")
    } else {
        kept.replace(',', "")
    };
    if cleaned.is_empty() || !cleaned.chars().any(|c| c.is_ascii_digit()) {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|v| v.is_finite())
}

/// Whether a person in the file is a system account rather than a person: Salesforce's
/// "Integration User", "Automated Process", an API or no-reply address, a bot.
pub fn is_system_account(user: &str) -> bool {
    let words: Vec<String> = user
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let has = |w: &str| words.iter().any(|x| x == w);
    has("integration")
        || has("bot")
        || has("noreply")
        || (has("no") && has("reply"))
        || has("autoproc")
        || (has("automated") && has("process"))
        || (has("api") && has("user"))
        || (has("system") && has("user"))
        || (has("security") && has("user"))
        || (has("chatter") && has("expert"))
}

/// A likely power user, with the numbers that justify it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub user: String,
    pub group: String,
    /// Periods in which they were in the top quarter of everyone.
    pub top_periods: usize,
    pub periods: usize,
    /// Their average share of the period's best, per metric then averaged, 0–100.
    pub score: f64,
}

/// A group and its adoption in the latest period: the average per person of each
/// person's share of the best (0–100, metrics weighted equally).
#[derive(Debug, Clone, PartialEq)]
pub struct Audience {
    pub group: String,
    pub people: usize,
    pub average: f64,
}

/// What `/spotlight candidates` shows: the lagging groups each with its own best peers,
/// then the best people overall.
#[derive(Debug, Clone, PartialEq)]
pub struct Shortlist {
    /// Every group, lowest adoption first.
    pub audiences: Vec<Audience>,
    /// The groups below the median, lowest first, each with its best peers.
    pub lagging: Vec<(Audience, Vec<Candidate>)>,
    pub overall: Vec<Candidate>,
}

/// Each person's activity in each period: per metric, their share of that period's best
/// value, averaged over the period's metrics (0–1). System accounts are left out.
fn shares(records: &[UsageRecord]) -> BTreeMap<(Period, String), (String, f64)> {
    let people: Vec<&UsageRecord> = records
        .iter()
        .filter(|r| !is_system_account(&r.user))
        .collect();
    let mut best: BTreeMap<(Period, &str), f64> = BTreeMap::new();
    for r in &people {
        let b = best.entry((r.period, r.metric.as_str())).or_insert(0.0);
        *b = b.max(r.value);
    }
    let mut metrics_in: BTreeMap<Period, usize> = BTreeMap::new();
    for (p, _) in best.keys() {
        *metrics_in.entry(*p).or_default() += 1;
    }
    let mut out: BTreeMap<(Period, String), (String, f64)> = BTreeMap::new();
    for r in people {
        let b = best[&(r.period, r.metric.as_str())];
        let n = metrics_in[&r.period] as f64;
        let e = out
            .entry((r.period, r.user.clone()))
            .or_insert((r.group.clone(), 0.0));
        e.0.clone_from(&r.group);
        if b > 0.0 {
            e.1 += r.value / b / n;
        }
    }
    out
}

/// Everyone ranked: consistently near the top first. Leaves out `excluded` (people
/// already featured, admins) and system accounts.
pub fn candidates(
    records: &[UsageRecord],
    excluded: &HashSet<String>,
    limit: usize,
) -> Vec<Candidate> {
    let shares = shares(records);
    let periods: BTreeSet<Period> = shares.keys().map(|(p, _)| *p).collect();
    let mut per_user: BTreeMap<String, (String, usize, usize, f64)> = BTreeMap::new();
    for period in &periods {
        let mut values: Vec<(&String, &String, f64)> = shares
            .range((*period, String::new())..)
            .take_while(|((p, _), _)| p == period)
            .map(|((_, u), (g, v))| (u, g, *v))
            .collect();
        values.sort_by(|a, b| b.2.total_cmp(&a.2));
        let top_n = values.len().div_ceil(4);
        for (rank, (user, group, v)) in values.iter().enumerate() {
            let e = per_user
                .entry((*user).clone())
                .or_insert(((*group).clone(), 0, 0, 0.0));
            e.0 = (*group).clone();
            e.1 += usize::from(rank < top_n && *v > 0.0);
            e.2 += 1;
            e.3 += 100.0 * v;
        }
    }
    let mut out: Vec<Candidate> = per_user
        .into_iter()
        .filter(|(u, _)| !excluded.contains(u))
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

/// Groups by adoption, lowest first, in the latest period (the one ending last).
pub fn audiences(records: &[UsageRecord]) -> Vec<Audience> {
    let shares = shares(records);
    let Some(latest) = shares
        .keys()
        .map(|(p, _)| *p)
        .max_by_key(|p| (p.end(), p.start()))
    else {
        return vec![];
    };
    let mut groups: BTreeMap<String, (usize, f64)> = BTreeMap::new();
    for ((p, _), (g, v)) in &shares {
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
            average: 100.0 * sum / people as f64,
        })
        .collect();
    out.sort_by(|a, b| a.average.total_cmp(&b.average).then(a.group.cmp(&b.group)));
    out
}

/// The groups below the median with their `peers` best people each, and the `limit`
/// best overall; `excluded` as for `candidates`.
pub fn shortlist(
    records: &[UsageRecord],
    excluded: &HashSet<String>,
    peers: usize,
    limit: usize,
) -> Shortlist {
    let audiences = audiences(records);
    let everyone = candidates(records, excluded, usize::MAX);
    let median = match audiences.len() {
        0 => 0.0,
        n if n % 2 == 1 => audiences[n / 2].average,
        n => (audiences[n / 2 - 1].average + audiences[n / 2].average) / 2.0,
    };
    let lagging = audiences
        .iter()
        .filter(|a| a.average < median)
        .map(|a| {
            let mut best: Vec<Candidate> = everyone
                .iter()
                .filter(|c| c.group == a.group)
                .cloned()
                .collect();
            best.sort_by(|x, y| y.score.total_cmp(&x.score).then(x.user.cmp(&y.user)));
            best.truncate(peers);
            (a.clone(), best)
        })
        .collect();
    let mut overall = everyone;
    overall.truncate(limit);
    Shortlist {
        audiences,
        lagging,
        overall,
    }
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

    fn parse(text: &str) -> Parsed {
        parse_csv(text, &ColumnHints::default()).unwrap()
    }

    /// The texts Spotlight ships with, English the default.
    fn texts() -> std::sync::Arc<Texts> {
        crate::config::Prompts::builtin().texts
    }

    /// What the admin reads of a line error, in `lang`.
    fn said(e: &LineError, lang: &str) -> String {
        e.text(&texts(), lang)
    }

    #[test]
    fn columns_are_detected_from_common_header_names_despite_a_bom_and_extra_columns() {
        let Parsed {
            columns: cols,
            records,
            ..
        } = parse(EXPORT);
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
            && r.value == 1200.0
            && r.period == Period::month(2026, 9).unwrap()));
    }

    #[test]
    fn salesforce_related_field_headers_name_the_user_group_and_period() {
        let text =
            "\"Opportunity Owner\",\"Owner: Email\",\"Owner: Role\",\"Close Date\",\"Amount\"\n\
            \"Ana Lima\",\"ana@x.com\",\"EMEA Sales\",\"9/28/2026\",\"$1,200.00\"\n";
        let p = parse(text);
        assert_eq!(p.columns.user, 1, "the email beats the owner's name");
        assert_eq!(p.columns.group, Some(2));
        assert_eq!(p.columns.period, Some(3));
        assert_eq!(p.records[0].value, 1200.0);
        let names_only = "Opportunity Owner,Owner Role,Week,Calls\nAna Lima,EMEA,2026-W40,3\n";
        let p = parse(names_only);
        assert_eq!((p.columns.user, p.columns.group), (0, Some(1)));
        assert_eq!(p.records[0].user, "Ana Lima");
    }

    #[test]
    fn numbers_are_read_as_their_locale_writes_them() {
        assert_eq!(number("\"1,234\"".trim_matches('"'), false), Some(1234.0));
        assert_eq!(number("1.234", true), Some(1234.0));
        assert_eq!(number("12,5", true), Some(12.5));
        assert_eq!(
            number("1,234.50", true),
            Some(1234.5),
            "both marks: the last is decimal"
        );
        assert_eq!(number("1.234,50", false), Some(1234.5));
        assert_eq!(number("1 234,50 €", true), Some(1234.5));
        assert_eq!(number("$1,200.00", false), Some(1200.0));
        assert_eq!(number("45%", false), Some(45.0));
        assert_eq!(number("lots", false), None);
        assert_eq!(number("-", false), None);
    }

    #[test]
    fn a_hubspot_activity_export_names_the_assignee_team_and_date() {
        let text = "Activity date,Activity assigned to,HubSpot team,Calls,Meetings\n\
            2026-10-05 14:03,Ana Lima,Inside Sales,12,3\n";
        let p = parse(text);
        assert_eq!(
            (p.columns.user, p.columns.group, p.columns.period),
            (1, Some(2), Some(0))
        );
        assert_eq!(p.records[0].period.label(), "2026-10-05");
    }

    #[test]
    fn a_salesforce_footer_is_skipped_with_a_note_and_its_count_checked() {
        let text = "\"Owner: Email\",\"Date\",\"Calls\"\n\
            \"ana@x.com\",\"9/28/2026\",\"3\"\n\
            \"bo@x.com\",\"9/28/2026\",\"1\"\n\
            \n\
            \"Grand Totals (3 records)\"\n\
            \n\
            \"Confidential Information - Do Not Distribute\"\n\
            \"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"\n";
        let p = parse(text);
        assert_eq!(p.records.len(), 2);
        let notes: Vec<String> = p.notes.iter().map(|n| n.text(&texts(), "en")).collect();
        assert!(
            notes[0].starts_with("skipped the report's footer (line 5–8"),
            "{notes:?}"
        );
        assert!(
            notes[1].contains("counts 3 records but the file has 2"),
            "{notes:?}"
        );
        assert_eq!(
            p.notes[1].text(&texts(), "fr"),
            "le pied de page compte 3 enregistrements mais le fichier a 2 lignes de données : vérifiez que l'export est complet"
        );
    }

    #[test]
    fn excel_semicolons_decimal_commas_and_encodings_are_read() {
        let text = "sep=;\nE-Mail;Abteilung;Datum;Anrufe;Umsatz\nzoë@x.com;Vertrieb;28.09.2026;3;1.234,5\n";
        let hints = ColumnHints {
            group: Some("Abteilung".into()),
            period: Some("Datum".into()),
            ..ColumnHints::default()
        };
        let p = parse_csv(text, &hints).unwrap();
        assert_eq!(p.records[1].value, 1234.5);
        assert_eq!(p.records[0].period.label(), "2026-09-28");
        let latin1 = b"Email;Team;Month;Calls\nzo\xeb@x.com;Caf\xe9;2026-10;4\n";
        let (text, note) = decode(latin1);
        assert_eq!(note, Some(Note::NotUtf8));
        assert_eq!(parse(&text).records[0].user, "zoë@x.com");
        let mut utf16 = vec![0xff, 0xfe];
        for u in "Email\tMonth\tCalls\r\nana@x.com\tOct 2026\t7\r\n".encode_utf16() {
            utf16.extend(u.to_le_bytes());
        }
        let (text, note) = decode(&utf16);
        assert_eq!(
            note.map(|n| n.text(&texts(), "en")).as_deref(),
            Some("read as UTF-16LE")
        );
        assert_eq!(parse(&text).records[0].value, 7.0);
    }

    #[test]
    fn a_file_with_bad_lines_is_refused_line_by_line() {
        let bad = "email,team,month,logins\nana@x.com,EMEA,2026-09,20\n,EMEA,2026-09,3\nbo@x.com,EMEA,2026-09,lots\ncy@x.com,EMEA,soon,1\n";
        let hints = ColumnHints {
            metrics: vec!["logins".into()],
            ..ColumnHints::default()
        };
        let errors = parse_csv(bad, &hints).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5]);
        assert_eq!(
            said(&errors[1], "en"),
            "line 4: logins is \"lots\", not a number"
        );
        assert_eq!(
            said(&errors[1], "fr"),
            "ligne 4 : logins vaut « lots », ce n'est pas un nombre"
        );
        assert!(
            said(&errors[2], "en").contains("\"soon\", not a date"),
            "{errors:?}"
        );
    }

    #[test]
    fn an_ambiguous_date_column_is_refused_with_the_flag_that_settles_it() {
        let text = "email,date,calls\nana@x.com,3/4/2026,1\nana@x.com,5/4/2026,2\n";
        let errors = parse_csv(text, &ColumnHints::default()).unwrap_err();
        assert!(
            said(&errors[0], "en").contains("--date-order dmy"),
            "{errors:?}"
        );
        let hints = ColumnHints {
            date_order: Some(DateOrder::DayFirst),
            ..ColumnHints::default()
        };
        let p = parse_csv(text, &hints).unwrap();
        assert_eq!(p.records[0].period.label(), "2026-04-03");
    }

    #[test]
    fn a_file_without_a_user_column_says_how_to_name_it() {
        let errors = parse_csv("who,logins\nana,3\n", &ColumnHints::default()).unwrap_err();
        assert!(
            said(&errors[0], "en").contains("--user-column"),
            "{errors:?}"
        );
        assert!(
            said(&errors[0], "fr").contains("--user-column"),
            "{errors:?}"
        );
        let hints = ColumnHints {
            user: Some("who".into()),
            ..ColumnHints::default()
        };
        assert!(parse_csv("who,logins\nana,3\n", &hints).is_ok());
    }

    #[test]
    fn candidates_are_the_consistent_top_performers_not_yet_featured() {
        let records = parse(EXPORT).records;
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
    fn a_metric_counted_in_tens_weighs_as_much_as_one_counted_in_hundreds() {
        // Bo leads calls (tens), Ana leads page views (hundreds) by less, relatively.
        let text =
            "email,month,calls,page views\nana@x.com,2026-10,10,500\nbo@x.com,2026-10,40,450\n";
        let ranked = candidates(&parse(text).records, &HashSet::new(), 10);
        assert_eq!(
            ranked[0].user, "bo@x.com",
            "summed raw, Ana would lead 510 to 490"
        );
        assert!((ranked[0].score - 100.0 * (1.0 + 0.9) / 2.0).abs() < 1e-9);
    }

    #[test]
    fn system_accounts_are_never_candidates_nor_set_the_best() {
        let text = "Owner: Full Name,Month,Calls\nIntegration User,2026-10,9000\nAutomated Process,2026-10,800\nAna Lima,2026-10,10\nBo Silva,2026-10,5\n";
        let ranked = candidates(&parse(text).records, &HashSet::new(), 10);
        let users: Vec<&str> = ranked.iter().map(|c| c.user.as_str()).collect();
        assert_eq!(users, ["Ana Lima", "Bo Silva"]);
        assert!((ranked[0].score - 100.0).abs() < 1e-9);
        assert!(!is_system_account("bo@x.com") && !is_system_account("Abbott Lee"));
        assert!(is_system_account("noreply@x.com") && is_system_account("deploy-bot"));
    }

    #[test]
    fn audiences_are_ranked_lowest_adoption_first_in_the_latest_period() {
        let records = parse(EXPORT).records;
        let groups = audiences(&records);
        assert_eq!(groups[0].group, "APAC");
        assert_eq!(groups[0].people, 2);
        // October: Cy 4/22 of the best logins and 40/1300 of the best updates; Di nothing.
        let cy = (4.0 / 22.0 + 40.0 / 1300.0) / 2.0;
        assert!((groups[0].average - 100.0 * cy / 2.0).abs() < 1e-9);
        assert_eq!(groups[1].group, "EMEA");
    }

    /// `cents` as an export writes it: `1,234.56`, or `1.234,56` with a decimal comma.
    fn written(cents: u32, decimal_comma: bool) -> String {
        let (thousands, point) = if decimal_comma {
            ('.', ',')
        } else {
            (',', '.')
        };
        let whole = (cents / 100).to_string();
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push(thousands);
            }
            grouped.push(c);
        }
        format!("{grouped}{point}{:02}", cents % 100)
    }

    proptest::proptest! {
        #[test]
        fn an_export_reads_back_as_the_figures_it_was_written_from(
            figures in proptest::collection::btree_map((0usize..4, 0u64..3), 0u32..200_000_000, 1..12),
            style in 0u8..3,
        ) {
            let people = ["ana@x.com", "zoë@x.de", "bo@x.com", "jörg.weiß@x.de"];
            let day = |w: u64| {
                chrono::NaiveDate::from_ymd_opt(2026, 9, 14).unwrap() + chrono::Days::new(7 * w)
            };
            let mut lines = vec![match style {
                0 => "\"Owner: Email\",\"Owner: Role\",\"Date\",\"Amount\"".to_string(),
                1 => "Email;Team;Date;Amount".to_string(),
                _ => "Email\tTeam\tWeek\tAmount".to_string(),
            }];
            for ((who, w), cents) in &figures {
                let (user, d) = (people[*who], day(*w));
                lines.push(match style {
                    0 => format!("\"{user}\",\"Sales\",\"{}\",\"{}\"", d.format("%-m/%-d/%Y"), written(*cents, false)),
                    1 => format!("{user};Süd;{};{}", d.format("%d.%m.%Y"), written(*cents, true)),
                    _ => format!("{user}\tSales\t{}\t{}", d.format("%Y-%m-%d"), f64::from(*cents) / 100.0),
                });
            }
            if style == 0 {
                lines.push(String::new());
                lines.push(format!("\"Grand Totals ({} records)\"", figures.len()));
                lines.push("\"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.\"".into());
            }
            let text = lines.join("\r\n") + "\r\n";
            let bytes = match style {
                0 => text.into_bytes(),
                1 => encoding_rs::WINDOWS_1252.encode(&text).0.into_owned(),
                _ => [0xff, 0xfe].into_iter().chain(text.encode_utf16().flat_map(u16::to_le_bytes)).collect(),
            };
            let (decoded, _) = decode(&bytes);
            let parsed = parse_csv(&decoded, &ColumnHints::default()).unwrap();
            let got: Vec<(String, Period, f64)> = parsed
                .records
                .iter()
                .map(|r| (r.user.clone(), r.period, r.value))
                .collect();
            let want: Vec<(String, Period, f64)> = figures
                .iter()
                .map(|((who, w), cents)| (people[*who].to_string(), Period::day(day(*w)), f64::from(*cents) / 100.0))
                .collect();
            proptest::prop_assert_eq!(got.len(), want.len());
            for (g, w) in got.iter().zip(&want) {
                proptest::prop_assert_eq!((&g.0, g.1), (&w.0, w.1));
                proptest::prop_assert!((g.2 - w.2).abs() < 1e-6, "{} vs {}", g.2, w.2);
            }
        }
    }

    #[test]
    fn each_lagging_group_gets_its_own_best_peers_first() {
        let list = shortlist(&parse(EXPORT).records, &HashSet::new(), 3, 10);
        assert_eq!(list.lagging.len(), 1);
        let (apac, peers) = &list.lagging[0];
        assert_eq!(apac.group, "APAC");
        let names: Vec<&str> = peers.iter().map(|c| c.user.as_str()).collect();
        assert_eq!(names, ["cy@x.com", "di@x.com"]);
        assert_eq!(list.overall[0].user, "ana@x.com");
    }
}

//! Cron schedules evaluated in a user's local wall-clock time; pure (time is always passed in) and
//! DST-correct: every matching wall-clock time fires exactly once, nothing is skipped, and
//! successive occurrences are strictly increasing instants.
//!
//! Accepted input:
//! - standard 5-field cron `minute hour day-of-month month weekday`, where weekday numbers are
//!   0-7 with 0 and 7 meaning Sunday and 1 meaning Monday;
//! - the `cron` crate's 6-field form (seconds first) and 7-field form (seconds first, year
//!   last), where weekday numbers follow that crate's convention 1-7 with 1 meaning Sunday;
//! - the macros `@yearly`/`@annually`, `@monthly`, `@weekly`, `@daily`/`@midnight`, `@hourly`.
//!
//! Every field is parsed here into an explicit set of values and handed to the `cron` crate in
//! a canonical form (numbers, weekday names), so each form means exactly what is documented
//! above regardless of the crate's own numbering. As in the `cron` crate, a restricted
//! day-of-month and a restricted weekday must BOTH match (classic cron would fire when either
//! matches).
//!
//! Daylight-saving rules, applied to each matching local wall-clock time:
//! - an unambiguous time fires at its single instant;
//! - a time repeated when clocks go back fires once, at its EARLIEST instant (first pass);
//! - a time skipped when clocks go forward fires once, at the instant obtained with the offset
//!   in force before the gap, which lands just after the gap (02:30 on the US spring-forward
//!   day in America/New_York fires at 03:30 EDT = 07:30 UTC); if that instant coincides with
//!   another matching time, it fires once.

use std::collections::BTreeSet;
use std::fmt;
use std::str::FromStr;

use chrono::offset::LocalResult;
use chrono::{DateTime, NaiveDateTime, Offset, TimeDelta, TimeZone, Utc};
use chrono_tz::Tz;

use super::texts::{english, Arg, Texts};

/// How many cron candidates one `next_after` call may inspect before giving up; generous
/// enough for a per-second schedule across a full day of daylight-saving look-back.
const MAX_CANDIDATES: usize = 200_000;

/// How far around an instant we probe for offset changes that move wall-clock time backwards
/// or skip it; longer than any real transition (Samoa skipped a whole day in 2011).
const OFFSET_PROBE_HOURS: i64 = 26;

/// The standard weekday names, indexed by the standard cron number (0 = Sunday).
const WEEKDAY_NAMES: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

/// Why a schedule could not be built. People read it in their language (`render`); the
/// `Display`, in the shipped English, is for the logs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ScheduleError {
    /// The cron expression is malformed; `reason` says which part and how to fix it.
    BadCron {
        expr: String,
        reason: Box<CronProblem>,
    },
    /// The time zone is not a known IANA zone name.
    BadTimeZone { name: String },
}

impl fmt::Display for ScheduleError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(english(), "en"))
    }
}

impl std::error::Error for ScheduleError {}

/// Which part of a cron expression is wrong, and how to fix it. The typed parts are kept
/// as typed; `Display` says it in English (for the logs), `render` in a person's language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CronProblem {
    Empty,
    /// Neither 5 fields nor 6/7.
    FieldCount,
    /// An `@` macro that is not supported.
    Macro(String),
    EmptyListItem {
        unit: Unit,
        text: String,
    },
    /// A range whose start is after its end; `min` and `max` are the field's own bounds,
    /// written as in hints, for the example that splits it in two.
    Backwards {
        unit: Unit,
        range: String,
        first: String,
        last: String,
        min: String,
        max: String,
    },
    OutOfRange {
        unit: Unit,
        value: String,
    },
    /// A month or weekday name that is none.
    NotAName {
        unit: Unit,
        name: String,
    },
    /// A name in a field that takes only numbers.
    NoNames {
        unit: Unit,
        name: String,
    },
    NotUnderstood {
        unit: Unit,
        text: String,
    },
    Step {
        unit: Unit,
        step: String,
        max: u32,
    },
    /// The `cron` crate refused the canonical form, in its own words.
    Library(String),
}

impl CronProblem {
    /// The field it is about, if one.
    fn unit(&self) -> Option<Unit> {
        match self {
            CronProblem::EmptyListItem { unit, .. }
            | CronProblem::Backwards { unit, .. }
            | CronProblem::OutOfRange { unit, .. }
            | CronProblem::NotAName { unit, .. }
            | CronProblem::NoNames { unit, .. }
            | CronProblem::NotUnderstood { unit, .. }
            | CronProblem::Step { unit, .. } => Some(*unit),
            CronProblem::Empty
            | CronProblem::FieldCount
            | CronProblem::Macro(_)
            | CronProblem::Library(_) => None,
        }
    }
}

impl fmt::Display for CronProblem {
    /// The shipped English, for the logs.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(english(), "en"))
    }
}

impl ScheduleError {
    /// What a person is told, in `lang`.
    pub fn render(&self, texts: &Texts, lang: &str) -> String {
        match self {
            ScheduleError::BadCron { expr, reason } => texts.get(
                lang,
                "cron-bad",
                &[
                    ("expr", Arg::from(expr)),
                    ("reason", Arg::from(&reason.render(texts, lang))),
                ],
            ),
            ScheduleError::BadTimeZone { name } => {
                texts.get(lang, "cron-bad-zone", &[("name", Arg::from(name))])
            }
        }
    }
}

impl CronProblem {
    /// The problem in `lang`.
    pub fn render(&self, texts: &Texts, lang: &str) -> String {
        let unit = self.unit();
        let field = unit
            .map(|u| texts.get(lang, "cron-field", &[("field", Arg::from(u.label()))]))
            .unwrap_or_default();
        let usage = unit.map(|u| u.usage_in(texts, lang)).unwrap_or_default();
        let t = |id: &str, args: &[(&str, &str)]| {
            let mut all: Vec<(&str, Arg)> =
                vec![("field", Arg::from(&field)), ("usage", Arg::from(&usage))];
            all.extend(args.iter().map(|(k, v)| (*k, Arg::from(*v))));
            texts.get(lang, id, &all)
        };
        match self {
            CronProblem::Empty => t("cron-empty", &[]),
            CronProblem::FieldCount => t("cron-field-count", &[]),
            CronProblem::Macro(expr) => t("cron-macro", &[("macro", expr)]),
            CronProblem::EmptyListItem { text, .. } => t("cron-empty-item", &[("text", text)]),
            CronProblem::Backwards {
                range,
                first,
                last,
                min,
                max,
                ..
            } => t(
                "cron-backwards",
                &[
                    ("range", range),
                    ("first", first),
                    ("last", last),
                    ("min", min),
                    ("max", max),
                ],
            ),
            CronProblem::OutOfRange { value, .. } => t("cron-out-of-range", &[("value", value)]),
            CronProblem::NotAName { name, .. } => t("cron-not-a-name", &[("name", name)]),
            CronProblem::NoNames { name, .. } => t("cron-no-names", &[("name", name)]),
            CronProblem::NotUnderstood { text, .. } => t("cron-not-understood", &[("text", text)]),
            CronProblem::Step { step, max, .. } => {
                t("cron-step", &[("step", step), ("max", &max.to_string())])
            }
            CronProblem::Library(message) => message.clone(),
        }
    }
}

/// A validated cron expression plus its IANA time zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CronSpec {
    /// The expression as the user gave it, trimmed.
    expr: String,
    /// The zone whose wall-clock time the expression is evaluated in.
    tz: Tz,
    /// The canonical schedule, iterated over naive wall-clock time (stored as `Utc`).
    schedule: cron::Schedule,
}

impl CronSpec {
    /// Parses a cron expression in the given IANA zone name (e.g. "Europe/Berlin"; "UTC").
    ///
    /// An empty zone name means UTC; zone names are matched case-insensitively and reported
    /// in their canonical spelling.
    pub fn parse(expr: &str, tz: &str) -> Result<CronSpec, ScheduleError> {
        let tz = parse_time_zone(tz)?;
        let expr = expr.trim();
        let canonical = canonical_expression(expr).map_err(|reason| bad_cron(expr, reason))?;
        // Our own parser has validated every field, so a failure here is unexpected; still
        // report it as a user-facing error rather than panicking.
        let schedule = cron::Schedule::from_str(&canonical).map_err(|err| {
            bad_cron(
                expr,
                CronProblem::Library(tidy_cron_message(&err.to_string())),
            )
        })?;
        Ok(CronSpec {
            expr: expr.to_string(),
            tz,
            schedule,
        })
    }

    /// The expression as the user gave it (trimmed).
    pub fn expr(&self) -> &str {
        &self.expr
    }

    /// The canonical IANA zone name, e.g. "Europe/Berlin".
    pub fn tz_name(&self) -> &str {
        self.tz.name()
    }

    /// The first occurrence strictly after `after`.  None if the expression never fires again.
    ///
    /// The result is the smallest firing instant greater than `after`, where the firing
    /// instants are the matching wall-clock times mapped by the daylight-saving rules in the
    /// module documentation; this makes successive calls strictly increasing and skip-free.
    pub fn next_after(&self, after: DateTime<Utc>) -> Option<DateTime<Utc>> {
        let start = self.search_start(after)?;
        // The cron iterator is exclusive, so back off one second to make `start` a candidate.
        let seed = Utc.from_utc_datetime(&start.checked_sub_signed(TimeDelta::seconds(1))?);
        let mut best: Option<DateTime<Utc>> = None;
        let mut horizon: Option<NaiveDateTime> = None;
        for candidate in self.schedule.after(&seed).take(MAX_CANDIDATES) {
            let wall = candidate.naive_utc();
            if horizon.is_some_and(|limit| wall >= limit) {
                break;
            }
            let Some((instant, gap)) = self.resolve(wall) else {
                break;
            };
            if instant <= after {
                continue;
            }
            if best.is_none_or(|known| instant < known) {
                best = Some(instant);
            }
            if horizon.is_none() {
                // Wall-clock order equals instant order except right after a spring-forward
                // gap: a skipped time maps past the gap, so later wall-clock times within
                // one gap length may map to earlier instants and must be compared too.
                if gap <= TimeDelta::zero() {
                    break;
                }
                match wall.checked_add_signed(gap) {
                    Some(limit) => horizon = Some(limit),
                    None => break,
                }
            }
        }
        best
    }

    /// All occurrences in (from, to], in order, at most `limit`.
    pub fn occurrences_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
        limit: usize,
    ) -> Vec<DateTime<Utc>> {
        let mut found = Vec::new();
        let mut cursor = from;
        while found.len() < limit && cursor < to {
            match self.next_after(cursor) {
                Some(next) if next <= to => {
                    found.push(next);
                    cursor = next;
                }
                _ => break,
            }
        }
        found
    }

    /// A short human description, e.g. "0 9 * * MON (Europe/Berlin)".
    pub fn describe(&self) -> String {
        format!("{} ({})", self.expr, self.tz_name())
    }

    /// The wall-clock time from which to scan for the next occurrence after `after`.
    ///
    /// Normally this is simply the local time of `after`. When the offset is about to drop
    /// (clocks go back) or has just risen (a gap was skipped), wall-clock times up to the
    /// difference earlier can still fire after `after`, so the scan starts that much earlier.
    fn search_start(&self, after: DateTime<Utc>) -> Option<NaiveDateTime> {
        let now = after.naive_utc();
        let here = self.offset_seconds_at(now);
        let probe = TimeDelta::hours(OFFSET_PROBE_HOURS);
        let earlier = now
            .checked_sub_signed(probe)
            .map_or(here, |t| self.offset_seconds_at(t));
        let later = now
            .checked_add_signed(probe)
            .map_or(here, |t| self.offset_seconds_at(t));
        let lookback = (here - earlier.min(later)).max(0);
        now.checked_add_signed(TimeDelta::seconds(i64::from(here - lookback)))
    }

    /// The UTC offset in seconds in force at the given UTC instant.
    fn offset_seconds_at(&self, utc: NaiveDateTime) -> i32 {
        self.tz
            .offset_from_utc_datetime(&utc)
            .fix()
            .local_minus_utc()
    }

    /// Maps a wall-clock time to its firing instant, plus the length of the spring-forward
    /// gap it fell into (zero when it exists on the clock).
    fn resolve(&self, wall: NaiveDateTime) -> Option<(DateTime<Utc>, TimeDelta)> {
        match self.tz.from_local_datetime(&wall) {
            LocalResult::Single(t) => Some((t.with_timezone(&Utc), TimeDelta::zero())),
            LocalResult::Ambiguous(a, b) => Some((a.min(b).with_timezone(&Utc), TimeDelta::zero())),
            LocalResult::None => {
                let before = self.offset_before_gap(wall)?;
                let instant = wall.checked_sub_signed(TimeDelta::seconds(i64::from(before)))?;
                let after = self.offset_seconds_at(instant);
                let gap = TimeDelta::seconds(i64::from((after - before).max(0)));
                Some((Utc.from_utc_datetime(&instant), gap))
            }
        }
    }

    /// The offset in force just before the spring-forward gap that swallowed `wall`, found by
    /// stepping back in half hours until the wall-clock time exists again.
    fn offset_before_gap(&self, wall: NaiveDateTime) -> Option<i32> {
        let step = TimeDelta::minutes(30);
        let mut probe = wall;
        for _ in 0..(OFFSET_PROBE_HOURS * 2 + 2) {
            probe = probe.checked_sub_signed(step)?;
            match self.tz.from_local_datetime(&probe) {
                LocalResult::Single(t) => return Some(t.offset().fix().local_minus_utc()),
                LocalResult::Ambiguous(a, b) => {
                    return Some(a.max(b).offset().fix().local_minus_utc());
                }
                LocalResult::None => {}
            }
        }
        None
    }
}

impl fmt::Display for CronSpec {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe())
    }
}

/// Builds the user-facing cron error for `expr`.
fn bad_cron(expr: &str, reason: CronProblem) -> ScheduleError {
    ScheduleError::BadCron {
        expr: expr.to_string(),
        reason: Box::new(reason),
    }
}

/// Turns a `cron` crate message into our style: lowercase start, no trailing period.
fn tidy_cron_message(message: &str) -> String {
    let trimmed = message.trim().trim_end_matches('.');
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => {
            "the cron library rejected it; check each field against its allowed range".to_string()
        }
    }
}

/// Resolves an IANA zone name: exact match first, then case-insensitive; empty means UTC.
fn parse_time_zone(name: &str) -> Result<Tz, ScheduleError> {
    let trimmed = name.trim();
    if trimmed.is_empty() {
        return Ok(Tz::UTC);
    }
    if let Ok(tz) = Tz::from_str(trimmed) {
        return Ok(tz);
    }
    chrono_tz::TZ_VARIANTS
        .iter()
        .copied()
        .find(|tz| tz.name().eq_ignore_ascii_case(trimmed))
        .ok_or_else(|| ScheduleError::BadTimeZone {
            name: trimmed.to_string(),
        })
}

/// Rewrites any accepted expression into the 6/7-field canonical form the `cron` crate reads,
/// with every field validated and weekdays spelled as names.
fn canonical_expression(expr: &str) -> Result<String, CronProblem> {
    if expr.is_empty() {
        return Err(CronProblem::Empty);
    }
    if expr.starts_with('@') {
        return macro_expression(expr);
    }
    let fields: Vec<&str> = expr.split_whitespace().collect();
    let (seconds, rest, weekday_convention) = match fields.len() {
        5 => (None, fields.as_slice(), WeekdayNumbers::SundayIsZero),
        6 | 7 => (Some(fields[0]), &fields[1..], WeekdayNumbers::SundayIsOne),
        _ => return Err(CronProblem::FieldCount),
    };
    let mut parts = Vec::with_capacity(7);
    parts.push(match seconds {
        Some(text) => canonical_field(Unit::Second, text)?,
        None => "0".to_string(),
    });
    let units = [
        Unit::Minute,
        Unit::Hour,
        Unit::DayOfMonth,
        Unit::Month,
        Unit::Weekday(weekday_convention),
        Unit::Year,
    ];
    for (unit, text) in units.iter().zip(rest) {
        parts.push(canonical_field(*unit, text)?);
    }
    Ok(parts.join(" "))
}

/// Expands the supported `@` macros; the weekly one runs on Sunday at midnight as in cron.
fn macro_expression(expr: &str) -> Result<String, CronProblem> {
    let canonical = match expr.to_ascii_lowercase().as_str() {
        "@yearly" | "@annually" => "0 0 0 1 1 *",
        "@monthly" => "0 0 0 1 * *",
        "@weekly" => "0 0 0 * * SUN",
        "@daily" | "@midnight" => "0 0 0 * * *",
        "@hourly" => "0 0 * * * *",
        _ => return Err(CronProblem::Macro(expr.to_string())),
    };
    Ok(canonical.to_string())
}

/// Which number means Sunday in a weekday field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WeekdayNumbers {
    /// Standard 5-field cron: 0-7, 0 and 7 are Sunday, 1 is Monday.
    SundayIsZero,
    /// The `cron` crate's 6/7-field form: 1-7, 1 is Sunday, 7 is Saturday.
    SundayIsOne,
}

/// One cron field kind with its allowed values.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    Second,
    Minute,
    Hour,
    DayOfMonth,
    Month,
    Weekday(WeekdayNumbers),
    Year,
}

impl Unit {
    /// The field's name as users know it.
    fn label(self) -> &'static str {
        match self {
            Unit::Second => "second",
            Unit::Minute => "minute",
            Unit::Hour => "hour",
            Unit::DayOfMonth => "day-of-month",
            Unit::Month => "month",
            Unit::Weekday(_) => "weekday",
            Unit::Year => "year",
        }
    }

    /// The inclusive range of numbers the field accepts.
    fn bounds(self) -> (u32, u32) {
        match self {
            Unit::Second | Unit::Minute => (0, 59),
            Unit::Hour => (0, 23),
            Unit::DayOfMonth => (1, 31),
            Unit::Month => (1, 12),
            Unit::Weekday(WeekdayNumbers::SundayIsZero) => (0, 7),
            Unit::Weekday(WeekdayNumbers::SundayIsOne) => (1, 7),
            Unit::Year => (1970, 2100),
        }
    }

    /// The range `*` covers; for standard weekdays 7 is an alias of 0, so it is left out.
    fn star_bounds(self) -> (u32, u32) {
        match self {
            Unit::Weekday(WeekdayNumbers::SundayIsZero) => (0, 6),
            other => other.bounds(),
        }
    }

    /// What the field accepts, for error messages, in `lang`.
    fn usage_in(self, texts: &Texts, lang: &str) -> String {
        match self {
            Unit::Month => texts.get(lang, "cron-usage-month", &[]),
            Unit::Weekday(WeekdayNumbers::SundayIsZero) => {
                texts.get(lang, "cron-usage-weekday", &[])
            }
            Unit::Weekday(WeekdayNumbers::SundayIsOne) => {
                texts.get(lang, "cron-usage-weekday-sunday-first", &[])
            }
            other => {
                let (min, max) = other.bounds();
                let (min, max) = (min.to_string(), max.to_string());
                texts.get(
                    lang,
                    "cron-usage-range",
                    &[("min", Arg::from(&min)), ("max", Arg::from(&max))],
                )
            }
        }
    }

    /// The number a name stands for in this field, in the field's own numbering.
    fn named_value(self, name: &str) -> Option<u32> {
        let lower = name.to_ascii_lowercase();
        match self {
            Unit::Month => {
                const MONTHS: [&str; 12] = [
                    "january",
                    "february",
                    "march",
                    "april",
                    "may",
                    "june",
                    "july",
                    "august",
                    "september",
                    "october",
                    "november",
                    "december",
                ];
                let index = MONTHS
                    .iter()
                    .position(|full| lower == *full || lower == full[..3])?;
                Some(index as u32 + 1)
            }
            Unit::Weekday(numbers) => {
                const DAYS: [(&str, &str); 7] = [
                    ("sunday", "sun"),
                    ("monday", "mon"),
                    ("tuesday", "tues"),
                    ("wednesday", "wed"),
                    ("thursday", "thurs"),
                    ("friday", "fri"),
                    ("saturday", "sat"),
                ];
                let index = DAYS.iter().position(|(full, alias)| {
                    lower == *full || lower == *alias || lower == full[..3]
                })? as u32;
                Some(match numbers {
                    WeekdayNumbers::SundayIsZero => index,
                    WeekdayNumbers::SundayIsOne => index + 1,
                })
            }
            _ => None,
        }
    }

    /// A value as users write it in hints: weekdays by name, everything else as a number.
    fn display(self, value: u32) -> String {
        match self {
            Unit::Weekday(_) => WEEKDAY_NAMES[normalise(self, value) as usize].to_string(),
            _ => value.to_string(),
        }
    }

    /// Whether `?` (no specific value) is allowed, as the `cron` crate allows it.
    fn allows_question_mark(self) -> bool {
        matches!(self, Unit::DayOfMonth | Unit::Weekday(_))
    }
}

/// Validates one field and renders it canonically: `*` stays `*`, anything else becomes an
/// explicit list of numbers (weekdays as names SUN..SAT, so no numbering can be confused).
fn canonical_field(unit: Unit, text: &str) -> Result<String, CronProblem> {
    if text == "*" || (text == "?" && unit.allows_question_mark()) {
        return Ok("*".to_string());
    }
    let values = field_values(unit, text)?;
    let rendered: Vec<String> = match unit {
        Unit::Weekday(_) => values
            .iter()
            .map(|day| WEEKDAY_NAMES[*day as usize].to_string())
            .collect(),
        _ => values.iter().map(u32::to_string).collect(),
    };
    Ok(rendered.join(","))
}

/// The set of values a field selects; weekdays are normalised to 0-6 with 0 = Sunday.
fn field_values(unit: Unit, text: &str) -> Result<BTreeSet<u32>, CronProblem> {
    let mut values = BTreeSet::new();
    for item in text.split(',') {
        if item.is_empty() {
            return Err(CronProblem::EmptyListItem {
                unit,
                text: text.to_string(),
            });
        }
        let (base, step) = match item.split_once('/') {
            Some((base, step)) => (base, Some(parse_step(unit, step)?)),
            None => (item, None),
        };
        let (low, high) = if base == "*" || (base == "?" && unit.allows_question_mark()) {
            unit.star_bounds()
        } else if let Some((first, last)) = base.split_once('-') {
            let low = parse_value(unit, first)?;
            let high = parse_value(unit, last)?;
            if low > high {
                let (min, max) = unit.star_bounds();
                return Err(CronProblem::Backwards {
                    unit,
                    range: base.to_string(),
                    first: first.to_string(),
                    last: last.to_string(),
                    min: unit.display(min),
                    max: unit.display(max),
                });
            }
            (low, high)
        } else {
            let value = parse_value(unit, base)?;
            // A single start with a step runs to the end of the field, as in cron.
            match step {
                Some(_) => (value, value.max(unit.star_bounds().1)),
                None => (value, value),
            }
        };
        for value in (low..=high).step_by(step.unwrap_or(1) as usize) {
            values.insert(normalise(unit, value));
        }
    }
    Ok(values)
}

/// Maps weekday numbers onto 0-6 with 0 = Sunday; other fields are unchanged.
fn normalise(unit: Unit, value: u32) -> u32 {
    match unit {
        Unit::Weekday(WeekdayNumbers::SundayIsZero) => value % 7,
        Unit::Weekday(WeekdayNumbers::SundayIsOne) => value - 1,
        _ => value,
    }
}

/// Parses one number or name of a field and checks its range.
fn parse_value(unit: Unit, text: &str) -> Result<u32, CronProblem> {
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit()) {
        let (min, max) = unit.bounds();
        return match text.parse::<u32>() {
            Ok(value) if (min..=max).contains(&value) => Ok(value),
            _ => Err(CronProblem::OutOfRange {
                unit,
                value: text.to_string(),
            }),
        };
    }
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphabetic()) {
        let name = text.to_string();
        return unit.named_value(text).ok_or(match unit {
            Unit::Month | Unit::Weekday(_) => CronProblem::NotAName { unit, name },
            _ => CronProblem::NoNames { unit, name },
        });
    }
    Err(CronProblem::NotUnderstood {
        unit,
        text: text.to_string(),
    })
}

/// Parses the step after `/`, which must be between 1 and the field's largest value.
fn parse_step(unit: Unit, text: &str) -> Result<u32, CronProblem> {
    let max = unit.bounds().1;
    match text.parse::<u32>() {
        Ok(step) if (1..=max).contains(&step) && text.bytes().all(|b| b.is_ascii_digit()) => {
            Ok(step)
        }
        _ => Err(CronProblem::Step {
            unit,
            step: text.to_string(),
            max,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{Datelike, Timelike, Weekday};

    /// Builds a UTC instant from its parts.
    fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
    }

    /// Parses or fails the test with the error message.
    fn spec(expr: &str, tz: &str) -> CronSpec {
        CronSpec::parse(expr, tz).unwrap_or_else(|e| panic!("{e}"))
    }

    /// The occurrences of `spec` in (from, to], with a generous limit.
    fn between(spec: &CronSpec, from: DateTime<Utc>, to: DateTime<Utc>) -> Vec<DateTime<Utc>> {
        spec.occurrences_between(from, to, 10_000)
    }

    /// Asserts strictly increasing instants, which also rules out duplicates.
    fn assert_strictly_increasing(times: &[DateTime<Utc>]) {
        for pair in times.windows(2) {
            assert!(pair[0] < pair[1], "{} !< {}", pair[0], pair[1]);
        }
    }

    #[test]
    fn five_field_weekday_numbers_follow_standard_cron_with_zero_and_seven_as_sunday() {
        // 2026-03-01 is a Sunday.
        let from = utc(2026, 2, 28, 12, 0);
        for expr in ["0 9 * * 0", "0 9 * * 7", "0 9 * * SUN", "0 9 * * sun"] {
            let next = spec(expr, "UTC").next_after(from).unwrap();
            assert_eq!(next, utc(2026, 3, 1, 9, 0), "{expr}");
            assert_eq!(next.weekday(), Weekday::Sun, "{expr}");
        }
        let monday = spec("0 9 * * 1", "UTC").next_after(from).unwrap();
        assert_eq!(monday.weekday(), Weekday::Mon);
    }

    #[test]
    fn weekday_range_one_to_five_means_monday_to_friday() {
        let s = spec("0 9 * * 1-5", "UTC");
        let days: Vec<Weekday> = between(&s, utc(2026, 3, 1, 0, 0), utc(2026, 3, 15, 0, 0))
            .iter()
            .map(|t| t.weekday())
            .collect();
        assert_eq!(days.len(), 10);
        assert!(days
            .iter()
            .all(|d| !matches!(d, Weekday::Sat | Weekday::Sun)));
        assert_eq!(s, spec("0 9 * * MON-FRI", "UTC").with_expr("0 9 * * 1-5"));
    }

    #[test]
    fn weekday_lists_ranges_to_seven_and_steps_keep_standard_meaning() {
        let week = (utc(2026, 3, 1, 0, 0), utc(2026, 3, 8, 0, 0));
        let days = |expr: &str| -> Vec<Weekday> {
            between(&spec(expr, "UTC"), week.0, week.1)
                .iter()
                .map(|t| t.weekday())
                .collect()
        };
        use Weekday::*;
        assert_eq!(days("0 9 * * 1,3,5"), vec![Mon, Wed, Fri]);
        assert_eq!(days("0 9 * * 5-7"), vec![Sun, Fri, Sat]);
        assert_eq!(days("0 9 * * 0-6").len(), 7);
        assert_eq!(days("0 9 * * 0-7").len(), 7);
        assert_eq!(days("0 9 * * */2"), vec![Sun, Tue, Thu, Sat]);
        assert_eq!(days("0 9 * * 1-5/2"), vec![Mon, Wed, Fri]);
        assert_eq!(days("0 9 * * Mon,wed"), vec![Mon, Wed]);
        assert_eq!(days("0 9 * * ?"), days("0 9 * * *"));
    }

    #[test]
    fn six_and_seven_field_forms_use_the_cron_crate_convention_with_seconds_first() {
        let from = utc(2026, 2, 28, 12, 0);
        // In the 6/7-field form 1 is Sunday.
        let six = spec("30 0 9 * * 1", "UTC");
        let next = six.next_after(from).unwrap();
        assert_eq!(next, Utc.with_ymd_and_hms(2026, 3, 1, 9, 0, 30).unwrap());
        let seven = spec("0 0 9 * * MON 2027", "UTC");
        let next = seven.next_after(from).unwrap();
        assert_eq!(next, utc(2027, 1, 4, 9, 0));
        assert_eq!(seven.next_after(utc(2027, 12, 31, 0, 0)), None);
    }

    #[test]
    fn macros_are_accepted_and_weekly_runs_sunday_midnight() {
        let from = utc(2026, 2, 28, 12, 0);
        assert_eq!(
            spec("@weekly", "UTC").next_after(from),
            Some(utc(2026, 3, 1, 0, 0))
        );
        assert_eq!(
            spec("@daily", "UTC").next_after(from),
            Some(utc(2026, 3, 1, 0, 0))
        );
        assert_eq!(
            spec("@Hourly", "UTC").next_after(from),
            Some(utc(2026, 2, 28, 13, 0))
        );
        assert_eq!(
            spec("@yearly", "UTC").next_after(from),
            Some(utc(2027, 1, 1, 0, 0))
        );
        assert!(CronSpec::parse("@reboot", "UTC").is_err());
    }

    #[test]
    fn bad_expressions_give_bad_cron_errors_with_helpful_lowercase_reasons() {
        let cases = [
            ("", "empty"),
            ("   ", "empty"),
            ("* * *", "expected 5 fields"),
            ("* * * * * * * *", "expected 5 fields"),
            ("60 * * * *", "minute 60 is out of range; use 0-59"),
            ("0 24 * * *", "hour 24 is out of range; use 0-23"),
            ("0 9 32 * *", "day-of-month 32 is out of range"),
            ("0 9 * 13 *", "month 13 is out of range"),
            ("0 9 * * 8", "weekday 8 is out of range"),
            ("0 0 9 * * 0", "weekday 0 is out of range"),
            ("0 9 * * FUNDAY", "not a weekday name"),
            (
                "0 9 * * FRI-MON",
                "runs backwards; split it in two, e.g. FRI-SAT,SUN-MON",
            ),
            ("0 22-2 * * *", "e.g. 22-23,0-2"),
            ("*/0 * * * *", "step"),
            ("0 9 L * *", "does not take names"),
            ("0 9 1#2 * *", "not understood"),
            ("0 9 1,,2 * *", "empty list item"),
            ("0 0 0 * * * 1900", "year 1900 is out of range"),
        ];
        for (expr, needle) in cases {
            let err = CronSpec::parse(expr, "UTC").unwrap_err();
            let ScheduleError::BadCron { reason, .. } = &err else {
                panic!("{expr}: expected BadCron, got {err:?}");
            };
            assert!(reason.to_string().contains(needle), "{expr}: {reason}");
            let message = err.to_string();
            assert!(message.starts_with("bad cron expression"), "{message}");
            assert!(!message.ends_with('.'), "{message}");
        }
    }

    #[test]
    fn a_bad_expression_or_zone_reads_in_the_persons_language_with_what_was_typed() {
        let texts = crate::domain::command::shipped_texts();
        for expr in [
            "",
            "* * *",
            "@reboot",
            "60 * * * *",
            "0 9 * * FUNDAY",
            "0 9 * * FRI-MON",
            "*/0 * * * *",
            "0 9 L * *",
            "0 9 1#2 * *",
            "0 9 1,,2 * *",
            "0 0 9 * * 0",
            "0 0 0 * * * 1900",
        ] {
            let err = CronSpec::parse(expr, "UTC").unwrap_err();
            let fr = err.render(&texts, "fr");
            assert!(fr.starts_with("Expression cron invalide"), "{expr}: {fr}");
        }
        let err = CronSpec::parse("0 9 * * FRI-MON", "UTC").unwrap_err();
        assert_eq!(
            err.render(&texts, "fr"),
            "Expression cron invalide « 0 9 * * FRI-MON » : dans le champ « jour de la semaine », \
             l'intervalle FRI-MON est à l'envers ; coupez-le en deux, p. ex. FRI-SAT,SUN-MON ; \
             exemple : \"0 9 * * MON\" pour 9 h 00 chaque lundi"
        );
        let err = CronSpec::parse("0 24 * * *", "UTC").unwrap_err();
        assert!(
            err.render(&texts, "fr")
                .contains("24 est hors limites pour le champ « heure » ; utilisez 0-23"),
            "{}",
            err.render(&texts, "fr")
        );
        let err = CronSpec::parse("0 9 * * *", "Mars/Olympus").unwrap_err();
        assert!(err
            .render(&texts, "fr")
            .starts_with("Fuseau horaire inconnu « Mars/Olympus » : utilisez un nom de zone IANA"));
    }

    #[test]
    fn wrong_field_count_message_matches_the_documented_wording() {
        let err = CronSpec::parse("* * *", "UTC").unwrap_err();
        assert_eq!(
            err.to_string(),
            "bad cron expression \"* * *\": expected 5 fields (minute hour day month weekday) \
             or 6/7 with seconds first; example: \"0 9 * * MON\" for 9:00 every Monday"
        );
    }

    #[test]
    fn unknown_zones_give_bad_time_zone_suggesting_area_city() {
        for name in ["Mars/Olympus", "Berlin", "CEST+2"] {
            let err = CronSpec::parse("0 9 * * *", name).unwrap_err();
            assert_eq!(
                err,
                ScheduleError::BadTimeZone {
                    name: name.to_string()
                }
            );
            assert!(err.to_string().contains("Area/City, e.g. Europe/Berlin"));
            assert!(err.to_string().contains("UTC is the default"));
        }
    }

    #[test]
    fn utc_and_empty_zone_work_and_zone_names_are_canonicalised() {
        assert_eq!(spec("0 9 * * *", "UTC").tz_name(), "UTC");
        assert_eq!(spec("0 9 * * *", "").tz_name(), "UTC");
        assert_eq!(
            spec("0 9 * * *", "europe/berlin").tz_name(),
            "Europe/Berlin"
        );
        let s = spec("  0 9 * * MON  ", " Europe/Berlin ");
        assert_eq!(s.expr(), "0 9 * * MON");
        assert_eq!(s.describe(), "0 9 * * MON (Europe/Berlin)");
        assert_eq!(s.to_string(), s.describe());
    }

    #[test]
    fn next_after_is_strictly_after_even_when_given_an_occurrence() {
        let s = spec("0 9 * * *", "UTC");
        let at = utc(2026, 5, 4, 9, 0);
        assert_eq!(s.next_after(at), Some(utc(2026, 5, 5, 9, 0)));
        let just_before = at - TimeDelta::nanoseconds(1);
        assert_eq!(s.next_after(just_before), Some(at));
        let every_second = spec("* * * * * *", "UTC");
        let odd = at + TimeDelta::milliseconds(500);
        assert_eq!(
            every_second.next_after(odd),
            Some(at + TimeDelta::seconds(1))
        );
    }

    #[test]
    fn impossible_dates_never_fire() {
        assert_eq!(
            spec("0 9 30 2 *", "UTC").next_after(utc(2026, 1, 1, 0, 0)),
            None
        );
    }

    #[test]
    fn daily_nine_in_berlin_stays_at_nine_local_across_both_dst_changes() {
        let s = spec("0 9 * * *", "Europe/Berlin");
        let tz: Tz = "Europe/Berlin".parse().unwrap();
        // Berlin springs forward on 2026-03-29 and falls back on 2026-10-25.
        let spring = between(&s, utc(2026, 3, 27, 0, 0), utc(2026, 3, 31, 0, 0));
        let hours: Vec<u32> = spring.iter().map(|t| t.hour()).collect();
        assert_eq!(hours, vec![8, 8, 7, 7]);
        let autumn = between(&s, utc(2026, 10, 23, 0, 0), utc(2026, 10, 27, 0, 0));
        let hours: Vec<u32> = autumn.iter().map(|t| t.hour()).collect();
        assert_eq!(hours, vec![7, 7, 8, 8]);
        for t in spring.iter().chain(&autumn) {
            assert_eq!(t.with_timezone(&tz).hour(), 9);
            assert_eq!(t.with_timezone(&tz).minute(), 0);
        }
    }

    #[test]
    fn job_at_two_thirty_in_new_york_fires_once_at_seven_thirty_utc_on_spring_forward_day() {
        let s = spec("30 2 * * *", "America/New_York");
        let day = between(&s, utc(2026, 3, 8, 0, 0), utc(2026, 3, 9, 0, 0));
        assert_eq!(day, vec![utc(2026, 3, 8, 7, 30)]);
        // The days around it are at 02:30 local as usual.
        let around = between(&s, utc(2026, 3, 7, 0, 0), utc(2026, 3, 10, 0, 0));
        assert_eq!(
            around,
            vec![
                utc(2026, 3, 7, 7, 30),
                utc(2026, 3, 8, 7, 30),
                utc(2026, 3, 9, 6, 30)
            ]
        );
        // Asking from inside the skipped hour still finds the shifted occurrence.
        assert_eq!(
            s.next_after(utc(2026, 3, 8, 7, 10)),
            Some(utc(2026, 3, 8, 7, 30))
        );
    }

    #[test]
    fn midnight_job_in_a_zone_whose_gap_starts_at_midnight_fires_just_after_the_gap() {
        // Sao Paulo skipped 00:00-01:00 on 2018-11-04 (-03 to -02).
        let s = spec("0 0 * * *", "America/Sao_Paulo");
        let days = between(&s, utc(2018, 11, 2, 12, 0), utc(2018, 11, 5, 12, 0));
        assert_eq!(
            days,
            vec![
                utc(2018, 11, 3, 3, 0),
                utc(2018, 11, 4, 3, 0),
                utc(2018, 11, 5, 2, 0)
            ]
        );
    }

    #[test]
    fn job_at_one_thirty_in_new_york_fires_once_on_fall_back_day() {
        let s = spec("30 1 * * *", "America/New_York");
        let day = between(&s, utc(2026, 11, 1, 0, 0), utc(2026, 11, 2, 0, 0));
        // 01:30 EDT (the first pass) is 05:30 UTC; 01:30 EST would be 06:30 UTC.
        assert_eq!(day, vec![utc(2026, 11, 1, 5, 30)]);
        // Asking from inside the repeated hour's second pass does not re-fire.
        assert_eq!(
            s.next_after(utc(2026, 11, 1, 6, 10)),
            Some(utc(2026, 11, 2, 6, 30))
        );
    }

    #[test]
    fn every_fifteen_minutes_fires_each_wall_clock_time_once_across_fall_back() {
        let s = spec("*/15 * * * *", "America/New_York");
        let times = between(&s, utc(2026, 11, 1, 4, 0), utc(2026, 11, 1, 8, 0));
        assert_strictly_increasing(&times);
        // 00:15..01:45 EDT is 04:15..05:45 UTC; the repeated 01:xx EST (06:00..06:45 UTC) is
        // not fired again under the earliest-only rule; 02:00 EST is 07:00 UTC.
        let expected: Vec<DateTime<Utc>> = [
            (4, 15),
            (4, 30),
            (4, 45),
            (5, 0),
            (5, 15),
            (5, 30),
            (5, 45),
            (7, 0),
            (7, 15),
            (7, 30),
            (7, 45),
            (8, 0),
        ]
        .iter()
        .map(|(h, m)| utc(2026, 11, 1, *h, *m))
        .collect();
        assert_eq!(times, expected);
        // From the second pass, the next one is 02:00 EST; nothing from the first pass.
        assert_eq!(
            s.next_after(utc(2026, 11, 1, 6, 20)),
            Some(utc(2026, 11, 1, 7, 0))
        );
        // From the first pass, the remaining first-pass times are still found.
        assert_eq!(
            s.next_after(utc(2026, 11, 1, 5, 20)),
            Some(utc(2026, 11, 1, 5, 30))
        );
    }

    #[test]
    fn every_fifteen_minutes_across_spring_forward_merges_shifted_times_without_duplicates() {
        let s = spec("*/15 * * * *", "America/New_York");
        let times = between(&s, utc(2026, 3, 8, 6, 0), utc(2026, 3, 8, 8, 0));
        assert_strictly_increasing(&times);
        let expected: Vec<DateTime<Utc>> = [
            (6, 15),
            (6, 30),
            (6, 45),
            (7, 0),
            (7, 15),
            (7, 30),
            (7, 45),
            (8, 0),
        ]
        .iter()
        .map(|(h, m)| utc(2026, 3, 8, *h, *m))
        .collect();
        assert_eq!(times, expected);
    }

    #[test]
    fn weekly_monday_post_is_neither_skipped_nor_doubled_across_dst_weeks() {
        // Each range covers the week of a DST change plus the weeks either side.
        let cases = [
            ("America/New_York", (2026, 3, 1), (2026, 3, 22)),
            ("America/New_York", (2026, 10, 25), (2026, 11, 15)),
            ("Europe/Berlin", (2026, 3, 22), (2026, 4, 12)),
            ("Europe/Berlin", (2026, 10, 18), (2026, 11, 8)),
        ];
        for (zone, (y0, m0, d0), (y1, m1, d1)) in cases {
            let tz: Tz = zone.parse().unwrap();
            let s = spec("0 9 * * MON", zone);
            let posts = between(&s, utc(y0, m0, d0, 0, 0), utc(y1, m1, d1, 0, 0));
            assert_eq!(posts.len(), 3, "{zone}: {posts:?}");
            for post in &posts {
                let local = post.with_timezone(&tz);
                assert_eq!(local.weekday(), Weekday::Mon, "{zone}");
                assert_eq!((local.hour(), local.minute()), (9, 0), "{zone}");
            }
            for pair in posts.windows(2) {
                let gap = pair[1] - pair[0];
                assert!(gap >= TimeDelta::hours(167) && gap <= TimeDelta::hours(169));
            }
        }
    }

    #[test]
    fn weekly_post_in_new_york_is_neither_skipped_nor_doubled_across_spring_forward() {
        // A Sunday 02:30 post falls in the skipped hour of 2026-03-08.
        let s = spec("30 2 * * 0", "America/New_York");
        let posts = between(&s, utc(2026, 3, 1, 0, 0), utc(2026, 3, 16, 0, 0));
        assert_eq!(
            posts,
            vec![
                utc(2026, 3, 1, 7, 30),
                utc(2026, 3, 8, 7, 30),
                utc(2026, 3, 15, 6, 30)
            ]
        );
    }

    #[test]
    fn occurrences_between_respects_its_limit_and_half_open_bounds() {
        let s = spec("0 * * * *", "UTC");
        let from = utc(2026, 5, 4, 9, 0);
        let to = utc(2026, 5, 4, 12, 0);
        // (09:00, 12:00] holds 10:00, 11:00 and 12:00.
        assert_eq!(
            s.occurrences_between(from, to, 10),
            vec![
                utc(2026, 5, 4, 10, 0),
                utc(2026, 5, 4, 11, 0),
                utc(2026, 5, 4, 12, 0)
            ]
        );
        assert_eq!(s.occurrences_between(from, to, 2).len(), 2);
        assert!(s.occurrences_between(from, to, 0).is_empty());
        assert!(s.occurrences_between(to, from, 10).is_empty());
        assert!(s.occurrences_between(from, from, 10).is_empty());
    }

    #[test]
    fn equal_specs_compare_equal_and_different_zones_do_not() {
        assert_eq!(spec("0 9 * * 1", "UTC"), spec("0 9 * * 1", "UTC"));
        assert_ne!(spec("0 9 * * 1", "UTC"), spec("0 9 * * 1", "Europe/Berlin"));
    }

    impl CronSpec {
        /// Test helper: the same schedule under another user-facing expression text.
        fn with_expr(mut self, expr: &str) -> CronSpec {
            expr.clone_into(&mut self.expr);
            self
        }
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;

        const ZONES: [&str; 5] = [
            "UTC",
            "America/New_York",
            "Europe/Berlin",
            "Australia/Lord_Howe",
            "Pacific/Apia",
        ];
        const EXPRS: [&str; 5] = [
            "*/15 * * * *",
            "30 2 * * *",
            "0 9 * * MON",
            "15,45 0-3 * * *",
            "0 30 1 * * *",
        ];

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(256))]

            #[test]
            fn next_after_is_strictly_increasing_and_skips_nothing(
                zone in 0..ZONES.len(),
                expr in 0..EXPRS.len(),
                seconds in 1_577_836_800i64..1_893_456_000i64,
                fraction in 0.0f64..1.0,
            ) {
                let s = spec(EXPRS[expr], ZONES[zone]);
                let after = DateTime::from_timestamp(seconds, 0).unwrap();
                let first = s.next_after(after).unwrap();
                prop_assert!(first > after);
                let second = s.next_after(first).unwrap();
                prop_assert!(second > first);
                // Any instant between `after` and `first` must lead to `first` again, so
                // nothing between them was skipped.
                let span = (first - after).num_milliseconds() as f64;
                let mid = after + TimeDelta::milliseconds((span * fraction) as i64);
                if mid < first {
                    prop_assert_eq!(s.next_after(mid), Some(first));
                }
            }
        }
    }
}

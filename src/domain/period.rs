//! Usage periods as time ranges: a day, an ISO week, a month or a quarter, read from the
//! ways exports write them (`2026-10-05`, `10/5/2026`, `Sep 7, 2026`, `Oct-26`,
//! `October 2026`, `2026-W40`, `2026-Q3`).
//!
//! Invariants: a `Period` is a half-open range of days `[start, end)`; its canonical
//! `label` parses back to the same period (that label is what the store keeps); periods
//! sort by time, never by text. A column of slash dates is read month-first or day-first
//! as a whole: when its values leave no doubt, by them, else only by the admin's word
//! (`DateOrder`).

use std::sync::OnceLock;

use chrono::{Datelike, Months, NaiveDate, NaiveDateTime, Weekday};
use regex::Regex;

use super::texts::{Arg, Texts};

/// How long a period is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Day,
    Week,
    Month,
    Quarter,
    /// The file had no period column: all of time, one period.
    Whole,
}

/// A range of days `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Period {
    start: NaiveDate,
    end: NaiveDate,
    kind: Kind,
}

/// Where a period lies relative to an instant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Relation {
    /// It ended at or before the instant.
    WhollyBefore,
    /// The instant falls inside it.
    Contains,
    /// It starts at or after the instant.
    WhollyAfter,
}

/// How to read `3/4/2026`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateOrder {
    /// US: month/day/year.
    MonthFirst,
    /// Most of the world: day/month/year.
    DayFirst,
}

impl DateOrder {
    /// `mdy` or `dmy`, as the admin types it.
    pub fn parse(s: &str) -> Result<DateOrder, BadDateOrder> {
        match s.trim().to_lowercase().as_str() {
            "mdy" | "m/d/y" | "us" => Ok(DateOrder::MonthFirst),
            "dmy" | "d/m/y" => Ok(DateOrder::DayFirst),
            other => Err(BadDateOrder(other.to_string())),
        }
    }
}

/// A date order that is neither `mdy` nor `dmy`, as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadDateOrder(pub String);

impl BadDateOrder {
    /// What to type instead, in `lang`.
    pub fn text(&self, texts: &Texts, lang: &str) -> String {
        texts.get(
            lang,
            "period-bad-date-order",
            &[("typed", Arg::from(&self.0))],
        )
    }
}

impl std::fmt::Display for BadDateOrder {
    /// The shipped English.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text(super::texts::english(), "en"))
    }
}

impl std::error::Error for BadDateOrder {}

impl From<BadDateOrder> for String {
    fn from(e: BadDateOrder) -> String {
        e.to_string()
    }
}

impl Period {
    pub fn day(d: NaiveDate) -> Period {
        Period {
            start: d,
            end: d.succ_opt().unwrap_or(NaiveDate::MAX),
            kind: Kind::Day,
        }
    }

    pub fn month(year: i32, month: u32) -> Option<Period> {
        let start = NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(Period {
            start,
            end: start.checked_add_months(Months::new(1))?,
            kind: Kind::Month,
        })
    }

    pub fn quarter(year: i32, quarter: u32) -> Option<Period> {
        if !(1..=4).contains(&quarter) {
            return None;
        }
        let start = NaiveDate::from_ymd_opt(year, 3 * quarter - 2, 1)?;
        Some(Period {
            start,
            end: start.checked_add_months(Months::new(3))?,
            kind: Kind::Quarter,
        })
    }

    pub fn iso_week(year: i32, week: u32) -> Option<Period> {
        let start = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)?;
        Some(Period {
            start,
            end: start + chrono::Days::new(7),
            kind: Kind::Week,
        })
    }

    /// All of time: what a file without a period column has.
    pub fn whole() -> Period {
        Period {
            start: NaiveDate::MIN,
            end: NaiveDate::MAX,
            kind: Kind::Whole,
        }
    }

    pub fn start(&self) -> NaiveDate {
        self.start
    }

    /// The first day after the period.
    pub fn end(&self) -> NaiveDate {
        self.end
    }

    pub fn kind(&self) -> Kind {
        self.kind
    }

    /// The canonical label: `2026-10-05`, `2026-W40`, `2026-10`, `2026-Q3`, or empty
    /// for all of time.
    pub fn label(&self) -> String {
        let s = self.start;
        match self.kind {
            Kind::Day => s.format("%Y-%m-%d").to_string(),
            Kind::Week => {
                let w = s.iso_week();
                format!("{}-W{:02}", w.year(), w.week())
            }
            Kind::Month => s.format("%Y-%m").to_string(),
            Kind::Quarter => format!("{}-Q{}", s.year(), s.month().div_ceil(3)),
            Kind::Whole => String::new(),
        }
    }

    /// Reads a canonical label back (what `label` wrote).
    pub fn from_label(label: &str) -> Option<Period> {
        if label.is_empty() {
            return Some(Period::whole());
        }
        match read(label)? {
            Raw::Exact(p) if p.label() == label => Some(p),
            _ => None,
        }
    }

    /// Where the period lies relative to `at` (days start at midnight of the same clock).
    pub fn relation(&self, at: NaiveDateTime) -> Relation {
        if self.kind == Kind::Whole {
            Relation::Contains
        } else if self.end.and_hms_opt(0, 0, 0).is_some_and(|e| e <= at) {
            Relation::WhollyBefore
        } else if self.start.and_hms_opt(0, 0, 0).is_some_and(|s| s >= at) {
            Relation::WhollyAfter
        } else {
            Relation::Contains
        }
    }

    /// The middle of the period, in days since 1970-01-01 (where a chart puts it).
    pub fn midpoint_days(&self) -> f64 {
        let epoch = NaiveDate::from_ymd_opt(1970, 1, 1).expect("a valid date");
        let a = (self.start - epoch).num_days() as f64;
        let b = (self.end - epoch).num_days() as f64;
        (a + b) / 2.0
    }
}

/// What one value says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Raw {
    Exact(Period),
    /// `a/b/year`: a date once the column's order is known.
    Slashed {
        a: u32,
        b: u32,
        year: i32,
    },
}

/// A month's English name or its three-letter abbreviation (and "Sept"), any case.
fn month_number(name: &str) -> Option<u32> {
    let n = name.trim_end_matches('.');
    let n = if n.eq_ignore_ascii_case("sept") {
        "sep"
    } else {
        n
    };
    n.parse::<chrono::Month>()
        .ok()
        .map(|m| m.number_from_month())
}

fn year(s: &str) -> Option<i32> {
    let y: i32 = s.parse().ok()?;
    Some(if s.len() == 2 { 2000 + y } else { y })
}

struct Patterns {
    iso_day: Regex,
    iso_month: Regex,
    iso_week: Regex,
    quarter: Regex,
    quarter_first: Regex,
    slashed: Regex,
    dotted: Regex,
    name_day_year: Regex,
    day_name_year: Regex,
    name_year: Regex,
    numeric_then_time: Regex,
}

fn patterns() -> &'static Patterns {
    static P: OnceLock<Patterns> = OnceLock::new();
    P.get_or_init(|| {
        let r = |s: &str| Regex::new(s).expect("a valid pattern");
        Patterns {
            iso_day: r(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})$"),
            iso_month: r(r"^(\d{4})-(\d{1,2})$"),
            iso_week: r(r"(?i)^(\d{4})-?W(\d{1,2})$"),
            quarter: r(r"(?i)^(\d{4})[- ]?Q([1-4])$"),
            quarter_first: r(r"(?i)^Q([1-4])[- ]?(\d{4})$"),
            slashed: r(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})$"),
            dotted: r(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})$"),
            name_day_year: r(r"^([A-Za-z]{3,9}\.?) (\d{1,2}),? (\d{4})$"),
            day_name_year: r(r"^(\d{1,2})[ -]([A-Za-z]{3,9}\.?)[ -](\d{4}|\d{2})$"),
            name_year: r(r"^([A-Za-z]{3,9}\.?)[ -](\d{4}|\d{2})$"),
            // A date followed by a time of day, as Salesforce writes date-times.
            numeric_then_time: r(r"^([0-9/.-]+)[ T]\d{1,2}:\d{2}.*$"),
        }
    })
}

fn read(value: &str) -> Option<Raw> {
    let p = patterns();
    let v = value.trim();
    if let Some(c) = p.numeric_then_time.captures(v) {
        return read(&c[1]);
    }
    let n = |c: &regex::Captures, i: usize| c[i].parse::<u32>().ok();
    if let Some(c) = p.iso_day.captures(v) {
        let d = NaiveDate::from_ymd_opt(year(&c[1])?, n(&c, 2)?, n(&c, 3)?)?;
        return Some(Raw::Exact(Period::day(d)));
    }
    if let Some(c) = p.iso_month.captures(v) {
        return Period::month(year(&c[1])?, n(&c, 2)?).map(Raw::Exact);
    }
    if let Some(c) = p.iso_week.captures(v) {
        return Period::iso_week(year(&c[1])?, n(&c, 2)?).map(Raw::Exact);
    }
    if let Some(c) = p.quarter.captures(v) {
        return Period::quarter(year(&c[1])?, n(&c, 2)?).map(Raw::Exact);
    }
    if let Some(c) = p.quarter_first.captures(v) {
        return Period::quarter(year(&c[2])?, n(&c, 1)?).map(Raw::Exact);
    }
    if let Some(c) = p.slashed.captures(v) {
        return Some(Raw::Slashed {
            a: n(&c, 1)?,
            b: n(&c, 2)?,
            year: year(&c[3])?,
        });
    }
    if let Some(c) = p.dotted.captures(v) {
        // 28.09.2026: dots are written day first wherever they are used.
        let d = NaiveDate::from_ymd_opt(year(&c[3])?, n(&c, 2)?, n(&c, 1)?)?;
        return Some(Raw::Exact(Period::day(d)));
    }
    if let Some(c) = p.name_day_year.captures(v) {
        let d = NaiveDate::from_ymd_opt(year(&c[3])?, month_number(&c[1])?, n(&c, 2)?)?;
        return Some(Raw::Exact(Period::day(d)));
    }
    if let Some(c) = p.day_name_year.captures(v) {
        let d = NaiveDate::from_ymd_opt(year(&c[3])?, month_number(&c[2])?, n(&c, 1)?)?;
        return Some(Raw::Exact(Period::day(d)));
    }
    if let Some(c) = p.name_year.captures(v) {
        // `Oct-26` is how Excel's mmm-yy format writes October 2026.
        return Period::month(year(&c[2])?, month_number(&c[1])?).map(Raw::Exact);
    }
    None
}

fn slashed(a: u32, b: u32, year: i32, order: DateOrder) -> Option<Period> {
    let (m, d) = match order {
        DateOrder::MonthFirst => (a, b),
        DateOrder::DayFirst => (b, a),
    };
    NaiveDate::from_ymd_opt(year, m, d).map(Period::day)
}

/// Why a period column could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ColumnProblem {
    /// Values that are no period at all: (index in the column, the value).
    Unreadable(Vec<(usize, String)>),
    /// Slash dates that read both ways (an example given); the admin must say which.
    Ambiguous { example: String },
    /// Slash dates that fit neither order as a whole: one only reads month-first, another
    /// only day-first. (index, value) of each.
    Mixed {
        month_first: (usize, String),
        day_first: (usize, String),
    },
}

/// Reads a whole column of periods, deciding once how its slash dates are ordered.
pub fn parse_column(
    values: &[&str],
    order: Option<DateOrder>,
) -> Result<Vec<Period>, ColumnProblem> {
    let mut raws = Vec::with_capacity(values.len());
    let mut unreadable = Vec::new();
    for (i, v) in values.iter().enumerate() {
        match read(v) {
            Some(r) => raws.push(r),
            None => unreadable.push((i, v.to_string())),
        }
    }
    if !unreadable.is_empty() {
        return Err(ColumnProblem::Unreadable(unreadable));
    }
    let fits = |o: DateOrder| -> Option<usize> {
        raws.iter().position(|r| match *r {
            Raw::Slashed { a, b, year } => slashed(a, b, year, o).is_none(),
            Raw::Exact(_) => false,
        })
    };
    let order = match order {
        Some(o) => o,
        None => match (fits(DateOrder::MonthFirst), fits(DateOrder::DayFirst)) {
            (None, Some(_)) => DateOrder::MonthFirst,
            (Some(_), None) => DateOrder::DayFirst,
            (Some(not_mdy), Some(not_dmy)) => {
                return Err(ColumnProblem::Mixed {
                    month_first: (not_dmy, values[not_dmy].to_string()),
                    day_first: (not_mdy, values[not_mdy].to_string()),
                })
            }
            (None, None) => {
                let doubtful = raws
                    .iter()
                    .position(|r| matches!(*r, Raw::Slashed { a, b, .. } if a != b));
                match doubtful {
                    Some(i) => {
                        return Err(ColumnProblem::Ambiguous {
                            example: values[i].to_string(),
                        })
                    }
                    None => DateOrder::MonthFirst,
                }
            }
        },
    };
    let mut out = Vec::with_capacity(raws.len());
    let mut bad = Vec::new();
    for (i, r) in raws.into_iter().enumerate() {
        match r {
            Raw::Exact(p) => out.push(p),
            Raw::Slashed { a, b, year } => match slashed(a, b, year, order) {
                Some(p) => out.push(p),
                None => bad.push((i, values[i].to_string())),
            },
        }
    }
    if bad.is_empty() {
        Ok(out)
    } else {
        Err(ColumnProblem::Unreadable(bad))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn one(v: &str) -> Period {
        parse_column(&[v], Some(DateOrder::MonthFirst)).unwrap()[0]
    }

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_written_form_reads_as_the_range_it_means() {
        assert_eq!(one("2026-10-05"), Period::day(ymd(2026, 10, 5)));
        assert_eq!(one("10/5/2026"), Period::day(ymd(2026, 10, 5)));
        assert_eq!(one("10/5/2026 3:45 PM"), Period::day(ymd(2026, 10, 5)));
        assert_eq!(one("05.10.2026"), Period::day(ymd(2026, 10, 5)));
        assert_eq!(one("Sep 7, 2026"), Period::day(ymd(2026, 9, 7)));
        assert_eq!(one("September 7, 2026"), Period::day(ymd(2026, 9, 7)));
        assert_eq!(one("7-Sep-2026"), Period::day(ymd(2026, 9, 7)));
        let october = Period::month(2026, 10).unwrap();
        for v in ["2026-10", "October 2026", "Oct 2026", "Oct-26", "oct-2026"] {
            assert_eq!(one(v), october, "{v}");
        }
        let w40 = one("2026-W40");
        assert_eq!(
            (w40.start(), w40.end()),
            (ymd(2026, 9, 28), ymd(2026, 10, 5))
        );
        let q3 = one("2026-Q3");
        assert_eq!((q3.start(), q3.end()), (ymd(2026, 7, 1), ymd(2026, 10, 1)));
        assert_eq!(one("Q3 2026"), q3);
    }

    #[test]
    fn us_dates_sort_by_time_not_by_text() {
        let values = ["10/12/2026", "9/28/2026", "10/5/2026", "9/14/2026"];
        let mut ps = parse_column(&values, None).unwrap();
        // 9/28 only reads month-first, so the whole column does.
        ps.sort();
        let labels: Vec<String> = ps.iter().map(Period::label).collect();
        assert_eq!(
            labels,
            ["2026-09-14", "2026-09-28", "2026-10-05", "2026-10-12"]
        );
    }

    #[test]
    fn a_column_that_reads_both_ways_needs_the_admins_word_and_then_follows_it() {
        let values = ["3/4/2026", "5/4/2026"];
        assert_eq!(
            parse_column(&values, None),
            Err(ColumnProblem::Ambiguous {
                example: "3/4/2026".into()
            })
        );
        let dmy = parse_column(&values, Some(DateOrder::DayFirst)).unwrap();
        assert_eq!(dmy[0], Period::day(ymd(2026, 4, 3)));
        let dmy = parse_column(&["28/9/2026", "3/4/2026"], None).unwrap();
        assert_eq!(dmy[1], Period::day(ymd(2026, 4, 3)), "28/9 settles it");
        assert!(matches!(
            parse_column(&["28/9/2026", "9/28/2026"], None),
            Err(ColumnProblem::Mixed { .. })
        ));
        assert_eq!(
            parse_column(&["2026-10-01", "soon"], None),
            Err(ColumnProblem::Unreadable(vec![(1, "soon".into())]))
        );
    }

    #[test]
    fn a_period_relates_to_an_instant_as_before_containing_or_after() {
        let at = ymd(2026, 10, 15).and_hms_opt(9, 0, 0).unwrap();
        assert_eq!(one("2026-09").relation(at), Relation::WhollyBefore);
        assert_eq!(one("2026-10").relation(at), Relation::Contains);
        assert_eq!(one("2026-11").relation(at), Relation::WhollyAfter);
        let midnight = ymd(2026, 11, 1).and_hms_opt(0, 0, 0).unwrap();
        assert_eq!(one("2026-10").relation(midnight), Relation::WhollyBefore);
        assert_eq!(one("2026-11").relation(midnight), Relation::WhollyAfter);
        assert_eq!(Period::whole().relation(at), Relation::Contains);
    }

    proptest! {
        #[test]
        fn a_label_reads_back_as_the_same_period(days in 0i64..20_000, kind in 0u8..4) {
            let d = ymd(2000, 1, 1) + chrono::Days::new(days as u64);
            let p = match kind {
                0 => Period::day(d),
                1 => Period::iso_week(d.iso_week().year(), d.iso_week().week()).unwrap(),
                2 => Period::month(d.year(), d.month()).unwrap(),
                _ => Period::quarter(d.year(), d.month().div_ceil(3)).unwrap(),
            };
            prop_assert!(p.start() <= d && d < p.end());
            prop_assert_eq!(Period::from_label(&p.label()), Some(p));
        }

        #[test]
        fn us_and_iso_forms_of_a_day_agree(days in 0i64..20_000) {
            let d = ymd(2000, 1, 1) + chrono::Days::new(days as u64);
            let us = d.format("%-m/%-d/%Y").to_string();
            let iso = d.format("%Y-%m-%d").to_string();
            let long = d.format("%b %-d, %Y").to_string();
            let got = parse_column(&[&us, &iso, &long], Some(DateOrder::MonthFirst)).unwrap();
            prop_assert_eq!(got, vec![Period::day(d); 3]);
        }
    }
}

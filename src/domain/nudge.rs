//! When to nudge a hero who has not moved: after a delay, inside their working hours,
//! in their own time zone, never on a weekend.

use chrono::{DateTime, Datelike, Duration, NaiveTime, TimeZone, Timelike, Utc, Weekday};
use chrono_tz::Tz;
use serde::Deserialize;

/// The nudge rules, from `[nudges]` in `prompts/interview.toml`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NudgeRules {
    /// How long a hero may wait before the first (and each further) nudge.
    pub after_hours: u32,
    /// At most this many nudges in a row.
    pub max: u32,
    /// Working hours in the hero's zone: from `work_start` to `work_end` o'clock.
    pub work_start: u32,
    pub work_end: u32,
}

impl Default for NudgeRules {
    fn default() -> Self {
        NudgeRules {
            after_hours: 48,
            max: 2,
            work_start: 9,
            work_end: 17,
        }
    }
}

impl NudgeRules {
    pub fn validate(&self) -> Result<(), String> {
        if self.after_hours == 0 {
            return Err("nudges.after_hours must be at least 1".into());
        }
        if self.work_start >= self.work_end || self.work_end > 24 {
            return Err(format!(
                "nudges.work_start ({}) must be before nudges.work_end ({}), both between 0 and 24",
                self.work_start, self.work_end
            ));
        }
        Ok(())
    }

    /// The first moment at or after `waiting_since + after_hours` that falls inside
    /// working hours on a weekday in `tz`.
    pub fn due(&self, waiting_since: DateTime<Utc>, tz: Tz) -> DateTime<Utc> {
        let earliest = waiting_since + Duration::hours(i64::from(self.after_hours));
        let mut local = earliest.with_timezone(&tz);
        // At most a week of days to look through.
        for _ in 0..8 {
            let weekend = matches!(local.weekday(), Weekday::Sat | Weekday::Sun);
            if !weekend && local.hour() >= self.work_start && local.hour() < self.work_end {
                return local.with_timezone(&Utc);
            }
            let day = if weekend || local.hour() >= self.work_end {
                local.date_naive() + Duration::days(1)
            } else {
                local.date_naive()
            };
            let start =
                day.and_time(NaiveTime::from_hms_opt(self.work_start, 0, 0).expect("valid hour"));
            local = match tz.from_local_datetime(&start).earliest() {
                Some(t) => t,
                // The start of work fell in a daylight-saving gap: an hour later exists.
                None => tz
                    .from_local_datetime(&(start + Duration::hours(1)))
                    .earliest()
                    .expect("an hour after a gap exists"),
            };
        }
        local.with_timezone(&Utc)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn a_nudge_due_inside_working_hours_is_sent_then() {
        // Monday 10:00 UTC + 48h = Wednesday 10:00 UTC, inside London working hours.
        let due =
            NudgeRules::default().due(utc(2026, 11, 23, 10), "Europe/London".parse().unwrap());
        assert_eq!(due, utc(2026, 11, 25, 10));
    }

    #[test]
    fn a_nudge_due_in_the_evening_waits_for_the_next_morning_in_the_heros_zone() {
        // Due Wednesday 20:00 UTC = 15:00 in New York: still working hours there.
        let ny: Tz = "America/New_York".parse().unwrap();
        assert_eq!(
            NudgeRules::default().due(utc(2026, 11, 23, 20), ny),
            utc(2026, 11, 25, 20)
        );
        // In Tokyo that is 05:00 Thursday: it waits until 09:00 Tokyo (00:00 UTC).
        let tokyo: Tz = "Asia/Tokyo".parse().unwrap();
        assert_eq!(
            NudgeRules::default().due(utc(2026, 11, 23, 20), tokyo),
            utc(2026, 11, 26, 0)
        );
    }

    #[test]
    fn no_nudge_falls_on_a_weekend() {
        // Thursday 12:00 + 48h = Saturday 12:00: it waits until Monday 09:00 Berlin (08:00 UTC).
        let berlin: Tz = "Europe/Berlin".parse().unwrap();
        let due = NudgeRules::default().due(utc(2026, 11, 26, 12), berlin);
        assert_eq!(due, utc(2026, 11, 30, 8));
        assert_eq!(due.with_timezone(&berlin).weekday(), Weekday::Mon);
    }

    #[test]
    fn broken_rules_are_refused() {
        let bad = NudgeRules {
            work_start: 18,
            work_end: 9,
            ..NudgeRules::default()
        };
        assert!(bad.validate().is_err());
        assert!(NudgeRules {
            after_hours: 0,
            ..NudgeRules::default()
        }
        .validate()
        .is_err());
    }
}

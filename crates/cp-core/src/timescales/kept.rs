//! Whether each timescale was kept: every clock a case's entries started, when it was due and
//! when (if ever) an entry met it, under the same rules as what is due today (`rules`). The
//! annual report counts them. Pure.

use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use chrono_tz::Europe::London;

use super::rules::{Event, RuleId, TimescaleSettings, due_after, rules};
use crate::domain::calendar::{Holidays, Nation};

/// One clock a case's entries started.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Clock {
    pub rule: RuleId,
    pub started_on: NaiveDate,
    pub due_on: NaiveDate,
    /// UK time, for periods counted in hours.
    pub due_time: Option<NaiveTime>,
    /// The entry that met it.
    pub met: Option<Event>,
}

impl Clock {
    /// Met by its due date (or, for hours, its due moment; an entry with no time counts as
    /// the start of its day, as the clock's start does).
    pub fn kept(&self) -> bool {
        let Some(met) = self.met else { return false };
        match self.due_time {
            None => met.on <= self.due_on,
            Some(t) => {
                let due = self.due_on.and_time(t);
                let due = due.and_local_timezone(London).earliest().map_or_else(|| due.and_utc(), |d| d.to_utc());
                instant(&met) <= due
            }
        }
    }
}

fn instant(e: &Event) -> DateTime<Utc> {
    let local = e.on.and_time(e.time.unwrap_or(NaiveTime::MIN));
    local.and_local_timezone(London).earliest().map_or_else(|| local.and_utc(), |t| t.to_utc())
}

/// Every clock started by `events` (a case's, in `nation`). A clock starts at the earliest
/// starting entry not yet met and is met by the next meeting entry at or after it, as for
/// what is due; a repeating rule (review conferences) starts a new clock at each meeting.
/// `cp_plan_on` says whether a Child Protection Plan ran on a day: a rule that needs one
/// starts no clock without it.
pub fn clocks(
    nation: Nation,
    events: &[Event],
    cp_plan_on: impl Fn(NaiveDate) -> bool,
    settings: &TimescaleSettings,
    holidays: &Holidays,
) -> Vec<Clock> {
    let mut sorted: Vec<&Event> = events.iter().collect();
    sorted.sort_by_key(|e| instant(e));
    let mut out = Vec::new();
    for rule in rules(nation) {
        let period = settings.period_in(nation, rule);
        let mut running: Option<&Event> = None;
        for e in &sorted {
            // A start and a meeting at the same moment: the start is met (as `due_items` has it).
            let starts = rule.starts.contains(&e.kind);
            let meets = rule.met_by.contains(&e.kind);
            if meets && let Some(start) = running.take() {
                out.push(clock(rule.id, start, Some(**e), period, holidays));
            }
            if starts && running.is_none() && (!rule.needs_cp_plan || cp_plan_on(e.on)) {
                running = Some(e);
            }
        }
        if let Some(start) = running {
            out.push(clock(rule.id, start, None, period, holidays));
        }
    }
    out
}

fn clock(rule: RuleId, start: &Event, met: Option<Event>, period: super::rules::Period, holidays: &Holidays) -> Clock {
    let (due_on, due_time) = due_after(start, period, holidays);
    Clock { rule, started_on: start.on, due_on, due_time, met }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chronology::rules::EntryKind as K;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn ev(kind: K, on: &str) -> Event {
        Event { kind, on: d(on), time: None }
    }

    fn kept(events: &[Event], plan: bool) -> Vec<(RuleId, NaiveDate, bool)> {
        let cal = Holidays::for_nation(Nation::EnglandAndWales, &[]);
        clocks(Nation::EnglandAndWales, events, |_| plan, &TimescaleSettings::default(), &cal)
            .into_iter()
            .map(|c| (c.rule, c.due_on, c.kept()))
            .collect()
    }

    #[test]
    fn a_clock_is_kept_when_met_by_its_due_date_and_missed_when_met_late_or_never() {
        let phone = Event { kind: K::ReferralByPhone, on: d("2026-11-23"), time: NaiveTime::from_hms_opt(15, 30, 0) };
        // Written 48 hours to the minute later: kept; a minute more: missed.
        let written = |time| Event {
            kind: K::ReferralInWriting,
            on: d("2026-11-25"),
            time: NaiveTime::from_hms_opt(15, time, 0),
        };
        assert_eq!(kept(&[phone, written(30)], false)[0], (RuleId::WrittenConfirmation, d("2026-11-25"), true));
        assert!(!kept(&[phone, written(31)], false)[0].2);
        // A strategy discussion on the tenth day keeps it; none at all misses it.
        let strategy = ev(K::StrategyDiscussion, "2026-12-03");
        let both = kept(&[phone, written(0), strategy], false);
        assert!(both.contains(&(RuleId::StrategyDiscussion, d("2026-12-03"), true)));
        assert!(kept(&[phone], false).contains(&(RuleId::StrategyDiscussion, d("2026-12-03"), false)));
        // ...and the strategy discussion starts the initial conference's 15 working days.
        assert!(both.contains(&(RuleId::InitialConference, d("2026-12-24"), false)));
    }

    #[test]
    fn review_conferences_each_start_the_next_clock_and_need_a_plan() {
        let initial = ev(K::InitialConference, "2026-01-12");
        let first_review = ev(K::ReviewConference, "2026-04-10");
        let second_review = ev(K::ReviewConference, "2026-11-01");
        let with_plan = kept(&[initial, first_review, second_review], true);
        assert!(with_plan.contains(&(RuleId::FirstReviewConference, d("2026-04-12"), true)));
        // Six months from the first review: 10 October, so the second was late.
        assert!(with_plan.contains(&(RuleId::NextReviewConference, d("2026-10-10"), false)));
        assert!(with_plan.contains(&(RuleId::NextReviewConference, d("2027-05-01"), false)), "still running");
        assert!(!kept(&[initial, first_review], false).iter().any(|c| c.0 == RuleId::FirstReviewConference));
    }
}

//! Deadlines for acknowledging and answering reports, under a configurable regime.
//!
//! The default is EU Directive 2019/1937, article 9: acknowledge within 7 days, give feedback
//! within 3 months of the acknowledgment (or of the end of the 7 days when none was sent).
//! A per-referral regime (Korea's petition rules: 60 days, restarting at each referral) is
//! expressed by `feedback_days = 60, restart_on_referral = true`.

use serde::{Deserialize, Serialize};
use time::Date;

use super::register::CaseRecord;
use crate::reply::Status;

/// A deadline regime.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Regime {
    /// Days to acknowledge receipt.
    pub acknowledge_days: i64,
    /// Months to give feedback (calendar months), counted from the acknowledgment.
    #[serde(default)]
    pub feedback_months: u8,
    /// Days to give feedback, when counted in days instead (used if `feedback_months` is 0).
    #[serde(default)]
    pub feedback_days: i64,
    /// Whether each referral restarts the feedback clock.
    #[serde(default)]
    pub restart_on_referral: bool,
}

impl Regime {
    /// EU Directive 2019/1937 art. 9: 7 days, then 3 months.
    pub fn eu() -> Self {
        Regime {
            acknowledge_days: 7,
            feedback_months: 3,
            feedback_days: 0,
            restart_on_referral: false,
        }
    }

    /// 60 days per referral (Korean petition rules), acknowledgment within 7 days.
    pub fn per_referral_60() -> Self {
        Regime {
            acknowledge_days: 7,
            feedback_months: 0,
            feedback_days: 60,
            restart_on_referral: true,
        }
    }

    /// A regime by name: `eu` or `per-referral-60`.
    pub fn by_name(name: &str) -> Option<Self> {
        match name {
            "eu" | "eu-2019-1937" => Some(Self::eu()),
            "per-referral-60" | "korea" => Some(Self::per_referral_60()),
            _ => None,
        }
    }
}

/// Where one deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Due {
    /// Met on this day.
    Met(Date),
    /// Not met; due on this day (still in time).
    Due(Date),
    /// Not met, and past this day.
    Overdue(Date),
    /// No longer applies (the case is closed).
    NotApplicable,
}

fn add_months(d: Date, months: u8) -> Date {
    let total = d.month() as i32 - 1 + i32::from(months);
    let year = d.year() + total / 12;
    let month = time::Month::try_from((total % 12 + 1) as u8).expect("1..=12");
    let last_day = month.length(year);
    Date::from_calendar_date(year, month, d.day().min(last_day)).expect("valid date")
}

fn state(met: Option<Date>, due: Date, today: Date) -> Due {
    match met {
        Some(day) => Due::Met(day),
        None if today > due => Due::Overdue(due),
        None => Due::Due(due),
    }
}

/// The acknowledgment and feedback deadlines of `case` on `today`.
pub fn deadlines(case: &CaseRecord, regime: &Regime, today: Date) -> (Due, Due) {
    let day = |s: &str| crate::util::parse_day(s);
    let Some(arrived) = day(&case.arrived) else {
        return (Due::NotApplicable, Due::NotApplicable);
    };
    let ack_due = arrived + time::Duration::days(regime.acknowledge_days);
    let acknowledged = case.acknowledged.as_deref().and_then(day);
    let ack = state(acknowledged, ack_due, today);

    let mut start = acknowledged.unwrap_or(ack_due).min(ack_due);
    if regime.restart_on_referral {
        if let Some(last) = case.referrals.iter().filter_map(|d| day(d)).max() {
            start = last;
        }
    }
    let feedback_due = if regime.feedback_months > 0 {
        add_months(start, regime.feedback_months)
    } else {
        start + time::Duration::days(regime.feedback_days)
    };
    // Feedback is a reply after the acknowledgment that tells what is being done: any reply
    // after the first one, or a first reply that already moved the case past "received".
    let feedback_met = case
        .replies
        .iter()
        .enumerate()
        .filter(|(i, r)| *i > 0 || r.status.is_some_and(|s| s != Status::Received))
        .filter_map(|(_, r)| day(&r.day))
        .filter(|d| *d >= start || !regime.restart_on_referral)
        .max();
    let feedback = if case.status == Status::Closed {
        match feedback_met {
            Some(d) => Due::Met(d),
            None => Due::NotApplicable,
        }
    } else {
        state(feedback_met, feedback_due, today)
    };
    (ack, feedback)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::register::RegisterReply;
    use time::macros::date;

    fn case(arrived: &str) -> CaseRecord {
        CaseRecord {
            desk: "d".into(),
            drop: "F".into(),
            mailbox: "ab".repeat(32),
            reply_recipient: "age1".into(),
            arrived: arrived.into(),
            messages: vec![],
            acknowledged: None,
            last_answered: None,
            status: Status::Received,
            reason: None,
            referrals: vec![],
            replies: vec![],
        }
    }

    fn reply(day: &str, status: Option<Status>) -> RegisterReply {
        RegisterReply {
            reply_id: "0".repeat(16),
            day: day.into(),
            sequence: 1,
            text: "t".into(),
            status,
            reason: None,
            referred_to: None,
        }
    }

    #[test]
    fn eu_regime() {
        let eu = Regime::eu();
        let mut c = case("2026-01-01");
        assert_eq!(
            deadlines(&c, &eu, date!(2026 - 01 - 08)).0,
            Due::Due(date!(2026 - 01 - 08))
        );
        assert_eq!(
            deadlines(&c, &eu, date!(2026 - 01 - 09)).0,
            Due::Overdue(date!(2026 - 01 - 08))
        );
        c.acknowledged = Some("2026-01-03".into());
        c.replies.push(reply("2026-01-03", Some(Status::Received)));
        let (ack, fb) = deadlines(&c, &eu, date!(2026 - 04 - 04));
        assert_eq!(ack, Due::Met(date!(2026 - 01 - 03)));
        assert_eq!(fb, Due::Overdue(date!(2026 - 04 - 03)));
        c.replies.push(reply("2026-02-01", Some(Status::InReview)));
        assert_eq!(
            deadlines(&c, &eu, date!(2026 - 04 - 04)).1,
            Due::Met(date!(2026 - 02 - 01))
        );
        assert_eq!(add_months(date!(2026 - 11 - 30), 3), date!(2027 - 02 - 28));
    }

    #[test]
    fn per_referral_regime_restarts_the_clock() {
        let r = Regime::per_referral_60();
        let mut c = case("2026-01-01");
        c.acknowledged = Some("2026-01-02".into());
        c.replies.push(reply("2026-01-02", Some(Status::Received)));
        c.replies.push(reply("2026-02-01", Some(Status::Referred)));
        c.referrals.push("2026-02-01".into());
        c.status = Status::Referred;
        let (_, fb) = deadlines(&c, &r, date!(2026 - 03 - 01));
        assert_eq!(fb, Due::Met(date!(2026 - 02 - 01)));
        c.referrals.push("2026-03-01".into());
        let (_, fb) = deadlines(&c, &r, date!(2026 - 05 - 01));
        assert_eq!(fb, Due::Overdue(date!(2026 - 04 - 30)));
    }
}

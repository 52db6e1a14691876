//! [`SlaTargets`]: how soon each level of request must get its first and next reply.

use serde::{Deserialize, Serialize};

use super::duration::DurationText;
use super::{HumanDuration, invalid};
use crate::Error;
use crate::model::Level;

/// Default first-reply target for `urgent` requests: 15 minutes. All defaults of this module
/// are the ones set in realboss issue 4: each level roughly four times faster than the one
/// below, in the style of the four-tier SLA policies helpdesks ship.
pub const DEFAULT_URGENT_FIRST_REPLY: HumanDuration = HumanDuration::from_mins(15);
/// Default next-reply target for `urgent` requests: 2 hours.
pub const DEFAULT_URGENT_NEXT_REPLY: HumanDuration = HumanDuration::from_hours(2);
/// Default first-reply target for `high` requests: 1 hour.
pub const DEFAULT_HIGH_FIRST_REPLY: HumanDuration = HumanDuration::from_hours(1);
/// Default next-reply target for `high` requests: 8 hours.
pub const DEFAULT_HIGH_NEXT_REPLY: HumanDuration = HumanDuration::from_hours(8);
/// Default first-reply target for `normal` requests: 4 hours.
pub const DEFAULT_NORMAL_FIRST_REPLY: HumanDuration = HumanDuration::from_hours(4);
/// Default next-reply target for `normal` requests: 24 hours.
pub const DEFAULT_NORMAL_NEXT_REPLY: HumanDuration = HumanDuration::from_hours(24);
/// Default first-reply target for `low` requests: 24 hours.
pub const DEFAULT_LOW_FIRST_REPLY: HumanDuration = HumanDuration::from_hours(24);
/// Default next-reply target for `low` requests: 72 hours.
pub const DEFAULT_LOW_NEXT_REPLY: HumanDuration = HumanDuration::from_hours(72);

/// The levels, lowest first: the order of [`SlaTargets`]'s array.
const LEVELS: [Level; 4] = [Level::Low, Level::Normal, Level::High, Level::Urgent];

/// The position of `level` in [`LEVELS`].
const fn index(level: Level) -> usize {
    match level {
        Level::Low => 0,
        Level::Normal => 1,
        Level::High => 2,
        Level::Urgent => 3,
    }
}

/// The reply targets of one level: how long a customer may wait for the first reply to a new
/// request, and for each next reply after they write again.
///
/// The durations count working time when the ranking step is given
/// [`BusinessHours`](super::BusinessHours), wall time otherwise. Both fields are required in
/// the JSON form: `{"first_reply": "15m", "next_reply": "2h"}`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReplyTargets {
    /// Longest wait for the first reply to a new request; greater than zero.
    pub first_reply: HumanDuration,
    /// Longest wait for a reply after the customer's latest message; greater than zero.
    pub next_reply: HumanDuration,
}

/// First-reply and next-reply targets for each level, from `low` to `urgent`.
///
/// | level    | first reply | next reply |
/// |----------|-------------|------------|
/// | `urgent` | 15m         | 2h         |
/// | `high`   | 1h          | 8h         |
/// | `normal` | 4h          | 24h        |
/// | `low`    | 24h         | 72h        |
///
/// Those are the defaults ([`DEFAULT_URGENT_FIRST_REPLY`] and its siblings).
///
/// Validation (in [`SlaTargets::new`] and when deserializing) rejects:
/// - a zero target: a target nobody can meet makes every request overdue on arrival;
/// - a level with a longer target than the level below it (for first and next reply
///   separately): `urgent ≤ high ≤ normal ≤ low`. Equal targets are allowed. A higher level
///   that may wait longer is almost always two values swapped by mistake, and it would rank
///   an urgent request behind a normal one of the same age.
///
/// There is no constraint between a level's first and next reply.
///
/// # JSON form
///
/// ```json
/// {"urgent": {"first_reply": "15m", "next_reply": "2h"},
///  "high":   {"first_reply": "1h",  "next_reply": "8h"},
///  "normal": {"first_reply": "4h",  "next_reply": "1d"},
///  "low":    {"first_reply": "1d",  "next_reply": "3d"}}
/// ```
///
/// A level left out takes its default (the result is validated as a whole); within a level
/// both targets are required; unknown keys are rejected.
///
/// ```
/// use realboss::Level;
/// use realboss::policy::{HumanDuration, SlaTargets};
///
/// let sla: SlaTargets = serde_json::from_str(r#"{"urgent": {"first_reply": "5m", "next_reply": "1h"}}"#)?;
/// assert_eq!(sla.target(Level::Urgent).first_reply, HumanDuration::from_mins(5));
/// assert_eq!(sla.target(Level::Low), SlaTargets::default().target(Level::Low));
///
/// let swapped = r#"{"urgent": {"first_reply": "2h", "next_reply": "2h"}}"#;
/// let err = serde_json::from_str::<SlaTargets>(swapped).unwrap_err();
/// assert!(err.to_string().contains("sla.urgent.first_reply"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "SlaTargetsSpec", into = "SlaTargetsSpec")]
pub struct SlaTargets {
    /// Lowest level first, indexed by [`index`].
    levels: [ReplyTargets; 4],
}

impl Default for SlaTargets {
    /// The defaults in the table above.
    fn default() -> Self {
        SlaTargets {
            levels: [
                ReplyTargets {
                    first_reply: DEFAULT_LOW_FIRST_REPLY,
                    next_reply: DEFAULT_LOW_NEXT_REPLY,
                },
                ReplyTargets {
                    first_reply: DEFAULT_NORMAL_FIRST_REPLY,
                    next_reply: DEFAULT_NORMAL_NEXT_REPLY,
                },
                ReplyTargets {
                    first_reply: DEFAULT_HIGH_FIRST_REPLY,
                    next_reply: DEFAULT_HIGH_NEXT_REPLY,
                },
                ReplyTargets {
                    first_reply: DEFAULT_URGENT_FIRST_REPLY,
                    next_reply: DEFAULT_URGENT_NEXT_REPLY,
                },
            ],
        }
    }
}

impl SlaTargets {
    /// Targets for each level, lowest first.
    ///
    /// # Errors
    ///
    /// [`ErrorKind::InvalidValue`](crate::ErrorKind::InvalidValue) with a field such as
    /// `sla.high.next_reply` when that target is zero, or longer than the same target of the
    /// level below (the value then names both).
    pub fn new(
        low: ReplyTargets,
        normal: ReplyTargets,
        high: ReplyTargets,
        urgent: ReplyTargets,
    ) -> Result<Self, Error> {
        let levels = [low, normal, high, urgent];
        for (level, targets) in LEVELS.iter().zip(&levels) {
            for (kind, target) in by_kind(targets) {
                if target.is_zero() {
                    return Err(invalid(
                        format!("sla.{level}.{kind}"),
                        "\"0s\"",
                        "a target greater than zero, e.g. \"15m\"",
                    ));
                }
            }
        }
        for i in 1..levels.len() {
            for ((kind, below), (_, this)) in
                by_kind(&levels[i - 1]).into_iter().zip(by_kind(&levels[i]))
            {
                if this > below {
                    let below_field = format!("sla.{}.{kind}", LEVELS[i - 1]);
                    return Err(invalid(
                        format!("sla.{}.{kind}", LEVELS[i]),
                        format!("\"{this}\" (longer than {below_field} = \"{below}\")"),
                        format!(
                            "at most {below_field}: a higher level may not wait longer \
                             (urgent ≤ high ≤ normal ≤ low)"
                        ),
                    ));
                }
            }
        }
        Ok(SlaTargets { levels })
    }

    /// The targets of requests at `level`.
    pub fn target(&self, level: Level) -> ReplyTargets {
        self.levels[index(level)]
    }
}

/// A level's targets with their field names.
fn by_kind(targets: &ReplyTargets) -> [(&'static str, HumanDuration); 2] {
    [
        ("first_reply", targets.first_reply),
        ("next_reply", targets.next_reply),
    ]
}

/// The JSON form of [`SlaTargets`], before validation; levels left out take their defaults.
#[derive(Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub(crate) struct SlaTargetsSpec {
    urgent: ReplyTargetsSpec,
    high: ReplyTargetsSpec,
    normal: ReplyTargetsSpec,
    low: ReplyTargetsSpec,
}

/// The JSON form of one level's [`ReplyTargets`]: both required.
#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct ReplyTargetsSpec {
    first_reply: DurationText,
    next_reply: DurationText,
}

impl ReplyTargetsSpec {
    fn parse(&self, level: Level) -> Result<ReplyTargets, Error> {
        Ok(ReplyTargets {
            first_reply: self
                .first_reply
                .parse(&format!("sla.{level}.first_reply"))?,
            next_reply: self.next_reply.parse(&format!("sla.{level}.next_reply"))?,
        })
    }
}

impl From<ReplyTargets> for ReplyTargetsSpec {
    fn from(targets: ReplyTargets) -> Self {
        ReplyTargetsSpec {
            first_reply: targets.first_reply.into(),
            next_reply: targets.next_reply.into(),
        }
    }
}

impl Default for SlaTargetsSpec {
    fn default() -> Self {
        SlaTargets::default().into()
    }
}

impl From<SlaTargets> for SlaTargetsSpec {
    fn from(sla: SlaTargets) -> Self {
        SlaTargetsSpec {
            urgent: sla.target(Level::Urgent).into(),
            high: sla.target(Level::High).into(),
            normal: sla.target(Level::Normal).into(),
            low: sla.target(Level::Low).into(),
        }
    }
}

impl TryFrom<SlaTargetsSpec> for SlaTargets {
    type Error = Error;

    fn try_from(spec: SlaTargetsSpec) -> Result<Self, Error> {
        // Lowest level first, as `SlaTargets::new` checks them.
        SlaTargets::new(
            spec.low.parse(Level::Low)?,
            spec.normal.parse(Level::Normal)?,
            spec.high.parse(Level::High)?,
            spec.urgent.parse(Level::Urgent)?,
        )
    }
}

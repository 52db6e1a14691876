//! The customer: who they are, what they are worth to us, and how they like to be reached.

use std::fmt;

use serde::{Deserialize, Serialize};
use time::{Date, OffsetDateTime, Time, UtcOffset, Weekday};

use super::channel::{Channel, NameOrOther, PaymentMethod};
use super::formats;
use super::ids::{CustomerId, check_label};
use super::language::LanguageTag;
use super::money::{Money, MoneyWire};
use super::named::named_enum;
use super::zone::TimeZone;
use crate::error::shown;
use crate::{Error, ErrorKind};

named_enum! {
    /// A customer's service tier, lowest first (`Ord` follows this order).
    ///
    /// JSON form: `"standard"`, `"silver"`, `"gold"` or `"platinum"`.
    #[derive(PartialOrd, Ord)]
    pub enum Tier as "tier" {
        /// No special plan.
        Standard = "standard",
        /// Entry loyalty tier.
        Silver = "silver",
        /// Upper loyalty tier.
        Gold = "gold",
        /// The top tier (VIP).
        Platinum = "platinum",
    }
}

named_enum! {
    /// Something the customer asked us not to do.
    ///
    /// JSON form: `"do_not_call"`, `"do_not_email"`, `"do_not_sms"` or `"no_marketing"`. The first
    /// three forbid contacting the customer *on our own initiative* on that channel (see
    /// [`CustomerProfile::allows`]); `no_marketing` forbids marketing on any channel but not
    /// service replies.
    #[derive(PartialOrd, Ord)]
    pub enum OptOut as "opt_out" {
        /// Never phone this customer.
        DoNotCall = "do_not_call",
        /// Never email this customer.
        DoNotEmail = "do_not_email",
        /// Never text this customer.
        DoNotSms = "do_not_sms",
        /// No marketing messages of any kind.
        NoMarketing = "no_marketing",
    }
}

/// Short names of the days, Monday first, as written in JSON.
const DAY_NAMES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// Parses a day name (`mon` … `sun`).
fn parse_day(text: &str) -> Result<Weekday, Error> {
    let mut day = Weekday::Monday;
    for name in DAY_NAMES {
        if name == text {
            return Ok(day);
        }
        day = day.next();
    }
    Err(ErrorKind::UnknownVariant {
        field: "day",
        value: shown(text),
        expected: "mon, tue, wed, thu, fri, sat, sun",
    }
    .into())
}

/// A set of days of the week.
///
/// JSON form: a list of day names `["mon", "tue"]`, always written Monday first; reading
/// rejects a repeated day (probably a typo for another day).
///
/// ```
/// use realboss::model::DaySet;
/// use time::Weekday;
/// let days = DaySet::WORKDAYS;
/// assert!(days.contains(Weekday::Friday));
/// assert!(!days.contains(Weekday::Sunday));
/// assert_eq!(days.len(), 5);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct DaySet(u8);

impl DaySet {
    /// No day.
    pub const EMPTY: DaySet = DaySet(0);
    /// Monday to Friday.
    pub const WORKDAYS: DaySet = DaySet(0b001_1111);
    /// Every day.
    pub const ALL: DaySet = DaySet(0b111_1111);

    fn bit(day: Weekday) -> u8 {
        1 << day.number_days_from_monday()
    }

    /// This set with `day` added.
    #[must_use]
    pub fn with(self, day: Weekday) -> DaySet {
        DaySet(self.0 | DaySet::bit(day))
    }

    /// Whether `day` is in the set.
    pub fn contains(self, day: Weekday) -> bool {
        self.0 & DaySet::bit(day) != 0
    }

    /// Number of days in the set, 0 to 7.
    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    /// Whether the set holds no day.
    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The days in the set, Monday first.
    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        let mut day = Weekday::Sunday;
        (0..7).filter_map(move |_| {
            day = day.next();
            self.contains(day).then_some(day)
        })
    }
}

impl FromIterator<Weekday> for DaySet {
    fn from_iter<I: IntoIterator<Item = Weekday>>(iter: I) -> Self {
        iter.into_iter().fold(DaySet::EMPTY, DaySet::with)
    }
}

impl fmt::Debug for DaySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list()
            .entries(
                self.iter()
                    .map(|d| DAY_NAMES[d.number_days_from_monday() as usize]),
            )
            .finish()
    }
}

impl Serialize for DaySet {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(
            self.iter()
                .map(|d| DAY_NAMES[d.number_days_from_monday() as usize]),
        )
    }
}

impl<'de> Deserialize<'de> for DaySet {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let names = Vec::<String>::deserialize(d)?;
        parse_days(&names).map_err(serde::de::Error::custom)
    }
}

fn parse_days(names: &[String]) -> Result<DaySet, Error> {
    let mut days = DaySet::EMPTY;
    for name in names {
        let day = parse_day(name)?;
        if days.contains(day) {
            return Err(Error::invalid_value(
                "contact_windows.days",
                name,
                "each day at most once",
            ));
        }
        days = days.with(day);
    }
    Ok(days)
}

/// When a customer is glad to be contacted: some days of the week, from `start` to `end`.
///
/// Times are local to the customer's clock (the profile's `time_zone`, else its `utc_offset`).
/// `start` is included, `end` is not, and `start != end` (an [`ErrorKind::InvalidValue`]
/// otherwise). A window whose end is before its start crosses midnight: `{"days": ["fri"],
/// "start": "22:00", "end": "02:00"}` is Friday 22:00 to Saturday 02:00 (the days name the day
/// it starts). On a night the clocks change it follows the clock: it is open while the
/// customer's clock shows a time inside it. Times have whole seconds; `days` is not empty.
///
/// JSON form: `{"days": ["mon","tue"], "start": "09:00", "end": "17:30"}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "ContactWindowWire")]
pub struct ContactWindow {
    days: DaySet,
    #[serde(serialize_with = "formats::serialize_time_of_day")]
    start: Time,
    #[serde(serialize_with = "formats::serialize_time_of_day")]
    end: Time,
}

impl ContactWindow {
    /// Validates a window: `days` not empty, `start != end` (an end before the start crosses
    /// midnight), no fractions of a second.
    ///
    /// ```
    /// use realboss::model::{ContactWindow, DaySet};
    /// use time::macros::time;
    /// let office = ContactWindow::new(DaySet::WORKDAYS, time!(9:00), time!(17:30))?;
    /// let night = ContactWindow::new(DaySet::WORKDAYS, time!(22:00), time!(2:00))?;
    /// assert!(night.contains(time::Weekday::Saturday, time!(1:30)));
    /// assert!(!night.contains(time::Weekday::Saturday, time!(22:30)));
    /// assert!(ContactWindow::new(DaySet::WORKDAYS, time!(9:00), time!(9:00)).is_err());
    /// # let _ = office;
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn new(days: DaySet, start: Time, end: Time) -> Result<Self, Error> {
        if days.is_empty() {
            return Err(Error::invalid_value(
                "contact_windows.days",
                "[]",
                "at least one day",
            ));
        }
        for t in [start, end] {
            if t.nanosecond() != 0 {
                return Err(Error::invalid_value(
                    "contact_windows.start/end",
                    &t.to_string(),
                    "a time of whole seconds",
                ));
            }
        }
        if start == end {
            return Err(Error::invalid_value(
                "contact_windows.end",
                &format!(
                    "start {} and end {}",
                    formats::format_time_of_day(start),
                    formats::format_time_of_day(end)
                ),
                "a time other than start (an end before the start crosses midnight)",
            ));
        }
        Ok(ContactWindow { days, start, end })
    }

    /// The days the window applies to.
    pub fn days(&self) -> DaySet {
        self.days
    }

    /// Local start time (included).
    pub fn start(&self) -> Time {
        self.start
    }

    /// Local end time (excluded).
    pub fn end(&self) -> Time {
        self.end
    }

    /// Whether the window crosses midnight (its end is before its start).
    pub fn crosses_midnight(&self) -> bool {
        self.end < self.start
    }

    /// Whether a local day and time fall inside the window (after midnight, a window crossing
    /// it belongs to the day before).
    pub fn contains(&self, day: Weekday, time: Time) -> bool {
        if self.crosses_midnight() {
            (self.days.contains(day) && self.start <= time)
                || (self.days.contains(day.previous()) && time < self.end)
        } else {
            self.days.contains(day) && self.start <= time && time < self.end
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ContactWindowWire {
    days: Vec<String>,
    start: String,
    end: String,
}

impl TryFrom<ContactWindowWire> for ContactWindow {
    type Error = Error;
    fn try_from(w: ContactWindowWire) -> Result<Self, Error> {
        ContactWindow::new(
            parse_days(&w.days)?,
            formats::parse_time_of_day("contact_windows.start", &w.start)?,
            formats::parse_time_of_day("contact_windows.end", &w.end)?,
        )
    }
}

/// Everything realboss knows about a customer, as the host's CRM sees it.
///
/// Built with [`CustomerProfile::builder`] (which validates) or read from JSON. Invariants:
/// tags are 1 to 64 bytes without control characters; the UTC offset is whole minutes within
/// ±23:59; `customer_since` is in the years 0000 to 9999 (what `YYYY-MM-DD` can write). The
/// name is free text (shown to agents, never parsed).
///
/// `utc_offset` is a *fixed* offset. A profile may name an IANA `time_zone` instead (e.g.
/// `"America/Mexico_City"`, see [`TimeZone`]): when it does, the zone wins over `utc_offset` for
/// the customer's clock ([`local_time`](Self::local_time), contact windows and the hints' best
/// time), daylight-saving changes included.
///
/// `tier`, `lifetime_value` and `customer_since` are optional: a helpdesk export rarely has
/// them, and realboss never invents them. An unknown fact adds 0 points to a request's
/// priority (its reason says "value unknown" or "tier unknown") and the tenure hint says
/// "too little data"; see [`CustomerProfile::builder`].
///
/// JSON form (only `id` is required):
/// ```json
/// {"id": "cus-17", "name": "Maria Lopez", "tier": "gold",
///  "lifetime_value": {"amount": 1234.5, "currency": "EUR"},
///  "customer_since": "2019-04-02", "language": "es-MX", "utc_offset": "-06:00",
///  "time_zone": "America/Mexico_City", "preferred_channel": "phone",
///  "contact_windows": [{"days": ["mon","tue","wed","thu","fri"], "start": "09:00", "end": "17:30"}],
///  "payment_methods": ["card", "paypal"], "opt_outs": ["do_not_call"], "tags": ["reseller"]}
/// ```
/// Defaults when omitted or `null`: `name`, `tier`, `lifetime_value` and `customer_since`
/// unknown, `language` `"en"`, `utc_offset` `"+00:00"`,
/// `time_zone` none, `preferred_channel` none, the four lists empty. Writing omits every
/// unknown or missing field and empty lists. Unknown fields are rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "CustomerProfileWire")]
pub struct CustomerProfile {
    id: CustomerId,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tier: Option<Tier>,
    #[serde(skip_serializing_if = "Option::is_none")]
    lifetime_value: Option<Money>,
    #[serde(
        skip_serializing_if = "Option::is_none",
        serialize_with = "formats::serialize_opt_date"
    )]
    customer_since: Option<Date>,
    language: LanguageTag,
    #[serde(serialize_with = "formats::serialize_offset")]
    utc_offset: UtcOffset,
    #[serde(skip_serializing_if = "Option::is_none")]
    time_zone: Option<TimeZone>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preferred_channel: Option<Channel>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    contact_windows: Vec<ContactWindow>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    payment_methods: Vec<PaymentMethod>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    opt_outs: Vec<OptOut>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    tags: Vec<String>,
}

impl CustomerProfile {
    /// Starts a profile from its one required field, the id; the rest default as in JSON
    /// (tier, lifetime value and customer-since date unknown until set).
    ///
    /// ```
    /// use realboss::model::{Channel, CustomerId, CustomerProfile, Money, OptOut, Tier};
    /// use time::macros::{date, offset};
    /// let maria = CustomerProfile::builder(CustomerId::new("cus-17")?)
    ///     .tier(Tier::Gold)
    ///     .lifetime_value(Money::new(1234.5, "EUR".parse()?)?)
    ///     .customer_since(date!(2019 - 04 - 02))
    /// .name("Maria Lopez")
    /// .language("es-MX".parse()?)
    /// .utc_offset(offset!(-6))
    /// .opt_out(OptOut::DoNotCall)
    /// .build()?;
    /// assert!(!maria.allows(&Channel::Phone));
    /// assert!(maria.allows(&Channel::Email));
    /// assert_eq!(maria.tier(), Some(Tier::Gold));
    ///
    /// // A helpdesk contact with nothing but an id: nothing is invented.
    /// let new = CustomerProfile::builder(CustomerId::new("zd-9001")?).build()?;
    /// assert_eq!((new.tier(), new.lifetime_value(), new.customer_since()), (None, None, None));
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn builder(id: CustomerId) -> CustomerProfileBuilder {
        CustomerProfileBuilder {
            profile: CustomerProfile {
                id,
                name: None,
                tier: None,
                lifetime_value: None,
                customer_since: None,
                language: LanguageTag::english(),
                utc_offset: UtcOffset::UTC,
                time_zone: None,
                preferred_channel: None,
                contact_windows: Vec::new(),
                payment_methods: Vec::new(),
                opt_outs: Vec::new(),
                tags: Vec::new(),
            },
        }
    }

    /// A builder holding every field of this profile, to change some and build again
    /// (validated as any build).
    ///
    /// ```
    /// # use realboss::model::*;
    /// # use time::macros::date;
    /// let maria = CustomerProfile::builder(CustomerId::new("cus-17")?)
    ///     .tier(Tier::Silver)
    ///     .name("Maria")
    ///     .build()?;
    /// let upgraded = maria.to_builder().tier(Tier::Gold).tag("reseller").build()?;
    /// assert_eq!((upgraded.tier(), upgraded.name()), (Some(Tier::Gold), Some("Maria")));
    /// assert_eq!(upgraded.tags(), ["reseller"]);
    /// # Ok::<(), realboss::Error>(())
    /// ```
    pub fn to_builder(&self) -> CustomerProfileBuilder {
        CustomerProfileBuilder {
            profile: self.clone(),
        }
    }

    /// This profile with one more tag, validated as [`CustomerProfileBuilder::build`]
    /// validates (1 to 64 bytes, no control characters). The profile itself is unchanged.
    pub fn with_tag(&self, tag: impl Into<String>) -> Result<CustomerProfile, Error> {
        self.to_builder().tag(tag).build()
    }

    /// Reads a profile from its JSON form, keeping the exact error kind.
    pub fn from_json(json: &str) -> Result<Self, Error> {
        super::from_json_via::<CustomerProfileWire, _>(json)
    }

    /// The customer's id.
    pub fn id(&self) -> &CustomerId {
        &self.id
    }
    /// The customer's name, if known (free text).
    pub fn name(&self) -> Option<&str> {
        self.name.as_deref()
    }
    /// The service tier, if known.
    pub fn tier(&self) -> Option<Tier> {
        self.tier
    }
    /// What the customer has spent with us so far, if known.
    pub fn lifetime_value(&self) -> Option<Money> {
        self.lifetime_value
    }
    /// The date the customer first bought from us, if known.
    pub fn customer_since(&self) -> Option<Date> {
        self.customer_since
    }
    /// The language to answer in.
    pub fn language(&self) -> &LanguageTag {
        &self.language
    }
    /// The customer's fixed UTC offset (see the type's docs about daylight saving).
    pub fn utc_offset(&self) -> UtcOffset {
        self.utc_offset
    }
    /// The customer's IANA time zone, if the profile names one (it wins over `utc_offset`).
    pub fn time_zone(&self) -> Option<&TimeZone> {
        self.time_zone.as_ref()
    }
    /// The offset of the customer's clock at `at`: the time zone's then, else `utc_offset`.
    pub fn utc_offset_at(&self, at: OffsetDateTime) -> UtcOffset {
        match &self.time_zone {
            Some(zone) => zone.offset_at(at),
            None => self.utc_offset,
        }
    }
    /// The instant at which the customer's clock shows local second `local` (Unix seconds
    /// shifted by the offset), by the zone's gap and fold rules when it has one.
    pub(crate) fn instant_of_local_secs(&self, local: i64) -> i64 {
        match &self.time_zone {
            Some(zone) => zone.resolve_local_secs(local),
            None => local - i64::from(self.utc_offset.whole_seconds()),
        }
    }
    /// The channel the customer prefers, if they said.
    pub fn preferred_channel(&self) -> Option<&Channel> {
        self.preferred_channel.as_ref()
    }
    /// When the customer is glad to be contacted (empty: no preference stated).
    pub fn contact_windows(&self) -> &[ContactWindow] {
        &self.contact_windows
    }
    /// The payment methods on file, in the host's order.
    pub fn payment_methods(&self) -> &[PaymentMethod] {
        &self.payment_methods
    }
    /// What the customer asked us not to do.
    pub fn opt_outs(&self) -> &[OptOut] {
        &self.opt_outs
    }
    /// The host's free labels, e.g. `reseller`.
    pub fn tags(&self) -> &[String] {
        &self.tags
    }

    /// Whether the customer has this opt-out.
    pub fn has_opt_out(&self, opt_out: OptOut) -> bool {
        self.opt_outs.contains(&opt_out)
    }

    /// Whether we may contact the customer on `channel` on our own initiative: `false` for
    /// phone under `do_not_call`, email under `do_not_email`, SMS under `do_not_sms`; `true`
    /// otherwise (`no_marketing` does not stop service contact). Do-not-call is a hard rule:
    /// nothing in realboss suggests calling a customer for whom this returns `false`.
    pub fn allows(&self, channel: &Channel) -> bool {
        let forbidden_by = match channel {
            Channel::Phone => OptOut::DoNotCall,
            Channel::Email => OptOut::DoNotEmail,
            Channel::Sms => OptOut::DoNotSms,
            _ => return true,
        };
        !self.has_opt_out(forbidden_by)
    }

    /// The instant `at` on the customer's own clock (their `time_zone`, else `utc_offset`).
    ///
    /// `None` only when that clock would read a date outside the `time` crate's range (past
    /// the year 9999 or before -9999, so within a day of its ends).
    pub fn local_time(&self, at: OffsetDateTime) -> Option<OffsetDateTime> {
        at.checked_to_offset(self.utc_offset_at(at))
    }

    /// The weekday and time of day `at` shows on the customer's clock. Computed from Unix
    /// seconds, so it has an answer for every instant, even where [`local_time`](Self::local_time)
    /// has none.
    fn local_day_and_time(&self, at: OffsetDateTime) -> (Weekday, Time) {
        const DAY: i64 = 86_400;
        let local = at.unix_timestamp() + i64::from(self.utc_offset_at(at).whole_seconds());
        let (days, secs) = (local.div_euclid(DAY), local.rem_euclid(DAY));
        // Day 0, 1970-01-01, was a Thursday; `rem_euclid` keeps both values small and positive.
        let weekday = Weekday::Thursday.nth_next(days.rem_euclid(7) as u8);
        let (h, m, s) = (
            (secs / 3_600) as u8,
            (secs / 60 % 60) as u8,
            (secs % 60) as u8,
        );
        // In range by construction (h < 24, m and s < 60, a nanosecond field is < 10^9).
        let time = Time::from_hms_nano(h, m, s, at.nanosecond()).unwrap_or(Time::MIDNIGHT);
        (weekday, time)
    }

    /// The first contact window containing `at` (on the customer's clock), if any.
    pub fn contact_window_at(&self, at: OffsetDateTime) -> Option<&ContactWindow> {
        let (day, time) = self.local_day_and_time(at);
        self.contact_windows.iter().find(|w| w.contains(day, time))
    }

    /// Whether `at` suits the customer: inside a contact window, or any time if they gave none.
    pub fn is_contact_time(&self, at: OffsetDateTime) -> bool {
        self.contact_windows.is_empty() || self.contact_window_at(at).is_some()
    }

    /// The first field in which two profiles differ, for error messages.
    pub(crate) fn first_difference(&self, other: &CustomerProfile) -> Option<&'static str> {
        let checks: [(&'static str, bool); 13] = [
            ("id", self.id == other.id),
            ("name", self.name == other.name),
            ("tier", self.tier == other.tier),
            (
                "lifetime_value",
                self.lifetime_value == other.lifetime_value,
            ),
            (
                "customer_since",
                self.customer_since == other.customer_since,
            ),
            ("language", self.language == other.language),
            ("utc_offset", self.utc_offset == other.utc_offset),
            ("time_zone", self.time_zone == other.time_zone),
            (
                "preferred_channel",
                self.preferred_channel == other.preferred_channel,
            ),
            (
                "contact_windows",
                self.contact_windows == other.contact_windows,
            ),
            (
                "payment_methods",
                self.payment_methods == other.payment_methods,
            ),
            ("opt_outs", self.opt_outs == other.opt_outs),
            ("tags", self.tags == other.tags),
        ];
        checks
            .iter()
            .find(|(_, same)| !same)
            .map(|(field, _)| *field)
    }
}

/// Builds a [`CustomerProfile`]; [`build`](CustomerProfileBuilder::build) validates.
#[derive(Debug, Clone)]
#[must_use]
pub struct CustomerProfileBuilder {
    profile: CustomerProfile,
}

impl CustomerProfileBuilder {
    /// Sets the tier.
    pub fn tier(mut self, tier: Tier) -> Self {
        self.profile.tier = Some(tier);
        self
    }
    /// Sets the lifetime value.
    pub fn lifetime_value(mut self, lifetime_value: Money) -> Self {
        self.profile.lifetime_value = Some(lifetime_value);
        self
    }
    /// Sets the date the customer joined (years 0000 to 9999; checked by `build`).
    pub fn customer_since(mut self, customer_since: Date) -> Self {
        self.profile.customer_since = Some(customer_since);
        self
    }
    /// Makes the tier unknown again.
    pub fn clear_tier(mut self) -> Self {
        self.profile.tier = None;
        self
    }
    /// Makes the lifetime value unknown again.
    pub fn clear_lifetime_value(mut self) -> Self {
        self.profile.lifetime_value = None;
        self
    }
    /// Makes the customer-since date unknown again.
    pub fn clear_customer_since(mut self) -> Self {
        self.profile.customer_since = None;
        self
    }
    /// Removes the name.
    pub fn clear_name(mut self) -> Self {
        self.profile.name = None;
        self
    }
    /// Removes the preferred channel.
    pub fn clear_preferred_channel(mut self) -> Self {
        self.profile.preferred_channel = None;
        self
    }
    /// Removes every contact window, payment method, opt-out and tag, to add the ones that
    /// stay.
    pub fn clear_lists(mut self) -> Self {
        self.profile.contact_windows.clear();
        self.profile.payment_methods.clear();
        self.profile.opt_outs.clear();
        self.profile.tags.clear();
        self
    }
    /// Sets the customer's name (free text).
    pub fn name(mut self, name: impl Into<String>) -> Self {
        self.profile.name = Some(name.into());
        self
    }
    /// Sets the language (default `en`).
    pub fn language(mut self, language: LanguageTag) -> Self {
        self.profile.language = language;
        self
    }
    /// Sets the fixed UTC offset (default UTC); must be whole minutes within ±23:59.
    pub fn utc_offset(mut self, offset: UtcOffset) -> Self {
        self.profile.utc_offset = offset;
        self
    }
    /// Sets the customer's IANA time zone, which wins over the UTC offset for their clock.
    pub fn time_zone(mut self, zone: TimeZone) -> Self {
        self.profile.time_zone = Some(zone);
        self
    }
    /// Removes the time zone (the UTC offset applies again).
    pub fn clear_time_zone(mut self) -> Self {
        self.profile.time_zone = None;
        self
    }
    /// Sets the preferred channel.
    pub fn preferred_channel(mut self, channel: Channel) -> Self {
        self.profile.preferred_channel = Some(channel);
        self
    }
    /// Adds a contact window.
    pub fn contact_window(mut self, window: ContactWindow) -> Self {
        self.profile.contact_windows.push(window);
        self
    }
    /// Adds a payment method (kept in the order added).
    pub fn payment_method(mut self, method: PaymentMethod) -> Self {
        self.profile.payment_methods.push(method);
        self
    }
    /// Adds an opt-out.
    pub fn opt_out(mut self, opt_out: OptOut) -> Self {
        self.profile.opt_outs.push(opt_out);
        self
    }
    /// Adds a tag (1 to 64 bytes, no control characters; checked by `build`).
    pub fn tag(mut self, tag: impl Into<String>) -> Self {
        self.profile.tags.push(tag.into());
        self
    }

    /// Checks the profile: tags, UTC offset and `customer_since` (see [`CustomerProfile`]).
    pub fn build(self) -> Result<CustomerProfile, Error> {
        let p = self.profile;
        formats::check_offset("utc_offset", p.utc_offset)?;
        if let Some(since) = p.customer_since {
            formats::check_date("customer_since", since)?;
        }
        for tag in &p.tags {
            check_label("tags", tag)?;
        }
        Ok(p)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct CustomerProfileWire {
    id: String,
    #[serde(default)]
    name: Option<String>,
    #[serde(default)]
    tier: Option<String>,
    #[serde(default)]
    lifetime_value: Option<MoneyWire>,
    #[serde(default)]
    customer_since: Option<String>,
    #[serde(default)]
    language: Option<String>,
    #[serde(default)]
    utc_offset: Option<String>,
    #[serde(default)]
    time_zone: Option<String>,
    #[serde(default)]
    preferred_channel: Option<NameOrOther>,
    #[serde(default)]
    contact_windows: Option<Vec<ContactWindowWire>>,
    #[serde(default)]
    payment_methods: Option<Vec<NameOrOther>>,
    #[serde(default)]
    opt_outs: Option<Vec<String>>,
    #[serde(default)]
    tags: Option<Vec<String>>,
}

impl TryFrom<CustomerProfileWire> for CustomerProfile {
    type Error = Error;
    fn try_from(w: CustomerProfileWire) -> Result<Self, Error> {
        let mut b = CustomerProfile::builder(CustomerId::new(w.id)?);
        b.profile.tier = w.tier.map(|t| t.parse()).transpose()?;
        b.profile.lifetime_value = w
            .lifetime_value
            .map(|v| v.validate("lifetime_value.amount", "lifetime_value.currency"))
            .transpose()?;
        b.profile.customer_since = w
            .customer_since
            .map(|d| formats::parse_date("customer_since", &d))
            .transpose()?;
        b.profile.name = w.name;
        if let Some(language) = w.language {
            b.profile.language = LanguageTag::new(&language)?;
        }
        if let Some(offset) = w.utc_offset {
            b.profile.utc_offset = formats::parse_offset("utc_offset", &offset)?;
        }
        if let Some(zone) = w.time_zone {
            b.profile.time_zone = Some(TimeZone::new(&zone)?);
        }
        b.profile.preferred_channel = w.preferred_channel.map(Channel::try_from).transpose()?;
        b.profile.contact_windows = w
            .contact_windows
            .unwrap_or_default()
            .into_iter()
            .map(ContactWindow::try_from)
            .collect::<Result<_, _>>()?;
        b.profile.payment_methods = w
            .payment_methods
            .unwrap_or_default()
            .into_iter()
            .map(PaymentMethod::try_from)
            .collect::<Result<_, _>>()?;
        b.profile.opt_outs = w
            .opt_outs
            .unwrap_or_default()
            .iter()
            .map(|o| o.parse())
            .collect::<Result<_, _>>()?;
        b.profile.tags = w.tags.unwrap_or_default();
        b.build()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::{date, datetime, offset, time};

    fn maria() -> CustomerProfile {
        CustomerProfile::builder(CustomerId::new("cus-17").unwrap())
            .tier(Tier::Gold)
            .lifetime_value(Money::new(1234.5, "EUR".parse().unwrap()).unwrap())
            .customer_since(date!(2019 - 04 - 02))
            .utc_offset(offset!(-6))
            .contact_window(
                ContactWindow::new(DaySet::WORKDAYS, time!(9:00), time!(17:30)).unwrap(),
            )
            .build()
            .unwrap()
    }

    #[test]
    fn tiers_are_ordered_low_to_high() {
        assert!(Tier::Standard < Tier::Silver && Tier::Gold < Tier::Platinum);
        assert_eq!(Tier::NAMES, "standard, silver, gold, platinum");
    }

    #[test]
    fn contact_windows_use_the_customers_clock() {
        let m = maria();
        // Monday 2026-11-23 21:32 UTC is 15:32 in -06:00: inside the window.
        assert!(m.is_contact_time(datetime!(2026-11-23 21:32 UTC)));
        // 23:40 UTC is 17:40 local: after the window.
        assert!(!m.is_contact_time(datetime!(2026-11-23 23:40 UTC)));
        // Saturday.
        assert!(!m.is_contact_time(datetime!(2026-11-28 16:00 UTC)));
    }

    #[test]
    fn days_parse_in_any_order_and_reject_repeats() {
        let days = parse_days(&["fri".into(), "mon".into()]).unwrap();
        assert_eq!(serde_json::to_string(&days).unwrap(), r#"["mon","fri"]"#);
        assert!(parse_days(&["mon".into(), "mon".into()]).is_err());
        let err = parse_days(&["monday".into()]).unwrap_err();
        assert!(matches!(
            err.kind(),
            ErrorKind::UnknownVariant { field: "day", .. }
        ));
    }

    #[test]
    fn builder_rejects_bad_tags_and_offsets() {
        let base = || {
            CustomerProfile::builder(CustomerId::new("c").unwrap())
                .tier(Tier::Standard)
                .lifetime_value(Money::zero("EUR".parse().unwrap()))
                .customer_since(date!(2020 - 01 - 01))
        };
        assert!(base().tag("").build().is_err());
        assert!(base().tag("vip\n").build().is_err());
        assert!(base().utc_offset(offset!(+1:00:30)).build().is_err());
        assert!(base().tag("vip").build().is_ok());
    }

    #[test]
    fn first_difference_names_the_field() {
        let a = maria();
        let mut b = a.clone();
        b.tier = Some(Tier::Platinum);
        assert_eq!(a.first_difference(&b), Some("tier"));
        assert_eq!(a.first_difference(&a.clone()), None);
    }
}

//! The user's mapping: where a customer's tier, lifetime value, tenure and lead status come from.
//!
//! Helpdesks do not know a customer's tier or value; a team keeps them in an organization, a tag
//! or a custom field. A [`Mapping`] says where. Nothing mapped (the [`Default`]) means every such
//! fact stays unknown: the importers never invent a tier, a value, a since date or a lead.
//!
//! JSON form (every part optional):
//!
//! ```json
//! {
//!   "tier": [{"when": "org:Acme", "tier": "platinum"}, {"when": "tag:vip", "tier": "gold"}],
//!   "lifetime_value": {"field": "ltv", "currency": "EUR"},
//!   "customer_since": {"field": "signup_date"},
//!   "lead": ["tag:lead", "form:Sales"]
//! }
//! ```
//!
//! A condition is `tag:NAME` (a ticket or customer tag), `org:NAME` (the customer's
//! organization or company name), `field:NAME=VALUE` (a custom field of the ticket, the customer
//! or the organization), `form:NAME` (the ticket form, by name or id) or `role:NAME` (the
//! customer's role in the vendor, e.g. Intercom's `lead`). Names compare ASCII case-insensitively.
//! Tier rules are tried in order, the first match wins; a ticket is a lead if any lead condition
//! matches.

use realboss::model::{Currency, Tier};
use serde::Deserialize;

use crate::Error;

/// Where tier, lifetime value, customer-since date and lead status come from. See the
/// [module docs](self) for the JSON form.
///
/// ```
/// use realboss_helpdesk::Mapping;
/// let mapping = Mapping::from_json(r#"{"tier": [{"when": "tag:vip", "tier": "gold"}]}"#)?;
/// assert_eq!(mapping.tier.len(), 1);
/// let bad = Mapping::from_json(r#"{"lead": ["colour:red"]}"#).unwrap_err();
/// assert!(bad.to_string().contains("tag:"), "{bad}");
/// # Ok::<(), realboss_helpdesk::Error>(())
/// ```
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Mapping {
    /// Tier rules, first match wins; none matching leaves the tier unknown.
    #[serde(default)]
    pub tier: Vec<TierRule>,
    /// The custom field holding the customer's lifetime value; `None` leaves it unknown.
    #[serde(default)]
    pub lifetime_value: Option<ValueField>,
    /// The custom field holding the date the customer signed up; `None` leaves it unknown.
    #[serde(default)]
    pub customer_since: Option<SinceField>,
    /// Conditions of which any one makes the ticket a lead.
    #[serde(default)]
    pub lead: Vec<Condition>,
}

impl Mapping {
    /// Reads a mapping from JSON; a bad one gives [`Error::Mapping`] naming the field and what
    /// it accepts.
    pub fn from_json(json: &str) -> Result<Mapping, Error> {
        serde_json::from_str(json).map_err(|e| Error::Mapping {
            line: e.line(),
            column: e.column(),
            what: crate::error::strip_position(&e),
        })
    }

    /// The first tier rule matching the facts.
    pub(crate) fn tier_for(&self, facts: &Facts) -> Option<Tier> {
        self.tier
            .iter()
            .find(|r| r.when.matches(facts))
            .map(|r| r.tier)
    }

    /// Whether any lead condition matches.
    pub(crate) fn is_lead(&self, facts: &Facts) -> bool {
        self.lead.iter().any(|c| c.matches(facts))
    }
}

/// One tier rule: when the condition holds, the customer has the tier.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct TierRule {
    /// The condition, e.g. `tag:vip`.
    pub when: Condition,
    /// The tier it gives: `standard`, `silver`, `gold` or `platinum`.
    pub tier: Tier,
}

/// The custom field holding the lifetime value, a number (or a numeric string) in `currency`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ValueField {
    /// The field's name.
    pub field: String,
    /// Its ISO 4217 currency, e.g. `EUR`.
    pub currency: Currency,
}

/// The custom field holding the customer-since date, `YYYY-MM-DD` or an RFC 3339 timestamp.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct SinceField {
    /// The field's name.
    pub field: String,
}

/// A condition on a ticket's facts: `tag:`, `org:`, `field:NAME=VALUE`, `form:` or `role:`.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(try_from = "String")]
#[non_exhaustive]
pub enum Condition {
    /// A ticket or customer tag.
    Tag(String),
    /// The customer's organization (company) name.
    Org(String),
    /// A custom field with this value.
    Field {
        /// The field's name.
        name: String,
        /// The value it must have.
        value: String,
    },
    /// The ticket form, by name or id.
    Form(String),
    /// The customer's role in the vendor.
    Role(String),
}

impl TryFrom<String> for Condition {
    type Error = String;

    fn try_from(text: String) -> Result<Condition, String> {
        const ACCEPTED: &str = "accepted: \"tag:NAME\", \"org:NAME\", \"field:NAME=VALUE\", \"form:NAME\", \"role:NAME\"";
        let bad = |why: &str| format!("bad condition {text:?}: {why}; {ACCEPTED}");
        let (kind, rest) = text.split_once(':').ok_or_else(|| bad("no `kind:`"))?;
        let rest = rest.trim();
        if rest.is_empty() {
            return Err(bad("nothing after the colon"));
        }
        let owned = rest.to_owned();
        Ok(match kind.trim() {
            "tag" => Condition::Tag(owned),
            "org" => Condition::Org(owned),
            "form" => Condition::Form(owned),
            "role" => Condition::Role(owned),
            "field" => {
                let (name, value) = rest
                    .split_once('=')
                    .ok_or_else(|| bad("a field needs `=VALUE`"))?;
                Condition::Field {
                    name: name.trim().to_owned(),
                    value: value.trim().to_owned(),
                }
            }
            _ => return Err(bad("unknown kind")),
        })
    }
}

impl Condition {
    fn matches(&self, facts: &Facts) -> bool {
        let eq = |a: &str, b: &str| a.eq_ignore_ascii_case(b);
        match self {
            Condition::Tag(tag) => facts.tags.iter().any(|t| eq(t, tag)),
            Condition::Org(org) => facts.org.as_deref().is_some_and(|o| eq(o, org)),
            Condition::Field { name, value } => {
                facts.field(name).is_some_and(|v| eq(&v.as_text(), value))
            }
            Condition::Form(form) => facts.forms.iter().any(|f| eq(f, form)),
            Condition::Role(role) => facts.role.as_deref().is_some_and(|r| eq(r, role)),
        }
    }
}

/// A custom field's value as vendors give it.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub(crate) enum FieldValue {
    Bool(bool),
    Number(f64),
    Text(String),
}

impl FieldValue {
    pub(crate) fn as_text(&self) -> String {
        match self {
            FieldValue::Bool(b) => b.to_string(),
            FieldValue::Number(n) => n.to_string(),
            FieldValue::Text(t) => t.clone(),
        }
    }
}

/// What a reader knows about a ticket that a [`Mapping`] can ask about.
#[derive(Debug, Clone, Default)]
pub(crate) struct Facts {
    pub(crate) tags: Vec<String>,
    pub(crate) org: Option<String>,
    /// Custom fields by name; the first of equal names wins (ticket, then customer, then org).
    pub(crate) fields: Vec<(String, FieldValue)>,
    /// The form's name and/or id.
    pub(crate) forms: Vec<String>,
    pub(crate) role: Option<String>,
}

impl Facts {
    /// Adds tags not there yet, keeping their order.
    pub(crate) fn add_tags<'a>(&mut self, tags: impl IntoIterator<Item = &'a String>) {
        for tag in tags {
            if !self.tags.contains(tag) {
                self.tags.push(tag.clone());
            }
        }
    }

    /// Adds the fields with a value, after those there already.
    pub(crate) fn add_fields<'a>(
        &mut self,
        fields: impl IntoIterator<Item = (&'a String, &'a Option<FieldValue>)>,
    ) {
        self.fields.extend(
            fields
                .into_iter()
                .filter_map(|(k, v)| Some((k.clone(), v.clone()?))),
        );
    }

    pub(crate) fn field(&self, name: &str) -> Option<&FieldValue> {
        self.fields
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v)
    }
}

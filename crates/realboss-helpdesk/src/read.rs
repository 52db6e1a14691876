//! Streaming reads of a vendor's top-level object: each known list is deserialized straight into
//! typed records, unknown keys are skipped without building a tree (and remembered, to tell
//! another vendor's file apart).

use std::fmt;
use std::io::Read;
use std::marker::PhantomData;

use serde::de::{Deserialize, Deserializer, IgnoredAny, MapAccess, Visitor};

use crate::neutral::Ticket;
use crate::problem::Problems;
use crate::{Error, Import, Mapping, System};

/// The lists and fields a vendor's top-level object can hold.
pub(crate) trait Sections: Default {
    /// Reads the value of `key` into `self`; `false` when the vendor has no such key.
    fn read<'de, A: MapAccess<'de>>(&mut self, key: &str, map: &mut A) -> Result<bool, A::Error>;

    /// Appends a later page's lists to this one's.
    fn merge(&mut self, page: Self);
}

/// One top-level object (a page) and the keys the vendor does not have.
pub(crate) struct Page<T> {
    pub(crate) sections: T,
    pub(crate) other_keys: Vec<String>,
}

impl<'de, T: Sections> Deserialize<'de> for Page<T> {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct PageVisitor<T>(PhantomData<T>);
        impl<'de, T: Sections> Visitor<'de> for PageVisitor<T> {
            type Value = Page<T>;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Page<T>, A::Error> {
                let mut page = Page {
                    sections: T::default(),
                    other_keys: Vec::new(),
                };
                while let Some(key) = map.next_key::<String>()? {
                    if !page.sections.read(&key, &mut map)? {
                        map.next_value::<IgnoredAny>()?;
                        page.other_keys.push(key);
                    }
                }
                Ok(page)
            }
        }
        d.deserialize_map(PageVisitor(PhantomData))
    }
}

/// Reads one top-level object, or several one after another (JSON Lines of pages).
pub(crate) fn pages<T: Sections>(system: System, input: impl Read) -> Result<Vec<Page<T>>, Error> {
    let stream = serde_json::Deserializer::from_reader(std::io::BufReader::new(input))
        .into_iter::<Page<T>>();
    let mut pages = Vec::new();
    for page in stream {
        pages.push(page.map_err(|e| Error::json(system, &e))?);
    }
    Ok(pages)
}

/// All pages of the input merged into one, and the keys the vendor does not have.
pub(crate) fn merged<T: Sections>(
    system: System,
    input: impl Read,
) -> Result<(T, Vec<String>), Error> {
    let mut all = T::default();
    let mut other_keys = Vec::new();
    for page in pages::<T>(system, input)? {
        all.merge(page.sections);
        other_keys.extend(page.other_keys);
    }
    Ok((all, other_keys))
}

/// Appends `more` to an optional list, creating it.
pub(crate) fn append<T>(list: &mut Option<Vec<T>>, more: Option<Vec<T>>) {
    if let Some(more) = more {
        list.get_or_insert_default().extend(more);
    }
}

/// The vendor whose characteristic top-level keys these are, if any.
pub(crate) fn guess_by_keys(keys: &[String]) -> Option<System> {
    keys.iter().find_map(|k| match k.as_str() {
        "_embedded" | "_links" => Some(System::HelpScout),
        "conversations" | "type" | "pages" => Some(System::Intercom),
        "ticket_articles" => Some(System::Zammad),
        "contacts" | "companies" | "agents" => Some(System::Freshdesk),
        "end_time" | "next_page" | "organizations" => Some(System::Zendesk),
        _ => None,
    })
}

/// The vendor whose characteristic record fields these are (the names of the fields a record
/// has), if any.
pub(crate) fn guess_by_fields(present: &[(&str, bool)]) -> Option<System> {
    present
        .iter()
        .filter(|(_, has)| *has)
        .find_map(|(name, _)| match *name {
            "via" => Some(System::Zendesk),
            "conversations" => Some(System::Freshdesk),
            "state_id" | "article_ids" => Some(System::Zammad),
            "threads" | "primaryCustomer" => Some(System::HelpScout),
            "conversation_parts" => Some(System::Intercom),
            _ => None,
        })
}

/// The error for a file that is `found`'s (or no vendor's) rather than `expected`'s.
pub(crate) fn wrong_system(expected: System, found: Option<System>) -> Error {
    let hint = match found {
        Some(found) => format!(
            "this looks like a {} export (try --from {})",
            found.title(),
            found
        ),
        None => "no records of this system found".to_owned(),
    };
    Error::WrongSystem { expected, hint }
}

/// Deserializes the next map value as `T`, for `Sections::read`.
pub(crate) fn value<'de, A: MapAccess<'de>, T: Deserialize<'de>>(
    map: &mut A,
) -> Result<T, A::Error> {
    map.next_value::<T>()
}

/// Checks that the export holds `system`'s records: `records` is the length of its list (`None`
/// when absent), `foreign` the vendor whose record fields the first record has instead of
/// `system`'s own.
pub(crate) fn check(
    system: System,
    list: &'static str,
    records: Option<usize>,
    foreign: Option<System>,
    other_keys: &[String],
) -> Result<(), Error> {
    let by_keys = guess_by_keys(other_keys).filter(|s| *s != system);
    match records {
        None if by_keys.is_some() => Err(wrong_system(system, by_keys)),
        None if other_keys.is_empty() => Err(Error::NoRecords { system, list }),
        None => Err(wrong_system(system, None)),
        Some(_) if foreign.is_some_and(|s| s != system) => Err(wrong_system(system, foreign)),
        Some(0) => Err(Error::NoRecords { system, list }),
        Some(_) => Ok(()),
    }
}

/// [`check`] on a list of records: `foreign_fields` gives, for a record without the vendor's own
/// tell-tale field, which other vendors' tell-tale fields it has (`None` when it is the vendor's).
pub(crate) fn check_records<T, const N: usize>(
    system: System,
    list: &'static str,
    records: Option<&[T]>,
    foreign_fields: impl Fn(&T) -> Option<[(&'static str, bool); N]>,
    other_keys: &[String],
) -> Result<(), Error> {
    let foreign = records
        .and_then(<[T]>::first)
        .and_then(foreign_fields)
        .and_then(|present| guess_by_fields(&present));
    check(system, list, records.map(<[T]>::len), foreign, other_keys)
}

/// Maps `records` in order: `neutral` turns one into a neutral ticket (reporting what does not
/// map), the shared rules make it a request.
pub(crate) fn map_all<T>(
    records: Vec<T>,
    list: &'static str,
    mapping: &Mapping,
    id: impl Fn(&T) -> Option<String>,
    mut neutral: impl FnMut(T, &mut Problems<'_>) -> Option<Ticket>,
) -> Import {
    let mut import = Import {
        requests: Vec::new(),
        problems: Vec::new(),
    };
    for (index, record) in records.into_iter().enumerate() {
        let mut problems = Problems {
            list,
            index,
            id: id(&record),
            out: &mut import.problems,
        };
        let ticket = neutral(record, &mut problems);
        if let Some(request) = ticket.and_then(|t| t.into_request(mapping, &mut problems)) {
            import.requests.push(request);
        }
    }
    import
}

/// A field whose shape differs between vendors (Zendesk's `custom_fields` is a list, Freshdesk's
/// a map): the expected shape, or nothing, so that another vendor's file still reaches the
/// wrong-system check instead of failing as bad JSON. Buffers only this one field.
#[derive(serde::Deserialize)]
#[serde(untagged)]
pub(crate) enum Lenient<T> {
    /// The shape this vendor uses.
    Expected(T),
    /// Another shape, skipped.
    Other(IgnoredAny),
}

impl<T: Default> Lenient<T> {
    /// The value in the expected shape, if it had it.
    pub(crate) fn get(&self) -> Option<&T> {
        match self {
            Lenient::Expected(value) => Some(value),
            Lenient::Other(_) => None,
        }
    }

    /// The value in the expected shape, or the default.
    pub(crate) fn into_value(self) -> T {
        match self {
            Lenient::Expected(value) => value,
            Lenient::Other(_) => T::default(),
        }
    }
}

impl<T: Default> Default for Lenient<T> {
    fn default() -> Self {
        Lenient::Expected(T::default())
    }
}

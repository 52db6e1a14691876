//! Shared helpers of the importer tests.
#![allow(dead_code)]

use realboss::model::Request;
use realboss_helpdesk::{Import, Mapping, ProblemKind, System, import};

/// The shipped sample mapping.
pub const MAPPING: &str = include_str!("../../samples/mapping.json");

/// A shipped sample export, read with the sample mapping.
pub fn sample(system: System, export: &str) -> Import {
    let mapping = Mapping::from_json(MAPPING).expect("the sample mapping reads");
    import(system, export.as_bytes(), &mapping).expect("the sample reads")
}

/// The request with this id.
pub fn request<'a>(import: &'a Import, id: &str) -> &'a Request {
    import
        .requests
        .iter()
        .find(|r| r.id().as_str() == id)
        .unwrap_or_else(|| panic!("request {id} missing"))
}

/// The kinds of the problems reported for the record with this id, in order.
pub fn problem_kinds(import: &Import, id: &str) -> Vec<ProblemKind> {
    import
        .problems
        .iter()
        .filter(|p| p.position.id.as_deref() == Some(id))
        .map(|p| p.kind)
        .collect()
}

/// The event kinds of a request, in order.
pub fn event_kinds(request: &Request) -> Vec<realboss::model::EventKind> {
    request.events().iter().map(|e| e.kind().clone()).collect()
}

//! Records that did not map cleanly: each is reported with where it sits and why.

use std::fmt;

/// Where a problem sits in the export.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Position {
    /// The list in the export, e.g. `tickets`, `conversations`.
    pub list: &'static str,
    /// 0-based index of the record in that list (over all pages of a JSON Lines file).
    pub index: usize,
    /// The record's id as the vendor gives it, if it has one.
    pub id: Option<String>,
    /// The field inside the record, e.g. `status` or `comments[2].created_at`; empty for the
    /// record as a whole.
    pub path: String,
}

impl fmt::Display for Position {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}[{}]", self.list, self.index)?;
        if let Some(id) = &self.id {
            write!(f, " (id {id})")?;
        }
        if !self.path.is_empty() {
            write!(f, " {}", self.path)?;
        }
        Ok(())
    }
}

/// What kind of trouble a record had.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ProblemKind {
    /// A status the mapping table does not know; the comments decide.
    UnknownStatus,
    /// A channel the mapping table does not know; mapped to `Channel::Other`.
    UnknownChannel,
    /// A priority the mapping table does not know; no priority floor set.
    UnknownPriority,
    /// A comment whose author is not in the export; the comment is skipped.
    UnknownAuthor,
    /// A requester who is not in the export; the ticket keeps the vendor's id as customer id.
    UnknownCustomer,
    /// The vendor's status disagrees with who wrote the last public comment.
    StatusMismatch,
    /// A ticket without any message from its requester; the ticket is skipped.
    NoCustomerMessage,
    /// A timestamp that is not RFC 3339; the comment (or ticket time) is skipped.
    BadTimestamp,
    /// A mapped field (value, since date) whose value cannot be read; the fact stays unknown.
    BadField,
    /// realboss refused the mapped record; the ticket is skipped.
    Refused,
}

impl ProblemKind {
    /// Whether the problem cost data: a ticket or a comment was skipped
    /// ([`UnknownAuthor`](Self::UnknownAuthor), [`NoCustomerMessage`](Self::NoCustomerMessage),
    /// [`BadTimestamp`](Self::BadTimestamp), [`Refused`](Self::Refused)). The others are
    /// notes on how a record was mapped; nothing of it was left out. The command-line tool
    /// exits with status 1 after an import that lost data, as it does after a bad input line.
    ///
    /// ```
    /// use realboss_helpdesk::ProblemKind;
    /// assert!(ProblemKind::NoCustomerMessage.loses_data());
    /// assert!(!ProblemKind::StatusMismatch.loses_data());
    /// ```
    pub fn loses_data(self) -> bool {
        matches!(
            self,
            ProblemKind::UnknownAuthor
                | ProblemKind::NoCustomerMessage
                | ProblemKind::BadTimestamp
                | ProblemKind::Refused
        )
    }
}

/// A record that did not map cleanly, with its position and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Problem {
    /// Where it sits.
    pub position: Position,
    /// What kind of trouble.
    pub kind: ProblemKind,
    /// The reason in words, naming the bad value and what was done with it.
    pub reason: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.position, self.reason)
    }
}

/// Collects problems for one record.
pub(crate) struct Problems<'a> {
    pub(crate) list: &'static str,
    pub(crate) index: usize,
    pub(crate) id: Option<String>,
    pub(crate) out: &'a mut Vec<Problem>,
}

impl Problems<'_> {
    /// Reports a problem at `path` of the current record.
    pub(crate) fn report(&mut self, path: impl Into<String>, kind: ProblemKind, reason: String) {
        self.out.push(Problem {
            position: Position {
                list: self.list,
                index: self.index,
                id: self.id.clone(),
                path: path.into(),
            },
            kind,
            reason,
        });
    }
}

//! `Listing`: a paged listing the replication wizard asked for, as it loads, completes or fails.

use crate::backend::BackendError;
use crate::wizard::form::Item;

/// A listing the wizard asked for: pages so far, and whether it is complete or failed.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Listing<T> {
    Loading(Vec<T>),
    Done(Vec<T>),
    Failed(String),
}

impl<T> Listing<T> {
    pub(super) fn items(&self) -> &[T] {
        match self {
            Listing::Loading(items) | Listing::Done(items) => items,
            Listing::Failed(_) => &[],
        }
    }

    /// Adds a page (a fresh listing after a completed or failed one starts over).
    pub(super) fn add(&mut self, page: Result<Vec<T>, BackendError>, done: bool) {
        *self = match (std::mem::replace(self, Listing::Loading(Vec::new())), page) {
            (_, Err(e)) => Listing::Failed(e.headline().to_string()),
            (Listing::Loading(mut items), Ok(page)) => {
                items.extend(page);
                if done {
                    Listing::Done(items)
                } else {
                    Listing::Loading(items)
                }
            }
            (_, Ok(page)) if done => Listing::Done(page),
            (_, Ok(page)) => Listing::Loading(page),
        };
    }

    /// A note while loading or after a failure; `None` once listed.
    pub(super) fn note(&self, what: &str) -> Option<Item> {
        match self {
            Listing::Loading(_) => Some(Item::note(format!("Loading {what}..."))),
            Listing::Failed(e) => Some(Item::warning(format!(
                "{what} could not be listed ({e}): type it instead."
            ))),
            Listing::Done(_) => None,
        }
    }
}

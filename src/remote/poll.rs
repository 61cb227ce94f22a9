//! Following a listing while some of its rows are unfinished: re-polling with back-off and
//! replacing the rows in place, shared by the copy jobs tab and the Batch Operations jobs.

use super::{Ctx, RemoteList};
use crate::action::RequestId;
use crate::backend::BackendError;
use crate::effect::{Effect, Query};
use crate::listing::{FilteredList, Row};
use crate::tracker::backoff;

/// Polls after a load (a user's reload starts the count again): at most this many, backing
/// off to every 30 s, about ten minutes in all; then `r` goes on.
pub const MAX_POLLS: u32 = 24;

/// A row that can be followed: whether it may still change, and what identifies it from one
/// poll to the next (so the selection stays on it).
pub trait Followed {
    fn is_unfinished(&self) -> bool;
    fn key(&self) -> &str;
}

/// Re-polls a [`RemoteList`]'s query while one of its rows is unfinished. A poll's pages are
/// gathered here and replace the rows at once, so the table never blanks and the selection,
/// filter and sort stay. The screen routes its loads, pages and failures through it and calls
/// [`ListPoll::follow_up`] from its own `follow_up`.
#[derive(Debug)]
pub struct ListPoll<T> {
    /// The listing polled (the same as the list's own).
    query: Query,
    /// The poll under way (waiting or loading).
    req: Option<RequestId>,
    /// Polls since the last load.
    polls: u32,
    /// Rows of the poll under way, so far.
    rows: Vec<T>,
    /// A listing just ended: `follow_up` decides whether to poll again.
    due: bool,
}

impl<T: Row + Followed> ListPoll<T> {
    pub fn new(query: Query) -> Self {
        ListPoll {
            query,
            req: None,
            polls: 0,
            rows: Vec::new(),
            due: false,
        }
    }

    /// (Re)loads `remote` from its first page, dropping a poll under way and starting the
    /// count of polls again.
    pub fn load(&mut self, remote: &mut RemoteList<T>, ctx: &mut Ctx) {
        if let Some(req) = self.req.take() {
            ctx.cancel(req);
        }
        self.polls = 0;
        self.rows.clear();
        self.due = false;
        remote.load(ctx);
    }

    /// The poll under way, if any.
    pub fn pending(&self) -> Option<RequestId> {
        self.req
    }

    /// Whether polling has given up until the next load.
    pub fn is_exhausted(&self) -> bool {
        self.polls >= MAX_POLLS
    }

    /// Takes a page of `remote`'s load or of a poll (the poll's last page replaces the rows);
    /// false if the page belongs to neither.
    pub fn accept(
        &mut self,
        remote: &mut RemoteList<T>,
        req: RequestId,
        rows: Vec<T>,
        done: bool,
    ) -> bool {
        if self.req == Some(req) {
            self.rows.extend(rows);
            if done {
                self.req = None;
                self.due = true;
                let rows = std::mem::take(&mut self.rows);
                replace_keeping_selection(&mut remote.list, rows);
            }
            return true;
        }
        // The listing's last page: `follow_up` then polls if a row is unfinished.
        let accepted = remote.accept(req, rows, done);
        self.due |= accepted && done;
        accepted
    }

    /// Takes a failure of `remote`'s load or of a poll; false if it belongs to neither. A
    /// failed poll (throttling, network) keeps the rows shown and tries again later.
    pub fn fail(
        &mut self,
        remote: &mut RemoteList<T>,
        req: RequestId,
        error: BackendError,
    ) -> bool {
        if self.req == Some(req) {
            tracing::warn!(req, query = ?self.query, error = %error.headline(), "poll failed; backing off");
            self.req = None;
            self.rows.clear();
            self.due = true;
            return true;
        }
        remote.fail(req, error)
    }

    /// After a listing or poll ended: polls again, after the back-off, if a row of `remote`
    /// is unfinished and polling has not given up.
    pub fn follow_up(&mut self, remote: &RemoteList<T>, ctx: &mut Ctx) {
        if !std::mem::take(&mut self.due) || self.req.is_some() || self.is_exhausted() {
            return;
        }
        if remote.list.items().iter().any(T::is_unfinished) {
            let req = ctx.next_id();
            ctx.push(Effect::Poll {
                req,
                query: self.query.clone(),
                after: backoff(self.polls),
            });
            self.req = Some(req);
            self.polls += 1;
        }
    }
}

/// Replaces every row with `rows`, keeping the selected row selected (by key).
fn replace_keeping_selection<T: Row + Followed>(list: &mut FilteredList<T>, rows: Vec<T>) {
    let selected = list.selected().map(|row| row.key().to_string());
    list.clear();
    list.append(rows);
    let position = selected.and_then(|key| {
        list.visible_rows(0, list.visible_len())
            .position(|row| row.key() == key)
    });
    if let Some(position) = position {
        list.top();
        list.move_by(position as isize);
    }
}

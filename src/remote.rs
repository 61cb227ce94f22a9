//! A list fetched page by page: its rows plus whether it is loading, done or failed.

pub mod poll;

use crate::action::RequestId;
use crate::backend::BackendError;
use crate::effect::{Effect, Query};
use crate::listing::{Column, FilteredList, Row, Sort};

/// Where a backend read stands. Rows already received stay shown in every state.
#[derive(Debug, Clone, PartialEq)]
pub enum LoadState {
    Loading { req: RequestId, pages: usize },
    Done,
    Failed { error: BackendError },
}

/// Facts about this run that screens need: a unique session id (idempotency tokens), the
/// clock (fixed in the demo) and the account.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: String,
    pub now: time::OffsetDateTime,
    pub account_id: String,
    /// `--read-only`: screens say at once that a change cannot be made.
    pub read_only: bool,
    /// Messages are stamped with the wall clock; off, with `now` (tests stay deterministic).
    pub live_clock: bool,
}

impl Session {
    /// `14:03:22 UTC`: when something was said, for the messages panel.
    pub fn time_label(&self) -> String {
        let at = if self.live_clock {
            time::OffsetDateTime::now_utc()
        } else {
            self.now
        };
        format!("{:02}:{:02}:{:02} UTC", at.hour(), at.minute(), at.second())
    }
}

/// What screens get from the app to ask for data: request ids and effects.
pub struct Ctx<'a> {
    pub region: &'a str,
    pub session: &'a Session,
    next_req: &'a mut RequestId,
    effects: &'a mut Vec<Effect>,
}

impl<'a> Ctx<'a> {
    pub fn new(
        region: &'a str,
        session: &'a Session,
        next_req: &'a mut RequestId,
        effects: &'a mut Vec<Effect>,
    ) -> Self {
        Ctx {
            region,
            session,
            next_req,
            effects,
        }
    }

    /// A token unique to this run, for one submission (and its retries).
    pub fn new_token(&mut self) -> String {
        *self.next_req += 1;
        format!("backup-tui-{}-{}", self.session.id, self.next_req)
    }

    /// Queues any effect (submits, clipboard).
    pub fn push(&mut self, effect: Effect) {
        self.effects.push(effect);
    }

    /// A fresh request id for an effect built by the caller.
    pub fn next_id(&mut self) -> RequestId {
        *self.next_req += 1;
        *self.next_req
    }

    /// Asks the runtime to run `query`; the replies carry the returned id.
    pub fn load(&mut self, query: Query) -> RequestId {
        *self.next_req += 1;
        let req = *self.next_req;
        self.effects.push(Effect::Load { req, query });
        req
    }

    pub fn cancel(&mut self, req: RequestId) {
        self.effects.push(Effect::Cancel { req });
    }
}

/// A table whose rows come from one paginated query.
#[derive(Debug)]
pub struct RemoteList<T> {
    pub list: FilteredList<T>,
    pub state: LoadState,
    query: Query,
}

impl<T: Row> RemoteList<T> {
    pub fn new(columns: &'static [Column], sort: Option<Sort>, query: Query) -> Self {
        RemoteList {
            list: FilteredList::new(columns, sort),
            state: LoadState::Done,
            query,
        }
    }

    /// (Re)loads from the first page, cancelling a load still under way.
    pub fn load(&mut self, ctx: &mut Ctx) {
        if let Some(req) = self.pending() {
            ctx.cancel(req);
        }
        self.list.clear();
        let req = ctx.load(self.query.clone());
        self.state = LoadState::Loading { req, pages: 0 };
    }

    pub fn pending(&self) -> Option<RequestId> {
        match self.state {
            LoadState::Loading { req, .. } => Some(req),
            _ => None,
        }
    }

    pub fn owns(&self, req: RequestId) -> bool {
        self.pending() == Some(req)
    }

    /// Takes a page for `req`; false if the page belongs to another (stale) request.
    pub fn accept(&mut self, req: RequestId, rows: Vec<T>, done: bool) -> bool {
        let LoadState::Loading { req: want, pages } = self.state else {
            return false;
        };
        if want != req {
            return false;
        }
        self.list.append(rows);
        self.state = if done {
            LoadState::Done
        } else {
            LoadState::Loading {
                req,
                pages: pages + 1,
            }
        };
        true
    }

    pub fn fail(&mut self, req: RequestId, error: BackendError) -> bool {
        if !self.owns(req) {
            return false;
        }
        self.state = LoadState::Failed { error };
        true
    }
}

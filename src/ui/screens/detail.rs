//! A read-only details page of labelled fields (jobs), the shared scroll keys, and the refresh
//! of a page that describes what a listing showed (a recovery point, a copy job).

use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::Tone;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::ui::widgets::fields::{self, Field, Scroll};
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct DetailScreen {
    section: Section,
    crumb: String,
    fields: Vec<Field>,
    scroll: Scroll,
}

impl DetailScreen {
    pub fn new(section: Section, crumb: String, fields: Vec<Field>) -> Self {
        DetailScreen {
            section,
            crumb,
            fields,
            scroll: Scroll::default(),
        }
    }
}

/// Applies a movement command to a details page's scroll.
pub fn scroll(scroll: &mut Scroll, cmd: Command) {
    match cmd {
        Command::Up => scroll.by(-1),
        Command::Down => scroll.by(1),
        Command::PageUp => scroll.page(-1),
        Command::PageDown => scroll.page(1),
        Command::Top => scroll.top = 0,
        Command::Bottom => scroll.to_end(),
        _ => {}
    }
}

/// The describe call refreshing a details page: one at a time, and its failure said at the top
/// of the page (over the fields as listed) until an answer comes.
#[derive(Debug, Default)]
pub struct Refresh {
    pending: Option<RequestId>,
    error: Option<BackendError>,
}

impl Refresh {
    /// Sends `query`, cancelling the refresh still under way.
    pub fn start(&mut self, ctx: &mut Ctx, query: Query) {
        if let Some(req) = self.pending.take() {
            ctx.cancel(req);
        }
        self.pending = Some(ctx.load(query));
    }

    pub fn pending(&self) -> Option<RequestId> {
        self.pending
    }

    /// Whether `req` answers the refresh under way, which then ends without a failure.
    pub fn answered(&mut self, req: RequestId) -> bool {
        if self.pending != Some(req) {
            return false;
        }
        self.pending = None;
        self.error = None;
        true
    }

    /// Keeps the failure of `req` if it is the refresh under way (a stale one is ignored).
    pub fn failed(&mut self, req: RequestId, error: BackendError) {
        if self.pending == Some(req) {
            self.pending = None;
            self.error = Some(error);
        }
    }

    /// `Could not refresh: <what happened> <what to do>`, while the last refresh failed.
    pub fn error_field(&self) -> Option<Field> {
        let error = self.error.as_ref()?;
        Some(Field::Text {
            text: format!("Could not refresh: {} {}", error.headline(), error.advice()),
            tone: Tone::Bad,
        })
    }
}

impl Screen for DetailScreen {
    fn section(&self) -> Section {
        self.section
    }

    fn crumb(&self) -> String {
        self.crumb.clone()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Detail]
    }

    fn hints(&self) -> &'static [Command] {
        &[Command::Down]
    }

    fn start(&mut self, _ctx: &mut Ctx) {}

    fn handle(&mut self, cmd: Command, _ctx: &mut Ctx) -> Nav {
        scroll(&mut self.scroll, cmd);
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        Vec::new()
    }

    fn on_loaded(&mut self, _req: RequestId, _data: Loaded, _done: bool) {}

    fn on_failed(&mut self, _req: RequestId, _error: BackendError) {}

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        fields::render(frame, area, &self.crumb, &self.fields, &self.scroll, ui);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::ErrorKind;
    use crate::backend::mock::demo_session;
    use crate::effect::Effect;

    fn query() -> Query {
        Query::DescribeCopyJob {
            region: "us-east-1".into(),
            job_id: "C0FFEE".into(),
        }
    }

    #[test]
    fn a_refresh_cancels_the_one_under_way_and_ignores_its_late_answers() {
        let session = demo_session("test");
        let (mut next_req, mut effects) = (0, Vec::new());
        let mut ctx = Ctx::new("us-east-1", &session, &mut next_req, &mut effects);
        let mut refresh = Refresh::default();
        refresh.start(&mut ctx, query());
        let first = refresh.pending().expect("a describe call sent");
        refresh.start(&mut ctx, query());
        let second = refresh.pending().expect("a second describe call sent");
        assert_ne!(first, second);
        let error = BackendError::new(ErrorKind::Throttled, "Rate exceeded");
        refresh.failed(first, error.clone());
        assert!(!refresh.answered(first), "a cancelled call answers nothing");
        assert_eq!(refresh.error_field(), None);
        refresh.failed(second, error);
        assert_eq!(refresh.pending(), None);
        let Some(Field::Text { text, tone }) = refresh.error_field() else {
            panic!("the failure is said");
        };
        assert!(text.starts_with("Could not refresh: "), "{text}");
        assert!(text.ends_with(ErrorKind::Throttled.advice()), "{text}");
        assert_eq!(tone, Tone::Bad);
        assert!(effects.contains(&Effect::Cancel { req: first }));
    }

    #[test]
    fn an_answer_clears_the_last_failure() {
        let session = demo_session("test");
        let (mut next_req, mut effects) = (0, Vec::new());
        let mut ctx = Ctx::new("us-east-1", &session, &mut next_req, &mut effects);
        let mut refresh = Refresh::default();
        refresh.start(&mut ctx, query());
        let failed = refresh.pending().expect("a describe call sent");
        refresh.failed(failed, BackendError::new(ErrorKind::Network, "unreachable"));
        refresh.start(&mut ctx, query());
        assert!(
            refresh.error_field().is_some(),
            "said until an answer comes"
        );
        let retry = refresh.pending().expect("a retry sent");
        assert!(refresh.answered(retry));
        assert_eq!(refresh.error_field(), None);
        assert_eq!(refresh.pending(), None);
    }
}

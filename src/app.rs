//! The app model and its pure `update`: actions in, effects out, no IO and no await.

use crate::action::{Action, Command, Loaded, RequestId};
use crate::backend::{AccountInfo, BackendError, BackendEvent, ErrorKind, MfaReply};
use crate::domain::Region;
use crate::effect::Effect;
use crate::keymap::Keymap;
use crate::palette::{Palette, PaletteCommand, Section};
use crate::remote::{Ctx, Session};
use crate::theme::Theme;
use crate::tracker::JobTracker;
use crate::ui::screens::{self, Nav, Screen};

/// A one-line message in the footer, cleared by the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub is_error: bool,
}

/// What floats over the current screen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help {
        scroll: u16,
    },
    Palette(Palette),
    /// The credentials need an MFA code (a role with `mfa_serial`).
    Mfa(MfaPrompt),
    /// Every notice and error of this run.
    Messages(MessagesView),
}

/// The filter being typed: the text lives in the list; this keeps what to restore on Esc.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FilterInput {
    pub original: String,
}

pub struct App {
    pub account: AccountInfo,
    pub region: String,
    pub keymap: Keymap,
    pub theme: Theme,
    pub overlay: Overlay,
    pub notice: Option<Notice>,
    /// Everything said in the footer or by a failed call, for the messages panel.
    pub messages: Messages,
    pub filter_input: Option<FilterInput>,
    /// Advanced by ticks while something loads.
    pub spinner: usize,
    /// Ring the terminal bell when a followed job ends (`[ui] bell`).
    pub bell: bool,
    pub session: Session,
    /// Why GetCallerIdentity failed, so the header says why the account is unknown rather
    /// than waiting ("…") forever; cleared when a reload asks again.
    pub identity_failure: Option<ErrorKind>,
    stack: Vec<Box<dyn Screen>>,
    tracker: JobTracker,
    failed_copies: FailedCopies,
    quit: bool,
    next_req: RequestId,
    /// The GetCallerIdentity under way, when the account id is not known yet.
    identity_req: Option<RequestId>,
    /// The MFA prompt the user declined: a reload lets the provider ask again.
    declined_mfa: Option<MfaReply>,
    /// The terminal's size (columns, rows) once the runtime said it: below the minimum the
    /// screens are hidden, so keys must not reach them.
    size: Option<(u16, u16)>,
}

impl App {
    /// A new app on the Protected resources screen; returns the effects that load it.
    pub fn new(
        account: AccountInfo,
        region: String,
        keymap: Keymap,
        theme: Theme,
        session: Session,
    ) -> (App, Vec<Effect>) {
        let mut app = App {
            account,
            region,
            keymap,
            theme,
            session,
            tracker: JobTracker::default(),
            failed_copies: FailedCopies::default(),
            overlay: Overlay::None,
            notice: None,
            messages: Messages::default(),
            filter_input: None,
            spinner: 0,
            bell: false,
            stack: Vec::new(),
            quit: false,
            next_req: 0,
            identity_req: None,
            identity_failure: None,
            declined_mfa: None,
            size: None,
        };
        app.session.read_only = app.account.read_only;
        let mut effects = Vec::new();
        if app.account.account_id.is_empty() {
            app.ask_identity(&mut effects);
        }
        app.go(Section::Resources, &mut effects);
        app.recount_failed_copies(&mut effects);
        (app, effects)
    }

    /// The terminal's size as last reported (`Action::Resize`), if it was.
    pub fn size(&self) -> Option<(u16, u16)> {
        self.size
    }

    /// GetCallerIdentity, for the account id the header shows.
    fn ask_identity(&mut self, effects: &mut Vec<Effect>) {
        self.next_req += 1;
        self.identity_req = Some(self.next_req);
        self.identity_failure = None;
        effects.push(Effect::Load {
            req: self.next_req,
            query: crate::effect::Query::Identity,
        });
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether anything is loading (the runtime ticks the spinner only then).
    pub fn is_busy(&self) -> bool {
        self.stack.iter().any(|s| !s.pending().is_empty())
    }

    /// Failed (or partial) copy jobs in the current Region, once counted (for the header).
    pub fn failed_copies(&self) -> Option<usize> {
        self.failed_copies.count()
    }

    /// Lists the current Region's copy jobs to count the failed ones afresh.
    fn recount_failed_copies(&mut self, effects: &mut Vec<Effect>) {
        self.next_req += 1;
        effects.push(self.failed_copies.reload(&self.region, self.next_req));
    }

    /// Whether jobs started here are still being followed.
    pub fn is_tracking_jobs(&self) -> bool {
        !self.tracker.is_empty()
    }

    /// The screen on top (the stack holds at least the section's root once started).
    pub fn top(&self) -> Option<&dyn Screen> {
        self.stack.last().map(|b| b.as_ref())
    }

    fn top_mut(&mut self) -> Option<&mut Box<dyn Screen>> {
        self.stack.last_mut()
    }

    /// Breadcrumbs, root first.
    pub fn crumbs(&self) -> Vec<String> {
        self.stack.iter().map(|s| s.crumb()).collect()
    }

    pub fn depth(&self) -> usize {
        self.stack.len()
    }

    /// The single entry point: applies `action`, returns the work for the runtime.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let effects = self.apply(action);
        if !self.account.read_only {
            return effects;
        }
        // --read-only: a change never leaves the app; the screen that asked hears why.
        let (writes, mut allowed): (Vec<Effect>, Vec<Effect>) =
            effects.into_iter().partition(Effect::is_write);
        for write in writes {
            if let Effect::Submit { req, request } = write {
                let operation = request.operation();
                tracing::info!(req, operation, "read-only: not sent");
                allowed.extend(self.apply(Action::Submitted {
                    req,
                    result: Err(BackendError::read_only(operation)),
                }));
            }
        }
        allowed
    }

    fn apply(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = Vec::new();
        match action {
            Action::Backend(event) => self.on_backend_event(event),
            Action::Loaded {
                req,
                data: Loaded::Identity(identity),
                ..
            } if self.identity_req == Some(req) => {
                self.identity_req = None;
                tracing::info!(account = %identity.account_id, arn = %identity.arn, "caller identity");
                self.account.account_id = identity.account_id.clone();
                self.session.account_id = identity.account_id;
            }
            Action::LoadFailed { req, error } if self.identity_req == Some(req) => {
                self.identity_req = None;
                tracing::warn!(error = %error.headline(), "caller identity failed");
                self.identity_failure = Some(error.kind);
                // Said once, in the footer and (with AWS's code and request id) in the panel.
                let text = format!("Account unknown: {}", error.explained());
                self.remember(Message {
                    text: text.clone(),
                    ..Message::from_error(self.session.time_label(), &error)
                });
                self.notice = Some(Notice {
                    text,
                    is_error: true,
                });
            }
            Action::Key(key) => self.on_key(key, &mut effects),
            Action::Command(cmd) => self.on_command(cmd, &mut effects),
            Action::Resize(width, height) => self.size = Some((width, height)),
            Action::Tick => self.spinner = self.spinner.wrapping_add(1),
            Action::Shutdown => self.quit = true,
            Action::AuditFailed(text) => self.notify(text, true),
            Action::Submitted { req, result } => self.on_submitted(req, result, &mut effects),
            Action::Loaded { req, data, .. } if self.tracker.owns(req) => {
                self.on_tracked_job(req, data, &mut effects)
            }
            Action::LoadFailed { req, error } if self.tracker.owns(req) => {
                tracing::warn!(req, error = %error.headline(), "job poll failed; backing off");
                self.next_req += 1;
                effects.extend(self.tracker.on_failure(req, self.next_req));
            }
            Action::Loaded {
                req,
                data: Loaded::CopyJobs(rows),
                done,
            } if self.failed_copies.owns(req) => self.failed_copies.observe(req, &rows, done),
            Action::LoadFailed { req, error } if self.failed_copies.owns(req) => {
                // The header then shows no count: nothing else depends on it.
                tracing::warn!(req, error = %error.headline(), "counting failed copies failed");
                self.failed_copies.forget(req);
            }
            Action::Loaded { req, data, done } => {
                if let Loaded::CopyJobs(rows) = &data
                    && owner(&mut self.stack, req).is_some()
                {
                    self.failed_copies.observe(req, rows, done);
                }
                self.deliver(req, &mut effects, |screen| {
                    screen.on_loaded(req, data, done);
                });
            }
            Action::LoadFailed { req, error } => {
                self.failed_copies.forget(req);
                // The screen shows it where it belongs; the panel keeps it whole.
                self.record_error(&error);
                self.deliver(req, &mut effects, |screen| {
                    tracing::warn!(req, error = %error.headline(), "load failed");
                    screen.on_failed(req, error);
                });
            }
        }
        effects
    }

    fn on_backend_event(&mut self, event: BackendEvent) {
        match event {
            BackendEvent::Retrying {
                operation,
                reason,
                attempt,
                max,
            } => {
                let text = format!(
                    "{}, retrying {operation}, attempt {attempt} of {max}...",
                    reason.words()
                );
                self.remember(Message {
                    operation: Some(operation),
                    ..Message::new(self.session.time_label(), Level::Warning, text.clone())
                });
                self.notice = Some(Notice {
                    text,
                    is_error: false,
                });
            }
            BackendEvent::MfaNeeded {
                profile,
                serial,
                reply,
            } => {
                self.overlay = Overlay::Mfa(MfaPrompt {
                    profile,
                    serial,
                    code: String::new(),
                    error: None,
                    reply,
                });
            }
        }
    }

    /// Hands a reply to the screen waiting for `req`, then lets it load what follows from it.
    fn deliver(
        &mut self,
        req: RequestId,
        effects: &mut Vec<Effect>,
        reply: impl FnOnce(&mut dyn Screen),
    ) {
        let Some(at) = self.stack.iter().rposition(|s| s.pending().contains(&req)) else {
            tracing::warn!(req, "dropping a reply for a screen that is gone");
            return;
        };
        let on_top = at + 1 == self.stack.len();
        let screen = &mut self.stack[at];
        reply(screen.as_mut());
        let mut ctx = Ctx::new(&self.region, &self.session, &mut self.next_req, effects);
        screen.follow_up(&mut ctx);
        // Only the screen in front may move the user; one underneath keeps its wish for later.
        if on_top && let Some(nav) = screen.take_nav() {
            self.navigate(nav, effects);
        }
    }

    /// Opens where the command line asked: a section (`--screen`), or the recovery points of
    /// a resource (`--resource`, found by name or ARN once the resources are listed).
    pub fn start_at(&mut self, section: Section, resource: Option<&str>) -> Vec<Effect> {
        let mut effects = Vec::new();
        match resource {
            Some(name) => {
                let screen = Box::new(screens::ResourcesScreen::opening(&self.region, name));
                self.replace_stack(screen, &mut effects);
            }
            None if section != Section::Resources => self.go(section, &mut effects),
            None => {}
        }
        effects
    }

    fn on_command(&mut self, cmd: Command, effects: &mut Vec<Effect>) {
        if cmd == Command::Refresh
            && let Some(reply) = self.declined_mfa.take()
        {
            // Before the reload's own loads, so that they ask for the code again.
            effects.push(Effect::RearmMfa { reply });
        }
        if cmd == Command::Refresh && self.identity_failure.is_some() {
            // The cause may be fixed now (network back, code typed): ask who we are again.
            self.ask_identity(effects);
        }
        match cmd {
            Command::ForceQuit => self.quit = true,
            Command::Quit => {
                if self.stack.len() > 1 {
                    self.pop(effects);
                } else {
                    self.quit = true;
                }
            }
            Command::Help => self.overlay = Overlay::Help { scroll: 0 },
            Command::Messages => self.open_messages(),
            Command::Palette => self.overlay = Overlay::Palette(Palette::default()),
            Command::Back => {
                if let Some(list) = self.top_mut().and_then(|s| s.list_mut())
                    && !list.filter().is_empty()
                {
                    list.set_filter("");
                } else if self.stack.len() > 1 {
                    self.pop(effects);
                }
            }
            Command::Filter => {
                if let Some(list) = self.top_mut().and_then(|s| s.list_mut()) {
                    let original = list.filter().to_string();
                    self.filter_input = Some(FilterInput { original });
                }
            }
            Command::Up
            | Command::Down
            | Command::PageUp
            | Command::PageDown
            | Command::Top
            | Command::Bottom
            | Command::SortNext
            | Command::SortReverse
                if self.top().is_some_and(|s| s.list().is_some()) =>
            {
                let Some(list) = self.top_mut().and_then(|s| s.list_mut()) else {
                    return;
                };
                match cmd {
                    Command::Up => list.move_by(-1),
                    Command::Down => list.move_by(1),
                    Command::PageUp => list.page(-1),
                    Command::PageDown => list.page(1),
                    Command::Top => list.top(),
                    Command::Bottom => list.bottom(),
                    Command::SortNext => list.cycle_sort(),
                    _ => list.reverse_sort(),
                }
            }
            _ => self.screen_command(cmd, effects),
        }
    }

    fn screen_command(&mut self, cmd: Command, effects: &mut Vec<Effect>) {
        let region = self.region.clone();
        let Some(screen) = self.stack.last_mut() else {
            return;
        };
        let mut ctx = Ctx::new(&region, &self.session, &mut self.next_req, effects);
        let nav = screen.handle(cmd, &mut ctx);
        self.navigate(nav, effects);
    }

    /// Carries out what a screen asked for.
    fn navigate(&mut self, nav: Nav, effects: &mut Vec<Effect>) {
        match nav {
            Nav::Stay => {}
            Nav::Push(mut next) => {
                let region = self.region.clone();
                let mut ctx = Ctx::new(&region, &self.session, &mut self.next_req, effects);
                next.start(&mut ctx);
                self.stack.push(next);
            }
            Nav::Pop => self.pop(effects),
            Nav::Notice { text, is_error } => self.notify(text, is_error),
        }
    }

    fn pop(&mut self, effects: &mut Vec<Effect>) {
        let Some(screen) = self.stack.pop() else {
            return;
        };
        effects.extend(
            screen
                .pending()
                .into_iter()
                .map(|req| Effect::Cancel { req }),
        );
        self.filter_input = None;
        if screen.changed_account() && !self.stack.is_empty() {
            // The screen below shows what was just changed (deleted recovery points).
            self.screen_command(Command::Refresh, effects);
        }
    }

    /// Opens `section` in `region`, recounting the failed copies when the Region changes;
    /// whether it changed.
    fn go_to(&mut self, region: String, section: Section, effects: &mut Vec<Effect>) -> bool {
        let moved = self.region != region;
        self.region = region;
        self.go(section, effects);
        if moved {
            self.recount_failed_copies(effects);
        }
        moved
    }

    /// Replaces the whole stack with a top-level section, cancelling every load under way.
    fn go(&mut self, section: Section, effects: &mut Vec<Effect>) {
        let screen = screens::for_section(section, &self.region);
        self.replace_stack(screen, effects);
    }

    /// Makes `root` the only screen, cancelling every load under way.
    fn replace_stack(&mut self, mut root: Box<dyn Screen>, effects: &mut Vec<Effect>) {
        for screen in self.stack.drain(..) {
            effects.extend(
                screen
                    .pending()
                    .into_iter()
                    .map(|req| Effect::Cancel { req }),
            );
        }
        self.filter_input = None;
        let mut ctx = Ctx::new(&self.region, &self.session, &mut self.next_req, effects);
        root.start(&mut ctx);
        self.stack.push(root);
    }

    fn run_palette(&mut self, cmd: PaletteCommand, effects: &mut Vec<Effect>) {
        match cmd {
            PaletteCommand::Go(section) => self.go(section, effects),
            PaletteCommand::Region(region) => {
                let section = self.top_section();
                self.region = region.code.to_string();
                self.go(section, effects);
                self.recount_failed_copies(effects);
                self.notify(format!("Region: {} ({})", region.code, region.name), false);
            }
            PaletteCommand::Help => self.overlay = Overlay::Help { scroll: 0 },
            PaletteCommand::Messages => self.open_messages(),
            PaletteCommand::Quit => self.quit = true,
        }
    }

    /// The section the bottom of the stack belongs to.
    fn top_section(&self) -> Section {
        self.stack
            .first()
            .map(|s| s.section())
            .unwrap_or(Section::Resources)
    }

    /// The Region's display name for the header.
    pub fn region_name(&self) -> &'static str {
        Region::by_code(&self.region).map(|r| r.name).unwrap_or("")
    }
}

/// The top-most screen waiting for `req`; none once that screen is gone. A free function, so
/// the caller may still use the app's other fields while holding the screen.
fn owner(stack: &mut [Box<dyn Screen>], req: RequestId) -> Option<&mut Box<dyn Screen>> {
    stack.iter_mut().rev().find(|s| s.pending().contains(&req))
}

mod failed_copies;
mod jobs;
mod keys;
mod messages;
mod mfa;

pub use messages::{Level, Message, Messages, MessagesView};

use failed_copies::FailedCopies;
pub use mfa::MfaPrompt;

#[cfg(test)]
mod tests;

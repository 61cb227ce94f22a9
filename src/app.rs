//! The app model and its pure `update`: actions in, effects out, no IO and no await.

use crate::action::{Action, Command, Loaded, RequestId};
use crate::backend::{AccountInfo, BackendError, BackendEvent, MfaReply};
use crate::domain::Region;
use crate::domain::RestoreJob;
use crate::effect::{Effect, OneTimeCode};
use crate::keymap::Keymap;
use crate::palette::{self, Palette, PaletteCommand, Section};
use crate::remote::{Ctx, Session};
use crate::theme::Theme;
use crate::tracker::JobTracker;
use crate::ui::screens::{self, Nav, Screen};
use crossterm::event::{KeyCode, KeyEvent, KeyEventKind, KeyModifiers};

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
}

/// The MFA code being typed, for the role of `profile`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MfaPrompt {
    pub profile: String,
    pub serial: String,
    pub code: String,
    pub error: Option<String>,
    reply: MfaReply,
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
    pub filter_input: Option<FilterInput>,
    /// Advanced by ticks while something loads.
    pub spinner: usize,
    pub session: Session,
    stack: Vec<Box<dyn Screen>>,
    tracker: JobTracker,
    quit: bool,
    next_req: RequestId,
    /// The GetCallerIdentity under way, when the account id is not known yet.
    identity_req: Option<RequestId>,
    /// The MFA prompt the user declined: a reload lets the provider ask again.
    declined_mfa: Option<MfaReply>,
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
            overlay: Overlay::None,
            notice: None,
            filter_input: None,
            spinner: 0,
            stack: Vec::new(),
            quit: false,
            next_req: 0,
            identity_req: None,
            declined_mfa: None,
        };
        let mut effects = Vec::new();
        if app.account.account_id.is_empty() {
            app.next_req += 1;
            app.identity_req = Some(app.next_req);
            effects.push(Effect::Load {
                req: app.next_req,
                query: crate::effect::Query::Identity,
            });
        }
        app.go(Section::Resources, &mut effects);
        (app, effects)
    }

    pub fn should_quit(&self) -> bool {
        self.quit
    }

    /// Whether anything is loading (the runtime ticks the spinner only then).
    pub fn is_busy(&self) -> bool {
        self.stack.iter().any(|s| !s.pending().is_empty())
    }

    /// Whether restore jobs started here are still being followed.
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
            if let Effect::StartRestore { req, .. } = write {
                tracing::info!(req, "read-only: StartRestoreJob not sent");
                allowed.extend(self.apply(Action::RestoreStarted {
                    req,
                    result: Err(BackendError::read_only("StartRestoreJob")),
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
                self.notice = Some(Notice {
                    text: format!(
                        "Account unknown: {} {}",
                        error.headline(),
                        error.kind.advice()
                    ),
                    is_error: true,
                });
            }
            Action::Key(key) => self.on_key(key, &mut effects),
            Action::Command(cmd) => self.on_command(cmd, &mut effects),
            Action::Resize(..) => {}
            Action::Tick => self.spinner = self.spinner.wrapping_add(1),
            Action::Shutdown => self.quit = true,
            Action::AuditFailed(text) => {
                self.notice = Some(Notice {
                    text,
                    is_error: true,
                })
            }
            Action::RestoreStarted { req, result } => {
                self.on_restore_started(req, result, &mut effects)
            }
            Action::Loaded {
                req,
                data: Loaded::RestoreJob(job),
                ..
            } if self.tracker.owns(req) => self.on_tracked_job(req, *job, &mut effects),
            Action::LoadFailed { req, error } if self.tracker.owns(req) => {
                tracing::warn!(req, error = %error.headline(), "restore job poll failed; backing off");
                self.next_req += 1;
                effects.extend(self.tracker.on_failure(req, self.next_req));
            }
            Action::Loaded { req, data, done } => match self.owner(req) {
                Some(screen) => screen.on_loaded(req, data, done),
                None => tracing::warn!(req, "dropping a reply for a screen that is gone"),
            },
            Action::LoadFailed { req, error } => match self.owner(req) {
                Some(screen) => {
                    tracing::warn!(req, error = %error.headline(), "load failed");
                    screen.on_failed(req, error);
                }
                None => tracing::warn!(req, "dropping a failure for a screen that is gone"),
            },
        }
        effects
    }

    fn on_backend_event(&mut self, event: BackendEvent) {
        match event {
            BackendEvent::Retrying {
                operation,
                attempt,
                max,
            } => {
                self.notice = Some(Notice {
                    text: format!(
                        "AWS throttled {operation}: retrying (attempt {attempt} of {max})..."
                    ),
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

    /// Keys while the MFA prompt is open: digits, backspace, enter (send), esc (decline).
    fn mfa_key(&mut self, key: &KeyEvent, effects: &mut Vec<Effect>) {
        let Overlay::Mfa(prompt) = &mut self.overlay else {
            return;
        };
        match key.code {
            KeyCode::Esc => {
                effects.push(Effect::AnswerMfa {
                    reply: prompt.reply.clone(),
                    code: None,
                });
                self.declined_mfa = Some(prompt.reply.clone());
                self.overlay = Overlay::None;
                self.notice = Some(Notice {
                    text: "No MFA code given: AWS calls fail until you press r and enter one."
                        .into(),
                    is_error: true,
                });
            }
            KeyCode::Enter => {
                if prompt.code.len() == 6 {
                    effects.push(Effect::AnswerMfa {
                        reply: prompt.reply.clone(),
                        code: Some(OneTimeCode(prompt.code.clone())),
                    });
                    self.overlay = Overlay::None;
                } else {
                    prompt.error = Some("An MFA code is 6 digits.".into());
                }
            }
            KeyCode::Backspace => {
                prompt.code.pop();
                prompt.error = None;
            }
            KeyCode::Char(c) if c.is_ascii_digit() && prompt.code.len() < 6 => {
                prompt.code.push(c);
                prompt.error = None;
            }
            KeyCode::Char(_) => prompt.error = Some("Digits only: the 6-digit MFA code.".into()),
            _ => {}
        }
    }

    fn owner(&mut self, req: RequestId) -> Option<&mut Box<dyn Screen>> {
        self.stack
            .iter_mut()
            .rev()
            .find(|s| s.pending().contains(&req))
    }

    fn on_key(&mut self, key: KeyEvent, effects: &mut Vec<Effect>) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        if self.keymap.lookup(&[], &key) == Some(Command::ForceQuit) {
            self.quit = true;
            return;
        }
        if matches!(self.overlay, Overlay::Mfa(_)) {
            self.mfa_key(&key, effects);
            return;
        }
        if let Overlay::Palette(palette) = &mut self.overlay {
            match key.code {
                KeyCode::Esc => self.overlay = Overlay::None,
                KeyCode::Enter => {
                    let text = palette.text.clone();
                    match palette::parse(&text) {
                        Ok(cmd) => {
                            self.overlay = Overlay::None;
                            self.run_palette(cmd, effects);
                        }
                        Err(message) => palette.error = Some(message),
                    }
                }
                KeyCode::Tab => palette.complete(),
                _ => {
                    if edit_text(&mut palette.text, &key) {
                        palette.error = None;
                    }
                }
            }
            return;
        }
        if let Overlay::Help { scroll } = &mut self.overlay {
            match key.code {
                KeyCode::Down | KeyCode::Char('j') => *scroll = scroll.saturating_add(1),
                KeyCode::Up | KeyCode::Char('k') => *scroll = scroll.saturating_sub(1),
                _ => self.overlay = Overlay::None,
            }
            return;
        }
        if let Some(input) = &self.filter_input {
            let original = input.original.clone();
            let Some(list) = self.top_mut().and_then(|s| s.list_mut()) else {
                self.filter_input = None;
                return;
            };
            match key.code {
                KeyCode::Enter => self.filter_input = None,
                KeyCode::Esc => {
                    list.set_filter(&original);
                    self.filter_input = None;
                }
                // Arrows keep working while typing, so one can filter and pick.
                KeyCode::Up => list.move_by(-1),
                KeyCode::Down => list.move_by(1),
                _ => {
                    let mut text = list.filter().to_string();
                    if edit_text(&mut text, &key) {
                        list.set_filter(&text);
                    }
                }
            }
            return;
        }
        self.notice = None;
        // Screens with their own inputs (wizard forms, menus) see the key first.
        let region = self.region.clone();
        if let Some(screen) = self.stack.last_mut() {
            let mut ctx = Ctx::new(&region, &self.session, &mut self.next_req, effects);
            if let Some(nav) = screen.handle_key(&key, &mut ctx) {
                self.navigate(nav, effects);
                return;
            }
        }
        let contexts = self.top().map(|s| s.key_contexts()).unwrap_or(&[]);
        if let Some(cmd) = self.keymap.lookup(contexts, &key) {
            self.on_command(cmd, effects);
        }
    }

    fn on_command(&mut self, cmd: Command, effects: &mut Vec<Effect>) {
        if cmd == Command::Refresh
            && let Some(reply) = self.declined_mfa.take()
        {
            // Before the reload's own loads, so that they ask for the code again.
            effects.push(Effect::RearmMfa { reply });
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
            Nav::Notice { text, is_error } => self.notice = Some(Notice { text, is_error }),
        }
    }

    /// StartRestoreJob answered: on success follow the job on the Restore jobs tab.
    fn on_restore_started(
        &mut self,
        req: RequestId,
        result: Result<String, BackendError>,
        effects: &mut Vec<Effect>,
    ) {
        let Some(screen) = self.owner(req) else {
            tracing::warn!(req, "a restore answer for a screen that is gone");
            return;
        };
        let Some(region) = screen.on_restore_started(req, &result) else {
            return;
        };
        if let Ok(job_id) = result {
            tracing::info!(%job_id, %region, "restore job started");
            self.region = region.clone();
            self.go(Section::Jobs(crate::palette::JobTab::Restore), effects);
            self.next_req += 1;
            effects.push(self.tracker.track(&region, &job_id, self.next_req));
            self.notice = Some(Notice {
                text: format!("Restore job {job_id} started in {region}."),
                is_error: false,
            });
        }
    }

    /// A followed job's new state: shown in the jobs list, announced when it ends.
    fn on_tracked_job(&mut self, req: RequestId, job: RestoreJob, effects: &mut Vec<Effect>) {
        for screen in &mut self.stack {
            screen.upsert_restore_job(&job);
        }
        self.next_req += 1;
        match self.tracker.on_job(req, &job, self.next_req) {
            Some(poll) => effects.push(poll),
            None => {
                // Short enough for an 80-column footer: the job's first block, the resource id.
                let detail = match (&job.status_message, &job.created_resource_arn) {
                    (Some(message), _) => format!(": {message}"),
                    (None, Some(created)) => format!(
                        ": created {}",
                        crate::domain::resource::arn_resource_id(created)
                    ),
                    _ => String::new(),
                };
                let short_id = job.id.split('-').next().unwrap_or(&job.id);
                self.notice = Some(Notice {
                    text: format!("Restore job {short_id} {}{detail}", job.status),
                    is_error: job.status != crate::domain::RestoreJobStatus::Completed,
                });
            }
        }
    }

    fn pop(&mut self, effects: &mut Vec<Effect>) {
        if let Some(screen) = self.stack.pop() {
            effects.extend(
                screen
                    .pending()
                    .into_iter()
                    .map(|req| Effect::Cancel { req }),
            );
        }
        self.filter_input = None;
    }

    /// Replaces the whole stack with a top-level section, cancelling every load under way.
    fn go(&mut self, section: Section, effects: &mut Vec<Effect>) {
        for screen in self.stack.drain(..) {
            effects.extend(
                screen
                    .pending()
                    .into_iter()
                    .map(|req| Effect::Cancel { req }),
            );
        }
        self.filter_input = None;
        let mut screen = screens::for_section(section, &self.region);
        let mut ctx = Ctx::new(&self.region, &self.session, &mut self.next_req, effects);
        screen.start(&mut ctx);
        self.stack.push(screen);
    }

    fn run_palette(&mut self, cmd: PaletteCommand, effects: &mut Vec<Effect>) {
        match cmd {
            PaletteCommand::Go(section) => self.go(section, effects),
            PaletteCommand::Region(region) => {
                let section = self.top_section();
                self.region = region.code.to_string();
                self.go(section, effects);
                self.notice = Some(Notice {
                    text: format!("Region: {} ({})", region.code, region.name),
                    is_error: false,
                });
            }
            PaletteCommand::Help => self.overlay = Overlay::Help { scroll: 0 },
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

/// Applies an editing key to `text`; true if it changed. Typed text is never dropped silently.
fn edit_text(text: &mut String, key: &KeyEvent) -> bool {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    match key.code {
        KeyCode::Char('u') if ctrl => {
            text.clear();
            true
        }
        KeyCode::Char('w') if ctrl => {
            let trimmed = text.trim_end().len();
            let cut = text[..trimmed].rfind(' ').map(|i| i + 1).unwrap_or(0);
            text.truncate(cut);
            true
        }
        KeyCode::Char(c) if !ctrl => {
            text.push(c);
            true
        }
        KeyCode::Backspace => text.pop().is_some(),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::action::Loaded;
    use crate::backend::{BackendError, BackendEvent, ErrorKind, MfaReply, Mode};
    use crate::effect::Query;

    fn app() -> (App, Vec<Effect>) {
        let account = AccountInfo {
            mode: Mode::Demo,
            account_id: "123456789012".into(),
            profile: "demo".into(),
            read_only: false,
        };
        App::new(
            account,
            "us-east-1".into(),
            Keymap::defaults(),
            Theme::ansi16(),
            crate::backend::mock::demo_session("test"),
        )
    }

    fn key(name: &str) -> Action {
        let k = crate::keymap::Key::parse(name).expect("key name");
        Action::Key(KeyEvent::new(k.code, k.modifiers))
    }

    fn typed(app: &mut App, text: &str) -> Vec<Effect> {
        text.chars()
            .flat_map(|c| {
                app.update(Action::Key(KeyEvent::new(
                    KeyCode::Char(c),
                    KeyModifiers::NONE,
                )))
            })
            .collect()
    }

    fn first_load(effects: &[Effect]) -> (RequestId, Query) {
        effects
            .iter()
            .find_map(|e| match e {
                Effect::Load { req, query } => Some((*req, query.clone())),
                _ => None,
            })
            .expect("a load effect")
    }

    #[test]
    fn starting_loads_the_protected_resources_of_the_region() {
        let (app, effects) = app();
        let (_, query) = first_load(&effects);
        assert_eq!(
            query,
            Query::ProtectedResources {
                region: "us-east-1".into()
            }
        );
        assert!(app.is_busy());
        assert_eq!(app.crumbs(), vec!["Protected resources"]);
    }

    #[test]
    fn q_quits_only_from_the_top_screen_and_ctrl_c_always() {
        let (mut a, _) = app();
        a.update(key("ctrl-c"));
        assert!(a.should_quit());
        let (mut a, _) = app();
        a.update(key("q"));
        assert!(a.should_quit());
        let (mut a, _) = app();
        a.update(key(":"));
        a.update(key("ctrl-c"));
        assert!(a.should_quit(), "ctrl-c works inside the palette too");
    }

    #[test]
    fn a_reply_for_a_screen_the_user_left_is_dropped_and_its_load_cancelled() {
        let (mut a, effects) = app();
        let (old, _) = first_load(&effects);
        a.update(key(":"));
        typed(&mut a, "vaults");
        let effects = a.update(key("enter"));
        assert!(effects.contains(&Effect::Cancel { req: old }));
        let (new, query) = first_load(&effects);
        assert_eq!(
            query,
            Query::BackupVaults {
                region: "us-east-1".into()
            }
        );
        // The late resources page must not land on the vaults screen.
        a.update(Action::Loaded {
            req: old,
            data: Loaded::Resources(Vec::new()),
            done: true,
        });
        assert!(a.top().is_some_and(|s| s.pending() == vec![new]));
    }

    #[test]
    fn a_palette_error_keeps_what_was_typed() {
        let (mut a, _) = app();
        a.update(key(":"));
        typed(&mut a, "region mars-1");
        a.update(key("enter"));
        match &a.overlay {
            Overlay::Palette(p) => {
                assert_eq!(p.text, "region mars-1");
                assert!(
                    p.error
                        .as_deref()
                        .is_some_and(|e| e.contains("Unknown Region"))
                );
            }
            other => panic!("palette closed: {other:?}"),
        }
        assert_eq!(a.region, "us-east-1");
    }

    #[test]
    fn switching_region_reloads_the_section_in_the_new_region() {
        let (mut a, _) = app();
        a.update(key(":"));
        typed(&mut a, "region us-west-2");
        let effects = a.update(key("enter"));
        assert_eq!(a.region, "us-west-2");
        assert_eq!(
            first_load(&effects).1,
            Query::ProtectedResources {
                region: "us-west-2".into()
            }
        );
        assert!(
            a.notice
                .as_ref()
                .is_some_and(|n| n.text.contains("US West (Oregon)"))
        );
    }

    #[test]
    fn esc_while_filtering_restores_the_previous_filter() {
        let (mut a, _) = app();
        a.update(key("/"));
        typed(&mut a, "acme");
        assert_eq!(
            a.top()
                .and_then(|s| s.list())
                .map(|l| l.filter().to_string()),
            Some("acme".into())
        );
        a.update(key("esc"));
        assert!(a.filter_input.is_none());
        assert_eq!(
            a.top()
                .and_then(|s| s.list())
                .map(|l| l.filter().to_string()),
            Some(String::new())
        );
    }

    #[test]
    fn a_failed_load_is_kept_on_its_screen_until_retried() {
        let (mut a, effects) = app();
        let (req, _) = first_load(&effects);
        a.update(Action::LoadFailed {
            req,
            error: BackendError::new(ErrorKind::Throttled, "Rate exceeded"),
        });
        assert!(!a.is_busy());
        let retry = a.update(key("r"));
        assert_eq!(
            first_load(&retry).1,
            Query::ProtectedResources {
                region: "us-east-1".into()
            }
        );
    }

    fn aws_app() -> (App, Vec<Effect>) {
        let account = AccountInfo {
            mode: Mode::Aws,
            account_id: String::new(),
            profile: "prod".into(),
            read_only: false,
        };
        App::new(
            account,
            "us-east-1".into(),
            Keymap::defaults(),
            Theme::ansi16(),
            crate::backend::mock::demo_session("test"),
        )
    }

    #[test]
    fn against_aws_the_account_comes_from_get_caller_identity() {
        let (mut a, effects) = aws_app();
        let (req, query) = first_load(&effects);
        assert_eq!(query, Query::Identity);
        a.update(Action::Loaded {
            req,
            data: Loaded::Identity(crate::backend::CallerIdentity {
                account_id: "210987654321".into(),
                arn: "arn:aws:iam::210987654321:user/ops".into(),
            }),
            done: true,
        });
        assert_eq!(a.account.account_id, "210987654321");
        assert_eq!(a.session.account_id, "210987654321");
        // A demo account is known at once: no identity call.
        let (_, effects) = app();
        assert_ne!(first_load(&effects).1, Query::Identity);
    }

    #[test]
    fn a_failed_identity_says_why_in_the_footer() {
        let (mut a, effects) = aws_app();
        let (req, _) = first_load(&effects);
        a.update(Action::LoadFailed {
            req,
            error: BackendError::new(ErrorKind::ExpiredCredentials, "token expired"),
        });
        let notice = a.notice.expect("a notice");
        assert!(notice.is_error);
        assert!(notice.text.contains("token expired"), "{}", notice.text);
        assert!(a.account.account_id.is_empty());
    }

    #[test]
    fn throttling_retries_are_shown() {
        let (mut a, _) = app();
        a.update(Action::Backend(BackendEvent::Retrying {
            operation: "ListRecoveryPointsByBackupVault".into(),
            attempt: 2,
            max: 5,
        }));
        let notice = a.notice.expect("a notice");
        assert!(!notice.is_error);
        assert!(
            notice
                .text
                .contains("throttled ListRecoveryPointsByBackupVault: retrying (attempt 2 of 5)"),
            "{}",
            notice.text
        );
    }

    #[test]
    fn the_mfa_prompt_takes_six_digits_and_answers_once() {
        let (mut a, _) = aws_app();
        let declined = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (reply, mut answer) = MfaReply::new(declined.clone());
        a.update(Action::Backend(BackendEvent::MfaNeeded {
            profile: "admin".into(),
            serial: "arn:aws:iam::1:mfa/alice".into(),
            reply: reply.clone(),
        }));
        assert!(matches!(a.overlay, Overlay::Mfa(_)));
        typed(&mut a, "12x");
        let Overlay::Mfa(prompt) = &a.overlay else {
            panic!("prompt closed")
        };
        assert_eq!(prompt.code, "12", "the letter is refused, the digits kept");
        assert!(
            prompt
                .error
                .as_deref()
                .is_some_and(|e| e.contains("Digits"))
        );
        assert!(a.update(key("enter")).is_empty(), "too short: nothing sent");
        let effects = typed(&mut a, "3456");
        assert!(effects.is_empty());
        let effects = a.update(key("enter"));
        assert!(matches!(a.overlay, Overlay::None));
        assert_eq!(
            effects,
            vec![Effect::AnswerMfa {
                reply: reply.clone(),
                code: Some(OneTimeCode("123456".into())),
            }]
        );
        for effect in effects {
            if let Effect::AnswerMfa { reply, code } = effect {
                reply.send(code.map(|c| c.0));
            }
        }
        assert_eq!(answer.try_recv().ok().flatten().as_deref(), Some("123456"));
        assert!(!format!("{:?}", OneTimeCode("123456".into())).contains("123456"));
    }

    #[test]
    fn declining_mfa_holds_until_a_reload_rearms_it() {
        let (mut a, _) = aws_app();
        let declined = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let (reply, _answer) = MfaReply::new(declined.clone());
        a.update(Action::Backend(BackendEvent::MfaNeeded {
            profile: "admin".into(),
            serial: "arn:aws:iam::1:mfa/alice".into(),
            reply: reply.clone(),
        }));
        let effects = a.update(key("esc"));
        for effect in &effects {
            if let Effect::AnswerMfa { reply, code } = effect {
                reply.send(code.clone().map(|c| c.0));
            }
        }
        assert!(declined.load(std::sync::atomic::Ordering::SeqCst));
        let effects = a.update(key("r"));
        assert_eq!(effects.first(), Some(&Effect::RearmMfa { reply }));
        assert!(
            effects.iter().any(|e| matches!(e, Effect::Load { .. })),
            "and the reload itself"
        );
    }

    #[test]
    fn starting_a_restore_is_the_write_read_only_filters_out() {
        // The refusal itself is walked through the wizard in tests/restore_flows.rs.
        let request = crate::domain::restore::RestoreRequest {
            region: "us-east-1".into(),
            recovery_point_arn: "arn:aws:backup:us-east-1:1:recovery-point:X".into(),
            resource_type: crate::domain::ResourceType::S3,
            iam_role_arn: None,
            idempotency_token: "t".into(),
            metadata: Default::default(),
        };
        assert!(
            Effect::StartRestore {
                req: 1,
                request: Box::new(request),
            }
            .is_write()
        );
        assert!(!Effect::Cancel { req: 1 }.is_write());
    }

    #[test]
    fn editing_keys() {
        let mut text = String::from("region us");
        assert!(edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Char('w'), KeyModifiers::CONTROL)
        ));
        assert_eq!(text, "region ");
        assert!(edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        ));
        assert_eq!(text, "region");
        assert!(edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)
        ));
        assert!(text.is_empty());
        assert!(!edit_text(
            &mut text,
            &KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE)
        ));
    }
}

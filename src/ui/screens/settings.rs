//! Settings: the Region's service opt-in for every resource type and the full-management
//! switches (DynamoDB's advanced features), each changed after a confirmation that shows the
//! exact UpdateRegionSettings request.

use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::WriteRequest;
use crate::domain::settings::{Preference, SettingEntry, SettingsRequest};
use crate::effect::{Effect, Query};
use crate::keymap::KeyContext;
use crate::listing::{FilteredList, ListControl, Tone};
use crate::palette::Section;
use crate::remote::{Ctx, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::SETTING_COLUMNS;
use crate::ui::widgets::dialog::Dialog;
use crate::ui::widgets::{fields, table};
use crate::wizard::After;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub struct SettingsScreen {
    region: String,
    /// `--read-only`: the page says at once that nothing can be changed.
    read_only: bool,
    remote: RemoteList<SettingEntry>,
    /// The re-read after an accepted change: its answer replaces the rows in place.
    reload: Option<RequestId>,
    /// The change waiting for `y`.
    confirm: Option<Change>,
    /// The change sent, until AWS answers; toggles wait meanwhile.
    sending: Option<(RequestId, Change)>,
    /// The change AWS accepted, checked against the re-read.
    accepted: Option<Change>,
    /// What became of the last change, under the table.
    status: Option<(String, Tone)>,
}

/// One switch to flip, and exactly what is sent for it.
#[derive(Debug, Clone)]
struct Change {
    entry: SettingEntry,
    request: SettingsRequest,
}

impl Change {
    /// "EFS opt-in", "DynamoDB advanced features".
    fn subject(&self) -> String {
        let e = &self.entry;
        match e.preference {
            Preference::OptIn => format!("{} opt-in", e.resource_type),
            Preference::Management => {
                format!("{} {}", e.resource_type, e.label().to_lowercase())
            }
        }
    }

    /// What turning the switch off costs, said before it is sent.
    fn consequence(&self) -> Option<String> {
        let e = &self.entry;
        (e.enabled && e.preference == Preference::OptIn).then(|| {
            format!(
                "Plans that pick {t} resources by tags stop backing them up in {r}, and \
                 on-demand backups of {t} are refused there.",
                t = e.resource_type,
                r = self.request.region
            )
        })
    }
}

/// The Region's settings are one answer, not pages: a whole reload replaces every row.
fn replace_rows(list: &mut FilteredList<SettingEntry>, rows: Vec<SettingEntry>) {
    list.clear();
    list.append(rows);
}

impl SettingsScreen {
    pub fn new(region: &str) -> Self {
        SettingsScreen {
            region: region.to_string(),
            read_only: false,
            remote: RemoteList::new(
                SETTING_COLUMNS,
                None,
                Query::RegionSettings {
                    region: region.to_string(),
                },
            ),
            reload: None,
            confirm: None,
            sending: None,
            accepted: None,
            status: None,
        }
    }

    fn toggle(&mut self, ctx: &Ctx) -> Nav {
        if ctx.session.read_only {
            return Nav::Notice {
                text: "Read-only session (--read-only): settings cannot be changed.".into(),
                is_error: true,
            };
        }
        if self.sending.is_some() {
            return Nav::Notice {
                text: "The last change is still being sent: wait for AWS's answer.".into(),
                is_error: false,
            };
        }
        if let Some(entry) = self.remote.list.selected() {
            let request = entry.toggle_request(&self.region);
            self.confirm = Some(Change {
                entry: entry.clone(),
                request,
            });
        }
        Nav::Stay
    }

    fn send(&mut self, change: Change, ctx: &mut Ctx) {
        let req = ctx.next_id();
        ctx.push(Effect::Submit {
            req,
            request: Box::new(WriteRequest::UpdateRegionSettings(change.request.clone())),
        });
        self.status = None;
        self.sending = Some((req, change));
    }

    /// Says whether the re-read shows the accepted change.
    fn check_accepted(&mut self) {
        let Some(change) = self.accepted.take() else {
            return;
        };
        let now = self.remote.list.items().iter().find(|e| {
            e.resource_type == change.entry.resource_type && e.preference == change.entry.preference
        });
        self.status = Some(match now {
            Some(e) if e.enabled != change.entry.enabled => (
                format!(
                    "{}: now {} in {}.",
                    change.subject(),
                    e.state_label(),
                    self.region
                ),
                Tone::Good,
            ),
            _ => (
                format!(
                    "AWS accepted the change, but {} still reads as before: r reloads.",
                    change.subject()
                ),
                Tone::Warning,
            ),
        });
    }

    /// The confirmation: the question, what turning it off costs, the exact request.
    fn render_confirm(&self, frame: &mut Frame, area: Rect, change: &Change, ui: &UiCtx) {
        let t = ui.theme;
        let mut dialog = Dialog::new(t, "Confirm", change.entry.change_question(&self.region))
            .question_style(t.title)
            .max_width(76);
        if let Some(consequence) = change.consequence() {
            dialog = dialog.detail(consequence, t.warning);
        }
        dialog = dialog.detail("", Style::new()).detail(
            "UpdateRegionSettings request (exactly what is sent)",
            t.label,
        );
        for line in change.request.api_json().lines() {
            dialog = dialog.detail(line, Style::new());
        }
        dialog = dialog.detail("AWS CLI equivalent", t.label);
        for line in change.request.cli_command().lines() {
            dialog = dialog.detail(line, Style::new());
        }
        let dialog = dialog
            .key("y", "change it")
            .key("n/esc", "cancel (the default)");
        frame.render_widget(&dialog, area);
    }

    /// Under the table: the change under way or what became of the last one, wrapped to
    /// `width` (at most three lines: a refusal carries AWS's reason and what to do).
    fn status_lines(&self, width: usize, ui: &UiCtx) -> Vec<Line<'static>> {
        let t = ui.theme;
        let (text, style) = if let Some((_, change)) = &self.sending {
            (
                format!(
                    "{} Sending UpdateRegionSettings ({})...",
                    ui.spinner,
                    change.subject()
                ),
                t.muted,
            )
        } else if self.reload.is_some() {
            (
                format!("{} Accepted; reading the settings again...", ui.spinner),
                t.muted,
            )
        } else if let Some((text, tone)) = &self.status {
            (text.clone(), t.tone(*tone))
        } else if self.read_only {
            (
                "Read-only session (--read-only): these settings can be viewed, not changed."
                    .to_string(),
                t.warning,
            )
        } else if let Some(entry) = self.remote.list.selected() {
            (meaning(entry, &self.region), t.muted)
        } else {
            return vec![Line::from("")];
        };
        fields::wrap(&text, width)
            .into_iter()
            .take(3)
            .map(|l| Line::from(Span::styled(l, style)))
            .collect()
    }
}

/// What the selected switch does, in one sentence (aws-api.md 1.2 and 3).
fn meaning(entry: &SettingEntry, region: &str) -> String {
    let t = &entry.resource_type;
    match (entry.preference, t.as_str()) {
        (Preference::OptIn, _) => {
            format!("Opt-in: whether AWS Backup may protect {t} in {region}.")
        }
        (Preference::Management, "DynamoDB") => "Advanced features: AWS Backup fully manages \
            DynamoDB backups (cross-Region and cross-account copy, cold storage, tags)."
            .to_string(),
        (Preference::Management, _) => {
            format!("Full management: AWS Backup fully manages the backups of {t}.")
        }
    }
}

impl Screen for SettingsScreen {
    fn section(&self) -> Section {
        Section::Settings
    }

    fn crumb(&self) -> String {
        "Settings > Service opt-in".to_string()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Settings, KeyContext::List]
    }

    fn hints(&self) -> &'static [Command] {
        &[Command::Toggle, Command::Filter, Command::Refresh]
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.read_only = ctx.session.read_only;
        self.remote.load(ctx);
    }

    /// The confirmation takes every key while it is open: only `y` sends.
    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        let change = self.confirm.take()?;
        match key.code {
            KeyCode::Char('y') => self.send(change, ctx),
            KeyCode::Char('n') | KeyCode::Esc => {}
            _ => self.confirm = Some(change),
        }
        Some(Nav::Stay)
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Toggle => return self.toggle(ctx),
            Command::Refresh => {
                if let Some(req) = self.reload.take() {
                    ctx.cancel(req);
                }
                // The table shows the new state itself; no "now …" line is owed any more.
                self.accepted = None;
                self.remote.load(ctx);
            }
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        [
            self.remote.pending(),
            self.reload,
            self.sending.as_ref().map(|(req, _)| *req),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        let Loaded::RegionSettings(settings) = data else {
            return;
        };
        if self.reload == Some(req) {
            self.reload = None;
            replace_rows(&mut self.remote.list, settings.entries());
            self.check_accepted();
        } else {
            self.remote.accept(req, settings.entries(), done);
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.reload == Some(req) {
            self.reload = None;
            self.accepted = None;
            self.status = Some((
                format!(
                    "The change was accepted, but the settings could not be read again ({}): \
                     r reloads.",
                    error.headline()
                ),
                Tone::Warning,
            ));
            return;
        }
        self.remote.fail(req, error);
    }

    fn on_submitted(
        &mut self,
        req: RequestId,
        result: &Result<String, BackendError>,
        ctx: &mut Ctx,
    ) -> Option<After> {
        if self.sending.as_ref().map(|(r, _)| *r) != Some(req) {
            return None;
        }
        let (_, change) = self.sending.take()?;
        match result {
            Ok(_) => {
                self.accepted = Some(change);
                self.reload = Some(ctx.load(Query::RegionSettings {
                    region: self.region.clone(),
                }));
            }
            Err(error) => {
                self.status = Some((
                    format!(
                        "{} was not changed: {} {}",
                        change.subject(),
                        error.headline(),
                        error.advice()
                    ),
                    Tone::Bad,
                ));
            }
        }
        None
    }

    fn list(&self) -> Option<&dyn ListControl> {
        Some(&self.remote.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListControl> {
        Some(&mut self.remote.list)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let t = ui.theme;
        let status = self.status_lines(area.width as usize, ui);
        let [intro, rest, status_area] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Fill(1),
            Constraint::Length(status.len() as u16),
        ])
        .areas(area);
        // Seed 001: "Service opt-in settings are Region-specific."
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled("Opt-in is per Region: ", t.label),
                Span::raw(format!(
                    "these apply to {} only (:region switches).",
                    self.region
                )),
            ])),
            intro,
        );
        let name = format!("Service opt-in in {}", self.region);
        let empty = format!("{} reported no resource types.", self.region);
        table::render_remote(frame, rest, &name, &self.remote, ui, &empty);
        frame.render_widget(Paragraph::new(status), status_area);
        if let Some(change) = &self.confirm {
            self.render_confirm(frame, area, change, ui);
        }
    }
}

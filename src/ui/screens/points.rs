//! Recovery points of one resource (Resource details) or of one backup vault.

use super::copy::copy_or_explain;
use super::{Nav, RecoveryPointScreen, RestoreScreen, Screen, backup, delete, plan_edit};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::format::opt_date_time;
use crate::domain::recovery_point::short_key;
use crate::domain::resource::arn_last_colon_segment;
use crate::domain::{BackupVault, ProtectedResource, RecoveryPoint};
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::{ListControl, Sort};
use crate::palette::Section;
use crate::remote::{Ctx, LoadState, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::{RESOURCE_POINT_COLUMNS, VAULT_POINT_COLUMNS};
use crate::ui::widgets::table;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};

/// Whose recovery points these are.
enum Scope {
    Resource(ProtectedResource),
    Vault(BackupVault),
}

pub struct RecoveryPointsScreen {
    scope: Scope,
    region: String,
    remote: RemoteList<RecoveryPoint>,
    /// The actions menu Enter opens: the cursor on its entries.
    menu: Option<usize>,
}

/// The actions menu of a recovery point.
const ACTIONS: [&str; 6] = [
    "View details",
    "Restore",
    "Copy",
    "Back up now",
    "Delete",
    "Increase backup window",
];

/// Newest first, as the console lists them.
const NEWEST_FIRST: Option<Sort> = Some(Sort {
    column: 3,
    descending: true,
});

impl RecoveryPointsScreen {
    pub fn for_resource(resource: ProtectedResource, region: &str) -> Self {
        let query = Query::RecoveryPointsByResource {
            region: region.to_string(),
            resource_arn: resource.arn.to_string(),
        };
        RecoveryPointsScreen {
            scope: Scope::Resource(resource),
            region: region.to_string(),
            remote: RemoteList::new(RESOURCE_POINT_COLUMNS, NEWEST_FIRST, query),
            menu: None,
        }
    }

    pub fn for_vault(vault: BackupVault, region: &str) -> Self {
        let query = Query::RecoveryPointsByVault {
            region: region.to_string(),
            vault: vault.name.to_string(),
        };
        RecoveryPointsScreen {
            scope: Scope::Vault(vault),
            region: region.to_string(),
            remote: RemoteList::new(VAULT_POINT_COLUMNS, NEWEST_FIRST, query),
            menu: None,
        }
    }

    /// Whether a recovery point is under the cursor (the list is loaded and not all filtered).
    fn has_selection(&self) -> bool {
        self.remote.list.selected().is_some()
    }

    /// The resource a backup of `rp` starts from: this page's, or the point's own.
    fn resource(&self, rp: &RecoveryPoint) -> ProtectedResource {
        match &self.scope {
            Scope::Resource(r) => r.clone(),
            Scope::Vault(_) => resource_of(rp),
        }
    }

    fn summary(&self, ui: &UiCtx) -> Vec<Line<'static>> {
        let t = ui.theme;
        let pair = |label: &str, value: String| {
            vec![
                Span::styled(format!("{label}: "), t.label),
                Span::raw(value),
            ]
        };
        match &self.scope {
            Scope::Resource(r) => {
                let mut first = pair("Name", r.name.to_string());
                first.extend(pair("   Type", r.resource_type.to_string()));
                let mut last = pair("Last backup", opt_date_time(r.last_backup));
                if let Some(vault) = &r.last_backup_vault_arn {
                    last.push(Span::raw(format!(" in {}", arn_last_colon_segment(vault))));
                }
                vec![
                    Line::from(first),
                    Line::from(pair("ARN", r.arn.to_string())),
                    Line::from(last),
                    Line::from(Span::styled(
                        r.description.as_deref().unwrap_or("").to_string(),
                        t.muted,
                    )),
                ]
            }
            Scope::Vault(v) => {
                let mut first = pair("Vault", v.name.to_string());
                first.extend(pair("   Region", v.region.to_string()));
                let mut keys = pair(
                    "Encryption key",
                    v.encryption_key_arn
                        .as_deref()
                        .map(short_key)
                        .unwrap_or("-")
                        .to_string(),
                );
                keys.extend(pair("   Lock", v.lock_label()));
                vec![
                    Line::from(first),
                    Line::from(pair("ARN", v.arn.to_string())),
                    Line::from(keys),
                    Line::from(pair("Created", opt_date_time(Some(v.created)))),
                ]
            }
        }
    }
}

impl Screen for RecoveryPointsScreen {
    fn section(&self) -> Section {
        match self.scope {
            Scope::Resource(_) => Section::Resources,
            Scope::Vault(_) => Section::Vaults,
        }
    }

    fn crumb(&self) -> String {
        match &self.scope {
            Scope::Resource(r) => r.name.to_string(),
            Scope::Vault(v) => v.name.to_string(),
        }
    }

    /// With no recovery point to act on (an empty or failed list), the list's keys come
    /// first: `r` then reloads, as the list's "press r to retry" says, and `?` says so.
    fn key_contexts(&self) -> &'static [KeyContext] {
        if self.has_selection() {
            &[KeyContext::Points, KeyContext::List]
        } else {
            &[KeyContext::List, KeyContext::Points]
        }
    }

    /// Only what can be done: no restore, copy or delete without a recovery point.
    fn hints(&self) -> &'static [Command] {
        match (self.has_selection(), &self.scope) {
            (true, _) => &[
                Command::Open,
                Command::Restore,
                Command::CopyPoint,
                Command::BackupNow,
                Command::DeletePoint,
            ],
            (false, Scope::Resource(_)) => &[Command::Refresh, Command::BackupNow],
            (false, Scope::Vault(_)) => &[Command::Refresh],
        }
    }

    fn handle_key(&mut self, key: &KeyEvent, ctx: &mut Ctx) -> Option<Nav> {
        let cursor = self.menu.as_mut()?;
        match key.code {
            KeyCode::Down | KeyCode::Char('j') => *cursor = (*cursor + 1).min(ACTIONS.len() - 1),
            KeyCode::Up | KeyCode::Char('k') => *cursor = cursor.saturating_sub(1),
            KeyCode::Enter => {
                let choice = *cursor;
                self.menu = None;
                let rp = self.remote.list.selected()?.clone();
                return Some(match choice {
                    0 => Nav::Push(Box::new(RecoveryPointScreen::new(rp, &self.region))),
                    1 => restore_or_explain(rp, &self.region, ctx),
                    2 => copy_or_explain(rp, &self.region, self.section(), ctx),
                    3 => backup::open(self.resource(&rp), &self.region, ctx),
                    4 => delete::delete_one(rp, &self.region, self.section()),
                    _ => plan_edit::raise_window(rp, &self.region, ctx),
                });
            }
            KeyCode::Char('r') => {
                self.menu = None;
                let rp = self.remote.list.selected()?.clone();
                return Some(restore_or_explain(rp, &self.region, ctx));
            }
            KeyCode::Char('c') => {
                self.menu = None;
                let rp = self.remote.list.selected()?.clone();
                return Some(copy_or_explain(rp, &self.region, self.section(), ctx));
            }
            _ => self.menu = None,
        }
        Some(Nav::Stay)
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.remote.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Open if self.remote.list.selected().is_some() => self.menu = Some(0),
            Command::Restore => {
                if let Some(rp) = self.remote.list.selected() {
                    return restore_or_explain(rp.clone(), &self.region, ctx);
                }
            }
            Command::CopyPoint => {
                if let Some(rp) = self.remote.list.selected() {
                    return copy_or_explain(rp.clone(), &self.region, self.section(), ctx);
                }
            }
            Command::BackupNow => {
                let resource = match &self.scope {
                    Scope::Resource(r) => Some(r.clone()),
                    Scope::Vault(_) => self.remote.list.selected().map(resource_of),
                };
                if let Some(resource) = resource {
                    return backup::open(resource, &self.region, ctx);
                }
            }
            Command::DeletePoint => {
                if let Some(rp) = self.remote.list.selected() {
                    return delete::delete_one(rp.clone(), &self.region, self.section());
                }
            }
            Command::DeleteExpired => {
                let complete = matches!(self.remote.state, LoadState::Done);
                let points = self.remote.list.items();
                let (scope, section) = (self.crumb(), self.section());
                return delete::delete_expired(points, &scope, complete, &self.region, section);
            }
            Command::RaiseWindow => {
                if let Some(rp) = self.remote.list.selected() {
                    return plan_edit::raise_window(rp.clone(), &self.region, ctx);
                }
            }
            Command::Refresh => self.remote.load(ctx),
            _ => {}
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.remote.pending().into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, done: bool) {
        if let Loaded::RecoveryPoints(rows) = data {
            self.remote.accept(req, rows, done);
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        self.remote.fail(req, error);
    }

    fn list(&self) -> Option<&dyn ListControl> {
        Some(&self.remote.list)
    }

    fn list_mut(&mut self) -> Option<&mut dyn ListControl> {
        Some(&mut self.remote.list)
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let summary = self.summary(ui);
        let [top, rest] = Layout::vertical([
            Constraint::Length(summary.len() as u16 + 2),
            Constraint::Fill(1),
        ])
        .areas(area);
        let title = match self.scope {
            Scope::Resource(_) => " Resource details ",
            Scope::Vault(_) => " Backup vault ",
        };
        let block = Block::default()
            .borders(Borders::ALL)
            .border_style(ui.theme.border)
            .title(Span::styled(title, ui.theme.title));
        frame.render_widget(Paragraph::new(summary).block(block), top);
        let empty = match &self.scope {
            Scope::Resource(r) => format!("{} has no recovery points in {}.", r.name, self.region),
            Scope::Vault(v) => format!("Vault {} holds no recovery points.", v.name),
        };
        table::render_remote(frame, rest, "Recovery points", &self.remote, ui, &empty);
        if let Some(cursor) = self.menu {
            let lines: Vec<Line> = ACTIONS
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    Line::from(Span::styled(
                        format!(" {a} "),
                        if i == cursor {
                            ui.theme.selected
                        } else {
                            ui.theme.title
                        },
                    ))
                })
                .collect();
            let rect = Rect::new(
                rest.x + 4,
                rest.y + 2,
                26.min(rest.width),
                (ACTIONS.len() as u16 + 2).min(rest.height),
            );
            frame.render_widget(ratatui::widgets::Clear, rect);
            let block = Block::default()
                .borders(Borders::ALL)
                .border_style(ui.theme.title)
                .title(" Actions ");
            frame.render_widget(Paragraph::new(lines).block(block), rect);
        }
    }
}

/// The protected resource a recovery point was made of (for an on-demand backup of it).
pub fn resource_of(rp: &RecoveryPoint) -> ProtectedResource {
    ProtectedResource {
        arn: rp.resource_arn.clone(),
        resource_type: rp.resource_type.clone(),
        name: rp.resource_name.clone(),
        description: None,
        last_backup: None,
        last_backup_vault_arn: None,
        last_recovery_point_arn: None,
    }
}

/// Opens the restore wizard for `rp`, or says why it cannot be restored.
pub fn restore_or_explain(rp: RecoveryPoint, region: &str, ctx: &mut Ctx) -> Nav {
    match crate::wizard::why_not_restorable(&rp) {
        Some(reason) => Nav::Notice {
            text: reason,
            is_error: true,
        },
        None => Nav::Push(Box::new(RestoreScreen::new(rp, region, ctx))),
    }
}

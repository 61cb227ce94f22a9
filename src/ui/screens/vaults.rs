//! Backup vaults of the Region; Enter lists a vault's recovery points.

use super::{LIST_HINTS, Nav, RecoveryPointsScreen, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::BackupVault;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::ListControl;
use crate::palette::Section;
use crate::remote::{Ctx, RemoteList};
use crate::ui::UiCtx;
use crate::ui::rows::VAULT_COLUMNS;
use crate::ui::widgets::table;
use ratatui::Frame;
use ratatui::layout::Rect;

pub struct VaultsScreen {
    region: String,
    remote: RemoteList<BackupVault>,
}

impl VaultsScreen {
    pub fn new(region: &str) -> Self {
        VaultsScreen {
            region: region.to_string(),
            remote: RemoteList::new(
                VAULT_COLUMNS,
                None,
                Query::BackupVaults {
                    region: region.to_string(),
                },
            ),
        }
    }
}

impl Screen for VaultsScreen {
    fn section(&self) -> Section {
        Section::Vaults
    }

    fn crumb(&self) -> String {
        "Backup vaults".to_string()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::List]
    }

    fn hints(&self) -> &'static [Command] {
        LIST_HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.remote.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Open => {
                if let Some(vault) = self.remote.list.selected() {
                    return Nav::Push(Box::new(RecoveryPointsScreen::for_vault(
                        vault.clone(),
                        &self.region,
                    )));
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
        if let Loaded::Vaults(rows) = data {
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
        let empty = format!("No backup vaults in {}.", self.region);
        table::render_remote(
            frame,
            area,
            &format!("Backup vaults in {}", self.region),
            &self.remote,
            ui,
            &empty,
        );
    }
}

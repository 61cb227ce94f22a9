//! What follows an accepted change: where the user goes, and the jobs followed to their end
//! from anywhere (announced in the footer and kept in the messages panel).

use super::{App, Nav, owner};
use crate::action::{Loaded, RequestId};
use crate::backend::BackendError;
use crate::effect::Effect;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::screens;
use crate::wizard::After;

impl App {
    /// A change was answered: the screen that sent it says where to go (a restore job is
    /// followed on the Restore jobs tab).
    pub(super) fn on_submitted(
        &mut self,
        req: RequestId,
        result: Result<String, BackendError>,
        effects: &mut Vec<Effect>,
    ) {
        let region = self.region.clone();
        let Some(screen) = owner(&mut self.stack, req) else {
            tracing::warn!(req, "an answer for a screen that is gone");
            return;
        };
        let mut ctx = Ctx::new(&region, &self.session, &mut self.next_req, effects);
        let after = screen.on_submitted(req, &result, &mut ctx);
        if let Err(error) = &result {
            self.record_error(error);
        }
        match after {
            Some(After::Job {
                job,
                section,
                notice,
            }) => {
                tracing::info!(id = %job.id, region = %job.region, kind = ?job.kind, "job started");
                self.go_to(job.region.clone(), section, effects);
                self.next_req += 1;
                effects.push(self.tracker.track(job, self.next_req));
                self.notify(notice, false);
            }
            Some(After::Follow(job)) => {
                self.next_req += 1;
                effects.push(self.tracker.track(job, self.next_req));
            }
            Some(After::Go {
                region,
                section,
                notice,
            }) => {
                tracing::info!(%region, ?section, %notice, "change accepted");
                // A change of Region is never silent: every list and the jobs now show it.
                let text = if self.go_to(region, section, effects) {
                    format!("Switched to {}: {notice}", self.region)
                } else {
                    notice
                };
                self.notify(text, false);
            }
            Some(After::Plan {
                region,
                plan,
                notice,
            }) => {
                tracing::info!(%region, plan = %plan.id, version = %plan.version_id, "plan updated");
                self.go_to(region, Section::Plans, effects);
                let page = screens::plan_screen(plan, &self.region, &self.account.account_id);
                self.navigate(Nav::Push(page), effects);
                self.notify(notice, false);
            }
            None => {}
        }
    }

    /// A followed job's new state: a restore job is shown in the jobs list; the end of any
    /// job (and a Batch job's wait for confirmation) is announced wherever the user is.
    pub(super) fn on_tracked_job(
        &mut self,
        req: RequestId,
        data: Loaded,
        effects: &mut Vec<Effect>,
    ) {
        if let Loaded::RestoreJob(job) = &data {
            for screen in &mut self.stack {
                screen.upsert_restore_job(job);
            }
        }
        self.next_req += 1;
        let (said, poll) = self.tracker.on_reply(req, &data, self.next_req);
        effects.extend(poll);
        if let Some(said) = said {
            if said.ended && self.bell {
                effects.push(Effect::Bell);
            }
            self.notify(said.text, said.is_error);
        }
    }
}

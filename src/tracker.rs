//! Follows the jobs this run started (backup, restore, copy, Batch) to their end, wherever the
//! user is: polls each with back-off and says when it ends, or when a Batch job waits for
//! its confirmation.

use crate::action::{Loaded, RequestId};
use crate::domain::batch::JobStatus;
use crate::domain::{BackupJobState, CopyJobState, RestoreJobStatus};
use crate::effect::{Effect, Query};
use std::time::Duration;

/// The first poll comes this long after the start; each later one waits twice as long.
const FIRST_POLL: Duration = Duration::from_secs(1);
const MAX_POLL: Duration = Duration::from_secs(30);

/// The wait before poll number `polls` (0-based): 1 s, 2 s, 4 s … at most 30 s.
pub fn backoff(polls: u32) -> Duration {
    FIRST_POLL
        .saturating_mul(1u32 << polls.min(5))
        .min(MAX_POLL)
}

/// Which kind of job, so the right Describe call follows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum JobKind {
    Backup,
    Restore,
    Copy,
    Batch,
}

impl JobKind {
    pub fn noun(self) -> &'static str {
        match self {
            JobKind::Backup => "Backup job",
            JobKind::Restore => "Restore job",
            JobKind::Copy => "Copy job",
            JobKind::Batch => "Batch job",
        }
    }
}

/// A job to follow: what kind, where, which.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Followed {
    pub kind: JobKind,
    pub region: String,
    pub id: String,
}

impl Followed {
    fn query(&self) -> Query {
        let (region, job_id) = (self.region.clone(), self.id.clone());
        match self.kind {
            JobKind::Backup => Query::DescribeBackupJob { region, job_id },
            JobKind::Restore => Query::DescribeRestoreJob { region, job_id },
            JobKind::Copy => Query::DescribeCopyJob { region, job_id },
            JobKind::Batch => Query::DescribeBatchJob { region, job_id },
        }
    }

    /// `Backup job 1A2B3C4D` (the first block of a UUID, enough to tell jobs apart).
    fn label(&self) -> String {
        format!("{} {}", self.kind.noun(), short_id(&self.id))
    }
}

/// A UUID's first block (`F91A6AFE`), enough to tell this run's jobs apart in an 80-column
/// footer; any other id whole. The messages panel and the jobs tabs have the whole id.
pub fn short_id(id: &str) -> &str {
    let blocks: Vec<&str> = id.split('-').collect();
    let uuid = id.len() == 36 && blocks.iter().map(|b| b.len()).eq([8, 4, 4, 4, 12]);
    if uuid { blocks[0] } else { id }
}

/// What a poll says the user should hear.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Announcement {
    pub text: String,
    pub is_error: bool,
    /// The job has ended, or waits for the user (the bell rings for these).
    pub ended: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Tracked {
    job: Followed,
    polls: u32,
    req: RequestId,
}

/// Jobs this run started and has not yet seen end.
#[derive(Debug, Default)]
pub struct JobTracker {
    jobs: Vec<Tracked>,
}

/// Where a job stands, from its kind's own answer.
enum Standing {
    Going,
    /// A Batch job prepared and waiting for the user's confirmation.
    AwaitsConfirmation,
    Ended {
        text: String,
        is_error: bool,
    },
}

fn standing(data: &Loaded) -> Option<Standing> {
    let ended = |status: &str, ok: bool, detail: Option<String>| Standing::Ended {
        text: match detail {
            Some(detail) if !detail.is_empty() => format!("{status}: {detail}"),
            _ => status.to_string(),
        },
        is_error: !ok,
    };
    Some(match data {
        Loaded::BackupJob(job) => match job.state {
            BackupJobState::Completed => ended(
                "COMPLETED",
                true,
                // The point's first block and its vault: short enough for the footer.
                job.recovery_point_arn.as_ref().map(|arn| {
                    let id = last_segment(arn);
                    let short = id.split('-').next().unwrap_or(id);
                    format!("recovery point {short} in {}", job.vault_name)
                }),
            ),
            BackupJobState::Aborted
            | BackupJobState::Failed
            | BackupJobState::Expired
            | BackupJobState::Partial => ended(
                job.state.api_name(),
                false,
                job.status_message.as_ref().map(|m| m.to_string()),
            ),
            _ => Standing::Going,
        },
        Loaded::RestoreJob(job) if job.status.is_final() => {
            let ok = job.status == RestoreJobStatus::Completed;
            let detail = match (&job.status_message, &job.created_resource_arn) {
                (Some(message), _) => Some(message.to_string()),
                (None, Some(created)) => Some(format!(
                    "created {}",
                    crate::domain::resource::arn_resource_id(created)
                )),
                _ => None,
            };
            ended(job.status.api_name(), ok, detail)
        }
        Loaded::RestoreJob(_) => Standing::Going,
        Loaded::CopyJob(job) => match job.state {
            CopyJobState::Completed => ended(
                "COMPLETED",
                true,
                Some(format!(
                    "copied to {}",
                    last_segment(&job.destination_vault_arn)
                )),
            ),
            CopyJobState::Failed | CopyJobState::Partial => ended(
                job.state.api_name(),
                false,
                job.status_message.as_ref().map(|m| m.to_string()),
            ),
            _ => Standing::Going,
        },
        Loaded::BatchJob(job) => match job.status {
            JobStatus::Suspended => Standing::AwaitsConfirmation,
            JobStatus::Complete => ended(
                "Complete",
                job.tasks_failed.unwrap_or(0) == 0,
                job.tasks_total.map(|total| {
                    format!(
                        "{} of {total} objects replicated, {} failed",
                        job.tasks_succeeded.unwrap_or(0),
                        job.tasks_failed.unwrap_or(0)
                    )
                }),
            ),
            JobStatus::Failed | JobStatus::Cancelled => {
                let reason = job
                    .failure_reasons
                    .first()
                    .map(|(code, reason)| format!("{code}: {reason}"))
                    .or_else(|| job.status_update_reason.as_ref().map(|r| r.to_string()));
                ended(&job.status.to_string(), false, reason)
            }
            _ => Standing::Going,
        },
        _ => return None,
    })
}

/// The name at the end of an ARN (`…:backup-vault:archive` → `archive`).
fn last_segment(arn: &str) -> &str {
    arn.rsplit([':', '/']).next().unwrap_or(arn)
}

impl JobTracker {
    /// Starts following `job`; `req` is the id for its first poll.
    pub fn track(&mut self, job: Followed, req: RequestId) -> Effect {
        let query = job.query();
        self.jobs.push(Tracked { job, polls: 0, req });
        Effect::Poll {
            req,
            query,
            after: backoff(0),
        }
    }

    pub fn owns(&self, req: RequestId) -> bool {
        self.jobs.iter().any(|t| t.req == req)
    }

    pub fn is_empty(&self) -> bool {
        self.jobs.is_empty()
    }

    /// A poll answered: what to announce, if anything, and the next poll (under `next_req`)
    /// unless the job has ended.
    pub fn on_reply(
        &mut self,
        req: RequestId,
        data: &Loaded,
        next_req: RequestId,
    ) -> (Option<Announcement>, Option<Effect>) {
        let Some(index) = self.jobs.iter().position(|t| t.req == req) else {
            return (None, None);
        };
        let label = self.jobs[index].job.label();
        match standing(data) {
            Some(Standing::Ended { text, is_error }) => {
                self.jobs.remove(index);
                let text = format!("{label} {text}");
                let ended = true;
                (
                    Some(Announcement {
                        text,
                        is_error,
                        ended,
                    }),
                    None,
                )
            }
            // It waits for the user, maybe for days: said once, and no longer polled (a
            // confirmation sent from its page follows it again).
            Some(Standing::AwaitsConfirmation) => {
                self.jobs.remove(index);
                let said = Announcement {
                    text: format!("{label} awaits your confirmation: open it on :batch, then c."),
                    is_error: false,
                    ended: true,
                };
                (Some(said), None)
            }
            _ => (None, Some(self.reschedule(index, next_req))),
        }
    }

    /// A poll failed (throttling, network): try again later, backing off the same way.
    pub fn on_failure(&mut self, req: RequestId, next_req: RequestId) -> Option<Effect> {
        let index = self.jobs.iter().position(|t| t.req == req)?;
        Some(self.reschedule(index, next_req))
    }

    fn reschedule(&mut self, index: usize, next_req: RequestId) -> Effect {
        let tracked = &mut self.jobs[index];
        tracked.polls += 1;
        tracked.req = next_req;
        Effect::Poll {
            req: next_req,
            query: tracked.job.query(),
            after: backoff(tracked.polls),
        }
    }
}

#[cfg(test)]
mod tests;

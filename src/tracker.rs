//! Follows started restore jobs to their end: polls with back-off, reports when each finishes.

use crate::action::RequestId;
use crate::domain::RestoreJob;
use crate::effect::{Effect, Query};
use std::time::Duration;

/// The first poll comes this long after the start; each later one waits twice as long.
const FIRST_POLL: Duration = Duration::from_secs(1);
const MAX_POLL: Duration = Duration::from_secs(30);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Tracked {
    region: String,
    job_id: String,
    polls: u32,
    req: RequestId,
}

/// Restore jobs this session started and has not yet seen end.
#[derive(Debug, Default)]
pub struct JobTracker {
    jobs: Vec<Tracked>,
}

/// The wait before poll number `polls` (0-based): 1 s, 2 s, 4 s … at most 30 s.
pub fn backoff(polls: u32) -> Duration {
    FIRST_POLL
        .saturating_mul(1u32 << polls.min(5))
        .min(MAX_POLL)
}

impl JobTracker {
    /// Starts following `job_id`; `req` is the id for its first poll.
    pub fn track(&mut self, region: &str, job_id: &str, req: RequestId) -> Effect {
        let query = Query::DescribeRestoreJob {
            region: region.into(),
            job_id: job_id.into(),
        };
        self.jobs.push(Tracked {
            region: region.into(),
            job_id: job_id.into(),
            polls: 0,
            req,
        });
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

    /// A poll answered: drops a finished job, or schedules the next poll under `next_req`.
    pub fn on_job(
        &mut self,
        req: RequestId,
        job: &RestoreJob,
        next_req: RequestId,
    ) -> Option<Effect> {
        let index = self.jobs.iter().position(|t| t.req == req)?;
        if job.status.is_final() {
            self.jobs.remove(index);
            return None;
        }
        Some(self.reschedule(index, next_req))
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
        let query = Query::DescribeRestoreJob {
            region: tracked.region.clone(),
            job_id: tracked.job_id.clone(),
        };
        Effect::Poll {
            req: next_req,
            query,
            after: backoff(tracked.polls),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn polls_back_off_to_thirty_seconds() {
        let waits: Vec<u64> = (0..8).map(|n| backoff(n).as_secs()).collect();
        assert_eq!(waits, vec![1, 2, 4, 8, 16, 30, 30, 30]);
    }

    #[test]
    fn only_its_own_replies_reschedule() {
        let mut t = JobTracker::default();
        let first = t.track("us-east-1", "J1", 7);
        assert!(
            matches!(first, Effect::Poll { req: 7, after, .. } if after == Duration::from_secs(1))
        );
        assert!(t.owns(7));
        assert_eq!(t.on_failure(99, 100), None);
        let again = t.on_failure(7, 8);
        assert!(
            matches!(again, Some(Effect::Poll { req: 8, after, .. }) if after == Duration::from_secs(2))
        );
        assert!(!t.owns(7) && t.owns(8));
    }
}

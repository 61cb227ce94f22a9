//! The header's count of failed copies in the current Region, taken from every complete
//! ListCopyJobs listing of that Region: the app's own (at start, on a Region change) and the
//! Copy jobs screen's loads and polls, so a copy failing while it is followed shows at once.

use crate::action::RequestId;
use crate::domain::{CopyJob, CopyJobState};
use crate::effect::{Effect, Query};

/// Listings counted at once; more only happen when screens are left mid-listing, and those
/// never finish, so the oldest is dropped.
const MAX_COUNTING: usize = 4;

#[derive(Debug, Default)]
pub struct FailedCopies {
    /// What the header shows; `None` until a listing of this Region has ended.
    count: Option<usize>,
    /// The app's own listing, while under way.
    own: Option<RequestId>,
    /// Listings under way, with the failures in their pages so far.
    counting: Vec<(RequestId, usize)>,
}

/// A copy that did not fully happen: FAILED, or PARTIAL (some of a composite resource's
/// copies failed, so the destination lacks data just the same).
fn is_failed(job: &CopyJob) -> bool {
    matches!(job.state, CopyJobState::Failed | CopyJobState::Partial)
}

impl FailedCopies {
    pub fn count(&self) -> Option<usize> {
        self.count
    }

    /// Forgets what was counted (the Region changed) and lists `region`'s copy jobs as `req`.
    pub fn reload(&mut self, region: &str, req: RequestId) -> Effect {
        *self = FailedCopies {
            own: Some(req),
            ..FailedCopies::default()
        };
        Effect::Load {
            req,
            query: Query::CopyJobs {
                region: region.to_string(),
            },
        }
    }

    /// Whether `req` is the app's own listing (no screen waits for it).
    pub fn owns(&self, req: RequestId) -> bool {
        self.own == Some(req)
    }

    /// A page of a copy jobs listing of the current Region; the last one sets the count.
    pub fn observe(&mut self, req: RequestId, rows: &[CopyJob], done: bool) {
        let failed = rows.iter().filter(|j| is_failed(j)).count();
        let so_far = match self.counting.iter().position(|(r, _)| *r == req) {
            Some(i) => self.counting.remove(i).1,
            None => 0,
        } + failed;
        if done {
            self.count = Some(so_far);
            if self.own == Some(req) {
                self.own = None;
            }
        } else {
            if self.counting.len() == MAX_COUNTING {
                self.counting.remove(0);
            }
            self.counting.push((req, so_far));
        }
    }

    /// A listing failed: the count stays as it was (unknown, or the last one).
    pub fn forget(&mut self, req: RequestId) {
        self.counting.retain(|(r, _)| *r != req);
        if self.own == Some(req) {
            self.own = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ResourceType;

    fn job(state: CopyJobState) -> CopyJob {
        CopyJob {
            id: "J".into(),
            state,
            status_message: None,
            resource_arn: "arn".into(),
            resource_name: "r".into(),
            resource_type: ResourceType::S3,
            source_recovery_point_arn: "rp".into(),
            source_vault_arn: "v".into(),
            destination_vault_arn: "d".into(),
            destination_recovery_point_arn: None,
            created: time::OffsetDateTime::UNIX_EPOCH,
            completed: None,
            size_bytes: None,
            iam_role_arn: "role".into(),
        }
    }

    #[test]
    fn failed_and_partial_copies_count_once_every_page_arrived() {
        let mut f = FailedCopies::default();
        let effect = f.reload("us-east-1", 7);
        assert!(matches!(
            effect,
            Effect::Load { req: 7, query: Query::CopyJobs { ref region } } if region == "us-east-1"
        ));
        assert!(f.owns(7));
        f.observe(
            7,
            &[job(CopyJobState::Failed), job(CopyJobState::Running)],
            false,
        );
        assert_eq!(f.count(), None, "not before the last page");
        f.observe(
            7,
            &[job(CopyJobState::Partial), job(CopyJobState::Completed)],
            true,
        );
        assert_eq!(f.count(), Some(2));
        assert!(!f.owns(7));
        // A screen's poll finds the failure gone (the list ages out): the count follows.
        f.observe(9, &[job(CopyJobState::Completed)], true);
        assert_eq!(f.count(), Some(0));
    }

    #[test]
    fn a_failed_listing_keeps_the_last_count_and_a_new_region_forgets_it() {
        let mut f = FailedCopies::default();
        f.observe(3, &[job(CopyJobState::Failed)], true);
        f.observe(4, &[job(CopyJobState::Failed)], false);
        f.forget(4);
        assert_eq!(f.count(), Some(1));
        f.observe(4, &[], true);
        assert_eq!(
            f.count(),
            Some(0),
            "a forgotten listing starts again from zero"
        );
        f.reload("us-west-2", 5);
        assert_eq!(f.count(), None);
    }
}

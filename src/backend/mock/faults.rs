//! Faults a test (or `--demo` rehearsal) can inject into the mock account.

use crate::backend::{BackendError, ErrorKind};

/// The mock's operations, named as in the AWS API.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Operation {
    GetCallerIdentity,
    ListProtectedResources,
    ListRecoveryPointsByResource,
    ListBackupVaults,
    ListRecoveryPointsByBackupVault,
    DescribeRecoveryPoint,
    ListBackupJobs,
    DescribeBackupJob,
    ListRestoreJobs,
    ListCopyJobs,
    GetRecoveryPointRestoreMetadata,
    ListBuckets,
    ListKeys,
    ListRoles,
    ListTables,
    StartRestoreJob,
    DescribeRestoreJob,
    CreateBackupVault,
    StartCopyJob,
    DescribeCopyJob,
    ListBackupPlans,
    GetBackupPlan,
    CreateBackupPlan,
    DescribeRegionSettings,
    UpdateRegionSettings,
    GetBucketReplication,
    CreateBucket,
    PutBucketVersioning,
    PutBucketReplication,
    ListJobs,
    DescribeJob,
    CreateJob,
    UpdateJobStatus,
    UpdateJobPriority,
    /// Reading a completion report object.
    GetObject,
    CreateRole,
    PutRolePolicy,
    StartBackupJob,
    DeleteRecoveryPoint,
    UpdateBackupPlan,
}

impl Operation {
    /// The IAM action prefix of the operation (S3 Control's actions are `s3:` too).
    pub fn service(self) -> &'static str {
        match self {
            Operation::GetCallerIdentity => "sts",
            Operation::ListKeys => "kms",
            Operation::ListRoles | Operation::CreateRole | Operation::PutRolePolicy => "iam",
            Operation::ListTables => "dynamodb",
            Operation::ListBuckets
            | Operation::GetBucketReplication
            | Operation::CreateBucket
            | Operation::PutBucketVersioning
            | Operation::PutBucketReplication
            | Operation::ListJobs
            | Operation::DescribeJob
            | Operation::CreateJob
            | Operation::UpdateJobStatus
            | Operation::UpdateJobPriority
            | Operation::GetObject => "s3",
            _ => "backup",
        }
    }
}

/// A failure AWS (or the network) can produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    Throttled,
    AccessDenied,
    ExpiredCredentials,
    Timeout,
    Network,
}

impl Fault {
    /// The error AWS would return, worded as the real service words it, with AWS's code and
    /// a request id as AWS sends them.
    pub fn to_error(self, op: Operation) -> BackendError {
        let code = match self {
            Fault::Throttled => Some("ThrottlingException"),
            Fault::AccessDenied => Some("AccessDeniedException"),
            Fault::ExpiredCredentials => Some("ExpiredTokenException"),
            Fault::Timeout | Fault::Network => None,
        };
        let request_id = code.map(|_| "d3m0d3m0-0000-4000-8000-000000000001");
        let error = match self {
            Fault::Throttled => BackendError::new(ErrorKind::Throttled, "Rate exceeded"),
            Fault::AccessDenied => BackendError::new(
                ErrorKind::AccessDenied,
                format!(
                    "User: arn:aws:iam::123456789012:user/demo is not authorized to perform: \
                     {}:{op:?}",
                    op.service()
                ),
            ),
            Fault::ExpiredCredentials => BackendError::new(
                ErrorKind::ExpiredCredentials,
                "The security token included in the request is expired",
            ),
            Fault::Timeout => BackendError::new(
                ErrorKind::Timeout,
                "The operation timed out after 30 seconds",
            ),
            Fault::Network => BackendError::new(
                ErrorKind::Network,
                "error trying to connect: dns error: failed to lookup address information",
            ),
        };
        error.with_details(&format!("{op:?}"), code, request_id)
    }
}

/// One planned failure: which call, which page, how many times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FaultRule {
    pub op: Operation,
    /// `Some(n)`: only the call for page `n` (0 is the first page) fails.
    pub page: Option<usize>,
    pub fault: Fault,
    pub remaining: usize,
}

/// The queue of planned failures, consumed as calls match.
#[derive(Debug, Default)]
pub struct FaultPlan {
    rules: Vec<FaultRule>,
}

impl FaultPlan {
    pub fn push(&mut self, rule: FaultRule) {
        self.rules.push(rule);
    }

    /// The fault for this call, if one is planned; consumes one use of the rule.
    pub fn take(&mut self, op: Operation, page: usize) -> Option<Fault> {
        let index = self
            .rules
            .iter()
            .position(|r| r.op == op && r.page.is_none_or(|p| p == page))?;
        let rule = &mut self.rules[index];
        let fault = rule.fault;
        rule.remaining = rule.remaining.saturating_sub(1);
        if rule.remaining == 0 {
            self.rules.remove(index);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_fault_fires_only_on_its_page_and_only_as_often_as_planned() {
        let mut plan = FaultPlan::default();
        plan.push(FaultRule {
            op: Operation::ListBackupVaults,
            page: Some(1),
            fault: Fault::Timeout,
            remaining: 1,
        });
        assert_eq!(plan.take(Operation::ListBackupVaults, 0), None);
        assert_eq!(plan.take(Operation::ListCopyJobs, 1), None);
        assert_eq!(
            plan.take(Operation::ListBackupVaults, 1),
            Some(Fault::Timeout)
        );
        assert_eq!(plan.take(Operation::ListBackupVaults, 1), None);
    }
}

//! SDK interceptors every client carries: the `--read-only` allowlist and the retry watcher
//! that tells the screen a call is being retried (throttled, a 5xx, no answer).

use crate::backend::{BackendEvent, RetryReason};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::Intercept;
use aws_smithy_runtime_api::client::interceptors::context::{
    BeforeSerializationInterceptorContextMut, FinalizerInterceptorContextRef,
};
use aws_smithy_runtime_api::client::orchestrator::Metadata;
use aws_smithy_runtime_api::client::retries::RequestAttempts;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_types::config_bag::ConfigBag;
use tokio::sync::mpsc::UnboundedSender;

/// Every operation `--read-only` lets through, as (service, operation) in the SDK's own
/// names. Anything else is refused before it is signed or sent: an allowlist, so an
/// operation added later is blocked until someone decides it only reads.
pub const READ_ONLY_ALLOWLIST: &[(&str, &str)] = &[
    ("STS", "GetCallerIdentity"),
    ("Backup", "ListProtectedResources"),
    ("Backup", "DescribeProtectedResource"),
    ("Backup", "ListRecoveryPointsByResource"),
    ("Backup", "ListRecoveryPointsByBackupVault"),
    ("Backup", "DescribeRecoveryPoint"),
    ("Backup", "GetRecoveryPointRestoreMetadata"),
    ("Backup", "ListBackupVaults"),
    ("Backup", "DescribeBackupVault"),
    ("Backup", "ListBackupJobs"),
    ("Backup", "DescribeBackupJob"),
    ("Backup", "ListRestoreJobs"),
    ("Backup", "DescribeRestoreJob"),
    ("Backup", "ListCopyJobs"),
    ("Backup", "DescribeCopyJob"),
    ("Backup", "ListBackupPlans"),
    ("Backup", "GetBackupPlan"),
    ("Backup", "DescribeRegionSettings"),
    ("S3", "ListBuckets"),
    ("S3", "GetBucketVersioning"),
    ("S3", "GetBucketOwnershipControls"),
    ("S3", "GetBucketLocation"),
    ("S3", "GetBucketReplication"),
    ("S3", "ListObjectsV2"),
    // Reads completion reports (and nothing else) in this program.
    ("S3", "GetObject"),
    ("S3 Control", "ListJobs"),
    ("S3 Control", "DescribeJob"),
    ("KMS", "ListKeys"),
    ("KMS", "ListAliases"),
    ("KMS", "DescribeKey"),
    ("IAM", "ListRoles"),
    ("IAM", "GetRole"),
    ("DynamoDB", "ListTables"),
];

/// Whether `--read-only` allows `service`'s `operation`.
pub fn read_only_allows(service: &str, operation: &str) -> bool {
    READ_ONLY_ALLOWLIST
        .iter()
        .any(|(s, o)| *s == service && *o == operation)
}

/// The refusal the guard raises; `errors::classify` turns it into `ErrorKind::ReadOnly`.
#[derive(Debug)]
pub struct ReadOnlyRefusal {
    pub operation: String,
}

impl std::fmt::Display for ReadOnlyRefusal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is not allowed in a read-only session",
            self.operation
        )
    }
}

impl std::error::Error for ReadOnlyRefusal {}

/// Refuses every operation not on the allowlist, before anything is sent.
#[derive(Debug, Clone, Copy)]
pub struct ReadOnlyGuard;

impl Intercept for ReadOnlyGuard {
    fn name(&self) -> &'static str {
        "ReadOnlyGuard"
    }

    // Not `read_before_execution`: client interceptors run that before the operation's own
    // configuration (its name) is in the bag. And a `modify_` hook, not a `read_` one: after
    // a failing modify hook the SDK runs no other interceptor, so none sees the request.
    fn modify_before_serialization(
        &self,
        _context: &mut BeforeSerializationInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let (service, operation) = cfg
            .load::<Metadata>()
            .map(|m| (m.service().to_string(), m.name().to_string()))
            .unwrap_or_default();
        if read_only_allows(&service, &operation) {
            return Ok(());
        }
        tracing::warn!(%service, %operation, "read-only: request refused before sending");
        Err(Box::new(ReadOnlyRefusal { operation }))
    }
}

/// Watches each attempt's end; when the SDK will try again (AWS throttled, failed on its side
/// or did not answer), it says so, so a slow call is never silent.
#[derive(Debug, Clone)]
pub struct RetryWatch {
    pub events: UnboundedSender<BackendEvent>,
    pub max_attempts: u32,
}

/// Whether an HTTP answer is AWS throttling (429, or a throttling code in header or body).
pub fn is_throttling(status: u16, error_type: Option<&str>, body: Option<&[u8]>) -> bool {
    const MARKERS: [&str; 5] = [
        "Throttl",
        "TooManyRequests",
        "RequestLimitExceeded",
        "SlowDown",
        "ProvisionedThroughputExceeded",
    ];
    if status == 429 {
        return true;
    }
    if status < 400 {
        return false;
    }
    let in_header = error_type.is_some_and(|t| MARKERS.iter().any(|m| t.contains(m)));
    let in_body = body
        .map(String::from_utf8_lossy)
        .is_some_and(|b| MARKERS.iter().any(|m| b.contains(m)));
    in_header || in_body
}

/// Why an attempt that ended so will be retried by the SDK's standard strategy, if it will.
pub fn retry_reason(
    status: Option<u16>,
    throttled: bool,
    timed_out: bool,
    io: bool,
) -> Option<RetryReason> {
    match status {
        _ if throttled => Some(RetryReason::Throttled),
        Some(code @ (500 | 502 | 503 | 504)) => Some(RetryReason::ServerError(code)),
        Some(_) => None,
        None if timed_out => Some(RetryReason::NoAnswer),
        None if io => Some(RetryReason::Unreachable),
        None => None,
    }
}

impl Intercept for RetryWatch {
    fn name(&self) -> &'static str {
        "RetryWatch"
    }

    fn read_after_attempt(
        &self,
        context: &FinalizerInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let attempt = cfg.load::<RequestAttempts>().map_or(1, |a| a.attempts());
        if attempt >= self.max_attempts {
            return Ok(());
        }
        let response = context.response();
        let throttled = response.is_some_and(|r| {
            is_throttling(
                r.status().as_u16(),
                r.headers().get("x-amzn-errortype"),
                r.body().bytes(),
            )
        });
        let failure = match context.output_or_error() {
            Some(Err(error)) => Some(error),
            _ => None,
        };
        let timed_out = failure.is_some_and(|e| {
            e.is_timeout_error() || e.as_connector_error().is_some_and(|c| c.is_timeout())
        });
        let io = failure.is_some_and(|e| e.as_connector_error().is_some_and(|c| c.is_io()));
        let status = response.map(|r| r.status().as_u16());
        let Some(reason) = retry_reason(status, throttled, timed_out, io) else {
            return Ok(());
        };
        let operation = cfg
            .load::<Metadata>()
            .map(|m| m.name().to_string())
            .unwrap_or_default();
        tracing::info!(%operation, attempt, ?reason, "the SDK retries");
        let _ = self.events.send(BackendEvent::Retrying {
            operation,
            reason,
            attempt: attempt + 1,
            max: self.max_attempts,
        });
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_allowlist_lets_reads_through_and_nothing_else() {
        for read in [
            "ListProtectedResources",
            "DescribeCopyJob",
            "DescribeBackupJob",
            "ListBackupPlans",
            "GetBackupPlan",
            "DescribeRegionSettings",
        ] {
            assert!(read_only_allows("Backup", read), "Backup:{read}");
        }
        for (service, read) in [
            ("S3", "ListBuckets"),
            ("S3", "GetBucketReplication"),
            ("S3", "ListObjectsV2"),
            ("S3", "GetObject"),
            ("S3 Control", "ListJobs"),
            ("S3 Control", "DescribeJob"),
        ] {
            assert!(read_only_allows(service, read), "{service}:{read}");
        }
        for (service, write) in [
            ("Backup", "StartRestoreJob"),
            ("Backup", "StartCopyJob"),
            ("Backup", "CreateBackupVault"),
            ("Backup", "CreateBackupPlan"),
            ("Backup", "UpdateRegionSettings"),
            ("Backup", "StartBackupJob"),
            ("Backup", "DeleteRecoveryPoint"),
            ("Backup", "UpdateBackupPlan"),
            ("S3", "PutBucketReplication"),
            ("S3", "CreateBucket"),
            ("S3", "PutBucketVersioning"),
            ("S3 Control", "CreateJob"),
            ("S3 Control", "UpdateJobStatus"),
            ("S3 Control", "UpdateJobPriority"),
            ("IAM", "CreateRole"),
            ("IAM", "PutRolePolicy"),
            ("STS", "AssumeRole"),
        ] {
            assert!(!read_only_allows(service, write), "{service}:{write}");
        }
    }

    #[test]
    fn what_the_sdk_retries_is_said_and_nothing_else() {
        assert_eq!(
            retry_reason(Some(400), true, false, false),
            Some(RetryReason::Throttled)
        );
        assert_eq!(
            retry_reason(Some(503), false, false, false),
            Some(RetryReason::ServerError(503))
        );
        assert_eq!(
            retry_reason(Some(500), false, false, false),
            Some(RetryReason::ServerError(500))
        );
        assert_eq!(retry_reason(Some(400), false, false, false), None);
        assert_eq!(retry_reason(Some(501), false, false, false), None);
        assert_eq!(
            retry_reason(None, false, true, false),
            Some(RetryReason::NoAnswer)
        );
        assert_eq!(
            retry_reason(None, false, false, true),
            Some(RetryReason::Unreachable)
        );
        assert_eq!(retry_reason(None, false, false, false), None);
    }

    #[test]
    fn throttling_is_recognised_in_status_header_and_body() {
        assert!(is_throttling(429, None, None));
        assert!(is_throttling(
            400,
            Some("ThrottlingException:http://internal"),
            None
        ));
        assert!(is_throttling(
            503,
            None,
            Some(b"<Error><Code>SlowDown</Code></Error>")
        ));
        assert!(is_throttling(
            400,
            None,
            Some(br#"{"__type":"com.amazonaws.dynamodb#ProvisionedThroughputExceededException"}"#)
        ));
        assert!(!is_throttling(
            400,
            Some("ValidationException"),
            Some(b"{}")
        ));
        assert!(!is_throttling(
            200,
            None,
            Some(b"Throttling is a word in this body")
        ));
    }
}

//! Failures through real SDK calls on mocks: each AWS error class, throttling and read-only.

use super::restore::s3_item_request;
use super::{Harness, calls, collect, http_answer, ok_pages, retrying, throttled};
use crate::backend::{BackendError, BackupBackend, ErrorKind, Page};
use crate::domain::ProtectedResource;
use aws_sdk_backup::Client;
use aws_sdk_backup::operation::list_backup_vaults::ListBackupVaultsOutput;
use aws_sdk_backup::operation::list_protected_resources::ListProtectedResourcesOutput;
use aws_sdk_backup::operation::start_restore_job::StartRestoreJobOutput;
use aws_sdk_backup::types as bk;
use aws_smithy_mocks::{Rule, mock};

const ARN: &str = "arn:aws:s3:::acme-media";

fn one_resource() -> ListProtectedResourcesOutput {
    ListProtectedResourcesOutput::builder()
        .results(
            bk::ProtectedResource::builder()
                .resource_arn(ARN)
                .resource_type("S3")
                .build(),
        )
        .build()
}

/// ListProtectedResources answered by `rule`: every item the listing yields.
async fn list_with(rule: &Rule) -> (Vec<Result<Page<ProtectedResource>, BackendError>>, Harness) {
    let h = Harness::new(&[rule]);
    let results = collect(h.backend.list_protected_resources("us-east-1")).await;
    (results, h)
}

/// The one error a listing answered by `rule` ends with (and nothing before it).
async fn only_error(rule: &Rule) -> (BackendError, Harness) {
    let (mut results, h) = list_with(rule).await;
    assert_eq!(results.len(), 1, "one item: the error");
    let error = results.remove(0).expect_err("the listing fails");
    (error, h)
}

/// A rule answering ListProtectedResources with this HTTP answer on every attempt.
fn answering(status: u16, error_type: Option<&'static str>, body: &'static str) -> Rule {
    mock!(Client::list_protected_resources)
        .then_http_response(move || http_answer(status, error_type, body))
}

#[tokio::test]
async fn access_denied_names_the_action() {
    let rule = answering(
        403,
        Some("AccessDeniedException"),
        r#"{"Message":"User: arn:aws:iam::123456789012:user/ops is not authorized to perform this action"}"#,
    );
    let (error, _h) = only_error(&rule).await;
    assert_eq!(error.kind, ErrorKind::AccessDenied);
    assert!(
        error.message.contains("backup:ListProtectedResources"),
        "{}",
        error.message
    );
    assert!(
        error.message.contains("user/ops is not authorized"),
        "{}",
        error.message
    );
    assert_eq!(rule.num_calls(), 1, "not retried");
}

#[tokio::test]
async fn a_refusal_carries_its_operation_code_and_request_id() {
    let rule = mock!(Client::list_protected_resources).then_http_response(|| {
        let mut answer = http_answer(
            403,
            Some("AccessDeniedException"),
            r#"{"Message":"not authorized"}"#,
        );
        answer
            .headers_mut()
            .insert("x-amzn-RequestId", "7d1e2f3a-0000-4b8e-a1c2-5e6f7a8b9c0d");
        answer
    });
    let (error, _h) = only_error(&rule).await;
    assert_eq!(error.operation.as_deref(), Some("ListProtectedResources"));
    assert_eq!(error.code.as_deref(), Some("AccessDeniedException"));
    assert_eq!(
        error.request_id.as_deref(),
        Some("7d1e2f3a-0000-4b8e-a1c2-5e6f7a8b9c0d")
    );
}

#[tokio::test]
async fn a_server_error_once_is_retried_with_its_status_said() {
    let rule = mock!(Client::list_protected_resources)
        .sequence()
        .http_response(|| {
            http_answer(
                503,
                Some("ServiceUnavailableException"),
                r#"{"message":"busy"}"#,
            )
        })
        .output(one_resource)
        .build();
    let mut h = Harness::new(&[&rule]);
    let pages = ok_pages(h.backend.list_protected_resources("us-east-1")).await;
    assert_eq!(pages.len(), 1);
    assert_eq!(rule.num_calls(), 2);
    assert_eq!(
        h.drain_events(),
        [crate::backend::BackendEvent::Retrying {
            operation: "ListProtectedResources".into(),
            reason: crate::backend::RetryReason::ServerError(503),
            attempt: 2,
            max: super::MAX_ATTEMPTS,
        }]
    );
}

#[tokio::test]
async fn an_expired_token_says_to_refresh_the_credentials() {
    let rule = answering(
        403,
        Some("ExpiredTokenException"),
        r#"{"message":"The security token included in the request is expired"}"#,
    );
    let (error, _h) = only_error(&rule).await;
    assert_eq!(error.kind, ErrorKind::ExpiredCredentials);
    assert!(error.message.contains("is expired"), "{}", error.message);
    assert!(error.message.contains("aws sso login"), "{}", error.message);
}

#[tokio::test]
async fn unrecognised_keys_are_an_auth_failure() {
    let rule = answering(
        403,
        Some("UnrecognizedClientException"),
        r#"{"message":"The security token included in the request is invalid."}"#,
    );
    let (error, _h) = only_error(&rule).await;
    assert_eq!(error.kind, ErrorKind::Auth);
    assert!(
        error
            .message
            .contains("security token included in the request is invalid"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn throttling_on_every_attempt_is_retried_then_reported() {
    let rule = mock!(Client::list_protected_resources).then_http_response(throttled);
    let (error, mut h) = only_error(&rule).await;
    assert_eq!(error.kind, ErrorKind::Throttled);
    assert_eq!(error.message, "Rate exceeded");
    assert_eq!(rule.num_calls(), 3, "the SDK tried max_attempts times");
    assert_eq!(
        h.drain_events(),
        [
            retrying("ListProtectedResources", 2),
            retrying("ListProtectedResources", 3)
        ],
        "one notice per retry, none after the last attempt"
    );
}

#[tokio::test]
async fn throttled_once_then_the_listing_succeeds() {
    let rule = mock!(Client::list_protected_resources)
        .sequence()
        .http_response(throttled)
        .output(one_resource)
        .build();
    let h = Harness::new(&[&rule]);
    let pages = ok_pages(h.backend.list_protected_resources("us-east-1")).await;
    assert_eq!(pages.len(), 1);
    assert_eq!(pages[0].items[0].arn.as_str(), ARN);
    assert_eq!(rule.num_calls(), 2);
    let mut h = h;
    assert_eq!(h.drain_events(), [retrying("ListProtectedResources", 2)]);
}

#[tokio::test]
async fn a_missing_resource_is_not_found() {
    let rule = mock!(Client::list_recovery_points_by_resource).then_http_response(|| {
        http_answer(
            404,
            Some("ResourceNotFoundException"),
            r#"{"Code":"ERROR_3506","Message":"Resource arn:aws:s3:::gone not found","Type":"User"}"#,
        )
    });
    let h = Harness::new(&[&rule]);
    let results = collect(
        h.backend
            .list_recovery_points_by_resource("us-east-1", "arn:aws:s3:::gone"),
    )
    .await;
    assert_eq!(results.len(), 1);
    let error = results.into_iter().next().unwrap().expect_err("fails");
    assert_eq!(error.kind, ErrorKind::NotFound);
    assert_eq!(error.message, "Resource arn:aws:s3:::gone not found");
}

#[tokio::test]
async fn an_invalid_parameter_keeps_the_message_aws_gave() {
    let message =
        "Invalid restore metadata: RestoreTime is only valid for continuous recovery points";
    let rule = mock!(Client::start_restore_job).then_http_response(move || {
        let body = format!(
            r#"{{"Code":"ERROR_2608","Context":"Metadata","Message":"{message}","Type":"User"}}"#
        );
        http_answer(400, Some("InvalidParameterValueException"), &body)
    });
    let h = Harness::new(&[&rule]);
    let error = h
        .backend
        .start_restore_job(&s3_item_request())
        .await
        .expect_err("refused");
    assert_eq!(error.kind, ErrorKind::InvalidInput);
    assert!(error.message.contains(message), "{}", error.message);
    assert_eq!(rule.num_calls(), 1, "not retried");
}

#[tokio::test]
async fn a_404_without_an_error_code_is_an_unimplemented_operation() {
    // What moto answers for an operation it lacks.
    let rule = answering(
        404,
        None,
        "<!doctype html><html><head><title>404 Not Found</title></head></html>",
    );
    let (error, _h) = only_error(&rule).await;
    assert_eq!(error.kind, ErrorKind::NotImplemented);
    assert!(
        error.message.contains("backup:ListProtectedResources"),
        "{}",
        error.message
    );
}

#[tokio::test]
async fn a_service_failure_is_retried_then_reported() {
    let rule = answering(
        500,
        Some("ServiceUnavailableException"),
        r#"{"Code":"ServiceUnavailable","Message":"The service is unavailable. Try again later.","Type":"Server"}"#,
    );
    let (error, mut h) = only_error(&rule).await;
    assert_eq!(error.kind, ErrorKind::Service);
    assert!(
        error.message.contains("The service is unavailable"),
        "{}",
        error.message
    );
    assert_eq!(rule.num_calls(), 3, "a 500 is transient: retried");
    let said: Vec<_> = h
        .drain_events()
        .into_iter()
        .map(|e| match e {
            crate::backend::BackendEvent::Retrying {
                reason, attempt, ..
            } => (reason, attempt),
            other => panic!("{other:?}"),
        })
        .collect();
    let server = crate::backend::RetryReason::ServerError(500);
    assert_eq!(said, [(server, 2), (server, 3)], "each retry is said");
}

#[tokio::test]
async fn a_failure_on_page_two_ends_the_listing_after_page_one() {
    let page_1 = mock!(Client::list_protected_resources)
        .match_requests(|i| i.next_token().is_none())
        .then_output(|| {
            let mut out = one_resource();
            out.next_token = Some("t1".into());
            out
        });
    let page_2 = mock!(Client::list_protected_resources)
        .match_requests(|i| i.next_token() == Some("t1"))
        .then_http_response(|| {
            http_answer(
                403,
                Some("AccessDeniedException"),
                r#"{"Message":"Access denied"}"#,
            )
        });
    let h = Harness::new(&[&page_1, &page_2]);
    let mut results = collect(h.backend.list_protected_resources("us-east-1")).await;
    assert_eq!(results.len(), 2, "page 1, then the error, then nothing");
    let error = results.pop().unwrap().expect_err("page 2 fails");
    assert_eq!(error.kind, ErrorKind::AccessDenied);
    let first = results.pop().unwrap().expect("page 1 arrives");
    assert_eq!(first.items[0].arn.as_str(), ARN);
    assert_eq!(first.next.as_deref(), Some("t1"));
    assert_eq!(calls(&[page_1, page_2]), [1, 1]);
}

#[tokio::test]
async fn read_only_refuses_a_restore_before_sending_but_still_lists() {
    let start = mock!(Client::start_restore_job).then_output(|| {
        StartRestoreJobOutput::builder()
            .restore_job_id("job-1")
            .build()
    });
    let vaults = mock!(Client::list_backup_vaults).then_output(|| {
        ListBackupVaultsOutput::builder()
            .backup_vault_list(
                bk::BackupVaultListMember::builder()
                    .backup_vault_name("main")
                    .build(),
            )
            .build()
    });
    let h = Harness::with(&[&start, &vaults], |s| s.read_only = true);
    assert!(h.backend.account().read_only);
    let result = h.backend.start_restore_job(&s3_item_request()).await;
    let error = result.expect_err("refused");
    assert_eq!(error.kind, ErrorKind::ReadOnly, "{}", error.message);
    assert!(
        error.message.contains("StartRestoreJob"),
        "{}",
        error.message
    );
    // Nothing reached the wire: no attempt got as far as `read_before_transmit`.
    assert!(h.sent().is_empty(), "nothing was transmitted");
    // The guard refuses in a `modify_` hook, so no later interceptor (the mock) saw it either.
    assert_eq!(start.num_calls(), 0);
    let pages = ok_pages(h.backend.list_backup_vaults("us-east-1")).await;
    assert_eq!(pages[0].items[0].name.as_str(), "main");
    assert_eq!(vaults.num_calls(), 1);
}

//! Tests of error classification: every class, from the status, code and message AWS sends.
use super::*;

const OP: Op = Op::new("backup", "ListProtectedResources");

fn caller() -> Caller {
    Caller {
        profile: Some("prod".into()),
        endpoint: None,
        ..Caller::default()
    }
}

fn answer(status: u16, code: Option<&str>, message: &str) -> BackendError {
    classify_response(OP, &caller(), Some(status), code, message)
}

#[test]
fn throttling_by_code_or_status() {
    assert_eq!(
        answer(400, Some("ThrottlingException"), "Rate exceeded").kind,
        ErrorKind::Throttled
    );
    assert_eq!(answer(503, Some("SlowDown"), "").kind, ErrorKind::Throttled);
    assert_eq!(answer(429, None, "").kind, ErrorKind::Throttled);
}

#[test]
fn access_denied_names_the_action() {
    let e = answer(
        400,
        Some("AccessDeniedException"),
        "User: arn:aws:iam::1:user/x is not authorized",
    );
    assert_eq!(e.kind, ErrorKind::AccessDenied);
    assert!(
        e.message
            .starts_with("backup:ListProtectedResources was denied")
    );
    assert!(e.message.contains("not authorized"));
}

#[test]
fn expired_and_invalid_keys_are_told_apart() {
    let e = answer(
        400,
        Some("ExpiredTokenException"),
        "The security token is expired",
    );
    assert_eq!(e.kind, ErrorKind::ExpiredCredentials);
    assert!(e.message.contains("aws sso login --profile prod"));
    let e = answer(403, Some("UnrecognizedClientException"), "bad token");
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(e.message.contains("rejected the access keys"));
    assert_eq!(
        answer(403, Some("InvalidClientTokenId"), "").kind,
        ErrorKind::Auth
    );
}

#[test]
fn not_found_invalid_input_and_service_errors() {
    assert_eq!(
        answer(404, Some("ResourceNotFoundException"), "no vault").kind,
        ErrorKind::NotFound
    );
    let e = answer(
        400,
        Some("InvalidParameterValueException"),
        "Invalid restore metadata: DestinationBucketName",
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(
        e.message
            .contains("Invalid restore metadata: DestinationBucketName")
    );
    let e = answer(500, Some("ServiceUnavailableException"), "try later");
    assert_eq!(e.kind, ErrorKind::Service);
    assert!(e.kind.is_retryable());
}

#[test]
fn a_404_without_an_error_code_is_an_unimplemented_operation() {
    // moto answers operations it lacks with an HTML 404 page: no AWS error code at all.
    let e = answer(404, None, "");
    assert_eq!(e.kind, ErrorKind::NotImplemented);
    assert!(
        e.message
            .contains("does not implement backup:ListProtectedResources")
    );
}

#[test]
fn a_bare_server_error_from_a_custom_endpoint_is_an_unimplemented_operation() {
    // moto answers UpdateBackupPlan, which it lacks, with an HTML 500 page and no error code.
    let update_plan = Op::new("backup", "UpdateBackupPlan");
    let emulator = Caller {
        profile: None,
        endpoint: Some("http://127.0.0.1:5000".into()),
        ..Caller::default()
    };
    let e = classify_response(update_plan, &emulator, Some(500), None, "");
    assert_eq!(e.kind, ErrorKind::NotImplemented);
    assert_eq!(
        e.message,
        "backup:UpdateBackupPlan failed at http://127.0.0.1:5000 with HTTP 500 and no AWS \
         error code: the endpoint does not seem to implement it"
    );
    // From AWS itself the same answer stays a service error that a retry may cure, and a
    // named server-side failure stays one whatever the endpoint.
    let aws = classify_response(update_plan, &caller(), Some(500), None, "");
    assert_eq!(aws.kind, ErrorKind::Service);
    let named = classify_response(
        update_plan,
        &emulator,
        Some(500),
        Some("ServiceUnavailableException"),
        "try later",
    );
    assert_eq!(named.kind, ErrorKind::Service);
}

#[test]
fn a_refused_deletion_keeps_the_reason_aws_gave() {
    let delete = Op::new("backup", "DeleteRecoveryPoint");
    for (code, message) in [
        (
            "InvalidRequestException",
            "Recovery point cannot be deleted: the backup vault is locked \
             (minimum retention 7 days)",
        ),
        (
            "InvalidResourceStateException",
            "Recovery point is in the state CREATING and cannot be deleted",
        ),
    ] {
        let e = classify_response(delete, &caller(), Some(400), Some(code), message);
        assert_eq!(e.kind, ErrorKind::InvalidInput, "{code}");
        assert_eq!(e.message, format!("{code}: {message}"));
        assert!(!e.kind.is_retryable(), "{code}: retrying cannot help");
    }
}

#[test]
fn a_name_that_exists_already_says_to_choose_another() {
    let create_plan = Op::new("backup", "CreateBackupPlan");
    let e = classify_response(
        create_plan,
        &caller(),
        Some(400),
        Some("AlreadyExistsException"),
        "Backup plan with the same plan document already exists",
    );
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert_eq!(
        e.message,
        "CreateBackupPlan refused: Backup plan with the same plan document already exists. \
         Choose another name."
    );
    let silent = classify_response(
        create_plan,
        &caller(),
        Some(400),
        Some("AlreadyExistsException"),
        "",
    );
    assert_eq!(
        silent.message,
        "CreateBackupPlan refused: it already exists. Choose another name."
    );
}

#[test]
fn a_request_the_sdk_cannot_build_is_invalid_input_naming_the_action() {
    let missing = BuildError::missing_field("rule_name", "required when building a rule");
    let e = not_built(Op::new("backup", "CreateBackupPlan"), &missing);
    assert_eq!(e.kind, ErrorKind::InvalidInput);
    assert!(
        e.message
            .starts_with("backup:CreateBackupPlan could not be built: "),
        "{}",
        e.message
    );
    assert!(e.message.contains("rule_name"), "{}", e.message);
}

#[test]
fn no_credentials_say_how_to_configure_them() {
    let e = credentials_error(
        &CredentialsError::not_loaded("no providers in chain provided credentials"),
        &caller(),
    );
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(
        e.message
            .contains("No AWS credentials found for profile prod")
    );
    assert!(e.message.contains("aws configure --profile prod"));
    assert!(e.message.contains("backup-tui --demo"));
}

#[test]
fn an_expired_sso_session_says_to_log_in_again() {
    let e = credentials_error(
        &CredentialsError::provider_error("the SSO token has expired and cannot be refreshed"),
        &caller(),
    );
    assert_eq!(e.kind, ErrorKind::ExpiredCredentials);
    assert!(e.message.contains("aws sso login --profile prod"));
}

#[test]
fn the_chain_text_keeps_every_level_once() {
    let inner = CredentialsError::not_loaded("no providers in chain provided credentials");
    let text = chain_text(&inner);
    assert!(text.contains("no providers in chain provided credentials"));
}

/// A caller with limits, for the timeout messages.
fn timing(endpoint: Option<&str>) -> Caller {
    Caller {
        endpoint: endpoint.map(str::to_string),
        region: "eu-west-1".into(),
        timeouts: Timeouts {
            connect: std::time::Duration::from_secs(3),
            attempt: std::time::Duration::from_secs(20),
            operation: std::time::Duration::from_secs(60),
        },
        max_attempts: 3,
        ..Caller::default()
    }
}

type ListError = aws_sdk_backup::operation::list_protected_resources::ListProtectedResourcesError;

#[test]
fn a_timeout_says_which_operation_where_and_how_long_it_waited() {
    let attempt: SdkError<ListError, Response> =
        SdkError::timeout_error("operation attempt timeout (single attempt) occurred after 20s");
    let e = classify(OP, &timing(None), &attempt);
    assert_eq!(e.kind, ErrorKind::Timeout);
    assert_eq!(
        e.message,
        "ListProtectedResources timed out: no answer from AWS in eu-west-1 within 20 s, on \
         each of 3 attempts."
    );
    assert_eq!(e.operation.as_deref(), Some("ListProtectedResources"));

    let whole: SdkError<ListError, Response> = SdkError::timeout_error(
        "operation timeout (all attempts including retries) occurred after 60s",
    );
    let e = classify(OP, &timing(Some("http://127.0.0.1:4566")), &whole);
    assert_eq!(
        e.message,
        "ListProtectedResources timed out: no complete answer from http://127.0.0.1:4566 \
         within 1 min, every attempt included."
    );

    let connect: SdkError<ListError, Response> = SdkError::dispatch_failure(
        aws_smithy_runtime_api::client::result::ConnectorError::timeout("connect timed out".into()),
    );
    let e = classify(OP, &timing(None), &connect);
    assert_eq!(
        e.message,
        "ListProtectedResources timed out: could not connect to AWS in eu-west-1 within 3 s."
    );
    assert!(e.kind.is_retryable(), "r retries a timeout");
}

/// Keys from `AWS_ACCESS_KEY_ID` (no `--profile`).
fn env_caller() -> Caller {
    Caller {
        profile: None,
        endpoint: None,
        env_keys: true,
        ..Caller::default()
    }
}

#[test]
fn rejected_keys_from_the_environment_say_so_and_never_suggest_aws_configure() {
    let e = classify_response(
        OP,
        &env_caller(),
        Some(403),
        Some("InvalidClientTokenId"),
        "The security token included in the request is invalid.",
    );
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(
        e.message
            .starts_with("AWS rejected the access keys from the environment (AWS_ACCESS_KEY_ID)"),
        "{}",
        e.message
    );
    let advice = e.advice();
    assert!(advice.contains("AWS_SECRET_ACCESS_KEY"), "{advice}");
    assert!(advice.contains("unset them to use a profile"), "{advice}");
    for wrong in ["aws configure", "aws sso login", "--profile"] {
        assert!(!e.to_string().contains(wrong), "{wrong}: {e}");
    }
    // The same answer for a profile's keys points at the profile instead.
    let e = answer(403, Some("InvalidClientTokenId"), "invalid");
    assert!(
        e.message
            .starts_with("AWS rejected the access keys of profile prod"),
        "{}",
        e.message
    );
    assert!(e.advice().contains("aws configure --profile prod"));
    assert!(!e.advice().contains("AWS_ACCESS_KEY_ID"));
}

#[test]
fn expired_keys_from_the_environment_need_fresh_ones_not_an_sso_login() {
    let e = classify_response(
        OP,
        &env_caller(),
        Some(400),
        Some("ExpiredTokenException"),
        "The security token included in the request is expired",
    );
    assert_eq!(e.kind, ErrorKind::ExpiredCredentials);
    assert!(e.message.contains("AWS_SESSION_TOKEN"), "{}", e.message);
    assert!(e.advice().contains("restart backup-tui"), "{}", e.advice());
    assert!(!e.to_string().contains("sso"), "{e}");
    // A profile's expired session keeps the SSO advice.
    let e = answer(400, Some("ExpiredTokenException"), "expired");
    assert!(e.to_string().contains("aws sso login"), "{e}");
}

#[test]
fn no_credentials_with_an_access_key_set_is_about_its_missing_secret() {
    let e = credentials_error(
        &CredentialsError::not_loaded("no providers in chain provided credentials"),
        &env_caller(),
    );
    assert_eq!(e.kind, ErrorKind::Auth);
    assert!(
        e.message
            .starts_with("AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is empty or missing"),
        "{}",
        e.message
    );
    assert!(!e.to_string().contains("aws configure"), "{e}");
    assert!(e.advice().contains("backup-tui --demo"));
}

#[test]
fn a_failing_instance_metadata_service_at_the_end_of_the_chain_means_no_credentials() {
    // What the default chain returns when IMDS, asked last, answers 403 or 500 or times out:
    // a provider error, not CredentialsNotLoaded.
    for imds in [
        "failed to load IMDS session token: request forbidden",
        "error response from IMDS (code: 500)",
        "an IO error occurred communicating with IMDS: timed out",
    ] {
        let e = credentials_error(&CredentialsError::provider_error(imds), &caller());
        assert_eq!(e.kind, ErrorKind::Auth, "{imds}");
        assert!(
            e.message
                .starts_with("No AWS credentials found for profile prod"),
            "{imds}: {}",
            e.message
        );
        assert!(e.message.contains("backup-tui --demo"), "{imds}");
        assert!(!e.message.contains(imds), "the raw chain is not shown");
    }
    // Other provider failures keep their own words.
    let e = credentials_error(
        &CredentialsError::provider_error("credential_process exited with 1"),
        &caller(),
    );
    assert!(
        e.message.contains("credential_process exited"),
        "{}",
        e.message
    );
}

#[test]
fn an_identity_load_that_ran_out_of_time_is_a_timeout_not_a_network_failure() {
    use aws_sdk_backup::operation::list_backup_vaults::ListBackupVaultsError;
    use aws_smithy_runtime_api::client::result::ConnectorError;
    // What every call reported when an MFA code took more than the SDK's 5 s.
    let err: SdkError<ListBackupVaultsError, Response> = SdkError::dispatch_failure(
        ConnectorError::other("identity resolver timed out after 5s".into(), None),
    );
    let e = classify(OP, &caller(), &err);
    assert_eq!(e.kind, ErrorKind::Timeout, "{}", e.message);
    let err: SdkError<ListBackupVaultsError, Response> =
        SdkError::dispatch_failure(ConnectorError::other("connection refused".into(), None));
    assert_eq!(classify(OP, &caller(), &err).kind, ErrorKind::Network);
}

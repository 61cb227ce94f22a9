//! Classifies AWS SDK failures into `BackendError`s that say what happened and what to do.

use super::guard::ReadOnlyRefusal;
use super::timeouts::{Timeouts, waited};
use crate::backend::{BackendError, ErrorKind};
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_backup::error::{ProvideErrorMetadata, SdkError};
use aws_smithy_runtime_api::http::Response;
use aws_smithy_types::error::operation::BuildError;
use std::error::Error as StdError;

/// The call that failed, as IAM names its action (`backup:ListProtectedResources`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Op {
    pub service: &'static str,
    pub name: &'static str,
}

impl Op {
    pub const fn new(service: &'static str, name: &'static str) -> Op {
        Op { service, name }
    }

    pub fn action(self) -> String {
        format!("{}:{}", self.service, self.name)
    }
}

/// Who is calling, for advice that names the profile (`aws sso login --profile X`), and
/// where: a custom endpoint (an emulator) explains answers AWS itself never gives.
#[derive(Debug, Clone, Default)]
pub struct Caller {
    pub profile: Option<String>,
    /// `--endpoint-url` / `AWS_ENDPOINT_URL`; `None` for AWS's own endpoints.
    pub endpoint: Option<String>,
    /// The Region of the call (its endpoint's, when no custom endpoint is set).
    pub region: String,
    pub timeouts: Timeouts,
    pub max_attempts: u32,
    /// The keys come from `AWS_ACCESS_KEY_ID` (the environment wins over a profile unless
    /// `--profile` is given): advice then names the variables, never `aws configure`.
    pub env_keys: bool,
}

impl Caller {
    fn profile_flag(&self) -> String {
        match &self.profile {
            Some(p) => format!(" --profile {p}"),
            None => String::new(),
        }
    }

    /// Where a call was sent: the custom endpoint, else AWS in the call's Region.
    fn place(&self) -> String {
        match (&self.endpoint, self.region.as_str()) {
            (Some(endpoint), _) => endpoint.clone(),
            (None, "") => "AWS".to_string(),
            (None, region) => format!("AWS in {region}"),
        }
    }

    /// Says which limit a call that timed out hit, and how long it waited there.
    fn timed_out(&self, op: Op, limit: Limit) -> BackendError {
        let place = self.place();
        let message = match limit {
            Limit::Connect => format!(
                "{} timed out: could not connect to {place} within {}.",
                op.name,
                waited(self.timeouts.connect)
            ),
            Limit::Attempt => {
                let each = match self.max_attempts {
                    0 | 1 => String::new(),
                    n => format!(", on each of {n} attempts"),
                };
                format!(
                    "{} timed out: no answer from {place} within {}{each}.",
                    op.name,
                    waited(self.timeouts.attempt)
                )
            }
            Limit::Operation => format!(
                "{} timed out: no complete answer from {place} within {}, every attempt \
                 included.",
                op.name,
                waited(self.timeouts.operation)
            ),
        };
        BackendError::new(ErrorKind::Timeout, message)
    }
}

/// Which of the configured limits a call hit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Limit {
    Connect,
    Attempt,
    Operation,
}

/// Error codes AWS services use for each class (rest-json, XML and JSON protocols alike).
const THROTTLING: &[&str] = &[
    "ThrottlingException",
    "Throttling",
    "ThrottledException",
    "TooManyRequestsException",
    "RequestLimitExceeded",
    "SlowDown",
    "ProvisionedThroughputExceededException",
    "RequestThrottled",
    "RequestThrottledException",
];
const EXPIRED: &[&str] = &[
    "ExpiredToken",
    "ExpiredTokenException",
    "RequestExpired",
    "TokenRefreshRequired",
];
const BAD_KEYS: &[&str] = &[
    "UnrecognizedClientException",
    "InvalidClientTokenId",
    "InvalidAccessKeyId",
    "SignatureDoesNotMatch",
    "IncompleteSignature",
    "InvalidSignatureException",
    "AuthFailure",
    "MissingAuthenticationToken",
];
const DENIED: &[&str] = &[
    "AccessDeniedException",
    "AccessDenied",
    "UnauthorizedOperation",
    "AuthorizationError",
];
const NOT_FOUND: &[&str] = &[
    "ResourceNotFoundException",
    "NoSuchBucket",
    "NoSuchEntity",
    "NotFoundException",
    "NotFound",
    "NoSuchKey",
];
/// A create call named something that exists already (a vault or a plan name, an IAM role).
const ALREADY_EXISTS: &[&str] = &["AlreadyExistsException", "EntityAlreadyExists"];
const INVALID: &[&str] = &[
    "InvalidParameterValueException",
    "MissingParameterValueException",
    "InvalidRequestException",
    "ValidationException",
    "ValidationError",
    "InvalidParameterException",
    "InvalidRequest",
    "InvalidArgument",
    "InvalidResourceStateException",
    "LimitExceededException",
    "ConflictException",
    // S3 Control: the job's status does not allow the change (confirm a job not Suspended).
    "JobStatusException",
    "BadRequestException",
];

/// Classifies a failed call of `op`.
pub fn classify<E>(op: Op, caller: &Caller, err: &SdkError<E, Response>) -> BackendError
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    if find_source::<ReadOnlyRefusal>(err).is_some() {
        return BackendError::read_only(op.name);
    }
    let error = classify_kind(op, caller, err);
    // What an incident report needs: the call, AWS's code and the request id to quote.
    let request_id = match err {
        SdkError::ServiceError(_) | SdkError::ResponseError(_) => err
            .raw_response()
            .and_then(|r| {
                r.headers()
                    .get("x-amzn-requestid")
                    .or_else(|| r.headers().get("x-amz-request-id"))
                    .or_else(|| r.headers().get("x-amzn-request-id"))
            })
            .map(str::to_string),
        _ => None,
    };
    error.with_details(op.name, err.code(), request_id.as_deref())
}

fn classify_kind<E>(op: Op, caller: &Caller, err: &SdkError<E, Response>) -> BackendError
where
    E: ProvideErrorMetadata + StdError + 'static,
{
    match err {
        // The SDK says "operation attempt timeout" or "operation timeout".
        SdkError::TimeoutError(_) if chain_text(err).contains("attempt timeout") => {
            caller.timed_out(op, Limit::Attempt)
        }
        SdkError::TimeoutError(_) => caller.timed_out(op, Limit::Operation),
        SdkError::DispatchFailure(failure) => {
            if let Some(creds) = find_source::<CredentialsError>(err) {
                return credentials_error(creds, caller);
            }
            let detail = chain_text(err);
            if failure.is_timeout() {
                // No read timeout is set, so the connector's timeout is the connect limit.
                caller.timed_out(op, Limit::Connect)
            } else if detail.contains("timed out") {
                // The identity cache's own limit ("identity resolver timed out after 5s") is a
                // timeout too, though the connector did not report one.
                BackendError::new(ErrorKind::Timeout, format!("{}: {detail}", op.action()))
            } else {
                BackendError::new(
                    ErrorKind::Network,
                    format!("{} could not reach AWS: {detail}", op.action()),
                )
            }
        }
        SdkError::ConstructionFailure(_) => {
            if let Some(creds) = find_source::<CredentialsError>(err) {
                return credentials_error(creds, caller);
            }
            BackendError::new(
                ErrorKind::InvalidInput,
                format!("{} could not be built: {}", op.action(), chain_text(err)),
            )
        }
        _ => {
            let status = err.raw_response().map(|r| r.status().as_u16());
            let code = err.code();
            let message = err.message().unwrap_or_default().to_string();
            classify_response(op, caller, status, code, &message)
        }
    }
}

/// Classifies an answer AWS gave: its HTTP status, error code and message.
pub fn classify_response(
    op: Op,
    caller: &Caller,
    status: Option<u16>,
    code: Option<&str>,
    message: &str,
) -> BackendError {
    let is = |list: &[&str]| code.is_some_and(|c| list.contains(&c));
    let said = |fallback: &str| {
        if message.is_empty() {
            fallback.to_string()
        } else {
            message.to_string()
        }
    };
    if is(THROTTLING) || status == Some(429) {
        BackendError::new(ErrorKind::Throttled, said("Rate exceeded"))
    } else if is(EXPIRED) {
        expired_keys(
            caller,
            &said("The security token included in the request is expired."),
        )
    } else if is(BAD_KEYS) {
        rejected_keys(
            caller,
            &said("the security token included in the request is invalid"),
        )
    } else if is(DENIED) || status == Some(403) {
        BackendError::new(
            ErrorKind::AccessDenied,
            format!("{} was denied: {}", op.action(), said("Access denied")),
        )
    } else if status == Some(404) && code.is_none() {
        BackendError::new(
            ErrorKind::NotImplemented,
            format!("The endpoint does not implement {} (HTTP 404)", op.action()),
        )
    } else if let (Some(http @ 500..=599), None, Some(endpoint)) = (status, code, &caller.endpoint)
    {
        // AWS names every server-side failure; moto answers some operations it lacks
        // (UpdateBackupPlan) with a bare HTTP 500 page, which pressing retry will not fix.
        BackendError::new(
            ErrorKind::NotImplemented,
            format!(
                "{} failed at {endpoint} with HTTP {http} and no AWS error code: the endpoint \
                 does not seem to implement it",
                op.action()
            ),
        )
    } else if is(NOT_FOUND) || status == Some(404) {
        BackendError::new(ErrorKind::NotFound, said("Not found"))
    } else if is(ALREADY_EXISTS) {
        BackendError::new(
            ErrorKind::InvalidInput,
            format!(
                "{} refused: {}. Choose another name.",
                op.name,
                said("it already exists").trim_end_matches('.')
            ),
        )
    } else if is(INVALID) || matches!(status, Some(400..=499)) {
        let what = code.unwrap_or("Invalid request");
        BackendError::new(ErrorKind::InvalidInput, format!("{what}: {}", said(what)))
    } else {
        BackendError::new(
            ErrorKind::Service,
            format!(
                "{} failed ({}): {}",
                op.action(),
                code.map(str::to_string)
                    .or(status.map(|s| format!("HTTP {s}")))
                    .unwrap_or_else(|| "no answer".into()),
                said("no message")
            ),
        )
    }
}

/// AWS answered that the keys have expired. Keys from the environment cannot be refreshed
/// from here (the process keeps the environment it started with): they need a restart.
fn expired_keys(caller: &Caller, said: &str) -> BackendError {
    let said = said.trim_end_matches('.');
    if caller.env_keys {
        BackendError::new(
            ErrorKind::ExpiredCredentials,
            format!("{said}: the temporary keys in the environment (AWS_SESSION_TOKEN) expired."),
        )
        .with_advice(
            "Export fresh keys (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN), \
             then restart backup-tui.",
        )
    } else {
        BackendError::new(
            ErrorKind::ExpiredCredentials,
            format!(
                "{said}. Refresh the credentials (for SSO: aws sso login{}).",
                caller.profile_flag()
            ),
        )
    }
}

/// AWS does not know the keys (deleted, mistyped, or a session token missing).
fn rejected_keys(caller: &Caller, said: &str) -> BackendError {
    if caller.env_keys {
        return BackendError::new(
            ErrorKind::Auth,
            format!(
                "AWS rejected the access keys from the environment (AWS_ACCESS_KEY_ID): {said}"
            ),
        )
        .with_advice(
            "Export valid AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (plus AWS_SESSION_TOKEN for \
             temporary keys), or unset them to use a profile; then restart backup-tui.",
        );
    }
    let profile = caller.profile.as_deref().unwrap_or("default");
    BackendError::new(
        ErrorKind::Auth,
        format!("AWS rejected the access keys of profile {profile}: {said}"),
    )
    .with_advice(format!(
        "Fix the profile's keys (`aws configure{flag}`) or log in again (`aws sso login{flag}`), \
         then restart backup-tui.",
        flag = caller.profile_flag()
    ))
}

/// A request the SDK refused to build (a required member missing): nothing was sent.
pub fn not_built(op: Op, err: &BuildError) -> BackendError {
    BackendError::new(
        ErrorKind::InvalidInput,
        format!("{} could not be built: {err}", op.action()),
    )
}

/// Credentials that could not be loaded: none at all, an expired SSO session, or a bad
/// profile. The message says how to fix it.
pub fn credentials_error(err: &CredentialsError, caller: &Caller) -> BackendError {
    let detail = chain_text(err);
    let lower = detail.to_lowercase();
    let profile = caller.profile_flag();
    if lower.contains("sso") && (lower.contains("expired") || lower.contains("failed to load")) {
        return BackendError::new(
            ErrorKind::ExpiredCredentials,
            format!(
                "The SSO session has expired or was never started: run `aws sso login{profile}`, then press r."
            ),
        );
    }
    if lower.contains("no mfa code") {
        return BackendError::new(
            ErrorKind::Auth,
            "No MFA code was entered, so the role was not assumed: press r to be asked again.",
        );
    }
    // The default chain asks the EC2 instance metadata service last, so an error from it means
    // nothing before it (environment, files, SSO, containers) had credentials. Where IMDS
    // answers 403/500 or times out (containers, corporate networks) that is still "none".
    let imds_failed = detail.contains("IMDS");
    match err {
        CredentialsError::CredentialsNotLoaded(_) => not_loaded(caller),
        _ if imds_failed => not_loaded(caller),
        CredentialsError::ProviderTimedOut(_) => BackendError::new(
            ErrorKind::Timeout,
            format!("Loading the credentials took too long: {detail}"),
        ),
        CredentialsError::InvalidConfiguration(_) => BackendError::new(
            ErrorKind::Auth,
            format!("The AWS profile is not valid: {detail}"),
        ),
        _ if lower.contains("expired") => BackendError::new(
            ErrorKind::ExpiredCredentials,
            format!("The credentials have expired: {detail}"),
        ),
        _ => BackendError::new(
            ErrorKind::Auth,
            format!("The credentials could not be loaded: {detail}"),
        ),
    }
}

/// No credentials anywhere the SDK looks. With `AWS_ACCESS_KEY_ID` set that can only mean
/// its secret is missing, so the advice is about that variable, not about setting keys.
fn not_loaded(caller: &Caller) -> BackendError {
    if caller.env_keys {
        return BackendError::new(
            ErrorKind::Auth,
            "AWS_ACCESS_KEY_ID is set but AWS_SECRET_ACCESS_KEY is empty or missing, and no other \
             credentials were found.",
        )
        .with_advice(
            "Export AWS_SECRET_ACCESS_KEY too (or unset AWS_ACCESS_KEY_ID to use a profile), or \
             try `backup-tui --demo`.",
        );
    }
    let profile = caller.profile_flag();
    BackendError::new(
        ErrorKind::Auth,
        format!(
            "No AWS credentials found{} (environment, ~/.aws files, SSO, instance metadata). \
             Configure them (`aws configure{profile}`, `aws sso login{profile}`, or \
             AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY), or try `backup-tui --demo`.",
            caller
                .profile
                .as_deref()
                .map(|p| format!(" for profile {p}"))
                .unwrap_or_default()
        ),
    )
}

/// The first error of type `T` in `err`'s source chain.
fn find_source<'a, T: StdError + 'static>(err: &'a (dyn StdError + 'static)) -> Option<&'a T> {
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        if let Some(found) = e.downcast_ref::<T>() {
            return Some(found);
        }
        current = e.source();
    }
    None
}

/// Every message in the source chain, joined: the SDK's top-level text alone ("dispatch
/// failure") says too little.
pub fn chain_text(err: &(dyn StdError + 'static)) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&(dyn StdError + 'static)> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests;

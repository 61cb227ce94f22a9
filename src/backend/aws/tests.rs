//! Tests of AwsBackend against SDK-level mocks: shared helpers, the tests live in `tests/`.

/// Three mock rules answering pages 1 to 3 of `$op`, each matched on the request's `$token`
/// (none, "t1", "t2"). Page n is `$output`, with `$n` = n and `$next` = the token it hands out
/// ("t1", "t2", then none). Also returns every request the rules answered, in order.
macro_rules! three_pages {
    ($op:expr, $token:ident, |$n:ident, $next:ident| $output:expr) => {{
        let inputs = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let tokens: [(Option<&'static str>, Option<&'static str>); 3] = [
            (None, Some("t1")),
            (Some("t1"), Some("t2")),
            (Some("t2"), None),
        ];
        let rules: Vec<aws_smithy_mocks::Rule> = tokens
            .into_iter()
            .enumerate()
            .map(|(i, (want, next))| {
                let inputs = std::sync::Arc::clone(&inputs);
                aws_smithy_mocks::mock!($op)
                    .match_requests(move |input| input.$token() == want)
                    .then_compute_output(move |input| {
                        inputs.lock().unwrap().push(input.clone());
                        let $n: usize = i + 1;
                        let $next: Option<String> = next.map(str::to_string);
                        $output
                    })
            })
            .collect();
        (rules, inputs)
    }};
}

mod account_listings;
mod backup_listings;
mod backups_and_deletes;
mod batch;
mod copy_and_plans;
mod failures;
mod mfa_wait;
mod moto;
mod restore;

use super::{AwsBackend, AwsSettings};
use crate::backend::{BackendError, BackendEvent, Page, PageStream};
use aws_smithy_mocks::{MockResponseInterceptor, Rule, RuleMode, create_mock_http_client};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::BeforeTransmitInterceptorContextRef;
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::orchestrator::HttpResponse;
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::http::StatusCode;
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use futures::StreamExt;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// Attempts per call in these tests (the SDK's standard retry, 1 ms initial backoff).
const MAX_ATTEMPTS: u32 = 3;

/// An `AwsBackend` whose every client answers from mock rules, and the events it sends.
struct Harness {
    backend: AwsBackend,
    events: UnboundedReceiver<BackendEvent>,
    /// The URI and body of every attempt sent, in order.
    sent: Arc<Mutex<Vec<Sent>>>,
}

impl Harness {
    /// A backend over `rules` (any rule may answer any request it matches).
    fn new(rules: &[&Rule]) -> Harness {
        Harness::with(rules, |_| {})
    }

    /// The same, with `adjust` applied to the settings first (`read_only`, ...).
    fn with(rules: &[&Rule], adjust: impl FnOnce(&mut AwsSettings)) -> Harness {
        let mut mock = MockResponseInterceptor::new().rule_mode(RuleMode::MatchAny);
        for rule in rules {
            mock = mock.with_rule(rule);
        }
        let base = aws_config::SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new("us-east-1"))
            .credentials_provider(
                aws_credential_types::provider::SharedCredentialsProvider::new(
                    aws_credential_types::Credentials::new("AKID", "secret", None, None, "test"),
                ),
            )
            .http_client(create_mock_http_client())
            .sleep_impl(aws_smithy_async::rt::sleep::SharedAsyncSleep::new(
                aws_smithy_async::rt::sleep::TokioSleep::new(),
            ))
            .retry_config(
                aws_smithy_types::retry::RetryConfig::standard()
                    .with_max_attempts(MAX_ATTEMPTS)
                    .with_initial_backoff(Duration::from_millis(1)),
            )
            .build();
        let (tx, events) = tokio::sync::mpsc::unbounded_channel();
        let mut settings = AwsSettings::new("us-east-1");
        settings.max_attempts = MAX_ATTEMPTS;
        settings.initial_backoff = Duration::from_millis(1);
        adjust(&mut settings);
        let sent = Arc::new(Mutex::new(Vec::new()));
        let backend = AwsBackend::from_config(
            base,
            &settings,
            None,
            tx,
            vec![
                SharedInterceptor::new(mock),
                SharedInterceptor::new(BodyCapture(Arc::clone(&sent))),
            ],
        );
        Harness {
            backend,
            events,
            sent,
        }
    }

    /// Every event sent so far.
    fn drain_events(&mut self) -> Vec<BackendEvent> {
        let mut out = Vec::new();
        while let Ok(event) = self.events.try_recv() {
            out.push(event);
        }
        out
    }

    /// Every attempt sent so far.
    fn sent(&self) -> Vec<Sent> {
        self.sent.lock().unwrap().clone()
    }
}

/// One attempt as it went on the wire.
#[derive(Debug, Clone)]
struct Sent {
    uri: String,
    body: Vec<u8>,
}

impl Sent {
    fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).expect("a JSON request body")
    }
}

/// Records the URI and body of each attempt, as it is about to be transmitted.
#[derive(Debug)]
struct BodyCapture(Arc<Mutex<Vec<Sent>>>);

impl Intercept for BodyCapture {
    fn name(&self) -> &'static str {
        "BodyCapture"
    }

    fn read_before_transmit(
        &self,
        context: &BeforeTransmitInterceptorContextRef<'_>,
        _runtime_components: &RuntimeComponents,
        _cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request();
        let sent = Sent {
            uri: request.uri().to_string(),
            body: request.body().bytes().unwrap_or_default().to_vec(),
        };
        self.0.lock().unwrap().push(sent);
        Ok(())
    }
}

/// Every item of a listing: the pages, or the error that ended it.
async fn collect<T>(stream: PageStream<'_, T>) -> Vec<Result<Page<T>, BackendError>> {
    stream.collect().await
}

/// The pages of a listing that must succeed.
async fn ok_pages<T: std::fmt::Debug>(stream: PageStream<'_, T>) -> Vec<Page<T>> {
    collect(stream)
        .await
        .into_iter()
        .map(|p| p.expect("every page arrives"))
        .collect()
}

/// The `next` token of each page.
fn nexts<T>(pages: &[Page<T>]) -> Vec<Option<&str>> {
    pages.iter().map(|p| p.next.as_deref()).collect()
}

/// An HTTP answer as AWS's rest-json services give it: status, `x-amzn-errortype`, body.
fn http_answer(status: u16, error_type: Option<&str>, body: &str) -> HttpResponse {
    let mut response = HttpResponse::new(
        StatusCode::try_from(status).expect("a valid status"),
        SdkBody::from(body.to_string()),
    );
    if let Some(t) = error_type {
        response
            .headers_mut()
            .insert("x-amzn-errortype", t.to_string());
    }
    let content_type = if body.starts_with('<') {
        "text/html"
    } else {
        "application/json"
    };
    response.headers_mut().insert("content-type", content_type);
    response
}

/// HTTP 400 `ThrottlingException: Rate exceeded`, as AWS Backup throttles.
fn throttled() -> HttpResponse {
    http_answer(
        400,
        Some("ThrottlingException"),
        r#"{"message":"Rate exceeded"}"#,
    )
}

/// A `Retrying` event for `operation`.
fn retrying(operation: &str, attempt: u32) -> BackendEvent {
    BackendEvent::Retrying {
        operation: operation.to_string(),
        reason: crate::backend::RetryReason::Throttled,
        attempt,
        max: MAX_ATTEMPTS,
    }
}

/// The rules as the harness takes them.
fn refs(rules: &[Rule]) -> Vec<&Rule> {
    rules.iter().collect()
}

/// How many requests each rule answered.
fn calls(rules: &[Rule]) -> Vec<usize> {
    rules.iter().map(Rule::num_calls).collect()
}

/// Where a mock rule stores the input it answered.
type Slot<I> = Arc<Mutex<Option<I>>>;

/// A slot for the mock rule to fill, and the handle the test reads it from.
fn recording<I>() -> (Slot<I>, Slot<I>) {
    let seen: Slot<I> = Arc::default();
    (Arc::clone(&seen), seen)
}

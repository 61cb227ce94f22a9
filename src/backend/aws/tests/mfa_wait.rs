//! A human typing an MFA code is waited for before a call, never inside it: the minutes they
//! take do not count against the call's timeouts (which are inside every attempt).

use super::super::{AwsBackend, AwsSettings, Timeouts};
use crate::action::Action;
use crate::effect::{self, Query};
use aws_credential_types::Credentials;
use aws_credential_types::provider::{self, ProvideCredentials, SharedCredentialsProvider};
use aws_sdk_backup::Client;
use aws_sdk_backup::operation::list_protected_resources::ListProtectedResourcesOutput;
use aws_sdk_backup::types as bk;
use aws_smithy_mocks::{MockResponseInterceptor, RuleMode, create_mock_http_client, mock};
use aws_smithy_runtime_api::client::interceptors::SharedInterceptor;
use std::time::Duration;

/// Answers the first time after `delay` (the code being typed), then at once (the assumed
/// role's credentials remembered), as `MfaRoleProvider` does.
#[derive(Debug)]
struct SlowOnceHuman {
    delay: Duration,
    answered: tokio::sync::Mutex<bool>,
}

impl ProvideCredentials for SlowOnceHuman {
    fn provide_credentials<'a>(&'a self) -> provider::future::ProvideCredentials<'a>
    where
        Self: 'a,
    {
        provider::future::ProvideCredentials::new(async move {
            let mut answered = self.answered.lock().await;
            if !*answered {
                tokio::time::sleep(self.delay).await;
                *answered = true;
            }
            Ok(Credentials::new("AKID", "secret", None, None, "human"))
        })
    }
}

#[tokio::test(start_paused = true)]
async fn ten_minutes_to_type_the_mfa_code_do_not_time_the_call_out() {
    let human = SharedCredentialsProvider::new(SlowOnceHuman {
        delay: Duration::from_secs(600),
        answered: tokio::sync::Mutex::new(false),
    });
    let rule = mock!(Client::list_protected_resources).then_output(|| {
        ListProtectedResourcesOutput::builder()
            .results(
                bk::ProtectedResource::builder()
                    .resource_arn("arn:aws:s3:::acme-media")
                    .resource_type("S3")
                    .build(),
            )
            .build()
    });
    let timeouts = Timeouts {
        connect: Duration::from_secs(1),
        attempt: Duration::from_secs(1),
        operation: Duration::from_secs(2),
    };
    let base = aws_config::SdkConfig::builder()
        .behavior_version(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(human.clone())
        .http_client(create_mock_http_client())
        .sleep_impl(aws_smithy_async::rt::sleep::SharedAsyncSleep::new(
            aws_smithy_async::rt::sleep::TokioSleep::new(),
        ))
        .timeout_config(timeouts.sdk())
        .build();
    let mut settings = AwsSettings::new("us-east-1");
    settings.timeouts = timeouts;
    let (tx, _events) = tokio::sync::mpsc::unbounded_channel();
    let mock = MockResponseInterceptor::new()
        .rule_mode(RuleMode::MatchAny)
        .with_rule(&rule);
    let backend = AwsBackend::from_config(
        base,
        &settings,
        Some(human),
        tx,
        vec![SharedInterceptor::new(mock)],
    );
    let started = tokio::time::Instant::now();
    let mut replies = Vec::new();
    let query = Query::ProtectedResources {
        region: "us-east-1".into(),
    };
    effect::execute(&backend, 1, &query, |action| {
        replies.push(action);
        true
    })
    .await;
    assert!(
        started.elapsed() >= Duration::from_secs(600),
        "waited for the human"
    );
    assert!(
        matches!(replies.as_slice(), [Action::Loaded { done: true, .. }]),
        "{replies:?}"
    );
    assert_eq!(rule.num_calls(), 1);
}

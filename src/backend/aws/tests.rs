//! Tests of AwsBackend against SDK-level mocks.

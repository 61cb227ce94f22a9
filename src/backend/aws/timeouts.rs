//! How long every AWS call may take: the SDK's timeout configuration, and the words that say
//! which limit a call hit.

use aws_smithy_types::timeout::TimeoutConfig;
use std::time::Duration;

/// The limits every client gets (`[aws]` in the config).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Opening the connection (TCP and TLS).
    pub connect: Duration,
    /// One attempt, from sending to the whole answer.
    pub attempt: Duration,
    /// The whole call, every retry included.
    pub operation: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        let config = crate::config::AwsConfig::default();
        Timeouts::from_config(&config)
    }
}

impl Timeouts {
    pub fn from_config(config: &crate::config::AwsConfig) -> Timeouts {
        Timeouts {
            connect: Duration::from_secs(config.connect_timeout_secs),
            attempt: Duration::from_secs(config.attempt_timeout_secs),
            operation: Duration::from_secs(config.operation_timeout_secs),
        }
    }

    /// The SDK's form, for the config loader (and so for every client made from it).
    pub fn sdk(&self) -> TimeoutConfig {
        TimeoutConfig::builder()
            .connect_timeout(self.connect)
            .operation_attempt_timeout(self.attempt)
            .operation_timeout(self.operation)
            .build()
    }
}

/// `2 s`, `1 min 30 s`: how long a call waited, for a message.
pub fn waited(duration: Duration) -> String {
    let secs = duration.as_secs();
    if secs == 0 {
        return format!("{} ms", duration.as_millis());
    }
    match (secs / 60, secs % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_limit_reaches_the_sdk() {
        let t = Timeouts {
            connect: Duration::from_secs(3),
            attempt: Duration::from_secs(4),
            operation: Duration::from_secs(9),
        };
        let sdk = t.sdk();
        assert_eq!(sdk.connect_timeout(), Some(Duration::from_secs(3)));
        assert_eq!(
            sdk.operation_attempt_timeout(),
            Some(Duration::from_secs(4))
        );
        assert_eq!(sdk.operation_timeout(), Some(Duration::from_secs(9)));
    }

    #[test]
    fn waits_read_as_people_say_them() {
        assert_eq!(waited(Duration::from_secs(2)), "2 s");
        assert_eq!(waited(Duration::from_secs(90)), "1 min 30 s");
        assert_eq!(waited(Duration::from_secs(120)), "2 min");
        assert_eq!(waited(Duration::from_millis(300)), "300 ms");
    }
}

//! Typed backend errors: a classification plus a message that says what to do next.

/// What kind of failure, so the screen can say what to do about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// No credentials, or they were rejected.
    Auth,
    /// The session or SSO token has expired.
    ExpiredCredentials,
    AccessDenied,
    Throttled,
    NotFound,
    InvalidInput,
    /// The endpoint could not be reached.
    Network,
    Timeout,
    /// AWS answered with a server-side failure.
    Service,
    /// The endpoint does not implement the operation (an emulator answering 404).
    NotImplemented,
    /// `--read-only` stopped a change before it was sent.
    ReadOnly,
}

impl ErrorKind {
    /// What the user can do about this kind of failure.
    pub fn advice(self) -> &'static str {
        match self {
            ErrorKind::Auth => "Check your AWS credentials (profile, environment) and try again.",
            ErrorKind::ExpiredCredentials => {
                "Your credentials have expired: run `aws sso login` (or refresh them), then press r."
            }
            ErrorKind::AccessDenied => {
                "Your IAM identity lacks permission for this call: ask for it, or switch profile."
            }
            ErrorKind::Throttled => "AWS is throttling requests: wait a moment, then press r.",
            ErrorKind::NotFound => "It no longer exists, or is in another Region or account.",
            ErrorKind::InvalidInput => "Correct the highlighted input and try again.",
            ErrorKind::Network => "AWS could not be reached: check the network, then press r.",
            ErrorKind::Timeout => "The request timed out: press r to try again.",
            ErrorKind::Service => "AWS reported a service error: press r to try again.",
            ErrorKind::NotImplemented => {
                "This endpoint does not offer the operation (an emulator?): use real AWS or --demo."
            }
            ErrorKind::ReadOnly => {
                "Started with --read-only: nothing is changed. Restart without it to make changes."
            }
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ErrorKind::Auth => "Not authenticated",
            ErrorKind::ExpiredCredentials => "Credentials expired",
            ErrorKind::AccessDenied => "Access denied",
            ErrorKind::Throttled => "Throttled",
            ErrorKind::NotFound => "Not found",
            ErrorKind::InvalidInput => "Invalid input",
            ErrorKind::Network => "Network error",
            ErrorKind::Timeout => "Timed out",
            ErrorKind::Service => "Service error",
            ErrorKind::NotImplemented => "Not implemented by the endpoint",
            ErrorKind::ReadOnly => "Read-only",
        }
    }

    /// Whether pressing retry can help without the user changing anything.
    pub fn is_retryable(self) -> bool {
        matches!(
            self,
            ErrorKind::Throttled | ErrorKind::Network | ErrorKind::Timeout | ErrorKind::Service
        )
    }
}

/// A failed backend call. `message` is AWS's own words (never credentials).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackendError {
    pub kind: ErrorKind,
    pub message: String,
    /// What to do, when the kind's general advice would be wrong for this failure (expired
    /// keys from the environment cannot be fixed with `aws sso login`).
    pub advice: Option<String>,
}

impl BackendError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        BackendError {
            kind,
            message: message.into(),
            advice: None,
        }
    }

    /// The same error with its own advice instead of the kind's.
    pub fn with_advice(mut self, advice: impl Into<String>) -> Self {
        self.advice = Some(advice.into());
        self
    }

    /// What the user can do: this failure's own advice, else its kind's.
    pub fn advice(&self) -> &str {
        self.advice.as_deref().unwrap_or(self.kind.advice())
    }

    /// The refusal of a change under `--read-only`; `operation` is the API name.
    pub fn read_only(operation: &str) -> Self {
        BackendError::new(
            ErrorKind::ReadOnly,
            format!("{operation} changes the account, and this session is read-only"),
        )
    }

    /// `Throttled: Rate exceeded`, for a one-line notice.
    pub fn headline(&self) -> String {
        format!("{}: {}", self.kind.label(), self.message)
    }
}

impl std::fmt::Display for BackendError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {}", self.headline(), self.advice())
    }
}

impl std::error::Error for BackendError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expired_credentials_say_how_to_log_in_again() {
        let e = BackendError::new(ErrorKind::ExpiredCredentials, "The security token expired");
        assert!(e.to_string().contains("aws sso login"));
        assert!(!ErrorKind::ExpiredCredentials.is_retryable());
        assert!(ErrorKind::Throttled.is_retryable());
    }
}

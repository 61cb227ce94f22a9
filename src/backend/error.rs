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
    // Boxed strings keep the error small: it travels in every `Result` of the backend.
    pub advice: Option<Box<str>>,
    /// The API operation that failed (`ListProtectedResources`), when known.
    pub operation: Option<Box<str>>,
    /// AWS's error code (`AccessDeniedException`), when AWS answered with one.
    pub code: Option<Box<str>>,
    /// The request id AWS gave the answer: what AWS Support asks for.
    pub request_id: Option<Box<str>>,
}

impl BackendError {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        BackendError {
            kind,
            message: message.into(),
            advice: None,
            operation: None,
            code: None,
            request_id: None,
        }
    }

    /// The same error naming its operation, AWS's code and the request id.
    pub fn with_details(
        mut self,
        operation: &str,
        code: Option<&str>,
        request_id: Option<&str>,
    ) -> Self {
        self.operation = Some(operation.into());
        self.code = code.map(Into::into);
        self.request_id = request_id.map(Into::into);
        self
    }

    /// The same error with its own advice instead of the kind's.
    pub fn with_advice(mut self, advice: impl Into<String>) -> Self {
        self.advice = Some(advice.into().into_boxed_str());
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

    /// The headline, then what to do: the whole of what the user needs to read.
    pub fn explained(&self) -> String {
        let headline = self.headline();
        let stop = if headline.ends_with(['.', '!', '?']) {
            ""
        } else {
            "."
        };
        format!("{headline}{stop} {}", self.advice())
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
    fn an_error_stays_small_enough_to_travel_in_every_result() {
        // clippy's result_large_err stops at 128 bytes; the details are boxed to stay well under.
        assert!(std::mem::size_of::<BackendError>() <= 96);
    }

    #[test]
    fn the_explanation_ends_the_headline_before_the_advice() {
        let e = BackendError::new(ErrorKind::AccessDenied, "not authorized");
        assert_eq!(
            e.explained(),
            format!(
                "Access denied: not authorized. {}",
                ErrorKind::AccessDenied.advice()
            )
        );
        let e = e.with_advice("Ask for backup:StartCopyJob.");
        assert!(
            e.explained()
                .ends_with("not authorized. Ask for backup:StartCopyJob.")
        );
    }

    #[test]
    fn expired_credentials_say_how_to_log_in_again() {
        let e = BackendError::new(ErrorKind::ExpiredCredentials, "The security token expired");
        assert!(e.to_string().contains("aws sso login"));
        assert!(!ErrorKind::ExpiredCredentials.is_retryable());
        assert!(ErrorKind::Throttled.is_retryable());
    }
}

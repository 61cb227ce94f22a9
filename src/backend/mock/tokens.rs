//! Idempotency of the demo account's writes: a token repeated with the same request answers
//! what the first call answered; repeated with a different request it is refused, as AWS does.

use super::invalid;
use crate::backend::BackendError;
use std::collections::HashMap;

/// The requests seen with each token (IdempotencyToken or CreatorRequestId) and their answers.
#[derive(Debug)]
pub struct Tokens<R> {
    seen: HashMap<String, (R, String)>,
}

impl<R> Default for Tokens<R> {
    fn default() -> Self {
        Tokens {
            seen: HashMap::new(),
        }
    }
}

impl<R: Clone + PartialEq> Tokens<R> {
    /// The earlier answer to `token`, an error if it came with another request, or `None` for a
    /// token not seen yet (or empty: the member is optional, and then there is no idempotency).
    /// `member` names the token in the error, e.g. `IdempotencyToken`.
    pub fn replay(
        &self,
        member: &str,
        token: &str,
        request: &R,
    ) -> Option<Result<String, BackendError>> {
        let (previous, answer) = self.seen.get(token).filter(|_| !token.is_empty())?;
        Some(if previous == request {
            Ok(answer.clone())
        } else {
            Err(invalid(format!(
                "InvalidParameterValueException: {member} {token} was already used with different parameters"
            )))
        })
    }

    /// Remembers the answer given to `request` under `token`.
    pub fn remember(&mut self, token: &str, request: &R, answer: &str) {
        if !token.is_empty() {
            self.seen
                .insert(token.to_string(), (request.clone(), answer.to_string()));
        }
    }
}

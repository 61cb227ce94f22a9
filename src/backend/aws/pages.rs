//! SDK paginators as the backend's `PageStream`s.

use super::errors::{Caller, Op, classify};
use crate::backend::{Page, PageStream};
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::http::Response;
use std::sync::Arc;

/// An SDK paginator as a `PageStream`: each SDK page is converted as it arrives; the first
/// error ends the stream.
pub fn sdk_pages<'a, O, E, T>(
    pages: PaginationStream<Result<O, aws_sdk_backup::error::SdkError<E, Response>>>,
    op: Op,
    caller: Caller,
    convert: impl Fn(O) -> Page<T> + Send + Sync + 'a,
) -> PageStream<'a, T>
where
    O: Send + 'a,
    E: aws_sdk_backup::error::ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    T: Send + 'a,
{
    let convert = Arc::new(convert);
    Box::pin(futures::stream::unfold(Some(pages), move |state| {
        let convert = Arc::clone(&convert);
        let caller = caller.clone();
        async move {
            let mut pages = state?;
            match pages.next().await? {
                Ok(out) => Some((Ok(convert(out)), Some(pages))),
                Err(e) => {
                    let error = classify(op, &caller, &e);
                    tracing::warn!(action = %op.action(), kind = ?error.kind, "listing failed");
                    Some((Err(error), None))
                }
            }
        }
    }))
}

pub fn page<T>(items: Vec<T>, next: Option<&str>) -> Page<T> {
    Page {
        items,
        next: next.filter(|t| !t.is_empty()).map(str::to_string),
    }
}

//! Listing S3 buckets with the settings a restore depends on and their replication, in small
//! pages so the first rows show before every bucket has been looked up.

use super::convert;
use super::errors::{Caller, Op, classify};
use crate::backend::{Page, PageStream};
use crate::domain::replication::ReplicationSummary;
use crate::domain::restore::Bucket;
use aws_sdk_s3::error::ProvideErrorMetadata;
use aws_smithy_async::future::pagination_stream::PaginationStream;
use aws_smithy_runtime_api::http::Response;
use futures::StreamExt;

const LIST_BUCKETS: Op = Op::new("s3", "ListBuckets");

/// Buckets per page on screen: each needs three settings lookups before it can be shown.
const BUCKETS_PER_PAGE: usize = 50;

/// Where a bucket listing stands: the SDK's pages, and names listed but not yet looked up.
struct BucketListing {
    pages: PaginationStream<
        Result<
            aws_sdk_s3::operation::list_buckets::ListBucketsOutput,
            aws_sdk_s3::error::SdkError<
                aws_sdk_s3::operation::list_buckets::ListBucketsError,
                Response,
            >,
        >,
    >,
    queue: std::collections::VecDeque<String>,
    listed_all: bool,
}

/// How many bucket settings lookups run at once while listing buckets.
const BUCKET_LOOKUPS_IN_FLIGHT: usize = 16;

/// The Region's buckets, page by page, each with its versioning, Object Ownership and
/// replication.
pub fn list(s3: aws_sdk_s3::Client, region: &str, caller: Caller) -> PageStream<'_, Bucket> {
    // No MaxBuckets: AWS then answers up to 10,000 buckets at once (and emulators that do
    // not paginate answer them all). The names are cut into small pages here, so the first
    // rows show after a few settings lookups instead of after all of them.
    let pages = s3
        .list_buckets()
        .bucket_region(region)
        .into_paginator()
        .send();
    let listing = BucketListing {
        pages,
        queue: std::collections::VecDeque::new(),
        listed_all: false,
    };
    Box::pin(futures::stream::unfold(Some(listing), move |state| {
        let s3 = s3.clone();
        let caller = caller.clone();
        async move {
            let mut listing = state?;
            while listing.queue.is_empty() {
                if listing.listed_all {
                    return None;
                }
                match listing.pages.next().await {
                    None => listing.listed_all = true,
                    Some(Err(e)) => {
                        return Some((Err(classify(LIST_BUCKETS, &caller, &e)), None));
                    }
                    Some(Ok(out)) => {
                        // ListBuckets may ignore BucketRegion (older endpoints): filter here too.
                        listing.queue.extend(
                            out.buckets()
                                .iter()
                                .filter(|b| b.bucket_region().is_none_or(|r| r == region))
                                .filter_map(|b| b.name().map(str::to_string)),
                        );
                        listing.listed_all = out.continuation_token().is_none_or(str::is_empty);
                    }
                }
            }
            let take = listing.queue.len().min(BUCKETS_PER_PAGE);
            let names: Vec<String> = listing.queue.drain(..take).collect();
            let items = futures::stream::iter(names)
                .map(|name| bucket_settings(&s3, name, region))
                .buffered(BUCKET_LOOKUPS_IN_FLIGHT)
                .collect()
                .await;
            let more = !listing.queue.is_empty() || !listing.listed_all;
            let next = more.then(|| "more".to_string());
            Some((Ok(Page { items, next }), Some(listing)))
        }
    }))
}

/// Whether S3 answered that the bucket has no replication configuration (not a failure).
pub fn has_no_replication<E: ProvideErrorMetadata>(err: &E) -> bool {
    err.code() == Some("ReplicationConfigurationNotFoundError")
}

/// One bucket's versioning, Object Ownership and replication. A lookup that fails (no
/// permission on that bucket) reads as "versioning off, ACLs on": the restore checks then
/// warn, never pass; replication then reads as unknown (`None`), while a bucket without a
/// configuration reads as "no rules".
async fn bucket_settings(s3: &aws_sdk_s3::Client, name: String, region: &str) -> Bucket {
    let (versioning, ownership, replication) = futures::join!(
        s3.get_bucket_versioning().bucket(&name).send(),
        s3.get_bucket_ownership_controls().bucket(&name).send(),
        s3.get_bucket_replication().bucket(&name).send(),
    );
    let enabled = versioning
        .as_ref()
        .ok()
        .and_then(|v| v.status())
        .is_some_and(|s| s.as_str() == "Enabled");
    let rule = ownership.as_ref().ok().and_then(|o| {
        o.ownership_controls()
            .and_then(|c| c.rules().first())
            .map(|r| r.object_ownership().as_str().to_string())
    });
    let replication = match replication {
        Ok(out) => out
            .replication_configuration()
            .map(|c| convert::replication_summary(&convert::replication_config(c))),
        Err(e) if has_no_replication(&e) => Some(ReplicationSummary::default()),
        Err(e) => {
            tracing::info!(bucket = %name, code = ?e.code(), "replication lookup failed");
            None
        }
    };
    Bucket {
        replication,
        // `objects` stays unknown: S3 has no cheap object count (only the CloudWatch
        // storage metrics or an Inventory report know it; listing would read every key).
        ..convert::bucket(&name, region, enabled, rule.as_deref())
    }
}

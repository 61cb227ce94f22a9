//! S3 Batch Operations through S3 Control: ListJobs page by page (the SDK has no paginator
//! for it), and a finished job's completion report read from its report bucket.

use super::errors::{Caller, Op, classify};
use super::{PAGE_SIZE, convert, report};
use crate::backend::{BackendError, BackendFuture, ErrorKind, Page, PageStream};
use crate::domain::batch::{BatchJob, ReportQuery, ReportRow};

const LIST_JOBS: Op = Op::new("s3", "ListJobs");
const LIST_OBJECTS: Op = Op::new("s3", "ListBucket");
const GET_OBJECT: Op = Op::new("s3", "GetObject");

/// The Region's jobs, one ListJobs page at a time; `account` is asked for before the first.
pub fn list<'a>(
    ctl: aws_sdk_s3control::Client,
    account: BackendFuture<'a, String>,
    caller: Caller,
) -> PageStream<'a, BatchJob> {
    /// Where the listing stands: the account (once known) and the token of the next page.
    enum State<'a> {
        Start(BackendFuture<'a, String>),
        Next(String, String),
    }
    Box::pin(futures::stream::unfold(
        Some(State::Start(account)),
        move |state| {
            let ctl = ctl.clone();
            let caller = caller.clone();
            async move {
                let (account, token) = match state? {
                    State::Start(account) => match account.await {
                        Ok(account) => (account, None),
                        Err(e) => return Some((Err(e), None)),
                    },
                    State::Next(account, token) => (account, Some(token)),
                };
                let answer = ctl
                    .list_jobs()
                    .account_id(&account)
                    .set_next_token(token)
                    .max_results(PAGE_SIZE)
                    .send()
                    .await;
                match answer {
                    Err(e) => Some((Err(classify(LIST_JOBS, &caller, &e)), None)),
                    Ok(out) => {
                        let items = out.jobs().iter().map(convert::listed_job).collect();
                        let next = out.next_token().filter(|t| !t.is_empty());
                        let state = next.map(|t| State::Next(account, t.to_string()));
                        let page = Page {
                            items,
                            next: next.map(str::to_string),
                        };
                        Some((Ok(page), state))
                    }
                }
            }
        },
    ))
}

/// Every row of the job's completion report: each CSV file under its results folder, in
/// key order (a report of many tasks is split into several files).
pub async fn read_report(
    s3: &aws_sdk_s3::Client,
    query: &ReportQuery,
    caller: &Caller,
) -> Result<Vec<ReportRow>, BackendError> {
    let prefix = report::results_prefix(query);
    let mut keys = Vec::new();
    let mut pages = s3
        .list_objects_v2()
        .bucket(&query.target.bucket)
        .prefix(&prefix)
        .into_paginator()
        .send();
    while let Some(page) = pages.next().await {
        let page = page.map_err(|e| classify(LIST_OBJECTS, caller, &e))?;
        keys.extend(
            page.contents()
                .iter()
                .filter_map(|o| o.key())
                .filter(|k| k.ends_with(".csv"))
                .map(str::to_string),
        );
    }
    if keys.is_empty() {
        return Err(BackendError::new(
            ErrorKind::NotFound,
            format!(
                "No completion report in s3://{}/{prefix} yet (S3 writes it when the job ends)",
                query.target.bucket
            ),
        ));
    }
    keys.sort();
    let mut rows = Vec::new();
    for key in keys {
        let object = s3
            .get_object()
            .bucket(&query.target.bucket)
            .key(&key)
            .send()
            .await
            .map_err(|e| classify(GET_OBJECT, caller, &e))?;
        let body = object.body.collect().await.map_err(|e| {
            BackendError::new(
                ErrorKind::Network,
                format!("Reading s3://{}/{key} failed: {e}", query.target.bucket),
            )
        })?;
        rows.extend(report::parse_report(&String::from_utf8_lossy(
            &body.into_bytes(),
        )));
    }
    Ok(rows)
}

//! Listing KMS keys with their aliases (a restore's encryption choices).

use super::convert;
use super::errors::{Caller, Op, classify};
use super::pages::{page, sdk_pages};
use crate::backend::{BackendError, PageStream};
use crate::domain::restore::KmsKey;
use futures::StreamExt;
use std::collections::HashMap;

const LIST_KEYS: Op = Op::new("kms", "ListKeys");
const LIST_ALIASES: Op = Op::new("kms", "ListAliases");

/// The Region's keys page by page, each with its alias (aliases are listed first: one listing
/// names every key's alias).
pub fn list(kms: aws_sdk_kms::Client, caller: Caller) -> PageStream<'static, KmsKey> {
    // Aliases first (one listing names every key's alias), then the keys page by page.
    Box::pin(
        futures::stream::once(async move {
            let mut aliases: HashMap<String, String> = HashMap::new();
            let mut alias_pages = kms.list_aliases().limit(100).into_paginator().send();
            while let Some(result) = alias_pages.next().await {
                let out = result.map_err(|e| classify(LIST_ALIASES, &caller, &e))?;
                for a in out.aliases() {
                    if let (Some(key), Some(name)) = (a.target_key_id(), a.alias_name()) {
                        aliases.entry(key.to_string()).or_insert(name.to_string());
                    }
                }
            }
            let pages = kms.list_keys().limit(100).into_paginator().send();
            Ok::<_, BackendError>(sdk_pages(pages, LIST_KEYS, caller, move |out| {
                let items = out
                    .keys()
                    .iter()
                    .filter_map(|k| {
                        let arn = k.key_arn()?;
                        let alias = k.key_id().and_then(|id| aliases.get(id));
                        Some(convert::kms_key(arn, alias.map(String::as_str)))
                    })
                    .collect();
                page(items, out.next_marker())
            }))
        })
        .flat_map(|result| match result {
            Ok(stream) => stream,
            Err(e) => Box::pin(futures::stream::iter([Err(e)])),
        }),
    )
}

//! One S3 bucket: its settings and replication rules (GetBucketReplication), with `n` to add a
//! rule, `v` to enable versioning and `b` to replicate the objects already there.

use super::batch_wizard;
use super::detail::scroll;
use super::replication;
use super::{Nav, Screen};
use crate::action::{Command, Loaded, RequestId};
use crate::backend::BackendError;
use crate::domain::replication::{ReplicationConfig, ReplicationRule};
use crate::domain::restore::Bucket;
use crate::effect::Query;
use crate::keymap::KeyContext;
use crate::listing::Tone;
use crate::palette::Section;
use crate::remote::Ctx;
use crate::ui::UiCtx;
use crate::ui::widgets::fields::{self, Field, Scroll};
use ratatui::Frame;
use ratatui::layout::Rect;

const HINTS: &[Command] = &[
    Command::Create,
    Command::EnableVersioning,
    Command::ReplicateExisting,
    Command::Refresh,
];

pub struct BucketScreen {
    bucket: Bucket,
    /// `None` until GetBucketReplication answers; `Some(None)`: no configuration.
    config: Option<Option<ReplicationConfig>>,
    pending: Option<RequestId>,
    error: Option<BackendError>,
    scroll: Scroll,
}

impl BucketScreen {
    pub fn new(bucket: Bucket) -> Self {
        BucketScreen {
            bucket,
            config: None,
            pending: None,
            error: None,
            scroll: Scroll::default(),
        }
    }

    fn load(&mut self, ctx: &mut Ctx) {
        if let Some(req) = self.pending.take() {
            ctx.cancel(req);
        }
        self.error = None;
        self.pending = Some(ctx.load(Query::BucketReplication {
            region: self.bucket.region.clone(),
            bucket: self.bucket.name.clone(),
        }));
    }

    fn text(text: impl Into<String>, tone: Tone) -> Field {
        Field::Text {
            text: text.into(),
            tone,
        }
    }

    pub fn fields(&self) -> Vec<Field> {
        let b = &self.bucket;
        let versioning = if b.versioning {
            Field::toned("Versioning", "Enabled", Tone::Good)
        } else {
            Field::toned(
                "Versioning",
                "Off (replication needs it: press v)",
                Tone::Warning,
            )
        };
        let mut f = vec![
            Field::pair("Bucket", b.name.clone()),
            Field::pair("Region", b.region.clone()),
            versioning,
            Field::pair(
                "ACLs",
                if b.acls_enabled {
                    "Enabled"
                } else {
                    "Disabled (owner enforced)"
                },
            ),
            Field::pair("Objects", b.objects.map_or("-".into(), |n| n.to_string())),
            Field::Blank,
            Field::Heading("Replication rules"),
        ];
        if let Some(error) = &self.error {
            f.push(Self::text(
                format!(
                    "Could not read the replication configuration: {} {} Press r to retry.",
                    error.headline(),
                    error.advice()
                ),
                Tone::Bad,
            ));
            return f;
        }
        match &self.config {
            None => f.push(Self::text("Loading the replication rules...", Tone::Muted)),
            Some(None) => f.push(Self::text(
                "No replication rules. Press n to add one.",
                Tone::Muted,
            )),
            Some(Some(config)) => {
                f.push(Field::pair("IAM role", config.role_arn.clone()));
                for rule in &config.rules {
                    f.extend(rule_fields(rule, &b.region));
                }
                f.push(Self::text(
                    "n adds a rule; b replicates the objects already in the bucket (S3 Batch \
                     Replication).",
                    Tone::Muted,
                ));
            }
        }
        f
    }
}

fn on_off(on: bool) -> &'static str {
    if on { "on" } else { "off" }
}

fn rule_fields(rule: &ReplicationRule, source_region: &str) -> Vec<Field> {
    let scope = match (rule.filter.prefix.as_str(), rule.filter.tags.as_slice()) {
        ("", []) => "whole bucket".to_string(),
        (prefix, []) => format!("prefix {prefix}"),
        (prefix, tags) => {
            let tags: Vec<String> = tags.iter().map(|(k, v)| format!("{k}={v}")).collect();
            match prefix {
                "" => format!("tags {}", tags.join(", ")),
                _ => format!("prefix {prefix}, tags {}", tags.join(", ")),
            }
        }
    };
    let kind = if rule.destination_region.is_empty() {
        ""
    } else if rule.destination_region == source_region {
        " (SRR)"
    } else {
        " (CRR)"
    };
    let region = match rule.destination_region.as_str() {
        "" => String::new(),
        r => format!(" in {r}"),
    };
    vec![
        Field::Blank,
        Field::pair(
            "Rule",
            format!(
                "{} ({}, priority {})",
                rule.id,
                if rule.enabled { "Enabled" } else { "Disabled" },
                rule.priority
            ),
        ),
        Field::pair("Scope", scope),
        Field::pair(
            "Destination",
            format!("{}{region}{kind}", rule.destination_bucket),
        ),
        Field::pair(
            "Storage class",
            rule.storage_class
                .clone()
                .unwrap_or("same as source".into()),
        ),
        Field::pair(
            "Options",
            format!(
                "RTC {}, metrics {}, delete markers {}, replica sync {}, KMS {}",
                on_off(rule.replication_time_control),
                on_off(rule.metrics),
                on_off(rule.delete_marker_replication),
                on_off(rule.replica_modifications),
                on_off(rule.replica_kms_key_id.is_some()),
            ),
        ),
    ]
}

impl Screen for BucketScreen {
    fn section(&self) -> Section {
        Section::Buckets
    }

    fn crumb(&self) -> String {
        self.bucket.name.clone()
    }

    fn key_contexts(&self) -> &'static [KeyContext] {
        &[KeyContext::Buckets, KeyContext::Detail]
    }

    fn hints(&self) -> &'static [Command] {
        HINTS
    }

    fn start(&mut self, ctx: &mut Ctx) {
        self.load(ctx);
    }

    fn handle(&mut self, cmd: Command, ctx: &mut Ctx) -> Nav {
        match cmd {
            Command::Refresh => self.load(ctx),
            Command::Create => {
                return Nav::Push(Box::new(replication::add_rule(&self.bucket, ctx)));
            }
            Command::EnableVersioning => return versioning(&self.bucket),
            Command::ReplicateExisting => {
                if !matches!(&self.config, Some(Some(c)) if !c.rules.is_empty()) {
                    return Nav::Notice {
                        text: format!(
                            "{} has no replication rule: Batch Replication copies existing \
                             objects by its rules. Press n to add one first.",
                            self.bucket.name
                        ),
                        is_error: true,
                    };
                }
                let wizard = batch_wizard::open(&self.bucket.region, &self.bucket.name, ctx);
                return Nav::Push(Box::new(wizard));
            }
            cmd => scroll(&mut self.scroll, cmd),
        }
        Nav::Stay
    }

    fn pending(&self) -> Vec<RequestId> {
        self.pending.into_iter().collect()
    }

    fn on_loaded(&mut self, req: RequestId, data: Loaded, _done: bool) {
        if self.pending != Some(req) {
            return;
        }
        self.pending = None;
        if let Loaded::Replication(config) = data {
            self.config = Some(config.map(|c| *c));
        }
    }

    fn on_failed(&mut self, req: RequestId, error: BackendError) {
        if self.pending == Some(req) {
            self.pending = None;
            self.error = Some(error);
        }
    }

    fn render(&self, frame: &mut Frame, area: Rect, ui: &UiCtx) {
        let title = format!("S3 bucket {}", self.bucket.name);
        fields::render(frame, area, &title, &self.fields(), &self.scroll, ui);
    }
}

/// `v` on a bucket: the versioning wizard, or why not (already on).
pub fn versioning(bucket: &Bucket) -> Nav {
    if bucket.versioning {
        return Nav::Notice {
            text: format!("Versioning is already enabled on {}.", bucket.name),
            is_error: false,
        };
    }
    Nav::Push(Box::new(replication::enable_versioning(bucket)))
}

//! The replication wizard's per-step items: the fields and notes of Rule, Destination and Options.

use super::{
    DELETE_MARKER_WARNING, DELETE_MARKERS, DEST_CHOICE, DEST_NAME, DEST_OPTIONS, DEST_PICK,
    DEST_REGION, Existing, KEEP_ROLE, KMS, KMS_ARN, KMS_OPTIONS, KMS_PICK, METRICS, NEW_ROLE,
    ON_OFF, PICK_ROLE, PREFIX, PRIORITY, REPLICA_SYNC, ROLE_ARN, ROLE_CHOICE, ROLE_NAME,
    ROLE_OPTIONS, ROLE_PICK, RTC, RULE_ID, ReplicationWizard, SCOPE, SCOPE_OPTIONS, STATUS,
    STATUS_OPTIONS, STORAGE, TAGS,
};
use crate::domain::region::REGIONS;
use crate::domain::replication::STORAGE_CLASSES;
use crate::domain::restore::{Bucket, IamRole, KmsKey};
use crate::wizard::form::{Field, Item, PickOption};

impl ReplicationWizard {
    pub(super) fn rule_items(&self) -> Vec<Item> {
        let core = &self.core;
        let mut items =
            vec![
            core.field(
                Field::text(RULE_ID, "Rule name", &self.id, "finance-to-us-west-2")
                    .with_help("Its ID: up to 255 characters, unique in the bucket."),
            ),
            core.field(Field::choice(STATUS, "Status", &STATUS_OPTIONS, self.status)),
            core.field(Field::text(PRIORITY, "Priority", &self.priority, "0").with_help(
                "When rules send an object to the same destination, the higher number wins.",
            )),
            core.field(Field::choice(SCOPE, "Scope", &SCOPE_OPTIONS, self.scope)),
        ];
        if self.scope == 1 {
            items.push(core.field(Field::text(PREFIX, "Prefix", &self.prefix, "Finance/")));
            items.push(
                core.field(
                    Field::text(TAGS, "Tags", &self.tags, "team=finance, project=q3").with_help(
                        "Every tag must match. Tags rule out delete-marker replication.",
                    ),
                ),
            );
        }
        match &self.existing {
            Existing::Loading => items.push(Item::note(format!(
                "Loading the replication rules of {}...",
                self.source.name
            ))),
            Existing::Failed(e) => items.push(Item::warning(format!(
                "The current replication configuration of {} could not be read ({e}); \
                 saving would replace it, so the review refuses until it is read.",
                self.source.name
            ))),
            Existing::Loaded(config) => items.push(Item::note(format!(
                "{} has {} replication rule(s); this one is added to them.",
                self.source.name,
                config.rules.len()
            ))),
        }
        items
    }

    pub(super) fn destination_items(&self) -> Vec<Item> {
        let core = &self.core;
        let regions = REGIONS
            .iter()
            .map(|r| PickOption {
                label: r.code.to_string(),
                detail: r.name.to_string(),
                problem: None,
            })
            .collect();
        let mut items = vec![
            core.field(
                Field::pick(
                    DEST_REGION,
                    "Destination Region",
                    regions,
                    Some(self.dest_region),
                )
                .with_help(self.kind()),
            ),
            core.field(Field::choice(
                DEST_CHOICE,
                "Destination",
                &DEST_OPTIONS,
                self.dest_choice,
            )),
        ];
        if self.dest_choice == 0 {
            let option = |b: &Bucket| PickOption {
                label: b.name.clone(),
                detail: format!("versioning {}", if b.versioning { "on" } else { "OFF" }),
                problem: (b.name == self.source.name).then(|| "the source bucket".to_string()),
            };
            let buckets = self.dest_buckets();
            let selected = buckets
                .iter()
                .position(|b| Some(&b.name) == self.dest_pick.as_ref());
            let options = buckets.iter().map(option).collect();
            items.push(core.field(Field::pick(DEST_PICK, "Bucket", options, selected)));
            let what = format!("the buckets of {}", self.region());
            if let Some(note) = self.buckets.get(self.region()).and_then(|l| l.note(&what)) {
                items.push(note);
            }
        } else {
            items.push(
                core.field(
                    Field::text(DEST_NAME, "Bucket name", &self.dest_name, "finance-replica")
                        .with_help(format!("A versioned bucket in {}.", self.region())),
                ),
            );
        }
        let first = self.first_role_option();
        let mut choice = Field::choice(
            ROLE_CHOICE,
            "IAM role",
            &ROLE_OPTIONS[first..],
            self.role_choice.saturating_sub(first),
        );
        if self.role_choice == KEEP_ROLE
            && let Some(role) = self.existing_role()
        {
            choice = choice.with_help(role);
        }
        items.push(core.field(choice));
        match self.role_choice {
            PICK_ROLE => {
                let option = |r: &IamRole| PickOption {
                    label: r.name.clone(),
                    detail: r.arn.clone(),
                    problem: None,
                };
                let options = self.roles.items().iter().map(option).collect();
                items.push(core.field(Field::pick(ROLE_PICK, "Role", options, self.role_pick)));
                items.extend(self.roles.note("the IAM roles"));
            }
            KEEP_ROLE => {}
            NEW_ROLE => items.push(core.field(
                Field::text(ROLE_NAME, "Role name", &self.role_name, "s3-replication").with_help(
                    "Created under /service-role/, trusting S3, with a policy for these \
                             two buckets.",
                ),
            )),
            _ => {
                let placeholder = format!("arn:aws:iam::{}:role/s3-replication", self.account_id);
                items.push(core.field(Field::text(
                    ROLE_ARN,
                    "Role ARN",
                    &self.role_arn,
                    &placeholder,
                )));
            }
        }
        items.push(Item::note(
            "One role per configuration: S3 assumes it for every rule. Unless created here, \
             it must trust s3.amazonaws.com and allow reading the source's versions and \
             s3:ReplicateObject, s3:ReplicateDelete, s3:ReplicateTags on the destination.",
        ));
        items
    }

    pub(super) fn options_items(&self) -> Vec<Item> {
        let core = &self.core;
        let mut items =
            vec![core.field(
                Field::choice(KMS, "SSE-KMS objects", &KMS_OPTIONS, self.kms).with_help(
                    "Replicate them, re-encrypted with a key of the destination Region.",
                ),
            )];
        match self.kms {
            1 => {
                let option = |k: &KmsKey| PickOption {
                    label: k.alias.clone().unwrap_or_else(|| k.arn.clone()),
                    detail: k.arn.clone(),
                    problem: None,
                };
                let options = self.dest_keys().iter().map(option).collect();
                items.push(core.field(Field::pick(
                    KMS_PICK,
                    "Replica key",
                    options,
                    self.kms_pick,
                )));
                let what = format!("the KMS keys of {}", self.region());
                if let Some(note) = self.keys.get(self.region()).and_then(|l| l.note(&what)) {
                    items.push(note);
                }
            }
            2 => items.push(core.field(Field::text(
                KMS_ARN,
                "Replica key ARN",
                &self.kms_arn,
                "arn:aws:kms:...",
            ))),
            _ => {}
        }
        let classes = std::iter::once("Same as source")
            .chain(STORAGE_CLASSES)
            .map(|c| PickOption {
                label: c.to_string(),
                detail: String::new(),
                problem: None,
            })
            .collect();
        items.push(core.field(Field::pick(
            STORAGE,
            "Storage class",
            classes,
            Some(self.storage),
        )));
        items.push(
            core.field(
                Field::choice(RTC, "Replication Time Control", &ON_OFF, self.rtc)
                    .with_help("Most objects within 15 minutes (extra cost); needs metrics."),
            ),
        );
        items.push(
            core.field(
                Field::choice(METRICS, "Metrics and notifications", &ON_OFF, self.metrics)
                    .with_help("CloudWatch metrics; events past the 15-minute threshold."),
            ),
        );
        items.push(core.field(Field::choice(
            DELETE_MARKERS,
            "Delete marker replication",
            &ON_OFF,
            self.delete_markers,
        )));
        if self.delete_markers == 1 {
            items.push(Item::warning(DELETE_MARKER_WARNING));
        }
        items.push(
            core.field(
                Field::choice(
                    REPLICA_SYNC,
                    "Replica modification sync",
                    &ON_OFF,
                    self.replica_sync,
                )
                .with_help("For two-way replication: syncs metadata changed on replicas."),
            ),
        );
        items
    }
}

//! The replication rule wizard: one new rule on a source bucket, added to the configuration it
//! already has (PutBucketReplication replaces it whole). Pure: no ratatui, no IO.

use super::form::{FieldId, Input, Item};
use super::parts::{WizardCore, set_choice, set_text};
use super::{After, Form, Wizard};
use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::WriteRequest;
use crate::domain::region::REGIONS;
use crate::domain::replication::{
    self, DELETE_MARKER_WARNING, ReplicationConfig, ReplicationFilter, ReplicationRequest,
    ReplicationRule, STORAGE_CLASSES,
};
use crate::domain::restore::{Bucket, IamRole, KmsKey};
use crate::domain::role::{RolePolicyRequest, RoleRequest};
use crate::effect::Query;
use crate::palette::Section;
use listing::Listing;
use std::collections::BTreeMap;

mod checks;
mod fields;
mod listing;

pub const RULE_ID: FieldId = "rule_id";
pub const STATUS: FieldId = "rule_status";
pub const PRIORITY: FieldId = "priority";
pub const SCOPE: FieldId = "scope";
pub const PREFIX: FieldId = "prefix";
pub const TAGS: FieldId = "tags";
pub const DEST_REGION: FieldId = "destination_region";
pub const DEST_CHOICE: FieldId = "destination_choice";
pub const DEST_PICK: FieldId = "destination_bucket";
pub const DEST_NAME: FieldId = "destination_name";
pub const ROLE_CHOICE: FieldId = "replication_role_choice";
pub const ROLE_PICK: FieldId = "replication_role";
pub const ROLE_ARN: FieldId = "replication_role_arn";
pub const ROLE_NAME: FieldId = "replication_role_name";
pub const KMS: FieldId = "replica_kms";
pub const KMS_PICK: FieldId = "replica_kms_key";
pub const KMS_ARN: FieldId = "replica_kms_key_arn";
pub const STORAGE: FieldId = "storage_class";
pub const RTC: FieldId = "time_control";
pub const METRICS: FieldId = "metrics";
pub const DELETE_MARKERS: FieldId = "delete_markers";
pub const REPLICA_SYNC: FieldId = "replica_sync";

const STEPS: &[&str] = &["Rule", "Destination", "Options", "Review"];
const RULE: usize = 0;
const DESTINATION: usize = 1;
const OPTIONS: usize = 2;

const ON_OFF: [&str; 2] = ["Off", "On"];
const STATUS_OPTIONS: [&str; 2] = ["Enabled", "Disabled"];
const SCOPE_OPTIONS: [&str; 2] = ["Whole bucket", "Filter by prefix and/or tags"];
const DEST_OPTIONS: [&str; 2] = ["Choose a bucket", "Enter a bucket name"];
const ROLE_OPTIONS: [&str; 4] = [
    "Keep the current role",
    "Choose a role",
    "Enter a role ARN",
    "Create a new role",
];
/// `role_choice` indexes `ROLE_OPTIONS`; keeping is offered only when there is a role to keep.
const KEEP_ROLE: usize = 0;
const PICK_ROLE: usize = 1;
const ENTER_ROLE: usize = 2;
const NEW_ROLE: usize = 3;
const KMS_OPTIONS: [&str; 3] = ["Off", "Choose a key", "Enter a key ARN"];

/// The source bucket's current configuration: its rules are kept, its role too unless changed.
#[derive(Debug, Clone, PartialEq)]
enum Existing {
    Loading,
    Loaded(ReplicationConfig),
    Failed(String),
}

pub struct ReplicationWizard {
    source: Bucket,
    account_id: String,
    core: WizardCore,
    existing: Existing,
    roles: Listing<IamRole>,
    /// Buckets and KMS keys per Region, as destinations are chosen.
    buckets: BTreeMap<String, Listing<Bucket>>,
    keys: BTreeMap<String, Listing<KmsKey>>,
    id: String,
    status: usize,
    priority: String,
    scope: usize,
    prefix: String,
    tags: String,
    dest_region: usize,
    dest_choice: usize,
    dest_pick: Option<String>,
    dest_name: String,
    role_choice: usize,
    role_pick: Option<usize>,
    role_arn: String,
    /// The name of the role to create (`NEW_ROLE`).
    role_name: String,
    kms: usize,
    kms_pick: Option<usize>,
    kms_arn: String,
    storage: usize,
    rtc: usize,
    metrics: usize,
    delete_markers: usize,
    replica_sync: usize,
}

impl ReplicationWizard {
    /// A new rule on `source`; the destination starts in the source's Region.
    pub fn new(source: Bucket, account_id: &str) -> ReplicationWizard {
        let dest_region = REGIONS
            .iter()
            .position(|r| r.code == source.region)
            .unwrap_or(0);
        ReplicationWizard {
            source,
            account_id: account_id.to_string(),
            core: WizardCore::new(STEPS),
            existing: Existing::Loading,
            roles: Listing::Loading(Vec::new()),
            buckets: BTreeMap::new(),
            keys: BTreeMap::new(),
            id: String::new(),
            status: 0,
            priority: "0".into(),
            scope: 0,
            prefix: String::new(),
            tags: String::new(),
            dest_region,
            dest_choice: 0,
            dest_pick: None,
            dest_name: String::new(),
            role_choice: PICK_ROLE,
            role_pick: None,
            role_arn: String::new(),
            role_name: String::new(),
            kms: 0,
            kms_pick: None,
            kms_arn: String::new(),
            storage: 0,
            rtc: 0,
            metrics: 0,
            delete_markers: 0,
            replica_sync: 0,
        }
    }

    fn existing_rules(&self) -> &[ReplicationRule] {
        match &self.existing {
            Existing::Loaded(config) => &config.rules,
            _ => &[],
        }
    }

    fn existing_role(&self) -> Option<&str> {
        match &self.existing {
            Existing::Loaded(config) if !config.role_arn.is_empty() => Some(&config.role_arn),
            _ => None,
        }
    }

    /// The first of `ROLE_OPTIONS` on offer: a bucket without a configuration has no role to keep.
    fn first_role_option(&self) -> usize {
        if self.existing_role().is_some() {
            KEEP_ROLE
        } else {
            PICK_ROLE
        }
    }

    fn region(&self) -> &'static str {
        REGIONS.get(self.dest_region).map_or("", |r| r.code)
    }

    fn dest_buckets(&self) -> &[Bucket] {
        self.buckets.get(self.region()).map_or(&[], Listing::items)
    }

    fn dest_keys(&self) -> &[KmsKey] {
        self.keys.get(self.region()).map_or(&[], Listing::items)
    }

    fn destination(&self) -> String {
        match self.dest_choice {
            0 => self.dest_pick.clone().unwrap_or_default(),
            _ => self.dest_name.trim().to_string(),
        }
    }

    /// `Same-Region Replication (SRR)` or `Cross-Region Replication (CRR)`.
    fn kind(&self) -> &'static str {
        if self.region() == self.source.region {
            "Same-Region Replication (SRR)"
        } else {
            "Cross-Region Replication (CRR)"
        }
    }

    /// `team=finance, project=x` as tag pairs.
    fn parse_tags(&self) -> Result<Vec<(String, String)>, String> {
        let parts = self
            .tags
            .split(',')
            .map(str::trim)
            .filter(|t| !t.is_empty());
        parts
            .map(|t| match t.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    Ok((k.trim().to_string(), v.trim().to_string()))
                }
                _ => Err(format!(
                    "Write tags as key=value, separated by commas (not {t:?})."
                )),
            })
            .collect()
    }

    fn filter(&self) -> ReplicationFilter {
        if self.scope == 0 {
            return ReplicationFilter::default();
        }
        ReplicationFilter {
            prefix: self.prefix.trim().to_string(),
            tags: self.parse_tags().unwrap_or_default(),
        }
    }

    fn kms_key(&self) -> Option<String> {
        match self.kms {
            1 => self
                .kms_pick
                .and_then(|i| self.dest_keys().get(i))
                .map(|k| k.arn.clone()),
            2 => Some(self.kms_arn.trim().to_string()),
            _ => None,
        }
    }

    fn role(&self) -> String {
        match self.role_choice {
            KEEP_ROLE => self.existing_role().unwrap_or_default().to_string(),
            PICK_ROLE => self
                .role_pick
                .and_then(|i| self.roles.items().get(i))
                .map(|r| r.arn.clone())
                .unwrap_or_default(),
            ENTER_ROLE => self.role_arn.trim().to_string(),
            _ => self.new_role().arn(&self.account_id),
        }
    }

    /// The role created first when `NEW_ROLE` is chosen.
    fn new_role(&self) -> RoleRequest {
        RoleRequest::for_s3(
            &self.source.region,
            self.role_name.trim(),
            &format!("S3 replication from {}", self.source.name),
        )
    }

    /// Its inline policy: read the source's versions, replicate into the destination.
    fn new_role_policy(&self) -> RolePolicyRequest {
        RolePolicyRequest {
            region: self.source.region.clone(),
            role_name: self.role_name.trim().to_string(),
            policy_name: "s3-replication".into(),
            source_bucket: self.source.name.clone(),
            destination_bucket: self.destination(),
        }
    }

    /// The new rule as sent (checked by `problems`, not here).
    fn rule(&self) -> ReplicationRule {
        ReplicationRule {
            id: self.id.trim().to_string(),
            enabled: self.status == 0,
            priority: replication::priority(&self.priority).unwrap_or_default(),
            filter: self.filter(),
            destination_bucket: self.destination(),
            destination_region: self.region().to_string(),
            // Option 0 is "Same as source": no StorageClass.
            storage_class: self
                .storage
                .checked_sub(1)
                .and_then(|i| STORAGE_CLASSES.get(i))
                .map(|c| c.to_string()),
            replica_kms_key_id: self.kms_key(),
            replication_time_control: self.rtc == 1,
            metrics: self.metrics == 1,
            delete_marker_replication: self.delete_markers == 1,
            replica_modifications: self.replica_sync == 1,
        }
    }

    fn request(&self) -> Result<ReplicationRequest, String> {
        match &self.existing {
            Existing::Loading => {
                return Err(format!(
                    "Still reading the current replication rules of {}.",
                    self.source.name
                ));
            }
            Existing::Failed(e) => {
                return Err(format!(
                    "The current replication configuration of {} could not be read ({e}): \
                     saving would replace it.",
                    self.source.name
                ));
            }
            Existing::Loaded(_) => {}
        }
        self.core.first_problem(|step| self.problems(step))?;
        let rule = self.rule();
        replication::check_rule(&self.source.name, &rule, self.existing_rules())?;
        let mut rules = self.existing_rules().to_vec();
        rules.push(rule);
        Ok(ReplicationRequest {
            region: self.source.region.clone(),
            bucket: self.source.name.clone(),
            config: ReplicationConfig {
                role_arn: self.role(),
                rules,
            },
        })
    }
}

impl Form for ReplicationWizard {
    fn title(&self) -> String {
        format!("Add a replication rule to {}", self.source.name)
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        match self.core.step() {
            RULE => self.rule_items(),
            DESTINATION => self.destination_items(),
            OPTIONS => self.options_items(),
            _ => match self.request() {
                Ok(_) => vec![Item::note(format!(
                    "PutBucketReplication replaces the whole configuration of {}: its {} \
                     existing rule(s) are sent again unchanged, with this one.",
                    self.source.name,
                    self.existing_rules().len()
                ))],
                Err(message) => vec![Item::warning(message)],
            },
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        let items = self.items();
        if !self.core.begin_input(&items, id) {
            return;
        }
        let choose = |choice: &mut usize, n: usize| set_choice(choice, n, &input);
        match id {
            RULE_ID => set_text(&mut self.id, &input),
            STATUS => choose(&mut self.status, 2),
            PRIORITY => set_text(&mut self.priority, &input),
            SCOPE => choose(&mut self.scope, 2),
            PREFIX => set_text(&mut self.prefix, &input),
            TAGS => set_text(&mut self.tags, &input),
            DEST_REGION => {
                let before = self.dest_region;
                choose(&mut self.dest_region, REGIONS.len());
                if before != self.dest_region {
                    // The bucket and key lists are the new Region's.
                    self.dest_pick = None;
                    self.kms_pick = None;
                }
            }
            DEST_CHOICE => choose(&mut self.dest_choice, 2),
            DEST_PICK => {
                if let Input::Choose(i) = input
                    && let Some(bucket) = self.dest_buckets().get(i)
                {
                    if bucket.name == self.source.name {
                        let e = "The destination must be another bucket than the source.";
                        self.core.refuse(DEST_PICK, Some(e.into()));
                    } else {
                        self.dest_pick = Some(bucket.name.clone());
                    }
                }
            }
            DEST_NAME => set_text(&mut self.dest_name, &input),
            ROLE_CHOICE => {
                // The field shows the options from `first_role_option` on.
                let first = self.first_role_option();
                if let Input::Choose(i) = &input
                    && first + i < ROLE_OPTIONS.len()
                {
                    self.role_choice = first + i;
                }
            }
            ROLE_PICK => {
                if let Input::Choose(i) = input
                    && i < self.roles.items().len()
                {
                    self.role_pick = Some(i);
                }
            }
            ROLE_ARN => set_text(&mut self.role_arn, &input),
            ROLE_NAME => set_text(&mut self.role_name, &input),
            KMS => choose(&mut self.kms, 3),
            KMS_PICK => {
                if let Input::Choose(i) = input
                    && i < self.dest_keys().len()
                {
                    self.kms_pick = Some(i);
                }
            }
            KMS_ARN => set_text(&mut self.kms_arn, &input),
            STORAGE => choose(&mut self.storage, STORAGE_CLASSES.len() + 1),
            RTC => choose(&mut self.rtc, 2),
            METRICS => choose(&mut self.metrics, 2),
            DELETE_MARKERS => choose(&mut self.delete_markers, 2),
            REPLICA_SYNC => choose(&mut self.replica_sync, 2),
            _ => {}
        }
    }

    fn next(&mut self) -> bool {
        let step = self.core.step();
        let ids: Vec<FieldId> = self
            .items()
            .iter()
            .filter_map(Item::field)
            .map(|f| f.id)
            .collect();
        let problems = self.problems(step);
        self.core.advance(&ids, problems)
    }

    fn back(&mut self) -> bool {
        self.core.back()
    }

    fn summary(&self) -> Vec<(String, String)> {
        let rule = self.rule();
        let on = |b: bool| if b { "on" } else { "off" }.to_string();
        let scope = match (rule.filter.prefix.as_str(), rule.filter.tags.len()) {
            ("", 0) => "whole bucket".to_string(),
            (prefix, 0) => format!("prefix {prefix}"),
            (prefix, n) => format!("prefix {prefix:?}, {n} tag(s)"),
        };
        vec![
            (
                "Source".into(),
                format!("{} ({})", self.source.name, self.source.region),
            ),
            (
                "Rule".into(),
                format!(
                    "{} ({}, priority {})",
                    rule.id, STATUS_OPTIONS[self.status], rule.priority
                ),
            ),
            ("Scope".into(), scope),
            (
                "Destination".into(),
                format!(
                    "{} ({}): {}",
                    rule.destination_bucket,
                    self.region(),
                    self.kind()
                ),
            ),
            (
                "IAM role".into(),
                if self.role_choice == NEW_ROLE {
                    format!("new role {} (created first)", self.role_name.trim())
                } else {
                    self.role()
                },
            ),
            (
                "Replica KMS key".into(),
                rule.replica_kms_key_id
                    .clone()
                    .unwrap_or_else(|| "off".into()),
            ),
            (
                "Storage class".into(),
                rule.storage_class
                    .clone()
                    .unwrap_or_else(|| "same as source".into()),
            ),
            ("Time Control".into(), on(rule.replication_time_control)),
            ("Metrics".into(), on(rule.metrics)),
            ("Delete markers".into(), on(rule.delete_marker_replication)),
            ("Replica sync".into(), on(rule.replica_modifications)),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl Wizard for ReplicationWizard {
    fn confirm_question(&self) -> String {
        format!(
            "Replace the replication configuration of {} (adding rule {})?",
            self.source.name,
            self.id.trim()
        )
    }

    fn submit_label(&self) -> &'static str {
        "save rule"
    }

    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        let put = WriteRequest::PutReplication(self.request()?);
        if self.role_choice == NEW_ROLE {
            // S3 checks the role exists when the configuration is put: create it first.
            return Ok(vec![
                WriteRequest::CreateRole(self.new_role()),
                WriteRequest::PutRolePolicy(self.new_role_policy()),
                put,
            ]);
        }
        Ok(vec![put])
    }

    fn wanted(&self) -> Vec<Query> {
        let mut wanted = Vec::new();
        if self.existing == Existing::Loading {
            wanted.push(Query::BucketReplication {
                region: self.source.region.clone(),
                bucket: self.source.name.clone(),
            });
        }
        if matches!(self.roles, Listing::Loading(_)) {
            wanted.push(Query::IamRoles);
        }
        let region = self.region().to_string();
        if self.core.step() >= DESTINATION
            && !matches!(
                self.buckets.get(&region),
                Some(Listing::Done(_) | Listing::Failed(_))
            )
        {
            wanted.push(Query::Buckets {
                region: region.clone(),
            });
        }
        if self.kms == 1
            && !matches!(
                self.keys.get(&region),
                Some(Listing::Done(_) | Listing::Failed(_))
            )
        {
            wanted.push(Query::KmsKeys { region });
        }
        wanted
    }

    fn supply(&mut self, query: &Query, page: Result<Loaded, BackendError>, done: bool) {
        match (query, page) {
            (Query::BucketReplication { .. }, Ok(Loaded::Replication(config))) => {
                let config = config.map(|c| *c).unwrap_or_default();
                // Keep the configuration's role unless the user chose another already.
                if !config.role_arn.is_empty()
                    && self.role_pick.is_none()
                    && self.role_arn.is_empty()
                {
                    self.role_choice = KEEP_ROLE;
                }
                let next = config
                    .rules
                    .iter()
                    .map(|r| r.priority + 1)
                    .max()
                    .unwrap_or(0);
                if self.priority == "0" {
                    self.priority = next.to_string();
                }
                self.existing = Existing::Loaded(config);
            }
            (Query::BucketReplication { .. }, Err(e)) => {
                self.existing = Existing::Failed(e.headline().to_string());
            }
            (Query::IamRoles, page) => {
                let page = page.map(|p| match p {
                    Loaded::IamRoles(roles) => roles,
                    _ => Vec::new(),
                });
                self.roles.add(page, done);
            }
            (Query::Buckets { region }, page) => {
                let page = page.map(|p| match p {
                    Loaded::Buckets(buckets) => buckets,
                    _ => Vec::new(),
                });
                let entry = self
                    .buckets
                    .entry(region.clone())
                    .or_insert(Listing::Loading(Vec::new()));
                entry.add(page, done);
            }
            (Query::KmsKeys { region }, page) => {
                let page = page.map(|p| match p {
                    Loaded::KmsKeys(keys) => keys,
                    _ => Vec::new(),
                });
                let entry = self
                    .keys
                    .entry(region.clone())
                    .or_insert(Listing::Loading(Vec::new()));
                entry.add(page, done);
            }
            _ => {}
        }
    }

    fn after(&self, _last_id: &str) -> Option<After> {
        Some(After::Go {
            region: self.source.region.clone(),
            section: Section::Buckets,
            notice: format!(
                "Rule {} saved on {}: b on its page replicates existing objects.",
                self.id.trim(),
                self.source.name
            ),
        })
    }
}

#[cfg(test)]
mod tests;

//! The Batch Replication job wizard (seed 003 steps 3 and 4): source bucket, manifest, completion
//! report, options, then review of the S3 Control CreateJob request. No ratatui, no IO.

use super::form::{Field, FieldId, Input, Item, PickOption};
use super::parts::{CHOOSE_ROLE, Problem, ROLE_CHOICE, RoleChooser, RoleWording, WizardCore};
use super::parts::{default_role_arn, set_choice, set_text};
use super::{After, Form, Wizard};
use crate::action::Loaded;
use crate::backend::BackendError;
use crate::domain::batch::{self, BatchJobRequest, Manifest, ManifestFilter, ReportTarget};
use crate::domain::replication::ReplicationConfig;
use crate::domain::restore::{Bucket, IamRole};
use crate::domain::{WriteRequest, validate};
use crate::effect::Query;
use crate::palette::Section;
use crate::tracker::{Followed, JobKind, short_id};

/// With the source still to choose (opened from `:batch`), or chosen by the caller.
const STEPS_WITH_SOURCE: [&str; 5] = ["Source", "Manifest", "Report", "Options", "Review"];
const STEPS: [&str; 4] = ["Manifest", "Report", "Options", "Review"];
/// Steps as numbered in `STEPS_WITH_SOURCE`.
const SOURCE: usize = 0;
const MANIFEST: usize = 1;
const REPORT: usize = 2;
const OPTIONS: usize = 3;

const SOURCE_PICK: FieldId = "source";
const KIND: FieldId = "manifest_kind";
const AFTER: FieldId = "created_after";
const BEFORE: FieldId = "created_before";
const STATUSES: [(FieldId, &str, &str); 4] = [
    ("status_none", "NONE", "never replicated"),
    ("status_failed", "FAILED", "failed to replicate"),
    ("status_completed", "COMPLETED", "replicated before"),
    ("status_replica", "REPLICA", "replicas from elsewhere"),
];
const SAVE: FieldId = "save_manifest";
const OUT_BUCKET: FieldId = "manifest_bucket";
const OUT_PREFIX: FieldId = "manifest_prefix";
const OUT_ENCRYPTION: FieldId = "manifest_encryption";
const OUT_KEY: FieldId = "manifest_kms_key";
const OBJECT_ARN: FieldId = "manifest_arn";
const ETAG: FieldId = "manifest_etag";
const SCOPE: FieldId = "report_scope";
const REPORT_BUCKET: FieldId = "report_bucket";
const REPORT_PREFIX: FieldId = "report_prefix";
const DESCRIPTION: FieldId = "description";
const PRIORITY: FieldId = "priority";
const TAGS: FieldId = "tags";
const RUN: FieldId = "run";

const KINDS: [&str; 3] = [
    "Generate from replication",
    "CSV manifest",
    "Inventory report",
];
const GENERATED: usize = 0;
const INVENTORY: usize = 2;
const ENCRYPTIONS: [&str; 3] = ["None", "SSE-S3", "SSE-KMS"];
const SSE_KMS: usize = 2;
const SCOPES: [&str; 3] = ["All tasks", "Failed tasks only", "No report"];
const NO_REPORT: usize = 2;
const RUNS: [&str; 2] = ["Wait for my confirmation", "Run when ready"];

/// S3 Batch Operations assumes this role, so AWS Backup's default role is no choice here.
const BATCH_ROLE: RoleWording = RoleWording {
    label: "IAM role",
    pick_label: "Role",
    placeholder_role: "S3BatchReplicationRole",
};
/// Why the default role (offered by the shared role chooser) is refused: it trusts only
/// backup.amazonaws.com, so CreateJob would be accepted and the job fail when it runs.
const DEFAULT_ROLE_REFUSED: &str = "S3 Batch Operations cannot assume AWS Backup's default role: \
                                    choose or enter a role that trusts \
                                    batchoperations.s3.amazonaws.com.";

/// The source bucket's replication configuration, read before the job can be made.
#[derive(Debug, Clone, PartialEq)]
enum Replication {
    Unknown,
    Read(Option<ReplicationConfig>),
    Failed(String),
}

/// What the wizard needs from the account, gathered by the screen that opens it.
#[derive(Debug, Clone, PartialEq)]
pub struct BatchContext {
    /// The source bucket's Region: CreateJob is sent there.
    pub region: String,
    pub account_id: String,
    /// Empty: the wizard asks for it first.
    pub source_bucket: String,
    /// One per wizard opening: a retried CreateJob makes one job.
    pub client_request_token: String,
}

/// Creates one S3 Batch Replication job for the objects already in a bucket.
#[derive(Debug, Clone)]
pub struct BatchWizard {
    ctx: BatchContext,
    core: WizardCore,
    /// 0 when the Source step is shown, 1 when the caller chose the source.
    skipped: usize,
    buckets: Vec<Bucket>,
    roles: Vec<IamRole>,
    replication: Replication,
    source_pick: Option<usize>,
    kind: usize,
    after: String,
    before: String,
    statuses: [bool; 4],
    save: usize,
    out_bucket: Option<usize>,
    out_prefix: String,
    encryption: usize,
    out_key: String,
    object_arn: String,
    etag: String,
    scope: usize,
    report_bucket: Option<usize>,
    report_prefix: String,
    /// `None` until the user edits it: then it follows the source.
    description: Option<String>,
    priority: String,
    role: RoleChooser,
    tags: String,
    run: usize,
}

impl BatchWizard {
    pub fn new(ctx: BatchContext) -> BatchWizard {
        let skipped = usize::from(!ctx.source_bucket.is_empty());
        let steps: &'static [&'static str] = if skipped == 1 {
            &STEPS
        } else {
            &STEPS_WITH_SOURCE
        };
        let mut role = RoleChooser::new(BATCH_ROLE, &ctx.account_id);
        // Start on the account's roles: the default (AWS Backup's) role cannot run S3 jobs.
        role.input(&[], ROLE_CHOICE, &Input::Choose(CHOOSE_ROLE));
        BatchWizard {
            core: WizardCore::new(steps),
            skipped,
            buckets: Vec::new(),
            roles: Vec::new(),
            replication: Replication::Unknown,
            source_pick: None,
            kind: GENERATED,
            after: String::new(),
            before: String::new(),
            statuses: [false; 4],
            save: 0,
            out_bucket: None,
            out_prefix: String::new(),
            encryption: 0,
            out_key: String::new(),
            object_arn: String::new(),
            etag: String::new(),
            scope: 0,
            report_bucket: None,
            report_prefix: String::new(),
            description: None,
            priority: "10".into(),
            role,
            tags: String::new(),
            run: 0,
            ctx,
        }
    }

    /// The current step as numbered in `STEPS_WITH_SOURCE`.
    fn logical(&self) -> usize {
        self.core.step() + self.skipped
    }

    fn source(&self) -> &str {
        if self.skipped == 1 {
            return &self.ctx.source_bucket;
        }
        self.source_pick
            .and_then(|i| self.buckets.get(i))
            .map(|b| b.name.as_str())
            .unwrap_or_default()
    }

    fn bucket_name(&self, pick: Option<usize>) -> &str {
        pick.and_then(|i| self.buckets.get(i))
            .map(|b| b.name.as_str())
            .unwrap_or_default()
    }

    fn description_text(&self) -> String {
        match &self.description {
            Some(text) => text.clone(),
            None => format!("Replicate existing objects of {}", self.source()),
        }
    }

    fn bucket_options(&self, rule: impl Fn(&Bucket) -> Option<String>) -> Vec<PickOption> {
        let option = |b: &Bucket| PickOption {
            label: b.name.clone(),
            detail: b.region.clone(),
            problem: rule(b),
        };
        self.buckets.iter().map(option).collect()
    }

    fn output_rule(&self) -> impl Fn(&Bucket) -> Option<String> + '_ {
        |b: &Bucket| batch::manifest_bucket_region(&b.name, &b.region, &self.ctx.region).err()
    }

    fn replication_problem(&self) -> Option<String> {
        match &self.replication {
            Replication::Unknown => Some(format!(
                "Reading the replication configuration of {}…",
                self.source()
            )),
            Replication::Failed(e) => Some(format!(
                "The replication configuration of {} could not be read ({e}): r retries.",
                self.source()
            )),
            Replication::Read(config) => {
                batch::source_replication_problem(self.source(), config.as_ref())
            }
        }
    }

    fn source_items(&self) -> Vec<Item> {
        let mut items = vec![Item::note(format!(
            "The bucket whose existing objects to replicate, in {}. Batch Replication runs its \
             enabled replication rules.",
            self.ctx.region
        ))];
        let options = self.bucket_options(|_| None);
        items.push(self.core.field(Field::pick(
            SOURCE_PICK,
            "Source bucket",
            options,
            self.source_pick,
        )));
        items
    }

    fn manifest_items(&self) -> Vec<Item> {
        let core = &self.core;
        let mut items = vec![Item::note(format!("Source: {}", self.source()))];
        if let Some(problem) = self.replication_problem() {
            items.push(Item::warning(problem));
        }
        items.push(core.field(Field::choice(KIND, "Manifest", &KINDS, self.kind)));
        if self.kind != GENERATED {
            let arn = Field::text(
                OBJECT_ARN,
                "Object ARN",
                &self.object_arn,
                "arn:aws:s3:::my-bucket/manifest.csv",
            );
            items.push(core.field(arn));
            let etag = Field::text(ETAG, "ETag", &self.etag, "60e460c9d1046e73f7dde5043ac3ae85");
            items.push(core.field(etag));
            return items;
        }
        items.push(core.field(Field::text(
            AFTER,
            "Created after",
            &self.after,
            "YYYY-MM-DD",
        )));
        items.push(core.field(Field::text(
            BEFORE,
            "Created before",
            &self.before,
            "YYYY-MM-DD",
        )));
        for (i, (id, name, what)) in STATUSES.iter().enumerate() {
            let label = format!("Status {name} ({what})");
            let choice = Field::choice(id, label, &["any", "only"], usize::from(self.statuses[i]));
            items.push(core.field(choice));
        }
        let save = Field::choice(SAVE, "Save manifest", &["No", "Yes"], self.save)
            .with_help("Saving it lets you review the objects before confirming the job.");
        items.push(core.field(save));
        if self.save == 1 {
            let options = self.bucket_options(self.output_rule());
            let pick = Field::pick(OUT_BUCKET, "Manifest bucket", options, self.out_bucket);
            items.push(core.field(pick));
            let prefix = Field::text(OUT_PREFIX, "Prefix", &self.out_prefix, "manifests/");
            items.push(core.field(prefix));
            let enc = Field::choice(OUT_ENCRYPTION, "Encryption", &ENCRYPTIONS, self.encryption);
            items.push(core.field(enc));
            if self.encryption == SSE_KMS {
                let placeholder = format!(
                    "arn:aws:kms:{}:{}:key/…",
                    self.ctx.region, self.ctx.account_id
                );
                let key = Field::text(OUT_KEY, "KMS key ARN", &self.out_key, &placeholder);
                items.push(core.field(key));
            }
        }
        items
    }

    fn report_items(&self) -> Vec<Item> {
        let core = &self.core;
        let scope = Field::choice(SCOPE, "Completion report", &SCOPES, self.scope);
        let mut items = vec![core.field(scope)];
        if self.scope == NO_REPORT {
            items.push(Item::warning(
                "Without a completion report you cannot see which objects failed to replicate \
                 (or why).",
            ));
            return items;
        }
        let options = self.bucket_options(|_| None);
        let pick = Field::pick(REPORT_BUCKET, "Report bucket", options, self.report_bucket);
        items.push(core.field(pick));
        let prefix = Field::text(REPORT_PREFIX, "Prefix", &self.report_prefix, "reports/");
        items.push(core.field(prefix));
        items
    }

    fn options_items(&self) -> Vec<Item> {
        let core = &self.core;
        let description = self.description_text();
        let mut items = vec![
            core.field(Field::text(DESCRIPTION, "Description", &description, "")),
            core.field(
                Field::text(PRIORITY, "Priority", &self.priority, "10")
                    .with_help("0 to 2147483647; higher runs first."),
            ),
        ];
        items.extend(self.role.items(&self.roles, core));
        items.push(core.field(Field::text(
            TAGS,
            "Tags",
            &self.tags,
            "key=value, key=value",
        )));
        let run = Field::choice(RUN, "Run", &RUNS, self.run).with_help(if self.run == 0 {
            "The job waits in Suspended until you confirm it on :batch (enter, then c)."
        } else {
            "The job starts as soon as its manifest is ready."
        });
        items.push(core.field(run));
        items
    }

    fn step_ids(&self, step: usize) -> Vec<FieldId> {
        match step {
            SOURCE => vec![SOURCE_PICK],
            MANIFEST => {
                let mut ids = vec![KIND, AFTER, BEFORE, SAVE, OUT_BUCKET, OUT_PREFIX];
                ids.extend([OUT_ENCRYPTION, OUT_KEY, OBJECT_ARN, ETAG]);
                ids.extend(STATUSES.iter().map(|s| s.0));
                ids
            }
            REPORT => vec![SCOPE, REPORT_BUCKET, REPORT_PREFIX],
            OPTIONS => {
                let mut ids = vec![DESCRIPTION, PRIORITY, TAGS, RUN];
                ids.extend(RoleChooser::FIELD_IDS);
                ids
            }
            _ => Vec::new(),
        }
    }

    /// The problems of step `step` (numbered as in `STEPS_WITH_SOURCE`).
    fn check(&self, step: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut push = |id: FieldId, result: Result<(), String>| {
            if let Err(e) = result {
                problems.push((id, e));
            }
        };
        match step {
            SOURCE => {
                if self.source_pick.is_none() {
                    push(SOURCE_PICK, Err("Choose the source bucket.".into()));
                } else if let Some(problem) = self.replication_problem() {
                    push(SOURCE_PICK, Err(problem));
                }
            }
            MANIFEST => {
                // Shown on the manifest choice when the Source step is not there.
                if let Some(problem) = self.replication_problem() {
                    push(KIND, Err(problem));
                }
                if self.kind != GENERATED {
                    push(
                        OBJECT_ARN,
                        batch::manifest_object_arn(self.object_arn.trim()),
                    );
                    push(ETAG, batch::manifest_etag(self.etag.trim()));
                    return problems;
                }
                if let Err(e) = batch::created_range(&self.after, &self.before) {
                    let id = if e.starts_with("Created before") {
                        BEFORE
                    } else {
                        AFTER
                    };
                    push(id, Err(e));
                }
                if self.save == 1 {
                    match self.out_bucket.and_then(|i| self.buckets.get(i)) {
                        None => push(OUT_BUCKET, Err("Choose where to save the manifest.".into())),
                        Some(b) => push(
                            OUT_BUCKET,
                            batch::manifest_bucket_region(&b.name, &b.region, &self.ctx.region),
                        ),
                    }
                    if self.encryption == SSE_KMS {
                        let key = self.out_key.trim();
                        push(
                            OUT_KEY,
                            validate::kms_key_arn(key)
                                .and_then(|()| validate::kms_key_in_region(key, &self.ctx.region)),
                        );
                    }
                }
            }
            REPORT if self.scope != NO_REPORT && self.report_bucket.is_none() => push(
                REPORT_BUCKET,
                Err("Choose the bucket the completion report goes to.".into()),
            ),
            OPTIONS => {
                push(DESCRIPTION, batch::description(&self.description_text()));
                push(PRIORITY, batch::priority(&self.priority).map(|_| ()));
                push(TAGS, batch::tags(&self.tags).map(|_| ()));
                if self.role.arn(&self.roles) == default_role_arn(&self.ctx.account_id) {
                    push(ROLE_CHOICE, Err(DEFAULT_ROLE_REFUSED.into()));
                }
                problems.extend(self.role.check());
            }
            _ => {}
        }
        problems
    }

    fn manifest(&self) -> Result<Manifest, String> {
        if self.kind != GENERATED {
            return Ok(Manifest::Existing {
                object_arn: self.object_arn.trim().to_string(),
                etag: self.etag.trim().trim_matches('"').to_string(),
                inventory_report: self.kind == INVENTORY,
            });
        }
        let (created_after, created_before) = batch::created_range(&self.after, &self.before)?;
        let replication_statuses = STATUSES
            .iter()
            .zip(self.statuses)
            .filter(|(_, on)| *on)
            .map(|((_, name, _), _)| name.to_string())
            .collect();
        let save_to = (self.save == 1).then(|| {
            let encryption = match self.encryption {
                0 => None,
                SSE_KMS => Some(format!("SSE-KMS:{}", self.out_key.trim())),
                _ => Some("SSE-S3".to_string()),
            };
            let bucket = self.bucket_name(self.out_bucket).to_string();
            (bucket, self.out_prefix.trim().to_string(), encryption)
        });
        Ok(Manifest::Generated {
            filter: ManifestFilter {
                created_after,
                created_before,
                replication_statuses,
            },
            save_to,
        })
    }

    /// The exact CreateJob request the review shows and the confirmation sends.
    pub fn request(&self) -> Result<BatchJobRequest, String> {
        let first = self.skipped;
        let steps = self.core.steps();
        for (i, name) in steps.iter().enumerate() {
            if let Some((_, message)) = self.check(i + first).into_iter().next() {
                return Err(format!("{name}: {message}"));
            }
        }
        let report = (self.scope != NO_REPORT).then(|| ReportTarget {
            bucket: self.bucket_name(self.report_bucket).to_string(),
            prefix: self.report_prefix.trim().to_string(),
            failed_only: self.scope == 1,
        });
        Ok(BatchJobRequest {
            region: self.ctx.region.clone(),
            account_id: self.ctx.account_id.clone(),
            source_bucket: self.source().to_string(),
            manifest: self.manifest()?,
            report,
            description: self.description_text(),
            priority: batch::priority(&self.priority)?,
            role_arn: self.role.arn(&self.roles),
            confirmation_required: self.run == 0,
            tags: batch::tags(&self.tags)?,
            client_request_token: self.ctx.client_request_token.clone(),
        })
    }

    fn manifest_summary(&self) -> String {
        match self.kind {
            GENERATED => {
                let statuses: Vec<&str> = STATUSES
                    .iter()
                    .zip(self.statuses)
                    .filter(|(_, on)| *on)
                    .map(|((_, name, _), _)| *name)
                    .collect();
                let which = if statuses.is_empty() {
                    "any status".to_string()
                } else {
                    statuses.join("/")
                };
                let saved = match self.save {
                    1 => format!(", saved to {}", self.bucket_name(self.out_bucket)),
                    _ => String::new(),
                };
                format!("generated ({which}){saved}")
            }
            _ => self.object_arn.trim().to_string(),
        }
    }
}

impl Form for BatchWizard {
    fn title(&self) -> String {
        match self.source() {
            "" => format!("Batch Replication job in {}", self.ctx.region),
            source => format!("Batch Replication job for {source}"),
        }
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        match self.logical() {
            SOURCE => self.source_items(),
            MANIFEST => self.manifest_items(),
            REPORT => self.report_items(),
            OPTIONS => self.options_items(),
            _ => match self.request() {
                Ok(_) => Vec::new(),
                Err(e) => vec![Item::warning(e)],
            },
        }
    }

    fn input(&mut self, id: FieldId, input: Input) {
        let items = self.items();
        if !self.core.begin_input(&items, id) {
            return;
        }
        if let Some(i) = STATUSES.iter().position(|s| s.0 == id) {
            let mut on = usize::from(self.statuses[i]);
            set_choice(&mut on, 2, &input);
            self.statuses[i] = on == 1;
            return;
        }
        match (id, &input) {
            (SOURCE_PICK, Input::Choose(i)) if *i < self.buckets.len() => {
                if self.source_pick != Some(*i) {
                    self.replication = Replication::Unknown;
                }
                self.source_pick = Some(*i);
            }
            (OUT_BUCKET, Input::Choose(i)) => {
                let Some(b) = self.buckets.get(*i) else {
                    return;
                };
                match batch::manifest_bucket_region(&b.name, &b.region, &self.ctx.region) {
                    Ok(()) => self.out_bucket = Some(*i),
                    Err(e) => self.core.refuse(id, Some(e)),
                }
            }
            (REPORT_BUCKET, Input::Choose(i)) if *i < self.buckets.len() => {
                self.report_bucket = Some(*i)
            }
            (KIND, _) => set_choice(&mut self.kind, KINDS.len(), &input),
            (AFTER, _) => set_text(&mut self.after, &input),
            (BEFORE, _) => set_text(&mut self.before, &input),
            (SAVE, _) => set_choice(&mut self.save, 2, &input),
            (OUT_PREFIX, _) => set_text(&mut self.out_prefix, &input),
            (OUT_ENCRYPTION, _) => set_choice(&mut self.encryption, ENCRYPTIONS.len(), &input),
            (OUT_KEY, _) => set_text(&mut self.out_key, &input),
            (OBJECT_ARN, _) => set_text(&mut self.object_arn, &input),
            (ETAG, _) => set_text(&mut self.etag, &input),
            (SCOPE, _) => set_choice(&mut self.scope, SCOPES.len(), &input),
            (REPORT_PREFIX, _) => set_text(&mut self.report_prefix, &input),
            (DESCRIPTION, Input::Text(text)) => self.description = Some(text.clone()),
            (PRIORITY, _) => set_text(&mut self.priority, &input),
            (TAGS, _) => set_text(&mut self.tags, &input),
            (RUN, _) => set_choice(&mut self.run, RUNS.len(), &input),
            _ => self.role.input(&self.roles, id, &input),
        }
    }

    fn next(&mut self) -> bool {
        let step = self.logical();
        let problems = self.check(step);
        self.core.advance(&self.step_ids(step), problems)
    }

    fn back(&mut self) -> bool {
        self.core.back()
    }

    fn summary(&self) -> Vec<(String, String)> {
        let report = match self.scope {
            NO_REPORT => "none".to_string(),
            scope => format!(
                "{} to {}",
                SCOPES[scope].to_lowercase(),
                self.bucket_name(self.report_bucket)
            ),
        };
        vec![
            (
                "Source".into(),
                format!("{} in {}", self.source(), self.ctx.region),
            ),
            ("Manifest".into(), self.manifest_summary()),
            ("Report".into(), report),
            ("Priority".into(), self.priority.trim().to_string()),
            ("Run".into(), RUNS[self.run].to_string()),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl Wizard for BatchWizard {
    fn confirm_question(&self) -> String {
        format!(
            "Create this Batch Replication job for {} in {}?",
            self.source(),
            self.ctx.region
        )
    }

    fn submit_label(&self) -> &'static str {
        "create job"
    }

    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        self.request()
            .map(|r| vec![WriteRequest::CreateBatchJob(r)])
    }

    fn wanted(&self) -> Vec<Query> {
        let region = self.ctx.region.clone();
        let mut wanted = vec![Query::Buckets {
            region: region.clone(),
        }];
        wanted.push(Query::IamRoles);
        if !self.source().is_empty() {
            wanted.push(Query::BucketReplication {
                region,
                bucket: self.source().to_string(),
            });
        }
        wanted
    }

    fn supply(&mut self, query: &Query, page: Result<Loaded, BackendError>, _done: bool) {
        match (query, page) {
            (Query::Buckets { .. }, Ok(Loaded::Buckets(rows))) => self.buckets.extend(rows),
            (Query::IamRoles, Ok(Loaded::IamRoles(rows))) => self.roles.extend(rows),
            (Query::BucketReplication { bucket, .. }, page) if bucket == self.source() => {
                self.replication = match page {
                    Ok(Loaded::Replication(config)) => Replication::Read(config.map(|c| *c)),
                    Ok(_) => Replication::Unknown,
                    Err(e) => Replication::Failed(e.headline()),
                };
            }
            (query, Err(e)) => {
                tracing::warn!(?query, error = %e.headline(), "batch wizard load failed");
            }
            _ => {}
        }
    }

    fn after(&self, last_id: &str) -> Option<After> {
        // Not "confirm it now": S3 first prepares the job (or fails it); the tracker says
        // when it awaits confirmation, or how it ended.
        let id = short_id(last_id);
        let notice = if self.run == 0 {
            format!("Batch job {id} created; you are told when it awaits confirmation.")
        } else {
            format!("Batch job {id} created; it runs when ready.")
        };
        Some(After::Job {
            job: Followed {
                kind: JobKind::Batch,
                region: self.ctx.region.clone(),
                id: last_id.to_string(),
            },
            section: Section::Batch,
            notice,
        })
    }
}

#[cfg(test)]
mod tests;

//! How each domain type shows as a table row: columns, cell text, tones, sorting, matching.

use crate::domain::batch::{BatchJob, JobStatus, ReportRow};
use crate::domain::format::{bytes, opt_bytes, opt_date_time};
use crate::domain::plan::BackupPlan;
use crate::domain::recovery_point::short_key;
use crate::domain::resource::arn_last_colon_segment;
use crate::domain::restore::Bucket;
use crate::domain::settings::SettingEntry;
use crate::domain::{
    BackupJob, BackupJobState, BackupVault, CopyJob, CopyJobState, ProtectedResource,
    RecoveryPoint, RecoveryPointStatus, ResourceType, RestoreJob, RestoreJobStatus, StorageClass,
};
use crate::listing::{Column, Row, Tone, contains_ci};
use std::borrow::Cow;
use std::cmp::Ordering;

pub const RESOURCE_COLUMNS: &[Column] = &[
    Column::new(0, "Name", 22, 0),
    Column::new(1, "Type", 15, 0),
    Column::new(2, "Last backup", 16, 1),
    Column::new(3, "Resource ID", 22, 2),
    Column::new(4, "Vault", 16, 3),
];

impl Row for ProtectedResource {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.name),
            1 => Cow::Borrowed(self.resource_type.api_name()),
            2 => opt_date_time(self.last_backup).into(),
            3 => Cow::Borrowed(self.resource_id()),
            _ => Cow::Borrowed(
                self.last_backup_vault_arn
                    .as_deref()
                    .map(arn_last_colon_segment)
                    .unwrap_or("-"),
            ),
        }
    }

    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            1 => self.resource_type.cmp(&other.resource_type),
            2 => self.last_backup.cmp(&other.last_backup),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }

    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.name, needle)
            || contains_ci(&self.arn, needle)
            || contains_ci(self.resource_type.api_name(), needle)
    }

    fn resource_type(&self) -> Option<&ResourceType> {
        Some(&self.resource_type)
    }
}

/// Recovery points of one resource.
pub const RESOURCE_POINT_COLUMNS: &[Column] = &[
    Column::new(0, "Recovery point ID", 24, 0),
    Column::new(1, "Status", 10, 0),
    Column::new(2, "Type", 10, 1),
    Column::new(3, "Created", 16, 0),
    Column::new(4, "Vault", 14, 2),
    Column::new(5, "Size", 9, 3).right(),
    Column::new(6, "Storage", 7, 4),
    Column::new(7, "Encrypted", 9, 5),
    Column::new(8, "Retention", 14, 6),
];

/// Recovery points of one vault: the resource matters, the vault is implied.
pub const VAULT_POINT_COLUMNS: &[Column] = &[
    Column::new(0, "Recovery point ID", 24, 0),
    Column::new(9, "Resource", 18, 0),
    Column::new(1, "Status", 10, 0),
    Column::new(10, "Res. type", 9, 2),
    Column::new(2, "Type", 10, 3),
    Column::new(3, "Created", 16, 1),
    Column::new(5, "Size", 9, 4).right(),
    Column::new(6, "Storage", 7, 5),
    Column::new(7, "Encrypted", 9, 6),
];

pub fn point_status_tone(status: RecoveryPointStatus) -> Tone {
    match status {
        RecoveryPointStatus::Completed | RecoveryPointStatus::Available => Tone::Good,
        RecoveryPointStatus::Partial
        | RecoveryPointStatus::Stopped
        | RecoveryPointStatus::Creating => Tone::Warning,
        RecoveryPointStatus::Expired => Tone::Bad,
        RecoveryPointStatus::Deleting => Tone::Muted,
    }
}

impl Row for RecoveryPoint {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(self.short_id()),
            1 => Cow::Borrowed(self.status.api_name()),
            2 => Cow::Borrowed(self.kind.label()),
            3 => opt_date_time(Some(self.created)).into(),
            4 => Cow::Borrowed(&self.vault_name),
            5 => opt_bytes(self.size_bytes).into(),
            6 => Cow::Borrowed(self.storage_class.api_name()),
            7 => Cow::Borrowed(if self.encrypted { "Yes" } else { "No" }),
            8 => self.lifecycle.summary().into(),
            9 => Cow::Borrowed(&self.resource_name),
            _ => Cow::Borrowed(self.resource_type.api_name()),
        }
    }

    fn tone(&self, column: u8) -> Tone {
        match column {
            1 => point_status_tone(self.status),
            6 if self.storage_class == StorageClass::Cold => Tone::Muted,
            7 if !self.encrypted => Tone::Warning,
            _ => Tone::Normal,
        }
    }

    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            1 => self.status.cmp(&other.status),
            2 => self.kind.cmp(&other.kind),
            3 => self.created.cmp(&other.created),
            5 => self.size_bytes.cmp(&other.size_bytes),
            6 => self.storage_class.cmp(&other.storage_class),
            8 => self
                .lifecycle
                .delete_after_days
                .cmp(&other.lifecycle.delete_after_days),
            10 => self.resource_type.cmp(&other.resource_type),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }

    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.arn, needle)
            || contains_ci(self.status.api_name(), needle)
            || contains_ci(&self.resource_name, needle)
            || contains_ci(&self.vault_name, needle)
            || contains_ci(self.kind.label(), needle)
    }

    fn resource_type(&self) -> Option<&ResourceType> {
        Some(&self.resource_type)
    }
}

pub const VAULT_COLUMNS: &[Column] = &[
    Column::new(0, "Vault name", 20, 0),
    Column::new(1, "Recovery points", 15, 0).right(),
    Column::new(2, "Vault lock", 22, 1),
    Column::new(3, "Encryption key", 22, 2),
    Column::new(4, "Created", 16, 3),
];

impl Row for BackupVault {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.name),
            1 => self.recovery_points.to_string().into(),
            2 => self.lock_label().into(),
            3 => Cow::Borrowed(
                self.encryption_key_arn
                    .as_deref()
                    .map(short_key)
                    .unwrap_or("-"),
            ),
            _ => opt_date_time(Some(self.created)).into(),
        }
    }

    fn tone(&self, column: u8) -> Tone {
        if column == 2 && self.locked {
            Tone::Warning
        } else {
            Tone::Normal
        }
    }

    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            1 => self.recovery_points.cmp(&other.recovery_points),
            4 => self.created.cmp(&other.created),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }

    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.name, needle) || contains_ci(&self.arn, needle)
    }
}

/// S3 buckets of a Region: versioning and replication first, then what a restore into them
/// depends on (dropped first when narrow).
pub const BUCKET_COLUMNS: &[Column] = &[
    Column::new(0, "Name", 22, 0),
    Column::new(4, "Region", 14, 1),
    Column::new(1, "Versioning", 10, 0),
    Column::new(5, "Replication", 13, 0),
    Column::new(6, "Objects", 7, 2).right(),
    Column::new(3, "Restore target", 16, 3),
    Column::new(2, "ACLs", 25, 4),
];

/// `2 rules, 1 on`, `none`, or `-` when not known.
pub fn replication_label(bucket: &Bucket) -> String {
    match bucket.replication {
        None => "-".into(),
        Some(s) if s.rules == 0 => "none".into(),
        Some(s) => format!(
            "{} rule{}, {} on",
            s.rules,
            if s.rules == 1 { "" } else { "s" },
            s.enabled
        ),
    }
}

/// `ok`, or why a restore cannot write into `bucket`.
pub fn restore_target_label(bucket: &Bucket) -> &'static str {
    bucket.restore_target_problem().unwrap_or("ok")
}

impl Row for Bucket {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.name),
            1 => Cow::Borrowed(if self.versioning { "Enabled" } else { "Off" }),
            2 => Cow::Borrowed(if self.acls_enabled {
                "Enabled"
            } else {
                "Disabled (owner enforced)"
            }),
            4 => Cow::Borrowed(&self.region),
            5 => Cow::Owned(replication_label(self)),
            6 => Cow::Owned(self.objects.map_or("-".into(), |n| n.to_string())),
            _ => Cow::Borrowed(restore_target_label(self)),
        }
    }

    fn tone(&self, column: u8) -> Tone {
        match column {
            1 if !self.versioning => Tone::Warning,
            3 if self.restore_target_problem().is_some() => Tone::Warning,
            3 => Tone::Good,
            _ => Tone::Normal,
        }
    }

    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            6 => self.objects.cmp(&other.objects),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }

    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.name, needle)
            || self
                .restore_target_problem()
                .is_some_and(|problem| contains_ci(problem, needle))
    }
}

pub const BACKUP_JOB_COLUMNS: &[Column] = &[
    Column::new(0, "Job ID", 14, 1),
    Column::new(1, "Resource", 18, 0),
    Column::new(2, "Type", 9, 2),
    Column::new(3, "State", 10, 0),
    Column::new(4, "Created", 16, 0),
    Column::new(5, "Vault", 14, 3),
    Column::new(6, "Size", 9, 4).right(),
    Column::new(7, "Message", 30, 5),
];

fn job_tone_backup(state: BackupJobState) -> Tone {
    match state {
        BackupJobState::Completed => Tone::Good,
        BackupJobState::Failed | BackupJobState::Expired => Tone::Bad,
        BackupJobState::Partial | BackupJobState::Aborted | BackupJobState::Aborting => {
            Tone::Warning
        }
        _ => Tone::Normal,
    }
}

impl Row for BackupJob {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.id),
            1 => Cow::Borrowed(&self.resource_name),
            2 => Cow::Borrowed(self.resource_type.api_name()),
            3 => Cow::Borrowed(self.state.api_name()),
            4 => opt_date_time(Some(self.created)).into(),
            5 => Cow::Borrowed(&self.vault_name),
            6 => opt_bytes(self.size_bytes).into(),
            _ => Cow::Borrowed(self.status_message.as_deref().unwrap_or("")),
        }
    }
    fn tone(&self, column: u8) -> Tone {
        if column == 3 {
            job_tone_backup(self.state)
        } else {
            Tone::Normal
        }
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            3 => self.state.cmp(&other.state),
            4 => self.created.cmp(&other.created),
            6 => self.size_bytes.cmp(&other.size_bytes),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.id, needle)
            || contains_ci(&self.resource_name, needle)
            || contains_ci(self.state.api_name(), needle)
    }
    fn resource_type(&self) -> Option<&ResourceType> {
        Some(&self.resource_type)
    }
}

pub const RESTORE_JOB_COLUMNS: &[Column] = &[
    Column::new(0, "Job ID", 14, 1),
    Column::new(1, "Source", 18, 0),
    Column::new(2, "Type", 9, 2),
    Column::new(3, "Status", 10, 0),
    Column::new(4, "Created", 16, 0),
    Column::new(5, "Done", 5, 3).right(),
    Column::new(6, "Message", 30, 4),
];

impl Row for RestoreJob {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.id),
            1 => Cow::Borrowed(&self.source_resource_name),
            2 => Cow::Borrowed(self.resource_type.api_name()),
            3 => Cow::Borrowed(self.status.api_name()),
            4 => opt_date_time(Some(self.created)).into(),
            5 => self
                .percent_done
                .map(|p| format!("{p}%"))
                .unwrap_or_else(|| "-".into())
                .into(),
            _ => Cow::Borrowed(self.status_message.as_deref().unwrap_or("")),
        }
    }
    fn tone(&self, column: u8) -> Tone {
        match (column, self.status) {
            (3, RestoreJobStatus::Completed) => Tone::Good,
            (3, RestoreJobStatus::Failed) => Tone::Bad,
            (3, RestoreJobStatus::Aborted) => Tone::Warning,
            _ => Tone::Normal,
        }
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            3 => self.status.cmp(&other.status),
            4 => self.created.cmp(&other.created),
            5 => self.percent_done.cmp(&other.percent_done),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.id, needle)
            || contains_ci(&self.source_resource_name, needle)
            || contains_ci(self.status.api_name(), needle)
    }
    fn resource_type(&self) -> Option<&ResourceType> {
        Some(&self.resource_type)
    }
}

/// Copy jobs: at 80 columns the state, resource, route and creation time; the size, job ID
/// and message join on wider terminals (the route is kept whole rather than the size).
pub const COPY_JOB_COLUMNS: &[Column] = &[
    Column::new(2, "State", 9, 0),
    Column::new(1, "Resource", 13, 1),
    Column::new(3, "Source → destination", 35, 0),
    Column::new(5, "Size", 8, 2).right(),
    Column::new(4, "Created", 16, 0),
    Column::new(0, "Job ID", 14, 3),
    Column::new(6, "Message", 30, 4),
];

/// `us-west-2/dr-west` from a vault ARN.
pub fn vault_location(arn: &str) -> String {
    let region = arn.split(':').nth(3).unwrap_or("?");
    format!("{region}/{}", arn_last_colon_segment(arn))
}

/// `prod-daily → ca-central-1/dr-canada`: the source vault's Region is the listing's own, so
/// only its name is shown.
pub fn copy_route(job: &CopyJob) -> String {
    format!(
        "{} → {}",
        arn_last_colon_segment(&job.source_vault_arn),
        vault_location(&job.destination_vault_arn)
    )
}

/// How a copy job's state looks (rows and details).
pub fn copy_state_tone(state: CopyJobState) -> Tone {
    match state {
        CopyJobState::Completed => Tone::Good,
        CopyJobState::Failed => Tone::Bad,
        CopyJobState::Partial => Tone::Warning,
        CopyJobState::Created | CopyJobState::Running => Tone::Normal,
    }
}

impl Row for CopyJob {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.id),
            1 => Cow::Borrowed(&self.resource_name),
            2 => Cow::Borrowed(self.state.api_name()),
            3 => copy_route(self).into(),
            4 => opt_date_time(Some(self.created)).into(),
            5 => self
                .size_bytes
                .map(bytes)
                .unwrap_or_else(|| "-".into())
                .into(),
            _ => Cow::Borrowed(self.status_message.as_deref().unwrap_or("")),
        }
    }
    fn tone(&self, column: u8) -> Tone {
        match column {
            2 => copy_state_tone(self.state),
            _ => Tone::Normal,
        }
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            2 => self.state.cmp(&other.state),
            4 => self.created.cmp(&other.created),
            5 => self.size_bytes.cmp(&other.size_bytes),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.id, needle)
            || contains_ci(&self.resource_name, needle)
            || contains_ci(self.state.api_name(), needle)
            || contains_ci(&self.source_vault_arn, needle)
            || contains_ci(&self.destination_vault_arn, needle)
    }
    fn resource_type(&self) -> Option<&ResourceType> {
        Some(&self.resource_type)
    }
}

/// The Settings screen: one row per switch (a type's opt-in, or its management preference).
pub const SETTING_COLUMNS: &[Column] = &[
    Column::new(0, "Resource type", 24, 0),
    Column::new(1, "Setting", 28, 0),
    Column::new(2, "State", 10, 0),
];

impl Row for SettingEntry {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.resource_type),
            1 => Cow::Borrowed(self.label()),
            _ if !self.reported => Cow::Borrowed("Disabled (not reported)"),
            _ => Cow::Borrowed(self.state_label()),
        }
    }
    fn tone(&self, column: u8) -> Tone {
        match (column, self.enabled, self.reported) {
            (2, true, _) => Tone::Good,
            (2, false, false) => Tone::Muted,
            (2, false, true) => Tone::Warning,
            _ => Tone::Normal,
        }
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            2 => self.enabled.cmp(&other.enabled),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.resource_type, needle)
            || contains_ci(self.label(), needle)
            || contains_ci(self.state_label(), needle)
    }
}

/// Backup plans of a Region, as the console lists them.
pub const PLAN_COLUMNS: &[Column] = &[
    Column::new(0, "Plan name", 24, 0),
    Column::new(1, "Created", 16, 0),
    Column::new(2, "Last run", 16, 1),
    Column::new(3, "Plan ID", 36, 2),
];

impl Row for BackupPlan {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.name),
            1 => opt_date_time(Some(self.created)).into(),
            2 => opt_date_time(self.last_execution).into(),
            _ => Cow::Borrowed(&self.id),
        }
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            1 => self.created.cmp(&other.created),
            2 => self.last_execution.cmp(&other.last_execution),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.name, needle) || contains_ci(&self.id, needle)
    }
}

/// The Batch Operations jobs screen (`:batch`).
pub const BATCH_JOB_COLUMNS: &[Column] = &[
    Column::new(2, "Status", 21, 0),
    Column::new(1, "Description", 24, 1),
    Column::new(3, "Priority", 8, 3).right(),
    Column::new(5, "Done/failed/total", 17, 2).right(),
    Column::new(4, "Created", 16, 4),
    Column::new(0, "Job ID", 36, 5),
];

/// A job's status as the list says it: Suspended is a job awaiting confirmation.
pub fn batch_status_label(status: JobStatus) -> &'static str {
    match status {
        JobStatus::Suspended => "Awaiting confirmation",
        other => other.api_name(),
    }
}

pub fn batch_status_tone(status: JobStatus) -> Tone {
    match status {
        JobStatus::Complete => Tone::Good,
        JobStatus::Failed | JobStatus::Failing => Tone::Bad,
        JobStatus::Suspended | JobStatus::Cancelled | JobStatus::Cancelling => Tone::Warning,
        _ => Tone::Normal,
    }
}

/// `480/20/500`: tasks succeeded, failed and in all; `-` before the manifest is read.
pub fn batch_progress(job: &BatchJob) -> String {
    match job.tasks_total {
        None => "-".into(),
        Some(total) => format!(
            "{}/{}/{total}",
            job.tasks_succeeded.unwrap_or(0),
            job.tasks_failed.unwrap_or(0)
        ),
    }
}

impl Row for BatchJob {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.id),
            1 => Cow::Borrowed(&self.description),
            2 => Cow::Borrowed(batch_status_label(self.status)),
            3 => self.priority.to_string().into(),
            4 => opt_date_time(Some(self.created)).into(),
            _ => batch_progress(self).into(),
        }
    }
    fn tone(&self, column: u8) -> Tone {
        match column {
            2 => batch_status_tone(self.status),
            _ => Tone::Normal,
        }
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering {
        match column {
            2 => self.status.cmp(&other.status),
            3 => self.priority.cmp(&other.priority),
            4 => self.created.cmp(&other.created),
            5 => self.tasks_total.cmp(&other.tasks_total),
            _ => self.cell(column).cmp(&other.cell(column)),
        }
    }
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.id, needle)
            || contains_ci(&self.description, needle)
            || contains_ci(batch_status_label(self.status), needle)
    }
}

/// A completion report's rows (`o` on a finished job).
pub const REPORT_COLUMNS: &[Column] = &[
    Column::new(2, "Status", 9, 0),
    Column::new(0, "Key", 28, 0),
    Column::new(3, "Error code", 16, 1),
    Column::new(1, "Version", 14, 3),
    Column::new(4, "Message", 30, 2),
];

impl Row for ReportRow {
    fn cell(&self, column: u8) -> Cow<'_, str> {
        match column {
            0 => Cow::Borrowed(&self.key),
            1 => Cow::Borrowed(&self.version_id),
            2 => Cow::Borrowed(&self.status),
            3 => Cow::Borrowed(&self.error_code),
            _ => Cow::Borrowed(&self.message),
        }
    }
    /// A failed task stands out in every column.
    fn tone(&self, _column: u8) -> Tone {
        if self.status.eq_ignore_ascii_case("failed") {
            Tone::Bad
        } else {
            Tone::Normal
        }
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering {
        self.cell(column).cmp(&other.cell(column))
    }
    fn matches(&self, needle: &str) -> bool {
        contains_ci(&self.key, needle)
            || contains_ci(&self.status, needle)
            || contains_ci(&self.error_code, needle)
            || contains_ci(&self.message, needle)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bucket(versioning: bool, acls_enabled: bool) -> Bucket {
        Bucket {
            name: "acme-static-site".into(),
            region: "us-east-1".into(),
            versioning,
            acls_enabled,
            replication: None,
            objects: None,
        }
    }

    #[test]
    fn buckets_show_what_a_restore_depends_on() {
        let off = bucket(false, false);
        let cells: Vec<Cow<str>> = (0..4).map(|c| off.cell(c)).collect();
        assert_eq!(
            cells,
            [
                "acme-static-site",
                "Off",
                "Disabled (owner enforced)",
                "needs versioning"
            ]
        );
        assert_eq!(off.tone(1), Tone::Warning);
        assert_eq!(off.tone(3), Tone::Warning);
        let on = bucket(true, true);
        assert_eq!(
            (on.cell(1), on.cell(2)),
            ("Enabled".into(), "Enabled".into())
        );
        assert_eq!(restore_target_label(&on), "ok");
        assert_eq!(on.tone(3), Tone::Good);
        // The filter finds buckets by name and by what keeps them from being a target.
        assert!(off.matches("static") && off.matches("versioning"));
        assert!(!on.matches("versioning"));
    }

    #[test]
    fn bucket_columns_fit_80_columns_keeping_versioning_and_replication() {
        use crate::ui::widgets::table::fit_columns;
        let at = |width| -> Vec<&str> {
            fit_columns(BUCKET_COLUMNS, width)
                .iter()
                .map(|(c, _)| c.title)
                .collect()
        };
        assert_eq!(
            at(78),
            ["Name", "Region", "Versioning", "Replication", "Objects"]
        );
        assert_eq!(at(50), ["Name", "Versioning", "Replication"]);
    }

    #[test]
    fn copy_jobs_at_80_columns_keep_the_route_whole() {
        use crate::ui::widgets::table::fit_columns;
        let at = |width| -> Vec<&str> {
            fit_columns(COPY_JOB_COLUMNS, width)
                .iter()
                .map(|(c, _)| c.title)
                .collect()
        };
        assert_eq!(
            at(78),
            ["State", "Resource", "Source → destination", "Created"]
        );
        assert_eq!(
            at(118),
            [
                "State",
                "Resource",
                "Source → destination",
                "Size",
                "Created",
                "Job ID"
            ]
        );
    }

    #[test]
    fn vault_locations_read_region_and_name() {
        assert_eq!(
            vault_location("arn:aws:backup:us-west-2:123456789012:backup-vault:dr-west"),
            "us-west-2/dr-west"
        );
    }
}

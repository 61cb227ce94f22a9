//! Actions: user intents (named in the keymap) and async results, the input of `App::update`.

use crate::backend::{BackendError, BackendEvent, CallerIdentity};
use crate::domain::plan::{BackupPlan, PlanDetails};
use crate::domain::restore::{Bucket, IamRole, KmsKey};
use crate::domain::settings::RegionSettings;
use crate::domain::{
    BackupJob, BackupVault, CopyJob, ProtectedResource, RecoveryPoint, RestoreJob,
};
use crossterm::event::KeyEvent;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Identifies one backend request, so a reply for a screen the user left is recognised.
pub type RequestId = u64;

/// What `App::update` consumes.
#[derive(Debug, Clone)]
pub enum Action {
    /// A key from the terminal; the app maps it through the keymap (or into a text input).
    Key(KeyEvent),
    /// An intent directly (tests and the command palette use this).
    Command(Command),
    Resize(u16, u16),
    /// Advances the spinner; sent only while something is loading.
    Tick,
    /// A page of results for request `req`; `done` is false while more pages follow.
    Loaded {
        req: RequestId,
        data: Loaded,
        done: bool,
    },
    LoadFailed {
        req: RequestId,
        error: BackendError,
    },
    /// A change was answered: the new job's (vault's, plan's) identifier, or why AWS refused.
    Submitted {
        req: RequestId,
        result: Result<String, BackendError>,
    },
    /// The audit log could not be written (the job itself may have started).
    AuditFailed(String),
    /// A backend's report outside any call (throttling retries, an MFA prompt).
    Backend(BackendEvent),
    /// SIGTERM, SIGHUP or the input closing: leave at once, restoring the terminal.
    Shutdown,
}

/// Data a backend request returned.
#[derive(Debug, Clone)]
pub enum Loaded {
    Identity(CallerIdentity),
    Resources(Vec<ProtectedResource>),
    RecoveryPoints(Vec<RecoveryPoint>),
    RecoveryPoint(Box<RecoveryPoint>),
    Vaults(Vec<BackupVault>),
    BackupJobs(Vec<BackupJob>),
    RestoreJobs(Vec<RestoreJob>),
    CopyJobs(Vec<CopyJob>),
    RestoreMetadata(BTreeMap<String, String>),
    Buckets(Vec<Bucket>),
    KmsKeys(Vec<KmsKey>),
    IamRoles(Vec<IamRole>),
    Tables(Vec<String>),
    BackupJob(Box<BackupJob>),
    RestoreJob(Box<RestoreJob>),
    CopyJob(Box<CopyJob>),
    Plans(Vec<BackupPlan>),
    Plan(Box<PlanDetails>),
    RegionSettings(Box<RegionSettings>),
    /// A bucket's replication configuration; `None`: it has none.
    Replication(Option<Box<crate::domain::replication::ReplicationConfig>>),
    BatchJobs(Vec<crate::domain::batch::BatchJob>),
    BatchJob(Box<crate::domain::batch::BatchJob>),
    Report(Vec<crate::domain::batch::ReportRow>),
}

/// A user intent. The keymap binds keys to these by their snake_case names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    Back,
    Quit,
    ForceQuit,
    Filter,
    Palette,
    Help,
    /// Open the messages panel: every notice and error of this run.
    Messages,
    Refresh,
    SortNext,
    SortReverse,
    TypeFilterNext,
    TypeFilterPrev,
    NextTab,
    PrevTab,
    Restore,
    /// Copy the selected recovery point to another vault or Region.
    CopyPoint,
    /// Start creating something new here (a backup plan).
    Create,
    /// Toggle the selected setting (service opt-in).
    Toggle,
    /// Confirm a Batch Operations job that awaits confirmation (UpdateJobStatus Ready).
    ConfirmJob,
    /// Cancel a Batch Operations job.
    CancelJob,
    /// Change a Batch Operations job's priority.
    JobPriority,
    /// Open a finished Batch Operations job's completion report.
    OpenReport,
    /// Enable versioning on the selected S3 bucket.
    EnableVersioning,
    /// Replicate a bucket's existing objects (a Batch Replication job).
    ReplicateExisting,
    /// Start an on-demand backup of the selected resource (StartBackupJob).
    BackupNow,
    /// Delete the selected recovery point.
    DeletePoint,
    /// Delete every EXPIRED recovery point of this resource or vault.
    DeleteExpired,
    /// Open the rule that made a PARTIAL recovery point, to lengthen its backup window.
    RaiseWindow,
    /// Edit the selected backup plan (UpdateBackupPlan).
    Edit,
}

impl Command {
    /// Every command, in the order the help screen lists them.
    pub const ALL: [Command; 36] = [
        Command::Up,
        Command::Down,
        Command::PageUp,
        Command::PageDown,
        Command::Top,
        Command::Bottom,
        Command::Open,
        Command::Restore,
        Command::CopyPoint,
        Command::BackupNow,
        Command::DeletePoint,
        Command::DeleteExpired,
        Command::RaiseWindow,
        Command::Create,
        Command::Edit,
        Command::Toggle,
        Command::ConfirmJob,
        Command::CancelJob,
        Command::JobPriority,
        Command::OpenReport,
        Command::EnableVersioning,
        Command::ReplicateExisting,
        Command::Filter,
        Command::SortNext,
        Command::SortReverse,
        Command::TypeFilterNext,
        Command::TypeFilterPrev,
        Command::NextTab,
        Command::PrevTab,
        Command::Refresh,
        Command::Back,
        Command::Palette,
        Command::Help,
        Command::Messages,
        Command::Quit,
        Command::ForceQuit,
    ];

    /// What the help screen says the command does.
    pub fn description(self) -> &'static str {
        match self {
            Command::Up => "move up",
            Command::Down => "move down",
            Command::PageUp => "page up",
            Command::PageDown => "page down",
            Command::Top => "go to the first row",
            Command::Bottom => "go to the last row",
            Command::Open => "open the selected row",
            Command::Back => "back / clear filter",
            Command::Quit => "back, or quit from the top screen",
            Command::ForceQuit => "quit at once",
            Command::Filter => "filter rows",
            Command::Palette => {
                "command palette (:resources, :vaults, :jobs, :plans, :settings, :region …)"
            }
            Command::Help => "this help",
            Command::Messages => "messages: the notices and errors of this run, in full",
            Command::Refresh => "reload / retry",
            Command::SortNext => "sort by the next column",
            Command::SortReverse => "reverse the sort",
            Command::TypeFilterNext => "next resource type filter",
            Command::TypeFilterPrev => "previous resource type filter",
            Command::NextTab => "next tab",
            Command::PrevTab => "previous tab",
            Command::Restore => "restore the selected recovery point",
            Command::CopyPoint => "copy the selected recovery point (another Region or vault)",
            Command::Create => "create (a backup plan, a bucket, a replication rule, a batch job)",
            Command::Toggle => "turn the selected setting on or off",
            Command::ConfirmJob => "confirm the batch job (it then runs)",
            Command::CancelJob => "cancel the batch job",
            Command::JobPriority => "change the batch job's priority",
            Command::OpenReport => "open the batch job's completion report",
            Command::EnableVersioning => "enable versioning on the bucket",
            Command::ReplicateExisting => "replicate the bucket's existing objects (batch job)",
            Command::BackupNow => "back up the resource now (on-demand backup)",
            Command::DeletePoint => "delete the selected recovery point",
            Command::DeleteExpired => "delete the EXPIRED recovery points shown",
            Command::RaiseWindow => {
                "PARTIAL recovery point: open its plan rule to increase the backup window"
            }
            Command::Edit => "edit the backup plan (schedule, window, lifecycle, copies)",
        }
    }

    /// The short word the footer shows next to the key.
    pub fn hint(self) -> &'static str {
        match self {
            Command::Open => "open",
            Command::Back => "back",
            Command::Quit => "quit",
            Command::Filter => "filter",
            Command::Palette => "cmd",
            Command::Help => "help",
            Command::Messages => "messages",
            Command::Refresh => "reload",
            Command::SortNext => "sort",
            Command::TypeFilterNext => "type",
            Command::NextTab => "next tab",
            Command::Down => "scroll",
            Command::Restore => "restore",
            Command::CopyPoint => "copy",
            Command::Create => "new",
            Command::Toggle => "toggle",
            Command::ConfirmJob => "confirm",
            Command::CancelJob => "cancel",
            Command::JobPriority => "priority",
            Command::OpenReport => "report",
            Command::EnableVersioning => "versioning",
            Command::ReplicateExisting => "replicate existing",
            Command::BackupNow => "back up",
            Command::DeletePoint => "delete",
            Command::DeleteExpired => "delete expired",
            Command::RaiseWindow => "window",
            Command::Edit => "edit",
            _ => "",
        }
    }
}

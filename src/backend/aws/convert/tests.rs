//! Tests of the SDK-to-domain conversions, one per shape.
use super::*;
use time::macros::datetime;

fn dt(secs: i64) -> DateTime {
    DateTime::from_secs(secs)
}

#[test]
fn timestamps_keep_their_milliseconds() {
    let t = DateTime::from_millis(1_763_640_000_250);
    assert_eq!(time_of(&t), datetime!(2025-11-20 12:00:00.25 UTC));
}

#[test]
fn percent_done_parses_the_strings_aws_sends() {
    assert_eq!(percent(Some("42.5%")), Some(42));
    assert_eq!(percent(Some("100")), Some(100));
    assert_eq!(percent(Some("n/a")), None);
    assert_eq!(percent(Some("250")), None);
    assert_eq!(percent(None), None);
}

#[test]
fn resource_types_from_arns() {
    let cases = [
        ("arn:aws:s3:::acme-media", ResourceType::S3),
        (
            "arn:aws:dynamodb:us-east-1:1:table/orders",
            ResourceType::DynamoDB,
        ),
        ("arn:aws:ec2:us-east-1:1:instance/i-0abc", ResourceType::Ec2),
        ("arn:aws:ec2:us-east-1:1:volume/vol-0abc", ResourceType::Ebs),
        (
            "arn:aws:elasticfilesystem:us-east-1:1:file-system/fs-1",
            ResourceType::Efs,
        ),
        ("arn:aws:rds:us-east-1:1:db:orders-db", ResourceType::Rds),
        (
            "arn:aws:rds:us-east-1:1:cluster:aurora-1",
            ResourceType::Aurora,
        ),
        (
            "arn:aws:fsx:us-east-1:1:file-system/fs-0",
            ResourceType::FSx,
        ),
        (
            "arn:aws:storagegateway:us-east-1:1:gateway/sgw-1/volume/vol-1",
            ResourceType::StorageGateway,
        ),
        (
            "arn:aws:redshift:us-east-1:1:cluster:r",
            ResourceType::Other("redshift".into()),
        ),
    ];
    for (arn, expected) in cases {
        assert_eq!(resource_type_from_arn(arn), expected, "{arn}");
    }
}

#[test]
fn continuous_points_are_recognised_by_their_arn() {
    assert_eq!(
        backup_kind("arn:aws:backup:us-east-1:1:recovery-point:continuous:db-ABC-1a2b"),
        BackupKind::Continuous
    );
    assert_eq!(
        backup_kind("arn:aws:backup:us-east-1:1:recovery-point:1EB3B5E7-9EB0-435A"),
        BackupKind::Snapshot
    );
    assert_eq!(
        backup_kind("arn:aws:ec2:us-east-1::snapshot/snap-1"),
        BackupKind::Snapshot
    );
}

#[test]
fn a_vault_listing_point_keeps_every_field() {
    let p = bk::RecoveryPointByBackupVault::builder()
        .recovery_point_arn("arn:aws:backup:us-east-1:123456789012:recovery-point:RP1")
        .backup_vault_name("prod")
        .backup_vault_arn("arn:aws:backup:us-east-1:123456789012:backup-vault:prod")
        .resource_arn("arn:aws:s3:::acme-media")
        .resource_type("S3")
        .resource_name("acme-media")
        .status(bk::RecoveryPointStatus::Completed)
        .creation_date(dt(1_763_640_000))
        .completion_date(dt(1_763_640_600))
        .backup_size_in_bytes(2048)
        .is_encrypted(true)
        .encryption_key_arn("arn:aws:kms:us-east-1:123456789012:key/k1")
        .iam_role_arn("arn:aws:iam::123456789012:role/backup")
        .lifecycle(
            bk::Lifecycle::builder()
                .move_to_cold_storage_after_days(30)
                .delete_after_days(365)
                .build(),
        )
        .created_by(
            bk::RecoveryPointCreator::builder()
                .backup_plan_name("daily")
                .build(),
        )
        .build();
    let rp = recovery_point_by_vault(&p);
    assert_eq!(&*rp.vault_name, "prod");
    assert_eq!(rp.resource_type, ResourceType::S3);
    assert_eq!(rp.status, RecoveryPointStatus::Completed);
    assert_eq!(rp.size_bytes, Some(2048));
    assert!(rp.encrypted);
    assert_eq!(rp.lifecycle.delete_after_days, Some(365));
    assert_eq!(rp.lifecycle.move_to_cold_storage_after_days, Some(30));
    let created_by = rp.created_by.expect("made by a plan");
    assert_eq!(&*created_by.plan_name, "daily");
    assert_eq!(rp.completed, Some(datetime!(2025-11-20 12:10 UTC)));
    assert_eq!(rp.kind, BackupKind::Snapshot);
}

#[test]
fn a_resource_listing_point_gets_its_resource_and_vault_arn_from_the_query() {
    let p = bk::RecoveryPointByResource::builder()
        .recovery_point_arn(
            "arn:aws:backup:eu-central-1:123456789012:recovery-point:continuous:s3-1",
        )
        .backup_vault_name("prod")
        .status(bk::RecoveryPointStatus::from("AVAILABLE"))
        .creation_date(dt(1_763_640_000))
        .build();
    let rp = recovery_point_by_resource(&p, "arn:aws:s3:::acme-media", "eu-central-1");
    assert_eq!(&*rp.resource_arn, "arn:aws:s3:::acme-media");
    assert_eq!(&*rp.resource_name, "acme-media");
    assert_eq!(rp.resource_type, ResourceType::S3);
    assert_eq!(
        &*rp.vault_arn,
        "arn:aws:backup:eu-central-1:123456789012:backup-vault:prod"
    );
    assert_eq!(rp.status, RecoveryPointStatus::Available);
    assert_eq!(rp.kind, BackupKind::Continuous);
    assert!(!rp.encrypted);
}

#[test]
fn an_unknown_status_is_not_restorable() {
    let status = bk::RecoveryPointStatus::from("SOMETHING_NEW");
    let shown = recovery_point_status(Some(&status));
    assert!(!shown.is_restorable());
}

#[test]
fn protected_resources_fall_back_to_the_arn_for_type_and_name() {
    let r = bk::ProtectedResource::builder()
        .resource_arn("arn:aws:dynamodb:us-east-1:1:table/orders")
        .last_backup_time(dt(1_763_640_000))
        .build();
    let pr = protected_resource(&r);
    assert_eq!(pr.resource_type, ResourceType::DynamoDB);
    assert_eq!(&*pr.name, "orders");
    assert_eq!(pr.last_backup, Some(datetime!(2025-11-20 12:00 UTC)));
}

#[test]
fn vaults_keep_lock_and_count() {
    let v = bk::BackupVaultListMember::builder()
        .backup_vault_name("locked")
        .backup_vault_arn("arn:aws:backup:us-east-1:1:backup-vault:locked")
        .number_of_recovery_points(12)
        .locked(true)
        .min_retention_days(7)
        .max_retention_days(3650)
        .creation_date(dt(0))
        .build();
    let vault = backup_vault(&v, "us-east-1");
    assert_eq!(vault.recovery_points, 12);
    assert_eq!(vault.lock_label(), "Locked (7-3650 days)");
    assert_eq!(&*vault.region, "us-east-1");
}

#[test]
fn restore_and_copy_jobs() {
    let j = bk::RestoreJobsListMember::builder()
        .restore_job_id("job-1")
        .status(bk::RestoreJobStatus::Running)
        .percent_done("37%")
        .source_resource_arn("arn:aws:s3:::acme-media")
        .recovery_point_arn("arn:aws:backup:us-east-1:1:recovery-point:RP1")
        .expected_completion_time_minutes(12)
        .creation_date(dt(0))
        .build();
    let job = listed_restore_job(&j);
    assert_eq!(job.status, RestoreJobStatus::Running);
    assert_eq!(job.percent_done, Some(37));
    assert_eq!(&*job.source_resource_name, "acme-media");
    assert_eq!(job.resource_type, ResourceType::S3);
    assert_eq!(job.expected_completion_minutes, Some(12));

    let c = bk::CopyJob::builder()
        .copy_job_id("copy-1")
        .state(bk::CopyJobState::Failed)
        .status_message("Cold storage recovery points cannot be copied")
        .resource_arn("arn:aws:ec2:us-east-1:1:volume/vol-1")
        .destination_backup_vault_arn("arn:aws:backup:us-west-2:1:backup-vault:dr")
        .creation_date(dt(0))
        .build();
    let copy = copy_job(&c);
    assert_eq!(copy.state, CopyJobState::Failed);
    assert_eq!(copy.resource_type, ResourceType::Ebs);
    assert!(copy.status_message.is_some());
}

#[test]
fn bucket_ownership_decides_acls_and_kms_aliases_decide_aws_managed() {
    assert!(!bucket("b", "us-east-1", true, Some("BucketOwnerEnforced")).acls_enabled);
    assert!(bucket("b", "us-east-1", true, Some("ObjectWriter")).acls_enabled);
    assert!(bucket("b", "us-east-1", false, None).acls_enabled);
    assert!(kms_key("arn:k", Some("alias/aws/s3")).aws_managed);
    assert!(!kms_key("arn:k", Some("alias/restores")).aws_managed);
    assert!(!kms_key("arn:k", None).aws_managed);
}

#[test]
fn a_listed_plan_keeps_its_ids_and_dates() {
    let p = bk::BackupPlansListMember::builder()
        .backup_plan_id("plan-1")
        .backup_plan_arn("arn:aws:backup:us-east-1:1:backup-plan:plan-1")
        .backup_plan_name("daily-dr")
        .version_id("v1")
        .creation_date(dt(1_763_640_000))
        .last_execution_date(dt(1_763_640_600))
        .build();
    let plan = backup_plan(&p);
    assert_eq!(&*plan.id, "plan-1");
    assert_eq!(&*plan.arn, "arn:aws:backup:us-east-1:1:backup-plan:plan-1");
    assert_eq!(&*plan.name, "daily-dr");
    assert_eq!(&*plan.version_id, "v1");
    assert_eq!(plan.created, datetime!(2025-11-20 12:00 UTC));
    assert_eq!(plan.last_execution, Some(datetime!(2025-11-20 12:10 UTC)));
    let never_run = backup_plan(&bk::BackupPlansListMember::builder().build());
    assert_eq!(never_run.last_execution, None);
}

fn sdk_copy_action(arn: &str, delete_after_days: Option<i64>) -> bk::CopyAction {
    bk::CopyAction::builder()
        .destination_backup_vault_arn(arn)
        .set_lifecycle(
            delete_after_days.map(|d| bk::Lifecycle::builder().delete_after_days(d).build()),
        )
        .build()
        .expect("a copy action with its destination")
}

#[test]
fn a_rule_keeps_its_windows_lifecycle_and_copy_actions() {
    let r = bk::BackupRule::builder()
        .rule_name("daily")
        .target_backup_vault_name("Default")
        .schedule_expression("cron(0 5 ? * * *)")
        .start_window_minutes(60)
        .completion_window_minutes(120)
        .lifecycle(
            bk::Lifecycle::builder()
                .move_to_cold_storage_after_days(30)
                .delete_after_days(365)
                .build(),
        )
        .enable_continuous_backup(true)
        .copy_actions(sdk_copy_action(
            "arn:aws:backup:eu-central-1:1:backup-vault:dr",
            Some(-1),
        ))
        .build()
        .expect("a rule with its name and vault");
    let rule = backup_rule(&r);
    assert_eq!(rule.name, "daily");
    assert_eq!(rule.target_vault, "Default");
    assert_eq!(rule.schedule, "cron(0 5 ? * * *)");
    assert_eq!(rule.start_window_minutes, Some(60));
    assert_eq!(rule.completion_window_minutes, Some(120));
    assert_eq!(
        rule.lifecycle,
        Lifecycle {
            move_to_cold_storage_after_days: Some(30),
            delete_after_days: Some(365),
        }
    );
    assert!(rule.continuous);
    assert_eq!(rule.copy_actions.len(), 1);
    assert_eq!(
        rule.copy_actions[0].lifecycle.delete_after_days,
        Some(-1),
        "never expire stays -1"
    );
}

#[test]
fn a_rule_without_optional_members_uses_the_defaults() {
    let r = bk::BackupRule::builder()
        .rule_name("weekly")
        .target_backup_vault_name("Default")
        .build()
        .expect("a rule with its name and vault");
    let rule = backup_rule(&r);
    assert_eq!(rule.schedule, "");
    assert_eq!(rule.start_window_minutes, None);
    assert_eq!(rule.lifecycle, Lifecycle::default());
    assert!(!rule.continuous);
    assert!(rule.copy_actions.is_empty());
}

#[test]
fn a_copy_action_keeps_its_destination_and_lifecycle() {
    let copy = copy_action(&sdk_copy_action(
        "arn:aws:backup:eu-central-1:1:backup-vault:dr",
        Some(120),
    ));
    assert_eq!(
        copy.destination_vault_arn,
        "arn:aws:backup:eu-central-1:1:backup-vault:dr"
    );
    assert_eq!(copy.lifecycle.delete_after_days, Some(120));
    assert_eq!(copy.lifecycle.move_to_cold_storage_after_days, None);
}

#[test]
fn plan_details_take_the_name_and_rules_from_the_plan() {
    use aws_sdk_backup::operation::get_backup_plan::GetBackupPlanOutput;
    let plan = bk::BackupPlan::builder()
        .backup_plan_name("daily-dr")
        .rules(
            bk::BackupRule::builder()
                .rule_name("daily")
                .target_backup_vault_name("Default")
                .build()
                .expect("a rule"),
        )
        .build()
        .expect("a plan");
    let out = GetBackupPlanOutput::builder()
        .backup_plan(plan)
        .backup_plan_id("plan-1")
        .backup_plan_arn("arn:aws:backup:us-east-1:1:backup-plan:plan-1")
        .version_id("v2")
        .creation_date(dt(1_763_640_000))
        .build();
    let details = plan_details(&out);
    assert_eq!(&*details.plan.name, "daily-dr");
    assert_eq!(&*details.plan.id, "plan-1");
    assert_eq!(&*details.plan.version_id, "v2");
    assert_eq!(details.plan.created, datetime!(2025-11-20 12:00 UTC));
    let names: Vec<&str> = details.rules.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["daily"]);

    let empty = plan_details(&GetBackupPlanOutput::builder().build());
    assert_eq!(&*empty.plan.name, "");
    assert!(empty.rules.is_empty());
}

#[test]
fn region_settings_keep_both_maps_and_a_missing_map_is_empty() {
    use aws_sdk_backup::operation::describe_region_settings::DescribeRegionSettingsOutput;
    let out = DescribeRegionSettingsOutput::builder()
        .resource_type_opt_in_preference("EFS", true)
        .resource_type_opt_in_preference("Redshift", false)
        .build();
    let settings = region_settings("eu-west-1", &out);
    assert_eq!(settings.region, "eu-west-1");
    assert_eq!(
        settings.opt_in,
        BTreeMap::from([("EFS".to_string(), true), ("Redshift".to_string(), false)])
    );
    assert!(settings.management.is_empty());
}

fn s3_rule(
    filter: Option<aws_sdk_s3::types::ReplicationRuleFilter>,
) -> aws_sdk_s3::types::ReplicationRule {
    use aws_sdk_s3::types as s3;
    s3::ReplicationRule::builder()
        .id("finance")
        .priority(2)
        .set_filter(filter)
        .status(s3::ReplicationRuleStatus::Disabled)
        .destination(
            s3::Destination::builder()
                .bucket("arn:aws-cn:s3:::replica")
                .encryption_configuration(
                    s3::EncryptionConfiguration::builder()
                        .replica_kms_key_id("key-1")
                        .build(),
                )
                .build()
                .expect("a destination"),
        )
        .delete_marker_replication(
            s3::DeleteMarkerReplication::builder()
                .status(s3::DeleteMarkerReplicationStatus::Enabled)
                .build(),
        )
        .source_selection_criteria(
            s3::SourceSelectionCriteria::builder()
                .replica_modifications(
                    s3::ReplicaModifications::builder()
                        .status(s3::ReplicaModificationsStatus::Enabled)
                        .build()
                        .expect("complete"),
                )
                .build(),
        )
        .build()
        .expect("a rule")
}

#[test]
fn a_replication_rule_keeps_its_filter_destination_and_options() {
    use aws_sdk_s3::types as s3;
    let tag = |k: &str, v: &str| s3::Tag::builder().key(k).value(v).build().expect("a tag");
    let and = s3::ReplicationRuleFilter::builder()
        .and(
            s3::ReplicationRuleAndOperator::builder()
                .prefix("Finance/")
                .tags(tag("team", "finance"))
                .build(),
        )
        .build();
    let rule = replication::replication_rule(&s3_rule(Some(and)));
    assert_eq!(rule.id, "finance");
    assert_eq!(rule.priority, 2);
    assert!(!rule.enabled);
    assert_eq!(rule.filter.prefix, "Finance/");
    assert_eq!(
        rule.filter.tags,
        [("team".to_string(), "finance".to_string())]
    );
    assert_eq!(
        rule.destination_bucket, "replica",
        "any partition's bucket ARN"
    );
    assert_eq!(rule.replica_kms_key_id.as_deref(), Some("key-1"));
    assert!(rule.delete_marker_replication && rule.replica_modifications);
    assert!(!rule.replication_time_control && !rule.metrics);
    let one_tag = s3::ReplicationRuleFilter::builder()
        .tag(tag("team", "finance"))
        .build();
    let rule = replication::replication_rule(&s3_rule(Some(one_tag)));
    assert_eq!(
        (rule.filter.prefix.as_str(), rule.filter.tags.len()),
        ("", 1)
    );
    let summary = replication_summary(&crate::domain::replication::ReplicationConfig {
        role_arn: String::new(),
        rules: vec![
            rule.clone(),
            crate::domain::replication::ReplicationRule {
                enabled: true,
                ..rule
            },
        ],
    });
    assert_eq!((summary.rules, summary.enabled), (2, 1));
}

#[test]
fn an_unknown_job_status_reads_as_new() {
    use crate::domain::batch::JobStatus;
    use aws_sdk_s3control::types::JobStatus as Sdk;
    assert_eq!(
        batch::job_status(Some(&Sdk::Suspended)),
        JobStatus::Suspended
    );
    assert_eq!(
        batch::job_status(Some(&Sdk::from("Hibernating"))),
        JobStatus::New
    );
    assert_eq!(batch::job_status(None), JobStatus::New);
}

#[test]
fn a_point_made_by_a_plan_names_the_plan_version_and_rule() {
    let creator = bk::RecoveryPointCreator::builder()
        .backup_plan_id("plan-1")
        .backup_plan_arn("arn:aws:backup:us-east-1:123456789012:backup-plan:plan-1")
        .backup_plan_name("daily-dr")
        .backup_plan_version("v3")
        .backup_rule_id("rule-id-1")
        .backup_rule_name("daily")
        .build();
    let got = plan_ref(Some(&creator)).expect("made by a plan");
    assert_eq!(
        got,
        PlanRef {
            plan_id: "plan-1".into(),
            plan_name: "daily-dr".into(),
            plan_version: Some("v3".into()),
            rule_id: Some("rule-id-1".into()),
            rule_name: Some("daily".into()),
        }
    );
}

#[test]
fn a_creator_naming_only_the_plan_or_only_its_id_still_names_it() {
    let named = bk::RecoveryPointCreator::builder()
        .backup_plan_name("daily-dr")
        .build();
    assert_eq!(plan_ref(Some(&named)), Some(PlanRef::named("daily-dr")));
    let by_id = bk::RecoveryPointCreator::builder()
        .backup_plan_id("plan-1")
        .build();
    let got = plan_ref(Some(&by_id)).expect("an id is enough");
    assert_eq!((&*got.plan_id, &*got.plan_name), ("plan-1", "plan-1"));
}

#[test]
fn an_on_demand_point_has_no_plan() {
    assert_eq!(plan_ref(None), None);
    let empty = bk::RecoveryPointCreator::builder().build();
    assert_eq!(plan_ref(Some(&empty)), None, "an empty creator is no plan");
}

//! AwsBackend over HTTP against a real moto server on 127.0.0.1, for every call moto implements.

#[path = "../../../../tests/support/moto.rs"]
mod rig;

mod edits;

use super::{collect, nexts, ok_pages};
use crate::backend::aws::{AwsBackend, AwsSettings};
use crate::backend::{BackendError, BackendEvent, BackupBackend, ErrorKind, Page};
use crate::domain::batch::{BucketRequest, VersioningRequest};
use crate::domain::copy::CopyRequest;
use crate::domain::plan::{BackupRule, CopyAction, PlanRequest};
use crate::domain::replication::{
    ReplicationConfig, ReplicationFilter, ReplicationRequest, ReplicationRule, ReplicationSummary,
};
use crate::domain::restore::{Bucket, KmsKey, RestoreRequest};
use crate::domain::role::{RolePolicyRequest, RoleRequest};
use crate::domain::settings::SettingsRequest;
use crate::domain::{Lifecycle, ResourceType, VaultRequest};
use aws_credential_types::Credentials;
use aws_credential_types::provider::SharedCredentialsProvider;
use aws_smithy_async::rt::sleep::{SharedAsyncSleep, TokioSleep};
use aws_smithy_runtime_api::box_error::BoxError;
use aws_smithy_runtime_api::client::interceptors::context::FinalizerInterceptorContextMut;
use aws_smithy_runtime_api::client::interceptors::{Intercept, SharedInterceptor};
use aws_smithy_runtime_api::client::runtime_components::RuntimeComponents;
use aws_smithy_runtime_api::client::ser_de::{DeserializeResponse, SharedResponseDeserializer};
use aws_smithy_types::body::SdkBody;
use aws_smithy_types::config_bag::ConfigBag;
use rig::{ACCESS_KEY_ID, ACCOUNT_ID, Moto, REGION, SECRET_ACCESS_KEY};
use std::time::Duration;
use tokio::sync::mpsc::UnboundedReceiver;

/// Attempts per call: moto may drop a connection under the load of parallel tests.
const MAX_ATTEMPTS: u32 = 3;

/// Opens every boto3 seeding script: `client("s3")`, `client("backup", "us-west-2")`.
const PRELUDE: &str = r#"
import json, os, boto3
def client(name, region="us-east-1"):
    return boto3.client(name, endpoint_url=os.environ["AWS_ENDPOINT_URL"], region_name=region)
"#;

/// A moto server of its own and an `AwsBackend` pointed at it.
struct Emulator {
    moto: Moto,
    backend: AwsBackend,
    /// The backend's configuration, for a raw SDK client doing what the program never does.
    config: aws_config::SdkConfig,
    /// Kept open so that the backend's notices have somewhere to go.
    _events: UnboundedReceiver<BackendEvent>,
}

impl Emulator {
    fn start() -> Emulator {
        Emulator::with(false)
    }

    /// The configuration names the endpoint, Region and keys itself: the process environment
    /// and `~/.aws` play no part.
    fn with(read_only: bool) -> Emulator {
        let moto = Moto::start();
        let base = aws_config::SdkConfig::builder()
            .behavior_version(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new(REGION))
            .endpoint_url(&moto.endpoint)
            .credentials_provider(SharedCredentialsProvider::new(Credentials::new(
                ACCESS_KEY_ID,
                SECRET_ACCESS_KEY,
                None,
                None,
                "moto",
            )))
            .sleep_impl(SharedAsyncSleep::new(TokioSleep::new()))
            .retry_config(
                aws_smithy_types::retry::RetryConfig::standard()
                    .with_max_attempts(MAX_ATTEMPTS)
                    .with_initial_backoff(Duration::from_millis(10)),
            )
            .timeout_config(
                aws_smithy_types::timeout::TimeoutConfig::builder()
                    .operation_timeout(Duration::from_secs(60))
                    .build(),
            )
            .build();
        let mut settings = AwsSettings::new(REGION);
        settings.read_only = read_only;
        settings.max_attempts = MAX_ATTEMPTS;
        settings.initial_backoff = Duration::from_millis(10);
        let (tx, events) = tokio::sync::mpsc::unbounded_channel();
        let fix = vec![SharedInterceptor::new(VersioningRootFix)];
        let backend = AwsBackend::over_config(base.clone(), &settings, tx, fix);
        Emulator {
            moto,
            backend,
            config: base,
            _events: events,
        }
    }

    /// Runs the AWS CLI against moto; `line` is split on spaces (so no argument holds one).
    fn cli(&self, line: &str) {
        self.moto.aws_ok(&line.split(' ').collect::<Vec<_>>());
    }

    /// Runs a boto3 script (after [`PRELUDE`]) and parses the JSON it prints.
    fn seed(&self, script: &str) -> serde_json::Value {
        let out = self.moto.python(&format!("{PRELUDE}\n{script}"));
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("seed printed {out:?}: {e}"))
    }

    /// The only error of a listing that must fail at once.
    fn sole_error<T: std::fmt::Debug>(
        &self,
        items: Vec<Result<Page<T>, BackendError>>,
    ) -> BackendError {
        match <[_; 1]>::try_from(items) {
            Ok([Err(e)]) => e,
            other => panic!("expected one error, got {other:?}\n{}", self.moto.log()),
        }
    }

    /// The GETs moto served but the seeds' own ListBuckets (`GET /`), sorted: the backend's
    /// S3 calls in the bucket tests.
    fn s3_gets(&self) -> Vec<String> {
        let requests = self.moto.requests().into_iter();
        let mut gets: Vec<String> = requests
            .filter(|r| r.starts_with("GET /") && r != "GET /")
            .collect();
        gets.sort();
        gets
    }
}

/// moto 5.2 answers GetBucketVersioning under `<GetBucketVersioningResponse>` where AWS says
/// `<VersioningConfiguration>`. The SDK rejects that root, and the backend then reads versioning
/// as off (its fail-safe), so no bucket would ever show as versioned. This renames the root of
/// moto's answer and lets the SDK deserialize it again; any other answer is left alone.
#[derive(Debug)]
struct VersioningRootFix;

impl Intercept for VersioningRootFix {
    fn name(&self) -> &'static str {
        "VersioningRootFix"
    }

    fn modify_before_attempt_completion(
        &self,
        context: &mut FinalizerInterceptorContextMut<'_>,
        _runtime_components: &RuntimeComponents,
        cfg: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(response) = context.response_mut() else {
            return Ok(());
        };
        // The body was read into memory for deserialization.
        let Some(xml) = response.body().bytes().map(String::from_utf8_lossy) else {
            return Ok(());
        };
        if !xml.contains("<GetBucketVersioningResponse") {
            return Ok(());
        }
        let fixed = xml.replace("GetBucketVersioningResponse", "VersioningConfiguration");
        *response.body_mut() = SdkBody::from(fixed);
        let deserializer = cfg
            .load::<SharedResponseDeserializer>()
            .ok_or("no response deserializer")?;
        let output = deserializer.deserialize_nonstreaming_with_config(response, cfg);
        if let Some(slot) = context.output_or_error_mut() {
            *slot = output;
        }
        Ok(())
    }
}

/// Every item of pages that must all arrive.
fn items<T>(pages: Vec<Page<T>>) -> Vec<T> {
    pages.into_iter().flat_map(|p| p.items).collect()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .expect("a JSON array")
        .iter()
        .map(|v| v.as_str().expect("a JSON string").to_string())
        .collect()
}

/// Name, ARN and Region of each vault.
async fn vaults(emu: &Emulator, region: &str) -> Vec<(String, String, String)> {
    items(ok_pages(emu.backend.list_backup_vaults(region)).await)
        .into_iter()
        .map(|v| (v.name.to_string(), v.arn.to_string(), v.region.to_string()))
        .collect()
}

fn vault(region: &str, name: &str) -> (String, String, String) {
    let arn = format!("arn:aws:backup:{region}:{ACCOUNT_ID}:backup-vault:{name}");
    (name.to_string(), arn, region.to_string())
}

/// One ListBuckets of the home Region, then the three settings of each bucket, path-style (the
/// bucket is the first path segment, not a host name); sorted.
fn bucket_calls<S: AsRef<str>>(names: &[S]) -> Vec<String> {
    let mut calls = vec![format!("GET /?x-id=ListBuckets&bucket-region={REGION}")];
    for name in names.iter().map(AsRef::as_ref) {
        calls.push(format!("GET /{name}/?versioning"));
        calls.push(format!("GET /{name}/?ownershipControls"));
        calls.push(format!("GET /{name}/?replication"));
    }
    calls.sort();
    calls
}

/// A bucket as listed from moto: none of them has a replication configuration.
fn bucket(name: &str, versioning: bool, acls_enabled: bool) -> Bucket {
    Bucket {
        name: name.to_string(),
        region: REGION.to_string(),
        versioning,
        acls_enabled,
        replication: Some(ReplicationSummary::default()),
        objects: None,
    }
}

/// An S3 restore as the wizard builds it, of a point moto has never heard of.
fn restore_request() -> RestoreRequest {
    let metadata = [("DestinationBucketName", "restored"), ("NewBucket", "true")];
    RestoreRequest {
        region: REGION.to_string(),
        recovery_point_arn: format!("arn:aws:backup:{REGION}:{ACCOUNT_ID}:recovery-point:p-1"),
        resource_type: ResourceType::S3,
        iam_role_arn: Some(format!("arn:aws:iam::{ACCOUNT_ID}:role/restorer")),
        idempotency_token: "token-p-1".to_string(),
        metadata: metadata
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    }
}

#[tokio::test]
async fn caller_identity_is_motos_account() {
    let emu = Emulator::start();
    let id = emu
        .backend
        .caller_identity()
        .await
        .expect("GetCallerIdentity");
    assert_eq!(id.account_id, ACCOUNT_ID);
    // moto's fixed identity for keys it never issued.
    assert_eq!(id.arn, format!("arn:aws:sts::{ACCOUNT_ID}:user/moto"));
}

#[tokio::test]
async fn buckets_carry_versioning_and_object_ownership() {
    let emu = Emulator::start();
    let order = emu.seed(
        r#"
s3 = client("s3")
def ownership(bucket, rule):
    s3.put_bucket_ownership_controls(
        Bucket=bucket, OwnershipControls={"Rules": [{"ObjectOwnership": rule}]})
def versioning(bucket, status):
    s3.put_bucket_versioning(Bucket=bucket, VersioningConfiguration={"Status": status})
s3.create_bucket(Bucket="versioned-enforced")
versioning("versioned-enforced", "Enabled")
ownership("versioned-enforced", "BucketOwnerEnforced")
s3.create_bucket(Bucket="suspended-writer")
versioning("suspended-writer", "Enabled")
versioning("suspended-writer", "Suspended")
ownership("suspended-writer", "ObjectWriter")
s3.create_bucket(Bucket="plain")
print(json.dumps([b["Name"] for b in s3.list_buckets()["Buckets"]]))
"#,
    );
    let pages = ok_pages(emu.backend.list_buckets(REGION)).await;
    assert_eq!(nexts(&pages), [None], "three buckets make one page");
    let buckets = items(pages);
    let names: Vec<&str> = buckets.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, strings(&order), "in the order moto lists them");
    let mut buckets = buckets;
    buckets.sort_by(|a, b| a.name.cmp(&b.name));
    assert_eq!(
        buckets,
        [
            // No ownership controls at all: ACLs are on.
            bucket("plain", false, true),
            // Suspended versioning is not enabled; ObjectWriter keeps ACLs.
            bucket("suspended-writer", false, true),
            bucket("versioned-enforced", true, false),
        ]
    );
    let names = ["plain", "suspended-writer", "versioned-enforced"];
    assert_eq!(emu.s3_gets(), bucket_calls(&names));
}

#[tokio::test]
async fn many_buckets_arrive_in_pages_of_fifty() {
    let emu = Emulator::start();
    let order = emu.seed(
        r#"
s3 = client("s3")
for i in range(120):
    s3.create_bucket(Bucket=f"bucket-{(i * 37) % 120:03}")
print(json.dumps([b["Name"] for b in s3.list_buckets()["Buckets"]]))
"#,
    );
    let order = strings(&order);
    assert_eq!(order.len(), 120);
    let pages = ok_pages(emu.backend.list_buckets(REGION)).await;
    let sizes: Vec<usize> = pages.iter().map(|p| p.items.len()).collect();
    assert_eq!(sizes, [50, 50, 20]);
    assert_eq!(nexts(&pages)[2], None);
    assert!(nexts(&pages)[..2].iter().all(Option::is_some));
    let buckets = items(pages);
    let names: Vec<&str> = buckets.iter().map(|b| b.name.as_str()).collect();
    assert_eq!(names, order);
    assert!(
        buckets.iter().all(|b| !b.versioning && b.acls_enabled),
        "{buckets:?}"
    );
    // One ListBuckets call (moto answers them all at once), and each bucket looked up once.
    assert_eq!(emu.s3_gets(), bucket_calls(&order));
}

#[tokio::test]
async fn kms_keys_come_with_their_aliases() {
    let emu = Emulator::start();
    let arns = strings(&emu.seed(
        r#"
kms = client("kms")
plain = kms.create_key(Description="plain")["KeyMetadata"]
aliased = kms.create_key(Description="aliased")["KeyMetadata"]
kms.create_alias(AliasName="alias/restores", TargetKeyId=aliased["KeyId"])
print(json.dumps([plain["Arn"], aliased["Arn"]]))
"#,
    ));
    let mut keys = items(ok_pages(emu.backend.list_kms_keys(REGION)).await);
    keys.sort_by_key(|k| k.alias.is_some());
    let key = |arn: &str, alias: Option<&str>| KmsKey {
        arn: arn.to_string(),
        alias: alias.map(str::to_string),
        aws_managed: false,
    };
    let want = [key(&arns[0], None), key(&arns[1], Some("alias/restores"))];
    assert_eq!(keys, want);
    assert!(arns[1].starts_with(&format!("arn:aws:kms:{REGION}:{ACCOUNT_ID}:key/")));
}

#[tokio::test]
async fn iam_roles_are_listed_with_their_arns() {
    let emu = Emulator::start();
    let trust = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"backup.amazonaws.com"},"Action":"sts:AssumeRole"}]}"#;
    emu.cli(&format!(
        "iam create-role --role-name restorer --assume-role-policy-document {trust}"
    ));
    emu.cli(&format!(
        "iam create-role --role-name AWSBackupDefaultServiceRole --path /service-role/ \
         --assume-role-policy-document {trust}"
    ));
    let mut roles: Vec<(String, String)> = items(ok_pages(emu.backend.list_iam_roles()).await)
        .into_iter()
        .map(|r| (r.name, r.arn))
        .collect();
    roles.sort();
    let arn = |path: &str| format!("arn:aws:iam::{ACCOUNT_ID}:role/{path}");
    assert_eq!(
        roles,
        [
            (
                "AWSBackupDefaultServiceRole".to_string(),
                arn("service-role/AWSBackupDefaultServiceRole")
            ),
            ("restorer".to_string(), arn("restorer")),
        ]
    );
}

#[tokio::test]
async fn a_replication_role_is_created_with_its_trust_and_inline_policy() {
    let emu = Emulator::start();
    let role = RoleRequest::for_s3(REGION, "s3-finance-repl", "S3 replication from finance");
    let arn = emu.backend.create_role(&role).await.expect("created");
    assert_eq!(arn, role.arn(ACCOUNT_ID));
    let policy = RolePolicyRequest {
        region: REGION.into(),
        role_name: role.name.clone(),
        policy_name: "s3-replication".into(),
        source_bucket: "finance-source".into(),
        destination_bucket: "finance-replica".into(),
    };
    emu.backend
        .put_role_policy(&policy)
        .await
        .expect("policy put");
    let read = emu.seed(
        r#"
iam = client("iam")
role = iam.get_role(RoleName="s3-finance-repl")["Role"]
doc = iam.get_role_policy(RoleName="s3-finance-repl", PolicyName="s3-replication")["PolicyDocument"]
trust = role["AssumeRolePolicyDocument"]
print(json.dumps({"arn": role["Arn"], "path": role["Path"],
    "trust": trust if isinstance(trust, dict) else json.loads(trust),
    "policy": doc if isinstance(doc, dict) else json.loads(doc)}))
"#,
    );
    assert_eq!(read["arn"], arn);
    assert_eq!(read["path"], "/service-role/");
    let trust: serde_json::Value = serde_json::from_str(&role.trust_policy()).unwrap();
    assert_eq!(read["trust"], trust);
    let sent: serde_json::Value = serde_json::from_str(&policy.policy()).unwrap();
    assert_eq!(read["policy"], sent);

    let again = emu
        .backend
        .create_role(&role)
        .await
        .expect_err("a taken name");
    assert_eq!(again.kind, ErrorKind::InvalidInput, "{again:?}");
}

#[tokio::test]
async fn dynamodb_tables_are_listed() {
    let emu = Emulator::start();
    emu.seed(
        r#"
ddb = client("dynamodb")
for name in ["orders", "customers"]:
    ddb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST")
print("null")
"#,
    );
    let mut tables = items(ok_pages(emu.backend.list_tables(REGION)).await);
    tables.sort();
    assert_eq!(tables, ["customers", "orders"]);
}

#[tokio::test]
async fn backup_vaults_are_listed_with_arn_and_region() {
    let emu = Emulator::start();
    emu.seed(
        r#"
backup = client("backup")
for name in ["main", "archive"]:
    backup.create_backup_vault(BackupVaultName=name)
print("null")
"#,
    );
    let mut listed = vaults(&emu, REGION).await;
    listed.sort();
    assert_eq!(listed, [vault(REGION, "archive"), vault(REGION, "main")]);
}

#[tokio::test]
async fn calls_moto_lacks_are_not_implemented_and_name_the_action() {
    let emu = Emulator::start();
    let resources = emu.sole_error(collect(emu.backend.list_protected_resources(REGION)).await);
    let jobs = emu.sole_error(collect(emu.backend.list_restore_jobs(REGION)).await);
    let arn = format!("arn:aws:backup:{REGION}:{ACCOUNT_ID}:recovery-point:p-1");
    let point = emu
        .backend
        .describe_recovery_point(REGION, "main", &arn)
        .await
        .expect_err("moto has no DescribeRecoveryPoint");
    for (error, action) in [
        (resources, "backup:ListProtectedResources"),
        (jobs, "backup:ListRestoreJobs"),
        (point, "backup:DescribeRecoveryPoint"),
    ] {
        assert_eq!(error.kind, ErrorKind::NotImplemented, "{error:?}");
        assert!(error.message.contains(action), "{error:?}");
    }
    // Each was sent once (a 404 is not retried), and moto answered 404.
    let sent = [
        "GET /resources?maxResults=200".to_string(),
        "GET /restore-jobs?maxResults=200".to_string(),
        format!("GET /backup-vaults/main/recovery-points/{arn}"),
    ];
    assert_eq!(
        emu.moto.requests_with_status(),
        sent.map(|request| (request, 404))
    );
}

#[tokio::test]
async fn a_restore_is_sent_and_moto_cannot_run_it() {
    let emu = Emulator::start();
    let error = emu
        .backend
        .start_restore_job(&restore_request())
        .await
        .expect_err("moto has no StartRestoreJob");
    assert_eq!(error.kind, ErrorKind::NotImplemented, "{error:?}");
    assert!(
        error.message.contains("backup:StartRestoreJob"),
        "{error:?}"
    );
    // Sent once (a 404 is not retried); moto answered 404.
    assert_eq!(
        emu.moto.requests_with_status(),
        [("PUT /restore-jobs".to_string(), 404)]
    );
}

#[tokio::test]
async fn read_only_never_sends_a_restore_but_still_lists() {
    let emu = Emulator::with(true);
    emu.cli("backup create-backup-vault --backup-vault-name main");
    let error = emu
        .backend
        .start_restore_job(&restore_request())
        .await
        .expect_err("read-only refuses StartRestoreJob");
    assert_eq!(error.kind, ErrorKind::ReadOnly, "{error:?}");
    assert!(error.message.contains("StartRestoreJob"), "{error:?}");
    assert_eq!(vaults(&emu, REGION).await, [vault(REGION, "main")]);
    // The log is live: the seeding and the listing after the refusal are in it, the restore
    // is not.
    let requests = emu.moto.requests();
    assert!(!requests.iter().any(|r| r.contains("/restore-jobs")));
    assert_eq!(
        requests,
        [
            "PUT /backup-vaults/main",
            "GET /backup-vaults?maxResults=200"
        ]
    );
}

#[tokio::test]
async fn each_region_lists_only_its_own_vaults() {
    let emu = Emulator::start();
    emu.cli("backup create-backup-vault --backup-vault-name west --region us-west-2");
    emu.cli("backup create-backup-vault --backup-vault-name east");
    assert_eq!(
        vaults(&emu, "us-west-2").await,
        [vault("us-west-2", "west")]
    );
    assert_eq!(
        vaults(&emu, "us-east-1").await,
        [vault("us-east-1", "east")]
    );
    // And back again: the us-west-2 clients are reused, still pointed at us-west-2.
    assert_eq!(
        vaults(&emu, "us-west-2").await,
        [vault("us-west-2", "west")]
    );
}

fn vault_request(region: &str, name: &str) -> VaultRequest {
    VaultRequest {
        region: region.to_string(),
        name: name.to_string(),
        creator_request_id: format!("backup-tui-{name}"),
    }
}

/// A plan of one daily rule into `main` with a copy rule to `dr` in us-west-2; the windows
/// are left to the service's defaults.
fn plan_request(name: &str, creator_request_id: &str) -> PlanRequest {
    PlanRequest {
        region: REGION.to_string(),
        name: name.to_string(),
        rules: vec![BackupRule {
            id: None,
            name: "daily".to_string(),
            target_vault: "main".to_string(),
            schedule: "cron(0 3 ? * * *)".to_string(),
            start_window_minutes: None,
            completion_window_minutes: None,
            lifecycle: Lifecycle {
                move_to_cold_storage_after_days: None,
                delete_after_days: Some(35),
            },
            continuous: false,
            copy_actions: vec![CopyAction {
                destination_vault_arn: vault("us-west-2", "dr").1,
                lifecycle: Lifecycle {
                    move_to_cold_storage_after_days: None,
                    delete_after_days: Some(120),
                },
            }],
        }],
        creator_request_id: creator_request_id.to_string(),
    }
}

#[tokio::test]
async fn a_created_vault_is_made_in_its_region_and_listed() {
    let emu = Emulator::start();
    let arn = emu
        .backend
        .create_backup_vault(&vault_request("us-west-2", "dr"))
        .await
        .expect("CreateBackupVault");
    assert_eq!(arn, vault("us-west-2", "dr").1);
    assert_eq!(vaults(&emu, "us-west-2").await, [vault("us-west-2", "dr")]);
    assert_eq!(vaults(&emu, REGION).await, [], "not in the home Region");
}

#[tokio::test]
async fn a_plan_with_a_copy_rule_is_created_listed_and_read_back() {
    let emu = Emulator::start();
    let request = plan_request("daily-dr", "backup-tui-plan-1");
    let id = emu
        .backend
        .create_backup_plan(&request)
        .await
        .expect("CreateBackupPlan");
    assert!(!id.is_empty());

    let plans = items(ok_pages(emu.backend.list_backup_plans(REGION)).await);
    let [listed] = plans.as_slice() else {
        panic!("one plan: {plans:?}");
    };
    assert_eq!(&*listed.id, id.as_str());
    assert_eq!(&*listed.name, "daily-dr");
    assert_eq!(
        &*listed.arn,
        format!("arn:aws:backup:{REGION}:{ACCOUNT_ID}:backup-plan:{id}")
    );
    assert!(!listed.version_id.is_empty());
    assert_eq!(listed.last_execution, None, "never run");

    let details = emu
        .backend
        .get_backup_plan(REGION, &id)
        .await
        .expect("GetBackupPlan");
    assert_eq!(&details.plan, listed, "the same plan as listed");
    let [rule] = details.rules.as_slice() else {
        panic!("one rule: {:?}", details.rules);
    };
    assert_eq!(rule.name, "daily");
    assert_eq!(rule.target_vault, "main");
    assert_eq!(rule.schedule, "cron(0 3 ? * * *)");
    // Not sent, so moto fills in the service's defaults: 8 hours and 7 days.
    assert_eq!(rule.start_window_minutes, Some(480));
    assert_eq!(rule.completion_window_minutes, Some(10080));
    assert_eq!(rule.lifecycle, request.rules[0].lifecycle);
    assert!(!rule.continuous);
    assert_eq!(rule.copy_actions, request.rules[0].copy_actions);

    assert_eq!(
        emu.moto.requests_with_status(),
        [
            ("PUT /backup/plans".to_string(), 200),
            (
                "GET /backup/plans?maxResults=200&includeDeleted=false".to_string(),
                200
            ),
            (format!("GET /backup/plans/{id}"), 200),
        ]
    );
}

#[tokio::test]
async fn a_duplicate_plan_name_is_refused_with_a_clear_message() {
    let emu = Emulator::start();
    emu.backend
        .create_backup_plan(&plan_request("daily-dr", "backup-tui-plan-1"))
        .await
        .expect("the first plan");
    let error = emu
        .backend
        .create_backup_plan(&plan_request("daily-dr", "backup-tui-plan-2"))
        .await
        .expect_err("moto refuses a second plan of the same name");
    assert_eq!(error.kind, ErrorKind::InvalidInput, "{error:?}");
    assert_eq!(
        error.message,
        "CreateBackupPlan refused: Backup plan with the same plan document already exists. \
         Choose another name."
    );
    let plans = items(ok_pages(emu.backend.list_backup_plans(REGION)).await);
    assert_eq!(plans.len(), 1, "still one plan: {plans:?}");
}

#[tokio::test]
async fn read_only_never_creates_a_vault_or_a_plan_but_still_lists_plans() {
    let emu = Emulator::with(true);
    let vault_error = emu
        .backend
        .create_backup_vault(&vault_request(REGION, "dr"))
        .await
        .expect_err("read-only refuses CreateBackupVault");
    let plan_error = emu
        .backend
        .create_backup_plan(&plan_request("daily-dr", "backup-tui-plan-1"))
        .await
        .expect_err("read-only refuses CreateBackupPlan");
    for (error, operation) in [
        (vault_error, "CreateBackupVault"),
        (plan_error, "CreateBackupPlan"),
    ] {
        assert_eq!(error.kind, ErrorKind::ReadOnly, "{error:?}");
        assert!(error.message.contains(operation), "{error:?}");
    }
    let plans = items(ok_pages(emu.backend.list_backup_plans(REGION)).await);
    assert!(plans.is_empty(), "{plans:?}");
    assert_eq!(
        emu.moto.requests(),
        ["GET /backup/plans?maxResults=200&includeDeleted=false"]
    );
}

#[tokio::test]
async fn copy_and_opt_in_calls_moto_lacks_are_not_implemented() {
    let emu = Emulator::start();
    let copy = CopyRequest {
        region: REGION.to_string(),
        recovery_point_arn: format!("arn:aws:backup:{REGION}:{ACCOUNT_ID}:recovery-point:p-1"),
        source_vault_name: "main".to_string(),
        destination_vault_arn: vault("us-west-2", "dr").1,
        iam_role_arn: format!("arn:aws:iam::{ACCOUNT_ID}:role/copier"),
        idempotency_token: "token-copy-1".to_string(),
        lifecycle: None,
    };
    let settings = SettingsRequest {
        region: REGION.to_string(),
        opt_in: [("EFS".to_string(), true)].into(),
        management: Default::default(),
    };
    let b = &emu.backend;
    let results = [
        (
            b.start_copy_job(&copy).await.map(drop),
            "backup:StartCopyJob",
        ),
        (
            b.describe_copy_job(REGION, "copy-1").await.map(drop),
            "backup:DescribeCopyJob",
        ),
        (
            b.describe_region_settings(REGION).await.map(drop),
            "backup:DescribeRegionSettings",
        ),
        (
            b.update_region_settings(&settings).await,
            "backup:UpdateRegionSettings",
        ),
    ];
    for (result, action) in results {
        let error = result.expect_err(action);
        assert_eq!(error.kind, ErrorKind::NotImplemented, "{error:?}");
        assert!(error.message.contains(action), "{error:?}");
    }
    // Each sent once (a 404 is not retried).
    let sent = [
        "PUT /copy-jobs",
        "GET /copy-jobs/copy-1",
        "GET /account-settings",
        "PUT /account-settings",
    ];
    assert_eq!(
        emu.moto.requests_with_status(),
        sent.map(|request| (request.to_string(), 404))
    );
}

/// The seed's rule: `Finance/` from the source to the replica, RTC with metrics, STANDARD_IA.
fn finance_replication() -> ReplicationRequest {
    ReplicationRequest {
        region: REGION.to_string(),
        bucket: "finance-source".to_string(),
        config: ReplicationConfig {
            role_arn: format!("arn:aws:iam::{ACCOUNT_ID}:role/s3-replication"),
            rules: vec![ReplicationRule {
                id: "finance".to_string(),
                enabled: true,
                priority: 1,
                filter: ReplicationFilter {
                    prefix: "Finance/".to_string(),
                    tags: Vec::new(),
                },
                destination_bucket: "finance-replica".to_string(),
                destination_region: "us-west-2".to_string(),
                storage_class: Some("STANDARD_IA".to_string()),
                replica_kms_key_id: None,
                replication_time_control: true,
                metrics: true,
                delete_marker_replication: false,
                replica_modifications: false,
            }],
        },
    }
}

#[tokio::test]
async fn replication_between_two_regions_is_saved_read_back_and_listed() {
    let emu = Emulator::start();
    let b = &emu.backend;
    for (region, name) in [(REGION, "finance-source"), ("us-west-2", "finance-replica")] {
        let request = BucketRequest {
            region: region.to_string(),
            name: name.to_string(),
        };
        assert_eq!(b.create_bucket(&request).await.expect("created"), name);
    }
    // moto, like S3, refuses replication from a bucket without versioning.
    let refused = b
        .put_bucket_replication(&finance_replication())
        .await
        .expect_err("an unversioned source");
    assert_eq!(refused.kind, ErrorKind::InvalidInput, "{refused:?}");
    assert!(
        refused.message.contains("Versioning must be 'Enabled'"),
        "{refused:?}"
    );
    for (region, name) in [(REGION, "finance-source"), ("us-west-2", "finance-replica")] {
        let request = VersioningRequest {
            region: region.to_string(),
            bucket: name.to_string(),
        };
        b.put_bucket_versioning(&request).await.expect("versioned");
    }
    b.put_bucket_replication(&finance_replication())
        .await
        .expect("saved");
    let config = b
        .get_bucket_replication(REGION, "finance-source")
        .await
        .expect("read")
        .expect("a configuration");
    assert_eq!(config.role_arn, finance_replication().config.role_arn);
    let [rule] = config.rules.as_slice() else {
        panic!("one rule: {config:?}")
    };
    // What moto keeps (its GET drops the Filter, DeleteMarkerReplication and
    // SourceSelectionCriteria, so those are not asserted here; the mock tests assert them).
    assert_eq!(rule.id, "finance");
    assert_eq!(rule.priority, 1);
    assert!(rule.enabled);
    assert_eq!(rule.destination_bucket, "finance-replica");
    assert_eq!(rule.storage_class.as_deref(), Some("STANDARD_IA"));
    assert!(rule.replication_time_control && rule.metrics);
    let none = b
        .get_bucket_replication("us-west-2", "finance-replica")
        .await
        .expect("read");
    assert_eq!(
        none, None,
        "no configuration reads as none, not as a failure"
    );
    let home = items(ok_pages(b.list_buckets(REGION)).await);
    assert_eq!(
        home,
        [Bucket {
            replication: Some(ReplicationSummary {
                rules: 1,
                enabled: 1
            }),
            ..bucket("finance-source", true, true)
        }]
    );
    let west = items(ok_pages(b.list_buckets("us-west-2")).await);
    let west: Vec<_> = west
        .iter()
        .map(|b| {
            (
                b.name.as_str(),
                b.region.as_str(),
                b.versioning,
                b.replication,
            )
        })
        .collect();
    assert_eq!(
        west,
        [(
            "finance-replica",
            "us-west-2",
            true,
            Some(ReplicationSummary::default())
        )]
    );
}

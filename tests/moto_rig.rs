//! The moto rig itself: a real moto server on 127.0.0.1, seeded and read back with the AWS CLI
//! and boto3, its request log, its reset, and two servers side by side.

#[path = "support/moto.rs"]
mod moto;

use moto::Moto;
use serde_json::Value;

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}):\n{text}"))
}

fn bucket_names(moto: &Moto) -> Vec<String> {
    let listing = json(&moto.aws_ok(&["s3api", "list-buckets"]));
    listing["Buckets"]
        .as_array()
        .expect("list-buckets has Buckets")
        .iter()
        .map(|bucket| {
            bucket["Name"]
                .as_str()
                .expect("a bucket's Name")
                .to_string()
        })
        .collect()
}

#[test]
fn seeds_lists_logs_and_resets() {
    let moto = Moto::start();

    moto.aws_ok(&["s3api", "create-bucket", "--bucket", "rig-bucket"]);
    moto.aws_ok(&[
        "backup",
        "create-backup-vault",
        "--backup-vault-name",
        "rig-vault",
    ]);

    assert_eq!(bucket_names(&moto), ["rig-bucket"]);
    let vaults = json(&moto.aws_ok(&["backup", "list-backup-vaults"]));
    let vault = &vaults["BackupVaultList"][0];
    assert_eq!(vault["BackupVaultName"], "rig-vault", "{vaults:#}");
    assert_eq!(
        vault["BackupVaultArn"],
        format!(
            "arn:aws:backup:{}:{}:backup-vault:rig-vault",
            moto::REGION,
            moto::ACCOUNT_ID
        )
    );

    let requests = moto.requests();
    for expected in [
        "PUT /rig-bucket",
        "PUT /backup-vaults/rig-vault",
        "GET /backup-vaults/",
    ] {
        assert!(
            requests.iter().any(|r| r == expected),
            "no `{expected}` in {requests:#?}\n{}",
            moto.log()
        );
    }
    assert!(
        !requests.iter().any(|r| r.contains("/moto-api/")),
        "the rig's own calls are left out: {requests:#?}"
    );

    // Operations moto lacks are logged too (404), so a forbidden call is still seen.
    let missing = moto.aws_cli(&["backup", "list-restore-jobs"]);
    assert!(!missing.status.success(), "moto has no ListRestoreJobs");
    assert_eq!(
        moto.requests_with_status().last(),
        Some(&("GET /restore-jobs/".to_string(), 404))
    );

    moto.reset();
    assert!(bucket_names(&moto).is_empty(), "reset forgets the buckets");
}

#[test]
fn two_servers_run_side_by_side() {
    let (a, b) = (Moto::start(), Moto::start());
    assert_ne!(a.port, b.port);

    // One Python process seeds many buckets quickly; the other server sees none of them.
    let seeded = a.python(
        r#"
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
for i in range(25):
    s3.create_bucket(Bucket=f"side-{i:03}")
print(len(s3.list_buckets()["Buckets"]))
"#,
    );
    assert_eq!(seeded.trim(), "25");
    let count_buckets = r#"
import os, boto3
s3 = boto3.client("s3", endpoint_url=os.environ["AWS_ENDPOINT_URL"])
print(len(s3.list_buckets()["Buckets"]))
"#;
    assert_eq!(b.python(count_buckets).trim(), "0");

    assert!(a.requests().iter().any(|r| r == "PUT /side-024"));
    assert_eq!(b.requests(), ["GET /"], "{}", b.log());
}

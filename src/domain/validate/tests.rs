use super::*;
use proptest::prelude::*;
use time::macros::datetime;

/// The error message, failing the test if the input was accepted.
#[track_caller]
fn err<T: std::fmt::Debug>(r: Result<T, String>) -> String {
    r.expect_err("expected an error")
}

#[track_caller]
fn assert_err<T: std::fmt::Debug>(r: Result<T, String>, part: &str) {
    let msg = err(r);
    assert!(msg.contains(part), "{msg:?} does not contain {part:?}");
}

fn strings(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| s.to_string()).collect()
}

#[test]
fn bucket_names() {
    for ok in [
        "abc",
        "my-bucket.2026",
        "a1b",
        &"a".repeat(63),
        "1-2.3-4",
        "192.168.5",
    ] {
        assert_eq!(bucket_name(ok), Ok(()), "{ok}");
    }
    assert_eq!(
        err(bucket_name("ab")),
        "Bucket names must be 3 to 63 characters long (this one has 2)."
    );
    assert_err(bucket_name(&"a".repeat(64)), "(this one has 64)");
    assert_err(bucket_name("ééé"), "lowercase letters, digits, periods");
    assert_err(bucket_name("My-Bucket"), "not 'M'");
    assert_err(bucket_name("my_bucket"), "not '_'");
    assert_err(
        bucket_name("-bucket"),
        "start and end with a letter or digit",
    );
    assert_err(
        bucket_name("bucket."),
        "start and end with a letter or digit",
    );
    assert_err(bucket_name("my..bucket"), "two periods in a row");
    assert_err(bucket_name("192.168.5.4"), "IP address");
    assert_err(bucket_name("xn--bucket"), "must not start with xn--");
    assert_err(
        bucket_name("sthree-configurator"),
        "must not start with sthree-",
    );
    assert_err(
        bucket_name("amzn-s3-demo-bucket"),
        "start with amzn-s3-demo-",
    );
    for suffix in ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] {
        assert_err(
            bucket_name(&format!("data{suffix}")),
            &format!("end with {suffix} "),
        );
    }
}

#[test]
fn dynamodb_table_names() {
    for ok in ["orders", "Orders_2026.v1-restored", "abc", &"t".repeat(255)] {
        assert_eq!(dynamodb_table_name(ok), Ok(()), "{ok}");
    }
    assert_err(
        dynamodb_table_name("ab"),
        "3 to 255 characters long (this one has 2)",
    );
    assert_err(dynamodb_table_name(&"t".repeat(256)), "(this one has 256)");
    assert_err(
        dynamodb_table_name("my table"),
        "underscores (_), periods (.) and hyphens (-), not ' '",
    );
    assert_err(dynamodb_table_name("tablé"), "not 'é'");
}

#[test]
fn kms_key_arns() {
    for ok in [
        "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab",
        "arn:aws-cn:kms:cn-north-1:111122223333:key/mrk-1234abcd",
        "arn:aws-us-gov:kms:us-gov-west-1:111122223333:alias/backup/restore_key:v1",
    ] {
        assert_eq!(kms_key_arn(ok), Ok(()), "{ok}");
    }
    assert_err(kms_key_arn("1234abcd-12ab"), "not an ARN");
    assert_err(kms_key_arn("alias/aws/s3"), "not an ARN");
    assert_err(kms_key_arn("arn:aws:kms:us-east-1"), "not an ARN");
    assert_err(
        kms_key_arn("arn:aws:s3:::my-bucket:x/y"),
        "not a KMS key ARN (its service is \"s3\"",
    );
    assert_err(
        kms_key_arn("arn:gcp:kms:us-east-1:111122223333:key/k"),
        "partition must be aws",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:1111:key/k"),
        "12 digits, not \"1111\"",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:11112222333x:key/k"),
        "12 digits",
    );
    assert_err(
        kms_key_arn("arn:aws:kms::111122223333:key/k"),
        "look like us-east-1",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:US-EAST-1:111122223333:key/k"),
        "look like us-east-1",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:111122223333:key/"),
        "missing the key ID after key/",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:111122223333:"),
        "missing the key ID: it must end",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:111122223333:k/x"),
        "key/<key ID> or alias/",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:111122223333:key/ab_c"),
        "Key IDs use only",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:111122223333:alias/"),
        "missing the alias name",
    );
    assert_err(
        kms_key_arn("arn:aws:kms:us-east-1:111122223333:alias/a b"),
        "Alias names use only",
    );
    let long_alias = format!(
        "arn:aws:kms:us-east-1:111122223333:alias/{}",
        "a".repeat(251)
    );
    assert_err(kms_key_arn(&long_alias), "at most 256 characters");
    let long_arn = format!(
        "arn:aws:kms:us-east-1:111122223333:key/{}",
        "a".repeat(2048)
    );
    assert_err(kms_key_arn(&long_arn), "at most 2048 characters");
}

#[test]
fn kms_keys_must_be_in_the_restore_region() {
    let arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd";
    assert_eq!(kms_key_in_region(arn, "eu-west-1"), Ok(()));
    assert_eq!(
        err(kms_key_in_region(arn, "us-east-1")),
        "This key is in eu-west-1; a restore in us-east-1 needs a key in us-east-1."
    );
    assert_err(kms_key_in_region("nope", "us-east-1"), "not an ARN");
}

#[test]
fn iam_role_arns() {
    for ok in [
        "arn:aws:iam::123456789012:role/S3Access",
        "arn:aws:iam::123456789012:role/service-role/AWSBackupDefaultServiceRole",
        "arn:aws-cn:iam::123456789012:role/a/b/c/Name+=,.@_-",
        &format!("arn:aws:iam::123456789012:role/{}", "r".repeat(64)),
    ] {
        assert_eq!(iam_role_arn(ok), Ok(()), "{ok}");
    }
    assert_err(
        iam_role_arn("AWSBackupDefaultServiceRole"),
        "not an ARN; a role ARN looks like",
    );
    assert_err(
        iam_role_arn("arn:aws:sts::123456789012:assumed-role/x/y"),
        "not an IAM role ARN",
    );
    assert_err(iam_role_arn("arn:aws:iam::12345678901:role/x"), "12 digits");
    assert_err(
        iam_role_arn("arn:aws-xx:iam::123456789012:role/x"),
        "partition",
    );
    assert_err(
        iam_role_arn("arn:aws:iam:us-east-1:123456789012:role/x"),
        "IAM ARNs have no Region",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:user/bob"),
        "not a role ARN",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:role/"),
        "missing the role name",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:role/path/"),
        "missing the role name",
    );
    let long = format!("arn:aws:iam::123456789012:role/{}", "r".repeat(65));
    assert_err(
        iam_role_arn(&long),
        "at most 64 characters long (this one has 65)",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:role/my role"),
        "Role names use only",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:role/rôle"),
        "not 'ô'",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:role//x"),
        "empty parts",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:role/a//x"),
        "empty parts",
    );
    assert_err(
        iam_role_arn("arn:aws:iam::123456789012:role/a b/x"),
        "Role paths use only",
    );
}

#[test]
fn s3_uris() {
    assert_eq!(
        s3_uri_in_bucket("s3://photos/2026/cat.jpg", "photos"),
        Ok("2026/cat.jpg".into())
    );
    assert_eq!(
        s3_uri_in_bucket("s3://photos/albums/", "photos"),
        Ok("albums/".into())
    );
    assert_err(
        s3_uri_in_bucket("photos/cat.jpg", "photos"),
        "start with s3://",
    );
    assert_err(
        s3_uri_in_bucket("https://photos/cat.jpg", "photos"),
        "s3://photos/photos/cat.jpg",
    );
    assert_eq!(
        err(s3_uri_in_bucket("s3://other/cat.jpg", "photos")),
        "This URI is in bucket \"other\", but items must be in \"photos\", the backed-up bucket."
    );
    assert_err(
        s3_uri_in_bucket("s3:///cat.jpg", "photos"),
        "in bucket \"\"",
    );
    assert_err(s3_uri_in_bucket("s3://photos", "photos"), "names no object");
    assert_err(
        s3_uri_in_bucket("s3://photos/", "photos"),
        "names no object",
    );
    assert_err(s3_uri_in_bucket("s3://photos/*.jpg", "photos"), "Wildcards");
    assert_err(
        s3_uri_in_bucket("s3://photos/cat?.jpg", "photos"),
        "Wildcards",
    );
}

#[test]
fn s3_item_lists() {
    let ok = strings(&[
        "s3://b/1",
        "s3://b/2",
        "s3://b/3",
        "s3://b/4",
        "s3://b/dir/",
    ]);
    assert_eq!(s3_items(&ok, "b"), Ok(()));
    assert_err(s3_items(&[], "b"), "at least one item");
    let six = strings(&[
        "s3://b/1", "s3://b/2", "s3://b/3", "s3://b/4", "s3://b/5", "s3://b/6",
    ]);
    assert_eq!(
        err(s3_items(&six, "b")),
        "Item-level restore takes at most 5 items per restore job."
    );
    assert_err(
        s3_items(&strings(&["s3://b/1", "s3://c/2"]), "b"),
        "Item 2: This URI is in bucket",
    );
    let dup = strings(&["s3://b/1", "s3://b/2", "s3://b/1"]);
    assert_eq!(err(s3_items(&dup, "b")), "Item 3 repeats item 1.");
}

#[test]
fn json_values() {
    assert_eq!(
        json_value(r#"{"a": [1, 2]}"#),
        Ok(serde_json::json!({"a": [1, 2]}))
    );
    assert_eq!(json_value(" null "), Ok(Value::Null));
    assert_eq!(
        err(json_value("{\n  \"a\": 1,\n}")),
        "Not valid JSON at line 3, column 1: trailing comma."
    );
    assert_err(json_value(""), "Not valid JSON at line 1, column 0: EOF");
    assert_err(json_value("[1] x"), "trailing characters");
}

#[test]
fn json_string_arrays() {
    assert_eq!(
        json_string_array(r#"["sg-012d52c68c6e88f00", "sg-2"]"#),
        Ok(strings(&["sg-012d52c68c6e88f00", "sg-2"]))
    );
    assert_eq!(json_string_array(" [] "), Ok(vec![]));
    assert_eq!(
        err(json_string_array("sg-012d52c68c6e88f00")),
        r#"Enter a JSON array of strings, as in ["sg-012d52c68c6e88f00"]."#
    );
    assert_err(json_string_array(r#""sg-1""#), "(this is a string)");
    assert_err(json_string_array(r#"{"a": 1}"#), "(this is an object)");
    assert_err(
        json_string_array("[sg-1]"),
        "Not valid JSON at line 1, column 2",
    );
    assert_err(
        json_string_array(r#"["a", 5]"#),
        "Element 2 is a number, not a string",
    );
    assert_err(json_string_array(r#"[null]"#), "Element 1 is null");
}

#[test]
fn restore_times() {
    let (from, to) = (
        datetime!(2026-11-01 00:00:00 UTC),
        datetime!(2026-11-19 05:12:31 UTC),
    );
    let at = datetime!(2026-11-10 12:30:00 UTC);
    assert_eq!(restore_time("2026-11-10T12:30:00Z", from, to), Ok(at));
    assert_eq!(restore_time(" 2026-11-10 12:30:00 ", from, to), Ok(at));
    assert_eq!(restore_time("2026-11-10 12:30", from, to), Ok(at));
    assert_eq!(restore_time("2026-11-10T14:30:00+02:00", from, to), Ok(at));
    assert_eq!(restore_time("2026-11-01T00:00:00Z", from, to), Ok(from));
    assert_eq!(restore_time("2026-11-19T05:12:31Z", from, to), Ok(to));
    assert_eq!(
        err(restore_time("2026-10-31 23:59", from, to)),
        "2026-10-31T23:59:00Z is before the earliest restorable time; \
         choose a time from 2026-11-01T00:00:00Z to 2026-11-19T05:12:31Z."
    );
    assert_err(
        restore_time("2026-11-19T05:12:32Z", from, to),
        "after the latest restorable time",
    );
    // A window with fractions of a second is shown as the whole seconds inside it.
    let frac = datetime!(2026-11-01 00:00:00.5 UTC);
    assert_err(
        restore_time("2026-11-01 00:00", frac, to),
        "from 2026-11-01T00:00:01Z to",
    );
    assert_err(
        restore_time("", from, to),
        "Enter a UTC time like 2026-11-01T00:00:00Z",
    );
    assert_err(restore_time("yesterday", from, to), "Enter a UTC time like");
    assert_err(
        restore_time("2026-11-10T12:30:00", from, to),
        "End the time with Z",
    );
    assert_err(
        restore_time("2026-02-30 10:00", from, to),
        "The day is not valid",
    );
    assert_err(
        restore_time("2026-11-10 25:00", from, to),
        "The hour is not valid",
    );
    assert_err(
        restore_time("9999-12-31T23:59:59-23:59", from, to),
        "Enter a UTC time",
    );
}

#[test]
fn rds_identifiers() {
    for ok in ["a", "orders-db-restored", "Db1", &"d".repeat(63)] {
        assert_eq!(rds_identifier(ok), Ok(()), "{ok}");
    }
    assert_err(
        rds_identifier(""),
        "1 to 63 characters long (this one has 0)",
    );
    assert_err(rds_identifier(&"d".repeat(64)), "(this one has 64)");
    assert_err(
        rds_identifier("orders_db"),
        "only letters, digits and hyphens, not '_'",
    );
    assert_err(rds_identifier("1orders"), "start with a letter");
    assert_err(rds_identifier("orders-"), "end with a hyphen");
    assert_err(rds_identifier("orders--db"), "two hyphens in a row");
}

#[test]
fn efs_paths() {
    assert_eq!(efs_item_path("/home/alice/report.txt"), Ok(()));
    assert_eq!(efs_item_path("/data/"), Ok(()));
    assert_err(efs_item_path("home/alice"), "start with /");
    assert_err(efs_item_path(""), "start with /");
    assert_err(efs_item_path("/"), "below /");
    assert_err(efs_item_path("//"), "below /");
    assert_err(efs_item_path("/logs/*.log"), "Wildcards");
    assert_err(efs_item_path("/logs/a?.log"), "Wildcards");
    assert_eq!(efs_items(&strings(&["/a", "/b", "/c", "/d", "/e"])), Ok(()));
    assert_err(efs_items(&[]), "at least one item");
    assert_err(
        efs_items(&strings(&["/a", "/b", "/c", "/d", "/e", "/f"])),
        "at most 5 items",
    );
    assert_err(
        efs_items(&strings(&["/a", "b"])),
        "Item 2: EFS paths start with /",
    );
    assert_eq!(
        err(efs_items(&strings(&["/a/", "/b", "/a"]))),
        "Item 3 repeats item 1."
    );
}

#[test]
fn names_not_taken() {
    let existing = strings(&["orders", "users"]);
    assert_eq!(
        not_in("orders-restored", &existing, "A table named"),
        Ok(())
    );
    assert_eq!(
        err(not_in("orders", &existing, "A table named")),
        "A table named orders already exists."
    );
}

fn exercise_all(s: &str) {
    let list = vec![s.to_string(), format!("s3://b/{s}"), format!("/{s}")];
    let (from, to) = (
        datetime!(2026-11-01 00:00 UTC),
        datetime!(2026-11-19 00:00 UTC),
    );
    let _ = bucket_name(s);
    let _ = dynamodb_table_name(s);
    let _ = kms_key_arn(s);
    let _ = kms_key_arn(&format!("arn:aws:kms:us-east-1:111122223333:{s}"));
    let _ = kms_key_in_region(s, s);
    let _ = iam_role_arn(s);
    let _ = iam_role_arn(&format!("arn:aws:iam::123456789012:role/{s}"));
    let _ = s3_uri_in_bucket(s, s);
    let _ = s3_items(&list, "b");
    let _ = efs_item_path(s);
    let _ = efs_items(&list);
    let _ = json_value(s);
    let _ = json_string_array(s);
    let _ = restore_time(s, from, to);
    let _ = rds_identifier(s);
    let _ = not_in(s, &list, s);
}

proptest! {
    #[test]
    fn no_check_panics_on_printable_text(s in "\\PC*") {
        exercise_all(&s);
    }

    #[test]
    fn no_check_panics_on_any_unicode(s in any::<String>()) {
        exercise_all(&s);
    }

    #[test]
    fn no_check_panics_on_time_like_text(s in "[0-9]{1,5}-[0-9]{1,3}-[0-9]{1,3}[Tt ][0-9:.]{1,12}[Z+-]?[0-9:]{0,6}") {
        exercise_all(&s);
    }
}

#[test]
fn vault_names_follow_the_api_pattern() {
    assert!(vault_name("dr-vault_2").is_ok());
    assert_err(vault_name("a"), "2 to 50 characters (1 given)");
    assert_err(vault_name(&"v".repeat(51)), "2 to 50 characters (51 given)");
    assert_err(vault_name("dr.vault"), "not `.`");
    assert_err(vault_name("dr vault"), "not ` `");
}

#[test]
fn lifecycle_expiry_comes_90_days_after_cold_storage() {
    assert!(lifecycle_days(Some(30), Some(120)).is_ok());
    assert!(lifecycle_days(None, Some(1)).is_ok());
    assert!(lifecycle_days(Some(30), None).is_ok());
    assert_err(lifecycle_days(Some(30), Some(119)), "120 days or more");
    assert_err(
        lifecycle_days(Some(0), None),
        "Cold storage days must be 1 or more",
    );
    assert_err(
        lifecycle_days(None, Some(36_501)),
        "at most 36500 (100 years)",
    );
}

#[test]
fn days_are_whole_numbers_or_nothing() {
    assert_eq!(days(" 120 "), Ok(Some(120)));
    assert_eq!(days(""), Ok(None));
    assert_err(days("12d"), "`12d` is not a whole number of days");
}

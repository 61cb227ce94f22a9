//! S3 Batch Operations completion reports: where S3 writes them and how their CSV reads.

use crate::domain::batch::{ReportQuery, ReportRow};

/// The folder S3 writes a job's result files to: `<prefix>/job-<id>/results/`.
pub fn results_prefix(query: &ReportQuery) -> String {
    let prefix = query.target.prefix.trim_end_matches('/');
    if prefix.is_empty() {
        format!("job-{}/results/", query.job_id)
    } else {
        format!("{prefix}/job-{}/results/", query.job_id)
    }
}

/// The rows of one `Report_CSV_20180820` file (no header line): Bucket, Key, VersionId,
/// TaskStatus, then the error code and the HTTP status, then the result message. AWS's own
/// examples put these two columns in either order (`failed,400,InvalidRequest`), so the
/// all-digit one is the HTTP status. Keys are URL-encoded in reports; lines too short to
/// be a task are skipped.
pub fn parse_report(csv: &str) -> Vec<ReportRow> {
    records(csv)
        .into_iter()
        .filter(|fields| fields.len() >= 4)
        .map(|mut fields| {
            fields.resize(7, String::new());
            let mut it = fields.into_iter();
            let mut next = || it.next().unwrap_or_default();
            let (bucket, key, version_id, status) = (next(), next(), next(), next());
            let (first, second) = (next(), next());
            let is_status = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
            let (error_code, http_status) = if is_status(&first) && !is_status(&second) {
                (second, first)
            } else {
                (first, second)
            };
            ReportRow {
                bucket,
                key: url_decode(&key),
                version_id,
                status,
                error_code,
                http_status,
                message: next(),
            }
        })
        .collect()
}

/// RFC 4180 records: fields split on commas, double-quoted fields may hold commas, line
/// breaks and doubled quotes. Blank lines are no record.
fn records(csv: &str) -> Vec<Vec<String>> {
    let mut records = Vec::new();
    let mut record = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = csv.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => record.push(std::mem::take(&mut field)),
            (false, '\r') => {}
            (false, '\n') => {
                record.push(std::mem::take(&mut field));
                if record.iter().any(|f| !f.is_empty()) {
                    records.push(std::mem::take(&mut record));
                }
                record.clear();
            }
            (false, c) => field.push(c),
        }
    }
    record.push(field);
    if record.iter().any(|f| !f.is_empty()) {
        records.push(record);
    }
    records
}

/// `%XX` escapes decoded (as UTF-8); a `+` stays a `+`, which is a legal key character.
/// A malformed escape is kept as written.
fn url_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::batch::ReportTarget;

    fn query(prefix: &str) -> ReportQuery {
        ReportQuery {
            region: "eu-central-1".into(),
            job_id: "a1b2".into(),
            target: ReportTarget {
                bucket: "reports".into(),
                prefix: prefix.into(),
                failed_only: false,
            },
        }
    }

    #[test]
    fn results_live_under_the_prefix_job_folder() {
        assert_eq!(results_prefix(&query("batch")), "batch/job-a1b2/results/");
        assert_eq!(results_prefix(&query("batch/")), "batch/job-a1b2/results/");
        assert_eq!(results_prefix(&query("")), "job-a1b2/results/");
    }

    #[test]
    fn rows_read_with_quotes_encoded_keys_and_either_column_order() {
        let csv = "src,Finance/q1%20report.csv,v1,succeeded,,200,Successful\r\n\
                   src,Finance/a+b.csv,v2,failed,400,InvalidRequest,\"Task failed, \"\"missing\"\" version\"\n\
                   \n\
                   src,Finance/x.csv,v3,failed,AccessDenied,403,\"two\nlines\"";
        let rows = parse_report(csv);
        assert_eq!(rows.len(), 3);
        assert_eq!(rows[0].key, "Finance/q1 report.csv");
        assert_eq!(rows[0].status, "succeeded");
        assert_eq!(rows[0].http_status, "200");
        assert_eq!(rows[0].error_code, "");
        assert_eq!(rows[0].message, "Successful");
        assert_eq!(rows[1].key, "Finance/a+b.csv");
        assert_eq!(rows[1].error_code, "InvalidRequest");
        assert_eq!(rows[1].http_status, "400");
        assert_eq!(rows[1].message, "Task failed, \"missing\" version");
        assert_eq!(rows[2].error_code, "AccessDenied");
        assert_eq!(rows[2].http_status, "403");
        assert_eq!(rows[2].message, "two\nlines");
        assert_eq!(rows[2].version_id, "v3");
    }

    #[test]
    fn short_lines_and_bad_escapes_do_not_break_the_report() {
        let rows = parse_report("only,two\nsrc,k%zz%4,,succeeded\n");
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].key, "k%zz%4");
        assert_eq!(rows[0].message, "");
    }
}

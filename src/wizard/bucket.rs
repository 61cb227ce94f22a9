//! The create-bucket wizard (CreateBucket, then PutBucketVersioning unless turned off) and the
//! one-step wizard that enables versioning on an existing bucket. Pure: no ratatui, no IO.

use super::form::{Field, FieldId, Input, Item, PickOption};
use super::parts::{WizardCore, set_choice, set_text};
use super::{After, Form, Wizard};
use crate::domain::batch::{BucketRequest, VersioningRequest};
use crate::domain::region::REGIONS;
use crate::domain::{WriteRequest, validate};
use crate::palette::Section;

pub const NAME: FieldId = "bucket_name";
pub const REGION: FieldId = "bucket_region";
pub const VERSIONING: FieldId = "bucket_versioning";

const STEPS: &[&str] = &["Bucket", "Review"];
const VERSIONING_OPTIONS: [&str; 2] = ["Enabled", "Off"];

pub struct CreateBucketWizard {
    core: WizardCore,
    name: String,
    /// The Region the session is in; the bucket's own (`region`) may be another.
    current: String,
    region: usize,
    /// 0: enabled (replication needs it on both buckets).
    versioning: usize,
}

impl CreateBucketWizard {
    /// A bucket in `region` (the current one) with versioning on.
    pub fn new(region: &str) -> CreateBucketWizard {
        CreateBucketWizard {
            core: WizardCore::new(STEPS),
            name: String::new(),
            current: region.to_string(),
            region: REGIONS.iter().position(|r| r.code == region).unwrap_or(0),
            versioning: 0,
        }
    }

    fn region(&self) -> &'static str {
        REGIONS.get(self.region).map_or("us-east-1", |r| r.code)
    }

    fn name_problem(&self) -> Option<String> {
        validate::bucket_name(self.name.trim()).err()
    }
}

impl Form for CreateBucketWizard {
    fn title(&self) -> String {
        "Create S3 bucket".to_string()
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        if self.core.step() > 0 {
            return match self.requests() {
                Ok(_) => Vec::new(),
                Err(message) => vec![Item::warning(message)],
            };
        }
        let regions = REGIONS
            .iter()
            .map(|r| PickOption {
                label: r.code.to_string(),
                detail: r.name.to_string(),
                problem: None,
            })
            .collect();
        let name = Field::text(NAME, "Bucket name", &self.name, "finance-replica")
            .with_help("Globally unique: 3-63 lowercase letters, digits, . and -.");
        // Checked as typed: the rule broken shows at once.
        let name = match self.core.field(name) {
            Item::Field(f) if f.error.is_none() && !self.name.is_empty() => {
                Item::Field(f.with_error(self.name_problem()))
            }
            item => item,
        };
        let versioning = Field::choice(
            VERSIONING,
            "Versioning",
            &VERSIONING_OPTIONS,
            self.versioning,
        )
        .with_help("Replication needs it on both the source and the destination.");
        vec![
            name,
            self.core
                .field(Field::pick(REGION, "Region", regions, Some(self.region))),
            self.core.field(versioning),
        ]
    }

    fn input(&mut self, id: FieldId, input: Input) {
        let items = self.items();
        if !self.core.begin_input(&items, id) {
            return;
        }
        match id {
            NAME => set_text(&mut self.name, &input),
            REGION => set_choice(&mut self.region, REGIONS.len(), &input),
            VERSIONING => set_choice(&mut self.versioning, 2, &input),
            _ => {}
        }
    }

    fn next(&mut self) -> bool {
        let problems = self.name_problem().map(|e| (NAME, e)).into_iter().collect();
        self.core.advance(&[NAME], problems)
    }

    fn back(&mut self) -> bool {
        self.core.back()
    }

    fn summary(&self) -> Vec<(String, String)> {
        vec![
            ("Bucket".into(), self.name.trim().to_string()),
            ("Region".into(), self.region().to_string()),
            (
                "Versioning".into(),
                VERSIONING_OPTIONS[self.versioning.min(1)].to_string(),
            ),
        ]
    }

    fn is_dirty(&self) -> bool {
        self.core.is_dirty()
    }
}

impl Wizard for CreateBucketWizard {
    fn confirm_question(&self) -> String {
        format!("Create bucket {} in {}?", self.name.trim(), self.region())
    }

    fn submit_label(&self) -> &'static str {
        "create bucket"
    }

    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        if let Some(problem) = self.name_problem() {
            return Err(format!("Bucket: {problem}"));
        }
        let (region, name) = (self.region().to_string(), self.name.trim().to_string());
        let mut requests = vec![WriteRequest::CreateBucket(BucketRequest {
            region: region.clone(),
            name: name.clone(),
        })];
        if self.versioning == 0 {
            requests.push(WriteRequest::EnableVersioning(VersioningRequest {
                region,
                bucket: name,
            }));
        }
        Ok(requests)
    }

    /// The session stays in its Region: a bucket made elsewhere is usually a replication
    /// destination, and the rule that uses it is added from the source bucket, here. Moving
    /// the whole session (every list, the jobs, the header) for one bucket would surprise.
    fn after(&self, _last_id: &str) -> Option<After> {
        let (name, region, current) = (self.name.trim(), self.region(), &self.current);
        let notice = if region == current {
            format!("Bucket {name} created in {region}.")
        } else {
            // Short enough for the footer at 80 columns; the header shows the Region too.
            format!("Bucket {name} created in {region}; still in {current}.")
        };
        Some(After::Go {
            region: current.clone(),
            section: Section::Buckets,
            notice,
        })
    }
}

/// Enables versioning on one bucket: a review of the PutBucketVersioning request, then `y`.
pub struct VersioningWizard {
    core: WizardCore,
    request: VersioningRequest,
}

impl VersioningWizard {
    pub fn new(region: &str, bucket: &str) -> VersioningWizard {
        VersioningWizard {
            core: WizardCore::new(&["Review"]),
            request: VersioningRequest {
                region: region.to_string(),
                bucket: bucket.to_string(),
            },
        }
    }
}

impl Form for VersioningWizard {
    fn title(&self) -> String {
        format!("Enable versioning on {}", self.request.bucket)
    }

    fn steps(&self) -> Vec<&'static str> {
        self.core.steps()
    }

    fn step(&self) -> usize {
        self.core.step()
    }

    fn items(&self) -> Vec<Item> {
        vec![Item::note(
            "Versioning cannot be turned off again once on (only suspended). AWS advises \
             waiting about 15 minutes before writing after first enabling it.",
        )]
    }

    fn input(&mut self, _id: FieldId, _input: Input) {}

    fn next(&mut self) -> bool {
        false
    }

    fn back(&mut self) -> bool {
        false
    }

    fn summary(&self) -> Vec<(String, String)> {
        vec![
            ("Bucket".into(), self.request.bucket.clone()),
            ("Versioning".into(), "Enabled".into()),
        ]
    }

    fn is_dirty(&self) -> bool {
        false
    }
}

impl Wizard for VersioningWizard {
    fn confirm_question(&self) -> String {
        format!("Enable versioning on {}?", self.request.bucket)
    }

    fn submit_label(&self) -> &'static str {
        "enable versioning"
    }

    fn requests(&self) -> Result<Vec<WriteRequest>, String> {
        Ok(vec![WriteRequest::EnableVersioning(self.request.clone())])
    }

    fn after(&self, _last_id: &str) -> Option<After> {
        Some(After::Go {
            region: self.request.region.clone(),
            section: Section::Buckets,
            notice: format!("Versioning enabled on {}.", self.request.bucket),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_bucket_is_created_then_versioned_in_its_region() {
        let mut w = CreateBucketWizard::new("eu-central-1");
        w.input(NAME, Input::Text("Finance".into()));
        let error = w.items()[0].field().and_then(|f| f.error.clone());
        assert_eq!(
            error.as_deref(),
            Some(
                "Bucket names use only lowercase letters, digits, periods (.) and hyphens (-), not 'F'."
            )
        );
        assert!(!w.next());
        w.input(NAME, Input::Text("finance-source".into()));
        assert!(w.next());
        let requests = w.requests().unwrap();
        assert_eq!(
            requests,
            vec![
                WriteRequest::CreateBucket(BucketRequest {
                    region: "eu-central-1".into(),
                    name: "finance-source".into()
                }),
                WriteRequest::EnableVersioning(VersioningRequest {
                    region: "eu-central-1".into(),
                    bucket: "finance-source".into()
                }),
            ]
        );
    }

    #[test]
    fn versioning_off_sends_only_create_bucket() {
        let mut w = CreateBucketWizard::new("us-west-2");
        w.input(NAME, Input::Text("finance-replica".into()));
        w.input(VERSIONING, Input::Choose(1));
        let requests = w.requests().unwrap();
        assert_eq!(requests.len(), 1);
        assert_eq!(requests[0].operation(), "CreateBucket");
        assert_eq!(requests[0].region(), "us-west-2");
    }

    #[test]
    fn the_versioning_wizard_sends_one_put_bucket_versioning() {
        let w = VersioningWizard::new("us-west-2", "finance-replica");
        let requests = w.requests().unwrap();
        assert_eq!(requests[0].operation(), "PutBucketVersioning");
        assert!(requests[0].cli_command().contains("Status=Enabled"));
    }
}

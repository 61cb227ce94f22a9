//! The replication wizard's per-step checks: the problems that keep a step from advancing.

use super::{
    DELETE_MARKERS, DEST_NAME, DEST_PICK, DESTINATION, KEEP_ROLE, KMS_ARN, KMS_PICK, NEW_ROLE,
    OPTIONS, PICK_ROLE, PREFIX, PRIORITY, ROLE_ARN, ROLE_CHOICE, ROLE_NAME, ROLE_PICK, RTC, RULE,
    RULE_ID, ReplicationWizard, TAGS,
};
use crate::domain::{replication, validate};
use crate::wizard::form::FieldId;
use crate::wizard::parts::Problem;

impl ReplicationWizard {
    pub(super) fn problems(&self, step: usize) -> Vec<Problem> {
        let mut problems = Vec::new();
        let mut check = |id: FieldId, result: Result<(), String>| {
            if let Err(e) = result {
                problems.push((id, e));
            }
        };
        let rule = self.rule();
        match step {
            RULE => {
                check(
                    RULE_ID,
                    replication::rule_id(&rule.id, self.existing_rules()),
                );
                check(PRIORITY, replication::priority(&self.priority).map(|_| ()));
                if self.scope == 1 {
                    check(TAGS, self.parse_tags().map(|_| ()));
                    if self.prefix.trim().is_empty() && self.tags.trim().is_empty() {
                        check(
                            PREFIX,
                            Err("Give a prefix, tags or both, or choose the whole bucket.".into()),
                        );
                    }
                }
            }
            DESTINATION => {
                let dest = rule.destination_bucket.as_str();
                let id = if self.dest_choice == 0 {
                    DEST_PICK
                } else {
                    DEST_NAME
                };
                if dest.is_empty() {
                    check(id, Err("Choose the destination bucket.".into()));
                } else {
                    let versioned = self
                        .dest_buckets()
                        .iter()
                        .find(|b| b.name == dest)
                        .map(|b| b.versioning);
                    check(
                        id,
                        validate::bucket_name(dest)
                            .and_then(|()| replication::distinct_buckets(&self.source.name, dest))
                            .and_then(|()| {
                                replication::both_versioned(
                                    &self.source.name,
                                    self.source.versioning,
                                    dest,
                                    versioned,
                                )
                            }),
                    );
                }
                let role = match self.role_choice {
                    KEEP_ROLE if self.existing_role().is_none() => Err(
                        "This bucket has no replication configuration yet: choose or enter a role."
                            .into(),
                    ),
                    PICK_ROLE if self.role_pick.is_none() => Err("Choose an IAM role.".into()),
                    KEEP_ROLE | PICK_ROLE => Ok(()),
                    NEW_ROLE => self.new_role_name_problem(),
                    _ => validate::iam_role_arn(self.role_arn.trim()),
                };
                let id = [ROLE_CHOICE, ROLE_PICK, ROLE_ARN, ROLE_NAME][self.role_choice.min(3)];
                check(id, role);
            }
            OPTIONS => {
                match self.kms {
                    1 if self.kms_pick.is_none() => {
                        check(KMS_PICK, Err("Choose the replica KMS key.".into()))
                    }
                    2 => check(
                        KMS_ARN,
                        validate::kms_key_in_region(self.kms_arn.trim(), self.region()),
                    ),
                    _ => {}
                }
                check(RTC, replication::time_control_needs_metrics(&rule));
                check(
                    DELETE_MARKERS,
                    replication::tags_forbid_delete_markers(&rule),
                );
            }
            _ => {}
        }
        problems
    }
    /// IAM's rule for role names, and not one the account has already.
    fn new_role_name_problem(&self) -> Result<(), String> {
        let name = self.role_name.trim();
        validate::iam_role_name(name)?;
        if self.roles.items().iter().any(|r| r.name == name) {
            return Err(format!(
                "The account already has a role named {name}: choose it, or another name."
            ));
        }
        Ok(())
    }
}

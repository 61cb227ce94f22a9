//! Tests of the create-plan wizard: names, schedules, windows, rules and copy rules, and the
//! CreateBackupPlan (and CreateBackupVault) requests field by field.

use super::*;

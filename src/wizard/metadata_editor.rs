//! The metadata editor: every restore metadata key no other field shows, editable as text.

use super::form::{Field, FieldId, Input, Item};
use super::parts::{Problem, WizardCore, find_key, set_text};
use crate::domain::validate;
use std::collections::BTreeMap;

/// Field ids of the editable metadata rows, by index: field ids must be `&'static str`, so
/// rows get fixed names rather than their keys.
pub const META_IDS: [FieldId; 20] = [
    "meta0", "meta1", "meta2", "meta3", "meta4", "meta5", "meta6", "meta7", "meta8", "meta9",
    "meta10", "meta11", "meta12", "meta13", "meta14", "meta15", "meta16", "meta17", "meta18",
    "meta19",
];

/// A metadata key the console cannot set, offered empty; its id is the key itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtraKey {
    pub key: &'static str,
    pub placeholder: &'static str,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Row {
    key: String,
    original: String,
    value: String,
}

/// Every metadata key no other field shows, editable as text, plus optional extra keys.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MetadataEditor {
    rows: Vec<Row>,
    /// Keys beyond [`META_IDS`]: sent unchanged.
    fixed: Vec<String>,
    extras: Vec<(ExtraKey, String)>,
}

/// Whether `key` takes a JSON array of strings: a name ending in `Ids` or `Zones`, in any case,
/// which covers every list-typed key AWS documents (`subnetIds`, `securityGroupIds`,
/// `vpcSecurityGroupIds`, `availabilityZones`).
pub fn is_list_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase();
    k.ends_with("ids") || k.ends_with("zones")
}

/// A metadata value: list-typed keys take a JSON array of strings, and a value that starts like
/// JSON (`[` or `{`) must be JSON. Empty means the key is left out, which is always allowed.
pub fn check_value(key: &str, value: &str) -> Result<(), String> {
    let v = value.trim();
    if v.is_empty() {
        return Ok(());
    }
    if is_list_key(key) {
        return validate::json_string_array(v).map(|_| ());
    }
    if v.starts_with(['[', '{']) {
        return validate::json_value(v).map(|_| ());
    }
    Ok(())
}

impl MetadataEditor {
    /// Rows for the keys of `metadata` not in `shown` (ignoring case), in key order; `extras`
    /// the metadata does not have yet are offered empty.
    pub fn new(
        metadata: &BTreeMap<String, String>,
        shown: &[&str],
        extras: &[ExtraKey],
    ) -> MetadataEditor {
        let elsewhere = |k: &str| shown.iter().any(|s| s.eq_ignore_ascii_case(k));
        let mut rows = Vec::new();
        let mut fixed = Vec::new();
        for (key, value) in metadata.iter().filter(|(k, _)| !elsewhere(k)) {
            if rows.len() < META_IDS.len() {
                rows.push(Row {
                    key: key.clone(),
                    original: value.clone(),
                    value: value.clone(),
                });
            } else {
                fixed.push(key.clone());
            }
        }
        let extras = extras
            .iter()
            .filter(|e| find_key(metadata, e.key).is_none() && !elsewhere(e.key))
            .map(|e| (*e, String::new()))
            .collect();
        MetadataEditor {
            rows,
            fixed,
            extras,
        }
    }

    /// Every field id the editor shows.
    pub fn field_ids(&self) -> Vec<FieldId> {
        let rows = META_IDS.iter().take(self.rows.len()).copied();
        rows.chain(self.extras.iter().map(|(e, _)| e.key)).collect()
    }

    pub fn items(&self, core: &WizardCore) -> Vec<Item> {
        let mut items = vec![Item::note(
            "Restore metadata as AWS Backup stored it. Values are strings; a value starting with [ or { must be \
             valid JSON. Empty a value to leave its key out.",
        )];
        for (i, row) in self.rows.iter().enumerate() {
            let mut field = Field::text(META_IDS[i], &row.key, &row.value, "(not sent)");
            if row.value != row.original {
                field = field.with_help(format!("Backed up as {}", row.original));
            } else if is_list_key(&row.key) {
                field = field.with_help("A JSON array of strings.");
            }
            items.push(core.field(field));
        }
        if !self.fixed.is_empty() {
            items.push(Item::note(format!(
                "Also sent unchanged: {}.",
                self.fixed.join(", ")
            )));
        }
        if !self.extras.is_empty() {
            items.push(Item::Heading("Settings the console cannot set".into()));
        }
        for (extra, value) in &self.extras {
            let field = Field::text(extra.key, extra.key, value, extra.placeholder)
                .with_help("JSON; left out when empty.");
            items.push(core.field(field));
        }
        items
    }

    pub fn input(&mut self, id: FieldId, input: &Input) {
        if let Some(row) = META_IDS
            .iter()
            .position(|m| *m == id)
            .and_then(|i| self.rows.get_mut(i))
        {
            set_text(&mut row.value, input);
        } else if let Some((_, value)) = self.extras.iter_mut().find(|(e, _)| e.key == id) {
            set_text(value, input);
        }
    }

    pub fn check(&self) -> Vec<Problem> {
        let rows = self.rows.iter().enumerate().filter_map(|(i, r)| {
            check_value(&r.key, &r.value)
                .err()
                .map(|e| (META_IDS[i], e))
        });
        // Extras have no backed-up form to resemble: anything entered must be JSON.
        let extras = self
            .extras
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .filter_map(|(e, v)| validate::json_value(v.trim()).err().map(|msg| (e.key, msg)));
        rows.chain(extras).collect()
    }

    /// Writes the edits into `metadata`: changed values, emptied keys removed, extras added.
    pub fn apply(&self, metadata: &mut BTreeMap<String, String>) {
        // Untouched rows are left byte for byte as AWS Backup returned them.
        for row in self.rows.iter().filter(|r| r.value != r.original) {
            match row.value.trim() {
                "" => metadata.remove(&row.key),
                v => metadata.insert(row.key.clone(), v.to_string()),
            };
        }
        for (extra, value) in self.extras.iter().filter(|(_, v)| !v.trim().is_empty()) {
            metadata.insert(extra.key.to_string(), value.trim().to_string());
        }
    }

    /// `No changes` or `2 changed, 1 left out, 1 added`.
    pub fn summary(&self) -> String {
        let edited = self.rows.iter().filter(|r| r.value != r.original);
        let removed = edited.clone().filter(|r| r.value.trim().is_empty()).count();
        let changed = edited.count() - removed;
        let added = self
            .extras
            .iter()
            .filter(|(_, v)| !v.trim().is_empty())
            .count();
        let parts: Vec<String> = [
            (changed, "changed"),
            (removed, "left out"),
            (added, "added"),
        ]
        .into_iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, what)| format!("{n} {what}"))
        .collect();
        if parts.is_empty() {
            "No changes".into()
        } else {
            parts.join(", ")
        }
    }
}

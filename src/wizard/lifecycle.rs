//! Reusable lifecycle fields (cold storage after N days, expire after M days, or never),
//! checked as the user types; used by the copy wizard and by backup plan rules.

use super::form::{Field, FieldId, Input, Item};
use super::parts::{Problem, set_text};
use crate::domain::Lifecycle;
use crate::domain::format::days;
use crate::domain::validate;

/// The field ids of one set of lifecycle fields (a form with two sets needs two).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LifecycleIds {
    pub cold: FieldId,
    pub expire: FieldId,
}

/// The ids of a form with one lifecycle.
pub const LIFECYCLE_IDS: LifecycleIds = LifecycleIds {
    cold: "cold_after_days",
    expire: "expire_after_days",
};

/// What "never expire" becomes in the request: the APIs spell it differently.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LifecycleUse {
    /// StartCopyJob: `-1` in both members removes the lifecycle, so the copy is kept.
    Copy,
    /// A backup plan rule: no `DeleteAfterDays` (and no lifecycle at all when both are empty).
    PlanRule,
}

/// Two day counts typed as text; empty means never. Errors are worked out from the text on
/// every draw, so they appear (and go) as the user types, not only on Enter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LifecycleFields {
    ids: LifecycleIds,
    usage: LifecycleUse,
    cold: String,
    expire: String,
}

impl LifecycleFields {
    /// Empty fields: never moves to cold storage, never expires.
    pub fn new(ids: LifecycleIds, usage: LifecycleUse) -> LifecycleFields {
        LifecycleFields {
            ids,
            usage,
            cold: String::new(),
            expire: String::new(),
        }
    }

    pub fn field_ids(&self) -> [FieldId; 2] {
        [self.ids.cold, self.ids.expire]
    }

    /// The two fields with their live errors; `cold_note` (why cold storage may not apply to
    /// this resource type) is shown once a number of cold days is entered.
    pub fn items(&self, cold_note: Option<&str>) -> Vec<Item> {
        let problems = self.problems();
        let error = |id: FieldId| {
            problems
                .iter()
                .find(|(field, _)| *field == id)
                .map(|(_, message)| message.clone())
        };
        let cold = Field::text(
            self.ids.cold,
            "Move to cold storage after (days)",
            &self.cold,
            "never",
        )
        .with_error(error(self.ids.cold));
        let expire = Field::text(
            self.ids.expire,
            "Expire after (days)",
            &self.expire,
            "never",
        )
        .with_error(error(self.ids.expire))
        .with_help("Empty: never expires.");
        let mut items = vec![Item::Field(cold)];
        if let Some(note) = cold_note.filter(|_| !self.cold.trim().is_empty()) {
            items.push(Item::warning(note));
        }
        items.push(Item::Field(expire));
        items
    }

    /// Takes a change to one of its fields; false if `id` is not one of them.
    pub fn input(&mut self, id: FieldId, input: &Input) -> bool {
        if id == self.ids.cold {
            set_text(&mut self.cold, input);
        } else if id == self.ids.expire {
            set_text(&mut self.expire, input);
        } else {
            return false;
        }
        true
    }

    /// Every rule the typed days break, on the field to fix.
    pub fn problems(&self) -> Vec<Problem> {
        let mut problems = Vec::new();
        let cold = self.parse(self.ids.cold, &self.cold, &mut problems);
        let expire = self.parse(self.ids.expire, &self.expire, &mut problems);
        if problems.is_empty()
            && let Err(message) = validate::lifecycle_days(cold, expire)
        {
            // Each number alone is fine, so it is the pair: the expiry must move.
            problems.push((self.ids.expire, message));
        }
        problems
    }

    /// A typed number of days, checked alone; `None` when empty or wrong (then in `problems`).
    fn parse(&self, id: FieldId, text: &str, problems: &mut Vec<Problem>) -> Option<i64> {
        let parsed = validate::days(text).and_then(|d| {
            let alone = if id == self.ids.cold {
                validate::lifecycle_days(d, None)
            } else {
                validate::lifecycle_days(None, d)
            };
            alone.map(|()| d)
        });
        parsed.unwrap_or_else(|message| {
            problems.push((id, message));
            None
        })
    }

    /// The days as entered, if they pass the checks: (cold after, expire after).
    fn days(&self) -> Option<(Option<i64>, Option<i64>)> {
        if !self.problems().is_empty() {
            return None;
        }
        let cold = validate::days(&self.cold).ok()?;
        let expire = validate::days(&self.expire).ok()?;
        Some((cold, expire))
    }

    /// Whether the expiry is "never".
    pub fn never_expires(&self) -> bool {
        self.expire.trim().is_empty()
    }

    /// Whether days before cold storage were entered (valid or not).
    pub fn moves_to_cold(&self) -> bool {
        !self.cold.trim().is_empty()
    }

    /// The lifecycle as sent, or the first problem. `Ok(None)`: send no lifecycle.
    pub fn lifecycle(&self) -> Result<Option<Lifecycle>, String> {
        let Some((cold, expire)) = self.days() else {
            let first = self.problems().into_iter().next();
            return Err(first.map(|(_, m)| m).unwrap_or_default());
        };
        let lifecycle = |cold, expire| {
            Some(Lifecycle {
                move_to_cold_storage_after_days: cold,
                delete_after_days: expire,
            })
        };
        Ok(match (self.usage, cold, expire) {
            (LifecycleUse::Copy, None, None) => lifecycle(Some(-1), Some(-1)),
            (LifecycleUse::PlanRule, None, None) => None,
            (_, cold, expire) => lifecycle(cold, expire),
        })
    }

    /// `Cold after 30 days, expires after 120 days`, `Never expires`.
    pub fn summary(&self) -> String {
        let Some((cold, expire)) = self.days() else {
            return "(not valid yet)".into();
        };
        let expiry = match expire {
            Some(d) => format!("expires after {}", days(d)),
            None => "never expires".into(),
        };
        match cold {
            Some(c) => format!("Cold after {}, {expiry}", days(c)),
            None => capitalized(&expiry),
        }
    }
}

fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map(|first| first.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(usage: LifecycleUse, cold: &str, expire: &str) -> LifecycleFields {
        let mut fields = LifecycleFields::new(LIFECYCLE_IDS, usage);
        fields.input(LIFECYCLE_IDS.cold, &Input::Text(cold.into()));
        fields.input(LIFECYCLE_IDS.expire, &Input::Text(expire.into()));
        fields
    }

    fn errors(fields: &LifecycleFields) -> Vec<(FieldId, Option<String>)> {
        fields
            .items(None)
            .iter()
            .filter_map(Item::field)
            .map(|f| (f.id, f.error.clone()))
            .collect()
    }

    #[test]
    fn never_expire_is_minus_one_for_a_copy_and_nothing_for_a_plan_rule() {
        let never = Lifecycle {
            move_to_cold_storage_after_days: Some(-1),
            delete_after_days: Some(-1),
        };
        assert_eq!(
            typed(LifecycleUse::Copy, "", "").lifecycle(),
            Ok(Some(never))
        );
        assert_eq!(typed(LifecycleUse::PlanRule, " ", "").lifecycle(), Ok(None));
        assert_eq!(typed(LifecycleUse::Copy, "", "").summary(), "Never expires");
    }

    #[test]
    fn days_entered_are_sent_as_typed() {
        let both = typed(LifecycleUse::Copy, "30", "120");
        assert_eq!(
            both.lifecycle(),
            Ok(Some(Lifecycle {
                move_to_cold_storage_after_days: Some(30),
                delete_after_days: Some(120),
            }))
        );
        assert_eq!(both.summary(), "Cold after 30 days, expires after 120 days");
        let cold_only = typed(LifecycleUse::PlanRule, "30", "");
        assert_eq!(
            cold_only.lifecycle(),
            Ok(Some(Lifecycle {
                move_to_cold_storage_after_days: Some(30),
                delete_after_days: None,
            }))
        );
        assert_eq!(cold_only.summary(), "Cold after 30 days, never expires");
    }

    #[test]
    fn the_90_day_rule_shows_under_the_expiry_as_soon_as_it_is_typed() {
        let fields = typed(LifecycleUse::Copy, "30", "100");
        let expected = "Expire at least 90 days after the move to cold storage: 120 days or \
                        more (cold storage keeps a backup 90 days at least).";
        assert_eq!(
            errors(&fields),
            vec![
                ("cold_after_days", None),
                ("expire_after_days", Some(expected.to_string()))
            ]
        );
        assert_eq!(fields.lifecycle(), Err(expected.to_string()));
        assert_eq!(fields.summary(), "(not valid yet)");
    }

    #[test]
    fn each_field_says_what_is_wrong_with_its_own_text() {
        let fields = typed(LifecycleUse::Copy, "thirty", "0");
        assert_eq!(
            errors(&fields),
            vec![
                (
                    "cold_after_days",
                    Some("`thirty` is not a whole number of days.".to_string())
                ),
                (
                    "expire_after_days",
                    Some("Expiry days must be 1 or more.".to_string())
                ),
            ]
        );
        let too_long = typed(LifecycleUse::PlanRule, "", "36501");
        assert_eq!(
            too_long.lifecycle(),
            Err("Expiry days must be at most 36500 (100 years).".to_string())
        );
    }

    #[test]
    fn the_cold_storage_note_shows_only_once_cold_days_are_entered() {
        let note = "Only EFS moves to cold storage.";
        let shows = |fields: &LifecycleFields| {
            fields
                .items(Some(note))
                .iter()
                .any(|i| matches!(i, Item::Note { text, .. } if text == note))
        };
        assert!(!shows(&typed(LifecycleUse::Copy, "", "120")));
        assert!(shows(&typed(LifecycleUse::Copy, "30", "120")));
    }

    #[test]
    fn inputs_for_other_fields_are_left_alone() {
        let mut fields = LifecycleFields::new(LIFECYCLE_IDS, LifecycleUse::Copy);
        assert!(!fields.input("role_arn", &Input::Text("9".into())));
        assert_eq!(
            fields,
            LifecycleFields::new(LIFECYCLE_IDS, LifecycleUse::Copy)
        );
    }
}

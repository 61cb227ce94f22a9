//! The form model wizards describe their steps with; the UI draws it and sends `Input`s back.

use crate::listing::Tone;

/// Names a field within a wizard (stable across steps and redraws).
pub type FieldId = &'static str;

/// One option of a `Pick` control (a bucket, a KMS key, a role).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PickOption {
    pub label: String,
    /// Shown beside the label (versioning/ACL state, alias, ARN).
    pub detail: String,
    /// Why this option cannot be chosen, if it cannot (shown; choosing it is refused).
    pub problem: Option<String>,
}

/// How a field is edited.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Control {
    /// One of a few options (radio buttons): left/right or space cycles through them.
    Choice {
        options: Vec<String>,
        selected: usize,
    },
    /// Free text, edited in place.
    Text { value: String, placeholder: String },
    /// One of many, picked from a filterable list.
    Pick {
        options: Vec<PickOption>,
        selected: Option<usize>,
    },
    /// A button (add an item, remove an item).
    Action,
}

/// A field as shown: label, control, and the message of its last failed check.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub id: FieldId,
    pub label: String,
    pub control: Control,
    pub error: Option<String>,
    /// One line of guidance under the field.
    pub help: Option<String>,
}

/// One line of a step.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Item {
    Heading(String),
    Note { text: String, tone: Tone },
    Field(Field),
}

/// What the user did to a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// The whole new text of a `Text` field.
    Text(String),
    /// The index of the chosen option of a `Choice` or `Pick` field.
    Choose(usize),
    /// An `Action` pressed.
    Activate,
}

impl Field {
    pub fn text(id: FieldId, label: impl Into<String>, value: &str, placeholder: &str) -> Field {
        Field {
            id,
            label: label.into(),
            control: Control::Text {
                value: value.to_string(),
                placeholder: placeholder.to_string(),
            },
            error: None,
            help: None,
        }
    }

    pub fn choice(
        id: FieldId,
        label: impl Into<String>,
        options: &[&str],
        selected: usize,
    ) -> Field {
        Field {
            id,
            label: label.into(),
            control: Control::Choice {
                options: options.iter().map(|o| o.to_string()).collect(),
                selected,
            },
            error: None,
            help: None,
        }
    }

    pub fn pick(
        id: FieldId,
        label: impl Into<String>,
        options: Vec<PickOption>,
        selected: Option<usize>,
    ) -> Field {
        Field {
            id,
            label: label.into(),
            control: Control::Pick { options, selected },
            error: None,
            help: None,
        }
    }

    pub fn action(id: FieldId, label: impl Into<String>) -> Field {
        Field {
            id,
            label: label.into(),
            control: Control::Action,
            error: None,
            help: None,
        }
    }

    pub fn with_error(mut self, error: Option<String>) -> Field {
        self.error = error;
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Field {
        self.help = Some(help.into());
        self
    }
}

impl Item {
    pub fn note(text: impl Into<String>) -> Item {
        Item::Note {
            text: text.into(),
            tone: Tone::Normal,
        }
    }

    pub fn warning(text: impl Into<String>) -> Item {
        Item::Note {
            text: text.into(),
            tone: Tone::Warning,
        }
    }

    /// The field, if this item is one.
    pub fn field(&self) -> Option<&Field> {
        match self {
            Item::Field(f) => Some(f),
            _ => None,
        }
    }
}

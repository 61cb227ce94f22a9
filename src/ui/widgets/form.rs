//! Draws a wizard step: headings, notes and fields, with the focused field marked and each
//! field's error under it.

use crate::theme::Theme;
use crate::ui::widgets::fields::{wrap, wrapped};
use crate::wizard::form::{Control, Field, Item};
use ratatui::text::{Line, Span};

/// The text a control shows in its row.
fn control_text(field: &Field) -> String {
    match &field.control {
        Control::Choice { options, selected } => options
            .iter()
            .enumerate()
            .map(|(i, o)| {
                if i == *selected {
                    format!("(*) {o}")
                } else {
                    format!("( ) {o}")
                }
            })
            .collect::<Vec<_>>()
            .join("  "),
        Control::Text { value, placeholder } if value.is_empty() => format!("[{placeholder}]"),
        Control::Text { value, .. } => value.clone(),
        Control::Pick { options, selected } => match selected.and_then(|i| options.get(i)) {
            Some(o) if o.detail.is_empty() => o.label.clone(),
            Some(o) => format!("{}  ({})", o.label, o.detail),
            None => format!(
                "<choose: {} available, enter opens the list>",
                options.len()
            ),
        },
        Control::Action => String::new(),
    }
}

/// The lines of `items`; `focus` is the index of the focused field among the fields. Notes,
/// errors and help are wrapped to `width` here, each wrapped line keeping its indent, so they
/// read as one block and the focused field's line index counts screen lines. Returns the lines
/// and the line index of the focused field (to keep it in view).
pub fn lines(
    items: &[Item],
    focus: usize,
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, usize) {
    let mut out = Vec::new();
    let mut focus_line = 0;
    let mut field_index = 0;
    for item in items {
        match item {
            Item::Heading(text) => out.push(Line::from(Span::styled(text.clone(), theme.title))),
            Item::Note { text, tone } => out.extend(wrapped(text, 2, width, theme.tone(*tone))),
            Item::Field(field) => {
                let focused = field_index == focus;
                if focused {
                    focus_line = out.len();
                }
                field_index += 1;
                let marker = if focused { "> " } else { "  " };
                let label_style = if focused { theme.selected } else { theme.label };
                let mut spans = vec![
                    Span::styled(marker.to_string(), theme.key),
                    Span::styled(field.label.clone(), label_style),
                ];
                match &field.control {
                    Control::Action => {}
                    Control::Text { value, .. } => {
                        spans.push(Span::raw(": "));
                        let style = if value.is_empty() {
                            theme.muted
                        } else {
                            theme.input
                        };
                        spans.push(Span::styled(control_text(field), style));
                        if focused {
                            spans.push(Span::styled("_", theme.key));
                        }
                    }
                    _ => {
                        spans.push(Span::raw(": "));
                        spans.push(Span::raw(control_text(field)));
                    }
                }
                out.push(Line::from(spans));
                if let Some(error) = &field.error {
                    // "    ! " on the first line, its width in spaces on the others.
                    let rows = wrap(error, width.saturating_sub(6));
                    out.extend(rows.into_iter().enumerate().map(|(i, row)| {
                        let lead = if i == 0 { "    ! " } else { "      " };
                        Line::from(Span::styled(format!("{lead}{row}"), theme.error))
                    }));
                }
                if let Some(help) = &field.help {
                    out.extend(wrapped(help, 4, width, theme.muted));
                }
            }
        }
    }
    (out, focus_line)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(Line::to_string).collect()
    }

    #[test]
    fn notes_errors_and_help_wrap_under_their_own_indent() {
        let field = Field::text("f", "Name", "x", "")
            .with_error(Some("one two three four".into()))
            .with_help("five six seven");
        let items = [Item::note("alpha beta gamma"), Item::Field(field)];
        let (lines, focus) = lines(&items, 0, &Theme::monochrome(), 16);
        assert_eq!(
            texts(&lines),
            [
                "  alpha beta",
                "  gamma",
                "> Name: x_",
                "    ! one two",
                "      three four",
                "    five six",
                "    seven",
            ]
        );
        // The focused field's index counts the note's wrapped lines.
        assert_eq!(focus, 2);
    }
}

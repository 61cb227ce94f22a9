//! A scrollable list of labelled fields (details pages), wrapped to the width.

use crate::listing::Tone;
use crate::ui::UiCtx;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Paragraph};
use std::cell::Cell;

/// One line item of a details page.
#[derive(Debug, Clone, PartialEq)]
pub enum Field {
    Pair {
        label: &'static str,
        value: String,
        tone: Tone,
    },
    Heading(&'static str),
    Text {
        text: String,
        tone: Tone,
    },
    Blank,
}

impl Field {
    pub fn pair(label: &'static str, value: impl Into<String>) -> Field {
        Field::Pair {
            label,
            value: value.into(),
            tone: Tone::Normal,
        }
    }

    pub fn toned(label: &'static str, value: impl Into<String>, tone: Tone) -> Field {
        Field::Pair {
            label,
            value: value.into(),
            tone,
        }
    }
}

const LABEL_WIDTH: usize = 20;

/// Scroll position of a fields view; the renderer clamps it and remembers the maximum.
#[derive(Debug, Default)]
pub struct Scroll {
    pub top: usize,
    max: Cell<usize>,
    page: Cell<usize>,
}

impl Scroll {
    pub fn by(&mut self, delta: isize) {
        self.top = self.top.saturating_add_signed(delta).min(self.max.get());
    }
    pub fn page(&mut self, pages: isize) {
        self.by(pages * self.page.get().max(1) as isize);
    }
    pub fn to_end(&mut self) {
        self.top = self.max.get();
    }
}

/// `text` wrapped to `width` with every line indented by `indent` spaces, in `style`.
pub fn wrapped(text: &str, indent: usize, width: usize, style: Style) -> Vec<Line<'static>> {
    wrap(text, width.saturating_sub(indent))
        .into_iter()
        .map(|l| Line::from(Span::styled(format!("{:indent$}{l}", ""), style)))
        .collect()
}

/// Splits `text` into chunks of at most `width` characters, breaking at spaces when it can.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split(' ') {
        let mut word = word.to_string();
        loop {
            let used = current.chars().count();
            let len = word.chars().count();
            let sep = usize::from(used > 0);
            if used + sep + len <= width {
                if sep == 1 {
                    current.push(' ');
                }
                current.push_str(&word);
                break;
            }
            if used > 0 {
                lines.push(std::mem::take(&mut current));
                continue;
            }
            // A word longer than a line (an ARN): cut it.
            let head: String = word.chars().take(width).collect();
            word = word.chars().skip(width).collect();
            lines.push(head);
            if word.is_empty() {
                break;
            }
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
}

/// Splits lines longer than `width` characters into several, keeping each piece's style.
pub fn hard_wrap(lines: Vec<Line<'static>>, width: usize) -> Vec<Line<'static>> {
    if width == 0 {
        return lines;
    }
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        let mut row: Vec<Span<'static>> = Vec::new();
        let mut used = 0;
        for span in line.spans {
            let mut rest: Vec<char> = span.content.chars().collect();
            while !rest.is_empty() {
                if used == width {
                    out.push(Line::from(std::mem::take(&mut row)));
                    used = 0;
                }
                let take = rest.len().min(width - used);
                let piece: String = rest.drain(..take).collect();
                used += take;
                row.push(Span::styled(piece, span.style));
            }
        }
        out.push(Line::from(row));
    }
    out
}

/// Draws `fields` in a bordered block titled `title`, starting at `scroll`.
pub fn render(
    frame: &mut Frame,
    area: Rect,
    title: &str,
    fields: &[Field],
    scroll: &Scroll,
    ui: &UiCtx,
) {
    let theme = ui.theme;
    let block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(format!(" {title} "), theme.title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = inner.width as usize;
    let value_width = width.saturating_sub(LABEL_WIDTH + 1).max(10);
    let mut lines: Vec<Line> = Vec::new();
    for field in fields {
        match field {
            Field::Pair { label, value, tone } => {
                for (i, chunk) in wrap(value, value_width).into_iter().enumerate() {
                    let label = if i == 0 {
                        format!("{label:<LABEL_WIDTH$} ")
                    } else {
                        " ".repeat(LABEL_WIDTH + 1)
                    };
                    lines.push(Line::from(vec![
                        Span::styled(label, theme.label),
                        Span::styled(chunk, theme.tone(*tone)),
                    ]));
                }
            }
            Field::Heading(text) => {
                lines.push(Line::from(Span::styled(text.to_string(), theme.title)))
            }
            Field::Text { text, tone } => {
                lines.extend(
                    wrap(text, width)
                        .into_iter()
                        .map(|l| Line::from(Span::styled(l, theme.tone(*tone)))),
                );
            }
            Field::Blank => lines.push(Line::from("")),
        }
    }
    let height = inner.height as usize;
    scroll.max.set(lines.len().saturating_sub(height));
    scroll.page.set(height);
    let top = scroll.top.min(scroll.max.get());
    let visible: Vec<Line> = lines.into_iter().skip(top).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

#[cfg(test)]
mod tests {
    use super::{hard_wrap, wrap};
    use ratatui::text::{Line, Span};

    fn text(line: &Line) -> String {
        line.spans.iter().map(|s| s.content.as_ref()).collect()
    }

    #[test]
    fn long_lines_are_split_at_the_width_and_keep_their_styles() {
        let style = ratatui::style::Style::new().bold();
        let lines = vec![
            Line::from(vec![Span::raw("ab"), Span::styled("cdefg", style)]),
            Line::from("short"),
            Line::from(""),
        ];
        let wrapped = hard_wrap(lines, 3);
        let texts: Vec<String> = wrapped.iter().map(text).collect();
        assert_eq!(texts, ["abc", "def", "g", "sho", "rt", ""]);
        assert_eq!(wrapped[1].spans[0].style, style);
        assert_eq!(wrapped[0].spans[0].style, ratatui::style::Style::new());
    }

    #[test]
    fn wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(wrap("aa bb cc", 5), vec!["aa bb", "cc"]);
        assert_eq!(wrap("abcdefgh", 3), vec!["abc", "def", "gh"]);
        assert_eq!(wrap("", 3), vec![""]);
    }
}

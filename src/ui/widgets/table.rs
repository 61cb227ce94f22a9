//! Draws a `RemoteList` as a table: only the rows that fit, columns dropped by priority.

use crate::listing::{Align, Column, FilteredList, Row as ListRow};
use crate::remote::{LoadState, RemoteList};
use crate::ui::UiCtx;
use ratatui::Frame;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Borders, Cell, Paragraph, Row, Table, Wrap};

/// Picks the columns that fit in `width`, most important first, kept in their own order.
pub fn fit_columns(columns: &[Column], width: u16) -> Vec<(Column, u16)> {
    let mut by_priority: Vec<&Column> = columns.iter().collect();
    by_priority.sort_by_key(|c| c.priority);
    let mut used: u16 = 0;
    let mut kept: Vec<Column> = Vec::new();
    for column in by_priority {
        let need = column.width + if kept.is_empty() { 0 } else { 1 };
        if used + need <= width {
            used += need;
            kept.push(*column);
        }
    }
    let mut ordered: Vec<Column> = columns
        .iter()
        .filter(|c| kept.contains(c))
        .copied()
        .collect();
    if ordered.is_empty() {
        ordered.extend(columns.first().copied());
    }
    let spare = width.saturating_sub(used);
    let last = ordered.len().saturating_sub(1);
    ordered
        .into_iter()
        .enumerate()
        .map(|(i, c)| (c, if i == last { c.width + spare } else { c.width }))
        .collect()
}

/// `text` cut to `width` cells, ending in `…` when cut, so a truncated ID never looks whole.
pub fn ellipsize(text: &str, width: usize) -> String {
    use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};
    if text.width() <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        out.push(c);
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// `name` in lower case for the middle of a sentence, keeping acronyms such as `S3` or `EBS`.
fn lower_words(name: &str) -> String {
    name.split(' ')
        .map(|word| {
            let acronym = word.chars().skip(1).any(|c| c.is_ascii_uppercase())
                || (word.len() > 1 && word.chars().any(|c| c.is_ascii_digit()));
            if acronym {
                word.to_string()
            } else {
                word.to_lowercase()
            }
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The block title: name, counts, filter and sort, so the user always knows what is shown.
fn title<T: ListRow>(name: &str, list: &FilteredList<T>) -> String {
    let mut title = if list.visible_len() == list.len() {
        format!(" {name} ({}) ", list.len())
    } else {
        format!(" {name} ({} of {}) ", list.visible_len(), list.len())
    };
    if let Some(t) = list.type_filter() {
        title.push_str(&format!("[type {t}] "));
    }
    if !list.filter().is_empty() {
        title.push_str(&format!("[/{}] ", list.filter()));
    }
    if let Some(sort) = list.sort()
        && let Some(col) = list.columns().iter().find(|c| c.id == sort.column)
    {
        title.push_str(&format!(
            "[sort {} {}] ",
            col.title,
            if sort.descending { "v" } else { "^" }
        ));
    }
    title
}

/// Draws `remote` in `area` with a border; `empty` is what an empty, loaded list says.
pub fn render_remote<T: ListRow>(
    frame: &mut Frame,
    area: Rect,
    name: &str,
    remote: &RemoteList<T>,
    ui: &UiCtx,
    empty: &str,
) {
    let theme = ui.theme;
    let list = &remote.list;
    let mut block = Block::default()
        .borders(Borders::ALL)
        .border_style(theme.border)
        .title(Span::styled(title(name, list), theme.title));
    match &remote.state {
        LoadState::Loading { pages, .. } if !list.is_empty() => {
            block = block.title_bottom(Span::styled(
                format!(
                    " {} loading more: {} so far (page {}) ",
                    ui.spinner,
                    list.len(),
                    pages + 1
                ),
                theme.muted,
            ));
        }
        LoadState::Failed { error } if !list.is_empty() => {
            block = block.title_bottom(Span::styled(
                format!(" partial list, r retries. {} ", error.headline()),
                theme.error,
            ));
        }
        _ => {}
    }
    if !list.is_empty() {
        let position = format!(
            " {}/{} ",
            (list.cursor() + 1).min(list.visible_len()),
            list.visible_len()
        );
        block = block.title_bottom(Span::styled(position, theme.muted).into_right_aligned_line());
    }
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if list.is_empty() {
        let lines = match &remote.state {
            LoadState::Loading { .. } => vec![Line::from(Span::styled(
                format!("{} Loading {}...", ui.spinner, lower_words(name)),
                theme.muted,
            ))],
            LoadState::Failed { error } => vec![
                Line::from(Span::styled(error.headline(), theme.error)),
                Line::from(""),
                Line::from(error.advice()),
                Line::from(""),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled("r", theme.key),
                    Span::raw(if error.kind.is_retryable() {
                        " to retry."
                    } else {
                        " to retry once that is fixed."
                    }),
                ]),
            ],
            LoadState::Done => vec![Line::from(Span::styled(empty.to_string(), theme.muted))],
        };
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), inner);
        return;
    }
    if list.visible_len() == 0 {
        let text = format!(
            "No rows match the filter. Press esc to clear it ({} rows hidden).",
            list.len()
        );
        frame.render_widget(
            Paragraph::new(Span::styled(text, theme.muted)).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    render_rows(frame, inner, list, ui);
}

fn render_rows<T: ListRow>(frame: &mut Frame, area: Rect, list: &FilteredList<T>, ui: &UiCtx) {
    let theme = ui.theme;
    let columns = fit_columns(list.columns(), area.width);
    let body_rows = area.height.saturating_sub(1) as usize;
    let offset = list.scroll_offset(body_rows);
    let header = Row::new(columns.iter().map(|(c, _)| {
        let line = Line::from(c.title);
        Cell::from(if c.align == Align::Right {
            line.right_aligned()
        } else {
            line
        })
    }))
    .style(theme.table_header);
    let rows = list
        .visible_rows(offset, body_rows)
        .enumerate()
        .map(|(i, item)| {
            let cells = columns.iter().map(|(c, width)| {
                let text = ellipsize(&item.cell(c.id), *width as usize);
                let line = Line::from(Span::styled(text, theme.tone(item.tone(c.id))));
                Cell::from(if c.align == Align::Right {
                    line.right_aligned()
                } else {
                    line
                })
            });
            let row = Row::new(cells);
            if offset + i == list.cursor() {
                row.style(theme.selected)
            } else {
                row
            }
        });
    let widths: Vec<Constraint> = columns
        .iter()
        .map(|(_, w)| Constraint::Length(*w))
        .collect();
    frame.render_widget(
        Table::new(rows, widths).header(header).column_spacing(1),
        area,
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: &[Column] = &[
        Column::new(0, "A", 10, 0),
        Column::new(1, "B", 10, 2),
        Column::new(2, "C", 10, 1),
    ];

    #[test]
    fn long_cells_end_in_an_ellipsis() {
        assert_eq!(ellipsize("abcdef", 4), "abc…");
        assert_eq!(ellipsize("abc", 3), "abc");
        assert_eq!(ellipsize("abc", 0), "");
    }

    #[test]
    fn loading_messages_keep_acronyms() {
        assert_eq!(lower_words("Protected resources"), "protected resources");
        assert_eq!(
            lower_words("S3 buckets in us-east-1"),
            "S3 buckets in us-east-1"
        );
        assert_eq!(lower_words("EBS volumes"), "EBS volumes");
    }

    #[test]
    fn narrow_widths_drop_the_least_important_columns() {
        let fit = fit_columns(COLS, 21);
        let ids: Vec<u8> = fit.iter().map(|(c, _)| c.id).collect();
        assert_eq!(ids, vec![0, 2]);
        assert_eq!(fit.iter().map(|(_, w)| w).sum::<u16>(), 20);
        let all = fit_columns(COLS, 40);
        assert_eq!(all.len(), 3);
        assert_eq!(all[2].1, 10 + 8);
        assert_eq!(fit_columns(COLS, 3).len(), 1);
    }
}

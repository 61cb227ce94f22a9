//! A filterable, sortable, selectable list of rows: pure state, drawn by `ui::widgets::table`.

use crate::domain::ResourceType;
use std::borrow::Cow;
use std::cell::Cell;
use std::cmp::Ordering;

/// How a cell should look, in words the theme turns into a style.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    Normal,
    Good,
    Warning,
    Bad,
    Muted,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// One column of a table: `id` is what the row's `cell` and `compare` receive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Column {
    pub id: u8,
    pub title: &'static str,
    /// Preferred width in cells; the last kept column takes the remaining space.
    pub width: u16,
    /// Lower is more important: narrow terminals drop the highest priorities first.
    pub priority: u8,
    pub align: Align,
}

impl Column {
    pub const fn new(id: u8, title: &'static str, width: u16, priority: u8) -> Self {
        Column {
            id,
            title,
            width,
            priority,
            align: Align::Left,
        }
    }

    pub const fn right(mut self) -> Self {
        self.align = Align::Right;
        self
    }
}

/// A row type a table can show.
pub trait Row {
    fn cell(&self, column: u8) -> Cow<'_, str>;
    fn tone(&self, _column: u8) -> Tone {
        Tone::Normal
    }
    fn compare(&self, other: &Self, column: u8) -> Ordering;
    /// Whether any searchable text contains `needle` (already lower-case).
    fn matches(&self, needle: &str) -> bool;
    fn resource_type(&self) -> Option<&ResourceType> {
        None
    }
}

/// Case-insensitive substring test; `needle` must be lower-case. Allocation-free for ASCII
/// and scanning 8 bytes at a time, which is what keeps a keystroke over 100,000 rows fast.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return true;
    }
    if !needle.is_ascii() {
        return haystack.to_lowercase().contains(needle);
    }
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if h.len() < n.len() {
        return false;
    }
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    const CASE: u64 = u64::from_ne_bytes([0x20; 8]);
    // A candidate start is a byte equal to the needle's first once both have bit 0x20 set:
    // every case-insensitive match is one, and each candidate is then compared in full.
    let first = n[0] | 0x20;
    let firsts = ONES * u64::from(first);
    let matches_at = |i: usize| {
        h[i..i + n.len()]
            .iter()
            .zip(n)
            .all(|(a, b)| a.to_ascii_lowercase() == *b)
    };
    let mut chunks = h[..=h.len() - n.len()].chunks_exact(8);
    let mut base = 0;
    for chunk in chunks.by_ref() {
        let word = u64::from_le_bytes(chunk.try_into().expect("chunks of 8 bytes"));
        let x = (word | CASE) ^ firsts;
        // The high bit of every zero byte of `x` (plus, at worst, some above a zero byte:
        // false candidates that the full comparison rejects).
        let mut zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        while zeros != 0 {
            if matches_at(base + zeros.trailing_zeros() as usize / 8) {
                return true;
            }
            zeros &= zeros - 1;
        }
        base += 8;
    }
    let rest = chunks.remainder();
    (0..rest.len()).any(|j| rest[j] | 0x20 == first && matches_at(base + j))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sort {
    pub column: u8,
    pub descending: bool,
}

/// Rows plus the view over them: filter text, type filter, sort, cursor and scroll offset.
#[derive(Debug)]
pub struct FilteredList<T> {
    columns: &'static [Column],
    items: Vec<T>,
    /// Every item index in sort order; `visible` is this filtered.
    order: Vec<u32>,
    visible: Vec<u32>,
    filter: String,
    needle: String,
    type_filter: Option<ResourceType>,
    sort: Option<Sort>,
    cursor: usize,
    /// The first row drawn; the renderer keeps the cursor in view and stores it back.
    offset: Cell<usize>,
    /// Rows the last frame had room for, for page up/down.
    page_rows: Cell<usize>,
}

impl<T: Row> FilteredList<T> {
    pub fn new(columns: &'static [Column], sort: Option<Sort>) -> Self {
        FilteredList {
            columns,
            items: Vec::new(),
            order: Vec::new(),
            visible: Vec::new(),
            filter: String::new(),
            needle: String::new(),
            type_filter: None,
            sort,
            cursor: 0,
            offset: Cell::new(0),
            page_rows: Cell::new(10),
        }
    }

    pub fn columns(&self) -> &'static [Column] {
        self.columns
    }

    /// Replaces every row (a reload), keeping the cursor on the same position if it can.
    pub fn clear(&mut self) {
        self.items.clear();
        self.order.clear();
        self.visible.clear();
    }

    /// Adds a page of rows, keeping the selected row selected.
    pub fn append(&mut self, rows: Vec<T>) {
        let selected = self.selected_index();
        let start = self.items.len();
        self.items.extend(rows);
        self.order
            .extend((start..self.items.len()).map(|i| i as u32));
        if self.sort.is_some() {
            self.sort_order();
        }
        self.refilter(selected);
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Replaces the row `same` finds (a polled job's new state), or adds it; the selection stays.
    pub fn upsert(&mut self, row: T, same: impl Fn(&T) -> bool) {
        match self.items.iter().position(same) {
            Some(index) => {
                let selected = self.selected_index();
                self.items[index] = row;
                if self.sort.is_some() {
                    self.sort_order();
                }
                self.refilter(selected);
            }
            None => self.append(vec![row]),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    pub fn visible_len(&self) -> usize {
        self.visible.len()
    }

    pub fn items(&self) -> &[T] {
        &self.items
    }

    pub fn filter(&self) -> &str {
        &self.filter
    }

    pub fn type_filter(&self) -> Option<&ResourceType> {
        self.type_filter.as_ref()
    }

    pub fn sort(&self) -> Option<Sort> {
        self.sort
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub fn selected(&self) -> Option<&T> {
        self.selected_index().map(|i| &self.items[i])
    }

    fn selected_index(&self) -> Option<usize> {
        self.visible.get(self.cursor).map(|&i| i as usize)
    }

    /// The rows `range` of the visible list, in order.
    pub fn visible_rows(&self, start: usize, count: usize) -> impl Iterator<Item = &T> {
        self.visible
            .iter()
            .skip(start)
            .take(count)
            .map(|&i| &self.items[i as usize])
    }

    /// Sets the filter text; narrowing an existing filter only rescans the rows still shown.
    pub fn set_filter(&mut self, text: &str) {
        let needle = text.to_lowercase();
        let selected = self.selected_index();
        let narrowing = needle.contains(self.needle.as_str()) && !self.needle.is_empty();
        self.filter = text.to_string();
        self.needle = needle;
        if narrowing {
            // Only the rows still shown are tested, in storage order (see `refilter`).
            let mut keep = vec![false; self.items.len()];
            for &i in &self.visible {
                keep[i as usize] = true;
            }
            for (row, keep) in self.items.iter().zip(keep.iter_mut()) {
                *keep = *keep && row.matches(&self.needle);
            }
            self.visible.retain(|&i| keep[i as usize]);
            self.restore_cursor(selected);
        } else {
            self.refilter(selected);
        }
    }

    pub fn set_type_filter(&mut self, resource_type: Option<ResourceType>) {
        let selected = self.selected_index();
        self.type_filter = resource_type;
        self.refilter(selected);
    }

    /// Sorts by the next column (ascending), or back to the service's order after the last.
    pub fn cycle_sort(&mut self) {
        let next = match self.sort {
            None => self.columns.first().map(|c| c.id),
            Some(s) => self
                .columns
                .iter()
                .position(|c| c.id == s.column)
                .and_then(|p| self.columns.get(p + 1))
                .map(|c| c.id),
        };
        self.sort = next.map(|column| Sort {
            column,
            descending: false,
        });
        self.resort();
    }

    /// Flips the sort direction (sorting by the first column if unsorted).
    pub fn reverse_sort(&mut self) {
        self.sort = match self.sort {
            Some(s) => Some(Sort {
                descending: !s.descending,
                ..s
            }),
            None => self.columns.first().map(|c| Sort {
                column: c.id,
                descending: true,
            }),
        };
        self.resort();
    }

    fn resort(&mut self) {
        let selected = self.selected_index();
        self.order = (0..self.items.len() as u32).collect();
        self.sort_order();
        self.refilter(selected);
    }

    fn sort_order(&mut self) {
        let Some(sort) = self.sort else {
            self.order.sort_unstable();
            return;
        };
        let items = &self.items;
        self.order.sort_by(|&a, &b| {
            let ord = items[a as usize].compare(&items[b as usize], sort.column);
            if sort.descending { ord.reverse() } else { ord }
        });
    }

    /// Rows are tested in storage order, then picked in sort order: their text sits on the
    /// heap in about the order the rows arrived, so reading it in sort order would jump
    /// around memory, which makes a keystroke over 100,000 sorted rows several times slower.
    fn refilter(&mut self, selected: Option<usize>) {
        let (needle, ty) = (&self.needle, &self.type_filter);
        let keep: Vec<bool> = self
            .items
            .iter()
            .map(|row| {
                ty.as_ref().is_none_or(|t| row.resource_type() == Some(t)) && row.matches(needle)
            })
            .collect();
        self.visible = self
            .order
            .iter()
            .copied()
            .filter(|&i| keep[i as usize])
            .collect();
        self.restore_cursor(selected);
    }

    fn restore_cursor(&mut self, selected: Option<usize>) {
        if let Some(sel) = selected
            && let Some(pos) = self.visible.iter().position(|&i| i as usize == sel)
        {
            self.cursor = pos;
            return;
        }
        self.cursor = self.cursor.min(self.visible.len().saturating_sub(1));
    }

    pub fn move_by(&mut self, delta: isize) {
        if self.visible.is_empty() {
            return;
        }
        let last = self.visible.len() - 1;
        self.cursor = self.cursor.saturating_add_signed(delta).min(last);
    }

    pub fn page(&mut self, pages: isize) {
        let rows = self.page_rows.get().max(1) as isize;
        self.move_by(rows * pages);
    }

    pub fn top(&mut self) {
        self.cursor = 0;
    }

    pub fn bottom(&mut self) {
        self.cursor = self.visible.len().saturating_sub(1);
    }

    /// The first row to draw in `rows` lines so the cursor stays visible, scrolling as little
    /// as possible; remembered for the next frame.
    pub fn scroll_offset(&self, rows: usize) -> usize {
        self.page_rows.set(rows.max(1));
        let mut offset = self.offset.get();
        if self.cursor < offset {
            offset = self.cursor;
        } else if rows > 0 && self.cursor >= offset + rows {
            offset = self.cursor + 1 - rows;
        }
        offset = offset.min(self.visible.len().saturating_sub(rows.max(1)));
        self.offset.set(offset);
        offset
    }
}

/// The list operations every screen shares, object-safe so the app can drive any list.
pub trait ListControl {
    fn move_by(&mut self, delta: isize);
    fn page(&mut self, pages: isize);
    fn top(&mut self);
    fn bottom(&mut self);
    fn cycle_sort(&mut self);
    fn reverse_sort(&mut self);
    fn filter(&self) -> &str;
    fn set_filter(&mut self, text: &str);
}

impl<T: Row> ListControl for FilteredList<T> {
    fn move_by(&mut self, delta: isize) {
        FilteredList::move_by(self, delta)
    }
    fn page(&mut self, pages: isize) {
        FilteredList::page(self, pages)
    }
    fn top(&mut self) {
        FilteredList::top(self)
    }
    fn bottom(&mut self) {
        FilteredList::bottom(self)
    }
    fn cycle_sort(&mut self) {
        FilteredList::cycle_sort(self)
    }
    fn reverse_sort(&mut self) {
        FilteredList::reverse_sort(self)
    }
    fn filter(&self) -> &str {
        FilteredList::filter(self)
    }
    fn set_filter(&mut self, text: &str) {
        FilteredList::set_filter(self, text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Clone, PartialEq)]
    struct Item(&'static str, u32);

    impl Row for Item {
        fn cell(&self, column: u8) -> Cow<'_, str> {
            match column {
                0 => self.0.into(),
                _ => self.1.to_string().into(),
            }
        }
        fn compare(&self, other: &Self, column: u8) -> Ordering {
            match column {
                0 => self.0.cmp(other.0),
                _ => self.1.cmp(&other.1),
            }
        }
        fn matches(&self, needle: &str) -> bool {
            contains_ci(self.0, needle)
        }
    }

    const COLS: &[Column] = &[Column::new(0, "Name", 10, 0), Column::new(1, "Size", 6, 1)];

    fn list() -> FilteredList<Item> {
        let mut l = FilteredList::new(COLS, None);
        l.append(vec![
            Item("orders", 3),
            Item("acme-media", 1),
            Item("acme-logs", 2),
        ]);
        l
    }

    fn names(l: &FilteredList<Item>) -> Vec<&str> {
        l.visible_rows(0, 100).map(|i| i.0).collect()
    }

    #[test]
    fn filters_case_insensitively_and_narrows() {
        let mut l = list();
        l.set_filter("ACME");
        assert_eq!(names(&l), vec!["acme-media", "acme-logs"]);
        l.set_filter("ACME-l");
        assert_eq!(names(&l), vec!["acme-logs"]);
        l.set_filter("");
        assert_eq!(names(&l).len(), 3);
    }

    #[test]
    fn sorting_cycles_columns_and_keeps_the_selection() {
        let mut l = list();
        l.move_by(1); // acme-media
        l.cycle_sort(); // by name
        assert_eq!(names(&l), vec!["acme-logs", "acme-media", "orders"]);
        assert_eq!(l.selected().map(|i| i.0), Some("acme-media"));
        l.reverse_sort();
        assert_eq!(names(&l), vec!["orders", "acme-media", "acme-logs"]);
        l.cycle_sort(); // by size
        assert_eq!(
            l.sort(),
            Some(Sort {
                column: 1,
                descending: false
            })
        );
        assert_eq!(names(&l), vec!["acme-media", "acme-logs", "orders"]);
        l.cycle_sort(); // back to the service order
        assert_eq!(l.sort(), None);
        assert_eq!(names(&l), vec!["orders", "acme-media", "acme-logs"]);
    }

    #[test]
    fn cursor_is_clamped_and_scroll_follows_it() {
        let mut l = list();
        l.move_by(-5);
        assert_eq!(l.cursor(), 0);
        l.move_by(50);
        assert_eq!(l.cursor(), 2);
        assert_eq!(l.scroll_offset(2), 1);
        l.top();
        assert_eq!(l.scroll_offset(2), 0);
        l.set_filter("zzz");
        assert_eq!(l.selected(), None);
        l.move_by(1);
        assert_eq!(l.scroll_offset(2), 0);
    }

    #[test]
    fn upsert_replaces_in_place_or_adds() {
        let mut l = list();
        l.upsert(Item("orders", 30), |i| i.0 == "orders");
        assert_eq!(l.len(), 3);
        assert_eq!(l.items()[0], Item("orders", 30));
        l.upsert(Item("new", 1), |i| i.0 == "new");
        assert_eq!(names(&l), vec!["orders", "acme-media", "acme-logs", "new"]);
    }

    #[test]
    fn appending_a_page_keeps_the_filter() {
        let mut l = list();
        l.set_filter("acme");
        l.append(vec![Item("acme-new", 9), Item("other", 1)]);
        assert_eq!(names(&l), vec!["acme-media", "acme-logs", "acme-new"]);
    }

    /// The obvious implementation `contains_ci` must agree with.
    fn contains_ci_reference(haystack: &str, needle: &str) -> bool {
        if !needle.is_ascii() {
            return haystack.to_lowercase().contains(needle);
        }
        let (h, n) = (haystack.as_bytes(), needle.as_bytes());
        n.is_empty()
            || (h.len() >= n.len()
                && h.windows(n.len())
                    .any(|w| w.iter().zip(n).all(|(a, b)| a.to_ascii_lowercase() == *b)))
    }

    #[test]
    fn contains_ci_finds_matches_at_every_offset() {
        let haystack = "arn:aws:ec2:us-east-1::snapshot/SNAP-0123456789abcdef_x\u{7f}é";
        for start in 0..haystack.len() {
            for end in start..=haystack.len() {
                let Some(part) = haystack.get(start..end) else {
                    continue;
                };
                for needle in [
                    part.to_ascii_lowercase(),
                    format!("{}~", part.to_lowercase()),
                ] {
                    assert_eq!(
                        contains_ci(haystack, &needle),
                        contains_ci_reference(haystack, &needle),
                        "{needle:?}"
                    );
                }
            }
        }
        assert!(contains_ci("a_b", "_b"));
        assert!(!contains_ci("a\u{7f}b", "_b"), "DEL is not an underscore");
        assert!(!contains_ci("abcdefgh-ijk", "abcdefgh-ijl"));
    }

    proptest::proptest! {
        #[test]
        fn contains_ci_agrees_with_the_reference(
            haystack in "[aAbB_\u{7f}\ré-]{0,40}",
            needle in "[ab_\r-]{1,4}",
        ) {
            proptest::prop_assert_eq!(
                contains_ci(&haystack, &needle),
                contains_ci_reference(&haystack, &needle)
            );
        }
    }

    #[test]
    fn contains_ci_handles_unicode_needles() {
        assert!(contains_ci("São Paulo", "são"));
        assert!(contains_ci("ABC", "bc"));
        assert!(!contains_ci("ab", "abc"));
    }
}

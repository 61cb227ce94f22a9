//! The dialog widget: exact buffers, what gives way on a short area, keys at every size.

use super::*;
use proptest::prelude::*;

fn theme() -> Theme {
    Theme::ansi16()
}

/// Renders `dialog` into an empty buffer of `w`x`h`; one string per row.
fn rows(dialog: &Dialog, w: u16, h: u16) -> Vec<String> {
    let area = Rect::new(0, 0, w, h);
    let mut buf = Buffer::empty(area);
    dialog.render(area, &mut buf);
    (0..h)
        .map(|y| (0..w).map(|x| buf[(x, y)].symbol().to_string()).collect())
        .collect()
}

fn shows(rows: &[String], text: &str) -> bool {
    rows.iter().any(|r| r.contains(text))
}

/// A question of `words` words, long enough to wrap many times.
fn long_question(words: usize) -> String {
    let mut q: Vec<String> = (0..words).map(|i| format!("word{i}")).collect();
    q.push("END?".into());
    q.join(" ")
}

#[test]
fn a_short_confirmation_is_drawn_exactly() {
    let t = theme();
    let d = Dialog::new(&t, "Confirm", "Start it?")
        .max_width(24)
        .key("y", "start")
        .key("n", "cancel");
    assert_eq!(
        rows(&d, 24, 6),
        [
            "                        ",
            "┌ Confirm ─────────────┐",
            "│Start it?             │",
            "│y start   n cancel    │",
            "└──────────────────────┘",
            "                        ",
        ]
    );
}

#[test]
fn a_wrapped_question_keeps_every_word_and_the_key_line() {
    let t = theme();
    let question = "Replace the replication configuration of acme-media-source-bucket \
                    (adding rule replicate-everything-to-the-dr-region)?";
    let d = Dialog::new(&t, "Confirm", question)
        .key("y", "save rule")
        .key("n/esc", "cancel (the default)");
    let r = rows(&d, 40, 12);
    // Every character of the question, in order (a word longer than a line is cut).
    let squeeze = |s: &str| s.chars().filter(|c| !" │".contains(*c)).collect::<String>();
    let shown = squeeze(&r.join(""));
    assert!(shown.contains(&squeeze(question)), "{}", r.join("\n"));
    assert!(shows(&r, "y save rule"), "{}", r.join("\n"));
    assert!(shows(&r, "n/esc cancel (the default)"), "{}", r.join("\n"));
}

#[test]
fn a_question_too_long_for_the_area_is_cut_with_an_ellipsis_and_the_keys_stay() {
    let t = theme();
    let d = Dialog::new(&t, "Confirm", long_question(200))
        .key("y", "send")
        .key("n/esc", "cancel");
    let r = rows(&d, 40, 12);
    assert!(shows(&r, "y send   n/esc cancel"), "{}", r.join("\n"));
    assert!(shows(&r, "…"), "the cut is marked:\n{}", r.join("\n"));
    assert!(!shows(&r, "END?"), "the end does not fit");
}

#[test]
fn a_typed_confirmation_shows_what_to_type_what_was_typed_and_the_error() {
    let t = theme();
    let d = Dialog::new(&t, "Confirm", "This restore writes into the SOURCE bucket.")
        .input("Type acme-media and press enter to start it:", "acme-medi")
        .error(Some(
            "That is not the bucket's name: type acme-media to confirm.".into(),
        ))
        .key("enter", "start restore")
        .key("esc", "cancel");
    let r = rows(&d, 60, 20);
    let joined = r.join("\n");
    assert!(shows(&r, "acme-medi_"), "{joined}");
    assert!(shows(&r, "That is not the bucket's name"), "{joined}");
    assert!(shows(&r, "enter start restore   esc cancel"), "{joined}");
    // The input sits above the error, the error above the keys.
    let at = |s: &str| r.iter().position(|l| l.contains(s)).unwrap_or(usize::MAX);
    assert!(at("acme-medi_") < at("That is not") && at("That is not") < at("enter start"));
}

#[test]
fn on_a_short_area_the_typed_text_outranks_the_details() {
    let t = theme();
    let mut d = Dialog::new(&t, "Confirm", "Delete 3 recovery points?")
        .input("Type delete 3 and press enter:", "delete 3")
        .key("enter", "delete")
        .key("esc", "cancel");
    for i in 0..30 {
        d = d.detail(format!("detail {i}"), Style::new());
    }
    let r = rows(&d, 50, 8);
    let joined = r.join("\n");
    assert!(shows(&r, "Delete 3 recovery points?"), "{joined}");
    assert!(shows(&r, "delete 3_"), "{joined}");
    assert!(shows(&r, "enter delete   esc cancel"), "{joined}");
    assert!(!shows(&r, "detail 29"), "{joined}");
}

#[test]
fn a_long_typed_text_keeps_its_end_in_view() {
    let t = theme();
    let typed = "x".repeat(100) + "THE-END";
    let d = Dialog::new(&t, "Confirm", "Q?")
        .input("", &typed)
        .key("enter", "ok")
        .key("esc", "cancel");
    let r = rows(&d, 40, 12);
    assert!(shows(&r, "THE-END_"), "{}", r.join("\n"));
}

#[test]
fn tiny_areas_draw_what_fits_of_the_keys_without_panicking() {
    let t = theme();
    let d = Dialog::new(&t, "Confirm", long_question(50))
        .input("Type it:", "abc")
        .error(Some("wrong".into()))
        .detail("  {\"Json\": 1}", Style::new())
        .key("y", "send")
        .key("n/esc", "cancel");
    for w in 0..=12 {
        for h in 0..=6 {
            let area = Rect::new(0, 0, w, h);
            let mut buf = Buffer::empty(area);
            d.render(area, &mut buf);
        }
    }
    assert_eq!(rows(&d, 10, 2)[0], "y send    ");
}

/// Every kind of dialog the program draws, with `question`, and its confirm and cancel keys
/// as the key line shows them.
fn kinds<'a>(
    t: &'a Theme,
    question: &str,
    typed: &'a str,
) -> Vec<(Dialog<'a>, &'static str, &'static str)> {
    let request = [
        "UpdateRegionSettings request (exactly what is sent)",
        "{",
        "  \"ResourceTypeOptInPreference\": {",
        "    \"EFS\": false",
        "  }",
        "}",
        "AWS CLI equivalent",
        "aws backup update-region-settings --region us-east-1 --resource-type-opt-in-preference '{\"EFS\":false}'",
    ];
    let with_request = |mut d: Dialog<'a>| {
        for line in request {
            d = d.detail(line, Style::new());
        }
        d
    };
    vec![
        (
            Dialog::new(t, "Confirm", question)
                .key("y", "start restore")
                .key("n/esc", "cancel (the default)"),
            "y start restore",
            "n/esc cancel (the default)",
        ),
        (
            Dialog::new(t, "Discard", question)
                .key("y", "discard")
                .key("any other key", "keeps editing"),
            "y discard",
            "any other key keeps editing",
        ),
        (
            Dialog::new(t, "Confirm", question)
                .input("Type acme-media and press enter to start it:", typed)
                .error(Some(format!(
                    "That is not the bucket's name: type acme-media to confirm. {question}"
                )))
                .key("enter", "start restore")
                .key("esc", "cancel"),
            "enter start restore",
            "esc cancel",
        ),
        (
            Dialog::new(t, "Confirm", question)
                .input("Type delete 12 and press enter:", typed)
                .key("enter", "delete")
                .key("esc", "cancel"),
            "enter delete",
            "esc cancel",
        ),
        (
            with_request(
                Dialog::new(t, "Confirm", question)
                    .max_width(76)
                    .detail(question, t.warning),
            )
            .key("y", "change it")
            .key("n/esc", "cancel (the default)"),
            "y change it",
            "n/esc cancel (the default)",
        ),
        (
            with_request(Dialog::new(t, "Confirm", question).max_width(76))
                .key("y", "send")
                .key("n/esc", "cancel (the default)"),
            "y send",
            "n/esc cancel (the default)",
        ),
        (
            Dialog::new(t, "Priority", question)
                .max_width(76)
                .detail("0 to 2147483647, higher runs first.", t.muted)
                .input("", typed)
                .key("enter", "next")
                .key("esc", "cancel"),
            "enter next",
            "esc cancel",
        ),
        (
            Dialog::new(t, "MFA code", question)
                .max_width(70)
                .detail("Device: arn:aws:iam::123456789012:mfa/operator", t.muted)
                .input("MFA code:", typed)
                .error(Some("An MFA code is 6 digits.".into()))
                .key("enter", "send")
                .key("esc", "cancel"),
            "enter send",
            "esc cancel",
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    /// Whatever the size from 40x12 to 250x80 and however long the question, every kind of
    /// dialog shows its confirm and cancel keys, and drawing never panics.
    #[test]
    fn every_dialog_shows_its_keys_at_every_size(
        w in 40u16..=250,
        h in 12u16..=80,
        x in 0u16..20,
        y in 0u16..20,
        question in "[a-zA-Z0-9 ,.?/:-]{0,1500}",
        typed in "[a-z0-9 -]{0,300}",
    ) {
        let t = theme();
        for (dialog, confirm, cancel) in kinds(&t, &question, &typed) {
            // An area that does not start at the origin, as a screen's body does not.
            let whole = Rect::new(0, 0, w + x, h + y);
            let area = Rect::new(x, y, w, h);
            let mut buf = Buffer::empty(whole);
            dialog.render(area, &mut buf);
            let text: Vec<String> = (0..whole.height)
                .map(|row| (0..whole.width).map(|col| buf[(col, row)].symbol().to_string()).collect())
                .collect();
            prop_assert!(shows(&text, confirm), "{confirm} missing at {w}x{h}:\n{}", text.join("\n"));
            prop_assert!(shows(&text, cancel), "{cancel} missing at {w}x{h}:\n{}", text.join("\n"));
            let laid = dialog.layout(area);
            prop_assert!(laid.rect.x >= area.x && laid.rect.right() <= area.right());
            prop_assert!(laid.rect.y >= area.y && laid.rect.bottom() <= area.bottom());
        }
    }
}

//! The messages panel: a long AWS error with its code and request id is readable in full at
//! 80x24, copied whole with c; a notice too long for the footer says so and how to read it.

mod harness;

use backup_tui::action::Action;
use backup_tui::backend::{BackendError, ErrorKind};
use backup_tui::effect::{Effect, Query};
use harness::Harness;

/// AWS's words for a role it cannot assume, as long as they get (over 300 characters).
const LONG: &str = "User: arn:aws:sts::123456789012:assumed-role/OperatorsReadWrite/jane.doe@example.com \
is not authorized to perform: iam:PassRole on resource: arn:aws:iam::123456789012:role/\
service-role/AWSBackupDefaultServiceRole-restore-eu-west-1 because no identity-based policy \
allows the iam:PassRole action, and the permissions boundary arn:aws:iam::123456789012:policy/\
OperatorsBoundary does not allow it either";

/// The text without borders and white space: a message wrapped at the panel's width (long
/// ARNs are split inside) reads as the same characters in the same order.
fn flat(screen: &str) -> String {
    screen
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '│')
        .collect()
}

#[test]
fn a_long_aws_error_is_readable_in_full_in_the_messages_panel_at_80x24() {
    assert!(LONG.len() > 300);
    let mut h = Harness::new();
    // The protected resources listing is answered by this refusal.
    let req = h
        .effects
        .iter()
        .find_map(|e| match e {
            Effect::Load {
                req,
                query: Query::ProtectedResources { .. },
            } => Some(*req),
            _ => None,
        })
        .expect("the resources load");
    let error = BackendError::new(ErrorKind::AccessDenied, LONG).with_details(
        "ListProtectedResources",
        Some("AccessDeniedException"),
        Some("9f3c1a52-7d0e-4b8e-a1c2-5e6f7a8b9c0d"),
    );
    h.act(Action::LoadFailed { req, error });
    h.press("m");
    let screen = h.screen();
    insta::assert_snapshot!("messages_long_error_80x24", screen);
    let text = flat(&screen);
    assert!(text.contains(&flat(LONG)), "{screen}");
    assert!(
        text.contains("errorListProtectedResourcesAccessDeniedException"),
        "{screen}"
    );
    assert!(
        text.contains("requestid9f3c1a52-7d0e-4b8e-a1c2-5e6f7a8b9c0d"),
        "{screen}"
    );
    h.press("c").settle();
    let copied = h.clipboard.last().cloned().unwrap_or_default();
    assert!(copied.contains(LONG), "{copied}");
    assert!(
        copied.contains("9f3c1a52-7d0e-4b8e-a1c2-5e6f7a8b9c0d"),
        "{copied}"
    );
}

#[test]
fn a_notice_cut_at_the_footer_says_so_and_how_to_read_the_rest() {
    let mut h = Harness::new();
    h.settle();
    h.act(Action::AuditFailed(format!(
        "The audit log /var/lib/backup-tui/audit.jsonl could not be written: {LONG}"
    )));
    let screen = h.screen();
    let footer = screen.lines().last().unwrap_or_default().to_string();
    assert!(footer.trim_end().ends_with("… m: read all"), "{footer}");
    assert!(footer.starts_with("The audit log"), "{footer}");
    h.press("m");
    let text = flat(&h.screen());
    assert!(text.contains(&flat(LONG)), "{text}");
}

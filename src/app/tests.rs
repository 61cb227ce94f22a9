//! Unit tests of `App::update`: navigation, identity, notices, MFA, read-only.
use super::*;
use crate::action::Loaded;
use crate::backend::{BackendError, BackendEvent, ErrorKind, MfaReply, Mode};
use crate::effect::{OneTimeCode, Query};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

fn app() -> (App, Vec<Effect>) {
    let account = AccountInfo {
        mode: Mode::Demo,
        account_id: "123456789012".into(),
        profile: "demo".into(),
        env_keys: false,
        read_only: false,
    };
    App::new(
        account,
        "us-east-1".into(),
        Keymap::defaults(),
        Theme::ansi16(),
        crate::backend::mock::demo_session("test"),
    )
}

fn key(name: &str) -> Action {
    let k = crate::keymap::Key::parse(name).expect("key name");
    Action::Key(KeyEvent::new(k.code, k.modifiers))
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    text.chars()
        .flat_map(|c| {
            app.update(Action::Key(KeyEvent::new(
                KeyCode::Char(c),
                KeyModifiers::NONE,
            )))
        })
        .collect()
}

fn first_load(effects: &[Effect]) -> (RequestId, Query) {
    effects
        .iter()
        .find_map(|e| match e {
            Effect::Load { req, query } => Some((*req, query.clone())),
            _ => None,
        })
        .expect("a load effect")
}

#[test]
fn starting_loads_the_protected_resources_of_the_region() {
    let (app, effects) = app();
    let (_, query) = first_load(&effects);
    assert_eq!(
        query,
        Query::ProtectedResources {
            region: "us-east-1".into()
        }
    );
    assert!(app.is_busy());
    assert_eq!(app.crumbs(), vec!["Protected resources"]);
}

#[test]
fn q_quits_only_from_the_top_screen_and_ctrl_c_always() {
    let (mut a, _) = app();
    a.update(key("ctrl-c"));
    assert!(a.should_quit());
    let (mut a, _) = app();
    a.update(key("q"));
    assert!(a.should_quit());
    let (mut a, _) = app();
    a.update(key(":"));
    a.update(key("ctrl-c"));
    assert!(a.should_quit(), "ctrl-c works inside the palette too");
}

#[test]
fn a_reply_for_a_screen_the_user_left_is_dropped_and_its_load_cancelled() {
    let (mut a, effects) = app();
    let (old, _) = first_load(&effects);
    a.update(key(":"));
    typed(&mut a, "vaults");
    let effects = a.update(key("enter"));
    assert!(effects.contains(&Effect::Cancel { req: old }));
    let (new, query) = first_load(&effects);
    assert_eq!(
        query,
        Query::BackupVaults {
            region: "us-east-1".into()
        }
    );
    // The late resources page must not land on the vaults screen.
    a.update(Action::Loaded {
        req: old,
        data: Loaded::Resources(Vec::new()),
        done: true,
    });
    assert!(a.top().is_some_and(|s| s.pending() == vec![new]));
}

#[test]
fn a_palette_error_keeps_what_was_typed() {
    let (mut a, _) = app();
    a.update(key(":"));
    typed(&mut a, "region mars-1");
    a.update(key("enter"));
    match &a.overlay {
        Overlay::Palette(p) => {
            assert_eq!(p.text, "region mars-1");
            assert!(
                p.error
                    .as_deref()
                    .is_some_and(|e| e.contains("Unknown Region"))
            );
        }
        other => panic!("palette closed: {other:?}"),
    }
    assert_eq!(a.region, "us-east-1");
}

#[test]
fn switching_region_reloads_the_section_in_the_new_region() {
    let (mut a, _) = app();
    a.update(key(":"));
    typed(&mut a, "region us-west-2");
    let effects = a.update(key("enter"));
    assert_eq!(a.region, "us-west-2");
    assert_eq!(
        first_load(&effects).1,
        Query::ProtectedResources {
            region: "us-west-2".into()
        }
    );
    assert!(
        a.notice
            .as_ref()
            .is_some_and(|n| n.text.contains("US West (Oregon)"))
    );
}

#[test]
fn esc_while_filtering_restores_the_previous_filter() {
    let (mut a, _) = app();
    a.update(key("/"));
    typed(&mut a, "acme");
    assert_eq!(
        a.top()
            .and_then(|s| s.list())
            .map(|l| l.filter().to_string()),
        Some("acme".into())
    );
    a.update(key("esc"));
    assert!(a.filter_input.is_none());
    assert_eq!(
        a.top()
            .and_then(|s| s.list())
            .map(|l| l.filter().to_string()),
        Some(String::new())
    );
}

#[test]
fn a_failed_load_is_kept_on_its_screen_until_retried() {
    let (mut a, effects) = app();
    let (req, _) = first_load(&effects);
    a.update(Action::LoadFailed {
        req,
        error: BackendError::new(ErrorKind::Throttled, "Rate exceeded"),
    });
    assert!(!a.is_busy());
    let retry = a.update(key("r"));
    assert_eq!(
        first_load(&retry).1,
        Query::ProtectedResources {
            region: "us-east-1".into()
        }
    );
}

fn aws_app() -> (App, Vec<Effect>) {
    let account = AccountInfo {
        mode: Mode::Aws,
        account_id: String::new(),
        profile: "prod".into(),
        env_keys: false,
        read_only: false,
    };
    App::new(
        account,
        "us-east-1".into(),
        Keymap::defaults(),
        Theme::ansi16(),
        crate::backend::mock::demo_session("test"),
    )
}

#[test]
fn against_aws_the_account_comes_from_get_caller_identity() {
    let (mut a, effects) = aws_app();
    let (req, query) = first_load(&effects);
    assert_eq!(query, Query::Identity);
    a.update(Action::Loaded {
        req,
        data: Loaded::Identity(crate::backend::CallerIdentity {
            account_id: "210987654321".into(),
            arn: "arn:aws:iam::210987654321:user/ops".into(),
        }),
        done: true,
    });
    assert_eq!(a.account.account_id, "210987654321");
    assert_eq!(a.session.account_id, "210987654321");
    // A demo account is known at once: no identity call.
    let (_, effects) = app();
    assert_ne!(first_load(&effects).1, Query::Identity);
}

#[test]
fn a_failed_identity_says_why_in_the_footer() {
    let (mut a, effects) = aws_app();
    let (req, _) = first_load(&effects);
    a.update(Action::LoadFailed {
        req,
        error: BackendError::new(ErrorKind::ExpiredCredentials, "token expired"),
    });
    let notice = a.notice.expect("a notice");
    assert!(notice.is_error);
    assert!(notice.text.contains("token expired"), "{}", notice.text);
    assert!(a.account.account_id.is_empty());
}

#[test]
fn throttling_retries_are_shown() {
    let (mut a, _) = app();
    a.update(Action::Backend(BackendEvent::Retrying {
        operation: "ListRecoveryPointsByBackupVault".into(),
        reason: crate::backend::RetryReason::Throttled,
        attempt: 2,
        max: 5,
    }));
    let notice = a.notice.expect("a notice");
    assert!(!notice.is_error);
    assert!(
        notice
            .text
            .contains("throttled, retrying ListRecoveryPointsByBackupVault, attempt 2 of 5"),
        "{}",
        notice.text
    );
}

#[test]
fn the_mfa_prompt_takes_six_digits_and_answers_once() {
    let (mut a, _) = aws_app();
    let declined = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (reply, mut answer) = MfaReply::new(declined.clone());
    a.update(Action::Backend(BackendEvent::MfaNeeded {
        profile: "admin".into(),
        serial: "arn:aws:iam::1:mfa/alice".into(),
        reply: reply.clone(),
    }));
    assert!(matches!(a.overlay, Overlay::Mfa(_)));
    typed(&mut a, "12x");
    let Overlay::Mfa(prompt) = &a.overlay else {
        panic!("prompt closed")
    };
    assert_eq!(prompt.code, "12", "the letter is refused, the digits kept");
    assert_eq!(
        prompt.error.as_deref(),
        Some("The MFA code is 6 digits; 'x' is not a digit."),
        "the refused key is named, with the reason"
    );
    assert!(a.update(key("enter")).is_empty(), "too short: nothing sent");
    let effects = typed(&mut a, "3456");
    assert!(effects.is_empty());
    // A seventh digit is refused with what to do instead, and the code is kept.
    typed(&mut a, "7");
    let Overlay::Mfa(prompt) = &a.overlay else {
        panic!("prompt closed")
    };
    assert_eq!(prompt.code, "123456");
    assert_eq!(
        prompt.error.as_deref(),
        Some("The MFA code is 6 digits and all 6 are typed: press enter to send it.")
    );
    let effects = a.update(key("enter"));
    assert!(matches!(a.overlay, Overlay::None));
    assert_eq!(
        effects,
        vec![Effect::AnswerMfa {
            reply: reply.clone(),
            code: Some(OneTimeCode("123456".into())),
        }]
    );
    for effect in effects {
        if let Effect::AnswerMfa { reply, code } = effect {
            reply.send(code.map(|c| c.0));
        }
    }
    assert_eq!(answer.try_recv().ok().flatten().as_deref(), Some("123456"));
    assert!(!format!("{:?}", OneTimeCode("123456".into())).contains("123456"));
}

#[test]
fn declining_mfa_holds_until_a_reload_rearms_it() {
    let (mut a, _) = aws_app();
    let declined = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (reply, _answer) = MfaReply::new(declined.clone());
    a.update(Action::Backend(BackendEvent::MfaNeeded {
        profile: "admin".into(),
        serial: "arn:aws:iam::1:mfa/alice".into(),
        reply: reply.clone(),
    }));
    let effects = a.update(key("esc"));
    for effect in &effects {
        if let Effect::AnswerMfa { reply, code } = effect {
            reply.send(code.clone().map(|c| c.0));
        }
    }
    assert!(declined.load(std::sync::atomic::Ordering::SeqCst));
    let effects = a.update(key("r"));
    assert_eq!(effects.first(), Some(&Effect::RearmMfa { reply }));
    assert!(
        effects.iter().any(|e| matches!(e, Effect::Load { .. })),
        "and the reload itself"
    );
}

#[test]
fn every_submission_is_a_write_read_only_filters_out() {
    // The refusal itself is walked through the wizard in tests/restore_flows.rs.
    let request = crate::domain::restore::RestoreRequest {
        region: "us-east-1".into(),
        recovery_point_arn: "arn:aws:backup:us-east-1:1:recovery-point:X".into(),
        resource_type: crate::domain::ResourceType::S3,
        iam_role_arn: None,
        idempotency_token: "t".into(),
        metadata: Default::default(),
    };
    assert!(
        Effect::Submit {
            req: 1,
            request: Box::new(crate::domain::WriteRequest::Restore(request)),
        }
        .is_write()
    );
    assert!(!Effect::Cancel { req: 1 }.is_write());
}

#[test]
fn the_selected_message_stays_selected_when_another_arrives() {
    let (mut a, _) = app();
    a.update(Action::AuditFailed("first".into()));
    a.update(Action::AuditFailed("second".into()));
    a.update(key("m"));
    a.update(key("j"));
    assert!(matches!(
        a.overlay,
        Overlay::Messages(MessagesView { selected: 1, .. })
    ));
    // A retry is said while the panel is open: the user still reads "first".
    a.update(Action::Backend(BackendEvent::Retrying {
        operation: "ListBackupVaults".into(),
        reason: crate::backend::RetryReason::NoAnswer,
        attempt: 2,
        max: 3,
    }));
    let effects = a.update(key("c"));
    let copied = effects.iter().find_map(|e| match e {
        Effect::Copy { text } => Some(text.clone()),
        _ => None,
    });
    assert!(copied.is_some_and(|t| t.ends_with("\nfirst")));
    // The same retry said again (every page) is one message, not a list of them.
    let before = a.messages.len();
    a.update(Action::Backend(BackendEvent::Retrying {
        operation: "ListBackupVaults".into(),
        reason: crate::backend::RetryReason::NoAnswer,
        attempt: 2,
        max: 3,
    }));
    assert_eq!(a.messages.len(), before);
}

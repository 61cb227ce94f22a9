//! Property test: random key sequences at random terminal sizes (1x1 to 250x80) never panic.

mod harness;

use backup_tui::backend::mock::{Fault, MockOptions, Operation};
use harness::Harness;
use proptest::prelude::*;

/// Every key the keymap binds, plus text and editing keys the inputs take.
const KEYS: &[&str] = &[
    "j",
    "k",
    "up",
    "down",
    "g",
    "G",
    "home",
    "end",
    "pageup",
    "pagedown",
    "enter",
    "esc",
    "backspace",
    "/",
    ":",
    "?",
    "q",
    "s",
    "S",
    "t",
    "T",
    "r",
    "tab",
    "shift-tab",
    "left",
    "right",
    "h",
    "l",
    "ctrl-u",
    "ctrl-w",
    "ctrl-b",
    "ctrl-f",
    "a",
    "e",
    "v",
    "1",
    "-",
    "space",
    "x",
    "delete",
    "f5",
];

#[derive(Debug, Clone)]
enum Step {
    Key(usize),
    Text(String),
    Resize(u16, u16),
    /// Let pending loads finish (or not: replies can then arrive after later keys).
    Settle,
    Fault(u8),
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        8 => (0..KEYS.len()).prop_map(Step::Key),
        2 => prop_oneof![
            Just("vaults".to_string()),
            Just("jobs".to_string()),
            Just("region us-west-2".to_string()),
            Just("region eu-central-1".to_string()),
            "[a-z -]{0,12}",
            "\\PC{0,8}",
        ]
        .prop_map(Step::Text),
        1 => (1u16..=250, 1u16..=80).prop_map(|(w, h)| Step::Resize(w, h)),
        3 => Just(Step::Settle),
        1 => (0u8..4).prop_map(Step::Fault),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn random_keys_at_random_sizes_never_panic(
        width in 1u16..=250,
        height in 1u16..=80,
        page_size in prop_oneof![Just(3usize), Just(1000usize)],
        steps in prop::collection::vec(step(), 0..60),
    ) {
        let mut h = Harness::with(MockOptions { page_size, ..MockOptions::default() }, width, height);
        h.screen();
        for s in steps {
            match s {
                Step::Key(i) => { h.press(KEYS[i]); }
                Step::Text(t) => { h.type_text(&t); }
                Step::Resize(w, ht) => { h.resize(w, ht); }
                Step::Settle => { h.settle(); }
                Step::Fault(f) => {
                    let (op, fault) = match f {
                        0 => (Operation::ListProtectedResources, Fault::Throttled),
                        1 => (Operation::ListRecoveryPointsByResource, Fault::AccessDenied),
                        2 => (Operation::DescribeRecoveryPoint, Fault::Timeout),
                        _ => (Operation::ListBackupVaults, Fault::ExpiredCredentials),
                    };
                    h.mock.fail_next(op, fault, 1);
                }
            }
            h.screen();
            if h.app.should_quit() {
                break;
            }
        }
        h.settle();
        h.screen();
    }
}

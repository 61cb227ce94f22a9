//! Flow tests: keys through the real app and mock account, asserting screens and backend calls.

mod harness;

use harness::Harness;

#[test]
fn browse_resource_to_recovery_point_and_back() {
    let mut h = Harness::new();
    h.settle()
        .assert_shows("acme-media")
        .press("enter")
        .settle()
        .assert_shows("Recovery points (7)");
    h.press("enter").settle().assert_shows("Recovery point ARN");
}

#[test]
fn detail_draws_while_loading() {
    let mut h = Harness::new();
    h.settle().press("enter").settle().press("enter");
    h.assert_shows("Recovery point ARN");
}

//! Bytes written to the terminal for one cursor move in an 80x24 list: must stay under 300.

#[path = "../benches/support/mod.rs"]
mod support;

/// Deterministic (a byte count, not a timing), so it is asserted on every test run.
#[test]
fn one_cursor_move_writes_under_300_bytes() {
    let bytes = support::cursor_move_bytes();
    println!("one cursor move on an 80x24 Protected resources list wrote {bytes} bytes");
    assert!(
        bytes < 300,
        "one cursor move wrote {bytes} bytes to the terminal (limit 300)"
    );
}

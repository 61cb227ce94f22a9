//! Whole-screen snapshots of every screen and state at 80x24 (the design size) and 120x40.

mod harness;

use backup_tui::backend::mock::{Fault, MockOptions, Operation};
use harness::Harness;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// Snapshots what `script` leaves on screen, at every size.
fn snap(name: &str, options: impl Fn() -> MockOptions, script: impl Fn(&mut Harness)) {
    for (w, h) in SIZES {
        let mut harness = Harness::with(options(), w, h);
        script(&mut harness);
        insta::assert_snapshot!(format!("{name}_{w}x{h}"), harness.screen());
    }
}

fn demo() -> MockOptions {
    MockOptions::default()
}

#[test]
fn resources() {
    snap("resources_loading", demo, |_| {});
    snap("resources", demo, |h| {
        h.settle();
    });
    snap("resources_filtered", demo, |h| {
        h.settle().press("/").type_text("fsx");
    });
    snap("resources_type_filter_sorted", demo, |h| {
        h.settle().press("t").press("t").press("s").press("S");
    });
    snap("resources_empty", demo, |h| {
        h.settle()
            .press(":")
            .type_text("region us-west-1")
            .press("enter")
            .settle();
    });
}

#[test]
fn errors() {
    snap("resources_error", demo, |h| {
        h.mock
            .fail_next(Operation::ListProtectedResources, Fault::Throttled, 1);
        h.settle();
    });
    snap(
        "resources_partial",
        || MockOptions {
            page_size: 5,
            ..demo()
        },
        |h| {
            h.mock
                .fail_on_page(Operation::ListProtectedResources, 2, Fault::Timeout);
            h.settle();
        },
    );
    snap("recovery_point_refresh_failed", demo, |h| {
        h.settle().press("enter").settle();
        h.mock
            .fail_next(Operation::DescribeRecoveryPoint, Fault::AccessDenied, 1);
        h.press("enter").press("enter").settle();
    });
}

#[test]
fn resource_details_and_recovery_points() {
    snap("resource_details_loading", demo, |h| {
        h.settle().press("enter");
    });
    snap("resource_details", demo, |h| {
        h.settle().press("enter").settle();
    });
    snap("recovery_point_stopped", demo, |h| {
        h.settle()
            .press("enter")
            .settle()
            .press("/")
            .type_text("stopped")
            .press("enter")
            .press("enter")
            .press("enter")
            .settle();
    });
    snap("recovery_point_scrolled", demo, |h| {
        h.settle()
            .press("enter")
            .settle()
            .press("G")
            .press("enter")
            .press("enter")
            .settle()
            .press("G");
    });
}

#[test]
fn vaults() {
    snap("vaults", demo, |h| {
        h.settle()
            .press(":")
            .type_text("vaults")
            .press("enter")
            .settle();
    });
    snap("vault_recovery_points", demo, |h| {
        h.settle()
            .press(":")
            .type_text("vaults")
            .press("enter")
            .settle()
            .press("j")
            .press("enter")
            .settle();
    });
}

#[test]
fn buckets() {
    snap("buckets", demo, |h| {
        h.settle()
            .press(":")
            .type_text("buckets")
            .press("enter")
            .settle();
    });
}

#[test]
fn jobs() {
    snap("jobs_backup", demo, |h| {
        h.settle()
            .press(":")
            .type_text("jobs")
            .press("enter")
            .settle();
    });
    snap("jobs_restore", demo, |h| {
        h.settle()
            .press(":")
            .type_text("jobs restore")
            .press("enter")
            .settle();
    });
    snap("jobs_copy", demo, |h| {
        h.settle()
            .press(":")
            .type_text("copy-jobs")
            .press("enter")
            .settle();
    });
    snap("job_detail", demo, |h| {
        h.settle()
            .press(":")
            .type_text("jobs")
            .press("enter")
            .settle()
            .press("enter");
    });
}

#[test]
fn overlays() {
    snap("help", demo, |h| {
        h.settle().press("?");
    });
    snap("palette_suggestions", demo, |h| {
        h.settle().press(":").type_text("re");
    });
    snap("palette_error", demo, |h| {
        h.settle()
            .press(":")
            .type_text("region us-west-9")
            .press("enter");
    });
}

#[test]
fn too_small() {
    let mut h = Harness::with(demo(), 40, 10);
    h.settle();
    insta::assert_snapshot!("too_small_40x10", h.screen());
}

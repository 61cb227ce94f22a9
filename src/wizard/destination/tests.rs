//! Tests of the destination building block: Regions, vault listings, new vaults, vault ARNs.

use super::*;
use crate::backend::ErrorKind;
use time::macros::datetime;

const ACCOUNT: &str = "123456789012";
const IDS: DestinationIds = DESTINATION_IDS;

fn vault(region: &str, name: &str) -> BackupVault {
    BackupVault {
        name: name.into(),
        arn: format!("arn:aws:backup:{region}:{ACCOUNT}:backup-vault:{name}").into(),
        region: region.into(),
        encryption_key_arn: None,
        created: datetime!(2026-01-01 00:00 UTC),
        recovery_points: 3,
        locked: false,
        min_retention_days: None,
        max_retention_days: None,
    }
}

fn region_index(code: &str) -> usize {
    REGIONS.iter().position(|r| r.code == code).expect(code)
}

fn vaults_query(region: &str) -> Query {
    Query::BackupVaults {
        region: region.into(),
    }
}

fn destination() -> Destination {
    Destination::new(IDS, ACCOUNT, "us-east-1", "vault-token".into())
}

/// A destination in `region` whose vaults `names` have all arrived.
fn with_vaults(region: &str, names: &[&str]) -> Destination {
    let mut d = destination();
    assert_eq!(
        d.input(IDS.region, &Input::Choose(region_index(region))),
        None
    );
    let page = names.iter().map(|n| vault(region, n)).collect();
    assert!(d.supply(&vaults_query(region), Ok(Loaded::Vaults(page)), true));
    d
}

fn field_error(d: &Destination, core: &WizardCore, id: FieldId) -> Option<String> {
    d.items(core)
        .iter()
        .filter_map(Item::field)
        .find(|f| f.id == id)
        .and_then(|f| f.error.clone())
}

#[test]
fn regions_without_cross_region_copy_are_marked_and_refused() {
    let mut d = destination();
    let core = WizardCore::new(&["Destination", "Review"]);
    let items = d.items(&core);
    let Some(Field {
        control: crate::wizard::form::Control::Pick { options, .. },
        ..
    }) = items.iter().find_map(Item::field)
    else {
        panic!("a Region pick comes first: {items:?}");
    };
    assert_eq!(options.len(), REGIONS.len(), "every Region is offered");
    let milan = &options[region_index("eu-south-1")];
    let expected = "Europe (Milan) has no cross-Region copy: choose another Region.";
    assert_eq!(milan.problem.as_deref(), Some(expected));
    assert_eq!(
        d.input(IDS.region, &Input::Choose(region_index("eu-south-1"))),
        Some(expected.to_string())
    );
    assert_eq!(d.region(), None, "the refused Region is not chosen");
    assert!(options[region_index("ca-central-1")].problem.is_none());
}

#[test]
fn the_vaults_of_a_region_are_asked_for_once_it_is_chosen() {
    let mut d = destination();
    assert!(d.wanted().is_empty(), "no Region, nothing to load");
    d.input(IDS.region, &Input::Choose(region_index("ca-central-1")));
    assert_eq!(d.wanted(), vec![vaults_query("ca-central-1")]);
    let core = WizardCore::new(&["Destination", "Review"]);
    assert!(d.items(&core).iter().any(
        |i| matches!(i, Item::Note { text, .. } if text == "Loading the vaults of ca-central-1...")
    ));
    assert_eq!(
        d.check(),
        vec![(
            IDS.vault,
            "The vaults of ca-central-1 are still loading: wait a moment, then choose one."
                .to_string()
        )]
    );
    // Two pages, then done: nothing more is wanted and both pages are offered.
    let first = Loaded::Vaults(vec![vault("ca-central-1", "Default")]);
    assert!(d.supply(&vaults_query("ca-central-1"), Ok(first), false));
    let second = Loaded::Vaults(vec![vault("ca-central-1", "dr")]);
    assert!(d.supply(&vaults_query("ca-central-1"), Ok(second), true));
    assert!(d.wanted().is_empty());
    assert_eq!(d.input(IDS.vault, &Input::Choose(1)), None);
    assert_eq!(d.check(), Vec::new());
    assert_eq!(
        d.vault_arn().as_deref(),
        Some("arn:aws:backup:ca-central-1:123456789012:backup-vault:dr")
    );
    assert_eq!(
        d.vault_request(),
        None,
        "an existing vault needs no request"
    );
    assert_eq!(d.summary(), "dr in ca-central-1");
}

#[test]
fn a_failed_listing_says_so_and_choosing_the_region_again_retries() {
    let mut d = destination();
    d.input(IDS.region, &Input::Choose(region_index("us-west-2")));
    let denied = BackendError::new(ErrorKind::AccessDenied, "not allowed");
    assert!(d.supply(&vaults_query("us-west-2"), Err(denied), true));
    assert!(d.wanted().is_empty(), "no retry loop");
    let (field, message) = d.check().remove(0);
    assert_eq!(field, IDS.vault);
    assert!(
        message.starts_with("The vaults of us-west-2 could not be listed (")
            && message.ends_with(
                "): choose New vault or Vault ARN, or choose the Region again to retry."
            ),
        "{message}"
    );
    d.input(IDS.region, &Input::Choose(region_index("us-west-2")));
    assert_eq!(d.wanted(), vec![vaults_query("us-west-2")]);
}

#[test]
fn a_new_vault_is_checked_as_typed_and_made_before_it_is_used() {
    let mut d = with_vaults("ca-central-1", &["Default", "dr"]);
    let mut core = WizardCore::new(&["Destination", "Review"]);
    d.input(IDS.vault_choice, &Input::Choose(1));
    assert_eq!(
        d.input(IDS.new_vault, &Input::Text("dr".into())),
        Some("In ca-central-1, a vault named dr already exists.".to_string())
    );
    let refusal = d.input(IDS.new_vault, &Input::Text("dr copies".into()));
    assert_eq!(
        refusal.as_deref(),
        Some("Vault names use only letters, digits, - and _ (not ` `).")
    );
    core.refuse(IDS.new_vault, refusal);
    assert_eq!(
        field_error(&d, &core, IDS.new_vault).as_deref(),
        Some("Vault names use only letters, digits, - and _ (not ` `).")
    );
    assert_eq!(
        d.input(IDS.new_vault, &Input::Text("dr-copies".into())),
        None
    );
    assert_eq!(d.check(), Vec::new());
    assert_eq!(
        d.vault_request(),
        Some(VaultRequest {
            region: "ca-central-1".into(),
            name: "dr-copies".into(),
            creator_request_id: "vault-token".into(),
        })
    );
    assert_eq!(
        d.vault_arn().as_deref(),
        Some("arn:aws:backup:ca-central-1:123456789012:backup-vault:dr-copies")
    );
    assert_eq!(d.vault_name().as_deref(), Some("dr-copies"));
    assert_eq!(d.summary(), "dr-copies (new) in ca-central-1");
}

#[test]
fn a_typed_vault_arn_must_be_a_vault_in_the_chosen_region() {
    let mut d = with_vaults("ca-central-1", &[]);
    d.input(IDS.vault_choice, &Input::Choose(2));
    let check = |d: &mut Destination, arn: &str| {
        d.input(IDS.vault_arn, &Input::Text(arn.into()));
        d.check().into_iter().next().map(|(id, m)| {
            assert_eq!(id, IDS.vault_arn);
            m
        })
    };
    assert_eq!(
        check(&mut d, "arn:aws:s3:::bucket").as_deref(),
        Some(
            "A vault ARN looks like arn:aws:backup:ca-central-1:111122223333:backup-vault:dr-copies."
        )
    );
    assert_eq!(
        check(&mut d, "arn:aws:backup:ca-central-1:1234:backup-vault:dr").as_deref(),
        Some("The account in a vault ARN is 12 digits, not \"1234\".")
    );
    assert_eq!(
        check(
            &mut d,
            "arn:aws:backup:us-west-2:111122223333:backup-vault:dr"
        )
        .as_deref(),
        Some(
            "This vault is in us-west-2, not ca-central-1: choose us-west-2 as the destination \
             Region, or a vault in ca-central-1."
        )
    );
    let other_account = "arn:aws:backup:ca-central-1:111122223333:backup-vault:dr";
    assert_eq!(check(&mut d, other_account), None);
    assert_eq!(d.vault_arn().as_deref(), Some(other_account));
    assert_eq!(d.vault_name().as_deref(), Some("dr"));
    assert_eq!(d.vault_request(), None);
}

#[test]
fn the_avoided_vault_is_refused_with_its_reason() {
    let source = "arn:aws:backup:ca-central-1:123456789012:backup-vault:Default";
    let mut d = with_vaults("ca-central-1", &["Default", "dr"])
        .avoiding_vault(source, "This is the source vault.");
    assert_eq!(
        d.input(IDS.vault, &Input::Choose(0)).as_deref(),
        Some("This is the source vault.")
    );
    assert_eq!(d.check(), vec![(IDS.vault, "Choose a vault.".to_string())]);
    // Nor can it be preselected.
    assert!(!d.preselect(source));
    assert_eq!(d.vault_arn(), None);
}

#[test]
fn a_listed_vault_can_be_preselected_and_an_unlisted_one_cannot() {
    let mut d = with_vaults("ca-central-1", &["Default", "dr"]);
    assert!(!d.preselect("arn:aws:backup:ca-central-1:123456789012:backup-vault:gone"));
    assert_eq!(d.vault_arn(), None);
    let dr = "arn:aws:backup:ca-central-1:123456789012:backup-vault:dr";
    assert!(d.preselect(dr));
    assert_eq!(d.vault_arn().as_deref(), Some(dr));
    assert_eq!(d.check(), Vec::new());
}

#[test]
fn a_fixed_region_has_no_region_field_and_no_vault_arn_option() {
    let mut d = Destination::in_region(IDS, ACCOUNT, "us-east-1", "t".into());
    assert_eq!(d.region(), Some("us-east-1"));
    assert_eq!(d.wanted(), vec![vaults_query("us-east-1")]);
    let core = WizardCore::new(&["Rule", "Review"]);
    let ids: Vec<FieldId> = d
        .items(&core)
        .iter()
        .filter_map(Item::field)
        .map(|f| f.id)
        .collect();
    assert_eq!(ids, vec![IDS.vault_choice, IDS.vault]);
    d.input(IDS.vault_choice, &Input::Choose(2));
    assert_eq!(
        d.vault_field(),
        IDS.vault,
        "the ARN option does not exist here"
    );
}

#[test]
fn a_region_rule_replaces_the_default_one() {
    let mut d = destination()
        .with_region_rule(|code| (code != "us-east-1").then(|| "Only us-east-1 here.".to_string()));
    assert_eq!(
        d.input(IDS.region, &Input::Choose(region_index("ca-central-1")))
            .as_deref(),
        Some("Only us-east-1 here.")
    );
    assert_eq!(
        d.input(IDS.region, &Input::Choose(region_index("us-east-1"))),
        None
    );
}

//! CreateBackupVault in the demo account: AWS's name rule, one name per Region, and a repeated
//! CreatorRequestId answering the vault it already made.

use super::fixtures::{ACCOUNT_ID, Account, DEMO_NOW, Rng};
use super::invalid;
use super::tokens::Tokens;
use crate::backend::BackendError;
use crate::domain::validate;
use crate::domain::{BackupVault, VaultRequest};

/// Creates the vault (no recovery points, the Region's default AWS Backup key) and returns its
/// ARN, or says why AWS would refuse.
pub fn create(
    account: &mut Account,
    tokens: &mut Tokens<VaultRequest>,
    ids: &mut Rng,
    req: &VaultRequest,
) -> Result<String, BackendError> {
    if let Some(answer) = tokens.replay("CreatorRequestId", &req.creator_request_id, req) {
        return answer;
    }
    validate::vault_name(&req.name)
        .map_err(|e| invalid(format!("InvalidParameterValueException: {e}")))?;
    let data = account.region_mut(&req.region);
    if data.vaults.iter().any(|v| *v.name == req.name) {
        return Err(invalid(format!(
            "AlreadyExistsException: Backup vault {} already exists in {}",
            req.name, req.region
        )));
    }
    let arn = req.arn(ACCOUNT_ID);
    data.vaults.push(BackupVault {
        name: req.name.as_str().into(),
        arn: arn.as_str().into(),
        region: req.region.as_str().into(),
        // No EncryptionKeyArn in the request: AWS Backup encrypts with a key it owns.
        encryption_key_arn: Some(
            format!("arn:aws:kms:{}:{ACCOUNT_ID}:key/{}", req.region, ids.uuid()).into(),
        ),
        created: DEMO_NOW,
        recovery_points: 0,
        locked: false,
        min_retention_days: None,
        max_retention_days: None,
    });
    tokens.remember(&req.creator_request_id, req, &arn);
    Ok(arn)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::ErrorKind;
    use crate::backend::mock::fixtures::seed;

    fn request(region: &str, name: &str, id: &str) -> VaultRequest {
        VaultRequest {
            region: region.into(),
            name: name.into(),
            creator_request_id: id.into(),
        }
    }

    #[test]
    fn a_new_vault_is_empty_and_keyed_in_its_region() {
        let (mut account, mut tokens, mut ids) = (seed(0), Tokens::default(), Rng::new(1));
        let req = request("ca-central-1", "acme-media-dr", "r-1");
        let arn = create(&mut account, &mut tokens, &mut ids, &req).unwrap();
        assert_eq!(
            arn,
            "arn:aws:backup:ca-central-1:123456789012:backup-vault:acme-media-dr"
        );
        let vault = account
            .region("ca-central-1")
            .vaults
            .last()
            .unwrap()
            .clone();
        assert_eq!((&*vault.name, &*vault.arn), ("acme-media-dr", arn.as_str()));
        assert_eq!((vault.recovery_points, vault.locked), (0, false));
        assert_eq!(vault.created, DEMO_NOW);
        let key = vault.encryption_key_arn.unwrap();
        assert!(
            key.starts_with("arn:aws:kms:ca-central-1:123456789012:key/"),
            "{key}"
        );
    }

    #[test]
    fn names_are_checked_and_unique_per_region() {
        let (mut account, mut tokens, mut ids) = (seed(0), Tokens::default(), Rng::new(1));
        let mut make = |region: &str, name: &str, id: &str| {
            create(
                &mut account,
                &mut tokens,
                &mut ids,
                &request(region, name, id),
            )
        };
        let err = make("us-east-1", "bad name", "r-1").unwrap_err();
        assert_eq!(err.kind, ErrorKind::InvalidInput);
        assert!(
            err.message
                .starts_with("InvalidParameterValueException: Vault names use only")
        );
        let err = make("us-west-2", "dr-west", "r-2").unwrap_err();
        assert_eq!(
            err.message,
            "AlreadyExistsException: Backup vault dr-west already exists in us-west-2"
        );
        // The same name is free in another Region.
        make("eu-central-1", "dr-west", "r-3").unwrap();
    }

    #[test]
    fn a_repeated_creator_request_id_answers_the_same_vault() {
        let (mut account, mut tokens, mut ids) = (seed(0), Tokens::default(), Rng::new(1));
        let req = request("us-west-2", "dr-west-2", "r-1");
        let first = create(&mut account, &mut tokens, &mut ids, &req).unwrap();
        let again = create(&mut account, &mut tokens, &mut ids, &req).unwrap();
        assert_eq!(first, again);
        let named = |a: &Account| {
            a.region("us-west-2")
                .vaults
                .iter()
                .filter(|v| &*v.name == "dr-west-2")
                .count()
        };
        assert_eq!(named(&account), 1);
        let other = request("us-west-2", "dr-west-3", "r-1");
        let err = create(&mut account, &mut tokens, &mut ids, &other).unwrap_err();
        assert!(
            err.message
                .contains("CreatorRequestId r-1 was already used"),
            "{}",
            err.message
        );
    }
}

//! Who can sign in, for the sign-in screen drawn before any record is open: the organisation's
//! name and its leads' names and roles. Kept in `vault.json` sealed under a key derived from
//! this laptop's secret, so the folder alone (a copy, a backup header) names nobody, and the
//! app on this laptop can list the leads without a passphrase.

use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use super::key::DbKey;
use super::seal::{self, WrappedKey};
use crate::{Error, ErrorCode, Result};

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Directory {
    pub organisation: String,
    pub leads: Vec<Listed>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Listed {
    pub lead_id: i64,
    pub name: String,
    pub role: String,
}

const AAD: &[u8] = b"cp-tracker directory 1";

impl Directory {
    pub fn seal(&self, laptop: &DbKey) -> Result<WrappedKey> {
        let json = Zeroizing::new(
            serde_json::to_vec(self).map_err(|_| Error::internal("The list of leads could not be kept."))?,
        );
        seal::seal(&key(laptop), &json, AAD)
    }

    pub fn open(laptop: &DbKey, sealed: &WrappedKey) -> Result<Self> {
        let damaged = || {
            Error::new(
                ErrorCode::KeyInvalid,
                "The list of leads in vault.json is damaged. Restore vault.json from a backup of the data folder.",
            )
        };
        let json = seal::open(&key(laptop), sealed, AAD).map_err(|_| damaged())?;
        serde_json::from_slice(&json).map_err(|_| damaged())
    }

    /// This directory with `lead` in place of any entry with their id.
    pub fn with(mut self, lead: Listed) -> Self {
        self.leads.retain(|l| l.lead_id != lead.lead_id);
        self.leads.push(lead);
        self
    }
}

fn key(laptop: &DbKey) -> Zeroizing<[u8; 32]> {
    seal::derived_key(laptop, b"cp-tracker/directory/v1")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_directory_opens_only_with_its_laptop_secret() {
        let laptop = DbKey::generate().unwrap();
        let dir = Directory {
            organisation: "Org".into(),
            leads: vec![Listed { lead_id: 1, name: "Joanna".into(), role: "DSL".into() }],
        };
        let sealed = dir.seal(&laptop).unwrap();
        assert!(!sealed.ciphertext.contains(&hex::encode("Joanna")));
        assert_eq!(Directory::open(&laptop, &sealed).unwrap(), dir);
        assert!(Directory::open(&DbKey::generate().unwrap(), &sealed).is_err());
    }
}

//! The set-up screen's "Connect to my organisation's database" (and `shared join`): what
//! the lead typed, checked field by field, into the server's address and this laptop's code.

use serde::Deserialize;
use ts_rs::TS;
use zeroize::Zeroizing;

use crate::shared::devices::laptop_role;
use crate::shared::{EnrolmentCode, ServerAddress};
use crate::{Error, FieldError, Result};

/// The set-up screen's "Connect to my organisation's database".
#[derive(Debug, Clone, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct JoinInput {
    /// The server's name, with `:port` when it is not 5432.
    pub server: String,
    pub database: String,
    pub code: String,
    /// The organisation's CA certificate (PEM); empty trusts the system's roots.
    #[serde(default)]
    pub ca_certificate: Option<String>,
}

impl JoinInput {
    /// From `postgres://HOST:PORT/DATABASE`, as the command line takes it.
    pub fn from_url(url: &str, code: &str, ca_pem: Option<Vec<u8>>) -> Result<Self> {
        let at = ServerAddress::location_from_url(url, None)?;
        let ca_certificate = match ca_pem {
            Some(pem) => {
                Some(String::from_utf8(pem).map_err(|_| Error::invalid("The CA certificate is not a PEM file."))?)
            }
            None => None,
        };
        Ok(Self {
            server: format!("{}:{}", at.host, at.port),
            database: at.database,
            code: code.to_owned(),
            ca_certificate,
        })
    }

    /// Every problem at once, each beside its field.
    pub(super) fn checked(&self) -> Result<(ServerAddress, EnrolmentCode)> {
        let mut errors = Vec::new();
        let server = self.server.trim();
        let (host, port) = match server.rsplit_once(':') {
            Some((host, port)) if !host.contains(':') || host.ends_with(']') => (host, port.parse::<u16>().ok()),
            _ => (server, Some(5432)),
        };
        let host = host.trim_start_matches('[').trim_end_matches(']');
        if host.is_empty() || port.is_none() || host.contains(['/', ' ', '@']) {
            errors.push(FieldError::new(
                "server",
                "Enter the server's name as whoever runs the database gave it, like db.example.org or db.example.org:5433",
            ));
        }
        let database = self.database.trim();
        if database.is_empty() || database.len() > 63 {
            errors.push(FieldError::new("database", "Enter the database's name, as whoever runs it gave it"));
        }
        let code = EnrolmentCode::parse(&self.code);
        if let Err(e) = &code {
            errors.push(FieldError::new("code", e.message.trim_end_matches('.')));
        }
        let ca_pem = match self.ca_certificate.as_deref().map(str::trim).filter(|pem| !pem.is_empty()) {
            Some(text) => {
                let pem = certificates(text);
                if pem.is_none() {
                    errors.push(FieldError::new(
                        "caCertificate",
                        "The CA certificate must be the text from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE-----",
                    ));
                }
                pem
            }
            None => None,
        };
        let Ok(code) = code else { return Err(Error::fields(errors)) };
        if !errors.is_empty() {
            return Err(Error::fields(errors));
        }
        let address = ServerAddress {
            host: host.to_owned(),
            port: port.unwrap_or(5432),
            database: database.to_owned(),
            role: laptop_role(database, code.device_id),
            password: Zeroizing::new(code.secret.to_string()),
            ca_pem: ca_pem.map(String::into_bytes),
        };
        Ok((address, code))
    }
}

/// The certificates in `text` as PEM, each body laid out again in lines of 64: a certificate
/// pasted from an email or a chat often arrives with its line breaks lost or doubled, which
/// PEM readers refuse. `None` when there is none.
fn certificates(text: &str) -> Option<String> {
    const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
    const END: &str = "-----END CERTIFICATE-----";
    let mut out = String::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start + BEGIN.len()..];
        let end = after.find(END)?;
        let body: String = after[..end].chars().filter(|c| !c.is_whitespace()).collect();
        if body.is_empty() || !body.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '/' | '=')) {
            return None;
        }
        out.push_str(BEGIN);
        out.push('\n');
        for line in body.as_bytes().chunks(64) {
            out.push_str(std::str::from_utf8(line).ok()?);
            out.push('\n');
        }
        out.push_str(END);
        out.push('\n');
        rest = &after[end + END.len()..];
    }
    (!out.is_empty()).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_join_form_reports_every_problem_at_once() {
        let input = JoinInput {
            server: "".into(),
            database: " ".into(),
            code: "nonsense".into(),
            ca_certificate: Some("not a certificate".into()),
        };
        let err = input.checked().unwrap_err();
        let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["server", "database", "code", "caCertificate"]);
    }

    #[test]
    fn a_certificate_pasted_without_its_line_breaks_is_laid_out_again() {
        let body = "MIIBszCCAVmgAwIBAgIUV".repeat(5);
        let pasted = format!("  -----BEGIN CERTIFICATE-----{body}-----END CERTIFICATE-----  ");
        let pem = certificates(&pasted).unwrap();
        let lines: Vec<&str> = pem.lines().collect();
        assert_eq!(lines[0], "-----BEGIN CERTIFICATE-----");
        assert_eq!((lines[1].len(), lines[2].len()), (64, body.len() - 64));
        assert_eq!(lines[3], "-----END CERTIFICATE-----");
        let doubled = pem.replace('\n', "\r\n\r\n");
        assert_eq!(certificates(&doubled).unwrap(), pem, "doubled breaks too");
        let two = certificates(&format!("{pem}\n{pem}")).unwrap();
        assert_eq!(two.matches("BEGIN CERTIFICATE").count(), 2, "a chain keeps every certificate");
        assert!(certificates("-----BEGIN CERTIFICATE-----not base64!-----END CERTIFICATE-----").is_none());
        assert!(certificates("-----BEGIN CERTIFICATE-----MIIB").is_none(), "no end");
        assert!(certificates("hello").is_none());
    }

    #[test]
    fn the_join_form_names_the_laptops_role_from_its_code() {
        let input = JoinInput {
            server: "db.example.org:6432".into(),
            database: "cp_records".into(),
            code: "7-K3QF-9XMB-2WPR-HT6C-N4DZ".into(),
            ca_certificate: None,
        };
        let (address, code) = input.checked().unwrap();
        assert_eq!(
            (address.host.as_str(), address.port, address.role.as_str()),
            ("db.example.org", 6432, "cp_records_laptop_7")
        );
        assert_eq!(address.password.as_str(), code.secret.as_str());
        let plain = JoinInput { server: "db.example.org".into(), ..input };
        assert_eq!(plain.checked().unwrap().0.port, 5432);
    }
}

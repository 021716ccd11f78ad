//! Connecting to the organisation's PostgreSQL. There is no setting for clear text or for an
//! unverified certificate: `verify-full` is the only mode this code can ask for.

use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgSslMode};
use sqlx::{ConnectOptions, Connection};
use zeroize::Zeroizing;

use crate::{Error, ErrorCode, Result};

/// Where the organisation's records are, and this laptop's credentials for them.
#[derive(Clone)]
pub struct ServerAddress {
    pub host: String,
    pub port: u16,
    pub database: String,
    /// This laptop's own role on the server.
    pub role: String,
    pub password: Zeroizing<String>,
    /// The organisation's CA certificate (PEM), trusted besides the system's roots; `None`
    /// trusts the system's roots only (a managed PostgreSQL service with a public certificate).
    pub ca_pem: Option<Vec<u8>>,
}

impl std::fmt::Debug for ServerAddress {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the password.
        write!(f, "ServerAddress({}:{}/{} as {})", self.host, self.port, self.database, self.role)
    }
}

impl ServerAddress {
    /// From a PostgreSQL URL as an organisation's database service gives it, with the CA
    /// certificate (PEM) to trust. A URL asking for less than a verified TLS connection
    /// (`sslmode=disable`, `allow`, `prefer`, `require`, `verify-ca`) is refused rather than
    /// quietly upgraded, so nobody believes CP Tracker would connect that way.
    pub fn from_url(text: &str, ca_pem: Option<Vec<u8>>) -> Result<Self> {
        let address = Self::location_from_url(text, ca_pem)?;
        if address.role.is_empty() {
            return Err(Error::invalid(
                "The database URL has no role name. It looks like postgres://ROLE:PASSWORD@HOST:PORT/DATABASE.",
            ));
        }
        Ok(address)
    }

    /// The server and database alone (a laptop joining brings its role in its enrolment code):
    /// postgres://HOST:PORT/DATABASE, any role and password in it kept as given.
    pub fn location_from_url(text: &str, ca_pem: Option<Vec<u8>>) -> Result<Self> {
        let bad = |why: &str| {
            Error::invalid(format!(
                "The database URL {why}. It looks like postgres://ROLE:PASSWORD@HOST:PORT/DATABASE."
            ))
        };
        let url = url::Url::parse(text).map_err(|_| bad("could not be read"))?;
        if !matches!(url.scheme(), "postgres" | "postgresql") {
            return Err(bad("does not start with postgres://"));
        }
        if let Some((_, mode)) = url.query_pairs().find(|(k, _)| k == "sslmode" || k == "ssl-mode")
            && mode != "verify-full"
        {
            return Err(Error::invalid(format!(
                "The database URL asks for sslmode={mode}. CP Tracker always connects with TLS and checks the \
                 server's certificate and name (verify-full): remove sslmode from the URL."
            )));
        }
        let decode = |s: &str| percent_encoding::percent_decode_str(s).decode_utf8_lossy().into_owned();
        let host = url.host_str().filter(|h| !h.is_empty()).ok_or_else(|| bad("has no server name"))?;
        let database = decode(url.path().trim_start_matches('/'));
        if database.is_empty() {
            return Err(bad("has no database name"));
        }
        Ok(Self {
            host: host.trim_start_matches('[').trim_end_matches(']').to_owned(),
            port: url.port().unwrap_or(5432),
            database,
            role: decode(url.username()),
            password: Zeroizing::new(url.password().map(decode).unwrap_or_default()),
            ca_pem,
        })
    }
}

/// How long a laptop waits for the server before saying it cannot be reached.
const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// A pool of verified TLS connections to the organisation's database, or the reason there is
/// none. A first connection is made here, so every failure shows now, not at the first query.
pub async fn connect(address: &ServerAddress, max_connections: u32) -> Result<PgPool> {
    let mut options = PgConnectOptions::new()
        .host(&address.host)
        .port(address.port)
        .database(&address.database)
        .username(&address.role)
        .password(&address.password)
        .ssl_mode(PgSslMode::VerifyFull)
        .application_name("CP Tracker");
    if let Some(pem) = &address.ca_pem {
        options = options.ssl_root_cert_from_pem(pem.clone());
    }
    // One connection on its own first: a pool retries what fails until its timeout, and would
    // report a refused certificate as a server that did not answer.
    let unreachable = || sqlx::Error::PoolTimedOut;
    let first = tokio::time::timeout(CONNECT_TIMEOUT, options.connect())
        .await
        .unwrap_or_else(|_| Err(unreachable()))
        .map_err(|e| why_not(address, &e))?;
    let _ = first.close().await;
    PgPoolOptions::new()
        .max_connections(max_connections)
        .min_connections(1)
        .acquire_timeout(CONNECT_TIMEOUT)
        .connect_with(options)
        .await
        .map_err(|e| why_not(address, &e))
}

fn refused_certificate(err: &sqlx::Error) -> bool {
    match err {
        sqlx::Error::Tls(_) => true,
        sqlx::Error::Io(e) => crate::error::chain(e).to_lowercase().contains("certificate"),
        _ => false,
    }
}

/// The lead's sentence for a failed connection; the cause goes to the local log.
fn why_not(address: &ServerAddress, err: &sqlx::Error) -> Error {
    let server = format!("{}:{}", address.host, address.port);
    let (code, message) = match err {
        sqlx::Error::Tls(e) if e.to_string().contains("does not support TLS") => (
            ErrorCode::ServerNoTls,
            format!(
                "The server at {server} does not offer an encrypted connection, and CP Tracker never sends records \
                 unencrypted. Ask whoever runs your organisation's database to turn on TLS (ssl = on)."
            ),
        ),
        // rustls reports a refused certificate through the socket, as an I/O error.
        sqlx::Error::Tls(_) | sqlx::Error::Io(_) if refused_certificate(err) => (
            ErrorCode::ServerCertificate,
            format!(
                "The server at {server} did not prove it is your organisation's database: its certificate is not \
                 signed by the CA certificate you gave, or is not for the name {}. Check the server address and the \
                 CA certificate with whoever runs the database. Nothing was sent.",
                address.host
            ),
        ),
        sqlx::Error::Database(db) => match db.code().as_deref() {
            Some("28P01") => (
                ErrorCode::ServerCredentials,
                "Your organisation's database did not accept this laptop's name or password. Ask whoever runs the \
                 database for a new enrolment code for this laptop."
                    .to_owned(),
            ),
            Some("28000") => (
                ErrorCode::DeviceRevoked,
                "This laptop's access to your organisation's database has been withdrawn. Ask whoever runs the \
                 database if this laptop should still be used."
                    .to_owned(),
            ),
            Some("3D000") => (
                ErrorCode::ServerUnreachable,
                format!(
                    "The server at {server} has no database called {}. Check the database name with whoever runs it.",
                    address.database
                ),
            ),
            _ => (ErrorCode::Internal, format!("Your organisation's database at {server} refused the connection.")),
        },
        sqlx::Error::Io(_) | sqlx::Error::PoolTimedOut => (
            ErrorCode::ServerUnreachable,
            format!(
                "CP Tracker cannot reach your organisation's database at {server}. Check this laptop is online (and \
                 on the VPN, if your organisation uses one), and that the server address is right."
            ),
        ),
        _ => {
            (ErrorCode::Internal, format!("CP Tracker could not connect to your organisation's database at {server}."))
        }
    };
    Error::caused(code, message, err)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_is_read_whole_and_never_to_less_than_verify_full() {
        let a = ServerAddress::from_url("postgres://cp%20admin:p%40ss%3Aword@db.example.org:6432/cp_records", None)
            .unwrap();
        assert_eq!((a.host.as_str(), a.port, a.database.as_str()), ("db.example.org", 6432, "cp_records"));
        assert_eq!((a.role.as_str(), a.password.as_str()), ("cp admin", "p@ss:word"));
        assert_eq!(ServerAddress::from_url("postgresql://r@h/d", None).unwrap().port, 5432);
        assert!(ServerAddress::from_url("postgres://r@h/d?sslmode=verify-full", None).is_ok());
        for bad in [
            "postgres://r@h/d?sslmode=require",
            "postgres://r@h/d?sslmode=disable",
            "mysql://r@h/d",
            "postgres://r@h/",
            "postgres://h/d",
            "not a url",
        ] {
            assert_eq!(ServerAddress::from_url(bad, None).unwrap_err().code, ErrorCode::Invalid, "{bad}");
        }
        assert!(!format!("{a:?}").contains("word"), "the password is never printed");
    }
}

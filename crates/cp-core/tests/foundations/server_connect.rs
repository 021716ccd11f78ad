//! Shared mode's one kind of connection, against a real PostgreSQL with TLS that the test
//! command starts (scripts/lib/with-test-postgres.sh): verified against the organisation's CA
//! and the server's name, never clear text, and each way it fails told apart.

use std::time::Duration;

use cp_core::ErrorCode;
use cp_core::shared::{ServerAddress, connect};
use zeroize::Zeroizing;

/// The private cluster's address, as the test command exports it.
fn test_server() -> ServerAddress {
    let url = std::env::var("CP_TEST_POSTGRES_URL")
        .expect("CP_TEST_POSTGRES_URL is not set: run the tests with scripts/test, which starts a private PostgreSQL");
    let ca = std::env::var("CP_TEST_POSTGRES_CA").expect("CP_TEST_POSTGRES_CA is not set");
    // postgres://ROLE:PASSWORD@HOST:PORT/DATABASE
    let rest = url.strip_prefix("postgres://").expect("a postgres:// URL");
    let (credentials, rest) = rest.split_once('@').unwrap();
    let (role, password) = credentials.split_once(':').unwrap();
    let (host_port, database) = rest.split_once('/').unwrap();
    let (host, port) = host_port.split_once(':').unwrap();
    ServerAddress {
        host: host.to_owned(),
        port: port.parse().unwrap(),
        database: database.to_owned(),
        role: role.to_owned(),
        password: Zeroizing::new(password.to_owned()),
        ca_pem: Some(std::fs::read(ca).unwrap()),
    }
}

async fn refused(address: &ServerAddress) -> cp_core::Error {
    match connect(address, 1).await {
        Ok(pool) => {
            pool.close().await;
            panic!("connected to {address:?}")
        }
        Err(e) => e,
    }
}

#[tokio::test]
async fn a_connection_is_tls_verified_against_the_organisations_ca() {
    let pool = connect(&test_server(), 2).await.unwrap();
    let ssl: bool =
        sqlx::query_scalar("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()").fetch_one(&pool).await.unwrap();
    assert!(ssl);
    pool.close().await;
}

#[tokio::test]
async fn a_certificate_the_organisations_ca_did_not_sign_is_refused() {
    let other = std::env::var("CP_TEST_POSTGRES_OTHER_CA").expect("CP_TEST_POSTGRES_OTHER_CA is not set");
    let address = ServerAddress { ca_pem: Some(std::fs::read(other).unwrap()), ..test_server() };
    let err = refused(&address).await;
    assert_eq!(err.code, ErrorCode::ServerCertificate, "{err}");
    assert!(err.message.contains("did not prove"), "{err}");

    // Without the organisation's CA, the system's roots do not know a private CA either.
    let err = refused(&ServerAddress { ca_pem: None, ..test_server() }).await;
    assert_eq!(err.code, ErrorCode::ServerCertificate, "{err}");
}

#[tokio::test]
async fn wrong_credentials_a_withdrawn_laptop_and_a_missing_database_are_told_apart() {
    let server = test_server();
    let err = refused(&ServerAddress { password: Zeroizing::new("not the password".into()), ..server.clone() }).await;
    assert_eq!(err.code, ErrorCode::ServerCredentials, "{err}");

    let admin = connect(&server, 1).await.unwrap();
    let role = format!("laptop_withdrawn_{}", std::process::id());
    sqlx::query(sqlx::AssertSqlSafe(format!("CREATE ROLE {role} LOGIN PASSWORD 'laptop password here'")))
        .execute(&admin)
        .await
        .unwrap();
    let laptop =
        ServerAddress { role: role.clone(), password: Zeroizing::new("laptop password here".into()), ..server.clone() };
    connect(&laptop, 1).await.unwrap().close().await;
    sqlx::query(sqlx::AssertSqlSafe(format!("ALTER ROLE {role} NOLOGIN"))).execute(&admin).await.unwrap();
    let err = refused(&laptop).await;
    assert_eq!(err.code, ErrorCode::DeviceRevoked, "{err}");
    sqlx::query(sqlx::AssertSqlSafe(format!("DROP ROLE {role}"))).execute(&admin).await.unwrap();
    admin.close().await;

    let err = refused(&ServerAddress { database: "no_such_database".into(), ..server }).await;
    assert!(err.message.contains("no database called no_such_database"), "{err}");
}

#[tokio::test]
async fn a_server_nobody_answers_on_is_unreachable() {
    // A port just given up by a listener: nothing answers there.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let err = refused(&ServerAddress { host: "127.0.0.1".into(), port, ..test_server() }).await;
    assert_eq!(err.code, ErrorCode::ServerUnreachable, "{err}");
    assert!(err.message.contains("cannot reach"), "{err}");
}

/// A server that declines TLS (as PostgreSQL with `ssl = off` answers 'N') is refused, and
/// nothing but the request for TLS ever reaches it: no name, no password, no query.
#[tokio::test]
async fn a_server_without_tls_is_refused_before_anything_is_sent() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = tokio::spawn(async move {
        let mut received = Vec::new();
        // Each connection attempt: read what the laptop sends, answer "no TLS", see what follows.
        while let Ok(Ok((mut socket, _))) = tokio::time::timeout(Duration::from_secs(3), listener.accept()).await {
            let mut request = [0u8; 8];
            socket.read_exact(&mut request).await.unwrap();
            received.extend_from_slice(&request);
            socket.write_all(b"N").await.unwrap();
            let mut rest = Vec::new();
            let _ = tokio::time::timeout(Duration::from_millis(500), socket.read_to_end(&mut rest)).await;
            received.extend_from_slice(&rest);
        }
        received
    });
    let err = refused(&ServerAddress { host: "127.0.0.1".into(), port, ..test_server() }).await;
    assert_eq!(err.code, ErrorCode::ServerNoTls, "{err}");
    let received = server.await.unwrap();
    // PostgreSQL's SSLRequest: length 8, code 80877103, and nothing else, however many tries.
    let ssl_request = [0, 0, 0, 8, 0x04, 0xd2, 0x16, 0x2f];
    assert!(!received.is_empty());
    assert!(received.chunks(8).all(|c| c == ssl_request), "sent in clear: {received:?}");
}

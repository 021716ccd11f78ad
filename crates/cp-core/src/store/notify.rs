//! Changes seen at once on every laptop (shared mode): each write that adds to the audit trail
//! tells the server so inside its transaction (`NOTIFY`, delivered when it commits and never
//! if it rolls back), and each laptop listens (`LISTEN`) rather than asking again and again.
//! A notification carries only the audit row's number, never case content. On one laptop's
//! file there is nobody else to tell, and nothing to listen to.

use sqlx::postgres::{PgListener, PgPool};

use super::Store;
use super::db::{Conn, Engine, query};
use crate::Result;

const CHANNEL: &str = "cp_tracker_changes";

/// Tells the other laptops, when this write commits, that the trail has grown to `row`.
pub(crate) async fn changed(conn: &mut Conn<'_>, row: i64) -> Result<()> {
    if conn.engine() == Engine::Postgres {
        query("SELECT pg_notify($1, $2)").bind(CHANNEL).bind(row.to_string()).execute(conn).await?;
    }
    Ok(())
}

/// What a laptop hears.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Heard {
    /// A write committed (on this laptop or another); the audit trail's newest row.
    Changed { row: i64 },
    /// The connection was lost and made again: whatever changed meanwhile was not heard, so
    /// everything shown should be read again.
    Reconnected,
}

/// A laptop listening for the organisation's changes. It holds one of the store's pooled
/// connections for as long as it lives, so it is dropped before the store closes (closing
/// waits for every connection to come back).
pub struct Listener {
    inner: PgListener,
}

impl Listener {
    /// Listens on the records' server; `None` on a laptop's own file.
    pub async fn start(store: &Store) -> Result<Option<Self>> {
        let Some(pool) = store.server_pool() else { return Ok(None) };
        Ok(Some(Self::on(pool).await?))
    }

    async fn on(pool: &PgPool) -> Result<Self> {
        let mut inner = PgListener::connect_with(pool).await.map_err(super::server_error)?;
        inner.listen(CHANNEL).await.map_err(super::server_error)?;
        Ok(Self { inner })
    }

    /// The next thing heard. A lost connection is made again here (by sqlx's listener) and
    /// reported as `Reconnected`; while the server cannot be reached this returns its error.
    pub async fn next(&mut self) -> Result<Heard> {
        match self.inner.try_recv().await.map_err(super::server_error)? {
            Some(n) => Ok(n.payload().parse().map_or(Heard::Reconnected, |row| Heard::Changed { row })),
            None => Ok(Heard::Reconnected),
        }
    }
}

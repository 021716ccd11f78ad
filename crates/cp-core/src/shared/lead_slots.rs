//! The leads' server slots (`vault::server_slot`) in `lead_slots`, on the server only.

use sqlx::FromRow;

use crate::store::Store;
use crate::store::db::{Conn, query};
use crate::vault::{ServerSlot, WrappedKey};
use crate::{Error, ErrorCode, Result};

/// A lead's slot, added or replaced (a new passphrase).
pub async fn put(conn: &mut Conn<'_>, slot: &ServerSlot, at: &str) -> Result<()> {
    query(
        "INSERT INTO lead_slots (lead_id, salt, kdf, wrapped_seed, box_public, changed_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (lead_id) DO UPDATE SET salt = EXCLUDED.salt, kdf = EXCLUDED.kdf,
             wrapped_seed = EXCLUDED.wrapped_seed, box_public = EXCLUDED.box_public, changed_at = EXCLUDED.changed_at",
    )
    .bind(slot.lead_id)
    .bind(slot.salt.clone())
    .bind(json(&slot.kdf)?)
    .bind(json(&slot.wrapped_seed)?)
    .bind(slot.box_public.clone())
    .bind(at)
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(FromRow)]
struct Row {
    lead_id: i64,
    salt: String,
    kdf: String,
    wrapped_seed: String,
    box_public: String,
}

/// The slots of the active leads, by lead.
pub async fn of_active_leads(store: &Store) -> Result<Vec<ServerSlot>> {
    let rows: Vec<Row> = query(
        "SELECT k.lead_id, k.salt, k.kdf, k.wrapped_seed, k.box_public
         FROM lead_slots k JOIN leads l ON l.id = k.lead_id WHERE l.active = TRUE ORDER BY k.lead_id",
    )
    .fetch_all(&mut store.db())
    .await?;
    rows.into_iter()
        .map(|r| {
            let damaged =
                || Error::new(ErrorCode::KeyInvalid, "A lead's key on your organisation's database is damaged.");
            let wrapped_seed: WrappedKey = serde_json::from_str(&r.wrapped_seed).map_err(|_| damaged())?;
            Ok(ServerSlot {
                lead_id: r.lead_id,
                salt: r.salt,
                kdf: serde_json::from_str(&r.kdf).map_err(|_| damaged())?,
                wrapped_seed,
                box_public: r.box_public,
            })
        })
        .collect()
}

fn json<T: serde::Serialize>(value: &T) -> Result<String> {
    serde_json::to_string(value).map_err(|_| Error::internal("A lead's key could not be written."))
}

//! Every stored enum is written by sqlx in the same words as serde gives the UI (its
//! snake_case name), and read back to the same value: the database, the views and the screens
//! cannot disagree on what a value is called.

use std::fmt::Debug;

use cp_core::domain::label::{Label, table};
use sqlx::sqlite::SqlitePool;
use sqlx::{Decode, Encode, Sqlite, Type};

async fn agree<T>(pool: &SqlitePool)
where
    T: Label
        + Debug
        + PartialEq
        + Type<Sqlite>
        + for<'q> Encode<'q, Sqlite>
        + for<'r> Decode<'r, Sqlite>
        + Send
        + Unpin,
{
    for (value, (serde_name, _)) in T::ALL.iter().zip(table::<T>()) {
        let stored: String = sqlx::query_scalar("SELECT ?").bind(*value).fetch_one(pool).await.unwrap();
        assert_eq!(stored, serde_name, "{value:?} is stored as {stored}, but the UI knows it as {serde_name}");
        let back: T = sqlx::query_scalar("SELECT ?").bind(&stored).fetch_one(pool).await.unwrap();
        assert_eq!(back, *value);
    }
}

#[tokio::test]
async fn every_stored_enum_is_stored_as_the_ui_names_it() {
    use cp_core::{allegations, cases, chronology, concerns, domain, enquiries, people, plans, review, transfers};
    let pool = SqlitePool::connect("sqlite::memory:").await.unwrap();
    agree::<domain::case::Status>(&pool).await;
    agree::<domain::case::Level>(&pool).await;
    agree::<domain::calendar::Nation>(&pool).await;
    agree::<cases::Source>(&pool).await;
    agree::<cases::rules::ClosureReason>(&pool).await;
    agree::<people::rules::Role>(&pool).await;
    agree::<people::rules::RelationshipKind>(&pool).await;
    agree::<chronology::rules::EntryKind>(&pool).await;
    agree::<plans::rules::PlanKind>(&pool).await;
    agree::<plans::rules::Category>(&pool).await;
    agree::<enquiries::rules::IdentityCheck>(&pool).await;
    agree::<review::rules::Outcome>(&pool).await;
    agree::<allegations::rules::HarmTest>(&pool).await;
    agree::<allegations::rules::FinalOutcome>(&pool).await;
    agree::<concerns::rules::Nature>(&pool).await;
    agree::<concerns::rules::EscalationLevel>(&pool).await;
    agree::<transfers::rules::StayKind>(&pool).await;
    pool.close().await;
}

//! What a lead does with the people of a case, each through the one write path.

use std::collections::HashMap;

use chrono::{DateTime, Utc};

use super::rules::{NewPerson, NewRelationship, Role, check_link, check_person, check_relationship, family_name};
use super::{PersonInCase, PersonMatch, Relationship, sql};
use crate::audit::{Action, Actor};
use crate::domain::calendar::uk_today;
use crate::domain::fold::search_form;
use crate::store::Store;
use crate::write::ChangeKind;
use crate::write::{self, Write};
use crate::{Error, ErrorCode, Result};

pub async fn add_person(store: &Store, lead_id: i64, case_id: i64, p: &NewPerson, now: DateTime<Utc>) -> Result<i64> {
    write::run(store, Actor::Lead(lead_id), now, async |w| add_person_in(w, case_id, p).await).await
}

/// `add_person` as one step of a larger write (an import, a transfer-in).
pub(crate) async fn add_person_in(w: &mut Write, case_id: i64, p: &NewPerson) -> Result<i64> {
    let p = check_person(p, uk_today(w.now()))?;
    w.case(case_id).await?;
    let (lead_id, at) = (w.lead()?, w.at().to_owned());
    let person_id = sql::insert_person(&mut w.sql(), &p, lead_id, &at).await?;
    sql::link(&mut w.sql(), case_id, person_id, p.role, lead_id, &at).await?;
    w.changed(case_id, ChangeKind::PersonAdded, &format!("{} added", p.full_name)).await?;
    w.audit(Action::PersonAdded, "case", case_id).await?;
    Ok(person_id)
}

/// A person named in a file received from another setting. A child already recorded here
/// with the same name, date of birth and postcode is linked to the case instead of being added
/// a second time; anyone else is added.
pub(crate) async fn add_or_match_in(w: &mut Write, case_id: i64, p: &NewPerson, postcode: &str) -> Result<i64> {
    if p.role.is_child()
        && let Some(born) = p.date_of_birth
        && let Some((id, _)) = sql::child_recorded(&mut w.sql(), &search_form(&p.full_name), born, postcode).await?
    {
        w.case(case_id).await?;
        if !sql::is_in_case(&mut w.sql(), case_id, id).await? {
            let (lead_id, at) = (w.lead()?, w.at().to_owned());
            sql::link(&mut w.sql(), case_id, id, p.role, lead_id, &at).await?;
        }
        w.changed(case_id, ChangeKind::PersonLinked, &format!("{} linked: already recorded here", p.full_name)).await?;
        w.audit(Action::PersonLinked, "case", case_id).await?;
        return Ok(id);
    }
    add_person_in(w, case_id, p).await
}

/// Links a person already in another case (a sibling in another household, an alleged
/// perpetrator known to two families) to this case with a role.
pub async fn link_person(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    person_id: i64,
    role: Role,
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        w.case(case_id).await?;
        let found = sql::name_and_childhood(&mut w.sql(), person_id).await?;
        let (name, is_child) = found.ok_or_else(|| Error::new(ErrorCode::NotFound, "That person does not exist."))?;
        check_link(is_child, role)?;
        if sql::is_in_case(&mut w.sql(), case_id, person_id).await? {
            return Err(Error::invalid("This person is already in this case."));
        }
        let at = w.at().to_owned();
        sql::link(&mut w.sql(), case_id, person_id, role, lead_id, &at).await?;
        w.changed(case_id, ChangeKind::PersonLinked, &format!("{name} linked from another case")).await?;
        w.audit(Action::PersonLinked, "case", case_id).await
    })
    .await
}

pub async fn add_relationship(
    store: &Store,
    lead_id: i64,
    case_id: i64,
    r: &NewRelationship,
    now: DateTime<Utc>,
) -> Result<()> {
    write::run(store, Actor::Lead(lead_id), now, async |w| {
        w.case(case_id).await?;
        check_relationship(r, &sql::ids_in_case(&mut w.sql(), case_id).await?)?;
        let at = w.at().to_owned();
        if !sql::insert_relationship(&mut w.sql(), case_id, r, lead_id, &at).await? {
            return Err(Error::invalid("That relationship is already recorded."));
        }
        w.changed(case_id, ChangeKind::RelationshipAdded, "Relationship recorded").await?;
        w.audit(Action::RelationshipAdded, "case", case_id).await
    })
    .await
}

/// Children first, then adults, each in the order they were added.
pub async fn in_case(store: &Store, case_id: i64) -> Result<Vec<PersonInCase>> {
    sql::in_case(store, case_id).await
}

/// People whose name contains `typed` (accents and case ignored), not already in `case_id`.
pub async fn find(store: &Store, case_id: i64, typed: &str) -> Result<Vec<PersonMatch>> {
    let folded = search_form(typed.trim());
    if folded.chars().count() < 2 {
        return Ok(Vec::new());
    }
    sql::matching(store, &crate::store::text::contains_pattern(&folded), case_id).await
}

/// The children's full names of each of `case_ids`, as the case page lists them; a case with
/// no children is absent.
pub async fn children_by_case(store: &Store, case_ids: &[i64]) -> Result<HashMap<i64, Vec<String>>> {
    let mut children: HashMap<i64, Vec<String>> = HashMap::new();
    // Read in slices well inside either engine's limit on bound values.
    for slice in case_ids.chunks(5_000) {
        for (case_id, name) in sql::children_names(store, slice).await? {
            children.entry(case_id).or_default().push(name);
        }
    }
    Ok(children)
}

/// Each case's name from its children (`rules::family_name`), for the lists that show many
/// cases; a case with no children is absent.
pub async fn case_names(store: &Store, case_ids: &[i64]) -> Result<HashMap<i64, String>> {
    Ok(children_by_case(store, case_ids).await?.into_iter().map(|(id, names)| (id, names_of(&names))).collect())
}

/// `rules::family_name` of owned names.
pub fn names_of(children: &[String]) -> String {
    family_name(&children.iter().map(String::as_str).collect::<Vec<_>>())
}

pub async fn relationships(store: &Store, case_id: i64) -> Result<Vec<Relationship>> {
    sql::relationships(store, case_id).await
}

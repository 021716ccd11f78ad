//! A case's records removed when its file has gone to the child's new setting and the
//! organisation keeps no copy (issue 23), on the run's engine: nothing of the family is left
//! in any table, the case's reference and the transfer log stay, the removal log says what
//! went and why with no personal content, and `verify` tells the removal from a record cut
//! out of the file. A copy is kept by default, for a file that went for one child, and while
//! the case is open.

use crate::common;

use common::{ELAINE, JOANNA, MemoryKeys, at, day, new_case, now, person, phone_call, set_up, tables_holding, tamper};
use cp_core::cases::rules::{Closure, ClosureReason};
use cp_core::chronology::rules::NewEntry;
use cp_core::disposal::rules::RemovalRule;
use cp_core::file_transfers::rules::{NewTransfer, Receipt, Section, SentHow};
use cp_core::people::rules::{NewPerson, Role};
use cp_core::plans::rules::{Category, NewPlan, PlanKind};
use cp_core::search::rules::{CaseQuery, StatusFilter};
use cp_core::send_file::Destinations;
use cp_core::store::Store;

/// Words only the removed family's records hold.
const FAMILY_WORDS: [&str; 5] = ["Zebedee", "Xylophone", "Quokka", "marmalade", "Umbrellaworth"];

/// The Quarrington family at 7 Xylophone Row: Zebedee on a plan, his mother, an entry amended
/// once, a warning, a level change with its evidence and an action, a subject access request;
/// and a second case (the Umbrellaworths' neighbour) that his mother is also in.
struct Family {
    case_id: i64,
    zebedee: i64,
    other_case: i64,
}

async fn quarrington_family(store: &Store) -> Family {
    let case = cp_core::cases::open_case(store, JOANNA.0, &new_case("7 Xylophone Row"), now()).await.unwrap();
    let add =
        |p: NewPerson| async move { cp_core::people::add_person(store, JOANNA.0, case.id, &p, now()).await.unwrap() };
    let zebedee = add(person("Zebedee Quarrington", Role::Child, Some("2017-02-03"))).await;
    let mother = add(person("Rosalind Quarrington", Role::Parent, Some("1988-04-05"))).await;
    let plan = NewPlan {
        person_id: zebedee,
        kind: PlanKind::ChildProtectionPlan,
        categories: vec![Category::Neglect],
        start_on: day("2026-06-01"),
        local_authority: "Bristol City Council".into(),
    };
    cp_core::plans::start_plan(store, JOANNA.0, case.id, &plan, now()).await.unwrap();
    let entry = NewEntry { children: vec![zebedee], ..phone_call("Quokka drawing shown to the teacher") };
    let entry_id = cp_core::chronology::add_entry(store, JOANNA.0, case.id, &entry, now()).await.unwrap();
    let amended = NewEntry { detail: "He said there was only marmalade for tea.".into(), ..entry };
    cp_core::chronology::amend_entry(store, ELAINE.0, entry_id, &amended, "Added what he said", now()).await.unwrap();
    // A mark on his body map, with what he said: it goes with the entry.
    let mark = cp_core::body_maps::rules::NewMark {
        person_id: Some(zebedee),
        view: cp_core::body_maps::rules::View::Front,
        shape: cp_core::body_maps::rules::Shape::Point,
        x: 0.5,
        y: 0.3,
        width: 0.0,
        height: 0.0,
        description: "Bruise on the cheek".into(),
        size: "2 cm".into(),
        colour: "Purple".into(),
        seen_by: "Class teacher".into(),
        seen_on: Some(day("2026-11-19")),
        child_said: "Quokka bumped me".into(),
    };
    cp_core::body_maps::add_mark(store, JOANNA.0, entry_id, &mark, now()).await.unwrap();
    let flag = cp_core::flags::rules::NewFlag { flag: "Zebedee's father may not collect him".into() };
    cp_core::flags::add(store, JOANNA.0, case.id, &flag, now()).await.unwrap();
    let change = cp_core::cases::rules::LevelChange {
        to: cp_core::domain::case::Level::EarlyHelp,
        evidence: "Zebedee's teacher reports hunger".into(),
        effective: day("2026-11-20"),
        entries: vec![entry_id],
    };
    cp_core::cases::change_level(store, JOANNA.0, case.id, &change, now()).await.unwrap();
    // Zebedee's mother asked for his records; his father's name is to be withheld. (A request
    // about him: the removal takes it before the people it names.)
    let request = cp_core::subject_access::rules::NewRequest {
        requester_name: "Rosalind Quarrington".into(),
        requester: cp_core::subject_access::rules::Requester::Parent,
        received_on: day("2026-11-02"),
        identity_checked_on: None,
        identity_how: String::new(),
        person_id: Some(zebedee),
    };
    let sar = cp_core::subject_access::record_request(store, JOANNA.0, case.id, &request, now()).await.unwrap();
    let withheld = cp_core::subject_access::rules::Redaction {
        text: "Zebedee's father".into(),
        reason: cp_core::subject_access::rules::Reason::ThirdParty,
    };
    cp_core::subject_access::add_redaction(store, JOANNA.0, sar, &withheld, now()).await.unwrap();
    let other = cp_core::cases::open_case(store, JOANNA.0, &new_case("9 Umbrellaworth Close"), now()).await.unwrap();
    let role = Role::Parent;
    cp_core::people::link_person(store, JOANNA.0, other.id, mother, role, now()).await.unwrap();
    Family { case_id: case.id, zebedee, other_case: other.id }
}

fn transfer(child: Option<i64>) -> NewTransfer {
    NewTransfer {
        child,
        setting: "Oakfield Primary School".into(),
        dsl: "Amira Khan".into(),
        contact: "01632 960123".into(),
        move_confirmed_on: day("2026-11-20"),
        sections: vec![Section::Chronology, Section::Plans, Section::Levels, Section::Flags],
        sent_how: SentHow::Package,
    }
}

async fn send(store: &Store, dir: &std::path::Path, case_id: i64, child: Option<i64>) -> i64 {
    let to = Destinations { package: &dir.join("out.cptransfer"), paper_pack: None, data_dir: &dir.join("data") };
    cp_core::send_file::send(store, JOANNA.0, case_id, &transfer(child), &to, None, now()).await.unwrap().transfer_id
}

fn receipt() -> Receipt {
    Receipt { received_on: day("2026-11-30"), confirmed_by: "Amira Khan, Oakfield Primary".into() }
}

fn closure() -> Closure {
    Closure {
        reason: ClosureReason::MovedFromArea,
        reason_detail: "Moved to Leeds; Leeds children's services told".into(),
        closing_note: "File sent to the new school; receipt awaited".into(),
        closed_on: day("2026-11-30"),
    }
}

#[tokio::test]
async fn a_file_received_with_no_copy_kept_leaves_nothing_of_the_family_but_the_reference() {
    let (dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let family = quarrington_family(&store).await;
    for word in FAMILY_WORDS {
        assert!(!tables_holding(&store, word).await.is_empty(), "{word} is stored before the removal");
    }
    let reference = cp_core::cases::summary(&store, family.case_id).await.unwrap().reference;
    cp_core::file_transfers::set_keeps_copy(&store, JOANNA.0, false, now()).await.unwrap();
    let transfer_id = send(&store, out.path(), family.case_id, None).await;

    // The receipt comes while the case is still open: the records stay until it is closed.
    let later = at("2026-11-30T10:00:00Z");
    cp_core::file_transfers::record_receipt(&store, JOANNA.0, transfer_id, &receipt(), later).await.unwrap();
    assert!(cp_core::disposal::removal_of(&store, family.case_id).await.unwrap().is_none());
    assert!(cp_core::case_page::page(&store, JOANNA.0, family.case_id, later).await.is_ok());

    cp_core::file_transfers::close_case(&store, ELAINE.0, family.case_id, &closure(), later).await.unwrap();

    let removal = cp_core::disposal::removal_of(&store, family.case_id).await.unwrap().expect("the removal is logged");
    assert_eq!((removal.kind.as_str(), removal.reference.as_str()), ("case", reference.as_str()));
    assert_eq!(removal.rule, RemovalRule::FileTransferred);
    assert_eq!(removal.asked_by, "Elaine Martin");
    // Two chronology entries (the one amended, and the closure's own is none), their
    // revisions, the level and status history.
    assert!(removal.records >= 5, "{removal:?}");
    for word in FAMILY_WORDS.iter().filter(|w| **w != "Umbrellaworth") {
        assert_eq!(tables_holding(&store, word).await, Vec::<String>::new(), "{word} is still stored");
    }
    // Rosalind is also in the neighbour's case, so she stays there; Zebedee is gone.
    let other = cp_core::case_page::page(&store, JOANNA.0, family.other_case, later).await.unwrap();
    assert_eq!(other.people.iter().map(|p| p.full_name.as_str()).collect::<Vec<_>>(), ["Rosalind Quarrington"]);
    let zebedee: Option<String> = cp_core::store::db::query("SELECT full_name FROM people WHERE id = $1")
        .bind(family.zebedee)
        .scalar(&mut store.db())
        .await
        .unwrap();
    assert_eq!(zebedee, None);

    // The case's page says what happened; lists and the export no longer have it.
    let gone = cp_core::case_page::page(&store, JOANNA.0, family.case_id, later).await.unwrap_err();
    assert!(gone.message.contains(&reference) && gone.message.contains("removed"), "{}", gone.message);
    let all = CaseQuery { status: StatusFilter::All, ..Default::default() };
    let listed = cp_core::search::search(&store, &all).await.unwrap();
    assert_eq!(listed.rows.iter().map(|r| r.id).collect::<Vec<_>>(), [family.other_case]);
    assert!(!cp_core::cases::all_ids(&store).await.unwrap().contains(&family.case_id));

    // The transfer log still names the file that went, by the case's reference.
    let log = cp_core::file_transfers::sent_between(&store, day("2026-11-01"), day("2026-12-31")).await.unwrap();
    assert_eq!(log.len(), 1);
    assert_eq!((log[0].reference.as_str(), log[0].receipt_on), (reference.as_str(), Some(day("2026-11-30"))));
    assert_eq!(cp_core::disposal::removals(&store).await.unwrap(), std::slice::from_ref(&removal));

    // The other lead is told; the trail holds, and the guards stand again.
    let joanna = cp_core::dashboard::dashboard(&store, JOANNA.0, later).await.unwrap();
    let heard: Vec<&str> = joanna.changes.iter().flat_map(|c| &c.changes).map(|c| c.summary.as_str()).collect();
    assert!(heard.iter().any(|h| h.starts_with("Records removed")), "{heard:?}");
    let report = cp_core::audit::ensure_intact(&store).await.unwrap();
    assert!(report.intact(), "{report:?}");
    let twice = cp_core::file_transfers::close_case(&store, JOANNA.0, family.case_id, &closure(), later).await;
    assert!(twice.is_err());
    let entry = NewEntry { ..phone_call("Neighbour's call") };
    let kept = cp_core::chronology::add_entry(&store, JOANNA.0, family.other_case, &entry, later).await.unwrap();
    let refused = cp_core::store::db::query("DELETE FROM chronology_revisions").execute(&mut store.db()).await;
    assert!(refused.is_err(), "the guards stand outside a removal");

    // A record cut out of another case, beside the removal, is still caught.
    let cut = format!("DELETE FROM chronology_revisions WHERE entry_id = {kept}");
    tamper(&store, &["chronology_revisions_no_delete"], &[cut.as_str()]).await;
    let report = cp_core::audit::verify(&store).await.unwrap();
    assert_eq!(report.altered_records.len(), 1, "{report:?}");
    assert!(report.altered_records[0].starts_with("chronology_revisions "), "{report:?}");
}

#[tokio::test]
async fn a_copy_is_kept_by_default_for_one_childs_file_and_removed_when_closed_first() {
    let (dir, out) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let (store, _) = set_up(dir.path(), &MemoryKeys::default(), "Riverside").await;
    let later = at("2026-11-30T10:00:00Z");
    assert!(cp_core::file_transfers::keeps_copy(&store).await.unwrap(), "kept unless Settings say not");

    // Kept by default.
    let kept = quarrington_family(&store).await;
    let id = send(&store, out.path(), kept.case_id, None).await;
    cp_core::file_transfers::close_case(&store, JOANNA.0, kept.case_id, &closure(), later).await.unwrap();
    cp_core::file_transfers::record_receipt(&store, JOANNA.0, id, &receipt(), later).await.unwrap();
    assert!(cp_core::disposal::removal_of(&store, kept.case_id).await.unwrap().is_none());

    // One child's file, with no copy kept: the case stays.
    cp_core::file_transfers::set_keeps_copy(&store, ELAINE.0, false, now()).await.unwrap();
    let one = cp_core::cases::open_case(&store, JOANNA.0, &new_case("1 Pear Tree Road"), now()).await.unwrap();
    let child = cp_core::people::add_person(
        &store,
        JOANNA.0,
        one.id,
        &person("Ada Lim", Role::Child, Some("2019-01-01")),
        now(),
    )
    .await
    .unwrap();
    let id = send(&store, out.path(), one.id, Some(child)).await;
    cp_core::file_transfers::close_case(&store, JOANNA.0, one.id, &closure(), later).await.unwrap();
    cp_core::file_transfers::record_receipt(&store, JOANNA.0, id, &receipt(), later).await.unwrap();
    assert!(cp_core::disposal::removal_of(&store, one.id).await.unwrap().is_none());

    // The whole file, the case closed first: the receipt removes the records.
    let whole = cp_core::cases::open_case(&store, JOANNA.0, &new_case("2 Pear Tree Road"), now()).await.unwrap();
    cp_core::people::add_person(&store, JOANNA.0, whole.id, &person("Bo Lim", Role::Child, Some("2019-02-02")), now())
        .await
        .unwrap();
    let id = send(&store, out.path(), whole.id, None).await;
    cp_core::file_transfers::close_case(&store, JOANNA.0, whole.id, &closure(), later).await.unwrap();
    assert!(cp_core::disposal::removal_of(&store, whole.id).await.unwrap().is_none(), "no receipt yet");
    cp_core::file_transfers::record_receipt(&store, JOANNA.0, id, &receipt(), later).await.unwrap();
    assert!(cp_core::disposal::removal_of(&store, whole.id).await.unwrap().is_some());
    assert!(tables_holding(&store, "Bo Lim").await.is_empty());
    assert!(!tables_holding(&store, "Ada Lim").await.is_empty());
    assert!(cp_core::audit::ensure_intact(&store).await.unwrap().intact());
}

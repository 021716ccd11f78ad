//! Demo data: clearly fictional families for demos and benchmarks, the same for the same seed.
//! Names come from a varied, multi-cultural list; postcodes have a valid shape in a made-up
//! district. Nothing here is, or is drawn from, a real person.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use cp_core::cases::{self, NewCase, Source};
use cp_core::domain::case::{Closure, ClosureReason, Level, LevelChange};
use cp_core::domain::chronology::{EntryKind, NewEntry};
use cp_core::domain::person::{NewPerson, Role};
use cp_core::domain::plan::{Category, NewPlan, PlanKind};
use cp_core::store::Store;
use cp_core::{Result, chronology, people, plans};

const FIRST: &[&str] = &[
    "Amara",
    "Łukasz",
    "Siân",
    "Mohammed",
    "Aylin",
    "Nguyễn Thị",
    "Chloe",
    "Kacper",
    "Fatima",
    "Oisín",
    "Priya",
    "Tomás",
    "Zainab",
    "Dylan",
    "Mei",
    "Kwame",
    "Ewa",
    "Rhys",
    "Aaliyah",
    "Jakub",
    "Niamh",
    "Yusuf",
    "Leila",
    "Callum",
];
const LAST: &[&str] = &[
    "Okafor", "Dvořák", "Jones", "Rahman", "Öztürk", "Nguyễn", "Smith", "Nowak", "Begum", "Murphy", "Shah", "García",
    "Hussain", "Evans", "Chen", "Mensah", "Kowalska", "Williams", "Ali", "Novák", "Byrne", "Demir", "Haddad", "Reid",
];
const STREETS: &[&str] =
    &["Demo Road", "Example Street", "Sample Lane", "Fictional Close", "Pretend Avenue", "Test Terrace"];
const KINDS: &[EntryKind] = &[
    EntryKind::StaffInformation,
    EntryKind::HomeVisit,
    EntryKind::PhoneCall,
    EntryKind::SafeguardingMeeting,
    EntryKind::EmailOrLetter,
    EntryKind::FamilyConference,
];
const SUMMARIES: &[&str] = &[
    "Arrived at nursery hungry and tired",
    "Home visit: house cold, little food in",
    "Mother asked for help with housing",
    "Bruise on arm, explanation consistent",
    "Attendance down to 80 per cent this month",
    "Father's new partner moved in",
    "Health visitor concerned about weight",
    "Good engagement with the parenting course",
];

/// A small deterministic generator (xorshift): demo data must repeat exactly for a seed, and
/// it protects nothing, so a cryptographic generator would add nothing.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

fn days_before(today: NaiveDate, days: usize) -> NaiveDate {
    today.checked_sub_days(Days::new(days as u64)).unwrap_or(today)
}

/// Fills the store with `count` fictional cases; returns how many entries were written.
pub async fn fill(store: &Store, count: usize, seed: u64, now: DateTime<Utc>) -> Result<usize> {
    let mut rng = Rng::new(seed);
    let today = cp_core::domain::calendar::uk_today(now);
    let mut entries = 0;
    for i in 0..count {
        let lead = 1 + (i % 2) as i64;
        let surname = *rng.pick(LAST);
        let opened = days_before(today, 30 + rng.below(700));
        let new = NewCase {
            address_line1: format!("{} {}", 1 + rng.below(120), rng.pick(STREETS)),
            address_line2: String::new(),
            town: "Demoton".into(),
            // A valid shape in a made-up district of a real area: BS99 is Bristol's PO-box
            // district, with no homes in it.
            postcode: format!(
                "BS99 {}{}{}",
                rng.below(10),
                *rng.pick(&["A", "B", "D", "E", "F"]),
                *rng.pick(&["G", "H", "J", "L"])
            ),
            source: *rng.pick(&[
                Source::StaffReport,
                Source::SafeguardingMeeting,
                Source::OtherAgency,
                Source::Enquiry,
            ]),
            local_authority: "Demoton Council".into(),
            opened_on: opened,
            cc_registration: None,
            cc_registration_on: None,
        };
        let case = cases::open_case(store, lead, &new, now).await?.id;
        let mut children = Vec::new();
        for _ in 0..1 + rng.below(3) {
            let child = NewPerson {
                full_name: format!("{} {surname}", rng.pick(FIRST)),
                role: Role::Child,
                date_of_birth: Some(days_before(today, 400 + rng.below(5000))),
                expected_date: None,
                gender: String::new(),
                setting: String::new(),
            };
            children.push(people::add_person(store, lead, case, &child, now).await?);
        }
        let parent = NewPerson {
            full_name: format!("{} {surname}", rng.pick(FIRST)),
            role: Role::Parent,
            date_of_birth: None,
            expected_date: None,
            gender: String::new(),
            setting: String::new(),
        };
        people::add_person(store, lead, case, &parent, now).await?;
        let span = (today - opened).num_days().max(1) as usize;
        for _ in 0..2 + rng.below(6) {
            let entry = NewEntry {
                event_on: days_before(today, rng.below(span)),
                event_time: NaiveTime::from_hms_opt(9 + rng.below(8) as u32, 0, 0),
                kind: *rng.pick(KINDS),
                info_source: (*rng.pick(&[
                    "Class teacher",
                    "Health visitor",
                    "Nursery key worker",
                    "Family support worker",
                ]))
                .into(),
                children: vec![children[0]],
                summary: (*rng.pick(SUMMARIES)).into(),
                detail: "Demo entry: fictional.".into(),
                action_required: String::new(),
            };
            chronology::add_entry(store, lead, case, &entry, now).await?;
            entries += 1;
        }
        match rng.below(6) {
            0 => {
                let change = LevelChange {
                    to: Level::ChildProtectionPlan,
                    evidence: "Initial child protection conference decided a plan (demo).".into(),
                    effective: days_before(today, rng.below(20)),
                    entries: vec![],
                };
                cases::change_level(store, lead, case, &change, now).await?;
                let plan = NewPlan {
                    person_id: children[0],
                    kind: PlanKind::ChildProtectionPlan,
                    categories: vec![*rng.pick(&[Category::Neglect, Category::Emotional, Category::Physical])],
                    start_on: days_before(today, rng.below(20)),
                    local_authority: "Demoton Council".into(),
                };
                plans::start_plan(store, lead, case, &plan, now).await?;
            }
            1 => {
                let closure = Closure {
                    reason: ClosureReason::LongPeriodOfImprovement,
                    reason_detail: String::new(),
                    closing_note: "Six months without concerns (demo).".into(),
                    closed_on: today,
                };
                cases::close_case(store, lead, case, &closure, now).await?;
            }
            _ => {}
        }
    }
    Ok(entries)
}

//! Demo data: clearly fictional families for demos and benchmarks, the same for the same seed.
//! Names come from a varied, multi-cultural list; postcodes have a valid shape in a made-up
//! district. Nothing here is, or is drawn from, a real person.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, Utc};
use cp_core::Result;
use cp_core::batch::Batch;
use cp_core::cases::rules::{Closure, ClosureReason, Level, LevelChange};
use cp_core::cases::{self, NewCase, Source};
use cp_core::chronology::rules::{EntryKind, NewEntry};
use cp_core::people::rules::{NewPerson, Role};
use cp_core::plans::rules::{Category, NewPlan, PlanKind};
use cp_core::store::Store;

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
const ACTIONS: &[&str] = &[
    "Ask the nursery for attendance since September",
    "Chase written confirmation of the referral",
    "Speak to the class teacher about what the child said",
    "Send the health visitor the strategy meeting notes",
];

/// Every fourth live case has an action: open, overdue (given a fortnight ago) or done, for
/// either lead or someone outside the organisation, in turn. Decided by the case's number, so
/// the rest of the demo's random choices stay as they were.
async fn add_demo_action(batch: &mut Batch, lead: i64, case: i64, n: usize, now: DateTime<Utc>) -> Result<()> {
    use cp_core::case_actions::rules::{ActionEnd, ActionState, Assignment, NewAction};
    let owner = 1 + (n % 2) as i64;
    let assignment = if n % 5 == 4 {
        Assignment {
            owner_name: "Demo Health Visitor".into(),
            owner_contact: "Demoton health visiting team (fictional)".into(),
            due_working_days: Some(3),
            ..Assignment::default()
        }
    } else {
        Assignment { owner_lead_id: Some(owner), due_working_days: Some(3), ..Assignment::default() }
    };
    let action = NewAction { what: ACTIONS[n % ACTIONS.len()].into(), assignment, ..NewAction::default() };
    let given = if n % 3 == 1 { now - chrono::Duration::days(14) } else { now };
    let id = batch.add_action(lead, case, &action, given).await?;
    if n % 3 == 2 {
        let end = ActionEnd { state: ActionState::Done, note: "Done (demo).".into() };
        batch.end_action(owner, id, &end, now).await?;
    }
    Ok(())
}

/// Every sixth live case has a referral (decided, or with no outcome yet, which the dashboard
/// lists to chase; one decision in four escalated) and, every other time, a warning.
async fn add_demo_referral_and_flag(
    batch: &mut Batch,
    lead: i64,
    case: i64,
    n: usize,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    use cp_core::referrals::rules::{Agency, NewReferral, ReferralStep, StepKind};
    let made_on = days_before(today, 3);
    let referral = NewReferral {
        agency: Agency::ChildrensSocialCare,
        referred: true,
        by_phone: true,
        made_on: Some(made_on),
        made_to: "Demoton front door (fictional)".into(),
        reasons: "Demo referral: fictional.".into(),
    };
    let id = batch.record_referral(lead, case, &referral, now).await?;
    if n.is_multiple_of(2) {
        let confirmed = ReferralStep { step: StepKind::Confirmed, on: Some(made_on), decision: String::new() };
        batch.referral_step(lead, id, &confirmed, now).await?;
        // One decision in two is no further action, which the lead escalates.
        let disputed = n.is_multiple_of(4);
        let decision = if disputed { "No further action (demo)" } else { "Section 47 enquiry (demo)" };
        let decided =
            ReferralStep { step: StepKind::Decided, on: Some(days_before(today, 2)), decision: decision.into() };
        batch.referral_step(lead, id, &decided, now).await?;
        if disputed {
            add_demo_escalation(batch, lead, case, id, n.is_multiple_of(8), today, now).await?;
        }
    }
    if n % 2 == 1 {
        let flag = cp_core::flags::rules::NewFlag { flag: FLAGS[n % FLAGS.len()].into() };
        batch.add_flag(lead, case, &flag, now).await?;
    }
    Ok(())
}

/// A disagreement with a referral's decision escalated to the team manager and, when `further`,
/// on to the service manager.
async fn add_demo_escalation(
    batch: &mut Batch,
    lead: i64,
    case: i64,
    referral_id: i64,
    further: bool,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    use cp_core::escalations::rules::{EscalationNextStep, NewCaseEscalation};
    let raised = NewCaseEscalation {
        referral_id: Some(referral_id),
        with_whom: "Demoton front door (fictional)".into(),
        disagreement: "Demo escalation: we think the threshold for a section 47 enquiry is met (fictional).".into(),
        raised_on: Some(days_before(today, 1)),
        raised_with: "Team manager (demo)".into(),
    };
    let id = batch.raise_escalation(lead, case, &raised, now).await?;
    if further {
        let next = EscalationNextStep { raised_on: Some(today), raised_with: "Service manager (demo)".into() };
        batch.escalation_next_step(lead, id, &next, now).await?;
    }
    Ok(())
}

const FLAGS: &[&str] = &[
    "Interpreter: Polish (demo)",
    "Do not contact the father (demo)",
    "Child has a CP plan in another authority (demo)",
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

/// How much demo data to make.
pub struct Shape {
    pub cases: usize,
    /// How many stay live (the rest are closed, and archived when closed a year ago); `None`
    /// for the demo's usual mix, where most are live.
    pub live: Option<usize>,
    /// Average chronology entries per case.
    pub entries_per_case: usize,
}

/// What was written.
pub struct Made {
    pub people: usize,
    pub entries: usize,
}

/// Cases per transaction: one transaction per action would cost an fsync each.
const BATCH: usize = 50;

/// Fills the store with fictional cases, the same for the same seed.
pub async fn fill(store: &Store, shape: &Shape, seed: u64, now: DateTime<Utc>) -> Result<Made> {
    let mut rng = Rng::new(seed);
    let today = cp_core::domain::calendar::uk_today(now);
    let mut made = Made { people: 0, entries: 0 };
    // Larger sets span more years, as a real organisation's records do.
    let history_days = 700.max(shape.cases / 5);
    let mut batch = Batch::begin(store).await?;
    for i in 0..shape.cases {
        if i > 0 && i % BATCH == 0 {
            batch.commit().await?;
            batch = Batch::begin(store).await?;
        }
        let lead = 1 + (i % 2) as i64;
        let surname = *rng.pick(LAST);
        let opened = days_before(today, 30 + rng.below(history_days));
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
        let case = batch.open_case(lead, &new, now).await?;
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
            children.push(batch.add_person(lead, case, &child, now).await?);
        }
        let parent = NewPerson {
            full_name: format!("{} {surname}", rng.pick(FIRST)),
            role: Role::Parent,
            date_of_birth: None,
            expected_date: None,
            gender: String::new(),
            setting: String::new(),
        };
        batch.add_person(lead, case, &parent, now).await?;
        made.people += children.len() + 1;
        let span = (today - opened).num_days().max(1) as usize;
        let avg = shape.entries_per_case.max(1);
        for _ in 0..avg / 2 + rng.below(avg + 1) {
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
                significant: false,
                tags: vec![],
            };
            batch.add_entry(lead, case, &entry, now).await?;
            made.entries += 1;
        }
        let stays_live = match shape.live {
            // Spread evenly through the set.
            Some(n) => (i * n) / shape.cases != ((i + 1) * n) / shape.cases,
            None => rng.below(6) != 1,
        };
        if !stays_live {
            let closure = Closure {
                reason: ClosureReason::LongPeriodOfImprovement,
                reason_detail: String::new(),
                closing_note: "Six months without concerns (demo).".into(),
                closed_on: days_before(today, rng.below(span)),
            };
            batch.close_case(lead, case, &closure, now).await?;
        } else if rng.below(6) == 0 {
            let change = LevelChange {
                to: Level::ChildProtectionPlan,
                evidence: "Initial child protection conference decided a plan (demo).".into(),
                effective: days_before(today, rng.below(20)),
                entries: vec![],
            };
            batch.change_level(lead, case, &change, now).await?;
            let plan = NewPlan {
                person_id: children[0],
                kind: PlanKind::ChildProtectionPlan,
                categories: vec![*rng.pick(&[Category::Neglect, Category::Emotional, Category::Physical])],
                start_on: days_before(today, rng.below(20)),
                local_authority: "Demoton Council".into(),
            };
            batch.start_plan(lead, case, &plan, now).await?;
        }
        if stays_live && i % 4 == 1 {
            add_demo_action(&mut batch, lead, case, i / 4, now).await?;
        }
        if stays_live && i % 6 == 3 {
            add_demo_referral_and_flag(&mut batch, lead, case, i / 6, today, now).await?;
        }
    }
    batch.commit().await?;
    // Cases closed a year ago or more are archived, as the app would have done.
    cases::archive_sweep(store, now).await?;
    // A lived-in installation: both leads have seen what the other did (and the archiving),
    // except on the last few cases, so "changes since you last looked" has something in it.
    let mut batch = Batch::begin(store).await?;
    for (i, case) in batch.case_ids().await?.into_iter().enumerate() {
        if i > 0 && i % (BATCH * 10) == 0 {
            batch.commit().await?;
            batch = Batch::begin(store).await?;
        }
        if i + 10 < shape.cases {
            for reader in [1, 2] {
                batch.acknowledge_changes(reader, case, now).await?;
            }
        }
    }
    batch.commit().await?;
    Ok(made)
}

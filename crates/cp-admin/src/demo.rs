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

/// What happened, with the type of entry it is and its tags: a demo whose entries say "home
/// visit" under "phone call" is not one a lead believes. The last is significant.
const ENTRIES: &[(&str, EntryKind, &[&str])] = &[
    ("Arrived at nursery hungry and tired", EntryKind::StaffInformation, &["Neglect"]),
    ("Home visit: house cold, little food in", EntryKind::HomeVisit, &["Neglect"]),
    ("Mother asked for help with housing", EntryKind::PhoneCall, &[]),
    ("Bruise on arm, explanation consistent", EntryKind::StaffInformation, &["Physical abuse"]),
    ("Attendance down to 80 per cent this month", EntryKind::EmailOrLetter, &["Attendance"]),
    ("Father's new partner moved in", EntryKind::SafeguardingMeeting, &[]),
    ("Health visitor concerned about weight", EntryKind::PhoneCall, &["Neglect"]),
    ("Good engagement with the parenting course", EntryKind::FamilyConference, &[]),
    ("Police notification: domestic incident at home", EntryKind::EmailOrLetter, &["Domestic abuse"]),
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
            let (summary, kind, tags) = *rng.pick(ENTRIES);
            let entry = NewEntry {
                event_on: days_before(today, rng.below(span)),
                event_time: NaiveTime::from_hms_opt(9 + rng.below(8) as u32, 0, 0),
                kind,
                info_source: (*rng.pick(&[
                    "Class teacher",
                    "Health visitor",
                    "Nursery key worker",
                    "Family support worker",
                ]))
                .into(),
                children: vec![children[0]],
                summary: summary.into(),
                detail: "Demo entry: fictional.".into(),
                action_required: String::new(),
                significant: kind == EntryKind::EmailOrLetter && tags == ["Domestic abuse"],
                tags: tags.iter().map(|t| (*t).to_owned()).collect(),
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
    if shape.cases <= LIVED_IN_CASES {
        lived_in(store, now).await?;
    }
    Ok(made)
}

/// A demo a lead opens (up to this many cases) is made to look lived-in; a benchmark's ten
/// thousand cases are not: the weeks of reviews would take minutes and are not what it measures.
pub const LIVED_IN_CASES: usize = 200;

/// Weeks of reviews both leads signed off, timescales running, an enquiry to pass on, an
/// allegation and a transfer-in: the screens a lead tries first have something in them.
async fn lived_in(store: &Store, now: DateTime<Utc>) -> Result<()> {
    use cp_core::domain::calendar::Week;
    use cp_core::review::rules::Outcome;
    let today = cp_core::domain::calendar::uk_today(now);
    let mut live = Vec::new();
    for id in cases::all_ids(store).await? {
        if cases::summary(store, id).await?.status == cp_core::domain::case::Status::Live {
            live.push(id);
        }
    }
    // Timescales: phone referrals whose written confirmation is late, and strategy
    // discussions whose initial conference is coming.
    for (n, &case) in live.iter().enumerate() {
        let (kind, days, summary) = match n % 7 {
            2 => (EntryKind::ReferralByPhone, 4, "Referred to children's social care by phone"),
            5 => (EntryKind::StrategyDiscussion, 6, "Strategy discussion: section 47 enquiry to start"),
            _ => continue,
        };
        let entry = NewEntry {
            event_on: days_before(today, days),
            event_time: NaiveTime::from_hms_opt(11, 0, 0),
            kind,
            info_source: "Demo Lead One".into(),
            children: vec![],
            summary: summary.into(),
            detail: "Demo entry: fictional.".into(),
            action_required: String::new(),
            significant: true,
            tags: vec![],
        };
        cp_core::chronology::add_entry(store, 1 + (n % 2) as i64, case, &entry, now).await?;
    }
    // The past weeks the dashboard looks back on, reviewed and signed off by both leads; the
    // second lead has not yet signed off last week, as happens.
    for weeks_ago in (1..=u64::from(cp_core::review::HISTORY_WEEKS)).rev() {
        let week = Week::containing(today - Days::new(7 * weeks_ago)).to_string();
        for lead in [1i64, 2] {
            if lead == 2 && weeks_ago == 1 {
                continue;
            }
            let list = cp_core::review::checklist(store, lead, lead, &week, now).await?;
            for (i, item) in list.items.iter().enumerate() {
                let (outcome, note) = if (i + weeks_ago as usize).is_multiple_of(9) {
                    (Outcome::FurtherAction, "Ask the school about attendance this week (demo)")
                } else {
                    (Outcome::NoChange, "")
                };
                cp_core::review::record(store, lead, &week, item.case_id, outcome, note, now).await?;
            }
            cp_core::review::sign_off(store, lead, &week, now).await?;
        }
    }
    demo_files_and_body_map(store, &live, now).await?;
    demo_enquiry_allegation_transfer(store, &live, today, now).await
}

/// On the first live case: a letter from the GP (a PDF) with its latest entry, a photo of the
/// child's drawing with the case, and two marks on the child's body map with that entry.
async fn demo_files_and_body_map(store: &Store, live: &[i64], now: DateTime<Utc>) -> Result<()> {
    use cp_core::attachments::{self, AttachTo, rules::NewAttachment};
    use cp_core::body_maps::rules::{NewMark, Shape, View};
    let Some(&case) = live.first() else { return Ok(()) };
    let page = cp_core::case_page::page(store, 1, case, now).await?;
    let child = page.people.iter().find(|p| p.role.is_child());
    let (Some(child), Some(entry)) = (child, page.chronology.first()) else { return Ok(()) };
    let (entry_id, seen_on) = (entry.current.entry_id, entry.current.event_on);
    let letter = cp_core::reports::letter(
        "Demoton Health Centre (fictional)",
        "Letter from the GP",
        &[
            "Demo letter: fictional.",
            &format!("I saw {} in surgery with their mother. There was bruising on the lower back.", child.full_name),
            "I have referred to children's social care and will write again after the strategy discussion.",
            "Dr A. Example, Demoton Health Centre",
        ],
        now,
    )?;
    let from_gp = NewAttachment {
        title: "Letter from the GP (demo)".into(),
        document_on: Some(seen_on),
        came_from: "Dr A. Example, Demoton Health Centre".into(),
        children: vec![child.id],
    };
    attachments::attach(store, 1, AttachTo::Entry { entry_id }, "gp-letter.pdf", &letter, &from_gp, now).await?;
    let drawing = NewAttachment {
        title: "Photo of a drawing made in class (demo)".into(),
        document_on: Some(seen_on),
        came_from: "Class teacher".into(),
        children: vec![child.id],
    };
    attachments::attach(store, 2, AttachTo::Case { case_id: case }, "drawing.png", &drawing_png()?, &drawing, now)
        .await?;
    let bruise = NewMark {
        person_id: Some(child.id),
        view: View::Back,
        shape: Shape::Area,
        x: 0.42,
        y: 0.5,
        width: 0.14,
        height: 0.05,
        description: "Bruising across the lower back (demo)".into(),
        size: "6 cm by 2 cm".into(),
        colour: "Purple and yellow".into(),
        seen_by: "Class teacher".into(),
        seen_on: Some(seen_on),
        child_said: "\"I fell over\" (demo)".into(),
    };
    cp_core::body_maps::add_mark(store, 1, entry_id, &bruise, now).await?;
    let scratch = NewMark {
        view: View::Head,
        shape: Shape::Point,
        x: 0.36,
        y: 0.6,
        width: 0.0,
        height: 0.0,
        description: "Scratch on the right cheek (demo)".into(),
        size: "1 cm".into(),
        colour: "Red".into(),
        child_said: String::new(),
        ..bruise
    };
    cp_core::body_maps::add_mark(store, 1, entry_id, &scratch, now).await?;
    Ok(())
}

/// A child's drawing of a house under the sun, 240 by 180 pixels, as a PNG.
fn drawing_png() -> Result<Vec<u8>> {
    let (w, h) = (240u32, 180u32);
    let mut pixels = vec![255u8; (w * h * 3) as usize];
    let mut fill = |x0: u32, y0: u32, x1: u32, y1: u32, rgb: [u8; 3]| {
        for y in y0..y1.min(h) {
            for x in x0..x1.min(w) {
                let i = ((y * w + x) * 3) as usize;
                pixels[i..i + 3].copy_from_slice(&rgb);
            }
        }
    };
    fill(0, 150, 240, 180, [90, 170, 70]); // grass
    fill(70, 80, 170, 150, [200, 60, 50]); // the house
    fill(105, 110, 135, 150, [110, 70, 40]); // its door
    fill(80, 90, 100, 105, [120, 180, 230]); // a window
    fill(180, 15, 215, 50, [250, 210, 40]); // the sun
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, w, h);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    let written = encoder.write_header().and_then(|mut writer| writer.write_image_data(&pixels));
    written.map_err(|e| cp_core::Error::internal(format!("The demo drawing could not be made: {e}")))?;
    Ok(out)
}

async fn demo_enquiry_allegation_transfer(
    store: &Store,
    live: &[i64],
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<()> {
    use cp_core::enquiries::rules::{Enquirer, EnquiryAnswer, IdentityCheck};
    let Some(&case) = live.first() else { return Ok(()) };
    let enquirer = Enquirer {
        name: "PC Demo Officer".into(),
        organisation: "Demoton Police".into(),
        role: "Child abuse investigation".into(),
        contact: "101 (demo)".into(),
        identity_check: IdentityCheck::CallBackSwitchboard,
        identity_detail: String::new(),
        // Yesterday morning: whatever the time the demo is made, that is in the past.
        received_on: Some(days_before(today, 1)),
        received_time: NaiveTime::from_hms_opt(10, 30, 0),
    };
    let enquiry = cp_core::enquiries::start(store, 1, &enquirer, now).await?;
    let child = cp_core::people::in_case(store, case).await?.into_iter().find(|p| p.role.is_child());
    let summary = cases::summary(store, case).await?;
    let answer = EnquiryAnswer {
        subject_name: child.map(|c| c.full_name).unwrap_or_else(|| "A demo child".into()),
        about_adult: false,
        subject_address_line1: summary.address_line1,
        subject_postcode: summary.postcode,
        case_id: Some(case),
        answered: true,
        what_shared: "That the family is known to us (demo).".into(),
        social_worker_name_given: false,
        same_address_answer: None,
    };
    cp_core::enquiries::complete(store, 1, enquiry, &answer, now).await?;

    let allegation = cp_core::allegations::rules::NewAllegation {
        person_name: "Demo Staff Member".into(),
        person_role: "Nursery practitioner".into(),
        setting: "Demoton Children's Centre".into(),
        person_dob: None,
        harm_tests: vec![cp_core::allegations::rules::HarmTest::HarmedChild],
        reported_by: "A parent (demo)".into(),
        reported_to: "Demo Lead One".into(),
        reported_on: days_before(today, 2),
        written_record: "Demo allegation: fictional.".into(),
        about_lead: None,
    };
    cp_core::allegations::create(store, 1, &allegation, now).await?;

    if let Some(&case) = live.get(1) {
        let transfer = cp_core::transfers::rules::TransferIn {
            kind: cp_core::transfers::rules::StayKind::MovedIn,
            child_name: "Demo Transfer Child".into(),
            child_dob: days_before(today, 2000),
            originating_authority: "Exampleshire County Council".into(),
            plan_start: days_before(today, 90),
            categories: vec![Category::Neglect],
            social_worker: "Demo Social Worker, 01234 567890".into(),
            stay_from: None,
            stay_to: None,
            agencies: vec![],
        };
        cp_core::transfers::record(store, 2, case, &transfer, now).await?;
    }
    Ok(())
}

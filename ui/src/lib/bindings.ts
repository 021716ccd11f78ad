// Generated from the Rust types by src-tauri/src/bindings.rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` instead.

/**
 * Stable identifiers for every failure the UI can be told about. Add, never rename.
 */
export type ErrorCode = "invalid" | "data_folder" | "disk_full" | "read_only" | "keyring_unavailable" | "keyring_locked" | "key_missing" | "key_invalid" | "database_unreadable" | "schema_too_new" | "already_set_up" | "not_set_up" | "recovery_key_wrong" | "sign_in_refused" | "sign_in_delayed" | "not_signed_in" | "not_found" | "audit_broken" | "cancelled" | "server_unreachable" | "server_certificate" | "server_no_tls" | "server_credentials" | "device_revoked" | "schema_too_old" | "edit_conflict" | "save_unconfirmed" | "records_busy" | "updates_off" | "update_unreachable" | "update_refused" | "internal";

/**
 * What a column of the list can hold.
 */
export type Field = "fullName" | "firstName" | "surname" | "dateOfBirth" | "gender" | "addressLine1" | "addressLine2" | "town" | "postcode" | "socialCareStatus" | "localAuthority" | "socialWorker";

export type ImportColumn = { header: string, field: Field | null, 
/**
 * The first non-empty value under it, to help the lead choose.
 */
sample: string, };

export type RowOutcome = "new_case" | "joins_new_case" | "already_recorded" | "same_as_row" | "adds_to_case" | "family_case_not_live" | "rejected";

export type PreviewRow = { row: number, child: string, dateOfBirth: string | null, addressLine1: string, postcode: string, outcome: RowOutcome, 
/**
 * The case matched, for a row that matches one.
 */
caseReference: string | null, 
/**
 * The row whose new case this row joins (or, for `same_as_row`, whose child this is).
 */
familyRow: number | null, reasons: Array<string>, 
/**
 * A record this row may belong to, for the lead to decide.
 */
possible: PossibleMatch | null, 
/**
 * The list names a social worker other than the one the matched case has.
 */
socialWorkerDiffers: SocialWorkerDiffers | null, };

export type PossibleKind = "same_child" | "same_family";

export type PossibleMatch = { kind: PossibleKind, 
/**
 * The recorded case, or the earlier row, it may be.
 */
caseReference: string | null, row: number | null, 
/**
 * That record's address, to compare with the row's.
 */
addressLine1: string, postcode: string, 
/**
 * The lead said it is the same; otherwise the row is kept apart and marked for checking.
 */
same: boolean, 
/**
 * What the import writes down for the lead to check when kept apart.
 */
toCheck: string, };

export type SocialWorkerDiffers = { onList: string, onCase: string, };

export type ImportCounts = { newCases: number, 
/**
 * Children the import writes: in new cases and added to live ones.
 */
childrenAdded: number, alreadyRecorded: number, familyCaseNotLive: number, rejected: number, 
/**
 * Rows that may be a recorded child or family (or an earlier row's), for the lead to decide.
 */
possibleMatches: number, };

export type ImportPreview = { 
/**
 * Hex SHA-256 of the file: the import checks it is still the file previewed.
 */
sha256: string, columns: Array<ImportColumn>, 
/**
 * What stops the import with this mapping (a required column not chosen); empty if none.
 */
problems: Array<string>, rows: Array<PreviewRow>, counts: ImportCounts, 
/**
 * When a file with the same SHA-256 was last imported.
 */
importedBefore: string | null, };

export type ImportResult = { sha256: string, counts: ImportCounts, casesOpened: Array<string>, };

/**
 * A failure a lead can act on. Named `ApiError` in TypeScript, where `Error` is taken.
 */
export type ApiError = { code: ErrorCode, message: string, 
/**
 * Present only for `invalid` input, one entry per field to fix, in form order.
 */
fields?: Array<FieldError>, };

/**
 * A message that belongs beside one field of a form (GOV.UK error pattern).
 */
export type FieldError = { 
/**
 * The field's id in the form, e.g. `organisation` or `leads.0.passphrase`.
 */
field: string, message: string, };

export type AppInfo = { productName: string, version: string, 
/**
 * Shown so a lead (or whoever looks after the laptop) knows what to back up.
 */
dataDir: string, 
/**
 * The folder holds `demo-data`'s fictional records: every screen says so.
 */
demo: boolean, };

/**
 * What the release server offers this copy.
 */
export type UpdateOffer = { 
/**
 * This copy's version.
 */
current: string, 
/**
 * A newer version, when there is one.
 */
version: string | null, 
/**
 * What the release says changed.
 */
notes: string | null, };

/**
 * A lead as the UI sees them: never the passphrase hash.
 */
export type Lead = { id: number, name: string, role: string, active: boolean, };

/**
 * Everything the UI needs to choose its screen. Case data never appears here.
 */
export type AppView = { "state": "not_set_up" } | { "state": "needs_recovery" } | { "state": "problem", error: ApiError, } | { "state": "signed_out", organisation: string, leads: Array<Lead>, } | { "state": "signed_in", organisation: string, lead: Lead, idleLockSeconds: number, idleLockMinutes: number, 
/**
 * The records are on the organisation's server (shared mode): settings word backups
 * and the recovery key for it.
 */
sharedMode: boolean, } | { "state": "locked", organisation: string, lead: Lead, };

/**
 * Shown once at set-up.
 */
export type RecoverySheet = { groups: Array<string>, confirmGroups: [number, number], };

export type NewLead = { name: string, role: string, passphrase: string, };

export type SetupInput = { organisation: string, leads: Array<NewLead>, };

/**
 * The set-up screen's "Connect to my organisation's database".
 */
export type JoinInput = { 
/**
 * The server's name, with `:port` when it is not 5432.
 */
server: string, database: string, code: string, 
/**
 * The organisation's CA certificate (PEM); empty trusts the system's roots.
 */
caCertificate: string | null, };

export type ServerNews = "changed" | "unreachable" | "reachable";

export type BackupSummary = { path: string, bytes: number, };

export type Source = "staff_report" | "safeguarding_meeting" | "under_fives_list" | "other_agency" | "enquiry" | "file_received";

export type NewCase = { addressLine1: string, addressLine2: string, town: string, postcode: string, source: Source, localAuthority: string, openedOn: string | null, 
/**
 * For a family identified at a safeguarding meeting: did they complete a Children's
 * Centre registration form, and when. `None` when not asked.
 */
ccRegistration: boolean | null, ccRegistrationOn: string | null, };

export type CaseSummary = { id: number, reference: string, status: Status, level: Level, addressLine1: string, postcode: string, openedOn: string, closedOn: string | null, };

/**
 * One level change as the case page shows it.
 */
export type LevelHistoryItem = { id: number, fromLevel: Level | null, toLevel: Level, evidence: string, effectiveOn: string, decidedBy: string, recordedAt: string, 
/**
 * The chronology entries the change rests on.
 */
entries: number[], };

/**
 * One status change (closed, reopened, archived) with its reason and note.
 */
export type StatusHistoryItem = { toStatus: Status, reason: ClosureReason | null, reasonDetail: string, note: string, effectiveOn: string, lead: string | null, };

export type CasePage = { summary: CaseSummary, 
/**
 * The case's name from its children ("Łukasz and Siân Nowak"), empty when it has none.
 */
name: string, 
/**
 * Warnings to see before acting: those in force first, then the ended ones.
 */
flags: Array<Flag>, addressLine2: string, town: string, source: Source, details: CaseDetails, 
/**
 * The allocated lead's name.
 */
lead: string | null, people: Array<PersonInCase>, relationships: Array<Relationship>, plans: Array<Plan>, chronology: Array<ChronologyEntry>, 
/**
 * The organisation's entry tags, to choose from and to filter by.
 */
tagChoices: Array<string>, concerns: Array<Concern>, 
/**
 * Open ones first, soonest due first; then the ended ones.
 */
actions: Array<CaseAction>, 
/**
 * Referrals made and decisions not to refer, newest first.
 */
referrals: Array<Referral>, 
/**
 * Professional disagreements escalated: the unresolved first, then newest first.
 */
escalations: Array<CaseEscalation>, transfers: Array<TransferRow>, 
/**
 * The child protection files sent to a child's new setting, newest first.
 */
filesSent: Array<OutgoingTransfer>, 
/**
 * The files from another setting this case was received with.
 */
filesReceived: Array<ReceivedFile>, 
/**
 * What is due on a live case, most urgent first.
 */
timescales: Array<DueItem>, 
/**
 * When a closed case will be archived.
 */
archivesOn: string | null, 
/**
 * A closed or archived case's retention: when its records come up for review, and any
 * legal hold or destruction asked for.
 */
retention: Retention | null, 
/**
 * Subject access requests, newest first.
 */
subjectAccess: Array<SubjectAccess>, 
/**
 * Files attached to the case, its entries and its concerns, newest first (withdrawn ones
 * too, marked), each with its SHA-256; never their bytes.
 */
attachments: Array<Attachment>, 
/**
 * The marks on the children's body maps, by entry and number (withdrawn ones too, marked).
 */
bodyMarks: Array<BodyMark>, levels: Array<LevelHistoryItem>, statuses: Array<StatusHistoryItem>, };

/**
 * Lowest to highest; a case may move either way.
 */
export type Level = "concern" | "early_help" | "child_in_need" | "section47_enquiry" | "child_protection_plan" | "looked_after";

export type Status = "live" | "closed" | "archived";

export type ClosureReason = "moved_from_area" | "perpetrator_imprisoned" | "relationship_ended" | "long_period_of_improvement" | "transferred_to_another_agency" | "other";

export type LevelChange = { to: Level, evidence: string, effective: string | null, 
/**
 * Chronology entries of the case the change rests on.
 */
entries: number[], };

export type Closure = { reason: ClosureReason, 
/**
 * Required for "moved from the area" (e.g. the new address or authority informed) and
 * for "other" (what the reason is).
 */
reasonDetail: string, closingNote: string, closedOn: string | null, };

export type Role = "child" | "unborn_child" | "parent" | "carer" | "household_member" | "alleged_perpetrator";

export type NewPerson = { fullName: string, role: Role, 
/**
 * For a child, required; for an adult, optional.
 */
dateOfBirth: string | null, 
/**
 * For an unborn child, required.
 */
expectedDate: string | null, gender: string, 
/**
 * School or early-years setting, for a child.
 */
setting: string, };

export type PersonInCase = { id: number, fullName: string, role: Role, dateOfBirth: string | null, expectedDate: string | null, gender: string, setting: string, 
/**
 * The other cases this person is in, by reference.
 */
otherCases: string, };

/**
 * Someone found by name, with the cases they are already in.
 */
export type PersonMatch = { id: number, fullName: string, dateOfBirth: string | null, isChild: boolean, cases: string, };

export type Relationship = { person: string, kind: RelationshipKind, other: string, };

/**
 * How one person in a case is related to another: "A is the parent of B".
 */
export type RelationshipKind = "parent_of" | "step_parent_of" | "grandparent_of" | "sibling_of" | "partner_of" | "ex_partner_of" | "other_relative_of";

export type NewRelationship = { personId: number, kind: RelationshipKind, otherId: number, };

/**
 * What a lead can fill in or correct after opening a case: who the lead social worker is,
 * the local authority, the allocated lead and the Children's Centre registration.
 */
export type CaseDetails = { allocatedLeadId: number | null, localAuthority: string, socialWorkerName: string, socialWorkerTeam: string, socialWorkerPhone: string, socialWorkerEmail: string, 
/**
 * Asked when the family was identified at a safeguarding meeting: `None` when not asked.
 */
ccRegistration: boolean | null, ccRegistrationOn: string | null, 
/**
 * Whose bank holidays the case's working days skip.
 */
nation: Nation, 
/**
 * The details' version as read: a save names the version it began from, so one made
 * meanwhile by another lead is not silently overwritten.
 */
version: number, };

export type PlanKind = "child_in_need" | "child_protection_plan";

/**
 * Categories of abuse for a Child Protection Plan (Working Together); more than one allowed.
 */
export type Category = "neglect" | "physical" | "sexual" | "emotional";

export type NewPlan = { personId: number, kind: PlanKind, categories: Array<Category>, startOn: string | null, localAuthority: string, };

export type Plan = { id: number, personId: number, child: string, kind: PlanKind, 
/**
 * In a fixed order; none for Child in Need.
 */
categories: Array<Category>, startOn: string, endOn: string | null, localAuthority: string, };

/**
 * Entry types. The referral, strategy discussion, conference and core group types are the
 * trigger events of the statutory timescales, so they stay distinct.
 */
export type EntryKind = "staff_information" | "safeguarding_meeting" | "family_conference" | "referral_by_phone" | "referral_in_writing" | "strategy_discussion" | "initial_conference" | "review_conference" | "core_group" | "phone_call" | "home_visit" | "email_or_letter" | "enquiry" | "concern_raised" | "concern_strategy_needed" | "other";

export type NewEntry = { eventOn: string | null, 
/**
 * `HH:MM`, when the time is known.
 */
eventTime: string | null, kind: EntryKind, 
/**
 * Who the information came from.
 */
infoSource: string, 
/**
 * People ids: the children in the case this entry concerns.
 */
children: number[], summary: string, detail: string, actionRequired: string, 
/**
 * Marked by the lead as significant: what a reader of the chronology must not miss.
 */
significant: boolean, 
/**
 * Tags from the organisation's list (`TAGS_SETTING`).
 */
tags: Array<string>, };

/**
 * One revision of an entry, as the case page shows it.
 */
export type Revision = { entryId: number, revision: number, eventOn: string, eventTime: string | null, kind: EntryKind, infoSource: string, summary: string, detail: string, actionRequired: string, amendReason: string, recordedAt: string, recordedBy: string, children: number[], significant: boolean, tags: Array<string>, };

/**
 * An entry: its current revision, and the earlier ones newest first.
 */
export type ChronologyEntry = { current: Revision, earlier: Array<Revision>, 
/**
 * When and by whom the entry was first recorded.
 */
createdAt: string, createdBy: string, };

export type StatusFilter = "open" | "live" | "closed" | "archived" | "all";

export type Sort = "newest" | "oldest" | "recently_changed" | "highest_level" | "postcode";

export type CaseQuery = { text: string, status: StatusFilter, level: Level | null, leadId: number | null, 
/**
 * Only cases with a child on a running Child Protection Plan.
 */
hasCpPlan: boolean, sort: Sort, offset: number, };

export type CaseRow = { id: number, reference: string, status: Status, level: Level, addressLine1: string, postcode: string, openedOn: string, lead: string | null, 
/**
 * The case's name from its children ("Łukasz and Siân Nowak"), empty when it has none.
 */
name: string, 
/**
 * The children's full names, as the case page lists them.
 */
children: Array<string>, hasCpPlan: boolean, 
/**
 * The warnings in force on the case (`flags`), read for the page's cases only.
 */
flags: Array<string>, };

export type StatusCounts = { live: number, closed: number, archived: number, 
/**
 * Where counting stopped, if it did: each status counted up to this many and one more, so
 * a count above it means "more than this many" (`COUNTED_UP_TO` past the page asked for).
 */
countedUpTo: number | null, };

export type CaseSearch = { rows: Array<CaseRow>, 
/**
 * How many cases match, across all pages; with `more`, more than this many.
 */
total: number, 
/**
 * More match than were counted (`StatusCounts::counted_up_to`).
 */
more: boolean, 
/**
 * Matches by status, whatever the status filter, so the lead sees what it hides.
 */
counts: StatusCounts, };

/**
 * The UK nations' bank holidays differ (Scotland has 2 January and St Andrew's Day and no
 * Easter Monday; Northern Ireland has St Patrick's Day and the Battle of the Boyne).
 */
export type Nation = "england_and_wales" | "scotland" | "northern_ireland";

/**
 * Why a day is not a working day.
 */
export type NonWorkingDay = "saturday" | "sunday" | "bank_holiday";

/**
 * A holiday an organisation added (a new proclamation, a year the table does not reach).
 */
export type ExtraHoliday = { nation: Nation, date: string | null, title: string, };

export type RuleId = "written_confirmation" | "strategy_discussion" | "initial_conference" | "first_core_group" | "first_review_conference" | "next_review_conference" | "archive_after_closure";

export type Period = { "unit": "hours", "amount": number } | { "unit": "days", "amount": number } | { "unit": "working_days", "amount": number } | { "unit": "months", "amount": number };

/**
 * An organisation's choices; anything not set takes the rule's default.
 */
export type TimescaleSettings = { periods: { [key in RuleId]?: Period }, dueSoonWorkingDays: number | null, 
/**
 * The organisation's nation: new cases follow its procedures, and `periods` change its
 * pack of rules (a case in another nation keeps that nation's own periods).
 */
nation: Nation | null, };

export type DueState = "overdue" | "due_soon" | "due";

export type DueItem = { rule: RuleId, label: string, 
/**
 * The date of the entry that started the clock.
 */
startedOn: string, dueOn: string, 
/**
 * `HH:MM`, UK time, for periods counted in hours.
 */
dueTime: string | null, state: DueState, 
/**
 * The due date is kept as the rule gives it, but a weekend or bank holiday is said, so
 * the lead plans for the working day before.
 */
fallsOn: NonWorkingDay | null, 
/**
 * The last year whose bank holidays are known, when the due date is after it: working
 * days past it were counted as if there were none.
 */
calendarEnds: number | null, };

export type Outcome = "no_change" | "further_action";

/**
 * What kind of change; stored as the snake_case name. Add, never rename.
 */
export type ChangeKind = "case_opened" | "details_changed" | "level_changed" | "case_closed" | "case_reopened" | "case_archived" | "person_added" | "person_linked" | "relationship_added" | "plan_started" | "plan_ended" | "entry_added" | "entry_amended" | "concern_escalated" | "action_added" | "action_reassigned" | "action_closed" | "flag_added" | "flag_ended" | "referral_recorded" | "referral_step" | "escalation_raised" | "escalation_step" | "escalation_resolved" | "file_sent" | "file_receipt_recorded" | "file_chased" | "file_received" | "records_removed" | "retention_decided" | "subject_access_step" | "attachment_added" | "attachment_withdrawn" | "body_mark_added" | "body_mark_withdrawn";

/**
 * One change as a lead will see it in the other lead's list.
 */
export type Change = { id: number, caseId: number, reference: string, lead: string | null, kind: ChangeKind, summary: string, at: string, };

/**
 * One case's changes a lead has not acknowledged yet.
 */
export type CaseChanges = { caseId: number, reference: string, 
/**
 * The case's name from its children, empty when it has none.
 */
name: string, 
/**
 * The changes in one line: "3 people added, 1 entry added".
 */
tally: string, changes: Array<Change>, };

export type LateNote = { note: string, recordedAt: string, };

/**
 * One case's outcome as recorded: what the checklist shows for it from now on.
 */
export type Recorded = { outcome: Outcome, note: string, recordedAt: string, };

export type ChecklistItem = { caseId: number, reference: string, address: string, level: Level, status: Status, 
/**
 * The case's name from its children ("Łukasz and Siân Nowak"), empty when it has none.
 */
name: string, openedInWeek: string | null, closedInWeek: string | null, outcome: Outcome | null, note: string, recordedAt: string | null, 
/**
 * The warnings in force on the case.
 */
flags: Array<string>, 
/**
 * What changed, what is due and the open actions: read with the list for the first
 * `DETAILED` items, and for the rest as the lead reaches them (`details`); `None` until then.
 */
details: ItemDetails | null, lateNotes: Array<LateNote>, };

/**
 * What an item of the checklist shows beyond its case and outcome.
 */
export type ItemDetails = { caseId: number, 
/**
 * The newest of what others changed on the case since this lead last reviewed it
 * (`CHANGES_SHOWN` at most), oldest first.
 */
changes: Array<Change>, 
/**
 * How many changes there are since that review, of which `changes` are the newest.
 */
changesTotal: number, due: Array<DueItem>, 
/**
 * The case's soonest due open actions (`ACTIONS_SHOWN` at most), soonest first.
 */
actions: Array<CaseAction>, 
/**
 * How many actions are open on the case, of which `actions` are the soonest due.
 */
actionsTotal: number, };

export type Checklist = { week: string, monday: string, sunday: string, leadId: number, lead: string, 
/**
 * The checklist of the lead viewing it (editable until signed off) or another's.
 */
mine: boolean, signedOffAt: string | null, done: number, items: Array<ChecklistItem>, 
/**
 * The weeks either side, for moving through the history; no next week once it would be
 * a week that has not started.
 */
previousWeek: string, nextWeek: string | null, thisWeek: string, };

/**
 * One lead's week in the history.
 */
export type WeekStatus = { week: string, monday: string, leadId: number, lead: string, total: number, done: number, signedOffAt: string | null, 
/**
 * A past week with cases to review that the lead has not signed off.
 */
overdue: boolean, };

export type DueRow = { caseId: number, reference: string, 
/**
 * The case's name from its children, empty when it has none.
 */
name: string, item: DueItem, };

export type ArchivingSoon = { caseId: number, reference: string, 
/**
 * The case's name from its children, empty when it has none.
 */
name: string, archivesOn: string, };

export type Dashboard = { week: string, 
/**
 * This week, for every active lead (the viewer's first).
 */
thisWeek: Array<WeekStatus>, 
/**
 * Past weeks not signed off, by anyone.
 */
overdueWeeks: Array<WeekStatus>, 
/**
 * Overdue and due soon, oldest due date first.
 */
due: Array<DueRow>, changes: Array<CaseChanges>, archivingSoon: Array<ArchivingSoon>, 
/**
 * Live cases by level, lowest level first.
 */
liveByLevel: Array<[Level, number]>, 
/**
 * Enquiries whose lead social worker has not been told yet.
 */
enquiriesToPassOn: Array<EnquiryRow>, 
/**
 * The bank holidays known run out within a year: working days after them are counted
 * without any.
 */
calendarWarnings: Array<string>, 
/**
 * The open actions given to the viewer, the soonest due first (at most `ACTIONS_LISTED`).
 */
myActions: Array<ActionRow>, myActionsTotal: number, 
/**
 * Open actions past their due date, whoever's, the longest overdue first (at most
 * `ACTIONS_LISTED`).
 */
overdueActions: Array<ActionRow>, overdueActionsTotal: number, 
/**
 * Referrals with no decision received yet, oldest first, each with when to chase it.
 */
referralsAwaiting: Array<ReferralRow>, 
/**
 * Escalations not yet resolved, the soonest response due first.
 */
escalationsOpen: Array<EscalationRow>, 
/**
 * Child protection files sent with no receipt recorded, soonest due first, each with when
 * to chase the new setting.
 */
transfersAwaiting: Array<OutgoingTransfer>, 
/**
 * Closed cases whose records wait for a decision in the disposal review (Records).
 */
recordsForReview: number, };

/**
 * The organisation's timescale settings and bank holidays, for the settings screen.
 */
export type TimescaleSetup = { settings: TimescaleSettings, extraHolidays: Array<ExtraHoliday>, 
/**
 * The bundled table's first and last years.
 */
bundledFrom: number, bundledTo: number, 
/**
 * Bank holidays running out within a year, for the nations in use.
 */
calendarWarnings: Array<string>, 
/**
 * Each nation's default periods, so the screen shows the organisation's nation's.
 */
defaults: Array<[Nation, { [key in RuleId]?: Period }]>, };

/**
 * Which report, and for what.
 */
export type ReportRequest = { "kind": "closure", caseId: number, } | { "kind": "level_change", caseId: number, levelChangeId: number, } | { "kind": "conference", caseId: number, from: string, to: string, kinds: Array<EntryKind>, 
/**
 * Attached PDFs and images of the case to put after the pack's last page, in order.
 */
files: Array<number>, } | { "kind": "front_sheet", caseId: number, } | { "kind": "weekly_summary", week: string, } | { "kind": "register" } | { "kind": "my_actions" } | { "kind": "enquiries_log", from: string, to: string, } | { "kind": "transfer_log", from: string, to: string, } | { "kind": "annual", from: string, to: string, } | { "kind": "subject_access_draft", sarId: number, } | { "kind": "subject_access_released", sarId: number, };

export type IdentityCheck = "call_back_switchboard" | "known_contact" | "secure_email" | "other" | "anonymous";

export type Enquirer = { name: string, organisation: string, role: string, contact: string, identityCheck: IdentityCheck, 
/**
 * How the identity was checked, for "other".
 */
identityDetail: string, 
/**
 * When the enquiry was received, in UK time, when it is recorded later than it came in;
 * both or neither. Neither: now.
 */
receivedOn: string | null, receivedTime: string | null, };

/**
 * What the enquiry was about and what was shared.
 */
export type EnquiryAnswer = { 
/**
 * The child or adult asked about, as the enquirer named them.
 */
subjectName: string, 
/**
 * An adult who may pose a risk to children, rather than a child.
 */
aboutAdult: boolean, subjectAddressLine1: string, subjectPostcode: string, 
/**
 * The case it concerns, when there is one.
 */
caseId: number | null, 
/**
 * Whether anything was shared at all.
 */
answered: boolean, 
/**
 * Facts only.
 */
whatShared: string, socialWorkerNameGiven: boolean, 
/**
 * Needed when the address asked about may be a plan child's address.
 */
sameAddressAnswer: SameAddressAnswer | null, };

export type EnquiryRow = { id: number, 
/**
 * When the enquiry came in, as the lead recorded it.
 */
receivedAt: string, 
/**
 * When the lead recorded it.
 */
recordedAt: string | null, enquiredOn: string, lead: string, enquirerName: string, enquirerOrganisation: string, enquirerRole: string, enquirerContact: string, identityCheck: IdentityCheck, identityDetail: string, subjectName: string | null, aboutAdult: boolean | null, caseReference: string | null, answered: boolean | null, whatShared: string | null, socialWorkerNameGiven: boolean | null, sameAddressReference: string | null, sameAddressSocialWorker: string | null, completedAt: string | null, informedOn: string | null, 
/**
 * A possible same address the lead was asked about, and their answer ("same", "different").
 */
possibleSameAddressReference: string | null, possibleSameAddressAnswer: string | null, 
/**
 * Something to tell a lead social worker: the enquiry concerns a case, something was
 * shared, or it is flagged.
 */
needsPassingOn: boolean, 
/**
 * Closed with nothing to pass on.
 */
closedNothingToPassOnAt: string | null, };

export type EnquiryFilter = { from: string | null, to: string | null, organisation: string, 
/**
 * Only enquiries with something to pass on whose lead social worker has not been told yet.
 */
outstanding: boolean, };

/**
 * An address asked about that is, or may be, where a child on a running child protection plan
 * lives.
 */
export type PlanAddress = { caseId: number, reference: string, addressLine1: string, postcode: string, 
/**
 * Only possibly the same (same postcode and house number, or another flat of the
 * building): the lead must say whether it is before the enquiry is recorded.
 */
possible: boolean, };

/**
 * The lead's answer to "is this the same address?" for an address that may be where a child
 * on a child protection plan lives.
 */
export type SameAddressAnswer = { 
/**
 * The case the question was about.
 */
caseId: number, same: boolean, };

export type Nature = "incident" | "continuing" | "increasing";

export type NewConcern = { infoFrom: string, nature: Nature, incidentOn: string | null, workerName: string, workerRole: string, workerContact: string, strategyNeeded: boolean, decidedBy: string, 
/**
 * Including the reasons for any action not taken.
 */
reasons: string, };

export type EscalationLevel = "team_manager" | "service_manager";

export type NewEscalation = { level: EscalationLevel, disagreement: string, outcome: string, };

export type Escalation = { level: EscalationLevel, disagreement: string, outcome: string, recordedAt: string, recordedBy: string, };

export type Concern = { id: number, infoFrom: string, nature: Nature, incidentOn: string | null, workerName: string, workerRole: string, workerContact: string, strategyNeeded: boolean, decidedBy: string, reasons: string, recordedAt: string, recordedBy: string, escalations: Array<Escalation>, };

export type ActionState = "open" | "done" | "not_needed";

/**
 * Who does an action and by when, as a form sends them (adding one, or giving it to someone
 * else or a new date).
 */
export type Assignment = { 
/**
 * A lead of the organisation, or else `owner_name` (with `owner_contact`).
 */
ownerLeadId: number | null, ownerName: string, ownerContact: string, 
/**
 * A date, or else `due_working_days`.
 */
dueOn: string | null, dueWorkingDays: number | null, };

export type NewAction = { what: string, 
/**
 * The chronology entry whose "action required" it follows, if any (on a case).
 */
entryId: number | null, 
/**
 * The concern it follows, if any (on a case).
 */
concernId: number | null, 
/**
 * A lead of the organisation, or else `owner_name` (with `owner_contact`).
 */
ownerLeadId: number | null, ownerName: string, ownerContact: string, 
/**
 * A date, or else `due_working_days`.
 */
dueOn: string | null, dueWorkingDays: number | null, };

/**
 * How an action ended, as a form sends it.
 */
export type ActionEnd = { 
/**
 * Done or not needed.
 */
state: ActionState, 
/**
 * The outcome, or why it is not needed.
 */
note: string, };

export type CaseAction = { id: number, 
/**
 * The case it is on; or else the enquiry or the allegation.
 */
caseId: number | null, 
/**
 * The chronology entry it follows, if any.
 */
entryId: number | null, 
/**
 * The concern it follows, if any.
 */
concernId: number | null, enquiryId: number | null, allegationId: number | null, what: string, 
/**
 * Set when a lead of the organisation does it.
 */
ownerLeadId: number | null, 
/**
 * The lead's name, or the person's outside the app.
 */
owner: string, ownerContact: string, dueOn: string, state: ActionState, 
/**
 * What was done, or why it was not needed.
 */
outcome: string, closedAt: string | null, closedBy: string | null, createdAt: string, createdBy: string, };

/**
 * An open action with what it is on, for the dashboard.
 */
export type ActionRow = { 
/**
 * The case's reference, the allegation's, or "Enquiry N".
 */
reference: string, id: number, 
/**
 * The case it is on; or else the enquiry or the allegation.
 */
caseId: number | null, 
/**
 * The chronology entry it follows, if any.
 */
entryId: number | null, 
/**
 * The concern it follows, if any.
 */
concernId: number | null, enquiryId: number | null, allegationId: number | null, what: string, 
/**
 * Set when a lead of the organisation does it.
 */
ownerLeadId: number | null, 
/**
 * The lead's name, or the person's outside the app.
 */
owner: string, ownerContact: string, dueOn: string, state: ActionState, 
/**
 * What was done, or why it was not needed.
 */
outcome: string, closedAt: string | null, closedBy: string | null, createdAt: string, createdBy: string, };

export type NewFlag = { flag: string, };

export type FlagEnd = { reason: string, };

export type Flag = { id: number, caseId: number, flag: string, addedAt: string, addedBy: string, endedAt: string | null, endedBy: string | null, endReason: string, };

export type Agency = "childrens_social_care" | "police" | "early_help" | "lado";

export type NewReferral = { agency: Agency, 
/**
 * False records a decision not to refer, with its reasons.
 */
referred: boolean, byPhone: boolean, madeOn: string | null, 
/**
 * Who it was made to (a name, a team, the front door).
 */
madeTo: string, 
/**
 * What was said and why; or the reasons for not referring.
 */
reasons: string, };

export type StepKind = "confirmed" | "acknowledged" | "decided";

export type ReferralStep = { step: StepKind, on: string | null, 
/**
 * The decision received (for `Decided`).
 */
decision: string, };

export type Referral = { id: number, caseId: number, agency: Agency, 
/**
 * False: a decision not to refer, with its reasons.
 */
referred: boolean, byPhone: boolean, madeOn: string, madeTo: string, reasons: string, confirmedOn: string | null, acknowledgedOn: string | null, decision: string, decidedOn: string | null, recordedAt: string, recordedBy: string, 
/**
 * When the decision is to be chased, while none has been received.
 */
chaseOn: string | null, };

/**
 * A referral awaiting its decision, with its case's reference, for the dashboard.
 */
export type ReferralRow = { reference: string, id: number, caseId: number, agency: Agency, 
/**
 * False: a decision not to refer, with its reasons.
 */
referred: boolean, byPhone: boolean, madeOn: string, madeTo: string, reasons: string, confirmedOn: string | null, acknowledgedOn: string | null, decision: string, decidedOn: string | null, recordedAt: string, recordedBy: string, 
/**
 * When the decision is to be chased, while none has been received.
 */
chaseOn: string | null, };

/**
 * What an action is on: a case (with, in `NewAction`, one of its entries or concerns), an
 * enquiry, or an allegation against a member of staff.
 */
export type ActionOn = { "kind": "case", caseId: number, } | { "kind": "enquiry", enquiryId: number, } | { "kind": "allegation", allegationId: number, };

/**
 * One step of the local escalation procedure: to whom, and how many working days a response
 * is awaited before the next step.
 */
export type ProcedureStep = { level: string, workingDays: number, };

export type NewCaseEscalation = { 
/**
 * The referral whose decision is disagreed with, if it is one.
 */
referralId: number | null, 
/**
 * The agency or professional whose decision is disagreed with.
 */
withWhom: string, disagreement: string, 
/**
 * The first step: when, and with whom (the team manager's name).
 */
raisedOn: string | null, raisedWith: string, };

/**
 * The next step of the procedure, as a form sends it.
 */
export type EscalationNextStep = { raisedOn: string | null, raisedWith: string, };

export type EscalationResolution = { resolvedOn: string | null, outcome: string, };

export type EscalationStep = { escalationId: number, 
/**
 * 1 for the procedure's first step.
 */
step: number, 
/**
 * Whom the step went to, in the procedure's words when it was taken.
 */
level: string, raisedOn: string, raisedWith: string, 
/**
 * When a response is due, before the next step.
 */
responseDue: string, recordedBy: string, };

export type CaseEscalation = { id: number, caseId: number, referralId: number | null, withWhom: string, disagreement: string, outcome: string, resolvedOn: string | null, resolvedBy: string | null, recordedAt: string, recordedBy: string, 
/**
 * In order, the first step first.
 */
steps: Array<EscalationStep>, 
/**
 * The procedure's next step while unresolved, if it has one.
 */
nextLevel: string | null, };

/**
 * An unresolved escalation's latest step, with its case's reference, for the dashboard.
 */
export type EscalationRow = { id: number, caseId: number, reference: string, withWhom: string, level: string, responseDue: string, };

/**
 * The three harm tests: the person may have harmed a child, committed an offence against
 * or related to a child, or behaved in a way that shows they may not be suitable.
 */
export type HarmTest = "harmed_child" | "possible_offence" | "unsuitable";

export type FinalOutcome = "substantiated" | "unsubstantiated" | "unfounded" | "false" | "malicious";

export type NewAllegation = { personName: string, personRole: string, setting: string, personDob: string | null, harmTests: Array<HarmTest>, reportedBy: string, 
/**
 * The most senior person not implicated.
 */
reportedTo: string, reportedOn: string | null, writtenRecord: string, 
/**
 * The lead the allegation is about, when it is about one of them: hidden from them.
 */
aboutLead: number | null, };

export type Meeting = { heldOn: string, note: string, };

export type Allegation = { id: number, reference: string, personName: string, personRole: string, setting: string, personDob: string | null, harmTests: Array<HarmTest>, reportedBy: string, reportedTo: string, reportedOn: string, writtenRecord: string, ladoOn: string | null, ladoAdvice: string | null, meetsCriteria: boolean | null, finalOutcome: FinalOutcome | null, outcomeOn: string | null, retentionUntil: string, meetings: Array<Meeting>, 
/**
 * The lead it is about, if one of them (never the lead who is shown it).
 */
aboutLeadId: number | null, 
/**
 * The lead who asked for its removal, waiting for another lead to confirm.
 */
removalAskedBy: string | null, removalAskedById: number | null, };

/**
 * What asking to remove an allegation did: the first lead asks, a second one removes.
 */
export type Removal = "asked" | "removed";

/**
 * The initial discussion with the LADO and whether the allegation meets the criteria
 * (then a multi-agency meeting follows; if not, the outcome is recorded here).
 */
export type LadoDiscussion = { on: string | null, advice: string, meetsCriteria: boolean, };

export type StayKind = "moved_in" | "visiting";

export type AgencyNotified = { agency: string, on: string | null, };

export type TransferIn = { kind: StayKind, childName: string, childDob: string | null, originatingAuthority: string, planStart: string | null, categories: Array<Category>, 
/**
 * The lead social worker in the originating authority: name and contact.
 */
socialWorker: string, 
/**
 * For a visit: the dates of the stay.
 */
stayFrom: string | null, stayTo: string | null, agencies: Array<AgencyNotified>, };

export type TransferRow = { child: string, kind: StayKind, originatingAuthority: string, socialWorker: string, stayFrom: string | null, stayTo: string | null, 
/**
 * JSON list of `{agency, on}`.
 */
agenciesNotified: string, };

/**
 * The parts of a case's file a lead may send. The case's details and the people in it always
 * go; the lead chooses the rest (all of them unless they say otherwise).
 */
export type Section = "chronology" | "plans" | "levels" | "concerns" | "actions" | "flags";

/**
 * How the file went to the new setting.
 */
export type SentHow = "package" | "paper_by_hand" | "paper_by_post";

/**
 * What a lead gives to send a case's file (or one child's).
 */
export type NewTransfer = { 
/**
 * One child's file only; the whole case's when none.
 */
child: number | null, 
/**
 * The receiving setting's name.
 */
setting: string, 
/**
 * Its designated safeguarding lead.
 */
dsl: string, 
/**
 * How to reach them: phone, secure email, address.
 */
contact: string, moveConfirmedOn: string | null, sections: Array<Section>, sentHow: SentHow, };

/**
 * The receiving setting's confirmation that the file arrived.
 */
export type Receipt = { receivedOn: string | null, 
/**
 * Who confirmed it: their name and setting, as on the signed slip or their email.
 */
confirmedBy: string, };

/**
 * A chase of a transfer with no receipt: when, and what was done (a call, an email).
 */
export type Chase = { chasedOn: string | null, note: string, };

export type ChaseRow = { chasedOn: string, note: string, recordedAt: string, recordedBy: string, };

/**
 * One file sent, as the case page and the dashboard show it.
 */
export type OutgoingTransfer = { id: number, caseId: number, reference: string, 
/**
 * The case's name from its children, for lists across cases.
 */
name: string, 
/**
 * The one child whose file went; none when the whole case's went.
 */
child: string | null, setting: string, dsl: string, contact: string, moveConfirmedOn: string, dueOn: string, sentOn: string, sentHow: SentHow, sections: Array<Section>, 
/**
 * SHA-256 of the package's manifest, as the receipt slip quotes it.
 */
digest: string, records: number, madeAt: string, madeBy: string, receiptOn: string | null, receiptBy: string, chases: Array<ChaseRow>, 
/**
 * When to chase the new setting, while no receipt is recorded.
 */
chaseOn: string | null, };

/**
 * One record a received file holds, as the case page lists it.
 */
export type ReceivedPart = { 
/**
 * "Level change", "Concern", "Action", "Warning (ended)".
 */
kind: string, on: string | null, title: string, detail: string, 
/**
 * Who recorded it or decided it there.
 */
by: string, };

/**
 * A file this case was received with, from another setting.
 */
export type ReceivedFile = { id: number, fromOrganisation: string, fromLead: string, theirReference: string, moveConfirmedOn: string, madeAt: string, digest: string, receivedAt: string, receivedBy: string, 
/**
 * What came with the file that is the other setting's record rather than this case's:
 * its level history, concerns, actions and ended warnings, as they were there.
 */
parts: Array<ReceivedPart>, };

export type PreviewChild = { name: string, dateOfBirth: string | null, 
/**
 * The case of a child already recorded here with the same name, date of birth and
 * postcode: they are linked, not added again.
 */
recordedIn: string | null, };

/**
 * The rule that removed a case's records; stored as the snake_case name. Add, never rename.
 */
export type RemovalRule = "file_transferred" | "retention_ended";

/**
 * One entry of the removal log: no personal content.
 */
export type RecordRemoval = { id: number, 
/**
 * What kind of record went: "case" or "allegation".
 */
kind: string, reference: string, rule: RemovalRule, 
/**
 * How many sealed records (chronology entries and their revisions, level and status
 * history, concerns and their escalations) went with it.
 */
records: number, askedBy: string, confirmedBy: string | null, removedAt: string, };

/**
 * Which retention rule set a case's review date; stored as the snake_case name.
 */
export type RetentionRule = "child_protection_file" | "no_childs_birth_date" | "allegation_about_staff";

/**
 * What a lead decided about a case whose review came; stored as the snake_case name.
 */
export type Decision = "keep" | "hold" | "release" | "destroy";

/**
 * Where a case stands in the disposal review.
 */
export type Standing = { "state": "not_yet" } | { "state": "due" } | { "state": "on_hold" } | { "state": "destruction_asked", by: number, };

/**
 * A decision a lead typed: what, for how many years (keep), and why.
 */
export type NewDecision = { decision: Decision, years: number | null, reason: string, };

/**
 * One decision, as the review and the case page list it.
 */
export type DecisionMade = { decision: Decision, years: number | null, reason: string, decidedOn: string, decidedBy: string, };

/**
 * A closed case's retention: the rule, when it comes up for review, and where it stands.
 */
export type Retention = { caseId: number, reference: string, 
/**
 * The case's children, as leads name it.
 */
name: string, status: Status, closedOn: string, rule: RetentionRule, 
/**
 * After any decision to keep it for longer.
 */
reviewOn: string, standing: Standing, 
/**
 * Who asked for its destruction, while another lead has not confirmed it.
 */
destructionAskedBy: string | null, decisions: Array<DecisionMade>, };

/**
 * An allegation's retention, as the disposal review lists it: no names.
 */
export type AllegationRetention = { allegationId: number, reference: string, reportedOn: string, rule: RetentionRule, 
/**
 * After any decision to keep it for longer.
 */
reviewOn: string, standing: Standing, destructionAskedBy: string | null, decisions: Array<DecisionMade>, };

/**
 * An attachment as a record's page lists it: what it is and where it came from, never its
 * bytes (`open` reads those, audited).
 */
export type Attachment = { id: number, entryId: number | null, concernId: number | null, fileName: string, kind: FileKind, 
/**
 * Shown inside the app (a PDF or an image); anything else is saved out on request.
 */
viewable: boolean, size: number, sha256: string, title: string, documentOn: string | null, cameFrom: string, 
/**
 * The children of the case it concerns; empty for the whole family.
 */
children: Array<number>, addedAt: string, addedBy: string, withdrawnAt: string | null, withdrawnBy: string | null, withdrawnReason: string, };

/**
 * What a file is attached to.
 */
export type AttachTo = { "on": "case", caseId: number, } | { "on": "entry", entryId: number, } | { "on": "concern", concernId: number, } | { "on": "enquiry", enquiryId: number, } | { "on": "allegation", allegationId: number, };

/**
 * How much of the file is read, for the window's progress bar.
 */
export type Progress = { read: number, size: number, };

/**
 * A mark as the case page shows it and the reports draw it.
 */
export type BodyMark = { id: number, entryId: number, personId: number, 
/**
 * Numbered within its entry, as the outline shows it.
 */
number: number, view: View, shape: Shape, x: number, y: number, width: number, height: number, description: string, size: string, colour: string, seenBy: string, seenOn: string, childSaid: string, addedAt: string, addedBy: string, withdrawnAt: string | null, withdrawnBy: string | null, withdrawnReason: string, };

/**
 * A mark as the form sends it. Its place is in fractions of the outline's width and height
 * (0 to 1, from the top left), so it draws the same on screen and on paper.
 */
export type NewMark = { 
/**
 * The child of the case it was seen on.
 */
personId: number | null, view: View, shape: Shape, x: number, y: number, 
/**
 * An area's width and height; 0 for a point.
 */
width: number, height: number, description: string, size: string, colour: string, seenBy: string, seenOn: string | null, 
/**
 * What the child said about it, in their words; empty if nothing.
 */
childSaid: string, };

/**
 * Which outline a mark is on.
 */
export type View = "front" | "back" | "head";

/**
 * A numbered point, or an area drawn as a box.
 */
export type Shape = "point" | "area";

/**
 * The kinds of file a lead may attach; stored as the snake_case name. Only PDFs and images
 * are shown inside the app; the rest are saved out on request, never opened by the app.
 */
export type FileKind = "pdf" | "jpeg" | "png" | "heic" | "word" | "excel" | "email" | "text";

/**
 * What a lead types about a file they attach.
 */
export type NewAttachment = { title: string, 
/**
 * The document's own date (a letter's, a photo's), if known.
 */
documentOn: string | null, 
/**
 * Who it came from: "Social worker, Bristol City Council", "Class teacher".
 */
cameFrom: string, 
/**
 * The children of the case it concerns; none for the whole family.
 */
children: Array<number>, };

/**
 * Each rule with its source and the years it keeps records for.
 */
export type RetentionYears = { rule: RetentionRule, source: string, years: number, defaultYears: number, };

/**
 * Who asked for their records; stored as the snake_case name.
 */
export type Requester = "parent" | "young_person" | "representative";

/**
 * Why text is withheld from the released copy; stored as the snake_case name. Each has the
 * code the copy prints where the text was.
 */
export type Reason = "third_party" | "serious_harm" | "crime_prevention" | "legal_privilege" | "other";

/**
 * A request as a lead records it.
 */
export type NewRequest = { 
/**
 * Who asked, by name.
 */
requesterName: string, requester: Requester, receivedOn: string | null, 
/**
 * When their identity was confirmed, if it has been; the month runs from then if later.
 */
identityCheckedOn: string | null, 
/**
 * How: "Passport seen", "Known to staff, asked in person".
 */
identityHow: string, 
/**
 * The child of the case whose records are asked for; none for the whole family's file.
 */
personId: number | null, };

/**
 * Text to withhold wherever it appears in the case's records, and why.
 */
export type Redaction = { text: string, reason: Reason, };

export type RedactionMade = { id: number, text: string, reason: Reason, addedBy: string, };

/**
 * A request as the case page shows it.
 */
export type SubjectAccess = { id: number, caseId: number, requesterName: string, requester: Requester, 
/**
 * The child whose records are asked for; none for the whole family's file.
 */
personId: number | null, 
/**
 * That child's name.
 */
about: string | null, receivedOn: string, identityCheckedOn: string | null, identityHow: string, 
/**
 * Why it needs longer, once extended.
 */
extensionReason: string, dueOn: string, recordedAt: string, recordedBy: string, redactions: Array<RedactionMade>, releasedAt: string | null, releasedBy: string | null, 
/**
 * SHA-256 of the released copy, as kept.
 */
digest: string | null, };

/**
 * A count as the report shows it.
 */
export type Count = { "shown": "exactly", "count": number } | { "shown": "fewer_than_five" };

/**
 * One bar: what it counts and how many.
 */
export type Bar = { label: string, count: Count, };

export type AnnualFigures = { from: string, to: string, casesOpened: Count, casesClosed: Count, liveAtEnd: Count, 
/**
 * Cases open at the end of each month of the period (the last point at its last day),
 * drawn as a line.
 */
openByMonth: Array<Bar>, 
/**
 * Cases open on the last day, by the level they were at then.
 */
byLevel: Array<Bar>, 
/**
 * Cases opened, by how they came to the lead.
 */
bySource: Array<Bar>, 
/**
 * Child protection plans started, and by category of abuse (a plan under two counts in
 * both).
 */
plansStarted: Count, byCategory: Array<Bar>, byClosureReason: Array<Bar>, 
/**
 * Referrals made, by agency; those whose decision has come; decisions not to refer.
 */
referralsByAgency: Array<Bar>, referralsDecided: Count, decisionsNotToRefer: Count, enquiries: Count, 
/**
 * Allegations against staff and volunteers: a count only.
 */
allegations: Count, transfersIn: Count, filesSent: Count, filesReceived: Count, 
/**
 * Each timescale's clocks due in the period (and by today): met in time, or missed (met
 * late, or not met).
 */
timescales: Array<TimescaleKept>, 
/**
 * Weeks signed off in the weekly review by each lead, as "Lead 1", "Lead 2"….
 */
reviewsByLead: Array<Bar>, };

/**
 * One timescale's clocks that fell due in the period: met by their due date, or not.
 */
export type TimescaleKept = { label: string, met: Count, missed: Count, };

/**
 * What a package holds, for the lead to check before receiving it.
 */
export type PackagePreview = { fromOrganisation: string, fromLead: string, theirReference: string, madeAt: string, moveConfirmedOn: string, 
/**
 * Who it was made for.
 */
setting: string, dsl: string, level: Level, children: Array<PreviewChild>, 
/**
 * Each kind of record and how many: "Chronology entries: 14".
 */
holds: Array<[string, number]>, digest: string, 
/**
 * The case it was already received as, if it was.
 */
receivedAs: string | null, };

/**
 * A package received: the new case.
 */
export type Received = { caseId: number, reference: string, };

/**
 * A file sent: the passphrase to read out to the new setting's DSL (shown once, never
 * stored), and the clock.
 */
export type Sent = { transferId: number, passphrase: string, dueOn: string, digest: string, records: number, 
/**
 * Where the paper pack was written, if one was.
 */
paperPack: string | null, };

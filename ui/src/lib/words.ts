// Generated from the core's labels by src-tauri/src/words.rs. Do not edit by hand:
// run `UPDATE_BINDINGS=1 cargo test -p cp-tracker --test bindings` instead.
// The printed reports use the same words.

import type { Status, Level, Nation, NonWorkingDay, Source, ClosureReason, Role, RelationshipKind, EntryKind, PlanKind, Category, StatusFilter, Sort, RuleId, DueState, IdentityCheck, Field, RowOutcome, Outcome, HarmTest, FinalOutcome, Nature, EscalationLevel, ActionState, Agency, Section, SentHow, RemovalRule, RetentionRule, Decision, Requester, Reason, FileKind, View, Shape } from './bindings';

export const STATUSES: [Status, string][] = [
  ["live", "Live"],
  ["closed", "Closed"],
  ["archived", "Archived"],
];

export const LEVELS: [Level, string][] = [
  ["concern", "Concern"],
  ["early_help", "Early help"],
  ["child_in_need", "Child in need (Section 17)"],
  ["section47_enquiry", "Section 47 enquiry"],
  ["child_protection_plan", "Child protection plan"],
  ["looked_after", "Looked after"],
];

export const NATIONS: [Nation, string][] = [
  ["england_and_wales", "England and Wales"],
  ["scotland", "Scotland"],
  ["northern_ireland", "Northern Ireland"],
];

export const NON_WORKING_DAYS: [NonWorkingDay, string][] = [
  ["saturday", "a Saturday"],
  ["sunday", "a Sunday"],
  ["bank_holiday", "a bank holiday"],
];

export const SOURCES: [Source, string][] = [
  ["staff_report", "Reported by staff or a volunteer"],
  ["safeguarding_meeting", "Safeguarding meeting"],
  ["under_fives_list", "Under 5s known to Social Care list"],
  ["other_agency", "Another agency"],
  ["enquiry", "An enquiry"],
  ["file_received", "A file received from another setting"],
];

export const CLOSURE_REASONS: [ClosureReason, string][] = [
  ["moved_from_area", "Moved from the area"],
  ["perpetrator_imprisoned", "Perpetrator imprisoned"],
  ["relationship_ended", "Relationship ended (domestic abuse)"],
  ["long_period_of_improvement", "Long period of improvement"],
  ["transferred_to_another_agency", "Transferred to another agency"],
  ["other", "Other"],
];

export const ROLES: [Role, string][] = [
  ["child", "Child"],
  ["unborn_child", "Unborn child"],
  ["parent", "Parent"],
  ["carer", "Carer"],
  ["household_member", "Other household member"],
  ["alleged_perpetrator", "Alleged perpetrator"],
];

export const RELATIONSHIPS: [RelationshipKind, string][] = [
  ["parent_of", "is the parent of"],
  ["step_parent_of", "is the step-parent of"],
  ["grandparent_of", "is the grandparent of"],
  ["sibling_of", "is the brother or sister of"],
  ["partner_of", "is the partner of"],
  ["ex_partner_of", "is the former partner of"],
  ["other_relative_of", "is another relative of"],
];

export const ENTRY_KINDS: [EntryKind, string][] = [
  ["staff_information", "Information from staff"],
  ["safeguarding_meeting", "Safeguarding meeting"],
  ["family_conference", "Family conference"],
  ["referral_by_phone", "Referral to social care by phone"],
  ["referral_in_writing", "Referral to social care in writing"],
  ["strategy_discussion", "Strategy discussion"],
  ["initial_conference", "Initial child protection conference"],
  ["review_conference", "Review child protection conference"],
  ["core_group", "Core group"],
  ["phone_call", "Phone call"],
  ["home_visit", "Home visit"],
  ["email_or_letter", "Email or letter"],
  ["enquiry", "Enquiry"],
  ["concern_raised", "Concern on an open case"],
  ["concern_strategy_needed", "Concern on an open case: strategy discussion needed"],
  ["other", "Other"],
];

export const PLAN_KINDS: [PlanKind, string][] = [
  ["child_in_need", "Child in Need plan (Section 17)"],
  ["child_protection_plan", "Child Protection Plan"],
];

export const CATEGORIES: [Category, string][] = [
  ["neglect", "Neglect"],
  ["physical", "Physical abuse"],
  ["sexual", "Sexual abuse"],
  ["emotional", "Emotional abuse"],
];

export const STATUS_FILTERS: [StatusFilter, string][] = [
  ["open", "Live and closed"],
  ["live", "Live"],
  ["closed", "Closed"],
  ["archived", "Archived"],
  ["all", "All, including archived"],
];

export const SORTS: [Sort, string][] = [
  ["newest", "Newest first"],
  ["oldest", "Oldest first"],
  ["recently_changed", "Recently changed"],
  ["highest_level", "Highest level first"],
  ["postcode", "Postcode"],
];

export const RULES: [RuleId, string][] = [
  ["written_confirmation", "Phone referral → written confirmation"],
  ["strategy_discussion", "Referral → strategy discussion"],
  ["initial_conference", "Strategy discussion → initial child protection conference"],
  ["first_core_group", "Initial conference → first core group"],
  ["first_review_conference", "Initial conference → first review conference"],
  ["next_review_conference", "Review conference → next review conference"],
  ["archive_after_closure", "Closure → archive"],
];

export const DUE_STATES: [DueState, string][] = [
  ["overdue", "Overdue"],
  ["due_soon", "Due soon"],
  ["due", "Due"],
];

export const IDENTITY_CHECKS: [IdentityCheck, string][] = [
  ["call_back_switchboard", "Called back through the switchboard"],
  ["known_contact", "Known contact"],
  ["secure_email", "Secure email"],
  ["other", "Other"],
  ["anonymous", "Anonymous"],
];

export const IDENTITY_ANSWERS: [IdentityCheck, string][] = [
  ["call_back_switchboard", "I called them back through their organisation’s switchboard"],
  ["known_contact", "They are a contact I know"],
  ["secure_email", "They wrote from a secure email address"],
  ["other", "Another way"],
  ["anonymous", "They would not say who they are (anonymous)"],
];

export const IMPORT_FIELDS: [Field, string][] = [
  ["fullName", "Child's full name"],
  ["firstName", "Child's first name"],
  ["surname", "Child's surname"],
  ["dateOfBirth", "Date of birth"],
  ["gender", "Gender"],
  ["addressLine1", "Address line 1"],
  ["addressLine2", "Address line 2"],
  ["town", "Town or city"],
  ["postcode", "Postcode"],
  ["socialCareStatus", "Social care status"],
  ["localAuthority", "Local authority"],
  ["socialWorker", "Social worker"],
];

export const ROW_OUTCOMES: [RowOutcome, string][] = [
  ["new_case", "Opens a new case"],
  ["joins_new_case", "Joins the new case of its family"],
  ["adds_to_case", "Added to the family's live case"],
  ["already_recorded", "Already recorded: nothing written"],
  ["same_as_row", "The same child as an earlier row: nothing written"],
  ["family_case_not_live", "Family's case is closed or archived: nothing written"],
  ["rejected", "Rejected"],
];

export const REVIEW_OUTCOMES: [Outcome, string][] = [
  ["no_change", "No change"],
  ["further_action", "Further action needed"],
];

export const HARM_TESTS: [HarmTest, string][] = [
  ["harmed_child", "May have harmed a child, or may harm a child"],
  ["possible_offence", "May have committed a criminal offence against or related to a child"],
  ["unsuitable", "Has behaved in a way that shows they may not be suitable to work with children"],
];

export const FINAL_OUTCOMES: [FinalOutcome, string][] = [
  ["substantiated", "Substantiated"],
  ["unsubstantiated", "Unsubstantiated"],
  ["unfounded", "Unfounded"],
  ["false", "False"],
  ["malicious", "Malicious"],
];

export const CONCERN_NATURES: [Nature, string][] = [
  ["incident", "An incident"],
  ["continuing", "Continuing concerns"],
  ["increasing", "Increasing concerns"],
];

export const ESCALATION_LEVELS: [EscalationLevel, string][] = [
  ["team_manager", "Team manager"],
  ["service_manager", "Service manager"],
];

export const ACTION_STATES: [ActionState, string][] = [
  ["open", "Open"],
  ["done", "Done"],
  ["not_needed", "Not needed"],
];

export const AGENCIES: [Agency, string][] = [
  ["childrens_social_care", "Children's social care"],
  ["police", "Police"],
  ["early_help", "Early help"],
  ["lado", "Local authority designated officer (LADO)"],
];

export const TRANSFER_SECTIONS: [Section, string][] = [
  ["chronology", "The whole chronology, with every revision"],
  ["plans", "Plans"],
  ["levels", "Level history with its evidence"],
  ["concerns", "Concerns raised on the case"],
  ["actions", "Actions"],
  ["flags", "Warnings (flags)"],
];

export const SENT_HOW: [SentHow, string][] = [
  ["package", "Encrypted package (passphrase given by phone)"],
  ["paper_by_hand", "Paper file, handed over in person"],
  ["paper_by_post", "Paper file, by recorded delivery"],
];

export const REMOVAL_RULES: [RemovalRule, string][] = [
  ["file_transferred", "File sent to the child's new setting, receipt confirmed, no copy kept"],
  ["retention_ended", "Retention ended; destruction confirmed by a second lead"],
];

export const RETENTION_RULES: [RetentionRule, string][] = [
  ["child_protection_file", "Child protection file: years from the youngest child's date of birth"],
  ["no_childs_birth_date", "A case with no child's date of birth: years from its closure"],
  ["allegation_about_staff", "An allegation about staff: to normal pension age, or years from the allegation if later"],
];

export const RETENTION_DECISIONS: [Decision, string][] = [
  ["keep", "Kept for longer"],
  ["hold", "Legal hold placed"],
  ["release", "Legal hold lifted"],
  ["destroy", "Destruction asked for"],
];

export const REQUESTERS: [Requester, string][] = [
  ["parent", "A parent or carer"],
  ["young_person", "The young person"],
  ["representative", "Someone acting for them (with written authority)"],
];

export const REDACTION_REASONS: [Reason, string][] = [
  ["third_party", "Information about someone else (third party)"],
  ["serious_harm", "Likely to cause serious harm"],
  ["crime_prevention", "Prevention or detection of crime"],
  ["legal_privilege", "Legal professional privilege"],
  ["other", "Another exemption (recorded with the request)"],
];

export const FILE_KINDS: [FileKind, string][] = [
  ["pdf", "PDF"],
  ["jpeg", "Photo (JPEG)"],
  ["png", "Image (PNG)"],
  ["heic", "Photo (HEIC)"],
  ["word", "Word document"],
  ["excel", "Excel spreadsheet"],
  ["email", "Email"],
  ["text", "Text"],
];

export const BODY_VIEWS: [View, string][] = [
  ["front", "Front of the body"],
  ["back", "Back of the body"],
  ["head", "Head and face"],
];

export const MARK_SHAPES: [Shape, string][] = [
  ["point", "A point"],
  ["area", "An area"],
];

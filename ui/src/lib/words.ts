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

/** The body map's outlines, as the printed reports draw them (`body_maps::outline`). */
export const BODY_OUTLINES: { view: View; aspect: number; lines: [number, number][][]; words: [string, number, number][] }[] = [{"view":"front","aspect":2.0,"lines":[[[0.5,0.015],[0.56,0.0225],[0.6,0.045],[0.615,0.08],[0.6,0.12],[0.56,0.15],[0.57,0.18],[0.7,0.195],[0.77,0.22],[0.8,0.3],[0.83,0.4],[0.86,0.5],[0.89,0.55],[0.9,0.59],[0.86,0.61],[0.82,0.58],[0.8,0.52],[0.76,0.41],[0.72,0.31],[0.71,0.41],[0.73,0.53],[0.72,0.7],[0.7,0.88],[0.71,0.94],[0.77,0.97],[0.6,0.98],[0.6,0.94],[0.61,0.88],[0.59,0.7],[0.54,0.56],[0.5,0.55],[0.46,0.56],[0.41,0.7],[0.39,0.88],[0.4,0.94],[0.4,0.98],[0.23,0.97],[0.29,0.94],[0.3,0.88],[0.28,0.7],[0.27,0.53],[0.29,0.41],[0.28,0.31],[0.24,0.41],[0.2,0.52],[0.18,0.58],[0.14,0.61],[0.1,0.59],[0.11,0.55],[0.14,0.5],[0.17,0.4],[0.2,0.3],[0.23,0.22],[0.3,0.195],[0.43,0.18],[0.44,0.15],[0.4,0.12],[0.385,0.08],[0.4,0.045],[0.44,0.0225],[0.5,0.015]]],"words":[["Right",0.08,0.04],["Left",0.8,0.04]]},{"view":"back","aspect":2.0,"lines":[[[0.5,0.015],[0.56,0.0225],[0.6,0.045],[0.615,0.08],[0.6,0.12],[0.56,0.15],[0.57,0.18],[0.7,0.195],[0.77,0.22],[0.8,0.3],[0.83,0.4],[0.86,0.5],[0.89,0.55],[0.9,0.59],[0.86,0.61],[0.82,0.58],[0.8,0.52],[0.76,0.41],[0.72,0.31],[0.71,0.41],[0.73,0.53],[0.72,0.7],[0.7,0.88],[0.71,0.94],[0.77,0.97],[0.6,0.98],[0.6,0.94],[0.61,0.88],[0.59,0.7],[0.54,0.56],[0.5,0.55],[0.46,0.56],[0.41,0.7],[0.39,0.88],[0.4,0.94],[0.4,0.98],[0.23,0.97],[0.29,0.94],[0.3,0.88],[0.28,0.7],[0.27,0.53],[0.29,0.41],[0.28,0.31],[0.24,0.41],[0.2,0.52],[0.18,0.58],[0.14,0.61],[0.1,0.59],[0.11,0.55],[0.14,0.5],[0.17,0.4],[0.2,0.3],[0.23,0.22],[0.3,0.195],[0.43,0.18],[0.44,0.15],[0.4,0.12],[0.385,0.08],[0.4,0.045],[0.44,0.0225],[0.5,0.015]]],"words":[["Left",0.08,0.04],["Right",0.8,0.04]]},{"view":"head","aspect":1.2,"lines":[[[0.8,0.43333333333333335],[0.7974334584121431,0.4768420640733505],[0.7897777478867205,0.519606348367507],[0.777163859753386,0.56089447745503],[0.7598076211353316,0.6],[0.7380060020873705,0.6362538096695736],[0.7121320343559643,0.6690355937288491],[0.6826284287026162,0.6977844467637451],[0.65,0.7220084679281462],[0.614805029709527,0.7412931775037622],[0.5776457135307562,0.7553086087630227],[0.5391578576660155,0.7638149537912701],[0.5,0.7666666666666667],[0.4608421423339846,0.7638149537912701],[0.42235428646924383,0.7553086087630227],[0.38519497029047317,0.7412931775037622],[0.3500000000000001,0.7220084679281463],[0.3173715712973838,0.6977844467637451],[0.2878679656440358,0.6690355937288491],[0.2619939979126295,0.6362538096695737],[0.2401923788646684,0.6],[0.22283614024661397,0.56089447745503],[0.21022225211327952,0.519606348367507],[0.2025665415878569,0.47684206407335067],[0.2,0.4333333333333334],[0.2025665415878569,0.389824602593316],[0.2102222521132795,0.34706031829915973],[0.22283614024661394,0.3057721892116368],[0.24019237886466838,0.2666666666666668],[0.26199399791262945,0.23041285699709313],[0.2878679656440356,0.19763107293781762],[0.31737157129738375,0.16888221990292168],[0.34999999999999987,0.14465819873852054],[0.38519497029047317,0.12537348916290442],[0.42235428646924383,0.1113580579036439],[0.46084214233398446,0.10285171287539653],[0.49999999999999994,0.1],[0.5391578576660154,0.10285171287539648],[0.5776457135307561,0.11135805790364385],[0.6148050297095267,0.12537348916290433],[0.65,0.14465819873852048],[0.682628428702616,0.16888221990292143],[0.7121320343559643,0.19763107293781743],[0.7380060020873705,0.23041285699709305],[0.7598076211353316,0.2666666666666665],[0.7771638597533861,0.3057721892116368],[0.7897777478867204,0.34706031829915945],[0.7974334584121431,0.38982460259331614],[0.8,0.4333333333333333]],[[0.205,0.375],[0.15,0.35],[0.14,0.4666666666666667],[0.21,0.5166666666666667]],[[0.795,0.375],[0.85,0.35],[0.86,0.4666666666666667],[0.79,0.5166666666666667]],[[0.43,0.375],[0.42619397662556435,0.38297257150760605],[0.41535533905932737,0.38973139127471973],[0.3991341716182545,0.3942474902606518],[0.38,0.3958333333333333],[0.3608658283817455,0.3942474902606518],[0.34464466094067264,0.38973139127471973],[0.3338060233744356,0.38297257150760605],[0.33,0.375],[0.3338060233744356,0.36702742849239395],[0.34464466094067264,0.36026860872528027],[0.3608658283817455,0.3557525097393482],[0.38,0.3541666666666667],[0.3991341716182545,0.3557525097393482],[0.41535533905932737,0.36026860872528027],[0.4261939766255643,0.36702742849239395],[0.43,0.375]],[[0.67,0.375],[0.6661939766255643,0.38297257150760605],[0.6553553390593274,0.38973139127471973],[0.6391341716182545,0.3942474902606518],[0.62,0.3958333333333333],[0.6008658283817455,0.3942474902606518],[0.5846446609406726,0.38973139127471973],[0.5738060233744356,0.38297257150760605],[0.57,0.375],[0.5738060233744356,0.36702742849239395],[0.5846446609406726,0.36026860872528027],[0.6008658283817455,0.3557525097393482],[0.62,0.3541666666666667],[0.6391341716182545,0.3557525097393482],[0.6553553390593274,0.36026860872528027],[0.6661939766255643,0.36702742849239395],[0.67,0.375]],[[0.5,0.4],[0.47,0.5166666666666667],[0.53,0.5166666666666667]],[[0.41,0.6083333333333333],[0.5,0.6416666666666667],[0.59,0.6083333333333333]],[[0.4,0.7416666666666667],[0.4,0.9833333333333333]],[[0.6,0.7416666666666667],[0.6,0.9833333333333333]]],"words":[["Right",0.02,0.04],["Left",0.82,0.04]]}];

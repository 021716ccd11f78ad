//! Chronology entries (DOMAIN.md "Records"): what happened, when, who said so and which
//! children it concerns. Entries are append-only; a correction is a new revision with a reason.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::domain::text::at_most;
use crate::domain::typed_date::is_real;
use crate::{Error, FieldError, Result};

pub const MAX_SUMMARY_CHARS: usize = 200;
pub const MAX_SOURCE_CHARS: usize = 200;
/// Long enough for a typed-up meeting note; short enough that a paste accident is caught.
pub const MAX_TEXT_CHARS: usize = 20_000;

/// Entry types. The referral, strategy discussion, conference and core group types are the
/// trigger events of the statutory timescales, so they stay distinct.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, sqlx::Type)]
#[serde(rename_all = "snake_case")]
#[sqlx(type_name = "text", rename_all = "snake_case")]
pub enum EntryKind {
    StaffInformation,
    SafeguardingMeeting,
    FamilyConference,
    ReferralByPhone,
    ReferralInWriting,
    StrategyDiscussion,
    InitialConference,
    ReviewConference,
    CoreGroup,
    PhoneCall,
    HomeVisit,
    EmailOrLetter,
    Enquiry,
    /// A concern raised on an open case (seed 004), recorded with its decision: no strategy
    /// discussion needed, or one needed (which starts the strategy discussion's clock).
    ConcernRaised,
    ConcernStrategyNeeded,
    Other,
}

crate::labels!(EntryKind {
    StaffInformation => "Information from staff",
    SafeguardingMeeting => "Safeguarding meeting",
    FamilyConference => "Family conference",
    ReferralByPhone => "Referral to social care by phone",
    ReferralInWriting => "Referral to social care in writing",
    StrategyDiscussion => "Strategy discussion",
    InitialConference => "Initial child protection conference",
    ReviewConference => "Review child protection conference",
    CoreGroup => "Core group",
    PhoneCall => "Phone call",
    HomeVisit => "Home visit",
    EmailOrLetter => "Email or letter",
    Enquiry => "Enquiry",
    ConcernRaised => "Concern on an open case",
    ConcernStrategyNeeded => "Concern on an open case: strategy discussion needed",
    Other => "Other",
});

#[derive(Debug, Clone, PartialEq, Eq, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
pub struct NewEntry {
    #[serde(deserialize_with = "crate::domain::typed_date::required")]
    #[ts(type = "string | null")]
    pub event_on: NaiveDate,
    /// `HH:MM`, when the time is known.
    #[serde(default, deserialize_with = "crate::domain::typed_date::optional_time")]
    #[ts(type = "string | null")]
    pub event_time: Option<NaiveTime>,
    pub kind: EntryKind,
    /// Who the information came from.
    pub info_source: String,
    /// People ids: the children in the case this entry concerns.
    #[ts(type = "number[]")]
    pub children: Vec<i64>,
    pub summary: String,
    pub detail: String,
    pub action_required: String,
    /// Marked by the lead as significant: what a reader of the chronology must not miss.
    #[serde(default)]
    pub significant: bool,
    /// Tags from the organisation's list (`TAGS_SETTING`).
    #[serde(default)]
    pub tags: Vec<String>,
}

/// The setting that holds the organisation's entry tags (JSON: a list of words).
pub const TAGS_SETTING: &str = "entry_tags";
pub const MAX_TAGS: usize = 40;
pub const MAX_TAG_CHARS: usize = 40;

/// The tags an organisation starts with: the categories of abuse and the specific safeguarding
/// issues of Keeping Children Safe in Education (Part one and Annex B), which are what a
/// designated lead is asked to count.
pub fn default_tags() -> Vec<String> {
    [
        "Neglect",
        "Physical abuse",
        "Emotional abuse",
        "Sexual abuse",
        "Domestic abuse",
        "Online safety",
        "Child-on-child abuse",
        "Child criminal exploitation",
        "Child sexual exploitation",
        "Mental health",
        "Parental substance misuse",
        "Attendance",
        "Radicalisation",
        "Female genital mutilation",
        "Private fostering",
        "Young carer",
    ]
    .into_iter()
    .map(String::from)
    .collect()
}

/// Checks a list of tags for Settings: 1 to `MAX_TAGS`, each named once (case ignored).
/// Returns them trimmed, in the lead's order.
pub fn check_tag_list(tags: &[String]) -> Result<Vec<String>> {
    let tags: Vec<String> = tags.iter().map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect();
    let mut errors = Vec::new();
    if tags.is_empty() {
        errors.push(FieldError::new("tags", "Enter at least one tag"));
    } else if tags.len() > MAX_TAGS {
        errors.push(FieldError::new("tags", format!("Keep to {MAX_TAGS} tags or fewer")));
    }
    if let Some(long) = tags.iter().find(|t| t.chars().count() > MAX_TAG_CHARS) {
        errors.push(FieldError::new(
            "tags",
            format!("“{long}” is too long: a tag must be {MAX_TAG_CHARS} characters or fewer"),
        ));
    }
    let mut seen = std::collections::HashSet::new();
    if let Some(twice) = tags.iter().find(|t| !seen.insert(t.to_lowercase())) {
        errors.push(FieldError::new("tags", format!("“{twice}” is in the list twice")));
    }
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    Ok(tags)
}

/// An entry's tags as the list spells them, in alphabetical order (as they are read back);
/// `allowed` is the
/// organisation's list (and, for an amendment, the tags the entry already has). A tag not on it
/// is added to `errors`.
fn chosen_tags(errors: &mut Vec<FieldError>, tags: &[String], allowed: &[String]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for tag in tags.iter().map(|t| t.trim()).filter(|t| !t.is_empty()) {
        match allowed.iter().find(|a| a.to_lowercase() == tag.to_lowercase()) {
            Some(a) if !out.contains(a) => out.push(a.clone()),
            Some(_) => {}
            None => errors.push(FieldError::new(
                "tags",
                format!("“{tag}” is not one of your organisation's tags: choose from the list, or add it in Settings"),
            )),
        }
    }
    out.sort();
    out
}

/// Checks an entry for a case whose children are `children_in_case`, on `today`, its tags
/// against `tags_allowed`. `amend_reason` is `Some` for a revision. Returns the entry trimmed,
/// children sorted and unique, tags as the list spells them, sorted.
pub fn check_entry(
    entry: &NewEntry,
    amend_reason: Option<&str>,
    children_in_case: &[i64],
    tags_allowed: &[String],
    today: NaiveDate,
) -> Result<NewEntry> {
    let mut errors = Vec::new();
    if !is_real(entry.event_on) {
        errors.push(FieldError::new("eventOn", "Enter the date it happened, for example 27 3 2026"));
    } else if entry.event_on > today {
        errors.push(FieldError::new("eventOn", "The date of the event must be today or in the past"));
    }
    if entry.event_time == Some(crate::domain::typed_date::not_a_time()) {
        errors.push(FieldError::new("eventTime", "Enter the time like 14:30, or leave it empty"));
    }
    if entry.info_source.trim().is_empty() {
        errors.push(FieldError::new("infoSource", "Enter who the information came from"));
    }
    at_most(&mut errors, "infoSource", &entry.info_source, MAX_SOURCE_CHARS, "Who the information came from");
    if entry.summary.trim().is_empty() {
        errors.push(FieldError::new("summary", "Enter a short summary of what happened"));
    }
    at_most(&mut errors, "summary", &entry.summary, MAX_SUMMARY_CHARS, "Summary");
    at_most(&mut errors, "detail", &entry.detail, MAX_TEXT_CHARS, "What happened");
    at_most(&mut errors, "actionRequired", &entry.action_required, MAX_TEXT_CHARS, "Action required");
    if entry.children.iter().any(|c| !children_in_case.contains(c)) {
        errors.push(FieldError::new("children", "Choose children from this case only"));
    }
    if let Some(reason) = amend_reason {
        if reason.trim().is_empty() {
            errors.push(FieldError::new("amendReason", "Enter why the entry is being amended"));
        }
        at_most(&mut errors, "amendReason", reason, MAX_SOURCE_CHARS, "The reason for amending");
    }
    let tags = chosen_tags(&mut errors, &entry.tags, tags_allowed);
    if !errors.is_empty() {
        return Err(Error::fields(errors));
    }
    let mut children = entry.children.clone();
    children.sort_unstable();
    children.dedup();
    Ok(NewEntry {
        event_on: entry.event_on,
        event_time: entry.event_time,
        kind: entry.kind,
        info_source: entry.info_source.trim().to_owned(),
        children,
        summary: entry.summary.trim().to_owned(),
        detail: entry.detail.trim_end().to_owned(),
        action_required: entry.action_required.trim().to_owned(),
        significant: entry.significant,
        tags,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry() -> NewEntry {
        NewEntry {
            event_on: "2026-11-20".parse().unwrap(),
            event_time: Some(NaiveTime::from_hms_opt(14, 30, 0).unwrap()),
            kind: EntryKind::HomeVisit,
            info_source: " Family support worker ".into(),
            children: vec![7, 3, 7],
            summary: "Home visit: house cold, no food in".into(),
            detail: "Detail.\n".into(),
            action_required: String::new(),
            significant: false,
            tags: vec![],
        }
    }

    #[test]
    fn an_entry_is_trimmed_and_its_children_deduplicated() {
        let ok = check_entry(&entry(), None, &[3, 7], &[], "2026-11-23".parse().unwrap()).unwrap();
        assert_eq!(ok.info_source, "Family support worker");
        assert_eq!(ok.children, [3, 7]);
        assert_eq!(ok.detail, "Detail.");
    }

    #[test]
    fn an_entry_needs_a_past_date_a_source_a_summary_and_children_of_the_case() {
        let mut bad = entry();
        bad.event_on = "2026-11-24".parse().unwrap();
        bad.info_source = " ".into();
        bad.summary = "x".repeat(MAX_SUMMARY_CHARS + 1);
        bad.children = vec![99];
        let err = check_entry(&bad, None, &[3, 7], &[], "2026-11-23".parse().unwrap()).unwrap_err();
        let fields: Vec<&str> = err.fields.iter().map(|f| f.field.as_str()).collect();
        assert_eq!(fields, ["eventOn", "infoSource", "summary", "children"]);
    }

    #[test]
    fn an_amendment_needs_a_reason() {
        let today = "2026-11-23".parse().unwrap();
        let err = check_entry(&entry(), Some("  "), &[3, 7], &[], today).unwrap_err();
        assert_eq!(err.fields[0].field, "amendReason");
        assert!(check_entry(&entry(), Some("Wrong date typed"), &[3, 7], &[], today).is_ok());
    }

    #[test]
    fn tags_come_from_the_list_spelt_as_it_spells_them() {
        let allowed = default_tags();
        let mut tagged = entry();
        tagged.tags = vec![" domestic ABUSE".into(), "Neglect".into(), "neglect".into()];
        let ok = check_entry(&tagged, None, &[3, 7], &allowed, "2026-11-23".parse().unwrap()).unwrap();
        assert_eq!(ok.tags, ["Domestic abuse", "Neglect"], "once each, as the list spells them");
        tagged.tags = vec!["Bullying".into()];
        let err = check_entry(&tagged, None, &[3, 7], &allowed, "2026-11-23".parse().unwrap()).unwrap_err();
        assert_eq!(err.fields[0].field, "tags");
        assert!(err.fields[0].message.starts_with("“Bullying” is not one of your organisation's tags"));
    }

    #[test]
    fn a_tag_list_is_named_once_each_and_not_empty() {
        let list = |t: &[&str]| check_tag_list(&t.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(list(&[" Neglect ", "", "Bullying"]).unwrap(), ["Neglect", "Bullying"]);
        assert_eq!(list(&[" "]).unwrap_err().fields[0].message, "Enter at least one tag");
        assert_eq!(list(&["Neglect", "neglect"]).unwrap_err().fields[0].message, "“neglect” is in the list twice");
        assert!(list(&[&"x".repeat(MAX_TAG_CHARS + 1)]).is_err());
        assert!(check_tag_list(&default_tags()).is_ok());
    }
}

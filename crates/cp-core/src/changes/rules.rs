//! A case's changes in one line, as the feed shows each case once ("3 people added, 1 entry
//! added, level changed"): each kind of change counted, in the order it first happened. Pure.

use crate::write::ChangeKind;

/// How one kind of change reads when it happened `n` times.
fn words(kind: ChangeKind, n: usize) -> String {
    let count = |one: &str, many: &str| if n == 1 { format!("1 {one}") } else { format!("{n} {many}") };
    let event = |what: &str| if n == 1 { what.to_owned() } else { format!("{what} {n} times") };
    match kind {
        ChangeKind::CaseOpened => event("case opened"),
        ChangeKind::DetailsChanged => event("details changed"),
        ChangeKind::LevelChanged => event("level changed"),
        ChangeKind::CaseClosed => event("case closed"),
        ChangeKind::CaseReopened => event("case reopened"),
        ChangeKind::CaseArchived => event("case archived"),
        ChangeKind::PersonAdded => count("person added", "people added"),
        ChangeKind::PersonLinked => count("person linked", "people linked"),
        ChangeKind::RelationshipAdded => count("relationship added", "relationships added"),
        ChangeKind::PlanStarted => count("plan started", "plans started"),
        ChangeKind::PlanEnded => count("plan ended", "plans ended"),
        ChangeKind::EntryAdded => count("entry added", "entries added"),
        ChangeKind::EntryAmended => count("entry amended", "entries amended"),
        ChangeKind::ConcernEscalated => count("concern escalated", "concerns escalated"),
        ChangeKind::ActionAdded => count("action added", "actions added"),
        ChangeKind::ActionReassigned => count("action given to someone else", "actions given to someone else"),
        ChangeKind::ActionClosed => count("action ended", "actions ended"),
        ChangeKind::FlagAdded => count("warning added", "warnings added"),
        ChangeKind::FlagEnded => count("warning ended", "warnings ended"),
        ChangeKind::ReferralRecorded => count("referral recorded", "referrals recorded"),
        ChangeKind::ReferralStep => count("referral step", "referral steps"),
        ChangeKind::EscalationRaised => count("escalation raised", "escalations raised"),
        ChangeKind::EscalationStep => count("escalation step", "escalation steps"),
        ChangeKind::EscalationResolved => count("escalation resolved", "escalations resolved"),
        ChangeKind::FileSent => count("file sent to a new setting", "files sent to new settings"),
        ChangeKind::FileReceiptRecorded => count("file's receipt confirmed", "files' receipts confirmed"),
        ChangeKind::FileChased => count("new setting chased", "new settings chased"),
        ChangeKind::FileReceived => event("file received from another setting"),
        ChangeKind::RecordsRemoved => event("records removed"),
        ChangeKind::RetentionDecided => count("retention decision", "retention decisions"),
        ChangeKind::SubjectAccessStep => count("subject access step", "subject access steps"),
        ChangeKind::AttachmentAdded => count("file attached", "files attached"),
        ChangeKind::AttachmentWithdrawn => count("file withdrawn", "files withdrawn"),
        ChangeKind::BodyMarkAdded => count("body map mark added", "body map marks added"),
        ChangeKind::BodyMarkWithdrawn => count("body map mark withdrawn", "body map marks withdrawn"),
    }
}

/// The kinds of `changes`, oldest first, counted into one line.
pub fn tally(changes: impl IntoIterator<Item = ChangeKind>) -> String {
    let mut counted: Vec<(ChangeKind, usize)> = Vec::new();
    for kind in changes {
        match counted.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => *n += 1,
            None => counted.push((kind, 1)),
        }
    }
    let line = counted.into_iter().map(|(k, n)| words(k, n)).collect::<Vec<_>>().join(", ");
    let mut chars = line.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cases_changes_read_as_one_line_counted_by_kind_in_the_order_they_came() {
        use ChangeKind::*;
        let line = tally([PersonAdded, EntryAdded, PersonAdded, LevelChanged, PersonAdded, LevelChanged]);
        assert_eq!(line, "3 people added, 1 entry added, level changed 2 times");
        assert_eq!(tally([CaseOpened]), "Case opened");
        assert_eq!(tally([]), "");
    }
}

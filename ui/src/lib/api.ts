// The UI's only door to Rust. Every command goes through `call`, so every failure reaches a
// screen as an `ApiFailure` with the `{code, message}` the core chose.
import { heard } from './server-news.svelte';
import { Channel, invoke } from '@tauri-apps/api/core';
import type {
  AnnualFigures,
  UpdateOffer,
  AttachTo,
  Attachment,
  NewAttachment,
  NewMark,
  Progress,
  Chase,
  NewDecision,
  NewRequest,
  Redaction,
  RecordRemoval,
  AllegationRetention,
  Retention,
  RetentionRule,
  RetentionYears,
  NewTransfer,
  PackagePreview,
  Receipt,
  Received,
  Sent,
  ActionEnd,
  ActionOn,
  CaseAction,
  Allegation,
  ApiError,
  AppInfo,
  AppView,
  Assignment,
  BackupSummary,
  CaseChanges,
  Change,
  CaseDetails,
  CasePage,
  CaseQuery,
  CaseSearch,
  CaseSummary,
  Checklist,
  Closure,
  Dashboard,
  Enquirer,
  EnquiryAnswer,
  EnquiryFilter,
  EnquiryRow,
  ErrorCode,
  ExtraHoliday,
  Field,
  FieldError,
  FinalOutcome,
  FlagEnd,
  ImportPreview,
  ImportResult,
  ItemDetails,
  LadoDiscussion,
  LateNote,
  Lead,
  ReferralStep,
  LevelChange,
  NewAction,
  NewAllegation,
  NewCase,
  NewConcern,
  NewEntry,
  NewEscalation,
  NewCaseEscalation,
  EscalationNextStep,
  EscalationResolution,
  ProcedureStep,
  NewFlag,
  NewReferral,
  NewLead,
  NewPerson,
  NewPlan,
  NewRelationship,
  Outcome,
  PersonMatch,
  PlanAddress,
  Recorded,
  RecoverySheet,
  Removal,
  ReportRequest,
  Role,
  SetupInput,
  JoinInput,
  TimescaleSettings,
  TimescaleSetup,
  TransferIn,
  WeekStatus,
} from './bindings';

export class ApiFailure extends Error {
  readonly code: ErrorCode;
  readonly fields: FieldError[];

  constructor(code: ErrorCode, message: string, fields: FieldError[] = []) {
    super(message);
    this.name = 'ApiFailure';
    this.code = code;
    this.fields = fields;
  }
}

function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.code === 'string' && typeof v.message === 'string';
}

/** Turns whatever `invoke` rejected with into an `ApiFailure` a screen can show. */
export function toApiFailure(reason: unknown): ApiFailure {
  if (reason instanceof ApiFailure) return reason;
  if (isApiError(reason)) return new ApiFailure(reason.code, reason.message, reason.fields ?? []);
  // Tauri itself rejects with a bare string (unknown command, refused permission): that is a
  // bug in the app, not something the lead did.
  return new ApiFailure(
    'internal',
    'CP Tracker could not complete that request. Close and reopen the app; if it happens again, report it.',
  );
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    const failure = toApiFailure(reason);
    // The banner shows until the listener hears the server again.
    if (failure.code === 'server_unreachable') heard('unreachable');
    throw failure;
  }
}

/** A command whose argument is a file's bytes, sent as the raw body; the rest go as headers. */
async function send<T>(command: string, bytes: Uint8Array, headers: Record<string, string>): Promise<T> {
  try {
    return await invoke<T>(command, bytes, { headers });
  } catch (reason) {
    throw toApiFailure(reason);
  }
}

export const api = {
  appInfo: () => call<AppInfo>('app_info'),
  firstPaint: () => call<null>('first_paint'),
  checkForUpdate: () => call<UpdateOffer>('check_for_update'),
  downloadUpdate: () => call<UpdateOffer>('download_update'),
  installUpdate: () => call<null>('install_update'),
  appView: () => call<AppView>('app_view'),
  checkSetup: (input: SetupInput) => call<null>('check_setup', { input }),
  joinOrganisation: (input: JoinInput) => call<AppView>('join_organisation', { input }),
  beginSetup: () => call<RecoverySheet>('begin_setup'),
  completeSetup: (input: SetupInput, typedGroups: string[]) =>
    call<AppView>('complete_setup', { input, typedGroups }),
  recover: (recoveryKey: string) => call<AppView>('recover', { recoveryKey }),
  signIn: (leadId: number, passphrase: string) => call<AppView>('sign_in', { leadId, passphrase }),
  unlock: (passphrase: string) => call<AppView>('unlock', { passphrase }),
  signOut: () => call<AppView>('sign_out'),
  lock: () => call<AppView>('lock'),
  touch: () => call<AppView>('touch'),
  setIdleMinutes: (minutes: number) => call<AppView>('set_idle_minutes', { minutes }),
  leads: () => call<Lead[]>('leads'),
  addLead: (lead: NewLead) => call<Lead[]>('add_lead', { lead }),
  deactivateLead: (leadId: number) => call<Lead[]>('deactivate_lead', { leadId }),
  changePassphrase: (current: string, next: string) => call<null>('change_passphrase', { current, new: next }),
  /** The save dialog, opened by the app: the chosen path is the only one the save accepts. */
  chooseDestination: (kind: 'pdf' | 'backup' | 'transfer', name: string) =>
    call<string | null>('choose_destination', { kind, name }),
  beginRecoveryKeyChange: () => call<RecoverySheet>('begin_recovery_key_change'),
  completeRecoveryKeyChange: (typedGroups: string[]) => call<null>('complete_recovery_key_change', { typedGroups }),
  makeBackup: (path: string) => call<BackupSummary>('make_backup', { path }),
  restoreBackup: (path: string, recoveryKey: string) => call<AppView>('restore_backup', { path, recoveryKey }),
  openCase: (c: NewCase) => call<CaseSummary>('open_case', { case: c }),
  searchCases: (query: CaseQuery) => call<CaseSearch>('search_cases', { query }),
  casePage: (caseId: number) => call<CasePage>('case_page', { caseId }),
  updateCaseDetails: (caseId: number, details: CaseDetails) => call<null>('update_case_details', { caseId, details }),
  changeLevel: (caseId: number, change: LevelChange) => call<CaseSummary>('change_level', { caseId, change }),
  closeCase: (caseId: number, closure: Closure) => call<CaseSummary>('close_case', { caseId, closure }),
  reopenCase: (caseId: number, reason: string) => call<CaseSummary>('reopen_case', { caseId, reason }),
  addPerson: (caseId: number, person: NewPerson) => call<number>('add_person', { caseId, person }),
  findPeople: (caseId: number, typed: string) => call<PersonMatch[]>('find_people', { caseId, typed }),
  linkPerson: (caseId: number, personId: number, role: Role) => call<null>('link_person', { caseId, personId, role }),
  addRelationship: (caseId: number, relationship: NewRelationship) =>
    call<null>('add_relationship', { caseId, relationship }),
  startPlan: (caseId: number, plan: NewPlan, levelChange: LevelChange | null = null) =>
    call<number>('start_plan', { caseId, plan, levelChange }),
  endPlan: (planId: number, endOn: string) => call<null>('end_plan', { planId, endOn }),
  addEntry: (caseId: number, entry: NewEntry) => call<number>('add_entry', { caseId, entry }),
  amendEntry: (entryId: number, entry: NewEntry, reason: string) => call<null>('amend_entry', { entryId, entry, reason }),
  saveDraft: (key: string, body: string) => call<null>('save_draft', { key, body }),
  draft: (key: string) => call<string | null>('draft', { key }),
  discardDraft: (key: string) => call<null>('discard_draft', { key }),
  dashboard: () => call<Dashboard>('dashboard'),
  checklist: (week: string | null, leadId: number | null) => call<Checklist>('checklist', { week, leadId }),
  checklistChanges: (week: string, leadId: number, caseId: number) =>
    call<Change[]>('checklist_changes', { week, leadId, caseId }),
  checklistDetails: (week: string, leadId: number, caseIds: number[]) =>
    call<ItemDetails[]>('checklist_details', { week, leadId, caseIds }),
  recordReview: (week: string, caseId: number, outcome: Outcome, note: string) =>
    call<Recorded>('record_review', { week, caseId, outcome, note }),
  signOffWeek: (week: string) => call<null>('sign_off_week', { week }),
  addLateNote: (week: string, caseId: number, note: string) => call<LateNote>('add_late_note', { week, caseId, note }),
  reviewHistory: () => call<WeekStatus[]>('review_history'),
  unacknowledgedChanges: () => call<CaseChanges[]>('unacknowledged_changes'),
  acknowledgeChanges: (caseId: number, upTo: number) => call<number>('acknowledge_changes', { caseId, upTo }),
  timescaleSetup: () => call<TimescaleSetup>('timescale_setup'),
  setTimescales: (settings: TimescaleSettings) => call<null>('set_timescales', { settings }),
  addBankHoliday: (holiday: ExtraHoliday) => call<null>('add_bank_holiday', { holiday }),
  saveReport: (request: ReportRequest, path: string) => call<null>('save_report', { request, path }),
  saveRecoverySheet: (organisation: string, path: string) => call<null>('save_recovery_sheet', { organisation, path }),
  openReport: (path: string) => call<null>('open_report', { path }),
  startEnquiry: (enquirer: Enquirer) => call<number>('start_enquiry', { enquirer }),
  enquirySearch: (enquiryId: number, text: string) => call<CaseSearch>('enquiry_search', { enquiryId, text }),
  completeEnquiry: (enquiryId: number, answer: EnquiryAnswer) => call<EnquiryRow>('complete_enquiry', { enquiryId, answer }),
  enquiryInformed: (enquiryId: number, on: string) => call<null>('enquiry_informed', { enquiryId, on }),
  listEnquiries: (filter: EnquiryFilter) => call<EnquiryRow[]>('list_enquiries', { filter }),
  enquiryCheckAddress: (enquiryId: number, line1: string, postcode: string) =>
    call<PlanAddress | null>('enquiry_check_address', { enquiryId, line1, postcode }),
  closeEnquiry: (enquiryId: number) => call<null>('close_enquiry', { enquiryId }),
  recordConcern: (caseId: number, concern: NewConcern) => call<number>('record_concern', { caseId, concern }),
  escalateConcern: (concernId: number, escalation: NewEscalation) =>
    call<null>('escalate_concern', { concernId, escalation }),
  reassignAction: (actionId: number, assignment: Assignment) =>
    call<null>('reassign_action', { actionId, assignment }),
  endAction: (actionId: number, end: ActionEnd) => call<null>('end_action', { actionId, end }),
  addFlag: (caseId: number, flag: NewFlag) => call<number>('add_flag', { caseId, flag }),
  endFlag: (flagId: number, end: FlagEnd) => call<null>('end_flag', { flagId, end }),
  recordReferral: (caseId: number, referral: NewReferral) => call<number>('record_referral', { caseId, referral }),
  referralStep: (referralId: number, step: ReferralStep) => call<null>('referral_step', { referralId, step }),
  referralChaseDays: () => call<number>('referral_chase_days'),
  setReferralChaseDays: (days: number) => call<number>('set_referral_chase_days', { days }),
  addActionOn: (on: ActionOn, action: NewAction) => call<number>('add_action_on', { on, action }),
  actionsOn: (on: ActionOn) => call<CaseAction[]>('actions_on', { on }),
  raiseEscalation: (caseId: number, escalation: NewCaseEscalation) =>
    call<number>('raise_escalation', { caseId, escalation }),
  escalationNextStep: (escalationId: number, step: EscalationNextStep) =>
    call<null>('escalation_next_step', { escalationId, step }),
  resolveEscalation: (escalationId: number, resolution: EscalationResolution) =>
    call<null>('resolve_escalation', { escalationId, resolution }),
  entryTags: () => call<string[]>('entry_tags'),
  setEntryTags: (tags: string[]) => call<string[]>('set_entry_tags', { tags }),
  escalationProcedure: () => call<ProcedureStep[]>('escalation_procedure'),
  setEscalationProcedure: (steps: ProcedureStep[]) => call<ProcedureStep[]>('set_escalation_procedure', { steps }),
  allegations: () => call<Allegation[]>('allegations'),
  recordAllegation: (allegation: NewAllegation) => call<number>('record_allegation', { allegation }),
  allegationLado: (id: number, discussion: LadoDiscussion) => call<null>('allegation_lado', { id, discussion }),
  allegationMeeting: (id: number, heldOn: string | null, note: string) => call<null>('allegation_meeting', { id, heldOn, note }),
  allegationOutcome: (id: number, outcome: FinalOutcome, on: string) => call<null>('allegation_outcome', { id, outcome, on }),
  removeAllegation: (id: number) => call<Removal>('remove_allegation', { id }),
  recordTransferIn: (caseId: number, transfer: TransferIn) => call<number>('record_transfer_in', { caseId, transfer }),
  /** Makes the transfer package where the lead chose, its paper pack beside it; logs it. */
  sendFile: (caseId: number, transfer: NewTransfer, path: string) => call<Sent>('send_file', { caseId, transfer, path }),
  /** The open dialog for a transfer package, opened by the app. */
  choosePackage: () => call<string | null>('choose_package'),
  previewPackage: (path: string, passphrase: string) => call<PackagePreview>('preview_package', { path, passphrase }),
  receivePackage: (path: string, passphrase: string) => call<Received>('receive_package', { path, passphrase }),
  recordTransferReceipt: (transferId: number, receipt: Receipt) =>
    call<null>('record_transfer_receipt', { transferId, receipt }),
  recordTransferChase: (transferId: number, chase: Chase) => call<null>('record_transfer_chase', { transferId, chase }),
  transferDays: () => call<number>('transfer_days'),
  setTransferDays: (days: number) => call<number>('set_transfer_days', { days }),
  transferKeepsCopy: () => call<boolean>('transfer_keeps_copy'),
  setTransferKeepsCopy: (keep: boolean) => call<boolean>('set_transfer_keeps_copy', { keep }),
  removalLog: () => call<RecordRemoval[]>('removal_log'),
  disposalReview: () => call<Retention[]>('disposal_review'),
  decideRetention: (caseId: number, decision: NewDecision) => call<RecordRemoval | null>('decide_retention', { caseId, decision }),
  allegationDisposalReview: () => call<AllegationRetention[]>('allegation_disposal_review'),
  decideAllegationRetention: (allegationId: number, decision: NewDecision) =>
    call<RecordRemoval | null>('decide_allegation_retention', { allegationId, decision }),
  retentionYears: () => call<RetentionYears[]>('retention_years'),
  setRetentionYears: (rule: RetentionRule, years: number) => call<RetentionYears[]>('set_retention_years', { rule, years }),
  annualFigures: (from: string | null, to: string | null) => call<AnnualFigures>('annual_figures', { from, to }),
  recordSubjectAccess: (caseId: number, request: NewRequest) => call<number>('record_subject_access', { caseId, request }),
  confirmSarIdentity: (sarId: number, on: string | null, how: string) => call<null>('confirm_sar_identity', { sarId, on, how }),
  extendSubjectAccess: (sarId: number, reason: string) => call<null>('extend_subject_access', { sarId, reason }),
  addRedaction: (sarId: number, redaction: Redaction) => call<number>('add_redaction', { sarId, redaction }),
  removeRedaction: (redactionId: number) => call<null>('remove_redaction', { redactionId }),
  redactionSuggestions: (sarId: number) => call<string[]>('redaction_suggestions', { sarId }),
  releaseSubjectAccess: (sarId: number, path: string) => call<null>('release_subject_access', { sarId, path }),
  under5sPreview: (bytes: Uint8Array, mapping: (Field | null)[] | null, sameRows: number[] = []) =>
    send<ImportPreview>('under5s_preview', bytes, {
      ...(mapping ? { 'cp-mapping': JSON.stringify(mapping) } : {}),
      'cp-same-rows': JSON.stringify(sameRows),
    }),
  under5sImport: (bytes: Uint8Array, mapping: (Field | null)[], sameRows: number[], sha256: string) =>
    send<ImportResult>('under5s_import', bytes, {
      'cp-mapping': JSON.stringify(mapping),
      'cp-same-rows': JSON.stringify(sameRows),
      'cp-sha256': sha256,
    }),
  under5sCancel: () => call<null>('under5s_cancel'),
  chooseAttachment: () => call<string | null>('choose_attachment'),
  /** `onprogress` hears how much of the file is read, a megabyte at a time. */
  attachFile: (to: AttachTo, path: string, attachment: NewAttachment, onprogress: (p: Progress) => void) => {
    const progress = new Channel<Progress>();
    progress.onmessage = onprogress;
    return call<number>('attach_file', { to, path, attachment, progress });
  },
  attachmentsOn: (on: AttachTo) => call<Attachment[]>('attachments_on', { on }),
  /** The file's bytes, drawn from memory: never written anywhere. */
  viewAttachment: async (id: number) => new Uint8Array(await call<ArrayBuffer>('view_attachment', { id })),
  saveAttachment: (id: number, name: string) => call<string | null>('save_attachment', { id, name }),
  withdrawAttachment: (id: number, reason: string) => call<null>('withdraw_attachment', { id, reason }),
  attachmentLimit: () => call<number>('attachment_limit'),
  setAttachmentLimit: (mb: number) => call<number>('set_attachment_limit', { mb }),
  addBodyMark: (entryId: number, mark: NewMark) => call<number>('add_body_mark', { entryId, mark }),
  withdrawBodyMark: (id: number, reason: string) => call<null>('withdraw_body_mark', { id, reason }),
};

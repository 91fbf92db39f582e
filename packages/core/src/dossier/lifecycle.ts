/**
 * The dossier lifecycle (NĐ 61/2018 Art. 15–22; NĐ 118/2025): a dossier is a row plus an append-only
 * list of actions; its status is derived from the actions by `deriveState`, never stored as truth.
 */

/** Coarse statuses; nuance lives in flags (in transit, supplement requested, approved, overdue…). */
export const DossierStatus = {
  /** Mới tiếp nhận: received at a counter, not yet at the competent agency. */
  Received: 'received',
  /** Đang xử lý: at the competent agency (assigned, appraised, forwarded; approved, result not yet issued). */
  Processing: 'processing',
  /** Chờ phê duyệt: submitted to the agency's leader (Trình lãnh đạo); the leader approves, refuses or returns it. */
  AwaitingApproval: 'awaiting_approval',
  /** Chờ bổ sung: the agency asked the applicant to complete the dossier; the clock is stopped. */
  AwaitingSupplement: 'awaiting_supplement',
  /** Có kết quả: a result (or a refusal) is ready, on its way back or waiting at the returning site. */
  ResultReady: 'result_ready',
  /** Đã trả kết quả: handed to the applicant at a counter or delivered by post. */
  Returned: 'returned',
  /** Dừng xử lý / rút hồ sơ: stopped at the applicant's request before a decision. */
  Withdrawn: 'withdrawn',
} as const;
export type DossierStatus = (typeof DossierStatus)[keyof typeof DossierStatus];
export const ALL_STATUSES = Object.values(DossierStatus) as DossierStatus[];

/** Statuses in which the processing time runs (not stopped for a supplement, not finished). */
export const RUNNING_STATUSES = [
  'received',
  'processing',
  'awaiting_approval',
] as const satisfies readonly DossierStatus[];
export const isRunningStatus = (status: string): boolean =>
  (RUNNING_STATUSES as readonly string[]).includes(status);

export const STATUS_LABELS: Record<DossierStatus, { vi: string; en: string }> = {
  received: { vi: 'Mới tiếp nhận', en: 'Received' },
  processing: { vi: 'Đang xử lý', en: 'Processing' },
  awaiting_approval: { vi: 'Chờ phê duyệt', en: 'Awaiting approval' },
  awaiting_supplement: { vi: 'Chờ bổ sung', en: 'Awaiting supplement' },
  result_ready: { vi: 'Có kết quả', en: 'Result ready' },
  returned: { vi: 'Đã trả kết quả', en: 'Returned' },
  withdrawn: { vi: 'Dừng xử lý (rút hồ sơ)', en: 'Withdrawn' },
};

/** Everything that can happen to a dossier. Each is one row of the dossier's timeline. */
export const DossierAction = {
  /** Tiếp nhận hồ sơ (Mẫu 01 issued). */
  Receive: 'receive',
  /** Bàn giao: the dossier leaves the receiving site in a handover batch to the agency. */
  SendToAgency: 'send_to_agency',
  /** The agency's one-stop unit confirms it received the dossier (the agency's clock starts). */
  ConfirmAtAgency: 'confirm_at_agency',
  /** Phân công: the agency head assigns (or reassigns) an officer. */
  Assign: 'assign',
  /** A handling step (appraisal, consultation, field check) with its time, for the control slip. */
  RecordStep: 'record_step',
  /** Yêu cầu bổ sung after appraisal (Mẫu 02): once, within 3 working days of receipt. */
  RequestSupplement: 'request_supplement',
  /** The completed dossier is received: the processing time restarts from zero. */
  ReceiveSupplement: 'receive_supplement',
  /** Liên thông: sent to another agency for its part. */
  Forward: 'forward',
  /** Back from the other agency. */
  ReturnFromForward: 'return_from_forward',
  /** Trình lãnh đạo: submitted for approval. */
  Submit: 'submit',
  /** Phê duyệt. */
  Approve: 'approve',
  /** The leader sends a submitted dossier back to the officer for rework, with the reason. */
  ReturnForRework: 'return_for_rework',
  /** Từ chối giải quyết, with written reasons. */
  Refuse: 'refuse',
  /** The result document is issued (number, date, signer, scanned file). */
  RecordResult: 'record_result',
  /** Xin lỗi và hẹn lại (Mẫu 04): a new appointment, once, at least 1 working day before the deadline. */
  Apologise: 'apologise',
  /** The result leaves the agency in a return batch to the returning site. */
  SendToSite: 'send_to_site',
  /** The returning site confirms the result arrived. */
  ConfirmAtSite: 'confirm_at_site',
  /** Trả kết quả at the counter (identity checked) or delivered by post. */
  ReturnResult: 'return_result',
  /** Rút hồ sơ / dừng giải quyết at the applicant's request. */
  Withdraw: 'withdraw',
  /** The applicant's satisfaction rating. */
  Rate: 'rate',
  /** A free note on the timeline (discrepancy, phone call…); changes nothing. */
  Note: 'note',
  /**
   * Chuyển cơ quan kế thừa: a reorganisation (sắp xếp đơn vị hành chính, e.g. 1/7/2025) hands an open
   * dossier from an abolished agency to its successor (`payload.fromAgencyId` → `toAgencyId`); the
   * code, clock and appointment stay.
   */
  TransferToSuccessor: 'transfer_to_successor',
} as const;
export type DossierAction = (typeof DossierAction)[keyof typeof DossierAction];

export const ACTION_LABELS: Record<DossierAction, { vi: string; en: string }> = {
  receive: { vi: 'Tiếp nhận hồ sơ', en: 'Dossier received' },
  send_to_agency: { vi: 'Bàn giao hồ sơ đến cơ quan giải quyết', en: 'Sent to the agency' },
  confirm_at_agency: { vi: 'Cơ quan giải quyết nhận hồ sơ', en: 'Received by the agency' },
  assign: { vi: 'Phân công xử lý', en: 'Assigned to an officer' },
  record_step: { vi: 'Xử lý hồ sơ', en: 'Handling step' },
  request_supplement: { vi: 'Yêu cầu bổ sung hồ sơ', en: 'Supplement requested' },
  receive_supplement: { vi: 'Nhận hồ sơ bổ sung', en: 'Supplement received' },
  forward: { vi: 'Chuyển cơ quan phối hợp (liên thông)', en: 'Forwarded to another agency' },
  return_from_forward: { vi: 'Cơ quan phối hợp trả lại', en: 'Back from the other agency' },
  submit: { vi: 'Trình lãnh đạo phê duyệt', en: 'Submitted for approval' },
  approve: { vi: 'Lãnh đạo phê duyệt', en: 'Approved' },
  return_for_rework: { vi: 'Lãnh đạo trả lại để xử lý lại', en: 'Returned by the leader for rework' },
  refuse: { vi: 'Từ chối giải quyết', en: 'Refused' },
  record_result: { vi: 'Ban hành kết quả', en: 'Result issued' },
  apologise: { vi: 'Xin lỗi và hẹn lại ngày trả kết quả', en: 'Apology and new appointment' },
  send_to_site: { vi: 'Chuyển kết quả về nơi trả', en: 'Result sent to the returning site' },
  confirm_at_site: { vi: 'Nơi trả kết quả nhận kết quả', en: 'Result arrived at the returning site' },
  return_result: { vi: 'Trả kết quả cho người dân', en: 'Result returned to the applicant' },
  withdraw: { vi: 'Rút hồ sơ (dừng giải quyết)', en: 'Withdrawn at the applicant’s request' },
  rate: { vi: 'Người dân đánh giá', en: 'Rated by the applicant' },
  note: { vi: 'Ghi chú', en: 'Note' },
  transfer_to_successor: {
    vi: 'Chuyển cơ quan kế thừa (sắp xếp tổ chức)',
    en: 'Handed to the successor agency (reorganisation)',
  },
};

/**
 * The actions each status allows. `Record<DossierStatus, …>` makes the compiler demand a row for
 * every status; `deriveState` and `checkAction` add the guards that depend on flags.
 */
export const ALLOWED_ACTIONS: Record<DossierStatus, readonly DossierAction[]> = {
  received: ['send_to_agency', 'confirm_at_agency', 'withdraw', 'note', 'transfer_to_successor'],
  processing: [
    'assign',
    'record_step',
    'request_supplement',
    'forward',
    'return_from_forward',
    'submit',
    'refuse',
    'record_result',
    'apologise',
    'withdraw',
    'note',
    'transfer_to_successor',
  ],
  awaiting_approval: [
    'approve',
    'return_for_rework',
    'refuse',
    'assign',
    'record_step',
    'apologise',
    'withdraw',
    'note',
    'transfer_to_successor',
  ],
  awaiting_supplement: [
    'receive_supplement',
    'send_to_agency',
    'confirm_at_agency',
    'refuse',
    'withdraw',
    'note',
    'transfer_to_successor',
  ],
  result_ready: ['send_to_site', 'confirm_at_site', 'return_result', 'note', 'transfer_to_successor'],
  returned: ['rate', 'note'],
  withdrawn: ['note'],
};

/** One action as stored: the timeline row. `at` is an ISO-8601 UTC instant. */
export interface ActionRecord {
  type: DossierAction;
  at: string;
  agencyId?: string | null;
  siteId?: string | null;
  payload?: Record<string, unknown>;
}

export type Decision = 'approved' | 'refused';

/** What the timeline says now. */
export interface DossierState {
  status: DossierStatus;
  /** The agency holding the dossier now (the lead agency, or the one it was forwarded to). */
  currentAgencyId: string | null;
  /** The lead agency. */
  leadAgencyId: string | null;
  assignedOfficerId: string | null;
  /** Between sites and agencies in a batch. */
  inTransit: boolean;
  /** Where a physical dossier or result sits when not in transit: a site (counter) or an agency. */
  location: { kind: 'site' | 'agency'; id: string } | null;
  supplementRequests: number;
  supplementOpen: boolean;
  /**
   * The supplement's papers were handed in at a post office counter and are on their way to the
   * agency in a handover batch; the clock restarts when the agency confirms them (`confirm_at_agency`).
   */
  supplementInHandover: boolean;
  submitted: boolean;
  decision: Decision | null;
  resultRecorded: boolean;
  apologies: number;
  forwardedTo: string | null;
  /** The returning site is the agency's own one-stop unit: a result is there as soon as it is issued. */
  returnSiteId: string | null;
  returnAtAgency: boolean;
  /** Instant the agency's clock (re)started: handover confirmed, or completed supplement received. */
  clockStartedAt: string | null;
  receivedAt: string | null;
  resultReadyAt: string | null;
  returnedAt: string | null;
  rated: boolean;
}

export class LifecycleError extends Error {
  readonly code: string;
  readonly messageVi: string;
  constructor(code: string, messageVi: string, messageEn: string) {
    super(messageEn);
    this.code = code;
    this.messageVi = messageVi;
  }
}

const initialState = (): DossierState => ({
  status: DossierStatus.Received,
  currentAgencyId: null,
  leadAgencyId: null,
  assignedOfficerId: null,
  inTransit: false,
  location: null,
  supplementRequests: 0,
  supplementOpen: false,
  supplementInHandover: false,
  submitted: false,
  decision: null,
  resultRecorded: false,
  apologies: 0,
  forwardedTo: null,
  returnSiteId: null,
  returnAtAgency: false,
  clockStartedAt: null,
  receivedAt: null,
  resultReadyAt: null,
  returnedAt: null,
  rated: false,
});

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

type Problem = { vi: string; en: string };
/** A guard says why the action may not be taken on this state, or `null` when it may. */
type Guard = (state: DossierState, action: ActionRecord) => Problem | null;

const NOT_AT_AGENCY: Problem = {
  vi: 'Hồ sơ chưa ở cơ quan giải quyết',
  en: 'The dossier is not at the agency',
};
const WITH_OTHER_AGENCY: Problem = {
  vi: 'Hồ sơ đang ở cơ quan phối hợp',
  en: 'The dossier is with the other agency',
};
const DECIDED: Problem = { vi: 'Hồ sơ đã có quyết định', en: 'A decision was already made' };
const NOT_SUBMITTED: Problem = {
  vi: 'Hồ sơ chưa được trình lãnh đạo',
  en: 'The dossier was not submitted for approval',
};

const none: Guard = () => null;

/** Work at the agency (assign, a handling step, submit, forward): the dossier is there, undecided. */
const atAgencyUndecided: Guard = (state, action) => {
  if (state.location?.kind !== 'agency' || state.inTransit) return NOT_AT_AGENCY;
  if (state.forwardedTo && action.type !== 'assign' && action.type !== 'record_step')
    return WITH_OTHER_AGENCY;
  return state.decision ? DECIDED : null;
};

/** The leader's decision: not twice, not while another agency has the dossier. */
const decision: Guard = (state, action) => {
  if (state.decision) return DECIDED;
  if (state.forwardedTo) return WITH_OTHER_AGENCY;
  return action.type === 'approve' && !state.submitted ? NOT_SUBMITTED : null;
};

/**
 * The guards beyond the status (`ALLOWED_ACTIONS`), one per action: `Record<DossierAction, Guard>`
 * makes the compiler demand a guard for every action, so a new action cannot pass unchecked.
 */
export const ACTION_GUARDS: Record<DossierAction, Guard> = {
  receive: none,
  send_to_agency: (state) => {
    if (state.inTransit) return { vi: 'Hồ sơ đang được vận chuyển', en: 'The dossier is already in transit' };
    if (state.status === 'awaiting_supplement' && !state.supplementInHandover) {
      return {
        vi: 'Chưa nhận giấy tờ bổ sung tại quầy',
        en: 'No supplement papers were handed in at a counter',
      };
    }
    return null;
  },
  confirm_at_agency: (state) =>
    state.status === 'awaiting_supplement' && !(state.supplementInHandover && state.inTransit)
      ? { vi: 'Giấy tờ bổ sung không trong chuyến bàn giao', en: 'No supplement papers are on their way' }
      : null,
  receive_supplement: (state) =>
    state.supplementOpen
      ? null
      : { vi: 'Hồ sơ bổ sung đã được nhận', en: 'The supplement was already received' },
  assign: atAgencyUndecided,
  record_step: atAgencyUndecided,
  submit: atAgencyUndecided,
  forward: atAgencyUndecided,
  return_from_forward: (state) =>
    state.forwardedTo ? null : { vi: 'Hồ sơ không được chuyển đi', en: 'The dossier was not forwarded' },
  request_supplement: (state) => {
    if (state.supplementRequests > 0) {
      return {
        vi: 'Chỉ được yêu cầu bổ sung một lần (một lần đầy đủ)',
        en: 'A supplement may be requested only once, completely',
      };
    }
    return state.decision ? DECIDED : null;
  },
  return_for_rework: (state) => (state.submitted ? null : NOT_SUBMITTED),
  approve: decision,
  refuse: decision,
  record_result: (state) => {
    if (state.decision !== 'approved')
      return { vi: 'Hồ sơ chưa được phê duyệt', en: 'The dossier is not approved' };
    return state.resultRecorded
      ? { vi: 'Kết quả đã được ban hành', en: 'The result was already issued' }
      : null;
  },
  apologise: (state) =>
    state.apologies > 0
      ? { vi: 'Chỉ được hẹn lại ngày trả kết quả một lần', en: 'The appointment may be moved only once' }
      : null,
  send_to_site: (state) => {
    if (state.inTransit)
      return { vi: 'Kết quả đang được vận chuyển', en: 'The result is already in transit' };
    return state.location?.kind === 'site'
      ? { vi: 'Kết quả đã ở nơi trả', en: 'The result is already at the site' }
      : null;
  },
  confirm_at_site: (state) =>
    state.inTransit
      ? null
      : { vi: 'Kết quả không trong chuyến chuyển trả', en: 'The result is not in transit' },
  return_result: (state) =>
    state.inTransit || state.location?.kind !== 'site'
      ? { vi: 'Kết quả chưa về đến nơi trả', en: 'The result has not reached the returning site' }
      : null,
  withdraw: (state) =>
    state.decision
      ? {
          vi: 'Đã có quyết định, không thể rút hồ sơ',
          en: 'A decision was made: the dossier cannot be withdrawn',
        }
      : null,
  rate: (state) =>
    state.rated ? { vi: 'Hồ sơ đã được đánh giá', en: 'The dossier was already rated' } : null,
  note: none,
  transfer_to_successor: none,
};

/**
 * Why the action may not be taken on this state: the status does not allow it (`ALLOWED_ACTIONS`), or
 * its guard (`ACTION_GUARDS`) refuses it. Returns null when the action may be applied.
 */
export function actionProblem(state: DossierState, action: ActionRecord): Problem | null {
  if (!ALLOWED_ACTIONS[state.status].includes(action.type)) {
    return {
      vi: `Không thể "${ACTION_LABELS[action.type].vi}" khi hồ sơ đang ở trạng thái "${STATUS_LABELS[state.status].vi}"`,
      en: `Cannot do "${ACTION_LABELS[action.type].en}" while the dossier is "${STATUS_LABELS[state.status].en}"`,
    };
  }
  return ACTION_GUARDS[action.type](state, action);
}

/** Applies one action to the state (after `actionProblem` said yes). Pure. */
export function applyAction(previous: DossierState, action: ActionRecord): DossierState {
  const s: DossierState = { ...previous };
  const p = action.payload ?? {};
  switch (action.type) {
    case 'receive':
      s.status = DossierStatus.Received;
      s.receivedAt = action.at;
      s.leadAgencyId = action.agencyId ?? null;
      s.currentAgencyId = action.agencyId ?? null;
      s.returnSiteId = str(p.returnSiteId) ?? action.siteId ?? null;
      s.returnAtAgency = p.returnAtAgency === true;
      if (p.atAgency === true && action.agencyId) {
        // Received at the agency's own one-stop unit: no trip, the clock starts now.
        s.status = DossierStatus.Processing;
        s.location = { kind: 'agency', id: action.agencyId };
        s.clockStartedAt = action.at;
      } else {
        s.location = action.siteId ? { kind: 'site', id: action.siteId } : null;
      }
      break;
    case 'send_to_agency':
      s.inTransit = true;
      break;
    case 'confirm_at_agency':
      s.status = DossierStatus.Processing;
      s.inTransit = false;
      s.location = { kind: 'agency', id: action.agencyId ?? s.leadAgencyId ?? '' };
      if (s.supplementInHandover) {
        // The completed dossier reaches the agency: the processing time restarts from zero.
        s.supplementInHandover = false;
        s.clockStartedAt = action.at;
      } else {
        s.clockStartedAt ??= action.at;
      }
      break;
    case 'assign':
      s.assignedOfficerId = str(p.officerId);
      break;
    case 'submit':
      s.submitted = true;
      s.status = DossierStatus.AwaitingApproval;
      break;
    case 'return_for_rework':
      s.submitted = false;
      s.status = DossierStatus.Processing;
      break;
    case 'request_supplement':
      s.status = DossierStatus.AwaitingSupplement;
      s.supplementRequests += 1;
      s.supplementOpen = true;
      break;
    case 'receive_supplement':
      s.supplementOpen = false;
      if (action.siteId) {
        // Handed in at a post office counter: the papers travel to the agency like the first handover;
        // the dossier stays awaiting its supplement (clock stopped) until the agency confirms them.
        s.supplementInHandover = true;
        s.location = { kind: 'site', id: action.siteId };
      } else {
        s.status = DossierStatus.Processing;
        s.clockStartedAt = action.at;
      }
      break;
    case 'forward':
      s.forwardedTo = str(p.toAgencyId);
      s.currentAgencyId = s.forwardedTo ?? s.currentAgencyId;
      break;
    case 'return_from_forward':
      s.forwardedTo = null;
      s.currentAgencyId = s.leadAgencyId;
      break;
    case 'approve':
      s.decision = 'approved';
      s.status = DossierStatus.Processing;
      break;
    case 'refuse':
      s.decision = 'refused';
      s.status = DossierStatus.ResultReady;
      s.supplementOpen = false;
      s.supplementInHandover = false;
      s.resultReadyAt = action.at;
      if (s.returnAtAgency && s.returnSiteId) s.location = { kind: 'site', id: s.returnSiteId };
      break;
    case 'record_result':
      s.resultRecorded = true;
      s.status = DossierStatus.ResultReady;
      s.resultReadyAt = action.at;
      if (s.returnAtAgency && s.returnSiteId) s.location = { kind: 'site', id: s.returnSiteId };
      break;
    case 'apologise':
      s.apologies += 1;
      break;
    case 'send_to_site':
      s.inTransit = true;
      break;
    case 'confirm_at_site':
      s.inTransit = false;
      s.location = action.siteId ? { kind: 'site', id: action.siteId } : s.location;
      break;
    case 'return_result':
      s.status = DossierStatus.Returned;
      s.returnedAt = action.at;
      break;
    case 'withdraw':
      s.status = DossierStatus.Withdrawn;
      s.supplementOpen = false;
      s.supplementInHandover = false;
      break;
    case 'rate':
      s.rated = true;
      break;
    case 'transfer_to_successor': {
      const from = str(p.fromAgencyId);
      const to = str(p.toAgencyId);
      if (from && to) {
        if (s.leadAgencyId === from) s.leadAgencyId = to;
        if (s.currentAgencyId === from) s.currentAgencyId = to;
        if (s.forwardedTo === from) s.forwardedTo = to;
        if (s.location?.kind === 'agency' && s.location.id === from) s.location = { kind: 'agency', id: to };
      }
      break;
    }
    case 'record_step':
    case 'note':
      break;
  }
  return s;
}

/**
 * The state a timeline leads to. The first action must be `receive`; any action the rules refuse
 * throws, so a stored timeline that derives is a valid one.
 */
export function deriveState(actions: readonly ActionRecord[]): DossierState {
  const [first, ...rest] = actions;
  if (first?.type !== 'receive') {
    throw new LifecycleError(
      'NO_RECEIPT',
      'Hồ sơ phải bắt đầu bằng tiếp nhận',
      'A dossier starts with its receipt',
    );
  }
  let state = applyAction(initialState(), first);
  for (const action of rest) {
    // Before the awaiting-approval status, "Trình lãnh đạo" was offered again after a submission and
    // stored timelines may hold a second one: it changed nothing then and changes nothing now.
    if (action.type === 'submit' && state.status === DossierStatus.AwaitingApproval) continue;
    const problem = actionProblem(state, action);
    if (problem) throw new LifecycleError('ACTION_NOT_ALLOWED', problem.vi, problem.en);
    state = applyAction(state, action);
  }
  return state;
}

/** Which of `candidates` the state allows now (for the console's buttons). */
export function availableActions(state: DossierState, at = new Date(0).toISOString()): DossierAction[] {
  return ALLOWED_ACTIONS[state.status].filter(
    // A transfer to a successor is made by the reorganisation operation, never offered to staff.
    (type) => type !== 'transfer_to_successor' && actionProblem(state, { type, at }) === null,
  );
}

import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createWorkCalendar } from '../src/calendar/index.ts';
import {
  type ActionRecord,
  ALL_STATUSES,
  ALLOWED_ACTIONS,
  actionProblem,
  agencyDueAt,
  apologyProblem,
  appointmentAfterSupplement,
  appointmentOffWorkingTime,
  availableActions,
  citizenAppointment,
  deriveState,
  handoverDueAt,
  LifecycleError,
  postalLegDays,
  resultTiming,
  satisfactionShare,
  supplementWindowOpen,
  timeScore,
} from '../src/dossier/index.ts';

const AGENCY = 'ubnd-bu-dang';
const SITE = 'bdvhx-duc-lieu';
const at = (iso: string) => new Date(iso).toISOString();
const step = (type: ActionRecord['type'], iso: string, extra: Partial<ActionRecord> = {}): ActionRecord => ({
  type,
  at: at(iso),
  ...extra,
});

const received = step('receive', '2026-11-30T08:00:00+07:00', { agencyId: AGENCY, siteId: SITE });
const mainJob: ActionRecord[] = [
  received,
  step('send_to_agency', '2026-11-30T14:00:00+07:00'),
  step('confirm_at_agency', '2026-12-01T08:30:00+07:00', { agencyId: AGENCY }),
  step('assign', '2026-12-01T09:00:00+07:00', { payload: { officerId: 'cv.budang' } }),
  step('record_step', '2026-12-02T10:00:00+07:00'),
  step('submit', '2026-12-02T15:00:00+07:00'),
  step('approve', '2026-12-03T09:00:00+07:00'),
  step('record_result', '2026-12-03T10:00:00+07:00'),
  step('send_to_site', '2026-12-03T14:00:00+07:00'),
  step('confirm_at_site', '2026-12-04T09:00:00+07:00', { siteId: SITE }),
  step('return_result', '2026-12-04T10:00:00+07:00'),
  step('rate', '2026-12-04T10:05:00+07:00'),
];

describe('dossier lifecycle', () => {
  it('has a row of allowed actions for every status', () => {
    for (const status of ALL_STATUSES) assert.ok(ALLOWED_ACTIONS[status].length > 0, status);
  });

  it('walks the main job from the Đức Liễu counter to the rating', () => {
    const statuses = mainJob.map((_, i) => deriveState(mainJob.slice(0, i + 1)).status);
    assert.deepEqual(statuses, [
      'received',
      'received',
      'processing',
      'processing',
      'processing',
      'awaiting_approval',
      'processing',
      'result_ready',
      'result_ready',
      'result_ready',
      'returned',
      'returned',
    ]);
    const state = deriveState(mainJob);
    assert.equal(state.assignedOfficerId, 'cv.budang');
    assert.equal(state.decision, 'approved');
    assert.equal(state.clockStartedAt, at('2026-12-01T08:30:00+07:00'));
    assert.equal(state.rated, true);
  });

  it('marks a dossier in transit between the counter and the agency', () => {
    const state = deriveState(mainJob.slice(0, 2));
    assert.equal(state.inTransit, true);
    assert.deepEqual(state.location, { kind: 'site', id: SITE });
  });

  it('starts the clock at receipt when received at the agency’s own one-stop unit', () => {
    const state = deriveState([{ ...received, payload: { atAgency: true } }]);
    assert.equal(state.status, 'processing');
    assert.equal(state.clockStartedAt, received.at);
  });

  it('has the result at the counter at once when the returning site is the agency’s own one-stop unit', () => {
    const local: ActionRecord[] = [
      { ...received, payload: { atAgency: true, returnAtAgency: true, returnSiteId: 'mc-bu-dang' } },
      step('submit', '2026-11-30T10:00:00+07:00'),
      step('approve', '2026-11-30T11:00:00+07:00'),
      step('record_result', '2026-11-30T14:00:00+07:00'),
    ];
    const state = deriveState(local);
    assert.deepEqual(state.location, { kind: 'site', id: 'mc-bu-dang' });
    assert.equal(actionProblem(state, step('return_result', '2026-11-30T15:00:00+07:00')), null);
  });

  it('refuses a timeline that does not start with the receipt', () => {
    assert.throws(() => deriveState([step('approve', '2026-12-01T08:00:00+07:00')]), LifecycleError);
  });

  it('allows one supplement request only and restarts the clock when it is answered', () => {
    const base = mainJob.slice(0, 4);
    const asked = [...base, step('request_supplement', '2026-12-01T10:00:00+07:00')];
    assert.equal(deriveState(asked).status, 'awaiting_supplement');
    const answered = [...asked, step('receive_supplement', '2026-12-07T09:00:00+07:00')];
    const state = deriveState(answered);
    assert.equal(state.status, 'processing');
    assert.equal(state.clockStartedAt, at('2026-12-07T09:00:00+07:00'));
    const again = actionProblem(state, step('request_supplement', '2026-12-07T10:00:00+07:00'));
    assert.match(again?.vi ?? '', /một lần/);
  });

  it('carries a supplement handed in at the post office to the agency; the clock restarts on its arrival', () => {
    const asked = [...mainJob.slice(0, 4), step('request_supplement', '2026-12-01T10:00:00+07:00')];
    assert.ok(actionProblem(deriveState(asked), step('send_to_agency', '2026-12-01T11:00:00+07:00')));
    const handedIn = [
      ...asked,
      step('receive_supplement', '2026-12-07T09:00:00+07:00', {
        siteId: SITE,
        payload: { items: ['Bản sao hợp đồng thuê nhà'] },
      }),
    ];
    const atCounter = deriveState(handedIn);
    assert.equal(atCounter.status, 'awaiting_supplement', 'the clock stays stopped at the counter');
    assert.equal(atCounter.supplementInHandover, true);
    assert.deepEqual(atCounter.location, { kind: 'site', id: SITE });
    assert.equal(atCounter.clockStartedAt, at('2026-12-01T08:30:00+07:00'));
    assert.ok(actionProblem(atCounter, step('receive_supplement', '2026-12-07T10:00:00+07:00')));
    assert.ok(actionProblem(atCounter, step('confirm_at_agency', '2026-12-07T10:00:00+07:00')));
    const sent = [...handedIn, step('send_to_agency', '2026-12-07T14:00:00+07:00')];
    assert.equal(deriveState(sent).inTransit, true);
    const arrived = deriveState([
      ...sent,
      step('confirm_at_agency', '2026-12-08T08:30:00+07:00', { agencyId: AGENCY }),
    ]);
    assert.equal(arrived.status, 'processing');
    assert.equal(arrived.supplementInHandover, false);
    assert.equal(arrived.clockStartedAt, at('2026-12-08T08:30:00+07:00'));
    assert.deepEqual(arrived.location, { kind: 'agency', id: AGENCY });
  });

  it('needs a submission before approval and forbids a second decision', () => {
    const atAgency = mainJob.slice(0, 4);
    assert.ok(actionProblem(deriveState(atAgency), step('approve', '2026-12-02T09:00:00+07:00')));
    const approved = mainJob.slice(0, 7);
    assert.ok(actionProblem(deriveState(approved), step('refuse', '2026-12-03T10:00:00+07:00')));
  });

  it('waits for approval after the submission: no second submission, the leader approves or returns it', () => {
    const submitted = deriveState(mainJob.slice(0, 6));
    assert.equal(submitted.status, 'awaiting_approval');
    const offered = availableActions(submitted);
    assert.ok(!offered.includes('submit'), 'submit is not offered again');
    assert.ok(
      offered.includes('approve') && offered.includes('return_for_rework') && offered.includes('refuse'),
    );
    assert.match(
      actionProblem(submitted, step('submit', '2026-12-02T16:00:00+07:00'))?.vi ?? '',
      /Chờ phê duyệt/,
    );
    assert.ok(actionProblem(submitted, step('record_result', '2026-12-02T16:00:00+07:00')));
    const returned = deriveState([
      ...mainJob.slice(0, 6),
      step('return_for_rework', '2026-12-02T16:00:00+07:00', {
        payload: { reason: 'Thiếu ý kiến xác minh' },
      }),
    ]);
    assert.equal(returned.status, 'processing');
    assert.equal(returned.submitted, false);
    assert.ok(availableActions(returned).includes('submit'));
    assert.ok(!availableActions(returned).includes('approve'));
    const approved = deriveState(mainJob.slice(0, 7));
    assert.equal(approved.status, 'processing');
    assert.deepEqual(
      availableActions(approved).filter((a) => a === 'submit' || a === 'approve' || a === 'record_result'),
      ['record_result'],
    );
  });

  it('still derives a stored timeline with the second submission the earlier rules allowed', () => {
    const twice = [...mainJob.slice(0, 6), step('submit', '2026-12-02T15:05:00+07:00'), mainJob[6]!];
    const state = deriveState(twice);
    assert.equal(state.decision, 'approved');
    assert.equal(state.status, 'processing');
  });

  it('refuses a return for rework of a dossier that was not submitted', () => {
    const atAgency = deriveState(mainJob.slice(0, 4));
    assert.ok(actionProblem(atAgency, step('return_for_rework', '2026-12-02T09:00:00+07:00')));
  });

  it('lets the applicant withdraw before a decision but not after', () => {
    assert.equal(
      deriveState([...mainJob.slice(0, 3), step('withdraw', '2026-12-01T10:00:00+07:00')]).status,
      'withdrawn',
    );
    const problem = actionProblem(
      deriveState(mainJob.slice(0, 7)),
      step('withdraw', '2026-12-03T10:00:00+07:00'),
    );
    assert.match(problem?.en ?? '', /decision/);
  });

  it('moves the appointment only once', () => {
    const once = [...mainJob.slice(0, 4), step('apologise', '2026-12-02T09:00:00+07:00')];
    assert.ok(actionProblem(deriveState(once), step('apologise', '2026-12-03T09:00:00+07:00')));
  });

  it('makes a refusal the result that goes back to the applicant', () => {
    const refused = [
      ...mainJob.slice(0, 4),
      step('refuse', '2026-12-02T09:00:00+07:00', { payload: { reasons: ['x'] } }),
    ];
    const state = deriveState(refused);
    assert.equal(state.status, 'result_ready');
    assert.equal(state.decision, 'refused');
    assert.deepEqual(availableActions(state), ['send_to_site', 'note']);
  });

  it('does not return a result that has not reached the returning site', () => {
    const inTransit = deriveState(mainJob.slice(0, 9));
    assert.ok(actionProblem(inTransit, step('return_result', '2026-12-03T15:00:00+07:00')));
  });

  it('rejects a rating before the result is returned and a second rating', () => {
    assert.ok(actionProblem(deriveState(mainJob.slice(0, 8)), step('rate', '2026-12-03T11:00:00+07:00')));
    assert.ok(actionProblem(deriveState(mainJob), step('rate', '2026-12-04T11:00:00+07:00')));
  });
});

describe('dossier deadlines', () => {
  const cal = createWorkCalendar();
  const commune = { districtId: '696', provinceId: '70' };

  it('sets the postal targets of QĐ 45/2016: J+1 district, J+2 province, J+4 between provinces, doubled with a slip', () => {
    assert.equal(postalLegDays(commune, { districtId: '696', provinceId: '70' }), 1);
    assert.equal(postalLegDays(commune, { districtId: null, provinceId: '70' }), 2);
    assert.equal(postalLegDays(commune, { districtId: '760', provinceId: '79' }), 4);
    assert.equal(postalLegDays(commune, { districtId: '760', provinceId: '79' }, { classICities: true }), 3);
    assert.equal(
      postalLegDays(commune, { districtId: '696', provinceId: '70' }, { withAppointmentSlip: true }),
      2,
    );
    assert.equal(postalLegDays(commune, commune, { sameSpot: true }), 0);
  });

  it('adds the postal legs to the citizen’s appointment', () => {
    const receivedAt = new Date('2026-11-30T08:00:00+07:00'); // Monday
    const processing = { unit: 'working_days' as const, amount: 3 };
    const direct = citizenAppointment(cal, { receivedAt, processing, outboundLegDays: 0, returnLegDays: 0 });
    assert.equal(direct.toISOString(), new Date('2026-12-03T08:00:00+07:00').toISOString());
    const postal = citizenAppointment(cal, { receivedAt, processing, outboundLegDays: 1, returnLegDays: 1 });
    assert.equal(postal.toISOString(), new Date('2026-12-07T08:00:00+07:00').toISOString());
  });

  it('counts the pension-style procedures in calendar days excluding holidays', () => {
    const due = agencyDueAt(cal, new Date('2026-11-30T08:00:00+07:00'), {
      unit: 'calendar_days_excl_holidays',
      amount: 20,
    });
    assert.equal(due.toISOString(), new Date('2026-12-21T17:00:00+07:00').toISOString());
  });

  it('makes the handover due at the start of the next working day after 15:00', () => {
    const early = handoverDueAt(cal, new Date('2026-12-04T10:00:00+07:00')); // Friday morning
    const late = handoverDueAt(cal, new Date('2026-12-04T15:30:00+07:00')); // Friday after 15:00
    assert.equal(early.toISOString(), new Date('2026-12-04T17:00:00+07:00').toISOString());
    assert.equal(late.toISOString(), new Date('2026-12-07T07:00:00+07:00').toISOString());
  });

  it('settles a within-the-day procedure received at 08:00 the same day, and the next day after the cut-off', () => {
    const morning = agencyDueAt(cal, new Date('2026-12-03T08:00:00+07:00'), {
      unit: 'within_day',
      amount: 0,
    });
    assert.equal(morning.toISOString(), new Date('2026-12-03T17:00:00+07:00').toISOString());
    const afternoon = agencyDueAt(cal, new Date('2026-12-03T15:30:00+07:00'), {
      unit: 'within_day',
      amount: 0,
    });
    assert.equal(afternoon.toISOString(), new Date('2026-12-04T17:00:00+07:00').toISOString());
    const ownCutoff = agencyDueAt(cal, new Date('2026-12-03T15:30:00+07:00'), {
      unit: 'within_day',
      amount: 0,
      cutoff: '16:00',
    });
    assert.equal(ownCutoff.toISOString(), new Date('2026-12-03T17:00:00+07:00').toISOString());
  });

  it('refuses an appointment outside working time and offers the next possible instant', () => {
    const sunday = appointmentOffWorkingTime(cal, new Date('2026-12-06T09:00:00+07:00'));
    assert.ok(sunday);
    assert.equal(sunday.nextPossible.toISOString(), new Date('2026-12-07T07:00:00+07:00').toISOString());
    assert.match(sunday.vi, /07:00 07\/12\/2026/);
    assert.equal(appointmentOffWorkingTime(cal, new Date('2026-12-07T17:00:00+07:00')), null);
  });

  it('restarts the clock after a supplement from the arrival at the agency, adding the postal legs again', () => {
    const processing = { unit: 'working_days' as const, amount: 5 };
    // First appointment: received Mon 30/11 09:00 at a commune post office, 2 days each way.
    const first = citizenAppointment(cal, {
      receivedAt: new Date('2026-11-30T09:00:00+07:00'),
      processing,
      outboundLegDays: 2,
      returnLegDays: 2,
    });
    assert.equal(first.toISOString(), new Date('2026-12-11T09:00:00+07:00').toISOString());
    // Supplement handed in at the same post office on Fri 04/12 10:00: 2 + 5 + 2 working days again.
    const post = appointmentAfterSupplement(cal, {
      receivedAt: new Date('2026-12-04T10:00:00+07:00'),
      processing,
      outboundLegDays: 2,
      returnLegDays: 2,
      previousAppointment: first,
    });
    assert.equal(post.arrivesAtAgency.toISOString(), new Date('2026-12-08T10:00:00+07:00').toISOString());
    assert.equal(post.appointment.toISOString(), new Date('2026-12-17T10:00:00+07:00').toISOString());
    assert.equal(post.moved, 'later');
    // The same papers handed in at the agency itself: no outbound leg.
    const desk = appointmentAfterSupplement(cal, {
      receivedAt: new Date('2026-12-04T10:00:00+07:00'),
      processing,
      outboundLegDays: 0,
      returnLegDays: 2,
    });
    assert.equal(desk.appointment.toISOString(), new Date('2026-12-15T10:00:00+07:00').toISOString());
    // A within-the-day procedure can move EARLIER than the first appointment.
    const quick = appointmentAfterSupplement(cal, {
      receivedAt: new Date('2026-12-01T08:00:00+07:00'),
      processing: { unit: 'within_day', amount: 0 },
      outboundLegDays: 0,
      returnLegDays: 0,
      previousAppointment: new Date('2026-12-02T17:00:00+07:00'),
    });
    assert.equal(quick.moved, 'earlier');
  });

  it('closes the supplement window after 3 working days at the agency', () => {
    const start = new Date('2026-12-01T08:30:00+07:00');
    assert.equal(supplementWindowOpen(cal, start, new Date('2026-12-04T08:30:00+07:00')), true);
    assert.equal(supplementWindowOpen(cal, start, new Date('2026-12-04T09:00:00+07:00')), false);
  });

  it('requires the apology a working day ahead and a later new appointment', () => {
    const currentDue = new Date('2026-12-10T17:00:00+07:00');
    const later = new Date('2026-12-15T17:00:00+07:00');
    assert.equal(
      apologyProblem(cal, { now: new Date('2026-12-09T16:00:00+07:00'), currentDue, newAppointment: later }),
      null,
    );
    assert.ok(
      apologyProblem(cal, { now: new Date('2026-12-10T08:00:00+07:00'), currentDue, newAppointment: later }),
    );
    assert.ok(
      apologyProblem(cal, {
        now: new Date('2026-12-08T08:00:00+07:00'),
        currentDue,
        newAppointment: currentDue,
      }),
    );
  });

  it('classes results before, on and after the appointment and scores the time indicator', () => {
    const due = new Date('2026-12-10T17:00:00+07:00');
    assert.equal(resultTiming(new Date('2026-12-09T10:00:00+07:00'), due), 'early');
    assert.equal(resultTiming(new Date('2026-12-10T16:00:00+07:00'), due), 'on_time');
    assert.equal(resultTiming(new Date('2026-12-11T08:00:00+07:00'), due), 'late');
    assert.deepEqual(
      ['early', 'on_time', 'late'].map((t) => timeScore(t as 'early')),
      [2, 1, 0],
    );
  });

  it('computes the satisfaction share over rated criteria', () => {
    assert.equal(satisfactionShare({}), null);
    assert.equal(satisfactionShare({ staff_attitude: 2, explanations: 1 }), 0.75);
  });
});

describe('transfer to a successor agency (reorganisation)', () => {
  const SUCCESSOR = 'ubnd-xa-bu-dang';
  const transfer = step('transfer_to_successor', '2025-07-01T07:00:00+07:00', {
    agencyId: SUCCESSOR,
    payload: { fromAgencyId: AGENCY, toAgencyId: SUCCESSOR },
  });

  it('moves lead, current agency and location of a dossier at the agency, and nothing else', () => {
    const before = deriveState(mainJob.slice(0, 4));
    const after = deriveState([...mainJob.slice(0, 4), transfer]);
    assert.equal(after.leadAgencyId, SUCCESSOR);
    assert.equal(after.currentAgencyId, SUCCESSOR);
    assert.deepEqual(after.location, { kind: 'agency', id: SUCCESSOR });
    assert.equal(after.status, before.status);
    assert.equal(after.clockStartedAt, before.clockStartedAt);
    assert.equal(after.assignedOfficerId, before.assignedOfficerId);
  });

  it('is refused once the dossier is returned', () => {
    const returned = deriveState(mainJob.slice(0, 11));
    assert.ok(actionProblem(returned, transfer));
  });
});

import { ALL_CRITERIA } from '@motcua/core';
import { type Static, Type } from 'typebox';
import { Nullable } from '../../http/schemas.ts';

/** The dossier code in the path of the code lookup (`GET /api/v1/public/lookup/:code`). */
export const LookupParams = Type.Object({
  code: Type.String({ minLength: 1, maxLength: 60, description: 'Mã hồ sơ on the receipt (Mẫu 01)' }),
});

/** Header carrying the check digits: kept out of the URL, so out of access logs and browser history. */
export const VERIFIER_HEADER = 'x-verifier';

/** Lenient on purpose: a malformed verifier gets the same 404 (and log row) as a wrong one. */
export const LookupHeaders = Type.Object({
  [VERIFIER_HEADER]: Type.String({
    minLength: 1,
    maxLength: 30,
    description: 'Last 4 digits of the applicant’s phone number or of their citizen ID',
  }),
});

export const TokenParams = Type.Object({ token: Type.String({ minLength: 1, maxLength: 100 }) });

const Bilingual = Type.Object({ vi: Type.String(), en: Type.String() });

export const PublicTimelineEntry = Type.Object({
  label: Type.String({ description: 'ACTION_LABELS[type].vi' }),
  labelEn: Type.String(),
  at: Type.String({ description: 'ISO-8601 instant' }),
  place: Nullable(Type.String({ description: 'Name of the site or agency, never a person' })),
});

const Score = Type.Union([Type.Literal(0), Type.Literal(1), Type.Literal(2)]);

/** What anyone holding the receipt may see: no names of people, no phone, ID number or address. */
export const PublicDossierView = Type.Object(
  {
    code: Type.String(),
    /** The receipt's QR token; the citizen page uses it for the rating. */
    lookupToken: Type.String(),
    procedureName: Type.String(),
    applicantInitials: Type.String({ description: 'e.g. N.T.Á. for Nguyễn Thị Ánh' }),
    status: Type.String(),
    statusLabel: Bilingual,
    location: Type.Object({
      kind: Type.Union([
        Type.Literal('site'),
        Type.Literal('agency'),
        Type.Literal('in_transit'),
        Type.Null(),
      ]),
      name: Nullable(Type.String()),
      label: Bilingual,
    }),
    receivedAt: Type.String(),
    appointmentAt: Type.String(),
    originalAppointmentAt: Nullable(Type.String({ description: 'Set only when the appointment was moved' })),
    clock: Type.Object({
      running: Type.Boolean(),
      overdue: Type.Boolean(),
      nearingDue: Type.Boolean(),
      leftWorkingDays: Type.Integer(),
      leftWorkingHours: Type.Integer(),
      overdueWorkingDays: Type.Integer(),
      overdueWorkingHours: Type.Integer(),
      text: Nullable(Bilingual),
    }),
    supplement: Nullable(
      Type.Object(
        {
          requestedAt: Type.String(),
          items: Type.Array(Type.String(), { description: 'the papers asked for (Mẫu 02)' }),
          reason: Type.String(),
          dueDate: Nullable(Type.String({ description: 'YYYY-MM-DD, when the agency set one' })),
          place: Type.Object({
            name: Type.String({ description: 'the receiving site, where to bring the papers' }),
            address: Type.String(),
          }),
          handedIn: Nullable(
            Type.Object(
              { at: Type.String(), place: Nullable(Type.String()) },
              {
                description: 'the papers were handed in at a counter and are on their way to the agency',
              },
            ),
          ),
          text: Bilingual,
        },
        { description: 'Set while the dossier awaits its supplement: what to bring, by when, where' },
      ),
    ),
    apology: Nullable(
      Type.Object({
        at: Type.String(),
        reason: Type.String(),
        previousAppointmentAt: Nullable(Type.String()),
        newAppointmentAt: Nullable(Type.String()),
      }),
    ),
    supplementClock: Nullable(
      Type.Object(
        {
          handedInAt: Type.String({ description: 'when the complete papers were handed in' }),
          previousAppointmentAt: Nullable(Type.String()),
          newAppointmentAt: Nullable(Type.String()),
          moved: Nullable(Type.Union([Type.Literal('earlier'), Type.Literal('later'), Type.Literal('same')])),
          text: Bilingual,
        },
        {
          description:
            'Why the appointment changed after a supplement: the time limit restarts when the complete dossier reaches the agency',
        },
      ),
    ),
    result: Nullable(
      Type.Object({
        available: Type.Boolean(),
        returned: Type.Boolean(),
        decision: Nullable(Type.Union([Type.Literal('approved'), Type.Literal('refused')])),
        returnMethod: Type.Union([Type.Literal('counter'), Type.Literal('postal')]),
        place: Nullable(Type.String()),
        text: Bilingual,
      }),
    ),
    timeline: Type.Array(PublicTimelineEntry),
    delivery: Nullable(
      Type.Object({
        itemNumber: Type.String({ description: 'UPU S10 number of the result sent by post' }),
        status: Type.String(),
        statusLabel: Bilingual,
        canChange: Type.Boolean({
          description: 'the address or the counter choice can still change (not dispatched)',
        }),
        events: Type.Array(
          Type.Object({ label: Bilingual, at: Type.String(), reason: Nullable(Type.String()) }),
        ),
      }),
    ),
    canRate: Type.Boolean(),
    rated: Type.Boolean(),
    ratingCriteria: Type.Array(Type.Object({ criterion: Type.String(), label: Bilingual }), {
      description: 'The criteria of the rating form, only while `canRate` (empty otherwise)',
    }),
  },
  { $id: 'PublicDossierView', title: 'PublicDossierView' },
);
export type PublicDossierView = Static<typeof PublicDossierView>;

export const RatingBody = Type.Object({
  scores: Type.Object(Object.fromEntries(ALL_CRITERIA.map((c) => [c, Type.Optional(Score)])), {
    additionalProperties: false,
    minProperties: 1,
    description: 'Each criterion 2 (good), 1 (acceptable) or 0 (poor), TT 01/2018 Art. 13–14',
  }),
  comment: Type.Optional(Type.String({ maxLength: 1000 })),
});
export type RatingBody = Static<typeof RatingBody>;

export const RatingResult = Type.Object({
  code: Type.String(),
  share: Nullable(Type.Number({ description: 'Share of the maximum score, 0..1' })),
  at: Type.String(),
});

import { Type } from 'typebox';
import { IsoDate, Nullable } from '../../http/schemas.ts';
import { ClientTx } from '../dossiers/schema.ts';

const Dong = Type.Integer({ minimum: 1, maximum: 9_000_000_000_000, description: 'Integer đồng, > 0' });
const Kind = Type.Union([
  Type.Literal('cash_drawer'),
  Type.Literal('office'),
  Type.Literal('programme'),
  Type.Literal('counterpart'),
]);
export const ProgrammeKind = Type.Union([
  Type.Literal('pension'),
  Type.Literal('benefit'),
  Type.Literal('voluntary_si'),
  Type.Literal('household_hi'),
  Type.Literal('traffic_fines'),
]);
const CounterpartKind = Type.Union([Type.Literal('social_insurance_agency'), Type.Literal('state_treasury')]);

export const OfficeParams = Type.Object({ officeId: Type.String({ minLength: 1, maxLength: 64 }) });

export const CounterpartSchema = Type.Object({
  id: Type.String(),
  code: Type.String(),
  name: Type.String(),
  kind: CounterpartKind,
  accountNo: Nullable(Type.String()),
});
export const CounterpartCreate = Type.Object({
  code: Type.String({ minLength: 2, maxLength: 40, pattern: '^[A-Za-z0-9._-]+$' }),
  name: Type.String({ minLength: 1, maxLength: 300 }),
  kind: CounterpartKind,
  accountNo: Type.Optional(Nullable(Type.String({ maxLength: 60 }))),
});

export const LedgerSetup = Type.Object({
  socialInsuranceAgencyId: Type.String({ minLength: 1, maxLength: 64 }),
  stateTreasuryId: Type.String({ minLength: 1, maxLength: 64 }),
  drawers: Type.Array(Type.String({ minLength: 1, maxLength: 80 }), { minItems: 1, maxItems: 50 }),
});

export const OfficeLedgerSchema = Type.Object({
  officeId: Type.String(),
  until: Nullable(Type.String()),
  accounts: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: Kind,
      purpose: Type.String(),
      name: Type.String(),
      drawerId: Nullable(Type.String()),
      programmeId: Nullable(Type.String()),
      counterpartId: Nullable(Type.String()),
      debits: Type.Integer(),
      credits: Type.Integer(),
      balance: Type.Integer({ description: 'Debits − credits (positive: debit balance)' }),
    }),
  ),
  programmes: Type.Array(
    Type.Object({
      id: Type.String(),
      kind: ProgrammeKind,
      counterpartId: Type.String(),
      accountId: Nullable(Type.String()),
    }),
  ),
  drawers: Type.Array(
    Type.Object({ id: Type.String(), name: Type.String(), accountId: Nullable(Type.String()) }),
  ),
});

export const UntilQuery = Type.Object({ until: Type.Optional(IsoDate) });

export const PostingSchema = Type.Object({
  id: Type.String(),
  officeId: Type.String(),
  postedOn: Type.String(),
  operation: Type.String(),
  reversalOf: Nullable(Type.String()),
  memo: Nullable(Type.String()),
  clientTxId: Type.String(),
  entries: Type.Array(
    Type.Object({
      accountId: Type.String(),
      side: Type.Union([Type.Literal('debit'), Type.Literal('credit')]),
      amount: Type.Integer(),
    }),
  ),
  replayed: Type.Boolean({ description: 'True when this client transaction id had already been posted' }),
});

export const FundingBody = Type.Object({
  clientTxId: ClientTx,
  amount: Dong,
  memo: Type.Optional(Type.String({ maxLength: 500 })),
});
export const FloatBody = Type.Object({
  clientTxId: ClientTx,
  direction: Type.Union([Type.Literal('in'), Type.Literal('out')]),
  amount: Dong,
  memo: Type.Optional(Type.String({ maxLength: 500 })),
});
export const ReversalBody = Type.Object({
  clientTxId: ClientTx,
  reason: Type.String({ minLength: 3, maxLength: 500 }),
});

export const StatementQuery = Type.Object({ from: IsoDate, until: IsoDate });
export const StatementSchema = Type.Object({
  accountId: Type.String(),
  officeId: Type.String(),
  name: Type.String(),
  kind: Kind,
  from: Type.String(),
  until: Type.String(),
  opening: Type.Integer(),
  lines: Type.Array(
    Type.Object({
      postingId: Type.String(),
      postedOn: Type.String(),
      operation: Type.String(),
      debit: Type.Integer(),
      credit: Type.Integer(),
      balance: Type.Integer(),
      reversalOf: Nullable(Type.String()),
      memo: Nullable(Type.String()),
    }),
  ),
  totalDebits: Type.Integer(),
  totalCredits: Type.Integer(),
  closing: Type.Integer(),
});

export const TrialBalanceQuery = Type.Object({
  officeId: Type.Optional(Type.String({ minLength: 1, maxLength: 64 })),
  until: Type.Optional(IsoDate),
});
export const TrialBalanceSchema = Type.Object({
  until: Nullable(Type.String()),
  accounts: Type.Array(
    Type.Object({
      accountId: Type.String(),
      officeId: Type.String(),
      name: Type.String(),
      kind: Kind,
      debits: Type.Integer(),
      credits: Type.Integer(),
      balance: Type.Integer(),
    }),
  ),
  totalDebits: Type.Integer(),
  totalCredits: Type.Integer(),
  balanced: Type.Boolean(),
});

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

const Period = Type.String({ pattern: '^\\d{4}-(0[1-9]|1[0-2])$', description: 'YYYY-MM' });

export const ImportQuery = Type.Object({
  period: Period,
  fileName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  skipBadRows: Type.Optional(Type.Boolean({ default: false })),
});

const Message = Type.Object({ vi: Type.String(), en: Type.String() });

export const PreviewSchema = Type.Object({
  period: Type.String(),
  rowsTotal: Type.Integer(),
  rowsValid: Type.Integer(),
  rowsInvalid: Type.Integer(),
  totalAmount: Type.Integer(),
  unknownColumns: Type.Array(Type.String()),
  errors: Type.Array(
    Type.Object({
      rowNumber: Type.Integer(),
      field: Type.String(),
      column: Nullable(Type.String()),
      value: Type.String(),
      code: Type.String(),
      message: Message,
    }),
  ),
  errorsTruncated: Type.Boolean(),
  sample: Type.Array(
    Type.Object({
      rowNumber: Type.Integer(),
      name: Type.String(),
      citizenId: Type.String(),
      amount: Type.Integer(),
      payoutPoint: Type.String(),
      proxyName: Nullable(Type.String()),
    }),
  ),
});

const ListFields = {
  id: Type.String(),
  programmeId: Type.String(),
  officeId: Type.String(),
  period: Type.String(),
  fileName: Type.String(),
  status: Type.Union([Type.Literal('imported'), Type.Literal('closed')]),
  rowsTotal: Type.Integer(),
  rowsImported: Type.Integer(),
  rowsSkipped: Type.Integer(),
  totalAmount: Type.Integer(),
  createdAt: Type.String(),
  closedAt: Nullable(Type.String()),
  alreadyImported: Type.Boolean({ description: 'True when this file had already been imported' }),
};
export const PayoutListSchema = Type.Object(ListFields);
export const PayoutListDetailSchema = Type.Object({
  ...ListFields,
  byStatus: Type.Array(Type.Object({ status: Type.String(), lines: Type.Integer(), amount: Type.Integer() })),
});

const LineStatus = Type.Union([
  Type.Literal('unpaid'),
  Type.Literal('paid'),
  Type.Literal('returned'),
  Type.Literal('cancelled'),
]);
export const PayoutLineSchema = Type.Object({
  id: Type.String(),
  listId: Type.String(),
  programmeId: Type.String(),
  officeId: Type.String(),
  period: Type.String(),
  rowNumber: Type.Integer(),
  name: Type.String(),
  citizenId: Type.String(),
  birthDate: Nullable(Type.String()),
  benefitKind: Nullable(Type.String()),
  amount: Type.Integer(),
  payoutPoint: Type.String(),
  address: Nullable(Type.String()),
  proxy: Nullable(
    Type.Object({
      name: Type.String(),
      citizenId: Nullable(Type.String()),
      authorisedOn: Nullable(Type.String()),
      expiresOn: Nullable(Type.String()),
    }),
  ),
  status: LineStatus,
});

export const LineQuery = Type.Object({
  officeId: Type.String({ minLength: 1, maxLength: 64 }),
  q: Type.Optional(
    Type.String({ maxLength: 100, description: 'Citizen ID (digits) or name, with or without diacritics' }),
  ),
  period: Type.Optional(Period),
  status: Type.Optional(LineStatus),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
});

export const PaymentBody = Type.Object({
  clientTxId: ClientTx,
  drawerId: Type.String({ minLength: 1, maxLength: 64 }),
  payee: Type.Union([Type.Literal('beneficiary'), Type.Literal('proxy')]),
  payeeCitizenId: Type.String({ minLength: 9, maxLength: 20, description: 'Read from the payee’s card' }),
  identityChecked: Type.Boolean({ description: 'The clerk compared the card with the person' }),
  proxyAuthorisation: Type.Optional(
    Type.Object({
      madeOn: Type.Optional(Nullable(IsoDate)),
      expiresOn: Type.Optional(Nullable(IsoDate)),
      certified: Type.Boolean(),
    }),
  ),
});

export const PaymentSchema = Type.Object({
  id: Type.String(),
  line: PayoutLineSchema,
  drawerId: Type.String(),
  channel: Type.String(),
  payee: Type.String(),
  payeeName: Type.String(),
  payeeCitizenId: Type.String(),
  identityChecked: Type.Boolean(),
  amount: Type.Integer(),
  paidAt: Type.String(),
  paidOn: Type.String(),
  postingId: Type.String(),
  clientTxId: Type.String(),
  replayed: Type.Boolean(),
});

export const ReceiptSchema = Type.Object({
  receiptNo: Type.String(),
  title: Type.String(),
  officeName: Type.String(),
  officeAddress: Type.String(),
  period: Type.String(),
  beneficiaryName: Type.String(),
  beneficiaryCitizenId: Type.String(),
  payee: Type.String(),
  payeeName: Type.String(),
  payeeCitizenId: Type.String(),
  amount: Type.Integer(),
  amountInWords: Type.String(),
  paidAt: Type.String(),
  clerkName: Type.String(),
  postingId: Type.String(),
});

export const CloseBody = Type.Object({ clientTxId: ClientTx });
export const ReconciliationSchema = Type.Object({
  listId: Type.String(),
  officeId: Type.String(),
  officeName: Type.String(),
  period: Type.String(),
  linesPaid: Type.Integer(),
  amountPaid: Type.Integer(),
  linesReturned: Type.Integer(),
  amountReturned: Type.Integer(),
  settlementPostingId: Nullable(Type.String()),
  returnPostingId: Nullable(Type.String()),
  closedAt: Type.String(),
});

const CollectionCommon = {
  clientTxId: ClientTx,
  drawerId: Type.String({ minLength: 1, maxLength: 64 }),
  payer: Type.Object({
    name: Type.String({ minLength: 1, maxLength: 200 }),
    citizenId: Type.Optional(Nullable(Type.String({ maxLength: 20 }))),
  }),
};
export const CollectionBody = Type.Union([
  Type.Object({
    ...CollectionCommon,
    kind: Type.Literal('voluntary_si'),
    participantCode: Type.String({ pattern: '^\\d{10}$', description: 'Mã số BHXH' }),
    declaredIncome: Type.Integer({ minimum: 1, maximum: 1_000_000_000 }),
    mode: Type.Union([
      Type.Literal('monthly'),
      Type.Literal('every_3_months'),
      Type.Literal('every_6_months'),
      Type.Literal('every_12_months'),
      Type.Literal('future_years'),
      Type.Literal('missing_years'),
    ]),
    months: Type.Optional(Type.Integer({ minimum: 1, maximum: 600 })),
    supportGroups: Type.Optional(
      Type.Array(
        Type.Union([
          Type.Literal('poor'),
          Type.Literal('near_poor'),
          Type.Literal('ethnic_minority'),
          Type.Literal('island'),
          Type.Literal('other'),
        ]),
        { maxItems: 5 },
      ),
    ),
    supportMonthsUsed: Type.Optional(Type.Integer({ minimum: 0, maximum: 1200 })),
    monthlyFundReturn: Type.Optional(Type.String({ pattern: '^0\\.\\d{1,8}$' })),
  }),
  Type.Object({
    ...CollectionCommon,
    kind: Type.Literal('household_hi'),
    householdCode: Type.String({ minLength: 1, maxLength: 40 }),
    memberCount: Type.Integer({ minimum: 1, maximum: 100 }),
    months: Type.Integer({ minimum: 1, maximum: 12 }),
    stateSupported: Type.Optional(Type.Boolean()),
  }),
  Type.Object({
    ...CollectionCommon,
    kind: Type.Literal('traffic_fine'),
    issuer: Type.String({ minLength: 1, maxLength: 200, description: 'Cơ quan ra quyết định' }),
    decisionNo: Type.String({ minLength: 1, maxLength: 60 }),
    decisionDate: IsoDate,
    receivedOn: Type.Optional(Nullable(IsoDate)),
    termDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 365 })),
    fineAmount: Type.Integer({ minimum: 1, maximum: 9_000_000_000 }),
  }),
]);

export const CollectionSchema = Type.Object({
  id: Type.String(),
  officeId: Type.String(),
  drawerId: Type.String(),
  kind: Type.String(),
  payerName: Type.String(),
  payerCitizenId: Nullable(Type.String()),
  reference: Type.String(),
  amount: Type.Integer(),
  breakdown: Type.Unknown({ description: 'The core’s computation (contribution, support, surcharge…)' }),
  postingId: Type.String(),
  receiptNo: Type.String(),
  clientTxId: Type.String(),
  collectedAt: Type.String(),
  replayed: Type.Boolean(),
});

export const ApprovalBody = Type.Object({ clientTxId: ClientTx });
export const ReversalRequestSchema = Type.Object({
  id: Type.String(),
  postingId: Type.String(),
  officeId: Type.String(),
  reason: Type.String(),
  requestedBy: Type.String(),
  requestedAt: Type.String(),
  approvedBy: Nullable(Type.String()),
  approvedAt: Nullable(Type.String()),
  reversalPostingId: Nullable(Type.String()),
  status: Type.Union([Type.Literal('requested'), Type.Literal('approved')]),
  replayed: Type.Boolean(),
});

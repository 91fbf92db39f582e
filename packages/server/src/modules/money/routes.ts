import { Type } from 'typebox';
import type { RouteModule } from '../../http/app.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { Permission } from '../../policy/roles.ts';
import {
  CounterpartCreate,
  CounterpartSchema,
  FloatBody,
  FundingBody,
  LedgerSetup,
  OfficeLedgerSchema,
  OfficeParams,
  PostingSchema,
  ReversalBody,
  StatementQuery,
  StatementSchema,
  TrialBalanceQuery,
  TrialBalanceSchema,
  UntilQuery,
} from './schema.ts';
import {
  accountStatementFor,
  createCounterpart,
  fundProgramme,
  listCounterparts,
  moveFloat,
  readOfficeLedger,
  reverse,
  setupOfficeLedger,
  trialBalanceFor,
} from './service.ts';

/** Money at the post office: the ledger (docs/money.md, "Server: tables, routes, guarantees"). */
export const registerMoneyRoutes: RouteModule = (app, { database }) => {
  const tags = ['money'];

  app.get(
    '/api/v1/money/counterparts',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Đối tác: cơ quan BHXH, Kho bạc Nhà nước',
        response: { 200: Type.Array(CounterpartSchema), ...errorResponses },
      },
    },
    async () => listCounterparts(database),
  );

  app.post(
    '/api/v1/money/counterparts',
    {
      config: { permission: Permission.MoneyManage, idempotent: true },
      schema: { tags, body: CounterpartCreate, response: { 201: CounterpartSchema, ...errorResponses } },
    },
    async (request, reply) =>
      reply.status(201).send(await createCounterpart(database, request.actor!, request.body)),
  );

  app.post(
    '/api/v1/money/offices/:officeId/ledger',
    {
      config: { permission: Permission.MoneyManage, idempotent: true },
      schema: {
        tags,
        summary: 'Thiết lập sổ cái của bưu cục: accounts, programmes and drawers (adds what is missing)',
        params: OfficeParams,
        body: LedgerSetup,
        response: { 200: OfficeLedgerSchema, ...errorResponses },
      },
    },
    async (request) => setupOfficeLedger(database, request.actor!, request.params.officeId, request.body),
  );

  app.get(
    '/api/v1/money/offices/:officeId/ledger',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Số dư tài khoản của bưu cục (balances per account), optionally up to a date',
        params: OfficeParams,
        querystring: UntilQuery,
        response: { 200: OfficeLedgerSchema, ...errorResponses },
      },
    },
    async (request) =>
      readOfficeLedger(database, request.actor!, request.params.officeId, request.query.until),
  );

  app.get(
    '/api/v1/money/accounts/:id/statement',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Sổ chi tiết tài khoản: opening, lines and closing for a period',
        params: IdParams,
        querystring: StatementQuery,
        response: { 200: StatementSchema, ...errorResponses },
      },
    },
    async (request) => accountStatementFor(database, request.actor!, request.params.id, request.query),
  );

  app.get(
    '/api/v1/money/trial-balance',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Bảng cân đối số phát sinh of the offices in the user’s scope (always balanced)',
        querystring: TrialBalanceQuery,
        response: { 200: TrialBalanceSchema, ...errorResponses },
      },
    },
    async (request) => trialBalanceFor(database, request.actor!, request.query),
  );

  app.post(
    '/api/v1/money/programmes/:id/funding',
    {
      config: { permission: Permission.MoneyManage, idempotent: true },
      schema: {
        tags,
        summary: 'Nhận kinh phí chi trả từ cơ quan BHXH (programme_funding)',
        params: IdParams,
        body: FundingBody,
        response: { 201: PostingSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await fundProgramme(database, request.actor!, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/money/drawers/:id/float',
    {
      config: { permission: Permission.MoneyOperate, idempotent: true },
      schema: {
        tags,
        summary: 'Tạm ứng quỹ đầu ngày (in) / nộp quỹ cuối ngày (out)',
        params: IdParams,
        body: FloatBody,
        response: { 201: PostingSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await moveFloat(database, request.actor!, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/money/postings/:id/reversal',
    {
      config: { permission: Permission.MoneyManage, idempotent: true },
      schema: {
        tags,
        summary: 'Bút toán đảo: the mirror of a posting, once (no second-person approval yet)',
        params: IdParams,
        body: ReversalBody,
        response: { 201: PostingSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await reverse(database, request.actor!, request.params.id, request.body)),
  );
};

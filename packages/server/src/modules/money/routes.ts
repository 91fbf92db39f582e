import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { AppError } from '../../errors.ts';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams } from '../../http/schemas.ts';
import { Permission } from '../../policy/roles.ts';
import { sendPdf } from '../documents/routes.ts';
import { type CollectionInput, collect, readCollection } from './collections.ts';
import { XLSX_TYPE } from './payout-file.ts';
import {
  closePayoutList,
  importPayoutList,
  payLine,
  paymentReceipt,
  previewPayoutList,
  readPayoutList,
  reconciliation,
  reconciliationExport,
  searchLines,
  type UploadedFile,
} from './payouts.ts';
import { receiptPdf } from './receipt-pdf.ts';
import {
  ApprovalBody,
  CloseBody,
  CollectionBody,
  CollectionSchema,
  CounterpartCreate,
  CounterpartSchema,
  FloatBody,
  FundingBody,
  ImportQuery,
  LedgerSetup,
  LineQuery,
  OfficeLedgerSchema,
  OfficeParams,
  PaymentBody,
  PaymentSchema,
  PayoutLineSchema,
  PayoutListDetailSchema,
  PayoutListSchema,
  PostingSchema,
  PreviewSchema,
  ReceiptSchema,
  ReconciliationSchema,
  ReversalBody,
  ReversalRequestSchema,
  StatementQuery,
  StatementSchema,
  TrialBalanceQuery,
  TrialBalanceSchema,
  UntilQuery,
} from './schema.ts';
import {
  accountStatementFor,
  approveReversal,
  createCounterpart,
  fundProgramme,
  listCounterparts,
  moveFloat,
  readOfficeLedger,
  requestReversal,
  setupOfficeLedger,
  trialBalanceFor,
} from './service.ts';

/** Largest payout list file taken (100,000 lines are some 15 MB of CSV). */
const LIST_FILE_LIMIT = 64 * 1024 * 1024;

function uploaded(request: FastifyRequest, fileName: string | undefined): UploadedFile {
  if (!Buffer.isBuffer(request.body)) {
    throw new AppError(
      400,
      'VALIDATION_FAILED',
      { vi: 'Gửi tệp danh sách làm thân yêu cầu', en: 'Send the list file as the request body' },
      [
        {
          field: 'file',
          message: {
            vi: `Content-Type: text/csv hoặc ${XLSX_TYPE}`,
            en: `Content-Type: text/csv or ${XLSX_TYPE}`,
          },
        },
      ],
    );
  }
  const contentType = String(request.headers['content-type'] ?? '');
  return {
    bytes: request.body,
    contentType,
    fileName: fileName ?? (contentType.startsWith(XLSX_TYPE) ? 'danh-sach.xlsx' : 'danh-sach.csv'),
  };
}

/** Money at the post office: the ledger (docs/money.md, "Server: tables, routes, guarantees"). */
export const registerMoneyRoutes: RouteModule = (app, { database }) => {
  const tags = ['money'];
  app.addContentTypeParser(
    ['text/csv', XLSX_TYPE, 'application/octet-stream'],
    { parseAs: 'buffer', bodyLimit: LIST_FILE_LIMIT },
    (_request, body, done) => done(null, body),
  );

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
      config: { permission: Permission.MoneyRead, idempotent: true },
      schema: {
        tags,
        summary:
          'Đề nghị đảo bút toán (maker): money:operate or money:manage at the posting’s office; nothing is posted until approved',
        params: IdParams,
        body: ReversalBody,
        response: { 201: ReversalRequestSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await requestReversal(database, request.actor!, request.params.id, request.body)),
  );

  app.post(
    '/api/v1/money/reversal-requests/:id/approval',
    {
      config: { permission: Permission.MoneyManage, idempotent: true },
      schema: {
        tags,
        summary: 'Duyệt bút toán đảo (checker, another person): posts the mirror of the posting, once',
        params: IdParams,
        body: ApprovalBody,
        response: { 200: ReversalRequestSchema, ...errorResponses },
      },
    },
    async (request) => approveReversal(database, request.actor!, request.params.id, request.body),
  );

  app.post(
    '/api/v1/money/programmes/:id/payout-lists/preview',
    {
      config: { permission: Permission.MoneyManage },
      bodyLimit: LIST_FILE_LIMIT,
      schema: {
        tags,
        summary: 'Xem trước danh sách chi trả: counts, per-row errors, a sample; writes nothing',
        consumes: ['text/csv', XLSX_TYPE],
        params: IdParams,
        querystring: ImportQuery,
        response: { 200: PreviewSchema, ...errorResponses },
      },
    },
    async (request) =>
      previewPayoutList(database, request.actor!, request.params.id, {
        period: request.query.period,
        file: uploaded(request, request.query.fileName),
      }),
  );

  app.post(
    '/api/v1/money/programmes/:id/payout-lists',
    {
      config: { permission: Permission.MoneyManage },
      bodyLimit: LIST_FILE_LIMIT,
      schema: {
        tags,
        summary:
          'Nhập danh sách chi trả: all lines or none (422 with the bad rows) unless skipBadRows; the same file again gives the list already imported',
        consumes: ['text/csv', XLSX_TYPE],
        params: IdParams,
        querystring: ImportQuery,
        response: { 200: PayoutListSchema, 201: PayoutListSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const list = await importPayoutList(database, request.actor!, request.params.id, {
        period: request.query.period,
        skipBadRows: request.query.skipBadRows ?? false,
        file: uploaded(request, request.query.fileName),
      });
      return reply.status(list.alreadyImported ? 200 : 201).send(list);
    },
  );

  app.get(
    '/api/v1/money/payout-lists/:id',
    {
      config: { permission: Permission.MoneyRead },
      schema: { tags, params: IdParams, response: { 200: PayoutListDetailSchema, ...errorResponses } },
    },
    async (request) => readPayoutList(database, request.actor!, request.params.id),
  );

  app.get(
    '/api/v1/money/payout-lines',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Tìm dòng chi trả theo số CCCD hoặc tên (không dấu) at one office',
        querystring: LineQuery,
        response: { 200: Type.Array(PayoutLineSchema), ...errorResponses },
      },
    },
    async (request) => searchLines(database, request.actor!, request.query),
  );

  app.post(
    '/api/v1/money/payout-lines/:id/payment',
    {
      config: { permission: Permission.MoneyOperate, idempotent: true },
      schema: {
        tags,
        summary:
          'Chi trả tại quầy: identity check recorded, proxy authorisation checked on the day, posted from the drawer; 409 when already paid',
        params: IdParams,
        body: PaymentBody,
        response: { 201: PaymentSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await payLine(database, request.actor!, request.params.id, request.body)),
  );

  app.get(
    '/api/v1/money/payments/:id/receipt',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Dữ liệu giấy biên nhận chi trả (receipt data; no PDF yet)',
        params: IdParams,
        response: { 200: ReceiptSchema, ...errorResponses },
      },
    },
    async (request) => paymentReceipt(database, request.actor!, request.params.id),
  );

  app.get(
    '/api/v1/money/payments/:id/receipt/pdf',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Giấy biên nhận chi trả as PDF (A5; motcua’s layout, not an official form)',
        params: IdParams,
        response: { 200: Type.Unknown({ description: 'application/pdf' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const data = await paymentReceipt(database, request.actor!, request.params.id);
      return sendPdf(reply, data.receiptNo, await receiptPdf(data));
    },
  );

  app.post(
    '/api/v1/money/payout-lists/:id/close',
    {
      config: { permission: Permission.MoneyManage, idempotent: true },
      schema: {
        tags,
        summary:
          'Khóa sổ kỳ chi trả: unpaid lines returned, settlement and return posted, reconciliation record kept (once)',
        params: IdParams,
        body: CloseBody,
        response: { 200: ReconciliationSchema, ...errorResponses },
      },
    },
    async (request) => closePayoutList(database, request.actor!, request.params.id, request.body),
  );

  app.get(
    '/api/v1/money/payout-lists/:id/reconciliation',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Biên bản đối chiếu of a closed list',
        params: IdParams,
        response: { 200: ReconciliationSchema, ...errorResponses },
      },
    },
    async (request) => reconciliation(database, request.actor!, request.params.id),
  );

  app.get(
    '/api/v1/money/payout-lists/:id/reconciliation/export',
    {
      config: { permission: Permission.MoneyRead },
      schema: {
        tags,
        summary: 'Tệp đối chiếu gửi cơ quan BHXH (CSV, UTF-8 with BOM)',
        params: IdParams,
        response: { 200: { type: 'string' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const file = await reconciliationExport(database, request.actor!, request.params.id);
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.csv);
    },
  );

  app.post(
    '/api/v1/money/collections',
    {
      config: { permission: Permission.MoneyOperate, idempotent: true },
      schema: {
        tags,
        summary:
          'Thu hộ tại quầy: voluntary social insurance, household health insurance or a traffic fine (with its late surcharge), amounts computed at the rates of the day',
        body: CollectionBody,
        response: { 201: CollectionSchema, ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await collect(database, request.actor!, request.body as CollectionInput)),
  );

  app.get(
    '/api/v1/money/collections/:id',
    {
      config: { permission: Permission.MoneyRead },
      schema: { tags, params: IdParams, response: { 200: CollectionSchema, ...errorResponses } },
    },
    async (request) => readCollection(database, request.actor!, request.params.id),
  );
};

/**
 * Payout programmes in the database: import of the agency's monthly list (preview with per-row errors,
 * all-or-nothing unless bad rows are skipped), payment of a line at the counter, receipt, and the
 * close of a period (unpaid lines returned, reconciliation record, export file). The rules are the
 * core's: `mapPayoutHeaders`, `parsePayoutRow`, `duplicateBeneficiaryProblems`, `payoutProblems`,
 * `postingForOperation`. Never paid twice: `payout_lines_once_uq` and `payments_line_uq`, with the
 * line flipped `unpaid → paid` by a guarded UPDATE in the payment's transaction.
 */
import { createHash } from 'node:crypto';
import {
  amountInWords,
  beneficiaryPeriodKey,
  DEFAULT_MONEY_RATES,
  duplicateBeneficiaryProblems,
  type IsoDate,
  isPeriod,
  mapPayoutHeaders,
  type PayableLine,
  PaymentRuleError,
  type PayoutAttempt,
  type PayoutListRow,
  type PayoutRowProblem,
  parsePayoutRow,
  payoutProblems,
  searchKey,
  validateCitizenId,
} from '@motcua/core';
import { stringify } from 'csv-stringify/sync';
import { CompiledQuery } from 'kysely';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Dialect, Executor } from '../../db/database.ts';
import { inTransaction, isUniqueViolation, likeEscape, newId, runCompiled } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { type Actor, authorize, roleFor } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { findServicePoint } from '../org/repository.ts';
import { loadPosting, officeAccounts, postingDate, postOperation, ruleError } from './ledger.ts';
import { type Cell, readPayoutFile } from './payout-file.ts';
import { accountFor, drawerById, programmeById, scopeOf } from './service.ts';

type LineRow = DB['payout_lines'];

const PAYOUT_KINDS = new Set(['pension', 'benefit']);
/** Errors returned in a preview (the counts are always complete). */
const MAX_ERRORS = 1000;
/** Rows per INSERT: 22 columns × 400 stays below both engines' parameter limits. */
const CHUNK = 400;

function listNotFound() {
  return notFound({ vi: 'danh sách chi trả', en: 'Payout list' });
}

export interface ParsedList {
  rowsTotal: number;
  rows: PayoutListRow[];
  errors: PayoutRowProblem[];
  badRows: Set<number>;
  headerProblems: { field: string; code: string; vi: string; en: string }[];
  unknownColumns: string[];
}

function isBlank(cells: readonly Cell[]): boolean {
  return cells.every((c) => c === null || String(c).trim() === '');
}

/**
 * Reads and checks a list: headers, every row, duplicates within the file, and beneficiaries already
 * listed for this programme kind and period in the database (from any office).
 */
export async function parseList(
  executor: Executor,
  cells: Cell[][],
  options: { programmeKind: string; period: string },
): Promise<ParsedList> {
  const [header, ...data] = cells;
  const mapping = mapPayoutHeaders(header ?? []);
  const parsed: ParsedList = {
    rowsTotal: 0,
    rows: [],
    errors: [],
    badRows: new Set(),
    headerProblems: [...mapping.problems],
    unknownColumns: mapping.unknown.map((u) => u.header),
  };
  if (mapping.problems.length > 0) return parsed;
  data.forEach((row, index) => {
    if (isBlank(row)) return;
    parsed.rowsTotal += 1;
    // Row numbers as the file shows them: the header is row 1.
    const result = parsePayoutRow(row, mapping, { rowNumber: index + 2, expectedPeriod: options.period });
    if (result.ok) parsed.rows.push(result.row);
    else {
      parsed.badRows.add(result.rowNumber);
      parsed.errors.push(...result.errors);
    }
  });
  for (const duplicate of duplicateBeneficiaryProblems(parsed.rows)) {
    parsed.badRows.add(duplicate.rowNumber);
    parsed.errors.push(duplicate);
  }
  const listed = await executor
    .selectFrom('payout_lines')
    .select(['citizen_id', 'benefit_key', 'office_id'])
    .where('programme_kind', '=', options.programmeKind)
    .where('period', '=', options.period)
    .execute();
  if (listed.length > 0) {
    const known = new Set(listed.map((l) => `${l.citizen_id}|${options.period}|${l.benefit_key}`));
    for (const row of parsed.rows) {
      if (!known.has(beneficiaryPeriodKey(row))) continue;
      parsed.badRows.add(row.rowNumber);
      parsed.errors.push({
        field: 'citizenId',
        code: 'ALREADY_LISTED',
        vi: `Dòng ${row.rowNumber}: người hưởng có số CCCD ${row.citizenId} đã có trong một danh sách chi trả kỳ ${row.period}.`,
        en: `Row ${row.rowNumber}: the beneficiary with citizen ID ${row.citizenId} is already on a payout list for ${row.period}.`,
        rowNumber: row.rowNumber,
        column: null,
        value: row.citizenId,
      });
    }
  }
  parsed.errors.sort((a, b) => a.rowNumber - b.rowNumber);
  return parsed;
}

function errorView(e: PayoutRowProblem) {
  return {
    rowNumber: e.rowNumber,
    field: e.field,
    column: e.column,
    value: e.value,
    code: e.code,
    message: { vi: e.vi, en: e.en },
  };
}

function headerError(parsed: ParsedList): AppError {
  return new AppError(
    422,
    parsed.headerProblems[0]!.code,
    {
      vi: `Không đọc được dòng tiêu đề: ${parsed.headerProblems.map((p) => p.vi).join(' ')}`,
      en: `The header row cannot be read: ${parsed.headerProblems.map((p) => p.en).join(' ')}`,
    },
    parsed.headerProblems.map((p) => ({ field: `columns.${p.field}`, message: { vi: p.vi, en: p.en } })),
  );
}

async function payoutProgramme(database: Database, actor: Actor, programmeId: string) {
  const programme = await programmeById(database.db, programmeId);
  authorize(actor, Permission.MoneyManage, scopeOf(programme.office_id));
  if (!PAYOUT_KINDS.has(programme.kind)) {
    throw invalidField('id', {
      vi: 'Chương trình này không phải chương trình chi trả (lương hưu, trợ cấp)',
      en: 'This programme is not a payout programme (pension, benefit)',
    });
  }
  return programme;
}

function checkPeriod(period: string) {
  if (!isPeriod(period)) {
    throw invalidField('period', { vi: 'Kỳ phải có dạng YYYY-MM', en: 'The period must be YYYY-MM' });
  }
}

export interface UploadedFile {
  bytes: Buffer;
  contentType: string;
  fileName: string;
}

/** What an import would do, written nowhere. */
export async function previewPayoutList(
  database: Database,
  actor: Actor,
  programmeId: string,
  input: { period: string; file: UploadedFile },
) {
  const programme = await payoutProgramme(database, actor, programmeId);
  checkPeriod(input.period);
  const cells = await readPayoutFile(input.file.bytes, input.file.contentType, input.file.fileName);
  const parsed = await parseList(database.db, cells, { programmeKind: programme.kind, period: input.period });
  if (parsed.headerProblems.length > 0) throw headerError(parsed);
  const valid = parsed.rows.filter((r) => !parsed.badRows.has(r.rowNumber));
  return {
    period: input.period,
    rowsTotal: parsed.rowsTotal,
    rowsValid: valid.length,
    rowsInvalid: parsed.badRows.size,
    totalAmount: valid.reduce((s, r) => s + r.amount, 0),
    unknownColumns: parsed.unknownColumns,
    errors: parsed.errors.slice(0, MAX_ERRORS).map(errorView),
    errorsTruncated: parsed.errors.length > MAX_ERRORS,
    sample: valid.slice(0, 20).map((r) => ({
      rowNumber: r.rowNumber,
      name: r.beneficiaryName,
      citizenId: r.citizenId,
      amount: r.amount,
      payoutPoint: r.payoutPoint,
      proxyName: r.proxy?.name ?? null,
    })),
  };
}

function listView(row: DB['payout_lists'], alreadyImported = false) {
  return {
    id: row.id,
    programmeId: row.programme_id,
    officeId: row.office_id,
    period: row.period,
    fileName: row.file_name,
    status: row.status,
    rowsTotal: row.rows_total,
    rowsImported: row.rows_imported,
    rowsSkipped: row.rows_skipped,
    totalAmount: Number(row.total_amount),
    createdAt: row.created_at,
    closedAt: row.closed_at,
    alreadyImported,
  };
}

/**
 * Imports a list in one transaction: every line or none. With bad rows, refused (422, the first rows'
 * errors as fields) unless `skipBadRows`, when the good rows are imported and the bad ones counted.
 * The same file for the same programme again answers with the list already imported.
 */
export async function importPayoutList(
  database: Database,
  actor: Actor,
  programmeId: string,
  input: { period: string; skipBadRows: boolean; file: UploadedFile },
  now = new Date(),
) {
  const programme = await payoutProgramme(database, actor, programmeId);
  checkPeriod(input.period);
  const fileHash = createHash('sha256').update(input.file.bytes).digest('hex');
  const known = async () =>
    database.db
      .selectFrom('payout_lists')
      .selectAll()
      .where('programme_id', '=', programme.id)
      .where('file_hash', '=', fileHash)
      .executeTakeFirst();
  const existing = await known();
  if (existing) return listView(existing, true);
  const cells = await readPayoutFile(input.file.bytes, input.file.contentType, input.file.fileName);
  try {
    return await inTransaction(database, async (trx) => {
      const parsed = await parseList(trx, cells, { programmeKind: programme.kind, period: input.period });
      if (parsed.headerProblems.length > 0) throw headerError(parsed);
      if (parsed.badRows.size > 0 && !input.skipBadRows) {
        throw new AppError(
          422,
          'PAYOUT_LIST_INVALID',
          {
            vi: `Danh sách có ${parsed.badRows.size} dòng lỗi; không dòng nào được nhập. Sửa các dòng lỗi hoặc chọn bỏ qua dòng lỗi.`,
            en: `The list has ${parsed.badRows.size} bad rows; nothing was imported. Fix them or choose to skip bad rows.`,
          },
          parsed.errors
            .slice(0, 100)
            .map((e) => ({ field: `rows.${e.rowNumber}.${e.field}`, message: { vi: e.vi, en: e.en } })),
        );
      }
      const good = parsed.rows.filter((r) => !parsed.badRows.has(r.rowNumber));
      if (good.length === 0) {
        throw invalidField('file', {
          vi: 'Danh sách không có dòng hợp lệ nào',
          en: 'The list has no valid row',
        });
      }
      const list: DB['payout_lists'] = {
        id: newId(now.getTime()),
        programme_id: programme.id,
        office_id: programme.office_id,
        period: input.period,
        file_name: input.file.fileName.normalize('NFC').slice(0, 200),
        file_hash: fileHash,
        status: 'imported',
        rows_total: parsed.rowsTotal,
        rows_imported: good.length,
        rows_skipped: parsed.rowsTotal - good.length,
        total_amount: good.reduce((s, r) => s + r.amount, 0),
        created_at: now.toISOString(),
        created_by: actor.userId,
        closed_at: null,
        closed_by: null,
      };
      await trx.insertInto('payout_lists').values(list).execute();
      for (let i = 0; i < good.length; i += CHUNK) {
        const chunk = good.slice(i, i + CHUNK).map((r) => lineRow(r, list, programme.kind, now));
        await runCompiled(trx, insertLinesQuery(database.dialect, chunk));
      }
      await recordAudit(trx, database.dialect, {
        actor,
        role: roleFor(actor, Permission.MoneyManage, scopeOf(programme.office_id), 'staff'),
        siteId: programme.office_id,
        action: 'money.payout_list.import',
        entityType: 'payout_list',
        entityId: list.id,
        after: { ...list, skippedRows: [...parsed.badRows].sort((a, b) => a - b) },
      });
      return listView(list);
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      // The same file imported at the same moment by another request: its list is the answer.
      const raced = await known();
      if (raced) return listView(raced, true);
      throw new AppError(409, 'ALREADY_LISTED', {
        vi: 'Một số người hưởng vừa được nhập trong danh sách khác cùng kỳ; hãy xem trước lại danh sách',
        en: 'Some beneficiaries were just imported on another list for this period; preview the list again',
      });
    }
    throw error;
  }
}

/** The columns of `payout_lines` written by an import (also the benchmark's direct insert). */
export const PAYOUT_LINE_COLUMNS = [
  'id',
  'list_id',
  'programme_id',
  'programme_kind',
  'office_id',
  'period',
  'row_number',
  'citizen_id',
  'name',
  'name_key',
  'birth_date',
  'social_insurance_number',
  'benefit_kind',
  'benefit_key',
  'amount',
  'payout_point',
  'address',
  'proxy_name',
  'proxy_citizen_id',
  'proxy_authorised_on',
  'proxy_expires_on',
  'status',
] as const satisfies readonly (keyof LineRow)[];
const insertSql = new Map<string, string>();

/**
 * A multi-row INSERT of lines, its text built once per engine and row count (the query builder spends
 * more compiling 400 × 22 values than the database spends inserting them).
 */
function insertLinesQuery(dialect: Dialect, rows: LineRow[]): CompiledQuery {
  const key = `${dialect}:${rows.length}`;
  let text = insertSql.get(key);
  if (text === undefined) {
    let n = 0;
    const slot = () => (dialect === 'postgres' ? `$${++n}` : '?');
    const tuples = rows.map(() => `(${PAYOUT_LINE_COLUMNS.map(slot).join(', ')})`).join(', ');
    text = `insert into "payout_lines" (${PAYOUT_LINE_COLUMNS.map((c) => `"${c}"`).join(', ')}) values ${tuples}`;
    insertSql.set(key, text);
  }
  return CompiledQuery.raw(
    text,
    rows.flatMap((row) => PAYOUT_LINE_COLUMNS.map((c) => row[c])),
  );
}

function lineRow(r: PayoutListRow, list: DB['payout_lists'], kind: string, now: Date): LineRow {
  return {
    id: newId(now.getTime()),
    list_id: list.id,
    programme_id: list.programme_id,
    programme_kind: kind,
    office_id: list.office_id,
    period: r.period,
    row_number: r.rowNumber,
    citizen_id: r.citizenId,
    name: r.beneficiaryName,
    name_key: r.beneficiaryNameKey,
    birth_date: r.birthDate,
    social_insurance_number: r.socialInsuranceNumber,
    benefit_kind: r.benefitKind,
    benefit_key: searchKey(r.benefitKind ?? ''),
    amount: r.amount,
    payout_point: r.payoutPoint,
    address: r.address,
    proxy_name: r.proxy?.name ?? null,
    proxy_citizen_id: r.proxy?.citizenId ?? null,
    proxy_authorised_on: r.proxy?.authorisedOn ?? null,
    proxy_expires_on: r.proxy?.expiresOn ?? null,
    status: 'unpaid',
  };
}

export async function readPayoutList(database: Database, actor: Actor, id: string) {
  const list = await database.db
    .selectFrom('payout_lists')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!list) throw listNotFound();
  authorize(actor, Permission.MoneyRead, scopeOf(list.office_id));
  const counts = await database.db
    .selectFrom('payout_lines')
    .select((eb) => [
      'status',
      eb.fn.countAll<number>().as('lines'),
      eb.fn.sum<number>('amount').as('amount'),
    ])
    .where('list_id', '=', id)
    .groupBy('status')
    .execute();
  return {
    ...listView(list),
    byStatus: counts.map((c) => ({ status: c.status, lines: Number(c.lines), amount: Number(c.amount) })),
  };
}

export function lineView(row: LineRow) {
  return {
    id: row.id,
    listId: row.list_id,
    programmeId: row.programme_id,
    officeId: row.office_id,
    period: row.period,
    rowNumber: row.row_number,
    name: row.name,
    citizenId: row.citizen_id,
    birthDate: row.birth_date,
    benefitKind: row.benefit_kind,
    amount: Number(row.amount),
    payoutPoint: row.payout_point,
    address: row.address,
    proxy:
      row.proxy_name === null
        ? null
        : {
            name: row.proxy_name,
            citizenId: row.proxy_citizen_id,
            authorisedOn: row.proxy_authorised_on,
            expiresOn: row.proxy_expires_on,
          },
    status: row.status,
  };
}

/** Lines of an office: by citizen ID (digits) or by name without diacritics; by period and status. */
export async function searchLines(
  database: Database,
  actor: Actor,
  query: { officeId: string; q?: string; period?: string; status?: LineRow['status']; limit?: number },
) {
  authorize(actor, Permission.MoneyRead, scopeOf(query.officeId));
  let select = database.db.selectFrom('payout_lines').selectAll().where('office_id', '=', query.officeId);
  const q = query.q?.normalize('NFC').trim() ?? '';
  if (/^\d{6,12}$/.test(q)) select = select.where('citizen_id', 'like', `${likeEscape(q)}%`);
  else if (q !== '') {
    select = select.where('name_key', 'like', `%${likeEscape(searchKey(q))}%`);
  }
  if (query.period) select = select.where('period', '=', query.period);
  if (query.status) select = select.where('status', '=', query.status);
  const rows = await select
    .orderBy('name_key')
    .orderBy('id')
    .limit(query.limit ?? 50)
    .execute();
  return rows.map(lineView);
}

export interface PaymentInput {
  clientTxId: string;
  drawerId: string;
  payee: 'beneficiary' | 'proxy';
  payeeCitizenId: string;
  identityChecked: boolean;
  /** What the clerk reads on the authorisation the proxy shows; the list's dates when absent. */
  proxyAuthorisation?: { madeOn?: IsoDate | null; expiresOn?: IsoDate | null; certified: boolean };
}

async function paymentByClientTx(executor: Executor, officeId: string, clientTxId: string) {
  return executor
    .selectFrom('payments')
    .selectAll()
    .where('office_id', '=', officeId)
    .where('client_tx_id', '=', clientTxId)
    .executeTakeFirst();
}

function alreadyPaid() {
  return new AppError(
    409,
    'ALREADY_PAID',
    { vi: 'Dòng này đã được chi trả cho kỳ này', en: 'This line has already been paid for this period' },
    [{ field: 'id', message: { vi: 'Đã chi trả', en: 'Already paid' } }],
  );
}

/**
 * Pays a line at the counter: the core's `payoutProblems` (status, amount, identity check, payee's ID
 * against the beneficiary or the proxy, the proxy's authorisation valid on the day), then in one
 * transaction the guarded flip `unpaid → paid`, the `cash_payout` posting from the drawer, the payment
 * row and the audit entry. A retry with the same client transaction id answers with the same payment.
 */
export async function payLine(
  database: Database,
  actor: Actor,
  lineId: string,
  input: PaymentInput,
  now = new Date(),
) {
  const line = await database.db
    .selectFrom('payout_lines')
    .selectAll()
    .where('id', '=', lineId)
    .executeTakeFirst();
  if (!line) throw notFound({ vi: 'dòng chi trả', en: 'Payout line' });
  authorize(actor, Permission.MoneyOperate, scopeOf(line.office_id));
  const replay = await paymentByClientTx(database.db, line.office_id, input.clientTxId);
  if (replay) {
    if (replay.line_id !== lineId) {
      throw new AppError(422, 'CLIENT_TX_REUSED', {
        vi: 'Mã giao dịch này đã dùng cho một dòng chi trả khác',
        en: 'This client transaction id was used for another payout line',
      });
    }
    return { ...(await paymentView(database.db, replay)), replayed: true };
  }
  const drawer = await drawerById(database.db, input.drawerId);
  if (drawer.office_id !== line.office_id) {
    throw invalidField('drawerId', {
      vi: 'Quầy thu chi không thuộc bưu cục của dòng chi trả',
      en: 'The cash drawer is not at the payout line’s office',
    });
  }
  const payeeId = validateCitizenId(input.payeeCitizenId);
  if (!payeeId.ok) {
    throw invalidField('payeeCitizenId', payeeId.reason);
  }
  const payOn = postingDate(now);
  const authorisation = input.proxyAuthorisation;
  const madeOn = authorisation?.madeOn ?? line.proxy_authorised_on;
  const payable: PayableLine = {
    amount: Number(line.amount),
    period: line.period,
    status: line.status,
    beneficiaryCitizenId: line.citizen_id,
    beneficiaryBirthDate: line.birth_date,
    entitlement: 'active',
    proxy:
      line.proxy_name === null || line.proxy_citizen_id === null
        ? null
        : {
            citizenId: line.proxy_citizen_id,
            authorisation: {
              madeOn: madeOn ?? '',
              expiresOn: authorisation?.expiresOn ?? line.proxy_expires_on,
              certified: authorisation?.certified === true,
            },
          },
  };
  const attempt: PayoutAttempt = {
    payOn,
    channel: 'counter',
    payee: input.payee,
    payeeCitizenId: payeeId.value.number,
    identityChecked: input.identityChecked,
  };
  const problems = payoutProblems(payable, attempt, DEFAULT_MONEY_RATES);
  if (problems.some((p) => p.code === 'LINE_PAID')) throw alreadyPaid();
  if (input.payee === 'proxy' && payable.proxy && !madeOn) {
    problems.push({
      field: 'proxyAuthorisation.madeOn',
      code: 'PROXY_AUTHORISATION_DATE_REQUIRED',
      vi: 'Cần ngày lập văn bản ủy quyền (danh sách không ghi).',
      en: 'The date the authorisation was made is needed (the list does not give it).',
    });
  }
  if (problems.length > 0) {
    const unique = problems.filter(
      (p, i) => problems.findIndex((q) => q.field === p.field && q.code === p.code) === i,
    );
    const status = unique.find((p) => p.field === 'status');
    if (status) {
      throw new AppError(409, status.code, { vi: status.vi, en: status.en }, [
        { field: 'id', message: { vi: status.vi, en: status.en } },
      ]);
    }
    throw ruleError(new PaymentRuleError(unique));
  }
  try {
    const paymentId = await inTransaction(database, async (trx) => {
      const flipped = await trx
        .updateTable('payout_lines')
        .set({ status: 'paid' })
        .where('id', '=', lineId)
        .where('status', '=', 'unpaid')
        .executeTakeFirst();
      if (Number(flipped.numUpdatedRows) !== 1) throw alreadyPaid();
      const accounts = await officeAccounts(trx, line.office_id);
      const posting = await postOperation(trx, database.dialect, {
        officeId: line.office_id,
        operation: {
          kind: 'cash_payout',
          drawer: accountFor(accounts, 'cash', drawer.id),
          programme: accountFor(accounts, 'programme', line.programme_id),
          amount: Number(line.amount),
        },
        clientTxId: input.clientTxId,
        actor,
        now,
        accounts,
        memo: `Chi trả kỳ ${line.period}: ${line.name}`,
      });
      const payment: DB['payments'] = {
        id: newId(now.getTime()),
        line_id: lineId,
        office_id: line.office_id,
        drawer_id: drawer.id,
        channel: 'counter',
        payee: input.payee,
        payee_name: input.payee === 'proxy' ? (line.proxy_name ?? '') : line.name,
        payee_citizen_id: payeeId.value.number,
        identity_checked: 1,
        proxy_certified: input.payee === 'proxy' ? (authorisation?.certified ? 1 : 0) : null,
        amount: Number(line.amount),
        paid_at: now.toISOString(),
        paid_on: payOn,
        posting_id: posting.id,
        client_tx_id: input.clientTxId,
        paid_by: actor.userId,
      };
      await trx.insertInto('payments').values(payment).execute();
      await recordAudit(trx, database.dialect, {
        actor,
        role: roleFor(actor, Permission.MoneyOperate, scopeOf(line.office_id), 'clerk'),
        siteId: line.office_id,
        action: 'money.payout.pay',
        entityType: 'payout_line',
        entityId: lineId,
        before: { status: line.status },
        after: {
          status: 'paid',
          payment,
          identityCheck: {
            payee: input.payee,
            payeeCitizenId: payeeId.value.number,
            checked: true,
            proxyAuthorisation: payable.proxy?.authorisation ?? null,
          },
        },
      });
      return payment.id;
    });
    const payment = await database.db
      .selectFrom('payments')
      .selectAll()
      .where('id', '=', paymentId)
      .executeTakeFirstOrThrow();
    return { ...(await paymentView(database.db, payment)), replayed: false };
  } catch (error) {
    if (isUniqueViolation(error)) {
      const same = await paymentByClientTx(database.db, line.office_id, input.clientTxId);
      if (same) return { ...(await paymentView(database.db, same)), replayed: true };
      throw alreadyPaid();
    }
    throw error;
  }
}

async function paymentView(executor: Executor, payment: DB['payments']) {
  const line = await executor
    .selectFrom('payout_lines')
    .selectAll()
    .where('id', '=', payment.line_id)
    .executeTakeFirstOrThrow();
  const posting = await loadPosting(executor, payment.posting_id);
  return {
    id: payment.id,
    line: lineView(line),
    drawerId: payment.drawer_id,
    channel: payment.channel,
    payee: payment.payee,
    payeeName: payment.payee_name,
    payeeCitizenId: payment.payee_citizen_id,
    identityChecked: payment.identity_checked === 1,
    amount: Number(payment.amount),
    paidAt: payment.paid_at,
    paidOn: payment.paid_on,
    postingId: posting?.id ?? payment.posting_id,
    clientTxId: payment.client_tx_id,
  };
}

/** The data of the receipt (giấy biên nhận chi trả) of a payment. */
export async function paymentReceipt(database: Database, actor: Actor, paymentId: string) {
  const payment = await database.db
    .selectFrom('payments')
    .selectAll()
    .where('id', '=', paymentId)
    .executeTakeFirst();
  if (!payment) throw notFound({ vi: 'khoản chi trả', en: 'Payment' });
  authorize(actor, Permission.MoneyRead, scopeOf(payment.office_id));
  const view = await paymentView(database.db, payment);
  const office = await findServicePoint(database.db, payment.office_id);
  const clerk = await database.db
    .selectFrom('users')
    .select('full_name')
    .where('id', '=', payment.paid_by)
    .executeTakeFirst();
  const programme = await programmeById(database.db, view.line.programmeId);
  return {
    receiptNo: `CT-${payment.paid_on.replaceAll('-', '')}-${payment.id.slice(-8).toUpperCase()}`,
    title:
      programme.kind === 'pension'
        ? 'Giấy biên nhận chi trả lương hưu'
        : 'Giấy biên nhận chi trả trợ cấp BHXH',
    officeName: office?.name ?? '',
    officeAddress: office?.address ?? '',
    period: view.line.period,
    beneficiaryName: view.line.name,
    beneficiaryCitizenId: view.line.citizenId,
    payee: view.payee,
    payeeName: view.payeeName,
    payeeCitizenId: view.payeeCitizenId,
    amount: view.amount,
    amountInWords: amountInWords(view.amount),
    paidAt: view.paidAt,
    clerkName: clerk?.full_name ?? '',
    postingId: view.postingId,
  };
}

// ---------------------------------------------------------------- close of a period

/**
 * Closes a list: its unpaid lines are returned to the agency, the paid total is settled
 * (`payout_settlement`) and the unpaid total handed back (`funds_return`) in the ledger, and a
 * reconciliation record (biên bản đối chiếu) with an export file for the agency is kept. Once.
 */
export async function closePayoutList(
  database: Database,
  actor: Actor,
  listId: string,
  input: { clientTxId: string },
  now = new Date(),
) {
  const list = await database.db
    .selectFrom('payout_lists')
    .selectAll()
    .where('id', '=', listId)
    .executeTakeFirst();
  if (!list) throw listNotFound();
  authorize(actor, Permission.MoneyManage, scopeOf(list.office_id));
  if (list.status === 'closed') return reconciliation(database, actor, listId);
  const programme = await programmeById(database.db, list.programme_id);
  try {
    await inTransaction(database, async (trx) => {
      const closed = await trx
        .updateTable('payout_lists')
        .set({ status: 'closed', closed_at: now.toISOString(), closed_by: actor.userId })
        .where('id', '=', listId)
        .where('status', '=', 'imported')
        .executeTakeFirst();
      if (Number(closed.numUpdatedRows) !== 1) {
        throw new AppError(409, 'LIST_CLOSED', {
          vi: 'Danh sách đã được khóa sổ',
          en: 'The list is already closed',
        });
      }
      await trx
        .updateTable('payout_lines')
        .set({ status: 'returned' })
        .where('list_id', '=', listId)
        .where('status', '=', 'unpaid')
        .execute();
      const lines = await trx
        .selectFrom('payout_lines')
        .select(['row_number', 'citizen_id', 'name', 'amount', 'status', 'period', 'payout_point', 'id'])
        .where('list_id', '=', listId)
        .orderBy('row_number')
        .execute();
      const paidAt = new Map(
        (
          await trx
            .selectFrom('payments')
            .innerJoin('payout_lines', 'payout_lines.id', 'payments.line_id')
            .select(['payments.line_id', 'payments.paid_on', 'payments.payee'])
            .where('payout_lines.list_id', '=', listId)
            .execute()
        ).map((p) => [p.line_id, p]),
      );
      const paid = lines.filter((l) => l.status === 'paid');
      const returned = lines.filter((l) => l.status === 'returned');
      const sum = (ls: typeof lines) => ls.reduce((s, l) => s + Number(l.amount), 0);
      const accounts = await officeAccounts(trx, list.office_id);
      const counterpart = accountFor(accounts, 'counterpart', programme.counterpart_id);
      const settlement =
        paid.length > 0
          ? await postOperation(trx, database.dialect, {
              officeId: list.office_id,
              operation: {
                kind: 'payout_settlement',
                counterpart,
                programme: accountFor(accounts, 'programme', programme.id),
                amount: sum(paid),
              },
              clientTxId: `${input.clientTxId}:settlement`,
              actor,
              now,
              accounts,
              memo: `Quyết toán số đã chi kỳ ${list.period}`,
            })
          : null;
      const returnPosting =
        returned.length > 0
          ? await postOperation(trx, database.dialect, {
              officeId: list.office_id,
              operation: {
                kind: 'funds_return',
                counterpart,
                office: accountFor(accounts, 'office'),
                amount: sum(returned),
              },
              clientTxId: `${input.clientTxId}:return`,
              actor,
              now,
              accounts,
              memo: `Hoàn trả kinh phí chưa chi kỳ ${list.period}`,
            })
          : null;
      const csv = stringify(
        [
          [
            'STT',
            'Họ và tên',
            'Số CCCD',
            'Kỳ',
            'Điểm chi trả',
            'Số tiền',
            'Trạng thái',
            'Ngày chi trả',
            'Người nhận',
          ],
          ...lines.map((l) => {
            const p = paidAt.get(l.id);
            return [
              l.row_number,
              l.name,
              l.citizen_id,
              l.period,
              l.payout_point,
              Number(l.amount),
              l.status === 'paid' ? 'Đã chi trả' : 'Trả lại cơ quan BHXH',
              p?.paid_on ?? '',
              p ? (p.payee === 'proxy' ? 'Người được ủy quyền' : 'Người hưởng') : '',
            ];
          }),
        ],
        { bom: true },
      );
      const record: DB['payout_reconciliations'] = {
        id: newId(now.getTime()),
        list_id: listId,
        office_id: list.office_id,
        period: list.period,
        lines_paid: paid.length,
        amount_paid: sum(paid),
        lines_returned: returned.length,
        amount_returned: sum(returned),
        settlement_posting_id: settlement?.id ?? null,
        return_posting_id: returnPosting?.id ?? null,
        export_csv: csv,
        closed_at: now.toISOString(),
        closed_by: actor.userId,
      };
      await trx.insertInto('payout_reconciliations').values(record).execute();
      const { export_csv: _csv, ...summary } = record;
      await recordAudit(trx, database.dialect, {
        actor,
        role: roleFor(actor, Permission.MoneyManage, scopeOf(list.office_id), 'staff'),
        siteId: list.office_id,
        action: 'money.payout_list.close',
        entityType: 'payout_list',
        entityId: listId,
        before: { status: 'imported' },
        after: { status: 'closed', reconciliation: summary },
      });
    });
  } catch (error) {
    if (error instanceof AppError && error.code === 'LIST_CLOSED')
      return reconciliation(database, actor, listId);
    throw error;
  }
  return reconciliation(database, actor, listId);
}

async function reconciliationRow(database: Database, actor: Actor, listId: string) {
  const row = await database.db
    .selectFrom('payout_reconciliations')
    .selectAll()
    .where('list_id', '=', listId)
    .executeTakeFirst();
  if (!row) throw notFound({ vi: 'biên bản đối chiếu', en: 'Reconciliation record' });
  authorize(actor, Permission.MoneyRead, scopeOf(row.office_id));
  return row;
}

/** Biên bản đối chiếu of a closed list. */
export async function reconciliation(database: Database, actor: Actor, listId: string) {
  const row = await reconciliationRow(database, actor, listId);
  const office = await findServicePoint(database.db, row.office_id);
  return {
    listId: row.list_id,
    officeId: row.office_id,
    officeName: office?.name ?? '',
    period: row.period,
    linesPaid: row.lines_paid,
    amountPaid: Number(row.amount_paid),
    linesReturned: row.lines_returned,
    amountReturned: Number(row.amount_returned),
    settlementPostingId: row.settlement_posting_id,
    returnPostingId: row.return_posting_id,
    closedAt: row.closed_at,
  };
}

/** The export file for the agency (CSV, UTF-8 with BOM, Vietnamese headers). */
export async function reconciliationExport(database: Database, actor: Actor, listId: string) {
  const row = await reconciliationRow(database, actor, listId);
  return { csv: row.export_csv, fileName: `doi-chieu-chi-tra-${row.period}-${row.list_id.slice(-8)}.csv` };
}

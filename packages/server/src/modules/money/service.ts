/**
 * Money commands of an office's ledger: set-up (accounts per office, drawer, programme and
 * counterpart), programme funding, the drawer's float, reversal; and the reads (balances, statement,
 * trial balance). Each write: authorised against the office of the resource it touches, one
 * transaction with its posting and its audit entry, idempotent by client transaction id.
 */
import type { IsoDate, MoneyOperation, Posting } from '@motcua/core';
import { recordAudit } from '../../audit/audit.ts';
import type { Database, Executor } from '../../db/database.ts';
import { inTransaction, isUniqueViolation, newId } from '../../db/helpers.ts';
import type { DB } from '../../db/schema.ts';
import { AppError, invalidField, notFound } from '../../errors.ts';
import { type Actor, authorize, authorizeNational, can, reachable, roleFor } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { findServicePoint } from '../org/repository.ts';
import {
  type AccountRow,
  accountTotals,
  loadPosting,
  officeAccounts,
  postingByClientTx,
  postOperation,
  postReversal,
  statementOf,
  type Trx,
} from './ledger.ts';

export const PROGRAMME_KINDS = [
  'pension',
  'benefit',
  'voluntary_si',
  'household_hi',
  'traffic_fines',
] as const;
export type ProgrammeKind = (typeof PROGRAMME_KINDS)[number];

export const PROGRAMME_LABELS: Record<ProgrammeKind, { vi: string; en: string }> = {
  pension: { vi: 'Chi trả lương hưu', en: 'Pension payouts' },
  benefit: { vi: 'Chi trả trợ cấp BHXH', en: 'Social-insurance benefit payouts' },
  voluntary_si: { vi: 'Thu BHXH tự nguyện', en: 'Voluntary social insurance collections' },
  household_hi: { vi: 'Thu BHYT hộ gia đình', en: 'Household health insurance collections' },
  traffic_fines: { vi: 'Thu tiền phạt vi phạm giao thông', en: 'Traffic fine collections' },
};

/** Which counterpart each programme settles with: the agency, except fines (the State Treasury). */
const PROGRAMME_COUNTERPART: Record<ProgrammeKind, 'social_insurance_agency' | 'state_treasury'> = {
  pension: 'social_insurance_agency',
  benefit: 'social_insurance_agency',
  voluntary_si: 'social_insurance_agency',
  household_hi: 'social_insurance_agency',
  traffic_fines: 'state_treasury',
};

const OFFICE = { vi: 'bưu cục', en: 'Post office' };

export function scopeOf(officeId: string) {
  return { servicePointIds: [officeId] };
}

function roleOf(actor: Actor, permission: Permission, officeId: string) {
  return roleFor(actor, permission, scopeOf(officeId), 'staff');
}

/** The view of a posting the API gives. */
export function postingView(
  posting: Posting & { officeId: string; operation: string; clientTxId: string },
  replayed = false,
) {
  return {
    id: posting.id,
    officeId: posting.officeId,
    postedOn: posting.postedOn,
    operation: posting.operation,
    reversalOf: posting.reversalOf ?? null,
    memo: posting.memo ?? null,
    clientTxId: posting.clientTxId,
    entries: posting.entries.map((e) => ({ accountId: e.accountId, side: e.side, amount: e.amount })),
    replayed,
  };
}

/**
 * Runs a posting command once per (office, client transaction id): a retry, or the same request twice
 * at once (the loser meets `ledger_postings_client_tx_uq`), answers with the posting already made.
 */
async function oncePerClientTx(
  database: Database,
  officeId: string,
  clientTxId: string,
  work: () => Promise<string>,
) {
  const known = await postingByClientTx(database.db, officeId, clientTxId);
  if (known) return postingView(known, true);
  try {
    const id = await work();
    return postingView((await loadPosting(database.db, id))!);
  } catch (error) {
    if (isUniqueViolation(error)) {
      const existing = await postingByClientTx(database.db, officeId, clientTxId);
      if (existing) return postingView(existing, true);
    }
    throw error;
  }
}

// ---------------------------------------------------------------- counterparts

export async function createCounterpart(
  database: Database,
  actor: Actor,
  input: {
    code: string;
    name: string;
    kind: 'social_insurance_agency' | 'state_treasury';
    accountNo?: string | null;
  },
) {
  // A counterpart is a body of the State, no office's: national data, like the catalogue
  // (docs/security.md); an office takes it into its ledger at set-up, in its own scope.
  authorizeNational(actor, Permission.MoneyManage);
  const row = {
    id: newId(),
    code: input.code.trim().toUpperCase(),
    name: input.name.normalize('NFC').trim(),
    kind: input.kind,
    account_no: input.accountNo?.trim() || null,
    created_at: new Date().toISOString(),
    created_by: actor.userId,
  };
  try {
    await inTransaction(database, async (trx) => {
      await trx.insertInto('counterparts').values(row).execute();
      await recordAudit(trx, database.dialect, {
        actor,
        action: 'money.counterpart.create',
        entityType: 'counterpart',
        entityId: row.id,
        after: row,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(409, 'DUPLICATE_CODE', { vi: 'Mã này đã tồn tại', en: 'This code already exists' }, [
        { field: 'code', message: { vi: 'Mã đã được dùng', en: 'Code already in use' } },
      ]);
    }
    throw error;
  }
  return counterpartView(row);
}

function counterpartView(row: {
  id: string;
  code: string;
  name: string;
  kind: 'social_insurance_agency' | 'state_treasury';
  account_no: string | null;
}) {
  return { id: row.id, code: row.code, name: row.name, kind: row.kind, accountNo: row.account_no };
}

export async function listCounterparts(database: Database) {
  const rows = await database.db.selectFrom('counterparts').selectAll().orderBy('code').execute();
  return rows.map(counterpartView);
}

// ---------------------------------------------------------------- office set-up

/**
 * Creates what an office's money needs and is missing: its office and cash-differences accounts, one
 * programme per kind with its account (settled with the agency, fines with the State Treasury), an
 * account per counterpart, and the named cash drawers with theirs. Running it again adds only what is
 * new (more drawers); `ledger_accounts_owner_uq` keeps a concurrent run from doubling an account.
 */
export async function setupOfficeLedger(
  database: Database,
  actor: Actor,
  officeId: string,
  input: { socialInsuranceAgencyId: string; stateTreasuryId: string; drawers: string[] },
  now = new Date(),
) {
  const site = await findServicePoint(database.db, officeId);
  if (!site) throw notFound(OFFICE);
  authorize(actor, Permission.MoneyManage, scopeOf(officeId));
  if (!site.paysBenefits && !site.collectsMoney) {
    throw invalidField('officeId', {
      vi: 'Điểm này không chi trả và không thu hộ',
      en: 'This service point neither pays benefits nor collects money',
    });
  }
  const counterparts = {
    social_insurance_agency: await database.db
      .selectFrom('counterparts')
      .selectAll()
      .where('id', '=', input.socialInsuranceAgencyId)
      .executeTakeFirst(),
    state_treasury: await database.db
      .selectFrom('counterparts')
      .selectAll()
      .where('id', '=', input.stateTreasuryId)
      .executeTakeFirst(),
  };
  if (counterparts.social_insurance_agency?.kind !== 'social_insurance_agency') {
    throw invalidField('socialInsuranceAgencyId', {
      vi: 'Không có cơ quan BHXH này',
      en: 'No such social-insurance agency',
    });
  }
  if (counterparts.state_treasury?.kind !== 'state_treasury') {
    throw invalidField('stateTreasuryId', {
      vi: 'Không có Kho bạc Nhà nước này',
      en: 'No such State Treasury',
    });
  }
  const drawerNames = [...new Set(input.drawers.map((d) => d.normalize('NFC').trim()).filter(Boolean))];
  const at = now.toISOString();
  try {
    await inTransaction(database, async (trx) => {
      const existing = await officeAccounts(trx, officeId);
      const created: unknown[] = [];
      const account = async (
        fields: Pick<AccountRow, 'kind' | 'purpose' | 'name'> &
          Partial<Pick<AccountRow, 'drawer_id' | 'programme_id' | 'counterpart_id'>>,
      ) => {
        const ownerKey = fields.drawer_id ?? fields.programme_id ?? fields.counterpart_id ?? '';
        if (existing.some((a) => a.purpose === fields.purpose && a.owner_key === ownerKey)) return;
        const row: AccountRow = {
          id: newId(),
          office_id: officeId,
          drawer_id: null,
          programme_id: null,
          counterpart_id: null,
          currency: 'VND',
          created_at: at,
          created_by: actor.userId,
          owner_key: ownerKey,
          ...fields,
        };
        await trx.insertInto('ledger_accounts').values(row).execute();
        existing.push(row);
        created.push(row);
      };
      await account({ kind: 'office', purpose: 'office', name: `Quỹ ${site.name}` });
      await account({ kind: 'office', purpose: 'differences', name: 'Chênh lệch kiểm quỹ chờ xử lý' });
      for (const counterpart of Object.values(counterparts)) {
        await account({
          kind: 'counterpart',
          purpose: 'counterpart',
          counterpart_id: counterpart!.id,
          name: counterpart!.name,
        });
      }
      const programmes = await trx
        .selectFrom('programmes')
        .selectAll()
        .where('office_id', '=', officeId)
        .execute();
      for (const kind of PROGRAMME_KINDS) {
        let programme = programmes.find((p) => p.kind === kind);
        if (!programme) {
          programme = {
            id: newId(),
            office_id: officeId,
            kind,
            counterpart_id: counterparts[PROGRAMME_COUNTERPART[kind]]!.id,
            created_at: at,
            created_by: actor.userId,
          };
          await trx.insertInto('programmes').values(programme).execute();
          created.push(programme);
        }
        await account({
          kind: 'programme',
          purpose: 'programme',
          programme_id: programme.id,
          name: PROGRAMME_LABELS[kind].vi,
        });
      }
      const drawers = await trx
        .selectFrom('cash_drawers')
        .selectAll()
        .where('office_id', '=', officeId)
        .execute();
      for (const name of drawerNames) {
        let drawer = drawers.find((d) => d.name === name);
        if (!drawer) {
          drawer = { id: newId(), office_id: officeId, name, created_at: at, created_by: actor.userId };
          await trx.insertInto('cash_drawers').values(drawer).execute();
          created.push(drawer);
        }
        await account({
          kind: 'cash_drawer',
          purpose: 'cash',
          drawer_id: drawer.id,
          name: `Quỹ tiền mặt ${name}`,
        });
      }
      if (created.length > 0) {
        await recordAudit(trx, database.dialect, {
          actor,
          role: roleOf(actor, Permission.MoneyManage, officeId),
          siteId: officeId,
          action: 'money.office.setup',
          entityType: 'service_point',
          entityId: officeId,
          after: { created },
        });
      }
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(409, 'SETUP_IN_PROGRESS', {
        vi: 'Sổ cái của bưu cục đang được thiết lập bởi một yêu cầu khác, vui lòng thử lại',
        en: 'The office ledger is being set up by another request, retry',
      });
    }
    throw error;
  }
  return officeLedger(database.db, officeId);
}

/** The office's accounts with their totals, its drawers and programmes. */
export async function officeLedger(executor: Executor, officeId: string, until?: IsoDate) {
  const accounts = await officeAccounts(executor, officeId);
  const totals = await accountTotals(executor, [officeId], until);
  const programmes = await executor
    .selectFrom('programmes')
    .selectAll()
    .where('office_id', '=', officeId)
    .execute();
  const drawers = await executor
    .selectFrom('cash_drawers')
    .selectAll()
    .where('office_id', '=', officeId)
    .execute();
  const accountOf = (pred: (a: AccountRow) => boolean) => accounts.find(pred)?.id ?? null;
  return {
    officeId,
    until: until ?? null,
    accounts: accounts
      .sort((a, b) => (a.kind + a.name < b.kind + b.name ? -1 : 1))
      .map((a) => {
        const t = totals.get(a.id) ?? { debits: 0, credits: 0 };
        return {
          id: a.id,
          kind: a.kind,
          purpose: a.purpose,
          name: a.name,
          drawerId: a.drawer_id,
          programmeId: a.programme_id,
          counterpartId: a.counterpart_id,
          debits: t.debits,
          credits: t.credits,
          balance: t.debits - t.credits,
        };
      }),
    programmes: programmes.map((p) => ({
      id: p.id,
      kind: p.kind,
      counterpartId: p.counterpart_id,
      accountId: accountOf((a) => a.programme_id === p.id),
    })),
    drawers: drawers.map((d) => ({
      id: d.id,
      name: d.name,
      accountId: accountOf((a) => a.drawer_id === d.id),
    })),
  };
}

export async function readOfficeLedger(database: Database, actor: Actor, officeId: string, until?: IsoDate) {
  const site = await findServicePoint(database.db, officeId);
  if (!site) throw notFound(OFFICE);
  authorize(actor, Permission.MoneyRead, scopeOf(officeId));
  return officeLedger(database.db, officeId, until);
}

// ---------------------------------------------------------------- commands that post

/** The account of one purpose and owner at an office, or a 409 naming what is not set up. */
export function accountFor(
  accounts: readonly AccountRow[],
  purpose: AccountRow['purpose'],
  ownerKey = '',
): string {
  const found = accounts.find((a) => a.purpose === purpose && a.owner_key === ownerKey);
  if (!found) {
    throw new AppError(409, 'LEDGER_NOT_SET_UP', {
      vi: 'Sổ cái của bưu cục chưa được thiết lập đủ tài khoản cho nghiệp vụ này',
      en: 'The office ledger has no account for this operation yet (set it up first)',
    });
  }
  return found.id;
}

export async function programmeById(executor: Executor, id: string) {
  const programme = await executor
    .selectFrom('programmes')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!programme) throw notFound({ vi: 'chương trình', en: 'Programme' });
  return programme;
}

export async function drawerById(executor: Executor, id: string) {
  const drawer = await executor
    .selectFrom('cash_drawers')
    .selectAll()
    .where('id', '=', id)
    .executeTakeFirst();
  if (!drawer) throw notFound({ vi: 'quầy thu chi', en: 'Cash drawer' });
  return drawer;
}

/** One posting command: authorised, posted, audited, in one transaction, once per client tx id. */
async function postCommand(
  database: Database,
  actor: Actor,
  input: {
    officeId: string;
    permission: Permission;
    clientTxId: string;
    memo?: string;
    action: string;
    operation: (accounts: AccountRow[], trx: Trx) => Promise<MoneyOperation> | MoneyOperation;
    now: Date;
  },
) {
  authorize(actor, input.permission, scopeOf(input.officeId));
  return oncePerClientTx(database, input.officeId, input.clientTxId, () =>
    inTransaction(database, async (trx) => {
      const accounts = await officeAccounts(trx, input.officeId);
      const operation = await input.operation(accounts, trx);
      const posting = await postOperation(trx, database.dialect, {
        officeId: input.officeId,
        operation,
        clientTxId: input.clientTxId,
        actor,
        now: input.now,
        accounts,
        ...(input.memo ? { memo: input.memo.normalize('NFC') } : {}),
      });
      await recordAudit(trx, database.dialect, {
        actor,
        role: roleOf(actor, input.permission, input.officeId),
        siteId: input.officeId,
        action: input.action,
        entityType: 'ledger_posting',
        entityId: posting.id,
        after: { ...posting, operation: operation.kind, clientTxId: input.clientTxId },
      });
      return posting.id;
    }),
  );
}

/** Nhận kinh phí chi trả: the agency's money for a payout programme arrives at the office. */
export async function fundProgramme(
  database: Database,
  actor: Actor,
  programmeId: string,
  input: { clientTxId: string; amount: number; memo?: string },
  now = new Date(),
) {
  const programme = await programmeById(database.db, programmeId);
  return postCommand(database, actor, {
    officeId: programme.office_id,
    permission: Permission.MoneyManage,
    clientTxId: input.clientTxId,
    memo: input.memo,
    action: 'money.programme.fund',
    now,
    operation: (accounts) => ({
      kind: 'programme_funding',
      office: accountFor(accounts, 'office'),
      counterpart: accountFor(accounts, 'counterpart', programme.counterpart_id),
      amount: input.amount,
    }),
  });
}

/** Tạm ứng quỹ đầu ngày / nộp quỹ cuối ngày: cash between the office and a drawer. */
export async function moveFloat(
  database: Database,
  actor: Actor,
  drawerId: string,
  input: { clientTxId: string; direction: 'in' | 'out'; amount: number; memo?: string },
  now = new Date(),
) {
  const drawer = await drawerById(database.db, drawerId);
  return postCommand(database, actor, {
    officeId: drawer.office_id,
    permission: Permission.MoneyOperate,
    clientTxId: input.clientTxId,
    memo: input.memo,
    action: `money.drawer.float_${input.direction}`,
    now,
    operation: (accounts) => ({
      kind: input.direction === 'in' ? 'float_in' : 'float_out',
      drawer: accountFor(accounts, 'cash', drawer.id),
      office: accountFor(accounts, 'office'),
      amount: input.amount,
    }),
  });
}

function reversalView(row: DB['reversal_requests'], replayed = false) {
  return {
    id: row.id,
    postingId: row.posting_id,
    officeId: row.office_id,
    reason: row.reason,
    requestedBy: row.requested_by,
    requestedAt: row.requested_at,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    reversalPostingId: row.reversal_posting_id,
    status: row.approved_by ? ('approved' as const) : ('requested' as const),
    replayed,
  };
}

/**
 * Asks for a correction of a posting (maker): nothing is posted until a second person approves. One
 * request per posting (`reversal_requests_posting_uq`); a reversal is not itself reversed.
 */
export async function requestReversal(
  database: Database,
  actor: Actor,
  postingId: string,
  input: { clientTxId: string; reason: string },
  now = new Date(),
) {
  // A role that can never ask for a correction (an auditor) is refused before anything is looked up.
  if (!can(actor, Permission.MoneyOperate)) authorize(actor, Permission.MoneyManage);
  const original = await loadPosting(database.db, postingId);
  if (!original) throw notFound({ vi: 'bút toán', en: 'Posting' });
  if (!can(actor, Permission.MoneyOperate, scopeOf(original.officeId))) {
    authorize(actor, Permission.MoneyManage, scopeOf(original.officeId));
  }
  if (original.reversalOf) {
    throw new AppError(409, 'POSTING_IS_REVERSAL', {
      vi: 'Không đảo một bút toán đảo',
      en: 'A reversal cannot itself be reversed',
    });
  }
  const known = await database.db
    .selectFrom('reversal_requests')
    .selectAll()
    .where('office_id', '=', original.officeId)
    .where('client_tx_id', '=', input.clientTxId)
    .executeTakeFirst();
  if (known) return reversalView(known, true);
  const row: DB['reversal_requests'] = {
    id: newId(now.getTime()),
    posting_id: postingId,
    office_id: original.officeId,
    reason: input.reason.normalize('NFC').trim(),
    client_tx_id: input.clientTxId,
    requested_by: actor.userId,
    requested_at: now.toISOString(),
    approved_by: null,
    approved_at: null,
    reversal_posting_id: null,
  };
  try {
    await inTransaction(database, async (trx) => {
      await trx.insertInto('reversal_requests').values(row).execute();
      await recordAudit(trx, database.dialect, {
        actor,
        siteId: original.officeId,
        action: 'money.reversal.request',
        entityType: 'ledger_posting',
        entityId: postingId,
        after: row,
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new AppError(409, 'REVERSAL_ALREADY_REQUESTED', {
        vi: 'Bút toán này đã có yêu cầu đảo',
        en: 'A reversal of this posting has already been requested',
      });
    }
    throw error;
  }
  return reversalView(row);
}

/**
 * Approves a reversal (checker, another person than the maker, `money:manage` at the office): posts
 * the mirror of the posting (core `reversePosting`), once (`ledger_postings_reversal_uq`, and the
 * request flipped only while unapproved), with the audit entry, in one transaction.
 */
export async function approveReversal(
  database: Database,
  actor: Actor,
  requestId: string,
  input: { clientTxId: string },
  now = new Date(),
) {
  const request = await database.db
    .selectFrom('reversal_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirst();
  if (!request) throw notFound({ vi: 'yêu cầu đảo bút toán', en: 'Reversal request' });
  authorize(actor, Permission.MoneyManage, scopeOf(request.office_id));
  if (request.approved_by) return reversalView(request, true);
  if (request.requested_by === actor.userId) {
    throw new AppError(
      403,
      'SAME_PERSON',
      {
        vi: 'Người duyệt bút toán đảo phải khác người đề nghị',
        en: 'A reversal must be approved by someone other than who asked for it',
      },
      [{ field: 'id', message: { vi: 'Cần người thứ hai duyệt', en: 'Needs a second person' } }],
    );
  }
  try {
    await inTransaction(database, async (trx) => {
      const posting = await postReversal(trx, database.dialect, {
        originalId: request.posting_id,
        clientTxId: input.clientTxId,
        actor,
        now,
        memo: request.reason,
      });
      const done = await trx
        .updateTable('reversal_requests')
        .set({ approved_by: actor.userId, approved_at: now.toISOString(), reversal_posting_id: posting.id })
        .where('id', '=', requestId)
        .where('approved_by', 'is', null)
        .executeTakeFirst();
      if (Number(done.numUpdatedRows) !== 1) throw alreadyReversed();
      await recordAudit(trx, database.dialect, {
        actor,
        role: roleOf(actor, Permission.MoneyManage, request.office_id),
        siteId: request.office_id,
        action: 'money.reversal.approve',
        entityType: 'ledger_posting',
        entityId: posting.id,
        before: { request: request.id },
        after: { ...posting, clientTxId: input.clientTxId, approvedBy: actor.userId },
      });
    });
  } catch (error) {
    if (isUniqueViolation(error)) throw alreadyReversed();
    throw error;
  }
  const row = await database.db
    .selectFrom('reversal_requests')
    .selectAll()
    .where('id', '=', requestId)
    .executeTakeFirstOrThrow();
  return reversalView(row);
}

function alreadyReversed() {
  return new AppError(409, 'ALREADY_REVERSED', {
    vi: 'Bút toán này đã được đảo',
    en: 'This posting has already been reversed',
  });
}

// ---------------------------------------------------------------- reads

export async function accountStatementFor(
  database: Database,
  actor: Actor,
  accountId: string,
  period: { from: IsoDate; until: IsoDate },
) {
  const account = await database.db
    .selectFrom('ledger_accounts')
    .selectAll()
    .where('id', '=', accountId)
    .executeTakeFirst();
  if (!account) throw notFound({ vi: 'tài khoản', en: 'Account' });
  authorize(actor, Permission.MoneyRead, scopeOf(account.office_id));
  if (period.from > period.until) {
    throw invalidField('from', { vi: 'Từ ngày phải trước đến ngày', en: '`from` must not be after `until`' });
  }
  const statement = await statementOf(database.db, accountId, period);
  return { ...statement, officeId: account.office_id, name: account.name, kind: account.kind };
}

/** The trial balance of the offices the actor may read (one office when asked). */
export async function trialBalanceFor(
  database: Database,
  actor: Actor,
  query: { officeId?: string; until?: IsoDate },
) {
  const reach = reachable(actor, Permission.MoneyRead);
  let offices: string[] | null = reach.all ? null : reach.servicePointIds;
  if (query.officeId) {
    authorize(actor, Permission.MoneyRead, scopeOf(query.officeId));
    offices = [query.officeId];
  }
  const totals = await accountTotals(database.db, offices, query.until);
  let accountsQuery = database.db.selectFrom('ledger_accounts').select(['id', 'office_id', 'name', 'kind']);
  if (offices !== null)
    accountsQuery = accountsQuery.where('office_id', 'in', offices.length ? offices : ['']);
  const accounts = await accountsQuery.execute();
  let debits = 0;
  let credits = 0;
  const rows = accounts
    .filter((a) => totals.has(a.id))
    .map((a) => {
      const t = totals.get(a.id)!;
      debits += t.debits;
      credits += t.credits;
      return {
        accountId: a.id,
        officeId: a.office_id,
        name: a.name,
        kind: a.kind,
        debits: t.debits,
        credits: t.credits,
        balance: t.debits - t.credits,
      };
    })
    .sort((a, b) => (a.officeId + a.accountId < b.officeId + b.accountId ? -1 : 1));
  return {
    until: query.until ?? null,
    accounts: rows,
    totalDebits: debits,
    totalCredits: credits,
    balanced: debits === credits,
  };
}

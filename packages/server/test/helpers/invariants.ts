// What must hold in the database whatever requests came before (the fuzz and fault suites check it
// after their runs): no partial write, no orphan, counters ahead of what they numbered, the audit
// chain intact, no idempotency key left pending.
import { deriveState } from '@motcua/core';
import { sql } from 'kysely';
import { verifyAudit } from '../../src/audit/audit.ts';
import type { Database } from '../../src/db/database.ts';
import { toRecord } from '../../src/modules/dossiers/actions.ts';

/** Each broken invariant as one line naming it and a few of the rows that break it (empty: all hold). */
export async function brokenInvariants(
  database: Database,
  options: { allowPendingKeys?: boolean } = {},
): Promise<string[]> {
  const broken: string[] = [];
  const check = async (name: string, query: ReturnType<typeof sql<Record<string, unknown>>>) => {
    const rows = (await query.execute(database.db)).rows;
    if (rows.length > 0) broken.push(`${name}: ${JSON.stringify(rows.slice(0, 3))} (${rows.length} rows)`);
  };

  await check(
    'every dossier starts with its receive action',
    sql`select d.id from dossiers d
        left join dossier_actions a on a.dossier_id = d.id and a.seq = 1
        where a.id is null or a.type <> 'receive'`,
  );
  await check(
    'action numbers run 1..n without a gap, and the dossier counts them',
    sql`select d.id, d.action_count, x.n, x.low, x.high from dossiers d
        join (select dossier_id, count(*) as n, min(seq) as low, max(seq) as high
              from dossier_actions group by dossier_id) x on x.dossier_id = d.id
        where x.low <> 1 or x.high <> x.n or d.action_count <> x.n`,
  );
  await check(
    'no action without its dossier',
    sql`select a.id from dossier_actions a left join dossiers d on d.id = a.dossier_id where d.id is null`,
  );
  await check(
    'fee receipts belong to dossiers',
    sql`select f.id from fee_receipts f left join dossiers d on d.id = f.dossier_id where d.id is null`,
  );
  await check(
    'handover items belong to a batch and a dossier',
    sql`select i.batch_id, i.dossier_id from handover_items i
        left join handover_batches b on b.id = i.batch_id
        left join dossiers d on d.id = i.dossier_id
        where b.id is null or d.id is null`,
  );
  await check(
    'no handover batch without items',
    sql`select b.id from handover_batches b
        where not exists (select 1 from handover_items i where i.batch_id = b.id)`,
  );
  await check(
    'shipment events belong to shipments, shipments to dossiers when they name one',
    sql`select e.id from shipment_events e left join shipments s on s.id = e.shipment_id where s.id is null
        union all
        select s.id from shipments s left join dossiers d on d.id = s.dossier_id
        where s.dossier_id is not null and d.id is null`,
  );
  await check(
    'the daily code counter is at or past every code it gave',
    sql`select d.code, d.received_date, c.last_sequence from dossiers d
        left join dossier_code_counters c
          on c.date = d.received_date and d.code like c.agency_code || '-%'
        group by d.code, d.received_date, c.last_sequence
        having max(c.last_sequence) is null`,
  );
  await check(
    'the register counter is at or past every register number',
    sql`select d.receiving_site_id, d.register_year, max(d.register_number) as highest, c.last_number
        from dossiers d
        left join register_counters c on c.site_id = d.receiving_site_id and c.year = d.register_year
        group by d.receiving_site_id, d.register_year, c.last_number
        having c.last_number is null or max(d.register_number) > c.last_number`,
  );
  await check(
    'every ledger posting has two entries or more and balances (docs/money.md)',
    sql`select p.id, count(e.line) as entries,
          coalesce(sum(case when e.side = 'debit' then e.amount else -e.amount end), 0) as net
        from ledger_postings p left join ledger_entries e on e.posting_id = p.id
        group by p.id
        having count(e.line) < 2 or coalesce(sum(case when e.side = 'debit' then e.amount else -e.amount end), 0) <> 0`,
  );
  await check(
    'a paid payout line has exactly one payment, an unpaid one none',
    sql`select l.id, l.status, count(p.id) as payments from payout_lines l
        left join payments p on p.line_id = l.id
        group by l.id, l.status
        having (l.status = 'paid' and count(p.id) <> 1) or (l.status <> 'paid' and count(p.id) <> 0)`,
  );
  if (!options.allowPendingKeys) {
    await check(
      'no idempotency key is left pending',
      sql`select scope, key, created_at from idempotency_keys where status <> 'done'`,
    );
  }

  // Sequence numbers within a code's day: the counter covers the highest one.
  const codes = await database.db
    .selectFrom('dossiers as d')
    .innerJoin('dossier_code_counters as c', 'c.date', 'd.received_date')
    .select(['d.code', 'c.agency_code', 'c.last_sequence'])
    .execute();
  const behind = codes.filter(
    (r) => r.code.startsWith(`${r.agency_code}-`) && Number(r.code.slice(-4)) > Number(r.last_sequence),
  );
  if (behind.length > 0)
    broken.push(`code counters behind their codes: ${JSON.stringify(behind.slice(0, 3))}`);

  // The status column is the projection of the action list.
  const actions = await database.db
    .selectFrom('dossier_actions')
    .selectAll()
    .orderBy('dossier_id')
    .orderBy('seq')
    .execute();
  const byDossier = new Map<string, typeof actions>();
  for (const a of actions) {
    const list = byDossier.get(a.dossier_id) ?? [];
    list.push(a);
    byDossier.set(a.dossier_id, list);
  }
  const dossiers = await database.db.selectFrom('dossiers').select(['id', 'code', 'status']).execute();
  const mismatched: string[] = [];
  for (const d of dossiers) {
    const list = byDossier.get(d.id);
    if (!list) continue;
    try {
      const state = deriveState(list.map(toRecord));
      if (state.status !== d.status) mismatched.push(`${d.code}: ${d.status} ≠ ${state.status}`);
    } catch (error) {
      mismatched.push(`${d.code}: ${(error as Error).message}`);
    }
  }
  if (mismatched.length > 0)
    broken.push(`status is the projection of the actions: ${mismatched.slice(0, 3).join('; ')}`);

  const audit = await verifyAudit(database);
  if (!audit.ok) broken.push(`audit chain verifies: ${JSON.stringify(audit)}`);
  return broken;
}

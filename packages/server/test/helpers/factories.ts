// Factories for test data: a staff member with one role at one place, a dossier received at a site,
// a result waiting at an office, a handover batch. Each call makes its own rows (fresh usernames,
// fresh client transaction ids), so tests do not share state beyond the seeded organisation.

import { searchKey } from '@motcua/core';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { createSession } from '../../src/auth/sessions.ts';
import { newId, nowIso, toJson } from '../../src/db/helpers.ts';
import { clearReferenceCaches } from '../../src/db/reference-cache.ts';
import { insertUser } from '../../src/modules/users/service.ts';
import type { Role } from '../../src/policy/roles.ts';
import type { Client, TestContext } from './app.ts';
import { agencyId, expectOk, intakeBody, procedure, siteId, tx } from './fixtures.ts';

let made = 0;

/** A client that sends an API bearer token (no cookie, no CSRF). */
export function bearerClient(app: FastifyInstance, token: string): Client {
  const client: Client = {
    cookies: {},
    csrfToken: null,
    request: (options: InjectOptions) =>
      app.inject({
        ...options,
        headers: { ...(options.headers ?? {}), authorization: `Bearer ${token}` },
      }),
    get: (url, headers) => client.request({ method: 'GET', url, headers }),
    post: (url, body, headers) =>
      client.request({
        method: 'POST',
        url,
        headers,
        ...(body === undefined ? {} : { payload: body as object }),
      }),
    patch: (url, body, headers) => client.request({ method: 'PATCH', url, headers, payload: body as object }),
  };
  return client;
}

export interface Place {
  /** Service point code (seeded organisation). */
  site?: string;
  /** Or its id. */
  siteId?: string;
  /** Agency code. */
  agency?: string;
  /** Administrative unit id, e.g. '2008:70' for Bình Phước. */
  unit?: string;
}

export interface Staff {
  userId: string;
  username: string;
  client: Client;
}

/**
 * A new staff member holding `role` at `place` (none: everywhere), signed in with an API token.
 * The password is never used: the row carries no usable hash.
 */
export async function makeStaff(ctx: TestContext, role: Role, place: Place = {}): Promise<Staff> {
  made += 1;
  const username = `f.${role}.${made}.${Math.random().toString(36).slice(2, 7)}`;
  const userId = await insertUser(ctx.database.db, {
    username,
    fullName: 'Nguyễn Thị Ánh',
    passwordHash: 'factory:no-password',
    roles: [
      {
        role,
        servicePointId: place.siteId ?? (place.site ? await siteId(ctx.database, place.site) : null),
        agencyId: place.agency ? await agencyId(ctx.database, place.agency) : null,
        unitId: place.unit ?? null,
      },
    ],
  });
  const { token } = await createSession(ctx.database, { userId, kind: 'api' });
  return { userId, username, client: bearerClient(ctx.app, token) };
}

/**
 * A new post office (no agency of its own: its dossiers travel to the competent agency in batches)
 * in a commune, with its own S10 series. Returns its code.
 */
export async function makePostOffice(ctx: TestContext, unitId: string, name: string): Promise<string> {
  made += 1;
  const code = `F-BD-${made}-${Math.random().toString(36).slice(2, 6).toUpperCase()}`;
  const id = newId();
  const now = nowIso();
  await ctx.database.db
    .insertInto('service_points')
    .values({
      id,
      code,
      name: name.normalize('NFC'),
      name_key: searchKey(name),
      kind: 'post_office',
      host_type: 'post_office',
      unit_id: unitId,
      agency_id: null,
      address: name.normalize('NFC'),
      counters: 1,
      opening_hours: toJson([{ start: '07:30', end: '17:00' }]),
      receives_dossiers: 1,
      returns_results: 1,
      pays_benefits: 0,
      collects_money: 1,
      pilot: 1,
      rollout_phase: null,
      move_date: null,
      notes: null,
      active: 1,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const start = (50 + (made % 40)) * 1_000_000;
  await ctx.database.db
    .insertInto('s10_series')
    .values({
      site_id: id,
      service_indicator: 'EA',
      range_start: start,
      range_end: start + 999_999,
      last_serial: start - 1,
    })
    .execute();
  clearReferenceCaches();
  return code;
}

/** A dossier received at a site by a new clerk of that site (procedure 1.001612, district level). */
export async function receivedDossier(
  ctx: TestContext,
  siteCode: string,
  extra: Record<string, unknown> = {},
): Promise<{ id: string; clerk: Staff }> {
  const clerk = await makeStaff(ctx, 'clerk', { site: siteCode });
  const response = await clerk.client.post(
    '/api/v1/dossiers',
    await intakeBody(ctx.database, siteCode, '1.001612', extra),
  );
  await expectOk(response, 201);
  return { id: response.json().id, clerk };
}

/** A handover batch from a site to an agency, carrying one new dossier received there. */
export async function batchAt(
  ctx: TestContext,
  siteCode: string,
  agencyCode: string,
): Promise<{ id: string; dossierId: string; clerk: Staff }> {
  const { id: dossierId, clerk } = await receivedDossier(ctx, siteCode);
  const batch = await clerk.client.post('/api/v1/handover-batches', {
    clientTxId: tx('batch'),
    direction: 'to_agency',
    siteId: await siteId(ctx.database, siteCode),
    agencyId: await agencyId(ctx.database, agencyCode),
    dossierIds: [dossierId],
    courierName: 'Đặng Văn Đức',
  });
  await expectOk(batch, 201);
  return { id: batch.json().id, dossierId, clerk };
}

/**
 * A dossier received at a post office with postal return, decided by the agency, whose result has
 * come back to that office and waits for delivery to `deliveryUnitId`.
 */
export async function resultWaitingAt(
  ctx: TestContext,
  siteCode: string,
  agencyCode: string,
  deliveryUnitId: string,
): Promise<{ id: string; clerk: Staff; officer: Staff }> {
  const site = await siteId(ctx.database, siteCode);
  const { id, clerk } = await receivedDossier(ctx, siteCode, {
    returnMethod: 'postal',
    deliveryAddress: 'Khu phố Tân Hiệp, thị trấn Thanh Bình',
    deliveryUnitId,
    returningSiteId: site,
  });
  const officer = await makeStaff(ctx, 'officer', { agency: agencyCode });
  const leader = await makeStaff(ctx, 'leader', { agency: agencyCode });
  const at = await ctx.database.db
    .selectFrom('dossiers')
    .select('location_kind')
    .where('id', '=', id)
    .executeTakeFirstOrThrow();
  if (at.location_kind === 'site') {
    // An office without an agency of its own sends the dossier to the agency in a batch.
    const toAgency = await clerk.client.post('/api/v1/handover-batches', {
      clientTxId: tx('to-agency'),
      direction: 'to_agency',
      siteId: site,
      agencyId: await agencyId(ctx.database, agencyCode),
      dossierIds: [id],
    });
    await expectOk(toAgency, 201);
    await expectOk(
      await officer.client.post(`/api/v1/handover-batches/${toAgency.json().id}/items/${id}/confirm`, {
        clientTxId: tx('received'),
      }),
    );
  }
  await expectOk(await officer.client.post(`/api/v1/dossiers/${id}/submit`, { clientTxId: tx('s') }));
  await expectOk(await leader.client.post(`/api/v1/dossiers/${id}/approve`, { clientTxId: tx('a') }));
  await expectOk(
    await officer.client.post(`/api/v1/dossiers/${id}/result`, {
      clientTxId: tx('r'),
      number: '12/GCN',
      date: '2026-12-01',
      signer: 'Đặng Văn Đức',
    }),
  );
  const batch = await officer.client.post('/api/v1/handover-batches', {
    clientTxId: tx('b'),
    direction: 'to_site',
    siteId: site,
    agencyId: await agencyId(ctx.database, agencyCode),
    dossierIds: [id],
  });
  await expectOk(batch, 201);
  await expectOk(
    await clerk.client.post(`/api/v1/handover-batches/${batch.json().id}/items/${id}/confirm`, {
      clientTxId: tx('c'),
    }),
  );
  return { id, clerk, officer };
}

/** A home pickup booked from the public page for Đặng Văn Đức in xã Đức Liễu (routed to Bù Đăng). */
export async function bookedPickup(
  ctx: TestContext,
  unitId = '2008:25417',
  address = 'Thôn 1, xã Đức Liễu',
): Promise<{ id: string; siteId: string }> {
  const p = await procedure(ctx.database, '1.001612');
  const start = new Date(Date.now() + 86_400_000);
  const booked = await ctx.anonymous.post('/api/v1/public/pickups', {
    clientTxId: tx('pickup'),
    procedureId: p.id,
    applicantName: 'Đặng Văn Đức',
    phone: '0987 654 321',
    address,
    unitId,
    windowStart: start.toISOString(),
    windowEnd: new Date(start.getTime() + 2 * 3600_000).toISOString(),
  });
  await expectOk(booked, 201);
  const row = await ctx.database.db
    .selectFrom('pickups')
    .select(['id', 'site_id'])
    .where('code', '=', booked.json().code)
    .executeTakeFirstOrThrow();
  return { id: row.id, siteId: row.site_id };
}

/**
 * A staff member holding `role` everywhere (a grant with no place, which the API only lets a global
 * administrator hand out), for checking what a role may call regardless of scope.
 */
export async function makeGlobalStaff(
  ctx: TestContext,
  role: Role,
): Promise<{ userId: string; token: () => Promise<string> }> {
  made += 1;
  const userId = newId();
  const now = nowIso();
  await ctx.database.db
    .insertInto('users')
    .values({
      id: userId,
      username: `g.${role}.${made}.${Math.random().toString(36).slice(2, 7)}`,
      full_name: 'Đặng Văn Đức',
      full_name_key: searchKey('Đặng Văn Đức'),
      email: null,
      phone: null,
      password_hash: 'factory:no-password',
      active: 1,
      locale: 'vi',
      created_at: now,
      updated_at: now,
    })
    .execute();
  await ctx.database.db
    .insertInto('user_roles')
    .values({ id: newId(), user_id: userId, role, service_point_id: null, agency_id: null, unit_id: null })
    .execute();
  return {
    userId,
    token: async () => (await createSession(ctx.database, { userId, kind: 'api' })).token,
  };
}

import { Type } from 'typebox';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IdParams, IsoDate, Nullable } from '../../http/schemas.ts';
import { Permission } from '../../policy/roles.ts';
import { addOverrides, deleteOverride, listOverrides, workCalendarFor } from './service.ts';

const Override = Type.Object({
  id: Type.String(),
  date: Type.String(),
  kind: Type.String(),
  reason: Type.String(),
  source: Nullable(Type.String()),
  unitId: Nullable(Type.String()),
  createdAt: Type.String(),
  valid: Type.Boolean({ description: 'false: the calendar ignores this row (not a day that exists)' }),
});

const Day = Type.Object({
  date: Type.String(),
  kind: Type.Union([Type.Literal('off'), Type.Literal('work')]),
  reason: Type.String(),
  origin: Type.String(),
  source: Nullable(Type.String()),
});

/** The public-sector working calendar (lịch làm việc): computed, announced, overridden. */
export const registerCalendarRoutes: RouteModule = (app, { database }) => {
  app.get(
    '/api/v1/calendar/:year',
    {
      config: { permission: Permission.CalendarRead },
      schema: {
        tags: ['calendar'],
        summary: 'Non-working weekdays and working weekend days of a year, with reasons and sources',
        params: Type.Object({ year: Type.Integer({ minimum: 1990, maximum: 2100 }) }),
        response: { 200: Type.Object({ year: Type.Integer(), days: Type.Array(Day) }), ...errorResponses },
      },
    },
    async (request) => {
      const calendar = await workCalendarFor(database);
      const days = calendar.nonStandardDays(request.params.year).map((e) => {
        const info = calendar.dayInfo(e.date);
        return {
          date: e.date,
          kind: e.kind,
          reason: e.reason,
          origin: info.origin,
          source: info.source ?? null,
        };
      });
      return { year: request.params.year, days };
    },
  );

  app.post(
    '/api/v1/calendar/overrides',
    {
      config: { permission: Permission.CalendarWrite, idempotent: true },
      schema: {
        tags: ['calendar'],
        summary: 'Declare days off or working days (a province may declare extra days)',
        body: Type.Object({
          entries: Type.Array(
            Type.Object({
              date: IsoDate,
              kind: Type.Union([Type.Literal('off'), Type.Literal('work')]),
              reason: Type.String({ minLength: 1, maxLength: 200 }),
              source: Type.Optional(Nullable(Type.String({ maxLength: 300 }))),
              unitId: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 64 }))),
            }),
            { minItems: 1, maxItems: 366 },
          ),
        }),
        response: { 201: Type.Object({ added: Type.Integer() }), ...errorResponses },
      },
    },
    async (request, reply) =>
      reply.status(201).send({ added: await addOverrides(database, request.actor, request.body.entries) }),
  );

  app.get(
    '/api/v1/calendar/overrides',
    {
      config: { permission: Permission.CalendarWrite },
      schema: {
        tags: ['calendar'],
        summary:
          'The administrator overrides (of a year), with their ids; valid=false marks a row the calendar ignores',
        querystring: Type.Object({ year: Type.Optional(Type.Integer({ minimum: 1900, maximum: 2100 })) }),
        response: { 200: Type.Object({ items: Type.Array(Override) }), ...errorResponses },
      },
    },
    async (request) => ({ items: await listOverrides(database, request.query.year) }),
  );

  app.delete(
    '/api/v1/calendar/overrides/:id',
    {
      config: { permission: Permission.CalendarWrite },
      schema: {
        tags: ['calendar'],
        summary: 'Delete one override (audited); the calendar follows at once',
        params: IdParams,
        response: { 204: Type.Null(), ...errorResponses },
      },
    },
    async (request, reply) => {
      await deleteOverride(database, request.actor, request.params.id);
      return reply.status(204).send(null);
    },
  );
};

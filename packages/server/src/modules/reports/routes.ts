import { Type } from 'typebox';
import type { RouteModule } from '../../http/route-module.ts';
import { errorResponses, IsoDate } from '../../http/schemas.ts';
import { reachable } from '../../policy/policy.ts';
import { Permission } from '../../policy/roles.ts';
import { DossierQuery } from '../dossiers/schema.ts';
import { exportBook } from './book-export.ts';
import { overview } from './overview.ts';

const { page: _page, pageSize: _pageSize, ...BookFilter } = DossierQuery.properties;

/** The book as a spreadsheet and the supervisor's dashboard. */
export const registerReportRoutes: RouteModule = (app, { database }) => {
  app.get(
    '/api/v1/dossiers/export.xlsx',
    {
      config: { permission: Permission.DossierRead },
      schema: {
        tags: ['reports'],
        summary:
          'Sổ theo dõi hồ sơ as .xlsx (Mẫu 06 columns): the filters of GET /api/v1/dossiers, at most 50,000 rows',
        querystring: Type.Object(BookFilter),
        response: { 200: Type.Unknown({ description: 'xlsx' }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const reach = reachable(request.actor!, Permission.DossierRead);
      const stream = exportBook(database.db, request.query, reach);
      const day = new Date().toISOString().slice(0, 10);
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="so-theo-doi-ho-so-${day}.xlsx"`)
        .header('cache-control', 'private, no-store')
        .send(stream);
    },
  );

  const Figures = Type.Object({
    siteId: Type.Union([Type.String(), Type.Null()]),
    siteName: Type.String(),
    total: Type.Integer(),
    byStatus: Type.Record(Type.String(), Type.Integer()),
    overdue: Type.Integer(),
    results: Type.Object({ early: Type.Integer(), onTime: Type.Integer(), late: Type.Integer() }),
    onTimeRate: Type.Union([Type.Number({ minimum: 0, maximum: 1 }), Type.Null()], {
      description: '(early + on time) / (decided + open overdue): overdue dossiers count as late',
    }),
    returned: Type.Integer(),
  });

  app.get(
    '/api/v1/reports/overview',
    {
      config: { permission: Permission.ReportsRead },
      schema: {
        tags: ['reports'],
        summary:
          'Bảng điều hành: per service point in your reach, dossiers by status, overdue, early/on-time/late, returned; the 50 most overdue',
        querystring: Type.Object({
          from: Type.Optional(IsoDate),
          to: Type.Optional(IsoDate),
          siteId: Type.Optional(Type.String()),
          agencyId: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            at: Type.String(),
            sites: Type.Array(Figures),
            totals: Figures,
            mostOverdue: Type.Array(
              Type.Object({
                id: Type.String(),
                code: Type.String(),
                procedureName: Type.String(),
                siteName: Type.String(),
                agencyName: Type.String(),
                dueAt: Type.String(),
                overdueWorkingHours: Type.Number(),
              }),
            ),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => overview(database, reachable(request.actor!, Permission.ReportsRead), request.query),
  );
};

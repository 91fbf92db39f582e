import type { RouteModule } from '../../http/app.ts';

/** Working-day calendar: filled in once the core calendar lands. */
export const registerCalendarRoutes: RouteModule = () => {};

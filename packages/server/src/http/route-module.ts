import type { IncomingMessage, ServerResponse } from 'node:http';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { Config } from '../config.ts';
import type { Database } from '../db/database.ts';

export interface AppContext {
  database: Database;
  config: Config;
}

/** The app as route modules see it: with the TypeBox type provider. */
export type TypedApp = FastifyInstance<
  RawServerDefault,
  IncomingMessage,
  ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** A module adds its routes here; it gets the app (with the TypeBox provider) and the context. */
export type RouteModule = (app: TypedApp, ctx: AppContext) => void;

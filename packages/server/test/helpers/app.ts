import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { buildApp, type RouteModule } from '../../src/app.ts';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/database.ts';
import { DEMO_PASSWORD, seedDemo } from '../../src/seed/demo.ts';
import { freshDatabase } from './db.ts';

export interface TestContext {
  app: FastifyInstance;
  database: Database;
  close(): Promise<void>;
  /** Signs a demo user in and returns a client that sends their cookie and CSRF token. */
  signIn(username: string, password?: string): Promise<Client>;
  anonymous: Client;
}

export interface Client {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  csrfToken: string | null;
  cookies: Record<string, string>;
}

function makeClient(app: FastifyInstance, cookies: Record<string, string>, csrfToken: string | null): Client {
  const client: Client = {
    cookies,
    csrfToken,
    async request(options) {
      const headers = { ...(options.headers ?? {}) } as Record<string, string>;
      if (client.csrfToken && !headers['x-csrf-token']) headers['x-csrf-token'] = client.csrfToken;
      const response = await app.inject({
        ...options,
        headers,
        cookies: { ...client.cookies, ...(options.cookies ?? {}) },
      });
      for (const c of response.cookies) client.cookies[c.name] = c.value;
      return response;
    },
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

/** A fresh database with the demo data (units of Bình Phước and Đồng Nai only, for speed) and the app. */
export async function createTestContext(
  options: { modules?: RouteModule[]; seed?: boolean; env?: Record<string, string> } = {},
): Promise<TestContext> {
  const database = await freshDatabase();
  if (options.seed !== false) await seedDemo(database, { provinces: ['70', '75'] });
  const config = loadConfig({
    MOTCUA_DATA_DIR: '/tmp/motcua-test-data',
    MOTCUA_PUBLIC_URL: 'http://localhost:8080',
    ...options.env,
  });
  const app = await buildApp({ database, config }, { modules: options.modules, serveWeb: false });
  await app.ready();
  return {
    app,
    database,
    anonymous: makeClient(app, {}, null),
    async close() {
      await app.close();
      await database.dispose();
    },
    async signIn(username, password = DEMO_PASSWORD) {
      const client = makeClient(app, {}, null);
      const response = await client.post('/api/v1/auth/login', { username, password });
      if (response.statusCode !== 200) throw new Error(`sign-in of ${username} failed: ${response.body}`);
      client.csrfToken = response.json().csrfToken;
      return client;
    },
  };
}

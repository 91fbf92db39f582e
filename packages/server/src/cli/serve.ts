import type { Command } from 'commander';
import { buildApp } from '../app.ts';
import { prepareAuditKey, useAuditKey } from '../audit/anchor.ts';
import { loadConfig, publicUrlWarning, readEnvironment } from '../config.ts';
import { openDatabase, redactUrl } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { databaseUnavailability } from '../db/unavailable.ts';
import { outboxHandlers } from '../outbox/notify.ts';
import { startOutboxWorker } from '../outbox/worker.ts';
import { DEMO_PASSWORD, seedDemo } from '../seed/demo.ts';

export function registerServeCommand(program: Command): void {
  program
    .command('serve')
    .description('Migrate the database and serve the API and web console')
    .option('--demo', 'load the demo data first when the database is empty, and print the demo logins')
    .option('--port <port>', 'port (default MOTCUA_PORT or 8080)')
    .action(async (o: { demo?: boolean; port?: string }) => {
      const env = readEnvironment();
      const config = loadConfig(env);
      if (o.port) config.port = Number(o.port);
      const urlWarning = publicUrlWarning(config.publicUrl, Boolean(o.demo));
      if (urlWarning) console.error(urlWarning);
      const database = openDatabase(config.databaseUrl);
      await whenDatabaseAnswers(() => migrate(database));
      // Every audit entry is sealed with the audit key, created at the first start (audit/anchor.ts).
      const auditKey = await prepareAuditKey(database, config.dataDir, env);
      if (auditKey.created) {
        console.log(
          `Created the audit key ${auditKey.source} (mode 0600): keep a copy apart from the backups.`,
        );
      }
      useAuditKey(auditKey.key);
      if (o.demo) {
        const seeded = await seedDemo(database, {}, { dossiers: true, present: true });
        if (!seeded.alreadySeeded) {
          console.log(
            `Demo data loaded: ${seeded.units} units, ${seeded.servicePoints} service points, ${seeded.procedures} procedures, ${seeded.dossiers ?? 0} dossiers.`,
          );
          if (seeded.reorganisation) {
            const r = seeded.reorganisation;
            console.log(
              `Reorganisation of 1/7/2025 applied: ${r.sites} sites re-attached, ${r.agencies} agencies closed, ${r.grants} grants carried, ${r.dossiers} open dossiers handed over (${r.unresolved} without a successor in the demo data).`,
            );
          }
        }
        console.log(
          `\nDemo logins (password for all: ${DEMO_PASSWORD}; today's Đồng Nai first, then the 2018 Bình Phước pilot; admin.toanquoc is the national administrator, the only one who changes the procedure catalogue, national holidays and the money counterparts):`,
        );
        for (const u of seeded.users)
          console.log(`  ${u.username.padEnd(24)} ${u.fullName} — ${u.roles.join(', ')}`);
        console.log('');
      }
      const app = await buildApp({ database, config }, { logger: { level: config.logLevel } });
      // Delivers the outbox (citizen notices) beside the server; several processes may run it.
      const outbox = startOutboxWorker({
        database,
        config,
        intervalMs: 5_000,
        handlers: outboxHandlers(config),
        log: app.log,
      });
      const close = async () => {
        await app.close();
        await outbox.stop();
        await database.close();
        process.exit(0);
      };
      process.once('SIGINT', close);
      process.once('SIGTERM', close);
      await app.listen({ port: config.port, host: config.host });
      console.log(`motcua is serving ${redactUrl(config.databaseUrl)} on ${config.publicUrl}`);
    });
}

/**
 * Runs `work` (the migrations at start-up), waiting for the database while it cannot be reached: a
 * server started before its PostgreSQL (a reboot, a supervisor restarting both) keeps trying, with
 * growing pauses up to 30 s, instead of exiting. Any other error ends the start as before.
 */
async function whenDatabaseAnswers(work: () => Promise<unknown>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await work();
      return;
    } catch (error) {
      if (!databaseUnavailability(error)) throw error;
      const pause = Math.min(1000 * 2 ** (attempt - 1), 30_000);
      console.error(
        `motcua: the database does not answer (${(error as Error).message}); trying again in ${pause / 1000} s`,
      );
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

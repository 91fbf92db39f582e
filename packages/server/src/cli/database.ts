import type { Command } from 'commander';
import { redactUrl } from '../db/database.ts';
import { migrate } from '../db/migrate.ts';
import { seedDemo } from '../seed/demo.ts';
import { withDatabase } from './context.ts';

export function registerDatabaseCommands(program: Command): void {
  program
    .command('migrate')
    .description('Apply pending database migrations (SQLite or PostgreSQL, from MOTCUA_DATABASE_URL)')
    .action(async () => {
      await withDatabase(
        async (database) => {
          const applied = await migrate(database);
          console.log(
            applied.length
              ? `Applied ${applied.length} migration(s) on ${redactUrl(database.url)}:\n  ${applied.join('\n  ')}`
              : `Database ${redactUrl(database.url)} is up to date.`,
          );
        },
        { migrate: false, auditKey: false },
      );
    });

  program
    .command('seed')
    .description('Load data: --demo loads the Bình Phước 2018 pilot (units, sites, catalogue, demo users)')
    .option('--demo', 'load the demo data set')
    .option(
      '--provinces <codes>',
      'only these provinces of the unit list, comma-separated GSO codes (e.g. 70,75)',
    )
    .option('--no-dossiers', 'without the demo dossiers')
    .action(async (options: { demo?: boolean; provinces?: string; dossiers: boolean }) => {
      if (!options.demo) throw new Error('nothing to seed: pass --demo');
      await withDatabase(async (database) => {
        const result = await seedDemo(
          database,
          options.provinces ? { provinces: options.provinces.split(',') } : {},
          { dossiers: options.dossiers },
        );
        if (result.alreadySeeded) {
          console.log('Demo data already present: nothing loaded.');
          return;
        }
        console.log(
          `Loaded ${result.units} administrative units, ${result.agencies} agencies, ${result.servicePoints} service points, ` +
            `${result.procedures} procedures, ${result.users.length} users, ${result.dossiers ?? 0} dossiers.`,
        );
      });
    });
}

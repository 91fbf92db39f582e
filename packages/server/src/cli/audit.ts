import type { Command } from 'commander';
import { verifyAudit } from '../audit/audit.ts';
import { withDatabase } from './context.ts';

export function registerAuditCommands(program: Command): void {
  const audit = program.command('audit').description('The hash-chained audit log');
  audit
    .command('verify')
    .description('Recompute the chain; exits 1 if any row was edited or deleted')
    .action(async () => {
      await withDatabase(async (database) => {
        const result = await verifyAudit(database);
        if (result.ok) {
          console.log(`Audit log intact: ${result.rows} rows verified.`);
          return;
        }
        console.error(`Audit log BROKEN: ${result.problems.length} problem(s) in ${result.rows} rows.`);
        for (const p of result.problems.slice(0, 50)) console.error(`  seq ${p.seq}: ${p.problem}`);
        process.exitCode = 1;
      });
    });
}

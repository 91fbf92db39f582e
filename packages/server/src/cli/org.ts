import type { Command } from 'commander';
import { applyReorganisation, planCounts, planReorganisation } from '../modules/org/reorganise.ts';
import { withDatabase } from './context.ts';

export function registerOrgCommands(program: Command): void {
  const org = program.command('org').description('The organisation: units, agencies, sites');
  org
    .command('reorganise')
    .description(
      'Apply a reorganisation of administrative units on its date (e.g. 2025-07-01) from the successor links: ' +
        're-attach sites, close agencies naming successors, carry grants, hand open dossiers over. Idempotent.',
    )
    .requiredOption('--date <YYYY-MM-DD>', 'first day of the new organisation, e.g. 2025-07-01')
    .option('--preview', 'show what would change, write nothing (default)')
    .option('--apply', 'apply it in one transaction')
    .option('--json', 'print the full plan as JSON')
    .action(async (o: { date: string; preview?: boolean; apply?: boolean; json?: boolean }) => {
      if (o.preview && o.apply) throw new Error('choose --preview or --apply, not both');
      await withDatabase(async (database) => {
        const plan = o.apply
          ? await applyReorganisation(database, null, o.date)
          : await planReorganisation(database.db, o.date);
        if (o.json) {
          console.log(JSON.stringify(plan, null, 2));
          return;
        }
        const c = planCounts(plan);
        console.log(
          `${o.apply ? 'Applied' : 'Preview of'} the reorganisation of ${plan.date}` +
            `${plan.appliedBefore ? ' (applied before)' : ''}:\n` +
            `  sites re-attached:      ${c.sites}\n` +
            `  agencies closed:        ${c.agencies}\n` +
            `  grants carried:         ${c.grants}\n` +
            `  open dossiers handed over: ${c.dossiers}\n` +
            `  unresolved:             ${c.unresolved}`,
        );
        for (const a of plan.agencies) console.log(`  ${a.code} ${a.name} → ${a.successorName}`);
        for (const u of plan.unresolved)
          console.log(`  ! ${u.kind} ${u.code} ${u.name}: ${u.reason.vi} / ${u.reason.en}`);
      });
    });
}

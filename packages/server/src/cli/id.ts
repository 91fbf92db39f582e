import type { Command } from 'commander';

/** `motcua id check <value>`: wired to the core identifiers. */
export function registerIdCommands(program: Command): void {
  program.command('id').description('Identifiers: check a dossier code, S10 item number or citizen ID');
}

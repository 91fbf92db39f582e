import type { Command } from 'commander';

/** `motcua calendar …`: wired to the core calendar. */
export function registerCalendarCommands(program: Command): void {
  program.command('calendar').description('Working-day calendar (show, due, lunar, import)');
}

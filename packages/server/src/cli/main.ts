import { Command } from 'commander';
import { AppError } from '../errors.ts';
import { registerAuditCommands } from './audit.ts';
import { registerBackupCommands } from './backup.ts';
import { registerCalendarCommands } from './calendar.ts';
import { registerDatabaseCommands } from './database.ts';
import { registerIdCommands } from './id.ts';
import { registerOrgCommands } from './org.ts';
import { registerServeCommand } from './serve.ts';
import { registerUserCommands } from './users.ts';

const program = new Command()
  .name('motcua')
  .description(
    'motcua — tiếp nhận hồ sơ và trả kết quả TTHC qua bưu điện.\n' +
      'Configuration from the environment or ./.env: MOTCUA_DATABASE_URL, MOTCUA_PORT, MOTCUA_DATA_DIR, MOTCUA_PUBLIC_URL, MOTCUA_SMTP_*',
  )
  .showHelpAfterError();

registerServeCommand(program);
registerDatabaseCommands(program);
registerUserCommands(program);
registerAuditCommands(program);
registerBackupCommands(program);
registerCalendarCommands(program);
registerIdCommands(program);
registerOrgCommands(program);

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (error instanceof AppError) {
    console.error(`motcua: ${error.messages.vi} / ${error.messages.en}`);
    for (const f of error.fields) console.error(`  ${f.field}: ${f.message.vi} / ${f.message.en}`);
  } else {
    console.error(`motcua: ${(error as Error).message}`);
  }
  process.exitCode = process.exitCode || 1;
}

import type { Command } from 'commander';
import { createUser } from '../modules/users/service.ts';
import { ALL_ROLES, type Role } from '../policy/roles.ts';
import { unlockAccount } from '../security/account-lock.ts';
import { withDatabase } from './context.ts';

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Manage staff accounts');
  users
    .command('create')
    .description(
      'Create a user. The password comes from --password or MOTCUA_NEW_PASSWORD (at least 10 characters)',
    )
    .requiredOption('--username <name>', 'ASCII lower-case login name')
    .requiredOption('--full-name <name>', 'full name, e.g. "Nguyễn Thị Ánh"')
    .requiredOption('--role <role>', `one of ${ALL_ROLES.join(', ')}`)
    .option('--site <code>', 'service point code the role is scoped to')
    .option('--agency <code>', 'agency code the role is scoped to')
    .option('--unit <id>', 'administrative unit id the role is scoped to (e.g. 2008:70)')
    .option('--password <password>', 'initial password (prefer MOTCUA_NEW_PASSWORD)')
    .option('--email <email>')
    .action(
      async (o: {
        username: string;
        fullName: string;
        role: string;
        site?: string;
        agency?: string;
        unit?: string;
        password?: string;
        email?: string;
      }) => {
        if (!ALL_ROLES.includes(o.role as Role))
          throw new Error(`unknown role "${o.role}": use one of ${ALL_ROLES.join(', ')}`);
        const password = o.password ?? process.env.MOTCUA_NEW_PASSWORD;
        if (!password) throw new Error('give a password with --password or MOTCUA_NEW_PASSWORD');
        await withDatabase(async (database) => {
          const site = o.site
            ? await database.db
                .selectFrom('service_points')
                .select('id')
                .where('code', '=', o.site)
                .executeTakeFirst()
            : null;
          if (o.site && !site) throw new Error(`no service point with code ${o.site}`);
          const agency = o.agency
            ? await database.db
                .selectFrom('agencies')
                .select('id')
                .where('code', '=', o.agency)
                .executeTakeFirst()
            : null;
          if (o.agency && !agency) throw new Error(`no agency with code ${o.agency}`);
          const id = await createUser(database, null, {
            username: o.username,
            fullName: o.fullName,
            password,
            email: o.email ?? null,
            roles: [
              {
                role: o.role as Role,
                servicePointId: site?.id ?? null,
                agencyId: agency?.id ?? null,
                unitId: o.unit ?? null,
              },
            ],
          });
          console.log(`Created user ${o.username} (${id}).`);
        });
      },
    );
  users
    .command('unlock <username>')
    .description('Clear the wrong-password count and any sign-in lock of a user (audited)')
    .action(async (username: string) => {
      await withDatabase(async (database) => {
        const user = await database.db
          .selectFrom('users')
          .select(['id', 'username'])
          .where('username', '=', username.trim().toLowerCase())
          .executeTakeFirst();
        if (!user) throw new Error(`no user named ${username}`);
        const cleared = await unlockAccount(database, null, user);
        console.log(cleared ? `Unlocked ${user.username}.` : `${user.username} was not locked.`);
      });
    });
}

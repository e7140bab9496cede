import { Command } from 'commander';
import { createUser, findUserByUsername, grantRole, listUsers, type GrantInput, type User } from '../modules/access/index.js';
import { roles, scopeTypes, type Role, type ScopeType } from '../platform/auth/roles.js';
import { ValidationError } from '../platform/errors.js';
import { NotFoundError } from '../platform/errors.js';
import { action, cliActor, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';

function describe(user: User): string {
  const grants = user.grants.map((g) => `${g.role}@${g.scopeType}${g.scope ? `:${g.scope}` : ''}`).join(', ');
  return `${user.username}\t${user.displayName}\t${user.active ? 'active' : 'inactive'}\t${grants || '(no roles)'}`;
}

/** `--role scheme_manager --scheme MUT-X` style options into a grant. */
function grantFrom(options: { role?: string; scheme?: string; federation?: string; provider?: string }): GrantInput | undefined {
  if (!options.role) return undefined;
  if (!(roles as readonly string[]).includes(options.role)) throw new ValidationError([{ field: 'role', message: `one of ${roles.join(', ')}` }]);
  const scopeType: ScopeType = options.scheme ? 'scheme' : options.federation ? 'federation' : options.provider ? 'provider' : 'platform';
  if (!(scopeTypes as readonly string[]).includes(scopeType)) throw new ValidationError([{ field: 'scope', message: 'unknown scope' }]);
  return { role: options.role as Role, scopeType, scope: options.scheme ?? options.federation ?? options.provider ?? null };
}

function scopeOptions(command: Command): Command {
  return command
    .option('--role <role>', `role: ${roles.join(', ')}`)
    .option('--scheme <code>', 'grant the role on this scheme')
    .option('--federation <code>', 'grant the role on this federation')
    .option('--provider <scheme/provider>', 'grant the role on this provider, named SCHEME/PROVIDER');
}

async function readPassword(options: { password?: string; passwordStdin?: boolean }): Promise<string> {
  if (options.password) return options.password;
  if (options.passwordStdin) {
    const chunks: Buffer[] = [];
    for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
  }
  if (process.env.MUTUA_PASSWORD) return process.env.MUTUA_PASSWORD;
  throw new ValidationError([{ field: 'password', message: 'give --password, --password-stdin or MUTUA_PASSWORD' }]);
}

export function userCommand(): Command {
  const user = new Command('user').description('create and list users, grant roles');

  user.addCommand(
    scopeOptions(
      withCommonOptions(new Command('create').description('create a user (with --role, and --scheme/--federation for its scope)'))
        .argument('<username>')
        .option('--name <display name>', 'name shown to people')
        .option('--password <password>', 'the password (prefer --password-stdin or MUTUA_PASSWORD)')
        .option('--password-stdin', 'read the password from standard input')
        .option('--locale <locale>', 'en or fr', 'en'),
    ).action(
      action(async (username: string, options: GlobalOptions & { name?: string; password?: string; passwordStdin?: boolean; locale: string; role?: string; scheme?: string; federation?: string; provider?: string }) => {
        const password = await readPassword(options);
        const grant = grantFrom(options);
        await withDatabase(options, async ({ db }) => {
          const created = await createUser(
            { db, actor: cliActor() },
            { username, displayName: options.name ?? username, password, locale: options.locale === 'fr' ? 'fr' : 'en', grants: grant ? [grant] : [] },
          );
          output(options, created, () => `created ${describe(created)}`);
        });
      }),
    ),
  );

  user.addCommand(
    withCommonOptions(new Command('list').description('list users and their roles')).action(
      action(async (options: GlobalOptions) => {
        await withDatabase(options, async ({ db }) => {
          const users = await listUsers({ db, actor: cliActor() });
          output(options, users, () => users.map(describe).join('\n') || '(no users)');
        });
      }),
    ),
  );

  user.addCommand(
    scopeOptions(withCommonOptions(new Command('grant').description('grant a role on a scope')).argument('<username>')).action(
      action(async (username: string, options: GlobalOptions & { role?: string; scheme?: string; federation?: string; provider?: string }) => {
        const grant = grantFrom(options);
        if (!grant) throw new ValidationError([{ field: 'role', message: 'is required' }]);
        await withDatabase(options, async ({ db }) => {
          const found = await findUserByUsername({ db }, username);
          if (!found) throw new NotFoundError('user', username);
          const updated = await grantRole({ db, actor: cliActor() }, found.id, grant);
          output(options, updated, () => `granted ${describe(updated)}`);
        });
      }),
    ),
  );
  return user;
}

import { Command } from 'commander';
import { createSetupLink, setupNeeded } from '../modules/access/index.js';
import { translate } from '../platform/i18n/index.js';
import { buildServer } from '../server.js';
import { demoIsNeeded, generateDemo, DEMO_PASSWORD } from '../demo/index.js';
import { action, cliActor, configFrom, progress, type GlobalOptions } from './common.js';
import { withCommonOptions } from './common.js';
import { openDatabase } from '../platform/db/open.js';

export function serveCommand(): Command {
  const command = withCommonOptions(new Command('serve').description('serve the API and the web app'))
    .option('--port <port>', 'port to listen on (env MUTUA_PORT)')
    .option('--host <host>', 'address to listen on (env MUTUA_HOST)')
    .option('--demo', 'on a new database, load the demo federation with one account per role');
  command.action(
    action(async (options: GlobalOptions & { port?: string; host?: string; demo?: boolean }) => {
      const config = configFrom(options, {
        ...(options.port !== undefined ? { port: Number(options.port) } : {}),
        ...(options.host !== undefined ? { host: options.host } : {}),
      });
      if (options.port !== undefined && (!Number.isInteger(config.port) || config.port < 0 || config.port > 65535)) {
        throw new Error(`--port: expected a port number, got "${options.port}"`);
      }
      const log = (m: string) => process.stderr.write(`${m}\n`);
      const handle = await openDatabase(config, { log });
      if (handle.migrationsApplied.length) log(translate('en', 'cli.migrated', { count: handle.migrationsApplied.length }));
      let demoAccounts: { username: string; role: string }[] = [];
      if (options.demo && (await demoIsNeeded(handle.db))) {
        log('Loading the demo federation (first start only)…');
        const bar = progress(options);
        const result = await generateDemo({ db: handle.db, actor: cliActor() }, { seed: 1, onProgress: (done, total, label) => { if (done === 0) bar.start(total, label); bar.update(done); } });
        bar.stop();
        demoAccounts = result.accounts;
      } else if (options.demo) {
        demoAccounts = (await import('../demo/index.js')).demoAccountList();
      }
      const app = await buildServer(handle.db, config);
      const close = async () => {
        await app.close();
        await handle.close();
        process.exit(0);
      };
      process.once('SIGINT', () => void close());
      process.once('SIGTERM', () => void close());
      await app.listen({ port: config.port, host: config.host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : config.port;
      const url = config.publicUrl.replace(`:${config.port}`, `:${port}`);
      process.stdout.write(`${translate('en', 'cli.serving', { url })}\n`);
      if (demoAccounts.length) {
        process.stdout.write(`${translate('en', 'cli.demo_accounts', { password: DEMO_PASSWORD })}\n`);
        for (const a of demoAccounts) process.stdout.write(`  ${a.username.padEnd(12)} ${a.role}\n`);
      }
      if (await setupNeeded(handle.db)) {
        const secret = await createSetupLink(handle.db);
        process.stdout.write(`${translate('en', 'cli.setup_link')}\n  ${url}/setup#token=${secret}\n`);
      }
    }),
  );
  return command;
}

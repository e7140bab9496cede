import { Command } from 'commander';
import { resolveScheme } from '../modules/organizations/index.js';
import { getProvider, listProviders } from '../modules/providers/index.js';
import { today } from '../platform/dates.js';
import { NotFoundError } from '../platform/errors.js';
import { translate } from '../platform/i18n/index.js';
import { action, output, withCommonOptions, withDatabase, type GlobalOptions } from './common.js';
import { cliLocale } from './services.js';

export function providersCommand(): Command {
  const command = new Command('providers').description('the health facilities of a scheme and their agreements');
  command.addCommand(
    withCommonOptions(new Command('list').description('list the providers of a scheme, each with the agreement valid today'))
      .requiredOption('--scheme <code>', 'the scheme')
      .action(
        action(async (options: GlobalOptions & { scheme: string }) => {
          const locale = cliLocale();
          await withDatabase(options, async ({ db }) => {
            const scheme = await resolveScheme({ db }, options.scheme);
            if (!scheme) throw new NotFoundError('scheme', options.scheme);
            const ctx = { db };
            const providers = await Promise.all((await listProviders(ctx, scheme.id)).map((p) => getProvider(ctx, scheme.id, p.code)));
            const on = today();
            output(options, providers, () => {
              if (providers.length === 0) return translate(locale, 'providers.cli.no_providers');
              return providers
                .map((p) => {
                  const current = p.agreements.find((a) => a.from <= on && (a.to === null || on <= a.to));
                  const agreement = current
                    ? translate(locale, current.to ? 'providers.cli.agreement' : 'providers.cli.agreement_open', {
                        from: current.from,
                        to: current.to,
                        method: translate(locale, `providers.paymentMethods.${current.paymentMethod}`),
                        prices: current.tariff.length,
                      })
                    : translate(locale, 'providers.cli.no_agreement');
                  return [p.code, p.name, p.level, p.active ? '' : 'inactive', agreement].filter(Boolean).join('\t');
                })
                .join('\n');
            });
          });
        }),
      ),
  );
  return command;
}

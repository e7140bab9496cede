import { readFile, writeFile } from 'node:fs/promises';
import { Command, Option } from 'commander';
import { calculatePremium, parsePricingInput, studyPdf, type PricingResult } from '../modules/pricing/index.js';
import { ValidationError } from '../platform/errors.js';
import { action, output, type GlobalOptions } from './common.js';

const fixed = (value: number, digits = 2) => value.toFixed(digits);

function table(headers: string[], rows: string[][], leftColumns = 1): string {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const cell = (text: string, i: number) => (i < leftColumns ? text.padEnd(widths[i]!) : text.padStart(widths[i]!));
  return [headers.map(cell).join('  '), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map((r) => r.map(cell).join('  '))].join('\n');
}

function text(r: PricingResult, repriced: boolean): string {
  const d = r.details;
  return [
    `premium study (${d.currency}, minor units): ${d.persons} persons, ${d.averageHouseholdSize} per household, loadings ${fixed(d.sumOfLoadings, 4)} (${d.loadingMethod})`,
    '',
    table(
      ['category', 'source', 'cases', 'frequency', 'insured freq.', 'average cost', 'cost per case', 'pure premium', 'loaded'],
      [
        ...r.perCategory.map((c) => [
          `${c.category}${c.warning ? ' (few cases)' : ''}${c.ceilingApplied ? ' (ceiling)' : ''}`,
          c.source ?? '',
          c.cases === null ? '' : String(c.cases),
          fixed(c.frequency, 4),
          fixed(c.insuredFrequency, 4),
          fixed(c.averageCost),
          fixed(c.costPerCase),
          fixed(c.purePremium),
          fixed(c.loadedPremium),
        ]),
        ['total', '', '', '', '', '', '', fixed(r.purePremium), fixed(r.loadedPremium)],
      ],
      2,
    ),
    '',
    `pure premium per person:      ${fixed(r.purePremium)}`,
    `loaded premium per person:    ${fixed(r.loadedPremium)}`,
    `contribution per person:      ${r.contributionPerPerson} (rounded up to ${d.roundTo})`,
    `contribution per household:   ${r.contributionPerHousehold}`,
    `break-even per person:        ${r.breakEven.contributionPerPerson} (pure premium + running costs ${fixed(r.breakEven.premium)})`,
    '',
    'sensitivity: contribution per person when ... moves',
    table(
      ['change', 'frequency', 'cost per case', 'both'],
      r.sensitivity.map((s) => [`${s.change > 0 ? '+' : ''}${Math.round(s.change * 100)} %`, String(s.frequency), String(s.cost), String(s.both)]),
    ),
    '',
    `projection (${repriced ? 'repriced each year at the balancing contribution' : 'no repricing'})`,
    table(
      ['year', 'members', 'contribution', 'contributions', 'claims', 'running costs', 'result', 'reserve', 'claims ratio', 'balancing'],
      r.projection.map((p) => [
        String(p.year),
        String(p.members),
        String(p.contributionPerPerson),
        String(p.contributions),
        String(p.claims),
        String(p.runningCosts),
        String(p.result),
        String(p.reserve),
        p.claimsRatio === null ? '' : fixed(p.claimsRatio, 3),
        fixed(p.balancingContribution),
      ]),
    ),
    '',
    `reserve at year end ${repriced ? 'without repricing' : 'if repriced each year at the balancing contribution'}: ${(repriced ? r.scenarios.noRepricing : r.scenarios.repriced).map((p) => `${p.year}: ${p.reserve}`).join(', ')}`,
  ].join('\n');
}

export function premiumCommand(): Command {
  return new Command('premium')
    .description('premium calculation and projection of a mutua.pricing/1 file (spec: pricing.md); needs no database')
    .argument('<file>', 'the mutua.pricing/1 JSON file')
    .option('--json', 'print JSON')
    .option('--pdf <out.pdf>', 'also write the one-page study for a general assembly')
    .addOption(new Option('--locale <locale>', 'language of the PDF').choices(['en', 'fr']).default('en'))
    .action(
      action(async (file: string, options: GlobalOptions & { pdf?: string; locale: 'en' | 'fr' }) => {
        let value: unknown;
        try {
          value = JSON.parse(await readFile(file, 'utf8'));
        } catch (error) {
          const message = error instanceof SyntaxError ? `not JSON: ${error.message}` : `cannot read it: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
          throw new ValidationError([{ field: file, message }], `cannot read ${file}`);
        }
        const input = parsePricingInput(value);
        const result = calculatePremium(input);
        if (options.pdf) {
          await writeFile(options.pdf, await studyPdf(input, result, options.locale));
          if (!options.json) process.stderr.write(`wrote ${options.pdf}\n`);
        }
        output(options, result, () => text(result, input.projection?.reprice === true));
      }),
    );
}

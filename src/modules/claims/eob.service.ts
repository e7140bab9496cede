/**
 * The explanation of benefits: a claim as its member reads it, in their language — each service,
 * what the provider asked, what the scheme pays, what is left for the member, and why.
 */
import type { ServiceContext } from '../../platform/context.js';
import { translate, type Locale } from '../../platform/i18n/index.js';
import { getScheme } from '../organizations/index.js';
import { formatDate, formatDateTime, money, renderDocument, safeFileName, type PrintedFile, type TableRow } from './claims.print.js';
import { getClaim } from './claims.service.js';
import { ClaimNotDecidedError } from './review.errors.js';
import type { EobView } from './review.schemas.js';

export interface SchemeOfDocument {
  id: string;
  code: string;
  currency: string;
}

/** Errors: NotFoundError (also a claim of another provider, to a clerk), ClaimNotDecidedError. */
export async function explanationOfBenefits(ctx: ServiceContext, scheme: SchemeOfDocument, claimId: string, locale: Locale, providers?: Set<string>): Promise<EobView> {
  const claim = await getClaim(ctx, scheme.id, claimId, locale, providers);
  if (claim.status === 'submitted') throw new ClaimNotDecidedError(claim.number);
  const t = (key: string) => translate(locale, `claims.eob.${key}`);
  const lines = claim.lines.map((l) => {
    const schemePays = l.payable ?? 0;
    const decision = l.decision ?? 'rejected';
    const why = [...l.messages];
    if (why.length === 0 && decision === 'approved') why.push(t('covered'));
    if (l.overridden) why.push(t('reviewed'));
    return {
      seq: l.seq,
      service: l.service,
      serviceName: l.serviceName,
      quantity: l.quantity,
      asked: l.asked,
      schemePays,
      memberPays: l.asked - schemePays,
      decision,
      decisionLabel: t(`decisions.${decision}`),
      why,
    };
  });
  const sum = (pick: (l: (typeof lines)[number]) => number) => lines.reduce((s, l) => s + pick(l), 0);
  return {
    claimId: claim.id,
    claim: claim.number,
    language: locale,
    currency: scheme.currency,
    provider: claim.provider,
    providerName: claim.providerName,
    member: claim.member,
    memberName: claim.memberName,
    household: claim.household,
    from: claim.from,
    to: claim.to,
    status: claim.status,
    paidOn: claim.paidOn,
    lines,
    asked: sum((l) => l.asked),
    schemePays: sum((l) => l.schemePays),
    memberPays: sum((l) => l.memberPays),
  };
}

/** The explanation of benefits as an A4 PDF in the member's language. */
export async function explanationOfBenefitsPdf(ctx: ServiceContext, scheme: SchemeOfDocument, claimId: string, locale: Locale, providers?: Set<string>, options: { compress?: boolean } = {}): Promise<PrintedFile> {
  const eob = await explanationOfBenefits(ctx, scheme, claimId, locale, providers);
  const { name } = await getScheme(ctx, scheme.code);
  const t = (key: string, params: Record<string, unknown> = {}) => translate(locale, `claims.eob.${key}`, params);
  const m = (amount: number) => money(amount, scheme.currency, locale);
  const care = eob.from === eob.to ? formatDate(eob.from, locale) : t('period', { from: formatDate(eob.from, locale), to: formatDate(eob.to, locale) });
  const rows: TableRow[] = eob.lines.map((l) => ({
    cells: [l.serviceName ? `${l.serviceName} (${l.service})` : l.service, String(l.quantity), m(l.asked), m(l.schemePays), m(l.memberPays)],
    notes: [l.decisionLabel, ...l.why],
  }));
  const bytes = await renderDocument(
    {
      scheme: name,
      title: t('title'),
      subtitle: t('claimNumber', { number: eob.claim }),
      sections: [
        {
          kind: 'fields',
          rows: [
            [t('member'), eob.memberName ? `${eob.memberName} (${eob.member})` : eob.member],
            ...(eob.household ? [[t('household'), eob.household] as [string, string]] : []),
            [t('provider'), eob.providerName ? `${eob.providerName} (${eob.provider})` : eob.provider],
            [t('care'), care],
            ...(eob.paidOn ? [[t('paidOn'), formatDate(eob.paidOn, locale)] as [string, string]] : []),
          ],
        },
        {
          kind: 'table',
          columns: [
            { header: t('service'), width: 0.4 },
            { header: t('quantity'), width: 0.08, align: 'right' },
            { header: t('asked'), width: 0.17, align: 'right' },
            { header: t('schemePays'), width: 0.18, align: 'right' },
            { header: t('memberPays'), width: 0.17, align: 'right' },
          ],
          rows,
          total: { cells: [t('total'), '', m(eob.asked), m(eob.schemePays), m(eob.memberPays)] },
        },
        { kind: 'paragraph', text: t('explanation') },
      ],
      footer: [t('printed', { at: formatDateTime(new Date(), locale) })],
      pageLabel: (page, pages) => translate(locale, 'claims.print.page', { page, pages }),
    },
    { lang: locale, title: `${t('title')} ${eob.claim}`, compress: options.compress },
  );
  return { filename: `${safeFileName(t('fileName'))}-${safeFileName(eob.claim)}.pdf`, contentType: 'application/pdf', bytes };
}

import { useTranslation } from 'react-i18next';
import type { CashSheet, Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { Badge } from '../../../components/badge';
import { LoadError, Loading } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { cashSheet } from '../api';
import { usePaymentWords } from './labels';

/** A collector's payments of a day (everyone's when no collector is named), with totals by method. */
export function CashSheetView({ scheme, date, collector, headingLevel = 2 }: { scheme: Scheme; date: string; collector?: string; headingLevel?: 2 | 3 }) {
  const sheet = useApi(() => cashSheet(scheme.code, date, collector || undefined), [scheme.code, date, collector]);
  if (sheet.status === 'loading') return <Loading />;
  if (sheet.status === 'failed') return <LoadError error={sheet.error} retry={() => void sheet.reload()} />;
  return <Sheet scheme={scheme} sheet={sheet.data} headingLevel={headingLevel} />;
}

function Sheet({ scheme, sheet, headingLevel }: { scheme: Scheme; sheet: CashSheet; headingLevel: 2 | 3 }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const words = usePaymentWords();
  const schemeHref = useSchemeHref();
  const Heading = `h${headingLevel}` as const;
  const methods = Object.entries(sheet.byMethod).filter(([, total]) => total !== 0);
  return (
    <>
      <dl className="stats stats--money">
        <div>
          <dt>{t('cashSheet.total')}</dt>
          <dd>{money.format(sheet.total)}</dd>
        </div>
        <div>
          <dt>{t('cashSheet.count')}</dt>
          <dd>{format.number(sheet.payments.length)}</dd>
        </div>
      </dl>
      {methods.length ? (
        <>
          <Heading className="subheading">{t('cashSheet.byMethod')}</Heading>
          <dl className="facts">
            {methods.map(([method, total]) => (
              <div key={method}>
                <dt>{words.method({ method })}</dt>
                <dd>{money.format(total)}</dd>
              </div>
            ))}
          </dl>
        </>
      ) : null}
      <Heading className="subheading">{t('cashSheet.payments')}</Heading>
      <DataTable
        caption={t('cashSheet.payments')}
        rows={sheet.payments}
        rowKey={(p) => p.id}
        empty={t('cashSheet.empty')}
        columns={[
          { key: 'receipt', header: t('payments.receipt'), cell: (p) => <code>{p.receipt ?? '—'}</code> },
          { key: 'household', header: t('households.number'), cell: (p) => <Link to={schemeHref(`/households/${encodeURIComponent(p.household)}`)}><code>{p.household}</code></Link> },
          { key: 'amount', header: t('payments.amount'), numeric: true, cell: (p) => money.format(p.amount) },
          { key: 'method', header: t('payments.method'), cell: (p) => words.method(p) },
          { key: 'payer', header: t('payments.payer'), cell: (p) => words.payer(p) },
          { key: 'collector', header: t('payments.collector'), cell: (p) => p.collector ?? '—' },
          { key: 'recorded', header: t('payments.recordedAt'), cell: (p) => format.dateTime(p.recordedAt) },
          {
            key: 'state',
            header: t('account.state'),
            cell: (p) =>
              p.reversalOf ? (
                <Badge tone="muted">{t('payments.reversalOf', { receipt: sheet.payments.find((o) => o.id === p.reversalOf)?.receipt ?? '—' })}</Badge>
              ) : p.reversedBy ? (
                <Badge tone="danger">{t('payments.reversedState')}</Badge>
              ) : (
                <Badge tone="success">{t('payments.valid')}</Badge>
              ),
          },
        ]}
      />
    </>
  );
}

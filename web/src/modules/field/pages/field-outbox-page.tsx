import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { Link } from '../../../app/router';
import { useSchemeHref } from '../../../app/session';
import { Badge, type Tone } from '../../../components/badge';
import { useConfirm } from '../../../components/confirm';
import { Page } from '../../../components/page';
import { discard, resend } from '../../../offline/engine';
import { outbox } from '../../../offline/store';
import type { OutboxItem, OutboxStatus } from '../../../offline/types';
import { FieldStatusPanel, fullName, useFieldAccess, useLocal } from '../components/field-common';

const TONE: Record<OutboxStatus, Tone> = { queued: 'warning', sending: 'info', done: 'success', problem: 'danger' };

/**
 * The changes made on this device: those waiting, those the server refused (what was sent and what
 * the server said, with edit and resend, send again, or discard — never dropped without a person's
 * choice), and those confirmed.
 */
export default function FieldOutboxPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  useFieldAccess(scheme);
  const items = useLocal(() => outbox(scheme.code), [scheme.code]);
  const [confirm, dialog] = useConfirm();
  const list = items.data ?? [];
  const groups: { key: 'problems' | 'waiting' | 'done'; items: OutboxItem[] }[] = [
    { key: 'problems', items: list.filter((i) => i.status === 'problem') },
    { key: 'waiting', items: list.filter((i) => i.status === 'queued' || i.status === 'sending') },
    { key: 'done', items: list.filter((i) => i.status === 'done').reverse() },
  ];
  const ask = async (item: OutboxItem) => {
    if (await confirm({ title: t('field.outbox.discardTitle'), message: t('field.outbox.discardBody'), confirmLabel: t('field.outbox.discard') })) await discard(item.id);
  };
  return (
    <Page title={t('field.outbox.title')}>
      <p className="muted">{t('field.outbox.intro')}</p>
      <FieldStatusPanel scheme={scheme} />
      {items.loaded && list.length === 0 ? <p className="empty">{t('field.outbox.empty')}</p> : null}
      {groups
        .filter((g) => g.items.length > 0)
        .map((g) => (
          <section key={g.key} aria-labelledby={`outbox-${g.key}`}>
            <h2 id={`outbox-${g.key}`}>{t(`field.outbox.${g.key}`)}</h2>
            <ul className="field-outbox">
              {g.items.map((item) => (
                <li key={item.id}>
                  <OutboxEntry scheme={scheme} item={item} onDiscard={() => void ask(item)} />
                </li>
              ))}
            </ul>
          </section>
        ))}
      {dialog}
    </Page>
  );
}

function OutboxEntry({ scheme, item, onDiscard }: { scheme: Scheme; item: OutboxItem; onDiscard: () => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const summary =
    item.kind === 'payment'
      ? t('field.outbox.paymentSummary', { amount: money.format(item.body.amount), household: item.body.household, date: format.calendarDate(item.body.date) })
      : t('field.outbox.householdSummary', { name: item.body.members[0] ? fullName(item.body.members[0]) : '', count: item.body.members.length });
  const editPath = item.kind === 'payment' ? `/field/households/${encodeURIComponent(item.body.household)}` : '/field/register';
  return (
    <article className="card" aria-label={`${t(`field.outbox.kind.${item.kind}`)}: ${summary}`}>
      <p>
        <Badge tone={TONE[item.status]}>{t(`field.outbox.state.${item.status}`)}</Badge> <strong>{t(`field.outbox.kind.${item.kind}`)}</strong> · {summary}
      </p>
      <p className="muted">
        {t('field.outbox.made', { time: format.dateTime(item.createdAt) })}
        {item.replaces ? ` · ${t('field.outbox.replaces')}` : ''}
      </p>
      {item.kind === 'household' && item.result ? (
        <p>
          <Link to={schemeHref(`/field/households/${encodeURIComponent(item.result.number)}`)}>{t('field.household.title', { number: item.result.number })}</Link>
        </p>
      ) : null}
      {item.status === 'problem' && item.error ? (
        <>
          <p className="notice notice--error">
            <strong>{t('field.outbox.serverSaid')}:</strong> {item.error.message}
            {item.error.details.length ? ` (${item.error.details.map((d) => `${d.field}: ${d.message}`).join('; ')})` : ''}
          </p>
          <details>
            <summary>{t('field.outbox.sent')}</summary>
            <pre>{JSON.stringify(item.body, null, 2)}</pre>
          </details>
          <div className="actions">
            <Link className="button button--primary" to={schemeHref(editPath, { edit: item.id })}>
              {t('field.outbox.edit')}
            </Link>
            <button type="button" className="button" onClick={() => void resend(item.id)}>
              {t('field.outbox.resend')}
            </button>
            <button type="button" className="button button--danger-outline" onClick={onDiscard}>
              {t('field.outbox.discard')}
            </button>
          </div>
        </>
      ) : null}
      {item.kind === 'payment' ? (
        <p>
          <Link to={schemeHref(`/field/receipts/${item.id}`)}>{t('field.outbox.receipt')}</Link>
        </p>
      ) : null}
    </article>
  );
}

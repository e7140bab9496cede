import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Account, Household, Payment, Period, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { useMe } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { Badge } from '../../../components/badge';
import { LoadError, Loading, Notice } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { getAccount } from '../api';
import { EnrolDialog, RenewDialog, SponsorDialog } from './coverage-dialogs';
import { DueState, usePaymentWords } from './labels';
import { PaymentDialog, ReceiptDialog, ReverseDialog } from './payment-dialogs';

/** What was just done, told above the account. */
type Done =
  | { kind: 'period'; period: Period }
  | { kind: 'sponsored'; subsidizer: string }
  | { kind: 'payment'; payment: Payment }
  | { kind: 'reversed'; payment: Payment };

type Open =
  | { kind: 'enrol' }
  | { kind: 'renew' }
  | { kind: 'sponsor' }
  | { kind: 'payment' }
  | { kind: 'reverse'; payment: Payment }
  | { kind: 'receipt'; payment: Payment };

/**
 * A household's coverage and contributions: periods with their dues, payments with their
 * receipts, credit and balance, and what the user may do about them.
 */
export function AccountSection({ scheme, household }: { scheme: Scheme; household: Household }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const money = useMoney(scheme.currency);
  const format = useFormat();
  const account = useApi(() => getAccount(scheme.code, household.number), [scheme.code, household.number]);
  const [open, setOpen] = useState<Open>();
  const [done, setDone] = useState<Done>();
  const enrolling = canOnScheme(me, 'members.write', scheme);
  const collecting = canOnScheme(me, 'contributions.write', scheme);
  const active = household.status === 'active';

  const closeWith = async (result?: Done) => {
    setOpen(undefined);
    if (result) {
      setDone(result);
      await account.reload();
    }
  };
  // Said at render time, so that it follows a change of language.
  const message = (d: Done) => {
    switch (d.kind) {
      case 'period':
        return t('account.periodOpened', { start: format.calendarDate(d.period.start), end: format.calendarDate(d.period.end) });
      case 'sponsored':
        return t('account.sponsored', { subsidizer: d.subsidizer });
      case 'payment':
        return t('payments.recorded', { amount: money.format(d.payment.amount), receipt: d.payment.receipt ?? '—' });
      case 'reversed':
        return t('payments.reversed', { receipt: d.payment.receipt ?? '—' });
    }
  };

  return (
    <section className="card" aria-labelledby="account-heading">
      <div className="card__header">
        <h2 id="account-heading">{t('account.title')}</h2>
        {account.status === 'ready' && active ? (
          <div className="actions actions--tight">
            {collecting ? (
              <button type="button" className="button button--primary" onClick={() => { setDone(undefined); setOpen({ kind: 'payment' }); }}>{t('payments.record')}</button>
            ) : null}
            {enrolling ? (
              <button type="button" className="button" onClick={() => { setDone(undefined); setOpen({ kind: 'enrol' }); }}>{t('account.enrol')}</button>
            ) : null}
            {enrolling && account.data.periods.length ? (
              <button type="button" className="button" onClick={() => { setDone(undefined); setOpen({ kind: 'renew' }); }}>{t('account.renew')}</button>
            ) : null}
            {collecting ? (
              <button type="button" className="button" onClick={() => { setDone(undefined); setOpen({ kind: 'sponsor' }); }}>{t('account.sponsor')}</button>
            ) : null}
          </div>
        ) : null}
      </div>
      {done ? (
        <Notice kind="success" role="status">
          <p>{message(done)}</p>
          {done.kind === 'payment' ? (
            <button type="button" className="button button--small" onClick={() => setOpen({ kind: 'receipt', payment: done.payment })}>{t('payments.showReceipt')}</button>
          ) : null}
        </Notice>
      ) : null}
      {account.status === 'loading' ? <Loading /> : null}
      {account.status === 'failed' ? <LoadError error={account.error} retry={() => void account.reload()} /> : null}
      {account.status === 'ready' ? (
        <AccountView
          account={account.data}
          money={money}
          reverse={collecting ? (payment) => { setDone(undefined); setOpen({ kind: 'reverse', payment }); } : undefined}
          receipt={(payment) => setOpen({ kind: 'receipt', payment })}
        />
      ) : null}

      {open?.kind === 'enrol' ? <EnrolDialog scheme={scheme} household={household} close={(p) => void closeWith(p && { kind: 'period', period: p })} /> : null}
      {open?.kind === 'renew' && account.data ? (
        <RenewDialog scheme={scheme} household={household} account={account.data} close={(p) => void closeWith(p && { kind: 'period', period: p })} />
      ) : null}
      {open?.kind === 'sponsor' ? <SponsorDialog scheme={scheme} household={household} close={(s) => void closeWith(s ? { kind: 'sponsored', subsidizer: s } : undefined)} /> : null}
      {open?.kind === 'payment' && account.data ? (
        <PaymentDialog
          scheme={scheme}
          household={household}
          account={account.data}
          money={money}
          close={(p) => void closeWith(p && { kind: 'payment', payment: p })}
        />
      ) : null}
      {open?.kind === 'reverse' ? (
        <ReverseDialog scheme={scheme} payment={open.payment} money={money} close={(r) => void closeWith(r && { kind: 'reversed', payment: open.payment })} />
      ) : null}
      {open?.kind === 'receipt' ? <ReceiptDialog scheme={scheme} household={household} payment={open.payment} money={money} close={() => setOpen(undefined)} /> : null}
    </section>
  );
}

function AccountView({ account, money, reverse, receipt }: { account: Account; money: ReturnType<typeof useMoney>; reverse?: (p: Payment) => void; receipt: (p: Payment) => void }) {
  const { t } = useTranslation();
  const format = useFormat();
  const words = usePaymentWords();
  const periods = [...account.periods].sort((a, b) => b.start.localeCompare(a.start));
  const payments = [...account.payments].sort((a, b) => b.date.localeCompare(a.date) || b.recordedAt.localeCompare(a.recordedAt));
  const receiptOf = (id: string | null) => account.payments.find((p) => p.id === id)?.receipt ?? '—';

  return (
    <>
      <dl className="stats stats--money">
        <div>
          <dt>{t('account.balance')}</dt>
          <dd className={account.balance > 0 ? 'amount--owed' : undefined}>{money.format(account.balance)}</dd>
        </div>
        <div>
          <dt>{t('account.credit')}</dt>
          <dd>{money.format(account.credit)}</dd>
        </div>
        <div>
          <dt>{t('account.totalDue')}</dt>
          <dd>{money.format(account.totalDue)}</dd>
        </div>
        <div>
          <dt>{t('account.totalPaid')}</dt>
          <dd>{money.format(account.totalPaid)}</dd>
        </div>
      </dl>
      <p className="field__hint">{t('account.balanceHint')}</p>

      <h3>{t('account.periods')}</h3>
      {periods.length === 0 ? <p className="empty">{t('account.noPeriod')}</p> : null}
      {periods.map((period) => (
        <div className="period" key={period.id}>
          <div className="period__header">
            <h4>
              {t('account.periodTitle', { product: period.product, start: format.calendarDate(period.start), end: format.calendarDate(period.end) })}
            </h4>
            <span className="period__badges">
              {period.activatedOn ? (
                <Badge tone="success">{t('account.activatedOn', { date: format.calendarDate(period.activatedOn) })}</Badge>
              ) : (
                <Badge tone="warning">{t('account.notActivated')}</Badge>
              )}
              {period.renewal ? <Badge tone="info">{t('account.renewal')}</Badge> : null}
            </span>
          </div>
          <p className="muted period__meta">{t('account.version', { date: format.calendarDate(period.versionEffectiveFrom) })}</p>
          <DataTable
            caption={t('account.duesOf', { start: format.calendarDate(period.start) })}
            rows={period.dues}
            rowKey={(d) => d.id}
            empty={t('account.noDues')}
            columns={[
              { key: 'date', header: t('account.dueDate'), cell: (d) => format.calendarDate(d.dueDate) },
              {
                key: 'amount',
                header: t('account.amount'),
                numeric: true,
                cell: (d) => (
                  <>
                    {money.format(d.amount)}
                    {d.fees ? <span className="cell-note">{t('account.ofWhichFees', { fees: money.format(d.fees) })}</span> : null}
                  </>
                ),
              },
              { key: 'paid', header: t('account.paid'), numeric: true, cell: (d) => money.format(d.paid) },
              { key: 'state', header: t('account.state'), cell: (d) => <DueState due={d} money={money} /> },
              { key: 'for', header: t('account.for'), cell: (d) => (d.beneficiary ? <code>{d.beneficiary}</code> : t('account.wholeHousehold')) },
            ]}
          />
        </div>
      ))}

      <h3>{t('account.payments')}</h3>
      <DataTable
        caption={t('account.payments')}
        rows={payments}
        rowKey={(p) => p.id}
        empty={t('account.noPayments')}
        columns={[
          { key: 'date', header: t('payments.date'), cell: (p) => format.calendarDate(p.date) },
          { key: 'receipt', header: t('payments.receipt'), cell: (p) => <code>{p.receipt ?? '—'}</code> },
          { key: 'amount', header: t('payments.amount'), numeric: true, cell: (p) => money.format(p.amount) },
          { key: 'method', header: t('payments.method'), cell: (p) => words.method(p) },
          { key: 'payer', header: t('payments.payer'), cell: (p) => words.payer(p) },
          { key: 'collector', header: t('payments.collector'), cell: (p) => p.collector ?? '—' },
          {
            key: 'state',
            header: t('account.state'),
            cell: (p) =>
              p.reversalOf ? (
                <span>
                  <Badge tone="muted">{t('payments.reversalOf', { receipt: receiptOf(p.reversalOf) })}</Badge>
                  {p.reason ? <span className="cell-note">{p.reason}</span> : null}
                </span>
              ) : p.reversedBy ? (
                <Badge tone="danger">{t('payments.reversedState')}</Badge>
              ) : (
                <Badge tone="success">{t('payments.valid')}</Badge>
              ),
          },
          {
            key: 'actions',
            header: t('common.actions'),
            cell: (p) => (
              <span className="row-actions">
                <button type="button" className="button button--small" onClick={() => receipt(p)}>
                  {t('payments.receiptButton')}<span className="visually-hidden"> {p.receipt}</span>
                </button>
                {reverse && !p.reversalOf && !p.reversedBy ? (
                  <button type="button" className="button button--small button--danger-outline" onClick={() => reverse(p)}>
                    {t('payments.reverse')}<span className="visually-hidden"> {p.receipt}</span>
                  </button>
                ) : null}
              </span>
            ),
          },
        ]}
      />
    </>
  );
}

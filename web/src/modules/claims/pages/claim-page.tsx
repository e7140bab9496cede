import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Claim, ClaimLine, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { type MoneyFormat, useMoney } from '../../../app/money';
import { Link, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { Badge } from '../../../components/badge';
import { FormError } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { eobPdf, getClaim } from '../api';
import { ClaimAttachments } from '../components/claim-attachments';
import { ClaimStatusBadge, DecisionBadge } from '../components/labels';
import { LineDecisionDialog } from '../components/line-decision-dialog';

/** One claim: who, when, what was asked, and for every line its decision, reasons, amounts and their history. */
export default function ClaimPage({ scheme, id }: { scheme: Scheme; id: string }) {
  const { t } = useTranslation();
  const claim = useApi(() => getClaim(scheme.code, id), [scheme.code, id]);
  if (claim.status === 'loading') return <Loading />;
  if (claim.status === 'failed') {
    return (
      <Page title={t('claims.title')}>
        <LoadError error={claim.error} retry={() => void claim.reload()} />
      </Page>
    );
  }
  return <ClaimView scheme={scheme} claim={claim.data} reload={claim.reload} />;
}

function ClaimView({ scheme, claim, reload }: { scheme: Scheme; claim: Claim; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const amount = (n: number | null) => (n === null ? '—' : money.format(n));
  const [reviewing, setReviewing] = useState<ClaimLine>();
  const [notice, setNotice] = useState<string>();
  const eob = useSubmit();
  // A reviewer confirms or overrides lines of a decided claim (never one still waiting for the rules).
  const review = canOnScheme(me, 'claims.review', scheme) && claim.status !== 'submitted';
  const decided = claim.lines.filter((l) => l.decision);
  const counts = {
    approved: decided.filter((l) => l.decision === 'approved').length,
    reduced: decided.filter((l) => l.decision === 'reduced').length,
    rejected: decided.filter((l) => l.decision === 'rejected').length,
  };

  return (
    <Page
      title={t('claims.claimTitle', { number: claim.number })}
      actions={
        <>
          {claim.status !== 'submitted' ? (
            <button type="button" className="button" disabled={eob.busy} onClick={() => void eob.run(() => eobPdf(scheme.code, claim.id, claim.number))}>{t('claims.eob')}</button>
          ) : null}
          {canOnScheme(me, 'claims.submit', scheme) ? <Link to={schemeHref('/claims/new')} className="button">{t('claims.another')}</Link> : null}
        </>
      }
    >
      <FormError error={eob.error} />
      {notice ? <Notice kind="success" role="status"><p>{notice}</p></Notice> : null}
      {query.get('submitted') ? (
        <Notice kind="success" role="status">
          <p>
            {claim.status === 'submitted'
              ? t('claims.submittedWaiting', { number: claim.number })
              : t('claims.submittedDecided', {
                  number: claim.number,
                  approved: format.number(counts.approved),
                  reduced: format.number(counts.reduced),
                  rejected: format.number(counts.rejected),
                  payable: amount(claim.payable),
                })}
          </p>
        </Notice>
      ) : null}
      <section className="card" aria-labelledby="claim-heading">
        <div className="card__header">
          <h2 id="claim-heading">{t('claims.summary')}</h2>
          <ClaimStatusBadge status={claim.status} />
        </div>
        <dl className="facts">
          <div><dt>{t('claims.provider')}</dt><dd>{claim.providerName ?? claim.provider} <code>{claim.provider}</code></dd></div>
          <div><dt>{t('claims.member')}</dt><dd>{claim.memberName ?? '—'} <code>{claim.member}</code></dd></div>
          <div>
            <dt>{t('households.number')}</dt>
            <dd>{claim.household ? (canOnScheme(me, 'members.read', scheme) ? <Link to={schemeHref(`/households/${encodeURIComponent(claim.household)}`)}><code>{claim.household}</code></Link> : <code>{claim.household}</code>) : '—'}</dd>
          </div>
          <div><dt>{t('claims.care')}</dt><dd>{claim.from === claim.to ? format.calendarDate(claim.from) : t('claims.careRange', { from: format.calendarDate(claim.from), to: format.calendarDate(claim.to) })}</dd></div>
          <div><dt>{t('claims.submittedOn')}</dt><dd>{format.calendarDate(claim.submittedOn)}</dd></div>
          <div><dt>{t('claims.diagnosis')}</dt><dd>{claim.diagnosis ? <code>{claim.diagnosis}</code> : '—'}</dd></div>
          <div><dt>{t('claims.guaranteeLetter')}</dt><dd>{claim.guaranteeLetter ? <code>{claim.guaranteeLetter}</code> : '—'}</dd></div>
          <div><dt>{t('claims.source')}</dt><dd>{t(`enums.claimSource.${claim.source}`)}</dd></div>
          <div><dt>{t('claims.decidedAt')}</dt><dd>{claim.adjudicatedAt ? format.dateTime(claim.adjudicatedAt) : '—'}</dd></div>
          {claim.paidOn ? <div><dt>{t('claims.paidOn')}</dt><dd>{format.calendarDate(claim.paidOn)}{claim.paymentReference ? <> · <code>{claim.paymentReference}</code></> : null}</dd></div> : null}
        </dl>
        <dl className="running-total">
          <div><dt>{t('claims.asked')}</dt><dd>{money.format(claim.asked)}</dd></div>
          <div><dt>{t('claims.allowed')}</dt><dd>{amount(claim.allowed)}</dd></div>
          <div><dt>{t('claims.payable')}</dt><dd className="amount--ok">{amount(claim.payable)}</dd></div>
          <div><dt>{t('claims.memberShare')}</dt><dd>{amount(claim.memberShare)}</dd></div>
        </dl>
      </section>
      <section className="card" aria-labelledby="lines-heading">
        <h2 id="lines-heading">{t('claims.lines')}</h2>
        <DataTable
          caption={t('claims.lines')}
          rows={claim.lines}
          rowKey={(l) => l.id}
          empty="—"
          columns={[
            { key: 'seq', header: '#', cell: (l) => l.seq },
            { key: 'service', header: t('claimEntry.service'), cell: (l) => <>{l.serviceName ?? '—'} <code>{l.service}</code>{l.category ? <span className="cell-note">{t(`enums.benefitCategory.${l.category}`)}</span> : null}</> },
            {
              key: 'asked',
              header: t('claims.asked'),
              numeric: true,
              cell: (l) => (
                <>
                  {money.format(l.asked)}
                  <span className="cell-note nowrap">{t('claims.times', { quantity: format.number(l.quantity), price: money.format(l.unitPrice) })}</span>
                </>
              ),
            },
            { key: 'decision', header: t('claims.decision'), cell: (l) => <LineDecisionCell line={l} /> },
            { key: 'allowed', header: t('claims.allowed'), numeric: true, cell: (l) => amount(l.allowed) },
            { key: 'payable', header: t('claims.payable'), numeric: true, cell: (l) => amount(l.payable) },
            { key: 'memberShare', header: t('claims.memberShare'), numeric: true, cell: (l) => amount(l.memberShare) },
            ...(review
              ? [
                  {
                    key: 'review',
                    header: t('review.column'),
                    cell: (l: ClaimLine) => (
                      <button type="button" className="button button--small" onClick={() => setReviewing(l)}>
                        {t('review.decide')}<span className="visually-hidden"> {t('review.lineN', { n: l.seq })}</span>
                      </button>
                    ),
                  },
                ]
              : []),
          ]}
        />
      </section>
      <ClaimAttachments scheme={scheme} claimId={claim.id} canAdd={canOnScheme(me, 'claims.submit', scheme)} />
      <section className="card" aria-labelledby="history-heading">
        <h2 id="history-heading">{t('claims.history')}</h2>
        <p className="muted">{t('claims.historyIntro')}</p>
        {claim.lines.some((l) => l.history.length) ? (
          claim.lines.map((l) => <LineHistory key={l.id} line={l} money={money} />)
        ) : (
          <p className="empty">{t('claims.noHistory')}</p>
        )}
      </section>
      {reviewing ? (
        <LineDecisionDialog
          scheme={scheme}
          claim={claim}
          line={reviewing}
          money={money}
          close={(changed) => {
            const line = reviewing;
            setReviewing(undefined);
            if (changed) {
              setNotice(t('review.recorded', { n: line.seq }));
              void reload();
            }
          }}
        />
      ) : null}
    </Page>
  );
}

function LineDecisionCell({ line }: { line: ClaimLine }) {
  const { t } = useTranslation();
  return (
    <div className="decision-cell">
      <DecisionBadge decision={line.decision} />
      {line.overridden ? <Badge tone="info">{t('claims.overridden')}</Badge> : null}
      {line.messages.length ? (
        <ul className="line-result__reasons">
          {line.messages.map((m, i) => (
            <li key={line.reasons[i] ?? i}>{m}</li>
          ))}
        </ul>
      ) : null}
      {line.flags.length ? <span className="cell-note">{line.flags.map((f) => t(`enums.engineFlag.${f}`)).join(' · ')}</span> : null}
    </div>
  );
}

function LineHistory({ line, money }: { line: ClaimLine; money: MoneyFormat }) {
  const { t } = useTranslation();
  const format = useFormat();
  if (!line.history.length) return null;
  return (
    <>
      <h3 className="subheading">{t('claims.historyOf', { n: line.seq, service: line.serviceName ?? line.service })}</h3>
      <ol className="plain-list decision-history">
        {line.history.map((d) => (
          <li key={`${d.decidedAt}:${d.kind}`}>
            <p>
              <DecisionBadge decision={d.decision} /> <strong>{t(`enums.decisionKind.${d.kind}`)}</strong>{' '}
              <span className="muted">{t('claims.decidedBy', { who: d.decidedBy, when: format.dateTime(d.decidedAt) })}</span>
            </p>
            <p className="cell-note">
              {t('claims.historyAmounts', { asked: money.format(d.asked), allowed: money.format(d.allowed), payable: money.format(d.payable), member: money.format(d.memberShare) })}
              {d.reasons.map((r, i) => (
                <Fragment key={r}>
                  {i ? ', ' : ' · '}
                  <code>{r}</code>
                </Fragment>
              ))}
            </p>
            {d.note ? <p>{t('claims.note', { note: d.note })}</p> : null}
          </li>
        ))}
      </ol>
    </>
  );
}

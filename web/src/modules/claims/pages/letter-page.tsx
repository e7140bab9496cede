import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Letter, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { Link, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { FormError } from '../../../components/form';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { approveLetter, cancelLetter, getLetter, letterPdf, refuseLetter } from '../api';
import { LetterStatusBadge } from '../components/labels';
import { ReasonDialog } from '../components/reason-dialog';

type Action = 'approve' | 'refuse' | 'cancel';

/** One guarantee letter: what it authorizes, its decision, the claim that used it; print, decide, cancel. */
export default function LetterPage({ scheme, number }: { scheme: Scheme; number: string }) {
  const { t } = useTranslation();
  const letter = useApi(() => getLetter(scheme.code, number), [scheme.code, number]);
  if (letter.status === 'loading') return <Loading />;
  if (letter.status === 'failed') {
    return (
      <Page title={t('letters.title')}>
        <LoadError error={letter.error} retry={() => void letter.reload()} />
      </Page>
    );
  }
  return <LetterView scheme={scheme} letter={letter.data} reload={letter.reload} />;
}

function LetterView({ scheme, letter, reload }: { scheme: Scheme; letter: Letter; reload: () => Promise<void> }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const schemeHref = useSchemeHref();
  const { query } = useLocation();
  const [action, setAction] = useState<Action>();
  const [notice, setNotice] = useState<string>();
  const print = useSubmit();
  const review = canOnScheme(me, 'claims.review', scheme) && letter.status === 'requested';
  const cancellable = canOnScheme(me, 'claims.submit', scheme) && (letter.status === 'requested' || letter.status === 'approved') && !letter.usedBy;

  const done = (message: string) => async () => {
    setAction(undefined);
    setNotice(message);
    await reload();
  };

  return (
    <Page
      title={t('letters.titleOf', { number: letter.number })}
      actions={
        <>
          <button type="button" className="button" disabled={print.busy} onClick={() => void print.run(() => letterPdf(scheme.code, letter.number))}>{t('letters.print')}</button>
          {review ? (
            <>
              <button type="button" className="button button--primary" onClick={() => setAction('approve')}>{t('letters.approve')}</button>
              <button type="button" className="button button--danger-outline" onClick={() => setAction('refuse')}>{t('letters.refuse')}</button>
            </>
          ) : null}
          {cancellable ? <button type="button" className="button button--danger-outline" onClick={() => setAction('cancel')}>{t('letters.cancel')}</button> : null}
        </>
      }
    >
      {query.get('requested') ? <Notice kind="success" role="status"><p>{t('letters.requested', { number: letter.number })}</p></Notice> : null}
      {notice ? <Notice kind="success" role="status"><p>{notice}</p></Notice> : null}
      <FormError error={print.error} />
      <section className="card" aria-labelledby="letter-heading">
        <div className="card__header">
          <h2 id="letter-heading">{t('letters.authorizes')}</h2>
          <LetterStatusBadge status={letter.status} />
        </div>
        <dl className="facts">
          <div><dt>{t('claims.member')}</dt><dd>{letter.memberName ?? '—'} <code>{letter.member}</code></dd></div>
          <div><dt>{t('households.number')}</dt><dd>{letter.household ? <code>{letter.household}</code> : '—'}</dd></div>
          <div><dt>{t('letters.category')}</dt><dd>{t(`enums.benefitCategory.${letter.category}`)}</dd></div>
          <div><dt>{t('claims.provider')}</dt><dd>{letter.provider ? <>{letter.providerName ?? letter.provider} <code>{letter.provider}</code></> : t('letters.anyProvider')}</dd></div>
          <div><dt>{t('letters.validity')}</dt><dd>{t('claims.careRange', { from: format.calendarDate(letter.validFrom), to: format.calendarDate(letter.validTo) })}</dd></div>
          <div><dt>{t('letters.usedBy')}</dt><dd>{letter.usedBy && letter.usedByClaimId ? <Link to={schemeHref(`/claims/${letter.usedByClaimId}`)}>{letter.usedBy}</Link> : t('letters.notUsed')}</dd></div>
        </dl>
        {letter.note ? (
          <>
            <h3>{t('letters.note')}</h3>
            <p>{letter.note}</p>
          </>
        ) : null}
      </section>
      <section className="card" aria-labelledby="decision-heading">
        <h2 id="decision-heading">{t('letters.history')}</h2>
        <ul className="plain-list">
          <li>{t('letters.requestedBy', { who: letter.requestedBy, when: format.dateTime(letter.requestedAt) })}</li>
          {letter.decidedBy && letter.decidedAt ? (
            <li>
              {t('letters.decidedBy', { who: letter.decidedBy, when: format.dateTime(letter.decidedAt) })}
              {letter.decisionReason ? <span className="cell-note">{t('claims.note', { note: letter.decisionReason })}</span> : null}
            </li>
          ) : null}
        </ul>
      </section>
      {action === 'approve' ? (
        <ReasonDialog
          title={t('letters.approveTitle', { number: letter.number })}
          label={t('letters.reason')}
          submitLabel={t('letters.approve')}
          onSubmit={async (reason) => {
            await approveLetter(scheme.code, letter.number, reason);
            await done(t('letters.approved'))();
          }}
          close={() => setAction(undefined)}
        />
      ) : null}
      {action === 'refuse' ? (
        <ReasonDialog
          title={t('letters.refuseTitle', { number: letter.number })}
          label={t('letters.reason')}
          hint={t('letters.refuseHint')}
          required
          danger
          submitLabel={t('letters.refuse')}
          onSubmit={async (reason) => {
            await refuseLetter(scheme.code, letter.number, reason!);
            await done(t('letters.refused'))();
          }}
          close={() => setAction(undefined)}
        />
      ) : null}
      {action === 'cancel' ? (
        <ReasonDialog
          title={t('letters.cancelTitle', { number: letter.number })}
          intro={<p>{t('letters.cancelIntro')}</p>}
          label={t('letters.reason')}
          danger
          submitLabel={t('letters.cancel')}
          onSubmit={async (reason) => {
            await cancelLetter(scheme.code, letter.number, reason);
            await done(t('letters.cancelled'))();
          }}
          close={() => setAction(undefined)}
        />
      ) : null}
    </Page>
  );
}

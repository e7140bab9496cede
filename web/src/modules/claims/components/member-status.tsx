import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import type { CoverageView, Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { asApiError } from '../../../app/use-api';
import { Badge } from '../../../components/badge';
import { checkCoverage } from '../../coverage/api';
import { coverageTone } from '../../coverage/enums';

type Lookup = { status: 'idle' } | { status: 'loading' } | { status: 'found'; view: CoverageView } | { status: 'failed'; error: ApiError };

/**
 * The member a card names, and their coverage on the date of care, looked up as the card is typed
 * (after a short pause). Tells the clerk at once whether the card is right and the member covered.
 */
export function MemberStatus({ scheme, card, date }: { scheme: Scheme; card: string; date: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const [lookup, setLookup] = useState<Lookup>({ status: 'idle' });
  const text = card.trim();

  useEffect(() => {
    if (text.length < 3 || !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
      setLookup({ status: 'idle' });
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      setLookup({ status: 'loading' });
      checkCoverage(scheme.code, text, date).then(
        (view) => {
          if (cancelled) return;
          setLookup({ status: 'found', view });
        },
        (e: unknown) => {
          if (cancelled) return;
          setLookup({ status: 'failed', error: asApiError(e) });
        },
      );
    }, 350);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [scheme.code, text, date]);

  return (
    <div className="member-status" aria-live="polite">
      {lookup.status === 'loading' ? <p className="muted">{t('claimEntry.lookingUp')}</p> : null}
      {lookup.status === 'failed' ? (
        <p className="field__error">{lookup.error.status === 404 ? t('eligibility.notFound', { card: text }) : lookup.error.status === 0 ? t('errors.network') : lookup.error.message}</p>
      ) : null}
      {lookup.status === 'found' ? (
        <p className="member-status__found">
          <strong>{lookup.view.name}</strong> <Badge tone={coverageTone[lookup.view.status]}>{t(`enums.coverageStatus.${lookup.view.status}`)}</Badge>
          <span className="cell-note">
            {[
              lookup.view.message !== t(`enums.coverageStatus.${lookup.view.status}`) ? lookup.view.message : '',
              lookup.view.period ? t('eligibility.periodValue', { product: lookup.view.period.product, start: format.calendarDate(lookup.view.period.start), end: format.calendarDate(lookup.view.period.end) }) : '',
            ]
              .filter(Boolean)
              .join(' · ')}
          </span>
        </p>
      ) : null}
    </div>
  );
}

import { type FormEvent, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CoverageView, ProviderLevel, Scheme } from '../../../api/types';
import { canOnScheme } from '../../../app/access';
import { useFormat } from '../../../app/format';
import { useMoney } from '../../../app/money';
import { href, Link, navigate, useLocation } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { Badge } from '../../../components/badge';
import { LoadError, Loading } from '../../../components/page';
import { DataTable } from '../../../components/table';
import { usePercent } from '../../products/components/version-view';
import { providerLevels } from '../../products/enums';
import { checkCoverage } from '../api';
import { coverageTone } from '../enums';

const ICONS = { success: '✓', warning: '!', danger: '✕', info: 'i', muted: '–' } as const;

/**
 * The eligibility check: a card number (and a date, today by default) gives the member's status
 * in colour with its reason, the period, the waiting end and what each benefit allows. The card
 * and date live in the URL (`?card=…&date=…`), so a check can be linked to and reloaded.
 */
export function EligibilityCheck({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { path, query } = useLocation();
  const card = query.get('card') ?? '';
  const date = query.get('date') ?? '';
  const [cardText, setCardText] = useState(card);
  const [dateText, setDateText] = useState(date);
  const id = useId();
  useEffect(() => setCardText(card), [card]);
  useEffect(() => setDateText(date), [date]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(query);
    next.delete('card');
    next.delete('date');
    const extra = Object.fromEntries(next.entries());
    navigate(href(path, { ...extra, card: cardText.trim() || undefined, date: dateText || undefined }));
  };

  return (
    <div className="eligibility-check">
      <form role="search" className="search-form eligibility-form" onSubmit={submit} aria-label={t('eligibility.formLabel')}>
        <div className="field eligibility-form__card">
          <label htmlFor={`${id}-card`}>{t('eligibility.card')}</label>
          <input
            id={`${id}-card`}
            name="card"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            value={cardText}
            onChange={(e) => setCardText(e.target.value)}
          />
        </div>
        <div className="field eligibility-form__date">
          <label htmlFor={`${id}-date`}>{t('eligibility.date')}</label>
          <input id={`${id}-date`} name="date" type="date" value={dateText} onChange={(e) => setDateText(e.target.value)} aria-describedby={`${id}-date-hint`} />
          <p className="field__hint" id={`${id}-date-hint`}>{t('eligibility.dateHint')}</p>
        </div>
        <div className="eligibility-form__submit">
          <button type="submit" className="button button--primary">{t('eligibility.check')}</button>
        </div>
      </form>
      {card ? <Result key={`${scheme.code}:${card}:${date}`} scheme={scheme} card={card} date={date} /> : null}
    </div>
  );
}

function Result({ scheme, card, date }: { scheme: Scheme; card: string; date: string }) {
  const { t } = useTranslation();
  const result = useApi(() => checkCoverage(scheme.code, card, date || undefined), [scheme.code, card, date]);
  if (result.status === 'loading') return <Loading />;
  if (result.status === 'failed') {
    if (result.error.status === 404) {
      return (
        <div className="notice notice--error" role="alert">
          <p>{t('eligibility.notFound', { card })}</p>
        </div>
      );
    }
    return <LoadError error={result.error} retry={() => void result.reload()} />;
  }
  return <CoverageResult scheme={scheme} view={result.data} />;
}

function CoverageResult({ scheme, view }: { scheme: Scheme; view: CoverageView }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const percent = usePercent();
  const schemeHref = useSchemeHref();
  const tone = coverageTone[view.status];
  const amount = (n: number | null) => (n === null ? '—' : money.format(n));
  // A level this version of the app does not know shows as its code.
  const levelName = (level: string) => ((providerLevels as readonly string[]).includes(level) ? t(`enums.providerLevel.${level as ProviderLevel}`) : level);

  return (
    <section className={`coverage coverage--${tone}`} aria-labelledby="coverage-heading" aria-live="polite">
      <div className="coverage__banner">
        <span className="coverage__icon" aria-hidden="true">{ICONS[tone]}</span>
        <div>
          <h2 id="coverage-heading" className="coverage__status">{t(`enums.coverageStatus.${view.status}`)}</h2>
          {view.message !== t(`enums.coverageStatus.${view.status}`) ? <p className="coverage__message">{view.message}</p> : null}
        </div>
      </div>
      <dl className="facts coverage__facts">
        <div><dt>{t('eligibility.member')}</dt><dd>{view.name}</dd></div>
        <div><dt>{t('members.card')}</dt><dd><code>{view.card}</code></dd></div>
        <div>
          <dt>{t('households.number')}</dt>
          <dd>
            {canOnScheme(me, 'members.read', scheme) ? <Link to={schemeHref(`/households/${encodeURIComponent(view.household)}`)}><code>{view.household}</code></Link> : <code>{view.household}</code>}
          </dd>
        </div>
        <div><dt>{t('eligibility.on')}</dt><dd>{format.calendarDate(view.date)}</dd></div>
        <div>
          <dt>{t('eligibility.period')}</dt>
          <dd>{view.period ? t('eligibility.periodValue', { product: view.period.product, start: format.calendarDate(view.period.start), end: format.calendarDate(view.period.end) }) : '—'}</dd>
        </div>
        <div><dt>{t('eligibility.activatedOn')}</dt><dd>{view.activatedOn ? format.calendarDate(view.activatedOn) : '—'}</dd></div>
        <div><dt>{t('eligibility.waitingEnd')}</dt><dd>{view.waitingEnd ? format.calendarDate(view.waitingEnd) : '—'}</dd></div>
        <div><dt>{t('eligibility.continuousSince')}</dt><dd>{view.continuousSince ? format.calendarDate(view.continuousSince) : '—'}</dd></div>
      </dl>
      {view.overdue.length ? (
        <div className="notice notice--warning">
          <h3>{t('eligibility.overdue')}</h3>
          <ul>
            {view.overdue.map((o) => (
              <li key={o.dueDate}>{t('eligibility.overdueLine', { date: format.calendarDate(o.dueDate), amount: money.format(o.unpaid) })}</li>
            ))}
          </ul>
        </div>
      ) : null}
      {view.benefits.length ? (
        <>
          <h3>{t('eligibility.benefits')}</h3>
          <DataTable
            caption={t('eligibility.benefits')}
            rows={view.benefits}
            rowKey={(b) => b.category}
            empty={t('products.noBenefits')}
            columns={[
              { key: 'category', header: t('products.category'), cell: (b) => t(`enums.benefitCategory.${b.category}`) },
              {
                key: 'available',
                header: t('eligibility.availability'),
                cell: (b) =>
                  b.available ? (
                    <Badge tone="success">{t('eligibility.available')}</Badge>
                  ) : (
                    <span>
                      <Badge tone="danger">{t('eligibility.notAvailable')}</Badge>
                      {b.waitingEnd && b.waitingEnd > view.date ? <span className="cell-note">{t('eligibility.from', { date: format.calendarDate(b.waitingEnd) })}</span> : null}
                    </span>
                  ),
              },
              {
                key: 'cover',
                header: t('products.cover'),
                cell: (b) => (b.copayment !== null ? t('products.copaymentOf', { amount: money.format(b.copayment) }) : b.coverageRate !== null ? t('products.rateOf', { rate: percent(b.coverageRate) }) : '—'),
              },
              { key: 'uses', header: t('eligibility.usesLeft'), numeric: true, cell: (b) => (b.usesLeft === null ? '—' : format.number(b.usesLeft)) },
              { key: 'beneficiary', header: t('eligibility.beneficiaryLeft'), numeric: true, cell: (b) => amount(b.beneficiaryCeilingLeft) },
              { key: 'household', header: t('eligibility.householdLeft'), numeric: true, cell: (b) => amount(b.householdCeilingLeft) },
              { key: 'perCase', header: t('products.perCaseCeiling'), numeric: true, cell: (b) => amount(b.perCaseCeiling) },
              {
                key: 'conditions',
                header: t('products.conditions'),
                cell: (b) =>
                  [b.requiresGuaranteeLetter ? t('products.requiresGuaranteeLetter') : '', b.providerLevels?.length ? t('products.atLevels', { levels: b.providerLevels.map(levelName).join(', ') }) : '']
                    .filter(Boolean)
                    .join(' · ') || '—',
              },
            ]}
          />
        </>
      ) : null}
    </section>
  );
}

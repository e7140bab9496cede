import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../api/client';
import type { ClaimQuote, Diagnosis, Letter, Provider, QuotedLine, Scheme, Service } from '../../../api/types';
import { ownProviders } from '../../../app/access';
import { today } from '../../../app/dates';
import { useFormat } from '../../../app/format';
import { useIdempotencyKey } from '../../../app/idempotency';
import { type MoneyFormat, useMoney } from '../../../app/money';
import { navigate } from '../../../app/router';
import { useMe, useSchemeHref } from '../../../app/session';
import { asApiError, useApi } from '../../../app/use-api';
import { useSubmit } from '../../../app/use-submit';
import { Badge } from '../../../components/badge';
import { type FieldErrors, fieldProblems, FormError, SelectField, TextField } from '../../../components/form';
import { parseWholeNumber } from '../../../components/numbers';
import { LoadError, Loading, Notice, Page } from '../../../components/page';
import { CellField, RowTitle } from '../../../components/table-form';
import { listProviders, listServices, searchDiagnoses, tariffOn } from '../../providers/api';
import { listLetters, quoteClaim, submitClaim } from '../api';
import { MemberStatus } from '../components/member-status';
import { decisionTone } from '../enums';

interface Line {
  key: number;
  service: string;
  quantity: string;
  unitPrice: string;
}

interface Draft {
  provider: string;
  number: string;
  member: string;
  from: string;
  to: string;
  diagnosis: string;
  guaranteeLetter: string;
}

const FIELDS = ['provider', 'number', 'member', 'from', 'to', 'submittedOn', 'diagnosis', 'guaranteeLetter', 'lines'] as const;
const LINE_FIELDS = ['service', 'quantity', 'unitPrice'] as const;
const QUOTE_DELAY_MS = 400;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A line the engine can price: a service, a whole quantity of at least 1 and a valid unit price. */
function completeLine(line: Line, money: MoneyFormat): { service: string; quantity: number; unitPrice: number } | undefined {
  const quantity = parseWholeNumber(line.quantity);
  const unitPrice = money.parse(line.unitPrice);
  if (!line.service || typeof quantity !== 'number' || quantity < 1 || typeof unitPrice !== 'number') return undefined;
  return { service: line.service, quantity, unitPrice };
}

const lineSignature = (line: Line) => `${line.service}|${line.quantity.trim()}|${line.unitPrice.trim()}`;

/** What the engine expects for the claim as typed: per line (by the line's key), and the totals. */
interface Expectation {
  claim: string;
  lines: Map<number, { signature: string; result: QuotedLine }>;
  totals: Omit<ClaimQuote, 'lines'>;
}

/**
 * Claim entry at the provider's desk. The member's name and coverage show as the card is typed;
 * as lines are typed the engine's expected decision, reasons, payable and member share show per
 * line with the totals (a quote: nothing is written). Submitting carries an idempotency key made
 * on this device, so a double click or a retry after a dropped connection records one claim.
 */
export default function NewClaimPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const providers = useApi(() => listProviders(scheme.code, { active: true }), [scheme.code]);
  const services = useApi(() => listServices(scheme.code, { active: true, limit: 5000 }), [scheme.code]);
  if (providers.status === 'loading' || services.status === 'loading') return <Loading />;
  if (providers.status === 'failed' || services.status === 'failed') {
    return (
      <Page title={t('claimEntry.title')}>
        <LoadError error={(providers.error ?? services.error)!} retry={() => void (providers.status === 'failed' ? providers.reload() : services.reload())} />
      </Page>
    );
  }
  // A provider clerk usually acts for one facility: it is chosen for them.
  const own = ownProviders(me, 'claims.submit', scheme);
  const preselected = providers.data.length === 1 ? providers.data[0]!.code : own?.length === 1 && providers.data.some((p) => p.code === own[0]) ? own[0]! : '';
  return <ClaimForm scheme={scheme} providers={providers.data} services={services.data} preselected={preselected} />;
}

function ClaimForm({ scheme, providers, services, preselected }: { scheme: Scheme; providers: Provider[]; services: Service[]; preselected: string }) {
  const { t } = useTranslation();
  const format = useFormat();
  const money = useMoney(scheme.currency);
  const schemeHref = useSchemeHref();
  const key = useIdempotencyKey();
  const nextKey = useRef(1);
  const sending = useRef(false);
  const sentRows = useRef<number[]>([]);
  const diagnosisList = useId();
  const letterList = useId();
  const [draft, setDraft] = useState<Draft>({ provider: preselected, number: '', member: '', from: today(), to: today(), diagnosis: '', guaranteeLetter: '' });
  const [lines, setLines] = useState<Line[]>([{ key: 0, service: '', quantity: '1', unitPrice: '' }]);
  const [clientErrors, setClientErrors] = useState<FieldErrors>({});
  const { busy, error, run } = useSubmit();

  const set = (change: Partial<Draft>) => {
    key.reset();
    setDraft((d) => {
      const next = { ...d, ...change };
      // Care on one day is the common case: the end follows the start until it is changed.
      if (change.from !== undefined && d.to === d.from) next.to = change.from;
      return next;
    });
  };
  const setLine = (index: number, change: Partial<Line>) => {
    key.reset();
    setLines((ls) => ls.map((l, i) => (i === index ? { ...l, ...change } : l)));
  };

  // The agreement valid on the date of care: its prices fill the unit price when a service is chosen.
  const tariff = useTariff(scheme, draft.provider, draft.from);
  const prices = useMemo(() => new Map((tariff.agreement?.tariff ?? []).map((l) => [l.service, l.price])), [tariff.agreement]);
  const diagnoses = useDiagnoses(draft.diagnosis);
  const letters = useLetters(scheme, draft.member);
  const { expectation, error: quoteError } = useQuote(scheme, draft, lines, money);

  const chooseService = (index: number, service: string) => {
    const price = prices.get(service);
    setLine(index, { service, ...(price !== undefined ? { unitPrice: money.toInput(price) } : {}) });
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (sending.current) return;
    const errors: FieldErrors = {};
    if (!draft.provider) errors.provider = t('validation.choose');
    if (!draft.number.trim()) errors.number = t('validation.required');
    if (!draft.member.trim()) errors.member = t('validation.required');
    if (!DATE.test(draft.from)) errors.from = t('validation.required');
    if (!DATE.test(draft.to)) errors.to = t('validation.required');
    else if (DATE.test(draft.from) && draft.to < draft.from) errors.to = t('claimEntry.toBeforeFrom');
    const filled = lines.map((l, i) => ({ l, i })).filter(({ l }) => l.service || l.unitPrice.trim());
    for (const { l, i } of filled) {
      if (!l.service) errors[`lines[${i}].service`] = t('validation.choose');
      const quantity = parseWholeNumber(l.quantity);
      if (typeof quantity !== 'number' || quantity < 1) errors[`lines[${i}].quantity`] = t('claimEntry.quantityInvalid');
      const price = money.parse(l.unitPrice);
      if (price === null) errors[`lines[${i}].unitPrice`] = t('validation.required');
      else if (price === undefined) errors[`lines[${i}].unitPrice`] = t('money.invalid', { currency: money.currency });
    }
    if (!filled.length) errors.lines = t('claimEntry.noLines');
    setClientErrors(errors);
    if (Object.keys(errors).length) return;

    sentRows.current = filled.map(({ i }) => i);
    const idempotencyKey = key.current();
    sending.current = true;
    try {
      await run(async () => {
        const claim = await submitClaim(scheme.code, {
          number: draft.number.trim(),
          provider: draft.provider,
          member: draft.member.trim(),
          from: draft.from,
          to: draft.to,
          diagnosis: draft.diagnosis.trim() || null,
          guaranteeLetter: draft.guaranteeLetter.trim() || null,
          lines: filled.map(({ l }) => completeLine(l, money)!),
          idempotencyKey,
        });
        navigate(schemeHref(`/claims/${claim.id}`, { submitted: '1' }));
      });
    } finally {
      sending.current = false;
    }
  };

  const rename = (field: string) => field.replace(/^lines\[(\d+)\]/, (_, n: string) => `lines[${sentRows.current[Number(n)] ?? n}]`);
  const lineFields = lines.flatMap((_, i) => LINE_FIELDS.map((f) => `lines[${i}].${f}`));
  const problems = fieldProblems(error, [...FIELDS, ...lineFields], rename);
  const errors = { ...problems.fields, ...clientErrors };
  const rowLabel = (i: number) => t('claimEntry.lineN', { n: i + 1 });
  const providerName = providers.find((p) => p.code === draft.provider)?.name;
  const inTariff = services.filter((s) => prices.has(s.code));
  const others = services.filter((s) => !prices.has(s.code));
  const claimSignature = claimKey(draft);

  return (
    <Page title={t('claimEntry.title')}>
      <p className="muted">{t('claimEntry.intro')}</p>
      <form onSubmit={submit} noValidate className="form" aria-label={t('claimEntry.title')}>
        <FormError error={error} other={problems.other} />
        {Object.keys(clientErrors).length ? <p className="notice notice--error" role="alert">{t('validation.fixFields')}</p> : null}
        <section className="card form" aria-labelledby="care-heading">
          <h2 id="care-heading">{t('claimEntry.care')}</h2>
          <div className="form__row">
            {providers.length === 1 ? (
              <div className="field">
                <span className="field__label-text">{t('claimEntry.provider')}</span>
                <p className="claim-provider">
                  <strong>{providers[0]!.name}</strong> <code>{providers[0]!.code}</code>
                </p>
              </div>
            ) : (
              <SelectField
                label={t('claimEntry.provider')}
                name="provider"
                value={draft.provider}
                onValue={(provider) => set({ provider })}
                options={[{ value: '', label: t('common.choose') }, ...providers.map((p) => ({ value: p.code, label: `${p.name} (${p.code})` }))]}
                error={errors.provider}
              />
            )}
            <TextField label={t('claimEntry.number')} hint={t('claimEntry.numberHint')} name="number" autoComplete="off" spellCheck={false} value={draft.number} onValue={(number) => set({ number })} error={errors.number} />
          </div>
          <div className="form__row">
            <div>
              <TextField
                label={t('claimEntry.member')}
                hint={t('claimEntry.memberHint')}
                name="member"
                autoComplete="off"
                autoCapitalize="characters"
                spellCheck={false}
                className="input--card"
                value={draft.member}
                onValue={(member) => set({ member })}
                error={errors.member}
              />
              <MemberStatus scheme={scheme} card={draft.member} date={draft.from} />
            </div>
          </div>
          <div className="form__row">
            <TextField label={t('claimEntry.from')} name="from" type="date" value={draft.from} onValue={(from) => set({ from })} error={errors.from} />
            <TextField label={t('claimEntry.to')} hint={t('claimEntry.toHint')} name="to" type="date" value={draft.to} onValue={(to) => set({ to })} error={errors.to} />
          </div>
          <div className="form__row">
            <TextField
              label={t('claimEntry.diagnosis')}
              hint={t('claimEntry.diagnosisHint')}
              name="diagnosis"
              list={diagnosisList}
              autoComplete="off"
              spellCheck={false}
              value={draft.diagnosis}
              onValue={(diagnosis) => set({ diagnosis })}
              error={errors.diagnosis}
            />
            <TextField
              label={t('claimEntry.guaranteeLetter')}
              hint={letters.length ? t('claimEntry.lettersFound', { count: letters.length, n: format.number(letters.length) }) : t('claimEntry.guaranteeLetterHint')}
              name="guaranteeLetter"
              list={letterList}
              autoComplete="off"
              spellCheck={false}
              value={draft.guaranteeLetter}
              onValue={(guaranteeLetter) => set({ guaranteeLetter })}
              error={errors.guaranteeLetter}
            />
          </div>
          <datalist id={letterList}>
            {letters.map((l) => (
              <option key={l.number} value={l.number}>{`${t(`enums.benefitCategory.${l.category}`)} · ${format.calendarDate(l.validFrom)} – ${format.calendarDate(l.validTo)}`}</option>
            ))}
          </datalist>
          <datalist id={diagnosisList}>
            {diagnoses.map((d) => (
              <option key={d.code} value={d.code}>{d.title}</option>
            ))}
          </datalist>
        </section>

        <section className="card" aria-labelledby="lines-heading">
          <h2 id="lines-heading">{t('claimEntry.lines')}</h2>
          {draft.provider && tariff.status === 'none' ? (
            <Notice kind="warning"><p>{t('claimEntry.noAgreement', { provider: providerName ?? draft.provider, date: DATE.test(draft.from) ? format.calendarDate(draft.from) : draft.from })}</p></Notice>
          ) : (
            <p className="muted">{t('claimEntry.linesIntro')}</p>
          )}
          {errors.lines ? <p className="field__error" role="alert">{errors.lines}</p> : null}
          <table className="table-form table-form--claim" aria-labelledby="lines-heading">
            <colgroup>
              <col className="col--number" />
              <col />
              <col className="col--small" />
              <col className="col--price" />
              <col className="col--price" />
              <col className="col--action" />
            </colgroup>
            <thead>
              <tr>
                <th scope="col">#</th>
                <th scope="col">{t('claimEntry.service')}</th>
                <th scope="col">{t('claimEntry.quantity')}</th>
                <th scope="col">{t('claimEntry.unitPrice')}</th>
                <th scope="col" className="numeric">{t('claims.asked')}</th>
                <th scope="col"><span className="visually-hidden">{t('common.actions')}</span></th>
              </tr>
            </thead>
            {lines.map((l, i) => {
              const complete = completeLine(l, money);
              const quoted = expectation?.claim === claimSignature ? expectation.lines.get(l.key) : undefined;
              const result = quoted && quoted.signature === lineSignature(l) ? quoted.result : undefined;
              const tariffPrice = prices.get(l.service);
              return (
                <tbody key={l.key} className="table-form__group">
                  <tr>
                    <RowTitle number={i + 1} title={t('claimEntry.lineTitle', { n: i + 1 })} />
                    <CellField label={t('claimEntry.service')} row={rowLabel(i)} error={errors[`lines[${i}].service`]}>
                      {({ id, describedBy, invalid }) => (
                        <>
                          <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={l.service} onChange={(e) => chooseService(i, e.target.value)}>
                            <option value="">{t('common.choose')}</option>
                            {inTariff.length ? (
                              <optgroup label={t('claimEntry.inTariff')}>
                                {inTariff.map((s) => (
                                  <option key={s.code} value={s.code}>{`${s.code} — ${s.name} (${money.format(prices.get(s.code)!)})`}</option>
                                ))}
                              </optgroup>
                            ) : null}
                            {others.length ? (
                              <optgroup label={inTariff.length ? t('claimEntry.notInTariff') : t('claimEntry.catalogue')}>
                                {others.map((s) => (
                                  <option key={s.code} value={s.code}>{`${s.code} — ${s.name}`}</option>
                                ))}
                              </optgroup>
                            ) : null}
                          </select>
                          {l.service && tariffPrice !== undefined ? <span className="cell-note">{t('claimEntry.tariffPrice', { price: money.format(tariffPrice) })}</span> : null}
                        </>
                      )}
                    </CellField>
                    <CellField label={t('claimEntry.quantity')} row={rowLabel(i)} error={errors[`lines[${i}].quantity`]}>
                      {({ id, describedBy, invalid }) => <input id={id} inputMode="numeric" autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={l.quantity} onChange={(e) => setLine(i, { quantity: e.target.value })} />}
                    </CellField>
                    <CellField label={t('claimEntry.unitPrice')} row={rowLabel(i)} error={errors[`lines[${i}].unitPrice`]}>
                      {({ id, describedBy, invalid }) => <input id={id} inputMode={money.exponent ? 'decimal' : 'numeric'} autoComplete="off" aria-describedby={describedBy} aria-invalid={invalid || undefined} value={l.unitPrice} onChange={(e) => setLine(i, { unitPrice: e.target.value })} />}
                    </CellField>
                    <td className="table-form__cell numeric table-form__output">
                      <span className="table-form__label" aria-hidden="true">{t('claims.asked')}</span>
                      <output aria-label={`${t('claims.asked')} (${rowLabel(i)})`}>{complete ? money.format(complete.quantity * complete.unitPrice) : '—'}</output>
                    </td>
                    <td className="table-form__cell table-form__cell--action">
                      {lines.length > 1 ? (
                        <button type="button" className="button button--small" onClick={() => { key.reset(); setLines((ls) => ls.filter((_, j) => j !== i)); }}>
                          {t('common.remove')}<span className="visually-hidden"> {rowLabel(i)}</span>
                        </button>
                      ) : null}
                    </td>
                  </tr>
                  <tr className="table-form__result">
                    <td colSpan={6}>
                      <LineExpectation line={i} result={result} complete={Boolean(complete)} money={money} />
                    </td>
                  </tr>
                </tbody>
              );
            })}
          </table>
          <div className="actions">
            <button type="button" className="button" onClick={() => { key.reset(); setLines((ls) => [...ls, { key: nextKey.current++, service: '', quantity: '1', unitPrice: '' }]); }}>
              {t('claimEntry.addLine')}
            </button>
          </div>
          <Totals expectation={expectation} current={expectation?.claim === claimSignature} error={quoteError} money={money} />
        </section>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>{busy ? t('claimEntry.submitting') : t('claimEntry.submit')}</button>
        </div>
      </form>
    </Page>
  );
}

/** What the engine expects for one line, in words: the decision, why, and who pays what. */
function LineExpectation({ line, result, complete, money }: { line: number; result: QuotedLine | undefined; complete: boolean; money: MoneyFormat }) {
  const { t } = useTranslation();
  if (!result) return <p className="line-result line-result--pending muted">{complete ? t('claimEntry.computing') : t('claimEntry.typeLine')}</p>;
  return (
    <div className="line-result" aria-label={t('claimEntry.expectedOf', { n: line + 1 })} role="group">
      <span className="line-result__decision">
        <span className="visually-hidden">{t('claimEntry.expected')} </span>
        <Badge tone={decisionTone[result.decision]}>{t(`enums.lineDecision.${result.decision}`)}</Badge>
      </span>
      <span>{t('claimEntry.schemePays', { amount: money.format(result.payable) })}</span>
      <span>{t('claimEntry.memberPays', { amount: money.format(result.memberShare) })}</span>
      {result.messages.length ? (
        <ul className="line-result__reasons">
          {result.messages.map((m, i) => (
            <li key={`${result.reasons[i] ?? i}`}>{m}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Totals({ expectation, current, error, money }: { expectation: Expectation | undefined; current: boolean; error: ApiError | undefined; money: MoneyFormat }) {
  const { t } = useTranslation();
  const totals = expectation?.totals;
  return (
    <div aria-live="polite">
      {error ? <Notice kind="warning"><p>{t('claimEntry.quoteFailed', { message: error.status === 0 ? t('errors.network') : error.message })}</p></Notice> : null}
      <h3 className="subheading">{t('claimEntry.expectedTotals')}</h3>
      <dl className="running-total">
        <div><dt>{t('claims.asked')}</dt><dd>{totals ? money.format(totals.asked) : '—'}</dd></div>
        <div><dt>{t('claims.allowed')}</dt><dd>{totals ? money.format(totals.allowed) : '—'}</dd></div>
        <div><dt>{t('claims.payable')}</dt><dd className="amount--ok">{totals ? money.format(totals.payable) : '—'}</dd></div>
        <div><dt>{t('claims.memberShare')}</dt><dd>{totals ? money.format(totals.memberShare) : '—'}</dd></div>
      </dl>
      {totals && !current ? <p className="muted">{t('claimEntry.computing')}</p> : null}
      <p className="field__hint">{t('claimEntry.quoteNote')}</p>
    </div>
  );
}

const claimKey = (d: Draft) => [d.provider, d.member.trim().toUpperCase(), d.from, d.to, d.diagnosis.trim(), d.guaranteeLetter.trim()].join('|');

/**
 * Asks the engine what the claim would be paid, a moment after typing stops: only lines that are
 * complete are sent, and answers to earlier versions of the form are dropped.
 */
function useQuote(scheme: Scheme, draft: Draft, lines: Line[], money: MoneyFormat): { expectation: Expectation | undefined; error: ApiError | undefined } {
  const [expectation, setExpectation] = useState<Expectation>();
  const [error, setError] = useState<ApiError>();
  const claim = claimKey(draft);
  const complete = lines.map((l) => ({ l, line: completeLine(l, money) })).filter((x) => x.line);
  const requestKey = `${claim}#${complete.map(({ l }) => `${l.key}:${lineSignature(l)}`).join(';')}`;
  const ready = Boolean(draft.provider && draft.member.trim() && DATE.test(draft.from) && DATE.test(draft.to) && draft.to >= draft.from && complete.length);
  const latest = useRef({ draft, complete });
  latest.current = { draft, complete };

  useEffect(() => {
    if (!ready) {
      setExpectation(undefined);
      setError(undefined);
      return;
    }
    const controller = new AbortController();
    const timer = window.setTimeout(() => {
      const { draft: d, complete: c } = latest.current;
      quoteClaim(
        scheme.code,
        {
          provider: d.provider,
          member: d.member.trim(),
          from: d.from,
          to: d.to,
          diagnosis: d.diagnosis.trim() || null,
          guaranteeLetter: d.guaranteeLetter.trim() || null,
          lines: c.map((x) => x.line!),
        },
        controller.signal,
      ).then(
        (quote) => {
          if (controller.signal.aborted) return;
          const byKey = new Map<number, { signature: string; result: QuotedLine }>();
          for (const result of quote.lines) {
            const sent = c[result.seq - 1];
            if (sent) byKey.set(sent.l.key, { signature: lineSignature(sent.l), result });
          }
          const { lines: _lines, ...totals } = quote;
          setExpectation({ claim: claimKey(d), lines: byKey, totals });
          setError(undefined);
        },
        (e: unknown) => {
          if (controller.signal.aborted) return;
          setExpectation(undefined);
          setError(asApiError(e));
        },
      );
    }, QUOTE_DELAY_MS);
    return () => {
      controller.abort();
      window.clearTimeout(timer);
    };
  }, [scheme.code, requestKey, ready]);

  return { expectation, error };
}

/** The agreement of the provider valid on the date of care (`none` when there is none). */
function useTariff(scheme: Scheme, provider: string, date: string) {
  const [state, setState] = useState<{ status: 'idle' | 'none' | 'ready'; agreement?: Awaited<ReturnType<typeof tariffOn>> }>({ status: 'idle' });
  useEffect(() => {
    if (!provider || !DATE.test(date)) {
      setState({ status: 'idle' });
      return;
    }
    let cancelled = false;
    tariffOn(scheme.code, provider, date).then(
      (agreement) => !cancelled && setState({ status: 'ready', agreement }),
      (e: unknown) => !cancelled && setState({ status: asApiError(e).code === 'no_agreement' ? 'none' : 'idle' }),
    );
    return () => {
      cancelled = true;
    };
  }, [scheme.code, provider, date]);
  return state;
}

/** The member's approved guarantee letters not used yet, offered in the letter field once the card is typed. */
function useLetters(scheme: Scheme, card: string): Letter[] {
  const [found, setFound] = useState<Letter[]>([]);
  const member = card.trim();
  useEffect(() => {
    if (member.length < 3) {
      setFound([]);
      return;
    }
    let cancelled = false;
    const timer = window.setTimeout(() => {
      listLetters(scheme.code, { member, status: 'approved', limit: 20 }).then(
        (page) => !cancelled && setFound(page.items.filter((l) => !l.usedBy)),
        () => !cancelled && setFound([]),
      );
    }, 350);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [scheme.code, member]);
  return found;
}

/** ICD-10 suggestions for what is typed in the diagnosis field (none while no list is loaded). */
function useDiagnoses(text: string): Diagnosis[] {
  const [found, setFound] = useState<Diagnosis[]>([]);
  const q = text.trim();
  useEffect(() => {
    if (q.length < 2) return;
    let cancelled = false;
    const timer = window.setTimeout(() => {
      searchDiagnoses(q).then(
        (list) => !cancelled && setFound(list),
        () => !cancelled && setFound([]),
      );
    }, 250);
    return () => {
      cancelled = true;
      window.clearTimeout(timer);
    };
  }, [q]);
  return found;
}

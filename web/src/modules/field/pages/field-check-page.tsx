import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Scheme } from '../../../api/types';
import { useFormat } from '../../../app/format';
import { Badge } from '../../../components/badge';
import { Page } from '../../../components/page';
import { getCardKeys, getMeta, householdsOf } from '../../../offline/store';
import type { SnapshotHousehold, SnapshotMember } from '../../../offline/types';
import { type CardVerification, ed25519Supported, looksLikePayload, verifyCard } from '../../../offline/verify';
import { CoverageBadge, FieldStatusPanel, fullName, useFieldAccess, useLocal } from '../components/field-common';

/** The part of the BarcodeDetector API used here (Chromium on Android has it; TypeScript's DOM types do not). */
interface BarcodeDetectorLike {
  detect(source: HTMLVideoElement): Promise<{ rawValue: string }[]>;
}
type BarcodeDetectorClass = new (options: { formats: string[] }) => BarcodeDetectorLike;
const Detector = (globalThis as { BarcodeDetector?: BarcodeDetectorClass }).BarcodeDetector;

interface Result {
  text: string;
  verification: CardVerification | null;
  card: string;
  member: { member: SnapshotMember; household: SnapshotHousehold } | null;
}

/**
 * Is this card genuine, and was its holder covered at the last sync? Works with no network: the
 * signature is checked with the scheme's public keys kept on the device (WebCrypto Ed25519), the
 * status comes from the last snapshot and says its date.
 */
export default function FieldCheckPage({ scheme }: { scheme: Scheme }) {
  const { t } = useTranslation();
  const format = useFormat();
  const access = useFieldAccess(scheme);
  const [text, setText] = useState('');
  const [result, setResult] = useState<Result | undefined>();
  const [scanning, setScanning] = useState(false);
  const [cameraFailed, setCameraFailed] = useState(false);
  const supported = useLocal(() => ed25519Supported(), []);
  const keys = useLocal(() => getCardKeys(scheme.code), [scheme.code]);
  const meta = useLocal(() => getMeta(scheme.code), [scheme.code]);

  const check = async (value: string) => {
    const typed = value.trim();
    if (!typed) return;
    let verification: CardVerification | null = null;
    let card = typed.toUpperCase();
    if (looksLikePayload(typed)) {
      verification = await verifyCard(typed, (await getCardKeys(scheme.code))?.keys ?? [], scheme.code);
      card = verification.card ?? '';
    }
    let member: Result['member'] = null;
    if (card && (verification === null || verification.valid !== false) && access.snapshot) {
      for (const household of await householdsOf(scheme.code)) {
        const found = household.members.find((m) => m.card === card);
        if (found) {
          member = { member: found, household };
          break;
        }
      }
    }
    setResult({ text: typed, verification, card, member });
  };

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void check(text);
  };

  return (
    <Page title={t('field.check.title')}>
      <p className="muted">{t('field.check.intro')}</p>
      <FieldStatusPanel scheme={scheme} />
      {supported.loaded && !supported.data ? <p className="notice notice--warning">{t('field.check.noSupport')}</p> : null}
      {keys.loaded && !keys.data?.keys.length ? <p className="notice notice--warning">{t('field.check.noKeys')}</p> : null}
      <form role="search" className="form" noValidate onSubmit={submit} aria-label={t('field.check.title')}>
        <div className="field">
          <label htmlFor="field-card">{t('field.check.label')}</label>
          <textarea id="field-card" name="card" rows={2} autoComplete="off" spellCheck={false} value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary">
            {t('field.check.submit')}
          </button>
          {Detector ? (
            <button type="button" className="button" aria-pressed={scanning} onClick={() => setScanning((s) => !s)}>
              {scanning ? t('field.check.stopScan') : t('field.check.scan')}
            </button>
          ) : null}
        </div>
      </form>
      {cameraFailed ? <p className="notice notice--warning">{t('field.check.cameraFailed')}</p> : null}
      {scanning && Detector ? (
        <Scanner
          Detector={Detector}
          label={t('field.check.camera')}
          onFailed={() => {
            setScanning(false);
            setCameraFailed(true);
          }}
          onCode={(code) => {
            setScanning(false);
            setText(code);
            void check(code);
          }}
        />
      ) : null}
      {result ? (
        <section className="card" aria-live="polite" aria-labelledby="field-check-result">
          <h2 id="field-check-result">{result.card || result.text}</h2>
          {result.verification ? (
            result.verification.valid === true ? (
              <p>
                <Badge tone="success">✓</Badge> {t('field.check.valid', { kid: result.verification.kid })}
              </p>
            ) : result.verification.valid === false ? (
              <p className="notice notice--error" role="alert">
                {t(`field.check.invalid.${result.verification.reason}`, { scheme: result.verification.scheme ?? '' })}
              </p>
            ) : (
              <p className="notice notice--warning">{t('field.check.noSupport')}</p>
            )
          ) : null}
          {result.member && meta.data ? <p className="muted">{t('field.check.asOf', { date: format.calendarDate(meta.data.asOf) })}</p> : null}
          {result.member ? (
            <dl className="facts">
              <div>
                <dt>{t('field.check.member')}</dt>
                <dd>
                  {fullName(result.member.member)} · {result.member.household.number}
                </dd>
              </div>
              <div>
                <dt>{t('field.check.status')}</dt>
                <dd>
                  {result.member.member.memberStatus === 'active' ? <CoverageBadge coverage={result.member.member.coverage} /> : <Badge tone="muted">{t(`enums.beneficiaryStatus.${result.member.member.memberStatus}`)}</Badge>}
                </dd>
              </div>
            </dl>
          ) : result.verification?.valid !== false && access.snapshot ? (
            <p className="notice notice--warning">{t('field.check.unknownCard', { card: result.card || result.text })}</p>
          ) : null}
        </section>
      ) : null}
    </Page>
  );
}

/** The camera's picture, read for a QR code a few times a second until one is found. */
function Scanner({ Detector, label, onCode, onFailed }: { Detector: BarcodeDetectorClass; label: string; onCode: (code: string) => void; onFailed: () => void }) {
  const video = useRef<HTMLVideoElement>(null);
  // The latest callbacks, without restarting the camera when the page renders again.
  const callbacks = useRef({ onCode, onFailed });
  callbacks.current = { onCode, onFailed };
  useEffect(() => {
    let stream: MediaStream | undefined;
    let timer: ReturnType<typeof setInterval> | undefined;
    let stopped = false;
    void (async () => {
      try {
        stream = await navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' } });
        if (stopped || !video.current) return;
        video.current.srcObject = stream;
        await video.current.play();
        const detector = new Detector({ formats: ['qr_code'] });
        timer = setInterval(() => {
          if (!video.current) return;
          void detector.detect(video.current).then((codes) => {
            const code = codes[0]?.rawValue;
            if (code && !stopped) {
              stopped = true;
              callbacks.current.onCode(code);
            }
          });
        }, 300);
      } catch {
        if (!stopped) callbacks.current.onFailed();
      }
    })();
    return () => {
      stopped = true;
      if (timer) clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [Detector]);
  return (
    <div className="field-scan">
      <video ref={video} aria-label={label} muted playsInline />
    </div>
  );
}

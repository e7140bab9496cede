import i18next, { type TFunction } from 'i18next';
import { en } from './en.js';
import { fr } from './fr.js';

export const locales = ['en', 'fr'] as const;
export type Locale = (typeof locales)[number];

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  resources: { en: { translation: en }, fr: { translation: fr } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: [...locales],
  interpolation: { escapeValue: false },
  returnNull: false,
  showSupportNotice: false,
});

const fixed: Record<Locale, TFunction> = { en: instance.getFixedT('en'), fr: instance.getFixedT('fr') };

export function translate(locale: Locale, key: string, params: Record<string, unknown> = {}): string {
  return fixed[locale](key, params) as string;
}

export function hasTranslation(key: string): boolean {
  return instance.exists(key, { lng: 'en', fallbackLng: false });
}

/** Picks the best supported locale from an Accept-Language header. */
export function pickLocale(acceptLanguage: string | undefined, fallback: Locale = 'en'): Locale {
  if (!acceptLanguage) return fallback;
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.find((p) => p.trim().startsWith('q='));
      return { lang: tag.trim().toLowerCase().split('-')[0] ?? '', q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((x) => x.lang && Number.isFinite(x.q))
    .sort((a, b) => b.q - a.q);
  for (const { lang } of ranked) {
    if ((locales as readonly string[]).includes(lang)) return lang as Locale;
  }
  return fallback;
}

export function isLocale(value: string): value is Locale {
  return (locales as readonly string[]).includes(value);
}

import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { setApiLanguage } from '../api/client';
import en from './en.json';
import fr from './fr.json';

export const languages = ['en', 'fr'] as const;
export type Language = (typeof languages)[number];

/** Each language's name in itself, for the switcher. */
export const languageNames: Record<Language, string> = { en: 'English', fr: 'Français' };

const STORAGE_KEY = 'mutua.language';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value);
}

function storedLanguage(): Language | undefined {
  try {
    const value = window.localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function browserLanguage(): Language {
  for (const tag of navigator.languages ?? [navigator.language]) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLanguage(base)) return base;
  }
  return 'en';
}

/** Whether the user picked a language on this device (which then wins over their profile's). */
export function hasChosenLanguage(): boolean {
  return storedLanguage() !== undefined;
}

function apply(language: Language) {
  document.documentElement.lang = language;
  setApiLanguage(language);
}

export async function initI18n(): Promise<void> {
  const language = storedLanguage() ?? browserLanguage();
  apply(language);
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: language,
    fallbackLng: 'en',
    supportedLngs: [...languages],
    interpolation: { escapeValue: false },
    returnNull: false,
    showSupportNotice: false,
  });
}

/** Switches the interface (and the API's messages) to another language. */
export async function changeLanguage(language: Language, options: { remember?: boolean } = { remember: true }): Promise<void> {
  if (options.remember !== false) {
    try {
      window.localStorage.setItem(STORAGE_KEY, language);
    } catch {
      // Private browsing may refuse storage; the choice then lasts for this page only.
    }
  }
  apply(language);
  await i18next.changeLanguage(language);
}

export function currentLanguage(): Language {
  return isLanguage(i18next.resolvedLanguage) ? i18next.resolvedLanguage : 'en';
}

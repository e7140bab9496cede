import type en from './en.json';

// Makes `t('some.key')` a type error when the key is not in the English catalogue.
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}

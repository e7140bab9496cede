import { useTranslation } from 'react-i18next';
import type { MoneyFormat } from '../../../app/money';
import type { DraftMessages } from './version-draft';

/** The form's own messages for a version draft, in the user's language. */
export function useDraftMessages(money: MoneyFormat): DraftMessages {
  const { t } = useTranslation();
  return {
    required: t('validation.required'),
    choose: t('validation.choose'),
    wholeNumber: t('validation.wholeNumber'),
    amount: t('money.invalid', { currency: money.currency }),
    percent: t('validation.percent'),
  };
}

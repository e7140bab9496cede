import type { ComponentProps } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '../app/format';
import type { MoneyFormat } from '../app/money';
import { TextField } from './form';

/** An amount typed in the scheme's currency (read back with `money.parse`); the hint names the currency. */
export function MoneyField({ money, hint, ...props }: Omit<ComponentProps<typeof TextField>, 'inputMode'> & { money: MoneyFormat }) {
  const { t } = useTranslation();
  const format = useFormat();
  const currency = t('money.in', { currency: `${format.currency(money.currency)} (${money.currency})` });
  return <TextField inputMode={money.exponent ? 'decimal' : 'numeric'} autoComplete="off" hint={hint ? <>{hint} · {currency}</> : currency} {...props} />;
}

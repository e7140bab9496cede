import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Location } from '../../../api/types';
import { TextField } from '../../../components/form';
import { searchLocations } from '../api';

/**
 * A location code, with suggestions from the location hierarchy as the user types a place name
 * (the browser's own datalist: keyboard and screen-reader friendly).
 */
export function LocationField({ value, onValue, error, label }: { value: string; onValue: (value: string) => void; error?: string; label: string }) {
  const { t } = useTranslation();
  const listId = useId();
  const [suggestions, setSuggestions] = useState<Location[]>([]);
  useEffect(() => {
    const text = value.trim();
    if (text.length < 2) return;
    const timer = window.setTimeout(() => {
      searchLocations(text).then(setSuggestions, () => setSuggestions([]));
    }, 250);
    return () => window.clearTimeout(timer);
  }, [value]);
  return (
    <>
      <TextField label={label} hint={t('sections.locationHint')} name="location" list={listId} autoComplete="off" spellCheck={false} value={value} onValue={onValue} error={error} />
      <datalist id={listId}>
        {suggestions.map((l) => (
          <option key={l.code} value={l.code}>
            {l.parent ? `${l.name} (${l.parent})` : l.name}
          </option>
        ))}
      </datalist>
    </>
  );
}

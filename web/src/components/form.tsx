import { type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError, FieldProblem } from '../api/client';

/** Problems by field name, as returned by `fieldProblems`. */
export type FieldErrors = Record<string, string>;

/**
 * Splits an API error into messages shown next to fields and the rest. `fields` names the form's
 * fields; `rename` maps the API's field paths (`body.scope`, `grants[0].role`) to them. Domain
 * errors (not schema validation) carry a message already in the user's language, so it is the one
 * shown beside the field.
 */
export function fieldProblems(error: ApiError | undefined, fields: readonly string[], rename: (field: string) => string = (f) => f): { fields: FieldErrors; other: FieldProblem[] } {
  const result: { fields: FieldErrors; other: FieldProblem[] } = { fields: {}, other: [] };
  if (!error) return result;
  for (const detail of error.details) {
    const name = rename(detail.field.replace(/^body\./, ''));
    const message = error.code === 'validation_failed' ? detail.message : error.message;
    if (fields.includes(name)) result.fields[name] = result.fields[name] && result.fields[name] !== message ? `${result.fields[name]}; ${message}` : message;
    else result.other.push(detail);
  }
  return result;
}

interface FieldShellProps {
  label: string;
  hint?: ReactNode;
  error?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}

function FieldShell({ label, hint, error, children }: FieldShellProps) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${error ? ' field--invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {hint ? <p className="field__hint" id={hintId}>{hint}</p> : null}
      {children({ id, describedBy, invalid: Boolean(error) })}
      {error ? <p className="field__error" id={errorId}>{error}</p> : null}
    </div>
  );
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value'> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValue: (value: string) => void;
};

export function TextField({ label, hint, error, value, onValue, ...input }: TextFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <input id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(e) => onValue(e.target.value)} {...input} />
      )}
    </FieldShell>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value'> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string }[];
};

export function SelectField({ label, hint, error, value, onValue, options, ...select }: SelectFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <select id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(e) => onValue(e.target.value)} {...select}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>{o.label}</option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value'> & {
  label: string;
  hint?: ReactNode;
  error?: string;
  value: string;
  onValue: (value: string) => void;
};

export function TextAreaField({ label, hint, error, value, onValue, ...textarea }: TextAreaFieldProps) {
  return (
    <FieldShell label={label} hint={hint} error={error}>
      {({ id, describedBy, invalid }) => (
        <textarea id={id} aria-describedby={describedBy} aria-invalid={invalid || undefined} value={value} onChange={(e) => onValue(e.target.value)} rows={3} {...textarea} />
      )}
    </FieldShell>
  );
}

type CheckboxFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'checked' | 'type'> & {
  label: string;
  error?: string;
  checked: boolean;
  onChecked: (checked: boolean) => void;
};

/** A checkbox with its label after it. */
export function CheckboxField({ label, error, checked, onChecked, ...input }: CheckboxFieldProps) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <div className={`field field--check${error ? ' field--invalid' : ''}`}>
      <span className="check">
        <input id={id} type="checkbox" checked={checked} aria-describedby={errorId} aria-invalid={error ? true : undefined} onChange={(e) => onChecked(e.target.checked)} {...input} />
        <label htmlFor={id}>{label}</label>
      </span>
      {error ? <p className="field__error" id={errorId}>{error}</p> : null}
    </div>
  );
}

/** A choice among a few options, as radio buttons in a fieldset (all options visible at once). */
export function RadioField({ legend, name, value, onValue, options, error, hint }: {
  legend: string;
  name: string;
  value: string;
  onValue: (value: string) => void;
  options: readonly { value: string; label: string; hint?: string }[];
  error?: string;
  hint?: ReactNode;
}) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset className={`fieldset radio-field${error ? ' field--invalid' : ''}`} aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? <p className="field__hint" id={`${id}-hint`}>{hint}</p> : null}
      <div className="radio-field__options">
        {options.map((o) => (
          <span className="check" key={o.value}>
            <input type="radio" id={`${id}-${o.value}`} name={`${name}-${id}`} value={o.value} checked={value === o.value} onChange={() => onValue(o.value)} />
            <label htmlFor={`${id}-${o.value}`}>
              {o.label}
              {o.hint ? <span className="check__hint">{o.hint}</span> : null}
            </label>
          </span>
        ))}
      </div>
      {error ? <p className="field__error" id={`${id}-error`}>{error}</p> : null}
    </fieldset>
  );
}

/**
 * The error summary at the top of a form: the API's message, plus any field problems that no
 * field of the form shows. Announced to screen readers when it appears.
 */
export function FormError({ error, other = [] }: { error: ApiError | undefined; other?: FieldProblem[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const message = error.status === 0 ? t('errors.network') : error.message;
  return (
    <div className="notice notice--error" role="alert">
      <p>{message}</p>
      {other.length ? (
        <ul>
          {other.map((d) => (
            <li key={`${d.field}:${d.message}`}>
              <code>{d.field}</code> {d.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

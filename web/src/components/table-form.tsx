import { type ReactNode, useId } from 'react';

/**
 * A field in a row of a table form (members of a household, benefit lines). On a wide screen the
 * column header names it and its own label is only for screen readers; on a phone the table
 * becomes one card per row and the label shows above the field. The label carries the row
 * ("First name (member 2)") so every field has a unique name.
 */
export function CellField({ label, row, error, className, children }: {
  label: string;
  row: string;
  error?: string;
  className?: string;
  children: (ids: { id: string; describedBy: string | undefined; invalid: boolean }) => ReactNode;
}) {
  const id = useId();
  const errorId = error ? `${id}-error` : undefined;
  return (
    <td className={`table-form__cell${error ? ' field--invalid' : ''}${className ? ` ${className}` : ''}`}>
      <label htmlFor={id} className="table-form__label">
        {label}
        <span className="visually-hidden"> ({row})</span>
      </label>
      {children({ id, describedBy: errorId, invalid: Boolean(error) })}
      {error ? <p className="field__error" id={errorId}>{error}</p> : null}
    </td>
  );
}

/** The first cell of a table-form row: its number on a wide screen, its title on a phone. */
export function RowTitle({ number, title, children }: { number: number; title: string; children?: ReactNode }) {
  return (
    <th scope="row" className="table-form__row-title">
      <span className="table-form__number" aria-hidden="true">{number}</span>
      <span className="table-form__title">{title}</span>
      {children}
    </th>
  );
}

/**
 * Reads a whole number typed in a form: null when empty, undefined when it is not one. Spaces are
 * allowed as digit grouping ("10 000", as French writes it); other separators are not guessed.
 */
export function parseWholeNumber(text: string): number | null | undefined {
  const value = text.replace(/[\s\u00a0\u202f]/g, '');
  if (value === '') return null;
  return /^\d{1,10}$/.test(value) ? Number(value) : undefined;
}

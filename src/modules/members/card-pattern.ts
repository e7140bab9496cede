/**
 * Card numbers from the scheme setting `cardPattern`, e.g. "D1-{household:6}-{member:2}":
 *   {household}    the household number; {household:N} left-pads an all-digit number with zeros
 *                  to N characters (a number with letters is used as it is)
 *   {member}       the member's rank in the household (1 for the first registered, the head);
 *                  {member:N} pads it to N digits
 *   {scheme}       the scheme code
 * Both {household} and {member} are required, so two members can never get the same card. The
 * result may only hold letters, digits, dots, dashes and underscores, and is uppercased.
 */
export const DEFAULT_CARD_PATTERN = '{household:6}-{member:2}';

const PLACEHOLDER = /\{(household|member|scheme)(?::(\d{1,2}))?\}/g;
const CARD = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Why the pattern cannot be used, or undefined when it can. */
export function cardPatternProblem(pattern: string): string | undefined {
  const names = [...pattern.matchAll(PLACEHOLDER)].map((m) => m[1]);
  const literal = pattern.replace(PLACEHOLDER, 'X');
  if (/[{}]/.test(literal)) return 'has an unknown {placeholder}; use {household}, {member} and {scheme}';
  if (!names.includes('household') || !names.includes('member')) return 'must contain {household} and {member}';
  if (!CARD.test(literal)) return 'may only hold letters, digits, dots, dashes and underscores';
  if (literal.length > 40) return 'is too long';
  return undefined;
}

function pad(value: string, width: string | undefined): string {
  return width && /^\d+$/.test(value) ? value.padStart(Number(width), '0') : value;
}

type Part = string | { name: string; width: string | undefined };
const compiled = new Map<string, Part[]>();

// Bulk loaders format millions of cards: split each pattern into parts once.
function partsOf(pattern: string): Part[] {
  let parts = compiled.get(pattern);
  if (!parts) {
    parts = [];
    let at = 0;
    for (const m of pattern.matchAll(PLACEHOLDER)) {
      if (m.index > at) parts.push(pattern.slice(at, m.index).toUpperCase());
      parts.push({ name: m[1]!, width: m[2] });
      at = m.index + m[0].length;
    }
    if (at < pattern.length) parts.push(pattern.slice(at).toUpperCase());
    if (compiled.size > 100) compiled.clear();
    compiled.set(pattern, parts);
  }
  return parts;
}

export function formatCard(pattern: string, values: { household: string; member: number; scheme: string }): string {
  let card = '';
  for (const part of partsOf(pattern)) {
    if (typeof part === 'string') card += part;
    else if (part.name === 'household') card += pad(values.household, part.width).toUpperCase();
    else if (part.name === 'member') card += pad(String(values.member), part.width);
    else card += values.scheme.toUpperCase();
  }
  return card;
}

/** Household numbers Mutua hands out: the scheme's counter, zero-padded to six digits. */
export function formatHouseholdNumber(n: number): string {
  return String(n).padStart(6, '0');
}

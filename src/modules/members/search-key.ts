/**
 * Spelling-tolerant name keys. Registers are written by hand, by different people, from names
 * said aloud: "Awa N'Diaye", "NDIAYE Awa", "Awa Ndiaye" and "Aïssatou Fall" / "Aissatou Falll"
 * must meet. A key is the words of the names, lowercased, without accents, with apostrophes and
 * hyphens removed (N'Diaye = Ndiaye, Jean-Pierre = Jeanpierre), runs of a repeated letter
 * collapsed (Fallou = Falou), sorted (so the order of first and last names does not matter).
 * The same function normalizes what people type in the search box.
 */
const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

export function nameWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œæßøłđ]/g, (c) => LIGATURES[c] ?? c)
    .replace(/['’ʼ‘`´‐‑‒–—-]/g, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/(.)\1+/gu, '$1')
    .split(' ')
    .filter(Boolean);
}

/**
 * The key of a name: its words, sorted, each after a space (" awa ndiaye"). The leading space
 * lets one pattern, LIKE '% ndiay%', test "a word begins with ndiay" for every word, the first
 * included, which a trigram index answers.
 */
export function searchKey(firstName: string, lastName: string): string {
  return ` ${[...nameWords(firstName), ...nameWords(lastName)].sort().join(' ')}`;
}

/** Phone numbers are stored and compared without spaces, dots, dashes or brackets. */
export function normalizePhone(phone: string): string {
  return phone.replace(/[\s.()-]/g, '');
}

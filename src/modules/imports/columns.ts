import { type ClaimField, type HouseholdField, type ImportKind, type Mapping, type PaymentField, claimValueFields, householdValueFields, paymentValueFields } from './imports.schemas.js';

/**
 * Headers and words of spreadsheets, in English and French, matched ignoring case, accents,
 * punctuation and small words ("N° de ménage" and "Numero menage" are the same header).
 */

/** Lowercase, no accents, words of letters and digits separated by one space. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[œ]/g, 'oe')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

// Words that do not tell one column from another: articles, "number", and single letters
// ("N°" gives "n", "d'adhésion" gives "d", "Prénom(s)" gives "s").
const SMALL_WORDS = new Set(['de', 'du', 'des', 'la', 'le', 'les', 'the', 'of', 'no', 'nr', 'num', 'numero', 'number', 'nbr', 'nro']);

/** The words of a header that matter, joined: what headers are compared by. */
export function headerKey(header: string): string {
  return normalizeText(header)
    .split(' ')
    .filter((w) => w.length > 1 && !SMALL_WORDS.has(w))
    .join(' ');
}

const HOUSEHOLD_HEADERS: Record<HouseholdField, string[]> = {
  householdNumber: ['household', 'household number', 'household id', 'household code', 'family', 'family number', 'ménage', 'numéro de ménage', 'N° ménage', 'code ménage', 'id ménage', 'famille', 'numéro famille', 'N° famille'],
  category: ['category', 'household category', 'catégorie', 'catégorie de ménage', 'type de ménage', 'type adhésion', 'statut du ménage'],
  group: ['group', 'group code', 'groupement', 'code groupement', 'groupe', 'association', 'GIE', 'coopérative'],
  section: ['section', 'section code', 'code section', 'antenne', 'comité'],
  location: ['location', 'village', 'localité', 'lieu', 'commune', 'quartier', 'lieu de résidence', 'résidence', 'zone'],
  householdPhone: ['phone', 'household phone', 'telephone', 'tel', 'téléphone du ménage', 'tél ménage', 'contact', 'téléphone chef de ménage'],
  address: ['address', 'adresse', 'domicile'],
  card: ['card', 'card number', 'member card', 'carte', 'numéro de carte', 'N° carte', 'carte de membre', 'carte membre', 'matricule', 'numéro adhérent', 'N° adhérent', 'code bénéficiaire', 'id bénéficiaire'],
  firstName: ['first name', 'firstname', 'given name', 'given names', 'forename', 'prénom', 'prénoms'],
  lastName: ['last name', 'lastname', 'surname', 'family name', 'name', 'nom', 'nom de famille', 'patronyme'],
  sex: ['sex', 'gender', 'sexe', 'genre'],
  birthDate: ['birth date', 'date of birth', 'birthdate', 'dob', 'born', 'date de naissance', 'né le', 'née le', 'né(e) le', 'naissance', 'date naissance'],
  birthYear: ['birth year', 'year of birth', 'estimated birth year', 'année de naissance', 'année naissance', 'année de naissance estimée'],
  relationship: ['relationship', 'relationship to head', 'relation', 'lien', 'lien de parenté', 'lien avec le chef', 'lien avec le chef de ménage', 'parenté', 'qualité'],
  joinedOn: ['joined on', 'joined', 'joining date', 'enrolment date', 'enrollment date', 'date joined', "date d'adhésion", 'adhésion', "date d'inscription", 'inscription', "date d'enrôlement"],
  idDocument: ['ID document', 'ID', 'ID number', 'national ID', 'document', 'pièce', "pièce d'identité", 'numéro de pièce', 'CNI', 'N° CNI', 'NIN', 'acte de naissance'],
  memberPhone: ['member phone', 'beneficiary phone', 'own phone', 'mobile', 'téléphone membre', 'téléphone du membre', 'téléphone bénéficiaire', 'tél membre', 'portable'],
};

const PAYMENT_HEADERS: Record<PaymentField, string[]> = {
  household: ['household', 'household number', 'family', 'ménage', 'numéro de ménage', 'N° ménage', 'code ménage', 'famille'],
  date: ['date', 'payment date', 'paid on', 'date de paiement', 'date du paiement', 'date de versement', 'date versement', "date d'encaissement"],
  amount: ['amount', 'amount paid', 'paid', 'montant', 'montant payé', 'montant versé', 'somme', 'somme versée', 'cotisation', 'versement'],
  method: ['method', 'payment method', 'mode', 'mode de paiement', 'moyen de paiement', 'mode de versement'],
  payer: ['payer', 'paid by', 'payeur', 'payé par', 'versé par', 'source'],
  group: ['group', 'group code', 'groupement', 'groupe', 'code groupement'],
  subsidizer: ['subsidizer', 'sponsor', 'donor', 'subventionneur', 'bailleur', 'financeur', 'partenaire'],
  receipt: ['receipt', 'receipt number', 'reçu', 'numéro de reçu', 'N° reçu', 'quittance', 'N° quittance', 'numéro quittance', 'référence'],
  collector: ['collector', 'collected by', 'agent', 'collecteur', 'agent collecteur', 'percepteur', 'encaissé par', 'reçu par'],
};

const CLAIM_HEADERS: Record<ClaimField, string[]> = {
  claimNumber: ['claim', 'claim number', 'claim no', 'invoice', 'invoice number', 'N° facture', 'numéro de facture', 'facture', 'N° feuille de soins', 'feuille de soins', 'N° prestation', 'numéro de la prestation', 'N° dossier'],
  provider: ['provider', 'provider code', 'facility', 'health facility', 'prestataire', 'code prestataire', 'formation sanitaire', 'structure', 'structure de santé', 'centre de santé', 'FOSA'],
  card: ['card', 'card number', 'member', 'member card', 'patient card', 'carte', 'N° carte', 'numéro de carte', 'carte de membre', 'bénéficiaire', 'N° bénéficiaire', 'matricule', 'patient'],
  from: ['date of care', 'care date', 'from', 'date', 'service date', 'admission', 'date des soins', 'date de soins', 'date de la prestation', 'date de prestation', 'du', 'date d’entrée', "date d'entrée", 'date de consultation'],
  to: ['to', 'until', 'end date', 'discharge', 'au', 'date de fin', 'date de sortie', 'fin des soins'],
  submittedOn: ['submitted on', 'submission date', 'submitted', 'date received', 'date de dépôt', 'déposé le', 'date de réception', 'reçu le', 'date de transmission'],
  diagnosis: ['diagnosis', 'ICD-10', 'ICD10', 'ICD', 'diagnostic', 'code diagnostic', 'CIM-10', 'CIM10', 'affection'],
  guaranteeLetter: ['guarantee letter', 'letter', 'prior authorization', 'lettre de garantie', 'prise en charge', 'N° prise en charge', 'bon de prise en charge', 'accord préalable'],
  service: ['service', 'service code', 'act', 'act code', 'item', 'acte', 'code acte', 'prestation', 'code prestation', 'médicament', 'produit', 'code'],
  quantity: ['quantity', 'qty', 'units', 'quantité', 'qté', 'nombre', 'nb'],
  unitPrice: ['unit price', 'price', 'tariff', 'amount', 'prix unitaire', 'prix', 'PU', 'tarif', 'montant', 'coût', 'cout unitaire', 'coût unitaire'],
};

const headerTables: Record<ImportKind, Record<string, string[]>> = { households: HOUSEHOLD_HEADERS, payments: PAYMENT_HEADERS, claims: CLAIM_HEADERS };

function keyedHeaders(kind: ImportKind): { field: string; key: string }[] {
  return Object.entries(headerTables[kind]).flatMap(([field, names]) => names.map((name) => ({ field, key: headerKey(name) })));
}
const keyed: Record<ImportKind, { field: string; key: string }[]> = { households: keyedHeaders('households'), payments: keyedHeaders('payments'), claims: keyedHeaders('claims') };

/** Whether a header names a field of either kind of file: it finds the header row under a title. */
export function isKnownHeader(header: string): boolean {
  const key = headerKey(header);
  return key !== '' && Object.values(keyed).some((list) => list.some((k) => k.key === key));
}

/**
 * The column proposed for each field: first headers that are a known name of the field, then
 * headers that begin with one ("Date de naissance (jj/mm/aaaa)"), longest names first. A column
 * serves one field at most.
 */
export function proposeColumns(kind: ImportKind, columns: string[]): Record<string, string | null> {
  const result: Record<string, string | null> = Object.fromEntries(Object.keys(headerTables[kind]).map((f) => [f, null]));
  const taken = new Set<string>();
  const keys = columns.map((c) => headerKey(c));
  const candidates = [...keyed[kind]].sort((a, b) => b.key.length - a.key.length);
  for (const exact of [true, false]) {
    for (const { field, key } of candidates) {
      if (result[field] || !key) continue;
      const i = keys.findIndex((k, j) => !taken.has(columns[j]!) && (exact ? k === key : k.startsWith(`${key} `)));
      if (i >= 0) {
        result[field] = columns[i]!;
        taken.add(columns[i]!);
      }
    }
  }
  return result;
}

// ---------------------------------------------------------------- words for values

const VALUE_WORDS: Record<string, Record<string, string[]>> = {
  sex: {
    M: ['m', 'male', 'man', 'boy', 'h', 'homme', 'masculin', 'masc', 'garcon', 'mr'],
    F: ['f', 'female', 'woman', 'girl', 'femme', 'feminin', 'fem', 'fille', 'mme'],
  },
  relationship: {
    head: ['head', 'household head', 'self', 'chef', 'chef de menage', 'chef de famille', 'cm', 'cf', 'lui meme', 'elle meme', 'titulaire', 'adherent principal'],
    spouse: ['spouse', 'wife', 'husband', 'partner', 'epouse', 'epoux', 'conjoint', 'conjointe', 'mari', 'femme', 'co epouse'],
    child: ['child', 'son', 'daughter', 'enfant', 'fils', 'fille', 'enfant du chef'],
    parent: ['parent', 'father', 'mother', 'pere', 'mere', 'beau pere', 'belle mere'],
    other: ['other', 'relative', 'grandchild', 'autre', 'parent eloigne', 'petit fils', 'petite fille', 'petit enfant', 'neveu', 'niece', 'frere', 'soeur', 'cousin', 'cousine', 'oncle', 'tante', 'confie', 'confiee', 'belle fille', 'beau fils'],
  },
  category: {
    regular: ['regular', 'normal', 'standard', 'paying', 'ordinaire', 'payant', 'classique', 'regulier'],
    indigent: ['indigent', 'indigente', 'poor', 'subsidized', 'subsidised', 'subventionne', 'demuni', 'vulnerable'],
    group: ['group', 'groupe', 'groupement', 'collectif', 'collective'],
  },
  method: {
    cash: ['cash', 'especes', 'espece', 'liquide', 'numeraire', 'comptant'],
    mobile_money: ['mobile money', 'mobile', 'momo', 'orange money', 'om', 'wave', 'free money', 'mtn', 'moov', 'm pesa', 'mpesa'],
    bank: ['bank', 'bank transfer', 'transfer', 'cheque', 'check', 'banque', 'virement', 'virement bancaire'],
    group_remittance: ['group remittance', 'remittance', 'versement groupe', 'versement du groupement', 'groupement'],
    subsidy: ['subsidy', 'subvention', 'prise en charge'],
  },
  payer: {
    member: ['member', 'household', 'self', 'membre', 'adherent', 'menage', 'beneficiaire', 'lui meme'],
    group: ['group', 'groupe', 'groupement', 'association'],
    subsidizer: ['subsidizer', 'sponsor', 'donor', 'state', 'subventionneur', 'bailleur', 'etat', 'partenaire'],
  },
};

const wordIndex = new Map<string, Map<string, string>>(
  Object.entries(VALUE_WORDS).map(([field, table]) => {
    const index = new Map<string, string>();
    for (const [value, words] of Object.entries(table)) {
      index.set(normalizeText(value), value);
      for (const w of words) index.set(normalizeText(w), value);
    }
    return [field, index];
  }),
);

export const valueFieldsOf: Record<ImportKind, Record<string, readonly string[]>> = { households: householdValueFields, payments: paymentValueFields, claims: claimValueFields };

/**
 * The value a cell's text stands for: the mapping's own words first (as written, then ignoring
 * case and accents), then the words understood anyway. Undefined when nothing matches.
 */
export function valueOf(field: string, text: string, own: Record<string, string> | undefined): string | undefined {
  if (own) {
    if (own[text] !== undefined) return own[text];
    const key = normalizeText(text);
    for (const [word, value] of Object.entries(own)) if (normalizeText(word) === key) return value;
  }
  return wordIndex.get(field)?.get(normalizeText(text));
}

/** Value mappings to propose for the texts found in a column: those understood anyway. */
export function proposeValues(field: string, found: string[]): Record<string, string> {
  const result: Record<string, string> = {};
  for (const text of found) {
    const value = valueOf(field, text, undefined);
    if (value !== undefined && value !== text) result[text] = value;
  }
  return result;
}

/** Guesses how dates with slashes are written from texts of a date column: mdy only when a month position goes past 12. */
export function proposeDateOrder(texts: string[]): Mapping['dateOrder'] {
  let dmy = 0;
  let mdy = 0;
  for (const t of texts) {
    const m = /^(\d{1,2})[/.-](\d{1,2})[/.-]\d{4}/.exec(t.trim());
    if (!m) continue;
    if (Number(m[1]) > 12) dmy += 1;
    if (Number(m[2]) > 12) mdy += 1;
  }
  return mdy > dmy ? 'mdy' : 'dmy';
}

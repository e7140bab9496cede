import type { BulkBeneficiary, BulkHousehold } from '../modules/members/index.js';
import type { Random } from './random.js';

/**
 * A synthetic rural West-African (Senegalese) population, household by household. The shapes
 * follow what household surveys in rural Senegal report, simplified: households of about six
 * people (one to fifteen), a young population (about four in ten under fifteen), slightly more
 * women than men, heads who are mostly men in their forties, wives who keep their own family
 * name, polygamous households here and there, children who take their father's name, an old
 * parent in some households, and grandchildren or fostered relatives. Ages are counted in
 * REFERENCE_YEAR so the same seed gives the same people whatever the day.
 */
export const REFERENCE_YEAR = 2026;
/** The day the demo's contributions run up to by default: statuses are meant to be read on it. */
export const REFERENCE_DATE = '2026-11-15';

const MALE = [
  'Mamadou', 'Moussa', 'Ibrahima', 'Abdoulaye', 'Ousmane', 'Cheikh', 'Modou', 'Amadou', 'Aliou', 'Babacar',
  'Omar', 'Lamine', 'Malick', 'Pape', 'Serigne', 'Alioune', 'Mbaye', 'Saliou', 'Assane', 'Souleymane',
  'Djibril', 'Bassirou', 'Khadim', 'Mouhamed', 'El Hadji', 'Ismaïla', 'Samba', 'Demba', 'Daouda', 'Ablaye',
  'Birame', 'Doudou', 'Fallou', 'Idrissa', 'Mor', 'Moustapha', 'Issa', 'Thierno', 'Youssou', 'Baye',
] as const;
const FEMALE = [
  'Fatou', 'Aminata', 'Awa', 'Mariama', 'Aïssatou', 'Khady', 'Coumba', 'Ndèye', 'Fatoumata', 'Astou',
  'Rokhaya', 'Adama', 'Bineta', 'Dieynaba', 'Maïmouna', 'Seynabou', 'Sokhna', 'Ramatoulaye', 'Khadija', 'Mame Diarra',
  'Yacine', 'Oumou', 'Penda', 'Marème', 'Ndèye Fatou', 'Codou', 'Diarra', 'Nogaye', 'Bintou', 'Arame',
  'Dior', 'Kiné', 'Anta', 'Fama', 'Safiétou', 'Absa', 'Néné', 'Yaye', 'Ngoné', 'Soda',
] as const;
// Family names, the common ones more often. A few are written two ways, as in real registers.
const FAMILY: readonly (readonly [string, number])[] = [
  ['Ndiaye', 9], ["N'Diaye", 2], ['Diop', 9], ['Fall', 7], ['Sow', 5], ['Ba', 5], ['Sarr', 5], ['Faye', 5], ['Diouf', 5],
  ['Gueye', 5], ['Mbaye', 4], ["M'Baye", 1], ['Ndao', 2], ['Thiam', 3], ['Cissé', 3], ['Seck', 3], ['Sy', 3], ['Kane', 2],
  ['Diallo', 4], ['Ka', 2], ['Niang', 3], ['Diagne', 3], ['Sène', 3], ['Dieng', 2], ['Touré', 2], ['Camara', 2],
  ['Badji', 1], ['Mané', 1], ['Sall', 2], ['Wade', 2], ['Lô', 2], ['Mbengue', 2], ['Ndour', 2], ['Kébé', 1], ['Ndong', 1],
  ['Sylla', 1], ['Tall', 1], ['Thiaw', 2], ['Dione', 2], ['Gaye', 2], ['Samb', 2], ['Cissokho', 1], ['Diatta', 1],
  ['Diédhiou', 1], ['Mboup', 1], ['Loum', 1], ['Tine', 2],
];
// Household sizes 1..15 by frequency (mean about 6.2).
const SIZES: readonly (readonly [number, number])[] = [
  [1, 3], [2, 6], [3, 9], [4, 12], [5, 14], [6, 14], [7, 12], [8, 10], [9, 7], [10, 5], [11, 3], [12, 2], [13, 1.5], [14, 1], [15, 0.5],
];
const CATEGORIES: readonly (readonly [BulkHousehold['category'], number])[] = [['regular', 85], ['indigent', 10], ['group', 5]];

/** Random.weighted with the running totals worked out once (a million households call it). */
function picker<T>(items: readonly (readonly [T, number])[]): (random: Random) => T {
  const values = items.map(([item]) => item);
  const bounds: number[] = [];
  let total = 0;
  for (const [, weight] of items) bounds.push((total += weight));
  return (random) => {
    const r = random.next() * total;
    let i = 0;
    while (i < bounds.length - 1 && r >= bounds[i]!) i += 1;
    return values[i]!;
  };
}
const pickSize = picker(SIZES);
const pickFamily = picker(FAMILY);
const pickCategory = picker(CATEGORIES);

interface Person {
  sex: 'F' | 'M';
  age: number;
  lastName: string;
  relationship: BulkBeneficiary['relationship'];
}

const clamp = (x: number, lo: number, hi: number) => Math.max(lo, Math.min(hi, Math.round(x)));

/**
 * Ages of children, spread over the years since the eldest mother was sixteen, a little toward
 * the older end: with the 'other' members this gives about 42% under 15 and 17% under 5, as in
 * rural Senegal.
 */
function childAge(random: Random, max: number): number {
  if (max <= 0) return 0;
  return Math.min(max, Math.floor((max + 1) * random.next() ** 0.85));
}

function people(random: Random): Person[] {
  const size = pickSize(random);
  const family = () => pickFamily(random);
  const maleHead = random.chance(0.8);
  const head: Person = { sex: maleHead ? 'M' : 'F', age: clamp(random.normal(maleHead ? 45 : 48, 12), 20, 88), lastName: family(), relationship: 'head' };
  const list: Person[] = [head];
  // The father's family name passes to the children; a woman heading the household (a widow, or
  // a wife whose husband works away) has children by a husband of another family.
  const fatherName = maleHead ? head.lastName : family();
  const mothers: number[] = maleHead ? [] : [head.age];

  if (maleHead && size >= 2 && random.chance(0.9)) {
    const wives = size >= 5 && random.chance(0.18) ? 2 : 1;
    for (let w = 0; w < wives && list.length < size; w += 1) {
      const age = clamp(head.age - random.normal(w === 0 ? 9 : 17, 5), 17, 85);
      list.push({ sex: 'F', age, lastName: family(), relationship: 'spouse' });
      mothers.push(age);
    }
  } else if (!maleHead && size >= 3 && random.chance(0.12)) {
    list.push({ sex: 'M', age: clamp(head.age + random.normal(8, 5), 22, 90), lastName: fatherName, relationship: 'spouse' });
  }
  if (list.length < size && head.age < 62 && random.chance(0.14)) {
    const mother = random.chance(0.75);
    list.push({ sex: mother ? 'F' : 'M', age: clamp(head.age + random.normal(27, 5), head.age + 16, 98), lastName: mother ? family() : head.lastName, relationship: 'parent' });
  }
  // Children fit the mothers' ages; the rest are grandchildren and fostered relatives.
  const eldestMother = mothers.length ? Math.max(...mothers) : head.age;
  const maxChildAge = Math.min(eldestMother - 16, 34);
  while (list.length < size) {
    const sex = random.chance(0.49) ? 'F' : 'M';
    if (maxChildAge >= 0 && random.chance(0.82)) {
      list.push({ sex, age: childAge(random, maxChildAge), lastName: fatherName, relationship: 'child' });
    } else {
      list.push({ sex, age: random.chance(0.5) ? childAge(random, 14) : random.int(15, 30), lastName: random.chance(0.5) ? head.lastName : family(), relationship: 'other' });
    }
  }
  return list;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function randomDayOf(random: Random, year: number): string {
  const month = random.int(1, 12);
  const leap = month === 2 && (year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0)) ? 1 : 0;
  return `${year}-${pad2(month)}-${pad2(random.int(1, DAYS_IN_MONTH[month - 1]! + leap))}`;
}

function phone(random: Random): string {
  return `+221${random.pick(['77', '78', '76', '70'])}${String(random.int(0, 9_999_999)).padStart(7, '0')}`;
}

export interface HouseholdPlace {
  locationId: string;
  sectionId: string | null;
}

/**
 * One household: its members (head first, with cards from `card(rank)`), category, place and
 * phone. Everything comes from `random`, so the same generator state gives the same household.
 */
export function demoHousehold(
  random: Random,
  number: string,
  card: (rank: number) => string,
  places: readonly HouseholdPlace[],
  groupIds: readonly string[],
): BulkHousehold {
  const order: BulkBeneficiary['relationship'][] = ['head', 'spouse', 'parent', 'child', 'other'];
  const list = people(random).sort((a, b) => order.indexOf(a.relationship) - order.indexOf(b.relationship));
  const joinYear = random.int(REFERENCE_YEAR - 3, REFERENCE_YEAR - 1);
  const joined = randomDayOf(random, joinYear);
  let category = pickCategory(random);
  if (category === 'group' && !groupIds.length) category = 'regular';
  const place = random.pick(places);
  const members = list.map((p, i): BulkBeneficiary => {
    const birthYear = REFERENCE_YEAR - 1 - p.age;
    // Older people more often know only their year of birth.
    const knowsDate = random.chance(p.age < 18 ? 0.9 : p.age < 40 ? 0.7 : 0.4);
    const birthDate = knowsDate ? randomDayOf(random, birthYear) : null;
    const bornAfterJoining = birthDate ? birthDate > joined : birthYear >= joinYear;
    const hasPhone = p.relationship === 'head' ? random.chance(0.75) : p.age >= 18 && random.chance(0.3);
    return {
      card: card(i + 1),
      firstName: random.pick(p.sex === 'F' ? FEMALE : MALE),
      lastName: p.lastName,
      sex: p.sex,
      birthDate,
      birthYear,
      relationship: p.relationship,
      idDocument: p.age >= 18 && random.chance(0.65) ? `${p.sex === 'M' ? 1 : 2}${String(random.int(0, 999_999)).padStart(6, '0')}${String(random.int(0, 999_999)).padStart(6, '0')}` : null,
      phone: hasPhone ? phone(random) : null,
      joinedOn: bornAfterJoining ? (birthDate ?? `${birthYear}-12-31`) : joined,
    };
  });
  return {
    number,
    category,
    groupId: category === 'group' ? random.pick(groupIds) : null,
    sectionId: place.sectionId,
    locationId: place.locationId,
    phone: members[0]!.phone,
    address: null,
    members,
  };
}

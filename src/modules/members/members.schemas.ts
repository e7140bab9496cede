import { type Static, Type } from '@sinclair/typebox';
import { CalendarDate, Code, Name, Nullable, Timestamp, Uuid } from '../../platform/http/schemas.js';

// Every enum once: the list, then its schema, then its type (shared with the web app).
export const groupKinds = ['association', 'cooperative', 'union', 'other'] as const;
export const householdCategories = ['regular', 'indigent', 'group'] as const;
export const householdStatuses = ['active', 'inactive'] as const;
export const sexes = ['F', 'M'] as const;
export const relationships = ['head', 'spouse', 'child', 'parent', 'other'] as const;
export const beneficiaryStatuses = ['active', 'deceased', 'departed', 'inactive'] as const;
export const deactivationReasons = ['death', 'departure', 'other'] as const;

export type GroupKind = (typeof groupKinds)[number];
export type HouseholdCategory = (typeof householdCategories)[number];
export type HouseholdStatus = (typeof householdStatuses)[number];
export type Sex = (typeof sexes)[number];
export type Relationship = (typeof relationships)[number];
export type BeneficiaryStatus = (typeof beneficiaryStatuses)[number];
export type DeactivationReason = (typeof deactivationReasons)[number];

/** The status a deactivation reason leads to. */
export const statusOfReason: Record<DeactivationReason, BeneficiaryStatus> = { death: 'deceased', departure: 'departed', other: 'inactive' };

const Enum = <T extends readonly string[]>(values: T, description?: string) =>
  Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });

const Card = (description = 'Card number, unique in the scheme (stored uppercase)') => Code(description);
const HouseholdNumber = (description = 'Household number, unique in the scheme (stored uppercase)') => Code(description);
const Phone = () => Type.String({ minLength: 6, maxLength: 25, pattern: '^\\+?[0-9][0-9 .()-]*$', description: 'Phone number; spaces, dots, dashes and brackets are dropped' });
const PersonName = () => Type.String({ minLength: 1, maxLength: 100, pattern: '\\S' });
const BirthYear = () => Type.Integer({ minimum: 1880, maximum: 2200, description: 'Year of birth; an estimate when the birth date is unknown' });

// ---------------------------------------------------------------- groups

export const Group = Type.Object({
  id: Uuid(),
  code: Type.String(),
  name: Type.String(),
  kind: Enum(groupKinds),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
});
export type Group = Static<typeof Group>;

export const CreateGroup = Type.Object(
  { code: Code('Group code, unique in the scheme'), name: Name(), kind: Enum(groupKinds, 'association, cooperative, union or other') },
  { additionalProperties: false },
);
export type CreateGroup = Static<typeof CreateGroup>;

// ---------------------------------------------------------------- beneficiaries

export const Beneficiary = Type.Object({
  id: Uuid(),
  card: Type.String(),
  household: Type.String({ description: 'Household number' }),
  firstName: Type.String(),
  lastName: Type.String(),
  sex: Enum(sexes),
  birthDate: Nullable(CalendarDate()),
  birthYear: Type.Integer(),
  birthDateEstimated: Type.Boolean({ description: 'True when only an estimated birth year is known' }),
  relationship: Enum(relationships),
  idDocument: Nullable(Type.String()),
  phone: Nullable(Type.String()),
  joinedOn: CalendarDate(),
  status: Enum(beneficiaryStatuses),
  statusReason: Nullable(Enum(deactivationReasons)),
  statusDate: Nullable(CalendarDate()),
  statusNote: Nullable(Type.String()),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
});
export type Beneficiary = Static<typeof Beneficiary>;

const memberFields = {
  firstName: PersonName(),
  lastName: PersonName(),
  sex: Enum(sexes, 'F or M'),
  birthDate: Type.Optional(Nullable(CalendarDate())),
  birthYear: Type.Optional(Nullable(BirthYear())),
  relationship: Enum(relationships, 'Relationship to the head of the household'),
  idDocument: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50, description: 'National ID card, birth certificate or other document number' }))),
  phone: Type.Optional(Nullable(Phone())),
  joinedOn: Type.Optional(CalendarDate()),
};

export const NewMember = Type.Object(
  { card: Type.Optional(Nullable(Card('Card number; generated from the scheme’s cardPattern when omitted'))), ...memberFields },
  { additionalProperties: false, description: 'A member: a birth date, or an estimated birth year when the date is unknown' },
);
export type NewMember = Static<typeof NewMember>;

export const UpdateBeneficiary = Type.Object(
  {
    firstName: Type.Optional(PersonName()),
    lastName: Type.Optional(PersonName()),
    sex: Type.Optional(Enum(sexes)),
    birthDate: Type.Optional(Nullable(CalendarDate())),
    birthYear: Type.Optional(Nullable(BirthYear())),
    relationship: Type.Optional(Enum(relationships, 'Not to or from head: change the head with POST …/households/:number/head')),
    idDocument: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 50 }))),
    phone: Type.Optional(Nullable(Phone())),
    joinedOn: Type.Optional(CalendarDate()),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateBeneficiary = Static<typeof UpdateBeneficiary>;

export const DeactivateBeneficiary = Type.Object(
  {
    reason: Enum(deactivationReasons, 'death, departure or other'),
    date: CalendarDate(),
    note: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 500 }))),
    newHead: Type.Optional(Nullable(Card('Card of the member who becomes head; required when the head leaves an active household'))),
  },
  { additionalProperties: false },
);
export type DeactivateBeneficiary = Static<typeof DeactivateBeneficiary>;

// ---------------------------------------------------------------- households

export const Household = Type.Object({
  id: Uuid(),
  number: Type.String(),
  category: Enum(householdCategories),
  group: Nullable(Type.String({ description: 'Group code' })),
  section: Nullable(Type.String({ description: 'Section code' })),
  location: Nullable(Type.String({ description: 'Location code' })),
  phone: Nullable(Type.String()),
  address: Nullable(Type.String()),
  status: Enum(householdStatuses),
  createdAt: Timestamp(),
  updatedAt: Timestamp(),
  members: Type.Array(Beneficiary, { description: 'Every member ever registered, the head first, then by card' }),
});
export type Household = Static<typeof Household>;

const householdFields = {
  category: Enum(householdCategories, 'regular, indigent or group'),
  group: Type.Optional(Nullable(Code('Code of the group through which the household enrols'))),
  section: Type.Optional(Nullable(Code('Section code'))),
  location: Type.Optional(Nullable(Code('Location code (usually a village)'))),
  phone: Type.Optional(Nullable(Phone())),
  address: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 300 }))),
};

export const RegisterHousehold = Type.Object(
  {
    number: Type.Optional(Nullable(HouseholdNumber('Household number; the next free number is given when omitted'))),
    ...householdFields,
    members: Type.Array(NewMember, { minItems: 1, maxItems: 100, description: 'Exactly one member is the head' }),
    idempotencyKey: Type.Optional(
      Nullable(Type.String({ minLength: 8, maxLength: 128, description: 'Send the same key when retrying (a device working offline): the household is registered once' })),
    ),
  },
  { additionalProperties: false },
);
export type RegisterHousehold = Static<typeof RegisterHousehold>;

export const UpdateHousehold = Type.Object(
  {
    category: Type.Optional(householdFields.category),
    group: householdFields.group,
    section: householdFields.section,
    location: householdFields.location,
    phone: householdFields.phone,
    address: householdFields.address,
  },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateHousehold = Static<typeof UpdateHousehold>;

export const ChangeHead = Type.Object(
  {
    card: Card('Card of the active member who becomes head'),
    formerHeadRelationship: Enum(
      relationships.filter((r) => r !== 'head'),
      'What the former head is to the new one, when the former head stays an active member',
    ),
  },
  { additionalProperties: false },
);
export type ChangeHead = Static<typeof ChangeHead>;

// ---------------------------------------------------------------- warnings

export const duplicateReasons = ['same_name_and_birth', 'same_phone'] as const;
export type DuplicateReason = (typeof duplicateReasons)[number];

export const Warning = Type.Object({
  code: Type.Literal('possible_duplicate'),
  field: Type.String({ description: 'The member concerned, e.g. members[2]' }),
  reason: Enum(duplicateReasons),
  message: Type.String(),
  match: Type.Object({
    card: Type.String(),
    household: Type.String(),
    firstName: Type.String(),
    lastName: Type.String(),
    status: Enum(beneficiaryStatuses),
  }),
});
export type Warning = Static<typeof Warning>;

export const RegisteredHousehold = Type.Object({
  household: Household,
  warnings: Type.Array(Warning, { description: 'Possible duplicates of people already registered in the scheme; they do not block' }),
});
export type RegisteredHousehold = Static<typeof RegisteredHousehold>;

export const AddedBeneficiary = Type.Object({ beneficiary: Beneficiary, warnings: Type.Array(Warning) });
export type AddedBeneficiary = Static<typeof AddedBeneficiary>;

// ---------------------------------------------------------------- search

export const BeneficiaryQuery = Type.Object(
  {
    search: Type.Optional(Type.String({ minLength: 1, maxLength: 100, description: 'Names in any order and spelling variant, or a card, or a phone number' })),
    card: Type.Optional(Card()),
    phone: Type.Optional(Phone()),
    household: Type.Optional(HouseholdNumber()),
    location: Type.Optional(Code('Location code: households there or anywhere below it')),
    status: Type.Optional(Enum(beneficiaryStatuses)),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 50 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, default: 0 })),
  },
  { additionalProperties: false },
);
export type BeneficiaryQuery = Static<typeof BeneficiaryQuery>;

export const BeneficiaryMatch = Type.Composite([
  Beneficiary,
  Type.Object({ location: Nullable(Type.String({ description: 'Location code of the household' })) }),
]);
export type BeneficiaryMatch = Static<typeof BeneficiaryMatch>;

export const BeneficiaryPage = Type.Object({
  items: Type.Array(BeneficiaryMatch),
  limit: Type.Integer(),
  offset: Type.Integer(),
  next: Nullable(Type.Integer({ description: 'Offset of the next page, or null on the last page' })),
  fuzzy: Type.Boolean({ description: 'True when no name matched word by word and these are the closest spellings' }),
});
export type BeneficiaryPage = Static<typeof BeneficiaryPage>;

export const CardParams = Type.Object({ scheme: Code('The scheme code'), card: Card() }, { additionalProperties: false });
export const HouseholdParams = Type.Object({ scheme: Code('The scheme code'), number: HouseholdNumber() }, { additionalProperties: false });

import type { ImportKind } from './api';
import { payers, paymentMethods } from '../coverage/enums';
import { householdCategories, relationships, sexes } from '../members/enums';

/**
 * What each kind of file holds: its fields in the order a person reads them, those it cannot do
 * without (as the server requires them: src/modules/imports/imports.schemas.ts), and the fields
 * whose cells are words to translate into a fixed list of values.
 */
const householdFields = ['householdNumber', 'category', 'group', 'section', 'location', 'householdPhone', 'address', 'card', 'firstName', 'lastName', 'sex', 'birthDate', 'birthYear', 'relationship', 'joinedOn', 'idDocument', 'memberPhone'] as const;
const paymentFields = ['household', 'date', 'amount', 'method', 'payer', 'group', 'subsidizer', 'receipt', 'collector'] as const;
const claimFields = ['claimNumber', 'provider', 'card', 'from', 'to', 'submittedOn', 'diagnosis', 'guaranteeLetter', 'service', 'quantity', 'unitPrice'] as const;
export type ImportField = (typeof householdFields)[number] | (typeof paymentFields)[number] | (typeof claimFields)[number];
export type ValueField = 'category' | 'sex' | 'relationship' | 'method' | 'payer';

export const kindFields: Record<ImportKind, { fields: readonly ImportField[]; required: readonly ImportField[]; values: Partial<Record<ValueField, readonly string[]>> }> = {
  households: {
    fields: householdFields,
    required: ['householdNumber', 'firstName', 'lastName', 'sex', 'relationship'],
    values: {
      category: householdCategories,
      sex: sexes,
      relationship: relationships,
    },
  },
  payments: {
    fields: paymentFields,
    required: ['household', 'date', 'amount', 'method'],
    values: {
      method: paymentMethods,
      payer: payers,
    },
  },
  claims: {
    fields: claimFields,
    required: ['claimNumber', 'provider', 'card', 'from', 'service', 'unitPrice'],
    values: {},
  },
};

import type { NewMember, RegisterHousehold } from './members.schemas.js';

/** Test factories: a plausible member and household, with any field overridden. */
export function newMember(overrides: Partial<NewMember> = {}): NewMember {
  return { firstName: 'Modou', lastName: 'Sarr', sex: 'M', birthDate: '2019-09-30', relationship: 'child', ...overrides };
}

export function newHousehold(overrides: Partial<RegisterHousehold> = {}): RegisterHousehold {
  return {
    category: 'regular',
    members: [
      newMember({ firstName: 'Awa', lastName: "N'Diaye", sex: 'F', birthDate: '1986-04-12', relationship: 'head' }),
      newMember({ firstName: 'Modou', lastName: 'Sarr', sex: 'M', birthDate: '2019-09-30', relationship: 'child' }),
    ],
    ...overrides,
  };
}

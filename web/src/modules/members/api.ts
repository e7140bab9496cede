import { api, call } from '../../api/client';
import type { BeneficiaryQuery, ChangeHead, CreateGroup, DeactivateBeneficiary, NewMember, RegisterHousehold, UpdateBeneficiary, UpdateHousehold } from '../../api/types';

// The members module's calls (groups, households, beneficiaries).
export const listGroups = (scheme: string) => call(api.GET('/api/schemes/{scheme}/groups', { params: { path: { scheme } } }));
export const createGroup = (scheme: string, body: CreateGroup) => call(api.POST('/api/schemes/{scheme}/groups', { params: { path: { scheme } }, body }));
export const registerHousehold = (scheme: string, body: RegisterHousehold) => call(api.POST('/api/schemes/{scheme}/households', { params: { path: { scheme } }, body }));
export const getHousehold = (scheme: string, number: string) => call(api.GET('/api/schemes/{scheme}/households/{number}', { params: { path: { scheme, number } } }));
export const updateHousehold = (scheme: string, number: string, body: UpdateHousehold) =>
  call(api.PATCH('/api/schemes/{scheme}/households/{number}', { params: { path: { scheme, number } }, body }));
export const changeHead = (scheme: string, number: string, body: ChangeHead) =>
  call(api.POST('/api/schemes/{scheme}/households/{number}/head', { params: { path: { scheme, number } }, body }));
export const addMember = (scheme: string, number: string, body: NewMember) =>
  call(api.POST('/api/schemes/{scheme}/households/{number}/members', { params: { path: { scheme, number } }, body }));
export const searchBeneficiaries = (scheme: string, query: BeneficiaryQuery) => call(api.GET('/api/schemes/{scheme}/beneficiaries', { params: { path: { scheme }, query } }));
export const updateBeneficiary = (scheme: string, card: string, body: UpdateBeneficiary) =>
  call(api.PATCH('/api/schemes/{scheme}/beneficiaries/{card}', { params: { path: { scheme, card } }, body }));
export const deactivateBeneficiary = (scheme: string, card: string, body: DeactivateBeneficiary) =>
  call(api.POST('/api/schemes/{scheme}/beneficiaries/{card}/deactivate', { params: { path: { scheme, card } }, body }));

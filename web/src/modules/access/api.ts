import { api, call } from '../../api/client';
import type { CreateUser, GrantInput } from '../../api/types';

// The access module's calls (users, grants, API tokens).
export const listUsers = () => call(api.GET('/api/users'));
export const getUser = (id: string) => call(api.GET('/api/users/{id}', { params: { path: { id } } }));
export const createUser = (body: CreateUser) => call(api.POST('/api/users', { body }));
export const setUserActive = (id: string, active: boolean) => call(api.PATCH('/api/users/{id}', { params: { path: { id } }, body: { active } }));
export const grantRole = (id: string, body: GrantInput) => call(api.POST('/api/users/{id}/grants', { params: { path: { id } }, body }));
export const revokeGrant = (id: string, grantId: string) => call(api.DELETE('/api/users/{id}/grants/{grantId}', { params: { path: { id, grantId } } }));
export const listTokens = () => call(api.GET('/api/tokens'));
export const createToken = (name: string, expiresInDays: number | null) => call(api.POST('/api/tokens', { body: { name, expiresInDays } }));
export const revokeToken = (id: string) => call(api.DELETE('/api/tokens/{id}', { params: { path: { id } } }));

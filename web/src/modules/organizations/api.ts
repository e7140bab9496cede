import { api, call } from '../../api/client';
import type { CreateScheme, CreateSection, UpdateScheme } from '../../api/types';

// The organizations module's calls (federations, schemes, sections, locations).
export const listFederations = () => call(api.GET('/api/federations'));
export const listSchemes = () => call(api.GET('/api/schemes'));
export const getScheme = (scheme: string) => call(api.GET('/api/schemes/{scheme}', { params: { path: { scheme } } }));
export const createScheme = (body: CreateScheme) => call(api.POST('/api/schemes', { body }));
export const updateScheme = (scheme: string, body: UpdateScheme) => call(api.PATCH('/api/schemes/{scheme}', { params: { path: { scheme } }, body }));
export const listSections = (scheme: string) => call(api.GET('/api/schemes/{scheme}/sections', { params: { path: { scheme } } }));
export const createSection = (scheme: string, body: CreateSection) => call(api.POST('/api/schemes/{scheme}/sections', { params: { path: { scheme } }, body }));
export const updateSection = (scheme: string, section: string, body: { name?: string; location?: string | null }) =>
  call(api.PATCH('/api/schemes/{scheme}/sections/{section}', { params: { path: { scheme, section } }, body }));
export const searchLocations = (search: string) => call(api.GET('/api/locations', { params: { query: { search, limit: 20 } } }));

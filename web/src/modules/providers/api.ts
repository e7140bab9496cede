import { api, call } from '../../api/client';
import type { AddAgreement, CreateProvider, CreateService, ImportUpload, ProviderQuery, ServiceQuery, UpdateProvider, UpdateService } from '../../api/types';

// The providers module's calls (service catalogue, diagnoses, health facilities, agreements).
export const listServices = (scheme: string, query: ServiceQuery = {}) => call(api.GET('/api/schemes/{scheme}/services', { params: { path: { scheme }, query } }));
export const createService = (scheme: string, body: CreateService) => call(api.POST('/api/schemes/{scheme}/services', { params: { path: { scheme } }, body }));
export const updateService = (scheme: string, service: string, body: UpdateService) =>
  call(api.PATCH('/api/schemes/{scheme}/services/{service}', { params: { path: { scheme, service } }, body }));
export const importServices = (scheme: string, body: ImportUpload, options: { dryRun: boolean; update: boolean }) =>
  call(api.POST('/api/schemes/{scheme}/services/import', { params: { path: { scheme }, query: options }, body }));
export const searchDiagnoses = (q: string) => call(api.GET('/api/diagnoses', { params: { query: { q, limit: 20 } } }));
export const listProviders = (scheme: string, query: ProviderQuery = {}) => call(api.GET('/api/schemes/{scheme}/providers', { params: { path: { scheme }, query } }));
export const getProvider = (scheme: string, provider: string) => call(api.GET('/api/schemes/{scheme}/providers/{provider}', { params: { path: { scheme, provider } } }));
export const createProvider = (scheme: string, body: CreateProvider) => call(api.POST('/api/schemes/{scheme}/providers', { params: { path: { scheme } }, body }));
export const updateProvider = (scheme: string, provider: string, body: UpdateProvider) =>
  call(api.PATCH('/api/schemes/{scheme}/providers/{provider}', { params: { path: { scheme, provider } }, body }));
export const addAgreement = (scheme: string, provider: string, body: AddAgreement) =>
  call(api.POST('/api/schemes/{scheme}/providers/{provider}/agreements', { params: { path: { scheme, provider } }, body }));
export const tariffOn = (scheme: string, provider: string, date: string) =>
  call(api.GET('/api/schemes/{scheme}/providers/{provider}/tariff', { params: { path: { scheme, provider }, query: { date } } }));

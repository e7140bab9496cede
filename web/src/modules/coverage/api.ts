import { api, call } from '../../api/client';
import type { ArrearsQuery, CreateSubsidizer, Enrol, PaymentInput, RemittanceInput, Renew, RenewalQuery, ReversalInput, Sponsor } from '../../api/types';

// The coverage module's calls (periods, dues, payments, eligibility, subsidizers, lists).
export const enrol = (scheme: string, body: Enrol) => call(api.POST('/api/schemes/{scheme}/enrolments', { params: { path: { scheme } }, body }));
export const renew = (scheme: string, body: Renew) => call(api.POST('/api/schemes/{scheme}/renewals', { params: { path: { scheme } }, body }));
export const getAccount = (scheme: string, number: string) => call(api.GET('/api/schemes/{scheme}/households/{number}/account', { params: { path: { scheme, number } } }));
export const recordPayment = (scheme: string, body: PaymentInput) => call(api.POST('/api/schemes/{scheme}/payments', { params: { path: { scheme } }, body }));
export const reversePayment = (scheme: string, payment: string, body: ReversalInput) =>
  call(api.POST('/api/schemes/{scheme}/payments/{payment}/reversal', { params: { path: { scheme, payment } }, body }));
export const checkCoverage = (scheme: string, card: string, date?: string) =>
  call(api.GET('/api/schemes/{scheme}/coverage/{card}', { params: { path: { scheme, card }, query: date ? { date } : {} } }));
export const listSubsidizers = (scheme: string) => call(api.GET('/api/schemes/{scheme}/subsidizers', { params: { path: { scheme } } }));
export const createSubsidizer = (scheme: string, body: CreateSubsidizer) => call(api.POST('/api/schemes/{scheme}/subsidizers', { params: { path: { scheme } }, body }));
export const sponsorHousehold = (scheme: string, number: string, body: Sponsor) =>
  call(api.POST('/api/schemes/{scheme}/households/{number}/sponsorships', { params: { path: { scheme, number } }, body }));
export const subsidizerStatement = (scheme: string, subsidizer: string, from: string, to: string) =>
  call(api.GET('/api/schemes/{scheme}/subsidizers/{subsidizer}/statement', { params: { path: { scheme, subsidizer }, query: { from, to } } }));
export const recordRemittance = (scheme: string, body: RemittanceInput) => call(api.POST('/api/schemes/{scheme}/remittances', { params: { path: { scheme } }, body }));
export const arrears = (scheme: string, query: ArrearsQuery) => call(api.GET('/api/schemes/{scheme}/arrears', { params: { path: { scheme }, query } }));
export const renewalCampaign = (scheme: string, query: RenewalQuery) => call(api.GET('/api/schemes/{scheme}/renewal-campaign', { params: { path: { scheme }, query } }));
export const cashSheet = (scheme: string, date: string, collector?: string) =>
  call(api.GET('/api/schemes/{scheme}/cash-sheet', { params: { path: { scheme }, query: collector ? { date, collector } : { date } } }));

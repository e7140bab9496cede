import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken, type GrantInput } from '../src/modules/access/index.js';
import { UNUSABLE_HASH } from '../src/platform/auth/password.js';
import { roleDefinitions, roles, type Role } from '../src/platform/auth/roles.js';
import { today } from '../src/platform/dates.js';
import type { RouteInfo } from '../src/platform/http/app.js';
import type { App } from '../src/platform/http/types.js';
import { newId } from '../src/platform/ids.js';
import { TEST_PASSWORD, buildTestApp, json, system, userWithToken } from './app.js';
import { createTestDatabase, type TestDatabase } from './db.js';

/*
 * Who may call what, for every role and every /api route. The expectations are computed from
 * roleDefinitions (what a role holds, and that a federation's scope holds its schemes), never
 * from the server's own access code; the routes come from app.apiRoutes, so a new route is in
 * the matrix as soon as it exists: its refusals are checked at once with a request made up from
 * its schemas, and a test asks for a line in `requests` below (real ids and a valid body) so that
 * its successes are checked too.
 *
 * The world: federation F holds schemes A and A2, federation G holds scheme B. Every role is
 * placed on F's side; B is never theirs (except the platform administrator's).
 */

const F = 'FED-NORD';
const G = 'FED-SUD';
const A = 'MUT-A';
const A2 = 'MUT-A2';
const B = 'MUT-B';
const SECTION = 'SEC-1';
/** The health facility of scheme A the provider clerk works at. */
const CLINIC = 'CLINIC-1';
const federationOf: Record<string, string> = { [A]: F, [A2]: F, [B]: G };
type ImportKind = 'households' | 'payments' | 'claims';

/** Where each role is granted. A role added to roles.ts must be placed here (the type says so). */
const placement: Record<Role, GrantInput | 'not grantable yet'> = {
  platform_admin: { role: 'platform_admin', scopeType: 'platform' },
  federation_officer: { role: 'federation_officer', scopeType: 'federation', scope: F },
  scheme_manager: { role: 'scheme_manager', scopeType: 'scheme', scope: A },
  enrolment_agent: { role: 'enrolment_agent', scopeType: 'scheme', scope: A },
  claims_officer: { role: 'claims_officer', scopeType: 'scheme', scope: A },
  treasurer: { role: 'treasurer', scopeType: 'scheme', scope: A },
  auditor: { role: 'auditor', scopeType: 'scheme', scope: A },
  // A provider code is unique within its scheme only: a grant names it SCHEME/PROVIDER.
  provider_clerk: { role: 'provider_clerk', scopeType: 'provider', scope: `${A}/${CLINIC}` },
};

// ---------------------------------------------------------------- the expected answers

/** Where a request acts: the platform itself, a federation, a scheme; or nowhere in particular. */
type Where = { platform: true } | { federation: string } | { scheme: string } | 'anywhere';

function covers(grant: GrantInput, where: Exclude<Where, 'anywhere'>): boolean {
  if (grant.scopeType === 'platform') return true;
  if ('platform' in where) return false;
  if (grant.scopeType === 'federation') return 'federation' in where ? where.federation === grant.scope : federationOf[where.scheme] === grant.scope;
  if (grant.scopeType === 'scheme') return 'scheme' in where && where.scheme === grant.scope;
  // A grant on a provider holds inside the provider's scheme (the services narrow it to the provider's own records).
  if (grant.scopeType === 'provider') return 'scheme' in where && where.scheme === grant.scope?.split('/')[0];
  return false;
}

function holds(grant: GrantInput, permission: string, where: Where): boolean {
  if (!(roleDefinitions[grant.role].permissions as readonly string[]).includes(permission)) return false;
  return where === 'anywhere' || covers(grant, where);
}

type Expected = 'success' | 403 | 404 | 'refused';

/**
 * The answer a holder of `grant` must get. A scheme or federation they cannot see does not exist
 * for them (404); one they see, without the permission, is forbidden (403). Routes of scope
 * `any` check the permission somewhere (403 without it) and leave the rest to the service, which
 * must refuse (403 or 404) anything outside the caller's scopes.
 */
function expected(route: RouteInfo, grant: GrantInput, where: Where): Expected {
  const permission = route.config.permission ?? '';
  switch (route.config.scope) {
    case 'authenticated':
      return 'success';
    case 'platform':
      return holds(grant, permission, { platform: true }) ? 'success' : 403;
    case 'scheme':
    case 'federation':
      if (!holds(grant, 'organizations.read', where)) return 404;
      return holds(grant, permission, where) ? 'success' : 403;
    case 'any':
      if (!holds(grant, permission, 'anywhere')) return 403;
      return holds(grant, permission, where) ? 'success' : 'refused';
    default:
      throw new Error(`no expectation for scope ${route.config.scope}`);
  }
}

// ---------------------------------------------------------------- requests for each route

type Side = 'own' | 'other';
interface Caller {
  role: Role;
  userId: string;
  headers: Record<string, string>;
}
interface Call {
  params?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** For routes of scope `any`: where the request acts. */
  where?: Where;
}

let tdb: TestDatabase;
let app: App;
const schemeIds: Record<string, string> = {};
let adminHeaders: Record<string, string>;
let serial = 0;
const unique = (prefix: string) => `${prefix}-${++serial}`;

/** A user with these grants, written straight to the database (no password hashing: fast). */
async function quickUser(grants: { role: Role; scheme: string }[]): Promise<{ id: string; grantIds: string[] }> {
  const id = newId();
  const now = new Date();
  const username = unique('quick');
  await tdb.db.insertInto('app_user').values({ id, username, display_name: username, email: null, locale: 'en', password_hash: UNUSABLE_HASH, created_at: now, updated_at: now }).execute();
  const grantIds: string[] = [];
  for (const g of grants) {
    const grantId = newId();
    grantIds.push(grantId);
    await tdb.db.insertInto('role_grant').values({ id: grantId, user_id: id, role: g.role, scope_type: 'scheme', scope_id: schemeIds[g.scheme]!, created_at: now }).execute();
  }
  return { id, grantIds };
}

const schemeOf = (side: Side) => (side === 'own' ? A : B);
const federationOfSide = (side: Side) => (side === 'own' ? F : G);

/**
 * Requests for routes that need more than the scheme, federation and section codes in their path:
 * ids, bodies, or (scope `any`) where they act. Return undefined when a side makes no sense.
 */
const requests: Record<string, (side: Side, caller: Caller) => Call | undefined | Promise<Call | undefined>> = {
  'POST /api/auth/sign-out': (side) => (side === 'own' ? {} : undefined),
  'GET /api/auth/me': (side) => (side === 'own' ? {} : undefined),
  'GET /api/users': (side) => (side === 'own' ? { where: 'anywhere' } : undefined),
  'POST /api/users': (side) => ({
    body: { username: unique('created'), displayName: 'Created', password: TEST_PASSWORD, grants: [{ role: 'enrolment_agent', scopeType: 'scheme', scope: schemeOf(side) }] },
    where: { scheme: schemeOf(side) },
  }),
  'GET /api/users/:id': async (side) => ({ params: { id: (await quickUser([{ role: 'enrolment_agent', scheme: schemeOf(side) }])).id }, where: { scheme: schemeOf(side) } }),
  'PATCH /api/users/:id': async (side) => ({
    params: { id: (await quickUser([{ role: 'enrolment_agent', scheme: schemeOf(side) }])).id },
    body: { displayName: 'Renamed' },
    where: { scheme: schemeOf(side) },
  }),
  'POST /api/users/:id/grants': async (side) => ({
    params: { id: (await quickUser([{ role: 'enrolment_agent', scheme: schemeOf(side) }])).id },
    body: { role: 'claims_officer', scopeType: 'scheme', scope: schemeOf(side) },
    where: { scheme: schemeOf(side) },
  }),
  'DELETE /api/users/:id/grants/:grantId': async (side) => {
    const user = await quickUser([
      { role: 'enrolment_agent', scheme: schemeOf(side) },
      { role: 'claims_officer', scheme: schemeOf(side) },
    ]);
    return { params: { id: user.id, grantId: user.grantIds[1]! }, where: { scheme: schemeOf(side) } };
  },
  'GET /api/tokens': (side) => (side === 'own' ? {} : undefined),
  'POST /api/tokens': (side) => (side === 'own' ? { body: { name: 'integration', expiresInDays: 30 } } : undefined),
  'DELETE /api/tokens/:id': async (side, caller) =>
    side === 'own' ? { params: { id: (await createApiToken({ db: tdb.db, ...system }, caller.userId, { name: 'to revoke' })).id } } : undefined,
  'GET /api/federations': (side) => (side === 'own' ? { where: 'anywhere' } : undefined),
  'POST /api/federations': (side) => (side === 'own' ? { body: { code: unique('FED'), name: 'New federation', country: 'SN' } } : undefined),
  'PATCH /api/federations/:federation': () => ({ body: { name: 'Renamed federation' } }),
  'GET /api/schemes': (side) => (side === 'own' ? { where: 'anywhere' } : undefined),
  'POST /api/schemes': (side) => ({
    body: { code: unique('MUT'), name: 'New scheme', federation: federationOfSide(side), currency: 'XOF', country: 'SN' },
    where: { federation: federationOfSide(side) },
  }),
  'PATCH /api/schemes/:scheme': () => ({ body: { targetPopulation: 5000 } }),
  'POST /api/schemes/:scheme/sections': () => ({ body: { code: unique('SEC'), name: 'New section' } }),
  'PATCH /api/schemes/:scheme/sections/:section': () => ({ body: { name: 'Renamed section' } }),
  'GET /api/location-levels': (side) => (side === 'own' ? {} : undefined),
  'PUT /api/location-levels': (side) => (side === 'own' ? { body: { levels: LEVELS } } : undefined),
  'GET /api/locations': (side) => (side === 'own' ? {} : undefined),
  'POST /api/locations': (side) => (side === 'own' ? { body: { code: unique('REG'), name: 'New region', depth: 1 } } : undefined),
  'GET /api/audit': (side) => (side === 'own' ? { where: 'anywhere' } : undefined),
  // members
  'POST /api/schemes/:scheme/groups': () => ({ body: { code: unique('GRP'), name: 'Women’s association', kind: 'association' } }),
  'POST /api/schemes/:scheme/households': () => ({ body: newHouseholdBody() }),
  'GET /api/schemes/:scheme/households/:number': async (side) => ({ params: { number: (await sharedHousehold(side)).number } }),
  'PATCH /api/schemes/:scheme/households/:number': async (side) => ({ params: { number: (await sharedHousehold(side)).number }, body: { address: 'Quartier Escale' } }),
  'POST /api/schemes/:scheme/households/:number/head': async (side) => {
    const h = await household(side);
    return { params: { number: h.number }, body: { card: h.spouseCard, formerHeadRelationship: 'spouse' } };
  },
  'POST /api/schemes/:scheme/households/:number/members': async (side) => ({
    params: { number: (await sharedHousehold(side)).number },
    body: { firstName: 'Fatou', lastName: unique('Diop'), sex: 'F', birthDate: '2021-03-02', relationship: 'child' },
  }),
  'GET /api/schemes/:scheme/beneficiaries/:card': async (side) => ({ params: { card: (await sharedHousehold(side)).spouseCard } }),
  'PATCH /api/schemes/:scheme/beneficiaries/:card': async (side) => ({ params: { card: (await sharedHousehold(side)).spouseCard }, body: { phone: '+221 77 123 45 67' } }),
  'POST /api/schemes/:scheme/beneficiaries/:card/deactivate': async (side) => ({
    params: { card: (await household(side)).spouseCard },
    body: { reason: 'departure', date: today() },
  }),
  // products
  'POST /api/schemes/:scheme/products': () => ({ body: { code: unique('PRD'), name: 'Garantie de base', versions: [VERSION] } }),
  'GET /api/schemes/:scheme/products/:product': async (side) => ({ params: { product: await sharedProduct(side) } }),
  'POST /api/schemes/:scheme/products/:product/versions': async (side) => ({ params: { product: await product(side) }, body: { ...VERSION, effectiveFrom: '2026-01-01' } }),
  'PUT /api/schemes/:scheme/products/:product/versions/:effectiveFrom': async (side) => ({
    params: { product: await product(side), effectiveFrom: VERSION.effectiveFrom },
    body: { ...VERSION, joiningFee: 500 },
  }),
  // coverage
  'POST /api/schemes/:scheme/enrolments': async (side) => ({ body: { household: (await household(side)).number, product: await sharedProduct(side), start: VERSION.effectiveFrom } }),
  'POST /api/schemes/:scheme/renewals': async (side) => ({ body: { household: await enrolledHousehold(side) } }),
  'GET /api/schemes/:scheme/households/:number/account': async (side) => ({ params: { number: (await sharedHousehold(side)).number } }),
  'POST /api/schemes/:scheme/payments': async (side) => ({ body: paymentBody(await enrolledHousehold(side)) }),
  'GET /api/schemes/:scheme/payments/:payment': async (side) => ({ params: { payment: await payment(side) } }),
  'POST /api/schemes/:scheme/payments/:payment/reversal': async (side) => ({ params: { payment: await payment(side) }, body: { date: VERSION.effectiveFrom, reason: 'entered twice' } }),
  'GET /api/schemes/:scheme/coverage/:card': async (side) => ({ params: { card: (await sharedHousehold(side)).spouseCard } }),
  'POST /api/schemes/:scheme/subsidizers': () => ({ body: { code: unique('SUB'), name: 'Fonds de solidarité', share: 0.5 } }),
  'POST /api/schemes/:scheme/households/:number/sponsorships': async (side) => ({
    params: { number: (await household(side)).number },
    body: { subsidizer: await subsidizer(side), from: VERSION.effectiveFrom },
  }),
  'POST /api/schemes/:scheme/remittances': async (side) => {
    const group = unique('GRP');
    await asAdmin('POST', `/api/schemes/${schemeOf(side)}/groups`, { code: group, name: 'Cooperative', kind: 'cooperative' });
    const part = { household: await enrolledHousehold(side), amount: 1000 };
    return { body: { group, date: VERSION.effectiveFrom, amount: 1000, idempotencyKey: unique('remittance-key'), parts: [part] } };
  },
  'GET /api/schemes/:scheme/cash-sheet': () => ({ query: { date: VERSION.effectiveFrom } }),
  // offline
  'GET /api/schemes/:scheme/offline/snapshot': () => ({ query: { limit: '50' } }),
  'GET /api/schemes/:scheme/renewal-campaign': () => ({ query: { from: '2025-11-01', to: '2026-01-31' } }),
  'GET /api/schemes/:scheme/subsidizers/:subsidizer/statement': async (side) => ({
    params: { subsidizer: await subsidizer(side) },
    query: { from: '2025-01-01', to: '2025-12-31' },
  }),
  // imports
  'POST /api/schemes/:scheme/imports/households': () => ({ body: importFile('households') }),
  'POST /api/schemes/:scheme/imports/households/:importId/dry-run': (side) => importRun(side, 'households'),
  'POST /api/schemes/:scheme/imports/households/:importId/commit': (side) => importRun(side, 'households'),
  'GET /api/schemes/:scheme/imports/households/:importId': async (side) => ({ params: { importId: (await importUpload(side, 'households')).importId } }),
  'POST /api/schemes/:scheme/imports/payments': () => ({ body: importFile('payments') }),
  'POST /api/schemes/:scheme/imports/payments/:importId/dry-run': (side) => importRun(side, 'payments'),
  'POST /api/schemes/:scheme/imports/payments/:importId/commit': (side) => importRun(side, 'payments'),
  'GET /api/schemes/:scheme/imports/payments/:importId': async (side) => ({ params: { importId: (await importUpload(side, 'payments')).importId } }),
  'POST /api/schemes/:scheme/imports/claims': () => ({ body: importFile('claims') }),
  'POST /api/schemes/:scheme/imports/claims/:importId/dry-run': (side) => importRun(side, 'claims'),
  'POST /api/schemes/:scheme/imports/claims/:importId/commit': (side) => importRun(side, 'claims'),
  'GET /api/schemes/:scheme/imports/claims/:importId': async (side) => ({ params: { importId: (await importUpload(side, 'claims')).importId } }),
  // providers
  'POST /api/schemes/:scheme/services': () => ({ body: { code: unique('SRV'), name: 'Consultation', category: 'consultation' } }),
  'PATCH /api/schemes/:scheme/services/:service': async (side) => ({ params: { service: await sharedService(side) }, body: { name: 'Consultation générale' } }),
  'POST /api/schemes/:scheme/services/import': () => ({
    query: { dryRun: 'false' },
    body: { fileName: 'services.csv', content: Buffer.from(`code;name;category;kind\n${unique('SRV')};Paracétamol 500 mg;drugs;drug`).toString('base64') },
  }),
  'GET /api/diagnoses': (side) => (side === 'own' ? { query: { q: 'A09' }, where: 'anywhere' } : undefined),
  'POST /api/schemes/:scheme/providers': () => ({ body: { code: unique('PRV'), name: 'Poste de santé', level: 'health_post', type: 'public' } }),
  // The clerk's own facility on scheme A: they may read it (and no other provider).
  'GET /api/schemes/:scheme/providers/:provider': async (side) => ({ params: { provider: await sharedProvider(side) } }),
  'PATCH /api/schemes/:scheme/providers/:provider': async (side) => ({ params: { provider: await sharedProvider(side) }, body: { phone: '+221 33 941 00 00' } }),
  'POST /api/schemes/:scheme/providers/:provider/agreements': async (side) => ({
    params: { provider: await provider(side) },
    body: { from: '2025-01-01', paymentMethod: 'fee_for_service', tariff: [{ service: await sharedService(side), price: 1500 }] },
  }),
  'GET /api/schemes/:scheme/providers/:provider/tariff': async (side) => ({ params: { provider: await sharedProvider(side) }, query: { date: '2025-06-01' } }),
  // finance
  'GET /api/schemes/:scheme/reserves': () => ({ query: { on: '2025-06-30' } }),
  'GET /api/schemes/:scheme/reports/activity': () => ({ query: { from: '2025-01-01', to: '2025-01-31' } }),
  'GET /api/schemes/:scheme/reports/annual': () => ({ query: { year: '2025', format: 'xlsx' } }),
  'GET /api/schemes/:scheme/reports/dhis2': () => ({ query: { from: '2025-01-01', to: '2025-01-31', format: 'json' } }),
  // indicators
  'GET /api/schemes/:scheme/indicators': () => ({ query: { from: '2025-01-01', to: '2025-06-30' } }),
  'GET /api/schemes/:scheme/indicators/series': () => ({ query: { from: '2025-01-01', to: '2025-03-31', code: 'claims_ratio' } }),
  'PUT /api/schemes/:scheme/indicators/thresholds': () => ({ body: { thresholds: [{ code: 'claims_ratio', watch: 0.6, bad: 0.75 }] } }),
  'GET /api/federations/:federation/indicators': () => ({ query: { from: '2025-01-01', to: '2025-06-30' } }),
  'GET /api/federations/:federation/indicators/series': () => ({ query: { from: '2025-01-01', to: '2025-02-28', code: 'collection_rate' } }),
  'GET /api/indicators': (side) => (side === 'own' ? { query: { from: '2025-01-01', to: '2025-01-31' } } : undefined),
  'GET /api/indicators/series': (side) => (side === 'own' ? { query: { from: '2025-01-01', to: '2025-01-31', code: 'beneficiaries' } } : undefined),
  'POST /api/schemes/:scheme/expenses': () => ({ body: { date: '2025-01-31', account: 'administration', amount: 25000, label: 'Indemnités janvier' } }),
  'POST /api/schemes/:scheme/expenses/:id/correction': async (side) => ({
    params: { id: (await asAdmin<{ id: string }>('POST', `/api/schemes/${schemeOf(side)}/expenses`, { date: '2025-01-31', account: 'administration', amount: 100, label: 'x' })).id },
    body: { reason: 'recorded twice' },
  }),
  // ledger: months closed from 2000 on, so that closing never locks another request's date
  'GET /api/schemes/:scheme/ledger/accounts': () => ({}),
  'POST /api/schemes/:scheme/ledger/accounts': () => ({ body: { code: unique('6390'), nameEn: 'Internet', nameFr: 'Internet', parent: '6300' } }),
  'PATCH /api/schemes/:scheme/ledger/accounts/:code': () => ({ params: { code: '5710' }, body: { nameFr: 'Caisse principale' } }),
  'DELETE /api/schemes/:scheme/ledger/accounts/:code': async (side) => ({
    params: { code: (await asAdmin<{ code: string }>('POST', `/api/schemes/${schemeOf(side)}/ledger/accounts`, { code: unique('6391'), nameEn: 'Temp', nameFr: 'Temp', parent: '6300' })).code },
  }),
  'GET /api/schemes/:scheme/ledger/entries': () => ({ query: { from: '2025-01-01', to: '2025-12-31' } }),
  'POST /api/schemes/:scheme/ledger/entries': () => ({ body: LEDGER_ENTRY() }),
  'GET /api/schemes/:scheme/ledger/entries/:id': async (side) => ({ params: { id: await ledgerEntry(side) } }),
  'POST /api/schemes/:scheme/ledger/entries/:id/reversal': async (side) => ({ params: { id: await ledgerEntry(side) }, body: { reason: 'entered twice' } }),
  'POST /api/schemes/:scheme/ledger/entries/:id/attachments': async (side) => ({ params: { id: await ledgerEntry(side) }, body: { fileName: 'facture.pdf', content: Buffer.from(`%PDF-1.4 ${unique('invoice')}`).toString('base64') } }),
  'GET /api/schemes/:scheme/ledger/entries/:id/attachments/:attachmentId': async (side) => {
    const id = await ledgerEntry(side);
    const entry = await asAdmin<{ attachments: { id: string }[] }>('POST', `/api/schemes/${schemeOf(side)}/ledger/entries/${id}/attachments`, { fileName: 'recu.pdf', content: Buffer.from('%PDF-1.4 receipt').toString('base64') });
    return { params: { id, attachmentId: entry.attachments[0]!.id } };
  },
  'GET /api/schemes/:scheme/ledger/periods': () => ({}),
  'POST /api/schemes/:scheme/ledger/periods/:month/close': () => ({ params: { month: `${2000 + Math.floor(++ledgerMonths / 12)}-${String((ledgerMonths % 12) + 1).padStart(2, '0')}` } }),
  'GET /api/schemes/:scheme/ledger/trial-balance': () => ({ query: { from: '2025-01-01', to: '2025-12-31' } }),
  'GET /api/schemes/:scheme/ledger/general-ledger': () => ({ query: { account: '5710', from: '2025-01-01', to: '2025-12-31' } }),
  'GET /api/schemes/:scheme/ledger/income-statement': () => ({ query: { from: '2025-01-01', to: '2025-12-31' } }),
  'GET /api/schemes/:scheme/ledger/balance-sheet': () => ({ query: { on: '2025-12-31' } }),
  // pricing: the calculator works on figures (no scheme); the history reads one scheme's claims
  'POST /api/pricing/calculate': (side) => (side === 'own' ? { body: PRICING_INPUT, where: 'anywhere' } : undefined),
  'POST /api/pricing/study.pdf': (side) => (side === 'own' ? { body: { input: PRICING_INPUT, locale: 'fr' }, where: 'anywhere' } : undefined),
  'GET /api/schemes/:scheme/pricing/history': async (side) => ({ query: { from: '2025-01-01', to: '2025-06-30', product: await sharedProduct(side) } }),
  // claims
  'POST /api/schemes/:scheme/claims': async (side) => ({ body: await claimBody(side) }),
  'GET /api/schemes/:scheme/claims/:id': async (side) => ({ params: { id: await sharedClaim(side) } }),
  'POST /api/schemes/:scheme/claims/:id/attachments': async (side) => ({ params: { id: await sharedClaim(side) }, body: { fileName: 'facture.pdf', content: Buffer.from(`%PDF-1.4 ${unique('scan')}`).toString('base64') } }),
  'GET /api/schemes/:scheme/claims/:id/attachments': async (side) => ({ params: { id: await sharedClaim(side) } }),
  'GET /api/schemes/:scheme/claims/:id/attachments/:attachmentId': async (side) => {
    const id = await sharedClaim(side);
    const added = await asAdmin<{ id: string }>('POST', `/api/schemes/${schemeOf(side)}/claims/${id}/attachments`, { fileName: 'facture.pdf', content: Buffer.from('%PDF-1.4 shared').toString('base64') });
    return { params: { id, attachmentId: added.id } };
  },
  'POST /api/schemes/:scheme/claims/adjudicate': () => ({ body: {} }),
  'GET /api/schemes/:scheme/point-of-care/:card': async (side) => ({ params: { card: (await sharedHousehold(side)).spouseCard }, query: { date: '2025-06-01' } }),
  'POST /api/schemes/:scheme/claims/quote': async (side) => {
    const { number: _number, ...quote } = await claimBody(side);
    return { body: quote };
  },
  // guarantee letters, review and provider payment (claims module)
  'POST /api/schemes/:scheme/guarantee-letters': async (side) => ({ body: { member: (await sharedHousehold(side)).spouseCard, category: 'hospitalization', validFrom: '2027-01-01', validTo: '2027-01-31' } }),
  'GET /api/schemes/:scheme/guarantee-letters/:number': async (side) => ({ params: { number: await sharedLetter(side) } }),
  'GET /api/schemes/:scheme/guarantee-letters/:number/letter.pdf': async (side) => ({ params: { number: await sharedLetter(side) } }),
  'POST /api/schemes/:scheme/guarantee-letters/:number/approve': async (side) => ({ params: { number: await letter(side) }, body: {} }),
  'POST /api/schemes/:scheme/guarantee-letters/:number/refuse': async (side) => ({ params: { number: await letter(side) }, body: { reason: 'not an emergency' } }),
  'POST /api/schemes/:scheme/guarantee-letters/:number/cancel': async (side) => ({ params: { number: await letter(side) }, body: {} }),
  'PUT /api/schemes/:scheme/review/settings': () => ({ body: { sampleRate: 0.05, amountMultiple: 3, providerMultiple: 2 } }),
  'POST /api/schemes/:scheme/review/scan-providers': () => ({ query: { from: '2025-01-01', to: '2025-12-31' } }),
  'POST /api/schemes/:scheme/claims/:id/lines/:lineId/decision': async (side) => ({ params: await sharedClaimLine(side), body: { action: 'confirm', note: 'checked' } }),
  'GET /api/schemes/:scheme/claims/:id/eob': async (side) => ({ params: { id: await sharedClaim(side) } }),
  'GET /api/schemes/:scheme/claims/:id/eob.pdf': async (side) => ({ params: { id: await sharedClaim(side) } }),
  'POST /api/schemes/:scheme/payment-batches': async (side) => ({ body: { provider: await payableProvider(side), from: '2025-06-01', to: '2025-06-30' } }),
  'GET /api/schemes/:scheme/payment-batches/:id': async (side) => ({ params: { id: await sharedBatch(side) } }),
  'GET /api/schemes/:scheme/payment-batches/:id/order.pdf': async (side) => ({ params: { id: await sharedBatch(side) } }),
  'GET /api/schemes/:scheme/payment-batches/:id/order.csv': async (side) => ({ params: { id: await sharedBatch(side) } }),
  // The same date and reference each time: recording a payment again changes nothing.
  'POST /api/schemes/:scheme/payment-batches/:id/pay': async (side) => ({ params: { id: await sharedBatch(side) }, body: { date: '2025-07-01', reference: 'VIR-MATRIX' } }),
  'POST /api/schemes/:scheme/payment-batches/:id/cancel': async (side) => ({ params: { id: await batch(side) }, body: {} }),
  'GET /api/schemes/:scheme/providers/:provider/statement': async (side) => ({ params: { provider: await sharedProvider(side) }, query: { from: '2025-01-01', to: '2025-12-31' } }),
  'GET /api/schemes/:scheme/providers/:provider/statement.pdf': async (side) => ({ params: { provider: await sharedProvider(side) }, query: { from: '2025-01-01', to: '2025-12-31' } }),
  // documents
  'POST /api/schemes/:scheme/card-keys/rotate': () => ({}),
  'POST /api/schemes/:scheme/cards/verify': () => ({ body: { payload: 'MUTUA1.MUT-A.000001-01.1.not-a-signature' } }),
  'GET /api/schemes/:scheme/households/:number/cards.pdf': async (side) => ({ params: { number: (await sharedHousehold(side)).number } }),
  'GET /api/schemes/:scheme/cards.pdf': async (side) => ({ query: { household: (await sharedHousehold(side)).number } }),
  'PUT /api/schemes/:scheme/beneficiaries/:card/photo': async (side) => ({ params: { card: (await sharedHousehold(side)).spouseCard }, body: PHOTO }),
  'GET /api/schemes/:scheme/beneficiaries/:card/photo': async (side) => ({ params: { card: await withPhoto((await sharedHousehold(side)).spouseCard, side) } }),
  'DELETE /api/schemes/:scheme/beneficiaries/:card/photo': async (side) => ({ params: { card: await withPhoto((await household(side)).spouseCard, side) } }),
  'GET /api/schemes/:scheme/payments/:payment/receipt.pdf': async (side) => ({ params: { payment: await payment(side) } }),
  'GET /api/schemes/:scheme/payments/:payment/receipt.txt': async (side) => ({ params: { payment: await payment(side) } }),
};

/** A small mutua.pricing/1 input (spec: pricing.md). */
const PRICING_INPUT = {
  format: 'mutua.pricing/1',
  currency: 'XOF',
  persons: 1000,
  averageHouseholdSize: 5,
  categories: [{ category: 'consultation', frequency: 1.2, averageCost: 2000, coverageRate: 0.75 }],
  loadings: { administration: 0.15 },
  roundTo: 100,
};

/** A benefit package version (as in the products module's examples). */
const VERSION = {
  effectiveFrom: '2025-01-01',
  coverageMonths: 12,
  contribution: { basis: 'per_person', adult: 3600, child: 1800, childMaxAge: 17 },
  joiningFee: 1000,
  cardFee: 0,
  instalments: 1,
  activation: 'full_payment',
  gracePeriodDays: 30,
  waitingPeriodDays: 90,
  claimDeadlineDays: 90,
  benefits: [{ category: 'consultation', coverageRate: 0.75, maxUsesPerPeriod: 6 }],
  exclusions: [],
};

/** Requests made as the administrator to set the stage; they must succeed. */
let ledgerMonths = 0;
const LEDGER_ENTRY = () => ({ date: '2025-01-15', memo: unique('Office rent'), lines: [{ account: '6300', debit: 5000 }, { account: '5710', credit: 5000 }] });
/** A new manual entry of the side's scheme (each reversal needs its own). */
async function ledgerEntry(side: Side): Promise<string> {
  return (await asAdmin<{ id: string }>('POST', `/api/schemes/${schemeOf(side)}/ledger/entries`, LEDGER_ENTRY())).id;
}

async function asAdmin<T>(method: 'POST', url: string, payload: object): Promise<T> {
  const res = await app.inject({ method, url, headers: adminHeaders, payload });
  expect(res.statusCode, `${method} ${url}: ${res.body}`).toBeLessThan(300);
  return res.json<T>();
}

async function product(side: Side): Promise<string> {
  const code = unique('PRD');
  await asAdmin('POST', `/api/schemes/${schemeOf(side)}/products`, { code, name: 'Package', versions: [VERSION] });
  return code;
}

async function enrolledHousehold(side: Side): Promise<string> {
  const { number } = await household(side);
  await asAdmin('POST', `/api/schemes/${schemeOf(side)}/enrolments`, { household: number, product: await sharedProduct(side), start: VERSION.effectiveFrom });
  return number;
}

/** A 1 × 1 PNG: the smallest photo there is. */
const PHOTO = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

/** Gives a beneficiary a photo, as the administrator; returns the card. */
async function withPhoto(card: string, side: Side): Promise<string> {
  const res = await app.inject({ method: 'PUT', url: `/api/schemes/${schemeOf(side)}/beneficiaries/${card}/photo`, headers: { ...adminHeaders, 'content-type': 'image/png' }, payload: PHOTO });
  expect(res.statusCode, res.body).toBe(200);
  return card;
}

const paymentBody = (household: string) => ({ household, date: VERSION.effectiveFrom, amount: 1000, method: 'cash', idempotencyKey: unique('payment-key') });

async function payment(side: Side): Promise<string> {
  return (await asAdmin<{ id: string }>('POST', `/api/schemes/${schemeOf(side)}/payments`, paymentBody(await enrolledHousehold(side)))).id;
}

/** A one-row spreadsheet of the kind, base64 as the upload takes it. */
function importFile(kind: ImportKind) {
  const text = {
    households: `Household;First name;Last name;Sex;Birth date;Relationship\n${unique('IMP')};Awa;Ndiaye;F;1986-04-12;head`,
    payments: `Household;Date;Amount;Method;Receipt\n${unique('IMP')};2025-01-01;1000;cash;${unique('R')}`,
    claims: `Claim number;Provider;Card;Date of care;Service;Unit price\n${unique('F')};${CLINIC};X-1;2025-06-01;CONS;1000`,
  }[kind];
  return { fileName: `${kind}.csv`, content: Buffer.from(text).toString('base64') };
}

async function importUpload(side: Side, kind: ImportKind) {
  return asAdmin<{ importId: string; proposedMapping: object }>('POST', `/api/schemes/${schemeOf(side)}/imports/${kind}`, importFile(kind));
}

async function importRun(side: Side, kind: ImportKind): Promise<Call> {
  const uploaded = await importUpload(side, kind);
  return { params: { importId: uploaded.importId }, body: { mapping: uploaded.proposedMapping } };
}

async function subsidizer(side: Side): Promise<string> {
  const code = unique('SUB');
  await asAdmin('POST', `/api/schemes/${schemeOf(side)}/subsidizers`, { code, name: 'Subsidizer', share: 1 });
  return code;
}

const sharedServices = new Map<Side, string>();
/** A service of the side's catalogue, created once. */
async function sharedService(side: Side): Promise<string> {
  if (!sharedServices.has(side)) {
    const code = unique('SRV');
    await asAdmin('POST', `/api/schemes/${schemeOf(side)}/services`, { code, name: 'Consultation', category: 'consultation' });
    sharedServices.set(side, code);
  }
  return sharedServices.get(side)!;
}

/** A new provider of the side's scheme, without agreement. */
async function provider(side: Side): Promise<string> {
  const code = unique('PRV');
  await asAdmin('POST', `/api/schemes/${schemeOf(side)}/providers`, { code, name: 'Centre de santé', level: 'health_centre' });
  return code;
}

const sharedProviders = new Map<Side, string>();
/** The side's provider with an agreement over 2025 (on A, the clerk's own facility). */
async function sharedProvider(side: Side): Promise<string> {
  if (!sharedProviders.has(side)) {
    const code = side === 'own' ? CLINIC : await provider(side);
    await asAdmin('POST', `/api/schemes/${schemeOf(side)}/providers/${code}/agreements`, {
      from: '2025-01-01',
      to: '2025-12-31',
      paymentMethod: 'fee_for_service',
      tariff: [{ service: await sharedService(side), price: 1500 }],
    });
    sharedProviders.set(side, code);
  }
  return sharedProviders.get(side)!;
}

/** A claim of the side's shared provider (on A, the clerk's own facility) for the side's household. */
async function claimBody(side: Side) {
  return {
    number: unique('CLM'),
    provider: await sharedProvider(side),
    member: (await sharedHousehold(side)).spouseCard,
    from: '2025-06-01',
    to: '2025-06-01',
    submittedOn: '2025-06-02',
    lines: [{ service: await sharedService(side), quantity: 1, unitPrice: 1500 }],
  };
}

const sharedClaims = new Map<Side, string>();
async function sharedClaim(side: Side): Promise<string> {
  if (!sharedClaims.has(side)) sharedClaims.set(side, (await asAdmin<{ id: string }>('POST', `/api/schemes/${schemeOf(side)}/claims`, await claimBody(side))).id);
  return sharedClaims.get(side)!;
}

/** A requested guarantee letter of the side's household (on A, for the clerk's facility). */
async function letter(side: Side): Promise<string> {
  const body = { member: (await sharedHousehold(side)).spouseCard, category: 'hospitalization', provider: side === 'own' ? CLINIC : null, validFrom: '2027-01-01', validTo: '2027-01-31' };
  return (await asAdmin<{ number: string }>('POST', `/api/schemes/${schemeOf(side)}/guarantee-letters`, body)).number;
}

const sharedLetters = new Map<Side, string>();
async function sharedLetter(side: Side): Promise<string> {
  if (!sharedLetters.has(side)) sharedLetters.set(side, await letter(side));
  return sharedLetters.get(side)!;
}

async function sharedClaimLine(side: Side): Promise<{ id: string; lineId: string }> {
  const id = await sharedClaim(side);
  const res = await app.inject({ method: 'GET', url: `/api/schemes/${schemeOf(side)}/claims/${id}`, headers: adminHeaders });
  return { id, lineId: res.json<{ lines: { id: string }[] }>().lines[0]!.id };
}

/** A new provider of the side with one decided claim to pay (June 2025), of a member covered then. */
async function payableProvider(side: Side): Promise<string> {
  const scheme = schemeOf(side);
  const body = newHouseholdBody();
  const joined = { ...body, members: body.members.map((m) => ({ ...m, joinedOn: VERSION.effectiveFrom })) };
  const { household: registered } = await asAdmin<{ household: { number: string; members: { card: string }[] } }>('POST', `/api/schemes/${scheme}/households`, joined);
  const h = { number: registered.number, spouseCard: registered.members[1]!.card };
  await asAdmin('POST', `/api/schemes/${scheme}/enrolments`, { household: h.number, product: await sharedProduct(side), start: VERSION.effectiveFrom });
  // Two adults and the joining fee: the period is paid, so covered after the 90 days' wait.
  await asAdmin('POST', `/api/schemes/${scheme}/payments`, { household: h.number, date: VERSION.effectiveFrom, amount: 2 * 3600 + 1000, method: 'cash', idempotencyKey: unique('payment-key') });
  const code = await provider(side);
  const service = await sharedService(side);
  await asAdmin('POST', `/api/schemes/${scheme}/providers/${code}/agreements`, { from: '2025-01-01', to: '2025-12-31', paymentMethod: 'fee_for_service', tariff: [{ service, price: 1500 }] });
  await asAdmin('POST', `/api/schemes/${scheme}/claims`, { number: unique('CLM'), provider: code, member: h.spouseCard, from: '2025-06-02', to: '2025-06-02', submittedOn: '2025-06-03', lines: [{ service, quantity: 1, unitPrice: 1500 }] });
  return code;
}

/** A new payment batch (ordered) of the side. */
async function batch(side: Side): Promise<string> {
  return (await asAdmin<{ id: string }>('POST', `/api/schemes/${schemeOf(side)}/payment-batches`, { provider: await payableProvider(side), from: '2025-06-01', to: '2025-06-30' })).id;
}

const sharedBatches = new Map<Side, string>();
async function sharedBatch(side: Side): Promise<string> {
  if (!sharedBatches.has(side)) sharedBatches.set(side, await batch(side));
  return sharedBatches.get(side)!;
}

const sharedProducts = new Map<Side, string>();
async function sharedProduct(side: Side): Promise<string> {
  if (!sharedProducts.has(side)) sharedProducts.set(side, await product(side));
  return sharedProducts.get(side)!;
}

function newHouseholdBody() {
  const lastName = unique('Ndiaye');
  return {
    category: 'regular',
    members: [
      { firstName: 'Awa', lastName, sex: 'F', birthDate: '1986-04-12', relationship: 'head' },
      { firstName: 'Ibrahima', lastName, sex: 'M', birthDate: '1982-01-20', relationship: 'spouse' },
    ],
  };
}

const shared = new Map<Side, { number: string; spouseCard: string }>();
/** One household per side for requests that leave it usable by the next. */
async function sharedHousehold(side: Side) {
  if (!shared.has(side)) shared.set(side, await household(side));
  return shared.get(side)!;
}

/** A new household of the side's scheme, registered by the administrator. */
async function household(side: Side): Promise<{ number: string; spouseCard: string }> {
  const res = await app.inject({ method: 'POST', url: `/api/schemes/${schemeOf(side)}/households`, headers: adminHeaders, payload: newHouseholdBody() });
  expect(res.statusCode, res.body).toBe(201);
  const { household: h } = res.json<{ household: { number: string; members: { card: string; relationship: string }[] } }>();
  return { number: h.number, spouseCard: h.members.find((m) => m.relationship === 'spouse')!.card };
}

const LEVELS = [
  { depth: 1, code: 'region', nameEn: 'Region', nameFr: 'Région' },
  { depth: 2, code: 'district', nameEn: 'District', nameFr: 'District' },
];

/** Path parameters every scheme or federation route can be given without a line in `requests`. */
const defaultParams = (side: Side): Record<string, string> => ({ scheme: schemeOf(side), federation: federationOfSide(side), section: SECTION });

const routeKey = (route: RouteInfo) => `${route.method} ${route.url}`;
const paramNames = (url: string) => [...url.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => m[1]!);

/** The request for a route, or undefined when the route has no side `side` (or no line in `requests`). */
async function callFor(route: RouteInfo, side: Side, caller: Caller): Promise<Call | undefined> {
  const make = requests[routeKey(route)];
  if (make) return make(side, caller);
  return isPlainRead(route) ? {} : undefined;
}

/** A read of a scheme or federation, whose query (if any) is optional: it needs no line in `requests`. */
function isPlainRead(route: RouteInfo): boolean {
  return (
    route.method === 'GET' &&
    (route.config.scope === 'scheme' || route.config.scope === 'federation') &&
    paramNames(route.url).every((p) => p in defaultParams('own')) &&
    !(route.schema.querystring as { required?: string[] } | undefined)?.required?.length
  );
}

const refusedCalls = new Map<string, Call | undefined>();

/**
 * callFor, but a request that must be refused by the scheme or federation in its path changes
 * nothing, so the one made for the first such caller serves every other (its ids are real, so a
 * route that let it through would answer 2xx, not a service's 404).
 */
async function requestFor(route: RouteInfo, side: Side, caller: Caller & { grant: GrantInput }): Promise<Call | undefined> {
  if (route.config.scope !== 'scheme' && route.config.scope !== 'federation') return callFor(route, side, caller);
  if (expected(route, caller.grant, whereOf(route, {}, defaultParams(side))) === 'success') return callFor(route, side, caller);
  const key = `${routeKey(route)} ${side}`;
  if (!refusedCalls.has(key)) refusedCalls.set(key, await callFor(route, side, caller));
  return refusedCalls.get(key);
}

interface JsonSchema {
  type?: string;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  minProperties?: number;
  items?: JsonSchema;
  minItems?: number;
  anyOf?: JsonSchema[];
  const?: unknown;
  enum?: unknown[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
}

/** The smallest value the schema accepts, made up from the schema alone (ids and codes that exist nowhere). */
function sampleOf(s: JsonSchema): unknown {
  if (s.anyOf) return sampleOf(s.anyOf.find((branch) => branch.type !== 'null') ?? s.anyOf[0]!);
  if ('const' in s) return s.const;
  if (s.enum) return s.enum[0];
  switch (s.type) {
    case 'object': {
      const props = s.properties ?? {};
      const keys = Object.keys(props);
      const chosen = [...(s.required ?? []), ...keys.filter((k) => !s.required?.includes(k)).slice(0, Math.max(0, (s.minProperties ?? 0) - (s.required?.length ?? 0)))];
      return Object.fromEntries(chosen.map((k) => [k, sampleOf(props[k]!)]));
    }
    case 'array':
      return Array.from({ length: s.minItems ?? 0 }, () => sampleOf(s.items ?? {}));
    case 'string':
      if (s.format === 'uuid') return newId();
      if (s.format === 'date') return today();
      if (s.format === 'date-time') return new Date().toISOString();
      if (s.format === 'email') return 'someone@example.org';
      if (s.pattern) {
        const fits = (v: string) => v.length >= (s.minLength ?? 0) && v.length <= (s.maxLength ?? Infinity);
        return fc.sample(fc.stringMatching(new RegExp(s.pattern)).filter(fits), { numRuns: 1, seed: 1 })[0];
      }
      return 'x'.repeat(Math.max(1, s.minLength ?? 1));
    case 'integer':
    case 'number':
      return s.minimum ?? 1;
    case 'boolean':
      return false;
    case 'null':
      return null;
    default:
      return {};
  }
}

/**
 * For a route without a line in `requests`: a request valid by the route's schemas alone. The ids
 * and codes in it exist nowhere, so only the refusals decided before any service runs (403, 404 of
 * the scheme or federation in the path) are checked with it.
 */
function schemaOnlyCall(route: RouteInfo, side: Side): Call {
  const paramSchema = (route.schema.params as JsonSchema | undefined)?.properties ?? {};
  const params = Object.fromEntries(paramNames(route.url).map((p) => [p, defaultParams(side)[p] ?? String(sampleOf(paramSchema[p] ?? { type: 'string' }))]));
  const query = route.schema.querystring ? Object.fromEntries(Object.entries(sampleOf(route.schema.querystring as JsonSchema) as object).map(([k, v]) => [k, String(v)])) : undefined;
  const body = route.schema.body ? sampleOf(route.schema.body as JsonSchema) : undefined;
  return { params, query, body };
}

function whereOf(route: RouteInfo, call: Call, params: Record<string, string>): Where {
  if (route.config.scope === 'scheme') return { scheme: params.scheme! };
  if (route.config.scope === 'federation') return { federation: params.federation! };
  return call.where ?? 'anywhere';
}

async function send(route: RouteInfo, call: Call, params: Record<string, string>, headers: Record<string, string>) {
  const url = route.url.replace(/:([A-Za-z0-9_]+)/g, (_m, name: string) => encodeURIComponent(params[name] ?? 'missing'));
  const query = call.query ? `?${new URLSearchParams(call.query).toString()}` : '';
  return app.inject({ method: route.method as 'GET', url: url + query, headers, ...(call.body === undefined ? {} : { payload: call.body as object }) });
}

const successCodes = (route: RouteInfo) => Object.keys(route.schema.response ?? {}).filter((s) => /^2\d\d$/.test(s)).map(Number);

function matches(route: RouteInfo, want: Expected, status: number): boolean {
  if (want === 'success') return successCodes(route).includes(status);
  if (want === 'refused') return status === 403 || status === 404;
  return status === want;
}

// ---------------------------------------------------------------- the world

const callers = new Map<Role, Caller & { grant: GrantInput }>();

beforeAll(async () => {
  tdb = await createTestDatabase();
  app = await buildTestApp(tdb.db);
  const admin = await userWithToken(tdb.db, [{ role: 'platform_admin', scopeType: 'platform' }], 'matrix-admin');
  adminHeaders = admin.headers;
  const post = async (url: string, payload: object) => {
    const res = await app.inject({ method: 'POST', url, headers: admin.headers, payload });
    expect(res.statusCode, `${url} ${res.body}`).toBe(201);
    return res.json<{ id: string }>();
  };
  await post('/api/federations', { code: F, name: 'Union du Nord', country: 'SN' });
  await post('/api/federations', { code: G, name: 'Union du Sud', country: 'SN' });
  for (const code of [A, A2, B]) {
    schemeIds[code] = (await post('/api/schemes', { code, name: `Mutuelle ${code}`, federation: federationOf[code], currency: 'XOF', country: 'SN' })).id;
  }
  await post(`/api/schemes/${A}/sections`, { code: SECTION, name: 'Section 1' });
  await post(`/api/schemes/${B}/sections`, { code: SECTION, name: 'Section 1' });
  await post(`/api/schemes/${A}/providers`, { code: CLINIC, name: 'Centre de santé 1', level: 'health_centre' });
  expect((await app.inject({ method: 'PUT', url: '/api/location-levels', headers: admin.headers, payload: { levels: LEVELS } })).statusCode).toBe(200);

  callers.set('platform_admin', { role: 'platform_admin', userId: admin.userId, headers: admin.headers, grant: placement.platform_admin as GrantInput });
  for (const role of roles) {
    const grant = placement[role];
    if (role === 'platform_admin' || grant === 'not grantable yet') continue;
    const user = await userWithToken(tdb.db, [grant], `matrix-${role}`);
    callers.set(role, { role, userId: user.userId, headers: user.headers, grant });
  }
  // Some activity on B, so that hiding it proves something.
  await userWithToken(tdb.db, [{ role: 'scheme_manager', scopeType: 'scheme', scope: B }], 'manager-b');
  await app.inject({ method: 'PATCH', url: `/api/schemes/${B}`, headers: admin.headers, payload: { targetPopulation: 100 } });
});

afterAll(async () => {
  await app?.close();
  await tdb?.drop();
});

const apiRoutes = () => app.apiRoutes.filter((r) => r.config.scope !== 'public');

// ---------------------------------------------------------------- the matrix

describe('the role matrix over every API route', () => {
  it('every role of roles.ts has a place in the matrix', () => {
    expect(Object.keys(placement).sort()).toEqual([...roles].sort());
  });

  // Routes without a line are still checked for their refusals (see schemaOnlyCall); this test asks
  // for the line that checks that those who may call them succeed.
  it('every route that needs ids or a body has a request in the matrix', () => {
    const missing = apiRoutes().filter((route) => !requests[routeKey(route)] && !isPlainRead(route));
    expect(missing.map(routeKey)).toEqual([]);
  });

  it('every request in the matrix is for a route that exists', () => {
    const routes = new Set(apiRoutes().map(routeKey));
    expect(Object.keys(requests).filter((key) => !routes.has(key))).toEqual([]);
  });

  it('without credentials every route but the public ones answers 401', async () => {
    const wrong: string[] = [];
    for (const route of app.apiRoutes) {
      const params = Object.fromEntries(paramNames(route.url).map((p) => [p, p === 'id' || p === 'grantId' ? newId() : (defaultParams('own')[p] ?? 'X')]));
      const res = await send(route, { body: route.schema.body ? {} : undefined }, params, {});
      const unauthenticated = res.statusCode === 401 && json<{ error: { code: string } }>(res).error.code === 'unauthenticated';
      if (unauthenticated !== (route.config.scope !== 'public')) wrong.push(`${routeKey(route)} (${route.config.scope}): ${res.statusCode}`);
    }
    expect(wrong).toEqual([]);
  });

  it('a made-up bearer token is refused like no credentials at all', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/auth/me', headers: { authorization: 'Bearer mutua_not-a-real-token' } });
    expect(res.statusCode).toBe(401);
  });

  for (const role of roles) {
    if (placement[role] === 'not grantable yet') continue;
    const place = placement[role] as GrantInput;
    it(`${role} (${place.scopeType}${place.scope ? ` ${place.scope}` : ''}) gets what roleDefinitions gives it, and nothing of scheme B unless it is theirs`, async () => {
      const caller = callers.get(role)!;
      const wrong: string[] = [];
      let checked = 0;
      for (const route of apiRoutes()) {
        for (const side of ['own', 'other'] as const) {
          let call = await requestFor(route, side, caller);
          const schemaOnly = !call && (route.config.scope === 'scheme' || route.config.scope === 'federation');
          if (schemaOnly) call = schemaOnlyCall(route, side);
          if (!call) continue;
          const params = { ...defaultParams(side), ...call.params };
          const where = whereOf(route, call, params);
          const want = expected(route, caller.grant, where);
          if (schemaOnly && want === 'success') continue;
          const res = await send(route, call, params, caller.headers);
          checked += 1;
          if (!matches(route, want, res.statusCode)) wrong.push(`${routeKey(route)} [${side}]: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
          // Whatever the expectation, scheme B belongs to no one but the platform here.
          if (side === 'other' && role !== 'platform_admin' && res.statusCode < 300) wrong.push(`${routeKey(route)} [other]: B answered ${res.statusCode}`);
        }
      }
      expect(wrong).toEqual([]);
      expect(checked).toBeGreaterThan(apiRoutes().length);
    }, 120_000);
  }

  it('a provider clerk is granted on SCHEME/PROVIDER: a bare code is refused by field, an unknown provider answers 404 and nothing is written', async () => {
    const admin = callers.get('platform_admin')!;
    const target = await quickUser([{ role: 'enrolment_agent', scheme: A }]);
    const grantOn = (scope: string) => app.inject({ method: 'POST', url: `/api/users/${target.id}/grants`, headers: admin.headers, payload: { role: 'provider_clerk', scopeType: 'provider', scope } });
    const bare = await grantOn(CLINIC);
    expect(bare.statusCode).toBe(400);
    expect(json(bare)).toMatchObject({ error: { code: 'invalid_scope', details: [{ field: 'body.scope' }] } });
    // B's provider named through scheme A does not exist there.
    const ofB = await provider('other');
    for (const scope of [`${A}/NO-SUCH`, `MUT-NO-SUCH/${CLINIC}`, `${A}/${ofB}`]) {
      const res = await grantOn(scope);
      expect(res.statusCode, scope).toBe(404);
      expect(json(res)).toMatchObject({ error: { code: 'not_found' } });
    }
    const created = await app.inject({
      method: 'POST',
      url: '/api/users',
      headers: admin.headers,
      payload: { username: 'clerk-1', displayName: 'Clerk', password: TEST_PASSWORD, grants: [{ role: 'provider_clerk', scopeType: 'provider', scope: `${A}/NO-SUCH` }] },
    });
    expect(created.statusCode).toBe(404);
    // All or nothing: the user was not created without their role.
    const users = json<{ username: string }[]>(await app.inject({ method: 'GET', url: '/api/users', headers: admin.headers }));
    expect(users.map((u) => u.username)).not.toContain('clerk-1');

    const granted = await grantOn(`${A}/${CLINIC}`);
    expect(granted.statusCode, granted.body).toBe(201);
    expect(json<{ grants: unknown[] }>(granted).grants).toContainEqual(expect.objectContaining({ role: 'provider_clerk', scopeType: 'provider', scope: `${A}/${CLINIC}` }));
  });

  it('a scheme manager sees and manages the clerks of their scheme’s providers, and cannot grant on another scheme’s provider', async () => {
    const manager = callers.get('scheme_manager')!;
    const list = json<{ username: string }[]>(await app.inject({ method: 'GET', url: '/api/users', headers: manager.headers }));
    expect(list.map((u) => u.username)).toContain('matrix-provider_clerk');
    const clerk = callers.get('provider_clerk')!;
    const rename = await app.inject({ method: 'PATCH', url: `/api/users/${clerk.userId}`, headers: manager.headers, payload: { displayName: 'Front desk' } });
    expect(rename.statusCode, rename.body).toBe(200);
    const target = await quickUser([{ role: 'enrolment_agent', scheme: A }]);
    const ofB = await provider('other');
    const res = await app.inject({ method: 'POST', url: `/api/users/${target.id}/grants`, headers: manager.headers, payload: { role: 'provider_clerk', scopeType: 'provider', scope: `${B}/${ofB}` } });
    expect(res.statusCode).toBe(404);
  });

  it('a provider clerk reads the service catalogue and their own facility, and no other provider of the scheme', async () => {
    const clerk = callers.get('provider_clerk')!;
    const other = await provider('own');
    await sharedProvider('own');
    const get = (url: string) => app.inject({ method: 'GET', url, headers: clerk.headers });
    expect((await get(`/api/schemes/${A}/services`)).statusCode).toBe(200);
    const providers = json<{ code: string }[]>(await get(`/api/schemes/${A}/providers`));
    expect(providers.map((p) => p.code)).toEqual([CLINIC]);
    expect((await get(`/api/schemes/${A}/providers/${CLINIC}`)).statusCode).toBe(200);
    expect((await get(`/api/schemes/${A}/providers/${CLINIC}/tariff?date=2025-06-01`)).statusCode).toBe(200);
    for (const url of [`/api/schemes/${A}/providers/${other}`, `/api/schemes/${A}/providers/${other}/tariff?date=2025-06-01`]) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(404);
    }
    // The manager of the scheme sees every provider.
    const all = json<{ code: string }[]>(await app.inject({ method: 'GET', url: `/api/schemes/${A}/providers`, headers: callers.get('scheme_manager')!.headers }));
    expect(all.map((p) => p.code)).toEqual(expect.arrayContaining([CLINIC, other]));
  });
});

// ---------------------------------------------------------------- crossing scopes

describe('a scheme manager manages the users of their scheme only', () => {
  const manager = () => callers.get('scheme_manager')!;
  const create = (username: string, grants: unknown[]) =>
    app.inject({ method: 'POST', url: '/api/users', headers: manager().headers, payload: { username, displayName: username, password: TEST_PASSWORD, grants } });
  const usernames = async () => json<{ username: string }[]>(await app.inject({ method: 'GET', url: '/api/users', headers: callers.get('platform_admin')!.headers })).map((u) => u.username);

  it('creates a user with a role on their own scheme', async () => {
    const res = await create('agent-a1', [{ role: 'enrolment_agent', scopeType: 'scheme', scope: A }]);
    expect(res.statusCode).toBe(201);
    expect(json(res)).toMatchObject({ username: 'agent-a1', grants: [{ role: 'enrolment_agent', scopeType: 'scheme', scope: A }] });
  });

  it('cannot create a user without a role on their scheme, nor with one on another scheme', async () => {
    const none = await create('agent-none', []);
    expect(none.statusCode).toBe(400);
    expect(json(none)).toMatchObject({ error: { code: 'invalid_scope', details: [{ field: 'grants' }] } });
    for (const scheme of [B, A2]) {
      const res = await create(`agent-${scheme}`, [{ role: 'enrolment_agent', scopeType: 'scheme', scope: scheme }]);
      expect([403, 404], `${scheme}: ${res.body}`).toContain(res.statusCode);
    }
    const mixed = await create('agent-mixed', [
      { role: 'enrolment_agent', scopeType: 'scheme', scope: A },
      { role: 'enrolment_agent', scopeType: 'scheme', scope: B },
    ]);
    expect([403, 404]).toContain(mixed.statusCode);
    const existing = await usernames();
    for (const name of ['agent-none', `agent-${B}`, `agent-${A2}`, 'agent-mixed']) expect(existing).not.toContain(name);
  });

  it('cannot hand out platform administration, a platform role or a role on another scheme or federation', async () => {
    const target = await quickUser([{ role: 'enrolment_agent', scheme: A }]);
    const grants = [
      { role: 'platform_admin', scopeType: 'platform' },
      { role: 'auditor', scopeType: 'platform' },
      { role: 'scheme_manager', scopeType: 'scheme', scope: B },
      { role: 'scheme_manager', scopeType: 'scheme', scope: A2 },
      { role: 'federation_officer', scopeType: 'federation', scope: F },
    ];
    for (const grant of grants) {
      const res = await app.inject({ method: 'POST', url: `/api/users/${target.id}/grants`, headers: manager().headers, payload: grant });
      expect([403, 404], `${JSON.stringify(grant)}: ${res.body}`).toContain(res.statusCode);
    }
    const user = json<{ grants: unknown[] }>(await app.inject({ method: 'GET', url: `/api/users/${target.id}`, headers: manager().headers }));
    expect(user.grants).toHaveLength(1);
  });

  it('cannot tell another scheme from a missing one by granting a role on it', async () => {
    const target = await quickUser([{ role: 'enrolment_agent', scheme: A }]);
    const grantOn = (scope: string) =>
      app.inject({ method: 'POST', url: `/api/users/${target.id}/grants`, headers: manager().headers, payload: { role: 'treasurer', scopeType: 'scheme', scope } });
    const other = await grantOn(B);
    const missing = await grantOn('MUT-NO-SUCH');
    expect(other.statusCode).toBe(missing.statusCode);
    expect(json(other)).toEqual(json(missing));
  });

  it('cannot see users of another scheme in the list, nor fetch, change or grant them by id', async () => {
    const userB = await quickUser([{ role: 'enrolment_agent', scheme: B }]);
    const list = json<{ id: string; grants: { scope: string | null }[] }[]>(await app.inject({ method: 'GET', url: '/api/users', headers: manager().headers }));
    expect(list.map((u) => u.id)).not.toContain(userB.id);
    expect(list.map((u) => u.id)).not.toContain(callers.get('platform_admin')!.userId);
    for (const user of list) {
      // A provider is named SCHEME/PROVIDER: its clerks are users of the scheme.
      if (user.id !== manager().userId) expect(user.grants.map((g) => g.scope?.split('/')[0])).toContain(A);
    }
    const requests = [
      { method: 'GET', url: `/api/users/${userB.id}` },
      { method: 'PATCH', url: `/api/users/${userB.id}`, payload: { displayName: 'Taken over' } },
      { method: 'POST', url: `/api/users/${userB.id}/grants`, payload: { role: 'enrolment_agent', scopeType: 'scheme', scope: A } },
      { method: 'DELETE', url: `/api/users/${userB.id}/grants/${userB.grantIds[0]}` },
    ] as const;
    for (const r of requests) {
      const res = await app.inject({ ...r, headers: manager().headers });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
    }
  });

  it('cannot take over the account of someone who also holds a role beyond their scheme', async () => {
    // A platform administrator who also manages scheme A; an agent of A who also works for B.
    const admin = await userWithToken(tdb.db, [
      { role: 'platform_admin', scopeType: 'platform' },
      { role: 'scheme_manager', scopeType: 'scheme', scope: A },
    ]);
    const shared = await quickUser([
      { role: 'enrolment_agent', scheme: A },
      { role: 'enrolment_agent', scheme: B },
    ]);
    for (const id of [admin.userId, shared.id]) {
      for (const payload of [{ password: 'a new password 123' }, { active: false }]) {
        const res = await app.inject({ method: 'PATCH', url: `/api/users/${id}`, headers: manager().headers, payload });
        expect(res.statusCode, `${JSON.stringify(payload)}: ${res.body}`).toBe(403);
      }
    }
    expect((await app.inject({ method: 'GET', url: '/api/auth/me', headers: admin.headers })).statusCode).toBe(200);
  });
});

describe('what users of scheme A and of federation F see', () => {
  interface AuditPage {
    records: { scheme: string | null; action: string }[];
  }
  const audit = async (headers: Record<string, string>, query = '') =>
    json<AuditPage>(await app.inject({ method: 'GET', url: `/api/audit?limit=1000${query}`, headers })).records;

  it('audit records of scheme B are not listed for a user of scheme A', async () => {
    const all = await audit(callers.get('platform_admin')!.headers);
    expect(all.some((r) => r.scheme === B)).toBe(true);
    expect(all.some((r) => r.scheme === null)).toBe(true);
    for (const role of ['auditor', 'scheme_manager'] as const) {
      const records = await audit(callers.get(role)!.headers);
      expect(records.length).toBeGreaterThan(0);
      expect(new Set(records.map((r) => r.scheme))).toEqual(new Set([A]));
      expect(await audit(callers.get(role)!.headers, `&scheme=${B}`)).toEqual([]);
    }
  });

  it('a federation officer reads the audit records of their federation’s schemes only', async () => {
    const all = json<{ code: string; federation: string | null }[]>(await app.inject({ method: 'GET', url: '/api/schemes', headers: callers.get('platform_admin')!.headers }));
    const ofF = all.filter((s) => s.federation === F).map((s) => s.code);
    const records = await audit(callers.get('federation_officer')!.headers);
    expect(records.some((r) => r.scheme === A)).toBe(true);
    for (const r of records) expect(ofF).toContain(r.scheme);
  });

  it('a federation officer sees all schemes of their federation and none outside', async () => {
    const officer = callers.get('federation_officer')!;
    const all = json<{ code: string; federation: string | null }[]>(await app.inject({ method: 'GET', url: '/api/schemes', headers: callers.get('platform_admin')!.headers }));
    const ofF = all.filter((s) => s.federation === F).map((s) => s.code).sort();
    expect(ofF).toEqual(expect.arrayContaining([A, A2]));
    const codes = async (url: string) => json<{ code: string }[]>(await app.inject({ method: 'GET', url, headers: officer.headers })).map((s) => s.code).sort();
    expect(await codes('/api/schemes')).toEqual(ofF);
    expect(await codes(`/api/federations/${F}/schemes`)).toEqual(ofF);
    expect(await codes(`/api/schemes?federation=${G}`)).toEqual([]);
    expect(await codes('/api/federations')).toEqual([F]);
    for (const scheme of ofF) expect((await app.inject({ method: 'GET', url: `/api/schemes/${scheme}`, headers: officer.headers })).statusCode).toBe(200);
    expect((await app.inject({ method: 'GET', url: `/api/schemes/${B}`, headers: officer.headers })).statusCode).toBe(404);
    expect((await app.inject({ method: 'GET', url: `/api/federations/${G}/schemes`, headers: officer.headers })).statusCode).toBe(404);
  });

  it('a federation officer sees the users of their federation’s schemes and none outside', async () => {
    const officer = callers.get('federation_officer')!;
    const list = json<{ username: string; grants: { scope: string | null }[] }[]>(await app.inject({ method: 'GET', url: '/api/users', headers: officer.headers }));
    expect(list.map((u) => u.username)).toContain('matrix-scheme_manager');
    expect(list.map((u) => u.username)).not.toContain('manager-b');
  });

  it('a scheme-level user sees only their scheme in the list of schemes', async () => {
    for (const role of ['enrolment_agent', 'claims_officer', 'treasurer', 'auditor'] as const) {
      const list = json<{ code: string }[]>(await app.inject({ method: 'GET', url: '/api/schemes', headers: callers.get(role)!.headers }));
      expect(list.map((s) => s.code), role).toEqual([A]);
    }
  });
});

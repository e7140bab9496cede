import type { paths } from './schema';

/** The JSON body of a successful response. */
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: infer R }
  ? R extends { 200: { content: { 'application/json': infer B } } }
    ? B
    : R extends { 201: { content: { 'application/json': infer B } } }
      ? B
      : never
  : never;

/** The JSON request body of an operation. */
type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody?: { content: { 'application/json': infer B } } } ? B : never;

// The API's shapes, by the names the domain uses (DESIGN.md §2).
export type Me = Ok<'/api/auth/me', 'get'>;
export type Grant = Me['grants'][number];
export type Role = Grant['role'];
export type ScopeType = Grant['scopeType'];
export type User = Ok<'/api/users/{id}', 'get'>;
export type CreateUser = Body<'/api/users', 'post'>;
export type GrantInput = Body<'/api/users/{id}/grants', 'post'>;
export type Federation = Ok<'/api/federations/{federation}', 'get'>;
export type Scheme = Ok<'/api/schemes/{scheme}', 'get'>;
export type CreateScheme = Body<'/api/schemes', 'post'>;
export type UpdateScheme = Body<'/api/schemes/{scheme}', 'patch'>;
export type Section = Ok<'/api/schemes/{scheme}/sections', 'get'>[number];
export type CreateSection = Body<'/api/schemes/{scheme}/sections', 'post'>;
export type Location = Ok<'/api/locations', 'get'>[number];
export type ApiToken = Ok<'/api/tokens/{id}', 'delete'>;
export type CreatedApiToken = Ok<'/api/tokens', 'post'>;
export type AuditPage = Ok<'/api/audit', 'get'>;
export type AuditRecord = AuditPage['records'][number];
export type AuditQuery = NonNullable<paths['/api/audit']['get']['parameters']['query']>;

type Query<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { parameters: { query?: infer Q } } ? NonNullable<Q> : never;

// members
export type Group = Ok<'/api/schemes/{scheme}/groups', 'get'>[number];
export type CreateGroup = Body<'/api/schemes/{scheme}/groups', 'post'>;
export type Household = Ok<'/api/schemes/{scheme}/households/{number}', 'get'>;
export type Beneficiary = Household['members'][number];
export type RegisterHousehold = Body<'/api/schemes/{scheme}/households', 'post'>;
export type NewMember = Body<'/api/schemes/{scheme}/households/{number}/members', 'post'>;
export type RegisteredHousehold = Ok<'/api/schemes/{scheme}/households', 'post'>;
export type AddedBeneficiary = Ok<'/api/schemes/{scheme}/households/{number}/members', 'post'>;
export type DuplicateWarning = RegisteredHousehold['warnings'][number];
export type UpdateHousehold = Body<'/api/schemes/{scheme}/households/{number}', 'patch'>;
export type UpdateBeneficiary = Body<'/api/schemes/{scheme}/beneficiaries/{card}', 'patch'>;
export type DeactivateBeneficiary = Body<'/api/schemes/{scheme}/beneficiaries/{card}/deactivate', 'post'>;
export type ChangeHead = Body<'/api/schemes/{scheme}/households/{number}/head', 'post'>;
export type BeneficiaryPage = Ok<'/api/schemes/{scheme}/beneficiaries', 'get'>;
export type BeneficiaryMatch = BeneficiaryPage['items'][number];
export type BeneficiaryQuery = Query<'/api/schemes/{scheme}/beneficiaries', 'get'>;
export type GroupKind = Group['kind'];
export type HouseholdCategory = Household['category'];
export type HouseholdStatus = Household['status'];
export type Sex = Beneficiary['sex'];
export type Relationship = Beneficiary['relationship'];
export type BeneficiaryStatus = Beneficiary['status'];
export type DeactivationReason = DeactivateBeneficiary['reason'];

// products
export type Product = Ok<'/api/schemes/{scheme}/products/{product}', 'get'>;
export type ProductVersion = Product['versions'][number];
export type VersionDefinition = ProductVersion['definition'];
export type Contribution = VersionDefinition['contribution'];
export type ContributionBasis = Contribution['basis'];
export type Benefit = VersionDefinition['benefits'][number];
export type BenefitCategory = Benefit['category'];
export type ProviderLevel = NonNullable<Benefit['providerLevels']>[number];
export type ActivationMode = NonNullable<VersionDefinition['activation']>;
export type CreateProduct = Body<'/api/schemes/{scheme}/products', 'post'>;

// coverage
export type Period = Ok<'/api/schemes/{scheme}/enrolments', 'post'>;
export type Due = Period['dues'][number];
export type Enrol = Body<'/api/schemes/{scheme}/enrolments', 'post'>;
export type Renew = Body<'/api/schemes/{scheme}/renewals', 'post'>;
export type Account = Ok<'/api/schemes/{scheme}/households/{number}/account', 'get'>;
export type Payment = Ok<'/api/schemes/{scheme}/payments/{payment}', 'get'>;
export type PaymentInput = Body<'/api/schemes/{scheme}/payments', 'post'>;
export type PaymentMethod = PaymentInput['method'];
export type Payer = NonNullable<PaymentInput['payer']>;
export type ReversalInput = Body<'/api/schemes/{scheme}/payments/{payment}/reversal', 'post'>;
export type CoverageView = Ok<'/api/schemes/{scheme}/coverage/{card}', 'get'>;
export type CoverageStatus = CoverageView['status'];
export type BenefitStanding = CoverageView['benefits'][number];
export type Subsidizer = Ok<'/api/schemes/{scheme}/subsidizers', 'get'>[number];
export type CreateSubsidizer = Body<'/api/schemes/{scheme}/subsidizers', 'post'>;
export type Sponsor = Body<'/api/schemes/{scheme}/households/{number}/sponsorships', 'post'>;
export type RemittanceInput = Body<'/api/schemes/{scheme}/remittances', 'post'>;
export type Remittance = Ok<'/api/schemes/{scheme}/remittances', 'post'>;
export type ArrearsList = Ok<'/api/schemes/{scheme}/arrears', 'get'>;
export type ArrearsQuery = Query<'/api/schemes/{scheme}/arrears', 'get'>;
export type RenewalList = Ok<'/api/schemes/{scheme}/renewal-campaign', 'get'>;
export type RenewalState = RenewalList['households'][number]['state'];
export type RenewalQuery = Query<'/api/schemes/{scheme}/renewal-campaign', 'get'>;
export type SubsidizerStatement = Ok<'/api/schemes/{scheme}/subsidizers/{subsidizer}/statement', 'get'>;
export type CashSheet = Ok<'/api/schemes/{scheme}/cash-sheet', 'get'>;

// providers
export type Service = Ok<'/api/schemes/{scheme}/services', 'get'>[number];
export type ServiceQuery = Query<'/api/schemes/{scheme}/services', 'get'>;
export type CreateService = Body<'/api/schemes/{scheme}/services', 'post'>;
export type UpdateService = Body<'/api/schemes/{scheme}/services/{service}', 'patch'>;
export type ServiceKind = Service['kind'];
export type ImportUpload = Body<'/api/schemes/{scheme}/services/import', 'post'>;
export type ImportReport = Ok<'/api/schemes/{scheme}/services/import', 'post'>;
export type ImportIssue = ImportReport['errors'][number];
export type Diagnosis = Ok<'/api/diagnoses', 'get'>[number];
export type Provider = Ok<'/api/schemes/{scheme}/providers', 'get'>[number];
export type ProviderQuery = Query<'/api/schemes/{scheme}/providers', 'get'>;
export type ProviderDetail = Ok<'/api/schemes/{scheme}/providers/{provider}', 'get'>;
export type CreateProvider = Body<'/api/schemes/{scheme}/providers', 'post'>;
export type UpdateProvider = Body<'/api/schemes/{scheme}/providers/{provider}', 'patch'>;
export type ProviderType = NonNullable<Provider['type']>;
export type Agreement = Ok<'/api/schemes/{scheme}/providers/{provider}/tariff', 'get'>;
export type TariffLine = Agreement['tariff'][number];
export type AddAgreement = Body<'/api/schemes/{scheme}/providers/{provider}/agreements', 'post'>;
export type AgreementPaymentMethod = Agreement['paymentMethod'];

// claims
export type SubmitClaim = Body<'/api/schemes/{scheme}/claims', 'post'>;
export type ClaimLineInput = SubmitClaim['lines'][number];
export type QuoteClaim = Body<'/api/schemes/{scheme}/claims/quote', 'post'>;
export type ClaimQuote = Ok<'/api/schemes/{scheme}/claims/quote', 'post'>;
export type QuotedLine = ClaimQuote['lines'][number];
export type Claim = Ok<'/api/schemes/{scheme}/claims/{id}', 'get'>;
export type ClaimLine = Claim['lines'][number];
export type ClaimDecision = ClaimLine['history'][number];
export type ClaimStatus = Claim['status'];
export type ClaimSource = Claim['source'];
export type LineDecision = NonNullable<ClaimLine['decision']>;
export type DecisionKind = ClaimDecision['kind'];
export type EngineFlag = ClaimLine['flags'][number];
export type ClaimPage = Ok<'/api/schemes/{scheme}/claims', 'get'>;
export type ClaimSummary = ClaimPage['items'][number];
export type ClaimQuery = Query<'/api/schemes/{scheme}/claims', 'get'>;
export type AdjudicationSummary = Ok<'/api/schemes/{scheme}/claims/adjudicate', 'post'>;
export type PointOfCare = Ok<'/api/schemes/{scheme}/point-of-care/{card}', 'get'>;

// guarantee letters
export type Letter = Ok<'/api/schemes/{scheme}/guarantee-letters/{number}', 'get'>;
export type LetterStatus = Letter['status'];
export type LetterPage = Ok<'/api/schemes/{scheme}/guarantee-letters', 'get'>;
export type LetterQuery = Query<'/api/schemes/{scheme}/guarantee-letters', 'get'>;
export type RequestLetter = Body<'/api/schemes/{scheme}/guarantee-letters', 'post'>;

// review
export type ReviewPage = Ok<'/api/schemes/{scheme}/review/items', 'get'>;
export type ReviewItem = ReviewPage['items'][number];
export type ReviewSource = ReviewItem['source'];
export type ReviewQuery = Query<'/api/schemes/{scheme}/review/items', 'get'>;
export type LineDecisionInput = Body<'/api/schemes/{scheme}/claims/{id}/lines/{lineId}/decision', 'post'>;
export type Eob = Ok<'/api/schemes/{scheme}/claims/{id}/eob', 'get'>;

// provider payment
export type Batch = Ok<'/api/schemes/{scheme}/payment-batches/{id}', 'get'>;
export type BatchStatus = Batch['status'];
export type BatchPage = Ok<'/api/schemes/{scheme}/payment-batches', 'get'>;
export type BatchSummary = BatchPage['items'][number];
export type BatchQuery = Query<'/api/schemes/{scheme}/payment-batches', 'get'>;
export type CreateBatch = Body<'/api/schemes/{scheme}/payment-batches', 'post'>;
export type ProviderStatement = Ok<'/api/schemes/{scheme}/providers/{provider}/statement', 'get'>;

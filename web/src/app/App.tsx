import { lazy, type ReactNode, Suspense, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { SignInPage } from '../modules/access/pages/sign-in-page';
import type { Scheme } from '../api/types';
import type { ImportKind } from '../modules/imports/api';
import { LoadError, Loading, Notice, Page } from '../components/page';
import { href, Link, matchPath, navigate, useLocation } from './router';
import { SessionProvider, useCurrentScheme, useSession } from './session';
import { Shell } from './shell';

// Screens load on demand, so the sign-in page stays small on a slow connection.
const SetupPage = lazy(() => import('../modules/access/pages/setup-page'));
const HomePage = lazy(() => import('../modules/home/pages/home-page'));
const SchemesPage = lazy(() => import('../modules/organizations/pages/schemes-page'));
const NewSchemePage = lazy(() => import('../modules/organizations/pages/new-scheme-page'));
const SchemePage = lazy(() => import('../modules/organizations/pages/scheme-page'));
const UsersPage = lazy(() => import('../modules/access/pages/users-page'));
const NewUserPage = lazy(() => import('../modules/access/pages/new-user-page'));
const UserPage = lazy(() => import('../modules/access/pages/user-page'));
const AuditPage = lazy(() => import('../modules/audit/pages/audit-page'));
const TokensPage = lazy(() => import('../modules/access/pages/tokens-page'));
const EligibilityPage = lazy(() => import('../modules/coverage/pages/eligibility-page'));
const HouseholdsPage = lazy(() => import('../modules/members/pages/households-page'));
const NewHouseholdPage = lazy(() => import('../modules/members/pages/new-household-page'));
const HouseholdPage = lazy(() => import('../modules/members/pages/household-page'));
const GroupsPage = lazy(() => import('../modules/members/pages/groups-page'));
const ProductsPage = lazy(() => import('../modules/products/pages/products-page'));
const NewProductPage = lazy(() => import('../modules/products/pages/new-product-page'));
const ProductPage = lazy(() => import('../modules/products/pages/product-page'));
const VersionPage = lazy(() => import('../modules/products/pages/version-page'));
const CashSheetPage = lazy(() => import('../modules/coverage/pages/cash-sheet-page'));
const ArrearsPage = lazy(() => import('../modules/coverage/pages/arrears-page'));
const RenewalsPage = lazy(() => import('../modules/coverage/pages/renewals-page'));
const RemittancePage = lazy(() => import('../modules/coverage/pages/remittance-page'));
const SubsidizersPage = lazy(() => import('../modules/coverage/pages/subsidizers-page'));
const StatementPage = lazy(() => import('../modules/coverage/pages/statement-page'));
const ProvidersPage = lazy(() => import('../modules/providers/pages/providers-page'));
const NewProviderPage = lazy(() => import('../modules/providers/pages/new-provider-page'));
const ProviderPage = lazy(() => import('../modules/providers/pages/provider-page'));
const AgreementPage = lazy(() => import('../modules/providers/pages/agreement-page'));
const ServicesPage = lazy(() => import('../modules/providers/pages/services-page'));
const ServicesImportPage = lazy(() => import('../modules/providers/pages/services-import-page'));
const ImportPage = lazy(() => import('../modules/imports/pages/import-page'));
const ReservesPage = lazy(() => import('../modules/reserves/pages/reserves-page'));
const BooksPage = lazy(() => import('../modules/finance/pages/books-page'));
const JournalPage = lazy(() => import('../modules/finance/pages/journal-page'));
const IndicatorsPage = lazy(() => import('../modules/indicators/pages/indicators-page'));
const ReportsPage = lazy(() => import('../modules/reports/pages/reports-page'));
const PricingPage = lazy(() => import('../modules/pricing/pages/pricing-page'));
const isImportKind = (kind: string): kind is ImportKind => kind === 'households' || kind === 'payments' || kind === 'claims';
const ClaimsPage = lazy(() => import('../modules/claims/pages/claims-page'));
const NewClaimPage = lazy(() => import('../modules/claims/pages/new-claim-page'));
const ClaimPage = lazy(() => import('../modules/claims/pages/claim-page'));
const LettersPage = lazy(() => import('../modules/claims/pages/letters-page'));
const NewLetterPage = lazy(() => import('../modules/claims/pages/new-letter-page'));
const LetterPage = lazy(() => import('../modules/claims/pages/letter-page'));
const ReviewPage = lazy(() => import('../modules/claims/pages/review-page'));
const BatchesPage = lazy(() => import('../modules/claims/pages/batches-page'));
const BatchPage = lazy(() => import('../modules/claims/pages/batch-page'));
const ProviderStatementPage = lazy(() => import('../modules/claims/pages/provider-statement-page'));
// Field work (offline): the pages and the device's store load only when a field screen is opened.
const FieldPage = lazy(() => import('../modules/field/pages/field-page'));
const FieldHouseholdPage = lazy(() => import('../modules/field/pages/field-household-page'));
const FieldReceiptPage = lazy(() => import('../modules/field/pages/field-receipt-page'));
const FieldRegisterPage = lazy(() => import('../modules/field/pages/field-register-page'));
const FieldCheckPage = lazy(() => import('../modules/field/pages/field-check-page'));
const FieldOutboxPage = lazy(() => import('../modules/field/pages/field-outbox-page'));

type Route = { pattern: string; render: (params: Record<string, string>) => ReactNode };

const ROUTES: Route[] = [
  { pattern: '/', render: () => <HomePage /> },
  { pattern: '/schemes', render: () => <SchemesPage /> },
  { pattern: '/schemes/new', render: () => <NewSchemePage /> },
  { pattern: '/schemes/:code', render: (p) => <SchemePage code={p.code!} /> },
  { pattern: '/users', render: () => <UsersPage /> },
  { pattern: '/users/new', render: () => <NewUserPage /> },
  { pattern: '/users/:id', render: (p) => <UserPage id={p.id!} /> },
  { pattern: '/audit', render: () => <AuditPage /> },
  { pattern: '/tokens', render: () => <TokensPage /> },
  { pattern: '/eligibility', render: () => <OnScheme page={(s) => <EligibilityPage scheme={s} />} /> },
  { pattern: '/households', render: () => <OnScheme page={(s) => <HouseholdsPage scheme={s} />} /> },
  { pattern: '/households/new', render: () => <OnScheme page={(s) => <NewHouseholdPage scheme={s} />} /> },
  { pattern: '/households/:number', render: (p) => <OnScheme page={(s) => <HouseholdPage scheme={s} number={p.number!} />} /> },
  { pattern: '/groups', render: () => <OnScheme page={(s) => <GroupsPage scheme={s} />} /> },
  { pattern: '/products', render: () => <OnScheme page={(s) => <ProductsPage scheme={s} />} /> },
  { pattern: '/products/new', render: () => <OnScheme page={(s) => <NewProductPage scheme={s} />} /> },
  { pattern: '/products/:code', render: (p) => <OnScheme page={(s) => <ProductPage scheme={s} code={p.code!} />} /> },
  { pattern: '/products/:code/versions/new', render: (p) => <OnScheme page={(s) => <VersionPage scheme={s} code={p.code!} />} /> },
  { pattern: '/products/:code/versions/:date', render: (p) => <OnScheme page={(s) => <VersionPage scheme={s} code={p.code!} effectiveFrom={p.date!} />} /> },
  { pattern: '/cash-sheet', render: () => <OnScheme page={(s) => <CashSheetPage scheme={s} />} /> },
  { pattern: '/arrears', render: () => <OnScheme page={(s) => <ArrearsPage scheme={s} />} /> },
  { pattern: '/renewals', render: () => <OnScheme page={(s) => <RenewalsPage scheme={s} />} /> },
  { pattern: '/remittances/new', render: () => <OnScheme page={(s) => <RemittancePage scheme={s} />} /> },
  { pattern: '/subsidizers', render: () => <OnScheme page={(s) => <SubsidizersPage scheme={s} />} /> },
  { pattern: '/subsidizers/:code', render: (p) => <OnScheme page={(s) => <StatementPage scheme={s} code={p.code!} />} /> },
  { pattern: '/field', render: () => <OnScheme page={(s) => <FieldPage scheme={s} />} /> },
  { pattern: '/field/households/:number', render: (p) => <OnScheme page={(s) => <FieldHouseholdPage scheme={s} number={p.number!} />} /> },
  { pattern: '/field/receipts/:id', render: (p) => <OnScheme page={(s) => <FieldReceiptPage scheme={s} id={p.id!} />} /> },
  { pattern: '/field/register', render: () => <OnScheme page={(s) => <FieldRegisterPage scheme={s} />} /> },
  { pattern: '/field/check', render: () => <OnScheme page={(s) => <FieldCheckPage scheme={s} />} /> },
  { pattern: '/field/outbox', render: () => <OnScheme page={(s) => <FieldOutboxPage scheme={s} />} /> },
  { pattern: '/providers', render: () => <OnScheme page={(s) => <ProvidersPage scheme={s} />} /> },
  { pattern: '/providers/new', render: () => <OnScheme page={(s) => <NewProviderPage scheme={s} />} /> },
  { pattern: '/providers/:code', render: (p) => <OnScheme page={(s) => <ProviderPage scheme={s} code={p.code!} />} /> },
  { pattern: '/providers/:code/agreements/new', render: (p) => <OnScheme page={(s) => <AgreementPage scheme={s} code={p.code!} />} /> },
  { pattern: '/services', render: () => <OnScheme page={(s) => <ServicesPage scheme={s} />} /> },
  { pattern: '/services/import', render: () => <OnScheme page={(s) => <ServicesImportPage scheme={s} />} /> },
  { pattern: '/reserves', render: () => <OnScheme page={(s) => <ReservesPage scheme={s} />} /> },
  { pattern: '/books', render: () => <OnScheme page={(s) => <BooksPage scheme={s} />} /> },
  { pattern: '/journal', render: () => <OnScheme page={(s) => <JournalPage scheme={s} />} /> },
  { pattern: '/indicators', render: () => <OnScheme page={(s) => <IndicatorsPage scheme={s} />} /> },
  { pattern: '/reports', render: () => <OnScheme page={(s) => <ReportsPage scheme={s} />} /> },
  { pattern: '/pricing', render: () => <PricingPage /> },
  { pattern: '/imports/:kind', render: ({ kind = '' }) => (isImportKind(kind) ? <OnScheme page={(s) => <ImportPage scheme={s} kind={kind} />} /> : <NotFound />) },
  { pattern: '/claims', render: () => <OnScheme page={(s) => <ClaimsPage scheme={s} />} /> },
  { pattern: '/claims/new', render: () => <OnScheme page={(s) => <NewClaimPage scheme={s} />} /> },
  { pattern: '/claims/:id', render: (p) => <OnScheme page={(s) => <ClaimPage scheme={s} id={p.id!} />} /> },
  { pattern: '/letters', render: () => <OnScheme page={(s) => <LettersPage scheme={s} />} /> },
  { pattern: '/letters/new', render: () => <OnScheme page={(s) => <NewLetterPage scheme={s} />} /> },
  { pattern: '/letters/:number', render: (p) => <OnScheme page={(s) => <LetterPage scheme={s} number={p.number!} />} /> },
  { pattern: '/review', render: () => <OnScheme page={(s) => <ReviewPage scheme={s} />} /> },
  { pattern: '/payment-batches', render: () => <OnScheme page={(s) => <BatchesPage scheme={s} />} /> },
  { pattern: '/payment-batches/:id', render: (p) => <OnScheme page={(s) => <BatchPage scheme={s} id={p.id!} />} /> },
  { pattern: '/providers/:code/statement', render: (p) => <OnScheme page={(s) => <ProviderStatementPage scheme={s} code={p.code!} />} /> },
];

/** A screen of one scheme's data: the scheme chosen in the URL, or a notice when the user has none. */
function OnScheme({ page }: { page: (scheme: Scheme) => ReactNode }) {
  const { t } = useTranslation();
  const scheme = useCurrentScheme();
  if (scheme) return <>{page(scheme)}</>;
  return (
    <Page title={t('home.title')}>
      <Notice kind="warning">{t('home.noScheme.noAccess')}</Notice>
    </Page>
  );
}

function NotFound() {
  const { t } = useTranslation();
  return (
    <Page title={t('notFound.title')}>
      <p>{t('notFound.message')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}

function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function Screens() {
  const { state, retry } = useSession();
  const { path, query, href: current } = useLocation();

  if (path === '/setup') {
    return (
      <Suspense fallback={<Loading />}>
        <SetupPage />
      </Suspense>
    );
  }
  switch (state.status) {
    case 'loading':
      return <Loading />;
    case 'failed':
      return (
        <main className="centered">
          <LoadError error={state.error} retry={retry} />
        </main>
      );
    case 'signed-out':
      if (path !== '/sign-in') return <Redirect to={href('/sign-in', { next: current === '/' ? undefined : current })} />;
      return <SignInPage />;
    case 'signed-in': {
      if (path === '/sign-in') {
        const next = query.get('next');
        return <Redirect to={next && next.startsWith('/') && !next.startsWith('//') ? next : '/'} />;
      }
      let page: ReactNode = <NotFound />;
      for (const route of ROUTES) {
        const params = matchPath(route.pattern, path);
        if (params) {
          page = route.render(params);
          break;
        }
      }
      return (
        <Shell>
          <Suspense fallback={<Loading />}>{page}</Suspense>
        </Shell>
      );
    }
  }
}

export function App() {
  return (
    <SessionProvider>
      <Screens />
    </SessionProvider>
  );
}

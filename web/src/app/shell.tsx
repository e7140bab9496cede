import { type ReactNode, useEffect, useId, useState, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitcher } from '../components/language-switcher';
import { FieldIndicator } from '../offline/indicator';
import { canOnScheme, hasAnywhere, type Permission } from './access';
import { Link, navigate, useLocation } from './router';
import { useCurrentScheme, useMe, useSchemeHref, useSession } from './session';

interface NavItem {
  path: string;
  label:
    | 'nav.home'
    | 'nav.eligibility'
    | 'nav.field'
    | 'nav.households'
    | 'nav.groups'
    | 'nav.cashSheet'
    | 'nav.arrears'
    | 'nav.renewals'
    | 'nav.remittance'
    | 'nav.subsidizers'
    | 'nav.products'
    | 'nav.newClaim'
    | 'nav.claims'
    | 'nav.letters'
    | 'nav.review'
    | 'nav.batches'
    | 'nav.providers'
    | 'nav.services'
    | 'nav.schemes'
    | 'nav.users'
    | 'nav.audit'
    | 'nav.tokens'
    | 'nav.reserves'
    | 'nav.books'
    | 'nav.journal'
    | 'nav.indicators'
    | 'nav.pricing'
    | 'nav.reports';
  /** Shown only to users who hold this permission somewhere (or, with `onScheme`, on the scheme chosen). */
  permission?: Permission;
  /** A screen of the chosen scheme's data: the permission must hold on that scheme. */
  onScheme?: boolean;
  /** Shown when any of these permissions holds (instead of `permission`). */
  anyOf?: Permission[];
}

interface NavGroup {
  heading?: 'navGroups.members' | 'navGroups.contributions' | 'navGroups.claims' | 'navGroups.books' | 'navGroups.setup';
  items: NavItem[];
}

// Domain modules add their screens here as they land.
const NAV: NavGroup[] = [
  { items: [{ path: '/', label: 'nav.home' }] },
  {
    heading: 'navGroups.members',
    items: [
      { path: '/eligibility', label: 'nav.eligibility', permission: 'eligibility.check', onScheme: true },
      { path: '/field', label: 'nav.field', anyOf: ['contributions.write', 'eligibility.check'], onScheme: true },
      { path: '/households', label: 'nav.households', permission: 'members.read', onScheme: true },
      { path: '/groups', label: 'nav.groups', permission: 'members.read', onScheme: true },
    ],
  },
  {
    heading: 'navGroups.contributions',
    items: [
      { path: '/cash-sheet', label: 'nav.cashSheet', permission: 'contributions.read', onScheme: true },
      { path: '/arrears', label: 'nav.arrears', permission: 'contributions.read', onScheme: true },
      { path: '/renewals', label: 'nav.renewals', permission: 'members.read', onScheme: true },
      { path: '/remittances/new', label: 'nav.remittance', permission: 'contributions.write', onScheme: true },
      { path: '/subsidizers', label: 'nav.subsidizers', permission: 'contributions.read', onScheme: true },
    ],
  },
  {
    // A provider clerk enters claims and asks for guarantee letters; a claims officer reads,
    // reviews and decides them; a treasurer pays providers; a scheme manager follows claims and
    // keeps providers, agreements and the catalogue.
    heading: 'navGroups.claims',
    items: [
      { path: '/claims/new', label: 'nav.newClaim', permission: 'claims.submit', onScheme: true },
      { path: '/claims', label: 'nav.claims', permission: 'claims.read', onScheme: true },
      { path: '/letters', label: 'nav.letters', permission: 'claims.read', onScheme: true },
      { path: '/review', label: 'nav.review', permission: 'claims.review', onScheme: true },
      { path: '/payment-batches', label: 'nav.batches', permission: 'claims.pay', onScheme: true },
      { path: '/providers', label: 'nav.providers', permission: 'providers.read', onScheme: true },
      { path: '/services', label: 'nav.services', permission: 'providers.read', onScheme: true },
    ],
  },
  {
    // The treasurer's and the manager's books: reserves, and (as they land) the ledger, statements and indicators.
    heading: 'navGroups.books',
    items: [
      { path: '/indicators', label: 'nav.indicators', permission: 'indicators.read', onScheme: true },
      { path: '/books', label: 'nav.books', permission: 'finance.read', onScheme: true },
      { path: '/journal', label: 'nav.journal', permission: 'finance.read', onScheme: true },
      { path: '/reserves', label: 'nav.reserves', permission: 'finance.read', onScheme: true },
      { path: '/reports', label: 'nav.reports', permission: 'indicators.read', onScheme: true },
      // The calculator works on figures typed or loaded from a scheme: it needs pricing.use somewhere.
      { path: '/pricing', label: 'nav.pricing', permission: 'pricing.use' },
    ],
  },
  {
    heading: 'navGroups.setup',
    items: [
      { path: '/products', label: 'nav.products', permission: 'products.read', onScheme: true },
      { path: '/schemes', label: 'nav.schemes', permission: 'organizations.read' },
      { path: '/users', label: 'nav.users', permission: 'users.read' },
      { path: '/audit', label: 'nav.audit', permission: 'audit.read' },
      { path: '/tokens', label: 'nav.tokens' },
    ],
  },
];

const covers = (item: NavItem, path: string) => (item.path === '/' ? path === '/' : path === item.path || path.startsWith(`${item.path}/`));

/** The item of the screen shown: the one whose path covers it most closely (`/claims/new` over `/claims`). */
function isCurrent(item: NavItem, path: string, items: NavItem[]): boolean {
  if (!covers(item, path)) return false;
  return !items.some((other) => other !== item && other.path.length > item.path.length && covers(other, path));
}

function SchemeSwitcher() {
  const { t } = useTranslation();
  const { schemes } = useMe();
  const scheme = useCurrentScheme();
  const { path, query } = useLocation();
  const id = useId();
  if (!scheme) return null;
  if (schemes.length === 1) {
    return (
      <p className="scheme-switcher">
        <span className="scheme-switcher__label">{t('shell.scheme')}</span> <span className="scheme-switcher__name">{scheme.name}</span>
      </p>
    );
  }
  return (
    <div className="scheme-switcher">
      <label htmlFor={id} className="scheme-switcher__label">{t('shell.scheme')}</label>
      <select
        id={id}
        value={scheme.code}
        onChange={(e) => {
          const next = new URLSearchParams(query);
          next.set('scheme', e.target.value);
          navigate(`${path}?${next.toString()}`);
        }}
      >
        {schemes.map((s) => (
          <option key={s.code} value={s.code}>
            {s.name}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Who is signed in, the language, and signing out: in the header on a wide screen, in the menu on a phone. */
function Account({ className }: { className: string }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const { signOut } = useSession();
  return (
    <div className={className}>
      <p className="account__user">
        <span className="account__name">{me.displayName}</span>
        <span className="account__username">{me.username}</span>
      </p>
      <LanguageSwitcher />
      <button type="button" className="button" onClick={() => void signOut()}>
        {t('shell.signOut')}
      </button>
    </div>
  );
}

const WIDE = '(min-width: 960px)';

/** Whether the screen is wide enough for the sidebar layout (the same breakpoint as the CSS). */
function useWide(): boolean {
  return useSyncExternalStore(
    (listener) => {
      const query = window.matchMedia(WIDE);
      query.addEventListener('change', listener);
      return () => query.removeEventListener('change', listener);
    },
    () => window.matchMedia(WIDE).matches,
  );
}

/** The frame around every signed-in screen: header, navigation (a menu on phones), account. */
export function Shell({ children }: { children: ReactNode }) {
  const { t } = useTranslation();
  const { me } = useMe();
  const wide = useWide();
  const { path } = useLocation();
  const schemeHref = useSchemeHref();
  const [menuOpen, setMenuOpen] = useState(false);
  const navId = useId();

  useEffect(() => setMenuOpen(false), [path]);

  const scheme = useCurrentScheme();
  const holds = (permission: Permission, onScheme?: boolean) => (onScheme ? scheme !== undefined && canOnScheme(me, permission, scheme) : hasAnywhere(me, permission));
  const allowed = (item: NavItem) => (item.anyOf ? item.anyOf.some((p) => holds(p, item.onScheme)) : !item.permission || holds(item.permission, item.onScheme));
  const fieldWork = scheme !== undefined && (canOnScheme(me, 'contributions.write', scheme) || canOnScheme(me, 'eligibility.check', scheme));
  const groups = NAV.map((group) => ({ ...group, items: group.items.filter(allowed) })).filter((group) => group.items.length > 0);
  const allItems = groups.flatMap((group) => group.items);
  return (
    <div className="shell">
      <a className="skip-link" href="#main">{t('shell.skip')}</a>
      <header className="shell__header">
        <Link to={schemeHref('/')} className="brand">
          {t('app.name')}
        </Link>
        <SchemeSwitcher />
        {scheme && fieldWork ? (
          <FieldIndicator scheme={scheme} snapshot={canOnScheme(me, 'members.read', scheme)} keys={canOnScheme(me, 'eligibility.check', scheme)} href={schemeHref('/field/outbox')} />
        ) : null}
        {wide ? (
          <Account className="account account--header" />
        ) : (
          <button type="button" className="button menu-button" aria-expanded={menuOpen} aria-controls={navId} onClick={() => setMenuOpen((open) => !open)}>
            {t('shell.menu')}
          </button>
        )}
      </header>
      <div className={`shell__sidebar${menuOpen ? ' shell__sidebar--open' : ''}`} id={navId}>
        <nav aria-label={t('shell.navigation')}>
          {groups.map((group) => (
            <div className="nav__group" key={group.heading ?? 'top'}>
              {group.heading ? <p className="nav__heading" id={`nav-${group.heading}`}>{t(group.heading)}</p> : null}
              <ul className="nav" aria-labelledby={group.heading ? `nav-${group.heading}` : undefined}>
                {group.items.map((item) => (
                  <li key={item.path}>
                    <Link to={schemeHref(item.path)} aria-current={isCurrent(item, path, allItems) ? 'page' : undefined}>
                      {t(item.label)}
                    </Link>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </nav>
        {wide ? null : <Account className="account" />}
      </div>
      <main id="main" className="shell__main" tabIndex={-1}>
        {children}
      </main>
    </div>
  );
}


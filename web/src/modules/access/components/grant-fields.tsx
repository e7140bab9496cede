import { useTranslation } from 'react-i18next';
import type { GrantInput, Role, ScopeType } from '../../../api/types';
import { canOnScheme, hasOnPlatform, roles, scopesOfRole } from '../../../app/access';
import { useMe } from '../../../app/session';
import { useApi } from '../../../app/use-api';
import { SelectField } from '../../../components/form';
import { listFederations } from '../../organizations/api';
import { listProviders } from '../../providers/api';

export interface GrantChoice {
  role: Role | '';
  /** `scheme:MUT-1`, `federation:UNION`, `provider:MUT-1/CS-1`, `platform:` */
  scope: string;
}

interface ScopeOption {
  value: string;
  label: string;
  type: ScopeType;
}

/** Turns the form's choice into the API's grant, or undefined when incomplete. */
export function toGrantInput(choice: GrantChoice): GrantInput | undefined {
  if (!choice.role || !choice.scope) return undefined;
  const [type, ...rest] = choice.scope.split(':');
  const scope = rest.join(':');
  return { role: choice.role, scopeType: type as ScopeType, scope: type === 'platform' ? null : scope };
}

/** Maps the API's field paths for a grant (`grants[0].scopeType`, `body.scope`) to the form's fields. */
export function grantField(field: string): string {
  const name = field.replace(/^grants\[\d+\]\./, '');
  return name === 'scopeType' ? 'scope' : name;
}

/**
 * The scopes on which the signed-in user may hand out roles: anything for a platform
 * administrator; otherwise the schemes on which they manage users, and those schemes' health
 * providers (a provider clerk's role is granted on their facility, named `SCHEME/PROVIDER`).
 */
function useScopeOptions(): ScopeOption[] {
  const { t } = useTranslation();
  const { me, schemes } = useMe();
  const platform = hasOnPlatform(me, 'users.manage');
  const federations = useApi(() => (platform ? listFederations() : Promise.resolve([])), [platform]);
  const managed = schemes.filter((s) => canOnScheme(me, 'users.manage', s) && canOnScheme(me, 'providers.read', s));
  const managedKey = managed.map((s) => s.code).join(',');
  const providers = useApi(
    () => Promise.all(managed.map(async (s) => ({ scheme: s, providers: await listProviders(s.code, { active: true }).catch(() => []) }))),
    // The schemes' codes say everything the call reads.
    [managedKey],
  );
  const options: ScopeOption[] = [];
  if (platform) options.push({ value: 'platform:', label: t('scopeTypes.platform'), type: 'platform' });
  if (platform) {
    for (const f of federations.data ?? []) options.push({ value: `federation:${f.code}`, label: `${t('scopeTypes.federation')} — ${f.name}`, type: 'federation' });
  }
  for (const s of schemes) {
    if (canOnScheme(me, 'users.manage', s)) options.push({ value: `scheme:${s.code}`, label: `${t('scopeTypes.scheme')} — ${s.name}`, type: 'scheme' });
  }
  for (const { scheme, providers: list } of providers.data ?? []) {
    for (const p of list) {
      options.push({ value: `provider:${scheme.code}/${p.code}`, label: `${t('scopeTypes.provider')} — ${p.name} (${scheme.code}/${p.code})`, type: 'provider' });
    }
  }
  return options;
}

/** Role and scope pickers; the scope list follows the role (an auditor on a federation, a manager on a scheme). */
export function GrantFields({ value, onChange, errors }: { value: GrantChoice; onChange: (choice: GrantChoice) => void; errors: Record<string, string | undefined> }) {
  const { t } = useTranslation();
  const scopes = useScopeOptions();
  // Roles with no scope the user can grant on are left out (a provider clerk while no provider is registered).
  const available = roles.filter((r) => scopes.some((s) => scopesOfRole(r).includes(s.type)));
  const scopeOptions = value.role ? scopes.filter((s) => scopesOfRole(value.role as Role).includes(s.type)) : [];
  return (
    <div className="form__row">
      <SelectField
        label={t('users.role')}
        name="role"
        value={value.role}
        onValue={(role) => {
          const allowed = role ? scopes.filter((s) => scopesOfRole(role as Role).includes(s.type)) : [];
          const scope = allowed.some((s) => s.value === value.scope) ? value.scope : (allowed[0]?.value ?? '');
          onChange({ role: role as Role | '', scope });
        }}
        options={[{ value: '', label: t('users.chooseRole') }, ...available.map((r) => ({ value: r, label: t(`roles.${r}`) }))]}
        error={errors.role}
      />
      <SelectField
        label={t('users.scope')}
        name="scope"
        value={value.scope}
        onValue={(scope) => onChange({ ...value, scope })}
        disabled={!value.role}
        options={value.role ? scopeOptions.map((s) => ({ value: s.value, label: s.label })) : [{ value: '', label: t('users.chooseRoleFirst') }]}
        error={errors.scope}
      />
    </div>
  );
}

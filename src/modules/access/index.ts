// The access module's public face: other modules import only this file.
export { accessRoutes } from './access.routes.js';
export {
  authenticate,
  createApiToken,
  createSetupLink,
  createUser,
  findUserByUsername,
  grantRole,
  listUsers,
  setupNeeded,
  signIn,
  type AccessSettings,
} from './access.service.js';
export type { User, GrantInput } from './access.schemas.js';
export type { AccessTables } from './access.table.js';

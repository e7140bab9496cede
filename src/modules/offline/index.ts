// The offline module's public face: the snapshot devices download to work without network.
export { offlineRoutes } from './offline.routes.js';
export { offlineSnapshot } from './offline.service.js';
export type { Snapshot, SnapshotHousehold } from './offline.schemas.js';

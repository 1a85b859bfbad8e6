export { allowScan, allowStatement, isolateClient, type Announcement, type WithMiddlewareStack } from './guard';
export { CapsuleIsolationError, type CapsuleIsolationDetails, type CapsuleIsolationReason } from './errors';
export { currentCapsule, runInCapsule, type CapsuleScope } from './scope';
export type { IsolateClientOptions, TableIsolation } from './options';

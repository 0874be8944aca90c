/** What /healthz says of the state store: which one is in use, and whether it answers. */
export interface StoreHealthReport {
  ok: boolean;
  store: 'memory' | 'redis' | 'unreachable';
}

export * from './keyed-lock.ts';
export * from './memory-schedule-store.ts';
export * from './memory-store.ts';
export * from './open-stores.ts';
export * from './schedule-store.ts';
export * from './state-store.ts';
export * from './store-errors.ts';
export * from './user-state.ts';

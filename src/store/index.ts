export * from './keyed-lock.ts';
export * from './memory-dedupe-store.ts';
export * from './memory-store.ts';
export * from './schedule-store.ts';
export * from './state-store.ts';
export * from './user-state.ts';

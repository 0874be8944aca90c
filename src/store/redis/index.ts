export * from './keys.ts';
export * from './redis-client.ts';
export * from './redis-dedupe-store.ts';
export * from './redis-installation-rows.ts';
export * from './redis-pace-store.ts';
export * from './redis-schedule-store.ts';
export * from './redis-store.ts';

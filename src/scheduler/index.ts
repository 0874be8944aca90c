export * from './checkin-scheduler.ts';
export * from './clock.ts';

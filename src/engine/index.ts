export * from './content.ts';
export * from './content-schema.ts';
export * from './machine.ts';
export * from './scoring.ts';
export * from './session.ts';
export * from './summary.ts';

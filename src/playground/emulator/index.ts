export * from './blocks.ts';
export * from './defaults.ts';
export * from './payloads.ts';
export * from './signing.ts';
export * from './slack-emulator.ts';
export { EmulatorState, type WorkspaceIdentity } from './state.ts';
export type * from './types.ts';
export { WEB_API_METHODS } from './web-api.ts';

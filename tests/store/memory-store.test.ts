import { MemoryStore } from '../../src/store/index.ts';
import { stateStoreContract } from './state-store-contract.ts';

stateStoreContract('MemoryStore', async ({ ttlMs }) => {
  let now = 1_000_000;
  const store = new MemoryStore({ maxUsers: 100, ttlMs, now: () => now });
  return {
    store,
    pass: async (ms) => {
      now += ms;
    },
  };
});

import { MemoryScheduleStore } from '../../src/store/index.ts';
import { scheduleStoreContract } from './schedule-store-contract.ts';

scheduleStoreContract('MemoryScheduleStore', () => new MemoryScheduleStore());

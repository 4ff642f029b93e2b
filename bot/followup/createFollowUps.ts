import type { Cluster, Redis } from 'ioredis';
import { systemClock, type Clock } from '../http/rateLimiter';
import type { Logger } from '../logger';
import type { CrisisContacts } from '../resources/crisisContacts';
import type { Phrasebook } from '../resources/phrasebook';
import type { RedisKeys } from '../state/keys';
import { CheckInSender, type ConversationContinuer } from './checkInSender';
import { FollowUpPoller } from './followUpPoller';
import { FollowUpScheduler } from './followUpScheduler';
import type { FollowUpStore } from './followUpStore';
import { MemoryFollowUpStore } from './memoryFollowUpStore';
import { RedisFollowUpStore } from './redisFollowUpStore';

export interface FollowUpDeps {
  /** Shared Redis; without it check-ins live in this process only (the no-Redis mode). */
  readonly redis: Redis | Cluster | undefined;
  readonly keys: RedisKeys;
  readonly messenger: ConversationContinuer;
  readonly phrasebook: Phrasebook;
  readonly crisisContacts: CrisisContacts;
  readonly defaultRegion: string;
  readonly logger: Logger;
  readonly clock?: Clock;
  readonly intervalMs?: number;
}

/** Follow-up check-ins wired together: the scheduler dialogs use, and the poller the app starts and stops. */
export function createFollowUps(deps: FollowUpDeps): { scheduler: FollowUpScheduler; poller: FollowUpPoller } {
  const clock = deps.clock ?? systemClock;
  const store: FollowUpStore = deps.redis ? new RedisFollowUpStore(deps.redis, { keys: deps.keys }) : new MemoryFollowUpStore();
  const sender = new CheckInSender(deps.messenger, deps.phrasebook, deps.crisisContacts, deps.defaultRegion);
  return {
    scheduler: new FollowUpScheduler(store, clock),
    poller: new FollowUpPoller({ store, sender, clock, logger: deps.logger, intervalMs: deps.intervalMs }),
  };
}

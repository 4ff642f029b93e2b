import { FollowUpPoller, type ProactiveSender } from '../../../bot/followup/followUpPoller';
import { FollowUpScheduler } from '../../../bot/followup/followUpScheduler';
import type { FollowUpJob, FollowUpStore } from '../../../bot/followup/followUpStore';

/** One deployment's check-in storage; `instance()` is what one bot process would open (its own connection). */
export interface FollowUpWorld {
  instance(): Promise<FollowUpStore>;
  close(): Promise<void>;
}

const silent = { info: () => undefined, warn: () => undefined, error: () => undefined };
const START = Date.UTC(2026, 10, 23, 7, 0, 0);
const LEASE = 30_000;

class TestClock {
  constructor(public t: number = START) {}
  now(): number { return this.t; }
}

/** Records what was sent; can be told to fail or to stall. */
class RecordingSender implements ProactiveSender {
  readonly sent: string[] = [];
  failNext = 0;
  async send(_reference: unknown, job: FollowUpJob): Promise<void> {
    if (this.failNext > 0) { this.failNext -= 1; throw new Error('channel unavailable'); }
    await new Promise((resolve) => setImmediate(resolve)); // let the racing poller interleave
    this.sent.push(job.id);
  }
}

const reference = (n: number) => ({ serviceUrl: 'https://channel.test/', channelId: 'webchat', conversation: { id: `conv-${n}`, isGroup: false, conversationType: 'personal', name: '' } });

function poller(store: FollowUpStore, sender: ProactiveSender, clock: TestClock, batchSize = 20): FollowUpPoller {
  return new FollowUpPoller({ store, sender, clock, logger: silent, leaseMs: LEASE, batchSize, maxAttempts: 3, intervalMs: 5 });
}

/** The behaviour every FollowUpStore must have, run against memory, one Redis and a Redis Cluster. */
export function followUpStoreContract(name: string, openWorld: () => Promise<FollowUpWorld>): void {
  describe(`${name}: follow-up check-ins`, () => {
    let world: FollowUpWorld;
    let clock: TestClock;
    beforeEach(async () => { world = await openWorld(); clock = new TestClock(); });
    afterEach(async () => { await world.close(); });

    test('when two pollers race over 200 due check-ins, then each is sent exactly once', async () => {
      const scheduler = new FollowUpScheduler(await world.instance(), clock);
      for (let n = 0; n < 200; n += 1) await scheduler.schedule({ personKey: `p${n % 17}`, reference: reference(n), delayMs: 1000 + n, locale: 'en' });
      clock.t += 10_000;
      const sender = new RecordingSender();
      const a = poller(await world.instance(), sender, clock, 7);
      const b = poller(await world.instance(), sender, clock, 11);
      a.start();
      b.start();
      const deadline = Date.now() + 15_000;
      while (sender.sent.length < 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 10));
      await new Promise((resolve) => setTimeout(resolve, 50)); // give a double send the chance to show
      await Promise.all([a.stop(), b.stop()]);
      expect(sender.sent).toHaveLength(200);
      expect(new Set(sender.sent).size).toBe(200);
      expect(await scheduler.pendingFor('p3')).toEqual([]);
    }, 30_000);

    test('when a check-in is not due yet, then no poller sends it', async () => {
      const scheduler = new FollowUpScheduler(await world.instance(), clock);
      await scheduler.schedule({ personKey: 'p', reference: reference(1), delayMs: 60_000, locale: 'en' });
      const sender = new RecordingSender();
      clock.t += 59_999;
      expect(await poller(await world.instance(), sender, clock).pollOnce()).toEqual({ sent: 0, failed: 0, abandoned: 0 });
      clock.t += 1;
      expect(await poller(await world.instance(), sender, clock).pollOnce()).toMatchObject({ sent: 1 });
    });

    test('when an instance claims a check-in and dies before acknowledging, then another sends it after the lease', async () => {
      const store = await world.instance();
      const job = await new FollowUpScheduler(store, clock).schedule({ personKey: 'p', reference: reference(1), delayMs: 0, locale: 'es' });
      const dead = await store.claimDue({ now: clock.now(), leaseMs: LEASE, limit: 10, maxAttempts: 3 });
      expect(dead.claimed.map((c) => c.job.id)).toEqual([job.id]);
      const sender = new RecordingSender();
      const survivor = poller(await world.instance(), sender, clock);
      clock.t += LEASE - 1;
      expect((await survivor.pollOnce()).sent).toBe(0);
      clock.t += 2;
      expect((await survivor.pollOnce()).sent).toBe(1);
      expect(sender.sent).toEqual([job.id]);
      expect(await store.ack(dead.claimed[0])).toBe(false); // the dead instance's late ack must not count
      clock.t += LEASE * 3;
      expect((await survivor.pollOnce()).sent).toBe(0);
    });

    test('when sending fails, then the check-in is retried after the lease and dropped after the last attempt', async () => {
      const scheduler = new FollowUpScheduler(await world.instance(), clock);
      await scheduler.schedule({ personKey: 'p', reference: reference(1), delayMs: 0, locale: 'en' });
      const sender = new RecordingSender();
      sender.failNext = 1;
      const p = poller(await world.instance(), sender, clock);
      expect(await p.pollOnce()).toMatchObject({ sent: 0, failed: 1 });
      clock.t += LEASE + 1;
      expect(await p.pollOnce()).toMatchObject({ sent: 1, failed: 0 });

      await scheduler.schedule({ personKey: 'q', reference: reference(2), delayMs: 0, locale: 'en' });
      sender.failNext = 3;
      const outcomes = [];
      for (let round = 0; round < 4; round += 1) { outcomes.push(await p.pollOnce()); clock.t += LEASE + 1; }
      expect(outcomes.map((o) => [o.failed, o.abandoned])).toEqual([[1, 0], [1, 0], [1, 0], [0, 1]]);
      expect(await scheduler.pendingFor('q')).toEqual([]);
    });

    test('when one check-in is cancelled, then it is never sent and the others are', async () => {
      const scheduler = new FollowUpScheduler(await world.instance(), clock);
      const keep = await scheduler.schedule({ personKey: 'p', reference: reference(1), delayMs: 10, locale: 'en' });
      const drop = await scheduler.schedule({ personKey: 'p', reference: reference(2), delayMs: 5, locale: 'en' });
      expect(await scheduler.cancel(drop.id)).toBe(true);
      expect(await scheduler.cancel(drop.id)).toBe(false);
      clock.t += 1000;
      const sender = new RecordingSender();
      await poller(await world.instance(), sender, clock).pollOnce();
      expect(sender.sent).toEqual([keep.id]);
    });

    test('when a person deletes their data, then all their check-ins go and other people keep theirs', async () => {
      const scheduler = new FollowUpScheduler(await world.instance(), clock);
      const later = await scheduler.schedule({ personKey: 'alex', reference: reference(1), delayMs: 86_400_000, locale: 'en', payload: { region: 'GB' } });
      const sooner = await scheduler.schedule({ personKey: 'alex', reference: reference(1), delayMs: 3_600_000, locale: 'en' });
      const other = await scheduler.schedule({ personKey: 'sam', reference: reference(2), delayMs: 3_600_000, locale: 'es' });
      expect((await scheduler.pendingFor('alex')).map((job) => job.id)).toEqual([sooner.id, later.id]);
      expect((await scheduler.pendingFor('alex'))[1].payload).toEqual({ region: 'GB' });
      expect(await scheduler.cancelAllFor('alex')).toBe(2);
      expect(await scheduler.pendingFor('alex')).toEqual([]);
      clock.t += 2 * 86_400_000;
      const sender = new RecordingSender();
      await poller(await world.instance(), sender, clock).pollOnce();
      expect(sender.sent).toEqual([other.id]);
    });
  });
}

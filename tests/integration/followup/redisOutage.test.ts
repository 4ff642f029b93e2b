import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Redis from 'ioredis';
import { FollowUpPoller } from '../../../bot/followup/followUpPoller';
import { FollowUpScheduler } from '../../../bot/followup/followUpScheduler';
import type { FollowUpJob } from '../../../bot/followup/followUpStore';
import { RedisFollowUpStore } from '../../../bot/followup/redisFollowUpStore';
import { RedisKeys } from '../../../bot/state/keys';
import { startTestRedis, type TestRedisServer } from '../../helpers/redisServer';

async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('follow-up poller while Redis goes away', () => {
  let dir: string;
  let server: TestRedisServer | undefined;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'pt-followup-outage-')); });
  afterEach(async () => { await server?.stop(); rmSync(dir, { recursive: true, force: true }); });

  test('when Redis stops and comes back, then the poller keeps running, logs the failures and sends the waiting check-in once', async () => {
    server = await startTestRedis({ persistDir: dir });
    const port = server.port;
    // The app's connection settings: fail commands fast, reconnect forever.
    const redis = new Redis(server.url, { maxRetriesPerRequest: 1, retryStrategy: () => 50, connectTimeout: 500 });
    redis.on('error', () => undefined);
    let now = 0;
    const clock = { now: () => now };
    const store = new RedisFollowUpStore(redis, { keys: new RedisKeys('pt-outage:') });
    const job = await new FollowUpScheduler(store, clock).schedule({
      personKey: 'p', reference: { serviceUrl: 'https://channel.test/', conversation: { id: 'c', isGroup: false, conversationType: 'personal', name: '' } }, delayMs: 60_000, locale: 'en',
    });
    const warnings: string[] = [];
    const sent: FollowUpJob[] = [];
    const poller = new FollowUpPoller({
      store, clock, intervalMs: 20,
      sender: { send: async (_reference, due) => { sent.push(due); } },
      logger: { info: () => undefined, error: () => undefined, warn: (message) => { warnings.push(message); } },
    });
    poller.start();

    await server.stop();
    now = 120_000; // the check-in falls due while Redis is away
    await until(() => warnings.filter((w) => w === 'followup.poll_failed').length >= 3, 'failed polls to be logged');
    expect(sent).toEqual([]);

    server = await startTestRedis({ persistDir: dir, port });
    await until(() => sent.length > 0, 'the check-in to be sent after Redis returned');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await poller.stop();
    expect(Date.now() - started).toBeLessThan(6000);
    expect(sent.map((s) => s.id)).toEqual([job.id]);
    await redis.quit();
  }, 30_000);
});

import { ActivityTypes, ConversationState, MemoryStorage, TestAdapter, type Storage, type TurnContext } from 'botbuilder';
import Redis from 'ioredis';
import { RedisKeys } from '../../../bot/state/keys';
import { RedisStorage } from '../../../bot/state/redisStorage';
import { InMemoryTurnLock, RedisTurnLock, type TurnLock } from '../../../bot/state/turnLock';
import { TurnSerializationMiddleware } from '../../../bot/state/turnSerializationMiddleware';
import { testRedisUrl, uniquePrefix } from '../../helpers/testRedis';

const quietLogger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

/** Runs `n` turns of one conversation at the same moment; each increments a counter after a small delay. */
async function concurrentIncrements(storage: Storage, lock: TurnLock | undefined, n: number): Promise<number> {
  const conversationState = new ConversationState(storage);
  const counter = conversationState.createProperty<number>('counter');
  const adapter = new TestAdapter(async (context: TurnContext) => {
    await conversationState.load(context);
    const value = await counter.get(context, 0);
    await new Promise((resolve) => setTimeout(resolve, 15)); // a turn that takes a moment, as real ones do
    await counter.set(context, value + 1);
    await conversationState.saveChanges(context);
  });
  if (lock) adapter.use(new TurnSerializationMiddleware(lock, quietLogger));
  const reference = TestAdapter.createConversation('same-conversation');
  await Promise.all(
    Array.from({ length: n }, (_, i) => adapter.processActivity({ type: ActivityTypes.Message, text: `m${i}`, ...reference, conversation: reference.conversation, from: reference.user, recipient: reference.bot })),
  );
  const check = new TestAdapter(async (context) => {
    await conversationState.load(context, true);
    await context.sendActivity(String(await counter.get(context, 0)));
  });
  await check.processActivity({ type: ActivityTypes.Message, text: 'read', conversation: reference.conversation, from: reference.user, recipient: reference.bot, channelId: reference.channelId, serviceUrl: reference.serviceUrl });
  return Number((check.activeQueue.at(-1) ?? { text: '-1' }).text);
}

describe('turns of one conversation', () => {
  let redis: Redis;
  beforeAll(() => { redis = new Redis(testRedisUrl()); });
  afterAll(async () => { await redis.quit(); });

  it('when two messages of one conversation arrive at once without serialisation, then an update is lost (the problem)', async () => {
    const storage = new RedisStorage(redis, { keys: new RedisKeys(uniquePrefix('nolock')), ttlSeconds: 60 });
    expect(await concurrentIncrements(storage, undefined, 2)).toBe(1);
  });

  it('when two messages arrive at once with the Redis turn lock, then both updates survive', async () => {
    const keys = new RedisKeys(uniquePrefix('lock'));
    const storage = new RedisStorage(redis, { keys, ttlSeconds: 60 });
    expect(await concurrentIncrements(storage, new RedisTurnLock(redis, keys), 2)).toBe(2);
  });

  it('when ten messages arrive at once with the Redis turn lock, then all ten updates survive', async () => {
    const keys = new RedisKeys(uniquePrefix('lock10'));
    const storage = new RedisStorage(redis, { keys, ttlSeconds: 60 });
    expect(await concurrentIncrements(storage, new RedisTurnLock(redis, keys), 10)).toBe(10);
  });

  it('when ten messages arrive at once in memory mode, then all ten updates survive', async () => {
    expect(await concurrentIncrements(new MemoryStorage(), new InMemoryTurnLock(), 10)).toBe(10);
  });
});

describe('RedisTurnLock', () => {
  let redis: Redis;
  beforeAll(() => { redis = new Redis(testRedisUrl()); });
  afterAll(async () => { await redis.quit(); });

  it('when a holder dies without releasing, then the lease expires and another instance gets the lock', async () => {
    const keys = new RedisKeys(uniquePrefix('lease'));
    const lock = new RedisTurnLock(redis, keys, { leaseMs: 200, maxWaitMs: 1000 });
    expect(await lock.acquire('c')).toBeDefined(); // never released: the instance "died"
    const started = Date.now();
    expect(await lock.acquire('c')).toBeDefined();
    expect(Date.now() - started).toBeGreaterThanOrEqual(150);
  });

  it('when a lease expired and someone else took the lock, then the old holder cannot release it', async () => {
    const keys = new RedisKeys(uniquePrefix('owner'));
    const lock = new RedisTurnLock(redis, keys, { leaseMs: 100, maxWaitMs: 1000 });
    const oldRelease = await lock.acquire('c');
    await new Promise((resolve) => setTimeout(resolve, 150));
    const newRelease = await lock.acquire('c');
    await oldRelease!();
    expect(await redis.exists(keys.turnLock('c'))).toBe(1);
    await newRelease!();
    expect(await redis.exists(keys.turnLock('c'))).toBe(0);
  });

  it('when the lock is busy past the wait limit, then acquire gives up instead of hanging', async () => {
    const keys = new RedisKeys(uniquePrefix('busy'));
    const lock = new RedisTurnLock(redis, keys, { leaseMs: 5000, maxWaitMs: 100 });
    await lock.acquire('c');
    expect(await lock.acquire('c')).toBeUndefined();
  });
});

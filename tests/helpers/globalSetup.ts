import { startTestRedis, type TestRedisServer } from './redisServer';

declare global {
  // eslint-disable-next-line no-var
  var __PT_TEST_REDIS__: TestRedisServer | undefined;
}

/**
 * Starts one redis-server for the whole run unless REDIS_TEST_URL is given.
 * Tests isolate themselves with a random key prefix (see testRedis.ts).
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.REDIS_TEST_URL) return;
  const server = await startTestRedis();
  globalThis.__PT_TEST_REDIS__ = server;
  process.env.REDIS_TEST_URL = server.url;
}

import { RedisConnection, redactRedisUrl } from '../../../bot/state/redisConnection';
import { startTestRedis } from '../../helpers/redisServer';

const quietLogger = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

async function eventually(check: () => Promise<boolean> | boolean, timeoutMs = 10000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('RedisConnection', () => {
  it('when Redis stops and comes back on the same port, then the client reports not ready, then reconnects by itself', async () => {
    let server = await startTestRedis();
    const port = server.port;
    const connection = new RedisConnection({ url: server.url, cluster: false }, quietLogger);
    try {
      await eventually(() => connection.ping());
      await connection.client.set('before', '1');
      await server.stop();
      await eventually(async () => !(await connection.ping()));
      await expect(connection.client.get('before')).rejects.toThrow();
      server = await startTestRedis({ port });
      await eventually(() => connection.ping());
      expect(await connection.client.set('after', '1')).toBe('OK');
    } finally {
      await connection.close();
      await connection.close();
      await server.stop();
    }
  });

  it('when the URL carries a password, then logs show it masked', () => {
    expect(redactRedisUrl('redis://user:s3cret@db.internal:6379/0')).toBe('redis://***@db.internal:6379/0');
    expect(redactRedisUrl('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });
});

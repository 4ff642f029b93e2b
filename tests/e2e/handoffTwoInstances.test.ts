import { randomUUID } from 'node:crypto';
import { startBotProcess, type BotProcess } from '../../bench/processes';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { CoordinatorClient } from '../helpers/coordinatorClient';
import { testRedisUrl, uniquePrefix } from '../helpers/testRedis';

describe('two bot processes sharing one Redis', () => {
  let channel: ChannelServer;
  let a: BotProcess;
  let b: BotProcess;

  beforeAll(async () => {
    channel = await new ChannelServer().start();
    const env = { REDIS_URL: testRedisUrl(), REDIS_KEY_PREFIX: uniquePrefix('two'), COORDINATOR_SHARED_SECRET: 'shared-secret-for-two-instances', LOG_LEVEL: 'error' };
    [a, b] = await Promise.all([startBotProcess('bot/index.ts', env), startBotProcess('bot/index.ts', env)]);
  }, 60000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await channel.stop();
  });

  it('when a risk message reaches instance A, then a coordinator on instance B sees it, claims and replies, and the reply reaches the channel', async () => {
    const coordinator = new CoordinatorClient(b.url);
    expect(await coordinator.signIn('Robin', 'shared-secret-for-two-instances')).toBe(200);
    const feed = coordinator.openFeed();
    await feed.waitFor((event) => event.event === 'snapshot');

    const conversationId = `conv-${randomUUID()}`;
    const sent = performance.now();
    const { status } = await postJson(`${a.url}/api/messages`, inboundActivity(channel.url, conversationId, { text: 'i am going to kill myself tonight' }));
    expect(status).toBe(200);
    const queued = await feed.waitFor((event) => event.event === 'queued' && event.data.case.conversationKey === `emulator:${conversationId}`);
    expect(queued.receivedAt - sent).toBeLessThan(5000);
    const caseId: string = queued.data.caseId;

    expect((await coordinator.call('POST', `/api/coordinator/cases/${caseId}/claim`)).status).toBe(200);
    expect((await coordinator.call('POST', `/api/coordinator/cases/${caseId}/messages`, { text: 'I am with you now.' })).status).toBe(200);
    await channel.waitFor(() => channel.forConversation(conversationId).some((r) => r.activity.text === 'Robin (peer supporter): I am with you now.'));

    // The person's next message goes to instance B this time and is still relayed, not answered by a dialog.
    await postJson(`${b.url}/api/messages`, inboundActivity(channel.url, conversationId, { text: 'thank you for coming' }));
    await feed.waitFor((event) => event.event === 'message' && event.data.line?.text === 'thank you for coming');
    feed.close();
  }, 60000);

  it('when instance A dies while a case is open, then the case is still there and claimable through B', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await postJson(`${a.url}/api/messages`, inboundActivity(channel.url, conversationId, { text: 'i took all my pills' }));
    await a.stop();
    const coordinator = new CoordinatorClient(b.url);
    await coordinator.signIn('Kim', 'shared-secret-for-two-instances');
    const cases = (await coordinator.call('GET', '/api/coordinator/cases')).body.cases as Array<{ id: string; conversationKey: string; level: string }>;
    const found = cases.find((item) => item.conversationKey === `emulator:${conversationId}`)!;
    expect(found.level).toBe('imminent');
    expect((await coordinator.call('POST', `/api/coordinator/cases/${found.id}/claim`)).status).toBe(200);
    await channel.waitFor(() => channel.forConversation(conversationId).some((r) => /Kim from the peer-support team has joined/.test(r.activity.text ?? '')));
  }, 60000);
});

import { randomUUID } from 'node:crypto';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { startBot, type BotUnderTest } from '../helpers/botUnderTest';
import { CoordinatorClient } from '../helpers/coordinatorClient';

describe('hand-off to a coordinator, end to end over HTTP', () => {
  let channel: ChannelServer;
  let bot: BotUnderTest;
  let sam: CoordinatorClient;

  beforeAll(async () => {
    channel = await new ChannelServer().start();
    bot = await startBot({ COORDINATOR_SHARED_SECRET: 'a-long-team-secret-for-tests', HANDOFF_CLAIM_TIMEOUT_SECONDS: '600' });
    sam = new CoordinatorClient(bot.url);
    expect(await sam.signIn('Sam', 'a-long-team-secret-for-tests')).toBe(200);
  });
  afterAll(async () => {
    await bot.stop();
    await channel.stop();
  });

  const send = (conversationId: string, text: string): Promise<{ status: number }> =>
    postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, conversationId, { text }));
  const messages = (conversationId: string): string[] =>
    channel.forConversation(conversationId).filter((r) => r.activity.type === 'message').map((r) => r.activity.text ?? '');

  it('when a person at risk writes, then a coordinator sees the case live, claims it, talks, documents and closes it', async () => {
    const feed = sam.openFeed();
    await feed.waitFor((event) => event.event === 'snapshot');
    const conversationId = `conv-${randomUUID()}`;
    await send(conversationId, 'hi');
    await send(conversationId, "i've been saving up my pills and i'm going to take them tonight");

    const queued = await feed.waitFor((event) => event.event === 'queued' && event.data.case.conversationKey === `emulator:${conversationId}`);
    const caseId: string = queued.data.caseId;
    expect(queued.data.case.level).toBe('imminent');
    expect(queued.data.case.evidence.map((e: { excerpt: string }) => e.excerpt).join(' ')).toMatch(/saving up my pills/);
    expect(queued.data.case.context.map((line: { text: string }) => line.text)).toEqual(['hi', "i've been saving up my pills and i'm going to take them tonight"]);
    expect(messages(conversationId).join('\n')).toMatch(/bringing in a person/);

    const list = await sam.call('GET', '/api/coordinator/cases');
    expect(list.body.cases.map((c: { id: string }) => c.id)).toContain(caseId);

    expect((await sam.call('POST', `/api/coordinator/cases/${caseId}/claim`, { displayName: 'Sam' })).status).toBe(200);
    await channel.waitFor(() => messages(conversationId).some((text) => /Sam from the peer-support team has joined/.test(text)));

    expect((await sam.call('POST', `/api/coordinator/cases/${caseId}/messages`, { text: "I'm here with you. Are the pills near you right now?" })).status).toBe(200);
    await channel.waitFor(() => messages(conversationId).some((text) => text.startsWith('Sam (peer supporter): I\'m here with you')));
    const fromCoordinator = channel.forConversation(conversationId).find((r) => (r.activity.text ?? '').startsWith('Sam (peer supporter)'))!;
    expect(fromCoordinator.activity.channelData).toEqual({ peerTriage: { from: 'coordinator', name: 'Sam' } });
    expect(fromCoordinator.activity.from).toMatchObject({ name: 'Sam', role: 'user' });

    const repliesBefore = channel.forConversation(conversationId).length;
    await send(conversationId, 'yes they are in the kitchen');
    await feed.waitFor((event) => event.event === 'message' && event.data.line?.text === 'yes they are in the kitchen');
    expect(channel.forConversation(conversationId).length).toBe(repliesBefore); // relayed, no bot reply

    expect((await sam.call('POST', `/api/coordinator/cases/${caseId}/notes`, { text: 'Means in the kitchen; agreed to move them to a neighbour.' })).status).toBe(200);
    const detail = await sam.call('GET', `/api/coordinator/cases/${caseId}`);
    expect(detail.body.transcript.map((line: { from: string }) => line.from)).toEqual(['coordinator', 'person']);
    expect(detail.body.case.status).toBe('active');

    const closed = await sam.call('POST', `/api/coordinator/cases/${caseId}/close`, { outcome: 'resolved', note: 'Safety plan agreed.' });
    expect(closed.status).toBe(200);
    await channel.waitFor(() => messages(conversationId).some((text) => /Sam has left the conversation/.test(text)));
    await channel.waitFor(() => messages(conversationId).some((text) => /safety plan/.test(text)));
    const audit = (await sam.call('GET', `/api/coordinator/cases/${caseId}`)).body.audit.map((entry: { type: string }) => entry.type);
    expect(audit).toEqual(['queued', 'claimed', 'active', 'note', 'note', 'closed']);

    // Back with the bot: the next message gets a bot reply again, and the case is no longer in the queue.
    const before = messages(conversationId).length;
    await send(conversationId, 'thank you');
    await channel.waitFor(() => messages(conversationId).length > before);
    expect((await sam.call('GET', '/api/coordinator/cases')).body.cases.map((c: { id: string }) => c.id)).not.toContain(caseId);
    feed.close();
  });

  it('when the person asks for a human, then a lower-priority case opens behind risk cases', async () => {
    const risky = `conv-${randomUUID()}`;
    const asking = `conv-${randomUUID()}`;
    await send(asking, 'hello');
    await send(asking, 'can I talk to a real person please');
    await send(risky, 'i want to kill myself');
    await channel.waitFor(() => messages(asking).some((text) => /asking a person from our peer-support team/.test(text)));
    const cases = (await sam.call('GET', '/api/coordinator/cases')).body.cases as Array<{ conversationKey: string; reason: string; level: string }>;
    const order = cases.map((item) => item.conversationKey);
    const requested = cases.find((item) => item.conversationKey === `emulator:${asking}`)!;
    expect(requested).toMatchObject({ reason: 'person_request', level: 'low' });
    expect(order.indexOf(`emulator:${risky}`)).toBeLessThan(order.indexOf(`emulator:${asking}`));
    const buttonPress = `conv-${randomUUID()}`;
    await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, buttonPress, { text: 'Talk to a person', value: { command: 'talk_to_person' } }));
    await channel.waitFor(() => messages(buttonPress).some((text) => /asking a person/.test(text)));
  });

  it('when a coordinator takes over a conversation the team had closed, then the person is told a person joined and their messages are relayed again', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await send(conversationId, 'i want to die');
    const first = await waitForCase(sam, `emulator:${conversationId}`);
    await sam.call('POST', `/api/coordinator/cases/${first}/claim`);
    await sam.call('POST', `/api/coordinator/cases/${first}/close`, { outcome: 'referred' });
    expect((await sam.call('POST', `/api/coordinator/cases/${first}/takeover`, { displayName: 'Sam' })).status).toBe(200);
    await channel.waitFor(() => messages(conversationId).filter((text) => /Sam from the peer-support team has joined/.test(text)).length === 2);
    const before = channel.forConversation(conversationId).length;
    await send(conversationId, 'oh hi again');
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(channel.forConversation(conversationId).length).toBe(before);
    const open = (await sam.call('GET', '/api/coordinator/cases')).body.cases.find((item: { conversationKey: string }) => item.conversationKey === `emulator:${conversationId}`);
    expect(open).toMatchObject({ reason: 'coordinator_takeover', status: 'claimed', coordinator: 'team:Sam' });
    expect((await sam.call('POST', `/api/coordinator/cases/${open.id}/takeover`)).status).toBe(409);
  });

  it('when two coordinators claim the same case at once, then exactly one wins', async () => {
    const alex = new CoordinatorClient(bot.url);
    await alex.signIn('Alex', 'a-long-team-secret-for-tests');
    const conversationId = `conv-${randomUUID()}`;
    await send(conversationId, 'i want to kill myself');
    const caseId = await waitForCase(sam, `emulator:${conversationId}`);
    const results = await Promise.all([sam.call('POST', `/api/coordinator/cases/${caseId}/claim`), alex.call('POST', `/api/coordinator/cases/${caseId}/claim`)]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });

  it('when a second trigger comes in the same conversation, then the open case is raised, not duplicated', async () => {
    const conversationId = `conv-${randomUUID()}`;
    await send(conversationId, "I can't go on");
    await send(conversationId, 'everyone would be better off without me');
    const caseId = await waitForCase(sam, `emulator:${conversationId}`);
    await send(conversationId, 'i took all my pills');
    const cases = (await sam.call('GET', '/api/coordinator/cases')).body.cases.filter((c: { conversationKey: string }) => c.conversationKey === `emulator:${conversationId}`);
    expect(cases).toHaveLength(1);
    expect(cases[0].id).toBe(caseId);
  });

  it('when requests come without a session or from another site, then they are refused', async () => {
    for (const [method, path] of [['GET', '/api/coordinator/cases'], ['GET', '/api/coordinator/cases/x'], ['POST', '/api/coordinator/cases/x/claim'], ['POST', '/api/coordinator/cases/x/messages'], ['POST', '/api/coordinator/cases/x/notes'], ['POST', '/api/coordinator/cases/x/transfer'], ['POST', '/api/coordinator/cases/x/close'], ['GET', '/api/coordinator/events'], ['GET', '/api/coordinator/me'], ['DELETE', '/api/coordinator/session']] as const) {
      const response = await fetch(`${bot.url}${path}`, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'POST' ? '{}' : undefined });
      expect([path, response.status]).toEqual([path, 401]);
    }
    const signIn = await fetch(`${bot.url}/api/coordinator/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Mallory', password: 'a-long-team-secret-for-tests' }) });
    const cookie = signIn.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const crossSite = await fetch(`${bot.url}/api/coordinator/cases/x/notes`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: cookie.split(';')[0]!, Origin: 'https://evil.example' }, body: JSON.stringify({ text: 'x' }),
    });
    expect(crossSite.status).toBe(403);
    expect((await fetch(`${bot.url}/api/coordinator/cases`, { headers: { Cookie: cookie.split(';')[0]! } })).status).toBe(200);
  });

  it('when a session id was planted before sign-in, then sign-in issues a fresh one and the planted one is worthless', async () => {
    const planted = 'attacker-chosen-session-id';
    const signIn = await fetch(`${bot.url}/api/coordinator/session`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', Cookie: `pt_session=${planted}` }, body: JSON.stringify({ name: 'Noor', password: 'a-long-team-secret-for-tests' }),
    });
    const issued = /pt_session=([^;]+)/.exec(signIn.headers.get('set-cookie') ?? '')?.[1];
    expect(issued).toBeDefined();
    expect(issued).not.toBe(planted);
    expect((await fetch(`${bot.url}/api/coordinator/me`, { headers: { Cookie: `pt_session=${planted}` } })).status).toBe(401);
    expect((await fetch(`${bot.url}/api/coordinator/me`, { headers: { Cookie: `pt_session=${issued}` } })).status).toBe(200);
    // Signing out ends the session everywhere.
    await fetch(`${bot.url}/api/coordinator/session`, { method: 'DELETE', headers: { Cookie: `pt_session=${issued}`, Origin: bot.url } });
    expect((await fetch(`${bot.url}/api/coordinator/me`, { headers: { Cookie: `pt_session=${issued}` } })).status).toBe(401);
  });

  it('when someone guesses passwords, then sign-in is rate limited and nothing about the password is logged', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const response = await fetch(`${bot.url}/api/coordinator/session`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ name: 'Eve', password: `guess-number-${i}` }) });
      statuses.push(response.status);
    }
    // Ten attempts a minute per address (earlier sign-ins in this file used some): then 429, never a 5xx.
    const firstRefused = statuses.indexOf(429);
    expect(firstRefused).toBeGreaterThanOrEqual(5);
    expect(statuses.slice(0, firstRefused).every((status) => status === 401)).toBe(true);
    expect(statuses.slice(firstRefused).every((status) => status === 429)).toBe(true);
    expect(bot.logs.lines.join('\n')).not.toMatch(/guess-number|a-long-team-secret/);
  });
});

async function waitForCase(client: CoordinatorClient, conversationKey: string): Promise<string> {
  const deadline = Date.now() + 10000;
  for (;;) {
    const cases = (await client.call('GET', '/api/coordinator/cases')).body.cases as Array<{ id: string; conversationKey: string }>;
    const found = cases.find((c) => c.conversationKey === conversationKey);
    if (found) return found.id;
    if (Date.now() > deadline) throw new Error('no case');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('hand-off when no coordinator is signed in', () => {
  it('when a person at risk writes, then they are told honestly that no one is online, with the contacts', async () => {
    const channel = await new ChannelServer().start();
    const bot = await startBot({ DEFAULT_REGION: 'AU' });
    try {
      const conversationId = `conv-${randomUUID()}`;
      await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, conversationId, { text: 'i want to die', locale: 'en-AU' }));
      await channel.waitFor(() => channel.forConversation(conversationId).some((r) => /no one from the team is online/.test(r.activity.text ?? '')));
      const all = channel.forConversation(conversationId).map((r) => r.activity.text ?? '').join('\n');
      expect(all).toContain('000');
      expect(all).toContain('13 11 14');
    } finally {
      await bot.stop();
      await channel.stop();
    }
  });
});

describe('a case nobody claims', () => {
  it('when no one claims it in time, then the person is told honestly with the contacts, and the case is marked escalated and re-announced', async () => {
    const channel = await new ChannelServer().start();
    const bot = await startBot({ HANDOFF_CLAIM_TIMEOUT_SECONDS: '5', COORDINATOR_SHARED_SECRET: 'escalation-secret-for-tests' });
    try {
      const watcher = new CoordinatorClient(bot.url);
      await watcher.signIn('Watcher', 'escalation-secret-for-tests');
      const feed = watcher.openFeed();
      const conversationId = `conv-${randomUUID()}`;
      await postJson(`${bot.url}/api/messages`, inboundActivity(channel.url, conversationId, { text: 'i have a noose ready' }));
      const escalated = await feed.waitFor((event) => event.event === 'escalated', 15000);
      expect(escalated.data.case.escalated).toBe(true);
      await channel.waitFor(() => channel.forConversation(conversationId).some((r) => /no one from the team has been able to join yet/.test(r.activity.text ?? '')));
      feed.close();
    } finally {
      await bot.stop();
      await channel.stop();
    }
  }, 30000);
});

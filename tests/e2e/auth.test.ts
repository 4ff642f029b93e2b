import { randomUUID } from 'node:crypto';
import { ChannelServer, inboundActivity, postJson } from '../helpers/channelServer';
import { startBot, type BotUnderTest } from '../helpers/botUnderTest';
import { attackerKey, BotFrameworkAuthStandIn } from '../helpers/botFrameworkAuthStandIn';

describe('with Azure Bot credentials configured, /api/messages', () => {
  const appId = '00000000-0000-0000-0000-00000000b0b0';
  let channel: ChannelServer;
  let signer: BotFrameworkAuthStandIn;
  let bot: BotUnderTest;

  beforeAll(async () => {
    channel = await new ChannelServer().start();
    signer = await new BotFrameworkAuthStandIn().start();
    bot = await startBot({
      MicrosoftAppId: appId,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppType: 'MultiTenant',
      BOT_OPENID_METADATA_URL: signer.metadataUrl,
    });
  });
  afterAll(async () => {
    await bot.stop();
    await signer.stop();
    await channel.stop();
  });

  const activity = (): Record<string, unknown> => inboundActivity(channel.url, `conv-${randomUUID()}`, { text: 'hello' });
  const send = (headers: Record<string, string>): Promise<number> =>
    postJson(`${bot.url}/api/messages`, activity(), headers).then((r) => r.status);

  it('when a request carries a token signed by the channel for this bot, then it is accepted', async () => {
    expect(await send({ Authorization: `Bearer ${signer.token({ audience: appId, serviceUrl: channel.url })}` })).toBe(200);
  });

  it('when a request carries no token, then it is refused with 401', async () => {
    expect(await send({})).toBe(401);
  });

  it('when a token is signed by a key the channel never published, then it is refused with 401', async () => {
    const forged = signer.token({ audience: appId, serviceUrl: channel.url }, attackerKey());
    expect(await send({ Authorization: `Bearer ${forged}` })).toBe(401);
  });

  it('when a genuine token was issued for another bot, then it is refused with 401', async () => {
    expect(await send({ Authorization: `Bearer ${signer.token({ audience: 'some-other-bot', serviceUrl: channel.url })}` })).toBe(401);
  });

  it('when a token names a different serviceUrl than the activity, then it is refused with 401', async () => {
    expect(await send({ Authorization: `Bearer ${signer.token({ audience: appId, serviceUrl: 'http://evil.example' })}` })).toBe(401);
  });

  it('when the token is garbage, then it is refused with 401', async () => {
    expect(await send({ Authorization: 'Bearer not.a.jwt' })).toBe(401);
  });
});

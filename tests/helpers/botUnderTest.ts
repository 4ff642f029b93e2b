import { createApp, type AppOverrides } from '../../bot/app';
import { loadConfig, type AppConfig } from '../../bot/config';
import { createLogger } from '../../bot/logger';
import { startServer, type RunningServer } from '../../bot/server';
import { CapturingTransport } from './capturingTransport';
import { ChannelServer } from './channelServer';

export { CapturingTransport };


export interface BotUnderTest {
  readonly url: string;
  readonly config: AppConfig;
  readonly logs: CapturingTransport;
  readonly running: RunningServer;
  stop(): Promise<void>;
}

/** Starts the real app and server in this process on a free port, with JSON logs captured. */
export async function startBot(env: Record<string, string> = {}, overrides: AppOverrides = {}): Promise<BotUnderTest> {
  const config = loadConfig({ NODE_ENV: 'test', PORT: '0', HOST: '127.0.0.1', LOG_FORMAT: 'json', LOG_LEVEL: 'debug', ...env });
  const logs = new CapturingTransport();
  const logger = createLogger({ ...config.log, transports: [logs] });
  const app = await createApp(config, logger, overrides);
  const running = await startServer({ config, logger, ...app });
  return {
    url: running.url,
    config,
    logs,
    running,
    async stop() {
      await running.stop();
      await app.close();
    },
  };
}

/** A bot and a channel stand-in for a whole describe block: started before it, stopped after it. */
export function useBotAndChannel(env: Record<string, string> = {}): { readonly bot: BotUnderTest; readonly channel: ChannelServer } {
  const fixture = {} as { bot: BotUnderTest; channel: ChannelServer };
  beforeAll(async () => {
    fixture.channel = await new ChannelServer().start();
    fixture.bot = await startBot(env);
  });
  afterAll(async () => {
    await fixture.bot?.stop();
    await fixture.channel?.stop();
  });
  return fixture;
}

import { ConfigError, loadConfig } from '../../bot/config';

describe('loadConfig', () => {
  it('when nothing is configured, then the bot runs on safe defaults with in-memory state', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.redis.url).toBeUndefined();
    expect(config.risk.handoffThreshold).toBe('high');
    expect(config.botAuth.appId).toBeUndefined();
    expect(config.log.format).toBe('pretty');
    expect(Object.isFrozen(config)).toBe(true);
  });

  it('when NODE_ENV is production, then logs are JSON lines and cookies are secure', () => {
    const config = loadConfig({ NODE_ENV: 'production' });
    expect(config.log.format).toBe('json');
    expect(config.coordinator.secureCookies).toBe(true);
  });

  const bad: Array<[Record<string, string>, string]> = [
    [{ PORT: 'eighty' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STATE_TTL_SECONDS: '5' }, 'STATE_TTL_SECONDS'],
    [{ RISK_HANDOFF_THRESHOLD: 'none' }, 'RISK_HANDOFF_THRESHOLD'],
    [{ RISK_HANDOFF_THRESHOLD: 'severe' }, 'RISK_HANDOFF_THRESHOLD'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ REDIS_URL: 'http://localhost:6379' }, 'REDIS_URL'],
    [{ REDIS_CLUSTER: 'maybe' }, 'REDIS_CLUSTER'],
    [{ MicrosoftAppId: 'abc' }, 'MicrosoftAppPassword'],
    [{ MicrosoftAppId: 'abc', MicrosoftAppPassword: 'p', MicrosoftAppType: 'SingleTenant' }, 'MicrosoftAppTenantId'],
    [{ LUIS_APP_ID: 'x' }, 'LUIS_APP_ID'],
    [{ TWILIO_ACCOUNT_SID: 'AC1' }, 'TWILIO_ACCOUNT_SID'],
    [{ LUIS_ENDPOINT: 'not a url', LUIS_APP_ID: 'a', LUIS_KEY: 'k' }, 'LUIS_ENDPOINT'],
    [{ DEFAULT_REGION: 'USA' }, 'DEFAULT_REGION'],
    [{ SELF_HOSTED_CONNECTOR_SECRET: 'short' }, 'SELF_HOSTED_CONNECTOR_SECRET'],
  ];

  it.each(bad)('when %j is set, then start-up stops with an error naming %s', (env, variable) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^Configuration: ${variable} `));
  });

  it('when a value has surrounding spaces or is empty, then it is trimmed or treated as unset', () => {
    const config = loadConfig({ PORT: ' 4000 ', REDIS_URL: '  ', DEFAULT_REGION: 'gb' });
    expect(config.port).toBe(4000);
    expect(config.redis.url).toBeUndefined();
    expect(config.defaultRegion).toBe('GB');
  });
});

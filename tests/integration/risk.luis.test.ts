import { join } from 'node:path';
import { CircuitBreaker } from '../../bot/risk/circuitBreaker';
import { createEmbeddedAssessor } from '../../bot/risk/createAssessor';
import { LuisRecognizer } from '../../bot/risk/luisRecognizer';
import { IntentMap } from '../../bot/risk/remoteRecognizer';
import { RiskService } from '../../bot/risk/riskService';
import { LuisStandIn } from '../helpers/luisStandIn';

const resources = join(__dirname, '..', '..', 'resources');
const embedded = createEmbeddedAssessor(resources);
const intents = IntentMap.load(join(resources, 'luis', 'intents.json'));
const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

describe('LUIS behind the embedded assessor', () => {
  let luis: LuisStandIn;
  let now = 0;
  let breaker: CircuitBreaker;
  let service: RiskService;

  beforeAll(async () => { luis = await new LuisStandIn().start(); });
  afterAll(async () => { await luis.stop(); });
  beforeEach(() => {
    luis.requests.length = 0;
    now = 0;
    breaker = new CircuitBreaker('luis', { failureThreshold: 3, resetAfterMs: 10000, now: () => now });
    const recognizer = new LuisRecognizer({ appId: '3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c', endpoint: luis.url, key: 'stand-in-key', slot: 'production' }, intents);
    service = new RiskService({ embedded, remote: recognizer, remoteTimeoutMs: 300, breaker, logger: quiet });
  });

  it('when LUIS sees risk the lexicon misses, then the level is raised and the match says it came from LUIS', async () => {
    luis.behaviour = { kind: 'answer', intents: { SuicidePlan: 0.92, None: 0.05 } };
    const verdict = await service.assess('it is all arranged for friday', 'en');
    expect(verdict.level).toBe('high');
    expect(verdict.matches.some((match) => match.source === 'luis' && match.ruleId === 'luis.SuicidePlan')).toBe(true);
    expect(luis.requests[0]).toMatchObject({ key: 'stand-in-key', query: 'it is all arranged for friday' });
    expect(luis.requests[0]!.path).toMatch(/^\/luis\/prediction\/v3\.0\/apps\/3f1d2c4b-5a6e-4f70-8b9c-0d1e2f3a4b5c\/slots\/production\/predict/);
  });

  it('when LUIS says nothing is wrong, then it cannot lower the embedded verdict', async () => {
    luis.behaviour = { kind: 'answer', intents: { None: 0.99 } };
    expect((await service.assess('i want to kill myself', 'en')).level).toBe('high');
  });

  it('when LUIS scores below the minimum, then it adds nothing', async () => {
    luis.behaviour = { kind: 'answer', intents: { Suicide: 0.2 } };
    expect((await service.assess('nice weather today', 'en')).level).toBe('none');
  });

  it('when LUIS is slower than the timeout, then the embedded verdict comes back on time', async () => {
    luis.behaviour = { kind: 'slow', delayMs: 2000 };
    const started = Date.now();
    const verdict = await service.assess('i want to kill myself', 'en');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(verdict.level).toBe('high');
    expect(verdict.matches.every((match) => match.source === 'lexicon')).toBe(true);
  });

  it('when LUIS keeps failing, then the circuit opens and no more calls are made until it half-opens', async () => {
    luis.behaviour = { kind: 'fail', status: 500 };
    for (let i = 0; i < 3; i += 1) expect((await service.assess('kms', 'en')).level).toBe('high');
    expect(breaker.state).toBe('open');
    const callsWhenOpened = luis.requests.length;
    await service.assess('kms', 'en');
    await service.assess('hello', 'en');
    expect(luis.requests.length).toBe(callsWhenOpened);

    now += 10001;
    expect(breaker.state).toBe('half-open');
    luis.behaviour = { kind: 'answer', intents: { None: 0.9 } };
    await service.assess('hello', 'en');
    expect(luis.requests.length).toBe(callsWhenOpened + 1);
    expect(breaker.state).toBe('closed');
  });
});

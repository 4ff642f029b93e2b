import { CircuitBreaker, CircuitOpenError } from '../../../bot/risk/circuitBreaker';
import type { RemoteRecognizer, RemoteVerdict } from '../../../bot/risk/remoteRecognizer';
import { RiskService } from '../../../bot/risk/riskService';
import type { RiskAssessment, RiskAssessor, RiskLevel } from '../../../bot/risk/riskTypes';

const quiet = { error: () => undefined, warn: () => undefined, info: () => undefined, debug: () => undefined };

const verdictAt = (level: RiskLevel, source: 'lexicon' | 'luis'): RiskAssessment => ({
  level,
  categories: level === 'none' ? [] : ['ideation_active'],
  matches: level === 'none' ? [] : [{ ruleId: `${source}.r`, category: 'ideation_active', level, span: [0, 1], excerpt: 'x', source }],
});

const embeddedAt = (level: RiskLevel): RiskAssessor => ({ assess: () => verdictAt(level, 'lexicon') });

/** A remote recognizer whose answer the test decides; remembers whether it was told to give up. */
class ScriptedRemote implements RemoteRecognizer {
  readonly name = 'scripted';
  calls = 0;
  aborted = false;
  constructor(private readonly answer: (signal: AbortSignal) => Promise<RemoteVerdict>) {}
  recognize(_text: string, _locale: string, signal: AbortSignal): Promise<RemoteVerdict> {
    this.calls += 1;
    signal.addEventListener('abort', () => { this.aborted = true; });
    return this.answer(signal);
  }
}

describe('RiskService', () => {
  const table: Array<[RiskLevel, RiskLevel, RiskLevel]> = [
    ['none', 'high', 'high'],
    ['high', 'none', 'high'],
    ['moderate', 'imminent', 'imminent'],
    ['imminent', 'low', 'imminent'],
  ];
  it.each(table)('when the embedded verdict is %s and the remote says %s in time, then the result is %s', async (embedded, remote, expected) => {
    const service = new RiskService({
      embedded: embeddedAt(embedded),
      remote: new ScriptedRemote(async () => ({ assessment: verdictAt(remote, 'luis'), commands: [] })),
      remoteTimeoutMs: 200,
      logger: quiet,
    });
    expect((await service.assess('text', 'en')).level).toBe(expected);
  });

  it('when the remote never answers, then the embedded verdict comes back at the timeout and the remote is told to stop', async () => {
    const remote = new ScriptedRemote(() => new Promise<RemoteVerdict>(() => undefined));
    const service = new RiskService({ embedded: embeddedAt('high'), remote, remoteTimeoutMs: 50, logger: quiet });
    const started = performance.now();
    const verdict = await service.assess('text', 'en');
    expect(performance.now() - started).toBeLessThan(500);
    expect(verdict.level).toBe('high');
    expect(remote.aborted).toBe(true);
  });

  it('when the remote throws, then the embedded verdict stands and a warning names the error class', async () => {
    const warnings: Array<Record<string, unknown> | undefined> = [];
    const service = new RiskService({
      embedded: embeddedAt('moderate'),
      remote: new ScriptedRemote(async () => { throw new TypeError('bad json'); }),
      remoteTimeoutMs: 200,
      logger: { ...quiet, warn: (_message, meta) => warnings.push(meta) },
    });
    expect((await service.assess('text', 'en')).level).toBe('moderate');
    expect(warnings[0]?.errorClass).toBe('TypeError');
  });

  it('when no remote is configured, then the embedded verdict is returned as is', async () => {
    const service = new RiskService({ embedded: embeddedAt('low'), remoteTimeoutMs: 200, logger: quiet });
    expect((await service.assess('text', 'en')).level).toBe('low');
  });
});

describe('CircuitBreaker', () => {
  const failing = async (): Promise<never> => { throw new Error('down'); };

  it('when failures reach the threshold, then it opens; after the pause one trial is let through; a failed trial opens it again', async () => {
    let now = 1000;
    const breaker = new CircuitBreaker('dep', { failureThreshold: 2, resetAfterMs: 5000, now: () => now });
    await expect(breaker.run(failing)).rejects.toThrow('down');
    expect(breaker.state).toBe('closed');
    await expect(breaker.run(failing)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');
    await expect(breaker.run(async () => 'ok')).rejects.toBeInstanceOf(CircuitOpenError);

    now += 5000;
    expect(breaker.state).toBe('half-open');
    await expect(breaker.run(failing)).rejects.toThrow('down');
    expect(breaker.state).toBe('open');

    now += 5000;
    await expect(breaker.run(async () => 'ok')).resolves.toBe('ok');
    expect(breaker.state).toBe('closed');
  });

  it('when half-open, then only one trial call runs at a time', async () => {
    let now = 0;
    const breaker = new CircuitBreaker('dep', { failureThreshold: 1, resetAfterMs: 10, now: () => now });
    await expect(breaker.run(failing)).rejects.toThrow('down');
    now = 10;
    let release: (value: string) => void = () => undefined;
    const trial = breaker.run(() => new Promise<string>((resolve) => { release = resolve; }));
    await expect(breaker.run(async () => 'second')).rejects.toBeInstanceOf(CircuitOpenError);
    release('first');
    await expect(trial).resolves.toBe('first');
    expect(breaker.state).toBe('closed');
  });

  it('when a success comes between failures, then the count starts again', async () => {
    const breaker = new CircuitBreaker('dep', { failureThreshold: 2, resetAfterMs: 10, now: () => 0 });
    await expect(breaker.run(failing)).rejects.toThrow();
    await breaker.run(async () => 'ok');
    await expect(breaker.run(failing)).rejects.toThrow();
    expect(breaker.state).toBe('closed');
  });
});

import { RateLimiter } from '../../../bot/http/rateLimiter';

describe('RateLimiter', () => {
  const clockAt = (start = 0): { now: () => number; advance: (ms: number) => void } => {
    let time = start;
    return { now: () => time, advance: (ms) => { time += ms; } };
  };

  it('when a person sends a burst up to the limit, then every message passes', () => {
    const limiter = new RateLimiter(30, clockAt());
    for (let i = 0; i < 30; i += 1) expect(limiter.tryTake('conv')).toBe(true);
  });

  it('when a key goes past the limit, then it is refused until tokens refill, and other keys are unaffected', () => {
    const clock = clockAt();
    const limiter = new RateLimiter(60, clock);
    for (let i = 0; i < 60; i += 1) limiter.tryTake('flood');
    expect(limiter.tryTake('flood')).toBe(false);
    expect(limiter.retryAfterSeconds('flood')).toBe(1);
    expect(limiter.tryTake('someone-else')).toBe(true);
    clock.advance(1000);
    expect(limiter.tryTake('flood')).toBe(true);
    expect(limiter.tryTake('flood')).toBe(false);
  });

  it('when a fast typist sends one message a second for ten minutes, then none is refused at 120 per minute', () => {
    const clock = clockAt();
    const limiter = new RateLimiter(120, clock);
    for (let i = 0; i < 600; i += 1) {
      expect(limiter.tryTake('typist')).toBe(true);
      clock.advance(1000);
    }
  });
});

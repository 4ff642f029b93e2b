import { CoordinatorConfigError, CoordinatorDirectory, InMemorySessionStore } from '../../../bot/coordinator/coordinatorAuth';
import { overviewFrom } from '../../../bot/coordinator/overview';
import { hashPassword, verifyPassword } from '../../../bot/coordinator/passwordHash';
import type { HandoffCase } from '../../../bot/handoff/handoffCase';
import type { HandoffEvent } from '../../../bot/handoff/handoffStore';

describe('coordinator sign-in', () => {
  it('when a password is hashed, then only that password verifies, and the hash does not contain it', async () => {
    const hash = await hashPassword('correct horse battery');
    expect(hash).toMatch(/^scrypt\$[\w-]+\$[\w-]+$/);
    expect(hash).not.toContain('correct');
    expect(await verifyPassword('correct horse battery', hash)).toBe(true);
    expect(await verifyPassword('correct horse batterY', hash)).toBe(false);
    expect(await verifyPassword('anything', 'plain-text-password')).toBe(false);
  });

  it('when accounts are configured, then each signs in with its own password and nobody else does', async () => {
    const directory = new CoordinatorDirectory(`sam:${await hashPassword('sam-password-1')},kim:${await hashPassword('kim-password-2')}`, undefined);
    expect(await directory.authenticate('sam', 'sam-password-1')).toEqual({ id: 'sam', displayName: 'sam' });
    expect(await directory.authenticate('sam', 'kim-password-2')).toBeUndefined();
    expect(await directory.authenticate('eve', 'sam-password-1')).toBeUndefined();
  });

  it('when a shared team secret is configured, then any reasonable display name signs in with it', async () => {
    const directory = new CoordinatorDirectory(undefined, 'team-secret-of-some-length');
    expect(await directory.authenticate('Ana María', 'team-secret-of-some-length')).toEqual({ id: 'team:Ana María', displayName: 'Ana María' });
    expect(await directory.authenticate('Ana', 'wrong')).toBeUndefined();
    expect(await directory.authenticate('<script>', 'team-secret-of-some-length')).toBeUndefined();
  });

  it('when nothing is configured, then nobody can sign in', async () => {
    const directory = new CoordinatorDirectory(undefined, undefined);
    expect(directory.configured).toBe(false);
    expect(await directory.authenticate('sam', '')).toBeUndefined();
  });

  it('when an account entry holds a plain password, then start-up refuses it', () => {
    expect(() => new CoordinatorDirectory('sam:hunter2', undefined)).toThrow(CoordinatorConfigError);
  });

  it('when a session is destroyed or unknown, then it no longer authenticates', async () => {
    const sessions = new InMemorySessionStore(60);
    const token = await sessions.create({ id: 'sam', displayName: 'Sam' });
    expect(await sessions.find(token)).toEqual({ id: 'sam', displayName: 'Sam' });
    await sessions.destroy(token);
    expect(await sessions.find(token)).toBeUndefined();
    expect(await sessions.find('made-up')).toBeUndefined();
  });
});

describe('overview', () => {
  const at = (iso: string): string => new Date(iso).toISOString();
  const item = (id: string, level: HandoffCase['level'], status: HandoffCase['status'], createdAt: string, extra: Partial<HandoffCase> = {}): HandoffCase => ({
    id, conversationKey: id, reference: {}, channelId: 'web', locale: 'en', region: 'US', reason: 'risk', level, categories: [], evidence: [], context: [],
    status, createdAt, updatedAt: createdAt, triggerReceivedAt: 0, escalated: false, notes: [], ...extra,
  });
  const event = (type: HandoffEvent['type'], when: string, caseValue: HandoffCase): HandoffEvent => ({ id: when, type, caseId: caseValue.id, at: when, actor: 'x', case: caseValue });

  it('when cases were claimed and closed today, then the median wait and the outcomes are counted, and yesterday is not', () => {
    const now = new Date('2026-11-23T12:00:00Z');
    const open = [item('a', 'imminent', 'queued', at('2026-11-23T11:59:00Z')), item('b', 'high', 'active', at('2026-11-23T10:00:00Z'))];
    const events = [
      event('claimed', at('2026-11-23T10:02:00Z'), item('b', 'high', 'claimed', at('2026-11-23T10:00:00Z'), { claimedAt: at('2026-11-23T10:02:00Z') })),
      event('claimed', at('2026-11-23T09:06:00Z'), item('c', 'high', 'claimed', at('2026-11-23T09:00:00Z'), { claimedAt: at('2026-11-23T09:06:00Z') })),
      event('closed', at('2026-11-23T09:30:00Z'), item('c', 'high', 'closed', at('2026-11-23T09:00:00Z'), { outcome: 'referred' })),
      event('closed', at('2026-11-22T09:30:00Z'), item('d', 'high', 'closed', at('2026-11-22T09:00:00Z'), { outcome: 'resolved' })),
    ];
    expect(overviewFrom(open, events, now)).toEqual({
      openByLevel: { imminent: 1, high: 1 }, queued: 1, medianMinutesToClaimToday: 4, claimedToday: 2, closedTodayByOutcome: { referred: 1 },
    });
  });
});

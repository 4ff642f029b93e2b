import { ALLOWED_FROM, applyAction, CaseTransitionError, type CaseAction } from '../../../bot/handoff/caseStateMachine';
import { HANDOFF_STATUSES, queueScore, type HandoffCase, type HandoffStatus } from '../../../bot/handoff/handoffCase';

const base: HandoffCase = {
  id: 'c1', conversationKey: 'web:1', reference: {}, channelId: 'web', locale: 'en', region: 'US', reason: 'risk', level: 'high',
  categories: [], evidence: [], context: [], status: 'queued', createdAt: '2026-11-23T00:00:00Z', updatedAt: '2026-11-23T00:00:00Z',
  triggerReceivedAt: 0, escalated: false, notes: [],
};
const at = (status: HandoffStatus, extra: Partial<HandoffCase> = {}): HandoffCase => ({ ...base, status, coordinator: 'sam', ...extra });
const now = new Date('2026-11-23T01:00:00Z');

const actions: CaseAction[] = [
  { type: 'raise', level: 'imminent' },
  { type: 'claim', coordinator: 'sam', coordinatorName: 'Sam' },
  { type: 'coordinatorMessage', coordinator: 'sam' },
  { type: 'transfer', from: 'sam', to: 'alex', toName: 'Alex' },
  { type: 'escalate' },
  { type: 'close', coordinator: 'sam', outcome: 'resolved' },
  { type: 'expire' },
];

describe('case state machine', () => {
  const table = actions.flatMap((action) => HANDOFF_STATUSES.map((status) => [action.type, status, ALLOWED_FROM[action.type].includes(status)] as const));
  it.each(table)('when %s is applied to a %s case, then it is allowed: %s', (type, status, allowed) => {
    const action = actions.find((candidate) => candidate.type === type)!;
    const run = (): unknown => applyAction(at(status), action, now);
    if (allowed) expect(run).not.toThrow();
    else expect(run).toThrow(CaseTransitionError);
  });

  it('when a queued case is claimed, then it records who and when', () => {
    expect(applyAction(at('queued', { coordinator: undefined }), actions[1]!, now)).toMatchObject({ status: 'claimed', coordinator: 'sam', coordinatorName: 'Sam', claimedAt: now.toISOString() });
  });

  it('when the coordinator first writes, then a claimed case becomes active', () => {
    expect(applyAction(at('claimed'), actions[2]!, now).status).toBe('active');
  });

  it('when someone else writes to, transfers or closes a held case, then it is refused', () => {
    for (const action of [{ type: 'coordinatorMessage', coordinator: 'eve' }, { type: 'transfer', from: 'eve', to: 'x', toName: 'X' }, { type: 'close', coordinator: 'eve', outcome: 'resolved' }] as CaseAction[]) {
      expect(() => applyAction(at('active'), action, now)).toThrow(/only the coordinator who holds the case/);
    }
  });

  it('when an open case is raised, then the level never goes down', () => {
    expect(applyAction(at('queued', { level: 'imminent' }), { type: 'raise', level: 'moderate' }, now).level).toBe('imminent');
    expect(applyAction(at('queued', { level: 'moderate' }), { type: 'raise', level: 'high' }, now).level).toBe('high');
  });

  it('when cases are queued, then higher risk comes first, then the longest wait', () => {
    const order = [queueScore('high', 2000), queueScore('imminent', 3000), queueScore('high', 1000), queueScore('moderate', 0)];
    expect([...order].sort((a, b) => a - b)).toEqual([order[1], order[2], order[0], order[3]]);
  });
});

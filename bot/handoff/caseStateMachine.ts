import { maxRiskLevel, type RiskLevel } from '../risk/riskTypes';
import type { CloseOutcome, HandoffCase, HandoffStatus } from './handoffCase';

/** Something a person, the bot or a coordinator does to a case. */
export type CaseAction =
  | { type: 'raise'; level: RiskLevel }
  | { type: 'claim'; coordinator: string; coordinatorName: string }
  | { type: 'coordinatorMessage'; coordinator: string }
  | { type: 'transfer'; from: string; to: string; toName: string }
  | { type: 'escalate' }
  | { type: 'close'; coordinator: string; outcome: CloseOutcome }
  | { type: 'expire' };

/** A refused change, with the reason a client can show. */
export class CaseTransitionError extends Error {
  constructor(readonly code: 'not_allowed' | 'not_owner', message: string) {
    super(message);
    this.name = 'CaseTransitionError';
  }
}

/** Which statuses each action may start from. */
export const ALLOWED_FROM: Readonly<Record<CaseAction['type'], readonly HandoffStatus[]>> = {
  raise: ['queued', 'claimed', 'active'],
  claim: ['queued'],
  coordinatorMessage: ['claimed', 'active'],
  transfer: ['claimed', 'active'],
  escalate: ['queued'],
  close: ['queued', 'claimed', 'active'],
  expire: ['queued', 'claimed', 'active'],
};

/**
 * The case lifecycle, pure: queued → claimed → active → closed (or expired). Returns the changed fields;
 * the store applies them atomically after checking the status is still one this action may start from.
 */
export function applyAction(current: HandoffCase, action: CaseAction, now: Date): Partial<HandoffCase> {
  if (!ALLOWED_FROM[action.type].includes(current.status)) {
    throw new CaseTransitionError('not_allowed', `cannot ${action.type} a case that is ${current.status}`);
  }
  const at = now.toISOString();
  switch (action.type) {
    case 'raise':
      return { level: maxRiskLevel(current.level, action.level), updatedAt: at };
    case 'claim':
      return { status: 'claimed', coordinator: action.coordinator, coordinatorName: action.coordinatorName, claimedAt: at, updatedAt: at };
    case 'coordinatorMessage':
      if (current.coordinator !== action.coordinator) throw new CaseTransitionError('not_owner', 'only the coordinator who holds the case can write to the person');
      return current.status === 'claimed' ? { status: 'active', updatedAt: at } : { updatedAt: at };
    case 'transfer':
      if (current.coordinator !== action.from) throw new CaseTransitionError('not_owner', 'only the coordinator who holds the case can transfer it');
      return { coordinator: action.to, coordinatorName: action.toName, updatedAt: at };
    case 'escalate':
      return { escalated: true, escalatedAt: at, updatedAt: at };
    case 'close':
      if (current.status !== 'queued' && current.coordinator !== action.coordinator) {
        throw new CaseTransitionError('not_owner', 'only the coordinator who holds the case can close it');
      }
      return { status: 'closed', outcome: action.outcome, closedAt: at, updatedAt: at, coordinator: current.coordinator ?? action.coordinator };
    case 'expire':
      return { status: 'expired', closedAt: at, updatedAt: at };
  }
}

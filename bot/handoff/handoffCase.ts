import type { RiskCategory, RiskLevel } from '../risk/riskTypes';

export const HANDOFF_STATUSES = ['queued', 'claimed', 'active', 'closed', 'expired'] as const;
export type HandoffStatus = (typeof HANDOFF_STATUSES)[number];

/** Why a person is being brought to a human; risk and acute screening first, a plain request last. */
export type HandoffReason = 'risk' | 'screening_acute' | 'screening_non_acute' | 'person_request' | 'coordinator_takeover';

export const CLOSE_OUTCOMES = ['resolved', 'referred', 'emergency_services_contacted', 'no_response'] as const;
export type CloseOutcome = (typeof CLOSE_OUTCOMES)[number];

/** What made the risk verdict: rules and the words they matched, so a coordinator sees why. */
export interface CaseEvidence {
  readonly ruleId: string;
  readonly category: RiskCategory;
  readonly level: RiskLevel;
  readonly excerpt: string;
}

export interface TranscriptLine {
  readonly from: 'person' | 'bot' | 'coordinator';
  readonly name?: string;
  readonly text: string;
  readonly at: string;
}

export interface CaseNote {
  readonly by: string;
  readonly at: string;
  readonly text: string;
}

/** A hand-off case, kept in Redis; `reference` is the Bot Framework conversation reference for proactive replies. */
export interface HandoffCase {
  readonly id: string;
  readonly conversationKey: string;
  readonly reference: Record<string, unknown>;
  readonly channelId: string;
  readonly locale: string;
  readonly region: string;
  readonly reason: HandoffReason;
  readonly level: RiskLevel;
  readonly categories: readonly RiskCategory[];
  readonly evidence: readonly CaseEvidence[];
  /** Screening answers as the dialogs kept them, for the coordinator. */
  readonly screening?: unknown;
  /** The person's last few messages before the hand-off. */
  readonly context: readonly TranscriptLine[];
  readonly status: HandoffStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** When the message that started the hand-off reached the bot (ms since epoch), for the trigger-to-visible time. */
  readonly triggerReceivedAt: number;
  readonly claimedAt?: string;
  readonly closedAt?: string;
  readonly coordinator?: string;
  readonly coordinatorName?: string;
  readonly escalated: boolean;
  readonly escalatedAt?: string;
  readonly outcome?: CloseOutcome;
  readonly notes: readonly CaseNote[];
}

/** Ordering of the queue: higher risk first, then who has waited longest. */
export function queueScore(level: RiskLevel, createdAtMs: number): number {
  const rank = ['none', 'low', 'moderate', 'high', 'imminent'].indexOf(level);
  // Redis sorted sets order ascending: more urgent levels get lower scores; within a level, earlier first.
  return (4 - rank) * 1e13 + createdAtMs;
}

export function isOpen(status: HandoffStatus): boolean {
  return status === 'queued' || status === 'claimed' || status === 'active';
}

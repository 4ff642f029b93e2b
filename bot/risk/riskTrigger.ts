import type { TurnContext } from 'botbuilder';
import type { ConversationRiskState } from './conversationRisk';
import type { RiskAssessment } from './riskTypes';

/** What the risk middleware knows when a person may be at risk. */
export interface RiskTrigger {
  /** This message's own verdict. */
  readonly assessment: RiskAssessment;
  /** The conversation's risk after this message. */
  readonly conversation: ConversationRiskState;
  /** False for the turn that first took the conversation over the threshold; true for later risk messages. */
  readonly repeat: boolean;
}

/** What happens when risk reaches the hand-off threshold: the hand-off entry point. */
export interface RiskTriggerHandler {
  /** 'stop' means no dialog runs this turn. */
  onRiskTrigger(context: TurnContext, trigger: RiskTrigger): Promise<'stop' | 'continue'>;
  /** The message could not be assessed: the person still gets crisis contacts. */
  onAssessmentFailure(context: TurnContext): Promise<void>;
}

/** Where the turn's verdict is kept for later middleware and dialogs. */
export const RISK_TURN_STATE_KEY = Symbol('peerTriage.risk');

export interface TurnRisk {
  readonly assessment: RiskAssessment;
  readonly conversation: ConversationRiskState;
  /** True when this turn started (or re-raised) a hand-off. */
  readonly triggered: boolean;
}

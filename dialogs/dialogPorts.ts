import type { TurnContext } from 'botbuilder';
import type { RiskLevel } from '../bot/risk/riskTypes';
import type { ScreeningOutcome } from './screening/screeningScore';

/** Why a dialog asks for a person. */
export type HandoffReason = 'screening_acute' | 'screening_non_acute' | 'person_request';

/** Screening answers kept for the coordinator, in a shape a hand-off case can copy as is. */
export interface ScreeningRecord {
  readonly outcome: ScreeningOutcome;
  readonly answers: Readonly<Record<string, 'yes' | 'no' | 'declined'>>;
  readonly completedAt: string;
}

/** Asks the hand-off service for a person (the real one lives in bot/handoff). */
export interface HandoffRequester {
  requestHandoff(
    context: TurnContext,
    request: { reason: HandoffReason; level: RiskLevel; screening?: ScreeningRecord },
  ): Promise<void>;
}

/** Crisis contacts for the person's region, rendered for the channel. */
export interface CrisisContactsProvider {
  render(context: TurnContext, locale: string, style: 'rich' | 'plain'): string;
}

/** One entry a referral can show. */
export interface FoundResource {
  readonly name: string;
  readonly contact: string;
}

/** The resource directory, as the referral dialog needs it. */
export interface ResourceFinder {
  match(query: { needs: readonly string[]; language: string; region: string }): Promise<readonly FoundResource[]>;
}

/** Follow-up check-ins. */
export interface CheckInScheduler {
  schedule(context: TurnContext, at: Date): Promise<void>;
  /** Resolves to whether a check-in was cancelled. */
  cancel(context: TurnContext): Promise<boolean>;
}

/** Deletes everything kept about the person; resolves to the names of what was deleted. */
export interface DataEraser {
  eraseAllFor(context: TurnContext): Promise<readonly string[]>;
}

/** Everything the dialogs need from the rest of the bot, passed once through MainDialog's constructor. */
export interface DialogServices {
  readonly handoff: HandoffRequester;
  readonly crisisContacts: CrisisContactsProvider;
  readonly resources: ResourceFinder;
  readonly checkIns: CheckInScheduler;
  readonly eraser: DataEraser;
}

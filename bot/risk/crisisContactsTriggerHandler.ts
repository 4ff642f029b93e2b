import type { TurnContext } from 'botbuilder';
import type { Phrasebook } from '../resources/phrasebook';
import type { RiskTrigger, RiskTriggerHandler } from './riskTrigger';

/** Crisis contacts for the person in this turn, as text for their channel. */
export interface CrisisContactsRenderer {
  render(context: TurnContext): string;
}

/**
 * The hand-off entry point's safety net: replies at once with a calm message and crisis contacts and stops
 * the dialog. The hand-off service wraps this (see bot/handoff) so the person gets these contacts even when
 * nothing else works.
 */
export class CrisisContactsTriggerHandler implements RiskTriggerHandler {
  constructor(private readonly phrasebook: Phrasebook, private readonly contacts: CrisisContactsRenderer) {}

  async onRiskTrigger(context: TurnContext, _trigger: RiskTrigger): Promise<'stop' | 'continue'> {
    const locale = this.phrasebook.resolveLocale(context.activity.locale);
    await context.sendActivity(
      `${this.phrasebook.text('risk.safetyMessage', locale)} ${this.phrasebook.text('risk.reachNow', locale)}\n\n${this.contacts.render(context)}`,
    );
    return 'stop';
  }

  async onAssessmentFailure(context: TurnContext): Promise<void> {
    const locale = this.phrasebook.resolveLocale(context.activity.locale);
    await context.sendActivity(`${this.phrasebook.text('risk.assessmentFailed', locale)}\n\n${this.contacts.render(context)}`);
  }
}

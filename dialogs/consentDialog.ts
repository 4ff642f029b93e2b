import { ChoicePrompt, ComponentDialog, ListStyle, WaterfallDialog, type WaterfallStepContext, type DialogTurnResult, type FoundChoice } from 'botbuilder-dialogs';
import type { Phrasebook } from '../bot/resources/phrasebook';
import { localeOf } from './dialogLocale';

export interface ConsentOptions {
  /** How long the person's data is kept, told to them before they agree. */
  readonly retentionDays: number;
}

/**
 * First contact: says plainly what the bot is and is not, what is kept, that a person is always available,
 * and asks whether to go on. Ends with `true` when the person agrees.
 */
export class ConsentDialog extends ComponentDialog {
  static readonly id = 'consentDialog';
  private static readonly promptId = 'consentDialog.choice';
  private static readonly waterfallId = 'consentDialog.waterfall';

  constructor(private readonly phrasebook: Phrasebook, private readonly options: ConsentOptions) {
    super(ConsentDialog.id);
    this.addDialog(new ChoicePrompt(ConsentDialog.promptId));
    this.addDialog(
      new WaterfallDialog(ConsentDialog.waterfallId, [this.introduceAndAsk.bind(this), this.recordAnswer.bind(this)]),
    );
    this.initialDialogId = ConsentDialog.waterfallId;
  }

  private async introduceAndAsk(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const locale = localeOf(step.context, this.phrasebook);
    const say = (key: string): string => this.phrasebook.text(key, locale, { retentionDays: this.options.retentionDays });
    await step.context.sendActivity(`${say('core.greeting')} ${say('core.disclosure')}`);
    return step.prompt(ConsentDialog.promptId, {
      prompt: say('core.consentPrompt'),
      retryPrompt: say('core.consentRetry'),
      choices: [
        { value: 'yes', action: { type: 'imBack', title: say('core.consentYes'), value: say('core.consentYes') }, synonyms: [say('core.consentYes'), ...this.phrasebook.variants('core.consentYesSynonyms', locale)] },
        { value: 'no', action: { type: 'imBack', title: say('core.consentNo'), value: say('core.consentNo') }, synonyms: [say('core.consentNo'), ...this.phrasebook.variants('core.consentNoSynonyms', locale)] },
      ],
      style: ListStyle.suggestedAction,
    });
  }

  private async recordAnswer(step: WaterfallStepContext): Promise<DialogTurnResult> {
    const agreed = (step.result as FoundChoice).value === 'yes';
    if (!agreed) {
      await step.context.sendActivity(this.phrasebook.text('core.declined', localeOf(step.context, this.phrasebook)));
    }
    return step.endDialog(agreed);
  }
}

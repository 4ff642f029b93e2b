import { ComponentDialog, TextPrompt, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { Phrasebook } from '../bot/resources/phrasebook';
import { localeOf } from './dialogLocale';

/**
 * A simple open conversation: an open question, then an empathic listening reply to each message.
 * Loops by replacing itself so the dialog stack never grows.
 */
export class OpenConversationDialog extends ComponentDialog {
  static readonly id = 'openConversationDialog';
  private static readonly promptId = 'openConversationDialog.text';
  private static readonly waterfallId = 'openConversationDialog.waterfall';

  constructor(private readonly phrasebook: Phrasebook) {
    super(OpenConversationDialog.id);
    this.addDialog(new TextPrompt(OpenConversationDialog.promptId));
    this.addDialog(new WaterfallDialog(OpenConversationDialog.waterfallId, [this.ask.bind(this), this.listen.bind(this)]));
    this.initialDialogId = OpenConversationDialog.waterfallId;
  }

  private async ask(step: WaterfallStepContext<{ followUp?: boolean }>): Promise<DialogTurnResult> {
    const locale = localeOf(step.context, this.phrasebook);
    const key = step.options?.followUp ? 'core.listening' : 'core.openQuestion';
    return step.prompt(OpenConversationDialog.promptId, { prompt: this.phrasebook.text(key, locale) });
  }

  private async listen(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.replaceDialog(OpenConversationDialog.id, { followUp: true });
  }
}

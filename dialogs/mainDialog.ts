import { ComponentDialog, DialogSet, DialogTurnStatus, WaterfallDialog, type DialogTurnResult, type WaterfallStepContext } from 'botbuilder-dialogs';
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import type { Phrasebook } from '../bot/resources/phrasebook';
import { ConsentDialog, type ConsentOptions } from './consentDialog';
import { OpenConversationDialog } from './openConversationDialog';

/**
 * The conversation a person has with the bot: consent first, then the supportive conversation.
 * Later dialogs (screening, listening, coping, safety plan, referral, follow-up) slot in after consent.
 */
export class MainDialog extends ComponentDialog {
  static readonly id = 'mainDialog';
  private static readonly waterfallId = 'mainDialog.waterfall';

  constructor(phrasebook: Phrasebook, options: ConsentOptions) {
    super(MainDialog.id);
    this.addDialog(new ConsentDialog(phrasebook, options));
    this.addDialog(new OpenConversationDialog(phrasebook));
    this.addDialog(new WaterfallDialog(MainDialog.waterfallId, [this.askConsent.bind(this), this.talk.bind(this)]));
    this.initialDialogId = MainDialog.waterfallId;
  }

  /** Continues the active dialog, or starts this one. */
  async run(context: TurnContext, accessor: StatePropertyAccessor<DialogState>): Promise<void> {
    const dialogSet = new DialogSet(accessor);
    dialogSet.add(this);
    const dialogContext = await dialogSet.createContext(context);
    const result = await dialogContext.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dialogContext.beginDialog(this.id);
  }

  private async askConsent(step: WaterfallStepContext): Promise<DialogTurnResult> {
    return step.beginDialog(ConsentDialog.id);
  }

  private async talk(step: WaterfallStepContext): Promise<DialogTurnResult> {
    if (step.result !== true) return step.endDialog();
    return step.beginDialog(OpenConversationDialog.id);
  }
}

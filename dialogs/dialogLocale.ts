import type { TurnContext } from 'botbuilder';
import type { Phrasebook } from '../bot/resources/phrasebook';

/** The key under which a turn's chosen locale is kept in `turnState` (set by the bot before dialogs run). */
export const TURN_LOCALE_KEY = Symbol('peerTriage.locale');

/** The supported locale for this turn: the one the bot chose for the person, else the channel's. */
export function localeOf(context: TurnContext, phrasebook: Phrasebook): string {
  const chosen = context.turnState.get(TURN_LOCALE_KEY) as string | undefined;
  return chosen ?? phrasebook.resolveLocale(context.activity.locale);
}

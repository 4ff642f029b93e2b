import { join } from 'node:path';
import { AutoSaveStateMiddleware, ConversationState, MemoryStorage, UserState, type CloudAdapter, type Storage } from 'botbuilder';
import { MainDialog } from '../dialogs/mainDialog';
import { createAdapter } from './adapter';
import type { AppConfig } from './config';
import type { Logger } from './logger';
import { PeerTriageBot } from './peerTriageBot';
import { Phrasebook } from './resources/phrasebook';
import type { Readiness, RouteModule, TurnHandler } from './server';

/** Where the editable resources live (wording, lexicons, directory). */
export const RESOURCES_DIR = join(__dirname, '..', 'resources');

/** Everything the server needs, built and wired in one place. */
export interface App {
  readonly adapter: CloudAdapter;
  readonly bot: TurnHandler;
  readonly readiness: Readiness;
  readonly routes: readonly RouteModule[];
  /** Stops background work and closes connections. Safe to call twice. */
  close(): Promise<void>;
}

export interface AppOverrides {
  /** A storage to use instead of the one the configuration selects (tests). */
  readonly storage?: Storage;
}

/** The composition root: the only place that wires concrete parts together. */
export async function createApp(config: AppConfig, logger: Logger, overrides: AppOverrides = {}): Promise<App> {
  const phrasebook = Phrasebook.load(join(RESOURCES_DIR, 'locales'));
  const storage = overrides.storage ?? new MemoryStorage();
  const conversationState = new ConversationState(storage);
  const userState = new UserState(storage);

  const adapter = createAdapter(config, logger, (context) =>
    phrasebook.text('core.turnError', phrasebook.resolveLocale(context.activity?.locale)),
  );
  adapter.use(new AutoSaveStateMiddleware(conversationState, userState));

  const mainDialog = new MainDialog(phrasebook, { retentionDays: Math.round(config.stateTtlSeconds / 86400) });
  const bot = new PeerTriageBot({ conversationState, mainDialog, phrasebook });

  return {
    adapter,
    bot,
    readiness: { check: async () => ({ ready: true, checks: { storage: true } }) },
    routes: [],
    close: async () => undefined,
  };
}

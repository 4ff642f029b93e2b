import { join } from 'node:path';
import { ActivityTypes, AutoSaveStateMiddleware, ConversationState, MemoryStorage, TestAdapter, type Activity, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { Logger } from '../../../bot/logger';
import { Phrasebook } from '../../../bot/resources/phrasebook';
import type { ConversationRiskState } from '../../../bot/risk/conversationRisk';
import { createEmbeddedAssessor } from '../../../bot/risk/createAssessor';
import { CrisisContactsTriggerHandler } from '../../../bot/risk/crisisContactsTriggerHandler';
import { RiskMiddleware, type MessageAssessor } from '../../../bot/risk/riskMiddleware';
import { RISK_TURN_STATE_KEY, type RiskTrigger, type RiskTriggerHandler, type TurnRisk } from '../../../bot/risk/riskTrigger';
import type { RiskLevel } from '../../../bot/risk/riskTypes';

const resources = join(__dirname, '../../../resources');
const assessor = createEmbeddedAssessor(resources);
const phrasebook = Phrasebook.load(join(resources, 'locales'));
const realAssess: MessageAssessor = async (text, locale) => assessor.assess(text, locale);

interface Logged {
  readonly level: string;
  readonly message: string;
  readonly meta: Record<string, unknown>;
}

function capturingLogger(lines: Logged[]): Logger {
  const push = (level: string) => (message: string, meta: Record<string, unknown> = {}) => lines.push({ level, message, meta });
  return { error: push('error'), warn: push('warn'), info: push('info'), debug: push('debug') };
}

/** Records what the middleware asked of the hand-off. */
class RecordingHandler implements RiskTriggerHandler {
  readonly triggers: RiskTrigger[] = [];
  failures = 0;
  constructor(private readonly decision: 'stop' | 'continue' = 'stop') {}
  async onRiskTrigger(context: TurnContext, trigger: RiskTrigger): Promise<'stop' | 'continue'> {
    this.triggers.push(trigger);
    await context.sendActivity('HANDOFF');
    return this.decision;
  }
  async onAssessmentFailure(context: TurnContext): Promise<void> {
    this.failures += 1;
    await context.sendActivity('CONTACTS');
  }
}

interface Harness {
  readonly adapter: TestAdapter;
  readonly dialogTurns: string[];
  readonly turnRisks: (TurnRisk | undefined)[];
  readonly logs: Logged[];
}

function harness(options: { handler: RiskTriggerHandler; assess?: MessageAssessor; threshold?: RiskLevel; state?: StatePropertyAccessor<ConversationRiskState> }): Harness {
  const dialogTurns: string[] = [];
  const turnRisks: (TurnRisk | undefined)[] = [];
  const logs: Logged[] = [];
  const conversationState = new ConversationState(new MemoryStorage());
  const adapter = new TestAdapter(async (context) => {
    dialogTurns.push(context.activity.text ?? '(card)');
    turnRisks.push(context.turnState.get(RISK_TURN_STATE_KEY) as TurnRisk | undefined);
    await context.sendActivity('DIALOG');
  });
  adapter.use(new AutoSaveStateMiddleware(conversationState));
  adapter.use(
    new RiskMiddleware({
      assess: options.assess ?? realAssess,
      state: options.state ?? conversationState.createProperty<ConversationRiskState>('risk'),
      handler: options.handler,
      threshold: options.threshold ?? 'high',
      logger: capturingLogger(logs),
    }),
  );
  return { adapter, dialogTurns, turnRisks, logs };
}

const contactsRenderer = { render: (context: TurnContext) => `CONTACTS[${context.activity.locale ?? 'en'}]` };

describe('RiskMiddleware', () => {
  it('when a message carries no risk, then the dialog runs and the turn records a none verdict', async () => {
    const handler = new RecordingHandler();
    const h = harness({ handler });
    await h.adapter.send('I had a long day at work and want to talk').assertReply('DIALOG');
    expect(handler.triggers).toHaveLength(0);
    expect(h.turnRisks[0]?.assessment.level).toBe('none');
    expect(h.turnRisks[0]?.triggered).toBe(false);
  });

  it('when a message reaches the threshold, then the handler is called before any dialog and "stop" keeps the dialog from running', async () => {
    const handler = new RecordingHandler('stop');
    const h = harness({ handler });
    await h.adapter.send('i am going to kill myself tonight').assertReply('HANDOFF');
    expect(h.dialogTurns).toHaveLength(0);
    expect(handler.triggers[0]?.assessment.level).toMatch(/high|imminent/);
    expect(handler.triggers[0]?.repeat).toBe(false);
  });

  it('when the handler answers "continue", then the dialog still runs after it and can read the verdict', async () => {
    const handler = new RecordingHandler('continue');
    const h = harness({ handler });
    await h.adapter.send('i want to die').assertReply('HANDOFF').assertReply('DIALOG');
    expect(h.turnRisks[0]?.triggered).toBe(true);
  });

  it('when a later risk message arrives in a conversation already over the threshold, then the trigger is marked as a repeat', async () => {
    const handler = new RecordingHandler('stop');
    const h = harness({ handler });
    await h.adapter.send('i am going to kill myself tonight').assertReply('HANDOFF').send('i have the pills right here').assertReply('HANDOFF');
    expect(handler.triggers.map((trigger) => trigger.repeat)).toEqual([false, true]);
  });

  it('when two moderate messages come in one conversation, then the second one triggers at the conversation level', async () => {
    const handler = new RecordingHandler('stop');
    const assess: MessageAssessor = async () => ({
      level: 'moderate',
      categories: ['ideation_passive'],
      matches: [{ ruleId: 'test.moderate', category: 'ideation_passive', level: 'moderate', span: [0, 1], excerpt: 'x', source: 'lexicon' }],
    });
    const h = harness({ handler, assess });
    await h.adapter.send('first').assertReply('DIALOG').send('second').assertReply('HANDOFF');
    expect(handler.triggers).toHaveLength(1);
    expect(handler.triggers[0]?.assessment.level).toBe('moderate');
    expect(handler.triggers[0]?.conversation.level).toBe('high');
  });

  it('when the risk is only inside a card submission value, then it is still assessed', async () => {
    const handler = new RecordingHandler('stop');
    const h = harness({ handler });
    const card: Partial<Activity> = { type: ActivityTypes.Message, value: { feeling: { answer: 'I want to end my life' } } };
    await h.adapter.send(card).assertReply('HANDOFF');
    expect(h.dialogTurns).toHaveLength(0);
  });

  it('when the assessor throws, then the person gets crisis contacts, the dialog still runs, and the log names the error class but not the text', async () => {
    const handler = new RecordingHandler('stop');
    const assess: MessageAssessor = async () => {
      throw new RangeError('boom');
    };
    const h = harness({ handler, assess });
    await h.adapter.send('my secret words').assertReply('CONTACTS').assertReply('DIALOG');
    expect(handler.failures).toBe(1);
    const errorLine = h.logs.find((line) => line.level === 'error');
    expect(errorLine?.meta.errorClass).toBe('RangeError');
    expect(JSON.stringify(h.logs)).not.toContain('secret');
  });

  it('when conversation state cannot be read, then the message alone still triggers the hand-off', async () => {
    const handler = new RecordingHandler('stop');
    const broken: StatePropertyAccessor<ConversationRiskState> = {
      get: async () => {
        throw new Error('redis down');
      },
      set: async () => undefined,
      delete: async () => undefined,
    };
    const h = harness({ handler, state: broken });
    await h.adapter.send('kms tonight').assertReply('HANDOFF');
    expect(h.logs.some((line) => line.level === 'error' && /state unavailable/.test(line.message))).toBe(true);
  });

  it('when a non-message activity arrives, then it is not assessed and passes through', async () => {
    let called = 0;
    const handler = new RecordingHandler('stop');
    const h = harness({ handler, assess: async () => { called += 1; throw new Error('must not be called'); } });
    await h.adapter.send({ type: ActivityTypes.ConversationUpdate, text: 'kill myself' } as Partial<Activity>).assertReply('DIALOG');
    expect(called).toBe(0);
  });
});

describe('CrisisContactsTriggerHandler', () => {
  it.each([
    ['en', 'i want to kill myself', /your safety/i],
    ['es', 'me quiero matar', /tu seguridad/i],
  ])('when a %s risk message reaches the threshold, then one calm reply with contacts comes back and no dialog runs', async (locale, text, safety) => {
    const h = harness({ handler: new CrisisContactsTriggerHandler(phrasebook, contactsRenderer) });
    await h.adapter
      .send({ type: ActivityTypes.Message, text, locale } as Partial<Activity>)
      .assertReply((reply) => {
        expect(reply.text).toMatch(safety);
        expect(reply.text).toContain(`CONTACTS[${locale}]`);
      });
    expect(h.dialogTurns).toHaveLength(0);
  });

  it('when the contacts renderer throws, then the reply still carries an emergency number', async () => {
    const broken = { render: (): string => { throw new Error('directory missing'); } };
    const h = harness({ handler: new CrisisContactsTriggerHandler(phrasebook, broken) });
    await h.adapter.send('i want to kill myself').assertReply((reply) => expect(reply.text).toMatch(/911|112|999/));
  });

  it('when assessment fails, then the fallback reply carries the contacts', async () => {
    const h = harness({
      handler: new CrisisContactsTriggerHandler(phrasebook, contactsRenderer),
      assess: async () => { throw new TypeError('lexicon gone'); },
    });
    await h.adapter.send('hello').assertReply((reply) => expect(reply.text).toContain('CONTACTS[')).assertReply('DIALOG');
  });
});

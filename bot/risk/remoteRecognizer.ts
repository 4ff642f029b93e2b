import { readFileSync } from 'node:fs';
import { isRiskLevel, RISK_CATEGORIES, type RiskAssessment, type RiskCategory, type RiskLevel } from './riskTypes';

/** What a remote language service adds to the embedded verdict: risk it sees, and commands it understood. */
export interface RemoteVerdict {
  readonly assessment: RiskAssessment;
  /** Commands the person asked for ("talk_to_person", "find_help", "stop"). */
  readonly commands: readonly string[];
}

/**
 * A remote recognizer (LUIS today; Azure CLU, its successor, behind the same interface). It may only add
 * to the embedded verdict, and its slowness or failure never delays it (see RiskService).
 */
export interface RemoteRecognizer {
  readonly name: string;
  recognize(text: string, locale: string, signal: AbortSignal): Promise<RemoteVerdict>;
}

type IntentMapping = { category: RiskCategory; level: RiskLevel } | { command: string };

/** Maps intent names and scores onto verdicts, from `resources/luis/intents.json`. */
export class IntentMap {
  private constructor(private readonly minimumScore: number, private readonly intents: ReadonlyMap<string, IntentMapping>) {}

  static load(path: string): IntentMap {
    const raw = JSON.parse(readFileSync(path, 'utf8')) as { minimumScore?: unknown; intents?: Record<string, Record<string, unknown>> };
    const minimumScore = typeof raw.minimumScore === 'number' ? raw.minimumScore : 0.5;
    const intents = new Map<string, IntentMapping>();
    for (const [name, mapping] of Object.entries(raw.intents ?? {})) {
      if (typeof mapping.command === 'string') {
        intents.set(name, { command: mapping.command });
      } else if ((RISK_CATEGORIES as readonly string[]).includes(String(mapping.category)) && isRiskLevel(mapping.level)) {
        intents.set(name, { category: mapping.category as RiskCategory, level: mapping.level });
      } else {
        throw new Error(`IntentMap: ${path} intent "${name}" needs a "command", or a known "category" and "level"`);
      }
    }
    return new IntentMap(minimumScore, intents);
  }

  /** A verdict from intent scores; the span of a remote match is the whole text (it names no words). */
  toVerdict(text: string, scores: Readonly<Record<string, number>>, source: 'luis'): RemoteVerdict {
    const matches: RiskAssessment['matches'][number][] = [];
    const commands: string[] = [];
    for (const [intent, score] of Object.entries(scores)) {
      const mapping = this.intents.get(intent);
      if (!mapping || score < this.minimumScore) continue;
      if ('command' in mapping) commands.push(mapping.command);
      else matches.push({ ruleId: `${source}.${intent}`, category: mapping.category, level: mapping.level, span: [0, text.length], excerpt: text.slice(0, 80), source });
    }
    const level = matches.reduce<RiskLevel>((current, match) => (RISK_LEVEL_ORDER.indexOf(match.level) > RISK_LEVEL_ORDER.indexOf(current) ? match.level : current), 'none');
    return { assessment: { level, categories: [...new Set(matches.map((match) => match.category))], matches }, commands };
  }
}

const RISK_LEVEL_ORDER: readonly RiskLevel[] = ['none', 'low', 'moderate', 'high', 'imminent'];

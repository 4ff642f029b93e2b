import { isAtLeast, riskRank, type RiskAssessor, type RiskCategory, type RiskLevel } from './riskTypes';

/** One labelled message: the level it must reach at least ("none" = must not be flagged). */
export interface LabelledMessage {
  readonly text: string;
  readonly locale: string;
  readonly level: RiskLevel;
  readonly categories: readonly RiskCategory[];
  readonly note?: string;
}

export interface RiskFigures {
  readonly messages: number;
  /** Share of risk messages assessed at or above their expected level. */
  readonly recallAllRisk: number;
  /** Share of high and imminent messages assessed high or above (the hand-off threshold). */
  readonly recallHighImminent: number;
  readonly recallByLevel: Readonly<Record<string, number>>;
  readonly recallByCategory: Readonly<Record<string, number>>;
  /** Share of no-risk messages assessed moderate or above. */
  readonly falsePositiveRate: number;
  /** Share of no-risk messages assessed low or above (informative). */
  readonly anySignalRate: number;
  readonly misses: ReadonlyArray<{ text: string; expected: RiskLevel; got: RiskLevel }>;
  readonly falsePositives: ReadonlyArray<{ text: string; got: RiskLevel }>;
}

const round = (value: number): number => Math.round(value * 10000) / 10000;
const share = (hits: number, total: number): number => (total === 0 ? 1 : round(hits / total));

/** Scores an assessor on labelled messages. Pure: the caller decides what to print or assert. */
export function evaluateRisk(assessor: RiskAssessor, messages: readonly LabelledMessage[]): RiskFigures {
  const risky = messages.filter((message) => message.level !== 'none');
  const safe = messages.filter((message) => message.level === 'none');
  const verdicts = new Map(messages.map((message) => [message, assessor.assess(message.text, message.locale)]));
  const got = (message: LabelledMessage): RiskLevel => verdicts.get(message)!.level;

  const byLevel: Record<string, number> = {};
  for (const level of ['low', 'moderate', 'high', 'imminent'] as const) {
    const rows = risky.filter((message) => message.level === level);
    if (rows.length) byLevel[level] = share(rows.filter((message) => isAtLeast(got(message), level)).length, rows.length);
  }
  const byCategory: Record<string, number> = {};
  const categories = new Set(risky.flatMap((message) => message.categories));
  for (const category of categories) {
    const rows = risky.filter((message) => message.categories.includes(category));
    byCategory[category] = share(rows.filter((message) => verdicts.get(message)!.categories.includes(category)).length, rows.length);
  }
  const severe = risky.filter((message) => riskRank(message.level) >= riskRank('high'));
  const misses = risky.filter((message) => !isAtLeast(got(message), message.level));
  const falsePositives = safe.filter((message) => isAtLeast(got(message), 'moderate'));
  return {
    messages: messages.length,
    recallAllRisk: share(risky.length - misses.length, risky.length),
    recallHighImminent: share(severe.filter((message) => isAtLeast(got(message), 'high')).length, severe.length),
    recallByLevel: byLevel,
    recallByCategory: byCategory,
    falsePositiveRate: share(falsePositives.length, safe.length),
    anySignalRate: share(safe.filter((message) => isAtLeast(got(message), 'low')).length, safe.length),
    misses: misses.map((message) => ({ text: message.text, expected: message.level, got: got(message) })),
    falsePositives: falsePositives.map((message) => ({ text: message.text, got: got(message) })),
  };
}

/** Parses JSON lines of labelled messages, naming the line of any malformed one. */
export function parseLabelledMessages(content: string, source: string): LabelledMessage[] {
  return content
    .split('\n')
    .map((line, index) => [line.trim(), index + 1] as const)
    .filter(([line]) => line !== '')
    .map(([line, number]) => {
      const row = JSON.parse(line) as Partial<LabelledMessage>;
      if (typeof row.text !== 'string' || typeof row.level !== 'string') throw new Error(`${source}:${number}: needs "text" and "level"`);
      return { text: row.text, locale: row.locale ?? 'en', level: row.level, categories: row.categories ?? [], note: row.note };
    });
}

/** Risk levels in ascending order of urgency. */
export const RISK_LEVELS = ['none', 'low', 'moderate', 'high', 'imminent'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** What a message may be about; a verdict can carry several. */
export const RISK_CATEGORIES = [
  'ideation_passive',
  'ideation_active',
  'intent',
  'plan',
  'means',
  'attempt',
  'self_harm',
  'harm_to_others',
  'danger_from_others',
  'medical_emergency',
  'concern_for_other',
] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

/** One rule that fired, with the span of the original text it matched, so a coordinator sees why. */
export interface RiskMatch {
  readonly ruleId: string;
  readonly category: RiskCategory;
  readonly level: RiskLevel;
  /** [start, end) offsets into the text as received. */
  readonly span: readonly [number, number];
  readonly excerpt: string;
  /** Where the verdict came from: the embedded lexicon or a remote recognizer. */
  readonly source: 'lexicon' | 'luis' | 'screening' | 'conversation';
}

export interface RiskAssessment {
  readonly level: RiskLevel;
  readonly categories: readonly RiskCategory[];
  readonly matches: readonly RiskMatch[];
}

export function riskRank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

export function maxRiskLevel(a: RiskLevel, b: RiskLevel): RiskLevel {
  return riskRank(a) >= riskRank(b) ? a : b;
}

export function isAtLeast(level: RiskLevel, threshold: RiskLevel): boolean {
  return riskRank(level) >= riskRank(threshold);
}

export function isRiskLevel(value: unknown): value is RiskLevel {
  return typeof value === 'string' && (RISK_LEVELS as readonly string[]).includes(value);
}

/** The embedded assessor's contract: pure and synchronous. */
export interface RiskAssessor {
  assess(text: string, locale: string): RiskAssessment;
}

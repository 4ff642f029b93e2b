import { readJsonFiles } from '../resources/jsonFiles';
import { compilePhrase, PhrasePatternError, type CompiledPhrase } from './phrasePattern';
import { isRiskLevel, RISK_CATEGORIES, type RiskCategory, type RiskLevel } from './riskTypes';

/** A rule: phrases that, when found, say something about risk. */
export interface LexiconRule {
  readonly id: string;
  readonly category: RiskCategory;
  readonly level: RiskLevel;
  /** A denial just before the phrase ("I'm not suicidal") lowers this rule's match to `low`. */
  readonly negatable: boolean;
  readonly phrases: readonly CompiledPhrase[];
  /** A match directly followed by one of these is not this rule ("kill myself laughing"). */
  readonly unlessAfter: readonly CompiledPhrase[];
  /** A match directly preceded by one of these is not this rule. */
  readonly unlessBefore: readonly CompiledPhrase[];
}

/** A word or phrase that is not risk on its own but sharpens a rule (a timeline: "tonight"). */
export interface LexiconModifier {
  readonly id: string;
  readonly modifier: string;
  readonly phrases: readonly CompiledPhrase[];
}

/** When a rule of one of `categories` fires together with `modifier`, the message is at least `level`. */
export interface LexiconEscalation {
  readonly id: string;
  readonly categories: readonly RiskCategory[];
  readonly modifier: string;
  readonly level: RiskLevel;
}

/** Phrases that look like risk but are not (idioms): a rule match inside one is dropped. */
export interface LexiconExclusion {
  readonly id: string;
  readonly phrases: readonly CompiledPhrase[];
}

/** A family of words that means one thing ("death", "self", "means"): a building block of combinations. */
export interface LexiconConcept {
  readonly name: string;
  readonly phrases: readonly CompiledPhrase[];
}

/**
 * Risk said in words no rule lists: every concept in `all` appears in one clause, close together
 * ("I want to not exist" = self + desire + death). This is what catches paraphrases.
 */
export interface LexiconCombination {
  readonly id: string;
  readonly category: RiskCategory;
  readonly level: RiskLevel;
  readonly all: readonly string[];
  /** `all`, with the concepts most messages lack first (checked in this order, stopping at the first missing). */
  readonly byRarity: readonly string[];
  /** The concepts' words must fall within this many characters of each other. */
  readonly maxSpan: number;
  readonly negatable: boolean;
}

export interface Lexicon {
  readonly locale: string;
  readonly negationCues: ReadonlySet<string>;
  readonly rules: readonly LexiconRule[];
  readonly modifiers: readonly LexiconModifier[];
  readonly escalations: readonly LexiconEscalation[];
  readonly exclusions: readonly LexiconExclusion[];
  readonly concepts: readonly LexiconConcept[];
  readonly combinations: readonly LexiconCombination[];
}

/** A malformed lexicon stops start-up with the file, the rule and the field named. */
export class LexiconError extends Error {
  constructor(message: string) {
    super(`Risk lexicon: ${message}`);
    this.name = 'LexiconError';
  }
}

type Raw = Record<string, unknown>;

/** Concepts found in nearly every message; combinations look for them last. */
const COMMON_CONCEPTS = new Set(['self', 'desire', 'other', 'quantity', 'possession']);

function object(value: unknown, where: string): Raw {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new LexiconError(`${where} must be an object`);
  return value as Raw;
}

function strings(value: unknown, where: string): string[] {
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string' && item.trim() !== '')) {
    throw new LexiconError(`${where} must be a non-empty list of strings`);
  }
  return value as string[];
}

function phrases(value: unknown, where: string): CompiledPhrase[] {
  return strings(value, where).map((phrase) => {
    try {
      return compilePhrase(phrase);
    } catch (error) {
      if (error instanceof PhrasePatternError) throw new LexiconError(`${where}: ${error.message}`);
      throw error;
    }
  });
}

function level(value: unknown, where: string): RiskLevel {
  if (!isRiskLevel(value)) throw new LexiconError(`${where} must be one of none, low, moderate, high, imminent`);
  return value;
}

function category(value: unknown, where: string): RiskCategory {
  if (typeof value !== 'string' || !(RISK_CATEGORIES as readonly string[]).includes(value)) {
    throw new LexiconError(`${where} must be one of ${RISK_CATEGORIES.join(', ')}`);
  }
  return value as RiskCategory;
}

/** Validates and compiles one lexicon file's content. `file` is used in error messages. */
export function parseLexicon(content: unknown, file: string): Lexicon {
  const root = object(content, file);
  if (typeof root.locale !== 'string') throw new LexiconError(`${file}: "locale" must be a string`);
  const ids = new Set<string>();
  const uniqueId = (value: unknown, where: string): string => {
    if (typeof value !== 'string' || !value) throw new LexiconError(`${where}: "id" must be a non-empty string`);
    if (ids.has(value)) throw new LexiconError(`${where}: id "${value}" is used twice`);
    ids.add(value);
    return value;
  };
  const list = (field: string): Raw[] => {
    const value = root[field] ?? [];
    if (!Array.isArray(value)) throw new LexiconError(`${file}: "${field}" must be a list`);
    return value.map((item, index) => object(item, `${file} ${field}[${index}]`));
  };

  const rules = list('rules').map((raw, index) => {
    const where = `${file} rule ${String(raw.id ?? index)}`;
    return {
      id: uniqueId(raw.id, where),
      category: category(raw.category, `${where}: "category"`),
      level: level(raw.level, `${where}: "level"`),
      negatable: raw.negatable === true,
      phrases: phrases(raw.phrases, `${where}: "phrases"`),
      unlessAfter: raw.unlessAfter === undefined ? [] : phrases(raw.unlessAfter, `${where}: "unlessAfter"`),
      unlessBefore: raw.unlessBefore === undefined ? [] : phrases(raw.unlessBefore, `${where}: "unlessBefore"`),
    };
  });
  const modifiers = list('modifiers').map((raw, index) => {
    const where = `${file} modifier ${String(raw.id ?? index)}`;
    if (typeof raw.modifier !== 'string') throw new LexiconError(`${where}: "modifier" must be a string`);
    return { id: uniqueId(raw.id, where), modifier: raw.modifier, phrases: phrases(raw.phrases, `${where}: "phrases"`) };
  });
  const knownModifiers = new Set(modifiers.map((modifier) => modifier.modifier));
  const escalations = list('escalations').map((raw, index) => {
    const where = `${file} escalation ${String(raw.id ?? index)}`;
    if (typeof raw.modifier !== 'string' || !knownModifiers.has(raw.modifier)) {
      throw new LexiconError(`${where}: "modifier" must name a modifier defined in this file`);
    }
    return {
      id: uniqueId(raw.id, where),
      categories: strings(raw.categories, `${where}: "categories"`).map((value) => category(value, `${where}: "categories"`)),
      modifier: raw.modifier,
      level: level(raw.level, `${where}: "level"`),
    };
  });
  const exclusions = list('exclusions').map((raw, index) => {
    const where = `${file} exclusion ${String(raw.id ?? index)}`;
    return { id: uniqueId(raw.id, where), phrases: phrases(raw.phrases, `${where}: "phrases"`) };
  });
  const conceptsRaw = root.concepts ?? {};
  const conceptsObject = object(conceptsRaw, `${file}: "concepts"`);
  const concepts = Object.entries(conceptsObject)
    .filter(([name]) => !name.startsWith('//'))
    .map(([name, value]) => ({ name, phrases: phrases(value, `${file} concept ${name}`) }));
  const conceptNames = new Set(concepts.map((concept) => concept.name));
  const combinations = list('combinations').map((raw, index) => {
    const where = `${file} combination ${String(raw.id ?? index)}`;
    const all = strings(raw.all, `${where}: "all"`);
    const unknown = all.find((name) => !conceptNames.has(name));
    if (unknown) throw new LexiconError(`${where}: "all" names "${unknown}", which is not a concept in this file`);
    const maxSpan = raw.maxSpan ?? 60;
    if (typeof maxSpan !== 'number' || maxSpan < 5 || maxSpan > 400) throw new LexiconError(`${where}: "maxSpan" must be a number from 5 to 400`);
    return {
      id: uniqueId(raw.id, where),
      category: category(raw.category, `${where}: "category"`),
      level: level(raw.level, `${where}: "level"`),
      all,
      byRarity: [...all].sort((a, b) => (COMMON_CONCEPTS.has(a) ? 1 : 0) - (COMMON_CONCEPTS.has(b) ? 1 : 0)),
      maxSpan,
      negatable: raw.negatable === true,
    };
  });
  return {
    locale: root.locale,
    concepts,
    combinations,
    negationCues: new Set(strings(root.negationCues, `${file}: "negationCues"`)),
    rules,
    modifiers,
    escalations,
    exclusions,
  };
}

/** Loads `resources/risk/<locale>.json` for every locale present. */
export function loadLexicons(dir: string): Map<string, Lexicon> {
  const lexicons = new Map<string, Lexicon>();
  for (const { path, content } of readJsonFiles(dir, (message) => new LexiconError(message))) {
    const lexicon = parseLexicon(content, path);
    lexicons.set(lexicon.locale, lexicon);
  }
  if (!lexicons.has('en')) throw new LexiconError(`${dir} has no English lexicon (en.json)`);
  return lexicons;
}

import { readJsonFiles } from './jsonFiles';

export const RESOURCE_KINDS = [
  'emergency', 'crisis_line', 'text_line', 'chat', 'walk_in', 'peer_group', 'shelter', 'food', 'domestic_violence', 'counselling', 'other',
] as const;
export type ResourceKind = (typeof RESOURCE_KINDS)[number];

export const CONTACT_TYPES = ['call', 'text', 'chat', 'walk_in', 'web', 'email'] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];

/** One way to reach a resource: a number to call or text, a chat link, an address to walk in to. */
export interface ResourceContact {
  readonly type: ContactType;
  readonly value: string;
  /** Word to text, for text lines that need one (HOME to 741741). */
  readonly keyword?: string;
  /** A short extra step, e.g. "press 1". */
  readonly instructions?: string;
}

/** A directory entry, modelled so that an Open Referral (HSDS) service maps onto it. */
export interface ResourceEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: ResourceKind;
  /** ISO 3166-1 alpha-2 countries, optionally with a subdivision (US-CA). */
  readonly regions: readonly string[];
  readonly languages: readonly string[];
  readonly contacts: readonly ResourceContact[];
  readonly hours: string;
  readonly tags: readonly string[];
  readonly description?: string;
  /** Where the entry's facts come from (the organisation's own page). */
  readonly source: string;
  /** When someone last checked the facts (YYYY-MM-DD). */
  readonly verified: string;
}

export interface ResourceQuery {
  readonly region?: string;
  readonly language?: string;
  /** Kinds of help wanted (crisis_line, shelter, food…); empty = any. */
  readonly needs?: readonly ResourceKind[];
  /** Tags that make an entry a better fit (youth, lgbtq, veterans…). */
  readonly tags?: readonly string[];
}

/** Thrown at start-up or import for a malformed entry; names the file, the entry and the field. */
export class DirectoryError extends Error {
  constructor(message: string) {
    super(`ResourceDirectory: ${message}`);
    this.name = 'DirectoryError';
  }
}

/** The curated resource directory: crisis lines, emergency numbers, local services. */
export class ResourceDirectory {
  constructor(readonly entries: readonly ResourceEntry[]) {
    const seen = new Set<string>();
    for (const entry of entries) {
      if (seen.has(entry.id)) throw new DirectoryError(`entry id "${entry.id}" appears twice`);
      seen.add(entry.id);
    }
  }

  /** Loads and validates every `*.json` file in `dir` (each `{ "entries": [...] }`). */
  static load(dir: string): ResourceDirectory {
    const entries: ResourceEntry[] = [];
    for (const { path, content: parsed } of readJsonFiles(dir, (message) => new DirectoryError(message))) {
      const list = (parsed as { entries?: unknown }).entries;
      if (!Array.isArray(list)) throw new DirectoryError(`${path} must hold { "entries": [...] }`);
      list.forEach((raw, index) => entries.push(validateEntry(raw, `${path} entry ${index}`)));
    }
    return new ResourceDirectory(entries);
  }

  /** Entries serving a region: the country itself or one of its subdivisions. */
  forRegion(region: string): ResourceEntry[] {
    const wanted = region.toUpperCase();
    return this.entries.filter((entry) => entry.regions.some((r) => r === wanted || r.split('-')[0] === wanted || wanted.split('-')[0] === r));
  }

  /** Entries matching a need, best first: exact region, then language, tags, need, round-the-clock. */
  match(query: ResourceQuery): ResourceEntry[] {
    const region = query.region?.toUpperCase();
    const pool = region ? this.forRegion(region) : [...this.entries];
    const needs = query.needs ?? [];
    return pool
      .filter((entry) => needs.length === 0 || needs.includes(entry.kind))
      .map((entry) => ({ entry, score: score(entry, query, region) }))
      .sort((a, b) => b.score - a.score || a.entry.name.localeCompare(b.entry.name))
      .map(({ entry }) => entry);
  }
}

function score(entry: ResourceEntry, query: ResourceQuery, region: string | undefined): number {
  let total = 0;
  if (region && entry.regions.includes(region)) total += 8;
  if (query.language && entry.languages.includes(query.language)) total += 4;
  total += (query.tags ?? []).filter((tag) => entry.tags.includes(tag)).length * 3;
  if (entry.hours === '24/7') total += 1;
  return total;
}

function fail(where: string, field: string, problem: string): never {
  throw new DirectoryError(`${where}: field "${field}" ${problem}`);
}

function text(raw: Record<string, unknown>, field: string, where: string, optional = false): string | undefined {
  const value = raw[field];
  if (value === undefined && optional) return undefined;
  if (typeof value !== 'string' || value.trim() === '') fail(where, field, 'must be a non-empty string');
  return value;
}

function list(raw: Record<string, unknown>, field: string, where: string, pattern?: RegExp): string[] {
  const value = raw[field];
  if (!Array.isArray(value) || !value.every((item) => typeof item === 'string' && (!pattern || pattern.test(item)))) {
    fail(where, field, pattern ? `must be a list of strings like ${pattern.source}` : 'must be a list of strings');
  }
  return value as string[];
}

/** Checks one raw entry; every problem names the field. Exported for the HSDS importer. */
export function validateEntry(raw: unknown, where: string): ResourceEntry {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new DirectoryError(`${where}: must be an object`);
  const entry = raw as Record<string, unknown>;
  const id = text(entry, 'id', where)!;
  const at = `${where} ("${id}")`;
  const kind = text(entry, 'kind', at)!;
  if (!(RESOURCE_KINDS as readonly string[]).includes(kind)) fail(at, 'kind', `must be one of ${RESOURCE_KINDS.join(', ')}`);
  const regions = list(entry, 'regions', at, /^[A-Z]{2}(-[A-Z0-9]{1,3})?$/);
  if (regions.length === 0) fail(at, 'regions', 'must name at least one region');
  const contactsRaw = entry.contacts;
  if (!Array.isArray(contactsRaw) || contactsRaw.length === 0) fail(at, 'contacts', 'must list at least one way to reach it');
  const contacts = contactsRaw.map((contact, index) => {
    const c = (typeof contact === 'object' && contact !== null ? contact : {}) as Record<string, unknown>;
    const type = text(c, 'type', `${at} contact ${index}`)!;
    if (!(CONTACT_TYPES as readonly string[]).includes(type)) fail(`${at} contact ${index}`, 'type', `must be one of ${CONTACT_TYPES.join(', ')}`);
    return {
      type: type as ContactType,
      value: text(c, 'value', `${at} contact ${index}`)!,
      keyword: text(c, 'keyword', `${at} contact ${index}`, true),
      instructions: text(c, 'instructions', `${at} contact ${index}`, true),
    };
  });
  const source = text(entry, 'source', at)!;
  if (!/^https?:\/\//.test(source)) fail(at, 'source', 'must be the http(s) address the facts come from');
  const verified = text(entry, 'verified', at)!;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(verified)) fail(at, 'verified', 'must be a date YYYY-MM-DD');
  return {
    id,
    name: text(entry, 'name', at)!,
    kind: kind as ResourceKind,
    regions,
    languages: list(entry, 'languages', at, /^[a-z]{2,3}$/),
    contacts,
    hours: text(entry, 'hours', at)!,
    tags: list(entry, 'tags', at),
    description: text(entry, 'description', at, true),
    source,
    verified,
  };
}

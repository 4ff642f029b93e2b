import { DirectoryError, validateEntry, type ResourceEntry, type ResourceKind } from './resourceDirectory';
import { HsdsImportError, type HsdsServiceRecord } from './hsdsTables';

export interface HsdsImportOptions {
  /** Short name of the export; becomes the id prefix and the output file name. */
  readonly name: string;
  /** Region used when a service names no area or address we can read (ISO 3166, e.g. US or US-OR). */
  readonly defaultRegion: string;
  /** Date the deploying organisation checked the export (YYYY-MM-DD). */
  readonly verified: string;
  /** Used as `source` when neither the service nor its organization gives a web address. */
  readonly source?: string;
}

export interface HsdsImportResult {
  readonly entries: ResourceEntry[];
  /** Services left out on purpose (inactive, defunct), by id, with the reason. */
  readonly skipped: { readonly id: string; readonly reason: string }[];
}

// Order matters: the first kind whose words appear wins, so the most specific comes first.
const KIND_WORDS: readonly [ResourceKind, RegExp][] = [
  ['domestic_violence', /domestic violence|intimate partner|abuse hotline|violencia (de g[ée]nero|dom[ée]stica)/i],
  ['text_line', /text line|crisis text/i],
  ['crisis_line', /crisis|suicide|hotline|helpline|l[íi]nea de (crisis|ayuda)/i],
  ['shelter', /shelter|housing|albergue|refugio/i],
  ['food', /food|pantry|meal|alimentos|comedor/i],
  ['peer_group', /peer|support group|grupo de apoyo/i],
  ['walk_in', /walk-in|drop-in/i],
  ['counselling', /counsel|therapy|mental health|psicol/i],
];

const TAG_WORDS: readonly [string, RegExp][] = [
  ['youth', /youth|teen|young|j[óo]venes/i],
  ['lgbtq', /lgbt|queer|trans\b|gay/i],
  ['veterans', /veteran/i],
  ['suicide', /suicid/i],
  ['crisis', /crisis/i],
];

const LANGUAGE_CODES: Record<string, string> = {
  english: 'en', spanish: 'es', español: 'es', espanol: 'es', french: 'fr', français: 'fr', portuguese: 'pt', chinese: 'zh',
  mandarin: 'zh', cantonese: 'zh', vietnamese: 'vi', arabic: 'ar', russian: 'ru', korean: 'ko', tagalog: 'tl', somali: 'so',
};

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

function languageCode(value: string, where: string): string {
  const lower = value.trim().toLowerCase();
  if (/^[a-z]{2,3}$/.test(lower)) return lower;
  const code = LANGUAGE_CODES[lower] ?? LANGUAGE_CODES[lower.split(/[\s-]/)[0]];
  if (!code) throw new HsdsImportError(`${where}: field "language" has "${value}", which is neither an ISO 639 code nor a known language name`);
  return code;
}

/** HSDS 2.0 writes weekdays as names or numbers; numbers follow ISO 8601 here (1 = Monday). */
function weekdayIndex(value: string): number | undefined {
  const number = Number(value);
  if (Number.isInteger(number) && number >= 1 && number <= 7) return number - 1;
  const index = WEEKDAYS.findIndex((day) => value.slice(0, 2).toLowerCase() === day.slice(0, 2).toLowerCase());
  return index === -1 ? undefined : index;
}

function hoursOf(record: HsdsServiceRecord): string {
  if (record.schedules.length === 0) return 'unknown';
  const byDay = new Map<number, string>();
  for (const schedule of record.schedules) {
    const day = weekdayIndex(schedule.weekday);
    if (day === undefined) throw new HsdsImportError(`${record.where}: a schedule has weekday "${schedule.weekday}", not a day`);
    const open = (schedule.opensAt ?? '00:00').slice(0, 5);
    const close = (schedule.closesAt ?? '23:59').slice(0, 5);
    byDay.set(day, `${open}-${close}`);
  }
  const allDay = byDay.size === 7 && [...byDay.values()].every((span) => span === '00:00-23:59' || span === '00:00-24:00' || span === '00:00-00:00');
  if (allDay) return '24/7';
  return [...byDay.entries()].sort(([a], [b]) => a - b).map(([day, span]) => `${WEEKDAYS[day]} ${span}`).join(', ');
}

/** A service area like "US-OR" or "Oregon, US" becomes ISO codes; anything unreadable is left to addresses. */
function regionsOf(record: HsdsServiceRecord, defaultRegion: string): string[] {
  const regions = new Set<string>();
  for (const area of record.serviceAreas) {
    const iso = area.trim().toUpperCase();
    if (/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/.test(iso)) regions.add(iso);
  }
  if (regions.size === 0) {
    for (const address of record.addresses) {
      const country = address.country?.trim().toUpperCase();
      if (!country || !/^[A-Z]{2}$/.test(country)) continue;
      const state = address.stateProvince?.trim().toUpperCase();
      regions.add(state && /^[A-Z0-9]{1,3}$/.test(state) ? `${country}-${state}` : country);
    }
  }
  if (regions.size === 0) regions.add(defaultRegion.toUpperCase());
  return [...regions];
}

function contactsOf(record: HsdsServiceRecord): Record<string, string>[] {
  const contacts: Record<string, string>[] = [];
  for (const phone of record.phones) {
    const type = (phone.type ?? 'voice').toLowerCase();
    if (type === 'fax' || type === 'pager') continue;
    // "541-555-0140 ext. 12" is how numbers with extensions are usually written, in any language.
    const value = phone.extension ? `${phone.number} ext. ${phone.extension}` : phone.number;
    contacts.push({ type: type === 'text' || type === 'sms' ? 'text' : 'call', value });
  }
  for (const address of record.addresses) {
    contacts.push({ type: 'walk_in', value: [address.address1, address.city, address.stateProvince].filter(Boolean).join(', ') });
  }
  if (record.url) contacts.push({ type: 'web', value: record.url });
  if (record.email) contacts.push({ type: 'email', value: record.email });
  return contacts;
}

function slug(value: string): string {
  return value.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/** Maps HSDS services onto directory entries and validates each one, naming the HSDS row on error. */
export function hsdsToEntries(records: readonly HsdsServiceRecord[], options: HsdsImportOptions): HsdsImportResult {
  const entries: ResourceEntry[] = [];
  const skipped: { id: string; reason: string }[] = [];
  for (const record of records) {
    const status = record.status?.toLowerCase();
    if (status && status !== 'active') {
      skipped.push({ id: record.id, reason: `status ${status}` });
      continue;
    }
    const words = [record.name, record.description ?? '', ...record.taxonomy].join(' ');
    const raw = {
      id: `${slug(options.name)}-${slug(record.id)}`,
      name: record.name,
      kind: KIND_WORDS.find(([, pattern]) => pattern.test(words))?.[0] ?? 'other',
      regions: regionsOf(record, options.defaultRegion),
      languages: record.languages.length > 0 ? [...new Set(record.languages.map((l) => languageCode(l, record.where)))] : ['en'],
      contacts: contactsOf(record),
      hours: hoursOf(record),
      tags: TAG_WORDS.filter(([, pattern]) => pattern.test(words)).map(([tag]) => tag),
      description: record.description,
      source: record.url ?? record.organization.url ?? options.source,
      // The publisher's own check date is the honest one when it exists.
      verified: record.assuredDate && /^\d{4}-\d{2}-\d{2}/.test(record.assuredDate) ? record.assuredDate.slice(0, 10) : options.verified,
    };
    try {
      entries.push(validateEntry(raw, record.where));
    } catch (error) {
      if (error instanceof DirectoryError) throw new HsdsImportError(error.message.replace(/^ResourceDirectory: /, ''));
      throw error;
    }
  }
  return { entries, skipped };
}

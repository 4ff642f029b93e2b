import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';

/** One CSV row with where it came from, so errors can name the table and the line. */
export interface HsdsRow {
  readonly table: string;
  /** Line in the file (the header is line 1). */
  readonly line: number;
  readonly values: Readonly<Record<string, string>>;
}

/** Thrown when an HSDS export cannot be imported; names the table (or JSON path), the row and the field. */
export class HsdsImportError extends Error {
  constructor(message: string) {
    super(`HSDS import: ${message}`);
    this.name = 'HsdsImportError';
  }
}

/** A phone, schedule row, area… already tied to its service: the shape both HSDS versions reduce to. */
export interface HsdsServiceRecord {
  /** Human pointer for errors: `services.csv line 3` or `services[2]`. */
  readonly where: string;
  readonly id: string;
  readonly name: string;
  readonly description?: string;
  readonly url?: string;
  readonly email?: string;
  readonly status?: string;
  /** When the publisher last checked the service (HSDS `assured_date`), if given. */
  readonly assuredDate?: string;
  readonly organization: { readonly name: string; readonly url?: string };
  readonly phones: readonly { readonly number: string; readonly type?: string; readonly extension?: string; readonly where: string }[];
  readonly serviceAreas: readonly string[];
  readonly languages: readonly string[];
  readonly schedules: readonly { readonly weekday: string; readonly opensAt?: string; readonly closesAt?: string }[];
  readonly addresses: readonly { readonly address1: string; readonly city?: string; readonly stateProvince?: string; readonly country?: string }[];
  readonly taxonomy: readonly string[];
}

/**
 * HSDS 2.0 tables are named in the plural by the 2.0 datapackage (`phones.csv`) but some exporters write
 * the singular (`phone.csv`); accept either so a real export does not fail on naming alone.
 */
const TABLE_FILES: Record<string, readonly string[]> = {
  organizations: ['organizations.csv', 'organization.csv'],
  services: ['services.csv', 'service.csv'],
  phones: ['phones.csv', 'phone.csv'],
  service_areas: ['service_areas.csv', 'service_area.csv'],
  languages: ['languages.csv', 'language.csv'],
  // 2.0 writes iCal-style `schedules.csv` (byday); 1.x exports have `regular_schedule.csv` (weekday).
  schedules: ['schedules.csv', 'schedule.csv', 'regular_schedules.csv', 'regular_schedule.csv'],
  locations: ['locations.csv', 'location.csv'],
  physical_addresses: ['physical_addresses.csv', 'physical_address.csv'],
  services_at_location: ['services_at_location.csv', 'service_at_location.csv'],
  taxonomy: ['taxonomy.csv', 'taxonomies.csv', 'taxonomy_terms.csv'],
  service_taxonomy: ['service_taxonomy.csv', 'service_taxonomies.csv'],
};

function readTable(dir: string, table: string, required: boolean): HsdsRow[] {
  const file = TABLE_FILES[table].find((name) => existsSync(join(dir, name)));
  if (!file) {
    if (required) throw new HsdsImportError(`${dir} has no ${TABLE_FILES[table].join(' or ')}`);
    return [];
  }
  let records: Record<string, string>[];
  try {
    records = parse(readFileSync(join(dir, file), 'utf8'), { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new HsdsImportError(`${file}: not readable CSV (${(error as Error).message})`);
  }
  return records.map((values, index) => ({ table: file, line: index + 2, values }));
}

function required(row: HsdsRow, field: string): string {
  const value = row.values[field];
  if (value === undefined || value === '') throw new HsdsImportError(`${row.table} line ${row.line}: field "${field}" is required`);
  return value;
}

function optional(row: HsdsRow, field: string): string | undefined {
  const value = row.values[field];
  return value === undefined || value === '' ? undefined : value;
}

function byKey(rows: readonly HsdsRow[], field: string): Map<string, HsdsRow[]> {
  const map = new Map<string, HsdsRow[]>();
  for (const row of rows) {
    const key = optional(row, field);
    if (key === undefined) continue;
    map.set(key, [...(map.get(key) ?? []), row]);
  }
  return map;
}

/** The days a schedule row covers: iCal `byday` (MO,TU; a monthly "2MO" counts as Monday) or a 1.x `weekday`. */
function scheduleDays(row: HsdsRow): string[] {
  const byday = optional(row, 'byday');
  if (byday) return byday.split(',').map((day) => day.trim().replace(/^[+-]?\d+/, '')).filter(Boolean);
  return [required(row, 'weekday')];
}

/** Reads an HSDS 2.0 CSV datapackage folder and ties every phone, area, language and schedule to its service. */
export function readHsds2Folder(dir: string): HsdsServiceRecord[] {
  const organizations = new Map(readTable(dir, 'organizations', true).map((row) => [required(row, 'id'), row]));
  const services = readTable(dir, 'services', true);
  const phones = byKey(readTable(dir, 'phones', false), 'service_id');
  const areas = byKey(readTable(dir, 'service_areas', false), 'service_id');
  const languages = byKey(readTable(dir, 'languages', false), 'service_id');
  const schedules = byKey(readTable(dir, 'schedules', false), 'service_id');
  const addressesByLocation = byKey(readTable(dir, 'physical_addresses', false), 'location_id');
  const locationsByService = byKey(readTable(dir, 'services_at_location', false), 'service_id');
  const taxonomyNames = new Map(readTable(dir, 'taxonomy', false).map((row) => [required(row, 'id'), required(row, 'name')]));
  const taxonomyByService = byKey(readTable(dir, 'service_taxonomy', false), 'service_id');

  const serviceIds = new Set<string>();
  const records = services.map((row): HsdsServiceRecord => {
    const id = required(row, 'id');
    if (serviceIds.has(id)) throw new HsdsImportError(`${row.table} line ${row.line}: field "id" repeats service ${id}`);
    serviceIds.add(id);
    const organizationId = required(row, 'organization_id');
    const organization = organizations.get(organizationId);
    if (!organization) throw new HsdsImportError(`${row.table} line ${row.line}: field "organization_id" names no row of organizations.csv`);
    const locationIds = (locationsByService.get(id) ?? []).map((link) => required(link, 'location_id'));
    return {
      where: `${row.table} line ${row.line}`,
      id,
      name: required(row, 'name'),
      description: optional(row, 'description'),
      url: optional(row, 'url'),
      email: optional(row, 'email'),
      status: optional(row, 'status'),
      assuredDate: optional(row, 'assured_date'),
      organization: { name: required(organization, 'name'), url: optional(organization, 'url') },
      phones: (phones.get(id) ?? []).map((phone) => ({
        number: required(phone, 'number'),
        type: optional(phone, 'type'),
        extension: optional(phone, 'extension'),
        where: `${phone.table} line ${phone.line}`,
      })),
      serviceAreas: (areas.get(id) ?? []).map((area) => required(area, 'service_area')),
      languages: (languages.get(id) ?? []).map((language) => required(language, 'language')),
      schedules: (schedules.get(id) ?? []).flatMap((schedule) => scheduleDays(schedule).map((weekday) => ({
        weekday,
        opensAt: optional(schedule, 'opens_at'),
        closesAt: optional(schedule, 'closes_at'),
      }))),
      addresses: locationIds.flatMap((locationId) => addressesByLocation.get(locationId) ?? []).map((address) => ({
        address1: required(address, 'address_1'),
        city: optional(address, 'city'),
        stateProvince: optional(address, 'state_province'),
        country: optional(address, 'country'),
      })),
      taxonomy: (taxonomyByService.get(id) ?? []).map((link) => taxonomyNames.get(required(link, 'taxonomy_id')) ?? ''),
    };
  });
  // A phone pointing at no service is a broken export, not something to drop silently.
  for (const [serviceId, rows] of phones) {
    if (!serviceIds.has(serviceId)) throw new HsdsImportError(`${rows[0].table} line ${rows[0].line}: field "service_id" names no row of services.csv`);
  }
  return records;
}

type Json = Record<string, unknown>;

function jsonText(object: Json, field: string, where: string, isRequired: boolean): string | undefined {
  const value = object[field];
  if (value === undefined || value === null || value === '') {
    if (isRequired) throw new HsdsImportError(`${where}: field "${field}" is required`);
    return undefined;
  }
  if (typeof value !== 'string') throw new HsdsImportError(`${where}: field "${field}" must be a string`);
  return value;
}

function jsonList(object: Json, field: string, where: string): Json[] {
  const value = object[field];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new HsdsImportError(`${where}: field "${field}" must be a list`);
  return value.map((item, index) => {
    if (typeof item !== 'object' || item === null) throw new HsdsImportError(`${where}.${field}[${index}]: must be an object`);
    return item as Json;
  });
}

/** Reads an HSDS 3.0 export: a list of service objects (or `{ contents: [...] }`, as the 3.0 API pages). */
export function readHsds3Json(parsed: unknown): HsdsServiceRecord[] {
  const list = Array.isArray(parsed) ? parsed : (parsed as { contents?: unknown } | null)?.contents;
  if (!Array.isArray(list)) throw new HsdsImportError('HSDS 3.0 JSON must be a list of services or { "contents": [...] }');
  return list.map((raw, index): HsdsServiceRecord => {
    const where = `services[${index}]`;
    if (typeof raw !== 'object' || raw === null) throw new HsdsImportError(`${where}: must be an object`);
    const service = raw as Json;
    const organization = service.organization;
    if (typeof organization !== 'object' || organization === null) throw new HsdsImportError(`${where}: field "organization" is required`);
    const org = organization as Json;
    return {
      where,
      id: jsonText(service, 'id', where, true)!,
      name: jsonText(service, 'name', where, true)!,
      description: jsonText(service, 'description', where, false),
      url: jsonText(service, 'url', where, false),
      email: jsonText(service, 'email', where, false),
      status: jsonText(service, 'status', where, false),
      assuredDate: jsonText(service, 'assured_date', where, false),
      organization: {
        name: jsonText(org, 'name', `${where}.organization`, true)!,
        // 3.0 calls it `website`; some publishers still write the 2.0 `url`.
        url: jsonText(org, 'website', `${where}.organization`, false) ?? jsonText(org, 'url', `${where}.organization`, false),
      },
      phones: jsonList(service, 'phones', where).map((phone, i) => ({
        number: jsonText(phone, 'number', `${where}.phones[${i}]`, true)!,
        type: jsonText(phone, 'type', `${where}.phones[${i}]`, false),
        extension: phone.extension === undefined || phone.extension === null ? undefined : String(phone.extension),
        where: `${where}.phones[${i}]`,
      })),
      serviceAreas: jsonList(service, 'service_areas', where).map((area, i) => jsonText(area, 'name', `${where}.service_areas[${i}]`, true)!),
      languages: jsonList(service, 'languages', where).map((language, i) =>
        jsonText(language, 'code', `${where}.languages[${i}]`, false) ?? jsonText(language, 'name', `${where}.languages[${i}]`, true)!),
      schedules: jsonList(service, 'schedules', where).flatMap((schedule, i) => {
        const days = (jsonText(schedule, 'byday', `${where}.schedules[${i}]`, false) ?? '').split(',').filter(Boolean);
        return days.map((day) => ({
          weekday: day.trim().replace(/^[+-]?\d+/, ''),
          opensAt: jsonText(schedule, 'opens_at', `${where}.schedules[${i}]`, false),
          closesAt: jsonText(schedule, 'closes_at', `${where}.schedules[${i}]`, false),
        }));
      }),
      addresses: jsonList(service, 'service_at_locations', where).flatMap((link) => {
        const location = link.location as Json | undefined;
        return location ? jsonList(location, 'addresses', `${where}.service_at_locations.location`) : [];
      }).map((address) => ({
        address1: jsonText(address, 'address_1', `${where} address`, true)!,
        city: jsonText(address, 'city', `${where} address`, false),
        stateProvince: jsonText(address, 'state_province', `${where} address`, false),
        country: jsonText(address, 'country', `${where} address`, false),
      })),
      taxonomy: jsonList(service, 'attributes', where).map((attribute) => {
        const term = attribute.taxonomy_term as Json | undefined;
        return typeof term?.name === 'string' ? term.name : '';
      }),
    };
  });
}

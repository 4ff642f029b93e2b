import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importHsds } from '../../../scripts/importHsds';
import { ResourceDirectory } from '../../../bot/resources/resourceDirectory';

const FIXTURES = join(__dirname, '../../fixtures/hsds');
let work: string;

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'hsds-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

function importV2(folder = join(FIXTURES, 'v2')): ReturnType<typeof importHsds> {
  return importHsds(['--in', folder, '--name', 'riverbend', '--region', 'US-OR', '--verified', '2026-11-23', '--out', work]);
}

/** Copies the v2 fixture and rewrites one table, to test how a broken export is reported. */
function brokenCopy(table: string, edit: (csv: string) => string): string {
  const folder = join(work, 'in');
  cpSync(join(FIXTURES, 'v2'), folder, { recursive: true });
  writeFileSync(join(folder, table), edit(readFileSync(join(folder, table), 'utf8')));
  return folder;
}

describe('HSDS 2.0 CSV import', () => {
  test('when the fixture is imported, then active services land in the directory and the defunct one is skipped', () => {
    const result = importV2();
    expect(result).toMatchObject({ imported: 3, skipped: 1 });
    const directory = ResourceDirectory.load(work);
    expect(directory.entries.map((entry) => entry.id).sort()).toEqual(['riverbend-svc-1', 'riverbend-svc-2', 'riverbend-svc-3']);
  });

  test('when someone in Oregon asks in Spanish for a crisis line, then the imported 24/7 line is found', () => {
    importV2();
    const [best] = ResourceDirectory.load(work).match({ region: 'US-OR', language: 'es', needs: ['crisis_line'] });
    expect(best).toMatchObject({ id: 'riverbend-svc-1', hours: '24/7', languages: ['en', 'es'], regions: ['US-OR'] });
    expect(best.contacts).toEqual(expect.arrayContaining([
      expect.objectContaining({ type: 'call', value: '541-555-0100' }),
      expect.objectContaining({ type: 'text', value: '541-555-0101' }),
    ]));
    expect(best.tags).toEqual(expect.arrayContaining(['youth', 'suicide', 'crisis']));
  });

  test('when a service has a fax, an extension, an address and weekly hours, then they map to contacts and hours', () => {
    importV2();
    const pantry = ResourceDirectory.load(work).entries.find((entry) => entry.id === 'riverbend-svc-2')!;
    expect(pantry.kind).toBe('food');
    expect(pantry.hours).toBe('Tue 10:00-14:00, Thu 16:00-19:00');
    expect(pantry.regions).toEqual(['US-OR']); // from the address, as it has no service area
    expect(pantry.contacts.map((contact) => contact.type)).toEqual(['call', 'walk_in', 'email']);
    expect(pantry.contacts[0].value).toBe('541-555-0140 ext. 12');
    expect(pantry.source).toBe('https://food.riverbend.example.org');
  });

  test('when the shelter mentions domestic violence, then it is filed as domestic_violence', () => {
    importV2();
    const shelter = ResourceDirectory.load(work).entries.find((entry) => entry.id === 'riverbend-svc-3')!;
    expect(shelter.kind).toBe('domestic_violence');
  });

  test.each([
    ['a service without a name', 'services.csv', (csv: string) => csv.replace('Downtown Food Pantry', ''), /services\.csv line 3: field "name" is required/],
    ['a service pointing at no organization', 'services.csv', (csv: string) => csv.replace('svc-3,org-3', 'svc-3,org-9'), /services\.csv line 4: field "organization_id"/],
    ['a phone pointing at no service', 'phones.csv', (csv: string) => csv.replace('ph-5,,svc-3', 'ph-5,,svc-8'), /phones\.csv line 6: field "service_id"/],
    ['a phone without a number', 'phones.csv', (csv: string) => csv.replace('541-555-0190', ''), /phones\.csv line 6: field "number" is required/],
    ['an unknown language', 'languages.csv', (csv: string) => csv.replace('la-4,svc-3,,English', 'la-4,svc-3,,Klingon'), /services\.csv line 4: field "language" has "Klingon"/],
    ['a schedule day that is not a day', 'schedules.csv', (csv: string) => csv.replace('WEEKLY,1,TU,', 'WEEKLY,1,XX,'), /services\.csv line 3: .*weekday "XX"/],
    ['a 1.x schedule row without a weekday', 'schedules.csv', () => 'id,service_id,weekday,opens_at,closes_at\nrs-1,svc-2,,10:00,14:00\n', /schedules\.csv line 2: field "weekday" is required/],
    ['an organization web address that is not one', 'organizations.csv', (csv: string) => csv.replace('https://food.riverbend.example.org', 'food.riverbend.example.org'), /services\.csv line 3 \("riverbend-svc-2"\): field "source"/],
  ])('when the export has %s, then the error names the table, line and field', (_case, table, edit, message) => {
    expect(() => importV2(brokenCopy(table, edit))).toThrow(message);
  });
});

test('when an older export has regular_schedule.csv with weekday names or ISO numbers, then the hours are read the same', () => {
  const folder = brokenCopy('schedules.csv', () => 'id,service_id,weekday,opens_at,closes_at\nrs-1,svc-2,Tuesday,10:00,14:00\nrs-2,svc-2,4,16:00,19:00\n');
  rmSync(join(folder, 'schedules.csv'));
  writeFileSync(join(folder, 'regular_schedule.csv'), 'id,service_id,weekday,opens_at,closes_at\nrs-1,svc-2,Tuesday,10:00,14:00\nrs-2,svc-2,4,16:00,19:00\n');
  importV2(folder);
  expect(ResourceDirectory.load(work).entries.find((entry) => entry.id === 'riverbend-svc-2')?.hours).toBe('Tue 10:00-14:00, Thu 16:00-19:00');
});

describe('HSDS 3.0 JSON import', () => {
  test('when a 3.0 page of services is imported, then the nested phones, languages and schedules are mapped', () => {
    importHsds(['--in', join(FIXTURES, 'v3/services.json'), '--name', 'riverbend-es', '--region', 'US', '--verified', '2026-11-23', '--out', work]);
    const [entry] = ResourceDirectory.load(work).match({ region: 'US-OR', language: 'es', needs: ['crisis_line'] });
    expect(entry).toMatchObject({
      kind: 'crisis_line',
      verified: '2026-10-02',
      languages: ['es'],
      regions: ['US-OR'],
      hours: 'Mon 16:00-22:00, Tue 16:00-22:00, Wed 16:00-22:00, Thu 16:00-22:00, Fri 16:00-22:00',
      contacts: [{ type: 'call', value: '541-555-0102' }, { type: 'web', value: 'https://crisis.riverbend.example.org/es' }],
    });
    expect(entry.tags).toContain('youth');
  });

  test('when a 3.0 service has a phone without a number, then the error names its JSON path', () => {
    const page = JSON.parse(readFileSync(join(FIXTURES, 'v3/services.json'), 'utf8'));
    delete page.contents[0].phones[0].number;
    const file = join(work, 'broken.json');
    writeFileSync(file, JSON.stringify(page));
    expect(() => importHsds(['--in', file, '--name', 'x', '--region', 'US', '--out', work])).toThrow(/services\[0\]\.phones\[0\]: field "number" is required/);
  });
});

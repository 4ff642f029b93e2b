import { join } from 'node:path';
import { CrisisContacts, regionFromActivity } from '../../../bot/resources/crisisContacts';
import { firstPicker, Phrasebook } from '../../../bot/resources/phrasebook';
import { ResourceDirectory, validateEntry } from '../../../bot/resources/resourceDirectory';

const RESOURCES = join(__dirname, '..', '..', '..', 'resources');
const directory = ResourceDirectory.load(join(RESOURCES, 'directory'));
const phrasebook = Phrasebook.load(join(RESOURCES, 'locales'), firstPicker);
const contacts = new CrisisContacts(directory, phrasebook, 'US');

describe('CrisisContacts', () => {
  const regions: Array<[string, string, string]> = [
    ['US', '911', '988'],
    ['CA', '911', '988'],
    ['GB', '999', '116 123'],
    ['IE', '112', '116 123'],
    ['AU', '000', '13 11 14'],
    ['ES', '112', '024'],
    ['MX', '911', '800 911 2000'],
  ];

  it.each(regions)('when the person is in %s, then both languages show emergency %s and the line %s', (region, emergency, line) => {
    for (const locale of ['en', 'es']) {
      for (const style of ['rich', 'plain'] as const) {
        const text = contacts.render(region, locale, style);
        expect(text).toContain(emergency);
        expect(text).toContain(line);
      }
    }
    expect(contacts.render(region, 'es', 'plain')).toMatch(/peligro inmediato/);
    expect(contacts.render(region, 'en', 'plain')).toMatch(/immediate danger/);
  });

  it('when the region is unknown, then the person gets general emergency advice and the default region lines', () => {
    const text = contacts.render('ZZ', 'en', 'plain');
    expect(text).toMatch(/local emergency number/);
    expect(text).toContain('988');
  });

  it('when a line takes calls and texts on one number, then it is said once ("call or text 988")', () => {
    expect(contacts.render('US', 'en', 'rich')).toMatch(/call or text 988/);
  });

  it('when a text line needs a keyword, then the keyword is named', () => {
    expect(contacts.render('US', 'en', 'plain')).toMatch(/text HOME to 741741/);
  });

  it('when someone is unsafe at home, then a domestic-violence line comes first', () => {
    const card = contacts.card('ES', 'es', { prefer: 'domestic_violence' });
    expect(card.lines[0]!.kind).toBe('domestic_violence');
    expect(contacts.card('ES', 'es').lines.some((line) => line.kind === 'domestic_violence')).toBe(false);
  });

  it('when contacts are rendered for SMS, then the text is plain: no markdown and one paragraph', () => {
    const text = contacts.render('GB', 'en', 'plain');
    expect(text).not.toMatch(/\*\*|\n|^- /m);
    expect(text.length).toBeLessThan(400);
  });
});

describe('regionFromActivity', () => {
  const cases: Array<[string, string, Record<string, unknown>]> = [
    ['a Mexican Spanish locale', 'MX', { locale: 'es-MX' }],
    ['a British English locale', 'GB', { locale: 'en-GB' }],
    ['an SMS from an Irish number', 'IE', { channelId: 'sms', from: { id: '+353871234567' } }],
    ['an SMS from an Australian number', 'AU', { channelId: 'sms', from: { id: '+61412345678' } }],
    ['an SMS from a Spanish number', 'ES', { channelId: 'sms', from: { id: '+34612345678' } }],
    ['a web chat region hint', 'CA', { channelId: 'webchat', channelData: { region: 'ca' }, locale: 'en-US' }],
    ['a bare language', 'US', { locale: 'en' }],
    ['nothing at all', 'US', {}],
  ];
  it.each(cases)('when the activity has %s, then the region is %s', (_label, region, activity) => {
    expect(regionFromActivity(activity, 'US')).toBe(region);
  });
});

describe('ResourceDirectory validation', () => {
  const base = { id: 'x', name: 'X', kind: 'crisis_line', regions: ['US'], languages: ['en'], contacts: [{ type: 'call', value: '1' }], hours: '24/7', tags: [], source: 'https://example.org', verified: '2026-11-23' };
  const broken: Array<[string, Record<string, unknown>]> = [
    ['kind', { kind: 'spa' }],
    ['regions', { regions: ['usa'] }],
    ['contacts', { contacts: [] }],
    ['type', { contacts: [{ type: 'pigeon', value: '1' }] }],
    ['source', { source: 'word of mouth' }],
    ['verified', { verified: 'yesterday' }],
    ['languages', { languages: ['English'] }],
  ];
  it.each(broken)('when an entry has a bad %s, then the error names that field', (field, change) => {
    expect(() => validateEntry({ ...base, ...change }, 'test entry')).toThrow(new RegExp(`"${field}"`));
  });

  it('when the shipped directory loads, then every entry is valid and every shipped region has an emergency number', () => {
    for (const region of ['US', 'CA', 'GB', 'IE', 'AU', 'ES', 'MX']) {
      expect(directory.forRegion(region).some((entry) => entry.kind === 'emergency')).toBe(true);
    }
  });
});

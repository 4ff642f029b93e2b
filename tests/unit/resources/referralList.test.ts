import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importHsds } from '../../../scripts/importHsds';
import { CrisisContacts } from '../../../bot/resources/crisisContacts';
import { Phrasebook } from '../../../bot/resources/phrasebook';
import { ReferralList } from '../../../bot/resources/referralList';
import { ResourceDirectory } from '../../../bot/resources/resourceDirectory';

const RESOURCES = join(__dirname, '../../../resources');
let dir: string;
let referrals: ReferralList;
let phrasebook: Phrasebook;

beforeAll(() => {
  // The shipped national lines plus an imported county export, as a deployment would have them.
  dir = mkdtempSync(join(tmpdir(), 'referrals-'));
  copyFileSync(join(RESOURCES, 'directory/crisis-lines.json'), join(dir, 'crisis-lines.json'));
  importHsds(['--in', join(__dirname, '../../fixtures/hsds/v2'), '--name', 'riverbend', '--region', 'US-OR', '--verified', '2026-11-23', '--out', dir]);
  phrasebook = Phrasebook.load(join(RESOURCES, 'locales'), () => 0);
  const directory = ResourceDirectory.load(dir);
  referrals = new ReferralList(directory, phrasebook, new CrisisContacts(directory, phrasebook, 'US'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('ReferralList', () => {
  test.each([
    ['en', 'Here are some places that may be able to help:', 'call 541-555-0140 ext. 12', 'hours: Tue 10:00-14:00'],
    ['es', 'Estos lugares podrían ayudarte:', 'llama al 541-555-0140 ext. 12', 'horario: Tue 10:00-14:00'],
  ])('when someone in Oregon asks for food in %s, then the local pantry is listed with how to reach it and its hours', (locale, intro, way, hours) => {
    const text = referrals.render({ region: 'US-OR', locale, needs: ['food'] });
    expect(text).toContain(intro);
    expect(text).toContain('**Downtown Food Pantry**');
    expect(text).toContain(way);
    expect(text).toContain(hours);
    expect(text).toContain('100 Main Street, Riverbend, OR');
  });

  test('when nothing in the region matches, then it says so and gives the crisis contacts instead', () => {
    const text = referrals.render({ region: 'GB', locale: 'en', needs: ['food'] });
    expect(text).toContain(phrasebook.text('referral.none', 'en'));
    expect(text).toContain('999');
  });

  test('when the channel is SMS, then the list is one plain line without markup', () => {
    const text = referrals.render({ region: 'US-OR', locale: 'en', needs: ['crisis_line'], style: 'plain', max: 2 });
    expect(text).not.toMatch(/\n|\*\*/);
    expect(text).toContain('Riverbend 24-hour Crisis Line: ');
  });
});

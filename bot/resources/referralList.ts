import type { ContactStyle, CrisisContacts } from './crisisContacts';
import type { Phrasebook } from './phrasebook';
import type { ResourceDirectory, ResourceKind, ResourceQuery } from './resourceDirectory';

export interface ReferralRequest {
  readonly region: string;
  readonly locale: string;
  readonly needs: readonly ResourceKind[];
  readonly tags?: readonly string[];
  readonly style?: ContactStyle;
  readonly max?: number;
}

/**
 * Local services for a need (food, shelter, a peer group…), best matches first, in the person's language.
 * When nothing matches it says so and gives the crisis contacts, so the person never leaves empty-handed.
 */
export class ReferralList {
  constructor(
    private readonly directory: ResourceDirectory,
    private readonly phrasebook: Phrasebook,
    private readonly contacts: CrisisContacts,
  ) {}

  render(request: ReferralRequest): string {
    const locale = this.phrasebook.resolveLocale(request.locale);
    const style = request.style ?? 'rich';
    const query: ResourceQuery = { region: request.region, language: locale, needs: request.needs, tags: request.tags };
    const found = this.directory.match(query).slice(0, request.max ?? 3);
    if (found.length === 0) {
      return [this.phrasebook.text('referral.none', locale), this.contacts.render(request.region, locale, style)].join(style === 'plain' ? ' ' : '\n\n');
    }
    const lines = found.map((entry) => {
      const ways = this.contacts.describeContacts(entry.contacts, locale).join(`, ${this.phrasebook.text('crisis.or', locale)} `);
      const hours = entry.hours === '24/7'
        ? this.phrasebook.text('referral.hoursAllDay', locale)
        : entry.hours === 'unknown' ? undefined : this.phrasebook.text('referral.hours', locale, { hours: entry.hours });
      const tail = hours ? ` (${hours})` : '';
      return style === 'rich' ? `- **${entry.name}**: ${ways}${tail}` : `${entry.name}: ${ways}${tail}`;
    });
    const intro = this.phrasebook.text('referral.intro', locale);
    return style === 'plain' ? `${intro} ${lines.join('; ')}.` : [intro, ...lines].join('\n');
  }
}

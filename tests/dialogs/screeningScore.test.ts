import { needsAcuity, scoreScreening, type ScreeningAnswers } from '../../dialogs/screening/screeningScore';

const allNo = ['no', 'no', 'no', 'no'] as const;

describe('scoreScreening', () => {
  it.each<[string, ScreeningAnswers, string]>([
    ['all four ASQ items are no', { asq: allNo }, 'negative'],
    ['one ASQ item is yes and acuity is no', { asq: ['no', 'yes', 'no', 'no'], acuity: 'no' }, 'non_acute_positive'],
    ['an ASQ item is declined and acuity is no', { asq: ['declined', 'no', 'no', 'no'], acuity: 'no' }, 'non_acute_positive'],
    ['acuity is yes', { asq: ['yes', 'no', 'no', 'no'], acuity: 'yes' }, 'acute_positive'],
    ['acuity is declined', { asq: ['yes', 'no', 'no', 'no'], acuity: 'declined' }, 'acute_positive'],
    ['the C-SSRS intent item is yes', { asq: allNo, intent: 'yes' }, 'acute_positive'],
    ['the C-SSRS plan item is yes', { asq: ['yes', 'yes', 'no', 'no'], acuity: 'no', plan: 'yes' }, 'acute_positive'],
    ['behaviour within three months is yes', { asq: allNo, recentBehaviour: 'yes' }, 'acute_positive'],
  ])('when %s, then the outcome is the expected one', (_case, answers, expected) => {
    expect(scoreScreening(answers)).toBe(expected);
  });

  it('when fewer than four ASQ answers are given, then scoring says where the error comes from', () => {
    expect(() => scoreScreening({ asq: ['no'] })).toThrow(/screeningScore/);
  });
});

describe('needsAcuity', () => {
  it.each<[ScreeningAnswers['asq'], boolean]>([
    [allNo, false],
    [['no', 'no', 'no', 'yes'], true],
    [['no', 'declined', 'no', 'no'], true],
  ])('when the ASQ answers are %j, then acuity is asked: %s', (asq, expected) => {
    expect(needsAcuity({ asq })).toBe(expected);
  });
});

/** Triage outcome of the safety screening (see CLINICAL.md). */
export type ScreeningOutcome = 'negative' | 'non_acute_positive' | 'acute_positive';

/** One answer as understood from buttons or free text. */
export type ScreeningAnswer = 'yes' | 'no' | 'declined';

/** Answers gathered so far; items not asked are absent. */
export interface ScreeningAnswers {
  /** The four ASQ items, in order. */
  readonly asq: readonly ScreeningAnswer[];
  /** ASQ acuity item ("right now"); asked only when an ASQ item is yes or declined. */
  readonly acuity?: ScreeningAnswer;
  /** C-SSRS screener intent (item 4), plan (item 5) and behaviour within three months (item 6). */
  readonly intent?: ScreeningAnswer;
  readonly plan?: ScreeningAnswer;
  readonly recentBehaviour?: ScreeningAnswer;
}

const positive = (answer: ScreeningAnswer | undefined): boolean => answer === 'yes' || answer === 'declined';

/** Whether the ASQ acuity question must be asked next. */
export function needsAcuity(answers: ScreeningAnswers): boolean {
  return answers.asq.some(positive);
}

/**
 * Scores the screening. A declined acuity, intent, plan or recent-behaviour item counts as yes:
 * when in doubt the person is seen sooner, never later.
 */
export function scoreScreening(answers: ScreeningAnswers): ScreeningOutcome {
  if (answers.asq.length !== 4) throw new Error(`screeningScore: expected 4 ASQ answers, got ${answers.asq.length}`);
  if ([answers.acuity, answers.intent, answers.plan, answers.recentBehaviour].some(positive)) return 'acute_positive';
  return needsAcuity(answers) ? 'non_acute_positive' : 'negative';
}

import { LUISRuntimeClient } from '@azure/cognitiveservices-luis-runtime';
import { ApiKeyCredentials } from '@azure/ms-rest-js';
import type { IntentMap, RemoteRecognizer, RemoteVerdict } from './remoteRecognizer';

export interface LuisOptions {
  readonly appId: string;
  readonly endpoint: string;
  readonly key: string;
  readonly slot: 'production' | 'staging';
}

/**
 * LUIS v3 prediction through Microsoft's runtime client. Microsoft retired LUIS; this keeps existing
 * deployments working and shows how a successor (Azure CLU) plugs in behind `RemoteRecognizer`.
 */
export class LuisRecognizer implements RemoteRecognizer {
  readonly name = 'luis';
  private readonly client: LUISRuntimeClient;

  constructor(private readonly options: LuisOptions, private readonly intents: IntentMap) {
    const credentials = new ApiKeyCredentials({ inHeader: { 'Ocp-Apim-Subscription-Key': options.key } });
    // No retries: a failing LUIS should fail fast and let the circuit breaker count it.
    this.client = new LUISRuntimeClient(credentials, options.endpoint, { noRetryPolicy: true });
  }

  async recognize(text: string, _locale: string, signal: AbortSignal): Promise<RemoteVerdict> {
    // LUIS takes at most 500 characters per query; the embedded assessor has already read all of it.
    const query = text.slice(0, 500);
    const response = await this.client.prediction.getSlotPrediction(
      this.options.appId,
      this.options.slot,
      { query },
      { showAllIntents: true, log: false, abortSignal: signal as never },
    );
    const scores: Record<string, number> = {};
    for (const [intent, value] of Object.entries(response.prediction.intents ?? {})) scores[intent] = value.score ?? 0;
    return this.intents.toVerdict(text, scores, 'luis');
  }
}

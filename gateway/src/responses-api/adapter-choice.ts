/**
 * Per attempt, for a Responses client: OpenAI itself serves the Responses API, so its attempts are
 * native (the client's body, OpenAI's bytes). Every other provider, Azure included (its Responses
 * API sits at other URLs with preview api-versions), runs Chat Completions through its usual
 * adapter and the answer is translated; a request chat cannot carry is a 400 naming the field.
 */
import { adapterFor } from '../providers/index.js';
import type { AdapterChoice } from '../pipeline/run-attempts.js';
import { responsesNativeAdapter } from './native-adapter.js';
import { type Refusal, refusalError } from './refusal.js';

export function responsesAdapterChoice(body: Record<string, unknown>, refusal: Refusal | null, nativeAllowed: boolean): AdapterChoice {
  const native = responsesNativeAdapter(body);
  return (attempt) => {
    if (nativeAllowed && attempt.config.format === 'openai' && attempt.config.name === 'openai') return { adapter: native, native: true };
    if (refusal) throw refusalError(refusal, attempt.provider);
    return { adapter: adapterFor(attempt.config.format), native: false };
  };
}

/**
 * Per-call Helicone headers for a LangChain model (a ChatOpenAI, or one from `bindTools`): the
 * call option `{ options: { headers } }`, which the OpenAI client sends with that call only. They
 * win over the model's default headers and over the enclosing `withSession`.
 */
import { type HeliconeHeaderOptions, heliconeHeaders } from '../../gateway/src/client/index.js';

interface Configurable<R> {
  withConfig(config: { options: { headers: Record<string, string> } }): R;
}

export function withHeaders<R>(model: Configurable<R>, options: HeliconeHeaderOptions): R {
  return model.withConfig({ options: { headers: heliconeHeaders(options) } });
}

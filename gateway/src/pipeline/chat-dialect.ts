/** Clients of `/v1/chat/completions`: the pipeline's own format, so nearly nothing to translate. */
import type { ChatCompletion } from '../contract/chat.js';
import { expandManagedPrompt } from '../prompts/prompt-stage.js';
import type { ClientDialect } from './client-dialect.js';
import { chatAdapterChoice } from './run-attempts.js';
import { validateChatRequest } from './validate-chat-request.js';

const done = 'data: [DONE]\n\n';

export const chatDialect: ClientDialect = {
  name: 'chat',
  // Managed prompts (prompt_id + inputs) are expanded first; the expanded request is validated.
  toChatRequest: async (body, gateway, log) => validateChatRequest(await expandManagedPrompt(body, gateway, log)),
  adapterChoice: () => chatAdapterChoice,
  encodeCompletion: (completion) => JSON.stringify(completion),
  decodeAnswer(text) {
    const completion = JSON.parse(text) as unknown;
    if (!completion || typeof completion !== 'object' || Array.isArray(completion)) throw new Error('the answer is not a JSON object');
    return completion as ChatCompletion;
  },
  createStreamEncoder: () => ({
    chunk: (chunk) => `data: ${JSON.stringify(chunk)}\n\n`,
    end: () => done,
    error: (message, type) => `data: ${JSON.stringify({ error: { message, type, code: type, param: null } })}\n\n`,
  }),
  errorBody: (error) => error.toBody(),
};

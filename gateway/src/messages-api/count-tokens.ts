/**
 * `POST /v1/messages/count_tokens`, which Claude Code calls to size its context: answered by the
 * gateway itself with the estimate the context-limit feature uses (4 characters a token, see
 * context-limit/), whatever provider the model maps to. No provider is called, nothing is billed,
 * so nothing is logged. An estimate, not Anthropic's tokenizer: it is meant for budgeting.
 */
import { estimatePromptTokens } from '../context-limit/context-limit.js';
import { authenticate } from '../pipeline/authenticate.js';
import { parseJsonBody, readRequestBody } from '../pipeline/read-request-body.js';
import type { Handler } from '../server/router.js';
import { sendJson } from '../server/respond.js';
import { messagesDialect } from './messages-dialect.js';
import { promptToChat } from './to-chat-request.js';
import { validateCountTokensRequest } from './validate-messages-request.js';

export const handleCountTokens: Handler = async ({ req, res, gateway }) => {
  await authenticate(req, gateway.keys, messagesDialect.apiKeyHeader);
  const body = parseJsonBody(await readRequestBody(req, gateway.config.maxBodyBytes));
  const request = promptToChat(validateCountTokensRequest(body));
  sendJson(res, 200, { input_tokens: estimatePromptTokens(request) });
};

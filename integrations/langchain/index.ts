/**
 * Switchyard for LangChain JS: `switchyardChatModel({ model })` is a ChatOpenAI that goes through
 * the gateway with typed Helicone headers, a managed prompt and the enclosing `withSession`;
 * `withHeaders(model, { session, userId, … })` overrides them for one call.
 */
export { switchyardChatModel, type SwitchyardChatModelOptions } from './chat-model.js';
export { withHeaders } from './with-headers.js';
export { withSession } from '../session/index.js';

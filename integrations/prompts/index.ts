export { compilePrompt, PromptInputError, type PromptInputIssue, promptVariables } from './compile.js';
export { promptFields, type PromptReference } from './prompt-fields.js';
export { type BuiltPrompt, PromptManager, type PromptRequest } from './prompt-manager.js';
export { PromptPartialError, resolvePartials } from '../../gateway/src/prompts/resolve-partials.js';

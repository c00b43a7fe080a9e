export { compilePrompt, PromptInputError, promptVariables } from './compile.js';
export { promptFields, type PromptReference } from './prompt-fields.js';
export { type BuiltPrompt, PromptManager, type PromptRequest } from './prompt-manager.js';

export { compilePrompt, PromptInputError, promptVariables } from './compile.js';
export { promptFields, type PromptReference } from './prompt-fields.js';

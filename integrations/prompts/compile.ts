/** Helicone's prompt variables, compiled locally with the gateway's own compiler (one implementation). */
export { compilePrompt, PromptInputError, type PromptInputIssue, promptVariables } from '../../gateway/src/prompts/compile-variables.js';

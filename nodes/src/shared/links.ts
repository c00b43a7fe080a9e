/**
 * Documentation links shown in the nodes, the credential and the node codex. The package's own
 * page is its README (rendered on the npm registry); Helicone's pages explain the header features
 * that Switchyard implements with the same names.
 */
export const packageName = 'n8n-nodes-switchyard';

export const docs = {
  /** This package's README: setup, every option, the example workflows. */
  package: `https://www.npmjs.com/package/${packageName}`,
  credential: `https://www.npmjs.com/package/${packageName}#credentials`,
  chatModel: `https://www.npmjs.com/package/${packageName}#switchyard-chat-model`,
  actionNode: `https://www.npmjs.com/package/${packageName}#switchyard`,
  heliconeN8n: 'https://docs.helicone.ai/gateway/integrations/n8n',
  customProperties: 'https://docs.helicone.ai/features/advanced-usage/custom-properties',
  caching: 'https://docs.helicone.ai/features/advanced-usage/caching',
  rateLimits: 'https://docs.helicone.ai/features/advanced-usage/custom-rate-limits',
  feedback: 'https://docs.helicone.ai/features/advanced-usage/feedback',
  prompts: 'https://docs.helicone.ai/features/advanced-usage/prompts/overview',
} as const;

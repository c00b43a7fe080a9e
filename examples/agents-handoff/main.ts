/**
 * An OpenAI Agents SDK handoff through the gateway: a triage agent hands a customer to billing,
 * which looks up an invoice. One line connects the SDK; the run reads as one session tree
 * (/support/Triage, /support/Triage/Billing, …/tool/lookup_invoice).
 *   npx tsx examples/agents-handoff/main.ts        (offline: the mock model is told which tools to call)
 *   AGENTS_MODEL=gpt-4o-mini npx tsx examples/agents-handoff/main.ts "Where is invoice INV-7?"
 */
import { randomUUID } from 'node:crypto';
import { Agent, tool } from '@openai/agents';
import { z } from 'zod';
import { connectAgentsToGateway, runInSession } from '../../integrations/openai-agents/index.js';

connectAgentsToGateway();

const model = process.env.AGENTS_MODEL ?? 'mock';
const lookupInvoice = tool({
  name: 'lookup_invoice',
  description: 'Find an invoice by its id',
  parameters: z.object({ invoiceId: z.string().describe('e.g. INV-7') }),
  execute: async ({ invoiceId }) => ({ invoiceId, status: 'paid', amount: '42.00 USD' }),
});
const billing = new Agent({ name: 'Billing', instructions: 'Answer questions about invoices with lookup_invoice.', model, tools: [lookupInvoice] });
const triage = new Agent({ name: 'Triage', instructions: 'Hand billing questions to Billing.', model, handoffs: [billing] });

const question = process.argv[2] ?? (model === 'mock' ? 'mock:tools=transfer_to_Billing,lookup_invoice mock:arg=INV-7 Where is my invoice?' : 'Where is invoice INV-7?');
const sessionId = randomUUID();
const result = await runInSession({ id: sessionId, name: 'Support', path: '/support' }, triage, question);
console.log(`Session ${sessionId}`);
console.log(`Answered by ${result.lastAgent?.name}: ${result.finalOutput}`);

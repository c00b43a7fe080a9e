/**
 * The cookbook's three tools: their OpenAI definitions, and their execution, each logged as a
 * tool step of the session at its own path (/stock-chat/price/<ticker>, …).
 */
import type { ManualLogger } from '../../integrations/manual-logger/index.js';
import { withSession } from '../../integrations/session/index.js';
import type { MarketData } from './market-data.js';

export const toolDefinitions = [
  {
    type: 'function' as const,
    function: {
      name: 'get_stock_price',
      description: 'Fetches the current stock price for the given ticker symbol',
      parameters: { type: 'object', properties: { ticker_symbol: { type: 'string', description: "The stock ticker symbol (e.g., 'AAPL', 'MSFT')" } }, required: ['ticker_symbol'] },
    },
  },
  {
    type: 'function' as const,
    function: {
      name: 'get_company_ceo',
      description: 'Fetches the name of the CEO for the company associated with the ticker symbol',
      parameters: { type: 'object', properties: { ticker_symbol: { type: 'string', description: 'The stock ticker symbol' } }, required: ['ticker_symbol'] },
    },
  },
  {
    type: 'function' as const,
    function: {
      name: 'find_ticker_symbol',
      description: 'Tries to identify the stock ticker symbol for a given company name',
      parameters: { type: 'object', properties: { company_name: { type: 'string', description: 'The name of the company' } }, required: ['company_name'] },
    },
  },
];

type ToolResult = Record<string, unknown>;

export async function runTool(name: string, args: Record<string, string>, data: MarketData, logger: ManualLogger): Promise<ToolResult> {
  const step = (path: string, source: string, operation: string, input: Record<string, string>, work: () => Promise<ToolResult>) =>
    withSession({ path }, () =>
      logger.logRequest({ _type: 'tool', toolName: name, input, metadata: { source, operation } }, async (recorder) => {
        const result = await work();
        recorder.appendResults(result);
        return result;
      }),
    );

  switch (name) {
    case 'get_stock_price': {
      const ticker = String(args.ticker_symbol ?? '').toUpperCase();
      return step(`price/${ticker.toLowerCase()}`, 'market-data', 'get_current_price', { ticker_symbol: ticker }, async () => {
        const price = await data.price(ticker);
        return price === undefined ? { ticker, error: 'Price not found', status: 'error' } : { ticker, price, formatted_price: `${price.toFixed(2)} USD`, status: 'success' };
      });
    }
    case 'get_company_ceo': {
      const ticker = String(args.ticker_symbol ?? '').toUpperCase();
      return step(`ceo/${ticker.toLowerCase()}`, 'market-data', 'get_company_officers', { ticker_symbol: ticker }, async () => {
        const ceo = (await data.officers(ticker)).find((officer) => /\bceo\b|chief executive/i.test(officer.title));
        return ceo ? { ticker, ceo: ceo.name, status: 'success' } : { ticker, ceo: null, status: 'not_found' };
      });
    }
    case 'find_ticker_symbol': {
      const company = String(args.company_name ?? '');
      return step(`search/${company.toLowerCase().replace(/ /g, '-')}`, 'market-data', 'ticker_search', { company_name: company }, async () => {
        const tickers = await data.searchTicker(company);
        return tickers.length ? { company_name: company, ticker: tickers[0], results_count: tickers.length, status: 'success' } : { company_name: company, error: 'No ticker found', status: 'not_found' };
      });
    }
    default:
      return { error: `Unknown tool ${name}`, status: 'error' };
  }
}

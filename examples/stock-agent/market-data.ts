/**
 * Where the stock agent's facts come from: an interface, and an offline fixture so the example
 * runs with no network. A live source (a market-data API) implements the same three methods.
 */
export interface MarketData {
  /** The latest price in USD, or undefined when the ticker is unknown. */
  price(ticker: string): Promise<number | undefined>;
  /** The company's officers with their titles. */
  officers(ticker: string): Promise<Array<{ name: string; title: string }>>;
  /** Tickers whose company name matches, best first. */
  searchTicker(companyName: string): Promise<string[]>;
}

const companies = [
  { ticker: 'NIO', name: 'NIO Inc.', price: 3.69, officers: [{ name: 'Mr. William Li', title: 'Founder, Chairman & CEO' }] },
  { ticker: 'XPEV', name: 'XPeng Inc.', price: 20.51, officers: [{ name: 'Mr. Xiaopeng He', title: 'Chairman & CEO' }] },
  { ticker: 'LI', name: 'Li Auto Inc.', price: 22.84, officers: [{ name: 'Mr. Xiang Li', title: 'Founder, Chairman & CEO' }] },
  { ticker: 'TSLA', name: 'Tesla, Inc.', price: 251.3, officers: [{ name: 'Mr. Elon R. Musk', title: 'Co-Founder, Technoking of Tesla, CEO & Director' }] },
  { ticker: 'AAPL', name: 'Apple Inc.', price: 227.52, officers: [{ name: 'Mr. Timothy D. Cook', title: 'CEO & Director' }] },
];

/** Fixed quotes for a handful of companies: deterministic, offline. */
export const fixtureMarketData: MarketData = {
  async price(ticker) {
    return companies.find((company) => company.ticker === ticker.toUpperCase())?.price;
  },
  async officers(ticker) {
    return companies.find((company) => company.ticker === ticker.toUpperCase())?.officers ?? [];
  },
  async searchTicker(companyName) {
    const wanted = companyName.toLowerCase();
    return companies.filter((company) => company.name.toLowerCase().includes(wanted) || company.ticker.toLowerCase() === wanted).map((company) => company.ticker);
  },
};

export { currentSession, joinPath, withSession, type ActiveSession, type SessionContext } from './context.js';
export { sessionFetch, sessionHeaders } from './session-fetch.js';
export { gatewayConfig, type GatewayConfig, type GatewayOptions } from './gateway-config.js';

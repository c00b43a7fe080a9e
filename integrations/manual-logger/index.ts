export { LogBuilder, type LoggedRequest, ManualLogger, type ManualLoggerOptions, type ResultRecorder } from './manual-logger.js';

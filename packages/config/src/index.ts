export { loadConfig, ConfigError, CONFIG_KEYS, type Config } from './config.js';
export { createLogger, REDACT_PATHS, type Logger } from './logger.js';
export { describeServiceFailure, readServiceAddress, redactUrl, type ServiceFailure } from './service-url.js';

/**
 * The Proxy API, version 1 (docs/api.md): the one contract between the datasource and the proxy. Both import it
 * from here; nothing of it is declared anywhere else.
 */
export * from './aws';
export * from './errors';
export * from './fieldPath';
export * from './frames';
export * from './health';
export * from './query';
export * from './queryId';
export * from './region';
export * from './resources';
export * from './responses';
export * from './routes';

// The pure domain module of Switchboard: no browser or Node APIs, importable by the plugin, the proxy and the simulator.
export * from './channels';
export * from './units';
export * from './realtimeMetrics';
export * from './realtimeRules';
export * from './cloudwatchCatalog';
export * from './quotas';
export * from './historicalMetrics';
export * from './historicalRules';
export * from './agentRules';
export * from './agentColumns';

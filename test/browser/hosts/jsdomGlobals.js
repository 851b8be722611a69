// Browser APIs that jsdom (jest-environment-jsdom 29) lacks and Grafana 13's frontend uses; every browser Grafana
// supports has them. MessageChannel: React 19's react-dom (its server renderer, which @grafana/ui 13 imports)
// schedules with it; Node's own would keep jest's workers alive, so a message here is a timer task, as in a
// browser. URL.canParse: @grafana/data 13 sanitizes links with @braintree/sanitize-url 7, which calls it.
if (typeof globalThis.MessageChannel === 'undefined') {
  globalThis.MessageChannel = class MessageChannel {
    constructor() {
      const port = () => ({ onmessage: null, close() {}, start() {}, addEventListener() {}, removeEventListener() {} });
      this.port1 = port();
      this.port2 = port();
      const link = (from, to) => {
        from.postMessage = (data) => setTimeout(() => to.onmessage && to.onmessage({ data }), 0);
      };
      link(this.port1, this.port2);
      link(this.port2, this.port1);
    }
  };
}

if (typeof URL.canParse !== 'function') {
  URL.canParse = (url, base) => {
    try {
      new URL(url, base);
      return true;
    } catch {
      return false;
    }
  };
}

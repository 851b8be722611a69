// Jest setup provided by Grafana scaffolding
import './.config/jest-setup';

// jsdom has no IntersectionObserver; the Select menu of @grafana/ui uses one for its scroll shadows only.
if (typeof window !== 'undefined' && !('IntersectionObserver' in window)) {
  Object.defineProperty(window, 'IntersectionObserver', {
    writable: true,
    value: class {
      observe() {}
      unobserve() {}
      disconnect() {}
      takeRecords() {
        return [];
      }
    },
  });
}


// A test that renders real @grafana/ui editors (Select menus, async option loading) takes 1–3 s alone, and more than
// jest's default 5 s when the 2 cores of a CI machine also run the proxy, the simulator and Chromium for other layers:
// a slow machine must not read as a failure. A test that hangs still fails, at 20 s.
jest.setTimeout(20_000);

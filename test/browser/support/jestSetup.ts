// Chromium, the simulator and the proxy start in beforeAll; a page load and a query take seconds on 2 cores.
jest.setTimeout(60_000);

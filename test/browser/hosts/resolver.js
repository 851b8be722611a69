// A jest resolver that runs the plugin's jsdom tests on one Grafana release's frontend (docs/testing.md): every
// import of Grafana's packages, React or rxjs, from the code under test and from the root's packages alike, resolves
// in the release's tree under test/browser/hosts/ (with its package exports, e.g. @grafana/data/unstable).
const path = require('path');

const GRAFANA = /^(@grafana\/(data|ui|runtime|schema|i18n|e2e-selectors|scenes)|react|react-dom|rxjs)(\/|$)/;

module.exports = (hostDir) => (request, options) => {
  const modules = path.join(hostDir, 'node_modules');
  const inTree = options.basedir.startsWith(modules);
  return options.defaultResolver(
    request,
    GRAFANA.test(request) && !inTree ? { ...options, basedir: hostDir } : options
  );
};

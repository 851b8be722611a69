// The jest resolver of the jsdom tests on Grafana 12.4 (../resolver.js).
module.exports = require('../resolver')(__dirname);

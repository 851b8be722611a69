// The jest resolver of the jsdom tests on Grafana 13.2 (../resolver.js).
module.exports = require('../resolver')(__dirname);

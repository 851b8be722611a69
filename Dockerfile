# Switchboard's images. docker-compose.yaml builds two targets of this file; nothing has to be installed or built
# on the host first (docs/deployment.md).
#
#   deps           node_modules for package-lock.json (everything, dev dependencies included)
#   plugin-build   the Grafana plugin into /app/dist (npm run build)
#   runtime-deps   only what the simulator and the proxy import at run time
#   node-services  the simulator and the proxy (target of the compose services `simulator`, `proxy` and
#                  `grafana-setup`)
#   grafana        Grafana with the built plugin (dashboards included) and the provisioning (compose service `grafana`)

# Node 24, the LTS line of .nvmrc, package.json's engines and CI (docs/deployment.md, "Node"): Node 20 reached its end
# of life in April 2026, and AWS SDK for JavaScript releases after the first week of January 2027 need Node 22 or
# later; 24 is supported until April 2028, 22 only until April 2027. Debian (glibc) rather than Alpine: @swc/core and
# esbuild ship glibc binaries first, and the build is the one CI runs.
ARG NODE_IMAGE=node:24-bookworm-slim
# The current Grafana release, 13.2.3 (React 19): the browser layer runs the plugin on its frontend packages as well
# as on 12.4.10's, the oldest supported, which the plugin is built against (test/browser/hosts, docs/testing.md). It
# has to satisfy every plugin.json's grafanaDependency (>=12.4.10) and be a tested release;
# test/integration/stack-images.test.ts checks both. Another release: `docker compose build --build-arg
# GRAFANA_VERSION=x.y.z grafana` (docs/deployment.md, "Upgrading").
ARG GRAFANA_VERSION=13.2.3

# ---------------------------------------------------------------------------------------------------------------
FROM ${NODE_IMAGE} AS deps
WORKDIR /app
ENV PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 \
    NPM_CONFIG_AUDIT=false \
    NPM_CONFIG_FUND=false \
    NPM_CONFIG_UPDATE_NOTIFIER=false
COPY package.json package-lock.json ./
# `npm ci`: exactly the lockfile, which holds every platform's optional builds (@swc/core, esbuild), so amd64 and arm64
# images install the same versions as CI.
RUN npm ci

# ---------------------------------------------------------------------------------------------------------------
FROM deps AS plugin-build
# The whole context (.dockerignore keeps node_modules, dist and test artefacts out, so the node_modules installed
# above for Linux are not overwritten by the host's).
COPY . .
RUN npm run build

# ---------------------------------------------------------------------------------------------------------------
FROM deps AS runtime-deps
# The plugin's browser libraries are `dependencies` because webpack bundles or externalises them, but Grafana
# supplies them at run time and no Node code imports them: dropping them and the dev dependencies shrinks
# node_modules from about 900 MB to about 100 MB. stack-images.test.ts checks that every package the simulator, the
# proxy and src/connect import stays.
RUN npm pkg delete dependencies.@grafana/data dependencies.@grafana/i18n dependencies.@grafana/runtime \
      dependencies.@grafana/schema dependencies.@grafana/ui dependencies.@emotion/css dependencies.react \
      dependencies.react-dom dependencies.rxjs \
 && npm prune --omit=dev

# ---------------------------------------------------------------------------------------------------------------
# The simulator and the proxy run from their TypeScript sources with tsx, exactly as `npm run sim` and
# `npm run proxy` do, rather than compiled with `npm run build:node`: tsx is a runtime dependency already, startup
# costs well under a second, and the simulator reads its scenario (simulator/scenario/default.yaml) next to its
# source, which a compiled build/ tree would not have. docker-compose.yaml runs `node --import tsx <cli>.ts`
# instead of `npm run ...` so that node itself receives SIGTERM and both services shut down gracefully.
FROM ${NODE_IMAGE} AS node-services
ENV NODE_ENV=production
WORKDIR /app
COPY --from=runtime-deps /app/node_modules ./node_modules
COPY package.json ./
# src/connect is the pure domain module both services import (Connect's rules, metric catalogue, units).
COPY src/connect ./src/connect
COPY simulator ./simulator
COPY proxy ./proxy
# The compose service grafana-setup runs this: it enables the app in Grafana once Grafana runs (docs/deployment.md).
COPY provisioning/grafana-setup ./provisioning/grafana-setup
USER node
EXPOSE 4599 8080
# The compose file sets the command per service; without one the image runs the proxy.
CMD ["node", "--import", "tsx", "proxy/cli.ts"]

# ---------------------------------------------------------------------------------------------------------------
FROM grafana/grafana:${GRAFANA_VERSION} AS grafana
# The app plugin as Grafana expects an installed plugin: one folder named after the app's id in the plugins
# directory, holding the nested datasource and panels (dist/datasource, dist/panels/*) and the dashboards the app
# includes (dist/dashboards/*.json, which Grafana imports when the app is first enabled). The plugin is unsigned;
# the compose file allows exactly its ids (GF_PLUGINS_ALLOW_LOADING_UNSIGNED_PLUGINS).
COPY --from=plugin-build /app/dist /var/lib/grafana/plugins/switchboard-connect-app
# Provisioning is part of the image (not mounted), so the stack needs no files from the host at run time. After
# changing these files run `docker compose up --build`. No provisioning/plugins: Grafana does not start when an app
# provisioned there failed to load; the compose service grafana-setup enables the app through the HTTP API instead.
COPY provisioning/datasources /etc/grafana/provisioning/datasources

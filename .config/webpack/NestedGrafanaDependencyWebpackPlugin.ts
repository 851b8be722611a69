import webpack from 'webpack';

const PLUGIN_NAME = 'NestedGrafanaDependencyWebpack';

/**
 * Switchboard: the nested plugins (datasource/, panels/*) ship and are tested only inside the app, so the app's
 * dependencies.grafanaDependency (the root plugin.json) is theirs too: the build writes it into every nested
 * plugin.json in dist/, and one place is raised when the tested Grafana release moves
 * (test/integration/plugin-manifests.test.ts checks dist/).
 */
export class NestedGrafanaDependencyWebpackPlugin {
  constructor(private readonly grafanaDependency: string) {}

  apply(compiler: webpack.Compiler) {
    compiler.hooks.compilation.tap(PLUGIN_NAME, (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: PLUGIN_NAME, stage: webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          for (const asset of compilation.getAssets()) {
            if (!asset.name.endsWith('/plugin.json')) {
              continue;
            }
            const manifest = JSON.parse(asset.source.source().toString());
            manifest.dependencies = { ...manifest.dependencies, grafanaDependency: this.grafanaDependency };
            compilation.updateAsset(asset.name, new webpack.sources.RawSource(JSON.stringify(manifest, null, 4)));
          }
        }
      );
    });
  }
}

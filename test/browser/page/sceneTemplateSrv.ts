import type { ScopedVars, TypedVariableModel } from '@grafana/data';
import type { TemplateSrv } from '@grafana/runtime';
import { sceneGraph, type SceneObject } from '@grafana/scenes';

/**
 * Grafana's TemplateSrv as it behaves in a scenes dashboard (public/app/features/templating/template_srv.ts): it
 * holds no variables and formats nothing itself. replace() hands the text to scenes' interpolation
 * (sceneGraph.interpolate: variables, All and multi-value, formats, macros) from the scene object of the request
 * (scopedVars.__sceneObject, set by SceneQueryRunner and the query variable runner), else from the active dashboard
 * scene (window.__grafanaSceneContext, which Grafana's DashboardScene sets when it activates).
 */
type SceneWindow = { __grafanaSceneContext?: SceneObject };
const sceneWindow = () => window as unknown as SceneWindow;

/** The dashboard scene the page shows, as Grafana's DashboardScene registers itself on activation. */
export function setActiveScene(scene: SceneObject | undefined): void {
  sceneWindow().__grafanaSceneContext = scene;
}

function sceneOf(scopedVars?: ScopedVars): SceneObject | undefined {
  // __sceneObject is a SafeSerializableSceneObject: valueOf() is the scene object itself.
  const fromRequest = (scopedVars?.__sceneObject?.value as { valueOf(): SceneObject } | undefined)?.valueOf();
  const active = sceneWindow().__grafanaSceneContext;
  return fromRequest ?? (active?.isActive ? active : undefined);
}

const NAME = /\$(\w+)|\[\[(\w+?)(?::\w+)?\]\]|\${(\w+)(?:\.[^:^}]+)?(?::[^}]+)?}/g;

export const sceneTemplateSrv: TemplateSrv = {
  replace(target, scopedVars, format) {
    const scene = sceneOf(scopedVars);
    return scene && target
      ? sceneGraph.interpolate(scene, target, scopedVars, format as Parameters<typeof sceneGraph.interpolate>[3])
      : (target ?? '');
  },
  getVariables() {
    const scene = sceneOf();
    const variables = scene ? sceneGraph.getVariables(scene).state.variables : [];
    return variables.map((v) => ({ ...v.state, current: { value: v.getValue(), text: v.getValueText?.() } }) as never);
  },
  containsTemplate(target) {
    const scene = sceneOf();
    const names = [...(target ?? '').matchAll(NAME)].map((m) => m[1] ?? m[2] ?? m[3]);
    return scene !== undefined && names.some((n) => sceneGraph.lookupVariable(n, scene) !== null);
  },
  updateTimeRange() {},
} as TemplateSrv & { getVariables(): TypedVariableModel[] };

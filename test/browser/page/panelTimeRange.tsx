/**
 * A panel's relative time and time shift (panel JSON `timeFrom`, `timeShift`) as Grafana's dashboard scene applies
 * them: Grafana's PanelTimeRange (public/app/features/dashboard-scene/scene/PanelTimeRange.tsx) is not published, so
 * this stands in for it with the same rules. It follows the dashboard's range; `timeFrom` ("30d", "now/d") replaces
 * it only while that range is relative, `timeShift` moves the result back; the panel's title shows what it did
 * ("Last 30 days"), as Grafana's does, unless `hideTimeOverride`.
 */
import React from 'react';
import { dateMath, getDefaultTimeRange, rangeUtil, type TimeRange } from '@grafana/data';
import {
  sceneGraph,
  SceneTimeRangeTransformerBase,
  type SceneComponentProps,
  type SceneTimeRangeLike,
  type SceneTimeRangeState,
} from '@grafana/scenes';
import { Icon, PanelChrome } from '@grafana/ui';

interface PanelTimeRangeState extends SceneTimeRangeState {
  timeFrom?: string;
  timeShift?: string;
  hideTimeOverride?: boolean;
  timeInfo?: string;
}

export class PanelTimeRange extends SceneTimeRangeTransformerBase<PanelTimeRangeState> implements SceneTimeRangeLike {
  static Component = ({ model }: SceneComponentProps<PanelTimeRange>) => {
    const { timeInfo, hideTimeOverride } = model.useState();
    return timeInfo && !hideTimeOverride ? (
      <PanelChrome.TitleItem>
        <Icon name="clock-nine" size="sm" /> {timeInfo}
      </PanelChrome.TitleItem>
    ) : null;
  };

  constructor(state: Partial<PanelTimeRangeState>) {
    // Not a range until activated: then it is the dashboard's, overridden.
    super({ ...state, from: 'now-6h', to: 'now', value: getDefaultTimeRange() });
    this.addActivationHandler(() => {
      const { timeRange, timeInfo } = this.override(this.getAncestorTimeRange().state.value);
      this.setState({ value: timeRange, timeInfo, from: String(timeRange.raw.from), to: String(timeRange.raw.to) });
    });
  }

  protected ancestorTimeRangeChanged(range: SceneTimeRangeState): void {
    const { timeRange, timeInfo } = this.override(range.value);
    this.setState({ value: timeRange, timeInfo });
  }

  private override(parent: TimeRange): { timeRange: TimeRange; timeInfo: string } {
    let timeRange = parent;
    let timeInfo = '';
    if (this.state.timeFrom) {
      const info = rangeUtil.describeTextRange(sceneGraph.interpolate(this, this.state.timeFrom));
      if (info.invalid) {
        return { timeRange, timeInfo: 'invalid time override' };
      }
      // An absolute dashboard range (a zoom, a link with times) wins over the panel's relative time.
      if (rangeUtil.isRelativeTimeRange(parent.raw)) {
        const zone = this.getTimeZone();
        timeInfo = info.display;
        timeRange = {
          from: dateMath.parse(info.from, undefined, zone)!,
          to: dateMath.parse(info.to, undefined, zone)!,
          raw: { from: info.from, to: info.to },
        };
      }
    }
    if (this.state.timeShift) {
      const shift = sceneGraph.interpolate(this, this.state.timeShift);
      if (rangeUtil.describeTextRange(shift).invalid) {
        return { timeRange, timeInfo: 'invalid timeshift' };
      }
      const from = dateMath.parseDateMath(`-${shift}`, timeRange.from, false)!;
      const to = dateMath.parseDateMath(`-${shift}`, timeRange.to, true)!;
      timeInfo += ` timeshift -${shift}`;
      timeRange = { from, to, raw: { from, to } };
    }
    return { timeRange, timeInfo };
  }
}

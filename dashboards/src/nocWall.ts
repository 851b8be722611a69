import { layout, queueWallPanel } from './builders';
import { dashboard } from './dashboard';
import { WALLBOARD_RULES } from './queueRules';
import { channelVar, datasourceVar, instanceVar, queueVar, regionVar } from './variables';

/**
 * The NOC wall: the queue wallboard alone, filling a 1080p screen in Grafana's kiosk mode (open it with ?kiosk),
 * its text sized for a 55″ TV read from 3 m. With more queues than fit at that size it shows every alert and
 * warning and one tile that counts the rest.
 */

/** Grafana's grid: 27 rows of 30 px with 8 px gaps is 1018 px, a 1080-row screen less kiosk mode's margins. */
const WALL_ROWS = 27;

const wallboard = queueWallPanel({
  title: 'Queues now',
  description:
    'Every queue in real time, alerts and warnings first: contacts waiting, the oldest contact (counting between ' +
    'refreshes) and available agents, judged by the same rules as the Queues dashboard. Sized for a 55″ TV read ' +
    'from 3 m; queues that do not fit at that size are counted on one tile.',
  w: 24,
  h: WALL_ROWS,
  options: {
    // Three metrics on the tile (more tiles fit at a TV's size); agents online only tells closed queues apart.
    tiles: { metrics: WALLBOARD_RULES.slice(0, 3) },
    viewing: { mode: 'tv', distanceM: 3, screenInches: 55 },
  },
});

export const nocWall = dashboard({
  key: 'wall',
  description:
    'The queue wallboard alone, for a wall screen in kiosk mode (?kiosk): text sized for a 55″ TV read from 3 m, ' +
    'alerts and warnings first, a loud banner when the data stops coming.',
  tags: ['queues', 'real-time', 'wall'],
  refresh: '10s',
  time: { from: 'now-1h', to: 'now' },
  variables: [datasourceVar, regionVar, instanceVar, queueVar, channelVar],
  panels: layout([wallboard]),
});

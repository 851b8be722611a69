import { hashString, uuidFrom } from '../model/random';

/**
 * The people side of an instance that scenarios do not describe: agents' first and last names and a small user
 * hierarchy (level one sites, level two teams). Derived from the instance alias and the agent ids alone, as every
 * other id of the world is, so names and groups stay put across runs and seeds.
 */

export interface HierarchyGroupWorld {
  index: number;
  id: string;
  arn: string;
  name: string;
  /** 1 (site) or 2 (team). */
  level: 1 | 2;
  /** The level-one group of a team; undefined for a site. */
  parentIndex?: number;
}

export const SITES = ['Leeds', 'Halifax'] as const;
export const TEAMS_PER_SITE = 3;

const FIRST = [
  'Amelia',
  'Oliver',
  'Isla',
  'George',
  'Ava',
  'Noah',
  'Mia',
  'Arthur',
  'Ivy',
  'Leo',
  'Freya',
  'Oscar',
  'Lily',
  'Harry',
  'Grace',
  'Jack',
  'Sofia',
  'Theo',
  'Rosie',
  'Finley',
  'Aisha',
  'Mohammed',
  'Priya',
  'Arjun',
  'Chloe',
  'Daniel',
  'Zara',
  'Samuel',
  'Nina',
  'Tomasz',
  'Elena',
  'Mateo',
  'Hana',
  'Kofi',
  'Yara',
  'Ravi',
  'Maya',
  'Lucas',
  'Anna',
  'Joseph',
];
const LAST = [
  'Smith',
  'Jones',
  'Taylor',
  'Brown',
  'Williams',
  'Wilson',
  'Johnson',
  'Davies',
  'Patel',
  'Wright',
  'Robinson',
  'Walker',
  'Thompson',
  'White',
  'Hughes',
  'Edwards',
  'Green',
  'Hall',
  'Wood',
  'Harris',
  'Khan',
  'Lewis',
  'Martin',
  'Jackson',
  'Clarke',
  'Clark',
  'Turner',
  'Hill',
  'Scott',
  'Cooper',
  'Morris',
  'Ward',
  'Moore',
  'King',
  'Watson',
  'Baker',
  'Nowak',
  'Okafor',
  'Singh',
  'Murphy',
];

/** An agent's first and last name, from its id. */
export function agentName(alias: string, agentId: string): { firstName: string; lastName: string } {
  const h = hashString(`name:${alias}:${agentId}`);
  return { firstName: FIRST[h % FIRST.length], lastName: LAST[Math.floor(h / FIRST.length) % LAST.length] };
}

/** The groups of an instance: sites first, then their teams (site by site). */
export function hierarchyGroups(alias: string, sub: (kind: string, id: string) => string): HierarchyGroupWorld[] {
  const groups: HierarchyGroupWorld[] = [];
  const group = (name: string, level: 1 | 2, parentIndex?: number) => {
    const id = uuidFrom(`hierarchy-group:${alias}:${name}`);
    groups.push({ index: groups.length, id, arn: sub('agent-group', id), name, level, parentIndex });
  };
  SITES.forEach((site) => group(site, 1));
  SITES.forEach((site, s) => {
    for (let t = 0; t < TEAMS_PER_SITE; t++) {
      group(`${site} Team ${String.fromCharCode(65 + t)}`, 2, s);
    }
  });
  return groups;
}

/** The team (a level-two group index) of the agent at a position of the instance. */
export function teamOf(agentIndex: number): number {
  return SITES.length + (agentIndex % (SITES.length * TEAMS_PER_SITE));
}

/** A group and those above it, top first (LevelOne, LevelTwo). */
export function hierarchyPath(groups: readonly HierarchyGroupWorld[], index: number): HierarchyGroupWorld[] {
  const path: HierarchyGroupWorld[] = [];
  for (
    let g: HierarchyGroupWorld | undefined = groups[index];
    g;
    g = g.parentIndex === undefined ? undefined : groups[g.parentIndex]
  ) {
    path.unshift(g);
  }
  return path;
}

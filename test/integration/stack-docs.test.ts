import path from 'node:path';
import { composeRaw, composeVariables, publishedContainerPorts, service } from './stack/compose';
import { variablesIn } from './stack/provisioning';
import { baseImage, stage } from './stack/dockerfile';
import { exists, plugins, read, readJson } from './stack/repo';

/**
 * docs/deployment.md and the README against the stack they describe: every variable the compose file reads is
 * documented with its real default, the versions, ports, ids and IAM actions the doc names are the files' own,
 * every relative link and image resolves, and the README opens with the two commands.
 */

const DOC = 'docs/deployment.md';

/** The rows of the first markdown table whose header starts with `first`, as arrays of cells. */
function table(markdown: string, first: string): string[][] {
  const lines = markdown.split('\n');
  const start = lines.findIndex((l) => l.startsWith(`| ${first} |`));
  if (start < 0) {
    throw new Error(`no table starting with "${first}"`);
  }
  const rows: string[][] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) {
      break;
    }
    rows.push(
      line
        .slice(1, -1)
        .split(' | ')
        .map((c) => c.trim())
    );
  }
  return rows;
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
const anchor = (heading: string) =>
  heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');

/** Every relative link and image of a markdown file, resolved against its folder. */
function relativeLinks(file: string): Array<{ target: string; hash?: string; text: string }> {
  const links: Array<{ target: string; hash?: string; text: string }> = [];
  const text = read(file).replace(/```[\s\S]*?```/g, '');
  for (const [, label, href] of text.matchAll(/!?\[([^\]]*)\]\(([^)\s]+)\)/g)) {
    if (/^[a-z]+:/.test(href)) {
      continue;
    }
    const [rel, hash] = href.split('#');
    links.push({
      target: rel === '' ? file : path.posix.normalize(path.posix.join(path.posix.dirname(file), rel)),
      hash,
      text: label,
    });
  }
  return links;
}

describe('docs/deployment.md', () => {
  it('documents every variable the compose file reads, with the default the compose file gives it', () => {
    const rows = new Map(table(read(DOC), 'variable').map((r) => [r[0].replace(/`/g, ''), r]));
    const variables = composeVariables();
    expect(variables.size).toBeGreaterThanOrEqual(14);
    for (const [name, fallback] of variables) {
      const row = rows.get(name);
      expect([name, row !== undefined]).toEqual([name, true]);
      const documented = (row as string[])[1];
      const expected = fallback === undefined || fallback === '' ? 'empty' : `\`${fallback}\``;
      expect([name, documented.startsWith(expected)]).toEqual([name, true]);
    }
    // ... and nothing the compose file does not read.
    expect([...rows.keys()].filter((n) => !variables.has(n))).toEqual([]);
  });

  it("names the variables Grafana's provisioning reads, under the same names outside Docker", () => {
    // docs/deployment.md, "Without Docker": give Grafana's server the variables marked "Grafana's datasource".
    const marked = table(read(DOC), 'variable')
      .filter((r) => r[2].includes("Grafana's datasource"))
      .map((r) => r[0].replace(/`/g, ''))
      .sort();
    const provisioned = [...new Set(variablesIn('provisioning/datasources/switchboard.yaml'))].sort();
    expect(provisioned).toEqual(marked);
    // In the stack each reaches the container under its own name, from the compose variable of that name.
    const raw = composeRaw.services.grafana.environment ?? {};
    for (const name of marked) {
      expect([name, raw[name]]).toEqual([name, expect.stringMatching(new RegExp(`^\\$\\{${name}(:?-[^}]*)?\\}$`))]);
    }
  });

  it('names the services with the ports they publish and the images they run', () => {
    const rows = table(read(DOC), 'service');
    const byName = new Map(rows.map((r) => [r[0].replace(/`/g, ''), r]));
    for (const name of ['grafana', 'proxy', 'simulator', 'prometheus']) {
      const row = byName.get(name);
      expect([name, row !== undefined]).toEqual([name, true]);
      for (const port of publishedContainerPorts(name)) {
        expect([name, (row as string[])[1].includes(String(port))]).toEqual([name, true]);
      }
    }
    const grafanaImage = baseImage(stage(service('grafana').build?.target as string));
    expect(byName.get('grafana')?.[2]).toContain(`\`${grafanaImage}\``);
    expect(byName.get('prometheus')?.[2]).toContain(`\`${service('prometheus').image}\``);
  });

  it('lists the plugin ids the stack allows unsigned, and the Grafana release it runs', () => {
    const doc = read(DOC);
    for (const p of plugins) {
      expect([p.id, doc.includes(`\`${p.id}\``)]).toEqual([p.id, true]);
    }
    const version = baseImage(stage('grafana')).split(':')[1];
    expect(doc).toContain(`Grafana ${version}`);
  });

  it('lists exactly the IAM actions of docs/iam-policy.json', () => {
    const policy = readJson<{ Statement: Array<{ Action: string[] }> }>('docs/iam-policy.json');
    const granted = policy.Statement.flatMap((s) => s.Action).sort();
    const documented = table(read(DOC), 'action')
      .flatMap((r) => [...r[0].matchAll(/`([a-z]+:[A-Za-z0-9]+)`/g)].map((m) => m[1]))
      .sort();
    expect(documented).toEqual(granted);
  });
});

describe('README.md', () => {
  const readme = read('README.md');

  it('opens with exactly two commands: docker compose up and npm test', () => {
    const block = readme.match(/^```\n([\s\S]*?)\n```/m)?.[1] as string;
    expect(readme.indexOf('```')).toBeLessThan(readme.indexOf('\n## '));
    const commands = block.split('\n').map((l) => l.split('#')[0].trim());
    expect(commands).toEqual(['docker compose up', 'npm test']);
    expect(block).toContain('http://localhost:3000');
    expect(block).toContain('N passed, N failed');
  });

  it('links the deployment guide and the IAM policy, and shows every dashboard and panel screenshot', () => {
    expect(readme).toContain('](docs/deployment.md)');
    expect(readme).toContain('](docs/iam-policy.json)');
    const images = [...readme.matchAll(/!\[[^\]]*\]\((docs\/screenshots\/[^)]+)\)/g)].map((m) => m[1]);
    const expected = [
      ...['noc-overview', 'queues', 'quotas', 'voice-id', 'voice-connectors'].map(
        (d) => `docs/screenshots/dashboard-${d}.png`
      ),
      ...['queuewall', 'callpath'].map((p) => `docs/screenshots/panel-${p}.png`),
    ];
    expect(images).toEqual(expect.arrayContaining(expected));
  });
});

describe.each(['README.md', DOC, 'provisioning/README.md'])('links of %s', (file) => {
  it('point to files that exist, and to headings that exist', () => {
    const links = relativeLinks(file);
    expect(links.length).toBeGreaterThan(0);
    for (const { target, hash, text } of links) {
      expect([text, target, exists(target)]).toEqual([text, target, true]);
      if (hash && target.endsWith('.md')) {
        const anchors = [...read(target).matchAll(/^#{1,6} (.+)$/gm)].map((m) => anchor(m[1]));
        expect([text, `${target}#${hash}`, anchors.includes(hash)]).toEqual([text, `${target}#${hash}`, true]);
      }
    }
  });
});

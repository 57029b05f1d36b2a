/**
 * The Dockerfiles the compose file builds, against src/localstack/dockerfile-lint.ts (hadolint's
 * rules that matter here; hadolint itself does not install on this machine).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { COMPOSE_DOCKERFILES, PROJECT_ROOT } from '../../src/localstack/compose.ts';
import { lintDockerfile } from '../../src/localstack/dockerfile-lint.ts';

const rulesOf = (text: string) => lintDockerfile(text).map((f) => f.rule);

describe('the Dockerfiles compose builds', () => {
  it.each(Object.values(COMPOSE_DOCKERFILES))('%s follows the rules', (path) => {
    expect(lintDockerfile(readFileSync(`${PROJECT_ROOT}${path}`, 'utf8'))).toEqual([]);
  });

  it('installs tsx as a production dependency, which every image runs its sources with', () => {
    const pkg = JSON.parse(readFileSync(`${PROJECT_ROOT}package.json`, 'utf8'));
    expect(pkg.dependencies.tsx).toBeDefined();
    for (const path of Object.values(COMPOSE_DOCKERFILES)) {
      expect(readFileSync(`${PROJECT_ROOT}${path}`, 'utf8')).toContain('npm ci --omit=dev');
    }
  });
});

describe('lintDockerfile', () => {
  const good = [
    'FROM node:20-slim',
    'WORKDIR /app',
    'COPY . .',
    'RUN npm ci',
    'USER node',
    'CMD ["node", "main.js"]',
  ];

  it('accepts a Dockerfile that follows every rule', () => {
    expect(lintDockerfile(good.join('\n'))).toEqual([]);
  });

  it('wants a tag on the base image, and not latest (DL3006, DL3007)', () => {
    expect(rulesOf(good.join('\n').replace('node:20-slim', 'node'))).toEqual(['DL3006']);
    expect(rulesOf(good.join('\n').replace('node:20-slim', 'node:latest'))).toEqual(['DL3007']);
  });

  it('accepts a later stage built FROM an earlier one by name', () => {
    const text = [
      'FROM node:20-slim AS build',
      'RUN npm ci',
      'FROM build',
      'USER node',
      'CMD ["node"]',
    ].join('\n');
    expect(lintDockerfile(text)).toEqual([]);
  });

  it('wants a non-root USER last (DL3002)', () => {
    expect(rulesOf(good.filter((l) => !l.startsWith('USER')).join('\n'))).toEqual(['DL3002']);
    expect(rulesOf([...good, 'USER root'].join('\n'))).toEqual(['DL3002']);
  });

  it('wants CMD in exec form (DL3025)', () => {
    expect(rulesOf(good.join('\n').replace('CMD ["node", "main.js"]', 'CMD node main.js'))).toEqual(
      ['DL3025'],
    );
  });

  it('wants COPY, not ADD, for local files (DL3020), and lets ADD fetch a URL', () => {
    expect(rulesOf([...good, 'ADD src /app/src'].join('\n'))).toEqual(['DL3020']);
    expect(rulesOf([...good, 'ADD https://example.com/x.tgz /tmp/'].join('\n'))).toEqual([]);
  });

  it('wants npm ci for the project and pinned versions for named packages (NM001, DL3016)', () => {
    expect(rulesOf(good.join('\n').replace('RUN npm ci', 'RUN npm install'))).toEqual(['NM001']);
    expect(
      rulesOf(good.join('\n').replace('RUN npm ci', 'RUN npm ci && \\\n  npm i --no-save tsx')),
    ).toEqual(['DL3016']);
    expect(
      rulesOf(good.join('\n').replace('RUN npm ci', 'RUN npm i -g @scope/tool@1.2.3')),
    ).toEqual([]);
  });

  it('reports the line an instruction starts on', () => {
    const [finding] = lintDockerfile(
      ['# comment', 'FROM node', 'USER node', 'CMD ["x"]'].join('\n'),
    );
    expect(finding).toMatchObject({ rule: 'DL3006', line: 2 });
  });
});

describe('lintDockerfile on npm options and quoting', () => {
  const withRun = (run: string) =>
    ['FROM node:20-slim', run, 'USER node', 'CMD ["node"]'].join('\n');

  it('does not take an option value for a package name', () => {
    expect(rulesOf(withRun('RUN npm install --prefix /opt/tool "tool@$(cat version)"'))).toEqual(
      [],
    );
    expect(rulesOf(withRun('RUN npm install --prefix /opt/tool tool'))).toEqual(['DL3016']);
  });
});

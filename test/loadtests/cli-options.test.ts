import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import {
  collectKeyValue,
  parseFraction,
  parseProcessRoots,
  parseRateList,
  parseTarget,
  parseUrl,
  parseWhenFull,
} from '../../loadtests/cli-options.ts';

describe('load-test option parsers', () => {
  it('accept what the seed uses', () => {
    expect(parseRateList('100,200, 400,800')).toEqual([100, 200, 400, 800]);
    expect(parseFraction('0.01')).toBe(0.01);
    expect(parseTarget('localstack')).toBe('localstack');
    expect(parseWhenFull('queue')).toBe('queue');
    expect(parseUrl('http://127.0.0.1:8080')).toBe('http://127.0.0.1:8080');
    expect(collectKeyValue('skus=A,B', { detailRatio: '0.3' })).toEqual({
      detailRatio: '0.3',
      skus: 'A,B',
    });
    expect(parseProcessRoots('cloud=12,34')).toEqual([
      { label: 'cloud', pid: 12 },
      { label: 'pid-34', pid: 34 },
    ]);
  });

  it('say what they accept and what they got', () => {
    const cases: Array<[() => unknown, RegExp]> = [
      [() => parseRateList('100,0'), /rates above 0 .* got "100,0"/],
      [() => parseFraction('5'), /fraction from 0 to 1 .* got "5"/],
      [() => parseTarget('gcp'), /expected one of embedded, localstack, aws, got "gcp"/],
      [() => parseWhenFull('wait'), /expected drop or queue, got "wait"/],
      [() => parseUrl('ftp://x'), /http\(s\) URL .* got "ftp:\/\/x"/],
      [() => collectKeyValue('novalue'), /expected key=value, got "novalue"/],
      [() => parseProcessRoots('cloud=abc'), /label=pid pairs .* got "cloud=abc"/],
    ];
    for (const [parse, message] of cases) {
      expect(parse).toThrow(InvalidArgumentError);
      expect(parse).toThrow(message);
    }
  });
});

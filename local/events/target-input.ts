/**
 * What a target receives: the whole event, or the target's `Input` (fixed JSON), `InputPath`
 * (part of the event) or `InputTransformer` (a template filled from the event).
 * https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-transform-target-input.html
 */
import type { EventEnvelope } from './envelope.ts';
import { parseJsonPath, readJsonPath } from './json-path.ts';
import type { StoredTarget } from './state.ts';

export interface RuleIdentity {
  name: string;
  arn: string;
}

const PLACEHOLDER = /<([A-Za-z0-9_.-]+)>/y;

function reservedVariables(
  event: EventEnvelope,
  rule: RuleIdentity,
  ingestedAtMs: number,
): Record<string, unknown> {
  const { detail: _detail, ...withoutDetail } = event;
  return {
    'aws.events.rule-arn': rule.arn,
    'aws.events.rule-name': rule.name,
    'aws.events.event.ingestion-time': new Date(ingestedAtMs).toISOString(),
    'aws.events.event': withoutDetail,
    'aws.events.event.json': event,
  };
}

/**
 * Fills `<name>` placeholders. Inside a JSON string a string value goes in as its raw text; in a
 * value position any value goes in as JSON, so `{"state": <state>}` stays valid JSON. A path that
 * found nothing gives an empty string, or `null` in a value position.
 */
export function renderTemplate(template: string, variables: Record<string, unknown>): string {
  let output = '';
  let insideString = false;
  for (let i = 0; i < template.length; i++) {
    const char = template[i];
    if (char === '"' && !isEscaped(template, i)) insideString = !insideString;
    if (char === '<') {
      PLACEHOLDER.lastIndex = i;
      const match = PLACEHOLDER.exec(template);
      if (match && Object.hasOwn(variables, match[1])) {
        output += formatValue(variables[match[1]], insideString);
        i += match[0].length - 1;
        continue;
      }
    }
    output += char;
  }
  return output;
}

function isEscaped(text: string, index: number): boolean {
  let backslashes = 0;
  for (let i = index - 1; i >= 0 && text[i] === '\\'; i--) backslashes++;
  return backslashes % 2 === 1;
}

function formatValue(value: unknown, insideString: boolean): string {
  if (value === undefined) return insideString ? '' : 'null';
  if (insideString && typeof value === 'string') return value;
  return JSON.stringify(value);
}

/** The body delivered to one target for one event. */
export function targetPayload(
  target: StoredTarget,
  event: EventEnvelope,
  rule: RuleIdentity,
  ingestedAtMs: number,
): string {
  if (target.Input !== undefined) return target.Input;
  if (target.InputPath !== undefined) {
    const value = readJsonPath(event, parseJsonPath(target.InputPath) ?? []);
    return JSON.stringify(value ?? null);
  }
  if (target.InputTransformer) {
    const variables = reservedVariables(event, rule, ingestedAtMs);
    for (const [name, path] of Object.entries(target.InputTransformer.InputPathsMap ?? {})) {
      const value = readJsonPath(event, parseJsonPath(path) ?? []);
      variables[name] = value;
    }
    return renderTemplate(target.InputTransformer.InputTemplate, variables);
  }
  return JSON.stringify(event);
}

/** Reading `--option key=value` settings, with errors that name the option and its range. */

export function numberOption(
  options: Record<string, string>,
  name: string,
  fallback: number,
  min: number,
  max: number,
): number {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new ScenarioOptionError(
      `--option ${name}: expected a number from ${min} to ${max}, got "${raw}"`,
    );
  }
  return value;
}

export function numberListOption(
  options: Record<string, string>,
  name: string,
  fallback: number[],
): number[] {
  const raw = options[name];
  if (raw === undefined) return fallback;
  const values = raw.split(',').map(Number);
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v <= 0)) {
    throw new ScenarioOptionError(
      `--option ${name}: expected whole numbers above 0 separated by commas, got "${raw}"`,
    );
  }
  return values;
}

export class ScenarioOptionError extends Error {
  override readonly name = 'ScenarioOptionError';
}

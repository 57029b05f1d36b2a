/**
 * A small Dockerfile linter for the rules that matter to these images, named after hadolint's
 * rule ids where hadolint has one (hadolint itself is neither in Debian's archive nor bundled by
 * an npm package that installs here). It reads instructions, not shell: a finding means the
 * Dockerfile says something these rules forbid.
 */

export interface DockerfileFinding {
  rule: string;
  line: number;
  message: string;
}

interface Instruction {
  keyword: string;
  args: string;
  line: number;
}

/** Instructions with continuation lines joined; comments and blank lines dropped. */
export function parseInstructions(text: string): Instruction[] {
  const instructions: Instruction[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const [index, raw] of text.split(/\r?\n/).entries()) {
    const trimmed = raw.trim();
    if (!pending && (trimmed === '' || trimmed.startsWith('#'))) continue;
    if (pending && trimmed.startsWith('#')) continue;
    const continues = trimmed.endsWith('\\');
    const part = continues ? trimmed.slice(0, -1) : trimmed;
    pending = pending
      ? { text: `${pending.text} ${part}`, line: pending.line }
      : { text: part, line: index + 1 };
    if (continues) continue;
    const match = /^(\S+)\s*(.*)$/.exec(pending.text);
    if (match)
      instructions.push({
        keyword: match[1].toUpperCase(),
        args: match[2].trim(),
        line: pending.line,
      });
    pending = undefined;
  }
  return instructions;
}

/** `FROM [--platform=x] image[:tag|@digest] [AS name]`: the image reference. */
function imageOf(args: string): string {
  return args.split(/\s+/).find((word) => !word.startsWith('--')) ?? '';
}

function tagOf(image: string): string | undefined {
  if (image.includes('@')) return image.split('@')[1];
  const lastPart = image.split('/').pop() ?? '';
  return lastPart.includes(':') ? lastPart.split(':').pop() : undefined;
}

const NPM_INSTALL = /\bnpm\s+(?:install|i|add)\b((?:[^&;|"']|"[^"]*"|'[^']*')*)/g;
/** npm options that take the next word as their value. */
const NPM_OPTIONS_WITH_VALUE = new Set([
  '--prefix',
  '--registry',
  '--cache',
  '--workspace',
  '-w',
  '--tag',
]);

/** Shell words, quotes kept together and then removed: `"tsx@$(x 'y')"` is one word. */
function shellWords(text: string): string[] {
  const words = text.match(/(?:[^\s"']|"[^"]*"|'[^']*')+/g) ?? [];
  return words.map((word) => word.replace(/^"(.*)"$|^'(.*)'$/s, '$1$2'));
}

export function lintDockerfile(text: string): DockerfileFinding[] {
  const findings: DockerfileFinding[] = [];
  const instructions = parseInstructions(text);
  const stageNames = new Set<string>();
  let lastUser: Instruction | undefined;

  for (const instruction of instructions) {
    const { keyword, args, line } = instruction;
    if (keyword === 'FROM') {
      const image = imageOf(args);
      const alias = /\sAS\s+(\S+)/i.exec(args)?.[1];
      if (!stageNames.has(image) && image !== 'scratch') {
        const tag = tagOf(image);
        if (tag === undefined) {
          findings.push({
            rule: 'DL3006',
            line,
            message: `pin the base image with a tag: "${image}" has none`,
          });
        } else if (tag === 'latest') {
          findings.push({
            rule: 'DL3007',
            line,
            message: `"${image}" uses the latest tag; pin a version`,
          });
        }
      }
      if (alias) stageNames.add(alias);
    }
    if (keyword === 'USER') lastUser = instruction;
    if ((keyword === 'CMD' || keyword === 'ENTRYPOINT') && !args.startsWith('[')) {
      findings.push({
        rule: 'DL3025',
        line,
        message: `${keyword} in shell form runs under /bin/sh, which does not pass SIGTERM on; use the JSON form`,
      });
    }
    if (keyword === 'ADD' && !/^(?:--\S+\s+)*https?:\/\//.test(args)) {
      findings.push({
        rule: 'DL3020',
        line,
        message: 'use COPY, not ADD, for local files and folders',
      });
    }
    if (keyword === 'WORKDIR' && !args.startsWith('/') && !args.startsWith('$')) {
      findings.push({ rule: 'DL3000', line, message: `WORKDIR must be absolute, got "${args}"` });
    }
    if (keyword === 'RUN') findings.push(...lintNpmInstalls(args, line));
  }

  if (!lastUser) {
    findings.push({
      rule: 'DL3002',
      line: 0,
      message: 'no USER: the container would run as root; add USER node',
    });
  } else if (/^(root|0)(:|$)/.test(lastUser.args)) {
    findings.push({
      rule: 'DL3002',
      line: lastUser.line,
      message: 'the last USER is root; switch to a non-root user',
    });
  }
  return findings;
}

/**
 * `npm install` with no package names installs the project's dependencies: `npm ci` does that
 * from the lockfile (NM001). Named packages must carry a version (DL3016).
 */
function lintNpmInstalls(run: string, line: number): DockerfileFinding[] {
  const findings: DockerfileFinding[] = [];
  for (const match of run.matchAll(NPM_INSTALL)) {
    const words = shellWords(match[1]);
    const packages = words.filter(
      (word, i) => !word.startsWith('-') && !NPM_OPTIONS_WITH_VALUE.has(words[i - 1] ?? ''),
    );
    if (packages.length === 0) {
      findings.push({
        rule: 'NM001',
        line,
        message: 'install the project dependencies with npm ci (the lockfile), not npm install',
      });
    }
    for (const name of packages) {
      if (!/^(@[^/]+\/)?[^@\s]+@.+$/s.test(name)) {
        findings.push({
          rule: 'DL3016',
          line,
          message: `pin "${name}" to a version (${name}@x.y.z)`,
        });
      }
    }
  }
  return findings;
}

/**
 * `trailwatch init [file]`: writes a new environment file from flags or, for the answers no flag
 * gave, from questions on standard input (a terminal, or answers piped one per line). Each answer is
 * checked as it is given; the finished file is validated like every config file (together with the
 * other environments of its folder) before it is written, and an existing file is never overwritten.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as readline from 'node:readline';
import { configFiles, DEFAULT_CONFIG_PATH, loadEnvironments } from '../config/load';
import { answerSetProblems, type InitAnswers, NAMING_PREFIX_QUESTION, type Question, QUESTIONS } from './init-questions';
import { renderEnvironment } from './init-yaml';

export type Flags = Partial<Record<keyof InitAnswers, string | string[]>> & { prompt: boolean };

/** Reads answers line by line; lines that arrive before their question are kept, not lost. */
class Asker {
  private readonly rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: !!process.stdin.isTTY });
  private readonly lines = this.rl[Symbol.asyncIterator]();

  async ask(prompt: string): Promise<string | undefined> {
    process.stdout.write(prompt);
    const next = await this.lines.next();
    if (next.done) return undefined;
    if (!process.stdin.isTTY) process.stdout.write(`${next.value}\n`); // piped: show the answer next to its question
    return next.value.trim();
  }

  close(): void {
    this.rl.close();
  }
}

function split(value: string | string[] | undefined): string[] {
  return ([] as string[]).concat(value ?? []).flatMap((s) => s.split(',')).map((s) => s.trim()).filter(Boolean);
}

function store(answers: Partial<InitAnswers>, q: Question, values: string[]): void {
  (answers as Record<string, unknown>)[q.key] = q.list ? values : values[0];
}

/** Checks every value of an answer; the first problem, or undefined. */
function problemOf(q: Question, values: string[], answers: Partial<InitAnswers>): string | undefined {
  for (const [index, value] of values.entries()) {
    const problem = q.check(value, answers, index);
    if (problem) return problem;
  }
  return undefined;
}

async function collect(flags: Flags): Promise<InitAnswers> {
  const answers: Partial<InitAnswers> = {};
  const given = (q: Question) => flags[q.key] !== undefined && split(flags[q.key]).length > 0;
  // With every answer that has no default given as flags, nothing is asked (pipelines, scripts).
  const trail = flags.trail === 'existing' || (flags.trail === undefined && flags.logGroupName !== undefined) ? 'existing' : 'create';
  const needsPrompt = QUESTIONS.some((q) => !given(q) && !q.optional && !q.fallback && (q.when?.({ trail }) ?? true));
  const ask = needsPrompt && flags.prompt ? new Asker() : undefined;
  try {
    for (const q of [...QUESTIONS, NAMING_PREFIX_QUESTION]) {
      if (q.when && !q.when(answers)) {
        // A flag that the other answers make meaningless is a mistake, never silently dropped.
        if (given(q)) throw new Error(q.key === 'logArchiveRoleArn' ? `${q.flag} needs --log-archive-account-id` : `${q.flag} does not go with --trail ${answers.trail}`);
        continue;
      }
      if (given(q)) {
        const values = split(flags[q.key]);
        const problem = problemOf(q, values, answers);
        if (problem) throw new Error(`${q.flag}: ${problem}`);
        store(answers, q, values);
        continue;
      }
      const fallback = q.fallback?.(answers);
      if (!ask || q === NAMING_PREFIX_QUESTION) {
        if (fallback !== undefined) store(answers, q, [fallback]);
        else if (q.list) store(answers, q, []);
        else if (!q.optional) throw new Error(`${q.flag} is required (${q.prompt}); give it as a flag, or run trailwatch init on a terminal to be asked`);
        continue;
      }
      for (;;) {
        const hint = fallback !== undefined ? ` [${fallback}]` : q.optional ? ' [none]' : '';
        const reply = await ask.ask(`${q.prompt}${hint}: `);
        if (reply === undefined) {
          process.stdout.write('\n');
          throw new Error(`no answer for ${q.flag} (${q.prompt}): input ended`);
        }
        const values = q.list ? split(reply) : reply ? [reply] : fallback !== undefined ? [fallback] : [];
        if (values.length === 0 && !q.optional) {
          process.stdout.write(`  ${q.flag.slice(2)} is required\n`);
          continue;
        }
        const problem = problemOf(q, values, answers);
        if (!problem) {
          store(answers, q, values);
          break;
        }
        process.stdout.write(`  ${problem}\n`);
      }
    }
  } finally {
    ask?.close();
  }
  const problems = answerSetProblems(answers);
  if (problems.length) throw new Error(problems.join('\n'));
  return answers as InitAnswers;
}

/** Problems of the rendered file, validated with the other environments of its folder. */
function fileProblems(text: string, target: string): string[] {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'trailwatch-init-'));
  const draft = path.join(scratch, path.basename(target));
  fs.writeFileSync(draft, text);
  try {
    const dir = path.dirname(target);
    const others = fs.existsSync(dir) ? configFiles(dir) : [];
    const { problems } = loadEnvironments([...others, draft]);
    return problems.filter((p) => p.startsWith(draft)).map((p) => p.replace(draft, target));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

export async function initCommand(file: string | undefined, flags: Flags): Promise<void> {
  if (file !== undefined && fs.existsSync(file)) throw new Error(`${file} already exists: trailwatch init never overwrites a file; give another path`);
  const answers = await collect(flags);
  const configDir = process.env.TRAILWATCH_CONFIG && fs.statSync(process.env.TRAILWATCH_CONFIG, { throwIfNoEntry: false })?.isDirectory() ? process.env.TRAILWATCH_CONFIG : DEFAULT_CONFIG_PATH;
  const target = file ?? path.join(configDir, `${answers.name}.yaml`);
  if (fs.existsSync(target)) throw new Error(`${target} already exists: trailwatch init never overwrites a file; give another path or name`);
  const text = renderEnvironment(answers, target);
  const problems = fileProblems(text, target);
  if (problems.length) throw new Error(`the answers do not make a valid environment, nothing was written:\n${problems.join('\n')}`);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.writeFileSync(target, text, { flag: 'wx' });
  process.stdout.write(
    `trailwatch: wrote ${target}. Next: npm run synth, then npx cdktf diff trailwatch-${answers.name} and npx cdktf deploy trailwatch-${answers.name}` +
      (file && path.dirname(path.resolve(target)) !== path.resolve(configDir) ? ` (with TRAILWATCH_CONFIG=${target})` : '') +
      '\n',
  );
}

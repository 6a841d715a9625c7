import fs from "node:fs";
import path from "node:path";

/**
 * A word-level trigram language model with back-off to bigrams and unigrams, learned from the
 * public-domain texts in ./corpus. Small and real: its load reads and counts the text, and each token
 * is sampled from counts of what followed the last two tokens.
 */

const TOKEN = /[A-Za-z][A-Za-z'-]*|\d+|[.,;:!?]/g;

export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

type Counts = Map<string, Map<string, number>>;

function add(counts: Counts, context: string, next: string) {
  let followers = counts.get(context);
  if (!followers) counts.set(context, (followers = new Map()));
  followers.set(next, (followers.get(next) ?? 0) + 1);
}

/** A small deterministic generator (mulberry32), so a seed gives the same text every time. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class NgramModel {
  private readonly trigrams: Counts = new Map();
  private readonly bigrams: Counts = new Map();
  private readonly unigrams = new Map<string, number>();
  readonly vocabularySize: number;
  readonly trainingTokens: number;

  constructor(texts: string[]) {
    let total = 0;
    for (const text of texts) {
      const tokens = tokenize(text.toLowerCase());
      total += tokens.length;
      for (let i = 0; i < tokens.length; i++) {
        const t = tokens[i]!;
        this.unigrams.set(t, (this.unigrams.get(t) ?? 0) + 1);
        if (i >= 1) add(this.bigrams, tokens[i - 1]!, t);
        if (i >= 2) add(this.trigrams, `${tokens[i - 2]} ${tokens[i - 1]}`, t);
      }
    }
    this.vocabularySize = this.unigrams.size;
    this.trainingTokens = total;
  }

  static fromCorpus(dir = path.join(import.meta.dirname, "corpus")): NgramModel {
    const files = fs.readdirSync(dir).filter((f) => f.endsWith(".txt")).sort();
    return new NgramModel(files.map((f) => fs.readFileSync(path.join(dir, f), "utf8")));
  }

  /** The next token after `context`, sampled at `temperature` (0 = always the most frequent). */
  next(context: string[], random: () => number, temperature = 1): string {
    const [a, b] = context.slice(-2).map((t) => t.toLowerCase());
    const followers =
      (a && b ? this.trigrams.get(`${a} ${b}`) : undefined) ?? (b ? this.bigrams.get(b) : undefined) ?? this.unigrams;
    return sample(followers, random, temperature);
  }

  /** Yields up to `maxTokens` tokens continuing `prompt`. */
  *generate(prompt: string, maxTokens: number, random: () => number, temperature = 1): Generator<string> {
    const context = tokenize(prompt);
    for (let i = 0; i < maxTokens; i++) {
      const token = this.next(context, random, temperature);
      context.push(token);
      yield token;
    }
  }
}

function sample(counts: Map<string, number>, random: () => number, temperature: number): string {
  const entries = [...counts.entries()];
  if (temperature <= 0) return entries.reduce((best, e) => (e[1] > best[1] ? e : best))[0];
  const weights = entries.map(([, n]) => Math.pow(n, 1 / temperature));
  let r = random() * weights.reduce((s, w) => s + w, 0);
  for (let i = 0; i < entries.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return entries[i]![0];
  }
  return entries.at(-1)![0];
}

/** Joins tokens into text: a space before words, none before punctuation. */
export function detokenize(tokens: string[], first: boolean): string {
  return tokens.map((t, i) => (/^[.,;:!?]$/.test(t) || (first && i === 0) ? t : ` ${t}`)).join("");
}

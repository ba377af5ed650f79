import { WatercoolerError } from './errors.js';

/** The topics nearest to `wanted`, for "did you mean" hints (edit distance, then substring). */
export function closestTopics(wanted: string, topics: readonly string[], max = 3): string[] {
  const target = wanted.toLowerCase();
  return topics
    .map((topic) => {
      const t = topic.toLowerCase();
      const contains = t.includes(target) || target.includes(t);
      return { topic, score: distance(target, t) - (contains ? 100 : 0) };
    })
    .filter((c) => c.score <= Math.max(3, Math.floor(target.length / 2)))
    .sort((a, b) => a.score - b.score || a.topic.localeCompare(b.topic))
    .slice(0, max)
    .map((c) => c.topic);
}

function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** The error every store gives for a missing thread: where it looked, and the closest topics. */
export function threadNotFound(
  topic: string,
  where: string,
  topics: readonly string[],
): WatercoolerError {
  const near = closestTopics(topic, topics);
  return new WatercoolerError('THREAD_NOT_FOUND', `Thread "${topic}" not found ${where}.`, {
    hint:
      near.length > 0
        ? `Did you mean ${near.map((t) => `"${t}"`).join(', ')}?`
        : 'Run `watercooler list` to see the threads.',
  });
}

import { z } from 'zod';
import type { Span } from './span.ts';

// Deliberately ASCII-only: a Chinese character right after ".com" ends the address ("jane@x.com谢谢").
const emailCandidate = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const email = z.email();

/** Email addresses in `text`, lower-cased, with their positions. */
export function findEmails(text: string): Span<string>[] {
  const spans: Span<string>[] = [];
  for (const match of text.matchAll(emailCandidate)) {
    const value = match[0].toLowerCase();
    if (!email.safeParse(value).success) continue;
    spans.push({ start: match.index, end: match.index + match[0].length, value });
  }
  return spans;
}

/**
 * The distinct email addresses in a message, lower-cased, in order of appearance.
 * @example extractEmails('我的邮箱是 Jane.Doe@Example.com 谢谢') // ['jane.doe@example.com']
 */
export function extractEmails(text: string): string[] {
  return [...new Set(findEmails(text).map((span) => span.value))];
}

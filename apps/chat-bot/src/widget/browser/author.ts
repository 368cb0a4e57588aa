/**
 * Up to two letters for an avatar: first and last word's initials ("Maria Chen" → "MC"), or the
 * first character of a name written without spaces (张伟 → 张).
 * @example initials('maria de la cruz') // 'MC'
 */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  const first = words[0];
  if (!first) return '?';
  const firstChar = [...first][0] ?? '?';
  // Han, kana and hangul names are read as a whole; one character is the usual avatar.
  if (/[\u3040-\u30ff\u3400-\u9fff\uac00-\ud7af]/.test(firstChar)) return firstChar;
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const lastChar = last ? ([...last][0] ?? '') : '';
  return (firstChar + lastChar).toUpperCase();
}

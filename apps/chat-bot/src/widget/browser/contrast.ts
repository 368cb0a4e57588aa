/** A colour as `#rrggbb` or `#rgb`, parsed to 0–255 channels; null when it is neither. */
export function parseHexColor(color: string): [number, number, number] | null {
  const match = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  const hex = match?.[1];
  if (!hex) return null;
  const full = hex.length === 3 ? [...hex].map((digit) => digit + digit).join('') : hex;
  return [0, 2, 4].map((at) => parseInt(full.slice(at, at + 2), 16)) as [number, number, number];
}

function luminance([red, green, blue]: [number, number, number]): number {
  const linear = (channel: number): number => {
    const value = channel / 255;
    return value <= 0.03928 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue);
}

/**
 * WCAG 2 contrast ratio of two `#rrggbb` colours (1–21); 1 when either is not a colour.
 * @example contrastRatio('#ffffff', '#000000') // 21
 */
export function contrastRatio(foreground: string, background: string): number {
  const a = parseHexColor(foreground);
  const b = parseHexColor(background);
  if (!a || !b) return 1;
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

/** White or near-black, whichever reads better on `background`. */
export function readableTextOn(background: string): string {
  return contrastRatio('#ffffff', background) >= contrastRatio('#1f2328', background) ? '#ffffff' : '#1f2328';
}

/**
 * `color` itself when white or near-black text on it reaches `ratio`; otherwise `color` darkened
 * step by step until white text does (mid-tone shop colours such as #3b82f6 fail with both).
 * @example readableAccent('#3b82f6') // '#326fd1'
 */
export function readableAccent(color: string, ratio = 4.5): string {
  const rgb = parseHexColor(color);
  if (!rgb) return color;
  for (let step = 0; step <= 20; step += 1) {
    const factor = 1 - step * 0.05;
    const hex = `#${rgb.map((channel) => Math.round(channel * factor).toString(16).padStart(2, '0')).join('')}`;
    if (contrastRatio(readableTextOn(hex), hex) >= ratio) return hex;
  }
  return '#000000';
}

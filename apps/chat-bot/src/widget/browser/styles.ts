import { contrastRatio, parseHexColor, readableAccent, readableTextOn } from './contrast.ts';

/** The shop's colour when the script tag sets none (white text on it: 6.7:1). */
export const defaultAccent = '#1d4ed8';

/**
 * The widget's colours. Every text pair is at least 4.5:1 and every control outline at least 3:1
 * (WCAG 2.2 AA, 1.4.3 and 1.4.11); styles.test.ts checks them for the default and some shop colours.
 */
export function widgetPalette(accentColor: string | undefined) {
  const accent = readableAccent(accentColor && parseHexColor(accentColor) ? accentColor : defaultAccent);
  const onAccent = readableTextOn(accent);
  return {
    accent,
    onAccent,
    // Chips and links are accent-coloured text on white: a light shop colour would be unreadable there.
    accentOnWhite: contrastRatio(accent, '#ffffff') >= 4.5 ? accent : '#1f2328',
    text: '#1f2328',
    muted: '#57606a',
    surface: '#ffffff',
    bubble: '#eef1f4',
    border: '#6e7781',
    divider: '#d0d7de',
    error: '#b42318',
    waitingText: '#6b4500',
    waitingSurface: '#fff4d6',
    star: '#9a6700',
    badge: '#cf222e',
    onBadge: '#ffffff',
  };
}
export type WidgetPalette = ReturnType<typeof widgetPalette>;

/** The widget's style sheet, inside its shadow root (the page's CSS cannot reach in, ours cannot leak out). */
export function widgetStyles(palette: WidgetPalette): string {
  const p = palette;
  // Sizes are in px, not rem: a shop's `html { font-size: 62.5% }` must not shrink the widget.
  return `
:host { all: initial; }
.root { --accent: ${p.accent}; --on-accent: ${p.onAccent}; --accent-text: ${p.accentOnWhite}; --text: ${p.text};
  --muted: ${p.muted}; --surface: ${p.surface}; --bubble: ${p.bubble}; --border: ${p.border}; --divider: ${p.divider};
  --error: ${p.error}; font: 400 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "PingFang SC", "Hiragino Sans GB",
  "Microsoft YaHei", "Microsoft JhengHei", "Noto Sans CJK SC", sans-serif; color: var(--text); -webkit-font-smoothing: antialiased; }
.root *, .root *::before, .root *::after { box-sizing: border-box; margin: 0; font: inherit; color: inherit; }
button { cursor: pointer; background: none; border: 0; padding: 0; }
button:focus-visible, textarea:focus-visible, .scroller:focus-visible { outline: 3px solid var(--accent-text); outline-offset: 2px; }
svg { display: block; fill: currentColor; flex: none; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; }

.launcher { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; width: 60px; height: 60px; border-radius: 50%;
  background: var(--accent); color: var(--on-accent); display: grid; place-items: center;
  box-shadow: 0 6px 20px rgba(15,23,42,.28), 0 1px 3px rgba(15,23,42,.2); transition: transform .15s ease; }
.launcher:hover { transform: scale(1.05); }
.launcher:focus-visible { outline-color: var(--text); outline-offset: 3px; }
.launcher .when-open { display: none; }
.root.open .launcher .when-open { display: block; }
.root.open .launcher .when-closed { display: none; }
.badge { position: absolute; top: -4px; right: -4px; min-width: 22px; height: 22px; padding: 0 6px; border-radius: 11px;
  background: ${p.badge}; color: ${p.onBadge}; font-size: 12px; font-weight: 700; line-height: 18px; text-align: center;
  border: 2px solid #fff; }
.badge[hidden] { display: none; }

.panel { position: fixed; right: 20px; bottom: 92px; z-index: 2147483001; width: 380px; height: min(640px, calc(100vh - 112px));
  display: none; flex-direction: column; background: var(--surface); border-radius: 16px; overflow: hidden;
  box-shadow: 0 12px 48px rgba(15,23,42,.28), 0 2px 8px rgba(15,23,42,.12); }
.root.open .panel { display: flex; animation: rise .18s ease-out; }
@keyframes rise { from { opacity: 0; transform: translateY(12px); } to { opacity: 1; transform: none; } }

.header { display: flex; align-items: center; gap: 12px; padding: 14px 12px 14px 16px; background: var(--accent); color: var(--on-accent); }
.header .who { flex: 1; min-width: 0; }
.header h2 { font-size: 16px; font-weight: 650; line-height: 1.25; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.header .sub { display: flex; align-items: center; gap: 6px; font-size: 13px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }
.dot { width: 8px; height: 8px; border-radius: 50%; background: #4ade80; box-shadow: 0 0 0 2px rgba(255,255,255,.85); flex: none; }
.dot.off { background: #9ca3af; }
.header button { color: var(--on-accent); border-radius: 8px; }
.header button:hover { background: rgba(255,255,255,.16); }
.header button:focus-visible { outline-color: var(--on-accent); outline-offset: -3px; }
.icon-button { width: 40px; height: 40px; display: grid; place-items: center; }
.avatar { width: 40px; height: 40px; border-radius: 50%; display: grid; place-items: center; flex: none; font-weight: 700;
  font-size: 15px; background: rgba(255,255,255,.2); color: var(--on-accent); border: 2px solid rgba(255,255,255,.55); }
.avatar.small { width: 28px; height: 28px; font-size: 11px; border: 0; background: var(--accent); }
.avatar.small.agent { background: #374151; color: #fff; }

.connection { padding: 6px 12px; background: var(--text); color: #fff; font-size: 13px; text-align: center; }
.connection[hidden], .queue[hidden] { display: none; }
.queue { display: flex; gap: 10px; padding: 12px 16px; background: ${p.waitingSurface}; color: ${p.waitingText};
  border-bottom: 1px solid #eed9a3; font-size: 13px; }
.queue strong { display: block; font-size: 14px; font-weight: 650; }
.queue .hint { margin-top: 2px; }
.pulse { width: 10px; height: 10px; margin-top: 5px; border-radius: 50%; background: ${p.waitingText}; flex: none;
  animation: pulse 1.6s ease-in-out infinite; }
@keyframes pulse { 50% { opacity: .35; transform: scale(.8); } }

.scroller { flex: 1; overflow-y: auto; overscroll-behavior: contain; padding: 16px 14px 8px; background: var(--surface); }
.messages { list-style: none; padding: 0; display: flex; flex-direction: column; }
.row { display: flex; gap: 8px; align-items: flex-start; margin-top: 14px; }
.row.cont { margin-top: 4px; }
.row.customer { justify-content: flex-end; }
.row .avatar-slot { width: 28px; flex: none; }
.row.cont .avatar-slot .avatar { visibility: hidden; }
.stack { display: flex; flex-direction: column; align-items: flex-start; max-width: 80%; min-width: 0; }
.row.customer .stack { align-items: flex-end; }
.author { font-size: 12px; color: var(--muted); margin: 0 0 3px 2px; font-weight: 600; }
.row.cont .author { display: none; }
.bubble { padding: 9px 13px; border-radius: 18px; background: var(--bubble); white-space: pre-wrap; overflow-wrap: anywhere; }
.row.bot .bubble, .row.agent .bubble, .row.system .bubble { border-top-left-radius: 6px; }
.row.customer .bubble { background: var(--accent); color: var(--on-accent); border-top-right-radius: 6px; }
.row.failed .bubble { background: #fff; color: var(--text); border: 1px solid var(--error); }
.meta { display: flex; align-items: center; gap: 6px; font-size: 11px; color: var(--muted); margin: 3px 4px 0; }
.row.has-next:not(.failed) .meta { display: none; }
.row.customer:not(.latest):not(.failed):not(.sending) .delivery { display: none; }
.row.failed .meta { color: var(--error); font-weight: 600; }
.retry { color: var(--error); text-decoration: underline; font-size: 12px; font-weight: 600; padding: 2px; }
.note { align-self: center; text-align: center; margin: 14px 8px 0; font-size: 12px; color: var(--muted); }
.typing .bubble { display: flex; gap: 4px; padding: 14px 14px; }
.typing .bubble i { width: 7px; height: 7px; border-radius: 50%; background: var(--muted); animation: blink 1.2s infinite ease-in-out; }
.typing .bubble i:nth-child(2) { animation-delay: .15s; }
.typing .bubble i:nth-child(3) { animation-delay: .3s; }
@keyframes blink { 0%, 60%, 100% { transform: translateY(0); opacity: .55; } 30% { transform: translateY(-4px); opacity: 1; } }

.quick { padding: 4px 14px 10px; display: flex; flex-wrap: wrap; gap: 8px; justify-content: flex-end; }
.quick[hidden] { display: none; }
.chip { border: 1.5px solid var(--accent-text); color: var(--accent-text); background: #fff; border-radius: 18px;
  padding: 7px 14px; font-size: 14px; font-weight: 500; line-height: 1.3; text-align: center; }
.chip:hover { background: var(--accent); color: var(--on-accent); border-color: var(--accent); }
.chip.quiet { border-color: var(--border); color: var(--muted); }
.survey { width: 100%; border: 1px solid var(--divider); border-radius: 14px; padding: 12px 12px 10px; }
.survey .question { font-size: 13px; font-weight: 650; text-align: center; margin-bottom: 8px; }
.stars { display: flex; justify-content: center; gap: 2px; }
.star { width: 44px; height: 44px; display: grid; place-items: center; color: var(--border); border-radius: 8px; }
.star .filled { display: none; }
.stars:hover .star, .stars:focus-within .star { color: ${p.star}; }
.stars:hover .star .filled, .stars:focus-within .star .filled { display: block; }
.stars:hover .star .empty, .stars:focus-within .star .empty { display: none; }
.stars .star:hover ~ .star, .stars .star:focus ~ .star { color: var(--border); }
.stars .star:hover ~ .star .filled, .stars .star:focus ~ .star .filled { display: none; }
.stars .star:hover ~ .star .empty, .stars .star:focus ~ .star .empty { display: block; }
.scale { display: grid; gap: 4px; }
.scale .chip { padding: 8px 0; border-radius: 8px; font-variant-numeric: tabular-nums; }
.ends { display: flex; justify-content: space-between; font-size: 12px; color: var(--muted); margin-top: 6px; }
.survey .others { display: flex; justify-content: center; margin-top: 8px; }

.error { padding: 0 14px 6px; color: var(--error); font-size: 13px; }
.error:empty { display: none; }
.composer { display: flex; align-items: flex-end; gap: 8px; padding: 10px 12px 12px; border-top: 1px solid var(--divider); }
.field { flex: 1; display: flex; border: 1px solid var(--border); border-radius: 20px; padding: 9px 14px; background: #fff; }
.field:focus-within { border-color: var(--accent-text); box-shadow: 0 0 0 1px var(--accent-text); }
textarea { flex: 1; border: 0; outline: 0; resize: none; max-height: 120px; height: 21px; padding: 0; background: transparent;
  font-size: 15px; line-height: 21px; }
textarea:focus-visible { outline: 0; }
textarea::placeholder { color: var(--muted); opacity: 1; }
.send { width: 40px; height: 40px; border-radius: 50%; background: var(--accent); color: var(--on-accent); display: grid; place-items: center; flex: none; }
.send:focus-visible { outline-color: var(--accent-text); }
.footer { display: flex; justify-content: center; padding: 0 12px 8px; margin-top: -4px; }
.footer[hidden] { display: none; }
.link { font-size: 12px; color: var(--muted); text-decoration: underline; text-underline-offset: 2px; padding: 2px 6px; border-radius: 4px; }
.link:hover { color: var(--text); }

@media (max-width: 480px) {
  .launcher { right: 16px; bottom: 16px; }
  .panel { inset: 0; width: 100%; height: 100%; border-radius: 0; }
  .root.open .launcher { display: none; }
  .header { padding-top: max(14px, env(safe-area-inset-top)); }
  .panel { padding-bottom: env(safe-area-inset-bottom); }
  textarea { font-size: 16px; } /* below 16px iOS zooms the page on focus */
}
@media (prefers-reduced-motion: reduce) {
  .root *, .root *::before, .root *::after { animation: none !important; transition: none !important; }
}
@media (forced-colors: active) {
  .bubble, .chip, .launcher, .send, .field { border: 1px solid CanvasText; }
}
`;
}

/** What a key press does in the workspace. */
export type ShortcutAction = 'claimNext' | 'focusReply' | 'focusNote' | 'resolve' | 'pending' | 'next' | 'previous' | 'open' | 'help' | 'escape';

/** A command from a keyboard shortcut for the open ticket; `seq` makes each press a new one. */
export interface TicketCommand {
  action: ShortcutAction;
  seq: number;
}

/** The shortcuts, as the help dialog lists them. */
export const shortcutList: ReadonlyArray<{ keys: string[]; help: string }> = [
  { keys: ['N'], help: 'help.claimNext' },
  { keys: ['R'], help: 'help.reply' },
  { keys: ['I'], help: 'help.note' },
  { keys: ['E'], help: 'help.resolve' },
  { keys: ['P'], help: 'help.pending' },
  { keys: ['J', 'K'], help: 'help.next' },
  { keys: ['Enter'], help: 'help.open' },
  { keys: ['Ctrl', 'Enter'], help: 'help.send' },
  { keys: ['?'], help: 'help.help' },
];

interface KeyLike {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  /** Whether focus is in a text field, where letters are text, not commands. */
  inTextField: boolean;
}

/**
 * The action of a key press, or null. Letters act only outside text fields and without modifiers,
 * so typing a reply never claims a ticket; Escape works everywhere.
 * @example shortcutFor({ key: 'n', ctrlKey: false, metaKey: false, altKey: false, inTextField: false }) // 'claimNext'
 */
export function shortcutFor(event: KeyLike): ShortcutAction | null {
  if (event.key === 'Escape') return 'escape';
  if (event.inTextField || event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'n':
      return 'claimNext';
    case 'r':
      return 'focusReply';
    case 'i':
      return 'focusNote';
    case 'e':
      return 'resolve';
    case 'p':
      return 'pending';
    case 'j':
    case 'ArrowDown':
      return 'next';
    case 'k':
    case 'ArrowUp':
      return 'previous';
    case 'Enter':
      return 'open';
    case '?':
      return 'help';
    default:
      return null;
  }
}

/** Whether an element takes text (input, textarea, select, contenteditable). */
export function isTextField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  const tag = target.tagName;
  return tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || target.isContentEditable;
}

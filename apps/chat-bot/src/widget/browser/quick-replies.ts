import type { QuickReply } from '@loyaldesk/contracts/chat-events';
import { button, element, icon, icons } from './dom.ts';
import { surveyScaleOf, type SurveyScale } from './survey-scale.ts';
import type { UiStrings } from './ui-strings.ts';

/**
 * The buttons under the bot's latest message: chips, or, for a survey question, five stars (CSAT)
 * or a number scale (CES 1–7, NPS 0–10). Every button sends its quick reply exactly as the bot
 * made it (label and payload), so the server reads the same answer whichever way it is drawn.
 */
export function createQuickReplies(initialStrings: UiStrings, onPick: (reply: QuickReply) => void) {
  let strings = initialStrings;
  let shown: readonly QuickReply[] = [];
  const container = element('div', 'quick');
  container.setAttribute('role', 'group');
  container.setAttribute('aria-label', strings.quickRepliesLabel);
  container.hidden = true;

  function pick(reply: QuickReply): void {
    clear();
    onPick(reply);
  }

  function chip(reply: QuickReply, className = 'chip', label?: string): HTMLButtonElement {
    const node = button(className, { text: reply.label, ...(label ? { label } : {}) });
    node.addEventListener('click', () => pick(reply));
    return node;
  }

  function survey(scale: SurveyScale): HTMLElement {
    const card = element('div', 'survey');
    card.setAttribute('role', 'group');
    const question = element('p', 'question', strings.surveyGroup[scale.question]);
    question.id = `loyaldesk-survey-${scale.question}`;
    card.setAttribute('aria-labelledby', question.id);
    card.append(question);
    const max = scale.scores[scale.scores.length - 1]?.score ?? 0;
    if (scale.question === 'csat') {
      const stars = element('div', 'stars');
      for (const { score, reply } of scale.scores) {
        const star = button('star', { label: strings.stars(score, max) });
        star.append(icon(icons.starEmpty, 32, 'empty'), icon(icons.starFilled, 32, 'filled'));
        star.addEventListener('click', () => pick(reply));
        stars.append(star);
      }
      card.append(stars);
    } else {
      const row = element('div', 'scale');
      row.style.gridTemplateColumns = `repeat(${scale.scores.length}, minmax(0, 1fr))`;
      for (const { score, reply } of scale.scores) row.append(chip(reply, 'chip', strings.score(score, max)));
      card.append(row);
    }
    const [low, high] = strings.surveyEnds[scale.question];
    const ends = element('div', 'ends');
    ends.setAttribute('aria-hidden', 'true'); // the buttons' names already say where on the scale they are
    ends.append(element('span', undefined, low), element('span', undefined, high));
    card.append(ends);
    if (scale.others.length > 0) {
      const others = element('div', 'others');
      others.append(...scale.others.map((reply) => chip(reply, 'chip quiet')));
      card.append(others);
    }
    return card;
  }

  function clear(): void {
    shown = [];
    container.replaceChildren();
    container.hidden = true;
  }

  function show(replies: readonly QuickReply[]): void {
    if (replies.length === 0) return clear();
    shown = replies;
    const scale = surveyScaleOf(replies);
    container.replaceChildren(...(scale ? [survey(scale)] : replies.map((reply) => chip(reply))));
    container.hidden = false;
  }

  return {
    element: container,
    show,
    clear,
    /** The conversation's language changed: the survey's own words follow (the buttons' labels are the bot's). */
    setStrings(next: UiStrings): void {
      strings = next;
      container.setAttribute('aria-label', strings.quickRepliesLabel);
      if (shown.length > 0) show(shown);
    },
  };
}

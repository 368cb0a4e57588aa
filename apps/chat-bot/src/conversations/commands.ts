import { surveyQuestionSchema, type SurveyQuestion } from '@loyaldesk/contracts/chat-jobs';

/**
 * What a quick-reply button sends back: a stable, language-independent command. The label the
 * shopper sees is in their language; the payload is one of these.
 */
export type Command =
  | { kind: 'order.track' }
  | { kind: 'orders.recent' }
  | { kind: 'order.show'; orderNumber: string }
  | { kind: 'shipping.cost' }
  | { kind: 'shipping.time' }
  | { kind: 'returns.policy' }
  | { kind: 'handoff.request' }
  | { kind: 'handoff.accept' }
  | { kind: 'handoff.decline' }
  | { kind: 'menu' }
  | { kind: 'conversation.end' }
  | { kind: 'survey.answer'; question: SurveyQuestion; score: number }
  | { kind: 'survey.skip' };

type SimpleKind = Exclude<Command['kind'], 'order.show' | 'survey.answer'>;
const simpleKinds: readonly SimpleKind[] = [
  'order.track',
  'orders.recent',
  'shipping.cost',
  'shipping.time',
  'returns.policy',
  'handoff.request',
  'handoff.accept',
  'handoff.decline',
  'menu',
  'conversation.end',
  'survey.skip',
];

/** The quick-reply payload of a command. */
export function commandPayload(command: Command): string {
  switch (command.kind) {
    case 'order.show':
      return `order.show:${command.orderNumber}`;
    case 'survey.answer':
      return `survey.${command.question}.${command.score}`;
    default:
      return command.kind;
  }
}

/**
 * The command a quick-reply payload names, or null for anything else (a client may send any
 * payload the schema allows; unknown ones are treated as typed text).
 * @example parseCommand('survey.csat.5') // { kind: 'survey.answer', question: 'csat', score: 5 }
 */
export function parseCommand(payload: string): Command | null {
  if ((simpleKinds as readonly string[]).includes(payload)) return { kind: payload as SimpleKind };
  const order = /^order\.show:([A-Za-z0-9][A-Za-z0-9_-]{0,39})$/.exec(payload);
  if (order?.[1]) return { kind: 'order.show', orderNumber: order[1] };
  const survey = /^survey\.([a-z]+)\.(\d{1,2})$/.exec(payload);
  const question = surveyQuestionSchema.safeParse(survey?.[1]);
  if (survey?.[2] && question.success)
    return { kind: 'survey.answer', question: question.data, score: Number(survey[2]) };
  return null;
}

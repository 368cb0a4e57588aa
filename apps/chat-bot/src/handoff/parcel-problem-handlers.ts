import * as replies from '../answers/dialog-replies.ts';
import { replyWith, type ActionHandler, type ActionHandlers } from '../conversations/action-handler.ts';
import { catalogFor } from '../i18n/catalogs.ts';
import type { OrderVerifier } from '../identity/order-verification.ts';
import type { VerificationLimiter } from '../identity/verification-limiter.ts';
import { verifiedByOrderEmail } from '../identity/verify-email-handler.ts';
import { createHandOff, trackingReply, type HandoffDeps } from './handoff-handlers.ts';
import { afterParcelCheck } from './parcel-problem.ts';

/** `parcel_ask_email`: the one question (or its one repeat) for the order's email. */
export const parcelAskEmailHandler: ActionHandler<'parcel_ask_email'> = (action, turn) =>
  replyWith(turn, replies.parcelAskEmailReply(turn.language, action.orderNumber, action.problem, action.failures > 0));

/**
 * `parcel_verify`: checks the order's email with the same verifier, allowance and lockout as any
 * order question. A match verifies the shopper, shows what the tracking says and hands off; a miss
 * asks once more; the last miss, a locked order or a used-up allowance hands off unverified.
 */
export function createParcelVerifyHandler(
  deps: HandoffDeps & { limiter: VerificationLimiter; verifier: OrderVerifier; timeZone: string },
): ActionHandler<'parcel_verify'> {
  const handOff = createHandOff(deps);
  return async (action, turn) => {
    const { conversation, language } = turn;
    const handoff = { reason: 'sensitive_issue', issueKind: action.problem } as const;
    const allowance = await deps.limiter.consume(conversation.id, turn.origin.ip);
    const check = allowance.allowed ? await deps.verifier.verify(action.orderNumber, action.email) : null;
    const next = afterParcelCheck(check?.status ?? 'limited', action.failures);
    if (next === 'hand_off_verified' && check?.status === 'verified') {
      const order = check.order;
      const tracking = trackingReply(order, language, deps.timeZone);
      return handOff(
        { ...turn, patch: verifiedByOrderEmail(turn.patch, order) },
        { ...handoff, lead: [{ ...tracking, body: `${catalogFor(language).verified()}\n${tracking.body}` }] },
      );
    }
    if (next === 'ask_again')
      return replyWith(
        {
          patch: {
            ...turn.patch,
            pending: {
              kind: 'email_for_order',
              orderNumber: action.orderNumber,
              parcelProblem: action.problem,
              failures: action.failures + 1,
            },
          },
        },
        replies.parcelAskEmailReply(language, action.orderNumber, action.problem, true),
      );
    return handOff(turn, { ...handoff, verification: 'not_matched', lead: [replies.parcelNotVerifiedReply(language)] });
  };
}

/** The parcel-problem handlers. */
export function createParcelProblemHandlers(
  deps: Parameters<typeof createParcelVerifyHandler>[0],
): ActionHandlers<'parcel_ask_email' | 'parcel_verify'> {
  return { parcel_ask_email: parcelAskEmailHandler, parcel_verify: createParcelVerifyHandler(deps) };
}

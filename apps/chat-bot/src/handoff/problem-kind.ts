import type { IssueKind } from '@loyaldesk/contracts/issue-kind';

/** What went wrong with an order, as far as one `order.problem` message says. */
export type ProblemKind = Extract<IssueKind, 'order_missing' | 'order_damaged' | 'wrong_item' | 'order_delayed'>;

// The intent classifier already decided "this is an order problem"; these only tell which one,
// in the order checked (a broken item that was also late is a damaged item).
const patterns: Array<[ProblemKind, RegExp]> = [
  [
    'order_damaged',
    /\b(damaged?|broken|broke|cracked|smashed|crushed|dented|torn|ripped|leak(ed|ing|s)?|shattered|defective|scratched)\b|坏|壞|破|损|損|碎|裂|漏|摔|压扁|壓扁|瑕疵/i,
  ],
  [
    'wrong_item',
    /\bwrong (item|size|colou?r|product|one|thing|order)\b|\bnot what i ordered\b|\b(different|incorrect) (item|product|size|colou?r)\b|发错|發錯|寄错|寄錯|送错|送錯|不是我(买|買|订|訂)的|(颜色|顏色|尺码|尺碼|型号|型號|款式)不对|(颜色|顏色|尺码|尺碼|型号|型號|款式)不對/i,
  ],
  [
    'order_missing',
    /\b(never (arrived|came|got|received|showed up)|not received|(didn'?t|did not|haven'?t|have not|never) (receive|get)|missing|lost|stolen|(says|marked|shows|showing) (as )?delivered|no (package|parcel))\b|没收到|沒收到|没有收到|沒有收到|未收到|丢了|丟了|丢失|丟失|遗失|遺失|不见了|不見了|(显示|顯示)(已)?(签收|簽收|送达|送達)|被偷/i,
  ],
  [
    'order_delayed',
    /\b(late|delay(ed)?|slow|taking (so )?long|still (not|hasn'?t)|not (here|arrived) yet|hasn'?t (arrived|come)|overdue|stuck)\b|还没到|還沒到|还没来|還沒來|延误|延誤|延迟|延遲|太慢|怎么还没|怎麼還沒|卡住/i,
  ],
];

/**
 * Which order problem a message describes, or null when it does not say.
 * @example problemKind('the mug arrived broken') // 'order_damaged'
 */
export function problemKind(text: string): ProblemKind | null {
  for (const [kind, pattern] of patterns) if (pattern.test(text)) return kind;
  return null;
}

/** Missing and damaged parcels go to a person straight away: the bot cannot fix them. */
export function isSensitiveProblem(kind: ProblemKind | null): kind is 'order_missing' | 'order_damaged' {
  return kind === 'order_missing' || kind === 'order_damaged';
}

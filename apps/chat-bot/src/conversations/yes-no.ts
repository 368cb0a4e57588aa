const yes = new Set([
  'yes',
  'y',
  'yeah',
  'yep',
  'yup',
  'sure',
  'ok',
  'okay',
  'please',
  'yes please',
  'sure thing',
  '是',
  '是的',
  '好',
  '好的',
  '好啊',
  '可以',
  '要',
  '嗯',
  '对',
  '對',
  '行',
  '麻烦了',
  '麻煩了',
]);
const no = new Set([
  'no',
  'n',
  'nope',
  'nah',
  'no thanks',
  'no thank you',
  "no that's all",
  'that is all',
  "that's all",
  'all good',
  '不',
  '不用',
  '不要',
  '不用了',
  '没有',
  '沒有',
  '没有了',
  '沒有了',
  '不了',
  '不需要',
  '没事',
  '沒事',
  '没了',
  '沒了',
]);

/**
 * A whole-message yes or no ("yes please", "好的", "不用了"), or null for anything else, for the
 * bot's yes/no questions (talk to a person? anything else?).
 * @example yesOrNo('Yes!') // 'yes'
 */
export function yesOrNo(text: string): 'yes' | 'no' | null {
  const normalized = text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s.!?,，。！？~～]+/g, ' ')
    .replace(/[’]/g, "'")
    .trim();
  if (yes.has(normalized)) return 'yes';
  if (no.has(normalized)) return 'no';
  return null;
}

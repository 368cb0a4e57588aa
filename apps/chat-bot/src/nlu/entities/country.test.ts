import { describe, expect, it } from 'vitest';
import { extractDestinationCountry, findCountries } from './country.ts';

describe('extractDestinationCountry', () => {
  it.each([
    ['how much is shipping to Canada', 'CA'],
    ['运费多少 寄加拿大', 'CA'],
    ['寄到加拿大運費多少', 'CA'],
    ['shipping time to the UK', 'GB'],
    ['do you ship to the US?', 'US'],
    ['delivery to New Zealand', 'NZ'],
    ['寄澳洲要幾天', 'AU'],
    ['寄到澳大利亚', 'AU'],
    ['发到印度尼西亚多少钱', 'ID'],
    ['寄印度多少钱', 'IN'],
    ['寄去香港要幾日', 'HK'],
    ['寄到台灣', 'TW'],
    ['寄到臺北', 'TW'],
    ['寄到德國', 'DE'],
    ['what would postage be to Toronto', 'CA'],
    ['shipping from China to Canada', 'CA'],
    ['I live in germany, how long', 'DE'],
  ])('reads %j as %s', (text, code) => {
    expect(extractDestinationCountry(text)).toBe(code);
  });

  it('does not read the pronoun "us" as the United States', () => {
    expect(extractDestinationCountry('can you send it to us by friday')).toBeNull();
  });

  it('is null without a place', () => {
    expect(extractDestinationCountry('how much is shipping')).toBeNull();
    expect(extractDestinationCountry('运费多少')).toBeNull();
  });

  it('lists every place in order', () => {
    expect(findCountries('from Japan to Korea or 韓國').map((span) => span.value)).toEqual(['JP', 'KR', 'KR']);
  });
});

import { describe, expect, it } from 'vitest';
import { countScriptForms, detectLanguage, toSimplifiedChinese } from './language.ts';

describe('detectLanguage', () => {
  it('says English when there is no Han character, whatever the Latin text', () => {
    expect(detectLanguage('where is my order 1042')).toBe('en');
    expect(detectLanguage('¿dónde está mi pedido?')).toBe('en');
    expect(detectLanguage('1Z999AA10123456784')).toBe('en');
  });

  it('tells simplified from traditional by the characters only one script writes that way', () => {
    expect(detectLanguage('我的订单1042到哪了')).toBe('zh-Hans');
    expect(detectLanguage('我的訂單1042到哪裡了')).toBe('zh-Hant');
    expect(detectLanguage('运费多少')).toBe('zh-Hans');
    expect(detectLanguage('運費多少')).toBe('zh-Hant');
  });

  it('counts a mixed message with any Han character as Chinese', () => {
    expect(detectLanguage('my order 1042 还没到')).toBe('zh-Hans');
    expect(detectLanguage('tracking number 呢? 還沒收到')).toBe('zh-Hant');
  });

  it('reads 么 as simplified although OpenCC maps it to 幺 on the way to simplified', () => {
    expect(detectLanguage('我的package什么时候到')).toBe('zh-Hans');
    expect(detectLanguage('我的package什麼時候到')).toBe('zh-Hant');
  });

  it('defaults to simplified when every character is shared by both scripts', () => {
    expect(detectLanguage('你好')).toBe('zh-Hans');
  });

  it('keeps Taiwanese text traditional although 台 has a traditional variant 臺', () => {
    expect(detectLanguage('寄到台灣')).toBe('zh-Hant');
    expect(detectLanguage('寄到台湾')).toBe('zh-Hans');
  });
});

describe('countScriptForms', () => {
  it('counts Han characters and the script-specific ones', () => {
    expect(countScriptForms('訂單 order 1042 到了')).toEqual({ han: 4, traditionalOnly: 2, simplifiedOnly: 0 });
    expect(countScriptForms('订单到了')).toEqual({ han: 4, traditionalOnly: 0, simplifiedOnly: 2 });
  });
});

describe('toSimplifiedChinese', () => {
  it('converts traditional text character for character', () => {
    expect(toSimplifiedChinese('運費多少錢')).toBe('运费多少钱');
  });
});

import { describe, expect, it } from 'vitest';
import { extractTrackingNumbers } from './tracking-number.ts';

describe('extractTrackingNumbers', () => {
  it.each([
    ['can you track 1Z999AA10123456784', '1Z999AA10123456784', 'UPS'],
    ['单号SF1234567890123查一下', 'SF1234567890123', 'SF Express'],
    ['tracking for LX123456789CN', 'LX123456789CN', 'China Post'],
    ['rr123456785gb never arrived', 'RR123456785GB', 'Royal Mail'],
    ['USPS 9400111899223856923011', '9400111899223856923011', 'USPS'],
    ['YT1234567890123456 到哪了', 'YT1234567890123456', 'YunExpress'],
    ['LP00123456789012 cainiao', 'LP00123456789012', 'Cainiao'],
    ['GM2951234567890123 dhl', 'GM2951234567890123', 'DHL eCommerce'],
  ])('finds the carrier-style number in %j', (text, number, carrier) => {
    expect(extractTrackingNumbers(text)).toEqual([{ number, carrier }]);
  });

  it('takes a number after a tracking word, carrier unknown', () => {
    expect(extractTrackingNumbers('tracking number: 7712345678')).toEqual([{ number: '7712345678', carrier: null }]);
    expect(extractTrackingNumbers('快递单号 4301234567 查不到')).toEqual([{ number: '4301234567', carrier: null }]);
    expect(extractTrackingNumbers('運單號碼 88812345678')).toEqual([{ number: '88812345678', carrier: null }]);
  });

  it('takes long bare digit runs (courier numbers) but not order-sized ones', () => {
    expect(extractTrackingNumbers('is 771234567890 mine?')).toEqual([{ number: '771234567890', carrier: null }]);
    expect(extractTrackingNumbers('where is order 1042')).toEqual([]);
    expect(extractTrackingNumbers('订单号1042')).toEqual([]);
  });

  it('returns each number once', () => {
    expect(extractTrackingNumbers('1Z999AA10123456784 / 1z999aa10123456784')).toHaveLength(1);
  });
});

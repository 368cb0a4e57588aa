import { describe, expect, it } from 'vitest';
import { afterShipStatus, easyPostStatus } from './tracking-status.ts';

describe('afterShipStatus', () => {
  it('maps tags, and the subtags that say returned, lost or delayed', () => {
    expect(afterShipStatus('InfoReceived', 'InfoReceived_001')).toBe('label_created');
    expect(afterShipStatus('InTransit', 'InTransit_007')).toBe('in_transit');
    expect(afterShipStatus('AvailableForPickup')).toBe('out_for_delivery');
    expect(afterShipStatus('AttemptFail', 'AttemptFail_001')).toBe('failed_attempt');
    expect(afterShipStatus('Delivered', 'Delivered_001')).toBe('delivered');
    expect(afterShipStatus('Exception', 'Exception_001')).toBe('exception');
    expect(afterShipStatus('Exception', 'Exception_004')).toBe('delayed');
    expect(afterShipStatus('Exception', 'Exception_011')).toBe('returned');
    expect(afterShipStatus('Exception', 'Exception_013')).toBe('lost');
    expect(afterShipStatus('SomethingNew')).toBe('in_transit');
  });
});

describe('easyPostStatus', () => {
  it('maps statuses, and the details that say more', () => {
    expect(easyPostStatus('pre_transit', 'label_created')).toBe('label_created');
    expect(easyPostStatus('in_transit', 'arrived_at_facility')).toBe('in_transit');
    expect(easyPostStatus('in_transit', 'weather_delay')).toBe('delayed');
    expect(easyPostStatus('out_for_delivery', 'delivery_exception')).toBe('failed_attempt');
    expect(easyPostStatus('return_to_sender', 'return')).toBe('returned');
    expect(easyPostStatus('failure', 'lost')).toBe('lost');
    expect(easyPostStatus('failure', null)).toBe('exception');
    expect(easyPostStatus('delivered', 'arrived_at_destination')).toBe('delivered');
  });
});

import { describe, expect, it } from 'vitest';
import { dashboardQuerySchema, maxDashboardDays } from './metrics-api.ts';

describe('dashboardQuerySchema', () => {
  it('accepts a period of up to the longest, both days included', () => {
    expect(dashboardQuerySchema.safeParse({ from: '2026-01-01', to: '2026-01-01' }).success).toBe(true);
    expect(dashboardQuerySchema.safeParse({ from: '2025-01-01', to: '2026-01-01', tier: 'gold' }).success).toBe(true);
    expect(maxDashboardDays).toBe(366);
  });

  it('names the day that is wrong', () => {
    expect(dashboardQuerySchema.safeParse({ from: '2026-01-02', to: '2026-01-01' }).error?.issues[0]?.path).toEqual([
      'to',
    ]);
    expect(dashboardQuerySchema.safeParse({ from: '2024-12-31', to: '2026-01-01' }).error?.issues[0]?.path).toEqual([
      'from',
    ]);
    expect(dashboardQuerySchema.safeParse({ from: '2026-13-01', to: '2026-01-01' }).error?.issues[0]?.path).toEqual([
      'from',
    ]);
  });
});

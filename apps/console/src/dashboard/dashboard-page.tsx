import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { agentListResponseSchema } from '@loyaldesk/contracts/agents-api';
import { backlogAges, dashboardSchema, type Dashboard } from '@loyaldesk/contracts/metrics-api';
import { tiers, type Tier } from '@loyaldesk/contracts/tier';
import { apiRequest } from '../api/client.ts';
import { formatDuration, formatMoney, formatNps, formatPercent, lastDays } from '../format/format.ts';
import { currentLanguage, localeOf } from '../i18n/i18n.ts';
import { backlogRows, latencyTrend, slaByTierRows } from './dashboard-data.ts';

const ageColors: Record<string, string> = {
  today: '#6366f1',
  yesterday: '#4338ca',
  days2to6: '#0d9488',
  days7to29: '#d97706',
  days30plus: '#dc2626',
};
const dot = { r: 3 };
const ageOrder = (item: { dataKey?: unknown }): number => backlogAges.indexOf(item.dataKey as (typeof backlogAges)[number]);

function Kpi({ label, value, sub, testId }: { label: string; value: string; sub?: ReactNode; testId: string }) {
  return (
    <div className="kpi" data-testid={testId}>
      <div className="kpi-label">{label}</div>
      <div className="kpi-value">{value}</div>
      {sub ? <div className="kpi-sub">{sub}</div> : null}
    </div>
  );
}

function ChartCard({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={wide ? 'chart-card wide' : 'chart-card'} aria-label={title}>
      <h2>{title}</h2>
      <div className="chart-body">{children}</div>
    </section>
  );
}

const minutesTick = (minutes: number): string => formatDuration(minutes * 60);

/** The managers' dashboard: support and retention figures from GET /api/metrics, rendered as is. */
export function DashboardPage() {
  const { t } = useTranslation();
  const locale = localeOf[currentLanguage()];
  const [period, setPeriod] = useState(() => lastDays(30, new Date()));
  const [tier, setTier] = useState<Tier | ''>('');
  const [dashboard, setDashboard] = useState<Dashboard | null>(null);
  const [agentNames, setAgentNames] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);

  const load = useCallback(async () => {
    setLoading(true);
    try {
      const query = new URLSearchParams({ from: period.from, to: period.to, ...(tier ? { tier } : {}) });
      setDashboard(await apiRequest(dashboardSchema, 'GET', `/api/metrics?${query.toString()}`));
      setError(null);
    } catch (caught) {
      setError(caught instanceof Error ? caught.message : String(caught));
    } finally {
      setLoading(false);
    }
  }, [period, tier]);

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    apiRequest(agentListResponseSchema, 'GET', '/api/agents')
      .then(({ agents }) => setAgentNames(Object.fromEntries(agents.map((agent) => [agent.id, agent.name]))))
      .catch(() => undefined);
  }, []);

  const preset = (days: number): void => setPeriod(lastDays(days, new Date()));
  const tooltipDuration = (value: unknown): string => (typeof value === 'number' ? formatDuration(value * 60) : '—');
  const tooltipPercent = (value: unknown): string => (typeof value === 'number' ? formatPercent(value) : '—');

  return (
    <div className="page dashboard" aria-busy={loading}>
      <div className="page-header">
        <h1>{t('dashboard.title')}</h1>
        <form
          className="period-form"
          onSubmit={(event) => {
            event.preventDefault();
            void load();
          }}
        >
          <div className="segmented" role="group" aria-label={t('dashboard.period')}>
            <button type="button" className="button ghost" onClick={() => preset(7)}>
              {t('dashboard.last7')}
            </button>
            <button type="button" className="button ghost" onClick={() => preset(30)}>
              {t('dashboard.last30')}
            </button>
            <button type="button" className="button ghost" onClick={() => preset(90)}>
              {t('dashboard.last90')}
            </button>
          </div>
          <label className="inline-field">
            <span>{t('dashboard.from')}</span>
            <input type="date" value={period.from} max={period.to} onChange={(e) => e.target.value && setPeriod({ ...period, from: e.target.value })} />
          </label>
          <label className="inline-field">
            <span>{t('dashboard.to')}</span>
            <input type="date" value={period.to} min={period.from} onChange={(e) => e.target.value && setPeriod({ ...period, to: e.target.value })} />
          </label>
          <label className="inline-field">
            <span>{t('dashboard.tier')}</span>
            <select value={tier} onChange={(e) => setTier(e.target.value as Tier | '')}>
              <option value="">{t('dashboard.allTiers')}</option>
              {tiers.map((value) => (
                <option key={value} value={value}>
                  {t(`tier.${value}`)}
                </option>
              ))}
            </select>
          </label>
          <button type="submit" className="button">
            {t('dashboard.refresh')}
          </button>
        </form>
      </div>
      {error ? (
        <p className="form-error" role="alert">
          {t('app.error', { message: error })}
        </p>
      ) : null}
      {!dashboard ? <p className="muted pad">{t('app.loading')}</p> : <DashboardBody dashboard={dashboard} agentNames={agentNames} locale={locale} tooltipDuration={tooltipDuration} tooltipPercent={tooltipPercent} />}
    </div>
  );
}

function DashboardBody({
  dashboard,
  agentNames,
  locale,
  tooltipDuration,
  tooltipPercent,
}: {
  dashboard: Dashboard;
  agentNames: Record<string, string>;
  locale: string;
  tooltipDuration: (value: unknown) => string;
  tooltipPercent: (value: unknown) => string;
}) {
  const { t } = useTranslation();
  const d = dashboard;
  const frt = latencyTrend(d, 'firstResponseTime');
  const res = latencyTrend(d, 'resolutionTime');
  const backlog = backlogRows(d).map((row) => ({ ...row, tierLabel: t(`tier.${row.tier}`) }));
  const slaTiers = slaByTierRows(d).map((row) => ({ ...row, tierLabel: t(`tier.${row.tier}`) }));
  const repurchase = [
    { label: t('dashboard.slaMet'), rate: d.repeatPurchaseAfterTicket.slaMet.rate, tickets: d.repeatPurchaseAfterTicket.slaMet.tickets },
    { label: t('dashboard.slaBreached'), rate: d.repeatPurchaseAfterTicket.slaBreached.rate, tickets: d.repeatPurchaseAfterTicket.slaBreached.tickets },
  ];
  const delayed = [
    { label: t('dashboard.notified'), rate: d.deliveryNotices.notified.rate, shoppers: d.deliveryNotices.notified.shoppers },
    { label: t('dashboard.notNotified'), rate: d.deliveryNotices.notNotified.rate, shoppers: d.deliveryNotices.notNotified.shoppers },
  ];
  const slaTrend = d.trends.map((point) => ({ day: point.day, rate: point.slaCompliance, csat: point.csatScore }));

  return (
    <>
      <div className="kpi-grid">
        <Kpi testId="kpi-created" label={t('dashboard.created')} value={String(d.ticketsCreated)} sub={t('dashboard.resolved') + ': ' + String(d.ticketsResolved)} />
        <Kpi
          testId="kpi-first-response"
          label={t('dashboard.firstResponse')}
          value={formatDuration(d.firstResponseTime.median)}
          sub={`${t('dashboard.p90')} ${formatDuration(d.firstResponseTime.p90)} · ${t('dashboard.tickets', { count: d.firstResponseTime.count })}`}
        />
        <Kpi
          testId="kpi-resolution"
          label={t('dashboard.resolution')}
          value={formatDuration(d.resolutionTime.median)}
          sub={`${t('dashboard.p90')} ${formatDuration(d.resolutionTime.p90)} · ${t('dashboard.tickets', { count: d.resolutionTime.count })}`}
        />
        <Kpi
          testId="kpi-sla"
          label={t('dashboard.sla')}
          value={formatPercent(d.slaCompliance.overall.rate)}
          sub={`${t('dashboard.met')} ${d.slaCompliance.overall.met} · ${t('dashboard.missed')} ${d.slaCompliance.overall.breached}`}
        />
        <Kpi
          testId="kpi-csat"
          label={t('dashboard.csat')}
          value={formatPercent(d.csatScore.score)}
          sub={`${t('dashboard.responses', { count: d.csatScore.responses })}${d.csatScore.average !== null ? ` · ⌀ ${d.csatScore.average}/5` : ''}`}
        />
        <Kpi testId="kpi-ces" label={t('dashboard.ces')} value={d.customerEffortScore.average === null ? '—' : `${d.customerEffortScore.average}/7`} sub={t('dashboard.responses', { count: d.customerEffortScore.responses })} />
        <Kpi testId="kpi-nps" label={t('dashboard.nps')} value={formatNps(d.netPromoterScore.score)} sub={t('dashboard.responses', { count: d.netPromoterScore.responses })} />
        <Kpi
          testId="kpi-containment"
          label={t('dashboard.containment')}
          value={formatPercent(d.botContainmentRate.rate)}
          sub={t('dashboard.of', { part: d.botContainmentRate.containedByBot, whole: d.botContainmentRate.conversationsClosed })}
        />
        <Kpi
          testId="kpi-bot-csat"
          label={t('dashboard.botCsat')}
          value={formatPercent(d.botCsatScore.score)}
          sub={`${t('dashboard.responses', { count: d.botCsatScore.responses })}${d.botCsatScore.average !== null ? ` · ⌀ ${d.botCsatScore.average}/5` : ''}${d.botEffortScore.average !== null ? ` · CES ${d.botEffortScore.average}/7` : ''}`}
        />
        <Kpi
          testId="kpi-crr"
          label={t('dashboard.crr')}
          value={formatPercent(d.retention.customerRetentionRate)}
          sub={d.retention.status === 'computing' ? t('dashboard.retentionComputing') : `${t('dashboard.churn')} ${formatPercent(d.retention.churnRate)} · LTV ${formatMoney(d.retention.averageLifetimeValue, 'USD', locale)}`}
        />
        <Kpi testId="kpi-repeat" label={t('dashboard.repeat')} value={formatPercent(d.retention.repeatPurchaseRate)} sub={`${t('dashboard.reopen')} ${formatPercent(d.reopenRate.rate)}`} />
      </div>

      <div className="chart-grid">
        <ChartCard title={t('dashboard.frtTrend')}>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={frt} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(day: string) => day.slice(5)} />
              <YAxis tick={{ fontSize: 11 }} tickFormatter={minutesTick} width={56} />
              <Tooltip formatter={tooltipDuration} />
              <Legend />
              <Line type="monotone" dataKey="median" name={t('dashboard.median')} stroke="#4f46e5" strokeWidth={2} dot={dot} connectNulls isAnimationActive={false} />
              <Line type="monotone" dataKey="p90" name={t('dashboard.p90')} stroke="#f59e0b" strokeWidth={2} strokeDasharray="4 3" dot={dot} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('dashboard.resTrend')}>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={res} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(day: string) => day.slice(5)} />
              <YAxis tick={{ fontSize: 11 }} tickFormatter={minutesTick} width={56} />
              <Tooltip formatter={tooltipDuration} />
              <Legend />
              <Line type="monotone" dataKey="median" name={t('dashboard.median')} stroke="#0d9488" strokeWidth={2} dot={dot} connectNulls isAnimationActive={false} />
              <Line type="monotone" dataKey="p90" name={t('dashboard.p90')} stroke="#dc2626" strokeWidth={2} strokeDasharray="4 3" dot={dot} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('dashboard.slaTrend')}>
          <ResponsiveContainer width="100%" height={220}>
            <LineChart data={slaTrend} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="day" tick={{ fontSize: 11 }} tickFormatter={(day: string) => day.slice(5)} />
              <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} unit="%" width={44} />
              <Tooltip formatter={tooltipPercent} />
              <Legend />
              <Line type="monotone" dataKey="rate" name={t('dashboard.sla')} stroke="#4f46e5" strokeWidth={2} dot={dot} connectNulls isAnimationActive={false} />
              <Line type="monotone" dataKey="csat" name={t('dashboard.csat')} stroke="#16a34a" strokeWidth={2} dot={dot} connectNulls isAnimationActive={false} />
            </LineChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('dashboard.slaByTier')}>
          <ResponsiveContainer width="100%" height={220}>
            <BarChart data={slaTiers} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="tierLabel" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} unit="%" width={44} />
              <Tooltip formatter={tooltipPercent} />
              <Bar dataKey="rate" name={t('dashboard.sla')} fill="#6366f1" radius={[4, 4, 0, 0]} maxBarSize={56} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={`${t('dashboard.backlog')} · ${t('dashboard.backlogNow', { count: d.backlog.total })}`}>
          {backlog.length === 0 ? (
            <p className="muted">{t('dashboard.noData')}</p>
          ) : (
            <ResponsiveContainer width="100%" height={220}>
              <BarChart data={backlog} layout="vertical" margin={{ top: 8, right: 16, bottom: 0, left: 8 }}>
                <CartesianGrid stroke="#e5e7eb" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
                <YAxis type="category" dataKey="tierLabel" tick={{ fontSize: 11 }} width={64} />
                <Tooltip />
                <Legend itemSorter={ageOrder} />
                {backlogAges.map((age) => (
                  <Bar key={age} dataKey={age} stackId="age" name={t(`dashboard.age.${age}`)} fill={ageColors[age]} isAnimationActive={false} />
                ))}
              </BarChart>
            </ResponsiveContainer>
          )}
        </ChartCard>
        <ChartCard title={t('dashboard.retentionBySla')}>
          <p className="muted small chart-note">
            {repurchase.map((row) => `${row.label}: ${t('dashboard.tickets', { count: row.tickets })}`).join(' · ')}
          </p>
          <ResponsiveContainer width="100%" height={196}>
            <BarChart data={repurchase} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} unit="%" width={44} />
              <Tooltip formatter={tooltipPercent} />
              <Bar dataKey="rate" name={t('dashboard.repeat')} fill="#0d9488" radius={[4, 4, 0, 0]} maxBarSize={56} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
        <ChartCard title={t('dashboard.deliveryNotices')}>
          <p className="muted small chart-note" data-testid="delivery-notices">
            {t('dashboard.deliveryNoticesNote', { sent: d.deliveryNotices.noticesSent, tickets: d.deliveryNotices.proactiveTicketsOpened })}
            {' · '}
            {delayed.map((row) => t('dashboard.shoppers', { label: row.label, count: row.shoppers })).join(' · ')}
          </p>
          <ResponsiveContainer width="100%" height={196}>
            <BarChart data={delayed} margin={{ top: 8, right: 16, bottom: 0, left: 0 }}>
              <CartesianGrid stroke="#e5e7eb" vertical={false} />
              <XAxis dataKey="label" tick={{ fontSize: 11 }} />
              <YAxis domain={[0, 100]} tick={{ fontSize: 11 }} unit="%" width={44} />
              <Tooltip formatter={tooltipPercent} />
              <Bar dataKey="rate" name={t('dashboard.repeat')} fill="#7c3aed" radius={[4, 4, 0, 0]} maxBarSize={56} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </ChartCard>
      </div>

      <section className="table-card" aria-labelledby="agents-title">
        <h2 id="agents-title">{t('dashboard.agents')}</h2>
        {d.agents.length === 0 ? (
          <p className="muted">{t('dashboard.noData')}</p>
        ) : (
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{t('dashboard.agent')}</th>
                <th scope="col" className="num">{t('dashboard.assigned')}</th>
                <th scope="col" className="num">{t('dashboard.resolved')}</th>
                <th scope="col" className="num">{t('dashboard.open')}</th>
                <th scope="col" className="num">{t('dashboard.firstResponse')}</th>
                <th scope="col" className="num">{t('dashboard.resolution')}</th>
                <th scope="col" className="num">{t('dashboard.sla')}</th>
                <th scope="col" className="num">{t('dashboard.csat')}</th>
              </tr>
            </thead>
            <tbody>
              {d.agents.map((row) => (
                <tr key={row.agentId} data-agent-id={row.agentId}>
                  <th scope="row">{agentNames[row.agentId] ?? row.agentId}</th>
                  <td className="num">{row.ticketsAssigned}</td>
                  <td className="num">{row.ticketsResolved}</td>
                  <td className="num">{row.openTickets}</td>
                  <td className="num">{formatDuration(row.firstResponseTime.median)}</td>
                  <td className="num">{formatDuration(row.resolutionTime.median)}</td>
                  <td className="num">{formatPercent(row.slaCompliance.rate)}</td>
                  <td className="num">{formatPercent(row.csatScore)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </>
  );
}

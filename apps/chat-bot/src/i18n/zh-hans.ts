import type { Catalog } from './catalog.ts';

const list = (items: string[]): string => items.join('\n');
const days = (range: { min: number; max: number }): string =>
  range.min === range.max ? `${range.min}个工作日` : `${range.min}–${range.max}个工作日`;

/** Simplified Chinese texts. */
export const zhHans: Catalog = {
  greeting: ({ verified }) =>
    verified
      ? '您好！您已登录，我可以直接帮您查订单。请问需要什么帮助？'
      : '您好！我是店铺的智能助手，可以帮您查订单、运费和送达时间，也可以为您转接人工客服。',
  menu: () => '好的，请问需要什么帮助？',
  askOrderNumber: () => '没问题！请告诉我您的订单号（在订单确认邮件里，例如 #1042）。',
  askEmail: (orderNumber) => `为保护您的隐私，请告诉我订单 #${orderNumber} 下单时使用的邮箱地址。`,
  emailStillNeeded: (orderNumber) => `还需要订单 #${orderNumber} 下单时使用的邮箱地址，才能显示订单详情。`,
  verified: () => '谢谢，信息已核对。',
  parcelAskEmail: (orderNumber, problem) =>
    `${problem === 'order_damaged' ? '很抱歉商品到货时有损坏。' : '很抱歉您还没有收到包裹。'}为了让客服查看订单 #${orderNumber} 的详情，请告诉我下单时使用的邮箱地址。`,
  parcelAskEmailAgain: (orderNumber) =>
    `未能核对成功。请提供订单 #${orderNumber} 下单时使用的邮箱地址，如果不方便提供也可以告诉我。`,
  parcelTrackingLead: () => '物流信息显示：',
  parcelNotVerified: () => '没问题。我会直接转给人工客服，不在这里核对订单；客服可能会向您确认一些信息。',
  verificationFailed: () => '抱歉，订单号和邮箱地址无法匹配。请检查后再试一次。',
  verificationLimited: (seconds) => `尝试次数过多，请等待 ${seconds} 秒后再试，或转接人工客服。`,
  verificationLocked: (orderNumber, minutes) =>
    `为保护您的信息，订单 #${orderNumber} 的验证因尝试次数过多已暂停 ${minutes} 分钟。现在可以转接人工客服为您处理。`,
  order: (view) => {
    const lines = [
      `订单 #${view.number}：${zhHans.orderStatus[view.status]}（下单日期 ${view.placedOn}，合计 ${view.total}）。`,
    ];
    const items = view.items.map((item) => `${item.name} × ${item.quantity}`).join('，');
    lines.push(`商品：${items}${view.moreItems > 0 ? ` 等，另有 ${view.moreItems} 件` : ''}。`);
    if (view.shipments.length === 0) lines.push('订单尚未发货，发货后我们会通过邮件发送物流单号。');
    view.shipments.forEach((shipment, index) => {
      const label = view.shipments.length > 1 ? `包裹 ${index + 1}` : '包裹';
      const when = shipment.deliveredOn
        ? `已于 ${shipment.deliveredOn} 送达`
        : shipment.eta
          ? `预计 ${shipment.eta} 送达`
          : '暂无预计送达时间';
      lines.push(
        `${label}：${shipment.carrier} ${shipment.trackingNumber}，${zhHans.shipmentStatus[shipment.status]}，${when}。`,
      );
      for (const event of shipment.events) {
        lines.push(`  • ${event.when}${event.location ? `，${event.location}` : ''}：${event.description}`);
      }
    });
    return list(lines);
  },
  recentOrders: (views) =>
    list([
      '您最近的订单：',
      ...views.map((v) => `• #${v.number}：${zhHans.orderStatus[v.status]}，${v.total}（${v.placedOn}）`),
    ]),
  noRecentOrders: () => '您的账户里还没有订单。',
  recentOrdersNeedVerification: () => '要查看您的订单，请告诉我其中一个订单号和下单时使用的邮箱地址。',
  shippingToZone: (view) =>
    list([
      `寄往${view.zone}的运费：`,
      ...view.rates.map(
        (rate) =>
          `• ${rate.option}：${rate.cost ?? '免运费'}${rate.freeOver ? `（订单满 ${rate.freeOver} 免运费）` : ''}，${days(rate.days)}`,
      ),
    ]),
  shippingOverview: (views) =>
    list([
      '运费标准：',
      ...views.map((view) => {
        const rate = view.rates[0];
        if (!rate) return `• ${view.zone}`;
        return `• ${view.zone}：${rate.option} ${rate.cost ?? '免运费'}${rate.freeOver ? `，满 ${rate.freeOver} 免运费` : ''}`;
      }),
      '告诉我寄往哪个国家或地区，我可以列出全部配送方式。',
    ]),
  noShippingTo: (country) => `抱歉，目前暂不支持配送到${country}。`,
  deliveryEstimate: (view) =>
    list([
      view.shipsToday
        ? `现在下单（店铺时间 ${view.cutOff} 前），今天就能发货。`
        : `现在下单将于 ${view.shipsOn} 发货（店铺时间 ${view.cutOff} 后或非工作日的订单在下一个工作日发货）。`,
      ...view.estimates.map((estimate) =>
        estimate.earliest === estimate.latest
          ? `• ${estimate.option}寄往${view.zone}：预计 ${estimate.earliest} 送达`
          : `• ${estimate.option}寄往${view.zone}：预计 ${estimate.earliest} 至 ${estimate.latest} 送达`,
      ),
      ...(view.assumedZone ? ['告诉我目的地国家或地区，我可以给出对应的送达时间。'] : []),
    ]),
  returns: (view) =>
    list([
      `收货后 ${view.windowDays} 天内可以退货${view.freeReturns ? '，退货免费' : ''}。`,
      ...(view.conditions ? [view.conditions] : []),
    ]),
  fallback: () => '抱歉，我没有理解您的意思。能换个说法吗？我可以帮您查订单、物流、运费和退货。',
  offerHuman: () => '抱歉，我还是没能理解。需要为您转接人工客服吗？',
  handoffDeclined: () => '好的！请换个说法，我再试一次。',
  handoffStarted: (reason) =>
    reason === 'sensitive_issue'
      ? '非常抱歉给您带来不便。我已将问题转给人工客服处理，请留在这里，客服会在此回复您。'
      : '正在为您转接人工客服，请留在这里，客服会在此回复您。',
  alreadyWaiting: (position) =>
    position === null
      ? '您已在人工客服的排队中，客服会在这里回复您。'
      : `您已在人工客服的排队中（第 ${position} 位），客服会在这里回复您。`,
  problemDelayed: () => '抱歉让您久等了。我可以帮您查看最新物流，或为您转接人工客服。',
  problemWrongItem: () => '抱歉发错了商品！人工客服可以为您办理换货。',
  problemOther: () => '很抱歉遇到这个问题！人工客服可以帮您处理，需要为您转接吗？',
  thanks: () => '不客气！还有其他可以帮您的吗？',
  closing: () => '很高兴能帮到您！',
  ticketResolved: () => '您的问题已处理完毕。',
  surveyQuestion: (question) =>
    ({
      csat: '您对本次服务的满意度如何？（1 = 很不满意，5 = 非常满意）',
      ces: '今天获得帮助的过程是否轻松？（1 = 非常困难，7 = 非常轻松）',
      nps: '您有多大可能向朋友推荐我们？（0 = 完全不可能，10 = 非常可能）',
    })[question],
  surveyInvalid: (question) =>
    ({ csat: '请选择 1 到 5 之间的数字。', ces: '请选择 1 到 7 之间的数字。', nps: '请选择 0 到 10 之间的数字。' })[
      question
    ],
  surveyThanks: () => '感谢您的反馈！有需要随时联系我们。',
  orderStatus: {
    pending: '待付款',
    paid: '已付款，正在备货',
    processing: '正在备货',
    partially_shipped: '部分发货',
    shipped: '已发货',
    delivered: '已送达',
    cancelled: '已取消',
    refunded: '已退款',
  },
  shipmentStatus: {
    label_created: '已生成运单',
    in_transit: '运输中',
    out_for_delivery: '派送中',
    delivered: '已签收',
    failed_attempt: '派送未成功',
    delayed: '延误',
    exception: '物流异常',
    returned: '正在退回',
    lost: '已报丢失',
  },
  labels: {
    trackOrder: '查询订单',
    recentOrders: '我最近的订单',
    shippingCost: '运费',
    deliveryTime: '送达时间',
    returns: '退货',
    talkToPerson: '转人工客服',
    yesConnect: '好的，转人工',
    noRephrase: '不用，我换个说法',
    somethingElse: '还有别的问题',
    thatsAll: '没有了，谢谢',
    skip: '跳过',
    orderNumber: (orderNumber) => `订单 #${orderNumber}`,
  },
};

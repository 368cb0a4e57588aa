import type { Catalog } from './catalog.ts';

const list = (items: string[]): string => items.join('\n');
const days = (range: { min: number; max: number }): string =>
  range.min === range.max ? `${range.min}個工作天` : `${range.min}–${range.max}個工作天`;

/** Traditional Chinese texts. */
export const zhHant: Catalog = {
  greeting: ({ verified }) =>
    verified
      ? '您好！您已登入，我可以直接幫您查詢訂單。請問需要什麼協助？'
      : '您好！我是商店的智慧助理，可以幫您查詢訂單、運費和送達時間，也可以為您轉接真人客服。',
  menu: () => '好的，請問需要什麼協助？',
  askOrderNumber: () => '沒問題！請告訴我您的訂單編號（在訂單確認信裡，例如 #1042）。',
  askEmail: (orderNumber) => `為保護您的隱私，請告訴我訂單 #${orderNumber} 下單時使用的電子郵件地址。`,
  emailStillNeeded: (orderNumber) => `還需要訂單 #${orderNumber} 下單時使用的電子郵件地址，才能顯示訂單詳情。`,
  verified: () => '謝謝，資料已核對。',
  parcelAskEmail: (orderNumber, problem) =>
    `${problem === 'order_damaged' ? '很抱歉商品送達時有損壞。' : '很抱歉您還沒有收到包裹。'}為了讓客服查看訂單 #${orderNumber} 的詳情，請告訴我下單時使用的電子郵件地址。`,
  parcelAskEmailAgain: (orderNumber) =>
    `未能核對成功。請提供訂單 #${orderNumber} 下單時使用的電子郵件地址，如果不方便提供也可以告訴我。`,
  parcelTrackingLead: () => '物流資訊顯示：',
  parcelNotVerified: () => '沒問題。我會直接轉給真人客服，不在這裡核對訂單；客服可能會向您確認一些資料。',
  verificationFailed: () => '抱歉，訂單編號和電子郵件地址無法對應。請確認後再試一次。',
  verificationLimited: (seconds) => `嘗試次數過多，請等候 ${seconds} 秒後再試，或轉接真人客服。`,
  verificationLocked: (orderNumber, minutes) =>
    `為保護您的資料，訂單 #${orderNumber} 的驗證因嘗試次數過多已暫停 ${minutes} 分鐘。現在可以轉接真人客服為您處理。`,
  order: (view) => {
    const lines = [
      `訂單 #${view.number}：${zhHant.orderStatus[view.status]}（下單日期 ${view.placedOn}，總計 ${view.total}）。`,
    ];
    const items = view.items.map((item) => `${item.name} × ${item.quantity}`).join('，');
    lines.push(`商品：${items}${view.moreItems > 0 ? ` 等，另有 ${view.moreItems} 項` : ''}。`);
    if (view.shipments.length === 0) lines.push('訂單尚未出貨，出貨後我們會以電子郵件寄送物流單號。');
    view.shipments.forEach((shipment, index) => {
      const label = view.shipments.length > 1 ? `包裹 ${index + 1}` : '包裹';
      const when = shipment.deliveredOn
        ? `已於 ${shipment.deliveredOn} 送達`
        : shipment.eta
          ? `預計 ${shipment.eta} 送達`
          : '暫無預計送達時間';
      lines.push(
        `${label}：${shipment.carrier} ${shipment.trackingNumber}，${zhHant.shipmentStatus[shipment.status]}，${when}。`,
      );
      for (const event of shipment.events) {
        lines.push(`  • ${event.when}${event.location ? `，${event.location}` : ''}：${event.description}`);
      }
    });
    return list(lines);
  },
  recentOrders: (views) =>
    list([
      '您最近的訂單：',
      ...views.map((v) => `• #${v.number}：${zhHant.orderStatus[v.status]}，${v.total}（${v.placedOn}）`),
    ]),
  noRecentOrders: () => '您的帳戶裡還沒有訂單。',
  recentOrdersNeedVerification: () => '要查看您的訂單，請告訴我其中一筆訂單編號和下單時使用的電子郵件地址。',
  shippingToZone: (view) =>
    list([
      `寄往${view.zone}的運費：`,
      ...view.rates.map(
        (rate) =>
          `• ${rate.option}：${rate.cost ?? '免運費'}${rate.freeOver ? `（訂單滿 ${rate.freeOver} 免運費）` : ''}，${days(rate.days)}`,
      ),
    ]),
  shippingOverview: (views) =>
    list([
      '運費標準：',
      ...views.map((view) => {
        const rate = view.rates[0];
        if (!rate) return `• ${view.zone}`;
        return `• ${view.zone}：${rate.option} ${rate.cost ?? '免運費'}${rate.freeOver ? `，滿 ${rate.freeOver} 免運費` : ''}`;
      }),
      '告訴我寄往哪個國家或地區，我可以列出所有配送方式。',
    ]),
  noShippingTo: (country) => `抱歉，目前暫不提供配送到${country}的服務。`,
  deliveryEstimate: (view) =>
    list([
      view.shipsToday
        ? `現在下單（商店時間 ${view.cutOff} 前），今天就能出貨。`
        : `現在下單將於 ${view.shipsOn} 出貨（商店時間 ${view.cutOff} 後或非工作日的訂單於下一個工作天出貨）。`,
      ...view.estimates.map((estimate) =>
        estimate.earliest === estimate.latest
          ? `• ${estimate.option}寄往${view.zone}：預計 ${estimate.earliest} 送達`
          : `• ${estimate.option}寄往${view.zone}：預計 ${estimate.earliest} 至 ${estimate.latest} 送達`,
      ),
      ...(view.assumedZone ? ['告訴我目的地國家或地區，我可以提供對應的送達時間。'] : []),
    ]),
  returns: (view) =>
    list([
      `收貨後 ${view.windowDays} 天內可以退貨${view.freeReturns ? '，退貨免運費' : ''}。`,
      ...(view.conditions ? [view.conditions] : []),
    ]),
  fallback: () => '抱歉，我沒有理解您的意思。可以換個說法嗎？我可以幫您查詢訂單、物流、運費和退貨。',
  offerHuman: () => '抱歉，我還是沒能理解。需要為您轉接真人客服嗎？',
  handoffDeclined: () => '好的！請換個說法，我再試一次。',
  handoffStarted: (reason) =>
    reason === 'sensitive_issue'
      ? '非常抱歉造成您的不便。我已將問題轉給真人客服處理，請留在這裡，客服會在此回覆您。'
      : '正在為您轉接真人客服，請留在這裡，客服會在此回覆您。',
  alreadyWaiting: (position) =>
    position === null
      ? '您已在真人客服的排隊中，客服會在這裡回覆您。'
      : `您已在真人客服的排隊中（第 ${position} 位），客服會在這裡回覆您。`,
  problemDelayed: () => '抱歉讓您久等了。我可以幫您查看最新物流，或為您轉接真人客服。',
  problemWrongItem: () => '抱歉寄錯了商品！真人客服可以為您辦理換貨。',
  problemOther: () => '很抱歉遇到這個問題！真人客服可以協助您處理，需要為您轉接嗎？',
  thanks: () => '不客氣！還有其他需要協助的嗎？',
  closing: () => '很高興能幫上忙！',
  ticketResolved: () => '您的問題已處理完畢。',
  surveyQuestion: (question) =>
    ({
      csat: '您對這次服務的滿意度如何？（1 = 很不滿意，5 = 非常滿意）',
      ces: '今天獲得協助的過程是否輕鬆？（1 = 非常困難，7 = 非常輕鬆）',
      nps: '您有多大可能向朋友推薦我們？（0 = 完全不可能，10 = 非常可能）',
    })[question],
  surveyInvalid: (question) =>
    ({ csat: '請選擇 1 到 5 之間的數字。', ces: '請選擇 1 到 7 之間的數字。', nps: '請選擇 0 到 10 之間的數字。' })[
      question
    ],
  surveyThanks: () => '感謝您的回饋！有需要隨時聯絡我們。',
  orderStatus: {
    pending: '待付款',
    paid: '已付款，正在備貨',
    processing: '正在備貨',
    partially_shipped: '部分出貨',
    shipped: '已出貨',
    delivered: '已送達',
    cancelled: '已取消',
    refunded: '已退款',
  },
  shipmentStatus: {
    label_created: '已建立託運單',
    in_transit: '運送中',
    out_for_delivery: '配送中',
    delivered: '已簽收',
    failed_attempt: '投遞未成功',
    delayed: '延誤',
    exception: '物流異常',
    returned: '正在退回',
    lost: '已回報遺失',
  },
  labels: {
    trackOrder: '查詢訂單',
    recentOrders: '我最近的訂單',
    shippingCost: '運費',
    deliveryTime: '送達時間',
    returns: '退貨',
    talkToPerson: '轉接真人客服',
    yesConnect: '好，轉接真人',
    noRephrase: '不用，我換個說法',
    somethingElse: '還有別的問題',
    thatsAll: '沒有了，謝謝',
    skip: '略過',
    orderNumber: (orderNumber) => `訂單 #${orderNumber}`,
  },
};

/**
 * Silence periods on the clouds whose alarm rules take a daily notification window (Huawei Cloud
 * Eye, Alibaba CloudMonitor): the window is the silence's complement, one period within a day as
 * both clouds document it; a silence whose complement would cross midnight is refused up front.
 */
import { describe, expect, it } from "vitest";
import { silenceComplement, silenceWindowProblems } from "../../components/core/index.js";
import { effectiveInterval } from "../../components/alicloud/alarm-contacts.js";
import { notificationWindow } from "../../components/huaweicloud/alarm-topic.js";
import { readHuaweicloudStackConfig } from "../../stacks/huaweicloud.js";
import { readAlicloudStackConfig } from "../../stacks/alicloud.js";
import { InputError } from "../../components/core/index.js";

const silence = (from: string, to: string) => ({ from, to, severities: ["info" as const] });

describe("a silence's complement as a daily window", () => {
  it("is one period within a day: from the silence's end to its start, never ending at 00:00", () => {
    expect(silenceComplement(silence("22:00", "07:00"))).toEqual({ begin: "07:00", end: "22:00" });
    expect(silenceComplement(silence("00:00", "06:30"))).toEqual({ begin: "06:30", end: "23:59" });
    expect(silenceComplement(silence("23:00", "00:00"))).toEqual({ begin: "00:00", end: "23:00" });
    // A silence inside one day would need a window across midnight: none, and the stack refuses it.
    expect(silenceComplement(silence("01:00", "05:00"))).toBeUndefined();
    expect(silenceWindowProblems(silence("01:00", "05:00"), "tenantry:huaweicloud.notifications.silence", "Huawei Cloud")).toMatchObject([
      { path: "tenantry:huaweicloud.notifications.silence", received: "01:00-05:00", message: expect.stringMatching(/must contain midnight .* across midnight is not documented/) },
    ]);
    expect(silenceWindowProblems(silence("22:00", "07:00"), "p", "c")).toEqual([]);
    expect(silenceWindowProblems(undefined, "p", "c")).toEqual([]);
  });

  it("renders the same window on Huawei Cloud (notification window) and Alibaba Cloud (effective interval)", () => {
    expect(notificationWindow(silence("22:00", "07:00"), "info")).toEqual({ notificationBeginTime: "07:00", notificationEndTime: "22:00" });
    expect(effectiveInterval(silence("22:00", "07:00"), "info")).toBe("07:00-22:00");
    // Before, Alibaba's ended at 00:00 ("06:30-00:00"), a period across midnight.
    expect(effectiveInterval(silence("00:00", "06:30"), "info")).toBe("06:30-23:59");
    expect(effectiveInterval(silence("00:00", "06:30"), "urgent")).toBeUndefined();
  });

  it("the Huawei Cloud and Alibaba Cloud stacks refuse a silence inside one day before anything is registered", () => {
    const notifications = { silence: silence("01:00", "05:00") };
    const huawei = () =>
      readHuaweicloudStackConfig({ images: {}, natBandwidthMbps: 10, adminCidrs: ["198.51.100.0/24"], alarmEmails: ["ops@example.com"], notifications }, [], "cn-north-4");
    expect(huawei).toThrow(InputError);
    expect(huawei).toThrow(/tenantry:huaweicloud\.notifications\.silence/);
    expect(() => readAlicloudStackConfig({ images: {}, adminCidrs: ["198.51.100.0/24"], alarmEmails: ["ops@example.com"], notifications }, [])).toThrow(/tenantry:alicloud\.notifications\.silence/);
  });
});

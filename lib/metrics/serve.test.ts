import { describe, expect, it } from "vitest";
import { countOperation } from "@/lib/metrics/operations";
import { appMetrics } from "@/lib/metrics/registry";
import { isMetricsPath, metricsRefusal } from "@/lib/metrics/serve";

const TOKEN = "a-metrics-token-of-some-length";

describe("who may scrape /metrics on the public port", () => {
  it("with a token set: only a request bearing it", () => {
    const access = { token: TOKEN, production: true };
    expect(metricsRefusal(`Bearer ${TOKEN}`, access)).toBeNull();
    expect(metricsRefusal(`bearer ${TOKEN}`, access)).toBeNull();
    for (const sent of [undefined, "", TOKEN, "Bearer wrong", `Bearer ${TOKEN}x`, `Basic ${TOKEN}`]) {
      expect(metricsRefusal(sent, access)).toMatchObject({ status: 401, message: expect.stringMatching(/Authorization: Bearer <METRICS_TOKEN>/) });
    }
  });

  it("without a token: anyone in development, no one in production, with a sentence saying how to turn it on", () => {
    expect(metricsRefusal(undefined, { production: false })).toBeNull();
    expect(metricsRefusal(`Bearer ${TOKEN}`, { production: true })).toMatchObject({ status: 403, message: expect.stringMatching(/METRICS_TOKEN.*METRICS_PORT/) });
  });

  it("is /metrics, with or without a query, and nothing under it", () => {
    expect(isMetricsPath("/metrics")).toBe(true);
    expect(isMetricsPath("/metrics?x=1")).toBe(true);
    expect(isMetricsPath("/metricsx")).toBe(false);
    expect(isMetricsPath("/metrics/a")).toBe(false);
  });
});

describe("operation counters", () => {
  const value = async (name: string, labels: Record<string, string>) => {
    const metric = await appMetrics().registry.getSingleMetric(name)!.get();
    return metric.values.find((v) => Object.entries(labels).every(([k, l]) => v.labels[k] === l))?.value ?? 0;
  };

  it("count booking writes by code, their 409s again as conflicts, and leave reads and other slices alone", async () => {
    const request = { id: "requestSession", tag: "Booking", method: "POST" };
    countOperation(request, "OK", 201);
    countOperation(request, "SLOT_TAKEN", 409);
    countOperation(request, "VALIDATION_FAILED", 422);
    countOperation({ id: "listMySessions", tag: "Booking", method: "GET" }, "OK", 200);
    countOperation({ id: "launchLab", tag: "Labs", method: "POST" }, "OK", 202);
    expect(await value("mingle_booking_operations_total", { operation: "requestSession", code: "OK" })).toBe(1);
    expect(await value("mingle_booking_operations_total", { operation: "requestSession", code: "SLOT_TAKEN" })).toBe(1);
    expect(await value("mingle_booking_conflicts_total", { operation: "requestSession", code: "SLOT_TAKEN" })).toBe(1);
    expect(await value("mingle_booking_conflicts_total", { operation: "requestSession", code: "VALIDATION_FAILED" })).toBe(0);
    expect(await value("mingle_booking_operations_total", { operation: "listMySessions" })).toBe(0);
    expect(await value("mingle_booking_operations_total", { operation: "launchLab" })).toBe(0);
  });
});

import { getMetricsFromIterator, type PromHistogramData, type PromMetrics } from "prom2javascript";

/**
 * /metrics as a Prometheus server reads it: the text format, parsed by a library that is not
 * prom-client (a line it cannot parse fails the scrape).
 */
export async function scrapeMetrics(url: string, token?: string): Promise<PromMetrics> {
  const response = await fetch(url, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (response.status !== 200) throw new Error(`${url} answered ${response.status}: ${await response.text()}`);
  const lines = (await response.text()).split("\n").filter((l) => l.trim() !== "");
  return getMetricsFromIterator(lines[Symbol.iterator]());
}

/** The sum of a counter's or gauge's samples with these labels (0 when there is none); for a histogram, of their counts. */
export function sampleSum(metrics: PromMetrics, name: string, labels: Record<string, string> = {}): number {
  const metric = metrics[name];
  if (!metric) return 0;
  const samples = metric.data as Array<{ labels: Record<string, string>; value?: number } & Partial<PromHistogramData>>;
  return samples.filter((s) => Object.entries(labels).every(([k, v]) => s.labels[k] === v)).reduce((sum, s) => sum + Number(metric.type === "histogram" ? s.count : s.value), 0);
}

import { describe, expect, it } from "vitest";
import { ndcgAtK, precisionAtK, quantile } from "./metrics";

describe("precisionAtK", () => {
  const relevant = new Set(["a", "c", "e"]);
  it("counts relevant ids among the first k", () => {
    expect(precisionAtK(["a", "b", "c", "d", "e"], relevant, 5)).toBe(0.6);
    expect(precisionAtK(["a", "b", "c", "d", "e"], relevant, 2)).toBe(0.5);
    expect(precisionAtK(["b", "d"], relevant, 2)).toBe(0);
  });
  it("counts a short list's gap as misses", () => {
    expect(precisionAtK(["a"], relevant, 5)).toBe(0.2);
    expect(precisionAtK([], relevant, 5)).toBe(0);
  });
});

describe("ndcgAtK", () => {
  it("is 1 for the ideal order and 0 with no hits", () => {
    const gains = new Map([
      ["a", 2],
      ["b", 1],
    ]);
    expect(ndcgAtK(["a", "b", "x"], gains, 3)).toBe(1);
    expect(ndcgAtK(["x", "y"], gains, 3)).toBe(0);
  });
  it("discounts by log2 of the position", () => {
    // binary: one relevant at rank 2 → (1/log2 3) / 1
    expect(ndcgAtK(["x", "a"], new Map([["a", 1]]), 10)).toBeCloseTo(1 / Math.log2(3), 10);
    // graded, swapped: DCG = 1 + 2/log2 3, IDCG = 2 + 1/log2 3
    const gains = new Map([
      ["a", 2],
      ["b", 1],
    ]);
    expect(ndcgAtK(["b", "a"], gains, 2)).toBeCloseTo((1 + 2 / Math.log2(3)) / (2 + 1 / Math.log2(3)), 10);
  });
  it("only looks at the first k, for both the list and the ideal", () => {
    const gains = new Map([
      ["a", 1],
      ["b", 1],
      ["c", 1],
    ]);
    expect(ndcgAtK(["a", "x", "b"], gains, 1)).toBe(1);
    expect(ndcgAtK(["x", "a"], gains, 1)).toBe(0);
  });
  it("is 0 when nothing is relevant", () => {
    expect(ndcgAtK(["a"], new Map(), 10)).toBe(0);
  });
});

describe("quantile", () => {
  it("interpolates between ranks", () => {
    expect(quantile([3, 1, 2], 0.5)).toBe(2);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.95)).toBeCloseTo(4.8, 10);
  });
});

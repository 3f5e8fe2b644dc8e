import { describe, expect, it } from "vitest";
import { errorResponse, statusFor } from "@/lib/http";
import { overloaded } from "./admission";

describe("an OVERLOADED refusal at the edge", () => {
  it("is a 503 that says when to come back, with a sentence", async () => {
    const res = errorResponse(overloaded());
    expect(res.status).toBe(503);
    expect(statusFor("OVERLOADED")).toBe(503);
    expect(res.headers.get("retry-after")).toBe("2");
    expect(await res.json()).toEqual({ error: { code: "OVERLOADED", message: expect.stringMatching(/^Mingle is very busy right now/) } });
  });

  it("other refusals carry no Retry-After", () => {
    expect(errorResponse({ code: "NOT_FOUND", message: "No." }).headers.get("retry-after")).toBeNull();
  });
});

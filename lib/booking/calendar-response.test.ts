import { describe, expect, it } from "vitest";
import { fail, ok } from "@/lib/errors";
import { calendarResponse } from "./api";
import { calendarFile } from "./calendar-file";

describe("calendarResponse", () => {
  it("turns the domain's calendar file into a private attachment", async () => {
    const r = await calendarResponse(Promise.resolve(ok(calendarFile("BEGIN:VCALENDAR", "mingle.ics"))));
    expect(r).toBeInstanceOf(Response);
    const res = r as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/calendar; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="mingle.ics"');
    expect(res.headers.get("cache-control")).toBe("private, no-store");
    expect(await res.text()).toBe("BEGIN:VCALENDAR");
  });

  it("passes a failure on for endpoint() to map", async () => {
    expect(await calendarResponse(Promise.resolve(fail("NOT_FOUND", "gone")))).toEqual({ ok: false, code: "NOT_FOUND", message: "gone" });
  });
});

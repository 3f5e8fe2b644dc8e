import { describe, expect, it } from "vitest";
import { parseShowStat } from "./haproxy-admin";

describe("parseShowStat", () => {
  it("returns each server's check status, without the front- and back-end summary rows", () => {
    const csv = [
      "# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,wredis,status,weight",
      "app,FRONTEND,,,0,1,4096,3,0,0,0,0,0,,,,,OPEN,",
      "processes,p1,0,0,0,1,,2,0,0,,0,,0,0,0,0,UP,1",
      "processes,p2,0,0,0,1,,1,0,0,,0,,0,0,0,0,DOWN 1/2,1",
      "processes,BACKEND,0,0,0,1,410,3,0,0,0,0,,0,0,0,0,UP,2",
      "",
    ].join("\n");
    expect(parseShowStat(csv)).toEqual([
      { proxy: "processes", server: "p1", status: "UP" },
      { proxy: "processes", server: "p2", status: "DOWN 1/2" },
    ]);
  });

  it("says so when the answer is not show stat's CSV", () => {
    expect(() => parseShowStat("Permission denied\n")).toThrow(/no pxname, svname or status column/);
  });
});

import { describe, expect, it } from "vitest";
import { fileName, isText, labPath, parseListing, parseResolved, relativeTo, rootOf } from "@/lib/labs/lab-paths";

describe("lab paths", () => {
  it("keeps paths under their root and refuses .., control characters and long names", () => {
    expect(labPath("/home/lab", "")).toEqual({ ok: true, value: "/home/lab" });
    expect(labPath("/lab", "./a//b/")).toEqual({ ok: true, value: "/lab/a/b" });
    for (const bad of ["..", "a/../../etc", "a\u0000b", "x\ny", "a".repeat(256)]) expect(labPath("/home/lab", bad)).toMatchObject({ ok: false, code: "FILE_PATH_REFUSED" });
    expect(labPath("/lab", Array(300).fill("abcd").join("/"))).toMatchObject({ ok: false, message: "A path may be at most 1024 bytes long." });
    expect(fileName("notes.txt").ok).toBe(true);
    expect(fileName("a/b").ok).toBe(false);
  });

  it("says which root a resolved path lies under, and nothing for a look-alike", () => {
    expect(rootOf("/home/lab")).toBe("/home/lab");
    expect(rootOf("/lab/x/y")).toBe("/lab");
    expect(rootOf("/labx")).toBeUndefined();
    expect(rootOf("/home/lab2/x")).toBeUndefined();
    expect(rootOf("/etc/passwd")).toBeUndefined();
    expect(relativeTo("/lab", "/lab/a/b")).toBe("a/b");
  });

  it("parses the resolver's answer, the path last so a line break in a name cannot shift the fields", () => {
    expect(parseResolved("missing\n")).toMatchObject({ exists: false });
    expect(parseResolved("file\n100 4096\n12\n/home/lab/a\nb\n")).toEqual({ exists: true, type: "file", freeBytes: 409600, size: 12, resolved: "/home/lab/a\nb" });
    expect(parseResolved("garbage")).toBeNull();
  });

  it("parses a listing, folders first, and leaves out lines that do not parse", () => {
    const out = "regular file|3|1700000000|b.txt\ndirectory|60|1700000000|src\nsymbolic link|4|1700000000|ln\nregular empty file|0|1700000000|a\nbroken line\n";
    expect(parseListing(out).map((e) => [e.name, e.type])).toEqual([
      ["src", "dir"],
      ["a", "file"],
      ["b.txt", "file"],
      ["ln", "symlink"],
    ]);
  });

  it("tells text from binary", () => {
    expect(isText(Buffer.from("héllo\n"))).toBe(true);
    expect(isText(Buffer.from([0x61, 0, 0x62]))).toBe(false);
    expect(isText(Buffer.from([0xff, 0xfe]))).toBe(false);
  });
});

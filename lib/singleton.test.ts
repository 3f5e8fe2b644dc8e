import { describe, expect, it } from "vitest";
import { forget, remember } from "./singleton";

describe("remember", () => {
  it("creates a value once per name and hands the same one back", () => {
    let made = 0;
    const a = remember("test:once", () => ({ n: ++made }));
    const b = remember("test:once", () => ({ n: ++made }));
    expect(b).toBe(a);
    expect(made).toBe(1);
  });

  it("keeps values apart by name, and forget drops one", () => {
    const one = remember("test:one", () => "one");
    expect(remember("test:two", () => "two")).toBe("two");
    forget("test:one");
    expect(remember("test:one", () => "again")).toBe("again");
    expect(one).toBe("one");
  });

  it("remembers a falsy value instead of creating it again", () => {
    let made = 0;
    remember("test:zero", () => (made++, 0));
    remember("test:zero", () => (made++, 0));
    expect(made).toBe(1);
  });
});

import { describe, expect, it } from "vitest";
import type { UserView } from "@/lib/auth/schema";
import type { ProfileRepo } from "./repo";
import type { ProfileRecord } from "./rules";
import { getProfile, updateProfile, type ProfileDeps } from "./service";

const record = (userId: string, visibility: ProfileRecord["visibility"]): ProfileRecord => ({
  userId,
  name: userId,
  email: `${userId}@mingle.test`,
  headline: "",
  company: "Moby Inc.",
  bio: "",
  timeZone: "UTC",
  visibility,
  offerTags: [],
  seekTags: [],
});
const viewer = (id: string, role: UserView["role"] = "ATTENDEE"): UserView => ({ id, email: `${id}@mingle.test`, name: id, role });

function deps(records: ProfileRecord[], met: Array<[string, string]> = []) {
  const rows = new Map(records.map((r) => [r.userId, r]));
  const updates: unknown[] = [];
  let changes = 0;
  const profiles: ProfileRepo = {
    find: async (id) => rows.get(id) ?? null,
    update: async (id, data) => {
      updates.push(data);
      return { ...rows.get(id)!, ...data };
    },
  };
  const d: ProfileDeps = {
    profiles,
    render: (md) => md,
    connected: async (a, b) => met.some(([x, y]) => (x === a && y === b) || (x === b && y === a)),
    changed: () => void changes++,
  };
  return { d, updates, changes: () => changes };
}

describe("getProfile", () => {
  it("answers a hidden profile like a missing one, so hiding cannot be probed", async () => {
    const { d } = deps([record("hid", "HIDDEN")]);
    const hidden = await getProfile(d, viewer("eve"), "hid");
    const missing = await getProfile(d, viewer("eve"), "nobody");
    expect(hidden).toEqual({ ok: false, code: "NOT_FOUND", message: "No such profile." });
    expect(missing).toEqual(hidden);
  });

  it("shows a hidden profile in full to someone the owner met, and to organizers", async () => {
    const { d } = deps([record("hid", "HIDDEN")], [["hid", "ada"]]);
    const met = await getProfile(d, viewer("ada"), "hid");
    const organizer = await getProfile(d, viewer("org", "ORGANIZER"), "hid");
    expect(met.ok && met.value.email).toBe("hid@mingle.test");
    expect(organizer.ok && organizer.value.company).toBe("Moby Inc.");
  });
});

describe("updateProfile", () => {
  it("stores normalized tags and says the profile changed", async () => {
    const { d, updates, changes } = deps([record("ada", "FULL")]);
    const r = await updateProfile(d, viewer("ada"), { offerTags: ["Kubernetes", "kubernetes"], seekTags: [] });
    expect(r.ok && r.value.offerTags).toEqual(["kubernetes"]);
    expect(updates).toEqual([{ offerTags: ["kubernetes"], seekTags: [] }]);
    expect(changes()).toBe(1);
  });

  it("names the field of the side with a bad tag and stores nothing", async () => {
    const { d, updates } = deps([record("ada", "FULL")]);
    const r = await updateProfile(d, viewer("ada"), { seekTags: ["ok", "!!!"] });
    expect(r.ok ? null : [r.code, Object.keys(r.fields ?? {})]).toEqual(["VALIDATION_FAILED", ["seekTags.1"]]);
    expect(updates).toEqual([]);
  });
});

import { afterEach, describe, expect, it } from "vitest";
import { launchableTemplate } from "@/lib/labs/launchable";
import { labTemplates } from "@/lib/labs/templates";
import { labTemplateNames } from "@/lib/offers/deps";
import { forget } from "@/lib/singleton";
import { ALICE, BOB, fakeTemplateDeps, ORGANIZER, SHELL_YAML } from "@/lib/testing/template-deps";
import { disableTemplate } from "./disable-template";
import { enableTemplate } from "./enable-template";
import { listAllTemplates } from "./list-all-templates";
import { listMyTemplates } from "./list-my-templates";
import { saveTemplateVersion } from "./save-template-version";
import { tryTemplate } from "./try-template";
import { validateTemplate } from "./validate-template";

// People's own templates, use case by use case, on fakes: versions, line-and-column problems,
// images, the catalogue join, Try it and an organizer's disable.
afterEach(() => {
  forget("labs.templates");
  forget("templates.parsed");
});

const engineUp = async () => ({ ok: true, runtimes: ["runc"], version: "test" }) as never;

describe("saving versions", () => {
  it("keeps every save as the next version, and the catalogue holds each as u-<id>-v<n>", async () => {
    const { deps } = fakeTemplateDeps();
    const v1 = await saveTemplateVersion(deps, ALICE, { yaml: SHELL_YAML });
    if (!v1.ok) throw new Error(v1.message);
    expect(v1.value).toMatchObject({ number: 1, name: `u-${v1.value.templateId}-v1`, title: "My shell" });
    const v2 = await saveTemplateVersion(deps, ALICE, { templateId: v1.value.templateId, yaml: SHELL_YAML.replace("My shell", "My shell, again") });
    expect(v2.ok && v2.value.number).toBe(2);
    const names = [...labTemplates().keys()];
    expect(names).toContain(`u-${v1.value.templateId}-v1`);
    expect(names).toContain(`u-${v1.value.templateId}-v2`);
    expect(names).toContain("shell");
    expect(labTemplates().get(`u-${v1.value.templateId}-v1`)?.title).toBe("My shell");
    const mine = await listMyTemplates(deps, ALICE);
    expect(mine.ok && mine.value.items[0]).toMatchObject({ title: "My shell, again", latest: { number: 2 }, versions: [{ number: 1 }, { number: 2 }] });
    expect((await listMyTemplates(deps, BOB)).ok && (await listMyTemplates(deps, BOB))).toMatchObject({ value: { items: [] } });
  });

  it("refuses another person's template", async () => {
    const { deps } = fakeTemplateDeps();
    const v1 = await saveTemplateVersion(deps, ALICE, { yaml: SHELL_YAML });
    if (!v1.ok) throw new Error(v1.message);
    expect(await saveTemplateVersion(deps, BOB, { templateId: v1.value.templateId, yaml: SHELL_YAML })).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await saveTemplateVersion(deps, BOB, { templateId: "nope", yaml: SHELL_YAML })).toMatchObject({ ok: false, code: "USER_TEMPLATE_NOT_FOUND" });
  });

  it("gives each problem its line and column, and saves nothing", async () => {
    const { deps, repo } = fakeTemplateDeps();
    const bad = SHELL_YAML.replace('    command: ["sleep", "inf"]\n', '    command: ["sleep", "inf"]\n    capabilities: [CAP_SYS_ADMIN]\n');
    const checked = await validateTemplate(deps, ALICE, { yaml: bad });
    expect(checked.ok && checked.value.problems).toEqual([
      expect.objectContaining({ line: 5, column: 5, field: "services.0.capabilities", message: expect.stringContaining("is refused in container mode") }),
    ]);
    const saved = await saveTemplateVersion(deps, ALICE, { yaml: bad });
    expect(saved).toMatchObject({ ok: false, code: "TEMPLATE_INVALID", message: expect.stringContaining("line 5, column 5: services.0.capabilities") });
    expect(await repo.countByAuthor(ALICE.id)).toBe(0);
    const syntax = await validateTemplate(deps, ALICE, { yaml: "services:\n  - name: [\n" });
    expect(syntax.ok && syntax.value.problems[0]).toMatchObject({ field: "(yaml)", line: expect.any(Number) });
  });

  it("refuses an image that is not on the lab hosts, at its line, unless its registry is allowed", async () => {
    const yaml = SHELL_YAML.replace("mingle/busybox:1", "127.0.0.1:5000/team/tools:2");
    const { deps } = fakeTemplateDeps();
    const r = await saveTemplateVersion(deps, ALICE, { yaml });
    expect(r).toMatchObject({
      ok: false,
      code: "TEMPLATE_INVALID",
      fields: { "yaml.services.0.image": expect.stringMatching(/^line 3, column 5: "127.0.0.1:5000\/team\/tools:2" is not on the lab hosts/) },
    });
    const allowed = fakeTemplateDeps({ registries: ["127.0.0.1:5000"] });
    expect((await saveTemplateVersion(allowed.deps, ALICE, { yaml })).ok).toBe(true);
  });
});

describe("try it", () => {
  it("launches the version for its author only, by its catalogue name", async () => {
    const { deps, launched } = fakeTemplateDeps();
    const v1 = await saveTemplateVersion(deps, ALICE, { yaml: SHELL_YAML });
    if (!v1.ok) throw new Error(v1.message);
    const at = { id: v1.value.templateId, version: 1 };
    expect((await tryTemplate(deps, ALICE, at)).ok).toBe(true);
    expect(launched).toEqual([{ user: ALICE, name: v1.value.name }]);
    expect(await tryTemplate(deps, BOB, at)).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await tryTemplate(deps, ALICE, { ...at, version: 9 })).toMatchObject({ ok: false, code: "USER_TEMPLATE_NOT_FOUND" });
  });
});

describe("disabling", () => {
  it("is for organizers; a disabled template refuses launches with the reason and leaves the offer form's choices", async () => {
    const { deps } = fakeTemplateDeps();
    const v1 = await saveTemplateVersion(deps, ALICE, { yaml: SHELL_YAML });
    if (!v1.ok) throw new Error(v1.message);
    const id = v1.value.templateId;
    expect(labTemplateNames(ALICE.id)).toContain(v1.value.name);
    expect(labTemplateNames(BOB.id)).not.toContain(v1.value.name);
    expect(await disableTemplate(deps, BOB, id, "no")).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await listAllTemplates(deps, BOB)).toMatchObject({ ok: false, code: "FORBIDDEN" });

    const disabled = await disableTemplate(deps, ORGANIZER, id, "Mines cryptocurrency");
    expect(disabled.ok && disabled.value).toMatchObject({ disabled: { reason: "Mines cryptocurrency" }, versions: 1 });
    const launch = await launchableTemplate({ templates: labTemplates, engineStatus: engineUp }, v1.value.name);
    expect(launch).toMatchObject({ ok: false, code: "TEMPLATE_DISABLED", message: 'The lab template "My shell" was disabled by an organizer: Mines cryptocurrency' });
    expect(await tryTemplate(deps, ALICE, { id, version: 1 })).toMatchObject({ ok: false, code: "TEMPLATE_DISABLED" });
    expect(labTemplateNames(ALICE.id)).not.toContain(v1.value.name);

    await enableTemplate(deps, ORGANIZER, id);
    expect((await launchableTemplate({ templates: labTemplates, engineStatus: engineUp }, v1.value.name)).ok).toBe(true);
  });
});

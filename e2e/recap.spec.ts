import { expect, json, person, test } from "./fixtures";
import { pastSession, userId } from "./past-session";

/**
 * The attendee recap: a session that took place earlier today (written to the database as the app
 * would have left it: the demo's sessions all lie ahead), then the recap lists the person met with
 * their e-mail and a card to download; a card of someone never met is refused with a sentence.
 */
test("an attendee downloads the card of someone they met, and cannot get one of someone they did not", async ({ browser, request }) => {
  const ada = await person(browser, request, "recap-ada");
  const bob = await person(browser, request, "recap-bob");
  const eve = await person(browser, request, "recap-eve");
  const offer = await json<{ id: string }>(await bob.api.post("/api/v1/offers", { data: { title: "Recap: Swarm secrets", description: "Rotate them.", tags: ["swarm"] } }), 201);
  const sessionId = await pastSession(ada.user.email, bob.user.email, offer.id);

  await ada.page.goto("/recap");
  await expect(ada.page.getByRole("heading", { name: "Your recap", level: 1 })).toBeVisible();
  const met = ada.page.getByRole("region", { name: "People you met" }).getByTestId("person-contact").filter({ hasText: bob.user.name });
  await expect(met).toBeVisible();
  await expect(met.getByRole("link", { name: bob.user.email })).toBeVisible();
  const download = ada.page.waitForEvent("download");
  await met.getByRole("link", { name: "Download card (.vcf)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe(`${bob.user.name.replace(/[^\w.-]+/g, "-")}.vcf`);
  const card = await (await import("node:fs/promises")).readFile((await file.path())!, "utf8");
  expect(card).toMatch(/^BEGIN:VCARD\r\nVERSION:4\.0\r\n/);
  expect(card).toContain(`FN:${bob.user.name}\r\n`);
  expect(card).toContain(`EMAIL;TYPE=work:${bob.user.email}\r\n`);

  // The session's own recap page, and the whole file of cards.
  await ada.page.goto(`/recap/${sessionId}`);
  await expect(ada.page.getByRole("heading", { name: "Recap: Swarm secrets" })).toBeVisible();
  const all = await ada.api.get("/api/v1/recap/vcards");
  expect(all.status()).toBe(200);
  expect(all.headers()["content-type"]).toBe("text/vcard; charset=utf-8");
  expect((await all.text()).match(/BEGIN:VCARD/g)).toHaveLength(1);

  // Eve never met Ada: no card either way, the same sentence whether the person exists or not.
  const refused = await eve.api.get(`/api/v1/recap/people/${encodeURIComponent(bob.user.email)}/vcard`);
  expect(refused.status()).toBe(404);
  const bobId = await userId(bob.user.email);
  const notMet = await eve.api.get(`/api/v1/recap/people/${bobId}/vcard`);
  expect(notMet.status()).toBe(404);
  expect(await notMet.json()).toEqual({ error: { code: "NOT_MET", message: "You can only download the card of someone you met at a Mingle session." } });
  expect(await (await eve.api.get(`/api/v1/recap/people/no-such-person/vcard`)).json()).toEqual(await (await eve.api.get(`/api/v1/recap/people/${bobId}/vcard`)).json());
  await eve.page.goto("/recap");
  await expect(eve.page.getByText("Nobody yet")).toBeVisible();
  for (const p of [ada, bob, eve]) await p.context.close();
});

import { expect, signInContext, signUpViaApi, test, uniqueUser } from "./fixtures";

test("publish an offer with a lab; another attendee finds it misspelt, sees it For you, and vetoes a card for good", async ({ browser, request }) => {
  const alice = uniqueUser("offer-a");
  const bruno = uniqueUser("offer-b");
  await signUpViaApi(request, alice);
  await signUpViaApi(request, bruno);
  const title = `Firecracker microVMs as container sandboxes ${Date.now().toString(36)}`;

  // Alice fills in her profile and publishes an offer with a lab template.
  const a = await browser.newContext();
  await signInContext(a, alice.email, alice.password);
  const pa = await a.newPage();
  await pa.goto("/profile");
  await pa.getByLabel("Headline").fill("Sandboxing untrusted code for a living");
  await pa.getByLabel("Company").fill("Sandbox Inc.");
  await pa.getByLabel("Bio").fill("I run **microVMs** under containers. <script>alert(1)</script> <img src=x onerror=alert(1)>");
  await pa.getByLabel("Topics I can help with").fill("container security");
  await pa.getByLabel("Topics I want to learn").fill("Python");
  await pa.getByRole("button", { name: "Save profile" }).click();
  await expect(pa.getByRole("status")).toHaveText("Saved");

  await pa.goto("/offers/mine");
  await pa.getByLabel("Title").fill("ab");
  await pa.getByRole("button", { name: "Publish offer" }).click();
  await expect(pa.getByText("Title needs at least 3 characters.", { exact: true })).toBeVisible();
  await pa.getByLabel("Title").fill(title);
  await pa.getByLabel("Description").fill("We boot a **Firecracker** microVM and run a container inside. [docs](javascript:alert(1))");
  await pa.getByLabel("Tags").fill("container-security, sandboxing");
  await pa.getByLabel("Level").selectOption("DEEP_DIVE");
  await pa.getByLabel("Session length").selectOption("30");
  await pa.getByLabel("Lab template").selectOption("shell");
  await pa.getByRole("button", { name: "Publish offer" }).click();
  await expect(pa.getByRole("status")).toContainText("Published");
  await expect(pa.getByTestId("my-offer").filter({ hasText: title })).toContainText("Live lab: shell");

  // Bruno seeks container security and offers Python: a mutual match with Alice.
  const b = await browser.newContext();
  await signInContext(b, bruno.email, bruno.password);
  const profile = await b.request.patch("/api/v1/profile", { data: { seekTags: ["container-security"], offerTags: ["python"] } });
  expect(profile.status()).toBe(200);
  const pb = await b.newPage();
  await pb.goto("/offers");
  await pb.getByLabel("Search offers").pressSequentially("firecraker", { delay: 40 });
  const hit = pb.getByTestId("offer-card").filter({ hasText: title });
  await expect(hit).toBeVisible();
  await expect(pb.getByTestId("search-summary")).toContainText("similar spellings");
  await expect(pb.getByTestId("search-corrected")).toHaveText("Showing results for firecracker");

  await hit.getByRole("link", { name: title }).click();
  await expect(pb.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(pb.getByText("Live lab: shell")).toBeVisible();
  const description = pb.getByTestId("offer-description");
  await expect(description.locator("strong")).toHaveText("Firecracker");
  await expect(description.locator('a[href^="javascript"]')).toHaveCount(0);

  // The tabs take the keyboard: the arrow keys move to and choose the next one, Home the first.
  await pb.goto("/offers");
  const tabs = pb.getByRole("tablist", { name: "Offers" }).getByRole("tab");
  await tabs.first().focus();
  await pb.keyboard.press("ArrowRight");
  await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
  await expect(tabs.nth(1)).toBeFocused();
  await expect(pb.getByTestId("for-you")).toBeVisible();
  await pb.keyboard.press("Home");
  await expect(tabs.first()).toHaveAttribute("aria-selected", "true");
  await expect(pb.getByLabel("Search offers")).toBeVisible();

  await pb.goto("/offers?tab=for-you");
  const forYou = pb.getByTestId("for-you");
  const mine = forYou.getByTestId("offer-card").filter({ hasText: title });
  await expect(mine).toBeVisible();
  await expect(mine.getByTestId("offer-reason")).toContainText("container security");
  await expect(mine.getByTestId("mutual-badge")).toBeVisible();

  const other = forYou.getByTestId("offer-card").filter({ hasNotText: title }).first();
  const vetoedId = await other.getAttribute("data-offer-id");
  expect(vetoedId).toBeTruthy();
  // The card goes at once; wait for the veto to be saved before reloading.
  const saved = pb.waitForResponse((r) => r.url().endsWith(`/api/v1/offers/${vetoedId}/veto`) && r.request().method() === "POST");
  await other.getByRole("button", { name: /Not for me/ }).click();
  expect((await saved).status()).toBe(204);
  await expect(forYou.locator(`[data-offer-id="${vetoedId}"]`)).toHaveCount(0);
  await pb.reload();
  await expect(pb.getByTestId("for-you").getByTestId("offer-card").filter({ hasText: title })).toBeVisible();
  await expect(pb.locator(`[data-offer-id="${vetoedId}"]`)).toHaveCount(0);

  // Alice's bio rendered safely on her public profile.
  await pb.goto(`/offers`);
  await pb.getByLabel("Search offers").fill(title.split(" ").slice(0, 2).join(" "));
  await pb.getByTestId("offer-card").filter({ hasText: title }).getByRole("link", { name: alice.name }).click();
  await expect(pb.getByTestId("bio").locator("strong")).toHaveText("microVMs");
  await expect(pb.getByTestId("bio").locator("script, img")).toHaveCount(0);

  // Bruno cannot edit Alice's offer.
  const id = (await pb.getByTestId("offer-card").filter({ hasText: title }).getAttribute("data-offer-id"))!;
  const patch = await b.request.patch(`/api/v1/offers/${id}`, { data: { title: "Mine now" } });
  expect(patch.status()).toBe(403);
  expect((await patch.json()).error.code).toBe("OFFER_NOT_YOURS");

  await a.close();
  await b.close();
});

test("bad offer input gets clear 4xx errors", async ({ signedInPage: page }) => {
  const post = (data: unknown) => page.request.post("/api/v1/offers", { data });
  const empty = await post({ title: "" });
  expect(empty.status()).toBe(422);
  expect((await empty.json()).error.fields.title).toBe("Title needs at least 3 characters.");
  const level = await post({ title: "Valid title", level: "guru" });
  expect((await level.json()).error.fields.level).toBe("Level is one of INTRO, PRACTITIONER or DEEP_DIVE.");
  const tags = await post({ title: "Valid title", tags: Array.from({ length: 100 }, (_, i) => `t${i}`) });
  expect(tags.status()).toBe(422);
  expect((await tags.json()).error.fields.tags).toMatch(/at most 8 tags/);
  const lab = await post({ title: "Valid title", labTemplate: "nope" });
  expect((await lab.json()).error.fields.labTemplate).toMatch(/no lab template "nope"/);
  const long = await post({ title: "x".repeat(121) });
  expect(long.status()).toBe(422);
});

import { expect, test, uniqueUser } from "./fixtures";

test("sign up, sign out, sign in and see the conference home", async ({ page }) => {
  const user = uniqueUser("signup");
  await page.goto("/signup");
  await page.getByLabel("Name").fill(user.name);
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page).toHaveURL(/\/profile\?welcome=1/);
  await expect(page.getByTestId("current-user")).toHaveText(user.name);

  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await expect(page.getByTestId("current-user")).toHaveCount(0);

  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill(user.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/$/);
  await expect(page.getByRole("heading", { name: `Welcome, ${user.name.split(" ")[0]}` })).toBeVisible();
  await expect(page.getByTestId("conference-name")).toHaveText("DockerCon Mingle (demo)");
  await expect(page.getByTestId("mingle-hours").getByRole("listitem")).toHaveCount(3);
});

test("a wrong password shows an error on the page", async ({ page, user }) => {
  await page.goto("/signin");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill("not my password at all");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByTestId("form-error")).toHaveText("E-mail or password is incorrect.");
  await expect(page).toHaveURL(/\/signin/);
});

test("sign-up with a taken e-mail and a short password shows field errors", async ({ page, user }) => {
  await page.goto("/signup");
  await page.getByLabel("Name").fill("Someone Else");
  await page.getByLabel("E-mail").fill(user.email);
  await page.getByLabel("Password").fill("short");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("Password needs at least 10 characters.").first()).toBeVisible();
  await page.getByLabel("Password").fill("a perfectly long password");
  await page.getByRole("button", { name: "Create account" }).click();
  await expect(page.getByText("An account with this e-mail already exists. Sign in instead.").first()).toBeVisible();
});

for (const path of ["/offers", "/sessions", "/labs", "/profile"]) {
  test(`an anonymous visit to ${path} redirects to sign-in`, async ({ page }) => {
    await page.goto(path);
    await expect(page).toHaveURL(new RegExp(`/signin\\?callbackUrl=${encodeURIComponent(path)}`));
  });
}

test("organizers see the Organizer tab; attendees do not and are turned away", async ({ page, signedInPage: _ }) => {
  await page.goto("/");
  await expect(page.getByRole("link", { name: "Offers" }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: "Organizer" })).toHaveCount(0);
  await page.goto("/organizer");
  await expect(page).toHaveURL(/\/\?denied=organizer/);
});

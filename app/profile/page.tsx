import type { Metadata } from "next";
import { PageTitle } from "@/components/ui/card";
import { ProfileForm } from "@/components/profiles/profile-form";
import { profileDeps } from "@/lib/profiles/deps";
import { completeness } from "@/lib/profiles/rules";
import { getProfile } from "@/lib/profiles/service";
import { requireUser } from "@/lib/session";
import { curatedTags } from "@/lib/tags/rules";

export const metadata: Metadata = { title: "Your profile" };
export const dynamic = "force-dynamic";

export default async function ProfilePage({ searchParams }: { searchParams: Promise<{ welcome?: string }> }) {
  const user = await requireUser("/profile");
  const { welcome } = await searchParams;
  const profile = await getProfile(profileDeps(), user, user.id);
  if (!profile.ok) throw new Error(profile.message);
  const p = profile.value;
  const meter = completeness({ headline: p.headline, company: p.company ?? "", bio: p.bio ?? "", offerTags: p.offerTags, seekTags: p.seekTags });
  return (
    <div>
      <PageTitle title={welcome ? "Welcome! Tell people what you know" : "Your profile"} subtitle="Topics you offer and seek drive search and your recommendations." />
      <ProfileForm profile={p} meter={meter} tags={curatedTags().map((t) => ({ slug: t.slug, label: t.label }))} />
    </div>
  );
}

import Link from "next/link";
import { buttonClass } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/card";

export default function NotFound() {
  return (
    <EmptyState title="This page does not exist">
      <p>The link may be old, or what it pointed to was removed.</p>
      <Link href="/" className={buttonClass("secondary", "mt-4")}>
        Back to the start
      </Link>
    </EmptyState>
  );
}

import { endpoint } from "@/lib/api/handler";
import { offerOperations } from "@/lib/offers/api";
import { recommendDeps } from "@/lib/offers/deps";
import { peopleFor } from "@/lib/offers/recommend";

export const GET = endpoint(offerOperations.people, ({ user, query }) => peopleFor(recommendDeps(), user.id, query.limit));

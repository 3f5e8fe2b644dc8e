import { endpoint } from "@/lib/api/handler";
import { offerOperations } from "@/lib/offers/api";
import { recommendDeps } from "@/lib/offers/deps";
import { recommendationsFor } from "@/lib/offers/recommend";

export const GET = endpoint(offerOperations.recommendations, ({ user, query }) => recommendationsFor(recommendDeps(), user.id, query.limit));

import { endpoint } from "@/lib/api/handler";
import { offerOperations } from "@/lib/offers/api";
import { offerDeps } from "@/lib/offers/deps";
import { createOffer, searchOfferList } from "@/lib/offers/service";

export const GET = endpoint(offerOperations.search, ({ user, query }) => searchOfferList(offerDeps(), query, user));
export const POST = endpoint(offerOperations.create, ({ user, body }) => createOffer(offerDeps(), user, body));

import { endpoint } from "@/lib/api/handler";
import { offerOperations } from "@/lib/offers/api";
import { offerDeps } from "@/lib/offers/deps";
import { listMyOffers } from "@/lib/offers/service";

export const GET = endpoint(offerOperations.mine, ({ user }) => listMyOffers(offerDeps(), user));

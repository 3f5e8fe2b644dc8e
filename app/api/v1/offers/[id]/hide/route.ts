import { endpoint } from "@/lib/api/handler";
import { offerOperations } from "@/lib/offers/api";
import { offerDeps } from "@/lib/offers/deps";
import { hideOffer, unhideOffer } from "@/lib/offers/service";

export const POST = endpoint(offerOperations.hide, ({ user, params, body }) => hideOffer(offerDeps(), user, params.id, body.reason));
export const DELETE = endpoint(offerOperations.unhide, ({ user, params }) => unhideOffer(offerDeps(), user, params.id));

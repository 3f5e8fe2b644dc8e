import { endpoint } from "@/lib/api/handler";
import { offerOperations } from "@/lib/offers/api";
import { offerDeps } from "@/lib/offers/deps";
import { unvetoOffer, vetoOffer } from "@/lib/offers/service";

export const POST = endpoint(offerOperations.veto, ({ user, params }) => vetoOffer(offerDeps(), user, params.id));
export const DELETE = endpoint(offerOperations.unveto, ({ user, params }) => unvetoOffer(offerDeps(), user, params.id));

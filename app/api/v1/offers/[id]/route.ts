import { endpoint } from "@/lib/api/handler";
import { offerOperations } from "@/lib/offers/api";
import { offerDeps } from "@/lib/offers/deps";
import { deleteOffer, getOffer, updateOffer } from "@/lib/offers/service";

export const GET = endpoint(offerOperations.get, ({ user, params }) => getOffer(offerDeps(), user, params.id));
export const PATCH = endpoint(offerOperations.update, ({ user, params, body }) => updateOffer(offerDeps(), user, params.id, body));
export const DELETE = endpoint(offerOperations.delete, ({ user, params }) => deleteOffer(offerDeps(), user, params.id));

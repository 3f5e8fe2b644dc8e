import type { CurrentConference } from "@/lib/conference/current-conference";
import type { RecapRepo } from "./repo";

export interface RecapDeps {
  repo: RecapRepo;
  conference: () => Promise<CurrentConference | null>;
  now: () => Date;
  publicUrl: string;
}
